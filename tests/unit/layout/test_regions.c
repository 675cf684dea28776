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

/* Two masters, odd pages with room, even pages whose region-body has none
 * (its margin-top is the page's height). */
static run *lay_no_room(const char *seq_attrs, int blocks)
{
    GString *flow = g_string_new(NULL);
    for (int i = 0; i < blocks; i++)
        g_string_append_printf(flow, "<fo:block break-before='%s'>Block %d</fo:block>", i ? "page" : "auto", i + 1);
    char *fo = g_strdup_printf(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='odd' page-width='300pt' page-height='200pt' margin='10pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:simple-page-master master-name='even' page-width='300pt' page-height='200pt' margin='10pt'>"
        "<fo:region-body margin-top='180pt'/></fo:simple-page-master>"
        "<fo:page-sequence-master master-name='all'><fo:repeatable-page-master-alternatives>"
        "<fo:conditional-page-master-reference odd-or-even='odd' master-reference='odd'/>"
        "<fo:conditional-page-master-reference odd-or-even='even' master-reference='even'/>"
        "</fo:repeatable-page-master-alternatives></fo:page-sequence-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='all' %s><fo:flow flow-name='xsl-region-body'>%s</fo:flow>"
        "</fo:page-sequence></fo:root>", seq_attrs, flow->str);
    g_string_free(flow, TRUE);
    run *r = lay_out(fo);
    g_free(fo);
    return r;
}

/* A master whose body has no room makes the blank page that
 * force-page-count asks for: nothing of the flow goes there. */
static void test_regions_no_room__a_blank_page_is_made(void **state)
{
    (void)state;
    run *r = lay_no_room("force-page-count='end-on-even'", 1);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal(r->res.pages, 2);
    assert_int_equal(r->job.diags.errors, 0);
    run_free(r);
}

/* Flow content that must go on such a page is a located error. */
static void test_regions_no_room__the_flow_on_it_is_an_error(void **state)
{
    (void)state;
    run *r = lay_no_room("", 2);
    assert_int_not_equal(r->st, MSP_OK);
    bool found = false;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (d->severity == MSP_SEV_ERROR && strstr(d->message, "'even' has no room")) {
            found = true;
            assert_true(d->loc.line > 0);
        }
    }
    assert_true(found);
    run_free(r);
}

/* A turned outer region (reference-orientation on fo:region-end): its
 * static content is laid out in the turned frame (as wide as the region is
 * tall) and drawn in a group on the region's box. */
static void test_regions_turned__region_end_at_270(void **state)
{
    (void)state;
    run *r = lay_out(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='s' page-width='300pt' page-height='200pt' margin='10pt'>"
        "<fo:region-body margin='20pt'/><fo:region-end extent='20pt' reference-orientation='270'/>"
        "</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference='s'>"
        "<fo:static-content flow-name='xsl-region-end'><fo:block text-align='end'>Side note</fo:block>"
        "</fo:static-content><fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow>"
        "</fo:page-sequence></fo:root>");
    assert_int_equal(r->st, MSP_OK);
    /* the region: x 270..290, y 10..190; turned 270 its frame is 180 x 20,
     * its origin the box's top-right corner */
    assert_int_equal((int)xp_num(r, "count(//page[1]/group[@zone='end'])"), 1);
    assert_int_equal((int)xp_num(r, "number(//page[1]/group[@zone='end']/@rotate)"), 270);
    assert_float_equal(xp_num(r, "number(//page[1]/group[@zone='end']/@x)"), 290, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/group[@zone='end']/@y)"), 10, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/group[@zone='end']/@w)"), 180, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/group[@zone='end']/@h)"), 20, 0.01);
    /* the line inside, in the frame: end-aligned against its 180 pt width */
    double x = xp_num(r, "number(//page[1]/group[@zone='end']/line/@x)");
    double w = xp_num(r, "number(//page[1]/group[@zone='end']/line/@w)");
    assert_true(w > 20);
    assert_float_equal(x + w, 180, 0.5);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

/* writing-mode="rl" on the master, none on the sequence: the regions are
 * sided right to left (start on the right, as Apache FOP places them), the
 * content stays left to right. */
static void test_regions_sides__right_to_left_master_of_a_left_to_right_sequence(void **state)
{
    (void)state;
    run *r = lay_out(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='s' page-width='300pt' page-height='200pt' margin='10pt' "
        "writing-mode='rl'><fo:region-body margin='20pt 40pt 20pt 30pt'/>"
        "<fo:region-start extent='30pt'/><fo:region-end extent='40pt'/>"
        "</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference='s'>"
        "<fo:static-content flow-name='xsl-region-start'><fo:block>St</fo:block></fo:static-content>"
        "<fo:static-content flow-name='xsl-region-end'><fo:block>En</fo:block></fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(r->st, MSP_OK);
    double st = line_x(r, "start", "St");
    assert_true(st >= 260 - 0.01 && st < 290);
    double en = line_x(r, "end", "En");
    assert_float_equal(en, 10, 0.01);   /* left to right content: at the region's left */
    assert_float_equal(line_x(r, "body", "Body"), 40, 0.01);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

/* Percentage margins on the master and the region-body: top and bottom of
 * the page's height, left and right of its width (as Apache FOP). */
static void test_regions_margins__percentages_of_the_page(void **state)
{
    (void)state;
    run *r = lay_out(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='s' page-width='400pt' page-height='200pt' margin='5%'>"
        "<fo:region-body margin-top='10%' margin-left='10%'/><fo:region-before extent='10%'/>"
        "</fo:simple-page-master></fo:layout-master-set><fo:page-sequence master-reference='s'>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(r->st, MSP_OK);
    /* the master's: 10 pt top and bottom (5 % of 200), 20 pt left and right (5 % of 400) */
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='before']/@x)"), 20, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='before']/@y)"), 10, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='before']/@h)"), 20, 0.01);
    /* the body's: 20 pt more at the top, 40 pt more at the left */
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@x)"), 60, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@y)"), 30, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@w)"), 400 - 40 - 40, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@h)"), 200 - 20 - 20, 0.01);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regions_sides__span_the_height_before_fits_between),
        cmocka_unit_test(test_regions_sides__before_with_precedence_spans_the_width),
        cmocka_unit_test(test_regions_sides__start_on_the_right_of_a_right_to_left_page),
        cmocka_unit_test(test_regions_extent__percentages_of_the_page),
        cmocka_unit_test(test_regions_margins__percentages_of_the_page),
        cmocka_unit_test(test_regions_no_room__a_blank_page_is_made),
        cmocka_unit_test(test_regions_no_room__the_flow_on_it_is_an_error),
        cmocka_unit_test(test_regions_turned__region_end_at_270),
        cmocka_unit_test(test_regions_sides__right_to_left_master_of_a_left_to_right_sequence),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
