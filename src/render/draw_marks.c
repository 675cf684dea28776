/* The draft marks, laid out once and drawn on every page: the diagonal
 * DRAFT watermark (under everything) and the build stamp near the bottom
 * edge. They are laid out on the thread that calls msp_draw_marks_new
 * (layout's, which owns the Pango context) and drawn from their line pieces
 * only (render/glyphs.c), so pages may be drawn on a thread of their own. */
#include "render/draw_private.h"

#include "layout/para.h"
#include "render/glyphs.h"

#include <math.h>

#define WATERMARK_TEXT "DRAFT"
#define WATERMARK_FONT "Liberation Sans Bold"
#define WATERMARK_REF 100.0      /* pt: laid out at this size, scaled to the page's */
#define STAMP_FONT "Liberation Sans 8"
#define STAMP_FROM_BOTTOM 32.0   /* pt from the page's bottom edge to the stamp's baseline */

struct msp_draw_marks {
    PangoLayout *watermark;      /* owned, may be NULL */
    PangoRectangle wm_ink;
    double wm_baseline;
    PangoLayout *stamp;          /* owned, may be NULL */
    PangoRectangle st_logical;
    double st_baseline;
};

static PangoLayout *mark_layout(PangoContext *ctx, const char *font, double size, const char *text,
                                PangoRectangle *ink, PangoRectangle *logical, double *baseline)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    if (size > 0)
        pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, -1);
    pango_layout_get_extents(layout, ink, logical);
    *baseline = pango_layout_get_baseline(layout) / (double)PANGO_SCALE;
    msp_para_adopt_lines(layout);
    return layout;
}

msp_draw_marks *msp_draw_marks_new(PangoContext *ctx, bool draft, const char *stamp)
{
    msp_draw_marks *m = g_new0(msp_draw_marks, 1);
    if (!ctx)
        return m;
    PangoRectangle unused;
    if (draft)
        m->watermark = mark_layout(ctx, WATERMARK_FONT, WATERMARK_REF, WATERMARK_TEXT, &m->wm_ink, &unused,
                                   &m->wm_baseline);
    if (stamp && *stamp)
        m->stamp = mark_layout(ctx, STAMP_FONT, 0, stamp, &unused, &m->st_logical, &m->st_baseline);
    return m;
}

void msp_draw_marks_free(msp_draw_marks *m)
{
    if (!m)
        return;
    if (m->watermark)
        g_object_unref(m->watermark);
    if (m->stamp)
        g_object_unref(m->stamp);
    g_free(m);
}

/* Line 0 of an adopted layout with its baseline at (x, y), in the current source. */
static void show_line(cairo_t *cr, PangoLayout *layout, double x, double y)
{
    const msp_line_piece *pieces = NULL;
    int n = msp_para_line_pieces(layout, 0, &pieces);
    for (int k = 0; k < n; k++)
        msp_show_glyph_item(cr, pieces[k].font, pieces[k].text, pieces[k].glyphs, x + pieces[k].x,
                            y - pieces[k].y_offset);
    cairo_new_path(cr);
}

bool msp_draw_marks_has_watermark(const msp_draw_marks *m)
{
    return m && m->watermark;
}

bool msp_draw_marks_has_stamp(const msp_draw_marks *m)
{
    return m && m->stamp;
}

void msp_draw_marks_watermark(cairo_t *cr, const msp_draw_marks *m, const msp_page *page)
{
    if (!m || !m->watermark)
        return;
    double size = MIN(page->width, page->height) * 0.22;
    cairo_save(cr);
    cairo_translate(cr, page->width / 2, page->height / 2);
    cairo_rotate(cr, -G_PI / 4);   /* 45 degrees, rising to the right */
    cairo_scale(cr, size / WATERMARK_REF, size / WATERMARK_REF);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    const PangoRectangle *ink = &m->wm_ink;
    show_line(cr, m->watermark, -(ink->x + ink->width / 2.0) / PANGO_SCALE,
              -(ink->y + ink->height / 2.0) / PANGO_SCALE + m->wm_baseline);
    cairo_restore(cr);
}

void msp_draw_marks_stamp(cairo_t *cr, const msp_draw_marks *m, const msp_page *page)
{
    if (!m || !m->stamp)
        return;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    show_line(cr, m->stamp, (page->width - m->st_logical.width / (double)PANGO_SCALE) / 2,
              page->height - STAMP_FROM_BOTTOM);
    cairo_restore(cr);
}
