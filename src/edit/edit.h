/* In-place edits of paper sources: the file's own text is spliced (never
 * re-serialised), so its formatting and comments stay as written; libxml2
 * is used only to find where the metadata elements are. */
#ifndef MSP_EDIT_H
#define MSP_EDIT_H

#include "base/job.h"

#include <stddef.h>

/* A reissue (FORMAT.md §10; element meta/reissue in docs/source-format.md). */
typedef struct msp_reissue {
    const char *date;       /* YYYY-MM-DD, required */
    const char *reason;     /* may be NULL: "for technical reasons" */
    const char *previous;   /* previous symbol, may be NULL */
} msp_reissue;

/* Checks r: a real calendar date in YYYY-MM-DD form, a previous symbol that
 * parses, a reason without control characters. Errors (MSP_E_USAGE, no
 * location) go to job->diags. */
msp_status msp_reissue_check(msp_job *job, const msp_reissue *r);

/* Returns in *out (owned, g_free) the text of source path (text, len
 * borrowed) with its meta/reissue element set to r: an existing one is
 * replaced where it stands, else one is inserted at its schema place (before
 * late-submission, unedited, advance-copy, job, draft, or the end of meta),
 * on its own line with the indentation of its neighbours. Every other byte
 * is kept. Errors at file:line:column in job->diags: MSP_E_XML (not
 * well-formed), MSP_E_SCHEMA (not a report paper, no meta). */
msp_status msp_reissue_apply(msp_job *job, char **out, const char *path, const char *text, size_t len,
                             const msp_reissue *r);

/* msp_reissue_apply on the file at path, written back through a temporary
 * sibling renamed over it (the file's permissions kept). On any error the
 * file is untouched. MSP_E_IO / MSP_E_OUTPUT for read and write failures. */
msp_status msp_reissue_file(msp_job *job, const char *path, const msp_reissue *r);

#endif
