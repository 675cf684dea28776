/* The PDF for the record (pdf_finish.h): cairo's output read back with
 * libqpdf (its C API), the structure tree and artifacts of pdf_struct.c
 * written in, the catalog, Info and XMP completed, and the file written
 * again with deterministic ids. The content streams are scanned (not
 * reparsed into objects) only to find cairo's marked-content openings,
 * "/Span << /MCID n >> BDC": real content keeps a (renumbered) MCID under
 * its element's type, artifacts become "/Artifact << /Type ... >> BDC". */
#include "render/pdf_finish.h"

#include "render/icc.h"
#include "render/pdf_write.h"

#include <libdeflate.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

bool msp_pdf_standard_parse(const char *s, msp_pdf_standard *out)
{
    if (!s)
        return false;
    msp_pdf_standard r = { false, 0 };
    if (strcmp(s, "none") == 0) {
        *out = r;
        return true;
    }
    char **parts = g_strsplit(s, ",", -1);
    bool ok = parts[0] != NULL;
    for (int i = 0; parts[i] && ok; i++) {
        const char *p = g_strstrip(parts[i]);
        if (strcmp(p, "ua-1") == 0 && !r.ua)
            r.ua = true;
        else if (g_str_has_prefix(p, "a-2") && strlen(p) == 4 && strchr("abu", p[3]) && !r.pdfa)
            r.pdfa = p[3];
        else
            ok = false;
    }
    g_strfreev(parts);
    if (ok)
        *out = r;
    return ok;
}

bool msp_pdf_standard_tagged(msp_pdf_standard std)
{
    return std.ua || std.pdfa == 'a';
}

const char *msp_pdf_standard_name(msp_pdf_standard std)
{
    if (std.ua) {
        switch (std.pdfa) {
        case 'a': return "ua-1,a-2a";
        case 'b': return "ua-1,a-2b";
        case 'u': return "ua-1,a-2u";
        default: return "ua-1";
        }
    }
    switch (std.pdfa) {
    case 'a': return "a-2a";
    case 'b': return "a-2b";
    case 'u': return "a-2u";
    default: return "none";
    }
}

/* --- PDF syntax --- */

/* A text string: PDFDocEncoding-safe ASCII as a literal, else UTF-16BE hex. */
static void put_text(GString *o, const char *utf8)
{
    bool ascii = true;
    for (const char *p = utf8; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
            ascii = false;
    if (ascii) {
        g_string_append_c(o, '(');
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                g_string_append_c(o, '\\');
            g_string_append_c(o, *p);
        }
        g_string_append_c(o, ')');
        return;
    }
    g_string_append(o, "<FEFF");
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(o, "%04X", u[i]);
    g_free(u);
    g_string_append_c(o, '>');
}

/* A name: regular characters as they are, the rest as #xx. */
static void put_name(GString *o, const char *name)
{
    g_string_append_c(o, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("#()<>[]{}/%", *p))
            g_string_append_c(o, (char)*p);
        else
            g_string_append_printf(o, "#%02X", *p);
    }
}

static void put_xml(GString *o, const char *s)
{
    char *e = g_markup_escape_text(s, -1);
    g_string_append(o, e);
    g_free(e);
}

/* --- content streams --- */

static bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_delim(char c)
{
    return is_ws(c) || strchr("()<>[]{}/%", c);
}

static size_t skip_ws(const char *d, size_t n, size_t i)
{
    while (i < n && is_ws(d[i]))
        i++;
    return i;
}

static bool lit(const char *d, size_t n, size_t *i, const char *word)
{
    size_t k = strlen(word);
    if (*i + k > n || memcmp(d + *i, word, k) != 0)
        return false;
    *i += k;
    return true;
}

/* At d[i] == '/': "/Name << /MCID n >> BDC"? Sets *mcid and *end. */
static bool match_mcid(const char *d, size_t n, size_t i, int *mcid, size_t *end)
{
    size_t j = i + 1;
    while (j < n && !is_delim(d[j]))
        j++;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "<<"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "/MCID"))
        return false;
    j = skip_ws(d, n, j);
    int v = 0, digits = 0;
    while (j < n && d[j] >= '0' && d[j] <= '9' && digits < 9) {
        v = v * 10 + (d[j++] - '0');
        digits++;
    }
    if (!digits)
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, ">>"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "BDC") || (j < n && !is_delim(d[j])))
        return false;
    *mcid = v;
    *end = j;
    return true;
}

static const char *artifact_props(msp_artifact a)
{
    switch (a) {
    case MSP_ART_HEADER: return "<< /Type /Pagination /Subtype /Header >>";
    case MSP_ART_FOOTER: return "<< /Type /Pagination /Subtype /Footer >>";
    case MSP_ART_WATERMARK: return "<< /Type /Pagination /Subtype /Watermark >>";
    case MSP_ART_PAGINATION: return "<< /Type /Pagination >>";
    default: return "<< /Type /Layout >>";
    }
}

/* Copies the content d[0..n) into o with cairo's openings rewritten: the
 * sequence with cairo's MCID k is page->mcs[k]; renum[k] gets its new MCID
 * (-1 for an artifact). strip (an untagged file): every opening and EMC is
 * left out instead. Returns the number of openings seen, or -1 when one
 * names an MCID the page does not have. */
