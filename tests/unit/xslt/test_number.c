/* Unit tests for the numbering pass: paragraph numbers restart at each annex,
 * unnumbered paragraphs are skipped, notes count through the document, and
 * the numbers equal what xsl:number level="any" gives on the same source. */
#include "xslt/xslt_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <string.h>

#define SRC "<paper xmlns='urn:x-mspdoc:paper:1' xmlns:n='urn:x-mspdoc:number'><meta><title>T<note>a</note></title></meta>" \
            "<body><chapter><p id='a'>one<note>b</note></p><p numbered='no' n:p='99'>x</p>" \
            "<section><p id='b'>two</p><p id='c' n:p='7'>three<note>c</note><note>d</note></p></section></chapter>" \
            "<annex><p id='d'>A1<note>e</note></p><p id='e'>A2</p></annex>" \
            "<annex><chapter><p id='f'>B1</p></chapter></annex></body></paper>"

static xmlDoc *parse(const char *text)
{
    xmlDoc *d = xmlReadMemory(text, (int)strlen(text), "t.xml", NULL, XML_PARSE_NONET);
    assert_non_null(d);
    return d;
}

/* "id=number;" for each p, "note=number;" for each note, in document order */
static void collect(xmlNode *n, GString *out)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *attr = strcmp((const char *)n->name, "p") == 0 ? "p" : strcmp((const char *)n->name, "note") == 0 ? "note" : NULL;
        if (attr) {
            xmlChar *v = xmlGetNsProp(n, (const xmlChar *)attr, (const xmlChar *)MSP_XSLT_NUMBER_NS);
            xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
            g_string_append_printf(out, "%s%s=%s;", attr, id ? (const char *)id : "", v ? (const char *)v : "-");
            xmlFree(v);
            xmlFree(id);
        }
        collect(n->children, out);
    }
}

static void numbers_in_document_order(void **state)
{
    (void)state;
    xmlDoc *d = parse(SRC);
    msp_xslt_number_source(d);
    GString *s = g_string_new(NULL);
    collect(xmlDocGetRootElement(d), s);
    assert_string_equal(s->str, "note=1;pa=1;note=2;p=-;pb=2;pc=3;note=3;note=4;pd=1;note=5;pe=2;pf=1;");
    /* a second pass leaves the same numbers */
    msp_xslt_number_source(d);
    g_string_truncate(s, 0);
    collect(xmlDocGetRootElement(d), s);
    assert_string_equal(s->str, "note=1;pa=1;note=2;p=-;pb=2;pc=3;note=3;note=4;pd=1;note=5;pe=2;pf=1;");
    g_string_free(s, TRUE);
    xmlFreeDoc(d);
}

/* the same numbers as the stylesheets' fallback, xsl:number level="any" */
static void equals_xsl_number(void **state)
{
    (void)state;
    static const char xsl[] =
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' "
        "xmlns:p='urn:x-mspdoc:paper:1' xmlns:n='urn:x-mspdoc:number'><xsl:output method='text'/>"
        "<xsl:template match='/'><xsl:for-each select='//p:p[not(@numbered=\"no\")]|//p:note'>"
        "<xsl:variable name='x'><xsl:choose><xsl:when test='self::p:p'>"
        "<xsl:number count='p:p[not(@numbered = \"no\")]' level='any' from='p:annex'/></xsl:when>"
        "<xsl:otherwise><xsl:number count='p:note' level='any'/></xsl:otherwise></xsl:choose></xsl:variable>"
        "<xsl:if test='string($x) != string(@n:p|@n:note)'>MISMATCH <xsl:value-of select='concat(name(), \" \", $x)'/>;</xsl:if>"
        "<xsl:value-of select='$x'/>,</xsl:for-each></xsl:template></xsl:stylesheet>";
    xmlDoc *sd = parse(xsl);
    xsltStylesheetPtr style = xsltParseStylesheetDoc(sd);
    assert_non_null(style);
    xmlDoc *d = parse(SRC);
    msp_xslt_number_source(d);
    xmlDoc *res = xsltApplyStylesheet(style, d, NULL);
    assert_non_null(res);
    xmlChar *text = NULL;
    int len = 0;
    assert_int_equal(xsltSaveResultToString(&text, &len, res, style), 0);
    assert_non_null(text);
    assert_string_equal((const char *)text, "1,1,2,2,3,3,4,1,5,2,1,");
    xmlFree(text);
    xmlFreeDoc(res);
    xmlFreeDoc(d);
    xsltFreeStylesheet(style);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_in_document_order),
        cmocka_unit_test(equals_xsl_number),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xsltCleanupGlobals();
    xmlCleanupParser();
    return rc;
}
