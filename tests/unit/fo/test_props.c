/* Unit tests for fo/: computed properties — inheritance, shorthands,
 * corresponding margins, line-height, list functions, colours, keeps and
 * breaks, page masters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fo/fo.h"

#define FO_NS "xmlns:fo=\"http://www.w3.org/1999/XSL/Format\""
#define EPS 1e-6

static msp_job job;
static msp_fo_doc *doc;

static int setup(void **state)
{
    (void)state;
    msp_job_init(&job);
    doc = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    msp_fo_doc_free(doc);
    msp_job_clear(&job);
    return 0;
}

/* Parses a flow body; fails the test on any error. */
static void parse_flow(const char *body)
{
    char *xml = g_strdup_printf("<fo:root " FO_NS "><fo:page-sequence master-reference='m'>"
                                "<fo:flow flow-name='xsl-region-body'>%s</fo:flow></fo:page-sequence></fo:root>",
                                body);
    msp_status s = msp_fo_parse(&job, &doc, "t.fo", xml, strlen(xml));
    g_free(xml);
    if (s != MSP_OK)
        msp_diag_list_print(stderr, &job.diags);
    assert_int_equal(s, MSP_OK);
}

static const msp_fo_style *st(const char *id)
{
    msp_fo_node *n = g_hash_table_lookup(doc->ids, id);
    assert_non_null(n);
    return n->style;
}

static void test_props_inherit__fonts_and_sizes(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' font-family=' \"Liberation Sans\", sans-serif ' font-size='10pt' "
               "font-weight='bold' color='navy'>"
               "<fo:block id='b' font-size='150%'><fo:inline id='c' font-size='2em' font-weight='bolder'"
               " font-style='italic'>x</fo:inline></fo:block>"
               "<fo:block id='d' font-size='larger' font-weight='normal' font-variant='small-caps'/>"
               "<fo:block id='e' font-size='x-large' color='#abc'/></fo:block>");
    assert_string_equal(st("a")->font_family, "\"Liberation Sans\", sans-serif");
    assert_string_equal(st("c")->font_family, "\"Liberation Sans\", sans-serif");
    assert_float_equal(st("b")->font_size, 15, EPS);
    assert_float_equal(st("c")->font_size, 30, EPS);       /* em of the parent's 15pt */
    assert_int_equal(st("b")->font_weight, 700);
    assert_int_equal(st("c")->font_weight, 900);
    assert_true(st("c")->italic);
    assert_false(st("b")->italic);
    assert_float_equal(st("d")->font_size, 12, EPS);
    assert_int_equal(st("d")->font_weight, 400);
    assert_true(st("d")->small_caps);
    assert_int_equal(st("c")->color, 0x000080);
    assert_int_equal(st("e")->color, 0xAABBCC);
    assert_float_equal(st("e")->font_size, 17.28, EPS);
}

static void test_props_inherit__initial_values(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a'>x</fo:block>");
    const msp_fo_style *s = st("a");
    assert_string_equal(s->font_family, "serif");
    assert_float_equal(s->font_size, 12, EPS);
    assert_float_equal(s->line_height, 14.4, EPS);
    assert_int_equal(s->widows, 2);
    assert_int_equal(s->orphans, 2);
    assert_int_equal(s->text_align, MSP_ALIGN_START);
    assert_int_equal(s->text_align_last, MSP_ALIGN_RELATIVE);
    assert_true(s->white_space_collapse);
    assert_true(s->wrap);
    assert_int_equal(s->background_color, MSP_COLOR_NONE);
    assert_float_equal(s->provisional_distance_between_starts, 24, EPS);
    assert_float_equal(s->provisional_label_separation, 6, EPS);
    assert_float_equal(s->border[MSP_START].width, 0, EPS);
    assert_int_equal(s->width.kind, MSP_LEN_AUTO);
    assert_int_equal(s->number_columns_spanned, 1);
    assert_true(s->border_collapse);
    assert_float_equal(s->leader_length.opt, 12, EPS);
    assert_float_equal(s->leader_length.max, -1, EPS);
    assert_float_equal(s->rule_thickness, 1, EPS);
    assert_null(s->language);
}

