/* The PDF file's lifecycle: a cairo PDF surface streaming into memory,
 * metadata with reproducible dates, one cairo page per area-tree page (its
 * structure recorded for tagged PDF), the outline, then the file finished
 * for the standard asked for (pdf_finish.c: valid, tagged, archival) and
 * written to a temporary sibling of the output, renamed when complete.
 * Drawing itself is draw.c. */
#include "render/pdf.h"

#include "render/draw.h"
#include "render/outfile.h"
#include "render/pdf_finish.h"
#include "render/pdf_struct.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <string.h>

#define CREATOR "mspdoc " MSP_VERSION
/* cairo wants a size at creation; every page sets its own before drawing. */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89

struct msp_pdf {
    msp_job *job;              /* borrowed */
    msp_outfile out;
    cairo_surface_t *surface;  /* owned */
    msp_draw_opts draw;
    char *draft_stamp;         /* owned copy */
    PangoContext *pango;       /* owned reference, may be NULL */
    msp_draw_marks *marks;     /* owned: the draft marks, laid out at open */
    GHashTable *dests;         /* names of the DEST areas drawn so far */
    GHashTable *link_dests;    /* names LINK areas point at -> msp_loc* of the first link's FO (or NULL) */
    int pages;
    bool failed;
    msp_loc title_loc;         /* for the missing title's warning (file interned) */
    GByteArray *buf;           /* cairo's file */
    msp_pdf_standard std;
    msp_struct *tags;          /* the structure, when the standard is tagged */
    char *title, *author, *subject, *keywords, *language, *date;
    GArray *labels;            /* of msp_pdf_label (text in the job's arena... owned strings) */
};

static cairo_status_t buf_write(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

gint64 msp_pdf_resolve_epoch(msp_job *job, gint64 epoch)
{
    if (epoch >= 0)
        return epoch;
    const char *env = g_getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end = NULL;
        errno = 0;
        guint64 v = g_ascii_strtoull(env, &end, 10);
        if (errno == 0 && end && *end == '\0' && v <= G_GUINT64_CONSTANT(253402300799))
            return (gint64)v;
        msp_diag_warn(&job->diags, MSP_LOC_NONE,
                      "set SOURCE_DATE_EPOCH to a number of seconds since 1970, or unset it",
                      "ignoring SOURCE_DATE_EPOCH='%s': not a number of seconds", env);
    }
    return g_get_real_time() / G_USEC_PER_SEC;
}

static char *iso8601(gint64 epoch)
{
    GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
    if (!dt)
        dt = g_date_time_new_from_unix_utc(0);
    char *s = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
    g_date_time_unref(dt);
    return s;
}

/* Where a link's FO is, owned (its file copied: the sink may run on the
 * drawing thread, so nothing is interned in the job's list here). */
typedef struct link_where {
    msp_loc loc;
    char *file;
} link_where;

static link_where *link_where_new(const msp_fo_node *src)
{
    if (!src || !src->loc.file)
        return NULL;
    link_where *w = g_new(link_where, 1);
    w->file = g_strdup(src->loc.file);
    w->loc = (msp_loc){ w->file, src->loc.line, src->loc.column };
    return w;
}

static void link_where_free(gpointer p)
{
    link_where *w = p;
    if (w)
        g_free(w->file);
    g_free(w);
}

/* Turns a cairo or stream failure into one diagnostic. */
static msp_status surface_error(msp_pdf *pdf, msp_diag_list *diags, cairo_status_t cst, const char *what)
{
    int e = pdf->out.write_errno;
    pdf->failed = true;
    return msp_diag_error(diags, MSP_E_OUTPUT, ((msp_loc){ pdf->out.path, 0, 0 }),
                          e ? "check that the output folder has free space and is writable" : NULL,
                          "cannot write '%s' (%s): %s", pdf->out.path, what,
                          e ? g_strerror(e) : cairo_status_to_string(cst));
}

void msp_pdf_meta_locate(msp_pdf_meta *meta, const msp_fo_doc *doc)
{
    if (!doc || !doc->root)
        return;
    meta->language_loc = doc->root->loc;
    for (const msp_fo_node *c = doc->root->first; c; c = c->next)
        if (c->kind == MSP_FO_PAGE_SEQUENCE) {
            meta->title_loc = c->loc;
            break;
        }
}

