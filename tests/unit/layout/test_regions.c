/* Unit tests for the outer regions of a page (XSL 1.1 6.4.14-6.4.17,
 * 7.27.14): static content laid out in region-start and region-end, which
 * span the page's height between the margins while region-before and
 * region-after fit between them (precedence="false", the initial value),
 * or stop below and above before and after (precedence="true"); on a
 * right-to-left page the start region is on the right. Checked on the
 * area-tree dump, with the text accounting on (the side regions' text is
 * laid out, not lost). */
#include "layout_fixture.h"

/* A 300 x 200 pt page, margin 10 pt: before 20, after 20, start 30, end 40. */
static run *lay_regions(const char *seq_attrs, const char *before_attrs)
{
    char *fo = g_strdup_printf(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='s' page-width='300pt' page-height='200pt' margin='10pt'>"
        "<fo:region-body margin='20pt 40pt 20pt 30pt'/><fo:region-before extent='20pt' %s/>"
        "<fo:region-after extent='20pt'/><fo:region-start extent='30pt'/><fo:region-end extent='40pt'/>"
        "</fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='s' %s>"
        "<fo:static-content flow-name='xsl-region-before'><fo:block>Bef</fo:block></fo:static-content>"
        "<fo:static-content flow-name='xsl-region-after'><fo:block>Aft</fo:block></fo:static-content>"
        "<fo:static-content flow-name='xsl-region-start'><fo:block>St</fo:block></fo:static-content>"
        "<fo:static-content flow-name='xsl-region-end'><fo:block>En</fo:block></fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow></fo:page-sequence></fo:root>",
        before_attrs, seq_attrs);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    return r;
}

static double line_x(run *r, const char *zone, const char *text)
{
    return xp_num(r, "number(//page[1]/line[@zone='%s'][. = '%s']/@x)", zone, text);
}

static double line_y(run *r, const char *zone, const char *text)
{
    return xp_num(r, "number(//page[1]/line[@zone='%s'][. = '%s']/@y)", zone, text);
}

static void test_regions_sides__span_the_height_before_fits_between(void **state)
{
    (void)state;
    run *r = lay_regions("", "");
    /* start at the left margin, end against the right one */
    assert_float_equal(line_x(r, "start", "St"), 10, 0.01);
    double en = line_x(r, "end", "En");
    assert_true(en >= 250 - 0.01 && en < 260);
    /* their first lines at the top margin: they span the height (before has no precedence) */
    assert_true(line_y(r, "start", "St") < 10 + 12);
    /* before and after between them */
    assert_float_equal(line_x(r, "before", "Bef"), 40, 0.01);
    assert_float_equal(line_x(r, "after", "Aft"), 40, 0.01);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_regions_sides__before_with_precedence_spans_the_width(void **state)
{
    (void)state;
    run *r = lay_regions("", "precedence='true'");
    assert_float_equal(line_x(r, "before", "Bef"), 10, 0.01);
    /* the start region begins below before's extent; after (no precedence) still fits between */
    assert_true(line_y(r, "start", "St") > 30);
    assert_float_equal(line_x(r, "after", "Aft"), 40, 0.01);
    run_free(r);
}

static void test_regions_sides__start_on_the_right_of_a_right_to_left_page(void **state)
{
    (void)state;
    run *r = lay_regions("writing-mode='rl-tb'", "");
    /* start: the 30 pt on the right (260..290); end: the 40 pt on the left (10..50) */
    double st = line_x(r, "start", "St");
    assert_true(st >= 260 - 0.01 && st < 290);
    double en = line_x(r, "end", "En");
    assert_true(en >= 10 - 0.01 && en < 50);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

/* A percentage extent is of the page's height for before and after, of its
 * width for start and end (XSL 1.1 7.27.5). */
static void test_regions_extent__percentages_of_the_page(void **state)
{
    (void)state;
    run *r = lay_out(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='s' page-width='300pt' page-height='200pt' margin='10pt'>"
        "<fo:region-body margin='30pt'/><fo:region-before extent='10%'/><fo:region-after extent='10%'/>"
        "<fo:region-start extent='10%'/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='s'>"
        "<fo:static-content flow-name='xsl-region-after'><fo:block>Aft</fo:block></fo:static-content>"
        "<fo:static-content flow-name='xsl-region-start'><fo:block>St</fo:block></fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(r->st, MSP_OK);
    /* after: 20 pt (10 % of 200) above the bottom margin, so its line starts at 170 */
    double aft = line_y(r, "after", "Aft");
    assert_true(aft >= 170 - 0.01 && aft < 170 + 12);
    /* before and after fit between the start region (30 pt, 10 % of 300) and the edge */
    assert_float_equal(line_x(r, "after", "Aft"), 40, 0.01);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regions_sides__span_the_height_before_fits_between),
        cmocka_unit_test(test_regions_sides__before_with_precedence_spans_the_width),
        cmocka_unit_test(test_regions_sides__start_on_the_right_of_a_right_to_left_page),
        cmocka_unit_test(test_regions_extent__percentages_of_the_page),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
