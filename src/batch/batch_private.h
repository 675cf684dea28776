/* Shared inside src/batch/ only: one paper's record through a batch run,
 * and the internal interfaces of plan.c (find sources), stamp.c (content
 * hashes and per-output state), report.c (index.json, index.html) and
 * workers.c (thread pool, signals, progress). */
#ifndef MSP_BATCH_PRIVATE_H
#define MSP_BATCH_PRIVATE_H

#include "base/diag.h"
#include "batch/batch.h"
#include "layout/layout_report.h"
#include "source/versions.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#define MSP_BATCH_STATE_DIR ".mspdoc-state"
#define MSP_BATCH_THUMB_DIR "thumbs"

typedef enum msp_paper_status {
    MSP_PAPER_PENDING,     /* to build */
    MSP_PAPER_BUILT,
    MSP_PAPER_UP_TO_DATE,
    MSP_PAPER_FAILED,
    MSP_PAPER_CANCELLED    /* not built: the batch was interrupted */
} msp_paper_status;

/* One source and what became of it. Owned by the batch's GPtrArray. */
typedef struct msp_paper {
    char *source;          /* path as found (input folder + relative path) */
    char *output_name;     /* file name in OUTDIR ("APLC_MSP.22_2025_22.pdf") */
    char *symbol;          /* as written in the source, stars included; NULL if none */
    char *kind;            /* the root's kind attribute (picks templates/<kind>.xsl); NULL if none */
    msp_loc symbol_loc;    /* where (file = source) */
    bool draft;            /* --draft, or <draft/> in the source */
    bool check_only;       /* refused already (symbol claimed twice): run the checks
                            * for a complete report, make no PDF */
    char *source_sha256;   /* hex; NULL when unreadable */
    char *key;             /* stamp key: source, templates, data, fonts, version, options */
    msp_paper_status status;
    char *title, *language;
    int pages;
    msp_layout_counts layout;  /* loose, overfull and hyphenated lines of the PDF (pages,
                                * lines and unlisted are not kept in stamps) */
    double seconds;
    char *pdf_sha256;      /* of the finished PDF */
    char *pdf_identity;    /* its msp_stamp_file_identity when hashed */
    bool has_thumb;        /* OUTDIR/thumbs/<name>.png written */
    msp_diag_list diags;   /* plan and build messages; file names interned */
    msp_versions_summary *versions;  /* owned: the source's structure, from the plan until
                                      * the cross-language check; NULL after (or unreadable) */
    msp_diag_list version_diags;     /* the cross-language check's messages: made again by
                                      * every run, so never kept in stamps */
    gint64 pdf_date;       /* unix seconds its PDF was built (history.c); -1: unknown */
    char *last_good;       /* failed: the PDF an earlier run built from this source, still in
                            * OUTDIR untouched (file name), or NULL (history.c) */
    gint64 last_good_date; /* when that PDF was built; -1: unknown */
} msp_paper;

msp_paper *msp_paper_new(const char *source);
void msp_paper_free(msp_paper *paper);
const char *msp_paper_status_name(msp_paper_status status);
/* "<output_name without .pdf>.png"; owned by the caller. */
char *msp_paper_thumb_name(const msp_paper *paper);

/* --- plan.c ----------------------------------------------------------- */

/* Finds the sources named by inputs (files, or folders searched
 * recursively for *.xml whose root element is in MSP_PAPER_NS; other XML is
 * skipped, XML that cannot be read or parsed is kept as a failed paper) and
 * appends an msp_paper per source to papers, sorted by path, with its
 * symbol, output name and <draft/> mark. Two sources claiming one symbol
 * (or one output name) both fail, each naming the other's location.
 * An input that does not exist is a usage error: recorded in usage, and
 * MSP_E_USAGE returned. */
msp_status msp_plan_find(GPtrArray *papers, msp_diag_list *usage, char **inputs, int n_inputs);

/* The cross-language check (source/versions.h), once per symbol, over the
 * papers still PENDING and not refused already: the versions of a symbol
 * must agree. Messages go to each paper's version_diags (warnings when draft
 * or a version is marked <draft/>); a paper with an error there becomes
 * check_only (its own checks run, no PDF). Frees every paper's summary.
 * Returns how many symbols have versions that disagree (errors only). */
int msp_plan_check_versions(GPtrArray *papers, bool draft);

/* --- stamp.c ---------------------------------------------------------- */

/* Removes a folder and the files in it (one level: a build's PNG work
 * folder); true when it is gone. */
