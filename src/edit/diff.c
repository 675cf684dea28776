/* `mspdoc diff`: two versions of one paper compared unit by unit (masthead
 * fields by name, paragraphs and sub-items aligned in document order, notes
 * by number), then word by word inside each pair of units; every change
 * located in the issued version by paragraph number and printed line. */
#include "edit/diff_private.h"
#include "base/json.h"

#include <string.h>

/* Hunks closer than this many equal tokens are one change ("11 June 2025" → "12 July 2025"). */
#define MERGE_GAP 2
/* A unit with more hunks than this, or with more than this share of its tokens changed, is restated. */
#define REWRITE_HUNKS 3
#define REWRITE_SHARE 0.5

static const char *keep(msp_diff *d, const char *s)
{
    return s ? g_string_chunk_insert_const(d->strings, s) : NULL;
}

static const char *keep_owned(msp_diff *d, char *s)
{
    const char *k = keep(d, s);
    g_free(s);
    return k;
}

static msp_change_where where_of(msp_unit_kind k)
{
    switch (k) {
    case MSP_UNIT_FIELD: return MSP_WHERE_FIELD;
    case MSP_UNIT_PARA: return MSP_WHERE_PARAGRAPH;
    case MSP_UNIT_ITEM: return MSP_WHERE_ITEM;
    default: return MSP_WHERE_NOTE;
    }
}

static msp_change *new_change(msp_diff *d, msp_change_kind kind, const msp_unit *ua, const msp_unit *ub)
{
    const msp_unit *u = ua ? ua : ub;
    msp_change *c = g_new0(msp_change, 1);
    c->kind = kind;
    c->where = where_of(u->kind);
    c->field = keep(d, u->field);
    c->paragraph = u->paragraph;
    c->unnumbered = u->unnumbered;
    c->annex = u->annex;
    c->sub = keep(d, u->sub);
    c->sub_x = keep(d, u->sub_last);
    c->sub_depth = u->depth;
    c->note = u->note;
    c->issued = ua ? ua->loc : (msp_loc){ d->a->path, 0, 0 };
    c->corrected = ub ? ub->loc : (msp_loc){ d->b->path, 0, 0 };
    c->order = ua ? (long)ua->loc.line * 10000 + ua->loc.column : 0;
    c->issued_node = ua ? ua->node : NULL;
    c->corrected_node = ub ? ub->node : NULL;
    g_ptr_array_add(d->changes, c);
    if (u->kind == MSP_UNIT_PARA || u->kind == MSP_UNIT_ITEM)
        g_hash_table_add(d->changed_units, (gpointer)u);
    return c;
}

static bool same_tokens(const msp_tokens *x, const msp_tokens *y)
{
    if (msp_tokens_len(x) != msp_tokens_len(y))
        return false;
    for (guint i = 0; i < msp_tokens_len(x); i++) {
        const msp_token *p = msp_tokens_at(x, i), *q = msp_tokens_at(y, i);
        if (p->kind != q->kind || strcmp(p->text, q->text))
            return false;
    }
    return true;
}

/* How many times tokens from..from+len occur in t. */
static int occurrences(const msp_tokens *t, guint from, guint len)
{
    int n = 0;
    guint total = msp_tokens_len(t);
    for (guint s = 0; s + len <= total; s++) {
        bool eq = true;
        for (guint k = 0; k < len && eq; k++) {
            const msp_token *p = msp_tokens_at(t, s + k), *q = msp_tokens_at(t, from + k);
            eq = p->kind == q->kind && !strcmp(p->text, q->text);
        }
        n += eq;
    }
    return n;
}

/* The line of the last word (not punctuation) of a..a+len. */
static int last_line(const msp_unit *u, guint a, guint len)
{
    guint i = a + len - 1;
    while (i > a && msp_tokens_at(u->tokens, i)->kind == MSP_TOK_PUNCT)
        i--;
    return msp_unit_line(u, i);
}

/* Fewer than two words: "For potential read new" says less than "For
 * potential opportunities read new opportunities". */
