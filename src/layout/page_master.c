/* Page masters: finding a master by name, the geometry of a
 * simple-page-master (page, region-body, region-before/after/start/end rectangles),
 * choosing the master of each page in a page-sequence-master
 * (single/repeatable references, alternatives with page-position,
 * odd-or-even, blank-or-not-blank), and page-number formats. */
#include "layout/layout_private.h"

#include <stdlib.h>
#include <string.h>

const msp_fo_node *msp_master_find(const msp_layout *L, const char *name)
{
    if (!name)
        return NULL;
    for (const msp_fo_node *c = L->doc->root->first; c; c = c->next) {
        if (c->kind != MSP_FO_LAYOUT_MASTER_SET)
            continue;
        for (const msp_fo_node *m = c->first; m; m = m->next) {
            if (m->kind != MSP_FO_SIMPLE_PAGE_MASTER && m->kind != MSP_FO_PAGE_SEQUENCE_MASTER)
                continue;
            const char *n = msp_fo_attr_value(m, "master-name");
            if (n && strcmp(n, name) == 0)
                return m;
        }
    }
    return NULL;
}

bool msp_masters_have_region(const msp_layout *L, const char *region_name)
{
    static const char *const defaults[] = { "xsl-region-body", "xsl-region-before", "xsl-region-after",
                                            "xsl-region-start", "xsl-region-end" };
    for (const msp_fo_node *c = L->doc->root->first; c; c = c->next) {
        if (c->kind != MSP_FO_LAYOUT_MASTER_SET)
            continue;
        for (const msp_fo_node *m = c->first; m; m = m->next) {
            if (m->kind != MSP_FO_SIMPLE_PAGE_MASTER)
                continue;
            for (const msp_fo_node *r = m->first; r; r = r->next) {
                if (r->kind < MSP_FO_REGION_BODY || r->kind > MSP_FO_REGION_END)
                    continue;
                const char *n = msp_fo_attr_value(r, "region-name");
                if (!n)
                    n = defaults[r->kind - MSP_FO_REGION_BODY];
                if (strcmp(n, region_name) == 0)
                    return true;
            }
        }
    }
    return false;
}

/* A length written with a percentage part: pct % of dim added. */
static double with_pct(double len, double pct, double dim)
{
    return len + pct / 100.0 * dim;
}

/* The margin on side of a master or region-body: a percentage is of the
 * (turned) page's height for top and bottom, of its width for left and
 * right (Apache FOP's reading; XSL 1.1 5.3.2 leaves the page's containing
 * block open). */
static double margin_of(const msp_fo_style *s, int side, const msp_master *m)
{
    bool vertical = side == MSP_BEFORE || side == MSP_AFTER;
    return with_pct(s->margin[side], s->margin_pct[side], vertical ? m->ph : m->pw);
}

/* An outer region's extent (0 without the region): a percentage is of dim,
 * the page's height for before and after, its width for start and end
 * (XSL 1.1 7.27.5). */
static double extent_of(const msp_fo_node *region, double dim)
{
    return region ? with_pct(region->style->extent, region->style->extent_pct, dim) : 0;
}

