/* Unit tests for page numbers, citations, markers and page masters as XSL
 * 1.1 sets them: fo:page-number made on the page its line lands on, the
 * last page of an element for page-number-citation-last, the last page's
 * master (page-position="last"), flows into region-bodies by name, marker
 * retrieval positions, retrieve-marker in a line, the footnote separator's
 * page number, digit families in format, and paragraphs broken again for a
 * page of another width; checked on the area-tree dump. */
#include "layout_fixture.h"

/* A document with the given layout-master-set content and page-sequence
 * (attributes, static content, flow name and flow). */
static run *lay_doc(const char *masters, const char *seq_attrs, const char *statics, const char *flow_name,
                    const char *flow)
{
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                               "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>"
                               "<fo:layout-master-set>%s</fo:layout-master-set>"
                               "<fo:page-sequence %s>%s<fo:flow flow-name='%s'>%s</fo:flow></fo:page-sequence>"
                               "</fo:root>",
                               masters, seq_attrs, statics ? statics : "", flow_name, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

/* A page of 5 lines: body 260 x 60 pt. */
#define SMALL "<fo:simple-page-master master-name='s' page-width='300pt' page-height='100pt' margin='20pt'>" \
              "<fo:region-body/></fo:simple-page-master>"

/* --- page numbers --- */

static void test_pagenum_number__made_on_the_page_the_line_lands_on(void **state)
{
    (void)state;
    GString *f = g_string_new("");
    for (int i = 0; i < 7; i++)
        g_string_append(f, "<fo:block>page <fo:page-number/></fo:block>");
    run *r = lay_doc(SMALL, "master-reference='s' initial-page-number='7'", NULL, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    /* every line prints the number of its own page: the sixth block was made
     * while page 7 was being filled, and goes to page 8 */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'page 7'])"), 5);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'page 8'])"), 2);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'page 7' or . = 'page 8'])"), 7);
    assert_null(find_diag(r, "fo:page-number printed"));
    run_free(r);
}

static void test_pagenum_number__digit_family_of_the_format(void **state)
{
    (void)state;
    run *r = lay_doc(SMALL, "master-reference='s' initial-page-number='12' format='\xd9\xa1'",
                     NULL, "xsl-region-body", "<fo:block>p <fo:page-number/></fo:block>");
    /* format="&#x661;": Arabic-Indic digits, one and two */
    char *t = xp_str(r, "//page[1]/line[1]");
    assert_string_equal(t, "p \xd9\xa1\xd9\xa2");
    g_free(t);
    assert_string_equal(xp_str(r, "//page[1]/@number-text"), "\xd9\xa1\xd9\xa2");
    run_free(r);
    r = lay_doc(SMALL, "master-reference='s' initial-page-number='5' format='001'", NULL, "xsl-region-body",
                "<fo:block>p <fo:page-number/></fo:block>");
    t = xp_str(r, "//page[1]/line[1]");
    assert_string_equal(t, "p 005");
    g_free(t);
    run_free(r);
}