static bool short_phrase(const msp_tokens *t, guint from, guint len)
{
    guint words = 0;
    for (guint i = from; i < from + len; i++)
        words += msp_tokens_at(t, i)->kind == MSP_TOK_WORD;
    return words < 2;
}

static void text_change(msp_diff *d, const msp_unit *ua, const msp_unit *ub, const msp_hunk *h)
{
    const msp_tokens *ta = ua->tokens, *tb = ub->tokens;
    msp_change *c = new_change(d, MSP_CHANGE_TEXT, ua, ub);
    guint na = msp_tokens_len(ta);
    c->old_core = keep_owned(d, msp_tokens_phrase(ta, h->a, h->a_len));
    c->new_core = keep_owned(d, msp_tokens_phrase(tb, h->b, h->b_len));
    c->xml.old_core = keep_owned(d, msp_tokens_phrase_xml(ta, h->a, h->a_len));
    c->xml.new_core = keep_owned(d, msp_tokens_phrase_xml(tb, h->b, h->b_len));
    c->sentences = msp_tokens_sentences(ta, 0, 0, NULL);
    if (h->a_len > 0) {
        c->line_first = msp_unit_line(ua, h->a);
        c->line_last = last_line(ua, h->a, h->a_len);
    } else {
        c->line_first = c->line_last = msp_unit_line(ua, h->a > 0 ? h->a - 1 : 0);
    }
    if (h->b_len == 0) {
        /* exactly one whole sentence deleted: whole sentences, and none begins inside */
        int first = 0;
        msp_tokens_sentences(ta, h->a, h->a_len, &first);
        bool one = first > 0;
        for (guint k = h->a + 1; one && k < h->a + h->a_len; k++) {
            int f = 0;
            msp_tokens_sentences(ta, k, h->a + h->a_len - k, &f);
            one = f == 0;
        }
        c->sentence = one ? first : 0;
    }
    /* context: a phrase found more than once in the unit, or a replacement
     * of fewer than two words, grows by the equal words next to it (to the
     * right first, to the left for a note call) until it is neither */
    guint a0 = h->a, a1 = h->a + h->a_len, b0 = h->b, b1 = h->b + h->b_len;
    guint nb = msp_tokens_len(tb);
    bool left_first = (h->a_len > 0 && msp_tokens_at(ta, h->a)->kind == MSP_TOK_NOTE)
                      || (h->b_len > 0 && msp_tokens_at(tb, h->b)->kind == MSP_TOK_NOTE);
    for (int step = 0; step < 8; step++) {
        bool ambiguous = a1 > a0 && occurrences(ta, a0, a1 - a0) > 1;
        bool replaced = h->a_len > 0 && h->b_len > 0;
        if (!ambiguous && !(replaced && short_phrase(ta, a0, a1 - a0) && short_phrase(tb, b0, b1 - b0)))
            break;
        /* a note call holds on to the word before it: context from the left first */
        bool can_right = a1 < na && b1 < nb, can_left = a0 > 0 && b0 > 0;
        if (can_right && !(left_first && can_left)) {
            a1++, b1++;
        } else if (can_left) {
            a0--, b0--;
        } else {
            break;
        }
    }
    c->old_text = keep_owned(d, msp_tokens_phrase(ta, a0, a1 - a0));
    c->new_text = keep_owned(d, msp_tokens_phrase(tb, b0, b1 - b0));
    c->xml.old_text = keep_owned(d, msp_tokens_phrase_xml(ta, a0, a1 - a0));
    c->xml.new_text = keep_owned(d, msp_tokens_phrase_xml(tb, b0, b1 - b0));
    if (h->a_len == 0) {
        /* where an insertion goes: the words before it, else after it */
        if (h->a > 0) {
            guint s = h->a - 1;
            while (s > 0 && (occurrences(ta, s, h->a - s) > 1 || h->a - s < 2) && h->a - s < 6)
                s--;
            c->before = keep_owned(d, msp_tokens_phrase(ta, s, h->a - s));
            c->xml.before = keep_owned(d, msp_tokens_phrase_xml(ta, s, h->a - s));
        } else {
            guint e = MIN(na, 2);
            c->after = keep_owned(d, msp_tokens_phrase(ta, 0, e));
            c->xml.after = keep_owned(d, msp_tokens_phrase_xml(ta, 0, e));
        }
    }
}

