/* Unit tests for the reference data: the project's data/ loads and answers
 * lookups (every committee's 2024 and 2025 known or marked unknown, the
 * 22MSP item 9 sub-items); problems in data files are MSP_E_DATA at file:line:column; the
 * digest of data/ and templates/ changes when a file does. */
#include "source/refdata.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static const char *root(void)
{
    return g_getenv("MSP_ROOT") ? g_getenv("MSP_ROOT") : MSP_TEST_DATA "/../..";
}

static void test_refdata_load__project_data_answers_lookups(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *data = g_build_filename(root(), "data", NULL);
    msp_refdata *ref = msp_refdata_load(&diags, data);
    msp_diag_list_print(stderr, &diags);
    assert_non_null(ref);
    const msp_refdata_meeting *m = msp_refdata_meeting_get(ref, "22MSP");
    assert_non_null(m);
    assert_int_equal(m->number, 22);
    assert_int_equal(m->year, 2025);
    assert_null(msp_refdata_meeting_get(ref, "99MSP"));
    assert_true(msp_refdata_agenda_has(ref, "22MSP", 9, "c"));
    assert_false(msp_refdata_agenda_has(ref, "22MSP", 9, "z"));
    assert_true(msp_refdata_article_has(ref, 22));
    assert_false(msp_refdata_article_has(ref, 23));
    assert_true(msp_refdata_action_has(ref, 48));
    assert_false(msp_refdata_action_has(ref, 49));
    const msp_refdata_committee *c = msp_refdata_committee_get(ref, "cooperation-assistance");
    assert_non_null(c);
    const GPtrArray *members = msp_refdata_committee_members(c, 2025);
    assert_non_null(members);
    assert_int_equal(members->len, 4);
    assert_non_null(msp_refdata_label(ref, "fr", "body-MSP"));
    msp_refdata_free(ref);
    msp_diag_list_clear(&diags);
    g_free(data);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char *p = g_build_filename(dir, name, NULL);
    assert_true(g_file_set_contents(p, text, -1, NULL));
    g_free(p);
}

static void test_refdata_load__errors_at_their_place(void **state)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "refdata-bad", NULL);
    g_mkdir_with_parents(dir, 0755);
    write_file(dir, "meetings.xml",
               "<meetings>\n"
               "  <meeting id=\"22MSP\" kind=\"MSP\" number=\"22\" year=\"2025\"/>\n"
               "  <meeting id=\"22MSP\" kind=\"MSP\" number=\"22\" year=\"2025\"/>\n"
               "  <meeting id=\"7MSP\" kind=\"MSP\" number=\"seven\" year=\"2006\"/>\n"
               "</meetings>\n");
    write_file(dir, "agenda.xml", "<agenda>\n  <item meeting=\"30MSP\" number=\"1\"/>\n</agenda>\n");
    write_file(dir, "committees.xml", "<committees><committee id='x'><name>X</name></committee></committees>");
    write_file(dir, "convention.xml", "<convention><article number='1'/></convention>");
    write_file(dir, "sraap.xml", "<sraap><action number='1'/>\n<action number='1'/></sraap>");
    write_file(dir, "labels.xml", "<labels><language code='en'><label id='a'>A</label></language>");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_refdata *ref = msp_refdata_load(&diags, dir);
    assert_null(ref);
    msp_diag_list_print(stderr, &diags);
    struct { const char *file; int line, col; const char *msg; } want[] = {
        { "meetings.xml", 3, 3, "duplicate meeting id '22MSP'" },
        { "meetings.xml", 4, 3, "number='seven' of <meeting> is not a whole number" },
        { "agenda.xml", 2, 3, "agenda item of unknown meeting '30MSP'" },
        { "sraap.xml", 2, 1, "duplicate action number 1" },
        { "labels.xml", 1, 0, "" },
    };
    for (size_t w = 0; w < G_N_ELEMENTS(want); w++) {
        bool found = false;
        for (guint i = 0; i < diags.items->len; i++) {
            const msp_diag *d = g_ptr_array_index(diags.items, i);
            if (d->status == MSP_E_DATA && g_str_has_suffix(d->loc.file, want[w].file) &&
                d->loc.line == want[w].line && (want[w].col == 0 || d->loc.column == want[w].col) &&
                strstr(d->message, want[w].msg))
                found = true;
        }
        if (!found)
            fail_msg("missing %s:%d:%d %s", want[w].file, want[w].line, want[w].col, want[w].msg);
    }
    msp_diag_list_clear(&diags);
    g_free(dir);
}

/* Every committee of data/committees.xml has its members for 2024 and 2025,
 * or the year marked members="unknown" (a gap, never left out silently). */
