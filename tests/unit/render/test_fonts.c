/* Unit tests for render/fonts.c: the configuration sees only the declared
 * Liberation files (never DejaVu, which the machine has), aliases resolve,
 * errors name the file and the package, contexts work from several threads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include "render_fixture.h"

#define LIB2 "/usr/share/fonts/truetype/liberation2/"

typedef struct fixture {
    msp_diag_list diags;
    msp_fonts *fonts;
    PangoContext *ctx;
} fixture;

static int setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    msp_diag_list_init(&f->diags);
    f->fonts = fixture_fonts(&f->diags);
    if (!f->fonts) {
        msp_diag_list_print(stderr, &f->diags);
        return -1;
    }
    f->ctx = msp_fonts_new_context(f->fonts);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    g_object_unref(f->ctx);
    msp_fonts_free(f->fonts);
    msp_diag_list_clear(&f->diags);
    g_free(f);
    return 0;
}

/* The file fontconfig picked for a family (and style) through Pango. */
static char *resolved_file(PangoContext *ctx, const char *desc_text)
{
    PangoFontDescription *desc = pango_font_description_from_string(desc_text);
    PangoFont *font = pango_context_load_font(ctx, desc);
    pango_font_description_free(desc);
    assert_non_null(font);
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL;
    assert_int_equal(FcPatternGetString(pat, FC_FILE, 0, &file), FcResultMatch);
    char *copy = g_strdup((const char *)file);
    g_object_unref(font);
    return copy;
}

static void test_fonts_load__digest_is_stable_sha256(void **state)
{
    fixture *f = *state;
    const char *d = msp_fonts_digest(f->fonts);
    assert_non_null(d);
    assert_int_equal(strlen(d), 64);
    for (const char *p = d; *p; p++)
        assert_true(g_ascii_isxdigit(*p));
    msp_fonts *again = fixture_fonts(&f->diags);
    assert_non_null(again);
    assert_string_equal(msp_fonts_digest(again), d);
    msp_fonts_free(again);
    assert_int_equal(f->diags.errors, 0);
}

typedef struct digest_calls {
    int n;
    bool fail;
} digest_calls;

static char *counting_digest(void *user, const char *path)
{
    digest_calls *c = user;
    c->n++;
    if (c->fail)
        return NULL;
    char *text = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &text, &len, NULL));
    char *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)text, len);
    g_free(text);
    return hex;
}

/* a caller's file digests give the same value; one call per file (fonts.conf + fonts) */
static void test_fonts_digest_with__caller_digests_same_value(void **state)
{
    fixture *f = *state;
    digest_calls c = { 0, false };
    char *d = msp_fonts_digest_with(f->fonts, counting_digest, &c);
    assert_non_null(d);
    assert_string_equal(d, msp_fonts_digest(f->fonts));
    assert_true(c.n >= 2);
    g_free(d);
    digest_calls bad = { 0, true };
    assert_null(msp_fonts_digest_with(f->fonts, counting_digest, &bad));
    assert_int_equal(bad.n, 1);
}

static void test_fonts_context__dejavu_is_not_visible(void **state)
{
    fixture *f = *state;
    /* The machine has DejaVu (fonts-dejavu-core); our configuration must not. */
    char *file = resolved_file(f->ctx, "DejaVu Sans 12");
    assert_null(strstr(file, "DejaVu"));
    assert_true(g_str_has_prefix(file, LIB2 "LiberationSerif-"));
    g_free(file);

    PangoFontFamily **fams = NULL;
    int n = 0;
    pango_font_map_list_families(pango_context_get_font_map(f->ctx), &fams, &n);
    int liberation = 0;
    for (int i = 0; i < n; i++) {
        const char *name = pango_font_family_get_name(fams[i]);
        assert_null(strstr(name, "DejaVu"));
        if (g_str_has_prefix(name, "Liberation "))
            liberation++;
    }
    g_free(fams);
    assert_int_equal(liberation, 3);
    assert_false(msp_fonts_has_family(f->ctx, "DejaVu Sans"));
    assert_false(msp_fonts_has_family(f->ctx, "Verdana"));
    assert_true(msp_fonts_has_family(f->ctx, "Arial"));   /* an alias of Liberation Sans */
}

