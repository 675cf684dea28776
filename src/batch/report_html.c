/* OUTDIR/index.html, the batch report for a morning reader: the run (date,
 * version, commit) and a summary line whose counts link to their sections;
 * then the failed papers first, each with every message (locations linked
 * to the source) and a link to its last good PDF; the papers with warnings;
 * the language versions; the built, up-to-date and unbuilt papers as cards
 * (link, first-page thumbnail, language, pages, build time, layout counts).
 * Everything from the papers is escaped. */
#include "batch/report_private.h"

#include <string.h>

/* A relative URL (percent-encoded but for '/') of a relative path. */
static void html_href(GString *out, const char *rel)
{
    GString *url = g_string_new(NULL);
    g_string_append_uri_escaped(url, rel, "/", FALSE);
    msp_report_html_text(out, url->str);
    g_string_free(url, TRUE);
}

/* A relative URL for a file name in OUTDIR (or in its folder dir). */
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

/* <a href="..."> to file (a path as given) from the report's folder. */
static void html_file_link_open(GString *out, const msp_report_run *run, const char *file, const char *title)
{
    char *rel = msp_report_relative_path(run->outdir, file);
    g_string_append(out, "<a href=\"");
    html_href(out, rel);
    g_string_append_c(out, '"');
    if (title) {
        g_string_append(out, " title=\"");
        msp_report_html_text(out, title);
        g_string_append_c(out, '"');
    }
    g_string_append_c(out, '>');
    g_free(rel);
}

static const char *paper_name(const msp_paper *p, char **base)
{
    *base = g_path_get_basename(p->source);
    return p->symbol ? p->symbol : *base;
}

/* The messages of a paper (only its warnings when warnings_only), each
 * "file:line:col severity: message (hint)", the location linked to its file
 * when that is the paper's source or another file that exists. */
