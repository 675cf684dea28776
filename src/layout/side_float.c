/* Side floats (fo:float float="start", "end", "left", "right"; XSL 1.1
 * 6.10.2): the float's blocks are laid out once, as narrow as their content
 * allows (the widest of their lines at natural width, or a container's
 * own width; at most the column), and put on the start or end side of the
 * column with their top at the line after the one holding the anchor (the
 * first line of the next paragraph for an anchor between blocks, or on a
 * paragraph's last line). The lines beside a float are shorter by its width
 * (para.c gets their measures as a shape: msp_para_env.intr_*), in this
 * paragraph and the next ones, until the lines and spaces beside it reach
 * its height; those lines keep with the float's first line on a page.
 *
 * One float per side at a time: a float met while another is on its side
 * waits for it to end. A table, a list or a block-container clears the
 * floats (a space down to their bottom before it), and a float still
 * waiting there, or at the end of a run, is set as a block of its own at
 * its side. A float nearly as wide as the column (more than 85 % of it)
 * has no text beside it: it is set the same way. Where a float's height
 * cannot be known for certain before its lines are broken (lines of
 * another height than the first breaking gave), the breaking is done again,
 * up to four times, and the last is kept. */
#include "layout/layout_private.h"

#include <math.h>
#include <string.h>

#define MAX_PASSES 4
#define MAX_SHARE 0.85

struct msp_side {
    int refs;
    const msp_fo_node *node;
    bool end;               /* on the end side */
    GPtrArray *items;       /* the content, laid out w wide */
    double w, h;
    double x;               /* left edge in the run's frame */
    double rem;             /* started: height still to go beside the text */
    int wait;               /* waiting: the first line of the current para it may start at */
};

static msp_side *side_ref(msp_side *s)
{
    s->refs++;
    return s;
}

void msp_side_unref(msp_side *s)
{
    if (!s || --s->refs > 0)
        return;
    msp_items_free(s->items);
    g_free(s);
}

void msp_side_forget(msp_side *s)
{
    for (guint i = 0; i < s->items->len; i++)
        msp_item_forget(g_ptr_array_index(s->items, i));
}

bool msp_side_is(const msp_fo_node *fl)
{
    const char *f = msp_fo_attr_value(fl, "float");
    return f && strcmp(f, "before") != 0;
}

/* How wide the items need to be: the right end of their lines at natural
 * width, and of the containers and tables of a width of their own (their
 * lines were made for a narrower reference area than probe_w: its width),
 * x0 the run's left in the measured frame. */
static double needed(const GPtrArray *items, double x0, double probe_w)
{
    double w = 0;
    for (guint i = 0; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->kind == MSP_ITEM_LINE) {
            const msp_para *p = &it->para->para;
            const msp_line *l = &p->lines[it->line];
            if (p->ra_width < probe_w - 0.01)
                w = MAX(w, x0 + it->x + p->ra_width);
            else
                w = MAX(w, x0 + it->x + l->x + l->natural + p->end_room);
        } else if ((it->kind == MSP_ITEM_OPEN || it->kind == MSP_ITEM_CLOSE) && it->deco && it->deco->src &&
                   it->deco->src->kind != MSP_FO_BLOCK && it->deco->src->style->width.kind == MSP_LEN_ABS) {
            w = MAX(w, x0 + it->deco->x + it->deco->w);
        }
        for (guint k = 0; it->subs && k < it->subs->len; k++) {
            const msp_sub *s = &g_array_index(it->subs, msp_sub, k);
            w = MAX(w, needed(s->items, x0 + s->x, probe_w));
            if (s->cell)
                w = MAX(w, x0 + s->x + s->cell->x + s->cell->w);
        }
    }
    return w;
}

static msp_side *side_build(msp_gen *g, const msp_fo_node *fl, const msp_refarea *ra)
{
    msp_side *s = g_new0(msp_side, 1);
    s->refs = 1;
    s->node = fl;
    const char *f = msp_fo_attr_value(fl, "float");
    bool rtl = fl->style->rtl;
    s->end = strcmp(f, "end") == 0 || (strcmp(f, "right") == 0 && !rtl) || (strcmp(f, "left") == 0 && rtl);
    msp_break saved_after = g->run_after;
    msp_refarea inner = { .x0 = 0, .width = ra->width };
    GPtrArray *items = msp_gen_container_run(g, fl, &inner);
    double w = MIN(needed(items, 0, ra->width), ra->width);
    if (g->st == MSP_OK && w < ra->width - 0.5 && w > 0) {
        for (guint i = 0; i < items->len; i++)
            msp_item_forget(g_ptr_array_index(items, i));
        msp_items_free(items);
        inner.width = w;
        items = msp_gen_container_run(g, fl, &inner);
    }
    g->run_after = saved_after;
    s->items = items;
    s->w = inner.width;
    s->h = msp_items_height(items);
    s->x = s->end ? ra->x0 + ra->width - s->w : ra->x0;
    s->wait = -1;
    return s;
}

