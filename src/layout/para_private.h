/* Shared between para.c (lines), para_text.c (inline children to text and
 * Pango attributes) and para_image.c (inline PNG graphics). Internal to the
 * para builder; pagination uses para.h only. */
#ifndef MSP_PARA_PRIVATE_H
#define MSP_PARA_PRIVATE_H

#include "layout/para.h"
#include "layout/linebreak.h"

/* U+FFFC OBJECTREPLACEMENT CHARACTER: stands for a leader or an image. */
#define MSP_PARA_OBJ_CHAR "\xEF\xBF\xBC"
#define MSP_PARA_OBJ_LEN 3

/* A byte range of the text and the FO node it came from (for messages). */
typedef msp_text_span msp_para_seg;

/* An inline object before layout: a byte range, resolved to lines later. */
typedef struct msp_para_pending {
    msp_inline_kind kind;
    guint start, end;          /* [start, end) in the text */
    const msp_fo_node *node;
    cairo_surface_t *surface;  /* IMAGE: owned reference */
    double w, ascent, descent; /* LEADER, IMAGE: the shape's size in pt */
    double fill_max;           /* LEADER: < 0 = fill the rest of the line; else maximum width */
    PangoLayout *pattern;      /* LEADER use-content: its content set once (owned reference), or NULL */
    const char *uri, *dest;    /* LINK; DEST: dest = the id */
    int footnote;              /* FOOTNOTE */
    msp_para_box box;          /* BOX: its content (owned until an msp_inline_obj takes it) */
    bool open_start, open_end; /* DECO: the inline starts before / ends after this run's part */
} msp_para_pending;

/* A page number or citation printed in the text: bytes [start, end). */
typedef struct msp_para_number {
    guint start, end;
    const msp_fo_node *node;
    bool placeholder;          /* no number was known: the placeholder "00" */
} msp_para_number;

/* The collected text of a run. */
typedef struct msp_para_text {
    const msp_para_env *env;
    const msp_fo_node *block;
    GString *text;
    PangoAttrList *attrs;           /* owned */
    PangoFontDescription *block_desc; /* owned */
    GArray *segs;                   /* of msp_para_seg */
    GArray *objs;                   /* of msp_para_pending */
    GPtrArray *footnotes;           /* of const msp_fo_node* */
    GArray *footnote_index;         /* of guint: byte index of the anchor's last character */
    GHashTable *families;           /* font-family list as written -> resolved family (borrowed keys) */
    msp_arena *arena;               /* owned until msp_para_build takes it: family names, link targets */
    bool has_linefeed;              /* a preserved linefeed ('\n') is in the text */
    /* whitespace state */
    bool at_start, last_space, after_lf;
    bool prev_letter;               /* for text-transform capitalize */
    guint protect;                  /* text before this index is never trimmed */
    /* a part of a split run (msp_para_build_part) */
    const msp_fo_node *after, *before;
    const msp_fo_node **path;       /* after's ancestors below block, outermost first; then after */
    int path_len;
    bool skipping;                  /* still before `after` */
    bool stopped;                   /* reached `before` */
    GArray *numbers;                /* of msp_para_number, or NULL */
    double ref_width;               /* the reference area's width (an inline-container's auto width) */
} msp_para_text;

/* What line breaking knows of each line (para_break.c). */
typedef struct msp_para_lineinfo {
    double ratio;          /* adjustment ratio of the word spaces: > 0 stretched, < 0 shrunk */
    double natural;        /* width before justification, pt */
    bool hyphen;           /* ends with an inserted hyphen or after a hyphen */
    bool forced;           /* ends the paragraph or at a forced break (a last line) */
    int fit;               /* msp_lb_fit */
} msp_para_lineinfo;

/* A line's part of the text: bytes [start, end), the hyphenation character
 * to show after it (0: none), whether it ends a Pango paragraph. */
typedef struct msp_line_range {
    int start, end;
    gunichar hyphen;
    bool para_end;
} msp_line_range;

/* A line cut from the shaped run (para_lines.c). */
typedef struct msp_gline {
    int start, end;                 /* byte range of the text */
    msp_line_piece *pieces;         /* visual order */
    int n;
    double width, ascent, descent;  /* logical width; extents of the glyphs (not of objects) */
    bool para_end;
    char *hyphen_text;              /* the hyphen piece's text, or NULL */
} msp_gline;

typedef struct msp_glines {
    msp_gline *lines;
    int n;
    GPtrArray *texts;               /* owned hyphen strings */
    msp_text_span *spans;           /* owned: where the text comes from (msp_para_layout_spans) */
    int n_spans;
} msp_glines;

/* Cuts the lines ranges[0..n-1] out of layout's glyph items (the layout was
 * laid out unbroken, width -1) and attaches them to the layout, which owns
 * them from then on. */
msp_glines *msp_glines_cut(PangoLayout *layout, const msp_line_range *ranges, int n);
/* Gives the lines the spans of the text (copied). */
void msp_glines_set_spans(msp_glines *g, const msp_text_span *spans, int n);
/* The lines attached to layout, or NULL. */
const msp_glines *msp_glines_of(PangoLayout *layout);
/* Recomputes the pieces' x, the width and the extents after glyph widths changed. */
void msp_gline_measure(msp_gline *l);
/* x (from the line's left edge) of byte index i: 0 before the line, its width after. */
double msp_gline_index_x(const msp_gline *l, int i);
/* x extent of bytes [s, e) on the line; false when none of them is on it. */
bool msp_gline_range(const msp_gline *l, int s, int e, double *x1, double *x2);

