/* Shared inside src/xslt/ only: the compiled template set. */
#ifndef MSP_XSLT_PRIVATE_H
#define MSP_XSLT_PRIVATE_H

#include "xslt/xslt.h"

#include <glib.h>
#include <libxslt/xsltInternals.h>

struct msp_xslt {
    GHashTable *kinds;          /* kind -> xsltStylesheetPtr (owned) */
    char *templates_dir;        /* canonical, no trailing slash */
    char *data_dir;             /* canonical, no trailing slash */
    char *data_param;           /* data_dir + "/" */
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

#endif