static void html_diags(GString *out, const msp_report_run *run, const msp_paper *p, bool warnings_only,
                       const char *indent)
{
    bool any = false;
    for (guint i = 0; i < msp_report_diag_count(p); i++) {
        const msp_diag *d = msp_report_diag(p, i);
        if (warnings_only && d->severity != MSP_SEV_WARNING)
            continue;
        if (!any)
            g_string_append_printf(out, "%s<ul class=\"diags\">\n", indent);
        any = true;
        const char *sev = msp_severity_name(d->severity);
        g_string_append_printf(out, "%s  <li class=\"%s\"><code>", indent, sev);
        bool link = d->loc.file && (strcmp(d->loc.file, p->source) == 0 ||
                                    g_file_test(d->loc.file, G_FILE_TEST_IS_REGULAR));
        if (link) {
            char *where = d->loc.line > 0 ? g_strdup_printf("line %d, column %d", d->loc.line, d->loc.column) : NULL;
            html_file_link_open(out, run, d->loc.file, where);
            g_free(where);
        }
        msp_report_html_text(out, d->loc.file ? d->loc.file : "");
        if (d->loc.line > 0)
            g_string_append_printf(out, ":%d", d->loc.line);
        if (d->loc.line > 0 && d->loc.column > 0)
            g_string_append_printf(out, ":%d", d->loc.column);
        if (link)
            g_string_append(out, "</a>");
        g_string_append_printf(out, "</code> %s: ", sev);
        msp_report_html_text(out, d->message);
        if (d->hint) {
            g_string_append(out, " <small>(");
            msp_report_html_text(out, d->hint);
            g_string_append(out, ")</small>");
        }
        g_string_append(out, "</li>\n");
    }
    if (any)
        g_string_append_printf(out, "%s</ul>\n", indent);
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

static void html_time(GString *out, gint64 date)
{
    char *iso = msp_report_date_iso(date), *human = msp_report_date_human(date);
    g_string_append_printf(out, "<time datetime=\"%s\">%s</time>", iso ? iso : "", human ? human : "unknown");
    g_free(iso);
    g_free(human);
}

static void html_header(GString *out, GPtrArray *papers, const char *title, const msp_report_run *run)
{
    g_string_append(out, "<header>\n<h1>");
    msp_report_html_text(out, title);
    g_string_append(out, "</h1>\n<p class=\"run\">Run ");
    html_time(out, run->date);
    g_string_append(out, " · mspdoc ");
    msp_report_html_text(out, run->version);
    g_string_append(out, " · commit <code title=\"");
    msp_report_html_text(out, run->commit);
    g_string_append(out, "\">");
    /* 12 hex digits name a commit; the title has all of it */
    const char *dirty = strstr(run->commit, "-dirty");
    size_t hex = dirty ? (size_t)(dirty - run->commit) : strlen(run->commit);
    char *shown = hex > 12 ? g_strdup_printf("%.12s%s", run->commit, dirty ? dirty : "") : g_strdup(run->commit);
    msp_report_html_text(out, shown);
    g_free(shown);
    g_string_append_printf(out, "</code> · %.2f s</p>\n<p class=\"summary\">%u paper%s: ", run->seconds, papers->len,
                           papers->len == 1 ? "" : "s");
    static const struct { msp_report_section s; const char *what; } parts[] = {
        { MSP_SECTION_FAILED, "failed" },
        { MSP_SECTION_BUILT, "built" },
        { MSP_SECTION_UP_TO_DATE, "up to date" },
        { MSP_SECTION_WARNINGS, "with warnings" },
        { MSP_SECTION_CANCELLED, "not built (interrupted)" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        int n = msp_report_section_count(papers, parts[i].s);
        if (parts[i].s == MSP_SECTION_CANCELLED && n == 0)
            continue;
        const char *id = msp_report_section_id(parts[i].s);
        if (i)
            g_string_append(out, " · ");
        if (n > 0)
            g_string_append_printf(out, "<a class=\"%s\" href=\"#%s\">%d %s</a>", id, id, n, parts[i].what);
        else
            g_string_append_printf(out, "<span class=\"%s none\">0 %s</span>", id, parts[i].what);
    }
    g_string_append(out, "</p>\n</header>\n");
}

static void html_failure(GString *out, const msp_report_run *run, const msp_paper *p, guint index)
{
    char *base;
    const char *name = paper_name(p, &base);
    g_string_append_printf(out, "  <li class=\"paper failed\">\n    <article class=\"failure\" id=\"paper-%u\">\n"
                                "      <h3>", index);
    msp_report_html_text(out, name);
    if (p->language) {
        g_string_append(out, " <span class=\"lang\">");
        msp_report_html_text(out, p->language);
        g_string_append(out, "</span>");
    }
    g_string_append(out, "</h3>\n      <p class=\"source\">source ");
    html_file_link_open(out, run, p->source, NULL);
    g_string_append(out, "<code>");
    msp_report_html_text(out, p->source);
    g_string_append(out, "</code></a></p>\n");
    html_diags(out, run, p, false, "      ");
    if (p->last_good) {
        g_string_append(out, "      <p class=\"last-good\"><a href=\"");
        html_url(out, NULL, p->last_good);
        g_string_append(out, "\">last good build, ");
        html_time(out, p->last_good_date);
        g_string_append(out, "</a></p>\n");
    } else {
        g_string_append(out, "      <p class=\"last-good none\">no earlier PDF of this paper in this folder</p>\n");
    }
    g_string_append(out, "    </article>\n  </li>\n");
    g_free(base);
}

static void html_warned(GString *out, const msp_report_run *run, const msp_paper *p, guint index)
{
    char *base;
    const char *name = paper_name(p, &base);
    g_string_append_printf(out, "  <li><a href=\"#paper-%u\">", index);
    msp_report_html_text(out, name);
    g_string_append(out, "</a>");
    if (p->language) {   /* the versions of a symbol share its name */
        g_string_append(out, " <span class=\"lang\">");
        msp_report_html_text(out, p->language);
        g_string_append(out, "</span>");
    }
    html_layout(out, &p->layout);
    g_string_append_c(out, '\n');
    html_diags(out, run, p, true, "    ");
    g_string_append(out, "  </li>\n");
    g_free(base);
}

static void html_card(GString *out, const msp_report_run *run, const msp_paper *p, guint index)
{
    bool have_pdf = msp_report_has_pdf(p);
    char *base;
    const char *name = paper_name(p, &base);
    g_string_append_printf(out, "  <li class=\"paper %s\">\n    <article id=\"paper-%u\">\n      <h3>",
                           msp_paper_status_name(p->status), index);
    if (have_pdf) {
        g_string_append(out, "<a href=\"");
        html_url(out, NULL, p->output_name);
        g_string_append(out, "\">");
    }
    msp_report_html_text(out, name);
    g_string_append(out, have_pdf ? "</a></h3>\n" : "</h3>\n");
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
    if (have_pdf) {
        g_string_append(out, "<br><span class=\"built-at\">built ");
        html_time(out, p->pdf_date);
        g_string_append_printf(out, " in %.2f s</span>", p->seconds);
    }
    g_string_append(out, "<br><small>");
    html_file_link_open(out, run, p->source, NULL);
    msp_report_html_text(out, p->source);
    g_string_append(out, "</a></small></p>\n");
    html_diags(out, run, p, false, "      ");
    g_string_append(out, "    </article>\n  </li>\n");
    g_free(base);
}

/* A table of the symbols with more than one language version: each version
 * (linked to its PDF), its status, and what the cross-language check found. */
static void html_symbols(GString *out, GPtrArray *papers)
{
    GPtrArray *groups = msp_report_symbol_groups(papers);
    bool any = false;
    for (guint i = 0; i < groups->len; i++) {
        GPtrArray *g = groups->pdata[i];
        if (g->len < 2)
            continue;
        if (!any)
            g_string_append(out, "<section id=\"versions\">\n<table class=\"versions\">\n<caption>Language versions</caption>\n"
                                 "<tr><th>symbol</th><th>versions</th><th>versions agree</th></tr>\n");
        any = true;
        char *plain = msp_report_group_symbol(g->pdata[0]);
        g_string_append(out, "<tr><td>");
        msp_report_html_text(out, plain);
        g_string_append(out, "</td><td>");
        for (guint k = 0; k < g->len; k++) {
            const msp_paper *p = g->pdata[k];
            bool have_pdf = msp_report_has_pdf(p);
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
        const char *check = msp_report_group_check(g);
        g_string_append_printf(out, "</td><td class=\"%s\">%s</td></tr>\n", check,
                               strcmp(check, "ok") == 0 ? "yes" : strcmp(check, "failed") == 0 ? "no (errors)" : "warnings");
        g_free(plain);
    }
    if (any)
        g_string_append(out, "</table>\n</section>\n");
    g_ptr_array_free(groups, TRUE);
}

typedef void (*html_item_fn)(GString *out, const msp_report_run *run, const msp_paper *p, guint index);

/* A section with its heading and one item per paper in it; nothing when empty. */
static void html_section(GString *out, GPtrArray *papers, const msp_report_run *run, msp_report_section s,
                         const char *heading, const char *list_class, html_item_fn item)
{
    int n = msp_report_section_count(papers, s);
    if (n == 0)
        return;
    g_string_append_printf(out, "<section id=\"%s\">\n<h2>%s (%d)</h2>\n<ol class=\"%s\">\n",
                           msp_report_section_id(s), heading, n, list_class);
    for (guint i = 0; i < papers->len; i++)
        if (msp_report_in_section(papers->pdata[i], s))
            item(out, run, papers->pdata[i], i);
    g_string_append(out, "</ol>\n</section>\n");
}

GString *msp_report_html(GPtrArray *papers, const char *title, const msp_report_run *run)
{
    GString *out = g_string_new("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    msp_report_html_text(out, title);
    g_string_append(out,
        "</title>\n<style>\n"
        "body{font-family:\"Liberation Sans\",Arial,sans-serif;margin:1rem auto;max-width:72rem;padding:0 1rem;color:#222}\n"
        "h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}"
        "h3{font-size:1.05rem;margin:0 0 .5rem;overflow-wrap:anywhere}\n"
        "p.run{margin:.25rem 0;color:#555}p.summary{font-size:1.1rem;margin:.5rem 0}"
        "p.summary a.failed{color:#a00;font-weight:bold}\n"
        "ol.failures,ol.warned{list-style:none;padding:0}\n"
        /* the failure block: a colour of its own (tests/e2e/batch_report_failures.sh finds it on screen) */
        "article.failure{background:#ffe4e1;border-left:.4rem solid #b00;padding:.5rem .75rem;margin-bottom:.75rem}\n"
        "article.failure ul.diags{font-size:.95rem;list-style:none;padding-left:0}.lang{font-weight:normal;color:#555}\n"
        "p.last-good{margin:.25rem 0}p.last-good a{font-weight:bold}\n"
        "ol.warned>li{margin-bottom:.5rem}\n"
        "ol.papers{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1.5rem}\n"
        "ol.papers>li{border:1px solid #ccc;padding:.75rem;background:#fafafa}\n"
        "img{width:100%;height:auto;border:1px solid #999;background:#fff}\n"
        ".status{font-weight:bold}.failed .status{color:#a00}.built .status{color:#060}\n"
        "ul.diags{font-size:.85rem;padding-left:1rem;overflow-wrap:anywhere}li.error{color:#a00}li.warning{color:#850}\n"
        ".layout.beyond{color:#850}\n"
        "table.versions{border-collapse:collapse;margin:1.5rem 0}table.versions td,table.versions th"
        "{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.failed{color:#a00}td.warnings{color:#850}\n"
        "</style>\n</head>\n<body>\n<main>\n");
    html_header(out, papers, title, run);
    html_section(out, papers, run, MSP_SECTION_FAILED, "Failed", "failures", html_failure);
    html_section(out, papers, run, MSP_SECTION_WARNINGS, "With warnings", "warned", html_warned);
    html_symbols(out, papers);
    html_section(out, papers, run, MSP_SECTION_BUILT, "Built", "papers", html_card);
    html_section(out, papers, run, MSP_SECTION_UP_TO_DATE, "Up to date", "papers", html_card);
    html_section(out, papers, run, MSP_SECTION_CANCELLED, "Not built (interrupted)", "papers", html_card);
    g_string_append(out, "</main>\n</body>\n</html>\n");
    return out;
}
