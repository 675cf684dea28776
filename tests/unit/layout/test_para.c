/* Unit tests for layout/para: inline runs to lines (wrapping, alignment,
 * line boxes, white space, fonts, missing glyphs, footnote anchors, links,
 * graphics, leaders, page-number citations). FO trees are built by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/para.h"
#include "render/fonts.h"

#include <cairo.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 0.01)

/* --- fixture: a job, the project's fonts, a hand-made FO tree --- */

typedef struct fx {
    msp_job job;
    msp_fonts *fonts;
    PangoContext *ctx;
    msp_fo_doc doc;
    msp_para_env env;
    msp_para para;
} fx;

static int fx_setup(void **state)
{
    fx *f = g_new0(fx, 1);
    msp_job_init(&f->job);
    const char *root = getenv("MSP_ROOT");
    char *dir = g_build_filename(root ? root : MSP_SOURCE_ROOT, "fonts", NULL);
    f->fonts = msp_fonts_load(&f->job.diags, dir);
    g_free(dir);
    assert_non_null(f->fonts);
    f->ctx = msp_fonts_new_context(f->fonts);
    f->doc.path = "t.fo";
    f->doc.base_dir = MSP_TEST_TMP;
    f->env.job = &f->job;
    f->env.pango = f->ctx;
    f->env.doc = &f->doc;
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    msp_para_clear(&f->para);
    g_object_unref(f->ctx);
    msp_fonts_free(f->fonts);
    msp_job_clear(&f->job);
    g_free(f);
    return 0;
}

static msp_fo_style *style_new(fx *f)
{
    msp_fo_style *s = msp_arena_new_obj(f->job.arena, msp_fo_style);
    s->font_family = "Liberation Serif";
    s->font_size = 10;
    s->font_weight = 400;
    s->line_height = 12;
    s->white_space_collapse = true;
    s->wrap = true;
    s->text_align_last = MSP_ALIGN_RELATIVE;
    s->widows = s->orphans = 2;
    s->leader_length = (msp_space){ 0, 12, -1, false, 0 };
    s->rule_thickness = 1;
    s->rule_style = MSP_BORDER_SOLID;
    s->background_color = MSP_COLOR_NONE;
    return s;
}

/* A copy of the parent's style for a child element to change. */
static msp_fo_style *style_from(fx *f, const msp_fo_node *parent)
{
    msp_fo_style *s = msp_arena_new_obj(f->job.arena, msp_fo_style);
    *s = *parent->style;
    s->baseline_shift = 0;
    s->underline = s->line_through = false;
    return s;
}

static int next_line = 1;

static msp_fo_node *node_add(fx *f, msp_fo_node *parent, msp_fo_kind kind, const msp_fo_style *s)
{
    msp_fo_node *n = msp_arena_new_obj(f->job.arena, msp_fo_node);
    n->kind = kind;
    n->style = s ? s : parent->style;
    n->loc = (msp_loc){ "t.fo", next_line++, 3 };
    if (parent) {
        n->parent = parent;
        n->prev = parent->last;
        if (parent->last)
            parent->last->next = n;
        else
            parent->first = n;
        parent->last = n;
    }
    return n;
}

static msp_fo_node *block_new(fx *f, msp_fo_style **s)
{
    *s = style_new(f);
    return node_add(f, NULL, MSP_FO_BLOCK, *s);
}

static msp_fo_node *text(fx *f, msp_fo_node *parent, const char *t)
{
    msp_fo_node *n = node_add(f, parent, MSP_FO_TEXT, parent->style);
    n->text = msp_arena_strdup(f->job.arena, t);
    n->text_len = strlen(t);
    return n;
}

static void attr(fx *f, msp_fo_node *n, const char *name, const char *value)
{
    msp_fo_attr *a = msp_arena_alloc_array(f->job.arena, (size_t)n->n_attrs + 1, sizeof *a);
    if (n->n_attrs)
        memcpy(a, n->attrs, (size_t)n->n_attrs * sizeof *a);
    a[n->n_attrs].name = name;
    a[n->n_attrs].value = value;
    n->attrs = a;
    n->n_attrs++;
}

static msp_status build(fx *f, const msp_fo_node *block, double width, double start, double end)
{
    msp_para_clear(&f->para);
    return msp_para_build(&f->env, &f->para, block, block->first, block->last, width, start, end,
                          true, true);
}

static const char *long_text =
    "The Meeting of the States Parties considered the report of the Implementation Support "
    "Unit and welcomed the progress made in the universalization of the Convention since the "
    "last meeting, noting with appreciation the contributions of the States Parties concerned.";

static bool has_diag(const fx *f, msp_severity sev, const char *needle, int line)
{
    for (guint i = 0; i < f->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(f->job.diags.items, i);
        if (d->severity == sev && strstr(d->message, needle) && (line == 0 || d->loc.line == line))
            return true;
    }
    return false;
}

