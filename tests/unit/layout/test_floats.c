/* Unit tests for layout/floats.c: fo:float float="before" placed at the top
 * of its anchor's page, the boxes of that page moved down under it; on the
 * next page when it does not fit, never before its anchor's page; floats in
 * their anchors' order; an id inside cited; anchored in a table cell; the
 * values and places that stay refused.
 * The fixture's page 'p' is 300 x 300 pt with its body 260 x 240 at (20, 40):
 * 20 lines of 12 pt. */
#include "layout_fixture.h"

#define LINE_Y(r, text) xp_num(r, "number(//line[. = '%s']/@y)", text)
#define PAGE_OF(r, text) xp_num(r, "number(//line[. = '%s']/../@number)", text)

static run *lay(const char *flow)
{
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    assert_int_equal(r->check.losses, 0);
    return r;
}

static const char *FLOAT2 = "<fo:float float='before'><fo:block>Float A</fo:block><fo:block>Float B</fo:block></fo:float>";

static void test_floats__at_the_top_of_the_anchors_page(void **state)
{
    (void)state;
    run *plain = lay("<fo:block>One</fo:block><fo:block>Two</fo:block>");
    double one_y = LINE_Y(plain, "One"), two_y = LINE_Y(plain, "Two");
    run_free(plain);
    char *flow = g_strdup_printf("<fo:block>One</fo:block><fo:block>Two %s here</fo:block>", FLOAT2);
    run *r = lay(flow);
    g_free(flow);
    /* the float's two lines where the page's first lines were; the page's boxes 24 pt down */
    assert_float_equal(LINE_Y(r, "Float A"), one_y, 0.01);
    assert_float_equal(LINE_Y(r, "Float B"), two_y, 0.01);
    assert_float_equal(LINE_Y(r, "One"), one_y + 24, 0.01);
    assert_float_equal(LINE_Y(r, "Two here"), two_y + 24, 0.01);
    /* the body region is the whole one */
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@y)"), 40, 0.01);
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@h)"), 240, 0.01);
    run_free(r);
}

static void test_floats__on_the_next_page_when_it_does_not_fit(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    fillers(s, 19, "fo:block");
    g_string_append_printf(s, "<fo:block>Anchor %s line</fo:block>", FLOAT2);
    fillers(s, 3, "fo:p2");
    run *r = lay(s->str);
    g_string_free(s, TRUE);
    /* the anchor's line is the page's 20th; the float waits for page 2, on its top */
    assert_int_equal((int)PAGE_OF(r, "Anchor line"), 1);
    assert_int_equal((int)PAGE_OF(r, "Float A"), 2);
    assert_float_equal(LINE_Y(r, "Float A"), xp_num(r, "number(//page[1]/line[1]/@y)"), 0.01);
    assert_true(LINE_Y(r, "Float B") < xp_num(r, "number(//page[2]/line[. = 'fo:p2 1']/@y)"));
    run_free(r);
}

static void test_floats__go_with_an_anchor_moved_to_the_next_page(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    fillers(s, 17, "fo:block");
    /* the float fits beside the para's first line, but then the para (kept together) does not:
     * the para moves to page 2, and its float with it */
    g_string_append(s, "<fo:block keep-together.within-page='always'>Kept<fo:float float='before'><fo:block>"
                       "Moved float</fo:block></fo:float> one two three four five six seven eight nine ten "
                       "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                       "twentyone twentytwo twentythree twentyfour twentyfive twentysix</fo:block>");
    run *r = lay(s->str);
    g_string_free(s, TRUE);
    assert_int_equal((int)xp_num(r, "number(//line[starts-with(., 'Kept')]/../@number)"), 2);
    assert_int_equal((int)PAGE_OF(r, "Moved float"), 2);
    /* page 1 keeps its whole body for the fillers: the first at the top */
    assert_float_equal(xp_num(r, "number(//page[1]/region[@name='body']/@y)"), 40, 0.01);
    assert_float_equal(LINE_Y(r, "fo:block 1"), 49.37, 0.01);
    run_free(r);
}

static void test_floats__keep_their_order_and_ids_are_cited(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Cite <fo:page-number-citation ref-id='f2'/>.</fo:block>"
                 "<fo:block>X<fo:float float='before'><fo:block>First float</fo:block></fo:float>"
                 " Y<fo:float float='before' id='f2'><fo:block>Second float</fo:block></fo:float></fo:block>");
    assert_true(LINE_Y(r, "First float") < LINE_Y(r, "Second float"));
    assert_true(LINE_Y(r, "Second float") < LINE_Y(r, "Cite 1."));
    run_free(r);
}

