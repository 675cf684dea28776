/* Unit tests for layout/layout: pagination of small FO documents, checked
 * on the area-tree dump with XPath (footnotes, keeps, widows/orphans,
 * masters, citations, lists, tables, markers, spaces, breaks, a long
 * document with many notes). */
#include "layout_fixture.h"

/* --- tests --- */

static void test_layout_footnote__fits_under_separator(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>Anchor here");
    note(f, "1", 2, "NoteA");
    g_string_append(f, " and more text.</fo:block>");
    fillers(f, 3, "Filler");
    run *r = lay_flow("p", SEP, f->str);
    assert_int_equal((int)xp_num(r, "count(//page)"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='footnotes'][@footnote='0'])"), 2);
    NEAR(xp_num(r, "//page[1]/region[@name='footnotes']/@y + //page[1]/region[@name='footnotes']/@h"),
         xp_num(r, "//page[1]/region[@name='body']/@y + //page[1]/region[@name='body']/@h"));
    /* the separator sits directly above the notes */
    NEAR(xp_num(r, "//page[1]/region[@name='separator']/@y + //page[1]/region[@name='separator']/@h"),
         xp_num(r, "//page[1]/region[@name='footnotes']/@y"));
    assert_true(xp_num(r, "count(//page[1]/*[@zone='separator'])") >= 1);
    assert_true(xp_num(r, "//page[1]/line[@zone='footnotes'][1]/@y") >
                xp_num(r, "//page[1]/line[@zone='body'][last()]/@y"));
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_layout_footnote__anchor_line_moves_with_note(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 19, "Filler");
    g_string_append(f, "<fo:block>ANCHORWORD");
    note(f, "1", 3, "NoteB");
    g_string_append(f, "</fo:block>");
    run *r = lay_flow("p", SEP, f->str);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[contains(., 'ANCHORWORD')])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='body'][contains(., 'ANCHORWORD')])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[@zone='footnotes'])"), 3);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[@zone='footnotes'])"), 0);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_layout_footnote__long_note_splits_and_continues(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>First LONGANCHOR");
    note(f, "1", 30, "NoteC");
    g_string_append(f, "</fo:block>");
    fillers(f, 25, "Body");
    run *r = lay_flow("p", SEP, f->str);
    int p1 = (int)xp_num(r, "count(//page[1]/line[@zone='footnotes'])");
    int p2 = (int)xp_num(r, "count(//page[2]/line[@zone='footnotes'])");
    assert_true(p1 >= 2);
    assert_true(p2 >= 1);
    assert_int_equal((int)xp_num(r, "count(//line[@zone='footnotes'][starts-with(., 'NoteC')])"), 30);
    /* the continuation starts page 2's footnote area */
    char *first2 = xp_str(r, "//page[2]/line[@zone='footnotes'][1]");
    char *want = g_strdup_printf("NoteC line %d", p1 + 1);
    assert_string_equal(first2, want);
    g_free(first2);
    g_free(want);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[contains(., 'LONGANCHOR')])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_layout_breaks__widows_and_orphans(void **state)
{
    (void)state;
    /* 19 lines then a 4-line paragraph: one line left, orphans 2 moves it all */
    GString *f = g_string_new(NULL);
    fillers(f, 19, "Filler");
    g_string_append(f, "<fo:block linefeed-treatment='preserve'>WO1&#10;WO2&#10;WO3&#10;WO4</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'WO')])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[starts-with(., 'WO')])"), 4);
    run_free(r);
    g_string_truncate(f, 0);
    /* 17 lines then 4: three would fit, widows 2 leaves two for page 2 */
    fillers(f, 17, "Filler");
    g_string_append(f, "<fo:block linefeed-treatment='preserve'>WO1&#10;WO2&#10;WO3&#10;WO4</fo:block>");
    r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[starts-with(., 'WO')])"), 2);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[starts-with(., 'WO')])"), 2);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_layout_breaks__keep_with_next_heading(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    fillers(f, 19, "Filler");
    g_string_append(f, "<fo:block keep-with-next='always' font-weight='bold'>HEADING</fo:block>"
                       "<fo:block linefeed-treatment='preserve'>After1&#10;After2</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[. = 'HEADING'])"), 0);
    assert_int_equal((int)xp_num(r, "count(//page[2]/line[. = 'HEADING'])"), 1);
    run_free(r);
    g_string_free(f, TRUE);
}

