/* Shared by the layout pagination tests: a font setup for the group, laying
 * out FO text into an in-memory area-tree dump, XPath queries on the dump and
 * small FO builders (masters, separator, filler blocks, notes). */
#ifndef MSP_LAYOUT_FIXTURE_H
#define MSP_LAYOUT_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"
#include "render/fonts.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>

/* --- helpers: lay out FO text, dump to memory, query with XPath --- */

typedef struct run {
    msp_job job;
    char *xml;
    size_t len;
    xmlDocPtr doc;
    msp_layout_result res;
    msp_status st;
    int pages_seen;
    msp_layout_report report;   /* the lines beyond tolerance and hyphenated */
    msp_check_text_counts check; /* what the text accounting saw */
} run;

typedef struct sink_buf {
    FILE *f;
    int pages;
} sink_buf;

static G_GNUC_UNUSED msp_status dump_sink(void *user, const msp_page *page, msp_diag_list *diags)
{
    (void)diags;
    sink_buf *b = user;
    msp_area_dump_page(b->f, page);
    b->pages++;
    return MSP_OK;
}

static msp_fonts *g_fonts;
static PangoContext *g_ctx;

static G_GNUC_UNUSED int group_setup(void **state)
{
    (void)state;
    msp_diag_list d;
    msp_diag_list_init(&d);
    const char *root = getenv("MSP_ROOT");
    char *dir = g_build_filename(root ? root : MSP_SOURCE_ROOT, "fonts", NULL);
    g_fonts = msp_fonts_load(&d, dir);
    g_free(dir);
    msp_diag_list_print(stderr, &d);
    msp_diag_list_clear(&d);
    if (!g_fonts)
        return -1;
    g_ctx = msp_fonts_new_context(g_fonts);
    return 0;
}

static G_GNUC_UNUSED int group_teardown(void **state)
{
    (void)state;
    g_object_unref(g_ctx);
    msp_fonts_free(g_fonts);
    return 0;
}

/* Page 300 x 300 pt, body 260 x 240 pt at (20,40): 20 lines of 12 pt. */
static G_GNUC_UNUSED const char *MASTERS =
    "<fo:layout-master-set>"
    "<fo:simple-page-master master-name='p' page-width='300pt' page-height='300pt' margin='20pt'>"
    "<fo:region-body margin-top='20pt'/><fo:region-before extent='15pt'/><fo:region-after extent='15pt'/>"
    "</fo:simple-page-master>"
    "<fo:simple-page-master master-name='first' page-width='300pt' page-height='300pt' margin='20pt'>"
    "<fo:region-body margin-top='20pt'/><fo:region-before extent='15pt' display-align='after'/>"
    "</fo:simple-page-master>"
    "<fo:simple-page-master master-name='even' page-width='300pt' page-height='300pt' margin-top='20pt' margin-bottom='20pt' margin-left='10pt' margin-right='30pt'>"
    "<fo:region-body margin-top='20pt'/><fo:region-before extent='15pt'/>"
    "</fo:simple-page-master>"
    "<fo:simple-page-master master-name='odd' page-width='300pt' page-height='300pt' margin-top='20pt' margin-bottom='20pt' margin-left='30pt' margin-right='10pt'>"
    "<fo:region-body margin-top='20pt'/><fo:region-before extent='15pt'/>"
    "</fo:simple-page-master>"
    "<fo:page-sequence-master master-name='doc'><fo:repeatable-page-master-alternatives>"
    "<fo:conditional-page-master-reference page-position='first' master-reference='first'/>"
    "<fo:conditional-page-master-reference odd-or-even='even' master-reference='even'/>"
    "<fo:conditional-page-master-reference odd-or-even='odd' master-reference='odd'/>"
    "</fo:repeatable-page-master-alternatives></fo:page-sequence-master>"
    "</fo:layout-master-set>";

static G_GNUC_UNUSED const char *SEP =
    "<fo:static-content flow-name='xsl-footnote-separator'><fo:block line-height='12pt'>"
    "<fo:leader leader-pattern='rule' leader-length='50pt' rule-thickness='0.5pt'/></fo:block></fo:static-content>";

