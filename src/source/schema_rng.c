/* The source schema (templates/paper.rng) read a second time, into patterns
 * the explanation pass walks (schema_explain.c), and the datatypes its
 * values use. libxml2 stays the validator of record; it says *that* a source
 * is invalid, not in an author's terms *what* is wrong, and its compiled
 * grammar is opaque, hence this reading. Only the RELAX NG constructs the
 * grammar uses are supported; any other makes the reading fail, and the
 * messages then come from libxml2 as they are. */
#include "source/schema_private.h"

#include <libxml/parser.h>
#include <libxml/uri.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define XSD_TYPES "http://www.w3.org/2001/XMLSchema-datatypes"
#define DOC_NS "urn:x-mspdoc:schema-doc"

typedef struct reader {
    rng_grammar *g;
    GHashTable *defines;   /* name -> xmlNode define */
    GHashTable *refs;      /* name -> rng_pat REF */
    bool failed;
} reader;

static rng_pat *new_pat(reader *r, rng_kind kind)
{
    rng_pat *p = msp_arena_new_obj(r->g->arena, rng_pat);
    p->kind = kind;
    p->min_length = p->length = -1;
    return p;
}

static bool is_rng(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)RNG_NS) &&
           (!name || xmlStrEqual(n->name, (const xmlChar *)name));
}

/* attribute of n, or of its nearest ancestor when inherited */
static char *attr_up(const xmlNode *n, const char *name, bool inherit)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = inherit ? n->parent : NULL) {
        xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
        if (v) {
            char *s = g_strdup((const char *)v);
            xmlFree(v);
            return s;
        }
        if (!inherit)
            break;
    }
    return NULL;
}

static const char *arena_str(reader *r, char *owned)
{
    const char *s = msp_arena_strdup(r->g->arena, owned ? owned : "");
    g_free(owned);
    return s;
}

static rng_pat *read_pattern(reader *r, xmlNode *n);

static rng_pat *choice(reader *r, rng_pat *a, rng_pat *b)
{
    rng_pat *p = new_pat(r, RNG_CHOICE);
    p->a = a;
    p->b = b;
    return p;
}

/* the children of n (patterns) as a group; empty when none */
static rng_pat *read_group(reader *r, xmlNode *n)
{
    rng_pat *acc = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is_rng(c, NULL))
            continue;   /* annotations and text */
        if (is_rng(c, "param"))
            continue;
        rng_pat *p = read_pattern(r, c);
        if (!acc) {
            acc = p;
        } else {
            rng_pat *g = new_pat(r, RNG_GROUP);
            g->a = acc;
            g->b = p;
            acc = g;
        }
    }
    return acc ? acc : new_pat(r, RNG_EMPTY);
}

static rng_pat *read_choice(reader *r, xmlNode *n)
{
    rng_pat *acc = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !is_rng(c, NULL))
            continue;
        rng_pat *p = read_pattern(r, c);
        acc = acc ? choice(r, acc, p) : p;
    }
    return acc ? acc : new_pat(r, RNG_NOT_ALLOWED);
}

static void split_name(reader *r, xmlNode *n, rng_pat *p, bool element)
{
    char *name = attr_up(n, "name", false);
    char *ns = attr_up(n, "ns", element);
    const char *colon = name ? strchr(name, ':') : NULL;
    if (colon && strncmp(name, "xml:", 4) == 0) {
        g_free(ns);
        ns = g_strdup("http://www.w3.org/XML/1998/namespace");
    }
    p->name = msp_arena_strdup(r->g->arena, colon ? colon + 1 : (name ? name : ""));
    p->ns = arena_str(r, ns);
    if (!name)
        r->failed = true;   /* name classes are not supported */
    g_free(name);
}

