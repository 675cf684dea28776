/* SVG graphics (fo:instream-foreign-object holding <svg>, fo:external-graphic
 * naming an .svg file) through librsvg: the SVG text is parsed with no access
 * to anything outside its base (none for an inline SVG: data: URIs only), its
 * intrinsic size is read, and it is drawn at its final size into a cairo
 * recording surface, which the page draws as vectors (an MSP_AREA_IMAGE).
 * Parsed handles are cached per Pango context (one per worker). */
#include "layout/graphic.h"

#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#define PX_PT 0.75                 /* 1 CSS px (an SVG user unit) = 1/96 in */
#define CACHE_KEY "msp-svg-handles"
#define CACHE_MAX 64               /* parsed SVGs kept per worker; the cache is emptied past it */

typedef struct svg_entry {
    RsvgHandle *handle;
    double iw, ih;                 /* intrinsic size, pt */
} svg_entry;

static void entry_free(void *p)
{
    svg_entry *e = p;
    g_object_unref(e->handle);
    g_free(e);
}

static GHashTable *handle_cache(PangoContext *ctx)
{
    GHashTable *cache = g_object_get_data(G_OBJECT(ctx), CACHE_KEY);
    if (!cache) {
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
        g_object_set_data_full(G_OBJECT(ctx), CACHE_KEY, cache, (GDestroyNotify)g_hash_table_destroy);
    }
    return cache;
}

/* An RsvgLength in pt; font-relative units as CSS's initial font size (16px). */
static double length_pt(RsvgLength l)
{
    switch (l.unit) {
    case RSVG_UNIT_PX: return l.length * PX_PT;
    case RSVG_UNIT_EM: return l.length * 16 * PX_PT;
    case RSVG_UNIT_EX: return l.length * 8 * PX_PT;
    case RSVG_UNIT_IN: return l.length * 72;
    case RSVG_UNIT_CM: return l.length * 72 / 2.54;
    case RSVG_UNIT_MM: return l.length * 72 / 25.4;
    case RSVG_UNIT_PT: return l.length;
    case RSVG_UNIT_PC: return l.length * 12;
    default: return -1;   /* a percentage: needs a viewport */
    }
}

/* The intrinsic size in pt: width and height in absolute units as written;
 * a percentage side (the default, 100%) is that part of the viewBox's side,
 * in user units as CSS px, or follows the other side's length at the
 * viewBox's aspect ratio. Returns false when neither gives a size (no
 * viewBox and a percentage side). */
static bool intrinsic_size(RsvgHandle *h, double *iw, double *ih)
{
    gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
    RsvgLength lw = { 1, RSVG_UNIT_PERCENT }, lh = { 1, RSVG_UNIT_PERCENT };
    RsvgRectangle vb = { 0 };
    rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_w)
        lw = (RsvgLength){ 1, RSVG_UNIT_PERCENT };
    if (!has_h)
        lh = (RsvgLength){ 1, RSVG_UNIT_PERCENT };
    double w = length_pt(lw), hh = length_pt(lh);
    bool vb_ok = has_vb && vb.width > 0 && vb.height > 0;
    if (w < 0 && hh < 0) {
        if (!vb_ok)
            return false;
        w = vb.width * lw.length * PX_PT;
        hh = vb.height * lh.length * PX_PT;
    } else if (w < 0) {
        if (!vb_ok)
            return false;
        w = hh * vb.width / vb.height;
    } else if (hh < 0) {
        if (!vb_ok)
            return false;
        hh = w * vb.height / vb.width;
    }
    *iw = w;
    *ih = hh;
    return true;
}

static msp_status svg_error(msp_job *job, const msp_fo_node *node, const char *what, const char *hint,
                            const char *why)
{
    char *text = g_strstrip(g_strdup(why));   /* librsvg's messages may end in a newline */
    msp_status st = msp_diag_error(&job->diags, MSP_E_FO, node->loc, hint, "%s: %s", what, text);
    g_free(text);
    return st;
}

