/* Running one transform: a per-run transform context with its own security
 * preferences (reads only inside the allowed folders; no writes, no
 * directories, no network) and its own error sink turned into diagnostics.
 * No process-wide state is changed here; libxml2's error hooks are per thread. */
#include "xslt/xslt_private.h"

#include <libxml/xmlerror.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <stdlib.h>
#include <string.h>

static msp_loc file_loc(const char *file)
{
    msp_loc loc = { file, 0, 0 };
    return loc;
}

typedef struct run_state {
    msp_job *job;
    const msp_xslt *x;
    const char *source_path;
    char *source_dir;           /* canonical */
    GString *pending;           /* libxslt error text not yet turned into diagnostics */
    msp_loc where;              /* last "file X line N" seen */
    int errors;
    xsltTransformContextPtr ctxt;   /* set once the transform starts */
} run_state;

static void emit_line(run_state *st, const char *line)
{
    const char *f = strstr(line, "file ");
    const char *ln = strstr(line, " line ");
    if (f && ln && ln > f && (g_str_has_prefix(line, "runtime error") || g_str_has_prefix(line, "compilation error"))) {
        char *file = g_strndup(f + 5, (size_t)(ln - f - 5));
        st->where.file = msp_diag_list_intern(&st->job->diags, file);
        st->where.line = atoi(ln + 6);
        st->where.column = 0;
        g_free(file);
        return;
    }
    if (strstr(line, "Local file read for") || strstr(line, "xsltLoadDocument: read rights"))
        return;     /* already reported by the read check with a clearer message */
    msp_loc loc = st->where.file ? st->where : file_loc(st->source_path);
    /* xsl:message and other instruction-level errors: the instruction's place */
    if (!st->where.file && st->ctxt && st->ctxt->inst && st->ctxt->inst->doc && st->ctxt->inst->doc->URL) {
        loc.file = msp_diag_list_intern(&st->job->diags, (const char *)st->ctxt->inst->doc->URL);
        loc.line = (int)xmlGetLineNo(st->ctxt->inst);
        loc.column = 0;
    }
    msp_diag_error(&st->job->diags, MSP_E_XSLT, loc, NULL, "%s", line);
    st->errors++;
}

static void flush_pending(run_state *st, bool all)
{
    char *nl;
    while ((nl = strchr(st->pending->str, '\n'))) {
        char *line = g_strndup(st->pending->str, (size_t)(nl - st->pending->str));
        g_string_erase(st->pending, 0, nl - st->pending->str + 1);
        g_strstrip(line);
        if (*line)
            emit_line(st, line);
        g_free(line);
    }
    if (all && st->pending->len) {
        char *line = g_strstrip(g_strdup(st->pending->str));
        if (*line)
            emit_line(st, line);
        g_free(line);
        g_string_truncate(st->pending, 0);
    }
}

