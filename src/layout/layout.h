/* Layout entry point: FO tree in, pages out through a sink, one page at a
 * time (pages are freed as soon as the sink returns; memory does not grow
 * with the page count). Forward page-number citations are resolved by a
 * first pass that only counts pages, run again while a number's width
 * changes the layout. */
#ifndef MSP_LAYOUT_H
#define MSP_LAYOUT_H

#include "fo/fo.h"
#include "layout/area.h"
#include "layout/check_text.h"
#include "layout/layout_report.h"

#include <pango/pango.h>

typedef struct msp_layout_opts {
    PangoContext *pango;         /* borrowed: the worker's context on its own font map */
    msp_page_sink_fn sink;       /* receives each finished page */
    void *sink_user;
    bool sink_thread;            /* the sink runs on a thread of its own (page_queue.c), drawing
                                  * a page while the next is laid out: it must then read only
                                  * the page and the FO tree, call no Pango function that lays
                                  * out or reads fonts (render/draw.c does not), and report
                                  * only into the diags it is given */
    bool draft;                  /* reserved for the draft watermark (drawn by render) */
    bool font_fallback;          /* a family no declared font has is set in serif with a
                                  * warning (mspdoc render: FO made anywhere) instead of an
                                  * error (papers: declared fonts only) */
    msp_layout_report *report;   /* borrowed, may be NULL: every page sent to the sink is
                                  * added to it first (msp_layout_report_add_page), so it
                                  * holds the document's loose, overfull and hyphenated lines */
    msp_check_text *check;       /* borrowed, may be NULL: the text accounting of the pass whose
                                  * pages reach the sink (check_text.h); call
                                  * msp_check_text_finish after msp_layout_run */
} msp_layout_opts;

/* Bookmarks collected from fo:bookmark-tree, for the PDF outline. */
typedef struct msp_bookmark {
    const char *title;           /* arena */
    const char *dest;            /* internal-destination id, or NULL */
    const char *uri;             /* external-destination, or NULL */
    int parent;                  /* index into the array, -1 for top level */
    bool open;                   /* starting-state show */
    msp_loc loc;                 /* the fo:bookmark, for messages */
} msp_bookmark;

typedef struct msp_layout_result {
    int pages;                   /* pages emitted */
    const char *title;           /* fo:title text of the first page-sequence, or NULL (arena) */
    const char *language;        /* language of the first page-sequence, or NULL */
    msp_bookmark *bookmarks;     /* arena array */
    int n_bookmarks;
} msp_layout_result;

/* Lays out every page-sequence of doc. Diagnostics go to job->diags.
 * Returns MSP_OK, or the first error status (then some pages may have been
 * sent to the sink already: the caller discards its output). */
msp_status msp_layout_run(msp_job *job, const msp_fo_doc *doc, const msp_layout_opts *opts,
                          msp_layout_result *out);

#endif
