/* Page objects of the area tree: creation, the area list, held references,
 * zone names.
 * The XML dump is area_dump.c; drawing is render/draw.c. */
#include "layout/area.h"

#include <string.h>

const char *msp_zone_name(msp_zone zone)
{
    static const char *names[] = { "body", "footnotes", "separator", "before", "after", "start", "end" };
    return (unsigned)zone < MSP_ZONE_COUNT ? names[zone] : "body";
}

msp_page *msp_page_new(double width, double height)
{
    msp_page *p = g_new0(msp_page, 1);
    p->width = width;
    p->height = height;
    p->arena = msp_arena_new();
    p->refs = g_ptr_array_new();
    return p;
}

static void drop_ref(gpointer data, gpointer user)
{
    (void)user;
    if (G_IS_OBJECT(data))
        g_object_unref(data);
}

void msp_page_free(msp_page *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n_areas; i++)
        if (p->areas[i].kind == MSP_AREA_IMAGE && p->areas[i].u.image.surface)
            cairo_surface_destroy(p->areas[i].u.image.surface);
    g_ptr_array_foreach(p->refs, drop_ref, NULL);
    g_ptr_array_free(p->refs, TRUE);
    g_free(p->areas);
    msp_arena_free(p->arena);
    g_free(p);
}

msp_area *msp_page_add(msp_page *p, const msp_area *a)
{
    if (p->n_areas == p->cap_areas) {
        p->cap_areas = p->cap_areas ? p->cap_areas * 2 : 64;
        p->areas = g_realloc_n(p->areas, (gsize)p->cap_areas, sizeof *p->areas);
    }
    msp_area *dst = &p->areas[p->n_areas++];
    *dst = *a;
    if (dst->kind == MSP_AREA_IMAGE && dst->u.image.surface)
        cairo_surface_reference(dst->u.image.surface);
    return dst;
}

void msp_page_hold_layout(msp_page *p, PangoLayout *layout)
{
    g_ptr_array_add(p->refs, g_object_ref(layout));
}

