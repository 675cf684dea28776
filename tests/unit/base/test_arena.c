/* Unit tests for base/: the arena and the diagnostic list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/job.h"

static void test_arena_alloc__zeroed_and_aligned(void **state)
{
    (void)state;
    msp_arena *a = msp_arena_new();
    for (int i = 1; i < 5000; i += 37) {
        unsigned char *p = msp_arena_alloc(a, (size_t)i);
        assert_true(((uintptr_t)p % 16) == 0);
        for (int k = 0; k < i; k++)
            assert_int_equal(p[k], 0);
        memset(p, 0xAB, (size_t)i);
    }
    assert_true(msp_arena_used(a) > 0);
    msp_arena_free(a);
}

static void test_arena_strdup__copies(void **state)
{
    (void)state;
    msp_arena *a = msp_arena_new();
    char buf[] = "hello";
    char *s = msp_arena_strdup(a, buf);
    buf[0] = 'j';
    assert_string_equal(s, "hello");
    assert_string_equal(msp_arena_printf(a, "%d-%s", 22, "MSP"), "22-MSP");
    assert_null(msp_arena_strdup(a, NULL));
    assert_string_equal(msp_arena_strndup(a, "abcdef", 3), "abc");
    msp_arena_reset(a);
    assert_int_equal(msp_arena_used(a), 0);
    msp_arena_free(a);
}

static void test_arena_big__larger_than_block(void **state)
{
    (void)state;
    msp_arena *a = msp_arena_new();
    char *p = msp_arena_alloc(a, 3u << 20);
    p[(3u << 20) - 1] = 1;
    msp_arena_free(a);
}

static void test_diag_add__counts_and_formats(void **state)
{
    (void)state;
    msp_diag_list l;
    msp_diag_list_init(&l);
    char file[] = "data/x.xml";
    msp_loc loc = { file, 12, 7 };
    msp_status st = msp_diag_error(&l, MSP_E_SYMBOL, loc, "write it as APLC/MSP.22/2025/22",
                                   "unknown symbol form '%s'", "APLC/MSP/22");
    file[0] = 'X'; /* the list keeps its own copy */
    assert_int_equal(st, MSP_E_SYMBOL);
    msp_diag_warn(&l, MSP_LOC_NONE, NULL, "just a warning");
    assert_int_equal(l.errors, 1);
    assert_int_equal(l.warnings, 1);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    msp_diag_list_print(f, &l);
    fclose(f);
    assert_string_equal(text,
        "data/x.xml:12:7: error: unknown symbol form 'APLC/MSP/22'\n"
        "  hint: write it as APLC/MSP.22/2025/22\n"
        "mspdoc: warning: just a warning\n");
    free(text);
    msp_diag_list_clear(&l);
}

static void test_diag_max_errors__stops_storing(void **state)
{
    (void)state;
    msp_diag_list l;
    msp_diag_list_init(&l);
    l.max_errors = 2;
    for (int i = 0; i < 5; i++)
        msp_diag_error(&l, MSP_E_XML, MSP_LOC_NONE, NULL, "e%d", i);
    assert_int_equal(l.errors, 5);
    assert_int_equal(l.items->len, 2);
    msp_diag_list_clear(&l);
}

static void test_job_time__cancel_is_limit(void **state)
{
    (void)state;
    msp_job job;
    msp_job_init(&job);
    assert_int_equal(msp_job_check_time(&job, MSP_LOC_NONE), MSP_OK);
    job.cancelled = 1;
    assert_int_equal(msp_job_check_time(&job, MSP_LOC_NONE), MSP_E_LIMIT);
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alloc__zeroed_and_aligned),
        cmocka_unit_test(test_arena_strdup__copies),
        cmocka_unit_test(test_arena_big__larger_than_block),
        cmocka_unit_test(test_diag_add__counts_and_formats),
        cmocka_unit_test(test_diag_max_errors__stops_storing),
        cmocka_unit_test(test_job_time__cancel_is_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
