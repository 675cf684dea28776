/* Unit tests for a writing-mode of its own on fo:block-container and
 * fo:table (layout/mirror.c): rl-tb inside lr-tb text and lr-tb inside
 * rl-tb. Inside, start is the container's right (left) side — text aligned
 * to start, indents, list labels, the first table column, cell borders —
 * and lines run right to left (left to right); the container's own margins
 * are placed in the text around it; nested containers are mirrored in
 * turn; a container broken across pages is mirrored on each. Checked on the
 * area tree of the fixture's page 'p': body 260 pt wide at x = 20 (right
 * edge 280), 20 lines of 12 pt a page. */
#include "layout_fixture.h"

#define LX(r, t) xp_num(r, "number(//line[. = '%s']/@x)", t)
#define LW(r, t) xp_num(r, "number(//line[. = '%s']/@w)", t)
#define LR(r, t) (LX(r, t) + LW(r, t))

static run *lay_seq(const char *seq_attrs, const char *flow)
{
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                               "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                               "<fo:page-sequence master-reference='p' %s><fo:flow flow-name='xsl-region-body'>%s"
                               "</fo:flow></fo:page-sequence></fo:root>",
                               MASTERS, seq_attrs, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

/* margin-left 40 pt, margin-right 20 pt (physical, the page's): the
 * container's content rectangle is 60..260, its start the right side. */
static void test_rtl_nested__rl_container_in_an_english_page(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:block>before</fo:block>"
                         "<fo:block-container writing-mode='rl-tb' margin-left='40pt' margin-right='20pt'>"
                         "<fo:block>שלום</fo:block><fo:block text-align='end'>עולם</fo:block>"
                         "<fo:block text-align='left'>Left</fo:block>"
                         "<fo:block start-indent='30pt'>פנימה</fo:block>"
                         "<fo:block border-start-style='solid' border-start-width='2pt' "
                         "border-start-color='#00ff00' padding-start='3pt' margin-right='0pt'>גבול</fo:block>"
                         "</fo:block-container><fo:block>after</fo:block>");
    NEAR(LX(r, "before"), 20);
    NEAR(LX(r, "after"), 20);
    NEAR(LR(r, "שלום"), 260);          /* start: the container's right edge */
    NEAR(LX(r, "עולם"), 60);           /* end: its left edge */
    NEAR(LX(r, "Left"), 60);           /* left stays physical */
    NEAR(LR(r, "פנימה"), 230);         /* start-indent from the right */
    /* border-start on the right edge, the text inside its padding (margin-right,
     * physical: the start side, so that the indent includes them) */
    NEAR(xp_num(r, "number(//rule[@color='#00FF00']/@x)"), 259);
    NEAR(xp_num(r, "number(//rule[@color='#00FF00']/@x2)"), 259);
    NEAR(LR(r, "גבול"), 255);
    run_free(r);
}

/* Pango's bidi with a right-to-left base direction inside the container: the
 * Latin word written first is the rightmost; in the English text around it,
 * the leftmost. */
static void test_rtl_nested__lines_run_right_to_left_inside(void **state)
{
    (void)state;
    const char *para = "<fo:basic-link internal-destination='a'>abc</fo:basic-link> "
                       "<fo:basic-link internal-destination='b'>שלום</fo:basic-link>";
    char *flow = g_strdup_printf("<fo:block-container writing-mode='rl-tb'><fo:block>%s</fo:block>"
                                 "</fo:block-container><fo:block id='a'>a</fo:block><fo:block id='b'>b</fo:block>",
                                 para);
    run *r = lay_seq("", flow);
    assert_true(xp_num(r, "number(//link[@dest='a']/@x)") > xp_num(r, "number(//link[@dest='b']/@x)"));
    NEAR(xp_num(r, "number(//link[@dest='a']/@x)") + xp_num(r, "number(//link[@dest='a']/@w)"), 280);
    run_free(r);
    g_free(flow);
    flow = g_strdup_printf("<fo:block>%s</fo:block><fo:block id='a'>a</fo:block><fo:block id='b'>b</fo:block>",
                           para);
    r = lay_seq("", flow);
    assert_true(xp_num(r, "number(//link[@dest='a']/@x)") < xp_num(r, "number(//link[@dest='b']/@x)"));
    NEAR(xp_num(r, "number(//link[@dest='a']/@x)"), 20);
    run_free(r);
    g_free(flow);
}

static void test_rtl_nested__list_labels_on_the_right(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:block-container writing-mode='rl-tb' margin-right='30pt'>"
                         "<fo:list-block provisional-distance-between-starts='24pt' provisional-label-separation='6pt'>"
                         "<fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block>"
                         "</fo:list-item-label><fo:list-item-body start-indent='body-start()'><fo:block>גוף</fo:block>"
                         "</fo:list-item-body></fo:list-item></fo:list-block></fo:block-container>");
    /* the container is 20..250: the label at its right edge, the body 24 pt to its left */
    NEAR(LR(r, "1."), 250);
    NEAR(LR(r, "גוף"), 250 - 24);
    assert_true(LX(r, "1.") > LR(r, "גוף"));
    run_free(r);
}

