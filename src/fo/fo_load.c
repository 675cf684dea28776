/* Reading FO with libxml2, safely: no network, no entity substitution, no
 * DTD loading, a DOCTYPE with an internal subset refused before any entity
 * is declared, size and depth limits, and errors caught per parser context
 * (never a global handler) with their line and column. Elements get their
 * start line:column recorded while parsing, and text the line:column of its
 * first non-blank character. The tree is fo_tree.c's. */
#include "fo/fo_private.h"
#include "base/stdin.h"
#include "base/sniff.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

typedef struct load_state {
    msp_job *job;
    const char *path;
    startElementNsSAX2Func start_element;   /* libxml2's own SAX2 handlers */
    charactersSAXFunc characters;
    internalSubsetSAXFunc internal_subset;
    bool refused;            /* DOCTYPE with an internal subset, or an entity declaration */
    bool too_deep;
    msp_loc stop_loc;
    bool have_error;         /* first fatal/recoverable error from libxml2 */
    msp_loc error_loc;
    int error_code;
    char *error_msg;         /* owned */
    /* the last '<' located, so that a long line is not rescanned per element */
    const xmlChar *mark_base, *mark_ptr;
    int mark_line, mark_col;
} load_state;

static int count_chars(const xmlChar *from, const xmlChar *to)
{
    int n = 0;
    for (const xmlChar *p = from; p < to; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n;
}

/* The column of p, which is on line `line`; at is where the input's line and
 * column stand. Counted from the last located place when p follows it on
 * the same line (so that a long line is not rescanned per element), else
 * from the line's start in the buffer, else back from the input's column. */
static int column_of(load_state *st, xmlParserInputPtr in, const xmlChar *p, int line, const xmlChar *at)
{
    const xmlChar *base = in->base;
    int column = 0;
    if (st->mark_base == base && st->mark_ptr && st->mark_ptr <= p && st->mark_line == line &&
        st->mark_col > 0) {
        column = st->mark_col + count_chars(st->mark_ptr, p);
    } else {
        const xmlChar *bol = p;
        while (bol > base && bol[-1] != '\n')
            bol--;
        bool same_line = true;
        for (const xmlChar *q = p; q < at; q++)
            if (*q == '\n')
                same_line = false;
        if (bol > base || in->consumed == 0)
            column = count_chars(bol, p) + 1;
        else if (same_line && in->col > 0)
            column = in->col - count_chars(p, at);
        if (column < 0)
            column = 0;
    }
    st->mark_base = base;
    st->mark_ptr = p;
    st->mark_line = line;
    st->mark_col = column;
    return column;
}

/* The line and column of the '<' that opened the construct being reported
 * (the input is positioned just past its name/attributes; '<' cannot occur
 * inside attribute values, and libxml2 keeps the tag in its buffer). */
static msp_loc markup_start(xmlParserCtxtPtr ctxt, load_state *st)
{
    const char *path = st->path;
    xmlParserInputPtr in = ctxt->input;
    msp_loc loc = { path, in->line, 0 };
    const xmlChar *base = in->base, *cur = in->cur;
    if (!base || !cur || cur <= base)
        return loc;
    const xmlChar *lt = cur - 1;
    while (lt > base && *lt != '<')
        lt--;
    if (*lt != '<')
        return loc;
    int newlines = 0;
    for (const xmlChar *p = lt; p < cur; p++)
        if (*p == '\n')
            newlines++;
    loc.line = in->line - newlines;
    loc.column = column_of(st, in, lt, loc.line, cur);
    return loc;
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    msp_loc loc = markup_start(ctxt, st);
    if (ctxt->nameNr + 1 > st->job->limits.max_depth) {
        st->too_deep = true;
        st->stop_loc = loc;
        xmlStopParser(ctxt);
        return;
    }
    st->start_element(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                      nb_defaulted, attributes);
    if (ctxt->node && ctxt->node->type == XML_ELEMENT_NODE) {
        msp_fo_xloc *x = msp_arena_new_obj(st->job->arena, msp_fo_xloc);
        x->line = loc.line;
        x->column = loc.column;
        ctxt->node->_private = x;
    }
}

static bool is_blank(xmlChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int count_newlines(const xmlChar *from, const xmlChar *to)
{
    int n = 0;
    for (const xmlChar *p = from; p < to; p++)
        if (*p == '\n')
            n++;
    return n;
}

/* Where the chunk ch[0..len) of character data lies in the input buffer,
 * and the pointer whose position the input's line and column describe.
 * libxml2 hands text either straight from its buffer (line:column then
 * describe the chunk's end) or copied: after the whole run (the input is
 * past it), at a buffer boundary (the input is on the chunk's last
 * character) or from a CDATA section (past its "]]>"). NULL if not found
 * (text from a character reference, or normalised line ends). */
static const xmlChar *chunk_in_input(xmlParserInputPtr in, const xmlChar *ch, int len, const xmlChar **at)
{
    const xmlChar *base = in->base, *cur = in->cur, *end = in->end;
    if (!base || !cur || !end || len <= 0)
        return NULL;
    if (ch >= base && ch + len <= end) {
        *at = ch + len;
        return ch;
    }
    int last = 1;
    while (last < len && (ch[len - last] & 0xC0) == 0x80)
        last++;
    const ptrdiff_t starts[3] = { cur - base - len, cur - base - len + last, cur - base - len - 3 };
    for (int i = 0; i < 3; i++) {
        if (starts[i] < 0 || base + starts[i] + len > end)
            continue;
        const xmlChar *s = base + starts[i];
        if (memcmp(s, ch, (size_t)len) == 0) {
            *at = i == 1 ? s + len - last : cur;
            return s;
        }
    }
    return NULL;
}

/* The line:column of the first non-blank character, ch[k], of ch[0..len). */
static msp_fo_xloc text_start(xmlParserCtxtPtr ctxt, load_state *st, const xmlChar *ch, int len, int k)
{
    xmlParserInputPtr in = ctxt->input;
    msp_fo_xloc x = { in->line, 0 };
    const xmlChar *at = NULL;
    const xmlChar *s = chunk_in_input(in, ch, len, &at);
    if (!s) {
        x.line = in->line - count_newlines(ch + k, ch + len);
        return x;
    }
    const xmlChar *p = s + k < at ? s + k : at;
    x.line = in->line - count_newlines(p, at);
    x.column = column_of(st, in, p, x.line, at);
    return x;
}

/* Character data: libxml2 adds it to the current element's last child (a
 * text node, new or extended); the first non-blank character's place is
 * recorded on that node. */
static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    st->characters(ctx, ch, len);
    xmlNodePtr t = ctxt->node ? ctxt->node->last : NULL;
    if (!t || (t->type != XML_TEXT_NODE && t->type != XML_CDATA_SECTION_NODE) || t->_private)
        return;
    int k = 0;
    while (k < len && is_blank(ch[k]))
        k++;
    if (k == len)
        return;
    msp_fo_xloc *x = msp_arena_new_obj(st->job->arena, msp_fo_xloc);
    *x = text_start(ctxt, st, ch, len, k);
    t->_private = x;
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
                               const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    /* called after "<!DOCTYPE name ids": '[' next means an internal subset */
    if (ctxt->input->cur && *ctxt->input->cur == '[') {
        st->refused = true;
        st->stop_loc = markup_start(ctxt, st);
        xmlStopParser(ctxt);
        return;
    }
    st->internal_subset(ctx, name, external_id, system_id);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    xmlParserCtxtPtr ctxt = ctx;
    load_state *st = ctxt->_private;
    if (!st->refused) {
        st->refused = true;
        st->stop_loc = (msp_loc){ st->path, ctxt->input->line, 0 };
    }
    xmlStopParser(ctxt);
}

static void on_error(void *user, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = user;
    load_state *st = ctxt ? ctxt->_private : NULL;
    if (!st || !err || err->level < XML_ERR_ERROR || st->have_error)
        return;
    st->have_error = true;
    st->error_loc = (msp_loc){ st->path, err->line, err->int2 };
    st->error_code = err->code;
    st->error_msg = g_strchomp(g_strdup(err->message ? err->message : "not well-formed"));
}

static msp_status load_memory(msp_job *job, msp_fo_doc **out, const char *path, const char *buf, size_t len)
{
    msp_loc file_loc = { path, 0, 0 };
    if (len > (size_t)job->limits.max_source_bytes || len > INT_MAX)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc, "raise the source size limit, or split the document",
                              "the FO is %zu bytes, more than the limit of %ld", len, job->limits.max_source_bytes);
    if (len == 0)
        return msp_diag_error(&job->diags, MSP_E_XML, file_loc, NULL, "the FO document is empty");
    if (msp_sniff_check(&job->diags, path, buf, len, MSP_SNIFF_FO) != MSP_OK)
        return MSP_E_XML;   /* a Word document, a PDF, Latin-1 ...: named (base/sniff.h) */

    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(buf, (int)len);
    if (!ctxt)
        return msp_diag_error(&job->diags, MSP_E_NOMEM, file_loc, NULL, "cannot create an XML parser");
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
    if (job->limits.max_depth > 256)
        options |= XML_PARSE_HUGE;   /* libxml2's own depth cap is 256 otherwise; ours applies */
    xmlCtxtUseOptions(ctxt, options);

    load_state st = { .job = job, .path = path };
    st.start_element = ctxt->sax->startElementNs;
    st.internal_subset = ctxt->sax->internalSubset;
    st.characters = ctxt->sax->characters;
    ctxt->_private = &st;
    ctxt->sax->startElementNs = on_start_element;
    if (ctxt->sax->ignorableWhitespace == ctxt->sax->characters)
        ctxt->sax->ignorableWhitespace = on_characters;   /* keep libxml2 treating blanks as text */
    ctxt->sax->characters = on_characters;
    ctxt->sax->internalSubset = on_internal_subset;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->externalSubset = NULL;       /* never read an external DTD */
    ctxt->sax->resolveEntity = NULL;
    ctxt->sax->serror = on_error;           /* this context only */
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;

    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    bool well_formed = ctxt->wellFormed != 0;
    xmlFreeParserCtxt(ctxt);

    msp_status status = MSP_OK;
    if (st.refused)
        status = msp_diag_error(&job->diags, MSP_E_FO, st.stop_loc,
                                "remove the DOCTYPE's internal subset and any entity declarations",
                                "DTDs and entities are not allowed in FO");
    else if (st.too_deep)
        status = msp_diag_error(&job->diags, MSP_E_LIMIT, st.stop_loc, "raise the depth limit, or flatten the FO",
                                "elements are nested more than %d deep", job->limits.max_depth);
    else if (st.have_error || !well_formed || !doc)
        status = msp_diag_error(&job->diags, MSP_E_XML, st.have_error ? st.error_loc : file_loc, NULL,
                                "malformed XML: %s", st.error_msg ? st.error_msg : "not well-formed");
    g_free(st.error_msg);
    if (status == MSP_OK)
        status = msp_fo_tree_build(job, out, doc, path, true);
    xmlFreeDoc(doc);
    return status;
}