/* The float as a block of its own at its side: a box of its height. */
static void side_alone(msp_gen *g, msp_side *s)
{
    msp_item *it = msp_item_new(MSP_ITEM_GROUP, s->h);
    it->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    it->src = s->node;
    it->src_sub = MSP_SRC_GROUP;
    it->sides = g_ptr_array_new();
    g_ptr_array_add(it->sides, side_ref(s));
    msp_side_notes(s, it);
    msp_gen_push_box(g, it);
}

void msp_side_met(msp_gen *g, const msp_fo_node *fl, const msp_refarea *ra)
{
    msp_side *s = side_build(g, fl, ra);
    if (g->st == MSP_OK && s->w > MAX_SHARE * ra->width) {
        side_alone(g, s);
        msp_side_unref(s);
        return;
    }
    g_ptr_array_add(g->sides_wait, s);
}

void msp_side_clear(msp_gen *g)
{
    double rem = 0;
    for (guint i = 0; i < g->sides_on->len; i++)
        rem = MAX(rem, ((msp_side *)g_ptr_array_index(g->sides_on, i))->rem);
    g_ptr_array_set_size(g->sides_on, 0);   /* (its free function drops the references) */
    GPtrArray *wait = g->sides_wait;
    g->sides_wait = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    if (rem > 0) {
        msp_item *gl = msp_item_new(MSP_ITEM_GLUE, rem);
        g_ptr_array_add(g->out, gl);
    }
    for (guint i = 0; i < wait->len; i++)
        side_alone(g, g_ptr_array_index(wait, i));
    g_ptr_array_free(wait, TRUE);
}

void msp_side_clear_for(msp_gen *g, const msp_fo_node *block)
{
    const char *c = msp_fo_attr_value(block, "clear");
    if (!c || strcmp(c, "none") == 0 || g->sides_on->len == 0)
        return;
    bool rtl = block->style->rtl, both = strcmp(c, "both") == 0;
    bool start = both || strcmp(c, "start") == 0 || strcmp(c, rtl ? "right" : "left") == 0;
    bool end = both || strcmp(c, "end") == 0 || strcmp(c, rtl ? "left" : "right") == 0;
    double rem = 0;
    for (guint i = g->sides_on->len; i > 0; i--) {
        msp_side *s = g_ptr_array_index(g->sides_on, i - 1);
        if (s->end ? end : start) {
            rem = MAX(rem, s->rem);
            g_ptr_array_remove_index(g->sides_on, i - 1);
        }
    }
    msp_side_consume(g, rem);
    if (rem > 0)
        g_ptr_array_add(g->out, msp_item_new(MSP_ITEM_GLUE, rem));
}

bool msp_side_any(const msp_gen *g)
{
    return g->sides_on->len > 0 || g->sides_wait->len > 0;
}

void msp_side_consume(msp_gen *g, double h)
{
    if (g->side_planned)
        return;   /* the para's own plan counts its lines (gen_run) */
    for (guint i = g->sides_on->len; i > 0; i--) {
        msp_side *s = g_ptr_array_index(g->sides_on, i - 1);
        s->rem -= h;
        if (s->rem <= 0.001)
            g_ptr_array_remove_index(g->sides_on, i - 1);
    }
}

void msp_side_notes(const msp_side *s, msp_item *it)
{
    for (guint i = 0; i < s->items->len; i++) {
        const msp_item *ci = g_ptr_array_index(s->items, i);
        for (guint n = 0; ci->notes && n < ci->notes->len; n++) {
            if (!it->notes)
                it->notes = g_ptr_array_new();
            g_ptr_array_add(it->notes, g_ptr_array_index(ci->notes, n));
        }
    }
}

