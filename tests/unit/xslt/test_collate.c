/* Unit tests for the alphabetical order of the stylesheets' l:sort-key: ICU
 * collation keys sort State names as each language does (accents and
 * language tailorings, not byte order), and the function works inside a
 * real transform's xsl:sort. */
#include "xslt/xslt_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

typedef struct keyed {
    const char *name;
    char *key;
} keyed;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* sorts names (in place) by their keys in lang, returns them joined by ", " (owned) */
static char *sorted(const char *lang, const char **names, size_t n)
{
    keyed *k = g_new0(keyed, n);
    for (size_t i = 0; i < n; i++) {
        k[i].name = names[i];
        k[i].key = msp_xslt_collation_key(names[i], lang);
    }
    qsort(k, n, sizeof *k, by_key);
    GString *s = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", k[i].name);
        g_free(k[i].key);
    }
    g_free(k);
    return g_string_free(s, FALSE);
}

static void test_collate__french_order(void **state)
{
    /* byte order would put "Pérou" after "Pologne" and "Égypte" after "Zambie" */
    const char *names[] = { "Pologne", "Pérou", "Japon", "Zambie", "Égypte", "Allemagne", "Cambodge", "Belgique" };
    char *got = sorted("fr", names, G_N_ELEMENTS(names));
    assert_string_equal(got, "Allemagne, Belgique, Cambodge, Égypte, Japon, Pérou, Pologne, Zambie");
    g_free(got);
}

static void test_collate__spanish_order(void **state)
{
    const char *names[] = { "Türkiye", "Suiza", "Dinamarca", "Camerún", "Ñandú", "Nigeria", "Omán" };
    char *got = sorted("es", names, G_N_ELEMENTS(names));
    /* Spanish sorts ñ as a letter after n */
    assert_string_equal(got, "Camerún, Dinamarca, Nigeria, Ñandú, Omán, Suiza, Türkiye");
    g_free(got);
}

static void test_collate__english_and_unknown_language(void **state)
{
    const char *names[] = { "Türkiye", "Switzerland", "Denmark", "Cameroon", "Tunisia" };
    char *got = sorted("en", names, G_N_ELEMENTS(names));
    assert_string_equal(got, "Cameroon, Denmark, Switzerland, Tunisia, Türkiye");
    g_free(got);
    /* an empty language falls back to the root order, still accent-aware */
    const char *fr[] = { "Égypte", "Espagne", "Erythrée" };
    got = sorted("", fr, G_N_ELEMENTS(fr));
    assert_string_equal(got, "Égypte, Erythrée, Espagne");
    g_free(got);
}

static void test_collate__arabic_without_article(void **state)
{
    /* the committee of the sample report: "ال" is not sorted on (under د and ك) */
    const char *names[] = { "الكاميرون", "سويسرا", "الدانمرك", "تركيا" };
    char *got = sorted("ar", names, G_N_ELEMENTS(names));
    assert_string_equal(got, "تركيا, الدانمرك, سويسرا, الكاميرون");
    g_free(got);
    /* a name that is only the article, or begins with alef-lam without being one, is kept whole;
       other languages sort on the article */
    const char *few[] = { "الجزائر", "ال", "ألمانيا" };
    got = sorted("ar", few, G_N_ELEMENTS(few));
    assert_string_equal(got, "ال, ألمانيا, الجزائر");
    g_free(got);
    got = sorted("fr", names, G_N_ELEMENTS(names));
    assert_string_equal(got, "الدانمرك, الكاميرون, تركيا, سويسرا");
    g_free(got);
}

static void test_collate__inside_a_transform(void **state)
{
    msp_xslt_register_lang_functions();
    const char *xsl =
        "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' xmlns:l='urn:x-mspdoc:lang'>"
        "<xsl:output method='text'/>"
        "<xsl:template match='/'><xsl:for-each select='//s'><xsl:sort select=\"l:sort-key(., 'fr')\"/>"
        "<xsl:value-of select='.'/>;</xsl:for-each></xsl:template></xsl:stylesheet>";
    const char *src = "<r><s>Pérou</s><s>Pologne</s><s>Allemagne</s><s>Équateur</s></r>";
    xmlDoc *sd = xmlReadMemory(xsl, (int)strlen(xsl), "t.xsl", NULL, XML_PARSE_NONET);
    xmlDoc *d = xmlReadMemory(src, (int)strlen(src), "t.xml", NULL, XML_PARSE_NONET);
    assert_non_null(sd);
    assert_non_null(d);
    xsltStylesheetPtr style = xsltParseStylesheetDoc(sd);
    assert_non_null(style);
    xmlDoc *res = xsltApplyStylesheet(style, d, NULL);
    assert_non_null(res);
    xmlChar *out = NULL;
    int len = 0;
    xsltSaveResultToString(&out, &len, res, style);
    assert_string_equal((const char *)out, "Allemagne;Équateur;Pérou;Pologne;");
    xmlFree(out);
    xmlFreeDoc(res);
    xmlFreeDoc(d);
    xsltFreeStylesheet(style);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_collate__french_order),
        cmocka_unit_test(test_collate__spanish_order),
        cmocka_unit_test(test_collate__english_and_unknown_language),
        cmocka_unit_test(test_collate__arabic_without_article),
        cmocka_unit_test(test_collate__inside_a_transform),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