msp_status msp_fo_parse(msp_job *job, msp_fo_doc **out, const char *path, const char *buf, size_t len)
{
    *out = NULL;
    if (!path)
        path = buf ? "(memory)" : NULL;
    if (!path)
        return msp_diag_error(&job->diags, MSP_E_USAGE, MSP_LOC_NONE, NULL, "no FO file given");
    if (!buf && msp_is_stdin_name(path)) {
        char *data = NULL;
        size_t n = 0;
        msp_status st = msp_read_stdin(&job->diags, job->limits.max_source_bytes, &data, &n);
        if (st == MSP_OK)
            st = load_memory(job, out, MSP_STDIN_NAME, data, n);
        g_free(data);
        return st;
    }
    const char *apath = msp_arena_strdup(job->arena, path);
    if (buf)
        return load_memory(job, out, apath, buf, len);

    msp_loc file_loc = { apath, 0, 0 };
    struct stat sb;
    if (stat(path, &sb) != 0)
        return msp_diag_error(&job->diags, MSP_E_IO, file_loc, NULL, "cannot read the FO file: %s", g_strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return msp_diag_error(&job->diags, MSP_E_IO, file_loc, NULL, "the FO path is not a regular file");
    if (sb.st_size > job->limits.max_source_bytes)
        return msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc, "raise the source size limit, or split the document",
                              "the FO is %lld bytes, more than the limit of %ld", (long long)sb.st_size,
                              job->limits.max_source_bytes);
    gchar *data = NULL;
    gsize n = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &data, &n, &err)) {
        msp_status s = msp_diag_error(&job->diags, MSP_E_IO, file_loc, NULL, "cannot read the FO file: %s",
                                      err->message);
        g_error_free(err);
        return s;
    }
    msp_status status = load_memory(job, out, apath, data, n);
    g_free(data);
    return status;
}

msp_status msp_fo_from_xml(msp_job *job, msp_fo_doc **out, struct _xmlDoc *doc, const char *path)
{
    *out = NULL;
    if (!path)
        path = doc && doc->URL ? (const char *)doc->URL : "(fo)";
    const char *apath = msp_arena_strdup(job->arena, path);
    msp_loc file_loc = { apath, 0, 0 };
    if (!doc)
        return msp_diag_error(&job->diags, MSP_E_FO, file_loc, NULL, "no FO document");
    if (doc->intSubset && (doc->intSubset->entities || doc->intSubset->children))
        return msp_diag_error(&job->diags, MSP_E_FO, file_loc, NULL,
                              "DTDs and entities are not allowed in FO");
    return msp_fo_tree_build(job, out, doc, apath, false);
}
