/* Text accounting (`mspdoc render --check-text`): nothing the FO puts in a
 * flow, a footnote body, a static content or a retrieved marker is lost
 * silently. Every text node must reach a paragraph run, every run's text
 * must be in its lines, and every line must be placed on a page as often as
 * the run's other lines (once; a repeated table header or static content as
 * often as it repeats); page numbers and citations must print a number.
 * Only the pass whose pages are emitted is accounted. Any loss is an error
 * at its FO location. The hooks the para builder calls are in
 * para_private.h. */
#ifndef MSP_CHECK_TEXT_H
#define MSP_CHECK_TEXT_H

#include "fo/fo.h"

typedef struct msp_check_text msp_check_text;

/* A checker for one msp_layout_run of doc: set it as msp_layout_opts.check.
 * job and doc are borrowed and must outlive it. Never NULL. */
msp_check_text *msp_check_text_new(msp_job *job, const msp_fo_doc *doc);

/* After msp_layout_run returned layout_status: when that is MSP_OK, checks
 * the FO tree for text that reached no run and reports every loss found
 * during layout as an error (MSP_E_LAYOUT, "internal error: ...") at its FO
 * location in job->diags (at most 20, then one line with the count), and a
 * wrong page number as a warning. Returns layout_status when it is not
 * MSP_OK (nothing is reported then), else MSP_OK or MSP_E_LAYOUT. */
msp_status msp_check_text_finish(msp_check_text *c, msp_status layout_status);

/* What was accounted, for tests and --check-text's summary. */
typedef struct msp_check_text_counts {
    long runs;            /* paragraph runs built in the emitting pass */
    long lines_placed;    /* line placements on emitted pages */
    long text_nodes;      /* distinct FO text nodes collected */
    long losses;          /* errors found (before the cap of 20 printed) */
} msp_check_text_counts;
msp_check_text_counts msp_check_text_counts_of(const msp_check_text *c);

/* Frees the checker. NULL allowed. */
void msp_check_text_free(msp_check_text *c);

#endif
