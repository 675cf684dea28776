/* libFuzzer harness for paper sources: the bytes are loaded from memory
 * (safe parse, limits, positions), then validated against templates/paper.rng
 * and run through every domain check with the project's reference data
 * (both loaded once, from $MSP_ROOT or the source tree). */
#include "source/source.h"

#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static msp_refdata *ref;
static msp_source_schema *schema;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = g_getenv("MSP_ROOT");
    if (!root || !*root)
        root = MSP_SOURCE_ROOT;
    xmlInitParser();
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *data = g_build_filename(root, "data", NULL);
    char *rng = g_build_filename(root, "templates", "paper.rng", NULL);
    ref = msp_refdata_load(&diags, data);
    schema = msp_source_schema_load(&diags, rng);
    if (!ref || !schema) {
        msp_diag_list_print(stderr, &diags);
        fprintf(stderr, "fuzz_source: cannot load %s and %s\n", data, rng);
        exit(1);
    }
    g_free(data);
    g_free(rng);
    msp_diag_list_clear(&diags);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    msp_job job;
    msp_job_init(&job);
    job.limits.max_source_bytes = 1 << 20;
    msp_source *src = NULL;
    msp_status st = msp_source_load_memory(&job, &src, "fuzz.xml", (const char *)data, size);
    if (st == MSP_OK) {
        if (!src || !src->doc)
            abort();
        /* every element has a position */
        xmlNode *root = xmlDocGetRootElement(src->doc);
        if (root) {
            msp_loc loc = msp_source_loc(src, root);
            if (loc.line < 1 || loc.column < 1)
                abort();
        }
        if (msp_source_validate(&job, src, schema) == MSP_OK) {
            msp_source_info info = { 0 };
            msp_source_check(&job, src, ref, false, &info);
            msp_source_info_clear(&info);
            msp_source_info info2 = { 0 };
            msp_source_check(&job, src, ref, true, &info2);
            msp_source_info_clear(&info2);
        } else if (job.diags.errors == 0) {
            abort();   /* a failure must say why */
        }
        msp_source_free(src);
    } else if (src || job.diags.errors == 0) {
        abort();
    }
    /* every error has a message and, when a file is named, sane numbers */
    for (guint i = 0; i < job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(job.diags.items, i);
        if (!d->message || d->loc.line < 0 || d->loc.column < 0)
            abort();
    }
    msp_job_clear(&job);
    return 0;
}
