/* Language versions of one paper: the sources that share a document symbol
 * and differ in xml:lang must have the same structure. A summary holds what
 * must agree (meta data that is not translated, chapters, paragraphs and
 * their numbering, sub-items, notes and where they stand, Article and Action
 * references, annexes, State codes); comparing two summaries reports every
 * difference in both files. Translated text is never compared. */
#ifndef MSP_VERSIONS_H
#define MSP_VERSIONS_H

#include "source/source.h"

#include <stdbool.h>

typedef struct msp_versions_summary msp_versions_summary;

/* The structural summary of a loaded source (src borrowed; the summary
 * copies what it keeps, so src may be freed after). Never fails: a source
 * that is not a paper, or breaks the schema, gives what can be read (its
 * own checks report it). Owned by the caller: msp_versions_summary_free. */
msp_versions_summary *msp_versions_summary_new(const msp_source *src);
void msp_versions_summary_free(msp_versions_summary *s);

/* Borrowed: the symbol as written without reissue stars (NULL when the
 * source has none), xml:lang (or NULL), the source path. */
const char *msp_versions_summary_symbol(const msp_versions_summary *s);
const char *msp_versions_summary_language(const msp_versions_summary *s);
const char *msp_versions_summary_path(const msp_versions_summary *s);

/* Reading a summary's body in order (mspdoc diff, src/edit/diff_paper.c).
 * node is borrowed from the source the summary was read from: valid only
 * while that source lives. */
typedef struct msp_versions_block {
    int kind;                 /* 0 a paragraph (p), 1 items, 2 bullets */
    int annex;                /* 0 = the body, n = the n-th annex */
    int chapter;              /* 0 = before the first chapter, n = the n-th chapter */
    int number;               /* a numbered paragraph's printed number, else 0 */
    int after;                /* else: the number of the numbered paragraph before it, or 0 */
    int unnumbered;           /* an unnumbered paragraph's rank after `after` (1, 2 ...), else 0 */
    const xmlNode *node;
} msp_versions_block;

guint msp_versions_summary_n_blocks(const msp_versions_summary *s);
msp_versions_block msp_versions_summary_block(const msp_versions_summary *s, guint i);
/* Notes in document order (note n is index n - 1); *block (may be NULL)
 * gets the index of the block holding it, or G_MAXUINT. */
guint msp_versions_summary_n_notes(const msp_versions_summary *s);
const xmlNode *msp_versions_summary_note(const msp_versions_summary *s, guint i, guint *block);

/* Compares two versions of one symbol (versions_compare.c). Each difference
 * is recorded twice, in da at a's element and in db at b's, each message
 * naming the other file's file:line:column; as errors (MSP_E_SCHEMA), or as
 * warnings when warn_only. Returns the number of differences found. */
int msp_versions_compare(msp_diag_list *da, const msp_versions_summary *a, msp_diag_list *db,
                         const msp_versions_summary *b, bool warn_only);

/* The cross-language check of several sources at once (check, batch):
 * summaries s[0..n) (NULL entries are skipped) are grouped by symbol; in each
 * group of two or more, every version is compared with the group's reference
 * (the first version, in the given order, written in one of its <original>
 * languages; else the first). s[i]'s messages go to diags[i]. Differences
 * are warnings when draft, or when either of the two versions is marked
 * <draft/>. Returns how many of the summaries got an error. */
int msp_versions_check(msp_versions_summary *const *s, msp_diag_list *const *diags, guint n, bool draft);

#endif