static void test_refdata_committees__2024_and_2025_known_or_marked(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *data = g_build_filename(root(), "data", NULL);
    msp_refdata *ref = msp_refdata_load(&diags, data);
    msp_diag_list_print(stderr, &diags);
    assert_non_null(ref);
    const GPtrArray *list = msp_refdata_committee_list(ref);
    assert_int_equal(list->len, 5);
    for (guint i = 0; i < list->len; i++) {
        const msp_refdata_committee *c = list->pdata[i];
        for (int year = 2024; year <= 2025; year++) {
            const GPtrArray *members = msp_refdata_committee_members(c, year);
            bool known = members && members->len > 0;
            bool gap = msp_refdata_committee_year_unknown(c, year);
            if (known == gap)
                fail_msg("committee '%s', %d: %s", c->id, year,
                         known ? "has members and is marked unknown" : "no members and no members=\"unknown\"");
        }
    }
    assert_string_equal(msp_refdata_committee_ids(ref),
                        "coordinating, article-5, cooperative-compliance, victim-assistance, cooperation-assistance");
    const msp_refdata_committee *vc = msp_refdata_committee_get(ref, "victim-assistance");
    GArray *years = msp_refdata_committee_years(vc);
    assert_int_equal(years->len, 2);
    assert_int_equal(g_array_index(years, int, 0), 2024);
    assert_int_equal(g_array_index(years, int, 1), 2025);
    g_array_unref(years);
    assert_string_equal(msp_refdata_committee_name(ref, "victim-assistance", "fr"),
                        "Comit\xc3\xa9 sur l'assistance aux victimes");
    assert_string_equal(msp_refdata_committee_name(ref, "victim-assistance", "ru"),
                        "\xd0\x9a\xd0\xbe\xd0\xbc\xd0\xb8\xd1\x82\xd0\xb5\xd1\x82 \xd0\xbf\xd0\xbe "
                        "\xd0\xbe\xd0\xba\xd0\xb0\xd0\xb7\xd0\xb0\xd0\xbd\xd0\xb8\xd1\x8e \xd0\xbf\xd0\xbe\xd0\xbc\xd0\xbe\xd1\x89\xd0\xb8 "
                        "\xd0\xb6\xd0\xb5\xd1\x80\xd1\x82\xd0\xb2\xd0\xb0\xd0\xbc");
    assert_string_equal(msp_refdata_committee_name(ref, "victim-assistance", "ar"),
                        "\xd9\x84\xd8\xac\xd9\x86\xd8\xa9 \xd9\x85\xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaf\xd8\xa9 "
                        "\xd8\xa7\xd9\x84\xd8\xb6\xd8\xad\xd8\xa7\xd9\x8a\xd8\xa7");
    /* a language the data has no name in */
    assert_null(msp_refdata_committee_name(ref, "victim-assistance", "de"));
    msp_refdata_free(ref);
    msp_diag_list_clear(&diags);
    g_free(data);
}

/* 22MSP item 9 as the Meeting's papers print it: (c) cooperation and
 * assistance, (d) compliance; lists in file order, titles per language. */
static void test_refdata_agenda__22msp_item_9(void **state)
{
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *data = g_build_filename(root(), "data", NULL);
    msp_refdata *ref = msp_refdata_load(&diags, data);
    assert_non_null(ref);
    assert_string_equal(msp_refdata_agenda_title(ref, "22MSP", 9, NULL, "en"),
                        "Consideration of the general status and operation of the Convention");
    assert_string_equal(msp_refdata_agenda_title(ref, "22MSP", 9, "c", "en"), "Cooperation and assistance");
    assert_string_equal(msp_refdata_agenda_title(ref, "22MSP", 9, "d", "en"),
                        "Preventing and suppressing prohibited activities and facilitating compliance");
    assert_string_equal(msp_refdata_agenda_title(ref, "22MSP", 9, "c", "es"), "Cooperaci\xc3\xb3n y asistencia");
    assert_false(msp_refdata_agenda_has(ref, "22MSP", 9, "e"));
    const GPtrArray *items = msp_refdata_agenda_items(ref);
    const msp_refdata_agenda_item *it = NULL;
    for (guint i = 0; i < items->len; i++)
        if (strcmp(((const msp_refdata_agenda_item *)items->pdata[i])->meeting, "22MSP") == 0)
            it = items->pdata[i];
    assert_non_null(it);
    assert_int_equal(it->subs->len, 4);
    const msp_refdata_agenda_sub *a = it->subs->pdata[0], *d = it->subs->pdata[3];
    assert_string_equal(a->letter, "a");
    assert_false(a->verified);
    assert_string_equal(d->letter, "d");
    assert_true(d->verified);
    const GPtrArray *meetings = msp_refdata_meeting_list(ref);
    assert_string_equal(((const msp_refdata_meeting *)meetings->pdata[0])->id, "21MSP");
    assert_string_equal(msp_refdata_meeting_place(ref, "22MSP", "fr"), "Gen\xc3\xa8ve");
    assert_string_equal(msp_refdata_meeting_name(ref, "22MSP", "en"), "Twenty-Second Meeting");
    assert_int_equal(msp_refdata_state_codes(ref)->len, 197);
    msp_refdata_free(ref);
    msp_diag_list_clear(&diags);
    g_free(data);
}

