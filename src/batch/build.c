/* The batch's builder on batch/job.h (one document end to end): the shared
 * build context loaded once, a worker (Pango context) per thread, one
 * paper's PDF and first-page thumbnail, the dependency digest; and
 * msp_batch_run, which plans and runs a batch with it. */
#include "base/digest.h"
#include "batch/batch_private.h"
#include "render/icc.h"
#include "batch/job.h"
#include "layout/hyphenate.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define THUMB_DPI 30.0

typedef struct real_shared {
    msp_build_ctx *ctx;
    char *outdir;
    char *digest;
    gint64 epoch;          /* SOURCE_DATE_EPOCH, or -1: the paper's date */
    GHashTable *kind_digests;   /* kind -> hex of its stylesheet files (owned) */
    int max_pages;         /* > 0: overrides the default page limit */
    double max_seconds;    /* > 0: time limit per paper */
    const char *pdf_standard;   /* borrowed --pdf-standard, or NULL: the papers' default */
    bool draw_thread;      /* fewer workers than cores: each paper draws on a thread of its own */
} real_shared;

static void *worker_new(void *shared)
{
    real_shared *rs = shared;
    msp_build_worker *w = g_new0(msp_build_worker, 1);
    msp_build_worker_init(w, rs->ctx);
    return w;
}

static void worker_free(void *worker)
{
    msp_build_worker_clear(worker);
    g_free(worker);
}

/* The first page's PNG in the work folder: the name ending in the lowest
 * page number ("<stem>-1.png"). Owned, or NULL. */
static char *first_png(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return NULL;
    char *best = NULL;
    long best_n = G_MAXLONG;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".png"))
            continue;
        const char *dash = strrchr(name, '-');
        long n = dash ? strtol(dash + 1, NULL, 10) : G_MAXLONG - 1;
        if (n < best_n) {
            best_n = n;
            g_free(best);
            best = g_build_filename(dir, name, NULL);
        }
    }
    g_dir_close(d);
    return best;
}

/* Moves the first page's PNG to OUTDIR/thumbs/<name>.png (a rename, so a
 * thumbnail is whole or absent). */
static bool keep_thumbnail(const char *outdir, const char *work, msp_paper *p)
{
    char *png = first_png(work);
    if (!png)
        return false;
    char *name = msp_paper_thumb_name(p);
    char *dest = g_build_filename(outdir, MSP_BATCH_THUMB_DIR, name, NULL);
    bool ok = g_rename(png, dest) == 0;
    if (!ok)
        msp_diag_warn(&p->diags, ((msp_loc){ dest, 0, 0 }), NULL, "cannot keep the thumbnail: %s", g_strerror(errno));
    g_free(dest);
    g_free(name);
    g_free(png);
    return ok;
}

static msp_status real_build(void *shared, void *worker, msp_paper *p, msp_batch_cancel *cancel)
{
    real_shared *rs = shared;
    msp_job job;
    msp_job_init(&job);
    if (rs->max_pages > 0)
        job.limits.max_pages = rs->max_pages;
    if (rs->max_seconds > 0)
        job.limits.max_seconds = rs->max_seconds;
    msp_batch_cancel_attach(cancel, &job.cancelled);

    char *out_path = g_build_filename(rs->outdir, p->output_name, NULL);
    char *thumbs = g_build_filename(rs->outdir, MSP_BATCH_THUMB_DIR, NULL);
    g_mkdir_with_parents(thumbs, 0777);
    /* hidden and ending in .tmp: removed by the next run if this one dies */
    char *work = g_strdup_printf("%s/.%s.XXXXXX.tmp", thumbs, p->output_name);
    if (!g_mkdtemp(work)) {
        g_free(work);
        work = NULL;
    }

    msp_build_opts bo = { 0 };
    bo.out_path = out_path;
    bo.png_dir = work;
    bo.png_first_only = true;
    bo.png_dpi = THUMB_DPI;
    bo.draft = p->draft;
    bo.epoch = rs->epoch;
    bo.pdf_standard = rs->pdf_standard;
    bo.draw_thread = rs->draw_thread;
    msp_build_result res = { 0 };
    msp_status st;
    if (p->check_only) {
        msp_source_info info = { 0 };
        st = msp_build_check(&job, rs->ctx, p->source, p->draft, NULL, &info);
        msp_source_info_clear(&info);
        if (st == MSP_OK)
            st = MSP_E_SYMBOL; /* refused by the plan: no PDF */
    } else {
        st = msp_build(&job, rs->ctx, worker, p->source, &bo, &res);
    }
    msp_batch_cancel_attach(cancel, NULL);

    if (st == MSP_OK && job.diags.errors == 0) {
        p->pages = res.pages;
        p->layout = res.layout;
        p->title = g_strdup(res.title);
        g_free(p->language);
        p->language = g_strdup(res.language);
        if (!p->symbol && res.symbol)
            p->symbol = g_strdup(res.symbol);
        p->pdf_identity = msp_stamp_file_identity(out_path);
        p->pdf_sha256 = msp_sha256_file(out_path);
        if (!p->pdf_sha256)
            st = msp_diag_error(&job.diags, MSP_E_OUTPUT, ((msp_loc){ out_path, 0, 0 }), NULL,
                                "cannot read the PDF just written: %s", g_strerror(errno));
        else if (work)
            p->has_thumb = keep_thumbnail(rs->outdir, work, p);
    } else if (st == MSP_OK) {
        st = MSP_E_OUTPUT;
    }
    if (work)
        msp_stamp_remove_dir(work);
    msp_diag_list_merge(&p->diags, &job.diags);
    msp_build_result_clear(&res);
    g_free(work);
    g_free(thumbs);
    g_free(out_path);
    msp_job_clear(&job);
    return st;
}

