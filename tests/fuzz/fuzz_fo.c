/* libFuzzer harness for the engine: FO bytes are parsed from memory, laid
 * out with the text accounting (check_text.h), and every page is drawn
 * into a cairo PDF surface whose bytes are dropped, and dumped as an area
 * tree to /dev/null. Fonts and the Pango context are made once; small
 * limits keep each run short. */
#include "fo/fo.h"
#include "layout/layout.h"
#include "render/draw.h"
#include "render/fonts.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <libxml/parser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static msp_fonts *fonts;
static PangoContext *pango;
static FILE *devnull;

typedef struct sink_state {
    cairo_surface_t *surface;
    cairo_t *cr;
    int pages;
} sink_state;

static cairo_status_t drop_bytes(void *closure, const unsigned char *data, unsigned int length)
{
    return CAIRO_STATUS_SUCCESS;
}

static msp_status draw_and_drop(void *user, const msp_page *page, msp_diag_list *diags)
{
    (void)diags;
    sink_state *s = user;
    if (!page || page->index != s->pages)
        abort();   /* pages arrive in order, each once */
    s->pages++;
    msp_area_dump_page(devnull, page);
    double w = page->width > 1 && page->width < 14400 ? page->width : 595;
    double h = page->height > 1 && page->height < 14400 ? page->height : 842;
    cairo_pdf_surface_set_size(s->surface, w, h);
    msp_draw_opts opts = { .links = true, .draft = (s->pages == 1), .draft_stamp = "fuzz", .pango = pango };
    msp_draw_page(s->cr, page, &opts);
    cairo_show_page(s->cr);
    return MSP_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = g_getenv("MSP_ROOT");
    if (!root || !*root)
        root = MSP_SOURCE_ROOT;
    xmlInitParser();
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *dir = g_build_filename(root, "fonts", NULL);
    fonts = msp_fonts_load(&diags, dir);
    if (!fonts) {
        msp_diag_list_print(stderr, &diags);
        exit(1);
    }
    g_free(dir);
    msp_diag_list_clear(&diags);
    pango = msp_fonts_new_context(fonts);
    devnull = fopen("/dev/null", "w");
    return devnull ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    msp_job job;
    msp_job_init(&job);
    job.limits.max_source_bytes = 1 << 20;
    job.limits.max_depth = 64;
    job.limits.max_pages = 40;
    job.limits.max_seconds = 5;
    msp_fo_doc *doc = NULL;
    /* a folder that does not exist: relative image paths resolve nowhere */
    msp_status st = msp_fo_parse(&job, &doc, "/nonexistent-fuzz/in.fo", (const char *)data, size);
    if (st != MSP_OK) {
        if (doc || job.diags.errors == 0)
            abort();
        msp_job_clear(&job);
        return 0;
    }
    if (!doc || !doc->root)
        abort();
    sink_state s = { 0 };
    s.surface = cairo_pdf_surface_create_for_stream(drop_bytes, NULL, 595, 842);
    s.cr = cairo_create(s.surface);
    /* the text accounting runs as in `mspdoc render` (a loss is an error, not a crash) */
    msp_check_text *check = msp_check_text_new(&job, doc);
    msp_layout_opts lo = { .pango = pango, .sink = draw_and_drop, .sink_user = &s, .check = check };
    msp_layout_result result = { 0 };
    msp_area_dump_begin(devnull);
    st = msp_layout_run(&job, doc, &lo, &result);
    st = msp_check_text_finish(check, st);
    msp_check_text_free(check);
    msp_area_dump_end(devnull);
    if (st == MSP_OK && result.pages != s.pages)
        abort();
    if (st != MSP_OK && job.diags.errors == 0)
        abort();
    if (s.pages > job.limits.max_pages)
        abort();   /* the page limit holds */
    cairo_destroy(s.cr);
    cairo_surface_finish(s.surface);
    cairo_surface_destroy(s.surface);
    msp_fo_doc_free(doc);
    msp_job_clear(&job);
    return 0;
}
