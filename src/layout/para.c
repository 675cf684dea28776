/* Lines of a paragraph run: one PangoLayout per run, shaped once; the
 * breaks come from para_break.c, the lines are cut from its glyphs by
 * para_lines.c; line boxes (line-height, half-leading), alignment, fill
 * leaders, missing-glyph checks and inline objects are computed here, and a
 * line is emitted as areas. Collecting the text is para_text.c; graphics
 * are para_image.c. */
#include "layout/para_private.h"
#include "layout/graphic.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define PS ((double)PANGO_SCALE)
#define EPS 0.01   /* pt */

typedef struct font_extents {
    double ascent, descent;
} font_extents;

static GQuark extents_quark(void)
{
    static gsize q;
    if (g_once_init_enter(&q))
        g_once_init_leave(&q, g_quark_from_static_string("msp-para-font-extents"));
    return (GQuark)q;
}

void msp_para_font_extents(PangoContext *ctx, const PangoFontDescription *desc, double *ascent, double *descent)
{
    GQuark q = extents_quark();
    GHashTable *cache = g_object_get_qdata(G_OBJECT(ctx), q);
    if (!cache) {
        cache = g_hash_table_new_full((GHashFunc)pango_font_description_hash,
                                      (GEqualFunc)pango_font_description_equal,
                                      (GDestroyNotify)pango_font_description_free, g_free);
        g_object_set_qdata_full(G_OBJECT(ctx), q, cache, (GDestroyNotify)g_hash_table_unref);
    }
    font_extents *e = g_hash_table_lookup(cache, desc);
    if (!e) {
        PangoFontMetrics *m = pango_context_get_metrics(ctx, desc, NULL);
        e = g_new(font_extents, 1);
        e->ascent = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
        e->descent = pango_font_metrics_get_descent(m) / (double)PANGO_SCALE;
        pango_font_metrics_unref(m);
        g_hash_table_insert(cache, pango_font_description_copy(desc), e);
    }
    *ascent = e->ascent;
    *descent = e->descent;
}

/* text-align-last "relative": start when text-align is justify, else text-align. */
static msp_text_align last_align(const msp_fo_style *s)
{
    if (s->text_align_last != MSP_ALIGN_RELATIVE)
        return s->text_align_last;
    return s->text_align == MSP_ALIGN_JUSTIFY ? MSP_ALIGN_START : s->text_align;
}

/* Per-line facts before our own geometry. */
typedef struct raw_line {
    msp_gline *gl;
    int start, end;          /* byte range (without the break's space or the paragraph delimiter) */
    double width;            /* logical width */
    double ascent, descent;  /* of the content: glyphs and inline objects */
    bool para_end;           /* last line of a Pango paragraph (before '\n' or the end) */
} raw_line;

static int line_of(const GArray *lines, guint i);

static GArray *read_lines(msp_glines *g, const msp_para_text *t)
{
    GArray *lines = g_array_new(FALSE, TRUE, sizeof(raw_line));
    for (int i = 0; i < g->n; i++) {
        msp_gline *gl = &g->lines[i];
        raw_line r = { .gl = gl, .start = gl->start, .end = gl->end, .width = gl->width,
                       .ascent = gl->ascent, .descent = gl->descent, .para_end = gl->para_end };
        g_array_append_val(lines, r);
    }
    /* objects drawn in the line (leaders, images, graphics) reach as high and low as they are */
    for (guint i = 0; i < t->objs->len && lines->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->kind != MSP_INLINE_LEADER && p->kind != MSP_INLINE_IMAGE && p->kind != MSP_INLINE_GRAPHIC &&
            p->kind != MSP_INLINE_BOX)
            continue;
        if (p->start < (guint)g_array_index(lines, raw_line, 0).start)
            continue;   /* before the rest of a run (msp_para_build_rest) */
        raw_line *r = &g_array_index(lines, raw_line, line_of(lines, p->start));
        r->ascent = MAX(r->ascent, p->ascent);
        r->descent = MAX(r->descent, p->descent);
    }
    return lines;
}