msp_status msp_master_geometry(msp_layout *L, const msp_fo_node *spm, msp_master *out)
{
    (void)L;
    memset(out, 0, sizeof *out);
    const msp_fo_style *s = spm->style;
    out->node = spm;
    out->name = msp_fo_attr_value(spm, "master-name");
    out->pw = s->page_width > 0 ? s->page_width : 595.28;
    out->ph = s->page_height > 0 ? s->page_height : 841.89;
    /* the sheet's margins; a turned master (orientation.c) lays its regions
     * out on the turned page, with those margins on its own sides */
    /* percentages of the sheet (margin_of) */
    double ml = margin_of(s, MSP_START, out), mt = margin_of(s, MSP_BEFORE, out), mr = margin_of(s, MSP_END, out),
           mb = margin_of(s, MSP_AFTER, out);
    bool seq_rtl = L && L->seq && L->seq->style->rtl;
    if (L && s->reference_orientation != 0 && seq_rtl)
        return msp_diag_error(&L->job->diags, MSP_E_FO, spm->loc,
                              "leave reference-orientation out, or lay the page-sequence out left to right",
                              "reference-orientation=\"%d\" on fo:simple-page-master with a right-to-left "
                              "page-sequence is not supported by mspdoc", s->reference_orientation);
    msp_turn_page(out, s->reference_orientation, &ml, &mt, &mr, &mb);
    msp_rect content = { ml, mt, out->pw - ml - mr, out->ph - mt - mb };
    out->body = content;
    for (const msp_fo_node *r = spm->first; r; r = r->next) {
        const msp_fo_style *rs = r->style;
        /* a region's writing-mode is its master's (inherited): it sides the
         * regions (below); one of its own, unlike the master's, is refused */
        if (L && rs->rtl && !seq_rtl && rs->rtl != s->rtl && r->kind >= MSP_FO_REGION_BODY && r->kind <= MSP_FO_REGION_END)
            return msp_diag_error(&L->job->diags, MSP_E_FO, r->loc,
                                  "give fo:page-sequence (or fo:root) the writing-mode: its flows and "
                                  "static contents then follow it",
                                  "writing-mode of %s (%s) differs from its page-sequence's (%s): not supported "
                                  "by mspdoc", msp_fo_kind_name(r->kind), rs->rtl ? "rl-tb" : "lr-tb",
                                  seq_rtl ? "rl-tb" : "lr-tb");
        /* the outer regions turn their content (page_emit.c); the body and
         * any region of a right-to-left page do not */
        if (L && rs->reference_orientation != 0 && r->kind >= MSP_FO_REGION_BODY && r->kind <= MSP_FO_REGION_END &&
            (r->kind == MSP_FO_REGION_BODY || seq_rtl))
            return msp_diag_error(&L->job->diags, MSP_E_FO, r->loc,
                                  r->kind == MSP_FO_REGION_BODY
                                      ? "put it on the fo:simple-page-master (the whole page), or on an "
                                        "fo:block-container in the region's content"
                                      : "put it on an fo:block-container in the region's content",
                                  "reference-orientation=\"%d\" on %s%s is not supported by mspdoc",
                                  rs->reference_orientation, msp_fo_kind_name(r->kind),
                                  seq_rtl ? " of a right-to-left page" : "");
        if (r->kind == MSP_FO_REGION_BODY) {
            /* percentages of the (turned) page */
            double bl = margin_of(rs, MSP_START, out), bt = margin_of(rs, MSP_BEFORE, out),
                   br = margin_of(rs, MSP_END, out), bb = margin_of(rs, MSP_AFTER, out);
            out->body = (msp_rect){ content.x + bl, content.y + bt, content.w - bl - br, content.h - bt - bb };
        } else if (r->kind == MSP_FO_REGION_BEFORE) {
            out->rbefore = r;
        } else if (r->kind == MSP_FO_REGION_AFTER) {
            out->rafter = r;
        } else if (r->kind == MSP_FO_REGION_START) {
            out->rstart = r;
        } else if (r->kind == MSP_FO_REGION_END) {
            out->rend = r;
        }
    }
    /* the outer regions (XSL 1.1 6.4.14-6.4.17, 7.27.14): before and after
     * span the page's width when their precedence is true, else the start
     * and end regions span its height and before and after fit between them;
     * the start region is on the left of a left-to-right page, on the right
     * of a right-to-left one */
    double eb = extent_of(out->rbefore, out->ph), ea = extent_of(out->rafter, out->ph);
    double es = extent_of(out->rstart, out->pw), ee = extent_of(out->rend, out->pw);
    /* the regions sided by the page-sequence's writing-mode, or by the
     * master's when that is right to left (Apache FOP's reading: the
     * content of a left-to-right sequence then stays left to right) */
    bool side_rtl = seq_rtl || s->rtl;
    bool pb = out->rbefore && out->rbefore->style->precedence_over_sides;
    bool pa = out->rafter && out->rafter->style->precedence_over_sides;
    if (out->rbefore)
        out->before = pb ? (msp_rect){ content.x, content.y, content.w, eb }
                         : (msp_rect){ content.x + (side_rtl ? ee : es), content.y, content.w - es - ee, eb };
    if (out->rafter)
        out->after = pa ? (msp_rect){ content.x, content.y + content.h - ea, content.w, ea }
                        : (msp_rect){ content.x + (side_rtl ? ee : es), content.y + content.h - ea, content.w - es - ee, ea };
    double sy = content.y + (pb ? eb : 0), sh = content.h - (pb ? eb : 0) - (pa ? ea : 0);
    double left_x = content.x, right_x = content.x + content.w;
    if (out->rstart)
        out->start = (msp_rect){ side_rtl ? right_x - es : left_x, sy, es, sh };
    if (out->rend)
        out->end = (msp_rect){ side_rtl ? left_x : right_x - ee, sy, ee, sh };
    /* a body without room is an error only on a page that must hold some
     * of the flow (msp_master_check_room): a blank page, or one whose body
     * takes no flow, is made from such a master */
    return MSP_OK;
}

