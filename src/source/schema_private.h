/* Shared by schema_rng.c (the RELAX NG grammar read into patterns, the
 * datatypes) and schema_explain.c (validation by derivatives that says what
 * is wrong in the author's terms). Inside src/source/ only. */
#ifndef MSP_SOURCE_SCHEMA_PRIVATE_H
#define MSP_SOURCE_SCHEMA_PRIVATE_H

#include "base/arena.h"
#include "source/source.h"

#include <glib.h>
#include <libxml/tree.h>

typedef enum rng_kind {
    RNG_EMPTY,
    RNG_NOT_ALLOWED,
    RNG_TEXT,
    RNG_CHOICE,        /* a | b */
    RNG_GROUP,         /* a , b */
    RNG_ONE_OR_MORE,   /* a+ */
    RNG_MIXED,         /* text interleaved with a */
    RNG_DATA,          /* a datatype with parameters */
    RNG_VALUE,         /* one value (token comparison) */
    RNG_ATTRIBUTE,     /* name = a */
    RNG_ELEMENT,       /* <name> a </name> */
    RNG_AFTER,         /* derivatives only: a, then b after the end tag */
    RNG_REF,           /* a define: a is its pattern (filled once all are read) */
} rng_kind;

typedef enum rng_type {
    RNG_T_STRING,
    RNG_T_TOKEN,
    RNG_T_DATE,
    RNG_T_GYEAR,
    RNG_T_POSITIVE_INTEGER,
    RNG_T_NCNAME,
    RNG_T_ANY_URI,
} rng_type;

typedef struct rng_pat rng_pat;
struct rng_pat {
    rng_kind kind;
    rng_pat *a, *b;
    const char *ns, *name;      /* ATTRIBUTE, ELEMENT (ns "" = none); REF: the define's name */
    rng_type type;              /* DATA, VALUE */
    GRegex *pattern;            /* DATA: anchored, or NULL */
    const char *pattern_text;   /* as written */
    int min_length, length;     /* DATA: -1 when not set */
    const char *value;          /* VALUE */
    const char *expect;         /* DATA: what the schema's d:expect says is expected, or NULL */
};

/* The grammar, read once, read-only afterwards. */
typedef struct rng_grammar {
    msp_arena *arena;
    rng_pat *start;
    GPtrArray *elements;        /* every ELEMENT pattern, in schema order */
    GPtrArray *regexes;         /* owned GRegex */
} rng_grammar;

/* Reads a RELAX NG grammar in XML syntax (the constructs paper.rng uses:
 * no interleave, list, except or name classes); NULL when it uses something
 * else, which leaves the messages to libxml2. */
rng_grammar *msp_rng_read(const char *path);
void msp_rng_free(rng_grammar *g);

/* Follows REF patterns. */
rng_pat *msp_rng_deref(rng_pat *p);

/* True when s is a value of the DATA or VALUE pattern p. */
bool msp_rng_data_allows(const rng_pat *p, const char *s);

/* What p expects, for a message: "a date (YYYY-MM-DD)", the schema's
 * d:expect text when it gives one. Owned. */
char *msp_rng_data_expect(const rng_pat *p);

/* Why s is not a value of p (DATA or VALUE), for a message: "is not a date
 * (YYYY-MM-DD)". Owned. */
char *msp_rng_data_why(const rng_pat *p, const char *s);

/* The explanation pass: validates doc against g and reports each mistake once,
 * as an error at its own element (MSP_E_SCHEMA) with a hint, and records
 * that element in src->schema_flagged. Returns the number of errors. */
int msp_rng_explain(msp_job *job, msp_source *src, const rng_grammar *g);

/* Records that a schema message named element n (src->schema_flagged): the
 * domain checks then say nothing more about it. */
void msp_rng_flag(msp_source *src, const xmlNode *n);

#endif
