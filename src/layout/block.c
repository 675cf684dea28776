/* Block stacking: walks block-level FOs depth-first and turns them into the
 * item stream (line boxes, resolved glue, decoration open/close, groups)
 * with keeps, widows/orphans and forced breaks as break-point strengths.
 * Lists and tables are list.c and table.c; choosing page breaks is
 * layout.c; drawing the items is item_emit.c. */
#include "layout/layout_private.h"
#include "layout/graphic.h"

#include <math.h>
#include <string.h>

msp_item *msp_item_new(msp_item_kind kind, double h)
{
    msp_item *it = g_new0(msp_item, 1);
    it->kind = kind;
    it->h = h;
    it->line = -1;
    return it;
}

void msp_para_ref_unref(msp_para_ref *p)
{
    if (p && --p->refs == 0) {
        msp_para_clear(&p->para);
        g_free(p);
    }
}

void msp_deco_unref(msp_deco *d)
{
    if (d && --d->refs == 0)
        g_free(d);
}

void msp_item_free(msp_item *it)
{
    if (!it)
        return;
    msp_para_ref_unref(it->para);
    if (it->subs) {
        for (guint i = 0; i < it->subs->len; i++) {
            msp_sub *s = &g_array_index(it->subs, msp_sub, i);
            msp_items_free(s->items);
            msp_deco_unref(s->cell);
        }
        g_array_free(it->subs, TRUE);
    }
    if (it->attached) {
        for (guint i = 0; i < it->attached->len; i++)
            msp_item_free(g_ptr_array_index(it->attached, i));
        g_ptr_array_free(it->attached, TRUE);
    }
    msp_deco_unref(it->deco);
    if (it->notes)
        g_ptr_array_free(it->notes, TRUE);
    if (it->floats)
        g_ptr_array_free(it->floats, TRUE);
    if (it->sides) {
        for (guint i = 0; i < it->sides->len; i++)
            msp_side_unref(g_ptr_array_index(it->sides, i));
        g_ptr_array_free(it->sides, TRUE);
    }
    if (it->ids)
        g_ptr_array_free(it->ids, TRUE);
    if (it->ids_end)
        g_ptr_array_free(it->ids_end, TRUE);
    if (it->markers)
        g_ptr_array_free(it->markers, TRUE);
    if (it->markers_end)
        g_ptr_array_free(it->markers_end, TRUE);
    msp_table_heading_unref(it->hdr);
    msp_table_heading_unref(it->ftr);
    g_free(it);
}

void msp_items_free(GPtrArray *items)
{
    if (!items)
        return;
    for (guint i = 0; i < items->len; i++)
        msp_item_free(g_ptr_array_index(items, i));
    g_ptr_array_free(items, TRUE);
}

double msp_items_height(const GPtrArray *items)
{
    double h = 0;
    for (guint i = 0; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->kind == MSP_ITEM_GLUE && i == 0 && !it->retain)
            continue;
        h += it->h;
    }
    return h;
}

double msp_indent_resolve(const msp_indent *ind, const msp_refarea *ra)
{
    switch (ind->fn) {
    case MSP_INDENT_LABEL_END:
        return (ra->list.set ? ra->list.label_end : 0) + ind->offset;
    case MSP_INDENT_BODY_START:
        return (ra->list.set ? ra->list.body_start : 0) + ind->offset;
    case MSP_INDENT_PLAIN:
    default:
        return ind->offset;
    }
}

bool msp_deco_needed(const msp_fo_style *s)
{
    if (s->background_color != MSP_COLOR_NONE)
        return true;
    for (int i = 0; i < 4; i++)
        if ((s->border[i].style != MSP_BORDER_NONE && s->border[i].width > 0) || s->padding[i] > 0)
            return true;
    return false;
}

static double bw(const msp_fo_style *s, int side)
{
    return s->border[side].style == MSP_BORDER_NONE ? 0 : s->border[side].width;
}

msp_deco *msp_deco_new(const msp_fo_style *s, double x, double w)
{
    msp_deco *d = g_new0(msp_deco, 1);
    d->refs = 1;
    d->x = x;
    d->w = w;
    memcpy(d->border, s->border, sizeof d->border);
    for (int i = 0; i < 4; i++)
        if (d->border[i].style == MSP_BORDER_NONE)
            d->border[i].width = 0;
    d->background = s->background_color;
    return d;
}

/* ---- generator state ---- */

/* msp_para_env.page_number_now: the number of the page being built (the flow's
 * and the footnotes' fo:page-number), the next one when a forced break is
 * pending before a page with content. Wrong when the line ends up on a later
 * page (--check-text warns). */
