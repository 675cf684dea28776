/* Checking a loaded paper: RELAX NG validation (schema compiled once and
 * shared; every violation reported with line:column) and the domain checks
 * that need the reference data or the whole document. Every check runs, so
 * a paper with ten errors reports ten. Layout concerns are not checked here. */
#include "source/schema_private.h"
#include "source/source.h"

#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>

/* A count or number written in a source (item, year, Article): its value
 * when it is a plain decimal of at most 9 digits, else -1 (never wraps, so
 * "4294967302" cannot pass as Article 6). */
static int small_number(const char *s)
{
    if (!s || !*s || strlen(s) > 9)
        return -1;
    for (const char *p = s; *p; p++)
        if (!g_ascii_isdigit(*p))
            return -1;
    return (int)g_ascii_strtoll(s, NULL, 10);
}

static msp_loc mkloc(const char *file, int line, int column)
{
    msp_loc loc = { file, line, column };
    return loc;
}

struct msp_source_schema {
    xmlRelaxNGPtr rng;
    char *path;
    rng_grammar *explain;   /* the same grammar, for messages in the author's terms (schema_explain.c) */
};

typedef struct schema_load_ctx {
    msp_diag_list *diags;
    const char *path;
    int errors;
} schema_load_ctx;

static void on_schema_error(void *user, xmlErrorPtr err)
{
    schema_load_ctx *c = user;
    char *msg = g_strchomp(g_strdup(err && err->message ? err->message : "schema error"));
    msp_loc loc = { msp_diag_list_intern(c->diags, err && err->file ? err->file : c->path),
                    err ? err->line : 0, err ? err->int2 : 0 };
    if (err && err->level == XML_ERR_WARNING) {
        msp_diag_warn(c->diags, loc, NULL, "%s", msg);
    } else {
        msp_diag_error(c->diags, MSP_E_DATA, loc, "fix templates/paper.rng", "%s", msg);
        c->errors++;
    }
    g_free(msg);
}

msp_source_schema *msp_source_schema_load(msp_diag_list *diags, const char *rng_path)
{
    schema_load_ctx c = { diags, rng_path, 0 };
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt(rng_path);
    if (!pctxt) {
        msp_diag_error(diags, MSP_E_DATA, mkloc(msp_diag_list_intern(diags, rng_path), 0, 0), NULL,
                       "cannot read the schema");
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, &c);
    /* reading the schema file itself reports through libxml2's (thread-local)
     * structured handler, not the RELAX NG context's: catch it there too */
    xmlStructuredErrorFunc saved = xmlStructuredError;
    void *saved_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&c, on_schema_error);
    xmlRelaxNGPtr rng = xmlRelaxNGParse(pctxt);
    xmlSetStructuredErrorFunc(saved_ctx, saved);
    xmlRelaxNGFreeParserCtxt(pctxt);
    if (!rng || c.errors > 0) {
        if (rng)
            xmlRelaxNGFree(rng);
        if (c.errors == 0)
            msp_diag_error(diags, MSP_E_DATA, mkloc(msp_diag_list_intern(diags, rng_path), 0, 0),
                           "check that templates/paper.rng exists and is a RELAX NG grammar",
                           "cannot compile the schema");
        return NULL;
    }
    msp_source_schema *s = g_new0(msp_source_schema, 1);
    s->rng = rng;
    s->path = g_strdup(rng_path);
    s->explain = msp_rng_read(rng_path);   /* NULL: libxml2's own messages are given */
    return s;
}

void msp_source_schema_free(msp_source_schema *schema)
{
    if (!schema)
        return;
    xmlRelaxNGFree(schema->rng);
    msp_rng_free(schema->explain);
    g_free(schema->path);
    g_free(schema);
}

typedef struct validate_ctx {
    msp_job *job;
    const msp_source *src;
    msp_diag_list found;   /* libxml2's messages, given only when the explanation finds nothing */
    int errors;
} validate_ctx;

