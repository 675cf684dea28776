/* Standard input as a document: read to its end in one piece (sources and
 * FO are parsed from memory anyway), with the size limit applied while
 * reading so that an endless pipe cannot exhaust memory. */
#include "base/stdin.h"

#include <errno.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

bool msp_is_stdin_name(const char *path)
{
    return path && !strcmp(path, "-");
}

msp_status msp_read_stdin(msp_diag_list *diags, long limit, char **buf, size_t *len)
{
    static gsize taken = 0;
    msp_loc loc = { MSP_STDIN_NAME, 0, 0 };
    *buf = NULL;
    *len = 0;
    if (!g_once_init_enter(&taken))
        return msp_diag_error(diags, MSP_E_IO, loc, "give '-' once: standard input can be read only once",
                              "standard input was already read");
    g_once_init_leave(&taken, 1);
    GString *data = g_string_sized_new(1 << 16);
    char chunk[1 << 16];
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            g_string_free(data, TRUE);
            return msp_diag_error(diags, MSP_E_IO, loc, NULL, "cannot read standard input: %s", g_strerror(e));
        }
        if (n == 0)
            break;
        if (limit > 0 && data->len + (size_t)n > (size_t)limit) {
            g_string_free(data, TRUE);
            return msp_diag_error(diags, MSP_E_LIMIT, loc, "split the document or raise the size limit",
                                  "standard input is more than the limit of %ld bytes", limit);
        }
        g_string_append_len(data, chunk, n);
    }
    msp_diag_cache_put(MSP_STDIN_NAME, data->str, data->len);
    *len = data->len;
    *buf = g_string_free(data, FALSE);
    return MSP_OK;
}