static const char *page_now(void *user, const msp_fo_node *node, msp_arena *arena)
{
    const msp_gen *g = user;
    msp_layout *L = g->L;
    (void)node;
    L->q_pn = true;
    int n = L->number;
    /* a column break in a columned body stays on the page (mostly) */
    bool col = g->force == MSP_BREAK_COLUMN && L->n_cols > 1;
    if (g->force != MSP_BREAK_AUTO && !col && L->placed && L->placed->len > 0) {
        n++;
        if ((g->force == MSP_BREAK_ODD_PAGE && n % 2 == 0) || (g->force == MSP_BREAK_EVEN_PAGE && n % 2 != 0))
            n++;
    }
    return msp_page_number_format(arena, n, L->format);
}

/* msp_para_env.retrieve: static content only (the flow's markers are noted as
 * its pages are emitted, then static content retrieves them). */
static const msp_fo_node *retrieve_now(void *user, const msp_fo_node *rm)
{
    msp_gen *g = user;
    return g->in_static ? msp_markers_retrieve(g->L, rm) : NULL;
}

void msp_gen_init(msp_gen *g, msp_layout *L, const char *page_number_text)
{
    memset(g, 0, sizeof *g);
    g->L = L;
    g->env.job = L->job;
    g->env.pango = L->opts->pango;
    g->env.font_fallback = L->opts->font_fallback;
    g->env.doc = L->doc;
    g->env.page_number_text = page_number_text;
    g->env.cite = msp_cite_lookup;
    g->env.cite_user = L;
    g->out = g_ptr_array_new();
    g->spaces = g_ptr_array_new();
    g->p_ids = g_ptr_array_new();
    g->p_markers = g_ptr_array_new();
    g->p_floats = g_ptr_array_new();
    g->sides_on = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    g->sides_wait = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    g->env.page_number_now = page_now;
    g->env.page_user = g;
    g->env.retrieve = retrieve_now;
    g->env.retrieve_user = g;
    g->env.check = L->emit ? L->opts->check : NULL;
    msp_gen_boxes_init(g);
}

void msp_gen_clear(msp_gen *g)
{
    if (g->out)
        msp_items_free(g->out);
    g_ptr_array_free(g->spaces, TRUE);
    g_ptr_array_free(g->p_ids, TRUE);
    g_ptr_array_free(g->p_markers, TRUE);
    g_ptr_array_free(g->p_floats, TRUE);
    g_ptr_array_free(g->sides_on, TRUE);
    g_ptr_array_free(g->sides_wait, TRUE);
    memset(g, 0, sizeof *g);
}

/* XSL 4.3: the space-specifiers between two boxes become one glue: forced
 * ones add up; otherwise the highest precedence wins, the largest optimum
 * among those. */
/* The space the pending spaces resolve to (XSL 1.1 4.3.1), and whether it is retained. */
static double resolve_spaces(const msp_gen *g, bool *retained)
{
    double forced = 0, best = 0;
    bool any_forced = false, retain = false;
    int prec = INT32_MIN;
    for (guint i = 0; i < g->spaces->len; i++) {
        const msp_space *s = g_ptr_array_index(g->spaces, i);
        if (s->precedence == INT32_MAX) {
            any_forced = true;
            forced += s->opt;
        }
    }
    for (guint i = 0; i < g->spaces->len && !any_forced; i++) {
        const msp_space *s = g_ptr_array_index(g->spaces, i);
        if (s->precedence > prec) {
            prec = s->precedence;
            best = s->opt;
            retain = s->retain;
        } else if (s->precedence == prec && s->opt >= best) {
            best = s->opt;
            retain = retain || s->retain;
        }
    }
    *retained = retain || any_forced;
    return any_forced ? forced : best;
}

static void flush_spaces(msp_gen *g)
{
    if (g->spaces->len == 0)
        return;
    bool retain;
    double h = resolve_spaces(g, &retain);
    g_ptr_array_set_size(g->spaces, 0);
    if (h <= 0)
        return;
    msp_item *gl = msp_item_new(MSP_ITEM_GLUE, h);
    gl->retain = retain;
    g_ptr_array_add(g->out, gl);
    msp_side_consume(g, h);
}

static void push_space(msp_gen *g, const msp_space *s)
{
    if (s->opt > 0 || s->precedence == INT32_MAX)
        g_ptr_array_add(g->spaces, (gpointer)s);
}

