/* Unit tests for safe source loading: every malformed-XML error with
 * file:line:column, DOCTYPE refused, non-UTF-8 and truncated files, the
 * size and depth limits, and element columns recorded while parsing. */
#include "source/source.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

static char *fixture(const char *name)
{
    return g_build_filename(MSP_TEST_DATA, "source", name, NULL);
}

static bool has_error(const msp_job *job, int line, int column, const char *want)
{
    for (guint i = 0; i < job->diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job->diags.items, i);
        if (d->severity == MSP_SEV_ERROR && d->loc.line == line && d->loc.column == column &&
            strstr(d->message, want))
            return true;
    }
    msp_diag_list_print(stderr, &job->diags);
    return false;
}

static void test_load_malformed__reports_every_error_with_column(void **state)
{
    msp_job job;
    msp_job_init(&job);
    char *path = fixture("load_malformed.xml");
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_E_XML);
    assert_null(src);
    assert_true(has_error(&job, 4, 15, "xmlParseEntityRef: no name"));
    assert_true(job.diags.errors >= 2);
    assert_true(has_error(&job, 6, 17, "Opening and ending tag mismatch: p line 6 and b"));
    g_free(path);
    msp_job_clear(&job);
}

static void test_load_doctype__is_refused_at_its_place(void **state)
{
    msp_job job;
    msp_job_init(&job);
    char *path = fixture("load_doctype.xml");
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_E_XML);
    assert_true(has_error(&job, 2, 1, "DOCTYPE declarations are not allowed in sources"));
    assert_int_equal(job.diags.errors, 1);
    g_free(path);
    msp_job_clear(&job);
}

static void test_load_encoding__refuses_latin1_and_truncation(void **state)
{
    msp_job job;
    msp_job_init(&job);
    char *path = fixture("load_latin1.xml");
    msp_source *src = NULL;
    assert_int_equal(msp_source_load(&job, &src, path), MSP_E_XML);
    assert_true(has_error(&job, 3, 9, "invalid UTF-8 byte 0xE9"));
    g_free(path);
    msp_job_clear(&job);

    msp_job_init(&job);
    path = fixture("load_truncated.xml");
    assert_int_equal(msp_source_load(&job, &src, path), MSP_E_XML);
    const msp_diag *d = g_ptr_array_index(job.diags.items, 0);
    assert_int_equal(d->loc.line, 4);
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "truncated"));
    g_free(path);
    msp_job_clear(&job);

    msp_job_init(&job);
    assert_int_equal(msp_source_load(&job, &src, "/nonexistent/x.xml"), MSP_E_IO);
    msp_job_clear(&job);
}

static void test_load_limits__size_and_depth(void **state)
{
    msp_job job;
    msp_job_init(&job);
    job.limits.max_source_bytes = 10;
    msp_source *src = NULL;
    const char *small = "<a>0123456789</a>";
    assert_int_equal(msp_source_load_memory(&job, &src, "mem.xml", small, strlen(small)), MSP_E_LIMIT);
    msp_job_clear(&job);

    msp_job_init(&job);
    job.limits.max_depth = 20;
    GString *deep = g_string_new(NULL);
    for (int i = 0; i < 30; i++)
        g_string_append(deep, "<d>");
    for (int i = 0; i < 30; i++)
        g_string_append(deep, "</d>");
    assert_int_equal(msp_source_load_memory(&job, &src, "deep.xml", deep->str, deep->len), MSP_E_LIMIT);
    assert_true(has_error(&job, 1, 61, "elements nested deeper than 20 levels"));
    assert_int_equal(job.diags.errors, 1);
    g_string_free(deep, TRUE);
    msp_job_clear(&job);
}

static void test_load_columns__are_recorded_per_element(void **state)
{
    msp_job job;
    msp_job_init(&job);
    const char *text = "<?xml version=\"1.0\"?>\n<r>\n  <a x=\"1\"\n     y=\"2\"/><b>é<c/></b>\n</r>\n";
    msp_source *src = NULL;
    assert_int_equal(msp_source_load_memory(&job, &src, "mem.xml", text, strlen(text)), MSP_OK);
    xmlNode *r = xmlDocGetRootElement(src->doc);
    xmlNode *a = r->children->next;
    xmlNode *b = a->next;
    xmlNode *c = b->children->next;
    msp_loc la = msp_source_loc(src, a), lb = msp_source_loc(src, b), lc = msp_source_loc(src, c);
    assert_int_equal(la.line, 3);
    assert_int_equal(la.column, 3);
    assert_int_equal(lb.line, 4);
    assert_int_equal(lb.column, 13);
    assert_int_equal(lc.line, 4);
    assert_int_equal(lc.column, 17);
    assert_string_equal(la.file, "mem.xml");
    assert_int_equal(strlen(src->sha256), 64);
    msp_source_free(src);
    msp_job_clear(&job);
}

/* The same columns after a byte-order mark, and deep into a long file (the
 * parser has shrunk its input many times by then). */
static void test_load_columns__after_a_bom_and_far_into_a_file(void **state)
{
    msp_job job;
    msp_job_init(&job);
    GString *text = g_string_new("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>\n");
    for (int i = 0; i < 5000; i++)
        g_string_append_printf(text, "  <e n=\"%d\">caf\xC3\xA9 %d</e>\n", i, i);
    g_string_append(text, "  <last/><x/>\n</r>\n");
    msp_source *src = NULL;
    assert_int_equal(msp_source_load_memory(&job, &src, "big.xml", text->str, text->len), MSP_OK);
    xmlNode *r = xmlDocGetRootElement(src->doc);
    msp_loc lr = msp_source_loc(src, r);
    assert_int_equal(lr.line, 2);
    assert_int_equal(lr.column, 1);
    xmlNode *last = NULL, *x = NULL;
    for (xmlNode *n = r->children; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "last"))
            last = n;
    assert_non_null(last);
    x = last->next;
    msp_loc ll = msp_source_loc(src, last), lx = msp_source_loc(src, x);
    assert_int_equal(ll.line, 5003);
    assert_int_equal(ll.column, 3);
    assert_int_equal(lx.line, 5003);
    assert_int_equal(lx.column, 10);
    msp_source_free(src);
    msp_job_clear(&job);
    g_string_free(text, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_malformed__reports_every_error_with_column),
        cmocka_unit_test(test_load_doctype__is_refused_at_its_place),
        cmocka_unit_test(test_load_encoding__refuses_latin1_and_truncation),
        cmocka_unit_test(test_load_limits__size_and_depth),
        cmocka_unit_test(test_load_columns__are_recorded_per_element),
        cmocka_unit_test(test_load_columns__after_a_bom_and_far_into_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
