/* Line breaking of a paragraph run: the run is shaped once by Pango as one
 * unbroken line per hard paragraph, its break opportunities (Pango's UAX #14
 * log attributes, soft hyphens, dictionary hyphenation points) and cluster
 * advances become boxes, glue and penalties, and linebreak.c chooses the
 * breaks for the whole paragraph. The chosen lines are byte ranges of the
 * unchanged text; para_lines.c cuts them out of the shaped glyphs (nothing
 * is shaped again but a hyphen), and para_justify() sets the word spaces of
 * each line: stretched or shrunk, never letter-spaced, except CJK text,
 * whose inter-character gaps stretch (cjk.c: where such text may break,
 * and which gaps spread). */
#include "layout/para_private.h"
#include "layout/hyphenate.h"
#include "layout/cjk.h"
#include "layout/kashida.h"

#include <math.h>
#include <string.h>

#define PS ((double)PANGO_SCALE)

/* Inter-word glue, in parts of the font's own space (docs/format-choices.md):
 * a word space stays within 0.76 and 1.6 of normal in every line within the
 * tolerance (1 + 0.4 x 1.5, 1 - 0.24). */
#define SPACE_STRETCH 0.4
#define SPACE_SHRINK 0.24
/* Costs of breaking at a hyphen: inserted by the dictionary or a soft hyphen,
 * or after a hyphen the text has. */
#define HYPHEN_PENALTY 200
#define EX_HYPHEN_PENALTY 50
/* Inside a word longer than the line (emergency only). */
#define CHAR_BREAK_PENALTY 5000

/* A run of the measured text and its font, for the hyphen's width. */
typedef struct m_run {
    guint start, end;
    PangoItem *item;
} m_run;

typedef struct brk_ctx {
    msp_para_text *t;
    const char *text;
    guint len;
    int n_chars;
    guint *byte_of;             /* char index -> byte (n_chars + 1) */
    int *adv;                   /* per byte: advance of the cluster starting there (Pango units) */
    const PangoLogAttr *la;
    GArray *runs;               /* of m_run */
    GArray *items;              /* of msp_lb_item */
    double box;                 /* pending box width (pt) */
    int box_pos;
    bool justify;
    GArray *no_wrap;            /* of guint[2]: byte ranges without breaks */
    gunichar hyphen_char;       /* the block's hyphenation-character */
    /* width of the hyphen per font (last one used) */
    PangoFont *hy_font;
    double hy_width;
} brk_ctx;

static bool is_separator(gunichar c)
{
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C ||
           c == 0x85;
}

static bool is_space(gunichar c)
{
    return c == ' ' || c == 0x00A0;
}

static const m_run *run_at(const brk_ctx *c, guint b)
{
    const m_run *r = (const m_run *)(void *)c->runs->data;
    guint lo = 0, hi = c->runs->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (r[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->runs->len ? &r[lo] : (c->runs->len ? &r[c->runs->len - 1] : NULL);
}

/* The character a hyphenated line ends with, for the font at byte b: the
 * FO's hyphenation-character, or '-' when that font lacks it. */
static gunichar hyphen_char_at(brk_ctx *c, guint b, double *width)
{
    const m_run *r = run_at(c, b);
    gunichar want = c->hyphen_char;
    *width = 0;
    if (!r)
        return want;
    for (int attempt = 0; attempt < 2; attempt++) {
        gunichar ch = attempt == 0 ? want : '-';
        char buf[8];
        int n = g_unichar_to_utf8(ch, buf);
        PangoGlyphString *gs = pango_glyph_string_new();
        pango_shape(buf, n, &r->item->analysis, gs);
        bool missing = false;
        for (int g = 0; g < gs->num_glyphs; g++)
            missing = missing || (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
        *width = pango_glyph_string_get_width(gs) / PS;
        pango_glyph_string_free(gs);
        if (!missing)
            return ch;
    }
    return '-';
}

static double hyphen_width(brk_ctx *c, guint b)
{
    const m_run *r = run_at(c, b);
    PangoFont *f = r ? r->item->analysis.font : NULL;
    if (f && f == c->hy_font)
        return c->hy_width;
    double w;
    hyphen_char_at(c, b, &w);
    c->hy_font = f;
    c->hy_width = w;
    return w;
}

static void push(brk_ctx *c, msp_lb_item it)
{
    g_array_append_val(c->items, it);
}

static void flush_box(brk_ctx *c)
{
    if (c->box_pos < 0)
        return;
    push(c, (msp_lb_item){ .kind = MSP_LB_BOX, .width = c->box, .pos = c->box_pos });
    c->box = 0;
    c->box_pos = -1;
}

static void push_penalty(brk_ctx *c, double width, double penalty, bool flagged, guint pos)
{
    flush_box(c);
    push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .width = width, .penalty = penalty,
                           .flagged = flagged, .pos = (int)pos, .end = (int)pos });
}

static void push_finish(brk_ctx *c, guint pos, guint end)
{
    flush_box(c);
    push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .penalty = MSP_LB_INF, .pos = (int)pos,
                           .end = (int)pos });
    push(c, (msp_lb_item){ .kind = MSP_LB_GLUE, .stretch = MSP_LB_FIL, .pos = (int)pos,
                           .end = (int)pos });
    push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .penalty = -MSP_LB_INF, .pos = (int)pos,
                           .end = (int)end });
}

