/* Unit tests for render/draw.c and draw_png.c: PNG size for a resolution,
 * what lands on the pixels (text, rectangle colour, rule, image, watermark),
 * the draft stamp's text, and output errors leaving no file behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fo/fo.h"
#include "render/draw.h"
#include "render_fixture.h"

#include <string.h>

static msp_fonts *fonts;
static PangoContext *ctx;

static int setup(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    fonts = fixture_fonts(&diags);
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    if (!fonts)
        return -1;
    ctx = msp_fonts_new_context(fonts);
    return 0;
}

static int teardown(void **state)
{
    g_object_unref(ctx);
    msp_fonts_free(fonts);
    return 0;
}

static msp_page *make_page(void)
{
    msp_page *page = msp_page_new(595.276, 841.89);
    fixture_add_text(page, ctx, "Liberation Serif Bold 24", "Meeting of the States Parties",
                     72, 100, 451);
    msp_area rect = { .kind = MSP_AREA_RECT, .x = 400, .y = 700, .w = 50, .h = 20 };
    rect.u.rect.color = 0xCC0000;
    msp_page_add(page, &rect);
    msp_area none = { .kind = MSP_AREA_RECT, .x = 100, .y = 300, .w = 50, .h = 20 };
    none.u.rect.color = MSP_COLOR_NONE;
    msp_page_add(page, &none);
    msp_area rule = { .kind = MSP_AREA_RULE, .x = 72, .y = 600 };
    rule.u.rule.x2 = 300;
    rule.u.rule.y2 = 600;
    rule.u.rule.thickness = 4;
    rule.u.rule.style = MSP_BORDER_SOLID;
    rule.u.rule.color = 0x0000FF;
    msp_page_add(page, &rule);
    /* A 2x2 green image stretched to 40x40 pt. */
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2, 2);
    cairo_t *cr = cairo_create(img);
    cairo_set_source_rgb(cr, 0, 1, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    msp_area image = { .kind = MSP_AREA_IMAGE, .x = 500, .y = 60, .w = 40, .h = 40 };
    image.u.image.surface = img;
    msp_page_add(page, &image);
    cairo_surface_destroy(img);   /* the page holds its own reference */
    msp_area link = { .kind = MSP_AREA_LINK, .x = 72, .y = 80, .w = 100, .h = 20 };
    link.u.link.uri = "https://undocs.org/";
    msp_page_add(page, &link);
    return page;
}

static uint32_t pixel(cairo_surface_t *s, double x_pt, double y_pt, double dpi)
{
    int x = (int)(x_pt * dpi / 72), y = (int)(y_pt * dpi / 72);
    cairo_surface_flush(s);
    const unsigned char *row = cairo_image_surface_get_data(s) +
                               (size_t)y * (size_t)cairo_image_surface_get_stride(s);
    return ((const uint32_t *)row)[x] & 0xFFFFFF;
}

/* Fraction of non-white pixels in a rectangle given in pt. */
static double ink(cairo_surface_t *s, double x, double y, double w, double h, double dpi)
{
    int n = 0, dark = 0;
    for (double yy = y; yy < y + h; yy += 72 / dpi)
        for (double xx = x; xx < x + w; xx += 72 / dpi, n++)
            dark += pixel(s, xx, yy, dpi) != 0xFFFFFF;
    return n ? (double)dark / n : 0;
}

static void test_draw_png__size_and_pixels(void **state)
{
    char *dir = fixture_scratch("png");
    char *path = g_build_filename(dir, "page-1.png", NULL);
    msp_page *page = make_page();
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_int_equal(msp_draw_png(&diags, page, 144, path), MSP_OK);
    assert_int_equal(fixture_count_entries(dir), 1);

    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 1191);    /* ceil(595.276 * 2) */
    assert_int_equal(cairo_image_surface_get_height(s), 1684);   /* ceil(841.89 * 2) */
    assert_int_equal(pixel(s, 10, 10, 144), 0xFFFFFF);           /* white background */
    assert_int_equal(pixel(s, 425, 710, 144), 0xCC0000);         /* the rectangle */
    assert_int_equal(pixel(s, 125, 310, 144), 0xFFFFFF);         /* transparent one */
    assert_int_equal(pixel(s, 150, 600, 144), 0x0000FF);         /* the rule */
    assert_int_equal(pixel(s, 520, 80, 144), 0x00FF00);          /* the image */
    double text = ink(s, 72, 80, 300, 25, 144);
    assert_true(text > 0.08 && text < 0.6);                      /* glyphs, not a block */
    assert_true(ink(s, 72, 110, 300, 25, 144) == 0);             /* nothing below the line */
    cairo_surface_destroy(s);

    /* 72 dpi: 1 px per pt, rounded up. */
    assert_int_equal(msp_draw_png(&diags, page, 72, path), MSP_OK);
    s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_image_surface_get_width(s), 596);
    assert_int_equal(cairo_image_surface_get_height(s), 842);
    cairo_surface_destroy(s);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(fixture_count_entries(dir), 1);
    msp_page_free(page);
    msp_diag_list_clear(&diags);
    g_free(path);
    g_free(dir);
}

