/* The batch module's API for the CLI: build every paper of some folders or
 * files into one output folder, incrementally (content hashes), in
 * parallel, atomically, with index.json and index.html reports. */
#ifndef MSP_BATCH_H
#define MSP_BATCH_H

#include <stdbool.h>

typedef struct msp_batch_opts {
    const char *root;         /* borrowed: the project root (templates/, data/, fonts/) */
    const char *outdir;       /* borrowed: created if missing */
    int workers;              /* <= 0: the number of cores */
    bool draft;               /* build every paper as a draft */
    bool force;               /* rebuild even papers that are up to date */
    const char *report_json;  /* borrowed, may be NULL: another copy of index.json */
    bool quiet;               /* no progress output */
    int max_pages;            /* > 0: a paper with more pages fails (default 5000) */
    double max_seconds;       /* > 0: a paper taking longer fails; the batch goes on */
    const char *pdf_standard; /* borrowed --pdf-standard value (checked by the CLI), or NULL:
                                 the papers' default, ua-1,a-2a */
} msp_batch_opts;

/* Runs a batch over inputs (files or folders). Messages go to stderr.
 * Returns the process exit code: 0 every paper built or up to date, 1 some
 * failed (or the output folder is unusable), 2 usage error, 130 (SIGINT) or
 * 1 (SIGTERM) when interrupted; then finished papers are complete and
 * stamped, the rest are built by the next run. */
int msp_batch_run(const msp_batch_opts *opts, char **inputs, int n_inputs);

#endif
