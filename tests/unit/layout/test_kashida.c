/* Unit tests for layout/kashida: on a line shaped as the paragraph code
 * shapes it (right to left, language ar, the project's fonts), tatweel glyphs
 * are inserted at one join per word, inside the cluster of a dual-joining
 * letter, never between lam and alef, for the share of the slack the header
 * gives; nothing for Latin text or a language other than Arabic; and on the
 * area tree, a justified Arabic line stretches its spaces less than the same
 * line in another language, its text unchanged. */
#include "layout_fixture.h"
#include "layout/kashida.h"

#include <math.h>

typedef struct shaped {
    PangoLayout *layout;
    msp_gline *line;
    const char *text;
} shaped;

/* text laid out unbroken, right to left, in lang, as one line */
static shaped shape(const char *text, const char *lang)
{
    PangoContext *ctx = pango_font_map_create_context(pango_context_get_font_map(g_ctx));
    pango_context_set_base_dir(ctx, PANGO_DIRECTION_RTL);
    pango_context_set_language(ctx, pango_language_from_string(lang));
    PangoLayout *layout = pango_layout_new(ctx);
    g_object_unref(ctx);
    PangoFontDescription *d = pango_font_description_from_string("Liberation Serif 10");
    pango_layout_set_font_description(layout, d);
    pango_font_description_free(d);
    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_text(layout, text, -1);
    msp_line_range r = { 0, (int)strlen(text), 0, true };
    msp_glines *g = msp_glines_cut(layout, &r, 1);
    return (shaped){ layout, &g->lines[0], pango_layout_get_text(layout) };
}

static int glyph_count(const msp_gline *l)
{
    int n = 0;
    for (int k = 0; k < l->n; k++)
        n += l->pieces[k].glyphs->glyphs->num_glyphs;
    return n;
}

/* the glyphs of the line that are the tatweel of their font, with the
 * character whose cluster each belongs to */
static int tatweels(const shaped *s, GString *owners)
{
    int n = 0;
    for (int k = 0; k < s->line->n; k++) {
        PangoGlyphItem *gi = s->line->pieces[k].glyphs;
        PangoGlyphString *probe = pango_glyph_string_new();
        pango_shape("\u0640", (int)strlen("\u0640"), &gi->item->analysis, probe);
        PangoGlyph t = probe->num_glyphs == 1 ? probe->glyphs[0].glyph : PANGO_GLYPH_EMPTY;
        pango_glyph_string_free(probe);
        for (int gl = 0; gl < gi->glyphs->num_glyphs; gl++)
            if (gi->glyphs->glyphs[gl].glyph == t) {
                n++;
                if (owners)
                    g_string_append_unichar(owners, g_utf8_get_char(s->text + gi->item->offset +
                                                                    gi->glyphs->log_clusters[gl]));
            }
    }
    return n;
}

static void test_kashida__tatweels_in_the_words(void **state)
{
    (void)state;
    /* five words; "الأول" ends with a lam-alef join that must not be elongated */
    shaped s = shape("عقدت اللجنة اجتماعها الأول لمناقشة", "ar");
    double natural = s.line->width;
    int glyphs = glyph_count(s.line);
    int slack = 40 * PANGO_SCALE;   /* 40 pt to fill: 20 pt for the kashidas */
    int added = msp_kashida_stretch(s.line, s.text, (int)strlen(s.text), slack);
    msp_gline_measure(s.line);
    /* every word with a join got its share, capped per word (5 pt at 10 pt) */
    assert_true(added > 0);
    assert_true(added <= slack * MSP_KASHIDA_SHARE + 1);
    assert_float_equal(s.line->width, natural + added / (double)PANGO_SCALE, 0.01);
    GString *owners = g_string_new(NULL);
    int n = tatweels(&s, owners);
    assert_int_equal(glyph_count(s.line), glyphs + n);
    assert_true(n >= 4);
    /* owners: dual-joining letters only, never a lam before alef (no lam in "الأول"'s join) */
    for (const char *p = owners->str; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == 0x0627 || c == 0x0623 || c == 0x062F || c == 0x0631 || c == 0x0648)
            fail_msg("a tatweel after a letter that does not join the next one: U+%04X", c);
    }
    g_string_free(owners, TRUE);
    g_object_unref(s.layout);
}

