/* Lines cut from the shaped run: after line breaking (para_break.c) each
 * line is made of the measuring layout's glyph items, copied and split at
 * the line's byte range with pango_glyph_item_split, kept in Pango's visual
 * order, plus a shaped hyphen where the line ends in one. Nothing is shaped
 * again: a paragraph is shaped once. The lines hang on the layout (qdata),
 * so a page that holds the layout holds them; render/draw.c draws their
 * pieces. Positions inside a line (objects, links, footnote anchors) are
 * computed here from the pieces. */
#include "layout/para_private.h"

#include <pango/pangocairo.h>
#include <string.h>

#define PS ((double)PANGO_SCALE)

static GQuark lines_quark(void)
{
    static gsize q;
    if (g_once_init_enter(&q))
        g_once_init_leave(&q, g_quark_from_static_string("msp-para-lines"));
    return (GQuark)q;
}

static void glines_free(gpointer data)
{
    msp_glines *g = data;
    for (int i = 0; i < g->n; i++) {
        msp_gline *l = &g->lines[i];
        for (int k = 0; k < l->n; k++)
            pango_glyph_item_free(l->pieces[k].glyphs);
        g_free(l->pieces);
    }
    g_free(g->lines);
    g_ptr_array_unref(g->texts);
    g_free(g->spans);
    g_free(g);
}

void msp_glines_set_spans(msp_glines *g, const msp_text_span *spans, int n)
{
    g_free(g->spans);
    g->spans = n > 0 ? g_memdup2(spans, (gsize)n * sizeof *spans) : NULL;
    g->n_spans = n > 0 ? n : 0;
}

int msp_para_layout_spans(PangoLayout *layout, const msp_text_span **out)
{
    const msp_glines *g = msp_glines_of(layout);
    *out = g ? g->spans : NULL;
    return g ? g->n_spans : 0;
}

const msp_glines *msp_glines_of(PangoLayout *layout)
{
    return layout ? g_object_get_qdata(G_OBJECT(layout), lines_quark()) : NULL;
}

int msp_para_line_pieces(PangoLayout *layout, int line_no, const msp_line_piece **out)
{
    const msp_glines *g = msp_glines_of(layout);
    *out = NULL;
    if (!g)
        return -1;
    if (line_no < 0 || line_no >= g->n)
        return 0;
    *out = g->lines[line_no].pieces;
    return g->lines[line_no].n;
}

static void add_piece(msp_gline *l, int *cap, PangoGlyphItem *gi, const char *text)
{
    if (l->n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        l->pieces = g_renew(msp_line_piece, l->pieces, *cap);
    }
    msp_line_piece *p = &l->pieces[l->n++];
    memset(p, 0, sizeof *p);
    p->glyphs = gi;
    p->text = text;
    p->y_offset = gi->y_offset / PS;
}

/* The colour, underline and line-through of a piece's item (from the FO),
 * with the font's metrics for the lines and its cairo scaled font. */
static void piece_style(msp_line_piece *p)
{
    const PangoItem *item = p->glyphs->item;
    PangoFont *font = item->analysis.font;
    p->font = PANGO_IS_CAIRO_FONT(font) ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : NULL;
    for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
        const PangoAttribute *a = l->data;
        switch (a->klass->type) {
        case PANGO_ATTR_FOREGROUND: {
            const PangoColor *c = &((const PangoAttrColor *)a)->color;
            p->color = (uint32_t)((c->red >> 8) << 16 | (c->green >> 8) << 8 | (c->blue >> 8));
            break;
        }
        case PANGO_ATTR_UNDERLINE:
            p->underline = ((const PangoAttrInt *)a)->value != PANGO_UNDERLINE_NONE;
            break;
        case PANGO_ATTR_STRIKETHROUGH:
            p->strike = ((const PangoAttrInt *)a)->value != 0;
            break;
        default:
            break;
        }
    }
    if ((p->underline || p->strike) && font) {
        PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
        p->underline_pos = pango_font_metrics_get_underline_position(m) / PS;
        p->underline_thickness = pango_font_metrics_get_underline_thickness(m) / PS;
        p->strike_pos = pango_font_metrics_get_strikethrough_position(m) / PS;
        p->strike_thickness = pango_font_metrics_get_strikethrough_thickness(m) / PS;
        pango_font_metrics_unref(m);
    }
}

