/* The one line `build` and `render` print on stderr when a document has
 * lines beyond tolerance (the layout report's counts). The report file
 * itself is written by its command (layout/layout_report.h). */
#include "cli/cmd.h"

void msp_cli_print_layout_summary(FILE *err, const char *document, const msp_layout_counts *counts,
                                  const char *report_path)
{
    if (msp_layout_counts_beyond(counts) == 0)
        return;
    char *summary = msp_layout_counts_summary(counts);
    fprintf(err, "%s: layout: %s; see %s\n", document ? document : "-", summary,
            report_path ? report_path : "--layout-report");
    g_free(summary);
}
