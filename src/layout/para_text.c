/* Inline children to one UTF-8 string plus Pango attributes: XSL white-space
 * handling across inline boundaries, text-transform, font attributes (the
 * families are para_fonts.c's), placeholders for leaders, graphics,
 * inline-containers, links, page numbers and footnote and float anchors,
 * room for inline borders and padding, and the parts of a run that
 * block-level FOs nested in inlines split it into. Line building is para.c. */
#include "layout/para_private.h"
#include "layout/graphic.h"

#include <string.h>

#define PLACEHOLDER_NUMBER "00"

const msp_fo_node *msp_para_element_of(const msp_fo_node *node)
{
    while (node && node->kind == MSP_FO_TEXT && node->parent)
        node = node->parent;
    return node;
}

void msp_para_warn_once(msp_job *job, msp_loc loc, const char *hint, const char *message)
{
    GPtrArray *items = job->diags.items;
    for (guint i = 0; items && i < items->len; i++) {
        const msp_diag *d = g_ptr_array_index(items, i);
        if (d->severity == MSP_SEV_WARNING && d->loc.line == loc.line &&
            d->loc.column == loc.column && g_strcmp0(d->loc.file, loc.file) == 0 &&
            strcmp(d->message, message) == 0)
            return;
    }
    msp_diag_warn(&job->diags, loc, hint, "%s", message);
}

const msp_fo_node *msp_para_text_node_at(const msp_para_text *t, guint i)
{
    const msp_para_seg *s = (const msp_para_seg *)(void *)t->segs->data;
    guint lo = 0, hi = t->segs->len;
    while (lo < hi) {   /* first segment with end > i */
        guint mid = (lo + hi) / 2;
        if (s[mid].end <= i)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->segs->len && s[lo].start <= i)
        return msp_para_element_of(s[lo].node);
    return t->block;
}

static void add_attr(msp_para_text *t, PangoAttribute *a, guint start, guint end)
{
    a->start_index = start;
    a->end_index = end;
    pango_attr_list_insert(t->attrs, a);
}

static PangoAttribute *color_attr(uint32_t c)
{
    return pango_attr_foreground_new((guint16)(((c >> 16) & 0xFF) * 257),
                                     (guint16)(((c >> 8) & 0xFF) * 257),
                                     (guint16)((c & 0xFF) * 257));
}

/* Inherited-style decorations that XSL propagates down to inline content. */
typedef struct inline_ctx {
    double rise;        /* pt, accumulated baseline-shift */
    bool underline, strike;
} inline_ctx;

/* Attributes for [start, end) where the node's style differs from the block's. */
static msp_status style_attrs(msp_para_text *t, const msp_fo_node *node, const inline_ctx *ic,
                              guint start, guint end)
{
    if (start >= end)
        return MSP_OK;
    const msp_fo_style *s = node->style, *b = t->block->style;
    if (s != b) {
        if (g_strcmp0(s->font_family, b->font_family) != 0) {
            const char *fam = msp_para_resolve_family(t, node, s->font_family);
            if (!fam)
                return MSP_E_FO;
            add_attr(t, pango_attr_family_new(fam), start, end);
        }
        if (s->font_size != b->font_size)
            add_attr(t, pango_attr_size_new((int)(s->font_size * PANGO_SCALE + 0.5)), start, end);
        if (s->font_weight != b->font_weight)
            add_attr(t, pango_attr_weight_new((PangoWeight)s->font_weight), start, end);
        if (s->italic != b->italic)
            add_attr(t, pango_attr_style_new(s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL),
                     start, end);
        if (s->small_caps != b->small_caps)
            add_attr(t, pango_attr_variant_new(s->small_caps ? PANGO_VARIANT_SMALL_CAPS
                                                             : PANGO_VARIANT_NORMAL), start, end);
        if (s->color != b->color)
            add_attr(t, color_attr(s->color), start, end);
        if (s->letter_spacing != b->letter_spacing)
            add_attr(t, pango_attr_letter_spacing_new((int)(s->letter_spacing * PANGO_SCALE)),
                     start, end);
        if (s->hyphenate != b->hyphenate)
            add_attr(t, pango_attr_insert_hyphens_new(s->hyphenate), start, end);
    }
    if (ic->rise != 0)
        add_attr(t, pango_attr_rise_new((int)(ic->rise * PANGO_SCALE + (ic->rise > 0 ? 0.5 : -0.5))),
                 start, end);
    if (ic->underline && !b->underline)
        add_attr(t, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end);
    if (ic->strike && !b->line_through)
        add_attr(t, pango_attr_strikethrough_new(TRUE), start, end);
    return MSP_OK;
}

static void add_seg(msp_para_text *t, const msp_fo_node *node, guint start)
{
    if (t->text->len > start) {
        msp_para_seg seg = { start, (guint)t->text->len, node };
        g_array_append_val(t->segs, seg);
    }
}

