/* The typography rules, on one run of text held as characters (typo_ch):
 * each rule reads the language of the character it would change and never
 * changes or inserts next to a protected (verbatim) character. Rules edit in
 * place: replace a character, delete one, insert one before another, or
 * mark one as a superscript; typo.c writes the result back into the nodes.
 * What each rule does and where the house rule comes from:
 * docs/format-choices.md, "Typography per language". */
#include "xslt/typo_private.h"

#include <string.h>

static bool is_ws(gunichar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* any space a rule may replace: typed spaces and the fixed ones */
static bool is_space(gunichar c)
{
    return is_ws(c) || c == TYPO_NBSP || c == TYPO_NNBSP || (c >= 0x2000 && c <= 0x200A);
}

static bool is_text(const typo_ch *v, int i)
{
    return !(v[i].flags & TY_OBJECT);
}

static int next_of(const typo_ch *v, int n, int i)
{
    for (i++; i < n && (v[i].flags & TY_DELETED); i++)
        ;
    return i;
}

static int prev_of(const typo_ch *v, int i)
{
    for (i--; i >= 0 && (v[i].flags & TY_DELETED); i--)
        ;
    return i;
}

static const typo_lang *lang_of(const msp_typo *t, const typo_ch *v, int i)
{
    return v[i].lang >= 0 ? g_ptr_array_index(t->langs, v[i].lang) : NULL;
}

static bool has_rule(const msp_typo *t, const typo_ch *v, int i, unsigned rule)
{
    const typo_lang *l = lang_of(t, v, i);
    return l && (l->rules & rule);
}

static bool free_space(const typo_ch *v, int i)
{
    return is_text(v, i) && is_space(v[i].c) && !(v[i].flags & TY_PROTECT);
}

static bool is_alnum(const typo_ch *v, int i)
{
    return i >= 0 && is_text(v, i) && g_unichar_isalnum(v[i].c);
}

/* g_unichar_isdigit, without the call for ASCII (the rules ask of every character) */
static bool digit_char(gunichar c)
{
    return c < 0x80 ? c - '0' < 10 : g_unichar_isdigit(c);
}

static bool is_digit(const typo_ch *v, int n, int i)
{
    return i >= 0 && i < n && is_text(v, i) && digit_char(v[i].c);
}

/* The run of free spaces that ends just before i: its first index, or -1. */
static int spaces_before(const typo_ch *v, int i)
{
    int p = prev_of(v, i), first = -1;
    while (p >= 0 && free_space(v, p)) {
        first = p;
        p = prev_of(v, p);
    }
    return first;
}

/* Replaces the free spaces from first up to (not including) end by one c. */
static void set_spaces(typo_ch *v, int n, int first, int end, gunichar c)
{
    bool kept = false;
    for (int k = first; k < end && k < n; k = next_of(v, n, k)) {
        if (!free_space(v, k))
            break;
        if (!kept) {
            v[k].c = c;
            kept = true;
        } else {
            v[k].flags |= TY_DELETED;
        }
    }
}

static void delete_spaces(typo_ch *v, int n, int first, int end)
{
    for (int k = first; k >= 0 && k < end && k < n; k = next_of(v, n, k)) {
        if (!free_space(v, k))
            break;
        v[k].flags |= TY_DELETED;
    }
}

/* A space c before v[i]: typed spaces there become one c, or c is inserted
 * where the typist left none. after_mark: also after ? ! ; : (for »). */
static void space_before(typo_ch *v, int n, int i, gunichar c, bool after_mark)
{
    int first = spaces_before(v, i);
    if (first >= 0) {
        if (prev_of(v, first) >= 0)     /* never at the start of the run */
            set_spaces(v, n, first, i, c);
        return;
    }
    int p = prev_of(v, i);
    if (p < 0 || (v[p].flags & TY_PROTECT) || (is_text(v, p) && is_space(v[p].c)))
        return;
    if (is_text(v, p) && strchr("([{", (int)v[p].c) && v[p].c < 128)
        return;
    if (is_text(v, p) && (v[p].c == 0x00AB || v[p].c == 0x201C))
        return;
    if (!after_mark && is_text(v, p) && v[p].c < 128 && strchr(":;!?", (int)v[p].c))
        return;
    if (!v[i].ins)
        v[i].ins = c;
}

static void space_after(typo_ch *v, int n, int i, gunichar c)
{
    int k = next_of(v, n, i);
    if (k >= n || (v[k].flags & TY_PROTECT))
        return;
    if (free_space(v, k)) {
        set_spaces(v, n, k, n, c);
        return;
    }
    if (is_text(v, k) && is_space(v[k].c))
        return;
    if (!v[k].ins)
        v[k].ins = c;
}

/* --- French --- */

static bool ends_clause(const typo_ch *v, int n, int k)
{
    if (k >= n || !is_text(v, k) || is_space(v[k].c))
        return true;
    gunichar c = v[k].c;
    return c == ')' || c == ']' || c == 0x00BB || c == '"' || c == 0x201D || c == 0x2019 || c == ',' ||
           c == '.' || c == ';' || c == '!' || c == '?' || c == 0x2026;
}

static void fr_spacing(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        if ((v[i].flags & (TY_DELETED | TY_PROTECT | TY_OBJECT)) || !has_rule(t, v, i, TR_FR_SPACING))
            continue;
        gunichar c = v[i].c;
        if (c == ':' && ends_clause(v, n, next_of(v, n, i)))
            space_before(v, n, i, TYPO_NBSP, false);
        else if ((c == ';' || c == '!' || c == '?') && ends_clause(v, n, next_of(v, n, i)))
            space_before(v, n, i, TYPO_NNBSP, false);
        else if (c == 0x00AB)
            space_after(v, n, i, TYPO_NBSP);
        else if (c == 0x00BB)
            space_before(v, n, i, TYPO_NBSP, true);
    }
}

