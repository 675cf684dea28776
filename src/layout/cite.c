/* Ids and page-number citations: where each id's element starts and ends
 * (recorded as pages are emitted, with the PDF destination), the page text a
 * citation prints, and the passes that repeat layout until the cited numbers
 * settle. Which boxes carry which ids is decided by the generators (block.c,
 * table.c, list.c); the page builder calls in here. */
#include "layout/layout_private.h"

#include <string.h>

void msp_cite_record(msp_layout *L, msp_page *page, const char *id, double x, double y, bool dest)
{
    bool first = !g_hash_table_contains(L->cite_first, id);
    if (first)
        g_hash_table_insert(L->cite_first, g_strdup(id), g_strdup(page->number_text));
    g_hash_table_insert(L->cite_last, g_strdup(id), g_strdup(page->number_text));
    /* one destination per id: where its element first appears (a repeated
     * table header, static content on every page) */
    if (dest && first) {
        msp_area a = { .kind = MSP_AREA_DEST, .zone = MSP_ZONE_BODY, .x = x, .y = y };
        a.u.dest.name = msp_arena_strdup(page->arena, id);
        msp_page_add(page, &a);
    }
}

void msp_cite_page(msp_layout *L, msp_page *page)
{
    const msp_fo_node *title = NULL;
    for (const msp_fo_node *c = L->seq->first; c && !title; c = c->next)
        if (c->kind == MSP_FO_TITLE)
            title = c;
    /* elements that span pages without boxes of their own: they start on
     * their first page and end on their last */
    const msp_fo_node *own[] = { L->doc->root, L->seq, title, L->flow };
    const msp_rect *b = &page->region[MSP_ZONE_BODY];
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++)
        if (own[i] && own[i]->id)
            msp_cite_record(L, page, own[i]->id, b->x, b->y, true);
}

const char *msp_cite_lookup(void *user, const char *ref_id, bool last)
{
    msp_layout *L = user;
    if (!L->cite_in)
        return NULL;
    char *key = g_strconcat(last ? "L:" : "F:", ref_id, NULL);
    const char *v = g_hash_table_lookup(L->cite_in, key);
    g_free(key);
    return v;
}

/* Counts the page-number citations under n; each one whose ref-id no
 * formatting object has is an error (a printed number would be a guess). */
static int check_citations(msp_job *job, const msp_fo_doc *doc, const msp_fo_node *n)
{
    int count = 0;
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_PAGE_NUMBER_CITATION || c->kind == MSP_FO_PAGE_NUMBER_CITATION_LAST) {
            const char *ref = msp_fo_attr_value(c, "ref-id");
            if (ref && (!doc->ids || !g_hash_table_contains(doc->ids, ref)))
                msp_diag_error(&job->diags, MSP_E_FO, c->loc, "give the cited formatting object that id, or fix ref-id",
                               "%s refers to id '%s', which no formatting object has",
                               msp_fo_kind_name(c->kind), ref);
            count++;
        }
        if (c->first)
            count += check_citations(job, doc, c);
    }
    return count;
}

/* After the emitting pass: a citation of an element that no page holds (in
 * an fo:marker never retrieved, in static content for a region no page
 * has) printed a placeholder; say so once per id. */
static void warn_unplaced(msp_layout *L, const msp_fo_node *n, GHashTable *told)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_PAGE_NUMBER_CITATION || c->kind == MSP_FO_PAGE_NUMBER_CITATION_LAST) {
            const char *ref = msp_fo_attr_value(c, "ref-id");
            if (ref && !g_hash_table_contains(L->cite_first, ref) && !g_hash_table_contains(told, ref)) {
                g_hash_table_add(told, (gpointer)ref);
                msp_diag_warn(&L->job->diags, c->loc,
                              "cite an element that is laid out (not one inside an fo:marker that is "
                              "never retrieved, or in static content no page shows)",
                              "%s: the element with id '%s' is on no page; a placeholder is printed",
                              msp_fo_kind_name(c->kind), ref);
            }
        }
        if (c->first)
            warn_unplaced(L, c, told);
    }
}

static GHashTable *cite_map(msp_layout *L)
{
    GHashTable *m = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, L->cite_first);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_hash_table_insert(m, g_strconcat("F:", k, NULL), g_strdup(v));
    g_hash_table_iter_init(&it, L->cite_last);
    while (g_hash_table_iter_next(&it, &k, &v))
        g_hash_table_insert(m, g_strconcat("L:", k, NULL), g_strdup(v));
    return m;
}

static bool maps_equal(GHashTable *a, GHashTable *b)
{
    if (!a || !b || g_hash_table_size(a) != g_hash_table_size(b))
        return false;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const char *w = g_hash_table_lookup(b, k);
        if (!w || strcmp(w, v) != 0)
            return false;
    }
    return true;
}

static void maps_begin(msp_layout *L, GHashTable *in)
{
    L->cite_in = in;
    L->cite_first = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    L->cite_last = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static void maps_end(msp_layout *L)
{
    g_hash_table_destroy(L->cite_first);
    g_hash_table_destroy(L->cite_last);
    L->cite_first = L->cite_last = NULL;
    L->cite_in = NULL;
}

msp_status msp_cite_passes(msp_layout *L, msp_status (*run_pass)(msp_layout *L))
{
    msp_job *job = L->job;
    int errors_before = job->diags.errors;
    int citations = check_citations(job, L->doc, L->doc->root);
    if (job->diags.errors > errors_before)
        return MSP_E_FO;
    msp_status st = MSP_OK;
    GHashTable *map = NULL;
    /* passes without output until the cited numbers stop changing (at most 3) */
    for (int pass = 0; citations > 0 && pass < 3 && st == MSP_OK; pass++) {
        L->emit = false;
        maps_begin(L, map);
        /* their diagnostics repeat in the final pass: only errors are kept */
        msp_diag_list real = job->diags;
        msp_diag_list_init(&job->diags);
        st = run_pass(L);
        msp_diag_list quiet = job->diags;
        job->diags = real;
        if (st != MSP_OK)
            msp_diag_list_merge(&job->diags, &quiet);
        msp_diag_list_clear(&quiet);
        GHashTable *m2 = cite_map(L);
        maps_end(L);
        bool same = maps_equal(map, m2);
        if (map)
            g_hash_table_destroy(map);
        map = m2;
        if (same)
            break;
    }
    if (st == MSP_OK) {
        L->emit = true;
        maps_begin(L, map);
        st = run_pass(L);
        if (citations > 0 && st == MSP_OK) {
            GHashTable *told = g_hash_table_new(g_str_hash, g_str_equal);
            warn_unplaced(L, L->doc->root, told);
            g_hash_table_destroy(told);
        }
        if (map && st == MSP_OK) {
            GHashTable *m2 = cite_map(L);
            if (!maps_equal(map, m2))
                msp_diag_warn(&job->diags, L->doc->root->loc,
                              "a citation whose number changes the pages it is on can make them alternate: "
                              "check the page numbers of the citations",
                              "page-number citations did not settle after 3 passes");
            g_hash_table_destroy(m2);
        }
        maps_end(L);
    }
    if (map)
        g_hash_table_destroy(map);
    return st;
}
