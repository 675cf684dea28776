/* Running a batch's builds: a GThreadPool of N workers, each borrowing one
 * of N per-worker contexts (own Pango font map and context) for a paper,
 * results handed back to the main thread, SIGINT/SIGTERM handling (stop
 * starting papers, cancel running ones), and the progress display. */
#include "batch/batch_private.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t caught_signal;

static void on_signal(int signo)
{
    caught_signal = signo;
}

typedef struct task {
    msp_paper *paper;
    char *name;               /* paper_name, made on the main thread before the build */
    msp_batch_cancel cancel;  /* requested by the main thread on a signal */
} task;

void msp_batch_cancel_request(msp_batch_cancel *c)
{
    g_mutex_lock(&c->lock);
    c->requested = 1;
    if (c->job_flag)
        *c->job_flag = 1;
    g_mutex_unlock(&c->lock);
}

void msp_batch_cancel_attach(msp_batch_cancel *c, volatile int *flag)
{
    g_mutex_lock(&c->lock);
    c->job_flag = flag;
    if (flag && c->requested)
        *flag = 1;
    g_mutex_unlock(&c->lock);
}

typedef struct run_state {
    const msp_batch_builder *builder;
    GAsyncQueue *contexts;    /* of worker contexts; one per thread */
    GAsyncQueue *done;        /* of task*, finished */
    gint stop;                /* atomic: start no new paper */
    gpointer current;         /* atomic: the name of the paper started last (progress) */
} run_state;

static void run_task(void *data, void *user)
{
    task *t = data;
    run_state *rs = user;
    if (g_atomic_int_get(&rs->stop)) {
        t->paper->status = MSP_PAPER_CANCELLED;
        g_async_queue_push(rs->done, t);
        return;
    }
    void *ctx = g_async_queue_pop(rs->contexts);
    g_atomic_pointer_set(&rs->current, t->name);
    gint64 t0 = g_get_monotonic_time();
    msp_status st = rs->builder->build(rs->builder->shared, ctx, t->paper, &t->cancel);
    t->paper->seconds = (g_get_monotonic_time() - t0) / 1e6;
    g_async_queue_push(rs->contexts, ctx);
    if (st == MSP_OK && t->paper->diags.errors == 0)
        t->paper->status = MSP_PAPER_BUILT;
    else if (t->cancel.requested || g_atomic_int_get(&rs->stop))
        t->paper->status = MSP_PAPER_CANCELLED;
    else
        t->paper->status = MSP_PAPER_FAILED;
    if (t->paper->status == MSP_PAPER_FAILED && t->paper->diags.errors == 0 && t->paper->version_diags.errors == 0)
        msp_diag_error(&t->paper->diags, st ? st : MSP_E_OUTPUT, ((msp_loc){ t->paper->source, 0, 0 }), NULL,
                       "the paper could not be made");
    g_async_queue_push(rs->done, t);
}

static void task_free(void *p)
{
    task *t = p;
    g_mutex_clear(&t->cancel.lock);
    g_free(t->name);
    g_free(t);
}

/* How every progress line names a paper: "SYMBOL (LANG)" when both are
 * known (the language versions of a symbol share it), else the source's
 * path. Owned. */
static char *paper_name(const msp_paper *p)
{
    if (p->symbol && *p->symbol && p->language && *p->language)
        return g_strdup_printf("%s (%s)", p->symbol, p->language);
    return g_strdup(p->source);
}

/* A terminal gets one line updated in place, naming the paper started last
 * (current, else last); other output a line per finished paper (last). */
static void show_progress(const msp_workers_opts *o, int done, int total, int failed, const msp_paper *last,
                          const char *current)
{
    if (!o->progress)
        return;
    char *name = last && !(o->tty && current) ? paper_name(last) : NULL;
    if (o->tty) {
        const char *n = current ? current : name;
        fprintf(o->progress, "\r\033[K[%d/%d] %s%s%d failed", done, total, n ? n : "", n ? "  " : "", failed);
    } else if (last) {
        fprintf(o->progress, "mspdoc batch: [%d/%d] %s %s (%.2f s)\n", done, total,
                msp_paper_status_name(last->status), name, last->seconds);
    }
    g_free(name);
    fflush(o->progress);
}

