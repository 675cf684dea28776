/* Tables (table-layout fixed): column widths from fo:table-column (absolute,
 * percent, proportional-column-width), rows as unbreakable groups of cells
 * side by side, cell borders/padding/background, display-align, the
 * table-header and table-footer rows (repeated at breaks: table_heading.c);
 * number-rows-spanned cells (the last spanned row grows to fit them);
 * border-collapse="collapse" (table_collapse.c); the table's own border is
 * not collapsed with its cells'.
 * cells directly in a table part grouped into rows (starts-row, ends-row);
 * break-before/after on a row. Splitting rows at page ends and at forced
 * breaks inside cells: table_break.c. */
#include "layout/layout_private.h"

#define MSP_TABLE_MAX_COLUMNS 1000

#include <string.h>

static double side_w(const msp_fo_style *s, int side)
{
    return (s->border[side].style == MSP_BORDER_NONE ? 0 : s->border[side].width) + s->padding[side];
}

/* A cell spanning rows, until its last row is made. */
typedef struct span_ent {
    msp_item *row;          /* the row group holding the cell */
    guint sub;              /* its sub */
    int left;               /* rows still to make, this one included */
    double need;            /* the cell's height */
    double acc;             /* height of the spanned rows made so far */
    const msp_fo_style *s;
} span_ent;

typedef struct table_ctx {
    double x, w;            /* table content left (region-relative) and width */
    double *colx, *colw;
    int ncols;
    int *busy;              /* rows still covered by a row-spanning cell */
    GArray *spans;          /* of span_ent: open row spans */
} table_ctx;

/* display-align of a cell's content within a cell height */
static void cell_align(msp_sub *sub, const msp_fo_style *s, double cell_h)
{
    double content = msp_items_height(sub->items);
    double room = cell_h - sub->pad_before - sub->pad_after;
    sub->y = sub->pad_before;
    if (s->display_align == MSP_DA_CENTER)
        sub->y += (room - content) / 2;
    else if (s->display_align == MSP_DA_AFTER)
        sub->y += room - content;
    sub->cell_h = cell_h;
}

void msp_table_collect_notes(msp_item *dst, const GPtrArray *items)
{
    for (guint i = 0; i < items->len; i++) {
        const msp_item *ci = g_ptr_array_index(items, i);
        for (guint j = 0; ci->notes && j < ci->notes->len; j++) {
            if (!dst->notes)
                dst->notes = g_ptr_array_new();
            g_ptr_array_add(dst->notes, g_ptr_array_index(ci->notes, j));
        }
        if (ci->attached)
            msp_table_collect_notes(dst, ci->attached);
    }
}

static void add_id_end(msp_item *it, const char *id)
{
    if (!it->ids_end)
        it->ids_end = g_ptr_array_new();
    g_ptr_array_add(it->ids_end, (gpointer)id);
}

/* Moves the generator's pending ids and markers onto it. */
static void take_pending(msp_gen *g, msp_item *it)
{
    GPtrArray *src[2] = { g->p_ids, g->p_markers };
    GPtrArray **dst[2] = { &it->ids, &it->markers };
    for (int k = 0; k < 2; k++) {
        if (src[k]->len == 0)
            continue;
        if (!*dst[k])
            *dst[k] = g_ptr_array_new();
        for (guint i = 0; i < src[k]->len; i++)
            g_ptr_array_add(*dst[k], g_ptr_array_index(src[k], i));
        g_ptr_array_set_size(src[k], 0);
    }
}

/* One row as a group box: the cells [from, to) of row (a fo:table-row, or a
 * table part holding cells directly). last: the part's last row, where open
 * row spans end. */
