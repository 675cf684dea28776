/* The word diff: a text cut into word and punctuation tokens, and the
 * shortest edit script between two token lists. GLib has no sequence diff,
 * and the texts compared are paragraphs (tens to a few hundred tokens), so
 * this is the plain longest-common-subsequence table after the common head
 * and tail are stripped: O(n·m) on what differs, with a cap beyond which the
 * whole middle counts as replaced (a corrigendum would restate it anyway).
 * Myers' O(ND) would save memory on long texts with few changes; the
 * strip-then-table form is shorter and enough here. */
#include "edit/diff_private.h"

#include <string.h>

/* Beyond this many table cells the middle is one replacement (16 MB of guint32). */
#define MSP_DIFF_MAX_CELLS (4u * 1024u * 1024u)

msp_tokens *msp_tokens_new(void)
{
    msp_tokens *t = g_new0(msp_tokens, 1);
    t->t = g_array_new(FALSE, FALSE, sizeof(msp_token));
    t->chunk = g_string_chunk_new(256);
    return t;
}

void msp_tokens_free(msp_tokens *t)
{
    if (!t)
        return;
    g_array_free(t->t, TRUE);
    g_string_chunk_free(t->chunk);
    g_free(t);
}

guint msp_tokens_len(const msp_tokens *t)
{
    return t ? t->t->len : 0;
}

const msp_token *msp_tokens_at(const msp_tokens *t, guint i)
{
    return &g_array_index(t->t, msp_token, i);
}

static int count_alnum(const char *s, size_t n)
{
    int k = 0;
    for (const char *p = s; p < s + n; p = g_utf8_next_char(p))
        k += g_unichar_isalnum(g_utf8_get_char(p)) ? 1 : 0;
    return k;
}

static void push(msp_tokens *t, msp_token_kind kind, const char *s, size_t n)
{
    msp_token tok = { g_string_chunk_insert_len(t->chunk, s, (gssize)n), kind, t->pending_space, t->alnum };
    t->pending_space = false;
    t->alnum += count_alnum(s, n);
    g_array_append_val(t->t, tok);
}

static bool is_joiner(gunichar c)
{
    return c == '-' || c == '\'' || c == 0x2019 || c == 0x2010 || c == 0x2011 || c == 0x00AD;
}

/* A chunk between spaces kept whole: a URL or an e-mail address. */
static bool whole_chunk(const char *s, size_t n)
{
    char *c = g_strndup(s, n);
    bool whole = strstr(c, "://") || g_str_has_prefix(c, "www.") || (strchr(c, '@') && strchr(c, '.'));
    g_free(c);
    return whole;
}

void msp_tokens_add_text(msp_tokens *t, const char *text)
{
    const char *p = text;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x00A0 || c == 0x202F) {
            t->pending_space = true;
            p = g_utf8_next_char(p);
            continue;
        }
        const char *end = p;
        while (*end) {
            gunichar e = g_utf8_get_char(end);
            if (g_unichar_isspace(e) || e == 0x00A0 || e == 0x202F)
                break;
            end = g_utf8_next_char(end);
        }
        if (whole_chunk(p, (size_t)(end - p))) {
            /* a trailing full stop, comma or semicolon is the sentence's, not the address's */
            const char *last = end;
            while (last > p && strchr(".,;:)", last[-1]))
                last--;
            push(t, MSP_TOK_WORD, p, (size_t)(last - p));
            for (const char *q = last; q < end; q++)
                push(t, MSP_TOK_PUNCT, q, 1);
            p = end;
            continue;
        }
        if (g_unichar_isalnum(c)) {
            const char *w = g_utf8_next_char(p);
            while (w < end) {
                gunichar d = g_utf8_get_char(w);
                if (g_unichar_isalnum(d) || g_unichar_ismark(d)) {
                    w = g_utf8_next_char(w);
                    continue;
                }
                const char *after = g_utf8_next_char(w);
                if (is_joiner(d) && after < end && g_unichar_isalnum(g_utf8_get_char(after))) {
                    w = after;
                    continue;
                }
                break;
            }
            push(t, MSP_TOK_WORD, p, (size_t)(w - p));
            p = w;
        } else {
            const char *n = g_utf8_next_char(p);
            push(t, MSP_TOK_PUNCT, p, (size_t)(n - p));
            p = n;
        }
    }
}

