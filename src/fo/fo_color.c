/* Colours: the named colours mspdoc knows, #rgb, #rrggbb and rgb(r, g, b)
 * (numbers or percentages). No ICC profiles or system colours. */
#include "fo/fo_private.h"

#include <string.h>

static const struct { const char *name; uint32_t rgb; } color_names[] = {
    { "black", 0x000000 }, { "white", 0xFFFFFF }, { "red", 0xFF0000 }, { "green", 0x008000 },
    { "blue", 0x0000FF }, { "gray", 0x808080 }, { "grey", 0x808080 }, { "silver", 0xC0C0C0 },
    { "maroon", 0x800000 }, { "navy", 0x000080 }, { "purple", 0x800080 }, { "fuchsia", 0xFF00FF },
    { "lime", 0x00FF00 }, { "olive", 0x808000 }, { "yellow", 0xFFFF00 }, { "teal", 0x008080 },
    { "aqua", 0x00FFFF }, { "orange", 0xFFA500 }, { "darkgray", 0xA9A9A9 }, { "darkgrey", 0xA9A9A9 },
    { "lightgray", 0xD3D3D3 }, { "lightgrey", 0xD3D3D3 }, { "darkblue", 0x00008B },
    { "darkred", 0x8B0000 }, { "darkgreen", 0x006400 }, { "lightblue", 0xADD8E6 },
    { "whitesmoke", 0xF5F5F5 }, { "gainsboro", 0xDCDCDC }, { "dimgray", 0x696969 },
    { "dimgrey", 0x696969 }, { "brown", 0xA52A2A }, { "magenta", 0xFF00FF }, { "cyan", 0x00FFFF },
};

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool rgb_component(const char *s, const char **end, int *out)
{
    char *e;
    double v = g_ascii_strtod(s, &e);
    if (e == s)
        return false;
    while (*e == ' ')
        e++;
    if (*e == '%') {
        v = v * 255.0 / 100.0;
        e++;
    }
    if (v < 0 || v > 255)
        return false;
    *out = (int)(v + 0.5);
    *end = e;
    return true;
}

bool msp_fo_color_parse(const char *v, uint32_t *out)
{
    size_t n = strlen(v);
    if (v[0] == '#' && (n == 4 || n == 7)) {
        uint32_t c = 0;
        for (size_t i = 1; i < n; i++) {
            int h = hexval(v[i]);
            if (h < 0)
                return false;
            c = (c << 4) | (uint32_t)h;
            if (n == 4)
                c = (c << 4) | (uint32_t)h;
        }
        *out = c;
        return true;
    }
    if (strncmp(v, "rgb(", 4) == 0 && v[n - 1] == ')') {
        const char *p = v + 4;
        int rgb[3];
        for (int i = 0; i < 3; i++) {
            while (*p == ' ')
                p++;
            if (!rgb_component(p, &p, &rgb[i]))
                return false;
            while (*p == ' ')
                p++;
            if (*p != (i < 2 ? ',' : ')'))
                return false;
            p++;
        }
        if (*p)
            return false;
        *out = (uint32_t)(rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(color_names); i++)
        if (g_ascii_strcasecmp(color_names[i].name, v) == 0) {
            *out = color_names[i].rgb;
            return true;
        }
    return false;
}

