/* Unit tests for layout/table: cells directly in a table part grouped into
 * rows (starts-row, ends-row, the columns), a table's width bounding its own
 * border and background, and a row split where it starts a column below
 * retained space, keeping room for the notes of its first part; checked on
 * the area-tree dump. */
#include "layout_fixture.h"

static void cell(GString *f, const char *attrs, const char *text)
{
    g_string_append_printf(f, "<fo:table-cell %s><fo:block>%s</fo:block></fo:table-cell>", attrs, text);
}

/* XSL 7.28.8, 7.28.15: starts-row and ends-row break the cells of a body
 * into rows; a cell past the last column starts the next row. */
static void test_table_rows__cells_grouped_into_rows(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='240pt'>"
                              "<fo:table-column column-width='80pt' number-columns-repeated='3'/>"
                              "<fo:table-body>");
    cell(f, "", "c1");
    cell(f, "", "c2");
    cell(f, "", "c3");
    cell(f, "", "c4");                      /* no column left: a new row */
    cell(f, "ends-row='true'", "c5");
    cell(f, "starts-row='true' ends-row='true'", "c6");
    cell(f, "", "c7");
    cell(f, "starts-row='true'", "c8");
    g_string_append(f, "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    const char *rows[][3] = { { "c1", "c2", "c3" }, { "c4", "c5", NULL }, { "c6", NULL, NULL },
                              { "c7", NULL, NULL }, { "c8", NULL, NULL } };
    double y0 = xp_num(r, "//line[. = 'c1']/@y");
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 3 && rows[i][j]; j++) {
            /* row i one line (12 pt) below the last, cell j in column j */
            NEAR(xp_num(r, "//line[. = '%s']/@y", rows[i][j]), y0 + 12 * i);
            NEAR(xp_num(r, "//line[. = '%s']/@x", rows[i][j]), 20 + 80 * j);
        }
    /* no cell was put in the last column for want of room */
    assert_int_equal((int)r->job.diags.warnings, 0);
    run_free(r);
}

/* A table with a width: its border and background end with its columns. */
static void test_table_rows__width_bounds_own_background(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:table table-layout='fixed' width='100pt' background-color='#C0C0C0' "
                      "start-indent='10pt'>"
                      "<fo:table-column column-width='100%'/><fo:table-body><fo:table-row>"
                      "<fo:table-cell><fo:block>cell</fo:block></fo:table-cell>"
                      "</fo:table-row></fo:table-body></fo:table>");
    assert_int_equal((int)xp_num(r, "count(//rect)"), 1);
    NEAR(xp_num(r, "//rect/@x"), 30);
    NEAR(xp_num(r, "//rect/@w"), 100);
    NEAR(xp_num(r, "//line[. = 'cell']/@x"), 30);
    run_free(r);
}

/* A row that fits an empty page but not below the space retained before its
 * table at the page top is split there, not drawn past the page bottom. */
static void test_table_rows__row_split_below_retained_space(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='260pt' space-before='24pt' "
                              "space-before.conditionality='retain'>"
                              "<fo:table-column column-width='260pt'/><fo:table-body><fo:table-row>"
                              "<fo:table-cell>");
    fillers(f, 20, "Line");   /* 240 pt: the whole body height */
    g_string_append(f, "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    /* 24 pt of space, then 18 of the lines on the first page */
    double top = xp_num(r, "//page[1]/region[@name='body']/@y");
    assert_true(xp_num(r, "//page[1]/line[. = 'Line 1']/@y") > top + 24);
    assert_true(xp_num(r, "//page[1]/line[. = 'Line 1']/@y") < top + 24 + 12);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line)"), 18);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page/line[@y > ../region[@name='body']/@y + "
                                    "../region[@name='body']/@h])"), 0);
    run_free(r);
}

/* A row split by the page end: its first part leaves room under it for the
 * notes anchored in it, which stay on its page. */
static void test_table_rows__split_row_keeps_its_notes(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='260pt'>"
                              "<fo:table-column column-width='260pt'/><fo:table-body><fo:table-row>"
                              "<fo:table-cell>");
    for (int i = 1; i <= 30; i++) {
        g_string_append_printf(f, "<fo:block>Line %d", i);
        if (i == 15)
            note(f, "n", 3, "Note");
        g_string_append(f, "</fo:block>");
    }
    g_string_append(f, "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    run *r = lay_flow("p", SEP, f->str);
    g_string_free(f, TRUE);
    /* the anchor's line and the whole note on page 1: 20 lines of room, 3 of
     * note and 1 of separator leave 16 for the row */
    int anchor_page = (int)xp_num(r, "//page[line[starts-with(., 'Line 15')]]/@index") + 1;
    assert_int_equal(anchor_page, 1);
    for (int i = 1; i <= 3; i++)
        assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='footnotes'][. = 'Note line %d'])", i), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='body'])"), 16);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'][starts-with(., 'Line ')])"), 30);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_rows__cells_grouped_into_rows),
        cmocka_unit_test(test_table_rows__width_bounds_own_background),
        cmocka_unit_test(test_table_rows__row_split_below_retained_space),
        cmocka_unit_test(test_table_rows__split_row_keeps_its_notes),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
