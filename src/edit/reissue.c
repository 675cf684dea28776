/* `reissue` as a textual edit: libxml2 (through msp_source_load) finds the
 * meta element and its children with their line:column, then the new
 * <reissue .../> is spliced into the original bytes, which are checked by
 * parsing again and written back atomically. No other byte changes. */
#include "edit/edit.h"
#include "source/source.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

msp_status msp_reissue_check(msp_job *job, const msp_reissue *r)
{
    msp_status st = MSP_OK;
    int y = 0, m = 0, d = 0;
    char tail = 0;
    bool digits = r->date && strlen(r->date) == 10;
    for (int i = 0; digits && i < 10; i++)
        digits = (i == 4 || i == 7) ? r->date[i] == '-' : g_ascii_isdigit(r->date[i]);
    if (!digits || sscanf(r->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
        || r->date[4] != '-' || r->date[7] != '-' || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        st = msp_diag_error(&job->diags, MSP_E_USAGE, MSP_LOC_NONE, "write the date as YYYY-MM-DD, e.g. 2025-12-02",
                            "'%s' is not a valid date", r->date ? r->date : "");
    if (r->previous) {
        msp_symbol sym;
        msp_symbol_error err;
        if (!msp_symbol_parse(&sym, r->previous, &err))
            st = msp_diag_error(&job->diags, MSP_E_USAGE, MSP_LOC_NONE, "give the symbol as printed, e.g. APLC/MSP.22/2025/22",
                                "previous symbol '%s', column %d: %s", r->previous, err.column, err.message);
    }
    if (r->reason) {
        bool bad = !*r->reason || !g_utf8_validate(r->reason, -1, NULL);
        for (const char *p = r->reason; *p && !bad; p++)
            bad = (unsigned char)*p < 0x20;
        if (bad)
            st = msp_diag_error(&job->diags, MSP_E_USAGE, MSP_LOC_NONE, "give the reason as one line of text",
                                "the reason is empty or holds control characters");
    }
    return st;
}

/* Byte offset of a 1-based line and character column in text, or -1. */
static long offset_of(const char *text, size_t len, int line, int column)
{
    size_t i = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            return -1;
        i = (size_t)(nl - text) + 1;
    }
    for (int c = 1; c < column && i < len && text[i] != '\n'; c++)
        i = (size_t)(g_utf8_next_char(text + i) - text);
    return i < len ? (long)i : -1;
}

/* Offset just past the '>' of the start tag opening at lt (quotes skipped);
 * *empty tells whether it was "/>". -1 if unterminated. */
static long start_tag_end(const char *text, size_t len, size_t lt, bool *empty)
{
    char quote = 0;
    for (size_t i = lt + 1; i < len; i++) {
        char c = text[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            *empty = text[i - 1] == '/';
            return (long)i + 1;
        }
    }
    return -1;
}

/* Offset of "</qname" at or after from, outside comments and CDATA; -1. */
static long find_end_tag(const char *text, size_t len, size_t from, const char *qname)
{
    size_t qn = strlen(qname);
    for (size_t i = from; i < len; i++) {
        if (text[i] != '<')
            continue;
        const char *skip_to = NULL;
        if (!strncmp(text + i, "<!--", 4))
            skip_to = "-->";
        else if (!strncmp(text + i, "<![CDATA[", 9))
            skip_to = "]]>";
        else if (!strncmp(text + i, "<?", 2))
            skip_to = "?>";
        if (skip_to) {
            const char *e = g_strstr_len(text + i, (gssize)(len - i), skip_to);
            if (!e)
                return -1;
            i = (size_t)(e - text);
            continue;
        }
        if (i + 2 + qn <= len && text[i + 1] == '/' && !strncmp(text + i + 2, qname, qn)) {
            char c = i + 2 + qn < len ? text[i + 2 + qn] : '\0';
            if (c == '>' || g_ascii_isspace(c))
                return (long)i;
        }
    }
    return -1;
}

static long element_end(const char *text, size_t len, size_t lt, const char *qname)
{
    bool empty = false;
    long e = start_tag_end(text, len, lt, &empty);
    if (e < 0 || empty)
        return e;
    long close = find_end_tag(text, len, (size_t)e, qname);
    if (close < 0)
        return -1;
    const char *gt = memchr(text + close, '>', len - (size_t)close);
    return gt ? (long)(gt - text) + 1 : -1;
}

/* The whitespace that starts the line holding offset, when only whitespace
 * precedes offset on it; else NULL. */
static char *line_indent(const char *text, size_t off, size_t *line_start)
{
    size_t b = off;
    while (b > 0 && text[b - 1] != '\n')
        b--;
    for (size_t i = b; i < off; i++)
        if (text[i] != ' ' && text[i] != '\t')
            return NULL;
    *line_start = b;
    return g_strndup(text + b, off - b);
}

static void append_attr(GString *out, const char *name, const char *value)
{
    g_string_append_printf(out, " %s=\"", name);
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        default: g_string_append_c(out, *p);
        }
    }
    g_string_append_c(out, '"');
}

