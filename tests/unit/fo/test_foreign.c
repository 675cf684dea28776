/* Unit tests for fo/: fo:instream-foreign-object holding an mspdoc graphic
 * (urn:x-mspdoc:graphics) becomes an inline node whose attrs carry the
 * graphic's name and attributes; any other content is an error with a place. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fo/fo.h"

static msp_job job;

static int setup(void **state)
{
    (void)state;
    msp_job_init(&job);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    msp_job_clear(&job);
    return 0;
}

/* A one-page document whose only block holds `inner` (on line 5). */
static msp_status parse_block(msp_fo_doc **doc, const char *inner)
{
    char *xml = g_strdup_printf(
        "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xmlns:g=\"urn:x-mspdoc:graphics\">\n"
        "<fo:layout-master-set><fo:simple-page-master master-name=\"p\">\n"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>\n"
        "<fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\">\n"
        "<fo:block>%s</fo:block></fo:flow></fo:page-sequence></fo:root>\n", inner);
    msp_status s = msp_fo_parse(&job, doc, "mem.fo", xml, strlen(xml));
    g_free(xml);
    return s;
}

static const msp_fo_node *first_of_kind(const msp_fo_node *n, msp_fo_kind kind)
{
    if (n->kind == kind)
        return n;
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        const msp_fo_node *f = first_of_kind(c, kind);
        if (f)
            return f;
    }
    return NULL;
}

static const msp_diag *first_error(void)
{
    for (guint i = 0; i < job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job.diags.items, i);
        if (d->severity == MSP_SEV_ERROR)
            return d;
    }
    return NULL;
}

static void test_foreign_parse__keeps_graphic_attributes(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = parse_block(&doc, "A<fo:instream-foreign-object id=\"q\">\n  <!-- c -->"
                                     "<g:qr data=\"http://undocs.org/X\" module=\"0.55mm\" level=\"M\"/>\n"
                                     "</fo:instream-foreign-object>B");
    if (s != MSP_OK)
        msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(s, MSP_OK);
    const msp_fo_node *n = first_of_kind(doc->root, MSP_FO_INSTREAM_FOREIGN_OBJECT);
    assert_non_null(n);
    assert_true(msp_fo_is_inline(n));
    assert_string_equal(msp_fo_kind_name(n->kind), "fo:instream-foreign-object");
    assert_string_equal(msp_fo_attr_value(n, "graphic"), "qr");
    assert_string_equal(msp_fo_attr_value(n, "data"), "http://undocs.org/X");
    assert_string_equal(msp_fo_attr_value(n, "module"), "0.55mm");
    assert_string_equal(msp_fo_attr_value(n, "level"), "M");
    assert_string_equal(msp_fo_attr_value(n, "id"), "q");
    assert_null(n->first);   /* the graphic is not a child node */
    assert_int_equal(n->loc.line, 5);
    assert_int_equal(n->parent->kind, MSP_FO_BLOCK);
    msp_fo_doc_free(doc);
}

static void test_foreign_parse__refuses_mathml_with_location(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = parse_block(&doc, "<fo:instream-foreign-object>\n"
                                     "  <math xmlns=\"http://www.w3.org/1998/Math/MathML\"/></fo:instream-foreign-object>");
    assert_int_equal(s, MSP_E_FO);
    assert_null(doc);
    const msp_diag *d = first_error();
    assert_non_null(d);
    assert_non_null(strstr(d->message, "only SVG (http://www.w3.org/2000/svg) and mspdoc graphics "
                                       "(urn:x-mspdoc:graphics) are supported in fo:instream-foreign-object"));
    assert_string_equal(d->loc.file, "mem.fo");
    assert_int_equal(d->loc.line, 6);
    assert_true(d->loc.column > 0);
}

static void test_foreign_parse__refuses_text_empty_and_two_graphics(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<fo:instream-foreign-object>text</fo:instream-foreign-object>",
        "<fo:instream-foreign-object> </fo:instream-foreign-object>",
        "<fo:instream-foreign-object><g:qr data=\"a\"/><g:qr data=\"b\"/></fo:instream-foreign-object>",
        "<fo:instream-foreign-object><fo:block/></fo:instream-foreign-object>",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        msp_fo_doc *doc = NULL;
        assert_int_equal(parse_block(&doc, bad[i]), MSP_E_FO);
        const msp_diag *d = first_error();
        assert_non_null(d);
        assert_non_null(strstr(d->message, "and mspdoc graphics"));
        assert_int_equal(d->loc.line, 5);
        msp_diag_list_clear(&job.diags);
        msp_diag_list_init(&job.diags);
    }
}

static void test_foreign_parse__only_where_inlines_go(void **state)
{
    (void)state;
    const char *xml =
        "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" xmlns:g=\"urn:x-mspdoc:graphics\">"
        "<fo:layout-master-set><fo:simple-page-master master-name=\"p\">"
        "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>"
        "<fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\">"
        "<fo:instream-foreign-object><g:qr data=\"a\"/></fo:instream-foreign-object>"
        "</fo:flow></fo:page-sequence></fo:root>";
    msp_fo_doc *doc = NULL;
    assert_int_equal(msp_fo_parse(&job, &doc, "mem.fo", xml, strlen(xml)), MSP_E_FO);
    const msp_diag *d = first_error();
    assert_non_null(d);
    assert_non_null(strstr(d->message, "fo:instream-foreign-object is not allowed inside fo:flow"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_foreign_parse__keeps_graphic_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_parse__refuses_mathml_with_location, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_parse__refuses_text_empty_and_two_graphics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_parse__only_where_inlines_go, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
