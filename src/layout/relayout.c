/* A page of another width, or of another number: the boxes waiting in the
 * queue were made for the previous page's body width (lines broken, tables
 * and indents resolved for it) and number (fo:page-number), so the flow
 * children they come from are generated again for the new page and the
 * queue resumes at the first box not yet placed, found by its provenance
 * (msp_item src/src_sub). A paragraph split by the page break has its
 * remaining lines broken again from where the placed ones end
 * (msp_para_build_rest); a table row split by the break keeps its remaining
 * lines (warned when they are too wide). Footnote bodies carried over keep
 * theirs too. */
#include "layout/layout_private.h"

#include <string.h>

msp_loc msp_item_loc(const msp_item *it, msp_loc dflt)
{
    if (it->kind == MSP_ITEM_LINE && it->para && it->line >= 0 && it->line < it->para->para.n_lines &&
        it->para->para.lines[it->line].loc.line > 0)
        return it->para->para.lines[it->line].loc;
    if (it->src)
        return it->src->loc;
    return dflt;
}

void msp_item_forget(msp_item *it)
{
    if (it->para)
        msp_para_forget(&it->para->para);
    for (guint i = 0; it->subs && i < it->subs->len; i++) {
        const msp_sub *s = &g_array_index(it->subs, msp_sub, i);
        for (guint k = 0; k < s->items->len; k++)
            msp_item_forget(g_ptr_array_index(s->items, k));
    }
    for (guint i = 0; it->attached && i < it->attached->len; i++)
        msp_item_forget(g_ptr_array_index(it->attached, i));
    for (guint i = 0; it->sides && i < it->sides->len; i++)
        msp_side_forget(g_ptr_array_index(it->sides, i));
    /* a table header goes with its last row */
    for (guint i = 0; it->hdr && it->hdr->refs == 1 && i < it->hdr->items->len; i++)
        msp_item_forget(g_ptr_array_index(it->hdr->items, i));
    for (guint i = 0; it->ftr && it->ftr->refs == 1 && i < it->ftr->items->len; i++)
        msp_item_forget(g_ptr_array_index(it->ftr->items, i));
}

/* Frees a box that will never be placed: made again for the new width. */
static void discard(msp_item *it)
{
    msp_item_forget(it);
    msp_item_free(it);
}

static bool same_box(const msp_item *a, const msp_item *b)
{
    return a->src && a->src == b->src && a->src_sub == b->src_sub && a->kind == b->kind;
}

/* Whether b belongs to the unit a continues: the other lines of its run, or
 * its own row part. */
static bool same_unit(const msp_item *a, const msp_item *b)
{
    if (!a->src || a->src != b->src || a->kind != b->kind)
        return false;
    return a->kind == MSP_ITEM_LINE || a->src_sub == b->src_sub;
}

/* Diagnostics made again by the second generation: only the new ones stay. */
static void merge_new(msp_diag_list *dst, const msp_diag_list *src)
{
    for (guint i = 0; i < src->items->len; i++) {
        const msp_diag *d = src->items->pdata[i];
        bool seen = false;
        for (guint k = 0; k < dst->items->len && !seen; k++) {
            const msp_diag *e = dst->items->pdata[k];
            seen = e->severity == d->severity && e->loc.line == d->loc.line &&
                   e->loc.column == d->loc.column && strcmp(e->message, d->message) == 0;
        }
        if (!seen)
            msp_diag_add(dst, d->severity, d->status, d->loc, d->hint, "%s", d->message);
    }
}

/* The notes built for the old boxes are for the old width: built again when
 * their anchors are tried (a part already placed or carried keeps its own). */
static void drop_notes(msp_layout *L, const msp_item *it)
{
    for (guint k = 0; L->notes && it->notes && k < it->notes->len; k++)
        g_hash_table_remove(L->notes, g_ptr_array_index(it->notes, k));
}

/* Decorations open across the break take the new geometry: the OPEN of the
 * same block among the new boxes before the resume point. */
