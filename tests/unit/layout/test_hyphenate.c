/* Unit tests for layout/hyphenate.c: the points of the project's declared
 * dictionaries (British and US English, French, Spanish, Russian in
 * KOI8-R), push/remain and the dictionaries' own minimums, case, long
 * words, non-standard points, and declarations that leave a language
 * without a dictionary (unknown, missing file, other content, bad line). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "base/digest.h"
#include "layout/hyphenate.h"

#define GB_DIC "/usr/share/hyphen/hyph_en_GB.dic"

static char *tmp_dir;

static int group_setup(void **state)
{
    (void)state;
    tmp_dir = g_build_filename(MSP_TEST_TMP, "hyphenate-XXXXXX", NULL);
    return g_mkdtemp(tmp_dir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    GDir *d = g_dir_open(tmp_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(tmp_dir, name, NULL);
        g_unlink(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return 0;
}

/* A file in the test's folder with these contents; owned path. */
static char *write_tmp(const char *name, const char *contents)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    assert_true(g_file_set_contents(path, contents, -1, NULL));
    return path;
}

/* A copy of a system dictionary in the test's folder; owned path. */
static char *copy_dic(const char *name, const char *from)
{
    char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(from, &data, &len, NULL));
    char *path = g_build_filename(tmp_dir, name, NULL);
    assert_true(g_file_set_contents(path, data, (gssize)len, NULL));
    g_free(data);
    return path;
}

/* A declarations file with one default line for language; owned path. */
static char *conf_for(const char *name, const char *language, const char *dic, const char *sha,
                      const char *package)
{
    char *text = g_strdup_printf("# test\n\n%s %s %s %s\n", language, dic, sha, package);
    char *path = write_tmp(name, text);
    g_free(text);
    return path;
}

/* The points of word as "2 6 7" (owned). */
static char *points(const msp_hyph *h, const char *word, int push, int remain)
{
    int pos[128];
    int n = msp_hyph_points(h, word, (int)strlen(word), push, remain, pos, 128);
    GString *s = g_string_new(NULL);
    for (int i = 0; i < n; i++)
        g_string_append_printf(s, "%s%d", i ? " " : "", pos[i]);
    return g_string_free(s, FALSE);
}

#define assert_points(h, word, push, remain, expected)         \
    do {                                                       \
        char *got_ = points((h), (word), (push), (remain));    \
        assert_string_equal(got_, (expected));                 \
        g_free(got_);                                          \
    } while (0)

static const msp_hyph *must_get(const char *language, const char *country)
{
    const char *why = "unset";
    const msp_hyph *h = msp_hyph_get(language, country, &why);
    if (!h)
        fail_msg("no dictionary for %s %s: %s", language, country ? country : "", why);
    assert_null(why);
    return h;
}

/* --- the project's dictionaries --- */

static void test_hyphenate_points__english_words(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);
    assert_points(en, "hyphenation", 2, 3, "2 6 7");       /* hy-phen-a-tion */
    assert_points(en, "international", 2, 3, "2 5 7");     /* in-ter-na-tional */
    assert_points(en, "progress", 2, 3, "3");              /* pro-gress */
}

static void test_hyphenate_get__en_is_british(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);
    assert_ptr_equal(must_get("en", ""), en);
    assert_ptr_equal(must_get("en", "GB"), en);
    assert_ptr_equal(must_get("EN", "gb"), en);
    assert_ptr_equal(must_get("en", "ZZ"), en);            /* unknown country: the default */
    assert_ptr_equal(must_get("en-GB", NULL), en);
    const msp_hyph *us = must_get("en", "US");
    assert_ptr_not_equal(us, en);
    assert_ptr_equal(must_get("en_us", NULL), us);
    assert_ptr_equal(must_get("en-GB", "US"), us);          /* the country property wins */

    /* British and US patterns differ */
    assert_points(en, "democracy", 2, 3, "4");             /* demo-cracy */
    assert_points(us, "democracy", 2, 3, "5");             /* democ-racy */
    assert_points(en, "presentation", 2, 3, "7 8");        /* present-a-tion */
    assert_points(us, "presentation", 2, 3, "3 6 8");      /* pre-sen-ta-tion */
    assert_points(en, "hyphenation", 2, 3, "2 6 7");
    assert_points(us, "hyphenation", 2, 3, "2 6");         /* hy-phen-ation */
}