static void test_floats__between_blocks_and_in_a_cell(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Before</fo:block><fo:float float='before'><fo:block>Loose float</fo:block></fo:float>"
                 "<fo:table><fo:table-body><fo:table-row><fo:table-cell><fo:block>Cell"
                 "<fo:float float='before'><fo:block>Cell float</fo:block></fo:float></fo:block>"
                 "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    assert_float_equal(LINE_Y(r, "Cell float") - LINE_Y(r, "Loose float"), 12, 0.01);
    assert_true(LINE_Y(r, "Cell float") < LINE_Y(r, "Before"));
    assert_true(LINE_Y(r, "Before") < LINE_Y(r, "Cell"));
    run_free(r);
}

static void test_floats__taller_than_the_body_is_warned(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Anchor<fo:float float='before'><fo:block-container height='300pt'>"
                 "<fo:block>Huge</fo:block></fo:block-container></fo:float></fo:block><fo:block>After</fo:block>");
    assert_non_null(find_diag(r, "drawn past the body's bottom"));
    /* on the next page, alone; the flow goes on where it was */
    assert_int_equal((int)PAGE_OF(r, "Huge"), 2);
    assert_int_equal((int)PAGE_OF(r, "After"), 1);
    run_free(r);
}

/* --- side floats (side_float.c) --- */

static const char *WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                           "fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree "
                           "twentyfour twentyfive twentysix twentyseven twentyeight twentynine thirty";

static void test_floats__start_side_text_beside(void **state)
{
    (void)state;
    char *flow = g_strdup_printf("<fo:block>Anchor here<fo:float float='start'><fo:block-container width='60pt'>"
                                 "<fo:block>F1</fo:block><fo:block>F2</fo:block><fo:block>F3</fo:block>"
                                 "</fo:block-container></fo:float> %s %s</fo:block>", WORDS, WORDS);
    run *r = lay(flow);
    g_free(flow);
    /* the float's top is the second line's: its lines at the column's left */
    double l2 = xp_num(r, "number(//line[@zone='body'][not(starts-with(., 'F'))][2]/@y)");
    assert_float_equal(LINE_Y(r, "F1"), l2, 0.01);
    assert_float_equal(xp_num(r, "number(//line[. = 'F1']/@x)"), 20, 0.01);
    /* the first line is whole; the three beside the float start 60 pt in; then whole again */
    assert_float_equal(xp_num(r, "number(//line[not(starts-with(., 'F'))][1]/@x)"), 20, 0.01);
    for (int i = 2; i <= 4; i++)
        assert_float_equal(xp_num(r, "number(//line[not(starts-with(., 'F'))][%d]/@x)", i), 80, 0.01);
    assert_float_equal(xp_num(r, "number(//line[not(starts-with(., 'F'))][5]/@x)"), 20, 0.01);
    assert_int_equal((int)xp_num(r, "count(//line[not(starts-with(., 'F'))][@x + @w > 280.01])"), 0);
    run_free(r);
}

static void test_floats__end_side_between_blocks(void **state)
{
    (void)state;
    char *flow = g_strdup_printf("<fo:float float='end'><fo:block-container width='50pt'><fo:block>E1</fo:block>"
                                 "<fo:block>E2</fo:block></fo:block-container></fo:float>"
                                 "<fo:block>Short</fo:block><fo:block>%s</fo:block>", WORDS);
    run *r = lay(flow);
    g_free(flow);
    /* at the column's right, its top the next line's; two lines beside it (Short, and the
     * next block's first), 50 pt shorter */
    assert_float_equal(xp_num(r, "number(//line[. = 'E1']/@x)"), 20 + 260 - 50, 0.01);
    assert_float_equal(LINE_Y(r, "E1"), LINE_Y(r, "Short"), 0.01);
    assert_true(xp_num(r, "number(//line[starts-with(., 'one')]/@w)") <= 210.01);
    assert_true(xp_num(r, "number(//line[starts-with(., 'one')]/following-sibling::line[not(starts-with(., 'E'))][1]/@w)") > 210.01);
    run_free(r);
}

