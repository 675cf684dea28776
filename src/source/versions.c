/* The structural summary of one language version (versions_private.h): read
 * from a loaded source, never failing, keeping only what must be the same in
 * every language: untranslated meta data, State codes, and the shape of the
 * body. Comparing summaries is versions_compare.c's; no text is kept. */
#include "source/versions_private.h"

#include <stdlib.h>
#include <string.h>

static bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, MSP_PAPER_NS) == 0
           && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
    for (xmlNode *k = n ? n->children : NULL; k; k = k->next)
        if (is_el(k, name))
            return k;
    return NULL;
}

typedef struct builder {
    msp_versions_summary *s;
    const msp_source *src;
    bool report;              /* paragraphs are numbered (kind="report") */
    int next_number;          /* the next paragraph number in the body or the current annex */
} builder;

static const char *keep(builder *b, const char *text)
{
    return g_string_chunk_insert_const(b->s->strings, text ? text : "");
}

static msp_loc loc_of(builder *b, const xmlNode *n)
{
    msp_loc loc = msp_source_loc(b->src, n);
    loc.file = b->s->path;
    return loc;
}

/* The attribute's value, whitespace-trimmed, kept in the summary; NULL when absent. */
static const char *attr(builder *b, const xmlNode *n, const char *name)
{
    xmlChar *v = n ? xmlGetProp(n, (const xmlChar *)name) : NULL;
    if (!v)
        return NULL;
    char *t = g_strstrip(g_strdup((const char *)v));
    const char *kept = keep(b, t);
    g_free(t);
    xmlFree(v);
    return kept;
}

static void set_field(builder *b, msp_vs_field_id id, const char *value, const xmlNode *where)
{
    b->s->fields[id].value = keep(b, value);
    b->s->fields[id].loc = loc_of(b, where);
}

static int compare_strings(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* "a, b, c" of items sorted, or "none". Owned. */
static char *sorted_list(GPtrArray *items)
{
    if (items->len == 0)
        return g_strdup("none");
    g_ptr_array_sort(items, compare_strings);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < items->len; i++)
        g_string_append_printf(s, "%s%s", i == 0 ? "" : ", ", (const char *)items->pdata[i]);
    return g_string_free(s, FALSE);
}

static void read_date(builder *b, const xmlNode *meta)
{
    xmlNode *d = child(meta, "date");
    if (!d) {
        set_field(b, MSP_VS_DATE, "none", meta);
        return;
    }
    if (attr(b, d, "placeholder")) {
        set_field(b, MSP_VS_DATE, "a placeholder", d);
        return;
    }
    xmlChar *t = xmlNodeGetContent(d);
    char *text = g_strstrip(g_strdup(t ? (const char *)t : ""));
    set_field(b, MSP_VS_DATE, text, d);
    g_free(text);
    xmlFree(t);
}

static void read_originals(builder *b, const xmlNode *meta)
{
    GPtrArray *langs = g_ptr_array_new_with_free_func(g_free);
    xmlNode *first = NULL;
    for (xmlNode *k = meta ? meta->children : NULL; k; k = k->next) {
        if (!is_el(k, "original"))
            continue;
        first = first ? first : k;
        xmlChar *t = xmlNodeGetContent(k);
        char **words = g_strsplit_set(t ? (const char *)t : "", " \t\r\n", -1);
        for (char **w = words; *w; w++)
            if (**w)
                g_ptr_array_add(langs, g_strdup(*w));
        g_strfreev(words);
        xmlFree(t);
    }
    char *list = sorted_list(langs);
    set_field(b, MSP_VS_ORIGINAL, list, first ? first : meta);
    GString *spaced = g_string_new(" ");
    for (guint i = 0; i < langs->len; i++)
        g_string_append_printf(spaced, "%s ", (const char *)langs->pdata[i]);
    b->s->originals = keep(b, spaced->str);
    g_string_free(spaced, TRUE);
    g_free(list);
    g_ptr_array_free(langs, TRUE);
}

