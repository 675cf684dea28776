/* JSON string escaping for every machine-readable output: the diagnostics'
 * JSON Lines (diag.c, --diagnostics=json) and the batch report's index.json
 * (src/batch/report.c calls it): UTF-8 kept as is,
 * quote, backslash and control characters escaped, U+2028/U+2029 escaped
 * (they end a line in JavaScript), each invalid byte written as \ufffd. */
#ifndef MSP_JSON_H
#define MSP_JSON_H

#include <glib.h>

/* Appends s as a quoted JSON string ("" for NULL). */
void msp_json_string(GString *out, const char *s);

/* Appends s as a quoted JSON string, or null for NULL. */
void msp_json_string_or_null(GString *out, const char *s);

#endif
