/* Reading cairo's PDF back (pdf_read.h): the cross-reference table at the
 * last startxref, each object located by it, and small scanners over PDF
 * syntax text. The file's bytes must be followed by a NUL (pdf.c adds one
 * past the end) so that the scanners stop at the end of the file. */
#include "render/pdf_read.h"

#include <stdlib.h>
#include <string.h>

struct msp_pdf_file {
    const guint8 *data;
    gsize len;
    GArray *offsets;     /* of gsize, by object number; 0 = not in use */
    char *trailer;
    int size;
};

bool msp_pdf_is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool msp_pdf_is_delim(char c)
{
    return msp_pdf_is_ws(c) || strchr("()<>[]{}/%", c);
}

#define is_ws msp_pdf_is_ws
#define is_delim msp_pdf_is_delim

/* Past white space and comments ("% 1" after a page's /Type). */
static size_t skip_ws(const char *t, size_t i)
{
    for (;;) {
        while (t[i] && is_ws(t[i]))
            i++;
        if (t[i] != '%')
            return i;
        while (t[i] && t[i] != '\n' && t[i] != '\r')
            i++;
    }
}

size_t msp_pdf_object_end(const char *t, size_t i)
{
    if (t[i] == '(') {
        int depth = 0;
        for (; t[i]; i++) {
            if (t[i] == '\\' && t[i + 1]) {
                i++;
                continue;
            }
            if (t[i] == '(')
                depth++;
            else if (t[i] == ')' && --depth == 0)
                return i + 1;
        }
        return i;
    }
    if (t[i] == '<' && t[i + 1] != '<') {
        while (t[i] && t[i] != '>')
            i++;
        return t[i] ? i + 1 : i;
    }
    if ((t[i] == '<' && t[i + 1] == '<') || t[i] == '[') {
        int depth = 0;
        while (t[i]) {
            if (t[i] == '(' || (t[i] == '<' && t[i + 1] != '<')) {
                i = msp_pdf_object_end(t, i);
                continue;
            }
            if (t[i] == '%') {
                while (t[i] && t[i] != '\n' && t[i] != '\r')
                    i++;
                continue;
            }
            if (t[i] == '<' && t[i + 1] == '<') {
                depth++;
                i += 2;
            } else if (t[i] == '>' && t[i + 1] == '>') {
                depth--;
                i += 2;
            } else if (t[i] == '[') {
                depth++;
                i++;
            } else if (t[i] == ']') {
                depth--;
                i++;
            } else {
                i++;
            }
            if (depth == 0)
                return i;
        }
        return i;
    }
    size_t j = i + (t[i] == '/');
    while (t[j] && !is_delim(t[j]))
        j++;
    /* "n g R": two integers and R */
    if (g_ascii_isdigit(t[i])) {
        size_t k = skip_ws(t, j);
        if (g_ascii_isdigit(t[k])) {
            size_t m = k;
            while (g_ascii_isdigit(t[m]))
                m++;
            size_t r = skip_ws(t, m);
            if (t[r] == 'R' && is_delim(t[r + 1]))
                return r + 1;
        }
    }
    return j;
}

bool msp_pdf_dict_get(const char *dict, const char *key, size_t *start, size_t *end)
{
    size_t i = skip_ws(dict, 0), kl = strlen(key);
    if (dict[i] != '<' || dict[i + 1] != '<')
        return false;
    i += 2;
    for (;;) {
        i = skip_ws(dict, i);
        if (dict[i] != '/')
            return false;   /* ">>" or not a dictionary */
        size_t k = i + 1;
        while (dict[k] && !is_delim(dict[k]))
            k++;
        size_t v = skip_ws(dict, k);
        size_t e = msp_pdf_object_end(dict, v);
        if (k - i == kl && memcmp(dict + i, key, kl) == 0) {
            *start = v;
            *end = e;
            return true;
        }
        if (e == v)
            return false;
        i = e;
    }
}

int msp_pdf_ref(const char *t, size_t start, size_t end)
{
    size_t i = skip_ws(t, start);
    if (i >= end || !g_ascii_isdigit(t[i]))
        return 0;
    long n = strtol(t + i, NULL, 10);
    size_t e = msp_pdf_object_end(t, i);
    return e <= end && t[e - 1] == 'R' && n > 0 && n < G_MAXINT ? (int)n : 0;
}

