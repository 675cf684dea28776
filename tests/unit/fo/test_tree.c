/* Unit tests for fo/: reading FO files into the tree — structure, locations
 * of errors, unknown elements and properties, ids, limits, and the refusal
 * of DTDs and entities. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <libxml/parser.h>

#include "fo/fo.h"

#define FO_NS "xmlns:fo=\"http://www.w3.org/1999/XSL/Format\""

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

static msp_status parse_str(msp_fo_doc **doc, const char *xml)
{
    return msp_fo_parse(&job, doc, "mem.fo", xml, strlen(xml));
}

/* The first diagnostic of the given severity whose message contains what. */
static const msp_diag *find_diag(msp_severity sev, const char *what)
{
    for (guint i = 0; i < job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job.diags.items, i);
        if (d->severity == sev && strstr(d->message, what))
            return d;
    }
    return NULL;
}

static void dump_diags(void)
{
    msp_diag_list_print(stderr, &job.diags);
}

static void test_tree_parse__builds_the_tree(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/basic.fo", NULL, 0);
    if (s != MSP_OK)
        dump_diags();
    assert_int_equal(s, MSP_OK);
    assert_non_null(doc);
    assert_int_equal(job.diags.errors, 0);
    assert_int_equal(job.diags.warnings, 0);
    assert_string_equal(doc->base_dir, MSP_TEST_DATA "/fo");
    msp_fo_node *root = doc->root;
    assert_int_equal(root->kind, MSP_FO_ROOT);
    assert_int_equal(root->loc.line, 2);
    assert_int_equal(root->loc.column, 1);
    msp_fo_node *lms = root->first;
    assert_int_equal(lms->kind, MSP_FO_LAYOUT_MASTER_SET);   /* whitespace dropped */
    assert_int_equal(lms->loc.line, 3);
    assert_int_equal(lms->loc.column, 3);
    msp_fo_node *spm = lms->first;
    assert_string_equal(msp_fo_attr_value(spm, "master-name"), "first");
    assert_null(msp_fo_attr_value(spm, "page-width"));
    assert_int_equal(spm->next, NULL);
    msp_fo_node *decl = lms->next;
    assert_int_equal(decl->kind, MSP_FO_DECLARATIONS);
    assert_null(decl->first);                                 /* content ignored */
    msp_fo_node *ps = decl->next;
    assert_int_equal(ps->kind, MSP_FO_PAGE_SEQUENCE);
    assert_string_equal(msp_fo_attr_value(ps, "initial-page-number"), "1");
    assert_int_equal(ps->first->kind, MSP_FO_STATIC_CONTENT);
    assert_int_equal(ps->first->first->first->kind, MSP_FO_RETRIEVE_MARKER);

    msp_fo_node *b1 = g_hash_table_lookup(doc->ids, "b1");
    assert_non_null(b1);
    assert_string_equal(b1->id, "b1");
    assert_int_equal(b1->loc.line, 15);
    assert_int_equal(b1->loc.column, 7);
    assert_string_equal(msp_fo_attr_value(b1, "msp:src"), "a.xml:3:1");
    msp_fo_node *t = b1->first;
    assert_int_equal(t->kind, MSP_FO_TEXT);
    assert_int_equal(t->text_len, 6);
    assert_memory_equal(t->text, "Title ", 6);
    assert_ptr_equal(t->style, b1->style);
    assert_true(msp_fo_is_inline(t));
    assert_true(msp_fo_is_inline(t->next));
    assert_false(msp_fo_is_inline(b1));
    assert_string_equal(msp_fo_kind_name(b1->kind), "fo:block");
    assert_string_equal(msp_fo_kind_name(MSP_FO_PAGE_NUMBER_CITATION_LAST), "fo:page-number-citation-last");
    msp_fo_doc_free(doc);
}