void msp_gline_measure(msp_gline *l)
{
    double x = 0, asc = 0, desc = 0;
    for (int k = 0; k < l->n; k++) {
        msp_line_piece *p = &l->pieces[k];
        if (!p->measured) {
            /* the logical extents of glyphs are the font's: measured once a piece */
            PangoRectangle lg;
            pango_glyph_string_extents(p->glyphs->glyphs, p->glyphs->item->analysis.font, NULL, &lg);
            p->ascent = -lg.y / PS + p->y_offset;
            p->descent = (lg.y + lg.height) / PS - p->y_offset;
            piece_style(p);
            p->measured = true;
        }
        p->x = x;
        p->width = pango_glyph_string_get_width(p->glyphs->glyphs) / PS;
        x += p->width;
        asc = MAX(asc, p->ascent);
        desc = MAX(desc, p->descent);
    }
    l->width = x;
    l->ascent = asc;
    l->descent = desc;
}

/* The part text[s, e) of a run, taken from the front of what is left of it
 * (*rest: a copy made on first use; lines come in logical order, so each
 * run is split once per line and never copied whole again). NULL when the
 * run and the range do not meet. */
static PangoGlyphItem *cut(const PangoGlyphItem *run, PangoGlyphItem **rest, const char *text, int s, int e)
{
    int ro = run->item->offset, re = ro + run->item->length;
    if (s < ro)
        s = ro;
    if (e > re)
        e = re;
    if (s >= e)
        return NULL;
    if (!*rest)
        *rest = pango_glyph_item_copy((PangoGlyphItem *)run);
    PangoGlyphItem *gi = *rest;
    if (!gi || s < gi->item->offset)
        return NULL;   /* already taken (cannot happen for ranges in order) */
    if (s > gi->item->offset) {
        PangoGlyphItem *before = pango_glyph_item_split(gi, text, s - gi->item->offset);
        if (before)
            pango_glyph_item_free(before);
    }
    if (e < gi->item->offset + gi->item->length) {
        PangoGlyphItem *first = pango_glyph_item_split(gi, text, e - gi->item->offset);
        if (first)
            return first;
    }
    *rest = NULL;   /* the line takes all that was left */
    return gi;
}

/* The hyphen a line ends with, shaped in the font of the run at byte at. */
static PangoGlyphItem *hyphen_item(const PangoGlyphItem *run, const char *hyphen, int len)
{
    PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
    gi->item = pango_item_copy(run->item);
    gi->item->offset = 0;
    gi->item->length = len;
    gi->item->num_chars = 1;
    gi->glyphs = pango_glyph_string_new();
    gi->y_offset = run->y_offset;
    pango_shape_full(hyphen, len, hyphen, len, &gi->item->analysis, gi->glyphs);
    return gi;
}

msp_glines *msp_glines_cut(PangoLayout *layout, const msp_line_range *ranges, int n)
{
    const char *text = pango_layout_get_text(layout);
    msp_glines *g = g_new0(msp_glines, 1);
    g->lines = g_new0(msp_gline, n ? n : 1);
    g->n = n;
    g->texts = g_ptr_array_new_with_free_func(g_free);
    /* the measured lines' runs (visual order within each line) and what is left of each */
    GPtrArray *runs = g_ptr_array_new();
    GArray *line_first = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *line_start = g_array_new(FALSE, FALSE, sizeof(int));
    for (GSList *ml = pango_layout_get_lines_readonly(layout); ml; ml = ml->next) {
        const PangoLayoutLine *m = ml->data;
        int first = (int)runs->len;
        g_array_append_val(line_first, first);
        g_array_append_val(line_start, m->start_index);
        for (GSList *r = m->runs; r; r = r->next) {
            g_ptr_array_add(runs, r->data);
        }
    }
    int n_mlines = (int)line_first->len, end_run = (int)runs->len;
    PangoGlyphItem **rest = g_new0(PangoGlyphItem *, runs->len ? runs->len : 1);
    int ml = 0;
    for (int i = 0; i < n; i++) {
        msp_gline *l = &g->lines[i];
        l->start = ranges[i].start;
        l->end = ranges[i].end;
        l->para_end = ranges[i].para_end;
        int cap = 0;
        const PangoGlyphItem *last_logical = NULL;
        int last_end = -1;
        /* the measured line holding the range's start */
        while (ml + 1 < n_mlines && g_array_index(line_start, int, ml + 1) <= l->start)
            ml++;
        int r0 = n_mlines ? g_array_index(line_first, int, ml) : 0;
        int r1 = ml + 1 < n_mlines ? g_array_index(line_first, int, ml + 1) : end_run;
        for (int r = r0; r < r1; r++) {
            const PangoGlyphItem *run = g_ptr_array_index(runs, r);
            PangoGlyphItem *gi = cut(run, &rest[r], text, l->start, l->end);
            if (!gi)
                continue;
            int ge = gi->item->offset + gi->item->length;
            if (ge > last_end) {
                last_end = ge;
                last_logical = run;
            }
            add_piece(l, &cap, gi, text);
        }
        if (ranges[i].hyphen && last_logical) {
            char *h = g_malloc0(8);
            int len = g_unichar_to_utf8(ranges[i].hyphen, h);
            g_ptr_array_add(g->texts, h);
            add_piece(l, &cap, hyphen_item(last_logical, h, len), h);
            l->hyphen_text = h;
        }
        msp_gline_measure(l);
    }
    for (guint r = 0; r < runs->len; r++)
        if (rest[r])
            pango_glyph_item_free(rest[r]);
    g_free(rest);
    g_ptr_array_free(runs, TRUE);
    g_array_free(line_first, TRUE);
    g_array_free(line_start, TRUE);
    g_object_set_qdata_full(G_OBJECT(layout), lines_quark(), g, glines_free);
    return g;
}

