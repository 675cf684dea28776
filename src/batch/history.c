/* The last good build of each source, for the report: a failed build never
 * replaces or removes the PDF an earlier run made (the PDF is written to a
 * temporary and renamed only when complete), and its stamp is removed, so
 * OUTDIR/.mspdoc-state/last-good (GKeyFile, written atomically at the end
 * of each run) keeps, per source (its path made absolute), the PDF it last
 * built, that PDF's SHA-256 and the date it was built. A failed paper's
 * report then links that PDF with its date, even when the source no longer
 * parses (its symbol, hence its output name, unknown). */
#include "base/digest.h"
#include "batch/batch_private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define HISTORY_FILE "last-good"

/* The modification time of OUTDIR/name (unix s), or -1 when it is not a regular file. */
static gint64 file_mtime(const char *outdir, const char *name)
{
    char *path = g_build_filename(outdir, name, NULL);
    GStatBuf sb;
    gint64 t = g_stat(path, &sb) == 0 && S_ISREG(sb.st_mode) ? (gint64)sb.st_mtime : -1;
    g_free(path);
    return t;
}

/* The date recorded in group, or -1. */
static gint64 recorded_date(GKeyFile *kf, const char *group)
{
    GError *err = NULL;
    gint64 d = g_key_file_get_int64(kf, group, "date", &err);
    if (err) {
        g_error_free(err);
        return -1;
    }
    return d >= 0 ? d : -1;
}

/* Never later than SOURCE_DATE_EPOCH (the reproducible-builds rule). */
static gint64 clamp(gint64 date, gint64 epoch)
{
    return epoch >= 0 && date > epoch ? epoch : date;
}

/* The group of a source: its path made absolute, percent-encoded but for
 * '/' (a group name may hold no '[', ']' or control character). */
static char *group_of(const msp_paper *p)
{
    char *abs = g_canonicalize_filename(p->source, NULL);
    char *group = g_uri_escape_string(abs, "/", FALSE);
    g_free(abs);
    return group;
}

/* True when some group other than mine records output. */
static bool claimed_by_other(GKeyFile *kf, const char *mine, const char *output)
{
    gsize n = 0;
    char **groups = g_key_file_get_groups(kf, &n);
    bool found = false;
    for (gsize i = 0; i < n && !found; i++) {
        if (strcmp(groups[i], mine) == 0)
            continue;
        char *o = g_key_file_get_string(kf, groups[i], "output", NULL);
        found = o && strcmp(o, output) == 0;
        g_free(o);
    }
    g_strfreev(groups);
    return found;
}

/* A failed paper: the PDF its source last built, if still in OUTDIR. With
 * no record (a folder from an older mspdoc), the PDF at its output name
 * unless another source's record names it. */
static void find_last_good(GKeyFile *kf, const char *outdir, msp_paper *p, gint64 epoch)
{
    char *group = group_of(p);
    char *output = g_key_file_get_string(kf, group, "output", NULL);
    if (!output && p->output_name && !claimed_by_other(kf, group, p->output_name))
        output = g_strdup(p->output_name);
    gint64 mtime = output && !strchr(output, G_DIR_SEPARATOR) ? file_mtime(outdir, output) : -1;
    if (mtime >= 0) {
        char *sum = g_key_file_get_string(kf, group, "pdf_sha256", NULL);
        char *path = g_build_filename(outdir, output, NULL);
        char *now = sum ? msp_sha256_file(path) : NULL;
        /* the recorded date only for the recorded bytes: a PDF replaced since is dated by its file */
        gint64 date = now && strcmp(now, sum) == 0 ? recorded_date(kf, group) : -1;
        if (date < 0)
            date = mtime;
        g_free(p->last_good);
        p->last_good = output;
        output = NULL;
        p->last_good_date = clamp(date, epoch);
        g_free(now);
        g_free(path);
        g_free(sum);
    }
    g_free(output);
    g_free(group);
}

/* A built or up-to-date paper: its date, and the record updated. */
static void record_pdf(GKeyFile *kf, const char *outdir, msp_paper *p, gint64 epoch)
{
    char *group = group_of(p);
    gint64 mtime = file_mtime(outdir, p->output_name);
    gint64 date = -1;
    if (p->status == MSP_PAPER_UP_TO_DATE) {
        char *sum = g_key_file_get_string(kf, group, "pdf_sha256", NULL);
        char *output = g_key_file_get_string(kf, group, "output", NULL);
        if (sum && output && p->pdf_sha256 && strcmp(sum, p->pdf_sha256) == 0 && strcmp(output, p->output_name) == 0)
            date = recorded_date(kf, group);
        g_free(sum);
        g_free(output);
    }
    if (date < 0)
        date = mtime >= 0 ? mtime : g_get_real_time() / G_USEC_PER_SEC;
    p->pdf_date = clamp(date, epoch);
    g_key_file_remove_group(kf, group, NULL);
    g_key_file_set_string(kf, group, "output", p->output_name);
    if (p->pdf_sha256)
        g_key_file_set_string(kf, group, "pdf_sha256", p->pdf_sha256);
    g_key_file_set_int64(kf, group, "date", p->pdf_date);
    g_free(group);
}

/* Forgets the PDFs no longer in OUTDIR. */
static void forget_gone(GKeyFile *kf, const char *outdir)
{
    gsize n = 0;
    char **groups = g_key_file_get_groups(kf, &n);
    for (gsize i = 0; i < n; i++) {
        char *o = g_key_file_get_string(kf, groups[i], "output", NULL);
        if (!o || strchr(o, G_DIR_SEPARATOR) || file_mtime(outdir, o) < 0)
            g_key_file_remove_group(kf, groups[i], NULL);
        g_free(o);
    }
    g_strfreev(groups);
}

void msp_history_update(msp_diag_list *diags, const char *outdir, GPtrArray *papers)
{
    char *path = g_build_filename(outdir, MSP_BATCH_STATE_DIR, HISTORY_FILE, NULL);
    GKeyFile *kf = g_key_file_new();
    char *old = NULL;
    gsize old_len = 0;
    if (g_file_get_contents(path, &old, &old_len, NULL))
        g_key_file_load_from_data(kf, old, old_len, G_KEY_FILE_NONE, NULL); /* unreadable: start again */
    gint64 epoch = msp_report_source_date_epoch();
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if (p->status == MSP_PAPER_FAILED)
            find_last_good(kf, outdir, p, epoch);
    }
    for (guint i = 0; i < papers->len; i++) {
        msp_paper *p = papers->pdata[i];
        if ((p->status == MSP_PAPER_BUILT || p->status == MSP_PAPER_UP_TO_DATE) && p->output_name)
            record_pdf(kf, outdir, p, epoch);
    }
    forget_gone(kf, outdir);
    gsize len = 0;
    char *data = g_key_file_to_data(kf, &len, NULL);
    GError *err = NULL;
    if ((!old || len != old_len || memcmp(data, old, len) != 0) && !g_file_set_contents(path, data, (gssize)len, &err)) {
        msp_diag_warn(diags, ((msp_loc){ path, 0, 0 }), "check that the output folder is writable",
                      "cannot keep the record of the last good builds: %s", err->message);
        g_error_free(err);
    }
    g_free(data);
    g_free(old);
    g_key_file_free(kf);
    g_free(path);
}
