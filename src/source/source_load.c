/* Safe loading of a paper source: size limit, what the bytes are (UTF-8
 * text, not a Word document, a PDF, UTF-16 or Latin-1: base/sniff.h),
 * libxml2 parse without network, entities or DTDs (a DOCTYPE is refused), depth limit, and
 * the line:column of every element's '<' recorded while parsing.
 * Errors are collected per parser context: no global handler is touched. */
#include "source/source.h"
#include "base/stdin.h"
#include "base/sniff.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdlib.h>
#include <string.h>

typedef struct load_state {
    msp_job *job;
    msp_source *src;
    const char *buf;          /* the whole file, UTF-8 */
    size_t len;
    size_t scan_off;          /* incremental line counting: offset ... */
    int scan_line;            /* ... and its line */
    int depth;
    bool stopped;             /* a limit or DOCTYPE stopped the parse */
    msp_status status;
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
} load_state;

/* Line and column (1-based, in characters) of byte offset off; offsets come
 * in increasing order (document order), so counting is incremental. */
static void offset_position(load_state *st, size_t off, int *line, int *col)
{
    if (off > st->len)
        off = st->len;
    if (off < st->scan_off) {
        st->scan_off = 0;
        st->scan_line = 1;
    }
    for (size_t i = st->scan_off; i < off; i++)
        if (st->buf[i] == '\n')
            st->scan_line++;
    st->scan_off = off;
    size_t bol = off;
    while (bol > 0 && st->buf[bol - 1] != '\n')
        bol--;
    int c = 1;
    for (size_t i = bol; i < off; i++)
        if (((unsigned char)st->buf[i] & 0xC0) != 0x80)
            c++;
    *line = st->scan_line;
    *col = c;
}

/* The offset of the '<' that opened the construct the parser just read. */
static size_t tag_start(load_state *st, xmlParserCtxtPtr ctxt)
{
    /* the parser's place in its UTF-8 input (sources are UTF-8, so the same
     * bytes as the file's, less a byte-order mark): xmlByteConsumed counts
     * it by re-encoding the rest of the input at each call, which made
     * reading the data files quadratic */
    const xmlParserInput *in = ctxt->input;
    size_t off = 0;
    if (in && in->cur && in->base && in->cur >= in->base)
        off = (size_t)in->consumed + (size_t)(in->cur - in->base);
    if (st->len >= 3 && memcmp(st->buf, "\xEF\xBB\xBF", 3) == 0)
        off += 3;   /* read as "UTF-8", libxml2 drops the mark before decoding */
    if (off > st->len)
        off = st->len;
    while (off > 0 && st->buf[off - 1] != '<')
        off--;
    return off > 0 ? off - 1 : 0;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    int line, col;
    offset_position(st, tag_start(st, ctxt), &line, &col);
    if (++st->depth > st->job->limits.max_depth) {
        msp_loc loc = { st->src->path, line, col };
        st->status = msp_diag_error(&st->job->diags, MSP_E_LIMIT, loc,
                                    "flatten the structure or raise the depth limit",
                                    "elements nested deeper than %d levels", st->job->limits.max_depth);
        st->stopped = true;
        xmlStopParser(ctxt);
        return;
    }
    st->start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
              attributes);
    xmlNodePtr node = ctxt->node;
    if (node && node->type == XML_ELEMENT_NODE && !g_hash_table_contains(st->src->where, node)) {
        msp_loc loc = { st->src->path, line, col };
        g_array_append_val(st->src->positions, loc);
        g_hash_table_insert(st->src->where, node, GUINT_TO_POINTER(st->src->positions->len));
    }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    st->depth--;
    st->end(ctx, localname, prefix, uri);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    if (st->stopped)
        return;
    int line, col;
    offset_position(st, tag_start(st, ctxt), &line, &col);
    msp_loc loc = { st->src->path, line, col };
    st->status = msp_diag_error(&st->job->diags, MSP_E_XML, loc,
                                "remove the <!DOCTYPE ...> declaration: sources use no DTD or entities",
                                "DOCTYPE declarations are not allowed in sources");
    st->stopped = true;
    xmlStopParser(ctxt);
}

static void on_error(void *user, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = user;
    load_state *st = ctxt->_private;
    if (!st || !err || st->stopped)
        return;
    char *msg = g_strchomp(g_strdup(err->message ? err->message : "unknown XML error"));
    msp_loc loc = { st->src->path, err->line, err->int2 };
    if (err->level == XML_ERR_WARNING) {
        msp_diag_warn(&st->job->diags, loc, NULL, "%s", msg);
    } else {
        const char *hint = NULL;
        if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY)
            hint = "write the character itself (UTF-8) or a numeric reference such as &#233;";
        else if (err->code == XML_ERR_DOCUMENT_END || err->code == XML_ERR_TAG_NOT_FINISHED)
            hint = "the file may be truncated: check that every element is closed";
        st->status = msp_diag_error(&st->job->diags, MSP_E_XML, loc, hint, "%s", msg);
    }
    g_free(msg);
}

static msp_source *source_new(msp_job *job, const char *path)
{
    msp_source *src = g_new0(msp_source, 1);
    src->path = msp_diag_list_intern(&job->diags, path);
    src->where = g_hash_table_new(g_direct_hash, g_direct_equal);
    src->positions = g_array_new(FALSE, FALSE, sizeof(msp_loc));
    char *dir = g_path_get_dirname(path);
    char *real = realpath(dir, NULL);
    src->dir = real ? g_strdup(real) : g_strdup(dir);
    free(real);
    g_free(dir);
    return src;
}

