/* The sRGB ICC profile a PDF/A file embeds as its output intent, as the
 * project declares it in color/profiles.conf under the resource folder
 * (base/root.h: $MSP_ROOT, the installed one, or the source tree's): read
 * once per process and checked against the declared SHA-256, so the output
 * never depends on which profile a machine happens to have. */
#ifndef MSP_ICC_H
#define MSP_ICC_H

#include <glib.h>
#include <stdbool.h>

/* The profile's bytes (*data lives as long as the process), or false with
 * *why (g_free) saying what is wrong and what to install. Thread-safe. */
bool msp_icc_srgb(const guint8 **data, gsize *len, char **why);
/* The declarations' path: color/profiles.conf under msp_root() (g_free). What a paper's output depends on (batch digests). */
char *msp_icc_conf_path(void);

#endif
