/* Reference data: loads data/ XML files with the safe source loader into hash
 * tables (read-only afterwards), reporting data-file problems at their
 * line:column; plus the SHA-256 digest of data/ and templates/.
 * The stylesheets read the same files through document(); this is for checks. */
#include "source/refdata.h"
#include "source/source.h"

#include <stdlib.h>
#include <string.h>

struct msp_refdata {
    GStringChunk *strings;
    GHashTable *meetings;       /* id -> msp_refdata_meeting* */
    GPtrArray *meeting_list;    /* msp_refdata_meeting*, file order */
    GString *meeting_ids;
    GHashTable *agenda;         /* "meeting/item" -> stage; "meeting/item/sub" -> "" */
    GPtrArray *agenda_items;    /* msp_refdata_agenda_item* (owned), file order */
    GHashTable *states;         /* "CODE" and "CODE/lang" -> short name */
    GPtrArray *state_codes;     /* const char*, file order */
    GHashTable *committees;     /* id -> msp_refdata_committee* */
    GPtrArray *committee_list;  /* msp_refdata_committee*, file order */
    GString *committee_ids;
    GHashTable *texts;          /* "kind/key/field/lang" -> text: names, places and titles per language */
    GHashTable *articles;       /* GINT number -> title */
    GHashTable *actions;        /* GINT number -> "" */
    GHashTable *labels;         /* "lang/id" -> text */
    GPtrArray *owned;           /* structs to g_free */
};

typedef struct loader {
    msp_refdata *ref;
    msp_diag_list *diags;
    msp_source *src;
    msp_job job;                /* owns src->path while a file is open */
    bool job_live;
    int errors;
} loader;

static const char *keep(msp_refdata *ref, const char *s)
{
    return s ? g_string_chunk_insert_const(ref->strings, s) : NULL;
}

static msp_loc where(loader *ld, const xmlNode *node)
{
    msp_loc loc = msp_source_loc(ld->src, node);
    loc.file = keep(ld->ref, loc.file);
    return loc;
}

static void data_error(loader *ld, const xmlNode *node, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
static void data_error(loader *ld, const xmlNode *node, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msp_diag_error(ld->diags, MSP_E_DATA, where(ld, node), hint, "%s", msg);
    g_free(msg);
    ld->errors++;
}

static bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute's value kept in the string chunk, or NULL. */
static const char *attr(loader *ld, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = keep(ld->ref, (const char *)v);
    xmlFree(v);
    return s;
}

static const char *need_attr(loader *ld, const xmlNode *n, const char *name)
{
    const char *v = attr(ld, n, name);
    if (!v || !*v)
        data_error(ld, n, "see docs/data.md", "<%s> has no %s attribute", (const char *)n->name, name);
    return v && *v ? v : NULL;
}

static bool parse_int(const char *s, int *out)
{
    if (!s || !*s)
        return false;
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < 0 || v > 1000000)
        return false;
    *out = (int)v;
    return true;
}

static bool need_int(loader *ld, const xmlNode *n, const char *name, int *out)
{
    const char *v = need_attr(ld, n, name);
    if (!v)
        return false;
    if (!parse_int(v, out)) {
        data_error(ld, n, NULL, "%s='%s' of <%s> is not a whole number", name, v, (const char *)n->name);
        return false;
    }
    return true;
}

static bool iso_date_ok(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
            return false;
    return g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static xmlNode *first_child_el(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

static char *text_of(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char *s = g_strdup(t ? (const char *)t : "");
    xmlFree(t);
    return g_strstrip(s);
}

/* English child <name>/<title>, or the first one. */
static const char *lang_text(loader *ld, const xmlNode *n, const char *child)
{
    const xmlNode *first = NULL;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!is_el(c, child))
            continue;
        if (!first)
            first = c;
        xmlChar *lang = xmlNodeGetLang(c);
        bool en = lang && strcmp((const char *)lang, "en") == 0;
        xmlFree(lang);
        if (en) {
            first = c;
            break;
        }
    }
    if (!first)
        return NULL;
    char *t = text_of(first);
    const char *s = keep(ld->ref, t);
    g_free(t);
    return s;
}

