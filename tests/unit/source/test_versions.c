/* Unit tests for the cross-language check (source/versions.h): versions that
 * agree give nothing; each kind of difference (date, reissue, paragraph
 * removed, numbering, note moved, sub-items, Articles, Actions, annexes,
 * submitters) is reported once in each file at the element concerned, naming
 * the other's place; translated text is never compared; --draft makes
 * warnings; grouping by symbol and the reference version. */
#include "source/versions.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

/* The English version; the lines matter (locations are asserted). */
static const char *const base =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                         /* 1 */
    "<paper xmlns=\"urn:x-mspdoc:paper:1\" kind=\"report\" xml:lang=\"en\">\n"              /* 2 */
    "  <meta>\n"                                                                          /* 3 */
    "    <symbol>APLC/MSP.22/2025/90</symbol>\n"                                          /* 4 */
    "    <date>2025-10-08</date>\n"                                                       /* 5 */
    "    <original>en</original>\n"                                                       /* 6 */
    "    <meeting ref=\"22MSP\"/>\n"                                                      /* 7 */
    "    <agenda item=\"9\" sub=\"c\"/>\n"                                                /* 8 */
    "    <title>Report</title>\n"                                                         /* 9 */
    "    <submitted-by><by state=\"BE\"/><by state=\"JP\" chair=\"yes\"/><by>the European Union</by></submitted-by>\n" /* 10 */
    "    <reissue date=\"2025-12-02\" reason=\"for technical reasons\"/>\n"               /* 11 */
    "  </meta>\n"                                                                         /* 12 */
    "  <body>\n"                                                                          /* 13 */
    "    <chapter>\n"                                                                     /* 14 */
    "      <heading>Activities</heading>\n"                                               /* 15 */
    "      <p>One under <article n=\"5\"/>.</p>\n"                                        /* 16 */
    "      <p>Two<note>A note.</note>.</p>\n"                                             /* 17 */
    "      <items><item>a</item><item>b<items><item>i</item></items></item></items>\n"     /* 18 */
    "      <p numbered=\"no\">Unnumbered.</p>\n"                                          /* 19 */
    "    </chapter>\n"                                                                    /* 20 */
    "    <chapter>\n"                                                                     /* 21 */
    "      <heading>Priorities</heading>\n"                                               /* 22 */
    "      <p>Three on <action n=\"3\"/>.</p>\n"                                          /* 23 */
    "      <p>Four.</p>\n"                                                                /* 24 */
    "    </chapter>\n"                                                                    /* 25 */
    "    <annex><heading>Annex</heading><p>Annex one.</p></annex>\n"                      /* 26 */
    "  </body>\n"                                                                         /* 27 */
    "</paper>\n";

/* text with the first occurrence of old replaced (owned); old must be there */
static char *replaced(const char *text, const char *old, const char *new_text)
{
    const char *at = strstr(text, old);
    assert_non_null(at);
    return g_strdup_printf("%.*s%s%s", (int)(at - text), text, new_text, at + strlen(old));
}

/* The French version: translated text, same structure, then the edits
 * (pairs old, new; NULL ends). Owned. */
static char *french(const char *old, ...)
{
    char *t = replaced(base, "xml:lang=\"en\"", "xml:lang=\"fr\"");
    char *u = replaced(t, "<title>Report</title>", "<title>Rapport</title>");
    g_free(t);
    t = replaced(u, "<by>the European Union</by>", "<by>l'Union européenne</by>");
    g_free(u);
    u = replaced(t, "for technical reasons", "pour raisons techniques");
    g_free(t);
    t = replaced(u, "<p>Four.</p>", "<p>Quatre.</p>");
    g_free(u);
    va_list ap;
    va_start(ap, old);
    for (const char *o = old; o; o = va_arg(ap, const char *)) {
        const char *n = va_arg(ap, const char *);
        u = replaced(t, o, n);
        g_free(t);
        t = u;
    }
    va_end(ap);
    return t;
}

