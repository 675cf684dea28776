/* XSLT stage: one compiled stylesheet per paper kind (templates/<kind>.xsl),
 * compiled once and shared read-only between threads, and the transform of
 * a source into XSL-FO under security preferences: no writes, no network,
 * reads only inside templates/, data/ and the source's own folder. */
#ifndef MSP_XSLT_H
#define MSP_XSLT_H

#include "base/job.h"

#include <libxml/tree.h>
#include <stdbool.h>

/* Process-wide set-up, called ONCE from main before any thread starts:
 * xmlInitParser, EXSLT registration, and an external entity loader that
 * refuses every non-file URL (http:, ftp:, ...) while stylesheets and
 * documents are parsed. Idempotent. */
void msp_xslt_global_init(void);

typedef struct msp_xslt msp_xslt;

/* Compiles every templates_dir/<kind>.xsl (common.xsl excepted: it is
 * included). Errors (with the stylesheet's file:line) go to diags as
 * MSP_E_XSLT; NULL on failure. Caller owns the result (msp_xslt_free).
 * Not thread-safe: call at start-up. */
msp_xslt *msp_xslt_load(msp_diag_list *diags, const char *templates_dir, const char *data_dir);
void msp_xslt_free(msp_xslt *x);

/* The stylesheet files kind's transform is made of: templates/<kind>.xsl
 * and every file it includes or imports, at any depth (paths as libxslt
 * loaded them). A new array of owned strings; empty for an unknown kind. */
GPtrArray *msp_xslt_kind_files(const msp_xslt *x, const char *kind);

/* True when a stylesheet for kind was compiled. */
bool msp_xslt_has_kind(const msp_xslt *x, const char *kind);

typedef struct msp_xslt_params {
    bool draft;                 /* param draft = '1' / '0' */
    const char *source_hash;    /* param source-hash, or NULL */
} msp_xslt_params;

/* Transforms src (borrowed) with templates/<kind>.xsl. Parameter data is
 * the data folder (absolute, trailing slash). document() may read only
 * inside templates/, data/ and source_dir; anything else fails with
 * "document('...') reads outside the allowed folders". Writes (xsl:document,
 * exsl:document), directory creation and network access are refused.
 * Messages (with the stylesheet file:line when known) go to job->diags as
 * MSP_E_XSLT. Returns MSP_OK and *out (caller frees with xmlFreeDoc) or
 * MSP_E_XSLT with *out NULL. Thread-safe for distinct jobs. */
msp_status msp_xslt_run(msp_job *job, const msp_xslt *x, const char *kind, xmlDoc *src,
                        const char *source_path, const char *source_dir, const msp_xslt_params *params,
                        xmlDoc **out);

/* Folders (canonical, borrowed) the stylesheets may read: templates, data. */
const char *msp_xslt_templates_dir(const msp_xslt *x);
const char *msp_xslt_data_dir(const msp_xslt *x);

#endif
