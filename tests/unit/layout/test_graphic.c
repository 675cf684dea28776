/* Unit tests for layout/graphic.c: Code 39 patterns and errors, QR sizes
 * from libqrencode, dark-run merging and the rectangles placed on a page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "layout/graphic.h"

#define MM 2.834645669

static msp_job job;
static msp_fo_style style;

static int setup(void **state)
{
    (void)state;
    msp_job_init(&job);
    memset(&style, 0, sizeof style);
    style.font_size = 10;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    msp_job_clear(&job);
    return 0;
}

/* A node as fo/ builds it for <fo:instream-foreign-object><g:NAME k="v" .../>:
 * pairs of name, value, NULL-terminated. */
static msp_fo_node *graphic_node(const char *name, ...)
{
    msp_fo_node *n = msp_arena_new_obj(job.arena, msp_fo_node);
    n->kind = MSP_FO_INSTREAM_FOREIGN_OBJECT;
    n->style = &style;
    n->loc = (msp_loc){ "t.fo", 7, 3 };
    n->attrs = msp_arena_alloc(job.arena, 8 * sizeof(msp_fo_attr));
    n->attrs[n->n_attrs++] = (msp_fo_attr){ "graphic", name };
    va_list ap;
    va_start(ap, name);
    const char *k;
    while ((k = va_arg(ap, const char *)) && n->n_attrs < 8) {
        const char *v = va_arg(ap, const char *);
        n->attrs[n->n_attrs++] = (msp_fo_attr){ k, v };
    }
    va_end(ap);
    return n;
}

static const msp_diag *last_error(void)
{
    for (guint i = job.diags.items->len; i > 0; i--) {
        const msp_diag *d = g_ptr_array_index(job.diags.items, i - 1);
        if (d->severity == MSP_SEV_ERROR)
            return d;
    }
    return NULL;
}

static void test_graphic_code39__pattern_of_job_barcode(void **state)
{
    (void)state;
    GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
    assert_int_equal(msp_graphic_code39_widths(w, "*2522222*", 3), -1);
    /* 9 characters of 9 elements, 8 gaps */
    assert_int_equal(w->len, 9 * 9 + 8);
    static const double head[] = {
        1, 3, 1, 1, 3, 1, 3, 1, 1,  1,   /* '*' then the gap */
        1, 1, 3, 3, 1, 1, 1, 1, 3,  1,   /* '2' */
        3, 1, 1, 3, 3, 1, 1, 1, 1,  1,   /* '5' */
        1, 1, 3, 3, 1, 1, 1, 1, 3,       /* '2' */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(head); i++)
        assert_true(g_array_index(w, double, i) == head[i]);
    static const double tail[] = { 1, 3, 1, 1, 3, 1, 3, 1, 1 };   /* stop '*' */
    for (size_t i = 0; i < 9; i++)
        assert_true(g_array_index(w, double, w->len - 9 + i) == tail[i]);
    double total = 0;
    for (guint i = 0; i < w->len; i++)
        total += g_array_index(w, double, i);
    assert_true(total == 9 * 15 + 8);   /* every character: 6 narrow + 3 wide of 3 */
    g_array_free(w, TRUE);

    /* every character has exactly 3 wide of 9 elements, whatever the ratio */
    const char *all = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. *$/+%";
    w = g_array_new(FALSE, FALSE, sizeof(double));
    assert_int_equal(msp_graphic_code39_widths(w, all, 2.5), -1);
    for (size_t c = 0; c < strlen(all); c++) {
        int wide = 0;
        for (int e = 0; e < 9; e++)
            wide += g_array_index(w, double, c * 10 + e) == 2.5;
        assert_int_equal(wide, 3);
    }
    g_array_free(w, TRUE);
}

