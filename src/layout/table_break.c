/* Breaking table rows: a row taller than what is left of a page split
 * between the lines of its cells (msp_table_row_split; layout.c decides
 * where), keeping room for the notes anchored in the first part and, for a
 * table inside a cell, repeating that table's header and footer at the
 * split; a forced break on a block inside a cell splitting the row there
 * (msp_table_split_forced), and break-before/after on a cell's first/last
 * block becoming the row's. */
#include "layout/layout_private.h"

/* ---- splitting a row across pages ---- */

static bool is_box(const msp_item *it)
{
    return it->kind == MSP_ITEM_LINE || it->kind == MSP_ITEM_GROUP || it->kind == MSP_ITEM_CLOSE;
}

/* How many items of a cell's run fit when the run starts at y0 and must end
 * by room: the split goes after a box, not before a decoration's end and
 * not after the header of a table in the cell. */
static guint cell_fit(const GPtrArray *items, double y0, double room, double *bottom)
{
    double y = y0;
    guint k = 0;
    *bottom = y0;
    for (guint i = 0; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        double h = it->kind == MSP_ITEM_GLUE && i == 0 && !it->retain ? 0 : it->h;
        if (y + h > room + 0.001)
            break;
        y += h;
        const msp_item *next = i + 1 < items->len ? g_ptr_array_index(items, i + 1) : NULL;
        /* not between a table's header and its first row either */
        if (is_box(it) && (!next || next->kind != MSP_ITEM_CLOSE) && !(it->heading && it->heading_top)) {
            k = i + 1;
            *bottom = y;
        }
    }
    return k;
}

/* Height of the first k items of a cell's run (a leading glue dropped). */
static double run_height(const GPtrArray *items, guint k)
{
    double h = 0;
    for (guint i = 0; i < k; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (!(it->kind == MSP_ITEM_GLUE && i == 0 && !it->retain))
            h += it->h;
    }
    return h;
}

/* The table a box of a cell's run belongs to when it is a row of a table in
 * the cell or that table's heading item, or NULL. */
static const msp_fo_node *box_table(const msp_item *it)
{
    if (!it || it->kind != MSP_ITEM_GROUP || !it->src)
        return NULL;
    if (it->heading)
        return it->src;
    if (it->src->kind != MSP_FO_TABLE_ROW && it->src->kind != MSP_FO_TABLE_CELL)
        return NULL;
    const msp_fo_node *t = it->src->parent;
    while (t && t->kind != MSP_FO_TABLE)
        t = t->parent;
    return t;
}

/* The box nearest index i in a run, going by step (glue skipped), or NULL. */
static const msp_item *box_near(const GPtrArray *items, int i, int step)
{
    for (; i >= 0 && i < (int)items->len; i += step) {
        const msp_item *it = g_ptr_array_index(items, (guint)i);
        if (it->kind != MSP_ITEM_GLUE)
            return it;
    }
    return NULL;
}

/* A split of a cell's run before index k inside a table in the cell: its
 * header to repeat at the top of the rest (*hdr) and its footer to draw at
 * the bottom of the first part (*ftr), either NULL. */
static void split_headings(const GPtrArray *items, guint k, const msp_item **hdr, const msp_item **ftr)
{
    *hdr = *ftr = NULL;
    const msp_item *prev = box_near(items, (int)k - 1, -1), *next = box_near(items, (int)k, 1);
    const msp_fo_node *t = box_table(prev);
    if (!t || box_table(next) != t)
        return;
    for (int i = (int)k - 1; i >= 0 && !*hdr; i--) {
        const msp_item *it = g_ptr_array_index(items, (guint)i);
        if (it->heading && it->heading_top && it->src == t)
            *hdr = it;
    }
    for (guint i = k; i < items->len && !*ftr; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->heading && !it->heading_top && it->src == t)
            *ftr = it;
    }
    if (next->heading)
        *hdr = NULL;   /* the footer follows: no rows to repeat the header above */
    if (prev->heading || (*ftr && (*ftr)->hdr->omit))
        *ftr = NULL;
}

/* A repeat of a heading item, with its notes (placed with each copy, as FOP does). */
static msp_item *repeat_heading(const msp_item *h)
{
    msp_item *it = msp_table_heading_item(h->hdr, h->src, h->heading_top, true);
    if (h->notes)
        it->notes = g_ptr_array_copy(h->notes, NULL, NULL);
    return it;
}