/* --- white space (XSL 1.1 §7.16.7, 7.16.8, 7.16.12) --- */

/* A C1 control (U+0080..U+009F) or DEL at q: XML 1.0 allows them in text,
 * but they have no glyph and no meaning in a line. */
static int control_len(const char *q, const char *end)
{
    unsigned char b = (unsigned char)q[0];
    if (b == 0x7F)
        return 1;
    if (b == 0xC2 && q + 1 < end && (unsigned char)q[1] >= 0x80 && (unsigned char)q[1] <= 0x9F)
        return 2;
    return 0;
}

static void warn_control(msp_para_text *t, const msp_fo_node *node, const char *q, int n)
{
    gunichar c = n == 1 ? 0x7F : (gunichar)(((unsigned char)q[0] & 0x1F) << 6 | ((unsigned char)q[1] & 0x3F));
    char *msg = g_strdup_printf("control character U+%04X in the text is dropped", (unsigned)c);
    msp_para_warn_once(t->env->job, node->loc.line ? node->loc : msp_para_element_of(node)->loc,
                       "XML 1.0 allows the C1 controls U+0080-U+009F and DEL in text, but they print "
                       "nothing; remove it, or write the character meant (U+0085 is often a "
                       "Windows-1252 ellipsis, U+2026)", msg);
    g_free(msg);
}

static void trim_trailing_spaces(msp_para_text *t)
{
    while (t->text->len > t->protect && t->text->str[t->text->len - 1] == ' ')
        g_string_truncate(t->text, t->text->len - 1);
}

static gunichar transform(msp_para_text *t, msp_transform tt, gunichar c)
{
    bool letter = g_unichar_isalnum(c);
    switch (tt) {
    case MSP_TT_UPPER:
        c = g_unichar_toupper(c);
        break;
    case MSP_TT_LOWER:
        c = g_unichar_tolower(c);
        break;
    case MSP_TT_CAPITALIZE:
        if (letter && !t->prev_letter)
            c = g_unichar_totitle(c);
        break;
    case MSP_TT_NONE:
        break;
    }
    t->prev_letter = letter;
    return c;
}

static void put_text(msp_para_text *t, const msp_fo_node *node, const msp_fo_style *s, const char *p,
                     size_t len)
{
    const char *end = p + len;
    while (p < end) {
        char c = *p;
        int cl = control_len(p, end);
        if (cl) {
            warn_control(t, node, p, cl);
            p += cl;
            continue;
        }
        if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
            p++;
            if (c == '\n') {
                if (s->linefeed_treatment == MSP_LF_IGNORE)
                    continue;
                if (s->linefeed_treatment == MSP_LF_PRESERVE) {
                    msp_ws_treatment w = s->white_space_treatment;
                    if (w == MSP_WST_IGNORE_IF_SURROUNDING_LF || w == MSP_WST_IGNORE_BEFORE_LF)
                        trim_trailing_spaces(t);
                    g_string_append_c(t->text, '\n');
                    t->has_linefeed = true;
                    t->after_lf = true;
                    t->last_space = true;
                    t->at_start = false;
                    t->prev_letter = false;
                    continue;
                }
                c = ' ';
            }
            if (c == '\t' && !s->white_space_collapse && s->white_space_treatment == MSP_WST_PRESERVE) {
                g_string_append_c(t->text, '\t');
                t->last_space = false;
                t->at_start = false;
                continue;
            }
            /* a space (or a tab or CR treated as one) */
            msp_ws_treatment w = s->white_space_treatment;
            if (w == MSP_WST_IGNORE)
                continue;
            if (t->after_lf && (w == MSP_WST_IGNORE_IF_SURROUNDING_LF || w == MSP_WST_IGNORE_AFTER_LF))
                continue;
            if (t->at_start && w != MSP_WST_PRESERVE)
                continue;
            if (t->last_space && s->white_space_collapse && !t->after_lf)
                continue;
            if (t->after_lf && s->white_space_collapse && t->text->len &&
                t->text->str[t->text->len - 1] == ' ')
                continue;
            g_string_append_c(t->text, ' ');
            t->last_space = true;
            t->prev_letter = false;
            continue;
        }
        /* a run of other characters */
        const char *q = p;
        while (q < end && *q != '\n' && *q != ' ' && *q != '\t' && *q != '\r' && !control_len(q, end))
            q++;
        if (s->text_transform == MSP_TT_NONE) {
            g_string_append_len(t->text, p, q - p);
            gunichar lastc = g_utf8_get_char_validated(g_utf8_find_prev_char(p, q), q - p);
            t->prev_letter = lastc != (gunichar)-1 && lastc != (gunichar)-2 && g_unichar_isalnum(lastc);
        } else {
            for (const char *r = p; r < q; r = g_utf8_next_char(r))
                g_string_append_unichar(t->text, transform(t, s->text_transform, g_utf8_get_char(r)));
        }
        p = q;
        t->at_start = false;
        t->last_space = false;
        t->after_lf = false;
    }
}

