/* Unit tests for how the source check uses the committees' reference data:
 * a committee year marked members="unknown" gives a warning that membership
 * cannot be checked, never a false "not a member" error, and the committee
 * line's members are not printed; an unknown committee's hint lists the known
 * committee ids. The data is the project's, with committees.xml replaced. */
#include "source/source.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static msp_refdata *ref;

static const char committees[] =
    "<committees>\n"
    "  <committee id=\"cooperation-assistance\">\n"
    "    <name xml:lang=\"en\">Committee on the Enhancement of Cooperation and Assistance</name>\n"
    "    <year value=\"2025\"><member state=\"CM\"/><member state=\"DK\"><chair/></member></year>\n"
    "    <year value=\"2026\" members=\"unknown\"/>\n"
    "  </committee>\n"
    "  <committee id=\"victim-assistance\"><name xml:lang=\"en\">Committee on Victim Assistance</name></committee>\n"
    "</committees>\n";

static int setup(void **state)
{
    const char *root = g_getenv("MSP_ROOT") ? g_getenv("MSP_ROOT") : MSP_TEST_DATA "/../..";
    char *dir = g_build_filename(MSP_TEST_TMP, "refdata-check", NULL);
    g_mkdir_with_parents(dir, 0755);
    const char *files[] = { "meetings.xml", "agenda.xml", "states.xml", "convention.xml", "sraap.xml", "labels.xml" };
    for (size_t i = 0; i < G_N_ELEMENTS(files); i++) {
        char *from = g_build_filename(root, "data", files[i], NULL), *to = g_build_filename(dir, files[i], NULL);
        char *text = NULL;
        gsize len = 0;
        bool ok = g_file_get_contents(from, &text, &len, NULL) && g_file_set_contents(to, text, (gssize)len, NULL);
        g_free(text);
        g_free(from);
        g_free(to);
        if (!ok)
            return -1;
    }
    char *path = g_build_filename(dir, "committees.xml", NULL);
    bool ok = g_file_set_contents(path, committees, -1, NULL);
    g_free(path);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    ref = ok ? msp_refdata_load(&diags, dir) : NULL;
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    g_free(dir);
    return ref ? 0 : -1;
}

static int teardown(void **state)
{
    msp_refdata_free(ref);
    return 0;
}

/* Checks a report naming committee ref in year with inner content (line 11). */
static void check_paper(msp_job *job, const char *committee, const char *year, const char *inner)
{
    char *text = g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<!-- a paper naming a committee -->\n"
                                 "<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\">\n"
                                 "  <meta>\n"
                                 "    <symbol>APLC/MSP.22/2025/22</symbol>\n"
                                 "    <date>2025-10-08</date>\n"
                                 "    <original>en</original>\n"
                                 "    <meeting ref=\"22MSP\"/>\n"
                                 "    <agenda item=\"9\" sub=\"c\"/>\n"
                                 "    <title>Report on activities</title>\n"
                                 "    <committee ref=\"%s\" year=\"%s\">%s</committee>\n"
                                 "  </meta>\n"
                                 "  <body>\n"
                                 "    <p id=\"p-one\">The Committee met.</p>\n"
                                 "  </body>\n"
                                 "</paper>\n",
                                 committee, year, inner);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load_memory(job, &src, "gap.xml", text, strlen(text)), MSP_OK);
    msp_source_info info;
    msp_source_check(job, src, ref, false, &info);
    msp_source_info_clear(&info);
    msp_source_free(src);
    g_free(text);
}

static void expect_gap_warning(const char *inner)
{
    msp_job job;
    msp_job_init(&job);
    check_paper(&job, "cooperation-assistance", "2026", inner);
    if (job.diags.errors != 0 || job.diags.items->len != 1) {
        msp_diag_list_print(stderr, &job.diags);
        fail_msg("'%s': %d errors, %u diagnostics; want one warning", inner, job.diags.errors, job.diags.items->len);
    }
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    assert_int_equal(d->severity, MSP_SEV_WARNING);
    assert_int_equal(d->loc.line, 11);
    assert_int_equal(d->loc.column, 5);
    assert_string_equal(d->message, "the members of committee 'cooperation-assistance' in 2026 are not known "
                                    "(data/committees.xml): its chairs and members cannot be checked");
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "prints the name only"));
    msp_job_clear(&job);
}

static void test_check_committee_gap__warning_not_error(void **state)
{
    expect_gap_warning("");
    /* a chair that is no member of the year before is not "not a member" */
    expect_gap_warning("<chair state=\"DZ\"/>");
    expect_gap_warning("Committee on Cooperation <chair state=\"CM\"/><chair state=\"TR\"/>");
}

static void test_check_committee_gap__named_chairs_still_checked(void **state)
{
    /* what does not need the members is still an error: an unknown State, three chairs */
    msp_job job;
    msp_job_init(&job);
    check_paper(&job, "cooperation-assistance", "2026",
                "<chair state=\"XT\"/><chair state=\"CM\"/><chair state=\"DK\"/><chair state=\"TR\"/>");
    msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(job.diags.errors, 2);
    msp_job_clear(&job);
}

static void test_check_committee_gap__unmarked_year_is_an_error(void **state)
{
    /* a year neither listed nor marked stays an error; a known year still checks membership */
    msp_job job;
    msp_job_init(&job);
    check_paper(&job, "cooperation-assistance", "2027", "");
    assert_int_equal(job.diags.errors, 1);
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    assert_non_null(strstr(d->message, "has no members recorded for 2027"));
    msp_job_clear(&job);
    msp_job_init(&job);
    check_paper(&job, "cooperation-assistance", "2025", "<chair state=\"DZ\"/>");
    assert_int_equal(job.diags.errors, 1);
    d = g_ptr_array_index(job.diags.items, 0);
    assert_string_equal(d->message, "chair DZ (Algeria) is not a member of committee 'cooperation-assistance' in 2025");
    msp_job_clear(&job);
}

static void test_check_committee_unknown__hint_lists_ids(void **state)
{
    msp_job job;
    msp_job_init(&job);
    check_paper(&job, "mine-clearance", "2025", "");
    assert_int_equal(job.diags.errors, 1);
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    assert_string_equal(d->message, "unknown committee 'mine-clearance'");
    assert_string_equal(d->hint, "known committees (data/committees.xml): cooperation-assistance, victim-assistance");
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_committee_gap__warning_not_error),
        cmocka_unit_test(test_check_committee_gap__named_chairs_still_checked),
        cmocka_unit_test(test_check_committee_gap__unmarked_year_is_an_error),
        cmocka_unit_test(test_check_committee_unknown__hint_lists_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
