/* Schema errors in the author's terms. When libxml2 finds a source invalid,
 * this pass validates it again against the same grammar (read by
 * schema_rng.c) with derivatives (J. Clark, "An algorithm for RELAX NG
 * validation", 2002), and at the first point each element goes wrong it
 * says what was found and what may stand there: an unknown element and the
 * name it was probably meant to be, a missing element or attribute, an
 * element out of order with the order expected, a value that is not one of
 * the allowed ones or not of its type. Then it recovers as if the mistake
 * were mended (the likely element consumed, the missing one supplied, the
 * bad value accepted), so one mistake gives one error, not a cascade. */
#include "base/suggest.h"
#include "source/schema_private.h"

#include <string.h>

typedef struct ex {
    msp_job *job;
    msp_source *src;
    const rng_grammar *g;
    msp_arena *arena;
    int errors;
    rng_pat empty, not_allowed;
} ex;

#define NA(x) (&(x)->not_allowed)
#define EMPTY(x) (&(x)->empty)

static rng_pat *D(rng_pat *p)
{
    return msp_rng_deref(p);
}

static rng_pat *mk(ex *x, rng_kind kind, rng_pat *a, rng_pat *b)
{
    rng_pat *p = msp_arena_new_obj(x->arena, rng_pat);
    p->kind = kind;
    p->a = a;
    p->b = b;
    return p;
}

static bool same(rng_pat *a, rng_pat *b, int depth)
{
    a = D(a);
    b = D(b);
    if (a == b)
        return true;
    if (!a || !b || a->kind != b->kind || depth > 48)
        return false;
    switch (a->kind) {
    case RNG_EMPTY:
    case RNG_NOT_ALLOWED:
    case RNG_TEXT:
        return true;
    case RNG_CHOICE:
    case RNG_GROUP:
    case RNG_AFTER:
        return same(a->a, b->a, depth + 1) && same(a->b, b->b, depth + 1);
    case RNG_ONE_OR_MORE:
    case RNG_MIXED:
        return same(a->a, b->a, depth + 1);
    default:
        return false;   /* grammar patterns: equal only as the same pattern */
    }
}

static rng_pat *choice(ex *x, rng_pat *a, rng_pat *b)
{
    a = D(a);
    b = D(b);
    if (a->kind == RNG_NOT_ALLOWED)
        return b;
    if (b->kind == RNG_NOT_ALLOWED)
        return a;
    if (same(a, b, 0))
        return a;
    return mk(x, RNG_CHOICE, a, b);
}

static rng_pat *group(ex *x, rng_pat *a, rng_pat *b)
{
    a = D(a);
    b = D(b);
    if (a->kind == RNG_NOT_ALLOWED || b->kind == RNG_NOT_ALLOWED)
        return NA(x);
    if (a->kind == RNG_EMPTY)
        return b;
    if (b->kind == RNG_EMPTY)
        return a;
    return mk(x, RNG_GROUP, a, b);
}

static rng_pat *after(ex *x, rng_pat *a, rng_pat *b)
{
    a = D(a);
    b = D(b);
    if (a->kind == RNG_NOT_ALLOWED || b->kind == RNG_NOT_ALLOWED)
        return NA(x);
    return mk(x, RNG_AFTER, a, b);
}

static rng_pat *one_or_more(ex *x, rng_pat *a)
{
    a = D(a);
    return a->kind == RNG_NOT_ALLOWED ? NA(x) : mk(x, RNG_ONE_OR_MORE, a, NULL);
}

static rng_pat *mixed(ex *x, rng_pat *a)
{
    a = D(a);
    return a->kind == RNG_NOT_ALLOWED ? NA(x) : mk(x, RNG_MIXED, a, NULL);
}

static bool is_na(rng_pat *p)
{
    return D(p)->kind == RNG_NOT_ALLOWED;
}

static bool nullable(rng_pat *p)
{
    p = D(p);
    switch (p->kind) {
    case RNG_EMPTY:
    case RNG_TEXT:
        return true;
    case RNG_CHOICE: return nullable(p->a) || nullable(p->b);
    case RNG_GROUP: return nullable(p->a) && nullable(p->b);
    case RNG_ONE_OR_MORE:
    case RNG_MIXED: return nullable(p->a);
    default: return false;
    }
}

