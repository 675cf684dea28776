/* mspdoc's entry point: process-wide set-up (libxml2 initialised once before
 * any thread starts), subcommand dispatch, --help and --version. Each
 * subcommand lives in its own cmd_<name>.c. */
#include "base/diag.h"
#include "base/root.h"
#include "base/stdin.h"
#include "base/suggest.h"
#include "cli/cmd.h"
#include "xslt/xslt.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <errno.h>
#include <stdarg.h>
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
    { "diff", msp_cmd_diff, "list the changes between an issued paper and its corrected version" },
    { "corrigendum", msp_cmd_corrigendum, "draft the corrigendum source of the changes to an issued paper" },
    { "data", msp_cmd_data, "list what the reference data knows (committees, meetings, agenda, States)" },
};

static void usage(FILE *out)
{
    fputs("Usage: mspdoc COMMAND [OPTIONS] [ARGS]\n\n"
          "Makes the official papers of the Meetings of the States Parties to the\n"
          "Anti-Personnel Mine Ban Convention as PDF, from structured XML sources.\n\n"
          "Commands:\n", out);
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'mspdoc COMMAND --help' for a command's options.\n"
          "Exit status: 0 success, 1 a document failed, 2 usage error.\n"
          "Environment: MSP_ROOT (folder holding templates/, data/, fonts/, hyphen/, color/;\n"
          "default: ../share/mspdoc next to the program, else the source tree; see --version),\n"
          "SOURCE_DATE_EPOCH (dates written into PDFs, for reproducible output),\n"
          "NO_COLOR (non-empty: no colour in messages unless --color=always).\n", out);
}

/* The options every command takes: how much is said, how diagnostics are
 * printed. */
static char *opt_color, *opt_diagnostics;
static gboolean opt_quiet, opt_verbose;
static bool quiet_mode, verbose_mode;

static const GOptionEntry color_entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
      "Print only problems (errors and warnings), no progress or summary lines", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose,
      "Also print what is done: where resources come from, each step and its time", NULL },
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

bool msp_cli_quiet(void)
{
    return quiet_mode;
}

bool msp_cli_verbose(void)
{
    return verbose_mode;
}

bool msp_cli_json(void)
{
    return json_mode;
}

FILE *msp_cli_summary_out(void)
{
    return json_mode ? stdout : stderr;
}

FILE *msp_cli_summary_beside(const char *const *outputs, int n)
{
    for (int i = 0; i < n; i++)
        if (msp_is_stdin_name(outputs[i]))
            return json_mode ? NULL : stderr;
    return msp_cli_summary_out();
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
    if (opt_quiet && opt_verbose)
        return "--quiet and --verbose exclude each other";
    quiet_mode = opt_quiet;
    verbose_mode = opt_verbose;
    msp_diag_set_style(&style);
    return NULL;
}

/* The long options oc knows, as "--name", read from its own help text (so
 * no list is kept twice). */
static GPtrArray *long_options(GOptionContext *oc)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    char *help = g_option_context_get_help(oc, FALSE, NULL);
    for (const char *p = help; (p = strstr(p, "--")) != NULL;) {
        const char *q = p + 2;
        while (g_ascii_isalnum(*q) || *q == '-')
            q++;
        if (q > p + 2 && (p == help || p[-1] == ' ' || p[-1] == ','))
            g_ptr_array_add(names, g_strndup(p, (gsize)(q - p)));
        p = q;
    }
    g_free(help);
    return names;
}

/* "; did you mean --output?" for an unknown option in GLib's message
 * ("Unknown option --outptu"), or NULL. */
static char *option_guess(GOptionContext *oc, const GError *err)
{
    const char *prefix = "Unknown option ";
    if (!err || err->code != G_OPTION_ERROR_UNKNOWN_OPTION || !g_str_has_prefix(err->message, prefix))
        return NULL;
    char *typed = g_strdup(err->message + strlen(prefix));
    char *eq = strchr(typed, '=');
    if (eq)
        *eq = '\0';
    char *out = NULL;
    if (g_str_has_prefix(typed, "--")) {
        GPtrArray *names = long_options(oc);
        const char *guess = msp_suggest(typed, names);
        if (guess)
            out = g_strdup_printf("; did you mean %s?", guess);
        g_ptr_array_unref(names);
    }
    g_free(typed);
    return out;
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
    opt_quiet = opt_verbose = FALSE;
    if (!problem)
        msp_cli_note(cmd, "resources (templates/, data/, fonts/, hyphen/, color/) from %s", msp_cli_root());
    if (problem) {
        char *guess = option_guess(oc, err);
        fprintf(stderr, "mspdoc %s: %s%s\nTry 'mspdoc %s --help'.\n", cmd, problem, guess ? guess : "", cmd);
        g_free(guess);
        if (err)
            g_error_free(err);
        return false;
    }
    return true;
}

