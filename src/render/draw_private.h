/* Inside render/: the draft marks' drawing (draw_marks.c) for draw.c. */
#ifndef MSP_DRAW_PRIVATE_H
#define MSP_DRAW_PRIVATE_H

#include "render/draw.h"

bool msp_draw_marks_has_watermark(const msp_draw_marks *m);
bool msp_draw_marks_has_stamp(const msp_draw_marks *m);
/* The watermark centred on the page, scaled to it; the stamp centred near
 * its bottom edge. Nothing without the mark. */
void msp_draw_marks_watermark(cairo_t *cr, const msp_draw_marks *m, const msp_page *page);
void msp_draw_marks_stamp(cairo_t *cr, const msp_draw_marks *m, const msp_page *page);

#endif
