/* Unit tests for fo/: XSL length expressions (units, arithmetic, functions). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fo/fo.h"
#include "fo/fo_private.h"

#define EPS 1e-6

static double len(const char *s, double fs)
{
    double v = -12345;
    assert_true(msp_fo_length_parse(s, fs, &v));
    return v;
}

static void test_length_parse__units(void **state)
{
    (void)state;
    assert_float_equal(len("10pt", 12), 10, EPS);
    assert_float_equal(len("1in", 12), 72, EPS);
    assert_float_equal(len("25.4mm", 12), 72, EPS);
    assert_float_equal(len("2.54cm", 12), 72, EPS);
    assert_float_equal(len("1pc", 12), 12, EPS);
    assert_float_equal(len("96px", 12), 72, EPS);
    assert_float_equal(len("1.5em", 10), 15, EPS);
    assert_float_equal(len(".5pt", 12), 0.5, EPS);
    assert_float_equal(len("0", 12), 0, EPS);
    assert_float_equal(len("  3pt ", 12), 3, EPS);
}

static void test_length_parse__arithmetic(void **state)
{
    (void)state;
    assert_float_equal(len("2mm + 3pt", 12), 72.0 / 25.4 * 2 + 3, EPS);
    assert_float_equal(len("10pt - 4pt", 12), 6, EPS);
    assert_float_equal(len("-4pt", 12), -4, EPS);
    assert_float_equal(len("2 * 3pt", 12), 6, EPS);
    assert_float_equal(len("3pt * 2", 12), 6, EPS);
    assert_float_equal(len("12pt div 4", 12), 3, EPS);
    assert_float_equal(len("(1pt + 2pt) * 2", 12), 6, EPS);
    assert_float_equal(len("1em - -1pt", 10), 11, EPS);
    assert_float_equal(len("abs(-2pt)", 12), 2, EPS);
}

static void test_length_parse__rejects_invalid(void **state)
{
    (void)state;
    double v;
    assert_false(msp_fo_length_parse("12 pt x", 12, &v));
    assert_false(msp_fo_length_parse("big", 12, &v));
    assert_false(msp_fo_length_parse("-", 12, &v));
    assert_false(msp_fo_length_parse("", 12, &v));
    assert_false(msp_fo_length_parse("12", 12, &v));      /* a number is not a length */
    assert_false(msp_fo_length_parse("12qq", 12, &v));
    assert_false(msp_fo_length_parse("3pt * 2pt", 12, &v));
    assert_false(msp_fo_length_parse("3pt div 0", 12, &v));
    assert_false(msp_fo_length_parse("10%", 12, &v));     /* percentages need a context */
    assert_false(msp_fo_length_parse("(1pt", 12, &v));
    assert_false(msp_fo_length_parse("1pt + 1", 12, &v));
    assert_false(msp_fo_length_parse(NULL, 12, &v));
}

static void test_expr_eval__functions_and_percent(void **state)
{
    (void)state;
    msp_fo_expr e;
    assert_true(msp_fo_expr_eval("body-start() + 2pt", 12, &e));
    assert_int_equal(e.fn, MSP_INDENT_BODY_START);
    assert_float_equal(e.v, 2, EPS);
    assert_true(msp_fo_expr_eval("label-end()", 12, &e));
    assert_int_equal(e.fn, MSP_INDENT_LABEL_END);
    assert_true(msp_fo_expr_eval("proportional-column-width(3)", 12, &e));
    assert_true(e.prop);
    assert_float_equal(e.pcw, 3, EPS);
    assert_float_equal(e.v, 0, EPS);
    assert_true(msp_fo_expr_eval("50% + 1pt", 12, &e));
    assert_float_equal(e.pct, 50, EPS);
    assert_float_equal(e.v, 1, EPS);
    assert_true(msp_fo_expr_eval("1.25", 12, &e));
    assert_false(e.is_length);
    assert_false(msp_fo_expr_eval("2 * label-end()", 12, &e));
    assert_false(msp_fo_expr_eval("1pt - body-start()", 12, &e));
    assert_false(msp_fo_expr_eval("proportional-column-width(1pt)", 12, &e));
    assert_false(msp_fo_expr_eval("foo(1)", 12, &e));
}

