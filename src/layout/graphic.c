/* mspdoc graphics (fo:instream-foreign-object, urn:x-mspdoc:graphics) as
 * vectors: QR codes from libqrencode and Code 39 barcodes from the table
 * below, each turned into filled rectangles (dark runs merged per row);
 * and the content-width/-height sizing every graphic shares. */
#include "layout/graphic.h"

#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#define MM 2.834645669
#define MIN_MODULE (0.05 * MM)     /* pt: below this no printer or scanner copes */
#define MAX_MODULE (10.0 * MM)
#define MAX_HEIGHT (100.0 * MM)
#define MAX_QR_DATA 1000           /* bytes; libqrencode's own ceiling is 2953 at level L */
#define MAX_CODE39_DATA 64         /* characters, start and stop included */

/* Code 39: the 43 characters plus the start/stop '*'. Each pattern lists
 * its 9 elements in order bar, space, bar, ... bar; '1' marks a wide one
 * (exactly three per character). */
static const struct { char c; const char *wide; } code39_table[] = {
    { '0', "000110100" }, { '1', "100100001" }, { '2', "001100001" }, { '3', "101100000" },
    { '4', "000110001" }, { '5', "100110000" }, { '6', "001110000" }, { '7', "000100101" },
    { '8', "100100100" }, { '9', "001100100" }, { 'A', "100001001" }, { 'B', "001001001" },
    { 'C', "101001000" }, { 'D', "000011001" }, { 'E', "100011000" }, { 'F', "001011000" },
    { 'G', "000001101" }, { 'H', "100001100" }, { 'I', "001001100" }, { 'J', "000011100" },
    { 'K', "100000011" }, { 'L', "001000011" }, { 'M', "101000010" }, { 'N', "000010011" },
    { 'O', "100010010" }, { 'P', "001010010" }, { 'Q', "000000111" }, { 'R', "100000110" },
    { 'S', "001000110" }, { 'T', "000010110" }, { 'U', "110000001" }, { 'V', "011000001" },
    { 'W', "111000000" }, { 'X', "010010001" }, { 'Y', "110010000" }, { 'Z', "011010000" },
    { '-', "010000101" }, { '.', "110000100" }, { ' ', "011000100" }, { '*', "010010100" },
    { '$', "010101000" }, { '/', "010100010" }, { '+', "010001010" }, { '%', "000101010" },
};

static const char *code39_pattern(char c)
{
    for (size_t i = 0; i < G_N_ELEMENTS(code39_table); i++)
        if (code39_table[i].c == c)
            return code39_table[i].wide;
    return NULL;
}

int msp_graphic_code39_widths(GArray *widths, const char *data, double ratio)
{
    static const double gap = 1.0;
    for (size_t i = 0; data[i]; i++) {
        const char *p = code39_pattern(data[i]);
        if (!p)
            return (int)i;
    }
    for (size_t i = 0; data[i]; i++) {
        const char *p = code39_pattern(data[i]);
        for (int e = 0; e < 9; e++) {
            double w = p[e] == '1' ? ratio : 1.0;
            g_array_append_val(widths, w);
        }
        if (data[i + 1])
            g_array_append_val(widths, gap);
    }
    return -1;
}

void msp_graphic_runs(GArray *rects, const unsigned char *cells, int width, int height, double module)
{
    for (int y = 0; y < height; y++) {
        const unsigned char *row = cells + (size_t)y * (size_t)width;
        int x = 0;
        while (x < width) {
            if (!row[x]) {
                x++;
                continue;
            }
            int x0 = x;
            while (x < width && row[x])
                x++;
            msp_rect r = { x0 * module, y * module, (x - x0) * module, module };
            g_array_append_val(rects, r);
        }
    }
}

/* ---- attributes ---- */

static msp_status bad(msp_job *job, const msp_fo_node *node, const char *hint, const char *what)
{
    if (job)
        msp_diag_error(&job->diags, MSP_E_FO, node->loc, hint, "mspdoc graphic g:%s: %s",
                       msp_fo_attr_value(node, "graphic") ? msp_fo_attr_value(node, "graphic") : "?", what);
    return MSP_E_FO;
}

/* A length attribute in [lo, hi] pt, or def when absent. */
static msp_status length_attr(msp_job *job, const msp_fo_node *node, const char *name, double def,
                              double lo, double hi, double *out)
{
    const char *v = msp_fo_attr_value(node, name);
    if (!v) {
        *out = def;
        return MSP_OK;
    }
    double pt = 0;
    if (!msp_fo_length_parse(v, node->style->font_size, &pt) || !(pt >= lo && pt <= hi)) {
        if (job)
            msp_diag_error(&job->diags, MSP_E_FO, node->loc, "give a length such as \"0.5mm\" (docs/fo-extensions.md)",
                           "mspdoc graphic g:%s: %s=\"%s\" is not a length from %.2fpt to %.2fpt",
                           msp_fo_attr_value(node, "graphic"), name, v, lo, hi);
        return MSP_E_FO;
    }
    *out = pt;
    return MSP_OK;
}

