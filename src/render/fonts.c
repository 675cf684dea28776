/* Fonts: loads fonts/fonts.conf into a private FcConfig that sees only the
 * declared font files, hashes them, and makes per-worker Pango font
 * maps and contexts on it; serializes Pango's font-metrics computation so
 * that parallel workers lay out alike. Never touches the default font map
 * or the system's fontconfig setup. */
#include "render/fonts.h"

#include "base/digest.h"

#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <string.h>

#define FONTS_CONF "fonts.conf"
#define INSTALL_HINT "install the project's fonts: apt-get install fonts-liberation2 fonts-noto-cjk"
/* Key of the family-name set attached to each context we make. */
#define FAMILIES_KEY "msp-fonts-families"

typedef struct declared_file {
    char *path;
    int line, column;   /* of the <glob> in fonts.conf */
} declared_file;

struct msp_fonts {
    FcConfig *config;        /* owned reference */
    char *conf_path;         /* owned */
    GPtrArray *files;        /* of declared_file*, owned */
    GHashTable *families;    /* lower-case family and alias names -> itself; shared by contexts */
    char *digest;            /* SHA-256 hex; NULL until msp_fonts_digest, or if a file is unreadable */
    gsize digest_once;
};

static void declared_file_free(gpointer p)
{
    declared_file *f = p;
    g_free(f->path);
    g_free(f);
}

/* --- reading the declarations out of fonts.conf (GMarkup) --- */

typedef struct conf_reader {
    GMarkupParseContext *ctx;
    GPtrArray *stack;        /* element names, borrowed from GMarkup */
    GString *text;
    GPtrArray *files;        /* of declared_file* */
    GHashTable *families;
    int text_line, text_column;
} conf_reader;

static const char *stack_at(const conf_reader *r, guint from_top)
{
    if (r->stack->len <= from_top)
        return "";
    return g_ptr_array_index(r->stack, r->stack->len - 1 - from_top);
}

static void conf_start(GMarkupParseContext *ctx, const char *name, const char **attr_names,
                       const char **attr_values, gpointer user, GError **error)
{
    conf_reader *r = user;
    g_ptr_array_add(r->stack, (gpointer)g_markup_parse_context_get_element(ctx));
    g_string_truncate(r->text, 0);
    g_markup_parse_context_get_position(ctx, &r->text_line, &r->text_column);
}

static void conf_end(GMarkupParseContext *ctx, const char *name, gpointer user, GError **error)
{
    conf_reader *r = user;
    char *value = g_strstrip(g_strdup(r->text->str));
    /* <selectfont><acceptfont><glob>PATH</glob>: one declared font file. */
    if (strcmp(name, "glob") == 0 && strcmp(stack_at(r, 1), "acceptfont") == 0) {
        declared_file *f = g_new0(declared_file, 1);
        f->path = g_strdup(value);
        f->line = r->text_line;
        f->column = r->text_column;
        g_ptr_array_add(r->files, f);
    }
    /* <alias><family>NAME</family>: a name that resolves to our fonts. */
    if (strcmp(name, "family") == 0 && strcmp(stack_at(r, 1), "alias") == 0 && *value)
        g_hash_table_add(r->families, g_ascii_strdown(value, -1));
    g_free(value);
    g_string_truncate(r->text, 0);
    g_ptr_array_remove_index(r->stack, r->stack->len - 1);
}

static void conf_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer user,
                      GError **error)
{
    conf_reader *r = user;
    g_string_append_len(r->text, text, (gssize)len);
}

static msp_status read_declarations(msp_diag_list *diags, const char *conf_path,
                                    GPtrArray *files, GHashTable *families)
{
    char *data = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(conf_path, &data, &len, &err)) {
        msp_status st = msp_diag_error(diags, MSP_E_IO, ((msp_loc){ conf_path, 0, 0 }),
                                       "the project's fonts/ folder holds fonts.conf; "
                                       "reinstall mspdoc, or set MSP_ROOT to the folder holding it (mspdoc --version says which folder is used)",
                                       "cannot read the font configuration: %s", err->message);
        g_error_free(err);
        return st;
    }
    static const GMarkupParser parser = { conf_start, conf_end, conf_text, NULL, NULL };
    conf_reader r = { 0 };
    r.stack = g_ptr_array_new();
    r.text = g_string_new(NULL);
    r.files = files;
    r.families = families;
    r.ctx = g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &r, NULL);
    msp_status st = MSP_OK;
    if (!g_markup_parse_context_parse(r.ctx, data, (gssize)len, &err) ||
        !g_markup_parse_context_end_parse(r.ctx, &err)) {
        int line = 0, col = 0;
        g_markup_parse_context_get_position(r.ctx, &line, &col);
        st = msp_diag_error(diags, MSP_E_DATA, ((msp_loc){ conf_path, line, col }), NULL,
                            "font configuration is not well-formed: %s", err->message);
        g_error_free(err);
    }
    g_markup_parse_context_free(r.ctx);
    g_ptr_array_free(r.stack, TRUE);
    g_string_free(r.text, TRUE);
    g_free(data);
    return st;
}

