/* Content stamps: SHA-256 of files and trees, the build key and what
 * changes it, stamp round trips (a changed key, a changed or missing PDF
 * make a paper stale), and removal of an interrupted run's temporaries. */
#include "base/digest.h"
#include "batch/batch_private.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static char *scratch(void)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "stamp-XXXXXX", NULL);
    g_mkdir_with_parents(MSP_TEST_TMP, 0777);
    assert_non_null(g_mkdtemp(dir));
    return dir;
}

static void put(const char *dir, const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    char *d = g_path_get_dirname(p);
    g_mkdir_with_parents(d, 0777);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(d);
    g_free(p);
}

static void test_stamp_file_digest__is_sha256(void **state)
{
    char *dir = scratch();
    put(dir, "abc", "abc");
    char *p = g_build_filename(dir, "abc", NULL);
    char *h = msp_sha256_file(p);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    g_free(h);
    g_free(p);
    p = g_build_filename(dir, "missing", NULL);
    assert_null(msp_sha256_file(p));
    g_free(p);
    g_free(dir);
}

static void test_stamp_tree_digest__follows_content_not_time(void **state)
{
    char *dir = scratch();
    put(dir, "t/a.xsl", "one");
    put(dir, "t/sub/b.xsl", "two");
    put(dir, "t/papers/x.xml", "paper");
    char *t = g_build_filename(dir, "t", NULL);
    const char *const skip[] = { "papers", NULL };
    char *h1 = msp_stamp_tree_digest(t, skip);
    put(dir, "t/a.xsl", "one"); /* rewritten, same bytes */
    put(dir, "t/papers/x.xml", "changed, but skipped");
    char *h2 = msp_stamp_tree_digest(t, skip);
    assert_string_equal(h1, h2);
    put(dir, "t/sub/b.xsl", "two!");
    char *h3 = msp_stamp_tree_digest(t, skip);
    assert_string_not_equal(h1, h3);
    put(dir, "t/sub/b.xsl", "two");
    put(dir, "t/c.xsl", "");
    char *h4 = msp_stamp_tree_digest(t, skip);
    assert_string_not_equal(h1, h4);
    g_free(h1);
    g_free(h2);
    g_free(h3);
    g_free(h4);
    g_free(t);
    g_free(dir);
}

static void test_stamp_key__changes_with_each_input(void **state)
{
    char *k = msp_stamp_key("s", "d", false, NULL);
    char *same = msp_stamp_key("s", "d", false, NULL);
    char *src = msp_stamp_key("s2", "d", false, NULL);
    char *deps = msp_stamp_key("s", "d2", false, NULL);
    char *draft = msp_stamp_key("s", "d", true, NULL);
    char *epoch = msp_stamp_key("s", "d", false, "1759881600");
    assert_string_equal(k, same);
    assert_string_not_equal(k, src);
    assert_string_not_equal(k, deps);
    assert_string_not_equal(k, draft);
    assert_string_not_equal(k, epoch);
    assert_int_equal(strlen(k), 64);
    g_free(k);
    g_free(same);
    g_free(src);
    g_free(deps);
    g_free(draft);
    g_free(epoch);
}

static void test_stamp_write__round_trip_and_staleness(void **state)
{
    char *out = scratch();
    put(out, "P.pdf", "%PDF-1.7 fake");
    msp_paper *p = msp_paper_new("src/p.xml");
    p->output_name = g_strdup("P.pdf");
    p->key = g_strdup("k1");
    p->title = g_strdup("Title; with = signs\nand a newline");
    p->language = g_strdup("fr");
    p->pages = 7;
    p->layout = (msp_layout_counts){ .loose = 2, .overfull = 1, .hyphenated = 14 };
    char *pdf = g_build_filename(out, "P.pdf", NULL);
    p->pdf_sha256 = msp_sha256_file(pdf);
    msp_diag_warn(&p->diags, ((msp_loc){ "src/p.xml", 3, 9 }), "a hint", "a warning");
    assert_int_equal(msp_stamp_write(out, p), MSP_OK);

    msp_paper *q = msp_paper_new("src/p.xml");
    q->output_name = g_strdup("P.pdf");
    q->key = g_strdup("k1");
    assert_true(msp_stamp_is_current(out, q));
    assert_string_equal(q->title, p->title);
    assert_string_equal(q->language, "fr");
    assert_int_equal(q->pages, 7);
    assert_int_equal(q->layout.loose, 2);
    assert_int_equal(q->layout.overfull, 1);
    assert_int_equal(q->layout.hyphenated, 14);
    assert_int_equal(q->diags.warnings, 1);
    const msp_diag *d = q->diags.items->pdata[0];
    assert_string_equal(d->loc.file, "src/p.xml");
    assert_int_equal(d->loc.line, 3);
    assert_int_equal(d->loc.column, 9);
    assert_string_equal(d->message, "a warning");
    msp_paper_free(q);

    q = msp_paper_new("src/p.xml");
    q->output_name = g_strdup("P.pdf");
    q->key = g_strdup("k2");
    assert_false(msp_stamp_is_current(out, q)); /* other key */
    g_free(q->key);
    q->key = g_strdup("k1");
    put(out, "P.pdf", "%PDF-1.7 other bytes");
    assert_false(msp_stamp_is_current(out, q)); /* PDF changed */
    g_unlink(pdf);
    assert_false(msp_stamp_is_current(out, q)); /* PDF gone */
    put(out, "P.pdf", "%PDF-1.7 fake");
    assert_true(msp_stamp_is_current(out, q));
    msp_stamp_remove(out, p);
    assert_false(msp_stamp_is_current(out, q)); /* stamp gone */
    msp_paper_free(q);
    msp_paper_free(p);
    g_free(pdf);
    g_free(out);
}

static void test_stamp_clean_temporaries__removes_only_temporaries(void **state)
{
    char *out = scratch();
    put(out, ".A.pdf.Xy12Zw.tmp", "partial");
    put(out, "A.pdf", "complete");
    put(out, "index.json.AbCdEf", "partial");
    put(out, "index.json", "{}");
    put(out, "thumbs/.A.png.Qq11Rr.tmp", "partial");
    put(out, "thumbs/A.png", "png");
    put(out, MSP_BATCH_STATE_DIR "/A.pdf.stamp.Zz99Yy", "partial");
    put(out, MSP_BATCH_STATE_DIR "/A.pdf.stamp", "[paper]");
    assert_int_equal(msp_stamp_clean_temporaries(out), 4);
    const char *keep[] = { "A.pdf", "index.json", "thumbs/A.png", MSP_BATCH_STATE_DIR "/A.pdf.stamp" };
    for (size_t i = 0; i < G_N_ELEMENTS(keep); i++) {
        char *p = g_build_filename(out, keep[i], NULL);
        assert_true(g_file_test(p, G_FILE_TEST_EXISTS));
        g_free(p);
    }
    assert_int_equal(msp_stamp_clean_temporaries(out), 0);
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamp_file_digest__is_sha256),
        cmocka_unit_test(test_stamp_tree_digest__follows_content_not_time),
        cmocka_unit_test(test_stamp_key__changes_with_each_input),
        cmocka_unit_test(test_stamp_write__round_trip_and_staleness),
        cmocka_unit_test(test_stamp_clean_temporaries__removes_only_temporaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
