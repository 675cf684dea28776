/* Unit tests for the source checks: RELAX NG errors with line:column, each
 * domain check (message and location) on a fixture with exactly that error,
 * the <chair> elements a paper may name in <committee>, and a paper with ten
 * errors reporting all ten in one run. */
#include "source/source.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

static msp_refdata *ref;
static msp_source_schema *schema;

static int setup(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    const char *root = g_getenv("MSP_ROOT") ? g_getenv("MSP_ROOT") : MSP_TEST_DATA "/../..";
    char *data = g_build_filename(root, "data", NULL);
    char *rng = g_build_filename(root, "templates", "paper.rng", NULL);
    ref = msp_refdata_load(&diags, data);
    schema = msp_source_schema_load(&diags, rng);
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    g_free(data);
    g_free(rng);
    return ref && schema ? 0 : -1;
}

static int teardown(void **state)
{
    msp_refdata_free(ref);
    msp_source_schema_free(schema);
    return 0;
}

/* Loads a fixture and runs validation (when validate) and the domain checks. */
static void run_fixture(msp_job *job, const char *name, bool validate)
{
    char *path = g_build_filename(MSP_TEST_DATA, "source", name, NULL);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(job, &src, path), MSP_OK);
    if (validate)
        msp_source_validate(job, src, schema);
    msp_source_info info;
    msp_source_check(job, src, ref, false, &info);
    msp_source_info_clear(&info);
    msp_source_free(src);
    g_free(path);
}

static void dump(const msp_job *job)
{
    msp_diag_list_print(stderr, &job->diags);
}

/* Asserts the job has exactly one error, at line:column, whose message contains want. */
static void expect_one(const char *fixture, int line, int column, msp_status status, const char *want)
{
    msp_job job;
    msp_job_init(&job);
    run_fixture(&job, fixture, false);
    if (job.diags.errors != 1) {
        dump(&job);
        fail_msg("%s: %d errors, want 1", fixture, job.diags.errors);
    }
    const msp_diag *d = NULL;
    for (guint i = 0; i < job.diags.items->len; i++) {
        const msp_diag *x = g_ptr_array_index(job.diags.items, i);
        if (x->severity == MSP_SEV_ERROR)
            d = x;
    }
    if (!strstr(d->message, want) || d->loc.line != line || d->loc.column != column || d->status != status) {
        dump(&job);
        fail_msg("%s: got %d:%d %s '%s', want %d:%d %s '%s'", fixture, d->loc.line, d->loc.column,
                 msp_status_name(d->status), d->message, line, column, msp_status_name(status), want);
    }
    assert_non_null(d->hint);
    assert_true(g_str_has_suffix(d->loc.file, fixture));
    msp_job_clear(&job);
}

/* A small valid report whose <committee> (line 11, column 5) holds inner
 * (the display name and <chair> elements), each <chair> on a line of its own
 * from line 12 at column 7 when inner is written that way. */
static char *paper_with_committee(const char *year, const char *inner)
{
    return g_strdup_printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                           "<!-- a paper naming its committee's chairs -->\n"
                           "<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\">\n"
                           "  <meta>\n"
                           "    <symbol>APLC/MSP.22/2025/22</symbol>\n"
                           "    <date>2025-10-08</date>\n"
                           "    <original>en</original>\n"
                           "    <meeting ref=\"22MSP\"/>\n"
                           "    <agenda item=\"9\" sub=\"c\"/>\n"
                           "    <title>Report on activities</title>\n"
                           "    <committee ref=\"cooperation-assistance\" year=\"%s\">%s</committee>\n"
                           "  </meta>\n"
                           "  <body>\n"
                           "    <p id=\"p-one\">The Committee met.</p>\n"
                           "  </body>\n"
                           "</paper>\n",
                           year, inner);
}

/* Validates and checks a source held in memory under the name chairs.xml. */
static void run_memory(msp_job *job, const char *text)
{
    msp_source *src = NULL;
    assert_int_equal(msp_source_load_memory(job, &src, "chairs.xml", text, strlen(text)), MSP_OK);
    msp_source_validate(job, src, schema);
    msp_source_info info;
    msp_source_check(job, src, ref, false, &info);
    msp_source_info_clear(&info);
    msp_source_free(src);
}

/* Asserts that the paper with this committee content has exactly one
 * diagnostic, an error at line:column whose message is want and whose hint
 * contains hint_part. */