static void test_layout_masters__first_even_odd(void **state)
{
    (void)state;
    const char *flow = "<fo:block>One</fo:block><fo:block break-before='page'>Two</fo:block>"
                       "<fo:block break-before='page'>Three</fo:block>";
    run *r = lay_flow("doc", NULL, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    char *m1 = xp_str(r, "//page[1]/@master"), *m2 = xp_str(r, "//page[2]/@master"),
         *m3 = xp_str(r, "//page[3]/@master");
    assert_string_equal(m1, "first");
    assert_string_equal(m2, "even");
    assert_string_equal(m3, "odd");
    g_free(m1);
    g_free(m2);
    g_free(m3);
    NEAR(xp_num(r, "//page[2]/region[@name='body']/@x"), 10);
    NEAR(xp_num(r, "//page[3]/region[@name='body']/@x"), 30);
    NEAR(xp_num(r, "//page[2]/line[1]/@x"), 10);
    NEAR(xp_num(r, "//page[3]/region[@name='body']/@y"), 40);
    run_free(r);
}

static void test_layout_citation__forward_reference(void **state)
{
    (void)state;
    const char *flow = "<fo:block>Contents</fo:block>"
                       "<fo:block>Chapter B .... <fo:page-number-citation ref-id='chb'/></fo:block>"
                       "<fo:block break-before='page'>A</fo:block>"
                       "<fo:block break-before='page' id='chb'>Chapter B</fo:block>";
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 3);
    assert_int_equal((int)xp_num(r, "count(//page[1]/line[contains(., 'Chapter B') and contains(., '3')])"), 1);
    assert_int_equal((int)xp_num(r, "count(//page[3]/dest[@name='chb'])"), 1);
    run_free(r);
}

static void test_layout_justify__lines_fill_the_column(void **state)
{
    (void)state;
    const char *flow = "<fo:block text-align='justify'>The Committee first met on 27 January 2025 and "
                       "considered the general status and operation of the Convention, the reports "
                       "received from States Parties, the cooperation and assistance provided and the "
                       "plans for the coming intersessional period, as well as the conclusions.</fo:block>";
    run *r = lay_flow("p", NULL, flow);
    int n = (int)xp_num(r, "count(//page[1]/line[@zone='body'])");
    assert_true(n >= 3);
    double w = xp_num(r, "//page[1]/region[@name='body']/@w");
    for (int i = 1; i < n; i++)
        assert_true(fabs(xp_num(r, "//page[1]/line[@zone='body'][%d]/@w", i) - w) < 0.5);
    assert_true(xp_num(r, "//page[1]/line[@zone='body'][%d]/@w", n) < w - 1);
    run_free(r);
}

static void test_layout_list__label_and_body_positions(void **state)
{
    (void)state;
    const char *flow = "<fo:list-block provisional-distance-between-starts='30pt' provisional-label-separation='6pt'>"
                       "<fo:list-item><fo:list-item-label end-indent='label-end()'><fo:block>LBL</fo:block></fo:list-item-label>"
                       "<fo:list-item-body start-indent='body-start()'><fo:block>BODYTEXT</fo:block></fo:list-item-body>"
                       "</fo:list-item></fo:list-block>";
    run *r = lay_flow("p", NULL, flow);
    double bx = xp_num(r, "//page[1]/region[@name='body']/@x");
    NEAR(xp_num(r, "//page[1]/line[. = 'LBL']/@x"), bx);
    NEAR(xp_num(r, "//page[1]/line[. = 'BODYTEXT']/@x"), bx + 30);
    NEAR(xp_num(r, "//page[1]/line[. = 'LBL']/@y"), xp_num(r, "//page[1]/line[. = 'BODYTEXT']/@y"));
    run_free(r);
}

