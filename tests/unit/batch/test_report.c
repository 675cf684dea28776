/* The batch report: JSON string escaping (quotes, controls, bad UTF-8,
 * line separators), HTML escaping, relative links, and the fields of
 * index.json and index.html for built and failed papers: the run, the
 * summary, the failures first with their messages and last good build. */
#include "batch/report_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static char *json_of(const char *s)
{
    GString *out = g_string_new(NULL);
    msp_report_json_string(out, s);
    return g_string_free(out, FALSE);
}

static void test_report_json_string__escapes(void **state)
{
    char *s = json_of("a\"b\\c\nd\te\x01" "f");
    assert_string_equal(s, "\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
    g_free(s);
    s = json_of("Türkiye \xe2\x80\xa8 x");
    assert_string_equal(s, "\"Türkiye \\u2028 x\"");
    g_free(s);
    s = json_of("bad \xff byte");
    assert_string_equal(s, "\"bad \\ufffd byte\"");
    g_free(s);
    s = json_of(NULL);
    assert_string_equal(s, "\"\"");
    g_free(s);
}

static void test_report_html_text__escapes(void **state)
{
    GString *out = g_string_new(NULL);
    msp_report_html_text(out, "<script>alert('x')</script> & \"q\"");
    assert_string_equal(out->str, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    g_string_free(out, TRUE);
}

/* A run on 2025-10-08 whose report goes to "out" (the sources are in "in"). */
static msp_report_run test_run(void)
{
    return (msp_report_run){ 1759881600, "9.8.7", "0123456789abcdef0123456789abcdef01234567", 1.5, "out" };
}

static GPtrArray *two_papers(void)
{
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_paper *a = msp_paper_new("in/a.xml");
    a->symbol = g_strdup("APLC/MSP.22/2025/1");
    a->output_name = g_strdup("APLC_MSP.22_2025_1.pdf");
    a->title = g_strdup("Report <on> \"things\"");
    a->language = g_strdup("en");
    a->pages = 3;
    a->layout = (msp_layout_counts){ .loose = 1, .overfull = 1, .hyphenated = 14 };
    a->status = MSP_PAPER_BUILT;
    a->has_thumb = true;
    a->pdf_sha256 = g_strdup("abcd");
    a->pdf_date = 1759881600 - 3600;
    a->seconds = 0.25;
    msp_diag_warn(&a->diags, ((msp_loc){ "in/a.xml", 4, 7 }), NULL, "odd thing");
    g_ptr_array_add(papers, a);
    msp_paper *b = msp_paper_new("in/b.xml");
    b->symbol = g_strdup("APLC/MSP.22/2025/2");
    b->output_name = g_strdup("APLC_MSP.22_2025_2.pdf");
    b->status = MSP_PAPER_FAILED;
    msp_diag_error(&b->diags, MSP_E_XML, ((msp_loc){ "in/b.xml", 12, 5 }), "close it", "tag <p> not closed");
    msp_diag_warn(&b->diags, ((msp_loc){ "in/b.xml", 3, 1 }), NULL, "old element");
    b->last_good = g_strdup("APLC_MSP.22_2025_2.pdf");
    b->last_good_date = 1759881600 - 86400;
    g_ptr_array_add(papers, b);
    return papers;
}

static void test_report_json__lists_papers_with_locations(void **state)
{
    GPtrArray *papers = two_papers();
    msp_report_run run = test_run();
    GString *j = msp_report_json(papers, "Meeting papers", &run);
    assert_non_null(strstr(j->str, "\"totals\":{\"papers\":2,\"built\":1,\"up_to_date\":0,\"failed\":1"));
    assert_non_null(strstr(j->str, "\"symbol\":\"APLC/MSP.22/2025/1\",\"title\":\"Report <on> \\\"things\\\"\""));
    assert_non_null(strstr(j->str, "\"pages\":3,\"status\":\"built\""));
    assert_non_null(strstr(j->str, "\"pdf\":\"APLC_MSP.22_2025_1.pdf\""));
    assert_non_null(strstr(j->str, "\"lines_beyond_tolerance\":2,\"loose_lines\":1,\"overfull_lines\":1,"
                                   "\"hyphenated_lines\":14,"));
    assert_non_null(strstr(j->str, "\"lines_beyond_tolerance\":0,\"loose_lines\":0,\"overfull_lines\":0,"
                                   "\"hyphenated_lines\":0,"));
    assert_non_null(strstr(j->str, "\"thumbnail\":\"thumbs/APLC_MSP.22_2025_1.png\""));
    assert_non_null(strstr(j->str, "{\"file\":\"in/a.xml\",\"line\":4,\"column\":7,\"code\":\"ok\",\"message\":\"odd thing\""));
    assert_non_null(strstr(j->str, "\"status\":\"failed\""));
    assert_non_null(strstr(j->str, "{\"file\":\"in/b.xml\",\"line\":12,\"column\":5,\"code\":\"xml\","
                                   "\"message\":\"tag <p> not closed\",\"hint\":\"close it\"}"));
    /* a failed paper links no PDF, but its last good one */
    assert_null(strstr(j->str, "\"pdf\":\"APLC_MSP.22_2025_2.pdf\""));
    assert_non_null(strstr(j->str, "\"run\":{\"date\":\"2025-10-08T00:00:00Z\",\"version\":\"9.8.7\","
                                   "\"commit\":\"0123456789abcdef0123456789abcdef01234567\"}"));
    assert_non_null(strstr(j->str, "\"cancelled\":0,\"warnings\":1},\n  \"seconds\":1.500,"));
    assert_non_null(strstr(j->str, "\"pdf_date\":\"2025-10-07T23:00:00Z\",\"warned\":true,"));
    assert_non_null(strstr(j->str, "\"pdf_date\":null,\"warned\":false,"));
    const char *failures = strstr(j->str, "\"failures\":[");
    const char *papers_at = strstr(j->str, "\"papers\":[");
    assert_non_null(failures);
    assert_true(failures < papers_at);
    const char *lg = strstr(failures, "\"last_good\":{\"path\":\"APLC_MSP.22_2025_2.pdf\",\"date\":\"2025-10-07T00:00:00Z\"}");
    assert_non_null(lg);
    assert_true(lg < papers_at);
    /* every message of the failure, with its severity */
    const char *m = strstr(failures, "\"messages\":[");
    assert_non_null(m);
    assert_non_null(strstr(m, "{\"severity\":\"error\",\"file\":\"in/b.xml\",\"line\":12,\"column\":5,\"code\":\"xml\""));
    assert_non_null(strstr(m, "{\"severity\":\"warning\",\"file\":\"in/b.xml\",\"line\":3,\"column\":1,"));
    assert_true(strstr(m, "\"severity\":\"warning\"") < papers_at);
    /* the built paper's record ends with no last good build; the failed one's with it */
    assert_non_null(strstr(papers_at, "\"last_good\":null}"));
    assert_non_null(strstr(papers_at, "\"last_good\":{\"path\":\"APLC_MSP.22_2025_2.pdf\""));
    g_string_free(j, TRUE);
    g_ptr_array_free(papers, TRUE);
}

static void test_report_html__links_and_escapes(void **state)
{
    GPtrArray *papers = two_papers();
    msp_report_run run = test_run();
    GString *h = msp_report_html(papers, "Papers <x>", &run);
    assert_non_null(strstr(h->str, "<title>Papers &lt;x&gt;</title>"));
    assert_non_null(strstr(h->str, "<a href=\"APLC_MSP.22_2025_1.pdf\">APLC/MSP.22/2025/1</a>"));
    assert_non_null(strstr(h->str, "<img src=\"thumbs/APLC_MSP.22_2025_1.png\" alt=\"First page of APLC/MSP.22/2025/1\">"));
    assert_non_null(strstr(h->str, "Report &lt;on&gt; &quot;things&quot;"));
    assert_non_null(strstr(h->str, "<span class=\"layout beyond\">2 lines beyond tolerance (1 loose, 1 overfull)"
                                   "</span> · 14 hyphenated line ends"));
    assert_non_null(strstr(h->str, "built <time datetime=\"2025-10-07T23:00:00Z\">2025-10-07 23:00 UTC</time> in 0.25 s"));
    /* the source and the message's location link to the source, relative to the report's folder */
    assert_non_null(strstr(h->str, "<code><a href=\"../in/b.xml\" title=\"line 12, column 5\">in/b.xml:12:5</a></code> "
                                   "error: tag &lt;p&gt; not closed <small>(close it)</small>"));
    assert_non_null(strstr(h->str, "source <a href=\"../in/b.xml\"><code>in/b.xml</code></a>"));
    assert_null(strstr(h->str, "href=\"APLC_MSP.22_2025_2.pdf\">APLC"));
    assert_null(strstr(h->str, "<p> not"));
    g_string_free(h, TRUE);
    g_ptr_array_free(papers, TRUE);
}

/* The run line, the summary linking to its sections, then the failure with
 * its last good build before any successful paper. */
static void test_report_html__failures_first(void **state)
{
    GPtrArray *papers = two_papers();
    msp_report_run run = test_run();
    GString *h = msp_report_html(papers, "Papers", &run);
    const char *runline = strstr(h->str, "<p class=\"run\">Run <time datetime=\"2025-10-08T00:00:00Z\">2025-10-08 00:00 UTC"
                                         "</time> · mspdoc 9.8.7 · commit <code title=\"0123456789abcdef0123456789abcdef01234567\">"
                                         "0123456789ab</code>");
    assert_non_null(runline);
    const char *summary = strstr(h->str, "<p class=\"summary\">2 papers: <a class=\"failed\" href=\"#failed\">1 failed</a> · "
                                         "<a class=\"built\" href=\"#built\">1 built</a> · "
                                         "<span class=\"up-to-date none\">0 up to date</span> · "
                                         "<a class=\"warnings\" href=\"#warnings\">1 with warnings</a></p>");
    assert_non_null(summary);
    const char *failed = strstr(h->str, "<section id=\"failed\">\n<h2>Failed (1)</h2>");
    const char *block = strstr(h->str, "<li class=\"paper failed\">\n    <article class=\"failure\" id=\"paper-1\">");
    const char *good = strstr(h->str, "<a href=\"APLC_MSP.22_2025_2.pdf\">last good build, "
                                      "<time datetime=\"2025-10-07T00:00:00Z\">2025-10-07 00:00 UTC</time></a>");
    const char *warn = strstr(h->str, "<code><a href=\"../in/b.xml\" title=\"line 3, column 1\">in/b.xml:3:1</a></code> warning: old element");
    const char *warned = strstr(h->str, "<section id=\"warnings\">");
    const char *built = strstr(h->str, "<section id=\"built\">");
    const char *card = strstr(h->str, "<li class=\"paper built\">\n    <article id=\"paper-0\">");
    assert_true(runline && summary && failed && block && good && warn && warned && built && card);
    assert_true(runline < summary && summary < failed && failed < block && block < warn && warn < good);
    assert_true(good < warned && warned < built && built < card);
    /* a warned paper links to its card; no up-to-date section when there is none */
    assert_non_null(strstr(warned, "<li><a href=\"#paper-0\">APLC/MSP.22/2025/1</a> <span class=\"lang\">en</span> · <span class=\"layout beyond\">"));
    assert_null(strstr(h->str, "id=\"up-to-date\""));
    g_string_free(h, TRUE);

    /* nothing failed: no section, the count is not a link; no earlier PDF is said so */
    msp_paper *b = papers->pdata[1];
    g_free(b->last_good);
    b->last_good = NULL;
    h = msp_report_html(papers, "Papers", &run);
    assert_non_null(strstr(h->str, "no earlier PDF of this paper in this folder"));
    g_string_free(h, TRUE);
    b->status = MSP_PAPER_UP_TO_DATE;
    b->diags.errors = 0;
    h = msp_report_html(papers, "Papers", &run);
    assert_null(strstr(h->str, "id=\"failed\""));
    assert_non_null(strstr(h->str, "<span class=\"failed none\">0 failed</span>"));
    assert_non_null(strstr(h->str, "<a class=\"up-to-date\" href=\"#up-to-date\">1 up to date</a>"));
    g_string_free(h, TRUE);
    g_ptr_array_free(papers, TRUE);
}

static void test_report_relative_path__from_the_report_folder(void **state)
{
    const char *cases[][3] = {
        { "out", "in/b.xml", "../in/b.xml" },
        { "out", "out/sub/a.xml", "sub/a.xml" },
        { "/srv/papers/out", "/srv/papers/src/m22/a.xml", "../src/m22/a.xml" },
        { "/srv/out/", "/srv/./src/../src/a.xml", "../src/a.xml" },
        { "a/b/c", "a/x.xml", "../../x.xml" },
        { NULL, "in/b.xml", "in/b.xml" },
        { "out", "out", "." },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *rel = msp_report_relative_path(cases[i][0], cases[i][1]);
        assert_string_equal(rel, cases[i][2]);
        g_free(rel);
    }
}

static void test_report_dates__iso_and_unknown(void **state)
{
    char *iso = msp_report_date_iso(4102444800);
    assert_string_equal(iso, "2100-01-01T00:00:00Z");
    g_free(iso);
    char *human = msp_report_date_human(1759881600 + 3661);
    assert_string_equal(human, "2025-10-08 01:01 UTC");
    g_free(human);
    assert_null(msp_report_date_iso(-1));
}

static void test_report_run__honours_source_date_epoch(void **state)
{
    g_setenv("SOURCE_DATE_EPOCH", "1759881600", TRUE);
    msp_report_run run = msp_report_run_now(2.0, "out");
    assert_int_equal(run.date, 1759881600);
    assert_string_equal(run.version, MSP_VERSION);
    assert_true(strcmp(run.commit, "unknown") == 0 || strlen(run.commit) >= 40);
    g_setenv("SOURCE_DATE_EPOCH", "not a number", TRUE);
    gint64 before = g_get_real_time() / G_USEC_PER_SEC;
    run = msp_report_run_now(2.0, "out");
    assert_true(run.date >= before && run.date <= before + 5);
    g_unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(msp_report_source_date_epoch(), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_json_string__escapes),
        cmocka_unit_test(test_report_html_text__escapes),
        cmocka_unit_test(test_report_json__lists_papers_with_locations),
        cmocka_unit_test(test_report_html__links_and_escapes),
        cmocka_unit_test(test_report_html__failures_first),
        cmocka_unit_test(test_report_relative_path__from_the_report_folder),
        cmocka_unit_test(test_report_dates__iso_and_unknown),
        cmocka_unit_test(test_report_run__honours_source_date_epoch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
