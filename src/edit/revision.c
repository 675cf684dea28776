/* The revision of a corrected paper (`mspdoc corrigendum --revision`): when
 * the changes are too many for a corrigendum, the UN issues the whole paper
 * again as SYMBOL/Rev.N. The draft is the corrected source byte for byte
 * (its comments and layout kept) with three edits: the symbol's suffix,
 * the date, and no <reissue> (a revision is a new paper, not a reissue of
 * the old one). */
#include "edit/edit.h"

#include <string.h>

/* [*from, *to) of the text of the first <name>…</name> in text (no
 * attributes, no namespace prefix: as the paper sources write them). */
static bool element_text(const char *text, const char *name, size_t *from, size_t *to)
{
    char *open = g_strdup_printf("<%s>", name), *close = g_strdup_printf("</%s>", name);
    const char *a = strstr(text, open);
    const char *b = a ? strstr(a, close) : NULL;
    bool ok = a && b;
    if (ok) {
        *from = (size_t)(a - text) + strlen(open);
        *to = (size_t)(b - text);
    }
    g_free(open);
    g_free(close);
    return ok;
}

msp_status msp_revision_draft(msp_job *job, const msp_diff *d, int number, char **out, char **symbol_out)
{
    *out = NULL;
    *symbol_out = NULL;
    const char *path = msp_diff_corrected_path(d);
    msp_loc loc = { msp_diag_list_intern(&job->diags, path), 0, 0 };
    char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return msp_diag_error(&job->diags, MSP_E_IO, loc, NULL, "cannot read the corrected source");
    const char *sym = msp_diff_symbol(d);
    if (!sym)
        return g_free(text), msp_diag_error(&job->diags, MSP_E_USAGE, loc, "give the paper its symbol",
                                            "a paper without a symbol has no revision");
    /* a revision of a revision: the next N of the same base symbol */
    char *base = g_strdup(sym);
    char *rev = strstr(base, "/Rev.");
    if (rev)
        *rev = '\0';
    if (number <= 0) {
        char *dir = g_path_get_dirname(msp_diff_issued_path(d));
        number = msp_suffix_next_number(dir, base, "Rev.");
        g_free(dir);
    }
    size_t s0, s1, d0, d1;
    if (!element_text(text, "symbol", &s0, &s1) || !element_text(text, "date", &d0, &d1) || d0 < s1) {
        g_free(base);
        g_free(text);
        return msp_diag_error(&job->diags, MSP_E_USAGE, loc, "write <symbol> and then <date> in <meta>",
                              "the corrected source's <symbol> and <date> were not found");
    }
    char *date = msp_edit_date(-1);
    char *symbol = g_strdup_printf("%s/Rev.%d", base, number);
    GString *o = g_string_new_len(text, (gssize)s0);
    g_string_append(o, symbol);
    g_string_append_len(o, text + s1, (gssize)(d0 - s1));
    g_string_append(o, date);
    g_string_append(o, text + d1);
    /* the <reissue/> element, with its line when it stands alone on it */
    char *r = strstr(o->str, "<reissue");
    if (r && (r[8] == ' ' || r[8] == '/' || r[8] == '>')) {
        size_t a = (size_t)(r - o->str);
        char *close = strstr(r, "/>");
        char *gt = strchr(r, '>');
        size_t b = close && close < gt + 1 ? (size_t)(close - o->str) + 2 : 0;
        if (!b) {
            char *etag = strstr(r, "</reissue>");
            b = etag ? (size_t)(etag - o->str) + 10 : 0;
        }
        if (b) {
            size_t ls = a;
            while (ls > 0 && (o->str[ls - 1] == ' ' || o->str[ls - 1] == '\t'))
                ls--;
            size_t le = b;
            while (le < o->len && (o->str[le] == ' ' || o->str[le] == '\t'))
                le++;
            if ((ls == 0 || o->str[ls - 1] == '\n') && le < o->len && o->str[le] == '\n')
                g_string_erase(o, (gssize)ls, (gssize)(le + 1 - ls));
            else
                g_string_erase(o, (gssize)a, (gssize)(b - a));
        }
    }
    g_free(date);
    g_free(base);
    g_free(text);
    *symbol_out = symbol;
    *out = g_string_free(o, FALSE);
    return MSP_OK;
}
