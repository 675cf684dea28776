/* Unit tests for layout/positioned.c: absolute and fixed block-containers
 * out of the flow, placed by top/left/bottom/right against the region-body,
 * the page, or the container they sit in; the static position when the
 * offsets are auto; their background; the flow after them not moved.
 * The fixture's page 'p' is 300 x 300 pt with its body 260 x 240 at (20, 40). */
#include "layout_fixture.h"

#define LINE_X(r, text) xp_num(r, "number(//line[. = '%s']/@x)", text)
#define LINE_Y(r, text) xp_num(r, "number(//line[. = '%s']/@y)", text)

static run *lay(const char *flow)
{
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

/* How far below its block's top a line's baseline is (the body's first line). */
static double baseline_offset(void)
{
    run *r = lay("<fo:block>Ref</fo:block>");
    double d = LINE_Y(r, "Ref") - 40;
    run_free(r);
    return d;
}

static void test_positioned__absolute_top_left_against_the_body(void **state)
{
    (void)state;
    run *alone = lay("<fo:block>Before</fo:block><fo:block>After</fo:block>");
    double after_y = LINE_Y(alone, "After");
    run_free(alone);

    run *r = lay("<fo:block>Before</fo:block>"
                 "<fo:block-container absolute-position='absolute' top='100pt' left='50pt' width='80pt'>"
                 "<fo:block>Boxed</fo:block></fo:block-container>"
                 "<fo:block>After</fo:block>");
    assert_float_equal(LINE_X(r, "Boxed"), 20 + 50, 0.01);
    assert_float_equal(LINE_Y(r, "Boxed"), 40 + 100 + baseline_offset(), 0.01);
    /* out of the flow: the next block stays where it was without the container */
    assert_float_equal(LINE_Y(r, "After"), after_y, 0.01);
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    run_free(r);
}

static void test_positioned__bottom_right_with_a_size(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container absolute-position='absolute' bottom='10pt' right='30pt' width='60pt' "
                 "height='24pt' background-color='#ff0000'><fo:block>Corner</fo:block></fo:block-container>");
    /* the box: x = 20 + 260 - 30 - 60 = 190, y = 40 + 240 - 10 - 24 = 246 */
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000' or @color='#ff0000']/@x)"), 190, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000' or @color='#ff0000']/@y)"), 246, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000' or @color='#ff0000']/@w)"), 60, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000' or @color='#ff0000']/@h)"), 24, 0.01);
    assert_float_equal(LINE_X(r, "Corner"), 190, 0.01);
    run_free(r);
}

static void test_positioned__fixed_against_the_page(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Text</fo:block>"
                 "<fo:block-container absolute-position='fixed' top='5pt' left='8pt' width='100pt'>"
                 "<fo:block>Stamp</fo:block></fo:block-container>");
    assert_float_equal(LINE_X(r, "Stamp"), 8, 0.01);
    assert_true(LINE_Y(r, "Stamp") < 20);   /* above the body and its margins */
    run_free(r);
}

static void test_positioned__auto_offsets_keep_the_static_position(void **state)
{
    (void)state;
    run *r = lay("<fo:block>One</fo:block>"
                 "<fo:block-container absolute-position='absolute' start-indent='40pt' width='100pt'>"
                 "<fo:block start-indent='0pt'>Static</fo:block></fo:block-container>"
                 "<fo:block>Two</fo:block>");
    /* where the flow had it: under One, at its start indent; Two is not pushed down */
    assert_float_equal(LINE_X(r, "Static"), 20 + 40, 0.01);
    assert_float_equal(LINE_Y(r, "Static"), LINE_Y(r, "Two"), 0.01);
    assert_true(LINE_Y(r, "Static") > LINE_Y(r, "One"));
    run_free(r);
}

static void test_positioned__nested_against_its_container(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container absolute-position='absolute' top='60pt' left='60pt' width='120pt' "
                 "height='80pt'>"
                 "<fo:block-container absolute-position='absolute' bottom='0pt' right='0pt' width='40pt' "
                 "height='12pt'><fo:block>Inner</fo:block></fo:block-container>"
                 "<fo:block>Outer</fo:block></fo:block-container>");
    assert_float_equal(LINE_X(r, "Outer"), 80, 0.01);
    /* inner box: x = 80 + 120 - 40 = 160; top = 100 + 80 - 12 = 168 */
    assert_float_equal(LINE_X(r, "Inner"), 160, 0.01);
    assert_float_equal(LINE_Y(r, "Inner"), 168 + baseline_offset(), 0.01);
    run_free(r);
}

static void test_positioned__percentages_and_text_accounted(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container absolute-position='absolute' top='50%' left='25%' width='50%' "
                 "background-color='#00ff00'><fo:block>Half</fo:block></fo:block-container>");
    assert_float_equal(LINE_X(r, "Half"), 20 + 65, 0.01);
    assert_float_equal(LINE_Y(r, "Half"), 40 + 120 + baseline_offset(), 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00' or @color='#00ff00']/@w)"), 130, 0.01);
    assert_int_equal((int)r->check.losses, 0);
    assert_true(r->check.lines_placed >= 1);
    run_free(r);
}

static void test_positioned__relative_is_refused(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL, "<fo:block-container absolute-position='relative'><fo:block>x</fo:block>"
                                 "</fo:block-container>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_not_equal(r->st, MSP_OK);
    run_free(r);
}

static void test_positioned__on_a_block_is_warned_and_in_the_flow(void **state)
{
    (void)state;
    run *r = lay("<fo:block>One</fo:block><fo:block absolute-position='absolute' top='200pt'>Two</fo:block>");
    assert_true(LINE_Y(r, "Two") < 40 + 40);   /* the second line of the body, not 200 pt down */
    bool warned = false;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        warned = warned || (d->severity == MSP_SEV_WARNING && strstr(d->message, "fo:block-container only"));
    }
    assert_true(warned);
    run_free(r);
}

/* a fixed height: overflowing content is warned (visible) or clipped (hidden), never silent */
static void test_positioned__overflow_of_a_fixed_height(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container absolute-position='absolute' top='10pt' left='10pt' width='100pt' "
                 "height='12pt'><fo:block>One</fo:block><fo:block>Two</fo:block></fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Two'])"), 1);
    assert_non_null(find_diag(r, "drawn past the container's bottom edge"));
    run_free(r);
    r = lay("<fo:block-container absolute-position='absolute' top='10pt' left='10pt' width='100pt' "
            "height='12pt' overflow='hidden'><fo:block>One</fo:block><fo:block>Two</fo:block></fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Two'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'One'])"), 1);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positioned__absolute_top_left_against_the_body),
        cmocka_unit_test(test_positioned__bottom_right_with_a_size),
        cmocka_unit_test(test_positioned__fixed_against_the_page),
        cmocka_unit_test(test_positioned__auto_offsets_keep_the_static_position),
        cmocka_unit_test(test_positioned__nested_against_its_container),
        cmocka_unit_test(test_positioned__percentages_and_text_accounted),
        cmocka_unit_test(test_positioned__relative_is_refused),
        cmocka_unit_test(test_positioned__on_a_block_is_warned_and_in_the_flow),
        cmocka_unit_test(test_positioned__overflow_of_a_fixed_height),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
