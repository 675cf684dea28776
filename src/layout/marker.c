/* Markers: the fo:marker children of flow blocks placed on the current page
 * (first and last starting within it per class, the last one whose parent
 * ends within it, those whose parent carries over onto it from an earlier
 * page, the flow's own on every page after theirs), the last ones of
 * earlier pages (the fallback when a page has none), and fo:retrieve-marker
 * resolution for static content (XSL 1.1 6.13.6).
 * Marker content is laid out only where retrieved (block.c). */
#include "layout/layout_private.h"

#include <string.h>

/* The rank of a marker's parent area in the page's pre-order: those carried
 * over come first (negative ranks, outermost first), then the ones starting
 * on the page in order. */
static int rank_of(const msp_layout *L, const msp_fo_node *marker)
{
    gpointer v;
    if (g_hash_table_lookup_extended(L->mk_rank, marker, NULL, &v))
        return GPOINTER_TO_INT(v);
    return G_MININT;
}

void msp_markers_seq_start(msp_layout *L)
{
    g_ptr_array_set_size(L->mk_open, 0);
}

void msp_markers_page_start(msp_layout *L)
{
    g_hash_table_remove_all(L->mk_first);
    g_hash_table_remove_all(L->mk_last);
    g_hash_table_remove_all(L->mk_end);
    g_hash_table_remove_all(L->mk_rank);
    g_ptr_array_set_size(L->mk_carried, 0);
    for (guint i = 0; i < L->mk_open->len; i++) {
        gpointer m = g_ptr_array_index(L->mk_open, i);
        g_ptr_array_add(L->mk_carried, m);
        g_hash_table_insert(L->mk_rank, m, GINT_TO_POINTER((int)i - (int)L->mk_open->len));
    }
    L->mk_count = 0;
}

void msp_markers_note(msp_layout *L, const msp_fo_node *marker)
{
    const char *cls = msp_fo_attr_value(marker, "marker-class-name");
    if (!cls)
        return;
    if (!g_hash_table_contains(L->mk_first, cls))
        g_hash_table_insert(L->mk_first, (gpointer)cls, (gpointer)marker);
    g_hash_table_insert(L->mk_last, (gpointer)cls, (gpointer)marker);
    g_hash_table_insert(L->mk_rank, (gpointer)marker, GINT_TO_POINTER(L->mk_count++));
    /* open until its parent's last box (markers in inlines have no end:
     * they count on the page they start on only); one directly in the flow
     * until the sequence's end: the flow's areas are on every later page of
     * it, so first-including-carryover finds it there (as Apache FOP) */
    bool in_flow = marker->parent && marker->parent->kind == MSP_FO_FLOW;
    if ((in_flow || g_hash_table_contains(L->mk_closing, marker)) && !g_ptr_array_find(L->mk_open, marker, NULL)) {
        if (in_flow)
            g_ptr_array_insert(L->mk_open, 0, (gpointer)marker);   /* the outermost area: first */
        else
            g_ptr_array_add(L->mk_open, (gpointer)marker);
    }
}

void msp_markers_item_end(msp_layout *L, const msp_item *it, msp_zone zone)
{
    for (guint k = 0; zone == MSP_ZONE_BODY && it->markers_end && k < it->markers_end->len; k++) {
        const msp_fo_node *m = g_ptr_array_index(it->markers_end, k);
        g_ptr_array_remove(L->mk_open, (gpointer)m);
        const char *cls = msp_fo_attr_value(m, "marker-class-name");
        if (!cls)
            continue;
        /* an inline's last area is on its last line: there in pre-order (a
         * block's area on the page is where it starts on the page) */
        msp_fo_kind pk = m->parent ? m->parent->kind : MSP_FO_BLOCK;
        if (pk == MSP_FO_INLINE || pk == MSP_FO_WRAPPER || pk == MSP_FO_BASIC_LINK)
            g_hash_table_insert(L->mk_rank, (gpointer)m, GINT_TO_POINTER(L->mk_count++));
        const msp_fo_node *best = g_hash_table_lookup(L->mk_end, cls);
        if (!best || rank_of(L, m) >= rank_of(L, best))
            g_hash_table_insert(L->mk_end, (gpointer)cls, (gpointer)m);
    }
}

void msp_markers_page_end(msp_layout *L)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, L->mk_last);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        g_hash_table_insert(L->mk_carry, k, v);
        g_hash_table_insert(L->mk_seq_first, k, v);
    }
}

/* The first marker of class cls whose parent carries over onto the page. */
static const msp_fo_node *carried(const msp_layout *L, const char *cls)
{
    for (guint i = 0; i < L->mk_carried->len; i++) {
        const msp_fo_node *m = g_ptr_array_index(L->mk_carried, i);
        const char *c = msp_fo_attr_value(m, "marker-class-name");
        if (c && strcmp(c, cls) == 0)
            return m;
    }
    return NULL;
}

const msp_fo_node *msp_markers_retrieve(msp_layout *L, const msp_fo_node *rm)
{
    const char *cls = msp_fo_attr_value(rm, "retrieve-class-name");
    if (!cls)
        return NULL;
    const char *pos = msp_fo_attr_value(rm, "retrieve-position");
    const char *boundary = msp_fo_attr_value(rm, "retrieve-boundary");
    const msp_fo_node *m = NULL;
    /* none on the page: the last one of earlier pages within the boundary */
    GHashTable *carry = boundary && strcmp(boundary, "document") == 0 ? L->mk_carry : L->mk_seq_first;
    if (boundary && strcmp(boundary, "page") == 0)
        carry = NULL;
    if (pos && strcmp(pos, "first-including-carryover") == 0) {
        /* an area carried over precedes, in pre-order, all that start on the page */
        m = carried(L, cls);
        if (!m)
            m = g_hash_table_lookup(L->mk_first, cls);
    } else if (pos && strcmp(pos, "last-starting-within-page") == 0) {
        m = g_hash_table_lookup(L->mk_last, cls);
    } else if (pos && strcmp(pos, "last-ending-within-page") == 0) {
        m = g_hash_table_lookup(L->mk_end, cls);
        /* a marker whose parent has no end box (in an inline): its start */
        const msp_fo_node *s = g_hash_table_lookup(L->mk_last, cls);
        if (s && !g_hash_table_contains(L->mk_closing, s) && (!m || rank_of(L, s) > rank_of(L, m)))
            m = s;
    } else {
        m = g_hash_table_lookup(L->mk_first, cls);
    }
    if (!m && carry)
        m = g_hash_table_lookup(carry, cls);
    return m;
}
