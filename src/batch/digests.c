/* A cache of file digests by identity (device, inode, size, change and
 * modification times), kept in OUTDIR/.mspdoc-state/digests and in the
 * user's cache folder ($XDG_CACHE_HOME/mspdoc/digests, beside fontconfig's
 * cache of mspdoc's fonts: a new output folder does not hash the 100 MB of
 * fonts again; it is only a cache, the run works the same without it): the inputs
 * every paper depends on (the program, the font and dictionary files) are
 * hashed once (XXH3-128: base/digest.h), not on every run. Content hashes stay the truth: an entry is
 * used only when the file's identity is unchanged, and an entry is recorded
 * only for a file last changed well before it was hashed (a later change
 * within the same timestamp tick could not be seen: git's "racy clean"
 * rule). */
#include "base/digest.h"
#include "batch/batch_private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIGESTS_FILE "digests"
#define RACY_NS 2000000000LL     /* a file changed within 2 s of its hashing is not recorded */

struct msp_digest_cache {
    GMutex lock;
    char *path;                 /* OUTDIR/.mspdoc-state/digests */
    char *user_path;            /* the user's cache file, or NULL (no cache folder) */
    GHashTable *entries;        /* "dev:ino" -> "size mtime ctime sha256" (both owned): OUTDIR's
                                 * and those hashed in this run */
    GHashTable *user;           /* the same from the user's file (looked up after entries) */
    bool dirty;
};

static long long ns_of(const struct timespec *t)
{
    return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static char *identity_key(const struct stat *sb)
{
    return g_strdup_printf("%llu:%llu", (unsigned long long)sb->st_dev, (unsigned long long)sb->st_ino);
}

static char *identity_value(const struct stat *sb)
{
    return g_strdup_printf("%lld %lld %lld", (long long)sb->st_size, ns_of(&sb->st_mtim), ns_of(&sb->st_ctim));
}

#define USER_MAX_ENTRIES 1024   /* the user's file keeps at most this many (old programs drop out) */

/* Adds the entries of a digests file to table (those it has already win),
 * never reading through a link (the batch refuses to run on a planted one). */
static void load_entries(GHashTable *table, const char *path)
{
    char *dir = g_path_get_dirname(path);
    GStatBuf ds, fs;
    bool plain = g_lstat(dir, &ds) == 0 && S_ISDIR(ds.st_mode) && g_lstat(path, &fs) == 0 && S_ISREG(fs.st_mode);
    g_free(dir);
    GKeyFile *kf = g_key_file_new();
    if (plain && g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, NULL)) {
        gsize n = 0;
        char **keys = g_key_file_get_keys(kf, "digests", &n, NULL);
        for (gsize i = 0; keys && i < n; i++) {
            if (g_hash_table_contains(table, keys[i]))
                continue;
            char *v = g_key_file_get_string(kf, "digests", keys[i], NULL);
            if (v)
                g_hash_table_insert(table, g_strdup(keys[i]), v);
        }
        g_strfreev(keys);
    }
    g_key_file_free(kf);
}

/* Writes first's entries, then (up to max in all; 0: no limit) those of
 * second that first lacks, to path (atomically). second may be NULL. */
static void save_entries(GHashTable *first, GHashTable *second, const char *path, guint max)
{
    GKeyFile *kf = g_key_file_new();
    GHashTable *tables[] = { first, second };
    guint n = 0;
    for (int t = 0; t < 2; t++) {
        GHashTableIter it;
        gpointer k, v;
        if (!tables[t])
            continue;
        g_hash_table_iter_init(&it, tables[t]);
        while (g_hash_table_iter_next(&it, &k, &v) && (max == 0 || n < max)) {
            if (t == 1 && g_hash_table_contains(first, k))
                continue;
            g_key_file_set_string(kf, "digests", k, v);
            n++;
        }
    }
    gsize len = 0;
    char *data = g_key_file_to_data(kf, &len, NULL);
    char *dir = g_path_get_dirname(path);
    if (g_mkdir_with_parents(dir, 0777) == 0)
        g_file_set_contents(path, data, (gssize)len, NULL);
    g_free(dir);
    g_free(data);
    g_key_file_free(kf);
}

msp_digest_cache *msp_digest_cache_open(const char *outdir)
{
    msp_digest_cache *c = g_new0(msp_digest_cache, 1);
    g_mutex_init(&c->lock);
    c->path = g_build_filename(outdir, MSP_BATCH_STATE_DIR, DIGESTS_FILE, NULL);
    const char *user = g_get_user_cache_dir();
    c->user_path = user && *user ? g_build_filename(user, "mspdoc", DIGESTS_FILE, NULL) : NULL;
    c->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    load_entries(c->entries, c->path);
    c->user = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    if (c->user_path)
        load_entries(c->user, c->user_path);
    return c;
}

/* "size mtime ctime" prefix of an entry equals the file's identity */
static const char *cached_digest(const char *entry, const char *ident)
{
    size_t n = strlen(ident);
    if (strncmp(entry, ident, n) != 0 || entry[n] != ' ' || strlen(entry + n + 1) != 32)
        return NULL;
    return entry + n + 1;
}

char *msp_digest_cache_file(msp_digest_cache *c, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    if (!S_ISREG(sb.st_mode)) {
        close(fd);
        errno = EINVAL;
        return NULL;
    }
    char *key = identity_key(&sb), *ident = identity_value(&sb);
    char *hex = NULL;
    if (c) {
        g_mutex_lock(&c->lock);
        const char *entry = g_hash_table_lookup(c->entries, key);
        const char *d = entry ? cached_digest(entry, ident) : NULL;
        if (!d && (entry = g_hash_table_lookup(c->user, key)))
            d = cached_digest(entry, ident);
        hex = d ? g_strdup(d) : NULL;
        g_mutex_unlock(&c->lock);
    }
    if (!hex) {
        long long hashed_at = g_get_real_time() * 1000LL;
        hex = msp_quick_digest_fd(fd);
        if (hex && c && ns_of(&sb.st_mtim) < hashed_at - RACY_NS && ns_of(&sb.st_ctim) < hashed_at - RACY_NS) {
            g_mutex_lock(&c->lock);
            g_hash_table_replace(c->entries, key, g_strdup_printf("%s %s", ident, hex));
            key = NULL;
            c->dirty = true;
            g_mutex_unlock(&c->lock);
        }
    }
    int e = errno;
    close(fd);
    g_free(key);
    g_free(ident);
    if (!hex)
        errno = e ? e : EIO;
    return hex;
}

void msp_digest_cache_save(msp_digest_cache *c)
{
    if (!c)
        return;
    g_mutex_lock(&c->lock);
    if (c->dirty) {
        /* a cache: when a folder cannot be written the next run hashes again */
        save_entries(c->entries, NULL, c->path, 0);
        if (c->user_path) {
            /* the user's file serves every output folder: this run's entries
             * first, then what others put there */
            GHashTable *others = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
            load_entries(others, c->user_path);
            save_entries(c->entries, others, c->user_path, USER_MAX_ENTRIES);
            g_hash_table_destroy(others);
        }
        c->dirty = false;
    }
    g_mutex_unlock(&c->lock);
}

void msp_digest_cache_free(msp_digest_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->entries);
    g_hash_table_destroy(c->user);
    g_free(c->path);
    g_free(c->user_path);
    g_mutex_clear(&c->lock);
    g_free(c);
}
