/* `mspdoc data --list committees|meetings|agenda|states [--lang L]`: prints
 * what the reference data (the XML files of data/) knows, for authors: plain text, one
 * record a line, in the order of the data files (States by code). Names in
 * language L when the data has them, else in English marked "[en]". */
#include "cli/cmd.h"
#include "source/refdata.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* The text in lang, else the English one followed by " [en]" (owned). */
static char *in_lang(const char *text, const char *en, const char *lang)
{
    if (text)
        return g_strdup(text);
    if (!en)
        return g_strdup("(no name)");
    return strcmp(lang, "en") == 0 ? g_strdup(en) : g_strdup_printf("%s [en]", en);
}

static void list_committees(const msp_refdata *ref, const char *lang)
{
    const GPtrArray *list = msp_refdata_committee_list(ref);
    for (guint i = 0; i < list->len; i++) {
        const msp_refdata_committee *c = list->pdata[i];
        char *name = in_lang(msp_refdata_committee_name(ref, c->id, lang), c->name, lang);
        printf("%s: %s\n", c->id, name);
        g_free(name);
        GArray *years = msp_refdata_committee_years(c);
        for (guint y = 0; y < years->len; y++) {
            int year = g_array_index(years, int, y);
            if (msp_refdata_committee_year_unknown(c, year)) {
                printf("  %d: members not known (marked in data/committees.xml)\n", year);
                continue;
            }
            const GPtrArray *members = msp_refdata_committee_members(c, year);
            printf("  %d:", year);
            for (guint m = 0; members && m < members->len; m++) {
                const msp_refdata_member *mem = members->pdata[m];
                printf("%s %s %s", m > 0 ? "," : "", mem->state, msp_refdata_state_name(ref, mem->state, lang));
                char from[16], to[16];
                g_snprintf(from, sizeof from, "%04d-01-01", year);
                g_snprintf(to, sizeof to, "%04d-12-31", year);
                if (mem->chair && (mem->chair_from || mem->chair_to))
                    printf(" (Chair %s to %s)", mem->chair_from ? mem->chair_from : from,
                           mem->chair_to ? mem->chair_to : to);
                else if (mem->chair)
                    printf(" (Chair)");
            }
            printf("%s\n", members && members->len ? "" : " no members");
        }
        g_array_unref(years);
    }
}

static void list_meetings(const msp_refdata *ref, const char *lang)
{
    const GPtrArray *list = msp_refdata_meeting_list(ref);
    for (guint i = 0; i < list->len; i++) {
        const msp_refdata_meeting *m = list->pdata[i];
        char *name = in_lang(msp_refdata_meeting_name(ref, m->id, lang), msp_refdata_meeting_name(ref, m->id, "en"),
                             lang);
        char *place = in_lang(msp_refdata_meeting_place(ref, m->id, lang),
                              msp_refdata_meeting_place(ref, m->id, "en"), lang);
        printf("%s: %s, %s, %s to %s\n", m->id, name, place, m->start ? m->start : "?", m->end ? m->end : "?");
        g_free(name);
        g_free(place);
    }
}

/* Agenda items grouped by meeting in the order of data/meetings.xml, then as
 * data/agenda.xml lists them. */
static void list_agenda(const msp_refdata *ref, const char *lang)
{
    const GPtrArray *meetings = msp_refdata_meeting_list(ref);
    const GPtrArray *items = msp_refdata_agenda_items(ref);
    for (guint i = 0; i < meetings->len; i++) {
        const msp_refdata_meeting *m = meetings->pdata[i];
        for (guint k = 0; k < items->len; k++) {
            const msp_refdata_agenda_item *it = items->pdata[k];
            if (strcmp(it->meeting, m->id) != 0)
                continue;
            char *title = in_lang(msp_refdata_agenda_title(ref, it->meeting, it->number, NULL, lang),
                                  msp_refdata_agenda_title(ref, it->meeting, it->number, NULL, "en"), lang);
            printf("%s item %d%s%s%s: %s%s\n", it->meeting, it->number, it->stage ? " (" : "",
                   it->stage ? it->stage : "", it->stage ? ")" : "", title, it->verified ? "" : " [not verified]");
            g_free(title);
            for (guint s = 0; s < it->subs->len; s++) {
                const msp_refdata_agenda_sub *sub = it->subs->pdata[s];
                title = in_lang(msp_refdata_agenda_title(ref, it->meeting, it->number, sub->letter, lang),
                                msp_refdata_agenda_title(ref, it->meeting, it->number, sub->letter, "en"), lang);
                printf("  %d (%s): %s%s\n", it->number, sub->letter, title, sub->verified ? "" : " [not verified]");
                g_free(title);
            }
        }
    }
}

