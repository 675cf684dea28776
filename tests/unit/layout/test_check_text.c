/* Unit tests for layout/check_text: the text accounting of --check-text.
 * Whole layouts (every layout of the layout tests runs it, layout_fixture.h)
 * and the para builder's hooks driven by hand: a run never placed, placed
 * in part, out of order, a placeholder page number, text no run took. */
#include "layout_fixture.h"

#include "layout/para.h"

/* The first diagnostic whose message contains needle, or NULL. */
static const msp_diag *diag_with(const msp_job *job, const char *needle)
{
    for (guint i = 0; job->diags.items && i < job->diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job->diags.items, i);
        if (strstr(d->message, needle))
            return d;
    }
    return NULL;
}

/* --- whole layouts --- */

static void test_check_text_layout__counts_every_placed_line(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    for (int i = 0; i < 30; i++) {
        g_string_append_printf(f, "<fo:block>Paragraph %d with a note", i + 1);
        if (i % 3 == 0)
            note(f, "*", 2, "note");
        g_string_append(f, " and more words after it to make two lines of text at least here.</fo:block>");
    }
    char *statics = g_strconcat(SEP, "<fo:static-content flow-name='xsl-region-before'><fo:block>Head "
                                     "<fo:page-number/></fo:block></fo:static-content>", NULL);
    run *r = lay_flow("p", statics, f->str);
    g_free(statics);
    assert_int_equal(r->st, MSP_OK);
    assert_true(r->res.pages >= 3);
    /* every line of the dump was accounted as placed, none lost */
    assert_int_equal((long)xp_num(r, "count(//line)"), r->check.lines_placed);
    assert_true(r->check.runs >= 30 + 10 + r->res.pages);
    assert_true(r->check.text_nodes >= 30);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
    g_string_free(f, TRUE);
}

/* text inside a leader that repeats its content reaches the page; the same
 * text with the content never laid out would be a loss, so the accounting
 * is not fooled by the leader */
static void test_check_text_lost__leader_content_is_accounted(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL, "<fo:block>Contents <fo:leader leader-pattern='use-content' leader-length='30pt'>"
                                 ".x</fo:leader> 3</fo:block>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal(r->check.losses, 0);
    assert_true(xp_num(r, "count(//line[starts-with(., '.x.x')])") == 1);
    run_free(r);
}

/* the static content of a region-start is laid out in the region and
 * accounted like the other static contents (it was the last text layout
 * left on no page) */
static void test_check_text_lost__region_start_content_is_accounted(void **state)
{
    (void)state;
    const char *fo =
        "<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif'>"
        "<fo:layout-master-set><fo:simple-page-master master-name='s' page-width='300pt' page-height='300pt'>"
        "<fo:region-body margin-left='40pt'/><fo:region-start extent='40pt'/></fo:simple-page-master>"
        "</fo:layout-master-set><fo:page-sequence master-reference='s'>"
        "<fo:static-content flow-name='xsl-region-start'><fo:block>Side</fo:block><fo:block>bar</fo:block>"
        "</fo:static-content>"
        "<fo:flow flow-name='xsl-region-body'><fo:block>Body</fo:block></fo:flow></fo:page-sequence></fo:root>";
    run *r = lay_out(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal(r->check.losses, 0);
    assert_int_equal(r->job.diags.errors, 0);
    assert_true(xp_num(r, "count(//page[1]/line[@zone='start'][. = 'Side' or . = 'bar'])") == 2);
    run_free(r);
}

static void test_check_text_unused__separator_and_unretrieved_markers_are_not_lost(void **state)
{
    (void)state;
    /* the separator is laid out ahead of need; a marker no page retrieves is not content */
    char *statics = g_strconcat(SEP, "<fo:static-content flow-name='xsl-region-before'><fo:block>"
                                     "<fo:retrieve-marker retrieve-class-name='none'/></fo:block></fo:static-content>",
                                NULL);
    run *r = lay_flow("p", statics, "<fo:block><fo:marker marker-class-name='m'>Never shown</fo:marker>Body</fo:block>");
    g_free(statics);
    assert_int_equal(r->st, MSP_OK);
    assert_int_equal(r->check.losses, 0);
    run_free(r);
}

/* --- the hooks, by hand --- */

typedef struct hand {
    msp_job job;
    msp_fo_doc *doc;
    msp_check_text *check;
    msp_para_env env;
    msp_para para;
    msp_page *page;
} hand;

static const msp_fo_node *find_block(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_BLOCK)
            return c;
        const msp_fo_node *b = find_block(c);
        if (b)
            return b;
    }
    return NULL;
}

