/* Shaped glyphs onto cairo without Pango's renderer (see glyphs.c: drawing
 * may run on a thread of its own, and touches no Pango state). */
#ifndef MSP_GLYPHS_H
#define MSP_GLYPHS_H

#include <cairo.h>
#include <pango/pango.h>

/* Draws gi (glyph positions from its geometry, x/y offsets included) with
 * its left end at x on baseline y, in font (the scaled font of gi's font,
 * taken on the thread that shaped it) and the current source; text is what
 * gi->item's offsets index. The text goes with the glyphs (clusters), so a
 * PDF holds it. Empty glyphs are skipped, unknown ones drawn as boxes. */
void msp_show_glyph_item(cairo_t *cr, cairo_scaled_font_t *font, const char *text, PangoGlyphItem *gi,
                         double x, double y);

#endif