static G_GNUC_UNUSED char *doc_fo(const char *master, const char *statics, const char *flow)
{
    return g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                           "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                           "<fo:page-sequence master-reference='%s'>%s<fo:flow flow-name='xsl-region-body'>%s"
                           "</fo:flow></fo:page-sequence></fo:root>",
                           MASTERS, master, statics ? statics : "", flow);
}

static G_GNUC_UNUSED run *lay_out(const char *fo)
{
    run *r = g_new0(run, 1);
    msp_job_init(&r->job);
    msp_layout_report_init(&r->report);
    msp_fo_doc *doc = NULL;
    r->st = msp_fo_parse(&r->job, &doc, "test.fo", fo, strlen(fo));
    if (r->st != MSP_OK) {
        msp_diag_list_print(stderr, &r->job.diags);
        return r;
    }
    FILE *f = open_memstream(&r->xml, &r->len);
    sink_buf b = { f, 0 };
    msp_area_dump_begin(f);
    /* every layout of the tests runs the text accounting (check_text.h) */
    msp_check_text *check = msp_check_text_new(&r->job, doc);
    msp_layout_opts opts = { .pango = g_ctx, .sink = dump_sink, .sink_user = &b, .report = &r->report,
                             .check = check };
    r->st = msp_layout_run(&r->job, doc, &opts, &r->res);
    r->st = msp_check_text_finish(check, r->st);
    r->check = msp_check_text_counts_of(check);
    msp_check_text_free(check);
    msp_area_dump_end(f);
    fclose(f);
    r->pages_seen = b.pages;
    msp_fo_doc_free(doc);
    if (r->st != MSP_OK)
        msp_diag_list_print(stderr, &r->job.diags);
    r->doc = xmlReadMemory(r->xml, (int)r->len, "dump.xml", NULL, XML_PARSE_NONET);
    if (getenv("MSP_TEST_DUMP"))
        fputs(r->xml, stderr);
    return r;
}

static G_GNUC_UNUSED run *lay_flow(const char *master, const char *statics, const char *flow)
{
    char *fo = doc_fo(master, statics, flow);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    assert_non_null(r->doc);
    return r;
}

static G_GNUC_UNUSED void run_free(run *r)
{
    if (r->doc)
        xmlFreeDoc(r->doc);
    free(r->xml);
    msp_layout_report_clear(&r->report);
    msp_job_clear(&r->job);
    g_free(r);
}

static G_GNUC_UNUSED double xp_num(run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *expr = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    xmlXPathContextPtr ctx = xmlXPathNewContext(r->doc);
    xmlXPathObjectPtr o = xmlXPathEval((const xmlChar *)expr, ctx);
    double v = o ? xmlXPathCastToNumber(o) : NAN;
    if (!o)
        fprintf(stderr, "bad xpath %s\n", expr);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    g_free(expr);
    return v;
}

static G_GNUC_UNUSED char *xp_str(run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *expr = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    xmlXPathContextPtr ctx = xmlXPathNewContext(r->doc);
    xmlXPathObjectPtr o = xmlXPathEval((const xmlChar *)expr, ctx);
    xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
    char *res = g_strdup(s ? (const char *)s : "");
    xmlFree(s);
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(ctx);
    g_free(expr);
    return res;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 0.05)

/* The first diagnostic of the run whose message contains part, or NULL. */
static G_GNUC_UNUSED const msp_diag *find_diag(const run *r, const char *part)
{
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (strstr(d->message, part))
            return d;
    }
    return NULL;
}

static G_GNUC_UNUSED void fillers(GString *s, int n, const char *tag)
{
    for (int i = 0; i < n; i++)
        g_string_append_printf(s, "<fo:block>%s %d</fo:block>", tag, i + 1);
}

static G_GNUC_UNUSED void note(GString *s, const char *mark, int lines, const char *tag)
{
    g_string_append_printf(s, "<fo:footnote><fo:inline baseline-shift='super' font-size='6pt'>%s</fo:inline>"
                              "<fo:footnote-body>", mark);
    for (int i = 0; i < lines; i++)
        g_string_append_printf(s, "<fo:block font-size='9pt' line-height='12pt'>%s line %d</fo:block>", tag, i + 1);
    g_string_append(s, "</fo:footnote-body></fo:footnote>");
}

#endif
