/* Unit tests for render/pdf.c: embedded subset fonts and extractable text
 * (pdffonts, pdftotext), byte-identical files for one epoch, links and
 * outline, draft marks, and every failure leaving no file behind. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/job.h"
#include "fo/fo.h"
#include "render/pdf.h"
#include "render_fixture.h"

#define TEXT "Meeting of the States Parties"

static msp_fonts *fonts;

static int setup(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    fonts = fixture_fonts(&diags);
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    msp_fonts_free(fonts);
    return 0;
}

/* A4 page: the title line, a paragraph of n_words, a rule of each style,
 * a rectangle, a link to a URI and one to a destination, the destination. */
static msp_page *make_page(PangoContext *ctx, int index, int n_words)
{
    msp_page *page = msp_page_new(595.276, 841.89);
    page->index = index;
    page->number = index + 1;
    double y = fixture_add_text(page, ctx, "Liberation Serif 12", TEXT, 72, 100, 451);
    if (n_words > 0) {
        GString *s = g_string_new(NULL);
        for (int i = 0; i < n_words; i++)
            g_string_append_printf(s, "word%d%s", i * 7919 % 100003, i % 13 ? " " : ". ");
        y = fixture_add_text(page, ctx, "Liberation Serif Italic 10", s->str, 72, y + 12, 451);
        g_string_free(s, TRUE);
    }
    for (int style = MSP_BORDER_SOLID; style <= MSP_BORDER_DOUBLE; style++) {
        msp_area r = { .kind = MSP_AREA_RULE, .x = 72, .y = 700 + 10 * style };
        r.u.rule.x2 = 300;
        r.u.rule.y2 = r.y;
        r.u.rule.thickness = 1.5;
        r.u.rule.style = style;
        r.u.rule.color = 0x336699;
        msp_page_add(page, &r);
    }
    msp_area rect = { .kind = MSP_AREA_RECT, .x = 400, .y = 700, .w = 50, .h = 20 };
    rect.u.rect.color = 0xCC0000;
    msp_page_add(page, &rect);
    msp_area dest = { .kind = MSP_AREA_DEST, .x = 72, .y = 88 };
    dest.u.dest.name = msp_arena_printf(page->arena, "para-%d", index + 1);
    msp_page_add(page, &dest);
    msp_area link = { .kind = MSP_AREA_LINK, .x = 72, .y = 88, .w = 150, .h = 14 };
    link.u.link.uri = "https://undocs.org/en/APLC/MSP.22/2024/1?a='b'";
    msp_page_add(page, &link);
    msp_area back = { .kind = MSP_AREA_LINK, .x = 72, .y = 760, .w = 80, .h = 14 };
    back.u.link.dest = "para-1";
    msp_page_add(page, &back);
    return page;
}

static msp_bookmark bookmarks[] = {
    { "Agenda", "para-1", NULL, -1, true, { 0 } },
    { "Item 1: Opening", "para-2", NULL, 0, false, { 0 } },
    { "Website", NULL, "https://www.apminebanconvention.org/", -1, false, { 0 } },
    { "Annex (listed before its parent)", "no-such-id", NULL, 4, false, { "test.fo", 9, 5 } },
    { "Annexes", "para-2", NULL, -1, true, { 0 } },
};

/* Renders pages to path; returns the status of the first failing step. */
static msp_status render(const char *path, gint64 epoch, int pages, int n_words, bool draft,
                         msp_diag_list *diags_out)
{
    msp_job job;
    msp_job_init(&job);
    PangoContext *ctx = msp_fonts_new_context(fonts);
    msp_pdf_meta meta = { .title = "Final report", .subject = "APLC/MSP.22/2024/1",
                          .author = "Meeting of the States Parties", .keywords = "mines",
                          .language = "en", .epoch = epoch, .draft = draft, .pango = ctx,
                          .draft_stamp = draft ? "Draft built 2025-10-08, source 1a2b3c4d" : NULL };
    msp_pdf *pdf = NULL;
    msp_status st = msp_pdf_open(&job, &pdf, path, &meta);
    for (int i = 0; st == MSP_OK && i < pages; i++) {
        msp_page *page = make_page(ctx, i, n_words);
        st = msp_pdf_sink(pdf, page, &job.diags);
        msp_page_free(page);
    }
    msp_layout_result result = { .pages = pages, .bookmarks = bookmarks,
                                 .n_bookmarks = (int)G_N_ELEMENTS(bookmarks) };
    if (st == MSP_OK)
        st = msp_pdf_close(pdf, &result);
    else
        msp_pdf_abort(pdf);
    g_object_unref(ctx);
    if (diags_out)
        msp_diag_list_merge(diags_out, &job.diags);
    else if (st != MSP_OK)
        msp_diag_list_print(stderr, &job.diags);
    msp_job_clear(&job);
    return st;
}

