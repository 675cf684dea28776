/* An output file written through a temporary sibling
 * ("<dir>/.<name>.XXXXXX.tmp", created O_EXCL so never through a planted
 * link) and renamed into place on success, so a failed or interrupted write
 * never leaves a partial file. Every file mspdoc writes goes through it.
 * The name "-" is standard output: the bytes are kept in memory and written
 * to stdout at commit, so a failed document writes nothing there either. */
#ifndef MSP_OUTFILE_H
#define MSP_OUTFILE_H

#include "base/diag.h"

#include <cairo.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct msp_outfile {
    char *path;       /* owned: final name */
    char *tmp_path;   /* owned: the temporary sibling, NULL once renamed or removed */
    FILE *fp;         /* owned while open */
    int write_errno;  /* first write error (0 = none) */
    bool to_stdout;   /* path "-": fp is a memory stream, copied to stdout at commit */
    bool no_sync;     /* commit without fsync: a preview made again with its document (batch
                       * thumbnails); the documents themselves always reach the disk first */
    char *mem;        /* the memory stream's buffer (to_stdout) */
    size_t mem_len;
} msp_outfile;

/* Creates the temporary sibling of path. MSP_E_OUTPUT (path and system
 * reason in diags) if the folder is missing or not writable. */
msp_status msp_outfile_open(msp_diag_list *diags, msp_outfile *out, const char *path);
/* A cairo_write_func_t; closure = msp_outfile*. Records the first error. */
cairo_status_t msp_outfile_write(void *closure, const unsigned char *data, unsigned int length);
/* Flushes, fsyncs (unless out->no_sync), closes and renames to out->path. On any failure the
 * temporary is removed and MSP_E_OUTPUT returned. Clears out in every case. */
msp_status msp_outfile_commit(msp_diag_list *diags, msp_outfile *out);
/* Removes a committed output again (all or nothing, when a later output of
 * the same document failed); "-" (already on standard output) is left. */
void msp_outfile_remove(const char *path);
/* Closes and removes the temporary; clears out. Safe on a cleared outfile. */
void msp_outfile_discard(msp_outfile *out);

#endif