msp_status msp_master_check_room(msp_layout *L, const msp_master *m)
{
    if (m->body.w > 0 && m->body.h > 0)
        return MSP_OK;
    return msp_diag_error(&L->job->diags, MSP_E_FO, m->node ? m->node->loc : L->flow->loc,
                          "check page-width/height and the margins",
                          "the region-body of page master '%s' has no room (%.2f x %.2f pt) for the flow",
                          m->name ? m->name : "?", m->body.w, m->body.h);
}

static int max_repeats(const msp_fo_node *n)
{
    const char *v = msp_fo_attr_value(n, "maximum-repeats");
    if (!v || strcmp(v, "no-limit") == 0)
        return -1;
    return atoi(v);
}

static bool cond_matches(const msp_layout *L, const msp_fo_node *c, bool first, bool last, bool blank)
{
    const char *pp = msp_fo_attr_value(c, "page-position");
    const char *oe = msp_fo_attr_value(c, "odd-or-even");
    const char *bb = msp_fo_attr_value(c, "blank-or-not-blank");
    if (pp && strcmp(pp, "first") == 0 && !first)
        return false;
    if (pp && strcmp(pp, "last") == 0 && !last)
        return false;
    if (pp && strcmp(pp, "rest") == 0 && (first || last))
        return false;
    if (pp && strcmp(pp, "only") == 0 && !(first && last))
        return false;
    if (oe && strcmp(oe, "odd") == 0 && L->number % 2 == 0)
        return false;
    if (oe && strcmp(oe, "even") == 0 && L->number % 2 != 0)
        return false;
    if (bb && strcmp(bb, "blank") == 0 && !blank)
        return false;
    if (bb && strcmp(bb, "not-blank") == 0 && blank)
        return false;
    return true;
}

static msp_status resolve_ref(msp_layout *L, const msp_fo_node *ref, msp_master *out)
{
    const char *name = msp_fo_attr_value(ref, "master-reference");
    const msp_fo_node *m = msp_master_find(L, name);
    if (!m || m->kind != MSP_FO_SIMPLE_PAGE_MASTER)
        return msp_diag_error(&L->job->diags, MSP_E_FO, ref->loc,
                              "define an fo:simple-page-master with that master-name",
                              "page master '%s' is referenced but not defined", name ? name : "");
    return msp_master_geometry(L, m, out);
}

