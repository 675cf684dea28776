/* Unit tests of paragraph breaking through the area tree: total-fit breaks
 * where first fit is bad, shrink, hyphenation by dictionary and what is
 * never hyphenated, the ladder count, no-wrap inlines, mixed sizes with a
 * note mark, overfull lines, ideographic breaks, and the language of the
 * dictionary. The body is 260 pt wide (layout_fixture.h). */
#include "layout_fixture.h"

#define HY "\xE2\x80\x90"   /* U+2010, the default hyphenation-character */

/* Lines of the dump that end in the hyphenation character. */
static int hyphen_ends(run *r, const char *extra)
{
    return (int)xp_num(r, "count(//line[@zone='body']%s[substring(., string-length(.)) = '" HY "'])",
                       extra ? extra : "");
}

/* First fit sets the first seven of these rule "words" on a 60 pt line
 * (spaces shrunk to 0.87 of normal) and must then stretch the next line's
 * spaces to 2.4 x normal; the best breaks (found by trying all) put six, four
 * and one words on the lines: spaces of 1.44 and 1.07 x normal, adjustment
 * ratios 1.1 and 0.16 with a stretch of 0.4 of the space. Word spaces are
 * Liberation Serif's 2.5 pt. */
static void test_breaking__total_fit_where_first_fit_is_bad(void **state)
{
    (void)state;
    static const int w[] = { 7, 11, 6, 7, 5, 6, 4, 8, 19, 21, 26 };
    GString *f = g_string_new("<fo:block end-indent='200pt' text-align='justify'>");
    for (int i = 0; i < 11; i++)
        g_string_append_printf(f, "%s<fo:leader leader-pattern='rule' rule-thickness='1pt' leader-length='%dpt'/>",
                               i ? " " : "", w[i]);
    g_string_append(f, "</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    /* the rules by line: the first six share a baseline, then four, then one */
    double y0 = xp_num(r, "//rule[1]/@y"), y1 = xp_num(r, "//rule[7]/@y"), y2 = xp_num(r, "//rule[11]/@y");
    assert_true(y1 > y0 && y2 > y1);
    assert_int_equal((int)xp_num(r, "count(//rule[@y = %.2f])", y0), 6);
    assert_int_equal((int)xp_num(r, "count(//rule[@y = %.2f])", y1), 4);
    /* justified: the sixth and tenth words end at the measure */
    NEAR(xp_num(r, "//rule[6]/@x2"), 20 + 60);
    NEAR(xp_num(r, "//rule[10]/@x2"), 20 + 60);
    NEAR(xp_num(r, "//line[1]/@adjust"), 1.1);
    NEAR(xp_num(r, "//line[2]/@adjust"), 0.1625);
    run_free(r);
    g_string_free(f, TRUE);
}

/* Shrinking the spaces (to 0.8 of normal at most) keeps a word on a line
 * where stretching would leave a loose one. */
static void test_breaking__shrink_avoids_a_loose_line(void **state)
{
    (void)state;
    /* eleven 20-pt words with ten 2.5-pt spaces: 245 pt; a 243 pt measure takes them all
     * by shrinking 0.2 pt a space (r = -1/3 of the 0.6 pt each may give) rather than
     * stretching ten words to 243 */
    GString *f = g_string_new("<fo:block end-indent='17pt' text-align='justify'>");
    for (int i = 0; i < 12; i++)
        g_string_append_printf(f, "%s<fo:leader leader-pattern='rule' rule-thickness='1pt' leader-length='20pt'/>",
                               i ? " " : "");
    g_string_append(f, "</fo:block>");
    run *r = lay_flow("p", NULL, f->str);
    double y0 = xp_num(r, "//rule[1]/@y");
    assert_int_equal((int)xp_num(r, "count(//rule[@y = %.2f])", y0), 11);
    NEAR(xp_num(r, "//line[1]/@adjust"), -0.33);
    NEAR(xp_num(r, "//rule[11]/@x2"), 20 + 243);
    run_free(r);
    g_string_free(f, TRUE);
}

/* Paragraphs "of to a WORD an of to" at measures from 40 to 130 pt: only
 * WORD can take a hyphen (the others are too short). */
static run *word_at_widths(const char *word, const char *block_attrs)
{
    GString *f = g_string_new(NULL);
    for (int m = 40; m <= 130; m += 3)
        g_string_append_printf(f, "<fo:block end-indent='%dpt' text-align='justify' hyphenate='true' "
                                  "language='en' %s>of to a %s an of to</fo:block>",
                               260 - m, block_attrs ? block_attrs : "", word);
    run *r = lay_flow("p", NULL, f->str);
    g_string_free(f, TRUE);
    return r;
}

static void test_breaking__hyphenation_exclusions(void **state)
{
    (void)state;
    /* the control: an ordinary word is hyphenated at some of these measures; so is
     * one before a colon ("the following:") and the parts of a compound */
    static const char *some[] = { "implementation", "implementation:", "co-implementation" };
    run *r;
    for (size_t i = 0; i < G_N_ELEMENTS(some); i++) {
        r = word_at_widths(some[i], NULL);
        assert_true(hyphen_ends(r, NULL) >= 3);
        run_free(r);
    }
    static const char *never[] = {
        "APLC/MSP.22/2025/22",                              /* a document symbol */
        "https://www.apminebanconvention.org/en/membership", /* a URL */
        "urn:implementation",                               /* a colon inside a token */
        "isu@apminebanconvention.org",                      /* an e-mail address */
        "implementation2025",                               /* a word with digits */
        "IMPLEMENTATION",                                   /* an all-capital acronym */
        "<fo:inline wrap-option='no-wrap'>implementation</fo:inline>",   /* a no-wrap inline */
        "<fo:inline keep-together.within-line='always'>implementation</fo:inline>",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(never); i++) {
        r = word_at_widths(never[i], NULL);
        assert_int_equal(hyphen_ends(r, NULL), 0);
        run_free(r);
    }
    /* hyphenate="false" (the initial value) */
    GString *f = g_string_new(NULL);
    for (int m = 40; m <= 130; m += 3)
        g_string_append_printf(f, "<fo:block end-indent='%dpt' text-align='justify' language='en'>"
                                  "of to a implementation an of to</fo:block>", 260 - m);
    r = lay_flow("p", NULL, f->str);
    assert_int_equal(hyphen_ends(r, NULL), 0);
    run_free(r);
    /* the last word of a paragraph */
    g_string_truncate(f, 0);
    for (int m = 40; m <= 130; m += 3)
        g_string_append_printf(f, "<fo:block end-indent='%dpt' text-align='justify' hyphenate='true' "
                                  "language='en'>of to a an of to implementation</fo:block>", 260 - m);
    r = lay_flow("p", NULL, f->str);
    assert_int_equal(hyphen_ends(r, NULL), 0);
    run_free(r);
    g_string_free(f, TRUE);
}

/* A narrow column of long words: without a limit lines end in hyphens two
 * or more in a row; hyphenation-ladder-count="1" never allows two. */
static int longest_hyphen_run(run *r)
{
    int n = (int)xp_num(r, "count(//line[@zone='body'])"), cur = 0, best = 0;
    for (int i = 1; i <= n; i++) {
        char *t = xp_str(r, "(//line[@zone='body'])[%d]", i);
        size_t len = strlen(t);
        bool hy = len >= 3 && strcmp(t + len - 3, HY) == 0;
        cur = hy ? cur + 1 : 0;
        best = MAX(best, cur);
        g_free(t);
    }
    return best;
}

static void test_breaking__ladder_count(void **state)
{
    (void)state;
    const char *words = "international responsibilities communication administration "
                        "implementation transparency universalization coordination "
                        "representatives international responsibilities communication";
    char *fo = g_strdup_printf("<fo:block end-indent='190pt' text-align='justify' hyphenate='true' "
                               "language='en'>%s</fo:block>", words);
    run *r = lay_flow("p", NULL, fo);
    assert_true(longest_hyphen_run(r) >= 2);
    run_free(r);
    g_free(fo);
    fo = g_strdup_printf("<fo:block end-indent='190pt' text-align='justify' hyphenate='true' "
                         "language='en' hyphenation-ladder-count='1'>%s</fo:block>", words);
    r = lay_flow("p", NULL, fo);
    assert_true(hyphen_ends(r, NULL) >= 1);
    assert_int_equal(longest_hyphen_run(r), 1);
    run_free(r);
    g_free(fo);
}

/* hyphenation-character, -push- and -remain-character-count */
static void test_breaking__hyphenation_properties(void **state)
{
    (void)state;
    GString *f = g_string_new(NULL);
    for (int m = 40; m <= 130; m += 3)
        g_string_append_printf(f, "<fo:block end-indent='%dpt' text-align='justify' hyphenate='true' "
                                  "language='en' hyphenation-character='-' "
                                  "hyphenation-push-character-count='5' "
                                  "hyphenation-remain-character-count='5'>"
                                  "of to a implementation an of to</fo:block>", 260 - m);
    run *r = lay_flow("p", NULL, f->str);
    assert_int_equal(hyphen_ends(r, NULL), 0);    /* not U+2010 */
    int n = (int)xp_num(r, "count(//line[substring(., string-length(.)) = '-'])");
    assert_true(n >= 1);
    /* at least five letters before the hyphen and five after it in "implementation" */
    for (int i = 1; i <= n; i++) {
        char *t = xp_str(r, "(//line[substring(., string-length(.)) = '-'])[%d]", i);
        const char *frag = strrchr(t, ' ') ? strrchr(t, ' ') + 1 : t;
        int before = (int)strlen(frag) - 1;
        assert_int_equal(strncmp(frag, "implementation", (size_t)before), 0);
        assert_true(before >= 5 && 14 - before >= 5);
        g_free(t);
    }
    run_free(r);
    g_string_free(f, TRUE);
}

/* Mixed sizes and a superscript note mark: lines are still justified to the
 * measure and the mark never starts a line. */
static void test_breaking__mixed_sizes_and_note_mark(void **state)
{
    (void)state;
    const char *flow =
        "<fo:block text-align='justify' hyphenate='true' language='en'>The Committee on <fo:inline font-size='14pt'>Cooperative "
        "Compliance</fo:inline> considered the reports<fo:inline font-size='6.5pt' baseline-shift='3.3pt'>12"
        "</fo:inline> of the States Parties and <fo:inline font-size='8pt'>welcomed the progress made "
        "since the last meeting of the States Parties</fo:inline>, noting the contributions made.</fo:block>";
    run *r = lay_flow("p", NULL, flow);
    int n = (int)xp_num(r, "count(//line)");
    assert_true(n >= 2);
    for (int i = 1; i < n; i++)
        NEAR(xp_num(r, "(//line)[%d]/@w", i), 260);
    /* the taller words make their line taller, not the others */
    assert_true(xp_num(r, "(//line)[1]/@h") > 12);
    NEAR(xp_num(r, "(//line)[2]/@h"), 12);
    assert_int_equal((int)xp_num(r, "count(//line[contains(., 'reports12')])"), 1);
    assert_int_equal((int)xp_num(r, "count(//line[starts-with(., '12')])"), 0);
    run_free(r);
}

/* An unbreakable word wider than the measure: a warning with its FO place. */
static void test_breaking__overfull_line_warned(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL, "<fo:block end-indent='200pt'>a\n"
                                 "<fo:inline wrap-option='no-wrap'>APLC/MSP.22/2025/22 and</fo:inline> b</fo:block>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    bool found = false;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (d->severity == MSP_SEV_WARNING && strstr(d->message, "overfull line")) {
            found = true;
            assert_string_equal(d->loc.file, "test.fo");
            assert_int_equal(d->loc.line, 2);   /* the no-wrap inline, where the line starts */
        }
    }
    assert_true(found);
    run_free(r);
}

