/* Hyphenation by dictionary: reads the declarations of
 * hyphen/dictionaries.conf (format in that file's header), loads each
 * declared libhyphen dictionary once per process after checking its
 * SHA-256, and finds a word's hyphenation points (lower-casing it, and
 * converting it to the dictionary's 8-bit character set where the patterns
 * are not UTF-8). Declarations and dictionaries are kept until the process
 * ends (reachable from the statics below, so leak checkers stay quiet);
 * nothing here chooses where a line breaks. */
#include "layout/hyphenate.h"

#include "base/digest.h"
#include "base/root.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONF_NAME "dictionaries.conf"
#define CONF_FORMAT "LANGUAGE [COUNTRY] PATH SHA256 PACKAGE"

/* The reasons that name nothing variable (the caller names the language). */
#define WHY_NO_LANGUAGE "the text has no language (XSL language property), so no hyphenation dictionary applies"
#define WHY_UNDECLARED                                                                              \
    "hyphen/dictionaries.conf declares no hyphenation dictionary for this language, so its words " \
    "are not hyphenated; declare one there (docs/hyphenation.md) to hyphenate them"

struct msp_hyph {
    char *path;            /* absolute, as declared */
    char *sha256;          /* declared, lower-case hex */
    char *package;         /* Debian package that installs path */
    const char *conf_path; /* the declaring file (its registry's) */
    gsize once;            /* g_once: load attempted */
    HyphenDict *dict;      /* NULL when unusable */
    char *cset;            /* NULL: UTF-8 patterns; else their 8-bit character set */
    char *why;             /* when unusable */
};

typedef struct declaration {
    char *language;        /* lower-case */
    char *country;         /* upper-case; NULL: the language's default */
    msp_hyph *hyph;        /* borrowed from the registry's dicts */
    int line;
} declaration;

/* One declarations file, read once. */
typedef struct registry {
    char *conf_path;
    char *why;             /* the file could not be read or parsed: no language hyphenates */
    GPtrArray *decls;      /* of declaration* */
    GPtrArray *dicts;      /* of msp_hyph*, one per distinct path */
} registry;

static GMutex registries_lock;
static GHashTable *registries;     /* conf path -> registry* (both kept for the process) */

/* --- the declarations file --- */

static bool is_alpha(unsigned char c) { return g_ascii_isalpha(c); }
static bool is_alnum(unsigned char c) { return g_ascii_isalnum(c); }
static bool is_hex(unsigned char c) { return g_ascii_isxdigit(c); }
/* Debian package names */
static bool is_package(unsigned char c)
{
    return g_ascii_islower(c) || g_ascii_isdigit(c) || (c && strchr("+-.", c));
}

/* s has min..max characters, each passing ok */
static bool all_chars(const char *s, bool (*ok)(unsigned char), size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!ok((unsigned char)s[i]))
            return false;
    return true;
}

static void declaration_free(gpointer p)
{
    declaration *d = p;
    g_free(d->language);
    g_free(d->country);
    g_free(d);
}

static void hyph_free(gpointer p)
{
    msp_hyph *h = p;
    if (h->dict)
        hnj_hyphen_free(h->dict);
    g_free(h->path);
    g_free(h->sha256);
    g_free(h->package);
    g_free(h->cset);
    g_free(h->why);
    g_free(h);
}

/* The dictionary declared for path (one per distinct path): the existing one
 * when its SHA-256 and package agree, else NULL with *err set. */
static msp_hyph *dict_for(registry *r, const char *path, const char *sha, const char *package, int line,
                          char **err)
{
    for (guint i = 0; i < r->dicts->len; i++) {
        msp_hyph *h = g_ptr_array_index(r->dicts, i);
        if (strcmp(h->path, path) != 0)
            continue;
        if (strcmp(h->sha256, sha) != 0 || strcmp(h->package, package) != 0) {
            *err = g_strdup_printf("%s:%d: %s is declared again with another SHA-256 or package", r->conf_path,
                                   line, path);
            return NULL;
        }
        return h;
    }
    msp_hyph *h = g_new0(msp_hyph, 1);
    h->path = g_strdup(path);
    h->sha256 = g_strdup(sha);
    h->package = g_strdup(package);
    h->conf_path = r->conf_path;
    g_ptr_array_add(r->dicts, h);
    return h;
}

/* One non-comment line, split into fields. NULL on success, else the owned
 * reason. */
