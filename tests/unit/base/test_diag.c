/* Unit tests for base/diag.c's printed forms: the excerpt with its caret
 * (UTF-8, wide characters, tabs, long lines, control characters), the
 * human form with and without colour, the JSON Lines form, and
 * base/json.c's escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "base/diag.h"
#include "base/json.h"

static char *excerpt(const char *line, int line_no, int column, int width)
{
    GString *s = g_string_new(NULL);
    msp_diag_excerpt(s, line, strlen(line), line_no, column, width, NULL);
    return g_string_free(s, FALSE);
}

static void expect_excerpt(const char *line, int line_no, int column, int width, const char *want)
{
    char *got = excerpt(line, line_no, column, width);
    assert_string_equal(got, want);
    g_free(got);
}

static void test_excerpt__ascii(void **state)
{
    (void)state;
    expect_excerpt("    <subjet>Cooperation</subjet>", 9, 5, 100,
                   "    9 |     <subjet>Cooperation</subjet>\n"
                   "      |     ^\n");
    /* column 1, and just past the end of the line (libxml2 reports there) */
    expect_excerpt("<a>", 12, 1, 100, "   12 | <a>\n      | ^\n");
    expect_excerpt("<a>", 12, 4, 100, "   12 | <a>\n      |    ^\n");
    /* beyond the end: at the end */
    expect_excerpt("<a>", 12, 40, 100, "   12 | <a>\n      |    ^\n");
    /* an empty line (the end of a file) */
    expect_excerpt("", 5, 1, 100, "    5 | \n      | ^\n");
    /* a line number wider than the gutter widens it */
    expect_excerpt("x", 1234567, 1, 100, "1234567 | x\n        | ^\n");
}

static void test_excerpt__utf8_columns_are_characters(void **state)
{
    (void)state;
    /* column 12 is the '"' after three two-byte é */
    expect_excerpt("  <b x=\"ééé\" y=\"1\"/>", 3, 12, 100,
                   "    3 |   <b x=\"ééé\" y=\"1\"/>\n"
                   "      |            ^\n");
    /* East Asian wide characters take two columns, combining marks none */
    expect_excerpt("<t>漢字</t>", 1, 6, 100,
                   "    1 | <t>漢字</t>\n"
                   "      |        ^\n");
    expect_excerpt("e\xCC\x81<x/>", 1, 3, 100,   /* e + U+0301, then '<' */
                   "    1 | e\xCC\x81<x/>\n"
                   "      |  ^\n");
}

static void test_excerpt__tabs_expand_to_eight(void **state)
{
    (void)state;
    expect_excerpt("\t<b/>", 2, 2, 100,
                   "    2 |         <b/>\n"
                   "      |         ^\n");
    /* a tab after three characters reaches the same stop */
    expect_excerpt("abc\t<b/>", 2, 5, 100,
                   "    2 | abc     <b/>\n"
                   "      |         ^\n");
    /* tab, then a wide character, then a tab: stops counted in display columns */
    expect_excerpt("\t漢\tx", 2, 4, 100,
                   "    2 |         漢      x\n"
                   "      |                 ^\n");
}

static void test_excerpt__controls_and_bad_bytes(void **state)
{
    (void)state;
    /* an escape sequence in a source line never reaches the terminal; a
     * Latin-1 byte is one column, U+FFFD */
    expect_excerpt("a\033[31mb", 1, 2, 100,
                   "    1 | a\xEF\xBF\xBD[31mb\n"
                   "      |  ^\n");
    expect_excerpt("caf\xE9!", 1, 5, 100,
                   "    1 | caf\xEF\xBF\xBD!\n"
                   "      |     ^\n");
}

static void test_excerpt__long_lines_cut_around_the_column(void **state)
{
    (void)state;
    GString *line = g_string_new(NULL);
    for (int i = 0; i < 300; i++)
        g_string_append_c(line, (char)('a' + i % 26));
    /* the caret's column 200 = 'r' (index 199), window of 20 */
    char *got = excerpt(line->str, 7, 200, 20);
    char **rows = g_strsplit(got, "\n", -1);
    assert_true(g_str_has_prefix(rows[0], "    7 | …"));
    assert_true(g_str_has_suffix(rows[0], "…"));
    assert_int_equal(g_utf8_strlen(rows[0] + strlen("    7 | "), -1), 20);
    const char *caret = strchr(rows[1], '^');
    assert_non_null(caret);
    /* the caret stands under the 'r' */
    int caret_col = (int)(caret - rows[1]);
    const char *text = rows[0];
    const char *p = g_utf8_offset_to_pointer(text, caret_col);
    assert_int_equal(*p, 'r');
    g_strfreev(rows);
    g_free(got);
    /* near the start: no leading "…" */
    got = excerpt(line->str, 7, 3, 20);
    assert_true(g_str_has_prefix(got, "    7 | abcdefghijklmnopqrs…\n      |   ^\n"));
    g_free(got);
    /* near the end: no trailing "…" */
    got = excerpt(line->str, 7, 300, 20);
    rows = g_strsplit(got, "\n", -1);
    assert_true(g_str_has_prefix(rows[0], "    7 | …"));
    assert_true(g_str_has_suffix(rows[0], "n"));   /* index 299 = 'n' */
    g_strfreev(rows);
    g_free(got);
    g_string_free(line, TRUE);
}