/* --- tests --- */

static void test_para_justify__full_lines_fill_the_column(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    text(f, b, long_text);
    assert_int_equal(build(f, b, 300, 20, 10), MSP_OK);
    assert_true(f->para.n_lines >= 3);
    for (int i = 0; i < f->para.n_lines - 1; i++) {
        NEAR(f->para.lines[i].width, 270);
        NEAR(f->para.lines[i].x, 20);
        assert_false(f->para.lines[i].last);
    }
    const msp_line *last = &f->para.lines[f->para.n_lines - 1];
    assert_true(last->width < 269);
    NEAR(last->x, 20);
    assert_true(last->last);
}

static void test_para_indent__text_indent_first_line_only(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_indent = 36;
    text(f, b, long_text);
    assert_int_equal(build(f, b, 300, 10, 0), MSP_OK);
    assert_true(f->para.n_lines >= 2);
    NEAR(f->para.lines[0].x, 46);
    for (int i = 1; i < f->para.n_lines; i++)
        NEAR(f->para.lines[i].x, 10);
    assert_true(f->para.lines[0].width <= 254 + 0.01);

    /* a run that does not start the block gets no text-indent */
    msp_para_clear(&f->para);
    assert_int_equal(msp_para_build(&f->env, &f->para, b, b->first, b->last, 300, 10, 0, false, true),
                     MSP_OK);
    NEAR(f->para.lines[0].x, 10);

    /* a negative text-indent hangs the first line out to the left */
    s->text_indent = -20;
    assert_int_equal(build(f, b, 300, 30, 0), MSP_OK);
    NEAR(f->para.lines[0].x, 10);
    NEAR(f->para.lines[1].x, 30);
    assert_true(f->para.lines[1].width <= 270 + 0.01);
}

static void test_para_indent__start_and_end_narrow_the_lines(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    text(f, b, long_text);
    assert_int_equal(build(f, b, 400, 50, 80), MSP_OK);
    for (int i = 0; i < f->para.n_lines; i++) {
        NEAR(f->para.lines[i].x, 50);
        assert_true(f->para.lines[i].width <= 270 + 0.01);
    }
    NEAR(f->para.lines[0].width, 270);
}

static void test_para_align__center_and_right(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_CENTER;
    text(f, b, "Distr.: General");
    assert_int_equal(build(f, b, 200, 10, 30), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    const msp_line *l = &f->para.lines[0];
    assert_true(l->width > 20 && l->width < 100);
    NEAR(l->x, 10 + (160 - l->width) / 2);
    assert_string_equal(l->text, "Distr.: General");

    s->text_align = MSP_ALIGN_END;
    assert_int_equal(build(f, b, 200, 10, 30), MSP_OK);
    l = &f->para.lines[0];
    NEAR(l->x + l->width, 170);

    s->text_align = MSP_ALIGN_RIGHT;
    s->text_indent = 15;   /* XSL indents the start edge, whatever the alignment */
    assert_int_equal(build(f, b, 200, 10, 30), MSP_OK);
    NEAR(f->para.lines[0].x + f->para.lines[0].width, 170);
}

static void test_para_lines__baselines_12pt_apart_for_10_on_12(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    text(f, b, long_text);
    assert_int_equal(build(f, b, 250, 0, 0), MSP_OK);
    assert_true(f->para.n_lines >= 3);
    msp_page *page = msp_page_new(595, 842);
    double top = 100;
    for (int i = 0; i < f->para.n_lines; i++) {
        const msp_line *l = &f->para.lines[i];
        assert_true(fabs(l->height - 12) < 1e-9);
        assert_true(fabs(l->ascent - f->para.lines[0].ascent) < 1e-9);
        msp_para_emit_line(&f->para, i, page, MSP_ZONE_BODY, 72, top + l->ascent, -1);
        top += l->height;
    }
    /* half-leading: (12 - (0.891 + 0.216) * 10) / 2 above the font's ascent */
    assert_true(fabs(f->para.lines[0].ascent - 9.375) < 0.01);
    int seen = 0;
    double prev = 0;
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        if (a->kind != MSP_AREA_LINE)
            continue;
        if (seen++)
            assert_true(fabs(a->y - prev - 12) < 1e-9);
        prev = a->y;
        NEAR(a->x, 72);
        assert_int_equal(a->u.line.footnote, -1);
        assert_ptr_equal(a->u.line.layout, f->para.layout);
    }
    assert_int_equal(seen, f->para.n_lines);
    msp_page_free(page);
}