static void test_graphic_code39__invalid_characters(void **state)
{
    (void)state;
    GArray *w = g_array_new(FALSE, FALSE, sizeof(double));
    assert_int_equal(msp_graphic_code39_widths(w, "*25a2*", 3), 3);
    assert_int_equal(msp_graphic_code39_widths(w, "*\xC3\xA9*", 3), 1);
    assert_int_equal(w->len, 0);   /* nothing appended on error */
    g_array_free(w, TRUE);

    msp_graphic g;
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", "*25a2*", NULL)), MSP_E_FO);
    const msp_diag *d = last_error();
    assert_non_null(d);
    assert_non_null(strstr(d->message, "cannot encode 'a' (character 4"));
    assert_int_equal(d->loc.line, 7);
    assert_null(g.rects);

    static const char *const bad_data[] = { "2522222", "*2522222", "*25*22*", "**", "" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad_data); i++)
        assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", bad_data[i], NULL)), MSP_E_FO);
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", "*1*", "wide-ratio", "4", NULL)),
                     MSP_E_FO);
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", "*1*", "module", "0", NULL)),
                     MSP_E_FO);
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", "*1*", "height", "tall", NULL)),
                     MSP_E_FO);
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("pdf417", "data", "x", NULL)), MSP_E_FO);
    assert_non_null(strstr(last_error()->message, "unknown graphic"));
}

static void test_graphic_code39__bars_and_box(void **state)
{
    (void)state;
    msp_graphic g;
    msp_status st = msp_graphic_build(&job, &g, graphic_node("code39", "data", "*2522222*", "module", "0.24mm",
                                                             "height", "8.5mm", "wide-ratio", "3", NULL));
    assert_int_equal(st, MSP_OK);
    assert_int_equal(g.rects->len, 9 * 5);   /* 5 bars per character */
    assert_int_equal(g.modules, 143);
    assert_float_equal(g.w, 143 * 0.24 * MM, 1e-9);
    assert_float_equal(g.h, 8.5 * MM, 1e-9);
    const msp_rect *first = &g_array_index(g.rects, msp_rect, 0);
    const msp_rect *last = &g_array_index(g.rects, msp_rect, g.rects->len - 1);
    assert_float_equal(first->x, 0, 1e-9);
    assert_float_equal(first->w, 0.24 * MM, 1e-9);
    assert_float_equal(last->x + last->w, g.w, 1e-9);
    msp_graphic_clear(&g);
    msp_graphic_clear(&g);
}

static int qr_side(const char *data)
{
    msp_graphic g;
    msp_status st = msp_graphic_build(&job, &g, graphic_node("qr", "data", data, "module", "0.55mm", "level", "M", NULL));
    assert_int_equal(st, MSP_OK);
    int n = g.modules;
    assert_float_equal(g.w, n * 0.55 * MM, 1e-9);
    assert_float_equal(g.h, g.w, 1e-9);
    msp_graphic_clear(&g);
    return n;
}

static void test_graphic_qr__module_count(void **state)
{
    (void)state;
    /* level M holds 224 data bits in version 2, 352 in version 3 */
    assert_int_equal(qr_side("abcdefghijklmnopqrstuvwxyz"), 25);           /* 26 bytes: 4+8+208 bits */
    assert_int_equal(qr_side("abcdefghijklmnopqrstuvwxyza"), 29);          /* 27 bytes: 228 bits */
    assert_int_equal(qr_side("HTTP://UNDOCS.ORG/APLC/MSP.22/2025/22"), 25); /* 37 alphanumerics: 217 bits */
    assert_int_equal(qr_side("http://undocs.org/APLC/MSP.22/2025/22"), 29); /* the paper's, mixed case */
    assert_int_equal(qr_side("1"), 21);

    msp_graphic g;
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("qr", "data", "x", "level", "Z", NULL)), MSP_E_FO);
    char *big = g_strnfill(1000, 'x');   /* at level H bytes stop at 1273 ... */
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("qr", "data", big, "level", "H", NULL)), MSP_OK);
    msp_graphic_clear(&g);
    g_free(big);
    big = g_strnfill(1001, 'x');        /* ... but ours at 1000 */
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("qr", "data", big, NULL)), MSP_E_FO);
    g_free(big);
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("qr", NULL)), MSP_E_FO);
    assert_non_null(strstr(last_error()->message, "data is missing"));
}

