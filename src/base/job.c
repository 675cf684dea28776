/* Job lifetime and the time-limit check. */
#include "base/job.h"

void msp_job_init(msp_job *job)
{
    job->arena = msp_arena_new();
    msp_diag_list_init(&job->diags);
    job->limits = MSP_LIMITS_DEFAULT;
    job->started_us = g_get_monotonic_time();
    job->cancelled = 0;
}

void msp_job_clear(msp_job *job)
{
    msp_arena_free(job->arena);
    job->arena = NULL;
    msp_diag_list_clear(&job->diags);
}

msp_status msp_job_check_time(msp_job *job, msp_loc loc)
{
    if (job->cancelled)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, loc, NULL, "the job was cancelled");
    if (job->limits.max_seconds > 0) {
        double s = (g_get_monotonic_time() - job->started_us) / 1e6;
        if (s > job->limits.max_seconds)
            return msp_diag_error(&job->diags, MSP_E_LIMIT, loc,
                                  "raise the limit with --max-seconds, or look for a loop in the source",
                                  "the document took longer than %.0f s to make", job->limits.max_seconds);
    }
    return MSP_OK;
}
