/* Unit tests for the reference data: the project's data/ loads and answers
 * lookups; problems in data files are MSP_E_DATA at file:line:column; the
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
        cmocka_unit_test(test_refdata_digest__changes_with_content),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
