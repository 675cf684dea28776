/* The FO tree: libxml2 elements to arena msp_fo_node, with the element
 * vocabulary, the structural rules (what may contain what), text nodes,
 * non-formatting attributes and the id table. Styles are fo_inherit.c's;
 * reading XML safely is fo_load.c's. */
#include "fo/fo_private.h"

#include <string.h>

static const char *const kind_names[MSP_FO_KIND_COUNT] = {
    [MSP_FO_TEXT] = "#text",
    [MSP_FO_ROOT] = "root",
    [MSP_FO_LAYOUT_MASTER_SET] = "layout-master-set",
    [MSP_FO_DECLARATIONS] = "declarations",
    [MSP_FO_BOOKMARK_TREE] = "bookmark-tree",
    [MSP_FO_BOOKMARK] = "bookmark",
    [MSP_FO_BOOKMARK_TITLE] = "bookmark-title",
    [MSP_FO_SIMPLE_PAGE_MASTER] = "simple-page-master",
    [MSP_FO_REGION_BODY] = "region-body",
    [MSP_FO_REGION_BEFORE] = "region-before",
    [MSP_FO_REGION_AFTER] = "region-after",
    [MSP_FO_REGION_START] = "region-start",
    [MSP_FO_REGION_END] = "region-end",
    [MSP_FO_PAGE_SEQUENCE_MASTER] = "page-sequence-master",
    [MSP_FO_SINGLE_PAGE_MASTER_REFERENCE] = "single-page-master-reference",
    [MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE] = "repeatable-page-master-reference",
    [MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES] = "repeatable-page-master-alternatives",
    [MSP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE] = "conditional-page-master-reference",
    [MSP_FO_PAGE_SEQUENCE] = "page-sequence",
    [MSP_FO_TITLE] = "title",
    [MSP_FO_STATIC_CONTENT] = "static-content",
    [MSP_FO_FLOW] = "flow",
    [MSP_FO_BLOCK] = "block",
    [MSP_FO_BLOCK_CONTAINER] = "block-container",
    [MSP_FO_LIST_BLOCK] = "list-block",
    [MSP_FO_LIST_ITEM] = "list-item",
    [MSP_FO_LIST_ITEM_LABEL] = "list-item-label",
    [MSP_FO_LIST_ITEM_BODY] = "list-item-body",
    [MSP_FO_TABLE] = "table",
    [MSP_FO_TABLE_COLUMN] = "table-column",
    [MSP_FO_TABLE_HEADER] = "table-header",
    [MSP_FO_TABLE_FOOTER] = "table-footer",
    [MSP_FO_TABLE_BODY] = "table-body",
    [MSP_FO_TABLE_ROW] = "table-row",
    [MSP_FO_TABLE_CELL] = "table-cell",
    [MSP_FO_INLINE] = "inline",
    [MSP_FO_WRAPPER] = "wrapper",
    [MSP_FO_BASIC_LINK] = "basic-link",
    [MSP_FO_PAGE_NUMBER] = "page-number",
    [MSP_FO_PAGE_NUMBER_CITATION] = "page-number-citation",
    [MSP_FO_PAGE_NUMBER_CITATION_LAST] = "page-number-citation-last",
    [MSP_FO_LEADER] = "leader",
    [MSP_FO_EXTERNAL_GRAPHIC] = "external-graphic",
    [MSP_FO_CHARACTER] = "character",
    [MSP_FO_FOOTNOTE] = "footnote",
    [MSP_FO_FOOTNOTE_BODY] = "footnote-body",
    [MSP_FO_MARKER] = "marker",
    [MSP_FO_RETRIEVE_MARKER] = "retrieve-marker",
    [MSP_FO_INSTREAM_FOREIGN_OBJECT] = "instream-foreign-object",
    [MSP_FO_CHANGE_BAR_BEGIN] = "change-bar-begin",
    [MSP_FO_CHANGE_BAR_END] = "change-bar-end",
    [MSP_FO_INLINE_CONTAINER] = "inline-container",
    [MSP_FO_FLOAT] = "float",
};

