/* Unit tests for layout/cjk: the Simplified Chinese line-start and line-end
 * prohibitions (over a long generated text at many measures) and the
 * inter-character justification of CJK lines (lines reach the measure;
 * unjustified lines and the last line keep their natural width). */
#include "layout_fixture.h"
#include "layout/cjk.h"

/* UTF-8 of one character */
static const char *u8(gunichar c)
{
    static char buf[4][8];
    static int k;
    char *b = buf[k++ % 4];
    b[g_unichar_to_utf8(c, b)] = 0;
    return b;
}

static void test_cjk__sets(void **state)
{
    (void)state;
    static const gunichar starts[] = { 0x3002, 0xFF0C, 0x3001, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01,
                                       0xFF09, 0x300D, 0x300F, 0x300B, 0x201D };
    static const gunichar ends[] = { 0xFF08, 0x300C, 0x300E, 0x300A, 0x201C };
    for (size_t i = 0; i < G_N_ELEMENTS(starts); i++) {
        if (!msp_cjk_no_start(starts[i]) || msp_cjk_no_end(starts[i]))
            fail_msg("%s is not only line-start prohibited", u8(starts[i]));
    }
    for (size_t i = 0; i < G_N_ELEMENTS(ends); i++) {
        if (!msp_cjk_no_end(ends[i]) || msp_cjk_no_start(ends[i]))
            fail_msg("%s is not only line-end prohibited", u8(ends[i]));
    }
    assert_false(msp_cjk_no_start(0x4E2D));   /* an ideograph: anywhere */
    assert_false(msp_cjk_no_end(0x4E2D));
    assert_true(msp_cjk_is_wide(0x4E2D));
    assert_true(msp_cjk_is_wide(0xFF0C));
    assert_false(msp_cjk_is_wide('a'));
    /* gaps: next to a wide character, never at a space or an object */
    assert_true(msp_cjk_gap(0x4E2D, 0x6587));
    assert_true(msp_cjk_gap('5', 0x5E74));
    assert_false(msp_cjk_gap('a', 'b'));
    assert_false(msp_cjk_gap(' ', 0x4E2D));
    assert_false(msp_cjk_gap(0x4E2D, 0xFFFC));
    /* breaks */
    assert_true(msp_cjk_break(0x4E2D, 0x6587));
    assert_false(msp_cjk_break(0x4E2D, 0x3002));   /* 中。 */
    assert_false(msp_cjk_break(0xFF08, 0x4E2D));   /* （中 */
    assert_true(msp_cjk_break(0x3002, 0x4E2D));    /* 。中 */
    assert_true(msp_cjk_break(0x4E2D, 0xFF08));    /* 中（ */
}

/* A long text of ideographs with punctuation every few characters, laid out
 * at 40 measures: some break would fall before a closing mark or after an
 * opening one at many of them. */
static char *generated_text(void)
{
    static const gunichar ideo[] = { 0x59D4, 0x5458, 0x4F1A, 0x5C06, 0x7EE7, 0x7EED, 0x9F13, 0x52B1,
                                     0x7F14, 0x7EA6, 0x56FD, 0x5408, 0x4F5C, 0x63F4, 0x52A9 };
    static const gunichar closing[] = { 0x3002, 0xFF0C, 0x3001, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01 };
    GString *s = g_string_new(NULL);
    guint32 seed = 7;
    for (int i = 0; i < 600; i++) {
        seed = seed * 1103515245u + 12345u;
        int k = (int)((seed >> 16) % 9);
        g_string_append(s, u8(ideo[(seed >> 8) % G_N_ELEMENTS(ideo)]));
        if (k == 0)
            g_string_append(s, u8(closing[(seed >> 4) % G_N_ELEMENTS(closing)]));
        else if (k == 1) {   /* a bracketed pair: （…） or 「…」 */
            bool paren = (seed >> 3) & 1;
            g_string_append(s, paren ? u8(0xFF08) : u8(0x300C));
            g_string_append(s, u8(ideo[(seed >> 12) % G_N_ELEMENTS(ideo)]));
            g_string_append(s, u8(ideo[(seed >> 5) % G_N_ELEMENTS(ideo)]));
            g_string_append(s, paren ? u8(0xFF09) : u8(0x300D));
        }
    }
    return g_string_free(s, FALSE);
}

static void test_cjk__no_prohibited_line_edges(void **state)
{
    (void)state;
    char *text = generated_text();
    GString *flow = g_string_new(NULL);
    for (int m = 0; m < 40; m++)
        g_string_append_printf(flow, "<fo:block end-indent='%.1fpt' text-align='justify' language='zh' "
                                     "space-after='12pt'>%s</fo:block>", 3.7 * m, text);
    run *r = lay_flow("p", NULL, flow->str);
    g_string_free(flow, TRUE);
    int n = (int)xp_num(r, "count(//line)");
    assert_true(n > 400);
    int bad = 0;
    for (int i = 1; i <= n; i++) {
        char *t = xp_str(r, "(//line)[%d]", i);
        if (*t) {
            gunichar first = g_utf8_get_char(t);
            gunichar last = g_utf8_get_char(g_utf8_prev_char(t + strlen(t)));
            if (msp_cjk_no_start(first) || msp_cjk_no_end(last)) {
                if (bad++ < 5)
                    fprintf(stderr, "prohibited line edge: %s\n", t);
            }
        }
        g_free(t);
    }
    assert_int_equal(bad, 0);
    /* every line but each paragraph's last is justified to one of the measures, none is wider */
    int full = 0;
    for (int i = 1; i <= n; i++) {
        double w = xp_num(r, "number((//line)[%d]/@w)", i);
        assert_true(w < 260.05);
        for (int m = 0; m < 40; m++)
            if (fabs(w - (260 - 3.7 * m)) < 0.05) {
                full++;
                break;
            }
    }
    assert_true(full >= n - 40);
    run_free(r);
    g_free(text);
}

