/* Unit tests for layout/table: rows taller than a page split between the
 * lines of their cells with the header repeated, rows spanned by a cell, and
 * collapsed borders drawn once; checked on the area-tree dump. */
#include "layout_fixture.h"

#define BORDER "border='1pt solid black' padding='2pt'"

static void test_table_split__tall_row_continues_on_next_pages(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>Before the table.</fo:block>"
                              "<fo:table table-layout='fixed' width='260pt'>"
                              "<fo:table-column column-width='130pt'/><fo:table-column column-width='130pt'/>"
                              "<fo:table-header><fo:table-row>"
                              "<fo:table-cell " BORDER "><fo:block>Head A</fo:block></fo:table-cell>"
                              "<fo:table-cell " BORDER "><fo:block>Head B</fo:block></fo:table-cell>"
                              "</fo:table-row></fo:table-header><fo:table-body>"
                              "<fo:table-row><fo:table-cell " BORDER "><fo:block>Short row</fo:block></fo:table-cell>"
                              "<fo:table-cell " BORDER "><fo:block>x</fo:block></fo:table-cell></fo:table-row>"
                              "<fo:table-row><fo:table-cell " BORDER ">");
    for (int i = 1; i <= 120; i++)
        g_string_append_printf(f, "<fo:block>Tall %d</fo:block>", i);
    g_string_append(f, "</fo:table-cell><fo:table-cell " BORDER "><fo:block>Side</fo:block></fo:table-cell>"
                       "</fo:table-row>"
                       "<fo:table-row><fo:table-cell " BORDER "><fo:block>After row</fo:block></fo:table-cell>"
                       "<fo:table-cell " BORDER "><fo:block>y</fo:block></fo:table-cell></fo:table-row>"
                       "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    int pages = (int)xp_num(r, "count(//page)");
    /* 20 lines of 12 pt per page: 120 lines need at least 6 more pages */
    assert_true(pages >= 7);
    assert_true(pages <= 9);
    /* every line is there once, in order, and inside the body region */
    assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'Tall ')])"), 120);
    for (int i = 1; i <= 120; i++)
        assert_int_equal((int)xp_num(r, "count(//line[. = 'Tall %d'])", i), 1);
    assert_int_equal((int)xp_num(r, "count(//page/line[@zone='body'][@y > ../region[@name='body']/@y + "
                                    "../region[@name='body']/@h])"), 0);
    /* the tall row starts on page 1 (it fills the rest of it) */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'Tall 1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'Side'])"), 1);
    /* the header is repeated on every page the table is on */
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Head A'])"), pages);
    for (int p = 2; p <= pages; p++) {
        double head = xp_num(r, "//page[%d]/line[. = 'Head A']/@y", p);
        double first = xp_num(r, "//page[%d]/line[starts-with(., 'Tall ') or . = 'After row'][1]/@y", p);
        assert_true(head < first);
    }
    /* lines continue in order across the split */
    char *last1 = xp_str(r, "//page[1]/line[starts-with(., 'Tall ')][last()]");
    int n1 = atoi(last1 + 5);
    g_free(last1);
    char *first2 = xp_str(r, "//page[2]/line[starts-with(., 'Tall ')][1]");
    assert_int_equal(atoi(first2 + 5), n1 + 1);
    g_free(first2);
    /* borders open at the split: on a middle page, the tall cell has side
     * rules but no horizontal rule at its top or bottom other than the header's */
    int mid = 3;
    double hx = xp_num(r, "//page[%d]/line[. = 'Head A']/@y", mid);
    assert_int_equal((int)xp_num(r, "count(//page[%d]/rule[@y = @y2][@y > %f + 8])", mid, hx), 0);
    assert_true(xp_num(r, "count(//page[%d]/rule[@x = @x2][@y2 - @y > 200])", mid) >= 2);
    /* the row after the tall one comes after its last line */
    assert_int_equal((int)xp_num(r, "count(//page[last()]/line[. = 'After row'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[last()]/line[. = 'Tall 120'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_split__tall_row_continues_on_next_pages),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