static void on_valid_error(void *user, xmlErrorPtr err)
{
    validate_ctx *c = user;
    if (!err)
        return;
    char *msg = g_strchomp(g_strdup(err->message ? err->message : "invalid"));
    msp_loc loc = err->node ? msp_source_loc(c->src, err->node) : mkloc(c->src->path, err->line, 0);
    if (loc.line == 0)
        loc.line = err->line;
    if (err->level == XML_ERR_WARNING) {
        msp_diag_warn(&c->found, loc, NULL, "%s", msg);
    } else {
        msp_diag_error(&c->found, MSP_E_SCHEMA, loc, "see docs/source-format.md", "%s", msg);
        c->errors++;
    }
    g_free(msg);
}

msp_status msp_source_validate(msp_job *job, msp_source *src, const msp_source_schema *schema)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema->rng);
    if (!v)
        return msp_diag_error(&job->diags, MSP_E_NOMEM, mkloc(src->path, 0, 0), NULL,
                              "cannot create a validation context");
    validate_ctx c = { job, src, { 0 }, 0 };
    msp_diag_list_init(&c.found);
    xmlRelaxNGSetValidStructuredErrors(v, on_valid_error, &c);
    int rc = xmlRelaxNGValidateDoc(v, src->doc);
    xmlRelaxNGFreeValidCtxt(v);
    /* libxml2 decides; the messages are the explanation's: one per mistake, in
     * the author's terms. Should it find nothing, libxml2's first one is given. */
    src->schema_invalid = rc != 0;
    xmlNode *root = xmlDocGetRootElement(src->doc);
    bool paper_root = root && root->ns && xmlStrEqual(root->ns->href, (const xmlChar *)MSP_PAPER_NS);
    int explained = 0;
    if (rc != 0 && !paper_root && root) {
        /* named once, here, in the words of the domain check, which then stays silent */
        msp_diag_error(&job->diags, MSP_E_SCHEMA, msp_source_loc(src, root),
                       "the root is <paper xmlns=\"" MSP_PAPER_NS "\">",
                       "the root element is <%s> in namespace '%s', not a paper", (const char *)root->name,
                       root->ns ? (const char *)root->ns->href : "");
        msp_rng_flag(src, root);
        explained = 1;
    } else if (rc != 0) {
        explained = msp_rng_explain(job, src, schema->explain);
    }
    if (rc != 0 && explained == 0) {
        const msp_diag *first = NULL;
        for (guint i = 0; i < c.found.items->len && !first; i++) {
            const msp_diag *d = c.found.items->pdata[i];
            if (d->severity == MSP_SEV_ERROR)
                first = d;
        }
        if (first)
            msp_diag_error(&job->diags, MSP_E_SCHEMA, first->loc, first->hint, "%s", first->message);
        else
            msp_diag_error(&job->diags, MSP_E_SCHEMA, mkloc(src->path, 1, 1), "see docs/source-format.md",
                           "the source does not match templates/paper.rng");
    }
    msp_diag_list_clear(&c.found);
    return rc == 0 ? MSP_OK : MSP_E_SCHEMA;
}

/* ---- domain checks ---- */

typedef struct checker {
    msp_job *job;
    const msp_source *src;
    const msp_refdata *ref;
    msp_status first;
    GHashTable *ids;            /* id -> xmlNode* (paragraphs and all other ids) */
    GHashTable *p_ids;          /* id -> xmlNode* of <p> */
    GPtrArray *refs;            /* <ref> nodes */
} checker;

static void check_error(checker *c, msp_status st, const xmlNode *node, const char *hint, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
static void check_error(checker *c, msp_status st, const xmlNode *node, const char *hint, const char *fmt, ...)
{
    if (c->first == MSP_OK)
        c->first = st;
    if (node && c->src->schema_flagged && g_hash_table_contains(c->src->schema_flagged, node))
        return;   /* the schema message about this element is the one that matters */
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msp_diag_error(&c->job->diags, st, msp_source_loc(c->src, node), hint, "%s", msg);
    g_free(msg);
}

static bool is_paper_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, MSP_PAPER_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (is_paper_el(k, name))
            return k;
    return NULL;
}

