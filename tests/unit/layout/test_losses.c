/* Unit tests for "no silent loss" in layout: content that used to vanish or
 * print wrong with no message (ids and citations of every kind of element,
 * markers wherever they sit, forced breaks in tables, force-page-count with a
 * numeric initial-page-number, region backgrounds, undrawn inline
 * decorations, block-container overflow), checked on the area-tree dump. */
#include "layout_fixture.h"

/* A document of its own (ids on fo:root and fo:page-sequence): the fixture's
 * masters, font and the given static content and flow. */
static char *root_fo(const char *root_attrs, const char *seq_attrs, const char *statics, const char *flow)
{
    return g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' %s "
                           "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                           "<fo:page-sequence master-reference='p' %s>%s<fo:flow flow-name='xsl-region-body'>%s"
                           "</fo:flow></fo:page-sequence></fo:root>",
                           root_attrs, MASTERS, seq_attrs, statics ? statics : "", flow);
}

static run *lay_root(const char *root_attrs, const char *seq_attrs, const char *statics, const char *flow)
{
    char *fo = root_fo(root_attrs, seq_attrs, statics, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

/* The text of the body line starting with `tag ` on page `page`. */
static void assert_line(run *r, int page, const char *tag, const char *want)
{
    char *got = xp_str(r, "//page[%d]/line[@zone='body'][starts-with(., '%s ')]", page, tag);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "page %d, line '%s': got '%s', want '%s'\n", page, tag, got, want);
    assert_string_equal(got, want);
    g_free(got);
}

/* --- ids and citations --- */

static void test_losses_cite__ids_of_every_kind_resolve(void **state)
{
    (void)state;
    const char *flow =
        "<fo:block>inl <fo:page-number-citation ref-id='inl'/></fo:block>"
        "<fo:block>lnk <fo:page-number-citation ref-id='lnk'/></fo:block>"
        "<fo:block>empty <fo:page-number-citation ref-id='empty'/></fo:block>"
        "<fo:block>self <fo:page-number-citation ref-id='self' id='self'/></fo:block>"
        "<fo:block>root <fo:page-number-citation ref-id='root'/>-<fo:page-number-citation-last ref-id='root'/></fo:block>"
        "<fo:block>seq <fo:page-number-citation ref-id='seq'/>-<fo:page-number-citation-last ref-id='seq'/></fo:block>"
        "<fo:block>th <fo:page-number-citation ref-id='th'/></fo:block>"
        "<fo:block>tb <fo:page-number-citation ref-id='tb'/>-<fo:page-number-citation-last ref-id='tb'/></fo:block>"
        "<fo:block>tr <fo:page-number-citation ref-id='tr'/></fo:block>"
        "<fo:block>tf <fo:page-number-citation ref-id='tf'/></fo:block>"
        "<fo:block>bc <fo:page-number-citation ref-id='bcin'/> <fo:page-number-citation ref-id='bcblk'/></fo:block>"
        "<fo:block>last <fo:page-number-citation ref-id='lastblk'/></fo:block>"
        "<fo:block>links <fo:basic-link internal-destination='inl'>a</fo:basic-link> "
        "<fo:basic-link internal-destination='tr'>b</fo:basic-link> "
        "<fo:basic-link internal-destination='bcin'>c</fo:basic-link> "
        "<fo:basic-link internal-destination='lastblk'>d</fo:basic-link></fo:block>"
        /* page 2: inline-level ids */
        "<fo:block break-before='page'>P2 <fo:inline id='inl'>inline</fo:inline> "
        "<fo:basic-link id='lnk' external-destination='http://example.org/'>l</fo:basic-link> "
        "<fo:inline id='empty'/></fo:block>"
        /* page 3: a table's parts and rows */
        "<fo:table break-before='page'><fo:table-column column-width='100pt'/>"
        "<fo:table-header id='th'><fo:table-row><fo:table-cell><fo:block>H</fo:block></fo:table-cell></fo:table-row></fo:table-header>"
        "<fo:table-footer id='tf'><fo:table-row><fo:table-cell><fo:block>F</fo:block></fo:table-cell></fo:table-row></fo:table-footer>"
        "<fo:table-body id='tb'><fo:table-row id='tr'><fo:table-cell><fo:block>r1</fo:block></fo:table-cell></fo:table-row>"
        "<fo:table-row><fo:table-cell><fo:block>r2</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>"
        /* page 4: inside a fixed-height container */
        "<fo:block-container height='50pt' break-before='page'><fo:block id='bcblk'>bc <fo:inline id='bcin'>x</fo:inline></fo:block></fo:block-container>"
        /* page 5: an empty last block */
        "<fo:block break-before='page'>P5</fo:block><fo:block id='lastblk'/>";
    run *r = lay_root("id='root'", "id='seq'", NULL, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 5);
    assert_line(r, 1, "inl", "inl 2");
    assert_line(r, 1, "lnk", "lnk 2");
    assert_line(r, 1, "empty", "empty 2");
    assert_line(r, 1, "self", "self 1");
    assert_line(r, 1, "root", "root 1-5");
    assert_line(r, 1, "seq", "seq 1-5");
    assert_line(r, 1, "th", "th 3");
    assert_line(r, 1, "tb", "tb 3-3");
    assert_line(r, 1, "tr", "tr 3");
    assert_line(r, 1, "tf", "tf 3");
    assert_line(r, 1, "bc", "bc 4 4");
    assert_line(r, 1, "last", "last 5");
    /* a destination for each, on its page, so the links have a target */
    const char *dests[][2] = { { "root", "1" }, { "seq", "1" }, { "self", "1" }, { "inl", "2" },
                               { "lnk", "2" }, { "empty", "2" }, { "th", "3" }, { "tb", "3" },
                               { "tr", "3" }, { "tf", "3" }, { "bcin", "4" }, { "bcblk", "4" },
                               { "lastblk", "5" } };
    for (size_t i = 0; i < G_N_ELEMENTS(dests); i++) {
        int page = atoi(dests[i][1]);
        assert_int_equal((int)xp_num(r, "count(//dest[@name='%s'])", dests[i][0]), 1);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/dest[@name='%s'])", page, dests[i][0]), 1);
    }
    /* the table header's destination is above its row, the footer's below the body */
    assert_true(xp_num(r, "//page[3]/dest[@name='th']/@y") < xp_num(r, "//page[3]/dest[@name='tr']/@y"));
    assert_true(xp_num(r, "//page[3]/dest[@name='tf']/@y") > xp_num(r, "//page[3]/line[. = 'r2']/@y") - 12);
    /* the empty last block's destination is below P5 */
    assert_true(xp_num(r, "//page[5]/dest[@name='lastblk']/@y") >= xp_num(r, "//page[5]/line[. = 'P5']/@y"));
    assert_int_equal((int)xp_num(r, "count(//line[contains(., '00')])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[1]/link[@dest])"), 4);
    assert_null(find_diag(r, "did not settle"));
    run_free(r);
}

