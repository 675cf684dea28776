/* Comparing language versions of one symbol: two summaries (versions.c)
 * field by field, chapter by chapter, paragraph by paragraph, note by note,
 * each difference reported in both files at the element concerned, naming
 * the other file's place; and the grouping of several sources by symbol.
 * Whether a difference is an error or a warning is the caller's choice. */
#include "source/versions_private.h"

#include <string.h>

#define VERSIONS_HINT \
    "language versions of one symbol share their structure and untranslated data (docs/cli.md, " \
    "\"Language versions\"): correct whichever of the two is wrong"

typedef struct cmp {
    msp_diag_list *da, *db;
    const msp_versions_summary *a, *b;
    bool warn;
    int count;
    int *match;         /* a's container index -> b's, or -1 */
    bool *misaligned;   /* a's containers whose block counts differ (already reported) */
} cmp;

static char *at(msp_loc l)
{
    return g_strdup_printf("%s:%d:%d", l.file ? l.file : "?", l.line, l.column);
}

/* Records msg_a at la in a's list and msg_b at lb in b's (both owned, freed). */
static void pair(cmp *c, msp_loc la, char *msg_a, msp_loc lb, char *msg_b)
{
    msp_severity sev = c->warn ? MSP_SEV_WARNING : MSP_SEV_ERROR;
    msp_status st = c->warn ? MSP_OK : MSP_E_SCHEMA;
    msp_diag_add(c->da, sev, st, la, VERSIONS_HINT, "%s", msg_a);
    msp_diag_add(c->db, sev, st, lb, VERSIONS_HINT, "%s", msg_b);
    c->count++;
    g_free(msg_a);
    g_free(msg_b);
}

/* "<what> is <va> here but <vb> in <b's place>", and the mirror for b. */
static void differ(cmp *c, const char *what, msp_loc la, const char *va, msp_loc lb, const char *vb)
{
    char *wa = at(la), *wb = at(lb);
    pair(c, la, g_strdup_printf("%s is '%s' here but '%s' in %s", what, va, vb, wb), lb,
         g_strdup_printf("%s is '%s' here but '%s' in %s", what, vb, va, wa));
    g_free(wa);
    g_free(wb);
}

static const char *const field_names[MSP_VS_N_FIELDS] = {
    [MSP_VS_KIND] = "the paper's kind",
    [MSP_VS_MEETING] = "the meeting",
    [MSP_VS_DATE] = "the date",
    [MSP_VS_ORIGINAL] = "the original language",
    [MSP_VS_AGENDA] = "the agenda item",
    [MSP_VS_REISSUE] = "the reissue",
    [MSP_VS_LATE] = "the late-submission note",
    [MSP_VS_UNEDITED] = "the unedited note",
    [MSP_VS_TITLE_NOTES] = "the number of title notes",
    [MSP_VS_COMMITTEE] = "the committee",
    [MSP_VS_CHAIRS] = "the committee chairs named",
    [MSP_VS_SUBMITTED_BY] = "the list of submitters",
};

static void compare_fields(cmp *c)
{
    for (int i = 0; i < MSP_VS_N_FIELDS; i++) {
        const msp_vs_field *fa = &c->a->fields[i], *fb = &c->b->fields[i];
        /* a version reissued alone is how a translation is corrected (CORRECTIONS.md §2):
         * reissues are compared only when both versions carry one */
        if (i == MSP_VS_REISSUE && (strcmp(fa->value, "none") == 0 || strcmp(fb->value, "none") == 0))
            continue;
        if (strcmp(fa->value, fb->value) != 0)
            differ(c, field_names[i], fa->loc, fa->value, fb->loc, fb->value);
    }
}

/* ---- names of places, in a version's own terms ---- */

static char *roman(int n)
{
    static const struct { int v; const char *s; } r[] = {
        { 1000, "M" }, { 900, "CM" }, { 500, "D" }, { 400, "CD" }, { 100, "C" }, { 90, "XC" },
        { 50, "L" }, { 40, "XL" }, { 10, "X" }, { 9, "IX" }, { 5, "V" }, { 4, "IV" }, { 1, "I" },
    };
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(r) && n > 0 && n < 100000; i++)
        while (n >= r[i].v) {
            g_string_append(s, r[i].s);
            n -= r[i].v;
        }
    return g_string_free(s, FALSE);
}