/* Text that is not subject to white-space handling (fo:character, numbers). */
static void put_literal(msp_para_text *t, const char *s, size_t len)
{
    g_string_append_len(t->text, s, (gssize)len);
    t->at_start = t->last_space = t->after_lf = false;
    t->prev_letter = false;
    t->protect = (guint)t->text->len;
}

/* --- objects --- */

static msp_para_pending *add_pending(msp_para_text *t, msp_inline_kind kind, const msp_fo_node *node,
                                     guint start)
{
    msp_para_pending p = { 0 };
    p.kind = kind;
    p.node = node;
    p.start = p.end = start;
    g_array_append_val(t->objs, p);
    return &g_array_index(t->objs, msp_para_pending, t->objs->len - 1);
}

/* The link rectangle of basic-link `link` over bytes [start, end), when it
 * has a destination. */
static void add_link(msp_para_text *t, const msp_fo_node *link, guint start, guint end)
{
    const char *ext = msp_fo_attr_value(link, "external-destination");
    const char *in = msp_fo_attr_value(link, "internal-destination");
    if (!ext && !in)
        return;
    msp_para_pending *p = add_pending(t, MSP_INLINE_LINK, link, start);
    p->end = end;
    char *target = msp_para_unwrap_url(ext ? ext : in);
    if (ext)
        p->uri = msp_arena_strdup(t->arena, target);
    else
        p->dest = msp_arena_strdup(t->arena, target);
    g_free(target);
}

static void shape_attr(msp_para_text *t, guint at, double w, double asc, double desc)
{
    PangoRectangle r = { 0, -(int)(asc * PANGO_SCALE + 0.5), (int)(w * PANGO_SCALE + 0.5),
                         (int)((asc + desc) * PANGO_SCALE + 0.5) };
    add_attr(t, pango_attr_shape_new(&r, &r), at, at + MSP_PARA_OBJ_LEN);
}

/* The text of every text node under n, in document order. */
static void leader_text(GString *out, const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_TEXT)
            g_string_append_len(out, c->text, (gssize)c->text_len);
        else
            leader_text(out, c);
    }
}

/* The first graphic in a leader's content, or NULL. */
static const msp_fo_node *leader_graphic(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (c->kind == MSP_FO_EXTERNAL_GRAPHIC || c->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT)
            return c;
        const msp_fo_node *g = leader_graphic(c);
        if (g)
            return g;
    }
    return NULL;
}

static msp_status put_leader(msp_para_text *t, const msp_fo_node *node)
{
    const msp_fo_style *s = node->style;
    double asc = 0, desc = 0;
    msp_status st = msp_para_node_extents(t, node, &asc, &desc);
    if (st != MSP_OK)
        return st;
    guint at = (guint)t->text->len;
    put_literal(t, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN);
    msp_para_pending *p = add_pending(t, MSP_INLINE_LEADER, node, at);
    p->end = at + MSP_PARA_OBJ_LEN;
    /* leader-length.maximum "100%" comes as -1; a fill leader starts at its
     * minimum and is widened to the rest of its line after the first layout */
    bool fill = s->leader_length.max < 0 || s->leader_length.max >= 10000;
    p->fill_max = fill ? -1 : s->leader_length.max;
    p->w = fill ? s->leader_length.min : s->leader_length.opt;
    if (p->w < 0)
        p->w = 0;
    p->ascent = asc;
    p->descent = desc;
    shape_attr(t, at, p->w, asc, desc);
    if (s->leader_pattern == MSP_LEADER_USE_CONTENT) {
        /* the content (its text, white space collapsed), set once in the
         * leader's font; the line repeats it across the leader (para.c) */
        const msp_fo_node *g = leader_graphic(node);
        if (g)
            msp_diag_warn(&t->env->job->diags, g->loc, "repeat a text, or place the graphic outside the leader",
                          "%s in a use-content fo:leader is not drawn: only the content's text is repeated",
                          msp_fo_kind_name(g->kind));
        GString *content = g_string_new(NULL);
        leader_text(content, node);
        char **words = g_strsplit_set(g_strstrip(content->str), " \t\r\n", -1);
        GString *pattern = g_string_new(NULL);
        for (int i = 0; words[i]; i++)
            if (*words[i])
                g_string_append_printf(pattern, "%s%s", pattern->len ? " " : "", words[i]);
        g_strfreev(words);
        g_string_free(content, TRUE);
        if (pattern->len) {
            const char *fam = msp_para_resolve_family(t, node, s->font_family);
            if (!fam) {
                g_string_free(pattern, TRUE);
                return MSP_E_FO;
            }
            p->pattern = pango_layout_new(t->env->pango);
            PangoFontDescription *d = msp_para_font_desc(fam, s);
            pango_layout_set_font_description(p->pattern, d);
            pango_font_description_free(d);
            pango_layout_set_text(p->pattern, pattern->str, (int)pattern->len);
        }
        g_string_free(pattern, TRUE);
        msp_check_text_node_collected(t->env->check, node);
    }
    return MSP_OK;
}