static void test_graphic_qr__rects_cover_exactly_the_dark_modules(void **state)
{
    (void)state;
    const char *data = "http://undocs.org/APLC/MSP.22/2025/22";
    QRcode *qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    assert_non_null(qr);
    int n = qr->width, dark = 0;
    for (int i = 0; i < n * n; i++)
        dark += qr->data[i] & 1;

    msp_graphic g;
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("qr", "data", data, "module", "1pt", NULL)), MSP_OK);
    assert_int_equal(g.modules, n);
    int covered = 0;
    for (guint i = 0; i < g.rects->len; i++) {
        const msp_rect *r = &g_array_index(g.rects, msp_rect, i);
        int x0 = (int)lround(r->x), y0 = (int)lround(r->y), w = (int)lround(r->w);
        assert_float_equal(r->h, 1, 1e-9);
        for (int x = x0; x < x0 + w; x++)
            assert_true(qr->data[y0 * n + x] & 1);
        /* merged: the cells just left and right of a run are light */
        assert_true(x0 == 0 || !(qr->data[y0 * n + x0 - 1] & 1));
        assert_true(x0 + w == n || !(qr->data[y0 * n + x0 + w] & 1));
        covered += w;
    }
    assert_int_equal(covered, dark);
    assert_true((int)g.rects->len < dark);
    /* the finder pattern's top row is one 7-module run */
    const msp_rect *r0 = &g_array_index(g.rects, msp_rect, 0);
    assert_float_equal(r0->x, 0, 1e-9);
    assert_float_equal(r0->w, 7, 1e-9);
    QRcode_free(qr);
    msp_graphic_clear(&g);
}

static void test_graphic_runs__merges_horizontal_runs(void **state)
{
    (void)state;
    static const unsigned char cells[] = {
        1, 1, 0, 1, 0,
        0, 1, 1, 1, 1,
        0, 0, 0, 0, 0,
        1, 0, 1, 0, 1,
    };
    GArray *rects = g_array_new(FALSE, FALSE, sizeof(msp_rect));
    msp_graphic_runs(rects, cells, 5, 4, 2.0);
    static const msp_rect want[] = {
        { 0, 0, 4, 2 }, { 6, 0, 2, 2 }, { 2, 2, 8, 2 }, { 0, 6, 2, 2 }, { 4, 6, 2, 2 }, { 8, 6, 2, 2 },
    };
    assert_int_equal(rects->len, G_N_ELEMENTS(want));
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        const msp_rect *r = &g_array_index(rects, msp_rect, i);
        assert_float_equal(r->x, want[i].x, 1e-9);
        assert_float_equal(r->y, want[i].y, 1e-9);
        assert_float_equal(r->w, want[i].w, 1e-9);
        assert_float_equal(r->h, want[i].h, 1e-9);
    }
    g_array_free(rects, TRUE);
}

static void test_graphic_emit__rect_areas_at_the_box(void **state)
{
    (void)state;
    msp_graphic g;
    assert_int_equal(msp_graphic_build(&job, &g, graphic_node("code39", "data", "*1*", "module", "1pt",
                                                             "height", "10pt", NULL)), MSP_OK);
    msp_page *page = msp_page_new(595.28, 841.89);
    msp_graphic_emit(&g, page, MSP_ZONE_AFTER, 56.69, 731.34, 0x000000, NULL);
    assert_int_equal(page->n_areas, 15);
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        assert_int_equal(a->kind, MSP_AREA_RECT);
        assert_int_equal(a->zone, MSP_ZONE_AFTER);
        assert_float_equal(a->y, 731.34, 1e-9);
        assert_float_equal(a->h, 10, 1e-9);
        assert_true(a->x >= 56.69 - 1e-9 && a->x + a->w <= 56.69 + g.w + 1e-9);
    }
    assert_float_equal(page->areas[0].x, 56.69, 1e-9);
    assert_float_equal(g.w, 3 * 15 + 2, 1e-9);
    msp_page_free(page);
    msp_graphic_clear(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_graphic_code39__pattern_of_job_barcode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_code39__invalid_characters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_code39__bars_and_box, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_qr__module_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_qr__rects_cover_exactly_the_dark_modules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_runs__merges_horizontal_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_graphic_emit__rect_areas_at_the_box, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
