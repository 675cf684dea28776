/* Pagination: msp_layout_run. Page-sequences, the streaming page builder
 * (first fit with look-back to the weakest latest break point, footnote
 * reserve, split notes carried to the next page), forced and blank pages and
 * bookmarks. Item generation is block.c; drawing a finished page is
 * page_emit.c; ids and the citation passes are cite.c. */
#include "layout/layout_private.h"
#include "layout/page_queue.h"

#define MSP_MAX_PAGE_NUMBER 99999999

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool msp_layout_first_time(msp_layout *L, const void *key)
{
    if (g_hash_table_contains(L->warned, key))
        return false;
    g_hash_table_add(L->warned, (gpointer)key);
    return true;
}

/* ---- page state ---- */

bool msp_placed_boxes(const msp_layout *L, guint from, guint to)
{
    for (guint i = from; i < to; i++)
        if (g_array_index(L->placed, msp_placed, i).it->kind != MSP_ITEM_GLUE)
            return true;
    return false;
}

static bool page_has_boxes(const msp_layout *L)
{
    return msp_placed_boxes(L, 0, L->placed->len);
}

/* The current column holds a box. */
static bool col_has_boxes(const msp_layout *L)
{
    return msp_placed_boxes(L, L->col_start, L->placed->len);
}

double msp_notes_height(const msp_layout *L)
{
    double h = 0;
    for (guint i = 0; i < L->parts->len; i++) {
        const msp_note_part *p = &g_array_index(L->parts, msp_note_part, i);
        if (p->to > p->from)
            h += msp_note_height(p->note, p->from, p->to);
    }
    return h;
}

bool msp_notes_any(const msp_layout *L)
{
    for (guint i = 0; i < L->parts->len; i++) {
        const msp_note_part *p = &g_array_index(L->parts, msp_note_part, i);
        if (p->to > p->from)
            return true;
    }
    return false;
}

static double trailing_glue(const msp_layout *L)
{
    double h = 0;
    for (guint i = L->placed->len; i > L->col_start; i--) {
        const msp_placed *p = &g_array_index(L->placed, msp_placed, i - 1);
        if (p->it->kind != MSP_ITEM_GLUE)
            break;
        if (!p->skip)
            h += p->it->h;
    }
    return h;
}

static void parts_add(msp_layout *L, msp_note *n, int from, int to)
{
    n->refs++;
    msp_note_part p = { n, from, to };
    g_array_append_val(L->parts, p);
}

static void parts_truncate(msp_layout *L, guint n)
{
    for (guint i = n; i < L->parts->len; i++)
        msp_note_unref(g_array_index(L->parts, msp_note_part, i).note);
    g_array_set_size(L->parts, MIN(n, L->parts->len));
}

static msp_status seq_start_page(msp_layout *L, bool blank);

/* Frees the page's placed items and moves unfinished notes to the carry list. */
static void clear_page(msp_layout *L)
{
    msp_floats_page_clear(L);
    for (guint i = 0; i < L->placed->len; i++) {
        msp_item *it = g_array_index(L->placed, msp_placed, i).it;
        /* the box is done: its notes are on this page or in the carry list */
        for (guint k = 0; L->notes && it->notes && k < it->notes->len; k++)
            g_hash_table_remove(L->notes, g_ptr_array_index(it->notes, k));
        msp_item_free(it);
    }
    g_array_set_size(L->placed, 0);
    for (guint i = 0; i < L->parts->len; i++) {
        msp_note_part *p = &g_array_index(L->parts, msp_note_part, i);
        if (p->to < (int)p->note->items->len) {
            msp_note_part *c = g_new(msp_note_part, 1);
            *c = (msp_note_part){ p->note, p->to, (int)p->note->items->len };
            p->note->refs++;
            g_ptr_array_add(L->carry, c);
        }
    }
    parts_truncate(L, 0);
    L->body_h = 0;
    L->full = false;
    L->hdr_shown = NULL;
    L->col = 0;
    g_hash_table_remove_all(L->refilled);
    L->col_start = L->set_start = 0;
    L->set_top = L->set_max = 0;
}

/* Places carried note parts at the foot of a new page, in order. */
static void place_carry(msp_layout *L)
{
    GPtrArray *carry = L->carry;
    L->carry = g_ptr_array_new();
    double avail = L->m.body.h;
    for (guint i = 0; i < carry->len; i++) {
        msp_note_part *c = g_ptr_array_index(carry, i);
        int len = (int)c->note->items->len;
        if (L->full) {
            parts_add(L, c->note, c->from, c->from);
        } else {
            double used = msp_notes_height(L) + (msp_notes_any(L) ? 0 : L->sep_h);
            double room = avail - used - (msp_notes_any(L) ? L->sep_h : 0);
            double need = msp_note_height(c->note, c->from, len);
            if (need <= room) {
                parts_add(L, c->note, c->from, len);
            } else {
                int to = msp_note_fit(c->note, c->from, room, 2, i == 0);
                if (to == c->from && i == 0)
                    to = msp_note_fit(c->note, c->from, 1e9, 1, true) > c->from ? c->from + 1 : c->from;
                parts_add(L, c->note, c->from, to);
                L->full = true;
            }
        }
        msp_note_unref(c->note);
        g_free(c);
    }
    g_ptr_array_free(carry, TRUE);
}