bool msp_stamp_remove_dir(const char *dir);
/* "size mtime-ns ctime-ns inode" of a regular file (owned), or NULL. A
 * stamp keeps it for the PDF it describes, so an unchanged output is
 * recognised without reading it again: the PDF is mspdoc's own output,
 * renamed into place whole, and its bytes are hashed again whenever any of
 * these differ. */
char *msp_stamp_file_identity(const char *path);
/* SHA-256 of a folder tree: every regular file's relative path and bytes,
 * in sorted order; names in skip (relative paths, may be NULL) are left
 * out. A missing folder hashes as empty. Owned hex. */
char *msp_stamp_tree_digest(const char *dir, const char *const *skip);
/* strcmp on two (char *const *): for sorting arrays of paths. */
int msp_stamp_compare_paths(const void *a, const void *b);
/* The build key of a paper: SHA-256 over its source hash, the dependency
 * digest (templates, data, fonts, program) and the options that change the
 * output (draft, SOURCE_DATE_EPOCH). Owned hex. */
char *msp_stamp_key(const char *source_sha256, const char *deps_digest, bool draft,
                    const char *source_date_epoch);

/* True when OUTDIR/.mspdoc-state/<output>.stamp holds paper->key and the
 * PDF it names exists with the recorded hash; then title, language, pages,
 * the layout counts, seconds, pdf_sha256, has_thumb and the recorded
 * warnings are loaded into paper. */
bool msp_stamp_is_current(const char *outdir, msp_paper *paper);
/* Writes the stamp of a built paper atomically (temporary + rename).
 * MSP_E_OUTPUT into paper->diags on failure. */
msp_status msp_stamp_write(const char *outdir, msp_paper *paper);
/* Removes a paper's stamp (after a failure, so the next run retries). */
void msp_stamp_remove(const char *outdir, const msp_paper *paper);
/* Removes temporaries ("."NAME".XXXXXX.tmp") left in OUTDIR, its thumbs
 * folder and its state folder by an interrupted run. Returns how many. */
int msp_stamp_clean_temporaries(const char *outdir);

/* --- digests.c ------------------------------------------------------- */

typedef struct msp_digest_cache msp_digest_cache;
/* Loads OUTDIR/.mspdoc-state/digests (missing or unreadable: empty). */
msp_digest_cache *msp_digest_cache_open(const char *outdir);
/* SHA-256 (hex, owned) of the file at path: from the cache when the file's
 * device, inode, size and times match an entry, else read and hashed (and
 * recorded unless changed within 2 s). c may be NULL (always hashes).
 * NULL with errno set when the file cannot be read. Thread-safe. */
char *msp_digest_cache_file(msp_digest_cache *c, const char *path);
/* Writes the cache back when it changed (atomically; errors ignored: the
 * next run hashes again). Call only once the batch holds OUTDIR's lock and
 * has refused planted links. */
void msp_digest_cache_save(msp_digest_cache *c);
void msp_digest_cache_free(msp_digest_cache *c);

/* --- report.c, report_json.c, report_html.c ------------------------- */

/* What identifies a run in its report (report_run.c). */
typedef struct msp_report_run {
    gint64 date;              /* unix seconds: SOURCE_DATE_EPOCH when set, else the time */
    const char *version;      /* MSP_VERSION */
    const char *commit;       /* mspdoc's git commit ("-dirty" when built from changed
                               * files), or "unknown" */
    double seconds;           /* wall time of the run */
    const char *outdir;       /* where the report goes: its links to sources are relative
                               * to it; NULL: the current folder */
} msp_report_run;

/* SOURCE_DATE_EPOCH when it is a number >= 0, else -1. */
gint64 msp_report_source_date_epoch(void);
/* The run's date, version and commit; seconds and outdir as given. */
msp_report_run msp_report_run_now(double seconds, const char *outdir);

/* Appends s to out as a JSON string literal (quotes included); invalid
 * UTF-8 bytes become U+FFFD. */
void msp_report_json_string(GString *out, const char *s);
/* Appends s with &, <, >, " and ' escaped for HTML text and attributes. */
void msp_report_html_text(GString *out, const char *s);
/* The whole report as JSON / as an HTML page. Owned. */
GString *msp_report_json(GPtrArray *papers, const char *title, const msp_report_run *run);
GString *msp_report_html(GPtrArray *papers, const char *title, const msp_report_run *run);
/* Updates the last good builds (msp_history_update), then writes index.json
 * and index.html into outdir (and the JSON also to extra_json when not
 * NULL), each atomically. Errors into diags. */