void msp_gen_push_box(msp_gen *g, msp_item *it)
{
    flush_spaces(g);
    it->bp = MAX(it->bp, g->keep);
    if (g->force != MSP_BREAK_AUTO) {
        it->force = g->force;
        g->force = MSP_BREAK_AUTO;
    }
    if (g->p_ids->len) {
        it->ids = g_ptr_array_new();
        for (guint i = 0; i < g->p_ids->len; i++)
            g_ptr_array_add(it->ids, g_ptr_array_index(g->p_ids, i));
        g_ptr_array_set_size(g->p_ids, 0);
    }
    if (g->p_markers->len) {
        it->markers = g_ptr_array_new();
        for (guint i = 0; i < g->p_markers->len; i++)
            g_ptr_array_add(it->markers, g_ptr_array_index(g->p_markers, i));
        g_ptr_array_set_size(g->p_markers, 0);
    }
    if (g->p_floats->len) {
        if (!it->floats)
            it->floats = g_ptr_array_new();
        /* pending from before the box: before the floats anchored in it */
        for (guint i = 0; i < g->p_floats->len; i++)
            g_ptr_array_insert(it->floats, (gint)i, g_ptr_array_index(g->p_floats, i));
        g_ptr_array_set_size(g->p_floats, 0);
    }
    /* a heading item draws its rows, which carry their own (mirror.c) */
    if (!it->heading)
        it->xf = g->xf;
    g_ptr_array_add(g->out, it);
    g->keep = g->kt_depth > 0 ? MSP_BP_KEEP : MSP_BP_FREE;
    if (it->kind != MSP_ITEM_GLUE)
        msp_side_consume(g, it->h);
}

static GPtrArray *gen_isolated(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra, bool own);

/* The fo:marker children of node, for the next box. */
static void add_markers(msp_gen *g, const msp_fo_node *node)
{
    for (const msp_fo_node *c = node->first; c; c = c->next)
        if (c->kind == MSP_FO_MARKER)
            g_ptr_array_add(g->p_markers, (gpointer)c);
}

void msp_gen_anchor(msp_gen *g)
{
    if (g->p_ids->len == 0 && g->p_markers->len == 0 && g->p_floats->len == 0)
        return;
    msp_item *it = msp_item_new(MSP_ITEM_GROUP, 0);
    it->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    it->anchor = true;
    /* pending spaces and a forced break belong to the next content, if any */
    GPtrArray *spaces = g->spaces;
    g->spaces = g_ptr_array_new();
    msp_break force = g->force;
    g->force = MSP_BREAK_AUTO;
    int keep = g->keep;
    msp_gen_push_box(g, it);
    g->keep = keep;
    g->force = force;
    g_ptr_array_free(g->spaces, TRUE);
    g->spaces = spaces;
}

static msp_item *last_box(msp_gen *g)
{
    for (guint i = g->out->len; i > 0; i--) {
        msp_item *it = g_ptr_array_index(g->out, i - 1);
        if (it->kind != MSP_ITEM_GLUE)
            return it;
    }
    return NULL;
}

static bool run_is_blank(const msp_fo_node *first, const msp_fo_node *last)
{
    for (const msp_fo_node *n = first; n; n = n->next) {
        if (n->kind != MSP_FO_TEXT)
            return false;
        for (size_t i = 0; i < n->text_len; i++)
            if (!g_ascii_isspace(n->text[i]))
                return false;
        if (n == last)
            break;
    }
    return true;
}

static bool is_inline_child(const msp_fo_node *n)
{
    return n->kind != MSP_FO_MARKER && msp_fo_is_inline(n);
}

/* A child that belongs to the inline run around it: inline content, or an
 * fo:retrieve-marker whose marker holds inline content only (or that
 * retrieves nothing), set in the line where it stands. */
static bool run_child(const msp_gen *g, const msp_fo_node *n)
{
    if (is_inline_child(n))
        return true;
    if (n->kind != MSP_FO_RETRIEVE_MARKER || !g->in_static)
        return false;
    const msp_fo_node *m = msp_markers_retrieve(g->L, n);
    for (const msp_fo_node *c = m ? m->first : NULL; c; c = c->next)
        if (!is_inline_child(c))
            return false;
    return true;
}

/* The part of the run first..last after the nested block `after` and before
 * `before` (NULL: unbounded) as line boxes. */
