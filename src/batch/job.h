/* Building ONE document end to end: load -> validate -> domain checks ->
 * XSLT -> FO tree -> layout -> PDF (plus optional area-tree dump and PNG
 * pages through the same page sink chain). The process context is shared
 * read-only between worker threads; each worker has its own Pango context. */
#ifndef MSP_BATCH_JOB_H
#define MSP_BATCH_JOB_H

#include "base/job.h"
#include "layout/layout_report.h"
#include "render/fonts.h"
#include "source/source.h"
#include "xslt/xslt.h"

#include <libxml/tree.h>
#include <pango/pango.h>

/* Shared, read-only once loaded. */
typedef struct msp_build_ctx {
    char *root;                      /* project root (templates/, data/, fonts/) */
    msp_source_schema *schema;       /* templates/paper.rng */
    msp_refdata *ref;                /* data/ */
    msp_xslt *xslt;                  /* templates/<kind>.xsl */
    msp_fonts *fonts;                /* fonts/ (NULL when loaded without fonts) */
} msp_build_ctx;

/* Loads everything from root. with_fonts false skips the fonts (check, fo).
 * Calls msp_xslt_global_init (must be before threads). Errors go to diags;
 * returns MSP_OK and *out (free with msp_build_ctx_free) or the first error. */
msp_status msp_build_ctx_load(msp_diag_list *diags, msp_build_ctx **out, const char *root, bool with_fonts);
void msp_build_ctx_free(msp_build_ctx *ctx);

/* Per worker thread. */
typedef struct msp_build_worker {
    PangoContext *pango;             /* owned */
} msp_build_worker;

void msp_build_worker_init(msp_build_worker *w, const msp_build_ctx *ctx);
void msp_build_worker_clear(msp_build_worker *w);

/* What papers conform to unless told otherwise: tagged, accessible, archival. */
#define MSP_PAPER_STANDARD "ua-1,a-2a"

typedef struct msp_build_opts {
    const char *out_path;            /* the PDF, or NULL: out_dir/<name rule of docs/cli.md> */
    const char *out_dir;             /* used when out_path is NULL (created); NULL = "out" */
    const char *area_tree_path;      /* or NULL */
    const char *layout_report_path;  /* the layout report file (docs/cli.md), or NULL */
    const char *png_dir;             /* one PNG per page, <stem>-<n>.png, or NULL */
    double png_dpi;                  /* 0 = 96 */
    bool draft;                      /* DRAFT watermark and stamp on the PDF and PNG pages; symbol optional */
    gint64 epoch;                    /* >= 0 forces the PDF dates; < 0: SOURCE_DATE_EPOCH, else the paper's
                                      * date (a draft stamp's time is SOURCE_DATE_EPOCH, else the clock) */
    bool png_first_only;             /* with png_dir: only page 1 (batch thumbnails) */
    const char *pdf_standard;        /* --pdf-standard (pdf_finish.h), or NULL: MSP_PAPER_STANDARD */
    const char *source_bytes;        /* the source itself instead of reading source_path (a review
                                        copy made in memory: build --changes-from), or NULL */
    size_t source_len;
    bool draw_thread;                /* pages drawn on a second thread while the next ones are laid
                                      * out (layout_opts.sink_thread): for one paper at a time; a
                                      * batch with a worker a core leaves it off */
} msp_build_opts;

typedef struct msp_build_result {
    msp_status status;
    int pages;
    char *title;                     /* owned, or NULL */
    char *symbol;                    /* owned: symbol as given, or NULL */
    char *language;                  /* owned, or NULL */
    char *kind;                      /* owned, or NULL */
    char *source_hash;               /* owned: SHA-256 of the source bytes, or NULL */
    char *out_path;                  /* owned: the PDF written (or that would have been) */
    msp_layout_counts layout;        /* loose, overfull and hyphenated lines (0 unless laid out) */
} msp_build_result;

void msp_build_result_clear(msp_build_result *r);

/* Load, schema validation and every domain check (both run even if the
 * schema fails, so all problems are reported). Returns MSP_OK, or the first
 * error's status; diagnostics in job->diags. *src_out (may be NULL) gets
 * the loaded source on success (caller frees), info (may be NULL) the
 * metadata (caller clears). */
msp_status msp_build_check(msp_job *job, const msp_build_ctx *ctx, const char *source_path, bool draft,
                           msp_source **src_out, msp_source_info *info);

/* msp_build_check then the transform: *fo_out (caller frees, xmlFreeDoc). */
msp_status msp_build_fo(msp_job *job, const msp_build_ctx *ctx, const char *source_path, bool draft,
                        xmlDoc **fo_out, msp_source_info *info);

/* Everything: writes opts->out_path (through a temporary file: on any error
 * no PDF, area tree, layout report or partial output is left). result (may
 * be NULL) gets pages, title, symbol, language and the layout counts.
 * Diagnostics in job->diags. */
msp_status msp_build(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, const char *source_path,
                     const msp_build_opts *opts, msp_build_result *result);

/* The default output path: out_dir/ + msp_symbol_output_name (symbol with
 * '/' -> '_', stars dropped, ".pdf"; without a symbol the source's name).
 * info may be NULL or without symbol. Owned by the caller. */
char *msp_build_output_path(const msp_source_info *info, const char *source_path, const char *out_dir);

#endif