/* Index of the line holding byte index i (the last line for the text's end). */
static int line_of(const GArray *lines, guint i)
{
    int lo = 0, hi = (int)lines->len - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if ((guint)g_array_index(lines, raw_line, mid).start <= i)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Widens fill leaders to the rest of their lines (measured unjustified):
 * the leader's glyph takes the width, its line is measured again. */
static void widen_fill_leaders(msp_para_text *t, const GArray *lines, const double *avail)
{
    int n_lines = (int)lines->len;
    int *count = g_new0(int, n_lines);
    bool any = false;
    for (guint i = 0; i < t->objs->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->kind == MSP_INLINE_LEADER && p->fill_max < 0 &&
            p->start >= (guint)g_array_index(lines, raw_line, 0).start) {
            count[line_of(lines, p->start)]++;
            any = true;
        }
    }
    if (!any) {
        g_free(count);
        return;
    }
    double *rest = g_new(double, n_lines);
    for (int i = 0; i < n_lines; i++)
        rest[i] = avail[i] - g_array_index(lines, raw_line, i).width;
    for (guint i = 0; i < t->objs->len; i++) {
        msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->kind != MSP_INLINE_LEADER || p->fill_max >= 0 ||
            p->start < (guint)g_array_index(lines, raw_line, 0).start)
            continue;
        int li = line_of(lines, p->start);
        const raw_line *r = &g_array_index(lines, raw_line, li);
        double add = rest[li] / count[li];
        if (add <= 0)
            continue;
        for (int k = 0; k < r->gl->n; k++) {
            PangoGlyphItem *gi = r->gl->pieces[k].glyphs;
            for (int g = 0; g < gi->glyphs->num_glyphs; g++) {
                if (gi->item->offset + gi->glyphs->log_clusters[g] == (int)p->start &&
                    r->gl->pieces[k].text != r->gl->hyphen_text) {
                    gi->glyphs->glyphs[g].geometry.width += (int)(add * PS);
                    p->w += (int)(add * PS) / PS;
                }
            }
        }
        msp_gline_measure(r->gl);
    }
    g_free(rest);
    g_free(count);
}

/* Warns once per character and place about glyphs no declared font has. */
static void check_unknown_glyphs(const msp_para_text *t, PangoLayout *layout)
{
    if (pango_layout_get_unknown_glyphs_count(layout) == 0)
        return;
    const char *text = pango_layout_get_text(layout);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        for (int g = 0; g < run->glyphs->num_glyphs; g++) {
            PangoGlyph glyph = run->glyphs->glyphs[g].glyph;
            if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG))
                continue;
            gunichar c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
            if (c == 0xFFFC || c == '\n' || c == '\t' || g_unichar_iscntrl(c) ||
                g_unichar_type(c) == G_UNICODE_FORMAT)
                continue;
            guint at = (guint)(run->item->offset + run->glyphs->log_clusters[g]);
            const msp_fo_node *node = msp_para_text_node_at(t, at);
            char utf8[8] = { 0 };
            g_unichar_to_utf8(g_utf8_get_char(text + at), utf8);
            char *msg = g_strdup_printf("no declared font has U+%04X '%s'", (unsigned)c, utf8);
            msp_para_warn_once(t->env->job, node->loc,
                               "the character is drawn as a box; use a character the declared fonts "
                               "have, or declare a font that has it in fonts/fonts.conf", msg);
            g_free(msg);
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* The line's text: trailing white space trimmed, object characters dropped. */
static const char *line_text(msp_arena *arena, const char *text, int start, int end)
{
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t'))
        end--;
    const char *s = text + start;
    size_t n = (size_t)(end - start);
    if (!g_strstr_len(s, (gssize)n, MSP_PARA_OBJ_CHAR))
        return msp_arena_strndup(arena, s, n);
    char *out = msp_arena_alloc(arena, n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        if (i + MSP_PARA_OBJ_LEN <= n && memcmp(s + i, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN) == 0) {
            i += MSP_PARA_OBJ_LEN;
            continue;
        }
        *o++ = s[i++];
    }
    *o = '\0';
    return out;
}

/* x extent [x1, x2] (line-relative pt) of bytes [s, e) on line r; false if none. */
static bool range_on_line(const raw_line *r, guint s, guint e, double *x1, double *x2)
{
    return msp_gline_range(r->gl, (int)s, (int)e, x1, x2);
}

static double index_x(const raw_line *r, guint i)
{
    return msp_gline_index_x(r->gl, (int)i);
}

static void add_obj(GArray *objs, const msp_para_pending *p, int line, double x, double w,
                    double asc, double desc)
{
    msp_inline_obj o = { 0 };
    o.kind = p->kind;
    o.line = line;
    o.x = x;
    o.w = w;
    o.ascent = asc;
    o.descent = desc;
    o.node = p->node;
    o.uri = p->uri;
    o.dest = p->dest;
    o.footnote = p->footnote;
    if (p->surface)
        o.surface = cairo_surface_reference(p->surface);
    if (p->pattern)
        o.pattern = g_object_ref(p->pattern);
    /* the line takes the box's content: it is drawn, forgotten or freed with the para */
    o.box = p->box;
    ((msp_para_pending *)p)->box.content = NULL;
    g_array_append_val(objs, o);
}

/* A line is change-barred when some text of it (a segment overlapping its
 * bytes) lies inside an fo:change-bar-begin/-end pair (fo_tree.c). */
static void mark_change_bars(msp_para *out, const msp_para_text *t, const GArray *lines)
{
    const msp_para_seg *segs = (const msp_para_seg *)(void *)t->segs->data;
    for (guint i = 0; i < t->segs->len; i++) {
        const msp_fo_node *bar = segs[i].node->change_bar;
        if (!bar)
            continue;
        for (int l = 0; l < out->n_lines && l < (int)lines->len; l++) {
            const raw_line *r = &g_array_index(lines, raw_line, l);
            bool overlap = (guint)r->start < segs[i].end && segs[i].start < (guint)MAX(r->end, r->start + 1);
            if (overlap && !out->lines[l].change_bar)
                out->lines[l].change_bar = bar;
        }
    }
}

