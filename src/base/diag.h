/* Diagnostics: status codes, source locations, and the per-job list of
 * messages (severity, where, what, what to do). One funnel records every
 * error so one breakpoint (msp_diag_add) sees all failures.
 * Printing to a stream lives here too, in the style the command line chose
 * (msp_diag_set_style): the human form with an excerpt of the source line
 * and a caret, optionally coloured, or JSON Lines. The batch report's
 * index.json is the batch module's. */
#ifndef MSP_DIAG_H
#define MSP_DIAG_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum msp_status {
    MSP_OK = 0,
    MSP_E_IO,      /* a file could not be read */
    MSP_E_XML,     /* not well-formed XML */
    MSP_E_SCHEMA,  /* valid XML, wrong structure */
    MSP_E_SYMBOL,  /* document symbol grammar or agreement */
    MSP_E_DATA,    /* reference data missing or inconsistent */
    MSP_E_XSLT,    /* stylesheet failed */
    MSP_E_FO,      /* FO the engine cannot honour */
    MSP_E_LAYOUT,  /* layout impossible */
    MSP_E_OUTPUT,  /* output could not be written */
    MSP_E_LIMIT,   /* a configured limit was exceeded */
    MSP_E_NOMEM,
    MSP_E_USAGE    /* bad command line */
} msp_status;

typedef enum msp_severity {
    MSP_SEV_NOTE,
    MSP_SEV_WARNING,
    MSP_SEV_ERROR
} msp_severity;

/* A place in an input file. line and column are 1-based; 0 = unknown.
 * file is borrowed: it must outlive the diagnostic list (interned by
 * msp_diag_list_intern when in doubt). */
typedef struct msp_loc {
    const char *file;
    int line;
    int column;
} msp_loc;

#define MSP_LOC_NONE ((msp_loc){ NULL, 0, 0 })

typedef struct msp_diag {
    msp_severity severity;
    msp_status status;
    msp_loc loc;        /* loc.file owned by the list's string chunk */
    char *message;      /* owned: what is wrong */
    char *hint;         /* owned, may be NULL: what to do */
} msp_diag;

/* An ordered list of diagnostics, owned by one job (not thread-safe:
 * one list per job/worker). */
typedef struct msp_diag_list {
    GPtrArray *items;   /* of msp_diag* */
    GStringChunk *strings;
    int errors;
    int warnings;
    int max_errors;     /* 0 = unlimited; after that, errors are counted, not stored */
    FILE *echo;         /* if set, each diagnostic is printed as it is added */
} msp_diag_list;

void msp_diag_list_init(msp_diag_list *list);
void msp_diag_list_clear(msp_diag_list *list);

/* Returns a copy of s that lives as long as the list. */
const char *msp_diag_list_intern(msp_diag_list *list, const char *s);

/* The funnel. Records a diagnostic and returns status (MSP_OK for notes and
 * warnings recorded with status MSP_OK). hint may be NULL. */
msp_status msp_diag_add(msp_diag_list *list, msp_severity sev, msp_status status,
                        msp_loc loc, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);

#define msp_diag_error(list, status, loc, hint, ...) \
    msp_diag_add((list), MSP_SEV_ERROR, (status), (loc), (hint), __VA_ARGS__)
#define msp_diag_warn(list, loc, hint, ...) \
    msp_diag_add((list), MSP_SEV_WARNING, MSP_OK, (loc), (hint), __VA_ARGS__)

/* Prints d in the process's style (msp_diag_set_style; by default the human
 * form): "file:line:col: error: message", the excerpt (below), and an
 * indented "  hint: ..." line. */
void msp_diag_print(FILE *out, const msp_diag *d);
void msp_diag_list_print(FILE *out, const msp_diag_list *list);

/* Appends every diagnostic of src to dst (copies). */
void msp_diag_list_merge(msp_diag_list *dst, const msp_diag_list *src);

const char *msp_status_name(msp_status status);

/* "note", "warning" or "error". */
const char *msp_severity_name(msp_severity sev);

/* ---- How diagnostics are printed ----------------------------------------
 * One style per process, set by the command line (--color, --diagnostics)
 * before any thread starts; read by every msp_diag_print. */
typedef enum msp_diag_format {
    MSP_DIAG_FORMAT_HUMAN,  /* file:line:column: error: message, excerpt, hint */
    MSP_DIAG_FORMAT_JSON    /* one JSON object per diagnostic and line (JSON Lines) */
} msp_diag_format;

typedef struct msp_diag_style {
    msp_diag_format format;
    bool color;     /* human form: ANSI colours on location, severity, caret, "hint:" */
    bool excerpt;   /* human form: the source line with a caret under the column */
} msp_diag_style;

/* The default: human form, excerpts, no colour. */
#define MSP_DIAG_STYLE_DEFAULT ((msp_diag_style){ MSP_DIAG_FORMAT_HUMAN, false, true })

void msp_diag_set_style(const msp_diag_style *style);
msp_diag_style msp_diag_get_style(void);

/* Appends d to out in the given style, every line ending in '\n'. The
 * excerpt reads d->loc.file (and no other file) once per process: its
 * lines are cached (msp_diag_cache_clear frees them). No excerpt when the
 * line or column is 0, the file is not a readable regular file, the line
 * does not exist or holds a NUL byte.
 *
 * JSON form: {"file":…,"line":…,"column":…,"severity":"error|warning|note",
 * "code":msp_status_name(status),"message":…,"hint":…|null}. */
void msp_diag_append(GString *out, const msp_diag *d, const msp_diag_style *style);

/* The widest excerpt, in display columns of the line's text; longer lines
 * are cut around the column with "…" at the cut ends. */
#define MSP_DIAG_EXCERPT_WIDTH 100

/* Appends the two excerpt lines for line number line_no, whose bytes are
 * text[0..len) (no line end), with the caret under 1-based column (counted in
 * characters, as libxml2 and the loaders count; invalid UTF-8 bytes count
 * one each):
 *       9 |     <subjet>Cooperation</subjet>
 *         |     ^
 * Tabs are expanded to the next multiple of 8 columns, East Asian wide
 * characters take 2 columns, combining marks 0; control characters and
 * invalid bytes are shown as U+FFFD. A line wider than max_width is cut
 * around the caret, with "…" where it is cut. caret_color: an SGR sequence
 * ("\033[1;31m") for the caret, or NULL. */
void msp_diag_excerpt(GString *out, const char *text, size_t len, int line_no, int column, int max_width,
                      const char *caret_color);

/* Gives the excerpts of name the text data[0..len) (copied) instead of a
 * file's: standard input, read once. */
void msp_diag_cache_put(const char *name, const char *data, size_t len);

/* Frees the lines cached for excerpts (at exit, so that leak checkers see
 * nothing left). Safe to call more than once. */
void msp_diag_cache_clear(void);

#endif
