/* Unit tests for fo/: colour values — the CSS3 / SVG keywords, hex forms,
 * rgb() with numbers and percentages, rgb-icc() by its sRGB fallback, and
 * what stays refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fo/fo.h"
#include "fo/fo_private.h"

#define FO_NS "xmlns:fo=\"http://www.w3.org/1999/XSL/Format\""

static uint32_t color(const char *v)
{
    uint32_t c = 0xDEADBEEF;
    if (!msp_fo_color_parse(v, &c))
        fprintf(stderr, "refused: %s\n", v);
    assert_true(msp_fo_color_parse(v, &c));
    return c;
}

static void test_color_parse__css3_keywords(void **state)
{
    (void)state;
    assert_int_equal(color("aliceblue"), 0xF0F8FF);          /* first of the table */
    assert_int_equal(color("yellowgreen"), 0x9ACD32);        /* last */
    assert_int_equal(color("pink"), 0xFFC0CB);
    assert_int_equal(color("lightgreen"), 0x90EE90);
    assert_int_equal(color("violet"), 0xEE82EE);
    assert_int_equal(color("palegoldenrod"), 0xEEE8AA);
    assert_int_equal(color("lightyellow"), 0xFFFFE0);
    assert_int_equal(color("lightseagreen"), 0x20B2AA);
    assert_int_equal(color("lightgoldenrodyellow"), 0xFAFAD2);
    assert_int_equal(color("mediumvioletred"), 0xC71585);
    assert_int_equal(color("darkslategrey"), 0x2F4F4F);
    /* the CSS values where X11 differs */
    assert_int_equal(color("gray"), 0x808080);
    assert_int_equal(color("green"), 0x008000);
    assert_int_equal(color("maroon"), 0x800000);
    assert_int_equal(color("purple"), 0x800080);
    /* keywords are case-insensitive */
    assert_int_equal(color("PaleGoldenRod"), 0xEEE8AA);
    assert_int_equal(color("NAVY"), 0x000080);
}

static void test_color_parse__functions(void **state)
{
    (void)state;
    assert_int_equal(color("#abc"), 0xAABBCC);
    assert_int_equal(color("#A0b1C2"), 0xA0B1C2);
    assert_int_equal(color("rgb(255,128,0)"), 0xFF8000);
    assert_int_equal(color("rgb( 230 , 230 , 255 )"), 0xE6E6FF);
    assert_int_equal(color("rgb(100%, 80%, 80%)"), 0xFFCCCC);
    assert_int_equal(color("rgb(50%,50%,40%)"), 0x808066);
    /* rgb-icc: the sRGB fallback; the profile and its components are only checked */
    assert_int_equal(color("rgb-icc(0, 161, 222, #CMYK, 0.85, 0.19, 0, 0)"), 0x00A1DE);
    assert_int_equal(color("rgb-icc(100%,80%,80%,sRGB,1,0.8,0.8)"), 0xFFCCCC);
    assert_int_equal(color("rgb-icc(0%,100%,0%, unknown, 1, 0.5, 0)"), 0x00FF00);
    assert_int_equal(color("rgb-icc(10, 20, 30, my-profile)"), 0x0A141E);
}

static void test_color_parse__rejects_invalid(void **state)
{
    (void)state;
    uint32_t c;
    const char *bad[] = {
        "pinkish", "", "#12", "#12345", "#ggg", "rgb(1,2)", "rgb(1,2,3,4)", "rgb(300,0,0)",
        "rgb(1,2,3) x", "rgb-icc(1,2,3)", "rgb-icc(1,2,3,)", "rgb-icc(1,2,3,#,1)",
        "rgb-icc(1,2,3,p,x)", "rgb-icc(1,2,3,p", "cmyk(0%,0%,20%,40%)", "transparent",
        "system-color(ButtonFace)",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        if (msp_fo_color_parse(bad[i], &c))
            fprintf(stderr, "accepted: %s\n", bad[i]);
        assert_false(msp_fo_color_parse(bad[i], &c));
    }
}

static void test_color_props__background_and_borders(void **state)
{
    (void)state;
    msp_job job;
    msp_job_init(&job);
    msp_fo_doc *doc = NULL;
    const char *xml = "<fo:root " FO_NS "><fo:page-sequence master-reference='m'><fo:flow flow-name='x'>"
                      "<fo:block id='a' background-color='pink' color=' rgb-icc(0, 161, 222, #CMYK, 0.85, 0.19, 0, 0) '"
                      " border='1pt solid LightGreen'/>"
                      "<fo:block id='b' background-color='transparent' border-color='violet tan'/>"
                      "</fo:flow></fo:page-sequence></fo:root>";
    msp_status s = msp_fo_parse(&job, &doc, "c.fo", xml, strlen(xml));
    if (s != MSP_OK)
        msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(s, MSP_OK);
    const msp_fo_style *a = ((msp_fo_node *)g_hash_table_lookup(doc->ids, "a"))->style;
    const msp_fo_style *b = ((msp_fo_node *)g_hash_table_lookup(doc->ids, "b"))->style;
    assert_int_equal(a->background_color, 0xFFC0CB);
    assert_int_equal(a->color, 0x00A1DE);
    assert_int_equal(a->border[MSP_START].color, 0x90EE90);
    assert_int_equal(b->background_color, MSP_COLOR_NONE);
    assert_int_equal(b->border[MSP_BEFORE].color, 0xEE82EE);
    assert_int_equal(b->border[MSP_START].color, 0xD2B48C);
    msp_fo_doc_free(doc);
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color_parse__css3_keywords),
        cmocka_unit_test(test_color_parse__functions),
        cmocka_unit_test(test_color_parse__rejects_invalid),
        cmocka_unit_test(test_color_props__background_and_borders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
