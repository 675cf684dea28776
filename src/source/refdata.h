/* Reference data (data/ XML files): meetings, agenda items, States (UN short
 * names per language, keyed by ISO 3166-1 alpha-2 code), committees with their
 * members per year, Convention articles, Action Plan actions, labels.
 * Loaded once per process, read-only afterwards: share it between threads.
 * Also the content digest of data/ and templates/ for incremental builds. */
#ifndef MSP_REFDATA_H
#define MSP_REFDATA_H

#include "base/diag.h"

#include <glib.h>
#include <stdbool.h>

typedef struct msp_refdata_meeting {
    const char *id;             /* "22MSP", "5RC" */
    const char *kind;           /* "MSP" or "RC" */
    int number;
    int year;
    const char *start, *end;    /* ISO dates as written */
    msp_loc loc;
} msp_refdata_meeting;

typedef struct msp_refdata_member {
    const char *state;          /* ISO 3166-1 alpha-2 code (data/states.xml) */
    const char *name;           /* the State's English short name, for messages */
    bool chair;                 /* chair for the whole year or a period of it */
    const char *chair_from, *chair_to;  /* ISO dates or NULL (whole year) */
} msp_refdata_member;

typedef struct msp_refdata_committee {
    const char *id;
    const char *name;           /* English name */
    GHashTable *years;          /* GINT_TO_POINTER(year) -> GPtrArray of msp_refdata_member* */
    GHashTable *unknown_years;  /* years marked <year members="unknown"/>: set of GINT_TO_POINTER(year) */
    msp_loc loc;
} msp_refdata_committee;

typedef struct msp_refdata_agenda_sub {
    const char *letter;
    bool verified;              /* false: verified="no" in data/agenda.xml */
} msp_refdata_agenda_sub;

typedef struct msp_refdata_agenda_item {
    const char *meeting;
    int number;
    const char *stage;          /* as written, or NULL */
    bool verified;
    GPtrArray *subs;            /* msp_refdata_agenda_sub*, in file order */
} msp_refdata_agenda_item;

typedef struct msp_refdata msp_refdata;

/* Loads data_dir/{meetings,agenda,states,committees,convention,sraap,labels}.xml.
 * Every problem (unreadable or malformed file, missing or bad attribute,
 * duplicate id, agenda item of an unknown meeting ...) goes to diags as
 * MSP_E_DATA at the data file's line:column. Returns NULL if any error;
 * the caller owns the result (msp_refdata_free). */
msp_refdata *msp_refdata_load(msp_diag_list *diags, const char *data_dir);
void msp_refdata_free(msp_refdata *ref);

/* Lookups; all results borrowed, NULL / false when unknown. */
const msp_refdata_meeting *msp_refdata_meeting_get(const msp_refdata *ref, const char *id);
/* Comma-separated list of the known meeting ids (for hints); borrowed. */
const char *msp_refdata_meeting_ids(const msp_refdata *ref);
/* The meetings (msp_refdata_meeting*) in the order of data/meetings.xml; borrowed. */
const GPtrArray *msp_refdata_meeting_list(const msp_refdata *ref);
/* The meeting's name / place in lang exactly as data/meetings.xml has it
 * (no fallback to English), or NULL. */
const char *msp_refdata_meeting_name(const msp_refdata *ref, const char *id, const char *lang);
const char *msp_refdata_meeting_place(const msp_refdata *ref, const char *id, const char *lang);
/* The agenda items (msp_refdata_agenda_item*) in the order of data/agenda.xml; borrowed. */
const GPtrArray *msp_refdata_agenda_items(const msp_refdata *ref);
/* The title of agenda item (sub NULL) or sub-item in lang, no fallback, or NULL. */
const char *msp_refdata_agenda_title(const msp_refdata *ref, const char *meeting, int item, const char *sub,
                                     const char *lang);
/* True when meeting has agenda item number; with sub non-NULL, also that sub-item letter. */
bool msp_refdata_agenda_has(const msp_refdata *ref, const char *meeting, int item, const char *sub);
/* The stage ("provisional"/"adopted") of an agenda item as recorded, or NULL. */
const char *msp_refdata_agenda_stage(const msp_refdata *ref, const char *meeting, int item);
/* data/states.xml: the short name of State code in lang (without its article;
 * English when lang has none), or NULL when the code is unknown. */
const char *msp_refdata_state_name(const msp_refdata *ref, const char *code, const char *lang);
/* The State codes (const char*) in the order of data/states.xml; borrowed. */
const GPtrArray *msp_refdata_state_codes(const msp_refdata *ref);
const msp_refdata_committee *msp_refdata_committee_get(const msp_refdata *ref, const char *id);
/* Members of committee in year (GPtrArray of msp_refdata_member*), or NULL
 * (also for a year marked unknown, which has none). */
const GPtrArray *msp_refdata_committee_members(const msp_refdata_committee *c, int year);
/* True when data/committees.xml marks the committee's membership in year as
 * not known (<year value= members="unknown"/>): a gap in the data, not an
 * empty committee. */
bool msp_refdata_committee_year_unknown(const msp_refdata_committee *c, int year);
/* The years the committee lists, members known or marked unknown, ascending
 * (GArray of int); the caller unrefs it. */
GArray *msp_refdata_committee_years(const msp_refdata_committee *c);
/* The committees (msp_refdata_committee*) in the order of data/committees.xml; borrowed. */
const GPtrArray *msp_refdata_committee_list(const msp_refdata *ref);
/* Comma-separated list of the known committee ids (for hints); borrowed. */
const char *msp_refdata_committee_ids(const msp_refdata *ref);
/* The committee's name in lang exactly as data/committees.xml has it, or NULL. */
const char *msp_refdata_committee_name(const msp_refdata *ref, const char *id, const char *lang);
bool msp_refdata_article_has(const msp_refdata *ref, int number);
bool msp_refdata_action_has(const msp_refdata *ref, int number);
int msp_refdata_article_count(const msp_refdata *ref);
int msp_refdata_action_count(const msp_refdata *ref);
/* labels.xml: the label id in language lang (falls back to "en"), or NULL. */
const char *msp_refdata_label(const msp_refdata *ref, const char *lang, const char *id);

/* SHA-256 (hex) over the names and bytes of every regular file under the
 * given folders (sorted, recursive). Owned by the caller. NULL entries end
 * the list. A folder that cannot be read adds its name only. */
char *msp_refdata_digest_folders(const char *const *folders);

#endif