static char *parse_declaration(registry *r, char **fields, int n, int line)
{
    if (n != 4 && n != 5)
        return g_strdup_printf("%s:%d: expected '" CONF_FORMAT "', found %d fields", r->conf_path, line, n);
    const char *language = fields[0];
    const char *country = n == 5 ? fields[1] : NULL;
    const char *path = fields[n - 3], *sha = fields[n - 2], *package = fields[n - 1];
    if (!all_chars(language, is_alpha, 2, 3))
        return g_strdup_printf("%s:%d: language '%s' is not an ISO 639 code of 2 or 3 letters", r->conf_path,
                               line, language);
    if (country && !all_chars(country, is_alnum, 2, 3))
        return g_strdup_printf("%s:%d: country '%s' is not an ISO 3166 code", r->conf_path, line, country);
    if (!g_path_is_absolute(path))
        return g_strdup_printf("%s:%d: '%s' is not an absolute path", r->conf_path, line, path);
    if (!all_chars(sha, is_hex, 64, 64))
        return g_strdup_printf("%s:%d: '%s' is not a SHA-256 (64 hex digits)", r->conf_path, line, sha);
    if (!all_chars(package, is_package, 1, 100))
        return g_strdup_printf("%s:%d: '%s' is not a Debian package name", r->conf_path, line, package);

    char *lang = g_ascii_strdown(language, -1);
    char *ctry = country ? g_ascii_strup(country, -1) : NULL;
    char *err = NULL;
    for (guint i = 0; i < r->decls->len && !err; i++) {
        const declaration *d = g_ptr_array_index(r->decls, i);
        if (strcmp(d->language, lang) == 0 && g_strcmp0(d->country, ctry) == 0)
            err = g_strdup_printf("%s:%d: %s%s%s is already declared at line %d", r->conf_path, line, lang,
                                  ctry ? " " : "", ctry ? ctry : "", d->line);
    }
    char *hex = g_ascii_strdown(sha, -1);
    msp_hyph *h = err ? NULL : dict_for(r, path, hex, package, line, &err);
    g_free(hex);
    if (!h) {
        g_free(lang);
        g_free(ctry);
        return err;
    }
    declaration *d = g_new0(declaration, 1);
    d->language = lang;
    d->country = ctry;
    d->hyph = h;
    d->line = line;
    g_ptr_array_add(r->decls, d);
    return NULL;
}

static void registry_read(registry *r)
{
    char *data = NULL;
    GError *gerr = NULL;
    if (!g_file_get_contents(r->conf_path, &data, NULL, &gerr)) {
        r->why = g_strdup_printf("cannot read the hyphenation declarations (%s), so no language is hyphenated; "
                                 "the project's hyphen/ folder holds " CONF_NAME
                                 ": reinstall mspdoc, or set MSP_ROOT (mspdoc --version says which folder is used)",
                                 gerr->message);
        g_error_free(gerr);
        return;
    }
    char **lines = g_strsplit(data, "\n", -1);
    g_free(data);
    char *err = NULL;
    for (int i = 0; lines[i] && !err; i++) {
        char *line = g_strstrip(lines[i]);
        if (*line == '\0' || *line == '#')
            continue;
        char **parts = g_strsplit_set(line, " \t", -1);
        char *fields[6];
        int n = 0;
        for (int k = 0; parts[k]; k++)
            if (*parts[k]) {
                if (n < (int)G_N_ELEMENTS(fields))
                    fields[n] = parts[k];
                n++;
            }
        err = parse_declaration(r, fields, n, i + 1);
        g_strfreev(parts);
    }
    g_strfreev(lines);
    if (err) {
        r->why = g_strdup_printf("%s (format in the file's header comments); no language is hyphenated until "
                                 "it is fixed",
                                 err);
        g_free(err);
        g_ptr_array_set_size(r->decls, 0);
        g_ptr_array_set_size(r->dicts, 0);
    }
}

/* The registry of conf_path, read on first use; kept for the process. */
static registry *registry_find(const char *conf_path)
{
    g_mutex_lock(&registries_lock);
    if (!registries)
        registries = g_hash_table_new(g_str_hash, g_str_equal);
    registry *r = g_hash_table_lookup(registries, conf_path);
    if (!r) {
        r = g_new0(registry, 1);
        r->conf_path = g_strdup(conf_path);
        r->decls = g_ptr_array_new_with_free_func(declaration_free);
        r->dicts = g_ptr_array_new_with_free_func(hyph_free);
        registry_read(r);
        g_hash_table_insert(registries, r->conf_path, r);
    }
    g_mutex_unlock(&registries_lock);
    return r;
}

/* --- loading one dictionary --- */

