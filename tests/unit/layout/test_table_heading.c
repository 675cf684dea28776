/* Unit tests for layout/table_heading: the table footer repeated below each
 * page part of a broken table and drawn once after its last row, the omit-
 * at-break properties, notes in a header or footer placed with each copy, header
 * and footer on each part made by a forced break, and on each part of a
 * table in a cell of a row split across pages, page numbers in them;
 * checked on the area tree. */
#include "layout_fixture.h"

#define CELL "<fo:table-cell border='1pt solid black' padding='2pt'><fo:block>"
#define END "</fo:block></fo:table-cell>"

/* A table of n one-line rows "Row i", with a header and a footer; attrs on
 * fo:table, extra inside the header's and footer's blocks. */
static void table(GString *f, int n, const char *attrs, const char *hextra, const char *fextra,
                  const char *row_attrs)
{
    g_string_append_printf(f, "<fo:table table-layout='fixed' width='200pt' %s>"
                              "<fo:table-column column-width='200pt'/>"
                              "<fo:table-header><fo:table-row>" CELL "Head%s" END "</fo:table-row></fo:table-header>"
                              "<fo:table-footer><fo:table-row>" CELL "Foot%s" END "</fo:table-row></fo:table-footer>"
                              "<fo:table-body>",
                           attrs, hextra, fextra);
    for (int i = 1; i <= n; i++)
        g_string_append_printf(f, "<fo:table-row %s>" CELL "Row %d" END "</fo:table-row>",
                               i == 3 ? row_attrs : "", i);
    g_string_append(f, "</fo:table-body></fo:table><fo:block>After the table</fo:block>");
}

/* The footer right below the page's last row, inside the body, on every page. */
static void footer_below_last_row(run *r, int page)
{
    double foot = xp_num(r, "//page[%d]/line[. = 'Foot']/@y", page);
    double last = xp_num(r, "//page[%d]/line[starts-with(., 'Row ')][last()]/@y", page);
    /* a row is 18 pt: the footer's line is one row below the last row's */
    NEAR(foot - last, 18);
    double top = xp_num(r, "//page[%d]/region[@name='body']/@y", page);
    double h = xp_num(r, "//page[%d]/region[@name='body']/@h", page);
    /* y is the baseline: the cell's descent, padding and border end 6 pt below it */
    assert_true(foot + 6 <= top + h + 0.01);
}

static void test_table_footer__repeated_below_each_part(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    table(f, 30, "", "", "", "");
    run *r = lay_flow("p", NULL, f->str);
    int pages = (int)xp_num(r, "count(//page)");
    /* 240 pt a page: header + footer (36 pt) leave room for 11 rows of 18 pt */
    assert_int_equal(pages, 3);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'Row ')])"), 11);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[starts-with(., 'Row ')])"), 11);
    for (int p = 1; p <= pages; p++) {
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Foot'])", p), 1);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Head'])", p), 1);
        footer_below_last_row(r, p);
    }
    /* every row once, in order; the block after the table comes below the footer */
    for (int i = 1; i <= 30; i++)
        assert_int_equal((int)xp_num(r, "count(//line[. = 'Row %d'])", i), 1);
    assert_true(xp_num(r, "//page[3]/line[. = 'After the table']/@y") >
                xp_num(r, "//page[3]/line[. = 'Foot']/@y"));
    /* the repeats at the breaks are marked so; the last one is the footer's own */
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Foot'][@repeated])"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'Foot'][@repeated])"), 0);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Head'][@repeated])"), 2);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_table_footer__omit_at_break(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    table(f, 30, "table-omit-footer-at-break='true'", "", "", "");
    run *r = lay_flow("p", NULL, f->str);
    int pages = (int)xp_num(r, "count(//page)");
    assert_int_equal(pages, 3);
    /* no room kept for it: 12 rows under the header */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'Row ')])"), 12);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Foot'])"), 1);
    footer_below_last_row(r, 3);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Head'])"), 3);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_table_header__omit_at_break(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    table(f, 30, "table-omit-header-at-break='true'", "", "", "");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Head'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'Head'])"), 1);
    /* the header comes right before the first row */
    NEAR(xp_num(r, "//line[. = 'Row 1']/@y") - xp_num(r, "//line[. = 'Head']/@y"), 18);
    /* page 2 starts with a row, the footer still below every part */
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'Head'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[starts-with(., 'Row ')])"), 12);
    int pages = (int)xp_num(r, "count(//page)");
    for (int p = 1; p <= pages; p++)
        footer_below_last_row(r, p);
    run_free(r);
    g_string_free(f, TRUE);
}

/* A note anchored in a repeated header or footer is placed with each copy:
 * on every page the header or footer is drawn on (as FOP does), with room
 * kept for it under the rows. */