/* Attribute value interned in the job (lives as long as the job), or NULL. */
static const char *prop(checker *c, const xmlNode *n, const char *name)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    const char *s = msp_diag_list_intern(&c->job->diags, (const char *)v);
    xmlFree(v);
    return s;
}

static char *text_of(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    GString *s = g_string_new(NULL);
    bool space = false;
    for (const char *p = t ? (const char *)t : ""; *p; p++) {
        if (g_ascii_isspace(*p)) {
            space = s->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(s, ' ');
        space = false;
        g_string_append_c(s, *p);
    }
    xmlFree(t);
    return g_string_free(s, FALSE);
}

/* Parses an ISO yyyy-mm-dd date into the epoch at 00:00 UTC; -1 if invalid. */
static gint64 iso_date_epoch(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
            return -1;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
        return -1;
    GDateTime *dt = g_date_time_new_utc(y, m, d, 0, 0, 0);
    if (!dt)
        return -1;
    gint64 e = g_date_time_to_unix(dt);
    g_date_time_unref(dt);
    return e;
}

static void check_symbol(checker *c, const xmlNode *meta, const msp_refdata_meeting *meeting, bool draft,
                         bool is_statement, msp_source_info *info)
{
    if (!meta)
        return;   /* no <meta>: the schema message says so */
    xmlNode *sym_el = child(meta, "symbol");
    if (!sym_el) {
        /* drafts, statements and advance copies (the symbol not yet assigned) may have none */
        if (!draft && !is_statement && !child(meta, "advance-copy"))
            check_error(c, MSP_E_SYMBOL, meta, "add <symbol>APLC/MSP.n/yyyy/n</symbol> or mark the paper <draft/>",
                        "the paper has no symbol; only drafts may omit it");
        return;
    }
    char *text = text_of(sym_el);
    msp_symbol sym;
    msp_symbol_error err;
    if (!msp_symbol_parse(&sym, text, &err)) {
        check_error(c, MSP_E_SYMBOL, sym_el, "symbols follow docs/format.md §12, e.g. APLC/MSP.22/2025/22",
                    "invalid symbol '%s': %s (character %d)", text, err.message, err.column);
        g_free(text);
        return;
    }
    if (sym.stars > 0)
        check_error(c, MSP_E_SYMBOL, sym_el, "remove the '*': <reissue> adds the reissue star",
                    "symbol '%s' carries reissue stars", text);
    if (info) {
        info->has_symbol = true;
        info->symbol = sym;
        info->symbol_text = msp_diag_list_intern(&c->job->diags, text);
    }
    if (meeting) {
        bool rc = strcmp(meeting->kind, "RC") == 0;
        if (rc && sym.body != MSP_SYMBOL_BODY_CONF)
            check_error(c, MSP_E_SYMBOL, sym_el, "Review Conference papers use APLC/CONF/yyyy/...",
                        "symbol '%s' is an MSP symbol but meeting %s is a Review Conference", text, meeting->id);
        else if (!rc && sym.body != MSP_SYMBOL_BODY_MSP)
            check_error(c, MSP_E_SYMBOL, sym_el, "papers of a Meeting of the States Parties use APLC/MSP.n/yyyy/...",
                        "symbol '%s' is a Review Conference symbol but meeting %s is a Meeting of the States Parties",
                        text, meeting->id);
        else if (!rc && sym.msp != meeting->number) {
            char hint[96];
            g_snprintf(hint, sizeof hint, "use APLC/MSP.%d/%d/... or change <meeting ref>", meeting->number,
                       meeting->year);
            check_error(c, MSP_E_SYMBOL, sym_el, hint, "symbol '%s' names MSP.%d but the meeting is %s (MSP.%d)",
                        text, sym.msp, meeting->id, meeting->number);
        }
        if (sym.year != meeting->year) {
            char hint[96];
            g_snprintf(hint, sizeof hint, "the year in the symbol must be %d", meeting->year);
            check_error(c, MSP_E_SYMBOL, sym_el, hint, "symbol '%s' has year %d but meeting %s is in %d", text,
                        sym.year, meeting->id, meeting->year);
        }
    }
    g_free(text);
}

static void check_date_el(checker *c, const xmlNode *date_el, msp_source_info *info)
{
    if (!date_el || prop(c, date_el, "placeholder"))
        return;
    char *text = text_of(date_el);
    gint64 e = iso_date_epoch(text);
    if (e < 0 && !c->src->schema_invalid)
        check_error(c, MSP_E_SCHEMA, date_el, "write the date as yyyy-mm-dd (e.g. 2025-10-08)",
                    "'%s' is not a valid date", text);
    else if (info) {
        info->date = msp_diag_list_intern(&c->job->diags, text);
        info->date_epoch = e;
    }
    g_free(text);
}

static void check_reissue(checker *c, const xmlNode *meta, const msp_source_info *info)
{
    xmlNode *r = child(meta, "reissue");
    if (!r)
        return;
    const char *date = prop(c, r, "date");
    gint64 e = iso_date_epoch(date);
    if (date && e < 0) {
        if (!c->src->schema_invalid)
            check_error(c, MSP_E_SCHEMA, r, "write the date as yyyy-mm-dd", "reissue date '%s' is not a valid date",
                        date);
    }
    else if (info && e >= 0 && info->date_epoch >= 0 && e < info->date_epoch)
        check_error(c, MSP_E_SCHEMA, r, "a reissue comes after the paper's <date>",
                    "reissue date %s is before the paper's date %s", date, info->date);
    const char *prev = prop(c, r, "previous");
    if (prev) {
        msp_symbol sym;
        msp_symbol_error err;
        if (!msp_symbol_parse(&sym, prev, &err))
            check_error(c, MSP_E_SYMBOL, r, "symbols follow docs/format.md §12, e.g. APLC/MSP.22/2025/22",
                        "invalid previous symbol '%s': %s (character %d)", prev, err.message, err.column);
    }
}

static const char *check_meeting(checker *c, const xmlNode *meta, const msp_refdata_meeting **out)
{
    *out = NULL;
    xmlNode *m = child(meta, "meeting");
    const char *id = prop(c, m, "ref");
    if (!m || !id)
        return NULL;
    const msp_refdata_meeting *meeting = msp_refdata_meeting_get(c->ref, id);
    if (!meeting) {
        char *hint = g_strdup_printf("known meetings (data/meetings.xml): %s", msp_refdata_meeting_ids(c->ref));
        check_error(c, MSP_E_DATA, m, hint, "unknown meeting '%s'", id);
        g_free(hint);
        return id;
    }
    *out = meeting;
    return id;
}

static void check_agenda(checker *c, const xmlNode *meta, const msp_refdata_meeting *meeting, msp_source_info *info)
{
    xmlNode *a = child(meta, "agenda");
    if (!a || !meeting)
        return;
    const char *item_s = prop(c, a, "item");
    const char *sub = prop(c, a, "sub");
    int item = small_number(item_s);
    if (info)
        info->agenda_item = item;
    if (!msp_refdata_agenda_has(c->ref, meeting->id, item, NULL)) {
        check_error(c, MSP_E_DATA, a, "add the item to data/agenda.xml or correct @item",
                    "meeting %s has no agenda item %s", meeting->id, item_s ? item_s : "(none)");
        return;
    }
    if (sub && !msp_refdata_agenda_has(c->ref, meeting->id, item, sub))
        check_error(c, MSP_E_DATA, a, "add the <sub> to data/agenda.xml or correct @sub",
                    "agenda item %d of meeting %s has no sub-item (%s)", item, meeting->id, sub);
}

/* The member of members named name, or NULL. */
static const msp_refdata_member *member_of(const GPtrArray *members, const char *state)
{
    for (guint i = 0; members && i < members->len; i++) {
        const msp_refdata_member *m = members->pdata[i];
        if (strcmp(m->state, state) == 0)
            return m;
    }
    return NULL;
}

/* "CM (Cameroon), DK (Denmark), ..." (owned), for hints. */
static char *member_list(const GPtrArray *members)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; members && i < members->len; i++) {
        const msp_refdata_member *m = members->pdata[i];
        g_string_append_printf(s, "%s%s (%s)", i > 0 ? ", " : "", m->state, m->name);
    }
    return g_string_free(s, FALSE);
}

