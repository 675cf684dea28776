/* Kashida: justification of Arabic lines by elongating the joins between
 * letters with tatweel (U+0640) glyphs, before the word spaces take the
 * rest of a line's slack. Used by para_break.c's msp_para_justify;
 * module-internal to layout/. docs/fo-subset.md ("Right to left") and
 * docs/format-choices.md ("Arabic") say what it does. */
#ifndef MSP_KASHIDA_H
#define MSP_KASHIDA_H

#include "layout/para_private.h"

/* Share of a justified Arabic line's slack the kashidas take (the word spaces
 * take the rest), and the most one word is elongated by, in parts of the font size. */
#define MSP_KASHIDA_SHARE 0.5
#define MSP_KASHIDA_MAX_PER_WORD 0.5

/* Elongates the words of line (bytes [line->start, line_end) of text: the
 * line without its trailing spaces) whose language is Arabic by up to
 * MSP_KASHIDA_SHARE of slack (Pango units), one join per word (the last join
 * of the word that may be elongated), by inserting tatweel glyphs of the
 * word's font into its glyph string; each tatweel belongs to the cluster of
 * the letter before the join, so the text is unchanged. Does nothing where
 * the font has no tatweel or the share is less than one tatweel's width.
 * Returns the width added (Pango units); the caller re-measures the line.
 * Glyph pointers into the line's glyph strings are invalid afterwards. */
int msp_kashida_stretch(msp_gline *line, const char *text, int line_end, int slack);

#endif