msp_status msp_pdf_open(msp_job *job, msp_pdf **out, const char *out_path, const msp_pdf_meta *meta)
{
    *out = NULL;
    msp_pdf *pdf = g_new0(msp_pdf, 1);
    pdf->job = job;
    pdf->dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    pdf->link_dests = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, link_where_free);
    msp_status st = msp_outfile_open(&job->diags, &pdf->out, out_path);
    if (st != MSP_OK) {
        msp_pdf_abort(pdf);
        return st;
    }
    pdf->buf = g_byte_array_new();
    pdf->labels = g_array_new(FALSE, TRUE, sizeof(msp_pdf_label));
    pdf->surface = cairo_pdf_surface_create_for_stream(buf_write, pdf->buf, A4_WIDTH, A4_HEIGHT);
    cairo_status_t cst = cairo_surface_status(pdf->surface);
    if (cst != CAIRO_STATUS_SUCCESS) {
        st = surface_error(pdf, &pdf->job->diags, cst, "creating the PDF surface");
        msp_pdf_abort(pdf);
        return st;
    }
    cairo_pdf_surface_restrict_to_version(pdf->surface, CAIRO_PDF_VERSION_1_5);

    msp_pdf_meta none = { .epoch = -1 };
    if (!meta)
        meta = &none;
    char *date = iso8601(msp_pdf_resolve_epoch(job, meta->epoch));
    pdf->std = meta->standard;
    pdf->title = g_strdup(meta->title);
    pdf->author = g_strdup(meta->author);
    pdf->subject = g_strdup(meta->subject);
    pdf->keywords = g_strdup(meta->keywords);
    pdf->language = g_strdup(meta->language && *meta->language ? meta->language : NULL);
    pdf->date = g_strdup(date);
    if (meta->title_loc.file)
        pdf->title_loc = (msp_loc){ msp_diag_list_intern(&job->diags, meta->title_loc.file), meta->title_loc.line,
                                    meta->title_loc.column };
    /* always drawn with structure tags, even untagged: cairo 1.16 writes a
     * sound file only then (its links alone leave dangling structure keys);
     * pdf_finish.c takes the marks out again for an untagged file */
    pdf->tags = msp_struct_new(job, pdf->std.ua || pdf->std.pdfa == 'a', pdf->language);
    if (msp_pdf_standard_tagged(pdf->std)) {
        if (!pdf->language)
            msp_diag_warn(&job->diags, meta->language_loc.file ? meta->language_loc : ((msp_loc){ pdf->out.path, 0, 0 }),
                          "set language (and country) on fo:root, e.g. language=\"en\"",
                          "the document names no language: its tagged PDF has no /Lang, which "
                          "PDF/UA wants");
    }
    /* cairo's Info dictionary is not kept: pdf_finish.c writes Info and XMP */
    g_free(date);

    pdf->draft_stamp = g_strdup(meta->draft_stamp);
    pdf->pango = meta->pango ? g_object_ref(meta->pango) : NULL;
    pdf->draw.links = true;
    pdf->draw.draft = meta->draft;
    pdf->draw.draft_stamp = pdf->draft_stamp;
    pdf->draw.pango = pdf->pango;
    /* laid out here, on layout's thread: pages may be drawn on another */
    pdf->marks = msp_draw_marks_new(pdf->pango, meta->draft, pdf->draft_stamp);
    pdf->draw.marks = pdf->marks;
    pdf->draw.tags = pdf->tags;
    *out = pdf;
    return MSP_OK;
}

const msp_draw_marks *msp_pdf_marks(const msp_pdf *pdf)
{
    return pdf ? pdf->marks : NULL;
}