static void test_para_lines__superscript_does_not_grow_the_line(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "States Parties");
    msp_fo_node *fn = node_add(f, b, MSP_FO_FOOTNOTE, style_from(f, b));
    msp_fo_style *ss = style_from(f, b);
    ss->font_size = 6.5;
    ss->baseline_shift = 3.3;
    msp_fo_node *anchor = node_add(f, fn, MSP_FO_INLINE, ss);
    text(f, anchor, "1");
    msp_fo_node *body = node_add(f, fn, MSP_FO_FOOTNOTE_BODY, style_from(f, b));
    text(f, body, "The footnote body is not part of the line.");
    text(f, b, " and the Convention.");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_true(fabs(f->para.lines[0].height - 12) < 1e-9);
    assert_true(fabs(f->para.lines[0].ascent - 9.375) < 0.01);
    assert_string_equal(f->para.lines[0].text, "States Parties1 and the Convention.");
    assert_int_equal(f->para.n_footnotes, 1);
    assert_ptr_equal(f->para.footnotes[0], fn);
    assert_int_equal(f->para.footnote_line[0], 0);

    /* a big inline does grow it */
    msp_fo_style *big = style_from(f, b);
    big->font_size = 20;
    msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, big);
    text(f, in, "Big");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_true(f->para.lines[0].height > 20);
}

static void test_para_space__collapse_across_inline_boundaries(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "\n   Report  of \t the ");
    msp_fo_style *is = style_from(f, b);
    is->font_weight = 700;
    msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, is);
    text(f, in, "  Meeting\n  ");
    msp_fo_node *w = node_add(f, b, MSP_FO_WRAPPER, style_from(f, b));
    text(f, w, "   ");
    text(f, b, "  of States   Parties\n   ");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "Report of the Meeting of States Parties");
    assert_string_equal(pango_layout_get_text(f->para.layout),
                        "Report of the Meeting of States Parties");
}

static void test_para_space__preserve_keeps_linefeeds_and_spaces(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->linefeed_treatment = MSP_LF_PRESERVE;
    s->white_space_collapse = false;
    s->white_space_treatment = MSP_WST_PRESERVE;
    s->text_align = MSP_ALIGN_JUSTIFY;
    s->text_indent = 20;
    text(f, b, "first line\n  second  line\nthird");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 3);
    assert_string_equal(f->para.lines[0].text, "first line");
    assert_string_equal(f->para.lines[1].text, "  second  line");
    assert_string_equal(f->para.lines[2].text, "third");
    /* lines ending in a forced break are not justified; the indent is the first line's only */
    assert_true(f->para.lines[0].width < 100);
    assert_true(f->para.lines[1].width < 100);
    NEAR(f->para.lines[0].x, 20);  /* the indent is the first line's offset */
    NEAR(f->para.lines[1].x, 0);
    assert_true(f->para.lines[0].width > f->para.lines[2].width);

    /* default treatment: linefeeds are spaces */
    s->linefeed_treatment = MSP_LF_TREAT_AS_SPACE;
    s->white_space_collapse = true;
    s->white_space_treatment = MSP_WST_IGNORE_IF_SURROUNDING_LF;
    s->text_indent = 0;
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "first line second line third");
}

static void test_para_font__unknown_family_is_an_error_at_the_node(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "Some ");
    msp_fo_style *is = style_from(f, b);
    is->font_family = "Comic Sans MS, Papyrus";
    msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, is);
    text(f, in, "text");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "unknown font family 'Comic Sans MS'", in->loc.line));
    const msp_diag *d = g_ptr_array_index(f->job.diags.items, f->job.diags.items->len - 1);
    assert_string_equal(d->loc.file, "t.fo");
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "Liberation Serif"));
    assert_null(f->para.layout);

    /* a later family of the list that is declared is taken */
    is->font_family = "Comic Sans MS, 'Liberation Sans', serif";
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
}

/* mspdoc render (font_fallback): an undeclared family is set in serif with a
 * warning at the node; papers (the default) keep the error above. */
static void test_para_font__fallback_for_render_is_a_warning(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->font_family = "Gotham Book";
    text(f, b, "Some text");
    f->env.font_fallback = true;
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    f->env.font_fallback = false;
    assert_true(has_diag(f, MSP_SEV_WARNING, "unknown font family 'Gotham Book': set in serif", b->loc.line));
    assert_string_equal(f->para.lines[0].text, "Some text");
}

/* CSS's generic cursive and fantasy always match: set in serif, warned. */
static void test_para_font__cursive_and_fantasy_fall_back_to_serif_with_a_warning(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->font_family = "cursive";
    text(f, b, "Some text");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_true(has_diag(f, MSP_SEV_WARNING, "no cursive font is declared: set in serif", b->loc.line));
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "Some text");
    /* a declared family before the generic one is taken, without a warning */
    s->font_family = "'Liberation Sans', fantasy";
    guint before = f->job.diags.items->len;
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->job.diags.items->len, before);
}