/* --- hyphenation points --- */

/* Records a warning unless one with the same message is there already (once
 * per document and language, wherever it first happens). */
static void warn_once_per_job(msp_job *job, msp_loc loc, const char *hint, const char *message)
{
    GPtrArray *items = job->diags.items;
    for (guint i = 0; items && i < items->len; i++) {
        const msp_diag *d = g_ptr_array_index(items, i);
        if (d->severity == MSP_SEV_WARNING && strcmp(d->message, message) == 0)
            return;
    }
    msp_diag_warn(&job->diags, loc, hint, "%s", message);
}

/* The byte ranges where Pango's breaks are turned off (wrap-option="no-wrap"
 * or keep-together.within-line inside the run), collected once per run. */
static void collect_no_wrap(brk_ctx *c)
{
    c->no_wrap = g_array_new(FALSE, FALSE, sizeof(guint) * 2);
    PangoAttrIterator *it = pango_attr_list_get_iterator(c->t->attrs);
    do {
        int a, b;
        pango_attr_iterator_range(it, &a, &b);
        PangoAttrInt *ab = (PangoAttrInt *)pango_attr_iterator_get(it, PANGO_ATTR_ALLOW_BREAKS);
        if (ab && !ab->value) {
            guint r[2] = { (guint)a, (guint)MIN((guint)b, c->len) };
            g_array_append_vals(c->no_wrap, r, 1);
        }
    } while (pango_attr_iterator_next(it));
    pango_attr_iterator_destroy(it);
}

/* Bytes [s, e) meet a no-wrap range. */
static bool in_no_wrap(const brk_ctx *c, guint s, guint e)
{
    for (guint i = 0; i < c->no_wrap->len; i++) {
        const guint *r = (const guint *)(void *)(c->no_wrap->data + i * 2 * sizeof(guint));
        if (r[0] < e && r[1] > s)
            return true;
    }
    return false;
}

/* Dictionaries and hyphenation points are cached on the Pango context (one
 * per worker thread, so no lock): a word is hyphenated once per document
 * and language, though layout may build a paragraph more than once. */
typedef struct hy_cache {
    GHashTable *dicts;   /* "lang\x1fcountry" -> const msp_hyph* (or NULL) */
    GHashTable *why;     /* same key -> reason (static), for dicts that are NULL */
    GHashTable *words;   /* "dict-pointer push remain" -> word table (owned) */
    /* the word table of the last (dict, push, remain): a word -> GArray of int */
    const msp_hyph *last_dict;
    int last_push, last_remain;
    GHashTable *last_words;
} hy_cache;

static void hy_cache_free(gpointer p)
{
    hy_cache *hc = p;
    g_hash_table_unref(hc->dicts);
    g_hash_table_unref(hc->why);
    g_hash_table_unref(hc->words);
    g_free(hc);
}

static hy_cache *hy_cache_of(PangoContext *ctx)
{
    static gsize q;
    if (g_once_init_enter(&q))
        g_once_init_leave(&q, g_quark_from_static_string("msp-para-hyphen-cache"));
    hy_cache *hc = g_object_get_qdata(G_OBJECT(ctx), (GQuark)q);
    if (!hc) {
        hc = g_new0(hy_cache, 1);
        hc->dicts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        hc->why = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        hc->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
        g_object_set_qdata_full(G_OBJECT(ctx), (GQuark)q, hc, hy_cache_free);
    }
    return hc;
}

