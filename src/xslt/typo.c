/* Typography per language, the pass over the FO (see typo.h): the rules'
 * data per language, read from data/labels.xml (which rules a language
 * takes, its month names and day-month pattern, the nouns a number
 * follows), and the walk that cuts the FO into runs of running text, one
 * per block (a note's body is a run of its own; a note call, a t:label and
 * verbatim text stay inside their run), hands each run to typo_rules.c and
 * writes the result back: changed text nodes, superscripts as fo:inline. */
#include "xslt/typo_private.h"

#include <string.h>

#define FO_NS "http://www.w3.org/1999/XSL/Format"

/* --- data --- */

static const struct {
    const char *name;
    unsigned rule;
} rule_names[] = {
    { "french-spacing", TR_FR_SPACING },   { "apostrophes", TR_APOSTROPHE },
    { "french-ordinals", TR_FR_ORDINALS }, { "spanish-marks", TR_ES_MARKS },
    { "spanish-ordinals", TR_ES_ORDINALS },
};

static void lang_free(gpointer p)
{
    typo_lang *l = p;
    g_free(l->code);
    for (int m = 0; m < 12; m++)
        g_free(l->months[m]);
    g_free(l->day_month);
    g_ptr_array_unref(l->nouns);
    g_free(l);
}

static char *label_text(xmlNode *lang, const char *id)
{
    for (xmlNode *c = lang->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !xmlStrEqual(c->name, (const xmlChar *)"label"))
            continue;
        xmlChar *cid = xmlGetProp(c, (const xmlChar *)"id");
        bool match = cid && strcmp((const char *)cid, id) == 0;
        xmlFree(cid);
        if (match) {
            xmlChar *t = xmlNodeGetContent(c);
            char *s = g_strdup(t ? (const char *)t : "");
            xmlFree(t);
            return s;
        }
    }
    return NULL;
}

static void add_noun(GPtrArray *nouns, const char *word)
{
    if (!*word)
        return;
    char *w = g_utf8_strdown(word, -1);
    for (guint i = 0; i < nouns->len; i++)
        if (strcmp(g_ptr_array_index(nouns, i), w) == 0) {
            g_free(w);
            return;
        }
    g_ptr_array_add(nouns, w);
}

/* The word a label puts before its number: "Article {n}" -> "article". */
static void add_label_noun(GPtrArray *nouns, xmlNode *lang, const char *id)
{
    char *t = label_text(lang, id);
    const char *at = t ? strstr(t, " {n}") : NULL;
    if (at) {
        const char *start = at;
        while (start > t && start[-1] != ' ')
            start--;
        char *w = g_strndup(start, (gsize)(at - start));
        add_noun(nouns, w);
        g_free(w);
    }
    g_free(t);
}

static typo_lang *read_language(msp_diag_list *diags, const char *path, xmlNode *node)
{
    xmlChar *code = xmlGetProp(node, (const xmlChar *)"code");
    if (!code)
        return NULL;
    typo_lang *l = g_new0(typo_lang, 1);
    l->code = g_ascii_strdown((const char *)code, -1);
    xmlFree(code);
    l->nouns = g_ptr_array_new_with_free_func(g_free);

    xmlChar *rules = xmlGetProp(node, (const xmlChar *)"typography");
    if (rules) {
        char **names = g_strsplit_set((const char *)rules, " \t\n", -1);
        for (char **n = names; *n; n++) {
            if (!**n)
                continue;
            size_t r = 0;
            while (r < G_N_ELEMENTS(rule_names) && strcmp(rule_names[r].name, *n) != 0)
                r++;
            if (r < G_N_ELEMENTS(rule_names))
                l->rules |= rule_names[r].rule;
            else if (diags)
                msp_diag_warn(diags, ((msp_loc){ msp_diag_list_intern(diags, path), (int)xmlGetLineNo(node), 0 }),
                              "the rules are listed in docs/data.md",
                              "unknown typography rule '%s' for language '%s' (ignored)", *n, l->code);
        }
        g_strfreev(names);
        xmlFree(rules);
    }
    for (int m = 0; m < 12; m++) {
        char id[16];
        g_snprintf(id, sizeof id, "month-%d", m + 1);
        char *name = label_text(node, id);
        l->months[m] = name && *name ? g_utf8_strdown(name, -1) : NULL;
        if (l->months[m] && (strchr(l->months[m], ' ') || strchr(l->months[m], '/')))
            l->month_units = true;
        g_free(name);
    }
    char *date = label_text(node, "date");
    const char *d = date ? strstr(date, "{d}") : NULL;
    const char *mo = d ? strstr(d, "{month}") : NULL;
    if (mo && mo > d + 3) {
        char *between = g_strndup(d + 3, (gsize)(mo - d - 3));
        l->day_month = g_utf8_strdown(between, -1);
        g_free(between);
    }
    g_free(date);
    add_label_noun(l->nouns, node, "article");
    add_label_noun(l->nouns, node, "action");
    char *nouns = label_text(node, "number-nouns");
    if (nouns) {
        char **words = g_strsplit_set(nouns, " \t\n", -1);
        for (char **w = words; *w; w++)
            add_noun(l->nouns, *w);
        g_strfreev(words);
    }
    g_free(nouns);
    return l;
}

