/* Shaped glyphs onto cairo without Pango's renderer: a glyph item drawn
 * with cairo_show_text_glyphs on its font's cairo scaled font, its text
 * attached cluster by cluster (what a PDF reader extracts and searches).
 *
 * Why not pango_cairo_show_glyph_item: pages are drawn on a thread of their
 * own while layout shapes the next ones (layout/page_queue.c), and Pango's
 * renderer reads and fills per-font caches (metrics, glyph extents, the
 * hex-box geometry) that the layout thread uses unlocked. This code reads
 * only the glyph item (immutable once its page is emitted) and calls cairo,
 * whose scaled fonts are thread-safe. The scaled font comes from the piece
 * (layout/para_lines.c takes it on the layout thread). */
#include "render/glyphs.h"

#include <pango/pangocairo.h>
#include <stdbool.h>

#define PS ((double)PANGO_SCALE)

/* A glyph Pango could not find in any font: a box the glyph's advance wide
 * (Pango's hex box, without the digits: the missing character is warned at
 * layout, and its text still goes to the PDF through the clusters). */
static void unknown_box(cairo_t *cr, cairo_scaled_font_t *font, double x, double y, double width)
{
    cairo_font_extents_t fe;
    cairo_scaled_font_extents(font, &fe);
    double h = fe.ascent * 0.7, inset = width * 0.1, lw = MAX(fe.ascent / 20, 0.2);
    if (width - 2 * inset <= lw || h <= lw)
        return;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_line_width(cr, lw);
    cairo_rectangle(cr, x + inset + lw / 2, y - h + lw / 2, width - 2 * inset - lw, h - lw);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void msp_show_glyph_item(cairo_t *cr, cairo_scaled_font_t *font, const char *text, PangoGlyphItem *gi,
                         double x, double y)
{
    const PangoGlyphString *gs = gi->glyphs;
    if (!font || !gs || gs->num_glyphs <= 0)
        return;
    int n = gs->num_glyphs;
    cairo_glyph_t stack_glyphs[64];
    cairo_text_cluster_t stack_clusters[64];
    cairo_glyph_t *glyphs = n <= 64 ? stack_glyphs : g_new(cairo_glyph_t, n);
    cairo_text_cluster_t *clusters = n <= 64 ? stack_clusters : g_new(cairo_text_cluster_t, n);
    /* counted[i]: glyph i is drawn (neither empty nor unknown) */
    bool stack_counted[64];
    bool *counted = n <= 64 ? stack_counted : g_new(bool, n);

    cairo_set_scaled_font(cr, font);
    int count = 0, pos = 0;
    for (int i = 0; i < n; i++) {
        const PangoGlyphInfo *g = &gs->glyphs[i];
        double gx = x + (pos + g->geometry.x_offset) / PS;
        double gy = y + g->geometry.y_offset / PS;
        counted[i] = false;
        if (g->glyph == PANGO_GLYPH_EMPTY) {
            /* nothing drawn */
        } else if (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
            if (g->glyph != (0x20 | PANGO_GLYPH_UNKNOWN_FLAG))
                unknown_box(cr, font, gx, gy, g->geometry.width / PS);
        } else {
            glyphs[count].index = g->glyph;
            glyphs[count].x = gx;
            glyphs[count].y = gy;
            counted[i] = true;
            count++;
        }
        pos += g->geometry.width;
    }

    /* one cluster a Pango cluster, in the text's order; right to left the
     * glyphs run the other way (cairo's BACKWARD flag) */
    bool backward = gi->item->analysis.level % 2 == 1;
    int n_clusters = 0;
    PangoGlyphItemIter it;
    if (count > 0 && pango_glyph_item_iter_init_start(&it, gi, text)) {
        do {
            int lo = MIN(it.start_glyph, it.end_glyph + 1), hi = MAX(it.start_glyph + 1, it.end_glyph);
            int drawn = 0;
            for (int i = MAX(lo, 0); i < hi && i < n; i++)
                drawn += counted[i];
            clusters[n_clusters].num_bytes = it.end_index - it.start_index;
            clusters[n_clusters].num_glyphs = drawn;
            n_clusters++;
        } while (n_clusters < n && pango_glyph_item_iter_next_cluster(&it));
    }
    if (count > 0) {
        const char *s = text + gi->item->offset;
        int len = gi->item->length, covered = 0;
        for (int k = 0; k < n_clusters; k++)
            covered += clusters[k].num_bytes;
        if (n_clusters > 0 && covered == len)
            cairo_show_text_glyphs(cr, s, len, glyphs, count, clusters, n_clusters,
                                   backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
        else
            cairo_show_glyphs(cr, glyphs, count);
    }
    if (glyphs != stack_glyphs)
        g_free(glyphs);
    if (clusters != stack_clusters)
        g_free(clusters);
    if (counted != stack_counted)
        g_free(counted);
}