static char *unit_text(const msp_unit *u)
{
    return msp_tokens_phrase(u->tokens, 0, msp_tokens_len(u->tokens));
}

static void compare_units(msp_diff *d, const msp_unit *ua, const msp_unit *ub)
{
    if (same_tokens(ua->tokens, ub->tokens))
        return;
    GArray *hunks = msp_word_diff(ua->tokens, ub->tokens);
    /* near hunks are one change */
    GArray *merged = g_array_new(FALSE, FALSE, sizeof(msp_hunk));
    guint changed = 0;
    for (guint i = 0; i < hunks->len; i++) {
        msp_hunk h = g_array_index(hunks, msp_hunk, i);
        changed += MAX(h.a_len, h.b_len);
        if (merged->len > 0) {
            msp_hunk *last = &g_array_index(merged, msp_hunk, merged->len - 1);
            guint gap = h.a - (last->a + last->a_len);
            if (gap <= MERGE_GAP && (last->a_len > 0 && last->b_len > 0) == (h.a_len > 0 && h.b_len > 0)
                && last->a_len > 0 && last->b_len > 0) {
                last->a_len = h.a + h.a_len - last->a;
                last->b_len = h.b + h.b_len - last->b;
                continue;
            }
        }
        g_array_append_val(merged, h);
    }
    guint total = MAX(msp_tokens_len(ua->tokens), msp_tokens_len(ub->tokens));
    bool restate = ua->kind != MSP_UNIT_FIELD
                   && (merged->len > REWRITE_HUNKS || (total > 8 && changed > REWRITE_SHARE * total));
    if (restate) {
        msp_change *c = new_change(d, MSP_CHANGE_REWRITTEN, ua, ub);
        c->text = keep_owned(d, unit_text(ub));
        c->line_first = msp_unit_line(ua, 0);
        c->line_last = msp_unit_line(ua, msp_tokens_len(ua->tokens));
    } else {
        for (guint i = 0; i < merged->len; i++)
            text_change(d, ua, ub, &g_array_index(merged, msp_hunk, i));
    }
    g_array_free(merged, TRUE);
    g_array_unref(hunks);
}

/* Same unit in both versions (not: same text): same @id when both have
 * one; else the same text. Changed units without ids are paired in the
 * gaps between these anchors (gap()). */
static bool same_identity(const msp_unit *x, const msp_unit *y)
{
    if (x->kind != y->kind || x->annex != y->annex)
        return false;
    if (x->id && y->id)
        return strcmp(x->id, y->id) == 0;
    return same_tokens(x->tokens, y->tokens);
}

/* How alike two texts are: 2 × common tokens / all tokens, 0 … 1. */
static double similarity(const msp_unit *x, const msp_unit *y)
{
    guint nx = msp_tokens_len(x->tokens), ny = msp_tokens_len(y->tokens);
    if (nx + ny == 0)
        return 1;
    GArray *h = msp_word_diff(x->tokens, y->tokens);
    guint changed = 0;
    for (guint i = 0; i < h->len; i++)
        changed += g_array_index(h, msp_hunk, i).a_len;
    g_array_unref(h);
    return 2.0 * (nx - changed) / (nx + ny);
}

/* Units of a gap are the same unit changed when of one kind and at least this alike. */
#define PAIR_SIMILARITY 0.3
/* Beyond this many units on a side, a gap is paired in order without measuring. */
#define GAP_MEASURED 40
/* Beyond this many table cells (16 MB) the units are aligned in order. */
#define ALIGN_MAX_CELLS (4u * 1024u * 1024u)

/* The label of the issued item before issued index i in the same list, or NULL. */
static const msp_unit *item_before(const GPtrArray *units, int i, const msp_unit *like)
{
    for (int k = i; k >= 0; k--) {
        const msp_unit *u = units->pdata[k];
        if (u->kind != MSP_UNIT_ITEM)
            return NULL;
        if (u->depth == like->depth)
            return u;
    }
    return NULL;
}

