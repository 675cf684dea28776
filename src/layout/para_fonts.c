/* Fonts of a paragraph's text: a font-family list resolved to a family the
 * document's fonts declare (once per list and run; an unknown family is an
 * error at the element), the Pango font description of a style, and the
 * extents of an element's font. Part of the para builder (para_text.c). */
#include "layout/para_private.h"

#include <string.h>

/* Key of the family-name set layout attaches to each PangoContext it uses. */
#define FAMILY_SET_KEY "msp-layout-family-set"

/* Names fontconfig resolves without a font of that name: the generic
 * families and the aliases fonts/fonts.conf declares. */
static const char *const generic_families[] = {
    "serif", "sans-serif", "sans", "monospace", "times new roman", "times",
    "arial", "helvetica", "courier new", "courier",
};

/* The lower-case family names the context's font map has, plus the generic
 * names; built once per context (each worker has its own). */
static GHashTable *family_set(PangoContext *ctx)
{
    GHashTable *set = g_object_get_data(G_OBJECT(ctx), FAMILY_SET_KEY);
    if (set)
        return set;
    set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    PangoFontFamily **fams = NULL;
    int n = 0;
    pango_font_map_list_families(pango_context_get_font_map(ctx), &fams, &n);
    for (int i = 0; i < n; i++)
        g_hash_table_add(set, g_utf8_casefold(pango_font_family_get_name(fams[i]), -1));
    g_free(fams);
    for (size_t i = 0; i < G_N_ELEMENTS(generic_families); i++)
        g_hash_table_add(set, g_strdup(generic_families[i]));
    g_object_set_data_full(G_OBJECT(ctx), FAMILY_SET_KEY, set, (GDestroyNotify)g_hash_table_unref);
    return set;
}

/* True when the context can draw `family` with a declared font. */
static bool family_known(PangoContext *ctx, const char *family)
{
    char *key = g_utf8_casefold(family, -1);
    bool found = g_hash_table_contains(family_set(ctx), g_strstrip(key));
    g_free(key);
    return found;
}

static char *declared_families(PangoContext *ctx)
{
    PangoFontFamily **fams = NULL;
    int n = 0;
    pango_font_map_list_families(pango_context_get_font_map(ctx), &fams, &n);
    GPtrArray *names = g_ptr_array_new();
    for (int i = 0; i < n; i++)
        g_ptr_array_add(names, (gpointer)pango_font_family_get_name(fams[i]));
    g_ptr_array_sort(names, (GCompareFunc)(void *)g_strcmp0);
    GString *s = g_string_new("use one of the families declared in fonts/fonts.conf: ");
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        g_string_append_printf(s, "%s'%s'", i ? ", " : "", name);
    }
    g_string_append(s, names->len ? ", or serif, sans-serif, monospace" : "serif, sans-serif, monospace");
    g_ptr_array_free(names, TRUE);
    g_free(fams);
    return g_string_free(s, FALSE);
}

/* The first family of the list that the declared fonts have, or NULL
 * (after an error at node). Results are cached per list string. */
const char *msp_para_resolve_family(msp_para_text *t, const msp_fo_node *node, const char *list)
{
    if (!list || !*list)
        list = "serif";
    const char *hit = g_hash_table_lookup(t->families, list);
    if (hit)
        return hit;
    const char *found = NULL;
    char **parts = g_strsplit(list, ",", -1);
    for (int i = 0; parts[i] && !found; i++) {
        char *name = g_strstrip(parts[i]);
        size_t n = strlen(name);
        if (n >= 2 && (name[0] == '\'' || name[0] == '"') && name[n - 1] == name[0]) {
            name[n - 1] = '\0';
            name++;
        }
        if (*name && family_known(t->env->pango, name)) {
            found = msp_arena_strdup(t->arena, name);
        } else if (!g_ascii_strcasecmp(name, "cursive") || !g_ascii_strcasecmp(name, "fantasy")) {
            /* CSS generic families always match some font (CSS 2.1 15.3.1); none of
             * those kinds is declared, so the text is set in serif, said here */
            msp_diag_warn(&t->env->job->diags, msp_para_element_of(node)->loc,
                          "declare a font for it in fonts/fonts.conf, or name a declared family",
                          "no %s font is declared: set in serif", name);
            found = "serif";
        }
    }
    if (!found && t->env->font_fallback) {
        /* FO made elsewhere names the fonts of its own machine: set in serif, said */
        char *hint = declared_families(t->env->pango);
        msp_diag_warn(&t->env->job->diags, msp_para_element_of(node)->loc, hint,
                      "unknown font family '%s': set in serif", g_strstrip(parts[0]));
        g_free(hint);
        found = "serif";
    }
    if (!found) {
        char *hint = declared_families(t->env->pango);
        msp_diag_error(&t->env->job->diags, MSP_E_FO, msp_para_element_of(node)->loc, hint,
                       "unknown font family '%s'", g_strstrip(parts[0]));
        g_free(hint);
        g_strfreev(parts);
        return NULL;
    }
    g_strfreev(parts);
    g_hash_table_insert(t->families, (gpointer)list, (gpointer)found);
    return found;
}

PangoFontDescription *msp_para_font_desc(const char *family, const msp_fo_style *s)
{
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, family);
    pango_font_description_set_size(d, (int)(s->font_size * PANGO_SCALE + 0.5));
    pango_font_description_set_weight(d, (PangoWeight)s->font_weight);
    pango_font_description_set_style(d, s->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_variant(d, s->small_caps ? PANGO_VARIANT_SMALL_CAPS
                                                        : PANGO_VARIANT_NORMAL);
    return d;
}

msp_status msp_para_node_extents(msp_para_text *t, const msp_fo_node *node, double *asc, double *desc)
{
    const char *fam = msp_para_resolve_family(t, node, node->style->font_family);
    if (!fam)
        return MSP_E_FO;
    PangoFontDescription *d = msp_para_font_desc(fam, node->style);
    msp_para_font_extents(t->env->pango, d, asc, desc);
    pango_font_description_free(d);
    return MSP_OK;
}

