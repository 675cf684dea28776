/* Unit tests for change bars (fo:change-bar-begin/-end, fo_tree.c pairing,
 * para.c drawing): a bar beside exactly the lines holding barred text, as
 * one rule per line whose y-extent is the line's; inline and between blocks;
 * across a page break; inside a list; placement, offset, colour, width; no
 * bar for change-bar-style none; a missing class is an error, an unmatched
 * end a warning; start is the right side on an rl-tb page. The fixture's
 * page 'p' has its body 260 pt wide at x = 20, 240 pt tall at y = 40. */
#include "layout_fixture.h"

#define BEGIN(cls) "<fo:change-bar-begin change-bar-class='" cls "' change-bar-style='solid'/>"
#define END(cls) "<fo:change-bar-end change-bar-class='" cls "'/>"

/* true when some bar on page `page` overlaps the line whose text starts with `start` */
static bool barred(run *r, int page, const char *start)
{
    double y = xp_num(r, "number(//page[%d]/line[starts-with(., '%s')]/@y)", page, start);
    int n = (int)xp_num(r, "count(//page[%d]/rule)", page);
    for (int i = 1; i <= n; i++) {
        double y1 = xp_num(r, "number(//page[%d]/rule[%d]/@y)", page, i);
        double y2 = xp_num(r, "number(//page[%d]/rule[%d]/@y2)", page, i);
        /* the bar covers a point of the line's box just above its baseline (a bar of
         * the line before ends at this line's top, one of the line after starts
         * below this baseline) */
        if (y1 < y - 2 && y2 > y - 2)
            return true;
    }
    return false;
}

static const char *LONG =
    "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma "
    "tau upsilon phi chi psi omega one two three four five six seven eight nine ten eleven twelve ";

static void test_changebar__inline_bars_only_the_lines_of_the_change(void **state)
{
    (void)state;
    char *flow = g_strdup_printf("<fo:block>%s" BEGIN("a") "CHANGED" END("a") " %s%s</fo:block>", LONG, LONG, LONG);
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    int lines = (int)xp_num(r, "count(//line)");
    assert_true(lines >= 4);
    int with = 0;
    for (int i = 1; i <= lines; i++) {
        char *t = xp_str(r, "//line[%d]", i);
        char first[16];
        g_strlcpy(first, t, sizeof first);
        bool has = strstr(t, "CHANGED") != NULL;
        assert_true(barred(r, 1, first) == has);
        with += has;
        g_free(t);
    }
    assert_int_equal(with, 1);
    assert_int_equal((int)xp_num(r, "count(//rule)"), 1);
    /* start side: 6 pt (the initial offset) left of the body, 1 pt wide (medium), black */
    assert_float_equal(xp_num(r, "number(//rule/@x)"), 14, 0.01);
    assert_float_equal(xp_num(r, "number(//rule/@x2)"), 14, 0.01);
    assert_float_equal(xp_num(r, "number(//rule/@thickness)"), 1, 0.01);
    run_free(r);
}

static void test_changebar__between_blocks_and_across_a_page_break(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>Before</fo:block>" BEGIN("b"));
    for (int i = 0; i < 25; i++)
        g_string_append_printf(f, "<fo:block>Barred %d</fo:block>", i);
    g_string_append(f, END("b") "<fo:block>After</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_false(barred(r, 1, "Before"));
    assert_true(barred(r, 1, "Barred 0"));
    assert_true(barred(r, 1, "Barred 18"));
    assert_true(barred(r, 2, "Barred 19"));
    assert_true(barred(r, 2, "Barred 24"));
    assert_false(barred(r, 2, "After"));
    /* one bar per barred line, each the height of its line: they join into one */
    assert_int_equal((int)xp_num(r, "count(//rule)"), 25);
    run_free(r);
}

static void test_changebar__inside_a_list_and_placement(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
        "<fo:list-block provisional-distance-between-starts='24pt'><fo:list-item>"
        "<fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block></fo:list-item-label>"
        "<fo:list-item-body start-indent='body-start()'><fo:block>Item "
        "<fo:change-bar-begin change-bar-class='c' change-bar-style='dashed' change-bar-placement='end' "
        "change-bar-offset='10pt' change-bar-width='2pt' change-bar-color='#0000ff'/>new"
        "<fo:change-bar-end change-bar-class='c'/></fo:block></fo:list-item-body></fo:list-item>"
        "<fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>2.</fo:block></fo:list-item-label>"
        "<fo:list-item-body start-indent='body-start()'><fo:block>Other</fo:block></fo:list-item-body>"
        "</fo:list-item></fo:list-block>");
    assert_true(barred(r, 1, "Item"));
    assert_false(barred(r, 1, "Other"));
    /* end side: 10 pt right of the body's right edge (20 + 260), whatever the list's indents */
    assert_float_equal(xp_num(r, "number(//rule/@x)"), 290, 0.01);
    assert_float_equal(xp_num(r, "number(//rule/@thickness)"), 2, 0.01);
    char *color = xp_str(r, "string(//rule/@color)");
    assert_string_equal(color, "#0000FF");
    g_free(color);
    run_free(r);
}

