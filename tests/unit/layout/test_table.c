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

/* Row heights and the first cell's rule: cells with 1pt borders and 2pt
 * padding add 6 pt to their content. */
static void test_table_span__cell_height_counts_across_rows(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='260pt' border-collapse='separate'>"
                              "<fo:table-column column-width='130pt'/><fo:table-column column-width='130pt'/>"
                              "<fo:table-body><fo:table-row>"
                              "<fo:table-cell number-rows-spanned='3' " BORDER ">");
    for (int i = 1; i <= 10; i++)
        g_string_append_printf(f, "<fo:block>A %d</fo:block>", i);
    g_string_append(f, "</fo:table-cell><fo:table-cell " BORDER "><fo:block>B1</fo:block></fo:table-cell>"
                       "</fo:table-row>"
                       "<fo:table-row><fo:table-cell " BORDER "><fo:block>B2</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell " BORDER "><fo:block>B3</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell " BORDER "><fo:block>C1</fo:block></fo:table-cell>"
                       "<fo:table-cell " BORDER "><fo:block>C2</fo:block></fo:table-cell></fo:table-row>"
                       "</fo:table-body></fo:table><fo:block>After</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    double top = xp_num(r, "//page[1]/region[@name='body']/@y");
    /* B cells sit in the second column, one row each (18 pt) */
    NEAR(xp_num(r, "//line[. = 'B1']/@x"), 153);
    NEAR(xp_num(r, "//line[. = 'B2']/@x"), 153);
    NEAR(xp_num(r, "//line[. = 'B3']/@x"), 153);
    NEAR(xp_num(r, "//line[. = 'B2']/@y") - xp_num(r, "//line[. = 'B1']/@y"), 18);
    NEAR(xp_num(r, "//line[. = 'B3']/@y") - xp_num(r, "//line[. = 'B2']/@y"), 18);
    /* the spanning cell is 126 pt tall: its left rule runs over all three rows */
    NEAR(xp_num(r, "//rule[@x = 20.5][@x2 = 20.5][1]/@y"), top);
    NEAR(xp_num(r, "//rule[@x = 20.5][@x2 = 20.5][1]/@y2"), top + 126);
    /* the third row grew (18 + 18 + 90 = 126): B3's cell rule ends with A's */
    NEAR(xp_num(r, "//rule[@x = 150.5][@x2 = 150.5][3]/@y"), top + 36);
    NEAR(xp_num(r, "//rule[@x = 150.5][@x2 = 150.5][3]/@y2"), top + 126);
    /* the next row starts below the spanning cell, in the first column again */
    NEAR(xp_num(r, "//line[. = 'C1']/@x"), 23);
    assert_true(xp_num(r, "//line[. = 'C1']/@y") > xp_num(r, "//line[. = 'A 10']/@y") + 6);
    NEAR(xp_num(r, "//rule[@x = 20.5][@x2 = 20.5][2]/@y"), top + 126);
    assert_true(xp_num(r, "//line[. = 'After']/@y") > xp_num(r, "//line[. = 'C1']/@y"));
    run_free(r);
    g_string_free(f, TRUE);
}

