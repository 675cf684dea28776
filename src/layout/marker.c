/* Markers: the fo:marker children of flow blocks placed on the current page
 * (first and last starting within it per class), the last ones of earlier
 * pages (the fallback when a page has none), and fo:retrieve-marker
 * resolution for static content. Marker content is laid out only where
 * retrieved (block.c). */
#include "layout/layout_private.h"

#include <string.h>

void msp_markers_page_start(msp_layout *L)
{
    g_hash_table_remove_all(L->mk_first);
    g_hash_table_remove_all(L->mk_last);
}

void msp_markers_note(msp_layout *L, const msp_fo_node *marker)
{
    const char *cls = msp_fo_attr_value(marker, "marker-class-name");
    if (!cls)
        return;
    if (!g_hash_table_contains(L->mk_first, cls))
        g_hash_table_insert(L->mk_first, (gpointer)cls, (gpointer)marker);
    g_hash_table_insert(L->mk_last, (gpointer)cls, (gpointer)marker);
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

const msp_fo_node *msp_markers_retrieve(msp_layout *L, const msp_fo_node *rm)
{
    const char *cls = msp_fo_attr_value(rm, "retrieve-class-name");
    if (!cls)
        return NULL;
    const char *pos = msp_fo_attr_value(rm, "retrieve-position");
    const char *boundary = msp_fo_attr_value(rm, "retrieve-boundary");
    const msp_fo_node *m = NULL;
    /* the marker in effect when the page starts: the last one of earlier pages */
    GHashTable *carry = boundary && strcmp(boundary, "document") == 0 ? L->mk_carry : L->mk_seq_first;
    if (boundary && strcmp(boundary, "page") == 0)
        carry = NULL;
    if (pos && strcmp(pos, "first-including-carryover") == 0) {
        m = carry ? g_hash_table_lookup(carry, cls) : NULL;
        if (!m)
            m = g_hash_table_lookup(L->mk_first, cls);
    } else if (pos && (strcmp(pos, "last-starting-within-page") == 0 ||
                       strcmp(pos, "last-ending-within-page") == 0)) {
        m = g_hash_table_lookup(L->mk_last, cls);
    } else {
        m = g_hash_table_lookup(L->mk_first, cls);
    }
    if (!m && carry)
        m = g_hash_table_lookup(carry, cls);
    return m;
}