/* Lays t's text out unbroken in layout (width -1), chooses total-fit
 * breaks (lines first_width, then width pt wide; spaces stretch and shrink
 * when justify), with dictionary hyphenation where the text's style says
 * hyphenate="true" (a warning, once per language, when there is no
 * dictionary), and fills ranges (of msp_line_range) and info (of
 * msp_para_lineinfo), one entry per line; from > 0: only the lines from that
 * byte on (a line start); shape[0 .. n_shape-1], when given, are the
 * first lines' own measures (beside a side float). The text is not changed. */
void msp_para_break(msp_para_text *t, PangoLayout *layout, double first_width, double width,
                    const double *shape, int n_shape, bool justify, bool last_run, guint from,
                    GArray *ranges, GArray *info);

/* Applies word-spacing and justification to the lines in place (word spaces,
 * and the gaps between CJK characters, which only stretch: never letter
 * spacing of other scripts; a line without either keeps its natural width). avail[i] is line i's measure; lines that end the paragraph or at
 * a forced break are stretched only when justify_last (shrunk when the
 * breaks were chosen so). Sets each info entry's ratio, natural width and fit. */
void msp_para_justify(const msp_para_text *t, msp_glines *g, GArray *info, const double *avail,
                      bool justify, bool justify_last);

/* Collects first..last (siblings under block) into t: the part after the
 * nested block-level FO `after` and before `before` (each NULL: no bound;
 * msp_para_next_block); ref_width is the width of the reference area the
 * block is in. Returns MSP_OK or the first error (recorded in
 * env->job->diags). Call msp_para_text_clear after, whatever the status. */
msp_status msp_para_text_collect(msp_para_text *t, const msp_para_env *env,
                                 const msp_fo_node *block, const msp_fo_node *first,
                                 const msp_fo_node *last, const msp_fo_node *after,
                                 const msp_fo_node *before, double ref_width);
void msp_para_text_clear(msp_para_text *t);

/* The element a message about node points at: node, or a text node's parent. */
const msp_fo_node *msp_para_element_of(const msp_fo_node *node);

/* para_fonts.c: the declared family for the font-family list `list` of node
 * (cached in t; NULL and an error at node when none is declared), the font
 * description of a style in family, and the ascent and descent of node's font. */
const char *msp_para_resolve_family(msp_para_text *t, const msp_fo_node *node, const char *list);
PangoFontDescription *msp_para_font_desc(const char *family, const msp_fo_style *s);
msp_status msp_para_node_extents(msp_para_text *t, const msp_fo_node *node, double *asc, double *desc);

/* Ascent and descent in pt of the font desc selects in ctx, as
 * pango_context_get_metrics gives them, cached on the context (one per
 * worker) by font description: Pango reloads the fontset and shapes a sample
 * text on every metrics call. */
void msp_para_font_extents(PangoContext *ctx, const PangoFontDescription *desc, double *ascent, double *descent);

/* The node to name in messages for byte index i (the text's element). */
const msp_fo_node *msp_para_text_node_at(const msp_para_text *t, guint i);

/* Records a warning unless the same one (severity, place, message) is
 * already in the list: layout may build a paragraph more than once. */
void msp_para_warn_once(msp_job *job, msp_loc loc, const char *hint, const char *message);

/* "url('x')", "url(x)", "'x'" or "x" -> x (new string, g_free). */
char *msp_para_unwrap_url(const char *v);

/* Loads the PNG of an inline fo:external-graphic and sizes it (pt). The path
 * is relative to env->doc->base_dir and may not leave it. Errors: MSP_E_FO
 * (missing src, absolute or escaping path, unreadable, not a PNG, larger
 * than 20000 x 20000 px, corrupt). *out is a new reference on success. */
msp_status msp_para_image_load(const msp_para_env *env, const msp_fo_node *node,
                               cairo_surface_t **out, double *w, double *h);

/* --- text accounting hooks (check_text.c; all accept c or r NULL and do nothing) --- */

/* The text nodes inside node (a use-content leader's content, repeated by
 * the leader rather than set in the run) reached the page. */
void msp_check_text_node_collected(msp_check_text *c, const msp_fo_node *node);
/* The text nodes of t (its segments) reached a run in the emitting pass; the
 * static content or marker the run's block is in is laid out. */
void msp_check_text_collected(msp_check_text *c, const msp_para_text *t);
/* Records para's lines (built from t, cut as g) for the accounting, checks
 * at once that the lines cover t's text and that each line's glyphs and text
 * cover its range (a failure is recorded as a loss), and returns the run
 * record, owned by para until msp_check_run_done. NULL when c is NULL. */
msp_check_run *msp_check_run_new(msp_check_text *c, const msp_para_text *t, const msp_glines *g,
                                 const msp_para *para);
/* Line `line` of the run was put on page. */
void msp_check_run_emitted(msp_check_run *r, int line, const msp_page *page);
/* The run's lines will be made again (msp_para_forget): when none was
 * placed, frees r unjudged and returns true; else returns false. */
bool msp_check_run_forget(msp_check_run *r);
/* Only lines [0, n) of the run will be placed (the rest is made again). */
void msp_check_run_truncate(msp_check_run *r, int n);
/* The para is being freed: every line must have been placed the same number
 * of times (once; a repeated table header or static content on each page:
 * as often as the others), at least once. Frees r. */
void msp_check_run_done(msp_check_run *r, const msp_para *para);

#endif
