/* Unit tests for SVG graphics (layout/svg.c, fo/ keeping the SVG): the size
 * an SVG gets on the area tree (width and height in mm, viewBox only,
 * content-width scaling), an SVG in a link and in an .svg file, the vector
 * recording surface, what an SVG may load, and the located errors (a
 * foreign vocabulary, no or zero size, past the limits). */
#include "layout_fixture.h"

#include "layout/graphic.h"

#include <cairo.h>
#include <unistd.h>

#define MM (72 / 25.4)
#define SVG_NS "http://www.w3.org/2000/svg"

static int svg_setup(void **state)
{
    if (group_setup(state) != 0)
        return -1;
    /* lay_out parses "test.fo": its folder, the current one, holds the files */
    return chdir(MSP_TEST_TMP);
}

/* One block of text around `object` (an instream-foreign-object or an
 * external-graphic), in a layout that must succeed. */
static run *lay_object(const char *object)
{
    char *flow = g_strdup_printf("<fo:block>before %s after</fo:block>", object);
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    return r;
}

static char *instream(const char *fo_attrs, const char *svg)
{
    return g_strdup_printf("<fo:instream-foreign-object %s><svg xmlns='" SVG_NS "' %s</fo:instream-foreign-object>",
                           fo_attrs, svg);
}

static void test_svg__width_height_in_mm(void **state)
{
    (void)state;
    char *o = instream("", "width='40mm' height='20mm'><rect width='10' height='10' fill='red'/></svg>");
    run *r = lay_object(o);
    g_free(o);
    assert_int_equal((int)xp_num(r, "count(//image)"), 1);
    NEAR(xp_num(r, "number(//image/@w)"), 40 * MM);
    NEAR(xp_num(r, "number(//image/@h)"), 20 * MM);
    /* the text around it stays on the line, the line is as tall as the graphic */
    char *t = xp_str(r, "string(//line[1])");
    assert_non_null(strstr(t, "before"));
    assert_non_null(strstr(t, "after"));
    g_free(t);
    assert_true(xp_num(r, "number(//line[1]/@h)") >= 20 * MM - 0.01);
    run_free(r);
}

static void test_svg__viewbox_only_takes_its_user_units_as_px(void **state)
{
    (void)state;
    char *o = instream("", "viewBox='0 0 200 100'><circle cx='50' cy='50' r='40'/></svg>");
    run *r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 150);   /* 200 px of 1/96 in */
    NEAR(xp_num(r, "number(//image/@h)"), 75);
    run_free(r);
    /* one side in a unit, the other from the viewBox's aspect ratio */
    o = instream("", "width='60pt' viewBox='0 0 200 100'><circle cx='50' cy='50' r='40'/></svg>");
    r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 60);
    NEAR(xp_num(r, "number(//image/@h)"), 30);
    run_free(r);
}

static void test_svg__content_width_scales(void **state)
{
    (void)state;
    const char *svg = "width='100pt' height='50pt'><rect width='100' height='50'/></svg>";
    char *o = instream("content-width='60pt'", svg);
    run *r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 60);
    NEAR(xp_num(r, "number(//image/@h)"), 30);   /* uniform: the height follows */
    run_free(r);
    o = instream("content-width='60pt' content-height='40pt' scaling='non-uniform'", svg);
    r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 60);
    NEAR(xp_num(r, "number(//image/@h)"), 40);
    run_free(r);
    o = instream("content-height='200%'", svg);
    r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 200);
    NEAR(xp_num(r, "number(//image/@h)"), 100);
    run_free(r);
}

static void test_svg__inside_a_link(void **state)
{
    (void)state;
    char *o = instream("", "width='30pt' height='30pt'><circle cx='15' cy='15' r='14' fill='blue'/></svg>");
    char *link = g_strdup_printf("<fo:basic-link external-destination='url(https://example.org/)'>%s</fo:basic-link>", o);
    run *r = lay_object(link);
    g_free(o);
    g_free(link);
    assert_int_equal((int)xp_num(r, "count(//link[@uri='https://example.org/'])"), 1);
    double ix = xp_num(r, "number(//image/@x)"), iy = xp_num(r, "number(//image/@y)");
    double lx = xp_num(r, "number(//link/@x)"), ly = xp_num(r, "number(//link/@y)");
    double lw = xp_num(r, "number(//link/@w)"), lh = xp_num(r, "number(//link/@h)");
    /* the link's rectangle holds the graphic */
    assert_true(lx <= ix + 0.01 && ix + 30 <= lx + lw + 0.01);
    assert_true(ly <= iy + 0.01 && iy + 30 <= ly + lh + 0.01);
    NEAR(lw, 30);
    run_free(r);
}