/* The <chair state="DK"/> elements a paper may write inside <committee> to
 * name the chair(s) itself: at most two, each once, each a State of
 * data/states.xml and a member of the committee in that year (members NULL
 * when the committee or year is unknown: already reported, so membership is
 * not checked). Returns how many <chair> there are. */
static int check_named_chairs(checker *c, const xmlNode *k, const char *id, int year, const char *year_s,
                              const GPtrArray *members)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    int count = 0;
    for (xmlNode *ch = k->children; ch; ch = ch->next) {
        if (!is_paper_el(ch, "chair"))
            continue;
        count++;
        const char *state = prop(c, ch, "state");
        if (count == 3)
            check_error(c, MSP_E_DATA, ch, "a committee has at most two chairs a year: remove the extra <chair>",
                        "more than two chairs named for committee '%s'", id);
        if (!state || !*state)
            continue; /* the schema requires it: reported there */
        const char *name = msp_refdata_state_name(c->ref, state, "en");
        if (!name) {
            check_error(c, MSP_E_DATA, ch, "name the State by its code in data/states.xml (ISO 3166-1 alpha-2, e.g. DK)",
                        "unknown State '%s'", state);
            continue;
        }
        const xmlNode *first = g_hash_table_lookup(seen, state);
        if (first) {
            msp_loc at = msp_source_loc(c->src, first);
            char hint[128];
            g_snprintf(hint, sizeof hint, "the first one is at line %d, column %d; name each chair once", at.line,
                       at.column);
            check_error(c, MSP_E_SCHEMA, ch, hint, "%s (%s) is named chair twice", state, name);
            continue;
        }
        if (members && !member_of(members, state)) {
            char *list = member_list(members);
            char *hint = g_strdup_printf("members in %d (data/committees.xml): %s", year, list);
            check_error(c, MSP_E_DATA, ch, hint, "chair %s (%s) is not a member of committee '%s' in %s", state,
                        name, id, year_s);
            g_free(hint);
            g_free(list);
        }
        g_hash_table_insert(seen, (gpointer)state, ch);
    }
    g_hash_table_destroy(seen);
    return count;
}

