/* One document end to end: the shared read-only build context, the
 * per-worker Pango context, and msp_build's chain (check -> XSLT -> FO ->
 * layout -> PDF, area tree and PNG pages via one page sink, the layout
 * report). On any error the PDF is aborted and the side outputs removed.
 * Threads: batch/workers.c. */
#include "batch/job.h"
#include "layout/hyphenate.h"
#include "fo/fo.h"
#include "layout/check_text.h"
#include "layout/layout.h"
#include "render/draw.h"
#include "base/stdin.h"
#include "render/outfile.h"
#include "render/pdf.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static msp_loc file_loc(const char *file)
{
    msp_loc loc = { file, 0, 0 };
    return loc;
}

/* The reference data, read on a thread of its own while the stylesheets
 * compile (the two are the start-up of every build and batch). */
typedef struct ref_load {
    const char *data;
    msp_diag_list diags;
    msp_refdata *ref;
} ref_load;

static gpointer load_ref(gpointer user)
{
    ref_load *r = user;
    r->ref = msp_refdata_load(&r->diags, r->data);
    return NULL;
}

msp_status msp_build_ctx_load(msp_diag_list *diags, msp_build_ctx **out, const char *root, bool with_fonts)
{
    *out = NULL;
    msp_xslt_global_init();
    msp_build_ctx *ctx = g_new0(msp_build_ctx, 1);
    ctx->root = g_strdup(root);
    char *templates = g_build_filename(root, "templates", NULL);
    char *data = g_build_filename(root, "data", NULL);
    char *rng = g_build_filename(templates, "paper.rng", NULL);
    char *fonts = g_build_filename(root, "fonts", NULL);
    msp_status st = MSP_OK;
    ref_load rl = { .data = data };
    msp_diag_list_init(&rl.diags);
    GThread *ref_thread = g_thread_new("mspdoc-data", load_ref, &rl);
    ctx->schema = msp_source_schema_load(diags, rng);
    ctx->xslt = msp_xslt_load(diags, templates, data);
    g_thread_join(ref_thread);
    ctx->ref = rl.ref;
    msp_diag_list_merge(diags, &rl.diags);
    msp_diag_list_clear(&rl.diags);
    if (!ctx->schema || !ctx->ref)
        st = MSP_E_DATA;
    else if (!ctx->xslt)
        st = MSP_E_XSLT;
    if (st == MSP_OK && with_fonts) {
        ctx->fonts = msp_fonts_load(diags, fonts);
        if (!ctx->fonts)
            st = MSP_E_IO;
    }
    g_free(templates);
    g_free(data);
    g_free(rng);
    g_free(fonts);
    if (st != MSP_OK) {
        msp_build_ctx_free(ctx);
        return st;
    }
    *out = ctx;
    return MSP_OK;
}

void msp_build_ctx_free(msp_build_ctx *ctx)
{
    if (!ctx)
        return;
    msp_source_schema_free(ctx->schema);
    msp_refdata_free(ctx->ref);
    msp_xslt_free(ctx->xslt);
    msp_fonts_free(ctx->fonts);
    g_free(ctx->root);
    g_free(ctx);
}

void msp_build_worker_init(msp_build_worker *w, const msp_build_ctx *ctx)
{
    w->pango = ctx->fonts ? msp_fonts_new_context(ctx->fonts) : NULL;
}

void msp_build_worker_clear(msp_build_worker *w)
{
    if (w->pango)
        g_object_unref(w->pango);
    w->pango = NULL;
}

void msp_build_result_clear(msp_build_result *r)
{
    if (!r)
        return;
    g_free(r->title);
    g_free(r->symbol);
    g_free(r->language);
    g_free(r->kind);
    g_free(r->source_hash);
    g_free(r->out_path);
    memset(r, 0, sizeof *r);
}

static msp_status check_source(msp_job *job, const msp_build_ctx *ctx, const char *source_path,
                               const char *bytes, size_t len, bool draft, msp_source **src_out,
                               msp_source_info *info);

msp_status msp_build_check(msp_job *job, const msp_build_ctx *ctx, const char *source_path, bool draft,
                           msp_source **src_out, msp_source_info *info)
{
    return check_source(job, ctx, source_path, NULL, 0, draft, src_out, info);
}