static const char *const qualified_names[MSP_FO_KIND_COUNT] = {
#define Q(k, s) [k] = "fo:" s
    Q(MSP_FO_ROOT, "root"), Q(MSP_FO_LAYOUT_MASTER_SET, "layout-master-set"),
    Q(MSP_FO_DECLARATIONS, "declarations"), Q(MSP_FO_BOOKMARK_TREE, "bookmark-tree"),
    Q(MSP_FO_BOOKMARK, "bookmark"), Q(MSP_FO_BOOKMARK_TITLE, "bookmark-title"),
    Q(MSP_FO_SIMPLE_PAGE_MASTER, "simple-page-master"), Q(MSP_FO_REGION_BODY, "region-body"),
    Q(MSP_FO_REGION_BEFORE, "region-before"), Q(MSP_FO_REGION_AFTER, "region-after"),
    Q(MSP_FO_REGION_START, "region-start"), Q(MSP_FO_REGION_END, "region-end"),
    Q(MSP_FO_PAGE_SEQUENCE_MASTER, "page-sequence-master"),
    Q(MSP_FO_SINGLE_PAGE_MASTER_REFERENCE, "single-page-master-reference"),
    Q(MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE, "repeatable-page-master-reference"),
    Q(MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES, "repeatable-page-master-alternatives"),
    Q(MSP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE, "conditional-page-master-reference"),
    Q(MSP_FO_PAGE_SEQUENCE, "page-sequence"), Q(MSP_FO_TITLE, "title"),
    Q(MSP_FO_STATIC_CONTENT, "static-content"), Q(MSP_FO_FLOW, "flow"), Q(MSP_FO_BLOCK, "block"),
    Q(MSP_FO_BLOCK_CONTAINER, "block-container"), Q(MSP_FO_LIST_BLOCK, "list-block"),
    Q(MSP_FO_LIST_ITEM, "list-item"), Q(MSP_FO_LIST_ITEM_LABEL, "list-item-label"),
    Q(MSP_FO_LIST_ITEM_BODY, "list-item-body"), Q(MSP_FO_TABLE, "table"),
    Q(MSP_FO_TABLE_COLUMN, "table-column"), Q(MSP_FO_TABLE_HEADER, "table-header"),
    Q(MSP_FO_TABLE_FOOTER, "table-footer"), Q(MSP_FO_TABLE_BODY, "table-body"),
    Q(MSP_FO_TABLE_ROW, "table-row"), Q(MSP_FO_TABLE_CELL, "table-cell"), Q(MSP_FO_INLINE, "inline"),
    Q(MSP_FO_WRAPPER, "wrapper"), Q(MSP_FO_BASIC_LINK, "basic-link"), Q(MSP_FO_PAGE_NUMBER, "page-number"),
    Q(MSP_FO_PAGE_NUMBER_CITATION, "page-number-citation"),
    Q(MSP_FO_PAGE_NUMBER_CITATION_LAST, "page-number-citation-last"), Q(MSP_FO_LEADER, "leader"),
    Q(MSP_FO_EXTERNAL_GRAPHIC, "external-graphic"), Q(MSP_FO_CHARACTER, "character"),
    Q(MSP_FO_FOOTNOTE, "footnote"), Q(MSP_FO_FOOTNOTE_BODY, "footnote-body"), Q(MSP_FO_MARKER, "marker"),
    Q(MSP_FO_RETRIEVE_MARKER, "retrieve-marker"),
    Q(MSP_FO_INSTREAM_FOREIGN_OBJECT, "instream-foreign-object"),
    Q(MSP_FO_CHANGE_BAR_BEGIN, "change-bar-begin"), Q(MSP_FO_CHANGE_BAR_END, "change-bar-end"),
    Q(MSP_FO_INLINE_CONTAINER, "inline-container"), Q(MSP_FO_FLOAT, "float"),
#undef Q
    [MSP_FO_TEXT] = "text",
};

/* XSL 1.1 formatting objects outside the subset */
static const char *const unsupported_elements[] = {
    "multi-switch", "multi-case", "multi-toggle", "multi-properties",
    "multi-property-set", "table-and-caption", "table-caption", "initial-property-set", "color-profile",
    "bidi-override", "index-page-number-prefix", "index-page-number-suffix",
    "index-range-begin", "index-range-end", "index-key-reference", "index-page-citation-list",
    "index-page-citation-list-separator", "index-page-citation-range-separator", "folio-prefix", "folio-suffix", "page-sequence-wrapper", "scaling-value-citation",
    "flow-map", "flow-assignment", "flow-source-list", "flow-name-specifier", "flow-target-list",
    "region-name-specifier", "retrieve-table-marker", "footnote-citation",
};

static GHashTable *element_index;   /* local name -> kind + 1, or -1 for unsupported */

static gpointer build_element_index(gpointer unused)
{
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    for (int k = MSP_FO_ROOT; k < MSP_FO_KIND_COUNT; k++)
        g_hash_table_insert(h, (gpointer)kind_names[k], GINT_TO_POINTER(k + 1));
    for (size_t i = 0; i < G_N_ELEMENTS(unsupported_elements); i++)
        g_hash_table_insert(h, (gpointer)unsupported_elements[i], GINT_TO_POINTER(-1));
    element_index = h;
    return h;
}

/* kind, or -1 = a known XSL object outside the subset, -2 = unknown */
static int element_kind(const char *local)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, build_element_index, NULL);
    int v = GPOINTER_TO_INT(g_hash_table_lookup(element_index, local));
    return v == 0 ? -2 : v == -1 ? -1 : v - 1;
}

