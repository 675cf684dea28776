/* Unit tests for writing-mode rl-tb (fo:page-sequence): start is the right
 * side — text aligned to start, list labels, the first table column, the
 * footnote separator, indents and borders — while left and right stay
 * physical; a Latin run inside a right-to-left line keeps its order and its
 * place; what stays outside the subset is refused. Checked on the area tree
 * of the fixture's page 'p': body 260 pt wide at x = 20 (right edge 280). */
#include "layout_fixture.h"

static char *rtl_fo(const char *seq_attrs, const char *statics, const char *flow)
{
    return g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                           "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                           "<fo:page-sequence master-reference='p' %s>%s<fo:flow flow-name='xsl-region-body'>%s"
                           "</fo:flow></fo:page-sequence></fo:root>",
                           MASTERS, seq_attrs, statics ? statics : "", flow);
}

static run *lay_rtl(const char *statics, const char *flow)
{
    char *fo = rtl_fo("writing-mode='rl-tb'", statics, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

#define LX(r, t) xp_num(r, "number(//line[. = '%s']/@x)", t)
#define LW(r, t) xp_num(r, "number(//line[. = '%s']/@w)", t)

static void test_rtl__start_is_the_right_side(void **state)
{
    (void)state;
    run *r = lay_rtl(NULL, "<fo:block>שלום</fo:block><fo:block text-align='end'>עולם</fo:block>"
                           "<fo:block text-align='center'>מרכז</fo:block>"
                           "<fo:block text-align='left'>Left</fo:block><fo:block text-align='right'>Right</fo:block>"
                           "<fo:block start-indent='30pt'>פנימה</fo:block>");
    assert_float_equal(LX(r, "שלום") + LW(r, "שלום"), 280, 0.01);        /* start: right */
    assert_float_equal(LX(r, "עולם"), 20, 0.01);                          /* end: left */
    assert_float_equal(LX(r, "מרכז") + LW(r, "מרכז") / 2, 150, 0.01);    /* centre stays */
    assert_float_equal(LX(r, "Left"), 20, 0.01);                          /* physical sides stay */
    assert_float_equal(LX(r, "Right") + LW(r, "Right"), 280, 0.01);
    assert_float_equal(LX(r, "פנימה") + LW(r, "פנימה"), 250, 0.01);      /* start-indent from the right */
    run_free(r);
}

static void test_rtl__physical_margins_and_padding_stay_physical(void **state)
{
    (void)state;
    run *r = lay_rtl(NULL, "<fo:block margin-left='50pt' margin-right='0pt' padding-right='10pt' background-color='#ff0000'>"
                           "צבע</fo:block><fo:block margin='0pt 40pt 0pt 0pt'>ימין</fo:block>");
    /* the background box starts 50 pt from the left edge; the text ends 10 pt inside its right edge */
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000']/@x)"), 70, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#FF0000']/@w)"), 210, 0.01);
    assert_float_equal(LX(r, "צבע") + LW(r, "צבע"), 270, 0.01);
    /* margin shorthand: top right bottom left, right = 40 pt: the text's start is 40 pt from the right */
    assert_float_equal(LX(r, "ימין") + LW(r, "ימין"), 240, 0.01);
    run_free(r);
}

static void test_rtl__list_labels_on_the_right(void **state)
{
    (void)state;
    run *r = lay_rtl(NULL, "<fo:list-block provisional-distance-between-starts='24pt' "
                           "provisional-label-separation='6pt'><fo:list-item>"
                           "<fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block></fo:list-item-label>"
                           "<fo:list-item-body start-indent='body-start()'><fo:block>גוף</fo:block>"
                           "</fo:list-item-body></fo:list-item></fo:list-block>");
    assert_float_equal(LX(r, "1.") + LW(r, "1."), 280, 0.01);
    assert_float_equal(LX(r, "גוף") + LW(r, "גוף"), 280 - 24, 0.01);
    assert_true(LX(r, "1.") > LX(r, "גוף") + LW(r, "גוף"));
    run_free(r);
}

