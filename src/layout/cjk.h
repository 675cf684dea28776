/* Chinese (CJK) line breaking and justification rules: which characters are
 * ideographic or full-width (a line may break between any two of them, and
 * a justified line spreads the space between them), and the Simplified
 * Chinese line-start and line-end prohibitions (kinsoku) that override
 * Pango's UAX #14 break opportunities next to such characters. Used by
 * para_break.c; module-internal to layout/. */
#ifndef MSP_CJK_H
#define MSP_CJK_H

#include <glib.h>
#include <stdbool.h>

/* Stretch of one inter-character gap of justified CJK text, in parts of the
 * font size (docs/format-choices.md, "Chinese line breaking and justification"). */
#define MSP_CJK_GAP_STRETCH 0.1

/* An ideograph, kana, Hangul syllable, CJK symbol or punctuation mark, or a
 * full-width form: a character of East Asian width W or F. */
bool msp_cjk_is_wide(gunichar c);
/* May not start a line: closing brackets and quotes, full stops, commas,
 * colons, semicolons, question and exclamation marks, iteration marks. */
bool msp_cjk_no_start(gunichar c);
/* May not end a line: opening brackets and quotes, currency signs before a number. */
bool msp_cjk_no_end(gunichar c);
/* The gap between a and b is CJK text's: one of them is wide and neither is
 * a space, a line separator or an object (U+FFFC). */
bool msp_cjk_gap(gunichar a, gunichar b);
/* Whether a line may break between a and b, where msp_cjk_gap(a, b): never
 * before a no-start or after a no-end character, else always (between
 * ideographs, and between an ideograph and a Latin letter or digit). */
bool msp_cjk_break(gunichar a, gunichar b);

#endif
