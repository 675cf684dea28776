/* Graphics: mspdoc's own in fo:instream-foreign-object
 * (docs/fo-extensions.md: QR codes from libqrencode and Code 39 barcodes,
 * turned into filled rectangles; graphic.c), SVG, inline or in a file
 * (librsvg, drawn into a cairo recording surface; svg.c), raster images
 * from bytes and data: URIs (raster.c), and the box every image and SVG
 * graphic shares (content size and frame; graphic_frame.c).
 * Module-internal to layout/; the para builder sizes an mspdoc graphic with
 * msp_graphic_build and places it with msp_graphic_emit, and places an SVG
 * like an image. */
#ifndef MSP_GRAPHIC_H
#define MSP_GRAPHIC_H

#include "fo/fo.h"
#include "layout/area.h"

#include <cairo.h>
#include <glib.h>
#include <stdint.h>
#include <pango/pango.h>

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

/* The size a graphic of intrinsic size iw x ih (pt, both > 0) is drawn at,
 * from s's content-width, content-height (a length, or a percentage of the
 * intrinsic size; scale-to-fit and its kin are 100%) and scaling (uniform
 * keeps the aspect ratio: one given side scales the other, two given sides
 * give the largest size inside both). */
void msp_graphic_fit(const msp_fo_style *s, double iw, double ih, double *w, double *h);

/* The frame of an image or SVG graphic drawn at *w x *h (pt) into *surface
 * (an image, or a recording drawn unscaled; XSL 1.1 6.6.5, 6.6.6): its
 * viewport (width and height as absolute lengths, which ipd and bpd set;
 * else the content's size; percentages are left to the content size), the
 * content placed in it by text-align (start, center, end) and display-align
 * (before, center, after) and clipped to it; padding, border (solid,
 * dashed, dotted, double) and background-color (under padding and
 * content) around it. When any of them changes anything, *surface is
 * replaced by a recording of the border box and *w, *h become its size. */
void msp_graphic_frame(const msp_fo_style *s, cairo_surface_t **surface, double *w, double *h);

/* True for the graphics msp_graphic_frame draws the frame of: every
 * fo:external-graphic and an SVG fo:instream-foreign-object (not an mspdoc
 * graphic, drawn as rectangles). */
bool msp_graphic_framed(const msp_fo_node *node);

/* SVG limits: the text (an inline SVG's serialisation, or the file), the
 * intrinsic and the drawn size. librsvg adds its own (libxml2's safety
 * limits, at most 1 million elements loaded and 500000 referenced). */
#define MSP_SVG_MAX_BYTES (4u << 20)
#define MSP_SVG_MAX_SIDE 14400.0            /* pt: PDF's largest page side */
#define MSP_SVG_MAX_AREA 16e6               /* pt^2 drawn (4000 pt x 4000 pt) */

/* Parses the SVG document data (len bytes) with librsvg and draws it at the
 * size msp_graphic_fit gives node's style into a new recording surface of
 * exactly that size (*out, a new reference; *w, *h in pt). base_file bounds
 * what the SVG may load (librsvg's rule: files in its folder or below,
 * symbolic links resolved); NULL allows data: URIs only. Intrinsic size:
 * width and height in absolute units; a percentage side (the default 100%)
 * from the viewBox (user units as CSS px, 1/96 in). what names the graphic
 * in messages. Errors (MSP_E_FO at node->loc, with a hint): librsvg refuses
 * the document, no or zero size, past the limits above. Parsed documents
 * are cached on ctx (one worker's Pango context). */
msp_status msp_svg_load(msp_job *job, PangoContext *ctx, const msp_fo_node *node, const char *what,
                        const char *data, size_t len, const char *base_file, cairo_surface_t **out,
                        double *w, double *h);

/* msp_svg_load of an fo:instream-foreign-object's SVG (attrs "svg", see
 * fo.h), with no base: only data: URIs load. */
msp_status msp_svg_instream(msp_job *job, PangoContext *ctx, const msp_fo_node *node, cairo_surface_t **out,
                            double *w, double *h);

/* Raster images (raster.c): the format of some bytes by their signature;
 * SVG only when svg_named (a file named *.svg, or a data: URI) and the text
 * starts with '<' (after a byte order mark and white space). */
typedef enum msp_image_type {
    MSP_IMAGE_UNKNOWN = 0, MSP_IMAGE_PNG, MSP_IMAGE_GIF, MSP_IMAGE_JPEG, MSP_IMAGE_SVG
} msp_image_type;
msp_image_type msp_image_sniff(const unsigned char *b, size_t n, bool svg_named);

/* Pixel caps of a raster image, checked from its header before decoding. */
#define MSP_IMAGE_MAX_SIDE 20000u
#define MSP_IMAGE_MAX_PIXELS 40000000u   /* 160 MB decoded */
bool msp_image_size_ok(uint32_t w, uint32_t h);

/* Decodes a PNG (cairo), GIF (its first frame) or JPEG (gdk-pixbuf's gif
 * and jpeg loaders) into a new image surface, or returns NULL with *why (a
 * static message: not such an image, too many pixels, cannot be decoded). */
cairo_surface_t *msp_raster_decode(const unsigned char *data, size_t len, msp_image_type type, const char **why);

/* The bytes of a data: URI (RFC 2397: data:[type][;base64],data; %-escapes
 * decoded, white space in base64 ignored; the media type is not trusted),
 * or NULL with *why (static). */
GBytes *msp_data_uri_decode(const char *uri, const char **why);

/* True when an fo:instream-foreign-object holds SVG (not an mspdoc graphic). */
bool msp_graphic_is_svg(const msp_fo_node *node);

#endif
