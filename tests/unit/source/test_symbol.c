/* Unit tests for document symbols: valid forms of every kind, the parts
 * they parse into, and invalid forms with their exact message and column. */
#include "source/symbol.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

static void test_symbol_parse__accepts_every_documented_form(void **state)
{
    static const char *const valid[] = {
        "APLC/MSP.22/2025/22", "APLC/MSP.22/2025/1", "APLC/MSP.7/2006/L.2", "APLC/CONF/2019/5",
        "APLC/CONF/2014/PM.1/3", "APLC/MSP.22/2025/WP.3", "APLC/MSP.22/2025/CRP.1",
        "APLC/MSP.22/2025/INF/1", "APLC/MSP.22/2025/INF.1", "APLC/MSP.22/2025/Misc.2",
        "APLC/MSP.22/2025/MISC.2", "APLC/MSP.22/2025/22/Add.1", "APLC/MSP.22/2025/22/Corr.1",
        "APLC/MSP.22/2025/22/Rev.1", "APLC/MSP.22/2025/22/Amend.1", "APLC/MSP.22/2025/22/Summary",
        "APLC/MSP.22/2025/22/Add.1/Corr.1", "APLC/MSP.22/2025/L.2/Rev.1",
        "APLC/MSP.22/2025/22/Rev.1/Add.1", "APLC/MSP.22/2025/22*", "APLC/MSP.22/2025/22**",
        "APLC/MSP.22/2025/22***", "APLC/CONF/2014/PM.2/INF/3/Add.10*", "APLC/MSP.4/2002/1",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(valid); i++) {
        msp_symbol sym;
        msp_symbol_error err;
        bool ok = msp_symbol_parse(&sym, valid[i], &err);
        if (!ok)
            fail_msg("%s refused: %d: %s", valid[i], err.column, err.message);
        assert_string_equal(sym.text, valid[i]);
    }
}

static void test_symbol_parse__fills_the_parts(void **state)
{
    msp_symbol s;
    assert_true(msp_symbol_parse(&s, "APLC/MSP.22/2025/22/Add.1/Corr.2*", NULL));
    assert_int_equal(s.body, MSP_SYMBOL_BODY_MSP);
    assert_int_equal(s.msp, 22);
    assert_int_equal(s.year, 2025);
    assert_int_equal(s.pm, 0);
    assert_int_equal(s.doc, MSP_SYMBOL_DOC_NUMBER);
    assert_int_equal(s.doc_number, 22);
    assert_int_equal(s.n_suffixes, 2);
    assert_int_equal(s.suffixes[0].kind, MSP_SYMBOL_ADD);
    assert_int_equal(s.suffixes[0].number, 1);
    assert_int_equal(s.suffixes[1].kind, MSP_SYMBOL_CORR);
    assert_int_equal(s.suffixes[1].number, 2);
    assert_int_equal(s.stars, 1);

    assert_true(msp_symbol_parse(&s, "APLC/CONF/2014/PM.1/INF/3/Summary", NULL));
    assert_int_equal(s.body, MSP_SYMBOL_BODY_CONF);
    assert_int_equal(s.msp, 0);
    assert_int_equal(s.year, 2014);
    assert_int_equal(s.pm, 1);
    assert_int_equal(s.doc, MSP_SYMBOL_DOC_INF_SLASH);
    assert_int_equal(s.doc_number, 3);
    assert_int_equal(s.suffixes[0].kind, MSP_SYMBOL_SUMMARY);
    assert_int_equal(s.stars, 0);

    assert_true(msp_symbol_parse(&s, "APLC/MSP.7/2006/L.2", NULL));
    assert_int_equal(s.doc, MSP_SYMBOL_DOC_L);
    assert_int_equal(s.doc_number, 2);
}

typedef struct bad_case {
    const char *text;
    int column;
    const char *message;
} bad_case;

