/* Emission of the item stream as page areas: a run of items stacked from a
 * top (no page breaks: pagination chose them), each item's lines, groups,
 * attached labels, inline-container contents and side floats, the borders
 * and backgrounds of decorated blocks between their OPEN and CLOSE, and
 * the ids and markers each box carries. block.c generates the items. */
#include "layout/layout_private.h"

#include <string.h>

static void insert_area(msp_page *page, const msp_area *a, int at)
{
    msp_page_add(page, a);
    if (at < 0 || at >= page->n_areas - 1)
        return;
    msp_area tmp = page->areas[page->n_areas - 1];
    memmove(&page->areas[at + 1], &page->areas[at],
            (size_t)(page->n_areas - 1 - at) * sizeof *page->areas);
    page->areas[at] = tmp;
}

static void border_rule(msp_page *page, msp_zone zone, const msp_border *b, double x1, double y1,
                        double x2, double y2)
{
    if (b->width <= 0)
        return;
    msp_area a = { .kind = MSP_AREA_RULE, .zone = zone, .x = x1, .y = y1 };
    a.w = x2 - x1;
    a.h = y2 - y1;
    a.u.rule.x2 = x2;
    a.u.rule.y2 = y2;
    a.u.rule.thickness = b->width;
    a.u.rule.style = b->style;
    a.u.rule.color = b->color;
    msp_page_add(page, &a);
}

void msp_deco_draw(msp_page *page, const msp_deco *d, msp_zone zone, double x0, double y0, double y1,
                   bool open_top, bool open_bottom, int insert_at)
{
    double x = x0 + d->x, w = d->w;
    const msp_border *b = d->border;
    msp_border sides[4];
    if (d->xf.flip || d->xf.c != 0) {
        /* inside a mirrored container (mirror.c): start and end change sides */
        x = msp_xform_x(d->xf, x0, x, w);
        if (d->xf.flip) {
            memcpy(sides, d->border, sizeof sides);
            sides[MSP_START] = d->border[MSP_END];
            sides[MSP_END] = d->border[MSP_START];
            b = sides;
        }
    }
    if (d->background != MSP_COLOR_NONE && y1 > y0) {
        msp_area a = { .kind = MSP_AREA_RECT, .zone = zone, .x = x, .y = y0, .w = w, .h = y1 - y0 };
        a.u.rect.color = d->background;
        insert_area(page, &a, insert_at);
    }
    if (!open_top)
        border_rule(page, zone, &b[MSP_BEFORE], x, y0 + b[MSP_BEFORE].width / 2, x + w,
                    y0 + b[MSP_BEFORE].width / 2);
    if (!open_bottom)
        border_rule(page, zone, &b[MSP_AFTER], x, y1 - b[MSP_AFTER].width / 2, x + w,
                    y1 - b[MSP_AFTER].width / 2);
    border_rule(page, zone, &b[MSP_START], x + b[MSP_START].width / 2, y0,
                x + b[MSP_START].width / 2, y1);
    border_rule(page, zone, &b[MSP_END], x + w - b[MSP_END].width / 2, y0,
                x + w - b[MSP_END].width / 2, y1);
}

static void emit_line(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone, double x0,
                      double baseline, int footnote)
{
    const msp_para *p = &it->para->para;
    msp_para_emit_line(p, it->line, page, zone, x0 + it->x, baseline, footnote);
    msp_box_emit(L, page, p, it->line, zone, x0 + it->x, baseline, footnote);
    /* every pass: the citation passes count on them (the destination is the para's) */
    for (int k = 0; k < p->n_objs; k++) {
        const msp_inline_obj *o = &p->objs[k];
        if ((o->line == it->line || o->line_last == it->line) && o->kind == MSP_INLINE_DEST && o->node &&
            o->node->id)
            msp_cite_record(L, page, o->node->id, 0, 0, false);
    }
}

