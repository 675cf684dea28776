/* Unit tests for the XSLT runner: a transform reading data/ works; reading
 * outside the allowed folders, writing with xsl:document or exsl:document
 * and network access are refused with clear messages. */
#include "xslt/xslt.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>
#include <time.h>
#include <utime.h>

static char *tmp_templates;
static char *tmp_data;
static char *tmp_source_dir;
static msp_xslt *xs;

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(p);
}

#define XSL_HEAD "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform' " \
                 "xmlns:exsl='http://exslt.org/common' extension-element-prefixes='exsl'>" \
                 "<xsl:param name='data'/><xsl:param name='draft'/>"

static int setup(void **state)
{
    msp_xslt_global_init();
    char *base = g_build_filename(MSP_TEST_TMP, "xslt-run", NULL);
    tmp_templates = g_build_filename(base, "templates", NULL);
    tmp_data = g_build_filename(base, "data", NULL);
    tmp_source_dir = g_build_filename(base, "papers", NULL);
    g_mkdir_with_parents(tmp_templates, 0755);
    g_mkdir_with_parents(tmp_data, 0755);
    g_mkdir_with_parents(tmp_source_dir, 0755);
    write_file(tmp_data, "meetings.xml", "<meetings><meeting id='22MSP'/></meetings>");
    write_file(tmp_source_dir, "side.xml", "<side>beside</side>");
    write_file(tmp_templates, "ok.xsl", XSL_HEAD
               "<xsl:template match='/'><out draft='{$draft}'><xsl:value-of select=\"document(concat($data, "
               "'meetings.xml'))/meetings/meeting/@id\"/>|<xsl:value-of select=\"document('../papers/side.xml')\"/>"
               "</out></xsl:template></xsl:stylesheet>");
    write_file(tmp_templates, "readout.xsl", XSL_HEAD
               "<xsl:template match='/'><out><xsl:value-of select=\"document('/etc/hostname')\"/></out>"
               "</xsl:template></xsl:stylesheet>");
    write_file(tmp_templates, "writexsl.xsl", "<xsl:stylesheet version='1.1' "
               "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:template match='/'>"
               "<xsl:document href='/tmp/mspdoc-xslt-written.txt'><x/></xsl:document><out/>"
               "</xsl:template></xsl:stylesheet>");
    write_file(tmp_templates, "writeexsl.xsl", XSL_HEAD
               "<xsl:template match='/'><exsl:document href='/tmp/mspdoc-exsl-written.txt'><x/></exsl:document>"
               "<out/></xsl:template></xsl:stylesheet>");
    write_file(tmp_templates, "net.xsl", XSL_HEAD
               "<xsl:template match='/'><out><xsl:value-of select=\"document('http://example.com/x.xml')\"/>"
               "</out></xsl:template></xsl:stylesheet>");
    write_file(tmp_templates, "common.xsl", "<xsl:stylesheet version='1.0' "
               "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:include href='parts/deep.xsl'/>"
               "<xsl:template name='c'/></xsl:stylesheet>");
    char *parts = g_build_filename(tmp_templates, "parts", NULL);
    g_mkdir_with_parents(parts, 0755);
    write_file(parts, "deep.xsl", "<xsl:stylesheet version='1.0' "
               "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:template name='d'/></xsl:stylesheet>");
    write_file(parts, "base.xsl", "<xsl:stylesheet version='1.0' "
               "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:template match='/'><base/></xsl:template>"
               "</xsl:stylesheet>");
    g_free(parts);
    write_file(tmp_templates, "composed.xsl", "<xsl:stylesheet version='1.0' "
               "xmlns:xsl='http://www.w3.org/1999/XSL/Transform'><xsl:import href='parts/base.xsl'/>"
               "<xsl:include href='common.xsl'/><xsl:param name='data'/><xsl:param name='draft'/>"
               "</xsl:stylesheet>");
    g_free(base);
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    xs = msp_xslt_load(&diags, tmp_templates, tmp_data);
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    return xs ? 0 : -1;
}

static int teardown(void **state)
{
    msp_xslt_free(xs);
    g_free(tmp_templates);
    g_free(tmp_data);
    g_free(tmp_source_dir);
    return 0;
}

static msp_status run(msp_job *job, const char *kind, xmlDoc **out)
{
    static const char src_text[] = "<paper/>";
    xmlDoc *src = xmlReadMemory(src_text, sizeof src_text - 1, "src.xml", NULL, XML_PARSE_NONET);
    msp_xslt_params params = { true, "abc" };
    msp_status st = msp_xslt_run(job, xs, kind, src, "papers/src.xml", tmp_source_dir, &params, out);
    xmlFreeDoc(src);
    return st;
}

static bool has_message(const msp_job *job, const char *want)
{
    for (guint i = 0; i < job->diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job->diags.items, i);
        if (strstr(d->message, want) && d->status == MSP_E_XSLT)
            return true;
    }
    msp_diag_list_print(stderr, &job->diags);
    return false;
}

static void test_run_reads__data_and_source_folder_allowed(void **state)
{
    msp_job job;
    msp_job_init(&job);
    xmlDoc *out = NULL;
    assert_int_equal(run(&job, "ok", &out), MSP_OK);
    xmlNode *root = xmlDocGetRootElement(out);
    xmlChar *text = xmlNodeGetContent(root);
    xmlChar *draft = xmlGetProp(root, (const xmlChar *)"draft");
    assert_string_equal((const char *)text, "22MSP|beside");
    assert_string_equal((const char *)draft, "1");
    xmlFree(text);
    xmlFree(draft);
    xmlFreeDoc(out);
    assert_int_equal(job.diags.errors, 0);
    msp_job_clear(&job);
}