static void place_objects(msp_para *out, const msp_para_text *t, const GArray *lines, guint from,
                          msp_arena *arena)
{
    GArray *objs = g_array_new(FALSE, TRUE, sizeof(msp_inline_obj));
    for (guint i = 0; i < t->objs->len && lines->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        /* the rest of a run: objects of the earlier lines are theirs (a link
         * reaching into the rest keeps its part here) */
        if (p->start < from && (p->kind != MSP_INLINE_LINK || p->end <= from))
            continue;
        int li = line_of(lines, p->start);
        const raw_line *r = &g_array_index(lines, raw_line, li);
        const msp_line *ml = &out->lines[li];
        switch (p->kind) {
        case MSP_INLINE_LEADER:
        case MSP_INLINE_IMAGE:
        case MSP_INLINE_GRAPHIC:
        case MSP_INLINE_BOX: {
            /* the left edge of its object character: in a right-to-left run
             * that is not where its index starts */
            double x1 = 0, x2 = 0;
            if (!range_on_line(r, p->start, p->end, &x1, &x2))
                x1 = index_x(r, p->start);
            add_obj(objs, p, li, x1, p->w, p->ascent, p->descent);
            break;
        }
        case MSP_INLINE_FLOAT:
            add_obj(objs, p, li, index_x(r, p->start), 0, 0, 0);
            break;
        case MSP_INLINE_MARKER:
            add_obj(objs, p, li, index_x(r, p->start), 0, ml->ascent, ml->descent);
            g_array_index(objs, msp_inline_obj, objs->len - 1).line_last =
                p->end > p->start ? line_of(lines, p->end - 1) : li;
            break;
        case MSP_INLINE_DEST:
            add_obj(objs, p, li, index_x(r, p->start), 0, ml->ascent, ml->descent);
            g_array_index(objs, msp_inline_obj, objs->len - 1).line_last =
                p->end > p->start ? line_of(lines, p->end - 1) : li;
            break;
        case MSP_INLINE_FOOTNOTE: {
            int fl = out->footnote_line[p->footnote];
            double x1, x2;
            const raw_line *fr = &g_array_index(lines, raw_line, fl);
            if (!range_on_line(fr, p->start, p->end, &x1, &x2))
                x1 = x2 = index_x(fr, p->start);
            add_obj(objs, p, fl, x1, x2 - x1, out->lines[fl].ascent, out->lines[fl].descent);
            break;
        }
        case MSP_INLINE_DECO:
            for (int l = li; l < (int)lines->len; l++) {
                const raw_line *lr = &g_array_index(lines, raw_line, l);
                if ((guint)lr->start >= p->end && l > li)
                    break;
                double x1, x2;
                if (!range_on_line(lr, p->start, p->end, &x1, &x2))
                    continue;
                add_obj(objs, p, l, x1, x2 - x1, p->ascent, p->descent);
                msp_inline_obj *o = &g_array_index(objs, msp_inline_obj, objs->len - 1);
                o->first = !p->open_start && (guint)lr->start <= p->start;
                o->last = !p->open_end && (guint)lr->end >= p->end;
            }
            break;
        case MSP_INLINE_LINK:
            for (int l = li; l < (int)lines->len; l++) {
                const raw_line *lr = &g_array_index(lines, raw_line, l);
                if ((guint)lr->start >= p->end && l > li)
                    break;
                double x1, x2;
                if (range_on_line(lr, p->start, p->end, &x1, &x2))
                    add_obj(objs, p, l, x1, x2 - x1, out->lines[l].ascent, out->lines[l].descent);
            }
            break;
        }
    }
    out->n_objs = (int)objs->len;
    out->objs = msp_arena_alloc_array(arena, objs->len ? objs->len : 1, sizeof(msp_inline_obj));
    if (objs->len)
        memcpy(out->objs, objs->data, objs->len * sizeof(msp_inline_obj));
    g_array_free(objs, TRUE);
}

/* A part of a split run without text whose objects are only ids: no
 * lines; the ids go to out->ids for the box that follows. */
static bool only_ids(msp_para *out, msp_para_text *t)
{
    if (t->text->len != 0)
        return false;
    for (guint i = 0; i < t->objs->len; i++)
        if (g_array_index(t->objs, msp_para_pending, i).kind != MSP_INLINE_DEST)
            return false;
    out->arena = t->arena;
    t->arena = NULL;
    out->n_ids = (int)t->objs->len;
    out->ids = msp_arena_alloc_array(out->arena, t->objs->len ? t->objs->len : 1, sizeof(const char *));
    for (guint i = 0; i < t->objs->len; i++)
        out->ids[i] = g_array_index(t->objs, msp_para_pending, i).dest;
    return true;
}


/* A run without text whose objects are only markers of its inlines: no
 * lines; the markers are its objects with line -1, for the next box. */
