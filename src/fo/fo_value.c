/* Parsing one property value into msp_fo_style fields: keywords,
 * lengths, spaces, keeps, breaks, borders and the shorthands (margin,
 * padding, border*, font, white-space, page-break-*). Inheritance and the
 * corresponding properties are fo_inherit.c's; expressions fo_length.c's. */
#include "fo/fo_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- value helpers ---- */

typedef struct enum_val {
    const char *name;
    int value;
} enum_val;

static bool enum_parse(const enum_val *t, const char *v, int *out)
{
    for (; t->name; t++)
        if (strcmp(t->name, v) == 0) {
            *out = t->value;
            return true;
        }
    return false;
}

static const enum_val text_align_vals[] = {
    { "start", MSP_ALIGN_START }, { "end", MSP_ALIGN_END }, { "left", MSP_ALIGN_LEFT },
    { "right", MSP_ALIGN_RIGHT }, { "center", MSP_ALIGN_CENTER }, { "justify", MSP_ALIGN_JUSTIFY },
    { "inside", MSP_ALIGN_START }, { "outside", MSP_ALIGN_END }, { NULL, 0 }
};
static const enum_val text_align_last_vals[] = {
    { "relative", MSP_ALIGN_RELATIVE }, { "start", MSP_ALIGN_START }, { "end", MSP_ALIGN_END },
    { "left", MSP_ALIGN_LEFT }, { "right", MSP_ALIGN_RIGHT }, { "center", MSP_ALIGN_CENTER },
    { "justify", MSP_ALIGN_JUSTIFY }, { "inside", MSP_ALIGN_START }, { "outside", MSP_ALIGN_END },
    { NULL, 0 }
};
static const enum_val transform_vals[] = {
    { "none", MSP_TT_NONE }, { "uppercase", MSP_TT_UPPER }, { "lowercase", MSP_TT_LOWER },
    { "capitalize", MSP_TT_CAPITALIZE }, { NULL, 0 }
};
static const enum_val linefeed_vals[] = {
    { "treat-as-space", MSP_LF_TREAT_AS_SPACE }, { "preserve", MSP_LF_PRESERVE },
    { "ignore", MSP_LF_IGNORE }, { "treat-as-zero-width-space", MSP_LF_IGNORE }, { NULL, 0 }
};
static const enum_val wst_vals[] = {
    { "ignore-if-surrounding-linefeed", MSP_WST_IGNORE_IF_SURROUNDING_LF }, { "preserve", MSP_WST_PRESERVE },
    { "ignore", MSP_WST_IGNORE }, { "ignore-if-before-linefeed", MSP_WST_IGNORE_BEFORE_LF },
    { "ignore-if-after-linefeed", MSP_WST_IGNORE_AFTER_LF }, { NULL, 0 }
};
static const enum_val wrap_vals[] = { { "wrap", 1 }, { "no-wrap", 0 }, { NULL, 0 } };
static const enum_val collapse_vals[] = { { "collapse", 1 }, { "separate", 0 },
                                          { "collapse-with-precedence", 1 }, { NULL, 0 } };
static const enum_val display_align_vals[] = {
    { "auto", MSP_DA_AUTO }, { "before", MSP_DA_BEFORE }, { "center", MSP_DA_CENTER },
    { "after", MSP_DA_AFTER }, { NULL, 0 }
};
static const enum_val span_vals[] = { { "none", 0 }, { "all", 1 }, { NULL, 0 } };
static const enum_val scaling_vals[] = { { "uniform", MSP_SCALING_UNIFORM },
                                         { "non-uniform", MSP_SCALING_NON_UNIFORM }, { NULL, 0 } };
static const enum_val cb_placement_vals[] = {
    { "start", MSP_CB_START }, { "end", MSP_CB_END }, { "left", MSP_CB_LEFT }, { "right", MSP_CB_RIGHT },
    { "inside", MSP_CB_INSIDE }, { "outside", MSP_CB_OUTSIDE }, { "alternate", MSP_CB_ALTERNATE }, { NULL, 0 }
};
static const enum_val abs_pos_vals[] = { { "auto", MSP_POS_AUTO }, { "absolute", MSP_POS_ABSOLUTE },
                                         { "fixed", MSP_POS_FIXED }, { NULL, 0 } };
static const enum_val leader_vals[] = { { "space", MSP_LEADER_SPACE }, { "rule", MSP_LEADER_RULE },
                                        { "dots", MSP_LEADER_DOTS }, { NULL, 0 } };
static const enum_val border_style_vals[] = {
    { "none", MSP_BORDER_NONE }, { "hidden", MSP_BORDER_NONE }, { "solid", MSP_BORDER_SOLID },
    { "dotted", MSP_BORDER_DOTTED }, { "dashed", MSP_BORDER_DASHED }, { "double", MSP_BORDER_DOUBLE },
    /* 3-D styles have no rendering of their own: drawn solid */
    { "groove", MSP_BORDER_SOLID }, { "ridge", MSP_BORDER_SOLID }, { "inset", MSP_BORDER_SOLID },
    { "outset", MSP_BORDER_SOLID }, { NULL, 0 }
};
static const enum_val break_vals[] = {
    { "auto", MSP_BREAK_AUTO }, { "page", MSP_BREAK_PAGE }, { "odd-page", MSP_BREAK_ODD_PAGE },
    { "even-page", MSP_BREAK_EVEN_PAGE }, { "column", MSP_BREAK_COLUMN }, { NULL, 0 }
};
static const enum_val weight_vals[] = {
    { "normal", 400 }, { "bold", 700 }, { "100", 100 }, { "200", 200 }, { "300", 300 }, { "400", 400 },
    { "500", 500 }, { "600", 600 }, { "700", 700 }, { "800", 800 }, { "900", 900 }, { NULL, 0 }
};
static const enum_val border_width_vals[] = { { "thin", 50 }, { "medium", 100 }, { "thick", 200 },
                                              { NULL, 0 } };  /* hundredths of a pt */

/* A part of a value layout does not use yet: laid out without it, said at its place. */
static bool warn_part(msp_fo_apply *a, bool present, const char *what)
{
    if (present)
        msp_diag_warn(&a->job->diags, a->loc, "docs/fo-subset.md lists what layout resolves",
                      "%s is not used by layout yet: laid out without it", what);
    return true;
}

