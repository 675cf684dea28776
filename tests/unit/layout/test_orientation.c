/* Unit tests for layout/orientation.c: reference-orientation on
 * block-containers (in the flow, absolute) and on a simple-page-master. The
 * turned content is dumped inside a <group> whose x/y is the page point of
 * its frame's top-left corner; the lines in it are in that frame. The
 * fixture's page 'p' is 300 x 300 pt with its body 260 x 240 at (20, 40). */
#include "layout_fixture.h"

#define GROUP(r, attr) xp_num(r, "number(//group[1]/@%s)", attr)
#define LINE_X(r, text) xp_num(r, "number(//line[. = '%s']/@x)", text)
#define LINE_Y(r, text) xp_num(r, "number(//line[. = '%s']/@y)", text)

static run *lay(const char *flow)
{
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

/* How far below its block's top a line's baseline is. */
static double baseline_offset(void)
{
    run *r = lay("<fo:block>Ref</fo:block>");
    double d = LINE_Y(r, "Ref") - 40;
    run_free(r);
    return d;
}

/* A 100 x 60 container (its content's width and height) turned by ro, then
 * a block: where the group, its line and the next block are. */
static void check_angle(const char *ro, int turn, double ox, double oy, double box_h)
{
    char *flow = g_strdup_printf("<fo:block-container width='100pt' height='60pt' reference-orientation='%s'>"
                                 "<fo:block>Turned</fo:block></fo:block-container><fo:block>After</fo:block>",
                                 ro);
    run *r = lay(flow);
    g_free(flow);
    double b = baseline_offset();
    assert_int_equal((int)xp_num(r, "count(//group)"), 1);
    assert_int_equal((int)GROUP(r, "rotate"), turn);
    assert_float_equal(GROUP(r, "x"), ox, 0.01);
    assert_float_equal(GROUP(r, "y"), oy, 0.01);
    /* the frame is the content's own: width 100, height 60, whatever the turn */
    assert_float_equal(GROUP(r, "w"), 100, 0.01);
    assert_float_equal(GROUP(r, "h"), 60, 0.01);
    /* the line is inside the group, at the frame's top-left */
    assert_int_equal((int)xp_num(r, "count(//group/line[. = 'Turned'])"), 1);
    assert_float_equal(LINE_X(r, "Turned"), 0, 0.01);
    assert_float_equal(LINE_Y(r, "Turned"), b, 0.01);
    /* in the flow, the container is as tall as its turned box */
    assert_float_equal(LINE_Y(r, "After"), 40 + box_h + b, 0.01);
    run_free(r);
}

static void test_orientation__each_angle_on_a_block_container(void **state)
{
    (void)state;
    /* the box is at (20, 40): 60 x 100 for 90 and 270, 100 x 60 for 180 */
    check_angle("90", 90, 20, 140, 100);
    check_angle("180", 180, 120, 100, 60);
    check_angle("270", 270, 80, 40, 100);
    check_angle("-90", 270, 80, 40, 100);
    check_angle("-180", 180, 120, 100, 60);
    check_angle("-270", 90, 20, 140, 100);
    check_angle("90deg", 90, 20, 140, 100);
}

static void test_orientation__zero_is_not_turned(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container width='100pt' height='60pt' reference-orientation='0deg'>"
                 "<fo:block>Upright</fo:block></fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//group)"), 0);
    assert_float_equal(LINE_X(r, "Upright"), 20, 0.01);
    run_free(r);
}

static void test_orientation__auto_height_across_is_the_available_width(void **state)
{
    (void)state;
    /* 90 without a height: the content's block dimension runs across the
     * body, as wide as it is (260); the box is as tall as the width (50) */
    run *r = lay("<fo:block-container width='50pt' reference-orientation='90' background-color='#00ff00'>"
                 "<fo:block>Side</fo:block></fo:block-container><fo:block>After</fo:block>");
    double b = baseline_offset();
    assert_float_equal(GROUP(r, "w"), 50, 0.01);
    assert_float_equal(GROUP(r, "h"), 260, 0.01);
    assert_float_equal(GROUP(r, "x"), 20, 0.01);
    assert_float_equal(GROUP(r, "y"), 40 + 50, 0.01);
    assert_float_equal(LINE_Y(r, "After"), 40 + 50 + b, 0.01);
    /* the background is the box on the page, not turned */
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00']/@w)"), 260, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#00FF00']/@h)"), 50, 0.01);
    assert_int_equal((int)xp_num(r, "count(//group/rect)"), 0);
    run_free(r);
}

