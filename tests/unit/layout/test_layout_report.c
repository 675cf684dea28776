/* Unit tests for layout/layout_report: counting and keeping loose, overfull
 * and hyphenated lines from pages (made by hand, and laid out from FO),
 * strings that outlive their page, the summary line and the tab-separated
 * file with its escapes. */
#include "layout_fixture.h"

#include "layout/layout_report.h"

static void add_line(msp_page *p, msp_zone zone, const char *text, double adjust, bool hyphen, int fit,
                     int line, int column)
{
    msp_area a = { 0 };
    a.kind = MSP_AREA_LINE;
    a.zone = zone;
    a.u.line.text = msp_arena_strdup(p->arena, text);
    a.u.line.footnote = -1;
    a.u.line.adjust = adjust;
    a.u.line.hyphen = hyphen;
    a.u.line.fit = fit;
    /* a file name that dies with the page, as a page's own strings do */
    a.u.line.loc = (msp_loc){ msp_arena_strdup(p->arena, "in.fo"), line, column };
    msp_page_add(p, &a);
}

static msp_page *page_of(int index, const char *number)
{
    msp_page *p = msp_page_new(300, 300);
    p->index = index;
    p->number_text = msp_arena_strdup(p->arena, number);
    return p;
}

static char *written(const msp_layout_report *r, const char *document)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    msp_layout_report_write(f, r, document);
    fclose(f);
    return buf;
}

static const msp_layout_report_entry *entry(const msp_layout_report *r, guint i)
{
    assert_true(i < r->entries->len);
    return &g_array_index(r->entries, msp_layout_report_entry, i);
}

static void test_layout_report_add__counts_and_keeps_reported_lines(void **state)
{
    (void)state;
    msp_layout_report r;
    msp_layout_report_init(&r);
    msp_page *p = page_of(0, "i");
    add_line(p, MSP_ZONE_BODY, "fine", 0.2, false, MSP_LINE_FIT_OK, 3, 1);
    add_line(p, MSP_ZONE_BODY, "stretched far", 2.5, false, MSP_LINE_FIT_LOOSE, 4, 2);
    msp_area rule = { .kind = MSP_AREA_RULE };
    msp_page_add(p, &rule);
    add_line(p, MSP_ZONE_FOOTNOTES, "hyphen-", -0.3, true, MSP_LINE_FIT_OK, 5, 3);
    msp_layout_report_add_page(&r, p);
    msp_page_free(p);
    p = page_of(1, "ii");
    add_line(p, MSP_ZONE_AFTER, "toolongword", 0, true, MSP_LINE_FIT_OVERFULL, 6, 4);
    msp_layout_report_add_page(&r, p);
    msp_page_free(p);

    assert_int_equal(r.counts.pages, 2);
    assert_int_equal(r.counts.lines, 4);
    assert_int_equal(r.counts.loose, 1);
    assert_int_equal(r.counts.overfull, 1);
    assert_int_equal(r.counts.hyphenated, 2);
    assert_int_equal(r.counts.unlisted, 0);
    assert_int_equal(msp_layout_counts_beyond(&r.counts), 2);
    assert_int_equal((int)r.entries->len, 3);
    /* the pages are gone: every string is the report's own */
    const msp_layout_report_entry *e = entry(&r, 0);
    assert_int_equal(e->page, 0);
    assert_string_equal(e->page_number, "i");
    assert_int_equal(e->zone, MSP_ZONE_BODY);
    assert_string_equal(msp_layout_report_kind(e), "loose");
    assert_string_equal(e->loc.file, "in.fo");
    assert_int_equal(e->loc.line, 4);
    assert_int_equal(e->loc.column, 2);
    assert_string_equal(e->text, "stretched far");
    e = entry(&r, 1);
    assert_string_equal(msp_layout_report_kind(e), "hyphen");
    assert_int_equal(e->zone, MSP_ZONE_FOOTNOTES);
    e = entry(&r, 2);
    assert_int_equal(e->page, 1);
    assert_string_equal(e->page_number, "ii");
    assert_string_equal(msp_layout_report_kind(e), "overfull,hyphen");
    /* one copy of a file name for all its entries */
    assert_ptr_equal(entry(&r, 0)->loc.file, entry(&r, 2)->loc.file);
    msp_layout_report_clear(&r);
    msp_layout_report_clear(&r);   /* twice is harmless */
}

static void test_layout_report_summary__counts_in_words(void **state)
{
    (void)state;
    msp_layout_counts n = { .loose = 1, .overfull = 1, .hyphenated = 14 };
    char *s = msp_layout_counts_summary(&n);
    assert_string_equal(s, "2 lines beyond tolerance (1 loose, 1 overfull), 14 hyphenated line ends");
    g_free(s);
    n = (msp_layout_counts){ .overfull = 1, .hyphenated = 1 };
    s = msp_layout_counts_summary(&n);
    assert_string_equal(s, "1 line beyond tolerance (0 loose, 1 overfull), 1 hyphenated line end");
    g_free(s);
    s = msp_layout_counts_summary(NULL);
    assert_string_equal(s, "0 lines beyond tolerance (0 loose, 0 overfull), 0 hyphenated line ends");
    g_free(s);
}