static void apostrophes(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (v[i].c != '\'' || (v[i].flags & (TY_DELETED | TY_PROTECT | TY_OBJECT)) ||
            !has_rule(t, v, i, TR_APOSTROPHE))
            continue;
        int p = prev_of(v, i);
        if (p >= 0 && is_text(v, p) && g_unichar_isalpha(v[p].c))
            v[i].c = 0x2019;
    }
}

/* Length of the digit run starting at i (0 when i does not start one). */
static int digit_run(const typo_ch *v, int n, int i, int *end)
{
    if (!digit_char(v[i].c) || !is_digit(v, n, i) || is_alnum(v, prev_of(v, i)))
        return 0;
    int len = 0, k = i;
    while (is_digit(v, n, k)) {
        len++;
        k = next_of(v, n, k);
    }
    *end = k;
    return len;
}

static void fr_ordinals(const msp_typo *t, typo_ch *v, int n)
{
    static const char *const suffixes[] = { "ers", "res", "er", "re", "es", "e" };
    for (int i = 0; i < n; i++) {
        int e;
        if ((v[i].flags & (TY_DELETED | TY_PROTECT)) || !has_rule(t, v, i, TR_FR_ORDINALS))
            continue;
        int len = digit_run(v, n, i, &e);
        if (len == 0 || len > 4)
            continue;
        for (size_t s = 0; s < G_N_ELEMENTS(suffixes); s++) {
            const char *x = suffixes[s];
            int k = e, last = -1;
            size_t m = 0;
            while (x[m] && k < n && is_text(v, k) && !(v[k].flags & TY_PROTECT) && v[k].c == (gunichar)x[m]) {
                last = k;
                k = next_of(v, n, k);
                m++;
            }
            if (x[m] || last < 0 || is_alnum(v, k < n ? k : -1))
                continue;
            for (int j = e; j <= last; j = next_of(v, n, j))
                v[j].flags |= TY_SUPER;
            break;
        }
        i = e - 1;
    }
}

/* --- Spanish --- */

