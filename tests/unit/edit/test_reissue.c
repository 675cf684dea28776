/* The reissue edit: an element inserted at its schema place with its
 * siblings' indentation, an existing one replaced, every other byte kept,
 * bad arguments and sources refused with locations, atomic file writes. */
#include "edit/edit.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

static const char *const head =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- a comment   kept   as is -->\n"
    "<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\">\n"
    "  <meta>\n"
    "    <symbol>APLC/MSP.22/2025/22</symbol>\n"
    "    <date>2025-10-08</date>\n"
    "    <title>Réport   spacing</title>\n";

static char *apply(const char *text, const msp_reissue *r, msp_status *st_out, msp_job *job)
{
    char *out = NULL;
    *st_out = msp_reissue_apply(job, &out, "t.xml", text, strlen(text), r);
    return out;
}

static void test_reissue_apply__inserts_before_late_submission(void **state)
{
    char *src = g_strconcat(head, "    <!-- keep -->\n    <late-submission/>\n  </meta>\n  <body/>\n</paper>\n", NULL);
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2025-12-02", NULL, "APLC/MSP.22/2025/22" };
    msp_status st;
    char *out = apply(src, &r, &st, &job);
    assert_int_equal(st, MSP_OK);
    char *want = g_strconcat(head, "    <!-- keep -->\n"
                             "    <reissue date=\"2025-12-02\" previous=\"APLC/MSP.22/2025/22\"/>\n"
                             "    <late-submission/>\n  </meta>\n  <body/>\n</paper>\n", NULL);
    assert_string_equal(out, want);
    g_free(want);
    g_free(out);
    g_free(src);
    msp_job_clear(&job);
}

static void test_reissue_apply__inserts_at_end_of_meta(void **state)
{
    char *src = g_strconcat(head, "  </meta>\n  <body/>\n</paper>\n", NULL);
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2026-01-31", "for \"editorial\" <reasons> & more", NULL };
    msp_status st;
    char *out = apply(src, &r, &st, &job);
    assert_int_equal(st, MSP_OK);
    char *want = g_strconcat(head,
                             "    <reissue date=\"2026-01-31\" reason=\"for &quot;editorial&quot; &lt;reasons> &amp; more\"/>\n"
                             "  </meta>\n  <body/>\n</paper>\n", NULL);
    assert_string_equal(out, want);
    g_free(want);
    g_free(out);
    g_free(src);
    msp_job_clear(&job);
}

static void test_reissue_apply__replaces_existing_in_place(void **state)
{
    char *src = g_strconcat(head, "    <reissue date=\"2025-11-01\"\n       reason=\"x > y\"></reissue>   <!-- old -->\n"
                            "    <draft/>\n  </meta>\n  <body/>\n</paper>\n", NULL);
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2025-12-02", NULL, NULL };
    msp_status st;
    char *out = apply(src, &r, &st, &job);
    assert_int_equal(st, MSP_OK);
    char *want = g_strconcat(head, "    <reissue date=\"2025-12-02\"/>   <!-- old -->\n"
                             "    <draft/>\n  </meta>\n  <body/>\n</paper>\n", NULL);
    assert_string_equal(out, want);
    /* applying again is stable */
    char *again = apply(out, &r, &st, &job);
    assert_int_equal(st, MSP_OK);
    assert_string_equal(again, want);
    g_free(again);
    g_free(want);
    g_free(out);
    g_free(src);
    msp_job_clear(&job);
}

static void test_reissue_apply__keeps_prefix(void **state)
{
    const char *src = "<p:paper xmlns:p=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\"><p:meta>"
                      "<p:title>T</p:title><p:job number=\"GE.25-22222\"/></p:meta><p:body/></p:paper>";
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2025-12-02", NULL, NULL };
    msp_status st;
    char *out = apply(src, &r, &st, &job);
    assert_int_equal(st, MSP_OK);
    assert_string_equal(out, "<p:paper xmlns:p=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\"><p:meta>"
                             "<p:title>T</p:title><p:reissue date=\"2025-12-02\"/> <p:job number=\"GE.25-22222\"/>"
                             "</p:meta><p:body/></p:paper>");
    g_free(out);
    msp_job_clear(&job);
}