static void test_svg__external_graphic_of_an_svg_file(void **state)
{
    (void)state;
    const char svg[] = "<?xml version='1.0'?>\n<svg xmlns='" SVG_NS "' width='1in' height='0.5in'>"
                       "<rect width='96' height='48' fill='green'/></svg>\n";
    assert_true(g_file_set_contents("svg_file.svg", svg, -1, NULL));
    run *r = lay_object("<fo:external-graphic src=\"url('svg_file.svg')\"/>");
    NEAR(xp_num(r, "number(//image/@w)"), 72);
    NEAR(xp_num(r, "number(//image/@h)"), 36);
    run_free(r);
    r = lay_object("<fo:external-graphic src='svg_file.svg' content-height='18pt'/>");
    NEAR(xp_num(r, "number(//image/@w)"), 36);
    run_free(r);
}

/* The first fo:instream-foreign-object of a parsed document, depth first. */
static const msp_fo_node *find_object(const msp_fo_node *n)
{
    if (n->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT)
        return n;
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        const msp_fo_node *f = find_object(c);
        if (f)
            return f;
    }
    return NULL;
}

typedef struct parsed {
    msp_job job;
    msp_fo_doc *doc;
    const msp_fo_node *node;
} parsed;

static parsed *parse_object(const char *object)
{
    parsed *p = g_new0(parsed, 1);
    msp_job_init(&p->job);
    char *fo = doc_fo("p", NULL, object);
    msp_status st = msp_fo_parse(&p->job, &p->doc, "test.fo", fo, strlen(fo));
    g_free(fo);
    if (st != MSP_OK)
        msp_diag_list_print(stderr, &p->job.diags);
    assert_int_equal(st, MSP_OK);
    p->node = find_object(p->doc->root);
    assert_non_null(p->node);
    return p;
}

static void parsed_free(parsed *p)
{
    msp_fo_doc_free(p->doc);
    msp_job_clear(&p->job);
    g_free(p);
}

/* The SVG of `object` drawn by msp_svg_instream: a vector recording of its
 * drawn size. Returns the surface (NULL on error). */
static cairo_surface_t *draw_object(parsed *p, double *w, double *h)
{
    cairo_surface_t *s = NULL;
    msp_status st = msp_svg_instream(&p->job, g_ctx, p->node, &s, w, h);
    return st == MSP_OK ? s : NULL;
}

static void test_svg__drawn_as_a_vector_recording(void **state)
{
    (void)state;
    parsed *p = parse_object("<fo:block><fo:instream-foreign-object content-width='50pt'>"
                             "<svg:svg xmlns:svg='" SVG_NS "' width='100pt' height='40pt' viewBox='0 0 100 40'>"
                             "<svg:rect width='100' height='40' fill='red'/></svg:svg>"
                             "</fo:instream-foreign-object></fo:block>");
    double w = 0, h = 0;
    cairo_surface_t *s = draw_object(p, &w, &h);
    assert_non_null(s);
    assert_int_equal(cairo_surface_get_type(s), CAIRO_SURFACE_TYPE_RECORDING);
    cairo_rectangle_t ext;
    assert_true(cairo_recording_surface_get_extents(s, &ext));
    NEAR(ext.width, 50);
    NEAR(ext.height, 20);
    NEAR(w, 50);
    NEAR(h, 20);
    /* the rectangle fills the recording: drawn at the final size */
    double x0, y0, iw, ih;
    cairo_recording_surface_ink_extents(s, &x0, &y0, &iw, &ih);
    assert_true(fabs(iw - 50) < 1 && fabs(ih - 20) < 1);
    cairo_surface_destroy(s);
    parsed_free(p);
}

static void test_svg__title_is_the_alternative_text(void **state)
{
    (void)state;
    parsed *p = parse_object("<fo:block><fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='10pt' height='10pt'>"
                             "<title>  Organisation\n chart </title><rect width='10' height='10'/></svg>"
                             "</fo:instream-foreign-object></fo:block>");
    assert_string_equal(msp_fo_attr_value(p->node, "fox:alt-text"), "Organisation chart");
    assert_true(msp_graphic_is_svg(p->node));
    parsed_free(p);
    /* fox:alt-text on the object wins */
    p = parse_object("<fo:block><fo:instream-foreign-object xmlns:fox='http://xmlgraphics.apache.org/fop/extensions' "
                     "fox:alt-text='Chart'><svg xmlns='" SVG_NS "' width='10pt' height='10pt'>"
                     "<title>Other</title></svg></fo:instream-foreign-object></fo:block>");
    assert_string_equal(msp_fo_attr_value(p->node, "fox:alt-text"), "Chart");
    parsed_free(p);
}