static int annex_count(const msp_versions_summary *s)
{
    int n = 0;
    for (guint i = 0; i < s->containers->len; i++) {
        const msp_vs_container *k = &g_array_index(s->containers, msp_vs_container, i);
        n += k->annex > 0 && k->chapter == 0;
    }
    return n;
}

static char *annex_name(const msp_versions_summary *s, int annex)
{
    if (annex_count(s) == 1)
        return g_strdup("the annex");
    char *r = roman(annex);
    char *name = g_strdup_printf("annex %s", r);
    g_free(r);
    return name;
}

static char *part_name(const msp_versions_summary *s, int annex)
{
    return annex == 0 ? g_strdup("the body") : annex_name(s, annex);
}

static char *container_name(const msp_versions_summary *s, const msp_vs_container *k)
{
    if (k->chapter == 0)
        return k->annex == 0 ? g_strdup("the body before its first chapter") : annex_name(s, k->annex);
    char *ch = k->number > 0 ? roman(k->number) : NULL;
    char *base = ch ? g_strdup_printf("chapter %s", ch) : g_strdup_printf("unnumbered chapter %d", k->chapter);
    g_free(ch);
    if (k->annex == 0)
        return base;
    char *an = annex_name(s, k->annex);
    char *name = g_strdup_printf("%s of %s", base, an);
    g_free(an);
    g_free(base);
    return name;
}

static const char *ordinal_word(int n)
{
    static const char *const words[] = { "", "", "second ", "third ", "fourth ", "fifth " };
    return n >= 0 && n < (int)G_N_ELEMENTS(words) ? words[n] : "next ";
}

/* "paragraph 7", "paragraph 3 of annex I", "the sub-items after paragraph 7",
 * "the unnumbered paragraph at the start of chapter II" ... Owned. */
static char *block_name(const msp_versions_summary *s, guint index)
{
    if (index == G_MAXUINT)
        return g_strdup("no paragraph");
    const msp_vs_block *blk = &g_array_index(s->blocks, msp_vs_block, index);
    const msp_vs_container *k = &g_array_index(s->containers, msp_vs_container, blk->container);
    char *an = k->annex > 0 ? annex_name(s, k->annex) : NULL;
    char *of = an ? g_strdup_printf(" of %s", an) : g_strdup("");
    char *name;
    if (blk->number > 0) {
        name = g_strdup_printf("paragraph %d%s", blk->number, of);
    } else {
        const char *what = blk->kind == MSP_VS_ITEMS   ? "the sub-items"
                           : blk->kind == MSP_VS_BULLETS ? "the bullet list"
                                                         : NULL;
        char *p = what ? g_strdup(what) : g_strdup_printf("the %sunnumbered paragraph", ordinal_word(blk->unnumbered));
        if (blk->after > 0) {
            name = g_strdup_printf("%s after paragraph %d%s", p, blk->after, of);
        } else {
            char *kn = container_name(s, k);
            name = g_strdup_printf("%s at the start of %s", p, kn);
            g_free(kn);
        }
        g_free(p);
    }
    g_free(of);
    g_free(an);
    return name;
}

static const msp_vs_block *block_at(const msp_versions_summary *s, guint i)
{
    return &g_array_index(s->blocks, msp_vs_block, i);
}

static const msp_vs_container *container_at(const msp_versions_summary *s, guint i)
{
    return &g_array_index(s->containers, msp_vs_container, i);
}

/* ---- chapters and annexes ---- */

static int chapter_count(const msp_versions_summary *s, int annex)
{
    int n = 0;
    for (guint i = 0; i < s->containers->len; i++) {
        const msp_vs_container *k = container_at(s, i);
        n += k->annex == annex && k->chapter > 0;
    }
    return n;
}

static int find_container(const msp_versions_summary *s, int annex, int chapter)
{
    for (guint i = 0; i < s->containers->len; i++) {
        const msp_vs_container *k = container_at(s, i);
        if (k->annex == annex && k->chapter == chapter)
            return (int)i;
    }
    return -1;
}