static void test_rtl__first_table_column_on_the_right(void **state)
{
    (void)state;
    run *r = lay_rtl(NULL, "<fo:table table-layout='fixed' width='200pt'><fo:table-column column-width='100pt'/>"
                           "<fo:table-column column-width='100pt'/><fo:table-body><fo:table-row>"
                           "<fo:table-cell><fo:block>ראשון</fo:block></fo:table-cell>"
                           "<fo:table-cell><fo:block>שני</fo:block></fo:table-cell>"
                           "</fo:table-row></fo:table-body></fo:table>");
    /* the table starts at the right edge: column 1 is 280..180, column 2 is 180..80 */
    assert_float_equal(LX(r, "ראשון") + LW(r, "ראשון"), 280, 0.01);
    assert_float_equal(LX(r, "שני") + LW(r, "שני"), 180, 0.01);
    run_free(r);
}

static void test_rtl__footnote_separator_and_notes_at_the_start(void **state)
{
    (void)state;
    run *r = lay_rtl(SEP, "<fo:block>טקסט<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>"
                          "<fo:block>הערה</fo:block></fo:footnote-body></fo:footnote></fo:block>");
    assert_float_equal(xp_num(r, "number(//rule[@zone='separator']/@x2)"), 280, 0.01);
    assert_float_equal(xp_num(r, "number(//rule[@zone='separator']/@x)"), 230, 0.01);
    assert_float_equal(xp_num(r, "number(//line[@zone='footnotes'][. = 'הערה']/@x)") +
                           xp_num(r, "number(//line[@zone='footnotes'][. = 'הערה']/@w)"), 280, 0.01);
    run_free(r);
}

/* "שלום APLC/MSP.22/2025/22 עולם": the first word is rightmost, the symbol
 * whole in the middle (its own link box), the last word leftmost. */
static void test_rtl__latin_run_keeps_its_order_and_place(void **state)
{
    (void)state;
    run *r = lay_rtl(NULL, "<fo:block><fo:basic-link internal-destination='a'>שלום</fo:basic-link> "
                           "<fo:basic-link internal-destination='b'>APLC/MSP.22/2025/22</fo:basic-link> "
                           "<fo:basic-link internal-destination='c'>עולם</fo:basic-link></fo:block>"
                           "<fo:block id='a'>a</fo:block><fo:block id='b'>b</fo:block><fo:block id='c'>c</fo:block>");
    double xa = xp_num(r, "number(//link[@dest='a']/@x)"), xb = xp_num(r, "number(//link[@dest='b']/@x)");
    double xc = xp_num(r, "number(//link[@dest='c']/@x)"), wb = xp_num(r, "number(//link[@dest='b']/@w)");
    assert_true(xa > xb && xb > xc);
    assert_float_equal(xa + xp_num(r, "number(//link[@dest='a']/@w)"), 280, 0.01);
    /* the symbol is one box as wide as itself set left to right */
    run *ltr = lay_flow("p", NULL, "<fo:block><fo:basic-link internal-destination='b'>APLC/MSP.22/2025/22"
                                   "</fo:basic-link></fo:block><fo:block id='b'>b</fo:block>");
    assert_float_equal(wb, xp_num(ltr, "number(//link[@dest='b']/@w)"), 0.01);
    run_free(ltr);
    run_free(r);
}

static void test_rtl__other_writing_modes_are_refused(void **state)
{
    (void)state;
    const char *flows[] = {
        "<fo:block writing-mode='tb-rl'>x</fo:block>",
        "<fo:block-container writing-mode='tb-rl'><fo:block>x</fo:block></fo:block-container>",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(flows); i++) {
        char *fo = rtl_fo("writing-mode='rl-tb'", NULL, flows[i]);
        run *r = lay_out(fo);
        g_free(fo);
        assert_int_not_equal(r->st, MSP_OK);
        run_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtl__start_is_the_right_side),
        cmocka_unit_test(test_rtl__physical_margins_and_padding_stay_physical),
        cmocka_unit_test(test_rtl__list_labels_on_the_right),
        cmocka_unit_test(test_rtl__first_table_column_on_the_right),
        cmocka_unit_test(test_rtl__footnote_separator_and_notes_at_the_start),
        cmocka_unit_test(test_rtl__latin_run_keeps_its_order_and_place),
        cmocka_unit_test(test_rtl__other_writing_modes_are_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
