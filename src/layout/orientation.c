/* reference-orientation (XSL 1.1 7.21.3): reference areas whose content is
 * turned 90, 180 or 270 degrees counter-clockwise. A turned block-container
 * lays its content out in a frame of its own (its width and height are the
 * content's inline and block dimensions), as one unbreakable box whose page
 * box is that frame, swapped for 90 and 270; a turned simple-page-master lays
 * the whole page out on the turned sheet; a turned outer region (before,
 * after, start, end) its static content in its box turned. Either is drawn as a group area
 * (area.h) that turns its areas about the frame's origin; the links and
 * destinations inside are moved out of the group, onto the bounding box of
 * their turned rectangle in the group's parent frame. */
#include "layout/layout_private.h"


static bool sideways(int turn)
{
    return turn % 180 != 0;
}

void msp_turn_frame(const msp_fo_style *s, double avail_w, double avail_h, double *w, double *h)
{
    bool side = sideways(s->reference_orientation);
    if (s->width.kind == MSP_LEN_ABS)
        *w = s->width.v;
    else if (s->width.kind == MSP_LEN_PCT)
        *w = avail_w * s->width.v / 100.0;
    else
        *w = side ? avail_h : avail_w;
    /* 6.5.3 leaves an auto inline dimension across the parent's inline
     * direction open: as wide as the parent allows, as Apache FOP does */
    if (s->height.kind == MSP_LEN_ABS)
        *h = s->height.v;
    else
        *h = side ? avail_w : -1;
    *w = MAX(0, *w);
}

double msp_turn_box_w(const msp_sub *s)
{
    return sideways(s->turn) ? s->turn_h : s->turn_w;
}

double msp_turn_box_h(const msp_sub *s)
{
    return sideways(s->turn) ? s->turn_w : s->turn_h;
}

msp_status msp_gen_turned(msp_gen *g, const msp_fo_node *node, double w, double h, double x)
{
    const msp_fo_style *s = node->style;
    msp_refarea ra = { .x0 = 0, .width = w };
    GPtrArray *content = msp_gen_container_run(g, node, &ra);
    msp_status st = g->st;
    double ch = msp_items_height(content);
    if (st == MSP_OK && h >= 0)
        st = msp_container_overflow(g, node, content, h);
    if (h < 0)
        h = ch;
    else
        ch = msp_items_height(content);
    double dy = 0;
    if (s->display_align == MSP_DA_CENTER)
        dy = (h - ch) / 2;
    else if (s->display_align == MSP_DA_AFTER)
        dy = h - ch;
    msp_sub sub = { .items = content, .x = x, .turn = s->reference_orientation, .turn_w = w, .turn_h = h,
                    .turn_dy = MAX(0, dy) };
    msp_item *grp = msp_item_new(MSP_ITEM_GROUP, msp_turn_box_h(&sub));
    grp->src = node;
    grp->src_sub = MSP_SRC_GROUP;
    grp->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    g_array_append_val(grp->subs, sub);
    msp_table_collect_notes(grp, content);
    msp_gen_push_box(g, grp);
    return st;
}

/* (u, v) of a frame turned `turn` degrees with its origin at (ox, oy), in
 * the parent frame */
static void turn_point(int turn, double ox, double oy, double u, double v, double *x, double *y)
{
    switch (turn) {
    case 90: *x = ox + v; *y = oy - u; break;
    case 180: *x = ox - u; *y = oy - v; break;
    case 270: *x = ox - v; *y = oy + u; break;
    default: *x = ox + u; *y = oy + v; break;
    }
}

/* The group at page->areas[begin] has just been closed (the last area):
 * its links and destinations go after it, in the parent frame. */
static void move_out(msp_page *page, int begin)
{
    const msp_area g = page->areas[begin];
    int end = page->n_areas - 1;
    GArray *moved = g_array_new(FALSE, FALSE, sizeof(msp_area));
    int at = begin + 1, depth = 0;
    for (int i = begin + 1; i < end; i++) {
        msp_area a = page->areas[i];
        if (a.kind == MSP_AREA_GROUP)
            depth++;
        else if (a.kind == MSP_AREA_GROUP_END)
            depth--;
        if (depth == 0 && (a.kind == MSP_AREA_LINK || a.kind == MSP_AREA_DEST)) {
            double x0, y0, x1, y1;
            turn_point(g.u.group.rotate, g.x, g.y, a.x, a.y, &x0, &y0);
            turn_point(g.u.group.rotate, g.x, g.y, a.x + a.w, a.y + a.h, &x1, &y1);
            a.x = MIN(x0, x1);
            a.y = MIN(y0, y1);
            a.w = a.kind == MSP_AREA_LINK ? ABS(x1 - x0) : 0;
            a.h = a.kind == MSP_AREA_LINK ? ABS(y1 - y0) : 0;
            if (a.kind == MSP_AREA_DEST) {   /* the point itself, not a corner of nothing */
                a.x = x0;
                a.y = y0;
            }
            a.in_line = false;
            g_array_append_val(moved, a);
            continue;
        }
        page->areas[at++] = a;
    }
    page->areas[at++] = page->areas[end];
    for (guint k = 0; k < moved->len; k++)
        page->areas[at++] = g_array_index(moved, msp_area, k);
    g_array_free(moved, TRUE);
}