static void test_orientation__180_auto_height_is_the_content(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container width='100pt' reference-orientation='180'>"
                 "<fo:block>One</fo:block><fo:block>Two</fo:block></fo:block-container><fo:block>After</fo:block>");
    double b = baseline_offset();
    assert_float_equal(GROUP(r, "h"), 24, 0.01);
    assert_float_equal(GROUP(r, "x"), 20 + 100, 0.01);
    assert_float_equal(GROUP(r, "y"), 40 + 24, 0.01);
    /* reading order kept inside the group: One then Two, down the frame */
    assert_float_equal(LINE_Y(r, "Two") - LINE_Y(r, "One"), 12, 0.01);
    assert_float_equal(LINE_Y(r, "After"), 40 + 24 + b, 0.01);
    run_free(r);
}

static void test_orientation__lines_wrap_at_the_frame_width(void **state)
{
    (void)state;
    /* 90: the lines are as long as the container's width (40), not the body's */
    run *r = lay("<fo:block-container width='40pt' height='200pt' reference-orientation='90'>"
                 "<fo:block>aaa bbb ccc ddd eee fff</fo:block></fo:block-container>");
    assert_true(xp_num(r, "count(//group/line)") >= 3);
    assert_true(xp_num(r, "number(//group/line[1]/@w)") <= 40.01);
    run_free(r);
}

static void test_orientation__display_align_in_the_frame(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container width='100pt' height='60pt' reference-orientation='90' display-align='after'>"
                 "<fo:block>Low</fo:block></fo:block-container>");
    double b = baseline_offset();
    /* at the frame's bottom: 60 - 12 below its top */
    assert_float_equal(LINE_Y(r, "Low"), 48 + b, 0.01);
    run_free(r);
}

static void test_orientation__absolute_container(void **state)
{
    (void)state;
    run *r = lay("<fo:block>Flow</fo:block>"
                 "<fo:block-container absolute-position='absolute' top='10pt' left='10pt' width='100pt' "
                 "height='60pt' reference-orientation='270' background-color='#0000ff'>"
                 "<fo:block>Abs</fo:block></fo:block-container><fo:block>Next</fo:block>");
    /* box 60 x 100 at (30, 50); 270: the frame's origin is its top-right */
    assert_float_equal(GROUP(r, "x"), 30 + 60, 0.01);
    assert_float_equal(GROUP(r, "y"), 50, 0.01);
    assert_int_equal((int)GROUP(r, "rotate"), 270);
    assert_float_equal(xp_num(r, "number(//rect[@color='#0000FF']/@w)"), 60, 0.01);
    assert_float_equal(xp_num(r, "number(//rect[@color='#0000FF']/@h)"), 100, 0.01);
    /* out of the flow: Next right under Flow */
    assert_float_equal(LINE_Y(r, "Next") - LINE_Y(r, "Flow"), 12, 0.01);
    run_free(r);
}

static void test_orientation__links_and_ids_leave_the_group(void **state)
{
    (void)state;
    run *r = lay("<fo:block-container width='100pt' height='60pt' reference-orientation='90'>"
                 "<fo:block id='inside'><fo:basic-link external-destination='url(http://example.org/)'>"
                 "Link</fo:basic-link></fo:block></fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//group//link)"), 0);
    assert_int_equal((int)xp_num(r, "count(//group//dest)"), 0);
    assert_int_equal((int)xp_num(r, "count(//link)"), 1);
    /* the turned rectangle's bounding box: upright, on the page inside the
     * box (20..80 x 40..140), taller than wide */
    double x = xp_num(r, "number(//link/@x)"), y = xp_num(r, "number(//link/@y)");
    double w = xp_num(r, "number(//link/@w)"), h = xp_num(r, "number(//link/@h)");
    assert_true(x >= 20 - 0.01 && x + w <= 80 + 0.01);
    assert_true(y >= 40 - 0.01 && y + h <= 140 + 0.01);
    assert_true(h > w);
    /* the line's height across, its width along the turned text */
    assert_float_equal(h, xp_num(r, "number(//line[. = 'Link']/@w)"), 0.5);
    /* the destination of the block's id: its frame's top-left, the box's bottom-left */
    assert_float_equal(xp_num(r, "number(//dest[@name='inside']/@x)"), 20, 0.01);
    assert_float_equal(xp_num(r, "number(//dest[@name='inside']/@y)"), 140, 0.01);
    run_free(r);
}

