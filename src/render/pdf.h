/* PDF output: the file's lifecycle (a temporary file in the output folder,
 * renamed on success, removed on failure), page drawing through draw.c,
 * metadata (title, subject, author, keywords, creator, dates from
 * SOURCE_DATE_EPOCH for reproducible files), outline and links, and the
 * standard it conforms to (PDF/UA-1, PDF/A-2: pdf_finish.h).
 * Only this module creates, finishes and destroys cairo surfaces. */
#ifndef MSP_PDF_H
#define MSP_PDF_H

#include "base/job.h"
#include "layout/area.h"
#include "layout/layout.h"
#include "render/draw.h"
#include "render/pdf_finish.h"

typedef struct msp_pdf msp_pdf;

typedef struct msp_pdf_meta {
    const char *title, *subject, *author, *keywords, *language;
    gint64 epoch;         /* creation/modification date, seconds since 1970; < 0: SOURCE_DATE_EPOCH, else now */
    bool draft;           /* diagonal DRAFT watermark on every page */
    const char *draft_stamp; /* footer stamp for drafts (msp_draw_stamp_text), or NULL */
    PangoContext *pango;  /* borrowed (referenced until close), may be NULL: the worker's
                           * context, for the watermark and stamp text */
    msp_pdf_standard standard;  /* what the file conforms to ({0}: an untagged valid PDF) */
    /* where the FO could say what the PDF lacks, for the warnings: fo:root (its
     * language) and the first fo:page-sequence (its fo:title); {0}: the PDF's path */
    msp_loc language_loc, title_loc;
} msp_pdf_meta;

/* Sets meta's language_loc and title_loc from the FO: its fo:root and its
 * first fo:page-sequence. */
void msp_pdf_meta_locate(msp_pdf_meta *meta, const msp_fo_doc *doc);

/* Seconds since 1970: epoch when >= 0, else SOURCE_DATE_EPOCH (a warning in
 * job's diagnostics when it is set but not a number of seconds), else now.
 * What the PDF dates are made of, and a draft stamp's build time. */
gint64 msp_pdf_resolve_epoch(msp_job *job, gint64 epoch);

/* Opens out_path's temporary sibling for writing. Error MSP_E_OUTPUT (with
 * the path and the system's reason) if the folder is not writable. */
msp_status msp_pdf_open(msp_job *job, msp_pdf **out, const char *out_path, const msp_pdf_meta *meta);
/* The draft marks the PDF draws (laid out at open), for other drawings of
 * the same pages (PNG pages, thumbnails). Borrowed. */
const msp_draw_marks *msp_pdf_marks(const msp_pdf *pdf);
/* A page sink (msp_page_sink_fn) that draws one page. user = msp_pdf*.
 * Thread-safe against layout (it may run as layout_opts.sink_thread). */
msp_status msp_pdf_sink(void *user, const msp_page *page, msp_diag_list *diags);
/* Adds the outline, finishes the surface, checks its status, renames the
 * temporary file to out_path. Frees pdf in every case. */
msp_status msp_pdf_close(msp_pdf *pdf, const msp_layout_result *result);
/* Abandons the file: the temporary is removed, out_path untouched. Frees pdf. NULL allowed. */
void msp_pdf_abort(msp_pdf *pdf);

#endif
