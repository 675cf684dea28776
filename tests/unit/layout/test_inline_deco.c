/* Unit tests for the backgrounds, borders and padding of inline-level
 * elements (para_text.c makes room for the start and end padding and
 * borders, para.c draws them under each line's text): one piece per line an
 * inline spans, the start border only where it starts and the end border
 * only where it ends, the padding moving the text after it, no break between
 * the room and the text, nothing in the line's text, no warning.
 * The fixture's page 'p' is 300 x 300 pt with its body 260 x 240 at (20, 40). */
#include "layout_fixture.h"

static run *lay(const char *flow)
{
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    assert_int_equal(r->check.losses, 0);
    return r;
}

#define RECTS(r, color) xp_num(r, "count(//rect[@color='%s'])", color)

static void test_inline_deco__background_piece_per_line(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Start <fo:inline background-color='#ffff00'>one two three four five six seven eight "
                 "nine ten eleven twelve thirteen fourteen fifteen</fo:inline> end.</fo:block>");
    /* two lines at least, one piece on each; the first starts after "Start " and the last
     * ends before " end." */
    int lines = (int)xp_num(r, "count(//line)");
    assert_true(lines >= 2);
    assert_int_equal((int)RECTS(r, "#FFFF00"), lines);
    assert_true(xp_num(r, "number(//rect[@color='#FFFF00'][1]/@x)") > 30);
    assert_float_equal(xp_num(r, "number(//rect[@color='#FFFF00'][2]/@x)"), 20, 0.01);
    /* under the text: each rect comes before its line in the page's order */
    assert_int_equal((int)xp_num(r, "count(//rect[@color='#FFFF00'][1]/following-sibling::line[1])"), 1);
    assert_null(find_diag(r, "are not drawn"));
    /* the line's text is the FO's */
    assert_int_equal((int)xp_num(r, "count(//line[contains(., 'Start one')])"), 1);
    run_free(r);
}

static void test_inline_deco__padding_and_border_make_room(void **state)
{
    (void)state;
    run *plain = lay("<fo:block>A <fo:inline>boxed</fo:inline> word</fo:block>");
    double w0 = xp_num(plain, "number(//line[1]/@w)");
    run_free(plain);
    run *r = lay("<fo:block>A <fo:inline padding='3pt' border='1pt solid #ff0000'>boxed</fo:inline> word</fo:block>");
    /* 3 + 1 pt on each side */
    assert_float_equal(xp_num(r, "number(//line[1]/@w)"), w0 + 8, 0.01);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'A boxed word'])"), 1);
    /* four sides: two horizontal rules and two vertical ones, the box 8 pt wider than the word */
    assert_int_equal((int)xp_num(r, "count(//rule[@color='#FF0000'])"), 4);
    double l = xp_num(r, "number(//rule[@color='#FF0000'][3]/@x)"), rr = xp_num(r, "number(//rule[@color='#FF0000'][4]/@x)");
    assert_true(rr - l > 20);
    run_free(r);
}

static void test_inline_deco__start_and_end_borders_where_it_starts_and_ends(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Start <fo:inline border-start='2pt solid #0000ff' border-end='2pt solid #0000ff'>one two "
                 "three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen</fo:inline>"
                 " end.</fo:block>");
    /* a vertical rule where it starts and one where it ends, not at the line break */
    assert_true(xp_num(r, "count(//line)") >= 2);
    assert_int_equal((int)xp_num(r, "count(//rule[@color='#0000FF'])"), 2);
    assert_true(xp_num(r, "number(//rule[@color='#0000FF'][1]/@y)") <
                xp_num(r, "number(//rule[@color='#0000FF'][2]/@y)"));
    run_free(r);
}

static void test_inline_deco__page_number_and_link(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Page <fo:page-number background-color='#00ff00'/> and "
                 "<fo:basic-link external-destination='https://example.org' background-color='#ff00ff'>a link</fo:basic-link>"
                 "</fo:block>");
    assert_int_equal((int)RECTS(r, "#00FF00"), 1);
    assert_int_equal((int)RECTS(r, "#FF00FF"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Page 1 and a link'])"), 1);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline_deco__background_piece_per_line),
        cmocka_unit_test(test_inline_deco__padding_and_border_make_room),
        cmocka_unit_test(test_inline_deco__start_and_end_borders_where_it_starts_and_ends),
        cmocka_unit_test(test_inline_deco__page_number_and_link),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
