/* Printed lines of the issued version: the paper is laid out through the
 * build's own chain (msp_xslt_run, msp_fo_from_xml, msp_layout_run, with
 * the fonts `build` uses) into a sink that keeps, per paragraph, sub-item
 * and note, how many letters and digits each of its lines prints; no PDF is
 * written. A line is tied to its unit through the FO: every paragraph and
 * sub-item carries an FO id (its own @id, else msp-diff-N set on the source
 * tree before the transform: the stylesheets copy @id of p and item to
 * their block), found by walking up from the line's FO block; a note's lines
 * through their fo:footnote, whose first inline is the note's mark. A word's
 * line is then found by counting letters and digits, which hyphenation,
 * typography (quotes, spaces) and line breaks leave alone. */
#include "edit/diff_private.h"
#include "fo/fo.h"
#include "layout/layout.h"

#include <stdlib.h>
#include <string.h>

typedef struct line_sink {
    GHashTable *by_id;          /* fo id -> msp_unit* */
    GHashTable *by_note;        /* note number -> msp_unit* */
    GHashTable *counts;         /* msp_unit* -> GArray of int (alnum per line) */
} line_sink;

static int alnum_of(const char *s, bool skip_label)
{
    const char *p = s;
    if (skip_label) {
        /* "5." / "(a)": the label printed before the text of a first line */
        while (*p && !g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        while (*p && g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
    }
    int n = 0;
    for (; *p; p = g_utf8_next_char(p))
        n += g_unichar_isalnum(g_utf8_get_char(p)) ? 1 : 0;
    return n;
}

static msp_unit *unit_of_line(line_sink *s, const msp_fo_node *fo, bool footnote_zone)
{
    for (const msp_fo_node *n = fo; n; n = n->parent) {
        if (n->kind == MSP_FO_LIST_ITEM_LABEL && footnote_zone)
            return NULL;        /* the note's mark, set apart from its text */
        if (n->kind == MSP_FO_FOOTNOTE) {
            const msp_fo_node *mark = n->first;
            const msp_fo_node *t = mark ? mark->first : NULL;
            if (!t || t->kind != MSP_FO_TEXT)
                return NULL;
            char *text = g_strndup(t->text, t->text_len);
            char *end = NULL;
            long num = strtol(g_strstrip(text), &end, 10);
            bool ok = *text && end && *end == '\0';
            g_free(text);
            return ok ? g_hash_table_lookup(s->by_note, GINT_TO_POINTER((int)num)) : NULL;
        }
        if (n->id && !footnote_zone) {
            msp_unit *u = g_hash_table_lookup(s->by_id, n->id);
            if (u)
                return u;
        }
    }
    return NULL;
}

static msp_status sink(void *user, const msp_page *page, msp_diag_list *diags)
{
    (void)diags;
    line_sink *s = user;
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        if (a->kind != MSP_AREA_LINE || !a->src || a->repeated)
            continue;
        if (a->zone != MSP_ZONE_BODY && a->zone != MSP_ZONE_FOOTNOTES)
            continue;
        msp_unit *u = unit_of_line(s, a->src, a->zone == MSP_ZONE_FOOTNOTES);
        if (!u)
            continue;
        GArray *c = g_hash_table_lookup(s->counts, u);
        if (!c) {
            c = g_array_new(FALSE, FALSE, sizeof(int));
            g_hash_table_insert(s->counts, u, c);
        }
        bool labelled = c->len == 0 && ((u->kind == MSP_UNIT_PARA && u->unnumbered == 0 && u->paragraph > 0)
                                        || (u->kind == MSP_UNIT_ITEM && u->depth > 0));
        int n = alnum_of(a->u.line.text ? a->u.line.text : "", labelled);
        g_array_append_val(c, n);
    }
    return MSP_OK;
}

static void free_counts(gpointer p)
{
    g_array_free(p, TRUE);
}

msp_status msp_diff_paper_layout(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, msp_diff_paper *p)
{
    if (!w || !w->pango)
        return msp_diag_error(&job->diags, MSP_E_IO, ((msp_loc){ p->path, 0, 0 }), "load the fonts (fonts/fonts.conf)",
                              "no fonts to lay out the issued version with");
    line_sink s = { g_hash_table_new(g_str_hash, g_str_equal), g_hash_table_new(NULL, NULL),
                    g_hash_table_new_full(NULL, NULL, NULL, free_counts) };
    int made = 0;
    for (guint i = 0; i < p->units->len; i++) {
        msp_unit *u = p->units->pdata[i];
        if (u->kind == MSP_UNIT_NOTE) {
            g_hash_table_insert(s.by_note, GINT_TO_POINTER(u->note), u);
            continue;
        }
        if (u->kind == MSP_UNIT_FIELD)
            continue;
        if (u->id) {
            u->fo_id = u->id;
        } else {
            char *id = g_strdup_printf("msp-diff-%d", ++made);
            xmlSetProp((xmlNode *)u->node, (const xmlChar *)"id", (const xmlChar *)id);
            u->fo_id = g_string_chunk_insert_const(p->strings, id);
            g_free(id);
        }
        g_hash_table_insert(s.by_id, (gpointer)u->fo_id, u);
    }
    xmlDoc *fo_xml = NULL;
    msp_fo_doc *fo = NULL;
    /* not as a draft: the draft marks are drawn over the pages, the lines are the same */
    msp_xslt_params params = { false, p->src->sha256 };
    msp_status st = msp_xslt_run(job, ctx->xslt, p->kind ? p->kind : "report", p->src->doc, p->src->path,
                                 p->src->dir, &params, &fo_xml);
    if (st == MSP_OK) {
        char *fo_name = g_strdup_printf("%s (FO)", p->src->path);
        st = msp_fo_from_xml(job, &fo, fo_xml, msp_diag_list_intern(&job->diags, fo_name));
        g_free(fo_name);
    }
    if (st == MSP_OK) {
        msp_layout_opts lo = { 0 };
        lo.pango = w->pango;
        lo.sink = sink;
        lo.sink_user = &s;
        msp_layout_result lr = { 0 };
        st = msp_layout_run(job, fo, &lo, &lr);
    }
    if (st == MSP_OK) {
        for (guint i = 0; i < p->units->len; i++) {
            msp_unit *u = p->units->pdata[i];
            GArray *c = g_hash_table_lookup(s.counts, u);
            if (!c)
                continue;
            u->line_starts = g_array_sized_new(FALSE, FALSE, sizeof(int), c->len);
            int at = 0;
            for (guint k = 0; k < c->len; k++) {
                g_array_append_val(u->line_starts, at);
                at += g_array_index(c, int, k);
            }
        }
    }
    /* the ids were for the layout only: the tree is the source's again */
    for (guint i = 0; i < p->units->len; i++) {
        msp_unit *u = p->units->pdata[i];
        if ((u->kind == MSP_UNIT_PARA || u->kind == MSP_UNIT_ITEM) && !u->id)
            xmlUnsetProp((xmlNode *)u->node, (const xmlChar *)"id");
    }
    msp_fo_doc_free(fo);
    if (fo_xml)
        xmlFreeDoc(fo_xml);
    g_hash_table_destroy(s.by_id);
    g_hash_table_destroy(s.by_note);
    g_hash_table_destroy(s.counts);
    return st;
}

int msp_unit_line(const msp_unit *u, guint i)
{
    guint n = msp_tokens_len(u->tokens);
    if (!u->line_starts || u->line_starts->len == 0 || n == 0)
        return 0;
    if (i >= n)
        i = n - 1;
    int at = msp_tokens_at(u->tokens, i)->alnum;
    guint line = 0;
    while (line + 1 < u->line_starts->len && g_array_index(u->line_starts, int, line + 1) <= at)
        line++;
    return (int)line + 1;
}
