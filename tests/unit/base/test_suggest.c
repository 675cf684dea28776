/* Unit tests for base/suggest.c: edit distances, the closeness limits by
 * length, names cut short or run on, and nothing suggested for a stranger. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/suggest.h"

static GPtrArray *names_of(const char *const *list)
{
    GPtrArray *a = g_ptr_array_new();
    for (; *list; list++)
        g_ptr_array_add(a, (char *)*list);
    return a;
}

static void test_suggest__distance(void **state)
{
    (void)state;
    assert_int_equal(msp_edit_distance("build", "build"), 0);
    assert_int_equal(msp_edit_distance("biuld", "build"), 2);
    assert_int_equal(msp_edit_distance("BUILD", "build"), 0);
    assert_int_equal(msp_edit_distance("", "abc"), 3);
    assert_int_equal(msp_edit_distance("kitten", "sitting"), 3);
    char longer[80];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(msp_edit_distance(longer, "a"), 99);
}

static void test_suggest__commands_and_options(void **state)
{
    (void)state;
    static const char *const commands[] = { "build", "check", "fo", "render", "batch", "reissue", "data", NULL };
    GPtrArray *c = names_of(commands);
    assert_string_equal(msp_suggest("biuld", c), "build");
    assert_string_equal(msp_suggest("rendr", c), "render");
    assert_string_equal(msp_suggest("reisue", c), "reissue");
    assert_string_equal(msp_suggest("bat", c), "batch");          /* cut short */
    assert_null(msp_suggest("compile", c));                      /* no command is near */
    assert_null(msp_suggest("xy", c));
    g_ptr_array_unref(c);

    static const char *const options[] = { "--output", "--area-tree", "--draft", "--png-dpi", "--max-pages", NULL };
    GPtrArray *o = names_of(options);
    assert_string_equal(msp_suggest("--outptu", o), "--output");
    assert_string_equal(msp_suggest("--drfat", o), "--draft");
    assert_string_equal(msp_suggest("--max-page", o), "--max-pages");
    assert_string_equal(msp_suggest("--draftx", o), "--draft");    /* run on */
    assert_null(msp_suggest("--verbosity", o));
    g_ptr_array_unref(o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest__distance),
        cmocka_unit_test(test_suggest__commands_and_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
