/* The text accounting of check_text.h: text nodes marked as they reach a
 * run, each run's lines checked against its text when built and counted as
 * they are placed on emitted pages, judged when the run is freed; at the end
 * the FO tree is walked for text that reached no run. Collecting the text is
 * para_text.c, lines are para.c; this file only counts. */
#include "layout/check_text.h"
#include "layout/para_private.h"

#include <stdarg.h>
#include <string.h>

#define MAX_REPORTED 20
#define EXCERPT_BYTES 60

typedef struct loss {
    msp_severity severity;
    msp_loc loc;
    char *message;
    const char *hint;
} loss;

/* A page number or citation of a run, on line `line`. */
typedef struct run_number {
    int line;
    bool placeholder;
    bool page_number;        /* fo:page-number (not a citation) */
    const msp_fo_node *node;
    char *text;              /* as printed */
} run_number;

struct msp_check_run {
    msp_check_text *c;
    msp_check_run *prev, *next;     /* the checker's live runs */
    const msp_fo_node *block;
    const msp_para *para;
    int n_lines;
    int *count;                     /* placements per line */
    int expect;                     /* the line expected next (lines are placed in order) */
    bool may_be_unplaced;           /* static content or a retrieved marker: built ahead of need
                                       (the footnote separator, on pages without notes) */
    bool order_reported;
    run_number *numbers;
    int n_numbers;
};

struct msp_check_text {
    msp_job *job;
    const msp_fo_doc *doc;
    GHashTable *collected;          /* text nodes that reached a run */
    GHashTable *used;               /* static contents and markers laid out */
    msp_check_run *live;
    GArray *losses;                 /* of loss */
    GHashTable *seen;               /* dedup keys of losses */
    GPtrArray *placeholders;        /* citations printed as a placeholder: judged at the end */
    msp_check_text_counts counts;
};

static const char *HINT_LOST =
    "mspdoc lost this text while laying out the FO (a defect of mspdoc, or FO it does not format yet: "
    "docs/fo-subset.md); no PDF is written";

static void add_loss(msp_check_text *c, msp_severity sev, msp_loc loc, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

static void add_loss(msp_check_text *c, msp_severity sev, msp_loc loc, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    char *key = g_strdup_printf("%d|%s|%d|%d|%s", (int)sev, loc.file ? loc.file : "", loc.line, loc.column, msg);
    if (!g_hash_table_add(c->seen, key)) {
        g_free(msg);
        return;
    }
    loss l = { sev, loc, msg, hint };
    g_array_append_val(c->losses, l);
    if (sev == MSP_SEV_ERROR)
        c->counts.losses++;
}

/* --- what must be visible --- */

/* Bytes (or characters) of s[0, n) that must reach a line: all but white
 * space (ASCII space, tab, LF, CR, Unicode space separators, U+2028,
 * U+2029), C1 controls and DEL (the collector drops them with a warning),
 * and, unless objects, U+FFFC (an object's placeholder, not in line texts). */
static size_t visible(const char *s, size_t n, bool objects, bool chars)
{
    size_t k = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        unsigned char b = (unsigned char)*p;
        if (b < 0x80) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != 0x7F)
                k++;
            p++;
            continue;
        }
        const char *q = g_utf8_next_char(p);
        if (q > end)
            q = end;
        gunichar u = g_utf8_get_char_validated(p, end - p);
        bool hidden = u != (gunichar)-1 && u != (gunichar)-2 &&
                      ((u >= 0x80 && u <= 0x9F) || u == 0x2028 || u == 0x2029 ||
                       g_unichar_type(u) == G_UNICODE_SPACE_SEPARATOR || (!objects && u == 0xFFFC));
        if (!hidden)
            k += chars ? 1 : (size_t)(q - p);
        p = q;
    }
    return k;
}