static void added(msp_diff *d, const msp_unit *ub, const GPtrArray *A, int a_before)
{
    msp_change *c = new_change(d, MSP_CHANGE_ADDED, NULL, ub);
    c->text = keep_owned(d, unit_text(ub));
    /* it stands after the issued unit before it */
    const msp_unit *prev_a = a_before >= 0 && (guint)a_before < A->len ? A->pdata[a_before] : NULL;
    const msp_unit *next_a = (guint)(a_before + 1) < A->len ? A->pdata[a_before + 1] : NULL;
    c->order = prev_a   ? (long)prev_a->loc.line * 10000 + prev_a->loc.column + 1
               : next_a ? (long)next_a->loc.line * 10000 + next_a->loc.column - 1
                        : 0;
    if (ub->kind == MSP_UNIT_ITEM) {
        const msp_unit *prev = item_before(A, a_before, ub);
        c->after_sub = prev ? keep(d, prev->sub) : NULL;
        c->after_sub_x = prev ? keep(d, prev->sub_last) : NULL;
    }
}

static void deleted(msp_diff *d, const msp_unit *ua)
{
    msp_change *c = new_change(d, MSP_CHANGE_DELETED, ua, NULL);
    c->text = keep_owned(d, unit_text(ua));
    c->line_first = msp_unit_line(ua, 0);
    c->line_last = msp_unit_line(ua, msp_tokens_len(ua->tokens));
}

static bool pairable(const msp_unit *x, const msp_unit *y)
{
    return x->kind == y->kind && x->depth == y->depth && x->annex == y->annex;
}

/* A gap between aligned units. As many units on each side, of the same
 * kinds: each one changed in place. Else the pairs (in order) of alike
 * units of one kind that are most alike in all, found by a small table;
 * each pair is one unit changed, the rest was added or deleted. */
static void gap(msp_diff *d, const GPtrArray *A, guint i0, guint i1, const GPtrArray *B, guint j0, guint j1)
{
    guint n = i1 - i0, m = j1 - j0;
    bool in_order = n == m;
    for (guint k = 0; k < n && in_order; k++)
        in_order = pairable(A->pdata[i0 + k], B->pdata[j0 + k]);
    if (in_order || n == 0 || m == 0 || n > GAP_MEASURED || m > GAP_MEASURED) {
        /* as many on each side, unit for unit of one kind: each changed in place */
        /* nothing to pair, or too large to measure: in order */
        guint i = i0, j = j0;
        while (i < i1 || j < j1) {
            const msp_unit *ua = i < i1 ? A->pdata[i] : NULL, *ub = j < j1 ? B->pdata[j] : NULL;
            if (ua && ub && pairable(ua, ub)) {
                compare_units(d, ua, ub);
                i++, j++;
            } else if (ub && (!ua || j1 - j > i1 - i)) {
                added(d, ub, A, (int)i - 1);
                j++;
            } else {
                deleted(d, ua);
                i++;
            }
        }
        return;
    }
    guint w = m + 1;
    double *S = g_new0(double, (gsize)(n + 1) * w), *sim = g_new0(double, (gsize)n * m);
    for (guint i = 0; i < n; i++)
        for (guint j = 0; j < m; j++)
            sim[i * m + j] = pairable(A->pdata[i0 + i], B->pdata[j0 + j])
                                 ? similarity(A->pdata[i0 + i], B->pdata[j0 + j])
                                 : 0;
    for (guint i = n; i-- > 0;)
        for (guint j = m; j-- > 0;) {
            double best = MAX(S[(i + 1) * w + j], S[i * w + j + 1]);
            double s = sim[i * m + j];
            if (s >= PAIR_SIMILARITY)
                best = MAX(best, S[(i + 1) * w + j + 1] + s);
            S[i * w + j] = best;
        }
    guint i = 0, j = 0;
    while (i < n || j < m) {
        double s = i < n && j < m ? sim[i * m + j] : 0;
        if (i < n && j < m && s >= PAIR_SIMILARITY && S[i * w + j] == S[(i + 1) * w + j + 1] + s) {
            compare_units(d, A->pdata[i0 + i], B->pdata[j0 + j]);
            i++, j++;
        } else if (j < m && (i == n || S[i * w + j] == S[i * w + j + 1])) {
            added(d, B->pdata[j0 + j], A, (int)(i0 + i) - 1);
            j++;
        } else {
            deleted(d, A->pdata[i0 + i]);
            i++;
        }
    }
    g_free(S);
    g_free(sim);
}