static void test_hyphenate_points__french_counts_characters(void **state)
{
    (void)state;
    /* é is two bytes: offsets are characters */
    const msp_hyph *fr = must_get("fr", NULL);
    assert_ptr_equal(must_get("fr", "CA"), fr);
    assert_ptr_equal(must_get("FR", "be"), fr);
    assert_points(fr, "développement", 2, 3, "2 4 7 9");   /* dé-ve-lop-pe-ment */
    assert_points(fr, "développement", 2, 2, "2 4 7 9");
    assert_points(fr, "développement", 3, 2, "4 7 9");
    assert_points(must_get("en", NULL), "développement", 2, 3, "7 9");
    assert_points(fr, "élaboration", 2, 3, "3 5 7");       /* éla-bo-ra-tion */
}

static void test_hyphenate_points__spanish(void **state)
{
    (void)state;
    const msp_hyph *es = must_get("es", NULL);
    assert_ptr_equal(must_get("es", "MX"), es);
    assert_points(es, "desarrollo", 2, 2, "2 4 7");        /* de-sa-rro-llo */
}

static void test_hyphenate_points__russian_koi8(void **state)
{
    (void)state;
    /* hyph_ru_RU.dic is in KOI8-R: words are converted to it */
    const msp_hyph *ru = must_get("ru", NULL);
    assert_points(ru, "развитие", 2, 2, "3 5");            /* раз-ви-тие */
    assert_points(ru, "РАЗВИТИЕ", 2, 2, "3 5");
    assert_points(ru, "Развитие", 2, 3, "3 5");
    assert_points(ru, "развитие", 4, 2, "5");
    /* a letter KOI8-R lacks: no points rather than wrong ones */
    assert_points(ru, "développement", 2, 2, "");
}

static void test_hyphenate_points__upper_case_is_lower_case(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);
    const msp_hyph *fr = must_get("fr", NULL);
    assert_points(en, "HYPHENATION", 2, 3, "2 6 7");
    assert_points(en, "InterNational", 2, 3, "2 5 7");
    assert_points(fr, "DÉVELOPPEMENT", 2, 3, "2 4 7 9");
    assert_points(fr, "Élaboration", 2, 3, "3 5 7");
}

static void test_hyphenate_points__lower_case_longer_than_word(void **state)
{
    (void)state;
    /* U+0130 lower-cases to two characters (i, U+0307): offsets stay the word's */
    const msp_hyph *en = must_get("en", NULL);
    const char *word = "\xc4\xb0NTERNATIONAL";     /* 13 characters */
    int pos[16];
    int n = msp_hyph_points(en, word, (int)strlen(word), 2, 3, pos, 16);
    for (int i = 0; i < n; i++) {
        assert_in_range(pos[i], 2, 13 - 3);
        if (i)
            assert_true(pos[i] > pos[i - 1]);
    }
}

static void test_hyphenate_points__push_and_remain(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);   /* LEFTHYPHENMIN 2, RIGHTHYPHENMIN 3 */
    /* hy-phen-a-tion: 11 characters, points 2 6 7 */
    assert_points(en, "hyphenation", 3, 3, "6 7");
    assert_points(en, "hyphenation", 2, 5, "2 6");
    assert_points(en, "hyphenation", 6, 5, "6");
    assert_points(en, "hyphenation", 7, 4, "7");
    assert_points(en, "hyphenation", 8, 1, "");
    assert_points(en, "hyphenation", 3, 6, "");
    /* below the dictionary's minimums, or below 1: the dictionary's apply */
    assert_points(en, "hyphenation", 1, 1, "2 6 7");
    assert_points(en, "hyphenation", 0, -4, "2 6 7");
    /* shorter than push + remain */
    assert_points(en, "hyphenation", 6, 6, "");
}

static void test_hyphenate_points__dictionary_minimums(void **state)
{
    (void)state;
    /* a hyphen before every b; the dictionary asks 3 letters each side */
    char *dic = write_tmp("mins.dic", "UTF-8\nLEFTHYPHENMIN 3\nRIGHTHYPHENMIN 3\n1b\n");
    char *sha = msp_sha256_file(dic);
    char *conf = conf_for("mins.conf", "xm", dic, sha, "none");
    const char *why = NULL;
    const msp_hyph *h = msp_hyph_get_from_conf(conf, "xm", NULL, &why);
    assert_non_null(h);
    assert_points(h, "abababab", 1, 1, "3 5");
    assert_points(h, "abababab", 2, 2, "3 5");
    assert_points(h, "abababab", 4, 1, "5");
    assert_points(h, "abababab", 1, 4, "3");
    g_free(conf);
    g_free(sha);
    g_free(dic);
}