/* Splits row after the first k[c] items of each cell c: row keeps them (cell
 * borders open at the bottom), the rest is returned as a new row (open at the
 * top, same header). */
static msp_item *split_cells(msp_item *row, const guint *k)
{
    guint n = row->subs->len;
    double h1 = 0;
    for (guint c = 0; c < n; c++) {
        const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
        const msp_item *hh, *fh;
        split_headings(s->items, k[c], &hh, &fh);
        if (k[c] > 0)
            h1 = MAX(h1, s->pad_before + run_height(s->items, k[c]) + (fh ? fh->h : 0));
    }
    msp_item *rest = msp_item_new(MSP_ITEM_GROUP, 0);
    rest->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    rest->row = true;
    rest->xf = row->xf;
    rest->src = row->src;
    rest->src_sub = row->src_sub;
    rest->top = row->top;
    double h2 = 0;
    for (guint c = 0; c < n; c++) {
        msp_sub *s = &g_array_index(row->subs, msp_sub, c);
        msp_sub r = { .items = g_ptr_array_new(), .pad_after = s->pad_after, .open_top = true,
                      .open_bottom = s->open_bottom, .col0 = s->col0, .col1 = s->col1 };
        /* a table in the cell split too: its footer below the first part, its
         * header above the rest (XSL 7.28.18-19) */
        const msp_item *hh, *fh;
        split_headings(s->items, k[c], &hh, &fh);
        if (hh)
            g_ptr_array_add(r.items, repeat_heading(hh));
        for (guint i = k[c]; i < s->items->len; i++)
            g_ptr_array_add(r.items, g_ptr_array_index(s->items, i));
        g_ptr_array_set_size(s->items, k[c]);   /* moved, not freed */
        if (fh)
            g_ptr_array_add(s->items, repeat_heading(fh));
        if (s->cell) {
            r.cell = s->cell;
            s->cell->refs++;
        }
        h2 = MAX(h2, msp_items_height(r.items) + r.pad_after);
        s->y = s->pad_before;
        s->open_bottom = true;
        s->cell_h = h1;
        g_array_append_val(rest->subs, r);
    }
    for (guint c = 0; c < n; c++)
        g_array_index(rest->subs, msp_sub, c).cell_h = h2;
    row->h = h1;
    rest->h = h2;
    /* notes follow their anchors (those of a repeated header stay with the
     * first part); ids stay where the row starts, ends move on */
    if (row->notes) {
        GPtrArray *own = g_ptr_array_new(), *cells = g_ptr_array_new();
        msp_item tmp = { .notes = cells };
        for (guint c = 0; c < n; c++) {
            msp_table_collect_notes(&tmp, g_array_index(row->subs, msp_sub, c).items);
            msp_table_collect_notes(&tmp, g_array_index(rest->subs, msp_sub, c).items);
        }
        for (guint i = 0; i < row->notes->len; i++) {
            gpointer fn = g_ptr_array_index(row->notes, i);
            guint at;
            if (!g_ptr_array_find(cells, fn, &at))
                g_ptr_array_add(own, fn);
        }
        g_ptr_array_free(cells, TRUE);
        g_ptr_array_free(row->notes, TRUE);
        row->notes = own->len ? own : NULL;
        if (!own->len)
            g_ptr_array_free(own, TRUE);
    }
    for (guint c = 0; c < n; c++) {
        msp_table_collect_notes(row, g_array_index(row->subs, msp_sub, c).items);
        msp_table_collect_notes(rest, g_array_index(rest->subs, msp_sub, c).items);
    }
    rest->ids_end = row->ids_end;
    row->ids_end = NULL;
    rest->force_after = row->force_after;
    row->force_after = MSP_BREAK_AUTO;
    if (row->hdr) {
        rest->hdr = row->hdr;
        row->hdr->refs++;
    }
    if (row->ftr) {
        rest->ftr = row->ftr;
        row->ftr->refs++;
        rest->ftr_final = row->ftr_final;
        row->ftr_final = false;
        if (row->ftr->omit) {
            /* not repeated: it stays with the last part */
            msp_table_heading_unref(row->ftr);
            row->ftr = NULL;
        }
    }
    return rest;
}

/* Where each cell's run splits for a first part at most room tall: k[c]
 * items; false when no cell line fits or every cell fits whole. */
