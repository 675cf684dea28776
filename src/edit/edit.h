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

/* ---- computed corrections: `mspdoc diff` (diff*.c), `mspdoc corrigendum` (corrigendum*.c) ---- */

#include "batch/job.h"

#include <stdio.h>

typedef enum msp_change_kind {
    MSP_CHANGE_TEXT,        /* words changed inside a unit (old, new; one may be empty) */
    MSP_CHANGE_REWRITTEN,   /* so much changed that the unit is restated whole */
    MSP_CHANGE_ADDED,       /* a paragraph, sub-item or note that the issued version lacks */
    MSP_CHANGE_DELETED      /* one the corrected version lacks */
} msp_change_kind;

typedef enum msp_change_where {
    MSP_WHERE_FIELD,        /* a masthead or title field */
    MSP_WHERE_PARAGRAPH,
    MSP_WHERE_ITEM,         /* a sub-item (items) or bullet */
    MSP_WHERE_NOTE
} msp_change_where;

/* One change, located in the issued version. Strings owned by the diff. */
typedef struct msp_change {
    msp_change_kind kind;
    msp_change_where where;
    const char *field;      /* FIELD: "title", "subtitle 1", "subject 2", "date", "agenda", ... */
    int paragraph;          /* PARAGRAPH: its number (0 unnumbered); ITEM: the paragraph its list follows */
    int unnumbered;         /* an unnumbered paragraph: its rank after `paragraph` */
    int annex;              /* 0 the body, n the n-th annex */
    const char *sub;        /* ITEM: its label path "(b)" ("(b) (ii)" nested); ADDED: in the corrected version */
    const char *sub_x;      /* ITEM: its own letter or numeral, "b" / "ii"; bullets: the ordinal "3" */
    int sub_depth;          /* ITEM: 1 first level, 2 nested ...; 0 for bullets */
    const char *after_sub;  /* ITEM ADDED: the label of the issued item it follows, or NULL (added first) */
    const char *after_sub_x;
    int note;               /* NOTE: its number */
    int line_first, line_last; /* printed lines of the unit in the issued layout, 0 when not known */
    const char *old_core, *new_core; /* TEXT: exactly the words that changed (may be "") */
    const char *old_text, *new_text; /* TEXT: with enough context around to be found ("11 June") */
    const char *before;     /* TEXT insertion: the words just before it, or NULL at the unit's start */
    const char *after;      /* TEXT insertion at the start: the words just after it */
    struct {                /* the same six as source markup: escaped, a note call as <sup>N</sup> */
        const char *old_core, *new_core, *old_text, *new_text, *before, *after;
    } xml;
    int sentence;           /* TEXT deletion of one whole sentence: its number (1-based), else 0 */
    int sentences;          /* how many sentences the issued unit has */
    const char *text;       /* REWRITTEN, ADDED: the corrected unit's text; DELETED: the issued one's */
    msp_loc issued, corrected; /* the unit's element in each file (line 0 when absent there) */
    long order;             /* where it stands in the issued file (changes are listed in this order) */
    const xmlNode *issued_node, *corrected_node; /* those elements (NULL when absent), valid while the diff lives */
} msp_change;

typedef struct msp_diff msp_diff;

/* Compares two versions of one paper (both checked as `mspdoc check` does;
 * the issued one laid out with w's fonts to find printed lines; no file is
 * written). A different paper (another symbol, kind or language) is
 * MSP_E_USAGE at both files' elements. Diagnostics in job->diags. */
msp_status msp_diff_run(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, const char *issued,
                        const char *corrected, msp_diff **out);
void msp_diff_free(msp_diff *d);
guint msp_diff_n_changes(const msp_diff *d);
const msp_change *msp_diff_change(const msp_diff *d, guint i);
/* Paragraphs (and sub-items) of the issued version, and how many of them
 * changed: for the corrigendum's threshold. */
guint msp_diff_n_paragraphs(const msp_diff *d);
guint msp_diff_n_paragraphs_changed(const msp_diff *d);
const char *msp_diff_symbol(const msp_diff *d);
const char *msp_diff_language(const msp_diff *d);
const char *msp_diff_issued_path(const msp_diff *d);
const char *msp_diff_corrected_path(const msp_diff *d);

