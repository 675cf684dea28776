/* Unit tests for base/sniff.c: each file kind recognised from its bytes,
 * the encodings by byte order mark and NUL pattern, Latin-1 against mixed
 * or truncated UTF-8, and the loaders' one error per kind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/sniff.h"

static msp_sniff_kind kind_of(const char *buf, size_t len)
{
    msp_sniff_result r;
    msp_sniff(buf, len, &r);
    return r.kind;
}

#define KIND(lit) kind_of((lit), sizeof(lit) - 1)

static void test_sniff__office_and_pdf(void **state)
{
    (void)state;
    /* a ZIP local header, then the names its entries carry */
    assert_int_equal(KIND("PK\x03\x04\x14\x00\x00\x00[Content_Types].xml....word/document.xml...."), MSP_SNIFF_DOCX);
    assert_int_equal(KIND("PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text"),
                     MSP_SNIFF_ODT);
    assert_int_equal(KIND("PK\x03\x04\x14\x00\x00\x00x.xml<a/>"), MSP_SNIFF_ZIP);
    assert_int_equal(KIND("PK\x05\x06\x00\x00\x00\x00"), MSP_SNIFF_ZIP);   /* empty archive */
    assert_int_equal(KIND("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), MSP_SNIFF_OLE2);
    assert_int_equal(KIND("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), MSP_SNIFF_PDF);
    assert_int_equal(KIND("{\\rtf1\\ansi hello}"), MSP_SNIFF_RTF);
    /* XML is none of them, nor is a near miss */
    assert_int_equal(KIND("<?xml version=\"1.0\"?>\n<paper/>\n"), MSP_SNIFF_UTF8);
    assert_int_equal(KIND("PK is a text"), MSP_SNIFF_UTF8);
    assert_int_equal(KIND("%PDF"), MSP_SNIFF_UTF8);
    assert_int_equal(KIND(""), MSP_SNIFF_UTF8);
    assert_int_equal(KIND("\xEF\xBB\xBF<a/>"), MSP_SNIFF_UTF8);            /* UTF-8 with a BOM */
}

static void test_sniff__utf16_and_utf32(void **state)
{
    (void)state;
    msp_sniff_result r;
    msp_sniff("\xFF\xFE<\0a\0/\0>\0", 10, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF16LE);
    assert_true(r.bom);
    msp_sniff("\xFE\xFF\0<\0a\0/\0>", 10, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF16BE);
    assert_true(r.bom);
    msp_sniff("<\0?\0x\0m\0l\0 \0", 12, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF16LE);
    assert_false(r.bom);
    msp_sniff("\0<\0?\0x\0m\0l\0 ", 12, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF16BE);
    assert_false(r.bom);
    /* Chinese text in UTF-16LE: NULs only in the markup */
    msp_sniff("<\0p\0>\0\x22\x6f\x57\x5b<\0/\0p\0>\0", 18, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF16LE);
    msp_sniff("\xFF\xFE\0\0<\0\0\0", 8, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF32LE);
    assert_true(r.bom);
    msp_sniff("\0\0\xFE\xFF\0\0\0<", 8, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF32BE);
    msp_sniff("<\0\0\0a\0\0\0/\0\0\0>\0\0\0", 16, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF32LE);
    assert_false(r.bom);
    msp_sniff("\0\0\0<\0\0\0a\0\0\0>", 12, &r);
    assert_int_equal(r.kind, MSP_SNIFF_UTF32BE);
    /* one stray NUL in UTF-8 text is not UTF-16: its place is named */
    const char nul[] = "<a>\n  text\0more</a>\n";
    msp_sniff(nul, sizeof nul - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_NUL);
    assert_int_equal(r.offset, 10);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.column, 7);
}

static void test_sniff__latin1_and_bad_utf8(void **state)
{
    (void)state;
    msp_sniff_result r;
    const char latin1[] = "<a>\n  <b>d\xE9j\xE0 vu</b>\n</a>\n";
    msp_sniff(latin1, sizeof latin1 - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_LATIN1);
    assert_false(r.cp1252);
    assert_int_equal(r.byte, 0xE9);
    assert_int_equal(r.offset, 10);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.column, 7);
    /* curly quotes of Windows-1252 */
    const char cp[] = "<a>\x93quoted\x94 caf\xE9</a>";
    msp_sniff(cp, sizeof cp - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_LATIN1);
    assert_true(r.cp1252);
    assert_int_equal(r.byte, 0x93);
    /* the column counts the UTF-8 characters before the bad byte... but a
     * file with valid UTF-8 characters and bad bytes is of mixed encodings */
    const char mixed[] = "<a>é \xE9</a>";
    msp_sniff(mixed, sizeof mixed - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_BAD_UTF8);
    assert_int_equal(r.line, 1);
    assert_int_equal(r.column, 6);
    /* a sequence cut by the end of the file: truncated, not Latin-1 */
    const char cut[] = "<a>x</a>\xE2\x82";
    msp_sniff(cut, sizeof cut - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_BAD_UTF8);
    /* control bytes: binary, not text */
    const char bin[] = "<a>\x01\x02\xE9</a>";
    msp_sniff(bin, sizeof bin - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_BAD_UTF8);
    /* a byte Windows-1252 leaves undefined */
    const char undef[] = "<a>\x81</a>";
    msp_sniff(undef, sizeof undef - 1, &r);
    assert_int_equal(r.kind, MSP_SNIFF_BAD_UTF8);
}

static void test_sniff_position__characters(void **state)
{
    (void)state;
    int line, col;
    const char s[] = "ab\nééx\n";
    msp_sniff_position(s, sizeof s - 1, 7, &line, &col);   /* the 'x' */
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    msp_sniff_position(s, sizeof s - 1, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    msp_sniff_position(s, sizeof s - 1, 999, &line, &col);  /* clamped to the end */
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
}

/* The one error msp_sniff_check reports, as "line:column message | hint". */
static char *check(const char *buf, size_t len, msp_sniff_input input, msp_status *st)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    *st = msp_sniff_check(&diags, "in.xml", buf, len, input);
    char *out = NULL;
    assert_true(diags.items->len <= 1);
    if (diags.items->len == 1) {
        const msp_diag *d = diags.items->pdata[0];
        assert_int_equal(d->severity, MSP_SEV_ERROR);
        assert_int_equal(d->status, MSP_E_XML);
        assert_string_equal(d->loc.file, "in.xml");
        out = g_strdup_printf("%d:%d %s | %s", d->loc.line, d->loc.column, d->message, d->hint ? d->hint : "");
    }
    msp_diag_list_clear(&diags);
    return out;
}

#define CHECK(lit, input, st) check((lit), sizeof(lit) - 1, (input), (st))

static void test_sniff_check__one_error_each(void **state)
{
    (void)state;
    msp_status st;
    char *m = CHECK("PK\x03\x04word/document.xml", MSP_SNIFF_SOURCE, &st);
    assert_int_equal(st, MSP_E_XML);
    assert_string_equal(m, "0:0 this is a Word document (.docx) | mspdoc reads XML sources: save the paper as XML "
                           "following docs/source-format.md");
    g_free(m);
    m = CHECK("PK\x03\x04word/document.xml", MSP_SNIFF_FO, &st);
    assert_non_null(strstr(m, "Word document (.docx) | mspdoc render reads XSL-FO"));
    g_free(m);
    m = CHECK("%PDF-1.4", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "this is a PDF file"));
    g_free(m);
    m = CHECK("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "old Word document (.doc)"));
    g_free(m);
    m = CHECK("{\\rtf1 x}", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "Rich Text Format"));
    g_free(m);
    m = CHECK("PK\x03\x04x.xml", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "ZIP archive"));
    g_free(m);
    m = CHECK("\xFF\xFE<\0a\0/\0>\0", MSP_SNIFF_SOURCE, &st);
    assert_string_equal(m, "0:0 the file is UTF-16 text (little-endian, with a byte order mark); sources must be "
                           "UTF-8 | convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 in.xml > in.xml.utf8, and "
                           "use that file (or save it as UTF-8 in the editor)");
    g_free(m);
    m = CHECK("<\0a\0/\0>\0", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "without a byte order mark"));
    assert_non_null(strstr(m, "iconv -f UTF-16LE"));
    g_free(m);
    m = CHECK("<\0\0\0a\0\0\0/\0\0\0>\0\0\0", MSP_SNIFF_FO, &st);
    assert_non_null(strstr(m, "UTF-32"));
    g_free(m);
    m = CHECK("<a>\ncaf\xE9</a>", MSP_SNIFF_SOURCE, &st);
    assert_string_equal(m, "2:4 invalid UTF-8 byte 0xE9 at offset 7: the file looks like Latin-1 (ISO-8859-1) "
                           "text, where 0xE9 is 'é' | convert it to UTF-8, e.g. iconv -f latin1 -t utf-8 in.xml "
                           "> in.xml.utf8, and use that file (sources must be UTF-8)");
    g_free(m);
    m = CHECK("<a>\x93x\x94</a>", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "Windows-1252 text, where 0x93 is '\xE2\x80\x9C'"));
    assert_non_null(strstr(m, "iconv -f windows-1252"));
    g_free(m);
    m = CHECK("<a>é\xE9</a>", MSP_SNIFF_SOURCE, &st);
    assert_string_equal(m, "1:5 invalid UTF-8 byte 0xE9 at offset 5 | save the file as UTF-8 (sources must be "
                           "UTF-8; it may also be truncated)");
    g_free(m);
    m = CHECK("<a>\n\0</a>", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "2:1 the file contains a NUL byte at offset 4"));
    g_free(m);
}

