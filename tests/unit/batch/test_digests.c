/* Unit tests for the digest cache: a file changed recently is hashed and not
 * recorded; an old file is recorded and then served from the cache while its
 * identity holds; any change of size or times makes it hashed again; a new
 * output folder is served from the user's cache folder. */
#include "batch/batch_private.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <utime.h>

/* XXH3-128 of "abc" and "abd", as xxh128sum prints them */
#define XXH_ABC "06b05ab6733a618578af5f94892f3950"
#define XXH_ABD "ec4af3fc0b1f44fe6b4467b443c76228"

static char *outdir, *file;

static int setup(void **state)
{
    (void)state;
    outdir = g_build_filename(MSP_TEST_TMP, "digests", NULL);
    char *sd = g_build_filename(outdir, MSP_BATCH_STATE_DIR, NULL);
    g_mkdir_with_parents(sd, 0755);
    g_free(sd);
    char *p = g_build_filename(outdir, MSP_BATCH_STATE_DIR, "digests", NULL);
    g_unlink(p);
    g_free(p);
    file = g_build_filename(outdir, "input.bin", NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    g_free(outdir);
    g_free(file);
    return 0;
}

/* writes text and sets its modification time age seconds back (the change time stays now) */
static void write_aged(const char *text, long age)
{
    assert_true(g_file_set_contents(file, text, -1, NULL));
    struct utimbuf t = { time(NULL) - age, time(NULL) - age };
    assert_int_equal(utime(file, &t), 0);
}

static char *cached(void)
{
    msp_digest_cache *c = msp_digest_cache_open(outdir);
    char *hex = msp_digest_cache_file(c, file);
    msp_digest_cache_save(c);
    msp_digest_cache_free(c);
    return hex;
}

/* the cache file's entry for our file, with its digest replaced: proves a
 * later answer came from the cache, not from the bytes */
static void forge_entry(void)
{
    char *p = g_build_filename(outdir, MSP_BATCH_STATE_DIR, "digests", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents(p, &text, NULL, NULL));
    char *at = strstr(text, XXH_ABC);
    assert_non_null(at);
    memset(at, 'f', 32);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(text);
    g_free(p);
}

static void recent_file_is_hashed_and_not_recorded(void **state)
{
    (void)state;
    write_aged("abc", 0);
    char *hex = cached();
    assert_string_equal(hex, XXH_ABC);
    g_free(hex);
    char *p = g_build_filename(outdir, MSP_BATCH_STATE_DIR, "digests", NULL);
    assert_false(g_file_test(p, G_FILE_TEST_EXISTS));
    g_free(p);
}

static void old_file_is_served_from_cache_until_it_changes(void **state)
{
    (void)state;
    write_aged("abc", 3600);
    /* the change time is now: not recorded yet; wait until it is 2 s old */
    g_usleep(2100 * 1000);
    char *hex = cached();
    assert_string_equal(hex, XXH_ABC);
    g_free(hex);
    forge_entry();
    hex = cached();
    assert_string_equal(hex, "ffffffffffffffffffffffffffffffff");
    g_free(hex);
    /* same size, other bytes, times changed: hashed again */
    write_aged("abd", 3600);
    hex = cached();
    assert_string_equal(hex, XXH_ABD);
    g_free(hex);
    /* no cache at all: always the bytes */
    hex = msp_digest_cache_file(NULL, file);
    assert_string_equal(hex, XXH_ABD);
    g_free(hex);
    assert_null(msp_digest_cache_file(NULL, outdir));
}

/* A new output folder is served by the user's cache folder (what another
 * output folder hashed): forged there, the answer shows it came from it. */
static void new_output_folder_uses_the_users_cache(void **state)
{
    (void)state;
    write_aged("abc", 3600);
    g_usleep(2100 * 1000);
    char *hex = cached();
    assert_string_equal(hex, XXH_ABC);
    g_free(hex);
    char *user = g_build_filename(g_get_user_cache_dir(), "mspdoc", "digests", NULL);
    char *text = NULL;
    assert_true(g_file_get_contents(user, &text, NULL, NULL));
    char *at = strstr(text, XXH_ABC);
    assert_non_null(at);
    memset(at, 'e', 32);
    assert_true(g_file_set_contents(user, text, -1, NULL));
    g_free(text);
    char *other = g_build_filename(MSP_TEST_TMP, "digests-other", NULL);
    msp_digest_cache *c = msp_digest_cache_open(other);
    hex = msp_digest_cache_file(c, file);
    assert_string_equal(hex, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");
    g_free(hex);
    msp_digest_cache_free(c);
    /* its own folder's entry comes first */
    hex = cached();
    assert_string_equal(hex, XXH_ABC);
    g_free(hex);
    g_free(other);
    g_free(user);
}

int main(void)
{
    /* the user's cache folder of this test only (GLib reads it once) */
    char *xdg = g_build_filename(MSP_TEST_TMP, "digests-xdg", NULL);
    g_setenv("XDG_CACHE_HOME", xdg, TRUE);
    char *old = g_build_filename(xdg, "mspdoc", "digests", NULL);
    g_unlink(old);
    g_free(old);
    g_free(xdg);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(recent_file_is_hashed_and_not_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(old_file_is_served_from_cache_until_it_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(new_output_folder_uses_the_users_cache, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