int msp_pdf_dict_ref(const char *dict, const char *key)
{
    size_t s, e;
    return msp_pdf_dict_get(dict, key, &s, &e) ? msp_pdf_ref(dict, s, e) : 0;
}

void msp_pdf_dict_copy(const char *dict, GString *o, const char *const *skip)
{
    size_t i = skip_ws(dict, 0);
    if (dict[i] != '<' || dict[i + 1] != '<')
        return;
    i += 2;
    for (;;) {
        i = skip_ws(dict, i);
        if (dict[i] != '/')
            break;
        size_t k = i + 1;
        while (dict[k] && !is_delim(dict[k]))
            k++;
        size_t v = skip_ws(dict, k);
        size_t e = msp_pdf_object_end(dict, v);
        bool drop = false;
        for (const char *const *s = skip; s && *s && !drop; s++)
            drop = strlen(*s) == k - i && memcmp(*s, dict + i, k - i) == 0;
        if (!drop) {
            g_string_append_c(o, ' ');
            g_string_append_len(o, dict + i, (gssize)(e - i));
        }
        if (e == v)
            break;
        i = e;
    }
}

void msp_pdf_array_refs(const char *t, size_t start, size_t end, GArray *nums)
{
    size_t i = skip_ws(t, start);
    if (t[i] != '[') {
        int r = msp_pdf_ref(t, start, end);
        if (r)
            g_array_append_val(nums, r);
        return;
    }
    i++;
    while (i < end) {
        i = skip_ws(t, i);
        if (t[i] == ']' || !t[i])
            break;
        size_t e = msp_pdf_object_end(t, i);
        int r = msp_pdf_ref(t, i, e);
        if (r)
            g_array_append_val(nums, r);
        i = e > i ? e : i + 1;
    }
}

void msp_pdf_text_refs(const char *t, GArray *nums)
{
    gint64 n[2] = { -1, -1 };   /* the last two integers, when they came last */
    for (const char *p = t; *p;) {
        char c = *p;
        if (c == '(' || (c == '<' && p[1] != '<')) {
            p += msp_pdf_object_end(p, 0);
            n[0] = n[1] = -1;
        } else if (c == '<' || c == '>') {
            p += p[1] == c ? 2 : 1;
            n[0] = n[1] = -1;
        } else if (c == '/') {
            p++;
            while (*p && !is_delim(*p))
                p++;
            n[0] = n[1] = -1;
        } else if (c == '%') {
            while (*p && *p != '\n' && *p != '\r')
                p++;
        } else if (g_ascii_isdigit(c) && (p == t || is_delim(p[-1]))) {
            gint64 v = 0;
            const char *q = p;
            while (g_ascii_isdigit(*q) && q - p < 12)
                v = v * 10 + (*q++ - '0');
            if (!is_delim(*q)) {   /* a real number or something else */
                while (*q && !is_delim(*q))
                    q++;
                n[0] = n[1] = -1;
            } else {
                n[0] = n[1];
                n[1] = v;
            }
            p = q;
        } else if (c == 'R' && is_delim(p[1]) && p > t && is_delim(p[-1]) && n[0] > 0 && n[1] == 0) {
            int r = (int)MIN(n[0], G_MAXINT);
            g_array_append_val(nums, r);
            n[0] = n[1] = -1;
            p++;
        } else {
            if (!is_ws(c))
                n[0] = n[1] = -1;
            p++;
        }
    }
}

/* --- the file --- */

static gint64 startxref(const guint8 *data, gsize len)
{
    static const char key[] = "startxref";
    gsize kl = sizeof key - 1;
    gsize from = len > 1024 ? len - 1024 : 0;
    for (gsize i = len >= kl ? len - kl : 0; i >= from; i--) {
        if (memcmp(data + i, key, kl) == 0) {
            const char *p = (const char *)data + i + kl;
            while (is_ws(*p) && *p)
                p++;
            char *end = NULL;
            gint64 v = g_ascii_strtoll(p, &end, 10);
            return end != p && v > 0 && (gsize)v < len ? v : -1;
        }
        if (i == 0)
            break;
    }
    return -1;
}

