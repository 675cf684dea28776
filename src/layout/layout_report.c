/* The layout report (layout_report.h): lines beyond tolerance and hyphenated
 * line ends gathered from each emitted page, their counts, the one-line
 * summary and the tab-separated file. Setting fit and adjust is the line
 * breaker's (para_break.c); writing the file atomically is the caller's. */
#include "layout/layout_report.h"

#include "layout/linebreak.h"

#include <math.h>
#include <string.h>

_Static_assert((int)MSP_LINE_FIT_LOOSE == (int)MSP_LB_FIT_LOOSE &&
                   (int)MSP_LINE_FIT_OVERFULL == (int)MSP_LB_FIT_OVERFULL,
               "area.h msp_line_fit and linebreak.h msp_lb_fit must agree");

void msp_layout_report_init(msp_layout_report *r)
{
    memset(r, 0, sizeof *r);
    r->entries = g_array_new(FALSE, TRUE, sizeof(msp_layout_report_entry));
    r->arena = msp_arena_new();
    r->files = g_hash_table_new(g_str_hash, g_str_equal);
}

void msp_layout_report_clear(msp_layout_report *r)
{
    if (!r)
        return;
    if (r->entries)
        g_array_free(r->entries, TRUE);
    if (r->files)
        g_hash_table_destroy(r->files);
    msp_arena_free(r->arena);
    memset(r, 0, sizeof *r);
}

static const char *intern_file(msp_layout_report *r, const char *file)
{
    if (!file)
        return NULL;
    const char *have = g_hash_table_lookup(r->files, file);
    if (have)
        return have;
    char *copy = msp_arena_strdup(r->arena, file);
    g_hash_table_add(r->files, copy);
    return copy;
}

/* text, cut to MSP_LAYOUT_REPORT_MAX_TEXT bytes at a character boundary
 * with an ellipsis added when it is longer */
static const char *short_text(msp_layout_report *r, const char *text)
{
    if (!text)
        return msp_arena_strdup(r->arena, "");
    size_t n = strlen(text);
    if (n <= MSP_LAYOUT_REPORT_MAX_TEXT)
        return msp_arena_strndup(r->arena, text, n);
    const char *end = text + MSP_LAYOUT_REPORT_MAX_TEXT;
    while (end > text && ((unsigned char)*end & 0xC0) == 0x80)
        end--;
    return msp_arena_printf(r->arena, "%.*s\u2026", (int)(end - text), text);
}

void msp_layout_report_add_page(msp_layout_report *r, const msp_page *page)
{
    if (!r || !r->entries || !page)
        return;
    msp_layout_counts *n = &r->counts;
    n->pages++;
    const char *number = NULL;
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        if (a->kind != MSP_AREA_LINE)
            continue;
        n->lines++;
        int fit = a->u.line.fit;
        bool hyphen = a->u.line.hyphen;
        if (fit == MSP_LINE_FIT_LOOSE)
            n->loose++;
        else if (fit == MSP_LINE_FIT_OVERFULL)
            n->overfull++;
        else
            fit = MSP_LINE_FIT_OK;
        if (hyphen)
            n->hyphenated++;
        if (fit == MSP_LINE_FIT_OK && !hyphen)
            continue;
        if (r->entries->len >= MSP_LAYOUT_REPORT_MAX_ENTRIES) {
            n->unlisted++;
            continue;
        }
        if (!number)
            number = msp_arena_strdup(r->arena, page->number_text ? page->number_text : "");
        msp_layout_report_entry e = { 0 };
        e.page = page->index;
        e.page_number = number;
        e.zone = a->zone;
        e.fit = (msp_line_fit)fit;
        e.hyphen = hyphen;
        e.adjust = isfinite(a->u.line.adjust) ? a->u.line.adjust : 0;
        e.loc = a->u.line.loc;
        e.loc.file = intern_file(r, a->u.line.loc.file);
        e.text = short_text(r, a->u.line.text);
        g_array_append_val(r->entries, e);
    }
}

int msp_layout_counts_beyond(const msp_layout_counts *n)
{
    return n ? n->loose + n->overfull : 0;
}

const char *msp_layout_report_kind(const msp_layout_report_entry *e)
{
    switch (e->fit) {
    case MSP_LINE_FIT_LOOSE: return e->hyphen ? "loose,hyphen" : "loose";
    case MSP_LINE_FIT_OVERFULL: return e->hyphen ? "overfull,hyphen" : "overfull";
    default: return "hyphen";
    }
}

char *msp_layout_counts_summary(const msp_layout_counts *n)
{
    int beyond = msp_layout_counts_beyond(n), hy = n ? n->hyphenated : 0;
    return g_strdup_printf("%d line%s beyond tolerance (%d loose, %d overfull), %d hyphenated line end%s",
                           beyond, beyond == 1 ? "" : "s", n ? n->loose : 0, n ? n->overfull : 0, hy,
                           hy == 1 ? "" : "s");
}

/* a field of the file: backslash, tab, newline, CR and other control bytes escaped */
static void put_field(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '\\': fputs("\\\\", out); break;
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fprintf(out, "\\x%02x", *p);
            else
                fputc(*p, out);
        }
    }
}

static void put_count(FILE *out, const char *key, int n)
{
    fprintf(out, "# %s\t%d\n", key, n);
}

void msp_layout_report_write(FILE *out, const msp_layout_report *r, const char *document)
{
    fputs("# mspdoc layout report 1\n# document\t", out);
    put_field(out, document ? document : "-");
    fputc('\n', out);
    const msp_layout_counts *n = &r->counts;
    put_count(out, "pages", n->pages);
    put_count(out, "lines", n->lines);
    put_count(out, "beyond-tolerance", msp_layout_counts_beyond(n));
    put_count(out, "loose", n->loose);
    put_count(out, "overfull", n->overfull);
    put_count(out, "hyphenated", n->hyphenated);
    put_count(out, "unlisted", n->unlisted);
    fputs("page\tnumber\tzone\tkind\tadjust\tlocation\ttext\n", out);
    for (guint i = 0; r->entries && i < r->entries->len; i++) {
        const msp_layout_report_entry *e = &g_array_index(r->entries, msp_layout_report_entry, i);
        char adj[32];
        g_snprintf(adj, sizeof adj, "%.2f", e->adjust);
        if (!strcmp(adj, "-0.00"))
            strcpy(adj, "0.00");
        fprintf(out, "%d\t", e->page + 1);
        put_field(out, e->page_number);
        fprintf(out, "\t%s\t%s\t%s\t", msp_zone_name(e->zone), msp_layout_report_kind(e), adj);
        put_field(out, e->loc.file ? e->loc.file : "-");
        if (e->loc.line > 0) {
            fprintf(out, ":%d", e->loc.line);
            if (e->loc.column > 0)
                fprintf(out, ":%d", e->loc.column);
        }
        fputc('\t', out);
        put_field(out, e->text);
        fputc('\n', out);
    }
}