const char *msp_fo_kind_name(msp_fo_kind kind)
{
    return (unsigned)kind < MSP_FO_KIND_COUNT ? qualified_names[kind] : "fo:?";
}

bool msp_fo_is_inline(const msp_fo_node *node)
{
    switch (node->kind) {
    case MSP_FO_TEXT: case MSP_FO_INLINE: case MSP_FO_WRAPPER: case MSP_FO_BASIC_LINK:
    case MSP_FO_PAGE_NUMBER: case MSP_FO_PAGE_NUMBER_CITATION: case MSP_FO_PAGE_NUMBER_CITATION_LAST:
    case MSP_FO_LEADER: case MSP_FO_EXTERNAL_GRAPHIC: case MSP_FO_CHARACTER: case MSP_FO_FOOTNOTE:
    case MSP_FO_INSTREAM_FOREIGN_OBJECT: case MSP_FO_CHANGE_BAR_BEGIN: case MSP_FO_CHANGE_BAR_END:
    case MSP_FO_INLINE_CONTAINER: case MSP_FO_FLOAT:
        return true;
    default:
        return false;
    }
}

const char *msp_fo_attr_value(const msp_fo_node *node, const char *name)
{
    for (int i = 0; i < node->n_attrs; i++)
        if (strcmp(node->attrs[i].name, name) == 0)
            return node->attrs[i].value;
    return NULL;
}

void msp_fo_doc_free(msp_fo_doc *doc)
{
    if (doc && doc->ids) {
        g_hash_table_destroy(doc->ids);
        doc->ids = NULL;
    }
}

/* ---- structure ---- */

static bool block_context(msp_fo_kind k)
{
    switch (k) {
    case MSP_FO_FLOW: case MSP_FO_STATIC_CONTENT: case MSP_FO_BLOCK: case MSP_FO_BLOCK_CONTAINER:
    case MSP_FO_LIST_ITEM_LABEL: case MSP_FO_LIST_ITEM_BODY: case MSP_FO_TABLE_CELL:
    case MSP_FO_FOOTNOTE_BODY: case MSP_FO_MARKER: case MSP_FO_INLINE: case MSP_FO_WRAPPER:
    case MSP_FO_BASIC_LINK: case MSP_FO_INLINE_CONTAINER: case MSP_FO_FLOAT:
        return true;
    default:
        return false;
    }
}

static bool inline_context(msp_fo_kind k)
{
    switch (k) {
    case MSP_FO_BLOCK: case MSP_FO_INLINE: case MSP_FO_WRAPPER: case MSP_FO_BASIC_LINK:
    case MSP_FO_TITLE: case MSP_FO_MARKER: case MSP_FO_LEADER:
        return true;
    default:
        return false;
    }
}

static bool text_context(const msp_fo_node *parent)
{
    if (parent->kind == MSP_FO_BOOKMARK_TITLE)
        return true;
    if (parent->kind == MSP_FO_WRAPPER)   /* a wrapper holds text only where its parent does */
        return parent->parent && text_context(parent->parent);
    return inline_context(parent->kind);
}

static bool in_static_content(const msp_fo_node *n)
{
    for (; n; n = n->parent)
        if (n->kind == MSP_FO_STATIC_CONTENT)
            return true;
    return false;
}

