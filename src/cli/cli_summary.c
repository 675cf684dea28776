/* The one line `build` and `render` print on stderr when a document has
 * lines beyond tolerance (the layout report's counts). The report file
 * itself is written by its command (layout/layout_report.h). */
#include "cli/cmd.h"
#include "base/stdin.h"

void msp_cli_print_layout_summary(FILE *err, const char *document, const msp_layout_counts *counts,
                                  const char *report_path)
{
    if (msp_layout_counts_beyond(counts) == 0)
        return;
    char *summary = msp_layout_counts_summary(counts);
    /* standard input is named as its messages name it */
    const char *name = !document ? "-" : msp_is_stdin_name(document) ? MSP_STDIN_NAME : document;
    fprintf(err, "%s: layout: %s; see %s\n", name, summary, report_path ? report_path : "--layout-report");
    g_free(summary);
}