/* msp_build_check on bytes given in memory (NULL: read source_path). */
static msp_status check_source(msp_job *job, const msp_build_ctx *ctx, const char *source_path,
                               const char *bytes, size_t len, bool draft, msp_source **src_out,
                               msp_source_info *info)
{
    if (src_out)
        *src_out = NULL;
    msp_source_info local;
    msp_source_info *inf = info ? info : &local;
    memset(inf, 0, sizeof *inf);
    inf->date_epoch = inf->pdf_epoch = -1;
    msp_source *src = NULL;
    msp_status st = bytes ? msp_source_load_memory(job, &src, source_path, bytes, len)
                          : msp_source_load(job, &src, source_path);
    if (st != MSP_OK)
        return st;
    msp_status sv = msp_source_validate(job, src, ctx->schema);
    msp_status sc = msp_source_check(job, src, ctx->ref, draft, inf);
    st = sv != MSP_OK ? sv : sc;
    if (!info)
        msp_source_info_clear(&local);
    if (st == MSP_OK && src_out)
        *src_out = src;
    else
        msp_source_free(src);
    return st;
}

msp_status msp_build_fo(msp_job *job, const msp_build_ctx *ctx, const char *source_path, bool draft,
                        xmlDoc **fo_out, msp_source_info *info)
{
    *fo_out = NULL;
    msp_source *src = NULL;
    msp_status st = msp_build_check(job, ctx, source_path, draft, &src, info);
    if (st != MSP_OK)
        return st;
    msp_xslt_params params = { draft, src->sha256 };
    const char *kind = info ? info->kind : NULL;
    xmlNode *root = xmlDocGetRootElement(src->doc);
    xmlChar *k = kind ? NULL : xmlGetProp(root, (const xmlChar *)"kind");
    st = msp_xslt_run(job, ctx->xslt, kind ? kind : (const char *)k, src->doc, src->path, src->dir, &params, fo_out);
    xmlFree(k);
    msp_source_free(src);
    return st;
}

char *msp_build_output_path(const msp_source_info *info, const char *source_path, const char *out_dir)
{
    /* a source read from standard input and without a symbol: out/stdin.pdf */
    bool piped = source_path && (!strcmp(source_path, "-") || !strcmp(source_path, MSP_STDIN_NAME));
    char *name = msp_symbol_output_name(info && info->has_symbol ? &info->symbol : NULL,
                                        info ? info->language : NULL, piped ? "stdin" : source_path);
    char *path = g_build_filename(out_dir ? out_dir : "out", name, NULL);
    g_free(name);
    return path;
}

/* The page sink chain: area-tree dump, PNG pages, then the PDF. */
typedef struct sinks {
    msp_job *job;
    msp_pdf *pdf;
    FILE *tree;
    const char *png_dir;
    const char *png_stem;
    double png_dpi;
    GPtrArray *pngs;            /* paths written, removed on failure */
    bool png_first_only;
    const msp_draw_opts *marks; /* the draft marks, the PDF's own (same watermark, same stamp) */
} sinks;

static msp_status sink_chain(void *user, const msp_page *page, msp_diag_list *diags)
{
    sinks *s = user;
    if (s->tree)
        msp_area_dump_page(s->tree, page);
    if (s->png_dir && (!s->png_first_only || page->index == 0)) {
        char *name = g_strdup_printf("%s-%d.png", s->png_stem, page->index + 1);
        char *path = g_build_filename(s->png_dir, name, NULL);
        g_free(name);
        msp_status st = msp_draw_png_opts(diags, page, s->png_dpi, path, s->marks);
        g_ptr_array_add(s->pngs, path);
        if (st != MSP_OK)
            return st;
    }
    return msp_pdf_sink(s->pdf, page, diags);
}

/* The hyphenation dictionary of a paper's language, loaded on a thread of
 * its own while the stylesheet runs (reading one takes about as long as
 * transforming a short paper); layout finds it loaded, or waits for it
 * (dictionaries load once per process: layout/hyphenate.h). Once per
 * language and process; NULL when it was started already. */
static gpointer load_hyph(gpointer lang)
{
    const char *why = NULL;
    msp_hyph_get(lang, NULL, &why);
    g_free(lang);
    return NULL;
}