static void es_marks(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        if ((v[i].flags & (TY_DELETED | TY_PROTECT | TY_OBJECT)) || !has_rule(t, v, i, TR_ES_MARKS))
            continue;
        gunichar c = v[i].c;
        if (c == 0x00BF || c == 0x00A1) {           /* ¿ ¡: the sentence follows at once */
            int k = next_of(v, n, i);
            if (k < n && free_space(v, k))
                delete_spaces(v, n, k, n);
        } else if (c == '?' || c == '!') {          /* ? !: close on the last word */
            int first = spaces_before(v, i);
            if (first >= 0 && prev_of(v, first) >= 0)
                delete_spaces(v, n, first, i);
        }
    }
}

static void es_ordinals(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        int e;
        if ((v[i].flags & (TY_DELETED | TY_PROTECT)) || !has_rule(t, v, i, TR_ES_ORDINALS))
            continue;
        if (digit_run(v, n, i, &e) == 0)
            continue;
        int k = e < n ? next_of(v, n, e) : n;
        if (e < n && v[e].c == '.' && !(v[e].flags & TY_PROTECT) && k < n &&
            (v[k].c == 0x00AA || v[k].c == 0x00BA))
            v[e].flags |= TY_DELETED;                   /* 22.ª -> 22ª */
        i = e - 1;
    }
}

/* --- every language --- */

static void note_calls(typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (!(v[i].flags & TY_NOTE_START) || (v[i].flags & TY_DELETED))
            continue;
        int first = spaces_before(v, i);
        int p = first >= 0 ? prev_of(v, first) : -1;
        if (p < 0)
            continue;
        if (is_text(v, p) && (v[p].c == ',' || v[p].c == ';'))
            set_spaces(v, n, first, i, TYPO_NBSP);   /* between calls: "2026*, **" */
        else
            delete_spaces(v, n, first, i);           /* "word ¹" -> "word¹" */
    }
}

/* Matches the spaces of a run of free spaces at k; returns the index after
 * it (k when there is none). */
static int match_spaces(const typo_ch *v, int n, int k)
{
    while (k < n && free_space(v, k))
        k = next_of(v, n, k);
    return k;
}

/* Matches word (lower-case UTF-8) at k, case-insensitively, not followed by
 * a letter; returns the index after it, or -1. */
static int match_word(const typo_ch *v, int n, int k, const char *word)
{
    for (const char *w = word; *w; w = g_utf8_next_char(w)) {
        if (k >= n || !is_text(v, k) || g_unichar_tolower(v[k].c) != g_utf8_get_char(w))
            return -1;
        k = next_of(v, n, k);
    }
    return (k < n && is_text(v, k) && g_unichar_isalpha(v[k].c)) ? -1 : k;
}

/* Day and month: "26 May", "1er décembre", "8 de octubre" keep together. */
static void number_month(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        int e;
        const typo_lang *l = lang_of(t, v, i);
        if (!l || !l->day_month || !l->months[0] || (v[i].flags & TY_DELETED))
            continue;
        int len = digit_run(v, n, i, &e);
        if (len == 0)
            continue;
        int k = e;
        while (k < n && is_text(v, k) && ((v[k].flags & TY_SUPER) || v[k].c == 0x00AA || v[k].c == 0x00BA))
            k = next_of(v, n, k);
        if (len > 2)
            k = -1;
        int runs[4], nruns = 0;
        for (const char *p = l->day_month; k >= 0 && *p; p = g_utf8_next_char(p)) {
            gunichar pc = g_utf8_get_char(p);
            if (pc == ' ') {
                int after = match_spaces(v, n, k);
                if (after == k || nruns == 4)
                    k = -1;
                else
                    runs[nruns++] = k, k = after;
            } else if (k < n && is_text(v, k) && g_unichar_tolower(v[k].c) == pc) {
                k = next_of(v, n, k);
            } else {
                k = -1;
            }
        }
        bool month = false;
        for (int m = 0; k >= 0 && m < 12 && !month; m++)
            month = l->months[m] && match_word(v, n, k, l->months[m]) >= 0;
        if (month)
            for (int r = 0; r < nruns; r++)
                set_spaces(v, n, runs[r], n, TYPO_NBSP);
        i = e - 1;
    }
}