static void expect_chair_error(const char *year, const char *inner, int line, int column, msp_status status,
                               const char *want, const char *hint_part)
{
    char *text = paper_with_committee(year, inner);
    msp_job job;
    msp_job_init(&job);
    run_memory(&job, text);
    if (job.diags.items->len != 1 || job.diags.errors != 1) {
        dump(&job);
        fail_msg("%s: %u diagnostics, %d errors; want one error", inner, job.diags.items->len, job.diags.errors);
    }
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    if (strcmp(d->message, want) != 0 || d->loc.line != line || d->loc.column != column || d->status != status ||
        !d->hint || !strstr(d->hint, hint_part)) {
        dump(&job);
        fail_msg("got %d:%d %s '%s' (hint '%s'), want %d:%d %s '%s' (hint with '%s')", d->loc.line, d->loc.column,
                 msp_status_name(d->status), d->message, d->hint ? d->hint : "", line, column,
                 msp_status_name(status), want, hint_part);
    }
    assert_string_equal(d->loc.file, "chairs.xml");
    msp_job_clear(&job);
    g_free(text);
}

static void test_check_committee_chair__named_members_pass(void **state)
{
    const char *inners[] = {
        "",
        "Committee on the enhancement of Cooperation And Assistance",
        "\n      <chair state=\"TR\"/>\n    ",
        "Committee on Cooperation\n      <chair state=\"DK\"/>\n      <chair state=\"TR\"/>\n    ",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(inners); i++) {
        char *text = paper_with_committee("2025", inners[i]);
        msp_job job;
        msp_job_init(&job);
        run_memory(&job, text);
        if (job.diags.items->len != 0) {
            dump(&job);
            fail_msg("case %zu: %u diagnostics, want none", i, job.diags.items->len);
        }
        msp_job_clear(&job);
        g_free(text);
    }
}

static void test_check_committee_chair__not_a_member_that_year(void **state)
{
    /* Algeria chaired in 2024 but is no member in 2025 */
    expect_chair_error("2025", "\n      <chair state=\"DK\"/>\n      <chair state=\"DZ\"/>\n    ", 13, 7, MSP_E_DATA,
                       "chair DZ (Algeria) is not a member of committee 'cooperation-assistance' in 2025",
                       "members in 2025 (data/committees.xml): CM (Cameroon), DK (Denmark), CH (Switzerland), TR (T\xc3\xbcrkiye)");
    /* a code data/states.xml does not know */
    expect_chair_error("2025", "\n      <chair state=\"XT\"/>\n    ", 12, 7, MSP_E_DATA,
                       "unknown State 'XT'", "data/states.xml");
    expect_chair_error("2024", "\n      <chair state=\"CM\"/>\n    ", 12, 7, MSP_E_DATA,
                       "chair CM (Cameroon) is not a member of committee 'cooperation-assistance' in 2024",
                       "members in 2024 (data/committees.xml): DZ (Algeria), DK (Denmark), JP (Japan), TR (T\xc3\xbcrkiye)");
}

static void test_check_committee_chair__named_twice(void **state)
{
    expect_chair_error("2025", "\n      <chair state=\"DK\"/>\n      <chair state=\"DK\"/>\n    ", 13, 7,
                       MSP_E_SCHEMA, "DK (Denmark) is named chair twice", "the first one is at line 12, column 7");
}

static void test_check_committee_chair__at_most_two(void **state)
{
    expect_chair_error("2025",
                       "\n      <chair state=\"DK\"/>\n      <chair state=\"TR\"/>\n"
                       "      <chair state=\"CM\"/>\n    ",
                       14, 7, MSP_E_DATA, "more than two chairs named for committee 'cooperation-assistance'",
                       "at most two chairs");
}

static void test_check_valid__has_no_diagnostics(void **state)
{
    msp_job job;
    msp_job_init(&job);
    run_fixture(&job, "valid.xml", true);
    dump(&job);
    assert_int_equal(job.diags.errors, 0);
    assert_int_equal(job.diags.warnings, 0);
    msp_job_clear(&job);
}

static void test_check_info__reports_metadata(void **state)
{
    msp_job job;
    msp_job_init(&job);
    char *path = g_build_filename(MSP_TEST_DATA, "source", "valid.xml", NULL);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_OK);
    msp_source_info info;
    assert_int_equal(msp_source_check(&job, src, ref, false, &info), MSP_OK);
    assert_string_equal(info.kind, "report");
    assert_string_equal(info.language, "en");
    assert_string_equal(info.title, "Report on activities");
    assert_string_equal(info.symbol_text, "APLC/MSP.22/2025/22");
    assert_int_equal(info.symbol.msp, 22);
    assert_string_equal(info.meeting, "22MSP");
    assert_string_equal(info.author, "Committee on the Enhancement of Cooperation and Assistance");
    assert_int_equal(info.date_epoch, 1759881600);
    msp_source_info_clear(&info);
    msp_source_free(src);
    g_free(path);
    msp_job_clear(&job);
}