msp_typo *msp_typo_load(msp_diag_list *diags, const char *labels_path)
{
    msp_typo *t = g_new0(msp_typo, 1);
    t->langs = g_ptr_array_new_with_free_func(lang_free);
    xmlDoc *doc = labels_path ? xmlReadFile(labels_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                 XML_PARSE_NOWARNING)
                              : NULL;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, (const xmlChar *)"language")) {
            typo_lang *l = read_language(diags, labels_path, c);
            if (l)
                g_ptr_array_add(t->langs, l);
        }
    if (doc)
        xmlFreeDoc(doc);
    return t;
}

void msp_typo_free(msp_typo *t)
{
    if (!t)
        return;
    g_ptr_array_unref(t->langs);
    g_free(t);
}

int msp_typo_lang_index(const msp_typo *t, const char *code)
{
    if (!code || !*code)
        return -1;
    size_t len = strcspn(code, "-_");
    for (guint i = 0; i < t->langs->len; i++) {
        const typo_lang *l = g_ptr_array_index(t->langs, i);
        if (strlen(l->code) == len && g_ascii_strncasecmp(l->code, code, len) == 0)
            return (int)i;
    }
    return -1;
}

/* --- one run --- */

typedef struct run {
    const msp_typo *t;
    GArray *chars;           /* typo_ch */
    GPtrArray *segs;         /* the text nodes, in order */
    GPtrArray *marks;        /* t:* elements to remove at the end (shared) */
    GPtrArray *deferred;     /* footnote bodies: runs of their own, after this one */
    bool label_first, note_first;
} run;

static void add_text(run *r, const char *text, int seg, int lang, unsigned flags)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        typo_ch ch = { g_utf8_get_char(p), 0, seg, lang, flags };
        if (r->label_first) {
            ch.flags |= TY_LABEL_START;
            r->label_first = false;
        }
        if (r->note_first) {
            ch.flags |= TY_NOTE_START;
            r->note_first = false;
        }
        g_array_append_val(r->chars, ch);
    }
}

static void add_object(run *r, int lang)
{
    typo_ch ch = { TYPO_OBJECT, 0, -1, lang, TY_OBJECT | TY_PROTECT };
    g_array_append_val(r->chars, ch);
    r->note_first = false;
}

static void link_before(xmlNode *ref, xmlNode *n)
{
    n->parent = ref->parent;
    n->doc = ref->doc;
    n->next = ref;
    n->prev = ref->prev;
    if (ref->prev)
        ref->prev->next = n;
    else if (ref->parent)
        ref->parent->children = n;
    ref->prev = n;
}

