/* `mspdoc watch SOURCE.xml|DIR [-o OUT.pdf | -O OUTDIR] [--draft]
 * [--max-pages N] [--max-seconds S] [--pdf-standard STD]`: builds a paper
 * (or every paper of a folder) at start, then again after every save of it,
 * of a template or of a reference data file, until Ctrl-C or SIGTERM. One
 * build context and worker serve every build; a template or data change
 * reloads them. Saves are seen through cli/watcher.c. */
#include "batch/job.h"
#include "cli/cmd.h"
#include "cli/watcher.h"
#include "render/pdf_finish.h"
#include "source/source.h"

#include <glib-unix.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* Editors write a file in several steps: build once the folders have been
 * quiet for this long. */
#define WATCH_DEBOUNCE_MS 200

/* The watcher's groups (watcher.h tags). */
enum { TAG_SOURCES, TAG_TEMPLATES, TAG_DATA };

/* The files of the resource root whose change reloads the build context. */
static const char *const template_suffixes[] = { ".xsl", ".rng", ".xml", NULL };
static const char *const data_suffixes[] = { ".xml", NULL };
static const char *const source_suffixes[] = { ".xml", NULL };

typedef struct paper {
    char *path;        /* as given, or the folder as given + '/' + name */
    char *last_pdf;    /* owned: the PDF this run last wrote, or NULL */
    int attempts;      /* builds tried this run */
} paper;

typedef struct watch {
    const char *root;
    const char *folder;           /* DIR mode: the folder as given, else NULL */
    msp_build_opts opts;          /* out_path (SOURCE mode) or out_dir, draft, standard */
    int max_pages;
    double max_seconds;
    msp_build_ctx *ctx;           /* NULL while the templates or data do not load */
    msp_build_worker worker;      /* valid while ctx is */
    GHashTable *papers;           /* path -> paper* (owned) */
    GHashTable *queue;            /* paper* of papers waiting for a build (a set) */
    guint idle;                   /* the source that builds them, one per turn, or 0 */
    GMainLoop *loop;
} watch;

static void paper_free(gpointer p)
{
    paper *pp = p;
    g_free(pp->path);
    g_free(pp->last_pdf);
    g_free(pp);
}

static paper *paper_add(watch *w, const char *path)
{
    paper *p = g_hash_table_lookup(w->papers, path);
    if (!p) {
        p = g_new0(paper, 1);
        p->path = g_strdup(path);
        g_hash_table_insert(w->papers, p->path, p);
    }
    return p;
}

/* A status line: standard output, at once (it may be a file or a pipe). */
static void say(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

/* say() for news that is not a problem (built, watching, stopped): not under -q. */
#define inform(...) (msp_cli_quiet() ? (void)0 : say(__VA_ARGS__))

static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

static void ctx_drop(watch *w)
{
    if (!w->ctx)
        return;
    msp_build_worker_clear(&w->worker);
    msp_build_ctx_free(w->ctx);
    w->ctx = NULL;
}

/* (Re)loads templates/, data/ and fonts/ from the root; the problems are
 * printed (and, when watching, what that means). False when they do not
 * load (no context then). */
static bool ctx_reload(watch *w, bool watching)
{
    ctx_drop(w);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_diag_cache_clear();
    bool ok = msp_build_ctx_load(&diags, &w->ctx, w->root, true) == MSP_OK && w->ctx;
    msp_diag_list_print(stderr, &diags);
    if (ok)
        msp_build_worker_init(&w->worker, w->ctx);
    else if (watching)
        say("%s: templates or data: %d error%s; nothing is built until they load\n", w->root,
            diags.errors, plural(diags.errors));
    msp_diag_list_clear(&diags);
    return ok;
}

/* In DIR mode, whether path is to be built: a paper, or a file that does
 * not read as XML (its build says why). Well-formed XML with another root
 * is not a paper and is left alone, as `batch` does. */
static bool worth_building(const char *path)
{
    msp_job job;
    msp_job_init(&job);
    msp_source *src = NULL;
    bool yes = true;
    if (msp_source_load(&job, &src, path) == MSP_OK && src) {
        xmlNode *root = xmlDocGetRootElement(src->doc);
        yes = root && root->ns && !strcmp((const char *)root->ns->href, MSP_PAPER_NS)
              && !strcmp((const char *)root->name, "paper");
    }
    msp_source_free(src);
    msp_job_clear(&job);
    return yes;
}

/* DIR mode: another paper whose last PDF was at out_path (now p's), or NULL.
 * That paper no longer has a PDF of its own. */
static paper *claim_pdf(watch *w, paper *p, const char *out_path)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, w->papers);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        paper *other = value;
        if (other != p && other->last_pdf && !strcmp(other->last_pdf, out_path)) {
            g_clear_pointer(&other->last_pdf, g_free);
            return other;
        }
    }
    return NULL;
}