static bool parse_int(const char *v, long min, int *out)
{
    char *e;
    long n = strtol(v, &e, 10);
    if (e == v || *e || n < min || n > INT32_MAX - 1)
        return false;
    *out = (int)n;
    return true;
}

bool msp_fo_value_border_style(const char *v, int *out)
{
    return enum_parse(border_style_vals, v, out);
}

/* ---- applying one value ---- */

/* The border longhands come in groups of three (width, style, colour) in the
 * side order top bottom left right before after start end. */
G_STATIC_ASSERT(MSP_P_BORDER_END_COLOR - MSP_P_BORDER_TOP_WIDTH == 23);
G_STATIC_ASSERT(MSP_P_BORDER_TOP_STYLE == MSP_P_BORDER_TOP_WIDTH + 1);
G_STATIC_ASSERT(MSP_P_SPACE_AFTER == MSP_P_SPACE_BEFORE_PREC + 1);
G_STATIC_ASSERT(MSP_P_KEEP_WITH_NEXT < MSP_P_KEEP_WITH_PREVIOUS && MSP_P_KEEP_WITH_PREVIOUS < MSP_P_KEEP_TOGETHER);

#define BAD false
/* Lengths past 1e6 pt (350 m) are typos or attacks; refusing them keeps every
 * later sum far from overflow (and from Pango's int units). */
#define MSP_FO_MAX_LENGTH 1e6
#define MSP_FO_MAX_PERCENT 1e6

bool msp_fo_value_length(msp_fo_apply *a, const char *v, bool allow_neg, double *out)
{
    double d;
    if (!msp_fo_length_parse(v, a->s->font_size, &d))
        return BAD;
    if (!allow_neg && d < 0)
        return BAD;
    if (!(d >= -MSP_FO_MAX_LENGTH && d <= MSP_FO_MAX_LENGTH))
        return BAD;
    *out = d;
    return true;
}

bool msp_fo_value_border_width(msp_fo_apply *a, const char *v, double *out)
{
    int hundredths;
    if (enum_parse(border_width_vals, v, &hundredths)) {
        *out = hundredths / 100.0;
        return true;
    }
    return msp_fo_value_length(a, v, false, out);
}

static bool space_value(msp_fo_apply *a, const char *v, msp_space *sp)
{
    double d;
    if (!msp_fo_value_length(a, v, true, &d))
        return BAD;
    sp->min = sp->opt = sp->max = d;
    return true;
}

static bool keep_value(const char *v, int *out)
{
    if (strcmp(v, "auto") == 0)
        *out = MSP_KEEP_AUTO;
    else if (strcmp(v, "always") == 0)
        *out = MSP_KEEP_ALWAYS;
    else {
        int n;
        if (!parse_int(v, 1, &n))   /* integer strengths are treated as always (docs/fo-subset.md) */
            return BAD;
        *out = MSP_KEEP_ALWAYS;
    }
    return true;
}

bool msp_fo_value_length_pct(msp_fo_apply *a, const char *v, bool allow_neg, double *pt, double *pct)
{
    msp_fo_expr e;
    if (!msp_fo_expr_eval(v, a->s->font_size, &e) || e.fn != MSP_INDENT_PLAIN || e.prop ||
        (!e.is_length && e.v != 0))
        return BAD;
    /* never negative means: no negative part, except a length taken from a percentage ("10% - 2pt") */
    if (!allow_neg && (e.pct < 0 || (e.pct == 0 && e.v < 0)))
        return BAD;
    if (!(e.v >= -MSP_FO_MAX_LENGTH && e.v <= MSP_FO_MAX_LENGTH) || !(fabs(e.pct) <= MSP_FO_MAX_PERCENT))
        return BAD;
    *pt = e.v;
    *pct = e.pct;
    return true;
}

/* auto, a length, a percentage, or (column) table units; with plus, a
 * length may be added to the percentage or the table units, else not. */
static bool len_or_auto(msp_fo_apply *a, const char *v, bool column, msp_len *out, double *plus)
{
    if (plus)
        *plus = 0;
    if (strcmp(v, "auto") == 0) {
        *out = (msp_len){ MSP_LEN_AUTO, 0 };
        return true;
    }
    msp_fo_expr e;
    if (!msp_fo_expr_eval(v, a->s->font_size, &e) || e.fn != MSP_INDENT_PLAIN)
        return BAD;
    if (!(e.v >= -MSP_FO_MAX_LENGTH && e.v <= MSP_FO_MAX_LENGTH))
        return BAD;
    if ((e.prop || e.pct != 0) && e.v != 0 && !plus)
        return BAD;
    if (e.prop) {
        /* column-width="2pt + proportional-column-width(1)" (XSL 5.10.4); not with a percentage */
        if (!column || e.pct != 0 || e.v < 0 || !(e.pcw <= MSP_FO_MAX_LENGTH))
            return BAD;
        *out = (msp_len){ MSP_LEN_PROP, e.pcw };
        if (plus)
            *plus = e.v;
        return true;
    }
    if (!e.is_length && e.v != 0)
        return BAD;
    if (e.pct != 0) {
        /* width="100% - (2 * 5pt)": the percentage and the length, resolved by layout */
        if (!(e.pct > 0 && e.pct <= MSP_FO_MAX_PERCENT))
            return BAD;
        *out = (msp_len){ MSP_LEN_PCT, e.pct };
        if (plus)
            *plus = e.v;
        return true;
    }
    *out = (msp_len){ MSP_LEN_ABS, e.v };
    return out->v >= 0;
}

#define MSP_FO_MAX_FONT_SIZE 10000.0   /* pt */