static msp_status gen_run(msp_gen *g, const msp_fo_node *block, const msp_fo_node *first,
                          const msp_fo_node *last, const msp_fo_node *after, const msp_fo_node *before,
                          const msp_refarea *ra, bool first_line, bool last_run)
{
    const msp_fo_style *s = block->style;
    double start = msp_indent_resolve(&s->start_indent, ra);
    double end = msp_indent_resolve(&s->end_indent, ra);
    msp_para_ref *ref = g_new0(msp_para_ref, 1);
    ref->refs = 1;
    /* the rest of a paragraph whose first lines are on the previous page
     * (relayout.c): broken again from where they end */
    bool rest = g->resume_src && g->resume_src == (after ? after : first);
    msp_status st;
    if (rest) {
        st = msp_para_build_rest(&g->env, &ref->para, block, first, last, after, before, ra->width, start,
                                 end, last_run, g->resume_from);
        g->resume_src = NULL;
        /* the text must resume with the word the waiting line began with */
        const char *was = g->resume_text ? g->resume_text : "";
        size_t word = strcspn(was, " ");
        if (st == MSP_OK && (ref->para.n_lines == 0 || strncmp(ref->para.lines[0].text, was, word) != 0)) {
            msp_para_forget(&ref->para);
            msp_para_clear(&ref->para);
            g->resume_failed = true;
            rest = false;
            st = msp_para_build_part(&g->env, &ref->para, block, first, last, after, before, ra->width, start,
                                     end, first_line, last_run);
        }
    } else {
        st = msp_para_build_part(&g->env, &ref->para, block, first, last, after, before, ra->width, start,
                                 end, first_line, last_run);
    }
    if (st != MSP_OK) {
        msp_para_clear(&ref->para);
        g_free(ref);
        return st;
    }
    const msp_para *p = &ref->para;
    /* a part with nothing to lay out: its inlines' ids go to the next box */
    for (int i = 0; i < p->n_ids; i++)
        g_ptr_array_add(g->p_ids, (gpointer)msp_arena_strdup(g->L->job->arena, p->ids[i]));
    /* a run without text: its inlines' markers go to the next box */
    for (int k = 0; k < p->n_objs; k++)
        if (p->objs[k].kind == MSP_INLINE_MARKER && p->objs[k].line < 0)
            g_ptr_array_add(g->p_markers, (gpointer)p->objs[k].node);
        else if (p->objs[k].kind == MSP_INLINE_FLOAT && p->objs[k].line < 0) {
            if (msp_side_is(p->objs[k].node))
                msp_side_met(g, p->objs[k].node, ra);
            else
                g_ptr_array_add(g->p_floats, (gpointer)p->objs[k].node);
        }
    /* beside side floats: broken again for the measures beside them */
    msp_side_plan *sides = NULL;
    if (!rest) {
        bool retained;
        double sp = g->spaces->len ? resolve_spaces(g, &retained) : 0;
        st = msp_side_fit(g, &ref->para, block, first, last, after, before, ra, start, end, first_line,
                          last_run, sp, &sides);
        if (st != MSP_OK) {
            msp_para_forget(&ref->para);
            msp_para_ref_unref(ref);
            return st;
        }
    }
    int n = p->n_lines;
    int orphans = MAX(1, s->orphans), widows = MAX(1, s->widows);
    for (int i = 0; i < n; i++) {
        const msp_line *ln = &p->lines[i];
        msp_item *it = msp_item_new(MSP_ITEM_LINE, ln->height);
        it->para = ref;
        ref->refs++;
        it->line = i;
        it->src = after ? after : first;
        it->src_sub = i;
        it->cont = rest || i > 0;
        it->x = ra->x0;
        it->ascent = ln->ascent;
        for (int k = 0; k < p->n_footnotes; k++) {
            if (p->footnote_line[k] != i)
                continue;
            if (!it->notes)
                it->notes = g_ptr_array_new();
            g_ptr_array_add(it->notes, (gpointer)p->footnotes[k]);
        }
        msp_box_notes(p, i, it);
        for (int k = 0; k < p->n_objs; k++) {
            if (p->objs[k].kind != MSP_INLINE_FLOAT || p->objs[k].line != i || msp_side_is(p->objs[k].node))
                continue;
            if (!it->floats)
                it->floats = g_ptr_array_new();
            g_ptr_array_add(it->floats, (gpointer)p->objs[k].node);
        }
        if (i > 0 && ((!rest && i < orphans) || n - i < widows || p->keep_lines_together))
            it->bp = MSP_BP_KEEP;
        if (sides) {
            /* a float starts with its line; the lines beside it stay with it */
            msp_side_plan_attach(sides, i, it);
            if (msp_side_plan_beside(sides, i) && !msp_side_plan_starts(sides, i))
                it->bp = MAX(it->bp, MSP_BP_KEEP);
            g->side_planned = true;
        }
        msp_gen_push_box(g, it);
        g->side_planned = false;
        /* the markers of the inlines starting on the line, and of those ending on it */
        for (int k = 0; k < p->n_objs; k++) {
            const msp_inline_obj *o = &p->objs[k];
            if (o->kind != MSP_INLINE_MARKER)
                continue;
            if (o->line == i) {
                if (!it->markers)
                    it->markers = g_ptr_array_new();
                g_ptr_array_add(it->markers, (gpointer)o->node);
            }
            if (o->line_last == i) {
                if (!it->markers_end)
                    it->markers_end = g_ptr_array_new();
                g_ptr_array_add(it->markers_end, (gpointer)o->node);
                g_hash_table_add(g->L->mk_closing, (gpointer)o->node);
            }
        }
    }
    if (sides)
        msp_side_plan_done(sides, g);
    msp_para_ref_unref(ref);
    return MSP_OK;
}