static void test_layout_report_write__tab_separated_with_escapes(void **state)
{
    (void)state;
    msp_layout_report r;
    msp_layout_report_init(&r);
    msp_page *p = page_of(2, "3");
    add_line(p, MSP_ZONE_BODY, "a\tb\\c\nd", 1.234, false, MSP_LINE_FIT_LOOSE, 7, 9);
    add_line(p, MSP_ZONE_BEFORE, "x-", -0.001, true, MSP_LINE_FIT_OK, 8, 0);
    msp_layout_report_add_page(&r, p);
    msp_page_free(p);
    char *text = written(&r, "doc.fo");
    assert_string_equal(text,
                        "# mspdoc layout report 1\n"
                        "# document\tdoc.fo\n"
                        "# pages\t1\n"
                        "# lines\t2\n"
                        "# beyond-tolerance\t1\n"
                        "# loose\t1\n"
                        "# overfull\t0\n"
                        "# hyphenated\t1\n"
                        "# unlisted\t0\n"
                        "page\tnumber\tzone\tkind\tadjust\tlocation\ttext\n"
                        "3\t3\tbody\tloose\t1.23\tin.fo:7:9\ta\\tb\\\\c\\nd\n"
                        "3\t3\tbefore\thyphen\t0.00\tin.fo:8\tx-\n");
    free(text);
    msp_layout_report_clear(&r);
}

static void test_layout_report_add__long_text_cut_at_a_character(void **state)
{
    (void)state;
    GString *s = g_string_new(NULL);
    while (s->len < 2 * MSP_LAYOUT_REPORT_MAX_TEXT)
        g_string_append(s, "\xC3\xA9");   /* é, 2 bytes: the limit falls inside one */
    g_string_append_c(s, 'x');
    msp_layout_report r;
    msp_layout_report_init(&r);
    msp_page *p = page_of(0, "1");
    add_line(p, MSP_ZONE_BODY, s->str, 0, false, MSP_LINE_FIT_OVERFULL, 1, 1);
    msp_layout_report_add_page(&r, p);
    msp_page_free(p);
    const char *t = entry(&r, 0)->text;
    assert_true(g_utf8_validate(t, -1, NULL));
    assert_true(strlen(t) <= MSP_LAYOUT_REPORT_MAX_TEXT + 3);
    assert_true(g_str_has_suffix(t, "\xE2\x80\xA6"));
    g_string_free(s, TRUE);
    msp_layout_report_clear(&r);
}

/* Laid out for real: an unbreakable (no-wrap) word wider than its block is
 * overfull, a justified line with one short word before a long one is loose,
 * each at its block's place in the FO; the dump says the same. */
static void test_layout_report_layout__overfull_and_loose_lines_located(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL,
                      "<fo:block>Fine.</fo:block>"
                      "<fo:block end-indent='200pt' wrap-option='no-wrap'>Pneumonoultramicroscopicsilicovolcanoconiosis</fo:block>"
                      "<fo:block text-align='justify' end-indent='130pt'>An incomprehensibilities "
                      "counterrevolutionaries.</fo:block>");
    const msp_layout_counts *n = &r->report.counts;
    assert_int_equal(n->pages, 1);
    assert_int_equal(n->overfull, 1);
    assert_int_equal(n->loose, 1);
    assert_int_equal(n->hyphenated, 0);
    assert_int_equal((int)r->report.entries->len, 2);
    const msp_layout_report_entry *o = entry(&r->report, 0), *l = entry(&r->report, 1);
    assert_int_equal(o->fit, MSP_LINE_FIT_OVERFULL);
    assert_string_equal(o->text, "Pneumonoultramicroscopicsilicovolcanoconiosis");
    assert_string_equal(o->loc.file, "test.fo");
    assert_int_equal(l->fit, MSP_LINE_FIT_LOOSE);
    assert_string_equal(l->text, "An incomprehensibilities");
    assert_true(l->adjust > 1);
    /* both at their fo:block: the overfull one's comes first in the FO */
    assert_true(o->loc.line == l->loc.line ? o->loc.column < l->loc.column : o->loc.line < l->loc.line);
    assert_int_equal((int)xp_num(r, "count(//line[@fit='overfull'])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[@fit='loose'][@adjust > 1])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[. = 'Fine.'][@adjust or @fit or @hyphen])"), 0);
    run_free(r);
}

/* The silent passes that settle page-number citations add nothing: each
 * emitted page is counted once. */
static void test_layout_report_layout__citation_passes_not_counted(void **state)
{
    (void)state;
    GString *f = g_string_new("<fo:block>See page <fo:page-number-citation ref-id='end'/>.</fo:block>");
    fillers(f, 30, "Filler");
    g_string_append(f, "<fo:block id='end' end-indent='200pt' wrap-option='no-wrap'>"
                       "Pneumonoultramicroscopicsilicovolcanoconiosis</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal(r->report.counts.pages, r->res.pages);
    assert_int_equal(r->report.counts.overfull, 1);
    assert_int_equal(r->report.counts.lines, (int)xp_num(r, "count(//line)"));
    run_free(r);
    g_string_free(f, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_report_add__counts_and_keeps_reported_lines),
        cmocka_unit_test(test_layout_report_summary__counts_in_words),
        cmocka_unit_test(test_layout_report_write__tab_separated_with_escapes),
        cmocka_unit_test(test_layout_report_add__long_text_cut_at_a_character),
        cmocka_unit_test(test_layout_report_layout__overfull_and_loose_lines_located),
        cmocka_unit_test(test_layout_report_layout__citation_passes_not_counted),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
