/* Vector graphics of fo:instream-foreign-object (docs/fo-extensions.md):
 * QR codes (libqrencode) and Code 39 barcodes, turned into filled
 * rectangles. Module-internal to layout/; the para builder sizes the object
 * with msp_graphic_build and places it with msp_graphic_emit. */
#ifndef MSP_GRAPHIC_H
#define MSP_GRAPHIC_H

#include "fo/fo.h"
#include "layout/area.h"

#include <glib.h>

/* Code 39 limits: ratio of a wide element to a narrow one (ISO/IEC 16388). */
#define MSP_CODE39_MIN_RATIO 2.0
#define MSP_CODE39_MAX_RATIO 3.0

/* A graphic ready to place: its box and its dark rectangles relative to the
 * box's top-left corner, in pt. The box holds the dark modules only: quiet
 * zones are outside it (the FO must keep them clear). */
typedef struct msp_graphic {
    double w, h;
    GArray *rects;     /* of msp_rect, owned (msp_graphic_clear) */
    int modules;       /* QR: modules per side; Code 39: narrow-module units of the width */
} msp_graphic;

/* Builds the graphic described by an fo:instream-foreign-object's attrs
 * ("graphic" = qr | code39, data, module, level, height, wide-ratio; lengths
 * in XSL units against the node's font size). node is borrowed. job may be
 * NULL: then nothing is recorded (layout re-builds an already checked node).
 * Errors (MSP_E_FO at node->loc): unknown graphic, missing or empty data,
 * bad or out-of-range lengths, level or ratio, a character Code 39 cannot
 * encode, data too long for a QR code. On error out is empty. Free with
 * msp_graphic_clear. */
msp_status msp_graphic_build(msp_job *job, msp_graphic *out, const msp_fo_node *node);

/* Frees the rectangles; the graphic is empty after. Safe to call twice. */
void msp_graphic_clear(msp_graphic *g);

/* Adds one MSP_AREA_RECT per rectangle of g to page, offset to (x, y) (the
 * box's top-left), filled with color (0xRRGGBB). */
void msp_graphic_emit(const msp_graphic *g, msp_page *page, msp_zone zone, double x, double y,
                      uint32_t color, const msp_fo_node *src);

/* Code 39 element widths of data (start and stop '*' included by the
 * caller): for each character 9 elements (bar, space, ... bar) in narrow
 * units (1 or ratio), then a 1-unit gap except after the last. Appends
 * doubles to widths (bar first, alternating). Returns -1 on success, else
 * the byte index of the first character Code 39 cannot encode. */
int msp_graphic_code39_widths(GArray *widths, const char *data, double ratio);

/* Turns a bitmap (width x height cells, row-major, nonzero = dark) into
 * rectangles of `module` pt: one per horizontal run of dark cells in a row.
 * Appends msp_rect to rects. */
void msp_graphic_runs(GArray *rects, const unsigned char *cells, int width, int height, double module);

#endif