/* The flow goes into the region-body of the page's master: the one whose
 * region-name is its flow-name (XSL 1.1 6.4.18 flow-map defaults, 7.27.4
 * flow-name); a flow named xsl-region-body goes into every region-body. */
static bool body_takes_flow(const msp_layout *L)
{
    const char *fl = L->flow ? msp_fo_attr_value(L->flow, "flow-name") : NULL;
    if (!fl || strcmp(fl, "xsl-region-body") == 0)
        return true;
    for (const msp_fo_node *r = L->m.node->first; r; r = r->next)
        if (r->kind == MSP_FO_REGION_BODY) {
            const char *rn = msp_fo_attr_value(r, "region-name");
            return strcmp(rn ? rn : "xsl-region-body", fl) == 0;
        }
    return false;
}

/* Pages in a row whose region-body takes no flow before it is an error. */
#define MSP_MAX_FLOWLESS_PAGES 64

static msp_status start_page(msp_layout *L, bool blank)
{
    msp_status st = seq_start_page(L, blank);
    /* a page whose region-body has another region-name holds none of the
     * flow: it has its static content only, the flow goes on on the next */
    for (int n = 0; st == MSP_OK && !blank && !body_takes_flow(L); n++) {
        if (n == MSP_MAX_FLOWLESS_PAGES)
            return L->st = msp_diag_error(&L->job->diags, MSP_E_FO, L->flow->loc,
                                          "give the region-body of the masters the sequence uses the "
                                          "region-name of the flow",
                                          "%d pages in a row have no region-body named '%s' for the flow",
                                          n, msp_fo_attr_value(L->flow, "flow-name"));
        msp_cols_page_start(L);
        st = msp_page_emit(L, true);
        clear_page(L);
        L->number++;
        if (st == MSP_OK)
            st = seq_start_page(L, false);
    }
    if (st == MSP_OK && !blank)
        st = msp_master_check_room(L, &L->m);
    if (st != MSP_OK)
        return L->st = st;
    msp_cols_page_start(L);
    if (!blank && L->gen && !g_queue_is_empty(&L->queue) &&
        (fabs(msp_cols_width(L, L->q_span) - L->q_width) > 0.005 || (L->q_pn && L->q_number != L->number)))
        st = msp_relayout_queue(L);
    place_carry(L);
    if (!blank)
        msp_floats_page_start(L);
    return st;
}

static msp_status blank_page(msp_layout *L)
{
    msp_status st = start_page(L, true);
    if (st != MSP_OK)
        return st;
    /* carried notes wait for the next real page */
    for (guint i = 0; i < L->parts->len; i++) {
        msp_note_part *p = &g_array_index(L->parts, msp_note_part, i);
        p->to = p->from;
    }
    st = msp_page_emit(L, true);
    clear_page(L);
    L->number++;
    return st;
}

static msp_status finish_page(msp_layout *L, msp_break next, bool last, const msp_master_sel *sel_before)
{
    bool empty_last = last && msp_last_master(L, sel_before);
    msp_floats_reapply(L);
    msp_status st = msp_page_emit(L, false);
    clear_page(L);
    L->number++;
    if (st != MSP_OK)
        return st;
    if (empty_last) {
        L->last_page = true;
        st = blank_page(L);
        L->last_page = false;
        return st;
    }
    if ((next == MSP_BREAK_ODD_PAGE && L->number % 2 == 0) ||
        (next == MSP_BREAK_EVEN_PAGE && L->number % 2 != 0))
        st = blank_page(L);
    return st;
}

/* ---- placing items ---- */

/* The notes of it, after those of the table header drawn above it (hdr) */
static GPtrArray *item_notes(msp_layout *L, msp_item *it, bool hdr, GHashTable *cache)
{
    GPtrArray *all = g_ptr_array_new();
    for (guint i = 0; hdr && it->hdr->notes && i < it->hdr->notes->len; i++)
        g_ptr_array_add(all, g_ptr_array_index(it->hdr->notes, i));
    for (guint i = 0; it->notes && i < it->notes->len; i++)
        g_ptr_array_add(all, g_ptr_array_index(it->notes, i));
    if (all->len == 0) {
        g_ptr_array_free(all, TRUE);
        return NULL;
    }
    GPtrArray *notes = g_ptr_array_new();
    for (guint i = 0; i < all->len; i++) {
        const msp_fo_node *fn = g_ptr_array_index(all, i);
        msp_note *n = g_hash_table_lookup(cache, fn);
        if (!n) {
            n = msp_note_build(L, fn);
            g_hash_table_insert(cache, (gpointer)fn, n);
        }
        g_ptr_array_add(notes, n);
    }
    g_ptr_array_free(all, TRUE);
    return notes;
}

