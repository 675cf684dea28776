/* The PDF for the record (pdf_finish.h): cairo's output read back with
 * libqpdf (its C API), the structure tree and artifacts of pdf_struct.c
 * written in, the catalog, Info and XMP completed, and the file written
 * again with deterministic ids. The content streams are scanned (not
 * reparsed into objects) only to find cairo's marked-content openings,
 * "/Span << /MCID n >> BDC": real content keeps a (renumbered) MCID under
 * its element's type, artifacts become "/Artifact << /Type ... >> BDC". */
#include "render/pdf_finish.h"

#include "render/icc.h"

#include <qpdf/qpdf-c.h>
#include <string.h>

bool msp_pdf_standard_parse(const char *s, msp_pdf_standard *out)
{
    if (!s)
        return false;
    msp_pdf_standard r = { false, 0 };
    if (strcmp(s, "none") == 0) {
        *out = r;
        return true;
    }
    char **parts = g_strsplit(s, ",", -1);
    bool ok = parts[0] != NULL;
    for (int i = 0; parts[i] && ok; i++) {
        const char *p = g_strstrip(parts[i]);
        if (strcmp(p, "ua-1") == 0 && !r.ua)
            r.ua = true;
        else if (g_str_has_prefix(p, "a-2") && strlen(p) == 4 && strchr("abu", p[3]) && !r.pdfa)
            r.pdfa = p[3];
        else
            ok = false;
    }
    g_strfreev(parts);
    if (ok)
        *out = r;
    return ok;
}

bool msp_pdf_standard_tagged(msp_pdf_standard std)
{
    return std.ua || std.pdfa == 'a';
}

const char *msp_pdf_standard_name(msp_pdf_standard std)
{
    if (std.ua) {
        switch (std.pdfa) {
        case 'a': return "ua-1,a-2a";
        case 'b': return "ua-1,a-2b";
        case 'u': return "ua-1,a-2u";
        default: return "ua-1";
        }
    }
    switch (std.pdfa) {
    case 'a': return "a-2a";
    case 'b': return "a-2b";
    case 'u': return "a-2u";
    default: return "none";
    }
}

/* --- PDF syntax --- */

/* A text string: PDFDocEncoding-safe ASCII as a literal, else UTF-16BE hex. */
static void put_text(GString *o, const char *utf8)
{
    bool ascii = true;
    for (const char *p = utf8; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
            ascii = false;
    if (ascii) {
        g_string_append_c(o, '(');
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                g_string_append_c(o, '\\');
            g_string_append_c(o, *p);
        }
        g_string_append_c(o, ')');
        return;
    }
    g_string_append(o, "<FEFF");
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(o, "%04X", u[i]);
    g_free(u);
    g_string_append_c(o, '>');
}

/* A name: regular characters as they are, the rest as #xx. */
static void put_name(GString *o, const char *name)
{
    g_string_append_c(o, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("#()<>[]{}/%", *p))
            g_string_append_c(o, (char)*p);
        else
            g_string_append_printf(o, "#%02X", *p);
    }
}

static void put_xml(GString *o, const char *s)
{
    char *e = g_markup_escape_text(s, -1);
    g_string_append(o, e);
    g_free(e);
}

/* --- content streams --- */

static bool is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static bool is_delim(char c)
{
    return is_ws(c) || strchr("()<>[]{}/%", c);
}

static size_t skip_ws(const char *d, size_t n, size_t i)
{
    while (i < n && is_ws(d[i]))
        i++;
    return i;
}

static bool lit(const char *d, size_t n, size_t *i, const char *word)
{
    size_t k = strlen(word);
    if (*i + k > n || memcmp(d + *i, word, k) != 0)
        return false;
    *i += k;
    return true;
}

/* At d[i] == '/': "/Name << /MCID n >> BDC"? Sets *mcid and *end. */
static bool match_mcid(const char *d, size_t n, size_t i, int *mcid, size_t *end)
{
    size_t j = i + 1;
    while (j < n && !is_delim(d[j]))
        j++;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "<<"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "/MCID"))
        return false;
    j = skip_ws(d, n, j);
    int v = 0, digits = 0;
    while (j < n && d[j] >= '0' && d[j] <= '9' && digits < 9) {
        v = v * 10 + (d[j++] - '0');
        digits++;
    }
    if (!digits)
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, ">>"))
        return false;
    j = skip_ws(d, n, j);
    if (!lit(d, n, &j, "BDC") || (j < n && !is_delim(d[j])))
        return false;
    *mcid = v;
    *end = j;
    return true;
}