/* Aligns body units (paragraphs, items) of both versions: the longest run
 * of same-identity pairs, gaps in between paired up by gap(). */
static void align_body(msp_diff *d, const GPtrArray *A, const GPtrArray *B)
{
    guint n = A->len, m = B->len, w = m + 1;
    if ((guint64)(n + 1) * w > ALIGN_MAX_CELLS) {
        gap(d, A, 0, n, B, 0, m); /* thousands of paragraphs on each side: in order */
        return;
    }
    guint32 *L = g_new0(guint32, (gsize)(n + 1) * w);
    for (guint i = n; i-- > 0;)
        for (guint j = m; j-- > 0;)
            L[i * w + j] = same_identity(A->pdata[i], B->pdata[j]) ? L[(i + 1) * w + j + 1] + 1
                                                                   : MAX(L[(i + 1) * w + j], L[i * w + j + 1]);
    guint i = 0, j = 0, gi = 0, gj = 0;
    while (i < n && j < m) {
        if (same_identity(A->pdata[i], B->pdata[j]) && L[i * w + j] == L[(i + 1) * w + j + 1] + 1) {
            gap(d, A, gi, i, B, gj, j);
            compare_units(d, A->pdata[i], B->pdata[j]);
            i++, j++;
            gi = i, gj = j;
        } else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
            i++;
        } else {
            j++;
        }
    }
    gap(d, A, gi, n, B, gj, m);
    g_free(L);
}

static GPtrArray *units_of(const msp_diff_paper *p, msp_unit_kind a, msp_unit_kind b)
{
    GPtrArray *out = g_ptr_array_new();
    for (guint i = 0; i < p->units->len; i++) {
        msp_unit *u = p->units->pdata[i];
        if (u->kind == a || u->kind == b)
            g_ptr_array_add(out, u);
    }
    return out;
}

static void compare_papers(msp_diff *d)
{
    /* fields by name */
    GPtrArray *fa = units_of(d->a, MSP_UNIT_FIELD, MSP_UNIT_FIELD), *fb = units_of(d->b, MSP_UNIT_FIELD, MSP_UNIT_FIELD);
    for (guint i = 0; i < fa->len; i++) {
        const msp_unit *ua = fa->pdata[i], *ub = NULL;
        for (guint j = 0; j < fb->len && !ub; j++)
            if (!strcmp(((msp_unit *)fb->pdata[j])->field, ua->field))
                ub = fb->pdata[j];
        if (ub)
            compare_units(d, ua, ub);
        else
            deleted(d, ua);
    }
    for (guint j = 0; j < fb->len; j++) {
        const msp_unit *ub = fb->pdata[j];
        bool found = false;
        for (guint i = 0; i < fa->len && !found; i++)
            found = !strcmp(((msp_unit *)fa->pdata[i])->field, ub->field);
        if (!found)
            added(d, ub, fa, -1);
    }
    g_ptr_array_free(fa, TRUE);
    g_ptr_array_free(fb, TRUE);

    GPtrArray *ba = units_of(d->a, MSP_UNIT_PARA, MSP_UNIT_ITEM), *bb = units_of(d->b, MSP_UNIT_PARA, MSP_UNIT_ITEM);
    d->n_paragraphs = ba->len;
    align_body(d, ba, bb);
    g_ptr_array_free(ba, TRUE);
    g_ptr_array_free(bb, TRUE);

    /* notes as the body: a note added before others is one addition (the
     * calls renumbered after it are changes in their paragraphs) */
    GPtrArray *na = units_of(d->a, MSP_UNIT_NOTE, MSP_UNIT_NOTE), *nb = units_of(d->b, MSP_UNIT_NOTE, MSP_UNIT_NOTE);
    align_body(d, na, nb);
    g_ptr_array_free(na, TRUE);
    g_ptr_array_free(nb, TRUE);
    /* document order of the issued file (a note where its call is); stable for equal places */
    for (guint i = 1; i < d->changes->len; i++)
        for (guint j = i; j > 0 && ((msp_change *)d->changes->pdata[j - 1])->order
                                       > ((msp_change *)d->changes->pdata[j])->order; j--) {
            gpointer t = d->changes->pdata[j];
            d->changes->pdata[j] = d->changes->pdata[j - 1];
            d->changes->pdata[j - 1] = t;
        }
}