static gint compare_code(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void list_states(const msp_refdata *ref, const char *lang)
{
    const GPtrArray *codes = msp_refdata_state_codes(ref);
    GPtrArray *sorted = g_ptr_array_sized_new(codes->len);
    for (guint i = 0; i < codes->len; i++)
        g_ptr_array_add(sorted, codes->pdata[i]);
    g_ptr_array_sort(sorted, compare_code);
    for (guint i = 0; i < sorted->len; i++)
        printf("%s: %s\n", (const char *)sorted->pdata[i], msp_refdata_state_name(ref, sorted->pdata[i], lang));
    g_ptr_array_free(sorted, TRUE);
}

int msp_cmd_data(int argc, char **argv)
{
    char *what = NULL, *lang = NULL;
    GOptionEntry entries[] = {
        { "list", 'l', 0, G_OPTION_ARG_STRING, &what, "What to list: committees, meetings, agenda or states",
          "WHAT" },
        { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Print names in this language: en (default), fr, es, ar, zh, ru",
          "L" },
        { NULL, 0, 0, 0, NULL, NULL, NULL }
    };
    GOptionContext *oc = g_option_context_new("--list WHAT - print what the reference data knows");
    g_option_context_add_main_entries(oc, entries, NULL);
    g_option_context_set_description(oc,
        "Lists, one record a line, from data/*.xml (under $MSP_ROOT):\n"
        "  committees  id and name; per year its members (code, name), the chair marked,\n"
        "              or \"members not known\" where the data marks a gap\n"
        "  meetings    id, name, place, first and last day\n"
        "  agenda      per meeting its items and sub-items with their titles;\n"
        "              [not verified] where no paper of the meeting confirms one\n"
        "  states      code and short name, by code\n"
        "A name the data has not in the --lang language is printed in English, marked [en].\n"
        "Exit status: 0 listed, 1 the data does not load, 2 usage error.");
    bool ok = msp_cli_parse(oc, "data", &argc, &argv, 0, 0, "expected no arguments besides the options");
    g_option_context_free(oc);
    static const char *const kinds[] = { "committees", "meetings", "agenda", "states" };
    static const char *const langs[] = { "en", "fr", "es", "ar", "zh", "ru" };
    int kind = -1;
    for (int i = 0; ok && what && i < (int)G_N_ELEMENTS(kinds); i++)
        if (strcmp(what, kinds[i]) == 0)
            kind = i;
    bool lang_ok = !lang;
    for (size_t i = 0; ok && lang && i < G_N_ELEMENTS(langs); i++)
        lang_ok = lang_ok || strcmp(lang, langs[i]) == 0;
    if (ok && (kind < 0 || !lang_ok)) {
        if (kind < 0)
            fprintf(stderr, "mspdoc data: %s%s%s: use --list committees, meetings, agenda or states\n",
                    what ? "unknown list '" : "nothing to list", what ? what : "", what ? "'" : "");
        else
            fprintf(stderr, "mspdoc data: unknown language '%s': use --lang en, fr, es, ar, zh or ru\n", lang);
        fputs("Try 'mspdoc data --help'.\n", stderr);
        ok = false;
    }
    if (!ok) {
        g_free(what);
        g_free(lang);
        return MSP_EXIT_USAGE;
    }

    msp_diag_list diags;
    msp_diag_list_init(&diags);
    char *dir = g_build_filename(msp_cli_root(), "data", NULL);
    msp_refdata *ref = msp_refdata_load(&diags, dir);
    msp_diag_list_print(stderr, &diags);
    msp_diag_list_clear(&diags);
    g_free(dir);
    if (!ref) {
        g_free(what);
        g_free(lang);
        return MSP_EXIT_FAILED;
    }
    const char *l = lang ? lang : "en";
    switch (kind) {
    case 0: list_committees(ref, l); break;
    case 1: list_meetings(ref, l); break;
    case 2: list_agenda(ref, l); break;
    default: list_states(ref, l); break;
    }
    msp_refdata_free(ref);
    g_free(what);
    g_free(lang);
    return MSP_EXIT_OK;
}