static msp_item *gen_row(msp_gen *g, table_ctx *t, const msp_fo_node *row, const msp_fo_node *from,
                         const msp_fo_node *to, const msp_refarea *ra, bool last)
{
    msp_item *grp = msp_item_new(MSP_ITEM_GROUP, 0);
    grp->subs = g_array_new(FALSE, TRUE, sizeof(msp_sub));
    grp->xf = g->xf;   /* mirror.c: a header row is drawn without being pushed */
    /* provenance: the row, or the first cell of a row of cells in a part */
    grp->src = row->kind == MSP_FO_TABLE_ROW ? row : from;
    /* ids and markers pending (the row's, its table part's) start at the row's top;
     * the boxes inside the cells carry their own (recorded as the row is drawn) */
    if (row->kind == MSP_FO_TABLE_ROW && row->id) {
        g_ptr_array_add(g->p_ids, (gpointer)row->id);
        add_id_end(grp, row->id);
    }
    take_pending(g, grp);
    /* a row covered by a cell of an earlier row stays with it */
    bool spanned = t->spans->len > 0;
    if (spanned)
        grp->bp = MSP_BP_KEEP;
    int col = 0;
    double h = row && row->style->height.kind == MSP_LEN_ABS ? row->style->height.v : 0;
    for (const msp_fo_node *c = from; c != to; c = c->next) {
        if (c->kind != MSP_FO_TABLE_CELL)
            continue;
        const msp_fo_style *s = c->style;
        if (s->column_number > 0)
            col = s->column_number - 1;
        while (col < t->ncols && t->busy[col] > 0)
            col++;
        int span = MAX(1, s->number_columns_spanned);
        if (col >= t->ncols) {
            msp_diag_warn(&g->L->job->diags, c->loc, "add fo:table-column elements",
                          "fo:table-cell beyond the last column; placed in the last column");
            col = t->ncols - 1;
        }
        if (col + span > t->ncols)
            span = t->ncols - col;
        double cx = t->colx[col], cw = 0;
        for (int k = col; k < col + span; k++) {
            cw += t->colw[k];
            if (s->number_rows_spanned > 1)
                t->busy[k] = s->number_rows_spanned;
        }
        msp_refarea cra = *ra;
        cra.x0 = t->x + cx + side_w(s, MSP_START);
        cra.width = MAX(0, cw - side_w(s, MSP_START) - side_w(s, MSP_END));
        if (c->id)
            g_ptr_array_add(g->p_ids, (gpointer)c->id);
        GPtrArray *items = msp_gen_run(g, c, &cra);
        /* break-after on a cell's last block: after the row */
        if (g->run_after != MSP_BREAK_AUTO && grp->force_after == MSP_BREAK_AUTO)
            grp->force_after = g->run_after;
        double ch = msp_items_height(items) + side_w(s, MSP_BEFORE) + side_w(s, MSP_AFTER);
        if (s->height.kind == MSP_LEN_ABS && s->height.v > ch)
            ch = s->height.v;
        if (s->number_rows_spanned <= 1 && ch > h)
            h = ch;
        msp_sub sub = { .items = items, .y = side_w(s, MSP_BEFORE),
                        .pad_before = side_w(s, MSP_BEFORE), .pad_after = side_w(s, MSP_AFTER),
                        .col0 = col, .col1 = col + span };
        sub.cell = msp_deco_needed(s) ? msp_deco_new(s, t->x + cx, cw) : NULL;
        g_array_append_val(grp->subs, sub);
        if (s->number_rows_spanned > 1) {
            span_ent e = { grp, grp->subs->len - 1, s->number_rows_spanned, ch, 0, s };
            g_array_append_val(t->spans, e);
            spanned = true;
        }
        msp_table_collect_notes(grp, items);
        col += span;
    }
    /* a spanning cell taller than its rows grows the last row it spans */
    double grow = 0;
    for (guint i = 0; i < t->spans->len; i++) {
        const span_ent *e = &g_array_index(t->spans, span_ent, i);
        if (e->left == 1 || last)
            grow = MAX(grow, e->need - (e->acc + h));
    }
    h += grow;
    /* display-align and the cell rectangles need the row height */
    guint k = 0;
    for (const msp_fo_node *c = from; c != to; c = c->next) {
        if (c->kind != MSP_FO_TABLE_CELL)
            continue;
        msp_sub *sub = &g_array_index(grp->subs, msp_sub, k++);
        if (c->style->number_rows_spanned <= 1)
            cell_align(sub, c->style, h);
    }
    for (guint i = t->spans->len; i > 0; i--) {
        span_ent *e = &g_array_index(t->spans, span_ent, i - 1);
        e->acc += h;
        if (--e->left > 0 && !last)
            continue;
        cell_align(&g_array_index(e->row->subs, msp_sub, e->sub), e->s, e->acc);
        g_array_remove_index(t->spans, i - 1);
    }
    for (int i = 0; i < t->ncols; i++)
        if (t->busy[i] > 0)
            t->busy[i]--;
    if (last)
        memset(t->busy, 0, (size_t)t->ncols * sizeof *t->busy);
    grp->h = h;
    if (row->kind == MSP_FO_TABLE_ROW) {
        if (row->style->break_before != MSP_BREAK_AUTO)
            grp->force = row->style->break_before;
        if (row->style->break_after != MSP_BREAK_AUTO)
            grp->force_after = row->style->break_after;
    }
    /* rows tied by a span are kept whole (the spanning cell is drawn with its first row) */
    grp->row = row->style->keep_together == MSP_KEEP_AUTO && !spanned;
    return grp;
}