/* 25 ideographs make 250 pt: at a 255 pt measure every full line is 25
 * characters whose 24 gaps share the 5 pt; at text-align start it stays
 * 250 pt wide, and the last line of a justified paragraph is not stretched. */
static void test_cjk__justified_lines_spread_to_the_measure(void **state)
{
    (void)state;
    GString *zh = g_string_new(NULL);
    for (int i = 0; i < 60; i++)
        g_string_append(zh, u8(0x4E00 + (gunichar)(i * 37 % 500)));
    char *flow = g_strdup_printf("<fo:block end-indent='5pt' text-align='justify' language='zh'>%s</fo:block>"
                                 "<fo:block end-indent='5pt' text-align='start' language='zh'>%s</fo:block>",
                                 zh->str, zh->str);
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    g_string_free(zh, TRUE);
    assert_int_equal((int)xp_num(r, "count(//line)"), 6);   /* 25 + 25 + 10, twice */
    for (int i = 1; i <= 2; i++) {
        NEAR(xp_num(r, "number((//line)[%d]/@w)", i), 255);
        char *t = xp_str(r, "(//line)[%d]", i);
        assert_int_equal(g_utf8_strlen(t, -1), 25);
        g_free(t);
    }
    NEAR(xp_num(r, "number((//line)[3]/@w)"), 100);   /* the last line: natural */
    for (int i = 4; i <= 5; i++)
        NEAR(xp_num(r, "number((//line)[%d]/@w)", i), 250);   /* not justified: natural */
    run_free(r);
}

/* Mixed text: the gaps between Latin letters do not spread (a line of
 * Latin text without spaces keeps its width), those next to an ideograph do. */
static void test_cjk__latin_letters_are_not_spaced(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block end-indent='5pt' text-align='justify' language='zh'>"
                      "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij"
                      "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij</fo:block>");
    int n = (int)xp_num(r, "count(//line)");
    assert_true(n >= 2);
    assert_true(xp_num(r, "number((//line)[1]/@w)") < 254.5);   /* not stretched to 255 */
    run_free(r);
}

/* Chinese quotation marks: UAX #14 (class QU) breaks neither before nor
 * after them, which binds a quoted word to its neighbours; the kinsoku
 * rules only keep “ off a line end and ” off a line start. At a measure of
 * four ideographs the first line is full and the quotation starts the
 * second (the quotes are Liberation's, narrow: "“国家”文" fits in four
 * ideographs' width); Pango alone would end the first line at "中文中". */
static void test_cjk__quotation_marks_break_outside(void **state)
{
    (void)state;
    /* 中文中文“国家”文字 */
    run *r = lay_flow("p", NULL,
                      "<fo:block end-indent='220pt' text-align='start' language='zh'>"
                      "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87\xE2\x80\x9C\xE5\x9B\xBD"
                      "\xE5\xAE\xB6\xE2\x80\x9D\xE6\x96\x87\xE5\xAD\x97</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line)"), 3);
    char *l1 = xp_str(r, "(//line)[1]"), *l2 = xp_str(r, "(//line)[2]"), *l3 = xp_str(r, "(//line)[3]");
    assert_string_equal(l1, "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87");
    assert_string_equal(l2, "\xE2\x80\x9C\xE5\x9B\xBD\xE5\xAE\xB6\xE2\x80\x9D\xE6\x96\x87");
    assert_string_equal(l3, "\xE5\xAD\x97");
    g_free(l1);
    g_free(l2);
    g_free(l3);
    assert_int_equal(r->report.counts.overfull, 0);
    run_free(r);
}

/* A footnote call stays with the character it follows: at a measure of
 * four ideographs, "中文中文" fills the first line, yet the call after it may
 * not start the second: the last ideograph goes down with it. */
static void test_cjk__footnote_call_never_starts_a_line(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block end-indent='220pt' text-align='justify' language='zh'>"
                              "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD\xE6\x96\x87");
    note(f, "1", 1, "note");
    g_string_append(f, "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    int n = (int)xp_num(r, "count(//line[@zone='body'])");
    assert_true(n >= 2);
    for (int i = 1; i <= n; i++) {
        char *t = xp_str(r, "(//line[@zone='body'])[%d]", i);
        if (t[0] == '1')
            fail_msg("line %d starts with the footnote call: %s", i, t);
        g_free(t);
    }
    char *l1 = xp_str(r, "(//line[@zone='body'])[1]");
    assert_string_equal(l1, "\xE4\xB8\xAD\xE6\x96\x87\xE4\xB8\xAD");
    g_free(l1);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cjk__sets),
        cmocka_unit_test(test_cjk__no_prohibited_line_edges),
        cmocka_unit_test(test_cjk__justified_lines_spread_to_the_measure),
        cmocka_unit_test(test_cjk__latin_letters_are_not_spaced),
        cmocka_unit_test(test_cjk__quotation_marks_break_outside),
        cmocka_unit_test(test_cjk__footnote_call_never_starts_a_line),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
