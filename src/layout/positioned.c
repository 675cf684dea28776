/* Positioned block-containers (XSL 1.1 7.6.1 absolute-position): an
 * "absolute" or "fixed" container is taken out of the flow. Its content is
 * laid out as a run of its own at its width, carried by a box of height 0
 * (so nothing after it moves), and drawn at the place its top, bottom,
 * left and right offsets give: against the region-body for absolute (the
 * flow's reference area), or against the run it is part of when inside
 * one (a table cell, another positioned or fixed-height container: the
 * nearest ancestor reference area of XSL), against the page for fixed. An offset left at auto keeps the container where the flow had
 * it (its "static position"). Percentages of top and bottom are of the
 * containing area's height, of left and right of its width. */
#include "layout/layout_private.h"

static double side(const msp_fo_style *s, int k)
{
    return (s->border[k].style == MSP_BORDER_NONE ? 0 : s->border[k].width) + s->padding[k];
}

static bool given(const msp_len *l)
{
    return l->kind == MSP_LEN_ABS || l->kind == MSP_LEN_PCT;
}

static double resolve(const msp_len *l, double of)
{
    return l->kind == MSP_LEN_PCT ? of * l->v / 100.0 : l->kind == MSP_LEN_ABS ? l->v : 0;
}

msp_status msp_gen_positioned(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra)
{
    const msp_fo_style *s = node->style;
    double cw = ra->width;
    double frame_w = side(s, MSP_START) + side(s, MSP_END);
    double w;
    if (s->width.kind == MSP_LEN_ABS)
        w = s->width.v;
    else if (s->width.kind == MSP_LEN_PCT)
        w = cw * s->width.v / 100.0;
    else   /* auto: what the offsets leave of the containing width */
        w = cw - resolve(&s->offset[MSP_OFFSET_LEFT], cw) - resolve(&s->offset[MSP_OFFSET_RIGHT], cw) - frame_w;
    /* turned (orientation.c): width and height are the content's; the one
     * left at auto across the page is what the offsets leave of the
     * containing height (the body's, the page's for fixed) */
    double fixed_h = s->height.kind == MSP_LEN_ABS ? s->height.v : -1;
    int turn = s->reference_orientation;
    if (turn != 0) {
        double chh = g->run_depth > 0 && g->pos_ch > 0 ? g->pos_ch
                     : s->absolute_position == MSP_POS_FIXED ? g->L->m.ph : g->L->m.body.h;
        double avail_h = chh - resolve(&s->offset[MSP_OFFSET_TOP], chh) -
                         resolve(&s->offset[MSP_OFFSET_BOTTOM], chh) - side(s, MSP_BEFORE) - side(s, MSP_AFTER);
        double auto_w = cw - resolve(&s->offset[MSP_OFFSET_LEFT], cw) -
                        resolve(&s->offset[MSP_OFFSET_RIGHT], cw) - frame_w;
        msp_turn_frame(s, MAX(0, auto_w), MAX(0, avail_h), &w, &fixed_h);
    }
    msp_refarea inner = { .x0 = 0, .width = MAX(0, w) };

    double saved_ch = g->pos_ch;
    g->pos_ch = fixed_h > 0 ? fixed_h : 0;
    GPtrArray *content = msp_gen_run(g, node, &inner);
    g->pos_ch = saved_ch;
    if (g->st != MSP_OK) {
        msp_items_free(content);
        return g->st;
    }
    /* a fixed height: content taller than it is warned, clipped or an error, as
     * overflow says (overflow.c), the same as for a container in the flow */
    if (fixed_h >= 0) {
        msp_status st = msp_container_overflow(g, node, content, fixed_h);
        if (st != MSP_OK) {
            msp_items_free(content);
            return g->st = st;
        }
    }
    double ch = msp_items_height(content);
    double h = fixed_h >= 0 ? fixed_h : ch;
    double dy = s->display_align == MSP_DA_CENTER ? (h - ch) / 2 : s->display_align == MSP_DA_AFTER ? h - ch : 0;
    msp_sub sub = { .items = content, .x = side(s, MSP_START), .y = side(s, MSP_BEFORE) + MAX(0, dy) };
    if (turn != 0) {
        sub.y = side(s, MSP_BEFORE);
        sub.turn = turn;
        sub.turn_w = inner.width;
        sub.turn_h = h;
        sub.turn_dy = MAX(0, dy);
    }

    msp_item *it = msp_item_new(MSP_ITEM_GROUP, 0);
    it->src = node;
    it->src_sub = MSP_SRC_GROUP;
    it->positioned = s->absolute_position;
    for (int k = 0; k < 4; k++)
        it->pos_offset[k] = s->offset[k];
    it->pos_w = (turn ? msp_turn_box_w(&sub) : inner.width) + frame_w;
    it->pos_h = (turn ? msp_turn_box_h(&sub) : h) + side(s, MSP_BEFORE) + side(s, MSP_AFTER);
    it->pos_static_x = msp_indent_resolve(&s->start_indent, ra);
    it->pos_nested = g->run_depth > 0 && it->positioned == MSP_POS_ABSOLUTE;
    it->pos_cw = cw;
    it->pos_ch = g->pos_ch;
    it->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    if (msp_deco_needed(s)) {
        sub.cell = msp_deco_new(s, 0, it->pos_w);
        sub.cell->src = node;
        sub.cell_h = it->pos_h;
    }
    g_array_append_val(it->subs, sub);
    for (guint i = 0; i < content->len; i++) {
        msp_item *ci = g_ptr_array_index(content, i);
        for (guint k = 0; ci->notes && k < ci->notes->len; k++) {
            if (!it->notes)
                it->notes = g_ptr_array_new();
            g_ptr_array_add(it->notes, g_ptr_array_index(ci->notes, k));
        }
    }
    if (node->id)
        g_ptr_array_add(g->p_ids, (gpointer)node->id);
    /* out of the flow: no pending space, keep or forced break is its own */
    int keep = g->keep;
    msp_break force = g->force;
    GPtrArray *spaces = g->spaces;
    g->spaces = g_ptr_array_new();
    g->force = MSP_BREAK_AUTO;
    msp_gen_push_box(g, it);
    g_ptr_array_free(g->spaces, TRUE);
    g->spaces = spaces;
    g->keep = keep;
    g->force = force;
    return g->st;
}

void msp_positioned_origin(const msp_layout *L, const msp_item *it, double *x0, double *top)
{
    bool fixed = it->positioned == MSP_POS_FIXED;
    double ox = fixed ? 0 : L->m.body.x, oy = fixed ? 0 : L->m.body.y;
    double cw = fixed ? L->m.pw : L->m.body.w, chh = fixed ? L->m.ph : L->m.body.h;
    if (it->pos_nested) {
        ox = *x0;
        oy = *top;
        cw = it->pos_cw;
        chh = it->pos_ch;
    }
    const msp_len *off = it->pos_offset;
    if (given(&off[MSP_OFFSET_LEFT]))
        *x0 = ox + resolve(&off[MSP_OFFSET_LEFT], cw);
    else if (given(&off[MSP_OFFSET_RIGHT]))
        *x0 = ox + cw - resolve(&off[MSP_OFFSET_RIGHT], cw) - it->pos_w;
    else
        *x0 += it->pos_static_x;
    if (given(&off[MSP_OFFSET_TOP]))
        *top = oy + resolve(&off[MSP_OFFSET_TOP], chh);
    else if (given(&off[MSP_OFFSET_BOTTOM]))
        *top = oy + chh - resolve(&off[MSP_OFFSET_BOTTOM], chh) - it->pos_h;
}
