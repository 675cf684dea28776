/* The batch report: OUTDIR/index.json (every paper's symbol, title,
 * language, pages, layout counts, status, errors and warnings at
 * file:line:column, time, hashes; the language versions of each symbol) and
 * OUTDIR/index.html (the papers with links and first-page thumbnails, the
 * versions table), both escaped by hand and written atomically. */
#include "base/json.h"
#include "batch/batch_private.h"

#include <string.h>

void msp_report_json_string(GString *out, const char *s)
{
    msp_json_string(out, s);   /* one escaping for every JSON mspdoc writes (base/json.c) */
}

void msp_report_html_text(GString *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        case '\'': g_string_append(out, "&#39;"); break;
        default: g_string_append_c(out, *p);
        }
    }
}

/* A relative URL for a file name: percent-encodes all but unreserved bytes. */
static void html_url(GString *out, const char *dir, const char *name)
{
    GString *url = g_string_new(NULL);
    if (dir) {
        g_string_append_uri_escaped(url, dir, NULL, FALSE);
        g_string_append_c(url, '/');
    }
    g_string_append_uri_escaped(url, name, NULL, FALSE);
    msp_report_html_text(out, url->str);
    g_string_free(url, TRUE);
}

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

/* The cross-language check's messages first, then the paper's own. */
static const msp_diag *paper_diag(const msp_paper *p, guint i)
{
    guint nv = p->version_diags.items->len;
    return i < nv ? p->version_diags.items->pdata[i] : p->diags.items->pdata[i - nv];
}

static guint paper_diag_count(const msp_paper *p)
{
    return p->version_diags.items->len + p->diags.items->len;
}

static void json_diags(GString *out, const msp_paper *p, msp_severity sev)
{
    g_string_append_c(out, '[');
    bool first = true;
    for (guint i = 0; i < paper_diag_count(p); i++) {
        const msp_diag *d = paper_diag(p, i);
        if (d->severity != sev)
            continue;
        if (!first)
            g_string_append_c(out, ',');
        first = false;
        g_string_append(out, "\n      {");
        json_str_field(out, "file", d->loc.file, true);
        g_string_append_printf(out, "\"line\":%d,\"column\":%d,", d->loc.line, d->loc.column);
        json_str_field(out, "code", msp_status_name(d->status), true);
        json_str_field(out, "message", d->message, true);
        json_str_field(out, "hint", d->hint, false);
        g_string_append_c(out, '}');
    }
    g_string_append_c(out, ']');
}

static int count_status(GPtrArray *papers, msp_paper_status st)
{
    int n = 0;
    for (guint i = 0; i < papers->len; i++)
        n += ((msp_paper *)papers->pdata[i])->status == st;
    return n;
}

/* ---- the language versions of each symbol ---- */

/* The symbol without reissue stars. Owned. */
static char *group_symbol(const msp_paper *p)
{
    char *plain = g_strdup(p->symbol);
    for (size_t n = strlen(plain); n > 0 && plain[n - 1] == '*'; n--)
        plain[n - 1] = '\0';
    return plain;
}

static int compare_groups(gconstpointer x, gconstpointer y)
{
    const GPtrArray *a = *(GPtrArray *const *)x, *b = *(GPtrArray *const *)y;
    char *sa = group_symbol(a->pdata[0]), *sb = group_symbol(b->pdata[0]);
    int r = strcmp(sa, sb);
    g_free(sa);
    g_free(sb);
    return r;
}

/* The papers with a symbol, grouped by it (reissue stars dropped): a sorted
 * array of groups, each a GPtrArray of msp_paper* in the papers' order. */
static GPtrArray *symbol_groups(GPtrArray *papers)
{
    GHashTable *by = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *groups = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (!p->symbol || !*p->symbol)
            continue;
        char *plain = group_symbol(p);
        GPtrArray *g = g_hash_table_lookup(by, plain);
        if (!g) {
            g = g_ptr_array_new_with_free_func(NULL);
            g_ptr_array_add(groups, g);
            g_hash_table_insert(by, plain, g);
        } else {
            g_free(plain);
        }
        g_ptr_array_add(g, p);
    }
    GList *keys = g_hash_table_get_keys(by);
    for (GList *k = keys; k; k = k->next)
        g_free(k->data);
    g_list_free(keys);
    g_hash_table_destroy(by);
    g_ptr_array_sort(groups, compare_groups);
    return groups;
}

