/* libFuzzer harness for the document-symbol parser: any bytes (NUL-cut) go
 * through msp_symbol_parse; on success the derived forms (plain symbol,
 * output name) must be consistent; on failure the error must be in range. */
#include "source/symbol.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = g_strndup((const char *)data, size);
    msp_symbol sym;
    msp_symbol_error err;
    memset(&err, 0, sizeof err);
    if (msp_symbol_parse(&sym, text, &err)) {
        size_t n = strlen(text);
        if (n > MSP_SYMBOL_MAX_LEN || strcmp(sym.text, text) != 0)
            abort();
        if (sym.n_suffixes < 0 || sym.n_suffixes > MSP_SYMBOL_MAX_SUFFIXES || sym.stars < 0 || sym.stars > 3)
            abort();
        char *plain = msp_symbol_plain(&sym);
        if (!plain || strlen(plain) + (size_t)sym.stars != n || strchr(plain, '*'))
            abort();
        /* the plain form parses again to the same parts */
        msp_symbol again;
        if (!msp_symbol_parse(&again, plain, NULL) || again.year != sym.year || again.msp != sym.msp
            || again.doc != sym.doc || again.doc_number != sym.doc_number
            || again.n_suffixes != sym.n_suffixes || again.stars != 0)
            abort();
        char *name = msp_symbol_output_name(&sym, "fr", "x.xml");
        if (!name || strchr(name, '/') || !g_str_has_suffix(name, ".pdf"))
            abort();
        g_free(name);
        g_free(plain);
    } else {
        size_t n = strlen(text);   /* columns count characters, so never more than bytes + 1 */
        if (err.column < 1 || err.column > (int)n + 1 || err.message[0] == '\0'
            || !memchr(err.message, '\0', sizeof err.message))
            abort();
    }
    g_free(text);
    return 0;
}
