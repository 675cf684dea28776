/* Unit tests for layout/inline_box.c: fo:inline-container as one box in a
 * line: its width (given, a percentage, auto = the reference area's), its
 * height (given, or its content's) and the line's height with it, its
 * first line's baseline on the line's, its after edge on the baseline when
 * it holds no line, its border and background, footnotes and citations of
 * ids inside it, overflow of a fixed height, text accounting.
 * The fixture's page 'p' is 300 x 300 pt with its body 260 x 240 at (20, 40). */
#include "layout_fixture.h"

#define LINE_X(r, text) xp_num(r, "number(//line[. = '%s']/@x)", text)
#define LINE_Y(r, text) xp_num(r, "number(//line[. = '%s']/@y)", text)
#define LINE_H(r, text) xp_num(r, "number(//line[starts-with(., '%s')]/@h)", text)

static run *lay(const char *flow)
{
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

static void test_inline_box__a_box_of_its_size_in_the_line(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Before: <fo:inline-container width='80pt' height='50pt'>"
                 "<fo:block>Inside</fo:block></fo:inline-container> After.</fo:block>"
                 "<fo:block>Next</fo:block>");
    /* one line holds the text around the box; the box's first line shares its baseline */
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Before:  After.'])"), 1);
    assert_float_equal(LINE_Y(r, "Inside"), LINE_Y(r, "Before:  After."), 0.01);
    /* the box starts after "Before: " and "After." starts 80 pt further */
    double x_in = LINE_X(r, "Inside");
    assert_true(x_in > 20 + 20 && x_in < 20 + 60);
    assert_float_equal(LINE_X(r, "Before:  After."), 20, 0.01);
    /* the line is as tall as the box (the body's first line, at 40): the next block starts
     * 50 pt down and its first baseline is as far below its top as the box's */
    assert_float_equal(LINE_H(r, "Before:"), 50, 0.01);
    assert_float_equal(LINE_Y(r, "Next") - 40 - 50, LINE_Y(r, "Inside") - 40, 0.01);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_inline_box__auto_width_is_the_reference_area(void **state)
{
    (void)state;
    /* in the body: 260 pt, so the box takes a line of its own */
    run *r = lay("<fo:block>Before: <fo:inline-container><fo:block>Inside the box.</fo:block>"
                 "</fo:inline-container> After.</fo:block>");
    assert_float_equal(LINE_X(r, "Inside the box."), 20, 0.01);
    assert_true(LINE_Y(r, "Before:") < LINE_Y(r, "Inside the box."));
    assert_true(LINE_Y(r, "Inside the box.") < LINE_Y(r, "After."));
    run_free(r);
    /* in a block-container 100 pt wide at 100 pt: 100 pt, wrapping its text there */
    r = lay("<fo:block-container start-indent='100pt' width='100pt'><fo:block start-indent='0pt'>"
            "A <fo:inline-container><fo:block>one two three four five six seven</fo:block>"
            "</fo:inline-container> B</fo:block></fo:block-container>");
    assert_float_equal(xp_num(r, "number(//line[starts-with(., 'one')]/@x)"), 120, 0.01);
    assert_true(xp_num(r, "count(//line[starts-with(., 'one') or starts-with(., 'four') or "
                          "starts-with(., 'five') or starts-with(., 'six')])") >= 2);
    assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'one') or contains(., 'seven')][@w > 100.01])"), 0);
    run_free(r);
    /* a percentage of the reference area */
    r = lay("<fo:block>A <fo:inline-container width='50%'><fo:block>one two three four five six seven eight "
            "nine ten</fo:block></fo:inline-container></fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'one') or contains(., 'ten')][@w > 130.01])"), 0);
    assert_true(xp_num(r, "count(//line[starts-with(., 'one') or contains(., 'ten')])") >= 2);
    run_free(r);
}

static void test_inline_box__no_line_inside_sits_on_the_baseline(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Text <fo:inline-container width='30pt' height='20pt' background-color='#00ff00'>"
                 "<fo:block/></fo:inline-container> more</fo:block>");
    /* the box's after edge on the baseline: it reaches 20 pt above it */
    double base = LINE_Y(r, "Text  more");
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00' or @color='#00ff00']/@y)"), base - 20, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00' or @color='#00ff00']/@h)"), 20, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00' or @color='#00ff00']/@w)"), 30, 0.01);
    run_free(r);
}

static void test_inline_box__border_and_padding_frame_the_content(void **state)
{
    (void)state;
    run *r = lay("<fo:block>X <fo:inline-container width='60pt' padding='4pt' border='2pt solid black' "
                 "background-color='#0000ff'><fo:block>In</fo:block></fo:inline-container></fo:block>");
    double bx = xp_num(r, "number(//rect[@color='#0000FF' or @color='#0000ff']/@x)");
    assert_float_equal(xp_num(r, "number(//rect[@color='#0000FF' or @color='#0000ff']/@w)"), 60 + 12, 0.01);
    assert_float_equal(LINE_X(r, "In"), bx + 6, 0.01);
    run_free(r);
}

static void test_inline_box__footnote_and_citation_inside(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    g_string_append(s, "<fo:block>See page <fo:page-number-citation ref-id='deep'/>.</fo:block>");
    fillers(s, 30, "fo:block");
    g_string_append(s, "<fo:block>Box <fo:inline-container width='120pt'><fo:block id='deep'>Held"
                       "<fo:footnote><fo:inline>*</fo:inline><fo:footnote-body><fo:block>The note text"
                       "</fo:block></fo:footnote-body></fo:footnote></fo:block></fo:inline-container></fo:block>");
    char *fo = doc_fo("p", SEP, s->str);
    run *r = lay_out(fo);
    g_free(fo);
    g_string_free(s, TRUE);
    assert_int_equal(r->st, MSP_OK);
    /* the box is on page 2: the citation says so, and the note is on that page */
    assert_int_equal((int)xp_num(r, "count(//page[@number='2']//line[starts-with(., 'Held')])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'See page 2.'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[@number='2']//line[@zone='footnotes'][. = 'The note text'])"), 1);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_inline_box__fixed_height_overflow(void **state)
{
    (void)state;
    run *r = lay("<fo:block>A <fo:inline-container width='80pt' height='12pt'><fo:block>One</fo:block>"
                 "<fo:block>Two</fo:block></fo:inline-container></fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Two'])"), 1);
    assert_non_null(find_diag(r, "drawn past the container's bottom edge"));
    run_free(r);
    r = lay("<fo:block>A <fo:inline-container width='80pt' height='12pt' overflow='hidden'><fo:block>One"
            "</fo:block><fo:block>Two</fo:block></fo:inline-container></fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Two'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'One'])"), 1);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

static void test_inline_box__text_directly_inside_is_refused(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL, "<fo:block>A <fo:inline-container>loose text</fo:inline-container></fo:block>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_E_FO);
    assert_non_null(find_diag(r, "text is not allowed directly in fo:inline-container"));
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline_box__a_box_of_its_size_in_the_line),
        cmocka_unit_test(test_inline_box__auto_width_is_the_reference_area),
        cmocka_unit_test(test_inline_box__no_line_inside_sits_on_the_baseline),
        cmocka_unit_test(test_inline_box__border_and_padding_frame_the_content),
        cmocka_unit_test(test_inline_box__footnote_and_citation_inside),
        cmocka_unit_test(test_inline_box__fixed_height_overflow),
        cmocka_unit_test(test_inline_box__text_directly_inside_is_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