static bool whitespace(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* ---- derivatives ---- */

/* lenient: DATA and VALUE accept anything (recovery after a reported value) */
static rng_pat *text_deriv(ex *x, rng_pat *p, const char *s, bool lenient)
{
    p = D(p);
    switch (p->kind) {
    case RNG_CHOICE: return choice(x, text_deriv(x, p->a, s, lenient), text_deriv(x, p->b, s, lenient));
    case RNG_GROUP: {
        rng_pat *r = group(x, text_deriv(x, p->a, s, lenient), p->b);
        return nullable(p->a) ? choice(x, r, text_deriv(x, p->b, s, lenient)) : r;
    }
    case RNG_AFTER: return after(x, text_deriv(x, p->a, s, lenient), p->b);
    case RNG_ONE_OR_MORE:
        return group(x, text_deriv(x, p->a, s, lenient), choice(x, p, EMPTY(x)));
    case RNG_MIXED:
    case RNG_TEXT: return p;
    case RNG_DATA:
    case RNG_VALUE: return lenient || msp_rng_data_allows(p, s) ? EMPTY(x) : NA(x);
    default: return NA(x);
    }
}

static bool name_is(const rng_pat *p, const xmlChar *ns, const xmlChar *name)
{
    return strcmp(p->name, (const char *)name) == 0 && strcmp(p->ns, ns ? (const char *)ns : "") == 0;
}

typedef enum after_fn { AF_GROUP, AF_AFTER, AF_MIXED } after_fn;

static rng_pat *apply_after(ex *x, after_fn f, rng_pat *arg, rng_pat *p)
{
    p = D(p);
    if (p->kind == RNG_AFTER) {
        rng_pat *b = f == AF_GROUP ? group(x, p->b, arg) : f == AF_AFTER ? after(x, p->b, arg) : mixed(x, p->b);
        return after(x, p->a, b);
    }
    if (p->kind == RNG_CHOICE)
        return choice(x, apply_after(x, f, arg, p->a), apply_after(x, f, arg, p->b));
    return NA(x);
}

/* the element's own pattern is left in *matched (the first that matched) */
static rng_pat *start_open(ex *x, rng_pat *p, const xmlChar *ns, const xmlChar *name, rng_pat **matched)
{
    p = D(p);
    switch (p->kind) {
    case RNG_CHOICE:
        return choice(x, start_open(x, p->a, ns, name, matched), start_open(x, p->b, ns, name, matched));
    case RNG_ELEMENT:
        if (!name_is(p, ns, name))
            return NA(x);
        if (matched && !*matched)
            *matched = p;
        return after(x, p->a, EMPTY(x));
    case RNG_GROUP: {
        rng_pat *r = apply_after(x, AF_GROUP, p->b, start_open(x, p->a, ns, name, matched));
        return nullable(p->a) ? choice(x, r, start_open(x, p->b, ns, name, matched)) : r;
    }
    case RNG_ONE_OR_MORE:
        return apply_after(x, AF_GROUP, choice(x, p, EMPTY(x)), start_open(x, p->a, ns, name, matched));
    case RNG_MIXED: return apply_after(x, AF_MIXED, NULL, start_open(x, p->a, ns, name, matched));
    case RNG_AFTER: return apply_after(x, AF_AFTER, p->b, start_open(x, p->a, ns, name, matched));
    default: return NA(x);
    }
}

/* lenient: any value of an attribute of that name */
static rng_pat *att_deriv(ex *x, rng_pat *p, const xmlAttr *a, const char *value, bool lenient)
{
    p = D(p);
    switch (p->kind) {
    case RNG_AFTER: return after(x, att_deriv(x, p->a, a, value, lenient), p->b);
    case RNG_CHOICE: return choice(x, att_deriv(x, p->a, a, value, lenient), att_deriv(x, p->b, a, value, lenient));
    case RNG_GROUP:
        return choice(x, group(x, att_deriv(x, p->a, a, value, lenient), p->b),
                      group(x, p->a, att_deriv(x, p->b, a, value, lenient)));
    case RNG_ONE_OR_MORE:
        return group(x, att_deriv(x, p->a, a, value, lenient), choice(x, p, EMPTY(x)));
    case RNG_MIXED: return mixed(x, att_deriv(x, p->a, a, value, lenient));
    case RNG_ATTRIBUTE: {
        if (!name_is(p, a->ns ? a->ns->href : NULL, a->name))
            return NA(x);
        if (lenient)
            return EMPTY(x);
        bool ok = (nullable(p->a) && whitespace(value)) || nullable(text_deriv(x, p->a, value, false));
        return ok ? EMPTY(x) : NA(x);
    }
    default: return NA(x);
    }
}

/* lenient: attributes still required count as given (recovery) */
static rng_pat *start_close(ex *x, rng_pat *p, bool lenient)
{
    p = D(p);
    switch (p->kind) {
    case RNG_AFTER: return after(x, start_close(x, p->a, lenient), p->b);
    case RNG_CHOICE: return choice(x, start_close(x, p->a, lenient), start_close(x, p->b, lenient));
    case RNG_GROUP: return group(x, start_close(x, p->a, lenient), start_close(x, p->b, lenient));
    case RNG_ONE_OR_MORE: return one_or_more(x, start_close(x, p->a, lenient));
    case RNG_MIXED: return mixed(x, start_close(x, p->a, lenient));
    case RNG_ATTRIBUTE: return lenient ? EMPTY(x) : NA(x);
    default: return p;
    }
}

/* lenient: whatever content is left counts as complete */
static rng_pat *end_tag(ex *x, rng_pat *p, bool lenient)
{
    p = D(p);
    if (p->kind == RNG_AFTER)
        return lenient || nullable(p->a) ? p->b : NA(x);
    if (p->kind == RNG_CHOICE)
        return choice(x, end_tag(x, p->a, lenient), end_tag(x, p->b, lenient));
    return NA(x);
}

/* the state after an element named name whatever its content (a virtual one) */
static rng_pat *skip_element(ex *x, rng_pat *p, const char *ns, const char *name)
{
    rng_pat *o = start_open(x, p, (const xmlChar *)ns, (const xmlChar *)name, NULL);
    return is_na(o) ? o : end_tag(x, start_close(x, o, true), true);
}

/* ---- what a pattern allows, for messages ---- */

static void add_name(GPtrArray *names, const char *n)
{
    for (guint i = 0; i < names->len; i++)
        if (strcmp(g_ptr_array_index(names, i), n) == 0)
            return;
    g_ptr_array_add(names, (gpointer)n);
}

/* What may come next in p: element names (FIRST_ELEMENTS) or the DATA and
 * VALUE patterns text may match (FIRST_VALUES). */
typedef enum first_what { FIRST_ELEMENTS, FIRST_VALUES } first_what;

static void firsts(rng_pat *p, first_what what, GPtrArray *out, int depth)
{
    p = D(p);
    if (depth > 64)
        return;
    switch (p->kind) {
    case RNG_CHOICE:
        firsts(p->a, what, out, depth + 1);
        firsts(p->b, what, out, depth + 1);
        break;
    case RNG_GROUP:
        firsts(p->a, what, out, depth + 1);
        if (nullable(p->a))
            firsts(p->b, what, out, depth + 1);
        break;
    case RNG_MIXED:   /* text is allowed anywhere in it: only its elements are of interest */
        if (what == FIRST_ELEMENTS)
            firsts(p->a, what, out, depth + 1);
        break;
    case RNG_ONE_OR_MORE:
    case RNG_AFTER: firsts(p->a, what, out, depth + 1); break;
    case RNG_ELEMENT:
        if (what == FIRST_ELEMENTS)
            add_name(out, p->name);
        break;
    case RNG_DATA:
    case RNG_VALUE:
        if (what == FIRST_VALUES)
            g_ptr_array_add(out, p);
        break;
    default: break;
    }
}

/* what must come next before the content may end: element names, and
 * *data set to a DATA or VALUE pattern when text is required */
static void missing_names(rng_pat *p, GPtrArray *out, rng_pat **data, int depth)
{
    p = D(p);
    if (depth > 64 || nullable(p))
        return;
    switch (p->kind) {
    case RNG_CHOICE:
        missing_names(p->a, out, data, depth + 1);
        missing_names(p->b, out, data, depth + 1);
        break;
    case RNG_GROUP:
        if (!nullable(p->a))
            missing_names(p->a, out, data, depth + 1);
        else
            missing_names(p->b, out, data, depth + 1);
        break;
    case RNG_ONE_OR_MORE:
    case RNG_MIXED:
    case RNG_AFTER: missing_names(p->a, out, data, depth + 1); break;
    case RNG_ELEMENT: add_name(out, p->name); break;
    case RNG_DATA:
    case RNG_VALUE:
        if (!*data)
            *data = p;
        break;
    default: break;
    }
}

/* every element a content may hold, in the order the grammar lists them */
static void content_names(rng_pat *p, GPtrArray *out, int depth)
{
    p = D(p);
    if (depth > 64)
        return;
    switch (p->kind) {
    case RNG_CHOICE:
    case RNG_GROUP:
    case RNG_AFTER:
        content_names(p->a, out, depth + 1);
        content_names(p->b, out, depth + 1);
        break;
    case RNG_ONE_OR_MORE:
    case RNG_MIXED: content_names(p->a, out, depth + 1); break;
    case RNG_ELEMENT: add_name(out, p->name); break;
    default: break;
    }
}

/* the attribute patterns reachable in p (not inside child elements); named
 * name only, or every one when name is NULL */
static void attributes(rng_pat *p, const char *name, GPtrArray *out, int depth)
{
    p = D(p);
    if (depth > 64)
        return;
    switch (p->kind) {
    case RNG_CHOICE:
    case RNG_GROUP:
        attributes(p->a, name, out, depth + 1);
        attributes(p->b, name, out, depth + 1);
        break;
    case RNG_AFTER:
    case RNG_ONE_OR_MORE:
    case RNG_MIXED: attributes(p->a, name, out, depth + 1); break;
    case RNG_ATTRIBUTE:
        if (!name || strcmp(p->name, name) == 0)
            g_ptr_array_add(out, p);
        break;
    default: break;
    }
}

/* attributes still required (every branch needs one of them) */
static void required_attributes(rng_pat *p, GPtrArray *out, int depth)
{
    p = D(p);
    if (depth > 64)
        return;
    switch (p->kind) {
    case RNG_CHOICE: {
        GPtrArray *a = g_ptr_array_new(), *b = g_ptr_array_new();
        required_attributes(p->a, a, depth + 1);
        required_attributes(p->b, b, depth + 1);
        if (a->len && b->len) {
            for (guint i = 0; i < a->len; i++)
                add_name(out, g_ptr_array_index(a, i));
            for (guint i = 0; i < b->len; i++)
                add_name(out, g_ptr_array_index(b, i));
        }
        g_ptr_array_unref(a);
        g_ptr_array_unref(b);
        break;
    }
    case RNG_GROUP:
        required_attributes(p->a, out, depth + 1);
        required_attributes(p->b, out, depth + 1);
        break;
    case RNG_AFTER:
    case RNG_ONE_OR_MORE:
    case RNG_MIXED: required_attributes(p->a, out, depth + 1); break;
    case RNG_ATTRIBUTE: add_name(out, p->name); break;
    default: break;
    }
}


static char *join_elements(GPtrArray *names, const char *sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(s, "%s<%s>", i ? sep : "", (const char *)g_ptr_array_index(names, i));
    return g_string_free(s, FALSE);
}

static char *join_plain(GPtrArray *names)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < names->len; i++)
        g_string_append_printf(s, "%s%s", i ? ", " : "", (const char *)g_ptr_array_index(names, i));
    return g_string_free(s, FALSE);
}