msp_status msp_source_load_memory(msp_job *job, msp_source **out, const char *path,
                                  const char *buf, size_t len)
{
    *out = NULL;
    msp_loc file_loc = { msp_diag_list_intern(&job->diags, path), 0, 0 };
    if (job->limits.max_source_bytes > 0 && (long)len > job->limits.max_source_bytes)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc, "split the paper or raise the size limit",
                              "the source is %zu bytes, more than the limit of %ld", len,
                              job->limits.max_source_bytes);
    if (len == 0)
        return msp_diag_error(&job->diags, MSP_E_XML, file_loc, "the file is empty", "no XML content");
    if (len > G_MAXINT)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc, NULL, "the source is too large");
    /* not UTF-8 XML text (a Word document, a PDF, UTF-16, Latin-1): one error naming what it is */
    if (msp_sniff_check(&job->diags, file_loc.file, buf, len, MSP_SNIFF_SOURCE) != MSP_OK)
        return MSP_E_XML;

    msp_source *src = source_new(job, path);
    src->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)buf, len);

    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        msp_source_free(src);
        return msp_diag_error(&job->diags, MSP_E_NOMEM, file_loc, NULL, "cannot create an XML parser");
    }
    load_state st = { .job = job, .src = src, .buf = buf, .len = len, .scan_line = 1, .status = MSP_OK };
    st.start = ctxt->sax->startElementNs;
    st.end = ctxt->sax->endElementNs;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->serror = on_error;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    ctxt->_private = &st;

    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, file_loc.file, "UTF-8", options);
    bool well_formed = ctxt->wellFormed && !st.stopped;
    if (well_formed && doc && doc->encoding && g_ascii_strcasecmp((const char *)doc->encoding, "UTF-8") != 0) {
        msp_loc loc = { file_loc.file, 1, 1 };
        st.status = msp_diag_error(&job->diags, MSP_E_XML, loc, "declare encoding=\"UTF-8\" (or none)",
                                   "the source declares encoding '%s'; sources must be UTF-8",
                                   (const char *)doc->encoding);
        well_formed = false;
    }
    if (!well_formed || !doc) {
        if (st.status == MSP_OK)
            st.status = msp_diag_error(&job->diags, MSP_E_XML, file_loc, NULL, "the source is not well-formed XML");
        if (doc)
            xmlFreeDoc(doc);
        ctxt->_private = NULL;
        xmlFreeParserCtxt(ctxt);
        msp_source_free(src);
        return st.status;
    }
    ctxt->_private = NULL;
    xmlFreeParserCtxt(ctxt);
    src->doc = doc;
    *out = src;
    return MSP_OK;
}

msp_status msp_source_load(msp_job *job, msp_source **out, const char *path)
{
    *out = NULL;
    if (msp_is_stdin_name(path)) {
        char *buf = NULL;
        size_t len = 0;
        msp_status st = msp_read_stdin(&job->diags, job->limits.max_source_bytes, &buf, &len);
        if (st == MSP_OK)
            st = msp_source_load_memory(job, out, MSP_STDIN_NAME, buf, len);
        g_free(buf);
        return st;
    }
    msp_loc file_loc = { msp_diag_list_intern(&job->diags, path), 0, 0 };
    GStatBuf sb;
    if (g_stat(path, &sb) != 0)
        return msp_diag_error(&job->diags, MSP_E_IO, file_loc, "check the path", "cannot read the source: %s",
                              g_strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return msp_diag_error(&job->diags, MSP_E_IO, file_loc, NULL, "the source is not a regular file");
    if (job->limits.max_source_bytes > 0 && sb.st_size > job->limits.max_source_bytes)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc, "split the paper or raise the size limit",
                              "the source is %ld bytes, more than the limit of %ld", (long)sb.st_size,
                              job->limits.max_source_bytes);
    char *buf = NULL;
    gsize len = 0;
    GError *gerr = NULL;
    if (!g_file_get_contents(path, &buf, &len, &gerr)) {
        msp_status st = msp_diag_error(&job->diags, MSP_E_IO, file_loc, "check the path and its permissions",
                                       "cannot read the source: %s", gerr->message);
        g_error_free(gerr);
        return st;
    }
    msp_status st = msp_source_load_memory(job, out, path, buf, len);
    g_free(buf);
    return st;
}

void msp_source_free(msp_source *src)
{
    if (!src)
        return;
    if (src->doc)
        xmlFreeDoc(src->doc);
    g_hash_table_destroy(src->where);
    if (src->schema_flagged)
        g_hash_table_destroy(src->schema_flagged);
    g_array_free(src->positions, TRUE);
    g_free(src->dir);
    g_free(src->sha256);
    g_free(src);
}

msp_loc msp_source_loc(const msp_source *src, const xmlNode *node)
{
    while (node && node->type != XML_ELEMENT_NODE)
        node = node->parent;
    if (!node)
        return (msp_loc){ src->path, 0, 0 };
    guint idx = GPOINTER_TO_UINT(g_hash_table_lookup(src->where, node));
    if (idx > 0 && idx <= src->positions->len)
        return g_array_index(src->positions, msp_loc, idx - 1);
    return (msp_loc){ src->path, (int)xmlGetLineNo(node), 0 };
}
