/* Unit tests for the typography pass (src/xslt/typo.h), with the rules the
 * project ships in data/labels.xml: each rule on plain text, "no rule inside
 * a URL or a symbol", the languages that do not take a rule, and on small FO
 * trees the label at a sentence start, the note call, superscripts as
 * fo:inline, t:verbatim, a block in another language and the marks removed. */
#include "xslt/typo.h"

#include <glib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#define NB "\xc2\xa0"        /* U+00A0 no-break space */
#define NN "\xe2\x80\xaf"    /* U+202F narrow no-break space */
#define AP "\xe2\x80\x99"    /* U+2019 apostrophe */

static msp_typo *typo;

static int setup(void **state)
{
    (void)state;
    const char *root = g_getenv("MSP_ROOT") ? g_getenv("MSP_ROOT") : MSP_TEST_DATA "/../..";
    char *labels = g_build_filename(root, "data", "labels.xml", NULL);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    typo = msp_typo_load(&diags, labels);
    g_free(labels);
    int problems = (int)diags.items->len;
    msp_diag_list_clear(&diags);
    return problems;
}

static int teardown(void **state)
{
    (void)state;
    msp_typo_free(typo);
    return 0;
}

static void check(const char *lang, const char *in, const char *want)
{
    char *got = msp_typo_text(typo, lang, in);
    if (strcmp(got, want) != 0)
        fail_msg("[%s] '%s'\n   got  '%s'\n   want '%s'", lang ? lang : "-", in, got, want);
    g_free(got);
}

/* --- French --- */

static void test_fr_colon(void **state)
{
    (void)state;
    check("fr", "Original : anglais", "Original" NB ": anglais");
    check("fr", "Original: anglais", "Original" NB ": anglais");      /* inserted */
    check("fr", "comme suit :", "comme suit" NB ":");
    check("fr", "comme suit\n   : a", "comme suit" NB ": a");          /* a run of spaces is one */
    check("fr", "à 10:30 heures", "à 10:30 heures");                    /* not a clause */
    check("fr", ": début", ": début");                                  /* nothing before it */
}

static void test_fr_narrow(void **state)
{
    (void)state;
    check("fr", "vrai ; faux", "vrai" NN "; faux");
    check("fr", "Quoi?", "Quoi" NN "?");
    check("fr", "Vraiment !", "Vraiment" NN "!");
    check("fr", "Quoi ?!", "Quoi" NN "?!");                             /* one space, before the first */
    check("fr", "(2 décembre 2025) ; publié", "(2" NB "décembre 2025)" NN "; publié");
    check("fr", "vrai" NB "; faux", "vrai" NN "; faux");                /* a typed NBSP corrected */
}

static void test_fr_guillemets(void **state)
{
    (void)state;
    check("fr", "« Financer la lutte »", "«" NB "Financer la lutte" NB "»");
    check("fr", "«Financer»", "«" NB "Financer" NB "»");
    check("fr", "« Quoi ? »", "«" NB "Quoi" NN "?" NB "»");
}

static void test_fr_apostrophes(void **state)
{
    (void)state;
    check("fr", "l'article d'appui aujourd'hui", "l" AP "article d" AP "appui aujourd" AP "hui");
    check("fr", "'cité'", "'cité" AP);                                  /* after a letter only */
    check("en", "the State's report", "the State's report");           /* English: as typed */
}

static void test_fr_ordinals(void **state)
{
    (void)state;
    check("fr", "Genève, 1er-5 décembre", "Genève, 1^{er}-5" NB "décembre");
    check("fr", "la 22e Assemblée", "la 22^{e} Assemblée");
    check("fr", "la 1re séance, les 2es", "la 1^{re} séance, les 2^{es}");
    check("fr", "le 1er décembre", "le 1^{er}" NB "décembre");         /* and kept with the month */
    check("fr", "2e5 et 12345e", "2e5 et 12345e");                      /* not ordinals */
    check("fr", "A22e et 22ème", "A22e et 22ème");
    check("en", "the 22e", "the 22e");                                  /* French only */
}

/* --- Spanish --- */

static void test_es_marks(void **state)
{
    (void)state;
    check("es", "¿ Qué pasa ?", "¿Qué pasa?");
    check("es", "¡ Hola !", "¡Hola!");
    check("es", "¿Qué?", "¿Qué?");
    check("es", "? al principio", "? al principio");                    /* nothing to close on */
}

static void test_es_ordinals(void **state)
{
    (void)state;
    check("es", "la 22.ª Reunión y el 5.º informe", "la 22ª Reunión y el 5º informe");
    check("es", "la 42ª Reunión", "la 42ª Reunión");
    check("es", "el tema 3.a", "el tema" NB "3.a");                      /* a letter, not an ordinal */
}