static void read_agenda(builder *b, const xmlNode *meta)
{
    xmlNode *a = child(meta, "agenda");
    if (!a) {
        set_field(b, MSP_VS_AGENDA, "none", meta);
        return;
    }
    const char *item = attr(b, a, "item"), *sub = attr(b, a, "sub"), *stage = attr(b, a, "stage");
    char *v = g_strdup_printf("item %s%s%s%s, %s", item ? item : "?", sub ? " (" : "", sub ? sub : "", sub ? ")" : "",
                              stage ? stage : "provisional");
    set_field(b, MSP_VS_AGENDA, v, a);
    g_free(v);
}

static void read_reissue(builder *b, const xmlNode *meta)
{
    xmlNode *r = child(meta, "reissue");
    if (!r) {
        set_field(b, MSP_VS_REISSUE, "none", meta);
        return;
    }
    /* @reason is the note's wording, written in the version's language: not compared */
    const char *date = attr(b, r, "date"), *prev = attr(b, r, "previous");
    char *v = g_strdup_printf("reissued on %s%s%s", date ? date : "(no date)", prev ? ", previously " : "",
                              prev ? prev : "");
    set_field(b, MSP_VS_REISSUE, v, r);
    g_free(v);
}

static void read_flag(builder *b, const xmlNode *meta, const char *name, msp_vs_field_id id)
{
    xmlNode *e = child(meta, name);
    set_field(b, id, e ? "present" : "none", e ? e : meta);
}

static void read_title_notes(builder *b, const xmlNode *meta)
{
    int n = 0;
    xmlNode *first = NULL;
    for (xmlNode *k = meta ? meta->children : NULL; k; k = k->next)
        if (is_el(k, "title-note")) {
            n++;
            first = first ? first : k;
        }
    char v[32];
    g_snprintf(v, sizeof v, "%d", n);
    xmlNode *title = child(meta, "title");
    set_field(b, MSP_VS_TITLE_NOTES, v, first ? first : title ? title : meta);
}

static void read_committee(builder *b, const xmlNode *meta)
{
    xmlNode *k = child(meta, "committee");
    if (!k) {
        set_field(b, MSP_VS_COMMITTEE, "none", meta);
        set_field(b, MSP_VS_CHAIRS, "none", meta);
        return;
    }
    const char *ref = attr(b, k, "ref"), *year = attr(b, k, "year");
    char *v = g_strdup_printf("'%s' of %s", ref ? ref : "", year ? year : "(no year)");
    set_field(b, MSP_VS_COMMITTEE, v, k);
    g_free(v);
    GPtrArray *codes = g_ptr_array_new();
    xmlNode *first = NULL;
    for (xmlNode *c = k->children; c; c = c->next)
        if (is_el(c, "chair")) {
            const char *state = attr(b, c, "state");
            g_ptr_array_add(codes, (gpointer)(state ? state : "?"));
            first = first ? first : c;
        }
    char *list = sorted_list(codes);
    set_field(b, MSP_VS_CHAIRS, list, first ? first : k);
    g_free(list);
    g_ptr_array_free(codes, TRUE);
}

/* The State codes (with "(chair)"), sorted: the order of the printed list
 * follows each language's alphabet. Bodies written out are translated text:
 * only their number counts. */
static void read_submitted_by(builder *b, const xmlNode *meta)
{
    xmlNode *s = child(meta, "submitted-by");
    if (!s) {
        set_field(b, MSP_VS_SUBMITTED_BY, "none", meta);
        return;
    }
    GPtrArray *codes = g_ptr_array_new_with_free_func(g_free);
    int written = 0;
    for (xmlNode *k = s->children; k; k = k->next) {
        if (!is_el(k, "by"))
            continue;
        const char *state = attr(b, k, "state"), *chair = attr(b, k, "chair");
        bool is_chair = chair && strcmp(chair, "yes") == 0;
        if (state)
            g_ptr_array_add(codes, g_strdup_printf("%s%s", state, is_chair ? " (chair)" : ""));
        else
            written++;
    }
    char *list = sorted_list(codes);
    char *v = written == 0 ? g_strdup(list)
                           : g_strdup_printf("%s + %d bod%s written out", list, written, written == 1 ? "y" : "ies");
    set_field(b, MSP_VS_SUBMITTED_BY, v, s);
    g_free(v);
    g_free(list);
    g_ptr_array_free(codes, TRUE);
}