static void test_pagenum_number__separator_shows_each_page(void **state)
{
    (void)state;
    GString *f = g_string_new("");
    for (int i = 0; i < 3; i++)
        g_string_append_printf(f, "<fo:block break-before='page'>Text %d<fo:footnote><fo:inline>*</fo:inline>"
                                  "<fo:footnote-body><fo:block>Note %d</fo:block></fo:footnote-body></fo:footnote>"
                                  "</fo:block>", i + 1, i + 1);
    const char *sep = "<fo:static-content flow-name='xsl-footnote-separator'>"
                      "<fo:block>sep <fo:page-number/></fo:block></fo:static-content>";
    run *r = lay_doc(SMALL, "master-reference='s'", sep, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    for (int p = 1; p <= 3; p++) {
        char *want = g_strdup_printf("sep %d", p);
        char *got = xp_str(r, "//page[%d]/line[@zone='separator']", p);
        assert_string_equal(got, want);
        g_free(got);
        g_free(want);
    }
    run_free(r);
}

static void test_pagenum_number__split_paragraph_keeps_every_word(void **state)
{
    (void)state;
    /* a paragraph with its page number (9) at the start, split onto page 10:
     * its rest is not made again from a byte the longer number moved; every
     * word is on a page once, in order */
    GString *f = g_string_new("<fo:block>L1</fo:block><fo:block>L2</fo:block><fo:block>L3</fo:block>"
                              "<fo:block>p<fo:page-number/> ");
    for (int i = 0; i < 60; i++)
        g_string_append_printf(f, "w%d ", i + 1);
    g_string_append(f, "</fo:block>");
    run *r = lay_doc(SMALL, "master-reference='s' initial-page-number='9'", NULL, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    assert_true(xp_num(r, "count(//page)") >= 2);
    for (int i = 0; i < 60; i++) {
        char *w = g_strdup_printf("w%d", i + 1);
        double n = xp_num(r, "count(//line[contains(concat(' ', ., ' '), ' %s ')])", w);
        if (n != 1)
            fprintf(stderr, "%s on %g lines\n", w, n);
        assert_true(n == 1);
        g_free(w);
    }
    run_free(r);
}

/* --- citations of the last page --- */

static void test_pagenum_cite__last_page_of_blocks_inlines_and_bodies(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>B <fo:page-number-citation-last ref-id='b'/> "
                              "I <fo:page-number-citation-last ref-id='i'/> "
                              "L <fo:page-number-citation-last ref-id='lb'/></fo:block>"
                              "<fo:block id='b' border='0.5pt solid black'>x<fo:inline id='i'>");
    for (int i = 0; i < 80; i++)
        g_string_append(f, "word ");
    g_string_append(f, "</fo:inline>end</fo:block>"
                       "<fo:list-block provisional-distance-between-starts='20pt'><fo:list-item>"
                       "<fo:list-item-label end-indent='label-end()'><fo:block>*</fo:block></fo:list-item-label>"
                       "<fo:list-item-body start-indent='body-start()' id='lb'>");
    for (int i = 0; i < 8; i++)
        g_string_append_printf(f, "<fo:block>item %d</fo:block>", i + 1);
    g_string_append(f, "</fo:list-item-body></fo:list-item></fo:list-block>");
    run *r = lay_doc(SMALL, "master-reference='s'", NULL, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    /* the block closes (its border) and the inline ends where 'end' is; the
     * list body's last block is 'item 8' */
    int p_end = (int)xp_num(r, "count(//page[line[contains(., 'end')]]/preceding-sibling::page)") + 1;
    int p_item = (int)xp_num(r, "count(//page[line[. = 'item 8']]/preceding-sibling::page)") + 1;
    assert_true(p_end > 1);
    assert_true(p_item > p_end);
    char *want = g_strdup_printf("B %d I %d L %d", p_end, p_end, p_item);
    char *got = xp_str(r, "//page[1]/line[1]");
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);
    run_free(r);
}

/* --- the last page's master --- */

/* 'rest' (body 260 x 60 pt: 5 lines) and 'last' of width lw and height lh,
 * chosen by page-position="last". */
static char *last_masters(const char *lw, const char *lh)
{
    return g_strdup_printf(
        "<fo:simple-page-master master-name='rest' page-width='300pt' page-height='100pt' margin='20pt'>"
        "<fo:region-body/><fo:region-after extent='10pt'/></fo:simple-page-master>"
        "<fo:simple-page-master master-name='last' page-width='%s' page-height='%s' margin='20pt'>"
        "<fo:region-body/><fo:region-after region-name='foot-last' extent='10pt'/></fo:simple-page-master>"
        "<fo:page-sequence-master master-name='m'><fo:repeatable-page-master-alternatives>"
        "<fo:conditional-page-master-reference page-position='last' master-reference='last'/>"
        "<fo:conditional-page-master-reference master-reference='rest'/>"
        "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>",
        lw, lh);
}

static void test_pagenum_last__master_that_cannot_hold_the_page(void **state)
{
    (void)state;
    /* 'last' has room for 1 line: 7 lines end on a page of 'rest' (2 lines)
     * that is not the last one; an empty last page with 'last' follows */
    char *m = last_masters("300pt", "56pt");
    const char *st = "<fo:static-content flow-name='foot-last'><fo:block>LastFoot</fo:block></fo:static-content>";
    run *r = lay_doc(m, "master-reference='m'", st, "xsl-region-body",
                     "<fo:block>1</fo:block><fo:block>2</fo:block><fo:block>3</fo:block><fo:block>4</fo:block>"
                     "<fo:block>5</fo:block><fo:block>6</fo:block><fo:block>7</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    assert_string_equal(xp_str(r, "//page[2]/@master"), "rest");
    assert_string_equal(xp_str(r, "//page[3]/@master"), "last");
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[@zone='body'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'LastFoot'])"), 1);
    run_free(r);
    /* 6 lines: the last page holds one, and takes the master */
    r = lay_doc(m, "master-reference='m'", st, "xsl-region-body",
                "<fo:block>1</fo:block><fo:block>2</fo:block><fo:block>3</fo:block><fo:block>4</fo:block>"
                "<fo:block>5</fo:block><fo:block>6</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_string_equal(xp_str(r, "//page[2]/@master"), "last");
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = '6'])"), 1);
    run_free(r);
    g_free(m);
}

