/* The diagnostic list and its printed form. Holds no global state: every
 * list belongs to one job. */
#include "base/diag.h"

#include <stdarg.h>

void msp_diag_list_init(msp_diag_list *list)
{
    list->items = g_ptr_array_new();
    list->strings = g_string_chunk_new(256);
    list->errors = 0;
    list->warnings = 0;
    list->max_errors = 0;
    list->echo = NULL;
}

static void diag_free(msp_diag *d)
{
    g_free(d->message);
    g_free(d->hint);
    g_free(d);
}

void msp_diag_list_clear(msp_diag_list *list)
{
    if (list->items) {
        for (guint i = 0; i < list->items->len; i++)
            diag_free(list->items->pdata[i]);
        g_ptr_array_free(list->items, TRUE);
        list->items = NULL;
    }
    if (list->strings) {
        g_string_chunk_free(list->strings);
        list->strings = NULL;
    }
}

const char *msp_diag_list_intern(msp_diag_list *list, const char *s)
{
    return s ? g_string_chunk_insert_const(list->strings, s) : NULL;
}

msp_status msp_diag_add(msp_diag_list *list, msp_severity sev, msp_status status,
                        msp_loc loc, const char *hint, const char *fmt, ...)
{
    if (sev == MSP_SEV_ERROR)
        list->errors++;
    else if (sev == MSP_SEV_WARNING)
        list->warnings++;
    if (sev == MSP_SEV_ERROR && list->max_errors > 0 && list->errors > list->max_errors)
        return status;

    msp_diag *d = g_new0(msp_diag, 1);
    va_list ap;
    va_start(ap, fmt);
    d->message = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    d->severity = sev;
    d->status = status;
    d->loc = loc;
    d->loc.file = msp_diag_list_intern(list, loc.file);
    d->hint = hint ? g_strdup(hint) : NULL;
    g_ptr_array_add(list->items, d);
    if (list->echo)
        msp_diag_print(list->echo, d);
    return status;
}

void msp_diag_print(FILE *out, const msp_diag *d)
{
    static const char *const sev[] = { "note", "warning", "error" };
    if (d->loc.file) {
        fputs(d->loc.file, out);
        if (d->loc.line > 0) {
            fprintf(out, ":%d", d->loc.line);
            if (d->loc.column > 0)
                fprintf(out, ":%d", d->loc.column);
        }
        fputs(": ", out);
    } else {
        fputs("mspdoc: ", out);
    }
    fprintf(out, "%s: %s\n", sev[d->severity], d->message);
    if (d->hint)
        fprintf(out, "  hint: %s\n", d->hint);
}

void msp_diag_list_print(FILE *out, const msp_diag_list *list)
{
    for (guint i = 0; i < list->items->len; i++)
        msp_diag_print(out, list->items->pdata[i]);
}

void msp_diag_list_merge(msp_diag_list *dst, const msp_diag_list *src)
{
    for (guint i = 0; i < src->items->len; i++) {
        const msp_diag *d = src->items->pdata[i];
        msp_diag_add(dst, d->severity, d->status, d->loc, d->hint, "%s", d->message);
    }
}

const char *msp_status_name(msp_status status)
{
    switch (status) {
    case MSP_OK: return "ok";
    case MSP_E_IO: return "io";
    case MSP_E_XML: return "xml";
    case MSP_E_SCHEMA: return "schema";
    case MSP_E_SYMBOL: return "symbol";
    case MSP_E_DATA: return "data";
    case MSP_E_XSLT: return "xslt";
    case MSP_E_FO: return "fo";
    case MSP_E_LAYOUT: return "layout";
    case MSP_E_OUTPUT: return "output";
    case MSP_E_LIMIT: return "limit";
    case MSP_E_NOMEM: return "nomem";
    case MSP_E_USAGE: return "usage";
    }
    return "unknown";
}