/* A PNG of 4 x 4 opaque pixels in the test folder; returns its absolute path. */
static char *write_png(const char *name)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
    char *path = g_build_filename(MSP_TEST_TMP, name, NULL);
    assert_int_equal(cairo_surface_write_to_png(img, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(img);
    return path;
}

static double ink_width(cairo_surface_t *s)
{
    double x0, y0, w, h;
    cairo_recording_surface_ink_extents(s, &x0, &y0, &w, &h);
    return w;
}

static void test_svg__inline_svg_loads_no_file(void **state)
{
    (void)state;
    char *png = write_png("svg_ref.png");
    /* a file named by an absolute path, by file: URL and by a relative path: none is read */
    for (int i = 0; i < 3; i++) {
        char *href = i == 0 ? g_strdup(png) : i == 1 ? g_strconcat("file://", png, NULL) : g_strdup("svg_ref.png");
        char *fo = g_strdup_printf("<fo:block><fo:instream-foreign-object><svg xmlns='" SVG_NS "' "
                                   "xmlns:xlink='http://www.w3.org/1999/xlink' width='20pt' height='20pt'>"
                                   "<image x='0' y='0' width='20' height='20' xlink:href='%s'/></svg>"
                                   "</fo:instream-foreign-object></fo:block>", href);
        parsed *p = parse_object(fo);
        double w, h;
        cairo_surface_t *s = draw_object(p, &w, &h);
        assert_non_null(s);
        assert_true(ink_width(s) == 0);
        cairo_surface_destroy(s);
        parsed_free(p);
        g_free(fo);
        g_free(href);
    }
    /* the same picture as a data: URI is drawn */
    gchar *bytes = NULL;
    gsize n = 0;
    assert_true(g_file_get_contents(png, &bytes, &n, NULL));
    gchar *b64 = g_base64_encode((const guchar *)bytes, n);
    char *fo = g_strdup_printf("<fo:block><fo:instream-foreign-object><svg xmlns='" SVG_NS "' "
                               "xmlns:xlink='http://www.w3.org/1999/xlink' width='20pt' height='20pt'>"
                               "<image x='0' y='0' width='20' height='20' xlink:href='data:image/png;base64,%s'/></svg>"
                               "</fo:instream-foreign-object></fo:block>", b64);
    parsed *p = parse_object(fo);
    double w, h;
    cairo_surface_t *s = draw_object(p, &w, &h);
    assert_non_null(s);
    assert_true(ink_width(s) > 10);
    cairo_surface_destroy(s);
    parsed_free(p);
    g_free(fo);
    g_free(b64);
    g_free(bytes);
    g_free(png);
}

static void test_svg__file_loads_only_beside_it(void **state)
{
    (void)state;
    char *png = write_png("svg_beside.png");
    g_free(png);
    assert_true(g_mkdir_with_parents("svg_sub", 0755) == 0);
    const char inside[] = "<svg xmlns='" SVG_NS "' width='20pt' height='20pt'>"
                          "<image width='20' height='20' href='../svg_beside.png'/></svg>";
    assert_true(g_file_set_contents("svg_sub/up.svg", inside, -1, NULL));
    const char beside[] = "<svg xmlns='" SVG_NS "' width='20pt' height='20pt'>"
                          "<image width='20' height='20' href='svg_beside.png'/></svg>";
    assert_true(g_file_set_contents("svg_beside.svg", beside, -1, NULL));
    /* the file's folder bounds what it loads: a sibling is drawn, its parent's file is not */
    parsed *p;
    gchar *text = NULL;
    gsize n = 0;
    const char *files[] = { "svg_beside.svg", "svg_sub/up.svg" };
    const bool drawn[] = { true, false };
    for (int i = 0; i < 2; i++) {
        assert_true(g_file_get_contents(files[i], &text, &n, NULL));
        char *full = g_build_filename(MSP_TEST_TMP, files[i], NULL);
        p = parse_object("<fo:block><fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='1pt' height='1pt'/>"
                         "</fo:instream-foreign-object></fo:block>");
        cairo_surface_t *s = NULL;
        double w, h;
        assert_int_equal(msp_svg_load(&p->job, g_ctx, p->node, "t", text, n, full, &s, &w, &h), MSP_OK);
        assert_true((ink_width(s) > 10) == drawn[i]);
        cairo_surface_destroy(s);
        parsed_free(p);
        g_free(full);
        g_free(text);
    }
}

/* A layout of `object` that fails with an error holding `part` at line:column. */
static void expect_error(const char *object, const char *part, int line, int column)
{
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format'>%s"
                               "<fo:page-sequence master-reference='p'><fo:flow flow-name='xsl-region-body'>\n"
                               "<fo:block>\n%s</fo:block></fo:flow></fo:page-sequence></fo:root>",
                               MASTERS, object);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_not_equal(r->st, MSP_OK);
    const msp_diag *d = find_diag(r, part);
    if (!d)
        fprintf(stderr, "no error with '%s'\n", part);
    assert_non_null(d);
    assert_int_equal(d->severity, MSP_SEV_ERROR);
    assert_string_equal(d->loc.file, "test.fo");
    assert_int_equal(d->loc.line, line);
    assert_int_equal(d->loc.column, column);
    assert_non_null(d->hint);
    run_free(r);
}