/* Every child <child xml:lang=> of n into ref->texts as "prefix/lang". */
static void keep_lang_texts(loader *ld, const xmlNode *n, const char *child, const char *prefix)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (!is_el(c, child))
            continue;
        xmlChar *lang = xmlNodeGetLang(c);
        char *key = g_strdup_printf("%s/%s", prefix, lang ? (const char *)lang : "en");
        char *t = text_of(c);
        if (*t && !g_hash_table_contains(ld->ref->texts, key))
            g_hash_table_insert(ld->ref->texts, (gpointer)keep(ld->ref, key), (gpointer)keep(ld->ref, t));
        g_free(t);
        g_free(key);
        xmlFree(lang);
    }
}

static const char *text_get(const msp_refdata *ref, const char *prefix, const char *lang)
{
    char *key = g_strdup_printf("%s/%s", prefix, lang ? lang : "en");
    const char *v = g_hash_table_lookup(ref->texts, key);
    g_free(key);
    return v;
}

/* verified="no" (false) or "yes"/absent (true); another value is reported. */
static bool verified_attr(loader *ld, const xmlNode *n)
{
    const char *v = attr(ld, n, "verified");
    if (v && strcmp(v, "no") != 0 && strcmp(v, "yes") != 0)
        data_error(ld, n, "write verified=\"no\" or leave it out", "verified='%s' of <%s> is not yes or no", v,
                   (const char *)n->name);
    return !v || strcmp(v, "no") != 0;
}

static xmlNode *open_file(loader *ld, const char *dir, const char *file, const char *root_name)
{
    char *path = g_build_filename(dir, file, NULL);
    msp_job_init(&ld->job);
    ld->job_live = true;
    msp_status st = msp_source_load(&ld->job, &ld->src, path);
    for (guint i = 0; i < ld->job.diags.items->len; i++) {
        msp_diag *d = g_ptr_array_index(ld->job.diags.items, i);
        msp_loc loc = d->loc;
        loc.file = keep(ld->ref, loc.file);
        msp_diag_add(ld->diags, d->severity, d->severity == MSP_SEV_ERROR ? MSP_E_DATA : d->status, loc,
                     d->hint, "%s", d->message);
    }
    if (st != MSP_OK) {
        ld->errors++;
        g_free(path);
        return NULL;
    }
    xmlNode *root = xmlDocGetRootElement(ld->src->doc);
    if (!is_el(root, root_name)) {
        data_error(ld, root, "see docs/data.md", "the root element of %s must be <%s>", path, root_name);
        g_free(path);
        return NULL;
    }
    g_free(path);
    return root;
}

static void close_file(loader *ld)
{
    msp_source_free(ld->src);
    ld->src = NULL;
    if (ld->job_live)
        msp_job_clear(&ld->job);
    ld->job_live = false;
}