/* At most EXCERPT_BYTES of s, white space runs as one space, then "…". */
static char *excerpt(const char *s, size_t n)
{
    GString *o = g_string_new(NULL);
    bool sp = false;
    const char *end = s + n;
    for (const char *p = s; p < end; p = g_utf8_next_char(p)) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            sp = o->len > 0;
            continue;
        }
        if (o->len >= EXCERPT_BYTES) {
            g_string_append(o, "\xE2\x80\xA6");
            break;
        }
        if (sp)
            g_string_append_c(o, ' ');
        sp = false;
        const char *q = g_utf8_next_char(p);
        g_string_append_len(o, p, (q > end ? end : q) - p);
    }
    return g_string_free(o, FALSE);
}

/* The static content or marker the block is laid out for, or NULL (flow, footnote body). */
static const msp_fo_node *container_of(const msp_fo_node *block)
{
    for (const msp_fo_node *a = block; a; a = a->parent) {
        if (a->kind == MSP_FO_STATIC_CONTENT || a->kind == MSP_FO_MARKER)
            return a;
        if (a->kind == MSP_FO_FLOW || a->kind == MSP_FO_FOOTNOTE_BODY)
            return NULL;
    }
    return NULL;
}

/* --- the checker --- */

msp_check_text *msp_check_text_new(msp_job *job, const msp_fo_doc *doc)
{
    msp_check_text *c = g_new0(msp_check_text, 1);
    c->job = job;
    c->doc = doc;
    c->collected = g_hash_table_new(NULL, NULL);
    c->used = g_hash_table_new(NULL, NULL);
    c->losses = g_array_new(FALSE, FALSE, sizeof(loss));
    c->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    c->placeholders = g_ptr_array_new();
    return c;
}

static void run_free(msp_check_run *r)
{
    for (int i = 0; i < r->n_numbers; i++)
        g_free(r->numbers[i].text);
    g_free(r->numbers);
    g_free(r->count);
    g_free(r);
}

void msp_check_text_free(msp_check_text *c)
{
    if (!c)
        return;
    while (c->live) {
        msp_check_run *r = c->live;
        c->live = r->next;
        run_free(r);
    }
    for (guint i = 0; i < c->losses->len; i++)
        g_free(g_array_index(c->losses, loss, i).message);
    g_array_free(c->losses, TRUE);
    g_hash_table_destroy(c->seen);
    g_ptr_array_free(c->placeholders, TRUE);
    g_hash_table_destroy(c->collected);
    g_hash_table_destroy(c->used);
    g_free(c);
}

msp_check_text_counts msp_check_text_counts_of(const msp_check_text *c)
{
    msp_check_text_counts none = { 0 };
    return c ? c->counts : none;
}

static void collect_under(msp_check_text *c, const msp_fo_node *n)
{
    for (const msp_fo_node *k = n->first; k; k = k->next) {
        if (k->kind == MSP_FO_TEXT) {
            if (g_hash_table_add(c->collected, (gpointer)k))
                c->counts.text_nodes++;
        } else {
            collect_under(c, k);
        }
    }
}

void msp_check_text_node_collected(msp_check_text *c, const msp_fo_node *node)
{
    if (c)
        collect_under(c, node);
}

void msp_check_text_collected(msp_check_text *c, const msp_para_text *t)
{
    if (!c)
        return;
    const msp_para_seg *segs = (const msp_para_seg *)(void *)t->segs->data;
    for (guint i = 0; i < t->segs->len; i++) {
        const msp_fo_node *n = segs[i].node;
        if (n->kind != MSP_FO_TEXT)
            continue;
        if (g_hash_table_add(c->collected, (gpointer)n))
            c->counts.text_nodes++;
        /* the node's visible characters are the segment's: white-space handling and
         * text-transform change only spaces and letter case */
        bool chars = n->style->text_transform != MSP_TT_NONE;
        size_t want = visible(n->text, n->text_len, true, chars);
        /* (a segment of trailing spaces trimmed at the run's end may start past it) */
        size_t got = segs[i].end > segs[i].start
                         ? visible(t->text->str + segs[i].start, segs[i].end - segs[i].start, true, chars)
                         : 0;
        if (want != got) {
            char *ex = excerpt(n->text, n->text_len);
            add_loss(c, MSP_SEV_ERROR, n->loc, HINT_LOST,
                     "internal error: %zu of the %zu characters of text '%s' reached its line", got, want, ex);
            g_free(ex);
        }
    }
    /* text inside a block nested in an inline shares no segment with it */
    const msp_fo_node *sc = container_of(t->block);
    if (sc)
        g_hash_table_add(c->used, (gpointer)sc);
}