static void test_floats__a_table_starts_below(void **state)
{
    (void)state;
    run *r = lay("<fo:block>A<fo:float float='start'><fo:block-container width='40pt'><fo:block>S1</fo:block>"
                 "<fo:block>S2</fo:block><fo:block>S3</fo:block></fo:block-container></fo:float> line</fo:block>"
                 "<fo:block>B <fo:inline>more</fo:inline></fo:block>"
                 "<fo:table><fo:table-body><fo:table-row><fo:table-cell><fo:block>Cell</fo:block></fo:table-cell>"
                 "</fo:table-row></fo:table-body></fo:table>");
    /* the anchor is on the para's last line: the float starts with the next para's */
    assert_float_equal(LINE_Y(r, "S1"), LINE_Y(r, "B more"), 0.01);
    /* the table's first line below the float's last */
    assert_true(LINE_Y(r, "Cell") > LINE_Y(r, "S3"));
    run_free(r);
}

static void test_floats__clear_starts_below(void **state)
{
    (void)state;
    run *r = lay("<fo:float float='start'><fo:block-container width='40pt'><fo:block>S1</fo:block>"
                 "<fo:block>S2</fo:block><fo:block>S3</fo:block></fo:block-container></fo:float>"
                 "<fo:block>Beside</fo:block><fo:block clear='both'>Below</fo:block>"
                 "<fo:block clear='end'>Other</fo:block>");
    assert_float_equal(xp_num(r, "number(//line[. = 'Beside']/@x)"), 60, 0.01);
    assert_float_equal(xp_num(r, "number(//line[. = 'Below']/@x)"), 20, 0.01);
    assert_float_equal(LINE_Y(r, "Below"), LINE_Y(r, "S3") + 12, 0.01);
    run_free(r);
}

static void test_floats__side_float_in_a_cell(void **state)
{
    (void)state;
    char *flow = g_strdup_printf("<fo:table><fo:table-column column-width='200pt'/><fo:table-body><fo:table-row>"
                                 "<fo:table-cell><fo:block>Cell<fo:float float='start'><fo:block-container "
                                 "width='40pt'><fo:block>C1</fo:block></fo:block-container></fo:float> %s"
                                 "</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>", WORDS);
    run *r = lay(flow);
    g_free(flow);
    assert_float_equal(xp_num(r, "number(//line[. = 'C1']/@x)"), 20, 0.01);
    /* the cell's second line beside it */
    assert_float_equal(xp_num(r, "number(//line[not(starts-with(., 'C1'))][2]/@x)"), 60, 0.01);
    run_free(r);
}

static void refused(const char *flow, const char *what)
{
    char *fo = doc_fo("p", SEP, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_E_FO);
    const msp_diag *d = find_diag(r, what);
    assert_non_null(d);
    assert_true(d->loc.line > 0 && d->loc.column > 0);
    run_free(r);
}

static void test_floats__side_floats_and_bad_places_refused(void **state)
{
    (void)state;
    refused("<fo:block>A<fo:float float='inside'><fo:block>S</fo:block></fo:float></fo:block>",
            "fo:float with float=\"inside\" is not supported");
    refused("<fo:block>A<fo:float><fo:block>S</fo:block></fo:float></fo:block>",
            "fo:float with float=\"none\" is not supported");
    refused("<fo:block>A<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>N"
            "<fo:float float='before'><fo:block>S</fo:block></fo:float></fo:block></fo:footnote-body>"
            "</fo:footnote></fo:block>",
            "fo:float is not allowed inside fo:block");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_floats__at_the_top_of_the_anchors_page),
        cmocka_unit_test(test_floats__on_the_next_page_when_it_does_not_fit),
        cmocka_unit_test(test_floats__go_with_an_anchor_moved_to_the_next_page),
        cmocka_unit_test(test_floats__keep_their_order_and_ids_are_cited),
        cmocka_unit_test(test_floats__between_blocks_and_in_a_cell),
        cmocka_unit_test(test_floats__taller_than_the_body_is_warned),
        cmocka_unit_test(test_floats__start_side_text_beside),
        cmocka_unit_test(test_floats__end_side_between_blocks),
        cmocka_unit_test(test_floats__a_table_starts_below),
        cmocka_unit_test(test_floats__side_float_in_a_cell),
        cmocka_unit_test(test_floats__clear_starts_below),
        cmocka_unit_test(test_floats__side_floats_and_bad_places_refused),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