static bool only_markers(msp_para *out, msp_para_text *t)
{
    if (t->text->len != 0)
        return false;
    for (guint i = 0; i < t->objs->len; i++) {
        msp_inline_kind k = g_array_index(t->objs, msp_para_pending, i).kind;
        if (k != MSP_INLINE_MARKER && k != MSP_INLINE_FLOAT)
            return false;
    }
    out->arena = t->arena;
    t->arena = NULL;
    out->n_objs = (int)t->objs->len;
    out->objs = msp_arena_alloc_array(out->arena, t->objs->len, sizeof(msp_inline_obj));
    for (guint i = 0; i < t->objs->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        out->objs[i] = (msp_inline_obj){ .kind = p->kind, .line = -1, .node = p->node };
    }
    return true;
}

/* The context like ctx (its font map, options, resolution, language) whose
 * paragraphs run right to left (writing-mode rl-tb): made once, kept with ctx. */
static PangoContext *rtl_context(PangoContext *ctx)
{
    static const char key[] = "msp-rtl-context";
    PangoContext *rtl = g_object_get_data(G_OBJECT(ctx), key);
    if (rtl)
        return rtl;
    rtl = pango_font_map_create_context(pango_context_get_font_map(ctx));
    pango_cairo_context_set_font_options(rtl, pango_cairo_context_get_font_options(ctx));
    pango_cairo_context_set_resolution(rtl, pango_cairo_context_get_resolution(ctx));
    pango_context_set_round_glyph_positions(rtl, pango_context_get_round_glyph_positions(ctx));
    pango_context_set_language(rtl, pango_context_get_language(ctx));
    pango_context_set_base_dir(rtl, PANGO_DIRECTION_RTL);
    g_object_set_data_full(G_OBJECT(ctx), key, rtl, g_object_unref);
    return rtl;
}

msp_status msp_para_build(const msp_para_env *env, msp_para *out, const msp_fo_node *block,
                          const msp_fo_node *first, const msp_fo_node *last, double width,
                          double start, double end, bool first_line, bool last_run)
{
    return msp_para_build_part(env, out, block, first, last, NULL, NULL, width, start, end,
                               first_line, last_run);
}

static msp_status build(const msp_para_env *env, msp_para *out, const msp_fo_node *block,
                        const msp_fo_node *first, const msp_fo_node *last, const msp_fo_node *after,
                        const msp_fo_node *before, double width, double start, double end, bool first_line,
                        bool last_run, int from);

msp_status msp_para_build_part(const msp_para_env *env, msp_para *out, const msp_fo_node *block,
                               const msp_fo_node *first, const msp_fo_node *last,
                               const msp_fo_node *after, const msp_fo_node *before, double width,
                               double start, double end, bool first_line, bool last_run)
{
    return build(env, out, block, first, last, after, before, width, start, end, first_line, last_run, 0);
}

msp_status msp_para_build_rest(const msp_para_env *env, msp_para *out, const msp_fo_node *block,
                               const msp_fo_node *first, const msp_fo_node *last,
                               const msp_fo_node *after, const msp_fo_node *before, double width,
                               double start, double end, bool last_run, int from)
{
    return build(env, out, block, first, last, after, before, width, start, end, false, last_run,
                 MAX(from, 0));
}

