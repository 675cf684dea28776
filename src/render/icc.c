/* The declared sRGB profile (icc.h): color/profiles.conf parsed for its
 * "sRGB" line, the file read and its SHA-256 compared, once per process. */
#include "render/icc.h"

#include "base/root.h"

#include <string.h>

static GBytes *profile;
static char *problem;

char *msp_icc_conf_path(void)
{
    return g_build_filename(msp_root(), "color", "profiles.conf", NULL);
}

static void load(void)
{
    char *conf = msp_icc_conf_path(), *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(conf, &text, NULL, &err)) {
        problem = g_strdup_printf("cannot read %s (%s): reinstall mspdoc, or set MSP_ROOT (mspdoc --version says which folder is used)",
                                  conf, err->message);
        g_error_free(err);
        g_free(conf);
        return;
    }
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    for (int i = 0; lines[i] && !profile && !problem; i++) {
        char *l = g_strstrip(lines[i]);
        if (!*l || *l == '#')
            continue;
        char **f = g_strsplit_set(l, " \t", -1);
        GPtrArray *w = g_ptr_array_new();
        for (int k = 0; f[k]; k++)
            if (*f[k])
                g_ptr_array_add(w, f[k]);
        if (w->len == 4 && strcmp(g_ptr_array_index(w, 0), "sRGB") == 0) {
            const char *path = g_ptr_array_index(w, 1), *sum = g_ptr_array_index(w, 2),
                       *pkg = g_ptr_array_index(w, 3);
            char *data = NULL;
            gsize len = 0;
            if (!g_file_get_contents(path, &data, &len, NULL)) {
                problem = g_strdup_printf("the sRGB profile %s declared in %s is missing: install the "
                                          "Debian package %s", path, conf, pkg);
            } else {
                char *got = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
                if (g_ascii_strcasecmp(got, sum) != 0)
                    problem = g_strdup_printf("%s is not the sRGB profile %s declares (SHA-256 %s, "
                                              "declared %s): reinstall %s or declare the file",
                                              path, conf, got, sum, pkg);
                else
                    profile = g_bytes_new_take(data, len), data = NULL;
                g_free(got);
            }
            g_free(data);
        }
        g_ptr_array_free(w, TRUE);
        g_strfreev(f);
    }
    if (!profile && !problem)
        problem = g_strdup_printf("%s declares no sRGB profile", conf);
    g_strfreev(lines);
    g_free(conf);
}

bool msp_icc_srgb(const guint8 **data, gsize *len, char **why)
{
    static gsize once;
    if (g_once_init_enter(&once)) {
        load();
        g_once_init_leave(&once, 1);
    }
    *data = NULL;
    *len = 0;
    *why = NULL;
    if (!profile) {
        *why = g_strdup(problem);
        return false;
    }
    *data = g_bytes_get_data(profile, len);
    return true;
}