static void read_meta(builder *b, const xmlNode *root, const xmlNode *meta)
{
    const xmlNode *where = meta ? meta : root;
    const char *kind = attr(b, root, "kind");
    set_field(b, MSP_VS_KIND, kind ? kind : "none", root);
    xmlNode *m = child(meta, "meeting");
    const char *ref = attr(b, m, "ref");
    set_field(b, MSP_VS_MEETING, ref ? ref : "none", m ? m : where);
    read_date(b, where);
    read_originals(b, where);
    read_agenda(b, where);
    read_reissue(b, where);
    read_flag(b, where, "late-submission", MSP_VS_LATE);
    read_flag(b, where, "unedited", MSP_VS_UNEDITED);
    read_title_notes(b, where);
    read_committee(b, where);
    read_submitted_by(b, where);
    b->s->draft = child(meta, "draft") != NULL;
    xmlNode *sym = child(meta, "symbol");
    if (sym) {
        xmlChar *t = xmlNodeGetContent(sym);
        char *text = g_strstrip(g_strdup(t ? (const char *)t : ""));
        size_t n = strlen(text);
        while (n > 0 && text[n - 1] == '*')
            text[--n] = '\0';
        if (*text)
            b->s->symbol = keep(b, text);
        g_free(text);
        xmlFree(t);
    }
}

/* ---- body ---- */

static void start_container(builder *b, int annex, int chapter, int number, const xmlNode *el)
{
    msp_vs_container c = { annex, chapter, number, loc_of(b, el), b->s->blocks->len, 0 };
    g_array_append_val(b->s->containers, c);
}

static msp_vs_container *current(builder *b)
{
    return &g_array_index(b->s->containers, msp_vs_container, b->s->containers->len - 1);
}

/* The nesting of an items/bullets element: "(" per items, "[" per bullets,
 * "i" per item, nested lists inside their item. */
static void shape_of(GString *out, const xmlNode *list)
{
    bool bullets = is_el(list, "bullets");
    g_string_append_c(out, bullets ? '[' : '(');
    for (xmlNode *it = list->children; it; it = it->next) {
        if (!is_el(it, "item"))
            continue;
        g_string_append_c(out, 'i');
        for (xmlNode *k = it->children; k; k = k->next)
            if (is_el(k, "items") || is_el(k, "bullets"))
                shape_of(out, k);
    }
    g_string_append_c(out, bullets ? ']' : ')');
}

typedef struct refs {
    GArray *articles, *actions;
} refs;

/* Notes, Articles and Actions anywhere inside a block (in its notes too). */
static void scan_block(builder *b, const xmlNode *n, guint block, refs *r, int *notes)
{
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(k, "note")) {
            msp_vs_note note = { block, loc_of(b, k), k };
            g_array_append_val(b->s->notes, note);
            (*notes)++;
        } else if (is_el(k, "article") || is_el(k, "action")) {
            const char *v = attr(b, k, "n");
            char *end = NULL;
            long num = v ? strtol(v, &end, 10) : -1;
            int value = v && *v && end && *end == '\0' && num >= 0 && num < 1000000 ? (int)num : -1;
            g_array_append_val(is_el(k, "article") ? r->articles : r->actions, value);
        }
        scan_block(b, k, block, r, notes);
    }
}

static int compare_ints(const void *x, const void *y)
{
    int a = *(const int *)x, c = *(const int *)y;
    return (a > c) - (a < c);
}

