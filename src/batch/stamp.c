/* Incremental builds by content, never by timestamps: SHA-256 of sources,
 * folder trees and PDFs, a paper's build key, and one stamp file per output
 * (OUTDIR/.mspdoc-state/<name>.stamp, GKeyFile, written atomically) that
 * records the key and what the build learned. Leftover temporaries too. */
#include "batch/batch_private.h"
#include "base/digest.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void list_tree(GPtrArray *out, const char *root, const char *rel, int depth)
{
    if (depth > 64)
        return;
    char *dir = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            char *r = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
            char *full = g_build_filename(root, r, NULL);
            if (g_file_test(full, G_FILE_TEST_IS_DIR))
                list_tree(out, root, r, depth + 1);
            if (g_file_test(full, G_FILE_TEST_IS_REGULAR))
                g_ptr_array_add(out, g_strdup(r));
            g_free(full);
            g_free(r);
        }
        g_dir_close(d);
    }
    g_free(dir);
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int msp_stamp_compare_paths(const void *a, const void *b)
{
    return compare_str(a, b);
}

static bool skipped(const char *rel, const char *const *skip)
{
    for (; skip && *skip; skip++) {
        size_t n = strlen(*skip);
        if (!strncmp(rel, *skip, n) && (rel[n] == '\0' || rel[n] == G_DIR_SEPARATOR))
            return true;
    }
    return false;
}

char *msp_stamp_tree_digest(const char *dir, const char *const *skip)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    list_tree(files, dir, NULL, 0);
    g_ptr_array_sort(files, compare_str);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (guint i = 0; i < files->len; i++) {
        const char *rel = files->pdata[i];
        if (skipped(rel, skip))
            continue;
        char *full = g_build_filename(dir, rel, NULL);
        char *h = msp_sha256_file(full);
        g_checksum_update(sum, (const guchar *)rel, (gssize)strlen(rel) + 1);
        g_checksum_update(sum, (const guchar *)(h ? h : "unreadable"), -1);
        g_free(h);
        g_free(full);
    }
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    g_ptr_array_free(files, TRUE);
    return hex;
}

char *msp_stamp_key(const char *source_sha256, const char *deps_digest, bool draft,
                    const char *source_date_epoch)
{
    char *text = g_strdup_printf("mspdoc-stamp 1\nsource %s\ndeps %s\ndraft %d\nepoch %s\n",
                                 source_sha256 ? source_sha256 : "-", deps_digest ? deps_digest : "-",
                                 draft ? 1 : 0, source_date_epoch ? source_date_epoch : "-");
    char *hex = g_compute_checksum_for_string(G_CHECKSUM_SHA256, text, -1);
    g_free(text);
    return hex;
}

static char *stamp_path(const char *outdir, const msp_paper *paper)
{
    char *name = g_strconcat(paper->output_name, ".stamp", NULL);
    char *path = g_build_filename(outdir, MSP_BATCH_STATE_DIR, name, NULL);
    g_free(name);
    return path;
}

static void load_warnings(GKeyFile *kf, msp_paper *paper)
{
    gsize n = 0;
    char **groups = g_key_file_get_groups(kf, &n);
    for (gsize i = 0; i < n; i++) {
        if (!g_str_has_prefix(groups[i], "warning "))
            continue;
        char *file = g_key_file_get_string(kf, groups[i], "file", NULL);
        char *msg = g_key_file_get_string(kf, groups[i], "message", NULL);
        char *hint = g_key_file_get_string(kf, groups[i], "hint", NULL);
        msp_loc loc = { file && *file ? file : NULL,
                        g_key_file_get_integer(kf, groups[i], "line", NULL),
                        g_key_file_get_integer(kf, groups[i], "column", NULL) };
        msp_diag_warn(&paper->diags, loc, hint && *hint ? hint : NULL, "%s", msg ? msg : "");
        g_free(file);
        g_free(msg);
        g_free(hint);
    }
    g_strfreev(groups);
}

