/* mspdoc graphics (fo:instream-foreign-object, urn:x-mspdoc:graphics) as
 * vectors: QR codes from libqrencode and Code 39 barcodes from the table
 * below, each turned into filled rectangles (dark runs merged per row). */
#include "layout/graphic.h"

#include <errno.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#define MM 2.834645669
#define MIN_MODULE (0.05 * MM)     /* pt: below this no printer or scanner copes */
#define MAX_MODULE (10.0 * MM)
#define MAX_HEIGHT (100.0 * MM)
#define MAX_QR_DATA 1000           /* bytes; libqrencode's own ceiling is 2953 at level L */
#define MAX_CODE39_DATA 64         /* characters, start and stop included */

/* Code 39: the 43 characters plus the start/stop '*'. Each pattern lists
 * its 9 elements in order bar, space, bar, ... bar; '1' marks a wide one
 * (exactly three per character). */
static const struct { char c; const char *wide; } code39_table[] = {
    { '0', "000110100" }, { '1', "100100001" }, { '2', "001100001" }, { '3', "101100000" },
    { '4', "000110001" }, { '5', "100110000" }, { '6', "001110000" }, { '7', "000100101" },
    { '8', "100100100" }, { '9', "001100100" }, { 'A', "100001001" }, { 'B', "001001001" },
    { 'C', "101001000" }, { 'D', "000011001" }, { 'E', "100011000" }, { 'F', "001011000" },
    { 'G', "000001101" }, { 'H', "100001100" }, { 'I', "001001100" }, { 'J', "000011100" },
    { 'K', "100000011" }, { 'L', "001000011" }, { 'M', "101000010" }, { 'N', "000010011" },
    { 'O', "100010010" }, { 'P', "001010010" }, { 'Q', "000000111" }, { 'R', "100000110" },
    { 'S', "001000110" }, { 'T', "000010110" }, { 'U', "110000001" }, { 'V', "011000001" },
    { 'W', "111000000" }, { 'X', "010010001" }, { 'Y', "110010000" }, { 'Z', "011010000" },
    { '-', "010000101" }, { '.', "110000100" }, { ' ', "011000100" }, { '*', "010010100" },
    { '$', "010101000" }, { '/', "010100010" }, { '+', "010001010" }, { '%', "000101010" },
};

static const char *code39_pattern(char c)
{
    for (size_t i = 0; i < G_N_ELEMENTS(code39_table); i++)
        if (code39_table[i].c == c)
            return code39_table[i].wide;
    return NULL;
}

int msp_graphic_code39_widths(GArray *widths, const char *data, double ratio)
{
    static const double gap = 1.0;
    for (size_t i = 0; data[i]; i++) {
        const char *p = code39_pattern(data[i]);
        if (!p)
            return (int)i;
    }
    for (size_t i = 0; data[i]; i++) {
        const char *p = code39_pattern(data[i]);
        for (int e = 0; e < 9; e++) {
            double w = p[e] == '1' ? ratio : 1.0;
            g_array_append_val(widths, w);
        }
        if (data[i + 1])
            g_array_append_val(widths, gap);
    }
    return -1;
}

void msp_graphic_runs(GArray *rects, const unsigned char *cells, int width, int height, double module)
{
    for (int y = 0; y < height; y++) {
        const unsigned char *row = cells + (size_t)y * (size_t)width;
        int x = 0;
        while (x < width) {
            if (!row[x]) {
                x++;
                continue;
            }
            int x0 = x;
            while (x < width && row[x])
                x++;
            msp_rect r = { x0 * module, y * module, (x - x0) * module, module };
            g_array_append_val(rects, r);
        }
    }
}

/* ---- attributes ---- */

static msp_status bad(msp_job *job, const msp_fo_node *node, const char *hint, const char *what)
{
    if (job)
        msp_diag_error(&job->diags, MSP_E_FO, node->loc, hint, "mspdoc graphic g:%s: %s",
                       msp_fo_attr_value(node, "graphic") ? msp_fo_attr_value(node, "graphic") : "?", what);
    return MSP_E_FO;
}

/* A length attribute in [lo, hi] pt, or def when absent. */
static msp_status length_attr(msp_job *job, const msp_fo_node *node, const char *name, double def,
                              double lo, double hi, double *out)
{
    const char *v = msp_fo_attr_value(node, name);
    if (!v) {
        *out = def;
        return MSP_OK;
    }
    double pt = 0;
    if (!msp_fo_length_parse(v, node->style->font_size, &pt) || !(pt >= lo && pt <= hi)) {
        if (job)
            msp_diag_error(&job->diags, MSP_E_FO, node->loc, "give a length such as \"0.5mm\" (docs/fo-extensions.md)",
                           "mspdoc graphic g:%s: %s=\"%s\" is not a length from %.2fpt to %.2fpt",
                           msp_fo_attr_value(node, "graphic"), name, v, lo, hi);
        return MSP_E_FO;
    }
    *out = pt;
    return MSP_OK;
}