/* Builds the flow's first block as a para width pt wide, accounted. */
static hand *hand_build(const char *block, double width)
{
    hand *h = g_new0(hand, 1);
    msp_job_init(&h->job);
    char *fo = doc_fo("p", NULL, block);
    assert_int_equal(msp_fo_parse(&h->job, &h->doc, "hand.fo", fo, strlen(fo)), MSP_OK);
    g_free(fo);
    h->check = msp_check_text_new(&h->job, h->doc);
    h->env.job = &h->job;
    h->env.pango = g_ctx;
    h->env.doc = h->doc;
    h->env.check = h->check;
    const msp_fo_node *b = find_block(h->doc->root);
    assert_non_null(b);
    assert_int_equal(msp_para_build(&h->env, &h->para, b, b->first, b->last, width, 0, 0, true, true), MSP_OK);
    h->page = msp_page_new(300, 300);
    h->page->number_text = "7";
    return h;
}

static void hand_emit(hand *h, int line)
{
    msp_para_emit_line(&h->para, line, h->page, MSP_ZONE_BODY, 0, 12 * (line + 1), -1);
}

/* Frees the para (the run is judged), finishes; returns the status. */
static msp_status hand_finish(hand *h)
{
    msp_para_clear(&h->para);
    return msp_check_text_finish(h->check, MSP_OK);
}

static void hand_free(hand *h)
{
    msp_page_free(h->page);
    msp_check_text_free(h->check);
    msp_fo_doc_free(h->doc);
    msp_job_clear(&h->job);
    g_free(h);
}

static void test_check_text_run__placed_once_in_order_is_clean(void **state)
{
    (void)state;
    hand *h = hand_build("<fo:block>one two three four five six</fo:block>", 60);
    int n = h->para.n_lines;
    assert_true(n >= 2);
    for (int i = 0; i < n; i++)
        hand_emit(h, i);
    assert_int_equal(hand_finish(h), MSP_OK);
    assert_int_equal(h->job.diags.errors, 0);
    assert_int_equal(msp_check_text_counts_of(h->check).lines_placed, n);
    assert_int_equal(msp_check_text_counts_of(h->check).runs, 1);
    hand_free(h);
}

static void test_check_text_run__never_placed_is_an_error(void **state)
{
    (void)state;
    hand *h = hand_build("<fo:block>Lost paragraph</fo:block>", 200);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    const msp_diag *d = diag_with(&h->job, "a paragraph of 1 line was laid out but never placed on a page: "
                                           "'Lost paragraph'");
    assert_non_null(d);
    assert_string_equal(d->loc.file, "hand.fo");
    assert_true(d->loc.line > 0);
    hand_free(h);
}

static void test_check_text_run__a_line_placed_twice_is_an_error(void **state)
{
    (void)state;
    hand *h = hand_build("<fo:block>one two three four five six</fo:block>", 60);
    int n = h->para.n_lines;
    assert_true(n >= 2);
    for (int i = 0; i < n; i++)
        hand_emit(h, i);
    for (int i = 0; i < n - 1; i++)   /* all but the last line again */
        hand_emit(h, i);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    char *want = g_strdup_printf("line %d of a paragraph was placed 1 time, another of its lines 2", n);
    assert_non_null(diag_with(&h->job, want));
    g_free(want);
    hand_free(h);
}

static void test_check_text_run__repeated_in_full_is_clean(void **state)
{
    (void)state;
    /* a table header on each page: every line as often as the others */
    hand *h = hand_build("<fo:block>one two three four five six</fo:block>", 60);
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < h->para.n_lines; i++)
            hand_emit(h, i);
    assert_int_equal(hand_finish(h), MSP_OK);
    hand_free(h);
}

static void test_check_text_run__out_of_order_is_an_error(void **state)
{
    (void)state;
    hand *h = hand_build("<fo:block>one two three four five six</fo:block>", 60);
    assert_true(h->para.n_lines >= 2);
    hand_emit(h, 1);
    hand_emit(h, 0);
    for (int i = 2; i < h->para.n_lines; i++)
        hand_emit(h, i);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    assert_non_null(diag_with(&h->job, "line 2 of a paragraph was placed where line 1 belongs"));
    hand_free(h);
}

static void test_check_text_number__placeholder_printed_is_an_error(void **state)
{
    (void)state;
    /* no page_number_text and no page_number_now: the builder prints "00" */
    hand *h = hand_build("<fo:block>Page <fo:page-number/></fo:block>", 200);
    assert_string_equal(h->para.lines[0].text, "Page 00");
    hand_emit(h, 0);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    assert_non_null(diag_with(&h->job, "fo:page-number printed the placeholder '00', not a page number"));
    hand_free(h);
}

static void test_check_text_number__citation_placeholder_is_an_error(void **state)
{
    (void)state;
    /* no cite callback: the citation of a laid-out element prints "00" */
    hand *h = hand_build("<fo:block id='t'>See page <fo:page-number-citation ref-id='t'/></fo:block>", 200);
    assert_string_equal(h->para.lines[0].text, "See page 00");
    hand_emit(h, 0);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    assert_non_null(diag_with(&h->job, "fo:page-number-citation ref-id='t' printed a placeholder"));
    hand_free(h);
}