/* --- every language --- */

static void test_day_month(void **state)
{
    (void)state;
    check("en", "on 26 May 2025", "on 26" NB "May 2025");
    check("en", "from 25-29 November", "from 25-29" NB "November");
    check("en", "26 Mayhem", "26 Mayhem");                              /* a whole word only */
    check("en", "in 2025 May", "in 2025 May");                          /* a day has two digits */
    check("fr", "le 8 octobre", "le 8" NB "octobre");
    check("es", "el 8 de octubre de 2025", "el 8" NB "de" NB "octubre de 2025");
    check("es", "el 8 de la mañana", "el 8 de la mañana");
    check("de", "am 8 Oktober", "am 8 Oktober");                        /* no month names: no rule */
}

#define WJ "\xe2\x81\xa0"    /* U+2060 word joiner */

static void test_arabic_month_pairs(void **state)
{
    (void)state;
    /* a month of two words and a pair of names: one unit, the day kept with it */
    check("ar", "في 8 تشرين الأول/أكتوبر 2025", "في 8" NB "تشرين" NB "الأول/" WJ "أكتوبر 2025");
    check("ar", "من كانون الثاني/يناير حتى", "من كانون" NB "الثاني/" WJ "يناير حتى");
    check("ar", "حزيران/يونيه", "حزيران/" WJ "يونيه");
    check("ar", "آب/أغسطس، ثم", "آب/" WJ "أغسطس، ثم");                 /* an Arabic comma after it */
    check("ar", "حزيران/يونيهات", "حزيران/يونيهات");                 /* a whole word only */
    check("ar", "انظر https://example.org/أيار/مايو", "انظر https://example.org/أيار/مايو");   /* no month inside a URL */
    check("en", "and/or May", "and/or May");                            /* one-word months: no rule */
}

static void test_noun_number(void **state)
{
    (void)state;
    check("en", "under Article 7 and paragraph 5 of Action 12", "under Article" NB "7 and paragraph" NB "5 of Action" NB "12");
    check("en", "agenda item 9, No. 3", "agenda item" NB "9, No." NB "3");
    check("en", "the Article applies", "the Article applies");          /* no number */
    check("en", "Articles 4 and 5", "Articles" NB "4 and 5");
    check("fr", "l'article 5 et le paragraphe 12", "l" AP "article" NB "5 et le paragraphe" NB "12");
    check("es", "el artículo 7 y la medida 3", "el artículo" NB "7 y la medida" NB "3");
    check("en", "Particle 7", "Particle 7");                            /* whole words */
}

static void test_verbatim_words(void **state)
{
    (void)state;
    /* no rule inside a URL, an e-mail address or a symbol; the sentence around them still gets its rules */
    check("fr", "voir https://www.example.org/a?b=c:d;e ; puis", "voir https://www.example.org/a?b=c:d;e" NN "; puis");
    check("fr", "la cote APLC/MSP.22/2025/22 ; puis", "la cote APLC/MSP.22/2025/22" NN "; puis");
    check("fr", "écrire à isu@example.org : merci", "écrire à isu@example.org" NB ": merci");
    check("fr", "www.example.org l'a", "www.example.org l" AP "a");
    check("fr", "l'adresse http://x.org/l'a.", "l" AP "adresse http://x.org/l'a.");
    check("en", "see www.apminebanconvention.org 26 May", "see www.apminebanconvention.org 26" NB "May");
}

/* --- on FO trees --- */

static const char *fo_head =
    "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' xmlns:t='" MSP_TYPO_NS "' language='fr'>";

static xmlDoc *apply(const char *body)
{
    char *text = g_strconcat(fo_head, body, "</fo:root>", NULL);
    xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), "t.fo", NULL, 0);
    g_free(text);
    assert_non_null(doc);
    msp_typo_apply(typo, doc, "en");
    return doc;
}

static char *xpath(xmlDoc *doc, const char *expr)
{
    xmlXPathContext *ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, (const xmlChar *)"fo", (const xmlChar *)"http://www.w3.org/1999/XSL/Format");
    xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    assert_non_null(o);
    xmlChar *s = xmlXPathCastToString(o);
    char *r = g_strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    return r;
}

static void expect_xpath(xmlDoc *doc, const char *expr, const char *want)
{
    char *got = xpath(doc, expr);
    if (strcmp(got, want) != 0)
        fail_msg("%s\n   got  '%s'\n   want '%s'", expr, got, want);
    g_free(got);
}