/* The result for text node seg: runs of plain text and superscripts. */
static void write_back(run *r, int seg, int from, int to)
{
    typo_ch *v = (typo_ch *)r->chars->data;
    xmlNode *node = g_ptr_array_index(r->segs, seg);
    bool any_super = false, changed = false;
    for (int i = from; i < to; i++) {
        if (v[i].flags & (TY_DELETED | TY_SUPER) || v[i].ins)
            changed = true;
        any_super |= (v[i].flags & (TY_SUPER | TY_DELETED)) == TY_SUPER;
    }
    GString *s = g_string_new(NULL);
    if (!any_super) {
        for (int i = from; i < to; i++) {
            if (v[i].ins)
                g_string_append_unichar(s, v[i].ins);
            if (!(v[i].flags & TY_DELETED))
                g_string_append_unichar(s, v[i].c);
        }
        if (changed || strcmp(s->str, (const char *)node->content) != 0)
            xmlNodeSetContent(node, (const xmlChar *)s->str);
        g_string_free(s, TRUE);
        return;
    }
    xmlNs *fo = node->parent ? xmlSearchNsByHref(node->doc, node->parent, (const xmlChar *)FO_NS) : NULL;
    int i = from;
    while (i < to) {
        bool sup = (v[i].flags & TY_SUPER) != 0;
        g_string_truncate(s, 0);
        for (; i < to && ((v[i].flags & TY_SUPER) != 0) == sup; i++) {
            if (v[i].ins)
                g_string_append_unichar(s, v[i].ins);
            if (!(v[i].flags & TY_DELETED))
                g_string_append_unichar(s, v[i].c);
        }
        if (!s->len)
            continue;
        xmlNode *text = xmlNewDocText(node->doc, (const xmlChar *)s->str);
        if (sup) {
            xmlNode *in = xmlNewDocNode(node->doc, fo, (const xmlChar *)"inline", NULL);
            xmlSetProp(in, (const xmlChar *)"font-size", (const xmlChar *)"65%");
            xmlSetProp(in, (const xmlChar *)"baseline-shift", (const xmlChar *)"super");
            xmlAddChild(in, text);
            link_before(node, in);
        } else {
            link_before(node, text);
        }
    }
    g_string_free(s, TRUE);
    xmlUnlinkNode(node);
    xmlFreeNode(node);
}

static void run_flush(run *r)
{
    int n = (int)r->chars->len;
    if (n > 0) {
        typo_ch *v = (typo_ch *)r->chars->data;
        msp_typo_protect_words(v, n);
        msp_typo_rules(r->t, v, n);
        int i = 0;
        while (i < n) {
            if (v[i].seg < 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && v[j].seg == v[i].seg)
                j++;
            write_back(r, v[i].seg, i, j);
            i = j;
        }
    }
    g_array_set_size(r->chars, 0);
    g_ptr_array_set_size(r->segs, 0);
    r->label_first = r->note_first = false;
}

/* --- the walk --- */

static bool is_fo(const xmlNode *n, const char *name)
{
    return n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)FO_NS) &&
           (!name || xmlStrEqual(n->name, (const xmlChar *)name));
}

static bool is_mark(const xmlNode *n, const char *name)
{
    return n->ns && xmlStrEqual(n->ns->href, (const xmlChar *)MSP_TYPO_NS) &&
           (!name || xmlStrEqual(n->name, (const xmlChar *)name));
}

/* FO elements that continue the run of text around them */
static bool is_inline_fo(const xmlNode *n)
{
    static const char *const names[] = { "inline", "wrapper", "basic-link", "footnote" };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (xmlStrEqual(n->name, (const xmlChar *)names[i]))
            return true;
    return false;
}

