/* Drawing one page's area tree onto any cairo context: text lines, rules,
 * rectangles, images, PDF link and destination tags, and the draft marks.
 * Lays nothing out and creates no surfaces (PNG files are draw_png.c). */
#include "render/draw_private.h"

#include "fo/fo.h"
#include "layout/para.h"
#include "render/glyphs.h"
#include "render/pdf_struct.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define STAMP_DIGEST_DIGITS 12   /* hex digits of the source's SHA-256 in the stamp */

static void set_color(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

/* Draws glyph item gi of piece p (p's own, or a part of it) at (x, y) in
 * p's colour and decorations. */
static void draw_glyphs(cairo_t *cr, const msp_line_piece *p, PangoGlyphItem *gi, double x, double y,
                        double width)
{
    set_color(cr, p->color);
    msp_show_glyph_item(cr, p->font, p->text, gi, x, y);
    cairo_new_path(cr);
    if (p->underline || p->strike) {
        if (p->underline)
            cairo_rectangle(cr, x, y - p->underline_pos, width, p->underline_thickness);
        if (p->strike)
            cairo_rectangle(cr, x, y - p->strike_pos, width, p->strike_thickness);
        cairo_fill(cr);
    }
}

/* The span of spans[0..n) holding byte i (spans are sorted), or -1. */
static int span_at(const msp_text_span *spans, int n, guint i)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (spans[mid].end <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && spans[lo].start <= i ? lo : -1;
}

/* The structure element of byte i of a line's text, and the FO that orders it. */
static msp_struct_elem *elem_at(msp_struct *tags, const msp_area *a, const msp_text_span *spans,
                                int n_spans, guint i, const msp_fo_node **order_node)
{
    int k = span_at(spans, n_spans, i);
    *order_node = k >= 0 ? spans[k].node : a->src;
    return msp_struct_elem_of(tags, *order_node);
}

/* Where the structure element changes inside [s, e): the first such byte
 * after s that starts a cluster of gi, or e. */
static guint next_change(msp_struct *tags, const msp_area *a, const msp_text_span *spans,
                         int n_spans, const PangoGlyphItem *gi, guint s, guint e)
{
    const msp_fo_node *on;
    msp_struct_elem *first = elem_at(tags, a, spans, n_spans, s, &on);
    for (int k = span_at(spans, n_spans, s); k >= 0 && k + 1 < n_spans; k++) {
        guint b = spans[k + 1].start;
        if (b >= e)
            break;
        if (b <= s || elem_at(tags, a, spans, n_spans, b, &on) == first)
            continue;
        /* only at a cluster start: a glyph whose cluster begins at b */
        for (int g = 0; g < gi->glyphs->num_glyphs; g++)
            if ((guint)(gi->item->offset + gi->glyphs->log_clusters[g]) == b)
                return b;
    }
    return e;
}

/* A piece drawn as marked content of the structure elements its text
 * belongs to: split (a copy) where the element changes. */
static void draw_piece_tagged(cairo_t *cr, const msp_area *a, const msp_line_piece *p,
                              msp_struct *tags, const msp_text_span *spans, int n_spans,
                              msp_struct_elem **last, const msp_fo_node **last_order,
                              guint *last_ord)
{
    double x = a->x + p->x, y = a->y - p->y_offset;
    const PangoItem *it = p->glyphs->item;
    bool own_text = p->text == pango_layout_get_text(a->u.line.layout);
    if (!own_text || n_spans == 0) {
        /* an inserted hyphen belongs with the text before it */
        msp_struct_elem *e = *last ? *last : msp_struct_elem_of(tags, a->src);
        msp_struct_content(tags, cr, e, *last ? *last_order : a->src, *last ? *last_ord : 0);
        draw_glyphs(cr, p, p->glyphs, x, y, p->width);
        return;
    }
    guint s = (guint)it->offset, e = (guint)(it->offset + it->length);
    guint cut = next_change(tags, a, spans, n_spans, p->glyphs, s, e);
    const msp_fo_node *on;
    if (cut >= e) {
        msp_struct_elem *el = elem_at(tags, a, spans, n_spans, s, &on);
        msp_struct_content(tags, cr, el, on, s);
        if (el && el->text)
            g_string_append_len(el->text, p->text + s, e - s);
        draw_glyphs(cr, p, p->glyphs, x, y, p->width);
        *last = el;
        *last_order = on;
        *last_ord = s;
        return;
    }
    bool rtl = it->analysis.level % 2;
    double pos = rtl ? x + p->width : x;
    PangoGlyphItem *rest = pango_glyph_item_copy(p->glyphs);
    while (s < e) {
        PangoGlyphItem *part = rest;
        if (cut < e) {
            part = pango_glyph_item_split(rest, p->text, (int)(cut - (guint)rest->item->offset));
        }
        double w = pango_glyph_string_get_width(part->glyphs) / (double)PANGO_SCALE;
        if (rtl)
            pos -= w;
        msp_struct_elem *el = elem_at(tags, a, spans, n_spans, s, &on);
        msp_struct_content(tags, cr, el, on, s);
        if (el && el->text)
            g_string_append_len(el->text, p->text + s, cut - s);
        draw_glyphs(cr, p, part, pos, y, w);
        if (!rtl)
            pos += w;
        *last = el;
        *last_order = on;
        *last_ord = s;
        if (part != rest)
            pango_glyph_item_free(part);
        s = cut;
        cut = s < e ? next_change(tags, a, spans, n_spans, rest, s, e) : e;
    }
    pango_glyph_item_free(rest);
}

/* A line: its glyph pieces (layout/para_lines.c) in visual order, each in
 * its own colour and decorations; the text goes with the glyphs, so the
 * PDF's text is the paragraph's. With tags, each piece is marked content
 * of its structure element (or an artifact, art != NONE). */
static void draw_line(cairo_t *cr, const msp_area *a, msp_struct *tags, msp_artifact art)
{
    if (!a->u.line.layout)
        return;
    const msp_line_piece *pieces = NULL;
    int n = msp_para_line_pieces(a->u.line.layout, a->u.line.line_no, &pieces);
    if (n < 0)
        return;   /* every LINE's layout has pieces (para builder, msp_para_adopt_lines) */
    const msp_text_span *spans = NULL;
    int n_spans = tags && art == MSP_ART_NONE ? msp_para_layout_spans(a->u.line.layout, &spans) : 0;
    msp_struct_elem *last = NULL;
    const msp_fo_node *last_order = NULL;
    guint last_ord = 0;
    /* a line with right-to-left text is drawn in visual order, not in reading
     * order: its content never continues the sequence of the line before, whose
     * reading order it would break (each sequence must hold contiguous text) */
    if (tags && art == MSP_ART_NONE) {
        bool rtl = false;
        for (int k = 0; k < n && !rtl; k++)
            rtl = pieces[k].glyphs->item->analysis.level % 2 == 1;
        if (rtl)
            msp_struct_close(tags, cr);
    }
    for (int k = 0; k < n; k++) {
        const msp_line_piece *p = &pieces[k];
        if (p->glyphs->glyphs->num_glyphs == 0)
            continue;   /* nothing to draw (and no marked content: cairo drops it on an empty page) */
        if (tags && art == MSP_ART_NONE) {
            draw_piece_tagged(cr, a, p, tags, spans, n_spans, &last, &last_order, &last_ord);
            continue;
        }
        if (tags)
            msp_struct_artifact(tags, cr, art);
        draw_glyphs(cr, p, p->glyphs, a->x + p->x, a->y - p->y_offset, p->width);
    }
}

static void stroke_segment(cairo_t *cr, double x1, double y1, double x2, double y2, double width)
{
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
}

static void draw_rule(cairo_t *cr, const msp_area *a)
{
    double t = a->u.rule.thickness;
    double x1 = a->x, y1 = a->y, x2 = a->u.rule.x2, y2 = a->u.rule.y2;
    double len = hypot(x2 - x1, y2 - y1);
    if (!(t > 0) || !(len > 0) || a->u.rule.style == MSP_BORDER_NONE)
        return;
    cairo_save(cr);
    set_color(cr, a->u.rule.color);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    switch (a->u.rule.style) {
    case MSP_BORDER_DOTTED: {
        /* Round dots of diameter t, one t apart. */
        double dash[2] = { 0, 2 * t };
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, dash, 2, 0);
        stroke_segment(cr, x1, y1, x2, y2, t);
        break;
    }
    case MSP_BORDER_DASHED: {
        double dash[2] = { 3 * t, 2 * t };
        cairo_set_dash(cr, dash, 2, 0);
        stroke_segment(cr, x1, y1, x2, y2, t);
        break;
    }
    case MSP_BORDER_DOUBLE: {
        /* Two strokes of t/3 with a t/3 gap, together t thick. */
        double nx = -(y2 - y1) / len * t / 3, ny = (x2 - x1) / len * t / 3;
        stroke_segment(cr, x1 - nx, y1 - ny, x2 - nx, y2 - ny, t / 3);
        stroke_segment(cr, x1 + nx, y1 + ny, x2 + nx, y2 + ny, t / 3);
        break;
    }
    default:
        stroke_segment(cr, x1, y1, x2, y2, t);
        break;
    }
    cairo_restore(cr);
}