static void test_props_inherit__non_inherited_reset(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' space-before='6pt' padding='3pt' border='1pt solid' background-color='red' "
               "keep-with-next='always' break-before='page' text-align='justify' widows='3' "
               "keep-together.within-page='always'><fo:block id='b'>x</fo:block></fo:block>");
    const msp_fo_style *b = st("b");
    assert_float_equal(b->space_before.opt, 0, EPS);
    assert_float_equal(b->padding[MSP_START], 0, EPS);
    assert_float_equal(b->border[MSP_BEFORE].width, 0, EPS);
    assert_int_equal(b->border[MSP_BEFORE].style, MSP_BORDER_NONE);
    assert_int_equal(b->background_color, MSP_COLOR_NONE);
    assert_int_equal(b->keep_with_next, MSP_KEEP_AUTO);
    assert_int_equal(b->break_before, MSP_BREAK_AUTO);
    assert_int_equal(b->text_align, MSP_ALIGN_JUSTIFY);   /* inherited */
    assert_int_equal(b->widows, 3);
    assert_int_equal(b->keep_together, MSP_KEEP_ALWAYS);  /* inherited in XSL */
    assert_int_equal(st("a")->border[MSP_AFTER].color, 0x000000);
}

static void test_props_shorthand__margin_padding_border(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' padding='1pt 2pt 3pt 4pt' border-width='thin medium' border-style='solid dotted'"
               " border-color='red' border-top='2pt double blue' border-end-color='green'/>"
               "<fo:block id='b' padding='1pt 2pt 3pt' padding-left='9pt' border='thick dashed rgb(0, 128, 255)'"
               " border-bottom-style='none'/>"
               "<fo:block id='c' border-style='solid' color='maroon' padding-before='5pt'/>");
    const msp_fo_style *a = st("a");
    assert_float_equal(a->padding[MSP_BEFORE], 1, EPS);
    assert_float_equal(a->padding[MSP_END], 2, EPS);
    assert_float_equal(a->padding[MSP_AFTER], 3, EPS);
    assert_float_equal(a->padding[MSP_START], 4, EPS);
    /* longhand-ish border-top wins over the border-* shorthands whatever the order */
    assert_float_equal(a->border[MSP_BEFORE].width, 2, EPS);
    assert_int_equal(a->border[MSP_BEFORE].style, MSP_BORDER_DOUBLE);
    assert_int_equal(a->border[MSP_BEFORE].color, 0x0000FF);
    assert_float_equal(a->border[MSP_AFTER].width, 0.5, EPS);
    assert_int_equal(a->border[MSP_AFTER].style, MSP_BORDER_SOLID);
    assert_float_equal(a->border[MSP_START].width, 1, EPS);
    assert_int_equal(a->border[MSP_START].style, MSP_BORDER_DOTTED);
    assert_int_equal(a->border[MSP_START].color, 0xFF0000);
    assert_int_equal(a->border[MSP_END].color, 0x008000);
    const msp_fo_style *b = st("b");
    assert_float_equal(b->padding[MSP_START], 9, EPS);
    assert_float_equal(b->padding[MSP_END], 2, EPS);
    assert_float_equal(b->padding[MSP_AFTER], 3, EPS);
    assert_float_equal(b->border[MSP_END].width, 2, EPS);
    assert_int_equal(b->border[MSP_END].style, MSP_BORDER_DASHED);
    assert_int_equal(b->border[MSP_END].color, 0x0080FF);
    assert_float_equal(b->border[MSP_AFTER].width, 0, EPS);   /* style none: width 0 */
    const msp_fo_style *c = st("c");
    assert_float_equal(c->border[MSP_START].width, 1, EPS);     /* medium */
    assert_int_equal(c->border[MSP_START].color, 0x800000);   /* initial = color */
    assert_float_equal(c->padding[MSP_BEFORE], 5, EPS);
}