/* Spanned rows move to the next page together with the row of the cell. */
static void test_table_span__spanned_rows_stay_together(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 16, "Filler");
    g_string_append(f, "<fo:table table-layout='fixed' width='260pt'>"
                       "<fo:table-column column-width='130pt'/><fo:table-column column-width='130pt'/>"
                       "<fo:table-body>"
                       "<fo:table-row><fo:table-cell number-rows-spanned='2'><fo:block>S1</fo:block>"
                       "<fo:block>S2</fo:block><fo:block>S3</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>R1</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell><fo:block>R2</fo:block></fo:table-cell></fo:table-row>"
                       "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    /* 16 lines + 36 pt of table: 228 < 240 fits; with 2 more fillers it would not */
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    run_free(r);
    g_string_free(f, TRUE);
    f = g_string_new(NULL);
    fillers(f, 18, "Filler");
    g_string_append(f, "<fo:table table-layout='fixed' width='260pt'>"
                       "<fo:table-column column-width='130pt'/><fo:table-column column-width='130pt'/>"
                       "<fo:table-body>"
                       "<fo:table-row><fo:table-cell number-rows-spanned='2'><fo:block>S1</fo:block>"
                       "<fo:block>S2</fo:block><fo:block>S3</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>R1</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell><fo:block>R2</fo:block></fo:table-cell></fo:table-row>"
                       "</fo:table-body></fo:table>");
    r = lay_flow("p", NULL, f->str);
    /* R1 alone would fit after 18 lines (12 pt), but the span holds both rows */
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'R1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'R2'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'S3'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static char *grid_2x2(const char *collapse, const char *a_end)
{
    return g_strdup_printf(
        "<fo:table table-layout='fixed' width='260pt' border-collapse='%s'>"
        "<fo:table-column column-width='130pt'/><fo:table-column column-width='130pt'/>"
        "<fo:table-body>"
        "<fo:table-row><fo:table-cell " BORDER " border-end-width='%s'><fo:block>A</fo:block></fo:table-cell>"
        "<fo:table-cell " BORDER "><fo:block>B</fo:block></fo:table-cell></fo:table-row>"
        "<fo:table-row><fo:table-cell " BORDER " border-before-width='2pt'><fo:block>C</fo:block></fo:table-cell>"
        "<fo:table-cell " BORDER "><fo:block>D</fo:block></fo:table-cell></fo:table-row>"
        "</fo:table-body></fo:table>", collapse, a_end);
}

static void test_table_collapse__shared_borders_drawn_once(void **state)
{
    (void)state;
    /* separate: every cell draws its four sides */
    char *flow = grid_2x2("separate", "1pt");
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    assert_int_equal((int)xp_num(r, "count(//rule)"), 16);
    run_free(r);

    /* collapse: 3 vertical edges x 2 rows + 3 horizontal edges x 2 columns */
    flow = grid_2x2("collapse", "3pt");
    r = lay_flow("p", NULL, flow);
    g_free(flow);
    assert_int_equal((int)xp_num(r, "count(//rule)"), 12);
    assert_int_equal((int)xp_num(r, "count(//rule[@x = @x2])"), 6);
    assert_int_equal((int)xp_num(r, "count(//rule[@y = @y2])"), 6);
    /* the wider border wins the shared edge: A's 3pt end over B's 1pt start */
    double ay = xp_num(r, "//line[. = 'A']/@y");
    assert_int_equal((int)xp_num(r, "count(//rule[@x = @x2][@y < %f][@y2 > %f][@x > 140][@x < 160])", ay, ay), 1);
    NEAR(xp_num(r, "//rule[@x = @x2][@y < %f][@y2 > %f][@x > 140][@x < 160]/@thickness", ay, ay), 3);
    /* and C's 2pt before over A's 1pt after, drawn once between the rows */
    double cy = xp_num(r, "//line[. = 'C']/@y");
    assert_int_equal((int)xp_num(r, "count(//rule[@y = @y2][@y > %f][@y < %f][@x < 100])", ay, cy), 1);
    NEAR(xp_num(r, "//rule[@y = @y2][@y > %f][@y < %f][@x < 100]/@thickness", ay, cy), 2);
    run_free(r);

    /* border-collapse is inherited and "collapse" initially */
    flow = grid_2x2("inherit", "1pt");
    r = lay_flow("p", NULL, flow);
    g_free(flow);
    assert_int_equal((int)xp_num(r, "count(//rule)"), 12);
    run_free(r);
}

/* A collapsed row that starts a page (no header) draws its own top edge. */
static void test_table_collapse__row_at_page_top_has_top_border(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table table-layout='fixed' width='260pt'>"
                              "<fo:table-column column-width='260pt'/><fo:table-body>");
    for (int i = 1; i <= 30; i++)
        g_string_append_printf(f, "<fo:table-row><fo:table-cell " BORDER "><fo:block>Row %d</fo:block>"
                                  "</fo:table-cell></fo:table-row>", i);
    g_string_append(f, "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    for (int p = 1; p <= 3; p++) {
        double top = xp_num(r, "//page[%d]/region[@name='body']/@y", p);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/rule[@y = @y2][@y < %f])", p, top + 2), 1);
    }
    /* 13 rows a page (18 pt each): 14 horizontal rules on a full page */
    assert_int_equal((int)xp_num(r, "count(//page[1]/rule[@y = @y2])"), 14);
    run_free(r);
}

/* Fixed columns wider than the table: drawn past its end edge, with a
 * warning at the table (a cell out of sight is never silent). */
static void test_table_columns__wider_than_the_table_are_warned(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:table table-layout='fixed' width='200pt'>"
                      "<fo:table-column column-width='150pt'/><fo:table-column column-width='150pt'/>"
                      "<fo:table-body><fo:table-row><fo:table-cell><fo:block>In</fo:block></fo:table-cell>"
                      "<fo:table-cell><fo:block>Out</fo:block></fo:table-cell></fo:table-row></fo:table-body>"
                      "</fo:table>");
    assert_int_equal(r->st, MSP_OK);
    assert_float_equal(xp_num(r, "number(//line[. = 'Out']/@x)") - xp_num(r, "number(//line[. = 'In']/@x)"), 150,
                       0.01);
    bool found = false;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (d->severity == MSP_SEV_WARNING && strstr(d->message, "columns are 300.00 pt wide, 100.00 pt more")) {
            found = true;
            assert_true(d->loc.line > 0);
        }
    }
    assert_true(found);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_split__tall_row_continues_on_next_pages),
        cmocka_unit_test(test_table_span__cell_height_counts_across_rows),
        cmocka_unit_test(test_table_span__spanned_rows_stay_together),
        cmocka_unit_test(test_table_collapse__shared_borders_drawn_once),
        cmocka_unit_test(test_table_collapse__row_at_page_top_has_top_border),
        cmocka_unit_test(test_table_columns__wider_than_the_table_are_warned),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