/* a value as quoted in a message: trimmed, at most 40 characters */
static char *shown(const char *s)
{
    char *t = g_strstrip(g_strdup(s));
    if (g_utf8_validate(t, -1, NULL) && g_utf8_strlen(t, -1) > 40) {
        char *cut = g_utf8_substring(t, 0, 40);
        g_free(t);
        t = g_strconcat(cut, "…", NULL);
        g_free(cut);
    }
    return t;
}

/* reports msg (owned) at loc and marks element at as named by a schema message */
static void report_loc(ex *x, msp_loc loc, const xmlNode *at, char *hint, char *msg)
{
    msp_diag_error(&x->job->diags, MSP_E_SCHEMA, loc, hint, "%s", msg);
    msp_rng_flag(x->src, at);
    x->errors++;
    g_free(hint);
    g_free(msg);
}

static void report(ex *x, const xmlNode *at, char *hint, char *msg)
{
    report_loc(x, msp_source_loc(x->src, at), at, hint, msg);
}

/* Where the first non-blank character of a text node stands: libxml2 gives
 * a text node the line where it ends; what it spans and its indentation
 * give the rest. {0,0} when it cannot be known. */
static msp_loc text_loc(const msp_source *src, const xmlNode *t)
{
    msp_loc loc = { src->path, 0, 0 };
    if (!t || !t->content)
        return loc;
    const char *s = (const char *)t->content;
    int total = 0, lead = 0, col = 0;
    for (const char *p = s; *p; p++)
        total += *p == '\n';
    const char *p = s;
    for (; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++) {
        if (*p == '\n') {
            lead++;
            col = 0;
        } else {
            col++;
        }
    }
    long end = xmlGetLineNo(t);
    if (end <= 0 || lead == 0 || end - total < 1)
        return loc;
    loc.line = (int)(end - total + lead);
    loc.column = col + 1;
    return loc;
}

