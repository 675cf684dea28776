/* Document symbols: a hand-written recursive-descent parser for the
 * FORMAT.md §10 grammar (exact messages with the character where the symbol
 * goes wrong), and the derived forms (without stars, output file name).
 * Agreement with the meeting (ordinal, year) is checked by source_check.c. */
#include "source/symbol.h"

#include <glib.h>
#include <string.h>

typedef struct cursor {
    const char *text;
    size_t pos;
    msp_symbol_error *err;
} cursor;

/* 1-based character column of byte offset pos. */
static int char_column(const char *text, size_t pos)
{
    int col = 1;
    for (size_t i = 0; i < pos && text[i]; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static void describe_found(const char *at, char *buf, size_t size)
{
    if (*at == '\0') {
        g_strlcpy(buf, "the end of the symbol", size);
        return;
    }
    const char *end = g_utf8_find_next_char(at, NULL);
    size_t n = end ? (size_t)(end - at) : 1;
    if (n > 4)
        n = 4;
    g_snprintf(buf, size, "'%.*s'", (int)n, at);
}

/* Records "expected WHAT after 'PREFIX', found X" at byte offset at. */
static bool fail_expected(cursor *c, size_t at, const char *what)
{
    if (c->err) {
        char found[40];
        describe_found(c->text + at, found, sizeof found);
        c->err->column = char_column(c->text, at);
        if (at == 0)
            g_snprintf(c->err->message, sizeof c->err->message,
                       "expected %s at the start of the symbol, found %s", what, found);
        else
            g_snprintf(c->err->message, sizeof c->err->message,
                       "expected %s after '%.*s', found %s", what, (int)at, c->text, found);
    }
    return false;
}

static bool fail_at(cursor *c, size_t at, const char *message)
{
    if (c->err) {
        c->err->column = char_column(c->text, at);
        g_strlcpy(c->err->message, message, sizeof c->err->message);
    }
    return false;
}

static bool literal(cursor *c, const char *lit)
{
    size_t n = strlen(lit);
    if (strncmp(c->text + c->pos, lit, n) == 0) {
        c->pos += n;
        return true;
    }
    return false;
}

/* Tries the alternatives in order; on failure reports at the end of the
 * longest partial match so the column points at the first wrong character. */
static int alternatives(cursor *c, const char *const *alts, int n_alts, const char *what)
{
    size_t best = 0;
    int best_i = -1;
    for (int i = 0; i < n_alts; i++) {
        size_t len = strlen(alts[i]);
        if (strncmp(c->text + c->pos, alts[i], len) == 0) {
            c->pos += len;
            return i;
        }
        size_t k = 0;
        while (k < len && c->text[c->pos + k] == alts[i][k])
            k++;
        if (k > best) {
            best = k;
            best_i = i;
        }
    }
    if (best_i >= 0) {
        char want[64];
        g_snprintf(want, sizeof want, "'%s'", alts[best_i] + best);
        fail_expected(c, c->pos + best, want);
    } else {
        fail_expected(c, c->pos, what);
    }
    return -1;
}

/* n = nonzero digit, { digit } (at most 6 digits). */
static bool number(cursor *c, int *out, const char *what)
{
    size_t start = c->pos;
    const char *s = c->text;
    if (s[start] == '0') {
        char msg[256];
        g_snprintf(msg, sizeof msg, "%s after '%.*s' must not start with 0", what, (int)start, s);
        msg[0] = g_ascii_toupper(msg[0]);
        return fail_at(c, start, msg);
    }
    if (!g_ascii_isdigit(s[start]))
        return fail_expected(c, start, what);
    int v = 0;
    size_t i = start;
    while (g_ascii_isdigit(s[i])) {
        if (i - start >= 6) {
            char msg[256];
            g_snprintf(msg, sizeof msg, "%s after '%.*s' has more than 6 digits", what, (int)start, s);
            msg[0] = g_ascii_toupper(msg[0]);
            return fail_at(c, i, msg);
        }
        v = v * 10 + (s[i] - '0');
        i++;
    }
    c->pos = i;
    *out = v;
    return true;
}

static bool slash(cursor *c)
{
    if (c->text[c->pos] == '/') {
        c->pos++;
        return true;
    }
    return fail_expected(c, c->pos, "'/'");
}

static bool year(cursor *c, int *out)
{
    size_t start = c->pos;
    size_t i = start;
    while (g_ascii_isdigit(c->text[i]))
        i++;
    if (i - start != 4)
        return fail_expected(c, start, "a year of 4 digits");
    *out = (int)g_ascii_strtoll(c->text + start, NULL, 10);
    c->pos = i;
    return true;
}

static const char *const doc_alts[] = { "L.", "WP.", "CRP.", "INF/", "INF.", "Misc.", "MISC." };
static const msp_symbol_doc doc_kinds[] = {
    MSP_SYMBOL_DOC_L, MSP_SYMBOL_DOC_WP, MSP_SYMBOL_DOC_CRP, MSP_SYMBOL_DOC_INF_SLASH,
    MSP_SYMBOL_DOC_INF_DOT, MSP_SYMBOL_DOC_MISC, MSP_SYMBOL_DOC_MISC
};

static bool doc_part(cursor *c, msp_symbol *sym)
{
    if (g_ascii_isdigit(c->text[c->pos])) {
        sym->doc = MSP_SYMBOL_DOC_NUMBER;
        return number(c, &sym->doc_number, "a document number");
    }
    int k = alternatives(c, doc_alts, G_N_ELEMENTS(doc_alts),
                         "a document number or 'L.n', 'WP.n', 'CRP.n', 'INF/n', 'INF.n', 'Misc.n'");
    if (k < 0)
        return false;
    sym->doc = doc_kinds[k];
    return number(c, &sym->doc_number, "a document number");
}

static const char *const suffix_alts[] = { "Add.", "Corr.", "Rev.", "Amend.", "Summary" };

static bool suffix(cursor *c, msp_symbol *sym)
{
    size_t start = c->pos;
    int k = alternatives(c, suffix_alts, G_N_ELEMENTS(suffix_alts),
                         "a suffix 'Add.n', 'Corr.n', 'Rev.n', 'Amend.n' or 'Summary'");
    if (k < 0)
        return false;
    if (sym->n_suffixes == MSP_SYMBOL_MAX_SUFFIXES)
        return fail_at(c, start, "too many suffixes (at most 8)");
    msp_symbol_suffix *sx = &sym->suffixes[sym->n_suffixes++];
    sx->kind = (msp_symbol_suffix_kind)k;
    sx->number = 0;
    if (sx->kind == MSP_SYMBOL_SUMMARY)
        return true;
    return number(c, &sx->number, "a suffix number");
}

bool msp_symbol_parse(msp_symbol *out, const char *text, msp_symbol_error *err)
{
    msp_symbol sym;
    memset(&sym, 0, sizeof sym);
    if (err) {
        err->column = 0;
        err->message[0] = '\0';
    }
    cursor c = { text ? text : "", 0, err };
    size_t len = strlen(c.text);
    if (len == 0)
        return fail_at(&c, 0, "the symbol is empty");
    if (len > MSP_SYMBOL_MAX_LEN)
        return fail_at(&c, MSP_SYMBOL_MAX_LEN, "the symbol is longer than 128 characters");
    memcpy(sym.text, c.text, len + 1);

    if (!literal(&c, "APLC/")) {
        if (g_ascii_strncasecmp(c.text, "APLC/", 5) == 0)
            return fail_at(&c, 0, "expected 'APLC/' in capitals at the start of the symbol");
        static const char *const aplc[] = { "APLC/" };
        alternatives(&c, aplc, 1, "'APLC/'");
        return false;
    }
    static const char *const bodies[] = { "MSP.", "CONF" };
    int b = alternatives(&c, bodies, 2, "'MSP.n' or 'CONF'");
    if (b < 0)
        return false;
    if (b == 0) {
        sym.body = MSP_SYMBOL_BODY_MSP;
        if (!number(&c, &sym.msp, "the meeting number"))
            return false;
    } else {
        sym.body = MSP_SYMBOL_BODY_CONF;
    }
    if (!slash(&c) || !year(&c, &sym.year) || !slash(&c))
        return false;
    if (strncmp(c.text + c.pos, "PM.", 3) == 0) {
        if (sym.body != MSP_SYMBOL_BODY_CONF)
            return fail_at(&c, c.pos, "'PM.n' is only allowed after 'APLC/CONF/yyyy/' (Review Conference symbols)");
        c.pos += 3;
        if (!number(&c, &sym.pm, "the preparatory meeting number") || !slash(&c))
            return false;
    }
    if (!doc_part(&c, &sym))
        return false;
    while (c.text[c.pos] == '/') {
        c.pos++;
        if (!suffix(&c, &sym))
            return false;
    }
    while (c.text[c.pos] == '*') {
        if (sym.stars == 3)
            return fail_at(&c, c.pos, "at most 3 reissue stars are allowed");
        sym.stars++;
        c.pos++;
    }
    if (c.text[c.pos] != '\0') {
        if (sym.stars > 0)
            return fail_expected(&c, c.pos, "the end of the symbol after the stars");
        return fail_expected(&c, c.pos, "'/', '*' or the end of the symbol");
    }
    *out = sym;
    return true;
}

char *msp_symbol_plain(const msp_symbol *sym)
{
    size_t n = strlen(sym->text);
    while (n > 0 && sym->text[n - 1] == '*')
        n--;
    return g_strndup(sym->text, n);
}

const char *msp_symbol_language_letter(const char *lang)
{
    static const char *const letters[][2] = {
        { "ar", "A" }, { "zh", "C" }, { "en", "E" }, { "fr", "F" }, { "ru", "R" }, { "es", "S" },
    };
    for (size_t i = 0; lang && i < G_N_ELEMENTS(letters); i++)
        if (strcmp(lang, letters[i][0]) == 0)
            return letters[i][1];
    return NULL;
}

char *msp_symbol_output_name(const msp_symbol *sym, const char *lang, const char *source_path)
{
    if (sym) {
        char *plain = msp_symbol_plain(sym);
        g_strdelimit(plain, "/", '_');
        const char *letter = msp_symbol_language_letter(lang);
        char *name = lang && *lang ? g_strconcat(plain, "-", letter ? letter : lang, ".pdf", NULL)
                                   : g_strconcat(plain, ".pdf", NULL);
        g_free(plain);
        return name;
    }
    char *base = g_path_get_basename(source_path ? source_path : "document");
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    char *name = g_strconcat(base, ".pdf", NULL);
    g_free(base);
    return name;
}

const char *msp_symbol_suffix_name(msp_symbol_suffix_kind kind)
{
    switch (kind) {
    case MSP_SYMBOL_ADD: return "Add";
    case MSP_SYMBOL_CORR: return "Corr";
    case MSP_SYMBOL_REV: return "Rev";
    case MSP_SYMBOL_AMEND: return "Amend";
    case MSP_SYMBOL_SUMMARY: return "Summary";
    }
    return "?";
}