static void renew_open(msp_layout *L, GPtrArray *fresh, guint upto)
{
    for (guint i = 0; i < L->open->len; i++) {
        msp_deco *d = g_ptr_array_index(L->open, i);
        if (!d->src)
            continue;
        for (guint k = upto; k > 0; k--) {
            const msp_item *n = g_ptr_array_index(fresh, k - 1);
            if (n->kind == MSP_ITEM_OPEN && n->deco && n->deco->src == d->src) {
                n->deco->refs++;
                msp_deco_unref(d);
                g_ptr_array_index(L->open, i) = n->deco;
                break;
            }
        }
    }
}

static void warn_kept_lines(msp_layout *L, const GPtrArray *kept, double old_width)
{
    int wide = 0;
    double most = 0;
    const msp_item *first = NULL;
    for (guint i = 0; i < kept->len; i++) {
        const msp_item *it = g_ptr_array_index(kept, i);
        if (it->kind != MSP_ITEM_LINE || !it->para)
            continue;
        const msp_line *ln = &it->para->para.lines[it->line];
        double over = it->x + ln->x + ln->width - msp_cols_width(L, L->q_span);
        if (over > 0.5) {
            wide++;
            most = MAX(most, over);
            if (!first)
                first = it;
        }
    }
    if (wide && msp_layout_first_time(L, first->src))
        msp_diag_warn(&L->job->diags, msp_item_loc(first, L->flow->loc),
                      "give the pages of the sequence one body width, or start the paragraph on the "
                      "narrower page (break-before)",
                      "a paragraph broken across pages of different widths keeps the lines of the "
                      "%.2f pt wide page: %d line%s reach%s up to %.2f pt past the %.2f pt body",
                      old_width, wide, wide == 1 ? "" : "s", wide == 1 ? "es" : "", most,
                      msp_cols_width(L, L->q_span));
}

