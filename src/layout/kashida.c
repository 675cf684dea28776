/* Kashida (kashida.h): a justified Arabic line's words are elongated at one
 * join each, by tatweel glyphs inserted into the shaped glyph string, so the
 * word spaces stretch less. The join chosen is the word's last one that may
 * be elongated: a dual-joining letter alone in its cluster, followed in the
 * same run by a joining letter (the common rule of elongating before the
 * last letter of a word). The tatweels are part of the letter's cluster, so
 * the PDF's text (cairo writes the cluster's text once) is unchanged. */
#include "layout/kashida.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define TATWEEL 0x0640

/* letters that join on both sides (Unicode joining type D) */
static bool dual_joining(gunichar c)
{
    if (c == 0x0626 || c == 0x0628 || (c >= 0x062A && c <= 0x062E) || (c >= 0x0633 && c <= 0x063A) ||
        (c >= 0x0641 && c <= 0x0647) || c == 0x0649 || c == 0x064A || c == TATWEEL)
        return true;
    /* Arabic Supplement and the Persian, Urdu letters of the Arabic block (most are dual) */
    return (c >= 0x067E && c <= 0x0686) || c == 0x06A9 || c == 0x06AF || c == 0x06CC;
}

/* letters that join to the letter before them (types D and R) */
static bool joins_before(gunichar c)
{
    return dual_joining(c) || (c >= 0x0622 && c <= 0x0625) || c == 0x0627 || c == 0x0629 ||
           (c >= 0x062F && c <= 0x0632) || c == 0x0648 || c == 0x0698;
}

static bool is_space_char(gunichar c)
{
    return c == ' ' || c == 0x00A0 || c == '\n' || c == 0x202F || (c >= 0x2000 && c <= 0x200A);
}

typedef struct join {
    PangoGlyphItem *run;
    int glyph;          /* the letter's glyph (visual order) */
    int byte;           /* its byte index in the text */
    int word;           /* byte index where its word starts */
} join;

/* tatweel glyph and its advance (Pango units) in the run's font, shaped as
 * the run is; false when the font has none */
