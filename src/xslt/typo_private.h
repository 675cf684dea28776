/* Shared by typo.c (tree walk, data) and typo_rules.c (the rules): one run
 * of text as an array of characters the rules edit in place. */
#ifndef MSP_XSLT_TYPO_PRIVATE_H
#define MSP_XSLT_TYPO_PRIVATE_H

#include "xslt/typo.h"

#include <glib.h>
#include <stdbool.h>

#define TYPO_NBSP 0x00A0u
#define TYPO_NNBSP 0x202Fu
#define TYPO_OBJECT 0xFFFCu   /* an inline object (leader, page number, graphic) */

enum {
    TY_PROTECT = 1 << 0,      /* verbatim: no rule changes or inserts here */
    TY_DELETED = 1 << 1,
    TY_SUPER = 1 << 2,        /* set as a superscript */
    TY_LABEL_START = 1 << 3,  /* first character of a t:label */
    TY_NOTE_START = 1 << 4,   /* first character of a note call */
    TY_OBJECT = 1 << 5,       /* an object placeholder, not text */
};

typedef struct typo_ch {
    gunichar c;
    gunichar ins;             /* a character inserted before this one, or 0 */
    int seg;                  /* index of the text node, -1 for an object */
    int lang;                 /* index into msp_typo.langs, -1 for none */
    unsigned flags;
} typo_ch;

typedef struct typo_lang {
    char *code;               /* primary subtag: "fr" */
    unsigned rules;           /* TR_* */
    char *months[12];         /* casefolded month names, or NULL */
    bool month_units;         /* a month name holds a space or a slash (month_units() has work) */
    char *day_month;          /* casefolded text between day and month: " ", " de " */
    GPtrArray *nouns;         /* casefolded nouns a number follows: "article" */
} typo_lang;

enum {
    TR_FR_SPACING = 1 << 0,   /* : « » ; ! ? */
    TR_APOSTROPHE = 1 << 1,   /* ' -> ’ after a letter */
    TR_FR_ORDINALS = 1 << 2,  /* 1er 2e 22e: superscript */
    TR_ES_MARKS = 1 << 3,     /* ¿ ¡ ? !: no space inside */
    TR_ES_ORDINALS = 1 << 4,  /* 22.ª -> 22ª */
};

struct msp_typo {
    GPtrArray *langs;         /* typo_lang* */
};

/* Index of code's language in t (primary subtag, case-insensitive), -1. */
int msp_typo_lang_index(const msp_typo *t, const char *code);

/* Marks words holding "/", "@" or starting with "www." as TY_PROTECT. */
void msp_typo_protect_words(typo_ch *v, int n);

/* Applies every rule of each character's language to v[0..n). */
void msp_typo_rules(const msp_typo *t, typo_ch *v, int n);

#endif