static void test_orientation__notes_citations_and_markers_inside(void **state)
{
    (void)state;
    /* a footnote, an id cited before it and a marker inside a turned container;
     * the marker retrieved into a turned container of the region-before */
    run *r = lay_flow("p",
                      "<fo:static-content flow-name='xsl-region-before'><fo:block-container width='15pt' "
                      "height='200pt' reference-orientation='270'><fo:block><fo:retrieve-marker "
                      "retrieve-class-name='c'/></fo:block></fo:block-container></fo:static-content>",
                      "<fo:block>See page <fo:page-number-citation ref-id='in'/>.</fo:block>"
                      "<fo:block-container width='100pt' height='80pt' reference-orientation='90'>"
                      "<fo:block id='in'><fo:marker marker-class-name='c'>Marked</fo:marker>Inside"
                      "<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body><fo:block>Note body.</fo:block>"
                      "</fo:footnote-body></fo:footnote>.</fo:block></fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//line[. = 'See page 1.'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//group/line[. = 'Inside1.'])"), 1);
    /* the note is not turned: in the footnote area of the page */
    assert_int_equal((int)xp_num(r, "count(/area-tree/page/line[@zone='footnotes'][. = 'Note body.'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//group[@zone='before'])"), 1);
    char *marked = xp_str(r, "string(//group[@zone='before'])");
    assert_non_null(strstr(marked, "Ma"));
    g_free(marked);
    assert_int_equal((int)xp_num(r, "count(//dest[@name='in'])"), 1);
    run_free(r);
}

static void test_orientation__page_master_at_90(void **state)
{
    (void)state;
    /* a portrait sheet 200 x 300 with the page turned: a landscape page 300 x 200 */
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='land' page-width='200pt' page-height='300pt' reference-orientation='90' "
        "margin-left='10pt' margin-top='20pt' margin-right='30pt' margin-bottom='40pt'>"
        "<fo:region-body margin-top='5pt'/><fo:region-before extent='5pt'/></fo:simple-page-master>"
        "</fo:layout-master-set><fo:page-sequence master-reference='land'>"
        "<fo:static-content flow-name='xsl-region-before'><fo:block>Head</fo:block></fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Landscape</fo:block></fo:flow></fo:page-sequence></fo:root>";
    run *r = lay_out(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_float_equal(xp_num(r, "number(//page/@width)"), 200, 0.01);
    assert_float_equal(xp_num(r, "number(//page/@height)"), 300, 0.01);
    /* the whole page is one group: the turned page, its origin at the sheet's bottom-left */
    assert_int_equal((int)xp_num(r, "count(//page/group)"), 1);
    assert_int_equal((int)xp_num(r, "count(//page/line)"), 0);
    assert_float_equal(GROUP(r, "x"), 0, 0.01);
    assert_float_equal(GROUP(r, "y"), 300, 0.01);
    assert_float_equal(GROUP(r, "w"), 300, 0.01);
    assert_float_equal(GROUP(r, "h"), 200, 0.01);
    /* the sheet's margins on the turned page's sides: its top is the sheet's
     * left (10), its left the sheet's bottom (40), its right the sheet's top
     * (20), its bottom the sheet's right (30) */
    assert_float_equal(xp_num(r, "number(//region[@name='body']/@x)"), 40, 0.01);
    assert_float_equal(xp_num(r, "number(//region[@name='body']/@y)"), 10 + 5, 0.01);
    assert_float_equal(xp_num(r, "number(//region[@name='body']/@w)"), 300 - 40 - 20, 0.01);
    assert_float_equal(xp_num(r, "number(//region[@name='body']/@h)"), 200 - 10 - 30 - 5, 0.01);
    assert_float_equal(xp_num(r, "number(//region[@name='before']/@y)"), 10, 0.01);
    assert_float_equal(LINE_X(r, "Landscape"), 40, 0.01);
    assert_float_equal(LINE_X(r, "Head"), 40, 0.01);
    assert_true(LINE_Y(r, "Head") < LINE_Y(r, "Landscape"));
    run_free(r);
}

/* The same sheet turned 180 and 270: the group's origin, the turned page's
 * size and the body region (x, y, w, h) in it, from the sheet's margins. */
static void check_page(int turn, double ox, double oy, double fw, double fh, const double body[4])
{
    char *fo = g_strdup_printf(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='t' page-width='200pt' page-height='300pt' reference-orientation='%d' "
        "margin-left='10pt' margin-top='20pt' margin-right='30pt' margin-bottom='40pt'>"
        "<fo:region-body margin-top='5pt'/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='t'><fo:flow flow-name='xsl-region-body'><fo:block>Page</fo:block>"
        "</fo:flow></fo:page-sequence></fo:root>", turn);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal((int)GROUP(r, "rotate"), turn);
    assert_float_equal(GROUP(r, "x"), ox, 0.01);
    assert_float_equal(GROUP(r, "y"), oy, 0.01);
    assert_float_equal(GROUP(r, "w"), fw, 0.01);
    assert_float_equal(GROUP(r, "h"), fh, 0.01);
    const char *attrs[4] = { "x", "y", "w", "h" };
    for (int i = 0; i < 4; i++)
        assert_float_equal(xp_num(r, "number(//region[@name='body']/@%s)", attrs[i]), body[i], 0.01);
    assert_float_equal(LINE_X(r, "Page"), body[0], 0.01);
    run_free(r);
}

static void test_orientation__page_master_at_180_and_270(void **state)
{
    (void)state;
    /* 180: the turned page's top is the sheet's bottom (40), its left the sheet's right (30) */
    const double b180[4] = { 30, 40 + 5, 200 - 30 - 10, 300 - 40 - 20 - 5 };
    check_page(180, 200, 300, 200, 300, b180);
    /* 270: its top is the sheet's right (30), its left the sheet's top (20) */
    const double b270[4] = { 20, 30 + 5, 300 - 20 - 40, 200 - 30 - 10 - 5 };
    check_page(270, 200, 0, 300, 200, b270);
}

static void test_orientation__bad_value_is_refused_with_its_place(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL, "\n<fo:block-container reference-orientation='45'><fo:block>x</fo:block>"
                                 "</fo:block-container>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_E_FO);
    const msp_diag *d = find_diag(r, "invalid value '45' for property 'reference-orientation'");
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_ERROR);
    assert_string_equal(d->loc.file, "test.fo");
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 1);
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "-270"));
    run_free(r);
}