/* --- checks --- */

static msp_status check_declared_files(msp_diag_list *diags, const char *conf_path,
                                       GPtrArray *files)
{
    msp_status st = MSP_OK;
    if (files->len == 0)
        return msp_diag_error(diags, MSP_E_DATA, ((msp_loc){ conf_path, 0, 0 }),
                              "list each font file as a <glob> inside <selectfont><acceptfont>",
                              "the font configuration declares no font files");
    for (guint i = 0; i < files->len; i++) {
        const declared_file *f = g_ptr_array_index(files, i);
        msp_loc loc = { conf_path, f->line, f->column };
        if (!g_path_is_absolute(f->path) || strpbrk(f->path, "*?[") != NULL) {
            st = msp_diag_error(diags, MSP_E_DATA, loc,
                                "write the absolute path of one font file, without wildcards",
                                "declared font '%s' is not one file's absolute path", f->path);
            continue;
        }
        if (!g_file_test(f->path, G_FILE_TEST_IS_REGULAR))
            st = msp_diag_error(diags, MSP_E_DATA, loc, INSTALL_HINT,
                                "font file '%s' is missing", f->path);
    }
    return st;
}

/* Every declared file must be in the configuration's font set, and nothing else. */
static msp_status check_font_set(msp_diag_list *diags, msp_fonts *fonts)
{
    FcFontSet *set = FcConfigGetFonts(fonts->config, FcSetSystem);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    msp_status st = MSP_OK;
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file = NULL, *family = NULL;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        g_hash_table_add(seen, file);
        bool declared = false;
        for (guint k = 0; k < fonts->files->len && !declared; k++)
            declared = strcmp(((declared_file *)g_ptr_array_index(fonts->files, k))->path,
                              (const char *)file) == 0;
        if (!declared)
            st = msp_diag_error(diags, MSP_E_DATA, ((msp_loc){ fonts->conf_path, 0, 0 }),
                                "keep the <rejectfont><glob>*</glob></rejectfont> rule",
                                "font configuration lets in an undeclared font '%s'", file);
        for (int k = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, k, &family) == FcResultMatch; k++)
            g_hash_table_add(fonts->families, g_ascii_strdown((const char *)family, -1));
    }
    for (guint k = 0; k < fonts->files->len; k++) {
        const declared_file *f = g_ptr_array_index(fonts->files, k);
        if (!g_hash_table_contains(seen, f->path))
            st = msp_diag_error(diags, MSP_E_DATA,
                                ((msp_loc){ fonts->conf_path, f->line, f->column }),
                                "the file must sit under a <dir> of fonts.conf and be a font; "
                                INSTALL_HINT,
                                "declared font '%s' is not loaded by fontconfig", f->path);
    }
    g_hash_table_destroy(seen);
    return st;
}

static char *plain_file_digest(void *user, const char *path)
{
    (void)user;
    return msp_sha256_file(path);
}

char *msp_fonts_digest_with(const msp_fonts *fonts, msp_file_digest_fn file_digest, void *user)
{
    if (!file_digest)
        file_digest = plain_file_digest;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    bool ok = true;
    for (guint i = 0; i <= fonts->files->len && ok; i++) {
        const char *path = i == 0 ? fonts->conf_path
                                  : ((const declared_file *)g_ptr_array_index(fonts->files, i - 1))->path;
        char *hex = file_digest(user, path);
        g_checksum_update(sum, (const guchar *)path, (gssize)strlen(path) + 1);
        if (hex)
            g_checksum_update(sum, (const guchar *)hex, -1);
        ok = hex != NULL;
        g_free(hex);
    }
    char *out = ok ? g_strdup(g_checksum_get_string(sum)) : NULL;
    g_checksum_free(sum);
    return out;
}

/* --- font metrics across threads ---
 * Pango 1.50's fontconfig fonts compute their metrics on first use, per font
 * and language (pango_fc_font_get_metrics): base metrics, then the
 * approximate character and digit widths measured by laying out a sample
 * string. That second step is guarded against recursion by a process-wide
 * `static int in_get_metrics`, not a per-thread one: when two workers
 * compute metrics for their own fonts at the same moment, the later one
 * skips it and caches approximate widths of 0 in its font for good. Line
 * breaking reads approximate_char_width (three of it is the "safe distance"
 * within which a break candidate is measured by reshaping rather than with
 * per-character widths), so that worker's lines measure a little differently
 * and justified spacing moves by ~0.01 pt. One recursive lock around the
 * metrics vfunc makes the computations take turns (the recursion from the
 * sample layout stays in the same thread); once cached, a call is a lookup. */

static GRecMutex metrics_lock;
static PangoFontMetrics *(*pango_get_metrics)(PangoFont *font, PangoLanguage *language);

static PangoFontMetrics *locked_get_metrics(PangoFont *font, PangoLanguage *language)
{
    g_rec_mutex_lock(&metrics_lock);
    PangoFontMetrics *m = pango_get_metrics(font, language);
    g_rec_mutex_unlock(&metrics_lock);
    return m;
}