static const msp_hyph *cached_dict(hy_cache *hc, const char *lang, const char *country, const char **why)
{
    char *key = g_strdup_printf("%s\x1f%s", lang, country ? country : "");
    gpointer d = NULL;
    if (g_hash_table_lookup_extended(hc->dicts, key, NULL, &d)) {
        *why = g_hash_table_lookup(hc->why, key);
        g_free(key);
        return d;
    }
    *why = NULL;
    const msp_hyph *h = msp_hyph_get(lang, country, why);
    if (!h && *why)
        g_hash_table_insert(hc->why, g_strdup(key), (gpointer)*why);
    g_hash_table_insert(hc->dicts, key, (gpointer)h);
    return h;
}

/* The points of a word, from the cache of its (dictionary, push, remain);
 * the word is looked up in place (no key is formatted for each word). */
static const GArray *cached_points(hy_cache *hc, const msp_hyph *h, const char *word, int n, int push,
                                   int remain)
{
    if (!hc->last_words || hc->last_dict != h || hc->last_push != push || hc->last_remain != remain) {
        char *key = g_strdup_printf("%p %d %d", (const void *)h, push, remain);
        GHashTable *t = g_hash_table_lookup(hc->words, key);
        if (!t) {
            t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
            g_hash_table_insert(hc->words, key, t);
        } else {
            g_free(key);
        }
        hc->last_words = t;
        hc->last_dict = h;
        hc->last_push = push;
        hc->last_remain = remain;
    }
    char stack[128];
    char *w = n < (int)sizeof stack ? stack : g_malloc((gsize)n + 1);
    memcpy(w, word, (size_t)n);
    w[n] = '\0';
    GArray *pts = g_hash_table_lookup(hc->last_words, w);
    if (!pts) {
        int pos[128];
        int np = msp_hyph_points(h, word, n, push, remain, pos, 128);
        pts = g_array_sized_new(FALSE, FALSE, sizeof(int), (guint)np);
        g_array_append_vals(pts, pos, (guint)np);
        g_hash_table_insert(hc->last_words, g_strdup(w), pts);
    }
    if (w != stack)
        g_free(w);
    return pts;
}

static bool token_excluded(const char *s, const char *e)
{
    /* a symbol, URL, e-mail address or number; a word the text already breaks
     * (soft hyphens) or holds together (a non-breaking hyphen). A compound
     * with a plain hyphen ("государств-участников", "anti-personnel") is
     * not excluded: each of its parts is a word of its own, as in FOP and
     * Russian typesetting practice (and the break at its own hyphen stays
     * the cheaper one). */
    for (const char *p = s; p < e; p = g_utf8_next_char(p)) {
        gunichar ch = g_utf8_get_char(p);
        /* '.' and ':' inside a token ("www.un.org", "https:", "urn:x"), not as
         * the punctuation after a word ("follows:", "Председателя:") */
        bool inner = (ch == '.' || ch == ':') && p + 1 < e &&
                     (g_unichar_isalnum(g_utf8_get_char(p + 1)) || p[1] == '/');
        if (g_unichar_isdigit(ch) || ch == '/' || ch == '@' || ch == '\\' || ch == '_' || ch == 0x2011 ||
            ch == 0x00AD || inner)
            return true;
    }
    return false;
}