static msp_versions_summary *summary(msp_job *job, const char *path, const char *text)
{
    msp_source *src = NULL;
    assert_int_equal(msp_source_load_memory(job, &src, path, text, strlen(text)), MSP_OK);
    msp_versions_summary *s = msp_versions_summary_new(src);
    msp_source_free(src);
    return s;
}

typedef struct pair_result {
    msp_diag_list en, fr;
    int count;
} pair_result;

/* Compares base (en.xml) with the French text (fr.xml). */
static void compare(pair_result *r, const char *fr_text, bool warn)
{
    msp_job job;
    msp_job_init(&job);
    msp_versions_summary *a = summary(&job, "en.xml", base);
    msp_versions_summary *b = summary(&job, "fr.xml", fr_text);
    msp_diag_list_init(&r->en);
    msp_diag_list_init(&r->fr);
    r->count = msp_versions_compare(&r->en, a, &r->fr, b, warn);
    msp_versions_summary_free(a);
    msp_versions_summary_free(b);
    msp_job_clear(&job);
}

static void clear(pair_result *r)
{
    msp_diag_list_clear(&r->en);
    msp_diag_list_clear(&r->fr);
}

/* Asserts list has exactly one diagnostic, an error at line:column whose
 * message contains each of the NULL-ended strings. */
static void expect(const msp_diag_list *list, const char *file, int line, int column, ...)
{
    if (list->items->len != 1) {
        msp_diag_list_print(stderr, list);
        fail_msg("%u diagnostics, want 1", list->items->len);
    }
    const msp_diag *d = list->items->pdata[0];
    if (d->loc.line != line || d->loc.column != column || strcmp(d->loc.file, file) != 0) {
        msp_diag_list_print(stderr, list);
        fail_msg("at %s:%d:%d, want %s:%d:%d", d->loc.file, d->loc.line, d->loc.column, file, line, column);
    }
    assert_int_equal(d->severity, MSP_SEV_ERROR);
    assert_int_equal(d->status, MSP_E_SCHEMA);
    assert_non_null(d->hint);
    va_list ap;
    va_start(ap, column);
    for (const char *want = va_arg(ap, const char *); want; want = va_arg(ap, const char *))
        if (!strstr(d->message, want)) {
            msp_diag_list_print(stderr, list);
            fail_msg("message '%s' lacks '%s'", d->message, want);
        }
    va_end(ap);
}