static const char *HELP = "docs/source-format.md";

/* ---- the walk ---- */

static rng_pat *element(ex *x, rng_pat *p, xmlNode *e, const rng_pat *parent);

static bool in_schema(ex *x, const xmlNode *e)
{
    for (guint i = 0; i < x->g->elements->len; i++)
        if (name_is(g_ptr_array_index(x->g->elements, i), e->ns ? e->ns->href : NULL, e->name))
            return true;
    return false;
}

static rng_pat *own_pattern(ex *x, const char *ns, const char *name)
{
    for (guint i = 0; i < x->g->elements->len; i++) {
        rng_pat *el = g_ptr_array_index(x->g->elements, i);
        if (name_is(el, (const xmlChar *)ns, (const xmlChar *)name))
            return el;
    }
    return NULL;
}

static const char *paper_ns(ex *x)
{
    rng_pat *s = D(x->g->start);
    return s && s->kind == RNG_ELEMENT ? s->ns : "";
}

/* An element that may not stand at p: reported, and the state to go on
 * from (the likely element consumed, or a missing one supplied first). */
static rng_pat *misplaced(ex *x, rng_pat *p, xmlNode *e, const rng_pat *parent, bool *handled)
{
    const char *name = (const char *)e->name;
    const char *pname = parent ? parent->name : NULL;
    const char *ns = paper_ns(x);
    GPtrArray *now = g_ptr_array_new(), *all = g_ptr_array_new(), *missing = g_ptr_array_new();
    firsts(p, FIRST_ELEMENTS, now, 0);
    if (parent)
        content_names(parent->a, all, 0);
    rng_pat *data = NULL;
    missing_names(p, missing, &data, 0);
    rng_pat *next = p;
    *handled = false;

    if (strcmp(e->ns ? (const char *)e->ns->href : "", ns) != 0 && own_pattern(x, ns, name)) {
        report(x, e, g_strdup_printf("write <%s> without a namespace prefix inside <paper xmlns=\"%s\">", name, ns),
               g_strdup_printf("<%s> is not in the paper namespace (%s)", name, ns));
        next = skip_element(x, p, ns, name);
        if (is_na(next))
            next = p;
        *handled = true;   /* its content is checked as the paper's element */
    } else if (!in_schema(x, e)) {
        const char *guess = msp_suggest(name, now->len ? now : all);
        if (!guess && now->len)
            guess = msp_suggest(name, all);
        char *here = now->len ? join_elements(now, ", ") : NULL;
        char *hint = here ? g_strdup_printf("<%s> may hold here: %s (%s)", pname ? pname : "paper", here, HELP)
                          : g_strdup_printf("<%s> holds no more elements here (%s)", pname ? pname : "paper", HELP);
        if (guess)
            report(x, e, hint, g_strdup_printf("unknown element <%s> in <%s>; did you mean <%s>?", name,
                                               pname ? pname : "paper", guess));
        else
            report(x, e, hint, g_strdup_printf("unknown element <%s> in <%s>", name, pname ? pname : "paper"));
        g_free(here);
        if (guess) {
            rng_pat *q = skip_element(x, p, ns, guess);   /* go on as if it were the likely one */
            if (!is_na(q))
                next = q;
        }
        *handled = true;
    } else {
        bool in_parent = false;
        for (guint i = 0; i < all->len; i++)
            in_parent |= strcmp(g_ptr_array_index(all, i), name) == 0;
        /* something required is missing before it? */
        for (guint i = 0; in_parent && i < missing->len && !*handled; i++) {
            const char *m = g_ptr_array_index(missing, i);
            rng_pat *q = skip_element(x, p, ns, m);
            if (is_na(q) || is_na(start_open(x, q, e->ns ? e->ns->href : NULL, e->name, NULL)))
                continue;
            char *list = missing->len > 1 ? join_elements(missing, " or ") : g_strdup_printf("<%s>", m);
            report(x, e, g_strdup_printf("add <%s> before <%s> (%s, <%s>)", m, name, HELP, pname ? pname : ""),
                   g_strdup_printf("<%s> needs %s before <%s>", pname ? pname : "paper", list, name));
            g_free(list);
            next = q;
            *handled = false;   /* the element itself is then checked in place */
            g_ptr_array_unref(now);
            g_ptr_array_unref(all);
            g_ptr_array_unref(missing);
            return next;
        }
        if (in_parent) {
            bool twice = false;
            for (xmlNode *s = e->prev; s && !twice; s = s->prev)
                twice = s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, e->name);
            /* the earlier sibling the grammar puts after it */
            int mine = -1;
            for (guint i = 0; i < all->len; i++)
                if (strcmp(g_ptr_array_index(all, i), name) == 0)
                    mine = (int)i;
            const char *later = NULL;
            for (xmlNode *s = e->parent ? e->parent->children : NULL; s && s != e && !later; s = s->next) {
                if (s->type != XML_ELEMENT_NODE)
                    continue;
                for (guint i = (guint)mine + 1; i < all->len && !later; i++)
                    if (xmlStrEqual(s->name, (const xmlChar *)g_ptr_array_index(all, i)))
                        later = g_ptr_array_index(all, i);
            }
            char *order = join_elements(all, ", ");
            char *hint = g_strdup_printf("the order in <%s> is: %s (%s)", pname, order, HELP);
            if (later)
                report(x, e, hint, g_strdup_printf("<%s> must come before <%s> in <%s>", name, later, pname));
            else if (twice)
                report(x, e, hint, g_strdup_printf("a second <%s> in <%s>: only one may stand there", name, pname));
            else
                report(x, e, hint, g_strdup_printf("<%s> is out of order in <%s>", name, pname));
            g_free(order);
        } else {
            GPtrArray *parents = g_ptr_array_new();
            for (guint i = 0; i < x->g->elements->len; i++) {
                rng_pat *el = g_ptr_array_index(x->g->elements, i);
                GPtrArray *c = g_ptr_array_new();
                content_names(el->a, c, 0);
                for (guint k = 0; k < c->len; k++)
                    if (strcmp(g_ptr_array_index(c, k), name) == 0)
                        add_name(parents, el->name);
                g_ptr_array_unref(c);
            }
            char *where = join_elements(parents, ", ");
            report(x, e, g_strdup_printf("<%s> may stand in %s (%s)", name, where, HELP),
                   g_strdup_printf("<%s> is not allowed in <%s>", name, pname ? pname : "paper"));
            g_free(where);
            g_ptr_array_unref(parents);
        }
    }
    g_ptr_array_unref(now);
    g_ptr_array_unref(all);
    g_ptr_array_unref(missing);
    return next;
}