static void build_paper(watch *w, paper *p)
{
    const char *verb = p->attempts++ ? "rebuilt" : "built";
    if (!w->ctx) {
        say("%s: not built: the templates or data have errors (above)%s%s\n", p->path,
            p->last_pdf ? "; kept the last good PDF " : "", p->last_pdf ? p->last_pdf : "");
        return;
    }
    /* the excerpts quote the file as it is now, not as first read */
    msp_diag_cache_clear();
    msp_job job;
    msp_job_init(&job);
    if (w->max_pages > 0)
        job.limits.max_pages = w->max_pages;
    if (w->max_seconds > 0)
        job.limits.max_seconds = w->max_seconds;
    msp_build_result res;
    gint64 t0 = g_get_monotonic_time();
    msp_status st = msp_build(&job, w->ctx, &w->worker, p->path, &w->opts, &res);
    double seconds = (double)(g_get_monotonic_time() - t0) / G_USEC_PER_SEC;
    paper *other = st == MSP_OK ? claim_pdf(w, p, res.out_path) : NULL;
    if (other)
        msp_diag_warn(&job.diags, ((msp_loc){ msp_diag_list_intern(&job.diags, p->path), 0, 0 }),
                      "give one of them another symbol or language (`mspdoc batch` refuses such a pair)",
                      "its PDF %s replaced the one made from %s", res.out_path, other->path);
    msp_diag_list_print(stderr, &job.diags);
    if (st == MSP_OK) {
        msp_cli_print_layout_summary(msp_cli_summary_out(), p->path, &res.layout, "mspdoc build --layout-report");
        inform("%s %s, %d page%s, %.2f s\n", verb, res.out_path, res.pages, plural(res.pages), seconds);
        g_free(p->last_pdf);
        p->last_pdf = g_strdup(res.out_path);
    } else {
        int n = job.diags.errors > 0 ? job.diags.errors : 1;
        /* the PDF is written through a temporary and renamed (render/outfile.h):
         * a failed build leaves the previous one as it was */
        const char *kept = p->last_pdf;
        if (!kept && res.out_path && g_file_test(res.out_path, G_FILE_TEST_IS_REGULAR))
            kept = res.out_path;
        say("%s: %d error%s; %s%s\n", p->path, n, plural(n), kept ? "kept the last good PDF " : "no PDF written",
            kept ? kept : "");
    }
    msp_build_result_clear(&res);
    msp_job_clear(&job);
}

/* Builds the queued paper whose path sorts first; one per turn of the main
 * loop, so that a signal or a save is handled between two builds. */
static gboolean build_next(gpointer user)
{
    watch *w = user;
    paper *next = NULL;
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, w->queue);
    while (g_hash_table_iter_next(&it, &key, NULL))
        if (!next || strcmp(((paper *)key)->path, next->path) < 0)
            next = key;
    if (next) {
        g_hash_table_remove(w->queue, next);
        build_paper(w, next);
    }
    if (g_hash_table_size(w->queue) > 0)
        return G_SOURCE_CONTINUE;
    w->idle = 0;
    return G_SOURCE_REMOVE;
}

static void queue_paper(watch *w, paper *p)
{
    g_hash_table_add(w->queue, p);
    if (!w->idle)
        w->idle = g_idle_add(build_next, w);
}

static void queue_all(watch *w)
{
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, w->papers);
    while (g_hash_table_iter_next(&it, NULL, &value))
        queue_paper(w, value);
}

/* DIR mode: a source created, saved, renamed or removed. Queues the paper
 * when it is to be built. */