static void compare_parts(cmp *c)
{
    int na = annex_count(c->a), nb = annex_count(c->b);
    if (na != nb) {
        char *wa = at(c->a->body_loc), *wb = at(c->b->body_loc);
        pair(c, c->a->body_loc,
             g_strdup_printf("the paper has %d annex%s here but %d in %s", na, na == 1 ? "" : "es", nb, wb),
             c->b->body_loc,
             g_strdup_printf("the paper has %d annex%s here but %d in %s", nb, nb == 1 ? "" : "es", na, wa));
        g_free(wa);
        g_free(wb);
    }
    for (int annex = 0; annex <= MIN(na, nb); annex++) {
        int ca = chapter_count(c->a, annex), cb = chapter_count(c->b, annex);
        if (ca == cb)
            continue;
        int ka = find_container(c->a, annex, 0), kb = find_container(c->b, annex, 0);
        if (ka < 0 || kb < 0)
            continue;
        msp_loc la = container_at(c->a, (guint)ka)->loc, lb = container_at(c->b, (guint)kb)->loc;
        char *pa = part_name(c->a, annex), *pb = part_name(c->b, annex);
        char *wa = at(la), *wb = at(lb);
        pair(c, la, g_strdup_printf("%s has %d chapter%s here but %d in %s", pa, ca, ca == 1 ? "" : "s", cb, wb), lb,
             g_strdup_printf("%s has %d chapter%s here but %d in %s", pb, cb, cb == 1 ? "" : "s", ca, wa));
        g_free(wa);
        g_free(wb);
        g_free(pa);
        g_free(pb);
    }
}

/* "5 paragraphs", "5 paragraphs and 1 list of sub-items", "no paragraph". Owned. */
static char *block_counts(const msp_versions_summary *s, const msp_vs_container *k)
{
    int paragraphs = 0, lists = 0;
    for (guint i = k->first_block; i < k->first_block + k->n_blocks; i++)
        if (block_at(s, i)->kind == MSP_VS_P)
            paragraphs++;
        else
            lists++;
    char *p = paragraphs ? g_strdup_printf("%d paragraph%s", paragraphs, paragraphs == 1 ? "" : "s")
                         : g_strdup("no paragraph");
    if (!lists)
        return p;
    char *all = g_strdup_printf("%s and %d list%s of sub-items", p, lists, lists == 1 ? "" : "s");
    g_free(p);
    return all;
}

static int top_items(const char *shape)
{
    int depth = 0, n = 0;
    for (const char *p = shape; *p; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if (*p == ')' || *p == ']')
            depth--;
        else if (*p == 'i' && depth == 1)
            n++;
    }
    return n;
}

/* "Articles 5, 7 and 7", "Article 7", "no Article". Owned. */
static char *ref_list(const char *word, const char *numbers)
{
    if (!*numbers)
        return g_strdup_printf("no %s", word);
    char **n = g_strsplit(numbers, " ", -1);
    guint len = g_strv_length(n);
    GString *s = g_string_new(word);
    if (len > 1)
        g_string_append_c(s, 's');
    for (guint i = 0; i < len; i++)
        g_string_append_printf(s, "%s%s", i == 0 ? " " : i + 1 == len ? " and " : ", ", n[i]);
    g_strfreev(n);
    return g_string_free(s, FALSE);
}

static void compare_refs(cmp *c, const msp_vs_block *x, const char *na, const msp_vs_block *y, const char *nb,
                         const char *word, const char *ra, const char *rb)
{
    if (strcmp(ra, rb) == 0)
        return;
    char *la = ref_list(word, ra), *lb = ref_list(word, rb);
    char *wa = at(x->loc), *wb = at(y->loc);
    pair(c, x->loc, g_strdup_printf("%s refers to %s here but to %s in %s", na, la, lb, wb), y->loc,
         g_strdup_printf("%s refers to %s here but to %s in %s", nb, lb, la, wa));
    g_free(wa);
    g_free(wb);
    g_free(la);
    g_free(lb);
}

static const char *kind_word(msp_vs_block_kind k)
{
    return k == MSP_VS_P ? "a paragraph" : k == MSP_VS_ITEMS ? "a list of sub-items" : "a bullet list";
}

