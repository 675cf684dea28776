/* Raster graphics from bytes, for fo:external-graphic: the format sniffed
 * from the signature (PNG, GIF, JPEG; SVG text), PNG decoded by cairo, GIF
 * and JPEG by gdk-pixbuf's own gif and jpeg loaders only (no other loader
 * is ever asked), with the pixel caps checked from the header before any
 * pixel is decoded; and data: URIs (RFC 2397) decoded into their bytes. */
#include "layout/graphic.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#define CHUNK 65536   /* bytes given to a gdk-pixbuf loader at a time */

msp_image_type msp_image_sniff(const unsigned char *b, size_t n, bool svg_named)
{
    static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (n >= 8 && memcmp(b, png, 8) == 0)
        return MSP_IMAGE_PNG;
    if (n >= 6 && (memcmp(b, "GIF87a", 6) == 0 || memcmp(b, "GIF89a", 6) == 0))
        return MSP_IMAGE_GIF;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        return MSP_IMAGE_JPEG;
    size_t i = n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && g_ascii_isspace(b[i]))
        i++;
    if (svg_named && i < n && b[i] == '<')
        return MSP_IMAGE_SVG;
    return MSP_IMAGE_UNKNOWN;
}

bool msp_image_size_ok(uint32_t w, uint32_t h)
{
    return w > 0 && h > 0 && w <= MSP_IMAGE_MAX_SIDE && h <= MSP_IMAGE_MAX_SIDE &&
           (guint64)w * h <= MSP_IMAGE_MAX_PIXELS;
}

typedef struct png_reader {
    const unsigned char *p;
    size_t left;
} png_reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length)
{
    png_reader *r = closure;
    if (length > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The pixel size in a GIF's logical screen descriptor or a JPEG's first
 * start-of-frame segment, read before anything is decoded; false when the
 * header is cut short. */
static bool header_size(const unsigned char *d, size_t n, msp_image_type type, uint32_t *w, uint32_t *h)
{
    if (type == MSP_IMAGE_GIF) {
        if (n < 10)
            return false;
        *w = d[6] | (uint32_t)d[7] << 8;
        *h = d[8] | (uint32_t)d[9] << 8;
        return true;
    }
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF)
            return false;
        unsigned m = d[i + 1];
        if (m == 0xFF) {   /* fill byte */
            i++;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {   /* no length */
            i += 2;
            continue;
        }
        size_t seg = (size_t)d[i + 2] << 8 | d[i + 3];
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (i + 9 > n || seg < 7)
                return false;
            *h = (uint32_t)d[i + 5] << 8 | d[i + 6];
            *w = (uint32_t)d[i + 7] << 8 | d[i + 8];
            return true;
        }
        if (m == 0xD9 || m == 0xDA || seg < 2)
            return false;   /* the image data or its end before any frame header */
        i += 2 + seg;
    }
    return false;
}

typedef struct pixbuf_size {
    int w, h;
    bool too_large;
} pixbuf_size;

/* "size-prepared": the header is read, no pixel yet */
static void size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer user)
{
    pixbuf_size *s = user;
    s->w = w;
    s->h = h;
    if (w <= 0 || h <= 0 || !msp_image_size_ok((uint32_t)w, (uint32_t)h)) {
        s->too_large = true;
        gdk_pixbuf_loader_set_size(loader, 1, 1);   /* decode nothing big while it is closed */
    }
}

