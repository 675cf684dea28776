/* What a finished PDF says of itself (pdf_finish_private.h): the
 * --pdf-standard values, the Info dictionary and the XMP packet written
 * from the same values (so they agree by construction), with the PDF/A
 * and PDF/UA identification, and the page labels. */
#include "render/pdf_finish_private.h"

#include <string.h>

static void xml_text(GString *o, const char *s)
{
    char *e = g_markup_escape_text(s, -1);
    g_string_append(o, e);
    g_free(e);
}

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

char *msp_pdf_xmp(const msp_pdf_info *info, const char *producer, msp_pdf_standard std)
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
        xml_text(x, info->title);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (info->author && *info->author) {
        g_string_append(x, " <dc:creator><rdf:Seq><rdf:li>");
        xml_text(x, info->author);
        g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (info->subject && *info->subject) {
        g_string_append(x, " <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        xml_text(x, info->subject);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (info->lang && *info->lang) {
        g_string_append(x, " <dc:language><rdf:Bag><rdf:li>");
        xml_text(x, info->lang);
        g_string_append(x, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (info->keywords && *info->keywords) {
        g_string_append(x, " <pdf:Keywords>");
        xml_text(x, info->keywords);
        g_string_append(x, "</pdf:Keywords>\n");
    }
    g_string_append(x, " <pdf:Producer>");
    xml_text(x, producer);
    g_string_append(x, "</pdf:Producer>\n");
    if (info->creator && *info->creator) {
        g_string_append(x, " <xmp:CreatorTool>");
        xml_text(x, info->creator);
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

static void info_entry(GString *o, const char *key, const char *value)
{
    if (!value || !*value)
        return;
    g_string_append_printf(o, " /%s ", key);
    msp_pdf_put_text(o, value);
}

void msp_pdf_info_dict(GString *o, const msp_pdf_info *info, const char *producer)
{
    char *date = info->date ? pdf_date(info->date) : NULL;
    g_string_append(o, "<<");
    info_entry(o, "Title", info->title);
    info_entry(o, "Author", info->author);
    info_entry(o, "Subject", info->subject);
    info_entry(o, "Keywords", info->keywords);
    info_entry(o, "Creator", info->creator);
    info_entry(o, "Producer", producer);
    info_entry(o, "CreationDate", date);
    info_entry(o, "ModDate", date);
    g_string_append(o, " >>");
    g_free(date);
}

/* /PageLabels when the printed numbers are not 1, 2, 3...: a range starts
 * where the style or the sequence breaks. Appends " /PageLabels ..." to o. */
void msp_pdf_page_labels(GString *o, const msp_pdf_label *labels, int n, int n_pages)
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
                msp_pdf_put_text(o, t);
            }
            g_string_append(o, " >>");
        }
        prev_style = style;
        prev = k;
    }
    g_string_append(o, " ] >>");
}