/* Two words that fit a 70 pt measure only one to a line: never one
 * overfull line holding both (text past the margin), but each word on a
 * line of its own, at natural width (no space to stretch). */
static void test_breaking__loose_before_overfull(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL, "<fo:block end-indent='190pt' text-align='justify'>"
                                 "Implementation Committee</fo:block>");
    assert_int_equal((int)xp_num(r, "count(//line[@zone='body'])"), 2);
    assert_int_equal((int)xp_num(r, "count(//line[@fit='overfull'])"), 0);
    assert_null(find_diag(r, "overfull line"));
    run_free(r);
}

/* Preserved runs of spaces (white-space-collapse="false") are break
 * opportunities as single spaces are: the words are set on lines that fit,
 * not on one overfull line. */
static void test_breaking__preserved_space_runs_break(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL, "<fo:block end-indent='140pt' white-space-collapse='false'>"
                                 "one   two    three     four  five   six    seven  eight</fo:block>");
    assert_true((int)xp_num(r, "count(//line[@zone='body'])") >= 2);
    assert_int_equal((int)xp_num(r, "count(//line[@fit='overfull'])"), 0);
    assert_null(find_diag(r, "overfull line"));
    char *last = xp_str(r, "(//line[@zone='body'])[last()]");
    assert_non_null(strstr(last, "eight"));
    g_free(last);
    run_free(r);
}