static msp_status put_graphic(msp_para_text *t, const msp_fo_node *node)
{
    cairo_surface_t *surface = NULL;
    double w = 0, h = 0;
    msp_status st = node->kind == MSP_FO_INSTREAM_FOREIGN_OBJECT
                        ? msp_svg_instream(t->env->job, t->env->pango, node, &surface, &w, &h)
                        : msp_para_image_load(t->env, node, &surface, &w, &h);
    if (st != MSP_OK)
        return st;
    msp_graphic_frame(node->style, &surface, &w, &h);
    guint at = (guint)t->text->len;
    put_literal(t, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN);
    msp_para_pending *p = add_pending(t, MSP_INLINE_IMAGE, node, at);
    p->end = at + MSP_PARA_OBJ_LEN;
    p->surface = surface;
    p->w = w;
    p->ascent = h;
    p->descent = 0;
    p->fill_max = 0;
    shape_attr(t, at, w, h, 0);
    return MSP_OK;
}

/* fo:instream-foreign-object: an mspdoc graphic, sized here, drawn by
 * msp_para_emit_line; an SVG is placed like an image (svg.c draws it) */
static msp_status put_instream(msp_para_text *t, const msp_fo_node *node)
{
    if (msp_graphic_is_svg(node))
        return put_graphic(t, node);
    msp_graphic g;
    msp_status st = msp_graphic_build(t->env->job, &g, node);
    if (st != MSP_OK)
        return st;
    guint at = (guint)t->text->len;
    put_literal(t, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN);
    msp_para_pending *p = add_pending(t, MSP_INLINE_GRAPHIC, node, at);
    p->end = at + MSP_PARA_OBJ_LEN;
    p->w = g.w;
    p->ascent = g.h;
    shape_attr(t, at, g.w, g.h, 0);
    msp_graphic_clear(&g);
    return MSP_OK;
}

/* fo:inline-container: one box in the line, its content laid out by
 * pagination (env->container) and drawn there */
static msp_status put_box(msp_para_text *t, const msp_fo_node *node)
{
    if (!t->env->container)
        return msp_diag_error(&t->env->job->diags, MSP_E_FO, node->loc,
                              "place the fo:inline-container in the flow or a footnote",
                              "fo:inline-container is not supported here");
    msp_para_box box = { 0 };
    msp_status st = t->env->container(t->env->container_user, node, t->ref_width, &box);
    if (st != MSP_OK) {
        if (box.content) {
            box.ops->forget(box.content);
            box.ops->free(box.content);
        }
        return st;
    }
    guint at = (guint)t->text->len;
    put_literal(t, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN);
    msp_para_pending *p = add_pending(t, MSP_INLINE_BOX, node, at);
    p->end = at + MSP_PARA_OBJ_LEN;
    p->w = box.w;
    p->ascent = box.ascent;
    p->descent = box.descent;
    p->box = box;
    shape_attr(t, at, box.w, box.ascent, box.descent);
    return MSP_OK;
}

static msp_status collect(msp_para_text *t, const msp_fo_node *first, const msp_fo_node *last,
                          const inline_ctx *ic, int depth);

static void add_number(msp_para_text *t, const msp_fo_node *n, guint start, bool placeholder)
{
    if (!t->numbers)
        t->numbers = g_array_new(FALSE, FALSE, sizeof(msp_para_number));
    msp_para_number num = { start, (guint)t->text->len, n, placeholder };
    g_array_append_val(t->numbers, num);
}

static bool is_block_level(const msp_fo_node *n)
{
    return n->kind == MSP_FO_BLOCK || n->kind == MSP_FO_BLOCK_CONTAINER || n->kind == MSP_FO_TABLE ||
           n->kind == MSP_FO_LIST_BLOCK;
}

static bool is_inline_container(const msp_fo_node *n)
{
    return n->kind == MSP_FO_INLINE || n->kind == MSP_FO_WRAPPER || n->kind == MSP_FO_BASIC_LINK;
}

/* depth: n's depth below the run's block (0 for the run's siblings), for
 * resuming after t->after along t->path */
static msp_status collect_node(msp_para_text *t, const msp_fo_node *n, const inline_ctx *outer, int depth);

/* A line separator where a block of retrieved marker content starts or ends
 * (none at the run's start or after another). */
static void block_edge(msp_para_text *t)
{
    trim_trailing_spaces(t);
    if (t->text->len == 0 || g_str_has_suffix(t->text->str, "\xe2\x80\xa8"))
        return;
    /* segments that ended in the trimmed spaces end before the separator */
    guint len = (guint)t->text->len;
    for (guint i = 0; i < t->segs->len; i++) {
        msp_para_seg *sg = &g_array_index(t->segs, msp_para_seg, i);
        sg->end = MIN(sg->end, len);
    }
    g_string_append(t->text, "\xe2\x80\xa8");
    t->at_start = true;
    t->last_space = true;
    t->after_lf = false;
    t->prev_letter = false;
    t->protect = (guint)t->text->len;
}

