/* One paper's record through a batch run (source, output name, status,
 * what the build learned, its diagnostics): creation, freeing, names.
 * Finding, stamping and building papers live in plan.c, stamp.c, workers.c. */
#include "batch/batch_private.h"

#include <string.h>

msp_paper *msp_paper_new(const char *source)
{
    msp_paper *p = g_new0(msp_paper, 1);
    p->source = g_strdup(source);
    p->status = MSP_PAPER_PENDING;
    p->pdf_date = p->last_good_date = -1;
    msp_diag_list_init(&p->diags);
    msp_diag_list_init(&p->version_diags);
    return p;
}

void msp_paper_free(msp_paper *paper)
{
    if (!paper)
        return;
    g_free(paper->source);
    g_free(paper->output_name);
    g_free(paper->symbol);
    g_free(paper->source_sha256);
    g_free(paper->key);
    g_free(paper->title);
    g_free(paper->language);
    g_free(paper->kind);
    g_free(paper->pdf_sha256);
    g_free(paper->pdf_identity);
    g_free(paper->last_good);
    msp_diag_list_clear(&paper->diags);
    msp_diag_list_clear(&paper->version_diags);
    msp_versions_summary_free(paper->versions);
    g_free(paper);
}

const char *msp_paper_status_name(msp_paper_status status)
{
    switch (status) {
    case MSP_PAPER_PENDING: return "pending";
    case MSP_PAPER_BUILT: return "built";
    case MSP_PAPER_UP_TO_DATE: return "up-to-date";
    case MSP_PAPER_FAILED: return "failed";
    case MSP_PAPER_CANCELLED: return "cancelled";
    }
    return "unknown";
}

char *msp_paper_thumb_name(const msp_paper *paper)
{
    const char *name = paper->output_name ? paper->output_name : "paper.pdf";
    size_t n = strlen(name);
    if (n > 4 && g_str_has_suffix(name, ".pdf"))
        n -= 4;
    return g_strdup_printf("%.*s.png", (int)n, name);
}