static void test_check_domain__each_error_at_its_place(void **state)
{
    expect_one("check_symbol_grammar.xml", 5, 5, MSP_E_SYMBOL,
               "invalid symbol 'APLC/MSP.22/25/22': expected a year of 4 digits after 'APLC/MSP.22/', found '2' (character 13)");
    expect_one("check_symbol_meeting.xml", 5, 5, MSP_E_SYMBOL,
               "symbol 'APLC/MSP.21/2025/22' names MSP.21 but the meeting is 22MSP (MSP.22)");
    expect_one("check_symbol_year.xml", 5, 5, MSP_E_SYMBOL,
               "symbol 'APLC/MSP.22/2024/22' has year 2024 but meeting 22MSP is in 2025");
    expect_one("check_unknown_meeting.xml", 8, 5, MSP_E_DATA, "unknown meeting '24MSP'");
    expect_one("check_unknown_agenda.xml", 9, 5, MSP_E_DATA, "meeting 22MSP has no agenda item 7");
    expect_one("check_unknown_subitem.xml", 9, 5, MSP_E_DATA, "agenda item 9 of meeting 22MSP has no sub-item (q)");
    expect_one("check_unknown_committee.xml", 11, 5, MSP_E_DATA, "unknown committee 'mine-clearance'");
    expect_one("check_committee_year.xml", 11, 5, MSP_E_DATA,
               "committee 'cooperation-assistance' has no members recorded for 2019");
    expect_one("check_duplicate_id.xml", 18, 7, MSP_E_SCHEMA, "duplicate id 'p-one'");
    expect_one("check_dangling_ref.xml", 18, 42, MSP_E_SCHEMA, "<ref to=\"p-three\"> points at no paragraph");
    expect_one("check_unknown_article.xml", 17, 44, MSP_E_DATA, "Article 23 does not exist");
    expect_one("check_unknown_action.xml", 17, 65, MSP_E_DATA, "Action 49 does not exist");
    expect_one("check_reissue_previous.xml", 12, 5, MSP_E_SYMBOL,
               "invalid previous symbol 'APLC/MSP.22/2025/L2': expected '.' after 'APLC/MSP.22/2025/L'");
    expect_one("check_bad_date.xml", 6, 5, MSP_E_SCHEMA, "'2025-02-30' is not a valid date");
    expect_one("check_missing_symbol.xml", 4, 3, MSP_E_SYMBOL, "the paper has no symbol");
}

static void test_check_domain__reports_all_ten_errors(void **state)
{
    msp_job job;
    msp_job_init(&job);
    run_fixture(&job, "check_ten_errors.xml", false);
    if (job.diags.errors != 10)
        dump(&job);
    assert_int_equal(job.diags.errors, 10);
    msp_job_clear(&job);
}

/* one mistake, one error: at the element, in the author's terms, no cascade */
static void test_check_schema__one_error_per_mistake(void **state)
{
    (void)state;
    msp_job job;
    msp_job_init(&job);
    char *path = g_build_filename(MSP_TEST_DATA, "source", "schema_errors.xml", NULL);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_OK);
    assert_int_equal(msp_source_validate(&job, src, schema), MSP_E_SCHEMA);
    dump(&job);
    assert_int_equal(job.diags.errors, 1);
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    assert_int_equal(d->status, MSP_E_SCHEMA);
    assert_int_equal(d->loc.line, 18);
    assert_int_equal(d->loc.column, 7);
    assert_string_equal(d->message, "unknown element <bogus> in <chapter>");
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "<chapter> may hold here: <p>, <items>, <bullets>, <section>"));
    assert_true(src->schema_invalid);
    msp_source_free(src);
    g_free(path);
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_valid__has_no_diagnostics),
        cmocka_unit_test(test_check_info__reports_metadata),
        cmocka_unit_test(test_check_domain__each_error_at_its_place),
        cmocka_unit_test(test_check_domain__reports_all_ten_errors),
        cmocka_unit_test(test_check_schema__one_error_per_mistake),
        cmocka_unit_test(test_check_committee_chair__named_members_pass),
        cmocka_unit_test(test_check_committee_chair__not_a_member_that_year),
        cmocka_unit_test(test_check_committee_chair__named_twice),
        cmocka_unit_test(test_check_committee_chair__at_most_two),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