msp_status msp_pdf_sink(void *user, const msp_page *page, msp_diag_list *diags)
{
    msp_pdf *pdf = user;
    if (pdf->failed)
        return MSP_E_OUTPUT;
    if (!(page->width > 0) || !(page->height > 0) || page->width > 14400 || page->height > 14400)
        return msp_diag_error(diags, MSP_E_OUTPUT, ((msp_loc){ pdf->out.path, 0, 0 }),
                              "page sizes must be between 0 and 200 inches",
                              "page %d has an impossible size %.2f x %.2f pt",
                              page->index + 1, page->width, page->height);
    cairo_pdf_surface_set_size(pdf->surface, page->width, page->height);
    cairo_t *cr = cairo_create(pdf->surface);
    msp_struct_set_diags(pdf->tags, diags);
    msp_draw_page(cr, page, &pdf->draw);
    msp_struct_set_diags(pdf->tags, &pdf->job->diags);
    cairo_show_page(cr);
    msp_status tst = msp_struct_status(pdf->tags);
    if (tst != MSP_OK) {
        cairo_destroy(cr);
        pdf->failed = true;
        return tst;
    }
    msp_pdf_label label = { page->number, g_strdup(page->number_text) };
    g_array_append_val(pdf->labels, label);
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    if (cst == CAIRO_STATUS_SUCCESS)
        cst = cairo_surface_status(pdf->surface);
    if (cst != CAIRO_STATUS_SUCCESS || pdf->out.write_errno) {
        char what[48];
        g_snprintf(what, sizeof what, "page %d", page->index + 1);
        return surface_error(pdf, diags, cst, what);
    }
    for (int i = 0; i < page->n_areas; i++) {
        const msp_area *a = &page->areas[i];
        if (a->kind == MSP_AREA_DEST && a->u.dest.name)
            g_hash_table_add(pdf->dests, g_strdup(a->u.dest.name));
        else if (a->kind == MSP_AREA_LINK && a->u.link.dest && !a->u.link.uri &&
                 !g_hash_table_contains(pdf->link_dests, a->u.link.dest))
            g_hash_table_insert(pdf->link_dests, g_strdup(a->u.link.dest), link_where_new(a->src));
    }
    pdf->pages++;
    return MSP_OK;
}

/* Adds bookmark i after its parent (recursively), so any order works;
 * ids[i] is 0 until added, -1 while being added (a cycle goes to the root). */
