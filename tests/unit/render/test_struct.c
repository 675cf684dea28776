/* The logical structure of tagged PDF (render/pdf_struct.c): FO to
 * structure elements, reading order (notes after their paragraph), roles,
 * languages, alternative texts, and the marked-content sequences of a page. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/job.h"
#include "fo/fo.h"
#include "render/pdf_struct.h"

#define FO_HEAD "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\" " \
                "xmlns:fox=\"http://xmlgraphics.apache.org/fop/extensions\" language=\"en\">" \
                "<fo:layout-master-set><fo:simple-page-master master-name=\"p\">" \
                "<fo:region-body/></fo:simple-page-master></fo:layout-master-set>" \
                "<fo:page-sequence master-reference=\"p\"><fo:flow flow-name=\"xsl-region-body\">"
#define FO_TAIL "</fo:flow></fo:page-sequence></fo:root>"

typedef struct fixture {
    msp_job job;
    msp_fo_doc *doc;
    msp_struct *s;
    cairo_surface_t *surface;
    cairo_t *cr;
} fixture;

static void load(fixture *f, const char *body, bool require_alt)
{
    msp_job_init(&f->job);
    char *fo = g_strconcat(FO_HEAD, body, FO_TAIL, NULL);
    assert_int_equal(msp_fo_parse(&f->job, &f->doc, "t.fo", fo, strlen(fo)), MSP_OK);
    g_free(fo);
    f->s = msp_struct_new(&f->job, require_alt, "en");
    f->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    f->cr = cairo_create(f->surface);
    msp_struct_page_begin(f->s);
}

static void done(fixture *f)
{
    cairo_destroy(f->cr);
    cairo_surface_destroy(f->surface);
    msp_struct_free(f->s);
    msp_fo_doc_free(f->doc);
    msp_job_clear(&f->job);
}

/* The n-th node (preorder) of kind k, 0-based. */
static const msp_fo_node *nth(const msp_fo_node *root, msp_fo_kind k, int n)
{
    const msp_fo_node *x = root;
    while (x) {
        if (x->kind == k && n-- == 0)
            return x;
        if (x->first) {
            x = x->first;
            continue;
        }
        while (x && !x->next)
            x = x->parent;
        if (x)
            x = x->next;
    }
    return NULL;
}

/* The first text node under n. */
static const msp_fo_node *text_of(const msp_fo_node *n)
{
    return nth(n, MSP_FO_TEXT, 0);
}

/* Draws (as content) every text node under the flow, in document order. */
static void draw_all(fixture *f)
{
    for (int i = 0;; i++) {
        const msp_fo_node *t = nth(f->doc->root, MSP_FO_TEXT, i);
        if (!t)
            break;
        msp_struct_content(f->s, f->cr, msp_struct_elem_of(f->s, t), t, 0);
    }
    msp_struct_close(f->s, f->cr);
    msp_struct_sort(f->s);
}

static const msp_struct_elem *kid_elem(const msp_struct_elem *e, guint i)
{
    guint seen = 0;
    for (guint k = 0; k < e->kids->len; k++) {
        const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
        if (kid->kind == MSP_KID_ELEM && seen++ == i)
            return kid->elem;
    }
    return NULL;
}

static void test_struct__kinds_to_types(void **state)
{
    fixture f;
    load(&f, "<fo:block>Para</fo:block>"
             "<fo:list-block><fo:list-item><fo:list-item-label end-indent=\"label-end()\">"
             "<fo:block>1.</fo:block></fo:list-item-label><fo:list-item-body start-indent=\"body-start()\">"
             "<fo:block>Item</fo:block></fo:list-item-body></fo:list-item></fo:list-block>"
             "<fo:table><fo:table-header><fo:table-row><fo:table-cell><fo:block>Head</fo:block>"
             "</fo:table-cell></fo:table-row></fo:table-header><fo:table-body><fo:table-row>"
             "<fo:table-cell><fo:block>Cell</fo:block></fo:table-cell></fo:table-row></fo:table-body>"
             "</fo:table>", false);
    draw_all(&f);
    const msp_struct_elem *doc = msp_struct_root(f.s);
    assert_string_equal(doc->type, "Document");
    assert_string_equal(kid_elem(doc, 0)->type, "P");
    const msp_struct_elem *l = kid_elem(doc, 1);
    assert_string_equal(l->type, "L");
    const msp_struct_elem *li = kid_elem(l, 0);
    assert_string_equal(li->type, "LI");
    assert_string_equal(kid_elem(li, 0)->type, "Lbl");
    assert_null(kid_elem(kid_elem(li, 0), 0));   /* the label's block is the Lbl's text */
    assert_string_equal(kid_elem(li, 1)->type, "LBody");
    assert_string_equal(kid_elem(kid_elem(li, 1), 0)->type, "P");
    const msp_struct_elem *t = kid_elem(doc, 2);
    assert_string_equal(t->type, "Table");
    assert_string_equal(kid_elem(t, 0)->type, "THead");
    assert_string_equal(kid_elem(kid_elem(kid_elem(t, 0), 0), 0)->type, "TH");
    assert_string_equal(kid_elem(kid_elem(kid_elem(t, 1), 0), 0)->type, "TD");
    done(&f);
}