/* An inline run, split where block-level FOs are nested in its inlines
 * (msp_para_next_block): lines, the nested block, lines. */
static msp_status gen_runs(msp_gen *g, const msp_fo_node *block, const msp_fo_node *first,
                           const msp_fo_node *last, const msp_refarea *ra, bool first_line, bool last_run)
{
    const msp_fo_node *after = NULL;
    for (;;) {
        const msp_fo_node *b = msp_para_next_block(first, last, after);
        msp_status st = gen_run(g, block, first, last, after, b, ra, first_line, last_run && !b);
        if (st != MSP_OK || !b)
            return st;
        st = msp_gen_block_level(g, b, ra);
        if (st != MSP_OK)
            return st;
        first_line = false;
        after = b;
    }
}

/* Inline-level elements whose background, border and padding are drawn:
 * inlines, links, page numbers and characters (para.c), inline-containers
 * (inline_box.c), images and SVG graphics (graphic.c). */
static bool inline_deco_drawn(const msp_fo_node *n)
{
    switch (n->kind) {
    case MSP_FO_INLINE: case MSP_FO_BASIC_LINK: case MSP_FO_PAGE_NUMBER: case MSP_FO_PAGE_NUMBER_CITATION:
    case MSP_FO_PAGE_NUMBER_CITATION_LAST: case MSP_FO_CHARACTER: case MSP_FO_INLINE_CONTAINER:
        return true;
    default:
        return msp_graphic_framed(n);
    }
}

/* Backgrounds, borders and padding of the other inline-level elements
 * (leaders, wrappers, footnotes) are not drawn: said once per element. */
static void inline_marks(msp_gen *g, const msp_fo_node *first, const msp_fo_node *last)
{
    for (const msp_fo_node *n = first; n; n = n->next) {
        if (n->kind != MSP_FO_TEXT && msp_fo_is_inline(n) && msp_deco_needed(n->style) &&
            !inline_deco_drawn(n) && msp_layout_first_time(g->L, n))
            msp_diag_warn(&g->L->job->diags, n->loc,
                          "put the background, border or padding on a block, or remove it",
                          "%s: background-color, border and padding on inline-level elements are not "
                          "drawn", msp_fo_kind_name(n->kind));
        if (n->kind == MSP_FO_INLINE || n->kind == MSP_FO_WRAPPER || n->kind == MSP_FO_BASIC_LINK) {
            /* (their markers go with the line each starts on: gen_run) */
            if (n->first)
                inline_marks(g, n->first, n->last);
        } else if (n->kind == MSP_FO_FOOTNOTE) {
            for (const msp_fo_node *c = n->first; c; c = c->next)
                if (c->kind != MSP_FO_FOOTNOTE_BODY)
                    inline_marks(g, c, c);
        }
        if (n == last)
            break;
    }
}

/* The children of a block: inline runs become paras, blocks recurse. */
msp_status msp_gen_children(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra)
{
    const msp_fo_node *last_run_start = NULL;
    for (const msp_fo_node *c = parent->first; c;) {
        if (run_child(g, c)) {
            const msp_fo_node *e = c;
            while (e->next && (run_child(g, e->next) || e->next->kind == MSP_FO_MARKER))
                e = e->next;
            if (!run_is_blank(c, e))
                last_run_start = c;
            c = e->next;
        } else {
            c = c->next;
        }
    }
    bool first_line = true;
    for (const msp_fo_node *c = parent->first; c && g->st == MSP_OK;) {
        if (run_child(g, c)) {
            const msp_fo_node *e = c;
            while (e->next && (run_child(g, e->next) || e->next->kind == MSP_FO_MARKER))
                e = e->next;
            if (!run_is_blank(c, e)) {
                inline_marks(g, c, e);
                msp_status st = gen_runs(g, parent, c, e, ra, first_line, c == last_run_start);
                if (st != MSP_OK)
                    return g->st = st;
                first_line = false;
            }
            c = e->next;
            continue;
        }
        if (c->kind != MSP_FO_MARKER) {
            msp_status st = msp_gen_block_level(g, c, ra);
            if (st != MSP_OK)
                return g->st = st;
            first_line = false;
        }
        c = c->next;
    }
    return g->st;
}