static void test_props_shorthand__space_keep_break(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' space-before='6pt' space-before.minimum='4pt' space-before.conditionality='retain'"
               " space-after.optimum='8pt' space-after.precedence='force' keep-with-next.within-page='always'"
               " keep-together='5' page-break-before='right' page-break-after='avoid'/>"
               "<fo:block id='b' page-break-before='always' page-break-inside='avoid' break-after='even-page'"
               " keep-with-previous='always' keep-together.within-line='always'/>");
    const msp_fo_style *a = st("a");
    assert_float_equal(a->space_before.min, 4, EPS);
    assert_float_equal(a->space_before.opt, 6, EPS);
    assert_float_equal(a->space_before.max, 6, EPS);
    assert_true(a->space_before.retain);
    assert_float_equal(a->space_after.opt, 8, EPS);
    assert_float_equal(a->space_after.max, 8, EPS);
    assert_float_equal(a->space_after.min, 0, EPS);
    assert_int_equal(a->space_after.precedence, INT32_MAX);
    assert_int_equal(a->keep_with_next, MSP_KEEP_ALWAYS);
    assert_int_equal(a->keep_together, MSP_KEEP_ALWAYS);
    assert_int_equal(a->break_before, MSP_BREAK_ODD_PAGE);
    const msp_fo_style *b = st("b");
    assert_int_equal(b->break_before, MSP_BREAK_PAGE);
    assert_int_equal(b->break_after, MSP_BREAK_EVEN_PAGE);
    assert_int_equal(b->keep_together, MSP_KEEP_ALWAYS);
    assert_int_equal(b->keep_with_previous, MSP_KEEP_ALWAYS);
    assert_true(b->keep_within_line);
}

static void test_props_corresponding__margins_to_indents(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' margin-left='10pt' margin-right='1cm' padding-left='2pt' "
               "border-left='1pt solid' margin-top='6pt' margin-bottom='3pt'>"
               "<fo:block id='b' margin-left='5pt'>"
               "<fo:block id='c'>x</fo:block>"
               "<fo:block id='d' start-indent='7pt' margin-left='99pt' space-before='1pt' margin-top='50pt'/>"
               "</fo:block>"
               "<fo:block-container id='bc' margin-left='20pt'><fo:block id='e' margin-left='1pt'/></fo:block-container>"
               "<fo:table><fo:table-body><fo:table-row><fo:table-cell><fo:block id='f'/></fo:table-cell>"
               "</fo:table-row></fo:table-body></fo:table>"
               "<fo:block id='g' margin='2pt 4pt'/>"
               "</fo:block>");
    const msp_fo_style *a = st("a");
    assert_float_equal(a->start_indent.offset, 13, EPS);
    assert_int_equal(a->start_indent.fn, MSP_INDENT_PLAIN);
    assert_float_equal(a->end_indent.offset, 72 / 2.54, 1e-4);
    assert_float_equal(a->space_before.opt, 6, EPS);
    assert_float_equal(a->space_before.min, 6, EPS);
    assert_float_equal(a->space_after.max, 3, EPS);
    assert_float_equal(a->margin[MSP_START], 10, EPS);
    assert_float_equal(st("b")->start_indent.offset, 18, EPS);
    assert_float_equal(st("b")->space_before.opt, 0, EPS);      /* spaces are not inherited */
    assert_float_equal(st("c")->start_indent.offset, 18, EPS);  /* indents are */
    assert_float_equal(st("d")->start_indent.offset, 7, EPS);   /* explicit start-indent wins */
    assert_float_equal(st("d")->space_before.opt, 1, EPS);      /* explicit space-before wins */
    assert_float_equal(st("bc")->start_indent.offset, 33, EPS);
    assert_float_equal(st("e")->start_indent.offset, 1, EPS);   /* reset inside block-container */
    assert_float_equal(st("f")->start_indent.offset, 0, EPS);   /* and inside table-cell */
    assert_float_equal(st("g")->start_indent.offset, 17, EPS);
    assert_float_equal(st("g")->end_indent.offset, 72 / 2.54 + 4, 1e-4);
    assert_float_equal(st("g")->space_before.opt, 2, EPS);
}

static void test_props_line_height__number_inherits_as_number(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' font-size='10pt' line-height='1.5'>"
               "<fo:block id='b' font-size='20pt'/>"
               "<fo:block id='c' line-height='150%'><fo:block id='d' font-size='20pt'/></fo:block>"
               "<fo:block id='e' line-height='14pt' font-size='8pt'><fo:inline id='f' font-size='16pt'>x</fo:inline></fo:block>"
               "<fo:block id='g' line-height='normal' font-size='20pt'><fo:block id='h' font-size='5pt'/></fo:block>"
               "<fo:block id='i' font='bold italic 9pt/2 Liberation Serif, serif'/>"
               "</fo:block>");
    assert_float_equal(st("a")->line_height, 15, EPS);
    assert_float_equal(st("b")->line_height, 30, EPS);   /* the number, times its own size */
    assert_float_equal(st("c")->line_height, 15, EPS);
    assert_float_equal(st("d")->line_height, 15, EPS);   /* a percentage inherits as a length */
    assert_float_equal(st("e")->line_height, 14, EPS);
    assert_float_equal(st("f")->line_height, 14, EPS);
    assert_float_equal(st("g")->line_height, 24, EPS);
    assert_float_equal(st("h")->line_height, 6, EPS);    /* normal = 1.2 x own size */
    const msp_fo_style *i = st("i");
    assert_int_equal(i->font_weight, 700);
    assert_true(i->italic);
    assert_float_equal(i->font_size, 9, EPS);
    assert_float_equal(i->line_height, 18, EPS);
    assert_string_equal(i->font_family, "Liberation Serif, serif");
}

