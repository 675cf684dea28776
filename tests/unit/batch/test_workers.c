/* The batch engine with a stand-in builder: every pending paper built once
 * on N workers, one per-worker context each, failures isolated, SIGINT
 * stopping the batch with finished papers stamped, and incremental runs
 * (nothing rebuilt, one changed source rebuilt, new dependencies rebuild
 * everything, --force). */
#include "base/digest.h"
#include "batch/batch_private.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

typedef struct fake {
    const char *outdir;
    gint built;            /* atomic */
    gint contexts;         /* atomic: worker contexts made */
    gint in_use;           /* atomic: contexts busy at once (must never exceed the thread count) */
    gint max_in_use;
    bool interrupt;        /* raise SIGINT from the first build, then wait to be cancelled */
} fake;

typedef struct fake_worker {
    fake *f;
    gint busy;
} fake_worker;

static void *fake_worker_new(void *shared)
{
    fake *f = shared;
    g_atomic_int_inc(&f->contexts);
    fake_worker *w = g_new0(fake_worker, 1);
    w->f = f;
    return w;
}

static msp_status fake_build(void *shared, void *worker, msp_paper *p, msp_batch_cancel *cancel)
{
    fake *f = shared;
    fake_worker *w = worker;
    assert_int_equal(g_atomic_int_add(&w->busy, 1), 0); /* never two papers on one context */
    int now = g_atomic_int_add(&f->in_use, 1) + 1;
    int max;
    while (now > (max = g_atomic_int_get(&f->max_in_use)) && !g_atomic_int_compare_and_exchange(&f->max_in_use, max, now))
        ;
    msp_status st = MSP_OK;
    if (f->interrupt) {
        if (g_atomic_int_add(&f->built, 1) == 0) {
            raise(SIGINT);
            volatile int job_flag = 0;
            msp_batch_cancel_attach(cancel, &job_flag);
            while (!job_flag)
                g_usleep(1000);
            msp_batch_cancel_attach(cancel, NULL);
            st = msp_diag_error(&p->diags, MSP_E_LIMIT, ((msp_loc){ p->source, 0, 0 }), NULL, "cancelled");
        }
    } else if (strstr(p->source, "fail")) {
        st = msp_diag_error(&p->diags, MSP_E_LAYOUT, ((msp_loc){ p->source, 2, 3 }), NULL, "cannot lay out");
    } else {
        g_atomic_int_inc(&f->built);
        char *path = g_build_filename(f->outdir, p->output_name, NULL);
        char *text = g_strdup_printf("%%PDF fake of %s", p->source);
        g_file_set_contents(path, text, -1, NULL);
        p->pdf_sha256 = msp_sha256_file(path);
        p->title = g_strdup("A title");
        p->pages = 2;
        g_free(text);
        g_free(path);
        g_usleep(2000);
    }
    g_atomic_int_add(&f->in_use, -1);
    g_atomic_int_add(&w->busy, -1);
    return st;
}

static GPtrArray *papers_n(int n, const char *fail_name)
{
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    for (int i = 0; i < n; i++) {
        char *src = g_strdup_printf("in/%s%d.xml", fail_name && i == 3 ? fail_name : "p", i);
        msp_paper *p = msp_paper_new(src);
        p->output_name = g_strdup_printf("P%d.pdf", i);
        p->symbol = g_strdup_printf("APLC/MSP.22/2025/%d", i + 1);
        p->source_sha256 = g_strdup_printf("sha-%d", i);
        g_ptr_array_add(papers, p);
        g_free(src);
    }
    return papers;
}

static char *scratch(void)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "workers-XXXXXX", NULL);
    g_mkdir_with_parents(MSP_TEST_TMP, 0777);
    assert_non_null(g_mkdtemp(dir));
    return dir;
}

static int count(GPtrArray *papers, msp_paper_status st)
{
    int n = 0;
    for (guint i = 0; i < papers->len; i++)
        n += ((msp_paper *)papers->pdata[i])->status == st;
    return n;
}

static int run(fake *f, msp_batch_builder *b, GPtrArray *papers, bool force)
{
    msp_batch_opts o = { 0 };
    o.outdir = f->outdir;
    o.workers = 3;
    o.force = force;
    o.quiet = true;
    FILE *err = fopen("/dev/null", "w");
    int rc = msp_batch_run_papers(&o, papers, b, err);
    fclose(err);
    return rc;
}