static void test_table_heading__notes_with_each_copy(void **state)
{
    (void)state;
    GString *h = g_string_new(NULL), *ft = g_string_new(NULL), *f = g_string_new(NULL);
    note(h, "a", 1, "Header note");
    note(ft, "b", 1, "Footer note");
    table(f, 30, "", h->str, ft->str, "");
    run *r = lay_flow("p", SEP, f->str);
    int pages = (int)xp_num(r, "count(//page)");
    assert_true(pages >= 3);
    for (int p = 1; p <= pages; p++) {
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Header note line 1'])", p), 1);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Footer note line 1'])", p), 1);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[starts-with(., 'Foot')][@zone='body'])", p), 1);
        /* the footer ends above the separator and the notes */
        double foot = xp_num(r, "//page[%d]/line[starts-with(., 'Foot')][@zone='body']/@y", p);
        double sep = xp_num(r, "//page[%d]/region[@name='separator']/@y", p);
        assert_true(sep > 0);
        assert_true(foot + 6 <= sep + 0.01);
    }
    for (int i = 1; i <= 30; i++)
        assert_int_equal((int)xp_num(r, "count(//line[. = 'Row %d'])", i), 1);
    assert_int_equal((int)r->check.losses, 0);
    run_free(r);
    g_string_free(h, TRUE);
    g_string_free(ft, TRUE);
    g_string_free(f, TRUE);
}

/* break-after on a row: the table goes on on the next page, with its header
 * above and its footer below each part. */
static void test_table_heading__forced_break_parts(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    table(f, 5, "", "", "", "break-after='page'");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'Row ')])"), 3);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'Row 4'])"), 1);
    for (int p = 1; p <= 2; p++) {
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Head'])", p), 1);
        footer_below_last_row(r, p);
    }
    run_free(r);
    g_string_free(f, TRUE);
}

/* A table in a cell of a row that splits across pages: its header above the
 * rest of the cell and its footer below the first part, as at page breaks. */
static void test_table_heading__nested_table_in_split_row(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='260pt'>"
                              "<fo:table-column column-width='260pt'/><fo:table-body><fo:table-row>"
                              "<fo:table-cell>");
    table(f, 30, "", "", "", "");
    g_string_append(f, "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    int pages = (int)xp_num(r, "count(//page)");
    assert_int_equal(pages, 3);
    for (int p = 1; p <= pages; p++) {
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Head'])", p), 1);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Foot'])", p), 1);
        footer_below_last_row(r, p);
        assert_true(xp_num(r, "//page[%d]/line[. = 'Head']/@y", p) <
                    xp_num(r, "//page[%d]/line[starts-with(., 'Row ')][1]/@y", p));
    }
    for (int i = 1; i <= 30; i++)
        assert_int_equal((int)xp_num(r, "count(//line[. = 'Row %d'])", i), 1);
    /* drawn where the inner table starts and ends; repeats between */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'Head'][@repeated])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'Foot'][@repeated])"), 0);
    assert_int_equal((int)xp_num(r, "count(//line[@repeated])"), 4);
    run_free(r);
}

/* XSL 6.6.11: a fo:page-number in a repeated header or footer prints the
 * number of the page each copy is on; so does one in a footer drawn only
 * after the last row (table-omit-footer-at-break). */
static void test_table_heading__page_number_of_each_page(void **state)
{
    (void)state;
    const char *pn = " <fo:page-number/>";
    for (int omit = 0; omit <= 1; omit++) {
        GString *f = g_string_new(NULL);
        table(f, 30, omit ? "table-omit-footer-at-break='true'" : "", pn, pn, "");
        run *r = lay_flow("p", NULL, f->str);
        g_string_free(f, TRUE);
        int pages = (int)xp_num(r, "count(//page)");
        assert_int_equal(pages, 3);
        for (int p = 1; p <= pages; p++) {
            assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Head %d'])", p, p), 1);
            assert_int_equal((int)xp_num(r, "count(//page[%d]/line[. = 'Foot %d'])", p, p),
                             omit && p < pages ? 0 : 1);
        }
        assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'Foot')])"), omit ? 1 : pages);
        assert_int_equal((int)r->check.losses, 0);
        run_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_footer__repeated_below_each_part),
        cmocka_unit_test(test_table_footer__omit_at_break),
        cmocka_unit_test(test_table_header__omit_at_break),
        cmocka_unit_test(test_table_heading__notes_with_each_copy),
        cmocka_unit_test(test_table_heading__forced_break_parts),
        cmocka_unit_test(test_table_heading__nested_table_in_split_row),
        cmocka_unit_test(test_table_heading__page_number_of_each_page),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
