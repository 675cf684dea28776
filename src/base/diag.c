/* The diagnostic list and its printed form. Every list belongs to one job;
 * the only process-wide state is how diagnostics are printed (the style the
 * command line set) and the lines of the files excerpts were taken from
 * (read once, kept under a lock). */
#include "base/diag.h"
#include "base/json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    msp_diag_style style = msp_diag_get_style();
    GString *s = g_string_new(NULL);
    msp_diag_append(s, d, &style);
    fwrite(s->str, 1, s->len, out);
    g_string_free(s, TRUE);
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

const char *msp_severity_name(msp_severity sev)
{
    switch (sev) {
    case MSP_SEV_NOTE: return "note";
    case MSP_SEV_WARNING: return "warning";
    case MSP_SEV_ERROR: return "error";
    }
    return "error";
}

/* ---- the printing style ---- */

static msp_diag_style g_style = MSP_DIAG_STYLE_DEFAULT;

void msp_diag_set_style(const msp_diag_style *style)
{
    g_style = style ? *style : MSP_DIAG_STYLE_DEFAULT;
}

msp_diag_style msp_diag_get_style(void)
{
    return g_style;
}

#define SGR_RESET "\033[0m"
#define SGR_LOCATION "\033[1m"
#define SGR_HINT "\033[36m"

static const char *severity_color(msp_severity sev)
{
    switch (sev) {
    case MSP_SEV_ERROR: return "\033[1;31m";
    case MSP_SEV_WARNING: return "\033[1;35m";
    case MSP_SEV_NOTE: return "\033[1;36m";
    }
    return "\033[1;31m";
}

/* ---- the lines of files, read once per process ---- */

typedef struct excerpt_file {
    char *data;      /* NULL: not readable (not looked at again) */
    size_t len;
    GArray *starts;  /* of size_t: the offset of each line's first byte */
} excerpt_file;

static GMutex cache_lock;
static GHashTable *cache;   /* path -> excerpt_file* */

static void excerpt_file_free(excerpt_file *f)
{
    g_free(f->data);
    if (f->starts)
        g_array_free(f->starts, TRUE);
    g_free(f);
}

/* Sources and FO are at most 32 MiB; a larger file is not excerpted. */
#define EXCERPT_MAX_FILE (64L << 20)

/* Takes data (NUL-terminated, len bytes) and records where its lines start. */
static void index_lines(excerpt_file *f, char *data, size_t len)
{
    f->data = data;
    f->len = len;
    f->starts = g_array_new(FALSE, FALSE, sizeof(size_t));
    size_t off = 0;
    g_array_append_val(f->starts, off);
    for (const char *p = data, *end = data + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;) {
        p++;
        off = (size_t)(p - data);
        g_array_append_val(f->starts, off);
    }
}

static excerpt_file *excerpt_file_read(const char *path)
{
    excerpt_file *f = g_new0(excerpt_file, 1);
    /* non-blocking: a FIFO named by a diagnostic must not hang the report */
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return f;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > EXCERPT_MAX_FILE) {
        close(fd);
        return f;
    }
    size_t cap = (size_t)sb.st_size, len = 0;
    char *data = g_malloc(cap + 1);
    while (len < cap) {
        ssize_t n = read(fd, data + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    data[len] = '\0';
    index_lines(f, data, len);
    return f;
}

/* Copies line line_no (1-based) of path into *text (without its line end);
 * false when there is no such line. */
static bool cached_line(const char *path, int line_no, char **text, size_t *len)
{
    bool found = false;
    g_mutex_lock(&cache_lock);
    if (!cache)
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)excerpt_file_free);
    excerpt_file *f = g_hash_table_lookup(cache, path);
    if (!f) {
        f = excerpt_file_read(path);
        g_hash_table_insert(cache, g_strdup(path), f);
    }
    if (f->data && line_no >= 1 && (guint)line_no <= f->starts->len) {
        size_t from = g_array_index(f->starts, size_t, line_no - 1);
        size_t to = (guint)line_no < f->starts->len ? g_array_index(f->starts, size_t, line_no) : f->len;
        while (to > from && (f->data[to - 1] == '\n' || f->data[to - 1] == '\r'))
            to--;
        if (!memchr(f->data + from, '\0', to - from)) {
            *text = g_strndup(f->data + from, to - from);
            *len = to - from;
            found = true;
        }
    }
    g_mutex_unlock(&cache_lock);
    return found;
}

void msp_diag_cache_put(const char *name, const char *data, size_t len)
{
    excerpt_file *f = g_new0(excerpt_file, 1);
    char *copy = g_malloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    index_lines(f, copy, len);
    g_mutex_lock(&cache_lock);
    if (!cache)
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)excerpt_file_free);
    g_hash_table_replace(cache, g_strdup(name), f);
    g_mutex_unlock(&cache_lock);
}

void msp_diag_cache_clear(void)
{
    g_mutex_lock(&cache_lock);
    if (cache)
        g_hash_table_destroy(cache);
    cache = NULL;
    g_mutex_unlock(&cache_lock);
}

/* ---- the excerpt ---- */

#define TAB_STOP 8

/* One character of the line as displayed: its bytes in the input, what is
 * printed for it, and its display columns. */
typedef struct cell {
    size_t from, to;     /* bytes of the input */
    int start, width;    /* display columns (from 0) */
    int kind;            /* 0 as is, 1 spaces (a tab), 2 U+FFFD */
} cell;