static void test_pdf_fonts__embedded_subset_and_text(void **state)
{
    char *dir = fixture_scratch("fonts");
    char *path = g_build_filename(dir, "out.pdf", NULL);
    assert_int_equal(render(path, 1759881600, 2, 60, false, NULL), MSP_OK);
    assert_int_equal(fixture_count_entries(dir), 1);

    const char *pf[] = { "pdffonts", path, NULL };
    char *fonts_out = fixture_run(pf);
    assert_non_null(fonts_out);
    int serif = 0;
    char **lines = g_strsplit(fonts_out, "\n", -1);
    for (char **l = lines + 2; *l && **l; l++) {
        /* name type encoding emb sub uni object ID */
        char **cols = g_strsplit_set(*l, " ", -1);
        GPtrArray *f = g_ptr_array_new();
        for (char **c = cols; *c; c++)
            if (**c)
                g_ptr_array_add(f, *c);
        assert_true(f->len >= 7);
        const char *name = g_ptr_array_index(f, 0);
        assert_null(strstr(name, "DejaVu"));
        assert_true(strlen(name) > 7 && name[6] == '+');   /* ABCDEF+Name: a subset */
        assert_string_equal(g_ptr_array_index(f, f->len - 5), "yes");   /* emb */
        assert_string_equal(g_ptr_array_index(f, f->len - 4), "yes");   /* sub */
        if (strstr(name, "LiberationSerif"))
            serif++;
        g_ptr_array_free(f, TRUE);
        g_strfreev(cols);
    }
    g_strfreev(lines);
    assert_int_equal(serif, 2);   /* Regular and Italic */
    g_free(fonts_out);

    const char *pt[] = { "pdftotext", path, "-", NULL };
    char *text = fixture_run(pt);
    assert_non_null(text);
    assert_non_null(strstr(text, TEXT));
    assert_null(strstr(text, "DRAFT"));
    g_free(text);

    const char *pi[] = { "pdfinfo", path, NULL };
    char *info = fixture_run(pi);
    assert_non_null(info);
    assert_non_null(strstr(info, "Final report"));
    assert_non_null(strstr(info, "mspdoc " MSP_VERSION));
    assert_non_null(strstr(info, "Pages:           2"));
    assert_non_null(strstr(info, "2025"));
    g_free(info);
    g_free(path);
    g_free(dir);
}

static void test_pdf_close__byte_identical_for_one_epoch(void **state)
{
    char *dir = fixture_scratch("repro");
    char *a = g_build_filename(dir, "a.pdf", NULL);
    char *b = g_build_filename(dir, "b.pdf", NULL);
    char *c = g_build_filename(dir, "c.pdf", NULL);
    char *d = g_build_filename(dir, "d.pdf", NULL);
    assert_int_equal(render(a, 1759881600, 3, 200, true, NULL), MSP_OK);
    assert_int_equal(render(b, 1759881600, 3, 200, true, NULL), MSP_OK);
    assert_int_equal(render(c, 1000000000, 3, 200, true, NULL), MSP_OK);
    g_setenv("SOURCE_DATE_EPOCH", "1759881600", TRUE);
    assert_int_equal(render(d, -1, 3, 200, true, NULL), MSP_OK);
    char *da, *db, *dc, *dd;
    gsize la, lb, lc, ld;
    assert_true(g_file_get_contents(a, &da, &la, NULL));
    assert_true(g_file_get_contents(b, &db, &lb, NULL));
    assert_true(g_file_get_contents(c, &dc, &lc, NULL));
    assert_true(g_file_get_contents(d, &dd, &ld, NULL));
    assert_true(la > 1000);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    assert_int_equal(la, ld);
    assert_memory_equal(da, dd, la);   /* SOURCE_DATE_EPOCH gives the same dates */
    assert_true(lc != la || memcmp(da, dc, la) != 0);   /* the dates are in the file */
    g_free(da); g_free(db); g_free(dc); g_free(dd);
    g_free(a); g_free(b); g_free(c); g_free(d);
    g_free(dir);
}

