/* Drawing: replays one page's area tree onto a cairo context (PDF or image
 * surface alike, so PNG previews show what the PDF holds). Never lays out. */
#ifndef MSP_DRAW_H
#define MSP_DRAW_H

#include "layout/area.h"

#include <cairo.h>

typedef struct msp_struct msp_struct;

typedef struct msp_draw_opts {
    bool links;               /* emit cairo link tags (PDF only) */
    bool draft;               /* diagonal DRAFT watermark */
    const char *draft_stamp;  /* footer stamp text, or NULL */
    PangoContext *pango;      /* borrowed, may be NULL: the worker's context, for the
                               * watermark and stamp (else taken from a LINE's layout;
                               * with neither, a page without text gets no watermark) */
    msp_struct *tags;         /* borrowed, may be NULL: tagged PDF (render/pdf_struct.h) marks
                               * every drawn thing as structure content or artifact */
} msp_draw_opts;

void msp_draw_page(cairo_t *cr, const msp_page *page, const msp_draw_opts *opts);

/* Writes page as a PNG at dpi to path (through a temporary file). */
msp_status msp_draw_png(msp_diag_list *diags, const msp_page *page, double dpi, const char *path);
/* The same with drawing options (opts NULL: no links, no draft marks). Returns
 * MSP_OK, or MSP_E_OUTPUT (path and reason in diags; no file left at path or
 * in its folder) when the folder is not writable, a write fails, or the
 * image would be larger than 20000 pixels a side. */
msp_status msp_draw_png_opts(msp_diag_list *diags, const msp_page *page, double dpi,
                             const char *path, const msp_draw_opts *opts);

#endif
