/* mspdoc's entry point: process-wide set-up (libxml2 initialised once before
 * any thread starts), subcommand dispatch, --help and --version. Each
 * subcommand lives in its own cmd_<name>.c. */
#include "base/diag.h"
#include "cli/cmd.h"
#include "xslt/xslt.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    { "watch", msp_cmd_watch, "rebuild a paper's PDF on every save of it, a template or data" },
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
          "SOURCE_DATE_EPOCH (dates written into PDFs, for reproducible output),\n"
          "NO_COLOR (non-empty: no colour in messages unless --color=always).\n", out);
}

/* The options every command takes: how diagnostics are printed. */
static char *opt_color, *opt_diagnostics;

static const GOptionEntry color_entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &opt_color,
      "Colour in messages: auto (when standard error is a terminal and NO_COLOR is unset or empty), "
      "always, never", "WHEN" },
    { NULL, 0, 0, 0, NULL, NULL, NULL }
};

static const GOptionEntry json_entries[] = {
    { "diagnostics", 0, 0, G_OPTION_ARG_STRING, &opt_diagnostics,
      "How problems are written on standard error: human (the default), or json (one JSON object per "
      "line; summary lines go to standard output)", "FORMAT" },
    { NULL, 0, 0, 0, NULL, NULL, NULL }
};

/* The commands whose problems can be written as JSON Lines. */
static bool takes_json(const char *cmd)
{
    static const char *const names[] = { "check", "build", "fo", "render", "batch" };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (!strcmp(cmd, names[i]))
            return true;
    return false;
}

static bool json_mode;

bool msp_cli_json(void)
{
    return json_mode;
}

FILE *msp_cli_summary_out(void)
{
    return json_mode ? stdout : stderr;
}

/* Sets the process's diagnostic style from --color and --diagnostics; the
 * problem (a static string) when a value is not one of theirs. */
static const char *apply_diag_options(void)
{
    msp_diag_style style = MSP_DIAG_STYLE_DEFAULT;
    const char *color = opt_color ? opt_color : "auto";
    if (!strcmp(color, "always")) {
        style.color = true;
    } else if (!strcmp(color, "auto")) {
        const char *no_color = g_getenv("NO_COLOR");
        style.color = isatty(STDERR_FILENO) && !(no_color && *no_color);
    } else if (strcmp(color, "never") != 0) {
        return "--color takes auto, always or never";
    }
    if (opt_diagnostics && !strcmp(opt_diagnostics, "json")) {
        style.format = MSP_DIAG_FORMAT_JSON;
        style.color = false;
    } else if (opt_diagnostics && strcmp(opt_diagnostics, "human") != 0) {
        return "--diagnostics takes human or json";
    }
    json_mode = style.format == MSP_DIAG_FORMAT_JSON;
    msp_diag_set_style(&style);
    return NULL;
}

bool msp_cli_parse(GOptionContext *oc, const char *cmd, int *argc, char ***argv, int min_args, int max_args,
                   const char *args_hint)
{
    GError *err = NULL;
    const char *problem = NULL;
    g_option_context_add_main_entries(oc, color_entries, NULL);
    if (takes_json(cmd))
        g_option_context_add_main_entries(oc, json_entries, NULL);
    if (!g_option_context_parse(oc, argc, argv, &err))
        problem = err->message;
    else
        problem = apply_diag_options();
    if (!problem && (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args)))
        problem = args_hint;
    g_free(opt_color);
    g_free(opt_diagnostics);
    opt_color = opt_diagnostics = NULL;
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
            msp_diag_cache_clear();
            return rc;
        }
    }
    fprintf(stderr, "mspdoc: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return MSP_EXIT_USAGE;
}