static void compare_block(cmp *c, guint ia, guint ib)
{
    const msp_vs_block *x = block_at(c->a, ia), *y = block_at(c->b, ib);
    char *na = block_name(c->a, ia), *nb = block_name(c->b, ib);
    char *wa = at(x->loc), *wb = at(y->loc);
    if (x->kind != y->kind) {
        pair(c, x->loc, g_strdup_printf("%s is %s here but %s in %s", na, kind_word(x->kind), kind_word(y->kind), wb),
             y->loc, g_strdup_printf("%s is %s here but %s in %s", nb, kind_word(y->kind), kind_word(x->kind), wa));
        goto done;
    }
    /* numbering per chapter: which blocks are numbered (the numbers follow from
     * the chapters before, whose differences are reported there) */
    if ((x->number > 0) != (y->number > 0)) {
        pair(c, x->loc,
             g_strdup_printf("%s is %s here but %s in %s", na, x->number ? "numbered" : "unnumbered",
                             y->number ? "numbered" : "unnumbered", wb),
             y->loc,
             g_strdup_printf("%s is %s here but %s in %s", nb, y->number ? "numbered" : "unnumbered",
                             x->number ? "numbered" : "unnumbered", wa));
    }
    if (strcmp(x->shape, y->shape) != 0) {
        int ta = top_items(x->shape), tb = top_items(y->shape);
        if (ta != tb)
            pair(c, x->loc, g_strdup_printf("%s have %d items here but %d in %s", na, ta, tb, wb), y->loc,
                 g_strdup_printf("%s have %d items here but %d in %s", nb, tb, ta, wa));
        else
            pair(c, x->loc, g_strdup_printf("%s nest their sub-items differently in %s", na, wb), y->loc,
                 g_strdup_printf("%s nest their sub-items differently in %s", nb, wa));
    }
    compare_refs(c, x, na, y, nb, "Article", x->articles, y->articles);
    compare_refs(c, x, na, y, nb, "Action", x->actions, y->actions);
done:
    g_free(wa);
    g_free(wb);
    g_free(na);
    g_free(nb);
}

static void compare_containers(cmp *c)
{
    for (guint i = 0; i < c->a->containers->len; i++) {
        const msp_vs_container *ka = container_at(c->a, i);
        int j = find_container(c->b, ka->annex, ka->chapter);
        c->match[i] = j;
        if (j < 0)
            continue;
        const msp_vs_container *kb = container_at(c->b, (guint)j);
        if (ka->n_blocks != kb->n_blocks) {
            c->misaligned[i] = true;
            char *na = container_name(c->a, ka), *nb = container_name(c->b, kb);
            char *ca = block_counts(c->a, ka), *cb = block_counts(c->b, kb);
            char *wa = at(ka->loc), *wb = at(kb->loc);
            pair(c, ka->loc, g_strdup_printf("%s has %s here but %s in %s", na, ca, cb, wb), kb->loc,
                 g_strdup_printf("%s has %s here but %s in %s", nb, cb, ca, wa));
            g_free(wa);
            g_free(wb);
            g_free(ca);
            g_free(cb);
            g_free(na);
            g_free(nb);
            continue;
        }
        for (guint k = 0; k < ka->n_blocks; k++)
            compare_block(c, ka->first_block + k, kb->first_block + k);
    }
}

/* ---- notes ---- */

/* True when block ia of a and ib of b stand at the same place. */
static bool same_place(const cmp *c, guint ia, guint ib)
{
    if (ia == G_MAXUINT || ib == G_MAXUINT)
        return ia == ib;
    const msp_vs_block *x = block_at(c->a, ia), *y = block_at(c->b, ib);
    if (c->match[x->container] != (int)y->container)
        return false;
    return ia - container_at(c->a, x->container)->first_block == ib - container_at(c->b, y->container)->first_block;
}

