/* Paper sources (namespace urn:x-mspdoc:paper:1): safe loading with libxml2
 * (every element's line and column kept), RELAX NG validation against
 * templates/paper.rng, and the domain checks against the reference data.
 * Loading and checking are per job; the compiled schema is shared. */
#ifndef MSP_SOURCE_H
#define MSP_SOURCE_H

#include "base/job.h"
#include "source/refdata.h"
#include "source/symbol.h"

#include <libxml/tree.h>
#include <stdbool.h>

#define MSP_PAPER_NS "urn:x-mspdoc:paper:1"

typedef struct msp_source {
    xmlDoc *doc;            /* owned */
    const char *path;       /* as given; interned in the job's diagnostics */
    char *dir;              /* owned: canonical folder of the file (realpath) */
    char *sha256;           /* owned: hex digest of the file's bytes */
    GHashTable *where;      /* owned: xmlNode* -> index + 1 into positions */
    GArray *positions;      /* owned: of msp_loc (file = path) */
    bool schema_invalid;    /* set by msp_source_validate: the domain checks then leave out
                               what the schema messages already said (dates, a missing <meta>) */
    GHashTable *schema_flagged; /* owned, may be NULL: xmlNode* a schema message named; the
                                   domain checks say nothing more about them (no cascades) */
} msp_source;

/* Reads and parses path. Safe parsing: XML_PARSE_NONET, no entity
 * substitution, no DTD loading; a DOCTYPE is refused; the job's size and
 * depth limits apply; the bytes must be UTF-8. Every parse error goes to
 * job->diags with file:line:column. Returns MSP_OK and *out (caller frees
 * with msp_source_free), or MSP_E_IO, MSP_E_XML, MSP_E_LIMIT with *out NULL. */
msp_status msp_source_load(msp_job *job, msp_source **out, const char *path);

/* Same from memory (buf, len borrowed); path names it in messages and gives
 * the folder for dir. */
msp_status msp_source_load_memory(msp_job *job, msp_source **out, const char *path,
                                  const char *buf, size_t len);

void msp_source_free(msp_source *src);

/* Where node starts (line and column of its '<'); attributes and text give
 * their element's place. Borrowed strings. */
msp_loc msp_source_loc(const msp_source *src, const xmlNode *node);

/* ---- schema (source_check.c) ---- */

/* A compiled RELAX NG schema, read-only once loaded: share it between threads. */
typedef struct msp_source_schema msp_source_schema;

/* Compiles rng_path. Errors in the schema go to diags (MSP_E_DATA). NULL on failure. */
msp_source_schema *msp_source_schema_load(msp_diag_list *diags, const char *rng_path);
void msp_source_schema_free(msp_source_schema *schema);

/* Validates src; every violation goes to job->diags as MSP_E_SCHEMA at its
 * element's line:column. Returns MSP_OK or MSP_E_SCHEMA. */
msp_status msp_source_validate(msp_job *job, msp_source *src, const msp_source_schema *schema);

/* What the domain checks learn about a paper (strings borrowed from the
 * source document or the reference data). */
typedef struct msp_source_info {
    const char *kind;           /* "report" or "statement" */
    const char *language;       /* xml:lang */
    char *title;                /* owned: plain text of meta/title, or NULL */
    const char *symbol_text;    /* meta/symbol as given, or NULL */
    bool has_symbol;
    msp_symbol symbol;          /* parsed when has_symbol */
    const char *date;           /* meta/date as written (yyyy-mm-dd), or NULL */
    gint64 date_epoch;          /* that date at 00:00 UTC, or -1 */
    gint64 pdf_epoch;           /* the PDF's dates: date_epoch, else the meeting's first day, or -1 */
    const char *meeting;        /* meeting ref, e.g. "22MSP", or NULL */
    const char *author;         /* committee name, else the body name; or NULL */
    const char *committee;      /* committee ref, or NULL */
    int agenda_item;            /* 0 = none */
    bool draft;                 /* meta/draft present */
} msp_source_info;

void msp_source_info_clear(msp_source_info *info);

/* The domain checks, all of them, each error at its file:line:column with a
 * hint: symbol grammar and agreement with the meeting, unknown meeting,
 * committee, agenda item, chair not a member that year, duplicate ids,
 * dangling <ref to>, unknown Article or Action, reissue previous symbol,
 * dates. draft (or meta/draft) makes a report's symbol optional
 * (statements never need one). info (may be
 * NULL) receives the metadata; clear it with msp_source_info_clear. Returns MSP_OK or the
 * status of the first error (MSP_E_SYMBOL, MSP_E_DATA, MSP_E_SCHEMA). */
msp_status msp_source_check(msp_job *job, const msp_source *src, const msp_refdata *ref,
                            bool draft, msp_source_info *info);

#endif
