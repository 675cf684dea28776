/* `mspdoc check SOURCE.xml...`: every check (well-formedness, schema,
 * domain) on each source, then the language versions among them against
 * each other (source/versions.h); all problems reported, nothing written.
 * Exit 1 if any source has an error. */
#include "base/stdin.h"
#include "batch/job.h"
#include "cli/cmd.h"
#include "source/versions.h"

#include <glib.h>
#include <stdio.h>

/* A source as its messages name it ("-" is "<stdin>"). */
static const char *shown_name(const char *arg)
{
    return msp_is_stdin_name(arg) ? MSP_STDIN_NAME : arg;
}

int msp_cmd_check(int argc, char **argv)
{
    gboolean draft = FALSE;
    GOptionEntry entries[] = {
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Check as drafts (the symbol is optional)", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml... - run every check on sources, write nothing ('-': standard input)");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc,
        "Checks: well-formed UTF-8 XML without DOCTYPE, templates/paper.rng, symbol grammar and\n"
        "agreement with the meeting, meeting, agenda item, committee and year, unique ids,\n"
        "<ref> targets, Articles and Actions, dates; and the language versions of one\n"
        "symbol among the sources against each other (structure, notes, untranslated\n"
        "data; warnings with --draft). Every problem is printed as\n"
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
    /* every source checked on its own first, then the language versions of
     * each symbol against each other (src/source/versions.h); printed after */
    int n = argc - 1;
    msp_job *jobs = g_new0(msp_job, n);
    msp_versions_summary **summaries = g_new0(msp_versions_summary *, n);
    msp_diag_list **lists = g_new0(msp_diag_list *, n);
    msp_status *status = g_new0(msp_status, n);
    for (int i = 0; i < n; i++) {
        msp_job_init(&jobs[i]);
        lists[i] = &jobs[i].diags;
        status[i] = msp_build_check(&jobs[i], ctx, argv[i + 1], draft, NULL, NULL);
        /* read again for its structure, whatever its own checks found (a
         * source that does not load is reported above and compared with none) */
        msp_job quiet_job;
        msp_job_init(&quiet_job);
        msp_source *src = NULL;
        if (msp_source_load(&quiet_job, &src, argv[i + 1]) == MSP_OK && src)
            summaries[i] = msp_versions_summary_new(src);
        msp_source_free(src);
        msp_job_clear(&quiet_job);
    }
    msp_versions_check(summaries, lists, (guint)n, draft);
    msp_cli_note("check", "%d source%s checked, language versions compared", n, n == 1 ? "" : "s");
    int failed = 0;
    for (int i = 0; i < n; i++) {
        msp_job *job = &jobs[i];
        msp_diag_list_print(stderr, &job->diags);
        if (status[i] != MSP_OK || job->diags.errors > 0) {
            failed++;
            fprintf(msp_cli_summary_out(), "%s: %d error%s\n", shown_name(argv[i + 1]), job->diags.errors,
                    job->diags.errors == 1 ? "" : "s");
        } else if (!msp_cli_quiet()) {
            printf("%s: OK\n", shown_name(argv[i + 1]));
        }
        msp_versions_summary_free(summaries[i]);
        msp_job_clear(job);
    }
    g_free(status);
    g_free(lists);
    g_free(summaries);
    g_free(jobs);
    msp_build_ctx_free(ctx);
    return failed ? MSP_EXIT_FAILED : MSP_EXIT_OK;
}
