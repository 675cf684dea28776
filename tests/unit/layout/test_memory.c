/* Unit tests for layout memory: per-paragraph data (lines, texts, inline
 * objects, built footnotes) is freed as pages are emitted, so what layout
 * takes from the job's arena does not grow with the page count. */
#include "layout_fixture.h"

typedef struct count_sink {
    int pages;
    size_t chars;      /* line text seen, so the sink reads what layout gives it */
} count_sink;

static msp_status counting_sink(void *user, const msp_page *page, msp_diag_list *diags)
{
    (void)diags;
    count_sink *c = user;
    c->pages++;
    for (int i = 0; i < page->n_areas; i++)
        if (page->areas[i].kind == MSP_AREA_LINE && page->areas[i].u.line.text)
            c->chars += strlen(page->areas[i].u.line.text);
    return MSP_OK;
}

/* A flow of n justified paragraphs, each with a footnote and a link. */
static char *long_flow(int n)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++) {
        g_string_append_printf(s, "<fo:block text-align='justify' space-after='4pt'>Paragraph %d recalls "
                                  "the earlier resolutions<fo:footnote><fo:inline baseline-shift='super' "
                                  "font-size='6pt'>%d</fo:inline><fo:footnote-body><fo:block font-size='8pt'>"
                                  "Note %d: see document A/%d/Rev.1.</fo:block></fo:footnote-body></fo:footnote>"
                                  " and <fo:basic-link external-destination='url(https://undocs.org/A/%d)'>"
                                  "asks</fo:basic-link> the Secretary-General to report on its "
                                  "implementation at the next session.</fo:block>",
                               i + 1, i + 1, i + 1, i + 1, i + 1);
    }
    return g_string_free(s, FALSE);
}

/* Lays out paragraphs until about `pages` pages; returns the bytes layout
 * took from the job's arena (after the FO tree was built). */
static size_t layout_arena_growth(int paras, int *pages_out)
{
    char *flow = long_flow(paras);
    char *fo = doc_fo("p", SEP, flow);
    g_free(flow);
    msp_job job;
    msp_job_init(&job);
    msp_fo_doc *doc = NULL;
    assert_int_equal(msp_fo_parse(&job, &doc, "mem.fo", fo, strlen(fo)), MSP_OK);
    g_free(fo);
    size_t before = msp_arena_used(job.arena);
    count_sink c = { 0, 0 };
    msp_layout_opts opts = { .pango = g_ctx, .sink = counting_sink, .sink_user = &c };
    msp_layout_result res;
    msp_status st = msp_layout_run(&job, doc, &opts, &res);
    if (st != MSP_OK)
        msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(st, MSP_OK);
    assert_int_equal(res.pages, c.pages);
    assert_true(c.chars > 0);
    size_t grown = msp_arena_used(job.arena) - before;
    msp_fo_doc_free(doc);
    msp_job_clear(&job);
    *pages_out = c.pages;
    return grown;
}

static void test_memory_arena__does_not_grow_with_pages(void **state)
{
    (void)state;
    /* about 4 paragraphs (with their notes) per 240 pt page */
    int p50 = 0, p300 = 0;
    size_t g50 = layout_arena_growth(200, &p50);
    size_t g300 = layout_arena_growth(1200, &p300);
    fprintf(stderr, "arena growth: %d pages %zu B, %d pages %zu B\n", p50, g50, p300, g300);
    assert_true(p50 >= 45);
    assert_true(p300 >= 280);
    /* growth < 10% (plus a few bytes for the title-like results) */
    assert_true((double)g300 <= (double)g50 * 1.10 + 256);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory_arena__does_not_grow_with_pages),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