static msp_status build(const msp_para_env *env, msp_para *out, const msp_fo_node *block,
                        const msp_fo_node *first, const msp_fo_node *last, const msp_fo_node *after,
                        const msp_fo_node *before, double width, double start, double end, bool first_line,
                        bool last_run, int from)
{
    memset(out, 0, sizeof *out);
    out->block = block;
    const msp_fo_style *bs = block->style;
    out->keep_lines_together = bs->keep_together != MSP_KEEP_AUTO;
    msp_para_text t;
    msp_status st = msp_para_text_collect(&t, env, block, first, last, after, before, width);
    if (st != MSP_OK) {
        msp_para_text_clear(&t);
        return st;
    }
    if ((t.text->len == 0 && t.objs->len == 0) || ((after || before) && only_ids(out, &t))) {
        msp_para_text_clear(&t);
        return MSP_OK;
    }
    if (only_markers(out, &t)) {
        msp_para_text_clear(&t);
        return MSP_OK;
    }
    /* the para's own arena: freed by msp_para_clear once its lines are placed,
     * so memory does not grow with the document (line texts are copied into
     * each page's arena when emitted) */
    out->arena = t.arena;
    t.arena = NULL;
    msp_arena *arena = out->arena;
    from = MIN(from, (int)t.text->len);
    out->from = from;

    double indent = first_line ? bs->text_indent : 0;
    double avail = width - start - end;
    if (avail < 1)
        avail = 1;
    /* Pango sets no widths, indents or alignment here: lines are chosen by
     * para_break.c, placed by us (alignment offsets below) and justified by
     * para_justify() */
    /* right to left (writing-mode rl-tb): Pango's base direction is RTL, so
     * each line's pieces come in right-to-left visual order; the page is
     * mirrored when emitted (page_emit.c) */
    PangoLayout *layout = pango_layout_new(bs->rtl ? rtl_context(env->pango) : env->pango);
    pango_layout_set_font_description(layout, t.block_desc);
    pango_layout_set_auto_dir(layout, FALSE);
    pango_layout_set_width(layout, -1);
    pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
    msp_text_align la = last_align(bs);
    bool justify = bs->text_align == MSP_ALIGN_JUSTIFY;
    GArray *info = g_array_new(FALSE, TRUE, sizeof(msp_para_lineinfo));
    GArray *ranges = g_array_new(FALSE, TRUE, sizeof(msp_line_range));
    /* beside a side float: lines of their own measures (not in the rest of a run) */
    int n_shape = from == 0 && env->intr_n > 0 ? env->intr_n : 0;
    double *shape = n_shape ? g_new(double, n_shape) : NULL;
    for (int i = 0; i < n_shape; i++)
        shape[i] = MAX(avail - (i == 0 ? indent : 0) - env->intr_s[i] - env->intr_e[i], 1);
    out->end_room = end;
    out->ra_width = width;
    if (bs->wrap) {
        msp_para_break(&t, layout, MAX(avail - indent, 1), avail, shape, n_shape, justify, last_run,
                       (guint)from, ranges, info);
    } else {
        /* no wrapping: Pango's own lines (at preserved linefeeds) */
        pango_layout_set_attributes(layout, t.attrs);
        pango_layout_set_text(layout, t.text->str, (int)t.text->len);
        for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
            const PangoLayoutLine *pl = l->data;
            if (pl->start_index < from)
                continue;
            msp_line_range r = { .start = pl->start_index, .end = pl->start_index + pl->length,
                                 .para_end = !l->next || ((PangoLayoutLine *)l->next->data)->is_paragraph_start };
            g_array_append_val(ranges, r);
        }
    }
    msp_glines *gls = msp_glines_cut(layout, (const msp_line_range *)(void *)ranges->data, (int)ranges->len);
    g_array_free(ranges, TRUE);
    msp_glines_set_spans(gls, (const msp_text_span *)(void *)t.segs->data, (int)t.segs->len);
    int n = gls->n;
    double *avail_of = g_new(double, n ? n : 1);
    for (int i = 0; i < n; i++)
        avail_of[i] = i < n_shape ? shape[i] : avail - (i == 0 ? indent : 0);
    bool has_fill = false;
    for (guint i = 0; i < t.objs->len; i++) {
        const msp_para_pending *p = &g_array_index(t.objs, msp_para_pending, i);
        has_fill = has_fill || (p->kind == MSP_INLINE_LEADER && p->fill_max < 0);
    }
    GArray *lines;
    if (has_fill && bs->wrap && n > 0) {
        lines = read_lines(gls, &t);
        widen_fill_leaders(&t, lines, avail_of);
        g_array_free(lines, TRUE);
    }
    msp_para_justify(&t, gls, info, avail_of, justify && bs->wrap, la == MSP_ALIGN_JUSTIFY);
    lines = read_lines(gls, &t);
    check_unknown_glyphs(&t, layout);

    /* Line boxes: the block's font sets the strut (half-leading on both
     * sides, XSL 7.15.4 with line-stacking-strategy max-height); content
     * taller than the strut grows the line on that side only. */
    double fa, fd;
    msp_para_font_extents(env->pango, t.block_desc, &fa, &fd);
    double half_leading = (bs->line_height - (fa + fd)) / 2;
    double strut_a = fa + half_leading, strut_d = fd + half_leading;

    out->layout = layout;
    out->n_lines = n;
    out->lines = msp_arena_alloc_array(arena, (size_t)n, sizeof(msp_line));
    const char *text = pango_layout_get_text(layout);
    for (int i = 0; i < n; i++) {
        const raw_line *r = &g_array_index(lines, raw_line, i);
        msp_line *l = &out->lines[i];
        l->line_no = i;
        l->width = r->width;
        l->ascent = MAX(strut_a, r->ascent);
        l->descent = MAX(strut_d, r->descent);
        l->height = l->ascent + l->descent;
        l->text = line_text(arena, text, r->start, r->end);
        if (r->gl->hyphen_text) {
            char *joined = g_strconcat(l->text, r->gl->hyphen_text, NULL);
            l->text = msp_arena_strdup(arena, joined);
            g_free(joined);
        }
        l->last = last_run && i == n - 1;
        const msp_para_lineinfo *li = &g_array_index(info, msp_para_lineinfo, i);
        l->adjust = li->ratio;
        l->hyphen = li->hyphen;
        l->fit = li->fit;
        l->loc = msp_para_text_node_at(&t, (guint)r->start)->loc;
        l->start = r->start;
        if (l->fit == MSP_LB_FIT_OVERFULL) {
            char *msg = g_strdup_printf("overfull line: %.1f pt wider than its %.1f pt measure: '%s'",
                                        li->natural - avail_of[i], avail_of[i], l->text);
            msp_para_warn_once(env->job, l->loc,
                               "the text cannot be broken to fit: allow a break (a space, a soft "
                               "hyphen U+00AD, or hyphenate=\"true\" with a language) or widen the block",
                               msg);
            g_free(msg);
        }
        bool ends = r->para_end || li->forced;
        msp_text_align a = ends ? la : bs->text_align;
        if (a == MSP_ALIGN_JUSTIFY && ends && !(justify && la == MSP_ALIGN_JUSTIFY))
            a = MSP_ALIGN_START;
        double slack = avail_of[i] - r->width, off = 0;
        if (a == MSP_ALIGN_END || a == MSP_ALIGN_RIGHT)
            off = slack;
        else if (a == MSP_ALIGN_CENTER)
            off = slack / 2;
        l->x = start + (i == 0 ? indent : 0) + off + (i < n_shape ? env->intr_s[i] : 0);
        l->natural = li->natural > 0 ? li->natural : r->width;
    }
    g_free(shape);

    /* footnotes in source order, each on the line of its anchor's last character */
    /* (the rest of a run: those anchored on the earlier lines are theirs) */
    out->footnotes = msp_arena_alloc_array(arena, t.footnotes->len ? t.footnotes->len : 1,
                                           sizeof(const msp_fo_node *));
    out->footnote_line = msp_arena_alloc_array(arena, t.footnotes->len ? t.footnotes->len : 1,
                                               sizeof(int));
    out->n_footnotes = 0;
    for (guint i = 0; i < t.footnotes->len; i++) {
        guint at = g_array_index(t.footnote_index, guint, i);
        if (at < (guint)from || lines->len == 0)
            continue;
        out->footnotes[out->n_footnotes] = g_ptr_array_index(t.footnotes, i);
        out->footnote_line[out->n_footnotes++] = line_of(lines, at);
    }
    place_objects(out, &t, lines, (guint)from, arena);
    mark_change_bars(out, &t, lines);
    out->check = msp_check_run_new(env->check, &t, gls, out);

    g_free(avail_of);
    g_array_free(lines, TRUE);
    g_array_free(info, TRUE);
    msp_para_text_clear(&t);
    return MSP_OK;
}

