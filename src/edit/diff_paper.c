/* One version of a paper as the diff compares it: its masthead fields, its
 * paragraphs and sub-items in document order, its notes by number, each
 * with the tokens of its printed text. The order, the paragraph numbers and
 * the notes come from the structural summary of the cross-language check
 * (source/versions.h); this file only reads the text of what it lists. */
#include "edit/diff_private.h"

#include <stdlib.h>
#include <string.h>

static bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, MSP_PAPER_NS) == 0
           && strcmp((const char *)n->name, name) == 0;
}

typedef struct reader {
    msp_diff_paper *p;
    const msp_refdata *ref;
    GHashTable *note_numbers;   /* const xmlNode* -> number */
    GHashTable *para_numbers;   /* id -> GINT number */
} reader;

static const char *keep(msp_diff_paper *p, const char *s)
{
    return s ? g_string_chunk_insert_const(p->strings, s) : NULL;
}

static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    char *s = v ? g_strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* A label of data/labels.xml with {n} and {p} filled. Owned. */
static char *label(reader *r, const char *id, const char *n, const char *para)
{
    const char *l = r->ref ? msp_refdata_label(r->ref, r->p->language ? r->p->language : "en", id) : NULL;
    GString *s = g_string_new(NULL);
    for (const char *c = l ? l : "{n}"; *c; c++) {
        if (!strncmp(c, "{n}", 3)) {
            g_string_append(s, n ? n : "");
            c += 2;
        } else if (!strncmp(c, "{p}", 3)) {
            g_string_append(s, para ? para : "");
            c += 2;
        } else {
            g_string_append_c(s, *c);
        }
    }
    return g_string_free(s, FALSE);
}

/* The printed text of inline content, into t. Nested lists are left out
 * (they are units of their own). */
static void add_inline(reader *r, msp_tokens *t, const xmlNode *parent, int depth)
{
    for (const xmlNode *k = parent->children; k && depth < 64; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            msp_tokens_add_text(t, (const char *)k->content);
        } else if (k->type != XML_ELEMENT_NODE) {
            continue;
        } else if (is_el(k, "note")) {
            int n = GPOINTER_TO_INT(g_hash_table_lookup(r->note_numbers, k));
            char mark[16];
            g_snprintf(mark, sizeof mark, "%d", n);
            msp_tokens_add_note(t, mark);
        } else if (is_el(k, "items") || is_el(k, "bullets")) {
            continue;
        } else if (is_el(k, "br")) {
            msp_tokens_add_text(t, " ");
        } else if (is_el(k, "ref")) {
            char *to = prop(k, "to");
            int n = to ? GPOINTER_TO_INT(g_hash_table_lookup(r->para_numbers, to)) : 0;
            char num[16];
            g_snprintf(num, sizeof num, "%d", n);
            msp_tokens_add_text(t, num);
            g_free(to);
        } else if (is_el(k, "article") || is_el(k, "action")) {
            char *n = prop(k, "n"), *para = prop(k, "para"), *form = prop(k, "form");
            const char *id = is_el(k, "action")          ? "action"
                             : !para                     ? "article"
                             : form && !strcmp(form, "long") ? "article-para-long"
                                                         : "article-para";
            char *text = label(r, id, n, para);
            msp_tokens_add_text(t, text);
            g_free(text);
            g_free(n);
            g_free(para);
            g_free(form);
        } else {
            add_inline(r, t, k, depth + 1);
        }
    }
}

static msp_unit *new_unit(reader *r, msp_unit_kind kind, const xmlNode *node)
{
    msp_unit *u = g_new0(msp_unit, 1);
    u->kind = kind;
    u->node = node;
    u->loc = node ? msp_source_loc(r->p->src, node) : (msp_loc){ r->p->path, 0, 0 };
    u->tokens = msp_tokens_new();
    g_ptr_array_add(r->p->units, u);
    return u;
}

static void add_field(reader *r, const char *name, const xmlNode *el, const char *value)
{
    msp_unit *u = new_unit(r, MSP_UNIT_FIELD, el);
    u->field = keep(r->p, name);
    if (value)
        msp_tokens_add_text(u->tokens, value);
    else
        add_inline(r, u->tokens, el, 0);
}

static void read_fields(reader *r, const xmlNode *meta)
{
    int subtitles = 0, subjects = 0, title_notes = 0;
    for (const xmlNode *k = meta ? meta->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        char name[32];
        if (is_el(k, "title")) {
            add_field(r, "title", k, NULL);
        } else if (is_el(k, "subtitle")) {
            g_snprintf(name, sizeof name, "subtitle %d", ++subtitles);
            add_field(r, name, k, NULL);
        } else if (is_el(k, "subject")) {
            g_snprintf(name, sizeof name, "subject %d", ++subjects);
            add_field(r, name, k, NULL);
        } else if (is_el(k, "title-note")) {
            g_snprintf(name, sizeof name, "title note %d", ++title_notes);
            add_field(r, name, k, NULL);
        } else if (is_el(k, "date")) {
            char *ph = prop(k, "placeholder");
            xmlChar *c = xmlNodeGetContent(k);
            add_field(r, "date", k, ph ? ph : (const char *)c);
            xmlFree(c);
            g_free(ph);
        } else if (is_el(k, "agenda")) {
            char *item = prop(k, "item"), *sub = prop(k, "sub");
            char *v = g_strdup_printf("%s%s%s%s", item ? item : "", sub ? " (" : "", sub ? sub : "", sub ? ")" : "");
            add_field(r, "agenda item", k, v);
            g_free(v);
            g_free(item);
            g_free(sub);
        } else if (is_el(k, "committee")) {
            add_field(r, "committee", k, NULL);
        } else if (is_el(k, "distribution")) {
            add_field(r, "distribution", k, NULL);
        }
    }
}

