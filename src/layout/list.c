/* Lists: a list item's label and body side by side. The body's items flow
 * (the item may break between body lines); the label's lines ride on the
 * body's first box, their first baseline aligned with the body's first
 * baseline. label-end()/body-start() are resolved in block.c (XSL 7.31). */
#include "layout/layout_private.h"

static void move_all(GPtrArray **dst, GPtrArray **src)
{
    if (!*src)
        return;
    if (!*dst)
        *dst = g_ptr_array_new();
    for (guint i = 0; i < (*src)->len; i++)
        g_ptr_array_add(*dst, g_ptr_array_index(*src, i));
    g_ptr_array_free(*src, TRUE);
    *src = NULL;
}

msp_status msp_gen_list_item(msp_gen *g, const msp_fo_node *item, const msp_refarea *ra)
{
    const msp_fo_node *label = NULL, *body = NULL;
    for (const msp_fo_node *c = item->first; c; c = c->next) {
        if (c->kind == MSP_FO_LIST_ITEM_LABEL)
            label = c;
        else if (c->kind == MSP_FO_LIST_ITEM_BODY)
            body = c;
    }
    if (!label || !body)
        return msp_diag_error(&g->L->job->diags, MSP_E_FO, item->loc,
                              "give fo:list-item an fo:list-item-label and an fo:list-item-body",
                              "fo:list-item without %s", label ? "a body" : "a label");
    if (label->id)
        g_ptr_array_add(g->p_ids, (gpointer)label->id);
    GPtrArray *lab = msp_gen_run(g, label, ra);
    if (g->st != MSP_OK) {
        msp_items_free(lab);
        return g->st;
    }
    guint before = g->out->len;
    if (body->id)
        g_ptr_array_add(g->p_ids, (gpointer)body->id);
    for (const msp_fo_node *c = body->first; c; c = c->next)
        if (c->kind == MSP_FO_MARKER)
            g_ptr_array_add(g->p_markers, (gpointer)c);
    msp_status st = msp_gen_children(g, body, ra);
    if (st != MSP_OK) {
        msp_items_free(lab);
        return st;
    }
    /* the body ends with its last box (page-number-citation-last) */
    for (guint i = g->out->len; body->id && i > before; i--) {
        msp_item *it = g_ptr_array_index(g->out, i - 1);
        if (it->kind == MSP_ITEM_GLUE)
            continue;
        if (!it->ids_end)
            it->ids_end = g_ptr_array_new();
        g_ptr_array_add(it->ids_end, (gpointer)body->id);
        break;
    }
    msp_item *host = NULL;
    for (guint i = before; i < g->out->len && !host; i++) {
        msp_item *it = g_ptr_array_index(g->out, i);
        if (it->kind == MSP_ITEM_LINE || it->kind == MSP_ITEM_GROUP)
            host = it;
    }
    if (host && host->cont) {
        /* the body starts with the rest of a paragraph broken again for a
         * page of another width (relayout.c): the label was placed with its
         * first lines */
        for (guint i = 0; i < lab->len; i++) {
            msp_item *it = g_ptr_array_index(lab, i);
            msp_item_forget(it);
            msp_item_free(it);
        }
        g_ptr_array_free(lab, TRUE);
        return MSP_OK;
    }
    if (!host) {
        /* an empty body: the label stands alone */
        for (guint i = 0; i < lab->len; i++) {
            msp_item *it = g_ptr_array_index(lab, i);
            if (it->kind == MSP_ITEM_GLUE) {
                msp_item_free(it);
                continue;
            }
            msp_gen_push_box(g, it);
        }
        g_ptr_array_free(lab, TRUE);
        return MSP_OK;
    }
    /* label lines stacked under the label's first baseline */
    double y = 0, first_base = 0, bottom = 0;
    bool have_first = false;
    for (guint i = 0; i < lab->len; i++) {
        msp_item *it = g_ptr_array_index(lab, i);
        /* the label's ids and markers are the host's (attached lines record none) */
        move_all(&host->ids, &it->ids);
        move_all(&host->ids, &it->ids_end);
        move_all(&host->markers, &it->markers);
        move_all(&host->markers_end, &it->markers_end);
        if (it->kind == MSP_ITEM_LINE) {
            if (!have_first) {
                first_base = y + it->ascent;
                have_first = true;
            }
            it->dy = y + it->ascent - first_base;
            bottom = y + it->h;
            if (!host->attached)
                host->attached = g_ptr_array_new();
            g_ptr_array_add(host->attached, it);
            if (it->notes) {
                if (!host->notes)
                    host->notes = g_ptr_array_new();
                for (guint k = 0; k < it->notes->len; k++)
                    g_ptr_array_add(host->notes, g_ptr_array_index(it->notes, k));
            }
            y += it->h;
            continue;
        }
        if (it->kind != MSP_ITEM_GLUE || i > 0)
            y += it->h;
        msp_item_free(it);
    }
    g_ptr_array_free(lab, TRUE);
    if (have_first) {
        double host_base = host->kind == MSP_ITEM_LINE ? host->ascent : first_base;
        if (host->kind != MSP_ITEM_LINE)
            host->ascent = 0;
        double below = bottom - first_base;
        if (host_base + below > host->h)
            host->h = host_base + below;
        if (host->kind != MSP_ITEM_LINE)
            for (guint i = 0; host->attached && i < host->attached->len; i++) {
                msp_item *a = g_ptr_array_index(host->attached, i);
                a->dy += first_base - a->ascent;
            }
    }
    return MSP_OK;
}