msp_status msp_report_write(msp_diag_list *diags, GPtrArray *papers, const char *outdir,
                            const char *extra_json, double seconds);

/* --- history.c -------------------------------------------------------- */

/* The record of each source's last good PDF, OUTDIR/.mspdoc-state/last-good.
 * Sets pdf_date of the built and up-to-date papers (a PDF built this run:
 * its file's modification time; an up-to-date one: the date recorded with
 * the same PDF bytes, else its file's modification time), and last_good and
 * last_good_date of the failed papers whose earlier PDF is still in OUTDIR
 * (the recorded date when the file has the recorded SHA-256, else its
 * modification time). Dates are never later than SOURCE_DATE_EPOCH when
 * that is set. Then records the built and up-to-date papers, forgetting
 * PDFs that are gone. A record that cannot be written is a warning in diags. */
void msp_history_update(msp_diag_list *diags, const char *outdir, GPtrArray *papers);

/* --- workers.c -------------------------------------------------------- */

/* A paper's cancellation: the main thread requests it on a signal; the
 * builder attaches its job's flag (msp_job.cancelled) while it runs, so the
 * request reaches the job whenever it comes. */
typedef struct msp_batch_cancel {
    GMutex lock;
    volatile int requested;
    volatile int *job_flag;     /* attached, or NULL */
} msp_batch_cancel;

void msp_batch_cancel_request(msp_batch_cancel *c);
/* Points the request at flag (NULL detaches); sets it at once if requested. */
void msp_batch_cancel_attach(msp_batch_cancel *c, volatile int *flag);

/* How one paper is built; called on a worker thread with that worker's
 * context. Must honour cancel (stop soon, leave no output file), record
 * diagnostics in paper->diags, and fill title, language, pages, layout,
 * pdf_sha256 and has_thumb. Returns MSP_OK when the PDF is in place. */
typedef msp_status (*msp_batch_build_fn)(void *shared, void *worker, msp_paper *paper,
                                         msp_batch_cancel *cancel);
typedef struct msp_batch_builder {
    void *shared;                           /* read-only across threads */
    const char *deps_digest;                /* hex: templates, data, fonts, program */
    void *(*worker_new)(void *shared);      /* one per thread (Pango context...) */
    void (*worker_free)(void *worker);
    msp_batch_build_fn build;
    msp_digest_cache *digests;              /* owned; may be NULL; saved once locked */
    /* the digest of the stylesheet files a kind's papers use (NULL: none
     * kept per kind); called on the main thread; borrowed */
    const char *(*kind_digest)(void *shared, const char *kind);
} msp_batch_builder;

/* Called on the main thread after each paper finishes (built or failed). */
typedef void (*msp_batch_done_fn)(void *user, msp_paper *paper);

typedef struct msp_workers_opts {
    int threads;            /* >= 1 */
    FILE *progress;         /* NULL: silent */
    bool tty;               /* one updating line instead of plain lines */
    msp_batch_done_fn done;
    void *done_user;
} msp_workers_opts;

/* Builds every PENDING paper of papers on opts->threads workers; progress
 * lines name a paper "SYMBOL (LANG)", else by its source's path (without a
 * terminal, first a line for each paper up to date or failed already). On SIGINT
 * or SIGTERM no new paper is started, running ones are cancelled, and the
 * signal number is returned (papers not built are marked CANCELLED);
 * otherwise 0. Installs its signal handlers for the duration of the call. */
int msp_workers_run(const msp_batch_builder *builder, GPtrArray *papers, const msp_workers_opts *opts);

/* --- batch.c ---------------------------------------------------------- */

/* Everything after planning: keys, up-to-date checks (unless force), the
 * builds, stamps, the reports, messages on err; papers already FAILED by
 * the plan are reported as they are. Locks OUTDIR against a second batch
 * and removes temporaries an interrupted run left. Returns the exit code. */
int msp_batch_run_papers(const msp_batch_opts *opts, GPtrArray *papers, const msp_batch_builder *builder,
                         FILE *err);

/* --- build.c ---------------------------------------------------------- */

/* The real builder, on batch/job.h: compiled templates, reference data and
 * fonts loaded once (errors into diags; NULL on failure); PDFs and first-page
 * thumbnails go to outdir. */
msp_batch_builder *msp_batch_builder_open(msp_diag_list *diags, const char *root, const char *outdir);
void msp_batch_builder_close(msp_batch_builder *builder);

#endif