/* The children of a marker retrieved in a line (XSL 6.13.6: they take the
 * retrieve-marker's place): inline content in the line; the content of
 * blocks on lines of their own, between line separators. */
static msp_status collect_retrieved(msp_para_text *t, const msp_fo_node *parent, const inline_ctx *ic, int depth)
{
    for (const msp_fo_node *c = parent->first; c; c = c->next) {
        msp_status st;
        if (is_block_level(c)) {
            block_edge(t);
            st = collect_retrieved(t, c, ic, depth + 1);
            block_edge(t);
        } else {
            st = collect_node(t, c, ic, depth);
        }
        if (st != MSP_OK)
            return st;
    }
    return MSP_OK;
}

/* Inline-level elements whose background, border and padding are drawn
 * (XSL 1.1 4.6: the areas of their text on each line; para.c). */
static bool decorated(const msp_fo_node *n)
{
    switch (n->kind) {
    case MSP_FO_INLINE: case MSP_FO_BASIC_LINK: case MSP_FO_PAGE_NUMBER: case MSP_FO_PAGE_NUMBER_CITATION:
    case MSP_FO_PAGE_NUMBER_CITATION_LAST: case MSP_FO_CHARACTER:
        return n->style->background_color != MSP_COLOR_NONE || n->style->padding[0] > 0 ||
               n->style->padding[1] > 0 || n->style->padding[2] > 0 || n->style->padding[3] > 0 ||
               n->style->border[0].style != MSP_BORDER_NONE || n->style->border[1].style != MSP_BORDER_NONE ||
               n->style->border[2].style != MSP_BORDER_NONE || n->style->border[3].style != MSP_BORDER_NONE;
    default:
        return false;
    }
}

static double side_w(const msp_fo_style *s, int k)
{
    return (s->border[k].style == MSP_BORDER_NONE ? 0 : s->border[k].width) + s->padding[k];
}

/* Room for a decorated inline's start or end border and padding: an object
 * character as wide, with no break between it and the inline's text. The
 * white-space state is left as it was (the spacer is not text). */
static void put_spacer(msp_para_text *t, double w)
{
    guint at = (guint)t->text->len;
    g_string_append_len(t->text, MSP_PARA_OBJ_CHAR, MSP_PARA_OBJ_LEN);
    t->protect = (guint)t->text->len;
    shape_attr(t, at, w, 0, 0);
}