static void test_kashida__small_slack_and_other_text(void **state)
{
    (void)state;
    /* less than one tatweel's width to give: nothing */
    shaped s = shape("عقدت اللجنة اجتماعها", "ar");
    assert_int_equal(msp_kashida_stretch(s.line, s.text, (int)strlen(s.text), PANGO_SCALE / 2), 0);
    assert_int_equal(tatweels(&s, NULL), 0);
    assert_int_equal(msp_kashida_stretch(s.line, s.text, (int)strlen(s.text), 0), 0);
    g_object_unref(s.layout);
    /* Persian text (not ar) and Latin text: never */
    s = shape("کتاب بزرگ مدرسه", "fa");
    assert_int_equal(msp_kashida_stretch(s.line, s.text, (int)strlen(s.text), 40 * PANGO_SCALE), 0);
    g_object_unref(s.layout);
    s = shape("Latin words only", "ar");
    assert_int_equal(msp_kashida_stretch(s.line, s.text, (int)strlen(s.text), 40 * PANGO_SCALE), 0);
    g_object_unref(s.layout);
}

static const char *PARA = "عقدت اللجنة اجتماعها الأول في كانون الثاني لمناقشة خطة عملها وتبادل المعلومات "
                          "بشأن مجالات العمل الرئيسية للجنة بما في ذلك النهج الفردي والمنابر الوطنية";

static void test_kashida__justified_lines_stretch_spaces_less(void **state)
{
    (void)state;
    /* a 160 pt measure (end-indent 100 pt) */
    char *flow = g_strdup_printf("<fo:block language='ar' text-align='justify' end-indent='100pt'>%s %s</fo:block>"
                                 "<fo:block language='fa' text-align='justify' end-indent='100pt' space-before='12pt'>%s %s</fo:block>",
                                 PARA, PARA, PARA, PARA);
    char *fo = g_strdup_printf("<fo:root xmlns:fo='http://www.w3.org/1999/XSL/Format' "
                               "font-family='Liberation Serif' font-size='10pt' line-height='12pt'>%s"
                               "<fo:page-sequence master-reference='p' writing-mode='rl-tb'>"
                               "<fo:flow flow-name='xsl-region-body'>%s</fo:flow></fo:page-sequence></fo:root>",
                               MASTERS, flow);
    run *r = lay_out(fo);
    g_free(fo);
    g_free(flow);
    assert_int_equal(r->st, MSP_OK);
    int lines = (int)xp_num(r, "count(//line)");
    assert_true(lines >= 6 && lines % 2 == 0);
    int per = lines / 2;
    int less = 0, stretched = 0;
    for (int i = 1; i < per; i++) {   /* the justified lines (not the last) of each block */
        char *ar = xp_str(r, "string((//line)[%d])", i);
        char *fa = xp_str(r, "string((//line)[%d])", per + i);
        assert_string_equal(ar, fa);                          /* the same breaks, the text unchanged */
        assert_null(strstr(ar, "\u0640"));
        g_free(ar);
        g_free(fa);
        double w_ar = xp_num(r, "number((//line)[%d]/@w)", i), w_fa = xp_num(r, "number((//line)[%d]/@w)", per + i);
        assert_float_equal(w_ar, 160, 0.01);                  /* both reach the measure */
        assert_float_equal(w_fa, 160, 0.01);
        double a_ar = xp_num(r, "number((//line)[%d]/@adjust)", i), a_fa = xp_num(r, "number((//line)[%d]/@adjust)", per + i);
        if (a_fa > 0) {
            stretched++;
            if (a_ar < a_fa * 0.75)   /* the kashidas took about half of the slack */
                less++;
        } else {
            assert_float_equal(a_ar, a_fa, 0.001);           /* shrunk lines: no kashida */
        }
    }
    /* the last lines keep their natural width, the same in both */
    assert_float_equal(xp_num(r, "number((//line)[%d]/@w)", per), xp_num(r, "number((//line)[%d]/@w)", lines), 0.01);
    assert_true(stretched >= 3);
    assert_int_equal(less, stretched);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kashida__tatweels_in_the_words),
        cmocka_unit_test(test_kashida__small_slack_and_other_text),
        cmocka_unit_test(test_kashida__justified_lines_stretch_spaces_less),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