static msp_status build_qr(msp_job *job, msp_graphic *out, const msp_fo_node *node, const char *data)
{
    double module = 0;
    msp_status st = length_attr(job, node, "module", 0.55 * MM, MIN_MODULE, MAX_MODULE, &module);
    if (st != MSP_OK)
        return st;
    const char *lv = msp_fo_attr_value(node, "level");
    QRecLevel level = QR_ECLEVEL_M;
    if (lv) {
        if (strcmp(lv, "L") == 0)
            level = QR_ECLEVEL_L;
        else if (strcmp(lv, "M") == 0)
            level = QR_ECLEVEL_M;
        else if (strcmp(lv, "Q") == 0)
            level = QR_ECLEVEL_Q;
        else if (strcmp(lv, "H") == 0)
            level = QR_ECLEVEL_H;
        else
            return bad(job, node, "level is one of L, M, Q, H", "unknown error correction level");
    }
    if (strlen(data) > MAX_QR_DATA)
        return bad(job, node, "shorten the data (at most 1000 bytes)", "data too long for a QR code");
    errno = 0;
    QRcode *qr = QRcode_encodeString(data, 0, level, QR_MODE_8, 1);
    if (!qr) {
        if (errno == ENOMEM)
            return job ? msp_diag_error(&job->diags, MSP_E_NOMEM, node->loc, NULL, "out of memory encoding a QR code")
                       : MSP_E_NOMEM;
        return bad(job, node, "shorten the data or lower the level", "the data does not fit in a QR code");
    }
    int n = qr->width;
    unsigned char *cells = g_malloc((size_t)n * (size_t)n);
    for (size_t i = 0; i < (size_t)n * (size_t)n; i++)
        cells[i] = qr->data[i] & 1;   /* bit 0: dark module; the other bits say why */
    QRcode_free(qr);
    msp_graphic_runs(out->rects, cells, n, n, module);
    g_free(cells);
    out->w = out->h = n * module;
    out->modules = n;
    return MSP_OK;
}

static msp_status build_code39(msp_job *job, msp_graphic *out, const msp_fo_node *node, const char *data)
{
    double module = 0, height = 0, ratio = 3;
    msp_status st = length_attr(job, node, "module", 0.24 * MM, MIN_MODULE, MAX_MODULE, &module);
    if (st == MSP_OK)
        st = length_attr(job, node, "height", 8.5 * MM, MIN_MODULE, MAX_HEIGHT, &height);
    if (st != MSP_OK)
        return st;
    const char *rv = msp_fo_attr_value(node, "wide-ratio");
    if (rv) {
        char *end = NULL;
        ratio = g_ascii_strtod(rv, &end);
        if (end == rv || *end || !(ratio >= MSP_CODE39_MIN_RATIO && ratio <= MSP_CODE39_MAX_RATIO))
            return bad(job, node, "wide-ratio is a number from 2 to 3", "bad wide-ratio");
    }
    size_t len = strlen(data);
    if (len < 3 || data[0] != '*' || data[len - 1] != '*' || memchr(data + 1, '*', len - 2))
        return bad(job, node, "write the start and stop characters: data=\"*2522222*\"",
                   "Code 39 data must start and end with '*' and hold at least one character between");
    if (len > MAX_CODE39_DATA)
        return bad(job, node, "at most 64 characters", "data too long for a Code 39 barcode");
    GArray *widths = g_array_new(FALSE, FALSE, sizeof(double));
    int at = msp_graphic_code39_widths(widths, data, ratio);
    if (at >= 0) {
        g_array_free(widths, TRUE);
        if (job) {
            unsigned char c = (unsigned char)data[at];
            msp_diag_error(&job->diags, MSP_E_FO, node->loc, "Code 39 has 0-9, A-Z, space and - . $ / + %",
                           c >= 0x20 && c < 0x7f ? "mspdoc graphic g:code39: Code 39 cannot encode '%c' (character %d of the data)"
                                                 : "mspdoc graphic g:code39: Code 39 cannot encode byte 0x%02X (character %d of the data)",
                           c, at + 1);
        }
        return MSP_E_FO;
    }
    double x = 0;
    for (guint i = 0; i < widths->len; i++) {
        double w = g_array_index(widths, double, i);
        if (i % 2 == 0) {   /* bars at even indexes: each character has 9 elements, then a gap */
            msp_rect r = { x * module, 0, w * module, height };
            g_array_append_val(out->rects, r);
        }
        x += w;
    }
    g_array_free(widths, TRUE);
    out->w = x * module;
    out->h = height;
    out->modules = (int)lround(x);
    return MSP_OK;
}

msp_status msp_graphic_build(msp_job *job, msp_graphic *out, const msp_fo_node *node)
{
    memset(out, 0, sizeof *out);
    out->rects = g_array_new(FALSE, FALSE, sizeof(msp_rect));
    const char *kind = msp_fo_attr_value(node, "graphic");
    const char *data = msp_fo_attr_value(node, "data");
    msp_status st;
    if (!kind || (strcmp(kind, "qr") != 0 && strcmp(kind, "code39") != 0))
        st = bad(job, node, "use g:qr or g:code39 (docs/fo-extensions.md)", "unknown graphic");
    else if (!data || !*data)
        st = bad(job, node, "give the text to encode in data=\"...\"", "data is missing or empty");
    else if (strcmp(kind, "qr") == 0)
        st = build_qr(job, out, node, data);
    else
        st = build_code39(job, out, node, data);
    if (st != MSP_OK)
        msp_graphic_clear(out);
    return st;
}

void msp_graphic_clear(msp_graphic *g)
{
    if (g->rects)
        g_array_free(g->rects, TRUE);
    memset(g, 0, sizeof *g);
}

void msp_graphic_emit(const msp_graphic *g, msp_page *page, msp_zone zone, double x, double y,
                      uint32_t color, const msp_fo_node *src)
{
    if (!g->rects)
        return;
    for (guint i = 0; i < g->rects->len; i++) {
        const msp_rect *r = &g_array_index(g->rects, msp_rect, i);
        msp_area a = { 0 };
        a.kind = MSP_AREA_RECT;
        a.zone = zone;
        a.src = src;
        a.x = x + r->x;
        a.y = y + r->y;
        a.w = r->w;
        a.h = r->h;
        a.u.rect.color = color;
        msp_page_add(page, &a);
    }
}

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
