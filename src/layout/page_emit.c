/* Page emission: one finished page built from the placed boxes and note
 * parts (body with decorations open across the break, footnote area under
 * the separator, static content, region backgrounds, ids and markers),
 * sent to the sink and freed. Choosing what goes on the page is layout.c. */
#include "layout/layout_private.h"
#include "layout/page_queue.h"

#include <string.h>

static void emit_static(msp_layout *L, msp_page *page, const msp_fo_node *sc, msp_rect r,
                        const msp_fo_node *region, msp_zone zone)
{
    if (!sc)
        return;
    /* a region without width (extent 0) still gets its content, overflowing it:
     * text is never dropped for want of room */
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    /* a turned region (orientation.c): its content in the turned frame */
    int turn = region && zone != MSP_ZONE_BODY ? region->style->reference_orientation : 0;
    double fw = r.w, fh = r.h;
    if (turn)
        msp_turn_region_frame(turn, r, &fw, &fh);
    msp_gen g;
    msp_gen_init(&g, L, page->number_text);
    g.in_static = true;
    msp_refarea ra = { 0, fw, { 0 } };
    if (sc->id)
        g_ptr_array_add(g.p_ids, (gpointer)sc->id);
    msp_status st = msp_gen_children(&g, sc, &ra);
    msp_gen_anchor(&g);
    if (st != MSP_OK && L->st == MSP_OK)
        L->st = st;
    double h = msp_items_height(g.out), dy = 0;
    msp_display_align da = region ? region->style->display_align : MSP_DA_BEFORE;
    if (da == MSP_DA_CENTER)
        dy = (fh - h) / 2;
    else if (da == MSP_DA_AFTER)
        dy = fh - h;
    if (turn) {
        int begin = msp_turn_region_begin(page, zone, turn, r);
        msp_run_emit(L, page, g.out, 0, (int)g.out->len, zone, 0, dy, -1);
        msp_turn_region_end(page, zone, begin);
    } else {
        msp_run_emit(L, page, g.out, 0, (int)g.out->len, zone, r.x, r.y + dy, -1);
    }
    msp_gen_clear(&g);
}

/* The static content flowing into a page's region: the one whose flow-name is
 * the region's region-name (default: the region's xsl- name). */
static const msp_fo_node *static_for(msp_layout *L, const msp_fo_node *region, const char *dflt)
{
    if (!region || !L->statics)
        return NULL;
    const char *name = msp_fo_attr_value(region, "region-name");
    return g_hash_table_lookup(L->statics, name ? name : dflt);
}

typedef struct open_deco {
    msp_deco *d;
    double y0;
    int at;
    bool open_top;
} open_deco;

/* Blocks open where a column ends: drawn open at the bottom there, and open
 * at the top from the next column's top (y). */
static void split_open(msp_page *page, GArray *open, double x_old, double y_old, double y)
{
    for (guint i = 0; i < open->len; i++) {
        open_deco *o = &g_array_index(open, open_deco, i);
        msp_deco_draw(page, o->d, MSP_ZONE_BODY, x_old, o->y0, y_old, o->open_top, true, o->at);
        o->y0 = y;
        o->at = page->n_areas;
        o->open_top = true;
    }
}

/* The background of each region with a size, under everything else on the
 * page; the region's own border and padding are not drawn (said once). */
static void region_backgrounds(msp_layout *L, msp_page *page)
{
    const msp_fo_node *body = NULL;
    for (const msp_fo_node *r = L->m.node ? L->m.node->first : NULL; r && !body; r = r->next)
        if (r->kind == MSP_FO_REGION_BODY)
            body = r;
    const msp_fo_node *regions[] = { body, L->m.rbefore, L->m.rafter, L->m.rstart, L->m.rend };
    const msp_rect *rects[] = { &L->m.body, &L->m.before, &L->m.after, &L->m.start, &L->m.end };
    const msp_zone zones[] = { MSP_ZONE_BODY, MSP_ZONE_BEFORE, MSP_ZONE_AFTER, MSP_ZONE_START, MSP_ZONE_END };
    for (size_t i = 0; i < G_N_ELEMENTS(regions); i++) {
        const msp_fo_node *r = regions[i];
        if (!r || rects[i]->w <= 0 || rects[i]->h <= 0)
            continue;
        const msp_fo_style *s = r->style;
        if (s->background_color != MSP_COLOR_NONE) {
            msp_area a = { .kind = MSP_AREA_RECT, .zone = zones[i], .x = rects[i]->x, .y = rects[i]->y,
                           .w = rects[i]->w, .h = rects[i]->h };
            a.u.rect.color = s->background_color;
            msp_page_add(page, &a);
        }
        bool frame = false;
        for (int k = 0; k < 4; k++)
            frame = frame || s->padding[k] > 0 ||
                    (s->border[k].style != MSP_BORDER_NONE && s->border[k].width > 0);
        if (frame && L->emit && msp_layout_first_time(L, r))
            msp_diag_warn(&L->job->diags, r->loc, "remove them, or put them on the flow's blocks",
                          "border and padding on %s are not drawn", msp_fo_kind_name(r->kind));
    }
}