static void check_committee(checker *c, const xmlNode *meta, msp_source_info *info)
{
    xmlNode *k = child(meta, "committee");
    if (!k)
        return;
    const char *id = prop(c, k, "ref");
    const char *year_s = prop(c, k, "year");
    const msp_refdata_committee *com = msp_refdata_committee_get(c->ref, id);
    if (!com) {
        char *hint = g_strdup_printf("known committees (data/committees.xml): %s", msp_refdata_committee_ids(c->ref));
        check_error(c, MSP_E_DATA, k, hint, "unknown committee '%s'", id ? id : "");
        g_free(hint);
        check_named_chairs(c, k, id ? id : "", -1, year_s ? year_s : "", NULL);
        return;
    }
    if (info) {
        info->committee = com->id;
        info->author = com->name;
    }
    int year = small_number(year_s);
    const GPtrArray *members = msp_refdata_committee_members(com, year);
    if (msp_refdata_committee_year_unknown(com, year)) {
        /* a marked gap in the data: nothing to check the chairs against */
        msp_diag_warn(&c->job->diags, msp_source_loc(c->src, k),
                      "add the year's members to data/committees.xml when a source names them; until then the "
                      "committee line prints the name only",
                      "the members of committee '%s' in %d are not known (data/committees.xml): its chairs and "
                      "members cannot be checked", id, year);
        check_named_chairs(c, k, id, year, year_s, NULL);
        return;
    }
    if (!members || members->len == 0) {
        check_error(c, MSP_E_DATA, k, "add the year's members to data/committees.xml or correct @year",
                    "committee '%s' has no members recorded for %s", id, year_s ? year_s : "(no year)");
        check_named_chairs(c, k, id, year, year_s ? year_s : "", NULL);
        return;
    }
    /* chairs named by the paper replace the data's chair marks */
    if (check_named_chairs(c, k, id, year, year_s, members) > 0)
        return;
    int chairs = 0;
    for (guint i = 0; i < members->len; i++)
        chairs += ((const msp_refdata_member *)members->pdata[i])->chair ? 1 : 0;
    if (chairs > 2)
        check_error(c, MSP_E_DATA, k, "a committee has at most two chairs a year (data/committees.xml)",
                    "committee '%s' has %d chairs in %d", id, chairs, year);
}