static int png_colour_type(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    assert_true(len > 26 && memcmp(data + 12, "IHDR", 4) == 0);
    int type = (unsigned char)data[25];
    g_free(data);
    return type;
}

/* Black text on white is written as an 8-bit grey PNG (a third of the
 * bytes) with the same pixels; one coloured area makes it RGB. */
static void test_draw_png__grey_page_written_grey(void **state)
{
    char *dir = fixture_scratch("pnggrey");
    char *path = g_build_filename(dir, "page-1.png", NULL);
    msp_page *page = msp_page_new(595.276, 841.89);
    fixture_add_text(page, ctx, "Liberation Serif Bold 24", "Meeting of the States Parties", 72, 100, 451);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_int_equal(msp_draw_png(&diags, page, 144, path), MSP_OK);
    assert_int_equal(png_colour_type(path), 0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(pixel(s, 10, 10, 144), 0xFFFFFF);
    double text = ink(s, 72, 80, 300, 25, 144);
    assert_true(text > 0.08 && text < 0.6);
    cairo_surface_destroy(s);
    msp_page_free(page);

    page = make_page();
    assert_int_equal(msp_draw_png(&diags, page, 72, path), MSP_OK);
    assert_int_equal(png_colour_type(path), 2);
    msp_page_free(page);
    assert_int_equal(diags.errors, 0);
    msp_diag_list_clear(&diags);
    g_free(path);
    g_free(dir);
}

static void test_draw_png__draft_watermark_marks_centre(void **state)
{
    char *dir = fixture_scratch("pngdraft");
    char *plain = g_build_filename(dir, "plain.png", NULL);
    char *draft = g_build_filename(dir, "draft.png", NULL);
    msp_page *page = make_page();
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_draw_opts opts = { .draft = true, .draft_stamp = "Draft built 2025-10-08", .pango = ctx };
    assert_int_equal(msp_draw_png(&diags, page, 36, plain), MSP_OK);
    assert_int_equal(msp_draw_png_opts(&diags, page, 36, draft, &opts), MSP_OK);
    cairo_surface_t *a = cairo_image_surface_create_from_png(plain);
    cairo_surface_t *b = cairo_image_surface_create_from_png(draft);
    assert_true(ink(a, 200, 320, 200, 200, 36) == 0);
    assert_true(ink(b, 200, 320, 200, 200, 36) > 0.05);   /* the watermark */
    assert_true(ink(a, 250, 800, 100, 12, 36) == 0);
    assert_true(ink(b, 250, 800, 100, 12, 36) > 0);       /* the stamp */
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    msp_page_free(page);
    msp_diag_list_clear(&diags);
    g_free(plain);
    g_free(draft);
    g_free(dir);
}

static void test_draw_stamp_text__utc_minute_and_short_digest(void **state)
{
    (void)state;
    /* 2025-12-03 14:05:59 UTC: the seconds are dropped, never rounded */
    char *s = msp_draw_stamp_text(1764770759, "81fbfc4b951f60c506de3e23ea6f4a3fa4e66808c8d115cd3150730a80b4aca3");
    assert_string_equal(s, "Draft built 2025-12-03 14:05 UTC, source 81fbfc4b951f");
    g_free(s);
    s = msp_draw_stamp_text(0, NULL);
    assert_string_equal(s, "Draft built 1970-01-01 00:00 UTC");
    g_free(s);
    s = msp_draw_stamp_text(1764770759, "");
    assert_string_equal(s, "Draft built 2025-12-03 14:05 UTC");
    g_free(s);
}

static void test_draw_png__errors_leave_no_file(void **state)
{
    char *dir = fixture_scratch("pngerr");
    char *missing = g_build_filename(dir, "none", "p.png", NULL);
    char *path = g_build_filename(dir, "p.png", NULL);
    msp_page *page = make_page();
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_int_equal(msp_draw_png(&diags, page, 96, missing), MSP_E_OUTPUT);
    assert_int_equal(msp_draw_png(&diags, page, 0, path), MSP_E_OUTPUT);
    assert_int_equal(msp_draw_png(&diags, page, 100000, path), MSP_E_OUTPUT);
    assert_int_equal(diags.errors, 3);
    const msp_diag *d = g_ptr_array_index(diags.items, 0);
    assert_int_equal(d->status, MSP_E_OUTPUT);
    assert_non_null(strstr(d->message, missing));
    assert_int_equal(fixture_count_entries(dir), 0);
    msp_page_free(page);
    msp_diag_list_clear(&diags);
    g_free(path);
    g_free(missing);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_draw_png__size_and_pixels),
        cmocka_unit_test(test_draw_png__grey_page_written_grey),
        cmocka_unit_test(test_draw_png__draft_watermark_marks_centre),
        cmocka_unit_test(test_draw_stamp_text__utc_minute_and_short_digest),
        cmocka_unit_test(test_draw_png__errors_leave_no_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