static bool tatweel_of(const PangoGlyphItem *run, PangoGlyph *glyph, int *width)
{
    static const char tatweel[] = "\u0640";
    PangoAnalysis a = run->item->analysis;
    PangoGlyphString *gs = pango_glyph_string_new();
    pango_shape(tatweel, (int)strlen(tatweel), &a, gs);
    bool ok = gs->num_glyphs == 1 && !(gs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
              gs->glyphs[0].glyph != PANGO_GLYPH_EMPTY && gs->glyphs[0].geometry.width > 0;
    if (ok) {
        *glyph = gs->glyphs[0].glyph;
        *width = gs->glyphs[0].geometry.width;
    }
    pango_glyph_string_free(gs);
    return ok;
}

static int font_size_of(PangoFont *font)
{
    PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
    int size = pango_font_description_get_size(d);
    pango_font_description_free(d);
    return size;
}

static bool is_arabic_run(const PangoGlyphItem *run)
{
    const PangoAnalysis *a = &run->item->analysis;
    return (a->level & 1) && a->language && pango_language_matches(a->language, "ar");
}

/* the candidate joins of one right-to-left run: the letter at glyph gl joins
 * the logically next cluster, which is at gl - 1 (visual order) */
static int word_start(const char *text, int line_start, int b)
{
    const char *p = text + b;
    while (p > text + line_start) {
        const char *q = g_utf8_prev_char(p);
        if (is_space_char(g_utf8_get_char(q)))
            break;
        p = q;
    }
    return (int)(p - text);
}

static void collect(GArray *joins, PangoGlyphItem *run, const char *text, int line_start, int line_end)
{
    PangoGlyphString *gs = run->glyphs;
    int off = run->item->offset;
    for (int gl = gs->num_glyphs - 1; gl >= 0; gl--) {
        int b = off + gs->log_clusters[gl];
        if (b < line_start || b >= line_end)
            continue;
        gunichar c = g_utf8_get_char(text + b);
        if (gl == 0 || !dual_joining(c))
            continue;
        bool alone = gs->log_clusters[gl - 1] != gs->log_clusters[gl] &&
                     (gl + 1 == gs->num_glyphs || gs->log_clusters[gl + 1] != gs->log_clusters[gl]);
        const char *next = g_utf8_next_char(text + b);
        if (!alone || off + gs->log_clusters[gl - 1] != (int)(next - text) || next - text >= line_end)
            continue;
        gunichar nc = g_utf8_get_char(next);
        /* lam before alef is one letter (the lam-alef ligature): never pulled apart */
        if (!joins_before(nc) || (c == 0x0644 && (nc == 0x0622 || nc == 0x0623 || nc == 0x0625 || nc == 0x0627)))
            continue;
        join j = { run, gl, b, word_start(text, line_start, b) };
        g_array_append_val(joins, j);
    }
}

/* inserts n tatweels of advances summing to w left of glyph gl (visual
 * order), in the letter's cluster; the one next to the letter is shifted so
 * that no tatweel's ink reaches past the elongation into the letter */
static void insert_tatweels(PangoGlyphString *gs, int gl, PangoGlyph tatweel, int tw, int w)
{
    int n = (w + tw - 1) / tw;
    int old = gs->num_glyphs;
    pango_glyph_string_set_size(gs, old + n);
    memmove(&gs->glyphs[gl + n], &gs->glyphs[gl], sizeof gs->glyphs[0] * (size_t)(old - gl));
    memmove(&gs->log_clusters[gl + n], &gs->log_clusters[gl], sizeof gs->log_clusters[0] * (size_t)(old - gl));
    int cluster = gs->log_clusters[gl + n];
    int given = 0;
    for (int k = 0; k < n; k++) {
        int a = (int)lround((double)w * (k + 1) / n) - given;
        given += a;
        PangoGlyphInfo *g = &gs->glyphs[gl + k];
        memset(g, 0, sizeof *g);
        g->glyph = tatweel;
        g->geometry.width = a;
        if (k == n - 1 && a < tw)
            g->geometry.x_offset = a - tw;
        g->attr.is_cluster_start = k == 0;
        gs->log_clusters[gl + k] = cluster;
    }
    gs->glyphs[gl + n].attr.is_cluster_start = 0;
}

static int by_byte(gconstpointer a, gconstpointer b)
{
    return ((const join *)a)->byte - ((const join *)b)->byte;
}

static int by_glyph_desc(gconstpointer a, gconstpointer b)
{
    const join *x = a, *y = b;
    if (x->run != y->run)
        return x->run < y->run ? -1 : 1;
    return y->glyph - x->glyph;
}

int msp_kashida_stretch(msp_gline *line, const char *text, int line_end, int slack)
{
    if (slack <= 0)
        return 0;
    GArray *joins = g_array_new(FALSE, FALSE, sizeof(join));
    for (int k = 0; k < line->n; k++) {
        PangoGlyphItem *run = line->pieces[k].glyphs;
        if (!run || line->pieces[k].text == line->hyphen_text || !is_arabic_run(run))
            continue;
        collect(joins, run, text, line->start, line_end);
    }
    /* one join per word, its last; the words in logical order */
    g_array_sort(joins, by_byte);
    GArray *chosen = g_array_new(FALSE, FALSE, sizeof(join));
    for (guint i = 0; i < joins->len; i++) {
        join *j = &g_array_index(joins, join, i);
        if (i + 1 < joins->len && g_array_index(joins, join, i + 1).word == j->word)
            continue;
        g_array_append_val(chosen, *j);
    }
    int added = 0;
    PangoGlyph tatweel = 0;
    int tw = 0;
    if (chosen->len > 0 &&
        tatweel_of(g_array_index(chosen, join, 0).run, &tatweel, &tw)) {
        int size = font_size_of(g_array_index(chosen, join, 0).run->item->analysis.font);
        double share = slack * MSP_KASHIDA_SHARE;
        double maxw = size * MSP_KASHIDA_MAX_PER_WORD;
        guint n = chosen->len;
        if (share / n < tw)
            n = (guint)floor(share / tw);   /* fewer words, each by a tatweel at least */
        if (n > 0) {
            int per = (int)floor(MIN(share / n, maxw));
            /* n words spread over the line's candidates */
            GArray *use = g_array_new(FALSE, FALSE, sizeof(join));
            for (guint i = 0; i < n; i++)
                g_array_append_val(use, g_array_index(chosen, join, (guint)((i + 0.5) * chosen->len / n)));
            g_array_sort(use, by_glyph_desc);   /* right to left in each glyph string: indices stay valid */
            PangoFont *font = g_array_index(chosen, join, 0).run->item->analysis.font;
            PangoGlyph g = tatweel;
            int w = tw;
            bool have = true;
            for (guint i = 0; i < use->len; i++) {
                join *j = &g_array_index(use, join, i);
                /* each word's own font (a bold word's tatweel is bold); shaped once per font */
                if (j->run->item->analysis.font != font) {
                    font = j->run->item->analysis.font;
                    have = tatweel_of(j->run, &g, &w);
                }
                if (!have || per < w)
                    continue;
                insert_tatweels(j->run->glyphs, j->glyph, g, w, per);
                added += per;
            }
            g_array_free(use, TRUE);
        }
    }
    g_array_free(chosen, TRUE);
    g_array_free(joins, TRUE);
    return added;
}