/* Ideographs break between any two characters (UAX #14): no hyphen, no
 * lost character, the lines' texts in order. */
static void test_breaking__cjk_breaks_between_ideographs(void **state)
{
    (void)state;
    const char *zh = "\xE7\xBA\xA6\xE5\xAE\x9A\xE7\xA6\x81\xE6\xAD\xA2\xE4\xBD\xBF\xE7\x94\xA8"
                     "\xE3\x80\x81\xE5\x82\xA8\xE5\xAD\x98\xE3\x80\x81\xE7\x94\x9F\xE4\xBA\xA7"
                     "\xE5\x92\x8C\xE8\xBD\xAC\xE8\xAE\xA9\xE6\x9D\x80\xE4\xBC\xA4\xE4\xBA\xBA"
                     "\xE5\x91\x98\xE5\x9C\xB0\xE9\x9B\xB7\xE5\xB9\xB6\xE9\x94\x80\xE6\xAF\x81"
                     "\xE6\xAD\xA4\xE7\xA7\x8D\xE5\x9C\xB0\xE9\x9B\xB7\xE7\x9A\x84\xE5\x85\xAC"
                     "\xE7\xBA\xA6";
    char *flow = g_strdup_printf("<fo:block end-indent='180pt' text-align='justify' language='zh'>%s</fo:block>", zh);
    run *r = lay_flow("p", NULL, flow);
    g_free(flow);
    int n = (int)xp_num(r, "count(//line)");
    assert_true(n >= 3);
    GString *all = g_string_new(NULL);
    for (int i = 1; i <= n; i++) {
        char *t = xp_str(r, "(//line)[%d]", i);
        assert_true(g_utf8_strlen(t, -1) >= 1);
        g_string_append(all, t);
        g_free(t);
    }
    assert_string_equal(all->str, zh);
    g_string_free(all, TRUE);
    run_free(r);
}