/* A 200 pt table in the English flow occupies 20..220; rl-tb puts its first
 * column on the right (220..120), the cells' start borders on their right. */
static void test_rtl_nested__rl_table_column_one_on_the_right(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:table writing-mode='rl-tb' table-layout='fixed' width='200pt'>"
                         "<fo:table-column column-width='100pt'/><fo:table-column column-width='100pt'/>"
                         "<fo:table-body><fo:table-row>"
                         "<fo:table-cell border-start-style='solid' border-start-width='2pt' border-start-color='#0000ff'>"
                         "<fo:block>ראשון</fo:block></fo:table-cell>"
                         "<fo:table-cell><fo:block>שני</fo:block></fo:table-cell>"
                         "</fo:table-row></fo:table-body></fo:table><fo:block>after</fo:block>");
    NEAR(LR(r, "ראשון"), 218);   /* inside its 2 pt start border */
    NEAR(LR(r, "שני"), 120);
    NEAR(xp_num(r, "number(//rule[@color='#0000FF']/@x)"), 219);
    NEAR(LX(r, "after"), 20);
    run_free(r);
}

/* Broken across pages: its header repeated on the next page (made again
 * there for its fo:page-number) stays mirrored, column 1 on the right. */
static void test_rtl_nested__rl_table_header_repeated_mirrored(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table writing-mode='rl-tb' table-layout='fixed' width='200pt'>"
                              "<fo:table-column column-width='100pt'/><fo:table-column column-width='100pt'/>"
                              "<fo:table-header><fo:table-row><fo:table-cell><fo:block>עמוד <fo:page-number/>"
                              "</fo:block></fo:table-cell><fo:table-cell><fo:block>כותרת</fo:block></fo:table-cell>"
                              "</fo:table-row></fo:table-header><fo:table-body>");
    for (int i = 0; i < 30; i++)
        g_string_append(f, "<fo:table-row><fo:table-cell><fo:block>א</fo:block></fo:table-cell>"
                           "<fo:table-cell><fo:block>ב</fo:block></fo:table-cell></fo:table-row>");
    g_string_append(f, "</fo:table-body></fo:table>");
    run *r = lay_seq("", f->str);
    g_string_free(f, TRUE);
    for (int p = 1; p <= 2; p++) {
        NEAR(xp_num(r, "number(//page[%d]/line[. = 'כותרת']/@x) + number(//page[%d]/line[. = 'כותרת']/@w)", p, p),
             120);
        NEAR(xp_num(r, "count(//page[%d]/line[starts-with(., 'עמוד')][@x + @w > 219.95 and @x + @w < 220.05])", p),
             1);
        assert_true(xp_num(r, "count(//page[%d]/line[. = 'א'])", p) > 0);
        NEAR(xp_num(r, "count(//page[%d]/line[. = 'א'][@x + @w < 219.95 or @x + @w > 220.05])", p), 0);
    }
    run_free(r);
}

/* A row taller than the page splits between its cell's lines: the rest on
 * the next page stays mirrored (column 1 at 220..120). */
static void test_rtl_nested__rl_table_row_split_mirrored(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table writing-mode='rl-tb' table-layout='fixed' width='200pt'>"
                              "<fo:table-column column-width='100pt'/><fo:table-column column-width='100pt'/>"
                              "<fo:table-body><fo:table-row><fo:table-cell>");
    for (int i = 0; i < 30; i++)
        g_string_append(f, "<fo:block>שורה</fo:block>");
    g_string_append(f, "</fo:table-cell><fo:table-cell><fo:block>ב</fo:block></fo:table-cell>"
                       "</fo:table-row></fo:table-body></fo:table>");
    run *r = lay_seq("", f->str);
    g_string_free(f, TRUE);
    double n = xp_num(r, "count(//page[2]/line[. = 'שורה'])");
    assert_true(n > 0);
    NEAR(xp_num(r, "count(//page[2]/line[. = 'שורה'][@x + @w > 219.95 and @x + @w < 220.05])"), n);
    run_free(r);
}

/* In an rl-tb page, an lr-tb container is set left to right within its own
 * rectangle: margin-right 40 pt (physical) leaves it 20..240. */