static void test_label_position(void **state)
{
    (void)state;
    xmlDoc *doc = apply("<fo:block><t:label>article 7</t:label> dispose. Selon l'<t:label>article 8</t:label>, "
                        "rien. <t:label>article 9</t:label> : « <t:label>article 10</t:label> »</fo:block>"
                        "<fo:block>(<t:label>article 11</t:label>)</fo:block>");
    expect_xpath(doc, "string(//fo:block[1])",
                 "Article" NB "7 dispose. Selon l" AP "article" NB "8, rien. Article" NB "9" NB ": «" NB "article" NB
                 "10" NB "»");
    expect_xpath(doc, "string(//fo:block[2])", "(Article" NB "11)");
    expect_xpath(doc, "count(//*[namespace-uri() = '" MSP_TYPO_NS "'])", "0");
    xmlFreeDoc(doc);
}

static void test_note_call(void **state)
{
    (void)state;
    xmlDoc *doc = apply("<fo:block>observations <fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>"
                        "<fo:block>Voir : le site</fo:block></fo:footnote-body></fo:footnote> fondées, et "
                        "2026<fo:footnote><fo:inline>*</fo:inline><fo:footnote-body><fo:block>a</fo:block>"
                        "</fo:footnote-body></fo:footnote>, <fo:footnote><fo:inline>**</fo:inline>"
                        "<fo:footnote-body><fo:block>b</fo:block></fo:footnote-body></fo:footnote></fo:block>");
    /* no space before a call; between two calls the separator stays, unbreakable */
    expect_xpath(doc, "string(/fo:root/fo:block/text()[1])", "observations");
    expect_xpath(doc, "string(/fo:root/fo:block/text()[3])", "," NB);
    expect_xpath(doc, "string(//fo:footnote-body/fo:block)", "Voir" NB ": le site");  /* the note's own run */
    xmlFreeDoc(doc);
}

static void test_superscript_inline(void **state)
{
    (void)state;
    xmlDoc *doc = apply("<fo:block>Genève, 1er-5 décembre 2025</fo:block>");
    expect_xpath(doc, "string(//fo:block/fo:inline[@baseline-shift='super'])", "er");
    expect_xpath(doc, "string(//fo:block/fo:inline/@font-size)", "65%");
    expect_xpath(doc, "string(//fo:block)", "Genève, 1er-5" NB "décembre 2025");
    expect_xpath(doc, "string(//fo:block/text()[1])", "Genève, 1");
    xmlFreeDoc(doc);
}

static void test_verbatim_mark(void **state)
{
    (void)state;
    xmlDoc *doc = apply("<fo:block>Code : <t:verbatim>A : B ; l'x</t:verbatim> ; fin</fo:block>"
                        "<fo:block language='en'>Note: it's 26 May</fo:block>"
                        "<fo:bookmark-tree><fo:bookmark internal-destination='a'><fo:bookmark-title>Titre : "
                        "paragraphe 1</fo:bookmark-title></fo:bookmark></fo:bookmark-tree>");
    expect_xpath(doc, "string(//fo:block[1])", "Code" NB ": A : B ; l'x" NN "; fin");
    expect_xpath(doc, "string(//fo:block[2])", "Note: it's 26" NB "May");   /* English rules only */
    expect_xpath(doc, "string(//fo:bookmark-title)", "Titre : paragraphe 1");  /* not typeset */
    expect_xpath(doc, "count(//*[namespace-uri() = '" MSP_TYPO_NS "'])", "0");
    xmlFreeDoc(doc);
}

static void test_unknown_rule_warns(void **state)
{
    (void)state;
    char *path = g_build_filename(MSP_TEST_TMP, "typo-labels.xml", NULL);
    const char *xml = "<labels><language code='xx' typography='french-spacing no-such-rule'/></labels>";
    assert_true(g_file_set_contents(path, xml, -1, NULL));
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_typo *t = msp_typo_load(&diags, path);
    assert_int_equal(diags.items->len, 1);
    char *got = msp_typo_text(t, "xx", "a : b");
    assert_string_equal(got, "a" NB ": b");   /* the known rule still applies */
    g_free(got);
    msp_typo_free(t);
    msp_diag_list_clear(&diags);
    g_free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fr_colon),        cmocka_unit_test(test_fr_narrow),
        cmocka_unit_test(test_fr_guillemets),   cmocka_unit_test(test_fr_apostrophes),
        cmocka_unit_test(test_fr_ordinals),     cmocka_unit_test(test_es_marks),
        cmocka_unit_test(test_es_ordinals),     cmocka_unit_test(test_day_month),
        cmocka_unit_test(test_noun_number),     cmocka_unit_test(test_verbatim_words),
        cmocka_unit_test(test_label_position),  cmocka_unit_test(test_note_call),
        cmocka_unit_test(test_superscript_inline), cmocka_unit_test(test_verbatim_mark),
        cmocka_unit_test(test_unknown_rule_warns),
        cmocka_unit_test(test_arabic_month_pairs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