msp_status msp_master_select(msp_layout *L, bool first, bool last, bool blank, msp_master *out)
{
    msp_master_sel *s = &L->sel;
    if (!s->psm)
        return msp_master_geometry(L, s->spm, out);
    for (int guard = 0; guard < 2; guard++) {
        for (const msp_fo_node *c = s->cur; c; c = c->next, s->cur = c, s->used = 0) {
            int max = max_repeats(c);
            switch (c->kind) {
            case MSP_FO_SINGLE_PAGE_MASTER_REFERENCE:
                if (s->used == 0) {
                    s->used++;
                    return resolve_ref(L, c, out);
                }
                break;
            case MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE:
                if (max < 0 || s->used < max) {
                    s->used++;
                    return resolve_ref(L, c, out);
                }
                break;
            case MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES:
                if (max < 0 || s->used < max) {
                    for (const msp_fo_node *k = c->first; k; k = k->next)
                        if (k->kind == MSP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE &&
                            cond_matches(L, k, first, last, blank)) {
                            s->used++;
                            return resolve_ref(L, k, out);
                        }
                    return msp_diag_error(&L->job->diags, MSP_E_FO, c->loc,
                                          "add a conditional-page-master-reference that matches any page",
                                          "no conditional-page-master-reference matches page %d",
                                          L->number);
                }
                break;
            default:
                break;
            }
        }
        /* the sequence is exhausted: keep using its last specifier */
        msp_diag_warn(&L->job->diags, s->psm->loc, "add a repeatable-page-master-reference",
                      "page-sequence-master '%s' has no master for page %d; reusing the last one",
                      msp_fo_attr_value(s->psm, "master-name"), L->number);
        s->cur = s->psm->last;
        s->used = 0;
        while (s->cur && s->cur->kind == MSP_FO_TEXT)
            s->cur = s->cur->prev;
        if (s->cur && s->cur->kind != MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES &&
            s->cur->kind != MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE)
            return resolve_ref(L, s->cur, out);
    }
    return msp_diag_error(&L->job->diags, MSP_E_FO, s->psm->loc, NULL,
                          "page-sequence-master '%s' selects no page master",
                          msp_fo_attr_value(s->psm, "master-name"));
}

static void roman(GString *out, int n, bool upper)
{
    static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
    static const char *sym[] = { "m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i" };
    for (int i = 0; i < 13; i++)
        while (n >= val[i]) {
            for (const char *p = sym[i]; *p; p++)
                g_string_append_c(out, upper ? g_ascii_toupper(*p) : *p);
            n -= val[i];
        }
}

char *msp_page_number_format(msp_arena *arena, int n, const char *format)
{
    GString *s = g_string_new(NULL);
    char f = format && *format ? format[0] : '1';
    if ((f == 'i' || f == 'I') && n > 0 && n < 4000) {
        roman(s, n, f == 'I');
    } else if ((f == 'a' || f == 'A') && n > 0) {
        char buf[16];
        int k = 0;
        for (int v = n; v > 0 && k < 15; v = (v - 1) / 26)
            buf[k++] = (char)((f == 'A' ? 'A' : 'a') + (v - 1) % 26);
        while (k > 0)
            g_string_append_c(s, buf[--k]);
    } else {
        /* a decimal token in any Unicode digit family ("1", "01", "\u0661"): its
         * length is the minimum width, its digits those of the family (XSL 1.1
         * 7.26.1, from XSLT's format tokens) */
        gunichar zero = '0';
        int width = 1;
        if (format && *format && g_utf8_validate(format, -1, NULL)) {
            gunichar last = g_utf8_get_char(g_utf8_offset_to_pointer(format, g_utf8_strlen(format, -1) - 1));
            if (g_unichar_digit_value(last) == 1) {
                zero = last - 1;
                width = (int)g_utf8_strlen(format, -1);
                for (const char *p = format; *p; p = g_utf8_next_char(p))
                    if (g_utf8_get_char(p) != zero && g_utf8_next_char(p)[0])
                        width = 1;   /* not zeros then one: no padding */
            }
        }
        char digits[32];
        g_snprintf(digits, sizeof digits, "%0*d", MIN(width, 20), n);
        for (const char *p = digits; *p; p++) {
            if (zero == '0' || !g_ascii_isdigit(*p))
                g_string_append_c(s, *p);
            else
                g_string_append_unichar(s, zero + (gunichar)(*p - '0'));
        }
    }
    char *r = msp_arena_strdup(arena, s->str);
    g_string_free(s, TRUE);
    return r;
}
