/* fo:inline-container (XSL 1.1 6.6.8): block-level content set as one box
 * in a line. The para builder asks for it through msp_para_env.container
 * while it collects the line's text; its content is laid out here, by the
 * generator, as a run of its own in a reference area of its width (its
 * inline-progression-dimension, or the width of the nearest ancestor
 * reference area when auto) and kept with the line (msp_inline_obj.box).
 * The box's height is its block-progression-dimension, or its content's;
 * its first line's baseline sits on the line's baseline, or its after edge
 * when it holds no line (as Apache FOP places it). When the line is drawn
 * its content is drawn in the box; footnotes anchored in it go with the line. */
#include "layout/layout_private.h"

typedef struct box_content {
    GPtrArray *items;      /* the run, owned */
    double dx, dy;         /* content origin from the border box's top left */
    double w, h;           /* border box */
    msp_deco *deco;        /* border, padding and background, or NULL */
} box_content;

static void box_forget(void *content)
{
    box_content *b = content;
    for (guint i = 0; i < b->items->len; i++)
        msp_item_forget(g_ptr_array_index(b->items, i));
}

static void box_free(void *content)
{
    box_content *b = content;
    msp_items_free(b->items);
    if (b->deco)
        msp_deco_unref(b->deco);
    g_free(b);
}

static const msp_para_box_ops box_ops = { box_forget, box_free };

static double side(const msp_fo_style *s, int k)
{
    return (s->border[k].style == MSP_BORDER_NONE ? 0 : s->border[k].width) + s->padding[k];
}

/* The baseline of the first line in items stacked from 0, or -1 for none. */
static double first_baseline(const GPtrArray *items)
{
    double y = 0;
    for (guint i = 0; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->kind == MSP_ITEM_LINE)
            return y + it->ascent;
        if (it->kind == MSP_ITEM_GROUP && it->positioned == MSP_POS_AUTO) {
            for (guint k = 0; it->subs && k < it->subs->len; k++) {
                const msp_sub *s = &g_array_index(it->subs, msp_sub, k);
                if (s->turn)
                    continue;
                double b = first_baseline(s->items);
                if (b >= 0)
                    return y + s->y + b;
            }
        }
        if (it->kind != MSP_ITEM_GLUE || i > 0 || it->retain)
            y += it->h;
    }
    return -1;
}

static msp_status gen_box(void *user, const msp_fo_node *node, double ref_width, msp_para_box *out)
{
    msp_gen *g = user;
    const msp_fo_style *s = node->style;
    double fs = side(s, MSP_START) + side(s, MSP_END);
    double fb = side(s, MSP_BEFORE) + side(s, MSP_AFTER);
    double w = s->width.kind == MSP_LEN_ABS   ? s->width.v
             : s->width.kind == MSP_LEN_PCT ? ref_width * s->width.v / 100.0
                                              : ref_width - fs;
    if (s->reference_orientation != 0)
        return msp_diag_error(&g->L->job->diags, MSP_E_FO, node->loc,
                              "turn a block-container outside the line instead",
                              "reference-orientation on fo:inline-container is not supported");
    msp_refarea inner = { .x0 = 0, .width = MAX(0, w) };
    /* a height of its own (a percentage has no height to be of in a line: auto) */
    double fixed_h = s->height.kind == MSP_LEN_ABS ? s->height.v : -1;
    double saved_ch = g->pos_ch;
    msp_break saved_after = g->run_after;
    g->pos_ch = fixed_h > 0 ? fixed_h : 0;
    /* its lines are not beside the side floats around the line (side_float.c) */
    int saved_n = g->env.intr_n;
    g->env.intr_n = 0;
    GPtrArray *items = msp_gen_container_run(g, node, &inner);
    g->env.intr_n = saved_n;
    g->pos_ch = saved_ch;
    g->run_after = saved_after;
    box_content *b = g_new0(box_content, 1);
    b->items = items;
    out->content = b;
    out->ops = &box_ops;
    if (g->st != MSP_OK)
        return g->st;
    if (fixed_h >= 0) {
        msp_status st = msp_container_overflow(g, node, items, fixed_h);
        if (st != MSP_OK)
            return st;
    }
    double ch = msp_items_height(items);
    double h = fixed_h >= 0 ? fixed_h : ch;
    double dy = s->display_align == MSP_DA_CENTER ? (h - ch) / 2 : s->display_align == MSP_DA_AFTER ? h - ch : 0;
    dy = MAX(0, dy);
    b->dx = side(s, MSP_START);
    b->dy = side(s, MSP_BEFORE) + dy;
    b->w = inner.width + fs;
    b->h = h + fb;
    if (msp_deco_needed(s))
        b->deco = msp_deco_new(s, 0, b->w);
    double base = first_baseline(items);
    out->w = b->w;
    out->ascent = base >= 0 ? b->dy + base : b->h;
    out->descent = b->h - out->ascent;
    return MSP_OK;
}

void msp_gen_boxes_init(msp_gen *g)
{
    g->env.container = gen_box;
    g->env.container_user = g;
}

void msp_box_notes(const msp_para *p, int line, msp_item *it)
{
    for (int k = 0; k < p->n_objs; k++) {
        const msp_inline_obj *o = &p->objs[k];
        if (o->kind != MSP_INLINE_BOX || o->line != line || !o->box.content)
            continue;
        const box_content *b = o->box.content;
        for (guint i = 0; i < b->items->len; i++) {
            const msp_item *ci = g_ptr_array_index(b->items, i);
            for (guint n = 0; ci->notes && n < ci->notes->len; n++) {
                if (!it->notes)
                    it->notes = g_ptr_array_new();
                g_ptr_array_add(it->notes, g_ptr_array_index(ci->notes, n));
            }
        }
    }
}

void msp_box_emit(msp_layout *L, msp_page *page, const msp_para *p, int line, msp_zone zone, double x0,
                  double baseline, int footnote)
{
    for (int k = 0; k < p->n_objs; k++) {
        const msp_inline_obj *o = &p->objs[k];
        if (o->kind != MSP_INLINE_BOX || o->line != line || !o->box.content)
            continue;
        const box_content *b = o->box.content;
        double x = x0 + p->lines[line].x + o->x, top = baseline - o->ascent;
        int at = page->n_areas;
        msp_run_emit(L, page, b->items, 0, (int)b->items->len, zone, x + b->dx, top + b->dy, footnote);
        if (b->deco)   /* under the content */
            msp_deco_draw(page, b->deco, zone, x, top, top + b->h, false, false, at);
    }
}
