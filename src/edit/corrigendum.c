/* The corrigendum drafter: from a diff, the source of SYMBOL/Corr.N — the
 * issued paper's masthead data copied, today's date, and one <correction>
 * per change worded as UN corrigenda word them, in the paper's language
 * (labels corr-* of data/labels.xml; docs/corrections.md). The result is an
 * ordinary source: the editor may still edit it, `check` and `build` take it. */
#include "edit/diff_private.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static bool is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && strcmp((const char *)n->ns->href, MSP_PAPER_NS) == 0
           && strcmp((const char *)n->name, name) == 0;
}

typedef struct drafter {
    const msp_refdata *ref;
    const char *lang;
    const msp_diff *d;
    GString *out;
} drafter;

static void escape(GString *out, const char *s, bool collapse)
{
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (collapse && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) {
            space = true;
            continue;
        }
        if (space) {
            g_string_append_c(out, ' ');
            space = false;
        }
        switch (*p) {
        case '&': g_string_append(out, "&amp;"); break;
        case '<': g_string_append(out, "&lt;"); break;
        case '>': g_string_append(out, "&gt;"); break;
        case '"': g_string_append(out, "&quot;"); break;
        default: g_string_append_c(out, *p);
        }
    }
    if (space)
        g_string_append_c(out, ' ');
}

/* How put_label sets a label. */
enum { PLAIN = 0, ITALIC_WORDS = 1, MARKUP_VALUES = 2 };

/* Label id with {name} placeholders filled from pairs (name, value, ...,
 * NULL). The label's words are escaped, and set in italics under
 * ITALIC_WORDS ("For … read …"); the values are escaped too, unless
 * MARKUP_VALUES (they are source markup already). */
static void put_label(drafter *f, GString *out, const char *id, int how, ...)
{
    const char *l = msp_refdata_label(f->ref, f->lang, id);
    if (!l)
        l = id;
    va_list ap;
    GHashTable *vals = g_hash_table_new(g_str_hash, g_str_equal);
    va_start(ap, how);
    bool italic_words = how & ITALIC_WORDS;
    for (const char *k; (k = va_arg(ap, const char *));) {
        const char *v = va_arg(ap, const char *);
        g_hash_table_insert(vals, (gpointer)k, (gpointer)(v ? v : ""));
    }
    va_end(ap);
    const char *p = l;
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        const char *lit_end = open && close ? open : p + strlen(p);
        if (lit_end > p) {
            char *lit = g_strndup(p, (gsize)(lit_end - p));
            char *word = g_strstrip(g_strdup(lit));
            if (italic_words && *word) {
                /* the keyword italic, its spaces roman */
                const char *w0 = strstr(lit, word);
                g_string_append_len(out, lit, w0 - lit);
                g_string_append(out, "<i>");
                escape(out, word, false);
                g_string_append(out, "</i>");
                g_string_append(out, w0 + strlen(word));
            } else {
                escape(out, lit, false);
            }
            g_free(word);
            g_free(lit);
        }
        if (!open || !close)
            break;
        char *name = g_strndup(open + 1, (gsize)(close - open - 1));
        const char *v = g_hash_table_lookup(vals, name);
        if (how & MARKUP_VALUES)
            g_string_append(out, v ? v : "");
        else
            escape(out, v ? v : "", false);
        g_free(name);
        p = close + 1;
    }
    g_hash_table_destroy(vals);
}

/* A sub-item label path ("(b) (ii)" as diff names it) in the paper's language. */
static void put_sub(drafter *f, GString *out, const char *path)
{
    char **parts = g_strsplit(path ? path : "", " ", -1);
    bool first = true;
    for (char **p = parts; *p; p++) {
        if (**p != '(')
            continue;
        char *x = g_strndup(*p + 1, strlen(*p) >= 2 ? strlen(*p) - 2 : 0);
        if (!first)
            g_string_append_c(out, ' ');
        put_label(f, out, "sub-item", PLAIN, "x", x, NULL);
        first = false;
        g_free(x);
    }
    g_strfreev(parts);
}

static char *sub_label(drafter *f, const char *path)
{
    GString *s = g_string_new(NULL);
    put_sub(f, s, path);
    return g_string_free(s, FALSE);
}