/* "ok", "warnings" or "failed": what the cross-language check found in a group. */
static const char *group_check(const GPtrArray *g)
{
    bool warned = false;
    for (guint i = 0; i < g->len; i++) {
        const msp_paper *p = g->pdata[i];
        if (p->version_diags.errors > 0)
            return "failed";
        warned |= p->version_diags.warnings > 0;
    }
    return warned ? "warnings" : "ok";
}

static void json_symbols(GString *out, GPtrArray *papers)
{
    GPtrArray *groups = symbol_groups(papers);
    g_string_append(out, "\n  \"symbols\":[");
    for (guint i = 0; i < groups->len; i++) {
        GPtrArray *g = groups->pdata[i];
        const msp_paper *first = g->pdata[0];
        g_string_append(out, i ? ",\n    {" : "\n    {");
        char *plain = group_symbol(first);
        json_str_field(out, "symbol", plain, true);
        g_free(plain);
        json_str_field(out, "check", group_check(g), true);
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

GString *msp_report_json(GPtrArray *papers, const char *title, double seconds)
{
    GString *out = g_string_new("{\n  ");
    json_str_field(out, "generator", "mspdoc " MSP_VERSION, true);
    g_string_append(out, "\n  ");
    json_str_field(out, "title", title, true);
    g_string_append_printf(out,
                           "\n  \"totals\":{\"papers\":%u,\"built\":%d,\"up_to_date\":%d,\"failed\":%d,"
                           "\"cancelled\":%d},\n  \"seconds\":%.3f,\n  \"papers\":[",
                           papers->len, count_status(papers, MSP_PAPER_BUILT),
                           count_status(papers, MSP_PAPER_UP_TO_DATE), count_status(papers, MSP_PAPER_FAILED),
                           count_status(papers, MSP_PAPER_CANCELLED), seconds);
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        bool have_pdf = p->status == MSP_PAPER_BUILT || p->status == MSP_PAPER_UP_TO_DATE;
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
        g_string_append(out, "\n     \"errors\":");
        json_diags(out, p, MSP_SEV_ERROR);
        g_string_append(out, ",\n     \"warnings\":");
        json_diags(out, p, MSP_SEV_WARNING);
        g_string_append_c(out, '}');
    }
    g_string_append(out, "\n  ],");
    json_symbols(out, papers);
    g_string_append(out, "\n}\n");
    return out;
}

static void html_diags(GString *out, const msp_paper *p)
{
    if (paper_diag_count(p) == 0)
        return;
    g_string_append(out, "      <ul class=\"diags\">\n");
    for (guint i = 0; i < paper_diag_count(p); i++) {
        const msp_diag *d = paper_diag(p, i);
        const char *sev = d->severity == MSP_SEV_ERROR ? "error" : d->severity == MSP_SEV_WARNING ? "warning" : "note";
        g_string_append_printf(out, "        <li class=\"%s\"><code>", sev);
        msp_report_html_text(out, d->loc.file ? d->loc.file : "");
        if (d->loc.line > 0)
            g_string_append_printf(out, ":%d", d->loc.line);
        if (d->loc.line > 0 && d->loc.column > 0)
            g_string_append_printf(out, ":%d", d->loc.column);
        g_string_append_printf(out, "</code> %s: ", sev);
        msp_report_html_text(out, d->message);
        if (d->hint) {
            g_string_append(out, " <small>(");
            msp_report_html_text(out, d->hint);
            g_string_append(out, ")</small>");
        }
        g_string_append(out, "</li>\n");
    }
    g_string_append(out, "      </ul>\n");
}

/* " · 2 lines beyond tolerance (1 loose, 1 overfull) · 14 hyphenated line ends",
 * the first part marked when not 0 */
static void html_layout(GString *out, const msp_layout_counts *n)
{
    int beyond = msp_layout_counts_beyond(n);
    g_string_append_printf(out, " · <span class=\"layout%s\">%d line%s beyond tolerance (%d loose, %d overfull)</span>",
                           beyond ? " beyond" : "", beyond, beyond == 1 ? "" : "s", n->loose, n->overfull);
    g_string_append_printf(out, " · %d hyphenated line end%s", n->hyphenated, n->hyphenated == 1 ? "" : "s");
}

/* A table of the symbols with more than one language version: each version
 * (linked to its PDF), its status, and what the cross-language check found. */
static void html_symbols(GString *out, GPtrArray *papers)
{
    GPtrArray *groups = symbol_groups(papers);
    bool any = false;
    for (guint i = 0; i < groups->len; i++) {
        GPtrArray *g = groups->pdata[i];
        if (g->len < 2)
            continue;
        if (!any)
            g_string_append(out, "<table class=\"versions\">\n<caption>Language versions</caption>\n"
                                 "<tr><th>symbol</th><th>versions</th><th>versions agree</th></tr>\n");
        any = true;
        char *plain = group_symbol(g->pdata[0]);
        g_string_append(out, "<tr><td>");
        msp_report_html_text(out, plain);
        g_string_append(out, "</td><td>");
        for (guint k = 0; k < g->len; k++) {
            const msp_paper *p = g->pdata[k];
            bool have_pdf = p->status == MSP_PAPER_BUILT || p->status == MSP_PAPER_UP_TO_DATE;
            if (k)
                g_string_append(out, " · ");
            if (have_pdf) {
                g_string_append(out, "<a href=\"");
                html_url(out, NULL, p->output_name);
                g_string_append(out, "\">");
            }
            msp_report_html_text(out, p->language ? p->language : "?");
            if (have_pdf)
                g_string_append(out, "</a>");
            g_string_append_printf(out, " %s", msp_paper_status_name(p->status));
        }
        const char *check = group_check(g);
        g_string_append_printf(out, "</td><td class=\"%s\">%s</td></tr>\n", check,
                               strcmp(check, "ok") == 0 ? "yes" : strcmp(check, "failed") == 0 ? "no (errors)" : "warnings");
        g_free(plain);
    }
    if (any)
        g_string_append(out, "</table>\n");
    g_ptr_array_free(groups, TRUE);
}

GString *msp_report_html(GPtrArray *papers, const char *title)
{
    GString *out = g_string_new("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    msp_report_html_text(out, title);
    g_string_append(out,
        "</title>\n<style>\n"
        "body{font-family:\"Liberation Sans\",Arial,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}\n"
        "h1{font-size:1.5rem}h2{font-size:1.1rem;margin:0 0 .5rem;overflow-wrap:anywhere}\n"
        "ol.papers{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1.5rem}\n"
        "ol.papers>li{border:1px solid #ccc;padding:.75rem;background:#fafafa}\n"
        "img{width:100%;height:auto;border:1px solid #999;background:#fff}\n"
        ".status{font-weight:bold}.failed .status{color:#a00}.built .status{color:#060}\n"
        "ul.diags{font-size:.85rem;padding-left:1rem}li.error{color:#a00}li.warning{color:#850}\n"
        ".layout.beyond{color:#850}\n"
        "table.versions{border-collapse:collapse;margin-bottom:1.5rem}table.versions td,table.versions th"
        "{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.failed{color:#a00}td.warnings{color:#850}\n"
        "</style>\n</head>\n<body>\n<main>\n<h1>");
    msp_report_html_text(out, title);
    g_string_append_printf(out, "</h1>\n<p>%u papers: %d built, %d up to date, %d failed.</p>\n",
                           papers->len, count_status(papers, MSP_PAPER_BUILT),
                           count_status(papers, MSP_PAPER_UP_TO_DATE), count_status(papers, MSP_PAPER_FAILED));
    html_symbols(out, papers);
    g_string_append(out, "<ol class=\"papers\">\n");
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        bool have_pdf = p->status == MSP_PAPER_BUILT || p->status == MSP_PAPER_UP_TO_DATE;
        char *base = g_path_get_basename(p->source);
        const char *name = p->symbol ? p->symbol : base;
        g_string_append_printf(out, "  <li class=\"paper %s\">\n    <article>\n      <h2>",
                               msp_paper_status_name(p->status));
        if (have_pdf) {
            g_string_append(out, "<a href=\"");
            html_url(out, NULL, p->output_name);
            g_string_append(out, "\">");
        }
        msp_report_html_text(out, name);
        g_string_append(out, have_pdf ? "</a></h2>\n" : "</h2>\n");
        if (have_pdf && p->has_thumb) {
            char *thumb = msp_paper_thumb_name(p);
            g_string_append(out, "      <a href=\"");
            html_url(out, NULL, p->output_name);
            g_string_append(out, "\"><img src=\"");
            html_url(out, MSP_BATCH_THUMB_DIR, thumb);
            g_string_append(out, "\" alt=\"First page of ");
            msp_report_html_text(out, name);
            g_string_append(out, "\"></a>\n");
            g_free(thumb);
        }
        if (p->title) {
            g_string_append(out, "      <p class=\"title\">");
            msp_report_html_text(out, p->title);
            g_string_append(out, "</p>\n");
        }
        g_string_append_printf(out, "      <p><span class=\"status\">%s</span>", msp_paper_status_name(p->status));
        if (p->language) {
            g_string_append(out, " · ");
            msp_report_html_text(out, p->language);
        }
        if (have_pdf)
            g_string_append_printf(out, " · %d page%s", p->pages, p->pages == 1 ? "" : "s");
        if (p->draft)
            g_string_append(out, " · draft");
        if (have_pdf)
            html_layout(out, &p->layout);
        g_string_append(out, "<br><small>");
        msp_report_html_text(out, p->source);
        g_string_append(out, "</small></p>\n");
        html_diags(out, p);
        g_string_append(out, "    </article>\n  </li>\n");
        g_free(base);
    }
    g_string_append(out, "</ol>\n</main>\n</body>\n</html>\n");
    return out;
}

static msp_status write_file(msp_diag_list *diags, const char *path, const GString *text)
{
    GError *err = NULL;
    if (g_file_set_contents(path, text->str, (gssize)text->len, &err))
        return MSP_OK;
    msp_status st = msp_diag_error(diags, MSP_E_OUTPUT, ((msp_loc){ path, 0, 0 }),
                                   "check that the folder exists and is writable", "cannot write the report: %s",
                                   err->message);
    g_error_free(err);
    return st;
}

/* "Papers APLC/MSP.22/2025" when every symbol shares that meeting prefix. */
static char *report_title(GPtrArray *papers)
{
    char *prefix = NULL;
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        if (!p->symbol)
            continue;
        const char *last = strrchr(p->symbol, '/');
        const char *cut = p->symbol;
        /* APLC/MSP.22/2025/... : keep the first three components */
        for (int k = 0; k < 3 && cut; k++)
            cut = strchr(cut + (k ? 1 : 0), '/');
        if (!cut || !last)
            continue;
        char *mine = g_strndup(p->symbol, cut - p->symbol);
        if (!prefix) {
            prefix = mine;
        } else if (strcmp(prefix, mine) != 0) {
            g_free(mine);
            g_free(prefix);
            return g_strdup("Meeting papers");
        } else {
            g_free(mine);
        }
    }
    char *t = prefix ? g_strdup_printf("Meeting papers %s", prefix) : g_strdup("Meeting papers");
    g_free(prefix);
    return t;
}

msp_status msp_report_write(msp_diag_list *diags, GPtrArray *papers, const char *outdir,
                            const char *extra_json, double seconds)
{
    char *title = report_title(papers);
    GString *json = msp_report_json(papers, title, seconds);
    GString *html = msp_report_html(papers, title);
    char *jp = g_build_filename(outdir, "index.json", NULL);
    char *hp = g_build_filename(outdir, "index.html", NULL);
    msp_status st = write_file(diags, jp, json);
    msp_status st2 = write_file(diags, hp, html);
    if (st == MSP_OK)
        st = st2;
    if (extra_json) {
        st2 = write_file(diags, extra_json, json);
        if (st == MSP_OK)
            st = st2;
    }
    g_free(jp);
    g_free(hp);
    g_string_free(json, TRUE);
    g_string_free(html, TRUE);
    g_free(title);
    return st;
}