/* --- runs --- */

static const char *line_text(const msp_check_run *r, int i)
{
    return r->para && i >= 0 && i < r->para->n_lines && r->para->lines[i].text ? r->para->lines[i].text : "";
}

static msp_loc line_loc(const msp_check_run *r, int i)
{
    if (r->para && i >= 0 && i < r->para->n_lines)
        return r->para->lines[i].loc;
    return r->block->loc;
}

msp_check_run *msp_check_run_new(msp_check_text *c, const msp_para_text *t, const msp_glines *g,
                                 const msp_para *para)
{
    if (!c)
        return NULL;
    c->counts.runs++;
    msp_check_run *r = g_new0(msp_check_run, 1);
    r->c = c;
    r->block = t->block;
    r->para = para;
    r->n_lines = g->n;
    r->count = g_new0(int, g->n ? g->n : 1);
    r->may_be_unplaced = container_of(t->block) != NULL;
    r->next = c->live;
    if (c->live)
        c->live->prev = r;
    c->live = r;

    /* the lines cover the text in order, and each line draws and shows its range */
    const char *text = t->text->str;
    int len = (int)t->text->len, prev = MIN(MAX(para->from, 0), len);
    for (int i = 0; i < g->n; i++) {
        const msp_gline *l = &g->lines[i];
        if (l->start < prev || l->end < l->start || l->end > len) {
            add_loss(c, MSP_SEV_ERROR, msp_para_text_node_at(t, (guint)MIN(MAX(l->start, 0), len))->loc,
                     HINT_LOST, "internal error: line %d of a paragraph has bytes [%d, %d), after %d", i + 1,
                     l->start, l->end, prev);
            prev = len;
            break;
        }
        if (visible(text + prev, (size_t)(l->start - prev), true, false) > 0) {
            char *ex = excerpt(text + prev, (size_t)(l->start - prev));
            add_loss(c, MSP_SEV_ERROR, msp_para_text_node_at(t, (guint)prev)->loc, HINT_LOST,
                     "internal error: text '%s' is on no line of its paragraph", ex);
            g_free(ex);
        }
        size_t want = visible(text + l->start, (size_t)(l->end - l->start), true, false);
        size_t drawn = 0;
        for (int k = 0; k < l->n; k++) {
            const PangoItem *it = l->pieces[k].glyphs->item;
            if (l->pieces[k].text != l->hyphen_text && it->offset >= 0 && it->offset + it->length <= len)
                drawn += visible(text + it->offset, (size_t)it->length, true, false);
        }
        if (drawn != want)
            add_loss(c, MSP_SEV_ERROR, para->lines[i].loc, HINT_LOST,
                     "internal error: line %d of a paragraph draws %zu of the %zu bytes of its text: '%s'",
                     i + 1, drawn, want, para->lines[i].text);
        size_t shown = visible(para->lines[i].text, strlen(para->lines[i].text), false, false);
        size_t expect = visible(text + l->start, (size_t)(l->end - l->start), false, false) +
                        (l->hyphen_text ? visible(l->hyphen_text, strlen(l->hyphen_text), false, false) : 0);
        if (shown != expect)
            add_loss(c, MSP_SEV_ERROR, para->lines[i].loc, HINT_LOST,
                     "internal error: line %d of a paragraph shows %zu of the %zu bytes of its text: '%s'",
                     i + 1, shown, expect, para->lines[i].text);
        prev = l->end;
    }
    if (prev < len && visible(text + prev, (size_t)(len - prev), true, false) > 0) {
        char *ex = excerpt(text + prev, (size_t)(len - prev));
        add_loss(c, MSP_SEV_ERROR, msp_para_text_node_at(t, (guint)prev)->loc, HINT_LOST,
                 "internal error: text '%s' is on no line of its paragraph", ex);
        g_free(ex);
    }

    /* page numbers and citations: checked as their lines are placed */
    if (t->numbers && t->numbers->len && g->n > 0) {
        r->n_numbers = (int)t->numbers->len;
        r->numbers = g_new0(run_number, r->n_numbers);
        int li = 0;
        for (int k = 0; k < r->n_numbers; k++) {
            const msp_para_number *num = &g_array_index(t->numbers, msp_para_number, k);
            while (li + 1 < g->n && g->lines[li + 1].start <= (int)num->start)
                li++;
            run_number *rn = &r->numbers[k];
            rn->line = li;
            rn->placeholder = num->placeholder;
            rn->page_number = num->node->kind == MSP_FO_PAGE_NUMBER;
            rn->node = num->node;
            rn->text = g_strndup(text + num->start, num->end - num->start);
        }
    }
    return r;
}