static void put_nth(drafter *f, GString *out, int n, int of)
{
    char id[32];
    if (n == of)
        g_snprintf(id, sizeof id, "corr-nth-last");
    else
        g_snprintf(id, sizeof id, "corr-nth-%d", n);
    put_label(f, out, "corr-delete-sentence", PLAIN, "nth", msp_refdata_label(f->ref, f->lang, id), NULL);
}

/* "Paragraph 5 (b), line 3". */
static void put_where(drafter *f, GString *out, const msp_change *c, bool lines)
{
    char n[16], a[16];
    g_snprintf(n, sizeof n, "%d", c->paragraph);
    g_snprintf(a, sizeof a, "%d", c->annex);
    switch (c->where) {
    case MSP_WHERE_FIELD: {
        const char *id = !strcmp(c->field, "title")               ? "corr-title"
                         : g_str_has_prefix(c->field, "subtitle") ? "corr-subtitle"
                         : g_str_has_prefix(c->field, "subject")  ? "corr-subject"
                                                                  : "corr-masthead";
        put_label(f, out, id, PLAIN, NULL);
        return;
    }
    case MSP_WHERE_NOTE:
        g_snprintf(n, sizeof n, "%d", c->note);
        put_label(f, out, "corr-footnote", PLAIN, "n", n, NULL);
        break;
    default:
        put_label(f, out, c->annex > 0 ? "corr-annex-paragraph" : "corr-paragraph", PLAIN, "n", n, "a", a, NULL);
        if (c->where == MSP_WHERE_ITEM && c->kind != MSP_CHANGE_ADDED) {
            if (c->sub_depth == 0) {
                put_label(f, out, "corr-bullet", PLAIN, "n", c->sub_x, NULL);
            } else {
                g_string_append_c(out, ' ');
                put_sub(f, out, c->sub);
            }
        }
    }
    if (lines && c->line_first > 0) {
        char l1[16], l2[16];
        g_snprintf(l1, sizeof l1, "%d", c->line_first);
        g_snprintf(l2, sizeof l2, "%d", c->line_last);
        if (c->line_last > c->line_first)
            put_label(f, out, "corr-lines", PLAIN, "n", l1, "m", l2, NULL);
        else
            put_label(f, out, "corr-line", PLAIN, "n", l1, NULL);
    }
}

/* The unit's number in the corrected version, from its note or paragraph units. */
static int note_number(const msp_diff *d, const xmlNode *note)
{
    for (guint i = 0; i < d->b->units->len; i++) {
        const msp_unit *u = d->b->units->pdata[i];
        if (u->kind == MSP_UNIT_NOTE && u->node == note)
            return u->note;
    }
    return 0;
}

static int para_number(const msp_diff *d, const char *id)
{
    for (guint i = 0; i < d->b->units->len; i++) {
        const msp_unit *u = d->b->units->pdata[i];
        if (u->kind == MSP_UNIT_PARA && u->id && id && !strcmp(u->id, id))
            return u->paragraph;
    }
    return 0;
}

/* Inline content of a corrected unit, as source: markup kept, a note call
 * as its mark in <sup>, a <ref> as the number it prints, nested lists
 * left out (the schema's inline.simple). */
static void put_inline(drafter *f, GString *out, const xmlNode *parent, int depth)
{
    for (const xmlNode *k = parent->children; k && depth < 64; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            escape(out, (const char *)k->content, true);
        } else if (k->type != XML_ELEMENT_NODE) {
            continue;
        } else if (is_el(k, "note")) {
            g_string_append_printf(out, "<sup>%d</sup>", note_number(f->d, k));
        } else if (is_el(k, "ref")) {
            xmlChar *to = xmlGetProp(k, (const xmlChar *)"to");
            g_string_append_printf(out, "%d", para_number(f->d, (const char *)to));
            xmlFree(to);
        } else if (is_el(k, "items") || is_el(k, "bullets") || is_el(k, "br")) {
            if (is_el(k, "br"))
                g_string_append_c(out, ' ');
        } else {
            const char *name = (const char *)k->name;
            g_string_append_printf(out, "<%s", name);
            for (const xmlAttr *a = k->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
                bool xml_ns = a->ns && a->ns->prefix && !strcmp((const char *)a->ns->prefix, "xml");
                g_string_append_printf(out, " %s%s=\"", xml_ns ? "xml:" : "", (const char *)a->name);
                escape(out, v ? (const char *)v : "", false);
                g_string_append_c(out, '"');
                xmlFree(v);
            }
            if (!k->children) {
                g_string_append(out, "/>");
            } else {
                g_string_append_c(out, '>');
                put_inline(f, out, k, depth + 1);
                g_string_append_printf(out, "</%s>", name);
            }
        }
    }
}

