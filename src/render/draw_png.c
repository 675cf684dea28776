/* PNG previews: one page drawn by msp_draw_page onto an image surface at a
 * given resolution, white background, written through a temporary file.
 * The one surface render/ makes outside pdf.c (an image, never a PDF).
 * Encoded with libpng directly: 8-bit RGB, or 8-bit grey when every pixel
 * is grey (most pages: a third of the bytes to filter and compress), the
 * "up" filter and fast zlib, about a tenth of the work of cairo's writer (all
 * filters tried per row, zlib level 6) for files of similar size on
 * black-on-white pages. */
#include "render/draw.h"
#include "render/outfile.h"

#include <math.h>
#include <png.h>
#include <stdint.h>
#include <zlib.h>

#define MAX_PIXELS_PER_SIDE 20000

static void png_write_cb(png_structp png, png_bytep data, png_size_t length)
{
    msp_outfile *out = png_get_io_ptr(png);
    while (length > 0) {
        unsigned int n = length > 0x40000000u ? 0x40000000u : (unsigned int)length;
        if (msp_outfile_write(out, data, n) != CAIRO_STATUS_SUCCESS)
            png_error(png, "write failed");
        data += n;
        length -= n;
    }
}

static void png_flush_cb(png_structp png)
{
    (void)png;
}

static void png_error_cb(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_longjmp(png, 1);
}

static void png_warning_cb(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* True when every pixel of the RGB24 image has equal red, green and blue. */
static bool all_grey(const unsigned char *pixels, int w, int h, int stride)
{
    for (int y = 0; y < h; y++) {
        const uint32_t *src = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t px = src[x];
            if (((px >> 16) & 0xff) != (px & 0xff) || ((px >> 8) & 0xff) != (px & 0xff))
                return false;
        }
    }
    return true;
}

/* Writes an RGB24 image surface; false on any libpng or write failure. */
static bool write_png(cairo_surface_t *surface, msp_outfile *out)
{
    cairo_surface_flush(surface);
    int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *pixels = cairo_image_surface_get_data(surface);
    bool grey = all_grey(pixels, w, h, stride);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, png_error_cb, png_warning_cb);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    unsigned char *volatile row = NULL;
    if (!info || setjmp(png_jmpbuf(png))) {
        g_free(row);
        png_destroy_write_struct(&png, &info);
        return false;
    }
    row = g_malloc((size_t)w * 3);
    png_set_write_fn(png, out, png_write_cb, png_flush_cb);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_compression_level(png, Z_BEST_SPEED);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const uint32_t *src = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
        unsigned char *d = row;
        if (grey) {
            for (int x = 0; x < w; x++)
                *d++ = (unsigned char)src[x];
        } else {
            for (int x = 0; x < w; x++) {
                uint32_t px = src[x];
                *d++ = (unsigned char)(px >> 16);
                *d++ = (unsigned char)(px >> 8);
                *d++ = (unsigned char)px;
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    g_free(row);
    return true;
}

msp_status msp_draw_png(msp_diag_list *diags, const msp_page *page, double dpi, const char *path)
{
    return msp_draw_png_opts(diags, page, dpi, path, NULL);
}

msp_status msp_draw_png_opts(msp_diag_list *diags, const msp_page *page, double dpi,
                             const char *path, const msp_draw_opts *opts)
{
    msp_loc loc = { path, 0, 0 };
    double scale = dpi / 72.0;
    double wpx = ceil(page->width * scale - 1e-6), hpx = ceil(page->height * scale - 1e-6);
    if (!(dpi > 0) || !(wpx >= 1) || !(hpx >= 1) || wpx > MAX_PIXELS_PER_SIDE ||
        hpx > MAX_PIXELS_PER_SIDE)
        return msp_diag_error(diags, MSP_E_OUTPUT, loc,
                              "choose a resolution that gives at most 20000 pixels a side",
                              "cannot draw page %d at %g dpi: image would be %.0f x %.0f pixels",
                              page->index + 1, dpi, wpx, hpx);

    msp_draw_opts defaults = { 0 };
    msp_draw_opts o = opts ? *opts : defaults;
    o.links = false;

    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)wpx, (int)hpx);
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    msp_draw_page(cr, page, &o);
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    if (cst == CAIRO_STATUS_SUCCESS)
        cst = cairo_surface_status(surface);
    if (cst != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return msp_diag_error(diags, MSP_E_OUTPUT, loc, NULL, "cannot draw page %d: %s",
                              page->index + 1, cairo_status_to_string(cst));
    }

    msp_outfile out;
    msp_status st = msp_outfile_open(diags, &out, path);
    if (st != MSP_OK) {
        cairo_surface_destroy(surface);
        return st;
    }
    out.no_sync = o.preview;
    bool ok = write_png(surface, &out);
    cairo_surface_destroy(surface);
    if (!ok && !out.write_errno) {
        msp_outfile_discard(&out);
        return msp_diag_error(diags, MSP_E_OUTPUT, loc, NULL, "cannot encode page %d of '%s' as PNG",
                              page->index + 1, path);
    }
    return msp_outfile_commit(diags, &out);
}