static char *write_tmp(const char *name, const char *content)
{
    char *path = g_build_filename(MSP_TEST_TMP, name, NULL);
    assert_true(g_file_set_contents(path, content, -1, NULL));
    return path;
}

static char *format(const msp_diag *d, msp_diag_style style)
{
    GString *s = g_string_new(NULL);
    msp_diag_append(s, d, &style);
    return g_string_free(s, FALSE);
}

static void test_human__excerpt_and_hint(void **state)
{
    (void)state;
    char *path = write_tmp("diag-paper.xml", "<paper>\n  <meta>\n    <subjet>Cooperation</subjet>\r\n</paper>\n");
    msp_diag d = { MSP_SEV_ERROR, MSP_E_SCHEMA, { path, 3, 5 }, "unknown element <subjet> in <meta>",
                   "did you mean <subject>?" };
    char *got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    char *want = g_strdup_printf("%s:3:5: error: unknown element <subjet> in <meta>\n"
                                 "    3 |     <subjet>Cooperation</subjet>\n"
                                 "      |     ^\n"
                                 "  hint: did you mean <subject>?\n", path);
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);

    /* the file changed after its first excerpt: the cached lines are used */
    g_free(write_tmp("diag-paper.xml", "changed\n"));
    d.hint = NULL;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_non_null(strstr(got, "<subjet>Cooperation"));
    g_free(got);

    /* no excerpt without a column, a line, or with excerpts off */
    d.loc.column = 0;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    want = g_strdup_printf("%s:3: error: unknown element <subjet> in <meta>\n", path);
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);
    d.loc.column = 5;
    msp_diag_style plain = MSP_DIAG_STYLE_DEFAULT;
    plain.excerpt = false;
    got = format(&d, plain);
    assert_null(strstr(got, " | "));
    g_free(got);
    /* a line past the end of the file */
    d.loc.line = 99;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_null(strstr(got, " | "));
    g_free(got);
    msp_diag_cache_clear();
    g_unlink(path);
    g_free(path);
}

static void test_human__unreadable_files_have_no_excerpt(void **state)
{
    (void)state;
    msp_diag d = { MSP_SEV_WARNING, MSP_OK, { MSP_TEST_TMP "/no-such-file.xml", 2, 3 }, "m", NULL };
    char *got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_string_equal(got, MSP_TEST_TMP "/no-such-file.xml:2:3: warning: m\n");
    g_free(got);
    /* a folder */
    d.loc.file = MSP_TEST_TMP;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_null(strstr(got, " | "));
    g_free(got);
    /* a line holding a NUL byte (binary) */
    char *path = g_build_filename(MSP_TEST_TMP, "diag-nul.xml", NULL);
    assert_true(g_file_set_contents(path, "a\nb\0c\n", 6, NULL));
    d.loc.file = path;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_null(strstr(got, " | "));
    g_free(got);
    d.loc.line = 1;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_non_null(strstr(got, "    1 | a\n"));
    g_free(got);
    /* no file at all */
    d.loc = MSP_LOC_NONE;
    got = format(&d, MSP_DIAG_STYLE_DEFAULT);
    assert_string_equal(got, "mspdoc: warning: m\n");
    g_free(got);
    msp_diag_cache_clear();
    g_unlink(path);
    g_free(path);
}

static void test_human__colour(void **state)
{
    (void)state;
    char *path = write_tmp("diag-colour.xml", "<a>\n</b>\n");
    msp_diag d = { MSP_SEV_ERROR, MSP_E_XML, { path, 2, 3 }, "mismatch", "close <a>" };
    msp_diag_style style = MSP_DIAG_STYLE_DEFAULT;
    style.color = true;
    char *got = format(&d, style);
    char *want = g_strdup_printf("\033[1m%s:2:3:\033[0m \033[1;31merror:\033[0m mismatch\n"
                                 "    2 | </b>\n"
                                 "      |   \033[1;31m^\033[0m\n"
                                 "  \033[36mhint:\033[0m close <a>\n", path);
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);
    d.severity = MSP_SEV_WARNING;
    got = format(&d, style);
    assert_non_null(strstr(got, "\033[1;35mwarning:\033[0m mismatch\n"));
    g_free(got);
    msp_diag_cache_clear();
    g_unlink(path);
    g_free(path);
}

