/* Total-fit line breaking: the Knuth-Plass algorithm over boxes, glue and
 * penalties (see linebreak.h). With a shape (lines of their own measures,
 * beside a side float), nodes are also keyed by their line number while it
 * is within the shape, as TeX does for \parshape. Written here because no Debian library offers
 * it on an item list we can feed from Pango's shaping (Pango, ICU and
 * libunibreak give break opportunities, not optimal breaks).
 *
 * Active nodes are keyed by fitness class and by the number of hyphenated
 * lines in a row ending at them, so hyphenation-ladder-count is a hard limit
 * that keeps the choice optimal. Widths differ only between the first line
 * and the rest, so the line number is not part of the key. */
#include "layout/linebreak.h"

#include <glib.h>
#include <math.h>

void msp_lb_params_default(msp_lb_params *p)
{
    p->first_width = p->width = 0;
    p->shape = NULL;
    p->n_shape = 0;
    p->line_stretch = 0;
    p->tolerance = MSP_LB_TOLERANCE;   /* a word space at most 1.6 x normal (stretch 0.4 of it) */
    p->line_penalty = 10;
    p->adj_demerits = 10000;
    p->double_hyphen_demerits = 10000;
    p->final_hyphen_demerits = 5000;
    p->ladder = 0;
}

typedef struct lb_node {
    int pos;            /* the item broken at; -1 for the paragraph's start */
    int start;          /* first item of the line after this break */
    int line;           /* lines before and including this break */
    int fit;            /* fitness class of the line ending here */
    int hrun;           /* hyphenated lines in a row ending here */
    double total;       /* total demerits */
    int prev;           /* node of the previous break, -1 */
    double ratio, natural;
    int next;           /* next active node, -1 */
} lb_node;

enum { FIT_VERY_LOOSE, FIT_LOOSE, FIT_DECENT, FIT_TIGHT, N_FIT };

static int fitness(double r)
{
    if (r < -0.5)
        return FIT_TIGHT;
    if (r <= 0.5)
        return FIT_DECENT;
    if (r <= 1)
        return FIT_LOOSE;
    return FIT_VERY_LOOSE;
}

static bool forced(const msp_lb_item *it)
{
    return it->kind == MSP_LB_PENALTY && it->penalty <= -MSP_LB_INF;
}

/* First item of a line that follows a break at pos: glue and penalties
 * after a break are discarded up to the next box or forced break. */
static int line_start(const msp_lb_item *items, int n, int pos)
{
    int s = pos + 1;
    while (s < n && items[s].kind != MSP_LB_BOX && !forced(&items[s]))
        s++;
    return s;
}

typedef struct lb_state {
    const msp_lb_item *items;
    int n;
    const msp_lb_params *p;
    double *W, *S, *K;  /* prefix sums of width, stretch, shrink over [0, i) */
    GArray *nodes;      /* of lb_node */
    int hstates;        /* hyphen-run states per fitness class */
    int lstates;        /* line-number states: n_shape + 1 (lines past the shape are alike) */
} lb_state;

static double line_width(const msp_lb_params *p, int line)
{
    if (line < p->n_shape)
        return p->shape[line];
    return line == 0 ? p->first_width : p->width;
}

#define NODE(st, i) (&g_array_index((st)->nodes, lb_node, (i)))

static int add_node(lb_state *st, const lb_node *nd)
{
    g_array_append_val(st->nodes, *nd);
    return (int)st->nodes->len - 1;
}

/* One pass; returns the best node at the final break, or -1 when the
 * active list ran dry (only in the first pass). */