static bool read_type(reader *r, xmlNode *n, rng_pat *p, bool value)
{
    char *type = attr_up(n, "type", false);
    char *lib = attr_up(n, "datatypeLibrary", true);
    bool ok = true;
    if (!type) {
        p->type = RNG_T_TOKEN;   /* a value without type: the built-in token */
    } else if (lib && *lib && strcmp(lib, XSD_TYPES) != 0) {
        ok = false;
    } else if (!lib || !*lib) {
        p->type = strcmp(type, "string") == 0 ? RNG_T_STRING : RNG_T_TOKEN;
    } else {
        static const struct { const char *name; rng_type t; } types[] = {
            { "string", RNG_T_STRING },   { "token", RNG_T_TOKEN },   { "date", RNG_T_DATE },
            { "gYear", RNG_T_GYEAR },     { "positiveInteger", RNG_T_POSITIVE_INTEGER },
            { "NCName", RNG_T_NCNAME },   { "anyURI", RNG_T_ANY_URI },
        };
        ok = false;
        for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
            if (strcmp(type, types[i].name) == 0) {
                p->type = types[i].t;
                ok = true;
            }
    }
    (void)value;
    g_free(type);
    g_free(lib);
    return ok;
}

static void read_params(reader *r, xmlNode *n, rng_pat *p)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!is_rng(c, "param"))
            continue;
        char *name = attr_up(c, "name", false);
        xmlChar *v = xmlNodeGetContent(c);
        const char *val = v ? (const char *)v : "";
        if (name && strcmp(name, "pattern") == 0) {
            char *anchored = g_strdup_printf("^(?:%s)$", val);
            GRegex *re = g_regex_new(anchored, G_REGEX_OPTIMIZE, 0, NULL);
            g_free(anchored);
            if (re) {
                g_ptr_array_add(r->g->regexes, re);
                p->pattern = re;
                p->pattern_text = msp_arena_strdup(r->g->arena, val);
            } else {
                r->failed = true;
            }
        } else if (name && strcmp(name, "minLength") == 0) {
            p->min_length = atoi(val);
        } else if (name && strcmp(name, "length") == 0) {
            p->length = atoi(val);
        } else {
            r->failed = true;
        }
        xmlFree(v);
        g_free(name);
    }
    xmlChar *expect = xmlGetNsProp(n, (const xmlChar *)"expect", (const xmlChar *)DOC_NS);
    if (expect) {
        p->expect = msp_arena_strdup(r->g->arena, (const char *)expect);
        xmlFree(expect);
    }
}

static rng_pat *read_pattern(reader *r, xmlNode *n)
{
    const char *k = (const char *)n->name;
    if (strcmp(k, "empty") == 0)
        return new_pat(r, RNG_EMPTY);
    if (strcmp(k, "notAllowed") == 0)
        return new_pat(r, RNG_NOT_ALLOWED);
    if (strcmp(k, "text") == 0)
        return new_pat(r, RNG_TEXT);
    if (strcmp(k, "group") == 0)
        return read_group(r, n);
    if (strcmp(k, "choice") == 0)
        return read_choice(r, n);
    if (strcmp(k, "optional") == 0)
        return choice(r, read_group(r, n), new_pat(r, RNG_EMPTY));
    if (strcmp(k, "oneOrMore") == 0 || strcmp(k, "zeroOrMore") == 0) {
        rng_pat *p = new_pat(r, RNG_ONE_OR_MORE);
        p->a = read_group(r, n);
        return k[0] == 'o' ? p : choice(r, p, new_pat(r, RNG_EMPTY));
    }
    if (strcmp(k, "mixed") == 0) {
        rng_pat *p = new_pat(r, RNG_MIXED);
        p->a = read_group(r, n);
        return p;
    }
    if (strcmp(k, "element") == 0 || strcmp(k, "attribute") == 0) {
        bool element = k[0] == 'e';
        rng_pat *p = new_pat(r, element ? RNG_ELEMENT : RNG_ATTRIBUTE);
        split_name(r, n, p, element);
        p->a = read_group(r, n);
        if (!element && p->a->kind == RNG_EMPTY)
            p->a->kind = RNG_TEXT;   /* <attribute name="x"/> holds any text */
        if (element)
            g_ptr_array_add(r->g->elements, p);
        return p;
    }
    if (strcmp(k, "ref") == 0) {
        char *name = attr_up(n, "name", false);
        rng_pat *p = name ? g_hash_table_lookup(r->refs, name) : NULL;
        g_free(name);
        if (!p) {
            r->failed = true;
            return new_pat(r, RNG_NOT_ALLOWED);
        }
        return p;
    }
    if (strcmp(k, "data") == 0) {
        rng_pat *p = new_pat(r, RNG_DATA);
        if (!read_type(r, n, p, false))
            r->failed = true;
        read_params(r, n, p);
        return p;
    }
    if (strcmp(k, "value") == 0) {
        rng_pat *p = new_pat(r, RNG_VALUE);
        if (!read_type(r, n, p, true))
            r->failed = true;
        xmlChar *v = xmlNodeGetContent(n);
        p->value = msp_arena_strdup(r->g->arena, v ? (const char *)v : "");
        xmlFree(v);
        return p;
    }
    r->failed = true;   /* interleave, list, except, name classes, include, ... */
    return new_pat(r, RNG_NOT_ALLOWED);
}