/* Layout decides on families from the context's own font map (render's
 * data on the context is not used): a plain context on the same map knows the
 * declared families, the generic names and the fonts.conf aliases. */
static void test_para_font__families_from_any_context_on_the_map(void **state)
{
    fx *f = *state;
    PangoContext *plain = pango_font_map_create_context(pango_context_get_font_map(f->ctx));
    f->env.pango = plain;
    const char *ok[] = { "Liberation Sans", "liberation mono", "serif", "sans-serif", "monospace",
                         "'Times New Roman'", "Times", "\"Arial Unicode\", Times", "Helvetica",
                         "Arial", "Courier", "'Courier New'" };
    for (size_t i = 0; i < G_N_ELEMENTS(ok); i++) {
        msp_fo_style *s;
        msp_fo_node *b = block_new(f, &s);
        s->font_family = ok[i];
        text(f, b, "Text");
        if (build(f, b, 400, 0, 0) != MSP_OK)
            fail_msg("family list %s was refused", ok[i]);
        assert_int_equal(f->para.n_lines, 1);
    }
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->font_family = "Times Roman Bold Fantasy";
    text(f, b, "Text");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "unknown font family 'Times Roman Bold Fantasy'", b->loc.line));
    msp_para_clear(&f->para);
    f->env.pango = f->ctx;
    g_object_unref(plain);
}

static void test_para_font__missing_glyph_warns_with_code_point(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "Latin text ");
    msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, style_from(f, b));
    /* Ethiopic: neither Liberation nor Noto CJK has it */
    msp_fo_node *t = text(f, in, "and \xE1\x88\x80 here");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_true(has_diag(f, MSP_SEV_WARNING, "no declared font has U+1200 '\xE1\x88\x80'", 0));
    assert_true(has_diag(f, MSP_SEV_WARNING, "U+1200", in->loc.line));
    (void)t;
    /* building again does not repeat the warning */
    int before = f->job.diags.warnings;
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->job.diags.warnings, before);
}

static void test_para_footnote__anchor_line_when_wrapping(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "First sentence of a paragraph that wraps onto a second line here");
    msp_fo_node *fn1 = node_add(f, b, MSP_FO_FOOTNOTE, style_from(f, b));
    msp_fo_style *ss = style_from(f, b);
    ss->font_size = 6.5;
    ss->baseline_shift = 3.3;
    text(f, node_add(f, fn1, MSP_FO_INLINE, ss), "1");
    node_add(f, fn1, MSP_FO_FOOTNOTE_BODY, style_from(f, b));
    text(f, b, " and it goes on for quite a long while so that a third line is needed");
    msp_fo_node *fn2 = node_add(f, b, MSP_FO_FOOTNOTE, style_from(f, b));
    text(f, node_add(f, fn2, MSP_FO_INLINE, ss), "2");
    node_add(f, fn2, MSP_FO_FOOTNOTE_BODY, style_from(f, b));
    text(f, b, ".");
    assert_int_equal(build(f, b, 200, 0, 0), MSP_OK);
    assert_true(f->para.n_lines >= 3);
    assert_int_equal(f->para.n_footnotes, 2);
    assert_ptr_equal(f->para.footnotes[0], fn1);
    assert_ptr_equal(f->para.footnotes[1], fn2);
    /* each anchor on the line that shows its marker */
    for (int k = 0; k < 2; k++) {
        int li = f->para.footnote_line[k];
        assert_non_null(strchr(f->para.lines[li].text, k ? '2' : '1'));
        if (li > 0)
            assert_null(strchr(f->para.lines[li - 1].text, k ? '2' : '1'));
    }
    assert_true(f->para.footnote_line[1] > f->para.footnote_line[0]);
    assert_true(f->para.footnote_line[0] >= 1);
    int objs = 0;
    for (int i = 0; i < f->para.n_objs; i++)
        if (f->para.objs[i].kind == MSP_INLINE_FOOTNOTE) {
            assert_int_equal(f->para.objs[i].line, f->para.footnote_line[f->para.objs[i].footnote]);
            assert_true(f->para.objs[i].w > 0);
            objs++;
        }
    assert_int_equal(objs, 2);
}