static char *qualified(const xmlNode *like, const char *local)
{
    if (like->ns && like->ns->prefix)
        return g_strdup_printf("%s:%s", (const char *)like->ns->prefix, local);
    return g_strdup(local);
}

static bool is_paper_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, MSP_PAPER_NS)
           && !strcmp((const char *)n->name, name);
}

static long node_offset(const msp_source *src, const xmlNode *n, const char *text, size_t len)
{
    msp_loc loc = msp_source_loc(src, n);
    long off = offset_of(text, len, loc.line, loc.column);
    return off >= 0 && text[off] == '<' ? off : -1;
}

msp_status msp_reissue_apply(msp_job *job, char **out, const char *path, const char *text, size_t len,
                             const msp_reissue *r)
{
    *out = NULL;
    msp_source *src = NULL;
    msp_status st = msp_source_load_memory(job, &src, path, text, len);
    if (st != MSP_OK)
        return st;
    xmlNode *root = xmlDocGetRootElement(src->doc);
    xmlNode *meta = NULL;
    if (is_paper_el(root, "paper"))
        for (xmlNode *n = root->children; n && !meta; n = n->next)
            if (is_paper_el(n, "meta"))
                meta = n;
    xmlChar *kind = root ? xmlGetProp(root, (const xmlChar *)"kind") : NULL;
    if (!meta || !kind || strcmp((const char *)kind, "report") != 0) {
        st = msp_diag_error(&job->diags, MSP_E_SCHEMA, msp_source_loc(src, meta ? meta : root),
                            "only reports (<paper kind=\"report\">) with a <meta> element can be reissued",
                            "this source cannot carry a reissue");
        xmlFree(kind);
        msp_source_free(src);
        return st;
    }
    xmlFree(kind);

    static const char *const after[] = { "late-submission", "unedited", "advance-copy", "job", "draft", NULL };
    xmlNode *old = NULL, *anchor = NULL, *last_child = NULL;
    for (xmlNode *n = meta->children; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        last_child = n;
        if (is_paper_el(n, "reissue") && !old)
            old = n;
        for (int k = 0; after[k] && !anchor; k++)
            if (is_paper_el(n, after[k]))
                anchor = n;
    }

    char *qname = qualified(meta, "reissue");
    GString *el = g_string_new("<");
    g_string_append(el, qname);
    append_attr(el, "date", r->date);
    if (r->previous)
        append_attr(el, "previous", r->previous);
    if (r->reason)
        append_attr(el, "reason", r->reason);
    g_string_append(el, "/>");

    long cut_from = -1, cut_to = -1;
    GString *insert = g_string_new(NULL);
    if (old) {
        cut_from = node_offset(src, old, text, len);
        cut_to = cut_from >= 0 ? element_end(text, len, (size_t)cut_from, qname) : -1;
        g_string_append(insert, el->str);
    } else {
        long at;
        const xmlNode *indent_from;
        if (anchor) {
            at = node_offset(src, anchor, text, len);
            indent_from = anchor;
        } else {
            char *meta_q = qualified(meta, "meta");
            long meta_at = node_offset(src, meta, text, len);
            at = meta_at >= 0 ? find_end_tag(text, len, (size_t)meta_at + 1, meta_q) : -1;
            g_free(meta_q);
            indent_from = last_child;
        }
        cut_from = cut_to = at;
        size_t ls = 0, ls2 = 0;
        char *here = at >= 0 ? line_indent(text, (size_t)at, &ls) : NULL;
        long child_at = indent_from ? node_offset(src, indent_from, text, len) : -1;
        char *child_indent = child_at >= 0 ? line_indent(text, (size_t)child_at, &ls2) : NULL;
        if (here && child_indent) {
            /* on its own line, indented like its siblings */
            cut_from = cut_to = (long)ls;
            g_string_append_printf(insert, "%s%s\n", child_indent, el->str);
        } else {
            g_string_append_printf(insert, "%s ", el->str);
        }
        g_free(here);
        g_free(child_indent);
    }
    if (cut_from < 0 || cut_to < cut_from) {
        st = msp_diag_error(&job->diags, MSP_E_XML, msp_source_loc(src, old ? old : meta), NULL,
                            "cannot find the place of <reissue> in the text");
    } else {
        GString *res = g_string_sized_new(len + insert->len);
        g_string_append_len(res, text, cut_from);
        g_string_append_len(res, insert->str, (gssize)insert->len);
        g_string_append_len(res, text + cut_to, (gssize)(len - (size_t)cut_to));
        /* The result must still load, with exactly one reissue in meta. */
        msp_source *check = NULL;
        msp_job tmp;
        msp_job_init(&tmp);
        if (msp_source_load_memory(&tmp, &check, path, res->str, res->len) != MSP_OK) {
            msp_diag_list_merge(&job->diags, &tmp.diags);
            st = msp_diag_error(&job->diags, MSP_E_XML, msp_source_loc(src, meta), NULL,
                                "the edit would break the source; it was not made");
            g_string_free(res, TRUE);
        } else {
            *out = g_string_free(res, FALSE);
        }
        msp_source_free(check);
        msp_job_clear(&tmp);
    }
    g_string_free(insert, TRUE);
    g_string_free(el, TRUE);
    g_free(qname);
    msp_source_free(src);
    return st;
}

