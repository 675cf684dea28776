/* `mspdoc build SOURCE.xml [-o OUT.pdf] [--area-tree TREE.xml]
 * [--layout-report REPORT.tsv] [--draft] [--png DIR]`: one paper from source
 * to PDF through batch/job.c. Default output: out/<symbol with '/' -> '_'>.pdf
 * under the current folder. */
#include "base/stdin.h"
#include "batch/job.h"
#include "edit/edit.h"
#include "cli/cmd.h"
#include "render/pdf_finish.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>

int msp_cmd_build(int argc, char **argv)
{
    char *out_path = NULL, *tree_path = NULL, *report_path = NULL, *png_dir = NULL, *standard = NULL;
    char *dpi_text = NULL, *pages_text = NULL, *seconds_text = NULL, *changes_from = NULL;
    gboolean draft = FALSE;
    double dpi = 0, max_seconds = 0, max_pages = 0;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
          "Write the PDF to FILE ('-': standard output; default: out/<symbol>.pdf, e.g. "
          "out/APLC_MSP.22_2025_22-E.pdf)", "FILE" },
        { "area-tree", 0, 0, G_OPTION_ARG_FILENAME, &tree_path, "Also write the laid-out pages as XML", "FILE" },
        { "layout-report", 0, 0, G_OPTION_ARG_FILENAME, &report_path,
          "Also write the loose, overfull and hyphenated lines (tab-separated)", "FILE" },
        { "max-pages", 0, 0, G_OPTION_ARG_STRING, &pages_text,
          "Fail when the paper has more than N pages (1 to " MSP_CLI_MAX_PAGES_TEXT ", default 5000)", "N" },
        { "max-seconds", 0, 0, G_OPTION_ARG_STRING, &seconds_text,
          "Fail when the paper takes longer than S seconds (0.001 to 86400)", "S" },
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Draft: DRAFT watermark and stamp, symbol optional", NULL },
        { "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &standard,
          "What the PDF conforms to: " MSP_PDF_STANDARD_VALUES " (default ua-1,a-2a)", "STD" },
        { "changes-from", 0, 0, G_OPTION_ARG_FILENAME, &changes_from,
          "Review copy: a change bar beside every line changed since the issued version FILE, a caret "
          "where words were taken out (docs/corrections.md)", "ISSUED.xml" },
        { "png", 0, 0, G_OPTION_ARG_FILENAME, &png_dir, "Also write each page as a PNG into DIR", "DIR" },
        { "png-dpi", 0, 0, G_OPTION_ARG_STRING, &dpi_text, "Resolution of the PNG pages (10 to 1200, default 96)", "DPI" },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml - validate a paper's source and make its PDF");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc,
        "Runs every check (schema, symbol, meeting, agenda, committee, references), the\n"
        "stylesheet templates/<kind>.xsl, the layout, and writes the PDF. On any error no\n"
        "output is left behind. Exit status: 0 success, 1 the paper failed, 2 usage error.\n"
        "Environment: MSP_ROOT (templates/, data/, fonts/, hyphen/, color/), SOURCE_DATE_EPOCH (PDF dates;\n"
        "default: the paper's date, else its meeting's first day; a draft stamp's build time:\n"
        "default: the clock).");
    bool usage = !msp_cli_parse(oc, "build", &argc, &argv, 1, 1, "expected exactly one SOURCE.xml ('-': standard input)");
    g_option_context_free(oc);
    const char *others[] = { tree_path, report_path };
    usage = usage || !msp_cli_number("build", "--max-pages", pages_text, 1, MSP_CLI_MAX_PAGES, true, &max_pages) ||
            !msp_cli_number("build", "--max-seconds", seconds_text, 0.001, 86400, false, &max_seconds) ||
            !msp_cli_number("build", "--png-dpi", dpi_text, 10, 1200, false, &dpi) ||
            !msp_cli_outputs("build", out_path, others, 2);
    msp_pdf_standard std_parsed;
    if (!usage && standard && !msp_pdf_standard_parse(standard, &std_parsed)) {
        fprintf(stderr, "mspdoc build: --pdf-standard takes %s\n", MSP_PDF_STANDARD_VALUES);
        usage = true;
    }
    g_free(pages_text);
    g_free(seconds_text);
    g_free(dpi_text);
    if (usage) {
        g_free(out_path);
        g_free(tree_path);
        g_free(report_path);
        g_free(png_dir);
        g_free(standard);
        return MSP_EXIT_USAGE;
    }

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_build_ctx *ctx = NULL;
    int rc = MSP_EXIT_FAILED;
    if (msp_build_ctx_load(&diags, &ctx, msp_cli_root(), true) != MSP_OK) {
        msp_diag_list_print(stderr, &diags);
        goto out;
    }
    msp_build_worker w;
    msp_build_worker_init(&w, ctx);
    msp_job job;
    msp_job_init(&job);
    if (max_pages > 0)
        job.limits.max_pages = (int)max_pages;
    if (max_seconds > 0)
        job.limits.max_seconds = max_seconds;
    msp_build_opts opts = { .draw_thread = true, .out_path = out_path, .area_tree_path = tree_path,
                            .layout_report_path = report_path, .png_dir = png_dir,
                            .png_dpi = dpi, .draft = draft, .epoch = -1,
                            .pdf_standard = standard };
    char *review = NULL;
    if (changes_from) {
        msp_diff *d = NULL;
        if (msp_diff_run(&job, ctx, &w, changes_from, argv[1], &d) != MSP_OK) {
            msp_diag_list_print(stderr, &job.diags);
            msp_diff_free(d);
            msp_job_clear(&job);
            msp_build_worker_clear(&w);
            msp_build_ctx_free(ctx);
            goto out;
        }
        int marked = 0;
        review = msp_review_source(d, &opts.source_len, &marked);
        opts.source_bytes = review;
        msp_cli_note("build", "%s: %d change%s since %s marked", argv[1], marked, marked == 1 ? "" : "s",
                     changes_from);
        msp_diff_free(d);
    }
    msp_build_result res;
    gint64 t0 = g_get_monotonic_time();
    msp_status st = msp_build(&job, ctx, &w, argv[1], &opts, &res);
    msp_cli_note("build", "%s: %s, kind %s, language %s, %d page%s, %.2f s", argv[1],
                 st == MSP_OK ? "built" : "failed", res.kind ? res.kind : "?", res.language ? res.language : "?",
                 res.pages, res.pages == 1 ? "" : "s", (double)(g_get_monotonic_time() - t0) / 1e6);
    msp_diag_list_print(stderr, &job.diags);
    if (st == MSP_OK) {
        const char *outputs[] = { out_path, tree_path, report_path };
        bool to_stdout = msp_is_stdin_name(out_path) || msp_is_stdin_name(tree_path) ||
                         msp_is_stdin_name(report_path);
        FILE *summary = msp_cli_summary_beside(outputs, 3);
        FILE *said = !to_stdout ? stdout : summary;
        if (summary)
            msp_cli_print_layout_summary(summary, argv[1], &res.layout, report_path);
        if (said && !msp_cli_quiet())
            fprintf(said, "%s: %d page%s%s%s\n", msp_is_stdin_name(out_path) ? "(standard output)" : res.out_path,
                    res.pages, res.pages == 1 ? "" : "s", res.symbol ? ", " : "", res.symbol ? res.symbol : "");
        rc = MSP_EXIT_OK;
    }
    msp_build_result_clear(&res);
    g_free(review);
    msp_job_clear(&job);
    msp_build_worker_clear(&w);
    msp_build_ctx_free(ctx);
out:
    g_free(changes_from);
    msp_diag_list_clear(&diags);
    g_free(out_path);
    g_free(tree_path);
    g_free(report_path);
    g_free(png_dir);
    g_free(standard);
    return rc;
}