static void test_fonts_context__families_and_aliases_resolve(void **state)
{
    fixture *f = *state;
    static const struct { const char *desc, *file; } cases[] = {
        { "Liberation Serif 11", "LiberationSerif-Regular.ttf" },
        { "Liberation Serif Bold 11", "LiberationSerif-Bold.ttf" },
        { "Liberation Serif Italic 11", "LiberationSerif-Italic.ttf" },
        { "Liberation Serif Bold Italic 11", "LiberationSerif-BoldItalic.ttf" },
        { "Times New Roman 11", "LiberationSerif-Regular.ttf" },
        { "Times 11", "LiberationSerif-Regular.ttf" },
        { "serif 11", "LiberationSerif-Regular.ttf" },
        { "sans-serif Bold 11", "LiberationSans-Bold.ttf" },
        { "Liberation Sans 11", "LiberationSans-Regular.ttf" },
        { "monospace 11", "LiberationMono-Regular.ttf" },
        { "Helvetica 11", "LiberationSans-Regular.ttf" },
        { "Arial Bold 11", "LiberationSans-Bold.ttf" },
        { "Courier 11", "LiberationMono-Regular.ttf" },
        { "Courier New 11", "LiberationMono-Regular.ttf" },
        { "Comic Sans MS 11", "LiberationSerif-Regular.ttf" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *file = resolved_file(f->ctx, cases[i].desc);
        char *want = g_strconcat(LIB2, cases[i].file, NULL);
        if (strcmp(file, want) != 0)
            fail_msg("'%s' resolved to %s, want %s", cases[i].desc, file, want);
        g_free(want);
        g_free(file);
    }
}

static void test_fonts_has_family__case_insensitive(void **state)
{
    fixture *f = *state;
    const char *yes[] = { "Liberation Serif", "liberation serif", "LIBERATION SANS", "Liberation Mono",
                          "serif", "Sans-Serif", "monospace", "Times New Roman", "times" };
    for (size_t i = 0; i < G_N_ELEMENTS(yes); i++)
        if (!msp_fonts_has_family(f->ctx, yes[i]))
            fail_msg("has_family('%s') is false", yes[i]);
    assert_false(msp_fonts_has_family(f->ctx, "DejaVu Serif"));
    assert_false(msp_fonts_has_family(f->ctx, "Liberation"));
    assert_false(msp_fonts_has_family(f->ctx, ""));
    assert_false(msp_fonts_has_family(f->ctx, NULL));
}

/* Writes dir/fonts.conf: the project's, with one declared path replaced. */
static char *conf_with(const char *name, const char *from, const char *to)
{
    char *src_dir = fixture_fonts_dir();
    char *src = g_build_filename(src_dir, "fonts.conf", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents(src, &text, NULL, NULL));
    assert_non_null(strstr(text, from));
    GString *s = g_string_new(text);
    g_string_replace(s, from, to, 1);
    char *dir = fixture_scratch(name);
    char *dst = g_build_filename(dir, "fonts.conf", NULL);
    assert_true(g_file_set_contents(dst, s->str, -1, NULL));
    g_string_free(s, TRUE);
    g_free(dst);
    g_free(text);
    g_free(src);
    g_free(src_dir);
    return dir;
}

static const msp_diag *first_error(const msp_diag_list *l)
{
    for (guint i = 0; i < l->items->len; i++) {
        const msp_diag *d = g_ptr_array_index(l->items, i);
        if (d->severity == MSP_SEV_ERROR)
            return d;
    }
    return NULL;
}

static void test_fonts_load__missing_file_names_package(void **state)
{
    (void)state;
    char *dir = conf_with("missing", LIB2 "LiberationSerif-Bold.ttf", "/nonexistent/LiberationSerif-Bold.ttf");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_null(msp_fonts_load(&diags, dir));
    const msp_diag *d = first_error(&diags);
    assert_non_null(d);
    assert_int_equal(d->status, MSP_E_DATA);
    assert_non_null(strstr(d->message, "/nonexistent/LiberationSerif-Bold.ttf"));
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "apt-get install fonts-liberation2"));
    assert_true(g_str_has_suffix(d->loc.file, "fonts.conf"));
    assert_true(d->loc.line > 1);
    msp_diag_list_clear(&diags);
    g_free(dir);
}