msp_status msp_relayout_queue(msp_layout *L)
{
    /* the first box waiting; glue before it stays as it is */
    guint n = g_queue_get_length(&L->queue), b = 0;
    const msp_item *first = NULL;
    for (; b < n; b++) {
        first = g_queue_peek_nth(&L->queue, b);
        if (first->kind != MSP_ITEM_GLUE)
            break;
        first = NULL;
    }
    double old_width = L->q_width;
    L->q_width = msp_cols_width(L, L->q_span);
    L->q_number = L->number;
    if (!first || !first->top || !first->src)
        return MSP_OK;

    /* generate the flow children again, from the first box's to the last one made */
    msp_gen g;
    msp_gen_init(&g, L, NULL);
    g.paged = true;
    /* a paragraph split by the page break: its lines from the first one
     * waiting are broken again for the new width */
    bool rebreak = first->cont && first->kind == MSP_ITEM_LINE && first->para && first->line >= 0 &&
                   first->line < first->para->para.n_lines;
    if (rebreak) {
        g.resume_src = first->src;
        g.resume_from = first->para->para.lines[first->line].start;
        g.resume_text = first->para->para.lines[first->line].text;
    }
    msp_diag_list real = L->job->diags;
    msp_diag_list_init(&L->job->diags);
    msp_status st = MSP_OK;
    msp_refarea ra = { 0, msp_cols_width(L, L->q_span), { 0 } };
    for (const msp_fo_node *c = first->top; c && c != L->next_child && st == MSP_OK; c = c->next) {
        guint from = g.out->len;
        if (c->kind != MSP_FO_TEXT)
            st = msp_gen_block_level(&g, c, &ra);
        for (guint i = from; i < g.out->len; i++)
            ((msp_item *)g_ptr_array_index(g.out, i))->top = c;
    }
    msp_diag_list quiet = L->job->diags;
    L->job->diags = real;
    merge_new(&L->job->diags, &quiet);
    msp_diag_list_clear(&quiet);
    GPtrArray *fresh = g.out;
    bool rebroken = rebreak && !g.resume_src && !g.resume_failed;
    g.out = NULL;
    msp_gen_clear(&g);
    if (st != MSP_OK) {
        for (guint i = 0; i < fresh->len; i++)
            discard(g_ptr_array_index(fresh, i));
        g_ptr_array_free(fresh, TRUE);
        return L->st = st;
    }

    /* where the queue resumes among the new boxes */
    GPtrArray *kept = g_ptr_array_new();
    guint resume = fresh->len;
    bool found = false;
    if (!first->cont) {
        for (guint i = 0; i < fresh->len && !found; i++)
            if (same_box(first, g_ptr_array_index(fresh, i))) {
                resume = i;
                found = true;
            }
    } else if (rebroken) {
        /* the new lines of the rest of the paragraph */
        for (guint i = 0; i < fresh->len && !found; i++)
            if (same_unit(first, g_ptr_array_index(fresh, i))) {
                resume = i;
                found = true;
            }
        if (found) {
            msp_item *nf = g_ptr_array_index(fresh, resume);
            nf->bp = first->bp;
            nf->force = first->force;
            msp_para_forget_from(&first->para->para, first->line);
        }
    } else {
        /* the rest of a split paragraph or row: its old lines stay, the new
         * boxes resume after the unit's last one */
        for (guint i = b; i < n; i++) {
            msp_item *it = g_queue_peek_nth(&L->queue, i);
            if (!same_unit(first, it))
                break;
            g_ptr_array_add(kept, it);
        }
        for (guint i = fresh->len; i > 0 && !found; i--)
            if (same_unit(first, g_ptr_array_index(fresh, i - 1))) {
                resume = i;
                found = true;
            }
    }
    if (!found) {
        /* not made again the same way: keep the queue as it was */
        L->q_width = old_width;
        g_ptr_array_free(kept, TRUE);
        for (guint i = 0; i < fresh->len; i++)
            discard(g_ptr_array_index(fresh, i));
        g_ptr_array_free(fresh, TRUE);
        return MSP_OK;
    }
    renew_open(L, fresh, resume);

    /* the old boxes from the first one on go (but the kept lines) */
    GPtrArray *glue = g_ptr_array_new();
    for (guint i = 0; i < b; i++)
        g_ptr_array_add(glue, g_queue_pop_head(&L->queue));
    msp_item *old_first = NULL;
    const bool first_cont = first->cont;   /* first itself may be discarded below */
    GPtrArray *tail = g_ptr_array_new();
    while (!g_queue_is_empty(&L->queue)) {
        msp_item *it = g_queue_pop_head(&L->queue);
        bool keep = false;
        for (guint k = 0; k < kept->len && !keep; k++)
            keep = g_ptr_array_index(kept, k) == it;
        if (keep)
            continue;
        if (it->anchor && !it->top) {
            /* the ids of empty blocks at the flow's end are not made again */
            g_ptr_array_add(tail, it);
            continue;
        }
        if (!old_first && !first_cont)
            old_first = it;   /* its break, keeps and marks go to its new self */
        else {
            drop_notes(L, it);
            discard(it);
        }
    }
    if (old_first) {
        msp_item *nf = g_ptr_array_index(fresh, resume);
        nf->bp = old_first->bp;
        nf->force = old_first->force;
        GPtrArray *t = nf->ids;
        nf->ids = old_first->ids;
        old_first->ids = t;
        t = nf->markers;
        nf->markers = old_first->markers;
        old_first->markers = t;
        drop_notes(L, old_first);
        discard(old_first);
    }
    for (guint i = 0; i < resume; i++)
        discard(g_ptr_array_index(fresh, i));

    for (guint i = 0; i < glue->len; i++)
        g_queue_push_tail(&L->queue, g_ptr_array_index(glue, i));
    for (guint i = 0; i < kept->len; i++)
        g_queue_push_tail(&L->queue, g_ptr_array_index(kept, i));
    for (guint i = resume; i < fresh->len; i++)
        g_queue_push_tail(&L->queue, g_ptr_array_index(fresh, i));
    for (guint i = 0; i < tail->len; i++)
        g_queue_push_tail(&L->queue, g_ptr_array_index(tail, i));
    g_ptr_array_free(tail, TRUE);
    if (kept->len)
        warn_kept_lines(L, kept, old_width);
    g_ptr_array_free(glue, TRUE);
    g_ptr_array_free(kept, TRUE);
    g_ptr_array_free(fresh, TRUE);
    return MSP_OK;
}