/* "paragraph 5, line 3: "11 June" → "12 June"", one line per change, or
 * "no changes". */
void msp_diff_print(const msp_diff *d, FILE *out);
/* {"issued":…,"corrected":…,"symbol":…,"language":…,"changes":[{…}]} (docs/cli.md, "diff"). */
void msp_diff_print_json(const msp_diff *d, FILE *out);

/* A change's place as diff prints it, without lines: "paragraph 8 (b)",
 * "footnote 1", "title". Owned. */
char *msp_change_place(const msp_change *c);

/* The corrected version of d as a review copy (review.c): its source with
 * <?msp-change-begin cN?>/<?msp-change-end cN?> around the words each change
 * put in, the whole unit for an added or restated one, and <?msp-deleted cN?>
 * where words were taken out; the stylesheets make them change bars and a
 * caret. Owned bytes (*len), or NULL when no change is in the corrected
 * version; *marked = the changes marked. Changes d's copy of the source. */
char *msp_review_source(const msp_diff *d, size_t *len, int *marked);

/* Language versions (corrigendum.c): the diffs d[0..n) of the versions of
 * one symbol must touch the same places; each place touched in some
 * versions and not in another is a warning in diags at that version's
 * corrected file, naming the place and a version that touches it. Returns
 * how many warnings were given. */
int msp_corrigendum_compare_versions(msp_diag_list *diags, msp_diff *const *d, guint n);

/* The corrigendum drafter (corrigendum.c). */
typedef struct msp_corrigendum_opts {
    int number;             /* N of /Corr.N; 0: the next free one (msp_corrigendum_next_number) */
    gint64 date_epoch;      /* the corrigendum's date; < 0: SOURCE_DATE_EPOCH, else today */
} msp_corrigendum_opts;

/* Threshold (docs/corrections.md): a corrigendum is for a few discrete
 * changes; beyond these a revision reads better. */
#define MSP_CORRIGENDUM_MAX_ENTRIES 10
/* ... or when more than this share of the paragraphs (and sub-items) changed */
#define MSP_CORRIGENDUM_MAX_SHARE (1.0 / 3.0)

/* True when d is beyond the threshold; *why (owned, may be NULL) says how. */
bool msp_corrigendum_too_large(const msp_diff *d, char **why);

/* The N of the next corrigendum of symbol: one more than the highest
 * SYMBOL/Corr.N found among the .xml sources in dir (1 when none). */
int msp_corrigendum_next_number(const char *dir, const char *symbol);
/* The date of a drafted corrigendum or revision, YYYY-MM-DD (owned): of
 * epoch when >= 0, else of SOURCE_DATE_EPOCH when it is a number, else today (UTC). */
char *msp_edit_date(gint64 epoch);
/* The same for any suffix ("Corr.", "Rev."): one more than the highest
 * SYMBOL/<suffix>N among the sources of dir, else 1. */
int msp_suffix_next_number(const char *dir, const char *symbol, const char *suffix);

/* The source of the revision (SYMBOL/Rev.N) of d's paper (revision.c): the
 * corrected source's bytes as written, its symbol given the /Rev.N suffix
 * (N: number, or the next free one beside the issued source; a revision of
 * a revision gets the next N of the same base symbol) and its date today
 * (SOURCE_DATE_EPOCH when set). Without change bars: a revision is issued
 * as a clean text (docs/corrections.md). Owned text in *out. */
msp_status msp_revision_draft(msp_job *job, const msp_diff *d, int number, char **out, char **symbol_out);

/* Drafts the corrigendum source (owned, *out): the issued paper's masthead
 * data under symbol/Corr.N, the date, one <correction> per change in the
 * paper's language (data/labels.xml). ref: labels. Errors in job->diags. */
msp_status msp_corrigendum_draft(msp_job *job, const msp_refdata *ref, const msp_diff *d,
                                 const msp_corrigendum_opts *opts, char **out);

#endif