/* Whether area a covers the whole page, in the page's frame (a turned
 * reference area draws in its own). */
static bool covers_page(cairo_t *cr, const msp_area *a, const msp_page *page)
{
    double x1 = a->x, y1 = a->y, x2 = a->x + a->w, y2 = a->y + a->h;
    cairo_user_to_device(cr, &x1, &y1);
    cairo_user_to_device(cr, &x2, &y2);
    const double eps = 1e-6;
    return fmin(x1, x2) <= eps && fmin(y1, y2) <= eps &&
           fmax(x1, x2) >= page->width - eps && fmax(y1, y2) >= page->height - eps;
}

static void draw_rect(cairo_t *cr, const msp_area *a, const msp_page *page)
{
    if (a->u.rect.color == MSP_COLOR_NONE || !(a->w > 0) || !(a->h > 0))
        return;
    set_color(cr, a->u.rect.color);
    cairo_rectangle(cr, a->x, a->y, a->w, a->h);
    /* cairo turns a fill of the whole page into a paint that forgets what
     * was recorded before it, the opening of the marked content around it
     * too; an empty second subpath keeps it a fill */
    if (covers_page(cr, a, page))
        cairo_rectangle(cr, a->x, a->y, 0, 0);
    cairo_fill(cr);
}

static void draw_image(cairo_t *cr, const msp_area *a)
{
    cairo_surface_t *s = a->u.image.surface;
    if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || !(a->w > 0) || !(a->h > 0))
        return;
    double iw = a->w, ih = a->h;
    if (cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE) {
        iw = cairo_image_surface_get_width(s);
        ih = cairo_image_surface_get_height(s);
    }
    if (!(iw > 0) || !(ih > 0))
        return;
    cairo_save(cr);
    cairo_rectangle(cr, a->x, a->y, a->w, a->h);
    cairo_clip(cr);
    cairo_translate(cr, a->x, a->y);
    cairo_scale(cr, a->w / iw, a->h / ih);
    cairo_set_source_surface(cr, s, 0, 0);
    /* an image's edge pixels padded (no soft edge); a recording (an SVG)
     * not: cairo's PDF surface would make a raster image of a padded one */
    if (cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE)
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_paint(cr);
    cairo_restore(cr);
}

