/* Computing one element's style: the parent's values for inherited
 * properties, initial values for the rest, then the element's attributes in
 * priority order, then the derived values (line-height from a number, border
 * colour and width defaults, corresponding margins -> indents and spaces). */
#include "fo/fo_private.h"

#include <string.h>

static msp_fo_style raw_initial;     /* borders keep their "medium" width */
static msp_fo_style final_initial;   /* as the parent of fo:root sees it */

static gpointer build_initials(gpointer unused)
{
    msp_fo_style_build_initial(&raw_initial);
    final_initial = raw_initial;
    for (int i = 0; i < 4; i++)
        final_initial.border[i].width = 0;   /* style none */
    return &final_initial;
}

static void ensure_initials(void)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, build_initials, NULL);
}

const msp_fo_style *msp_fo_style_initial(void)
{
    ensure_initials();
    return &final_initial;
}

/* Elements whose children measure indents from a new reference edge
 * (XSL 5.3.2: start-indent and end-indent are relative to the reference
 * area; mspdoc also restarts them in table cells and footnote bodies). */
static bool restarts_indents(msp_fo_kind parent)
{
    switch (parent) {
    case MSP_FO_FLOW:
    case MSP_FO_STATIC_CONTENT:
    case MSP_FO_TABLE_CELL:
    case MSP_FO_BLOCK_CONTAINER:
    case MSP_FO_FOOTNOTE_BODY:
    case MSP_FO_TITLE:
    case MSP_FO_PAGE_SEQUENCE:
    case MSP_FO_ROOT:
        return true;
    default:
        return false;
    }
}

/* Formatting objects on which margin-* are corresponding properties of the
 * indents and spaces (XSL 7.11: "Common Margin Properties-Block"). */
static bool has_block_margins(msp_fo_kind kind)
{
    switch (kind) {
    case MSP_FO_BLOCK:
    case MSP_FO_BLOCK_CONTAINER:
    case MSP_FO_LIST_BLOCK:
    case MSP_FO_LIST_ITEM:
    case MSP_FO_TABLE:
        return true;
    default:
        return false;
    }
}

static int cmp_pending(const void *x, const void *y)
{
    const msp_fo_pending *a = x, *b = y;
    return (a->prop > b->prop) - (a->prop < b->prop);
}

static msp_indent indent_plus(msp_indent base, double pt, double pct)
{
    base.offset += pt;
    base.pct += pct;
    return base;
}

/* In writing-mode rl-tb the start side is the right one (XSL 1.1 7.3 and
 * 5.3.2, the corresponding properties): a property naming the left or right
 * side is applied as the one naming the other side, so that left lands on
 * the end fields and right on the start fields. */
static int mirrored_prop(int id)
{
    static const int pairs[][2] = {
        { MSP_P_MARGIN_LEFT, MSP_P_MARGIN_RIGHT }, { MSP_P_PADDING_LEFT, MSP_P_PADDING_RIGHT },
        { MSP_P_BORDER_LEFT, MSP_P_BORDER_RIGHT }, { MSP_P_BORDER_LEFT_WIDTH, MSP_P_BORDER_RIGHT_WIDTH },
        { MSP_P_BORDER_LEFT_STYLE, MSP_P_BORDER_RIGHT_STYLE }, { MSP_P_BORDER_LEFT_COLOR, MSP_P_BORDER_RIGHT_COLOR },
        { MSP_P_LEFT, MSP_P_RIGHT },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(pairs); i++) {
        if (id == pairs[i][0])
            return pairs[i][1];
        if (id == pairs[i][1])
            return pairs[i][0];
    }
    return id;
}

/* Formatting objects whose writing-mode may differ from their parent's:
 * each generates a reference area of its own (XSL 1.1 7.29.7). */
static bool own_reference(msp_fo_kind kind)
{
    return kind == MSP_FO_BLOCK_CONTAINER || kind == MSP_FO_TABLE;
}

/* text-align and text-align-last: "left" and "right" are the other side's in rl-tb. */
static const char *mirrored_value(int id, const char *v)
{
    if (id != MSP_P_TEXT_ALIGN && id != MSP_P_TEXT_ALIGN_LAST)
        return v;
    if (strcmp(v, "left") == 0)
        return "right";
    if (strcmp(v, "right") == 0)
        return "left";
    return v;
}