/* <submitted-by committee="…" year="…">: the committee exists and each <by
 * state> is one of its members that year (an error at that <by>). Returns
 * the members, or NULL when there is nothing to check against. */
static const GPtrArray *submitting_committee(checker *c, const xmlNode *s, const char **id_out, int *year_out)
{
    const char *id = prop(c, s, "committee");
    if (!id)
        return NULL;
    const char *year_s = prop(c, s, "year");
    const msp_refdata_committee *com = msp_refdata_committee_get(c->ref, id);
    if (!com) {
        char *hint = g_strdup_printf("known committees (data/committees.xml): %s", msp_refdata_committee_ids(c->ref));
        check_error(c, MSP_E_DATA, s, hint, "unknown committee '%s'", id);
        g_free(hint);
        return NULL;
    }
    int year = small_number(year_s);
    if (msp_refdata_committee_year_unknown(com, year)) {
        msp_diag_warn(&c->job->diags, msp_source_loc(c->src, s),
                      "add the year's members to data/committees.xml when a source names them",
                      "the members of committee '%s' in %d are not known (data/committees.xml): the submitters "
                      "cannot be checked", id, year);
        return NULL;
    }
    const GPtrArray *members = msp_refdata_committee_members(com, year);
    if (!members || members->len == 0) {
        check_error(c, MSP_E_DATA, s, "add the year's members to data/committees.xml or correct @year",
                    "committee '%s' has no members recorded for %s", id, year_s ? year_s : "(no year)");
        return NULL;
    }
    *id_out = id;
    *year_out = year;
    return members;
}

/* <submitted-by>: each <by> a State of data/states.xml (state="JP") or a
 * body written out, each once; at most two chairs; with a committee named,
 * each State one of its members that year. */
