/* `mspdoc corrigendum ISSUED.xml CORRECTED.xml [ISSUED2.xml CORRECTED2.xml
 * ...] [-o OUT] [--number N] [--force]`: drafts the corrigendum source of
 * each language version that changed (src/edit/corrigendum.c), after the
 * diff of each pair; several pairs are the versions of one symbol, checked
 * to be corrected at the same places. Exit: 0 drafted, 1 nothing drafted
 * (no changes, or beyond the threshold without --force), 2 trouble. */
#include "cli/cmd.h"
#include "edit/edit.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* Where pair i's corrigendum goes: "-" (standard output), out, or
 * DIR/<issued stem>-corrN.xml. Owned. */
/* With several pairs: OUTDIR (or the issued source's folder)/<issued stem>-rev<N>.xml. */
static char *revision_output(const char *out, const char *issued, const char *symbol)
{
    const char *n = strrchr(symbol, '.');
    char *base = g_path_get_basename(issued);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    char *dir = out ? g_strdup(out) : g_path_get_dirname(issued);
    char *name = g_strdup_printf("%s-rev%s.xml", base, n ? n + 1 : "1");
    char *path = g_build_filename(dir, name, NULL);
    g_free(base);
    g_free(dir);
    g_free(name);
    return path;
}

static char *output_for(const char *out, bool several, const char *issued, int number)
{
    if (!several)
        return g_strdup(out ? out : "-");
    char *base = g_path_get_basename(issued);
    char *dot = strrchr(base, '.');
    if (dot && dot != base)
        *dot = '\0';
    char *dir = out ? g_strdup(out) : g_path_get_dirname(issued);
    char *name = g_strdup_printf("%s-corr%d.xml", base, number);
    char *path = g_build_filename(dir, name, NULL);
    g_free(base);
    g_free(dir);
    g_free(name);
    return path;
}

static bool write_text(const char *path, const char *text)
{
    if (!strcmp(path, "-"))
        return fputs(text, stdout) >= 0 && fflush(stdout) == 0;
    GError *err = NULL;
    if (!g_file_set_contents(path, text, -1, &err)) {
        fprintf(stderr, "%s: error: cannot write the corrigendum: %s\n"
                        "  hint: check that the folder exists and is writable\n", path, err->message);
        g_error_free(err);
        return false;
    }
    return true;
}