static void test_losses_cite__last_page_of_a_row_that_splits(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>row <fo:page-number-citation ref-id='big'/>-"
                              "<fo:page-number-citation-last ref-id='big'/></fo:block>"
                              "<fo:table><fo:table-column column-width='100pt'/><fo:table-body>"
                              "<fo:table-row id='big'><fo:table-cell><fo:block>");
    for (int i = 0; i < 30; i++)
        g_string_append_printf(f, "<fo:block>cell line %d</fo:block>", i + 1);
    g_string_append(f, "</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_line(r, 1, "row", "row 1-2");
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_losses_cite__ids_in_footnotes_and_static_content(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before' id='hdr'><fo:block>"
                     "Head <fo:inline id='hdrin'>x</fo:inline></fo:block></fo:static-content>";
    GString *f = g_string_new("<fo:block>fn <fo:page-number-citation ref-id='fnb'/> "
                              "<fo:page-number-citation ref-id='fnblk'/> hd <fo:page-number-citation ref-id='hdr'/> "
                              "<fo:page-number-citation ref-id='hdrin'/></fo:block>"
                              "<fo:block break-before='page'>Anchor<fo:footnote><fo:inline>1</fo:inline>"
                              "<fo:footnote-body id='fnb'><fo:block id='fnblk'>The note</fo:block>"
                              "</fo:footnote-body></fo:footnote></fo:block>");
    run *r = lay_flow("p", st, f->str);
    assert_line(r, 1, "fn", "fn 2 2 hd 1 1");
    assert_int_equal((int)xp_num(r, "count(//page[2]/dest[@name='fnblk'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_losses_cite__unplaced_element_is_warned(void **state)
{
    (void)state;
    /* the marker is never retrieved: its content is on no page */
    const char *flow = "<fo:block><fo:marker marker-class-name='x'><fo:inline id='lost'>m</fo:inline></fo:marker>"
                       "see <fo:page-number-citation ref-id='lost'/></fo:block>";
    run *r = lay_flow("p", NULL, flow);
    assert_non_null(find_diag(r, "the element with id 'lost' is on no page"));
    run_free(r);
}

/* --- markers --- */

static const char *MARKER_HEAD =
    "<fo:static-content flow-name='xsl-region-before'><fo:block>"
    "<fo:retrieve-marker retrieve-class-name='m'/></fo:block></fo:static-content>";

static char *head(run *r, int page)
{
    return xp_str(r, "//page[%d]/line[@zone='before']", page);
}

static void assert_head(run *r, int page, const char *want)
{
    char *h = head(r, page);
    assert_string_equal(h, want);
    g_free(h);
}

static void test_losses_marker__retrieved_wherever_it_sits(void **state)
{
    (void)state;
    const char *flow =
        "<fo:marker marker-class-name='m'>InFlow</fo:marker>"
        "<fo:block>first page</fo:block>"
        "<fo:table break-before='page'><fo:table-column column-width='100pt'/><fo:table-body><fo:table-row>"
        "<fo:table-cell><fo:marker marker-class-name='m'>InCell</fo:marker><fo:block>cell</fo:block></fo:table-cell>"
        "</fo:table-row></fo:table-body></fo:table>"
        "<fo:block-container height='30pt' break-before='page'><fo:block>"
        "<fo:marker marker-class-name='m'>InContainer</fo:marker>text</fo:block></fo:block-container>"
        "<fo:block break-before='page'>Text <fo:inline><fo:marker marker-class-name='m'>InInline</fo:marker>"
        "inline</fo:inline></fo:block>"
        "<fo:block break-before='page'>list</fo:block>"
        "<fo:list-block><fo:list-item><fo:list-item-label end-indent='label-end()'>"
        "<fo:marker marker-class-name='m'>InLabel</fo:marker><fo:block>1.</fo:block></fo:list-item-label>"
        "<fo:list-item-body start-indent='body-start()'><fo:block>item</fo:block></fo:list-item-body>"
        "</fo:list-item></fo:list-block>"
        "<fo:block break-before='page'>last page</fo:block>"
        "<fo:block><fo:marker marker-class-name='m'>InEmpty</fo:marker></fo:block>";
    run *r = lay_flow("p", MARKER_HEAD, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 6);
    assert_head(r, 1, "InFlow");
    assert_head(r, 2, "InCell");
    assert_head(r, 3, "InContainer");
    assert_head(r, 4, "InInline");
    /* a page's first marker: the list item's label comes after the "list" block */
    assert_head(r, 5, "InLabel");
    assert_head(r, 6, "InEmpty");
    run_free(r);
}

/* A marker directly in the flow belongs to the flow's areas, which are on
 * every page of the sequence: first-including-carryover retrieves it on the
 * later pages too, even within retrieve-boundary="page" (as Apache FOP). */
static void test_losses_marker__in_the_flow_carries_over(void **state)
{
    (void)state;
    const char *head =
        "<fo:static-content flow-name='xsl-region-before'><fo:block>"
        "<fo:retrieve-marker retrieve-class-name='m' retrieve-position='first-including-carryover' "
        "retrieve-boundary='page'/></fo:block></fo:static-content>";
    const char *flow = "<fo:marker marker-class-name='m'>Flow mark</fo:marker>"
                       "<fo:block>one</fo:block><fo:block break-before='page'>two</fo:block>"
                       "<fo:block break-before='page'>three</fo:block>";
    run *r = lay_flow("p", head, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    for (int p = 1; p <= 3; p++)
        assert_head(r, p, "Flow mark");
    run_free(r);
}

/* --- forced breaks in tables --- */

static const char *TABLE_2COLS = "<fo:table><fo:table-column column-width='120pt'/>"
                                 "<fo:table-column column-width='120pt'/>";

static void test_losses_break__table_row_break_before_and_after(void **state)
{
    (void)state;
    GString *f = g_string_new(TABLE_2COLS);
    g_string_append(f, "<fo:table-body>"
                       "<fo:table-row><fo:table-cell><fo:block>R1</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>R1b</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row break-before='odd-page' break-after='odd-page'>"
                       "<fo:table-cell><fo:block>R2</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>R2b</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell><fo:block>R3</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>R3b</fo:block></fo:table-cell></fo:table-row>"
                       "</fo:table-body></fo:table><fo:block>After</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    /* as FOP: R1 | blank | R2 | blank | R3 */
    assert_int_equal((int)xp_num(r, "count(//page)"), 5);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'R1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line)"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'R2'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'R2b'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[4]/line)"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[5]/line[. = 'R3'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[5]/line[. = 'After'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_losses_break__block_in_cell_splits_the_row(void **state)
{
    (void)state;
    GString *f = g_string_new(TABLE_2COLS);
    g_string_append(f, "<fo:table-header><fo:table-row><fo:table-cell><fo:block>Head</fo:block></fo:table-cell>"
                       "</fo:table-row></fo:table-header><fo:table-body>"
                       "<fo:table-row><fo:table-cell border='1pt solid black'><fo:block>A1</fo:block>"
                       "<fo:block>A2</fo:block><fo:block>A3</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>B1</fo:block><fo:block break-before='page'>B2</fo:block>"
                       "</fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell><fo:block break-after='page'>C1</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>D1</fo:block></fo:table-cell></fo:table-row>"
                       "<fo:table-row><fo:table-cell><fo:block break-before='page'>E1</fo:block></fo:table-cell>"
                       "</fo:table-row>"
                       "</fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    /* page 1: the row up to the break; the other cell's content above it stays */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'A1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'B1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'B2' or . = 'A2'])"), 0);
    /* page 2: the header again, the rest of the row, then the next row up to C1's break-after */
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'Head'])"), 1);
    NEAR(xp_num(r, "//page[2]/line[. = 'B2']/@y"), xp_num(r, "//page[2]/line[. = 'A2']/@y"));
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'A3'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'C1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'D1'])"), 1);
    /* page 3: break-before on a cell's first block breaks before its row */
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'E1'])"), 1);
    /* the split cell's border: open at the break (no bottom rule on page 1, no top rule on page 2) */
    assert_int_equal((int)xp_num(r, "count(//page[1]/rule[@y = @y2])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/rule[@y = @y2])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_losses_break__table_and_first_row_break_once(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>Before</fo:block><fo:table break-before='page' border='1pt solid black'>"
                              "<fo:table-column column-width='120pt'/><fo:table-body>"
                              "<fo:table-row break-before='page'><fo:table-cell><fo:block>Row</fo:block>"
                              "</fo:table-cell></fo:table-row></fo:table-body></fo:table>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[1]/rule)"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'Row'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

/* --- page counts --- */

static run *two_sequences(const char *next_ipn)
{
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                               "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                               "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>"
                               "<fo:block>One</fo:block></fo:flow></fo:page-sequence>"
                               "<fo:page-sequence master-reference='p' initial-page-number='%s'>"
                               "<fo:flow flow-name='xsl-region-body'><fo:block>Two</fo:block></fo:flow>"
                               "</fo:page-sequence></fo:root>", MASTERS, next_ipn);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    return r;
}

static void test_losses_pages__force_page_count_auto_numeric_next(void **state)
{
    (void)state;
    /* the next sequence starts on odd page 5: this one must end on an even page */
    run *r = two_sequences("5");
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    assert_int_equal((int)xp_num(r, "//page[2]/@number"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line)"), 0);
    assert_int_equal((int)xp_num(r, "//page[3]/@number"), 5);
    run_free(r);
    /* even page 4 next: page 1 is odd already */
    r = two_sequences("4");
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "//page[2]/@number"), 4);
    run_free(r);
}

/* --- decorations --- */

static void test_losses_deco__region_backgrounds_drawn_first(void **state)
{
    (void)state;
    const char *masters =
        "<fo:layout-master-set><fo:simple-page-master master-name='bg' page-width='300pt' page-height='300pt' margin='20pt'>"
        "<fo:region-body margin-top='20pt' background-color='#F0F0F0'/>"
        "<fo:region-before extent='15pt' background-color='#FFFF00'/></fo:simple-page-master></fo:layout-master-set>";
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
                               "font-size='10pt' line-height='12pt'>%s<fo:page-sequence master-reference='bg'>"
                               "<fo:flow flow-name='xsl-region-body'><fo:block>One</fo:block>"
                               "<fo:block break-before='page'>Two</fo:block></fo:flow></fo:page-sequence></fo:root>",
                               masters);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    for (int p = 1; p <= 2; p++) {
        /* the body's background covers the region-body, under its text */
        NEAR(xp_num(r, "//page[%d]/rect[1]/@x", p), 20);
        NEAR(xp_num(r, "//page[%d]/rect[1]/@y", p), 40);
        NEAR(xp_num(r, "//page[%d]/rect[1]/@w", p), 260);
        NEAR(xp_num(r, "//page[%d]/rect[1]/@h", p), 240);
        char *c = xp_str(r, "//page[%d]/rect[1]/@color", p);
        assert_string_equal(c, "#F0F0F0");
        g_free(c);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/line[1]/preceding-sibling::rect)", p), 2);
        assert_int_equal((int)xp_num(r, "count(//page[%d]/rect[@zone='before'][@color='#FFFF00'][@h='15.00'])", p), 1);
    }
    run_free(r);
}

static void test_losses_deco__inline_decorations_drawn_or_warned(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>"
                     "Head <fo:inline background-color='yellow'>h</fo:inline> "
                     "<fo:leader leader-length='20pt' background-color='blue'/></fo:block></fo:static-content>";
    const char *flow = "<fo:block>Text <fo:inline border='1pt solid black'>boxed</fo:inline> and "
                       "<fo:basic-link padding='2pt' background-color='#00ff00' "
                       "external-destination='http://example.org/'>link</fo:basic-link>"
                       "</fo:block><fo:block break-before='page'>Two</fo:block>";
    run *r = lay_flow("p", st, flow);
    /* drawn: the header's background on both pages, the link's, the inline's four borders */
    assert_int_equal((int)xp_num(r, "count(//rect[@zone='before'][@color='#FFFF00'])"), 2);
    assert_int_equal((int)xp_num(r, "count(//rect[@zone='body'][@color='#00FF00'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/rule[@zone='body'][@color='#000000'])"), 4);
    /* not drawn: the leader's, said once (the header is met on both pages) */
    int n = 0;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (strstr(d->message, "on inline-level elements are not drawn")) {
            n++;
            assert_true(d->loc.line > 0);
        }
    }
    assert_int_equal(n, 1);
    assert_non_null(find_diag(r, "fo:leader: background-color, border and padding"));
    run_free(r);
}