static void load_meetings(loader *ld, const char *dir)
{
    xmlNode *root = open_file(ld, dir, "meetings.xml", "meetings");
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_el(n, "meeting"))
            continue;
        msp_refdata_meeting *m = g_new0(msp_refdata_meeting, 1);
        g_ptr_array_add(ld->ref->owned, m);
        m->id = need_attr(ld, n, "id");
        m->kind = need_attr(ld, n, "kind");
        m->loc = where(ld, n);
        bool ok = m->id && m->kind && need_int(ld, n, "number", &m->number) && need_int(ld, n, "year", &m->year);
        m->start = attr(ld, n, "start");
        m->end = attr(ld, n, "end");
        if (m->kind && strcmp(m->kind, "MSP") != 0 && strcmp(m->kind, "RC") != 0)
            data_error(ld, n, "use MSP or RC", "unknown meeting kind '%s'", m->kind);
        if ((m->start && !iso_date_ok(m->start)) || (m->end && !iso_date_ok(m->end)))
            data_error(ld, n, "write dates as yyyy-mm-dd", "meeting %s has an invalid start or end date",
                       m->id ? m->id : "?");
        if (ok && m->kind) {
            char *want = g_strdup_printf("%d%s", m->number, m->kind);
            if (strcmp(want, m->id) != 0)
                data_error(ld, n, NULL, "meeting id '%s' does not match number %d and kind %s (expected '%s')",
                           m->id, m->number, m->kind, want);
            g_free(want);
        }
        if (m->start && iso_date_ok(m->start) && ok && atoi(m->start) != m->year)
            data_error(ld, n, NULL, "meeting %s starts in %d but its year is %d", m->id, atoi(m->start), m->year);
        if (!m->id)
            continue;
        if (g_hash_table_contains(ld->ref->meetings, m->id)) {
            data_error(ld, n, NULL, "duplicate meeting id '%s'", m->id);
            continue;
        }
        g_hash_table_insert(ld->ref->meetings, (gpointer)m->id, m);
        g_ptr_array_add(ld->ref->meeting_list, m);
        char *prefix = g_strdup_printf("meeting/%s/name", m->id);
        keep_lang_texts(ld, n, "name", prefix);
        g_free(prefix);
        prefix = g_strdup_printf("meeting/%s/place", m->id);
        keep_lang_texts(ld, n, "place", prefix);
        g_free(prefix);
        if (ld->ref->meeting_ids->len)
            g_string_append(ld->ref->meeting_ids, ", ");
        g_string_append(ld->ref->meeting_ids, m->id);
    }
    close_file(ld);
}

static void load_agenda(loader *ld, const char *dir)
{
    xmlNode *root = open_file(ld, dir, "agenda.xml", "agenda");
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_el(n, "item"))
            continue;
        const char *meeting = need_attr(ld, n, "meeting");
        int number = 0;
        if (!meeting || !need_int(ld, n, "number", &number))
            continue;
        if (!g_hash_table_contains(ld->ref->meetings, meeting))
            data_error(ld, n, "add the meeting to data/meetings.xml", "agenda item of unknown meeting '%s'",
                       meeting);
        const char *stage = attr(ld, n, "stage");
        char *key = g_strdup_printf("%s/%d", meeting, number);
        if (g_hash_table_contains(ld->ref->agenda, key))
            data_error(ld, n, NULL, "duplicate agenda item %d of meeting %s", number, meeting);
        g_hash_table_insert(ld->ref->agenda, (gpointer)keep(ld->ref, key), (gpointer)(stage ? stage : ""));
        msp_refdata_agenda_item *it = g_new0(msp_refdata_agenda_item, 1);
        it->meeting = meeting;
        it->number = number;
        it->stage = stage;
        it->verified = verified_attr(ld, n);
        it->subs = g_ptr_array_new_with_free_func(g_free);
        g_ptr_array_add(ld->ref->agenda_items, it);
        char *prefix = g_strdup_printf("agenda/%s/title", key);
        keep_lang_texts(ld, n, "title", prefix);
        g_free(prefix);
        for (xmlNode *s = n->children; s; s = s->next) {
            if (!is_el(s, "sub"))
                continue;
            const char *letter = need_attr(ld, s, "letter");
            if (!letter)
                continue;
            char *skey = g_strdup_printf("%s/%s", key, letter);
            if (g_hash_table_contains(ld->ref->agenda, skey))
                data_error(ld, s, NULL, "duplicate sub-item (%s) of agenda item %d of meeting %s", letter, number,
                           meeting);
            g_hash_table_insert(ld->ref->agenda, (gpointer)keep(ld->ref, skey), (gpointer)"");
            msp_refdata_agenda_sub *sub = g_new0(msp_refdata_agenda_sub, 1);
            sub->letter = letter;
            sub->verified = verified_attr(ld, s);
            g_ptr_array_add(it->subs, sub);
            prefix = g_strdup_printf("agenda/%s/title", skey);
            keep_lang_texts(ld, s, "title", prefix);
            g_free(prefix);
            g_free(skey);
        }
        g_free(key);
    }
    close_file(ld);
}

static void committee_free(gpointer p)
{
    msp_refdata_committee *c = p;
    g_hash_table_destroy(c->years);
    g_hash_table_destroy(c->unknown_years);
    g_free(c);
}

