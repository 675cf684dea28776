/* `mspdoc check SOURCE.xml...`: every check (well-formedness, schema,
 * domain) on each source, all problems reported, nothing written.
 * Exit 1 if any source has an error. */
#include "batch/job.h"
#include "cli/cmd.h"

#include <glib.h>
#include <stdio.h>

int msp_cmd_check(int argc, char **argv)
{
    gboolean draft = FALSE, quiet = FALSE;
    GOptionEntry entries[] = {
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Check as drafts (the symbol is optional)", NULL },
        { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print only problems, not the per-file OK lines", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml... - run every check on sources, write nothing");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc,
        "Checks: well-formed UTF-8 XML without DOCTYPE, templates/paper.rng, symbol grammar and\n"
        "agreement with the meeting, meeting, agenda item, committee and year, unique ids,\n"
        "<ref> targets, Articles and Actions, dates. Every problem is printed as\n"
        "file:line:column: error: message, with a hint.\n"
        "Exit status: 0 all sources pass, 1 some source has an error, 2 usage error.");
    if (!msp_cli_parse(oc, "check", &argc, &argv, 1, -1, "expected at least one SOURCE.xml")) {
        g_option_context_free(oc);
        return MSP_EXIT_USAGE;
    }
    g_option_context_free(oc);

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_build_ctx *ctx = NULL;
    if (msp_build_ctx_load(&diags, &ctx, msp_cli_root(), false) != MSP_OK) {
        msp_diag_list_print(stderr, &diags);
        msp_diag_list_clear(&diags);
        return MSP_EXIT_FAILED;
    }
    msp_diag_list_clear(&diags);
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        msp_job job;
        msp_job_init(&job);
        msp_status st = msp_build_check(&job, ctx, argv[i], draft, NULL, NULL);
        msp_diag_list_print(stderr, &job.diags);
        if (st != MSP_OK || job.diags.errors > 0) {
            failed++;
            fprintf(stderr, "%s: %d error%s\n", argv[i], job.diags.errors, job.diags.errors == 1 ? "" : "s");
        } else if (!quiet) {
            printf("%s: OK\n", argv[i]);
        }
        msp_job_clear(&job);
    }
    msp_build_ctx_free(ctx);
    return failed ? MSP_EXIT_FAILED : MSP_EXIT_OK;
}
