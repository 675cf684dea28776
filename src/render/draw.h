/* Drawing: replays one page's area tree onto a cairo context (PDF or image
 * surface alike, so PNG previews show what the PDF holds). Never lays out. */
#ifndef MSP_DRAW_H
#define MSP_DRAW_H

#include "layout/area.h"

#include <cairo.h>

typedef struct msp_struct msp_struct;

/* The draft marks laid out once (draw_marks.c): made on the thread that owns
 * the Pango context, then drawn on any (no Pango call when drawing). */
typedef struct msp_draw_marks msp_draw_marks;

/* The marks for ctx: the DRAFT watermark when draft, the stamp when stamp
 * is neither NULL nor empty (none of them without ctx). Never NULL. */
msp_draw_marks *msp_draw_marks_new(PangoContext *ctx, bool draft, const char *stamp);
void msp_draw_marks_free(msp_draw_marks *marks);

typedef struct msp_draw_opts {
    bool links;               /* emit cairo link tags (PDF only) */
    bool draft;               /* diagonal DRAFT watermark */
    const char *draft_stamp;  /* footer stamp text, or NULL */
    const msp_draw_marks *marks;  /* borrowed, may be NULL: the marks laid out already (needed
                               * when drawing runs on another thread than layout); without
                               * them they are laid out for each page from pango */
    PangoContext *pango;      /* borrowed, may be NULL: the worker's context, for the
                               * watermark and stamp without marks (else taken from a LINE's
                               * layout; with neither, a page without text gets no watermark) */
    msp_struct *tags;         /* borrowed, may be NULL: tagged PDF (render/pdf_struct.h) marks
                               * every drawn thing as structure content or artifact */
    bool preview;             /* msp_draw_png_opts: the file is a preview made again with its
                               * document (batch thumbnails): written without fsync */
} msp_draw_opts;

/* Draws page; with opts->draft the DRAFT watermark (under everything) and
 * with opts->draft_stamp the stamp (centred near the bottom edge): the one
 * place the draft marks are drawn, for the PDF, PNG pages and thumbnails.
 * With opts->marks (or no draft marks) it calls no Pango function that
 * reads fonts or lays out: it may run on a thread of its own while layout
 * goes on with the pages after (layout/page_queue.c). */
void msp_draw_page(cairo_t *cr, const msp_page *page, const msp_draw_opts *opts);

/* The draft stamp's text: "Draft built 2026-12-03 14:05 UTC, source
 * 1a2b3c4d5e6f", built (seconds since 1970) in UTC to the minute, then the
 * first 12 hex digits of the source's SHA-256 (the part left out when
 * source_sha256 is NULL or empty). Owned by the caller. */
char *msp_draw_stamp_text(gint64 built, const char *source_sha256);

/* Writes page as a PNG at dpi to path (through a temporary file). */
msp_status msp_draw_png(msp_diag_list *diags, const msp_page *page, double dpi, const char *path);
/* The same with drawing options (opts NULL: no links, no draft marks). Returns
 * MSP_OK, or MSP_E_OUTPUT (path and reason in diags; no file left at path or
 * in its folder) when the folder is not writable, a write fails, or the
 * image would be larger than 20000 pixels a side. */
msp_status msp_draw_png_opts(msp_diag_list *diags, const msp_page *page, double dpi,
                             const char *path, const msp_draw_opts *opts);

#endif