void msp_tokens_add_note(msp_tokens *t, const char *mark)
{
    t->pending_space = false; /* a call sticks to what precedes it */
    push(t, MSP_TOK_NOTE, mark, strlen(mark));
}

static char *phrase(const msp_tokens *t, guint from, guint len, bool xml)
{
    GString *s = g_string_new(NULL);
    for (guint i = from; i < from + len && i < t->t->len; i++) {
        const msp_token *k = msp_tokens_at(t, i);
        if (i > from && k->space_before)
            g_string_append_c(s, ' ');
        if (!xml) {
            g_string_append(s, k->text);
            continue;
        }
        if (k->kind == MSP_TOK_NOTE)
            g_string_append(s, "<sup>");
        for (const char *c = k->text; *c; c++) {
            switch (*c) {
            case '&': g_string_append(s, "&amp;"); break;
            case '<': g_string_append(s, "&lt;"); break;
            case '>': g_string_append(s, "&gt;"); break;
            default: g_string_append_c(s, *c);
            }
        }
        if (k->kind == MSP_TOK_NOTE)
            g_string_append(s, "</sup>");
    }
    return g_string_free(s, FALSE);
}

char *msp_tokens_phrase(const msp_tokens *t, guint from, guint len)
{
    return phrase(t, from, len, false);
}

char *msp_tokens_phrase_xml(const msp_tokens *t, guint from, guint len)
{
    return phrase(t, from, len, true);
}

static bool tok_eq(const msp_token *x, const msp_token *y)
{
    return x->kind == y->kind && strcmp(x->text, y->text) == 0;
}

static bool is_stop(const msp_token *k)
{
    return k->kind == MSP_TOK_PUNCT && (!strcmp(k->text, ".") || !strcmp(k->text, "!") || !strcmp(k->text, "?"));
}

static bool is_closer(const msp_token *k)
{
    return k->kind == MSP_TOK_NOTE
           || (k->kind == MSP_TOK_PUNCT && strstr(")]\"\xe2\x80\x9d\xe2\x80\x99\xc2\xbb", k->text) != NULL);
}

/* True when a sentence ends just before token i (i == len: the end). */
static bool boundary_before(const msp_tokens *t, guint i)
{
    guint n = t->t->len;
    if (i == 0 || i == n)
        return true;
    guint j = i;
    while (j > 0 && is_closer(msp_tokens_at(t, j - 1)))
        j--;
    if (j == 0 || !is_stop(msp_tokens_at(t, j - 1)))
        return false;
    const msp_token *next = msp_tokens_at(t, i);
    gunichar c = g_utf8_get_char(next->text);
    return next->space_before && (g_unichar_isupper(c) || g_unichar_isdigit(c) || next->kind == MSP_TOK_PUNCT);
}

int msp_tokens_sentences(const msp_tokens *t, guint from, guint len, int *first)
{
    guint n = t->t->len;
    int count = 0, at = 0;
    bool starts = false;
    for (guint i = 0; i < n; i++) {
        if (boundary_before(t, i))
            count++;
        if (i == from) {
            starts = boundary_before(t, i);
            at = count;
        }
    }
    if (first)
        *first = len > 0 && from + len <= n && starts && boundary_before(t, from + len) ? at : 0;
    return count;
}

/* Moves a pure insertion or deletion over the tokens of list l (the side
 * where it has tokens) to a place where it is whole sentences when one of
 * its equivalent places is; else to the leftmost. */