/* The markers of a table's header, footer and bodies: their first areas are
 * where the table starts (with its first box, as the table's own); those of
 * its rows are not retrieved, said once each. */
static void table_part_markers(msp_gen *g, const msp_fo_node *table)
{
    for (const msp_fo_node *part = table->first; part; part = part->next) {
        if (part->kind != MSP_FO_TABLE_HEADER && part->kind != MSP_FO_TABLE_FOOTER &&
            part->kind != MSP_FO_TABLE_BODY)
            continue;
        add_markers(g, part);
        for (const msp_fo_node *row = part->first; row; row = row->next)
            for (const msp_fo_node *m = row->kind == MSP_FO_TABLE_ROW ? row->first : NULL; m; m = m->next)
                if (m->kind == MSP_FO_MARKER && g->L->emit && msp_layout_first_time(g->L, m))
                    msp_diag_warn(&g->L->job->diags, m->loc,
                                  "put the fo:marker in the row's first fo:table-cell",
                                  "fo:marker in fo:table-row is not retrieved by mspdoc");
    }
}

/* A decorated, possibly breakable, block wrapper around gen_inner. */
static msp_status gen_block(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra)
{
    const msp_fo_style *s = node->style;
    if (node->kind == MSP_FO_BLOCK_CONTAINER && s->reference_orientation != 0 && s->rtl)
        return g->st = msp_diag_error(&g->L->job->diags, MSP_E_FO, node->loc,
                                      "leave reference-orientation out, or lay the page out left to right",
                                      "reference-orientation=\"%d\" on fo:block-container in right-to-left text "
                                      "is not supported by mspdoc", s->reference_orientation);
    if (node->kind == MSP_FO_BLOCK_CONTAINER && s->absolute_position != MSP_POS_AUTO)
        return msp_gen_positioned(g, node, ra);
    if (s->absolute_position != MSP_POS_AUTO && g->L->emit && msp_layout_first_time(g->L, node))
        msp_diag_warn(&g->L->job->diags, node->loc, "put it on an fo:block-container around the content",
                      "absolute-position applies to fo:block-container only (XSL 1.1 7.6.1): %s laid out in the "
                      "flow", msp_fo_kind_name(node->kind));
    push_space(g, &s->space_before);
    if (s->break_before != MSP_BREAK_AUTO)
        g->force = s->break_before;
    if (s->keep_with_previous != MSP_KEEP_AUTO)
        g->keep = MAX(g->keep, MSP_BP_KEEP);
    if (node->id)
        g_ptr_array_add(g->p_ids, (gpointer)node->id);
    add_markers(g, node);
    /* side floats do not reach into tables, lists and containers: those start below them */
    if (node->kind != MSP_FO_BLOCK && msp_side_any(g))
        msp_side_clear(g);
    else if (node->kind == MSP_FO_BLOCK)
        msp_side_clear_for(g, node);

    msp_refarea inner = *ra;
    double turn_w = 0, turn_h = -1;
    double start = msp_indent_resolve(&s->start_indent, ra);
    double end = msp_indent_resolve(&s->end_indent, ra);
    if (node->kind == MSP_FO_BLOCK_CONTAINER || node->kind == MSP_FO_TABLE) {
        /* a width of its own: the border and background end with it */
        double w = ra->width - start - end;
        if (node->kind == MSP_FO_BLOCK_CONTAINER && s->reference_orientation != 0) {
            /* turned: its width and height are its content's (orientation.c); the
             * block dimension left at auto is the body's height */
            msp_turn_frame(s, MAX(0, w), g->L->m.body.h, &turn_w, &turn_h);
            w = s->reference_orientation % 180 != 0 ? turn_h : turn_w;
        } else if (s->width.kind == MSP_LEN_ABS)
            w = s->width.v;
        else if (s->width.kind == MSP_LEN_PCT)
            w = ra->width * s->width.v / 100.0;
        inner.x0 = ra->x0 + start;
        inner.width = MAX(0, w);
        end = ra->width - start - inner.width;
    }
    msp_deco *deco = NULL;
    guint n_before = g->out->len;
    if (msp_deco_needed(s)) {
        double l = start - s->padding[MSP_START] - bw(s, MSP_START);
        double r = end - s->padding[MSP_END] - bw(s, MSP_END);
        deco = msp_deco_new(s, ra->x0 + l, ra->width - l - r);
        deco->xf = g->xf;
        msp_item *open = msp_item_new(MSP_ITEM_OPEN, bw(s, MSP_BEFORE) + s->padding[MSP_BEFORE]);
        open->deco = deco;
        deco->src = node;
        open->src = node;
        open->src_sub = MSP_SRC_OPEN;
        msp_gen_push_box(g, open);
        g->keep = MSP_BP_STRONG;
    }
    if (s->keep_together != MSP_KEEP_AUTO)
        g->kt_depth++;

    msp_status st;
    /* a writing-mode of its own: its content mirrored within inner (mirror.c;
     * a fixed-height container's run does it in gen_isolated) */
    msp_xform around = g->xf;
    if (s->height.kind != MSP_LEN_ABS || node->kind != MSP_FO_BLOCK_CONTAINER)
        g->xf = msp_gen_content_xform(g, node, &inner);
    if (node->kind == MSP_FO_BLOCK_CONTAINER && s->reference_orientation != 0) {
        st = msp_gen_turned(g, node, turn_w, turn_h, inner.x0);
    } else if (node->kind == MSP_FO_BLOCK_CONTAINER && s->height.kind == MSP_LEN_ABS) {
        /* fixed height: an unbreakable group; its id and markers are on the group */
        GPtrArray *content = msp_gen_container_run(g, node, &inner);
        st = g->st;
        msp_item *grp = msp_item_new(MSP_ITEM_GROUP, s->height.v);
        grp->src = node;
        grp->src_sub = MSP_SRC_GROUP;
        grp->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
        double ch = msp_items_height(content);
        double dy = 0;
        if (s->display_align == MSP_DA_CENTER)
            dy = (s->height.v - ch) / 2;
        else if (s->display_align == MSP_DA_AFTER)
            dy = s->height.v - ch;
        msp_sub sub = { .items = content, .y = MAX(0, dy) };
        g_array_append_val(grp->subs, sub);
        for (guint i = 0; i < content->len; i++) {
            msp_item *ci = g_ptr_array_index(content, i);
            if (ci->notes) {
                if (!grp->notes)
                    grp->notes = g_ptr_array_new();
                for (guint k = 0; k < ci->notes->len; k++)
                    g_ptr_array_add(grp->notes, g_ptr_array_index(ci->notes, k));
            }
        }
        if (st == MSP_OK)
            st = msp_container_overflow(g, node, content, s->height.v);
        msp_gen_push_box(g, grp);
    } else if (node->kind == MSP_FO_TABLE) {
        table_part_markers(g, node);
        st = msp_gen_table(g, node, &inner);
    } else if (node->kind == MSP_FO_LIST_ITEM) {
        st = msp_gen_list_item(g, node, &inner);
    } else {
        if (node->kind == MSP_FO_LIST_BLOCK) {
            inner.list.set = true;
            inner.list.body_start = start + s->provisional_distance_between_starts;
            inner.list.label_end = ra->width - (start + s->provisional_distance_between_starts -
                                                s->provisional_label_separation);
        }
        st = msp_gen_children(g, node, &inner);
    }
    g->xf = around;
    if (s->keep_together != MSP_KEEP_AUTO)
        g->kt_depth--;
    if (st != MSP_OK)
        return st;
    bool pushed = g->out->len != n_before;
    if (deco) {
        flush_spaces(g);
        msp_item *close = msp_item_new(MSP_ITEM_CLOSE, s->padding[MSP_AFTER] + bw(s, MSP_AFTER));
        close->deco = deco;
        close->src = node;
        close->src_sub = MSP_SRC_CLOSE;
        deco->refs++;
        close->bp = MSP_BP_STRONG;
        msp_gen_push_box(g, close);
    }
    if (pushed) {
        g->keep = g->kt_depth > 0 ? MSP_BP_KEEP : MSP_BP_FREE;
        msp_item *lb = last_box(g);
        if (node->id && lb) {
            if (!lb->ids_end)
                lb->ids_end = g_ptr_array_new();
            g_ptr_array_add(lb->ids_end, (gpointer)node->id);
        }
        /* its markers' parent area ends with that box (retrieve-position
         * first-including-carryover and last-ending-within-page) */
        for (const msp_fo_node *c = node->first; lb && c; c = c->next)
            if (c->kind == MSP_FO_MARKER) {
                if (!lb->markers_end)
                    lb->markers_end = g_ptr_array_new();
                g_ptr_array_add(lb->markers_end, (gpointer)c);
                g_hash_table_add(g->L->mk_closing, (gpointer)c);
            }
    }
    if (s->keep_with_next != MSP_KEEP_AUTO)
        g->keep = MAX(g->keep, MSP_BP_KEEP);
    if (s->break_after != MSP_BREAK_AUTO)
        g->force = s->break_after;
    push_space(g, &s->space_after);
    return MSP_OK;
}