/* Puts from's ids and markers before dst's own. */
static void prepend_marks(msp_item *dst, msp_item *from)
{
    GPtrArray **src[2] = { &from->ids, &from->markers };
    GPtrArray **dsts[2] = { &dst->ids, &dst->markers };
    for (int k = 0; k < 2; k++) {
        if (!*src[k])
            continue;
        if (*dsts[k])
            for (guint i = 0; i < (*dsts[k])->len; i++)
                g_ptr_array_add(*src[k], g_ptr_array_index(*dsts[k], i));
        else
            *dsts[k] = g_ptr_array_new();
        GPtrArray *tmp = *dsts[k];
        *dsts[k] = *src[k];
        *src[k] = tmp;
    }
}

/* A table without rows: its ids and markers stay pending for the next box. */
static void take_back(msp_gen *g, msp_item *from)
{
    for (guint i = 0; from->ids && i < from->ids->len; i++)
        g_ptr_array_add(g->p_ids, g_ptr_array_index(from->ids, i));
    for (guint i = 0; from->markers && i < from->markers->len; i++)
        g_ptr_array_add(g->p_markers, g_ptr_array_index(from->markers, i));
}

static void columns(msp_gen *g, table_ctx *t, const msp_fo_node *table)
{
    GArray *w = g_array_new(FALSE, FALSE, sizeof(msp_len));
    for (const msp_fo_node *c = table->first; c; c = c->next) {
        if (c->kind != MSP_FO_TABLE_COLUMN)
            continue;
        int rep = MAX(1, c->style->number_columns_repeated);
        if (rep > MSP_TABLE_MAX_COLUMNS || (int)w->len + rep > MSP_TABLE_MAX_COLUMNS) {
            msp_diag_error(&g->L->job->diags, MSP_E_LIMIT, c->loc, "tables may have at most 1000 columns",
                           "number-columns-repeated=\"%d\" makes the table too wide to lay out", rep);
            g->L->st = MSP_E_LIMIT;
            break;
        }
        msp_len l = c->style->column_width;
        if (l.kind == MSP_LEN_AUTO)
            l = (msp_len){ MSP_LEN_PROP, 1 };
        for (int i = 0; i < rep; i++)
            g_array_append_val(w, l);
    }
    if (w->len == 0) {
        /* no columns declared: as many equal columns as the widest row has cells */
        int n = 1;
        for (const msp_fo_node *p = table->first; p; p = p->next)
            for (const msp_fo_node *r = p->first; r; r = r->next) {
                int k = 0;
                for (const msp_fo_node *c = r->first; c; c = c->next)
                    if (c->kind == MSP_FO_TABLE_CELL)
                        k += MAX(1, c->style->number_columns_spanned);
                n = MAX(n, k);
            }
        msp_len l = { MSP_LEN_PROP, 1 };
        for (int i = 0; i < n; i++)
            g_array_append_val(w, l);
    }
    t->ncols = (int)w->len;
    t->colx = g_new0(double, t->ncols);
    t->colw = g_new0(double, t->ncols);
    t->busy = g_new0(int, t->ncols);
    t->spans = g_array_new(FALSE, FALSE, sizeof(span_ent));
    double fixed = 0, prop = 0;
    for (int i = 0; i < t->ncols; i++) {
        msp_len l = g_array_index(w, msp_len, i);
        if (l.kind == MSP_LEN_ABS)
            t->colw[i] = l.v;
        else if (l.kind == MSP_LEN_PCT)
            t->colw[i] = t->w * l.v / 100.0;
        else
            prop += l.v;
        if (l.kind != MSP_LEN_PROP)
            fixed += t->colw[i];
    }
    double rest = t->w - fixed;
    if (rest < 0 && prop > 0)
        msp_diag_warn(&g->L->job->diags, table->loc, NULL,
                      "fixed table columns are wider than the table; proportional columns get 0 pt");
    for (int i = 0; i < t->ncols; i++) {
        msp_len l = g_array_index(w, msp_len, i);
        if (l.kind == MSP_LEN_PROP)
            t->colw[i] = prop > 0 && rest > 0 ? rest * l.v / prop : 0;
    }
    double x = 0;
    for (int i = 0; i < t->ncols; i++) {
        t->colx[i] = x;
        x += t->colw[i];
    }
    /* columns wider than the table run past its end edge (and maybe the
     * page's): never without a word */
    if (x > t->w + 0.01 && !(rest < 0 && prop > 0))
        msp_diag_warn(&g->L->job->diags, table->loc,
                      "narrow the columns, or give them proportional-column-width() or percentages",
                      "the table's columns are %.2f pt wide, %.2f pt more than the %.2f pt it has: "
                      "what is past its end edge is drawn outside it", x, x - t->w, t->w);
    g_array_free(w, TRUE);
}

