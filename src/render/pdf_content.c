/* The marks in a page's content stream (pdf_finish_private.h): cairo opens
 * each tagged sequence as "/Span << /MCID n >> BDC"; real content keeps an
 * MCID (renumbered without the artifacts) under its element's type,
 * artifacts get their /Artifact properties, an untagged file loses every
 * mark. The stream is scanned, not parsed into objects: strings, hex
 * strings, comments and inline image data are stepped over. */
#include "render/pdf_finish_private.h"

#include <string.h>

#define is_ws msp_pdf_is_ws
#define is_delim msp_pdf_is_delim

static size_t skip_ws(const char *d, size_t n, size_t i)
{
    while (i < n && is_ws(d[i]))
        i++;
    return i;
}

static bool lit(const char *d, size_t n, size_t *i, const char *word)
{
    size_t k = strlen(word);
    if (*i + k > n || memcmp(d + *i, word, k) != 0)
        return false;
    *i += k;
    return true;
}

/* At d[i] == '/': "/Name << /MCID n >> BDC"? Sets *mcid and *end. */
static bool match_mcid(const char *d, size_t n, size_t i, int *mcid, size_t *end)
{
    size_t j = i + 1;
    while (j < n && !is_delim(d[j]))
        j++;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "<<"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "/MCID"))
        return false;
    j = skip_ws(d, n, j);
    int v = 0, digits = 0;
    while (j < n && d[j] >= '0' && d[j] <= '9' && digits < 9) {
        v = v * 10 + (d[j++] - '0');
        digits++;
    }
    if (!digits)
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, ">>"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "BDC") || (j < n && !is_delim(d[j])))
        return false;
    *mcid = v;
    *end = j;
    return true;
}

static const char *artifact_props(msp_artifact a)
{
    switch (a) {
    case MSP_ART_HEADER: return "<< /Type /Pagination /Subtype /Header >>";
    case MSP_ART_FOOTER: return "<< /Type /Pagination /Subtype /Footer >>";
    case MSP_ART_WATERMARK: return "<< /Type /Pagination /Subtype /Watermark >>";
    case MSP_ART_PAGINATION: return "<< /Type /Pagination >>";
    default: return "<< /Type /Layout >>";
    }
}

int msp_pdf_rewrite_content(GString *o, const char *d, size_t n, const msp_struct_page *pg,
                            int *renum, bool strip)
{
    size_t i = 0, from = 0;
    int seen = 0, next = 0;
    while (i < n) {
        char c = d[i];
        if (c == '(') {           /* literal string: nested parentheses, escapes */
            int depth = 0;
            for (; i < n; i++) {
                if (d[i] == '\\') {
                    i++;
                    continue;
                }
                if (d[i] == '(')
                    depth++;
                else if (d[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        if (c == '<' && i + 1 < n && d[i + 1] == '<') {   /* a dictionary */
            i += 2;
            continue;
        }
        if (c == '<') {   /* hex string */
            while (i < n && d[i] != '>')
                i++;
            i++;
            continue;
        }
        if (c == '%') {
            while (i < n && d[i] != '\n' && d[i] != '\r')
                i++;
            continue;
        }
        if (c == 'I' && i + 2 < n && d[i + 1] == 'D' && is_ws(d[i + 2]) &&
            (i == 0 || is_ws(d[i - 1]))) {
            /* inline image data: up to "EI" between white space */
            i += 3;
            while (i + 2 < n && !(is_ws(d[i - 1]) && d[i] == 'E' && d[i + 1] == 'I' &&
                                  (i + 2 >= n || is_ws(d[i + 2]))))
                i++;
            i += 2;
            continue;
        }
        int mcid;
        size_t end;
        if (c == '/' && match_mcid(d, n, i, &mcid, &end)) {
            if (mcid < 0 || (guint)mcid >= pg->mcs->len)
                return -1;
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, mcid);
            g_string_append_len(o, d + from, (gssize)(i - from));
            if (strip) {
                renum[mcid] = -1;
            } else if (mc->elem) {
                renum[mcid] = next;
                msp_pdf_put_name(o, mc->elem->role ? mc->elem->role : mc->elem->type);
                g_string_append_printf(o, " << /MCID %d >> BDC", next++);
            } else {
                renum[mcid] = -1;
                g_string_append_printf(o, "/Artifact %s BDC", artifact_props(mc->art));
            }
            seen++;
            i = from = end;
            continue;
        }
        if (strip && c == 'E' && i + 3 <= n && memcmp(d + i, "EMC", 3) == 0 &&
            (i == 0 || is_ws(d[i - 1])) && (i + 3 == n || is_delim(d[i + 3]))) {
            g_string_append_len(o, d + from, (gssize)(i - from));
            i = from = i + 3;
            continue;
        }
        i++;
    }
    g_string_append_len(o, d + from, (gssize)(n - from));
    return seen;
}