static char *cached_file_digest(void *cache, const char *path)
{
    return msp_digest_cache_file(cache, path);
}

/* templates/ without the stylesheets (those count per kind): the schema and
 * anything else a stylesheet may read */
static char *templates_digest(const char *dir)
{
    GPtrArray *skip = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)))
        if (g_str_has_suffix(name, ".xsl"))
            g_ptr_array_add(skip, g_strdup(name));
    if (d)
        g_dir_close(d);
    g_ptr_array_add(skip, NULL);
    char *hex = msp_stamp_tree_digest(dir, (const char *const *)skip->pdata);
    g_ptr_array_free(skip, TRUE);
    return hex;
}

/* What every paper's output depends on besides its source and its kind's
 * stylesheets: the program, data/, the rest of templates/, the fonts and the
 * hyphenation dictionaries (hyphen/dictionaries.conf and the declared files:
 * one changed, or gone, changes where lines may break). */
static char *deps_digest(const msp_build_ctx *ctx, msp_digest_cache *cache)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(sum, (const guchar *)"mspdoc " MSP_VERSION "\n", -1);
    char *exe = msp_digest_cache_file(cache, "/proc/self/exe");
    char *data = msp_stamp_tree_digest(msp_xslt_data_dir(ctx->xslt), NULL);
    char *templates = templates_digest(msp_xslt_templates_dir(ctx->xslt));
    char *fonts = ctx->fonts ? msp_fonts_digest_with(ctx->fonts, cached_file_digest, cache) : NULL;
    /* NULL: the declarations msp_hyph_get (layout) reads */
    char *hyphen = msp_hyph_digest_with(NULL, cached_file_digest, cache);
    /* the output intent's profile (its declaration holds its SHA-256) */
    char *icc_conf = msp_icc_conf_path();
    char *color = msp_digest_cache_file(cache, icc_conf);
    g_free(icc_conf);
    const char *parts[] = { exe, data, templates, fonts, hyphen, color };
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        g_checksum_update(sum, (const guchar *)(parts[i] ? parts[i] : "-"), -1);
        g_checksum_update(sum, (const guchar *)"\n", 1);
    }
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    g_free(exe);
    g_free(data);
    g_free(templates);
    g_free(fonts);
    g_free(hyphen);
    g_free(color);
    return hex;
}

/* The digest of templates/<kind>.xsl and the files it includes or imports:
 * a change to one kind's stylesheet rebuilds only that kind's papers. */
static const char *kind_digest(void *shared, const char *kind)
{
    real_shared *rs = shared;
    if (!kind || !msp_xslt_has_kind(rs->ctx->xslt, kind))
        return NULL;
    const char *hex = g_hash_table_lookup(rs->kind_digests, kind);
    if (hex)
        return hex;
    GPtrArray *files = msp_xslt_kind_files(rs->ctx->xslt, kind);
    g_ptr_array_sort(files, (GCompareFunc)msp_stamp_compare_paths);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < files->len; i++) {
        char *h = msp_sha256_file(files->pdata[i]);
        char *base = g_path_get_basename(files->pdata[i]);
        g_checksum_update(sum, (const guchar *)base, (gssize)strlen(base) + 1);
        g_checksum_update(sum, (const guchar *)(h ? h : "unreadable"), -1);
        g_free(base);
        g_free(h);
    }
    char *out = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    g_ptr_array_free(files, TRUE);
    g_hash_table_insert(rs->kind_digests, g_strdup(kind), out);
    return out;
}