/* The gap marking and verified="no" are checked: a wrong value, members in a
 * year marked unknown, a year listed both ways, a sub-item listed twice. */
static void test_refdata_load__gap_marking_errors(void **state)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "refdata-gaps", NULL);
    g_mkdir_with_parents(dir, 0755);
    write_file(dir, "meetings.xml", "<meetings>\n  <meeting id=\"22MSP\" kind=\"MSP\" number=\"22\" year=\"2025\"/>\n"
                                    "</meetings>\n");
    write_file(dir, "agenda.xml", "<agenda>\n  <item meeting=\"22MSP\" number=\"9\" verified=\"maybe\">\n"
                                  "    <sub letter=\"a\"/>\n    <sub letter=\"a\"/>\n  </item>\n</agenda>\n");
    write_file(dir, "states.xml", "<states><state code=\"DK\"><name xml:lang=\"en\">Denmark</name></state></states>");
    write_file(dir, "committees.xml",
               "<committees>\n"
               "  <committee id=\"x\"><name xml:lang=\"en\">X</name>\n"
               "    <year value=\"2024\" members=\"none\"/>\n"
               "    <year value=\"2025\" members=\"unknown\">\n"
               "      <member state=\"DK\"/></year>\n"
               "    <year value=\"2025\"/>\n"
               "  </committee>\n"
               "</committees>\n");
    write_file(dir, "convention.xml", "<convention><article number='1'/></convention>");
    write_file(dir, "sraap.xml", "<sraap><action number='1'/></sraap>");
    write_file(dir, "labels.xml", "<labels><language code='en'><label id='a'>A</label></language></labels>");
    msp_diag_list diags;
    msp_diag_list_init(&diags);
    msp_refdata *ref = msp_refdata_load(&diags, dir);
    assert_null(ref);
    msp_diag_list_print(stderr, &diags);
    struct { const char *file; int line, col; const char *msg; } want[] = {
        { "agenda.xml", 2, 3, "verified='maybe' of <item> is not yes or no" },
        { "agenda.xml", 4, 5, "duplicate sub-item (a) of agenda item 9 of meeting 22MSP" },
        { "committees.xml", 3, 5, "members='none' of committee 'x', 2024, is not 'unknown'" },
        { "committees.xml", 5, 7, "committee 'x' lists members for 2025, marked members=\"unknown\"" },
        { "committees.xml", 6, 5, "committee 'x' lists year 2025 twice" },
    };
    for (size_t w = 0; w < G_N_ELEMENTS(want); w++) {
        bool found = false;
        for (guint i = 0; i < diags.items->len; i++) {
            const msp_diag *d = g_ptr_array_index(diags.items, i);
            if (d->status == MSP_E_DATA && g_str_has_suffix(d->loc.file, want[w].file) &&
                d->loc.line == want[w].line && d->loc.column == want[w].col && strstr(d->message, want[w].msg))
                found = true;
        }
        if (!found)
            fail_msg("missing %s:%d:%d %s", want[w].file, want[w].line, want[w].col, want[w].msg);
    }
    assert_int_equal(diags.errors, (int)G_N_ELEMENTS(want));
    msp_diag_list_clear(&diags);
    g_free(dir);
}

static void test_refdata_digest__changes_with_content(void **state)
{
    char *dir = g_build_filename(MSP_TEST_TMP, "refdata-digest", NULL);
    char *sub = g_build_filename(dir, "sub", NULL);
    g_mkdir_with_parents(sub, 0755);
    write_file(dir, "a.xml", "<a/>");
    write_file(sub, "b.xml", "<b/>");
    const char *folders[] = { dir, NULL };
    char *d1 = msp_refdata_digest_folders(folders);
    char *d2 = msp_refdata_digest_folders(folders);
    assert_string_equal(d1, d2);
    assert_int_equal(strlen(d1), 64);
    write_file(sub, "b.xml", "<b x='1'/>");
    char *d3 = msp_refdata_digest_folders(folders);
    assert_string_not_equal(d1, d3);
    g_free(d1);
    g_free(d2);
    g_free(d3);
    g_free(sub);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refdata_load__project_data_answers_lookups),
        cmocka_unit_test(test_refdata_load__errors_at_their_place),
        cmocka_unit_test(test_refdata_committees__2024_and_2025_known_or_marked),
        cmocka_unit_test(test_refdata_agenda__22msp_item_9),
        cmocka_unit_test(test_refdata_load__gap_marking_errors),
        cmocka_unit_test(test_refdata_digest__changes_with_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