static void load_dict(msp_hyph *h)
{
    int fd = open(h->path, O_RDONLY | O_CLOEXEC);
    char *hex = fd >= 0 ? msp_sha256_fd(fd) : NULL;
    if (!hex) {
        h->why = g_strdup_printf("the hyphenation dictionary %s cannot be read (%s); install it: "
                                 "apt-get install %s",
                                 h->path, g_strerror(errno), h->package);
        if (fd >= 0)
            close(fd);
        return;
    }
    if (strcmp(hex, h->sha256) != 0) {
        h->why = g_strdup_printf("the hyphenation dictionary %s is not the one %s declares (SHA-256 %s, "
                                 "declared %s); install the declared version of %s, or declare this one "
                                 "there (lines may then break differently)",
                                 h->path, h->conf_path, hex, h->sha256, h->package);
        g_free(hex);
        close(fd);
        return;
    }
    g_free(hex);
    FILE *f = lseek(fd, 0, SEEK_SET) == 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        h->why = g_strdup_printf("the hyphenation dictionary %s cannot be read again (%s)", h->path,
                                 g_strerror(errno));
        close(fd);
        return;
    }
    /* the bytes just hashed: read through the same descriptor */
    HyphenDict *dict = hnj_hyphen_load_file(f);
    fclose(f);
    if (!dict) {
        h->why = g_strdup_printf("libhyphen cannot load the hyphenation dictionary %s; reinstall %s", h->path,
                                 h->package);
        return;
    }
    if (!dict->utf8) {
        GIConv cd = dict->cset[0] ? g_iconv_open(dict->cset, "UTF-8") : (GIConv)-1;
        if (cd == (GIConv)-1) {
            h->why = g_strdup_printf("the hyphenation dictionary %s is in the character set '%s', which "
                                     "iconv cannot convert to; declare a UTF-8 dictionary instead",
                                     h->path, dict->cset);
            hnj_hyphen_free(dict);
            return;
        }
        g_iconv_close(cd);
        h->cset = g_strdup(dict->cset);
    }
    h->dict = dict;
}

static const msp_hyph *usable(msp_hyph *h, const char **why)
{
    if (g_once_init_enter(&h->once)) {
        load_dict(h);
        g_once_init_leave(&h->once, 1);
    }
    if (!h->dict) {
        *why = h->why;
        return NULL;
    }
    return h;
}

/* --- public --- */

const char *msp_hyph_conf_path(void)
{
    static gsize once;
    static char *path;
    if (g_once_init_enter(&once)) {
        path = g_build_filename(msp_root(), "hyphen", CONF_NAME, NULL);
        g_once_init_leave(&once, 1);
    }
    return path;
}

/* The project's registry without taking the lock once it is known: layout
 * may ask for every paragraph. */
static registry *project_registry(void)
{
    static gsize once;
    static registry *project;
    if (g_once_init_enter(&once)) {
        project = registry_find(msp_hyph_conf_path());
        g_once_init_leave(&once, 1);
    }
    return project;
}

const msp_hyph *msp_hyph_get_from_conf(const char *conf_path, const char *language, const char *country,
                                       const char **why)
{
    const char *dummy;
    if (!why)
        why = &dummy;
    *why = NULL;
    registry *r = conf_path ? registry_find(conf_path) : project_registry();
    if (r->why) {
        *why = r->why;
        return NULL;
    }
    /* "en", "EN", " en-GB " (country then taken from the language) */
    char lang[16] = "", ctry[16] = "";
    if (language)
        g_strlcpy(lang, language, sizeof lang);
    if (country)
        g_strlcpy(ctry, country, sizeof ctry);
    g_strstrip(lang);
    g_strstrip(ctry);
    char *sep = strpbrk(lang, "-_");
    if (sep) {
        *sep = '\0';
        if (!ctry[0])
            g_strlcpy(ctry, sep + 1, sizeof ctry);
    }
    if (!lang[0]) {
        *why = WHY_NO_LANGUAGE;
        return NULL;
    }
    const declaration *exact = NULL, *fallback = NULL;
    for (guint i = 0; i < r->decls->len; i++) {
        const declaration *d = g_ptr_array_index(r->decls, i);
        if (g_ascii_strcasecmp(d->language, lang) != 0)
            continue;
        if (!d->country)
            fallback = d;
        else if (ctry[0] && g_ascii_strcasecmp(d->country, ctry) == 0)
            exact = d;
    }
    const declaration *d = exact ? exact : fallback;
    if (!d) {
        *why = WHY_UNDECLARED;
        return NULL;
    }
    return usable(d->hyph, why);
}

