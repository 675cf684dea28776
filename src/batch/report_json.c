/* OUTDIR/index.json, the batch report for scripts: the run (date, version,
 * commit), the totals, the failures first (every message, the last good
 * PDF), then every paper (symbol, title, language, pages, layout counts,
 * status, errors and warnings at file:line:column, times, hashes) and the
 * language versions of each symbol. Fields are documented in docs/nightly.md;
 * new ones are added without moving the old ones. */
#include "batch/report_private.h"

#include <string.h>

static void json_key(GString *out, const char *key)
{
    msp_report_json_string(out, key);
    g_string_append_c(out, ':');
}

static void json_str_field(GString *out, const char *key, const char *value, bool comma)
{
    json_key(out, key);
    if (value)
        msp_report_json_string(out, value);
    else
        g_string_append(out, "null");
    if (comma)
        g_string_append_c(out, ',');
}

static void json_date_field(GString *out, const char *key, gint64 date, bool comma)
{
    char *iso = msp_report_date_iso(date);
    json_str_field(out, key, iso, comma);
    g_free(iso);
}

static void json_diag(GString *out, const msp_diag *d, bool with_severity)
{
    g_string_append(out, "\n      {");
    if (with_severity)
        json_str_field(out, "severity", msp_severity_name(d->severity), true);
    json_str_field(out, "file", d->loc.file, true);
    g_string_append_printf(out, "\"line\":%d,\"column\":%d,", d->loc.line, d->loc.column);
    json_str_field(out, "code", msp_status_name(d->status), true);
    json_str_field(out, "message", d->message, true);
    json_str_field(out, "hint", d->hint, false);
    g_string_append_c(out, '}');
}

/* The paper's messages of one severity, or all of them (sev < 0) with their severity. */
static void json_diags(GString *out, const msp_paper *p, int sev)
{
    g_string_append_c(out, '[');
    bool first = true;
    for (guint i = 0; i < msp_report_diag_count(p); i++) {
        const msp_diag *d = msp_report_diag(p, i);
        if (sev >= 0 && (int)d->severity != sev)
            continue;
        if (!first)
            g_string_append_c(out, ',');
        first = false;
        json_diag(out, d, sev < 0);
    }
    g_string_append_c(out, ']');
}

static void json_last_good(GString *out, const msp_paper *p)
{
    json_key(out, "last_good");
    if (!p->last_good) {
        g_string_append(out, "null");
        return;
    }
    g_string_append_c(out, '{');
    json_str_field(out, "path", p->last_good, true);
    json_date_field(out, "date", p->last_good_date, false);
    g_string_append_c(out, '}');
}

static void json_symbols(GString *out, GPtrArray *papers)
{
    GPtrArray *groups = msp_report_symbol_groups(papers);
    g_string_append(out, "\n  \"symbols\":[");
    for (guint i = 0; i < groups->len; i++) {
        GPtrArray *g = groups->pdata[i];
        const msp_paper *first = g->pdata[0];
        g_string_append(out, i ? ",\n    {" : "\n    {");
        char *plain = msp_report_group_symbol(first);
        json_str_field(out, "symbol", plain, true);
        g_free(plain);
        json_str_field(out, "check", msp_report_group_check(g), true);
        g_string_append(out, "\"versions\":[");
        for (guint k = 0; k < g->len; k++) {
            const msp_paper *p = g->pdata[k];
            g_string_append(out, k ? ",\n      {" : "\n      {");
            json_str_field(out, "lang", p->language, true);
            json_str_field(out, "source", p->source, true);
            json_str_field(out, "output", p->output_name, true);
            json_str_field(out, "status", msp_paper_status_name(p->status), false);
            g_string_append_c(out, '}');
        }
        g_string_append(out, "]}");
    }
    g_string_append(out, "\n  ]");
    g_ptr_array_free(groups, TRUE);
}