/* A month name of several words or a pair of names ("تشرين الأول/أكتوبر",
 * Arabic's Levantine and Western names) is one unit: its spaces become
 * no-break spaces and a word joiner (U+2060) follows its slash, so a line
 * never breaks inside it. Only month names of the text's language match, as
 * words of their own: never inside a URL (a verbatim word goes on either side). */
static void month_units(const msp_typo *t, typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        const typo_lang *l = lang_of(t, v, i);
        if (!l || !l->month_units || (v[i].flags & TY_DELETED) || !is_text(v, i) || !g_unichar_isalpha(v[i].c))
            continue;
        int p = prev_of(v, i);
        /* a word of its own: not inside a longer word nor inside a URL (a verbatim word) */
        if (p >= 0 && is_text(v, p) && (g_unichar_isalpha(v[p].c) || (v[p].flags & TY_PROTECT)))
            continue;
        for (int m = 0; m < 12; m++) {
            const char *name = l->months[m];
            if (!name || (!strchr(name, ' ') && !strchr(name, '/')))
                continue;
            int k = i, spaces[4], nspaces = 0, slashes[4], nslashes = 0;
            for (const char *w = name; k >= 0 && *w; w = g_utf8_next_char(w)) {
                gunichar wc = g_utf8_get_char(w);
                if (wc == ' ') {
                    int after = match_spaces(v, n, k);
                    if (after == k || nspaces == 4)
                        k = -1;
                    else
                        spaces[nspaces++] = k, k = after;
                } else if (k < n && is_text(v, k) && g_unichar_tolower(v[k].c) == wc) {
                    if (wc == '/' && nslashes < 4)
                        slashes[nslashes++] = next_of(v, n, k);
                    k = next_of(v, n, k);
                } else {
                    k = -1;
                }
            }
            if (k < 0 || (k < n && is_text(v, k) && (g_unichar_isalpha(v[k].c) || (v[k].flags & TY_PROTECT))))
                continue;
            for (int s = 0; s < nspaces; s++)
                set_spaces(v, n, spaces[s], n, TYPO_NBSP);
            for (int s = 0; s < nslashes; s++)
                if (slashes[s] < n && !v[slashes[s]].ins)
                    v[slashes[s]].ins = 0x2060;
            i = k - 1;
            break;
        }
    }
}

/* "Article 7", "paragraph 5", "Action 12": the noun stays with its number. */
static void noun_number(const msp_typo *t, typo_ch *v, int n)
{
    GString *word = g_string_new(NULL);
    for (int i = 0; i < n; i++) {
        const typo_lang *l = lang_of(t, v, i);
        if (!l || !l->nouns->len || (v[i].flags & TY_DELETED) || !is_text(v, i) || !g_unichar_isalpha(v[i].c))
            continue;
        int p = prev_of(v, i);
        if (p >= 0 && is_text(v, p) && g_unichar_isalpha(v[p].c))
            continue;
        /* the word and a number after it first; its text only when there is one */
        int k = i;
        while (k < n && is_text(v, k) && g_unichar_isalpha(v[k].c))
            k = next_of(v, n, k);
        int end = k;
        if (k < n && is_text(v, k) && v[k].c == '.')      /* "No. 3", "par. 5" */
            k = next_of(v, n, k);
        int after = match_spaces(v, n, k);
        if (after == k || !is_digit(v, n, after)) {
            i = k - 1;
            continue;
        }
        g_string_truncate(word, 0);
        for (int c = i; c < end; c = next_of(v, n, c))
            g_string_append_unichar(word, g_unichar_tolower(v[c].c));
        if (k != end)
            g_string_append_c(word, '.');
        for (guint w = 0; w < l->nouns->len; w++)
            if (strcmp(word->str, g_ptr_array_index(l->nouns, w)) == 0) {
                set_spaces(v, n, k, after, TYPO_NBSP);
                break;
            }
        i = k - 1;
    }
    g_string_free(word, TRUE);
}

/* A label ("article 7") starts with a capital at the start of a sentence. */
static bool before_label(const typo_ch *v, int p)
{
    if (!is_text(v, p))
        return true;
    gunichar c = v[p].c;
    return is_space(c) || c == 0x00AB || c == 0x201C || c == '"' || c == '(' || c == '[';
}

