/* The logical structure of a tagged PDF: FO to structure elements, the
 * marked-content sequences of each page and their reading order (see
 * pdf_struct.h). Reading order is document order of the FO: every node gets
 * its preorder number once (a walk of the whole tree at the first lookup);
 * an element sorts by its node's number, a sequence by its first text
 * node's number and byte offset, and a Note right after the paragraph that
 * holds its anchor. */
#include "render/pdf_struct.h"

#include <string.h>

/* cairo 1.16 accepts these structure tag names; the tag name in the content
 * stream is rewritten by pdf_finish.c, the association is by MCID. */
#define LEAF_TAG "Span"

struct msp_struct {
    msp_job *job;
    msp_diag_list *diags;    /* where drawing reports (the job's unless msp_struct_set_diags) */
    bool require_alt;
    char *lang;
    GHashTable *of_node;     /* const msp_fo_node* -> msp_struct_elem* (transparent nodes too) */
    GHashTable *order;       /* const msp_fo_node* -> its preorder number + 1 */
    GPtrArray *elems;        /* of msp_struct_elem*, owned, by id */
    GArray *pages;           /* of msp_struct_page */
    msp_struct_elem *open;   /* the element of the open sequence */
    msp_artifact open_art;   /* or the artifact kind of it */
    guint64 open_key[2];     /* reading order of the open sequence's last content */
    bool is_open;
    msp_status st;
};

static const char *const standard_types[] = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form", NULL
};

static const char *standard_type(const char *role)
{
    for (int i = 0; standard_types[i]; i++)
        if (strcmp(standard_types[i], role) == 0)
            return standard_types[i];
    return NULL;
}

bool msp_struct_is_artifact(const msp_fo_node *node)
{
    const char *role = node ? msp_fo_attr_value(node, "role") : NULL;
    return role && g_ascii_strcasecmp(role, "artifact") == 0;
}

static void elem_free(gpointer data)
{
    msp_struct_elem *e = data;
    g_free(e->lang);
    g_free(e->eff_lang);
    g_free(e->alt);
    if (e->text)
        g_string_free(e->text, TRUE);
    g_array_free(e->kids, TRUE);
    g_free(e);
}

static void page_clear(gpointer data)
{
    msp_struct_page *p = data;
    g_array_free(p->mcs, TRUE);
    g_ptr_array_free(p->links, TRUE);
}

msp_struct *msp_struct_new(msp_job *job, bool require_alt, const char *lang)
{
    msp_struct *s = g_new0(msp_struct, 1);
    s->job = job;
    s->diags = &job->diags;
    s->require_alt = require_alt;
    s->lang = g_strdup(lang && *lang ? lang : NULL);
    s->of_node = g_hash_table_new(g_direct_hash, g_direct_equal);
    s->order = g_hash_table_new(g_direct_hash, g_direct_equal);
    s->elems = g_ptr_array_new_with_free_func(elem_free);
    s->pages = g_array_new(FALSE, TRUE, sizeof(msp_struct_page));
    g_array_set_clear_func(s->pages, page_clear);
    return s;
}

void msp_struct_free(msp_struct *s)
{
    if (!s)
        return;
    g_hash_table_destroy(s->of_node);
    g_hash_table_destroy(s->order);
    g_ptr_array_free(s->elems, TRUE);
    g_array_free(s->pages, TRUE);
    g_free(s->lang);
    g_free(s);
}

/* --- document order --- */

/* Every node of the tree gets its preorder number (kept plus one, so that 0
 * means "not numbered"): one walk at the first lookup. */
static void number_tree(msp_struct *s, const msp_fo_node *root)
{
    guint64 n = 0;
    for (const msp_fo_node *x = root; x;) {
        g_hash_table_insert(s->order, (gpointer)x, GSIZE_TO_POINTER((gsize)++n));
        if (x->first) {
            x = x->first;
            continue;
        }
        while (x && x != root && !x->next)
            x = x->parent;
        if (!x || x == root)
            break;
        x = x->next;
    }
}