/* A value that is not allowed: what is one of an attribute ("kind", with
 * owner " on <paper>") or the text of an element ("<date>", owner NULL). */
static void bad_value(ex *x, xmlNode *at, const char *what, const char *owner, GPtrArray *pats, const char *value)
{
    GPtrArray *values = g_ptr_array_new();
    rng_pat *data = NULL;
    for (guint i = 0; i < pats->len; i++) {
        rng_pat *t = g_ptr_array_index(pats, i);
        if (t->kind == RNG_VALUE)
            add_name(values, t->value);
        else if (!data)
            data = t;
    }
    char *v = shown(value);
    char *subject = owner ? g_strdup_printf("%s '%s'%s", what, v, owner) : g_strdup_printf("'%s' in %s", v, what);
    if (values->len && !data) {
        char *list = join_plain(values);
        const char *guess = *v ? msp_suggest(v, values) : NULL;
        char *msg = !*v    ? g_strdup_printf("%s%s is empty: write one of %s", what, owner ? owner : "", list)
                    : guess ? g_strdup_printf("%s is not one of %s; did you mean %s?", subject, list, guess)
                            : g_strdup_printf("%s is not one of %s", subject, list);
        report(x, at, g_strdup_printf("write one of %s (%s)", list, HELP), msg);
        g_free(list);
    } else if (data) {
        char *expect = msp_rng_data_expect(data);
        if (!*v) {
            report(x, at, g_strdup_printf("write %s there (%s)", expect, HELP),
                   g_strdup_printf("%s%s is empty: it needs %s", what, owner ? owner : "", expect));
        } else {
            char *why = msp_rng_data_why(data, value);
            report(x, at, g_strdup_printf("write %s (%s)", expect, HELP), g_strdup_printf("%s %s", subject, why));
            g_free(why);
        }
        g_free(expect);
    }
    g_free(subject);
    g_free(v);
    g_ptr_array_unref(values);
}

