/* JSON string escaping (json.h). */
#include "base/json.h"

#include <string.h>

void msp_json_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    const char *p = s ? s : "";
    const char *end = p + strlen(p);
    while (p < end) {
        gunichar c = g_utf8_get_char_validated(p, end - p);
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            g_string_append(out, "\\ufffd");
            p++;
            continue;
        }
        switch (c) {
        case '"': g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        case '\b': g_string_append(out, "\\b"); break;
        case '\f': g_string_append(out, "\\f"); break;
        default:
            if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029)
                g_string_append_printf(out, "\\u%04x", (unsigned)c);
            else
                g_string_append_len(out, p, g_utf8_next_char(p) - p);
        }
        p = g_utf8_next_char(p);
    }
    g_string_append_c(out, '"');
}

void msp_json_string_or_null(GString *out, const char *s)
{
    if (s)
        msp_json_string(out, s);
    else
        g_string_append(out, "null");
}