static void test_layout_table__fixed_columns(void **state)
{
    (void)state;
    const char *flow = "<fo:table table-layout='fixed' width='260pt'>"
                       "<fo:table-column column-width='60pt'/>"
                       "<fo:table-column column-width='proportional-column-width(1)'/>"
                       "<fo:table-column column-width='proportional-column-width(3)'/>"
                       "<fo:table-body><fo:table-row>"
                       "<fo:table-cell><fo:block>CA</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>CB</fo:block></fo:table-cell>"
                       "<fo:table-cell><fo:block>CC</fo:block></fo:table-cell>"
                       "</fo:table-row></fo:table-body></fo:table>";
    run *r = lay_flow("p", NULL, flow);
    double bx = xp_num(r, "//page[1]/region[@name='body']/@x");
    NEAR(xp_num(r, "//page[1]/line[. = 'CA']/@x"), bx);
    NEAR(xp_num(r, "//page[1]/line[. = 'CB']/@x"), bx + 60);
    NEAR(xp_num(r, "//page[1]/line[. = 'CC']/@x"), bx + 60 + 50);
    run_free(r);
}

static void test_layout_marker__retrieved_in_header(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-before'><fo:block>"
                     "<fo:retrieve-marker retrieve-class-name='sec'/></fo:block></fo:static-content>";
    const char *flow = "<fo:block><fo:marker marker-class-name='sec'>SecOne</fo:marker>Text one</fo:block>"
                       "<fo:block break-before='page'>No marker here</fo:block>"
                       "<fo:block break-before='page'><fo:marker marker-class-name='sec'>SecTwo</fo:marker>Text two</fo:block>";
    run *r = lay_flow("p", st, flow);
    char *h1 = xp_str(r, "//page[1]/line[@zone='before']"), *h2 = xp_str(r, "//page[2]/line[@zone='before']"),
         *h3 = xp_str(r, "//page[3]/line[@zone='before']");
    assert_string_equal(h1, "SecOne");
    assert_string_equal(h2, "SecOne");
    assert_string_equal(h3, "SecTwo");
    g_free(h1);
    g_free(h2);
    g_free(h3);
    run_free(r);
}

static void test_layout_space__discarded_at_page_top(void **state)
{
    (void)state;
    const char *flow = "<fo:block>One</fo:block>"
                       "<fo:block space-before='50pt'>Spaced</fo:block>"
                       "<fo:block break-before='page' space-before='50pt'>Top</fo:block>";
    run *r = lay_flow("p", NULL, flow);
    assert_int_equal((int)xp_num(r, "count(//page)"), 2);
    double top = xp_num(r, "//page[2]/region[@name='body']/@y");
    double y1 = xp_num(r, "//page[1]/line[. = 'One']/@y"), ys = xp_num(r, "//page[1]/line[. = 'Spaced']/@y");
    NEAR(ys - y1, 62);
    NEAR(xp_num(r, "//page[2]/line[. = 'Top']/@y") - top, y1 - xp_num(r, "//page[1]/region[@name='body']/@y"));
    run_free(r);
}

static void test_layout_page_number__in_footer(void **state)
{
    (void)state;
    const char *st = "<fo:static-content flow-name='xsl-region-after'><fo:block>Page <fo:page-number/></fo:block></fo:static-content>";
    const char *flow = "<fo:block>A</fo:block><fo:block break-before='page'>B</fo:block>";
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
                               "font-size='10pt' line-height='12pt'>%s<fo:page-sequence master-reference='p' "
                               "initial-page-number='4' format='i'>%s<fo:flow flow-name='xsl-region-body'>%s"
                               "</fo:flow></fo:page-sequence></fo:root>", MASTERS, st, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    char *a = xp_str(r, "//page[1]/line[@zone='after']"), *b = xp_str(r, "//page[2]/line[@zone='after']");
    assert_string_equal(a, "Page iv");
    assert_string_equal(b, "Page v");
    g_free(a);
    g_free(b);
    run_free(r);
}

