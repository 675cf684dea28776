/* Table headers and footers at breaks (XSL 1.1 6.7.6, 6.7.7, 7.28.18,
 * 7.28.19): which rows carry the header repeated above them and the footer
 * drawn below them, the notes anchored in them (placed once), drawing the
 * footer below the last row of each page or column part of a table, and the
 * header and footer of a table inside a cell as items of the cell's run
 * (repeated where the row holding the cell splits: table.c). */
#include "layout/layout_private.h"

msp_table_hdr *msp_table_heading_new(GPtrArray *rows)
{
    msp_table_hdr *h = g_new0(msp_table_hdr, 1);
    h->refs = 1;
    h->items = rows;
    h->h = msp_items_height(rows);
    return h;
}

void msp_table_heading_unref(msp_table_hdr *h)
{
    if (h && --h->refs == 0) {
        msp_items_free(h->items);
        if (h->notes)
            g_ptr_array_free(h->notes, TRUE);
        g_free(h->colx);
        g_free(h->colw);
        g_free(h);
    }
}

/* Emits h's rows at y (repeated: marked as drawn again); returns the height. */
static double heading_emit(msp_layout *L, msp_page *page, const msp_table_hdr *h, msp_zone zone,
                           double x0, double y, int footnote, bool repeated)
{
    bool made;
    GPtrArray *rows = msp_table_heading_rows(L, page, h, &made);
    int from = page->n_areas;
    msp_run_emit(L, page, rows, 0, (int)rows->len, zone, x0, y, footnote);
    if (repeated)
        for (int k = from; k < page->n_areas; k++)
            page->areas[k].repeated = true;
    if (made)
        msp_items_free(rows);
    return h->h;
}

double msp_table_header_emit(msp_layout *L, msp_page *page, const msp_item *it, double x0, double y)
{
    double h = heading_emit(L, page, it->hdr, MSP_ZONE_BODY, x0, y, -1, it->hdr->drawn);
    /* only the pass whose pages are written counts the times it is drawn */
    if (L->emit)
        it->hdr->drawn = true;
    return h;
}

void msp_table_notes_move(msp_item *dst, GPtrArray *from, bool front)
{
    guint at = 0;
    for (guint i = 0; i < from->len; i++) {
        msp_item *r = g_ptr_array_index(from, i);
        for (guint k = 0; r->notes && k < r->notes->len; k++) {
            if (!dst->notes)
                dst->notes = g_ptr_array_new();
            gpointer fn = g_ptr_array_index(r->notes, k);
            if (front)
                g_ptr_array_insert(dst->notes, (gint)at++, fn);
            else
                g_ptr_array_add(dst->notes, fn);
        }
        if (r->notes) {
            g_ptr_array_free(r->notes, TRUE);
            r->notes = NULL;
        }
    }
}

void msp_table_heading_keep_notes(msp_table_hdr *h)
{
    msp_item tmp = { .notes = NULL };
    msp_table_notes_move(&tmp, h->items, false);
    h->notes = tmp.notes;
}

void msp_table_headings_attach(GPtrArray *rows, msp_table_hdr *hdr, msp_table_hdr *ftr)
{
    for (guint i = 0; i < rows->len; i++) {
        msp_item *row = g_ptr_array_index(rows, i);
        if (hdr) {
            row->hdr = hdr;
            hdr->refs++;
        }
        if (ftr && (!ftr->omit || i + 1 == rows->len)) {
            row->ftr = ftr;
            ftr->refs++;
            row->ftr_final = i + 1 == rows->len;
        }
    }
}

/* True when the box placed after index i in the same column is a row of the
 * same table (the footer is not drawn between them). */
static bool continues(const msp_layout *L, guint i)
{
    const msp_placed *p = &g_array_index(L->placed, msp_placed, i);
    for (guint j = i + 1; j < L->placed->len; j++) {
        const msp_placed *q = &g_array_index(L->placed, msp_placed, j);
        if (q->skip || q->it->kind == MSP_ITEM_GLUE)
            continue;
        return q->col == p->col && q->col_top == p->col_top && q->it->ftr == p->it->ftr;
    }
    return false;
}

static msp_note *note_of(msp_layout *L, const msp_fo_node *fn, GHashTable *cache)
{
    msp_note *n = g_hash_table_lookup(cache, fn);
    if (!n) {
        n = msp_note_build(L, fn);
        g_hash_table_insert(cache, (gpointer)fn, n);
    }
    return n;
}

double msp_table_footer_notes_h(msp_layout *L, const msp_table_hdr *f, GHashTable *cache)
{
    double h = 0;
    for (guint i = 0; f->notes && i < f->notes->len; i++) {
        msp_note *n = note_of(L, g_ptr_array_index(f->notes, i), cache);
        h += msp_note_height(n, 0, (int)n->items->len);
    }
    return h;
}

double msp_table_footer_emit(msp_layout *L, msp_page *page, guint i, double x0, double y)
{
    const msp_item *row = g_array_index(L->placed, msp_placed, i).it;
    if (!row->ftr || (!row->ftr_final && continues(L, i)))
        return 0;
    /* a repeat's notes go on its page too (the last row's carry the footer's own);
     * msp_place kept room for them */
    for (guint k = 0; !row->ftr_final && L->notes && row->ftr->notes && k < row->ftr->notes->len; k++) {
        msp_note *n = note_of(L, g_ptr_array_index(row->ftr->notes, k), L->notes);
        n->refs++;
        msp_note_part part = { n, 0, (int)n->items->len };
        g_array_append_val(L->parts, part);
    }
    /* the footer's own place is after the table's last row; above it, repeats */
    return heading_emit(L, page, row->ftr, MSP_ZONE_BODY, x0, y, -1, !row->ftr_final);
}

msp_item *msp_table_heading_item(msp_table_hdr *h, const msp_fo_node *table, bool top, bool repeat)
{
    msp_item *it = msp_item_new(MSP_ITEM_GROUP, h->h);
    it->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    it->heading = true;
    it->heading_top = top;
    it->heading_repeat = repeat;
    it->hdr = h;
    h->refs++;
    it->src = table;
    it->src_sub = top ? MSP_SRC_OPEN : MSP_SRC_CLOSE;
    it->cont = repeat;
    return it;
}

void msp_table_heading_draw(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone,
                            double x0, double top, int footnote)
{
    heading_emit(L, page, it->hdr, zone, x0, top, footnote, it->heading_repeat);
}
