/* Overflow of a fixed-height fo:block-container (XSL 7.21.2): content taller
 * than the container is clipped (hidden, scroll), an error
 * (error-if-overflow), or drawn past the bottom edge (visible, auto), and
 * never without a message. The area tree has no clip path: clipping keeps
 * the boxes that end within the height and drops the rest whole. Overflow in
 * the inline direction is not looked at. */
#include "layout/layout_private.h"

#include <string.h>

/* How many leading items end within height, stacked as msp_run_emit stacks
 * them (a leading glue dropped); the cut is after a box. */
static guint fitting(const GPtrArray *items, double height)
{
    double y = 0;
    guint keep = 0;
    for (guint i = 0; i < items->len; i++) {
        const msp_item *it = g_ptr_array_index(items, i);
        if (!(it->kind == MSP_ITEM_GLUE && i == 0 && !it->retain))
            y += it->h;
        if (y > height + 0.01)
            break;
        if (it->kind != MSP_ITEM_GLUE && it->kind != MSP_ITEM_OPEN)
            keep = i + 1;
    }
    return keep;
}

msp_status msp_container_overflow(msp_gen *g, const msp_fo_node *node, GPtrArray *content, double height)
{
    double ch = msp_items_height(content);
    if (ch <= height + 0.01)
        return MSP_OK;
    msp_layout *L = g->L;
    const char *ov = msp_fo_attr_value(node, "overflow");
    double by = ch - height;
    if (ov && strcmp(ov, "error-if-overflow") == 0)
        return msp_diag_error(&L->job->diags, MSP_E_LAYOUT, node->loc,
                              "make the block-container taller or its content shorter, or set "
                              "overflow=\"hidden\"",
                              "fo:block-container content is %.2f pt tall, %.2f pt more than its height "
                              "(%.2f pt), and overflow=\"error-if-overflow\"", ch, by, height);
    bool clip = ov && (strcmp(ov, "hidden") == 0 || strcmp(ov, "scroll") == 0);
    if (!clip) {
        if (msp_layout_first_time(L, node))
            msp_diag_warn(&L->job->diags, node->loc,
                          "make the block-container taller or its content shorter, or set "
                          "overflow=\"hidden\" to clip it",
                          "fo:block-container content is %.2f pt tall, %.2f pt more than its height "
                          "(%.2f pt): it is drawn past the container's bottom edge", ch, by, height);
        return MSP_OK;
    }
    guint keep = fitting(content, height);
    int dropped = 0;
    for (guint i = keep; i < content->len; i++) {
        msp_item *it = g_ptr_array_index(content, i);
        dropped += it->kind == MSP_ITEM_LINE || it->kind == MSP_ITEM_GROUP;
        msp_item_forget(it);   /* clipped as asked, and said: not a loss to report */
        msp_item_free(it);
    }
    g_ptr_array_set_size(content, keep);
    if (msp_layout_first_time(L, node))
        msp_diag_warn(&L->job->diags, node->loc, "make the block-container taller or its content shorter",
                      "fo:block-container content is %.2f pt tall, %.2f pt more than its height "
                      "(%.2f pt): overflow=\"%s\" clips it, %d line%s or box%s below its bottom edge "
                      "are not drawn",
                      ch, by, height, ov, dropped, dropped == 1 ? "" : "s", dropped == 1 ? "" : "es");
    return MSP_OK;
}