static void agenda_item_free(gpointer p)
{
    msp_refdata_agenda_item *it = p;
    g_ptr_array_unref(it->subs);
    g_free(it);
}

/* Chair periods of one committee year: each from <= to, and no two
 * overlapping (a period without dates is the whole year). Dates are ISO
 * yyyy-mm-dd, so they compare as strings; invalid ones were reported. */
static void check_chair_periods(loader *ld, const char *id, int year, GPtrArray *chairs, GPtrArray *chair_of)
{
    char first[16], last[16];
    g_snprintf(first, sizeof first, "%04d-01-01", year);
    g_snprintf(last, sizeof last, "%04d-12-31", year);
    for (guint i = 0; i < chairs->len; i++) {
        const msp_refdata_member *a = chair_of->pdata[i];
        const char *af = a->chair_from ? a->chair_from : first, *at = a->chair_to ? a->chair_to : last;
        if (strcmp(af, at) > 0)
            data_error(ld, chairs->pdata[i], "the period runs from 'from' to 'to'",
                       "%s's chair period in committee '%s' ends (%s) before it starts (%s)", a->name, id, at, af);
        for (guint j = 0; j < i; j++) {
            const msp_refdata_member *b = chair_of->pdata[j];
            const char *bf = b->chair_from ? b->chair_from : first, *bt = b->chair_to ? b->chair_to : last;
            if (strcmp(af, bt) <= 0 && strcmp(bf, at) <= 0)
                data_error(ld, chairs->pdata[i], "two chairs share a year by consecutive periods (from/to)",
                           "%s's chair period (%s to %s) overlaps %s's (%s to %s) in committee '%s', %d",
                           a->name, af, at, b->name, bf, bt, id, year);
        }
    }
}

/* True for two capital ASCII letters: the shape of an ISO 3166-1 alpha-2 code. */
static bool state_code_ok(const char *s)
{
    return s && g_ascii_isupper(s[0]) && g_ascii_isupper(s[1]) && s[2] == '\0';
}

static void load_states(loader *ld, const char *dir)
{
    xmlNode *root = open_file(ld, dir, "states.xml", "states");
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_el(n, "state"))
            continue;
        const char *code = need_attr(ld, n, "code");
        if (!code)
            continue;
        if (!state_code_ok(code)) {
            data_error(ld, n, "a State's code is its ISO 3166-1 alpha-2 code, two capital letters",
                       "State code '%s' is not two capital letters", code);
            continue;
        }
        if (g_hash_table_contains(ld->ref->states, code)) {
            data_error(ld, n, NULL, "duplicate State code '%s'", code);
            continue;
        }
        const char *en = NULL;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (!is_el(c, "name"))
                continue;
            xmlChar *lang = xmlNodeGetLang(c);
            char *t = text_of(c);
            if (!lang || !*t) {
                data_error(ld, c, "write <name xml:lang=\"en\">Cameroon</name>",
                           "a name of State '%s' has no language or no text", code);
            } else {
                char *key = g_strdup_printf("%s/%s", code, (const char *)lang);
                if (g_hash_table_contains(ld->ref->states, key))
                    data_error(ld, c, NULL, "State '%s' has two names in '%s'", code, (const char *)lang);
                const char *kept = keep(ld->ref, t);
                g_hash_table_insert(ld->ref->states, (gpointer)keep(ld->ref, key), (gpointer)kept);
                if (strcmp((const char *)lang, "en") == 0)
                    en = kept;
                g_free(key);
            }
            xmlFree(lang);
            g_free(t);
        }
        if (!en)
            data_error(ld, n, "add <name xml:lang=\"en\">", "State '%s' has no English name", code);
        g_hash_table_insert(ld->ref->states, (gpointer)code, (gpointer)(en ? en : code));
        g_ptr_array_add(ld->ref->state_codes, (gpointer)code);
    }
    close_file(ld);
}

