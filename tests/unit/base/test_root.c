/* Unit tests for base/root.c: which resource folder is chosen ($MSP_ROOT,
 * the installed share/mspdoc next to the program, the source tree) and the
 * reason given for it, on made-up prefixes under the test folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdbool.h>
#include <string.h>

#include "base/root.h"

/* A prefix under MSP_TEST_TMP: PREFIX/bin/ and, when with_templates,
 * PREFIX/share/mspdoc/templates/ (otherwise PREFIX/share/mspdoc/ alone). */
static char *make_prefix(const char *name, bool with_templates)
{
    char *prefix = g_build_filename(MSP_TEST_TMP, "root", name, NULL);
    char *bin = g_build_filename(prefix, "bin", NULL);
    char *share = g_build_filename(prefix, "share", "mspdoc", with_templates ? "templates" : NULL, NULL);
    assert_int_equal(g_mkdir_with_parents(bin, 0755), 0);
    assert_int_equal(g_mkdir_with_parents(share, 0755), 0);
    g_free(bin);
    g_free(share);
    return prefix;
}

static void test_root__env_first(void **state)
{
    (void)state;
    char *prefix = make_prefix("env", true);
    char *exe = g_build_filename(prefix, "bin", "mspdoc", NULL);
    msp_root_choice c;
    /* set: chosen even when an installed folder is next to the program */
    msp_root_choose(&c, MSP_SOURCE_ROOT, exe, "../share/mspdoc", "/nonexistent-source");
    assert_string_equal(c.path, MSP_SOURCE_ROOT);
    assert_int_equal(c.origin, MSP_ROOT_FROM_ENV);
    assert_string_equal(c.reason, "set by MSP_ROOT");
    msp_root_choice_clear(&c);
    assert_null(c.path);
    /* a wrong folder is still the user's choice, and the reason says what is wrong */
    msp_root_choose(&c, "/nonexistent-root", exe, "../share/mspdoc", MSP_SOURCE_ROOT);
    assert_string_equal(c.path, "/nonexistent-root");
    assert_int_equal(c.origin, MSP_ROOT_FROM_ENV);
    assert_string_equal(c.reason, "set by MSP_ROOT; it has no templates/ folder");
    msp_root_choice_clear(&c);
    g_free(exe);
    g_free(prefix);
}

static void test_root__next_to_program(void **state)
{
    (void)state;
    char *prefix = make_prefix("installed", true);
    char *exe = g_build_filename(prefix, "bin", "mspdoc", NULL);
    char *want = g_build_filename(prefix, "share", "mspdoc", NULL);
    msp_root_choice c;
    /* unset and empty MSP_ROOT alike; the path has no "bin/.." left in it */
    const char *envs[] = { NULL, "" };
    for (size_t i = 0; i < G_N_ELEMENTS(envs); i++) {
        msp_root_choose(&c, envs[i], exe, "../share/mspdoc", MSP_SOURCE_ROOT);
        assert_string_equal(c.path, want);
        assert_int_equal(c.origin, MSP_ROOT_NEXT_TO_PROGRAM);
        assert_string_equal(c.reason, "next to the program");
        msp_root_choice_clear(&c);
    }
    /* another layout (e.g. CMAKE_INSTALL_BINDIR=libexec/mspdoc/bin) */
    char *deep = g_build_filename(prefix, "libexec", "x", "mspdoc", NULL);
    msp_root_choose(&c, NULL, deep, "../../share/mspdoc", MSP_SOURCE_ROOT);
    assert_string_equal(c.path, want);
    assert_int_equal(c.origin, MSP_ROOT_NEXT_TO_PROGRAM);
    msp_root_choice_clear(&c);
    g_free(deep);
    g_free(want);
    g_free(exe);
    g_free(prefix);
}

static void test_root__source_tree(void **state)
{
    (void)state;
    char *prefix = make_prefix("empty", false);
    char *exe = g_build_filename(prefix, "bin", "mspdoc", NULL);
    char *share = g_build_filename(prefix, "share", "mspdoc", NULL);
    msp_root_choice c;
    /* share/mspdoc without templates/ is not an installed folder */
    msp_root_choose(&c, NULL, exe, "../share/mspdoc", MSP_SOURCE_ROOT);
    assert_string_equal(c.path, MSP_SOURCE_ROOT);
    assert_int_equal(c.origin, MSP_ROOT_SOURCE_TREE);
    char *want = g_strdup_printf("the source tree mspdoc was built from: MSP_ROOT is not set and %s has no "
                                 "templates/", share);
    assert_string_equal(c.reason, want);
    g_free(want);
    msp_root_choice_clear(&c);
    /* no program path (or a relative one) */
    msp_root_choose(&c, "", NULL, "../share/mspdoc", MSP_SOURCE_ROOT);
    assert_int_equal(c.origin, MSP_ROOT_SOURCE_TREE);
    assert_string_equal(c.reason, "the source tree mspdoc was built from: MSP_ROOT is empty and the program's "
                                  "own path is unknown");
    msp_root_choice_clear(&c);
    msp_root_choose(&c, NULL, "bin/mspdoc", "../share/mspdoc", MSP_SOURCE_ROOT);
    assert_int_equal(c.origin, MSP_ROOT_SOURCE_TREE);
    msp_root_choice_clear(&c);
    /* a source tree that is gone: the reason says what to do */
    msp_root_choose(&c, NULL, exe, "../share/mspdoc", "/nonexistent-source");
    assert_string_equal(c.path, "/nonexistent-source");
    assert_non_null(strstr(c.reason, "; it has no templates/ folder either: set MSP_ROOT"));
    msp_root_choice_clear(&c);
    g_free(share);
    g_free(exe);
    g_free(prefix);
}

/* The process's own choice: this test program lives in the build tree, with
 * no share/mspdoc beside it, so without MSP_ROOT it is the source tree. */
static void test_root__process(void **state)
{
    (void)state;
    g_unsetenv("MSP_ROOT");
    const msp_root_choice *c = msp_root_get();
    assert_ptr_equal(msp_root(), c->path);
    assert_string_equal(c->path, MSP_SOURCE_ROOT);
    assert_int_equal(c->origin, MSP_ROOT_SOURCE_TREE);
    assert_non_null(strstr(c->reason, "MSP_ROOT is not set and /"));
    /* made once: a later MSP_ROOT changes nothing */
    g_setenv("MSP_ROOT", "/elsewhere", TRUE);
    assert_ptr_equal(msp_root_get(), c);
    assert_string_equal(msp_root(), MSP_SOURCE_ROOT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_root__env_first),
        cmocka_unit_test(test_root__next_to_program),
        cmocka_unit_test(test_root__source_tree),
        cmocka_unit_test(test_root__process),
    };
    return cmocka_run_group_tests(tests, 0, 0);
}