void msp_para_clear(msp_para *para)
{
    if (!para)
        return;
    msp_check_run_done(para->check, para);
    para->check = NULL;
    for (int i = 0; i < para->n_objs; i++) {
        if (para->objs[i].surface) {
            cairo_surface_destroy(para->objs[i].surface);
            para->objs[i].surface = NULL;
        }
        if (para->objs[i].pattern) {
            g_object_unref(para->objs[i].pattern);
            para->objs[i].pattern = NULL;
        }
        msp_para_box *b = &para->objs[i].box;
        if (b->content) {
            b->ops->free(b->content);
            b->content = NULL;
        }
    }
    if (para->layout) {
        g_object_unref(para->layout);
        para->layout = NULL;
    }
    msp_arena_free(para->arena);
    para->arena = NULL;
    para->lines = NULL;
    para->objs = NULL;
    para->footnotes = NULL;
    para->footnote_line = NULL;
    para->ids = NULL;
    para->n_lines = para->n_objs = para->n_footnotes = para->n_ids = 0;
}

/* The inline-containers on lines [from, ...) will never be drawn. */
static void forget_boxes(msp_para *para, int from)
{
    for (int i = 0; i < para->n_objs; i++) {
        const msp_inline_obj *o = &para->objs[i];
        if (o->kind == MSP_INLINE_BOX && o->box.content && o->line >= from)
            o->box.ops->forget(o->box.content);
    }
}

void msp_para_forget_from(msp_para *para, int line)
{
    if (!para)
        return;
    msp_check_run_truncate(para->check, line);
    forget_boxes(para, line);
}

void msp_para_forget(msp_para *para)
{
    if (!para)
        return;
    if (msp_check_run_forget(para->check))
        para->check = NULL;
    forget_boxes(para, 0);
}



/* The change bar beside a line (XSL 1.1 6.13.2, 7.30): a vertical rule the
 * line's height, change-bar-offset from the edge of the region the line is
 * in (its content rectangle), on the side change-bar-placement says: start
 * is the left here (an rl-tb page is mirrored later, page_emit.c), inside
 * the left of an odd-numbered page, outside and alternate the other. Bars of
 * consecutive lines touch: one bar beside a changed passage. */
static void emit_change_bar(msp_page *page, const msp_fo_node *bar, msp_zone zone, double top, double h)
{
    const msp_fo_style *s = bar->style;
    if (s->change_bar_style == MSP_BORDER_NONE || s->change_bar_width <= 0 || h <= 0)
        return;
    const msp_rect *r = page->region[zone].w > 0 ? &page->region[zone] : &page->region[MSP_ZONE_BODY];
    bool odd = page->number % 2 != 0;
    bool left;
    switch (s->change_bar_placement) {
    case MSP_CB_END: case MSP_CB_RIGHT: left = false; break;
    case MSP_CB_INSIDE: left = odd; break;
    case MSP_CB_OUTSIDE: case MSP_CB_ALTERNATE: left = !odd; break;
    default: left = true; break;
    }
    if (s->change_bar_placement == MSP_CB_LEFT || s->change_bar_placement == MSP_CB_RIGHT) {
        /* physical sides: mirrored back on an rl-tb page, so that the mirroring keeps them */
        if (page->rtl)
            left = !left;
    }
    double x = left ? r->x - s->change_bar_offset : r->x + r->w + s->change_bar_offset;
    msp_area b = { 0 };
    b.kind = MSP_AREA_RULE;
    b.zone = zone;
    b.x = x;
    b.y = top;
    b.u.rule.x2 = x;
    b.u.rule.y2 = top + h;
    b.w = 0;
    b.h = h;
    b.u.rule.thickness = s->change_bar_width;
    b.u.rule.style = s->change_bar_style;
    b.u.rule.color = s->change_bar_color;
    msp_page_add(page, &b);
}

