/* Mirroring for right-to-left writing (XSL 1.1 7.29.7 writing-mode, 5.3
 * the start/end mapping): layout always puts start on the left, and the
 * areas of right-to-left content are mirrored afterwards, so that start is
 * on the right (text aligned to start, indents, list labels, the first
 * table column, cell borders, the footnote separator's rule).
 *
 * Two levels do it, both with the one area transform of this file:
 * - an rl-tb page: every area of the page is mirrored within its region
 *   when the page is emitted (msp_page_mirror);
 * - a block-container or a table whose writing-mode is not its parent's
 *   (rl-tb inside lr-tb text, or lr-tb inside rl-tb): the generator gives
 *   each box made for its content (lines, table rows, decorated blocks) an
 *   msp_xform, the reflection within the container's content rectangle
 *   composed with the one of the content around it, and the areas a box
 *   emits are moved by it as they are emitted (block.c msp_item_emit, the
 *   borders and backgrounds in msp_deco_draw). A container that breaks
 *   across pages is mirrored on each page by its boxes there. A run of its
 *   own (a table cell, a list label, a fixed-height or positioned
 *   container) starts again at no transform: its areas are emitted inside
 *   its host box's and take the host's, so nested mixed containers are
 *   mirrored in turn (an lr-tb container in an rl-tb one in an lr-tb page:
 *   mirrored twice, its content keeps its order at the mirrored place).
 * The container's own margins, borders and padding belong to the content
 * around it (fo_inherit.c maps its left/right properties with its parent's
 * writing-mode); its box is not mirrored by its own transform.
 * A line's glyphs are never mirrored: Pango set them right to left already
 * (para.c: a right-to-left base direction for rl-tb blocks), so a line and
 * the objects inside it (links, leaders, images, destinations: in_line)
 * move as a whole. Two reflections make a shift, so a transform is a flag
 * and one number. */
#include "layout/layout_private.h"

msp_xform msp_xform_mirror(msp_xform outer, double x0, double w)
{
    double m = 2 * x0 + w;   /* [x, x+w] -> [m - x - w, m - x] */
    if (outer.flip)
        return (msp_xform){ false, outer.c - m };
    return (msp_xform){ true, m + outer.c };
}

msp_xform msp_gen_content_xform(const msp_gen *g, const msp_fo_node *node, const msp_refarea *inner)
{
    if ((node->kind == MSP_FO_BLOCK_CONTAINER || node->kind == MSP_FO_TABLE) && node->parent &&
        node->style->rtl != node->parent->style->rtl)
        return msp_xform_mirror(g->xf, inner->x0, inner->width);
    return g->xf;
}

double msp_xform_x(msp_xform xf, double x0, double x, double w)
{
    return xf.flip ? 2 * x0 + xf.c - x - w : x + xf.c;
}

/* One area mirrored about m/2 (m: twice the axis). A line sets *line_dx, the
 * move of the objects inside it that follow it (in_line). */
static void mirror_area(msp_area *a, double m, double *line_dx)
{
    if (a->in_line) {
        a->x += *line_dx;
        if (a->kind == MSP_AREA_RULE)
            a->u.rule.x2 += *line_dx;
        return;
    }
    if (a->kind == MSP_AREA_LINE) {
        double x = m - a->x - a->w;
        *line_dx = x - a->x;
        a->x = x;
        return;
    }
    if (a->kind == MSP_AREA_RULE) {
        double x1 = a->x, x2 = a->u.rule.x2;
        a->x = m - x1;
        a->u.rule.x2 = m - x2;
        if (a->u.rule.x2 < a->x) {   /* the same segment, from its left end again */
            double t = a->x;
            a->x = a->u.rule.x2;
            a->u.rule.x2 = t;
            t = a->y;
            a->y = a->u.rule.y2;
            a->u.rule.y2 = t;
        }
        return;
    }
    a->x = m - a->x - a->w;
}

void msp_areas_xform(msp_page *page, int from, int to, msp_xform xf, double x0)
{
    if (!xf.flip && xf.c == 0)
        return;
    double line_dx = 0, m = 2 * x0 + xf.c;
    for (int i = MAX(from, 0); i < to && i < page->n_areas; i++) {
        msp_area *a = &page->areas[i];
        if (xf.flip) {
            mirror_area(a, m, &line_dx);
        } else {
            a->x += xf.c;
            if (a->kind == MSP_AREA_RULE)
                a->u.rule.x2 += xf.c;
        }
    }
}

void msp_page_mirror(msp_page *page)
{
    double line_dx = 0;
    for (int i = 0; i < page->n_areas; i++) {
        msp_area *a = &page->areas[i];
        const msp_rect *r = &page->region[a->zone];
        if (r->w <= 0)
            continue;
        mirror_area(a, 2 * r->x + r->w, &line_dx);
    }
}