/* The dictionary follows the language: the same word breaks at other
 * places in English and in French. */
static void test_breaking__language_chooses_the_dictionary(void **state)
{
    (void)state;
    /* British "pre-sent-a-tion"-style patterns vs French "pré-sen-ta-tion"; the word is
     * written without accents so both dictionaries see the same letters */
    GString *f = g_string_new(NULL);
    for (int m = 40; m <= 100; m += 2)
        g_string_append_printf(f, "<fo:block end-indent='%dpt' text-align='justify' hyphenate='true' "
                                  "language='en'>of to a presentation an of to</fo:block>", 260 - m);
    run *en = lay_flow("p", NULL, f->str);
    char *fr_flow = g_strdup(f->str);
    g_string_free(f, TRUE);
    char *p;
    while ((p = strstr(fr_flow, "language='en'")))
        memcpy(p, "language='fr'", 13);
    run *fr = lay_flow("p", NULL, fr_flow);
    g_free(fr_flow);
    /* English (British patterns): present-ation; French: pré-sen-ta-tion has "presen-" */
    assert_true(hyphen_ends(en, "[contains(., 'present" HY "')]") >= 1);
    assert_int_equal(hyphen_ends(en, "[contains(., 'presen" HY "')]"), 0);
    assert_true(hyphen_ends(fr, "[contains(., 'presen" HY "')]") >= 1);
    assert_int_equal(hyphen_ends(fr, "[contains(., 'present" HY "')]"), 0);
    run_free(en);
    run_free(fr);
}

