/* `mspdoc reissue SOURCE.xml --date YYYY-MM-DD [--reason TEXT]
 * [--previous-symbol SYM]`: sets the source's meta/reissue in place,
 * keeping every other byte of the file (src/edit/reissue.c). One source is
 * one language version: the others are files of their own, never touched,
 * and a symbol instead of a file is refused with a hint naming that. */
#include "cli/cmd.h"
#include "edit/edit.h"
#include "source/symbol.h"

#include <glib.h>
#include <stdio.h>

int msp_cmd_reissue(int argc, char **argv)
{
    char *date = NULL, *reason = NULL, *previous = NULL;
    GOptionEntry entries[] = {
        { "date", 'd', 0, G_OPTION_ARG_STRING, &date, "Date of the reissue (required)", "YYYY-MM-DD" },
        { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
          "Words replacing \"for technical reasons\" in the reissue note", "TEXT" },
        { "previous-symbol", 'p', 0, G_OPTION_ARG_STRING, &previous,
          "Symbol the paper was previously issued under", "SYM" },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml --date YYYY-MM-DD");
    g_option_context_set_summary(oc, "Marks a report as reissued: sets its <reissue> element in place (the masthead\n"
                                     "symbol then gets its star). Formatting and comments of the file are kept;\n"
                                     "an existing <reissue> is replaced. SOURCE.xml is one language version: the\n"
                                     "other versions of the symbol are not touched (reissue each one that is\n"
                                     "reissued; mspdoc check reports versions whose reissues differ).");
    g_option_context_add_main_entries(oc, entries, NULL);
    int rc = MSP_EXIT_USAGE;
    const char *hint = "expected one SOURCE.xml and --date YYYY-MM-DD";
    if (!msp_cli_parse(oc, "reissue", &argc, &argv, 1, 1, hint))
        goto done;
    if (!date) {
        fprintf(stderr, "mspdoc reissue: %s\nTry 'mspdoc reissue --help'.\n", hint);
        goto done;
    }
    msp_symbol sym;
    if (!g_file_test(argv[1], G_FILE_TEST_EXISTS) && msp_symbol_parse(&sym, argv[1], NULL)) {
        /* the symbol names every language version: which one is the user's to say */
        fprintf(stderr, "%s: error: is a document symbol, not a source file\n"
                        "  hint: give the source of the language version to reissue (e.g. paper-fr.xml); "
                        "each version of a symbol is its own file\n", argv[1]);
        goto done;
    }
    msp_job job;
    msp_job_init(&job);
    job.diags.echo = stderr;
    msp_reissue r = { date, reason, previous };
    if (msp_reissue_check(&job, &r) != MSP_OK)
        rc = MSP_EXIT_USAGE;
    else
        rc = msp_reissue_file(&job, argv[1], &r) == MSP_OK ? MSP_EXIT_OK : MSP_EXIT_FAILED;
    msp_job_clear(&job);
done:
    g_free(date);
    g_free(reason);
    g_free(previous);
    g_option_context_free(oc);
    return rc;
}