static void test_rtl_nested__lr_container_in_an_rl_page_is_not_mirrored(void **state)
{
    (void)state;
    run *r = lay_seq("writing-mode='rl-tb'",
                     "<fo:block>שלום</fo:block>"
                     "<fo:block-container writing-mode='lr-tb' margin-right='40pt'>"
                     "<fo:block>Hello</fo:block><fo:block text-align='end'>End</fo:block>"
                     "<fo:list-block provisional-distance-between-starts='24pt' provisional-label-separation='6pt'>"
                     "<fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>1.</fo:block>"
                     "</fo:list-item-label><fo:list-item-body start-indent='body-start()'><fo:block>Body</fo:block>"
                     "</fo:list-item-body></fo:list-item></fo:list-block>"
                     "<fo:table table-layout='fixed' width='200pt'><fo:table-column column-width='100pt'/>"
                     "<fo:table-column column-width='100pt'/><fo:table-body><fo:table-row>"
                     "<fo:table-cell><fo:block>One</fo:block></fo:table-cell>"
                     "<fo:table-cell><fo:block>Two</fo:block></fo:table-cell>"
                     "</fo:table-row></fo:table-body></fo:table>"
                     "</fo:block-container>");
    NEAR(LR(r, "שלום"), 280);   /* the page's start: right */
    NEAR(LX(r, "Hello"), 20);
    NEAR(LR(r, "End"), 240);
    NEAR(LX(r, "1."), 20);
    NEAR(LX(r, "Body"), 44);
    NEAR(LX(r, "One"), 20);
    NEAR(LX(r, "Two"), 120);
    run_free(r);
}

/* lr-tb in rl-tb in an lr-tb page: the inner lr-tb container (100 pt wide)
 * stands at the start (right) of the rl-tb one, its text left to right in it. */
static void test_rtl_nested__nested_containers_mirrored_in_turn(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:block-container writing-mode='rl-tb'>"
                         "<fo:block-container writing-mode='lr-tb' width='100pt'>"
                         "<fo:block>Inner</fo:block><fo:block text-align='end'>Rest</fo:block>"
                         "</fo:block-container></fo:block-container>");
    NEAR(LX(r, "Inner"), 180);
    NEAR(LR(r, "Rest"), 280);
    run_free(r);
}

/* A container broken across pages, and one of fixed height: mirrored on each
 * page, within its own rectangle (20..250). */
static void test_rtl_nested__broken_and_fixed_containers(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block-container writing-mode='rl-tb' margin-right='30pt'>");
    for (int i = 0; i < 30; i++)
        g_string_append(f, "<fo:block>שורה</fo:block>");
    g_string_append(f, "</fo:block-container>"
                       "<fo:block-container writing-mode='rl-tb' height='30pt' width='100pt'>"
                       "<fo:block>קבוע</fo:block></fo:block-container>");
    run *r = lay_seq("", f->str);
    g_string_free(f, TRUE);
    for (int p = 1; p <= 2; p++) {
        double n = xp_num(r, "count(//page[%d]/line[. = 'שורה'])", p);
        assert_true(n > 0);
        NEAR(xp_num(r, "count(//page[%d]/line[. = 'שורה'][@x + @w > 249.95 and @x + @w < 250.05])", p), n);
    }
    NEAR(LR(r, "קבוע"), 120);
    run_free(r);
}

/* A container positioned against the region from inside an rl-tb container
 * in an English page: its left offset is the page's left, its text starts
 * at its right (box 30..80). */
static void test_rtl_nested__positioned_inside_keeps_physical_offsets(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:block-container writing-mode='rl-tb' margin-right='60pt'><fo:block>טקסט</fo:block>"
                         "<fo:block-container absolute-position='absolute' left='10pt' top='100pt' width='50pt'>"
                         "<fo:block>X</fo:block></fo:block-container></fo:block-container>");
    NEAR(LR(r, "טקסט"), 220);
    NEAR(LR(r, "X"), 80);
    run_free(r);
}

/* A note cited in an rl-tb container is set in the footnote area, in the
 * page's writing-mode: left to right, at the left. */
static void test_rtl_nested__footnote_in_the_page_writing_mode(void **state)
{
    (void)state;
    run *r = lay_seq("", "<fo:block-container writing-mode='rl-tb'><fo:block>טקסט<fo:footnote>"
                         "<fo:inline>1</fo:inline><fo:footnote-body><fo:block>Note</fo:block>"
                         "</fo:footnote-body></fo:footnote></fo:block></fo:block-container>");
    NEAR(xp_num(r, "number(//line[@zone='footnotes'][. = 'Note']/@x)"), 20);
    NEAR(xp_num(r, "count(//line[@zone='body'][@x + @w > 279.95 and @x + @w < 280.05])"), 1);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rtl_nested__rl_container_in_an_english_page),
        cmocka_unit_test(test_rtl_nested__lines_run_right_to_left_inside),
        cmocka_unit_test(test_rtl_nested__list_labels_on_the_right),
        cmocka_unit_test(test_rtl_nested__rl_table_column_one_on_the_right),
        cmocka_unit_test(test_rtl_nested__rl_table_header_repeated_mirrored),
        cmocka_unit_test(test_rtl_nested__rl_table_row_split_mirrored),
        cmocka_unit_test(test_rtl_nested__lr_container_in_an_rl_page_is_not_mirrored),
        cmocka_unit_test(test_rtl_nested__nested_containers_mirrored_in_turn),
        cmocka_unit_test(test_rtl_nested__broken_and_fixed_containers),
        cmocka_unit_test(test_rtl_nested__positioned_inside_keeps_physical_offsets),
        cmocka_unit_test(test_rtl_nested__footnote_in_the_page_writing_mode),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