static void put_text(drafter *f, const xmlNode *node, const char *label)
{
    GString *body = g_string_new(NULL);
    put_inline(f, body, node, 0);
    char *t = g_strstrip(g_string_free(body, FALSE));
    g_string_append(f->out, "      <text");
    if (label) {
        g_string_append(f->out, " label=\"");
        escape(f->out, label, false);
        g_string_append_c(f->out, '"');
    }
    g_string_append_printf(f->out, ">%s</text>\n", t);
    g_free(t);
}

static void entry(drafter *f, const msp_change *c)
{
    GString *o = f->out;
    char n[16];
    g_snprintf(n, sizeof n, "%d", c->paragraph);
    bool sentence = c->kind == MSP_CHANGE_TEXT && c->sentence > 0 && !*c->new_core && c->sentence <= 10;
    if (c->kind == MSP_CHANGE_TEXT && c->sentence > 0 && c->sentence == c->sentences && !*c->new_core)
        sentence = true;
    g_string_append(o, "    <correction>\n      <where>");
    if (c->kind == MSP_CHANGE_ADDED && c->where == MSP_WHERE_PARAGRAPH) {
        char prev[16];
        g_snprintf(prev, sizeof prev, "%d", c->paragraph > 1 ? c->paragraph - 1 : 0);
        put_label(f, o, "corr-after-paragraph", PLAIN, "n", prev, NULL);
    } else {
        put_where(f, o, c, c->kind == MSP_CHANGE_TEXT && !sentence);
        if (c->kind == MSP_CHANGE_ADDED && c->where == MSP_WHERE_ITEM && c->after_sub) {
            if (c->sub_depth == 0) {
                put_label(f, o, "corr-after-bullet", PLAIN, "n", c->after_sub_x, NULL);
            } else {
                char *x = sub_label(f, c->after_sub);
                put_label(f, o, "corr-after-sub", PLAIN, "x", x, NULL);
                g_free(x);
            }
        }
    }
    g_string_append(o, "</where>\n      <instruction>");
    const char *read_id = c->where == MSP_WHERE_NOTE   ? "corr-footnote-read"
                          : c->where == MSP_WHERE_ITEM ? "corr-sub-read"
                          : c->where == MSP_WHERE_FIELD ? "corr-field-read"
                                                        : "corr-paragraph-read";
    char *label = NULL;
    if (c->where == MSP_WHERE_PARAGRAPH && c->paragraph > 0 && c->unnumbered == 0)
        label = g_strdup_printf("%d.", c->paragraph);
    else if (c->where == MSP_WHERE_ITEM && c->sub_depth > 0)
        label = sub_label(f, c->sub);
    switch (c->kind) {
    case MSP_CHANGE_TEXT:
        if (sentence) {
            put_nth(f, o, c->sentence, c->sentences);
        } else if (!*c->new_core && !strcmp(c->old_text, c->old_core)) {
            put_label(f, o, "corr-delete", MARKUP_VALUES, "old", c->xml.old_core, NULL);
        } else if (!*c->old_core && c->before) {
            put_label(f, o, "corr-after-insert", MARKUP_VALUES, "before", c->xml.before, "new", c->xml.new_core, NULL);
        } else if (!*c->old_core && c->after) {
            put_label(f, o, "corr-before-insert", MARKUP_VALUES, "after", c->xml.after, "new", c->xml.new_core, NULL);
        } else {
            put_label(f, o, "corr-for-read", ITALIC_WORDS | MARKUP_VALUES, "old", c->xml.old_text, "new",
                      c->xml.new_text, NULL);
        }
        g_string_append(o, "</instruction>\n");
        break;
    case MSP_CHANGE_REWRITTEN:
        put_label(f, o, read_id, PLAIN, NULL);
        g_string_append(o, "</instruction>\n");
        put_text(f, c->corrected_node, c->where == MSP_WHERE_FIELD ? NULL : label);
        break;
    case MSP_CHANGE_ADDED: {
        if (c->where == MSP_WHERE_ITEM && c->sub_depth > 0) {
            char *x = sub_label(f, c->sub);
            put_label(f, o, "corr-insert-sub", PLAIN, "x", x, NULL);
            g_free(x);
        } else {
            put_label(f, o, c->where == MSP_WHERE_ITEM      ? "corr-insert-bullet"
                            : c->where == MSP_WHERE_NOTE    ? "corr-insert-footnote"
                            : c->where == MSP_WHERE_FIELD   ? "corr-field-read"
                                                            : "corr-insert-paragraph",
                      PLAIN, NULL);
        }
        g_string_append(o, "</instruction>\n");
        put_text(f, c->corrected_node, c->where == MSP_WHERE_FIELD || c->where == MSP_WHERE_NOTE ? NULL : label);
        break;
    }
    case MSP_CHANGE_DELETED:
        if (c->where == MSP_WHERE_ITEM && c->sub_depth > 0) {
            char *x = sub_label(f, c->sub);
            put_label(f, o, "corr-delete-sub", PLAIN, "x", x, NULL);
            g_free(x);
        } else {
            put_label(f, o, c->where == MSP_WHERE_ITEM    ? "corr-delete-bullet"
                            : c->where == MSP_WHERE_NOTE  ? "corr-delete-footnote"
                            : c->where == MSP_WHERE_FIELD ? "corr-delete-field"
                                                          : "corr-delete-paragraph",
                      PLAIN, NULL);
        }
        g_string_append(o, "</instruction>\n");
        break;
    }
    g_string_append(o, "    </correction>\n");
    g_free(label);
}

