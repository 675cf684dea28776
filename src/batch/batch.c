/* A batch run from start to end: the output folder locked and cleaned of
 * an interrupted run's temporaries, the plan, build keys and up-to-date
 * checks, the builds (workers.c), a stamp per finished paper, the reports
 * and the exit code. How one paper is built is build.c's. */
#include "batch/batch_private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

typedef struct run_ctx {
    const msp_batch_opts *opts;
    FILE *err;
    bool tty;
} run_ctx;

static void print_diags(run_ctx *rc, const msp_paper *p)
{
    if ((p->diags.items->len == 0 && p->version_diags.items->len == 0) || !rc->err)
        return;
    if (rc->tty)
        fputs("\r\033[K", rc->err);
    msp_diag_list_print(rc->err, &p->version_diags);
    msp_diag_list_print(rc->err, &p->diags);
    fflush(rc->err);
}

/* Main thread, after each paper: the stamp first written only for a
 * finished PDF, so a crash between the two rebuilds that paper. */
static void on_done(void *user, msp_paper *p)
{
    run_ctx *rc = user;
    if (p->status == MSP_PAPER_BUILT) {
        if (msp_stamp_write(rc->opts->outdir, p) != MSP_OK)
            p->status = MSP_PAPER_FAILED;
    } else if (p->status == MSP_PAPER_FAILED) {
        msp_stamp_remove(rc->opts->outdir, p);
    }
    if (p->status != MSP_PAPER_CANCELLED)
        print_diags(rc, p);
}

/* A refusal of the whole run, through the diagnostics funnel so that it
 * prints as every other message (excerpt, colour, or a JSON line). */
static void run_error(FILE *err, const char *file, msp_status st, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
static void run_error(FILE *err, const char *file, msp_status st, const char *hint, const char *fmt, ...)
{
    if (!err)
        return;
    msp_diag_list l;
    msp_diag_list_init(&l);
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msp_diag_error(&l, st, ((msp_loc){ file, 0, 0 }), hint, "%s", msg);
    msp_diag_list_print(err, &l);
    g_free(msg);
    msp_diag_list_clear(&l);
}

/* True when OUTDIR/name is a symbolic link: batch writes state and
 * thumbnails there, and must never write outside OUTDIR through one. */
static bool planted_link(const char *outdir, const char *name, FILE *err)
{
    char *path = g_build_filename(outdir, name, NULL);
    GStatBuf st;
    bool link = g_lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (link)
        run_error(err, path, MSP_E_OUTPUT, "remove the link (mspdoc makes the folder itself)",
                  "is a symbolic link; mspdoc writes only inside the output folder");
    g_free(path);
    return link;
}

/* An advisory lock on OUTDIR/.mspdoc-state/lock, held until exit or
 * unlock_outdir; the kernel drops it when the process dies (kill -9). */
static int lock_outdir(const char *outdir, FILE *err)
{
    char *dir = g_build_filename(outdir, MSP_BATCH_STATE_DIR, NULL);
    char *path = g_build_filename(dir, "lock", NULL);
    int fd = -1;
    if (planted_link(outdir, MSP_BATCH_STATE_DIR, err) || planted_link(outdir, MSP_BATCH_THUMB_DIR, err)) {
        /* refused: reported */
    } else if (g_mkdir_with_parents(dir, 0777) != 0) {
        run_error(err, dir, MSP_E_OUTPUT, NULL, "cannot create the output folder: %s", g_strerror(errno));
    } else if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666)) < 0) {
        run_error(err, path, MSP_E_OUTPUT, NULL, "cannot open the lock file: %s", g_strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        run_error(err, outdir, MSP_E_OUTPUT, "wait for it to finish, or choose another output folder with -O",
                  "another batch is writing to this folder");
        close(fd);
        fd = -1;
    }
    g_free(path);
    g_free(dir);
    return fd;
}

int msp_batch_run_papers(const msp_batch_opts *opts, GPtrArray *papers, const msp_batch_builder *builder,
                         FILE *err)
{
    gint64 t0 = g_get_monotonic_time();
    int lock = lock_outdir(opts->outdir, err);
    if (lock < 0)
        return 1;
    msp_stamp_clean_temporaries(opts->outdir);
    msp_digest_cache_save(builder->digests);

    run_ctx rc = { opts, err, !opts->quiet && err && isatty(fileno(err)) };
    const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
    int up_to_date = 0;
    /* the language versions of each symbol agree, or they are not built */
    int disagree = msp_plan_check_versions(papers, opts->draft);
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (opts->draft)
            p->draft = true;
        if (p->status == MSP_PAPER_FAILED) {
            print_diags(&rc, p);
            continue;
        }
        if (p->check_only)
            continue;
        g_free(p->key);
        const char *kd = builder->kind_digest ? builder->kind_digest(builder->shared, p->kind) : NULL;
        /* the standard changes the file: a paper built for another one is not current */
        char *deps = g_strconcat(builder->deps_digest, " ", kd ? kd : "-", " pdf ",
                                 opts->pdf_standard ? opts->pdf_standard : "default", NULL);
        p->key = msp_stamp_key(p->source_sha256, deps, p->draft, epoch);
        g_free(deps);
        if (!opts->force && msp_stamp_is_current(opts->outdir, p)) {
            p->status = MSP_PAPER_UP_TO_DATE;
            up_to_date++;
            if (rc.err)
                msp_diag_list_print(rc.err, &p->version_diags); /* not built: printed now */
        }
    }
    if (!opts->quiet && err)
        fprintf(err, "mspdoc batch: %u papers, %d up to date\n", papers->len, up_to_date);

    msp_workers_opts wo = { 0 };
    wo.threads = opts->workers > 0 ? opts->workers : (int)g_get_num_processors();
    wo.progress = opts->quiet ? NULL : err;
    wo.tty = rc.tty;
    wo.done = on_done;
    wo.done_user = &rc;
    int signo = msp_workers_run(builder, papers, &wo);

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    diags.echo = err;
    double seconds = (g_get_monotonic_time() - t0) / 1e6;
    msp_status st = msp_report_write(&diags, papers, opts->outdir, opts->report_json, seconds);
    msp_diag_list_clear(&diags);
    close(lock);

    int built = 0, failed = 0, cancelled = 0;
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        built += p->status == MSP_PAPER_BUILT;
        failed += p->status == MSP_PAPER_FAILED;
        cancelled += p->status == MSP_PAPER_CANCELLED;
    }
    if (!opts->quiet && err)
        fprintf(err, "mspdoc batch: %d built, %d up to date, %d failed%s in %.2f s\n", built, up_to_date, failed,
                cancelled ? " (interrupted: the next run builds the rest)" : "", seconds);
    if (disagree && err && msp_diag_get_style().format != MSP_DIAG_FORMAT_JSON)   /* text breaks JSON Lines */
        fprintf(err, "mspdoc batch: %d symbol%s whose language versions disagree: those versions failed "
                     "(errors above; index.json \"symbols\")\n", disagree, disagree == 1 ? "" : "s");
    if (signo == SIGINT)
        return 130;
    if (signo || failed || st != MSP_OK)
        return 1;
    return 0;
}
