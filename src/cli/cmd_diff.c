/* `mspdoc diff ISSUED.xml CORRECTED.xml [--json]`: the changes between two
 * versions of one paper, located by paragraph and printed line of the
 * issued version (src/edit/diff.c). Exit codes follow diff(1): 0 the same,
 * 1 different, 2 trouble (a source that does not check, a different paper,
 * a usage error). */
#include "cli/cmd.h"
#include "edit/edit.h"

#include <glib.h>
#include <stdio.h>

int msp_cmd_diff(int argc, char **argv)
{
    gboolean json = FALSE;
    GOptionEntry entries[] = {
        { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the changes as one JSON object", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("ISSUED.xml CORRECTED.xml");
    g_option_context_set_summary(oc, "Compares two versions of one paper (same symbol, kind and language): masthead\n"
                                     "fields, paragraphs and sub-items, footnotes, and the words inside them. Each\n"
                                     "change is printed with its paragraph number and its printed line(s) in the\n"
                                     "issued version's layout. Exit status: 0 no changes, 1 changes, 2 trouble.");
    g_option_context_add_main_entries(oc, entries, NULL);
    int rc = MSP_EXIT_USAGE;
    if (!msp_cli_parse(oc, "diff", &argc, &argv, 2, 2, "expected ISSUED.xml and CORRECTED.xml"))
        goto done;
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_build_ctx *ctx = NULL;
    if (msp_build_ctx_load(&diags, &ctx, msp_cli_root(), true) != MSP_OK) {
        msp_diag_list_print(stderr, &diags);
        msp_diag_list_clear(&diags);
        goto done;
    }
    msp_build_worker w;
    msp_build_worker_init(&w, ctx);
    msp_job job;
    msp_job_init(&job);
    msp_diff *d = NULL;
    msp_status st = msp_diff_run(&job, ctx, &w, argv[1], argv[2], &d);
    msp_diag_list_print(stderr, &job.diags);
    if (st == MSP_OK) {
        if (json)
            msp_diff_print_json(d, stdout);
        else
            msp_diff_print(d, stdout);
        rc = msp_diff_n_changes(d) == 0 ? MSP_EXIT_OK : MSP_EXIT_FAILED;
    }
    msp_diff_free(d);
    msp_job_clear(&job);
    msp_build_worker_clear(&w);
    msp_build_ctx_free(ctx);
    msp_diag_list_clear(&diags);
done:
    g_option_context_free(oc);
    return rc;
}
