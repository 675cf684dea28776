/* Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
 * lines", 1981) over an abstract item list: boxes, glue and penalties in pt.
 * It knows nothing of text, fonts or scripts: para.c turns a shaped run into
 * items (one box per unbreakable stretch of glyph clusters, so ideographic
 * break opportunities and bidi runs cost nothing special here) and turns the
 * chosen breaks back into lines. Module-internal to layout/. */
#ifndef MSP_LINEBREAK_H
#define MSP_LINEBREAK_H

#include <stdbool.h>

/* A penalty at or above this never breaks; at or below its negative always does. */
#define MSP_LB_INF 10000.0
/* The largest adjustment ratio of an acceptable line (mspdoc's default). */
#define MSP_LB_TOLERANCE 1.5
/* Stretch that stands for "infinite" (the finishing glue of a paragraph). */
#define MSP_LB_FIL 1e9

typedef enum msp_lb_kind {
    MSP_LB_BOX,       /* unbreakable material of fixed width */
    MSP_LB_GLUE,      /* a space: breakable when a box comes right before it */
    MSP_LB_PENALTY    /* a break opportunity with a cost (and a width when taken) */
} msp_lb_kind;

typedef struct msp_lb_item {
    msp_lb_kind kind;
    double width;          /* natural width; PENALTY: added to the line when it breaks here */
    double stretch, shrink;
    double penalty;        /* PENALTY: cost of breaking here */
    bool flagged;          /* PENALTY: breaking here ends the line with a hyphen */
    int pos, end;          /* caller's data (byte range in the text) */
} msp_lb_item;

typedef struct msp_lb_params {
    double first_width;    /* the first line's measure */
    double width;          /* every other line's measure */
    const double *shape;   /* lines 0 .. n_shape-1: their own measures (beside a side
                              float), over first_width; NULL: none */
    int n_shape;
    double line_stretch;   /* stretch every line has of its own (ragged text), 0 when justified */
    double tolerance;      /* the largest adjustment ratio of an acceptable line */
    double line_penalty;   /* TeX's \linepenalty */
    double adj_demerits;   /* a line two fitness classes away from its neighbour */
    double double_hyphen_demerits;
    double final_hyphen_demerits;  /* the last full line ends in a hyphen */
    int ladder;            /* most consecutive hyphenated lines; 0 = no limit */
} msp_lb_params;

/* The defaults mspdoc uses (documented in docs/format-choices.md). */
void msp_lb_params_default(msp_lb_params *p);

typedef enum msp_lb_fit {
    MSP_LB_FIT_OK,
    MSP_LB_FIT_LOOSE,      /* stretched beyond the tolerance */
    MSP_LB_FIT_OVERFULL    /* wider than the measure even fully shrunk */
} msp_lb_fit;

typedef struct msp_lb_line {
    int brk;               /* index of the item the line ends at (glue or penalty) */
    int first;             /* index of its first item */
    double ratio;          /* adjustment ratio: > 0 stretched, < 0 shrunk (>= -1) */
    double natural;        /* natural width (with the break penalty's width) */
    bool hyphen;           /* ends at a flagged penalty */
    msp_lb_fit fit;
} msp_lb_line;

/* Chooses breaks for items[0..n-1], which must end with a penalty of
 * -MSP_LB_INF (the caller puts finishing glue before it). Lines that fit
 * within the tolerance are preferred; when there is no such set of breaks,
 * a second pass accepts any line, loose ones at great cost and overfull ones
 * at greater, so a result always exists. Writes the lines to *out (g_free
 * it) and returns their number (>= 1 for n >= 1; 0 for n == 0). */
int msp_lb_break(const msp_lb_item *items, int n, const msp_lb_params *p, msp_lb_line **out);

#endif