static void add_placed(msp_layout *L, msp_item *it, bool hdr, bool skip)
{
    msp_placed p = { it, (int)L->parts->len, L->body_h, hdr, L->full, L->col, L->set_top, skip };
    g_array_append_val(L->placed, p);
}

static void commit(msp_layout *L, msp_item *it, double need, bool hdr)
{
    add_placed(L, it, hdr, false);
    L->body_h = need;
    if (hdr)
        L->hdr_shown = it->hdr;
    if (it->floats || it->subs || it->attached)
        msp_floats_placed(L, it, (int)L->placed->len - 1);
}

void msp_requeue_from(msp_layout *L, guint b, msp_item *it)
{
    msp_floats_requeue(L, b);
    if (it)
        g_queue_push_head(&L->queue, it);
    for (guint i = L->placed->len; i > b; i--) {
        msp_placed *p = &g_array_index(L->placed, msp_placed, i - 1);
        g_queue_push_head(&L->queue, p->it);
    }
    const msp_placed *pb = &g_array_index(L->placed, msp_placed, b);
    parts_truncate(L, (guint)pb->n_parts_before);
    L->full = pb->full_before;
    L->body_h = pb->body_before;
    g_array_set_size(L->placed, b);
    L->hdr_shown = NULL;
    for (guint i = 0; i < b; i++) {
        const msp_placed *p = &g_array_index(L->placed, msp_placed, i);
        if (p->hdr)
            L->hdr_shown = p->it->hdr;
    }
}

/* The break point to use when `it` does not fit: the weakest, then latest,
 * position before a box that has a box before it on the page. Returns
 * L->placed->len for "before it". */
static guint choose_break(const msp_layout *L, const msp_item *it)
{
    guint best = L->placed->len;
    int best_s = it->bp;
    bool seen_box = false;
    for (guint i = L->col_start; i < L->placed->len; i++) {
        const msp_item *p = g_array_index(L->placed, msp_placed, i).it;
        if (p->kind == MSP_ITEM_GLUE)
            continue;
        if (seen_box && p->bp < best_s) {
            best_s = p->bp;
            best = i;
        } else if (seen_box && p->bp == best_s && best != L->placed->len) {
            best = i;
        }
        seen_box = true;
    }
    /* latest among equals: "before it" wins ties */
    if (best != L->placed->len && it->bp <= best_s)
        best = L->placed->len;
    /* break points just after glue: move back over the glue so it is dropped with the page */
    return best;
}

/* The box ending at need (from the body's top) fits the current column with
 * notes pt of footnotes under the body: below the set's earlier columns too,
 * and above the limit while balancing. */
static bool fits(const msp_layout *L, double need, double notes)
{
    if (L->bal && need > L->bal_limit + 0.001)
        return false;
    return MAX(need, L->set_max) + notes <= L->m.body.h + 0.001;
}

/* The page (or the set, while balancing) has no more room: the boxes go on
 * in the next column, or on the next page. */
static msp_status next_area(msp_layout *L, msp_break f, const msp_master_sel *sel_before)
{
    if (f == MSP_BREAK_AUTO && msp_cols_next(L))
        return MSP_OK;
    if (L->bal) {
        L->bal_fail = true;
        return MSP_OK;
    }
    msp_status st = finish_page(L, f, false, sel_before);
    if (st == MSP_OK)
        st = start_page(L, false);
    return st;
}