msp_batch_builder *msp_batch_builder_open(msp_diag_list *diags, const char *root, const char *outdir)
{
    msp_build_ctx *ctx = NULL;
    if (msp_build_ctx_load(diags, &ctx, root, true) != MSP_OK || !ctx) {
        msp_build_ctx_free(ctx);
        return NULL;
    }
    real_shared *rs = g_new0(real_shared, 1);
    rs->ctx = ctx;
    rs->outdir = g_strdup(outdir);
    rs->kind_digests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    msp_digest_cache *cache = msp_digest_cache_open(outdir);
    rs->digest = deps_digest(ctx, cache);
    /* The PDF dates follow it (a draft stamp's time does anyway). */
    rs->epoch = -1;
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    gint64 v = sde && *sde ? g_ascii_strtoll(sde, &end, 10) : -1;
    if (end && *end == '\0' && v >= 0)
        rs->epoch = v;
    msp_batch_builder *b = g_new0(msp_batch_builder, 1);
    b->shared = rs;
    b->deps_digest = rs->digest;
    b->digests = cache;
    b->kind_digest = kind_digest;
    b->worker_new = worker_new;
    b->worker_free = worker_free;
    b->build = real_build;
    return b;
}

void msp_batch_builder_close(msp_batch_builder *builder)
{
    if (!builder)
        return;
    real_shared *rs = builder->shared;
    msp_digest_cache_free(builder->digests);
    msp_build_ctx_free(rs->ctx);
    g_hash_table_destroy(rs->kind_digests);
    g_free(rs->outdir);
    g_free(rs->digest);
    g_free(rs);
    g_free(builder);
}

/* The builder, opened on a thread of its own while the main thread finds
 * and reads the sources (the two are the start of every batch, before any
 * paper can be built); its problems are printed once it is joined. */
typedef struct builder_open {
    const msp_batch_opts *opts;
    msp_diag_list diags;
    msp_batch_builder *b;
} builder_open;

static gpointer open_builder(gpointer user)
{
    builder_open *bo = user;
    bo->b = msp_batch_builder_open(&bo->diags, bo->opts->root, bo->opts->outdir);
    return NULL;
}

int msp_batch_run(const msp_batch_opts *opts, char **inputs, int n_inputs)
{
    msp_diag_list usage;
    msp_diag_list_init(&usage);
    usage.echo = stderr;
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    builder_open bo = { .opts = opts };
    msp_diag_list_init(&bo.diags);
    msp_xslt_global_init();   /* the parser's global hooks, set before two threads parse */
    GThread *opening = g_thread_new("mspdoc-open", open_builder, &bo);
    int rc;
    msp_status found = msp_plan_find(papers, &usage, inputs, n_inputs);
    g_thread_join(opening);
    msp_batch_builder *b = bo.b;
    if (found != MSP_OK) {
        rc = 2;
    } else if (papers->len == 0) {
        char *where = n_inputs > 0 ? g_strjoinv(" ", inputs) : g_strdup(".");
        msp_diag_error(&usage, MSP_E_IO, ((msp_loc){ where, 0, 0 }),
                       "a source is an *.xml file with the root <paper xmlns=\"urn:x-mspdoc:paper:1\">",
                       "no paper sources found");
        g_free(where);
        rc = 2;
    } else {
        msp_diag_list_print(stderr, &bo.diags);
        if (b) {
            real_shared *rs = b->shared;
            rs->max_pages = opts->max_pages;
            rs->max_seconds = opts->max_seconds;
            rs->pdf_standard = opts->pdf_standard;
            rs->draw_thread = opts->workers > 0 && opts->workers < (int)g_get_num_processors();
        }
        rc = b ? msp_batch_run_papers(opts, papers, b, stderr) : 1;
    }
    msp_batch_builder_close(b);
    msp_diag_list_clear(&bo.diags);
    g_ptr_array_free(papers, TRUE);
    msp_diag_list_clear(&usage);
    return rc;
}
