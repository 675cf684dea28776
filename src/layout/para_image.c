/* Inline fo:external-graphic: resolves src inside the document's folder
 * (never outside it) or decodes a data: URI, checks the header before
 * decoding (PNG with cairo here, GIF and JPEG in raster.c, SVG in svg.c),
 * and sizes the image from content-width/-height and scaling
 * (msp_graphic_fit). Decoded surfaces are cached per Pango context (one per
 * worker). */
#include "layout/para_private.h"
#include "layout/graphic.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PX_PT 0.75            /* 1 px = 1/96 in */
#define CACHE_KEY "msp-para-images"

char *msp_para_unwrap_url(const char *v)
{
    const char *b = v, *e = v + strlen(v);
    while (b < e && g_ascii_isspace(*b))
        b++;
    while (e > b && g_ascii_isspace(e[-1]))
        e--;
    if (e - b > 5 && g_ascii_strncasecmp(b, "url(", 4) == 0 && e[-1] == ')') {
        b += 4;
        e--;
        while (b < e && g_ascii_isspace(*b))
            b++;
        while (e > b && g_ascii_isspace(e[-1]))
            e--;
    }
    if (e - b >= 2 && (*b == '\'' || *b == '"') && e[-1] == *b) {
        b++;
        e--;
    }
    return g_strndup(b, (gsize)(e - b));
}

/* True when rel is a relative path that stays inside its base folder. */
static bool path_stays_inside(const char *rel)
{
    if (!*rel || g_path_is_absolute(rel) || rel[0] == '/' || rel[0] == '\\' || strchr(rel, ':'))
        return false;
    int depth = 0;
    char **parts = g_strsplit_set(rel, "/\\", -1);
    bool ok = true;
    for (int i = 0; parts[i]; i++) {
        if (!*parts[i] || strcmp(parts[i], ".") == 0)
            continue;
        if (strcmp(parts[i], "..") == 0) {
            if (--depth < 0) {
                ok = false;
                break;
            }
        } else {
            depth++;
        }
    }
    g_strfreev(parts);
    return ok;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads the file's first bytes: *type by signature (SVG when named *.svg),
 * and for a PNG its IHDR size in *w, *h pixels. Returns an error message or NULL. */
static const char *read_head(const char *path, msp_image_type *type, uint32_t *w, uint32_t *h, int *err)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return "cannot read";
    }
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    const char *dot = strrchr(path, '.');
    *type = msp_image_sniff(b, n, dot && g_ascii_strcasecmp(dot, ".svg") == 0);
    if (*type == MSP_IMAGE_UNKNOWN)
        return "not a PNG, GIF, JPEG or SVG file";
    if (*type != MSP_IMAGE_PNG)
        return NULL;
    if (n < sizeof b || memcmp(b + 12, "IHDR", 4) != 0)
        return "not a PNG file";
    *w = be32(b + 16);
    *h = be32(b + 20);
    return NULL;
}

static GHashTable *image_cache(PangoContext *ctx)
{
    GHashTable *cache = g_object_get_data(G_OBJECT(ctx), CACHE_KEY);
    if (!cache) {
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)cairo_surface_destroy);
        g_object_set_data_full(G_OBJECT(ctx), CACHE_KEY, cache, (GDestroyNotify)g_hash_table_destroy);
    }
    return cache;
}

/* A graphic from bytes (a GIF, JPEG or SVG file, or a data: URI): name for
 * messages, key for the decoded-image cache (NULL: none), svg_base bounds
 * what an SVG may load (NULL: data: URIs only). */
static msp_status load_bytes(const msp_para_env *env, const msp_fo_node *node, const char *name,
                             const unsigned char *d, size_t n, bool svg_named, const char *key,
                             const char *svg_base, cairo_surface_t **out, double *w, double *h)
{
    msp_image_type type = msp_image_sniff(d, n, svg_named);
    if (type == MSP_IMAGE_SVG) {
        char *what = g_strdup_printf("SVG image %s", name);
        msp_status st = msp_svg_load(env->job, env->pango, node, what, (const char *)d, n, svg_base, out, w, h);
        g_free(what);
        return st;
    }
    GHashTable *cache = image_cache(env->pango);
    cairo_surface_t *surface = key ? g_hash_table_lookup(cache, key) : NULL;
    if (surface) {
        cairo_surface_reference(surface);
    } else {
        const char *why = NULL;
        surface = msp_raster_decode(d, n, type, &why);
        if (!surface)
            return msp_diag_error(&env->job->diags, MSP_E_FO, node->loc,
                                  strcmp(why, "too many pixels") == 0
                                      ? "images may be at most 20000 pixels a side and 40 million pixels in all; "
                                        "scale the image down"
                                      : "give a PNG, GIF, JPEG or SVG image",
                                  "image %s: %s", name, why);
        if (key)
            g_hash_table_insert(cache, g_strdup(key), cairo_surface_reference(surface));
    }
    msp_graphic_fit(node->style, cairo_image_surface_get_width(surface) * PX_PT,
                    cairo_image_surface_get_height(surface) * PX_PT, w, h);
    *out = surface;
    return MSP_OK;
}

/* A GIF, JPEG or SVG file (already checked to be inside the document's
 * folder), read whole (an SVG at most MSP_SVG_MAX_BYTES, which svg.c
 * checks); an SVG may load files from its own folder and below only. */