static void test_reissue_apply__refuses_statement_and_broken_xml(void **state)
{
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2025-12-02", NULL, NULL };
    msp_status st;
    char *out = apply("<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"statement\" xml:lang=\"en\">\n"
                      "  <meta><title>T</title></meta><body/></paper>", &r, &st, &job);
    assert_null(out);
    assert_int_equal(st, MSP_E_SCHEMA);
    const msp_diag *d = job.diags.items->pdata[0];
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 3);
    msp_job_clear(&job);

    msp_job_init(&job);
    out = apply("<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\">\n  <meta>\n</paper>", &r, &st, &job);
    assert_null(out);
    assert_int_equal(st, MSP_E_XML);
    d = job.diags.items->pdata[0];
    assert_int_equal(d->loc.line, 3);
    msp_job_clear(&job);
}

static void test_reissue_check__validates_arguments(void **state)
{
    static const char *const bad_dates[] = { "2025-02-30", "2025-1-02", "02-12-2025", "2025-12-02x", "+025-12-02", "" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad_dates); i++) {
        msp_job job;
        msp_job_init(&job);
        msp_reissue r = { bad_dates[i], NULL, NULL };
        assert_int_equal(msp_reissue_check(&job, &r), MSP_E_USAGE);
        msp_job_clear(&job);
    }
    msp_job job;
    msp_job_init(&job);
    msp_reissue ok = { "2024-02-29", "for technical reasons", "APLC/MSP.22/2025/22" };
    assert_int_equal(msp_reissue_check(&job, &ok), MSP_OK);
    msp_reissue badsym = { "2024-02-29", NULL, "APLC/MSP/22" };
    assert_int_equal(msp_reissue_check(&job, &badsym), MSP_E_USAGE);
    msp_reissue badreason = { "2024-02-29", "two\nlines", NULL };
    assert_int_equal(msp_reissue_check(&job, &badreason), MSP_E_USAGE);
    msp_job_clear(&job);
}

static void test_reissue_file__writes_atomically_and_keeps_mode(void **state)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "reissue-XXXXXX", NULL);
    assert_non_null(g_mkdtemp(dir));
    char *path = g_build_filename(dir, "p.xml", NULL);
    char *src = g_strconcat(head, "  </meta>\n  <body/>\n</paper>\n", NULL);
    assert_true(g_file_set_contents(path, src, -1, NULL));
    assert_int_equal(g_chmod(path, 0640), 0);
    msp_job job;
    msp_job_init(&job);
    msp_reissue r = { "2025-12-02", NULL, NULL };
    assert_int_equal(msp_reissue_file(&job, path, &r), MSP_OK);
    char *got = NULL;
    assert_true(g_file_get_contents(path, &got, NULL, NULL));
    assert_non_null(strstr(got, "    <reissue date=\"2025-12-02\"/>\n  </meta>"));
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
    /* a broken source is left untouched, and no temporary remains */
    assert_true(g_file_set_contents(path, "<paper>", -1, NULL));
    assert_int_not_equal(msp_reissue_file(&job, path, &r), MSP_OK);
    char *after = NULL;
    assert_true(g_file_get_contents(path, &after, NULL, NULL));
    assert_string_equal(after, "<paper>");
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    assert_int_equal(n, 1);
    g_unlink(path);
    g_rmdir(dir);
    g_free(after);
    g_free(got);
    g_free(src);
    g_free(path);
    g_free(dir);
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reissue_apply__inserts_before_late_submission),
        cmocka_unit_test(test_reissue_apply__inserts_at_end_of_meta),
        cmocka_unit_test(test_reissue_apply__replaces_existing_in_place),
        cmocka_unit_test(test_reissue_apply__keeps_prefix),
        cmocka_unit_test(test_reissue_apply__refuses_statement_and_broken_xml),
        cmocka_unit_test(test_reissue_check__validates_arguments),
        cmocka_unit_test(test_reissue_file__writes_atomically_and_keeps_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