static msp_status build_qr(msp_job *job, msp_graphic *out, const msp_fo_node *node, const char *data)
{
    double module = 0;
    msp_status st = length_attr(job, node, "module", 0.55 * MM, MIN_MODULE, MAX_MODULE, &module);
    if (st != MSP_OK)
        return st;
    const char *lv = msp_fo_attr_value(node, "level");
    QRecLevel level = QR_ECLEVEL_M;
    if (lv) {
        if (strcmp(lv, "L") == 0)
            level = QR_ECLEVEL_L;
        else if (strcmp(lv, "M") == 0)
            level = QR_ECLEVEL_M;
        else if (strcmp(lv, "Q") == 0)
            level = QR_ECLEVEL_Q;
        else if (strcmp(lv, "H") == 0)
            level = QR_ECLEVEL_H;
        else
            return bad(job, node, "level is one of L, M, Q, H", "unknown error correction level");
    }
    if (strlen(data) > MAX_QR_DATA)
        return bad(job, node, "shorten the data (at most 1000 bytes)", "data too long for a QR code");
    errno = 0;
    QRcode *qr = QRcode_encodeString(data, 0, level, QR_MODE_8, 1);
    if (!qr) {
        if (errno == ENOMEM)
            return job ? msp_diag_error(&job->diags, MSP_E_NOMEM, node->loc, NULL, "out of memory encoding a QR code")
                       : MSP_E_NOMEM;
        return bad(job, node, "shorten the data or lower the level", "the data does not fit in a QR code");
    }
    int n = qr->width;
    unsigned char *cells = g_malloc((size_t)n * (size_t)n);
    for (size_t i = 0; i < (size_t)n * (size_t)n; i++)
        cells[i] = qr->data[i] & 1;   /* bit 0: dark module; the other bits say why */
    QRcode_free(qr);
    msp_graphic_runs(out->rects, cells, n, n, module);
    g_free(cells);
    out->w = out->h = n * module;
    out->modules = n;
    return MSP_OK;
}

static msp_status build_code39(msp_job *job, msp_graphic *out, const msp_fo_node *node, const char *data)
{
    double module = 0, height = 0, ratio = 3;
    msp_status st = length_attr(job, node, "module", 0.24 * MM, MIN_MODULE, MAX_MODULE, &module);
    if (st == MSP_OK)
        st = length_attr(job, node, "height", 8.5 * MM, MIN_MODULE, MAX_HEIGHT, &height);
    if (st != MSP_OK)
        return st;
    const char *rv = msp_fo_attr_value(node, "wide-ratio");
    if (rv) {
        char *end = NULL;
        ratio = g_ascii_strtod(rv, &end);
        if (end == rv || *end || !(ratio >= MSP_CODE39_MIN_RATIO && ratio <= MSP_CODE39_MAX_RATIO))
            return bad(job, node, "wide-ratio is a number from 2 to 3", "bad wide-ratio");
    }
    size_t len = strlen(data);
    if (len < 3 || data[0] != '*' || data[len - 1] != '*' || memchr(data + 1, '*', len - 2))
        return bad(job, node, "write the start and stop characters: data=\"*2522222*\"",
                   "Code 39 data must start and end with '*' and hold at least one character between");
    if (len > MAX_CODE39_DATA)
        return bad(job, node, "at most 64 characters", "data too long for a Code 39 barcode");
    GArray *widths = g_array_new(FALSE, FALSE, sizeof(double));
    int at = msp_graphic_code39_widths(widths, data, ratio);
    if (at >= 0) {
        g_array_free(widths, TRUE);
        if (job) {
            unsigned char c = (unsigned char)data[at];
            msp_diag_error(&job->diags, MSP_E_FO, node->loc, "Code 39 has 0-9, A-Z, space and - . $ / + %",
                           c >= 0x20 && c < 0x7f ? "mspdoc graphic g:code39: Code 39 cannot encode '%c' (character %d of the data)"
                                                 : "mspdoc graphic g:code39: Code 39 cannot encode byte 0x%02X (character %d of the data)",
                           c, at + 1);
        }
        return MSP_E_FO;
    }
    double x = 0;
    for (guint i = 0; i < widths->len; i++) {
        double w = g_array_index(widths, double, i);
        if (i % 2 == 0) {   /* bars at even indexes: each character has 9 elements, then a gap */
            msp_rect r = { x * module, 0, w * module, height };
            g_array_append_val(out->rects, r);
        }
        x += w;
    }
    g_array_free(widths, TRUE);
    out->w = x * module;
    out->h = height;
    out->modules = (int)lround(x);
    return MSP_OK;
}

msp_status msp_graphic_build(msp_job *job, msp_graphic *out, const msp_fo_node *node)
{
    memset(out, 0, sizeof *out);
    out->rects = g_array_new(FALSE, FALSE, sizeof(msp_rect));
    const char *kind = msp_fo_attr_value(node, "graphic");
    const char *data = msp_fo_attr_value(node, "data");
    msp_status st;
    if (!kind || (strcmp(kind, "qr") != 0 && strcmp(kind, "code39") != 0))
        st = bad(job, node, "use g:qr or g:code39 (docs/fo-extensions.md)", "unknown graphic");
    else if (!data || !*data)
        st = bad(job, node, "give the text to encode in data=\"...\"", "data is missing or empty");
    else if (strcmp(kind, "qr") == 0)
        st = build_qr(job, out, node, data);
    else
        st = build_code39(job, out, node, data);
    if (st != MSP_OK)
        msp_graphic_clear(out);
    return st;
}

void msp_graphic_clear(msp_graphic *g)
{
    if (g->rects)
        g_array_free(g->rects, TRUE);
    memset(g, 0, sizeof *g);
}

void msp_graphic_emit(const msp_graphic *g, msp_page *page, msp_zone zone, double x, double y,
                      uint32_t color, const msp_fo_node *src)
{
    if (!g->rects)
        return;
    for (guint i = 0; i < g->rects->len; i++) {
        const msp_rect *r = &g_array_index(g->rects, msp_rect, i);
        msp_area a = { 0 };
        a.kind = MSP_AREA_RECT;
        a.zone = zone;
        a.src = src;
        a.x = x + r->x;
        a.y = y + r->y;
        a.w = r->w;
        a.h = r->h;
        a.u.rect.color = color;
        msp_page_add(page, &a);
    }
}