static void test_para_link__rectangles_split_across_lines(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "See the report of the Implementation Support Unit at ");
    msp_fo_node *a = node_add(f, b, MSP_FO_BASIC_LINK, style_from(f, b));
    attr(f, a, "external-destination", "url('https://example.org/isu')");
    a->id = "lnk";
    text(f, a, "the Convention web site of the Unit");
    text(f, b, " for details.");
    assert_int_equal(build(f, b, 250, 12, 0), MSP_OK);
    int links = 0, first_line = -1;
    for (int i = 0; i < f->para.n_objs; i++) {
        const msp_inline_obj *o = &f->para.objs[i];
        if (o->kind != MSP_INLINE_LINK)
            continue;
        assert_string_equal(o->uri, "https://example.org/isu");
        assert_true(o->w > 5);
        if (links == 0) {
            first_line = o->line;
            /* ends at the line's end */
            NEAR(o->x + o->w, f->para.lines[o->line].width);
        } else {
            assert_int_equal(o->line, first_line + 1);
            NEAR(o->x, 0);   /* starts the next line */
        }
        links++;
    }
    assert_int_equal(links, 2);

    msp_page *page = msp_page_new(595, 842);
    for (int i = 0; i < f->para.n_lines; i++)
        msp_para_emit_line(&f->para, i, page, MSP_ZONE_BODY, 100, 200 + 12 * i, -1);
    int rects = 0, dests = 0;
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *ar = &page->areas[i];
        if (ar->kind == MSP_AREA_LINK) {
            rects++;
            assert_true(ar->x >= 112 - 0.01);
            assert_true(ar->h > 10);
            assert_string_equal(ar->u.link.uri, "https://example.org/isu");
        } else if (ar->kind == MSP_AREA_DEST) {
            dests++;
            assert_string_equal(ar->u.dest.name, "lnk");
        }
    }
    assert_int_equal(rects, 2);
    assert_int_equal(dests, 1);
    msp_page_free(page);
}

static char *tmp_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(MSP_TEST_TMP, name, NULL);
    assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
    return path;
}

static msp_fo_node *graphic_block(fx *f, const char *src)
{
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "Logo: ");
    msp_fo_node *g = node_add(f, b, MSP_FO_EXTERNAL_GRAPHIC, style_from(f, b));
    attr(f, g, "src", src);
    text(f, b, " end");
    return b;
}

static void test_para_image__png_is_placed_and_sized(void **state)
{
    fx *f = *state;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 20);
    char *path = g_build_filename(MSP_TEST_TMP, "para_ok.png", NULL);
    assert_int_equal(cairo_surface_write_to_png(img, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(img);
    g_free(path);

    msp_fo_node *b = graphic_block(f, "url('para_ok.png')");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "Logo:  end");
    const msp_inline_obj *o = NULL;
    for (int i = 0; i < f->para.n_objs; i++)
        if (f->para.objs[i].kind == MSP_INLINE_IMAGE)
            o = &f->para.objs[i];
    assert_non_null(o);
    NEAR(o->w, 30);
    NEAR(o->ascent, 15);
    assert_true(f->para.lines[0].ascent >= 15);   /* a tall image raises the line */
    msp_page *page = msp_page_new(595, 842);
    msp_para_emit_line(&f->para, 0, page, MSP_ZONE_BODY, 50, 100, -1);
    bool found = false;
    for (int i = 0; i < page->n_areas; i++)
        if (page->areas[i].kind == MSP_AREA_IMAGE) {
            found = true;
            NEAR(page->areas[i].y, 85);
            NEAR(page->areas[i].w, 30);
            assert_non_null(page->areas[i].u.image.surface);
        }
    assert_true(found);
    msp_page_free(page);

    /* content-width scales uniformly */
    msp_fo_style *gs = (msp_fo_style *)b->first->next->style;
    gs->content_width = (msp_len){ MSP_LEN_ABS, 60 };
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    for (int i = 0; i < f->para.n_objs; i++)
        if (f->para.objs[i].kind == MSP_INLINE_IMAGE) {
            NEAR(f->para.objs[i].w, 60);
            NEAR(f->para.objs[i].ascent, 30);
        }
}

static void test_para_image__bad_png_is_an_error(void **state)
{
    fx *f = *state;
    f->doc.base_dir = MSP_TEST_DATA "/layout";
    msp_fo_node *b = graphic_block(f, "para_bad.png");
    msp_fo_node *g = b->first->next;
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "not a PNG", g->loc.line));

    /* a header that claims a huge image is refused before decoding */
    static const unsigned char huge[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
        0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30, 8, 6, 0, 0, 0, 0, 0, 0, 0 };
    g_free(tmp_file("para_huge.png", huge, sizeof huge));
    f->doc.base_dir = MSP_TEST_TMP;
    g->n_attrs = 0;
    attr(f, g, "src", "para_huge.png");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "30000 x 30000", g->loc.line));

    /* a valid header with a corrupt body */
    unsigned char trunc[64];
    memcpy(trunc, huge, sizeof huge);
    trunc[18] = 0;
    trunc[19] = 4;
    trunc[22] = 0;
    trunc[23] = 4;
    memset(trunc + sizeof huge, 0x55, sizeof trunc - sizeof huge);
    g_free(tmp_file("para_corrupt.png", trunc, sizeof trunc));
    g->n_attrs = 0;
    attr(f, g, "src", "para_corrupt.png");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "cannot be decoded", g->loc.line));
}