msp_status msp_page_emit(msp_layout *L, bool blank)
{
    msp_page *page = msp_page_new(L->m.pw, L->m.ph);
    page->index = L->page_index;
    page->number = L->number;
    page->rtl = L->seq && L->seq->style->rtl;
    page->number_text = msp_page_number_format(page->arena, L->number, L->format);
    page->master = msp_arena_strdup(page->arena, L->m.name);
    page->region[MSP_ZONE_BODY] = L->m.body;
    page->region[MSP_ZONE_BEFORE] = L->m.before;
    page->region[MSP_ZONE_AFTER] = L->m.after;
    page->region[MSP_ZONE_START] = L->m.start;
    page->region[MSP_ZONE_END] = L->m.end;
    msp_turn_page_begin(L, page);   /* a turned master: the page is drawn turned on its sheet */
    msp_markers_page_start(L);
    region_backgrounds(L, page);
    msp_cite_page(L, page);

    double x0 = L->m.body.x, y = L->m.body.y;
    GArray *open = g_array_new(FALSE, FALSE, sizeof(open_deco));
    for (guint i = 0; i < L->open->len; i++) {
        open_deco o = { g_ptr_array_index(L->open, i), y, page->n_areas, true };
        g_array_append_val(open, o);
    }
    g_ptr_array_set_size(L->open, 0);
    /* the last box: trailing glue is not drawn */
    guint last_box = 0;
    for (guint i = 0; i < L->placed->len; i++)
        if (g_array_index(L->placed, msp_placed, i).it->kind != MSP_ITEM_GLUE)
            last_box = i + 1;
    bool page_top = true;
    int col = 0;
    double col_top = 0;
    for (guint i = 0; i < last_box && !blank; i++) {
        const msp_placed *p = &g_array_index(L->placed, msp_placed, i);
        const msp_item *it = p->it;
        if (p->skip)
            continue;
        if (p->col != col || p->col_top != col_top) {
            /* the next column, or a column set below */
            double nx = L->m.body.x + msp_cols_x(L, p->col), ny = L->m.body.y + p->col_top;
            split_open(page, open, x0, y, ny);
            x0 = nx;
            y = ny;
            col = p->col;
            col_top = p->col_top;
            page_top = true;
        }
        if (it->kind == MSP_ITEM_GLUE) {
            y += it->h;
            continue;
        }
        if (p->hdr && it->hdr) {
            y += msp_table_header_emit(L, page, it, x0, y);
        } else if (page_top && it->kind == MSP_ITEM_GROUP) {
            /* a row starting the page draws the top edge collapsing gave the row above */
            int n0 = page->n_areas;
            msp_table_row_draw_tops(page, it, MSP_ZONE_BODY, x0, y);
            msp_areas_xform(page, n0, page->n_areas, it->xf, x0);
        }
        page_top = false;
        msp_item_mark(L, page, it, MSP_ZONE_BODY, x0, y);
        if (it->kind == MSP_ITEM_OPEN) {
            /* the open stack holds its own reference, dropped at the close */
            it->deco->refs++;
            open_deco o = { it->deco, y, page->n_areas, false };
            g_array_append_val(open, o);
        } else if (it->kind == MSP_ITEM_CLOSE) {
            y += it->h;
            if (open->len) {
                open_deco o = g_array_index(open, open_deco, open->len - 1);
                g_array_set_size(open, open->len - 1);
                msp_deco_draw(page, o.d, MSP_ZONE_BODY, x0, o.y0, y, o.open_top, false, o.at);
                msp_deco_unref(o.d);
            }
            for (guint k = 0; it->ids_end && k < it->ids_end->len; k++)
                msp_cite_record(L, page, g_ptr_array_index(it->ids_end, k), x0, y, false);
            msp_markers_item_end(L, it, MSP_ZONE_BODY);
            continue;
        } else {
            msp_item_emit(L, page, it, MSP_ZONE_BODY, x0, y, -1);
        }
        for (guint k = 0; it->ids_end && k < it->ids_end->len; k++)
            msp_cite_record(L, page, g_ptr_array_index(it->ids_end, k), x0, y, false);
        msp_markers_item_end(L, it, MSP_ZONE_BODY);
        y += it->h;
        if (it->ftr)
            y += msp_table_footer_emit(L, page, i, x0, y);
    }
    /* blocks continuing on the next page: open bottom edge here */
    for (guint i = 0; i < open->len; i++) {
        open_deco *o = &g_array_index(open, open_deco, i);
        msp_deco_draw(page, o->d, MSP_ZONE_BODY, x0, o->y0, y, o->open_top, true, o->at);
        g_ptr_array_add(L->open, o->d);
    }
    g_array_free(open, TRUE);
    if (!blank)
        msp_floats_emit(L, page);

    /* footnote area at the bottom of the region-body, across its columns */
    x0 = L->m.body.x;
    double nh = msp_notes_height(L);
    double bottom = L->m.body.y + L->m.body.h;
    if (msp_notes_any(L)) {
        double top = bottom - nh;
        if (L->sep_items) {
            page->region[MSP_ZONE_SEPARATOR] = (msp_rect){ x0, top - L->sep_h, L->m.body.w, L->sep_h };
            msp_run_emit(L, page, L->sep_items, 0, (int)L->sep_items->len, MSP_ZONE_SEPARATOR, x0,
                         top - L->sep_h, -1);
        }
        page->region[MSP_ZONE_FOOTNOTES] = (msp_rect){ x0, top, L->m.body.w, nh };
        int idx = 0;
        double ny = top;
        for (guint i = 0; i < L->parts->len; i++) {
            const msp_note_part *p = &g_array_index(L->parts, msp_note_part, i);
            if (p->to <= p->from)
                continue;
            msp_run_emit(L, page, p->note->items, p->from, p->to, MSP_ZONE_FOOTNOTES, x0, ny, idx);
            ny += msp_note_height(p->note, p->from, p->to);
            idx++;
        }
        page->n_footnotes = idx;
    }
    emit_static(L, page, static_for(L, L->m.rbefore, "xsl-region-before"), L->m.before, L->m.rbefore,
                MSP_ZONE_BEFORE);
    emit_static(L, page, static_for(L, L->m.rafter, "xsl-region-after"), L->m.after, L->m.rafter,
                MSP_ZONE_AFTER);
    emit_static(L, page, static_for(L, L->m.rstart, "xsl-region-start"), L->m.start, L->m.rstart,
                MSP_ZONE_START);
    emit_static(L, page, static_for(L, L->m.rend, "xsl-region-end"), L->m.end, L->m.rend, MSP_ZONE_END);
    msp_markers_page_end(L);
    msp_turn_page_end(L, page);
    if (page->rtl)
        msp_page_mirror(page);   /* mirror.c */

    msp_status st = L->st;
    if (st == MSP_OK && L->emit && L->opts->report)
        msp_layout_report_add_page(L->opts->report, page);
    if (st == MSP_OK && L->emit && L->opts->sink) {
        if (L->opts->sink_thread) {
            if (!L->drawing)
                L->drawing = msp_page_queue_new(L->opts->sink, L->opts->sink_user);
            st = msp_page_queue_push(L->drawing, page);   /* the queue frees it */
            page = NULL;
        } else {
            st = L->opts->sink(L->opts->sink_user, page, &L->job->diags);
        }
    }
    msp_page_free(page);
    L->page_index++;
    L->seq_pages++;
    if (L->emit)
        L->res->pages = L->page_index;
    if (st == MSP_OK && L->page_index > L->job->limits.max_pages)
        st = msp_diag_error(&L->job->diags, MSP_E_LIMIT, L->seq->loc,
                            "split the document or raise the page limit",
                            "the document has more than %d pages", L->job->limits.max_pages);
    if (st == MSP_OK)
        st = msp_job_check_time(L->job, L->seq->loc);
    if (st != MSP_OK && L->st == MSP_OK)
        L->st = st;
    return L->st;
}