static msp_status collect_node(msp_para_text *t, const msp_fo_node *n, const inline_ctx *outer, int depth)
{
    msp_job *job = t->env->job;
    if (n == t->before) {
        t->stopped = true;
        return MSP_OK;
    }
    /* a part after a nested block: n is after itself or one of its ancestors */
    bool resumed = t->skipping;
    if (resumed && n == t->after) {
        t->skipping = false;
        return MSP_OK;
    }
    inline_ctx ic = *outer;
    if (n->kind != MSP_FO_TEXT) {
        ic.rise += n->style->baseline_shift;
        ic.underline = ic.underline || n->style->underline;
        ic.strike = ic.strike || n->style->line_through;
    }
    guint start = (guint)t->text->len;
    guint dest_ix = G_MAXUINT;
    if (n->id && n->kind != MSP_FO_TEXT && !resumed) {
        dest_ix = t->objs->len;
        msp_para_pending *p = add_pending(t, MSP_INLINE_DEST, n, start);
        p->dest = n->id;
    }
    /* the markers of an inline go with the line it starts on (and end on the
     * one it ends on) */
    guint marker_ix = t->objs->len;
    if (!resumed && (n->kind == MSP_FO_INLINE || n->kind == MSP_FO_WRAPPER || n->kind == MSP_FO_BASIC_LINK))
        for (const msp_fo_node *c = n->first; c; c = c->next)
            if (c->kind == MSP_FO_MARKER)
                add_pending(t, MSP_INLINE_MARKER, c, start);
    guint marker_end = t->objs->len;
    /* background, border and padding: the start's room before the content */
    bool deco = decorated(n);
    double deco_s = 0, deco_e = 0;
    if (deco) {
        bool ltr = !t->block->style->rtl;
        deco_s = side_w(n->style, ltr ? MSP_START : MSP_END);
        deco_e = side_w(n->style, ltr ? MSP_END : MSP_START);
        if (!resumed && deco_s > 0)
            put_spacer(t, deco_s);
    }
    msp_status st = MSP_OK;
    switch (n->kind) {
    case MSP_FO_TEXT:
        put_text(t, n, n->style, n->text, n->text_len);
        break;
    case MSP_FO_INLINE:
    case MSP_FO_WRAPPER:
        if (n->first)
            st = collect(t, n->first, n->last, &ic, depth + 1);
        /* wrap-option="no-wrap" inside wrapping text, or
         * keep-together.within-line="always": no line break within the
         * inline (Pango still allows one before its first character) */
        if (st == MSP_OK && t->text->len > start &&
            ((!n->style->wrap && t->block->style->wrap) ||
             (n->style->keep_within_line && !t->block->style->keep_within_line)))
            add_attr(t, pango_attr_allow_breaks_new(FALSE), start, (guint)t->text->len);
        break;
    case MSP_FO_RETRIEVE_MARKER: {
        const msp_fo_node *m = t->env->retrieve ? t->env->retrieve(t->env->retrieve_user, n) : NULL;
        if (m && m->first)
            st = collect_retrieved(t, m, &ic, depth + 1);
        break;
    }
    case MSP_FO_BASIC_LINK: {
        if (n->first)
            st = collect(t, n->first, n->last, &ic, depth + 1);
        if (st == MSP_OK)
            add_link(t, n, start, (guint)t->text->len);
        break;
    }
    case MSP_FO_FOOTNOTE: {
        const msp_fo_node *anchor = n->first;
        while (anchor && anchor->kind == MSP_FO_TEXT)   /* white space before the anchor */
            anchor = anchor->next;
        if (anchor && anchor->kind != MSP_FO_FOOTNOTE_BODY)
            st = collect_node(t, anchor, &ic, depth + 1);
        if (st != MSP_OK)
            break;
        guint end = (guint)t->text->len;
        guint idx = end > start ? (guint)(g_utf8_find_prev_char(t->text->str, t->text->str + end) -
                                          t->text->str)
                                : start;
        msp_para_pending *p = add_pending(t, MSP_INLINE_FOOTNOTE, n, start);
        p->end = end;
        p->footnote = (int)t->footnotes->len;
        g_ptr_array_add(t->footnotes, (gpointer)n);
        g_array_append_val(t->footnote_index, idx);
        break;
    }
    case MSP_FO_CHARACTER: {
        const char *c = msp_fo_attr_value(n, "character");
        if (!c || !*c || !g_utf8_validate(c, -1, NULL))
            return msp_diag_error(&job->diags, MSP_E_FO, n->loc,
                                  "write one character, e.g. character=\"&#x2014;\"",
                                  "fo:character needs a character property");
        size_t clen = (size_t)(g_utf8_next_char(c) - c);
        int ctl = control_len(c, c + clen);
        if (ctl)
            warn_control(t, n, c, ctl);
        else if (*c == '\n' || *c == ' ' || *c == '\t' || *c == '\r')
            /* a white-space character is handled like one in text (XSL 1.1 §7.16.7:
             * a linefeed follows linefeed-treatment, by default a space) */
            put_text(t, n, n->style, c, 1);
        else
            put_literal(t, c, clen);
        st = style_attrs(t, n, &ic, start, (guint)t->text->len);
        add_seg(t, n, start);
        break;
    }
    case MSP_FO_PAGE_NUMBER: {
        const char *num = t->env->page_number_text;
        if (!num && t->env->page_number_now)
            num = t->env->page_number_now(t->env->page_user, n, t->arena);
        bool placeholder = !num;
        if (!num)
            num = PLACEHOLDER_NUMBER;
        put_literal(t, num, strlen(num));
        add_number(t, n, start, placeholder);
        st = style_attrs(t, n, &ic, start, (guint)t->text->len);
        add_seg(t, n, start);
        break;
    }
    case MSP_FO_PAGE_NUMBER_CITATION:
    case MSP_FO_PAGE_NUMBER_CITATION_LAST: {
        const char *ref = msp_fo_attr_value(n, "ref-id");
        if (!ref || !*ref)
            return msp_diag_error(&job->diags, MSP_E_FO, n->loc,
                                  "give the id of the element whose page to cite",
                                  "%s needs a ref-id", msp_fo_kind_name(n->kind));
        const char *num = NULL;
        if (t->env->cite)
            num = t->env->cite(t->env->cite_user, ref, n->kind == MSP_FO_PAGE_NUMBER_CITATION_LAST);
        bool placeholder = !num;
        if (!num)
            num = PLACEHOLDER_NUMBER;
        put_literal(t, num, strlen(num));
        add_number(t, n, start, placeholder);
        st = style_attrs(t, n, &ic, start, (guint)t->text->len);
        add_seg(t, n, start);
        break;
    }
    case MSP_FO_LEADER:
        st = put_leader(t, n);
        if (st != MSP_OK)
            break;
        st = style_attrs(t, n, &ic, start, (guint)t->text->len);
        add_seg(t, n, start);
        break;
    case MSP_FO_EXTERNAL_GRAPHIC:
        st = put_graphic(t, n);
        add_seg(t, n, start);
        break;
    case MSP_FO_INSTREAM_FOREIGN_OBJECT:
        st = put_instream(t, n);
        add_seg(t, n, start);
        break;
    case MSP_FO_INLINE_CONTAINER:
        st = put_box(t, n);
        add_seg(t, n, start);
        break;
    case MSP_FO_FLOAT:   /* anchored here; its blocks are pagination's (floats.c) */
        if (!resumed)
            add_pending(t, MSP_INLINE_FLOAT, n, start);
        break;
    default:
        /* block-level or out-of-line content (footnote-body, markers) is not part of the run */
        break;
    }
    if (st == MSP_OK && n->kind == MSP_FO_TEXT) {
        st = style_attrs(t, n, &ic, start, (guint)t->text->len);
        add_seg(t, n, start);
    }
    if (deco && st == MSP_OK) {
        guint s0 = start, e0 = (guint)t->text->len;
        if (!t->stopped && deco_e > 0) {
            put_spacer(t, deco_e);
            /* no break between the content and either room */
            if (e0 > s0)
                add_attr(t, pango_attr_allow_breaks_new(FALSE),
                         (guint)(g_utf8_prev_char(t->text->str + e0) - t->text->str), (guint)t->text->len);
        }
        guint e1 = (guint)t->text->len;
        if (!resumed && deco_s > 0 && e1 > s0 + MSP_PARA_OBJ_LEN)
            add_attr(t, pango_attr_allow_breaks_new(FALSE), s0,
                     (guint)(g_utf8_next_char(t->text->str + s0 + MSP_PARA_OBJ_LEN) - t->text->str));
        if (e1 > s0) {
            msp_para_pending *p = add_pending(t, MSP_INLINE_DECO, n, s0);
            p->end = e1;
            p->open_start = resumed;
            p->open_end = t->stopped;
            double asc = 0, desc = 0;
            st = msp_para_node_extents(t, n, &asc, &desc);
            p->ascent = asc + ic.rise + side_w(n->style, MSP_BEFORE);
            p->descent = desc - ic.rise + side_w(n->style, MSP_AFTER);
        }
    }
    if (dest_ix != G_MAXUINT)   /* where the element ends: its last line (page-number-citation-last) */
        g_array_index(t->objs, msp_para_pending, dest_ix).end = (guint)t->text->len;
    for (guint i = marker_ix; i < marker_end; i++)
        g_array_index(t->objs, msp_para_pending, i).end = (guint)t->text->len;
    return st;
}