/* Opens a group at (x, y) for a frame w x h turned `turn`; returns its index. */
static int group_begin(msp_page *page, msp_zone zone, int turn, double x, double y, double w, double h)
{
    msp_area a = { .kind = MSP_AREA_GROUP, .zone = zone, .x = x, .y = y, .w = w, .h = h };
    a.u.group.rotate = turn;
    msp_page_add(page, &a);
    return page->n_areas - 1;
}

static void group_end(msp_page *page, msp_zone zone, int begin)
{
    msp_area a = { .kind = MSP_AREA_GROUP_END, .zone = zone };
    msp_page_add(page, &a);
    move_out(page, begin);
}

/* The origin of a frame turned `turn` in a box at (x, y) of bw x bh */
static void box_origin(int turn, double x, double y, double bw, double bh, double *ox, double *oy)
{
    *ox = turn == 180 || turn == 270 ? x + bw : x;
    *oy = turn == 90 || turn == 180 ? y + bh : y;
}

void msp_turn_emit(msp_layout *L, msp_page *page, const msp_sub *s, msp_zone zone, double x, double y,
                   int footnote)
{
    double ox, oy;
    box_origin(s->turn, x, y, msp_turn_box_w(s), msp_turn_box_h(s), &ox, &oy);
    int begin = group_begin(page, zone, s->turn, ox, oy, s->turn_w, s->turn_h);
    msp_run_emit(L, page, s->items, 0, (int)s->items->len, zone, 0, s->turn_dy, footnote);
    group_end(page, zone, begin);
}

void msp_turn_page(msp_master *out, int turn, double *ml, double *mt, double *mr, double *mb)
{
    out->turn = turn;
    out->sheet_w = out->pw;
    out->sheet_h = out->ph;
    if (turn == 0)
        return;
    /* the sheet's sides seen from the turned page: for 90 its top is the
     * sheet's left, its left the sheet's bottom */
    double l = *ml, t = *mt, r = *mr, b = *mb;
    switch (turn) {
    case 90: *mt = l; *mb = r; *ml = b; *mr = t; break;
    case 180: *mt = b; *mb = t; *ml = r; *mr = l; break;
    default: *mt = r; *mb = l; *ml = t; *mr = b; break;
    }
    if (sideways(turn)) {
        out->pw = out->sheet_h;
        out->ph = out->sheet_w;
    }
}

void msp_turn_page_begin(const msp_layout *L, msp_page *page)
{
    if (!L->m.turn)
        return;
    page->width = L->m.sheet_w;
    page->height = L->m.sheet_h;
    double ox, oy;
    box_origin(L->m.turn, 0, 0, page->width, page->height, &ox, &oy);
    group_begin(page, MSP_ZONE_BODY, L->m.turn, ox, oy, L->m.pw, L->m.ph);
}

void msp_turn_page_end(const msp_layout *L, msp_page *page)
{
    if (!L->m.turn || page->n_areas == 0 || page->areas[0].kind != MSP_AREA_GROUP)
        return;
    group_end(page, MSP_ZONE_BODY, 0);
}

void msp_turn_region_frame(int turn, msp_rect r, double *fw, double *fh)
{
    *fw = sideways(turn) ? r.h : r.w;
    *fh = sideways(turn) ? r.w : r.h;
}

int msp_turn_region_begin(msp_page *page, msp_zone zone, int turn, msp_rect r)
{
    double ox, oy, fw, fh;
    box_origin(turn, r.x, r.y, r.w, r.h, &ox, &oy);
    msp_turn_region_frame(turn, r, &fw, &fh);
    return group_begin(page, zone, turn, ox, oy, fw, fh);
}

void msp_turn_region_end(msp_page *page, msp_zone zone, int begin)
{
    group_end(page, zone, begin);
}
