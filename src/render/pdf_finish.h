/* The PDF as it goes on the record: cairo's file written anew into a valid
 * file (cairo 1.16 leaves dangling structure keys and xref entries behind
 * its links when it writes no structure), and, as the standard asked for
 * says, a tagged
 * PDF (PDF/UA-1: the structure tree of pdf_struct.h, its parent tree, the
 * artifacts marked as such, /Lang, /MarkInfo, DisplayDocTitle, /Tabs /S,
 * link /Contents) and an archival one (PDF/A-2: XMP metadata matching the
 * Info dictionary, the sRGB output intent of color/profiles.conf, no
 * interpolated images, printable annotations). docs/pdf-standards.md says
 * what each standard guarantees and how the suite checks it. */
#ifndef MSP_PDF_FINISH_H
#define MSP_PDF_FINISH_H

#include "base/job.h"
#include "render/pdf_struct.h"

#include <glib.h>
#include <stdbool.h>

/* What a file conforms to: --pdf-standard "none", "ua-1", "a-2a", "a-2b",
 * "a-2u", or a comma-separated pair such as "ua-1,a-2a". */
typedef struct msp_pdf_standard {
    bool ua;        /* PDF/UA-1 (tagged) */
    char pdfa;      /* PDF/A-2 conformance level 'a' (tagged), 'b' or 'u'; 0 for none */
} msp_pdf_standard;

/* Parses a --pdf-standard value; false (and *out untouched) when it is not one. */
bool msp_pdf_standard_parse(const char *s, msp_pdf_standard *out);
/* Whether the standard needs the structure tree. */
bool msp_pdf_standard_tagged(msp_pdf_standard std);
/* "ua-1,a-2a" etc., for messages and reports (static string). */
const char *msp_pdf_standard_name(msp_pdf_standard std);
/* The values --help lists. */
#define MSP_PDF_STANDARD_VALUES "none, ua-1, a-2a, a-2b, a-2u, or ua-1,a-2a"

/* The document's description, as the Info dictionary and XMP both carry it. */
typedef struct msp_pdf_info {
    const char *title, *author, *subject, *keywords, *creator, *lang;
    const char *date;          /* ISO 8601 UTC "2025-10-08T00:00:00Z" */
} msp_pdf_info;

/* A page's printed number, for /PageLabels. */
typedef struct msp_pdf_label {
    int number;                /* page-number value */
    const char *text;          /* as printed */
} msp_pdf_label;

/* Rewrites the cairo PDF in[0..len) into *out (a new GByteArray): always a
 * valid file; tags (may be NULL when std is untagged) give the structure.
 * labels[0..n_labels) give page labels when they differ from 1, 2, 3...
 * where names the file in messages. Errors: MSP_E_OUTPUT with the reason
 * (a file not as cairo writes it, marked content that does not match
 * what was drawn, a missing or altered ICC profile). */
msp_status msp_pdf_finish(msp_job *job, const char *where, const guint8 *in, gsize len,
                          msp_pdf_standard std, msp_struct *tags, const msp_pdf_info *info,
                          const msp_pdf_label *labels, int n_labels, GByteArray **out);

#endif