static void test_para_image__path_leaving_base_dir_is_refused(void **state)
{
    fx *f = *state;
    const char *bad[] = { "../secret.png", "/etc/passwd", "a/../../x.png", "url('file:///etc/x.png')",
                          "https://example.org/x.png" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        msp_fo_node *b = graphic_block(f, bad[i]);
        assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
        assert_true(has_diag(f, MSP_SEV_ERROR, "outside the document's folder", b->first->next->loc.line));
    }
    /* a symbolic link out of the folder is caught too */
    char *link = g_build_filename(MSP_TEST_TMP, "para_escape.png", NULL);
    unlink(link);
    assert_int_equal(symlink("/etc/hostname", link), 0);
    msp_fo_node *b = graphic_block(f, "para_escape.png");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "leads outside the document's folder", 0));
    unlink(link);
    g_free(link);
}

static const char *cite_fn(void *user, const char *ref_id, bool last)
{
    (void)user;
    if (strcmp(ref_id, "sec2") == 0)
        return last ? "17" : "12";
    return NULL;
}

static void test_para_cite__placeholder_then_resolved(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "See page ");
    msp_fo_node *c = node_add(f, b, MSP_FO_PAGE_NUMBER_CITATION, style_from(f, b));
    attr(f, c, "ref-id", "sec2");
    text(f, b, " to ");
    msp_fo_node *c2 = node_add(f, b, MSP_FO_PAGE_NUMBER_CITATION_LAST, style_from(f, b));
    attr(f, c2, "ref-id", "sec2");
    text(f, b, "; page ");
    node_add(f, b, MSP_FO_PAGE_NUMBER, style_from(f, b));
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_string_equal(f->para.lines[0].text, "See page 00 to 00; page 00");
    f->env.cite = cite_fn;
    f->env.page_number_text = "iv";
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_string_equal(f->para.lines[0].text, "See page 12 to 17; page iv");

    node_add(f, b, MSP_FO_PAGE_NUMBER_CITATION, style_from(f, b));   /* no ref-id */
    assert_int_equal(build(f, b, 400, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "needs a ref-id", b->last->loc.line));
}

static void test_para_leader__fills_the_rest_of_the_line(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    text(f, b, "Adoption of the agenda ");
    msp_fo_style *ls = style_from(f, b);
    ls->leader_pattern = MSP_LEADER_DOTS;
    node_add(f, b, MSP_FO_LEADER, ls);
    text(f, b, " 5");
    assert_int_equal(build(f, b, 300, 20, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "Adoption of the agenda  5");
    assert_true(fabs(f->para.lines[0].width - 280) < 0.05);
    const msp_inline_obj *o = NULL;
    for (int i = 0; i < f->para.n_objs; i++)
        if (f->para.objs[i].kind == MSP_INLINE_LEADER)
            o = &f->para.objs[i];
    assert_non_null(o);
    assert_true(o->w > 100);
    msp_page *page = msp_page_new(595, 842);
    msp_para_emit_line(&f->para, 0, page, MSP_ZONE_BODY, 0, 100, -1);
    bool rule = false;
    for (int i = 0; i < page->n_areas; i++)
        if (page->areas[i].kind == MSP_AREA_RULE) {
            rule = true;
            assert_int_equal(page->areas[i].u.rule.style, MSP_BORDER_DOTTED);
            NEAR(page->areas[i].u.rule.x2 - page->areas[i].x, o->w);
            assert_true(page->areas[i].y < 100 && page->areas[i].y > 98);
        }
    assert_true(rule);
    msp_page_free(page);

    /* with text-align-last="justify" the leader still takes the space, not the words */
    s->text_align_last = MSP_ALIGN_JUSTIFY;
    double w_before = o->w;
    assert_int_equal(build(f, b, 300, 20, 0), MSP_OK);
    assert_true(fabs(f->para.lines[0].width - 280) < 0.05);
    for (int i = 0; i < f->para.n_objs; i++)
        if (f->para.objs[i].kind == MSP_INLINE_LEADER)
            assert_true(fabs(f->para.objs[i].w - w_before) < 0.05);
}

static void test_para_wrap__overlong_word_is_broken(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "See https://documents.example.org/prod/APLC/MSP.22/2025/INF.1/annex/"
               "table-of-contributions-by-state-party-and-year.pdf now");
    assert_int_equal(build(f, b, 150, 0, 0), MSP_OK);
    assert_true(f->para.n_lines >= 3);
    for (int i = 0; i < f->para.n_lines; i++)
        assert_true(f->para.lines[i].width <= 150 + 0.01);
}