static void slide(const msp_tokens *l, guint *start, guint len, guint lo, guint hi)
{
    guint s = *start;
    while (s > lo && tok_eq(msp_tokens_at(l, s - 1), msp_tokens_at(l, s + len - 1)))
        s--;
    guint leftmost = s;
    for (guint p = s;; p++) {
        int first = 0;
        msp_tokens_sentences(l, p, len, &first);
        if (first > 0) {
            *start = p;
            return;
        }
        if (p + len >= hi || !tok_eq(msp_tokens_at(l, p), msp_tokens_at(l, p + len)))
            break;
    }
    *start = leftmost;
}

static void add_hunk(GArray *out, guint a, guint a_len, guint b, guint b_len)
{
    if (a_len == 0 && b_len == 0)
        return;
    if (out->len > 0) {
        msp_hunk *last = &g_array_index(out, msp_hunk, out->len - 1);
        if (last->a + last->a_len == a && last->b + last->b_len == b) {
            last->a_len += a_len;
            last->b_len += b_len;
            return;
        }
    }
    msp_hunk h = { a, a_len, b, b_len };
    g_array_append_val(out, h);
}

GArray *msp_word_diff(const msp_tokens *a, const msp_tokens *b)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(msp_hunk));
    guint n = msp_tokens_len(a), m = msp_tokens_len(b);
    guint head = 0;
    while (head < n && head < m && tok_eq(msp_tokens_at(a, head), msp_tokens_at(b, head)))
        head++;
    guint tail = 0;
    while (tail < n - head && tail < m - head
           && tok_eq(msp_tokens_at(a, n - 1 - tail), msp_tokens_at(b, m - 1 - tail)))
        tail++;
    guint an = n - head - tail, bn = m - head - tail;
    if (an == 0 || bn == 0 || (guint64)(an + 1) * (bn + 1) > MSP_DIFF_MAX_CELLS) {
        add_hunk(out, head, an, head, bn);
    } else {
        /* L[i][j] = LCS length of a[head+i..] and b[head+j..] */
        guint w = bn + 1;
        guint32 *L = g_new0(guint32, (gsize)(an + 1) * w);
        for (guint i = an; i-- > 0;)
            for (guint j = bn; j-- > 0;)
                L[i * w + j] = tok_eq(msp_tokens_at(a, head + i), msp_tokens_at(b, head + j))
                                   ? L[(i + 1) * w + j + 1] + 1
                                   : MAX(L[(i + 1) * w + j], L[i * w + j + 1]);
        guint i = 0, j = 0;
        while (i < an || j < bn) {
            if (i < an && j < bn && tok_eq(msp_tokens_at(a, head + i), msp_tokens_at(b, head + j))) {
                i++, j++;
            } else if (j < bn && (i == an || L[i * w + j + 1] >= L[(i + 1) * w + j])) {
                add_hunk(out, head + i, 0, head + j, 1);
                j++;
            } else {
                add_hunk(out, head + i, 1, head + j, 0);
                i++;
            }
        }
        g_free(L);
    }
    for (guint k = 0; k < out->len; k++) {
        msp_hunk *h = &g_array_index(out, msp_hunk, k);
        const msp_hunk *prev = k > 0 ? &g_array_index(out, msp_hunk, k - 1) : NULL;
        const msp_hunk *next = k + 1 < out->len ? &g_array_index(out, msp_hunk, k + 1) : NULL;
        /* a lone insertion or deletion may stand at several places: a common token moves with it */
        if (h->b_len == 0 && h->a_len > 0) {
            guint s = h->a;
            slide(a, &s, h->a_len, prev ? prev->a + prev->a_len : 0, next ? next->a : n);
            h->b = (guint)((int)h->b + ((int)s - (int)h->a));
            h->a = s;
        } else if (h->a_len == 0 && h->b_len > 0) {
            guint s = h->b;
            slide(b, &s, h->b_len, prev ? prev->b + prev->b_len : 0, next ? next->b : m);
            h->a = (guint)((int)h->a + ((int)s - (int)h->b));
            h->b = s;
        }
    }
    return out;
}
