/* The word diff of mspdoc diff (src/edit/diff_words.c): tokens (words,
 * punctuation on its own, note calls, URLs whole), the shortest edit script
 * for a changed word, moved words, repeated words, punctuation, a changed
 * note mark, insertions at the start and the end, empty texts, and a
 * deletion put on a whole sentence. */
#include "edit/diff_private.h"

#include <glib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static msp_tokens *tok(const char *text)
{
    msp_tokens *t = msp_tokens_new();
    msp_tokens_add_text(t, text);
    return t;
}

static GArray *diff(const char *a, const char *b, msp_tokens **ta, msp_tokens **tb)
{
    *ta = tok(a);
    *tb = tok(b);
    return msp_word_diff(*ta, *tb);
}

static msp_hunk hunk(GArray *h, guint i)
{
    return g_array_index(h, msp_hunk, i);
}

static void check_phrase(const msp_tokens *t, guint from, guint len, const char *want)
{
    char *got = msp_tokens_phrase(t, from, len);
    assert_string_equal(got, want);
    g_free(got);
}

static void done(GArray *h, msp_tokens *a, msp_tokens *b)
{
    g_array_unref(h);
    msp_tokens_free(a);
    msp_tokens_free(b);
}

static void test_tokens__words_punctuation_urls(void **state)
{
    (void)state;
    msp_tokens *t = tok("On 11 June, the Committee's two-year plan (see https://example.org/a-b.html).");
    const char *want[] = { "On", "11", "June", ",", "the", "Committee's", "two-year", "plan", "(", "see",
                           "https://example.org/a-b.html", ")", "." };
    assert_int_equal(msp_tokens_len(t), G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++)
        assert_string_equal(msp_tokens_at(t, i)->text, want[i]);
    assert_int_equal(msp_tokens_at(t, 3)->kind, MSP_TOK_PUNCT);
    assert_false(msp_tokens_at(t, 3)->space_before);
    assert_true(msp_tokens_at(t, 4)->space_before);
    /* the line finder's measure: letters and digits before each token */
    assert_int_equal(msp_tokens_at(t, 1)->alnum, 2);
    assert_int_equal(msp_tokens_at(t, 2)->alnum, 4);
    check_phrase(t, 0, 4, "On 11 June,");
    msp_tokens_free(t);
}

