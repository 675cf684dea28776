/* Shared by the batch report's writers (report.c: common parts and the
 * files; report_json.c: index.json; report_html.c: index.html): how
 * papers fall into the report's sections, their messages in order, the
 * groups of language versions, dates and relative links. */
#ifndef MSP_REPORT_PRIVATE_H
#define MSP_REPORT_PRIVATE_H

#include "batch/batch_private.h"

/* The report's sections, in the order the page shows them. A paper is in
 * exactly one of FAILED, BUILT, UP_TO_DATE, CANCELLED; WARNINGS lists again
 * the built and up-to-date papers with a warning or a line beyond tolerance. */
typedef enum msp_report_section {
    MSP_SECTION_FAILED,
    MSP_SECTION_WARNINGS,
    MSP_SECTION_BUILT,
    MSP_SECTION_UP_TO_DATE,
    MSP_SECTION_CANCELLED,
    MSP_SECTION_COUNT
} msp_report_section;

/* The section's anchor in index.html ("failed", "warnings", "built",
 * "up-to-date", "cancelled"). */
const char *msp_report_section_id(msp_report_section s);
/* Whether the paper belongs in the section. */
bool msp_report_in_section(const msp_paper *p, msp_report_section s);
int msp_report_section_count(GPtrArray *papers, msp_report_section s);
/* True when the paper has its PDF in OUTDIR (built or up to date). */
bool msp_report_has_pdf(const msp_paper *p);

/* A paper's messages: the cross-language check's first, then its own. */
guint msp_report_diag_count(const msp_paper *p);
const msp_diag *msp_report_diag(const msp_paper *p, guint i);
int msp_report_count_status(GPtrArray *papers, msp_paper_status st);

/* "2025-10-08T00:00:00Z" (JSON) or "2025-10-08 00:00 UTC" (HTML) of unix
 * seconds; NULL when date < 0 (unknown). Owned. */
char *msp_report_date_iso(gint64 date);
char *msp_report_date_human(gint64 date);

/* The path of file relative to the folder dir (both as given, relative to
 * the current folder or absolute), e.g. "../src/a.xml" for "src/a.xml"
 * from "out". Owned. */
char *msp_report_relative_path(const char *dir, const char *file);

/* ---- the language versions of each symbol ---- */

/* The symbol without reissue stars. Owned. */
char *msp_report_group_symbol(const msp_paper *p);
/* The papers with a symbol, grouped by it (reissue stars dropped): a sorted
 * array of groups, each a GPtrArray of msp_paper* in the papers' order. */
GPtrArray *msp_report_symbol_groups(GPtrArray *papers);
/* "ok", "warnings" or "failed": what the cross-language check found in a group. */
const char *msp_report_group_check(const GPtrArray *g);

#endif