bool msp_corrigendum_too_large(const msp_diff *d, char **why)
{
    guint n = msp_diff_n_changes(d), paras = msp_diff_n_paragraphs(d), changed = msp_diff_n_paragraphs_changed(d);
    char *w = NULL;
    if (n > MSP_CORRIGENDUM_MAX_ENTRIES)
        w = g_strdup_printf("%u changes, more than the %d entries a corrigendum takes", n, MSP_CORRIGENDUM_MAX_ENTRIES);
    else if (paras > 0 && changed > MSP_CORRIGENDUM_MAX_SHARE * paras)
        w = g_strdup_printf("%u of the %u paragraphs and sub-items changed, more than a third", changed, paras);
    if (why)
        *why = w;
    else
        g_free(w);
    return w != NULL;
}

int msp_corrigendum_compare_versions(msp_diag_list *diags, msp_diff *const *d, guint n)
{
    int warnings = 0;
    GHashTable **places = g_new0(GHashTable *, n);
    GPtrArray *all = g_ptr_array_new_with_free_func(g_free);
    for (guint v = 0; v < n; v++) {
        places[v] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (guint i = 0; i < msp_diff_n_changes(d[v]); i++) {
            char *p = msp_change_place(msp_diff_change(d[v], i));
            if (!g_hash_table_contains(places[v], p)) {
                g_ptr_array_add(all, g_strdup(p));
                g_hash_table_add(places[v], p);
            } else {
                g_free(p);
            }
        }
    }
    GHashTable *said = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (guint k = 0; k < all->len; k++) {
        const char *p = all->pdata[k];
        guint by = 0;
        while (by < n && !g_hash_table_contains(places[by], p))
            by++;
        for (guint v = 0; v < n; v++) {
            if (g_hash_table_contains(places[v], p))
                continue;
            char *key = g_strdup_printf("%u %s", v, p);
            if (!g_hash_table_contains(said, key)) {
                g_hash_table_add(said, key);
                msp_loc loc = { msp_diag_list_intern(diags, msp_diff_corrected_path(d[v])), 0, 0 };
                msp_diag_warn(diags, loc, "the language versions of a paper are corrected alike: check both versions",
                              "%s is corrected in %s (%s) but not in this version (%s)", p,
                              msp_diff_corrected_path(d[by]), msp_diff_language(d[by]) ? msp_diff_language(d[by]) : "?",
                              msp_diff_language(d[v]) ? msp_diff_language(d[v]) : "?");
                warnings++;
            } else {
                g_free(key);
            }
        }
    }
    g_hash_table_destroy(said);
    for (guint v = 0; v < n; v++)
        g_hash_table_destroy(places[v]);
    g_free(places);
    g_ptr_array_free(all, TRUE);
    return warnings;
}

