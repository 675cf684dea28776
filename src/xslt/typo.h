/* Typography per language: the rules a typist would otherwise apply by hand
 * (French spacing before : ; ! ? and inside « », typographic apostrophes and
 * superscript ordinals; Spanish ¿ ¡ and ordinals; in every language no-break
 * spaces between a number and its month or the noun that numbers it, and no
 * space before a note call; a label capitalised at the start of a
 * sentence). Applied once, here, to the XSL-FO a stylesheet produced, text
 * node by text node in the language the FO gives each block (`language`).
 * The rules and their sources are listed in docs/format-choices.md
 * ("Typography per language").
 *
 * Stylesheets mark what the rules must know with elements of MSP_TYPO_NS,
 * which the pass removes (keeping their content):
 *   <t:verbatim>  text no rule touches (symbols, URLs, codes);
 *   <t:label>     a label printed inside running text ("article 7"): its
 *                 first letter is capitalised at the start of a sentence.
 * Any word holding "/" or "@", or starting with "www.", is verbatim too
 * (URLs, e-mail addresses, document symbols). Not a library's job: ICU and Pango
 * know characters, not a publisher's house rules. */
#ifndef MSP_XSLT_TYPO_H
#define MSP_XSLT_TYPO_H

#include "base/diag.h"

#include <libxml/tree.h>

#define MSP_TYPO_NS "urn:x-mspdoc:typography"

typedef struct msp_typo msp_typo;

/* The rules with the month names, day-month pattern and numbering nouns of
 * each language of labels_path (data/labels.xml; a missing or unreadable
 * file leaves only the rules that need no names; an unknown rule name is a
 * warning in diags, which may be NULL). Read-only afterwards: one msp_typo
 * serves every thread. Never NULL. */
msp_typo *msp_typo_load(msp_diag_list *diags, const char *labels_path);
void msp_typo_free(msp_typo *t);

/* Applies the rules to every text node of fo (in place) and removes the
 * MSP_TYPO_NS marks. lang is the language of text with no `language` or
 * xml:lang of its own (NULL: none). Linear in the document. */
void msp_typo_apply(const msp_typo *t, xmlDoc *fo, const char *lang);

/* The rules applied to one run of text in lang (for tests and tools): the
 * result as UTF-8 (owned), superscript characters wrapped in "^{" "}". */
char *msp_typo_text(const msp_typo *t, const char *lang, const char *text);

#endif
