/* The typo distance behind every "did you mean": Levenshtein's edit distance
 * over bytes, case-insensitive, two rows of at most 65 cells (names are short;
 * GLib has no such function and ICU's is not worth a dependency here). */
#include "base/suggest.h"

#include <string.h>

int msp_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (g_ascii_tolower(a[i - 1]) != g_ascii_tolower(b[j - 1]));
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

const char *msp_suggest(const char *n, const GPtrArray *names)
{
    const char *best = NULL;
    int bd = 99;
    for (guint i = 0; i < names->len; i++) {
        const char *c = g_ptr_array_index(names, i);
        int d = msp_edit_distance(n, c);
        if (d < bd) {
            bd = d;
            best = c;
        }
    }
    size_t len = strlen(n);
    int limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    if (best && g_str_has_prefix(best, n) && strlen(best) <= len + 4)
        return best;   /* cut short: "sub" for "subject" */
    for (guint i = 0; i < names->len; i++) {
        const char *c = g_ptr_array_index(names, i);
        if (strlen(c) >= 3 && g_str_has_prefix(n, c))
            return c;   /* run on: "subitem" for "sub" */
    }
    return bd <= limit ? best : NULL;
}