/* The text of meta/symbol in the source at path, or NULL (owned). */
static char *symbol_of(const char *path)
{
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return NULL;
    char *sym = NULL;
    xmlNode *root = xmlDocGetRootElement(doc);
    for (xmlNode *m = root && is_el(root, "paper") ? root->children : NULL; m && !sym; m = m->next)
        if (is_el(m, "meta"))
            for (xmlNode *k = m->children; k && !sym; k = k->next)
                if (is_el(k, "symbol")) {
                    xmlChar *t = xmlNodeGetContent(k);
                    sym = g_strstrip(g_strdup(t ? (const char *)t : ""));
                    xmlFree(t);
                }
    xmlFreeDoc(doc);
    return sym;
}

char *msp_edit_date(gint64 epoch)
{
    if (epoch < 0) {
        const char *sde = g_getenv("SOURCE_DATE_EPOCH");
        char *end = NULL;
        gint64 v = sde && *sde ? g_ascii_strtoll(sde, &end, 10) : -1;
        epoch = v >= 0 && end && *end == '\0' ? v : g_get_real_time() / G_USEC_PER_SEC;
    }
    GDateTime *dt = g_date_time_new_from_unix_utc(epoch);
    char *date = dt ? g_date_time_format(dt, "%Y-%m-%d") : g_strdup("1970-01-01");
    if (dt)
        g_date_time_unref(dt);
    return date;
}

int msp_corrigendum_next_number(const char *dir, const char *symbol)
{
    return msp_suffix_next_number(dir, symbol, "Corr.");
}

int msp_suffix_next_number(const char *dir, const char *symbol, const char *suffix)
{
    int highest = 0;
    GDir *dh = g_dir_open(dir, 0, NULL);
    if (!dh || !symbol)
        return dh ? (g_dir_close(dh), 1) : 1;
    char *prefix = g_strdup_printf("%s/%s", symbol, suffix);
    for (const char *name; (name = g_dir_read_name(dh));) {
        if (!g_str_has_suffix(name, ".xml"))
            continue;
        char *path = g_build_filename(dir, name, NULL);
        char *sym = symbol_of(path);
        if (sym && g_str_has_prefix(sym, prefix)) {
            char *end = NULL;
            long n = strtol(sym + strlen(prefix), &end, 10);
            if (end && (*end == '\0' || *end == '*') && n > highest && n < 1000)
                highest = (int)n;
        }
        g_free(sym);
        g_free(path);
    }
    g_free(prefix);
    g_dir_close(dh);
    return highest + 1;
}

static void copy_meta(drafter *f, const xmlNode *meta, const char *symbol, const char *date)
{
    static const char *const kept[] = { "distribution", "original", "meeting", "agenda", "subject",
                                        "title", "subtitle", "committee", "submitted-by", NULL };
    GString *o = f->out;
    g_string_append(o, "  <meta>\n    <symbol>");
    escape(o, symbol, false);
    g_string_append(o, "</symbol>\n");
    bool dated = false;
    for (const xmlNode *k = meta ? meta->children : NULL; k; k = k->next) {
        bool keep = false;
        for (int i = 0; kept[i] && !keep; i++)
            keep = is_el(k, kept[i]);
        if (!keep)
            continue;
        if (!dated && !is_el(k, "distribution")) {
            g_string_append_printf(o, "    <date>%s</date>\n", date);
            dated = true;
        }
        xmlBuffer *buf = xmlBufferCreate();
        xmlNodeDump(buf, k->doc, (xmlNode *)k, 2, 0);
        g_string_append_printf(o, "    %s\n", (const char *)xmlBufferContent(buf));
        xmlBufferFree(buf);
    }
    if (!dated)
        g_string_append_printf(o, "    <date>%s</date>\n", date);
    g_string_append(o, "  </meta>\n");
}