/* Marks hyph[c] for each character c before which the dictionary allows a hyphen. */
static void find_hyphenation(brk_ctx *c, bool last_run, bool *hyph)
{
    msp_para_text *t = c->t;
    const char *text = c->text;
    const char *cached_lang = NULL, *cached_country = NULL;
    const msp_hyph *dict = NULL;
    bool have_cached = false;
    hy_cache *hc = hy_cache_of(t->env->pango);
    /* the last token of the paragraph is never hyphenated */
    guint last_token = c->len;
    if (last_run) {
        guint e = c->len;
        while (e > 0 && g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + e))))
            e = (guint)(g_utf8_prev_char(text + e) - text);
        guint s = e;
        while (s > 0 && !g_unichar_isspace(g_utf8_get_char(g_utf8_prev_char(text + s))))
            s = (guint)(g_utf8_prev_char(text + s) - text);
        last_token = s;
    }
    int ci = 0;
    while (ci < c->n_chars) {
        /* a token: non-space characters */
        while (ci < c->n_chars && (g_unichar_isspace(g_utf8_get_char(text + c->byte_of[ci])) ||
                                   g_utf8_get_char(text + c->byte_of[ci]) == 0xFFFC))
            ci++;
        int ts = ci;
        while (ci < c->n_chars && !g_unichar_isspace(g_utf8_get_char(text + c->byte_of[ci])) &&
               g_utf8_get_char(text + c->byte_of[ci]) != 0xFFFC)
            ci++;
        int te = ci;
        if (te == ts || c->byte_of[ts] >= last_token)
            continue;
        if (token_excluded(text + c->byte_of[ts], text + c->byte_of[te]))
            continue;
        /* words: letters (with their combining marks) inside the token */
        int wi = ts;
        while (wi < te) {
            while (wi < te && !g_unichar_isalpha(g_utf8_get_char(text + c->byte_of[wi])))
                wi++;
            int ws = wi;
            bool lower = false;
            while (wi < te) {
                gunichar ch = g_utf8_get_char(text + c->byte_of[wi]);
                if (!g_unichar_isalpha(ch) && !g_unichar_ismark(ch))
                    break;
                lower = lower || g_unichar_islower(ch);
                wi++;
            }
            int we = wi, nch = we - ws;
            if (nch < 2 || !lower)   /* an all-capital acronym */
                continue;
            guint bs = c->byte_of[ws], be = c->byte_of[we];
            const msp_fo_node *node = msp_para_text_node_at(t, bs);
            const msp_fo_style *s = node->style;
            if (!s->hyphenate || nch < s->hyphenation_push + s->hyphenation_remain)
                continue;
            if (!have_cached || g_strcmp0(cached_lang, s->language) != 0 ||
                g_strcmp0(cached_country, s->country) != 0) {
                const char *why = NULL;
                dict = s->language ? cached_dict(hc, s->language, s->country, &why) : NULL;
                if (!dict) {
                    char *msg = s->language
                        ? g_strdup_printf("no hyphenation dictionary for language '%s%s%s': text in it "
                                          "is set without hyphens", s->language, s->country ? "-" : "",
                                          s->country ? s->country : "")
                        : g_strdup("hyphenate=\"true\" without a language: text is set without hyphens");
                    warn_once_per_job(t->env->job, node->loc,
                                      why ? why : "set language (and country) on the block or its "
                                                  "ancestors to one of hyphen/dictionaries.conf",
                                      msg);
                    g_free(msg);
                }
                cached_lang = s->language;
                cached_country = s->country;
                have_cached = true;
            }
            if (!dict || in_no_wrap(c, bs, be))
                continue;
            const GArray *pts = cached_points(hc, dict, text + bs, (int)(be - bs), s->hyphenation_push,
                                              s->hyphenation_remain);
            /* a part of a compound keeps three letters beside its own hyphen: no
             * "Reap-An-" at a line end */
            gunichar before = ws > 0 ? g_utf8_get_char(text + c->byte_of[ws - 1]) : 0;
            gunichar after = we < c->n_chars ? g_utf8_get_char(text + c->byte_of[we]) : 0;
            int near_start = (before == '-' || before == 0x2010) ? 3 : 0;
            int near_end = (after == '-' || after == 0x2010) ? 3 : 0;
            for (guint k = 0; k < pts->len; k++) {
                int at = ws + g_array_index(pts, int, k);
                if (at - ws < near_start || we - at < near_end)
                    continue;
                /* only where a cluster starts: a hyphen never splits a ligature */
                if (at > ws && at < we && c->la[at].is_cursor_position && c->adv[c->byte_of[at]] != 0)
                    hyph[at] = true;
            }
        }
    }
}

/* --- measuring --- */