static msp_status collect(msp_para_text *t, const msp_fo_node *first, const msp_fo_node *last,
                          const inline_ctx *ic, int depth)
{
    /* resuming after a nested block: everything before its ancestor at this depth precedes it */
    const msp_fo_node *n = t->skipping && depth < t->path_len ? t->path[depth] : first;
    for (; n; n = n->next) {
        msp_status st = collect_node(t, n, ic, depth);
        if (st != MSP_OK)
            return st;
        if (n == last || t->stopped)
            break;
    }
    return MSP_OK;
}

/* The first block-level FO inside the inline containers of n's subtree. */
static const msp_fo_node *block_inside(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next) {
        if (is_block_level(c))
            return c;
        if (is_inline_container(c)) {
            const msp_fo_node *b = block_inside(c);
            if (b)
                return b;
        }
    }
    return NULL;
}

const msp_fo_node *msp_para_next_block(const msp_fo_node *first, const msp_fo_node *last,
                                       const msp_fo_node *after)
{
    if (!first)
        return NULL;
    if (!after) {
        for (const msp_fo_node *n = first; n; n = n->next) {
            const msp_fo_node *b = is_inline_container(n) ? block_inside(n) : NULL;
            if (b)
                return b;
            if (n == last)
                break;
        }
        return NULL;
    }
    /* after `after`: its following siblings, then those of each ancestor up to the run */
    for (const msp_fo_node *p = after; p && p->parent; p = p->parent) {
        bool top = p->parent == first->parent;
        if (top && p == last)
            return NULL;
        for (const msp_fo_node *c = p->next; c; c = c->next) {
            if (!top && is_block_level(c))
                return c;
            const msp_fo_node *b = is_inline_container(c) ? block_inside(c) : NULL;
            if (b)
                return b;
            if (top && c == last)
                return NULL;
        }
        if (top)
            return NULL;
    }
    return NULL;
}

/* The basic-links around the run's block (a block nested in a link) make the
 * whole run clickable. */
static void add_outer_links(msp_para_text *t)
{
    guint len = (guint)t->text->len;
    if (len == 0)
        return;
    for (const msp_fo_node *a = t->block->parent; a; a = a->parent) {
        if (a->kind == MSP_FO_FLOW || a->kind == MSP_FO_STATIC_CONTENT || a->kind == MSP_FO_FOOTNOTE_BODY ||
            a->kind == MSP_FO_MARKER)
            break;
        if (a->kind != MSP_FO_BASIC_LINK)
            continue;
        add_link(t, a, 0, len);
    }
}