bool msp_fo_value_font_size(msp_fo_apply *a, const char *v, double *out)
{
    static const struct { const char *name; double pt; } named[] = {
        { "xx-small", 6.944 }, { "x-small", 8.333 }, { "small", 10.0 }, { "medium", 12.0 },
        { "large", 14.4 }, { "x-large", 17.28 }, { "xx-large", 20.736 },
    };
    double pf = a->parent->font_size;
    for (size_t i = 0; i < G_N_ELEMENTS(named); i++)
        if (strcmp(v, named[i].name) == 0) {
            *out = named[i].pt;
            return true;
        }
    if (strcmp(v, "larger") == 0) {
        *out = pf * 1.2;
        return *out <= MSP_FO_MAX_FONT_SIZE ? true : BAD;
    }
    if (strcmp(v, "smaller") == 0) {
        *out = pf / 1.2;
        return true;
    }
    msp_fo_expr e;   /* em and % are relative to the parent's font size */
    if (!msp_fo_expr_eval(v, pf, &e) || e.fn != MSP_INDENT_PLAIN || e.prop || (!e.is_length && e.v != 0))
        return BAD;
    double d = e.v + e.pct * pf / 100.0;
    /* Pango sizes are ints of 1/1024 pt: far past any real page, refuse */
    if (!(d >= 0) || d > MSP_FO_MAX_FONT_SIZE)
        return BAD;
    if (d == 0 && pf > 0)   /* valid (only negative sizes are not); FOP's cases hide text this way */
        msp_diag_warn(&a->job->diags, a->loc, "remove the text, or give it a size",
                      "font-size '%s' is 0: the text takes no room and is not drawn", v);
    *out = d;
    return true;
}

bool msp_fo_value_font_weight(msp_fo_apply *a, const char *v, int *out)
{
    int pw = a->parent->font_weight;
    if (strcmp(v, "bolder") == 0)
        *out = pw < 400 ? 400 : pw < 600 ? 700 : 900;
    else if (strcmp(v, "lighter") == 0)
        *out = pw > 700 ? 700 : pw > 500 ? 400 : 100;
    else
        return enum_parse(weight_vals, v, out);
    return true;
}

bool msp_fo_value_line_height(msp_fo_apply *a, const char *v)
{
    msp_fo_style *s = a->s;
    if (strcmp(v, "normal") == 0) {
        s->line_height_factor = 1.2;
        s->line_height = 1.2 * s->font_size;
        return true;
    }
    msp_fo_expr e;
    if (!msp_fo_expr_eval(v, s->font_size, &e) || e.fn != MSP_INDENT_PLAIN || e.prop)
        return BAD;
    if (!e.is_length && e.v != 0) {   /* a number: inherited as the number */
        if (e.v < 0)
            return BAD;
        s->line_height_factor = e.v;
        s->line_height = e.v * s->font_size;
        return true;
    }
    double d = e.v + e.pct * s->font_size / 100.0;  /* length or % of the own font size; 0 is valid */
    if (d < 0)
        return BAD;
    s->line_height_factor = 0;
    s->line_height = d;
    return true;
}

/* baseline-shift: super/sub and percentages are relative to the PARENT
 * (XSL 7.14.3: percentages refer to the parent's line-height; super = +0.33
 * and sub = -0.2 of the parent font size, as fo.h states); lengths in em use
 * the element's own font size like every other length. */
static bool baseline_shift_value(msp_fo_apply *a, const char *v)
{
    if (strcmp(v, "baseline") == 0)
        a->s->baseline_shift = 0;
    else if (strcmp(v, "super") == 0)
        a->s->baseline_shift = 0.33 * a->parent->font_size;
    else if (strcmp(v, "sub") == 0)
        a->s->baseline_shift = -0.2 * a->parent->font_size;
    else {
        msp_fo_expr e;
        if (!msp_fo_expr_eval(v, a->s->font_size, &e) || e.fn != MSP_INDENT_PLAIN || e.prop ||
            (!e.is_length && e.v != 0))
            return BAD;
        a->s->baseline_shift = e.v + e.pct * a->parent->line_height / 100.0;
    }
    return true;
}

const char *msp_fo_value_trim(msp_fo_apply *a, const char *v)
{
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\n' || v[n - 1] == '\r'))
        n--;
    return msp_arena_strndup(a->job->arena, v, n);
}

static bool lang_value(msp_fo_apply *a, const char *v, const char **out)
{
    if (!*v)
        return BAD;
    *out = strcmp(v, "none") == 0 ? NULL : msp_fo_value_trim(a, v);
    return true;
}

static bool xml_lang_value(msp_fo_apply *a, const char *v)
{
    if (!*v)
        return BAD;
    const char *dash = strpbrk(v, "-_");
    if (dash) {
        a->s->language = msp_arena_strndup(a->job->arena, v, (size_t)(dash - v));
        a->s->country = msp_fo_value_trim(a, dash + 1);
    } else {
        a->s->language = msp_fo_value_trim(a, v);
    }
    return true;
}

static bool unsupported(msp_fo_apply *a, int id, const char *v)
{
    const msp_fo_prop_info *p = &msp_fo_props[id];
    if (p->kind == MSP_K_WARN) {
        if (*p->initial && strcmp(v, p->initial) == 0)
            return true;
        msp_diag_warn(&a->job->diags, a->loc, "remove it, or see docs/fo-subset.md",
                      "property '%s' is not supported by mspdoc, ignored", p->name);
        return true;
    }
    /* MSP_K_CHECK and table-layout: only the harmless value passes */
    if (strcmp(v, p->initial) == 0 || (id == MSP_P_TABLE_LAYOUT && strcmp(v, "auto") == 0))
        return true;
    a->failed_unsupported = true;
    return BAD;
}

/* reference-orientation (XSL 1.1 7.21.3): 0, 90, 180, 270, -90, -180 or
 * -270, a plain integer or an angle in deg; stored as 0/90/180/270. */
static bool orientation_value(msp_fo_apply *a, const char *v, int *out)
{
    char *e;
    long n = strtol(v, &e, 10);
    if (e != v && strcmp(e, "deg") == 0)
        e += 3;
    if (e == v || *e || n % 90 != 0 || n < -270 || n > 270) {
        a->hint = "reference-orientation is 0, 90, 180, 270, -90, -180 or -270 (degrees, counter-clockwise)";
        return BAD;
    }
    *out = (int)((n + 360) % 360);
    return true;
}

