/* What identifies a batch run in its report: the date (SOURCE_DATE_EPOCH
 * when set, so that a report can be made again identically), mspdoc's
 * version and the git commit it was built from. The commit comes from a
 * header CMake writes only when the commit changes (cmake/commit.cmake),
 * so only this file is compiled again then. */
#include "batch/batch_private.h"
#include "msp_commit.h"

gint64 msp_report_source_date_epoch(void)
{
    const char *sde = g_getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    gint64 v = sde && *sde ? g_ascii_strtoll(sde, &end, 10) : -1;
    return end && *end == '\0' && v >= 0 ? v : -1;
}

msp_report_run msp_report_run_now(double seconds, const char *outdir)
{
    msp_report_run run = { 0 };
    gint64 epoch = msp_report_source_date_epoch();
    run.date = epoch >= 0 ? epoch : g_get_real_time() / G_USEC_PER_SEC;
    run.version = MSP_VERSION;
    run.commit = MSP_COMMIT;
    run.seconds = seconds;
    run.outdir = outdir;
    return run;
}