static void test_layout_errors__missing_master(void **state)
{
    (void)state;
    char *fo = doc_fo("nosuch", NULL, "<fo:block>x</fo:block>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_E_FO);
    const msp_diag *d = g_ptr_array_index(r->job.diags.items, r->job.diags.items->len - 1);
    assert_true(d->loc.line > 0);
    assert_non_null(strstr(d->message, "nosuch"));
    run_free(r);
}

/* 100+ pages, a note in most paragraphs, some longer than half a page. */
static void test_layout_stress__notes_never_lost(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    int notes = 0;
    for (int i = 0; i < 400; i++) {
        if (i % 10 == 0)
            g_string_append_printf(f, "<fo:block keep-with-next='always' font-weight='bold' space-before='12pt'>HEAD %d</fo:block>", i);
        g_string_append_printf(f, "<fo:block text-align='justify' space-after='6pt'>Paragraph %d of the stress "
                                  "document with enough words to wrap over more than one line in the column", i);
        if (i % 4 != 3) {
            char tag[32];
            snprintf(tag, sizeof tag, "N%03d", notes);
            note(f, "n", i % 17 == 5 ? 14 : 1 + i % 3, tag);
            notes++;
        }
        g_string_append(f, " and the end of it.</fo:block>");
    }
    run *r = lay_flow("p", SEP, f->str);
    int pages = (int)xp_num(r, "count(//page)");
    assert_true(pages >= 100);
    assert_int_equal(r->res.pages, pages);
    /* every note appears, and its first line is not before its anchor's page */
    for (int k = 0; k < notes; k++) {
        char tag[32];
        snprintf(tag, sizeof tag, "N%03d line 1", k);
        assert_int_equal((int)xp_num(r, "count(//line[@zone='footnotes'][. = '%s'])", tag), 1);
    }
    /* no heading alone at a page foot */
    for (int p = 1; p <= pages; p++) {
        char *last = xp_str(r, "//page[%d]/line[@zone='body'][last()]", p);
        assert_true(strncmp(last, "HEAD", 4) != 0);
        g_free(last);
    }
    /* note lines never overlap the body */
    for (int p = 1; p <= pages; p++) {
        if (xp_num(r, "count(//page[%d]/line[@zone='footnotes'])", p) == 0)
            continue;
        double lastbody = xp_num(r, "//page[%d]/line[@zone='body'][last()]/@y", p);
        double regtop = xp_num(r, "//page[%d]/region[@name='separator']/@y", p);
        if (!isnan(lastbody))
            assert_true(lastbody <= regtop + 0.01);
    }
    run_free(r);
    g_string_free(f, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_footnote__fits_under_separator),
        cmocka_unit_test(test_layout_footnote__anchor_line_moves_with_note),
        cmocka_unit_test(test_layout_footnote__long_note_splits_and_continues),
        cmocka_unit_test(test_layout_breaks__widows_and_orphans),
        cmocka_unit_test(test_layout_breaks__keep_with_next_heading),
        cmocka_unit_test(test_layout_masters__first_even_odd),
        cmocka_unit_test(test_layout_citation__forward_reference),
        cmocka_unit_test(test_layout_justify__lines_fill_the_column),
        cmocka_unit_test(test_layout_list__label_and_body_positions),
        cmocka_unit_test(test_layout_table__fixed_columns),
        cmocka_unit_test(test_layout_marker__retrieved_in_header),
        cmocka_unit_test(test_layout_space__discarded_at_page_top),
        cmocka_unit_test(test_layout_page_number__in_footer),
        cmocka_unit_test(test_layout_errors__missing_master),
        cmocka_unit_test(test_layout_stress__notes_never_lost),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
