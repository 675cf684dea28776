/* "-" as an input file name: standard input, read whole once per process,
 * named "<stdin>" in diagnostics (whose excerpts are taken from the bytes
 * read, since there is no file to read them from again). */
#ifndef MSP_STDIN_H
#define MSP_STDIN_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* What diagnostics call standard input. */
#define MSP_STDIN_NAME "<stdin>"

/* True for the file name "-". */
bool msp_is_stdin_name(const char *path);

/* Reads standard input to its end into *buf (NUL-terminated, g_free it)
 * and *len. MSP_E_LIMIT when it is longer than limit bytes (limit <= 0: no
 * limit), MSP_E_IO when it cannot be read or was read before by this
 * process (the pipe is gone). The bytes are kept for the excerpts of
 * diagnostics about MSP_STDIN_NAME. */
msp_status msp_read_stdin(msp_diag_list *diags, long limit, char **buf, size_t *len);

#endif
