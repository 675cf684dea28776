/* The box of an image or SVG graphic (XSL 1.1 6.6.5, 6.6.6, 7.15): the
 * size its content is drawn at (content-width, content-height, scaling)
 * and the frame around it (viewport from width and height, the content
 * placed in it by text-align and display-align, padding, border,
 * background-color), drawn into a cairo recording surface. */
#include "layout/graphic.h"

#include <math.h>
#include <string.h>

bool msp_graphic_is_svg(const msp_fo_node *node)
{
    const char *kind = msp_fo_attr_value(node, "graphic");
    return kind && strcmp(kind, "svg:svg") == 0;
}

/* content-width or -height: -1 for auto (the intrinsic size, or scaled) */
static double content_size(msp_len len, double intrinsic)
{
    switch (len.kind) {
    case MSP_LEN_ABS:
        return len.v;
    case MSP_LEN_PCT:
        return intrinsic * len.v / 100.0;
    default:
        return -1;
    }
}

void msp_graphic_fit(const msp_fo_style *s, double iw, double ih, double *w, double *h)
{
    double cw = content_size(s->content_width, iw);
    double ch = content_size(s->content_height, ih);
    bool uniform = s->scaling == MSP_SCALING_UNIFORM;
    if (cw < 0 && ch < 0) {
        cw = iw;
        ch = ih;
    } else if (cw < 0) {
        cw = uniform ? iw * ch / ih : iw;
    } else if (ch < 0) {
        ch = uniform ? ih * cw / iw : ih;
    } else if (uniform) {
        double k = MIN(cw / iw, ch / ih);
        cw = iw * k;
        ch = ih * k;
    }
    *w = cw;
    *h = ch;
}

/* One side's border as filled shapes along the edge from (x0, y0) to (x1, y1)
 * (the border's outer edge), width bw inward by (nx, ny). */