void msp_check_run_emitted(msp_check_run *r, int line, const msp_page *page)
{
    if (!r || line < 0 || line >= r->n_lines)
        return;
    msp_check_text *c = r->c;
    c->counts.lines_placed++;
    r->count[line]++;
    if (line != r->expect && !r->order_reported) {
        r->order_reported = true;
        add_loss(c, MSP_SEV_ERROR, line_loc(r, line), HINT_LOST,
                 "internal error: line %d of a paragraph was placed where line %d belongs: '%s'", line + 1,
                 r->expect + 1, line_text(r, line));
    }
    r->expect = line + 1 < r->n_lines ? line + 1 : 0;
    for (int k = 0; k < r->n_numbers; k++) {
        const run_number *rn = &r->numbers[k];
        if (rn->line != line)
            continue;
        if (rn->placeholder && rn->page_number)
            add_loss(c, MSP_SEV_ERROR, rn->node->loc,
                     "the page number was not known when the line was made; this is a defect of mspdoc",
                     "internal error: fo:page-number printed the placeholder '%s', not a page number", rn->text);
        else if (rn->placeholder)
            g_ptr_array_add(c->placeholders, (gpointer)rn->node);   /* judged when all is laid out */
        else if (rn->page_number && page && page->number_text && strcmp(rn->text, page->number_text) != 0) {
            add_loss(c, MSP_SEV_WARNING, rn->node->loc,
                     "the number is the page's where its paragraph or note was made; mspdoc makes a "
                     "paragraph of the flow again on its new page, not a table row or a note carried over",
                     "fo:page-number printed '%s' on page '%s'", rn->text, page->number_text);
        }
    }
}

static void run_unlink(msp_check_run *r)
{
    if (r->prev)
        r->prev->next = r->next;
    else
        r->c->live = r->next;
    if (r->next)
        r->next->prev = r->prev;
}

bool msp_check_run_forget(msp_check_run *r)
{
    if (!r)
        return false;
    for (int i = 0; i < r->n_lines; i++)
        if (r->count[i] > 0)
            return false;
    r->c->counts.runs--;
    run_unlink(r);
    run_free(r);
    return true;
}

void msp_check_run_truncate(msp_check_run *r, int n)
{
    if (r && n >= 0 && n < r->n_lines) {
        r->n_lines = n;
        if (r->expect >= n)
            r->expect = 0;
    }
}

