/* Document symbols (FORMAT.md §10): parsing into parts with an exact error
 * message and character position, the unstarred form for running headers,
 * and the default output file name derived from a symbol. */
#ifndef MSP_SYMBOL_H
#define MSP_SYMBOL_H

#include <stdbool.h>

typedef enum msp_symbol_body {
    MSP_SYMBOL_BODY_MSP,        /* APLC/MSP.n/... */
    MSP_SYMBOL_BODY_CONF        /* APLC/CONF/... */
} msp_symbol_body;

typedef enum msp_symbol_doc {
    MSP_SYMBOL_DOC_NUMBER,      /* 22 */
    MSP_SYMBOL_DOC_L,           /* L.2 */
    MSP_SYMBOL_DOC_WP,          /* WP.1 */
    MSP_SYMBOL_DOC_CRP,         /* CRP.1 */
    MSP_SYMBOL_DOC_INF_SLASH,   /* INF/1 */
    MSP_SYMBOL_DOC_INF_DOT,     /* INF.1 */
    MSP_SYMBOL_DOC_MISC         /* Misc.1 or MISC.1 (spelling kept in the text) */
} msp_symbol_doc;

typedef enum msp_symbol_suffix_kind {
    MSP_SYMBOL_ADD,
    MSP_SYMBOL_CORR,
    MSP_SYMBOL_REV,
    MSP_SYMBOL_AMEND,
    MSP_SYMBOL_SUMMARY          /* no number */
} msp_symbol_suffix_kind;

typedef struct msp_symbol_suffix {
    msp_symbol_suffix_kind kind;
    int number;                 /* 0 for Summary */
} msp_symbol_suffix;

#define MSP_SYMBOL_MAX_LEN 128
#define MSP_SYMBOL_MAX_SUFFIXES 8

typedef struct msp_symbol {
    char text[MSP_SYMBOL_MAX_LEN + 1];   /* as given, stars included */
    msp_symbol_body body;
    int msp;                    /* MSP ordinal; 0 for CONF */
    int year;
    int pm;                     /* CONF preparatory meeting number; 0 = none */
    msp_symbol_doc doc;
    int doc_number;
    msp_symbol_suffix suffixes[MSP_SYMBOL_MAX_SUFFIXES];
    int n_suffixes;
    int stars;                  /* 0..3 */
} msp_symbol;

/* Why a symbol was refused. column is the 1-based character position (in
 * the symbol text) of the first wrong character; message says what was
 * expected there ("expected a year of 4 digits after 'APLC/MSP.22/'"). */
typedef struct msp_symbol_error {
    int column;
    char message[256];
} msp_symbol_error;

/* Parses text per the §10 grammar into *out. Returns true on success;
 * false with *err filled (err may be NULL). Never reads past the NUL. */
bool msp_symbol_parse(msp_symbol *out, const char *text, msp_symbol_error *err);

/* The symbol without its trailing stars (running header form). Owned by the
 * caller (g_free). */
char *msp_symbol_plain(const msp_symbol *sym);

/* The UN language letter of a paper language (the Official Document System's:
 * ar A, zh C, en E, fr F, ru R, es S), or NULL for another code. */
const char *msp_symbol_language_letter(const char *lang);

/* The default output file name: the plain symbol with '/' -> '_', '-', the
 * language letter of lang (or lang itself when it has none) and ".pdf"
 * (APLC_MSP.22_2025_22-F.pdf: the language versions of one symbol differ);
 * no language part when lang is NULL or empty. With sym NULL, the basename
 * of source_path without its extension plus ".pdf". Owned by the caller. */
char *msp_symbol_output_name(const msp_symbol *sym, const char *lang, const char *source_path);

/* "Add", "Corr", ... for messages; borrowed. */
const char *msp_symbol_suffix_name(msp_symbol_suffix_kind kind);

#endif