static void load_committees(loader *ld, const char *dir)
{
    xmlNode *root = open_file(ld, dir, "committees.xml", "committees");
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_el(n, "committee"))
            continue;
        const char *id = need_attr(ld, n, "id");
        if (!id)
            continue;
        if (g_hash_table_contains(ld->ref->committees, id)) {
            data_error(ld, n, NULL, "duplicate committee id '%s'", id);
            continue;
        }
        msp_refdata_committee *c = g_new0(msp_refdata_committee, 1);
        c->id = id;
        c->name = lang_text(ld, n, "name");
        c->loc = where(ld, n);
        c->years = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
        c->unknown_years = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(ld->ref->committees, (gpointer)id, c);
        g_ptr_array_add(ld->ref->committee_list, c);
        if (ld->ref->committee_ids->len)
            g_string_append(ld->ref->committee_ids, ", ");
        g_string_append(ld->ref->committee_ids, id);
        char *prefix = g_strdup_printf("committee/%s/name", id);
        keep_lang_texts(ld, n, "name", prefix);
        g_free(prefix);
        if (!c->name)
            data_error(ld, n, "add <name xml:lang=\"en\">", "committee '%s' has no name", id);
        for (xmlNode *y = n->children; y; y = y->next) {
            if (!is_el(y, "year"))
                continue;
            int year = 0;
            if (!need_int(ld, y, "value", &year))
                continue;
            if (g_hash_table_contains(c->years, GINT_TO_POINTER(year)) ||
                g_hash_table_contains(c->unknown_years, GINT_TO_POINTER(year))) {
                data_error(ld, y, NULL, "committee '%s' lists year %d twice", id, year);
                continue;
            }
            /* <year value= members="unknown"/>: the year's membership is a
             * marked gap in the data (no member may be listed with it) */
            const char *which = attr(ld, y, "members");
            if (which) {
                if (strcmp(which, "unknown") != 0) {
                    data_error(ld, y, "members=\"unknown\" marks a year whose members no source names",
                               "members='%s' of committee '%s', %d, is not 'unknown'", which, id, year);
                } else if (first_child_el(y, "member")) {
                    data_error(ld, first_child_el(y, "member"),
                               "list the members and drop members=\"unknown\", or drop the members",
                               "committee '%s' lists members for %d, marked members=\"unknown\"", id, year);
                }
                g_hash_table_add(c->unknown_years, GINT_TO_POINTER(year));
                continue;
            }
            GPtrArray *members = g_ptr_array_new_with_free_func(g_free);
            g_hash_table_insert(c->years, GINT_TO_POINTER(year), members);
            GPtrArray *chairs = g_ptr_array_new();      /* of xmlNode <chair>, for the overlap check */
            GPtrArray *chair_of = g_ptr_array_new();    /* the member each belongs to */
            for (xmlNode *m = y->children; m; m = m->next) {
                if (!is_el(m, "member"))
                    continue;
                msp_refdata_member *mem = g_new0(msp_refdata_member, 1);
                mem->state = need_attr(ld, m, "state");
                mem->name = mem->state ? g_hash_table_lookup(ld->ref->states, mem->state) : NULL;
                if (mem->state && !mem->name)
                    data_error(ld, m, "name a member by its code in data/states.xml (ISO 3166-1 alpha-2, e.g. DK)",
                               "unknown State '%s' in committee '%s'", mem->state, id);
                xmlNode *ch = first_child_el(m, "chair");
                if (ch) {
                    mem->chair = true;
                    mem->chair_from = attr(ld, ch, "from");
                    mem->chair_to = attr(ld, ch, "to");
                    const char *ds[2] = { mem->chair_from, mem->chair_to };
                    for (int k = 0; k < 2; k++)
                        if (ds[k] && (!iso_date_ok(ds[k]) || atoi(ds[k]) != year))
                            data_error(ld, ch, "write a yyyy-mm-dd date inside the <year>",
                                       "chair period date '%s' is not a valid date in %d", ds[k], year);
                }
                if (!mem->name) {
                    g_free(mem);
                    continue;
                }
                for (guint k = 0; k < members->len; k++)
                    if (strcmp(((msp_refdata_member *)members->pdata[k])->state, mem->state) == 0)
                        data_error(ld, m, NULL, "%s is listed twice in committee '%s' for %d", mem->name, id, year);
                g_ptr_array_add(members, mem);
                if (ch) {
                    g_ptr_array_add(chairs, ch);
                    g_ptr_array_add(chair_of, mem);
                }
            }
            check_chair_periods(ld, id, year, chairs, chair_of);
            g_ptr_array_free(chairs, TRUE);
            g_ptr_array_free(chair_of, TRUE);
        }
    }
    close_file(ld);
}