/* Without a terminal, a line for each paper that is not built: up to date,
 * or failed already (by the plan), named as the progress lines name them. */
static void show_not_built(const msp_workers_opts *o, GPtrArray *papers)
{
    if (!o->progress || o->tty)
        return;
    for (guint i = 0; i < papers->len; i++) {
        const msp_paper *p = papers->pdata[i];
        if (p->status != MSP_PAPER_UP_TO_DATE && p->status != MSP_PAPER_FAILED)
            continue;
        char *name = paper_name(p);
        fprintf(o->progress, "mspdoc batch: %s %s\n", msp_paper_status_name(p->status), name);
        g_free(name);
    }
    fflush(o->progress);
}

int msp_workers_run(const msp_batch_builder *builder, GPtrArray *papers, const msp_workers_opts *opts)
{
    run_state rs = { 0 };
    rs.builder = builder;
    rs.contexts = g_async_queue_new();
    rs.done = g_async_queue_new();
    int threads = opts->threads < 1 ? 1 : opts->threads;

    GPtrArray *tasks = g_ptr_array_new_with_free_func(task_free);
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (p->status != MSP_PAPER_PENDING)
            continue;
        task *t = g_new0(task, 1);
        t->paper = p;
        t->name = paper_name(p);
        g_mutex_init(&t->cancel.lock);
        g_ptr_array_add(tasks, t);
    }
    if ((int)tasks->len < threads)
        threads = tasks->len ? (int)tasks->len : 1;

    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    caught_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    int total = (int)tasks->len;
    show_not_built(opts, papers);
    if (total > 0) {
        for (int i = 0; i < threads; i++)
            g_async_queue_push(rs.contexts, builder->worker_new ? builder->worker_new(builder->shared)
                                                                : GINT_TO_POINTER(1));
        GThreadPool *pool = g_thread_pool_new(run_task, &rs, threads, TRUE, NULL);
        for (guint i = 0; i < tasks->len; i++)
            g_thread_pool_push(pool, tasks->pdata[i], NULL);

        int finished = 0, failed = 0;
        const msp_paper *last = NULL;
        bool cancelled_all = false;
        show_progress(opts, 0, total, 0, NULL, NULL);
        while (finished < total) {
            task *t = g_async_queue_timeout_pop(rs.done, 100 * 1000);
            if (caught_signal && !cancelled_all) {
                g_atomic_int_set(&rs.stop, 1);
                for (guint i = 0; i < tasks->len; i++)
                    msp_batch_cancel_request(&((task *)tasks->pdata[i])->cancel);
                cancelled_all = true;
            }
            if (opts->tty)
                show_progress(opts, finished, total, failed, last, g_atomic_pointer_get(&rs.current));
            if (!t)
                continue;
            finished++;
            failed += t->paper->status == MSP_PAPER_FAILED;
            last = t->paper;
            if (opts->done)
                opts->done(opts->done_user, t->paper);
            if (t->paper->status != MSP_PAPER_CANCELLED)
                show_progress(opts, finished, total, failed, last, NULL);
        }
        g_thread_pool_free(pool, FALSE, TRUE);
        if (opts->tty && opts->progress) {
            show_progress(opts, finished, total, failed, last, NULL);
            fputc('\n', opts->progress);
        }
        void *ctx;
        while ((ctx = g_async_queue_try_pop(rs.contexts)))
            if (builder->worker_free)
                builder->worker_free(ctx);
    }

    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    g_ptr_array_free(tasks, TRUE);
    g_async_queue_unref(rs.contexts);
    g_async_queue_unref(rs.done);
    return caught_signal;
}
