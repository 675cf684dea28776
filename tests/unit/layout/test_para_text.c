/* Unit tests for layout/para_text through whole layouts, asserting on the
 * area tree: block-level FOs nested in fo:inline, fo:wrapper and
 * fo:basic-link split the run (text, the block, text, with the inline's
 * properties and link), fo:character white space follows linefeed-treatment,
 * C1 controls are dropped with a warning, fo:page-number prints its page in
 * the flow and in footnotes. Every layout here runs the text accounting. */
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

/* --- block-level content nested in inlines --- */

static void test_para_text_nested_block__in_inline_splits_the_run(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block>Before <fo:inline font-weight='bold'>bold start <fo:block>nested block "
                      "text</fo:block> bold end</fo:inline> after.</fo:block>"
                      "<fo:block font-weight='bold'>nested block text</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line)"), 4);
    assert_line(r, 1, "Before bold start");
    assert_line(r, 2, "nested block text");
    assert_line(r, 3, "bold end after.");
    /* the inline's font applies to the nested block: as wide as the same text in bold */
    NEAR(xp_num(r, "//line[2]/@w"), xp_num(r, "//line[4]/@w"));
    /* each part is a line of its own, stacked */
    NEAR(xp_num(r, "//line[2]/@y") - xp_num(r, "//line[1]/@y"), 12);
    NEAR(xp_num(r, "//line[3]/@y") - xp_num(r, "//line[2]/@y"), 12);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_para_text_nested_block__tables_lists_and_containers_in_wrappers(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block><fo:wrapper font-style='italic'>"
                      "<fo:block-container><fo:block>in a container</fo:block></fo:block-container>"
                      "<fo:table table-layout='fixed' width='200pt'><fo:table-column column-width='200pt'/>"
                      "<fo:table-body><fo:table-row><fo:table-cell><fo:block>in a cell</fo:block></fo:table-cell>"
                      "</fo:table-row></fo:table-body></fo:table>"
                      "<fo:list-block><fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>a)</fo:block>"
                      "</fo:list-item-label><fo:list-item-body start-indent='body-start()'><fo:block>in a list</fo:block>"
                      "</fo:list-item-body></fo:list-item></fo:list-block>"
                      "<fo:inline><fo:inline>deep <fo:block>deepest</fo:block></fo:inline></fo:inline>"
                      "</fo:wrapper> tail</fo:block>");
    assert_line(r, 1, "in a container");
    assert_line(r, 2, "in a cell");
    assert_int_equal((int)xp_num(r, "count(//line[.='a)'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[.='in a list'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[.='deep'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[.='deepest'])"), 1);
    /* the text after the wrapper is its own line, last */
    char *last = xp_str(r, "//line[last()]");
    assert_string_equal(last, "tail");
    g_free(last);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_para_text_nested_block__link_covers_the_nested_lines(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block>See <fo:basic-link external-destination='url(https://example.org/)'>the "
                      "<fo:block>whole nested block</fo:block> site</fo:basic-link> now.</fo:block>");
    assert_line(r, 1, "See the");
    assert_line(r, 2, "whole nested block");
    assert_line(r, 3, "site now.");
    /* one rectangle per line part of the link, the nested line's as wide as the line */
    assert_int_equal((int)xp_num(r, "count(//link[@uri='https://example.org/'])"), 3);
    NEAR(xp_num(r, "//link[2]/@w"), xp_num(r, "//line[2]/@w"));
    NEAR(xp_num(r, "//link[2]/@x"), xp_num(r, "//line[2]/@x"));
    run_free(r);
}

static void test_para_text_nested_block__ids_of_split_inlines_are_kept(void **state)
{
    (void)state;
    /* an inline that starts with its block: its id goes to the block's first line */
    run *r = lay_flow("p", NULL,
                      "<fo:block>Intro</fo:block>"
                      "<fo:block><fo:inline id='w1'><fo:block>first of the inline</fo:block></fo:inline></fo:block>"
                      "<fo:block>Seen <fo:inline id='w2'>here <fo:block>and below</fo:block></fo:inline></fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line)"), 4);
    assert_int_equal((int)xp_num(r, "count(//dest[@name='w1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//dest[@name='w2'])"), 1);
    /* w1 marks the nested block's line, not an empty line before it */
    NEAR(xp_num(r, "//line[2]/@y") - xp_num(r, "//line[1]/@y"), 12);
    assert_true(xp_num(r, "//dest[@name='w1']/@y") <= xp_num(r, "//line[2]/@y"));
    assert_true(xp_num(r, "//dest[@name='w1']/@y") > xp_num(r, "//line[1]/@y"));
    run_free(r);
}

static void test_para_text_nested_block__text_indent_on_the_first_part_only(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block text-indent='20pt'>Indented <fo:inline>start <fo:block>block</fo:block> "
                      "and</fo:inline> rest</fo:block>");
    NEAR(xp_num(r, "//line[1]/@x"), 40);
    NEAR(xp_num(r, "//line[3]/@x"), 20);
    run_free(r);
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

/* --- fo:page-number outside static content --- */

static void test_para_text_page_number__in_the_flow_prints_its_page(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block>On page <fo:page-number/>.</fo:block>"
                      "<fo:block break-before='page'>Now on page <fo:page-number/>.</fo:block>");
    char *a = xp_str(r, "//page[1]/line[@zone='body']");
    char *b = xp_str(r, "//page[2]/line[@zone='body']");
    assert_string_equal(a, "On page 1.");
    assert_string_equal(b, "Now on page 2.");
    g_free(a);
    g_free(b);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_para_text_page_number__in_a_footnote_prints_its_page(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 25, "filler");
    g_string_append(f, "<fo:block>Anchor<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>"
                       "Note on page <fo:page-number/></fo:block></fo:footnote-body></fo:footnote></fo:block>");
    run *r = lay_flow("p", SEP, f->str);
    g_string_free(f, TRUE);
    char *t = xp_str(r, "//page[2]/line[@zone='footnotes']");
    assert_string_equal(t, "Note on page 2");
    g_free(t);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_para_text_nested_block__in_inline_splits_the_run),
        cmocka_unit_test(test_para_text_nested_block__tables_lists_and_containers_in_wrappers),
        cmocka_unit_test(test_para_text_nested_block__link_covers_the_nested_lines),
        cmocka_unit_test(test_para_text_nested_block__ids_of_split_inlines_are_kept),
        cmocka_unit_test(test_para_text_nested_block__text_indent_on_the_first_part_only),
        cmocka_unit_test(test_para_text_character__linefeed_is_a_space_by_default),
        cmocka_unit_test(test_para_text_control__c1_is_dropped_with_a_warning),
        cmocka_unit_test(test_para_text_page_number__in_the_flow_prints_its_page),
        cmocka_unit_test(test_para_text_page_number__in_a_footnote_prints_its_page),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