static int rewrite_content(GString *o, const char *d, size_t n, const msp_struct_page *pg,
                           int *renum, bool strip)
{
    size_t i = 0, from = 0;
    int seen = 0, next = 0;
    while (i < n) {
        char c = d[i];
        if (c == '(') {           /* literal string: nested parentheses, escapes */
            int depth = 0;
            for (; i < n; i++) {
                if (d[i] == '\\') {
                    i++;
                    continue;
                }
                if (d[i] == '(')
                    depth++;
                else if (d[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        if (c == '<' && i + 1 < n && d[i + 1] == '<') {   /* a dictionary */
            i += 2;
            continue;
        }
        if (c == '<') {   /* hex string */
            while (i < n && d[i] != '>')
                i++;
            i++;
            continue;
        }
        if (c == '%') {
            while (i < n && d[i] != '\n' && d[i] != '\r')
                i++;
            continue;
        }
        if (c == 'I' && i + 2 < n && d[i + 1] == 'D' && is_ws(d[i + 2]) &&
            (i == 0 || is_ws(d[i - 1]))) {
            /* inline image data: up to "EI" between white space */
            i += 3;
            while (i + 2 < n && !(is_ws(d[i - 1]) && d[i] == 'E' && d[i + 1] == 'I' &&
                                  (i + 2 >= n || is_ws(d[i + 2]))))
                i++;
            i += 2;
            continue;
        }
        int mcid;
        size_t end;
        if (c == '/' && match_mcid(d, n, i, &mcid, &end)) {
            if (mcid < 0 || (guint)mcid >= pg->mcs->len)
                return -1;
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, mcid);
            g_string_append_len(o, d + from, (gssize)(i - from));
            if (strip) {
                renum[mcid] = -1;
            } else if (mc->elem) {
                renum[mcid] = next;
                put_name(o, mc->elem->role ? mc->elem->role : mc->elem->type);
                g_string_append_printf(o, " << /MCID %d >> BDC", next++);
            } else {
                renum[mcid] = -1;
                g_string_append_printf(o, "/Artifact %s BDC", artifact_props(mc->art));
            }
            seen++;
            i = from = end;
            continue;
        }
        if (strip && c == 'E' && i + 3 <= n && memcmp(d + i, "EMC", 3) == 0 &&
            (i == 0 || is_ws(d[i - 1])) && (i + 3 == n || is_delim(d[i + 3]))) {
            g_string_append_len(o, d + from, (gssize)(i - from));
            i = from = i + 3;
            continue;
        }
        i++;
    }
    g_string_append_len(o, d + from, (gssize)(n - from));
    return seen;
}

/* "2025-10-08T00:00:00Z" -> "D:20251008000000Z" */
static char *pdf_date(const char *iso)
{
    char d[15] = { 0 };
    int k = 0;
    for (const char *p = iso; *p && k < 14; p++)
        if (g_ascii_isdigit(*p))
            d[k++] = *p;
    return g_strdup_printf("D:%sZ", d);
}

static char *xmp_packet(const msp_pdf_info *info, const char *producer, msp_pdf_standard std)
{
    GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                              "<rdf:Description rdf:about=\"\"\n"
                              "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                              "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                              "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                              "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                              "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                              "  xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                              "  xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                              "  xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                              " <dc:format>application/pdf</dc:format>\n");
    if (info->title && *info->title) {
        g_string_append(x, " <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(x, info->title);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (info->author && *info->author) {
        g_string_append(x, " <dc:creator><rdf:Seq><rdf:li>");
        put_xml(x, info->author);
        g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (info->subject && *info->subject) {
        g_string_append(x, " <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(x, info->subject);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (info->lang && *info->lang) {
        g_string_append(x, " <dc:language><rdf:Bag><rdf:li>");
        put_xml(x, info->lang);
        g_string_append(x, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (info->keywords && *info->keywords) {
        g_string_append(x, " <pdf:Keywords>");
        put_xml(x, info->keywords);
        g_string_append(x, "</pdf:Keywords>\n");
    }
    g_string_append(x, " <pdf:Producer>");
    put_xml(x, producer);
    g_string_append(x, "</pdf:Producer>\n");
    if (info->creator && *info->creator) {
        g_string_append(x, " <xmp:CreatorTool>");
        put_xml(x, info->creator);
        g_string_append(x, "</xmp:CreatorTool>\n");
    }
    if (info->date && *info->date)
        g_string_append_printf(x, " <xmp:CreateDate>%s</xmp:CreateDate>\n"
                                  " <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                                  " <xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                               info->date, info->date, info->date);
    if (std.pdfa)
        g_string_append_printf(x, " <pdfaid:part>2</pdfaid:part>\n"
                                  " <pdfaid:conformance>%c</pdfaid:conformance>\n",
                               g_ascii_toupper(std.pdfa));
    if (std.ua) {
        g_string_append(x, " <pdfuaid:part>1</pdfuaid:part>\n");
        /* PDF/A-2 knows only its predefined schemas: pdfuaid is described */
        if (std.pdfa)
            g_string_append(x,
                " <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                "  <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
                "  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                "  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                "  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                "   <pdfaProperty:name>part</pdfaProperty:name>\n"
                "   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                "   <pdfaProperty:category>internal</pdfaProperty:category>\n"
                "   <pdfaProperty:description>the part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
                "  </rdf:li></rdf:Seq></pdfaSchema:property>\n"
                " </rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
    }
    g_string_append(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    return g_string_free(x, FALSE);
}


/* --- the finished file --- */

typedef struct finish {
    msp_job *job;
    qpdf_data q;                 /* cairo's file, read (lazily) only */
    msp_pdf_standard std;
    msp_struct *tags;
    bool tagged;
    msp_pdf_writer *w;
    int n_pages;
    int *page_obj;               /* object number of each page */
    int **renum;                 /* per page: cairo MCID -> ours (-1: none) */
    GArray **annots;             /* per page: object numbers of its annotations */
    GString *o;                  /* scratch */
    GHashTable *written;         /* object of cairo's -> the text it was rewritten with */
    struct libdeflate_decompressor *inflater;
    char *error;                 /* first failure */
    bool user_error;             /* the failure is the machine's (a missing profile), not a bug */
} finish;

static void fail(finish *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(finish *f, const char *fmt, ...)
{
    if (f->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    f->error = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

static bool qpdf_failed(finish *f, const char *what)
{
    if (!qpdf_has_error(f->q))
        return false;
    qpdf_error e = qpdf_get_error(f->q);
    fail(f, "%s: %s", what, e ? qpdf_get_error_full_text(f->q, e) : "libqpdf failed");
    return true;
}

/* The end of the PDF object that starts at t[i] (in text libqpdf wrote:
 * a dictionary, array, string, name, or a number, a reference "n g R",
 * true, false, null). */
static size_t object_end(const char *t, size_t i)
{
    if (t[i] == '(') {
        int depth = 0;
        for (; t[i]; i++) {
            if (t[i] == '\\' && t[i + 1]) {
                i++;
                continue;
            }
            if (t[i] == '(')
                depth++;
            else if (t[i] == ')' && --depth == 0)
                return i + 1;
        }
        return i;
    }
    if (t[i] == '<' && t[i + 1] != '<') {
        while (t[i] && t[i] != '>')
            i++;
        return t[i] ? i + 1 : i;
    }
    if ((t[i] == '<' && t[i + 1] == '<') || t[i] == '[') {
        int depth = 0;
        while (t[i]) {
            if (t[i] == '(' || (t[i] == '<' && t[i + 1] != '<')) {
                i = object_end(t, i);
                continue;
            }
            if (t[i] == '<' && t[i + 1] == '<') {
                depth++;
                i += 2;
            } else if (t[i] == '>' && t[i + 1] == '>') {
                depth--;
                i += 2;
            } else if (t[i] == '[') {
                depth++;
                i++;
            } else if (t[i] == ']') {
                depth--;
                i++;
            } else {
                i++;
            }
            if (depth == 0)
                return i;
        }
        return i;
    }
    size_t j = i + (t[i] == '/');
    while (t[j] && !is_delim(t[j]))
        j++;
    /* "n g R": two integers and R */
    size_t k = skip_ws(t, strlen(t), j);
    if (g_ascii_isdigit(t[i]) && g_ascii_isdigit(t[k])) {
        size_t m = k;
        while (g_ascii_isdigit(t[m]))
            m++;
        size_t r = skip_ws(t, strlen(t), m);
        if (t[r] == 'R' && is_delim(t[r + 1]))
            return r + 1;
    }
    return j;
}

/* Appends the entries of dictionary d as PDF syntax ("/Key value ..."),
 * leaving out the keys in skip (NULL-terminated, with their slash). The
 * dictionary's text comes from libqpdf in one call and is filtered here:
 * libqpdf's key iteration costs a hundred times more. */
static void copy_keys(finish *f, qpdf_oh d, GString *o, const char *const *skip)
{
    const char *t = qpdf_oh_is_stream(f->q, d) ? NULL : qpdf_oh_unparse_resolved(f->q, d);
    if (!t || t[0] != '<' || t[1] != '<')
        return;
    size_t n = strlen(t), i = 2;
    for (;;) {
        i = skip_ws(t, n, i);
        if (i >= n || t[i] != '/')
            break;   /* ">>" */
        size_t k = i + 1;
        while (k < n && !is_delim(t[k]))
            k++;
        size_t v = skip_ws(t, n, k);
        size_t e = object_end(t, v);
        bool drop = false;
        for (const char *const *s = skip; s && *s && !drop; s++)
            drop = strlen(*s) == k - i && memcmp(*s, t + i, k - i) == 0;
        if (!drop) {
            g_string_append_c(o, ' ');
            g_string_append_len(o, t + i, (gssize)(e - i));
        }
        i = e;
    }
}

static void write_object(finish *f, int num, const GString *body)
{
    msp_pdf_writer_object(f->w, num, body->str, body->len);
}

/* An object of cairo's rewritten: written, and kept to follow its references. */
static void rewrite_object(finish *f, int num, const GString *body)
{
    write_object(f, num, body);
    g_hash_table_insert(f->written, GINT_TO_POINTER(num), g_strdup(body->str));
}

/* A page's content, decoded: cairo's one Flate stream inflated with
 * libdeflate (several times faster than the zlib behind libqpdf), any
 * other through libqpdf. *buf is malloc'd. */
static bool read_content(finish *f, qpdf_oh page, int cobj, unsigned char **buf, size_t *len)
{
    qpdf_oh c = qpdf_get_object_by_id(f->q, cobj, 0);
    qpdf_oh d = qpdf_oh_get_dict(f->q, c);
    qpdf_oh filter = qpdf_oh_get_key(f->q, d, "/Filter");
    bool flate = qpdf_oh_is_name_and_equals(f->q, filter, "/FlateDecode") &&
                 !qpdf_oh_has_key(f->q, d, "/DecodeParms");
    qpdf_oh_release(f->q, filter);
    qpdf_oh_release(f->q, d);
    bool ok = false;
    unsigned char *raw = NULL;
    size_t rlen = 0;
    QPDF_BOOL filtered = QPDF_FALSE;
    if (flate && f->inflater &&
        qpdf_oh_get_stream_data(f->q, c, qpdf_dl_none, &filtered, &raw, &rlen) == QPDF_SUCCESS) {
        size_t cap = rlen * 8 + 4096;
        for (int tries = 0; tries < 6 && !ok; tries++, cap *= 4) {
            unsigned char *out = malloc(cap);
            size_t got = 0;
            enum libdeflate_result r = out ? libdeflate_zlib_decompress(f->inflater, raw, rlen, out, cap, &got)
                                           : LIBDEFLATE_BAD_DATA;
            if (r == LIBDEFLATE_SUCCESS) {
                *buf = out;
                *len = got;
                ok = true;
            } else {
                free(out);
                if (r != LIBDEFLATE_INSUFFICIENT_SPACE)
                    break;
            }
        }
    }
    free(raw);
    qpdf_oh_release(f->q, c);
    if (!ok && qpdf_oh_get_page_content_data(f->q, page, buf, len) == QPDF_SUCCESS && *buf)
        ok = true;
    return ok;
}

/* Each page's content with cairo's marks rewritten (tagged: MCIDs of the
 * structure, artifacts marked; untagged: no marks), the page with its
 * /StructParents and /Tabs. Annotations are written by do_annots. */
static void do_pages(finish *f)
{
    const GArray *pages = msp_struct_pages(f->tags);
    if ((int)pages->len != f->n_pages) {
        fail(f, "%d pages in the file but %u drawn", f->n_pages, pages->len);
        return;
    }
    static const char *const page_skip[] = { "/StructParents", "/Tabs", NULL };
    GString *content = g_string_new(NULL);
    for (int i = 0; i < f->n_pages && !f->error; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        qpdf_oh page = qpdf_get_page_n(f->q, (size_t)i);
        f->page_obj[i] = qpdf_oh_get_object_id(f->q, page);
        f->annots[i] = g_array_new(FALSE, FALSE, sizeof(int));
        qpdf_oh an = qpdf_oh_get_key(f->q, page, "/Annots");
        int na = qpdf_oh_is_array(f->q, an) ? qpdf_oh_get_array_n_items(f->q, an) : 0;
        for (int k = 0; k < na; k++) {
            qpdf_oh a = qpdf_oh_get_array_item(f->q, an, k);
            int id = qpdf_oh_get_object_id(f->q, a);
            g_array_append_val(f->annots[i], id);
            qpdf_oh_release(f->q, a);
        }
        qpdf_oh_release(f->q, an);
        if ((int)pg->links->len != na) {
            fail(f, "page %d has %d link annotations but %u links were drawn", i + 1, na,
                 pg->links->len);
            break;
        }
        qpdf_oh c = qpdf_oh_get_key(f->q, page, "/Contents");
        int cobj = qpdf_oh_is_stream(f->q, c) ? qpdf_oh_get_object_id(f->q, c) : 0;
        qpdf_oh_release(f->q, c);
        if (cobj <= 0) {
            fail(f, "page %d has no single content stream", i + 1);
            break;
        }
        unsigned char *buf = NULL;
        size_t len = 0;
        if (!read_content(f, page, cobj, &buf, &len)) {
            if (!qpdf_failed(f, "reading a page's content"))
                fail(f, "cannot read the content of page %d", i + 1);
            break;
        }
        f->renum[i] = g_new(int, pg->mcs->len ? pg->mcs->len : 1);
        g_string_truncate(content, 0);
        int seen = rewrite_content(content, (const char *)buf, len, pg, f->renum[i], !f->tagged);
        free(buf);
        if (seen != (int)pg->mcs->len) {
            fail(f, "page %d: %d marked-content sequences in the file, %u drawn", i + 1, seen,
                 pg->mcs->len);
            break;
        }
        msp_pdf_writer_stream(f->w, cobj, "", (const guint8 *)content->str, content->len, true);
        g_string_assign(f->o, "<<");
        copy_keys(f, page, f->o, page_skip);
        if (f->tagged) {
            g_string_append_printf(f->o, " /StructParents %d", i);
            if (na > 0)
                g_string_append(f->o, " /Tabs /S");
        }
        g_string_append(f->o, " >>");
        rewrite_object(f, f->page_obj[i], f->o);
        qpdf_oh_release(f->q, page);
    }
    g_string_free(content, TRUE);
}

static const char *link_contents(const msp_struct_elem *e)
{
    if (e && e->alt && *e->alt)
        return e->alt;
    if (e && e->text) {
        g_strstrip(e->text->str);
        e->text->len = strlen(e->text->str);
        if (e->text->len)
            return e->text->str;
    }
    return "Link";
}

/* The annotations: printable (PDF/A 6.3.2), with their text as /Contents
 * (PDF/UA 7.18.1) and, tagged, the parent-tree key of their Link. Returns
 * the next key (from first). */
static int do_annots(finish *f, const int *elem_obj, int first, GString *nums)
{
    static const char *const skip[] = { "/StructParent", "/Contents", "/F", NULL };
    const GArray *pages = msp_struct_pages(f->tags);
    int key = first;
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        for (guint k = 0; k < pg->links->len; k++) {
            const msp_struct_elem *e = g_ptr_array_index(pg->links, k);
            int id = g_array_index(f->annots[i], int, k);
            qpdf_oh a = qpdf_get_object_by_id(f->q, id, 0);
            g_string_assign(f->o, "<<");
            copy_keys(f, a, f->o, skip);
            qpdf_oh_release(f->q, a);
            g_string_append(f->o, " /F 4 /Contents ");
            put_text(f->o, link_contents(e));
            if (f->tagged && e && elem_obj) {
                g_string_append_printf(f->o, " /StructParent %d", key);
                g_string_append_printf(nums, " %d %d 0 R", key++, elem_obj[e->id]);
            }
            g_string_append(f->o, " >>");
            rewrite_object(f, id, f->o);
        }
    }
    return key;
}

/* The structure tree: one object per element, the root with the parent
 * tree, the role map and the IDTree of the notes. Returns the root's
 * object number, or 0. */
static int do_tree(finish *f)
{
    msp_struct_sort(f->tags);
    const GPtrArray *elems = msp_struct_elems(f->tags);
    const GArray *pages = msp_struct_pages(f->tags);
    int n = (int)elems->len;
    if (n == 0) {
        fail(f, "nothing was drawn as structure content");
        return 0;
    }
    int *obj = g_new(int, n);
    for (int i = 0; i < n; i++)
        obj[i] = msp_pdf_writer_alloc(f->w);
    int root_obj = msp_pdf_writer_alloc(f->w);
    GString *rolemap = g_string_new(NULL), *ids = g_string_new(NULL);
    GHashTable *roles = g_hash_table_new(g_str_hash, g_str_equal);
    GString *o = f->o;
    for (int i = 0; i < n; i++) {
        const msp_struct_elem *e = g_ptr_array_index(elems, i);
        g_string_assign(o, "<< /Type /StructElem /S ");
        put_name(o, e->role ? e->role : e->type);
        if (e->role && !g_hash_table_contains(roles, e->role)) {
            g_hash_table_add(roles, (gpointer)e->role);
            g_string_append_c(rolemap, ' ');
            put_name(rolemap, e->role);
            g_string_append_c(rolemap, ' ');
            put_name(rolemap, e->type);
        }
        g_string_append_printf(o, " /P %d 0 R", e->parent ? obj[e->parent->id] : root_obj);
        /* /Pg: the page of its first marked content, whose MCIDs are plain numbers */
        int pg = -1;
        for (guint k = 0; k < e->kids->len && pg < 0; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            if (kid->kind != MSP_KID_ELEM)
                pg = kid->page;
        }
        if (pg >= 0)
            g_string_append_printf(o, " /Pg %d 0 R", f->page_obj[pg]);
        g_string_append(o, " /K [");
        for (guint k = 0; k < e->kids->len; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            switch (kid->kind) {
            case MSP_KID_ELEM:
                g_string_append_printf(o, " %d 0 R", obj[kid->elem->id]);
                break;
            case MSP_KID_MCID: {
                int m = f->renum[kid->page] ? f->renum[kid->page][kid->index] : -1;
                if (m >= 0 && kid->page == pg)
                    g_string_append_printf(o, " %d", m);
                else if (m >= 0)
                    g_string_append_printf(o, " << /Type /MCR /Pg %d 0 R /MCID %d >>",
                                           f->page_obj[kid->page], m);
                break;
            }
            case MSP_KID_ANNOT:
                if ((guint)kid->index < f->annots[kid->page]->len)
                    g_string_append_printf(o, " << /Type /OBJR /Pg %d 0 R /Obj %d 0 R >>",
                                           f->page_obj[kid->page],
                                           g_array_index(f->annots[kid->page], int, kid->index));
                break;
            }
        }
        g_string_append(o, " ]");
        if (e->lang) {
            g_string_append(o, " /Lang ");
            put_text(o, e->lang);
        }
        if (e->alt && strcmp(e->type, "Figure") == 0) {
            g_string_append(o, " /Alt ");
            put_text(o, e->alt);
        }
        if (strcmp(e->type, "Note") == 0) {
            /* PDF/UA 7.9: notes have identifiers (in the IDTree); ids sort as written */
            char id[32];
            g_snprintf(id, sizeof id, "note-%08d", e->id);
            g_string_append_printf(o, " /ID (%s)", id);
            g_string_append_printf(ids, " (%s) %d 0 R", id, obj[i]);
        }
        g_string_append(o, " >>");
        write_object(f, obj[i], o);
    }

    /* parent tree: page i -> its MCIDs' elements; then one key per annotation */
    GString *nums = g_string_new(NULL);
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        g_string_append_printf(nums, " %d [", i);
        for (guint m = 0; m < pg->mcs->len; m++) {
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, m);
            if (f->renum[i][m] >= 0)
                g_string_append_printf(nums, " %d 0 R", obj[mc->elem->id]);
        }
        g_string_append(nums, " ]");
    }
    int key = do_annots(f, obj, f->n_pages, nums);
    g_string_printf(o, "<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTreeNextKey %d"
                       " /ParentTree << /Nums [%s ] >>", obj[0], key, nums->str);
    if (rolemap->len)
        g_string_append_printf(o, " /RoleMap <<%s >>", rolemap->str);
    if (ids->len)
        g_string_append_printf(o, " /IDTree << /Names [%s ] >>", ids->str);
    g_string_append(o, " >>");
    write_object(f, root_obj, o);
    g_hash_table_destroy(roles);
    g_string_free(rolemap, TRUE);
    g_string_free(ids, TRUE);
    g_string_free(nums, TRUE);
    g_free(obj);
    return root_obj;
}

static void info_entry(GString *o, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    g_string_append_printf(o, " /%s ", key);
    put_text(o, value);
}

/* A new Info dictionary from info (so that XMP and Info agree by
 * construction). Returns its object number. */
static int do_info(finish *f, const msp_pdf_info *info, const char *producer)
{
    char *date = info->date ? pdf_date(info->date) : NULL;
    g_string_assign(f->o, "<<");
    info_entry(f->o, "Title", info->title);
    info_entry(f->o, "Author", info->author);
    info_entry(f->o, "Subject", info->subject);
    info_entry(f->o, "Keywords", info->keywords);
    info_entry(f->o, "Creator", info->creator);
    info_entry(f->o, "Producer", producer);
    info_entry(f->o, "CreationDate", date);
    info_entry(f->o, "ModDate", date);
    g_string_append(f->o, " >>");
    g_free(date);
    int num = msp_pdf_writer_alloc(f->w);
    write_object(f, num, f->o);
    return num;
}

/* PDF/A-2: the sRGB output intent (returns the intent's object number, or
 * 0), images not interpolated. */
static int do_pdfa(finish *f)
{
    gsize len = 0;
    const guint8 *icc = NULL;
    char *why = NULL;
    if (!msp_icc_srgb(&icc, &len, &why)) {
        fail(f, "%s", why);
        f->user_error = true;
        g_free(why);
        return 0;
    }
    int icc_obj = msp_pdf_writer_alloc(f->w);
    msp_pdf_writer_stream(f->w, icc_obj, "/N 3", icc, len, true);
    int oi = msp_pdf_writer_alloc(f->w);
    g_string_printf(f->o, "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
                          "(sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R >>",
                    icc_obj);
    write_object(f, oi, f->o);

    /* images (and their soft masks) with /Interpolate: redefined without it */
    static const char *const skip[] = { "/Interpolate", "/Length", NULL };
    GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (int i = 0; i < f->n_pages && !f->error; i++) {
        qpdf_oh page = qpdf_get_page_n(f->q, (size_t)i);
        qpdf_oh res = qpdf_oh_get_key(f->q, page, "/Resources");
        qpdf_oh xo = qpdf_oh_get_key(f->q, res, "/XObject");
        GArray *todo = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
        if (qpdf_oh_is_dictionary(f->q, xo)) {
            GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
            qpdf_oh_begin_dict_key_iter(f->q, xo);
            while (qpdf_oh_dict_more_keys(f->q))
                g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(f->q)));
            for (guint k = 0; k < keys->len; k++) {
                qpdf_oh x = qpdf_oh_get_key(f->q, xo, g_ptr_array_index(keys, k));
                g_array_append_val(todo, x);
                qpdf_oh d = qpdf_oh_is_stream(f->q, x) ? qpdf_oh_get_dict(f->q, x) : 0;
                qpdf_oh sm = d ? qpdf_oh_get_key(f->q, d, "/SMask") : 0;
                if (sm && qpdf_oh_is_stream(f->q, sm))
                    g_array_append_val(todo, sm);
            }
            g_ptr_array_free(keys, TRUE);
        }
        for (guint k = 0; k < todo->len; k++) {
            qpdf_oh x = g_array_index(todo, qpdf_oh, k);
            if (!qpdf_oh_is_stream(f->q, x))
                continue;
            qpdf_oh d = qpdf_oh_get_dict(f->q, x);
            int num = qpdf_oh_get_object_id(f->q, x);
            if (!qpdf_oh_has_key(f->q, d, "/Interpolate") || num <= 0 ||
                g_hash_table_contains(done, GINT_TO_POINTER(num)))
                continue;
            g_hash_table_add(done, GINT_TO_POINTER(num));
            unsigned char *raw = NULL;
            size_t rlen = 0;
            QPDF_BOOL filtered = QPDF_FALSE;
            if (qpdf_oh_get_stream_data(f->q, x, qpdf_dl_none, &filtered, &raw, &rlen) != QPDF_SUCCESS) {
                free(raw);
                qpdf_failed(f, "reading an image");
                break;
            }
            g_string_truncate(f->o, 0);
            copy_keys(f, d, f->o, skip);
            msp_pdf_writer_stream(f->w, num, f->o->str, raw, rlen, false);
            g_hash_table_insert(f->written, GINT_TO_POINTER(num), g_strdup(f->o->str));
            free(raw);
        }
        g_array_free(todo, TRUE);
    }
    g_hash_table_destroy(done);
    return oi;
}

/* /PageLabels when the printed numbers are not 1, 2, 3...: a range starts
 * where the style or the sequence breaks. Appends " /PageLabels ..." to o. */
static void do_labels(GString *o, const msp_pdf_label *labels, int n, int n_pages)
{
    bool plain = true;
    for (int i = 0; i < n && plain; i++) {
        char want[16];
        g_snprintf(want, sizeof want, "%d", i + 1);
        plain = labels[i].text && strcmp(labels[i].text, want) == 0;
    }
    if (plain || n != n_pages)
        return;
    static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                     "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
                                     "xix", "xx" };
    g_string_append(o, " /PageLabels << /Nums [");
    char prev_style = 0;
    int prev = 0;
    for (int i = 0; i < n; i++) {
        const char *t = labels[i].text ? labels[i].text : "";
        int k = labels[i].number;
        char style = 0, dec[16];
        g_snprintf(dec, sizeof dec, "%d", k);
        if (strcmp(t, dec) == 0) {
            style = 'D';
        } else if (k >= 1 && k <= 20) {
            char *up = g_ascii_strup(r[k - 1], -1);
            style = strcmp(t, r[k - 1]) == 0 ? 'r' : strcmp(t, up) == 0 ? 'R' : 0;
            g_free(up);
        }
        if (!(i > 0 && style && style == prev_style && k == prev + 1)) {
            g_string_append_printf(o, " %d <<", i);
            if (style) {
                g_string_append_printf(o, " /S /%c /St %d", style, k > 0 ? k : 1);
            } else {
                g_string_append(o, " /P ");
                put_text(o, t);
            }
            g_string_append(o, " >>");
        }
        prev_style = style;
        prev = k;
    }
    g_string_append(o, " ] >>");
}

/* The catalog, redefined with what the standard needs. */
static void do_catalog(finish *f, const msp_pdf_info *info, int tree, int metadata, int intent,
                       const msp_pdf_label *labels, int n_labels)
{
    static const char *const skip[] = { "/StructTreeRoot", "/MarkInfo", "/Lang", "/ViewerPreferences",
                                        "/Metadata", "/OutputIntents", "/PageLabels", "/Version", NULL };
    qpdf_oh root = qpdf_get_root(f->q);
    int num = qpdf_oh_get_object_id(f->q, root);
    g_string_assign(f->o, "<<");
    copy_keys(f, root, f->o, skip);
    if (f->tagged || f->std.pdfa)
        g_string_append(f->o, " /Version /1.7");
    if (tree)
        g_string_append_printf(f->o, " /StructTreeRoot %d 0 R /MarkInfo << /Marked true >>"
                                     " /ViewerPreferences << /DisplayDocTitle true >>", tree);
    if (info->lang && *info->lang) {
        g_string_append(f->o, " /Lang ");
        put_text(f->o, info->lang);
    }
    if (metadata)
        g_string_append_printf(f->o, " /Metadata %d 0 R", metadata);
    if (intent)
        g_string_append_printf(f->o, " /OutputIntents [ %d 0 R ]", intent);
    do_labels(f->o, labels, n_labels, f->n_pages);
    g_string_append(f->o, " >>");
    rewrite_object(f, num, f->o);
}

/* The "N G R" references in PDF syntax text go on todo (strings and names
 * are skipped, so that text in them is never taken for a reference). */
static void refs_in(const char *t, GQueue *todo)
{
    gint64 nums[2] = { -1, -1 };   /* the last two integers, when they came last */
    for (const char *p = t; *p;) {
        char c = *p;
        if (c == '(') {
            int depth = 0;
            for (; *p; p++) {
                if (*p == '\\' && p[1]) {
                    p++;
                    continue;
                }
                if (*p == '(')
                    depth++;
                else if (*p == ')' && --depth == 0) {
                    p++;
                    break;
                }
            }
            nums[0] = nums[1] = -1;
        } else if (c == '<' && p[1] == '<') {   /* a dictionary, not a hex string */
            p += 2;
            nums[0] = nums[1] = -1;
        } else if (c == '<') {
            while (*p && *p != '>')
                p++;
            if (*p)
                p++;
            nums[0] = nums[1] = -1;
        } else if (c == '/') {
            p++;
            while (*p && !is_delim(*p))
                p++;
            nums[0] = nums[1] = -1;
        } else if (c >= '0' && c <= '9' && (p == t || is_delim(p[-1]))) {
            gint64 v = 0;
            const char *q = p;
            while (*q >= '0' && *q <= '9' && q - p < 12)
                v = v * 10 + (*q++ - '0');
            if (*q == '.' || !(is_delim(*q))) {   /* a real number or something else */
                while (*q && !is_delim(*q))
                    q++;
                nums[0] = nums[1] = -1;
            } else {
                nums[0] = nums[1];
                nums[1] = v;
            }
            p = q;
        } else if (c == 'R' && is_delim(p[1]) && (p == t || is_delim(p[-1])) && nums[0] > 0 &&
                   nums[1] == 0) {
            g_queue_push_tail(todo, GINT_TO_POINTER((int)nums[0]));
            nums[0] = nums[1] = -1;
            p++;
        } else {
            if (!is_ws(c))
                nums[0] = nums[1] = -1;
            p++;
        }
    }
}

/* Copies every object of cairo's file the catalog reaches (but its
 * structure tree, which is replaced or dropped) that is not written yet:
 * streams with their encoded data, the rest as they are. The objects
 * rewritten already are followed through the text they were written with. */
static void copy_reachable(finish *f)
{
    static const char *const len_key[] = { "/Length", NULL };
    GQueue todo = G_QUEUE_INIT;
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_queue_push_tail(&todo, GINT_TO_POINTER(qpdf_oh_get_object_id(f->q, qpdf_get_root(f->q))));
    while (!g_queue_is_empty(&todo) && !f->error) {
        int id = GPOINTER_TO_INT(g_queue_pop_head(&todo));
        if (id <= 0 || g_hash_table_contains(seen, GINT_TO_POINTER(id)))
            continue;
        g_hash_table_add(seen, GINT_TO_POINTER(id));
        const char *text = g_hash_table_lookup(f->written, GINT_TO_POINTER(id));
        if (text) {
            refs_in(text, &todo);
            continue;
        }
        if (msp_pdf_writer_has(f->w, id))
            continue;   /* one of ours: it refers to pages and annotations only */
        qpdf_oh h = qpdf_get_object_by_id(f->q, id, 0);
        if (qpdf_oh_is_stream(f->q, h)) {
            unsigned char *raw = NULL;
            size_t rlen = 0;
            QPDF_BOOL filtered = QPDF_FALSE;
            if (qpdf_oh_get_stream_data(f->q, h, qpdf_dl_none, &filtered, &raw, &rlen) != QPDF_SUCCESS) {
                free(raw);
                qpdf_failed(f, "copying a stream");
                qpdf_oh_release(f->q, h);
                break;
            }
            qpdf_oh d = qpdf_oh_get_dict(f->q, h);
            g_string_truncate(f->o, 0);
            copy_keys(f, d, f->o, len_key);
            qpdf_oh_release(f->q, d);
            msp_pdf_writer_stream(f->w, id, f->o->str, raw, rlen, false);
            free(raw);
            refs_in(f->o->str, &todo);
        } else if (!qpdf_oh_is_null(f->q, h)) {
            g_string_assign(f->o, qpdf_oh_unparse_resolved(f->q, h));
            write_object(f, id, f->o);
            refs_in(f->o->str, &todo);
        }
        qpdf_oh_release(f->q, h);
    }
    g_queue_clear(&todo);
    g_hash_table_destroy(seen);
}

msp_status msp_pdf_finish(msp_job *job, const char *where, const guint8 *in, gsize len,
                          msp_pdf_standard std, msp_struct *tags, const msp_pdf_info *info,
                          const msp_pdf_label *labels, int n_labels, GByteArray **out)
{
    *out = NULL;
    finish f = { .job = job, .std = std, .tags = tags, .tagged = msp_pdf_standard_tagged(std) };
    f.o = g_string_new(NULL);
    f.written = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    f.inflater = libdeflate_alloc_decompressor();
    f.q = qpdf_init();
    qpdf_silence_errors(f.q);
    qpdf_set_suppress_warnings(f.q, QPDF_TRUE);
    if (!tags)
        fail(&f, "no structure was recorded");
    else if (qpdf_read_memory(f.q, where, (const char *)in, (unsigned long long)len, NULL) & QPDF_ERRORS)
        qpdf_failed(&f, "reading cairo's output back");
    else if (qpdf_more_warnings(f.q))
        /* what is copied must be sound */
        fail(&f, "cairo's file is damaged: %s",
             qpdf_get_error_full_text(f.q, qpdf_next_warning(f.q)));
    int size = 0;
    if (!f.error) {
        f.n_pages = qpdf_get_num_pages(f.q);
        qpdf_oh sz = qpdf_oh_get_key(f.q, qpdf_get_trailer(f.q), "/Size");
        size = qpdf_oh_is_integer(f.q, sz) ? qpdf_oh_get_int_value_as_int(f.q, sz) : 0;
        if (f.n_pages < 0 || size <= 0)
            fail(&f, "cairo's file has no pages or no /Size");
    }
    if (!f.error) {
        f.w = msp_pdf_writer_new(f.tagged || std.pdfa ? "1.7" : "1.5", size);
        f.page_obj = g_new0(int, f.n_pages ? f.n_pages : 1);
        f.renum = g_new0(int *, f.n_pages ? f.n_pages : 1);
        f.annots = g_new0(GArray *, f.n_pages ? f.n_pages : 1);
        do_pages(&f);
    }
    int tree = 0, metadata = 0, intent = 0, info_obj = 0;
    char *producer = g_strdup_printf("mspdoc %s (cairo %s)", MSP_VERSION, cairo_version_string());
    if (!f.error && f.tagged)
        tree = do_tree(&f);
    else if (!f.error) {
        GString *unused = g_string_new(NULL);
        do_annots(&f, NULL, 0, unused);
        g_string_free(unused, TRUE);
    }
    if (!f.error && !qpdf_failed(&f, "reading the pages"))
        info_obj = do_info(&f, info, producer);
    if (!f.error && (f.tagged || std.pdfa)) {
        char *xmp = xmp_packet(info, producer, std);
        metadata = msp_pdf_writer_alloc(f.w);
        msp_pdf_writer_stream(f.w, metadata, "/Type /Metadata /Subtype /XML", (const guint8 *)xmp,
                              strlen(xmp), false);
        g_free(xmp);
    }
    if (!f.error && std.pdfa)
        intent = do_pdfa(&f);
    if (!f.error && !qpdf_failed(&f, "reading the file's objects"))
        do_catalog(&f, info, tree, metadata, intent, labels, n_labels);
    if (!f.error && !qpdf_failed(&f, "reading the catalog"))
        copy_reachable(&f);
    if (!f.error && !qpdf_failed(&f, "copying the objects")) {
        int root = qpdf_oh_get_object_id(f.q, qpdf_get_root(f.q));
        char *keys = g_strdup_printf("/Root %d 0 R /Info %d 0 R", root, info_obj);
        *out = msp_pdf_writer_finish(f.w, keys);
        f.w = NULL;
        g_free(keys);
    }
    g_free(producer);
    msp_status st = MSP_OK;
    if (f.error)
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, ((msp_loc){ where, 0, 0 }),
                            f.user_error ? "or choose a --pdf-standard without PDF/A (ua-1, none)"
                                         : "this is a bug in mspdoc: report it with the input",
                            "cannot finish the PDF as %s: %s", msp_pdf_standard_name(std), f.error);
    for (int i = 0; i < f.n_pages; i++) {
        if (f.renum)
            g_free(f.renum[i]);
        if (f.annots && f.annots[i])
            g_array_free(f.annots[i], TRUE);
    }
    msp_pdf_writer_free(f.w);
    g_free(f.renum);
    g_free(f.annots);
    g_free(f.page_obj);
    g_free(f.error);
    g_string_free(f.o, TRUE);
    g_hash_table_destroy(f.written);
    if (f.inflater)
        libdeflate_free_decompressor(f.inflater);
    qpdf_cleanup(&f.q);
    return st;
}