int msp_cmd_corrigendum(int argc, char **argv)
{
    char *out = NULL, *number_text = NULL;
    gboolean force = FALSE, revision = FALSE;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
          "Write the corrigendum to FILE (\"-\": standard output, the default); with several pairs, a folder", "FILE" },
        { "number", 'n', 0, G_OPTION_ARG_STRING, &number_text,
          "The N of /Corr.N (default: one more than the highest beside ISSUED.xml)", "N" },
        { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Draft it even when the changes are beyond the threshold", NULL },
        { "revision", 'r', 0, G_OPTION_ARG_NONE, &revision,
          "Draft the revision (SYMBOL/Rev.N: the corrected paper whole, dated today) instead", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("ISSUED.xml CORRECTED.xml [ISSUED2.xml CORRECTED2.xml ...]");
    g_option_context_set_summary(oc, "Drafts the source of the corrigendum (SYMBOL/Corr.N) that corrects ISSUED.xml\n"
                                     "into CORRECTED.xml: the issued masthead, today's date (SOURCE_DATE_EPOCH when\n"
                                     "set) and one numbered entry per change, worded in the paper's language. Give\n"
                                     "one pair per language version of the symbol to draft one corrigendum each\n"
                                     "(written beside each ISSUED, or into the -o folder, as STEM-corrN.xml).\n"
                                     "Beyond 10 changes, or a third of the paragraphs changed, a revision is the\n"
                                     "better paper: nothing is drafted unless --force.");
    g_option_context_add_main_entries(oc, entries, NULL);
    int rc = MSP_EXIT_USAGE;
    double number = 0;
    if (!msp_cli_parse(oc, "corrigendum", &argc, &argv, 2, -1, "expected ISSUED.xml CORRECTED.xml (pairs)")
        || !msp_cli_number("corrigendum", "--number", number_text, 1, 999, true, &number))
        goto done;
    if ((argc - 1) % 2 != 0) {
        fprintf(stderr, "mspdoc corrigendum: expected pairs of ISSUED.xml CORRECTED.xml, got %d files\n"
                        "Try 'mspdoc corrigendum --help'.\n", argc - 1);
        goto done;
    }
    guint pairs = (guint)(argc - 1) / 2;
    const char *outs[] = { out };
    if (pairs == 1 && !msp_cli_outputs("corrigendum", NULL, outs, 1))
        goto done;
    if (pairs > 1 && out && strcmp(out, "-") && !g_file_test(out, G_FILE_TEST_IS_DIR)) {
        fprintf(stderr, "%s: error: with several pairs -o names a folder, and this is not one\n"
                        "  hint: create the folder, or leave -o out to write each corrigendum beside its issued paper\n",
                out);
        goto done;
    }
    if (pairs > 1 && out && !strcmp(out, "-")) {
        fprintf(stderr, "mspdoc corrigendum: with several pairs the corrigenda are files: -o names a folder\n"
                        "Try 'mspdoc corrigendum --help'.\n");
        goto done;
    }

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_build_ctx *ctx = NULL;
    if (msp_build_ctx_load(&diags, &ctx, msp_cli_root(), true) != MSP_OK) {
        msp_diag_list_print(stderr, &diags);
        msp_diag_list_clear(&diags);
        goto done;
    }
    msp_build_worker w;
    msp_build_worker_init(&w, ctx);
    msp_job job;
    msp_job_init(&job);
    msp_diff **d = g_new0(msp_diff *, pairs);
    bool trouble = false;
    for (guint i = 0; i < pairs; i++)
        trouble |= msp_diff_run(&job, ctx, &w, argv[1 + 2 * i], argv[2 + 2 * i], &d[i]) != MSP_OK;
    /* several pairs: the versions of one symbol */
    for (guint i = 1; i < pairs && !trouble; i++) {
        const char *s0 = msp_diff_symbol(d[0]), *si = msp_diff_symbol(d[i]);
        if (g_strcmp0(s0, si) != 0) {
            msp_loc loc = { msp_diag_list_intern(&job.diags, argv[1 + 2 * i]), 0, 0 };
            msp_diag_error(&job.diags, MSP_E_USAGE, loc, "give the pairs of the language versions of one symbol",
                           "symbol %s here, %s in %s: not a version of the same paper", si ? si : "(none)",
                           s0 ? s0 : "(none)", argv[1]);
            trouble = true;
        }
    }
    if (!trouble && pairs > 1)
        msp_corrigendum_compare_versions(&job.diags, d, pairs);
    int drafted = 0;
    if (!trouble) {
        int n = (int)number;
        if (n == 0)
            for (guint i = 0; i < pairs; i++) {
                char *dir = g_path_get_dirname(argv[1 + 2 * i]);
                n = MAX(n, msp_corrigendum_next_number(dir, msp_diff_symbol(d[i])));
                g_free(dir);
            }
        bool held = false;
        for (guint i = 0; i < pairs && !trouble; i++) {
            char *why = NULL;
            if (msp_diff_n_changes(d[i]) == 0) {
                if (!msp_cli_quiet())
                    fprintf(stderr, "%s: no changes: no corrigendum drafted for this version\n", argv[2 + 2 * i]);
                continue;
            }
            if (revision) {
                char *text = NULL, *symbol = NULL;
                if (msp_revision_draft(&job, d[i], (int)number, &text, &symbol) != MSP_OK) {
                    trouble = true;
                    break;
                }
                char *path = pairs > 1 ? revision_output(out, argv[1 + 2 * i], symbol) : g_strdup(out ? out : "-");
                if (write_text(path, text)) {
                    drafted++;
                    if (strcmp(path, "-") && !msp_cli_quiet())
                        printf("%s: %s, the corrected paper whole (%u change%s)\n", path, symbol,
                               msp_diff_n_changes(d[i]), msp_diff_n_changes(d[i]) == 1 ? "" : "s");
                } else {
                    trouble = true;
                }
                g_free(path);
                g_free(text);
                g_free(symbol);
                continue;
            }
            if (msp_corrigendum_too_large(d[i], &why) && !force) {
                fprintf(stderr, "%s: %s: a revision (Rev.N) would serve the readers better than a corrigendum\n"
                                "  hint: draft the revision with --revision, or the corrigendum anyway with --force\n",
                        argv[2 + 2 * i], why);
                g_free(why);
                held = true;
                continue;
            }
            g_free(why);
            msp_corrigendum_opts opts = { n, -1 };
            char *text = NULL;
            if (msp_corrigendum_draft(&job, ctx->ref, d[i], &opts, &text) != MSP_OK) {
                trouble = true;
                break;
            }
            char *path = output_for(out, pairs > 1, argv[1 + 2 * i], n);
            if (write_text(path, text)) {
                drafted++;
                if (strcmp(path, "-") && !msp_cli_quiet())
                    printf("%s: %s/Corr.%d, %u entr%s\n", path, msp_diff_symbol(d[i]), n, msp_diff_n_changes(d[i]),
                           msp_diff_n_changes(d[i]) == 1 ? "y" : "ies");
            } else {
                trouble = true;
            }
            g_free(path);
            g_free(text);
        }
        rc = trouble ? MSP_EXIT_USAGE : drafted > 0 && !held ? MSP_EXIT_OK : MSP_EXIT_FAILED;
    }
    msp_diag_list_print(stderr, &job.diags);
    for (guint i = 0; i < pairs; i++)
        msp_diff_free(d[i]);
    g_free(d);
    msp_job_clear(&job);
    msp_build_worker_clear(&w);
    msp_build_ctx_free(ctx);
    msp_diag_list_clear(&diags);
done:
    g_free(out);
    g_free(number_text);
    g_option_context_free(oc);
    return rc;
}