void msp_item_emit(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone, double x0,
                   double top, int footnote)
{
    /* its areas move by its transform in the run's frame (mirror.c); those of
     * a container positioned against the region or the page are mirrored
     * within the region when its transform mirrors (its left and right were
     * given the sides of the content around it, fo_inherit.c) */
    int n0 = page->n_areas;
    double run_x0 = x0;
    bool moved = it->positioned == MSP_POS_AUTO || it->pos_nested;
    if (it->positioned != MSP_POS_AUTO)
        msp_positioned_origin(L, it, &x0, &top);
    double baseline = top + it->ascent;
    if (it->kind == MSP_ITEM_LINE)
        emit_line(L, page, it, zone, x0, baseline, footnote);
    else if (it->kind == MSP_ITEM_GROUP) {
        for (guint i = 0; i < it->subs->len; i++) {
            const msp_sub *s = &g_array_index(it->subs, msp_sub, i);
            if (s->cell)
                msp_deco_draw(page, s->cell, zone, x0, top, top + s->cell_h, s->open_top,
                              s->open_bottom, page->n_areas);
            if (s->turn)
                msp_turn_emit(L, page, s, zone, x0 + s->x, top + s->y, footnote);
            else
                msp_run_emit(L, page, s->items, 0, (int)s->items->len, zone, x0 + s->x, top + s->y,
                             footnote);
        }
        if (it->heading)
            msp_table_heading_draw(L, page, it, zone, x0, top, footnote);
    }
    for (guint i = 0; it->sides && i < it->sides->len; i++)
        msp_side_emit(L, page, g_ptr_array_index(it->sides, i), zone, x0, top, footnote);
    if (it->attached)
        for (guint i = 0; i < it->attached->len; i++) {
            const msp_item *a = g_ptr_array_index(it->attached, i);
            double bl = (it->kind == MSP_ITEM_LINE ? baseline : top + a->ascent) + a->dy;
            emit_line(L, page, a, zone, x0, bl, footnote);
        }
    if (moved) {
        msp_areas_xform(page, n0, page->n_areas, it->xf, run_x0);
    } else if (it->xf.flip) {
        const msp_rect *r = &page->region[zone];
        msp_areas_xform(page, n0, page->n_areas, (msp_xform){ true, 2 * r->x + r->w }, 0);
    }
}

typedef struct open_ent {
    msp_deco *d;
    double y0;
    int at;
} open_ent;

void msp_item_mark(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone, double x0,
                   double top)
{
    for (guint k = 0; it->ids && k < it->ids->len; k++)
        msp_cite_record(L, page, g_ptr_array_index(it->ids, k), x0, top, true);
    /* markers belong to the flow: not to static content, not to footnotes */
    for (guint k = 0; zone == MSP_ZONE_BODY && it->markers && k < it->markers->len; k++)
        msp_markers_note(L, g_ptr_array_index(it->markers, k));
}

static void mark_end(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone, double x0,
                     double bottom)
{
    for (guint k = 0; it->ids_end && k < it->ids_end->len; k++)
        msp_cite_record(L, page, g_ptr_array_index(it->ids_end, k), x0, bottom, false);
    msp_markers_item_end(L, it, zone);
}

double msp_run_emit(msp_layout *L, msp_page *page, const GPtrArray *items, int from, int to,
                    msp_zone zone, double x0, double y0, int footnote)
{
    double y = y0;
    GArray *open = g_array_new(FALSE, FALSE, sizeof(open_ent));
    for (int i = from; i < to; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->kind != MSP_ITEM_GLUE)
            msp_item_mark(L, page, it, zone, x0, y);
        switch (it->kind) {
        case MSP_ITEM_GLUE:
            if (i > from || it->retain)
                y += it->h;
            break;
        case MSP_ITEM_OPEN: {
            open_ent e = { it->deco, y, page->n_areas };
            g_array_append_val(open, e);
            y += it->h;
            break;
        }
        case MSP_ITEM_CLOSE:
            y += it->h;
            if (open->len) {
                open_ent e = g_array_index(open, open_ent, open->len - 1);
                g_array_set_size(open, open->len - 1);
                msp_deco_draw(page, e.d, zone, x0, e.y0, y, false, false, e.at);
            }
            break;
        default:
            msp_item_emit(L, page, it, zone, x0, y, footnote);
            y += it->h;
            break;
        }
        if (it->kind != MSP_ITEM_GLUE)
            mark_end(L, page, it, zone, x0, y);
    }
    while (open->len) {
        open_ent e = g_array_index(open, open_ent, open->len - 1);
        g_array_set_size(open, open->len - 1);
        msp_deco_draw(page, e.d, zone, x0, e.y0, y, false, true, e.at);
    }
    g_array_free(open, TRUE);
    return y - y0;
}

