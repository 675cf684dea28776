/* Columns of the region-body (XSL 1.1 6.4.14, 7.27.3, 7.27.4, 7.21.4): the
 * body of a page is a stack of column sets, each either spanning (one
 * column as wide as the body: the boxes of a span="all" child of fo:flow)
 * or of column-count columns of (width - (n - 1) gap) / n. The page
 * builder (layout.c) fills the current column of the current set from the
 * set's top down, then the next column, then the next page. A spanning
 * child after columns first balances them: the boxes of the set are placed
 * again with the lowest column limit that still holds them all, found by
 * bisection between the even share and the height they had; the same is
 * done to the last page of a page-sequence. Footnotes and static content
 * are not columned. */
#include "layout/layout_private.h"

#include <math.h>

static const msp_fo_node *region_body(const msp_master *m)
{
    for (const msp_fo_node *r = m->node ? m->node->first : NULL; r; r = r->next)
        if (r->kind == MSP_FO_REGION_BODY)
            return r;
    return NULL;
}

void msp_cols_page_start(msp_layout *L)
{
    const msp_fo_node *rb = region_body(&L->m);
    int n = rb ? MAX(1, rb->style->column_count) : 1;
    double gap = rb ? rb->style->column_gap : 0;
    if (n > 1 && L->m.body.w - (n - 1) * gap < n * 1.0) {
        if (L->emit && msp_layout_first_time(L, rb))
            msp_diag_warn(&L->job->diags, rb->loc, "lower column-count or column-gap",
                          "%d columns with a %.2f pt gap leave no room in the %.2f pt wide body: "
                          "one column is used", n, gap, L->m.body.w);
        n = 1;
    }
    L->n_cols = n;
    L->col_gap = n > 1 ? gap : 0;
    L->col_w = (L->m.body.w - (n - 1) * L->col_gap) / n;
    L->col = 0;
    L->col_start = L->set_start = L->placed->len;
    L->set_top = L->set_max = 0;
    L->set_span = !g_queue_is_empty(&L->queue) && L->q_span;
}

double msp_cols_width(const msp_layout *L, bool span)
{
    return span || L->n_cols < 2 ? L->m.body.w : L->col_w;
}

double msp_cols_x(const msp_layout *L, int col)
{
    return col * (L->col_w + L->col_gap);
}

double msp_cols_bottom(const msp_layout *L)
{
    return MAX(L->set_max, L->body_h);
}

bool msp_cols_next(msp_layout *L)
{
    if (L->set_span || L->n_cols < 2 || L->col + 1 >= L->n_cols || L->full)
        return false;
    L->set_max = msp_cols_bottom(L);
    L->col++;
    L->col_start = L->placed->len;
    L->body_h = L->set_top;
    L->hdr_shown = NULL;
    return true;
}

/* A new set below the current one. */
static void new_set(msp_layout *L, bool span)
{
    L->set_top = msp_cols_bottom(L);
    L->set_max = L->set_top;
    L->body_h = L->set_top;
    L->col = 0;
    L->col_start = L->set_start = L->placed->len;
    L->set_span = span;
    L->hdr_shown = NULL;
}

/* Places the set's boxes again (they are put back at the queue's head, up
 * to the box stop, NULL: the whole queue) with columns ending at limit; bal:
 * as a trial that fails rather than end the page. Returns false when they
 * did not all fit (bal) or on an error (st). */
static bool place_set(msp_layout *L, double limit, bool bal, const msp_item *stop, GHashTable *cache,
                      const msp_master_sel *sel_before, msp_status *st)
{
    if (L->set_start < L->placed->len)
        msp_requeue_from(L, L->set_start, NULL);
    L->col = 0;
    L->col_start = L->set_start;
    L->set_max = L->set_top;
    L->body_h = L->set_top;
    L->bal = bal;
    L->bal_fail = false;
    L->bal_limit = limit;
    while (*st == MSP_OK && !L->bal_fail && !g_queue_is_empty(&L->queue) &&
           g_queue_peek_head(&L->queue) != stop) {
        *st = msp_place(L, g_queue_pop_head(&L->queue), cache, sel_before);
        if (*st == MSP_OK)
            *st = L->st;
    }
    L->bal = false;
    return *st == MSP_OK && !L->bal_fail;
}

msp_status msp_cols_balance(msp_layout *L, GHashTable *cache, const msp_master_sel *sel_before)
{
    if (L->n_cols < 2 || L->set_span || !g_queue_is_empty(&L->queue) ||
        !msp_placed_boxes(L, L->set_start, L->placed->len))
        return MSP_OK;
    /* the even share of the set's height, and the height it has now: the
     * boxes fit in the columns with that one */
    double total = 0;
    for (guint i = L->set_start; i < L->placed->len; i++) {
        const msp_placed *p = &g_array_index(L->placed, msp_placed, i);
        if (!p->skip)
            total += p->it->h;
    }
    double hi = msp_cols_bottom(L);
    double lo = MIN(hi, L->set_top + total / L->n_cols);
    msp_status st = MSP_OK;
    if (hi - lo < 0.5)
        return MSP_OK;
    if (place_set(L, lo, true, NULL, cache, sel_before, &st))
        hi = lo;
    while (st == MSP_OK && hi - lo >= 0.5) {
        double mid = (lo + hi) / 2;
        if (place_set(L, mid, true, NULL, cache, sel_before, &st))
            hi = mid;
        else
            lo = mid;
    }
    if (st == MSP_OK && !place_set(L, hi, true, NULL, cache, sel_before, &st) && st == MSP_OK) {
        /* not as before (it cannot happen with the same boxes): place them
         * as the page builder does, ending the page if need be */
        place_set(L, L->m.body.h, false, NULL, cache, sel_before, &st);
    }
    return st;
}

msp_status msp_cols_refill(msp_layout *L, msp_item *it, double limit, GHashTable *cache,
                           const msp_master_sel *sel_before)
{
    const msp_item *stop = g_queue_peek_head(&L->queue);
    g_queue_push_head(&L->queue, it);
    msp_status st = MSP_OK;
    if (!place_set(L, limit, true, stop, cache, sel_before, &st) && st == MSP_OK) {
        /* the columns do not hold the set above the notes: as before, and
         * the box goes on in the next column or page */
        g_hash_table_add(L->refilled, it);
        place_set(L, L->m.body.h, false, stop, cache, sel_before, &st);
    }
    return st;
}

msp_status msp_cols_before_child(msp_layout *L, const msp_fo_node *child, GHashTable *cache,
                                 const msp_master_sel *sel_before)
{
    bool span = child->style->span_all;
    if (span && child->parent && child->parent->kind == MSP_FO_FLOW && child->kind != MSP_FO_BLOCK &&
        child->kind != MSP_FO_BLOCK_CONTAINER && L->emit && msp_layout_first_time(L, child))
        msp_diag_warn(&L->job->diags, child->loc, "put span=\"all\" on an fo:block or fo:block-container",
                      "span=\"all\" on %s is set across the body as asked", msp_fo_kind_name(child->kind));
    if (L->n_cols < 2 || span == L->set_span)
        return MSP_OK;
    if (span) {
        msp_status st = msp_cols_balance(L, cache, sel_before);
        if (st != MSP_OK || !g_queue_is_empty(&L->queue))
            return st;
    }
    new_set(L, span);
    return MSP_OK;
}