static void test_versions_compare__translation_agrees(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french(NULL);
    compare(&r, fr, false);
    if (r.count) {
        msp_diag_list_print(stderr, &r.en);
        fail_msg("%d differences", r.count);
    }
    assert_int_equal(r.en.items->len, 0);
    assert_int_equal(r.fr.items->len, 0);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__date_in_both_files(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("<date>2025-10-08</date>", "<date>2025-10-09</date>", NULL);
    compare(&r, fr, false);
    assert_int_equal(r.count, 1);
    expect(&r.en, "en.xml", 5, 5, "the date is '2025-10-08' here but '2025-10-09' in fr.xml:5:5", NULL);
    expect(&r.fr, "fr.xml", 5, 5, "the date is '2025-10-09' here but '2025-10-08' in en.xml:5:5", NULL);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__reissue_date_not_reason(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("2025-12-02", "2025-12-03", NULL);
    compare(&r, fr, false);
    expect(&r.en, "en.xml", 11, 5, "the reissue", "2025-12-02", "fr.xml:11:5", NULL);
    expect(&r.fr, "fr.xml", 11, 5, "the reissue", "2025-12-03", NULL);
    clear(&r);
    g_free(fr);
    /* one version reissued alone (a translation corrected): not a difference */
    fr = french("    <reissue date=\"2025-12-02\" reason=\"pour raisons techniques\"/>\n", "", NULL);
    compare(&r, fr, false);
    assert_int_equal(r.en.items->len, 0);
    assert_int_equal(r.fr.items->len, 0);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__removed_paragraph_at_its_chapter(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("      <p>Three on <action n=\"3\"/>.</p>\n", "", NULL);
    compare(&r, fr, false);
    assert_int_equal(r.count, 1);
    expect(&r.en, "en.xml", 21, 5, "chapter II has 2 paragraphs here but 1 paragraph in fr.xml:21:5", NULL);
    expect(&r.fr, "fr.xml", 21, 5, "chapter II has 1 paragraph here but 2 paragraphs in en.xml:21:5", NULL);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__note_moved(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("<p>Two<note>A note.</note>.</p>", "<p>Two.</p>", "<p>Quatre.</p>",
                      "<p>Quatre<note>Une note.</note>.</p>", NULL);
    compare(&r, fr, false);
    assert_int_equal(r.count, 1);
    expect(&r.en, "en.xml", 17, 13, "paragraph 4 holds note 1 in fr.xml:24:16 but the note is in paragraph 2 here",
           NULL);
    expect(&r.fr, "fr.xml", 24, 16, "paragraph 2 holds note 1 in en.xml:17:13 but the note is in paragraph 4 here",
           NULL);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__note_removed(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("<p>Two<note>A note.</note>.</p>", "<p>Two.</p>", NULL);
    compare(&r, fr, false);
    /* the total at the body, and the paragraph that lost it */
    assert_int_equal(r.count, 2);
    assert_int_equal(r.fr.errors, 2);
    const msp_diag *total = r.fr.items->pdata[0], *where = r.fr.items->pdata[1];
    assert_non_null(strstr(total->message, "the paper has 0 numbered notes here but 1 in en.xml:13:3"));
    assert_int_equal(where->loc.line, 17);
    assert_non_null(strstr(where->message, "paragraph 2 holds 0 notes here but 1 in en.xml:17:7"));
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__numbering_sub_items_references(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("<p numbered=\"no\">Unnumbered.</p>", "<p>Numérotée.</p>", NULL);
    compare(&r, fr, false);
    expect(&r.en, "en.xml", 19, 7, "the unnumbered paragraph after paragraph 2 is unnumbered here but numbered in fr.xml:19:7",
           NULL);
    expect(&r.fr, "fr.xml", 19, 7, "paragraph 3 is numbered here but unnumbered in en.xml:19:7", NULL);
    clear(&r);
    g_free(fr);

    fr = french("<item>a</item><item>b", "<item>a</item><item>a2</item><item>b", NULL);
    compare(&r, fr, false);
    expect(&r.en, "en.xml", 18, 7, "the sub-items after paragraph 2 have 2 items here but 3 in fr.xml:18:7", NULL);
    clear(&r);
    g_free(fr);

    fr = french("<item>b<items><item>i</item></items></item>", "<item>b</item>", NULL);
    compare(&r, fr, false);
    expect(&r.fr, "fr.xml", 18, 7, "nest their sub-items differently in en.xml:18:7", NULL);
    clear(&r);
    g_free(fr);

    fr = french("One under <article n=\"5\"/>", "Un au titre de l'<article n=\"5\"/> et de l'<article n=\"7\"/>",
                "<action n=\"3\"/>", "<action n=\"4\"/>", NULL);
    compare(&r, fr, false);
    assert_int_equal(r.count, 2);
    const msp_diag *art = r.en.items->pdata[0], *act = r.en.items->pdata[1];
    assert_string_equal(art->message, "paragraph 1 refers to Article 5 here but to Articles 5 and 7 in fr.xml:16:7");
    assert_string_equal(act->message, "paragraph 3 refers to Action 3 here but to Action 4 in fr.xml:23:7");
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__annexes_and_submitters(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("    <annex><heading>Annex</heading><p>Annex one.</p></annex>\n", "", NULL);
    compare(&r, fr, false);
    expect(&r.en, "en.xml", 13, 3, "the paper has 1 annex here but 0 in fr.xml:13:3", NULL);
    clear(&r);
    g_free(fr);

    /* the written-out body is translated: only State codes and chairs count */
    fr = french("<by state=\"JP\" chair=\"yes\"/>", "<by state=\"JP\"/>", NULL);
    compare(&r, fr, false);
    expect(&r.en, "en.xml", 10, 5, "the list of submitters is 'BE, JP (chair) + 1 body written out' here but "
           "'BE, JP + 1 body written out' in fr.xml:10:5", NULL);
    clear(&r);
    g_free(fr);
}

static void test_versions_compare__draft_warns(void **state)
{
    (void)state;
    pair_result r;
    char *fr = french("<date>2025-10-08</date>", "<date>2025-10-09</date>", NULL);
    compare(&r, fr, true);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.en.errors, 0);
    assert_int_equal(r.en.warnings, 1);
    assert_int_equal(r.fr.warnings, 1);
    assert_int_equal(((const msp_diag *)r.fr.items->pdata[0])->severity, MSP_SEV_WARNING);
    clear(&r);
    g_free(fr);
}

static void test_versions_check__groups_by_symbol(void **state)
{
    (void)state;
    msp_job job;
    msp_job_init(&job);
    char *fr = french("<date>2025-10-08</date>", "<date>2025-10-09</date>", NULL);
    char *es = replaced(base, "xml:lang=\"en\"", "xml:lang=\"es\"");
    char *other = replaced(base, "APLC/MSP.22/2025/90", "APLC/MSP.22/2025/91");
    char *draft = replaced(fr, "  </meta>", "    <draft/>\n  </meta>");
    const char *texts[] = { fr, es, base, other, "<not-a-paper/>", draft };
    const char *names[] = { "fr.xml", "es.xml", "en.xml", "other.xml", "x.xml", "draft-fr.xml" };
    enum { N = 6 };
    msp_versions_summary *s[N];
    msp_diag_list lists[N];
    msp_diag_list *lp[N];
    for (int i = 0; i < N; i++) {
        s[i] = summary(&job, names[i], texts[i]);
        msp_diag_list_init(&lists[i]);
        lp[i] = &lists[i];
    }
    assert_null(msp_versions_summary_symbol(s[4]));
    assert_string_equal(msp_versions_summary_symbol(s[0]), "APLC/MSP.22/2025/90");
    assert_string_equal(msp_versions_summary_language(s[0]), "fr");
    /* en (the original language) is the reference: fr and draft-fr differ from it, es agrees */
    assert_int_equal(msp_versions_check(s, lp, N, false), 2);
    assert_int_equal(lists[0].errors, 1);
    assert_int_equal(lists[1].items->len, 0);
    assert_int_equal(lists[2].errors, 1);   /* against fr */
    assert_int_equal(lists[2].warnings, 1); /* against the draft */
    assert_int_equal(lists[3].items->len, 0);
    assert_int_equal(lists[4].items->len, 0);
    assert_int_equal(lists[5].errors, 0);
    assert_int_equal(lists[5].warnings, 1);
    for (int i = 0; i < N; i++) {
        msp_diag_list_clear(&lists[i]);
        msp_diag_list_init(&lists[i]);
    }
    /* a NULL summary takes no part; --draft makes every difference a warning */
    msp_versions_summary *kept = s[2];
    s[2] = NULL;
    assert_int_equal(msp_versions_check(s, lp, N, true), 0);
    assert_int_equal(lists[2].items->len, 0);
    s[2] = kept;
    for (int i = 0; i < N; i++) {
        msp_versions_summary_free(s[i]);
        msp_diag_list_clear(&lists[i]);
    }
    g_free(fr);
    g_free(es);
    g_free(other);
    g_free(draft);
    msp_job_clear(&job);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_versions_compare__translation_agrees),
        cmocka_unit_test(test_versions_compare__date_in_both_files),
        cmocka_unit_test(test_versions_compare__reissue_date_not_reason),
        cmocka_unit_test(test_versions_compare__removed_paragraph_at_its_chapter),
        cmocka_unit_test(test_versions_compare__note_moved),
        cmocka_unit_test(test_versions_compare__note_removed),
        cmocka_unit_test(test_versions_compare__numbering_sub_items_references),
        cmocka_unit_test(test_versions_compare__annexes_and_submitters),
        cmocka_unit_test(test_versions_compare__draft_warns),
        cmocka_unit_test(test_versions_check__groups_by_symbol),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