char *msp_stamp_file_identity(const char *path)
{
    GStatBuf sb;
    if (g_stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return NULL;
    return g_strdup_printf("%lld %lld.%09ld %lld.%09ld %llu", (long long)sb.st_size, (long long)sb.st_mtim.tv_sec,
                           (long)sb.st_mtim.tv_nsec, (long long)sb.st_ctim.tv_sec, (long)sb.st_ctim.tv_nsec,
                           (unsigned long long)sb.st_ino);
}

bool msp_stamp_is_current(const char *outdir, msp_paper *paper)
{
    if (!paper->key || !paper->output_name)
        return false;
    char *path = stamp_path(outdir, paper);
    GKeyFile *kf = g_key_file_new();
    bool ok = g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, NULL);
    g_free(path);
    char *key = ok ? g_key_file_get_string(kf, "paper", "key", NULL) : NULL;
    char *pdf_sum = ok ? g_key_file_get_string(kf, "paper", "pdf_sha256", NULL) : NULL;
    ok = key && pdf_sum && !strcmp(key, paper->key);
    if (ok) {
        char *pdf = g_build_filename(outdir, paper->output_name, NULL);
        char *id = g_key_file_get_string(kf, "paper", "pdf_identity", NULL);
        char *id_now = msp_stamp_file_identity(pdf);
        if (!id || !id_now || strcmp(id, id_now) != 0) {
            char *now = msp_sha256_file(pdf);
            ok = now && !strcmp(now, pdf_sum);
            g_free(now);
        }
        g_free(id);
        g_free(id_now);
        g_free(pdf);
    }
    if (ok) {
        g_free(paper->pdf_sha256);
        paper->pdf_sha256 = pdf_sum;
        pdf_sum = NULL;
        g_free(paper->title);
        paper->title = g_key_file_get_string(kf, "paper", "title", NULL);
        g_free(paper->language);
        paper->language = g_key_file_get_string(kf, "paper", "language", NULL);
        paper->pages = g_key_file_get_integer(kf, "paper", "pages", NULL);
        paper->layout = (msp_layout_counts){ 0 };
        paper->layout.loose = g_key_file_get_integer(kf, "paper", "loose_lines", NULL);
        paper->layout.overfull = g_key_file_get_integer(kf, "paper", "overfull_lines", NULL);
        paper->layout.hyphenated = g_key_file_get_integer(kf, "paper", "hyphenated_lines", NULL);
        paper->seconds = g_key_file_get_double(kf, "paper", "seconds", NULL);
        if (g_key_file_get_boolean(kf, "paper", "thumbnail", NULL)) {
            char *thumb = msp_paper_thumb_name(paper);
            char *tp = g_build_filename(outdir, MSP_BATCH_THUMB_DIR, thumb, NULL);
            paper->has_thumb = g_file_test(tp, G_FILE_TEST_IS_REGULAR);
            g_free(tp);
            g_free(thumb);
        }
        load_warnings(kf, paper);
    }
    g_free(key);
    g_free(pdf_sum);
    g_key_file_free(kf);
    return ok;
}

static void set_opt(GKeyFile *kf, const char *key, const char *value)
{
    if (value)
        g_key_file_set_string(kf, "paper", key, value);
}

