/* Footnote bodies: each fo:footnote-body laid out once as items in the
 * region-body width (indents relative to the region), measured and split at
 * line boundaries with orphans/widows. Placing them on pages (reserve,
 * carry-over) is in layout.c. */
#include "layout/layout_private.h"

msp_note *msp_note_build(msp_layout *L, const msp_fo_node *footnote)
{
    msp_note *n = g_new0(msp_note, 1);
    n->refs = 1;
    n->node = footnote;
    const msp_fo_node *body = NULL;
    for (const msp_fo_node *c = footnote->first; c; c = c->next)
        if (c->kind == MSP_FO_FOOTNOTE_BODY)
            body = c;
    msp_gen g;
    msp_gen_init(&g, L, NULL);
    if (body) {
        msp_refarea ra = { 0, L->m.body.w, { 0 } };
        if (body->id)
            g_ptr_array_add(g.p_ids, (gpointer)body->id);
        msp_status st = msp_gen_children(&g, body, &ra);
        msp_gen_anchor(&g);
        if (st != MSP_OK && L->st == MSP_OK)
            L->st = st;
    }
    n->items = g.out;
    g.out = NULL;
    msp_gen_clear(&g);
    return n;
}

void msp_note_unref(msp_note *n)
{
    if (n && --n->refs == 0) {
        msp_items_free(n->items);
        g_free(n);
    }
}

double msp_note_height(const msp_note *n, int from, int to)
{
    double h = 0;
    for (int i = from; i < to; i++) {
        const msp_item *it = g_ptr_array_index(n->items, i);
        if (it->kind == MSP_ITEM_GLUE && i == from && !it->retain)
            continue;
        h += it->h;
    }
    return h;
}

static bool is_line(const msp_item *it)
{
    return it->kind == MSP_ITEM_LINE || it->kind == MSP_ITEM_GROUP;
}

int msp_note_lines(const msp_note *n, int from, int to)
{
    int k = 0;
    for (int i = from; i < to; i++)
        if (is_line(g_ptr_array_index(n->items, i)))
            k++;
    return k;
}

int msp_note_fit(const msp_note *n, int from, double room, int min_lines, bool relax)
{
    int len = (int)n->items->len, best = from;
    int total = msp_note_lines(n, from, len);
    for (int to = from + 1; to <= len; to++) {
        const msp_item *prev = g_ptr_array_index(n->items, to - 1);
        if (to < len) {
            const msp_item *next = g_ptr_array_index(n->items, to);
            /* split only after a line and before a line, glue or decoration end */
            if (!is_line(prev) || next->kind == MSP_ITEM_CLOSE)
                continue;
        }
        if (msp_note_height(n, from, to) > room + 0.001)
            break;
        int here = msp_note_lines(n, from, to);
        int rest = total - here;
        if (to == len || relax || (here >= min_lines && rest >= min_lines))
            best = to;
    }
    return best;
}
