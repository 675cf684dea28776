/* The batch report: JSON string escaping (quotes, controls, bad UTF-8,
 * line separators), HTML escaping, and the fields of index.json and
 * index.html for built and failed papers. */
#include "batch/batch_private.h"

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
    msp_diag_warn(&a->diags, ((msp_loc){ "in/a.xml", 4, 7 }), NULL, "odd thing");
    g_ptr_array_add(papers, a);
    msp_paper *b = msp_paper_new("in/b.xml");
    b->symbol = g_strdup("APLC/MSP.22/2025/2");
    b->output_name = g_strdup("APLC_MSP.22_2025_2.pdf");
    b->status = MSP_PAPER_FAILED;
    msp_diag_error(&b->diags, MSP_E_XML, ((msp_loc){ "in/b.xml", 12, 5 }), "close it", "tag <p> not closed");
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
    /* a failed paper links no PDF */
    assert_null(strstr(j->str, "\"pdf\":\"APLC_MSP.22_2025_2.pdf\""));
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
    assert_non_null(strstr(h->str, "<code>in/b.xml:12:5</code> error: tag &lt;p&gt; not closed"));
    assert_null(strstr(h->str, "href=\"APLC_MSP.22_2025_2.pdf\""));
    assert_null(strstr(h->str, "<p> not"));
    g_string_free(h, TRUE);
    g_ptr_array_free(papers, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_json_string__escapes),
        cmocka_unit_test(test_report_html_text__escapes),
        cmocka_unit_test(test_report_json__lists_papers_with_locations),
        cmocka_unit_test(test_report_html__links_and_escapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