/* Appends s as a cairo tag string: single-quoted, ' and \ escaped. */
static void append_quoted(GString *out, const char *s)
{
    g_string_append_c(out, '\'');
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            g_string_append_c(out, '\\');
        g_string_append_c(out, *s);
    }
    g_string_append_c(out, '\'');
}

/* Numbers with a '.' whatever the locale (cairo parses them that way). */
static void append_number(GString *out, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.3f", v));
}

/* Whether a link area makes an annotation (draw_link draws it). */
static bool link_target(const msp_area *a)
{
    const char *uri = a->u.link.uri, *dest = a->u.link.dest;
    return ((uri && *uri) || (dest && *dest)) && a->w > 0 && a->h > 0;
}

static void draw_link(cairo_t *cr, const msp_area *a)
{
    const char *uri = a->u.link.uri, *dest = a->u.link.dest;
    GString *attrs = g_string_new("rect=[");
    append_number(attrs, a->x);
    g_string_append_c(attrs, ' ');
    append_number(attrs, a->y);
    g_string_append_c(attrs, ' ');
    append_number(attrs, a->w);
    g_string_append_c(attrs, ' ');
    append_number(attrs, a->h);
    g_string_append(attrs, uri && *uri ? "] uri=" : "] dest=");
    append_quoted(attrs, uri && *uri ? uri : dest);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs->str);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    g_string_free(attrs, TRUE);
}

static void draw_dest(cairo_t *cr, const msp_area *a)
{
    if (!a->u.dest.name || !*a->u.dest.name)
        return;
    GString *attrs = g_string_new("name=");
    append_quoted(attrs, a->u.dest.name);
    g_string_append(attrs, " x=");
    append_number(attrs, a->x);
    g_string_append(attrs, " y=");
    append_number(attrs, a->y);
    cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs->str);
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    g_string_free(attrs, TRUE);
}

/* A turned reference area (layout/area.h MSP_AREA_GROUP): its areas are
 * drawn in its frame, until the matching end restores the page's. The
 * marked-content sequence open before it ends there (and at its end). */
static void draw_group(cairo_t *cr, const msp_area *a, msp_struct *tags)
{
    msp_struct_close(tags, cr);
    if (a->kind == MSP_AREA_GROUP_END) {
        cairo_restore(cr);
        return;
    }
    cairo_save(cr);
    cairo_translate(cr, a->x, a->y);
    cairo_rotate(cr, -a->u.group.rotate * G_PI / 180.0);   /* counter-clockwise on the page (y down) */
}

/* The worker's Pango context: from the options, else from any text line. */
static PangoContext *page_context(const msp_page *page, const msp_draw_opts *opts)
{
    if (opts && opts->pango)
        return opts->pango;
    for (int i = 0; i < page->n_areas; i++)
        if (page->areas[i].kind == MSP_AREA_LINE && page->areas[i].u.line.layout)
            return pango_layout_get_context(page->areas[i].u.line.layout);
    return NULL;
}