static bool float_place(const msp_fo_node *n)
{
    for (; n; n = n->parent) {
        switch (n->kind) {
        case MSP_FO_FOOTNOTE: case MSP_FO_FLOAT: case MSP_FO_STATIC_CONTENT: case MSP_FO_MARKER:
        case MSP_FO_INLINE_CONTAINER:
            return false;
        case MSP_FO_BLOCK_CONTAINER:
            if (n->style && (n->style->absolute_position != MSP_POS_AUTO || n->style->reference_orientation))
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

static bool allowed_in(msp_fo_kind kind, const msp_fo_node *parent)
{
    msp_fo_kind pk = parent->kind;
    switch (kind) {
    case MSP_FO_TEXT:
    case MSP_FO_ROOT:
    case MSP_FO_KIND_COUNT:
        return false;
    case MSP_FO_LAYOUT_MASTER_SET: case MSP_FO_DECLARATIONS: case MSP_FO_BOOKMARK_TREE:
    case MSP_FO_PAGE_SEQUENCE:
        return pk == MSP_FO_ROOT;
    case MSP_FO_SIMPLE_PAGE_MASTER: case MSP_FO_PAGE_SEQUENCE_MASTER:
        return pk == MSP_FO_LAYOUT_MASTER_SET;
    case MSP_FO_REGION_BODY: case MSP_FO_REGION_BEFORE: case MSP_FO_REGION_AFTER:
    case MSP_FO_REGION_START: case MSP_FO_REGION_END:
        return pk == MSP_FO_SIMPLE_PAGE_MASTER;
    case MSP_FO_SINGLE_PAGE_MASTER_REFERENCE: case MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE:
    case MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
        return pk == MSP_FO_PAGE_SEQUENCE_MASTER;
    case MSP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE:
        return pk == MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES;
    case MSP_FO_BOOKMARK:
        return pk == MSP_FO_BOOKMARK_TREE || pk == MSP_FO_BOOKMARK;
    case MSP_FO_BOOKMARK_TITLE:
        return pk == MSP_FO_BOOKMARK;
    case MSP_FO_TITLE: case MSP_FO_STATIC_CONTENT: case MSP_FO_FLOW:
        return pk == MSP_FO_PAGE_SEQUENCE;
    case MSP_FO_BLOCK: case MSP_FO_BLOCK_CONTAINER: case MSP_FO_LIST_BLOCK: case MSP_FO_TABLE:
        return block_context(pk);
    case MSP_FO_LIST_ITEM:
        return pk == MSP_FO_LIST_BLOCK;
    case MSP_FO_LIST_ITEM_LABEL: case MSP_FO_LIST_ITEM_BODY:
        return pk == MSP_FO_LIST_ITEM;
    case MSP_FO_TABLE_COLUMN: case MSP_FO_TABLE_HEADER: case MSP_FO_TABLE_FOOTER: case MSP_FO_TABLE_BODY:
        return pk == MSP_FO_TABLE;
    case MSP_FO_TABLE_ROW:
        return pk == MSP_FO_TABLE_HEADER || pk == MSP_FO_TABLE_FOOTER || pk == MSP_FO_TABLE_BODY;
    case MSP_FO_TABLE_CELL:
        return pk == MSP_FO_TABLE_ROW || pk == MSP_FO_TABLE_HEADER || pk == MSP_FO_TABLE_FOOTER ||
               pk == MSP_FO_TABLE_BODY;
    case MSP_FO_MARKER:
        return block_context(pk) || pk == MSP_FO_LIST_BLOCK || pk == MSP_FO_LIST_ITEM || pk == MSP_FO_TABLE ||
               pk == MSP_FO_TABLE_BODY || pk == MSP_FO_TABLE_HEADER || pk == MSP_FO_TABLE_FOOTER ||
               pk == MSP_FO_TABLE_ROW;
    case MSP_FO_RETRIEVE_MARKER:
        return (block_context(pk) || inline_context(pk)) && in_static_content(parent);
    case MSP_FO_FOOTNOTE_BODY:
        return pk == MSP_FO_FOOTNOTE;
    case MSP_FO_WRAPPER:
        return block_context(pk) || inline_context(pk);
    case MSP_FO_INLINE:
        return inline_context(pk) || pk == MSP_FO_FOOTNOTE;
    case MSP_FO_FOOTNOTE: case MSP_FO_BASIC_LINK: case MSP_FO_PAGE_NUMBER: case MSP_FO_PAGE_NUMBER_CITATION:
    case MSP_FO_PAGE_NUMBER_CITATION_LAST: case MSP_FO_LEADER: case MSP_FO_EXTERNAL_GRAPHIC:
    case MSP_FO_CHARACTER: case MSP_FO_INSTREAM_FOREIGN_OBJECT: case MSP_FO_INLINE_CONTAINER:
        return inline_context(pk);
    case MSP_FO_FLOAT:
        /* where a block or an inline may be, in the flow (XSL 1.1 6.10.2: not in a
         * footnote, another float or static content; nor, here, in an
         * inline-container, a marker or a container out of the flow or turned) */
        return (block_context(pk) || inline_context(pk)) && float_place(parent);
    case MSP_FO_CHANGE_BAR_BEGIN: case MSP_FO_CHANGE_BAR_END:
        /* neutral: wherever a block or an inline may be (XSL 1.1 6.13.2) */
        return block_context(pk) || inline_context(pk) || pk == MSP_FO_LIST_BLOCK || pk == MSP_FO_LIST_ITEM ||
               pk == MSP_FO_TABLE || pk == MSP_FO_TABLE_HEADER || pk == MSP_FO_TABLE_FOOTER ||
               pk == MSP_FO_TABLE_BODY || pk == MSP_FO_TABLE_ROW;
    }
    return false;
}

/* ---- building ---- */

typedef struct builder {
    msp_job *job;
    msp_fo_doc *doc;
    const char *path;
    bool own_locs;
    msp_status status;
    long count;
    GArray *pending;     /* msp_fo_pending, reused per element */
    GArray *attrs;       /* msp_fo_attr, reused per element */
} builder;

static void fail(builder *b, msp_status s)
{
    if (b->status == MSP_OK)
        b->status = s;
}

static msp_loc node_loc(builder *b, xmlNode *x)
{
    msp_loc loc = { b->path, 0, 0 };
    if (b->own_locs && x->_private &&
        (x->type == XML_ELEMENT_NODE || x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE)) {
        const msp_fo_xloc *xl = x->_private;
        loc.line = xl->line;
        loc.column = xl->column;
    } else {
        long line = xmlGetLineNo(x);
        loc.line = line > 0 && line < INT32_MAX ? (int)line : 0;
    }
    return loc;
}

static void append_child(msp_fo_node *parent, msp_fo_node *n)
{
    n->parent = parent;
    n->prev = parent->last;
    if (parent->last)
        parent->last->next = n;
    else
        parent->first = n;
    parent->last = n;
}

static bool all_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

static void build_children(builder *b, xmlNode *xparent, msp_fo_node *parent, int depth,
                           const msp_fo_node *list);

static const char *attr_text(xmlAttr *a, xmlChar **to_free)
{
    *to_free = NULL;
    if (!a->children)
        return "";
    if (a->children->type == XML_TEXT_NODE && !a->children->next && a->children->content)
        return (const char *)a->children->content;
    *to_free = xmlNodeListGetString(a->doc, a->children, 1);
    return *to_free ? (const char *)*to_free : "";
}

static void add_attr(builder *b, const char *name, const char *value)
{
    msp_fo_attr at = { name, msp_arena_strdup(b->job->arena, value) };
    g_array_append_val(b->attrs, at);
}

/* Reads one element's attributes: formatting ones into b->pending, the
 * others into b->attrs (and the id table). */
static void read_attributes(builder *b, xmlNode *x, msp_fo_node *n)
{
    g_array_set_size(b->pending, 0);
    g_array_set_size(b->attrs, 0);
    for (xmlAttr *a = x->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        xmlChar *to_free;
        const char *value = attr_text(a, &to_free);
        if (a->ns) {
            const char *href = (const char *)a->ns->href;
            if (strcmp(href, (const char *)XML_XML_NAMESPACE) == 0) {
                if (strcmp(name, "lang") == 0) {
                    add_attr(b, "xml:lang", value);
                    msp_fo_pending p = { MSP_P_XML_LANG, msp_arena_strdup(b->job->arena, value) };
                    g_array_append_val(b->pending, p);
                }
            } else {
                /* foreign attributes (source locations stamped by templates, ...) kept as
                 * written; FOP's extensions (fox:alt-text) under their usual prefix whatever
                 * the document calls it */
                const char *prefix = a->ns->prefix ? (const char *)a->ns->prefix : "";
                if (strcmp(href, MSP_FOX_NS) == 0)
                    prefix = "fox";
                add_attr(b, *prefix ? msp_arena_printf(b->job->arena, "%s:%s", prefix, name)
                                    : msp_arena_strdup(b->job->arena, name), value);
            }
            xmlFree(to_free);
            continue;
        }
        int id = msp_fo_prop_lookup(name);
        if (id < 0) {
            msp_diag_warn(&b->job->diags, n->loc, "check the spelling; see docs/fo-subset.md",
                          "unknown property '%s' on %s, ignored", name, msp_fo_kind_name(n->kind));
        } else if (id == MSP_P_ID) {
            const char *v = msp_arena_strdup(b->job->arena, value);
            add_attr(b, "id", v);
            n->id = v;
            msp_fo_node *first = g_hash_table_lookup(b->doc->ids, v);
            if (first) {
                msp_loc f = first->loc;
                fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, n->loc, "ids must be unique in a document",
                                       "duplicate id '%s' (first used at %s:%d:%d)", v,
                                       f.file ? f.file : "?", f.line, f.column));
            } else {
                g_hash_table_insert(b->doc->ids, (gpointer)v, n);
            }
        } else if (msp_fo_prop_is_attr(id)) {
            add_attr(b, msp_fo_prop_name(id), value);
        } else {
            /* the xmlDoc outlives the style computation: borrow unless the value was built */
            msp_fo_pending p = { id, to_free ? msp_arena_strdup(b->job->arena, value) : value };
            g_array_append_val(b->pending, p);
            if (id == MSP_P_LANGUAGE || id == MSP_P_COUNTRY)
                add_attr(b, msp_fo_prop_name(id), value);
        }
        xmlFree(to_free);
    }
    if (b->attrs->len) {
        n->n_attrs = (int)b->attrs->len;
        n->attrs = msp_arena_alloc_array(b->job->arena, b->attrs->len, sizeof(msp_fo_attr));
        memcpy(n->attrs, b->attrs->data, b->attrs->len * sizeof(msp_fo_attr));
    }
}

#define FOREIGN_ONLY "only SVG (" MSP_SVG_NS ") and mspdoc graphics (" MSP_GRAPHICS_NS \
                     ") are supported in fo:instream-foreign-object"

/* The svg element as a standalone XML text: copied into a document of its
 * own, which declares every namespace the copy uses (the FO may declare
 * them on fo:root), then serialised. Arena string. */
static const char *serialize_svg(builder *b, xmlNode *svg)
{
    xmlDoc *doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *copy = xmlDocCopyNode(svg, doc, 1);
    const char *out = NULL;
    if (copy) {
        xmlDocSetRootElement(doc, copy);
        xmlReconciliateNs(doc, copy);
        xmlBuffer *buf = xmlBufferCreate();
        if (buf && xmlNodeDump(buf, doc, copy, 0, 0) >= 0)
            out = msp_arena_strndup(b->job->arena, (const char *)xmlBufferContent(buf), (size_t)xmlBufferLength(buf));
        xmlBufferFree(buf);
    }
    xmlFreeDoc(doc);
    return out;
}

/* The text of svg's first child <title> (white space collapsed), or NULL
 * when it has none or a blank one. */
static char *svg_title(xmlNode *svg)
{
    for (xmlNode *c = svg->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !c->ns || strcmp((const char *)c->ns->href, MSP_SVG_NS) != 0 ||
            strcmp((const char *)c->name, "title") != 0)
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        char **words = g_strsplit_set(t ? (const char *)t : "", " \t\r\n", -1);
        xmlFree(t);
        GString *out = g_string_new(NULL);
        for (int i = 0; words[i]; i++)
            if (*words[i])
                g_string_append_printf(out, "%s%s", out->len ? " " : "", words[i]);
        g_strfreev(words);
        return out->len ? g_string_free(out, FALSE) : (g_string_free(out, TRUE), NULL);
    }
    return NULL;
}

