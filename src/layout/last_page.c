/* The last page of a page-sequence and its master: page-position="last"
 * (and "only") choose the master of the page that turns out to be the last
 * one, which is known only once the flow is placed. The page takes that
 * master when its boxes stay as they are (the same body width and columns,
 * room for them); when the width differs, the page's boxes are made again
 * for the new width (relayout.c) and placed as a trial. When the last
 * master cannot hold them, the page keeps its own master, so it is not the
 * last one, and an empty last page with the last master follows (XSL 1.1
 * 6.4.12: the first alternative whose conditions hold is used, and
 * page-position="last" holds for the last page). */
#include "layout/layout_private.h"

#include <math.h>

static const msp_fo_node *region_body(const msp_master *m)
{
    for (const msp_fo_node *r = m->node->first; r; r = r->next)
        if (r->kind == MSP_FO_REGION_BODY)
            return r;
    return NULL;
}

static int columns_of(const msp_master *m)
{
    const msp_fo_node *rb = region_body(m);
    return rb ? MAX(1, rb->style->column_count) : 1;
}

/* The first box placed on the page, or NULL. */
static const msp_item *first_box(const msp_layout *L)
{
    for (guint i = 0; i < L->placed->len; i++) {
        const msp_item *it = g_array_index(L->placed, msp_placed, i).it;
        if (it->kind != MSP_ITEM_GLUE)
            return it;
    }
    return NULL;
}

/* Puts the page's boxes back in the queue, makes them again for the body
 * width of master m (selection sel) and places them; trial: a box that does
 * not fit fails the trial instead of ending the page. Returns whether all
 * of them are on the page (or an error in *st). */
static bool place_again(msp_layout *L, const msp_master *m, const msp_master_sel *sel, bool trial,
                        const msp_master_sel *sel_before, msp_status *st)
{
    if (L->placed->len)
        msp_requeue_from(L, 0, NULL);
    L->m = *m;
    L->sel = *sel;
    msp_cols_page_start(L);
    double want = msp_cols_width(L, L->q_span);
    if (fabs(want - L->q_width) > 0.005) {
        *st = msp_relayout_queue(L);
        if (*st != MSP_OK)
            return false;
        if (trial && fabs(want - L->q_width) > 0.005)
            return false;   /* not made again for the width: no trial */
    }
    L->bal = trial;
    L->bal_fail = false;
    L->bal_limit = 1e9;
    while (*st == MSP_OK && !L->bal_fail && !g_queue_is_empty(&L->queue)) {
        *st = msp_place(L, g_queue_pop_head(&L->queue), L->notes, sel_before);
        if (*st == MSP_OK)
            *st = L->st;
    }
    L->bal = false;
    return *st == MSP_OK && !L->bal_fail && g_queue_is_empty(&L->queue);
}

bool msp_last_master(msp_layout *L, const msp_master_sel *before)
{
    if (!L->sel.psm)
        return false;
    msp_master_sel saved = L->sel;
    msp_master cur = L->m;
    L->sel = *before;
    msp_master m;
    /* not an error of the document when no "last" master matches: quiet diagnostics */
    msp_diag_list real = L->job->diags;
    msp_diag_list_init(&L->job->diags);
    msp_status st = msp_master_select(L, L->seq_pages == 0, true, false, &m);
    msp_diag_list_clear(&L->job->diags);
    L->job->diags = real;
    msp_master_sel sel_last = L->sel;
    L->sel = saved;
    if (st != MSP_OK || m.node == cur.node)
        return false;
    double need = msp_cols_bottom(L) + msp_notes_height(L) + (msp_notes_any(L) ? L->sep_h : 0);
    int nc_cur = columns_of(&cur), nc_m = columns_of(&m);
    const msp_fo_node *rb_cur = region_body(&cur), *rb_m = region_body(&m);
    double gap_cur = rb_cur ? rb_cur->style->column_gap : 0, gap_m = rb_m ? rb_m->style->column_gap : 0;
    bool same = m.body.w == cur.body.w && nc_cur == nc_m && (nc_m < 2 || gap_cur == gap_m);
    /* the same body width and columns: the boxes stay where they are */
    if (same) {
        if (need > m.body.h + 0.001)
            return true;
        L->m = m;
        L->sel = sel_last;
        return false;
    }
    /* another width: the page's boxes made again for it, when they can be
     * (one column set, the page not continuing a paragraph or row of the
     * previous page, which keeps its lines), and when they fit */
    const msp_item *fb = first_box(L);
    if (!fb || fb->cont || nc_cur > 1 || nc_m > 1 || !L->gen || !g_queue_is_empty(&L->queue) ||
        L->carry->len || L->full)
        return true;
    st = MSP_OK;
    if (place_again(L, &m, &sel_last, true, before, &st))
        return false;
    /* it does not hold them: the page as it was, and an empty last page */
    if (st == MSP_OK)
        place_again(L, &cur, &saved, false, before, &st);
    if (st != MSP_OK && L->st == MSP_OK)
        L->st = st;
    return true;
}