static guint64 pre_of(msp_struct *s, const msp_fo_node *node)
{
    if (!node)
        return 0;
    gsize v = GPOINTER_TO_SIZE(g_hash_table_lookup(s->order, node));
    if (!v) {
        const msp_fo_node *root = node;
        while (root->parent)
            root = root->parent;
        number_tree(s, root);
        v = GPOINTER_TO_SIZE(g_hash_table_lookup(s->order, node));
    }
    return v ? v - 1 : 0;
}

/* The preorder number of the last node of node's subtree. */
static guint64 end_of(msp_struct *s, const msp_fo_node *node)
{
    while (node && node->last)
        node = node->last;
    return pre_of(s, node);
}

/* --- FO to structure types --- */

static bool has_text(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_TEXT) {
            for (size_t i = 0; i < c->text_len; i++)
                if (!g_ascii_isspace(c->text[i]))
                    return true;
        } else if (msp_fo_is_inline(c) || c->kind == MSP_FO_RETRIEVE_MARKER) {
            return true;
        }
    }
    return false;
}

static bool inside(const msp_fo_node *n, msp_fo_kind kind, msp_fo_kind stop)
{
    for (const msp_fo_node *a = n->parent; a; a = a->parent) {
        if (a->kind == kind)
            return true;
        if (a->kind == stop)
            return false;
    }
    return false;
}

/* The structure type an FO makes by its kind, or NULL when its content
 * belongs to its parent's element. */
static const char *kind_type(const msp_fo_node *n)
{
    switch (n->kind) {
    case MSP_FO_ROOT: return "Document";
    case MSP_FO_BLOCK:
        if (inside(n, MSP_FO_LIST_ITEM_LABEL, MSP_FO_LIST_ITEM))
            return NULL;   /* the label's text is the Lbl's */
        return has_text(n) ? "P" : NULL;
    case MSP_FO_LIST_BLOCK: return "L";
    case MSP_FO_LIST_ITEM: return "LI";
    case MSP_FO_LIST_ITEM_LABEL: return "Lbl";
    case MSP_FO_LIST_ITEM_BODY: return "LBody";
    case MSP_FO_TABLE: return "Table";
    case MSP_FO_TABLE_HEADER: return "THead";
    case MSP_FO_TABLE_BODY: return "TBody";
    case MSP_FO_TABLE_FOOTER: return "TFoot";
    case MSP_FO_TABLE_ROW: return "TR";
    case MSP_FO_TABLE_CELL: return inside(n, MSP_FO_TABLE_HEADER, MSP_FO_TABLE) ? "TH" : "TD";
    case MSP_FO_BASIC_LINK: return "Link";
    case MSP_FO_FOOTNOTE_BODY: return "Note";
    case MSP_FO_INLINE:
        return n->parent && n->parent->kind == MSP_FO_FOOTNOTE ? "Reference" : NULL;
    case MSP_FO_EXTERNAL_GRAPHIC:
    case MSP_FO_INSTREAM_FOREIGN_OBJECT:
        return "Figure";
    default:
        return NULL;
    }
}

static bool block_like(const msp_fo_node *n)
{
    return !msp_fo_is_inline(n);
}