static void test_svg__foreign_vocabulary_is_a_located_error(void **state)
{
    (void)state;
    expect_error("<fo:instream-foreign-object>\n  <m:math xmlns:m='http://www.w3.org/1998/Math/MathML'><m:mi>x</m:mi></m:math>"
                 "</fo:instream-foreign-object>",
                 "only SVG (http://www.w3.org/2000/svg) and mspdoc graphics", 4, 3);
    /* an SVG element other than <svg> */
    expect_error("<fo:instream-foreign-object><rect xmlns='" SVG_NS "'/></fo:instream-foreign-object>",
                 "starts with <svg>", 3, 29);
    /* two graphics */
    expect_error("<fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='1pt' height='1pt'/>"
                 "<svg xmlns='" SVG_NS "' width='1pt' height='1pt'/></fo:instream-foreign-object>",
                 "one graphic per object", 3, 95);
}

static void test_svg__no_zero_or_huge_size_is_a_located_error(void **state)
{
    (void)state;
    expect_error("<fo:instream-foreign-object><svg xmlns='" SVG_NS "'><rect width='5' height='5'/></svg>"
                 "</fo:instream-foreign-object>", "the SVG has no size", 3, 1);
    expect_error("<fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='0' height='5pt'/>"
                 "</fo:instream-foreign-object>", "zero width or height", 3, 1);
    expect_error("<fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='20000pt' height='5pt'/>"
                 "</fo:instream-foreign-object>", "wider or taller than 14400pt", 3, 1);
    expect_error("<fo:instream-foreign-object content-width='5000pt' content-height='5000pt' scaling='non-uniform'>"
                 "<svg xmlns='" SVG_NS "' width='5pt' height='5pt'/></fo:instream-foreign-object>",
                 "drawn size is too large", 3, 1);
    /* past 4 MiB of SVG text: refused before librsvg reads it */
    GString *big = g_string_new("<fo:instream-foreign-object><svg xmlns='" SVG_NS "' width='5pt' height='5pt'><!--");
    for (int i = 0; i < (4 << 20) / 64 + 1; i++)
        g_string_append(big, "0123456789012345678901234567890123456789012345678901234567890123");
    g_string_append(big, "--></svg></fo:instream-foreign-object>");
    expect_error(big->str, "the SVG is too large", 3, 1);
    g_string_free(big, TRUE);
    /* an SVG file librsvg refuses */
    assert_true(g_file_set_contents("svg_bad.svg", "<svg xmlns='" SVG_NS "' width='5pt' height='5pt'><rect", -1, NULL));
    expect_error("<fo:external-graphic src='svg_bad.svg'/>", "SVG image 'svg_bad.svg'", 3, 1);
}

/* The ink box of the surface of a parsed object's SVG after msp_graphic_frame. */
static void framed(const char *fo_attrs, double *w, double *h, double ink[4])
{
    char *o = g_strdup_printf("<fo:block><fo:instream-foreign-object %s><svg xmlns='" SVG_NS "' width='20pt' "
                              "height='20pt' viewBox='0 0 20 20'><rect width='20' height='20' fill='red'/></svg>"
                              "</fo:instream-foreign-object></fo:block>", fo_attrs);
    parsed *p = parse_object(o);
    g_free(o);
    cairo_surface_t *s = draw_object(p, w, h);
    assert_non_null(s);
    msp_graphic_frame(p->node->style, &s, w, h);
    cairo_recording_surface_ink_extents(s, &ink[0], &ink[1], &ink[2], &ink[3]);
    cairo_surface_destroy(s);
    parsed_free(p);
}