static void add_bookmark(msp_pdf *pdf, const msp_layout_result *result, int *ids, int i)
{
    if (ids[i] != 0)
        return;
    const msp_bookmark *b = &result->bookmarks[i];
    ids[i] = -1;
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    if (b->parent >= 0 && b->parent < result->n_bookmarks && b->parent != i) {
        add_bookmark(pdf, result, ids, b->parent);
        if (ids[b->parent] > 0)
            parent = ids[b->parent];
    }
    if (b->dest && *b->dest && !(b->uri && *b->uri) && !g_hash_table_contains(pdf->dests, b->dest))
        msp_diag_warn(&pdf->job->diags, b->loc.file ? b->loc : ((msp_loc){ pdf->out.path, 0, 0 }),
                      "give the bookmark's internal-destination the id of an element of the document",
                      "bookmark '%s' points to '%s', which is not in the document",
                      b->title ? b->title : "", b->dest);
    GString *attrs = g_string_new(NULL);
    const char *target = b->uri && *b->uri ? b->uri : b->dest && *b->dest ? b->dest : NULL;
    if (target) {
        g_string_append(attrs, target == b->uri ? "uri='" : "dest='");
        for (const char *s = target; *s; s++) {
            if (*s == '\'' || *s == '\\')
                g_string_append_c(attrs, '\\');
            g_string_append_c(attrs, *s);
        }
        g_string_append_c(attrs, '\'');
    }
    ids[i] = cairo_pdf_surface_add_outline(pdf->surface, parent, b->title ? b->title : "",
                                           attrs->str,
                                           b->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
    g_string_free(attrs, TRUE);
}

msp_status msp_pdf_close(msp_pdf *pdf, const msp_layout_result *result)
{
    if (!pdf)
        return MSP_E_OUTPUT;
    msp_diag_list *diags = &pdf->job->diags;
    if (pdf->failed) {
        msp_pdf_abort(pdf);
        return MSP_E_OUTPUT;
    }
    if (pdf->pages == 0) {
        msp_status st = msp_diag_error(diags, MSP_E_OUTPUT, ((msp_loc){ pdf->out.path, 0, 0 }),
                                       "the document produced no page; check its content",
                                       "cannot write '%s': no pages", pdf->out.path);
        msp_pdf_abort(pdf);
        return st;
    }
    GHashTableIter it;
    gpointer name, where;
    g_hash_table_iter_init(&it, pdf->link_dests);
    while (g_hash_table_iter_next(&it, &name, &where))
        if (!g_hash_table_contains(pdf->dests, name))
            msp_diag_warn(diags, where ? ((const link_where *)where)->loc : ((msp_loc){ pdf->out.path, 0, 0 }),
                          "give the link's internal-destination the id of an element of the document",
                          "a link points to '%s', which is not in the document", (char *)name);
    if (result && !(pdf->title && *pdf->title)) {
        g_free(pdf->title);
        pdf->title = g_strdup(result->title);
    }
    if (msp_pdf_standard_tagged(pdf->std) && !(pdf->title && *pdf->title)) {
        msp_diag_warn(diags, pdf->title_loc.file ? pdf->title_loc : ((msp_loc){ pdf->out.path, 0, 0 }),
                      "give the first fo:page-sequence an fo:title",
                      "the document has no title, which PDF/UA wants shown in the viewer's title bar");
    }
    if (result && result->n_bookmarks > 0 && result->bookmarks) {
        int *ids = g_new0(int, result->n_bookmarks);
        for (int i = 0; i < result->n_bookmarks; i++)
            add_bookmark(pdf, result, ids, i);
        g_free(ids);
    }
    cairo_surface_finish(pdf->surface);
    cairo_status_t cst = cairo_surface_status(pdf->surface);
    if (cst != CAIRO_STATUS_SUCCESS || pdf->out.write_errno) {
        msp_status st = surface_error(pdf, &pdf->job->diags, cst, "finishing the file");
        msp_pdf_abort(pdf);
        return st;
    }
    cairo_surface_destroy(pdf->surface);
    pdf->surface = NULL;
    msp_pdf_info info = { pdf->title, pdf->author, pdf->subject, pdf->keywords, CREATOR,
                          pdf->language, pdf->date };
    /* pdf_read.c's scanners stop at a NUL past the end */
    g_byte_array_append(pdf->buf, (const guint8 *)"", 1);
    GByteArray *file = NULL;
    msp_status st = msp_pdf_finish(pdf->job, pdf->out.path, pdf->buf->data, pdf->buf->len - 1, pdf->std,
                                   pdf->tags, &info, (const msp_pdf_label *)(void *)pdf->labels->data,
                                   (int)pdf->labels->len, &file);
    if (st != MSP_OK) {
        msp_pdf_abort(pdf);
        return st;
    }
    msp_outfile_write(&pdf->out, file->data, file->len);
    g_byte_array_free(file, TRUE);
    if (pdf->out.write_errno) {
        st = surface_error(pdf, &pdf->job->diags, CAIRO_STATUS_WRITE_ERROR, "writing the file");
        msp_pdf_abort(pdf);
        return st;
    }
    st = msp_outfile_commit(diags, &pdf->out);
    msp_pdf_abort(pdf);   /* frees the rest; the file is already in place */
    return st;
}

void msp_pdf_abort(msp_pdf *pdf)
{
    if (!pdf)
        return;
    if (pdf->surface) {
        /* Finishing would write the rest of the file; stop the stream first. */
        if (!pdf->out.write_errno)
            pdf->out.write_errno = ECANCELED;
        cairo_surface_destroy(pdf->surface);
    }
    msp_outfile_discard(&pdf->out);
    g_hash_table_destroy(pdf->dests);
    g_hash_table_destroy(pdf->link_dests);
    msp_draw_marks_free(pdf->marks);
    if (pdf->pango)
        g_object_unref(pdf->pango);
    g_free(pdf->draft_stamp);
    if (pdf->buf)
        g_byte_array_free(pdf->buf, TRUE);
    if (pdf->labels) {
        for (guint i = 0; i < pdf->labels->len; i++)
            g_free((char *)g_array_index(pdf->labels, msp_pdf_label, i).text);
        g_array_free(pdf->labels, TRUE);
    }
    msp_struct_free(pdf->tags);
    g_free(pdf->title);
    g_free(pdf->author);
    g_free(pdf->subject);
    g_free(pdf->keywords);
    g_free(pdf->language);
    g_free(pdf->date);
    g_free(pdf);
}
