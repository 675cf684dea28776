/* `mspdoc batch [DIR|SOURCE...] [-O OUTDIR] [-j N] [--draft] [--force]
 * [--report FILE.json]`: every paper of some folders built into one output
 * folder, incrementally and in parallel (src/batch/). */
#include "batch/batch.h"
#include "cli/cmd.h"
#include "render/pdf_finish.h"

#include <glib.h>
#include <stdio.h>

int msp_cmd_batch(int argc, char **argv)
{
    char *outdir = NULL, *report = NULL, *standard = NULL;
    char *jobs_text = NULL, *pages_text = NULL, *seconds_text = NULL;
    double jobs = 0, max_pages = 0, max_seconds = 0;
    gboolean draft = FALSE, force = FALSE;
    GOptionEntry entries[] = {
        { "output-dir", 'O', 0, G_OPTION_ARG_FILENAME, &outdir, "Write PDFs and the report to DIR (default: out)", "DIR" },
        { "jobs", 'j', 0, G_OPTION_ARG_STRING, &jobs_text,
          "Build N papers at once (1 to 256, default: the number of cores)", "N" },
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Build every paper as a draft (DRAFT watermark, build stamp)", NULL },
        { "force", 0, 0, G_OPTION_ARG_NONE, &force, "Rebuild papers that are up to date", NULL },
        { "report", 0, 0, G_OPTION_ARG_FILENAME, &report, "Also write the JSON report to FILE", "FILE.json" },
        { "max-pages", 0, 0, G_OPTION_ARG_STRING, &pages_text,
          "A paper with more than N pages fails (1 to " MSP_CLI_MAX_PAGES_TEXT ", default 5000)", "N" },
        { "max-seconds", 0, 0, G_OPTION_ARG_STRING, &seconds_text,
          "A paper taking longer than S seconds (0.001 to 86400) fails; the batch goes on", "S" },
        { "pdf-standard", 0, 0, G_OPTION_ARG_STRING, &standard,
          "What the PDF conforms to: " MSP_PDF_STANDARD_VALUES " (default ua-1,a-2a)", "STD" },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("[DIR|SOURCE.xml...]");
    g_option_context_set_summary(oc,
        "Builds every paper source found (folders are searched recursively for *.xml\n"
        "whose root is a paper) into OUTDIR, with OUTDIR/index.json and index.html.\n"
        "Only papers whose source, templates, data, fonts or program changed are\n"
        "rebuilt. With no DIR, the current folder is searched.");
    g_option_context_set_description(oc, "Exit status: 0 all papers built or up to date, 1 some failed (or the\n"
                                         "batch was stopped by SIGTERM), 2 usage error, 130 stopped by Ctrl-C.\n"
                                         "See docs/nightly.md.");
    g_option_context_add_main_entries(oc, entries, NULL);
    int rc = MSP_EXIT_USAGE;
    if (!msp_cli_parse(oc, "batch", &argc, &argv, 0, -1, NULL))
        goto done;
    if (!msp_cli_number("batch", "--jobs", jobs_text, 1, 256, true, &jobs) ||
        !msp_cli_number("batch", "--max-pages", pages_text, 1, MSP_CLI_MAX_PAGES, true, &max_pages) ||
        !msp_cli_number("batch", "--max-seconds", seconds_text, 0.001, 86400, false, &max_seconds))
        goto done;
    msp_pdf_standard std_parsed;
    if (standard && !msp_pdf_standard_parse(standard, &std_parsed)) {
        fprintf(stderr, "mspdoc batch: --pdf-standard takes %s\n", MSP_PDF_STANDARD_VALUES);
        goto done;
    }
    msp_batch_opts o = { 0 };
    o.pdf_standard = standard;
    o.root = msp_cli_root();
    o.outdir = outdir ? outdir : "out";
    o.workers = (int)jobs;
    o.max_pages = (int)max_pages;
    o.max_seconds = max_seconds;
    o.draft = draft;
    o.force = force;
    o.report_json = report;
    o.quiet = msp_cli_quiet() || msp_cli_json(); /* progress and summary lines would break the JSON stream */
    char *here[] = { "." };
    rc = argc > 1 ? msp_batch_run(&o, argv + 1, argc - 1) : msp_batch_run(&o, here, 1);
done:
    g_free(jobs_text);
    g_free(pages_text);
    g_free(seconds_text);
    g_free(outdir);
    g_free(report);
    g_free(standard);
    g_option_context_free(oc);
    return rc;
}