static rng_pat *attribute(ex *x, rng_pat *p, xmlNode *e, xmlAttr *a, const rng_pat *own)
{
    xmlChar *raw = xmlNodeListGetString(e->doc, a->children, 1);
    const char *value = raw ? (const char *)raw : "";
    rng_pat *q = att_deriv(x, p, a, value, false);
    if (is_na(q)) {
        GPtrArray *pats = g_ptr_array_new();
        attributes(p, (const char *)a->name, pats, 0);
        char *what = g_strdup_printf("%s%s", a->ns && a->ns->prefix ? "xml:" : "", (const char *)a->name);
        if (pats->len == 0) {
            GPtrArray *all = g_ptr_array_new(), *names = g_ptr_array_new();
            attributes(own ? own->a : p, NULL, all, 0);
            for (guint i = 0; i < all->len; i++)
                add_name(names, ((rng_pat *)g_ptr_array_index(all, i))->name);
            const char *guess = msp_suggest((const char *)a->name, names);
            char *list = join_plain(names);
            char *hint = names->len ? g_strdup_printf("<%s> takes %s (%s)", e->name, list, HELP)
                                    : g_strdup_printf("<%s> takes no attributes (%s)", e->name, HELP);
            report(x, e, hint,
                   guess ? g_strdup_printf("<%s> has no attribute %s; did you mean %s?", e->name, what, guess)
                         : g_strdup_printf("<%s> has no attribute %s", e->name, what));
            g_free(list);
            g_ptr_array_unref(all);
            g_ptr_array_unref(names);
            q = p;
        } else {
            GPtrArray *vals = g_ptr_array_new();
            for (guint i = 0; i < pats->len; i++)
                firsts(((rng_pat *)g_ptr_array_index(pats, i))->a, FIRST_VALUES, vals, 0);
            char *on = g_strdup_printf(" on <%s>", e->name);
            bad_value(x, e, what, on, vals, value);
            g_free(on);
            g_ptr_array_unref(vals);
            q = att_deriv(x, p, a, value, true);
            if (is_na(q))
                q = p;
        }
        g_free(what);
        g_ptr_array_unref(pats);
    }
    xmlFree(raw);
    return q;
}