static void test_struct__note_after_its_paragraph(void **state)
{
    fixture f;
    load(&f, "<fo:block>First<fo:footnote><fo:inline>1</fo:inline><fo:footnote-body>"
             "<fo:block>The note</fo:block></fo:footnote-body></fo:footnote> goes on</fo:block>"
             "<fo:block>Second</fo:block>", false);
    draw_all(&f);
    const msp_struct_elem *doc = msp_struct_root(f.s);
    const msp_struct_elem *p1 = kid_elem(doc, 0), *note = kid_elem(doc, 1), *p2 = kid_elem(doc, 2);
    assert_string_equal(p1->type, "P");
    assert_string_equal(note->type, "Note");
    assert_string_equal(p2->type, "P");
    assert_string_equal(kid_elem(p1, 0)->type, "Reference");
    assert_string_equal(kid_elem(note, 0)->type, "P");
    /* the paragraph's own text: "First" before the reference, " goes on" after it */
    const msp_struct_kid *k0 = &g_array_index(p1->kids, msp_struct_kid, 0);
    const msp_struct_kid *k2 = &g_array_index(p1->kids, msp_struct_kid, 2);
    assert_int_equal(k0->kind, MSP_KID_MCID);
    assert_int_equal(k2->kind, MSP_KID_MCID);
    done(&f);
}

static void test_struct__roles_languages_and_flattened_headings(void **state)
{
    fixture f;
    load(&f, "<fo:list-block role=\"H2\"><fo:list-item><fo:list-item-label end-indent=\"label-end()\">"
             "<fo:block>I.</fo:block></fo:list-item-label><fo:list-item-body start-indent=\"body-start()\">"
             "<fo:block>Heading</fo:block></fo:list-item-body></fo:list-item></fo:list-block>"
             "<fo:block role=\"Summary\">Custom</fo:block>"
             "<fo:block>English <fo:inline language=\"fr\">en fran\xC3\xA7" "ais</fo:inline></fo:block>"
             "<fo:block language=\"es\">Espa\xC3\xB1ol</fo:block>", false);
    draw_all(&f);
    const msp_struct_elem *doc = msp_struct_root(f.s);
    const msp_struct_elem *h = kid_elem(doc, 0);
    assert_string_equal(h->type, "H2");
    assert_null(kid_elem(h, 0));   /* number and text are the heading's, no list inside */
    const msp_struct_elem *c = kid_elem(doc, 1);
    assert_string_equal(c->type, "P");
    assert_string_equal(c->role, "Summary");
    const msp_struct_elem *p = kid_elem(doc, 2);
    assert_null(p->lang);
    const msp_struct_elem *span = kid_elem(p, 0);
    assert_string_equal(span->type, "Span");
    assert_string_equal(span->lang, "fr");
    const msp_struct_elem *es = kid_elem(doc, 3);
    assert_string_equal(es->type, "P");
    assert_string_equal(es->lang, "es");
    done(&f);
}

static void test_struct__figure_alternative_text(void **state)
{
    fixture f;
    load(&f, "<fo:block><fo:external-graphic src=\"x.png\" fox:alt-text=\"The emblem\"/></fo:block>"
             "<fo:block><fo:external-graphic src=\"y.png\"/></fo:block>", true);
    const msp_fo_node *g1 = nth(f.doc->root, MSP_FO_EXTERNAL_GRAPHIC, 0);
    const msp_fo_node *g2 = nth(f.doc->root, MSP_FO_EXTERNAL_GRAPHIC, 1);
    msp_struct_elem *e1 = msp_struct_elem_of(f.s, g1);
    assert_string_equal(e1->type, "Figure");
    assert_string_equal(e1->alt, "The emblem");
    assert_int_equal(msp_struct_status(f.s), MSP_OK);
    msp_struct_elem_of(f.s, g2);
    assert_int_equal(msp_struct_status(f.s), MSP_E_FO);
    const msp_diag *d = g_ptr_array_index(f.job.diags.items, f.job.diags.items->len - 1);
    assert_int_equal(d->loc.line, g2->loc.line);
    assert_true(d->loc.column > 0);
    assert_non_null(strstr(d->message, "alternative text"));
    done(&f);
}

static void test_struct__sequences_of_a_page(void **state)
{
    fixture f;
    load(&f, "<fo:block>One</fo:block><fo:block>Two</fo:block>", false);
    const msp_fo_node *b1 = nth(f.doc->root, MSP_FO_BLOCK, 0), *b2 = nth(f.doc->root, MSP_FO_BLOCK, 1);
    msp_struct_elem *e1 = msp_struct_elem_of(f.s, text_of(b1));
    msp_struct_elem *e2 = msp_struct_elem_of(f.s, text_of(b2));
    msp_struct_artifact(f.s, f.cr, MSP_ART_HEADER);
    msp_struct_artifact(f.s, f.cr, MSP_ART_HEADER);   /* continues the open one */
    msp_struct_content(f.s, f.cr, e1, text_of(b1), 0);
    msp_struct_content(f.s, f.cr, e1, text_of(b1), 2);   /* the same element: the same sequence */
    msp_struct_content(f.s, f.cr, e2, text_of(b2), 0);
    msp_struct_close(f.s, f.cr);
    msp_struct_link(f.s, b2);   /* not a link, but any node: takes the next MCID */
    const GArray *pages = msp_struct_pages(f.s);
    assert_int_equal(pages->len, 1);
    const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, 0);
    assert_int_equal(pg->mcs->len, 4);
    assert_null(g_array_index(pg->mcs, msp_struct_mc, 0).elem);
    assert_int_equal(g_array_index(pg->mcs, msp_struct_mc, 0).art, MSP_ART_HEADER);
    assert_ptr_equal(g_array_index(pg->mcs, msp_struct_mc, 1).elem, e1);
    assert_ptr_equal(g_array_index(pg->mcs, msp_struct_mc, 2).elem, e2);
    assert_int_equal(pg->links->len, 1);
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_struct__kinds_to_types),
        cmocka_unit_test(test_struct__note_after_its_paragraph),
        cmocka_unit_test(test_struct__roles_languages_and_flattened_headings),
        cmocka_unit_test(test_struct__figure_alternative_text),
        cmocka_unit_test(test_struct__sequences_of_a_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