/* --- block-container overflow --- */

/* Sets overflow on every fo:block-container under n: the FO reader does not
 * pass the property on yet (it warns that it is unsupported), so the test
 * sets what it would. */
static void set_overflow(msp_job *job, msp_fo_node *n, const char *value)
{
    for (msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_BLOCK_CONTAINER && !msp_fo_attr_value(c, "overflow")) {
            msp_fo_attr *a = msp_arena_alloc_array(job->arena, (size_t)c->n_attrs + 1, sizeof *a);
            if (c->n_attrs)
                memcpy(a, c->attrs, (size_t)c->n_attrs * sizeof *a);
            a[c->n_attrs] = (msp_fo_attr){ "overflow", value };
            c->attrs = a;
            c->n_attrs++;
        }
        set_overflow(job, c, value);
    }
}

static run *lay_overflow(const char *overflow)
{
    GString *f = g_string_new("<fo:block>Before</fo:block><fo:block-container height='30pt'>");
    for (int i = 0; i < 5; i++)
        g_string_append_printf(f, "<fo:block>In %d</fo:block>", i + 1);
    g_string_append(f, "</fo:block-container><fo:block>After</fo:block>");
    char *fo = doc_fo("p", NULL, f->str);
    g_string_free(f, TRUE);
    run *r = g_new0(run, 1);
    msp_job_init(&r->job);
    msp_layout_report_init(&r->report);
    msp_fo_doc *doc = NULL;
    r->st = msp_fo_parse(&r->job, &doc, "test.fo", fo, strlen(fo));
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    if (overflow)
        set_overflow(&r->job, doc->root, overflow);
    FILE *out = open_memstream(&r->xml, &r->len);
    sink_buf b = { out, 0 };
    msp_area_dump_begin(out);
    msp_layout_opts opts = { .pango = g_ctx, .sink = dump_sink, .sink_user = &b, .report = &r->report };
    r->st = msp_layout_run(&r->job, doc, &opts, &r->res);
    msp_area_dump_end(out);
    fclose(out);
    msp_fo_doc_free(doc);
    r->doc = xmlReadMemory(r->xml, (int)r->len, "dump.xml", NULL, XML_PARSE_NONET);
    return r;
}