/* After a four-side shorthand (margin, padding, border-width, -style,
 * -color: top right bottom left) in rl-tb, what it put on the start side
 * belongs to the end side and the other way round. */
static void swap_after_shorthand(msp_fo_style *s, msp_fo_apply *a, int id)
{
    switch (id) {
    case MSP_P_MARGIN: {
        double m = s->margin[MSP_START];
        s->margin[MSP_START] = s->margin[MSP_END];
        s->margin[MSP_END] = m;
        bool set = a->margin_set[MSP_START];
        a->margin_set[MSP_START] = a->margin_set[MSP_END];
        a->margin_set[MSP_END] = set;
        double pct = a->margin_pct[MSP_START];
        a->margin_pct[MSP_START] = a->margin_pct[MSP_END];
        a->margin_pct[MSP_END] = pct;
        break;
    }
    case MSP_P_PADDING: {
        double p = s->padding[MSP_START];
        s->padding[MSP_START] = s->padding[MSP_END];
        s->padding[MSP_END] = p;
        double pct = s->padding_pct[MSP_START];
        s->padding_pct[MSP_START] = s->padding_pct[MSP_END];
        s->padding_pct[MSP_END] = pct;
        break;
    }
    case MSP_P_BORDER_WIDTH: case MSP_P_BORDER_STYLE: case MSP_P_BORDER_COLOR: {
        msp_border b = s->border[MSP_START];
        s->border[MSP_START] = s->border[MSP_END];
        s->border[MSP_END] = b;
        bool set = a->border_color_set[MSP_START];
        a->border_color_set[MSP_START] = a->border_color_set[MSP_END];
        a->border_color_set[MSP_END] = set;
        break;
    }
    default:
        break;
    }
}