static char *lang_of(const msp_fo_node *n)
{
    const msp_fo_style *st = n->style;
    if (!st->language || !*st->language || strcmp(st->language, "none") == 0)
        return NULL;
    if (st->country && *st->country && strcmp(st->country, "none") == 0)
        return g_strdup(st->language);
    return st->country && *st->country ? g_strdup_printf("%s-%s", st->language, st->country)
                                       : g_strdup(st->language);
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_lang(const msp_fo_node *a, const msp_fo_node *b)
{
    return same_str(a->style->language, b->style->language) &&
           same_str(a->style->country, b->style->country);
}

/* Grouping types a Note may follow inside (a Note goes after the first
 * ancestor element of its anchor that is not one of the text-level ones). */
static bool text_level(const char *type)
{
    static const char *const t[] = { "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Span",
                                     "Link", "Reference", "Quote", "Lbl", "Caption", "Code",
                                     "BibEntry", "Note", NULL };
    for (int i = 0; t[i]; i++)
        if (strcmp(t[i], type) == 0)
            return true;
    return false;
}

/* Types that structure blocks (flattened inside text-level elements). */
static bool grouping(const char *type)
{
    static const char *const t[] = { "P", "Div", "L", "LI", "Lbl", "LBody", "Table", "THead",
                                     "TBody", "TFoot", "TR", "TH", "TD", NULL };
    for (int i = 0; t[i]; i++)
        if (strcmp(t[i], type) == 0)
            return true;
    return false;
}

static bool in_static(const msp_fo_node *n)
{
    for (; n; n = n->parent)
        if (n->kind == MSP_FO_STATIC_CONTENT)
            return true;
    return false;
}

static msp_struct_elem *elem_new(msp_struct *s, const char *type, const char *role,
                                 msp_struct_elem *parent)
{
    msp_struct_elem *e = g_new0(msp_struct_elem, 1);
    e->type = type;
    e->role = role;
    e->parent = parent;
    e->kids = g_array_new(FALSE, FALSE, sizeof(msp_struct_kid));
    e->id = (int)s->elems->len;
    g_ptr_array_add(s->elems, e);
    return e;
}

static void add_kid(msp_struct_elem *parent, msp_struct_kid kid)
{
    g_array_append_val(parent->kids, kid);
}

/* The default alternative text of a graphic: fox:alt-text, else what an
 * mspdoc graphic encodes; NULL when there is none. */
static char *alt_of(const msp_fo_node *n)
{
    const char *alt = msp_fo_attr_value(n, "fox:alt-text");
    if (alt && *alt)
        return g_strdup(alt);
    if (n->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT) {
        const char *g = msp_fo_attr_value(n, "graphic"), *data = msp_fo_attr_value(n, "data");
        if (g && data && *data)
            return g_strdup_printf("%s: %s", strcmp(g, "qr") == 0 ? "QR code" : "Bar code", data);
    }
    return NULL;
}

msp_struct_elem *msp_struct_elem_of(msp_struct *s, const msp_fo_node *node)
{
    if (!s || !node)
        return NULL;
    msp_struct_elem *e = g_hash_table_lookup(s->of_node, node);
    if (e)
        return e;
    if (!node->parent && node->kind != MSP_FO_ROOT) {
        /* a detached node: the document's element */
        e = s->elems->len ? g_ptr_array_index(s->elems, 0) : elem_new(s, "Document", NULL, NULL);
        g_hash_table_insert(s->of_node, (gpointer)node, e);
        return e;
    }
    const char *type = kind_type(node);
    const char *role = msp_fo_attr_value(node, "role");
    const char *custom = NULL;
    if (role && *role && !msp_struct_is_artifact(node) && node->kind != MSP_FO_ROOT) {
        const char *std = standard_type(role);
        if (std) {
            type = std;
        } else {
            custom = role;
            if (!type)
                type = block_like(node) ? "Div" : "Span";
        }
    }
    msp_struct_elem *parent = node->parent ? msp_struct_elem_of(s, node->parent) : NULL;
    /* inside a paragraph or heading (a heading printed as a list of number
     * and text, a title of two blocks), block structure is its text */
    if (type && !(role && standard_type(role)) && parent && parent->parent &&
        text_level(parent->type) && strcmp(parent->type, "Note") != 0 && grouping(type))
        type = NULL;
    /* the language is inherited: only a node whose language is not its
     * parent's can differ from its parent element's */
    char *lang = node->kind == MSP_FO_TEXT || (node->parent && same_lang(node, node->parent))
                     ? NULL : lang_of(node);
    const char *parent_lang = parent ? parent->eff_lang : s->lang;
    bool other_lang = lang && (!parent_lang || g_ascii_strcasecmp(lang, parent_lang) != 0);
    if (!type && other_lang && node->kind != MSP_FO_TEXT)
        type = block_like(node) ? "Div" : "Span";
    if (!type) {
        g_free(lang);
        g_hash_table_insert(s->of_node, (gpointer)node, parent);
        return parent;
    }
    if (node->kind == MSP_FO_ROOT)
        parent = NULL;
    /* a Note goes after the paragraph of its anchor: into the first element
     * up from the anchor that is not text-level, after the FO holding it */
    msp_struct_elem *host = parent;
    const msp_fo_node *after = NULL;
    if (strcmp(type, "Note") == 0) {
        for (const msp_fo_node *a = node->parent; a; a = a->parent) {
            msp_struct_elem *ea = g_hash_table_lookup(s->of_node, a);
            if (!ea || !ea->parent || !text_level(ea->type)) {
                if (after)
                    host = ea;
                break;
            }
            after = a;
        }
    }
    e = elem_new(s, type, custom, host);
    if (other_lang)
        e->lang = g_strdup(lang);
    e->eff_lang = lang ? lang : g_strdup(parent_lang);
    if (strcmp(type, "Figure") == 0) {
        e->alt = alt_of(node);
        if (!e->alt && s->require_alt && s->st == MSP_OK)
            s->st = msp_diag_error(s->diags, MSP_E_FO, node->loc,
                                   "give it a fox:alt-text attribute (xmlns:fox=\"" MSP_FOX_NS "\") "
                                   "saying what it shows, role=\"artifact\" when it is decoration, "
                                   "or choose --pdf-standard none",
                                   "%s has no alternative text, which PDF/UA requires",
                                   msp_fo_kind_name(node->kind));
    } else if (strcmp(type, "Link") == 0) {
        const char *alt = msp_fo_attr_value(node, "fox:alt-text");
        e->alt = alt && *alt ? g_strdup(alt) : NULL;
        e->text = g_string_new(NULL);
    }
    if (host) {
        msp_struct_kid k = { MSP_KID_ELEM, e, 0, 0, { 0, 0, 0 } };
        guint64 pre = pre_of(s, node);
        if (after) {
            k.key[0] = end_of(s, after);
            k.key[1] = pre + 1;
        } else if (in_static(node)) {
            /* a graphic of static content (the codes of the first page's
             * footer): after the flow */
            k.key[0] = G_MAXUINT64 / 2 + pre;
        } else {
            k.key[0] = pre;
        }
        add_kid(host, k);
    }
    g_hash_table_insert(s->of_node, (gpointer)node, e);
    return e;
}

/* --- marked-content sequences --- */

static msp_struct_page *cur_page(msp_struct *s)
{
    if (s->pages->len == 0)
        msp_struct_page_begin(s);
    return &g_array_index(s->pages, msp_struct_page, s->pages->len - 1);
}

void msp_struct_page_begin(msp_struct *s)
{
    if (!s)
        return;
    msp_struct_page p = { g_array_new(FALSE, TRUE, sizeof(msp_struct_mc)), g_ptr_array_new() };
    g_array_append_val(s->pages, p);
    s->is_open = false;
}

static int begin_tag(msp_struct *s, cairo_t *cr, msp_struct_elem *elem, msp_artifact art)
{
    msp_struct_page *p = cur_page(s);
    msp_struct_mc mc = { elem, art };
    g_array_append_val(p->mcs, mc);
    cairo_tag_begin(cr, LEAF_TAG, "");
    s->is_open = true;
    s->open = elem;
    s->open_art = art;
    return (int)p->mcs->len - 1;
}

void msp_struct_close(msp_struct *s, cairo_t *cr)
{
    if (s && s->is_open) {
        cairo_tag_end(cr, LEAF_TAG);
        s->is_open = false;
    }
}

void msp_struct_content(msp_struct *s, cairo_t *cr, msp_struct_elem *elem,
                        const msp_fo_node *order_node, guint ord)
{
    if (!s || !elem)
        return;
    guint64 key0 = pre_of(s, order_node);
    /* the same element continues the sequence, unless its text comes earlier
     * in reading order than what the sequence holds (a list's label drawn
     * after its body): a sequence reads in drawing order */
    if (s->is_open && s->open_art == MSP_ART_NONE && s->open == elem &&
        (key0 > s->open_key[0] || (key0 == s->open_key[0] && ord >= s->open_key[1]))) {
        s->open_key[0] = key0;
        s->open_key[1] = ord;
        return;
    }
    msp_struct_close(s, cr);
    int mcid = begin_tag(s, cr, elem, MSP_ART_NONE);
    s->open_key[0] = key0;
    s->open_key[1] = ord;
    msp_struct_kid k = { MSP_KID_MCID, NULL, (int)s->pages->len - 1, mcid, { key0, 1, ord } };
    add_kid(elem, k);
}

void msp_struct_artifact(msp_struct *s, cairo_t *cr, msp_artifact kind)
{
    if (!s)
        return;
    if (s->is_open && s->open_art == kind && kind != MSP_ART_NONE)
        return;
    msp_struct_close(s, cr);
    begin_tag(s, cr, NULL, kind == MSP_ART_NONE ? MSP_ART_LAYOUT : kind);
}

void msp_struct_link(msp_struct *s, const msp_fo_node *node)
{
    if (!s)
        return;
    msp_struct_elem *e = msp_struct_elem_of(s, node);
    msp_struct_page *p = cur_page(s);
    s->is_open = false;   /* the caller closed it; cairo's LINK tag takes the next MCID */
    msp_struct_mc mc = { e, MSP_ART_NONE };
    g_array_append_val(p->mcs, mc);
    int page = (int)s->pages->len - 1;
    guint64 end = end_of(s, node);
    if (e) {
        msp_struct_kid m = { MSP_KID_MCID, NULL, page, (int)p->mcs->len - 1, { end, 2, 0 } };
        add_kid(e, m);
        msp_struct_kid a = { MSP_KID_ANNOT, NULL, page, (int)p->links->len, { end, 3, 0 } };
        add_kid(e, a);
    }
    g_ptr_array_add(p->links, e);
}

void msp_struct_set_diags(msp_struct *s, msp_diag_list *diags)
{
    if (s)
        s->diags = diags;
}

msp_status msp_struct_status(const msp_struct *s)
{
    return s ? s->st : MSP_OK;
}

static gint kid_cmp(gconstpointer pa, gconstpointer pb)
{
    const msp_struct_kid *a = pa, *b = pb;
    for (int i = 0; i < 3; i++)
        if (a->key[i] != b->key[i])
            return a->key[i] < b->key[i] ? -1 : 1;
    /* the same text node continued on the next page: by page, then MCID */
    if (a->page != b->page)
        return a->page < b->page ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void msp_struct_sort(msp_struct *s)
{
    if (!s)
        return;
    if (s->elems->len == 0)   /* nothing but artifacts: an empty document */
        elem_new(s, "Document", NULL, NULL);
    for (guint i = 0; i < s->elems->len; i++) {
        msp_struct_elem *e = g_ptr_array_index(s->elems, i);
        g_array_sort(e->kids, kid_cmp);
    }
}

msp_struct_elem *msp_struct_root(const msp_struct *s)
{
    return s && s->elems->len ? g_ptr_array_index(s->elems, 0) : NULL;
}

const GPtrArray *msp_struct_elems(const msp_struct *s)
{
    return s->elems;
}

const GArray *msp_struct_pages(const msp_struct *s)
{
    return s->pages;
}