static void test_tree_parse__malformed_xml_has_location(void **state)
{
    (void)state;
    msp_fo_doc *doc = (msp_fo_doc *)&job;   /* must be reset */
    msp_status s = msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/malformed.fo", NULL, 0);
    assert_int_equal(s, MSP_E_XML);
    assert_null(doc);
    const msp_diag *d = find_diag(MSP_SEV_ERROR, "malformed XML");
    assert_non_null(d);
    assert_int_equal(d->status, MSP_E_XML);
    assert_string_equal(d->loc.file, MSP_TEST_DATA "/fo/malformed.fo");
    assert_int_equal(d->loc.line, 5);
    assert_true(d->loc.column > 0);
    assert_non_null(strstr(d->message, "simple-page-master"));
}

static void test_tree_parse__unknown_element_is_an_error(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/float.fo", NULL, 0);
    assert_int_equal(s, MSP_E_FO);
    const msp_diag *d = find_diag(MSP_SEV_ERROR, "is not supported by mspdoc (docs/fo-subset.md)");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 6);
    assert_int_equal(d->loc.column, 9);

    msp_job_clear(&job);
    msp_job_init(&job);
    s = parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n  <fo:blok/></fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_E_FO);
    d = find_diag(MSP_SEV_ERROR, "unknown element fo:blok");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 3);

    /* a start tag over several lines is located at its '<'; columns count characters */
    msp_job_clear(&job);
    msp_job_init(&job);
    s = parse_str(&doc, "<fo:root " FO_NS ">\n<fo:page-sequence master-reference='a'>\n"
                        "<fo:flow><fo:block>\u00e9\u00e9\u00e9 <fo:inline\n   id='x'\n   bad='1'>y</fo:inline>"
                        "</fo:block></fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_OK);
    d = find_diag(MSP_SEV_WARNING, "unknown property 'bad' on fo:inline");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 3);
    assert_int_equal(d->loc.column, 24);
    msp_fo_doc_free(doc);
}

static void test_tree_parse__structure_is_checked(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    assert_int_equal(parse_str(&doc, "<fo:block " FO_NS "/>"), MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "not fo:root"));
    assert_int_equal(parse_str(&doc, "<fo:root " FO_NS "><fo:flow/></fo:root>"), MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "fo:flow is not allowed inside fo:root"));
    assert_int_equal(parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow>text</fo:flow>"
                                     "</fo:page-sequence></fo:root>"), MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "text is not allowed directly in fo:flow"));
    assert_int_equal(parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow><fo:block>"
                                     "<fo:retrieve-marker/></fo:block></fo:flow></fo:page-sequence></fo:root>"),
                     MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "fo:retrieve-marker is not allowed inside fo:block"));
}

static void test_tree_parse__foreign_elements_are_skipped(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = parse_str(&doc, "<fo:root " FO_NS " xmlns:x='urn:x'><x:meta><fo:float/></x:meta>"
                                   "<fo:page-sequence><fo:flow><fo:block>a<x:i>b</x:i>c</fo:block></fo:flow>"
                                   "</fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_OK);
    msp_fo_node *block = doc->root->first->first->first;
    assert_int_equal(block->kind, MSP_FO_BLOCK);
    assert_int_equal(block->first->kind, MSP_FO_TEXT);
    assert_int_equal(block->first->next->kind, MSP_FO_TEXT);
    assert_null(block->first->next->next);
    assert_int_equal(job.diags.errors, 0);
    msp_fo_doc_free(doc);
}

static void test_tree_parse__unknown_property_warns(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n"
                                   "<fo:block foo=\"1\" font-stretch=\"wider\">x</fo:block></fo:flow>"
                                   "</fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_OK);
    assert_non_null(doc);
    const msp_diag *d = find_diag(MSP_SEV_WARNING, "unknown property 'foo' on fo:block");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 1);
    assert_non_null(find_diag(MSP_SEV_WARNING, "'font-stretch' is not supported"));
    assert_int_equal(job.diags.errors, 0);
    msp_fo_doc_free(doc);
}