static bool file_has(const char *data, gsize len, const char *needle)
{
    /* The file holds binary streams: search past NUL bytes. */
    size_t n = strlen(needle);
    for (gsize i = 0; n <= len && i <= len - n; i++)
        if (data[i] == needle[0] && memcmp(data + i, needle, n) == 0)
            return true;
    return false;
}

static void test_pdf_close__links_dests_and_outline(void **state)
{
    char *dir = fixture_scratch("links");
    char *path = g_build_filename(dir, "links.pdf", NULL);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_int_equal(render(path, 1759881600, 2, 0, false, &diags), MSP_OK);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(diags.warnings, 1);
    const msp_diag *w = g_ptr_array_index(diags.items, 0);
    assert_non_null(strstr(w->message, "no-such-id"));
    /* located at its fo:bookmark */
    assert_string_equal(w->loc.file, "test.fo");
    assert_int_equal(w->loc.line, 9);
    assert_int_equal(w->loc.column, 5);
    msp_diag_list_clear(&diags);
    /* a valid file (cairo 1.16's own is damaged where it has links) */
    const char *check[] = { "qpdf", "--check", path, NULL };
    char *checked = fixture_run(check);
    assert_non_null(checked);
    assert_non_null(strstr(checked, "No syntax or stream encoding errors"));
    assert_null(strstr(checked, "WARNING"));
    g_free(checked);
    /* objects are in compressed object streams: read them through qpdf */
    char *plain = g_build_filename(dir, "links-qdf.pdf", NULL);
    const char *qdf[] = { "qpdf", "--qdf", "--object-streams=disable", path, plain, NULL };
    g_free(fixture_run(qdf));
    char *data;
    gsize len;
    assert_true(g_file_get_contents(plain, &data, &len, NULL));
    g_free(plain);
    assert_true(file_has(data, len, "/Subtype /Link"));
    assert_true(file_has(data, len, "/URI (https://undocs.org/en/APLC/MSP.22/2024/1?a='b')"));
    assert_true(file_has(data, len, "/Dest (para-1)"));
    assert_true(file_has(data, len, "/Outlines"));
    assert_true(file_has(data, len, "/Dest (no-such-id)"));   /* kept, with a warning */
    assert_true(file_has(data, len, "(para-1)"));
    assert_true(file_has(data, len, "(para-2)"));
    assert_true(file_has(data, len, "(Item 1: Opening)"));
    assert_true(file_has(data, len, "(https://www.apminebanconvention.org/)"));
    g_free(data);

    /* poppler reads the outline and resolves the named destinations. */
    const char *pi[] = { "pdfinfo", "-dests", path, NULL };
    char *info = fixture_run(pi);
    assert_non_null(info);
    assert_non_null(strstr(info, "\"para-1\""));
    assert_non_null(strstr(info, "\"para-2\""));
    g_free(info);
    g_free(path);
    g_free(dir);
}

static void test_pdf_draft__watermark_and_stamp(void **state)
{
    char *dir = fixture_scratch("draft");
    char *path = g_build_filename(dir, "draft.pdf", NULL);
    assert_int_equal(render(path, 1759881600, 1, 0, true, NULL), MSP_OK);
    const char *pt[] = { "pdftotext", path, "-", NULL };
    char *text = fixture_run(pt);
    assert_non_null(text);
    /* The 45-degree watermark comes out one letter group per line. */
    GString *squeezed = g_string_new(NULL);
    for (const char *p = text; *p; p++)
        if (!g_ascii_isspace(*p))
            g_string_append_c(squeezed, *p);
    assert_non_null(strstr(squeezed->str, "DRAFT"));
    g_string_free(squeezed, TRUE);
    assert_non_null(strstr(text, "Draft built 2025-10-08, source 1a2b3c4d"));
    assert_non_null(strstr(text, TEXT));
    g_free(text);
    const char *pf[] = { "pdffonts", path, NULL };
    char *fl = fixture_run(pf);
    assert_non_null(strstr(fl, "LiberationSans-Bold"));
    g_free(fl);
    g_free(path);
    g_free(dir);
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

static void expect_output_error(const char *path)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    assert_int_equal(render(path, 0, 1, 0, false, &diags), MSP_E_OUTPUT);
    const msp_diag *d = first_error(&diags);
    assert_non_null(d);
    assert_int_equal(d->status, MSP_E_OUTPUT);
    assert_non_null(strstr(d->message, path));
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    msp_diag_list_clear(&diags);
}