static void check_submitted_by(checker *c, const xmlNode *meta)
{
    xmlNode *s = child(meta, "submitted-by");
    if (!s)
        return;
    const char *com_id = NULL;
    int com_year = 0;
    const GPtrArray *members = submitting_committee(c, s, &com_id, &com_year);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int chairs = 0;
    for (xmlNode *b = s->children; b; b = b->next) {
        if (!is_paper_el(b, "by"))
            continue;
        const char *state = prop(c, b, "state");
        char *name = text_of(b);
        if (state && *name)
            check_error(c, MSP_E_SCHEMA, b, "write either <by state=\"JP\"/> (name from data/states.xml) or the name as text",
                        "<by> has both a state and a written name");
        if (state) {
            const char *en = msp_refdata_state_name(c->ref, state, "en");
            if (!en)
                check_error(c, MSP_E_DATA, b, "name the State by its code in data/states.xml (ISO 3166-1 alpha-2, e.g. JP)",
                            "unknown State '%s'", state);
            else if (members && !member_of(members, state)) {
                char *list = member_list(members);
                char *hint = g_strdup_printf("members in %d (data/committees.xml): %s", com_year, list);
                check_error(c, MSP_E_DATA, b, hint, "%s (%s) is not a member of committee '%s' in %d", state, en,
                            com_id, com_year);
                g_free(hint);
                g_free(list);
            }
            g_free(name);
            name = g_strdup(en ? en : state);
        }
        const char *chair = prop(c, b, "chair");
        if (chair && strcmp(chair, "yes") == 0 && ++chairs == 3)
            check_error(c, MSP_E_DATA, b, "at most two submitters are marked chair=\"yes\"",
                        "more than two chairs in <submitted-by>");
        if (g_hash_table_contains(seen, name)) {
            check_error(c, MSP_E_SCHEMA, b, "list each State or body once", "'%s' is listed twice in <submitted-by>",
                        name);
            g_free(name);
        } else {
            g_hash_table_add(seen, name);
        }
    }
    g_hash_table_destroy(seen);
}

/* no element inside and nothing but blanks */
static bool empty_inline(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE)
            return false;
        if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
            for (const xmlChar *p = k->content; *p; p++)
                if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                    return false;
    }
    return true;
}

/* Walks the body: ids, refs, articles, actions, empty notes. */
static void walk(checker *c, xmlNode *n)
{
    for (xmlNode *k = n; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const char *id = prop(c, k, "id");
        if (id) {
            xmlNode *prev = g_hash_table_lookup(c->ids, id);
            if (prev) {
                msp_loc first = msp_source_loc(c->src, prev);
                char hint[128];
                g_snprintf(hint, sizeof hint, "the first one is at line %d, column %d; ids must be unique",
                           first.line, first.column);
                check_error(c, MSP_E_SCHEMA, k, hint, "duplicate id '%s'", id);
            } else {
                g_hash_table_insert(c->ids, (gpointer)id, k);
                if (is_paper_el(k, "p"))
                    g_hash_table_insert(c->p_ids, (gpointer)id, k);
            }
        }
        if (is_paper_el(k, "note") && empty_inline(k)) {
            check_error(c, MSP_E_SCHEMA, k, "write the note's text, or remove the <note/>",
                        "empty <note>: it would print a note mark with no text");
        }
        if (is_paper_el(k, "ref")) {
            g_ptr_array_add(c->refs, k);
        } else if (is_paper_el(k, "article") || is_paper_el(k, "action")) {
            bool article = is_paper_el(k, "article");
            const char *n_s = prop(c, k, "n");
            int num = small_number(n_s);
            bool ok = article ? msp_refdata_article_has(c->ref, num) : msp_refdata_action_has(c->ref, num);
            if (!ok) {
                char hint[128];
                if (article)
                    g_snprintf(hint, sizeof hint, "the Convention has Articles 1 to %d (data/convention.xml)",
                               msp_refdata_article_count(c->ref));
                else
                    g_snprintf(hint, sizeof hint, "the Action Plan has Actions 1 to %d (data/sraap.xml)",
                               msp_refdata_action_count(c->ref));
                check_error(c, MSP_E_DATA, k, hint, "%s %s does not exist", article ? "Article" : "Action",
                            n_s ? n_s : "?");
            }
        }
        walk(c, k->children);
    }
}

