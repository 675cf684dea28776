/* Hyphenation by dictionary: where a word may take a hyphen, from the
 * libhyphen (TeX pattern) dictionary the project declares for its language
 * in hyphen/dictionaries.conf, so line breaks never depend on which
 * dictionaries a machine has. Finding the words and choosing the breaks is
 * the line breaker's job, not this file's. */
#ifndef MSP_HYPHENATE_H
#define MSP_HYPHENATE_H

#include "base/digest.h"

/* One loaded dictionary: process-wide, read-only, thread-safe; never freed
 * by the caller (it lives until the process ends). */
typedef struct msp_hyph msp_hyph;

/* Longest word hyphenated, in characters; longer words have no points. */
#define MSP_HYPH_MAX_WORD 100

/* The project's declarations: hyphen/dictionaries.conf under the resource
 * folder (base/root.h, msp_root(): the one the CLI uses for templates/,
 * data/ and fonts/). Read on the first call;
 * borrowed, lives as long as the process. */
const char *msp_hyph_conf_path(void);

/* The declared dictionary for an FO language/country (case-insensitive;
 * country may be NULL or empty; a language written "en-US" or "en_US" with
 * no country is split). An unknown country falls back to the language's
 * default line. Loaded at most once per process, thread-safe (batch builds
 * run worker threads); the file's SHA-256 is checked against the declared
 * one when it is loaded. Returns NULL when the language has no declared
 * dictionary or it cannot be used (file missing, content not the declared
 * one, not a dictionary libhyphen loads, declarations that do not parse);
 * then *why (if why is non-NULL) is set to a process-lifetime English
 * sentence saying why and what to do (the caller warns; it names no
 * language, the caller does). On success *why is set to NULL. */
const msp_hyph *msp_hyph_get(const char *language, const char *country, const char **why);

/* msp_hyph_get with the declarations of conf_path instead of the project's
 * (tests, tools). Each conf_path is read at most once per process and its
 * dictionaries loaded at most once, like the project's. */
const msp_hyph *msp_hyph_get_from_conf(const char *conf_path, const char *language, const char *country,
                                       const char **why);

/* Hyphenation points of one word given as UTF-8 (letters only, any case,
 * nbytes bytes, need not be NUL-terminated): writes to pos[] the CHARACTER
 * offsets k (push <= k <= nchars - remain) such that a hyphen may go
 * between character k-1 and character k, ascending; returns how many (at
 * most max). push and remain are XSL's hyphenation-push-character-count and
 * hyphenation-remain-character-count (minimum characters before / after the
 * hyphen; values below 1 count as 1); the dictionary's own LEFTHYPHENMIN /
 * RIGHTHYPHENMIN are honoured too when larger. Points of non-standard
 * hyphenation (libhyphen's rep/pos/cut replacements, where letters change
 * at the break) are skipped. Returns 0 for a NULL h, invalid UTF-8, a word
 * longer than MSP_HYPH_MAX_WORD characters, or one with a character the
 * dictionary's character set cannot hold. Thread-safe, allocates only
 * scratch memory it frees. */
int msp_hyph_points(const msp_hyph *h, const char *word, int nbytes, int push, int remain, int *pos, int max);

/* A content hash (SHA-256 hex, owned) for build keys, like
 * msp_fonts_digest_with: over the declarations file's path and SHA-256 and
 * each distinct declared dictionary's path and SHA-256 ("missing" for a
 * file that cannot be read: no hyphenation is an outcome too), each file's
 * SHA-256 taken from file_digest (NULL: read and hashed). conf_path NULL:
 * the project's (msp_hyph_conf_path). Never NULL. */
char *msp_hyph_digest_with(const char *conf_path, msp_file_digest_fn file_digest, void *user);

#endif