msp_status msp_para_text_collect(msp_para_text *t, const msp_para_env *env,
                                 const msp_fo_node *block, const msp_fo_node *first,
                                 const msp_fo_node *last, const msp_fo_node *after,
                                 const msp_fo_node *before, double ref_width)
{
    memset(t, 0, sizeof *t);
    t->env = env;
    t->block = block;
    t->ref_width = ref_width;
    t->text = g_string_sized_new(256);
    t->attrs = pango_attr_list_new();
    t->segs = g_array_new(FALSE, FALSE, sizeof(msp_para_seg));
    t->objs = g_array_new(FALSE, FALSE, sizeof(msp_para_pending));
    t->footnotes = g_ptr_array_new();
    t->footnote_index = g_array_new(FALSE, FALSE, sizeof(guint));
    t->families = g_hash_table_new(g_str_hash, g_str_equal);
    t->arena = msp_arena_new();
    t->at_start = true;
    t->last_space = true;
    t->after = after;
    t->before = before;
    if (after && first) {
        int n = 1;
        for (const msp_fo_node *a = after; a->parent && a->parent != first->parent; a = a->parent)
            n++;
        t->path = g_new(const msp_fo_node *, n);
        t->path_len = n;
        const msp_fo_node *a = after;
        for (int i = n - 1; i >= 0; i--, a = a->parent)
            t->path[i] = a;
        t->skipping = true;
    }

    const msp_fo_style *b = block->style;
    const char *fam = msp_para_resolve_family(t, block, b->font_family);
    if (!fam)
        return MSP_E_FO;
    t->block_desc = msp_para_font_desc(fam, b);
    /* whole-run attributes: the block's colour, decorations, spacing, hyphenation */
    add_attr(t, color_attr(b->color), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
    add_attr(t, pango_attr_insert_hyphens_new(b->hyphenate), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
    if (b->underline)
        add_attr(t, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
    if (b->line_through)
        add_attr(t, pango_attr_strikethrough_new(TRUE), 0, PANGO_ATTR_INDEX_TO_TEXT_END);
    if (b->language && *b->language)
        add_attr(t, pango_attr_language_new(pango_language_from_string(b->language)), 0,
                 PANGO_ATTR_INDEX_TO_TEXT_END);
    if (b->letter_spacing != 0)
        add_attr(t, pango_attr_letter_spacing_new((int)(b->letter_spacing * PANGO_SCALE)), 0,
                 PANGO_ATTR_INDEX_TO_TEXT_END);

    inline_ctx ic = { 0 };
    msp_status st = first ? collect(t, first, last, &ic, 0) : MSP_OK;
    if (st != MSP_OK)
        return st;
    if (b->white_space_treatment != MSP_WST_PRESERVE)
        trim_trailing_spaces(t);
    /* segments and objects that pointed into trimmed spaces */
    guint len = (guint)t->text->len;
    for (guint i = 0; i < t->segs->len; i++) {
        msp_para_seg *s = &g_array_index(t->segs, msp_para_seg, i);
        if (s->end > len)
            s->end = len;
    }
    for (guint i = 0; i < t->objs->len; i++) {
        msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->end > len)
            p->end = len;
        if (p->start > len)
            p->start = len;
    }
    for (guint i = 0; i < t->footnote_index->len; i++) {
        guint *ix = &g_array_index(t->footnote_index, guint, i);
        if (*ix >= len && len > 0)
            *ix = (guint)(g_utf8_find_prev_char(t->text->str, t->text->str + len) - t->text->str);
    }
    add_outer_links(t);
    msp_check_text_collected(env->check, t);
    return MSP_OK;
}

void msp_para_text_clear(msp_para_text *t)
{
    if (t->objs) {
        for (guint i = 0; i < t->objs->len; i++) {
            msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
            if (p->surface)
                cairo_surface_destroy(p->surface);
            if (p->pattern)
                g_object_unref(p->pattern);
            if (p->box.content) {
                p->box.ops->forget(p->box.content);
                p->box.ops->free(p->box.content);
            }
        }
        g_array_free(t->objs, TRUE);
    }
    if (t->text)
        g_string_free(t->text, TRUE);
    if (t->attrs)
        pango_attr_list_unref(t->attrs);
    if (t->block_desc)
        pango_font_description_free(t->block_desc);
    if (t->segs)
        g_array_free(t->segs, TRUE);
    if (t->footnotes)
        g_ptr_array_free(t->footnotes, TRUE);
    if (t->footnote_index)
        g_array_free(t->footnote_index, TRUE);
    if (t->families)
        g_hash_table_destroy(t->families);
    if (t->numbers)
        g_array_free(t->numbers, TRUE);
    g_free(t->path);
    msp_arena_free(t->arena);
    memset(t, 0, sizeof *t);
}