/* fo:instream-foreign-object: exactly one element child, in MSP_SVG_NS or
 * MSP_GRAPHICS_NS (blank text and comments aside). Its local name becomes
 * attrs "graphic" ("svg:svg" for SVG); an mspdoc graphic's unqualified
 * attributes follow the object's own, an SVG's whole text is attrs "svg".
 * Layout reads them. */
static void build_foreign(builder *b, xmlNode *x, msp_fo_node *n)
{
    static const char hint[] = "use an <svg> element (xmlns=\"" MSP_SVG_NS "\"), or <g:qr> or <g:code39> "
                               "with xmlns:g=\"" MSP_GRAPHICS_NS "\" (docs/fo-extensions.md)";
    xmlNode *graphic = NULL;
    for (xmlNode *c = x->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            (!c->content || all_blank((const char *)c->content, strlen((const char *)c->content))))
            continue;
        if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE)
            continue;
        const char *href = c->type == XML_ELEMENT_NODE && c->ns ? (const char *)c->ns->href : "";
        bool ours = strcmp(href, MSP_GRAPHICS_NS) == 0 ||
                    (strcmp(href, MSP_SVG_NS) == 0 && strcmp((const char *)c->name, "svg") == 0);
        if (!ours || graphic) {
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, node_loc(b, c->type == XML_ELEMENT_NODE ? c : x),
                                   hint, "%s%s", FOREIGN_ONLY,
                                   ours ? " (one graphic per object)"
                                   : strcmp(href, MSP_SVG_NS) == 0 ? " (an SVG graphic starts with <svg>)" : ""));
            return;
        }
        graphic = c;
    }
    if (!graphic) {
        fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, n->loc, hint, "%s (the object is empty)", FOREIGN_ONLY));
        return;
    }
    g_array_set_size(b->attrs, 0);
    if (n->n_attrs)
        g_array_append_vals(b->attrs, n->attrs, (guint)n->n_attrs);
    bool svg = strcmp((const char *)graphic->ns->href, MSP_SVG_NS) == 0;
    /* "svg:svg" for SVG: no local name of an mspdoc graphic has a colon */
    add_attr(b, "graphic", svg ? "svg:svg" : (const char *)graphic->name);
    if (svg) {
        const char *text = serialize_svg(b, graphic);
        if (!text) {
            fail(b, msp_diag_error(&b->job->diags, MSP_E_NOMEM, node_loc(b, graphic), NULL,
                                   "out of memory copying an SVG graphic"));
            return;
        }
        msp_fo_attr at = { "svg", text };
        g_array_append_val(b->attrs, at);
        /* the SVG's own accessible name (its first <title>) is the object's
         * alternative text unless fox:alt-text gives one */
        const char *alt = msp_fo_attr_value(n, "fox:alt-text");
        if (!alt || !*alt) {
            char *title = svg_title(graphic);
            if (title)
                add_attr(b, "fox:alt-text", title);
            g_free(title);
        }
    } else {
        for (xmlAttr *a = graphic->properties; a; a = a->next) {
            if (a->ns)
                continue;   /* qualified attributes of the graphic mean nothing to us */
            xmlChar *to_free;
            const char *value = attr_text(a, &to_free);
            add_attr(b, msp_arena_strdup(b->job->arena, (const char *)a->name), value);
            xmlFree(to_free);
        }
    }
    n->n_attrs = (int)b->attrs->len;
    n->attrs = msp_arena_alloc_array(b->job->arena, b->attrs->len, sizeof(msp_fo_attr));
    memcpy(n->attrs, b->attrs->data, b->attrs->len * sizeof(msp_fo_attr));
}