msp_status msp_place(msp_layout *L, msp_item *it, GHashTable *cache, const msp_master_sel *sel_before)
{
    if (it->kind == MSP_ITEM_GLUE) {
        /* dropped at a column top, but for the first column of a set below
         * other content of the page */
        bool at_break = !col_has_boxes(L) && !(L->col == 0 && msp_placed_boxes(L, 0, L->set_start));
        if (at_break && !it->retain) {
            if (L->bal)
                add_placed(L, it, false, true);   /* a later trial may need it */
            else
                msp_item_free(it);
            return MSP_OK;
        }
        add_placed(L, it, false, false);
        return MSP_OK;
    }
    bool has = col_has_boxes(L);
    if (it->anchor && has) {
        /* nothing to lay out: it stays where the content before it ends */
        commit(L, it, L->body_h, false);
        return MSP_OK;
    }
    /* break-before="column" with a column left on the page: the next column
     * (the break stays on the box for balancing trials); other forced breaks
     * end the page, even from an empty column */
    bool col_force = it->force == MSP_BREAK_COLUMN && L->n_cols > 1 && !L->set_span;
    bool col_break = col_force && L->col + 1 < L->n_cols;
    bool fhas = col_force ? has : has || page_has_boxes(L);
    if (it->force != MSP_BREAK_AUTO && fhas) {
        /* borders opened just before it (a table's, a block's) go with it */
        guint b = L->placed->len;
        bool opens = false;
        while (b > L->col_start) {
            msp_item_kind k = g_array_index(L->placed, msp_placed, b - 1).it->kind;
            if (k != MSP_ITEM_OPEN && k != MSP_ITEM_GLUE)
                break;
            opens = opens || k == MSP_ITEM_OPEN;
            b--;
        }
        if (opens && b == L->col_start && (col_break || !msp_placed_boxes(L, 0, b))) {
            has = false;   /* only those borders on the page: the break is here already */
        } else {
            msp_break f = it->force;
            if (!col_break)
                it->force = MSP_BREAK_AUTO;
            if (opens)
                msp_requeue_from(L, b, it);
            else
                g_queue_push_head(&L->queue, it);   /* trailing glue goes with the page */
            if (col_break) {
                if (L->bal && L->col + 1 >= L->n_cols)
                    return L->bal_fail = true, MSP_OK;
                msp_cols_next(L);
                return MSP_OK;
            }
            return next_area(L, f, sel_before);
        }
    }
    if (it->force != MSP_BREAK_AUTO && it->force != MSP_BREAK_COLUMN && !has && L->seq_pages > 0) {
        it->force = MSP_BREAK_AUTO;   /* already at a page top */
    }
    if (!has) {
        /* glue at the top of the page is dropped unless retained */
        double keep_h = L->set_top;
        for (guint i = L->col_start; i < L->placed->len; i++) {
            const msp_placed *p = &g_array_index(L->placed, msp_placed, i);
            if (!p->skip)
                keep_h += p->it->h;
        }
        L->body_h = keep_h;
    }
    double avail = L->m.body.h;
    bool hdr = it->hdr && L->hdr_shown != it->hdr;
    double need = L->body_h + (has ? trailing_glue(L) : 0) + (hdr ? it->hdr->h : 0) + it->h;
    /* a table row: room below it for the table's footer (drawn there when the
     * table ends or breaks after it; counted on the page after the last row) */
    double fh = it->ftr ? it->ftr->h : 0;
    if (it->ftr && it->ftr_final) {
        need += fh;
        fh = 0;
    } else if (it->ftr && it->ftr->notes) {
        /* and for the notes a repeated footer brings to the page */
        fh += msp_table_footer_notes_h(L, it->ftr, cache) + (msp_notes_any(L) ? 0 : L->sep_h);
    }
    double nh = msp_notes_height(L);
    double sep_now = msp_notes_any(L) ? L->sep_h : 0;
    /* a table row taller than a whole page, or than what is left of a column
     * holding no box yet (below retained space, a spanning set): its first
     * part fills this page */
    if (it->row && !(L->full && has) && need + fh + nh + sep_now > avail + 0.001 &&
        (!has || it->h + (it->hdr ? it->hdr->h : 0) + (it->ftr ? it->ftr->h : 0) > avail + 0.001)) {
        double base = L->body_h + (has ? trailing_glue(L) : 0) + (hdr ? it->hdr->h : 0);
        msp_item *rest = msp_table_row_split(L, cache, it, avail - nh - sep_now - base - (it->ftr ? it->ftr->h : 0),
                                             msp_notes_any(L) ? 0 : L->sep_h);
        if (rest) {
            g_queue_push_head(&L->queue, rest);
            return msp_place(L, it, cache, sel_before);
        }
    }
    GPtrArray *notes = L->full && has ? NULL : item_notes(L, it, hdr, cache);
    if (L->full && has)
        goto overflow;
    if (!notes) {
        if (fits(L, need + fh, nh + sep_now)) {
            commit(L, it, need, hdr);
            return MSP_OK;
        }
        goto overflow;
    }
    {
        double all = 0;
        for (guint i = 0; i < notes->len; i++) {
            msp_note *n = g_ptr_array_index(notes, i);
            all += msp_note_height(n, 0, (int)n->items->len);
        }
        double sep = L->sep_h;
        if (L->bal && need + fh > L->bal_limit + 0.001)
            goto overflow;
        if (fits(L, need + fh, nh + sep + all)) {
            commit(L, it, need, hdr);
            for (guint i = 0; i < notes->len; i++) {
                msp_note *n = g_ptr_array_index(notes, i);
                parts_add(L, n, 0, (int)n->items->len);
            }
            g_ptr_array_free(notes, TRUE);
            return MSP_OK;
        }
        /* they would fit under this column, not under the set's earlier ones */
        if (L->col > 0 && !L->bal && !g_hash_table_contains(L->refilled, it) && need + fh + nh + sep + all <= avail + 0.001) {
            g_ptr_array_free(notes, TRUE);
            return msp_cols_refill(L, it, avail - nh - sep - all, cache, sel_before);
        }
        /* split: the line with as much of its notes as fits */
        double room = avail - MAX(need + fh, L->set_max) - nh - sep;
        if (room >= 0) {
            int nfull = 0;
            double acc = 0;
            for (guint i = 0; i < notes->len; i++) {
                msp_note *n = g_ptr_array_index(notes, i);
                double h = msp_note_height(n, 0, (int)n->items->len);
                if (acc + h > room)
                    break;
                acc += h;
                nfull++;
            }
            msp_note *sn = g_ptr_array_index(notes, nfull);
            int orphans = MAX(2, sn->node->style->orphans);
            int to = msp_note_fit(sn, 0, room - acc, orphans, !has);
            if (to > 0 || !has) {
                commit(L, it, need, hdr);
                for (guint i = 0; i < notes->len; i++) {
                    msp_note *n = g_ptr_array_index(notes, i);
                    int len = (int)n->items->len;
                    parts_add(L, n, 0, (int)i < nfull ? len : (int)i == nfull ? to : 0);
                }
                L->full = true;
                g_ptr_array_free(notes, TRUE);
                return MSP_OK;
            }
        }
    }
overflow:
    if (notes)
        g_ptr_array_free(notes, TRUE);
    if (!has && !msp_placed_boxes(L, 0, L->col_start)) {
        /* nothing fits on an empty page: place the box anyway, notes carried */
        if (need + fh > avail + 0.001)
            msp_diag_warn(&L->job->diags, msp_item_loc(it, L->flow->loc), "reduce the content's height",
                          "content %.2f pt tall does not fit the page body (%.2f pt): it is drawn "
                          "past the bottom of the page", need, avail);
        commit(L, it, need, hdr);
        GPtrArray *ns = item_notes(L, it, hdr, cache);
        for (guint i = 0; ns && i < ns->len; i++)
            parts_add(L, g_ptr_array_index(ns, i), 0, 0);
        if (ns) {
            g_ptr_array_free(ns, TRUE);
            L->full = true;
        }
        return MSP_OK;
    }
    guint b = choose_break(L, it);
    int bs = b < L->placed->len ? g_array_index(L->placed, msp_placed, b).it->bp : it->bp;
    if (bs > MSP_BP_FREE && msp_placed_boxes(L, 0, L->col_start)) {
        /* a column started below other content of the page (or a later
         * column) holds only the start of a kept run: the run goes on whole
         * in the next column or page, when it fits an empty one there */
        guint first = L->col_start;
        while (first < L->placed->len && g_array_index(L->placed, msp_placed, first).it->kind == MSP_ITEM_GLUE)
            first++;
        if (first < b && g_array_index(L->placed, msp_placed, first).it->bp == MSP_BP_FREE &&
            L->body_h - L->set_top + it->h <= avail - nh - sep_now + 0.001) {
            b = L->col_start;
            bs = MSP_BP_FREE;
        }
    }
    /* a balancing trial does not break a keep (widows, orphans, keep-*) */
    bool keep = L->bal && bs > MSP_BP_FREE;
    if (b < L->placed->len)
        msp_requeue_from(L, b, it);
    else
        g_queue_push_head(&L->queue, it);
    if (keep) {
        L->bal_fail = true;
        return MSP_OK;
    }
    return next_area(L, MSP_BREAK_AUTO, sel_before);
}