static void test_symbol_parse__rejects_with_message_and_column(void **state)
{
    static const bad_case bad[] = {
        { "", 1, "the symbol is empty" },
        { "APLC/MSP.22/25/22", 13, "expected a year of 4 digits after 'APLC/MSP.22/', found '2'" },
        { "APLC/MSP.22/20255/22", 13, "expected a year of 4 digits after 'APLC/MSP.22/', found '2'" },
        { "APLC/MSP/2025/22", 9, "expected '.' after 'APLC/MSP', found '/'" },
        { "APLC/MSP.0/2025/22", 10, "The meeting number after 'APLC/MSP.' must not start with 0" },
        { "APLC/MSP.22/2025/022", 18, "A document number after 'APLC/MSP.22/2025/' must not start with 0" },
        { "aplc/MSP.22/2025/22", 1, "expected 'APLC/' in capitals at the start of the symbol" },
        { "CCW/MSP/2012/9", 1, "expected 'APLC/' at the start of the symbol, found 'C'" },
        { "APLC/COP/2019/5", 8, "expected 'NF' after 'APLC/CO', found 'P'" },
        { "APLC/MSP.22/2025/PM.1/3", 18,
          "'PM.n' is only allowed after 'APLC/CONF/yyyy/' (Review Conference symbols)" },
        { "APLC/MSP.22/2025/X.1", 18,
          "expected a document number or 'L.n', 'WP.n', 'CRP.n', 'INF/n', 'INF.n', 'Misc.n' after "
          "'APLC/MSP.22/2025/', found 'X'" },
        { "APLC/MSP.22/2025/L2", 19, "expected '.' after 'APLC/MSP.22/2025/L', found '2'" },
        { "APLC/MSP.22/2025/22/Add1", 24, "expected '.' after 'APLC/MSP.22/2025/22/Add', found '1'" },
        { "APLC/MSP.22/2025/22/Addendum.1", 24, "expected '.' after 'APLC/MSP.22/2025/22/Add', found 'e'" },
        { "APLC/MSP.22/2025/22/", 21,
          "expected a suffix 'Add.n', 'Corr.n', 'Rev.n', 'Amend.n' or 'Summary' after "
          "'APLC/MSP.22/2025/22/', found the end of the symbol" },
        { "APLC/MSP.22/2025/22****", 23, "at most 3 reissue stars are allowed" },
        { "APLC/MSP.22/2025/22*/Add.1", 21,
          "expected the end of the symbol after the stars after 'APLC/MSP.22/2025/22*', found '/'" },
        { "APLC/MSP.22/2025/22 ", 20,
          "expected '/', '*' or the end of the symbol after 'APLC/MSP.22/2025/22', found ' '" },
        { "APLC/MSP.22/2025", 17, "expected '/' after 'APLC/MSP.22/2025', found the end of the symbol" },
        { "APLC/MSP.22/2025/1234567", 24,
          "A document number after 'APLC/MSP.22/2025/' has more than 6 digits" },
        { "APLC/MSP.22/2025/22/Corr.", 26,
          "expected a suffix number after 'APLC/MSP.22/2025/22/Corr.', found the end of the symbol" },
        { "APLC/MSP.22/2025/é", 18,
          "expected a document number or 'L.n', 'WP.n', 'CRP.n', 'INF/n', 'INF.n', 'Misc.n' after "
          "'APLC/MSP.22/2025/', found 'é'" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        msp_symbol sym;
        msp_symbol_error err;
        if (msp_symbol_parse(&sym, bad[i].text, &err))
            fail_msg("%s accepted", bad[i].text);
        if (strcmp(err.message, bad[i].message) != 0 || err.column != bad[i].column)
            fail_msg("%s: got %d '%s', want %d '%s'", bad[i].text, err.column, err.message,
                     bad[i].column, bad[i].message);
    }
}

static void test_symbol_plain__drops_stars(void **state)
{
    msp_symbol s;
    assert_true(msp_symbol_parse(&s, "APLC/MSP.22/2025/22**", NULL));
    char *p = msp_symbol_plain(&s);
    assert_string_equal(p, "APLC/MSP.22/2025/22");
    g_free(p);
}

static void test_symbol_output_name__follows_the_rule(void **state)
{
    msp_symbol s;
    assert_true(msp_symbol_parse(&s, "APLC/MSP.22/2025/22*", NULL));
    char *n = msp_symbol_output_name(&s, "en", "x/y.xml");
    assert_string_equal(n, "APLC_MSP.22_2025_22-E.pdf");
    g_free(n);
    /* the language versions of one symbol get distinct names: the UN's letters */
    n = msp_symbol_output_name(&s, "fr", "x/y.xml");
    assert_string_equal(n, "APLC_MSP.22_2025_22-F.pdf");
    g_free(n);
    n = msp_symbol_output_name(&s, "es", "x/y.xml");
    assert_string_equal(n, "APLC_MSP.22_2025_22-S.pdf");
    g_free(n);
    n = msp_symbol_output_name(&s, "de", "x/y.xml");
    assert_string_equal(n, "APLC_MSP.22_2025_22-de.pdf");
    g_free(n);
    n = msp_symbol_output_name(&s, NULL, "x/y.xml");
    assert_string_equal(n, "APLC_MSP.22_2025_22.pdf");
    g_free(n);
    assert_string_equal(msp_symbol_language_letter("zh"), "C");
    assert_string_equal(msp_symbol_language_letter("ru"), "R");
    assert_string_equal(msp_symbol_language_letter("ar"), "A");
    assert_null(msp_symbol_language_letter("de"));
    assert_true(msp_symbol_parse(&s, "APLC/CONF/2014/PM.1/INF/3", NULL));
    n = msp_symbol_output_name(&s, NULL, NULL);
    assert_string_equal(n, "APLC_CONF_2014_PM.1_INF_3.pdf");
    g_free(n);
    n = msp_symbol_output_name(NULL, "en", "data/papers/draft-note.xml");
    assert_string_equal(n, "draft-note.pdf");
    g_free(n);
    n = msp_symbol_output_name(NULL, NULL, "noext");
    assert_string_equal(n, "noext.pdf");
    g_free(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_symbol_parse__accepts_every_documented_form),
        cmocka_unit_test(test_symbol_parse__fills_the_parts),
        cmocka_unit_test(test_symbol_parse__rejects_with_message_and_column),
        cmocka_unit_test(test_symbol_plain__drops_stars),
        cmocka_unit_test(test_symbol_output_name__follows_the_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