/* Cells directly in a table part (XSL 6.7.3, 7.28.8, 7.28.15): the row that
 * starts at cell `from` ends before a cell with starts-row="true", after one
 * with ends-row="true", or before a cell that would go past the last column
 * or whose column-number goes back (as FOP does). Returns the first cell of
 * the next row, or NULL. */
static const msp_fo_node *cells_row_end(const table_ctx *t, const msp_fo_node *from)
{
    int col = 0;
    bool any = false;
    for (const msp_fo_node *c = from; c; c = c->next) {
        if (c->kind != MSP_FO_TABLE_CELL)
            continue;
        const msp_fo_style *s = c->style;
        if (any && s->starts_row)
            return c;
        int at = s->column_number > 0 ? s->column_number - 1 : col;
        if (any && at < col)
            return c;
        while (at < t->ncols && t->busy[at] > 0)
            at++;
        int span = MAX(1, s->number_columns_spanned);
        if (any && at + span > t->ncols)
            return c;
        any = true;
        col = at + span;
        if (s->ends_row)
            return c->next;
    }
    return NULL;
}

/* Rows of a table-header/body/footer: fo:table-row children, or cells directly. */
static void gen_rows(msp_gen *g, table_ctx *t, const msp_fo_node *part, const msp_refarea *ra,
                     GPtrArray *out)
{
    bool has_rows = false;
    guint first = out->len;
    if (part->id)
        g_ptr_array_add(g->p_ids, (gpointer)part->id);
    for (const msp_fo_node *r = part->first; r; r = r->next)
        if (r->kind == MSP_FO_TABLE_ROW) {
            const msp_fo_node *n = r->next;
            while (n && n->kind != MSP_FO_TABLE_ROW)
                n = n->next;
            has_rows = true;
            g_ptr_array_add(out, gen_row(g, t, r, r->first, NULL, ra, n == NULL));
        }
    for (const msp_fo_node *c = has_rows ? NULL : part->first; c;) {
        const msp_fo_node *end = cells_row_end(t, c);
        g_ptr_array_add(out, gen_row(g, t, part, c, end, ra, end == NULL));
        c = end;
    }
    if (part->id && out->len > first)
        add_id_end(g_ptr_array_index(out, out->len - 1), part->id);
}

/* ---- headers and footers holding a page number ---- */

static bool has_page_number(const msp_fo_node *n)
{
    for (const msp_fo_node *c = n->first; c; c = c->next)
        if (c->kind == MSP_FO_PAGE_NUMBER || has_page_number(c))
            return true;
    return false;
}

/* A repeated header or footer with a fo:page-number is made again for each
 * page it is drawn on (XSL 6.6.11: the number of the page its area is on):
 * the rows made with the table give its height and are never drawn. */
static void heading_remakes(msp_table_hdr *h, const table_ctx *t, const msp_fo_node *table,
                            const msp_fo_node *part, const msp_refarea *ra)
{
    if (!part || !has_page_number(part))
        return;
    h->remake = true;
    if (h->items->len)
        h->xf = ((const msp_item *)g_ptr_array_index(h->items, 0))->xf;
    h->table = table;
    h->part = part;
    h->ra = *ra;
    h->ncols = t->ncols;
    h->colx = g_memdup2(t->colx, (gsize)t->ncols * sizeof(double));
    h->colw = g_memdup2(t->colw, (gsize)t->ncols * sizeof(double));
    for (guint i = 0; i < h->items->len; i++)
        msp_item_forget(g_ptr_array_index(h->items, i));
}