static char *run_text(const char *kind)
{
    msp_job job;
    msp_job_init(&job);
    xmlDoc *out = NULL;
    assert_int_equal(run(&job, kind, &out), MSP_OK);
    xmlChar *text = xmlNodeGetContent(xmlDocGetRootElement(out));
    char *r = g_strdup((const char *)text);
    xmlFree(text);
    xmlFreeDoc(out);
    assert_int_equal(job.diags.errors, 0);
    msp_job_clear(&job);
    return r;
}

/* document()'s files are kept per thread from their second reading on
 * (xslt_doccache.c): the third run is served from the cache and reads the
 * same data, an edited file is read again, and the cached document survives
 * the transforms that used it (ASan and valgrind see a use after free or a
 * double free otherwise). */
static void test_run_data__cached_until_the_file_changes(void **state)
{
    char *first = run_text("ok");
    char *again = run_text("ok");
    char *cached = run_text("ok");
    assert_string_equal(first, "22MSP|beside");
    assert_string_equal(again, first);
    assert_string_equal(cached, first);
    g_free(cached);
    /* same size, another content and modification time */
    write_file(tmp_data, "meetings.xml", "<meetings><meeting id='23MSP'/></meetings>");
    char *path = g_build_filename(tmp_data, "meetings.xml", NULL);
    struct utimbuf later = { time(NULL) + 10, time(NULL) + 10 };
    assert_int_equal(utime(path, &later), 0);
    char *edited = run_text("ok");
    assert_string_equal(edited, "23MSP|beside");
    write_file(tmp_data, "meetings.xml", "<meetings><meeting id='22MSP'/></meetings>");
    g_free(path);
    g_free(first);
    g_free(again);
    g_free(edited);
}

static void test_run_reads__outside_roots_refused(void **state)
{
    msp_job job;
    msp_job_init(&job);
    xmlDoc *out = NULL;
    assert_int_equal(run(&job, "readout", &out), MSP_E_XSLT);
    assert_null(out);
    assert_true(has_message(&job, "document('/etc/hostname') reads outside the allowed folders"));
    msp_job_clear(&job);
}

static void test_run_writes__are_refused(void **state)
{
    const char *kinds[] = { "writexsl", "writeexsl" };
    const char *files[] = { "/tmp/mspdoc-xslt-written.txt", "/tmp/mspdoc-exsl-written.txt" };
    for (int i = 0; i < 2; i++) {
        g_unlink(files[i]);
        msp_job job;
        msp_job_init(&job);
        xmlDoc *out = NULL;
        assert_int_equal(run(&job, kinds[i], &out), MSP_E_XSLT);
        assert_null(out);
        assert_true(has_message(&job, "the stylesheet tried to write"));
        assert_false(g_file_test(files[i], G_FILE_TEST_EXISTS));
        msp_job_clear(&job);
    }
}

static void test_run_network__is_refused(void **state)
{
    msp_job job;
    msp_job_init(&job);
    xmlDoc *out = NULL;
    assert_int_equal(run(&job, "net", &out), MSP_E_XSLT);
    assert_true(has_message(&job, "network access to 'http://example.com/x.xml' refused"));
    msp_job_clear(&job);
}

static void test_run_kind__unknown_is_an_error(void **state)
{
    msp_job job;
    msp_job_init(&job);
    xmlDoc *out = NULL;
    assert_int_equal(run(&job, "memo", &out), MSP_E_XSLT);
    assert_true(has_message(&job, "no stylesheet templates/memo.xsl"));
    msp_job_clear(&job);
}

/* a kind's files: itself, what it includes (at any depth) and imports */
static void test_kind_files__includes_and_imports(void **state)
{
    (void)state;
    GPtrArray *files = msp_xslt_kind_files(xs, "composed");
    GString *names = g_string_new(NULL);
    for (guint i = 0; i < files->len; i++) {
        char *b = g_path_get_basename(files->pdata[i]);
        g_string_append_printf(names, "%s;", b);
        g_free(b);
    }
    assert_int_equal(files->len, 4);
    assert_non_null(strstr(names->str, "composed.xsl;"));
    assert_non_null(strstr(names->str, "common.xsl;"));
    assert_non_null(strstr(names->str, "deep.xsl;"));
    assert_non_null(strstr(names->str, "base.xsl;"));
    g_string_free(names, TRUE);
    g_ptr_array_free(files, TRUE);
    files = msp_xslt_kind_files(xs, "no-such-kind");
    assert_int_equal(files->len, 0);
    g_ptr_array_free(files, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_run_reads__data_and_source_folder_allowed),
        cmocka_unit_test(test_run_data__cached_until_the_file_changes),
        cmocka_unit_test(test_run_reads__outside_roots_refused),
        cmocka_unit_test(test_run_writes__are_refused),
        cmocka_unit_test(test_run_network__is_refused),
        cmocka_unit_test(test_run_kind__unknown_is_an_error),
        cmocka_unit_test(test_kind_files__includes_and_imports),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