/* ---- page-sequences ---- */

static msp_status seq_start_page(msp_layout *L, bool blank)
{
    L->sel_before = L->sel;
    msp_status st = msp_master_select(L, L->seq_pages == 0, L->last_page, blank && !L->last_page, &L->m);
    if (st != MSP_OK)
        return L->st = st;
    /* separator content once per page-sequence (its height is per master
     * width), or once per page when it shows the page number */
    if (L->st_sep && (!L->sep_items || L->sep_pn)) {
        msp_items_free(L->sep_items);
        msp_arena *a = msp_arena_new();
        msp_gen g;
        msp_gen_init(&g, L, msp_page_number_format(a, L->number, L->format));
        msp_refarea ra = { 0, L->m.body.w, { 0 } };
        st = msp_gen_children(&g, L->st_sep, &ra);
        L->sep_items = g.out;
        g.out = NULL;
        msp_gen_clear(&g);
        msp_arena_free(a);
        L->sep_h = msp_items_height(L->sep_items);
        if (st != MSP_OK)
            return L->st = st;
    }
    return MSP_OK;
}

static bool has_page_number(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next)
        if (c->kind == MSP_FO_PAGE_NUMBER || has_page_number(c))
            return true;
    return false;
}

static char *node_text(msp_arena *arena, const msp_fo_node *n)
{
    GString *s = g_string_new(NULL);
    const msp_fo_node *stack[64];
    int sp = 0;
    for (const msp_fo_node *c = n->first; c || sp > 0;) {
        if (!c) {
            c = stack[--sp]->next;
            continue;
        }
        if (c->kind == MSP_FO_TEXT)
            g_string_append_len(s, c->text, (gssize)c->text_len);
        if (c->first && sp < 64) {
            stack[sp++] = c;
            c = c->first;
        } else {
            c = c->next;
        }
    }
    char *r = msp_arena_strdup(arena, g_strstrip(s->str));
    g_string_free(s, TRUE);
    return r;
}

/* True when some page master's region-body has region-name name. */
static bool body_named(const msp_layout *L, const char *name)
{
    for (const msp_fo_node *c = L->doc->root->first; c; c = c->next) {
        if (c->kind != MSP_FO_LAYOUT_MASTER_SET)
            continue;
        for (const msp_fo_node *m = c->first; m; m = m->next)
            for (const msp_fo_node *r = m->kind == MSP_FO_SIMPLE_PAGE_MASTER ? m->first : NULL; r; r = r->next) {
                const char *rn = msp_fo_attr_value(r, "region-name");
                if (r->kind == MSP_FO_REGION_BODY && rn && strcmp(rn, name) == 0)
                    return true;
            }
    }
    return false;
}