msp_pdf_file *msp_pdf_file_open(const guint8 *data, gsize len, char **why)
{
    *why = NULL;
    gint64 at = startxref(data, len);
    const char *t = (const char *)data;
    if (at < 0 || strncmp(t + at, "xref", 4) != 0) {
        *why = g_strdup("no classic cross-reference table at its startxref");
        return NULL;
    }
    msp_pdf_file *f = g_new0(msp_pdf_file, 1);
    f->data = data;
    f->len = len;
    f->offsets = g_array_new(FALSE, TRUE, sizeof(gsize));
    size_t i = (size_t)at + 4;
    for (;;) {
        i = skip_ws(t, i);
        if (!g_ascii_isdigit(t[i]))
            break;
        char *end = NULL;
        long first = strtol(t + i, &end, 10);
        long count = strtol(end, &end, 10);
        i = (size_t)(end - t);
        while (t[i] == ' ' || t[i] == '\r')
            i++;
        if (t[i] == '\n')
            i++;
        if (first < 0 || count < 0 || first + count > 10000000 || i + (size_t)count * 20 > len) {
            *why = g_strdup("a cross-reference subsection out of range");
            msp_pdf_file_free(f);
            return NULL;
        }
        if ((guint)(first + count) > f->offsets->len)
            g_array_set_size(f->offsets, (guint)(first + count));
        for (long k = 0; k < count; k++, i += 20) {
            gsize off = (gsize)g_ascii_strtoull(t + i, NULL, 10);
            if (t[i + 17] == 'n' && off > 0 && off < len)
                g_array_index(f->offsets, gsize, first + k) = off;
        }
    }
    if (strncmp(t + i, "trailer", 7) != 0) {
        *why = g_strdup("no trailer after the cross-reference table");
        msp_pdf_file_free(f);
        return NULL;
    }
    i = skip_ws(t, i + 7);
    size_t e = msp_pdf_object_end(t, i);
    f->trailer = g_strndup(t + i, e - i);
    size_t s, se;
    if (msp_pdf_dict_get(f->trailer, "/Size", &s, &se))
        f->size = atoi(f->trailer + s);
    if (f->size <= 0 || msp_pdf_dict_get(f->trailer, "/Prev", &s, &se) ||
        msp_pdf_dict_get(f->trailer, "/Encrypt", &s, &se)) {
        *why = g_strdup("a trailer with no /Size, an earlier update or encryption");
        msp_pdf_file_free(f);
        return NULL;
    }
    return f;
}

void msp_pdf_file_free(msp_pdf_file *f)
{
    if (!f)
        return;
    g_array_free(f->offsets, TRUE);
    g_free(f->trailer);
    g_free(f);
}

const char *msp_pdf_file_trailer(const msp_pdf_file *f)
{
    return f->trailer;
}

int msp_pdf_file_size(const msp_pdf_file *f)
{
    return f->size;
}

bool msp_pdf_file_object(const msp_pdf_file *f, int num, char **text, const guint8 **stream,
                         gsize *stream_len)
{
    *text = NULL;
    *stream = NULL;
    *stream_len = 0;
    if (num <= 0 || (guint)num >= f->offsets->len)
        return false;
    gsize off = g_array_index(f->offsets, gsize, num);
    if (!off)
        return false;
    const char *t = (const char *)f->data;
    /* "num gen obj" */
    char *end = NULL;
    long n = strtol(t + off, &end, 10);
    if (n != num || !end)
        return false;
    strtol(end, &end, 10);
    size_t i = skip_ws(t, (size_t)(end - t));
    if (strncmp(t + i, "obj", 3) != 0)
        return false;
    i = skip_ws(t, i + 3);
    size_t e = msp_pdf_object_end(t, i);
    *text = g_strndup(t + i, e - i);
    size_t j = skip_ws(t, e);
    if (strncmp(t + j, "stream", 6) == 0) {
        j += 6;
        if (t[j] == '\r')
            j++;
        if (t[j] == '\n')
            j++;
        size_t s, se;
        long length = -1;
        if (msp_pdf_dict_get(*text, "/Length", &s, &se)) {
            int ref = msp_pdf_ref(*text, s, se);
            if (ref) {
                char *lt = NULL;
                const guint8 *ls;
                gsize ll;
                if (msp_pdf_file_object(f, ref, &lt, &ls, &ll))
                    length = strtol(lt, NULL, 10);
                g_free(lt);
            } else {
                length = strtol(*text + s, NULL, 10);
            }
        }
        if (length < 0 || j + (size_t)length > f->len) {
            g_free(*text);
            *text = NULL;
            return false;
        }
        *stream = f->data + j;
        *stream_len = (gsize)length;
    }
    return true;
}
