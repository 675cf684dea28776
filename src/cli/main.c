/* mspdoc's entry point: process-wide set-up (libxml2 initialised once before
 * any thread starts), subcommand dispatch, --help and --version. Each
 * subcommand lives in its own cmd_<name>.c. */
#include "cli/cmd.h"
#include "xslt/xslt.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    { "build", msp_cmd_build, "validate a paper's source and make its PDF" },
    { "check", msp_cmd_check, "run every check on sources, write nothing" },
    { "fo", msp_cmd_fo, "print the XSL-FO made from a source" },
    { "render", msp_cmd_render, "lay out an XSL-FO file and write a PDF" },
    { "batch", msp_cmd_batch, "build every paper of a folder, incrementally, in parallel" },
    { "reissue", msp_cmd_reissue, "mark a source as reissued (date, reason, previous symbol)" },
    { "data", msp_cmd_data, "list what the reference data knows (committees, meetings, agenda, States)" },
};

static void usage(FILE *out)
{
    fputs("Usage: mspdoc COMMAND [OPTIONS] [ARGS]\n\n"
          "Makes the official papers of the Meetings of the States Parties to the\n"
          "Anti-Personnel Mine Ban Convention as PDF, from structured XML sources.\n\n"
          "Commands:\n", out);
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'mspdoc COMMAND --help' for a command's options.\n"
          "Exit status: 0 success, 1 a document failed, 2 usage error.\n"
          "Environment: MSP_ROOT (folder holding templates/, data/, fonts/, hyphen/),\n"
          "SOURCE_DATE_EPOCH (dates written into PDFs, for reproducible output).\n", out);
}

bool msp_cli_parse(GOptionContext *oc, const char *cmd, int *argc, char ***argv, int min_args, int max_args,
                   const char *args_hint)
{
    GError *err = NULL;
    const char *problem = NULL;
    if (!g_option_context_parse(oc, argc, argv, &err))
        problem = err->message;
    else if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
        problem = args_hint;
    if (problem) {
        fprintf(stderr, "mspdoc %s: %s\nTry 'mspdoc %s --help'.\n", cmd, problem, cmd);
        if (err)
            g_error_free(err);
        return false;
    }
    return true;
}

const char *msp_cli_root(void)
{
    const char *env = g_getenv("MSP_ROOT");
    return (env && *env) ? env : MSP_SOURCE_ROOT;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C.UTF-8");
    if (argc < 2) {
        usage(stderr);
        return MSP_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return MSP_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("mspdoc %s\n", MSP_VERSION);
        return MSP_EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            /* Once, before any worker thread exists. */
            xmlInitParser();
            msp_xslt_global_init();
            int rc = commands[i].run(argc - 1, argv + 1);
            xsltCleanupGlobals();
            xmlCleanupParser();
            return rc;
        }
    }
    fprintf(stderr, "mspdoc: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return MSP_EXIT_USAGE;
}
