/* Colours (XSL 1.1 §5.11 <color>, the CSS2 system extended to the CSS3 / SVG
 * named colours): the 147 keywords, #rgb, #rrggbb, rgb(r, g, b) with numbers
 * or percentages, and rgb-icc() by its sRGB fallback. No colour profiles,
 * system-color() or cmyk(); "transparent" is the caller's (fo_value.c). */
#include "fo/fo_private.h"

#include <stdlib.h>
#include <string.h>

typedef struct named_color {
    const char *name;
    uint32_t rgb;
} named_color;

/* CSS Color Module Level 3 §4.3 (the SVG 1.1 keywords), sorted by name for bsearch */
static const named_color color_names[] = {
    { "aliceblue", 0xF0F8FF }, { "antiquewhite", 0xFAEBD7 }, { "aqua", 0x00FFFF },
    { "aquamarine", 0x7FFFD4 }, { "azure", 0xF0FFFF }, { "beige", 0xF5F5DC }, { "bisque", 0xFFE4C4 },
    { "black", 0x000000 }, { "blanchedalmond", 0xFFEBCD }, { "blue", 0x0000FF },
    { "blueviolet", 0x8A2BE2 }, { "brown", 0xA52A2A }, { "burlywood", 0xDEB887 },
    { "cadetblue", 0x5F9EA0 }, { "chartreuse", 0x7FFF00 }, { "chocolate", 0xD2691E },
    { "coral", 0xFF7F50 }, { "cornflowerblue", 0x6495ED }, { "cornsilk", 0xFFF8DC },
    { "crimson", 0xDC143C }, { "cyan", 0x00FFFF }, { "darkblue", 0x00008B }, { "darkcyan", 0x008B8B },
    { "darkgoldenrod", 0xB8860B }, { "darkgray", 0xA9A9A9 }, { "darkgreen", 0x006400 },
    { "darkgrey", 0xA9A9A9 }, { "darkkhaki", 0xBDB76B }, { "darkmagenta", 0x8B008B },
    { "darkolivegreen", 0x556B2F }, { "darkorange", 0xFF8C00 }, { "darkorchid", 0x9932CC },
    { "darkred", 0x8B0000 }, { "darksalmon", 0xE9967A }, { "darkseagreen", 0x8FBC8F },
    { "darkslateblue", 0x483D8B }, { "darkslategray", 0x2F4F4F }, { "darkslategrey", 0x2F4F4F },
    { "darkturquoise", 0x00CED1 }, { "darkviolet", 0x9400D3 }, { "deeppink", 0xFF1493 },
    { "deepskyblue", 0x00BFFF }, { "dimgray", 0x696969 }, { "dimgrey", 0x696969 },
    { "dodgerblue", 0x1E90FF }, { "firebrick", 0xB22222 }, { "floralwhite", 0xFFFAF0 },
    { "forestgreen", 0x228B22 }, { "fuchsia", 0xFF00FF }, { "gainsboro", 0xDCDCDC },
    { "ghostwhite", 0xF8F8FF }, { "gold", 0xFFD700 }, { "goldenrod", 0xDAA520 }, { "gray", 0x808080 },
    { "green", 0x008000 }, { "greenyellow", 0xADFF2F }, { "grey", 0x808080 }, { "honeydew", 0xF0FFF0 },
    { "hotpink", 0xFF69B4 }, { "indianred", 0xCD5C5C }, { "indigo", 0x4B0082 }, { "ivory", 0xFFFFF0 },
    { "khaki", 0xF0E68C }, { "lavender", 0xE6E6FA }, { "lavenderblush", 0xFFF0F5 },
    { "lawngreen", 0x7CFC00 }, { "lemonchiffon", 0xFFFACD }, { "lightblue", 0xADD8E6 },
    { "lightcoral", 0xF08080 }, { "lightcyan", 0xE0FFFF }, { "lightgoldenrodyellow", 0xFAFAD2 },
    { "lightgray", 0xD3D3D3 }, { "lightgreen", 0x90EE90 }, { "lightgrey", 0xD3D3D3 },
    { "lightpink", 0xFFB6C1 }, { "lightsalmon", 0xFFA07A }, { "lightseagreen", 0x20B2AA },
    { "lightskyblue", 0x87CEFA }, { "lightslategray", 0x778899 }, { "lightslategrey", 0x778899 },
    { "lightsteelblue", 0xB0C4DE }, { "lightyellow", 0xFFFFE0 }, { "lime", 0x00FF00 },
    { "limegreen", 0x32CD32 }, { "linen", 0xFAF0E6 }, { "magenta", 0xFF00FF }, { "maroon", 0x800000 },
    { "mediumaquamarine", 0x66CDAA }, { "mediumblue", 0x0000CD }, { "mediumorchid", 0xBA55D3 },
    { "mediumpurple", 0x9370DB }, { "mediumseagreen", 0x3CB371 }, { "mediumslateblue", 0x7B68EE },
    { "mediumspringgreen", 0x00FA9A }, { "mediumturquoise", 0x48D1CC }, { "mediumvioletred", 0xC71585 },
    { "midnightblue", 0x191970 }, { "mintcream", 0xF5FFFA }, { "mistyrose", 0xFFE4E1 },
    { "moccasin", 0xFFE4B5 }, { "navajowhite", 0xFFDEAD }, { "navy", 0x000080 },
    { "oldlace", 0xFDF5E6 }, { "olive", 0x808000 }, { "olivedrab", 0x6B8E23 }, { "orange", 0xFFA500 },
    { "orangered", 0xFF4500 }, { "orchid", 0xDA70D6 }, { "palegoldenrod", 0xEEE8AA },
    { "palegreen", 0x98FB98 }, { "paleturquoise", 0xAFEEEE }, { "palevioletred", 0xDB7093 },
    { "papayawhip", 0xFFEFD5 }, { "peachpuff", 0xFFDAB9 }, { "peru", 0xCD853F }, { "pink", 0xFFC0CB },
    { "plum", 0xDDA0DD }, { "powderblue", 0xB0E0E6 }, { "purple", 0x800080 }, { "red", 0xFF0000 },
    { "rosybrown", 0xBC8F8F }, { "royalblue", 0x4169E1 }, { "saddlebrown", 0x8B4513 },
    { "salmon", 0xFA8072 }, { "sandybrown", 0xF4A460 }, { "seagreen", 0x2E8B57 },
    { "seashell", 0xFFF5EE }, { "sienna", 0xA0522D }, { "silver", 0xC0C0C0 }, { "skyblue", 0x87CEEB },
    { "slateblue", 0x6A5ACD }, { "slategray", 0x708090 }, { "slategrey", 0x708090 },
    { "snow", 0xFFFAFA }, { "springgreen", 0x00FF7F }, { "steelblue", 0x4682B4 }, { "tan", 0xD2B48C },
    { "teal", 0x008080 }, { "thistle", 0xD8BFD8 }, { "tomato", 0xFF6347 }, { "turquoise", 0x40E0D0 },
    { "violet", 0xEE82EE }, { "wheat", 0xF5DEB3 }, { "white", 0xFFFFFF }, { "whitesmoke", 0xF5F5F5 },
    { "yellow", 0xFFFF00 }, { "yellowgreen", 0x9ACD32 },
};