static char *roman(int n)
{
    static const int v[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
    static const char *const s[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
    GString *out = g_string_new(NULL);
    for (int i = 0; i < 13 && n > 0; i++)
        while (n >= v[i]) {
            g_string_append(out, s[i]);
            n -= v[i];
        }
    return g_string_free(out, FALSE);
}

static char *letters(int n)
{
    GString *out = g_string_new(NULL);
    for (; n > 0; n = (n - 1) / 26)
        g_string_prepend_c(out, (char)('a' + (n - 1) % 26));
    return g_string_free(out, FALSE);
}

/* The items of a list, as units; path is the label path of the enclosing
 * item, levels the number of items lists around this list. An items list's
 * labels are (a), (i), then a., i. by its level, as the stylesheet numbers
 * them (bullets do not count as a level); bullets are counted. */
static void read_list(reader *r, const xmlNode *list, guint block, int paragraph, int annex, int levels,
                      const char *path)
{
    bool bullets = is_el(list, "bullets");
    int depth = bullets ? 0 : levels + 1;
    int rank = 0;
    for (const xmlNode *it = list->children; it; it = it->next) {
        if (!is_el(it, "item"))
            continue;
        rank++;
        msp_unit *u = new_unit(r, MSP_UNIT_ITEM, it);
        char *x = bullets ? g_strdup_printf("%d", rank) : depth % 2 == 1 ? letters(rank) : roman(rank);
        char *own = bullets ? g_strdup_printf("bullet %d", rank)
                    : depth <= 2 ? g_strdup_printf("(%s)", x)
                                 : g_strdup_printf("%s.", x);
        char *full = path ? g_strdup_printf("%s %s", path, own) : g_strdup(own);
        u->sub = keep(r->p, full);
        u->sub_last = keep(r->p, x);
        u->depth = depth;
        u->list = block;
        u->paragraph = paragraph;
        u->annex = annex;
        char *id = prop(it, "id");
        u->id = keep(r->p, id);
        g_free(id);
        add_inline(r, u->tokens, it, 0);
        for (const xmlNode *k = it->children; k; k = k->next)
            if (is_el(k, "items") || is_el(k, "bullets"))
                read_list(r, k, block, paragraph, annex, bullets ? levels : depth, full);
        g_free(x);
        g_free(own);
        g_free(full);
    }
}

msp_diff_paper *msp_diff_paper_read(msp_source *src, const msp_refdata *ref)
{
    msp_diff_paper *p = g_new0(msp_diff_paper, 1);
    p->src = src;
    p->path = src->path;
    p->strings = g_string_chunk_new(1024);
    p->units = g_ptr_array_new();
    p->summary = msp_versions_summary_new(src);
    p->symbol = g_strdup(msp_versions_summary_symbol(p->summary));
    p->language = g_strdup(msp_versions_summary_language(p->summary));
    xmlNode *root = xmlDocGetRootElement(src->doc);
    p->kind = prop(root, "kind");
    reader r = { p, ref, g_hash_table_new(NULL, NULL), g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };

    guint n_notes = msp_versions_summary_n_notes(p->summary);
    for (guint i = 0; i < n_notes; i++)
        g_hash_table_insert(r.note_numbers, (gpointer)msp_versions_summary_note(p->summary, i, NULL),
                            GINT_TO_POINTER((int)i + 1));
    guint n_blocks = msp_versions_summary_n_blocks(p->summary);
    for (guint i = 0; i < n_blocks; i++) {
        msp_versions_block b = msp_versions_summary_block(p->summary, i);
        char *id = b.kind == 0 ? prop(b.node, "id") : NULL;
        if (id)
            g_hash_table_insert(r.para_numbers, id, GINT_TO_POINTER(b.number));
    }

    const xmlNode *meta = NULL;
    for (const xmlNode *k = root ? root->children : NULL; k && !meta; k = k->next)
        if (is_el(k, "meta"))
            meta = k;
    read_fields(&r, meta);
    for (guint i = 0; i < n_blocks; i++) {
        msp_versions_block b = msp_versions_summary_block(p->summary, i);
        if (b.kind == 0) {
            msp_unit *u = new_unit(&r, MSP_UNIT_PARA, b.node);
            u->paragraph = b.number > 0 ? b.number : b.after;
            u->unnumbered = b.number > 0 ? 0 : b.unnumbered;
            u->annex = b.annex;
            char *id = prop(b.node, "id");
            u->id = keep(p, id);
            g_free(id);
            add_inline(&r, u->tokens, b.node, 0);
        } else {
            read_list(&r, b.node, i, b.after, b.annex, 0, NULL);
        }
    }
    for (guint i = 0; i < n_notes; i++) {
        const xmlNode *n = msp_versions_summary_note(p->summary, i, NULL);
        msp_unit *u = new_unit(&r, MSP_UNIT_NOTE, n);
        u->note = (int)i + 1;
        add_inline(&r, u->tokens, n, 0);
    }
    g_hash_table_destroy(r.note_numbers);
    g_hash_table_destroy(r.para_numbers);
    return p;
}

void msp_diff_paper_free(msp_diff_paper *p)
{
    if (!p)
        return;
    for (guint i = 0; i < p->units->len; i++) {
        msp_unit *u = p->units->pdata[i];
        msp_tokens_free(u->tokens);
        if (u->line_starts)
            g_array_free(u->line_starts, TRUE);
        g_free(u);
    }
    g_ptr_array_free(p->units, TRUE);
    msp_versions_summary_free(p->summary);
    msp_source_free(p->src);
    g_string_chunk_free(p->strings);
    g_free(p->symbol);
    g_free(p->kind);
    g_free(p->language);
    g_free(p);
}