/* "APLC/MSP.22/2025/22." can break after "MSP." unless its inline says no-wrap */
static bool symbol_split(const msp_para *p)
{
    for (int i = 0; i < p->n_lines; i++)
        if (strstr(p->lines[i].text, "APLC") && !strstr(p->lines[i].text, "APLC/MSP.22/2025/22."))
            return true;
    return false;
}

static void test_para_wrap__no_wrap_inline_keeps_its_text_on_one_line(void **state)
{
    fx *f = *state;
    static const char *before = "Reissued for technical reasons on 2 December 2025; previously issued under the symbol ";
    double split_at = 0;
    for (double w = 300; w <= 420 && !split_at; w += 1) {
        msp_fo_style *s;
        msp_fo_node *b = block_new(f, &s);
        text(f, b, before);
        msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, style_from(f, b));
        text(f, in, "APLC/MSP.22/2025/22.");
        assert_int_equal(build(f, b, w, 0, 0), MSP_OK);
        if (symbol_split(&f->para))
            split_at = w;
    }
    assert_true(split_at > 0);      /* the control: a plain inline does break there */

    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, before);
    msp_fo_style *ns = style_from(f, b);
    ns->wrap = false;
    msp_fo_node *in = node_add(f, b, MSP_FO_INLINE, ns);
    text(f, in, "APLC/MSP.22/2025/22.");
    assert_int_equal(build(f, b, split_at, 0, 0), MSP_OK);
    assert_false(symbol_split(&f->para));
    assert_int_equal(f->para.n_lines, 2);
    assert_string_equal(f->para.lines[1].text, "APLC/MSP.22/2025/22.");
}

static void test_para_empty__no_lines(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    text(f, b, "  \n  ");
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 0);
    assert_null(f->para.layout);
}

/* --- the same through the FO parser --- */

static const msp_fo_node *nth_block(const msp_fo_node *n, int *k)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_FOOTNOTE)
            continue;
        if (c->kind == MSP_FO_BLOCK && (*k)-- == 0)
            return c;
        const msp_fo_node *hit = nth_block(c, k);
        if (hit)
            return hit;
    }
    return NULL;
}

static const msp_fo_node *parsed_block(fx *f, msp_fo_doc **doc, int index)
{
    msp_status st = msp_fo_parse(&f->job, doc, MSP_TEST_DATA "/layout/para_basic.fo", NULL, 0);
    if (st != MSP_OK)
        msp_diag_list_print(stderr, &f->job.diags);
    assert_int_equal(st, MSP_OK);
    f->env.doc = *doc;
    int k = index;
    const msp_fo_node *b = nth_block((*doc)->root, &k);
    assert_non_null(b);
    return b;
}

static void test_para_parsed__justified_paragraph_with_footnote(void **state)
{
    fx *f = *state;
    msp_fo_doc *doc = NULL;
    const msp_fo_node *b = parsed_block(f, &doc, 0);
    assert_int_equal(build(f, b, 360, 0, 0), MSP_OK);
    const msp_para *p = &f->para;
    assert_true(p->n_lines >= 3);
    NEAR(p->lines[0].x, 18);
    for (int i = 0; i < p->n_lines; i++) {
        assert_true(fabs(p->lines[i].height - 12) < 1e-9);
        if (i > 0 && i < p->n_lines - 1) {
            NEAR(p->lines[i].x, 0);
            NEAR(p->lines[i].width, 360);
        }
    }
    assert_int_equal(p->n_footnotes, 1);
    assert_int_equal(p->footnotes[0]->kind, MSP_FO_FOOTNOTE);
    int li = p->footnote_line[0];
    assert_non_null(strstr(p->lines[li].text, "Convention1"));
    assert_null(strstr(pango_layout_get_text(p->layout), "APLC"));
    GString *all = g_string_new(NULL);
    for (int i = 0; i < p->n_lines; i++)
        g_string_append_printf(all, "%s%s", i ? " " : "", p->lines[i].text);
    assert_non_null(strstr(all->str, "report of the Implementation Support Unit and"));
    g_string_free(all, TRUE);
    msp_fo_doc_free(doc);
}

