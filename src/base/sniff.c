/* What a file is, from its bytes (sniff.h): the magic numbers of the file
 * kinds people give instead of XML (a Word document, a PDF), the encodings
 * libxml2 would misreport (UTF-16 and UTF-32 by their byte order mark or
 * NUL pattern, Latin-1 / Windows-1252 by their invalid UTF-8), and the one
 * located error with a hint that the source and FO loaders report for
 * each. Only bytes in the buffer are looked at; nothing is read. */
#include "base/sniff.h"

#include <string.h>

static bool has_prefix(const char *buf, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(buf, magic, n) == 0;
}

static bool contains(const char *buf, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0 || len < n)
        return false;
    for (const char *p = buf, *end = buf + len - n + 1; (p = memchr(p, needle[0], (size_t)(end - p))); p++)
        if (memcmp(p, needle, n) == 0)
            return true;
    return false;
}

void msp_sniff_position(const char *buf, size_t len, size_t off, int *line, int *column)
{
    if (off > len)
        off = len;
    int l = 1;
    size_t bol = 0;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n') {
            l++;
            bol = i + 1;
        }
    int c = 1;
    const char *p = buf + bol, *end = buf + off;
    while (p < end) {
        gunichar u = g_utf8_get_char_validated(p, end - p);
        p = (u == (gunichar)-1 || u == (gunichar)-2) ? p + 1 : g_utf8_next_char(p);
        c++;
    }
    *line = l;
    *column = c;
}

/* UTF-16 or UTF-32 without a byte order mark, by where XML's ASCII markup
 * puts its NUL bytes in the first KiB: the first character (XML starts with
 * '<' or a space) and most of the others are ASCII in that form. */
static msp_sniff_kind nul_pattern(const unsigned char *b, size_t len)
{
    size_t n = len < 1024 ? len : 1024;
    size_t units = n / 4, le32 = 0, be32 = 0;
    for (size_t i = 0; i + 4 <= units * 4; i += 4) {
        le32 += b[i] != 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] == 0;
        be32 += b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 0 && b[i + 3] != 0;
    }
    if (units > 0 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && le32 * 4 >= units * 3)
        return MSP_SNIFF_UTF32LE;
    if (units > 0 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0 && be32 * 4 >= units * 3)
        return MSP_SNIFF_UTF32BE;
    size_t pairs = n / 2, nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i + 2 <= pairs * 2; i += 2) {
        nul_even += b[i] == 0;
        nul_odd += b[i + 1] == 0;
    }
    size_t enough = pairs / 4 > 2 ? pairs / 4 : 2;
    if (pairs > 0 && b[0] != 0 && b[1] == 0 && nul_odd >= enough && nul_even * 8 <= nul_odd)
        return MSP_SNIFF_UTF16LE;
    if (pairs > 0 && b[0] == 0 && b[1] != 0 && nul_even >= enough && nul_odd * 8 <= nul_even)
        return MSP_SNIFF_UTF16BE;
    return MSP_SNIFF_UTF8;
}

/* Windows-1252 leaves these five bytes of 0x80-0x9F undefined. */
static bool cp1252_defined(unsigned char c)
{
    return c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D;
}

/* Invalid UTF-8 from first_bad on: Latin-1 when every byte is text (no NUL,
 * no control but tab and line ends), no valid multi-byte UTF-8 sequence
 * occurs (that would be a file of mixed encodings) and the first bad byte
 * is not a sequence cut by the end of the file (a truncated file). */
static msp_sniff_kind invalid_utf8(const char *buf, size_t len, const char *first_bad, bool *cp1252)
{
    const char *end = buf + len;
    if (g_utf8_get_char_validated(first_bad, end - first_bad) == (gunichar)-2)
        return MSP_SNIFF_BAD_UTF8;
    *cp1252 = false;
    for (const char *p = buf; p < end;) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return MSP_SNIFF_BAD_UTF8;
            p++;
            continue;
        }
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u != (gunichar)-1 && u != (gunichar)-2)
            return MSP_SNIFF_BAD_UTF8;   /* a UTF-8 character: mixed encodings */
        if (c < 0xA0) {
            if (!cp1252_defined(c))
                return MSP_SNIFF_BAD_UTF8;
            *cp1252 = true;
        }
        p++;
    }
    return MSP_SNIFF_LATIN1;
}