static void label_capitals(typo_ch *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (!(v[i].flags & TY_LABEL_START) || (v[i].flags & TY_DELETED))
            continue;
        int p = prev_of(v, i);   /* back over spaces, openers and objects (the leader after "3.") */
        while (p >= 0 && before_label(v, p))
            p = prev_of(v, p);
        bool start = p < 0 || v[p].c == '.' || v[p].c == '!' || v[p].c == '?' || v[p].c == 0x2026;
        if (start)
            v[i].c = g_unichar_totitle(v[i].c);
    }
}

void msp_typo_protect_words(typo_ch *v, int n)
{
    int i = 0;
    while (i < n) {
        if (!is_text(v, i) || is_space(v[i].c)) {
            i++;
            continue;
        }
        int e = i;
        bool verbatim = false;
        while (e < n && is_text(v, e) && !is_space(v[e].c)) {
            if (v[e].c == '/' || v[e].c == '@')
                verbatim = true;
            e++;
        }
        if (e - i >= 4 && g_unichar_tolower(v[i].c) == 'w' && g_unichar_tolower(v[i + 1].c) == 'w' &&
            g_unichar_tolower(v[i + 2].c) == 'w' && v[i + 3].c == '.')
            verbatim = true;
        if (verbatim) {
            for (int k = i; k < e; k++)
                v[k].flags |= TY_PROTECT;
            /* an URL's last character is not the sentence's closing mark (nor "،", "؛") */
            while (e - 1 > i && (v[e - 1].c == '.' || v[e - 1].c == ',' || v[e - 1].c == ';' ||
                                 v[e - 1].c == ':' || v[e - 1].c == ')' ||
                                 v[e - 1].c == 0x060C || v[e - 1].c == 0x061B)) {   /* Arabic comma, semicolon */
                v[e - 1].flags &= ~(unsigned)TY_PROTECT;
                e--;
            }
        }
        i = e > i ? e : i + 1;
    }
}

/* What a run holds that some rule looks for: a rule whose characters are
 * not in the run is not run (most runs of a paper have no digit, quote or
 * clause mark, and every rule is a pass over the run). */
enum { HAS_APOS = 1, HAS_ES_MARK = 2, HAS_DIGIT = 4, HAS_NOTE = 8, HAS_FR_MARK = 16, HAS_LABEL = 32 };

static unsigned run_holds(const typo_ch *v, int n)
{
    unsigned h = 0;
    for (int i = 0; i < n; i++) {
        gunichar c = v[i].c;
        if (v[i].flags & TY_NOTE_START)
            h |= HAS_NOTE;
        if (v[i].flags & TY_LABEL_START)
            h |= HAS_LABEL;
        if (c == '\'')
            h |= HAS_APOS;
        else if (c == '?' || c == '!')
            h |= HAS_ES_MARK | HAS_FR_MARK;
        else if (c == 0x00BF || c == 0x00A1)
            h |= HAS_ES_MARK;
        else if (c == ':' || c == ';' || c == 0x00AB || c == 0x00BB)
            h |= HAS_FR_MARK;
        else if (digit_char(c))
            h |= HAS_DIGIT;
    }
    return h;
}

void msp_typo_rules(const msp_typo *t, typo_ch *v, int n)
{
    unsigned h = run_holds(v, n);
    if (h & HAS_APOS)
        apostrophes(t, v, n);
    if (h & HAS_ES_MARK)
        es_marks(t, v, n);
    if (h & HAS_DIGIT) {
        fr_ordinals(t, v, n);
        es_ordinals(t, v, n);
    }
    if (h & HAS_NOTE)
        note_calls(v, n);
    if (h & HAS_FR_MARK)
        fr_spacing(t, v, n);
    if (h & HAS_DIGIT)
        number_month(t, v, n);
    month_units(t, v, n);   /* month names of several words: letters only */
    if (h & HAS_DIGIT)
        noun_number(t, v, n);
    if (h & HAS_LABEL)
        label_capitals(v, n);
}
