/* Fonts: a fontconfig configuration that sees only the fonts declared in
 * fonts/fonts.conf (Liberation Serif, Sans, Mono from Debian's
 * fonts-liberation2), and per-worker Pango font maps made from it. Output
 * never depends on other fonts a machine has. */
#ifndef MSP_FONTS_H
#define MSP_FONTS_H

#include "base/diag.h"
#include "base/digest.h"

#include <pango/pango.h>
#include <stdbool.h>

/* Shared, read-only after creation: the fontconfig configuration. */
typedef struct msp_fonts msp_fonts;

/* Loads fonts_dir/fonts.conf (fonts_dir is the project's fonts/ folder).
 * Errors (missing config, a declared font file missing: with the hint to
 * install fonts-liberation2) go to diags. Returns NULL on failure. */
msp_fonts *msp_fonts_load(msp_diag_list *diags, const char *fonts_dir);
void msp_fonts_free(msp_fonts *fonts);

/* A content hash (SHA-256, hex) of fonts.conf and the declared font files, for
 * incremental builds; computed on the first call (thread-safe); borrowed.
 * NULL when a declared file cannot be read. */
const char *msp_fonts_digest(const msp_fonts *fonts);

/* The same digest as msp_fonts_digest (over fonts.conf's and each declared
 * font's path and SHA-256), each file's SHA-256 taken from file_digest
 * (NULL: read and hashed). Owned; NULL when a file cannot be read. */
char *msp_fonts_digest_with(const msp_fonts *fonts, msp_file_digest_fn file_digest, void *user);

/* A new Pango font map and context on that configuration, for one worker.
 * The caller owns the context (g_object_unref); it holds the only reference
 * to its font map. Resolution 72 dpi: 1 Pango unit = 1/1024 pt. */
PangoContext *msp_fonts_new_context(const msp_fonts *fonts);

/* True when family (one name, case-insensitive, generic serif/sans-serif/
 * monospace included) is one of the declared families. */
bool msp_fonts_has_family(PangoContext *ctx, const char *family);

#endif