static void test_tree_parse__invalid_value_is_an_error(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    const char *cases[][2] = {
        { "font-size=\"big\"", "invalid value 'big' for property 'font-size' on fo:block" },
        { "space-before=\"12 pt x\"", "invalid value '12 pt x' for property 'space-before'" },
        { "width=\"-\"", "invalid value '-' for property 'width'" },
        { "text-align=\"middle\"", "'text-align'" },
        { "break-before=\"always\"", "'break-before'" },
        { "color=\"#12\"", "'color'" },
        { "widows=\"-1\"", "'widows'" },
        { "start-indent=\"label-end()\"", "'start-indent'" },   /* outside a list */
        { "writing-mode=\"tb-rl\"", "writing-mode=\"tb-rl\" on fo:block is not supported" },
        { "span=\"columns\"", "invalid value 'columns' for property 'span'" },
        { "reference-orientation=\"45\"", "invalid value '45' for property 'reference-orientation'" },
        { "absolute-position=\"relative\"", "absolute-position" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        msp_job_clear(&job);
        msp_job_init(&job);
        char *xml = g_strdup_printf("<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n"
                                    "  <fo:block %s>x</fo:block></fo:flow></fo:page-sequence></fo:root>",
                                    cases[i][0]);
        msp_status s = parse_str(&doc, xml);
        g_free(xml);
        if (s != MSP_E_FO)
            fprintf(stderr, "case %s\n", cases[i][0]);
        assert_int_equal(s, MSP_E_FO);
        assert_null(doc);
        const msp_diag *d = find_diag(MSP_SEV_ERROR, cases[i][1]);
        if (!d)
            dump_diags();
        assert_non_null(d);
        assert_int_equal(d->loc.line, 2);
        assert_int_equal(d->loc.column, 3);
    }
}

/* Text nodes are located at their first non-blank character, not at the
 * element that follows them (libxml2 numbers a text node by its end). */
/* Refused values say what to write instead: XSL lengths need a unit
 * (5.11), and only the units of 5.9.13 exist. */
static void test_tree_parse__invalid_value_has_a_hint(void **state)
{
    (void)state;
    const char *cases[][2] = {
        { "space-after=\"124\"", "a length needs a unit (XSL 1.1 5.11): add one, as in 124pt" },
        { "padding=\"2pt 5\"", "as in 5pt" },
        { "start-indent=\"2 * 3\"", "a length needs a unit (XSL 1.1 5.11): add one (pt" },
        { "font-size=\"36\"", "as in 36pt" },
        { "height=\"9*8400mpt\"", "'mpt' (FOP's millipoints) is not an XSL unit (XSL 1.1 5.9.13)" },
        { "width=\"3 qq\"", "as in 3pt" },
        { "width=\"3qq + 1pt\"", "'qq' is not an XSL unit (XSL 1.1 5.9.13): use pt, mm, cm, in, pc, px or em" },
        { "font-style=\"obscure\"", "font-style is normal, italic, oblique or backslant" },
        { "color=\"pinkish\"", "a colour is a CSS3 colour name" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        msp_job_clear(&job);
        msp_job_init(&job);
        msp_fo_doc *doc = NULL;
        char *xml = g_strdup_printf("<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n"
                                    "  <fo:block %s>x</fo:block></fo:flow></fo:page-sequence></fo:root>",
                                    cases[i][0]);
        assert_int_equal(parse_str(&doc, xml), MSP_E_FO);
        g_free(xml);
        const msp_diag *d = find_diag(MSP_SEV_ERROR, "invalid value");
        assert_non_null(d);
        if (!d->hint || !strstr(d->hint, cases[i][1])) {
            fprintf(stderr, "case %s\n", cases[i][0]);
            dump_diags();
        }
        assert_non_null(d->hint);
        assert_non_null(strstr(d->hint, cases[i][1]));
    }
}

static void test_tree_parse__text_has_its_own_location(void **state)
{
    (void)state;
    static const struct { const char *body; int line, column; } cases[] = {
        /* after an empty element on the same line */
        { "<fo:table>\n      <fo:table-column column-width='1in'/>\"\n  <fo:table-body/></fo:table>", 3, 44 },
        /* on a line of its own, indented */
        { "<fo:table>\n\n     stray text\n   more\n  <fo:table-body/></fo:table>", 4, 6 },
        /* non-ASCII text (libxml2 copies it out of its buffer) */
        { "<fo:table>\n   <fo:table-column/> \xC3\xA9t\xC3\xA9 \xE2\x80\x94 x\n  <fo:table-body/></fo:table>", 3, 23 },
        /* in a CDATA section */
        { "<fo:table>\n  <![CDATA[\n    <cdata>]]>\n  <fo:table-body/></fo:table>", 4, 5 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        msp_job_clear(&job);
        msp_job_init(&job);
        msp_fo_doc *doc = NULL;
        char *xml = g_strdup_printf("<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n%s</fo:flow>"
                                    "</fo:page-sequence></fo:root>", cases[i].body);
        msp_status s = parse_str(&doc, xml);
        g_free(xml);
        assert_int_equal(s, MSP_E_FO);
        const msp_diag *d = find_diag(MSP_SEV_ERROR, "text is not allowed directly in fo:table");
        if (!d || d->loc.line != cases[i].line || d->loc.column != cases[i].column) {
            fprintf(stderr, "case %zu\n", i);
            dump_diags();
        }
        assert_non_null(d);
        assert_int_equal(d->loc.line, cases[i].line);
        assert_int_equal(d->loc.column, cases[i].column);
    }
    /* text nodes in the tree carry the same place */
    msp_job_clear(&job);
    msp_job_init(&job);
    msp_fo_doc *doc = NULL;
    assert_int_equal(parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n"
                                     "  <fo:block><fo:inline>a</fo:inline>\n     b c</fo:block>"
                                     "</fo:flow></fo:page-sequence></fo:root>"), MSP_OK);
    msp_fo_node *blk = doc->root->first->first->first;
    assert_int_equal(blk->kind, MSP_FO_BLOCK);
    assert_int_equal(blk->first->first->kind, MSP_FO_TEXT);
    assert_int_equal(blk->first->first->loc.line, 2);
    assert_int_equal(blk->first->first->loc.column, 24);
    assert_int_equal(blk->last->kind, MSP_FO_TEXT);
    assert_int_equal(blk->last->loc.line, 3);
    assert_int_equal(blk->last->loc.column, 6);
    msp_fo_doc_free(doc);
}

static void test_tree_parse__duplicate_id(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n"
                                   "<fo:block id=\"a\">x</fo:block>\n  <fo:block id=\"a\">y</fo:block>"
                                   "</fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_E_FO);
    const msp_diag *d = find_diag(MSP_SEV_ERROR, "duplicate id 'a' (first used at mem.fo:2:1)");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 3);
    assert_int_equal(d->loc.column, 3);
}

static void test_tree_parse__refuses_external_entity(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    msp_status s = msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/xxe.fo", NULL, 0);
    assert_int_equal(s, MSP_E_FO);
    assert_null(doc);
    const msp_diag *d = find_diag(MSP_SEV_ERROR, "DTDs and entities are not allowed in FO");
    assert_non_null(d);
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 1);
    for (guint i = 0; i < job.diags.items->len; i++) {   /* nothing of /etc/passwd leaks */
        const msp_diag *e = g_ptr_array_index(job.diags.items, i);
        assert_null(strstr(e->message, "root:"));
    }
    /* an undeclared entity is a plain XML error, never a file read */
    s = parse_str(&doc, "<fo:root " FO_NS "><fo:page-sequence><fo:flow><fo:block>&xxe;</fo:block>"
                        "</fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(s, MSP_E_XML);
}

static void test_tree_parse__external_dtd_is_never_loaded(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    /* were the "DTD" read, /etc/passwd would not parse as one and the document would fail */
    msp_status s = parse_str(&doc, "<!DOCTYPE fo:root SYSTEM \"file:///etc/passwd\">\n<fo:root " FO_NS "/>");
    assert_int_equal(s, MSP_OK);
    msp_fo_doc_free(doc);
    s = parse_str(&doc, "<!DOCTYPE fo:root [ ]>\n<fo:root " FO_NS "/>");
    assert_int_equal(s, MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "DTDs and entities are not allowed in FO"));
}