void msp_side_emit(msp_layout *L, msp_page *page, const msp_side *s, msp_zone zone, double x0, double top,
                   int footnote)
{
    msp_run_emit(L, page, s->items, 0, (int)s->items->len, zone, x0 + s->x, top, footnote);
}

/* --- planning a paragraph beside the floats --- */

typedef struct plan_ent {
    msp_side *s;     /* a reference */
    double rem;
    int start;       /* the line it starts at in this para, -1: not (yet) */
    bool on;         /* on before the para */
    bool done;
} plan_ent;

struct msp_side_plan {
    GArray *ents;        /* of plan_ent: on, then waiting in order */
    double *os, *oe;     /* per line: the measures the para was last broken for */
    int n_shape;
};

msp_side_plan *msp_side_plan_new(msp_gen *g, const msp_para *p, const msp_refarea *ra)
{
    msp_side_plan *pl = g_new0(msp_side_plan, 1);
    pl->ents = g_array_new(FALSE, TRUE, sizeof(plan_ent));
    for (guint i = 0; i < g->sides_on->len; i++) {
        msp_side *s = g_ptr_array_index(g->sides_on, i);
        plan_ent e = { .s = side_ref(s), .rem = s->rem, .start = -1, .on = true };
        g_array_append_val(pl->ents, e);
    }
    for (guint i = 0; i < g->sides_wait->len; i++) {
        msp_side *s = g_ptr_array_index(g->sides_wait, i);
        plan_ent e = { .s = side_ref(s), .rem = s->h, .start = -1 };
        s->wait = 0;
        g_array_append_val(pl->ents, e);
    }
    /* the floats anchored in this para, in order: made once */
    for (int k = 0; p && k < p->n_objs; k++) {
        const msp_inline_obj *o = &p->objs[k];
        if (o->kind != MSP_INLINE_FLOAT || o->line < 0 || !msp_side_is(o->node))
            continue;
        msp_side *s = side_build(g, o->node, ra);
        s->wait = o->line + 1;
        plan_ent e = { .s = s, .rem = s->h, .start = -1 };
        g_array_append_val(pl->ents, e);
    }
    return pl;
}

void msp_side_plan_anchors(msp_side_plan *pl, const msp_para *p)
{
    /* the para broken again: its anchors may be on other lines */
    plan_ent *e = (plan_ent *)(void *)pl->ents->data;
    for (int k = 0; k < p->n_objs; k++) {
        const msp_inline_obj *o = &p->objs[k];
        if (o->kind != MSP_INLINE_FLOAT || o->line < 0)
            continue;
        for (guint j = 0; j < pl->ents->len; j++)
            if (e[j].s->node == o->node && !e[j].on)
                e[j].s->wait = o->line + 1;
    }
}

bool msp_side_plan_lines(msp_side_plan *pl, const msp_para *p, double space_before, double col_w)
{
    int n = p->n_lines;
    double *os = g_new0(double, n ? n : 1), *oe = g_new0(double, n ? n : 1);
    plan_ent *e = (plan_ent *)(void *)pl->ents->data;
    guint ne = pl->ents->len;
    for (guint k = 0; k < ne; k++) {
        e[k].rem = e[k].on ? e[k].s->rem - space_before : e[k].s->h;
        e[k].start = -1;
        e[k].done = e[k].on && e[k].rem <= 0.001;
    }
    int last = -1;
    for (int i = 0; i < n; i++) {
        bool busy[2] = { false, false };
        for (guint k = 0; k < ne; k++)
            if (!e[k].done && (e[k].on || e[k].start >= 0))
                busy[e[k].s->end] = true;
        /* the waiting floats that may start here, in order: the first that cannot stops the rest */
        for (guint k = 0; k < ne; k++) {
            if (e[k].on || e[k].start >= 0 || e[k].done)
                continue;
            if (e[k].s->wait > i || busy[e[k].s->end] || e[k].s->w > MAX_SHARE * col_w)
                break;
            e[k].start = i;
            busy[e[k].s->end] = true;
        }
        for (guint k = 0; k < ne; k++) {
            if (e[k].done || (!e[k].on && e[k].start < 0))
                continue;
            (e[k].s->end ? oe : os)[i] += e[k].s->w;
            last = i;
            e[k].rem -= p->lines[i].height;
            if (e[k].rem <= 0.001)
                e[k].done = true;
        }
    }
    int n_shape = last + 1;
    bool differ = false;
    for (int i = 0; i < MAX(n_shape, pl->n_shape) && !differ; i++) {
        double a = i < n_shape ? os[i] : 0, b = i < n_shape ? oe[i] : 0;
        double a0 = i < pl->n_shape ? pl->os[i] : 0, b0 = i < pl->n_shape ? pl->oe[i] : 0;
        differ = fabs(a - a0) > 0.001 || fabs(b - b0) > 0.001;
    }
    g_free(pl->os);
    g_free(pl->oe);
    pl->os = os;
    pl->oe = oe;
    pl->n_shape = n_shape;
    return differ;
}