static void border_side(cairo_t *cr, const msp_border *b, double x0, double y0, double x1, double y1,
                        double nx, double ny)
{
    double bw = b->width;
    cairo_save(cr);
    cairo_set_source_rgb(cr, ((b->color >> 16) & 0xFF) / 255.0, ((b->color >> 8) & 0xFF) / 255.0,
                         (b->color & 0xFF) / 255.0);
    if (b->style == MSP_BORDER_DOUBLE) {
        /* two lines of a third each, a third apart */
        for (int k = 0; k < 2; k++) {
            double o = k * 2 * bw / 3;
            cairo_move_to(cr, x0 + nx * o, y0 + ny * o);
            cairo_line_to(cr, x1 + nx * o, y1 + ny * o);
            cairo_line_to(cr, x1 + nx * (o + bw / 3), y1 + ny * (o + bw / 3));
            cairo_line_to(cr, x0 + nx * (o + bw / 3), y0 + ny * (o + bw / 3));
            cairo_close_path(cr);
        }
        cairo_fill(cr);
    } else if (b->style == MSP_BORDER_DASHED || b->style == MSP_BORDER_DOTTED) {
        double dots[2] = { 0, 2 * bw }, dashes[2] = { 3 * bw, 3 * bw };
        bool dotted = b->style == MSP_BORDER_DOTTED;
        cairo_set_line_width(cr, bw);
        cairo_set_line_cap(cr, dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, dotted ? dots : dashes, 2, 0);
        cairo_move_to(cr, x0 + nx * bw / 2, y0 + ny * bw / 2);
        cairo_line_to(cr, x1 + nx * bw / 2, y1 + ny * bw / 2);
        cairo_stroke(cr);
    } else {
        cairo_move_to(cr, x0, y0);
        cairo_line_to(cr, x1, y1);
        cairo_line_to(cr, x1 + nx * bw, y1 + ny * bw);
        cairo_line_to(cr, x0 + nx * bw, y0 + ny * bw);
        cairo_close_path(cr);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

static double side_border(const msp_fo_style *s, int side)
{
    return s->border[side].style != MSP_BORDER_NONE && s->border[side].width > 0 ? s->border[side].width : 0;
}

bool msp_graphic_framed(const msp_fo_node *node)
{
    return node->kind == MSP_FO_EXTERNAL_GRAPHIC ||
           (node->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT && msp_graphic_is_svg(node));
}

void msp_graphic_frame(const msp_fo_style *s, cairo_surface_t **surface, double *w, double *h)
{
    double vw = s->width.kind == MSP_LEN_ABS ? s->width.v : *w;
    double vh = s->height.kind == MSP_LEN_ABS ? s->height.v : *h;
    if (!(vw > 0) || !(vh > 0) || vw > MSP_SVG_MAX_SIDE || vh > MSP_SVG_MAX_SIDE) {
        vw = *w;   /* a viewport that cannot hold anything: the content's own size */
        vh = *h;
    }
    /* left, right, top, bottom: padding, then border */
    int left = s->rtl ? MSP_END : MSP_START, right = s->rtl ? MSP_START : MSP_END;
    double pl = MAX(s->padding[left], 0), pr = MAX(s->padding[right], 0);
    double pt = MAX(s->padding[MSP_BEFORE], 0), pb = MAX(s->padding[MSP_AFTER], 0);
    double bl = side_border(s, left), br = side_border(s, right);
    double bt = side_border(s, MSP_BEFORE), bb = side_border(s, MSP_AFTER);
    bool bg = s->background_color != MSP_COLOR_NONE;
    if (!*surface || (fabs(vw - *w) < 1e-6 && fabs(vh - *h) < 1e-6 && !bg &&
                      pl + pr + pt + pb + bl + br + bt + bb == 0))
        return;
    double W = bl + pl + vw + pr + br, H = bt + pt + vh + pb + bb;
    cairo_rectangle_t extents = { 0, 0, W, H };
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t *cr = cairo_create(rec);
    if (bg) {   /* under the padding and the content (XSL 1.1 7.8.2) */
        uint32_t c = s->background_color;
        cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
        cairo_rectangle(cr, bl, bt, pl + vw + pr, pt + vh + pb);
        cairo_fill(cr);
    }
    if (bt > 0)
        border_side(cr, &s->border[MSP_BEFORE], 0, 0, W, 0, 0, 1);
    if (bb > 0)
        border_side(cr, &s->border[MSP_AFTER], 0, H, W, H, 0, -1);
    if (bl > 0)
        border_side(cr, &s->border[left], 0, 0, 0, H, 1, 0);
    if (br > 0)
        border_side(cr, &s->border[right], W, 0, W, H, -1, 0);
    /* text-align places the content across the viewport, display-align down it (XSL 1.1 6.6.5) */
    msp_text_align ta = s->text_align;
    bool to_right = ta == MSP_ALIGN_RIGHT || (ta == MSP_ALIGN_END && !s->rtl) || (ta == MSP_ALIGN_START && s->rtl);
    double dx = ta == MSP_ALIGN_CENTER ? (vw - *w) / 2 : to_right ? vw - *w : 0;
    double dy = s->display_align == MSP_DA_CENTER ? (vh - *h) / 2 : s->display_align == MSP_DA_AFTER ? vh - *h : 0;
    cairo_rectangle(cr, bl + pl, bt + pt, vw, vh);   /* the viewport clips its content */
    cairo_clip(cr);
    cairo_translate(cr, bl + pl + dx, bt + pt + dy);
    cairo_rectangle(cr, 0, 0, *w, *h);
    cairo_clip(cr);
    if (cairo_surface_get_type(*surface) == CAIRO_SURFACE_TYPE_IMAGE) {
        int pw = cairo_image_surface_get_width(*surface), ph = cairo_image_surface_get_height(*surface);
        if (pw > 0 && ph > 0)
            cairo_scale(cr, *w / pw, *h / ph);
    }
    cairo_set_source_surface(cr, *surface, 0, 0);
    /* an image's edge pixels padded outwards (no soft edge); a recording is
     * left unextended, which the PDF keeps as vectors (a padded one is
     * rasterised) */
    if (cairo_surface_get_type(*surface) == CAIRO_SURFACE_TYPE_IMAGE)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_paint(cr);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(rec);
        return;
    }
    cairo_surface_destroy(*surface);
    *surface = rec;
    *w = W;
    *h = H;
}