static bool split_points(const msp_item *row, double room, guint *k)
{
    bool some = false, all = true;
    for (guint c = 0; c < row->subs->len; c++) {
        const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
        double bottom;
        /* a split row's cells start at the top: display-align was for the whole height */
        k[c] = cell_fit(s->items, s->pad_before, room, &bottom);
        /* inside a table in the cell: room for its footer below the first part */
        const msp_item *hh, *fh;
        split_headings(s->items, k[c], &hh, &fh);
        if (fh && k[c] < s->items->len)
            k[c] = cell_fit(s->items, s->pad_before, room - fh->h, &bottom);
        some = some || k[c] > 0;
        all = all && k[c] == s->items->len;
    }
    return some && !all;
}

/* Height of the notes anchored in the first k[c] items of each cell. */
static double prefix_notes_h(msp_layout *L, GHashTable *cache, const msp_item *row, const guint *k)
{
    msp_item tmp = { .notes = NULL };
    for (guint c = 0; c < row->subs->len; c++) {
        const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
        GPtrArray part = { .pdata = s->items->pdata, .len = k[c] };
        msp_table_collect_notes(&tmp, &part);
        /* and those of the footer a table in the cell repeats below the part */
        const msp_item *hh, *fh;
        split_headings(s->items, k[c], &hh, &fh);
        for (guint i = 0; fh && fh->notes && i < fh->notes->len; i++) {
            if (!tmp.notes)
                tmp.notes = g_ptr_array_new();
            g_ptr_array_add(tmp.notes, g_ptr_array_index(fh->notes, i));
        }
    }
    double h = 0;
    for (guint i = 0; tmp.notes && i < tmp.notes->len; i++) {
        const msp_fo_node *fn = g_ptr_array_index(tmp.notes, i);
        msp_note *n = g_hash_table_lookup(cache, fn);
        if (!n) {
            n = msp_note_build(L, fn);
            g_hash_table_insert(cache, (gpointer)fn, n);
        }
        h += msp_note_height(n, 0, (int)n->items->len);
    }
    if (tmp.notes)
        g_ptr_array_free(tmp.notes, TRUE);
    return h;
}

msp_item *msp_table_row_split(msp_layout *L, GHashTable *cache, msp_item *row, double room, double sep)
{
    if (!row->row || !row->subs || row->subs->len == 0)
        return NULL;
    guint *k = g_new(guint, row->subs->len);
    bool ok = split_points(row, room, k);
    /* the first part's notes go under it on the same page: a shorter part
     * when they would not fit below it (as FOP does) */
    double r = room;
    for (int tries = 0; ok && tries < 8; tries++) {
        double nh = prefix_notes_h(L, cache, row, k);
        if (nh <= 0)
            break;
        double used = 0;
        for (guint c = 0; c < row->subs->len; c++) {
            const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
            if (k[c] > 0)
                used = MAX(used, s->pad_before + run_height(s->items, k[c]));
        }
        if (used + nh + sep <= room + 0.001)
            break;
        r = MIN(r, room - nh - sep);
        if (r <= 0 || !split_points(row, r, k)) {
            ok = split_points(row, room, k);   /* the notes go on as they can */
            break;
        }
    }
    msp_item *rest = ok ? split_cells(row, k) : NULL;
    if (rest)
        rest->cont = true;   /* split where a page ends: not made again at another width */
    g_free(k);
    return rest;
}

/* ---- forced breaks inside cells ---- */

/* The first box of a cell's run at or after index from with a forced break,
 * or -1. */
static int forced_box(const GPtrArray *items, guint from)
{
    for (guint i = from; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (it->kind != MSP_ITEM_GLUE && it->force != MSP_BREAK_AUTO)
            return (int)i;
    }
    return -1;
}

/* The bottom of a cell's first step: its content down to the first place a
 * break is allowed (past keeps, widows and orphans), from the cell's top. */
static double first_step(const msp_sub *s)
{
    double y = s->pad_before;
    for (guint i = 0; i < s->items->len; i++) {
        const msp_item *it = g_ptr_array_index(s->items, i);
        if (!(it->kind == MSP_ITEM_GLUE && i == 0 && !it->retain))
            y += it->h;
        if (it->kind == MSP_ITEM_GLUE || it->kind == MSP_ITEM_OPEN)
            continue;
        const msp_item *next = NULL;
        for (guint j = i + 1; j < s->items->len && !next; j++) {
            const msp_item *n = g_ptr_array_index(s->items, j);
            if (n->kind != MSP_ITEM_GLUE)
                next = n;
        }
        if (!next || (next->bp == MSP_BP_FREE && next->kind != MSP_ITEM_CLOSE) ||
            next->force != MSP_BREAK_AUTO)
            return y;
    }
    return y;
}