msp_status msp_gen_block_level(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra)
{
    switch (node->kind) {
    case MSP_FO_BLOCK:
    case MSP_FO_BLOCK_CONTAINER:
        return gen_block(g, node, ra);
    case MSP_FO_LIST_BLOCK:
    case MSP_FO_LIST_ITEM:
        return gen_block(g, node, ra);
    case MSP_FO_TABLE:
        return gen_block(g, node, ra);
    case MSP_FO_WRAPPER:
        if (node->id)
            g_ptr_array_add(g->p_ids, (gpointer)node->id);
        add_markers(g, node);
        return msp_gen_children(g, node, ra);
    case MSP_FO_RETRIEVE_MARKER: {
        const msp_fo_node *m = msp_markers_retrieve(g->L, node);
        if (m)
            return msp_gen_children(g, m, ra);
        return MSP_OK;
    }
    case MSP_FO_MARKER:
        /* directly in the flow: it goes with the next box */
        g_ptr_array_add(g->p_markers, (gpointer)node);
        return MSP_OK;
    case MSP_FO_FLOAT:
        /* between blocks: a side float waits for the next line (side_float.c); a
         * before-float is anchored on the next box (floats.c places it) */
        if (msp_side_is(node))
            msp_side_met(g, node, ra);
        else
            g_ptr_array_add(g->p_floats, (gpointer)node);
        return g->st;
    case MSP_FO_CHANGE_BAR_BEGIN:
    case MSP_FO_CHANGE_BAR_END:
        /* between blocks: the text they enclose carries the bar (fo_tree.c) */
        return MSP_OK;
    default:
        msp_diag_warn(&g->L->job->diags, node->loc, NULL, "%s is not allowed here; ignored",
                      msp_fo_kind_name(node->kind));
        return MSP_OK;
    }
}