static int cmp_name(const void *key, const void *entry)
{
    return g_ascii_strcasecmp(key, ((const named_color *)entry)->name);
}

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

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

static bool rgb_component(const char *s, const char **end, int *out)
{
    char *e;
    double v = g_ascii_strtod(s, &e);
    if (e == s)
        return false;
    e = (char *)skip_blanks(e);
    if (*e == '%') {
        v = v * 255.0 / 100.0;
        e++;
    }
    if (!(v >= 0 && v <= 255))
        return false;
    *out = (int)(v + 0.5);
    *end = e;
    return true;
}

/* The three components after "rgb(" or "rgb-icc(": p is left on the
 * character after the third (')' for rgb, ',' for rgb-icc). */
static bool rgb_triple(const char *p, const char **end, uint32_t *out)
{
    int rgb[3];
    for (int i = 0; i < 3; i++) {
        p = skip_blanks(p);
        if (!rgb_component(p, &p, &rgb[i]))
            return false;
        p = skip_blanks(p);
        if (i < 2) {
            if (*p != ',')
                return false;
            p++;
        }
    }
    *out = (uint32_t)(rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
    *end = p;
    return true;
}

/* rgb-icc(r, g, b, profile-name, component...) (XSL 5.10.2): the profile and
 * its components must be well-formed; the colour is the sRGB fallback. */
static bool rgb_icc(const char *p, uint32_t *out)
{
    if (!rgb_triple(p, &p, out) || *p != ',')
        return false;
    p = skip_blanks(p + 1);
    const char *name = p;
    if (*p == '#')
        p++;   /* FOP's pseudo-profiles (#CMYK, #Separation) */
    while (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == '.')
        p++;
    if (p == name || (*name == '#' && p == name + 1))
        return false;
    p = skip_blanks(p);
    while (*p == ',') {
        p = skip_blanks(p + 1);
        char *e;
        g_ascii_strtod(p, &e);
        if (e == p)
            return false;
        p = skip_blanks(e);
    }
    return *p == ')' && *skip_blanks(p + 1) == '\0';
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
    if (g_ascii_strncasecmp(v, "rgb(", 4) == 0) {
        const char *p;
        uint32_t c;
        if (!rgb_triple(v + 4, &p, &c) || *p != ')' || *skip_blanks(p + 1) != '\0')
            return false;
        *out = c;
        return true;
    }
    if (g_ascii_strncasecmp(v, "rgb-icc(", 8) == 0)
        return rgb_icc(v + 8, out);
    const named_color *nc = bsearch(v, color_names, G_N_ELEMENTS(color_names), sizeof color_names[0], cmp_name);
    if (!nc)
        return false;
    *out = nc->rgb;
    return true;
}