static void test_pagenum_last__page_of_another_width_laid_out_again(void **state)
{
    (void)state;
    /* 'last' is 150 pt wide (a 110 pt body): the last page's paragraph is
     * broken again for it, not drawn past its edge */
    char *m = last_masters("150pt", "200pt");
    run *r = lay_doc(m, "master-reference='m'", NULL, "xsl-region-body",
                     "<fo:block>One</fo:block><fo:block break-before='page'>alpha beta gamma delta epsilon "
                     "zeta eta theta iota kappa lambda mu</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_string_equal(xp_str(r, "//page[2]/@master"), "last");
    assert_true(xp_num(r, "count(//page[2]/line[@zone='body'])") >= 2);
    assert_true(xp_num(r, "count(//page[2]/line[@zone='body'][@x + @w > 130.01])") == 0);
    assert_int_equal(r->check.lines_placed > 0, 1);
    run_free(r);
    g_free(m);
}

/* --- flows and region names --- */

static void test_pagenum_flow__page_without_its_region_holds_none(void **state)
{
    (void)state;
    const char *masters =
        "<fo:simple-page-master master-name='main' page-width='200pt' page-height='100pt'>"
        "<fo:region-body region-name='main' margin-top='30pt'/><fo:region-before region-name='mb' extent='20pt'/>"
        "</fo:simple-page-master>"
        "<fo:simple-page-master master-name='other' page-width='200pt' page-height='100pt'>"
        "<fo:region-body region-name='other' margin-top='30pt'/><fo:region-before region-name='ob' extent='20pt'/>"
        "</fo:simple-page-master>"
        "<fo:page-sequence-master master-name='psm'>"
        "<fo:single-page-master-reference master-reference='main'/>"
        "<fo:single-page-master-reference master-reference='other'/>"
        "<fo:repeatable-page-master-reference master-reference='main'/></fo:page-sequence-master>";
    const char *st = "<fo:static-content flow-name='mb'><fo:block>main <fo:page-number/></fo:block></fo:static-content>"
                     "<fo:static-content flow-name='ob'><fo:block>other <fo:page-number/></fo:block></fo:static-content>";
    run *r = lay_doc(masters, "master-reference='psm'", st, "main",
                     "<fo:block>flow 1</fo:block><fo:block break-before='page'>flow 2</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'flow 1'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='body'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'other 2'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'flow 2'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[3]/line[. = 'main 3'])"), 1);
    run_free(r);
}

