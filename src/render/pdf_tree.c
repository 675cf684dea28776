/* The structure tree of a tagged PDF written out (pdf_finish_private.h):
 * one object per element of pdf_struct.c in reading order, /K arrays of
 * MCIDs (plain numbers on the element's /Pg, MCR dictionaries on other
 * pages), OBJRs of link annotations, the parent tree, the role map for FO
 * roles that are not standard types, the IDTree of the notes. */
#include "render/pdf_finish_private.h"

#include <string.h>

/* " 12" and " 12 0 R": the tree has thousands of numbers, printf costs ten
 * times more than this */
static void put_int(GString *o, int v)
{
    char buf[16];
    int n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do {
        buf[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    g_string_append_c(o, ' ');
    if (v < 0)
        g_string_append_c(o, '-');
    while (n)
        g_string_append_c(o, buf[--n]);
}

static void put_ref(GString *o, int obj)
{
    put_int(o, obj);
    g_string_append(o, " 0 R");
}

static const char *link_contents(const msp_struct_elem *e)
{
    if (e && e->alt && *e->alt)
        return e->alt;
    if (e && e->text) {
        g_strstrip(e->text->str);
        e->text->len = strlen(e->text->str);
        if (e->text->len)
            return e->text->str;
    }
    return "Link";
}

/* The annotations: printable (PDF/A 6.3.2), with their text as /Contents
 * (PDF/UA 7.18.1) and, tagged, the parent-tree key of their Link. Returns
 * the next key (from first). */
int msp_pdf_write_annots(finish *f, const int *elem_obj, int first, GString *nums)
{
    static const char *const skip[] = { "/StructParent", "/Contents", "/F", NULL };
    const GArray *pages = msp_struct_pages(f->tags);
    int key = first;
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        for (guint k = 0; k < pg->links->len; k++) {
            const msp_struct_elem *e = g_ptr_array_index(pg->links, k);
            int id = g_array_index(f->annots[i], int, k);
            char *a = NULL;
            const guint8 *data;
            gsize dlen;
            g_string_assign(f->o, "<<");
            if (msp_pdf_file_object(f->in, id, &a, &data, &dlen))
                msp_pdf_dict_copy(a, f->o, skip);
            g_free(a);
            g_string_append(f->o, " /F 4 /Contents ");
            msp_pdf_put_text(f->o, link_contents(e));
            if (f->tagged && e && elem_obj && nums) {
                g_string_append_printf(f->o, " /StructParent %d", key);
                g_string_append_printf(nums, " %d %d 0 R", key++, elem_obj[e->id]);
            }
            g_string_append(f->o, " >>");
            msp_finish_rewrite(f, id, f->o);
        }
    }
    return key;
}

/* The structure tree: one object per element, the root with the parent
 * tree, the role map and the IDTree of the notes. Returns the root's
 * object number, or 0. */
int msp_pdf_write_tree(finish *f)
{
    msp_struct_sort(f->tags);
    const GPtrArray *elems = msp_struct_elems(f->tags);
    const GArray *pages = msp_struct_pages(f->tags);
    int n = (int)elems->len;
    if (n == 0) {
        msp_finish_fail(f, "nothing was drawn as structure content");
        return 0;
    }
    int *obj = g_new(int, n);
    for (int i = 0; i < n; i++)
        obj[i] = msp_pdf_writer_alloc(f->w);
    int root_obj = msp_pdf_writer_alloc(f->w);
    GString *rolemap = g_string_new(NULL), *ids = g_string_new(NULL);
    GHashTable *roles = g_hash_table_new(g_str_hash, g_str_equal);
    GString *o = f->o;
    for (int i = 0; i < n; i++) {
        const msp_struct_elem *e = g_ptr_array_index(elems, i);
        g_string_assign(o, "<< /Type /StructElem /S ");
        msp_pdf_put_name(o, e->role ? e->role : e->type);
        if (e->role && !g_hash_table_contains(roles, e->role)) {
            g_hash_table_add(roles, (gpointer)e->role);
            g_string_append_c(rolemap, ' ');
            msp_pdf_put_name(rolemap, e->role);
            g_string_append_c(rolemap, ' ');
            msp_pdf_put_name(rolemap, e->type);
        }
        g_string_append(o, " /P");
        put_ref(o, e->parent ? obj[e->parent->id] : root_obj);
        /* /Pg: the page of its first marked content, whose MCIDs are plain numbers */
        int pg = -1;
        for (guint k = 0; k < e->kids->len && pg < 0; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            if (kid->kind != MSP_KID_ELEM)
                pg = kid->page;
        }
        if (pg >= 0) {
            g_string_append(o, " /Pg");
            put_ref(o, f->page_obj[pg]);
        }
        g_string_append(o, " /K [");
        for (guint k = 0; k < e->kids->len; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            switch (kid->kind) {
            case MSP_KID_ELEM:
                put_ref(o, obj[kid->elem->id]);
                break;
            case MSP_KID_MCID: {
                int m = f->renum[kid->page] ? f->renum[kid->page][kid->index] : -1;
                if (m >= 0 && kid->page == pg)
                    put_int(o, m);
                else if (m >= 0)
                    g_string_append_printf(o, " << /Type /MCR /Pg %d 0 R /MCID %d >>",
                                           f->page_obj[kid->page], m);
                break;
            }
            case MSP_KID_ANNOT:
                if ((guint)kid->index < f->annots[kid->page]->len)
                    g_string_append_printf(o, " << /Type /OBJR /Pg %d 0 R /Obj %d 0 R >>",
                                           f->page_obj[kid->page],
                                           g_array_index(f->annots[kid->page], int, kid->index));
                break;
            }
        }
        g_string_append(o, " ]");
        if (e->lang) {
            g_string_append(o, " /Lang ");
            msp_pdf_put_text(o, e->lang);
        }
        if (e->alt && strcmp(e->type, "Figure") == 0) {
            g_string_append(o, " /Alt ");
            msp_pdf_put_text(o, e->alt);
        }
        if (strcmp(e->type, "Note") == 0) {
            /* PDF/UA 7.9: notes have identifiers (in the IDTree); ids sort as written */
            char id[32];
            g_snprintf(id, sizeof id, "note-%08d", e->id);
            g_string_append_printf(o, " /ID (%s)", id);
            g_string_append_printf(ids, " (%s) %d 0 R", id, obj[i]);
        }
        g_string_append(o, " >>");
        msp_finish_object(f, obj[i], o);
    }

    /* parent tree: page i -> its MCIDs' elements; then one key per annotation */
    GString *nums = g_string_new(NULL);
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        g_string_append_printf(nums, " %d [", i);
        for (guint m = 0; m < pg->mcs->len; m++) {
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, m);
            if (f->renum[i][m] >= 0)
                put_ref(nums, obj[mc->elem->id]);
        }
        g_string_append(nums, " ]");
    }
    int key = msp_pdf_write_annots(f, obj, f->n_pages, nums);
    g_string_printf(o, "<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTreeNextKey %d"
                       " /ParentTree << /Nums [%s ] >>", obj[0], key, nums->str);
    if (rolemap->len)
        g_string_append_printf(o, " /RoleMap <<%s >>", rolemap->str);
    if (ids->len)
        g_string_append_printf(o, " /IDTree << /Names [%s ] >>", ids->str);
    g_string_append(o, " >>");
    msp_finish_object(f, root_obj, o);
    g_hash_table_destroy(roles);
    g_string_free(rolemap, TRUE);
    g_string_free(ids, TRUE);
    g_string_free(nums, TRUE);
    g_free(obj);
    return root_obj;
}
