/* Reading cairo's PDF back (render/pdf_read.c): the cross-reference table,
 * objects and streams located by it, and the scanners over PDF syntax:
 * keys, references, arrays, comments and strings that look like syntax. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "render/pdf_read.h"

/* A small file as cairo writes one: comments in dictionaries, an indirect
 * stream length, a classic xref table. Offsets are computed. */
static GByteArray *small_file(void)
{
    const char *objs[] = {
        "1 0 obj\n<< /Type /Pages % the tree\n   /Kids [ 2 0 R ] /Count 1 >>\nendobj\n",
        "2 0 obj\n<< /Type /Page % 1\n   /Parent 1 0 R\n   /Contents 3 0 R\n   /Annots [ 5 0 R ]\n>>\nendobj\n",
        "3 0 obj\n<< /Length 4 0 R >>\nstream\nBT (a) Tj ET\nendstream\nendobj\n",
        "4 0 obj\n   12\nendobj\n",
        "5 0 obj\n<< /Type /Annot /Contents (not 9 0 R \\) here) /A << /URI (x) >> >>\nendobj\n",
        "6 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n",
    };
    GByteArray *b = g_byte_array_new();
    const char *head = "%PDF-1.5\n";
    g_byte_array_append(b, (const guint8 *)head, (guint)strlen(head));
    gsize off[7] = { 0 };
    for (int i = 0; i < 6; i++) {
        off[i + 1] = b->len;
        g_byte_array_append(b, (const guint8 *)objs[i], (guint)strlen(objs[i]));
    }
    GString *x = g_string_new(NULL);
    gsize at = b->len;
    g_string_append(x, "xref\n0 7\n0000000000 65535 f \n");
    for (int i = 1; i <= 6; i++)
        g_string_append_printf(x, "%010lu 00000 n \n", (unsigned long)off[i]);
    g_string_append_printf(x, "trailer\n<< /Size 7 /Root 6 0 R >>\nstartxref\n%lu\n%%%%EOF\n",
                           (unsigned long)at);
    g_byte_array_append(b, (const guint8 *)x->str, (guint)x->len);
    g_string_free(x, TRUE);
    g_byte_array_append(b, (const guint8 *)"", 1);   /* the NUL the reader wants past the end */
    g_byte_array_set_size(b, b->len - 1);
    return b;
}

static void test_pdf_read__objects_and_streams(void **state)
{
    GByteArray *b = small_file();
    char *why = NULL;
    msp_pdf_file *f = msp_pdf_file_open(b->data, b->len, &why);
    assert_non_null(f);
    assert_int_equal(msp_pdf_file_size(f), 7);
    assert_int_equal(msp_pdf_dict_ref(msp_pdf_file_trailer(f), "/Root"), 6);
    char *t = NULL;
    const guint8 *data;
    gsize len;
    assert_true(msp_pdf_file_object(f, 2, &t, &data, &len));
    assert_null(data);
    assert_int_equal(msp_pdf_dict_ref(t, "/Parent"), 1);   /* past the "% 1" comment */
    assert_int_equal(msp_pdf_dict_ref(t, "/Contents"), 3);
    g_free(t);
    assert_true(msp_pdf_file_object(f, 3, &t, &data, &len));
    assert_int_equal(len, 12);   /* the length is object 4 */
    assert_memory_equal(data, "BT (a) Tj ET", 12);
    g_free(t);
    assert_false(msp_pdf_file_object(f, 9, &t, &data, &len));
    msp_pdf_file_free(f);
    g_byte_array_free(b, TRUE);
}

static void test_pdf_read__not_cairo_refused(void **state)
{
    const char *s = "%PDF-1.5\n1 0 obj << >> endobj\nstartxref\n9\n%%EOF\n";
    char *why = NULL;
    assert_null(msp_pdf_file_open((const guint8 *)s, strlen(s), &why));
    assert_non_null(why);
    g_free(why);
}

static void test_pdf_read__scanners(void **state)
{
    const char *d = "<< /A [ 1 0 R 2 0 R ] /B (a ( nested ) 7 0 R) /C <0A0B> /D << /E 3 0 R >> "
                    "/F 4 /G 5 0 R % 8 0 R in a comment\n /H 1.5 0 R >>";
    size_t s, e;
    assert_true(msp_pdf_dict_get(d, "/D", &s, &e));
    assert_int_equal(strncmp(d + s, "<< /E 3 0 R >>", e - s), 0);
    assert_true(msp_pdf_dict_get(d, "/G", &s, &e));
    assert_int_equal(msp_pdf_ref(d, s, e), 5);
    assert_false(msp_pdf_dict_get(d, "/Z", &s, &e));
    GArray *nums = g_array_new(FALSE, FALSE, sizeof(int));
    assert_true(msp_pdf_dict_get(d, "/A", &s, &e));
    msp_pdf_array_refs(d, s, e, nums);
    assert_int_equal(nums->len, 2);
    assert_int_equal(g_array_index(nums, int, 1), 2);
    g_array_set_size(nums, 0);
    msp_pdf_text_refs(d, nums);   /* not the string's 7, the comment's 8, nor "1.5 0 R" */
    int want[] = { 1, 2, 3, 5 };
    assert_int_equal(nums->len, G_N_ELEMENTS(want));
    for (guint i = 0; i < nums->len; i++)
        assert_int_equal(g_array_index(nums, int, i), want[i]);
    g_array_free(nums, TRUE);
    GString *o = g_string_new(NULL);
    const char *const skip[] = { "/B", "/D", NULL };
    msp_pdf_dict_copy(d, o, skip);
    assert_null(strstr(o->str, "/B"));
    assert_null(strstr(o->str, "/E"));
    assert_non_null(strstr(o->str, "/A [ 1 0 R 2 0 R ]"));
    assert_non_null(strstr(o->str, "/H 1.5"));
    g_string_free(o, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pdf_read__objects_and_streams),
        cmocka_unit_test(test_pdf_read__not_cairo_refused),
        cmocka_unit_test(test_pdf_read__scanners),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
