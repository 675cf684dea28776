/* The record of last good builds (history.c): a built paper is dated by its
 * PDF's file, an up-to-date one keeps its recorded date; a failed paper
 * finds the PDF its source last built (also when the source no longer
 * parses), dated by the record while the bytes match and by the file once
 * replaced; dates never pass SOURCE_DATE_EPOCH; PDFs gone are forgotten. */
#include "batch/batch_private.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <utime.h>
#include <cmocka.h>

#define T1 1700000000   /* 2023-11-14: the first build */
#define T2 1710000000   /* 2024-03-09: a later build */

static char *scratch(void)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "history-XXXXXX", NULL);
    g_mkdir_with_parents(MSP_TEST_TMP, 0777);
    assert_non_null(g_mkdtemp(dir));
    char *state = g_build_filename(dir, MSP_BATCH_STATE_DIR, NULL);
    g_mkdir_with_parents(state, 0777);
    g_free(state);
    return dir;
}

/* OUTDIR/name holding text, modified at mtime. */
static void put_pdf(const char *dir, const char *name, const char *text, gint64 mtime)
{
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    struct utimbuf t = { (time_t)mtime, (time_t)mtime };
    assert_int_equal(utime(p, &t), 0);
    g_free(p);
}

static msp_paper *paper(GPtrArray *papers, const char *source, const char *output, msp_paper_status st,
                        const char *pdf_text)
{
    msp_paper *p = msp_paper_new(source);
    p->output_name = output ? g_strdup(output) : NULL;
    p->status = st;
    p->pdf_sha256 = pdf_text ? g_compute_checksum_for_string(G_CHECKSUM_SHA256, pdf_text, -1) : NULL;
    g_ptr_array_add(papers, p);
    return p;
}

static void run(const char *out, GPtrArray *papers)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_history_update(&diags, out, papers);
    assert_int_equal(diags.items->len, 0);
    msp_diag_list_clear(&diags);
}

static void test_history__failed_paper_finds_its_last_good_pdf(void **state)
{
    g_unsetenv("SOURCE_DATE_EPOCH");
    char *out = scratch();
    GPtrArray *night1 = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    put_pdf(out, "A.pdf", "pdf A v1", T1);
    put_pdf(out, "B.pdf", "pdf B v1", T1 + 60);
    msp_paper *a = paper(night1, "src/a.xml", "A.pdf", MSP_PAPER_BUILT, "pdf A v1");
    msp_paper *b = paper(night1, "src/b.xml", "B.pdf", MSP_PAPER_BUILT, "pdf B v1");
    run(out, night1);
    assert_int_equal(a->pdf_date, T1);
    assert_int_equal(b->pdf_date, T1 + 60);
    assert_null(a->last_good);

    /* night 2: A is up to date (its file touched since: the record keeps the build's date); B fails */
    put_pdf(out, "A.pdf", "pdf A v1", T2);
    GPtrArray *night2 = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    a = paper(night2, "src/a.xml", "A.pdf", MSP_PAPER_UP_TO_DATE, "pdf A v1");
    b = paper(night2, "src/b.xml", "B.pdf", MSP_PAPER_FAILED, NULL);
    run(out, night2);
    assert_int_equal(a->pdf_date, T1);
    assert_string_equal(b->last_good, "B.pdf");
    assert_int_equal(b->last_good_date, T1 + 60);
    assert_int_equal(b->pdf_date, -1);

    /* night 3: B no longer parses (no output name): found by its source; A's PDF replaced by hand */
    put_pdf(out, "A.pdf", "pdf A edited", T2 + 5);
    GPtrArray *night3 = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    a = paper(night3, "./src/../src/a.xml", NULL, MSP_PAPER_FAILED, NULL);
    b = paper(night3, "src/b.xml", NULL, MSP_PAPER_FAILED, NULL);
    run(out, night3);
    assert_string_equal(b->last_good, "B.pdf");
    assert_int_equal(b->last_good_date, T1 + 60);
    assert_string_equal(a->last_good, "A.pdf");
    assert_int_equal(a->last_good_date, T2 + 5);   /* not the bytes recorded: the file's date */

    /* night 4: B's PDF deleted: no last good build, and the record forgets it */
    char *bp = g_build_filename(out, "B.pdf", NULL);
    assert_int_equal(g_unlink(bp), 0);
    g_free(bp);
    GPtrArray *night4 = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    b = paper(night4, "src/b.xml", "B.pdf", MSP_PAPER_FAILED, NULL);
    run(out, night4);
    assert_null(b->last_good);
    assert_int_equal(b->last_good_date, -1);
    char *rec = g_build_filename(out, MSP_BATCH_STATE_DIR, "last-good", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents(rec, &text, NULL, NULL));
    assert_null(strstr(text, "B.pdf"));
    assert_non_null(strstr(text, "A.pdf"));
    g_free(text);
    g_free(rec);

    g_ptr_array_free(night1, TRUE);
    g_ptr_array_free(night2, TRUE);
    g_ptr_array_free(night3, TRUE);
    g_ptr_array_free(night4, TRUE);
    g_free(out);
}