static msp_loc root_loc(const msp_diff_paper *p, const char *meta_child)
{
    xmlNode *root = xmlDocGetRootElement(p->src->doc);
    for (xmlNode *m = root ? root->children : NULL; m; m = m->next)
        if (m->type == XML_ELEMENT_NODE && !strcmp((const char *)m->name, "meta"))
            for (xmlNode *k = m->children; k; k = k->next)
                if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, meta_child))
                    return msp_source_loc(p->src, k);
    return msp_source_loc(p->src, root);
}

static bool same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && !strcmp(x, y));
}

/* Another symbol, kind or language: not two versions of one paper. */
static msp_status same_paper(msp_job *job, const msp_diff_paper *a, const msp_diff_paper *b)
{
    const char *what = NULL, *va = NULL, *vb = NULL, *el = "symbol";
    if (!same_str(a->symbol, b->symbol))
        what = "symbol", va = a->symbol, vb = b->symbol;
    else if (!same_str(a->kind, b->kind))
        what = "kind", va = a->kind, vb = b->kind, el = "paper";
    else if (!same_str(a->language, b->language))
        what = "language", va = a->language, vb = b->language, el = "paper";
    if (!what)
        return MSP_OK;
    msp_loc la = !strcmp(el, "symbol") ? root_loc(a, "symbol") : msp_source_loc(a->src, xmlDocGetRootElement(a->src->doc));
    msp_loc lb = !strcmp(el, "symbol") ? root_loc(b, "symbol") : msp_source_loc(b->src, xmlDocGetRootElement(b->src->doc));
    char *hint = g_strdup_printf("diff compares two versions of one paper (same symbol, kind and language); "
                                 "the other file: %s:%d:%d", b->path, lb.line, lb.column);
    msp_status st = msp_diag_error(&job->diags, MSP_E_USAGE, la, hint,
                                   "%s and %s are not versions of one paper: %s %s here, %s in %s", a->path, b->path,
                                   what, va ? va : "(none)", vb ? vb : "(none)", b->path);
    g_free(hint);
    return st;
}

msp_status msp_diff_run(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, const char *issued,
                        const char *corrected, msp_diff **out)
{
    *out = NULL;
    msp_source *sa = NULL, *sb = NULL;
    msp_status st = msp_build_check(job, ctx, issued, false, &sa, NULL);
    msp_status st2 = msp_build_check(job, ctx, corrected, false, &sb, NULL);
    if (st != MSP_OK || st2 != MSP_OK) {
        msp_source_free(sa);
        msp_source_free(sb);
        return st != MSP_OK ? st : st2;
    }
    msp_diff *d = g_new0(msp_diff, 1);
    d->a = msp_diff_paper_read(sa, ctx->ref);
    d->b = msp_diff_paper_read(sb, ctx->ref);
    d->changes = g_ptr_array_new_with_free_func(g_free);
    d->strings = g_string_chunk_new(1024);
    d->changed_units = g_hash_table_new(NULL, NULL);
    st = same_paper(job, d->a, d->b);
    if (st == MSP_OK)
        st = msp_diff_paper_layout(job, ctx, w, d->a);
    if (st != MSP_OK) {
        msp_diff_free(d);
        return st;
    }
    compare_papers(d);
    *out = d;
    return MSP_OK;
}