static GThread *prefetch_hyph(const char *lang)
{
    static GMutex lock;
    static GHashTable *started;
    if (!lang || !*lang)
        return NULL;
    g_mutex_lock(&lock);
    if (!started)
        started = g_hash_table_new(g_str_hash, g_str_equal);   /* process lifetime, like the dictionaries */
    bool first = !g_hash_table_contains(started, lang);
    if (first)
        g_hash_table_add(started, (gpointer)g_intern_string(lang));
    g_mutex_unlock(&lock);
    return first ? g_thread_new("mspdoc-hyph", load_hyph, g_strdup(lang)) : NULL;
}

msp_status msp_build(msp_job *job, const msp_build_ctx *ctx, msp_build_worker *w, const char *source_path,
                     const msp_build_opts *opts, msp_build_result *result)
{
    msp_build_result local = { 0 };
    msp_build_result *res = result ? result : &local;
    memset(res, 0, sizeof *res);
    msp_source_info info;
    msp_source *src = NULL;
    msp_pdf *pdf = NULL;
    xmlDoc *fo_xml = NULL;
    msp_fo_doc *fo = NULL;
    msp_outfile tree = { 0 }, report_file = { 0 };
    msp_layout_report report;
    msp_layout_report_init(&report);
    char *stamp = NULL;
    GPtrArray *pngs = g_ptr_array_new_with_free_func(g_free);
    char *png_stem = NULL;
    GThread *hyph = NULL;

    msp_status st = check_source(job, ctx, source_path, opts->source_bytes, opts->source_len, opts->draft, &src,
                                 &info);
    res->title = g_strdup(info.title);
    res->symbol = g_strdup(info.symbol_text);
    res->language = g_strdup(info.language);
    res->kind = g_strdup(info.kind);
    res->out_path = opts->out_path ? g_strdup(opts->out_path)
                                   : msp_build_output_path(&info, source_path, opts->out_dir);
    if (st != MSP_OK)
        goto done;
    res->source_hash = g_strdup(src->sha256);
    if (!w || !w->pango) {
        st = msp_diag_error(&job->diags, MSP_E_IO, file_loc(src->path), "load the fonts (fonts/fonts.conf)",
                            "no fonts for layout");
        goto done;
    }

    hyph = prefetch_hyph(info.language);
    msp_xslt_params params = { opts->draft || info.draft, src->sha256 };
    st = msp_xslt_run(job, ctx->xslt, info.kind, src->doc, src->path, src->dir, &params, &fo_xml);
    if (st != MSP_OK)
        goto done;
    char *fo_name = g_strdup_printf("%s (FO)", src->path);
    st = msp_fo_from_xml(job, &fo, fo_xml, msp_diag_list_intern(&job->diags, fo_name));
    g_free(fo_name);
    /* the tree holds its own copies (job->arena): the XSLT result is not kept through layout */
    xmlFreeDoc(fo_xml);
    fo_xml = NULL;
    if (st != MSP_OK)
        goto done;

    if (!opts->out_path) {
        char *dir = g_path_get_dirname(res->out_path);
        if (g_mkdir_with_parents(dir, 0755) != 0) {
            st = msp_diag_error(&job->diags, MSP_E_OUTPUT, file_loc(msp_diag_list_intern(&job->diags, dir)),
                                "check the permissions of the current folder", "cannot create the output folder: %s",
                                g_strerror(errno));
            g_free(dir);
            goto done;
        }
        g_free(dir);
    }
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    bool have_sde = sde && *sde;
    gint64 epoch = opts->epoch;
    bool draft = opts->draft || info.draft;
    if (draft) {
        /* when it was built (SOURCE_DATE_EPOCH, else the clock; never the
         * paper's date) and from which bytes */
        gint64 built = msp_pdf_resolve_epoch(job, -1);
        stamp = msp_draw_stamp_text(built, src->sha256);
        if (epoch < 0 && have_sde)
            epoch = built;   /* resolved once: a bad value warns once */
    }
    if (epoch < 0 && !have_sde)
        epoch = info.pdf_epoch;
    GString *keywords = g_string_new("APLC");
    if (info.meeting)
        g_string_append_printf(keywords, ", %s", info.meeting);
    if (info.symbol_text)
        g_string_append_printf(keywords, ", %s", info.symbol_text);
    if (info.kind)
        g_string_append_printf(keywords, ", %s", info.kind);
    char *subject = info.has_symbol ? msp_symbol_plain(&info.symbol) : NULL;
    msp_pdf_meta meta = { 0 };
    meta.title = info.title;
    meta.subject = subject;
    meta.author = info.author;
    meta.keywords = keywords->str;
    meta.language = info.language;
    msp_pdf_meta_locate(&meta, fo);
    meta.epoch = epoch;
    meta.draft = draft;
    meta.draft_stamp = stamp;
    meta.pango = w->pango;
    if (!msp_pdf_standard_parse(opts->pdf_standard ? opts->pdf_standard : MSP_PAPER_STANDARD,
                                &meta.standard)) {
        st = msp_diag_error(&job->diags, MSP_E_USAGE, MSP_LOC_NONE, "use one of " MSP_PDF_STANDARD_VALUES,
                            "unknown PDF standard '%s'", opts->pdf_standard);
        g_string_free(keywords, TRUE);
        g_free(subject);
        goto done;
    }
    st = msp_pdf_open(job, &pdf, res->out_path, &meta);
    g_string_free(keywords, TRUE);
    g_free(subject);
    if (st != MSP_OK)
        goto done;

    if (opts->area_tree_path) {
        st = msp_outfile_open(&job->diags, &tree, opts->area_tree_path);
        if (st != MSP_OK)
            goto done;
        msp_area_dump_begin(tree.fp);
    }
    if (opts->layout_report_path) {
        st = msp_outfile_open(&job->diags, &report_file, opts->layout_report_path);
        if (st != MSP_OK)
            goto done;
    }
    char *base = g_path_get_basename(res->out_path);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    png_stem = base;
    if (opts->png_dir && g_mkdir_with_parents(opts->png_dir, 0755) != 0) {
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, file_loc(msp_diag_list_intern(&job->diags, opts->png_dir)),
                            NULL, "cannot create the PNG folder: %s", g_strerror(errno));
        goto done;
    }
    /* the PNG pages (and so the batch's thumbnails) get the PDF's draft marks */
    msp_draw_opts marks = { .draft = draft, .draft_stamp = stamp, .marks = msp_pdf_marks(pdf), .pango = w->pango,
                            .preview = opts->png_first_only };
    sinks s = { job, pdf, tree.fp, opts->png_dir, png_stem, opts->png_dpi > 0 ? opts->png_dpi : 96.0, pngs,
                opts->png_first_only, &marks };
    msp_layout_opts lo = { 0 };
    lo.pango = w->pango;
    lo.sink = sink_chain;
    lo.sink_user = &s;
    lo.sink_thread = opts->draw_thread;
    lo.draft = draft;
    lo.report = &report;
    /* the text accounting (check_text.h): a paper that would lose text is an
     * internal error at its FO place, never a PDF */
    msp_check_text *check = msp_check_text_new(job, fo);
    lo.check = check;
    msp_layout_result lr = { 0 };
    st = msp_layout_run(job, fo, &lo, &lr);
    st = msp_check_text_finish(check, st);
    msp_check_text_free(check);
    if (st != MSP_OK)
        goto done;
    st = msp_pdf_close(pdf, &lr);
    pdf = NULL;
    if (st != MSP_OK)
        goto done;
    res->pages = lr.pages;
    res->layout = report.counts;
    if (tree.fp) {
        msp_area_dump_end(tree.fp);
        st = msp_outfile_commit(&job->diags, &tree);
        if (st != MSP_OK) {
            msp_outfile_remove(res->out_path); /* all or nothing */
            goto done;
        }
    }
    if (report_file.fp) {
        msp_layout_report_write(report_file.fp, &report, source_path);
        st = msp_outfile_commit(&job->diags, &report_file);
        if (st != MSP_OK) {
            msp_outfile_remove(res->out_path);
            if (opts->area_tree_path)
                msp_outfile_remove(opts->area_tree_path);
            goto done;
        }
    }

done:
    if (hyph)
        g_thread_join(hyph);
    if (pdf)
        msp_pdf_abort(pdf);
    msp_outfile_discard(&tree);
    msp_outfile_discard(&report_file);
    msp_layout_report_clear(&report);
    if (st != MSP_OK)
        for (guint i = 0; i < pngs->len; i++)
            g_unlink(pngs->pdata[i]);
    g_ptr_array_unref(pngs);
    g_free(png_stem);
    g_free(stamp);
    msp_fo_doc_free(fo);
    if (fo_xml)
        xmlFreeDoc(fo_xml);
    msp_source_free(src);
    msp_source_info_clear(&info);
    res->status = st;
    if (!result)
        msp_build_result_clear(&local);
    return st;
}