static void test_tree_parse__refuses_billion_laughs_fast(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    gint64 t0 = g_get_monotonic_time();
    msp_status s = msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/billion_laughs.fo", NULL, 0);
    gint64 dt = g_get_monotonic_time() - t0;
    assert_int_equal(s, MSP_E_FO);
    assert_non_null(find_diag(MSP_SEV_ERROR, "DTDs and entities are not allowed in FO"));
    assert_true(dt < 100000);   /* well under 0.1 s */
}

static void test_tree_parse__depth_and_size_limits(void **state)
{
    (void)state;
    msp_fo_doc *doc = NULL;
    GString *xml = g_string_new("<fo:root " FO_NS "><fo:page-sequence><fo:flow>");
    for (int i = 0; i < 40; i++)
        g_string_append(xml, "<fo:block>");
    for (int i = 0; i < 40; i++)
        g_string_append(xml, "</fo:block>");
    g_string_append(xml, "</fo:flow></fo:page-sequence></fo:root>");
    assert_int_equal(parse_str(&doc, xml->str), MSP_OK);
    msp_fo_doc_free(doc);
    job.limits.max_depth = 20;
    assert_int_equal(parse_str(&doc, xml->str), MSP_E_LIMIT);
    assert_non_null(find_diag(MSP_SEV_ERROR, "nested more than 20 deep"));
    job.limits.max_depth = 256;
    job.limits.max_source_bytes = 100;
    assert_int_equal(parse_str(&doc, xml->str), MSP_E_LIMIT);
    assert_int_equal(msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/basic.fo", NULL, 0), MSP_E_LIMIT);
    g_string_free(xml, TRUE);
    assert_int_equal(msp_fo_parse(&job, &doc, MSP_TEST_DATA "/fo/does-not-exist.fo", NULL, 0), MSP_E_IO);
}

static void test_tree_parse__every_prefix_and_mutation_is_handled(void **state)
{
    (void)state;
    gchar *data = NULL;
    gsize n = 0;
    assert_true(g_file_get_contents(MSP_TEST_DATA "/fo/basic.fo", &data, &n, NULL));
    for (gsize len = 1; len < n; len += 7) {   /* truncated input: an error, never a crash */
        msp_fo_doc *doc = NULL;
        msp_status s = msp_fo_parse(&job, &doc, "cut.fo", data, len);
        assert_true(s != MSP_OK || doc != NULL);
        msp_fo_doc_free(doc);
    }
    GRand *r = g_rand_new_with_seed(42);
    static const char junk[] = "<>&;\"'=/:- %#()0123456789ptem";
    for (int i = 0; i < 300; i++) {
        gchar *m = g_memdup2(data, n);
        for (int k = 0; k < 4; k++)
            m[g_rand_int_range(r, 0, (gint32)n)] = junk[g_rand_int_range(r, 0, (gint32)sizeof junk - 1)];
        msp_fo_doc *doc = NULL;
        msp_status s = msp_fo_parse(&job, &doc, "mut.fo", m, n);
        assert_true(s != MSP_OK || doc != NULL);
        msp_fo_doc_free(doc);
        g_free(m);
        msp_job_clear(&job);
        msp_job_init(&job);
    }
    g_rand_free(r);
    g_free(data);
}

static void test_tree_from_xml__same_tree(void **state)
{
    (void)state;
    const char *xml = "<fo:root " FO_NS "><fo:page-sequence master-reference='m'><fo:flow>"
                      "<fo:block id='x' font-size='14pt'>hi</fo:block></fo:flow></fo:page-sequence></fo:root>";
    xmlDocPtr x = xmlReadMemory(xml, (int)strlen(xml), "gen.fo", NULL, XML_PARSE_NONET);
    assert_non_null(x);
    msp_fo_doc *doc = NULL;
    assert_int_equal(msp_fo_from_xml(&job, &doc, x, "gen.fo"), MSP_OK);
    xmlFreeDoc(x);    /* the tree owns copies */
    msp_fo_node *b = g_hash_table_lookup(doc->ids, "x");
    assert_non_null(b);
    assert_float_equal(b->style->font_size, 14, 1e-9);
    assert_memory_equal(b->first->text, "hi", 2);
    assert_string_equal(msp_fo_attr_value(doc->root->first, "master-reference"), "m");
    msp_fo_doc_free(doc);
}

static void test_tree_parse__many_pages_fast(void **state)
{
    (void)state;
    GString *xml = g_string_new("<fo:root " FO_NS "><fo:page-sequence><fo:flow>\n");
    for (int i = 0; i < 3000; i++)   /* about 100 pages of paragraphs */
        g_string_append_printf(xml, "<fo:block id='p%d' space-before='6pt' text-align='justify' "
                                    "font-size='11pt' line-height='1.3'>Paragraph %d with "
                                    "<fo:inline font-weight='bold'>bold</fo:inline> text and some more "
                                    "words to fill the line.</fo:block>\n", i, i);
    g_string_append(xml, "</fo:flow></fo:page-sequence></fo:root>");
    msp_fo_doc *doc = NULL;
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(parse_str(&doc, xml->str), MSP_OK);
    gint64 dt = g_get_monotonic_time() - t0;
    fprintf(stderr, "# 3000 paragraphs (%zu bytes) parsed in %.1f ms\n", xml->len, dt / 1000.0);
    assert_int_equal(g_hash_table_size(doc->ids), 3000);
    msp_fo_node *last = g_hash_table_lookup(doc->ids, "p2999");   /* far past libxml2's buffer shrinking */
    assert_int_equal(last->loc.line, 3001);
    assert_int_equal(last->loc.column, 1);
    assert_int_equal(last->first->next->loc.line, 3001);
    assert_true(last->first->next->loc.column > 100);
    assert_true(dt < 2000000);
    msp_fo_doc_free(doc);

    /* the same on one line (as many FO generators write it): no rescanning per element */
    for (gsize i = 0; i < xml->len; i++)
        if (xml->str[i] == '\n')
            xml->str[i] = ' ';
    t0 = g_get_monotonic_time();
    assert_int_equal(parse_str(&doc, xml->str), MSP_OK);
    dt = g_get_monotonic_time() - t0;
    fprintf(stderr, "# the same on one line in %.1f ms\n", dt / 1000.0);
    last = g_hash_table_lookup(doc->ids, "p2999");
    assert_int_equal(last->loc.line, 1);
    assert_int_equal(last->loc.column, strstr(xml->str, "<fo:block id='p2999'") - xml->str + 1);
    assert_int_equal(last->first->next->loc.column,
                     strstr(xml->str, "Paragraph 2999 with <fo:inline") - xml->str + 21);
    assert_true(dt < 2000000);
    msp_fo_doc_free(doc);
    g_string_free(xml, TRUE);
}

int main(void)
{
    xmlInitParser();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tree_parse__builds_the_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__malformed_xml_has_location, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__unknown_element_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__structure_is_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__foreign_elements_are_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__unknown_property_warns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__invalid_value_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__invalid_value_has_a_hint, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__text_has_its_own_location, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__duplicate_id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__refuses_external_entity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__external_dtd_is_never_loaded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__refuses_billion_laughs_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__depth_and_size_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__every_prefix_and_mutation_is_handled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_from_xml__same_tree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tree_parse__many_pages_fast, setup, teardown),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return r;
}