static void measure(brk_ctx *c, PangoLayout *m)
{
    c->adv = g_new0(int, (gsize)c->len + 1);
    c->runs = g_array_new(FALSE, FALSE, sizeof(m_run));
    PangoLayoutIter *it = pango_layout_get_iter(m);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        m_run r = { (guint)run->item->offset, (guint)(run->item->offset + run->item->length), run->item };
        g_array_append_val(c->runs, r);
        for (int g = 0; g < run->glyphs->num_glyphs; g++) {
            guint b = (guint)(run->item->offset + run->glyphs->log_clusters[g]);
            if (b < c->len)
                c->adv[b] += run->glyphs->glyphs[g].geometry.width;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    /* runs come in visual order: sort by position for lookups */
    for (guint i = 1; i < c->runs->len; i++) {
        m_run x = g_array_index(c->runs, m_run, i);
        guint j = i;
        while (j > 0 && g_array_index(c->runs, m_run, j - 1).start > x.start) {
            g_array_index(c->runs, m_run, j) = g_array_index(c->runs, m_run, j - 1);
            j--;
        }
        g_array_index(c->runs, m_run, j) = x;
    }
}

static const msp_para_pending *fill_leader_at(const msp_para_text *t, guint b)
{
    for (guint i = 0; i < t->objs->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->start == b && p->kind == MSP_INLINE_LEADER && p->fill_max < 0)
            return p;
    }
    return NULL;
}

/* A footnote call starts at byte b: the call stays with what it follows. */
static bool footnote_call_at(const msp_para_text *t, guint b)
{
    for (guint i = 0; i < t->objs->len; i++) {
        const msp_para_pending *p = &g_array_index(t->objs, msp_para_pending, i);
        if (p->start == b && p->kind == MSP_INLINE_FOOTNOTE)
            return true;
    }
    return false;
}