void msp_para_adopt_lines(PangoLayout *layout)
{
    if (!layout || msp_glines_of(layout))
        return;
    const char *text = pango_layout_get_text(layout);
    GSList *lines = pango_layout_get_lines_readonly(layout);
    int n = (int)g_slist_length(lines);
    msp_glines *g = g_new0(msp_glines, 1);
    g->lines = g_new0(msp_gline, n ? n : 1);
    g->n = n;
    g->texts = g_ptr_array_new_with_free_func(g_free);
    int i = 0;
    for (GSList *ml = lines; ml; ml = ml->next, i++) {
        const PangoLayoutLine *m = ml->data;
        msp_gline *l = &g->lines[i];
        l->start = m->start_index;
        l->end = m->start_index + m->length;
        l->para_end = !ml->next || ((PangoLayoutLine *)ml->next->data)->is_paragraph_start;
        int cap = 0;
        for (GSList *r = m->runs; r; r = r->next)
            add_piece(l, &cap, pango_glyph_item_copy(r->data), text);
        msp_gline_measure(l);
    }
    g_object_set_qdata_full(G_OBJECT(layout), lines_quark(), g, glines_free);
}

double msp_gline_index_x(const msp_gline *l, int i)
{
    if (i <= l->start)
        return 0;
    for (int k = 0; k < l->n; k++) {
        const msp_line_piece *p = &l->pieces[k];
        const PangoItem *it = p->glyphs->item;
        if (p->text == (const char *)l->hyphen_text)
            continue;
        if (i >= it->offset && i < it->offset + it->length) {
            int x = 0;
            pango_glyph_string_index_to_x(p->glyphs->glyphs, (char *)p->text + it->offset, it->length,
                                          (PangoAnalysis *)&it->analysis, i - it->offset, FALSE, &x);
            return p->x + x / PS;
        }
    }
    return l->width;
}

bool msp_gline_range(const msp_gline *l, int s, int e, double *x1, double *x2)
{
    bool any = false;
    double lo = 0, hi = 0;
    for (int k = 0; k < l->n; k++) {
        const msp_line_piece *p = &l->pieces[k];
        const PangoItem *it = p->glyphs->item;
        if (p->text == (const char *)l->hyphen_text)
            continue;
        int a = MAX(s, it->offset), b = MIN(e, it->offset + it->length);
        if (a >= b)
            continue;
        int xa = 0, xb = 0;
        pango_glyph_string_index_to_x(p->glyphs->glyphs, (char *)p->text + it->offset, it->length,
                                      (PangoAnalysis *)&it->analysis, a - it->offset, FALSE, &xa);
        if (b == it->offset + it->length)
            xb = (it->analysis.level % 2) ? 0 : (int)(p->width * PS);
        else
            pango_glyph_string_index_to_x(p->glyphs->glyphs, (char *)p->text + it->offset, it->length,
                                          (PangoAnalysis *)&it->analysis, b - it->offset, FALSE, &xb);
        double u = p->x + MIN(xa, xb) / PS, v = p->x + MAX(xa, xb) / PS;
        if (!any) {
            lo = u;
            hi = v;
            any = true;
        } else {
            lo = MIN(lo, u);
            hi = MAX(hi, v);
        }
    }
    /* a hyphen at the end belongs to the range that reaches the line's end */
    if (any && e >= l->end && l->hyphen_text && l->n > 0)
        hi = MAX(hi, l->pieces[l->n - 1].x + l->pieces[l->n - 1].width);
    *x1 = lo;
    *x2 = hi;
    return any;
}
