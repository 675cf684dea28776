/* The layout report, like TeX's "Underfull \hbox" warnings: the lines of one
 * document that are beyond tolerance (loose, overfull) and the lines that end
 * in a hyphen, with their page, zone, adjustment ratio, FO location and text,
 * collected page by page as layout emits them (pages are freed right after),
 * plus the counts. Also its two printed forms: the one-line summary and the
 * tab-separated file of --layout-report (docs/cli.md). It only reads pages. */
#ifndef MSP_LAYOUT_REPORT_H
#define MSP_LAYOUT_REPORT_H

#include "layout/area.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* Entries kept per document; lines past it are counted but not listed. */
#define MSP_LAYOUT_REPORT_MAX_ENTRIES 100000
/* Bytes of a line's text kept in an entry (cut at a character, then "…"). */
#define MSP_LAYOUT_REPORT_MAX_TEXT 240

/* One reported line: beyond tolerance, or ending in a hyphen, or both. */
typedef struct msp_layout_report_entry {
    int page;                 /* 0-based physical page index (msp_page.index) */
    const char *page_number;  /* that page's formatted number (report's arena) */
    msp_zone zone;
    msp_line_fit fit;         /* OK for a line listed only for its hyphen */
    bool hyphen;
    double adjust;            /* adjustment ratio of its word spaces */
    msp_loc loc;              /* FO location of its first character; loc.file is
                               * the report's copy, NULL when unknown */
    const char *text;         /* the line's text, maybe shortened (report's arena) */
} msp_layout_report_entry;

/* What a report counts; copied around on its own (build results, the batch
 * report) when the entries are not needed. */
typedef struct msp_layout_counts {
    int pages;                /* pages added */
    int lines;                /* LINE areas seen on them */
    int loose;                /* lines with fit LOOSE */
    int overfull;             /* lines with fit OVERFULL */
    int hyphenated;           /* lines ending in a hyphen, whatever their fit */
    int unlisted;             /* reported lines not kept in entries (past MAX_ENTRIES) */
} msp_layout_counts;

/* Embedded by its user: msp_layout_report_init, then (through
 * msp_layout_opts.report) layout adds every page it emits, then the counts
 * and entries are read directly, then msp_layout_report_clear. Pages of the
 * silent citation passes are never added. Not thread-safe: one per document. */
typedef struct msp_layout_report {
    msp_layout_counts counts;
    GArray *entries;          /* owned: msp_layout_report_entry, in page then drawing order */
    msp_arena *arena;         /* owned: the entries' strings */
    GHashTable *files;        /* owned: interned file names (keys in arena) */
} msp_layout_report;

/* An empty report. Never fails. */
void msp_layout_report_init(msp_layout_report *report);
/* Frees the entries and strings; the report is empty and zeroed after (init
 * again to reuse). Safe on a zeroed or cleared report. */
void msp_layout_report_clear(msp_layout_report *report);

/* Counts the page's LINE areas and keeps an entry for each one with fit
 * LOOSE or OVERFULL or ending in a hyphen; copies every string it keeps, so
 * the page may be freed right after. */
void msp_layout_report_add_page(msp_layout_report *report, const msp_page *page);

/* Lines beyond tolerance: loose + overfull. counts may be NULL (0). */
int msp_layout_counts_beyond(const msp_layout_counts *counts);

/* An entry's kind column: "loose", "overfull", "hyphen", "loose,hyphen" or
 * "overfull,hyphen". Static string. */
const char *msp_layout_report_kind(const msp_layout_report_entry *entry);

/* "2 lines beyond tolerance (1 loose, 1 overfull), 14 hyphenated line ends"
 * (singular for 1). counts may be NULL (all 0). Owned by the caller (g_free). */
char *msp_layout_counts_summary(const msp_layout_counts *counts);

/* Writes the report as the tab-separated text of docs/cli.md: "# key<TAB>value"
 * lines (document, pages, lines, beyond-tolerance, loose, overfull,
 * hyphenated, unlisted), a header row, then one row per entry. document
 * (may be NULL) names the input. Write errors are the caller's to check on
 * out (ferror, or msp_outfile_commit). */
void msp_layout_report_write(FILE *out, const msp_layout_report *report, const char *document);

#endif