static void test_diff__changed_word(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("The Committee met on 11 June 2025.", "The Committee met on 12 June 2025.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 4);
    assert_int_equal(hunk(h, 0).a_len, 1);
    assert_int_equal(hunk(h, 0).b, 4);
    assert_int_equal(hunk(h, 0).b_len, 1);
    check_phrase(a, 4, 1, "11");
    check_phrase(b, 4, 1, "12");
    done(h, a, b);
}

static void test_diff__same_text_spacing_ignored(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("The  Committee\n  met.", "The Committee met.", &a, &b);
    assert_int_equal(h->len, 0);
    done(h, a, b);
}

static void test_diff__moved_words(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("alpha beta gamma delta", "gamma delta alpha beta", &a, &b);
    /* a move is a deletion and an insertion of the same words */
    assert_int_equal(h->len, 2);
    msp_hunk x = hunk(h, 0), y = hunk(h, 1);
    assert_true((x.a_len == 0) != (y.a_len == 0));
    const msp_hunk *ins = x.a_len == 0 ? &x : &y, *del = x.a_len == 0 ? &y : &x;
    assert_int_equal(del->b_len, 0);
    assert_int_equal(ins->b_len, 2);
    assert_int_equal(del->a_len, 2);
    char *in = msp_tokens_phrase(b, ins->b, ins->b_len), *out = msp_tokens_phrase(a, del->a, del->a_len);
    assert_string_equal(in, out);
    g_free(in);
    g_free(out);
    done(h, a, b);
}

static void test_diff__repeated_words(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    /* one more "the": it could stand at two places; the leftmost is taken */
    GArray *h = diff("the cat sat on the mat", "the cat sat on the the mat", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a_len, 0);
    assert_int_equal(hunk(h, 0).b, 4);
    assert_int_equal(hunk(h, 0).b_len, 1);
    assert_int_equal(hunk(h, 0).a, 4);
    done(h, a, b);
    /* a doubled word removed: one deletion, the other kept */
    h = diff("we saw the the cat and the dog", "we saw the cat and the dog", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 2);
    assert_int_equal(hunk(h, 0).a_len, 1);
    assert_int_equal(hunk(h, 0).b_len, 0);
    done(h, a, b);
}

static void test_diff__punctuation(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("States Parties, including Peru.", "States Parties; including Peru.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 2);
    assert_int_equal(hunk(h, 0).a_len, 1);
    check_phrase(a, 2, 1, ",");
    check_phrase(b, 2, 1, ";");
    done(h, a, b);
    /* a full stop added at the end, nothing else */
    h = diff("as follows", "as follows.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).b, 2);
    assert_int_equal(hunk(h, 0).a_len, 0);
    done(h, a, b);
}

static void test_diff__changed_note_mark(void **state)
{
    (void)state;
    msp_tokens *a = msp_tokens_new(), *b = msp_tokens_new();
    msp_tokens_add_text(a, "preliminary observations");
    msp_tokens_add_note(a, "1");
    msp_tokens_add_text(a, " based on");
    msp_tokens_add_text(b, "preliminary observations");
    msp_tokens_add_note(b, "2");
    msp_tokens_add_text(b, " based on");
    assert_int_equal(msp_tokens_at(a, 2)->kind, MSP_TOK_NOTE);
    assert_false(msp_tokens_at(a, 2)->space_before);
    GArray *h = msp_word_diff(a, b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 2);
    assert_int_equal(hunk(h, 0).a_len, 1);
    assert_int_equal(hunk(h, 0).b_len, 1);
    check_phrase(a, 1, 2, "observations1");
    done(h, a, b);
    /* a note call is not the digit it prints */
    a = tok("see 1");
    b = msp_tokens_new();
    msp_tokens_add_text(b, "see");
    msp_tokens_add_note(b, "1");
    h = msp_word_diff(a, b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 1);
    done(h, a, b);
}

static void test_diff__insert_at_start_and_end(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("Committee met.", "The Committee met.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 0);
    assert_int_equal(hunk(h, 0).a_len, 0);
    assert_int_equal(hunk(h, 0).b, 0);
    assert_int_equal(hunk(h, 0).b_len, 1);
    done(h, a, b);
    h = diff("The Committee met.", "The Committee met. It agreed.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a, 4);
    assert_int_equal(hunk(h, 0).a_len, 0);
    assert_int_equal(hunk(h, 0).b, 4);
    assert_int_equal(hunk(h, 0).b_len, 3);
    check_phrase(b, 4, 3, "It agreed.");
    done(h, a, b);
}

static void test_diff__empty_texts(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    GArray *h = diff("", "", &a, &b);
    assert_int_equal(h->len, 0);
    done(h, a, b);
    h = diff("", "New text.", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a_len, 0);
    assert_int_equal(hunk(h, 0).b_len, 3);
    done(h, a, b);
    h = diff("Old text.", "  ", &a, &b);
    assert_int_equal(h->len, 1);
    assert_int_equal(hunk(h, 0).a_len, 3);
    assert_int_equal(hunk(h, 0).b_len, 0);
    done(h, a, b);
}

static void test_diff__deleted_sentence_is_whole(void **state)
{
    (void)state;
    msp_tokens *a, *b;
    /* ". Two" and "Two ." are the same deletion: the sentence is chosen */
    GArray *h = diff("One was first. Two came next. Three ended it.", "One was first. Three ended it.", &a, &b);
    assert_int_equal(h->len, 1);
    check_phrase(a, hunk(h, 0).a, hunk(h, 0).a_len, "Two came next.");
    int first = 0;
    assert_int_equal(msp_tokens_sentences(a, hunk(h, 0).a, hunk(h, 0).a_len, &first), 3);
    assert_int_equal(first, 2);
    /* "e.g." does not end a sentence; a part of one is no whole sentence */
    msp_tokens *t = tok("Plans (e.g. budgets) count. Next one.");
    assert_int_equal(msp_tokens_sentences(t, 0, 0, NULL), 2);
    assert_int_equal(msp_tokens_sentences(t, 0, 3, &first), 2);
    assert_int_equal(first, 0);
    msp_tokens_free(t);
    done(h, a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens__words_punctuation_urls),
        cmocka_unit_test(test_diff__changed_word),
        cmocka_unit_test(test_diff__same_text_spacing_ignored),
        cmocka_unit_test(test_diff__moved_words),
        cmocka_unit_test(test_diff__repeated_words),
        cmocka_unit_test(test_diff__punctuation),
        cmocka_unit_test(test_diff__changed_note_mark),
        cmocka_unit_test(test_diff__insert_at_start_and_end),
        cmocka_unit_test(test_diff__empty_texts),
        cmocka_unit_test(test_diff__deleted_sentence_is_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
