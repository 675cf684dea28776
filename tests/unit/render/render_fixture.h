/* Shared by the render unit tests: the project's fonts, hand-built pages,
 * scratch folders, and running poppler tools. Static helpers only. */
#ifndef MSP_TEST_RENDER_FIXTURE_H
#define MSP_TEST_RENDER_FIXTURE_H

#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/area.h"
#include "layout/para.h"
#include "render/fonts.h"

/* $MSP_ROOT/fonts (CTest sets MSP_ROOT), else the source tree's. */
static G_GNUC_UNUSED char *fixture_fonts_dir(void)
{
    const char *root = g_getenv("MSP_ROOT");
    return g_build_filename(root && *root ? root : MSP_SOURCE_ROOT, "fonts", NULL);
}

static G_GNUC_UNUSED msp_fonts *fixture_fonts(msp_diag_list *diags)
{
    char *dir = fixture_fonts_dir();
    msp_fonts *f = msp_fonts_load(diags, dir);
    g_free(dir);
    return f;
}

/* A fresh empty scratch folder under the build's tmp/. Caller frees. */
static G_GNUC_UNUSED char *fixture_scratch(const char *name)
{
    char *dir = g_strdup_printf("%s/render-%s-%d", MSP_TEST_TMP, name, (int)getpid());
    char *cmd = g_strdup_printf("rm -rf '%s'", dir);
    if (system(cmd) != 0)
        abort();
    g_free(cmd);
    g_mkdir_with_parents(dir, 0755);
    return dir;
}

static G_GNUC_UNUSED int fixture_count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    int n = 0;
    if (!d)
        return -1;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    return n;
}

/* Adds one LINE area per line of a layout of text (font, width in pt) at x,
 * first baseline y. Returns the y below the last line. */
static G_GNUC_UNUSED double fixture_add_text(msp_page *page, PangoContext *ctx, const char *font,
                                             const char *text, double x, double y, double width)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    pango_layout_set_text(layout, text, -1);
    msp_para_adopt_lines(layout);   /* drawing reads line pieces, as layout's own lines have */
    msp_page_hold_layout(page, layout);
    int n = pango_layout_get_line_count(layout);
    double base = y;
    for (int i = 0; i < n; i++) {
        PangoLayoutLine *line = pango_layout_get_line_readonly(layout, i);
        PangoRectangle logical;
        pango_layout_line_get_extents(line, NULL, &logical);
        msp_area a = { .kind = MSP_AREA_LINE, .zone = MSP_ZONE_BODY };
        a.x = x;
        a.y = base;
        a.w = logical.width / (double)PANGO_SCALE;
        a.h = logical.height / (double)PANGO_SCALE;
        a.u.line.layout = layout;
        a.u.line.line_no = i;
        a.u.line.text = msp_arena_strndup(page->arena, text + line->start_index, (size_t)line->length);
        a.u.line.ascent = -logical.y / (double)PANGO_SCALE;
        a.u.line.descent = a.h - a.u.line.ascent;
        a.u.line.footnote = -1;
        msp_page_add(page, &a);
        base += a.h;
    }
    g_object_unref(layout);
    return base;
}

/* Runs argv, returns its standard output (NULL if it could not run or failed). */
static G_GNUC_UNUSED char *fixture_run(const char *const *argv)
{
    char *out = NULL;
    int status = 0;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &out, NULL, &status, NULL))
        return NULL;
    if (!g_spawn_check_wait_status(status, NULL)) {
        g_free(out);
        return NULL;
    }
    return out;
}

#endif