void msp_side_plan_use(const msp_side_plan *pl, msp_gen *g)
{
    g->env.intr_n = pl->n_shape;
    g->env.intr_s = pl->os;
    g->env.intr_e = pl->oe;
}

bool msp_side_plan_beside(const msp_side_plan *pl, int line)
{
    return line < pl->n_shape && (pl->os[line] > 0 || pl->oe[line] > 0);
}

bool msp_side_plan_starts(const msp_side_plan *pl, int line)
{
    const plan_ent *e = (const plan_ent *)(void *)pl->ents->data;
    for (guint k = 0; k < pl->ents->len; k++)
        if (!e[k].on && e[k].start == line)
            return true;
    return false;
}

void msp_side_plan_attach(const msp_side_plan *pl, int line, msp_item *it)
{
    const plan_ent *e = (const plan_ent *)(void *)pl->ents->data;
    for (guint k = 0; k < pl->ents->len; k++) {
        if (e[k].on || e[k].start != line)
            continue;
        if (!it->sides)
            it->sides = g_ptr_array_new();
        g_ptr_array_add(it->sides, side_ref(e[k].s));
        msp_side_notes(e[k].s, it);
    }
}

void msp_side_plan_done(msp_side_plan *pl, msp_gen *g)
{
    /* what goes on after the para: the floats not done, with their rest; those that
     * never started wait for the next para */
    GPtrArray *on = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    GPtrArray *wait = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    plan_ent *e = (plan_ent *)(void *)pl->ents->data;
    for (guint k = 0; k < pl->ents->len; k++) {
        if (!e[k].done && (e[k].on || e[k].start >= 0)) {
            e[k].s->rem = e[k].rem;
            g_ptr_array_add(on, side_ref(e[k].s));
        } else if (!e[k].done) {
            e[k].s->wait = -1;
            g_ptr_array_add(wait, side_ref(e[k].s));
        }
        msp_side_unref(e[k].s);
    }
    g_ptr_array_free(g->sides_on, TRUE);
    g_ptr_array_free(g->sides_wait, TRUE);
    g->sides_on = on;
    g->sides_wait = wait;
    g_array_free(pl->ents, TRUE);
    g_free(pl->os);
    g_free(pl->oe);
    g_free(pl);
}

static bool has_side_anchor(const msp_para *p)
{
    for (int k = 0; k < p->n_objs; k++)
        if (p->objs[k].kind == MSP_INLINE_FLOAT && p->objs[k].line >= 0 && msp_side_is(p->objs[k].node))
            return true;
    return false;
}

msp_status msp_side_fit(msp_gen *g, msp_para *para, const msp_fo_node *block, const msp_fo_node *first,
                        const msp_fo_node *last, const msp_fo_node *after, const msp_fo_node *before,
                        const msp_refarea *ra, double start, double end, bool first_line, bool last_run,
                        double space_before, msp_side_plan **out)
{
    *out = NULL;
    if (para->n_lines == 0 || (!msp_side_any(g) && !has_side_anchor(para)))
        return MSP_OK;
    msp_side_plan *pl = msp_side_plan_new(g, para, ra);
    for (int pass = 0; pass < MAX_PASSES && msp_side_plan_lines(pl, para, space_before, ra->width); pass++) {
        /* (built in place: the text accounting keeps the para's address) */
        msp_para_forget(para);
        msp_para_clear(para);
        msp_side_plan_use(pl, g);
        msp_status st = msp_para_build_part(&g->env, para, block, first, last, after, before, ra->width,
                                            start, end, first_line, last_run);
        g->env.intr_n = 0;
        g->env.intr_s = g->env.intr_e = NULL;
        if (st != MSP_OK) {
            msp_side_plan_done(pl, g);
            return st;
        }
        msp_side_plan_anchors(pl, para);
    }
    *out = pl;
    return MSP_OK;
}
