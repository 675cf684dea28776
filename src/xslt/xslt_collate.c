/* Alphabetical order per language for the stylesheets: the XPath extension
 * function l:sort-key(text, lang) (l = urn:x-mspdoc:lang) returns the ICU
 * collation key of text in lang's order, hex-encoded, so that xsl:sort's
 * plain code-point comparison of the keys sorts as the language does
 * (Allemagne, Belgique, Cambodge, Japon, Pérou; Camerún, Dinamarca, Suiza,
 * Türkiye). ICU (libicu) is the kept library for the Unicode Collation
 * Algorithm with per-language tailorings; byte order is wrong for accented
 * and non-Latin names. Arabic names are ordered without their definite article
 * "ال" (الدانمرك under د, الكاميرون under ك: تركيا، الدانمرك، سويسرا، الكاميرون),
 * as Arabic lists of States are (docs/format-choices.md, "Arabic"). */
#include "xslt/xslt_private.h"

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <string.h>
#include <unicode/ucol.h>

/* text without a leading Arabic definite article "ال" (alef, lam) when lang is
 * Arabic and a letter follows it; else text itself */
static const char *without_arabic_article(const char *text, const char *lang)
{
    static const char article[] = "\u0627\u0644";
    if (!lang || strncmp(lang, "ar", 2) != 0 || (lang[2] && lang[2] != '-' && lang[2] != '_'))
        return text;
    size_t n = strlen(article);
    if (strncmp(text, article, n) != 0 || !g_unichar_isalpha(g_utf8_get_char(text + n)))
        return text;
    return text + n;
}

/* The collators of this thread by language: opening one costs more than
 * the keys of a whole list, and a UCollator is not for two threads at once.
 * A NULL value: the language has no tailoring and the root collation failed. */
static void collators_free(gpointer table)
{
    g_hash_table_destroy(table);
}

static void collator_close(gpointer coll)
{
    if (coll)
        ucol_close(coll);
}

static GPrivate collators = G_PRIVATE_INIT(collators_free);

static UCollator *collator_for(const char *lang)
{
    GHashTable *t = g_private_get(&collators);
    if (!t) {
        t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, collator_close);
        g_private_set(&collators, t);
    }
    gpointer coll = NULL;
    if (g_hash_table_lookup_extended(t, lang, NULL, &coll))
        return coll;
    UErrorCode err = U_ZERO_ERROR;
    UCollator *c = ucol_open(lang, &err);
    if (U_FAILURE(err) || !c) {
        /* no tailoring: the root collation still orders accents correctly */
        err = U_ZERO_ERROR;
        c = ucol_open("", &err);
        if (U_FAILURE(err))
            c = NULL;
    }
    g_hash_table_insert(t, g_strdup(lang), c);
    return c;
}

char *msp_xslt_collation_key(const char *text, const char *lang)
{
    static const char digits[] = "0123456789abcdef";
    text = without_arabic_article(text, lang);
    UCollator *coll = collator_for(lang && *lang ? lang : "en");
    if (!coll)
        return g_strdup(text);
    glong n16 = 0;
    gunichar2 *u16 = g_utf8_to_utf16(text, -1, NULL, &n16, NULL);
    if (!u16)
        return g_strdup(text);
    uint8_t stack[256];
    int32_t need = ucol_getSortKey(coll, (const UChar *)u16, (int32_t)n16, stack, (int32_t)sizeof stack);
    uint8_t *key = stack;
    if (need > (int32_t)sizeof stack) {
        key = g_malloc((gsize)need + 1);
        ucol_getSortKey(coll, (const UChar *)u16, (int32_t)n16, key, need + 1);
    }
    char *hex = g_malloc((gsize)need * 2 + 1), *h = hex;
    for (int32_t i = 0; i < need && key[i]; i++) {
        *h++ = digits[key[i] >> 4];
        *h++ = digits[key[i] & 15];
    }
    *h = '\0';
    if (key != stack)
        g_free(key);
    g_free(u16);
    return hex;
}

static void sort_key_fn(xmlXPathParserContextPtr ctxt, int nargs)
{
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    xmlChar *lang = xmlXPathPopString(ctxt);
    xmlChar *text = xmlXPathPopString(ctxt);
    if (xmlXPathCheckError(ctxt)) {
        xmlFree(lang);
        xmlFree(text);
        return;
    }
    char *key = msp_xslt_collation_key(text ? (const char *)text : "", lang ? (const char *)lang : "");
    xmlXPathReturnString(ctxt, xmlStrdup((const xmlChar *)key));
    g_free(key);
    xmlFree(lang);
    xmlFree(text);
}

void msp_xslt_register_lang_functions(void)
{
    xsltRegisterExtModuleFunction((const xmlChar *)"sort-key", (const xmlChar *)MSP_XSLT_LANG_NS, sort_key_fn);
}