static void test_sniff_check__fo_may_be_utf16_or_declare_an_encoding(void **state)
{
    (void)state;
    msp_status st;
    /* XML in UTF-16 is XML: libxml2 reads it */
    assert_null(CHECK("\xFF\xFE<\0a\0/\0>\0", MSP_SNIFF_FO, &st));
    assert_int_equal(st, MSP_OK);
    assert_null(CHECK("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xE9</a>", MSP_SNIFF_FO, &st));
    assert_int_equal(st, MSP_OK);
    /* declared UTF-8 (or nothing) but Latin-1 bytes: named */
    char *m = CHECK("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>caf\xE9</a>", MSP_SNIFF_FO, &st);
    assert_int_equal(st, MSP_E_XML);
    assert_non_null(strstr(m, "2:7 invalid UTF-8 byte 0xE9"));
    assert_non_null(strstr(m, "encoding=\"ISO-8859-1\""));
    g_free(m);
    /* other invalid UTF-8 in FO is left to libxml2's message */
    assert_null(CHECK("<a>é\xE9</a>", MSP_SNIFF_FO, &st));
    assert_int_equal(st, MSP_OK);
    /* a source's declaration does not make Latin-1 acceptable */
    m = CHECK("<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\xE9</a>", MSP_SNIFF_SOURCE, &st);
    assert_non_null(strstr(m, "Latin-1"));
    g_free(m);
    /* plain UTF-8 XML passes both */
    assert_null(CHECK("<?xml version=\"1.0\"?><a>café</a>", MSP_SNIFF_SOURCE, &st));
    assert_int_equal(st, MSP_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sniff__office_and_pdf),
        cmocka_unit_test(test_sniff__utf16_and_utf32),
        cmocka_unit_test(test_sniff__latin1_and_bad_utf8),
        cmocka_unit_test(test_sniff_position__characters),
        cmocka_unit_test(test_sniff_check__one_error_each),
        cmocka_unit_test(test_sniff_check__fo_may_be_utf16_or_declare_an_encoding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