static msp_status run_sequence(msp_layout *L, const msp_fo_node *seq, const msp_fo_node *next_seq)
{
    L->seq = seq;
    L->seq_pages = 0;
    L->flow = NULL;
    L->st_sep = NULL;
    if (L->statics)
        g_hash_table_remove_all(L->statics);
    else
        L->statics = g_hash_table_new(g_str_hash, g_str_equal);
    msp_items_free(L->sep_items);
    L->sep_items = NULL;
    L->sep_h = 0;
    g_hash_table_remove_all(L->mk_seq_first);
    msp_markers_seq_start(L);
    const char *mref = msp_fo_attr_value(seq, "master-reference");
    const msp_fo_node *master = msp_master_find(L, mref);
    if (!master)
        return L->st = msp_diag_error(&L->job->diags, MSP_E_FO, seq->loc,
                                      "define the master in fo:layout-master-set",
                                      "page master '%s' is referenced but not defined",
                                      mref ? mref : "");
    memset(&L->sel, 0, sizeof L->sel);
    if (master->kind == MSP_FO_PAGE_SEQUENCE_MASTER) {
        L->sel.psm = master;
        L->sel.cur = master->first;
    } else {
        L->sel.spm = master;
    }
    const char *ipn = msp_fo_attr_value(seq, "initial-page-number");
    if (ipn && strcmp(ipn, "auto-odd") == 0 && L->number % 2 == 0)
        L->number++;
    else if (ipn && strcmp(ipn, "auto-even") == 0 && L->number % 2 != 0)
        L->number++;
    else if (ipn && g_ascii_isdigit(ipn[0])) {
        gint64 v = g_ascii_strtoll(ipn, NULL, 10);
        if (v < 1 || v > MSP_MAX_PAGE_NUMBER)
            return L->st = msp_diag_error(&L->job->diags, MSP_E_FO, seq->loc,
                                          "page numbers run from 1 to 99999999",
                                          "initial-page-number=\"%s\" is out of range", ipn);
        L->number = (int)v;
    }
    L->format = msp_fo_attr_value(seq, "format");
    for (const msp_fo_node *c = seq->first; c; c = c->next) {
        const char *fname = msp_fo_attr_value(c, "flow-name");
        if (c->kind == MSP_FO_TITLE && !L->res->title && L->emit)
            L->res->title = node_text(L->job->arena, c);
        if (c->kind == MSP_FO_FLOW) {
            L->flow = c;
        } else if (c->kind == MSP_FO_STATIC_CONTENT && fname) {
            if (strcmp(fname, "xsl-footnote-separator") == 0) {
                L->st_sep = c;
                L->sep_pn = has_page_number(c);
            }
            else if (!msp_masters_have_region(L, fname) && L->emit)
                msp_diag_warn(&L->job->diags, c->loc, NULL,
                              "fo:static-content flow-name '%s' matches no region; ignored", fname);
            if (g_hash_table_contains(L->statics, fname))
                msp_diag_error(&L->job->diags, MSP_E_FO, c->loc, "give each fo:static-content its own flow-name",
                               "a second fo:static-content for flow '%s'", fname);
            else
                g_hash_table_insert(L->statics, (gpointer)fname, (gpointer)c);
        }
    }
    if (!L->res->language && seq->style->language && L->emit)
        L->res->language = msp_arena_strdup(L->job->arena, seq->style->language);
    if (!L->flow)
        return L->st = msp_diag_error(&L->job->diags, MSP_E_FO, seq->loc, "add an fo:flow",
                                      "fo:page-sequence without fo:flow");
    const char *fl = msp_fo_attr_value(L->flow, "flow-name");
    if (fl && strcmp(fl, "xsl-region-body") != 0 && !body_named(L, fl))
        return L->st = msp_diag_error(&L->job->diags, MSP_E_FO, L->flow->loc,
                                      "use flow-name=\"xsl-region-body\", or the region-name of a region-body",
                                      "fo:flow '%s' matches no region", fl);

    GHashTable *cache = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)msp_note_unref);
    L->notes = cache;
    msp_gen g;
    msp_gen_init(&g, L, NULL);
    g.paged = true;
    L->gen = &g;
    msp_status st = start_page(L, false);
    msp_master_sel before = L->sel_before;
    const msp_fo_node *child = L->flow->first;
    while (st == MSP_OK) {
        if (g_queue_is_empty(&L->queue)) {
            /* the queue is generated for the page being built; relayout.c
             * regenerates it when a page of another width comes */
            L->q_width = L->m.body.w;
            L->q_number = L->number;
            L->q_pn = false;
            if (!child && (g.p_ids->len || g.p_markers->len || g.p_floats->len || msp_side_any(&g))) {
                /* empty blocks at the end of the flow: their ids, markers and floats;
                 * the side floats' bottom */
                msp_side_clear(&g);
                msp_gen_anchor(&g);
                for (guint i = 0; i < g.out->len; i++)
                    g_queue_push_tail(&L->queue, g_ptr_array_index(g.out, i));
                g_ptr_array_set_size(g.out, 0);
                continue;
            }
            if (!child)
                break;
            if (child->kind != MSP_FO_TEXT) {
                st = msp_cols_before_child(L, child, cache, &before);
                if (st != MSP_OK)
                    break;
                if (!g_queue_is_empty(&L->queue))
                    continue;   /* balancing left boxes for the next page */
                L->q_span = child->style->span_all;
                L->q_width = msp_cols_width(L, L->q_span);
                msp_refarea ra = { 0, L->q_width, { 0 } };
                st = msp_gen_block_level(&g, child, &ra);
                for (guint i = 0; i < g.out->len; i++) {
                    msp_item *gi = g_ptr_array_index(g.out, i);
                    gi->top = child;
                    g_queue_push_tail(&L->queue, gi);
                }
                g_ptr_array_set_size(g.out, 0);
            }
            child = child->next;
            L->next_child = child;
            continue;
        }
        msp_item *it = g_queue_pop_head(&L->queue);
        int before_pages = L->page_index;
        st = msp_place(L, it, cache, &before);
        if (L->page_index != before_pages)
            before = L->sel_before;
        if (st == MSP_OK)
            st = L->st;
    }
    /* the last page's columns end at one height */
    if (st == MSP_OK)
        st = msp_cols_balance(L, cache, &before);
    /* the last page, and any notes still carried */
    while (st == MSP_OK) {
        st = finish_page(L, MSP_BREAK_AUTO, L->carry->len == 0 && !msp_floats_waiting(L), &before);
        if (st != MSP_OK || (L->carry->len == 0 && !msp_floats_waiting(L)))
            break;
        st = start_page(L, false);
        before = L->sel_before;
    }
    /* force-page-count */
    const char *fpc = msp_fo_attr_value(seq, "force-page-count");
    int last = L->number - 1;
    bool add = false;
    if (!fpc || strcmp(fpc, "auto") == 0) {
        const char *nipn = next_seq ? msp_fo_attr_value(next_seq, "initial-page-number") : NULL;
        add = nipn && ((strcmp(nipn, "auto-odd") == 0 && last % 2 != 0) ||
                       (strcmp(nipn, "auto-even") == 0 && last % 2 == 0));
        /* XSL 7.27.6: a numeric one makes this sequence end on the other parity
         * (even N: end on an odd page; odd N: on an even page) */
        if (nipn && g_ascii_isdigit(nipn[0]))
            add = (g_ascii_strtoll(nipn, NULL, 10) % 2 == 0) == (last % 2 == 0);
    } else if (strcmp(fpc, "even") == 0) {
        add = L->seq_pages % 2 != 0;
    } else if (strcmp(fpc, "odd") == 0) {
        add = L->seq_pages % 2 == 0;
    } else if (strcmp(fpc, "end-on-even") == 0) {
        add = last % 2 != 0;
    } else if (strcmp(fpc, "end-on-odd") == 0) {
        add = last % 2 == 0;
    }
    if (st == MSP_OK && add)
        st = blank_page(L);

    while (!g_queue_is_empty(&L->queue))
        msp_item_free(g_queue_pop_head(&L->queue));
    for (guint i = 0; i < L->open->len; i++)
        msp_deco_unref(g_ptr_array_index(L->open, i));
    g_ptr_array_set_size(L->open, 0);
    clear_page(L);
    for (guint i = 0; i < L->carry->len; i++) {
        msp_note_part *c = g_ptr_array_index(L->carry, i);
        msp_note_unref(c->note);
        g_free(c);
    }
    g_ptr_array_set_size(L->carry, 0);
    msp_gen_clear(&g);
    L->gen = NULL;
    L->next_child = NULL;
    L->notes = NULL;
    g_hash_table_destroy(cache);
    return st == MSP_OK ? L->st : st;
}