static void test_history__no_record_and_another_sources_pdf(void **state)
{
    g_unsetenv("SOURCE_DATE_EPOCH");
    char *out = scratch();
    /* a folder from before the record: the PDF at the output name, dated by its file */
    put_pdf(out, "C.pdf", "pdf C", T1);
    put_pdf(out, "D.pdf", "pdf D", T1);
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_paper *c = paper(papers, "src/c.xml", "C.pdf", MSP_PAPER_FAILED, NULL);
    msp_paper *d = paper(papers, "src/d.xml", "D.pdf", MSP_PAPER_BUILT, "pdf D");
    run(out, papers);
    assert_string_equal(c->last_good, "C.pdf");
    assert_int_equal(c->last_good_date, T1);
    g_ptr_array_free(papers, TRUE);

    /* a new source claiming d's symbol: d's PDF is not its last good build */
    papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_paper *e = paper(papers, "src/e.xml", "D.pdf", MSP_PAPER_FAILED, NULL);
    d = paper(papers, "src/d.xml", "D.pdf", MSP_PAPER_FAILED, NULL);
    run(out, papers);
    assert_null(e->last_good);
    assert_string_equal(d->last_good, "D.pdf");
    g_ptr_array_free(papers, TRUE);
    g_free(out);
}

static void test_history__dates_never_pass_source_date_epoch(void **state)
{
    g_setenv("SOURCE_DATE_EPOCH", "1600000000", TRUE);
    char *out = scratch();
    put_pdf(out, "A.pdf", "pdf A", T1);
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_paper *a = paper(papers, "src/a.xml", "A.pdf", MSP_PAPER_BUILT, "pdf A");
    run(out, papers);
    assert_int_equal(a->pdf_date, 1600000000);
    g_ptr_array_free(papers, TRUE);
    g_setenv("SOURCE_DATE_EPOCH", "1800000000", TRUE);   /* later than the build: its own date */
    papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    a = paper(papers, "src/a.xml", "A.pdf", MSP_PAPER_FAILED, NULL);
    run(out, papers);
    assert_int_equal(a->last_good_date, 1600000000);   /* as recorded */
    g_ptr_array_free(papers, TRUE);
    g_unsetenv("SOURCE_DATE_EPOCH");
    g_free(out);
}

static void test_history__unwritable_record_is_a_warning(void **state)
{
    g_unsetenv("SOURCE_DATE_EPOCH");
    char *out = scratch();
    char *st = g_build_filename(out, MSP_BATCH_STATE_DIR, NULL);
    assert_int_equal(g_rmdir(st), 0);
    put_pdf(out, MSP_BATCH_STATE_DIR, "a file where the state folder should be", T1);   /* so nothing can go in it */
    put_pdf(out, "A.pdf", "pdf A", T1);
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_paper *a = paper(papers, "src/a.xml", "A.pdf", MSP_PAPER_BUILT, "pdf A");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_history_update(&diags, out, papers);
    assert_int_equal(a->pdf_date, T1);
    assert_int_equal(diags.warnings, 1);
    assert_int_equal(diags.errors, 0);
    msp_diag_list_clear(&diags);
    g_ptr_array_free(papers, TRUE);
    g_free(st);
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history__failed_paper_finds_its_last_good_pdf),
        cmocka_unit_test(test_history__no_record_and_another_sources_pdf),
        cmocka_unit_test(test_history__dates_never_pass_source_date_epoch),
        cmocka_unit_test(test_history__unwritable_record_is_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
