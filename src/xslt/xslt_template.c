/* Compiled stylesheets: process-wide XSLT set-up (once, before threads),
 * one xsltStylesheet per templates/<kind>.xsl shared read-only, and the
 * path helpers the read check uses. Running a transform is xslt_run.c. */
#include "xslt/xslt_private.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxslt/xslt.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

static msp_loc file_loc(const char *file)
{
    msp_loc loc = { file, 0, 0 };
    return loc;
}

static xmlExternalEntityLoader default_loader;

/* Refuses every URL that is not a local file; files go to libxml2's loader. */
static xmlParserInputPtr safe_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    if (url && strstr(url, "://") && g_ascii_strncasecmp(url, "file://", 7) != 0) {
        if (ctxt)
            ctxt->errNo = XML_IO_NETWORK_ATTEMPT;
        return NULL;
    }
    return default_loader(url, id, ctxt);
}

/* Parses uri with no entity substitution, no DTD loading and no network,
 * refusing a document whose DOCTYPE declares something. */
static xmlDocPtr read_doc(const xmlChar *uri, xmlDictPtr dict, int options, xsltTransformContextPtr tctxt)
{
    xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
    if (!pctxt)
        return NULL;
    if (dict) {
        if (pctxt->dict)
            xmlDictFree(pctxt->dict);
        pctxt->dict = dict;
        xmlDictReference(dict);
    }
    options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_DTDVALID | XML_PARSE_XINCLUDE);
    options |= XML_PARSE_NONET;
    xmlDocPtr doc = xmlCtxtReadFile(pctxt, (const char *)uri, NULL, options);
    xmlFreeParserCtxt(pctxt);
    if (doc && doc->intSubset && doc->intSubset->children) {
        int line = (int)xmlGetLineNo((xmlNodePtr)doc->intSubset);
        const char *what = "DTDs and entities are not allowed in stylesheets or in documents they read";
        if (tctxt) {
            xsltTransformError(tctxt, NULL, NULL, "runtime error: file %s line %d element document\n%s\n",
                               (const char *)uri, line > 0 ? line : 1, what);
        } else {
            xsltGenericError(xsltGenericErrorContext, "compilation error: file %s line %d element stylesheet\n%s\n",
                             (const char *)uri, line > 0 ? line : 1, what);
        }
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

typedef struct doc_request {
    int options;
    xsltTransformContextPtr tctxt;
} doc_request;

/* For the cache: a document of its own dictionary (it outlives the transform's). */
static xmlDocPtr read_for_cache(const char *uri, void *user)
{
    const doc_request *r = user;
    return read_doc((const xmlChar *)uri, NULL, r->options, r->tctxt);
}

/* libxslt's loader for stylesheets, their imports and document(): the
 * default one parses with entity substitution (XSLT_PARSE_OPTIONS has
 * XML_PARSE_NOENT), so an entity in a stylesheet or in a document it reads
 * could pull a local file into a paper. This one parses with no entity
 * substitution, no DTD loading and no network, refuses any document whose
 * DOCTYPE declares something, and keeps libxslt's read-permission check.
 * document()'s files come from this thread's cache (xslt_doccache.c). */
static xmlDocPtr safe_doc_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                                 xsltLoadType type)
{
    xsltTransformContextPtr tctxt = type == XSLT_LOAD_DOCUMENT ? ctxt : NULL;
    xsltSecurityPrefsPtr sec = tctxt ? tctxt->sec : xsltGetDefaultSecurityPrefs();
    if (sec && xsltCheckRead(sec, tctxt, uri) == 0)
        return NULL;   /* the check reported why */
    if (tctxt) {
        doc_request r = { options, tctxt };
        return msp_xslt_doccache_get((const char *)uri, read_for_cache, &r);
    }
    return read_doc(uri, dict, options, NULL);
}