/* Leaves no forced break on the leading boxes of each cell's run (glue
 * skipped): they become the row's break before. Returns the strongest. */
static msp_break leading_breaks(msp_item *row)
{
    msp_break f = MSP_BREAK_AUTO;
    for (guint c = 0; c < row->subs->len; c++) {
        GPtrArray *items = g_array_index(row->subs, msp_sub, c).items;
        for (guint i = 0; i < items->len; i++) {
            msp_item *it = g_ptr_array_index(items, i);
            if (it->kind == MSP_ITEM_GLUE)
                continue;
            if (it->force != MSP_BREAK_AUTO && f == MSP_BREAK_AUTO)
                f = it->force;
            it->force = MSP_BREAK_AUTO;
            break;
        }
    }
    return f;
}

/* A repeated header or footer row: no forced breaks of its own or inside. */
void msp_table_no_breaks(msp_item *row)
{
    leading_breaks(row);
    row->force = row->force_after = MSP_BREAK_AUTO;
    for (guint c = 0; c < row->subs->len; c++) {
        GPtrArray *items = g_array_index(row->subs, msp_sub, c).items;
        for (int f; (f = forced_box(items, 0)) >= 0;)
            ((msp_item *)g_ptr_array_index(items, (guint)f))->force = MSP_BREAK_AUTO;
    }
}

/* A forced break on a block inside a cell ends the row's part there (XSL
 * 4.8: forced breaks win over the row being kept whole): the cells' content
 * above the break stays, the rest starts a row part of its own on the next
 * page. The parts are appended to out. */
void msp_table_split_forced(msp_gen *g, const msp_fo_node *table, msp_item *row, GPtrArray *out)
{
    for (;;) {
        msp_break lead = leading_breaks(row);
        if (lead != MSP_BREAK_AUTO)
            row->force = lead;
        guint n = row->subs->len;
        int best = -1;
        double room = 0;
        for (guint c = 0; c < n; c++) {
            const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
            int f = forced_box(s->items, 0);
            if (f < 0)
                continue;
            double y = s->pad_before + run_height(s->items, (guint)f);
            if (best < 0 || y < room) {
                best = (int)c;
                room = y;
            }
        }
        if (best < 0) {
            g_ptr_array_add(out, row);
            return;
        }
        if (!row->row) {
            /* a row tied to others by a spanning cell is kept whole */
            msp_diag_warn(&g->L->job->diags, table->loc, "move the break out of the row-spanning cell",
                          "a forced break inside a table row that a row-spanning cell ties to the "
                          "next is not honoured; the rows stay together");
            for (guint c = 0; c < n; c++) {
                GPtrArray *items = g_array_index(row->subs, msp_sub, c).items;
                for (int f; (f = forced_box(items, 0)) >= 0;)
                    ((msp_item *)g_ptr_array_index(items, (guint)f))->force = MSP_BREAK_AUTO;
            }
            g_ptr_array_add(out, row);
            return;
        }
        /* as FOP's table stepper: every cell gets at least its first step */
        for (guint c = 0; c < n; c++)
            if ((int)c != best)
                room = MAX(room, first_step(&g_array_index(row->subs, msp_sub, c)));
        guint *k = g_new(guint, n);
        msp_break f = MSP_BREAK_PAGE;
        for (guint c = 0; c < n; c++) {
            const msp_sub *s = &g_array_index(row->subs, msp_sub, c);
            int fb = forced_box(s->items, 0);
            if ((int)c == best) {
                k[c] = (guint)fb;
                f = ((msp_item *)g_ptr_array_index(s->items, (guint)fb))->force;
            } else {
                double bottom;
                k[c] = cell_fit(s->items, s->pad_before, room, &bottom);
                if (fb >= 0 && k[c] > (guint)fb)
                    k[c] = (guint)fb;
            }
        }
        msp_item *rest = split_cells(row, k);
        rest->src_sub = row->src_sub + 1;
        g_free(k);
        g_ptr_array_add(out, row);
        rest->force = f;
        row = rest;
    }
}