static void build_element(builder *b, xmlNode *x, msp_fo_node *parent, int depth, const msp_fo_node *list)
{
    msp_loc loc = node_loc(b, x);
    const char *local = (const char *)x->name;
    if (!x->ns || strcmp((const char *)x->ns->href, MSP_FO_NS) != 0) {
        if (!parent) {
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, "an FO document starts with <fo:root>",
                                   "the root element '%s' is not fo:root (namespace %s)", local, MSP_FO_NS));
        } else if (!x->ns) {
            msp_diag_warn(&b->job->diags, loc, NULL,
                          "element '%s' is not in the XSL-FO namespace, ignored with its content", local);
        }
        return;   /* foreign content: skipped with its subtree */
    }
    int k = element_kind(local);
    if (k < 0) {
        if (k == -1)
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, "see docs/fo-subset.md for what mspdoc formats",
                                   "fo:%s is not supported by mspdoc (docs/fo-subset.md)", local));
        else
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, "check the spelling; see docs/fo-subset.md",
                                   "unknown element fo:%s", local));
        return;
    }
    msp_fo_kind kind = (msp_fo_kind)k;
    if (!parent && kind != MSP_FO_ROOT) {
        fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, "an FO document starts with <fo:root>",
                               "the root element is %s, not fo:root", msp_fo_kind_name(kind)));
        return;
    }
    if (parent && !allowed_in(kind, parent)) {
        const char *hint = kind == MSP_FO_RETRIEVE_MARKER ? "fo:retrieve-marker belongs in fo:static-content"
                                                          : NULL;
        fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, hint, "%s is not allowed inside %s",
                               msp_fo_kind_name(kind), msp_fo_kind_name(parent->kind)));
        return;
    }
    if (depth > b->job->limits.max_depth) {
        fail(b, msp_diag_error(&b->job->diags, MSP_E_LIMIT, loc, "raise the depth limit, or flatten the FO",
                               "elements are nested more than %d deep", b->job->limits.max_depth));
        return;
    }
    if ((++b->count & 1023) == 0) {
        msp_status s = msp_job_check_time(b->job, loc);
        if (s != MSP_OK) {
            fail(b, s);
            return;
        }
    }

    msp_fo_node *n = msp_arena_new_obj(b->job->arena, msp_fo_node);
    n->kind = kind;
    n->loc = loc;
    if (parent)
        append_child(parent, n);
    else
        b->doc->root = n;
    read_attributes(b, x, n);
    msp_status s = msp_fo_style_compute(b->job, n, parent ? parent->style : NULL,
                                        parent ? parent->kind : MSP_FO_ROOT,
                                        (msp_fo_pending *)(void *)b->pending->data, (int)b->pending->len, list);
    if (s != MSP_OK)
        fail(b, s);
    if (kind == MSP_FO_DECLARATIONS)
        return;   /* ignored content (colour profiles, metadata) */
    if (kind == MSP_FO_FLOAT) {
        const char *f = msp_fo_attr_value(n, "float");
        if (!f || (strcmp(f, "before") != 0 && strcmp(f, "start") != 0 && strcmp(f, "end") != 0 &&
                   strcmp(f, "left") != 0 && strcmp(f, "right") != 0)) {
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc,
                                   "set float=\"before\" (the top of a page), \"start\" or \"end\" (a side "
                                   "of the column), or put the content in the flow",
                                   "fo:float with float=\"%s\" is not supported by mspdoc (docs/fo-subset.md)",
                                   f ? f : "none"));
            return;
        }
    }
    if (kind == MSP_FO_INSTREAM_FOREIGN_OBJECT) {
        build_foreign(b, x, n);
        return;
    }
    build_children(b, x, n, depth + 1, kind == MSP_FO_LIST_BLOCK ? n : list);
}