/* Boxes, glue and penalties of the measured text. */
static void build_items(brk_ctx *c, const bool *hyph, double avail)
{
    const char *text = c->text;
    c->items = g_array_new(FALSE, FALSE, sizeof(msp_lb_item));
    c->box = 0;
    c->box_pos = -1;
    for (int ci = 0; ci < c->n_chars; ci++) {
        guint b = c->byte_of[ci], be = c->byte_of[ci + 1];
        gunichar ch = g_utf8_get_char(text + b);
        if (is_separator(ch)) {
            push_finish(c, b, be);
            continue;
        }
        gunichar pc = ci > 0 ? g_utf8_get_char(text + c->byte_of[ci - 1]) : 0;
        bool opportunity = ci > 0 && c->la[ci].is_line_break && !c->la[ci].is_mandatory_break &&
                           !is_space(pc) && !is_separator(pc);
        /* CJK text: the kinsoku rules decide, Pango's breaks count no more (but no-wrap does) */
        bool cjk = ci > 0 && msp_cjk_gap(pc, ch);
        if (cjk)
            opportunity = msp_cjk_break(pc, ch) && !in_no_wrap(c, b, be) && !footnote_call_at(c->t, b);
        if (cjk && c->justify) {
            /* a gap that stretches, breakable where the rules allow */
            double size = msp_para_text_node_at(c->t, b)->style->font_size;
            flush_box(c);
            if (!opportunity)
                push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .penalty = MSP_LB_INF, .pos = (int)b,
                                       .end = (int)b });
            push(c, (msp_lb_item){ .kind = MSP_LB_GLUE, .stretch = size * MSP_CJK_GAP_STRETCH,
                                   .pos = (int)b, .end = (int)b });
        } else if (opportunity) {
            if (pc == 0x00AD)
                push_penalty(c, hyphen_width(c, c->byte_of[ci - 1]), HYPHEN_PENALTY, true, b);
            else if (pc == '-' || pc == 0x2010)
                push_penalty(c, 0, EX_HYPHEN_PENALTY, true, b);
            else
                push_penalty(c, 0, 0, false, b);
        } else if (hyph[ci]) {
            push_penalty(c, hyphen_width(c, c->byte_of[ci - 1]), HYPHEN_PENALTY, true, b);
        }
        double w = c->adv[b] / PS;
        if (is_space(ch)) {
            flush_box(c);
            const msp_fo_style *s = msp_para_text_node_at(c->t, b)->style;
            double base = w + s->word_spacing;
            /* UAX #14 breaks after the last of a run of spaces: the whole run is one
             * breakable glue (white-space-collapse="false" keeps runs of spaces) */
            int after = ci + 1;
            while (ch == ' ' && after < c->n_chars && text[c->byte_of[after]] == ' ')
                after++;
            bool breakable = ch == ' ' && c->la[after].is_line_break;
            msp_lb_item *last = c->items->len ? &g_array_index(c->items, msp_lb_item, c->items->len - 1) : NULL;
            if (last && last->kind == MSP_LB_GLUE && (guint)last->end == b && breakable) {
                last->width += base;   /* a run of preserved spaces is one glue */
                last->end = (int)be;
                continue;
            }
            if (!breakable)
                push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .penalty = MSP_LB_INF, .pos = (int)b,
                                       .end = (int)b });
            push(c, (msp_lb_item){ .kind = MSP_LB_GLUE, .width = base,
                                   .stretch = c->justify ? w * SPACE_STRETCH : 0,
                                   .shrink = c->justify ? w * SPACE_SHRINK : 0,
                                   .pos = (int)b, .end = (int)be });
            continue;
        }
        const msp_para_pending *fill = ch == 0xFFFC ? fill_leader_at(c->t, b) : NULL;
        if (fill) {
            /* a fill leader takes the rest of its line: infinitely stretchable, never a break */
            flush_box(c);
            push(c, (msp_lb_item){ .kind = MSP_LB_PENALTY, .penalty = MSP_LB_INF, .pos = (int)b, .end = (int)b });
            push(c, (msp_lb_item){ .kind = MSP_LB_GLUE, .width = w, .stretch = MSP_LB_FIL,
                                   .pos = (int)b, .end = (int)b });
            push(c, (msp_lb_item){ .kind = MSP_LB_BOX, .width = 0, .pos = (int)b });
            continue;
        }
        if (c->box_pos < 0)
            c->box_pos = (int)b;
        c->box += w;
    }
    push_finish(c, c->len, c->len);

    /* a box wider than the line: allow breaks between its clusters, at a high cost */
    GArray *out = NULL;
    for (guint i = 0; i < c->items->len; i++) {
        msp_lb_item it = g_array_index(c->items, msp_lb_item, i);
        bool wide = it.kind == MSP_LB_BOX && it.width > avail;
        if (wide && !out) {
            out = g_array_new(FALSE, FALSE, sizeof(msp_lb_item));
            g_array_append_vals(out, c->items->data, i);
        }
        if (!out)
            continue;
        if (!wide) {
            g_array_append_val(out, it);
            continue;
        }
        guint end = i + 1 < c->items->len ? (guint)g_array_index(c->items, msp_lb_item, i + 1).pos : c->len;
        double acc = 0;
        guint start = (guint)it.pos;
        for (const char *p = text + it.pos; p < text + end; p = g_utf8_next_char(p)) {
            guint b = (guint)(p - text);
            int ci = (int)g_utf8_pointer_to_offset(text, p);
            if (b > start && c->la[ci].is_cursor_position && c->adv[b] != 0 && acc > 0 &&
                !in_no_wrap(c, b - 1, b + 1)) {
                msp_lb_item box = { .kind = MSP_LB_BOX, .width = acc, .pos = (int)start };
                g_array_append_val(out, box);
                msp_lb_item pen = { .kind = MSP_LB_PENALTY, .penalty = CHAR_BREAK_PENALTY,
                                    .pos = (int)b, .end = (int)b };
                g_array_append_val(out, pen);
                acc = 0;
                start = b;
            }
            acc += c->adv[b] / PS;
        }
        msp_lb_item box = { .kind = MSP_LB_BOX, .width = acc, .pos = (int)start };
        g_array_append_val(out, box);
    }
    if (out) {
        g_array_free(c->items, TRUE);
        c->items = out;
    }
}

