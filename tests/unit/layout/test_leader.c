/* Unit tests for leader-pattern="use-content" (para.c, para_text.c): the
 * leader's content repeated as often as it fits in the leader, as a line of
 * its own on the host line's baseline, none when it does not fit once; its
 * text accounted (never "text never laid out"). */
#include "layout_fixture.h"

static void test_leader__use_content_repeats_what_fits(void **state)
{
    (void)state;
    run *one = lay_flow("p", NULL, "<fo:block>ab</fo:block>");
    double w = xp_num(one, "number(//line[. = 'ab']/@w)");
    run_free(one);
    run *r = lay_flow("p", NULL, "<fo:block>Title<fo:leader leader-pattern='use-content' "
                                 "leader-length='60pt'>a<fo:inline>b</fo:inline></fo:leader>7</fo:block>");
    int n = (int)floor(60 / w);
    char *want = g_strnfill((gsize)(2 * n), 'a');
    for (int i = 0; i < n; i++)
        want[2 * i + 1] = 'b';
    char *got = xp_str(r, "//line[starts-with(., 'ab')]");
    assert_string_equal(got, want);
    /* on the host line's baseline, inside the leader's 60 pt after "Title" */
    assert_float_equal(xp_num(r, "number(//line[starts-with(., 'ab')]/@y)"),
                       xp_num(r, "number(//line[starts-with(., 'Title')]/@y)"), 0.01);
    double title_end = xp_num(r, "number(//line[starts-with(., 'Title')]/@x)");
    double x = xp_num(r, "number(//line[starts-with(., 'ab')]/@x)");
    assert_true(x >= title_end && x + n * w <= title_end + xp_num(r, "number(//line[starts-with(., 'Title')]/@w)") + 0.01);
    assert_int_equal((int)r->check.losses, 0);
    g_free(got);
    g_free(want);
    run_free(r);
}

static void test_leader__use_content_too_wide_draws_nothing_and_loses_nothing(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL, "<fo:block>A<fo:leader leader-pattern='use-content' leader-length='2pt'>"
                                 "wide content</fo:leader>B</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line[contains(., 'wide')])"), 0);
    assert_int_equal((int)r->check.losses, 0);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_leader__use_content_repeats_what_fits),
        cmocka_unit_test(test_leader__use_content_too_wide_draws_nothing_and_loses_nothing),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