void msp_diff_free(msp_diff *d)
{
    if (!d)
        return;
    msp_diff_paper_free(d->a);
    msp_diff_paper_free(d->b);
    g_ptr_array_free(d->changes, TRUE);
    g_string_chunk_free(d->strings);
    g_hash_table_destroy(d->changed_units);
    g_free(d);
}

guint msp_diff_n_changes(const msp_diff *d)
{
    return d->changes->len;
}

const msp_change *msp_diff_change(const msp_diff *d, guint i)
{
    return d->changes->pdata[i];
}

guint msp_diff_n_paragraphs(const msp_diff *d)
{
    return d->n_paragraphs;
}

guint msp_diff_n_paragraphs_changed(const msp_diff *d)
{
    return g_hash_table_size(d->changed_units);
}

const char *msp_diff_symbol(const msp_diff *d)
{
    return d->a->symbol;
}

const char *msp_diff_language(const msp_diff *d)
{
    return d->a->language;
}

const char *msp_diff_issued_path(const msp_diff *d)
{
    return d->a->path;
}

const char *msp_diff_corrected_path(const msp_diff *d)
{
    return d->b->path;
}

/* The place of a change as diff prints it: "paragraph 5, line 3". Owned. */
static char *place(const msp_change *c, bool with_lines)
{
    GString *s = g_string_new(NULL);
    char *annex = c->annex > 0 ? g_strdup_printf(" of annex %d", c->annex) : g_strdup("");
    switch (c->where) {
    case MSP_WHERE_FIELD: g_string_append(s, c->field); break;
    case MSP_WHERE_PARAGRAPH:
        if (c->unnumbered == 0)
            g_string_append_printf(s, "paragraph %d%s", c->paragraph, annex);
        else if (c->paragraph > 0)
            g_string_append_printf(s, "unnumbered paragraph %d after paragraph %d%s", c->unnumbered, c->paragraph, annex);
        else
            g_string_append_printf(s, "unnumbered paragraph %d%s", c->unnumbered, annex);
        break;
    case MSP_WHERE_ITEM:
        if (c->paragraph > 0)
            g_string_append_printf(s, "paragraph %d %s%s", c->paragraph, c->sub, annex);
        else
            g_string_append_printf(s, "sub-item %s%s", c->sub, annex);
        break;
    case MSP_WHERE_NOTE: g_string_append_printf(s, "footnote %d", c->note); break;
    }
    g_free(annex);
    if (with_lines && c->line_first > 0) {
        if (c->line_last > c->line_first)
            g_string_append_printf(s, ", lines %d-%d", c->line_first, c->line_last);
        else
            g_string_append_printf(s, ", line %d", c->line_first);
    }
    return g_string_free(s, FALSE);
}

char *msp_change_place(const msp_change *c)
{
    return place(c, false);
}

static const char *const ordinals[] = { "first", "second", "third", "fourth", "fifth",
                                         "sixth", "seventh", "eighth", "ninth", "tenth" };