void msp_para_break(msp_para_text *t, PangoLayout *layout, double first_width, double width,
                    const double *shape, int n_shape, bool justify, bool last_run, guint from,
                    GArray *ranges, GArray *info)
{
    const msp_fo_style *bs = t->block->style;
    brk_ctx c = { .t = t, .text = t->text->str, .len = (guint)t->text->len, .justify = justify,
                  .hyphen_char = bs->hyphenation_character ? bs->hyphenation_character : 0x2010 };
    /* 1. measure: the run shaped once, unbroken */
    pango_layout_set_width(layout, -1);
    pango_layout_set_attributes(layout, t->attrs);
    pango_layout_set_text(layout, t->text->str, (int)t->text->len);
    int n_attrs = 0;
    c.la = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
    c.n_chars = n_attrs - 1;
    c.byte_of = g_new(guint, (gsize)c.n_chars + 1);
    {
        int i = 0;
        for (const char *p = c.text; i < c.n_chars; p = g_utf8_next_char(p))
            c.byte_of[i++] = (guint)(p - c.text);
        c.byte_of[c.n_chars] = c.len;
    }
    measure(&c, layout);

    /* 2. items and breaks */
    collect_no_wrap(&c);
    bool *hyph = g_new0(bool, (gsize)c.n_chars + 1);
    find_hyphenation(&c, last_run, hyph);
    double narrowest = MIN(first_width, width);
    for (int i = 0; shape && i < n_shape; i++)
        narrowest = MIN(narrowest, shape[i]);
    build_items(&c, hyph, narrowest);
    /* the rest of the run from a line start: the items before it are laid out already */
    guint skip = 0;
    while (from > 0 && skip < c.items->len && g_array_index(c.items, msp_lb_item, skip).pos < (int)from)
        skip++;
    if (skip)
        g_array_remove_range(c.items, 0, skip);
    msp_lb_params p;
    msp_lb_params_default(&p);
    p.first_width = first_width;
    p.shape = shape;
    p.n_shape = shape ? n_shape : 0;
    p.width = width;
    p.ladder = bs->hyphenation_ladder;
    if (!justify) {
        /* ragged lines: fewest lines first, then the most even right edge */
        p.line_stretch = width * 10;
        p.tolerance = MSP_LB_INF;
    }
    msp_lb_line *lines = NULL;
    int n = msp_lb_break((const msp_lb_item *)(void *)c.items->data, (int)c.items->len, &p, &lines);

    /* 3. the lines as byte ranges of the text */
    g_array_set_size(info, 0);
    g_array_set_size(ranges, 0);
    int start = (int)from;
    for (int i = 0; i < n; i++) {
        const msp_lb_line *l = &lines[i];
        const msp_lb_item *it = &g_array_index(c.items, msp_lb_item, l->brk);
        msp_para_lineinfo li = { .ratio = l->ratio, .hyphen = l->hyphen, .fit = l->fit,
                                 .forced = it->kind == MSP_LB_PENALTY && it->penalty <= -MSP_LB_INF };
        g_array_append_val(info, li);
        msp_line_range r = { .start = start, .end = it->pos, .para_end = li.forced };
        if (it->kind == MSP_LB_PENALTY && it->flagged && it->width > 0) {
            double w;
            r.hyphen = hyphen_char_at(&c, (guint)MAX(it->pos - 1, 0), &w);
        }
        g_array_append_val(ranges, r);
        start = it->end;
    }
    g_free(lines);
    g_array_free(c.items, TRUE);
    g_array_free(c.runs, TRUE);
    g_array_free(c.no_wrap, TRUE);
    g_free(c.adv);
    g_free(c.byte_of);
    g_free(hyph);

}