static void on_error(void *user, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void on_error(void *user, const char *fmt, ...)
{
    run_state *st = user;
    va_list ap;
    va_start(ap, fmt);
    g_string_append_vprintf(st->pending, fmt, ap);
    va_end(ap);
    flush_pending(st, false);
}

/* libxml2 errors raised during the transform (XPath, document() parsing). */
static void on_xml_error(void *user, xmlErrorPtr err)
{
    run_state *st = user;
    if (!err || err->level == XML_ERR_WARNING)
        return;
    char *msg = g_strchomp(g_strdup(err->message ? err->message : "error"));
    msp_loc loc = { err->file ? msp_diag_list_intern(&st->job->diags, err->file) : st->source_path, err->line,
                    err->int2 };
    msp_diag_error(&st->job->diags, MSP_E_XSLT, loc, NULL, "%s", msg);
    st->errors++;
    g_free(msg);
}

static char *path_from_value(const char *value)
{
    if (g_ascii_strncasecmp(value, "file:", 5) == 0) {
        char *p = g_filename_from_uri(value, NULL, NULL);
        if (p)
            return p;
        return g_strdup(value + 5);
    }
    return g_strdup(value);
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    run_state *st = ctxt ? ctxt->_private : NULL;
    if (!st || !value)
        return 0;
    char *raw = path_from_value(value);
    char *path = msp_xslt_canonical_path(raw);
    bool ok = msp_xslt_path_inside(path, st->x->templates_dir) || msp_xslt_path_inside(path, st->x->data_dir) ||
              (st->source_dir && msp_xslt_path_inside(path, st->source_dir));
    if (!ok) {
        msp_loc loc = { st->source_path, 0, 0 };
        if (ctxt->inst) {
            loc.line = (int)xmlGetLineNo(ctxt->inst);
            if (ctxt->inst->doc && ctxt->inst->doc->URL)
                loc.file = msp_diag_list_intern(&st->job->diags, (const char *)ctxt->inst->doc->URL);
        }
        msp_diag_error(&st->job->diags, MSP_E_XSLT, loc,
                       "stylesheets may read only templates/, data/ and the source's own folder",
                       "document('%s') reads outside the allowed folders", value);
        st->errors++;
    }
    g_free(raw);
    g_free(path);
    return ok ? 1 : 0;
}

static int refuse_write(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    run_state *st = ctxt ? ctxt->_private : NULL;
    if (st) {
        msp_loc loc = { st->source_path, 0, 0 };
        if (ctxt->inst) {
            loc.line = (int)xmlGetLineNo(ctxt->inst);
            if (ctxt->inst->doc && ctxt->inst->doc->URL)
                loc.file = msp_diag_list_intern(&st->job->diags, (const char *)ctxt->inst->doc->URL);
        }
        msp_diag_error(&st->job->diags, MSP_E_XSLT, loc, "stylesheets produce FO only; they never write files",
                       "the stylesheet tried to write '%s' (refused)", value ? value : "");
        st->errors++;
    }
    return 0;
}

static int refuse_network(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
    run_state *st = ctxt ? ctxt->_private : NULL;
    if (st) {
        msp_diag_error(&st->job->diags, MSP_E_XSLT, file_loc(st->source_path),
                       "stylesheets may not use the network", "network access to '%s' refused", value ? value : "");
        st->errors++;
    }
    return 0;
}

/* A watchdog for one transform: libxslt has no time limit, but it stops at
 * its next instruction once the context's state is STOPPED. The watchdog
 * sets that when the job's deadline passes or the job is cancelled. */
typedef struct watchdog {
    GMutex lock;
    GCond cond;
    bool done;
    bool fired;
    gint64 deadline_us;                 /* monotonic */
    volatile int *cancelled;
    xsltTransformContextPtr ctxt;
} watchdog;

static gpointer watchdog_main(gpointer data)
{
    watchdog *w = data;
    g_mutex_lock(&w->lock);
    while (!w->done) {
        gint64 now = g_get_monotonic_time();
        if (now >= w->deadline_us || (w->cancelled && *w->cancelled)) {
            w->fired = true;
            w->ctxt->state = XSLT_STATE_STOPPED;
            break;
        }
        gint64 until = MIN(w->deadline_us, now + 100000);   /* poll cancellation every 0.1 s */
        g_cond_wait_until(&w->cond, &w->lock, until);
    }
    g_mutex_unlock(&w->lock);
    return NULL;
}

msp_status msp_xslt_run(msp_job *job, const msp_xslt *x, const char *kind, xmlDoc *src,
                        const char *source_path, const char *source_dir, const msp_xslt_params *params,
                        xmlDoc **out)
{
    *out = NULL;
    const char *spath = msp_diag_list_intern(&job->diags, source_path ? source_path : "source");
    xsltStylesheetPtr style = kind ? g_hash_table_lookup(x->kinds, kind) : NULL;
    if (!style) {
        msp_loc loc = { spath, 0, 0 };
        return msp_diag_error(&job->diags, MSP_E_XSLT, loc, "kind picks templates/<kind>.xsl",
                              "no stylesheet templates/%s.xsl for paper kind '%s'", kind ? kind : "", kind ? kind : "");
    }
    run_state st = { job, x, spath, source_dir ? msp_xslt_canonical_path(source_dir) : NULL, g_string_new(NULL),
                     { NULL, 0, 0 }, 0, NULL };
    xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, check_read);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, refuse_write);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, refuse_write);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, refuse_network);
    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, refuse_network);

    msp_xslt_number_source(src);
    xsltTransformContextPtr ctxt = xsltNewTransformContext(style, src);
    msp_status status = MSP_OK;
    if (!ctxt) {
        status = msp_diag_error(&job->diags, MSP_E_NOMEM, file_loc(spath), NULL,
                                "cannot create a transform context");
        goto done;
    }
    ctxt->_private = &st;
    st.ctxt = ctxt;
    msp_xslt_doccache_attach(ctxt);
    xsltSetCtxtSecurityPrefs(sec, ctxt);
    xsltSetTransformErrorFunc(ctxt, &st, on_error);
    xsltQuoteOneUserParam(ctxt, (const xmlChar *)"data", (const xmlChar *)x->data_param);
    xsltQuoteOneUserParam(ctxt, (const xmlChar *)"draft", (const xmlChar *)(params && params->draft ? "1" : "0"));
    xsltQuoteOneUserParam(ctxt, (const xmlChar *)"source-hash",
                          (const xmlChar *)(params && params->source_hash ? params->source_hash : ""));

    /* libxml2's handlers are thread-local: catch XPath and parse errors of this run only */
    xmlStructuredErrorFunc old_serror = xmlStructuredError;
    void *old_sctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&st, on_xml_error);
    watchdog w = { 0 };
    GThread *dog = NULL;
    if (job->limits.max_seconds > 0) {
        g_mutex_init(&w.lock);
        g_cond_init(&w.cond);
        w.deadline_us = job->started_us + (gint64)(job->limits.max_seconds * 1e6);
        w.cancelled = &job->cancelled;
        w.ctxt = ctxt;
        dog = g_thread_new("xslt-watchdog", watchdog_main, &w);
    }
    xmlDoc *res = xsltApplyStylesheetUser(style, src, NULL, NULL, g_getenv("MSPDOC_XSLT_PROFILE") ? stderr : NULL, ctxt);
    if (dog) {
        g_mutex_lock(&w.lock);
        w.done = true;
        g_cond_signal(&w.cond);
        g_mutex_unlock(&w.lock);
        g_thread_join(dog);
        g_mutex_clear(&w.lock);
        g_cond_clear(&w.cond);
        if (w.fired) {
            xmlSetStructuredErrorFunc(old_sctx, old_serror);
            if (res)
                xmlFreeDoc(res);
            ctxt->_private = NULL;
            msp_xslt_doccache_release(ctxt);
            xsltFreeTransformContext(ctxt);
            status = msp_job_check_time(job, file_loc(spath));
            if (status == MSP_OK)
                status = msp_diag_error(&job->diags, MSP_E_LIMIT, file_loc(spath), NULL,
                                        "the stylesheet was stopped");
            goto done;
        }
    }
    xmlSetStructuredErrorFunc(old_sctx, old_serror);
    flush_pending(&st, true);

    if (!res || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED || st.errors > 0) {
        if (st.errors == 0)
            msp_diag_error(&job->diags, MSP_E_XSLT, file_loc(spath), NULL,
                           "the stylesheet templates/%s.xsl failed on this source", kind);
        if (res)
            xmlFreeDoc(res);
        status = MSP_E_XSLT;
    } else if (!xmlDocGetRootElement(res)) {
        xmlFreeDoc(res);
        status = msp_diag_error(&job->diags, MSP_E_XSLT, file_loc(spath), NULL,
                                "the stylesheet produced an empty result");
    } else {
        /* the house rules of each block's language, once, here (typo.h) */
        xmlNode *sroot = xmlDocGetRootElement(src);
        xmlChar *lang = sroot ? xmlNodeGetLang(sroot) : NULL;
        msp_typo_apply(x->typo, res, (const char *)lang);
        xmlFree(lang);
        *out = res;
    }
    ctxt->_private = NULL;
    msp_xslt_doccache_release(ctxt);
    xsltFreeTransformContext(ctxt);
done:
    xsltFreeSecurityPrefs(sec);
    g_free(st.source_dir);
    g_string_free(st.pending, TRUE);
    return status;
}
