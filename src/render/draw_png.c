/* PNG previews: one page drawn by msp_draw_page onto an image surface at a
 * given resolution, white background, written through a temporary file.
 * The one surface render/ makes outside pdf.c (an image, never a PDF). */
#include "render/draw.h"
#include "render/outfile.h"

#include <math.h>

#define MAX_PIXELS_PER_SIDE 20000

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
    cst = cairo_surface_write_to_png_stream(surface, msp_outfile_write, &out);
    cairo_surface_destroy(surface);
    if (cst != CAIRO_STATUS_SUCCESS && !out.write_errno) {
        msp_outfile_discard(&out);
        return msp_diag_error(diags, MSP_E_OUTPUT, loc, NULL, "cannot write '%s': %s", path,
                              cairo_status_to_string(cst));
    }
    return msp_outfile_commit(diags, &out);
}