static void test_orientation__on_a_block_is_warned_and_ignored(void **state)
{
    (void)state;
    run *r = lay("<fo:block reference-orientation='90'>Plain</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//group)"), 0);
    assert_float_equal(LINE_X(r, "Plain"), 20, 0.01);
    const msp_diag *d = find_diag(r, "reference-orientation applies to fo:block-container");
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_WARNING);
    run_free(r);
}

static void test_orientation__on_a_region_is_refused(void **state)
{
    (void)state;
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='m'><fo:region-body reference-orientation='90'/></fo:simple-page-master>"
        "</fo:layout-master-set><fo:page-sequence master-reference='m'><fo:flow flow-name='xsl-region-body'>"
        "<fo:block>x</fo:block></fo:flow></fo:page-sequence></fo:root>";
    run *r = lay_out(fo);
    assert_int_equal(r->st, MSP_E_FO);
    const msp_diag *d = find_diag(r, "reference-orientation=\"90\" on fo:region-body is not supported");
    assert_non_null(d);
    assert_true(d->loc.line > 0 && d->loc.column > 0);
    run_free(r);
}

static void test_orientation__nested_turns_add_up(void **state)
{
    (void)state;
    /* not inherited: the inner container turns once more only with its own value */
    run *r = lay("<fo:block-container width='100pt' height='100pt' reference-orientation='90'>"
                 "<fo:block-container width='50pt' height='40pt' reference-orientation='90'>"
                 "<fo:block>Twice</fo:block></fo:block-container>"
                 "<fo:block-container width='50pt' height='40pt'><fo:block>Once</fo:block></fo:block-container>"
                 "</fo:block-container>");
    assert_int_equal((int)xp_num(r, "count(//group)"), 2);
    assert_int_equal((int)xp_num(r, "count(//group/group/line[. = 'Twice'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//group/line[. = 'Once'])"), 1);
    /* the inner group sits in the outer frame: its box 40 x 50 at (0, 0) there */
    assert_float_equal(xp_num(r, "number(//group/group/@x)"), 0, 0.01);
    assert_float_equal(xp_num(r, "number(//group/group/@y)"), 50, 0.01);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_orientation__each_angle_on_a_block_container),
        cmocka_unit_test(test_orientation__zero_is_not_turned),
        cmocka_unit_test(test_orientation__auto_height_across_is_the_available_width),
        cmocka_unit_test(test_orientation__180_auto_height_is_the_content),
        cmocka_unit_test(test_orientation__lines_wrap_at_the_frame_width),
        cmocka_unit_test(test_orientation__display_align_in_the_frame),
        cmocka_unit_test(test_orientation__absolute_container),
        cmocka_unit_test(test_orientation__links_and_ids_leave_the_group),
        cmocka_unit_test(test_orientation__notes_citations_and_markers_inside),
        cmocka_unit_test(test_orientation__page_master_at_90),
        cmocka_unit_test(test_orientation__page_master_at_180_and_270),
        cmocka_unit_test(test_orientation__bad_value_is_refused_with_its_place),
        cmocka_unit_test(test_orientation__on_a_block_is_warned_and_ignored),
        cmocka_unit_test(test_orientation__on_a_region_is_refused),
        cmocka_unit_test(test_orientation__nested_turns_add_up),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