static const char *number_three(void *user, const msp_fo_node *node, msp_arena *arena)
{
    (void)user;
    assert_int_equal(node->kind, MSP_FO_PAGE_NUMBER);
    return msp_arena_strdup(arena, "3");
}

static void test_check_text_number__wrong_page_is_a_warning(void **state)
{
    (void)state;
    hand *h = g_new0(hand, 1);
    msp_job_init(&h->job);
    char *fo = doc_fo("p", NULL, "<fo:block>Page <fo:page-number/></fo:block>");
    assert_int_equal(msp_fo_parse(&h->job, &h->doc, "hand.fo", fo, strlen(fo)), MSP_OK);
    g_free(fo);
    h->check = msp_check_text_new(&h->job, h->doc);
    h->env = (msp_para_env){ .job = &h->job, .pango = g_ctx, .doc = h->doc, .check = h->check,
                             .page_number_now = number_three };
    const msp_fo_node *b = find_block(h->doc->root);
    assert_int_equal(msp_para_build(&h->env, &h->para, b, b->first, b->last, 200, 0, 0, true, true), MSP_OK);
    h->page = msp_page_new(300, 300);
    h->page->number_text = "4";
    hand_emit(h, 0);
    assert_int_equal(hand_finish(h), MSP_OK);
    const msp_diag *d = diag_with(&h->job, "fo:page-number printed '3' on page '4'");
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_WARNING);
    hand_free(h);
}

static void test_check_text_collect__text_no_run_took_is_an_error(void **state)
{
    (void)state;
    /* the flow's second block is never built: its text reached no run */
    hand *h = hand_build("<fo:block>Built</fo:block><fo:block>Never <fo:inline>built either</fo:inline></fo:block>",
                         200);
    hand_emit(h, 0);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    const msp_diag *d = diag_with(&h->job, "text never laid out: 'Never built either' (16 characters in fo:block)");
    assert_non_null(d);
    assert_true(d->loc.line > 0 && d->loc.column > 0);
    hand_free(h);
}

static void test_check_text_run__forgotten_before_placing_is_not_lost(void **state)
{
    (void)state;
    /* layout makes the lines again for another width: the first build is forgotten */
    hand *h = hand_build("<fo:block>Made again</fo:block>", 200);
    msp_para_forget(&h->para);
    assert_null(h->para.check);
    assert_int_equal(hand_finish(h), MSP_OK);
    assert_int_equal(msp_check_text_counts_of(h->check).runs, 0);
    hand_free(h);
    /* not once a line of it is on a page */
    h = hand_build("<fo:block>one two three four five six</fo:block>", 60);
    hand_emit(h, 0);
    msp_para_forget(&h->para);
    assert_non_null(h->para.check);
    assert_int_equal(hand_finish(h), MSP_E_LAYOUT);
    assert_non_null(diag_with(&h->job, "line 2 of a paragraph was placed 0 times, another of its lines 1"));
    hand_free(h);
}

static void test_check_text_finish__layout_failure_is_passed_through(void **state)
{
    (void)state;
    hand *h = hand_build("<fo:block>Not placed</fo:block>", 200);
    msp_para_clear(&h->para);
    assert_int_equal(msp_check_text_finish(h->check, MSP_E_FO), MSP_E_FO);
    assert_int_equal(h->job.diags.errors, 0);
    hand_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_text_layout__counts_every_placed_line),
        cmocka_unit_test(test_check_text_lost__leader_content_is_accounted),
        cmocka_unit_test(test_check_text_lost__region_start_content_is_accounted),
        cmocka_unit_test(test_check_text_unused__separator_and_unretrieved_markers_are_not_lost),
        cmocka_unit_test(test_check_text_run__placed_once_in_order_is_clean),
        cmocka_unit_test(test_check_text_run__never_placed_is_an_error),
        cmocka_unit_test(test_check_text_run__a_line_placed_twice_is_an_error),
        cmocka_unit_test(test_check_text_run__repeated_in_full_is_clean),
        cmocka_unit_test(test_check_text_run__out_of_order_is_an_error),
        cmocka_unit_test(test_check_text_number__placeholder_printed_is_an_error),
        cmocka_unit_test(test_check_text_number__citation_placeholder_is_an_error),
        cmocka_unit_test(test_check_text_number__wrong_page_is_a_warning),
        cmocka_unit_test(test_check_text_collect__text_no_run_took_is_an_error),
        cmocka_unit_test(test_check_text_run__forgotten_before_placing_is_not_lost),
        cmocka_unit_test(test_check_text_finish__layout_failure_is_passed_through),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