static rng_pat *text(ex *x, rng_pat *p, xmlNode *e, const char *s, const xmlNode *node)
{
    rng_pat *q = text_deriv(x, p, s, false);
    if (!is_na(q))
        return whitespace(s) ? choice(x, p, q) : q;
    if (whitespace(s) && *s)
        return p;
    GPtrArray *pats = g_ptr_array_new();
    firsts(p, FIRST_VALUES, pats, 0);
    if (pats->len) {
        char *label = g_strdup_printf("<%s>", e->name);
        bad_value(x, e, label, NULL, pats, s);
        g_free(label);
        q = text_deriv(x, p, s, true);
    } else if (!whitespace(s)) {
        GPtrArray *now = g_ptr_array_new();
        firsts(p, FIRST_ELEMENTS, now, 0);
        char *here = join_elements(now, ", ");
        char *t = shown(s);
        bool p_here = false;
        for (guint i = 0; i < now->len; i++)
            p_here |= strcmp(g_ptr_array_index(now, i), "p") == 0;
        char *hint = p_here     ? g_strdup_printf("put the text in a paragraph, <p>…</p> (%s)", HELP)
                     : now->len ? g_strdup_printf("put the text in one of %s (%s)", here, HELP)
                                : g_strdup_printf("<%s> holds no text (%s)", e->name, HELP);
        char *msg = g_strdup_printf("text '%s' is not allowed directly in <%s>", t, e->name);
        msp_loc where = text_loc(x->src, node);
        if (where.line > 0)
            report_loc(x, where, e, hint, msg);
        else
            report(x, e, hint, msg);
        g_free(t);
        g_free(here);
        g_ptr_array_unref(now);
        q = p;
    }
    g_ptr_array_unref(pats);
    return is_na(q) ? p : q;
}

