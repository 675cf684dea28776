/* Shorthands that take several values: margin, padding, border-width/-style/
 * -color (1 to 4 values, CSS order), border and border-<side> (width, style,
 * colour in any order), font, and text-decoration's value list. Each sets
 * the longhand fields; single values are fo_value.c's. */
#include "fo/fo_private.h"

#include <string.h>

/* Splits a shorthand value on blanks outside parentheses; at most max tokens. */
static int split_tokens(char *buf, char **tok, int max)
{
    int n = 0;
    char *p = buf;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            *p++ = '\0';
        if (!*p)
            break;
        if (n == max)
            return -1;
        tok[n++] = p;
        int depth = 0;
        while (*p && (depth > 0 || !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))) {
            if (*p == '(')
                depth++;
            else if (*p == ')')
                depth--;
            p++;
        }
    }
    return n;
}

/* Sets all four sides from 1-4 values, CSS order: top right bottom left. */
static int side_token(int n, int side)
{
    /* side in MSP_ order -> token index for n values (CSS 1-4 value rule) */
    static const int map[4][4] = {
        /* BEFORE AFTER START END */
        { 0, 0, 0, 0 },
        { 0, 0, 1, 1 },
        { 0, 2, 1, 1 },
        { 0, 2, 3, 1 },
    };
    return map[n - 1][side];
}

bool msp_fo_shorthand_border_side(msp_fo_apply *a, int side, char *value)
{
    char *tok[3];
    int n = split_tokens(value, tok, 3);
    if (n <= 0)
        return false;
    for (int i = 0; i < n; i++) {
        int st;
        double w;
        uint32_t c;
        if (msp_fo_value_border_style(tok[i], &st))
            a->s->border[side].style = (msp_border_style)st;
        else if (msp_fo_value_border_width(a, tok[i], &w))
            a->s->border[side].width = w;
        else if (msp_fo_color_parse(tok[i], &c)) {
            a->s->border[side].color = c;
            a->border_color_set[side] = true;
        } else
            return false;
    }
    return true;
}

bool msp_fo_shorthand_four(msp_fo_apply *a, msp_fo_prop_kind kind, const char *value)
{
    char buf[256], *tok[4];
    if (strlen(value) >= sizeof buf)
        return false;
    strcpy(buf, value);
    int n = split_tokens(buf, tok, 4);
    if (n <= 0)
        return false;
    for (int side = 0; side < 4; side++) {
        const char *t = tok[side_token(n, side)];
        switch (kind) {
        case MSP_K_MARGIN: {
            msp_fo_expr e;
            if (!msp_fo_expr_eval(t, a->s->font_size, &e) || e.fn != MSP_INDENT_PLAIN || e.prop ||
                (!e.is_length && e.v != 0)) {
                if (strcmp(t, "auto") != 0)
                    return false;
                e = (msp_fo_expr){ 0 };
            }
            a->s->margin[side] = e.v;
            a->margin_pct[side] = e.pct;
            a->margin_set[side] = true;
            break;
        }
        case MSP_K_PADDING:
            if (!msp_fo_value_length_pct(a, t, false, &a->s->padding[side], &a->s->padding_pct[side]))
                return false;
            if (a->s->padding_pct[side] != 0 && side == 0)
                msp_diag_warn(&a->job->diags, a->loc, "docs/fo-subset.md lists what layout resolves",
                              "the percentage of padding (borders and backgrounds do not grow by it) is "
                              "not used by layout yet: laid out without it");
            break;
        case MSP_K_BORDER_WIDTH4:
            if (!msp_fo_value_border_width(a, t, &a->s->border[side].width))
                return false;
            break;
        case MSP_K_BORDER_STYLE4: {
            int st;
            if (!msp_fo_value_border_style(t, &st))
                return false;
            a->s->border[side].style = (msp_border_style)st;
            break;
        }
        case MSP_K_BORDER_COLOR4:
            if (!msp_fo_color_parse(t, &a->s->border[side].color))
                return false;
            a->border_color_set[side] = true;
            break;
        default:
            return false;
        }
    }
    return true;
}

bool msp_fo_shorthand_text_decoration(msp_fo_apply *a, const char *value)
{
    char buf[128], *tok[8];
    if (strlen(value) >= sizeof buf)
        return false;
    strcpy(buf, value);
    int n = split_tokens(buf, tok, 8);
    if (n <= 0)
        return false;
    for (int i = 0; i < n; i++) {
        const char *t = tok[i];
        if (strcmp(t, "none") == 0)
            a->s->underline = a->s->line_through = false;
        else if (strcmp(t, "underline") == 0)
            a->s->underline = true;
        else if (strcmp(t, "no-underline") == 0)
            a->s->underline = false;
        else if (strcmp(t, "line-through") == 0)
            a->s->line_through = true;
        else if (strcmp(t, "no-line-through") == 0)
            a->s->line_through = false;
        else if (strcmp(t, "overline") == 0 || strcmp(t, "no-overline") == 0 || strcmp(t, "blink") == 0 ||
                 strcmp(t, "no-blink") == 0)
            msp_diag_warn(&a->job->diags, a->loc, NULL,
                          "text-decoration '%s' is not supported, ignored", t);
        else
            return false;
    }
    return true;
}

bool msp_fo_shorthand_font(msp_fo_apply *a, const char *value)
{
    char buf[512], *tok[32];
    if (strlen(value) >= sizeof buf)
        return false;
    strcpy(buf, value);
    int n = split_tokens(buf, tok, 32);
    if (n < 2)
        return false;
    int i = 0;
    for (; i < n; i++) {
        int w;
        if (strcmp(tok[i], "normal") == 0)
            continue;
        if (strcmp(tok[i], "italic") == 0 || strcmp(tok[i], "oblique") == 0)
            a->s->italic = true;
        else if (strcmp(tok[i], "small-caps") == 0)
            a->s->small_caps = true;
        else if (msp_fo_value_font_weight(a, tok[i], &w))
            a->s->font_weight = w;
        else
            break;
    }
    if (i >= n - 1)
        return false;
    char *slash = strchr(tok[i], '/');
    if (slash)
        *slash = '\0';
    if (!msp_fo_value_font_size(a, tok[i], &a->s->font_size))
        return false;
    if (slash && !msp_fo_value_line_height(a, slash + 1))
        return false;
    i++;
    if (i < n && tok[i][0] == '/') {    /* "12pt / 14pt" */
        const char *lh = tok[i][1] ? tok[i] + 1 : (i + 1 < n ? tok[++i] : NULL);
        if (!lh || !msp_fo_value_line_height(a, lh))
            return false;
        i++;
    }
    if (i >= n)
        return false;
    /* the family is the rest of the original string */
    const char *fam = value + (tok[i] - buf);
    a->s->font_family = msp_fo_value_trim(a, fam);
    a->line_height_set = a->line_height_set || slash != NULL;
    return true;
}