static void test_expr_unknown_unit__finds_units_xsl_lacks(void **state)
{
    (void)state;
    const char *u = NULL;
    size_t n = 0;
    assert_true(msp_fo_expr_unknown_unit("9*8400mpt", &u, &n));
    assert_int_equal(n, 3);
    assert_memory_equal(u, "mpt", 3);
    assert_true(msp_fo_expr_unknown_unit("1pt + 2ex", &u, &n));
    assert_memory_equal(u, "ex", 2);
    assert_false(msp_fo_expr_unknown_unit("1pt + 2mm - 3em * 2 + 4px", &u, &n));
    assert_false(msp_fo_expr_unknown_unit("proportional-column-width(2)", &u, &n));
    assert_false(msp_fo_expr_unknown_unit("abs(2pt)", &u, &n));
    assert_false(msp_fo_expr_unknown_unit("#00ff00", &u, &n));
    assert_false(msp_fo_expr_unknown_unit("x1pt", &u, &n));
    assert_false(msp_fo_expr_unknown_unit("124", &u, &n));
}

static void test_expr_eval__table_units_and_mixed_terms(void **state)
{
    (void)state;
    msp_fo_expr e;
    /* a fixed part plus table units (XSL 5.10.4) */
    assert_true(msp_fo_expr_eval("2pt + proportional-column-width(1)", 12, &e));
    assert_true(e.prop);
    assert_float_equal(e.pcw, 1, EPS);
    assert_float_equal(e.v, 2, EPS);
    assert_true(msp_fo_expr_eval("proportional-column-width(1) + 1in", 12, &e));
    assert_float_equal(e.v, 72, EPS);
    assert_true(msp_fo_expr_eval("2 * proportional-column-width(1.5)", 12, &e));
    assert_float_equal(e.pcw, 3, EPS);
    assert_true(msp_fo_expr_eval("proportional-column-width(3) div 2", 12, &e));
    assert_float_equal(e.pcw, 1.5, EPS);
    /* a percentage argument is a proportion like its number */
    assert_true(msp_fo_expr_eval("proportional-column-width(25%)", 12, &e));
    assert_float_equal(e.pcw, 25, EPS);
    assert_false(msp_fo_expr_eval("1pt - proportional-column-width(1)", 12, &e));
    assert_false(msp_fo_expr_eval("-proportional-column-width(1)", 12, &e));
    assert_false(msp_fo_expr_eval("proportional-column-width(1) * 2pt", 12, &e));
    assert_false(msp_fo_expr_eval("proportional-column-width(-1)", 12, &e));
    assert_false(msp_fo_expr_eval("proportional-column-width(10% + 1)", 12, &e));
    /* percentages and lengths together */
    assert_true(msp_fo_expr_eval("100% - (2 * 5pt) - (2 * 2.5pt)", 12, &e));
    assert_float_equal(e.pct, 100, EPS);
    assert_float_equal(e.v, -15, EPS);
    assert_false(e.prop);
    assert_true(msp_fo_expr_eval("(50% + 1em) div 2", 10, &e));
    assert_float_equal(e.pct, 25, EPS);
    assert_float_equal(e.v, 5, EPS);
}

static void test_expr_eval__numeric_functions(void **state)
{
    (void)state;
    assert_float_equal(len("max(2pt, 1mm)", 12), 72 / 25.4 > 2 ? 72 / 25.4 : 2, EPS);
    assert_float_equal(len("min(2pt, 1mm) + 1pt", 12), 3, EPS);
    assert_float_equal(len("floor(2.7) * 1pt", 12), 2, EPS);
    assert_float_equal(len("ceiling(2.1) * 1pt", 12), 3, EPS);
    assert_float_equal(len("round(2.5) * 1pt", 12), 3, EPS);
    assert_float_equal(len("round(-2.5) * 1pt", 12), -2, EPS);
    assert_float_equal(len("9 * 8.4pt", 12), 75.6, EPS);
    assert_float_equal(len("10pt mod 3pt", 12), 1, EPS);
    double v;
    assert_false(msp_fo_length_parse("max(2pt, 1)", 12, &v));     /* different unit powers */
    assert_false(msp_fo_length_parse("min(10%, 1pt)", 12, &v));   /* not known before layout */
    assert_false(msp_fo_length_parse("floor(2.5pt)", 12, &v));    /* numbers only */
    assert_false(msp_fo_length_parse("max(1pt)", 12, &v));
    assert_false(msp_fo_length_parse("abs(1pt, 2pt)", 12, &v));
    assert_false(msp_fo_length_parse("9*8400mpt", 12, &v));       /* not an XSL unit */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_length_parse__units),
        cmocka_unit_test(test_length_parse__arithmetic),
        cmocka_unit_test(test_length_parse__rejects_invalid),
        cmocka_unit_test(test_expr_eval__functions_and_percent),
        cmocka_unit_test(test_expr_unknown_unit__finds_units_xsl_lacks),
        cmocka_unit_test(test_expr_eval__table_units_and_mixed_terms),
        cmocka_unit_test(test_expr_eval__numeric_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
