/* Unit tests for the schema messages (schema_rng.c, schema_explain.c): the
 * grammar is read, a grammar with a construct it does not know is refused
 * (libxml2's first message is then given alone), the datatypes, and two
 * independent mistakes in one source give two errors, each at its place. */
#include "source/schema_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

static char *rng_path;

static int setup(void **state)
{
    (void)state;
    const char *root = g_getenv("MSP_ROOT") ? g_getenv("MSP_ROOT") : MSP_TEST_DATA "/../..";
    rng_path = g_build_filename(root, "templates", "paper.rng", NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    g_free(rng_path);
    return 0;
}

static char *write_tmp(const char *name, const char *text)
{
    char *path = g_build_filename(MSP_TEST_TMP, name, NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static void test_rng_reads_the_paper_grammar(void **state)
{
    (void)state;
    rng_grammar *g = msp_rng_read(rng_path);
    assert_non_null(g);
    assert_true(g->elements->len > 30);
    msp_rng_free(g);
}

static const char *interleave_rng =
    "<grammar xmlns='http://relaxng.org/ns/structure/1.0' ns='urn:x-mspdoc:paper:1'>"
    "<start><element name='paper'><interleave><element name='a'><empty/></element>"
    "<element name='b'><empty/></element></interleave></element></start></grammar>";

static void test_rng_refuses_what_it_does_not_know(void **state)
{
    (void)state;
    char *path = write_tmp("interleave.rng", interleave_rng);
    assert_null(msp_rng_read(path));
    /* validation still works, with libxml2's first message alone */
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_source_schema *schema = msp_source_schema_load(&diags, path);
    assert_non_null(schema);
    char *doc = write_tmp("interleave.xml", "<paper xmlns='urn:x-mspdoc:paper:1'><a/><c/><d/></paper>");
    msp_job job;
    msp_job_init(&job);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, doc), MSP_OK);
    assert_int_equal(msp_source_validate(&job, src, schema), MSP_E_SCHEMA);
    assert_int_equal(job.diags.errors, 1);
    msp_source_free(src);
    msp_job_clear(&job);
    msp_source_schema_free(schema);
    msp_diag_list_clear(&diags);
    g_free(doc);
    g_free(path);
}

static rng_pat data_of(rng_type t)
{
    rng_pat p = { 0 };
    p.kind = RNG_DATA;
    p.type = t;
    p.min_length = p.length = -1;
    return p;
}

static void test_rng_datatypes(void **state)
{
    (void)state;
    rng_pat date = data_of(RNG_T_DATE);
    assert_true(msp_rng_data_allows(&date, "2024-02-29"));
    assert_true(msp_rng_data_allows(&date, " 2025-10-08 "));
    assert_false(msp_rng_data_allows(&date, "2025-02-29"));
    assert_false(msp_rng_data_allows(&date, "2025-13-01"));
    assert_false(msp_rng_data_allows(&date, "8 October 2025"));
    char *why = msp_rng_data_why(&date, "2025-13-01");
    assert_string_equal(why, "is not a date: there is no month 13");
    g_free(why);
    rng_pat year = data_of(RNG_T_GYEAR);
    assert_true(msp_rng_data_allows(&year, "2025"));
    assert_false(msp_rng_data_allows(&year, "25"));
    rng_pat pos = data_of(RNG_T_POSITIVE_INTEGER);
    assert_true(msp_rng_data_allows(&pos, "+5"));
    assert_true(msp_rng_data_allows(&pos, "007"));
    assert_false(msp_rng_data_allows(&pos, "0"));
    assert_false(msp_rng_data_allows(&pos, "six"));
    rng_pat name = data_of(RNG_T_NCNAME);
    assert_true(msp_rng_data_allows(&name, "p-one"));
    assert_false(msp_rng_data_allows(&name, "1a"));
    assert_false(msp_rng_data_allows(&name, "p one"));
    rng_pat one = data_of(RNG_T_STRING);
    one.length = 1;
    assert_true(msp_rng_data_allows(&one, "–"));   /* characters, not bytes */
    assert_false(msp_rng_data_allows(&one, "--"));
}

/* two mistakes far apart: two errors, each at its own element */
static void test_explain_two_mistakes_two_errors(void **state)
{
    (void)state;
    const char *text =
        "<paper xmlns='urn:x-mspdoc:paper:1' kind='report' xml:lang='en'>\n"
        "  <meta>\n"
        "    <symbol>APLC/MSP.22/2025/22</symbol>\n"
        "    <date>2025-02-30</date>\n"
        "    <original>en</original>\n"
        "    <meeting ref='22MSP'/>\n"
        "    <tilte>Report</tilte>\n"
        "  </meta>\n"
        "  <body><p>Text.</p></body>\n"
        "</paper>\n";
    char *path = write_tmp("two-mistakes.xml", text);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_source_schema *schema = msp_source_schema_load(&diags, rng_path);
    assert_non_null(schema);
    msp_job job;
    msp_job_init(&job);
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_OK);
    assert_int_equal(msp_source_validate(&job, src, schema), MSP_E_SCHEMA);
    msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(job.diags.errors, 2);
    const msp_diag *a = job.diags.items->pdata[0], *b = job.diags.items->pdata[1];
    assert_int_equal(a->loc.line, 4);
    assert_string_equal(a->message, "'2025-02-30' in <date> is not a date: 2025-02 has no day 30");
    assert_int_equal(b->loc.line, 7);
    assert_string_equal(b->message, "unknown element <tilte> in <meta>; did you mean <title>?");
    msp_source_free(src);
    msp_job_clear(&job);
    msp_source_schema_free(schema);
    msp_diag_list_clear(&diags);
    g_free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng_reads_the_paper_grammar),
        cmocka_unit_test(test_rng_refuses_what_it_does_not_know),
        cmocka_unit_test(test_rng_datatypes),
        cmocka_unit_test(test_explain_two_mistakes_two_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