static void test_pagenum_flow__static_content_of_an_empty_region(void **state)
{
    (void)state;
    /* a region-before of extent 0: its content overflows it, and is drawn */
    const char *masters = "<fo:simple-page-master master-name='s' page-width='200pt' page-height='100pt'>"
                          "<fo:region-body margin-top='40pt'/><fo:region-before/></fo:simple-page-master>";
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>Head</fo:block></fo:static-content>";
    run *r = lay_doc(masters, "master-reference='s'", st, "xsl-region-body", "<fo:block>Body</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='before'][. = 'Head'])"), 1);
    run_free(r);
}

/* --- markers --- */

static const char *MARKER_STATICS =
    "<fo:static-content flow-name='xsl-region-before'>"
    "<fo:block>fic: <fo:retrieve-marker retrieve-class-name='c' retrieve-position='first-including-carryover' "
    "retrieve-boundary='page'/></fo:block>"
    "<fo:block>fsw: <fo:retrieve-marker retrieve-class-name='c' retrieve-position='first-starting-within-page' "
    "retrieve-boundary='page'/></fo:block></fo:static-content>"
    "<fo:static-content flow-name='xsl-region-after'>"
    "<fo:block>lsw: <fo:retrieve-marker retrieve-class-name='c' retrieve-position='last-starting-within-page' "
    "retrieve-boundary='page'/></fo:block>"
    "<fo:block>lew: <fo:retrieve-marker retrieve-class-name='c' retrieve-position='last-ending-within-page' "
    "retrieve-boundary='page'/></fo:block></fo:static-content>";

/* Body 260 x 60 pt (5 lines), regions before and after of 2 lines. */
#define MARKER_PAGE "<fo:simple-page-master master-name='s' page-width='300pt' page-height='148pt' margin='20pt'>" \
                    "<fo:region-body margin-top='24pt' margin-bottom='24pt'/><fo:region-before extent='24pt'/>"  \
                    "<fo:region-after extent='24pt'/></fo:simple-page-master>"

static void assert_zone_line(run *r, int page, const char *zone, const char *tag, const char *want)
{
    char *got = xp_str(r, "//page[%d]/line[@zone='%s'][starts-with(., '%s')]", page, zone, tag);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "page %d, %s '%s': got '%s', want '%s'\n", page, zone, tag, got, want);
    assert_string_equal(got, want);
    g_free(got);
}