rng_pat *msp_rng_deref(rng_pat *p)
{
    while (p && p->kind == RNG_REF)
        p = p->a;
    return p;
}

rng_grammar *msp_rng_read(const char *path)
{
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || !is_rng(root, "grammar")) {
        if (doc)
            xmlFreeDoc(doc);
        return NULL;
    }
    rng_grammar *g = g_new0(rng_grammar, 1);
    g->arena = msp_arena_new();
    g->elements = g_ptr_array_new();
    g->regexes = g_ptr_array_new_with_free_func((GDestroyNotify)g_regex_unref);
    reader r = { g, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL), false };
    xmlNode *start = NULL;
    for (xmlNode *c = root->children; c; c = c->next) {
        if (is_rng(c, "start")) {
            start = c;
        } else if (is_rng(c, "define")) {
            char *name = attr_up(c, "name", false);
            if (!name || g_hash_table_contains(r.defines, name) || xmlHasProp(c, (const xmlChar *)"combine")) {
                r.failed = true;   /* combined definitions are not supported */
                g_free(name);
                continue;
            }
            rng_pat *ref = new_pat(&r, RNG_REF);
            ref->name = msp_arena_strdup(g->arena, name);
            g_hash_table_insert(r.refs, g_strdup(name), ref);
            g_hash_table_insert(r.defines, name, c);
        } else if (is_rng(c, NULL)) {
            r.failed = true;   /* include, div */
        }
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, r.defines);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        rng_pat *ref = g_hash_table_lookup(r.refs, key);
        ref->a = read_group(&r, value);
    }
    g->start = start ? read_group(&r, start) : NULL;
    g_hash_table_destroy(r.defines);
    g_hash_table_destroy(r.refs);
    xmlFreeDoc(doc);
    if (r.failed || !g->start) {
        msp_rng_free(g);
        return NULL;
    }
    return g;
}

void msp_rng_free(rng_grammar *g)
{
    if (!g)
        return;
    msp_arena_free(g->arena);
    g_ptr_array_unref(g->elements);
    g_ptr_array_unref(g->regexes);
    g_free(g);
}

/* ---- datatypes ---- */

static char *collapse(const char *s)
{
    GString *o = g_string_new(NULL);
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = o->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(o, ' ');
        space = false;
        g_string_append_c(o, *p);
    }
    return g_string_free(o, FALSE);
}

static bool digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!g_ascii_isdigit(s[i]))
            return false;
    return true;
}

static bool timezone_ok(const char *s)
{
    if (!*s)
        return true;
    if (strcmp(s, "Z") == 0)
        return true;
    return (s[0] == '+' || s[0] == '-') && strlen(s) == 6 && digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2);
}

static int days_in(int year, int month)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : d[month - 1];
}

/* 0 valid; 1 not the form YYYY-MM-DD; 2 no such month; 3 no such day */
static int date_problem(const char *v)
{
    if (strlen(v) < 10 || !digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || v[7] != '-' || !digits(v + 8, 2) ||
        !timezone_ok(v + 10))
        return 1;
    int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
    if (m < 1 || m > 12)
        return 2;
    if (d < 1 || d > days_in(y, m))
        return 3;
    return 0;
}