static GArray *line_cells(const char *text, size_t len)
{
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(cell));
    int col = 0;
    const char *end = text + len;
    for (const char *p = text; p < end;) {
        cell c = { (size_t)(p - text), 0, col, 1, 0 };
        gunichar u = g_utf8_get_char_validated(p, end - p);
        if (u == (gunichar)-1 || u == (gunichar)-2) {
            c.kind = 2;
            p++;
        } else {
            p = g_utf8_next_char(p);
            if (u == '\t') {
                c.kind = 1;
                c.width = TAB_STOP - col % TAB_STOP;
            } else if (u < 0x20 || (u >= 0x7F && u < 0xA0)) {
                c.kind = 2;   /* never a raw control character on a terminal */
            } else if (g_unichar_iszerowidth(u)) {
                c.width = 0;
            } else if (g_unichar_iswide(u)) {
                c.width = 2;
            }
        }
        c.to = (size_t)(p - text);
        col += c.width;
        g_array_append_val(cells, c);
    }
    return cells;
}

void msp_diag_excerpt(GString *out, const char *text, size_t len, int line_no, int column, int max_width,
                      const char *caret_color)
{
    if (max_width < 8)
        max_width = 8;
    GArray *cells = line_cells(text, len);
    int total = cells->len ? g_array_index(cells, cell, cells->len - 1).start +
                                 g_array_index(cells, cell, cells->len - 1).width
                           : 0;
    /* the caret: before character `column`, or just past the line's end */
    int caret = total;
    if (column >= 1 && (guint)(column - 1) < cells->len)
        caret = g_array_index(cells, cell, column - 1).start;

    /* the window [left, right) of display columns shown */
    int left = 0, right = total;
    bool lead = false, trail = false;
    if (total > max_width) {
        left = caret - max_width / 2;
        if (left < 0)
            left = 0;
        right = left + max_width;
        if (right >= total) {
            right = total;
            left = total - max_width;
        }
        lead = left > 0;
        trail = right < total;
        if (lead)
            left++;     /* room for the "…" */
        if (trail)
            right--;
    }

    char num[16];
    int digits = g_snprintf(num, sizeof num, "%d", line_no);
    int gutter = digits > 5 ? digits : 5;
    g_string_append_printf(out, "%*s | ", gutter, num);
    if (lead)
        g_string_append(out, "…");
    int origin = -1;   /* display column of the first cell shown */
    for (guint i = 0; i < cells->len; i++) {
        const cell *c = &g_array_index(cells, cell, i);
        if (c->start < left || c->start + c->width > right)
            continue;
        if (origin < 0)
            origin = c->start;
        if (c->kind == 1)
            for (int k = 0; k < c->width; k++)
                g_string_append_c(out, ' ');
        else if (c->kind == 2)
            g_string_append(out, "\xEF\xBF\xBD");
        else
            g_string_append_len(out, text + c->from, (gssize)(c->to - c->from));
    }
    if (trail)
        g_string_append(out, "…");
    if (origin < 0)
        origin = left;
    g_string_append_c(out, '\n');

    g_string_append_printf(out, "%*s | ", gutter, "");
    int pad = (lead ? 1 : 0) + (caret > origin ? caret - origin : 0);
    for (int k = 0; k < pad; k++)
        g_string_append_c(out, ' ');
    if (caret_color)
        g_string_append_printf(out, "%s^%s\n", caret_color, SGR_RESET);
    else
        g_string_append(out, "^\n");
    g_array_free(cells, TRUE);
}

static void format_json(GString *out, const msp_diag *d)
{
    g_string_append(out, "{\"file\":");
    msp_json_string_or_null(out, d->loc.file);
    g_string_append_printf(out, ",\"line\":%d,\"column\":%d,\"severity\":", d->loc.line, d->loc.column);
    msp_json_string(out, msp_severity_name(d->severity));
    g_string_append(out, ",\"code\":");
    msp_json_string(out, msp_status_name(d->status));
    g_string_append(out, ",\"message\":");
    msp_json_string(out, d->message);
    g_string_append(out, ",\"hint\":");
    msp_json_string_or_null(out, d->hint);
    g_string_append(out, "}\n");
}

void msp_diag_append(GString *out, const msp_diag *d, const msp_diag_style *style)
{
    if (style->format == MSP_DIAG_FORMAT_JSON) {
        format_json(out, d);
        return;
    }
    bool color = style->color;
    if (color)
        g_string_append(out, SGR_LOCATION);
    if (d->loc.file) {
        g_string_append(out, d->loc.file);
        if (d->loc.line > 0) {
            g_string_append_printf(out, ":%d", d->loc.line);
            if (d->loc.column > 0)
                g_string_append_printf(out, ":%d", d->loc.column);
        }
        g_string_append_c(out, ':');
    } else {
        g_string_append(out, "mspdoc:");
    }
    if (color)
        g_string_append_printf(out, "%s %s%s:%s %s\n", SGR_RESET, severity_color(d->severity),
                               msp_severity_name(d->severity), SGR_RESET, d->message);
    else
        g_string_append_printf(out, " %s: %s\n", msp_severity_name(d->severity), d->message);
    char *text = NULL;
    size_t len = 0;
    if (style->excerpt && d->loc.file && d->loc.line > 0 && d->loc.column > 0 &&
        cached_line(d->loc.file, d->loc.line, &text, &len)) {
        msp_diag_excerpt(out, text, len, d->loc.line, d->loc.column, MSP_DIAG_EXCERPT_WIDTH,
                         color ? severity_color(d->severity) : NULL);
        g_free(text);
    }
    if (d->hint) {
        if (color)
            g_string_append_printf(out, "  %shint:%s %s\n", SGR_HINT, SGR_RESET, d->hint);
        else
            g_string_append_printf(out, "  hint: %s\n", d->hint);
    }
}