/* FO elements that hold no running text of their own */
static bool is_object_fo(const xmlNode *n)
{
    static const char *const names[] = {
        "character", "page-number", "page-number-citation", "page-number-citation-last", "leader",
        "external-graphic", "instream-foreign-object", "retrieve-marker", "retrieve-table-marker",
        "inline-container",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (xmlStrEqual(n->name, (const xmlChar *)names[i]))
            return true;
    return false;
}

static int lang_here(const msp_typo *t, xmlNode *n, int lang)
{
    xmlChar *l = xmlGetProp(n, (const xmlChar *)"language");
    if (!l)
        l = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    if (l) {
        lang = msp_typo_lang_index(t, (const char *)l);
        xmlFree(l);
    }
    return lang;
}

static void walk_block(const msp_typo *t, xmlNode *block, int lang, GPtrArray *marks);

static void walk_inline(run *r, xmlNode *parent, int lang, unsigned flags)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!c->content || !*c->content)
                continue;
            g_ptr_array_add(r->segs, c);
            add_text(r, (const char *)c->content, (int)r->segs->len - 1, lang, flags);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int here = lang_here(r->t, c, lang);
        if (is_mark(c, NULL)) {
            g_ptr_array_add(r->marks, c);
            unsigned f = flags;
            if (is_mark(c, "verbatim"))
                f |= TY_PROTECT;
            if (is_mark(c, "label"))
                r->label_first = true;
            walk_inline(r, c, here, f);
            r->label_first = false;
        } else if (is_fo(c, "footnote")) {
            for (xmlNode *k = c->children; k; k = k->next) {
                if (k->type != XML_ELEMENT_NODE)
                    continue;
                if (is_fo(k, "inline")) {
                    r->note_first = true;
                    walk_inline(r, k, lang_here(r->t, k, here), flags);
                    r->note_first = false;
                } else {
                    g_ptr_array_add(r->deferred, k);
                }
            }
        } else if (is_fo(c, NULL) && is_inline_fo(c)) {
            walk_inline(r, c, here, flags);   /* a link's text: its URL-like words are verbatim */
        } else if ((is_fo(c, NULL) && is_object_fo(c)) || !is_fo(c, NULL)) {
            add_object(r, here);   /* graphics, page numbers, foreign markup */
        } else if (is_fo(c, "bookmark-tree") || is_fo(c, "layout-master-set") || is_fo(c, "declarations")) {
            continue;   /* not typeset: outline titles stay as written */
        } else {
            /* a block inside: the run so far ends here, the block is its own */
            run_flush(r);
            walk_block(r->t, c, here, r->marks);
        }
    }
}

static void walk_block(const msp_typo *t, xmlNode *block, int lang, GPtrArray *marks)
{
    run r = { t, g_array_new(FALSE, FALSE, sizeof(typo_ch)), g_ptr_array_new(), marks, g_ptr_array_new(),
              false, false };
    walk_inline(&r, block, lang_here(t, block, lang), 0);
    run_flush(&r);
    for (guint i = 0; i < r.deferred->len; i++) {
        xmlNode *body = g_ptr_array_index(r.deferred, i);
        walk_block(t, body, lang_here(t, body->parent, lang_here(t, block, lang)), marks);
    }
    g_array_free(r.chars, TRUE);
    g_ptr_array_free(r.segs, TRUE);
    g_ptr_array_free(r.deferred, TRUE);
}

/* Replaces a mark by its content. */
static void unwrap(xmlNode *mark)
{
    xmlNode *c = mark->children;
    while (c) {
        xmlNode *next = c->next;
        c->prev = c->next = NULL;
        link_before(mark, c);
        c = next;
    }
    mark->children = mark->last = NULL;
    xmlUnlinkNode(mark);
    xmlFreeNode(mark);
}

void msp_typo_apply(const msp_typo *t, xmlDoc *fo, const char *lang)
{
    xmlNode *root = fo ? xmlDocGetRootElement(fo) : NULL;
    if (!t || !root)
        return;
    GPtrArray *marks = g_ptr_array_new();
    walk_block(t, root, msp_typo_lang_index(t, lang), marks);
    /* innermost last in document order: unwrap from the end */
    for (guint i = marks->len; i-- > 0;)
        unwrap(g_ptr_array_index(marks, i));
    g_ptr_array_free(marks, TRUE);
}

char *msp_typo_text(const msp_typo *t, const char *lang, const char *text)
{
    GArray *chars = g_array_new(FALSE, FALSE, sizeof(typo_ch));
    int li = msp_typo_lang_index(t, lang);
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        typo_ch ch = { g_utf8_get_char(p), 0, 0, li, 0 };
        g_array_append_val(chars, ch);
    }
    typo_ch *v = (typo_ch *)chars->data;
    int n = (int)chars->len;
    msp_typo_protect_words(v, n);
    msp_typo_rules(t, v, n);
    GString *s = g_string_new(NULL);
    bool sup = false;
    for (int i = 0; i < n; i++) {
        bool here = (v[i].flags & TY_SUPER) && !(v[i].flags & TY_DELETED);
        if (v[i].ins)
            g_string_append_unichar(s, v[i].ins);
        if (here != sup)
            g_string_append(s, here ? "^{" : "}");
        sup = here;
        if (!(v[i].flags & TY_DELETED))
            g_string_append_unichar(s, v[i].c);
    }
    if (sup)
        g_string_append_c(s, '}');
    g_array_free(chars, TRUE);
    return g_string_free(s, FALSE);
}