void msp_sniff(const char *buf, size_t len, msp_sniff_result *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *b = (const unsigned char *)buf;
    if (has_prefix(buf, len, "PK\x03\x04", 4) || has_prefix(buf, len, "PK\x05\x06", 4) ||
        has_prefix(buf, len, "PK\x07\x08", 4)) {
        if (contains(buf, len, "word/document.xml"))
            out->kind = MSP_SNIFF_DOCX;
        else if (contains(buf, len < 256 ? len : 256, "application/vnd.oasis.opendocument"))
            out->kind = MSP_SNIFF_ODT;
        else
            out->kind = MSP_SNIFF_ZIP;
        return;
    }
    if (has_prefix(buf, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
        out->kind = MSP_SNIFF_OLE2;
        return;
    }
    if (has_prefix(buf, len, "%PDF-", 5)) {
        out->kind = MSP_SNIFF_PDF;
        return;
    }
    if (has_prefix(buf, len, "{\\rtf", 5)) {
        out->kind = MSP_SNIFF_RTF;
        return;
    }
    out->bom = true;
    if (has_prefix(buf, len, "\xFF\xFE\x00\x00", 4)) {
        out->kind = MSP_SNIFF_UTF32LE;
        return;
    }
    if (has_prefix(buf, len, "\x00\x00\xFE\xFF", 4)) {
        out->kind = MSP_SNIFF_UTF32BE;
        return;
    }
    if (has_prefix(buf, len, "\xFF\xFE", 2)) {
        out->kind = MSP_SNIFF_UTF16LE;
        return;
    }
    if (has_prefix(buf, len, "\xFE\xFF", 2)) {
        out->kind = MSP_SNIFF_UTF16BE;
        return;
    }
    out->bom = false;
    out->kind = nul_pattern(b, len);
    if (out->kind != MSP_SNIFF_UTF8)
        return;
    const char *bad = NULL;
    if (g_utf8_validate(buf, (gssize)len, &bad))
        return;
    out->offset = (size_t)(bad - buf);
    out->byte = (unsigned char)*bad;
    msp_sniff_position(buf, len, out->offset, &out->line, &out->column);
    if (*bad == '\0')
        out->kind = MSP_SNIFF_NUL;
    else
        out->kind = invalid_utf8(buf, len, bad, &out->cp1252);
}

/* The encoding the XML declaration names, lower-cased, or NULL. */
static char *declared_encoding(const char *buf, size_t len)
{
    if (has_prefix(buf, len, "\xEF\xBB\xBF", 3)) {
        buf += 3;
        len -= 3;
    }
    if (!has_prefix(buf, len, "<?xml", 5))
        return NULL;
    size_t n = len < 256 ? len : 256;
    const char *end = memchr(buf, '>', n);
    if (!end)
        return NULL;
    for (const char *p = buf + 5; p + 8 < end; p++) {
        if (memcmp(p, "encoding", 8) != 0)
            continue;
        p += 8;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '='))
            p++;
        if (p >= end || (*p != '"' && *p != '\''))
            return NULL;
        const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
        return q ? g_ascii_strdown(p + 1, q - p - 1) : NULL;
    }
    return NULL;
}

/* The file's name as a shell word, quoted only when it needs it. */
static char *shell_word(const char *path)
{
    for (const char *p = path; *p; p++)
        if (!g_ascii_isalnum(*p) && !strchr("._/+-,=@%", *p))
            return g_shell_quote(path);
    return g_strdup(path);
}

/* The Windows-1252 reading of bytes 0x80-0x9F (0 where undefined). */
static const gunichar cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
    0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0, 0x017E, 0x0178,
};