/* A GdkPixbuf's pixels (RGB or RGBA, 8 bits) as a premultiplied ARGB32 surface. */
static cairo_surface_t *surface_of_pixbuf(GdkPixbuf *pb)
{
    int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
    int n = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
    bool alpha = gdk_pixbuf_get_has_alpha(pb);
    const guchar *src = gdk_pixbuf_read_pixels(pb);
    cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        return s;
    cairo_surface_flush(s);
    unsigned char *dst = cairo_image_surface_get_data(s);
    int dstride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++) {
        const guchar *p = src + (size_t)y * (size_t)stride;
        uint32_t *q = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
        for (int x = 0; x < w; x++, p += n) {
            uint32_t a = alpha ? p[3] : 255;
            uint32_t r = p[0] * a / 255, g = p[1] * a / 255, b = p[2] * a / 255;
            q[x] = a << 24 | r << 16 | g << 8 | b;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

cairo_surface_t *msp_raster_decode(const unsigned char *data, size_t len, msp_image_type type, const char **why)
{
    *why = NULL;
    if (type == MSP_IMAGE_PNG) {
        if (len < 24 || memcmp(data + 12, "IHDR", 4) != 0) {
            *why = "not a PNG file";
            return NULL;
        }
        if (!msp_image_size_ok(be32(data + 16), be32(data + 20))) {
            *why = "too many pixels";
            return NULL;
        }
        png_reader r = { data, len };
        cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
        if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            *why = cairo_status_to_string(cairo_surface_status(s));
            cairo_surface_destroy(s);
            return NULL;
        }
        return s;
    }
    if (type != MSP_IMAGE_GIF && type != MSP_IMAGE_JPEG) {
        *why = "not a PNG, GIF, JPEG or SVG image";
        return NULL;
    }
    uint32_t hw = 0, hh = 0;
    if (!header_size(data, len, type, &hw, &hh)) {
        *why = "cannot be decoded (no image header)";
        return NULL;
    }
    if (!msp_image_size_ok(hw, hh)) {
        *why = "too many pixels";
        return NULL;
    }
    GError *err = NULL;
    GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_type(type == MSP_IMAGE_GIF ? "gif" : "jpeg", &err);
    if (!loader) {
        g_clear_error(&err);
        *why = type == MSP_IMAGE_GIF ? "this build cannot decode GIF (gdk-pixbuf's gif loader is missing)"
                                     : "this build cannot decode JPEG (gdk-pixbuf's jpeg loader is missing)";
        return NULL;
    }
    pixbuf_size size = { 0 };
    g_signal_connect(loader, "size-prepared", G_CALLBACK(size_prepared), &size);
    bool ok = true;
    for (size_t at = 0; at < len && ok && !size.too_large; at += CHUNK)
        ok = gdk_pixbuf_loader_write(loader, data + at, MIN(CHUNK, len - at), &err);
    bool closed = gdk_pixbuf_loader_close(loader, ok ? &err : NULL);
    cairo_surface_t *s = NULL;
    if (size.too_large) {
        *why = "too many pixels";
    } else if (!ok || !closed) {
        *why = "cannot be decoded";
    } else {
        /* a GIF's first frame; a JPEG's only one */
        GdkPixbuf *pb = gdk_pixbuf_loader_get_pixbuf(loader);
        if (!pb || gdk_pixbuf_get_bits_per_sample(pb) != 8 || gdk_pixbuf_get_n_channels(pb) < 3) {
            *why = "cannot be decoded";
        } else {
            s = surface_of_pixbuf(pb);
            if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
                *why = cairo_status_to_string(cairo_surface_status(s));
                cairo_surface_destroy(s);
                s = NULL;
            }
        }
    }
    g_clear_error(&err);
    g_object_unref(loader);
    return s;
}

GBytes *msp_data_uri_decode(const char *uri, const char **why)
{
    *why = NULL;
    if (g_ascii_strncasecmp(uri, "data:", 5) != 0) {
        *why = "not a data: URI";
        return NULL;
    }
    const char *comma = strchr(uri + 5, ',');
    if (!comma) {
        *why = "a data: URI needs a ',' before its data (RFC 2397)";
        return NULL;
    }
    /* the media type is not trusted: the bytes' signature decides */
    bool base64 = comma - uri >= 12 && g_ascii_strncasecmp(comma - 7, ";base64", 7) == 0;
    GBytes *raw = g_uri_unescape_bytes(comma + 1, -1, NULL, NULL);
    if (!raw) {
        *why = "the data: URI has a bad %-escape";
        return NULL;
    }
    if (!base64)
        return raw;
    gsize n = 0;
    const char *text = g_bytes_get_data(raw, &n);
    /* line breaks and spaces in the FO's attribute are not part of the data */
    char *clean = g_malloc(n + 1);
    gsize k = 0;
    for (gsize i = 0; i < n; i++) {
        char c = text[i];
        if (g_ascii_isalnum(c) || c == '+' || c == '/' || c == '=') {
            clean[k++] = c;
        } else if (!g_ascii_isspace(c)) {
            g_free(clean);
            g_bytes_unref(raw);
            *why = "the data: URI's base64 data holds a character base64 does not use";
            return NULL;
        }
    }
    clean[k] = 0;
    g_bytes_unref(raw);
    gsize len = 0;
    guchar *bytes = g_base64_decode(clean, &len);
    g_free(clean);
    return g_bytes_new_take(bytes, len);
}