msp_status msp_stamp_write(const char *outdir, msp_paper *paper)
{
    char *dir = g_build_filename(outdir, MSP_BATCH_STATE_DIR, NULL);
    msp_status st = MSP_OK;
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        st = msp_diag_error(&paper->diags, MSP_E_OUTPUT, ((msp_loc){ dir, 0, 0 }),
                            "check that the output folder is writable",
                            "cannot create the state folder: %s", g_strerror(errno));
        g_free(dir);
        return st;
    }
    g_free(dir);
    GKeyFile *kf = g_key_file_new();
    set_opt(kf, "key", paper->key);
    set_opt(kf, "source", paper->source);
    set_opt(kf, "source_sha256", paper->source_sha256);
    set_opt(kf, "pdf_sha256", paper->pdf_sha256);
    set_opt(kf, "pdf_identity", paper->pdf_identity);
    set_opt(kf, "symbol", paper->symbol);
    set_opt(kf, "title", paper->title);
    set_opt(kf, "language", paper->language);
    g_key_file_set_integer(kf, "paper", "pages", paper->pages);
    g_key_file_set_integer(kf, "paper", "loose_lines", paper->layout.loose);
    g_key_file_set_integer(kf, "paper", "overfull_lines", paper->layout.overfull);
    g_key_file_set_integer(kf, "paper", "hyphenated_lines", paper->layout.hyphenated);
    g_key_file_set_double(kf, "paper", "seconds", paper->seconds);
    g_key_file_set_boolean(kf, "paper", "thumbnail", paper->has_thumb);
    int w = 0;
    for (guint i = 0; i < paper->diags.items->len; i++) {
        const msp_diag *d = paper->diags.items->pdata[i];
        if (d->severity != MSP_SEV_WARNING)
            continue;
        char group[32];
        g_snprintf(group, sizeof group, "warning %d", ++w);
        g_key_file_set_string(kf, group, "file", d->loc.file ? d->loc.file : "");
        g_key_file_set_integer(kf, group, "line", d->loc.line);
        g_key_file_set_integer(kf, group, "column", d->loc.column);
        g_key_file_set_string(kf, group, "message", d->message);
        if (d->hint)
            g_key_file_set_string(kf, group, "hint", d->hint);
    }
    char *path = stamp_path(outdir, paper);
    gsize len = 0;
    char *data = g_key_file_to_data(kf, &len, NULL);
    GError *err = NULL;
    /* g_file_set_contents writes a temporary sibling, fsyncs and renames. */
    if (!g_file_set_contents(path, data, (gssize)len, &err)) {
        st = msp_diag_error(&paper->diags, MSP_E_OUTPUT, ((msp_loc){ path, 0, 0 }),
                            "check that the output folder is writable", "cannot write the build state: %s",
                            err->message);
        g_error_free(err);
    }
    g_free(data);
    g_free(path);
    g_key_file_free(kf);
    return st;
}

void msp_stamp_remove(const char *outdir, const msp_paper *paper)
{
    if (!paper->output_name)
        return;
    char *path = stamp_path(outdir, paper);
    g_unlink(path);
    g_free(path);
}

/* Our temporaries: ".<name>.XXXXXX.tmp" (render's output files) and
 * "<name>.XXXXXX" (g_file_set_contents' ones: stamps and the index). */
static bool is_temporary(const char *name, bool state_dir)
{
    if (name[0] == '.' && g_str_has_suffix(name, ".tmp"))
        return true;
    if (state_dir || g_str_has_prefix(name, "index.")) {
        const char *dot = strrchr(name, '.');
        return dot && strlen(dot + 1) == 6 && !g_str_has_suffix(name, ".stamp");
    }
    return false;
}

bool msp_stamp_remove_dir(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d) {
        const char *name;
        while ((name = g_dir_read_name(d))) {
            char *p = g_build_filename(dir, name, NULL);
            g_unlink(p);
            g_free(p);
        }
        g_dir_close(d);
    }
    return g_rmdir(dir) == 0;
}

static int clean_dir(const char *dir, bool state_dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (!d)
        return 0;
    int n = 0;
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!is_temporary(name, state_dir))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_DIR) && !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
            n += msp_stamp_remove_dir(path) ? 1 : 0; /* a build's PNG work folder */
        } else if (g_file_test(path, G_FILE_TEST_IS_REGULAR) && g_unlink(path) == 0) {
            n++;
        }
        g_free(path);
    }
    g_dir_close(d);
    return n;
}

int msp_stamp_clean_temporaries(const char *outdir)
{
    int n = clean_dir(outdir, false);
    char *thumbs = g_build_filename(outdir, MSP_BATCH_THUMB_DIR, NULL);
    char *state = g_build_filename(outdir, MSP_BATCH_STATE_DIR, NULL);
    n += clean_dir(thumbs, false);
    n += clean_dir(state, true);
    g_free(thumbs);
    g_free(state);
    return n;
}