static void compare_notes(cmp *c)
{
    guint na = c->a->notes->len, nb = c->b->notes->len;
    if (na == nb) {
        for (guint i = 0; i < na; i++) {
            const msp_vs_note *x = &g_array_index(c->a->notes, msp_vs_note, i);
            const msp_vs_note *y = &g_array_index(c->b->notes, msp_vs_note, i);
            if (same_place(c, x->block, y->block))
                continue;
            /* both in one chapter whose paragraph count differs: that is reported */
            if (x->block != G_MAXUINT && y->block != G_MAXUINT) {
                guint k = block_at(c->a, x->block)->container;
                if (c->misaligned[k] && c->match[k] == (int)block_at(c->b, y->block)->container)
                    continue;
            }
            char *pa = block_name(c->a, x->block), *pb = block_name(c->b, y->block);
            char *wa = at(x->loc), *wb = at(y->loc);
            pair(c, x->loc, g_strdup_printf("%s holds note %u in %s but the note is in %s here", pb, i + 1, wb, pa),
                 y->loc, g_strdup_printf("%s holds note %u in %s but the note is in %s here", pa, i + 1, wa, pb));
            g_free(wa);
            g_free(wb);
            g_free(pa);
            g_free(pb);
        }
        return;
    }
    char *wa = at(c->a->body_loc), *wb = at(c->b->body_loc);
    pair(c, c->a->body_loc,
         g_strdup_printf("the paper has %u numbered note%s here but %u in %s", na, na == 1 ? "" : "s", nb, wb),
         c->b->body_loc,
         g_strdup_printf("the paper has %u numbered note%s here but %u in %s", nb, nb == 1 ? "" : "s", na, wa));
    g_free(wa);
    g_free(wb);
    /* where: the paragraphs whose note counts differ, in chapters that agree */
    for (guint i = 0; i < c->a->containers->len; i++) {
        if (c->match[i] < 0 || c->misaligned[i])
            continue;
        const msp_vs_container *ka = container_at(c->a, i), *kb = container_at(c->b, (guint)c->match[i]);
        for (guint k = 0; k < ka->n_blocks; k++) {
            guint ia = ka->first_block + k, ib = kb->first_block + k;
            const msp_vs_block *x = block_at(c->a, ia), *y = block_at(c->b, ib);
            if (x->notes == y->notes)
                continue;
            char *pa = block_name(c->a, ia), *pb = block_name(c->b, ib);
            char *la = at(x->loc), *lb = at(y->loc);
            pair(c, x->loc, g_strdup_printf("%s holds %d note%s here but %d in %s", pa, x->notes, x->notes == 1 ? "" : "s",
                                            y->notes, lb),
                 y->loc, g_strdup_printf("%s holds %d note%s here but %d in %s", pb, y->notes, y->notes == 1 ? "" : "s",
                                         x->notes, la));
            g_free(la);
            g_free(lb);
            g_free(pa);
            g_free(pb);
        }
    }
}

int msp_versions_compare(msp_diag_list *da, const msp_versions_summary *a, msp_diag_list *db,
                         const msp_versions_summary *b, bool warn_only)
{
    cmp c = { da, db, a, b, warn_only, 0, NULL, NULL };
    c.match = g_new(int, a->containers->len + 1);
    c.misaligned = g_new0(bool, a->containers->len + 1);
    compare_fields(&c);
    compare_parts(&c);
    compare_containers(&c);
    compare_notes(&c);
    g_free(c.match);
    g_free(c.misaligned);
    return c.count;
}

/* ---- groups ---- */

static bool written_in_original(const msp_versions_summary *s)
{
    if (!s->language || !*s->originals)
        return false;
    char *key = g_strdup_printf(" %s ", s->language);
    bool yes = strstr(s->originals, key) != NULL;
    g_free(key);
    return yes;
}

int msp_versions_check(msp_versions_summary *const *s, msp_diag_list *const *diags, guint n, bool draft)
{
    GHashTable *groups = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    GPtrArray *order = g_ptr_array_new();
    for (guint i = 0; i < n; i++) {
        if (!s[i] || !s[i]->symbol)
            continue;
        GPtrArray *g = g_hash_table_lookup(groups, s[i]->symbol);
        if (!g) {
            g = g_ptr_array_new();
            g_hash_table_insert(groups, (gpointer)s[i]->symbol, g);
            g_ptr_array_add(order, g);
        }
        g_ptr_array_add(g, GUINT_TO_POINTER(i));
    }
    int *before = g_new0(int, n + 1);
    for (guint i = 0; i < n; i++)
        before[i] = diags[i] ? diags[i]->errors : 0;
    for (guint gi = 0; gi < order->len; gi++) {
        GPtrArray *g = order->pdata[gi];
        if (g->len < 2)
            continue;
        guint ref = GPOINTER_TO_UINT(g->pdata[0]);
        for (guint k = 0; k < g->len; k++)
            if (written_in_original(s[GPOINTER_TO_UINT(g->pdata[k])])) {
                ref = GPOINTER_TO_UINT(g->pdata[k]);
                break;
            }
        for (guint k = 0; k < g->len; k++) {
            guint j = GPOINTER_TO_UINT(g->pdata[k]);
            if (j == ref)
                continue;
            bool warn = draft || s[ref]->draft || s[j]->draft;
            msp_versions_compare(diags[ref], s[ref], diags[j], s[j], warn);
        }
    }
    int failed = 0;
    for (guint i = 0; i < n; i++)
        failed += diags[i] && diags[i]->errors > before[i];
    g_free(before);
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(groups);
    return failed;
}