/* Text that may stand in an XML comment: no "--", no control characters. Owned. */
static char *comment_safe(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (*p == '-' && out->len > 0 && out->str[out->len - 1] == '-')
            g_string_append_c(out, '_');
        else
            g_string_append_c(out, (unsigned char)*p < 0x20 ? '_' : *p);
    }
    if (out->len > 0 && out->str[out->len - 1] == '-')
        g_string_append_c(out, '_');
    return g_string_free(out, FALSE);
}

msp_status msp_corrigendum_draft(msp_job *job, const msp_refdata *ref, const msp_diff *d,
                                 const msp_corrigendum_opts *opts, char **out)
{
    *out = NULL;
    const msp_diff_paper *a = d->a;
    if (!a->kind || strcmp(a->kind, "report") != 0)
        return msp_diag_error(&job->diags, MSP_E_USAGE, ((msp_loc){ a->path, 0, 0 }),
                              "a corrigendum is a report paper (docs/corrections.md): correct the statement's source and build it again",
                              "only reports have corrigenda; this paper is a %s", a->kind ? a->kind : "(no kind)");
    if (!a->symbol)
        return msp_diag_error(&job->diags, MSP_E_USAGE, ((msp_loc){ a->path, 0, 0 }),
                              "give the issued paper its <symbol>: a corrigendum is numbered after it",
                              "the issued paper has no symbol");
    int number = opts && opts->number > 0 ? opts->number : 0;
    if (number == 0) {
        char *dir = g_path_get_dirname(a->path);
        number = msp_corrigendum_next_number(dir, a->symbol);
        g_free(dir);
    }
    char *date = msp_edit_date(opts ? opts->date_epoch : -1);
    char *symbol = g_strdup_printf("%s/Corr.%d", a->symbol, number);

    drafter f = { ref, a->language ? a->language : "en", d, g_string_new(NULL) };
    xmlNode *root = xmlDocGetRootElement(a->src->doc);
    const xmlNode *meta = NULL;
    for (const xmlNode *k = root->children; k && !meta; k = k->next)
        if (is_el(k, "meta"))
            meta = k;
    g_string_append(f.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    char *from_a = comment_safe(a->path), *from_b = comment_safe(d->b->path);
    g_string_append_printf(f.out, "<!-- Corrigendum %d to %s, drafted by mspdoc corrigendum from %s and %s.\n"
                                  "     Review every entry before issue (docs/corrections.md). -->\n",
                           number, a->symbol, from_a, from_b);
    g_free(from_a);
    g_free(from_b);
    g_string_append(f.out, "<paper xmlns=\"" MSP_PAPER_NS "\"");
    if (root->ns && root->ns->prefix)
        g_string_append_printf(f.out, " xmlns:%s=\"" MSP_PAPER_NS "\"", (const char *)root->ns->prefix);
    g_string_append_printf(f.out, " kind=\"%s\" xml:lang=\"%s\">\n", a->kind ? a->kind : "report", f.lang);
    copy_meta(&f, meta, symbol, date);
    g_string_append(f.out, "  <corrections>\n");
    for (guint i = 0; i < d->changes->len; i++)
        entry(&f, d->changes->pdata[i]);
    g_string_append(f.out, "  </corrections>\n</paper>\n");

    /* what was drafted must at least be well-formed */
    msp_status st = MSP_OK;
    xmlDoc *check = xmlReadMemory(f.out->str, (int)f.out->len, symbol, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!check)
        st = msp_diag_error(&job->diags, MSP_E_OUTPUT, ((msp_loc){ a->path, 0, 0 }), NULL,
                            "the drafted corrigendum is not well-formed XML (a bug: please report it)");
    xmlFreeDoc(check);
    if (st == MSP_OK)
        *out = g_string_free(f.out, FALSE);
    else
        g_string_free(f.out, TRUE);
    g_free(symbol);
    g_free(date);
    return st;
}