static void test_hyphenate_points__skips_nonstandard(void **state)
{
    (void)state;
    /* old German ck -> k-k (Zucker: Zuk-ker) is non-standard; before d is standard */
    char *dic = write_tmp("nonstd.dic", "UTF-8\nLEFTHYPHENMIN 1\nRIGHTHYPHENMIN 1\nc1k/k=k,1,1\n1d\n");
    char *sha = msp_sha256_file(dic);
    char *conf = conf_for("nonstd.conf", "xn", dic, sha, "none");
    const msp_hyph *h = msp_hyph_get_from_conf(conf, "xn", NULL, NULL);
    assert_non_null(h);
    assert_points(h, "zuckerdose", 1, 1, "6");
    assert_points(h, "ZUCKERDOSE", 1, 1, "6");
    g_free(conf);
    g_free(sha);
    g_free(dic);
}

static void test_hyphenate_points__long_words(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);
    GString *w = g_string_new(NULL);
    while (w->len < 150)
        g_string_append(w, "international");
    int pos[128];
    assert_int_equal(msp_hyph_points(en, w->str, 150, 2, 3, pos, 128), 0);
    assert_int_equal(msp_hyph_points(en, w->str, MSP_HYPH_MAX_WORD + 1, 2, 3, pos, 128), 0);
    assert_true(msp_hyph_points(en, w->str, MSP_HYPH_MAX_WORD, 2, 3, pos, 128) > 0);
    /* 101 characters in 102 bytes */
    g_string_truncate(w, 0);
    g_string_append(w, "é");
    while (g_utf8_strlen(w->str, -1) < MSP_HYPH_MAX_WORD + 1)
        g_string_append_c(w, 'a');
    assert_int_equal(msp_hyph_points(must_get("fr", NULL), w->str, (int)w->len, 2, 3, pos, 128), 0);
    g_string_free(w, TRUE);
}

static void test_hyphenate_points__bad_input(void **state)
{
    (void)state;
    const msp_hyph *en = must_get("en", NULL);
    int pos[8] = { 0 };
    assert_int_equal(msp_hyph_points(NULL, "hyphenation", 11, 2, 3, pos, 8), 0);
    assert_int_equal(msp_hyph_points(en, NULL, 11, 2, 3, pos, 8), 0);
    assert_int_equal(msp_hyph_points(en, "hyphenation", 0, 2, 3, pos, 8), 0);
    assert_int_equal(msp_hyph_points(en, "hyphenation", 11, 2, 3, pos, 0), 0);
    assert_int_equal(msp_hyph_points(en, "hyph\xff" "enation", 12, 2, 3, pos, 8), 0);
    /* at most max, the first ones */
    assert_int_equal(msp_hyph_points(en, "hyphenation", 11, 2, 3, pos, 2), 2);
    assert_int_equal(pos[0], 2);
    assert_int_equal(pos[1], 6);
    /* nbytes bounds the word: no NUL needed */
    assert_int_equal(msp_hyph_points(en, "hyphenationxyz", 11, 2, 3, pos, 8), 3);
    assert_int_equal(pos[2], 7);
}

/* --- languages without a dictionary --- */

static void test_hyphenate_get__unknown_language(void **state)
{
    (void)state;
    const char *why = NULL;
    assert_null(msp_hyph_get("xx", NULL, &why));
    assert_non_null(why);
    assert_non_null(strstr(why, "dictionaries.conf"));
    why = NULL;
    assert_null(msp_hyph_get("xx", "FR", &why));
    assert_non_null(why);
    assert_null(msp_hyph_get("xx", NULL, NULL));
    why = NULL;
    assert_null(msp_hyph_get(NULL, NULL, &why));
    assert_non_null(why);
    why = NULL;
    assert_null(msp_hyph_get("", "GB", &why));
    assert_non_null(why);
    /* only whole codes match */
    assert_null(msp_hyph_get("e", NULL, NULL));
    assert_null(msp_hyph_get("eng", NULL, NULL));
}