/* Parses data (len bytes) into a cached entry, or reports why not. */
static msp_status parse(msp_job *job, PangoContext *ctx, const msp_fo_node *node, const char *what,
                        const char *data, size_t len, const char *base_file, const svg_entry **out)
{
    *out = NULL;
    if (len > MSP_SVG_MAX_BYTES)
        return svg_error(job, node, what, "an SVG graphic may be at most 4 MiB of text; simplify it or split it",
                         "the SVG is too large");
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)data, (gssize)len);
    char *key = g_strdup_printf("%s %s", g_checksum_get_string(sum), base_file ? base_file : "");
    g_checksum_free(sum);
    GHashTable *cache = handle_cache(ctx);
    svg_entry *e = g_hash_table_lookup(cache, key);
    if (e) {
        g_free(key);
        *out = e;
        return MSP_OK;
    }
    /* default flags: libxml2's safety limits stay on (no RSVG_HANDLE_FLAG_UNLIMITED) */
    GInputStream *in = g_memory_input_stream_new_from_data(data, (gssize)len, NULL);
    GFile *base = base_file ? g_file_new_for_path(base_file) : NULL;
    GError *err = NULL;
    RsvgHandle *h = rsvg_handle_new_from_stream_sync(in, base, RSVG_HANDLE_FLAGS_NONE, NULL, &err);
    g_object_unref(in);
    if (base)
        g_object_unref(base);
    if (!h) {
        msp_status st = svg_error(job, node, what, "check the SVG (librsvg could not load it)",
                                  err && err->message ? err->message : "not an SVG document");
        g_clear_error(&err);
        g_free(key);
        return st;
    }
    double iw = 0, ih = 0;
    const char *why = NULL;
    if (!intrinsic_size(h, &iw, &ih))
        why = "the SVG has no size: give its <svg> element width and height, or a viewBox";
    else if (!(iw > 0) || !(ih > 0))
        why = "the SVG has zero width or height";
    else if (iw > MSP_SVG_MAX_SIDE || ih > MSP_SVG_MAX_SIDE)
        why = "the SVG is wider or taller than 14400pt";
    if (why) {
        g_object_unref(h);
        g_free(key);
        return svg_error(job, node, what, "set width and height (e.g. width=\"40mm\" height=\"20mm\") on the <svg> element",
                         why);
    }
    if (g_hash_table_size(cache) >= CACHE_MAX)
        g_hash_table_remove_all(cache);
    e = g_new0(svg_entry, 1);
    e->handle = h;
    e->iw = iw;
    e->ih = ih;
    g_hash_table_insert(cache, key, e);
    *out = e;
    return MSP_OK;
}

msp_status msp_svg_load(msp_job *job, PangoContext *ctx, const msp_fo_node *node, const char *what,
                        const char *data, size_t len, const char *base_file, cairo_surface_t **out,
                        double *w, double *h)
{
    *out = NULL;
    *w = *h = 0;
    const svg_entry *e = NULL;
    msp_status st = parse(job, ctx, node, what, data, len, base_file, &e);
    if (st != MSP_OK)
        return st;
    double fw = 0, fh = 0;
    msp_graphic_fit(node->style, e->iw, e->ih, &fw, &fh);
    if (!(fw > 0) || !(fh > 0) || fw > MSP_SVG_MAX_SIDE || fh > MSP_SVG_MAX_SIDE || fw * fh > MSP_SVG_MAX_AREA)
        return svg_error(job, node, what,
                         "an SVG graphic is drawn at most 14400pt a side and 16 million pt\xc2\xb2 in all; "
                         "check content-width and content-height",
                         fw > 0 && fh > 0 ? "the SVG's drawn size is too large" : "the SVG's drawn size is zero");
    /* drawn at its final size: draw.c paints a non-image surface unscaled */
    cairo_rectangle_t extents = { 0, 0, fw, fh };
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t *cr = cairo_create(rec);
    cairo_scale(cr, fw / e->iw, fh / e->ih);
    RsvgRectangle viewport = { 0, 0, e->iw, e->ih };
    GError *err = NULL;
    gboolean ok = rsvg_handle_render_document(e->handle, cr, &viewport, &err);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (!ok || cs != CAIRO_STATUS_SUCCESS) {
        st = svg_error(job, node, what, "check the SVG (librsvg could not draw it)",
                       err && err->message ? err->message : cairo_status_to_string(cs));
        g_clear_error(&err);
        cairo_surface_destroy(rec);
        return st;
    }
    *out = rec;
    *w = fw;
    *h = fh;
    return MSP_OK;
}

msp_status msp_svg_instream(msp_job *job, PangoContext *ctx, const msp_fo_node *node, cairo_surface_t **out,
                            double *w, double *h)
{
    const char *text = msp_fo_attr_value(node, "svg");
    if (!text) {
        *out = NULL;
        return svg_error(job, node, "fo:instream-foreign-object", NULL, "the SVG graphic was not kept");
    }
    /* no base: an inline SVG may load data: URIs only, never a file or URL */
    return msp_svg_load(job, ctx, node, "SVG graphic in fo:instream-foreign-object", text, strlen(text), NULL,
                        out, w, h);
}