static void load_numbered(loader *ld, const char *dir, const char *file, const char *root_name,
                          const char *el, GHashTable *table)
{
    xmlNode *root = open_file(ld, dir, file, root_name);
    for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
        if (!is_el(n, el))
            continue;
        int number = 0;
        if (!need_int(ld, n, "number", &number))
            continue;
        if (number < 1) {
            data_error(ld, n, NULL, "<%s> number must be at least 1", el);
            continue;
        }
        if (g_hash_table_contains(table, GINT_TO_POINTER(number))) {
            data_error(ld, n, NULL, "duplicate %s number %d", el, number);
            continue;
        }
        const char *title = lang_text(ld, n, "title");
        g_hash_table_insert(table, GINT_TO_POINTER(number), (gpointer)(title ? title : ""));
    }
    close_file(ld);
}

static void load_labels(loader *ld, const char *dir)
{
    xmlNode *root = open_file(ld, dir, "labels.xml", "labels");
    for (xmlNode *l = root ? root->children : NULL; l; l = l->next) {
        if (!is_el(l, "language"))
            continue;
        const char *code = need_attr(ld, l, "code");
        if (!code)
            continue;
        for (xmlNode *n = l->children; n; n = n->next) {
            if (!is_el(n, "label"))
                continue;
            const char *id = need_attr(ld, n, "id");
            if (!id)
                continue;
            char *key = g_strdup_printf("%s/%s", code, id);
            if (g_hash_table_contains(ld->ref->labels, key))
                data_error(ld, n, NULL, "duplicate label '%s' for language %s", id, code);
            char *t = text_of(n);
            g_hash_table_insert(ld->ref->labels, (gpointer)keep(ld->ref, key), (gpointer)keep(ld->ref, t));
            g_free(t);
            g_free(key);
        }
    }
    close_file(ld);
}

msp_refdata *msp_refdata_load(msp_diag_list *diags, const char *data_dir)
{
    msp_refdata *ref = g_new0(msp_refdata, 1);
    ref->strings = g_string_chunk_new(4096);
    ref->meetings = g_hash_table_new(g_str_hash, g_str_equal);
    ref->meeting_list = g_ptr_array_new();
    ref->meeting_ids = g_string_new(NULL);
    ref->agenda = g_hash_table_new(g_str_hash, g_str_equal);
    ref->agenda_items = g_ptr_array_new_with_free_func(agenda_item_free);
    ref->states = g_hash_table_new(g_str_hash, g_str_equal);
    ref->state_codes = g_ptr_array_new();
    ref->committees = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, committee_free);
    ref->committee_list = g_ptr_array_new();
    ref->committee_ids = g_string_new(NULL);
    ref->texts = g_hash_table_new(g_str_hash, g_str_equal);
    ref->articles = g_hash_table_new(g_direct_hash, g_direct_equal);
    ref->actions = g_hash_table_new(g_direct_hash, g_direct_equal);
    ref->labels = g_hash_table_new(g_str_hash, g_str_equal);
    ref->owned = g_ptr_array_new_with_free_func(g_free);
    loader ld = { .ref = ref, .diags = diags };
    load_meetings(&ld, data_dir);
    load_agenda(&ld, data_dir);
    load_states(&ld, data_dir);
    load_committees(&ld, data_dir);
    load_numbered(&ld, data_dir, "convention.xml", "convention", "article", ref->articles);
    load_numbered(&ld, data_dir, "sraap.xml", "sraap", "action", ref->actions);
    load_labels(&ld, data_dir);
    if (ld.errors > 0) {
        msp_refdata_free(ref);
        return NULL;
    }
    return ref;
}

