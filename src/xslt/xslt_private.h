/* Shared inside src/xslt/ only: the compiled template set. */
#ifndef MSP_XSLT_PRIVATE_H
#define MSP_XSLT_PRIVATE_H

#include "xslt/typo.h"
#include "xslt/xslt.h"

#include <glib.h>
#include <libxslt/xsltInternals.h>

struct msp_xslt {
    GHashTable *kinds;          /* kind -> xsltStylesheetPtr (owned) */
    char *templates_dir;        /* canonical, no trailing slash */
    char *data_dir;             /* canonical, no trailing slash */
    char *data_param;           /* data_dir + "/" */
    msp_typo *typo;             /* typography rules per language (data/labels.xml) */
};

/* Canonical absolute form of path (symlinks resolved for the longest
 * existing prefix). Owned by the caller. */
char *msp_xslt_canonical_path(const char *path);

/* True when path (canonical) is root or inside it. */
bool msp_xslt_path_inside(const char *path, const char *root);

/* The namespace of the numbers written by msp_xslt_number_source. */
#define MSP_XSLT_NUMBER_NS "urn:x-mspdoc:number"

/* Writes n:p="N" on every numbered paragraph (restarting at each annex) and
 * n:note="N" on every note, in document order (n = MSP_XSLT_NUMBER_NS);
 * replaces any such attributes already there. Linear in the document. */
void msp_xslt_number_source(xmlDoc *src);

/* The namespace of mspdoc's XPath extension functions (xslt_collate.c). */
#define MSP_XSLT_LANG_NS "urn:x-mspdoc:lang"

/* Hex ICU collation key of text (UTF-8) in lang's alphabetical order (owned):
 * comparing two keys as byte strings orders the texts as lang does. */
char *msp_xslt_collation_key(const char *text, const char *lang);

/* The document at uri for document(): this thread's parsed copy while the
 * file is unchanged, else parse(uri, user) kept for the next call
 * (xslt_doccache.c). NULL when parse fails (nothing kept). The document
 * belongs to the cache: call msp_xslt_doccache_release(ctxt) before
 * xsltFreeTransformContext. */
xmlDocPtr msp_xslt_doccache_get(const char *uri, xmlDocPtr (*parse)(const char *uri, void *user), void *user);

/* Keeps the cached documents ctxt loaded from being freed with ctxt. */
void msp_xslt_doccache_release(xsltTransformContextPtr ctxt);
/* Gives a new transform context this thread's cached documents (with their
 * key tables when computed for its stylesheet): call before applying it. */
void msp_xslt_doccache_attach(xsltTransformContextPtr ctxt);

/* Frees this thread's cached documents (none may be in use). */
void msp_xslt_doccache_clear(void);

/* Registers l:sort-key(text, lang) process-wide (from msp_xslt_global_init). */
void msp_xslt_register_lang_functions(void);

#endif
