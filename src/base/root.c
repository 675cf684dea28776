/* Which resource folder the process uses (root.h): $MSP_ROOT, the installed
 * share/mspdoc next to the program, or the build's source tree, with the
 * reason in words for `mspdoc --version`. */
#include "base/root.h"

#include <glib.h>
#include <stdbool.h>

#ifndef MSP_SOURCE_ROOT
#error "MSP_SOURCE_ROOT (the source tree) is defined by the top-level CMakeLists.txt"
#endif
#ifndef MSP_RELATIVE_ROOT
#error "MSP_RELATIVE_ROOT (the installed resource folder relative to the program's) is defined by src/base/CMakeLists.txt"
#endif

static bool has_templates(const char *dir)
{
    char *t = g_build_filename(dir, "templates", NULL);
    bool ok = g_file_test(t, G_FILE_TEST_IS_DIR);
    g_free(t);
    return ok;
}

void msp_root_choose(msp_root_choice *out, const char *env, const char *exe, const char *relative,
                     const char *source)
{
    if (env && *env) {
        out->path = g_strdup(env);
        out->origin = MSP_ROOT_FROM_ENV;
        out->reason = g_strdup(has_templates(env) ? "set by MSP_ROOT"
                                                  : "set by MSP_ROOT; it has no templates/ folder");
        return;
    }
    const char *unset = env ? "MSP_ROOT is empty" : "MSP_ROOT is not set";
    char *installed = NULL;
    if (exe && g_path_is_absolute(exe)) {
        char *bindir = g_path_get_dirname(exe);
        installed = g_canonicalize_filename(relative, bindir);
        g_free(bindir);
        if (has_templates(installed)) {
            out->path = installed;
            out->origin = MSP_ROOT_NEXT_TO_PROGRAM;
            out->reason = g_strdup("next to the program");
            return;
        }
    }
    out->path = g_strdup(source);
    out->origin = MSP_ROOT_SOURCE_TREE;
    GString *why = g_string_new("the source tree mspdoc was built from: ");
    g_string_append(why, unset);
    if (installed)
        g_string_append_printf(why, " and %s has no templates/", installed);
    else
        g_string_append(why, " and the program's own path is unknown");
    if (!has_templates(source))
        g_string_append(why, "; it has no templates/ folder either: set MSP_ROOT");
    out->reason = g_string_free(why, FALSE);
    g_free(installed);
}

void msp_root_choice_clear(msp_root_choice *c)
{
    g_free(c->path);
    g_free(c->reason);
    c->path = c->reason = NULL;
}

const msp_root_choice *msp_root_get(void)
{
    static gsize once;
    static msp_root_choice choice;
    if (g_once_init_enter(&once)) {
        char *exe = g_file_read_link("/proc/self/exe", NULL);
        msp_root_choose(&choice, g_getenv("MSP_ROOT"), exe, MSP_RELATIVE_ROOT, MSP_SOURCE_ROOT);
        g_free(exe);
        g_once_init_leave(&once, 1);
    }
    return &choice;
}

const char *msp_root(void)
{
    return msp_root_get()->path;
}