static void test_props_list__label_end_body_start(void **state)
{
    (void)state;
    parse_flow("<fo:list-block id='l' provisional-distance-between-starts='30pt' start-indent='5pt'>"
               "<fo:list-item><fo:list-item-label id='lab' end-indent='label-end()'><fo:block id='lb'>1</fo:block>"
               "</fo:list-item-label><fo:list-item-body id='body' start-indent='body-start() + 2pt'>"
               "<fo:block id='bb' margin-left='3pt'>x</fo:block>"
               "<fo:list-block id='l2'><fo:list-item><fo:list-item-label id='lab2' end-indent='label-end()'>"
               "<fo:block/></fo:list-item-label><fo:list-item-body start-indent='body-start()'><fo:block/>"
               "</fo:list-item-body></fo:list-item></fo:list-block>"
               "</fo:list-item-body></fo:list-item></fo:list-block>");
    msp_fo_node *l = g_hash_table_lookup(doc->ids, "l");
    msp_fo_node *l2 = g_hash_table_lookup(doc->ids, "l2");
    assert_float_equal(st("l")->provisional_distance_between_starts, 30, EPS);
    assert_float_equal(st("lab")->provisional_distance_between_starts, 30, EPS);
    assert_int_equal(st("lab")->end_indent.fn, MSP_INDENT_LABEL_END);
    assert_ptr_equal(st("lab")->end_indent.list, l);
    assert_float_equal(st("lab")->start_indent.offset, 5, EPS);
    assert_int_equal(st("lb")->end_indent.fn, MSP_INDENT_LABEL_END);   /* inherited */
    assert_int_equal(st("body")->start_indent.fn, MSP_INDENT_BODY_START);
    assert_float_equal(st("body")->start_indent.offset, 2, EPS);
    assert_int_equal(st("bb")->start_indent.fn, MSP_INDENT_BODY_START);
    assert_float_equal(st("bb")->start_indent.offset, 5, EPS);
    assert_ptr_equal(st("bb")->start_indent.list, l);
    /* the nested list's label-end() is the nested list's */
    assert_ptr_equal(st("lab2")->end_indent.list, l2);
    assert_ptr_equal(st("l2")->start_indent.list, l);
}