static GPtrArray *gen_isolated(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra, bool own)
{
    GPtrArray *saved_out = g->out, *saved_spaces = g->spaces;
    int saved_keep = g->keep, saved_kt = g->kt_depth;
    msp_break saved_force = g->force;
    g->out = g_ptr_array_new();
    g->spaces = g_ptr_array_new();
    g->keep = MSP_BP_FREE;
    g->kt_depth = 0;
    g->force = MSP_BREAK_AUTO;
    /* a run is emitted inside its host box, which moves it (mirror.c): it
     * starts unmoved, mirrored when parent is a container of its own
     * writing-mode (fixed height, positioned) */
    msp_xform saved_xf = g->xf;
    g->xf = (msp_xform){ 0 };
    g->xf = msp_gen_content_xform(g, parent, ra);
    if (own)
        add_markers(g, parent);
    /* side floats: the run's own, ended with it */
    GPtrArray *saved_on = g->sides_on, *saved_wait = g->sides_wait;
    g->sides_on = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    g->sides_wait = g_ptr_array_new_with_free_func((GDestroyNotify)msp_side_unref);
    g->run_depth++;
    msp_gen_children(g, parent, ra);
    g->run_depth--;
    msp_side_clear(g);
    g_ptr_array_free(g->sides_on, TRUE);
    g_ptr_array_free(g->sides_wait, TRUE);
    g->sides_on = saved_on;
    g->sides_wait = saved_wait;
    msp_gen_anchor(g);
    GPtrArray *out = g->out;
    g->run_after = g->force;
    g_ptr_array_free(g->spaces, TRUE);
    g->out = saved_out;
    g->spaces = saved_spaces;
    g->keep = saved_keep;
    g->kt_depth = saved_kt;
    g->force = saved_force;
    g->xf = saved_xf;
    return out;
}

GPtrArray *msp_gen_run(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra)
{
    return gen_isolated(g, parent, ra, true);
}

GPtrArray *msp_gen_container_run(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra)
{
    GPtrArray *ids = g->p_ids, *markers = g->p_markers;
    g->p_ids = g_ptr_array_new();
    g->p_markers = g_ptr_array_new();
    GPtrArray *content = gen_isolated(g, node, ra, false);
    g_ptr_array_free(g->p_ids, TRUE);
    g_ptr_array_free(g->p_markers, TRUE);
    g->p_ids = ids;
    g->p_markers = markers;
    return content;
}