static void test_json__one_line_per_diagnostic(void **state)
{
    (void)state;
    msp_diag_style json = { MSP_DIAG_FORMAT_JSON, true, true };
    msp_diag d = { MSP_SEV_ERROR, MSP_E_SCHEMA, { "dir/a \"b\".xml", 9, 5 }, "unknown <x>\n\tline2",
                   NULL };
    char *got = format(&d, json);
    assert_string_equal(got, "{\"file\":\"dir/a \\\"b\\\".xml\",\"line\":9,\"column\":5,\"severity\":\"error\","
                             "\"code\":\"schema\",\"message\":\"unknown <x>\\n\\tline2\",\"hint\":null}\n");
    g_free(got);
    msp_diag w = { MSP_SEV_WARNING, MSP_OK, MSP_LOC_NONE, "m", "h\\" };
    got = format(&w, json);
    assert_string_equal(got, "{\"file\":null,\"line\":0,\"column\":0,\"severity\":\"warning\",\"code\":\"ok\","
                             "\"message\":\"m\",\"hint\":\"h\\\\\"}\n");
    g_free(got);
}

static char *json(const char *s)
{
    GString *out = g_string_new(NULL);
    msp_json_string(out, s);
    return g_string_free(out, FALSE);
}

static void expect_json(const char *in, const char *want)
{
    char *got = json(in);
    assert_string_equal(got, want);
    g_free(got);
}

static void test_json_string__escapes(void **state)
{
    (void)state;
    expect_json("plain", "\"plain\"");
    expect_json(NULL, "\"\"");
    expect_json("q\" b\\ s/", "\"q\\\" b\\\\ s/\"");
    expect_json("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"");
    expect_json("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
    expect_json("é漢\xF0\x9F\x98\x80", "\"é漢\xF0\x9F\x98\x80\"");        /* UTF-8 kept */
    expect_json("\xE2\x80\xA8|\xE2\x80\xA9", "\"\\u2028|\\u2029\"");     /* JavaScript line ends */
    expect_json("caf\xE9!", "\"caf\\ufffd!\"");                          /* invalid byte */
    expect_json("\xE2\x82", "\"\\ufffd\\ufffd\"");                       /* cut sequence */
    GString *out = g_string_new(NULL);
    msp_json_string_or_null(out, NULL);
    msp_json_string_or_null(out, "x");
    assert_string_equal(out->str, "null\"x\"");
    g_string_free(out, TRUE);
}

static void test_style__set_and_get(void **state)
{
    (void)state;
    msp_diag_style s = msp_diag_get_style();
    assert_int_equal(s.format, MSP_DIAG_FORMAT_HUMAN);
    assert_false(s.color);
    assert_true(s.excerpt);
    msp_diag_style j = { MSP_DIAG_FORMAT_JSON, false, false };
    msp_diag_set_style(&j);
    assert_int_equal(msp_diag_get_style().format, MSP_DIAG_FORMAT_JSON);
    /* msp_diag_print follows the style */
    char *path = g_build_filename(MSP_TEST_TMP, "diag-print.txt", NULL);
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    msp_diag d = { MSP_SEV_ERROR, MSP_E_IO, { "x.xml", 0, 0 }, "cannot read", NULL };
    msp_diag_print(f, &d);
    msp_diag_set_style(NULL);
    msp_diag_print(f, &d);
    rewind(f);
    char buf[512] = { 0 };
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, "{\"file\":\"x.xml\",\"line\":0,\"column\":0,\"severity\":\"error\",\"code\":\"io\","
                             "\"message\":\"cannot read\",\"hint\":null}\n"
                             "x.xml: error: cannot read\n");
    g_unlink(path);
    g_free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excerpt__ascii),
        cmocka_unit_test(test_excerpt__utf8_columns_are_characters),
        cmocka_unit_test(test_excerpt__tabs_expand_to_eight),
        cmocka_unit_test(test_excerpt__controls_and_bad_bytes),
        cmocka_unit_test(test_excerpt__long_lines_cut_around_the_column),
        cmocka_unit_test(test_human__excerpt_and_hint),
        cmocka_unit_test(test_human__unreadable_files_have_no_excerpt),
        cmocka_unit_test(test_human__colour),
        cmocka_unit_test(test_json__one_line_per_diagnostic),
        cmocka_unit_test(test_json_string__escapes),
        cmocka_unit_test(test_style__set_and_get),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
