/* Collapsed table borders (border-collapse="collapse"): each edge shared by
 * two cells is drawn once, with the winning border, and the before border a
 * row gave up to the row above comes back when the row starts a page. */
#include "layout/layout_private.h"

/* XSL 6.7.10 simplified: the wider border wins; on a tie, the first one. */
static msp_border wider(msp_border a, msp_border b)
{
    return b.width > a.width ? b : a;
}

/* Each shared edge is drawn once: the left cell draws the edge between two
 * cells of a row, the upper row the edge between two rows, with the winning
 * border; the lower cell keeps its own before border for a page top. */
void msp_table_collapse_rows(GPtrArray *rows)
{
    const msp_item *above = NULL;
    for (guint r = 0; r < rows->len; r++) {
        msp_item *row = g_ptr_array_index(rows, r);
        for (guint i = 0; i < row->subs->len; i++) {
            msp_sub *b = &g_array_index(row->subs, msp_sub, i);
            if (!b->cell)
                continue;
            if (i > 0) {
                msp_sub *a = &g_array_index(row->subs, msp_sub, i - 1);
                if (a->cell && a->col1 == b->col0) {
                    a->cell->border[MSP_END] = wider(a->cell->border[MSP_END], b->cell->border[MSP_START]);
                    b->cell->border[MSP_START].width = 0;
                }
            }
            bool covered = false;
            for (guint j = 0; above && j < above->subs->len; j++) {
                msp_sub *a = &g_array_index(above->subs, msp_sub, j);
                if (!a->cell || a->col1 <= b->col0 || a->col0 >= b->col1)
                    continue;
                a->cell->border[MSP_AFTER] = wider(a->cell->border[MSP_AFTER], b->cell->border[MSP_BEFORE]);
                covered = true;
            }
            if (covered) {
                b->top_at_break = b->cell->border[MSP_BEFORE];
                b->cell->border[MSP_BEFORE].width = 0;
            }
        }
        above = row;
    }
}

void msp_table_row_draw_tops(msp_page *page, const msp_item *row, msp_zone zone, double x0,
                             double top)
{
    for (guint i = 0; row->subs && i < row->subs->len; i++) {
        const msp_sub *s = &g_array_index(row->subs, msp_sub, i);
        const msp_border *b = &s->top_at_break;
        if (!s->cell || s->open_top || b->width <= 0 || b->style == MSP_BORDER_NONE)
            continue;
        msp_area a = { .kind = MSP_AREA_RULE, .zone = zone, .x = x0 + s->cell->x,
                       .y = top + b->width / 2 };
        a.u.rule.x2 = a.x + s->cell->w;
        a.u.rule.y2 = a.y;
        a.w = s->cell->w;
        a.u.rule.thickness = b->width;
        a.u.rule.style = b->style;
        a.u.rule.color = b->color;
        msp_page_add(page, &a);
    }
}