static void test_svg__viewport_places_the_content(void **state)
{
    (void)state;
    double w, h, ink[4];
    /* no viewport, no frame: the content's size */
    framed("", &w, &h, ink);
    NEAR(w, 20);
    NEAR(h, 20);
    /* bpd 30pt: the content at the viewport's top, middle or bottom */
    static const struct { const char *da; double y; } cases[] = {
        { "auto", 0 }, { "before", 0 }, { "center", 5 }, { "after", 10 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *a = g_strdup_printf("block-progression-dimension='30pt' display-align='%s'", cases[i].da);
        framed(a, &w, &h, ink);
        g_free(a);
        NEAR(w, 20);
        NEAR(h, 30);
        /* (ink extents are whole points, rounded outwards) */
        assert_true(fabs(ink[1] - cases[i].y) < 1.5 && fabs(ink[3] - 20) < 1.5);
    }
    /* width 50pt, text-align center: 15 pt each side; end: at the right */
    framed("width='50pt' text-align='center'", &w, &h, ink);
    NEAR(w, 50);
    assert_true(fabs(ink[0] - 15) < 1.5 && fabs(ink[2] - 20) < 1.5);
    framed("width='50pt' text-align='end'", &w, &h, ink);
    assert_true(fabs(ink[0] - 30) < 1.5);
    /* a smaller viewport clips */
    framed("width='10pt' height='10pt'", &w, &h, ink);
    NEAR(w, 10);
    assert_true(ink[2] < 10.5 && ink[3] < 10.5);
}

static void test_svg__border_padding_background_around_it(void **state)
{
    (void)state;
    double w, h, ink[4];
    /* borders 5 10 20 15 (top right bottom left), padding 15 20 10 5 */
    framed("border-style='solid' border-width='5pt 10pt 20pt 15pt' padding='15pt 20pt 10pt 5pt' "
           "background-color='white'", &w, &h, ink);
    NEAR(w, 15 + 5 + 20 + 20 + 10);
    NEAR(h, 5 + 15 + 20 + 10 + 20);
    assert_true(fabs(ink[0]) < 0.5 && fabs(ink[2] - w) < 0.5 && fabs(ink[3] - h) < 0.5);
    /* on the area tree the line holds the whole border box */
    char *o = instream("border='2pt solid black' padding='3pt'", "width='20pt' height='20pt'><rect width='5' height='5'/></svg>");
    run *r = lay_object(o);
    g_free(o);
    NEAR(xp_num(r, "number(//image/@w)"), 30);
    NEAR(xp_num(r, "number(//image/@h)"), 30);
    assert_true(find_diag(r, "not drawn") == NULL);   /* drawn: no warning */
    run_free(r);
}

static void test_svg__first_in_a_right_to_left_line(void **state)
{
    (void)state;
    /* rl-tb: the object first in the line's text is its rightmost item, right of the words */
    char *o = instream("", "width='40pt' height='20pt'><rect width='5' height='5'/></svg>");
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' font-family='Liberation Serif' "
                               "font-size='10pt'>%s<fo:page-sequence master-reference='p' writing-mode='rl-tb'>"
                               "<fo:flow flow-name='xsl-region-body'><fo:block>%s words after</fo:block>"
                               "</fo:flow></fo:page-sequence></fo:root>", MASTERS, o);
    g_free(o);
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    double lx = xp_num(r, "number(//line[1]/@x)"), lw = xp_num(r, "number(//line[1]/@w)");
    double ix = xp_num(r, "number(//image/@x)");
    NEAR(ix + 40, lx + lw);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg__width_height_in_mm),
        cmocka_unit_test(test_svg__viewbox_only_takes_its_user_units_as_px),
        cmocka_unit_test(test_svg__content_width_scales),
        cmocka_unit_test(test_svg__inside_a_link),
        cmocka_unit_test(test_svg__external_graphic_of_an_svg_file),
        cmocka_unit_test(test_svg__drawn_as_a_vector_recording),
        cmocka_unit_test(test_svg__title_is_the_alternative_text),
        cmocka_unit_test(test_svg__inline_svg_loads_no_file),
        cmocka_unit_test(test_svg__file_loads_only_beside_it),
        cmocka_unit_test(test_svg__foreign_vocabulary_is_a_located_error),
        cmocka_unit_test(test_svg__no_zero_or_huge_size_is_a_located_error),
        cmocka_unit_test(test_svg__viewport_places_the_content),
        cmocka_unit_test(test_svg__border_padding_background_around_it),
        cmocka_unit_test(test_svg__first_in_a_right_to_left_line),
    };
    return cmocka_run_group_tests(tests, svg_setup, group_teardown);
}