static void test_pdf_open__unwritable_output_is_output_error(void **state)
{
    char *dir = fixture_scratch("unwritable");
    char *missing = g_build_filename(dir, "no-such-folder", "x.pdf", NULL);
    expect_output_error(missing);

    char *file = g_build_filename(dir, "plain-file", NULL);
    assert_true(g_file_set_contents(file, "x", 1, NULL));
    char *under_file = g_build_filename(file, "x.pdf", NULL);
    expect_output_error(under_file);

    if (geteuid() != 0) {   /* root writes into read-only folders */
        char *ro = g_build_filename(dir, "ro", NULL);
        g_mkdir(ro, 0555);
        char *in_ro = g_build_filename(ro, "x.pdf", NULL);
        expect_output_error(in_ro);
        assert_int_equal(fixture_count_entries(ro), 0);
        g_chmod(ro, 0755);
        g_free(in_ro);
        g_free(ro);
    }
    assert_int_equal(fixture_count_entries(dir), 1);   /* only plain-file */
    g_free(under_file);
    g_free(file);
    g_free(missing);
    g_free(dir);
}

/* A write failure in the middle of the file (file size limit: EFBIG, as a full
 * disk gives ENOSPC) becomes MSP_E_OUTPUT and leaves nothing behind. */
static void test_pdf_sink__write_failure_leaves_no_file(void **state)
{
    char *dir = fixture_scratch("efbig");
    char *path = g_build_filename(dir, "big.pdf", NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = { 20000, 20000 };
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(10);
        msp_diag_list diags;
        msp_diag_list_init(&diags);
        msp_status st = render(path, 0, 6, 900, false, &diags);
        if (st != MSP_E_OUTPUT)
            _exit(11);
        const msp_diag *d = first_error(&diags);
        if (!d || !strstr(d->message, path) || !strstr(d->message, g_strerror(EFBIG)))
            _exit(12);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(fixture_count_entries(dir), 0);
    g_free(path);
    g_free(dir);
}

static void test_pdf_abort__removes_temporary(void **state)
{
    char *dir = fixture_scratch("abort");
    char *path = g_build_filename(dir, "x.pdf", NULL);
    msp_job job;
    msp_job_init(&job);
    PangoContext *ctx = msp_fonts_new_context(fonts);
    msp_pdf *pdf = NULL;
    assert_int_equal(msp_pdf_open(&job, &pdf, path, NULL), MSP_OK);
    assert_int_equal(fixture_count_entries(dir), 1);   /* the temporary */
    msp_page *page = make_page(ctx, 0, 10);
    assert_int_equal(msp_pdf_sink(pdf, page, &job.diags), MSP_OK);
    msp_page_free(page);
    msp_pdf_abort(pdf);
    msp_pdf_abort(NULL);
    assert_int_equal(fixture_count_entries(dir), 0);

    /* No page at all: an error, and no file either. */
    assert_int_equal(msp_pdf_open(&job, &pdf, path, NULL), MSP_OK);
    assert_int_equal(msp_pdf_close(pdf, NULL), MSP_E_OUTPUT);
    assert_int_equal(fixture_count_entries(dir), 0);
    g_object_unref(ctx);
    msp_job_clear(&job);
    g_free(path);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_fonts__embedded_subset_and_text),
        cmocka_unit_test(test_pdf_close__byte_identical_for_one_epoch),
        cmocka_unit_test(test_pdf_close__links_dests_and_outline),
        cmocka_unit_test(test_pdf_draft__watermark_and_stamp),
        cmocka_unit_test(test_pdf_open__unwritable_output_is_output_error),
        cmocka_unit_test(test_pdf_sink__write_failure_leaves_no_file),
        cmocka_unit_test(test_pdf_abort__removes_temporary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