static void test_props_values__tables_graphics_text(void **state)
{
    (void)state;
    parse_flow("<fo:table id='t' width='80%' border-collapse='separate' table-layout='fixed'>"
               "<fo:table-column id='c1' column-width='proportional-column-width(2)' number-columns-repeated='2'/>"
               "<fo:table-column id='c2' column-width='3cm'/><fo:table-column id='c3' column-width='25%'/>"
               "<fo:table-body><fo:table-row><fo:table-cell id='cell' number-columns-spanned='2' "
               "number-rows-spanned='3' display-align='center' column-number='2'><fo:block id='inb'>"
               "<fo:external-graphic id='g' src='url(a.png)' content-width='scale-to-fit' "
               "content-height='2cm' scaling='non-uniform'/>"
               "<fo:inline id='u' text-decoration='underline line-through'><fo:inline id='u2' "
               "baseline-shift='super'>s</fo:inline><fo:inline id='u3' baseline-shift='sub' "
               "text-transform='uppercase' letter-spacing='1pt' word-spacing='normal'>t</fo:inline></fo:inline>"
               "<fo:leader id='ld' leader-pattern='rule' leader-length='2cm' rule-thickness='0.5pt' rule-style='dashed'/>"
               "</fo:block></fo:table-cell></fo:table-row></fo:table-body></fo:table>"
               "<fo:block id='ws' white-space='pre' hyphenate='true' xml:lang='fr-CH' text-align-last='justify'"
               " text-indent='-1em' wrap-option='no-wrap'>x</fo:block>");
    assert_int_equal(st("t")->width.kind, MSP_LEN_PCT);
    assert_float_equal(st("t")->width.v, 80, EPS);
    assert_false(st("t")->border_collapse);
    assert_false(st("cell")->border_collapse);
    assert_int_equal(st("c1")->column_width.kind, MSP_LEN_PROP);
    assert_float_equal(st("c1")->column_width.v, 2, EPS);
    assert_int_equal(st("c1")->number_columns_repeated, 2);
    assert_int_equal(st("c2")->column_width.kind, MSP_LEN_ABS);
    assert_int_equal(st("c3")->column_width.kind, MSP_LEN_PCT);
    assert_int_equal(st("cell")->number_columns_spanned, 2);
    assert_int_equal(st("cell")->number_rows_spanned, 3);
    assert_int_equal(st("cell")->column_number, 2);
    assert_int_equal(st("cell")->display_align, MSP_DA_CENTER);
    assert_int_equal(st("g")->content_width.kind, MSP_LEN_PCT);
    assert_int_equal(st("g")->content_height.kind, MSP_LEN_ABS);
    assert_int_equal(st("g")->scaling, MSP_SCALING_NON_UNIFORM);
    assert_string_equal(msp_fo_attr_value(g_hash_table_lookup(doc->ids, "g"), "src"), "url(a.png)");
    assert_true(st("u2")->underline);           /* propagated */
    assert_true(st("u3")->line_through);
    assert_false(st("inb")->underline);
    assert_float_equal(st("u2")->baseline_shift, 0.33 * 12, EPS);
    assert_float_equal(st("u3")->baseline_shift, -0.2 * 12, EPS);
    assert_float_equal(st("u")->baseline_shift, 0, EPS);
    assert_int_equal(st("u3")->text_transform, MSP_TT_UPPER);
    assert_float_equal(st("u3")->letter_spacing, 1, EPS);
    assert_int_equal(st("ld")->leader_pattern, MSP_LEADER_RULE);
    assert_float_equal(st("ld")->leader_length.opt, 72 / 2.54 * 2, 1e-4);
    assert_float_equal(st("ld")->rule_thickness, 0.5, EPS);
    assert_int_equal(st("ld")->rule_style, MSP_BORDER_DASHED);
    const msp_fo_style *ws = st("ws");
    assert_false(ws->white_space_collapse);
    assert_int_equal(ws->linefeed_treatment, MSP_LF_PRESERVE);
    assert_int_equal(ws->white_space_treatment, MSP_WST_PRESERVE);
    assert_false(ws->wrap);
    assert_true(ws->hyphenate);
    assert_string_equal(ws->language, "fr");
    assert_string_equal(ws->country, "CH");
    assert_int_equal(ws->text_align_last, MSP_ALIGN_JUSTIFY);
    assert_float_equal(ws->text_indent, -12, EPS);
}

static void test_props_page_masters(void **state)
{
    (void)state;
    const char *xml = "<fo:root " FO_NS "><fo:layout-master-set>"
                      "<fo:simple-page-master master-name='a' page-width='210mm' page-height='auto' margin='1in 2cm'>"
                      "<fo:region-body margin-top='20mm' column-count='1'/><fo:region-before extent='15mm'/>"
                      "</fo:simple-page-master></fo:layout-master-set></fo:root>";
    assert_int_equal(msp_fo_parse(&job, &doc, "m.fo", xml, strlen(xml)), MSP_OK);
    msp_fo_node *spm = doc->root->first->first;
    assert_float_equal(spm->style->page_width, 210 * 72 / 25.4, 1e-4);
    assert_float_equal(spm->style->page_height, 841.89, EPS);
    assert_float_equal(spm->style->margin[MSP_BEFORE], 72, EPS);
    assert_float_equal(spm->style->margin[MSP_START], 72 / 2.54 * 2, 1e-4);
    assert_float_equal(spm->style->start_indent.offset, 0, EPS);   /* not a block: margins stay margins */
    assert_float_equal(spm->first->style->margin[MSP_BEFORE], 20 * 72 / 25.4, 1e-4);
    assert_float_equal(spm->first->style->margin[MSP_START], 0, EPS);
    assert_float_equal(spm->last->style->extent, 15 * 72 / 25.4, 1e-4);
}