static int lb_pass(lb_state *st, bool emergency, bool ignore_ladder)
{
    const msp_lb_item *items = st->items;
    const msp_lb_params *p = st->p;
    int n = st->n;
    g_array_set_size(st->nodes, 0);
    lb_node start = { .pos = -1, .start = line_start(items, n, -1), .line = 0, .fit = FIT_DECENT,
                      .hrun = 0, .total = 0, .prev = -1, .next = -1 };
    int active = add_node(st, &start);
    int n_cand = N_FIT * st->hstates * st->lstates;
    lb_node *cand = g_new(lb_node, n_cand);
    bool *have = g_new(bool, n_cand);
    int best_final = -1;

    for (int b = 0; b < n && active >= 0; b++) {
        const msp_lb_item *it = &items[b];
        bool legal = it->kind == MSP_LB_GLUE ? b > 0 && items[b - 1].kind == MSP_LB_BOX
                   : it->kind == MSP_LB_PENALTY ? it->penalty < MSP_LB_INF : false;
        if (!legal)
            continue;
        bool is_forced = forced(it);
        bool flagged = it->kind == MSP_LB_PENALTY && it->flagged;
        double pw = it->kind == MSP_LB_PENALTY ? it->width : 0;
        for (int k = 0; k < n_cand; k++)
            have[k] = false;

        int prev_a = -1;
        for (int a = active; a >= 0;) {
            lb_node *A = NODE(st, a);
            int next_a = A->next;
            int s = A->start;
            if (s > b) {            /* the break lies before the line's first box */
                prev_a = a;
                a = next_a;
                continue;
            }
            double natural = st->W[b] - st->W[s] + pw;
            double stretch = st->S[b] - st->S[s] + p->line_stretch;
            double shrink = st->K[b] - st->K[s];
            double width = line_width(p, A->line);
            double r;
            if (natural < width)
                r = stretch > 0 ? (width - natural) / stretch : 1000;
            else if (natural > width)
                r = shrink > 0 ? (width - natural) / shrink : -1000;
            else
                r = 0;
            if (r > 1000)
                r = 1000;
            bool deactivate = r < -1 || is_forced;
            bool ok = r >= -1 && r <= p->tolerance;
            int hrun = flagged ? A->hrun + 1 : 0;
            bool ladder_ok = p->ladder <= 0 || hrun <= p->ladder || ignore_ladder;
            if ((ok || emergency) && ladder_ok) {
                /* cubic badness, uncapped: in the second pass looseness then spreads
                 * over the paragraph's lines instead of gathering in one */
                double ar = fabs(r) < 1000 ? fabs(r) : 1000;
                double bad = 100 * ar * ar * ar;
                double d = p->line_penalty + bad;
                d = d * d;
                if (it->kind == MSP_LB_PENALTY && !is_forced) {
                    if (it->penalty >= 0)
                        d += it->penalty * it->penalty;
                    else
                        d -= it->penalty * it->penalty;
                }
                int fit = fitness(r);
                if (abs(fit - A->fit) > 1)
                    d += p->adj_demerits;
                bool a_flagged = A->pos >= 0 && items[A->pos].kind == MSP_LB_PENALTY && items[A->pos].flagged;
                if (flagged && a_flagged)
                    d += p->double_hyphen_demerits;
                if (is_forced && a_flagged)
                    d += p->final_hyphen_demerits;
                /* emergency only: overfull (text past the margin) is worse than any loose
                 * line, even one word alone on its line at natural width, whose demerits
                 * reach (10 + 100 x 1000^3)^2 = 1e22 */
                if (r < -1)
                    d += 1e24 + (natural - width - shrink) * 1e21;
                int hs = hrun < st->hstates ? hrun : st->hstates - 1;
                int ls = A->line + 1 < st->lstates - 1 ? A->line + 1 : st->lstates - 1;
                int k = (fit * st->hstates + hs) * st->lstates + ls;
                double total = A->total + d;
                if (!have[k] || total < cand[k].total) {
                    have[k] = true;
                    cand[k] = (lb_node){ .pos = b, .start = line_start(items, n, b), .line = A->line + 1,
                                         .fit = fit, .hrun = hrun, .total = total, .prev = a,
                                         .ratio = r, .natural = natural, .next = -1 };
                }
            }
            if (deactivate) {
                if (prev_a >= 0)
                    NODE(st, prev_a)->next = next_a;
                else
                    active = next_a;
            } else {
                prev_a = a;
            }
            a = next_a;
        }
        /* the new nodes join the end of the active list */
        for (int k = 0; k < n_cand; k++) {
            if (!have[k])
                continue;
            int id = add_node(st, &cand[k]);
            if (is_forced && b == n - 1) {
                if (best_final < 0 || NODE(st, id)->total < NODE(st, best_final)->total)
                    best_final = id;
                continue;
            }
            if (prev_a >= 0)
                NODE(st, prev_a)->next = id;
            else
                active = id;
            prev_a = id;
        }
    }
    g_free(cand);
    g_free(have);
    return best_final;
}

int msp_lb_break(const msp_lb_item *items, int n, const msp_lb_params *p, msp_lb_line **out)
{
    *out = NULL;
    if (n <= 0)
        return 0;
    lb_state st = { .items = items, .n = n, .p = p };
    st.W = g_new(double, (gsize)n + 1);
    st.S = g_new(double, (gsize)n + 1);
    st.K = g_new(double, (gsize)n + 1);
    st.W[0] = st.S[0] = st.K[0] = 0;
    for (int i = 0; i < n; i++) {
        bool counts = items[i].kind != MSP_LB_PENALTY;
        st.W[i + 1] = st.W[i] + (counts ? items[i].width : 0);
        st.S[i + 1] = st.S[i] + (items[i].kind == MSP_LB_GLUE ? items[i].stretch : 0);
        st.K[i + 1] = st.K[i] + (items[i].kind == MSP_LB_GLUE ? items[i].shrink : 0);
    }
    st.hstates = (p->ladder > 0 ? p->ladder : 1) + 1;
    st.lstates = (p->shape && p->n_shape > 0 ? p->n_shape : 0) + 1;
    st.nodes = g_array_new(FALSE, FALSE, sizeof(lb_node));
    /* 1: acceptable lines only; 2: any line, the ladder still a limit; 3: the ladder
     * given up too (only when the text offers nothing but hyphens to break at) */
    int best = lb_pass(&st, false, false);
    if (best < 0)
        best = lb_pass(&st, true, false);
    if (best < 0)
        best = lb_pass(&st, true, true);
    int count = 0;
    for (int k = best; k >= 0 && NODE(&st, k)->pos >= 0; k = NODE(&st, k)->prev)
        count++;
    msp_lb_line *lines = g_new0(msp_lb_line, count ? count : 1);
    int i = count;
    for (int k = best; k >= 0 && NODE(&st, k)->pos >= 0; k = NODE(&st, k)->prev) {
        const lb_node *nd = NODE(&st, k);
        msp_lb_line *l = &lines[--i];
        l->brk = nd->pos;
        l->first = NODE(&st, nd->prev)->start;
        l->ratio = nd->ratio;
        l->natural = nd->natural;
        l->hyphen = items[nd->pos].kind == MSP_LB_PENALTY && items[nd->pos].flagged;
        l->fit = nd->ratio < -1 ? MSP_LB_FIT_OVERFULL
               : nd->ratio > p->tolerance ? MSP_LB_FIT_LOOSE : MSP_LB_FIT_OK;
    }
    g_array_free(st.nodes, TRUE);
    g_free(st.W);
    g_free(st.S);
    g_free(st.K);
    *out = lines;
    return count;
}
