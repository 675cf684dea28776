/* A job: one document being made. Owns the arena that the FO tree and the
 * area trees come from, and the diagnostics list. One per document, used by
 * one thread at a time. Limits live here so every stage can check them. */
#ifndef MSP_JOB_H
#define MSP_JOB_H

#include "base/arena.h"
#include "base/diag.h"

#include <stdbool.h>

typedef struct msp_limits {
    long max_source_bytes;   /* inputs larger than this are refused (default 32 MiB) */
    int max_depth;           /* element nesting depth (default 256) */
    int max_pages;           /* pages per document (default 5000) */
    double max_seconds;      /* wall time per document, 0 = none (batch sets it) */
} msp_limits;

#define MSP_LIMITS_DEFAULT ((msp_limits){ 32L << 20, 256, 5000, 0.0 })

typedef struct msp_job {
    msp_arena *arena;        /* owned */
    msp_diag_list diags;     /* owned */
    msp_limits limits;
    gint64 started_us;       /* g_get_monotonic_time() at msp_job_init */
    volatile int cancelled;  /* set by another thread to stop the job */
} msp_job;

void msp_job_init(msp_job *job);
void msp_job_clear(msp_job *job);

/* MSP_OK, or MSP_E_LIMIT (with a diagnostic at loc) when the job ran past
 * its time limit or was cancelled. Cheap: call it in long loops. */
msp_status msp_job_check_time(msp_job *job, msp_loc loc);

#endif