static void test_props_values__widows_orphans_zero(void **state)
{
    (void)state;
    /* 0 is a valid <integer> (XSL 7.20.6/7.20.5); layout treats it as 1 */
    parse_flow("<fo:block id='a' widows='0' orphans='0'><fo:block id='b'>x</fo:block></fo:block>"
               "<fo:block id='c' widows='3' orphans='4'/>");
    assert_int_equal(st("a")->widows, 0);
    assert_int_equal(st("a")->orphans, 0);
    assert_int_equal(st("b")->widows, 0);     /* inherited */
    assert_int_equal(st("c")->widows, 3);
    assert_int_equal(st("c")->orphans, 4);
}

static void test_props_values__percentages_for_layout(void **state)
{
    (void)state;
    parse_flow("<fo:block id='a' padding='5%' margin-left='10pt'>"
               "<fo:block id='b' padding-left='2%' padding-top='1pt'>x</fo:block></fo:block>"
               "<fo:block id='c' padding='1pt (10% - 2pt)'/>"
               "<fo:list-block id='l' provisional-distance-between-starts='20%' "
               "provisional-label-separation='5% + 1pt'><fo:list-item><fo:list-item-label end-indent='label-end()'>"
               "<fo:block id='lb'/></fo:list-item-label><fo:list-item-body start-indent='body-start()'>"
               "<fo:block/></fo:list-item-body></fo:list-item></fo:list-block>"
               "<fo:list-block id='l2' provisional-distance-between-starts='3cm'/>"
               "<fo:table id='t' width='100% - (2 * 5pt) - (2 * 2.5pt)'>"
               "<fo:table-column id='c1' column-width='proportional-column-width(25%)'/>"
               "<fo:table-column id='c2' column-width='2pt + proportional-column-width(1)'/>"
               "<fo:table-column id='c3' column-width='50% - 1pt'/><fo:table-column id='c4' column-width='1in'/>"
               "<fo:table-body><fo:table-row><fo:table-cell id='cell' padding='2%'><fo:block/></fo:table-cell>"
               "</fo:table-row></fo:table-body></fo:table>"
               "<fo:block-container id='bc' width='50%' height='100% - 1cm'><fo:block id='in'/></fo:block-container>");
    const msp_fo_style *a = st("a");
    for (int side = 0; side < 4; side++) {
        assert_float_equal(a->padding_pct[side], 5, EPS);
        assert_float_equal(a->padding[side], 0, EPS);
    }
    /* the percentages of padding are in the indents, like margins */
    assert_float_equal(a->start_indent.offset, 10, EPS);
    assert_float_equal(a->start_indent.pct, 5, EPS);
    const msp_fo_style *b = st("b");
    assert_float_equal(b->padding_pct[MSP_START], 2, EPS);
    assert_float_equal(b->padding_pct[MSP_END], 0, EPS);      /* not inherited */
    assert_float_equal(b->padding[MSP_BEFORE], 1, EPS);
    assert_float_equal(b->padding_pct[MSP_BEFORE], 0, EPS);
    const msp_fo_style *c = st("c");
    assert_float_equal(c->padding[MSP_BEFORE], 1, EPS);
    assert_float_equal(c->padding[MSP_END], -2, EPS);          /* 10% - 2pt */
    assert_float_equal(c->padding_pct[MSP_END], 10, EPS);
    assert_float_equal(c->padding_pct[MSP_START], 10, EPS);
    assert_float_equal(st("l")->provisional_distance_between_starts, 0, EPS);
    assert_float_equal(st("l")->provisional_distance_pct, 20, EPS);
    assert_float_equal(st("l")->provisional_label_separation, 1, EPS);
    assert_float_equal(st("l")->provisional_separation_pct, 5, EPS);
    assert_float_equal(st("lb")->provisional_distance_pct, 20, EPS);   /* inherited */
    assert_float_equal(st("l2")->provisional_distance_between_starts, 72 / 2.54 * 3, 1e-4);
    assert_float_equal(st("l2")->provisional_distance_pct, 0, EPS);
    assert_int_equal(st("t")->width.kind, MSP_LEN_PCT);
    assert_float_equal(st("t")->width.v, 100, EPS);
    assert_float_equal(st("t")->width_pt, -15, EPS);
    assert_int_equal(st("c1")->column_width.kind, MSP_LEN_PROP);
    assert_float_equal(st("c1")->column_width.v, 25, EPS);
    assert_float_equal(st("c1")->column_width_pt, 0, EPS);
    assert_int_equal(st("c2")->column_width.kind, MSP_LEN_PROP);
    assert_float_equal(st("c2")->column_width.v, 1, EPS);
    assert_float_equal(st("c2")->column_width_pt, 2, EPS);
    assert_int_equal(st("c3")->column_width.kind, MSP_LEN_PCT);
    assert_float_equal(st("c3")->column_width.v, 50, EPS);
    assert_float_equal(st("c3")->column_width_pt, -1, EPS);
    assert_int_equal(st("c4")->column_width.kind, MSP_LEN_ABS);
    assert_float_equal(st("c4")->column_width_pt, 0, EPS);
    assert_float_equal(st("cell")->padding_pct[MSP_AFTER], 2, EPS);
    assert_float_equal(st("bc")->width_pt, 0, EPS);
    assert_int_equal(st("bc")->height.kind, MSP_LEN_PCT);
    assert_float_equal(st("bc")->height_pt, -72 / 2.54, 1e-4);
    assert_float_equal(st("in")->height_pt, 0, EPS);          /* not inherited */
}