static void test_pagenum_marker__retrieve_positions(void **state)
{
    (void)state;
    /* A: 7 lines (pages 1-2); B: 2 lines on page 2; C: 1 line on page 2 */
    GString *f = g_string_new("<fo:block><fo:marker marker-class-name='c'>A</fo:marker>");
    for (int i = 0; i < 7; i++)
        g_string_append_printf(f, "<fo:block>a%d</fo:block>", i + 1);
    g_string_append(f, "</fo:block><fo:block><fo:marker marker-class-name='c'>B</fo:marker>"
                       "<fo:block>b1</fo:block><fo:block>b2</fo:block></fo:block>"
                       "<fo:block><fo:marker marker-class-name='c'>C</fo:marker>c1</fo:block>");
    run *r = lay_doc(MARKER_PAGE, "master-reference='s'", MARKER_STATICS, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    /* page 1: A starts and does not end there */
    assert_zone_line(r, 1, "before", "fic:", "fic: A");
    assert_zone_line(r, 1, "before", "fsw:", "fsw: A");
    assert_zone_line(r, 1, "after", "lsw:", "lsw: A");
    assert_zone_line(r, 1, "after", "lew:", "lew:");
    /* page 2: A carries over and ends, B and C start and end */
    assert_zone_line(r, 2, "before", "fic:", "fic: A");
    assert_zone_line(r, 2, "before", "fsw:", "fsw: B");
    assert_zone_line(r, 2, "after", "lsw:", "lsw: C");
    assert_zone_line(r, 2, "after", "lew:", "lew: C");
    run_free(r);
}

static void test_pagenum_marker__carryover_is_the_outermost_and_ends(void **state)
{
    (void)state;
    /* a block ending on page 1 does not carry over onto page 2 */
    GString *f = g_string_new("<fo:block><fo:marker marker-class-name='c'>A</fo:marker>a1</fo:block>");
    for (int i = 0; i < 4; i++)
        g_string_append_printf(f, "<fo:block>x%d</fo:block>", i + 1);
    g_string_append(f, "<fo:block><fo:marker marker-class-name='c'>B</fo:marker>b1</fo:block>");
    run *r = lay_doc(MARKER_PAGE, "master-reference='s'", MARKER_STATICS, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    assert_zone_line(r, 1, "after", "lew:", "lew: A");
    assert_zone_line(r, 2, "before", "fic:", "fic: B");
    run_free(r);
}

static void test_pagenum_marker__retrieved_into_the_line(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>Section: "
                     "<fo:retrieve-marker retrieve-class-name='h'/> (cont.)</fo:block></fo:static-content>";
    run *r = lay_doc(MARKER_PAGE, "master-reference='s'", st, "xsl-region-body",
                     "<fo:block><fo:marker marker-class-name='h'>Intro <fo:inline>One</fo:inline></fo:marker>"
                     "Body</fo:block>");
    /* one line: the retrieved inline content stands where the retrieve-marker is */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='before'])"), 1);
    assert_zone_line(r, 1, "before", "Section", "Section: Intro One (cont.)");
    run_free(r);
}

static void test_pagenum_marker__of_table_parts(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>H: "
                     "<fo:retrieve-marker retrieve-class-name='t'/></fo:block></fo:static-content>";
    run *r = lay_doc(MARKER_PAGE, "master-reference='s'", st, "xsl-region-body",
                     "<fo:block>Before</fo:block><fo:table><fo:table-column column-width='100pt'/>"
                     "<fo:table-body><fo:marker marker-class-name='t'>Body</fo:marker>"
                     "<fo:table-row><fo:marker marker-class-name='r'>Row</fo:marker>"
                     "<fo:table-cell><fo:block>cell</fo:block></fo:table-cell></fo:table-row>"
                     "</fo:table-body></fo:table>");
    /* a table-body's marker starts with the table; a row's is said not to be retrieved */
    assert_zone_line(r, 1, "before", "H:", "H: Body");
    assert_non_null(find_diag(r, "fo:marker in fo:table-row is not retrieved"));
    run_free(r);
}

static void test_pagenum_marker__blocks_retrieved_in_an_inline(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>M: "
                     "<fo:inline><fo:retrieve-marker retrieve-class-name='b'/></fo:inline></fo:block>"
                     "</fo:static-content>";
    run *r = lay_doc(MARKER_PAGE, "master-reference='s'", st, "xsl-region-body",
                     "<fo:block><fo:marker marker-class-name='b'><fo:block>Block <fo:inline>text</fo:inline>"
                     "</fo:block></fo:marker>Body</fo:block>");
    /* the marker's block is not dropped: its text on a line of its own */
    assert_zone_line(r, 1, "before", "M:", "M:");
    assert_zone_line(r, 1, "before", "Block", "Block text");
    assert_int_equal(r->check.lines_placed > 0, 1);
    run_free(r);
}

/* --- pages of different widths --- */

