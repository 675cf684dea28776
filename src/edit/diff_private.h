/* Inside src/edit/ only: the pieces of `mspdoc diff` — a text cut into
 * word and punctuation tokens and the word diff between two of them
 * (diff_words.c), one version of a paper read into comparable units
 * (diff_paper.c), the printed lines of the issued version's units
 * (diff_layout.c). The change list itself is public (edit.h). */
#ifndef MSP_EDIT_DIFF_PRIVATE_H
#define MSP_EDIT_DIFF_PRIVATE_H

#include "batch/job.h"
#include "edit/edit.h"
#include "source/versions.h"

#include <glib.h>
#include <stdbool.h>

/* ---- tokens (diff_words.c) ---- */

typedef enum msp_token_kind {
    MSP_TOK_WORD,      /* letters and digits, with the hyphens and apostrophes between them; a URL or e-mail address whole */
    MSP_TOK_PUNCT,     /* one punctuation or symbol character */
    MSP_TOK_NOTE       /* a note call: text is the note's mark ("1") */
} msp_token_kind;

typedef struct msp_token {
    const char *text;       /* owned by the list's chunk */
    msp_token_kind kind;
    bool space_before;      /* printed after a space */
    int alnum;              /* letters and digits printed before it in the text (the line finder's measure) */
} msp_token;

typedef struct msp_tokens {
    GArray *t;              /* of msp_token */
    GStringChunk *chunk;
    int alnum;              /* letters and digits so far */
    bool pending_space;     /* the text added last ended in white space */
} msp_tokens;

msp_tokens *msp_tokens_new(void);
void msp_tokens_free(msp_tokens *t);
/* Appends the tokens of UTF-8 text (white space runs are one space). */
void msp_tokens_add_text(msp_tokens *t, const char *text);
/* Appends a note call with that mark. */
void msp_tokens_add_note(msp_tokens *t, const char *mark);
/* The tokens from..from+len as printed, space-separated as they were
 * (a note call as its mark). Owned. */
char *msp_tokens_phrase(const msp_tokens *t, guint from, guint len);
/* The same as XML content: &, < and > escaped, a note call as <sup>mark</sup>. Owned. */
char *msp_tokens_phrase_xml(const msp_tokens *t, guint from, guint len);
guint msp_tokens_len(const msp_tokens *t);
const msp_token *msp_tokens_at(const msp_tokens *t, guint i);

/* Sentences: a sentence ends at a token '.', '!' or '?' (and closing quotes
 * or brackets after it) followed by the end or by a word starting with a
 * capital or a digit. Returns how many sentences t has; when from..from+len
 * is exactly one or more whole sentences, *first gets the 1-based number of
 * the first of them, else 0. */
int msp_tokens_sentences(const msp_tokens *t, guint from, guint len, int *first);

/* One difference: a's tokens a..a+a_len became b's b..b+b_len (one of the
 * lengths may be 0: a pure insertion or deletion). */
typedef struct msp_hunk {
    guint a, a_len, b, b_len;
} msp_hunk;

/* The word diff: a shortest edit script (longest common subsequence) as
 * hunks in order, an empty array when the texts are the same. Tokens are
 * equal when kind and text are (spacing is not compared). A pure insertion
 * or deletion that could stand at several places (repeated words) is put on
 * whole sentences when it can be, else at its leftmost place. Owned
 * (g_array_unref). */
GArray *msp_word_diff(const msp_tokens *a, const msp_tokens *b);

/* ---- one version of a paper (diff_paper.c) ---- */

typedef enum msp_unit_kind {
    MSP_UNIT_FIELD,    /* a masthead field: title, subtitle n, subject n, date, agenda ... */
    MSP_UNIT_PARA,     /* a paragraph (p) */
    MSP_UNIT_ITEM,     /* a sub-item of items or bullets */
    MSP_UNIT_NOTE      /* a footnote */
} msp_unit_kind;

typedef struct msp_unit {
    msp_unit_kind kind;
    const char *field;      /* FIELD: its name as printed by diff ("title", "subject 2") */
    const char *id;         /* PARA, ITEM: @id, or NULL */
    int paragraph;          /* PARA: its number (0: unnumbered); ITEM: the numbered paragraph before its list */
    int unnumbered;         /* PARA unnumbered: its rank after `paragraph` */
    int annex;              /* 0 the body, n the n-th annex */
    const char *sub;        /* ITEM: the label path as printed, "(b)" or "(b) (ii)", bullets "•3" */
    const char *sub_last;   /* ITEM: its own label "(ii)" */
    int depth;              /* ITEM of items: its level, 1 for the first; 0 for a bullet */
    guint list;             /* ITEM: index of its items/bullets block in the summary */
    int note;               /* NOTE: its number; PARA/ITEM: 0 */
    const char *fo_id;      /* PARA, ITEM: the FO id its lines are found by (diff_layout.c) */
    const xmlNode *node;
    msp_loc loc;
    msp_tokens *tokens;
    GArray *line_starts;    /* of int: alnum offset where each printed line starts (issued version, laid out), or NULL */
} msp_unit;

typedef struct msp_diff_paper {
    msp_source *src;
    msp_versions_summary *summary;
    const char *path;       /* borrowed from src */
    char *symbol, *kind, *language;
    GPtrArray *units;       /* of msp_unit*: fields, then paragraphs and items in document order, then notes */
    GStringChunk *strings;
} msp_diff_paper;

/* Reads a loaded, checked source (taken: freed with the paper). ref gives
 * the printed words of <article>/<action> in the paper's language. */
msp_diff_paper *msp_diff_paper_read(msp_source *src, const msp_refdata *ref);
void msp_diff_paper_free(msp_diff_paper *p);

/* ---- the comparison (diff.c) ---- */

struct msp_diff {
    msp_diff_paper *a, *b;      /* issued, corrected */
    GPtrArray *changes;         /* of msp_change*, in document order of the issued version */
    GStringChunk *strings;
    GHashTable *changed_units;  /* PARA/ITEM units that changed (the issued one, or the corrected one when added) */
    guint n_paragraphs;         /* PARA and ITEM units of the issued version */
};

/* ---- the issued layout (diff_layout.c) ---- */

/* Lays the paper out through the build's chain (XSLT, FO, layout; no PDF)
 * and fills each paragraph's, item's and note's line_starts. Paragraphs and
 * items without an @id get one (msp-diff-N) in the source tree first, so
 * that every FO block of a unit is found by its id; a note's lines by the
 * mark of their fo:footnote. */
msp_status msp_diff_paper_layout(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, msp_diff_paper *p);
/* The 1-based printed line of the unit holding token i, 0 when unknown. */
int msp_unit_line(const msp_unit *u, guint i);

#endif