/* Wraps the metrics vfunc of the class of the fonts map makes (Pango's
 * cairo fontconfig font class, the same for every map); once per process,
 * before any worker thread runs. */
static void serialize_font_metrics(PangoFontMap *map, PangoContext *ctx)
{
    static gsize done = 0;
    if (!g_once_init_enter(&done))
        return;
    PangoFontDescription *d = pango_font_description_from_string("serif 10");
    PangoFont *font = pango_font_map_load_font(map, ctx, d);
    pango_font_description_free(d);
    if (font) {
        /* a static type: its class lives as long as the process */
        PangoFontClass *klass = PANGO_FONT_GET_CLASS(font);
        if (klass->get_metrics && klass->get_metrics != locked_get_metrics) {
            pango_get_metrics = klass->get_metrics;
            klass->get_metrics = locked_get_metrics;
        }
        g_object_unref(font);
    }
    g_once_init_leave(&done, 1);
}

/* --- public --- */

msp_fonts *msp_fonts_load(msp_diag_list *diags, const char *fonts_dir)
{
    msp_fonts *fonts = g_new0(msp_fonts, 1);
    fonts->conf_path = g_build_filename(fonts_dir, FONTS_CONF, NULL);
    fonts->files = g_ptr_array_new_with_free_func(declared_file_free);
    fonts->families = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *conf = msp_diag_list_intern(diags, fonts->conf_path);

    if (read_declarations(diags, conf, fonts->files, fonts->families) != MSP_OK ||
        check_declared_files(diags, conf, fonts->files) != MSP_OK)
        goto fail;

    fonts->config = FcConfigCreate();
    if (!fonts->config) {
        msp_diag_error(diags, MSP_E_NOMEM, MSP_LOC_NONE, NULL, "cannot create a fontconfig configuration");
        goto fail;
    }
    if (!FcConfigParseAndLoad(fonts->config, (const FcChar8 *)fonts->conf_path, FcTrue)) {
        msp_diag_error(diags, MSP_E_DATA, ((msp_loc){ conf, 0, 0 }),
                       "fontconfig printed the reason on standard error",
                       "fontconfig rejected the font configuration");
        goto fail;
    }
    if (!FcConfigBuildFonts(fonts->config)) {
        msp_diag_error(diags, MSP_E_NOMEM, ((msp_loc){ conf, 0, 0 }), NULL,
                       "fontconfig could not build the font list");
        goto fail;
    }
    if (check_font_set(diags, fonts) != MSP_OK)
        goto fail;
    return fonts;

fail:
    msp_fonts_free(fonts);
    return NULL;
}

void msp_fonts_free(msp_fonts *fonts)
{
    if (!fonts)
        return;
    if (fonts->config)
        FcConfigDestroy(fonts->config);
    g_ptr_array_free(fonts->files, TRUE);
    g_hash_table_unref(fonts->families);
    g_free(fonts->conf_path);
    g_free(fonts->digest);
    g_free(fonts);
}

const char *msp_fonts_digest(const msp_fonts *fonts)
{
    /* Hashing 2.7 MB of font files costs more than a whole one-paper build,
     * and only incremental batches need it: computed on first use, once. */
    msp_fonts *f = (msp_fonts *)fonts;
    if (g_once_init_enter(&f->digest_once)) {
        f->digest = msp_fonts_digest_with(f, NULL, NULL);
        g_once_init_leave(&f->digest_once, 1);
    }
    return f->digest;
}

PangoContext *msp_fonts_new_context(const msp_fonts *fonts)
{
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!map)
        return NULL;
    /* The map takes its own reference on the shared, read-only config. */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), fonts->config);
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);

    PangoContext *ctx = pango_font_map_create_context(map);
    g_object_unref(map);   /* the context holds the map */

    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(ctx, 72.0);
    /* Unrounded glyph positions: widths do not depend on the output device. */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("en"));

    serialize_font_metrics(map, ctx);
    g_object_set_data_full(G_OBJECT(ctx), FAMILIES_KEY, g_hash_table_ref(fonts->families),
                           (GDestroyNotify)g_hash_table_unref);
    return ctx;
}

bool msp_fonts_has_family(PangoContext *ctx, const char *family)
{
    if (!ctx || !family)
        return false;
    char *key = g_ascii_strdown(family, -1);
    g_strstrip(key);
    bool found = false;
    GHashTable *names = g_object_get_data(G_OBJECT(ctx), FAMILIES_KEY);
    if (names) {
        found = g_hash_table_contains(names, key);
    } else {
        /* A context not made here: ask its font map (generic names excluded). */
        PangoFontFamily **fams = NULL;
        int n = 0;
        pango_font_map_list_families(pango_context_get_font_map(ctx), &fams, &n);
        for (int i = 0; i < n && !found; i++)
            found = g_ascii_strcasecmp(pango_font_family_get_name(fams[i]), key) == 0;
        g_free(fams);
    }
    g_free(key);
    return found;
}