static void test_losses_overflow__visible_is_drawn_and_warned(void **state)
{
    (void)state;
    run *r = lay_overflow(NULL);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'In ')])"), 5);
    assert_non_null(find_diag(r, "fo:block-container content is 60.00 pt tall, 30.00 pt more than its height "
                                   "(30.00 pt): it is drawn past the container's bottom edge"));
    /* the container keeps its height: the next block follows it */
    NEAR(xp_num(r, "//line[. = 'After']/@y") - xp_num(r, "//line[. = 'Before']/@y"), 42);
    run_free(r);
}

static void test_losses_overflow__hidden_clips(void **state)
{
    (void)state;
    const char *values[] = { "hidden", "scroll" };
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        run *r = lay_overflow(values[i]);
        assert_int_equal(r->st, MSP_OK);
        /* 30 pt: the first two 12 pt lines; the third would end at 36 pt */
        assert_int_equal((int)xp_num(r, "count(//line[starts-with(., 'In ')])"), 2);
        assert_int_equal((int)xp_num(r, "count(//line[. = 'In 3'])"), 0);
        assert_non_null(find_diag(r, "clips it, 3 lines or boxes below its bottom edge are not drawn"));
        run_free(r);
    }
}

static void test_losses_overflow__error_if_overflow_fails(void **state)
{
    (void)state;
    run *r = lay_overflow("error-if-overflow");
    assert_int_equal(r->st, MSP_E_LAYOUT);
    bool located = false;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (d->severity == MSP_SEV_ERROR && strstr(d->message, "overflow=\"error-if-overflow\""))
            located = d->loc.line > 0;
    }
    assert_true(located);
    run_free(r);
}