static const char *artifact_props(msp_artifact a)
{
    switch (a) {
    case MSP_ART_HEADER: return "<< /Type /Pagination /Subtype /Header >>";
    case MSP_ART_FOOTER: return "<< /Type /Pagination /Subtype /Footer >>";
    case MSP_ART_WATERMARK: return "<< /Type /Pagination /Subtype /Watermark >>";
    case MSP_ART_PAGINATION: return "<< /Type /Pagination >>";
    default: return "<< /Type /Layout >>";
    }
}

/* Copies the content d[0..n) into o with cairo's openings rewritten: the
 * sequence with cairo's MCID k is page->mcs[k]; renum[k] gets its new MCID
 * (-1 for an artifact). Returns the number of openings seen, or -1 when one
 * names an MCID the page does not have. */
static int rewrite_content(GString *o, const char *d, size_t n, const msp_struct_page *pg,
                           int *renum)
{
    size_t i = 0, from = 0;
    int seen = 0, next = 0;
    while (i < n) {
        char c = d[i];
        if (c == '(') {           /* literal string: nested parentheses, escapes */
            int depth = 0;
            for (; i < n; i++) {
                if (d[i] == '\\') {
                    i++;
                    continue;
                }
                if (d[i] == '(')
                    depth++;
                else if (d[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
            }
            continue;
        }
        if (c == '<' && i + 1 < n && d[i + 1] != '<') {   /* hex string */
            while (i < n && d[i] != '>')
                i++;
            i++;
            continue;
        }
        if (c == '%') {
            while (i < n && d[i] != '\n' && d[i] != '\r')
                i++;
            continue;
        }
        if (c == 'I' && i + 2 < n && d[i + 1] == 'D' && is_ws(d[i + 2]) &&
            (i == 0 || is_ws(d[i - 1]))) {
            /* inline image data: up to "EI" between white space */
            i += 3;
            while (i + 2 < n && !(is_ws(d[i - 1]) && d[i] == 'E' && d[i + 1] == 'I' &&
                                  (i + 2 >= n || is_ws(d[i + 2]))))
                i++;
            i += 2;
            continue;
        }
        int mcid;
        size_t end;
        if (c == '/' && match_mcid(d, n, i, &mcid, &end)) {
            if (mcid < 0 || (guint)mcid >= pg->mcs->len)
                return -1;
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, mcid);
            g_string_append_len(o, d + from, (gssize)(i - from));
            if (mc->elem) {
                renum[mcid] = next;
                put_name(o, mc->elem->role ? mc->elem->role : mc->elem->type);
                g_string_append_printf(o, " << /MCID %d >> BDC", next++);
            } else {
                renum[mcid] = -1;
                g_string_append_printf(o, "/Artifact %s BDC", artifact_props(mc->art));
            }
            seen++;
            i = from = end;
            continue;
        }
        i++;
    }
    g_string_append_len(o, d + from, (gssize)(n - from));
    return seen;
}

/* --- the rewrite --- */

typedef struct finish {
    msp_job *job;
    const char *where;
    qpdf_data q;
    msp_pdf_standard std;
    msp_struct *tags;
    int n_pages;
    int *page_obj;           /* object number of each page */
    int **renum;             /* per page: cairo MCID -> ours */
    GArray **annots;         /* per page: object numbers of its annotations */
    char *error;             /* first failure */
    bool user_error;         /* the failure is the machine's (a missing profile), not a bug */
} finish;

static void fail(finish *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void fail(finish *f, const char *fmt, ...)
{
    if (f->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    f->error = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

static bool qpdf_failed(finish *f, const char *what)
{
    if (!qpdf_has_error(f->q))
        return false;
    qpdf_error e = qpdf_get_error(f->q);
    fail(f, "%s: %s", what, e ? qpdf_get_error_full_text(f->q, e) : "libqpdf failed");
    return true;
}

static qpdf_oh parse(finish *f, const GString *s)
{
    return qpdf_oh_parse(f->q, s->str);   /* direct objects only: no "n 0 R" */
}

static void put_key(finish *f, qpdf_oh d, const char *key, qpdf_oh v);
static void append(finish *f, qpdf_oh array, qpdf_oh item);
/* Pages: object numbers, annotations, content rewritten (tagged). */
static void do_pages(finish *f, bool tagged)
{
    const GArray *pages = tagged ? msp_struct_pages(f->tags) : NULL;
    if (tagged && (int)pages->len != f->n_pages) {
        fail(f, "%d pages drawn but %u recorded for tagging", f->n_pages, pages->len);
        return;
    }
    GString *o = g_string_new(NULL);
    for (int i = 0; i < f->n_pages && !f->error; i++) {
        qpdf_oh page = qpdf_get_page_n(f->q, (size_t)i);
        f->page_obj[i] = qpdf_oh_get_object_id(f->q, page);
        f->annots[i] = g_array_new(FALSE, FALSE, sizeof(int));
        qpdf_oh an = qpdf_oh_get_key(f->q, page, "/Annots");
        int na = qpdf_oh_is_array(f->q, an) ? qpdf_oh_get_array_n_items(f->q, an) : 0;
        for (int k = 0; k < na; k++) {
            qpdf_oh a = qpdf_oh_get_array_item(f->q, an, k);
            int id = qpdf_oh_get_object_id(f->q, a);
            g_array_append_val(f->annots[i], id);
            qpdf_oh_remove_key(f->q, a, "/StructParent");
            /* printable (PDF/A 6.3.2) */
            qpdf_oh_replace_key(f->q, a, "/F", qpdf_oh_new_integer(f->q, 4));
        }
        qpdf_oh_remove_key(f->q, page, "/StructParents");
        if (!tagged)
            continue;
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        if ((int)pg->links->len != na) {
            fail(f, "page %d has %d link annotations but %u links were drawn", i + 1, na,
                 pg->links->len);
            break;
        }
        unsigned char *buf = NULL;
        size_t len = 0;
        if (qpdf_oh_get_page_content_data(f->q, page, &buf, &len) != QPDF_SUCCESS || !buf) {
            free(buf);
            qpdf_failed(f, "reading a page's content");
            fail(f, "cannot read the content of page %d", i + 1);
            break;
        }
        f->renum[i] = g_new(int, pg->mcs->len ? pg->mcs->len : 1);
        g_string_truncate(o, 0);
        int seen = rewrite_content(o, (const char *)buf, len, pg, f->renum[i]);
        free(buf);
        if (seen != (int)pg->mcs->len) {
            fail(f, "page %d: %d marked-content sequences in the file, %u drawn", i + 1,
                 seen, pg->mcs->len);
            break;
        }
        /* the page's own stream gets the new data (a new stream costs libqpdf ~1 ms) */
        qpdf_oh st = qpdf_oh_get_key(f->q, page, "/Contents");
        if (!qpdf_oh_is_stream(f->q, st)) {
            st = qpdf_oh_new_stream(f->q);
            qpdf_oh_replace_key(f->q, page, "/Contents", st);
        }
        qpdf_oh_replace_stream_data(f->q, st, (const unsigned char *)o->str, o->len,
                                    qpdf_oh_new_null(f->q), qpdf_oh_new_null(f->q));
        qpdf_oh_replace_key(f->q, page, "/StructParents", qpdf_oh_new_integer(f->q, i));
        if (na > 0)
            qpdf_oh_replace_key(f->q, page, "/Tabs", qpdf_oh_new_name(f->q, "/S"));
    }
    g_string_free(o, TRUE);
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

static void put_key(finish *f, qpdf_oh d, const char *key, qpdf_oh v)
{
    qpdf_oh_replace_key(f->q, d, key, v);
    qpdf_oh_release(f->q, v);
}

static void append(finish *f, qpdf_oh array, qpdf_oh item)
{
    qpdf_oh_append_item(f->q, array, item);
    qpdf_oh_release(f->q, item);
}

/* A JSON string (qpdf JSON v2): text strings as "u:...", names as "/...". */
static void json_str(GString *o, const char *prefix, const char *s)
{
    g_string_append_c(o, '"');
    g_string_append(o, prefix);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            g_string_append_c(o, '\\');
            g_string_append_c(o, (char)*p);
        } else if (*p < 0x20)
            g_string_append_printf(o, "\\u%04x", *p);
        else
            g_string_append_c(o, (char)*p);
    }
    g_string_append_c(o, '"');
}

/* The structure tree and the parent tree, made in one libqpdf JSON update
 * (thousands of objects: the handle API would cost a call per key), then
 * the annotations' keys through handles. Elements are objects base.. base+n-1,
 * the tree root base+n. */
static void do_tree(finish *f)
{
    msp_struct_sort(f->tags);
    const GPtrArray *elems = msp_struct_elems(f->tags);
    const GArray *pages = msp_struct_pages(f->tags);
    int n = (int)elems->len;
    if (n == 0) {
        fail(f, "nothing was drawn as structure content");
        return;
    }
    qpdf_oh size = qpdf_oh_get_key(f->q, qpdf_get_trailer(f->q), "/Size");
    int base = qpdf_oh_is_integer(f->q, size) ? qpdf_oh_get_int_value_as_int(f->q, size) : 0;
    if (base <= 0) {
        fail(f, "cairo's file has no /Size");
        return;
    }
    int root_obj = base + n;

    GString *j = g_string_sized_new((gsize)n * 160);
    g_string_append(j, "{\"qpdf\":[{\"jsonversion\":2},{");
    GString *rolemap = g_string_new(NULL);
    GString *ids = g_string_new(NULL);
    GHashTable *roles = g_hash_table_new(g_str_hash, g_str_equal);
    for (int i = 0; i < n; i++) {
        const msp_struct_elem *e = g_ptr_array_index(elems, i);
        if (i)
            g_string_append_c(j, ',');
        g_string_append_printf(j, "\"obj:%d 0 R\":{\"value\":{\"/Type\":\"/StructElem\",\"/S\":", base + i);
        json_str(j, "/", e->role ? e->role : e->type);
        g_string_append_printf(j, ",\"/P\":\"%d 0 R\"", e->parent ? base + e->parent->id : root_obj);
        if (e->role && !g_hash_table_contains(roles, e->role)) {
            g_hash_table_add(roles, (gpointer)e->role);
            if (rolemap->len)
                g_string_append_c(rolemap, ',');
            json_str(rolemap, "/", e->role);
            g_string_append_c(rolemap, ':');
            json_str(rolemap, "/", e->type);
        }
        /* /Pg: the page of the first marked content; its MCIDs are plain numbers */
        int pg = -1;
        for (guint k = 0; k < e->kids->len && pg < 0; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            if (kid->kind != MSP_KID_ELEM)
                pg = kid->page;
        }
        if (pg >= 0)
            g_string_append_printf(j, ",\"/Pg\":\"%d 0 R\"", f->page_obj[pg]);
        g_string_append(j, ",\"/K\":[");
        bool first = true;
        for (guint k = 0; k < e->kids->len; k++) {
            const msp_struct_kid *kid = &g_array_index(e->kids, msp_struct_kid, k);
            int m = kid->kind == MSP_KID_MCID && f->renum[kid->page] ? f->renum[kid->page][kid->index] : -1;
            if (kid->kind == MSP_KID_MCID && m < 0)
                continue;
            if (kid->kind == MSP_KID_ANNOT && (guint)kid->index >= f->annots[kid->page]->len)
                continue;
            if (!first)
                g_string_append_c(j, ',');
            first = false;
            if (kid->kind == MSP_KID_ELEM)
                g_string_append_printf(j, "\"%d 0 R\"", base + kid->elem->id);
            else if (kid->kind == MSP_KID_MCID && kid->page == pg)
                g_string_append_printf(j, "%d", m);
            else if (kid->kind == MSP_KID_MCID)
                g_string_append_printf(j, "{\"/Type\":\"/MCR\",\"/Pg\":\"%d 0 R\",\"/MCID\":%d}",
                                       f->page_obj[kid->page], m);
            else
                g_string_append_printf(j, "{\"/Type\":\"/OBJR\",\"/Pg\":\"%d 0 R\",\"/Obj\":\"%d 0 R\"}",
                                       f->page_obj[kid->page],
                                       g_array_index(f->annots[kid->page], int, kid->index));
        }
        g_string_append_c(j, ']');
        if (e->lang) {
            g_string_append(j, ",\"/Lang\":");
            json_str(j, "u:", e->lang);
        }
        if (e->alt && strcmp(e->type, "Figure") == 0) {
            g_string_append(j, ",\"/Alt\":");
            json_str(j, "u:", e->alt);
        }
        if (strcmp(e->type, "Note") == 0) {
            /* PDF/UA 7.9: notes have identifiers (in the IDTree); ids sort as written */
            char id[32];
            g_snprintf(id, sizeof id, "note-%08d", e->id);
            g_string_append_printf(j, ",\"/ID\":\"u:%s\"", id);
            g_string_append_printf(ids, "%s\"u:%s\",\"%d 0 R\"", ids->len ? "," : "", id, base + i);
        }
        g_string_append(j, "}}");
    }

    /* parent tree: page i -> its MCIDs' elements; then one key per annotation */
    GString *nums = g_string_new(NULL);
    int key = f->n_pages;
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        g_string_append_printf(nums, "%s%d,[", i ? "," : "", i);
        bool first = true;
        for (guint m = 0; m < pg->mcs->len; m++) {
            const msp_struct_mc *mc = &g_array_index(pg->mcs, msp_struct_mc, m);
            if (f->renum[i][m] < 0)
                continue;
            g_string_append_printf(nums, "%s\"%d 0 R\"", first ? "" : ",", base + mc->elem->id);
            first = false;
        }
        g_string_append_c(nums, ']');
    }
    for (int i = 0; i < f->n_pages; i++) {
        const msp_struct_page *pg = &g_array_index(pages, msp_struct_page, i);
        for (guint k = 0; k < pg->links->len; k++) {
            const msp_struct_elem *e = g_ptr_array_index(pg->links, k);
            qpdf_oh a = qpdf_get_object_by_id(f->q, g_array_index(f->annots[i], int, k), 0);
            put_key(f, a, "/Contents", qpdf_oh_new_unicode_string(f->q, link_contents(e)));
            if (e) {
                put_key(f, a, "/StructParent", qpdf_oh_new_integer(f->q, key));
                g_string_append_printf(nums, ",%d,\"%d 0 R\"", key++, base + e->id);
            }
            qpdf_oh_release(f->q, a);
        }
    }
    g_string_append_printf(j, ",\"obj:%d 0 R\":{\"value\":{\"/Type\":\"/StructTreeRoot\","
                              "\"/K\":[\"%d 0 R\"],\"/ParentTreeNextKey\":%d,"
                              "\"/ParentTree\":{\"/Nums\":[%s]}",
                           root_obj, base, key, nums->str);
    if (rolemap->len)
        g_string_append_printf(j, ",\"/RoleMap\":{%s}", rolemap->str);
    if (ids->len)
        g_string_append_printf(j, ",\"/IDTree\":{\"/Names\":[%s]}", ids->str);
    g_string_append(j, "}}}]}");
    if (qpdf_update_from_json_data(f->q, j->str, j->len) & QPDF_ERRORS)
        qpdf_failed(f, "adding the structure tree");
    g_hash_table_destroy(roles);
    g_string_free(rolemap, TRUE);
    g_string_free(ids, TRUE);
    g_string_free(nums, TRUE);
    g_string_free(j, TRUE);
    if (f->error)
        return;
    qpdf_oh root = qpdf_get_root(f->q);
    put_key(f, root, "/StructTreeRoot", qpdf_get_object_by_id(f->q, root_obj, 0));
    qpdf_oh mark = qpdf_oh_new_dictionary(f->q);
    put_key(f, mark, "/Marked", qpdf_oh_new_bool(f->q, QPDF_TRUE));
    put_key(f, root, "/MarkInfo", mark);
}

/* "2025-10-08T00:00:00Z" -> "D:20251008000000Z" */
static char *pdf_date(const char *iso)
{
    char d[15] = { 0 };
    int k = 0;
    for (const char *p = iso; *p && k < 14; p++)
        if (g_ascii_isdigit(*p))
            d[k++] = *p;
    return g_strdup_printf("D:%sZ", d);
}

static char *xmp_packet(const msp_pdf_info *info, const char *producer, msp_pdf_standard std)
{
    GString *x = g_string_new("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                              "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                              "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                              "<rdf:Description rdf:about=\"\"\n"
                              "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                              "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                              "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                              "  xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                              "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
                              "  xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                              "  xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
                              "  xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                              " <dc:format>application/pdf</dc:format>\n");
    if (info->title && *info->title) {
        g_string_append(x, " <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(x, info->title);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (info->author && *info->author) {
        g_string_append(x, " <dc:creator><rdf:Seq><rdf:li>");
        put_xml(x, info->author);
        g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (info->subject && *info->subject) {
        g_string_append(x, " <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(x, info->subject);
        g_string_append(x, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    if (info->lang && *info->lang) {
        g_string_append(x, " <dc:language><rdf:Bag><rdf:li>");
        put_xml(x, info->lang);
        g_string_append(x, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    if (info->keywords && *info->keywords) {
        g_string_append(x, " <pdf:Keywords>");
        put_xml(x, info->keywords);
        g_string_append(x, "</pdf:Keywords>\n");
    }
    g_string_append(x, " <pdf:Producer>");
    put_xml(x, producer);
    g_string_append(x, "</pdf:Producer>\n");
    if (info->creator && *info->creator) {
        g_string_append(x, " <xmp:CreatorTool>");
        put_xml(x, info->creator);
        g_string_append(x, "</xmp:CreatorTool>\n");
    }
    if (info->date && *info->date)
        g_string_append_printf(x, " <xmp:CreateDate>%s</xmp:CreateDate>\n"
                                  " <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                                  " <xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                               info->date, info->date, info->date);
    if (std.pdfa)
        g_string_append_printf(x, " <pdfaid:part>2</pdfaid:part>\n"
                                  " <pdfaid:conformance>%c</pdfaid:conformance>\n",
                               g_ascii_toupper(std.pdfa));
    if (std.ua) {
        g_string_append(x, " <pdfuaid:part>1</pdfuaid:part>\n");
        /* PDF/A-2 knows only its predefined schemas: pdfuaid is described */
        if (std.pdfa)
            g_string_append(x,
                " <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
                "  <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
                "  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
                "  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
                "  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
                "   <pdfaProperty:name>part</pdfaProperty:name>\n"
                "   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
                "   <pdfaProperty:category>internal</pdfaProperty:category>\n"
                "   <pdfaProperty:description>the part of ISO 14289 the file conforms to</pdfaProperty:description>\n"
                "  </rdf:li></rdf:Seq></pdfaSchema:property>\n"
                " </rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
    }
    g_string_append(x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    return g_string_free(x, FALSE);
}

static void set_info(finish *f, qpdf_oh dict, const char *key, const char *value)
{
    if (value && *value)
        qpdf_oh_replace_key(f->q, dict, key, qpdf_oh_new_unicode_string(f->q, value));
    else
        qpdf_oh_remove_key(f->q, dict, key);
}

/* Info rewritten from info (so that XMP and Info agree by construction),
 * the XMP packet, and what the catalog needs for the standard. */
static void do_catalog(finish *f, const msp_pdf_info *info)
{
    qpdf_oh root = qpdf_get_root(f->q);
    qpdf_oh trailer = qpdf_get_trailer(f->q);
    qpdf_oh in = qpdf_oh_get_key(f->q, trailer, "/Info");
    if (!qpdf_oh_is_dictionary(f->q, in)) {
        in = qpdf_make_indirect_object(f->q, qpdf_oh_new_dictionary(f->q));
        qpdf_oh_replace_key(f->q, trailer, "/Info", in);
    }
    char *producer = g_strdup_printf("mspdoc %s (cairo %s, qpdf %s)", MSP_VERSION,
                                     cairo_version_string(), qpdf_get_qpdf_version());
    char *date = info->date ? pdf_date(info->date) : NULL;
    set_info(f, in, "/Title", info->title);
    set_info(f, in, "/Author", info->author);
    set_info(f, in, "/Subject", info->subject);
    set_info(f, in, "/Keywords", info->keywords);
    set_info(f, in, "/Creator", info->creator);
    set_info(f, in, "/Producer", producer);
    set_info(f, in, "/CreationDate", date);
    set_info(f, in, "/ModDate", date);
    g_free(date);

    bool tagged = msp_pdf_standard_tagged(f->std);
    if (tagged || f->std.pdfa) {
        char *xmp = xmp_packet(info, producer, f->std);
        qpdf_oh st = qpdf_oh_new_stream(f->q);
        qpdf_oh_replace_stream_data(f->q, st, (const unsigned char *)xmp, strlen(xmp),
                                    qpdf_oh_new_null(f->q), qpdf_oh_new_null(f->q));
        qpdf_oh d = qpdf_oh_get_dict(f->q, st);
        qpdf_oh_replace_key(f->q, d, "/Type", qpdf_oh_new_name(f->q, "/Metadata"));
        qpdf_oh_replace_key(f->q, d, "/Subtype", qpdf_oh_new_name(f->q, "/XML"));
        qpdf_oh_replace_key(f->q, root, "/Metadata", st);   /* a new stream is indirect already */
        g_free(xmp);
    }
    if (info->lang && *info->lang)
        qpdf_oh_replace_key(f->q, root, "/Lang", qpdf_oh_new_unicode_string(f->q, info->lang));
    if (tagged) {
        qpdf_oh vp = qpdf_oh_new_dictionary(f->q);
        put_key(f, vp, "/DisplayDocTitle", qpdf_oh_new_bool(f->q, QPDF_TRUE));
        put_key(f, root, "/ViewerPreferences", vp);
    }
    else {
        qpdf_oh_remove_key(f->q, root, "/StructTreeRoot");
        qpdf_oh_remove_key(f->q, root, "/MarkInfo");
    }
    g_free(producer);
}

/* PDF/A-2: the sRGB output intent, no interpolation. */
static void do_pdfa(finish *f)
{
    gsize len = 0;
    const guint8 *icc = NULL;
    char *why = NULL;
    if (!msp_icc_srgb(&icc, &len, &why)) {
        fail(f, "%s", why);
        f->user_error = true;
        g_free(why);
        return;
    }
    qpdf_oh st = qpdf_oh_new_stream(f->q);
    qpdf_oh_replace_stream_data(f->q, st, icc, len, qpdf_oh_new_null(f->q), qpdf_oh_new_null(f->q));
    qpdf_oh_replace_key(f->q, qpdf_oh_get_dict(f->q, st), "/N", qpdf_oh_new_integer(f->q, 3));
    qpdf_oh oi = qpdf_oh_new_dictionary(f->q);
    put_key(f, oi, "/Type", qpdf_oh_new_name(f->q, "/OutputIntent"));
    put_key(f, oi, "/S", qpdf_oh_new_name(f->q, "/GTS_PDFA1"));
    put_key(f, oi, "/OutputConditionIdentifier", qpdf_oh_new_string(f->q, "sRGB IEC61966-2.1"));
    put_key(f, oi, "/Info", qpdf_oh_new_string(f->q, "sRGB IEC61966-2.1"));
    put_key(f, oi, "/DestOutputProfile", st);   /* a new stream is indirect already */
    qpdf_oh list = qpdf_oh_new_array(f->q);
    append(f, list, oi);
    put_key(f, qpdf_get_root(f->q), "/OutputIntents", list);
    for (int i = 0; i < f->n_pages; i++) {
        qpdf_oh page = qpdf_get_page_n(f->q, (size_t)i);
        qpdf_oh res = qpdf_oh_get_key(f->q, page, "/Resources");
        qpdf_oh xo = qpdf_oh_get_key(f->q, res, "/XObject");
        if (!qpdf_oh_is_dictionary(f->q, xo))
            continue;
        qpdf_oh_begin_dict_key_iter(f->q, xo);
        while (qpdf_oh_dict_more_keys(f->q)) {
            qpdf_oh x = qpdf_oh_get_key(f->q, xo, qpdf_oh_dict_next_key(f->q));
            if (!qpdf_oh_is_stream(f->q, x))
                continue;
            qpdf_oh d = qpdf_oh_get_dict(f->q, x);
            qpdf_oh_remove_key(f->q, d, "/Interpolate");
            qpdf_oh sm = qpdf_oh_get_key(f->q, d, "/SMask");
            if (qpdf_oh_is_stream(f->q, sm))
                qpdf_oh_remove_key(f->q, qpdf_oh_get_dict(f->q, sm), "/Interpolate");
        }
    }
}

/* /PageLabels when the printed numbers are not 1, 2, 3...: a range starts
 * where the style or the sequence breaks. */
static void do_labels(finish *f, const msp_pdf_label *labels, int n)
{
    bool plain = true;
    for (int i = 0; i < n && plain; i++) {
        char want[16];
        g_snprintf(want, sizeof want, "%d", i + 1);
        plain = labels[i].text && strcmp(labels[i].text, want) == 0;
    }
    if (plain || n != f->n_pages)
        return;
    GString *s = g_string_new("<< /Nums [");
    char prev_style = 0;
    int prev = 0;
    for (int i = 0; i < n; i++) {
        const char *t = labels[i].text ? labels[i].text : "";
        char style = 0;
        char dec[16], low[16];
        g_snprintf(dec, sizeof dec, "%d", labels[i].number);
        if (strcmp(t, dec) == 0)
            style = 'D';
        else {
            static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                             "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii",
                                             "xix", "xx" };
            int k = labels[i].number;
            g_strlcpy(low, k >= 1 && k <= 20 ? r[k - 1] : "", sizeof low);
            char *up = g_ascii_strup(low, -1);
            if (*low && strcmp(t, low) == 0)
                style = 'r';
            else if (*low && strcmp(t, up) == 0)
                style = 'R';
            g_free(up);
        }
        bool cont = i > 0 && style && style == prev_style && labels[i].number == prev + 1;
        if (!cont) {
            g_string_append_printf(s, " %d <<", i);
            if (style)
                g_string_append_printf(s, " /S /%c /St %d", style, labels[i].number > 0 ? labels[i].number : 1);
            else {
                g_string_append(s, " /P ");
                put_text(s, t);
            }
            g_string_append(s, " >>");
        }
        prev_style = style;
        prev = labels[i].number;
    }
    g_string_append(s, " ] >>");
    qpdf_oh_replace_key(f->q, qpdf_get_root(f->q), "/PageLabels", parse(f, s));
    g_string_free(s, TRUE);
}

msp_status msp_pdf_finish(msp_job *job, const char *where, const guint8 *in, gsize len,
                          msp_pdf_standard std, msp_struct *tags, const msp_pdf_info *info,
                          const msp_pdf_label *labels, int n_labels, GByteArray **out)
{
    *out = NULL;
    finish f = { .job = job, .where = where, .std = std, .tags = tags };
    bool tagged = msp_pdf_standard_tagged(std) && tags;
    f.q = qpdf_init();
    qpdf_silence_errors(f.q);
    qpdf_set_suppress_warnings(f.q, QPDF_TRUE);
    if (qpdf_read_memory(f.q, where, (const char *)in, (unsigned long long)len, NULL) & QPDF_ERRORS)
        qpdf_failed(&f, "reading cairo's output back");
    if (!f.error) {
        f.n_pages = qpdf_get_num_pages(f.q);
        if (f.n_pages < 0)
            qpdf_failed(&f, "listing the pages");
    }
    if (!f.error) {
        f.page_obj = g_new0(int, f.n_pages ? f.n_pages : 1);
        f.renum = g_new0(int *, f.n_pages ? f.n_pages : 1);
        f.annots = g_new0(GArray *, f.n_pages ? f.n_pages : 1);
        do_pages(&f, tagged);
    }
    if (!f.error && !qpdf_failed(&f, "reading the pages") && tagged)
        do_tree(&f);
    if (!f.error && !qpdf_failed(&f, "writing the structure tree"))
        do_catalog(&f, info);
    if (!f.error && !qpdf_failed(&f, "completing the catalog") && std.pdfa)
        do_pdfa(&f);
    if (!f.error && !qpdf_failed(&f, "adding the output intent"))
        do_labels(&f, labels, n_labels);
    if (!f.error && !qpdf_failed(&f, "completing the file")) {
        qpdf_init_write_memory(f.q);
        qpdf_set_deterministic_ID(f.q, QPDF_TRUE);
        qpdf_set_decode_level(f.q, qpdf_dl_none);
        qpdf_set_compress_streams(f.q, QPDF_TRUE);
        qpdf_set_object_stream_mode(f.q, qpdf_o_generate);
        if (tagged || std.pdfa)
            qpdf_set_minimum_pdf_version(f.q, "1.7");
        if (qpdf_write(f.q) & QPDF_ERRORS)
            qpdf_failed(&f, "writing the file");
    }
    msp_status st = MSP_OK;
    if (f.error) {
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, ((msp_loc){ where, 0, 0 }),
                            f.user_error ? "or choose a --pdf-standard without PDF/A (ua-1, none)"
                                         : "this is a bug in mspdoc: report it with the input; "
                                           "--pdf-standard none may work around it",
                            "cannot finish the PDF as %s: %s", msp_pdf_standard_name(std), f.error);
    } else {
        GByteArray *b = g_byte_array_sized_new((guint)qpdf_get_buffer_length(f.q));
        g_byte_array_append(b, qpdf_get_buffer(f.q), (guint)qpdf_get_buffer_length(f.q));
        *out = b;
    }
    for (int i = 0; i < f.n_pages; i++) {
        if (f.renum)
            g_free(f.renum[i]);
        if (f.annots && f.annots[i])
            g_array_free(f.annots[i], TRUE);
    }
    g_free(f.renum);
    g_free(f.annots);
    g_free(f.page_obj);
    g_free(f.error);
    qpdf_cleanup(&f.q);
    return st;
}