/* A justified line without a space (a URL broken at its slashes) keeps its
 * natural width at the start edge: never letter-spaced, never stretched. */
static void test_breaking__line_without_spaces_is_not_stretched(void **state)
{
    (void)state;
    run *r = lay_flow("p", NULL, "<fo:block end-indent='140pt' text-align='justify' hyphenate='true' "
                                 "language='en'>See https://www.apminebanconvention.org/en/meetings/"
                                 "intersessional-meetings/2025-im/documents-1 for the reports.</fo:block>");
    int n = (int)xp_num(r, "count(//line)"), bare = 0;
    for (int i = 1; i < n; i++) {
        char *t = xp_str(r, "(//line)[%d]", i);
        if (!strchr(t, ' ')) {
            bare++;
            assert_true(xp_num(r, "(//line)[%d]/@w", i) < 120 - 0.5);
            NEAR(xp_num(r, "(//line)[%d]/@x", i), 20);
            assert_true(isnan(xp_num(r, "(//line)[%d]/@adjust", i)));
        }
        g_free(t);
    }
    assert_true(bare >= 1);
    run_free(r);
}

/* A language without a declared dictionary: one warning naming it, for the
 * whole document, and its text is set without hyphens. */
static void test_breaking__language_without_dictionary_warns_once(void **state)
{
    (void)state;
    char *fo = doc_fo("p", NULL,
                      "<fo:block end-indent='200pt' text-align='justify' hyphenate='true' language='de'>"
                      "Die Vertragsstaaten verpflichten sich Antipersonenminen zu vernichten</fo:block>"
                      "<fo:block end-indent='200pt' text-align='justify' hyphenate='true' language='de'>"
                      "Zusammenarbeit und Unterstuetzung der Vertragsstaaten</fo:block>");
    run *r = lay_out(fo);
    g_free(fo);
    assert_int_equal(r->st, MSP_OK);
    int warnings = 0;
    for (guint i = 0; i < r->job.diags.items->len; i++) {
        const msp_diag *d = g_ptr_array_index(r->job.diags.items, i);
        if (d->severity == MSP_SEV_WARNING && strstr(d->message, "no hyphenation dictionary for language 'de'"))
            warnings++;
    }
    assert_int_equal(warnings, 1);
    assert_int_equal(hyphen_ends(r, NULL), 0);
    run_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breaking__total_fit_where_first_fit_is_bad),
        cmocka_unit_test(test_breaking__shrink_avoids_a_loose_line),
        cmocka_unit_test(test_breaking__hyphenation_exclusions),
        cmocka_unit_test(test_breaking__ladder_count),
        cmocka_unit_test(test_breaking__hyphenation_properties),
        cmocka_unit_test(test_breaking__mixed_sizes_and_note_mark),
        cmocka_unit_test(test_breaking__overfull_line_warned),
        cmocka_unit_test(test_breaking__loose_before_overfull),
        cmocka_unit_test(test_breaking__preserved_space_runs_break),
        cmocka_unit_test(test_breaking__cjk_breaks_between_ideographs),
        cmocka_unit_test(test_breaking__language_chooses_the_dictionary),
        cmocka_unit_test(test_breaking__line_without_spaces_is_not_stretched),
        cmocka_unit_test(test_breaking__language_without_dictionary_warns_once),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