msp_status msp_sniff_check(msp_diag_list *diags, const char *path, const char *buf, size_t len,
                           msp_sniff_input input)
{
    msp_sniff_result r;
    msp_sniff(buf, len, &r);
    if (r.kind == MSP_SNIFF_UTF8)
        return MSP_OK;
    bool source = input == MSP_SNIFF_SOURCE;
    msp_loc file = { path, 0, 0 };
    msp_loc at = { path, r.line, r.column };
    const char *reads = source ? "mspdoc reads XML sources: save the paper as XML following docs/source-format.md"
                               : "mspdoc render reads XSL-FO (XML): give it the .fo file "
                                 "('mspdoc fo SOURCE.xml' makes one from a source)";
    switch (r.kind) {
    case MSP_SNIFF_UTF8:
        return MSP_OK;
    case MSP_SNIFF_DOCX:
        return msp_diag_error(diags, MSP_E_XML, file, reads, "this is a Word document (.docx)");
    case MSP_SNIFF_ODT:
        return msp_diag_error(diags, MSP_E_XML, file, reads, "this is an OpenDocument file (.odt, as LibreOffice saves)");
    case MSP_SNIFF_OLE2:
        return msp_diag_error(diags, MSP_E_XML, file, reads,
                              "this is an old Word document (.doc) or another pre-2007 Microsoft Office file "
                              "(OLE2 compound file)");
    case MSP_SNIFF_RTF:
        return msp_diag_error(diags, MSP_E_XML, file, reads, "this is a Rich Text Format document (.rtf)");
    case MSP_SNIFF_ZIP:
        return msp_diag_error(diags, MSP_E_XML, file,
                              source ? "unpack it (unzip -l lists what it holds) and give the paper's XML "
                                       "source inside (docs/source-format.md)"
                                     : "unpack it (unzip -l lists what it holds) and give the .fo file inside",
                              "this is a ZIP archive, not XML");
    case MSP_SNIFF_PDF:
        return msp_diag_error(diags, MSP_E_XML, file,
                              source ? "mspdoc makes PDFs from XML sources: give the paper's source "
                                       "(docs/source-format.md)"
                                     : "mspdoc render makes PDFs from XSL-FO: give the .fo file (is this "
                                       "the PDF of an earlier run?)",
                              "this is a PDF file, not XML");
    case MSP_SNIFF_UTF16LE:
    case MSP_SNIFF_UTF16BE:
    case MSP_SNIFF_UTF32LE:
    case MSP_SNIFF_UTF32BE: {
        bool utf16 = r.kind == MSP_SNIFF_UTF16LE || r.kind == MSP_SNIFF_UTF16BE;
        if (utf16 && !source)
            return MSP_OK;   /* XML in UTF-16: libxml2 reads it */
        bool le = r.kind == MSP_SNIFF_UTF16LE || r.kind == MSP_SNIFF_UTF32LE;
        const char *name = utf16 ? "UTF-16" : "UTF-32";
        /* with a byte order mark iconv reads it (and drops it); without, it must be told the order */
        char *from = r.bom ? g_strdup(name) : g_strconcat(name, le ? "LE" : "BE", NULL);
        char *word = shell_word(path);
        char *hint = g_strdup_printf("convert it to UTF-8, e.g. iconv -f %s -t UTF-8 %s > %s.utf8, and use "
                                     "that file (or save it as UTF-8 in the editor)", from, word, word);
        msp_status st = msp_diag_error(diags, MSP_E_XML, file, hint, "the file is %s text (%s, %s); %s", name,
                                       le ? "little-endian" : "big-endian",
                                       r.bom ? "with a byte order mark" : "without a byte order mark",
                                       source ? "sources must be UTF-8" : "FO must be UTF-8 or UTF-16");
        g_free(hint);
        g_free(word);
        g_free(from);
        return st;
    }
    case MSP_SNIFF_NUL:
    case MSP_SNIFF_LATIN1:
    case MSP_SNIFF_BAD_UTF8:
        break;
    }
    /* byte-level problems: FO may declare another encoding, which libxml2 reads */
    char *declared = declared_encoding(buf, len);
    bool utf8_declared = !declared || !strcmp(declared, "utf-8") || !strcmp(declared, "utf8");
    g_free(declared);
    if (!source && !utf8_declared)
        return MSP_OK;
    if (r.kind == MSP_SNIFF_NUL)
        return msp_diag_error(diags, MSP_E_XML, at,
                              source ? "remove the NUL byte: a source is UTF-8 text" : "remove the NUL byte: FO is text",
                              "the file contains a NUL byte at offset %zu", r.offset);
    if (r.kind == MSP_SNIFF_BAD_UTF8) {
        if (!source)
            return MSP_OK;   /* libxml2 says where and what */
        return msp_diag_error(diags, MSP_E_XML, at,
                              "save the file as UTF-8 (sources must be UTF-8; it may also be truncated)",
                              "invalid UTF-8 byte 0x%02X at offset %zu", r.byte, r.offset);
    }
    gunichar u = r.byte >= 0xA0 ? r.byte : cp1252_high[r.byte - 0x80];
    char as[8] = { 0 };
    g_unichar_to_utf8(u, as);
    const char *charset = r.cp1252 ? "windows-1252" : "latin1";
    char *word = shell_word(path);
    char *hint = source ? g_strdup_printf("convert it to UTF-8, e.g. iconv -f %s -t utf-8 %s > %s.utf8, and use "
                                          "that file (sources must be UTF-8)", charset, word, word)
                        : g_strdup_printf("convert it to UTF-8, e.g. iconv -f %s -t utf-8 %s > %s.utf8, or "
                                          "declare the encoding it is in: <?xml version=\"1.0\" encoding=\"%s\"?>",
                                          charset, word, word, r.cp1252 ? "windows-1252" : "ISO-8859-1");
    msp_status st = msp_diag_error(diags, MSP_E_XML, at, hint,
                                   "invalid UTF-8 byte 0x%02X at offset %zu: the file looks like %s text, where "
                                   "0x%02X is '%s'",
                                   r.byte, r.offset, r.cp1252 ? "Windows-1252" : "Latin-1 (ISO-8859-1)", r.byte, as);
    g_free(hint);
    g_free(word);
    return st;
}