/* Kinds whose values are, or may be, lengths. */
static bool takes_length(msp_fo_prop_kind k)
{
    switch (k) {
    case MSP_K_FONT_SIZE: case MSP_K_SPACING: case MSP_K_VERTICAL_ALIGN: case MSP_K_BASELINE_SHIFT:
    case MSP_K_LENGTH: case MSP_K_LENGTH_NONNEG: case MSP_K_INDENT: case MSP_K_MARGIN: case MSP_K_SPACE:
    case MSP_K_SPACE_MIN: case MSP_K_SPACE_OPT: case MSP_K_SPACE_MAX: case MSP_K_PADDING:
    case MSP_K_BORDER_ALL: case MSP_K_BORDER_WIDTH4: case MSP_K_BORDER_SIDE_BEFORE:
    case MSP_K_BORDER_SIDE_AFTER: case MSP_K_BORDER_SIDE_START: case MSP_K_BORDER_SIDE_END:
    case MSP_K_BORDER_WIDTH: case MSP_K_DIMENSION_WIDTH: case MSP_K_DIMENSION_HEIGHT: case MSP_K_LEN:
    case MSP_K_LEN_COLUMN: case MSP_K_LEN_SCALE: case MSP_K_LEN_OFFSET: case MSP_K_LEADER_LENGTH: case MSP_K_LEADER_MIN:
    case MSP_K_LEADER_OPT: case MSP_K_LEADER_MAX: case MSP_K_PAGE_WIDTH: case MSP_K_PAGE_HEIGHT:
    case MSP_K_FONT:
        return true;
    default:
        return false;
    }
}

/* The hint for v when it is a number (not 0) where a length is wanted. */
static const char *number_hint(msp_fo_apply *a, const char *v)
{
    msp_fo_expr e;
    if (!msp_fo_expr_eval(v, a->s->font_size, &e) || e.is_length || e.prop || e.v == 0)
        return NULL;
    const char *t = msp_fo_value_trim(a, v);
    for (const char *c = t; *c; c++)
        if (!g_ascii_isdigit(*c) && *c != '.' && *c != '-' && *c != '+')
            return "a length needs a unit (XSL 1.1 5.11): add one (pt, mm, cm, in, pc, px, em)";
    return msp_arena_printf(a->job->arena, "a length needs a unit (XSL 1.1 5.11): add one, as in %spt "
                            "(or mm, cm, in, pc, px, em)", t);
}

const char *msp_fo_value_hint(msp_fo_apply *a, int id, const char *value)
{
    const msp_fo_prop_info *p = &msp_fo_props[id];
    if (takes_length(p->kind)) {
        const char *u;
        size_t n;
        if (msp_fo_expr_unknown_unit(value, &u, &n)) {
            if (n == 3 && memcmp(u, "mpt", 3) == 0)
                return "'mpt' (FOP's millipoints) is not an XSL unit (XSL 1.1 5.9.13): divide by 1000 and "
                       "write pt";
            return msp_arena_printf(a->job->arena, "'%.*s' is not an XSL unit (XSL 1.1 5.9.13): use pt, mm, "
                                    "cm, in, pc, px or em", (int)n, u);
        }
        /* a number where a length is wanted: the whole value, or one word of a shorthand */
        const char *h = number_hint(a, value);
        if (!h) {
            gchar **tok = g_strsplit_set(value, " \t\r\n", 64);
            for (int i = 0; tok[i] && !h; i++)
                if (*tok[i])
                    h = number_hint(a, tok[i]);
            g_strfreev(tok);
        }
        if (h)
            return h;
    }
    if (p->kind == MSP_K_COLOR)
        return "a colour is a CSS3 colour name, #rgb, #rrggbb, rgb(r, g, b) or rgb-icc(r, g, b, profile, ...)";
    if (p->kind == MSP_K_FONT_STYLE)
        return "font-style is normal, italic, oblique or backslant";
    return NULL;
}

/* The side a padding longhand sets, or -1. */
static int padding_side(int id)
{
    switch (id) {
    case MSP_P_PADDING_TOP: case MSP_P_PADDING_BEFORE: return MSP_BEFORE;
    case MSP_P_PADDING_BOTTOM: case MSP_P_PADDING_AFTER: return MSP_AFTER;
    case MSP_P_PADDING_LEFT: case MSP_P_PADDING_START: return MSP_START;
    case MSP_P_PADDING_RIGHT: case MSP_P_PADDING_END: return MSP_END;
    default: return -1;
    }
}