void msp_refdata_free(msp_refdata *ref)
{
    if (!ref)
        return;
    g_hash_table_destroy(ref->meetings);
    g_ptr_array_unref(ref->meeting_list);
    g_string_free(ref->meeting_ids, TRUE);
    g_hash_table_destroy(ref->agenda);
    g_ptr_array_unref(ref->agenda_items);
    g_hash_table_destroy(ref->states);
    g_ptr_array_unref(ref->state_codes);
    g_ptr_array_unref(ref->committee_list);
    g_hash_table_destroy(ref->committees);
    g_string_free(ref->committee_ids, TRUE);
    g_hash_table_destroy(ref->texts);
    g_hash_table_destroy(ref->articles);
    g_hash_table_destroy(ref->actions);
    g_hash_table_destroy(ref->labels);
    g_ptr_array_unref(ref->owned);
    g_string_chunk_free(ref->strings);
    g_free(ref);
}

const msp_refdata_meeting *msp_refdata_meeting_get(const msp_refdata *ref, const char *id)
{
    return id ? g_hash_table_lookup(ref->meetings, id) : NULL;
}

const char *msp_refdata_meeting_ids(const msp_refdata *ref)
{
    return ref->meeting_ids->str;
}

const GPtrArray *msp_refdata_meeting_list(const msp_refdata *ref)
{
    return ref->meeting_list;
}

static const char *field_get(const msp_refdata *ref, const char *kind, const char *key, const char *field,
                             const char *lang)
{
    if (!key)
        return NULL;
    char *prefix = g_strdup_printf("%s/%s/%s", kind, key, field);
    const char *v = text_get(ref, prefix, lang);
    g_free(prefix);
    return v;
}

const char *msp_refdata_meeting_name(const msp_refdata *ref, const char *id, const char *lang)
{
    return field_get(ref, "meeting", id, "name", lang);
}

const char *msp_refdata_meeting_place(const msp_refdata *ref, const char *id, const char *lang)
{
    return field_get(ref, "meeting", id, "place", lang);
}

const GPtrArray *msp_refdata_agenda_items(const msp_refdata *ref)
{
    return ref->agenda_items;
}

const char *msp_refdata_agenda_title(const msp_refdata *ref, const char *meeting, int item, const char *sub,
                                     const char *lang)
{
    char *key = sub ? g_strdup_printf("%s/%d/%s", meeting, item, sub) : g_strdup_printf("%s/%d", meeting, item);
    const char *v = field_get(ref, "agenda", key, "title", lang);
    g_free(key);
    return v;
}

bool msp_refdata_agenda_has(const msp_refdata *ref, const char *meeting, int item, const char *sub)
{
    char *key = sub ? g_strdup_printf("%s/%d/%s", meeting, item, sub) : g_strdup_printf("%s/%d", meeting, item);
    bool has = g_hash_table_contains(ref->agenda, key);
    g_free(key);
    return has;
}

const char *msp_refdata_agenda_stage(const msp_refdata *ref, const char *meeting, int item)
{
    char *key = g_strdup_printf("%s/%d", meeting, item);
    const char *stage = g_hash_table_lookup(ref->agenda, key);
    g_free(key);
    return stage && *stage ? stage : NULL;
}

const char *msp_refdata_state_name(const msp_refdata *ref, const char *code, const char *lang)
{
    if (!code)
        return NULL;
    const char *en = g_hash_table_lookup(ref->states, code);
    if (!en || !lang)
        return en;
    char *key = g_strdup_printf("%s/%s", code, lang);
    const char *v = g_hash_table_lookup(ref->states, key);
    g_free(key);
    return v ? v : en;
}

const GPtrArray *msp_refdata_state_codes(const msp_refdata *ref)
{
    return ref->state_codes;
}

const msp_refdata_committee *msp_refdata_committee_get(const msp_refdata *ref, const char *id)
{
    return id ? g_hash_table_lookup(ref->committees, id) : NULL;
}

const GPtrArray *msp_refdata_committee_members(const msp_refdata_committee *c, int year)
{
    return g_hash_table_lookup(c->years, GINT_TO_POINTER(year));
}

bool msp_refdata_committee_year_unknown(const msp_refdata_committee *c, int year)
{
    return g_hash_table_contains(c->unknown_years, GINT_TO_POINTER(year));
}