static void test_workers_run__builds_each_once_and_isolates_failures(void **state)
{
    char *out = scratch();
    fake f = { .outdir = out };
    msp_batch_builder b = { &f, "deps1", fake_worker_new, g_free, fake_build, NULL, NULL };
    GPtrArray *papers = papers_n(20, "fail");
    assert_int_equal(run(&f, &b, papers, false), 1);
    assert_int_equal(count(papers, MSP_PAPER_BUILT), 19);
    assert_int_equal(count(papers, MSP_PAPER_FAILED), 1);
    assert_int_equal(g_atomic_int_get(&f.built), 19);
    assert_int_equal(f.contexts, 3);
    assert_true(f.max_in_use <= 3);
    char *index = g_build_filename(out, "index.json", NULL);
    char *json = NULL;
    assert_true(g_file_get_contents(index, &json, NULL, NULL));
    assert_non_null(strstr(json, "\"built\":19,\"up_to_date\":0,\"failed\":1"));
    assert_non_null(strstr(json, "\"line\":2,\"column\":3,\"code\":\"layout\",\"message\":\"cannot lay out\""));
    g_free(json);
    g_free(index);
    g_ptr_array_free(papers, TRUE);
    g_free(out);
}

static void test_batch_run_papers__is_incremental(void **state)
{
    char *out = scratch();
    fake f = { .outdir = out };
    msp_batch_builder b = { &f, "deps1", fake_worker_new, g_free, fake_build, NULL, NULL };
    GPtrArray *papers = papers_n(8, NULL);
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 8);
    g_ptr_array_free(papers, TRUE);

    papers = papers_n(8, NULL); /* second run: nothing to do */
    f.built = 0;
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 0);
    assert_int_equal(count(papers, MSP_PAPER_UP_TO_DATE), 8);
    assert_string_equal(((msp_paper *)papers->pdata[0])->title, "A title");
    g_ptr_array_free(papers, TRUE);

    papers = papers_n(8, NULL); /* one source changed */
    msp_paper *p5 = papers->pdata[5];
    g_free(p5->source_sha256);
    p5->source_sha256 = g_strdup("sha-5-edited");
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 1);
    assert_int_equal(p5->status, MSP_PAPER_BUILT);
    g_ptr_array_free(papers, TRUE);

    papers = papers_n(8, NULL); /* a PDF deleted by hand */
    char *pdf = g_build_filename(out, "P2.pdf", NULL);
    g_unlink(pdf);
    g_free(pdf);
    f.built = 0;
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 2); /* P2, and P5 back to its old source */
    g_ptr_array_free(papers, TRUE);

    b.deps_digest = "deps2"; /* a template changed */
    papers = papers_n(8, NULL);
    f.built = 0;
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 8);
    g_ptr_array_free(papers, TRUE);

    papers = papers_n(8, NULL);
    f.built = 0;
    assert_int_equal(run(&f, &b, papers, true), 0); /* --force */
    assert_int_equal(f.built, 8);
    g_ptr_array_free(papers, TRUE);
    g_free(out);
}

static void test_workers_run__sigint_stops_and_keeps_state(void **state)
{
    char *out = scratch();
    fake f = { .outdir = out, .interrupt = true };
    msp_batch_builder b = { &f, "deps1", fake_worker_new, g_free, fake_build, NULL, NULL };
    GPtrArray *papers = papers_n(30, NULL);
    msp_batch_opts o = { 0 };
    o.outdir = out;
    o.workers = 1;
    o.quiet = true;
    assert_int_equal(msp_batch_run_papers(&o, papers, &b, NULL), 130);
    assert_int_equal(count(papers, MSP_PAPER_CANCELLED), 30);
    assert_int_equal(count(papers, MSP_PAPER_FAILED), 0);
    g_ptr_array_free(papers, TRUE);
    /* the next run builds them all */
    f.interrupt = false;
    f.built = 0;
    papers = papers_n(30, NULL);
    assert_int_equal(run(&f, &b, papers, false), 0);
    assert_int_equal(f.built, 30);
    g_ptr_array_free(papers, TRUE);
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workers_run__builds_each_once_and_isolates_failures),
        cmocka_unit_test(test_batch_run_papers__is_incremental),
        cmocka_unit_test(test_workers_run__sigint_stops_and_keeps_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