char *msp_draw_stamp_text(gint64 built, const char *source_sha256)
{
    GDateTime *dt = g_date_time_new_from_unix_utc(built);
    if (!dt)
        dt = g_date_time_new_from_unix_utc(0);
    char *when = g_date_time_format(dt, "%Y-%m-%d %H:%M UTC");
    g_date_time_unref(dt);
    char *s = source_sha256 && *source_sha256
                  ? g_strdup_printf("Draft built %s, source %.*s", when, STAMP_DIGEST_DIGITS, source_sha256)
                  : g_strdup_printf("Draft built %s", when);
    g_free(when);
    return s;
}

/* The artifact kind of what a zone holds outside the body and the notes. */
static msp_artifact zone_artifact(msp_zone zone)
{
    switch (zone) {
    case MSP_ZONE_BODY:
    case MSP_ZONE_FOOTNOTES:
        return MSP_ART_NONE;
    case MSP_ZONE_BEFORE:
        return MSP_ART_HEADER;
    case MSP_ZONE_AFTER:
        return MSP_ART_FOOTER;
    case MSP_ZONE_SEPARATOR:
        return MSP_ART_LAYOUT;
    default:
        return MSP_ART_PAGINATION;
    }
}

/* Opens the marked content of a non-text area: its graphic's Figure, or an
 * artifact (decorations, leaders, what the FO calls role="artifact"). */
static void tag_area(cairo_t *cr, msp_struct *tags, const msp_area *a, msp_artifact art)
{
    /* a graphic is a Figure wherever it is, static content too (the codes of
     * a paper's first page say what the paper is), unless it says it is
     * decoration */
    if (a->src && !a->repeated && !msp_struct_is_artifact(a->src) &&
        (a->src->kind == MSP_FO_EXTERNAL_GRAPHIC || a->src->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT)) {
        msp_struct_content(tags, cr, msp_struct_elem_of(tags, a->src), a->src, 0);
        return;
    }
    msp_struct_artifact(tags, cr, art == MSP_ART_NONE ? MSP_ART_LAYOUT : art);
}

void msp_draw_page(cairo_t *cr, const msp_page *page, const msp_draw_opts *opts)
{
    cairo_surface_t *target = cairo_get_target(cr);
    bool pdf = cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_PDF;
    bool links = pdf && opts && opts->links;
    msp_struct *tags = pdf && opts ? opts->tags : NULL;
    /* the draft marks: laid out already, or now for this page */
    msp_draw_marks *own = NULL;
    const msp_draw_marks *marks = opts ? opts->marks : NULL;
    bool want_stamp = opts && opts->draft_stamp && *opts->draft_stamp;
    if (!marks && opts && (opts->draft || want_stamp))
        marks = own = msp_draw_marks_new(page_context(page, opts), opts->draft, opts->draft_stamp);

    cairo_save(cr);
    msp_struct_page_begin(tags);
    /* Under the text, so it never hides a word. */
    if (opts && opts->draft && msp_draw_marks_has_watermark(marks)) {
        msp_struct_artifact(tags, cr, MSP_ART_WATERMARK);
        msp_draw_marks_watermark(cr, marks, page);
    }
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        msp_artifact art = a->repeated ? MSP_ART_PAGINATION : zone_artifact(a->zone);
        switch (a->kind) {
        case MSP_AREA_LINE:
            draw_line(cr, a, tags, art);
            break;
        case MSP_AREA_RULE:
            if (tags)
                tag_area(cr, tags, a, art);
            draw_rule(cr, a);
            break;
        case MSP_AREA_RECT:
            if (tags)
                tag_area(cr, tags, a, art);
            draw_rect(cr, a, page);
            break;
        case MSP_AREA_IMAGE:
            if (tags)
                tag_area(cr, tags, a, art);
            draw_image(cr, a);
            break;
        case MSP_AREA_LINK:
            if (links && link_target(a)) {
                msp_struct_close(tags, cr);
                msp_struct_link(tags, a->src);
                draw_link(cr, a);
            }
            break;
        case MSP_AREA_DEST:
            /* Destinations exist only in PDF; outlines and links point at them. */
            if (pdf) {
                msp_struct_close(tags, cr);
                draw_dest(cr, a);
            }
            break;
        case MSP_AREA_GROUP:
        case MSP_AREA_GROUP_END:
            draw_group(cr, a, tags);
            break;
        }
    }
    if (want_stamp && msp_draw_marks_has_stamp(marks)) {
        msp_struct_artifact(tags, cr, MSP_ART_FOOTER);
        msp_draw_marks_stamp(cr, marks, page);
    }
    msp_struct_close(tags, cr);
    cairo_restore(cr);
    msp_draw_marks_free(own);
}