/* --- the flow --- */

static void test_losses_flow__into_a_named_region_body(void **state)
{
    (void)state;
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' font-size='10pt'>"
        "<fo:layout-master-set><fo:simple-page-master master-name='m' page-width='300pt' page-height='300pt'>"
        "<fo:region-body region-name='letterBody' margin='20pt'/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference='m'><fo:flow flow-name='letterBody'><fo:block>Letter</fo:block>"
        "</fo:flow></fo:page-sequence></fo:root>";
    run *r = lay_out(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'Letter'])"), 1);
    run_free(r);
    /* a name no region has is still an error */
    char *bad = g_strdup(fo);
    memcpy(strstr(bad, "flow-name='letterBody'"), "flow-name='letterBodx'", 22);
    r = lay_out(bad);
    g_free(bad);
    assert_int_equal(r->st, MSP_E_FO);
    run_free(r);
}

/* --- pages of different widths --- */

/* Page masters 'wide' (body 360 x 60 pt: 5 lines) and 'narrow' (body 210 x 60
 * pt) at x = 20, in the order `order` ("wide-narrow" or "narrow-wide"). */
static run *lay_widths(const char *order, const char *flow)
{
    bool wide_first = strcmp(order, "wide-narrow") == 0;
    char *fo = g_strdup_printf(
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
        "font-size='10pt' line-height='12pt'><fo:layout-master-set>"
        "<fo:simple-page-master master-name='wide' page-width='400pt' page-height='100pt' margin='20pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:simple-page-master master-name='narrow' page-width='250pt' page-height='100pt' margin='20pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:page-sequence-master master-name='pages'><fo:single-page-master-reference master-reference='%s'/>"
        "<fo:repeatable-page-master-reference master-reference='%s'/></fo:page-sequence-master>"
        "</fo:layout-master-set><fo:page-sequence master-reference='pages'>"
        "<fo:flow flow-name='xsl-region-body'>%s</fo:flow></fo:page-sequence></fo:root>",
        wide_first ? "wide" : "narrow", wide_first ? "narrow" : "wide", flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    return r;
}

static const char *TALE = "In olden times when wishing still helped one, there lived a king whose daughters "
                          "were all beautiful, but the youngest was so beautiful that the sun itself, which "
                          "has seen so much, was astonished whenever it shone in her face.";

/* The widest right edge of the body lines on page p. */
static double right_edge(run *r, int p)
{
    int n = (int)xp_num(r, "count(//page[%d]/line[@zone='body'])", p);
    double most = 0;
    for (int i = 1; i <= n; i++)
        most = MAX(most, xp_num(r, "//page[%d]/line[@zone='body'][%d]/@x + //page[%d]/line[@zone='body'][%d]/@w",
                                p, i, p, i));
    return most;
}

static void test_losses_width__content_relaid_for_a_narrower_page(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block border='1pt solid black'>");
    for (int i = 0; i < 4; i++)
        g_string_append_printf(f, "<fo:block>Line %d</fo:block>", i + 1);
    g_string_append_printf(f, "<fo:block>%s %s</fo:block></fo:block>", TALE, TALE);
    run *r = lay_widths("wide-narrow", f->str);
    g_string_free(f, TRUE);
    assert_true(xp_num(r, "count(//page)") >= 3);
    char *master = xp_str(r, "//page[2]/@master");
    assert_string_equal(master, "narrow");
    g_free(master);
    /* every line of the narrow pages within their 210 pt body (x 20 .. 230) */
    int pages = (int)xp_num(r, "count(//page)");
    for (int p = 2; p <= pages; p++)
        assert_true(right_edge(r, p) <= 230.01);
    /* the wide page's lines were longer: the text was broken again */
    assert_true(right_edge(r, 1) <= 380.01);
    /* the bordered block continues on page 2 with the narrow page's geometry */
    NEAR(xp_num(r, "//page[2]/rule[@x = @x2][2]/@x"), 230.5);
    NEAR(xp_num(r, "//page[2]/rule[@x = @x2][1]/@x"), 19.5);
    assert_null(find_diag(r, "keeps the lines"));
    run_free(r);
}

static void test_losses_width__content_relaid_for_a_wider_page(void **state)
{
    (void)state;
    GString *f = g_string_new("");
    for (int i = 0; i < 5; i++)
        g_string_append_printf(f, "<fo:block>Line %d</fo:block>", i + 1);
    g_string_append_printf(f, "<fo:block>%s</fo:block>", TALE);
    run *r = lay_widths("narrow-wide", f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    /* the tale is on the wide page, broken for its 360 pt */
    assert_true(right_edge(r, 2) > 300);
    assert_true(right_edge(r, 2) <= 380.01);
    run_free(r);
}

static void test_losses_width__split_paragraph_is_broken_again(void **state)
{
    (void)state;
    GString *f = g_string_new("");
    for (int i = 0; i < 3; i++)
        g_string_append_printf(f, "<fo:block>Line %d</fo:block>", i + 1);
    g_string_append_printf(f, "<fo:block>%s %s</fo:block><fo:block>After the tale</fo:block>", TALE, TALE);
    run *r = lay_widths("wide-narrow", f->str);
    g_string_free(f, TRUE);
    /* the paragraph broken by the page has its remaining lines broken again
     * for the narrow page (msp_para_build_rest): none past its body */
    assert_int_equal((int)xp_num(r, "count(//page[position() > 1]/line[@x + @w > 230.01])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@x + @w > 380.01])"), 0);
    assert_null(find_diag(r, "keeps the lines"));
    /* what follows the paragraph is made for the narrow page */
    int p = (int)xp_num(r, "//page[line[. = 'After the tale']]/@index") + 1;
    assert_true(xp_num(r, "//page[%d]/line[. = 'After the tale']/@x + //page[%d]/line[. = 'After the tale']/@w",
                       p, p) <= 230.01);
    run_free(r);
}

/* --- table headers --- */

static void test_losses_table__header_note_with_each_copy(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:table><fo:table-column column-width='200pt'/><fo:table-header><fo:table-row>"
                              "<fo:table-cell><fo:block>Head<fo:footnote><fo:inline>*</fo:inline><fo:footnote-body>"
                              "<fo:block>HeadNote</fo:block></fo:footnote-body></fo:footnote></fo:block></fo:table-cell>"
                              "</fo:table-row></fo:table-header><fo:table-body>");
    for (int i = 0; i < 30; i++)
        g_string_append_printf(f, "<fo:table-row><fo:table-cell><fo:block>Row %d</fo:block></fo:table-cell></fo:table-row>", i + 1);
    g_string_append(f, "</fo:table-body></fo:table>");
    run *r = lay_flow("p", SEP, f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_int_equal((int)xp_num(r, "count(//page/line[@zone='body'][starts-with(., 'Head')])"), 2);
    /* the header's note: with each copy of the header, once a page (as FOP does) */
    assert_int_equal((int)xp_num(r, "count(//line[@zone='footnotes'][. = 'HeadNote'])"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='footnotes'][. = 'HeadNote'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='footnotes'][. = 'HeadNote'])"), 1);
    run_free(r);
}

static void test_losses_table__headers_that_cannot_repeat_are_drawn(void **state)
{
    (void)state;
    const char *flow =
        /* a table in a cell */
        "<fo:table><fo:table-column column-width='200pt'/><fo:table-body><fo:table-row><fo:table-cell>"
        "<fo:table><fo:table-column column-width='150pt'/><fo:table-header><fo:table-row><fo:table-cell>"
        "<fo:block>InnerHead</fo:block></fo:table-cell></fo:table-row></fo:table-header><fo:table-body>"
        "<fo:table-row><fo:table-cell><fo:block>InnerRow</fo:block></fo:table-cell></fo:table-row>"
        "</fo:table-body></fo:table></fo:table-cell></fo:table-row></fo:table-body></fo:table>"
        /* a header with no body rows */
        "<fo:table><fo:table-column column-width='200pt'/><fo:table-header><fo:table-row><fo:table-cell>"
        "<fo:block>LoneHead</fo:block></fo:table-cell></fo:table-row></fo:table-header></fo:table>";
    run *r = lay_flow("p", NULL, flow);
    assert_true(xp_num(r, "//line[. = 'InnerHead']/@y") < xp_num(r, "//line[. = 'InnerRow']/@y"));
    assert_int_equal((int)xp_num(r, "count(//line[. = 'LoneHead'])"), 1);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_losses_cite__ids_of_every_kind_resolve),
        cmocka_unit_test(test_losses_cite__last_page_of_a_row_that_splits),
        cmocka_unit_test(test_losses_cite__ids_in_footnotes_and_static_content),
        cmocka_unit_test(test_losses_cite__unplaced_element_is_warned),
        cmocka_unit_test(test_losses_marker__retrieved_wherever_it_sits),
        cmocka_unit_test(test_losses_marker__in_the_flow_carries_over),
        cmocka_unit_test(test_losses_break__table_row_break_before_and_after),
        cmocka_unit_test(test_losses_break__block_in_cell_splits_the_row),
        cmocka_unit_test(test_losses_break__table_and_first_row_break_once),
        cmocka_unit_test(test_losses_pages__force_page_count_auto_numeric_next),
        cmocka_unit_test(test_losses_deco__region_backgrounds_drawn_first),
        cmocka_unit_test(test_losses_deco__inline_decorations_drawn_or_warned),
        cmocka_unit_test(test_losses_overflow__visible_is_drawn_and_warned),
        cmocka_unit_test(test_losses_overflow__hidden_clips),
        cmocka_unit_test(test_losses_overflow__error_if_overflow_fails),
        cmocka_unit_test(test_losses_flow__into_a_named_region_body),
        cmocka_unit_test(test_losses_width__content_relaid_for_a_narrower_page),
        cmocka_unit_test(test_losses_width__content_relaid_for_a_wider_page),
        cmocka_unit_test(test_losses_width__split_paragraph_is_broken_again),
        cmocka_unit_test(test_losses_table__header_note_with_each_copy),
        cmocka_unit_test(test_losses_table__headers_that_cannot_repeat_are_drawn),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