msp_status msp_fo_style_compute(msp_job *job, msp_fo_node *node, const msp_fo_style *parent_style,
                                msp_fo_kind parent_kind, msp_fo_pending *pending, int n_pending,
                                const msp_fo_node *list)
{
    ensure_initials();
    msp_status status = MSP_OK;
    msp_fo_style *s = msp_arena_new_obj(job->arena, msp_fo_style);
    const msp_fo_style *parent = parent_style ? parent_style : &final_initial;
    *s = *parent;
    msp_fo_style_reset_noninherited(s, &raw_initial);
    /* not inherited, and outside the table of fields */
    for (int side = 0; side < 4; side++)
        s->padding_pct[side] = 0;
    s->width_pt = s->height_pt = s->column_width_pt = 0;
    if (restarts_indents(parent_kind)) {
        s->start_indent = (msp_indent){ 0 };
        s->end_indent = (msp_indent){ 0 };
    }
    const msp_indent base_start = s->start_indent, base_end = s->end_indent;
    if (node->kind == MSP_FO_FOOTNOTE_BODY) {
        /* set in the footnote area, whose writing-mode is the region's (the
         * page-sequence's), not the one of a block-container it is cited in */
        for (const msp_fo_node *p = node->parent; p; p = p->parent)
            if (p->kind == MSP_FO_PAGE_SEQUENCE || p->kind == MSP_FO_ROOT) {
                s->rtl = p->style && p->style->rtl;
                break;
            }
    }

    if (n_pending > 1)
        qsort(pending, (size_t)n_pending, sizeof *pending, cmp_pending);
    msp_fo_apply a = { .job = job, .loc = node->loc, .s = s, .parent = parent, .list = list };
    for (int i = 0; i < n_pending; i++) {
        a.failed_unsupported = false;
        a.hint = NULL;
        /* page masters and regions are placed on the sheet: their sides stay physical */
        bool mirror = s->rtl && node->kind != MSP_FO_SIMPLE_PAGE_MASTER &&
                      !(node->kind >= MSP_FO_REGION_BODY && node->kind <= MSP_FO_REGION_END);
        /* a block-container or table with a writing-mode of its own: its
         * margins, borders, padding and left/right offsets place its box in
         * the parent's reference area, so they take the parent's sides; its
         * text-align is its content's (layout/mirror.c) */
        bool mirror_box = own_reference(node->kind) ? parent->rtl : mirror;
        int prop = mirror_box ? mirrored_prop(pending[i].prop) : pending[i].prop;
        const char *value = mirror ? mirrored_value(prop, pending[i].value) : pending[i].value;
        if (msp_fo_apply_value(&a, prop, value)) {
            if (mirror_box)
                swap_after_shorthand(s, &a, prop);
            continue;
        }
        const char *name = msp_fo_prop_name(pending[i].prop);
        if (a.failed_unsupported)
            status = msp_diag_error(&job->diags, MSP_E_FO, node->loc, "see docs/fo-subset.md",
                                    "%s=\"%s\" on %s is not supported by mspdoc", name, pending[i].value,
                                    msp_fo_kind_name(node->kind));
        else
            status = msp_diag_error(&job->diags, MSP_E_FO, node->loc,
                                    a.hint ? a.hint : msp_fo_value_hint(&a, pending[i].prop, pending[i].value),
                                    "invalid value '%s' for property '%s' on %s", pending[i].value, name,
                                    msp_fo_kind_name(node->kind));
    }

    /* reference-orientation turns reference areas only (XSL 1.1 7.21.3); on
     * a region it is refused when the page is laid out (page_master.c) */
    bool reference_area = node->kind == MSP_FO_BLOCK_CONTAINER || node->kind == MSP_FO_SIMPLE_PAGE_MASTER ||
                          (node->kind >= MSP_FO_REGION_BODY && node->kind <= MSP_FO_REGION_END);
    if (s->reference_orientation != 0 && !reference_area) {
        msp_diag_warn(&job->diags, node->loc, "put it on an fo:block-container around the content",
                      "reference-orientation applies to fo:block-container and fo:simple-page-master (XSL 1.1 "
                      "7.21.3): ignored on %s", msp_fo_kind_name(node->kind));
        s->reference_orientation = 0;
    }
    /* derived values */
    if (!a.line_height_set && s->line_height_factor > 0)
        s->line_height = s->line_height_factor * s->font_size;
    for (int side = 0; side < 4; side++) {
        if (!a.border_color_set[side])
            s->border[side].color = s->color;   /* initial border colour = 'color' */
        if (s->border[side].style == MSP_BORDER_NONE)
            s->border[side].width = 0;
    }
    /* a lone .optimum (or .minimum/.maximum) keeps the three in order */
    msp_space *spaces[2] = { &s->space_before, &s->space_after };
    for (int i = 0; i < 2; i++) {
        if (spaces[i]->max < spaces[i]->opt)
            spaces[i]->max = spaces[i]->opt;
        if (spaces[i]->min > spaces[i]->opt)
            spaces[i]->min = spaces[i]->opt;
    }
    if (has_block_margins(node->kind)) {
        if (!a.start_indent_set && a.margin_set[MSP_START])
            s->start_indent = indent_plus(base_start, s->margin[MSP_START] + s->padding[MSP_START] +
                                          s->border[MSP_START].width,
                                          a.margin_pct[MSP_START] + s->padding_pct[MSP_START]);
        if (!a.end_indent_set && a.margin_set[MSP_END])
            s->end_indent = indent_plus(base_end, s->margin[MSP_END] + s->padding[MSP_END] +
                                        s->border[MSP_END].width, a.margin_pct[MSP_END] + s->padding_pct[MSP_END]);
        if (!a.space_before_set && a.margin_set[MSP_BEFORE]) {
            double m = s->margin[MSP_BEFORE];
            s->space_before = (msp_space){ m, m, m, false, 0 };
        }
        if (!a.space_after_set && a.margin_set[MSP_AFTER]) {
            double m = s->margin[MSP_AFTER];
            s->space_after = (msp_space){ m, m, m, false, 0 };
        }
    }
    if (node->kind == MSP_FO_SIMPLE_PAGE_MASTER || (node->kind >= MSP_FO_REGION_BODY && node->kind <= MSP_FO_REGION_END))
        memcpy(s->margin_pct, a.margin_pct, sizeof s->margin_pct);
    node->style = s;
    return status;
}
