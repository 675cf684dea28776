/* The PDF for the record (pdf_finish.h): cairo's file read back
 * (pdf_read.c), each page's content with its marks rewritten
 * (pdf_content.c), the structure tree (pdf_tree.c), Info and XMP
 * (pdf_meta.c), the output intent, the catalog, and every other object the
 * catalog reaches copied as it is — then the whole file written anew
 * (pdf_write.c: object streams, a cross-reference stream, an /ID from the
 * content). Cairo's own structure tree is left behind. */
#include "render/pdf_finish_private.h"

#include "render/icc.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

void msp_finish_fail(finish *f, const char *fmt, ...)
{
    if (f->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    f->error = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

void msp_finish_object(finish *f, int num, const GString *body)
{
    msp_pdf_writer_object(f->w, num, body->str, body->len);
}

void msp_finish_rewrite(finish *f, int num, const GString *body)
{
    msp_finish_object(f, num, body);
    g_hash_table_insert(f->written, GINT_TO_POINTER(num), g_strdup(body->str));
}

/* The pages in order: the leaves of the page tree under node. */
static void page_list(finish *f, int node, GArray *pages, int depth)
{
    char *t = NULL;
    const guint8 *data;
    gsize len;
    if (depth > 64 || !msp_pdf_file_object(f->in, node, &t, &data, &len)) {
        g_free(t);
        msp_finish_fail(f, "the page tree names object %d, which is not in the file", node);
        return;
    }
    size_t s, e;
    if (msp_pdf_dict_get(t, "/Kids", &s, &e)) {
        GArray *kids = g_array_new(FALSE, FALSE, sizeof(int));
        msp_pdf_array_refs(t, s, e, kids);
        for (guint i = 0; i < kids->len && !f->error; i++)
            page_list(f, g_array_index(kids, int, i), pages, depth + 1);
        g_array_free(kids, TRUE);
    } else {
        g_array_append_val(pages, node);
    }
    g_free(t);
}

/* A stream's data decoded: FlateDecode (what cairo writes) inflated with
 * libdeflate, no filter as it is. *out is g_malloc'd. */
static bool decode_stream(finish *f, const char *dict, const guint8 *data, gsize len, guint8 **out,
                          gsize *out_len)
{
    size_t s, e;
    if (!msp_pdf_dict_get(dict, "/Filter", &s, &e)) {
        *out = g_memdup2(data, len);
        *out_len = len;
        return true;
    }
    if (e - s != 12 || strncmp(dict + s, "/FlateDecode", 12) != 0 ||
        msp_pdf_dict_get(dict, "/DecodeParms", &s, &e))
        return false;
    size_t cap = len * 8 + 4096;
    for (int tries = 0; tries < 6; tries++, cap *= 4) {
        guint8 *buf = g_malloc(cap);
        size_t got = 0;
        enum libdeflate_result r = libdeflate_zlib_decompress(f->inflater, data, len, buf, cap, &got);
        if (r == LIBDEFLATE_SUCCESS) {
            *out = buf;
            *out_len = got;
            return true;
        }
        g_free(buf);
        if (r != LIBDEFLATE_INSUFFICIENT_SPACE)
            return false;
    }
    return false;
}

/* The object that key of dict's text refers to, or that is written there
 * directly: its text (g_free), or NULL. */
static char *resolve(finish *f, const char *dict, const char *key)
{
    size_t s, e;
    if (!msp_pdf_dict_get(dict, key, &s, &e))
        return NULL;
    int ref = msp_pdf_ref(dict, s, e);
    if (!ref)
        return g_strndup(dict + s, e - s);
    char *t = NULL;
    const guint8 *data;
    gsize len;
    if (msp_pdf_file_object(f->in, ref, &t, &data, &len))
        return t;
    g_free(t);
    return NULL;
}

/* Each page's content with cairo's marks rewritten (tagged: MCIDs of the
 * structure, artifacts marked; untagged: no marks), the page with its
 * /StructParents and /Tabs. The annotations are written by pdf_tree.c. */
static void do_pages(finish *f, const GArray *pages_in_file)
{
    const GArray *pages = msp_struct_pages(f->tags);
    if ((int)pages->len != f->n_pages) {
        msp_finish_fail(f, "%d pages in the file but %u drawn", f->n_pages, pages->len);
        return;
    }
    static const char *const page_skip[] = { "/StructParents", "/Tabs", NULL };
    GString *content = g_string_new(NULL);
    for (int i = 0; i < f->n_pages && !f->error; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        int num = g_array_index(pages_in_file, int, i);
        f->page_obj[i] = num;
        f->annots[i] = g_array_new(FALSE, FALSE, sizeof(int));
        char *page = NULL;
        const guint8 *data;
        gsize len;
        if (!msp_pdf_file_object(f->in, num, &page, &data, &len)) {
            msp_finish_fail(f, "page %d (object %d) is not in the file", i + 1, num);
            break;
        }
        char *annots = resolve(f, page, "/Annots");   /* cairo writes the array apart */
        if (annots)
            msp_pdf_array_refs(annots, 0, strlen(annots), f->annots[i]);
        g_free(annots);
        int na = (int)f->annots[i]->len;
        int cobj = msp_pdf_dict_ref(page, "/Contents");
        char *cdict = NULL;
        const guint8 *cdata = NULL;
        gsize clen = 0;
        guint8 *plain = NULL;
        gsize plen = 0;
        if ((int)pg->links->len != na)
            msp_finish_fail(f, "page %d has %d link annotations but %u links were drawn", i + 1, na,
                            pg->links->len);
        else if (!cobj || !msp_pdf_file_object(f->in, cobj, &cdict, &cdata, &clen) || !cdata)
            msp_finish_fail(f, "page %d has no content stream of its own", i + 1);
        else if (!decode_stream(f, cdict, cdata, clen, &plain, &plen))
            msp_finish_fail(f, "the content of page %d has a filter mspdoc does not read", i + 1);
        if (!f->error) {
            f->renum[i] = g_new(int, pg->mcs->len ? pg->mcs->len : 1);
            g_string_truncate(content, 0);
            int seen = msp_pdf_rewrite_content(content, (const char *)plain, plen, pg, f->renum[i],
                                               !f->tagged);
            /* a page on which nothing visible was drawn: cairo writes none of its
             * marks (the sequences held nothing), so none is in the tree */
            if (seen == 0)
                for (guint m = 0; m < pg->mcs->len; m++)
                    f->renum[i][m] = -1;
            else if (seen != (int)pg->mcs->len)
                msp_finish_fail(f, "page %d: %d marked-content sequences in the file, %u drawn", i + 1,
                                seen, pg->mcs->len);
        }
        if (!f->error) {
            msp_pdf_writer_stream(f->w, cobj, "", (const guint8 *)content->str, content->len, true);
            g_string_assign(f->o, "<<");
            msp_pdf_dict_copy(page, f->o, page_skip);
            if (f->tagged) {
                g_string_append_printf(f->o, " /StructParents %d", i);
                if (na > 0)
                    g_string_append(f->o, " /Tabs /S");
            }
            g_string_append(f->o, " >>");
            msp_finish_rewrite(f, num, f->o);
        }
        g_free(plain);
        g_free(cdict);
        g_free(page);
    }
    g_string_free(content, TRUE);
}

/* An image (or its soft mask) with /Interpolate, redefined without it. */
static void image_without_interpolation(finish *f, int num, GHashTable *done, int depth)
{
    if (num <= 0 || depth > 2 || g_hash_table_contains(done, GINT_TO_POINTER(num)))
        return;
    g_hash_table_add(done, GINT_TO_POINTER(num));
    char *d = NULL;
    const guint8 *data = NULL;
    gsize len = 0;
    if (!msp_pdf_file_object(f->in, num, &d, &data, &len) || !data) {
        g_free(d);
        return;
    }
    size_t s, e;
    if (msp_pdf_dict_get(d, "/Interpolate", &s, &e)) {
        static const char *const skip[] = { "/Interpolate", "/Length", NULL };
        GString *keys = g_string_new(NULL);
        msp_pdf_dict_copy(d, keys, skip);
        msp_pdf_writer_stream(f->w, num, keys->str, data, len, false);
        g_hash_table_insert(f->written, GINT_TO_POINTER(num), g_string_free(keys, FALSE));
    }
    image_without_interpolation(f, msp_pdf_dict_ref(d, "/SMask"), done, depth + 1);
    g_free(d);
}

/* PDF/A-2: the sRGB output intent (returns the intent's object number, or
 * 0), images not interpolated. */
static int do_pdfa(finish *f)
{
    gsize len = 0;
    const guint8 *icc = NULL;
    char *why = NULL;
    if (!msp_icc_srgb(&icc, &len, &why)) {
        msp_finish_fail(f, "%s", why);
        f->user_error = true;
        g_free(why);
        return 0;
    }
    int icc_obj = msp_pdf_writer_alloc(f->w);
    msp_pdf_writer_stream(f->w, icc_obj, "/N 3", icc, len, true);
    int oi = msp_pdf_writer_alloc(f->w);
    g_string_printf(f->o, "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
                          "(sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R >>",
                    icc_obj);
    msp_finish_object(f, oi, f->o);

    GHashTable *done = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (int i = 0; i < f->n_pages; i++) {
        char *page = NULL;
        const guint8 *data;
        gsize dlen;
        if (!msp_pdf_file_object(f->in, f->page_obj[i], &page, &data, &dlen))
            continue;
        char *res = resolve(f, page, "/Resources");
        char *xo = res ? resolve(f, res, "/XObject") : NULL;
        if (xo) {
            GArray *refs = g_array_new(FALSE, FALSE, sizeof(int));
            msp_pdf_text_refs(xo, refs);
            for (guint k = 0; k < refs->len; k++)
                image_without_interpolation(f, g_array_index(refs, int, k), done, 0);
            g_array_free(refs, TRUE);
        }
        g_free(xo);
        g_free(res);
        g_free(page);
    }
    g_hash_table_destroy(done);
    return oi;
}

/* The catalog, redefined with what the standard needs. */
static void do_catalog(finish *f, int root, const msp_pdf_info *info, int tree, int metadata,
                       int intent, const msp_pdf_label *labels, int n_labels)
{
    static const char *const skip[] = { "/StructTreeRoot", "/MarkInfo", "/Lang", "/ViewerPreferences",
                                        "/Metadata", "/OutputIntents", "/PageLabels", "/Version", NULL };
    char *cat = NULL;
    const guint8 *data;
    gsize len;
    if (!msp_pdf_file_object(f->in, root, &cat, &data, &len)) {
        msp_finish_fail(f, "the catalog (object %d) is not in the file", root);
        return;
    }
    g_string_assign(f->o, "<<");
    msp_pdf_dict_copy(cat, f->o, skip);
    g_free(cat);
    if (f->tagged || f->std.pdfa)
        g_string_append(f->o, " /Version /1.7");
    if (tree)
        g_string_append_printf(f->o, " /StructTreeRoot %d 0 R /MarkInfo << /Marked true >>"
                                     " /ViewerPreferences << /DisplayDocTitle true >>", tree);
    if (info->lang && *info->lang) {
        g_string_append(f->o, " /Lang ");
        msp_pdf_put_text(f->o, info->lang);
    }
    if (metadata)
        g_string_append_printf(f->o, " /Metadata %d 0 R", metadata);
    if (intent)
        g_string_append_printf(f->o, " /OutputIntents [ %d 0 R ]", intent);
    msp_pdf_page_labels(f->o, labels, n_labels, f->n_pages);
    g_string_append(f->o, " >>");
    msp_finish_rewrite(f, root, f->o);
}

/* Copies every object of cairo's file the catalog reaches (but its
 * structure tree, which the rewritten catalog no longer names) that is not
 * written yet, as it is: streams with their encoded data. The objects
 * rewritten already are followed through the text they were written with. */
static void copy_reachable(finish *f, int root)
{
    static const char *const len_key[] = { "/Length", NULL };
    GArray *queue = g_array_new(FALSE, FALSE, sizeof(int));
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_array_append_val(queue, root);
    GString *keys = g_string_new(NULL);
    while (queue->len && !f->error) {
        int id = g_array_index(queue, int, queue->len - 1);
        g_array_set_size(queue, queue->len - 1);
        if (id <= 0 || g_hash_table_contains(seen, GINT_TO_POINTER(id)))
            continue;
        g_hash_table_add(seen, GINT_TO_POINTER(id));
        const char *text = g_hash_table_lookup(f->written, GINT_TO_POINTER(id));
        if (text) {
            msp_pdf_text_refs(text, queue);
            continue;
        }
        if (msp_pdf_writer_has(f->w, id))
            continue;   /* one of ours: it refers to pages and annotations only */
        char *t = NULL;
        const guint8 *data = NULL;
        gsize len = 0;
        if (!msp_pdf_file_object(f->in, id, &t, &data, &len)) {
            g_free(t);
            continue;   /* a free or missing object: references to it read as null */
        }
        if (data) {
            g_string_truncate(keys, 0);
            msp_pdf_dict_copy(t, keys, len_key);
            msp_pdf_writer_stream(f->w, id, keys->str, data, len, false);
            msp_pdf_text_refs(keys->str, queue);
        } else {
            msp_pdf_writer_object(f->w, id, t, strlen(t));
            msp_pdf_text_refs(t, queue);
        }
        g_free(t);
    }
    g_string_free(keys, TRUE);
    g_array_free(queue, TRUE);
    g_hash_table_destroy(seen);
}

msp_status msp_pdf_finish(msp_job *job, const char *where, const guint8 *in, gsize len,
                          msp_pdf_standard std, msp_struct *tags, const msp_pdf_info *info,
                          const msp_pdf_label *labels, int n_labels, GByteArray **out)
{
    *out = NULL;
    finish f = { .job = job, .std = std, .tags = tags, .tagged = msp_pdf_standard_tagged(std) };
    f.o = g_string_new(NULL);
    f.written = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    f.inflater = libdeflate_alloc_decompressor();
    char *why = NULL;
    GArray *pages = g_array_new(FALSE, FALSE, sizeof(int));
    int root = 0;
    if (!tags || !f.inflater)
        msp_finish_fail(&f, "no structure was recorded");
    else if (!(f.in = msp_pdf_file_open(in, len, &why)))
        msp_finish_fail(&f, "cairo's file is not as expected: %s", why);
    if (!f.error) {
        root = msp_pdf_dict_ref(msp_pdf_file_trailer(f.in), "/Root");
        char *cat = NULL;
        const guint8 *data;
        gsize dlen;
        int tree_root = root && msp_pdf_file_object(f.in, root, &cat, &data, &dlen)
                            ? msp_pdf_dict_ref(cat, "/Pages") : 0;
        g_free(cat);
        if (!tree_root)
            msp_finish_fail(&f, "cairo's file has no catalog or page tree");
        else
            page_list(&f, tree_root, pages, 0);
        f.n_pages = (int)pages->len;
    }
    if (!f.error) {
        f.w = msp_pdf_writer_new(f.tagged || std.pdfa ? "1.7" : "1.5", msp_pdf_file_size(f.in));
        f.page_obj = g_new0(int, f.n_pages ? f.n_pages : 1);
        f.renum = g_new0(int *, f.n_pages ? f.n_pages : 1);
        f.annots = g_new0(GArray *, f.n_pages ? f.n_pages : 1);
        do_pages(&f, pages);
    }
    int tree = 0, metadata = 0, intent = 0, info_obj = 0;
    char *producer = g_strdup_printf("mspdoc %s (cairo %s)", MSP_VERSION, cairo_version_string());
    if (!f.error && f.tagged) {
        tree = msp_pdf_write_tree(&f);
    } else if (!f.error) {
        msp_pdf_write_annots(&f, NULL, 0, NULL);
    }
    if (!f.error) {
        info_obj = msp_pdf_writer_alloc(f.w);
        g_string_truncate(f.o, 0);
        msp_pdf_info_dict(f.o, info, producer);
        msp_finish_object(&f, info_obj, f.o);
    }
    if (!f.error && (f.tagged || std.pdfa)) {
        char *xmp = msp_pdf_xmp(info, producer, std);
        metadata = msp_pdf_writer_alloc(f.w);
        msp_pdf_writer_stream(f.w, metadata, "/Type /Metadata /Subtype /XML", (const guint8 *)xmp,
                              strlen(xmp), false);
        g_free(xmp);
    }
    if (!f.error && std.pdfa)
        intent = do_pdfa(&f);
    if (!f.error)
        do_catalog(&f, root, info, tree, metadata, intent, labels, n_labels);
    if (!f.error)
        copy_reachable(&f, root);
    if (!f.error) {
        char *keys = g_strdup_printf("/Root %d 0 R /Info %d 0 R", root, info_obj);
        *out = msp_pdf_writer_finish(f.w, keys);
        f.w = NULL;
        g_free(keys);
    }
    g_free(producer);
    msp_status st = MSP_OK;
    if (f.error)
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, ((msp_loc){ where, 0, 0 }),
                            f.user_error ? "or choose a --pdf-standard without PDF/A (ua-1, none)"
                                         : "this is a bug in mspdoc: report it with the input",
                            "cannot finish the PDF as %s: %s", msp_pdf_standard_name(std), f.error);
    for (int i = 0; i < f.n_pages; i++) {
        if (f.renum)
            g_free(f.renum[i]);
        if (f.annots && f.annots[i])
            g_array_free(f.annots[i], TRUE);
    }
    g_array_free(pages, TRUE);
    msp_pdf_writer_free(f.w);
    msp_pdf_file_free(f.in);
    g_free(why);
    g_free(f.renum);
    g_free(f.annots);
    g_free(f.page_obj);
    g_free(f.error);
    g_string_free(f.o, TRUE);
    g_hash_table_destroy(f.written);
    if (f.inflater)
        libdeflate_free_decompressor(f.inflater);
    return st;
}