void msp_xslt_global_init(void)
{
    static gsize done = 0;
    if (g_once_init_enter(&done)) {
        xmlInitParser();
        exsltRegisterAll();
        msp_xslt_register_lang_functions();
        default_loader = xmlGetExternalEntityLoader();
        xmlSetExternalEntityLoader(safe_loader);
        xsltSetLoaderFunc(safe_doc_loader);
        g_once_init_leave(&done, 1);
    }
}

char *msp_xslt_canonical_path(const char *path)
{
    char *abs = g_canonicalize_filename(path, NULL);
    char *real = realpath(abs, NULL);
    if (real) {
        char *r = g_strdup(real);
        free(real);
        g_free(abs);
        return r;
    }
    /* the file may not exist: resolve its folder, keep the name */
    char *dir = g_path_get_dirname(abs);
    char *base = g_path_get_basename(abs);
    char *rdir = realpath(dir, NULL);
    char *r = rdir ? g_build_filename(rdir, base, NULL) : g_strdup(abs);
    free(rdir);
    g_free(dir);
    g_free(base);
    g_free(abs);
    return r;
}

bool msp_xslt_path_inside(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (strncmp(path, root, n) != 0)
        return false;
    return path[n] == '\0' || path[n] == '/' || (n > 0 && root[n - 1] == '/');
}

typedef struct compile_log {
    GString *text;
} compile_log;

static void on_compile_error(void *user, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void on_compile_error(void *user, const char *fmt, ...)
{
    compile_log *log = user;
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(log->text, fmt, ap);
    va_end(ap);
}

/* Turns libxslt's "file X line N element E\nmessage" text into diagnostics. */
static void report_compile(msp_diag_list *diags, const char *path, const char *text)
{
    char **lines = g_strsplit(text, "\n", -1);
    msp_loc loc = { msp_diag_list_intern(diags, path), 0, 0 };
    for (int i = 0; lines[i]; i++) {
        char *l = g_strstrip(lines[i]);
        if (!*l)
            continue;
        const char *f = strstr(l, "file ");
        const char *ln = strstr(l, " line ");
        if (f && ln && ln > f && (g_str_has_prefix(l, "compilation error") || g_str_has_prefix(l, "runtime error"))) {
            char *file = g_strndup(f + 5, (size_t)(ln - f - 5));
            loc.file = msp_diag_list_intern(diags, file);
            loc.line = atoi(ln + 6);
            g_free(file);
            continue;
        }
        msp_diag_error(diags, MSP_E_XSLT, loc, "fix the stylesheet", "%s", l);
    }
    g_strfreev(lines);
}

static char *dir_of(const char *path)
{
    char *c = msp_xslt_canonical_path(path);
    size_t n = strlen(c);
    while (n > 1 && c[n - 1] == '/')
        c[--n] = '\0';
    return c;
}

/* Parse errors of a stylesheet file (libxml2's, with line and column). */
typedef struct struct_log {
    msp_diag_list *diags;
    int errors;
} struct_log;

static void on_compile_struct_error(void *user, xmlErrorPtr err)
{
    struct_log *l = user;
    if (!err || err->level == XML_ERR_WARNING)
        return;
    char *msg = g_strchomp(g_strdup(err->message ? err->message : "error"));
    msp_loc loc = { err->file ? msp_diag_list_intern(l->diags, err->file) : NULL, err->line, err->int2 };
    msp_diag_error(l->diags, MSP_E_XSLT, loc, "fix the stylesheet", "%s", msg);
    l->errors++;
    g_free(msg);
}

msp_xslt *msp_xslt_load(msp_diag_list *diags, const char *templates_dir, const char *data_dir)
{
    msp_xslt_global_init();
    msp_xslt *x = g_new0(msp_xslt, 1);
    x->kinds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)xsltFreeStylesheet);
    x->templates_dir = dir_of(templates_dir);
    x->data_dir = dir_of(data_dir);
    x->data_param = g_strconcat(x->data_dir, "/", NULL);
    char *labels = g_build_filename(x->data_dir, "labels.xml", NULL);
    x->typo = msp_typo_load(diags, labels);
    g_free(labels);
    GDir *dir = g_dir_open(x->templates_dir, 0, NULL);
    if (!dir) {
        msp_diag_error(diags, MSP_E_XSLT, file_loc(msp_diag_list_intern(diags, templates_dir)),
                       "set MSP_ROOT to the project folder", "cannot open the templates folder");
        msp_xslt_free(x);
        return NULL;
    }
    int errors = 0;
    const char *name;
    compile_log log = { g_string_new(NULL) };
    struct_log slog = { diags, 0 };
    xsltSetGenericErrorFunc(&log, on_compile_error);
    xmlSetGenericErrorFunc(&log, on_compile_error);
    xmlSetStructuredErrorFunc(&slog, on_compile_struct_error);
    while ((name = g_dir_read_name(dir))) {
        if (!g_str_has_suffix(name, ".xsl") || strcmp(name, "common.xsl") == 0)
            continue;
        char *path = g_build_filename(x->templates_dir, name, NULL);
        g_string_truncate(log.text, 0);
        int parse_errors = slog.errors;
        xsltStylesheetPtr style = xsltParseStylesheetFile((const xmlChar *)path);
        if (!style || style->errors > 0 || log.text->len > 0) {
            if (log.text->len)
                report_compile(diags, path, log.text->str);
            if (!style || style->errors > 0) {
                if (!log.text->len && slog.errors == parse_errors)
                    msp_diag_error(diags, MSP_E_XSLT, file_loc(msp_diag_list_intern(diags, path)),
                                   NULL, "cannot compile the stylesheet");
                errors++;
            }
        }
        if (style && style->errors == 0)
            g_hash_table_insert(x->kinds, g_strndup(name, strlen(name) - 4), style);
        else if (style)
            xsltFreeStylesheet(style);
        g_free(path);
    }
    xsltSetGenericErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
    g_string_free(log.text, TRUE);
    g_dir_close(dir);
    if (errors > 0) {
        msp_xslt_free(x);
        return NULL;
    }
    return x;
}