/* leader-pattern="use-content": the content repeated as often as it fits
 * in the leader's width (XSL 1.1 7.22.2), none when it does not fit once;
 * a line of its own, moving with its host line (in_line). */
static void emit_leader_content(msp_page *page, const msp_inline_obj *o, msp_zone zone, double lx,
                                double baseline, int footnote)
{
    if (!o->pattern || o->w <= 0)
        return;
    PangoRectangle logical;
    pango_layout_get_extents(o->pattern, NULL, &logical);
    double pw = logical.width / (double)PANGO_SCALE;
    if (pw <= 0)
        return;
    int n = (int)floor((o->w + 0.01) / pw);
    if (n < 1)
        return;
    const char *one = pango_layout_get_text(o->pattern);
    GString *text = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append(text, one);
    PangoLayout *layout = pango_layout_copy(o->pattern);
    pango_layout_set_text(layout, text->str, (int)text->len);
    msp_para_adopt_lines(layout);
    msp_area b = { 0 };
    b.kind = MSP_AREA_LINE;
    b.zone = zone;
    b.src = o->node;
    b.in_line = true;
    /* centred in the leader, as FOP and XSL's leader-alignment none leave the rest at the ends */
    b.x = lx + o->x + (o->w - n * pw) / 2;
    b.y = baseline;
    b.w = n * pw;
    b.h = o->ascent + o->descent;
    b.u.line.layout = layout;
    b.u.line.line_no = 0;
    b.u.line.text = msp_arena_strdup(page->arena, text->str);
    b.u.line.ascent = o->ascent;
    b.u.line.descent = o->descent;
    b.u.line.footnote = footnote;
    msp_page_add(page, &b);
    msp_page_hold_layout(page, layout);
    g_object_unref(layout);
    g_string_free(text, TRUE);
}

/* MSPDOC_CHECK_TEXT_SELFTEST=1: the first line of the process is not
 * placed (a fault injected on purpose), so that tests/e2e/check_text.sh can
 * show that the text accounting turns a loss into a located error and no
 * PDF; no real input loses text any more. Read once. */
static bool drop_first_line(void)
{
    static gsize once;
    static gint dropped;
    static bool selftest;
    if (g_once_init_enter(&once)) {
        const char *v = g_getenv("MSPDOC_CHECK_TEXT_SELFTEST");
        selftest = v && strcmp(v, "1") == 0;
        g_once_init_leave(&once, 1);
    }
    return selftest && g_atomic_int_compare_and_exchange(&dropped, 0, 1);
}

static void deco_rule(msp_page *page, msp_zone zone, const msp_border *b, double x1, double y1, double x2,
                      double y2)
{
    if (b->style == MSP_BORDER_NONE || b->width <= 0)
        return;
    msp_area r = { .kind = MSP_AREA_RULE, .zone = zone, .x = x1, .y = y1, .w = x2 - x1 };
    r.u.rule.x2 = x2;
    r.u.rule.y2 = y2;
    r.u.rule.thickness = b->width;
    r.u.rule.style = b->style;
    r.u.rule.color = b->color;
    msp_page_add(page, &r);
}

/* The backgrounds and borders of the decorated inlines on line i, under its text. */
static void emit_decos(const msp_para *para, int i, msp_page *page, msp_zone zone, double lx, double baseline)
{
    bool rtl = para->block->style->rtl;
    for (int k = 0; k < para->n_objs; k++) {
        const msp_inline_obj *o = &para->objs[k];
        if (o->kind != MSP_INLINE_DECO || o->line != i)
            continue;
        const msp_fo_style *s = o->node->style;
        double x1 = lx + o->x, x2 = x1 + o->w, y1 = baseline - o->ascent, y2 = baseline + o->descent;
        if (s->background_color != MSP_COLOR_NONE && x2 > x1) {
            msp_area r = { .kind = MSP_AREA_RECT, .zone = zone, .x = x1, .y = y1, .w = x2 - x1, .h = y2 - y1 };
            r.u.rect.color = s->background_color;
            msp_page_add(page, &r);
        }
        const msp_border *bb = &s->border[MSP_BEFORE], *ba = &s->border[MSP_AFTER];
        deco_rule(page, zone, bb, x1, y1 + bb->width / 2, x2, y1 + bb->width / 2);
        deco_rule(page, zone, ba, x1, y2 - ba->width / 2, x2, y2 - ba->width / 2);
        /* the start border where the inline starts, the end border where it ends */
        const msp_border *left = &s->border[rtl ? MSP_END : MSP_START], *right = &s->border[rtl ? MSP_START : MSP_END];
        bool left_edge = rtl ? o->last : o->first, right_edge = rtl ? o->first : o->last;
        if (left_edge)
            deco_rule(page, zone, left, x1 + left->width / 2, y1, x1 + left->width / 2, y2);
        if (right_edge)
            deco_rule(page, zone, right, x2 - right->width / 2, y1, x2 - right->width / 2, y2);
    }
}