static void test_hyphenate_get__missing_file(void **state)
{
    (void)state;
    char *conf = conf_for("missing.conf", "xa", "/nonexistent/mspdoc/hyph_xa.dic",
                          "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "hyphen-xa");
    const char *why = NULL;
    assert_null(msp_hyph_get_from_conf(conf, "xa", NULL, &why));
    assert_non_null(why);
    assert_non_null(strstr(why, "/nonexistent/mspdoc/hyph_xa.dic"));
    assert_non_null(strstr(why, "apt-get install hyphen-xa"));
    /* loaded once: the same reason again */
    const char *again = NULL;
    assert_null(msp_hyph_get_from_conf(conf, "XA", "ZZ", &again));
    assert_ptr_equal(again, why);
    g_free(conf);
}

static void test_hyphenate_get__other_content(void **state)
{
    (void)state;
    char *dic = copy_dic("gb-copy.dic", GB_DIC);
    char *sha = msp_sha256_file(dic);
    char *wrong = g_strdup(sha);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    char *bad = conf_for("wrong-sha.conf", "en", dic, wrong, "hyphen-en-gb");
    const char *why = NULL;
    assert_null(msp_hyph_get_from_conf(bad, "en", NULL, &why));
    assert_non_null(why);
    assert_non_null(strstr(why, "SHA-256"));
    assert_non_null(strstr(why, dic));
    assert_non_null(strstr(why, "hyphen-en-gb"));
    /* the declared digest in upper case is the same digest */
    char *upper = g_ascii_strup(sha, -1);
    char *good = conf_for("right-sha.conf", "en", dic, upper, "hyphen-en-gb");
    const msp_hyph *h = msp_hyph_get_from_conf(good, "en", "GB", &why);
    assert_non_null(h);
    assert_null(why);
    assert_points(h, "hyphenation", 2, 3, "2 6 7");
    g_free(good);
    g_free(upper);
    g_free(bad);
    g_free(wrong);
    g_free(sha);
    g_free(dic);
}

static void expect_conf_error(const char *name, const char *text, const char *needle)
{
    char *conf = write_tmp(name, text);
    const char *why = NULL;
    assert_null(msp_hyph_get_from_conf(conf, "en", NULL, &why));
    assert_non_null(why);
    if (!strstr(why, needle))
        fail_msg("'%s' not in: %s", needle, why);
    g_free(conf);
}

static void test_hyphenate_get__bad_declarations(void **state)
{
    (void)state;
    char *sha = msp_sha256_file(GB_DIC);
    char *good = g_strdup_printf("en " GB_DIC " %s hyphen-en-gb\n", sha);
    char *text;

    expect_conf_error("three-fields.conf", "# c\n\nen " GB_DIC " hyphen-en-gb\n", ":3:");
    text = g_strdup_printf("%sfr fr.dic %s hyphen-fr\n", good, sha);
    expect_conf_error("relative.conf", text, ":2: 'fr.dic' is not an absolute path");
    g_free(text);
    expect_conf_error("short-sha.conf", "en " GB_DIC " 9fdc hyphen-en-gb\n", "SHA-256");
    text = g_strdup_printf("%sen %s /usr/share/hyphen/hyph_en_US.dic %s hyphen-en-us\nen GB " GB_DIC
                           " %s hyphen-en-gb\nen gb " GB_DIC " %s hyphen-en-gb\n",
                           good, "US", sha, sha, sha);
    expect_conf_error("twice.conf", text, ":4: en GB is already declared at line 3");
    g_free(text);
    text = g_strdup_printf("%sen US " GB_DIC " %s other-package\n", good, sha);
    expect_conf_error("two-packages.conf", text, ":2:");
    g_free(text);
    text = g_strdup_printf("english " GB_DIC " %s hyphen-en-gb\n", sha);
    expect_conf_error("language.conf", text, "ISO 639");
    g_free(text);

    /* an unreadable declarations file */
    char *none = g_build_filename(tmp_dir, "no-such.conf", NULL);
    const char *why = NULL;
    assert_null(msp_hyph_get_from_conf(none, "en", NULL, &why));
    assert_non_null(why);
    assert_non_null(strstr(why, "no-such.conf"));
    g_free(none);

    /* and the good line alone parses */
    char *conf = write_tmp("good.conf", good);
    assert_non_null(msp_hyph_get_from_conf(conf, "en", NULL, NULL));
    g_free(conf);
    g_free(good);
    g_free(sha);
}

/* --- threads --- */

typedef struct race {
    const char *conf;
    const msp_hyph *got;
    char *points;
} race;

static gpointer race_run(gpointer p)
{
    race *r = p;
    r->got = msp_hyph_get_from_conf(r->conf, "en", NULL, NULL);
    r->points = r->got ? points(r->got, "international", 2, 3) : NULL;
    return NULL;
}

static void test_hyphenate_get__once_across_threads(void **state)
{
    (void)state;
    char *dic = copy_dic("race.dic", GB_DIC);
    char *sha = msp_sha256_file(dic);
    char *conf = conf_for("race.conf", "en", dic, sha, "hyphen-en-gb");
    race r[4];
    GThread *t[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (race){ conf, NULL, NULL };
        t[i] = g_thread_new("hyph", race_run, &r[i]);
    }
    for (int i = 0; i < 4; i++)
        g_thread_join(t[i]);
    for (int i = 0; i < 4; i++) {
        assert_non_null(r[i].got);
        assert_ptr_equal(r[i].got, r[0].got);
        assert_string_equal(r[i].points, "2 5 7");
        g_free(r[i].points);
    }
    g_free(conf);
    g_free(sha);
    g_free(dic);
}

/* --- build keys --- */

typedef struct counter {
    int calls;
} counter;

static char *counting_digest(void *user, const char *path)
{
    ((counter *)user)->calls++;
    return msp_sha256_file(path);
}

static void test_hyphenate_digest__follows_the_dictionaries(void **state)
{
    (void)state;
    char *dic = copy_dic("key.dic", "/usr/share/hyphen/hyph_es_ES.dic");
    char *sha = msp_sha256_file(dic);
    /* two languages on one file: the file counts once */
    char *text = g_strdup_printf("es %s %s hyphen-es\nes MX %s %s hyphen-es\n", dic, sha, dic, sha);
    char *conf = write_tmp("key.conf", text);
    char *d1 = msp_hyph_digest_with(conf, NULL, NULL);
    assert_int_equal(strlen(d1), 64);
    counter c = { 0 };
    char *d2 = msp_hyph_digest_with(conf, counting_digest, &c);
    assert_string_equal(d1, d2);
    assert_int_equal(c.calls, 2);            /* the declarations and the one file */

    /* a changed dictionary changes the key */
    FILE *f = fopen(dic, "a");
    assert_non_null(f);
    fputs("a1a\n", f);
    fclose(f);
    char *d3 = msp_hyph_digest_with(conf, NULL, NULL);
    assert_string_not_equal(d3, d1);
    /* and so does a missing one (no hyphenation is an outcome too) */
    assert_int_equal(g_unlink(dic), 0);
    char *d4 = msp_hyph_digest_with(conf, NULL, NULL);
    assert_string_not_equal(d4, d3);
    assert_string_not_equal(d4, d1);

    /* the project's */
    char *project = msp_hyph_digest_with(NULL, NULL, NULL);
    assert_int_equal(strlen(project), 64);
    char *same = msp_hyph_digest_with(msp_hyph_conf_path(), NULL, NULL);
    assert_string_equal(project, same);
    g_free(same);
    g_free(project);
    g_free(d4);
    g_free(d3);
    g_free(d2);
    g_free(d1);
    g_free(conf);
    g_free(text);
    g_free(sha);
    g_free(dic);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hyphenate_points__english_words),
        cmocka_unit_test(test_hyphenate_get__en_is_british),
        cmocka_unit_test(test_hyphenate_points__french_counts_characters),
        cmocka_unit_test(test_hyphenate_points__spanish),
        cmocka_unit_test(test_hyphenate_points__russian_koi8),
        cmocka_unit_test(test_hyphenate_points__upper_case_is_lower_case),
        cmocka_unit_test(test_hyphenate_points__lower_case_longer_than_word),
        cmocka_unit_test(test_hyphenate_points__push_and_remain),
        cmocka_unit_test(test_hyphenate_points__dictionary_minimums),
        cmocka_unit_test(test_hyphenate_points__skips_nonstandard),
        cmocka_unit_test(test_hyphenate_points__long_words),
        cmocka_unit_test(test_hyphenate_points__bad_input),
        cmocka_unit_test(test_hyphenate_get__unknown_language),
        cmocka_unit_test(test_hyphenate_get__missing_file),
        cmocka_unit_test(test_hyphenate_get__other_content),
        cmocka_unit_test(test_hyphenate_get__bad_declarations),
        cmocka_unit_test(test_hyphenate_get__once_across_threads),
        cmocka_unit_test(test_hyphenate_digest__follows_the_dictionaries),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
