/* "Did you mean …?": the name a user most likely meant when what they typed
 * is not a known name (an element, an attribute value, a command, an option). */
#ifndef MSP_SUGGEST_H
#define MSP_SUGGEST_H

#include <glib.h>

/* The name among names (char *) closest to typed when it is close enough to
 * be a typo: at most 1 edit for up to 4 characters, 2 up to 8, else 3
 * (insert, delete, replace; case ignored), or typed cut short ("sub" for
 * "subject"), or typed running on past a name of 3 or more characters
 * ("subitem" for "sub"). NULL when nothing is that close. Borrowed from names. */
const char *msp_suggest(const char *typed, const GPtrArray *names);

/* The edit distance between a and b (case ignored); 99 when either is
 * longer than 64 bytes. */
int msp_edit_distance(const char *a, const char *b);

#endif