void msp_xslt_free(msp_xslt *x)
{
    if (!x)
        return;
    g_hash_table_destroy(x->kinds);
    g_free(x->templates_dir);
    g_free(x->data_dir);
    g_free(x->data_param);
    msp_typo_free(x->typo);
    g_free(x);
    /* the data documents this thread read for x's transforms */
    msp_xslt_doccache_clear();
}

bool msp_xslt_has_kind(const msp_xslt *x, const char *kind)
{
    return kind && g_hash_table_contains(x->kinds, kind);
}

const char *msp_xslt_templates_dir(const msp_xslt *x)
{
    return x->templates_dir;
}

const char *msp_xslt_data_dir(const msp_xslt *x)
{
    return x->data_dir;
}

static void add_file(GPtrArray *out, GHashTable *seen, const xmlDoc *doc)
{
    if (doc && doc->URL && g_hash_table_add(seen, g_strdup((const char *)doc->URL)))
        g_ptr_array_add(out, g_strdup((const char *)doc->URL));
}

/* style, its includes and its imports, and the same for the stylesheets
 * chained after it by ->next (the import list of its parent) */
static void add_style_files(GPtrArray *out, GHashTable *seen, xsltStylesheetPtr style)
{
    for (; style; style = style->next) {
        add_file(out, seen, style->doc);
        /* xsl:include documents are kept on docList (includes is the stack
         * used while compiling) */
        for (xsltDocumentPtr inc = style->docList; inc; inc = inc->next)
            add_file(out, seen, inc->doc);
        for (xsltDocumentPtr inc = style->includes; inc; inc = inc->next)
            add_file(out, seen, inc->doc);
        add_style_files(out, seen, style->imports);
    }
}

GPtrArray *msp_xslt_kind_files(const msp_xslt *x, const char *kind)
{
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    xsltStylesheetPtr style = kind ? g_hash_table_lookup(x->kinds, kind) : NULL;
    if (style) {
        /* a kind's top stylesheet has no siblings: ->next chains imports only */
        GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        add_style_files(out, seen, style);
        g_hash_table_destroy(seen);
    }
    return out;
}
