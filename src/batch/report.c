/* The batch report's common parts: which section each paper is in, its
 * messages in order, the groups of language versions, dates, relative
 * links, HTML escaping, the report's title, and writing OUTDIR/index.json
 * and OUTDIR/index.html atomically (after the last good builds are brought
 * up to date, history.c). The files themselves: report_json.c,
 * report_html.c. */
#include "base/json.h"
#include "batch/report_private.h"

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

bool msp_report_has_pdf(const msp_paper *p)
{
    return p->status == MSP_PAPER_BUILT || p->status == MSP_PAPER_UP_TO_DATE;
}

const msp_diag *msp_report_diag(const msp_paper *p, guint i)
{
    guint nv = p->version_diags.items->len;
    return i < nv ? p->version_diags.items->pdata[i] : p->diags.items->pdata[i - nv];
}

guint msp_report_diag_count(const msp_paper *p)
{
    return p->version_diags.items->len + p->diags.items->len;
}

static bool has_warnings(const msp_paper *p)
{
    if (msp_layout_counts_beyond(&p->layout) > 0)
        return true;
    for (guint i = 0; i < msp_report_diag_count(p); i++)
        if (msp_report_diag(p, i)->severity == MSP_SEV_WARNING)
            return true;
    return false;
}

const char *msp_report_section_id(msp_report_section s)
{
    switch (s) {
    case MSP_SECTION_FAILED: return "failed";
    case MSP_SECTION_WARNINGS: return "warnings";
    case MSP_SECTION_BUILT: return "built";
    case MSP_SECTION_UP_TO_DATE: return "up-to-date";
    case MSP_SECTION_CANCELLED: return "cancelled";
    case MSP_SECTION_COUNT: break;
    }
    return "other";
}

bool msp_report_in_section(const msp_paper *p, msp_report_section s)
{
    switch (s) {
    case MSP_SECTION_FAILED: return p->status == MSP_PAPER_FAILED;
    case MSP_SECTION_WARNINGS: return msp_report_has_pdf(p) && has_warnings(p);
    case MSP_SECTION_BUILT: return p->status == MSP_PAPER_BUILT;
    case MSP_SECTION_UP_TO_DATE: return p->status == MSP_PAPER_UP_TO_DATE;
    /* a paper left pending has not been built either */
    case MSP_SECTION_CANCELLED: return p->status == MSP_PAPER_CANCELLED || p->status == MSP_PAPER_PENDING;
    case MSP_SECTION_COUNT: break;
    }
    return false;
}

int msp_report_section_count(GPtrArray *papers, msp_report_section s)
{
    int n = 0;
    for (guint i = 0; i < papers->len; i++)
        n += msp_report_in_section(papers->pdata[i], s);
    return n;
}

int msp_report_count_status(GPtrArray *papers, msp_paper_status st)
{
    int n = 0;
    for (guint i = 0; i < papers->len; i++)
        n += ((msp_paper *)papers->pdata[i])->status == st;
    return n;
}

static char *format_date(gint64 date, const char *fmt)
{
    if (date < 0)
        return NULL;
    GDateTime *dt = g_date_time_new_from_unix_utc(date);
    if (!dt)
        return NULL;
    char *s = g_date_time_format(dt, fmt);
    g_date_time_unref(dt);
    return s;
}

char *msp_report_date_iso(gint64 date)
{
    return format_date(date, "%Y-%m-%dT%H:%M:%SZ");
}

char *msp_report_date_human(gint64 date)
{
    return format_date(date, "%Y-%m-%d %H:%M UTC");
}

/* The components of path made absolute, "." and ".." resolved (not links). */
static char **path_parts(const char *path)
{
    char *abs = g_canonicalize_filename(path, NULL);
    char **parts = g_strsplit(abs, G_DIR_SEPARATOR_S, -1);
    g_free(abs);
    /* drop the empty components ("/a" splits as "", "a") */
    guint k = 0;
    for (guint i = 0; parts[i]; i++) {
        if (*parts[i])
            parts[k++] = parts[i];
        else
            g_free(parts[i]);
    }
    parts[k] = NULL;
    return parts;
}

char *msp_report_relative_path(const char *dir, const char *file)
{
    char **from = path_parts(dir ? dir : ".");
    char **to = path_parts(file);
    guint common = 0;
    while (from[common] && to[common] && strcmp(from[common], to[common]) == 0)
        common++;
    GString *rel = g_string_new(NULL);
    for (guint i = common; from[i]; i++)
        g_string_append(rel, ".." G_DIR_SEPARATOR_S);
    for (guint i = common; to[i]; i++) {
        g_string_append(rel, to[i]);
        if (to[i + 1])
            g_string_append_c(rel, G_DIR_SEPARATOR);
    }
    g_strfreev(from);
    g_strfreev(to);
    if (rel->len == 0)
        g_string_append_c(rel, '.');
    return g_string_free(rel, FALSE);
}

/* ---- the language versions of each symbol ---- */

char *msp_report_group_symbol(const msp_paper *p)
{
    char *plain = g_strdup(p->symbol);
    for (size_t n = strlen(plain); n > 0 && plain[n - 1] == '*'; n--)
        plain[n - 1] = '\0';
    return plain;
}

static int compare_groups(gconstpointer x, gconstpointer y)
{
    const GPtrArray *a = *(GPtrArray *const *)x, *b = *(GPtrArray *const *)y;
    char *sa = msp_report_group_symbol(a->pdata[0]), *sb = msp_report_group_symbol(b->pdata[0]);
    int r = strcmp(sa, sb);
    g_free(sa);
    g_free(sb);
    return r;
}

GPtrArray *msp_report_symbol_groups(GPtrArray *papers)
{
    GHashTable *by = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *groups = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (!p->symbol || !*p->symbol)
            continue;
        char *plain = msp_report_group_symbol(p);
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

const char *msp_report_group_check(const GPtrArray *g)
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
    msp_history_update(diags, outdir, papers);
    msp_report_run run = msp_report_run_now(seconds, outdir);
    char *title = report_title(papers);
    GString *json = msp_report_json(papers, title, &run);
    GString *html = msp_report_html(papers, title, &run);
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
