/* Multi-column region-body (layout/columns.c): columns filled left to right
 * then the next page, their x and width with column-gap, span="all" with the
 * columns above it balanced, the last page balanced, break-before="column",
 * footnotes across the page under the columns, keep-together moved to the
 * next column whole. */
#include "layout_fixture.h"

/* Page 300 x 300 pt, body 260 x 240 pt at (20,40): 20 lines of 12 pt a
 * column; 2 columns of 120 pt with the 20 pt gap (x 20 and 160). */
static char *cols_fo(const char *body_attrs, const char *statics, const char *flow)
{
    return g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                           "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>"
                           "<fo:layout-master-set>"
                           "<fo:simple-page-master master-name='c' page-width='300pt' page-height='300pt' "
                           "margin='20pt'><fo:region-body margin-top='20pt' %s/><fo:region-before extent='15pt'/>"
                           "</fo:simple-page-master>"
                           "</fo:layout-master-set>"
                           "<fo:page-sequence master-reference='c'>%s<fo:flow flow-name='xsl-region-body'>%s"
                           "</fo:flow></fo:page-sequence></fo:root>",
                           body_attrs, statics ? statics : "", flow);
}

static run *lay_cols(const char *body_attrs, const char *statics, const char *flow)
{
    char *fo = cols_fo(body_attrs, statics, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

static const char *TWO = "column-count='2' column-gap='20pt'";

/* The x of the body line holding text. */
static double line_x(run *r, const char *text)
{
    return xp_num(r, "//line[@zone='body'][. = '%s']/@x", text);
}

static double line_y(run *r, const char *text)
{
    return xp_num(r, "//line[@zone='body'][. = '%s']/@y", text);
}

static int line_page(run *r, const char *text)
{
    return (int)xp_num(r, "count(//line[@zone='body'][. = '%s']/../preceding-sibling::page)", text) + 1;
}

static void test_columns__fill_left_then_right_then_next_page(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 50, "L");
    run *r = lay_cols(TWO, NULL, f->str);
    /* 20 lines a column, 40 a page */
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'])"), 40);
    NEAR(line_x(r, "L 1"), 20);
    NEAR(line_x(r, "L 20"), 20);
    NEAR(line_x(r, "L 21"), 160);
    NEAR(line_x(r, "L 40"), 160);
    assert_int_equal(line_page(r, "L 20"), 1);
    assert_int_equal(line_page(r, "L 41"), 2);
    /* the second column starts at the body's top, like the first */
    NEAR(line_y(r, "L 21"), line_y(r, "L 1"));
    assert_true(line_y(r, "L 20") > line_y(r, "L 21"));
    assert_int_equal((int)r->check.losses, 0);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__x_and_width_with_gap(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    /* a justified paragraph long enough to fill one column and go on in the second */
    g_string_append(f, "<fo:block text-align='justify'>");
    for (int i = 0; i < 120; i++)
        g_string_append(f, "word ");
    g_string_append(f, "</fo:block>");
    fillers(f, 60, "F");
    run *r = lay_cols("column-count='3' column-gap='10pt'", NULL, f->str);
    /* (260 - 2 * 10) / 3 = 80 pt columns at 20, 110, 200 */
    NEAR(xp_num(r, "//page[1]/line[@zone='body'][1]/@x"), 20);
    assert_true(xp_num(r, "//page[1]/line[@zone='body'][1]/@w") <= 80.01);
    assert_true(xp_num(r, "//page[1]/line[@zone='body'][1]/@w") > 60);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@w > 80.01])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@x = '20.00'])"), 20);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@x = '110.00'])"), 20);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@x = '200.00'])"), 20);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__span_all_balances_the_columns_above(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 10, "A");
    g_string_append(f, "<fo:block span='all' text-align='center'>SPANNING HEAD</fo:block>");
    fillers(f, 6, "B");
    run *r = lay_cols(TWO, NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    /* 10 lines above: 5 and 5 */
    NEAR(line_x(r, "A 5"), 20);
    NEAR(line_x(r, "A 6"), 160);
    NEAR(line_y(r, "A 6"), line_y(r, "A 1"));
    NEAR(line_y(r, "A 10"), line_y(r, "A 5"));
    /* the spanning block below them, centred across the whole body */
    double sy = line_y(r, "SPANNING HEAD");
    NEAR(sy - line_y(r, "A 5"), 12);
    double sx = line_x(r, "SPANNING HEAD"), sw = xp_num(r, "//line[. = 'SPANNING HEAD']/@w");
    NEAR(sx + sw / 2, 150);
    /* columns again below it, balanced at the end: 3 and 3 */
    NEAR(line_x(r, "B 1"), 20);
    NEAR(line_y(r, "B 1") - sy, 12);
    NEAR(line_x(r, "B 4"), 160);
    NEAR(line_y(r, "B 4"), line_y(r, "B 1"));
    NEAR(line_y(r, "B 6"), line_y(r, "B 3"));
    assert_int_equal((int)r->check.losses, 0);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__orphans_below_a_span_go_on_whole(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 36, "A");
    g_string_append(f, "<fo:block span='all'>ALL</fo:block>");
    /* one line left below the span: orphans 2 take the paragraph to the next page */
    g_string_append(f, "<fo:block orphans='2' widows='2'>");
    for (int i = 0; i < 22; i++)
        g_string_append(f, "word ");
    g_string_append(f, "</fo:block>");
    run *r = lay_cols(TWO, NULL, f->str);
    NEAR(line_x(r, "A 19"), 160);
    assert_int_equal(line_page(r, "ALL"), 1);
    NEAR(line_y(r, "ALL") - line_y(r, "A 18"), 12);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'word')])"), 0);
    assert_true(xp_num(r, "count(//page[2]/line[starts-with(., 'word')])") >= 3);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__last_page_balanced(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 50, "L");
    run *r = lay_cols(TWO, NULL, f->str);
    /* 10 lines on page 2: 5 in each column */
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='body'][@x = '20.00'])"), 5);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='body'][@x = '160.00'])"), 5);
    NEAR(line_x(r, "L 46"), 160);
    NEAR(line_y(r, "L 46"), line_y(r, "L 41"));
    run_free(r);
    g_string_free(f, TRUE);

    /* an odd count: the first column takes the extra line */
    f = g_string_new(NULL);
    fillers(f, 7, "S");
    r = lay_cols(TWO, NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'][@x = '20.00'])"), 4);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'][@x = '160.00'])"), 3);
    run_free(r);
    g_string_free(f, TRUE);

    /* balancing breaks no keep: a 3-line paragraph (widows and orphans 2) stays whole */
    f = g_string_new("<fo:block widows='2' orphans='2'>");
    for (int i = 0; i < 14; i++)
        g_string_append(f, "word ");
    g_string_append(f, "</fo:block>");
    r = lay_cols(TWO, NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'])"), 3);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'][@x = '20.00'])"), 3);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__one_column_is_as_before(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 7, "S");
    g_string_append(f, "<fo:block span='all'>ALL</fo:block>");
    run *r = lay_cols("column-count='1'", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'][@x = '20.00'])"), 8);
    NEAR(line_y(r, "ALL") - line_y(r, "S 7"), 12);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__break_before_column(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 3, "P");
    g_string_append(f, "<fo:block break-before='column'>NEXT COLUMN</fo:block>");
    fillers(f, 2, "Q");
    g_string_append(f, "<fo:block break-before='column'>NEXT PAGE</fo:block>");
    g_string_append(f, "<fo:block break-before='page'>THIRD PAGE</fo:block>");
    run *r = lay_cols(TWO, NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    NEAR(line_x(r, "P 3"), 20);
    NEAR(line_x(r, "NEXT COLUMN"), 160);
    NEAR(line_y(r, "NEXT COLUMN"), line_y(r, "P 1"));
    NEAR(line_x(r, "Q 2"), 160);
    /* a column break in the last column is a page break */
    assert_int_equal(line_page(r, "NEXT PAGE"), 2);
    NEAR(line_x(r, "NEXT PAGE"), 20);
    /* a page break from the first column of a page is a page break */
    assert_int_equal(line_page(r, "THIRD PAGE"), 3);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__footnote_in_column_two_at_page_bottom(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 24, "L");
    g_string_append(f, "<fo:block>NOTED");
    note(f, "1", 2, "NOTE");
    g_string_append(f, "</fo:block>");
    fillers(f, 30, "M");
    run *r = lay_cols(TWO, SEP, f->str);
    assert_int_equal(line_page(r, "NOTED1"), 1);
    NEAR(line_x(r, "NOTED1"), 160);
    /* the note spans the page at the bottom of the body, under both columns */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='footnotes'])"), 2);
    NEAR(xp_num(r, "//page[1]/region[@name='footnotes']/@x"), 20);
    NEAR(xp_num(r, "//page[1]/region[@name='footnotes']/@w"), 260);
    NEAR(xp_num(r, "//page[1]/region[@name='footnotes']/@y + //page[1]/region[@name='footnotes']/@h"), 280);
    NEAR(xp_num(r, "//page[1]/line[@zone='footnotes'][1]/@x"), 20);
    /* neither column reaches into the separator and the note area */
    double sep_top = xp_num(r, "//page[1]/region[@name='separator']/@y");
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@y > %f])", sep_top), 0);
    assert_true(xp_num(r, "count(//page[1]/line[@zone='body'][@x = '20.00'])") < 20);
    assert_int_equal((int)r->check.losses, 0);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__keep_together_moves_to_next_column(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 17, "L");
    g_string_append(f, "<fo:block keep-together.within-column='always'>");
    for (int i = 0; i < 5; i++)
        g_string_append_printf(f, "<fo:block>K %d</fo:block>", i + 1);
    g_string_append(f, "</fo:block>");
    fillers(f, 30, "M");
    run *r = lay_cols(TWO, NULL, f->str);
    /* 3 lines left in column 1: the 5-line block starts column 2 */
    NEAR(line_x(r, "L 17"), 20);
    NEAR(line_x(r, "K 1"), 160);
    NEAR(line_x(r, "K 5"), 160);
    NEAR(line_y(r, "K 1"), line_y(r, "L 1"));
    assert_int_equal(line_page(r, "K 1"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__borders_split_between_columns(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 15, "L");
    g_string_append(f, "<fo:block border='1pt solid black'>");
    for (int i = 0; i < 10; i++)
        g_string_append_printf(f, "<fo:block>B %d</fo:block>", i + 1);
    g_string_append(f, "</fo:block>");
    fillers(f, 40, "M");
    run *r = lay_cols(TWO, NULL, f->str);
    /* the bordered block is cut by the column end: borders in both columns */
    assert_true(xp_num(r, "count(//page[1]/rule[@x < 150])") >= 3);
    assert_true(xp_num(r, "count(//page[1]/rule[@x > 150])") >= 3);
    assert_true(line_x(r, "B 1") < 150);
    assert_true(line_x(r, "B 10") > 150);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__page_number_citation_in_columns(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    g_string_append(f, "<fo:block>see <fo:page-number-citation ref-id='far'/></fo:block>");
    fillers(f, 45, "L");
    g_string_append(f, "<fo:block id='far'>FAR</fo:block>");
    run *r = lay_cols(TWO, NULL, f->str);
    assert_int_equal(line_page(r, "FAR"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'see 2'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_columns__markers_and_orphans_in_columns(void **state)
{
    (void)state;
    const char *head = "<fo:static-content flow-name='xsl-region-before'><fo:block>"
                       "<fo:retrieve-marker retrieve-class-name='m' retrieve-position='last-starting-within-page'/>"
                       "</fo:block></fo:static-content>";
    GString *f = g_string_new(NULL);
    g_string_append(f, "<fo:block><fo:marker marker-class-name='m'>FIRST</fo:marker>M 0</fo:block>");
    fillers(f, 17, "L");
    /* 2 lines left in column 1, orphans 3: the paragraph starts column 2 */
    g_string_append(f, "<fo:block orphans='3' widows='2' text-align='justify'>"
                       "<fo:marker marker-class-name='m'>SECOND</fo:marker>");
    for (int i = 0; i < 60; i++)
        g_string_append(f, "para ");
    g_string_append(f, "</fo:block>");
    fillers(f, 40, "M");
    run *r = lay_cols(TWO, head, f->str);
    NEAR(line_x(r, "L 17"), 20);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'][@x = '20.00'])"), 18);
    NEAR(xp_num(r, "//page[1]/line[@zone='body'][starts-with(., 'para')][1]/@x"), 160);
    /* the marker of the block in column 2 is the page's last */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='before'][. = 'SECOND'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns__fill_left_then_right_then_next_page),
        cmocka_unit_test(test_columns__x_and_width_with_gap),
        cmocka_unit_test(test_columns__span_all_balances_the_columns_above),
        cmocka_unit_test(test_columns__orphans_below_a_span_go_on_whole),
        cmocka_unit_test(test_columns__last_page_balanced),
        cmocka_unit_test(test_columns__one_column_is_as_before),
        cmocka_unit_test(test_columns__break_before_column),
        cmocka_unit_test(test_columns__footnote_in_column_two_at_page_bottom),
        cmocka_unit_test(test_columns__keep_together_moves_to_next_column),
        cmocka_unit_test(test_columns__borders_split_between_columns),
        cmocka_unit_test(test_columns__page_number_citation_in_columns),
        cmocka_unit_test(test_columns__markers_and_orphans_in_columns),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