static gint compare_int(gconstpointer a, gconstpointer b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

GArray *msp_refdata_committee_years(const msp_refdata_committee *c)
{
    GArray *years = g_array_new(FALSE, FALSE, sizeof(int));
    GHashTable *tables[2] = { c->years, c->unknown_years };
    for (int t = 0; t < 2; t++) {
        GHashTableIter it;
        gpointer key;
        g_hash_table_iter_init(&it, tables[t]);
        while (g_hash_table_iter_next(&it, &key, NULL)) {
            int y = GPOINTER_TO_INT(key);
            g_array_append_val(years, y);
        }
    }
    g_array_sort(years, compare_int);
    return years;
}

const GPtrArray *msp_refdata_committee_list(const msp_refdata *ref)
{
    return ref->committee_list;
}

const char *msp_refdata_committee_ids(const msp_refdata *ref)
{
    return ref->committee_ids->str;
}

const char *msp_refdata_committee_name(const msp_refdata *ref, const char *id, const char *lang)
{
    return field_get(ref, "committee", id, "name", lang);
}

bool msp_refdata_article_has(const msp_refdata *ref, int number)
{
    return g_hash_table_contains(ref->articles, GINT_TO_POINTER(number));
}

bool msp_refdata_action_has(const msp_refdata *ref, int number)
{
    return g_hash_table_contains(ref->actions, GINT_TO_POINTER(number));
}

int msp_refdata_article_count(const msp_refdata *ref)
{
    return (int)g_hash_table_size(ref->articles);
}

int msp_refdata_action_count(const msp_refdata *ref)
{
    return (int)g_hash_table_size(ref->actions);
}

const char *msp_refdata_label(const msp_refdata *ref, const char *lang, const char *id)
{
    char *key = g_strdup_printf("%s/%s", lang ? lang : "en", id);
    const char *v = g_hash_table_lookup(ref->labels, key);
    g_free(key);
    if (!v && lang && strcmp(lang, "en") != 0)
        return msp_refdata_label(ref, "en", id);
    return v;
}

static void collect_files(const char *root, const char *rel, GPtrArray *out)
{
    char *dir_path = rel ? g_build_filename(root, rel, NULL) : g_strdup(root);
    GDir *dir = g_dir_open(dir_path, 0, NULL);
    if (!dir) {
        g_free(dir_path);
        return;
    }
    const char *name;
    while ((name = g_dir_read_name(dir))) {
        char *sub = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
        char *full = g_build_filename(root, sub, NULL);
        if (g_file_test(full, G_FILE_TEST_IS_DIR) && !g_file_test(full, G_FILE_TEST_IS_SYMLINK))
            collect_files(root, sub, out);
        else if (g_file_test(full, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(out, g_strdup(sub));
        g_free(full);
        g_free(sub);
    }
    g_dir_close(dir);
    g_free(dir_path);
}

static gint compare_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *msp_refdata_digest_folders(const char *const *folders)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    for (int f = 0; folders && folders[f]; f++) {
        char *base = g_path_get_basename(folders[f]);
        g_checksum_update(sum, (const guchar *)base, (gssize)strlen(base) + 1);
        g_free(base);
        GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
        collect_files(folders[f], NULL, files);
        g_ptr_array_sort(files, compare_str);
        for (guint i = 0; i < files->len; i++) {
            const char *rel = files->pdata[i];
            char *full = g_build_filename(folders[f], rel, NULL);
            char *buf = NULL;
            gsize len = 0;
            g_checksum_update(sum, (const guchar *)rel, (gssize)strlen(rel) + 1);
            if (g_file_get_contents(full, &buf, &len, NULL)) {
                char size[32];
                g_snprintf(size, sizeof size, "%zu:", (size_t)len);
                g_checksum_update(sum, (const guchar *)size, (gssize)strlen(size));
                g_checksum_update(sum, (const guchar *)buf, (gssize)len);
                g_free(buf);
            }
            g_free(full);
        }
        g_ptr_array_unref(files);
    }
    char *hex = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    return hex;
}