void msp_diff_print(const msp_diff *d, FILE *out)
{
    if (d->changes->len == 0) {
        fprintf(out, "no changes\n");
        return;
    }
    for (guint i = 0; i < d->changes->len; i++) {
        const msp_change *c = d->changes->pdata[i];
        char *where = place(c, c->kind == MSP_CHANGE_TEXT || c->kind == MSP_CHANGE_REWRITTEN);
        switch (c->kind) {
        case MSP_CHANGE_TEXT:
            if (c->sentence > 0 && !*c->new_core) {
                const char *nth = c->sentence == c->sentences ? "last"
                                  : c->sentence <= 10         ? ordinals[c->sentence - 1]
                                                              : NULL;
                if (nth)
                    fprintf(out, "%s: %s sentence deleted: \"%s\"\n", where, nth, c->old_core);
                else
                    fprintf(out, "%s: sentence %d deleted: \"%s\"\n", where, c->sentence, c->old_core);
            } else if (!*c->new_core) {
                fprintf(out, "%s: deleted: \"%s\"\n", where, c->old_core);
            } else if (!*c->old_core) {
                if (c->before)
                    fprintf(out, "%s: inserted after \"%s\": \"%s\"\n", where, c->before, c->new_core);
                else
                    fprintf(out, "%s: inserted at the start: \"%s\"\n", where, c->new_core);
            } else {
                fprintf(out, "%s: \"%s\" \xe2\x86\x92 \"%s\"\n", where, c->old_text, c->new_text);
            }
            break;
        case MSP_CHANGE_REWRITTEN: fprintf(out, "%s: rewritten: \"%s\"\n", where, c->text); break;
        case MSP_CHANGE_ADDED:
            if (c->where == MSP_WHERE_ITEM && c->after_sub)
                fprintf(out, "%s added after %s: \"%s\"\n", where, c->after_sub, c->text);
            else
                fprintf(out, "%s added: \"%s\"\n", where, c->text);
            break;
        case MSP_CHANGE_DELETED: fprintf(out, "%s deleted: \"%s\"\n", where, c->text); break;
        }
        g_free(where);
    }
}

static void json_str(GString *s, const char *key, const char *v, bool comma)
{
    g_string_append_printf(s, "%s\"%s\":", comma ? "," : "", key);
    msp_json_string_or_null(s, v);
}

void msp_diff_print_json(const msp_diff *d, FILE *out)
{
    static const char *const kinds[] = { "text", "rewritten", "added", "deleted" };
    static const char *const wheres[] = { "field", "paragraph", "item", "note" };
    GString *s = g_string_new("{");
    json_str(s, "issued", d->a->path, false);
    json_str(s, "corrected", d->b->path, true);
    json_str(s, "symbol", d->a->symbol, true);
    json_str(s, "language", d->a->language, true);
    g_string_append(s, ",\"changes\":[");
    for (guint i = 0; i < d->changes->len; i++) {
        const msp_change *c = d->changes->pdata[i];
        char *where = place(c, false);
        g_string_append_printf(s, "%s{\"kind\":\"%s\",\"where\":\"%s\"", i ? "," : "", kinds[c->kind], wheres[c->where]);
        json_str(s, "place", where, true);
        g_free(where);
        if (c->where == MSP_WHERE_FIELD)
            json_str(s, "field", c->field, true);
        if (c->where == MSP_WHERE_PARAGRAPH || c->where == MSP_WHERE_ITEM)
            g_string_append_printf(s, ",\"paragraph\":%d", c->paragraph);
        if (c->where == MSP_WHERE_ITEM)
            json_str(s, "sub", c->sub, true);
        if (c->where == MSP_WHERE_NOTE)
            g_string_append_printf(s, ",\"note\":%d", c->note);
        if (c->line_first > 0)
            g_string_append_printf(s, ",\"lines\":[%d,%d]", c->line_first, c->line_last);
        if (c->kind == MSP_CHANGE_TEXT) {
            json_str(s, "old", c->old_core, true);
            json_str(s, "new", c->new_core, true);
            json_str(s, "old_context", c->old_text, true);
            json_str(s, "new_context", c->new_text, true);
            if (c->sentence > 0 && !*c->new_core)
                g_string_append_printf(s, ",\"sentence\":%d,\"sentences\":%d", c->sentence, c->sentences);
        } else {
            json_str(s, "text", c->text, true);
        }
        if (c->after_sub)
            json_str(s, "after", c->after_sub, true);
        char *at_a = g_strdup_printf("%s:%d:%d", c->issued.file, c->issued.line, c->issued.column);
        char *at_b = g_strdup_printf("%s:%d:%d", c->corrected.file, c->corrected.line, c->corrected.column);
        json_str(s, "issued_at", c->issued.line > 0 ? at_a : NULL, true);
        json_str(s, "corrected_at", c->corrected.line > 0 ? at_b : NULL, true);
        g_string_append_c(s, '}');
        g_free(at_a);
        g_free(at_b);
    }
    g_string_append(s, "]}\n");
    fputs(s->str, out);
    g_string_free(s, TRUE);
}
