/* Chinese (CJK) line breaking and justification rules (cjk.h): the wide
 * characters, and the Simplified Chinese kinsoku sets, as Word's
 * Simplified Chinese defaults give them (OOXML's kinsoku defaults; sources in
 * docs/format-choices.md, "Russian and Chinese"), with the full-width forms
 * restored. */
#include "layout/cjk.h"

#include <string.h>

/* Line-start prohibited: ! % ) , . : ; > ? ] } ¢ ¨ ° · ˇ ˉ ― ‖ ’ ” … ‰ ′ ″ › ℃ ∶
 * 、 。 〃 〉 》 」 』 】 〕 〗 〞 ︶ ︺ ︾ ﹀ ﹄ ﹚ ﹜ ﹞ ！ ＂ ％ ＇ ） ， ． ： ； ？ ］ ｀ ｜ ｝ ～ ￠,
 * and the small kana, the prolonged sound mark and ・ (the Japanese sets
 * Word shares for them; harmless in Chinese). */
static const gunichar no_start[] = {
    0x0021, 0x0025, 0x0029, 0x002C, 0x002E, 0x003A, 0x003B, 0x003E, 0x003F, 0x005D, 0x007D,
    0x00A2, 0x00A8, 0x00B0, 0x00B7, 0x02C7, 0x02C9, 0x2015, 0x2016, 0x2019, 0x201D, 0x2026,
    0x2030, 0x2032, 0x2033, 0x203A, 0x2103, 0x2236, 0x3001, 0x3002, 0x3003, 0x3009, 0x300B,
    0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x301E, 0xFE36, 0xFE3A, 0xFE3E, 0xFE40, 0xFE44,
    0xFE5A, 0xFE5C, 0xFE5E, 0xFF01, 0xFF02, 0xFF05, 0xFF07, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A,
    0xFF1B, 0xFF1F, 0xFF3D, 0xFF40, 0xFF5C, 0xFF5D, 0xFF5E, 0xFFE0,
    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x30A1,
    0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6,
    0x30FB, 0x30FC, 0x3005, 0x309D, 0x309E, 0x30FD, 0x30FE,
};

/* Line-end prohibited: $ ( [ { £ ¥ · ‘ “ 〈 《 「 『 【 〔 〖 〝 ﹙ ﹛ ﹝ ＄ （ ． ［ ｛ ￡ ￥
 * (the middle dot and the full-width full stop are in both sets, as in Word's:
 * a line neither starts nor ends with them). */
static const gunichar no_end[] = {
    0x0024, 0x0028, 0x005B, 0x007B, 0x00A3, 0x00A5, 0x00B7, 0x2018, 0x201C, 0x3008, 0x300A,
    0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x301D, 0xFE59, 0xFE5B, 0xFE5D, 0xFF04, 0xFF08,
    0xFF0E, 0xFF3B, 0xFF5B, 0xFFE1, 0xFFE5,
};

static bool in_set(const gunichar *set, size_t n, gunichar c)
{
    for (size_t i = 0; i < n; i++)
        if (set[i] == c)
            return true;
    return false;
}

bool msp_cjk_is_wide(gunichar c)
{
    return g_unichar_iswide(c);
}

bool msp_cjk_no_start(gunichar c)
{
    return in_set(no_start, G_N_ELEMENTS(no_start), c);
}

bool msp_cjk_no_end(gunichar c)
{
    return in_set(no_end, G_N_ELEMENTS(no_end), c);
}

static bool is_blank(gunichar c)
{
    return g_unichar_isspace(c) || c == 0x00A0 || c == 0x3000 || c == 0xFFFC || c == 0x00AD ||
           c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

bool msp_cjk_gap(gunichar a, gunichar b)
{
    return (msp_cjk_is_wide(a) || msp_cjk_is_wide(b)) && !is_blank(a) && !is_blank(b);
}

bool msp_cjk_break(gunichar a, gunichar b)
{
    return !msp_cjk_no_start(b) && !msp_cjk_no_end(a);
}
