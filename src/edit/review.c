/* The review copy of a corrected paper (`mspdoc build CORRECTED.xml
 * --changes-from ISSUED.xml`): the corrected source with a processing
 * instruction pair <?msp-change-begin cN?> … <?msp-change-end cN?> around
 * the words each change of the diff put in (the whole unit for an added or
 * restated one) and <?msp-deleted cN?> where words were taken out; the
 * stylesheets turn them into fo:change-bar-begin/-end (and a caret for a
 * deletion), so the engine draws a bar beside exactly the changed lines.
 * The words are found in the unit's text with white space collapsed, so a
 * change that spans a source line break or inline markup is found too. */
#include "edit/edit.h"

#include <libxml/tree.h>
#include <string.h>

/* The text nodes under a unit, their text joined with runs of white space
 * collapsed to one space, and for each byte of the joined text the text
 * node and offset it comes from. */
typedef struct flat {
    GString *text;
    GArray *node_of;     /* xmlNode* per byte */
    GArray *offset_of;   /* int per byte */
} flat;

static void flatten(flat *f, xmlNode *n, bool *space)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            for (int i = 0; t && t[i]; i++) {
                bool ws = g_ascii_isspace(t[i]);
                if (ws && *space)
                    continue;
                g_string_append_c(f->text, ws ? ' ' : t[i]);
                g_array_append_val(f->node_of, c);
                g_array_append_val(f->offset_of, i);
                *space = ws;
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            flatten(f, c, space);
        }
    }
}

static char *collapse(const char *s)
{
    GString *out = g_string_new(NULL);
    bool space = false;
    for (; s && *s; s++) {
        bool ws = g_ascii_isspace(*s);
        if (ws && space)
            continue;
        g_string_append_c(out, ws ? ' ' : *s);
        space = ws;
    }
    return g_string_free(out, FALSE);
}

static xmlNode *new_pi(xmlDoc *doc, const char *name, int n)
{
    char cls[16];
    g_snprintf(cls, sizeof cls, "c%d", n);
    return xmlNewDocPI(doc, (const xmlChar *)name, (const xmlChar *)cls);
}

/* Puts pi just before byte `at` of the flat text (after the last byte when at == len). */
static void insert_at(const flat *f, size_t at, xmlNode *pi, xmlNode *unit)
{
    if (f->text->len == 0) {
        xmlAddChild(unit, pi);
        return;
    }
    if (at >= f->text->len) {
        xmlNode *last = g_array_index(f->node_of, xmlNode *, f->text->len - 1);
        xmlAddNextSibling(last, pi);
        return;
    }
    xmlNode *t = g_array_index(f->node_of, xmlNode *, at);
    int off = g_array_index(f->offset_of, int, at);
    if (off == 0) {
        xmlAddPrevSibling(t, pi);
        return;
    }
    /* split the text node at off: the PI goes between the halves (the PI is
     * added first: libxml2 merges a text node added next to another one) */
    const char *s = (const char *)t->content;
    xmlNode *rest = xmlNewDocText(t->doc, (const xmlChar *)(s + off));
    char *head = g_strndup(s, (gsize)off);
    xmlNodeSetContent(t, (const xmlChar *)head);
    g_free(head);
    xmlAddNextSibling(t, pi);
    xmlAddNextSibling(pi, rest);
}

/* The pair of change n around all of unit's content. */
static void bar_whole(xmlNode *unit, int n)
{
    xmlNode *b = new_pi(unit->doc, "msp-change-begin", n), *e = new_pi(unit->doc, "msp-change-end", n);
    if (unit->children)
        xmlAddPrevSibling(unit->children, b);
    else
        xmlAddChild(unit, b);
    xmlAddChild(unit, e);
}

static void flat_free(flat *f)
{
    g_string_free(f->text, TRUE);
    g_array_free(f->node_of, TRUE);
    g_array_free(f->offset_of, TRUE);
}

/* Where the words of c stand in the unit's flat text: [*from, *to), or false. */
static bool locate(const msp_change *c, const GString *text, size_t *from, size_t *to)
{
    char *ctx = collapse(c->new_text ? c->new_text : "");
    char *core = collapse(c->new_core ? c->new_core : "");
    char *before = collapse(c->before ? c->before : "");
    char *after = collapse(c->after ? c->after : "");
    bool found = false;
    const char *hay = text->str;
    if (*core) {
        const char *p = *ctx ? strstr(hay, ctx) : NULL;
        const char *q = p ? strstr(p, core) : strstr(hay, core);
        if (q) {
            *from = (size_t)(q - hay);
            *to = *from + strlen(core);
            found = true;
        }
    } else if (c->sentence > 0) {
        /* a whole sentence taken out: the caret where it stood, after the
         * sentence before it (sentences end in ". ", "? ", "! ") */
        size_t at = 0;
        int seen = 1;
        for (size_t i = 0; i + 1 < text->len && seen < c->sentence; i++)
            if ((hay[i] == '.' || hay[i] == '?' || hay[i] == '!') && hay[i + 1] == ' ') {
                seen++;
                at = i + 1;
            }
        *from = *to = seen == c->sentence ? at : text->len;
        found = true;
    } else if (*before) {
        const char *p = strstr(hay, before);
        if (p) {
            *from = *to = (size_t)(p - hay) + strlen(before);
            found = true;
        }
    } else if (*after) {
        const char *p = strstr(hay, after);
        if (p) {
            *from = *to = (size_t)(p - hay);
            found = true;
        }
    } else {
        *from = *to = 0;
        found = true;
    }
    g_free(ctx);
    g_free(core);
    g_free(before);
    g_free(after);
    return found;
}

char *msp_review_source(const msp_diff *d, size_t *len, int *marked)
{
    xmlDoc *doc = NULL;
    int n = 0;
    for (guint i = 0; i < msp_diff_n_changes(d); i++) {
        const msp_change *c = msp_diff_change(d, i);
        xmlNode *unit = (xmlNode *)c->corrected_node;
        if (!unit)
            continue;   /* a deleted unit: no line of the corrected version to bar */
        doc = unit->doc;
        n++;

        if (c->kind != MSP_CHANGE_TEXT) {
            bar_whole(unit, n);   /* added or restated whole: the bar runs beside all of it */
            continue;
        }
        flat f = { g_string_new(NULL), g_array_new(FALSE, FALSE, sizeof(xmlNode *)),
                   g_array_new(FALSE, FALSE, sizeof(int)) };
        bool space = true;
        flatten(&f, unit, &space);
        size_t from = 0, to = 0;
        if (!locate(c, f.text, &from, &to)) {
            bar_whole(unit, n);   /* not found word for word: the unit is barred whole */
        } else if (from == to) {
            insert_at(&f, from, new_pi(doc, "msp-deleted", n), unit);
        } else {
            /* the end first: inserting it does not move the bytes before it */
            insert_at(&f, to, new_pi(doc, "msp-change-end", n), unit);
            insert_at(&f, from, new_pi(doc, "msp-change-begin", n), unit);
        }
        flat_free(&f);
    }
    *marked = n;
    if (!doc) {
        *len = 0;
        return NULL;
    }
    xmlChar *buf = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &buf, &size, "UTF-8");
    char *out = g_strndup((const char *)buf, (gsize)size);
    xmlFree(buf);
    *len = (size_t)size;
    return out;
}