static msp_status run_pass(msp_layout *L)
{
    L->number = 1;
    L->page_index = 0;
    L->seq_index = 0;
    L->st = MSP_OK;
    /* markers of an earlier pass are not carried into this one */
    g_hash_table_remove_all(L->mk_carry);
    g_hash_table_remove_all(L->mk_seq_first);
    g_hash_table_remove_all(L->warned);
    msp_status st = MSP_OK;
    for (const msp_fo_node *c = L->doc->root->first; c && st == MSP_OK; c = c->next) {
        if (c->kind != MSP_FO_PAGE_SEQUENCE)
            continue;
        const msp_fo_node *next = c->next;
        while (next && next->kind != MSP_FO_PAGE_SEQUENCE)
            next = next->next;
        st = run_sequence(L, c, next);
        L->seq_index++;
    }
    return st;
}

/* ---- bookmarks ---- */

static void bookmarks(msp_layout *L, const msp_fo_node *parent, int pidx, GArray *out)
{
    for (const msp_fo_node *b = parent->first; b; b = b->next) {
        if (b->kind != MSP_FO_BOOKMARK)
            continue;
        msp_bookmark bm = { 0 };
        for (const msp_fo_node *t = b->first; t; t = t->next)
            if (t->kind == MSP_FO_BOOKMARK_TITLE)
                bm.title = node_text(L->job->arena, t);
        if (!bm.title)
            bm.title = "";
        bm.dest = msp_fo_attr_value(b, "internal-destination");
        bm.uri = msp_fo_attr_value(b, "external-destination");
        const char *ss = msp_fo_attr_value(b, "starting-state");
        bm.open = ss && strcmp(ss, "show") == 0;
        bm.parent = pidx;
        bm.loc = b->loc;
        g_array_append_val(out, bm);
        bookmarks(L, b, (int)out->len - 1, out);
    }
}