bool msp_fo_apply_value(msp_fo_apply *a, int id, const char *value)
{
    msp_fo_style *s = a->s;
    const msp_fo_prop_info *p = &msp_fo_props[id];
    char buf[256];
    const char *v = value;
    /* trim for keyword matching (attribute values as written may carry blanks) */
    if (strlen(value) < sizeof buf && (value[0] == ' ' || value[0] == '\t' || value[0] == '\n' ||
                                       (value[0] && strchr(" \t\r\n", value[strlen(value) - 1])))) {
        const char *t = msp_fo_value_trim(a, value);
        v = t;
    }
    if (strcmp(v, "inherit") == 0) {
        if (msp_fo_style_inherit_field(s, a->parent, id)) {
            if (id == MSP_P_LINE_HEIGHT)
                s->line_height_factor = a->parent->line_height_factor;
            else if (id == MSP_P_PROVISIONAL_DISTANCE)
                s->provisional_distance_pct = a->parent->provisional_distance_pct;
            else if (id == MSP_P_PROVISIONAL_SEPARATION)
                s->provisional_separation_pct = a->parent->provisional_separation_pct;
            else if (padding_side(id) >= 0)
                s->padding_pct[padding_side(id)] = a->parent->padding_pct[padding_side(id)];
            else if (id == MSP_P_WIDTH)
                s->width_pt = a->parent->width_pt;
            else if (id == MSP_P_HEIGHT)
                s->height_pt = a->parent->height_pt;
            else if (id == MSP_P_COLUMN_WIDTH)
                s->column_width_pt = a->parent->column_width_pt;
            return true;
        }
        return true;    /* shorthands: "inherit" keeps the inherited or initial values */
    }
    int e;
    double d;
    switch (p->kind) {
    case MSP_K_FONT:
        return msp_fo_shorthand_font(a, v);
    case MSP_K_FONT_SIZE:
        return msp_fo_value_font_size(a, v, &s->font_size);
    case MSP_K_STRING:
        if (!*v)
            return BAD;
        s->font_family = msp_fo_value_trim(a, v);
        return true;
    case MSP_K_FONT_WEIGHT:
        return msp_fo_value_font_weight(a, v, &s->font_weight);
    case MSP_K_FONT_STYLE:
        if (strcmp(v, "normal") == 0)
            s->italic = false;
        else if (strcmp(v, "italic") == 0 || strcmp(v, "oblique") == 0 || strcmp(v, "backslant") == 0)
            s->italic = true;
        else
            return BAD;
        return true;
    case MSP_K_FONT_VARIANT:
        if (strcmp(v, "normal") == 0)
            s->small_caps = false;
        else if (strcmp(v, "small-caps") == 0)
            s->small_caps = true;
        else
            return BAD;
        return true;
    case MSP_K_LINE_HEIGHT:
        a->line_height_set = true;
        return msp_fo_value_line_height(a, v);
    case MSP_K_COLOR: {
        uint32_t c;
        if (id == MSP_P_BACKGROUND_COLOR && strcmp(v, "transparent") == 0)
            c = MSP_COLOR_NONE;
        else if (!msp_fo_color_parse(v, &c))
            return BAD;
        switch (id) {
        case MSP_P_COLOR: s->color = c; break;
        case MSP_P_BACKGROUND_COLOR: s->background_color = c; break;
        case MSP_P_CHANGE_BAR_COLOR: s->change_bar_color = c; break;
        case MSP_P_BORDER_TOP_COLOR: case MSP_P_BORDER_BEFORE_COLOR:
            s->border[MSP_BEFORE].color = c; a->border_color_set[MSP_BEFORE] = true; break;
        case MSP_P_BORDER_BOTTOM_COLOR: case MSP_P_BORDER_AFTER_COLOR:
            s->border[MSP_AFTER].color = c; a->border_color_set[MSP_AFTER] = true; break;
        case MSP_P_BORDER_LEFT_COLOR: case MSP_P_BORDER_START_COLOR:
            s->border[MSP_START].color = c; a->border_color_set[MSP_START] = true; break;
        default:
            s->border[MSP_END].color = c; a->border_color_set[MSP_END] = true; break;
        }
        return true;
    }
    case MSP_K_TEXT_DECORATION:
        return msp_fo_shorthand_text_decoration(a, v);
    case MSP_K_SPACING: {
        double *f = id == MSP_P_LETTER_SPACING ? &s->letter_spacing : &s->word_spacing;
        if (strcmp(v, "normal") == 0) {
            *f = 0;
            return true;
        }
        return msp_fo_value_length(a, v, true, f);
    }
    case MSP_K_ENUM:
        switch (id) {
        case MSP_P_TEXT_TRANSFORM:
            if (!enum_parse(transform_vals, v, &e)) return BAD;
            s->text_transform = (msp_transform)e; return true;
        case MSP_P_LINEFEED_TREATMENT:
            if (!enum_parse(linefeed_vals, v, &e)) return BAD;
            s->linefeed_treatment = (msp_linefeed)e; return true;
        case MSP_P_WHITE_SPACE_TREATMENT:
            if (!enum_parse(wst_vals, v, &e)) return BAD;
            s->white_space_treatment = (msp_ws_treatment)e; return true;
        case MSP_P_WRAP_OPTION:
            if (!enum_parse(wrap_vals, v, &e)) return BAD;
            s->wrap = e != 0; return true;
        case MSP_P_TEXT_ALIGN:
            if (!enum_parse(text_align_vals, v, &e)) return BAD;
            s->text_align = (msp_text_align)e; return true;
        case MSP_P_TEXT_ALIGN_LAST:
            if (!enum_parse(text_align_last_vals, v, &e)) return BAD;
            s->text_align_last = (msp_text_align)e; return true;
        case MSP_P_BORDER_COLLAPSE:
            if (!enum_parse(collapse_vals, v, &e)) return BAD;
            s->border_collapse = e != 0; return true;
        case MSP_P_DISPLAY_ALIGN:
            if (!enum_parse(display_align_vals, v, &e)) return BAD;
            s->display_align = (msp_display_align)e; return true;
        case MSP_P_SPAN:
            if (!enum_parse(span_vals, v, &e)) return BAD;
            s->span_all = e != 0; return true;
        case MSP_P_SCALING:
            if (!enum_parse(scaling_vals, v, &e)) return BAD;
            s->scaling = (msp_scaling)e; return true;
        case MSP_P_CHANGE_BAR_PLACEMENT:
            if (!enum_parse(cb_placement_vals, v, &e)) return BAD;
            s->change_bar_placement = e; return true;
        case MSP_P_WRITING_MODE:
            if (strcmp(v, "lr-tb") == 0 || strcmp(v, "lr") == 0) {
                s->rtl = false;
                return true;
            }
            if (strcmp(v, "rl-tb") == 0 || strcmp(v, "rl") == 0) {
                s->rtl = true;
                return true;
            }
            if (strcmp(v, "tb-rl") == 0 || strcmp(v, "tb") == 0 || strcmp(v, "tb-lr") == 0 ||
                strcmp(v, "lr-bt") == 0 || strcmp(v, "rl-bt") == 0 || strcmp(v, "bt-lr") == 0 ||
                strcmp(v, "bt-rl") == 0) {
                a->failed_unsupported = true;   /* vertical and bottom-to-top modes: outside the subset */
                return BAD;
            }
            return BAD;
        case MSP_P_ABSOLUTE_POSITION:
            if (strcmp(v, "relative") == 0) {
                a->failed_unsupported = true;   /* outside the subset: refused as such */
                return BAD;
            }
            if (!enum_parse(abs_pos_vals, v, &e)) return BAD;
            s->absolute_position = (msp_abs_pos)e; return true;
        case MSP_P_LEADER_PATTERN:
            if (strcmp(v, "use-content") == 0) {
                s->leader_pattern = MSP_LEADER_USE_CONTENT;   /* the leader's content, repeated */
                return true;
            }
            if (!enum_parse(leader_vals, v, &e)) return BAD;
            s->leader_pattern = (msp_leader_pattern)e; return true;
        default:
            return BAD;
        }
    case MSP_K_VERTICAL_ALIGN:
        if (strcmp(v, "top") == 0 || strcmp(v, "middle") == 0 || strcmp(v, "bottom") == 0 ||
            strcmp(v, "text-top") == 0 || strcmp(v, "text-bottom") == 0) {
            msp_diag_warn(&a->job->diags, a->loc, NULL, "vertical-align '%s' is not supported, ignored", v);
            return true;
        }
        return baseline_shift_value(a, v);
    case MSP_K_BASELINE_SHIFT:
        return baseline_shift_value(a, v);
    case MSP_K_BOOL:
        if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
            return BAD;
        if (id == MSP_P_HYPHENATE)
            s->hyphenate = v[0] == 't';
        else if (id == MSP_P_TABLE_OMIT_HEADER)
            s->omit_header = v[0] == 't';
        else if (id == MSP_P_TABLE_OMIT_FOOTER)
            s->omit_footer = v[0] == 't';
        else if (id == MSP_P_STARTS_ROW)
            s->starts_row = v[0] == 't';
        else if (id == MSP_P_ENDS_ROW)
            s->ends_row = v[0] == 't';
        else if (id == MSP_P_PRECEDENCE)
            s->precedence_over_sides = v[0] == 't';
        else
            s->white_space_collapse = v[0] == 't';
        return true;
    case MSP_K_XML_LANG:
        return xml_lang_value(a, v);
    case MSP_K_LANG:
        return lang_value(a, v, id == MSP_P_LANGUAGE ? &s->language : &s->country);
    case MSP_K_WHITE_SPACE:
        if (strcmp(v, "normal") == 0) {
            s->white_space_collapse = true;
            s->linefeed_treatment = MSP_LF_TREAT_AS_SPACE;
            s->white_space_treatment = MSP_WST_IGNORE_IF_SURROUNDING_LF;
            s->wrap = true;
        } else if (strcmp(v, "pre") == 0) {
            s->white_space_collapse = false;
            s->linefeed_treatment = MSP_LF_PRESERVE;
            s->white_space_treatment = MSP_WST_PRESERVE;
            s->wrap = false;
        } else if (strcmp(v, "nowrap") == 0) {
            s->wrap = false;
        } else {
            return BAD;
        }
        return true;
    case MSP_K_LENGTH:
    case MSP_K_LENGTH_NONNEG: {
        bool neg = p->kind == MSP_K_LENGTH;
        switch (id) {
        case MSP_P_MARGIN_TOP: case MSP_P_MARGIN_BOTTOM: case MSP_P_MARGIN_LEFT: case MSP_P_MARGIN_RIGHT: {
            int side = id == MSP_P_MARGIN_TOP ? MSP_BEFORE : id == MSP_P_MARGIN_BOTTOM ? MSP_AFTER
                     : id == MSP_P_MARGIN_LEFT ? MSP_START : MSP_END;
            msp_fo_expr x;
            if (strcmp(v, "auto") == 0)
                x = (msp_fo_expr){ .is_length = true };
            else if (!msp_fo_expr_eval(v, s->font_size, &x) || x.fn != MSP_INDENT_PLAIN || x.prop ||
                     (!x.is_length && x.v != 0))
                return BAD;
            s->margin[side] = x.v;
            a->margin_pct[side] = x.pct;
            a->margin_set[side] = true;
            return true;
        }
        case MSP_P_TEXT_INDENT: return msp_fo_value_length(a, v, true, &s->text_indent);
        case MSP_P_PADDING_TOP: case MSP_P_PADDING_BEFORE: case MSP_P_PADDING_BOTTOM: case MSP_P_PADDING_AFTER:
        case MSP_P_PADDING_LEFT: case MSP_P_PADDING_START: case MSP_P_PADDING_RIGHT: case MSP_P_PADDING_END: {
            int side = padding_side(id);
            return msp_fo_value_length_pct(a, v, false, &s->padding[side], &s->padding_pct[side]) &&
                   warn_part(a, s->padding_pct[side] != 0, "the percentage of padding (borders and "
                                                           "backgrounds do not grow by it)");
        }
        case MSP_P_PROVISIONAL_DISTANCE:
            return msp_fo_value_length_pct(a, v, neg, &s->provisional_distance_between_starts,
                                           &s->provisional_distance_pct) &&
                   warn_part(a, s->provisional_distance_pct != 0,
                             "the percentage of provisional-distance-between-starts");
        case MSP_P_PROVISIONAL_SEPARATION:
            return msp_fo_value_length_pct(a, v, neg, &s->provisional_label_separation,
                                           &s->provisional_separation_pct) &&
                   warn_part(a, s->provisional_separation_pct != 0,
                             "the percentage of provisional-label-separation");
        case MSP_P_RULE_THICKNESS: return msp_fo_value_length(a, v, false, &s->rule_thickness);
        case MSP_P_EXTENT: return msp_fo_value_length_pct(a, v, false, &s->extent, &s->extent_pct);
        case MSP_P_COLUMN_GAP: return msp_fo_value_length(a, v, false, &s->column_gap);
        case MSP_P_CHANGE_BAR_OFFSET: return msp_fo_value_length(a, v, true, &s->change_bar_offset);
        default: return BAD;
        }
    }
    case MSP_K_INDENT: {
        msp_fo_expr x;
        if (!msp_fo_expr_eval(v, s->font_size, &x) || x.prop || (!x.is_length && x.v != 0))
            return BAD;
        msp_indent ind = { x.fn, x.v, x.pct, x.fn != MSP_INDENT_PLAIN ? a->list : NULL };
        if (x.fn != MSP_INDENT_PLAIN && !a->list)
            return BAD;   /* label-end()/body-start() outside a list */
        if (id == MSP_P_START_INDENT) {
            s->start_indent = ind;
            a->start_indent_set = true;
        } else {
            s->end_indent = ind;
            a->end_indent_set = true;
        }
        return true;
    }
    case MSP_K_MARGIN:
    case MSP_K_PADDING:
    case MSP_K_BORDER_WIDTH4:
    case MSP_K_BORDER_STYLE4:
    case MSP_K_BORDER_COLOR4:
        return msp_fo_shorthand_four(a, p->kind, v);
    case MSP_K_SPACE:
    case MSP_K_SPACE_MIN: case MSP_K_SPACE_OPT: case MSP_K_SPACE_MAX: case MSP_K_SPACE_COND: case MSP_K_SPACE_PREC: {
        bool before = id <= MSP_P_SPACE_BEFORE_PREC;
        msp_space *sp = before ? &s->space_before : &s->space_after;
        if (before)
            a->space_before_set = true;
        else
            a->space_after_set = true;
        switch (p->kind) {
        case MSP_K_SPACE: return space_value(a, v, sp);
        case MSP_K_SPACE_MIN: return msp_fo_value_length(a, v, true, &sp->min);
        case MSP_K_SPACE_OPT: return msp_fo_value_length(a, v, true, &sp->opt);
        case MSP_K_SPACE_MAX: return msp_fo_value_length(a, v, true, &sp->max);
        case MSP_K_SPACE_COND:
            if (strcmp(v, "retain") == 0) sp->retain = true;
            else if (strcmp(v, "discard") == 0) sp->retain = false;
            else return BAD;
            return true;
        default:
            if (strcmp(v, "force") == 0) sp->precedence = INT32_MAX;
            else if (!parse_int(v, INT32_MIN + 1, &sp->precedence)) return BAD;
            return true;
        }
    }
    case MSP_K_BORDER_ALL: {
        for (int side = 0; side < 4; side++) {
            char b[256];
            if (strlen(v) >= sizeof b || (strcpy(b, v), !msp_fo_shorthand_border_side(a, side, b)))
                return BAD;
        }
        return true;
    }
    case MSP_K_BORDER_SIDE_BEFORE: case MSP_K_BORDER_SIDE_AFTER: case MSP_K_BORDER_SIDE_START: case MSP_K_BORDER_SIDE_END: {
        if (strlen(v) >= sizeof buf)
            return BAD;
        strcpy(buf, v);
        int side = p->kind == MSP_K_BORDER_SIDE_BEFORE ? MSP_BEFORE : p->kind == MSP_K_BORDER_SIDE_AFTER ? MSP_AFTER
                 : p->kind == MSP_K_BORDER_SIDE_START ? MSP_START : MSP_END;
        return msp_fo_shorthand_border_side(a, side, buf);
    }
    case MSP_K_BORDER_WIDTH: {
        if (id == MSP_P_CHANGE_BAR_WIDTH)
            return msp_fo_value_border_width(a, v, &s->change_bar_width);
        int side = (id - MSP_P_BORDER_TOP_WIDTH) / 3 % 4;
        /* top bottom left right before after start end, each width/style/color */
        static const int sides[4] = { MSP_BEFORE, MSP_AFTER, MSP_START, MSP_END };
        return msp_fo_value_border_width(a, v, &s->border[sides[side]].width);
    }
    case MSP_K_BORDER_STYLE: {
        if (!enum_parse(border_style_vals, v, &e))
            return BAD;
        if (id == MSP_P_RULE_STYLE) {
            s->rule_style = (msp_border_style)e;
            return true;
        }
        if (id == MSP_P_CHANGE_BAR_STYLE) {
            s->change_bar_style = e;
            return true;
        }
        static const int sides[4] = { MSP_BEFORE, MSP_AFTER, MSP_START, MSP_END };
        s->border[sides[(id - MSP_P_BORDER_TOP_STYLE) / 3 % 4]].style = (msp_border_style)e;
        return true;
    }
    case MSP_K_HYPH_CHAR: {
        /* one character (XSL 7.10.5); a space or control character would hide the hyphen */
        gunichar c = g_utf8_get_char_validated(v, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2 || v[g_utf8_next_char(v) - v] != '\0' ||
            g_unichar_isspace(c) || g_unichar_iscntrl(c))
            return BAD;
        s->hyphenation_character = c;
        return true;
    }
    case MSP_K_LADDER: {
        int n;
        if (strcmp(v, "no-limit") == 0) {
            s->hyphenation_ladder = 0;
            return true;
        }
        if (!parse_int(v, 1, &n))
            return BAD;
        s->hyphenation_ladder = n;
        return true;
    }
    case MSP_K_INT:
    case MSP_K_INT0: {
        int n;
        if (!parse_int(v, p->kind == MSP_K_INT0 ? 0 : 1, &n))
            return BAD;
        switch (id) {
        case MSP_P_WIDOWS: s->widows = n; break;
        case MSP_P_ORPHANS: s->orphans = n; break;
        case MSP_P_HYPHENATION_PUSH: s->hyphenation_push = n; break;
        case MSP_P_HYPHENATION_REMAIN: s->hyphenation_remain = n; break;
        case MSP_P_NUMBER_COLUMNS_REPEATED: s->number_columns_repeated = n; break;
        case MSP_P_NUMBER_COLUMNS_SPANNED: s->number_columns_spanned = n; break;
        case MSP_P_NUMBER_ROWS_SPANNED: s->number_rows_spanned = n; break;
        case MSP_P_COLUMN_COUNT: s->column_count = n; break;
        default: s->column_number = n; break;
        }
        return true;
    }
    case MSP_K_PAGE_BREAK_BEFORE: case MSP_K_PAGE_BREAK_AFTER: {
        bool before = p->kind == MSP_K_PAGE_BREAK_BEFORE;
        msp_break *b = before ? &s->break_before : &s->break_after;
        if (strcmp(v, "auto") == 0) *b = MSP_BREAK_AUTO;
        else if (strcmp(v, "always") == 0) *b = MSP_BREAK_PAGE;
        else if (strcmp(v, "left") == 0) *b = MSP_BREAK_EVEN_PAGE;
        else if (strcmp(v, "right") == 0) *b = MSP_BREAK_ODD_PAGE;
        else if (strcmp(v, "avoid") == 0) {
            if (before) s->keep_with_previous = MSP_KEEP_ALWAYS;
            else s->keep_with_next = MSP_KEEP_ALWAYS;
        } else return BAD;
        return true;
    }
    case MSP_K_PAGE_BREAK_INSIDE:
        if (strcmp(v, "avoid") == 0) s->keep_together = MSP_KEEP_ALWAYS;
        else if (strcmp(v, "auto") == 0) s->keep_together = MSP_KEEP_AUTO;
        else return BAD;
        return true;
    case MSP_K_KEEP:
    case MSP_K_KEEP_COMPONENT: {
        int k;
        if (!keep_value(v, &k))
            return BAD;
        if (id >= MSP_P_KEEP_TOGETHER)
            s->keep_together = k;
        else if (id >= MSP_P_KEEP_WITH_PREVIOUS)
            s->keep_with_previous = k;
        else
            s->keep_with_next = k;
        return true;
    }
    case MSP_K_KEEP_LINE: {
        int k;
        if (!keep_value(v, &k))
            return BAD;
        if (id == MSP_P_KEEP_TOGETHER_LINE)
            s->keep_within_line = k != MSP_KEEP_AUTO;
        else if (k != MSP_KEEP_AUTO)
            msp_diag_warn(&a->job->diags, a->loc, NULL, "property '%s' is not supported by mspdoc, ignored",
                          p->name);
        return true;
    }
    case MSP_K_BREAK:
        if (!enum_parse(break_vals, v, &e))
            return BAD;
        if (id == MSP_P_BREAK_BEFORE)
            s->break_before = (msp_break)e;
        else
            s->break_after = (msp_break)e;
        return true;
    case MSP_K_DIMENSION_WIDTH:
        return len_or_auto(a, v, false, &s->width, &s->width_pt) &&
               warn_part(a, s->width_pt != 0, "the length added to a percentage width");
    case MSP_K_DIMENSION_HEIGHT:
        return len_or_auto(a, v, false, &s->height, &s->height_pt) &&
               warn_part(a, s->height_pt != 0, "the length added to a percentage height");
    case MSP_K_LEN:
        return id == MSP_P_WIDTH ? len_or_auto(a, v, false, &s->width, &s->width_pt) &&
                                       warn_part(a, s->width_pt != 0, "the length added to a percentage width")
                                 : len_or_auto(a, v, false, &s->height, &s->height_pt) &&
                                       warn_part(a, s->height_pt != 0, "the length added to a percentage height");
    case MSP_K_LEN_OFFSET: {
        int k = id == MSP_P_TOP ? MSP_OFFSET_TOP : id == MSP_P_BOTTOM ? MSP_OFFSET_BOTTOM
                : id == MSP_P_LEFT ? MSP_OFFSET_LEFT : MSP_OFFSET_RIGHT;
        return len_or_auto(a, v, false, &s->offset[k], NULL);
    }
    case MSP_K_LEN_COLUMN:
        return len_or_auto(a, v, true, &s->column_width, &s->column_width_pt) &&
               warn_part(a, s->column_width_pt != 0, "the length added to a percentage or to table units");
    case MSP_K_LEN_SCALE: {
        msp_len *l = id == MSP_P_CONTENT_WIDTH ? &s->content_width : &s->content_height;
        if (strcmp(v, "scale-to-fit") == 0 || strcmp(v, "scale-down-to-fit") == 0 ||
            strcmp(v, "scale-up-to-fit") == 0) {
            *l = (msp_len){ MSP_LEN_PCT, 100 };   /* fit the viewport = 100 % of it */
            return true;
        }
        return len_or_auto(a, v, false, l, NULL);
    }
    case MSP_K_TABLE_LAYOUT:
        if (strcmp(v, "fixed") == 0)
            return true;
        if (strcmp(v, "auto") == 0) {
            msp_diag_warn(&a->job->diags, a->loc, NULL, "table-layout 'auto' is not supported, laid out as fixed");
            return true;
        }
        return BAD;
    case MSP_K_LEADER_LENGTH: case MSP_K_LEADER_MIN: case MSP_K_LEADER_OPT: case MSP_K_LEADER_MAX: {
        msp_fo_expr x;
        if (!msp_fo_expr_eval(v, s->font_size, &x) || x.fn != MSP_INDENT_PLAIN || x.prop ||
            (!x.is_length && x.v != 0))
            return BAD;
        /* a percentage of the line: 100% = -1 ("fill"); others kept as pt of nothing -> fill */
        d = x.pct != 0 ? -1 : x.v;
        if (d < 0 && x.pct == 0)
            return BAD;
        if (p->kind == MSP_K_LEADER_LENGTH)
            s->leader_length.min = s->leader_length.opt = s->leader_length.max = d;
        else if (p->kind == MSP_K_LEADER_MIN)
            s->leader_length.min = d;
        else if (p->kind == MSP_K_LEADER_OPT)
            s->leader_length.opt = d;
        else
            s->leader_length.max = d;
        return true;
    }
    case MSP_K_PAGE_WIDTH: case MSP_K_PAGE_HEIGHT: {
        double *f = p->kind == MSP_K_PAGE_WIDTH ? &s->page_width : &s->page_height;
        bool indefinite = strcmp(v, "indefinite") == 0;
        if (strcmp(v, "auto") == 0 || indefinite) {
            *f = p->kind == MSP_K_PAGE_WIDTH ? 595.28 : 841.89;   /* A4 */
            /* XSL 7.27.12/13: a page as large as its content; pages here are fixed, so as auto */
            if (indefinite)
                msp_diag_warn(&a->job->diags, a->loc, "give it a length",
                              "%s 'indefinite' (a page sized by its content) is not supported; "
                              "the A4 %s (%.2f pt) is used", p->name,
                              p->kind == MSP_K_PAGE_WIDTH ? "width" : "height", *f);
            return true;
        }
        if (!msp_fo_value_length(a, v, false, f) || *f <= 0)
            return BAD;
        return true;
    }
    case MSP_K_ORIENTATION:
        return orientation_value(a, v, &s->reference_orientation);
    case MSP_K_CHECK:
    case MSP_K_WARN:
        return unsupported(a, id, v);
    case MSP_K_ATTR:
        return true;
    }
    return BAD;
}

