/* The documents stylesheets read with document() (data/labels.xml,
 * data/states.xml, ...), parsed once per thread instead of once per paper.
 * Every transform in a batch worker reads the same few data files; parsing
 * them was about a twentieth of a three-page paper's build. Each thread keeps
 * its own parsed copies (a transform may write into a loaded document:
 * libxslt numbers its elements for document order), so no lock is needed,
 * and an entry is used only while the file's identity (device, inode, size,
 * modification time) is unchanged, so an edited data file (watch mode) is
 * read again. A document is kept from its second reading in a thread on (a
 * single build reads each once, and keeps its peak memory). libxslt frees
 * the documents of a transform with its context; msp_xslt_doccache_release
 * takes the cached ones out of it first, with libxslt's record of each
 * (its xsl:key tables: indexing the data files again was a twenty-fifth of
 * a paper's build), and msp_xslt_doccache_attach gives them to the next
 * transform, the tables kept when it runs the same compiled stylesheet. */
#include "xslt/xslt_private.h"

#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <libxslt/keys.h>
#include <sys/stat.h>

typedef struct cached_doc {
    xmlDocPtr doc;      /* NULL: read once, not kept */
    xsltDocumentPtr info;           /* libxslt's record of doc, with its key tables, or NULL */
    xsltStylesheetPtr keys_of;      /* the stylesheet whose keys info holds */
    dev_t dev;
    ino_t ino;
    off_t size;
    gint64 mtime_ns;
} cached_doc;

static void cached_doc_free(gpointer p)
{
    cached_doc *c = p;
    if (c->info) {
        xsltFreeDocumentKeys(c->info);
        xmlFree(c->info);
    }
    if (c->doc)
        xmlFreeDoc(c->doc);
    g_free(c);
}

static void cache_free(gpointer p)
{
    g_hash_table_destroy(p);
}

static GPrivate cache_key = G_PRIVATE_INIT(cache_free);

/* uri -> cached_doc, of this thread */
static GHashTable *thread_cache(bool create)
{
    GHashTable *t = g_private_get(&cache_key);
    if (!t && create) {
        t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, cached_doc_free);
        g_private_set(&cache_key, t);
    }
    return t;
}

static gint64 mtime_ns(const struct stat *sb)
{
    return (gint64)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Whether sb is still the file c was read from (watch mode edits it). */
static bool same_file(const cached_doc *c, const struct stat *sb)
{
    return c->dev == sb->st_dev && c->ino == sb->st_ino && c->size == sb->st_size && c->mtime_ns == mtime_ns(sb);
}

xmlDocPtr msp_xslt_doccache_get(const char *uri, xmlDocPtr (*parse)(const char *uri, void *user), void *user)
{
    struct stat sb;
    if (!uri || g_stat(uri, &sb) != 0 || !S_ISREG(sb.st_mode))
        return parse(uri, user);   /* not a plain file: parsed (and its error told) each time */
    GHashTable *t = thread_cache(true);
    cached_doc *c = g_hash_table_lookup(t, uri);
    bool same = c && same_file(c, &sb);
    if (same && c->doc)
        return c->doc;
    if (c && !same) {
        g_hash_table_remove(t, uri);
        c = NULL;
    }
    xmlDocPtr doc = parse(uri, user);
    if (!doc)
        return NULL;
    bool again = c != NULL;
    c = g_new(cached_doc, 1);
    *c = (cached_doc){ again ? doc : NULL, NULL, NULL, sb.st_dev, sb.st_ino, sb.st_size, mtime_ns(&sb) };
    g_hash_table_insert(t, g_strdup(uri), c);
    return doc;
}

static cached_doc *holder(GHashTable *t, xmlDocPtr doc)
{
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, t);
    while (g_hash_table_iter_next(&it, NULL, &v))
        if (doc && ((cached_doc *)v)->doc == doc)
            return v;
    return NULL;
}

void msp_xslt_doccache_attach(xsltTransformContextPtr ctxt)
{
    GHashTable *t = thread_cache(false);
    if (!t || !ctxt || !ctxt->docList)
        return;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, t);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        cached_doc *c = v;
        if (!c->info)
            continue;
        /* a file changed since (watch mode) is read again by document() */
        struct stat sb;
        if (g_stat(k, &sb) != 0 || !same_file(c, &sb)) {
            g_hash_table_iter_remove(&it);
            continue;
        }
        if (c->keys_of != ctxt->style) {
            xsltFreeDocumentKeys(c->info);
            c->info->keys = NULL;
            c->info->nbKeysComputed = 0;
            c->keys_of = ctxt->style;
        }
        /* after the source's own record, which stays the list's head */
        c->info->next = ctxt->docList->next;
        ctxt->docList->next = c->info;
    }
}

void msp_xslt_doccache_release(xsltTransformContextPtr ctxt)
{
    GHashTable *t = thread_cache(false);
    if (!t || !ctxt)
        return;
    /* the cached documents leave the context's list, not freed with it
     * (xsltFreeDocuments), their records kept for the next transform */
    xsltDocumentPtr *link = &ctxt->docList;
    while (*link) {
        xsltDocumentPtr d = *link;
        cached_doc *c = d->main ? NULL : holder(t, d->doc);
        if (!c) {
            link = &d->next;
            continue;
        }
        *link = d->next;
        d->next = NULL;
        if (c->info && c->info != d) {   /* a second record of it (not expected): dropped */
            xsltFreeDocumentKeys(d);
            xmlFree(d);
            continue;
        }
        if (!c->info)
            c->keys_of = ctxt->style;
        c->info = d;
    }
}

void msp_xslt_doccache_clear(void)
{
    GHashTable *t = thread_cache(false);
    if (t)
        g_hash_table_remove_all(t);
}