void msp_check_run_done(msp_check_run *r, const msp_para *para)
{
    if (!r)
        return;
    msp_check_text *c = r->c;
    run_unlink(r);
    r->para = para;
    int lo = G_MAXINT, hi = 0;
    for (int i = 0; i < r->n_lines; i++) {
        lo = MIN(lo, r->count[i]);
        hi = MAX(hi, r->count[i]);
    }
    if (r->n_lines > 0 && hi == 0 && !r->may_be_unplaced) {
        add_loss(c, MSP_SEV_ERROR, line_loc(r, 0), HINT_LOST,
                 "internal error: a paragraph of %d line%s was laid out but never placed on a page: '%s'",
                 r->n_lines, r->n_lines == 1 ? "" : "s", line_text(r, 0));
    } else if (r->n_lines > 0 && lo != hi) {
        for (int i = 0; i < r->n_lines; i++) {
            if (r->count[i] == hi)
                continue;
            add_loss(c, MSP_SEV_ERROR, line_loc(r, i), HINT_LOST,
                     "internal error: line %d of a paragraph was placed %d time%s, another of its lines "
                     "%d: '%s'", i + 1, r->count[i], r->count[i] == 1 ? "" : "s", hi, line_text(r, i));
            break;
        }
    }
    run_free(r);
}

/* --- text that reached no run --- */

static bool is_inline_container(const msp_fo_node *n)
{
    return n->kind == MSP_FO_INLINE || n->kind == MSP_FO_WRAPPER || n->kind == MSP_FO_BASIC_LINK;
}

/* Consecutive lost text nodes of one element become one report. */
typedef struct lost_group {
    const msp_fo_node *holder;    /* the nearest non-inline element */
    const msp_fo_node *first;     /* the first lost text node */
    GString *text;
    size_t chars;
} lost_group;

static void flush_group(msp_check_text *c, lost_group *g)
{
    if (!g->holder)
        return;
    const msp_fo_node *h = g->holder;
    GString *where = g_string_new(msp_fo_kind_name(h->kind));
    for (const msp_fo_node *a = h->parent; a && a->kind != MSP_FO_FLOW && a->kind != MSP_FO_STATIC_CONTENT &&
                                           a->kind != MSP_FO_FOOTNOTE_BODY && a->kind != MSP_FO_MARKER;
         a = a->parent) {
        if (is_inline_container(a) || a->kind == MSP_FO_LEADER || a->kind == MSP_FO_FOOTNOTE) {
            g_string_append_printf(where, " inside %s", msp_fo_kind_name(a->kind));
            break;
        }
        if (a->kind == MSP_FO_BLOCK || a->kind == MSP_FO_TABLE_CELL)
            break;
    }
    char *ex = excerpt(g->text->str, g->text->len);
    add_loss(c, MSP_SEV_ERROR, g->first->loc, HINT_LOST,
             "internal error: text never laid out: '%s' (%zu character%s in %s)", ex, g->chars,
             g->chars == 1 ? "" : "s", where->str);
    g_free(ex);
    g_string_free(where, TRUE);
    g_string_truncate(g->text, 0);
    g->holder = NULL;
    g->first = NULL;
    g->chars = 0;
}

static void scan(msp_check_text *c, const msp_fo_node *n, lost_group *g, int depth)
{
    for (const msp_fo_node *ch = n->first; ch; ch = ch->next) {
        if (ch->kind == MSP_FO_TEXT) {
            size_t k = visible(ch->text, ch->text_len, true, true);
            if (k == 0 || g_hash_table_contains(c->collected, ch))
                continue;
            const msp_fo_node *h = ch->parent;
            while (h && is_inline_container(h) && h->parent)
                h = h->parent;
            if (g->holder != h)
                flush_group(c, g);
            if (!g->holder) {
                g->holder = h;
                g->first = ch;
            } else {
                g_string_append_c(g->text, ' ');
            }
            g_string_append_len(g->text, ch->text, (gssize)MIN(ch->text_len, 4 * EXCERPT_BYTES));
            g->chars += k;
            continue;
        }
        if (ch->kind == MSP_FO_MARKER && !g_hash_table_contains(c->used, ch))
            continue;   /* never retrieved: not part of any page */
        if (ch->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT)
            continue;   /* a graphic's own markup */
        if (ch->first && depth < 1024)
            scan(c, ch, g, depth + 1);
    }
}


