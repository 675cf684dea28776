/* The subcommands. Each takes the arguments after its name (argv[0] is the
 * subcommand's name) and returns the process exit code: 0 success, 1 the
 * document (or some documents) failed, 2 usage error. */
#ifndef MSP_CMD_H
#define MSP_CMD_H

int msp_cmd_render(int argc, char **argv);
int msp_cmd_build(int argc, char **argv);
int msp_cmd_check(int argc, char **argv);
int msp_cmd_fo(int argc, char **argv);
int msp_cmd_batch(int argc, char **argv);
int msp_cmd_reissue(int argc, char **argv);
int msp_cmd_data(int argc, char **argv);
int msp_cmd_watch(int argc, char **argv);
int msp_cmd_diff(int argc, char **argv);
int msp_cmd_corrigendum(int argc, char **argv);

/* The resource folder (templates/, data/, fonts/, hyphen/, color/): base/root.h's
 * msp_root(): $MSP_ROOT, else share/mspdoc next to the program, else the
 * build's source tree. Borrowed. */
const char *msp_cli_root(void);

#include <glib.h>
#include <stdbool.h>

/* Parses a subcommand's options with oc and checks that between min_args
 * and max_args positional arguments remain (max_args < 0: no limit). On a
 * usage error prints "mspdoc CMD: <what went wrong>" (args_hint for a wrong
 * count) and "Try 'mspdoc CMD --help'." to stderr and returns false. oc stays
 * the caller's. */
bool msp_cli_parse(GOptionContext *oc, const char *cmd, int *argc, char ***argv, int min_args, int max_args,
                   const char *args_hint);
/* msp_cli_parse adds the options of every command, --color=auto|always|never
 * and (check, build, fo, render, batch) --diagnostics=human|json, and sets
 * the diagnostic style from them (base/diag.h, msp_diag_set_style). */

#include <stdio.h>

/* -q/--quiet: only problems are printed (no progress, OK or summary lines).
 * -v/--verbose: also what is done (resources, steps, times). Never both. */
bool msp_cli_quiet(void);
bool msp_cli_verbose(void);

/* Under -v (and not --diagnostics=json): "mspdoc CMD: <text>" on stderr. */
void msp_cli_note(const char *cmd, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Reads an option's value text (NULL: not given, true and *out untouched)
 * as a number in [min, max] (a whole number when integer). Otherwise prints
 * "mspdoc CMD: OPTION takes a whole number from MIN to MAX, not 'TEXT'" and
 * the --help line, and returns false: the caller exits with 2. */
/* The largest --max-pages any command takes. */
#define MSP_CLI_MAX_PAGES 100000
#define MSP_CLI_MAX_PAGES_TEXT "100000"

bool msp_cli_number(const char *cmd, const char *option, const char *text, double min, double max, bool integer,
                    double *out);

/* "-" as an output name is standard output. Refuses (message on stderr,
 * false: exit 2) more than one "-" among binary and others (NULL entries
 * are not given), and binary (a PDF) as "-" while standard output is a
 * terminal. */
bool msp_cli_outputs(const char *cmd, const char *binary, const char *const *others, int n_others);

/* True under --diagnostics=json: standard error carries only JSON Lines. */
bool msp_cli_json(void);

/* Where a command's summary lines go ("x.xml: 2 errors", the layout line):
 * standard error, or standard output under --diagnostics=json so that they
 * never break the JSON stream. */
FILE *msp_cli_summary_out(void);

/* msp_cli_summary_out when none of outputs (NULL entries: not given) is
 * "-"; else standard error, or NULL under --diagnostics=json: summary lines
 * never share standard output with a document written there. */
FILE *msp_cli_summary_beside(const char *const *outputs, int n);

#include "layout/layout_report.h"

#include <stdio.h>

/* Prints "DOCUMENT: layout: <msp_layout_counts_summary>; see REPORT" on err
 * when counts has lines beyond tolerance (loose or overfull), nothing
 * otherwise. report_path: the --layout-report file written, or NULL (the
 * line then names the option). */
void msp_cli_print_layout_summary(FILE *err, const char *document, const msp_layout_counts *counts,
                                  const char *report_path);

#define MSP_EXIT_OK 0
#define MSP_EXIT_FAILED 1
#define MSP_EXIT_USAGE 2

#endif
