/* Unit tests for layout/raster.c and the images of fo:external-graphic it
 * serves: format sniffing, GIF and JPEG decoding (pixels and sizes), the
 * pixel caps read from headers before decoding, data: URIs (base64 and
 * %-escaped, PNG, GIF and SVG) on the area tree, and their located errors. */
#include "layout_fixture.h"

#include "layout/graphic.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <unistd.h>

/* A 2 x 1 GIF: a red pixel then a blue one (global colour table of 2). */
static const unsigned char GIF_2X1[] = {
    'G', 'I', 'F', '8', '9', 'a', 2, 0, 1, 0, 0x80, 0, 0,
    0xFF, 0, 0, 0, 0, 0xFF,                              /* colours 0 red, 1 blue */
    ',', 0, 0, 0, 0, 2, 0, 1, 0, 0,                      /* image descriptor 2 x 1 */
    2, 2, 0x44, 0x0A, 0, ';',                            /* LZW: clear, 0, 1, end */
};

static int raster_setup(void **state)
{
    if (group_setup(state) != 0)
        return -1;
    return chdir(MSP_TEST_TMP);
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    cairo_surface_flush(s);
    const unsigned char *d = cairo_image_surface_get_data(s);
    return ((const uint32_t *)(const void *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x] & 0xFFFFFF;
}

static void test_raster__sniffs_by_signature(void **state)
{
    (void)state;
    static const unsigned char png[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    static const unsigned char jpeg[4] = { 0xFF, 0xD8, 0xFF, 0xE0 };
    assert_int_equal(msp_image_sniff(png, 8, false), MSP_IMAGE_PNG);
    assert_int_equal(msp_image_sniff(GIF_2X1, sizeof GIF_2X1, false), MSP_IMAGE_GIF);
    assert_int_equal(msp_image_sniff(jpeg, 4, false), MSP_IMAGE_JPEG);
    const unsigned char *svg = (const unsigned char *)"\xEF\xBB\xBF \n<svg/>";
    assert_int_equal(msp_image_sniff(svg, strlen((const char *)svg), true), MSP_IMAGE_SVG);
    /* XML text is SVG only when named so */
    assert_int_equal(msp_image_sniff(svg, strlen((const char *)svg), false), MSP_IMAGE_UNKNOWN);
    assert_int_equal(msp_image_sniff((const unsigned char *)"BM", 2, true), MSP_IMAGE_UNKNOWN);
}

static void test_raster__gif_first_frame(void **state)
{
    (void)state;
    const char *why = NULL;
    cairo_surface_t *s = msp_raster_decode(GIF_2X1, sizeof GIF_2X1, MSP_IMAGE_GIF, &why);
    if (!s)
        fprintf(stderr, "GIF: %s\n", why);
    assert_non_null(s);
    assert_int_equal(cairo_image_surface_get_width(s), 2);
    assert_int_equal(cairo_image_surface_get_height(s), 1);
    assert_int_equal(pixel(s, 0, 0), 0xFF0000);
    assert_int_equal(pixel(s, 1, 0), 0x0000FF);
    cairo_surface_destroy(s);
}

static void test_raster__jpeg_decoded(void **state)
{
    (void)state;
    GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 16, 8);
    gdk_pixbuf_fill(pb, 0x00C000FF);   /* green */
    gchar *buf = NULL;
    gsize n = 0;
    GError *err = NULL;
    if (!gdk_pixbuf_save_to_buffer(pb, &buf, &n, "jpeg", &err, "quality", "95", NULL)) {
        g_object_unref(pb);
        fprintf(stderr, "no JPEG writer: %s\n", err ? err->message : "?");
        g_clear_error(&err);
        skip();
    }
    g_object_unref(pb);
    assert_int_equal(msp_image_sniff((const unsigned char *)buf, n, false), MSP_IMAGE_JPEG);
    const char *why = NULL;
    cairo_surface_t *s = msp_raster_decode((const unsigned char *)buf, n, MSP_IMAGE_JPEG, &why);
    assert_non_null(s);
    assert_int_equal(cairo_image_surface_get_width(s), 16);
    assert_int_equal(cairo_image_surface_get_height(s), 8);
    uint32_t p = pixel(s, 8, 4);
    assert_true((p >> 16) < 0x20 && ((p >> 8) & 0xFF) > 0xA0 && (p & 0xFF) < 0x20);
    cairo_surface_destroy(s);
    /* cut short: an error, never a crash */
    s = msp_raster_decode((const unsigned char *)buf, n / 3, MSP_IMAGE_JPEG, &why);
    if (s)
        cairo_surface_destroy(s);
    else
        assert_non_null(why);
    g_free(buf);
}

static void test_raster__too_many_pixels_refused_from_the_header(void **state)
{
    (void)state;
    unsigned char gif[sizeof GIF_2X1];
    memcpy(gif, GIF_2X1, sizeof gif);
    gif[6] = 0x30;   /* logical screen 30000 x 1 */
    gif[7] = 0x75;
    const char *why = NULL;
    assert_null(msp_raster_decode(gif, sizeof gif, MSP_IMAGE_GIF, &why));
    assert_string_equal(why, "too many pixels");
    /* a JPEG whose start of frame claims 8000 x 8000 (64 million pixels), no data after */
    static const unsigned char jpeg[] = {
        0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 'J', 'F',               /* an APP0 segment to skip */
        0xFF, 0xC0, 0, 11, 8, 0x1F, 0x40, 0x1F, 0x40, 1, 1, 0x11, 0,
    };
    assert_null(msp_raster_decode(jpeg, sizeof jpeg, MSP_IMAGE_JPEG, &why));
    assert_string_equal(why, "too many pixels");
    assert_true(msp_image_size_ok(20000, 2000));
    assert_false(msp_image_size_ok(20001, 1));
    assert_false(msp_image_size_ok(0, 5));
}

static void test_raster__data_uri_decoding(void **state)
{
    (void)state;
    const char *why = NULL;
    GBytes *b = msp_data_uri_decode("data:text/plain;base64,SGVs\n  bG8=", &why);
    assert_non_null(b);
    gsize n = 0;
    const char *d = g_bytes_get_data(b, &n);
    assert_int_equal(n, 5);
    assert_memory_equal(d, "Hello", 5);
    g_bytes_unref(b);
    b = msp_data_uri_decode("DATA:,a%20b", &why);
    assert_non_null(b);
    d = g_bytes_get_data(b, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(d, "a b", 3);
    g_bytes_unref(b);
    assert_null(msp_data_uri_decode("data:image/png;base64", &why));
    assert_non_null(strstr(why, "','"));
    assert_null(msp_data_uri_decode("data:;base64,ab*c", &why));
    assert_null(msp_data_uri_decode("data:,%zz", &why));
}

static run *lay_graphic(const char *src, const char *attrs)
{
    char *flow = g_strdup_printf("<fo:block>a <fo:external-graphic src=\"%s\" %s/> b</fo:block>", src, attrs);
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    return r;
}

static void test_raster__data_uris_on_the_area_tree(void **state)
{
    (void)state;
    /* a GIF: 2 x 1 px of 1/96 in */
    gchar *b64 = g_base64_encode(GIF_2X1, sizeof GIF_2X1);
    char *src = g_strdup_printf("url(&quot;data:image/gif;base64,%s&quot;)", b64);
    run *r = lay_graphic(src, "");
    NEAR(xp_num(r, "number(//image/@w)"), 1.5);
    NEAR(xp_num(r, "number(//image/@h)"), 0.75);
    run_free(r);
    g_free(src);
    /* the media type is not trusted: the same bytes called PNG are a GIF */
    src = g_strdup_printf("data:image/png;base64,%s", b64);
    r = lay_graphic(src, "content-width='30pt'");
    NEAR(xp_num(r, "number(//image/@w)"), 30);
    NEAR(xp_num(r, "number(//image/@h)"), 15);
    run_free(r);
    g_free(src);
    g_free(b64);
    /* an SVG, %-escaped: drawn like an inline one */
    r = lay_graphic("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='20pt' height='10pt'%3E"
                    "%3Crect width='5' height='5'/%3E%3C/svg%3E", "");
    NEAR(xp_num(r, "number(//image/@w)"), 20);
    NEAR(xp_num(r, "number(//image/@h)"), 10);
    run_free(r);
}

static void test_raster__gif_file(void **state)
{
    (void)state;
    assert_true(g_file_set_contents("raster_2x1.gif", (const char *)GIF_2X1, sizeof GIF_2X1, NULL));
    run *r = lay_graphic("raster_2x1.gif", "content-height='6pt'");
    NEAR(xp_num(r, "number(//image/@w)"), 12);
    NEAR(xp_num(r, "number(//image/@h)"), 6);
    run_free(r);
}

/* A layout of one external-graphic that fails with `part` in its error at line 3. */
static void expect_error(const char *src, const char *part)
{
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>%s"
                               "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>\n"
                               "<fo:block>\n<fo:external-graphic src=\"%s\"/></fo:block></fo:flow></fo:page-sequence></fo:root>",
                               MASTERS, src);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_not_equal(r->st, MSP_OK);
    const msp_diag *d = find_diag(r, part);
    if (!d)
        fprintf(stderr, "no error with '%s'\n", part);
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_ERROR);
    assert_int_equal(d->loc.line, 3);
    assert_int_equal(d->loc.column, 1);
    assert_non_null(d->hint);
    run_free(r);
}

static void test_raster__bad_images_are_located_errors(void **state)
{
    (void)state;
    expect_error("data:image/gif;base64", "needs a ','");
    expect_error("data:image/gif;base64,R0lGODlh", "image 'data:image/gif;base64,R0...': cannot be decoded");
    expect_error("data:,hello", "not a PNG, GIF, JPEG or SVG image");
    assert_true(g_file_set_contents("raster_bmp.gif", "BM not a gif", -1, NULL));
    expect_error("raster_bmp.gif", "image 'raster_bmp.gif': not a PNG, GIF, JPEG or SVG file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raster__sniffs_by_signature),
        cmocka_unit_test(test_raster__gif_first_frame),
        cmocka_unit_test(test_raster__jpeg_decoded),
        cmocka_unit_test(test_raster__too_many_pixels_refused_from_the_header),
        cmocka_unit_test(test_raster__data_uri_decoding),
        cmocka_unit_test(test_raster__data_uris_on_the_area_tree),
        cmocka_unit_test(test_raster__gif_file),
        cmocka_unit_test(test_raster__bad_images_are_located_errors),
    };
    return cmocka_run_group_tests(tests, raster_setup, group_teardown);
}