static void scan_document(msp_check_text *c)
{
    lost_group g = { NULL, NULL, g_string_new(NULL), 0 };
    for (const msp_fo_node *seq = c->doc->root->first; seq; seq = seq->next) {
        if (seq->kind != MSP_FO_PAGE_SEQUENCE)
            continue;
        for (const msp_fo_node *ch = seq->first; ch; ch = ch->next) {
            /* a static content no page laid out (its region is on no page, the footnote
             * separator of a sequence without notes) is not lost */
            if (ch->kind == MSP_FO_FLOW || (ch->kind == MSP_FO_STATIC_CONTENT && g_hash_table_contains(c->used, ch)))
                scan(c, ch, &g, 0);
            flush_group(c, &g);
        }
    }
    g_string_free(g.text, TRUE);
}

/* False when the element is where no page can show it: in a marker no page
 * retrieved, or a static content no page laid out (the document's doing;
 * layout warns about citations of it). */
static bool placeable(const msp_check_text *c, const msp_fo_node *n)
{
    for (const msp_fo_node *a = n; a; a = a->parent)
        if ((a->kind == MSP_FO_MARKER || a->kind == MSP_FO_STATIC_CONTENT) && !g_hash_table_contains(c->used, a))
            return false;
    return true;
}

/* A citation that printed a placeholder although its element is on a page. */
static void judge_placeholders(msp_check_text *c)
{
    for (guint i = 0; i < c->placeholders->len; i++) {
        const msp_fo_node *cit = g_ptr_array_index(c->placeholders, i);
        const char *ref = msp_fo_attr_value(cit, "ref-id");
        const msp_fo_node *target = ref && c->doc->ids ? g_hash_table_lookup(c->doc->ids, ref) : NULL;
        if (target && !placeable(c, target))
            continue;
        add_loss(c, MSP_SEV_ERROR, cit->loc,
                 "the cited element is laid out but its page was not recorded; this is a defect of mspdoc",
                 "internal error: %s ref-id='%s' printed a placeholder, not a page number",
                 msp_fo_kind_name(cit->kind), ref ? ref : "");
    }
}

msp_status msp_check_text_finish(msp_check_text *c, msp_status layout_status)
{
    if (layout_status != MSP_OK)
        return layout_status;
    /* runs layout never freed: judged now, without their lines' text */
    while (c->live)
        msp_check_run_done(c->live, NULL);
    if (c->doc && c->doc->root) {
        judge_placeholders(c);
        scan_document(c);
    }
    int errors = 0;
    for (guint i = 0; i < c->losses->len; i++) {
        const loss *l = &g_array_index(c->losses, loss, i);
        if (l->severity == MSP_SEV_WARNING) {
            msp_diag_warn(&c->job->diags, l->loc, l->hint, "%s", l->message);
            continue;
        }
        if (++errors <= MAX_REPORTED)
            msp_diag_error(&c->job->diags, MSP_E_LAYOUT, l->loc, l->hint, "%s", l->message);
    }
    if (errors > MAX_REPORTED) {
        msp_loc doc_loc = { c->doc ? c->doc->path : NULL, 0, 0 };
        msp_diag_error(&c->job->diags, MSP_E_LAYOUT, doc_loc, NULL,
                       "internal error: %d more losses of text not listed", errors - MAX_REPORTED);
    }
    return errors ? MSP_E_LAYOUT : MSP_OK;
}
