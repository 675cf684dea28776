/* XSL length expressions (XSL 1.1 §5.9): numbers with units pt mm cm in pc
 * px em and %, + - * div mod, parentheses, unary minus, and the functions
 * label-end(), body-start(), proportional-column-width(), abs(), min(),
 * max(), floor(), ceiling() and round() (5.10.1, 5.10.4).
 * Property-specific meaning of the result is fo_props.c's concern. */
#include "fo/fo_private.h"

#include <math.h>
#include <string.h>

typedef struct lexer {
    const char *p;
    double font_size;
    bool ok;
} lexer;

static void skip_ws(lexer *lx)
{
    while (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\n' || *lx->p == '\r')
        lx->p++;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || (c >= '0' && c <= '9');
}

static msp_fo_expr expr_number(double v)
{
    return (msp_fo_expr){ .v = v, .is_length = false };
}

static msp_fo_expr parse_sum(lexer *lx);

static bool unit_factor(const char *u, size_t n, double font_size, double *f)
{
    static const struct { const char *name; double pt; } units[] = {
        { "pt", 1.0 }, { "mm", 72.0 / 25.4 }, { "cm", 72.0 / 2.54 }, { "in", 72.0 },
        { "pc", 12.0 }, { "px", 0.75 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
        if (strlen(units[i].name) == n && memcmp(units[i].name, u, n) == 0) {
            *f = units[i].pt;
            return true;
        }
    if (n == 2 && memcmp(u, "em", 2) == 0) {
        *f = font_size;
        return true;
    }
    return false;
}

static bool name_is(const char *name, size_t n, const char *what)
{
    return strlen(what) == n && memcmp(name, what, n) == 0;
}

/* A term that can be resolved now: no percentage, list function or table units. */
static bool is_plain(const msp_fo_expr *e)
{
    return e->pct == 0 && e->fn == MSP_INDENT_PLAIN && !e->prop;
}

static msp_fo_expr parse_function(lexer *lx, const char *name, size_t n)
{
    msp_fo_expr r = expr_number(0);
    skip_ws(lx);
    if (*lx->p != '(') {
        lx->ok = false;
        return r;
    }
    lx->p++;
    skip_ws(lx);
    if (name_is(name, n, "label-end") || name_is(name, n, "body-start")) {
        if (*lx->p != ')') {
            lx->ok = false;
            return r;
        }
        lx->p++;
        r.is_length = true;
        r.fn = n == 9 ? MSP_INDENT_LABEL_END : MSP_INDENT_BODY_START;
        return r;
    }
    msp_fo_expr arg[2];
    int nargs = 0;
    for (;;) {
        arg[nargs++] = parse_sum(lx);
        skip_ws(lx);
        if (!lx->ok || *lx->p != ',' || nargs == 2)
            break;
        lx->p++;
    }
    if (!lx->ok || *lx->p != ')') {
        lx->ok = false;
        return r;
    }
    lx->p++;
    msp_fo_expr a = arg[0];
    bool two = name_is(name, n, "min") || name_is(name, n, "max");
    if (nargs != (two ? 2 : 1)) {
        lx->ok = false;
        return r;
    }
    if (name_is(name, n, "proportional-column-width")) {
        /* a number; a percentage counts as its number (both are proportions, XSL 5.10.4) */
        double share = !a.is_length ? a.v : a.v == 0 ? a.pct : -1;
        if (a.prop || a.fn != MSP_INDENT_PLAIN || !(share >= 0)) {
            lx->ok = false;
            return r;
        }
        return (msp_fo_expr){ .is_length = true, .prop = true, .pcw = share };
    }
    if (name_is(name, n, "abs") && a.fn == MSP_INDENT_PLAIN && !a.prop) {
        a.v = fabs(a.v);
        a.pct = fabs(a.pct);
        return a;
    }
    /* numeric functions of XSL 5.10.1 on numbers only (unit power 0) */
    if (!a.is_length && is_plain(&a)) {
        if (name_is(name, n, "floor"))
            return expr_number(floor(a.v));
        if (name_is(name, n, "ceiling"))
            return expr_number(ceil(a.v));
        if (name_is(name, n, "round"))
            return expr_number(floor(a.v + 0.5));
    }
    /* min and max of two numbers or of two lengths that are known now */
    if (two && is_plain(&a) && is_plain(&arg[1]) && a.is_length == arg[1].is_length) {
        bool take_first = name_is(name, n, "min") ? a.v <= arg[1].v : a.v >= arg[1].v;
        return take_first ? a : arg[1];
    }
    lx->ok = false;
    return r;
}

static msp_fo_expr parse_primary(lexer *lx)
{
    skip_ws(lx);
    const char *s = lx->p;
    if (*s == '(') {
        lx->p++;
        msp_fo_expr r = parse_sum(lx);
        skip_ws(lx);
        if (*lx->p != ')')
            lx->ok = false;
        else
            lx->p++;
        return r;
    }
    if ((*s >= '0' && *s <= '9') || (*s == '.' && s[1] >= '0' && s[1] <= '9')) {
        const char *q = s;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == '.') {
            q++;
            while (*q >= '0' && *q <= '9')
                q++;
        }
        double v = g_ascii_strtod(s, NULL);
        lx->p = q;
        if (*q == '%') {
            lx->p++;
            return (msp_fo_expr){ .pct = v, .is_length = true };
        }
        const char *u = q;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
            q++;
        if (q == u)
            return expr_number(v);
        double f;
        if (!unit_factor(u, (size_t)(q - u), lx->font_size, &f)) {
            lx->ok = false;
            return expr_number(0);
        }
        lx->p = q;
        return (msp_fo_expr){ .v = v * f, .is_length = true };
    }
    if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) {
        const char *q = s;
        while (is_name_char(*q))
            q++;
        lx->p = q;
        return parse_function(lx, s, (size_t)(q - s));
    }
    lx->ok = false;
    return expr_number(0);
}

static msp_fo_expr parse_unary(lexer *lx)
{
    skip_ws(lx);
    if (*lx->p == '-' || *lx->p == '+') {
        bool neg = *lx->p == '-';
        lx->p++;
        msp_fo_expr r = parse_unary(lx);
        if (neg) {
            if (r.fn != MSP_INDENT_PLAIN || r.prop)
                lx->ok = false;
            r.v = -r.v;
            r.pct = -r.pct;
        }
        return r;
    }
    return parse_primary(lx);
}

/* Multiplies a by the plain number b. */
static msp_fo_expr scale(lexer *lx, msp_fo_expr a, double b)
{
    if (a.fn != MSP_INDENT_PLAIN || (a.prop && !(b >= 0)))
        lx->ok = false;
    a.v *= b;
    a.pct *= b;
    a.pcw *= b;
    return a;
}

static msp_fo_expr parse_product(lexer *lx)
{
    msp_fo_expr a = parse_unary(lx);
    while (lx->ok) {
        skip_ws(lx);
        const char *p = lx->p;
        int op = 0;
        if (*p == '*') {
            op = '*';
            lx->p++;
        } else if (strncmp(p, "div", 3) == 0 && !is_name_char(p[3])) {
            op = '/';
            lx->p += 3;
        } else if (strncmp(p, "mod", 3) == 0 && !is_name_char(p[3])) {
            op = '%';
            lx->p += 3;
        } else {
            break;
        }
        msp_fo_expr b = parse_unary(lx);
        /* table units only scale by a number: 2 * proportional-column-width(1) */
        if ((a.prop || b.prop) && !(op == '*' && (!a.is_length || !b.is_length)) &&
            !(op == '/' && !b.is_length)) {
            lx->ok = false;
            break;
        }
        if (op == '*') {
            if (!b.is_length)
                a = scale(lx, a, b.v);
            else if (!a.is_length)
                a = scale(lx, b, a.v);
            else
                lx->ok = false;
        } else if (op == '/') {
            if (b.is_length && a.is_length && a.fn == MSP_INDENT_PLAIN && b.fn == MSP_INDENT_PLAIN &&
                a.pct == 0 && b.pct == 0 && b.v != 0)
                a = expr_number(a.v / b.v);   /* length div length = number */
            else if (!b.is_length && b.v != 0)
                a = scale(lx, a, 1.0 / b.v);
            else
                lx->ok = false;
        } else {
            if (a.is_length != b.is_length || b.v == 0 || a.pct != 0 || b.pct != 0 ||
                a.fn != MSP_INDENT_PLAIN || b.fn != MSP_INDENT_PLAIN)
                lx->ok = false;
            else
                a.v = fmod(a.v, b.v);
        }
    }
    return a;
}

static msp_fo_expr parse_sum(lexer *lx)
{
    msp_fo_expr a = parse_product(lx);
    while (lx->ok) {
        skip_ws(lx);
        char op = *lx->p;
        if (op != '+' && op != '-')
            break;
        lx->p++;
        msp_fo_expr b = parse_product(lx);
        if (op == '-' && b.prop) {
            lx->ok = false;   /* negative table units */
            break;
        }
        /* 0 without a unit is a length of 0 (as everywhere in FO) */
        if (a.is_length != b.is_length) {
            if (!a.is_length && a.v == 0)
                a.is_length = true;
            else if (!b.is_length && b.v == 0)
                b.is_length = true;
            else {
                lx->ok = false;
                break;
            }
        }
        if (b.fn != MSP_INDENT_PLAIN) {
            if (op == '-' || a.fn != MSP_INDENT_PLAIN) {
                lx->ok = false;
                break;
            }
            a.fn = b.fn;
        }
        double sgn = op == '-' ? -1.0 : 1.0;
        a.v += sgn * b.v;
        a.pct += sgn * b.pct;
        a.pcw += b.pcw;
        a.prop = a.prop || b.prop;
    }
    return a;
}

bool msp_fo_expr_eval(const char *s, double font_size, msp_fo_expr *out)
{
    lexer lx = { s, font_size, true };
    *out = (msp_fo_expr){ 0 };
    if (!s)
        return false;
    msp_fo_expr r = parse_sum(&lx);
    skip_ws(&lx);
    if (!lx.ok || *lx.p != '\0' || !isfinite(r.v) || !isfinite(r.pct) || !isfinite(r.pcw))
        return false;
    *out = r;
    return true;
}

bool msp_fo_length_parse(const char *s, double font_size, double *out)
{
    msp_fo_expr e;
    if (!msp_fo_expr_eval(s, font_size, &e) || e.pct != 0 || e.fn != MSP_INDENT_PLAIN || e.prop)
        return false;
    if (!e.is_length && e.v != 0)
        return false;    /* a bare number is not a length (except 0) */
    *out = e.v;
    return true;
}

bool msp_fo_expr_unknown_unit(const char *s, const char **unit, size_t *n)
{
    const char *p = s;
    while (p && *p) {
        bool starts = (*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9');
        if (!starts || (p > s && (is_name_char(p[-1]) || p[-1] == '.' || p[-1] == '#'))) {
            p++;
            continue;
        }
        while ((*p >= '0' && *p <= '9') || *p == '.')
            p++;
        const char *u = p;
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        double f;
        if (p > u && !is_name_char(*p) && *p != '(' && !unit_factor(u, (size_t)(p - u), 1, &f)) {
            *unit = u;
            *n = (size_t)(p - u);
            return true;
        }
    }
    return false;
}