GPtrArray *msp_table_heading_rows(msp_layout *L, const msp_page *page, const msp_table_hdr *h, bool *made)
{
    *made = h->remake;
    if (!h->remake)
        return h->items;
    msp_gen g;
    msp_gen_init(&g, L, page->number_text);
    g.xf = h->xf;
    table_ctx t = { .x = h->ra.x0, .w = h->ra.width, .ncols = h->ncols, .colx = h->colx, .colw = h->colw };
    t.busy = g_new0(int, t.ncols);
    t.spans = g_array_new(FALSE, FALSE, sizeof(span_ent));
    GPtrArray *rows = g_ptr_array_new();
    gen_rows(&g, &t, h->part, &h->ra, rows);
    for (guint i = 0; i < rows->len; i++)
        msp_table_no_breaks(g_ptr_array_index(rows, i));
    if (h->table->style->border_collapse)
        msp_table_collapse_rows(rows);
    if (g.st != MSP_OK && L->st == MSP_OK)
        L->st = g.st;
    g_free(t.busy);
    g_array_free(t.spans, TRUE);
    msp_gen_clear(&g);
    return rows;
}

msp_status msp_gen_table(msp_gen *g, const msp_fo_node *table, const msp_refarea *ra)
{
    const msp_fo_style *s = table->style;
    /* ra: the table's content rectangle (its indents and width applied by gen_block) */
    table_ctx t = { .x = ra->x0, .w = ra->width };
    columns(g, &t, table);
    /* the table's own ids and markers (and its columns' ids) start with its
     * first body row, not with a header or footer generated before it */
    msp_item *outer = msp_item_new(MSP_ITEM_GROUP, 0);
    for (const msp_fo_node *c = table->first; c; c = c->next)
        if (c->kind == MSP_FO_TABLE_COLUMN && c->id)
            g_ptr_array_add(g->p_ids, (gpointer)c->id);
    take_pending(g, outer);
    GPtrArray *header = g_ptr_array_new(), *rows = g_ptr_array_new(), *footer = g_ptr_array_new();
    const msp_fo_node *hpart = NULL, *fpart = NULL;
    for (const msp_fo_node *p = table->first; p && g->st == MSP_OK; p = p->next) {
        if (p->kind == MSP_FO_TABLE_HEADER) {
            gen_rows(g, &t, p, ra, header);
            hpart = p;
        } else if (p->kind == MSP_FO_TABLE_BODY) {
            gen_rows(g, &t, p, ra, rows);
        } else if (p->kind == MSP_FO_TABLE_FOOTER) {
            gen_rows(g, &t, p, ra, footer);
            fpart = p;
        }
    }
    if (s->border_collapse) {
        /* header, body and footer rows in reading order (the header's last
         * row draws the edge above the first body row) */
        GPtrArray *all = g_ptr_array_new();
        for (guint i = 0; i < header->len; i++)
            g_ptr_array_add(all, g_ptr_array_index(header, i));
        for (guint i = 0; i < rows->len; i++)
            g_ptr_array_add(all, g_ptr_array_index(rows, i));
        for (guint i = 0; i < footer->len; i++)
            g_ptr_array_add(all, g_ptr_array_index(footer, i));
        msp_table_collapse_rows(all);
        g_ptr_array_free(all, TRUE);
    }
    /* the header and footer are repeated at the table's breaks when it has
     * body rows in the flow (not in a cell, a note, static content or a fixed
     * container, which have no page breaks): the header above the first row
     * of each part unless table-omit-header-at-break, the footer below the
     * last row of each part unless table-omit-footer-at-break (XSL 7.28.18-19);
     * otherwise their rows are the table's first and last rows */
    bool repeat = g->paged && g->run_depth == 0 && rows->len > 0;
    /* in a cell of a table in the flow: they are drawn where the table starts
     * and ends in the cell, and again where the row holding the cell splits */
    bool nested = g->paged && g->run_depth > 0 && rows->len > 0;
    msp_table_hdr *hdr = NULL, *ftr = NULL;
    if ((repeat || nested) && header->len && !s->omit_header) {
        for (guint i = 0; i < header->len; i++)
            msp_table_no_breaks(g_ptr_array_index(header, i));
        hdr = msp_table_heading_new(header);
        heading_remakes(hdr, &t, table, hpart, ra);
        header = NULL;
    }
    if ((repeat || nested) && footer->len) {
        for (guint i = 0; i < footer->len; i++)
            msp_table_no_breaks(g_ptr_array_index(footer, i));
        ftr = msp_table_heading_new(footer);
        ftr->omit = s->omit_footer;
        heading_remakes(ftr, &t, table, fpart, ra);
        footer = NULL;
    }
    /* forced breaks in body rows (after collapsing: the parts share their cells'
     * borders); a repeated header or footer has none */
    GPtrArray *parts = g_ptr_array_new();
    for (guint i = 0; header && i < header->len; i++)
        msp_table_split_forced(g, table, g_ptr_array_index(header, i), parts);
    guint body0 = parts->len;
    for (guint i = 0; i < rows->len; i++)
        msp_table_split_forced(g, table, g_ptr_array_index(rows, i), parts);
    guint body1 = parts->len;
    for (guint i = 0; footer && i < footer->len; i++)
        msp_table_split_forced(g, table, g_ptr_array_index(footer, i), parts);
    g_ptr_array_free(rows, TRUE);
    rows = parts;
    /* header and footer rows in the stream stay with the body rows next to them */
    if (header && header->len && body0 < rows->len) {
        msp_item *first = g_ptr_array_index(rows, body0);
        if (repeat && first->bp < MSP_BP_KEEP)
            first->bp = MSP_BP_KEEP;
    }
    if (footer && footer->len && body1 > 0 && body1 < rows->len) {
        msp_item *first = g_ptr_array_index(rows, body1);
        if (first->bp < MSP_BP_KEEP)
            first->bp = MSP_BP_KEEP;
    }
    /* notes anchored in a repeated header or footer are placed with each copy,
     * on every page it is drawn on (as FOP does): the header's with the row
     * below it, the footer's with the table's last row and with each repeat */
    if (repeat && hdr)
        msp_table_heading_keep_notes(hdr);
    if (repeat && ftr) {
        msp_table_heading_keep_notes(ftr);
        msp_item *last = g_ptr_array_index(rows, rows->len - 1);
        for (guint i = 0; ftr->notes && i < ftr->notes->len; i++) {
            if (!last->notes)
                last->notes = g_ptr_array_new();
            g_ptr_array_add(last->notes, g_ptr_array_index(ftr->notes, i));
        }
    }
    if (header)
        g_ptr_array_free(header, TRUE);
    if (footer)
        g_ptr_array_free(footer, TRUE);
    if (rows->len)
        prepend_marks(g_ptr_array_index(rows, 0), outer);
    else
        take_back(g, outer);
    msp_item_free(outer);
    if (nested) {
        /* the heading items carry the header's and footer's notes, ids and markers */
        if (hdr) {
            msp_item *h = msp_table_heading_item(hdr, table, true, false);
            msp_table_notes_move(h, hdr->items, false);
            prepend_marks(h, g_ptr_array_index(rows, 0));
            g_ptr_array_insert(rows, 0, h);
        }
        if (ftr) {
            msp_item *f = msp_table_heading_item(ftr, table, false, false);
            msp_table_notes_move(f, ftr->items, false);
            g_ptr_array_add(rows, f);
        }
        msp_table_heading_unref(hdr);
        msp_table_heading_unref(ftr);
        hdr = ftr = NULL;
    }
    msp_table_headings_attach(rows, hdr, ftr);
    for (guint i = 0; i < rows->len; i++) {
        msp_item *row = g_ptr_array_index(rows, i);
        msp_gen_push_box(g, row);
        if (row->force_after != MSP_BREAK_AUTO)
            g->force = row->force_after;
    }
    msp_table_heading_unref(hdr);
    msp_table_heading_unref(ftr);
    g_ptr_array_free(rows, TRUE);
    g_free(t.colx);
    g_free(t.colw);
    g_free(t.busy);
    g_array_free(t.spans, TRUE);
    return g->st;
}