void msp_para_justify(const msp_para_text *t, msp_glines *g, GArray *info, const double *avail,
                      bool justify, bool justify_last)
{
    if ((int)info->len != g->n) {
        g_array_set_size(info, 0);
        for (int i = 0; i < g->n; i++) {
            msp_para_lineinfo li = { .forced = true };
            g_array_append_val(info, li);
        }
    }
    GArray *spaces = g_array_new(FALSE, FALSE, sizeof(PangoGlyphInfo *));
    GArray *nat = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *gaps = g_array_new(FALSE, FALSE, sizeof(PangoGlyphInfo *));   /* CJK: glyph before a gap */
    GArray *gap_st = g_array_new(FALSE, FALSE, sizeof(double));           /* its stretch, Pango units */
    for (int i = 0; i < g->n; i++) {
        msp_gline *line = &g->lines[i];
        msp_para_lineinfo *li = &g_array_index(info, msp_para_lineinfo, i);
        const char *text = t->text->str;   /* the same bytes as the layout's copy */
        g_array_set_size(spaces, 0);
        g_array_set_size(nat, 0);
        g_array_set_size(gaps, 0);
        g_array_set_size(gap_st, 0);
        double stretch = 0, shrink = 0;
        /* trailing spaces of the line do not stretch */
        int line_end = line->end;
        while (line_end > line->start && (text[line_end - 1] == ' ' || text[line_end - 1] == '\n'))
            line_end--;
        /* Arabic: kashidas take part of a stretched line's slack first (kashida.c) */
        if (justify && (!li->forced || justify_last) &&
            msp_kashida_stretch(line, text, line_end, (int)lround((avail[i] - line->width) * PS)) > 0)
            msp_gline_measure(line);
        bool ws_changed = false;
        for (int k = 0; k < line->n; k++) {
            PangoGlyphItem *run = line->pieces[k].glyphs;
            if (line->pieces[k].text == line->hyphen_text)
                continue;   /* the hyphen */
            for (int gl = 0; gl < run->glyphs->num_glyphs; gl++) {
                int b = run->item->offset + run->glyphs->log_clusters[gl];
                bool sp = text[b] == ' ' || ((guchar)text[b] == 0xC2 && (guchar)text[b + 1] == 0xA0);
                bool cluster_last = gl + 1 == run->glyphs->num_glyphs ||
                                    run->glyphs->log_clusters[gl + 1] != run->glyphs->log_clusters[gl];
                if (!sp && cluster_last && b < line_end) {
                    /* the gap after this cluster, when it is CJK text's, spreads (never shrinks) */
                    const char *next = g_utf8_next_char(text + b);
                    if (next < text + line_end &&
                        msp_cjk_gap(g_utf8_get_char(text + b), g_utf8_get_char(next))) {
                        double st = msp_para_text_node_at(t, (guint)b)->style->font_size *
                                    MSP_CJK_GAP_STRETCH * PS;
                        PangoGlyphInfo *gi = &run->glyphs->glyphs[gl];
                        g_array_append_val(gaps, gi);
                        g_array_append_val(gap_st, st);
                        stretch += st;
                    }
                }
                if (!sp || b >= line_end)
                    continue;
                PangoGlyphInfo *gi = &run->glyphs->glyphs[gl];
                int w0 = gi->geometry.width;
                double ws = msp_para_text_node_at(t, (guint)b)->style->word_spacing;
                if (ws != 0) {
                    gi->geometry.width += (int)lround(ws * PS);
                    ws_changed = true;
                }
                g_array_append_val(spaces, gi);
                g_array_append_val(nat, w0);
                stretch += w0 * SPACE_STRETCH;
                shrink += w0 * SPACE_SHRINK;
            }
        }
        if (ws_changed)
            msp_gline_measure(line);
        double natural = line->width;
        double slack = avail[i] - natural;
        bool stretchy = justify && (!li->forced || justify_last);
        li->natural = natural;
        li->ratio = 0;
        /* a last line is not stretched, but shrunk when the breaks were chosen with it shrunk */
        bool adjustable = slack > 0 ? spaces->len + gaps->len > 0 : spaces->len > 0;
        if ((stretchy || (justify && slack < 0)) && adjustable && fabs(slack) > 0.001) {
            double r = slack > 0 ? slack * PS / stretch : MAX(slack * PS / shrink, -1.0);
            double part = slack > 0 ? SPACE_STRETCH : SPACE_SHRINK;
            double want = 0;
            int given = 0;
            for (guint k = 0; k < spaces->len; k++) {
                want += r * part * g_array_index(nat, int, k);
                int d = (int)lround(want) - given;
                g_array_index(spaces, PangoGlyphInfo *, k)->geometry.width += d;
                given += d;
            }
            for (guint k = 0; slack > 0 && k < gaps->len; k++) {
                want += r * g_array_index(gap_st, double, k);
                int d = (int)lround(want) - given;
                g_array_index(gaps, PangoGlyphInfo *, k)->geometry.width += d;
                given += d;
            }
            li->ratio = r;
            msp_gline_measure(line);
        }
        if (natural - (justify ? shrink / PS : 0) > avail[i] + 0.01)
            li->fit = MSP_LB_FIT_OVERFULL;
        else if (stretchy && slack > 0.01 && (spaces->len + gaps->len == 0 || li->ratio > MSP_LB_TOLERANCE))
            li->fit = MSP_LB_FIT_LOOSE;
        else
            li->fit = MSP_LB_FIT_OK;
    }
    g_array_free(spaces, TRUE);
    g_array_free(nat, TRUE);
    g_array_free(gaps, TRUE);
    g_array_free(gap_st, TRUE);
}