static bool ncname(const char *v)
{
    if (!*v || !g_utf8_validate(v, -1, NULL))
        return false;
    gunichar c = g_utf8_get_char(v);
    if (!(g_unichar_isalpha(c) || c == '_'))
        return false;
    for (const char *p = g_utf8_next_char(v); *p; p = g_utf8_next_char(p)) {
        c = g_utf8_get_char(p);
        if (!(g_unichar_isalnum(c) || c == '_' || c == '-' || c == '.' || g_unichar_ismark(c)))
            return false;
    }
    return true;
}

bool msp_rng_data_allows(const rng_pat *p, const char *s)
{
    char *v = collapse(s);
    bool ok = true;
    if (p->kind == RNG_VALUE) {
        if (p->type == RNG_T_STRING) {
            ok = strcmp(s, p->value) == 0;
        } else {
            char *want = collapse(p->value);
            ok = strcmp(v, want) == 0;
            g_free(want);
        }
        g_free(v);
        return ok;
    }
    const char *text = p->type == RNG_T_STRING ? s : v;
    switch (p->type) {
    case RNG_T_DATE: ok = date_problem(v) == 0; break;
    case RNG_T_GYEAR: ok = strlen(v) >= 4 && digits(v, 4) && (strlen(v) == 4 || timezone_ok(v + 4)); break;
    case RNG_T_POSITIVE_INTEGER: {
        const char *d = v[0] == '+' ? v + 1 : v;
        ok = *d && digits(d, (int)strlen(d)) && strspn(d, "0") < strlen(d);
        break;
    }
    case RNG_T_NCNAME: ok = ncname(v); break;
    case RNG_T_ANY_URI: {
        xmlURIPtr uri = xmlParseURI(v);
        ok = uri != NULL;
        xmlFreeURI(uri);
        break;
    }
    case RNG_T_STRING:
    case RNG_T_TOKEN:
        break;
    }
    long len = g_utf8_validate(text, -1, NULL) ? g_utf8_strlen(text, -1) : (long)strlen(text);
    if (ok && p->min_length >= 0 && len < p->min_length)
        ok = false;
    if (ok && p->length >= 0 && len != p->length)
        ok = false;
    if (ok && p->pattern && !g_regex_match(p->pattern, text, 0, NULL))
        ok = false;
    g_free(v);
    return ok;
}

char *msp_rng_data_expect(const rng_pat *p)
{
    if (p->kind == RNG_VALUE)
        return g_strdup_printf("'%s'", p->value);
    if (p->expect)
        return g_strdup(p->expect);
    switch (p->type) {
    case RNG_T_DATE: return g_strdup("a date (YYYY-MM-DD)");
    case RNG_T_GYEAR: return g_strdup("a year (four digits, such as 2025)");
    case RNG_T_POSITIVE_INTEGER: return g_strdup("a whole number greater than 0");
    case RNG_T_NCNAME: return g_strdup("a name (letters, digits, '-', '_' and '.', starting with a letter)");
    case RNG_T_ANY_URI: return g_strdup("a URL");
    default: break;
    }
    if (p->length >= 0)
        return g_strdup_printf("exactly %d character%s", p->length, p->length == 1 ? "" : "s");
    if (p->pattern_text)
        return g_strdup_printf("text of the form %s", p->pattern_text);
    if (p->min_length > 0)
        return g_strdup("some text");
    return g_strdup("text");
}

char *msp_rng_data_why(const rng_pat *p, const char *s)
{
    if (p->kind == RNG_DATA && p->type == RNG_T_DATE) {
        char *v = collapse(s);
        int d = date_problem(v);
        char *why = d == 2   ? g_strdup_printf("is not a date: there is no month %.2s", v + 5)
                    : d == 3 ? g_strdup_printf("is not a date: %.7s has no day %.2s", v, v + 8)
                             : g_strdup("is not a date (YYYY-MM-DD)");
        g_free(v);
        return why;
    }
    char *e = msp_rng_data_expect(p);
    char *why = g_strdup_printf("is not %s", e);
    g_free(e);
    return why;
}