const msp_hyph *msp_hyph_get(const char *language, const char *country, const char **why)
{
    return msp_hyph_get_from_conf(NULL, language, country, why);
}

int msp_hyph_points(const msp_hyph *h, const char *word, int nbytes, int push, int remain, int *pos, int max)
{
    if (!h || !h->dict || !word || nbytes <= 0 || !pos || max <= 0 || !g_utf8_validate(word, nbytes, NULL))
        return 0;
    long nchars = g_utf8_strlen(word, nbytes);
    push = MAX(push, 1);
    remain = MAX(remain, 1);
    push = MAX(push, h->dict->lhmin);
    remain = MAX(remain, h->dict->rhmin);
    if (nchars > MSP_HYPH_MAX_WORD || nchars < push + remain)
        return 0;

    /* Lower-cased one character at a time: a character may lower-case to
     * more than one (U+0130 gives i + U+0307), so start[j] records where
     * character j of the word begins in the lower-cased text, in
     * characters; start[nchars] is the lower-cased length. */
    int start[MSP_HYPH_MAX_WORD + 1];
    GString *low = g_string_sized_new((gsize)nbytes + 8);
    int nlow = 0;
    const char *p = word;
    for (long j = 0; j < nchars; j++) {
        const char *next = g_utf8_next_char(p);
        start[j] = nlow;
        if ((unsigned char)*p < 0x80) {
            g_string_append_c(low, g_ascii_tolower(*p));
            nlow++;
        } else {
            char *l = g_utf8_strdown(p, next - p);
            g_string_append(low, l);
            nlow += (int)g_utf8_strlen(l, -1);
            g_free(l);
        }
        p = next;
    }
    start[nchars] = nlow;

    /* libhyphen wants the bytes of the dictionary's character set; in an
     * 8-bit set one byte is one character */
    char *conv = NULL;
    const char *bytes = low->str;
    gsize len = low->len;
    if (h->cset) {
        conv = g_convert(low->str, (gssize)low->len, h->cset, "UTF-8", NULL, &len, NULL);
        if (!conv || len != (gsize)nlow) {
            g_free(conv);
            g_string_free(low, TRUE);
            return 0;
        }
        bytes = conv;
    }

    /* hyphens[i] odd: a hyphen may follow character i of the lower-cased
     * word. For a UTF-8 dictionary libhyphen indexes it by bytes while
     * matching, then renumbers it (and rep/pos/cut) by characters
     * (hnj_hyphen_norm); in an 8-bit set bytes are characters. */
    char *hyphens = g_malloc0(len + 5);
    char **rep = NULL;
    int *rpos = NULL, *cut = NULL;
    hnj_hyphen_hyphenate3(h->dict, bytes, (int)len, hyphens, NULL, &rep, &rpos, &cut, push, remain, 0, 0);

    int n = 0;
    for (long k = push; k <= nchars - remain && n < max; k++) {
        int at = start[k];     /* the point before character k, in the lower-cased word */
        if (at < 1 || at >= nlow || !(hyphens[at - 1] & 1))
            continue;
        if (rep && rep[at - 1])
            continue;          /* non-standard: letters change at this break */
        pos[n++] = (int)k;
    }

    if (rep) {
        for (gsize i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(rpos);
    free(cut);
    g_free(hyphens);
    g_free(conv);
    g_string_free(low, TRUE);
    return n;
}

/* --- digest for build keys --- */

static char *plain_file_digest(void *user, const char *path)
{
    (void)user;
    return msp_sha256_file(path);
}

static void digest_file(GChecksum *sum, const char *path, msp_file_digest_fn file_digest, void *user)
{
    char *hex = file_digest(user, path);
    g_checksum_update(sum, (const guchar *)path, (gssize)strlen(path) + 1);
    g_checksum_update(sum, (const guchar *)(hex ? hex : "missing"), -1);
    g_checksum_update(sum, (const guchar *)"\n", 1);
    g_free(hex);
}

char *msp_hyph_digest_with(const char *conf_path, msp_file_digest_fn file_digest, void *user)
{
    if (!conf_path)
        conf_path = msp_hyph_conf_path();
    if (!file_digest)
        file_digest = plain_file_digest;
    registry *r = registry_find(conf_path);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    digest_file(sum, conf_path, file_digest, user);
    for (guint i = 0; i < r->dicts->len; i++)
        digest_file(sum, ((const msp_hyph *)g_ptr_array_index(r->dicts, i))->path, file_digest, user);
    char *out = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    return out;
}