static void build_text(builder *b, xmlNode *x, msp_fo_node *parent)
{
    const char *s = (const char *)x->content;
    size_t len = s ? strlen(s) : 0;
    if (len == 0)
        return;
    bool blank = all_blank(s, len);
    if (!text_context(parent)) {
        if (!blank) {
            msp_loc loc = node_loc(b, x);
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, loc, "put the text in an fo:block",
                                   "text is not allowed directly in %s", msp_fo_kind_name(parent->kind)));
        }
        return;
    }
    msp_fo_node *n = msp_arena_new_obj(b->job->arena, msp_fo_node);
    n->kind = MSP_FO_TEXT;
    n->loc = node_loc(b, x);
    n->style = parent->style;
    n->text = msp_arena_strndup(b->job->arena, s, len);
    n->text_len = len;
    append_child(parent, n);
}

static void build_children(builder *b, xmlNode *xparent, msp_fo_node *parent, int depth,
                           const msp_fo_node *list)
{
    for (xmlNode *c = xparent->children; c; c = c->next) {
        switch (c->type) {
        case XML_ELEMENT_NODE:
            build_element(b, c, parent, depth, list);
            break;
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            build_text(b, c, parent);
            break;
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
            fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, node_loc(b, c), NULL,
                                   "DTDs and entities are not allowed in FO (entity reference '&%s;')",
                                   (const char *)c->name));
            break;
        default:
            break;   /* comments, processing instructions */
        }
        if (b->status == MSP_E_LIMIT)
            return;
    }
}