static void source_changed(watch *w, const char *path)
{
    paper *p = g_hash_table_lookup(w->papers, path);
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        if (p) {
            inform("%s: removed%s%s\n", path, p->last_pdf ? "; its PDF stays: " : "", p->last_pdf ? p->last_pdf : "");
            g_hash_table_remove(w->queue, p);
            g_hash_table_remove(w->papers, path);
        }
        return;
    }
    if (!worth_building(path)) {
        if (p) {
            g_hash_table_remove(w->queue, p);
            g_hash_table_remove(w->papers, path);
        }
        return;
    }
    queue_paper(w, paper_add(w, path));
}

static void on_changes(void *user, unsigned tags, GPtrArray *changes)
{
    watch *w = user;
    if (tags & (1u << TAG_SOURCES)) {
        if (w->folder) {
            for (guint i = 0; i < changes->len; i++) {
                const msp_watch_change *c = changes->pdata[i];
                if (c->tag == TAG_SOURCES)
                    source_changed(w, c->path);
            }
        } else {
            queue_all(w);
        }
    }
    if (tags & ((1u << TAG_TEMPLATES) | (1u << TAG_DATA))) {
        if (ctx_reload(w, true))
            queue_all(w);
        else
            g_hash_table_remove_all(w->queue);
    }
}

/* DIR mode: the papers there at start. */
static void scan_folder(watch *w)
{
    GDir *d = g_dir_open(w->folder, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        if (name[0] == '.' || !g_str_has_suffix(name, ".xml"))
            continue;
        char *path = g_build_filename(w->folder, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && worth_building(path))
            paper_add(w, path);
        g_free(path);
    }
    if (d)
        g_dir_close(d);
}

static gboolean on_signal(gpointer user)
{
    g_main_loop_quit(user);
    return G_SOURCE_CONTINUE;
}

/* Sets up the watcher's folders; false (message printed) when one cannot
 * be watched. */
static bool watch_folders(msp_watcher *mw, const watch *w, const char *source)
{
    char *templates = g_build_filename(w->root, "templates", NULL);
    char *data = g_build_filename(w->root, "data", NULL);
    char *dir = w->folder ? g_strdup(w->folder) : g_path_get_dirname(source);
    char *name = w->folder ? NULL : g_path_get_basename(source);
    struct { const char *folder; const char *name; const char *const *suffixes; unsigned tag; } groups[] = {
        { dir, name, source_suffixes, TAG_SOURCES },
        { templates, NULL, template_suffixes, TAG_TEMPLATES },
        { data, NULL, data_suffixes, TAG_DATA },
    };
    bool ok = true;
    for (size_t i = 0; ok && i < G_N_ELEMENTS(groups); i++) {
        GError *err = NULL;
        ok = msp_watcher_add(mw, groups[i].folder, groups[i].name, groups[i].suffixes, groups[i].tag, &err);
        if (!ok) {
            msp_diag_list diags;
            msp_diag_list_init(&diags);
            msp_diag_error(&diags, MSP_E_IO, ((msp_loc){ groups[i].folder, 0, 0 }),
                           i == 0 ? "give an existing folder, or a source in one"
                                  : "set MSP_ROOT to the folder holding templates/ and data/",
                           "cannot watch the folder: %s", err->message);
            msp_diag_list_print(stderr, &diags);
            msp_diag_list_clear(&diags);
            g_error_free(err);
        }
    }
    if (ok)
        inform("watching %s, %s/ and %s/ (Ctrl-C stops)\n", w->folder ? w->folder : source, templates, data);
    g_free(templates);
    g_free(data);
    g_free(dir);
    g_free(name);
    return ok;
}

static int run(watch *w, const char *source)
{
    w->papers = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, paper_free);
    w->queue = g_hash_table_new(g_direct_hash, g_direct_equal);
    w->loop = g_main_loop_new(NULL, FALSE);
    /* from now on a signal ends the loop (at its first turn if it came before) */
    guint sigint = g_unix_signal_add(SIGINT, on_signal, w->loop);
    guint sigterm = g_unix_signal_add(SIGTERM, on_signal, w->loop);
    msp_watcher *mw = msp_watcher_new(WATCH_DEBOUNCE_MS, on_changes, w);
    int rc = MSP_EXIT_FAILED;
    /* watching before the first build: a save during it is not missed */
    if (!watch_folders(mw, w, source))
        goto done;
    if (!ctx_reload(w, false))
        goto done;
    if (w->folder) {
        scan_folder(w);
        if (g_hash_table_size(w->papers) == 0)
            inform("%s: no paper sources yet; waiting for one\n", w->folder);
    } else {
        paper_add(w, source);
    }
    queue_all(w);
    g_main_loop_run(w->loop);
    inform("stopped\n");
    rc = MSP_EXIT_OK;