static void test_changebar__in_a_table_header_and_footer(void **state)
{
    (void)state;
    /* between the rows of a header and around a footer row: the header's and the footer's
     * lines are barred on each page they are drawn on, the body's not */
    GString *s = g_string_new("<fo:table><fo:table-header>" BEGIN("h")
                              "<fo:table-row><fo:table-cell><fo:block>Head</fo:block></fo:table-cell></fo:table-row>"
                              END("h") "</fo:table-header><fo:table-footer>"
                              "<fo:table-row><fo:table-cell><fo:block>Foot</fo:block></fo:table-cell></fo:table-row>"
                              "</fo:table-footer>" BEGIN("f") END("f") "<fo:table-body>");
    for (int i = 0; i < 30; i++)
        g_string_append_printf(s, "<fo:table-row><fo:table-cell><fo:block>Row %d</fo:block></fo:table-cell>"
                                  "</fo:table-row>", i);
    g_string_append(s, "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, s->str);
    g_string_free(s, TRUE);
    assert_int_equal(r->st, MSP_OK);
    assert_true(xp_num(r, "count(//page)") >= 2);
    assert_true(barred(r, 1, "Head"));
    assert_true(barred(r, 2, "Head"));
    assert_false(barred(r, 1, "Row 0"));
    assert_false(barred(r, 1, "Foot"));
    run_free(r);
}

static void test_changebar__style_none_class_and_pairing(void **state)
{
    (void)state;
    /* change-bar-style is none unless given (XSL 1.1 7.30.5): no bar */
    run *r = lay_flow("p", NULL, "<fo:block><fo:change-bar-begin change-bar-class='x'/>Quiet"
                                 "<fo:change-bar-end change-bar-class='x'/></fo:block>");
    assert_int_equal((int)xp_num(r, "count(//rule)"), 0);
    run_free(r);
    /* an end of another class closes nothing: warned, the bar goes on */
    r = lay_flow("p", NULL, "<fo:block>" BEGIN("x") "One" END("y") "</fo:block><fo:block>Two" END("x") "</fo:block>"
                            "<fo:block>Three</fo:block>");
    assert_true(barred(r, 1, "One"));
    assert_true(barred(r, 1, "Two"));
    assert_false(barred(r, 1, "Three"));
    assert_non_null(find_diag(r, "fo:change-bar-end of class 'y' closes no open change bar"));
    run_free(r);
    /* no class: an error at the element */
    char *fo = doc_fo("p", NULL, "<fo:block><fo:change-bar-begin/>x</fo:block>");
    r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_E_FO);
    run_free(r);
}

static void test_changebar__start_is_right_on_an_rl_tb_page(void **state)
{
    (void)state;
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
                               "font-size='10pt' line-height='12pt'>%s<fo:page-sequence master-reference='p' "
                               "writing-mode='rl-tb'><fo:flow flow-name='xsl-region-body'><fo:block>"
                               BEGIN("r") "שינוי" END("r") "</fo:block></fo:flow></fo:page-sequence></fo:root>",
                               MASTERS);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_float_equal(xp_num(r, "number(//rule/@x)"), 286, 0.01);   /* 20 + 260 + 6 */
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changebar__inline_bars_only_the_lines_of_the_change),
        cmocka_unit_test(test_changebar__between_blocks_and_across_a_page_break),
        cmocka_unit_test(test_changebar__inside_a_list_and_placement),
        cmocka_unit_test(test_changebar__in_a_table_header_and_footer),
        cmocka_unit_test(test_changebar__style_none_class_and_pairing),
        cmocka_unit_test(test_changebar__start_is_right_on_an_rl_tb_page),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