static void test_props_values__percentages_refused(void **state)
{
    (void)state;
    const char *bad[] = {
        "padding='-5%'", "padding-left='-1pt'", "column-width='10% + proportional-column-width(1)'",
        "width='proportional-column-width(1)'", "content-width='50% + 1pt'", "width='-10%'",
        "padding='proportional-column-width(1)'",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        msp_job_clear(&job);
        msp_job_init(&job);
        char *xml = g_strdup_printf("<fo:root " FO_NS "><fo:page-sequence master-reference='m'>"
                                    "<fo:flow flow-name='x'><fo:block %s/></fo:flow></fo:page-sequence></fo:root>",
                                    bad[i]);
        msp_status s = msp_fo_parse(&job, &doc, "t.fo", xml, strlen(xml));
        g_free(xml);
        if (s != MSP_E_FO)
            fprintf(stderr, "accepted: %s\n", bad[i]);
        assert_int_equal(s, MSP_E_FO);
    }
}

static void test_props_values__zero_sizes_and_indefinite_pages(void **state)
{
    (void)state;
    /* font-size and line-height 0 are valid (only negative values are not); a zero font size warns */
    parse_flow("<fo:block id='a' font-size='0pt' line-height='0pt'>x<fo:inline id='b' font-size='2em'>y</fo:inline></fo:block>"
               "<fo:block id='c' font-size='0' line-height='0'/>"
               "<fo:block id='d' line-height='0%'/>");
    assert_float_equal(st("a")->font_size, 0, EPS);
    assert_float_equal(st("a")->line_height, 0, EPS);
    assert_float_equal(st("b")->font_size, 0, EPS);
    assert_float_equal(st("b")->line_height, 0, EPS);
    assert_float_equal(st("c")->font_size, 0, EPS);
    assert_float_equal(st("c")->line_height, 0, EPS);
    assert_float_equal(st("d")->line_height, 0, EPS);
    assert_int_equal(job.diags.warnings, 2);
    msp_fo_doc_free(doc);
    doc = NULL;
    msp_job_clear(&job);
    msp_job_init(&job);
    /* page-height="indefinite": a fixed A4 height, with a warning */
    const char *xml = "<fo:root " FO_NS "><fo:layout-master-set>"
                      "<fo:simple-page-master master-name='a' page-width='indefinite' page-height='indefinite'>"
                      "<fo:region-body/></fo:simple-page-master></fo:layout-master-set></fo:root>";
    assert_int_equal(msp_fo_parse(&job, &doc, "m.fo", xml, strlen(xml)), MSP_OK);
    msp_fo_node *spm = doc->root->first->first;
    assert_float_equal(spm->style->page_width, 595.28, EPS);
    assert_float_equal(spm->style->page_height, 841.89, EPS);
    assert_int_equal(job.diags.warnings, 2);
    const msp_diag *d = g_ptr_array_index(job.diags.items, 1);
    assert_non_null(strstr(d->message, "page-height 'indefinite' (a page sized by its content) is not supported"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_props_inherit__fonts_and_sizes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_inherit__initial_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_inherit__non_inherited_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_shorthand__margin_padding_border, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_shorthand__space_keep_break, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_corresponding__margins_to_indents, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_line_height__number_inherits_as_number, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_list__label_end_body_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_values__tables_graphics_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_page_masters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_values__widows_orphans_zero, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_values__percentages_for_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_values__percentages_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_props_values__zero_sizes_and_indefinite_pages, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
