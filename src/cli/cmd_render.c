/* `mspdoc render IN.fo -o OUT.pdf [--area-tree TREE.xml] [--layout-report
 * REPORT.tsv] [--[no-]check-text]`: the engine on its own, for FO made by
 * our templates or by anyone else. */
#include "cli/cmd.h"
#include "fo/fo.h"
#include "layout/layout.h"
#include "render/fonts.h"
#include "render/outfile.h"
#include "render/pdf.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

typedef struct render_sinks {
    msp_pdf *pdf;
    FILE *tree;
} render_sinks;

static msp_status sink_both(void *user, const msp_page *page, msp_diag_list *diags)
{
    render_sinks *s = user;
    if (s->tree)
        msp_area_dump_page(s->tree, page);
    return msp_pdf_sink(s->pdf, page, diags);
}

/* The text accounting is on unless --no-check-text, or MSPDOC_CHECK_TEXT=0
 * without --check-text. */
static bool check_text_wanted(gboolean on, gboolean off)
{
    if (on || off)
        return on && !off;
    const char *env = g_getenv("MSPDOC_CHECK_TEXT");
    return !env || strcmp(env, "0") != 0;
}

int msp_cmd_render(int argc, char **argv)
{
    char *out_path = NULL, *tree_path = NULL, *report_path = NULL, *standard = NULL;
    char *pages_text = NULL;
    double max_pages = 0;
    gboolean check_on = FALSE, check_off = FALSE;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write the PDF to FILE (required; '-': standard output)", "FILE" },
        { "area-tree", 0, 0, G_OPTION_ARG_FILENAME, &tree_path, "Also write the laid-out pages as XML", "FILE" },
        { "layout-report", 0, 0, G_OPTION_ARG_FILENAME, &report_path,
          "Also write the loose, overfull and hyphenated lines (tab-separated)", "FILE" },
        { "max-pages", 0, 0, G_OPTION_ARG_STRING, &pages_text,
          "Stop with an error after N pages (1 to " MSP_CLI_MAX_PAGES_TEXT ", default 5000)", "N" },
        { "check-text", 0, 0, G_OPTION_ARG_NONE, &check_on,
          "Fail when any text of the FO is not on the pages (the default; MSPDOC_CHECK_TEXT=0 turns it off)", NULL },
        { "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &standard,
          "What the PDF conforms to: " MSP_PDF_STANDARD_VALUES " (default ua-1)", "STD" },
        { "no-check-text", 0, 0, G_OPTION_ARG_NONE, &check_off, "Do not account for the text", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("IN.fo -o OUT.pdf ('-': standard input, standard output)");
    g_option_context_set_summary(oc, "Lays out an XSL-FO file (the subset in docs/fo-subset.md) and writes a PDF.");
    g_option_context_add_main_entries(oc, entries, NULL);
    int rc = MSP_EXIT_USAGE;
    const char *hint = "expected one IN.fo and -o OUT.pdf";
    if (!msp_cli_parse(oc, "render", &argc, &argv, 1, 1, hint))
        goto done_usage;
    if (!out_path) {
        fprintf(stderr, "mspdoc render: %s\nTry 'mspdoc render --help'.\n", hint);
        goto done_usage;
    }
    const char *others[] = { tree_path, report_path };
    if (!msp_cli_number("render", "--max-pages", pages_text, 1, MSP_CLI_MAX_PAGES, true, &max_pages) ||
        !msp_cli_outputs("render", out_path, others, 2))
        goto done_usage;

    msp_pdf_standard std_parsed;
    if (!msp_pdf_standard_parse(standard ? standard : "ua-1", &std_parsed)) {
        fprintf(stderr, "mspdoc render: --pdf-standard takes %s\nTry 'mspdoc render --help'.\n",
                MSP_PDF_STANDARD_VALUES);
        goto done_usage;
    }

    msp_job job;
    msp_job_init(&job);
    job.diags.echo = stderr;
    if (max_pages > 0)
        job.limits.max_pages = (int)max_pages;

    msp_fo_doc *doc = NULL;
    msp_fonts *fonts = NULL;
    PangoContext *pango = NULL;
    msp_pdf *pdf = NULL;
    msp_check_text *check = NULL;
    msp_outfile tree = { 0 }, report_file = { 0 };
    msp_layout_report report;
    msp_layout_report_init(&report);
    bool report_written = false;
    msp_status st = MSP_OK;
    const char *in = argv[1];

    char *fonts_dir = g_build_filename(msp_cli_root(), "fonts", NULL);
    fonts = msp_fonts_load(&job.diags, fonts_dir);
    g_free(fonts_dir);
    if (!fonts) {
        st = MSP_E_IO;
        goto cleanup;
    }
    st = msp_fo_parse(&job, &doc, in, NULL, 0);
    if (st != MSP_OK)
        goto cleanup;
    pango = msp_fonts_new_context(fonts);

    msp_pdf_meta meta = { 0 };
    meta.epoch = -1;
    meta.standard = std_parsed;
    char *doc_lang = NULL;
    const msp_fo_style *rs = doc->root->style;
    if (rs->language && *rs->language && strcmp(rs->language, "none") != 0)
        doc_lang = rs->country && *rs->country && strcmp(rs->country, "none") != 0
                       ? g_strdup_printf("%s-%s", rs->language, rs->country)
                       : g_strdup(rs->language);
    meta.language = doc_lang;
    msp_pdf_meta_locate(&meta, doc);
    st = msp_pdf_open(&job, &pdf, out_path, &meta);
    g_free(doc_lang);
    if (st != MSP_OK)
        goto cleanup;
    if (tree_path) {
        st = msp_outfile_open(&job.diags, &tree, tree_path);
        if (st != MSP_OK)
            goto cleanup;
        msp_area_dump_begin(tree.fp);
    }
    if (report_path) {
        st = msp_outfile_open(&job.diags, &report_file, report_path);
        if (st != MSP_OK)
            goto cleanup;
    }

    render_sinks sinks = { pdf, tree.fp };
    msp_layout_opts lo = { 0 };
    lo.pango = pango;
    lo.sink = sink_both;
    lo.sink_user = &sinks;
    lo.sink_thread = true;   /* pages drawn while the next ones are laid out */
    lo.report = &report;
    lo.font_fallback = true;   /* FO from anywhere: an unknown family is a warning (docs/fo-subset.md) */
    if (check_text_wanted(check_on, check_off)) {
        check = msp_check_text_new(&job, doc);
        lo.check = check;
    }
    msp_layout_result result = { 0 };
    gint64 t0 = g_get_monotonic_time();
    st = msp_layout_run(&job, doc, &lo, &result);
    msp_cli_note("render", "%s: laid out %d page%s in %.2f s", in, result.pages, result.pages == 1 ? "" : "s",
                 (double)(g_get_monotonic_time() - t0) / 1e6);
    if (check)
        st = msp_check_text_finish(check, st);
    if (st != MSP_OK)
        goto cleanup;
    st = msp_pdf_close(pdf, &result);
    pdf = NULL;
    if (st != MSP_OK)
        goto cleanup;
    if (tree.fp) {
        msp_area_dump_end(tree.fp);
        st = msp_outfile_commit(&job.diags, &tree);
        if (st != MSP_OK)
            msp_outfile_remove(out_path); /* all or nothing */
    }
    if (st == MSP_OK && report_file.fp) {
        msp_layout_report_write(report_file.fp, &report, in);
        st = msp_outfile_commit(&job.diags, &report_file);
        report_written = st == MSP_OK;
        if (st != MSP_OK) {
            msp_outfile_remove(out_path);
            if (tree_path)
                msp_outfile_remove(tree_path);
        }
    }

cleanup:
    if (pdf)
        msp_pdf_abort(pdf);
    msp_outfile_discard(&tree);
    msp_outfile_discard(&report_file);
    msp_check_text_free(check);
    if (pango)
        g_object_unref(pango);
    msp_fonts_free(fonts);
    msp_fo_doc_free(doc);
    rc = (st == MSP_OK && job.diags.errors == 0) ? MSP_EXIT_OK : MSP_EXIT_FAILED;
    if (rc != MSP_EXIT_OK && st == MSP_OK) {
        msp_outfile_remove(out_path);
        if (report_written)
            msp_outfile_remove(report_path);
    }
    const char *outputs[] = { out_path, tree_path, report_path };
    FILE *summary = msp_cli_summary_beside(outputs, 3);
    if (rc == MSP_EXIT_OK && summary)
        msp_cli_print_layout_summary(summary, in, &report.counts, report_written ? report_path : NULL);
    msp_layout_report_clear(&report);
    msp_job_clear(&job);
done_usage:
    g_free(pages_text);
    g_free(standard);
    g_free(out_path);
    g_free(tree_path);
    g_free(report_path);
    g_option_context_free(oc);
    return rc;
}
