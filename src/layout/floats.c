/* Before-floats (fo:float float="before", XSL 1.1 6.10.2): the float's
 * blocks are laid out once at the region-body's width and placed at the top
 * of the body of the page its anchor is on, when they fit there with what
 * that page holds already; otherwise at the top of the next page with room
 * (never before the anchor's page), in the order of their anchors. A float
 * taken by a page makes its body shorter from the top: the boxes placed so
 * far move down under it, and the page's room shrinks by the float's height
 * (the placing code in layout.c sees only a smaller body). A float taller
 * than a whole body goes on a page of its own, drawn past its bottom, with a
 * warning. */
#include "layout/layout_private.h"

#include <math.h>

typedef struct msp_flt {
    msp_note *note;        /* the float's items (msp_note: node and items) */
    int anchor;            /* placed index of the box anchoring it on this page; -1: carried */
    double h;
} msp_flt;

static msp_note *float_build(msp_layout *L, const msp_fo_node *fl)
{
    msp_note *n = g_new0(msp_note, 1);
    n->refs = 1;
    n->node = fl;
    msp_gen g;
    msp_gen_init(&g, L, NULL);
    msp_refarea ra = { 0, L->m.body.w, { 0 } };
    if (fl->id)
        g_ptr_array_add(g.p_ids, (gpointer)fl->id);
    msp_status st = msp_gen_children(&g, fl, &ra);
    msp_gen_anchor(&g);
    if (st != MSP_OK && L->st == MSP_OK)
        L->st = st;
    n->items = g.out;
    g.out = NULL;
    msp_gen_clear(&g);
    return n;
}

static double page_floats_h(const msp_layout *L)
{
    double h = 0;
    for (guint i = 0; i < L->flt_page->len; i++)
        h += g_array_index(L->flt_page, msp_flt, i).h;
    return h;
}

/* The body below the page's floats. */
static void set_body(msp_layout *L)
{
    double h = page_floats_h(L);
    L->m.body.y = L->flt_y0 + h;
    L->m.body.h = L->flt_h0 - h;
}

/* Whether a float of height h fits above what the page holds. */
static bool room_for(const msp_layout *L, double h)
{
    double used = MAX(L->body_h, L->set_max) + msp_notes_height(L) + (msp_notes_any(L) ? L->sep_h : 0);
    return used + h <= L->m.body.h + 0.001;
}

static void take(msp_layout *L, msp_note *n, int anchor, double h)
{
    msp_flt f = { n, anchor, h };
    g_array_append_val(L->flt_page, f);
    set_body(L);
}

static void collect(GPtrArray *out, const msp_item *it)
{
    for (guint i = 0; it->floats && i < it->floats->len; i++)
        g_ptr_array_add(out, g_ptr_array_index(it->floats, i));
    for (guint i = 0; it->subs && i < it->subs->len; i++) {
        const msp_sub *s = &g_array_index(it->subs, msp_sub, i);
        for (guint k = 0; k < s->items->len; k++)
            collect(out, g_ptr_array_index(s->items, k));
    }
    for (guint i = 0; it->attached && i < it->attached->len; i++)
        collect(out, g_ptr_array_index(it->attached, i));
}

void msp_floats_placed(msp_layout *L, const msp_item *it, int index)
{
    if (!L->flt_page)
        return;
    GPtrArray *found = g_ptr_array_new();
    collect(found, it);
    for (guint i = 0; i < found->len; i++) {
        const msp_fo_node *fl = g_ptr_array_index(found, i);
        msp_note *n = float_build(L, fl);
        double h = msp_note_height(n, 0, (int)n->items->len);
        /* in order: none goes before a float still waiting */
        if (L->flt_carry->len == 0 && room_for(L, h))
            take(L, n, index, h);
        else
            g_ptr_array_add(L->flt_carry, n);
    }
    g_ptr_array_free(found, TRUE);
}

void msp_floats_requeue(msp_layout *L, guint from)
{
    if (!L->flt_page)
        return;
    /* the anchors go back to the queue: their floats are made again with them */
    guint keep = 0;
    for (guint i = 0; i < L->flt_page->len; i++) {
        msp_flt *f = &g_array_index(L->flt_page, msp_flt, i);
        if (f->anchor >= 0 && (guint)f->anchor >= from) {
            for (guint k = 0; k < f->note->items->len; k++)
                msp_item_forget(g_ptr_array_index(f->note->items, k));
            msp_note_unref(f->note);
        } else {
            g_array_index(L->flt_page, msp_flt, keep++) = *f;
        }
    }
    g_array_set_size(L->flt_page, keep);
    set_body(L);
}

void msp_floats_page_start(msp_layout *L)
{
    if (!L->flt_page)
        return;
    L->flt_y0 = L->m.body.y;
    L->flt_h0 = L->m.body.h;
    guint used = 0;
    for (; used < L->flt_carry->len; used++) {
        msp_note *n = g_ptr_array_index(L->flt_carry, used);
        double h = msp_note_height(n, 0, (int)n->items->len);
        if (used > 0 && !room_for(L, h))
            break;
        if (!room_for(L, h))
            msp_diag_warn(&L->job->diags, n->node->loc, "make the float shorter than the page's body",
                          "the fo:float is %.1f pt tall, the region-body only %.1f pt: it is drawn past the "
                          "body's bottom", h, L->flt_h0);
        take(L, n, -1, h);
    }
    g_ptr_array_remove_range(L->flt_carry, 0, used);
}

void msp_floats_reapply(msp_layout *L)
{
    if (!L->flt_page || L->flt_page->len == 0)
        return;
    double h = page_floats_h(L);
    if (fabs(L->m.body.y - (L->flt_y0 + h)) < 0.001 && fabs(L->m.body.h - (L->flt_h0 - h)) < 0.001)
        return;   /* the same master: its body is the one the floats shortened */
    L->flt_y0 = L->m.body.y;
    L->flt_h0 = L->m.body.h;
    set_body(L);
}

bool msp_floats_waiting(const msp_layout *L)
{
    return L->flt_carry && L->flt_carry->len > 0;
}

void msp_floats_emit(msp_layout *L, msp_page *page)
{
    if (!L->flt_page || L->flt_page->len == 0)
        return;
    page->region[MSP_ZONE_BODY].y = L->flt_y0;
    page->region[MSP_ZONE_BODY].h = L->flt_h0;
    double y = L->flt_y0;
    for (guint i = 0; i < L->flt_page->len; i++) {
        const msp_flt *f = &g_array_index(L->flt_page, msp_flt, i);
        msp_run_emit(L, page, f->note->items, 0, (int)f->note->items->len, MSP_ZONE_BODY, L->m.body.x, y, -1);
        y += f->h;
    }
}

void msp_floats_page_clear(msp_layout *L)
{
    if (!L->flt_page)
        return;
    for (guint i = 0; i < L->flt_page->len; i++)
        msp_note_unref(g_array_index(L->flt_page, msp_flt, i).note);
    g_array_set_size(L->flt_page, 0);
}

void msp_floats_init(msp_layout *L)
{
    L->flt_page = g_array_new(FALSE, FALSE, sizeof(msp_flt));
    L->flt_carry = g_ptr_array_new();
}

void msp_floats_free(msp_layout *L)
{
    if (!L->flt_page)
        return;
    msp_floats_page_clear(L);
    g_array_free(L->flt_page, TRUE);
    L->flt_page = NULL;
    for (guint i = 0; i < L->flt_carry->len; i++)
        msp_note_unref(g_ptr_array_index(L->flt_carry, i));
    g_ptr_array_free(L->flt_carry, TRUE);
    L->flt_carry = NULL;
}
