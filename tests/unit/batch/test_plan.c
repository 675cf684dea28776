/* Finding sources: recursive search for paper roots, other XML skipped,
 * malformed and unreadable files kept as failures with locations, symbols
 * and output names claimed twice refused for both, <draft/> seen, a
 * missing input a usage error. */
#include "batch/batch_private.h"

#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static void put(const char *dir, const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    char *d = g_path_get_dirname(p);
    g_mkdir_with_parents(d, 0777);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(d);
    g_free(p);
}

static char *paper(const char *symbol, const char *extra)
{
    return g_strdup_printf("<?xml version=\"1.0\"?>\n<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\">\n"
                           "  <meta>\n    %s%s%s\n    <title>T</title>%s\n  </meta>\n  <body/>\n</paper>\n",
                           symbol ? "<symbol>" : "", symbol ? symbol : "", symbol ? "</symbol>" : "", extra);
}

/* text with the first occurrence of from replaced by to (owned) */
static char *msp_test_replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    return g_strdup_printf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static char *tree(void)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "plan-XXXXXX", NULL);
    g_mkdir_with_parents(MSP_TEST_TMP, 0777);
    assert_non_null(g_mkdtemp(dir));
    char *t;
    put(dir, "a.xml", t = paper("APLC/MSP.22/2025/1", ""));
    g_free(t);
    put(dir, "sub/deeper/b.xml", t = paper("APLC/MSP.22/2025/2", "\n    <draft/>"));
    g_free(t);
    put(dir, "dup1.xml", t = paper("APLC/MSP.22/2025/9", ""));
    g_free(t);
    put(dir, "sub/dup2.xml", t = paper(" APLC/MSP.22/2025/9 ", ""));
    g_free(t);
    put(dir, "statement.xml", t = paper(NULL, ""));
    g_free(t);
    /* the French version of a.xml: same symbol, another language */
    t = paper("APLC/MSP.22/2025/1", "");
    char *fr = msp_test_replace(t, "xml:lang=\"en\"", "xml:lang=\"fr\"");
    put(dir, "a-fr.xml", fr);
    g_free(fr);
    g_free(t);
    put(dir, "other.xml", "<?xml version=\"1.0\"?>\n<html><body/></html>\n");
    put(dir, "bad.xml", "<paper xmlns=\"urn:x-mspdoc:paper:1\">\n  <meta>\n</paper>\n");
    put(dir, "notes.txt", "not xml");
    put(dir, ".hidden/c.xml", "<broken");
    char *link = g_build_filename(dir, "gone.xml", NULL);
    assert_int_equal(symlink("/nonexistent/nowhere.xml", link), 0);
    g_free(link);
    return dir;
}

static msp_paper *find(GPtrArray *papers, const char *suffix)
{
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (g_str_has_suffix(p->source, suffix))
            return p;
    }
    return NULL;
}

static void test_plan_find__classifies_a_folder(void **state)
{
    char *dir = tree();
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_diag_list usage;
    msp_diag_list_init(&usage);
    char *inputs[] = { dir };
    assert_int_equal(msp_plan_find(papers, &usage, inputs, 1), MSP_OK);
    /* a, a-fr, b, dup1, dup2, statement, bad, gone: other.xml, notes.txt and .hidden skipped */
    assert_int_equal(papers->len, 8);
    assert_null(find(papers, "other.xml"));
    assert_null(find(papers, "c.xml"));

    msp_paper *a = find(papers, "/a.xml");
    assert_int_equal(a->status, MSP_PAPER_PENDING);
    assert_string_equal(a->symbol, "APLC/MSP.22/2025/1");
    assert_string_equal(a->output_name, "APLC_MSP.22_2025_1-E.pdf");
    assert_int_equal(a->symbol_loc.line, 4);
    assert_int_equal(a->symbol_loc.column, 5);
    assert_false(a->draft);
    assert_int_equal(strlen(a->source_sha256), 64);

    /* a language version shares the symbol, not the output file */
    msp_paper *afr = find(papers, "/a-fr.xml");
    assert_int_equal(afr->status, MSP_PAPER_PENDING);
    assert_false(afr->check_only);
    assert_int_equal(afr->diags.errors, 0);
    assert_string_equal(afr->language, "fr");
    assert_string_equal(afr->output_name, "APLC_MSP.22_2025_1-F.pdf");

    msp_paper *b = find(papers, "/b.xml");
    assert_true(b->draft);

    msp_paper *s = find(papers, "/statement.xml");
    assert_int_equal(s->status, MSP_PAPER_PENDING);
    assert_string_equal(s->output_name, "statement.pdf");

    msp_paper *bad = find(papers, "/bad.xml");
    assert_int_equal(bad->status, MSP_PAPER_FAILED);
    const msp_diag *d = bad->diags.items->pdata[0];
    assert_int_equal(d->status, MSP_E_XML);
    assert_int_equal(d->loc.line, 3);
    assert_true(d->loc.column > 0);

    msp_paper *gone = find(papers, "/gone.xml");
    assert_int_equal(gone->status, MSP_PAPER_FAILED);
    assert_true(gone->diags.errors > 0);

    msp_paper *d1 = find(papers, "/dup1.xml"), *d2 = find(papers, "/dup2.xml");
    /* both refused: checked for a full report, never built */
    assert_true(d1->check_only && d2->check_only);
    assert_true(d1->diags.errors == 1 && d2->diags.errors == 1);
    const msp_diag *m1 = d1->diags.items->pdata[0], *m2 = d2->diags.items->pdata[0];
    assert_int_equal(m1->status, MSP_E_SYMBOL);
    assert_int_equal(m1->loc.line, 4);
    char *where2 = g_strdup_printf("also claimed by %s:4:5", d2->source);
    char *where1 = g_strdup_printf("also claimed by %s:4:5", d1->source);
    assert_non_null(strstr(m1->message, where2));
    assert_non_null(strstr(m2->message, where1));
    /* same symbol and same language: the hint says so */
    assert_non_null(strstr(m1->hint, "xml:lang=\"en\""));
    assert_non_null(strstr(m2->hint, "language versions"));
    g_free(where1);
    g_free(where2);

    g_ptr_array_free(papers, TRUE);
    msp_diag_list_clear(&usage);
    g_free(dir);
}

static void test_plan_find__explicit_files_and_usage(void **state)
{
    char *dir = tree();
    GPtrArray *papers = g_ptr_array_new_with_free_func((GDestroyNotify)msp_paper_free);
    msp_diag_list usage;
    msp_diag_list_init(&usage);
    char *a = g_build_filename(dir, "a.xml", NULL);
    char *other = g_build_filename(dir, "other.xml", NULL);
    char *inputs[] = { a, other, a };
    assert_int_equal(msp_plan_find(papers, &usage, inputs, 3), MSP_OK);
    assert_int_equal(papers->len, 2); /* a.xml once; other.xml named, so refused */
    msp_paper *o = find(papers, "/other.xml");
    assert_int_equal(o->status, MSP_PAPER_FAILED);
    assert_int_equal(((msp_diag *)o->diags.items->pdata[0])->loc.line, 2);

    char *missing = g_build_filename(dir, "missing-folder", NULL);
    char *bad_inputs[] = { missing };
    assert_int_equal(msp_plan_find(papers, &usage, bad_inputs, 1), MSP_E_USAGE);
    assert_int_equal(usage.errors, 1);
    g_free(missing);
    g_free(a);
    g_free(other);
    g_ptr_array_free(papers, TRUE);
    msp_diag_list_clear(&usage);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_find__classifies_a_folder),
        cmocka_unit_test(test_plan_find__explicit_files_and_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