static const char *int_list(builder *b, GArray *a)
{
    g_array_sort(a, compare_ints);
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++) {
        int v = g_array_index(a, int, i);
        if (v < 0)
            g_string_append_printf(s, "%s?", i ? " " : "");
        else
            g_string_append_printf(s, "%s%d", i ? " " : "", v);
    }
    const char *kept = keep(b, s->str);
    g_string_free(s, TRUE);
    return kept;
}

static void add_block(builder *b, const xmlNode *el)
{
    msp_vs_container *c = current(b);
    msp_vs_block blk = { 0 };
    blk.container = b->s->containers->len - 1;
    blk.loc = loc_of(b, el);
    blk.node = el;
    blk.kind = is_el(el, "p") ? MSP_VS_P : is_el(el, "items") ? MSP_VS_ITEMS : MSP_VS_BULLETS;
    /* the numbered paragraph before this one in the container */
    int after = 0, unnumbered = 0;
    for (guint i = c->first_block + c->n_blocks; i > c->first_block; i--) {
        const msp_vs_block *prev = &g_array_index(b->s->blocks, msp_vs_block, i - 1);
        if (prev->number > 0) {
            after = prev->number;
            break;
        }
        unnumbered += prev->kind == MSP_VS_P;
    }
    if (blk.kind == MSP_VS_P) {
        const char *numbered = attr(b, el, "numbered");
        if (b->report && !(numbered && strcmp(numbered, "no") == 0))
            blk.number = b->next_number++;
        else
            blk.unnumbered = unnumbered + 1;
        blk.shape = keep(b, "");
    } else {
        GString *shape = g_string_new(NULL);
        shape_of(shape, el);
        blk.shape = keep(b, shape->str);
        g_string_free(shape, TRUE);
    }
    if (blk.number == 0)
        blk.after = after;
    guint index = b->s->blocks->len;
    refs r = { g_array_new(FALSE, FALSE, sizeof(int)), g_array_new(FALSE, FALSE, sizeof(int)) };
    scan_block(b, el, index, &r, &blk.notes);
    blk.articles = int_list(b, r.articles);
    blk.actions = int_list(b, r.actions);
    g_array_free(r.articles, TRUE);
    g_array_free(r.actions, TRUE);
    g_array_append_val(b->s->blocks, blk);
    current(b)->n_blocks++;
}

/* Blocks of a chapter, section or annex, sections flattened; notes outside
 * every block (headings hold none, by the schema) are still counted. */
static void read_blocks(builder *b, const xmlNode *parent, int depth)
{
    for (xmlNode *k = parent->children; k; k = k->next) {
        if (is_el(k, "p") || is_el(k, "items") || is_el(k, "bullets"))
            add_block(b, k);
        else if (is_el(k, "section") && depth < 64)
            read_blocks(b, k, depth + 1);
        else if (k->type == XML_ELEMENT_NODE && !is_el(k, "chapter") && !is_el(k, "annex")) {
            refs r = { g_array_new(FALSE, FALSE, sizeof(int)), g_array_new(FALSE, FALSE, sizeof(int)) };
            int notes = 0;
            scan_block(b, k, G_MAXUINT, &r, &notes);
            g_array_free(r.articles, TRUE);
            g_array_free(r.actions, TRUE);
        }
    }
}

static bool chapter_numbered(builder *b, const xmlNode *ch)
{
    const char *numbered = attr(b, ch, "numbered");
    return !(numbered && strcmp(numbered, "no") == 0);
}

/* A body or an annex: its own blocks, then its chapters. */
static void read_part(builder *b, const xmlNode *part, int annex)
{
    start_container(b, annex, 0, 0, part);
    read_blocks(b, part, 0);
    int chapter = 0, number = 0;
    for (xmlNode *k = part->children; k; k = k->next) {
        if (!is_el(k, "chapter"))
            continue;
        bool numbered = chapter_numbered(b, k);
        start_container(b, annex, ++chapter, numbered ? ++number : 0, k);
        read_blocks(b, k, 0);
    }
}