static void test_pagenum_width__split_paragraph_broken_again(void **state)
{
    (void)state;
    const char *masters =
        "<fo:simple-page-master master-name='wide' page-width='400pt' page-height='100pt' margin='20pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:simple-page-master master-name='narrow' page-width='250pt' page-height='100pt' margin='20pt'>"
        "<fo:region-body/></fo:simple-page-master>"
        "<fo:page-sequence-master master-name='pages'><fo:single-page-master-reference master-reference='wide'/>"
        "<fo:repeatable-page-master-reference master-reference='narrow'/></fo:page-sequence-master>";
    GString *f = g_string_new("<fo:block>L1</fo:block><fo:block>L2</fo:block><fo:block>L3</fo:block>"
                              "<fo:block text-indent='20pt'>");
    for (int i = 0; i < 80; i++)
        g_string_append_printf(f, "w%d ", i + 1);
    g_string_append(f, "</fo:block>");
    run *r = lay_doc(masters, "master-reference='pages'", NULL, "xsl-region-body", f->str);
    g_string_free(f, TRUE);
    /* the paragraph's first two lines on the wide page, the rest broken for
     * the 210 pt body: no line past it, every word once, in order */
    assert_int_equal((int)xp_num(r, "count(//page[1]/line)"), 5);
    assert_true(xp_num(r, "count(//page)") >= 2);
    assert_int_equal((int)xp_num(r, "count(//page[position() > 1]/line[@x + @w > 230.01])"), 0);
    GString *all = g_string_new("");
    xmlXPathContextPtr ctx = xmlXPathNewContext(r->doc);
    xmlXPathObjectPtr o = xmlXPathEval((const xmlChar *)"//line[@zone='body']", ctx);
    for (int i = 0; o && o->nodesetval && i < o->nodesetval->nodeNr; i++) {
        xmlChar *t = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        g_string_append_printf(all, "%s ", (const char *)t);
        xmlFree(t);
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    GString *want = g_string_new("L1 L2 L3 ");
    for (int i = 0; i < 80; i++)
        g_string_append_printf(want, "w%d ", i + 1);
    char **wa = g_strsplit_set(all->str, " ", -1), **wb = g_strsplit_set(want->str, " ", -1);
    GString *ja = g_string_new(""), *jb = g_string_new("");
    for (char **p = wa; *p; p++)
        if (**p)
            g_string_append_printf(ja, "%s ", *p);
    for (char **p = wb; *p; p++)
        if (**p)
            g_string_append_printf(jb, "%s ", *p);
    assert_string_equal(ja->str, jb->str);
    g_strfreev(wa);
    g_strfreev(wb);
    g_string_free(ja, TRUE);
    g_string_free(jb, TRUE);
    g_string_free(all, TRUE);
    g_string_free(want, TRUE);
    /* the first line on the narrow page has no text-indent: at the body's left */
    NEAR(xp_num(r, "//page[2]/line[1]/@x"), 20);
    assert_null(find_diag(r, "keeps the lines"));
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pagenum_number__made_on_the_page_the_line_lands_on),
        cmocka_unit_test(test_pagenum_number__digit_family_of_the_format),
        cmocka_unit_test(test_pagenum_number__separator_shows_each_page),
        cmocka_unit_test(test_pagenum_number__split_paragraph_keeps_every_word),
        cmocka_unit_test(test_pagenum_cite__last_page_of_blocks_inlines_and_bodies),
        cmocka_unit_test(test_pagenum_last__master_that_cannot_hold_the_page),
        cmocka_unit_test(test_pagenum_last__page_of_another_width_laid_out_again),
        cmocka_unit_test(test_pagenum_flow__page_without_its_region_holds_none),
        cmocka_unit_test(test_pagenum_flow__static_content_of_an_empty_region),
        cmocka_unit_test(test_pagenum_marker__retrieve_positions),
        cmocka_unit_test(test_pagenum_marker__carryover_is_the_outermost_and_ends),
        cmocka_unit_test(test_pagenum_marker__retrieved_into_the_line),
        cmocka_unit_test(test_pagenum_marker__of_table_parts),
        cmocka_unit_test(test_pagenum_marker__blocks_retrieved_in_an_inline),
        cmocka_unit_test(test_pagenum_width__split_paragraph_broken_again),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