static rng_pat *children(ex *x, rng_pat *p, xmlNode *e, const rng_pat *own)
{
    bool elements = false;
    GString *all_text = g_string_new(NULL);
    for (xmlNode *c = e->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE)
            elements = true;
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            g_string_append(all_text, (const char *)c->content);
    }
    if (!elements) {
        rng_pat *q = text(x, p, e, all_text->str, e->children);
        g_string_free(all_text, TRUE);
        return q;
    }
    g_string_free(all_text, TRUE);
    GString *run = g_string_new(NULL);
    const xmlNode *first = NULL;
    for (xmlNode *c = e->children; c; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            if (!run->len)
                first = c;
            g_string_append(run, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (run->len && !whitespace(run->str))
            p = text(x, p, e, run->str, first);
        g_string_truncate(run, 0);
        p = element(x, p, c, own);
    }
    if (run->len && !whitespace(run->str))
        p = text(x, p, e, run->str, first);
    g_string_free(run, TRUE);
    return p;
}

static rng_pat *element(ex *x, rng_pat *p, xmlNode *e, const rng_pat *parent)
{
    rng_pat *own = NULL;
    rng_pat *o = start_open(x, p, e->ns ? e->ns->href : NULL, e->name, &own);
    if (is_na(o)) {
        bool handled;
        rng_pat *next = misplaced(x, p, e, parent, &handled);
        if (!handled) {
            o = start_open(x, next, e->ns ? e->ns->href : NULL, e->name, &own);
            if (!is_na(o)) {
                p = next;
                goto in_place;
            }
        }
        /* its own content is still checked, as the element it is */
        rng_pat *alone = own_pattern(x, paper_ns(x), (const char *)e->name);
        if (alone && !handled) {
            rng_pat *inner = NULL;
            rng_pat *q = start_open(x, alone, (const xmlChar *)alone->ns, e->name, &inner);
            for (xmlAttr *a = e->properties; a; a = a->next)
                q = attribute(x, q, e, a, alone);
            rng_pat *c = start_close(x, q, false);
            if (is_na(c))
                c = start_close(x, q, true);
            end_tag(x, children(x, c, e, alone), true);
        }
        return next;
    }
in_place:
    for (xmlAttr *a = e->properties; a; a = a->next)
        o = attribute(x, o, e, a, own);
    rng_pat *c = start_close(x, o, false);
    if (is_na(c)) {
        GPtrArray *req = g_ptr_array_new();
        required_attributes(o, req, 0);
        char *list = join_plain(req);
        if (req->len == 1)
            report(x, e, g_strdup_printf("add %s=\"…\" to <%s> (%s)", list, e->name, HELP),
                   g_strdup_printf("attribute %s is missing on <%s>", list, e->name));
        else
            report(x, e, g_strdup_printf("add one of them to <%s> (%s)", e->name, HELP),
                   g_strdup_printf("<%s> needs one of the attributes %s", e->name, list));
        g_free(list);
        g_ptr_array_unref(req);
        c = start_close(x, o, true);
    }
    rng_pat *body = children(x, c, e, own);
    rng_pat *done = end_tag(x, body, false);
    if (is_na(done)) {
        GPtrArray *missing = g_ptr_array_new();
        rng_pat *data = NULL;
        missing_names(body, missing, &data, 0);
        if (missing->len) {
            char *list = join_elements(missing, " or ");
            report(x, e, g_strdup_printf("add %s at the end of <%s> (%s)", list, e->name, HELP),
                   g_strdup_printf("<%s> is missing %s", e->name, list));
            g_free(list);
        } else if (data) {
            char *expect = msp_rng_data_expect(data);
            report(x, e, g_strdup_printf("write %s there (%s)", expect, HELP),
                   g_strdup_printf("<%s> is empty: it needs %s", e->name, expect));
            g_free(expect);
        } else {
            report(x, e, g_strdup_printf("see %s, <%s>", HELP, e->name),
                   g_strdup_printf("<%s> is incomplete", e->name));
        }
        g_ptr_array_unref(missing);
        done = end_tag(x, body, true);
    }
    return is_na(done) ? p : done;
}

void msp_rng_flag(msp_source *src, const xmlNode *n)
{
    if (!src->schema_flagged)
        src->schema_flagged = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_hash_table_add(src->schema_flagged, (gpointer)n);
}

int msp_rng_explain(msp_job *job, msp_source *src, const rng_grammar *g)
{
    xmlNode *root = xmlDocGetRootElement(src->doc);
    if (!root || !g)
        return 0;
    ex x = { job, src, g, msp_arena_new(), 0, { 0 }, { 0 } };
    x.empty.kind = RNG_EMPTY;
    x.not_allowed.kind = RNG_NOT_ALLOWED;
    element(&x, g->start, root, NULL);
    msp_arena_free(x.arena);
    return x.errors;
}