msp_status msp_layout_run(msp_job *job, const msp_fo_doc *doc, const msp_layout_opts *opts,
                          msp_layout_result *out)
{
    memset(out, 0, sizeof *out);
    if (!doc || !doc->root || doc->root->kind != MSP_FO_ROOT)
        return msp_diag_error(&job->diags, MSP_E_FO, MSP_LOC_NONE, NULL, "no fo:root to lay out");
    msp_layout L = { 0 };
    L.job = job;
    L.doc = doc;
    L.opts = opts;
    L.res = out;
    L.placed = g_array_new(FALSE, FALSE, sizeof(msp_placed));
    L.parts = g_array_new(FALSE, FALSE, sizeof(msp_note_part));
    L.carry = g_ptr_array_new();
    msp_floats_init(&L);
    L.open = g_ptr_array_new();
    g_queue_init(&L.queue);
    L.mk_first = g_hash_table_new(g_str_hash, g_str_equal);
    L.mk_last = g_hash_table_new(g_str_hash, g_str_equal);
    L.mk_carry = g_hash_table_new(g_str_hash, g_str_equal);
    L.mk_seq_first = g_hash_table_new(g_str_hash, g_str_equal);
    L.mk_closing = g_hash_table_new(NULL, NULL);
    L.mk_open = g_ptr_array_new();
    L.mk_carried = g_ptr_array_new();
    L.mk_end = g_hash_table_new(g_str_hash, g_str_equal);
    L.mk_rank = g_hash_table_new(NULL, NULL);
    L.warned = g_hash_table_new(NULL, NULL);
    L.refilled = g_hash_table_new(NULL, NULL);

    msp_status st = MSP_OK;
    bool any_sequence = false;
    for (const msp_fo_node *c = doc->root->first; c; c = c->next)
        any_sequence = any_sequence || c->kind == MSP_FO_PAGE_SEQUENCE;
    if (!any_sequence)
        st = msp_diag_error(&job->diags, MSP_E_FO, doc->root->loc, "add an fo:page-sequence with an fo:flow",
                            "fo:root has no fo:page-sequence: there is nothing to lay out");
    if (st == MSP_OK)
        st = msp_cite_passes(&L, run_pass);
    if (L.drawing) {
        /* every page drawn before the caller finishes its output */
        msp_status dst = msp_page_queue_finish(L.drawing, &job->diags);
        L.drawing = NULL;
        if (st == MSP_OK)
            st = dst;
    }
    if (st == MSP_OK) {
        for (const msp_fo_node *c = doc->root->first; c; c = c->next)
            if (c->kind == MSP_FO_BOOKMARK_TREE) {
                GArray *bm = g_array_new(FALSE, TRUE, sizeof(msp_bookmark));
                bookmarks(&L, c, -1, bm);
                out->n_bookmarks = (int)bm->len;
                out->bookmarks = msp_arena_alloc_array(job->arena, MAX(1, bm->len), sizeof(msp_bookmark));
                if (bm->len)
                    memcpy(out->bookmarks, bm->data, bm->len * sizeof(msp_bookmark));
                g_array_free(bm, TRUE);
            }
    }
    msp_items_free(L.sep_items);
    g_array_free(L.placed, TRUE);
    g_array_free(L.parts, TRUE);
    g_ptr_array_free(L.carry, TRUE);
    msp_floats_free(&L);
    g_ptr_array_free(L.open, TRUE);
    g_hash_table_destroy(L.mk_first);
    g_hash_table_destroy(L.mk_last);
    g_hash_table_destroy(L.mk_carry);
    g_hash_table_destroy(L.mk_seq_first);
    g_hash_table_destroy(L.mk_closing);
    g_ptr_array_free(L.mk_open, TRUE);
    g_ptr_array_free(L.mk_carried, TRUE);
    g_hash_table_destroy(L.mk_end);
    g_hash_table_destroy(L.mk_rank);
    g_hash_table_destroy(L.warned);
    g_hash_table_destroy(L.refilled);
    if (L.statics)
        g_hash_table_destroy(L.statics);
    return st;
}
