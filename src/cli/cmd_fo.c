/* `mspdoc fo SOURCE.xml [-o OUT.fo] [--draft]`: checks the source and
 * prints the XSL-FO the stylesheet makes from it (to stdout by default). */
#include "batch/job.h"
#include "cli/cmd.h"
#include "render/outfile.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlsave.h>
#include <stdio.h>

int msp_cmd_fo(int argc, char **argv)
{
    char *out_path = NULL;
    gboolean draft = FALSE;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Write the FO to FILE (default, or '-': standard output)",
          "FILE" },
        { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Pass draft='1' to the stylesheet", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("SOURCE.xml - print the XSL-FO made from a source ('-': standard input)");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc, "Exit status: 0 success, 1 the source failed, 2 usage error.");
    if (!msp_cli_parse(oc, "fo", &argc, &argv, 1, 1, "expected exactly one SOURCE.xml")) {
        g_option_context_free(oc);
        g_free(out_path);
        return MSP_EXIT_USAGE;
    }
    g_option_context_free(oc);

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_build_ctx *ctx = NULL;
    int rc = MSP_EXIT_FAILED;
    if (msp_build_ctx_load(&diags, &ctx, msp_cli_root(), false) != MSP_OK) {
        msp_diag_list_print(stderr, &diags);
        msp_diag_list_clear(&diags);
        g_free(out_path);
        return MSP_EXIT_FAILED;
    }
    msp_diag_list_clear(&diags);
    msp_job job;
    msp_job_init(&job);
    xmlDoc *fo = NULL;
    msp_status st = msp_build_fo(&job, ctx, argv[1], draft, &fo, NULL);
    if (st == MSP_OK) {
        /* a file, or "-" (the default): standard output, written only once whole */
        msp_outfile out = { 0 };
        if (msp_outfile_open(&job.diags, &out, out_path ? out_path : "-") == MSP_OK) {
            xmlChar *buf = NULL;
            int len = 0;
            xmlDocDumpFormatMemoryEnc(fo, &buf, &len, "UTF-8", 1);
            if (buf)
                msp_outfile_write(&out, buf, (unsigned int)len);
            xmlFree(buf);
            if (msp_outfile_commit(&job.diags, &out) == MSP_OK)
                rc = MSP_EXIT_OK;
        }
        xmlFreeDoc(fo);
    }
    msp_diag_list_print(stderr, &job.diags);
    msp_job_clear(&job);
    msp_build_ctx_free(ctx);
    g_free(out_path);
    return rc;
}