static void test_para_parsed__toc_line_and_bad_family(void **state)
{
    fx *f = *state;
    msp_fo_doc *doc = NULL;
    const msp_fo_node *b = parsed_block(f, &doc, 1);
    f->env.cite = cite_fn;
    assert_int_equal(build(f, b, 300, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    assert_string_equal(f->para.lines[0].text, "Adoption of the agenda00");
    assert_true(fabs(f->para.lines[0].width - 300) < 0.05);

    int k = 2;
    b = nth_block(doc->root, &k);
    assert_non_null(b);
    assert_int_equal(build(f, b, 300, 0, 0), MSP_E_FO);
    assert_true(has_diag(f, MSP_SEV_ERROR, "unknown font family 'Fancy Script'", 18));
    const msp_diag *d = g_ptr_array_index(f->job.diags.items, f->job.diags.items->len - 1);
    assert_non_null(strstr(d->loc.file, "para_basic.fo"));
    msp_fo_doc_free(doc);
}

/* x of byte index i on its line (Pango's visual position). */
static double x_of(const msp_para *p, const char *needle, int nth_char)
{
    const char *text = pango_layout_get_text(p->layout);
    const char *at = strstr(text, needle);
    assert_non_null(at);
    at = g_utf8_offset_to_pointer(at, nth_char);
    PangoRectangle r;
    pango_layout_index_to_pos(p->layout, (int)(at - text), &r);
    return r.x / (double)PANGO_SCALE;
}

/* A right-to-left run inside an English line is shown in Pango's visual
 * order, also when the line breaks inside it: each line reorders its own
 * part, the logical order of the lines is kept. */
static void test_para_bidi__rtl_run_in_an_english_line(void **state)
{
    fx *f = *state;
    msp_fo_style *s;
    msp_fo_node *b = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    /* "shalom olam" in Hebrew letters between English words */
    const char *he1 = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";   /* shin lamed vav final-mem */
    const char *he2 = "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D";   /* ayin vav lamed final-mem */
    char *t = g_strdup_printf("The greeting %s %s is Hebrew.", he1, he2);
    text(f, b, t);
    assert_int_equal(build(f, b, 400, 0, 0), MSP_OK);
    assert_int_equal(f->para.n_lines, 1);
    /* within each Hebrew word the first letter is to the right of the last */
    assert_true(x_of(&f->para, he1, 0) > x_of(&f->para, he1, 3));
    /* and the first word to the right of the second: the run reads right to left */
    assert_true(x_of(&f->para, he1, 0) > x_of(&f->para, he2, 0));
    /* the English around it keeps its place */
    assert_true(x_of(&f->para, "The", 0) < x_of(&f->para, he2, 3));
    assert_true(x_of(&f->para, "is Hebrew", 0) > x_of(&f->para, he1, 0));

    /* narrow: the break falls between the two Hebrew words */
    msp_fo_node *b2 = block_new(f, &s);
    s->text_align = MSP_ALIGN_JUSTIFY;
    g_free(t);
    t = g_strdup_printf("The greeting is %s %s in Hebrew.", he1, he2);
    text(f, b2, t);
    assert_int_equal(build(f, b2, 88, 0, 0), MSP_OK);
    assert_true(f->para.n_lines >= 2);
    int l1 = -1, l2 = -1;
    for (int i = 0; i < f->para.n_lines; i++) {
        if (strstr(f->para.lines[i].text, he1))
            l1 = i;
        if (strstr(f->para.lines[i].text, he2))
            l2 = i;
    }
    assert_true(l1 >= 0 && l2 > l1);   /* lines in logical order */
    assert_true(x_of(&f->para, he1, 0) > x_of(&f->para, he1, 3));
    assert_true(x_of(&f->para, he2, 0) > x_of(&f->para, he2, 3));
    g_free(t);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_para_justify__full_lines_fill_the_column),
        T(test_para_indent__text_indent_first_line_only),
        T(test_para_indent__start_and_end_narrow_the_lines),
        T(test_para_align__center_and_right),
        T(test_para_lines__baselines_12pt_apart_for_10_on_12),
        T(test_para_lines__superscript_does_not_grow_the_line),
        T(test_para_space__collapse_across_inline_boundaries),
        T(test_para_space__preserve_keeps_linefeeds_and_spaces),
        T(test_para_font__cursive_and_fantasy_fall_back_to_serif_with_a_warning),
        T(test_para_font__fallback_for_render_is_a_warning),
        T(test_para_font__unknown_family_is_an_error_at_the_node),
        T(test_para_font__families_from_any_context_on_the_map),
        T(test_para_font__missing_glyph_warns_with_code_point),
        T(test_para_footnote__anchor_line_when_wrapping),
        T(test_para_link__rectangles_split_across_lines),
        T(test_para_image__png_is_placed_and_sized),
        T(test_para_image__bad_png_is_an_error),
        T(test_para_image__path_leaving_base_dir_is_refused),
        T(test_para_cite__placeholder_then_resolved),
        T(test_para_leader__fills_the_rest_of_the_line),
        T(test_para_wrap__overlong_word_is_broken),
        T(test_para_wrap__no_wrap_inline_keeps_its_text_on_one_line),
        T(test_para_empty__no_lines),
        T(test_para_parsed__justified_paragraph_with_footnote),
        T(test_para_parsed__toc_line_and_bad_family),
        T(test_para_bidi__rtl_run_in_an_english_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
