/* Unit tests for layout/para_text through whole layouts, asserting on the
 * area tree: fo:character white space follows linefeed-treatment, C1
 * controls are dropped with a warning. */
#include "layout_fixture.h"

static const msp_diag *diag_with(const msp_job *job, const char *needle)
{
    for (guint i = 0; job->diags.items && i < job->diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job->diags.items, i);
        if (strstr(d->message, needle))
            return d;
    }
    return NULL;
}

static void assert_line(run *r, int n, const char *text)
{
    char *got = xp_str(r, "//page[1]/line[@zone='body'][%d]", n);
    if (strcmp(got, text) != 0)
        fprintf(stderr, "line %d: '%s', expected '%s'\n", n, got, text);
    assert_string_equal(got, text);
    g_free(got);
}

/* --- fo:character, controls --- */

static void test_para_text_character__linefeed_is_a_space_by_default(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block>one<fo:character character='&#10;'/>two</fo:block>"
                      "<fo:block linefeed-treatment='preserve'>three<fo:character character='&#10;'/>four</fo:block>"
                      "<fo:block linefeed-treatment='ignore'>fi<fo:character character='&#10;'/>ve</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line)"), 4);
    assert_line(r, 1, "one two");
    assert_line(r, 2, "three");
    assert_line(r, 3, "four");
    assert_line(r, 4, "five");
    run_free(r);
}

static void test_para_text_control__c1_is_dropped_with_a_warning(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL, "<fo:block>wait&#x85;for it<fo:character character='&#x9F;'/>.</fo:block>");
    assert_line(r, 1, "waitfor it.");
    const msp_diag *d = diag_with(&r->job, "control character U+0085 in the text is dropped");
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_WARNING);
    assert_string_equal(d->loc.file, "test.fo");
    assert_true(d->loc.line > 0 && d->loc.column > 0);
    assert_non_null(diag_with(&r->job, "control character U+009F in the text is dropped"));
    assert_int_equal(r->job.diags.errors, 0);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_para_text_character__linefeed_is_a_space_by_default),
        cmocka_unit_test(test_para_text_control__c1_is_dropped_with_a_warning),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