/* The failed papers again, first: what a morning reader looks at. */
static void json_failures(GString *out, GPtrArray *papers)
{
    g_string_append(out, "\n  \"failures\":[");
    bool first = true;
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        if (!msp_report_in_section(p, MSP_SECTION_FAILED))
            continue;
        g_string_append(out, first ? "\n    {" : ",\n    {");
        first = false;
        json_str_field(out, "symbol", p->symbol, true);
        json_str_field(out, "language", p->language, true);
        json_str_field(out, "source", p->source, true);
        json_str_field(out, "output", p->output_name, true);
        json_last_good(out, p);
        g_string_append(out, ",\n     \"messages\":");
        json_diags(out, p, -1);
        g_string_append_c(out, '}');
    }
    g_string_append(out, first ? "]," : "\n  ],");
}

GString *msp_report_json(GPtrArray *papers, const char *title, const msp_report_run *run)
{
    GString *out = g_string_new("{\n  ");
    json_str_field(out, "generator", "mspdoc " MSP_VERSION, true);
    g_string_append(out, "\n  \"run\":{");
    json_date_field(out, "date", run->date, true);
    json_str_field(out, "version", run->version, true);
    json_str_field(out, "commit", run->commit, false);
    g_string_append(out, "},\n  ");
    json_str_field(out, "title", title, true);
    g_string_append_printf(out,
                           "\n  \"totals\":{\"papers\":%u,\"built\":%d,\"up_to_date\":%d,\"failed\":%d,"
                           "\"cancelled\":%d,\"warnings\":%d},\n  \"seconds\":%.3f,",
                           papers->len, msp_report_count_status(papers, MSP_PAPER_BUILT),
                           msp_report_count_status(papers, MSP_PAPER_UP_TO_DATE),
                           msp_report_count_status(papers, MSP_PAPER_FAILED),
                           msp_report_count_status(papers, MSP_PAPER_CANCELLED),
                           msp_report_section_count(papers, MSP_SECTION_WARNINGS), run->seconds);
    json_failures(out, papers);
    g_string_append(out, "\n  \"papers\":[");
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        bool have_pdf = msp_report_has_pdf(p);
        g_string_append(out, i ? ",\n    {" : "\n    {");
        json_str_field(out, "symbol", p->symbol, true);
        json_str_field(out, "title", p->title, true);
        json_str_field(out, "language", p->language, true);
        g_string_append_printf(out, "\"pages\":%d,", p->pages);
        json_str_field(out, "status", msp_paper_status_name(p->status), true);
        g_string_append_printf(out, "\"draft\":%s,", p->draft ? "true" : "false");
        /* flat, like the fields around it: a paper's record has no nested object before its diagnostics */
        g_string_append_printf(out, "\"lines_beyond_tolerance\":%d,\"loose_lines\":%d,\"overfull_lines\":%d,"
                                    "\"hyphenated_lines\":%d,",
                               msp_layout_counts_beyond(&p->layout), p->layout.loose, p->layout.overfull,
                               p->layout.hyphenated);
        json_str_field(out, "source", p->source, true);
        json_str_field(out, "pdf", have_pdf ? p->output_name : NULL, true);
        char *thumb = p->has_thumb && have_pdf ? msp_paper_thumb_name(p) : NULL;
        char *thumb_rel = thumb ? g_strconcat(MSP_BATCH_THUMB_DIR "/", thumb, NULL) : NULL;
        json_str_field(out, "thumbnail", thumb_rel, true);
        g_free(thumb_rel);
        g_free(thumb);
        g_string_append_printf(out, "\"seconds\":%.3f,", p->seconds);
        json_str_field(out, "source_sha256", p->source_sha256, true);
        json_str_field(out, "pdf_sha256", have_pdf ? p->pdf_sha256 : NULL, true);
        json_str_field(out, "key", p->key, true);
        json_date_field(out, "pdf_date", have_pdf ? p->pdf_date : -1, true);
        g_string_append_printf(out, "\"warned\":%s,",
                               msp_report_in_section(p, MSP_SECTION_WARNINGS) ? "true" : "false");
        g_string_append(out, "\n     \"errors\":");
        json_diags(out, p, MSP_SEV_ERROR);
        g_string_append(out, ",\n     \"warnings\":");
        json_diags(out, p, MSP_SEV_WARNING);
        g_string_append(out, ",\n     ");
        json_last_good(out, p);
        g_string_append_c(out, '}');
    }
    g_string_append(out, "\n  ],");
    json_symbols(out, papers);
    g_string_append(out, "\n}\n");
    return out;
}