static void test_fonts_load__wildcard_declaration_refused(void **state)
{
    (void)state;
    char *dir = conf_with("wild", LIB2 "LiberationMono-Regular.ttf", LIB2 "*.ttf");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_null(msp_fonts_load(&diags, dir));
    const msp_diag *d = first_error(&diags);
    assert_non_null(d);
    assert_non_null(strstr(d->message, "*.ttf"));
    msp_diag_list_clear(&diags);
    g_free(dir);
}

static void test_fonts_load__missing_conf_is_io_error(void **state)
{
    (void)state;
    char *dir = fixture_scratch("noconf");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_null(msp_fonts_load(&diags, dir));
    const msp_diag *d = first_error(&diags);
    assert_non_null(d);
    assert_int_equal(d->status, MSP_E_IO);
    msp_diag_list_clear(&diags);
    g_free(dir);
}

static void test_fonts_load__broken_conf_has_location(void **state)
{
    (void)state;
    char *dir = conf_with("broken", "</selectfont>", "</selectfnt>");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_null(msp_fonts_load(&diags, dir));
    const msp_diag *d = first_error(&diags);
    assert_non_null(d);
    assert_int_equal(d->status, MSP_E_DATA);
    assert_true(d->loc.line > 1);
    msp_diag_list_clear(&diags);
    g_free(dir);
}

/* Each worker: its own context on the shared configuration, same widths. */
static gpointer measure(gpointer data)
{
    const msp_fonts *fonts = data;
    int width = 0;
    for (int round = 0; round < 20; round++) {
        PangoContext *ctx = msp_fonts_new_context(fonts);
        PangoLayout *layout = pango_layout_new(ctx);
        PangoFontDescription *fd = pango_font_description_from_string("Times New Roman 11");
        pango_layout_set_font_description(layout, fd);
        pango_font_description_free(fd);
        pango_layout_set_text(layout, "Meeting of the States Parties to the Convention", -1);
        int w = 0;
        pango_layout_get_size(layout, &w, NULL);
        g_object_unref(layout);
        g_object_unref(ctx);
        if (round > 0 && w != width)
            return GINT_TO_POINTER(-1);
        width = w;
    }
    return GINT_TO_POINTER(width);
}

static void test_fonts_context__threads_agree(void **state)
{
    fixture *f = *state;
    GThread *a = g_thread_new("a", measure, f->fonts);
    GThread *b = g_thread_new("b", measure, f->fonts);
    int wa = GPOINTER_TO_INT(g_thread_join(a));
    int wb = GPOINTER_TO_INT(g_thread_join(b));
    int w = GPOINTER_TO_INT(measure(f->fonts));
    assert_true(w > 100 * PANGO_SCALE);
    assert_int_equal(wa, w);
    assert_int_equal(wb, w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fonts_load__digest_is_stable_sha256),
        cmocka_unit_test(test_fonts_digest_with__caller_digests_same_value),
        cmocka_unit_test(test_fonts_context__dejavu_is_not_visible),
        cmocka_unit_test(test_fonts_context__families_and_aliases_resolve),
        cmocka_unit_test(test_fonts_has_family__case_insensitive),
        cmocka_unit_test(test_fonts_load__missing_file_names_package),
        cmocka_unit_test(test_fonts_load__wildcard_declaration_refused),
        cmocka_unit_test(test_fonts_load__missing_conf_is_io_error),
        cmocka_unit_test(test_fonts_load__broken_conf_has_location),
        cmocka_unit_test(test_fonts_context__threads_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