static void read_body(builder *b, const xmlNode *body)
{
    /* numbering continued from first-number (an addendum): its paragraphs compare by number */
    const char *first = attr(b, body, "first-number");
    int from = first ? atoi(first) : 1;
    b->next_number = from > 0 && from < 1000000 ? from : 1;
    read_part(b, body, 0);
    int annex = 0;
    for (xmlNode *k = body->children; k; k = k->next) {
        if (!is_el(k, "annex"))
            continue;
        b->next_number = 1; /* paragraph numbers restart in each annex */
        read_part(b, k, ++annex);
    }
}

msp_versions_summary *msp_versions_summary_new(const msp_source *src)
{
    msp_versions_summary *s = g_new0(msp_versions_summary, 1);
    s->strings = g_string_chunk_new(1024);
    s->path = g_string_chunk_insert_const(s->strings, src->path ? src->path : "");
    s->containers = g_array_new(FALSE, FALSE, sizeof(msp_vs_container));
    s->blocks = g_array_new(FALSE, FALSE, sizeof(msp_vs_block));
    s->notes = g_array_new(FALSE, FALSE, sizeof(msp_vs_note));
    s->originals = "";
    builder b = { s, src, false, 1 };
    xmlNode *root = src->doc ? xmlDocGetRootElement(src->doc) : NULL;
    for (int i = 0; i < MSP_VS_N_FIELDS; i++) {
        s->fields[i].value = "none";
        s->fields[i].loc = (msp_loc){ s->path, 0, 0 };
    }
    if (!is_el(root, "paper"))
        return s; /* not a paper: no symbol, never grouped */
    s->root_loc = s->body_loc = loc_of(&b, root);
    xmlChar *lang = xmlNodeGetLang(root);
    s->language = lang ? keep(&b, (const char *)lang) : NULL;
    xmlFree(lang);
    const char *kind = attr(&b, root, "kind");
    b.report = kind && strcmp(kind, "report") == 0;
    xmlNode *meta = child(root, "meta");
    read_meta(&b, root, meta);
    xmlNode *body = child(root, "body");
    if (body) {
        s->body_loc = loc_of(&b, body);
        read_body(&b, body);
    }
    return s;
}

void msp_versions_summary_free(msp_versions_summary *s)
{
    if (!s)
        return;
    g_array_free(s->containers, TRUE);
    g_array_free(s->blocks, TRUE);
    g_array_free(s->notes, TRUE);
    g_string_chunk_free(s->strings);
    g_free(s);
}

const char *msp_versions_summary_symbol(const msp_versions_summary *s)
{
    return s ? s->symbol : NULL;
}

const char *msp_versions_summary_language(const msp_versions_summary *s)
{
    return s ? s->language : NULL;
}

const char *msp_versions_summary_path(const msp_versions_summary *s)
{
    return s ? s->path : NULL;
}

guint msp_versions_summary_n_blocks(const msp_versions_summary *s)
{
    return s ? s->blocks->len : 0;
}

msp_versions_block msp_versions_summary_block(const msp_versions_summary *s, guint i)
{
    const msp_vs_block *b = &g_array_index(s->blocks, msp_vs_block, i);
    const msp_vs_container *c = &g_array_index(s->containers, msp_vs_container, b->container);
    msp_versions_block out = { (int)b->kind, c->annex, c->chapter, b->number, b->after, b->unnumbered, b->node };
    return out;
}

guint msp_versions_summary_n_notes(const msp_versions_summary *s)
{
    return s ? s->notes->len : 0;
}

const xmlNode *msp_versions_summary_note(const msp_versions_summary *s, guint i, guint *block)
{
    const msp_vs_note *n = &g_array_index(s->notes, msp_vs_note, i);
    if (block)
        *block = n->block;
    return n->node;
}