/* ---- change bars ----
 * fo:change-bar-begin and -end pair by change-bar-class in document order
 * (XSL 1.1 6.13.2, 6.13.3), across any nesting. Every leaf of the text
 * between them (text, page numbers, leaders, graphics) records the
 * innermost open begin; layout draws the bar beside the lines they are on.
 * A begin left open closes at the end of its page-sequence (a warning), an
 * end with no open begin of its class is a warning. */

static void bars_walk(builder *b, msp_fo_node *n, GPtrArray *open)
{
    for (msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_CHANGE_BAR_BEGIN || c->kind == MSP_FO_CHANGE_BAR_END) {
            const char *cls = msp_fo_attr_value(c, "change-bar-class");
            if (!cls || !*cls) {
                fail(b, msp_diag_error(&b->job->diags, MSP_E_FO, c->loc, "name the bar, e.g. change-bar-class=\"r1\"",
                                       "%s needs a change-bar-class", msp_fo_kind_name(c->kind)));
                continue;
            }
            if (c->kind == MSP_FO_CHANGE_BAR_BEGIN) {
                g_ptr_array_add(open, c);
                continue;
            }
            guint i = open->len;
            while (i > 0 && g_strcmp0(msp_fo_attr_value(g_ptr_array_index(open, i - 1), "change-bar-class"), cls))
                i--;
            if (i == 0)
                msp_diag_warn(&b->job->diags, c->loc, "give the fo:change-bar-begin of that class before it",
                              "fo:change-bar-end of class '%s' closes no open change bar", cls);
            else
                g_ptr_array_remove_index(open, i - 1);
            continue;
        }
        if (c->kind != MSP_FO_TEXT && c->first) {
            bars_walk(b, c, open);
        } else if (open->len) {
            c->change_bar = g_ptr_array_index(open, open->len - 1);
        }
        if (c->kind == MSP_FO_PAGE_SEQUENCE && open->len) {
            for (guint i = 0; i < open->len; i++) {
                const msp_fo_node *o = g_ptr_array_index(open, i);
                msp_diag_warn(&b->job->diags, o->loc, "close it with an fo:change-bar-end of the same class",
                              "fo:change-bar-begin of class '%s' is never closed: the bar ends with the "
                              "page-sequence", msp_fo_attr_value(o, "change-bar-class"));
            }
            g_ptr_array_set_size(open, 0);
        }
    }
}

static void resolve_change_bars(builder *b, msp_fo_node *root)
{
    GPtrArray *open = g_ptr_array_new();
    bars_walk(b, root, open);
    g_ptr_array_free(open, TRUE);
}

msp_status msp_fo_tree_build(msp_job *job, msp_fo_doc **out, xmlDoc *xdoc, const char *path, bool own_locs)
{
    *out = NULL;
    msp_fo_doc *doc = msp_arena_new_obj(job->arena, msp_fo_doc);
    doc->path = path;
    char *dir = g_path_get_dirname(path);
    doc->base_dir = msp_arena_strdup(job->arena, dir);
    g_free(dir);
    doc->ids = g_hash_table_new(g_str_hash, g_str_equal);

    builder b = { .job = job, .doc = doc, .path = path, .own_locs = own_locs, .status = MSP_OK };
    b.pending = g_array_new(FALSE, FALSE, sizeof(msp_fo_pending));
    b.attrs = g_array_new(FALSE, FALSE, sizeof(msp_fo_attr));
    xmlNode *root = xmlDocGetRootElement(xdoc);
    msp_loc file_loc = { path, 0, 0 };
    if (!root)
        fail(&b, msp_diag_error(&job->diags, MSP_E_FO, file_loc, NULL, "the FO document has no root element"));
    else
        build_element(&b, root, NULL, 1, NULL);
    g_array_free(b.pending, TRUE);
    g_array_free(b.attrs, TRUE);
    if (b.status == MSP_OK && !doc->root)
        b.status = MSP_E_FO;
    if (b.status == MSP_OK)
        resolve_change_bars(&b, doc->root);
    if (b.status != MSP_OK) {
        msp_fo_doc_free(doc);
        return b.status;
    }
    *out = doc;
    return MSP_OK;
}
