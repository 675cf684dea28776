/* Unit tests for base/digest.c: SHA-256 hex as sha256sum prints it (FIPS
 * 180-2 test vectors), for an empty file and a file larger than one block,
 * and NULL with errno for a file that cannot be opened. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <glib.h>
#include <string.h>

#include "base/digest.h"

static char *digest_of(const char *bytes, size_t len)
{
    char *path = g_build_filename(MSP_TEST_TMP, "digest.bin", NULL);
    assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    char *hex = msp_sha256_file(path);
    g_free(path);
    return hex;
}

static void test_digest__known_vectors(void **state)
{
    (void)state;
    char *h = digest_of("abc", 3);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    g_free(h);
    h = digest_of("", 0);
    assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    g_free(h);
    /* one million 'a' (FIPS 180-2): more than one read block */
    char *million = g_strnfill(1000000, 'a');
    h = digest_of(million, 1000000);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    g_free(h);
    g_free(million);
}

static void test_digest__missing_file(void **state)
{
    (void)state;
    errno = 0;
    assert_null(msp_sha256_file("/nonexistent/mspdoc/digest"));
    assert_int_equal(errno, ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_digest__known_vectors),
        cmocka_unit_test(test_digest__missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