msp_status msp_reissue_file(msp_job *job, const char *path, const msp_reissue *r)
{
    msp_loc loc = { path, 0, 0 };
    char *text = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, &len, &err)) {
        msp_status st = msp_diag_error(&job->diags, MSP_E_IO, loc, "check the path and its permissions",
                                       "cannot read the source: %s", err->message);
        g_error_free(err);
        return st;
    }
    char *edited = NULL;
    msp_status st = msp_reissue_apply(job, &edited, path, text, len, r);
    g_free(text);
    if (st != MSP_OK)
        return st;

    struct stat sb;
    mode_t mode = stat(path, &sb) == 0 ? (sb.st_mode & 07777) : 0644;
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *tmp = g_strdup_printf("%s/.%s.XXXXXX.tmp", dir, base);
    int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600);
    size_t n = strlen(edited);
    bool ok = fd >= 0;
    if (ok) {
        for (size_t done = 0; ok && done < n;) {
            ssize_t w = write(fd, edited + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            if (ok)
                done += (size_t)w;
        }
        ok = ok && fchmod(fd, mode) == 0 && fsync(fd) == 0;
        int saved = errno;
        ok = (close(fd) == 0) && ok;
        errno = ok ? 0 : saved;
        ok = ok && g_rename(tmp, path) == 0;
    }
    if (!ok) {
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, loc, "check that the folder is writable and has free space",
                            "cannot write the source back: %s", g_strerror(errno));
        if (fd >= 0)
            g_unlink(tmp);
    }
    g_free(tmp);
    g_free(dir);
    g_free(base);
    g_free(edited);
    return st;
}
