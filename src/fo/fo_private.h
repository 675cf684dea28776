/* Shared inside src/fo only: the length-expression evaluator, the property
 * table (from fo_props.def) and the style computation used by the tree
 * builder. Nothing outside the folder includes this. */
#ifndef MSP_FO_PRIVATE_H
#define MSP_FO_PRIVATE_H

#include "fo/fo.h"

#include <libxml/tree.h>

/* The value of a length expression: v pt + pct % + fn() + pcw table units,
 * or a plain number. */
typedef struct msp_fo_expr {
    double v;              /* pt for lengths, the number itself for numbers */
    double pct;            /* percent coefficient (0 if none) */
    msp_indent_fn fn;      /* label-end()/body-start() term, or PLAIN */
    bool is_length;        /* false = a plain number (no unit) */
    bool prop;             /* has a proportional-column-width() term */
    double pcw;            /* the sum of its proportions (prop) */
} msp_fo_expr;

/* Evaluates an XSL expression; em resolves against font_size. Returns false
 * on a syntax error, a unit mismatch or a division by zero. */
bool msp_fo_expr_eval(const char *s, double font_size, msp_fo_expr *out);

/* Finds a number followed by letters that are no XSL unit ("8400mpt"):
 * true with *unit (borrowed from s) and its length *n. */
bool msp_fo_expr_unknown_unit(const char *s, const char **unit, size_t *n);

/* Every property id, in fo_props.def order (its application priority). */
typedef enum msp_fo_prop_id {
#define MSP_FO_PROP(id, name, inh, init, kind, field, sec) MSP_P_##id,
#define MSP_FO_SH(id, name, kind, sec) MSP_P_##id,
#define MSP_FO_ATTR(id, name, sec) MSP_P_##id,
#define MSP_FO_UNSUP(id, name, allowed, kind, sec) MSP_P_##id,
#include "fo/fo_props.def"
    MSP_P_COUNT
} msp_fo_prop_id;

/* The value grammar of each property (the kind column of fo_props.def). */
typedef enum msp_fo_prop_kind {
    MSP_K_FONT, MSP_K_FONT_SIZE, MSP_K_STRING, MSP_K_FONT_WEIGHT, MSP_K_FONT_STYLE, MSP_K_FONT_VARIANT, MSP_K_LINE_HEIGHT,
    MSP_K_COLOR, MSP_K_TEXT_DECORATION, MSP_K_SPACING, MSP_K_ENUM, MSP_K_VERTICAL_ALIGN, MSP_K_BASELINE_SHIFT, MSP_K_BOOL,
    MSP_K_XML_LANG, MSP_K_LANG, MSP_K_WHITE_SPACE, MSP_K_LENGTH, MSP_K_LENGTH_NONNEG, MSP_K_INDENT, MSP_K_MARGIN, MSP_K_SPACE,
    MSP_K_SPACE_MIN, MSP_K_SPACE_OPT, MSP_K_SPACE_MAX, MSP_K_SPACE_COND, MSP_K_SPACE_PREC, MSP_K_PADDING, MSP_K_BORDER_ALL,
    MSP_K_BORDER_WIDTH4, MSP_K_BORDER_STYLE4, MSP_K_BORDER_COLOR4, MSP_K_BORDER_SIDE_BEFORE, MSP_K_BORDER_SIDE_AFTER,
    MSP_K_BORDER_SIDE_START, MSP_K_BORDER_SIDE_END, MSP_K_BORDER_WIDTH, MSP_K_BORDER_STYLE, MSP_K_INT, MSP_K_INT0, MSP_K_HYPH_CHAR, MSP_K_LADDER,
    MSP_K_PAGE_BREAK_BEFORE, MSP_K_PAGE_BREAK_AFTER, MSP_K_PAGE_BREAK_INSIDE, MSP_K_KEEP, MSP_K_KEEP_COMPONENT,
    MSP_K_KEEP_LINE, MSP_K_BREAK, MSP_K_DIMENSION_WIDTH, MSP_K_DIMENSION_HEIGHT, MSP_K_LEN, MSP_K_LEN_COLUMN, MSP_K_LEN_SCALE, MSP_K_LEN_OFFSET,
    MSP_K_TABLE_LAYOUT, MSP_K_LEADER_LENGTH, MSP_K_LEADER_MIN, MSP_K_LEADER_OPT, MSP_K_LEADER_MAX, MSP_K_PAGE_WIDTH,
    MSP_K_PAGE_HEIGHT, MSP_K_ORIENTATION, MSP_K_CHECK, MSP_K_WARN, MSP_K_ATTR
} msp_fo_prop_kind;

typedef struct msp_fo_prop_info {
    const char *name;
    const char *initial;    /* initial value, or the only allowed value (CHECK) */
    const char *section;    /* XSL 1.1 section */
    msp_fo_prop_kind kind;
    bool inherited;
    bool has_field;
} msp_fo_prop_info;

/* The table expanded from fo_props.def, indexed by msp_fo_prop_id. */
extern const msp_fo_prop_info msp_fo_props[MSP_P_COUNT];

