/* The area tree as XML, for tests and debugging (format: docs/area-tree.md):
 * pages with their regions and areas, numbers in pt with 2 decimals, text
 * escaped. It only reads pages; drawing is render/draw.c. */
#include "layout/area.h"
#include "layout/para.h"

#include <math.h>
#include <string.h>

static void put_text(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        switch (*p) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\n': fputs("&#10;", out); break;
        case '\t': fputs("&#9;", out); break;
        case '\r': fputs("&#13;", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "&#xFFFD;");
            else
                fputc(*p, out);
        }
    }
}

/* raised="TEXT|TEXT": the text of a line's pieces set off its baseline
 * (superscripts, note calls: a rise attribute), for tests of what is
 * raised; left out when nothing is. */
static int run_rise(const PangoGlyphItem *gi)
{
    int rise = 0;
    for (GSList *x = gi->item->analysis.extra_attrs; x; x = x->next) {
        const PangoAttribute *attr = x->data;
        if (attr->klass->type == PANGO_ATTR_RISE)
            rise = ((const PangoAttrInt *)attr)->value;
    }
    return rise;
}

static void put_raised(FILE *out, const msp_area *a)
{
    if (!a->u.line.layout)
        return;
    const msp_line_piece *pieces = NULL;
    int n = msp_para_line_pieces(a->u.line.layout, a->u.line.line_no, &pieces);
    bool any = false;
    for (int i = 0; i < n; i++) {
        const PangoGlyphItem *gi = pieces[i].glyphs;
        if (!gi || !pieces[i].text || gi->item->length <= 0 || run_rise(gi) == 0)
            continue;
        char *piece = g_strndup(pieces[i].text + gi->item->offset, (gsize)gi->item->length);
        fputs(any ? "|" : " raised=\"", out);
        put_text(out, piece);
        g_free(piece);
        any = true;
    }
    if (any)
        fputs("\"", out);
}

/* adjust (2 decimals, left out when it rounds to 0), hyphen and fit of a line */
static void put_fit(FILE *out, const msp_area *a)
{
    double r = a->u.line.adjust;
    char num[32];
    if (isfinite(r)) {
        snprintf(num, sizeof num, "%.2f", r);
        if (strcmp(num, "0.00") != 0 && strcmp(num, "-0.00") != 0)
            fprintf(out, " adjust=\"%s\"", num);
    }
    if (a->u.line.hyphen)
        fputs(" hyphen=\"1\"", out);
    if (a->u.line.fit == MSP_LINE_FIT_LOOSE)
        fputs(" fit=\"loose\"", out);
    else if (a->u.line.fit == MSP_LINE_FIT_OVERFULL)
        fputs(" fit=\"overfull\"", out);
}

static void put_color(FILE *out, uint32_t c)
{
    fprintf(out, " color=\"#%06X\"", (unsigned)(c & 0xFFFFFFu));
}

void msp_area_dump_begin(FILE *out)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<area-tree>\n", out);
}

void msp_area_dump_end(FILE *out)
{
    fputs("</area-tree>\n", out);
}

void msp_area_dump_page(FILE *out, const msp_page *p)
{
    fprintf(out, "<page index=\"%d\" number=\"%d\" number-text=\"", p->index, p->number);
    put_text(out, p->number_text ? p->number_text : "");
    fputs("\" master=\"", out);
    put_text(out, p->master ? p->master : "");
    fprintf(out, "\" width=\"%.2f\" height=\"%.2f\" footnotes=\"%d\">\n", p->width, p->height,
            p->n_footnotes);
    for (int z = 0; z < MSP_ZONE_COUNT; z++) {
        const msp_rect *r = &p->region[z];
        if (r->w <= 0 && r->h <= 0)
            continue;
        fprintf(out, "  <region name=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\"/>\n",
                msp_zone_name((msp_zone)z), r->x, r->y, r->w, r->h);
    }
    int depth = 0;   /* open groups: their areas are indented under them */
    for (int i = 0; i < p->n_areas; i++) {
        const msp_area *a = &p->areas[i];
        if (a->kind == MSP_AREA_GROUP_END && depth > 0)
            depth--;
        for (int d = 0; d < depth; d++)
            fputs("  ", out);
        switch (a->kind) {
        case MSP_AREA_LINE:
            fprintf(out, "  <line zone=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\"",
                    msp_zone_name(a->zone), a->x, a->y, a->w, a->h);
            if (a->u.line.footnote >= 0 && a->zone == MSP_ZONE_FOOTNOTES)
                fprintf(out, " footnote=\"%d\"", a->u.line.footnote);
            if (a->repeated)
                fputs(" repeated=\"true\"", out);
            put_fit(out, a);
            put_raised(out, a);
            fputs(">", out);
            put_text(out, a->u.line.text);
            fputs("</line>\n", out);
            break;
        case MSP_AREA_RULE:
            fprintf(out, "  <rule zone=\"%s\" x=\"%.2f\" y=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" thickness=\"%.2f\" style=\"%d\"",
                    msp_zone_name(a->zone), a->x, a->y, a->u.rule.x2, a->u.rule.y2, a->u.rule.thickness,
                    a->u.rule.style);
            put_color(out, a->u.rule.color);
            fputs("/>\n", out);
            break;
        case MSP_AREA_RECT:
            fprintf(out, "  <rect zone=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\"",
                    msp_zone_name(a->zone), a->x, a->y, a->w, a->h);
            put_color(out, a->u.rect.color);
            fputs("/>\n", out);
            break;
        case MSP_AREA_IMAGE:
            fprintf(out, "  <image zone=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\"/>\n",
                    msp_zone_name(a->zone), a->x, a->y, a->w, a->h);
            break;
        case MSP_AREA_LINK:
            fprintf(out, "  <link zone=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\" %s=\"",
                    msp_zone_name(a->zone), a->x, a->y, a->w, a->h, a->u.link.uri ? "uri" : "dest");
            put_text(out, a->u.link.uri ? a->u.link.uri : a->u.link.dest);
            fputs("\"/>\n", out);
            break;
        case MSP_AREA_DEST:
            fprintf(out, "  <dest zone=\"%s\" x=\"%.2f\" y=\"%.2f\" name=\"", msp_zone_name(a->zone), a->x, a->y);
            put_text(out, a->u.dest.name);
            fputs("\"/>\n", out);
            break;
        case MSP_AREA_GROUP:
            fprintf(out, "  <group zone=\"%s\" x=\"%.2f\" y=\"%.2f\" w=\"%.2f\" h=\"%.2f\" rotate=\"%d\">\n",
                    msp_zone_name(a->zone), a->x, a->y, a->w, a->h, a->u.group.rotate);
            depth++;
            break;
        case MSP_AREA_GROUP_END:
            fputs("  </group>\n", out);
            break;
        }
    }
    fputs("</page>\n", out);
}