static msp_status load_file(const msp_para_env *env, const msp_fo_node *node, const char *rel,
                            const char *path, bool svg, cairo_surface_t **out, double *w, double *h)
{
    GError *err = NULL;
    GMappedFile *map = g_mapped_file_new(path, FALSE, &err);
    if (!map) {
        msp_status st = msp_diag_error(&env->job->diags, MSP_E_FO, node->loc, "check the file named in src",
                                       "image '%s': cannot read: %s", rel, err->message);
        g_error_free(err);
        return st;
    }
    char *name = g_strdup_printf("'%s'", rel);
    msp_status st = load_bytes(env, node, name, (const unsigned char *)g_mapped_file_get_contents(map),
                               g_mapped_file_get_length(map), svg, svg ? NULL : path, path, out, w, h);
    g_free(name);
    g_mapped_file_unref(map);
    return st;
}

/* src="data:..." (RFC 2397): its bytes, whatever its media type says. */
static msp_status load_data_uri(const msp_para_env *env, const msp_fo_node *node, const char *uri,
                                cairo_surface_t **out, double *w, double *h)
{
    const char *why = NULL;
    char *name = g_strdup_printf("'%.24s%s'", uri, strlen(uri) > 24 ? "..." : "");
    GBytes *bytes = msp_data_uri_decode(uri, &why);
    msp_status st;
    if (!bytes) {
        st = msp_diag_error(&env->job->diags, MSP_E_FO, node->loc,
                            "write data:image/png;base64,... (RFC 2397)", "image %s: %s", name, why);
    } else {
        gsize n = 0;
        const unsigned char *d = g_bytes_get_data(bytes, &n);
        st = load_bytes(env, node, name, d ? d : (const unsigned char *)"", n, true, uri, NULL, out, w, h);
        g_bytes_unref(bytes);
    }
    g_free(name);
    return st;
}

msp_status msp_para_image_load(const msp_para_env *env, const msp_fo_node *node,
                               cairo_surface_t **out, double *w, double *h)
{
    msp_diag_list *diags = &env->job->diags;
    *out = NULL;
    const char *src = msp_fo_attr_value(node, "src");
    if (!src || !*src)
        return msp_diag_error(diags, MSP_E_FO, node->loc, "give src=\"url('file.png')\"",
                              "fo:external-graphic without src");
    char *rel = msp_para_unwrap_url(src);
    if (g_ascii_strncasecmp(rel, "data:", 5) == 0) {
        msp_status st = load_data_uri(env, node, rel, out, w, h);
        g_free(rel);
        return st;
    }
    if (!path_stays_inside(rel)) {
        msp_status st = msp_diag_error(diags, MSP_E_FO, node->loc,
                                       "graphics must be PNG, GIF, JPEG or SVG files in the document's folder or below it, "
                                       "named by a relative path",
                                       "image path '%s' is outside the document's folder", rel);
        g_free(rel);
        return st;
    }
    const char *base = env->doc && env->doc->base_dir ? env->doc->base_dir : ".";
    char *full = g_build_filename(base, rel, NULL);
    msp_status st = MSP_OK;
    char *real_base = realpath(base, NULL);
    char *real_full = realpath(full, NULL);
    GHashTable *cache = image_cache(env->pango);
    cairo_surface_t *surface = NULL;
    uint32_t pw = 0, ph = 0;
    int err = 0;
    msp_image_type type = MSP_IMAGE_UNKNOWN;
    const char *why = NULL;
    if (!real_full) {
        err = errno;
        why = "cannot read";
    } else if (!real_base || !g_str_has_prefix(real_full, real_base) ||
               (real_full[strlen(real_base)] != '/' && strcmp(real_base, "/") != 0)) {
        st = msp_diag_error(diags, MSP_E_FO, node->loc,
                            "graphics must be PNG, GIF, JPEG or SVG files in the document's folder or below it",
                            "image path '%s' leads outside the document's folder", rel);
        goto done;
    } else if ((surface = g_hash_table_lookup(cache, real_full)) != NULL) {
        cairo_surface_reference(surface);
    } else {
        why = read_head(real_full, &type, &pw, &ph, &err);
    }
    if (why) {
        st = msp_diag_error(diags, MSP_E_FO, node->loc, "check the file named in src",
                            "image '%s': %s%s%s", rel, why, err ? ": " : "", err ? g_strerror(err) : "");
        goto done;
    }
    if (!surface && type != MSP_IMAGE_PNG) {
        st = load_file(env, node, rel, real_full, type == MSP_IMAGE_SVG, out, w, h);
        goto done;
    }
    if (!surface) {
        if (!msp_image_size_ok(pw, ph)) {
            st = msp_diag_error(diags, MSP_E_FO, node->loc,
                                "images may be at most 20000 pixels a side and 40 million pixels in all; "
                                "scale the file down",
                                "image '%s' claims %u x %u pixels", rel, pw, ph);
            goto done;
        }
        surface = cairo_image_surface_create_from_png(real_full);
        cairo_status_t cs = cairo_surface_status(surface);
        if (cs != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(surface);
            surface = NULL;
            st = msp_diag_error(diags, MSP_E_FO, node->loc, "re-export the image as a PNG file",
                                "image '%s' cannot be decoded: %s", rel, cairo_status_to_string(cs));
            goto done;
        }
        g_hash_table_insert(cache, g_strdup(real_full), cairo_surface_reference(surface));
    }
    {
        double iw = cairo_image_surface_get_width(surface) * PX_PT;
        double ih = cairo_image_surface_get_height(surface) * PX_PT;
        msp_graphic_fit(node->style, iw, ih, w, h);
        *out = surface;
        surface = NULL;
    }
done:
    if (surface)
        cairo_surface_destroy(surface);
    free(real_base);
    free(real_full);
    g_free(full);
    g_free(rel);
    return st;
}