void msp_cli_note(const char *cmd, const char *fmt, ...)
{
    if (!verbose_mode || json_mode)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "mspdoc %s: %s\n", cmd, text);
    g_free(text);
}

bool msp_cli_number(const char *cmd, const char *option, const char *text, double min, double max, bool integer,
                    double *out)
{
    if (!text)
        return true;
    char *end = NULL;
    errno = 0;
    double v = g_ascii_strtod(text, &end);
    bool ok = end != text && *end == '\0' && errno == 0 && v >= min && v <= max && !(integer && v != (double)(long long)v);
    if (ok) {
        *out = v;
        return true;
    }
    char lo[32], hi[32];
    g_snprintf(lo, sizeof lo, "%g", min);
    g_snprintf(hi, sizeof hi, "%g", max);
    fprintf(stderr, "mspdoc %s: %s takes %s from %s to %s, not '%s'\nTry 'mspdoc %s --help'.\n", cmd, option,
            integer ? "a whole number" : "a number", lo, hi, text, cmd);
    return false;
}

bool msp_cli_outputs(const char *cmd, const char *binary, const char *const *others, int n_others)
{
    int to_stdout = msp_is_stdin_name(binary);
    for (int i = 0; i < n_others; i++)
        to_stdout += msp_is_stdin_name(others[i]);
    if (to_stdout > 1) {
        fprintf(stderr, "mspdoc %s: only one output can be '-' (standard output)\nTry 'mspdoc %s --help'.\n", cmd,
                cmd);
        return false;
    }
    if (msp_is_stdin_name(binary) && isatty(STDOUT_FILENO)) {
        fprintf(stderr, "mspdoc %s: standard output is a terminal: a PDF would be written to it\n"
                        "  hint: redirect it ('-o - > paper.pdf', '| lp') or give a file name\n", cmd);
        return false;
    }
    return true;
}

const char *msp_cli_root(void)
{
    return msp_root();
}

/* The command's arguments with a number attached to a short option split
 * off, as make and ctest users write it: "-j2" becomes "-j" "2" (GLib
 * reads "-j2" as the options -j and -2). NULL-terminated; the strings are
 * argv's. */
static GPtrArray *split_attached_numbers(int argc, char **argv)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(NULL);
    bool options = true;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (options && !strcmp(a, "--"))
            options = false;
        if (options && a[0] == '-' && g_ascii_isalpha(a[1]) && g_ascii_isdigit(a[2])) {
            g_ptr_array_add(out, g_strndup(a, 2));
            g_ptr_array_add(out, g_strdup(a + 2));
        } else {
            g_ptr_array_add(out, g_strdup(a));
        }
    }
    g_ptr_array_set_free_func(out, g_free);
    g_ptr_array_add(out, NULL);
    return out;
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
        printf("mspdoc %s\nresources: %s (%s)\n", MSP_VERSION, msp_root(), msp_root_get()->reason);
        return MSP_EXIT_OK;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            /* Once, before any worker thread exists. */
            xmlInitParser();
            msp_xslt_global_init();
            /* the command's option parser moves the pointers of the vector it
             * is given: the strings are freed from their own list */
            GPtrArray *args = split_attached_numbers(argc - 1, argv + 1);
            char **vec = g_memdup2(args->pdata, args->len * sizeof(char *));
            int rc = commands[i].run((int)args->len - 1, vec);
            g_free(vec);
            g_ptr_array_free(args, TRUE);
            xsltCleanupGlobals();
            xmlCleanupParser();
            msp_diag_cache_clear();
            return rc;
        }
    }
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        g_ptr_array_add(names, (char *)commands[i].name);
    const char *guess = argv[1][0] == '-' ? NULL : msp_suggest(argv[1], names);
    if (guess)
        fprintf(stderr, "mspdoc: unknown command '%s'; did you mean '%s'?\n", argv[1], guess);
    else
        fprintf(stderr, "mspdoc: unknown command '%s'\n", argv[1]);
    g_ptr_array_unref(names);
    usage(stderr);
    return MSP_EXIT_USAGE;
}