void msp_para_emit_line(const msp_para *para, int i, msp_page *page, msp_zone zone, double x0,
                        double baseline, int footnote)
{
    if (!para->layout || i < 0 || i >= para->n_lines)
        return;
    if (drop_first_line())
        return;
    const msp_line *l = &para->lines[i];
    double lx = x0 + l->x;
    msp_area a = { 0 };
    a.kind = MSP_AREA_LINE;
    a.zone = zone;
    a.src = para->block;
    a.x = lx;
    a.y = baseline;
    a.w = l->width;
    a.h = l->height;
    a.u.line.layout = para->layout;
    a.u.line.line_no = l->line_no;
    a.u.line.text = msp_arena_strdup(page->arena, l->text);
    a.u.line.ascent = l->ascent;
    a.u.line.descent = l->descent;
    a.u.line.footnote = footnote;
    a.u.line.adjust = l->adjust;
    a.u.line.hyphen = l->hyphen;
    a.u.line.fit = l->fit;
    a.u.line.loc = l->loc;
    emit_decos(para, i, page, zone, lx, baseline);
    msp_page_add(page, &a);
    msp_page_hold_layout(page, para->layout);
    msp_check_run_emitted(para->check, i, page);
    if (l->change_bar)
        emit_change_bar(page, l->change_bar, zone, baseline - l->ascent, l->height);

    for (int k = 0; k < para->n_objs; k++) {
        const msp_inline_obj *o = &para->objs[k];
        if (o->line != i)
            continue;
        msp_area b = { 0 };
        b.zone = zone;
        b.src = o->node;
        switch (o->kind) {
        case MSP_INLINE_LEADER: {
            const msp_fo_style *s = o->node->style;
            if (s->leader_pattern == MSP_LEADER_USE_CONTENT) {
                emit_leader_content(page, o, zone, lx, baseline, footnote);
                continue;
            }
            if (s->leader_pattern == MSP_LEADER_SPACE || o->w <= 0)
                continue;
            double th = s->leader_pattern == MSP_LEADER_RULE ? s->rule_thickness : s->font_size * 0.1;
            if (th <= 0)
                th = 0.5;
            b.kind = MSP_AREA_RULE;
            b.x = lx + o->x;
            b.y = baseline - th / 2;
            b.u.rule.x2 = b.x + o->w;
            b.u.rule.y2 = b.y;
            b.w = o->w;
            b.u.rule.thickness = th;
            b.u.rule.style = s->leader_pattern == MSP_LEADER_RULE
                                 ? (s->rule_style == MSP_BORDER_NONE ? MSP_BORDER_SOLID : s->rule_style)
                                 : MSP_BORDER_DOTTED;
            b.u.rule.color = s->color;
            break;
        }
        case MSP_INLINE_IMAGE:
            b.kind = MSP_AREA_IMAGE;
            b.x = lx + o->x;
            b.y = baseline - o->ascent;
            b.w = o->w;
            b.h = o->ascent + o->descent;
            b.u.image.surface = o->surface;
            break;
        case MSP_INLINE_LINK:
            b.kind = MSP_AREA_LINK;
            b.x = lx + o->x;
            b.y = baseline - o->ascent;
            b.w = o->w;
            b.h = o->ascent + o->descent;
            b.u.link.uri = msp_arena_strdup(page->arena, o->uri);
            b.u.link.dest = msp_arena_strdup(page->arena, o->dest);
            break;
        case MSP_INLINE_DEST:
            b.kind = MSP_AREA_DEST;
            b.x = lx + o->x;
            b.y = baseline - o->ascent;
            b.u.dest.name = msp_arena_strdup(page->arena, o->dest);
            break;
        case MSP_INLINE_FOOTNOTE:
        case MSP_INLINE_MARKER:
        case MSP_INLINE_DECO:   /* drawn under the line's text (emit_decos) */
        case MSP_INLINE_BOX:    /* pagination draws its content (inline_box.c) */
        case MSP_INLINE_FLOAT:  /* and places floats (floats.c) */
            continue;
        case MSP_INLINE_GRAPHIC: {
            msp_graphic g;   /* checked when the line was built: rebuilt silently */
            if (msp_graphic_build(NULL, &g, o->node) == MSP_OK)
                msp_graphic_emit(&g, page, zone, lx + o->x, baseline - o->ascent, o->node->style->color,
                                 o->node);
            msp_graphic_clear(&g);
            continue;
        }
        }
        b.in_line = true;
        msp_page_add(page, &b);
    }
}