static void check_refs(checker *c)
{
    for (guint i = 0; i < c->refs->len; i++) {
        xmlNode *r = c->refs->pdata[i];
        const char *to = prop(c, r, "to");
        if (!to)
            continue;
        if (g_hash_table_contains(c->p_ids, to))
            continue;
        if (g_hash_table_contains(c->ids, to))
            check_error(c, MSP_E_SCHEMA, r, "<ref> prints a paragraph number: point it at a <p id>",
                        "<ref to=\"%s\"> points at an element that is not a paragraph", to);
        else
            check_error(c, MSP_E_SCHEMA, r, "add id=\"...\" to the paragraph or correct @to",
                        "<ref to=\"%s\"> points at no paragraph (no such id)", to);
    }
}

void msp_source_info_clear(msp_source_info *info)
{
    if (!info)
        return;
    g_free(info->title);
    memset(info, 0, sizeof *info);
    info->date_epoch = info->pdf_epoch = -1;
}

msp_status msp_source_check(msp_job *job, const msp_source *src, const msp_refdata *ref, bool draft,
                            msp_source_info *info)
{
    checker c = { job, src, ref, MSP_OK, NULL, NULL, NULL };
    if (info) {
        memset(info, 0, sizeof *info);
        info->date_epoch = info->pdf_epoch = -1;
    }
    xmlNode *root = xmlDocGetRootElement(src->doc);
    if (!is_paper_el(root, "paper")) {
        const char *ns = root && root->ns ? (const char *)root->ns->href : "";
        check_error(&c, MSP_E_SCHEMA, root, "the root is <paper xmlns=\"" MSP_PAPER_NS "\">",
                    "the root element is <%s> in namespace '%s', not a paper", root ? (const char *)root->name : "?", ns);
        return c.first;
    }
    c.ids = g_hash_table_new(g_str_hash, g_str_equal);
    c.p_ids = g_hash_table_new(g_str_hash, g_str_equal);
    c.refs = g_ptr_array_new();
    xmlNode *meta = child(root, "meta");
    if (info) {
        info->kind = prop(&c, root, "kind");
        xmlChar *lang = xmlNodeGetLang(root);
        info->language = lang ? msp_diag_list_intern(&job->diags, (const char *)lang) : NULL;
        xmlFree(lang);
        xmlNode *t = child(meta, "title");
        info->title = t ? text_of(t) : NULL;
    }
    bool is_draft = draft || child(meta, "draft") != NULL;
    if (info)
        info->draft = is_draft;
    const msp_refdata_meeting *meeting = NULL;
    const char *meeting_id = check_meeting(&c, meta, &meeting);
    if (info) {
        info->meeting = meeting_id;
        if (meeting)
            info->author = msp_refdata_label(ref, info->language,
                                             strcmp(meeting->kind, "RC") == 0 ? "body-RC" : "body-MSP");
    }
    const char *kind = prop(&c, root, "kind");
    check_symbol(&c, meta, meeting, is_draft, kind && strcmp(kind, "statement") == 0, info);
    check_date_el(&c, child(meta, "date"), info);
    check_reissue(&c, meta, info);
    check_agenda(&c, meta, meeting, info);
    check_committee(&c, meta, info);
    check_submitted_by(&c, meta);
    xmlNode *job_el = child(meta, "job");
    if (job_el && (is_draft || child(meta, "advance-copy")))
        msp_diag_warn(&job->diags, msp_source_loc(src, job_el), "remove <job> or the draft/advance-copy marking",
                      "the job number is ignored in a %s", is_draft ? "draft" : "advance copy");
    walk(&c, root->children);
    check_refs(&c);
    if (info) {
        /* PDF dates: the paper's date, else the meeting's first day (a
         * statement has no date of its own), so rebuilds are reproducible */
        info->pdf_epoch = info->date_epoch;
        if (info->pdf_epoch < 0 && meeting && meeting->start)
            info->pdf_epoch = iso_date_epoch(meeting->start);
    }
    g_hash_table_destroy(c.ids);
    g_hash_table_destroy(c.p_ids);
    g_ptr_array_unref(c.refs);
    return c.first;
}