/* value "inherit": copies the parent's computed field; false for shorthands. */
bool msp_fo_style_inherit_field(msp_fo_style *s, const msp_fo_style *parent, int id);

/* Looks a property up by name (as written in the attribute); -1 if unknown. */
int msp_fo_prop_lookup(const char *name);
const char *msp_fo_prop_name(int id);
/* True for MSP_FO_ATTR entries (non-formatting, kept as written). */
bool msp_fo_prop_is_attr(int id);

/* The style of fo:root's parent: every property at its initial value.
 * Built once, shared, read-only. */
const msp_fo_style *msp_fo_style_initial(void);

bool msp_fo_prop_is_inherited(int id);

/* Colour names, #rgb, #rrggbb, rgb(r,g,b) -> 0xRRGGBB. */
bool msp_fo_color_parse(const char *v, uint32_t *out);

/* State while one element's attributes are applied to its style. */
typedef struct msp_fo_apply {
    msp_job *job;
    msp_loc loc;
    msp_fo_style *s;                 /* being computed */
    const msp_fo_style *parent;      /* the parent's computed style */
    const msp_fo_node *list;         /* nearest fo:list-block, for label-end()/body-start() */
    bool start_indent_set, end_indent_set, space_before_set, space_after_set, line_height_set;
    bool margin_set[4], border_color_set[4];
    double margin_pct[4];
    bool failed_unsupported;         /* the value was refused as unsupported, not as invalid */
    const char *hint;                /* set with a refusal when the value code knows what to say */
} msp_fo_apply;

/* Applies one property value; false if the value is invalid (the caller
 * reports it). Warnings for ignored values go to a->job->diags. */
bool msp_fo_apply_value(msp_fo_apply *a, int id, const char *value);

/* What to tell the author about a refused value of property id (a unit
 * missing from a number, a unit XSL does not have, the valid keywords), or
 * NULL. Allocated in the job arena. */
const char *msp_fo_value_hint(msp_fo_apply *a, int id, const char *value);

/* Single values (fo_value.c), for the shorthands: false if invalid. */
bool msp_fo_value_length(msp_fo_apply *a, const char *v, bool allow_neg, double *out);
/* A length that may hold a percentage: *pt + *pct % of what the property refers to. */
bool msp_fo_value_length_pct(msp_fo_apply *a, const char *v, bool allow_neg, double *pt, double *pct);
bool msp_fo_value_border_width(msp_fo_apply *a, const char *v, double *out);
bool msp_fo_value_border_style(const char *v, int *out);
bool msp_fo_value_font_size(msp_fo_apply *a, const char *v, double *out);
bool msp_fo_value_font_weight(msp_fo_apply *a, const char *v, int *out);
bool msp_fo_value_line_height(msp_fo_apply *a, const char *v);
/* v without surrounding blanks, copied into the job arena */
const char *msp_fo_value_trim(msp_fo_apply *a, const char *v);

/* Shorthands (fo_shorthand.c): false if the value is invalid. four: the
 * kind is MARGIN, PADDING or BORDER_WIDTH4/STYLE4/COLOR4. border_side
 * modifies value (tokenised in place). */
bool msp_fo_shorthand_four(msp_fo_apply *a, msp_fo_prop_kind kind, const char *value);
bool msp_fo_shorthand_border_side(msp_fo_apply *a, int side, char *value);
bool msp_fo_shorthand_font(msp_fo_apply *a, const char *value);
bool msp_fo_shorthand_text_decoration(msp_fo_apply *a, const char *value);

/* Fills s with every property's initial value (uncomputed: border widths
 * stay "medium" until a style makes them visible). */
void msp_fo_style_build_initial(msp_fo_style *s);

/* Resets every non-inherited field of s to its value in initial. */
void msp_fo_style_reset_noninherited(msp_fo_style *s, const msp_fo_style *initial);

/* One attribute waiting to be applied. */
typedef struct msp_fo_pending {
    int prop;
    const char *value;
} msp_fo_pending;

/* Computes node->style from parent_style (NULL = initial) and the pending
 * formatting attributes (sorted here by priority). Reports bad values to
 * job->diags at loc; returns MSP_OK or the first error status. The style is
 * allocated in the job arena. list is the nearest fo:list-block ancestor
 * (or the node itself), for label-end()/body-start(). */
msp_status msp_fo_style_compute(msp_job *job, msp_fo_node *node, const msp_fo_style *parent_style,
                                msp_fo_kind parent_kind, msp_fo_pending *props, int n_props,
                                const msp_fo_node *list);

/* Builds doc's FO tree (fo_tree.c). own_locs: each element's _private holds
 * an msp_fo_xloc recorded while parsing (fo_load.c); otherwise locations
 * come from xmlGetLineNo alone. path names the file in messages. */
typedef struct msp_fo_xloc {
    int line, column;
} msp_fo_xloc;

msp_status msp_fo_tree_build(msp_job *job, msp_fo_doc **out, xmlDoc *doc, const char *path, bool own_locs);

#define MSP_FO_NS "http://www.w3.org/1999/XSL/Format"

#endif