done:
    g_source_remove(sigint);
    g_source_remove(sigterm);
    if (w->idle)
        g_source_remove(w->idle);
    msp_watcher_free(mw);
    ctx_drop(w);
    g_main_loop_unref(w->loop);
    g_hash_table_destroy(w->queue);
    g_hash_table_destroy(w->papers);
    return rc;
}

int msp_cmd_watch(int argc, char **argv)
{
    char *out_path = NULL, *out_dir = NULL, *standard = NULL, *pages_text = NULL, *seconds_text = NULL;
    gboolean draft = FALSE;
    double max_seconds = 0, max_pages = 0;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
          "Write the PDF of SOURCE.xml to FILE (default: OUTDIR/<symbol>.pdf)", "FILE" },
        { "output-dir", 'O', 0, G_OPTION_ARG_FILENAME, &out_dir, "Write the PDFs into DIR (default: out)", "DIR" },
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Draft: DRAFT watermark and stamp, symbol optional", NULL },
        { "max-pages", 0, 0, G_OPTION_ARG_STRING, &pages_text,
          "Fail when a paper has more than N pages (1 to " MSP_CLI_MAX_PAGES_TEXT ", default 5000)", "N" },
        { "max-seconds", 0, 0, G_OPTION_ARG_STRING, &seconds_text,
          "Fail when a paper takes longer than S seconds (0.001 to 86400)", "S" },
        { "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &standard,
          "What the PDF conforms to: " MSP_PDF_STANDARD_VALUES " (default ua-1,a-2a)", "STD" },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml|DIR - rebuild a paper's PDF on every save");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc,
        "Builds SOURCE.xml (or every paper in DIR, new ones too) as `mspdoc build` does, then\n"
        "again whenever it is saved, and every paper when a file of templates/ or data/\n"
        "changes. A save that breaks the source prints its errors and keeps the last good PDF.\n"
        "Ctrl-C or SIGTERM stops it (exit status 0). See docs/cli.md, \"watch\".");
    bool usage = !msp_cli_parse(oc, "watch", &argc, &argv, 1, 1, "expected exactly one SOURCE.xml or DIR");
    g_option_context_free(oc);
    usage = usage || !msp_cli_number("watch", "--max-pages", pages_text, 1, MSP_CLI_MAX_PAGES, true, &max_pages) ||
            !msp_cli_number("watch", "--max-seconds", seconds_text, 0.001, 86400, false, &max_seconds);
    g_free(pages_text);
    g_free(seconds_text);
    const char *problem = NULL;
    msp_pdf_standard std_parsed;
    bool is_dir = !usage && g_file_test(argv[1], G_FILE_TEST_IS_DIR);
    if (usage)
        ;
    else if (standard && !msp_pdf_standard_parse(standard, &std_parsed))
        problem = "--pdf-standard takes " MSP_PDF_STANDARD_VALUES;
    else if (out_path && out_dir)
        problem = "-o and -O exclude each other";
    else if (out_path && is_dir)
        problem = "-o names one PDF; for the papers of a folder give -O OUTDIR";
    if (problem) {
        fprintf(stderr, "mspdoc watch: %s\nTry 'mspdoc watch --help'.\n", problem);
        usage = true;
    }
    int rc = MSP_EXIT_USAGE;
    if (!usage) {
        watch w = { 0 };
        w.root = msp_cli_root();
        w.folder = is_dir ? argv[1] : NULL;
        w.opts = (msp_build_opts){ .draw_thread = true, .out_path = out_path, .out_dir = out_dir, .draft = draft, .epoch = -1,
                                   .pdf_standard = standard };
        w.max_pages = (int)max_pages;
        w.max_seconds = max_seconds;
        rc = run(&w, argv[1]);
    }
    g_free(out_path);
    g_free(out_dir);
    g_free(standard);
    return rc;
}
