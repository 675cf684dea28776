/* Inline formatting: a run of inline-level FO children (text, fo:inline,
 * fo:basic-link, fo:footnote anchors, leaders, page numbers, graphics) turned
 * into one PangoLayout with attributes, so shaping and bidi run across
 * inline boundaries, and then into lines with their heights, footnote
 * anchors and inline objects. Module-internal to layout/. Pagination
 * (block.c, page.c) consumes msp_para; it never calls Pango itself. */
#ifndef MSP_PARA_H
#define MSP_PARA_H

#include "fo/fo.h"
#include "layout/area.h"

#include <pango/pango.h>

/* The text accounting of --check-text (check_text.h); NULL when not checking. */
typedef struct msp_check_text msp_check_text;
typedef struct msp_check_run msp_check_run;

typedef struct msp_para_box msp_para_box;   /* below */

/* How the para builder learns page-dependent text. */
typedef struct msp_para_env {
    msp_job *job;
    PangoContext *pango;
    const msp_fo_doc *doc;
    /* fo:page-number: the current page's formatted number (static content), or NULL in the flow */
    const char *page_number_text;
    /* fo:page-number-citation(-last): formatted number for ref_id; NULL when not yet known
     * (the builder then uses a placeholder of the same width class, e.g. "00"). */
    const char *(*cite)(void *user, const char *ref_id, bool last);
    void *cite_user;
    /* fo:page-number `node` where page_number_text is NULL (the flow, footnote bodies):
     * the formatted number of its page, allocated in arena (block.c: the page being
     * built); NULL when unset (the builder then prints a placeholder, which
     * --check-text reports). */
    const char *(*page_number_now)(void *user, const msp_fo_node *node, msp_arena *arena);
    void *page_user;
    /* the pass's text accounting (check_text.h): set only in the pass whose pages are
     * emitted, and only when checking; NULL otherwise */
    msp_check_text *check;
    /* msp_layout_opts.font_fallback */
    bool font_fallback;
    /* fo:retrieve-marker among inline content (static content): the fo:marker whose
     * children take its place (XSL 1.1 6.13.6), or NULL for none; the callback may be
     * NULL. A retrieve-marker between blocks is resolved by pagination (block.c). */
    const msp_fo_node *(*retrieve)(void *user, const msp_fo_node *retrieve_marker);
    void *retrieve_user;
    /* fo:inline-container: its block-level content laid out by pagination
     * (block.c) in a reference area ref_width wide (XSL 1.1 6.6.8: its own
     * inline-progression-dimension, or that of the nearest ancestor reference
     * area when auto); NULL: refused. */
    msp_status (*container)(void *user, const msp_fo_node *node, double ref_width,
                            msp_para_box *out);
    void *container_user;
    /* side floats (side_float.c): lines 0 .. intr_n - 1 of the next run built are
     * narrowed by intr_s[i] on the start side and intr_e[i] on the end side
     * (intr_n 0: none); pagination sets them around one build */
    int intr_n;
    const double *intr_s, *intr_e;
} msp_para_env;

/* An inline-container's content as pagination made it: opaque to the para
 * builder, which keeps it with the line and gives it back to be drawn,
 * forgotten (never placed: made again) or freed. */
typedef struct msp_para_box_ops {
    void (*forget)(void *content);
    void (*free)(void *content);
} msp_para_box_ops;

struct msp_para_box {
    double w;               /* its border box across the line */
    double ascent, descent; /* above and below the line's baseline */
    void *content;          /* owned; NULL when empty */
    const msp_para_box_ops *ops;
};

typedef enum msp_inline_kind {
    MSP_INLINE_LEADER,     /* drawn as rule or dots over [x, x+w] at the baseline */
    MSP_INLINE_IMAGE,      /* external-graphic: surface drawn at [x, y-asc, w, h] */
    MSP_INLINE_LINK,       /* basic-link: clickable [x, x+w] on that line */
    MSP_INLINE_DEST,       /* an inline element with an id */
    MSP_INLINE_FOOTNOTE,   /* the anchor of footnote `footnote` */
    MSP_INLINE_GRAPHIC,    /* instream-foreign-object: vector graphic (graphic.c) at [x, y-asc, w, h] */
    MSP_INLINE_MARKER,     /* an fo:marker child of an inline (node): on the line the inline starts on;
                              nothing is drawn */
    MSP_INLINE_DECO,       /* background, border, padding of an inline (node) on one line: its
                              piece [x, x+w], from ascent above to descent below the baseline;
                              first/last: it starts/ends there (start/end border drawn) */
    MSP_INLINE_FLOAT,      /* an fo:float (node) anchored on the line: pagination places it; nothing
                              is drawn in the line */
    MSP_INLINE_BOX         /* fo:inline-container (node): box [x, y-asc, w, asc+desc] whose content
                              (box.content) pagination draws */
} msp_inline_kind;

typedef struct msp_inline_obj {
    msp_inline_kind kind;
    int line;               /* line index */
    int line_last;          /* DEST, MARKER: the line of the (marker's) element's last character */
    double x, w;            /* relative to the line box's left edge */
    double ascent, descent; /* extent above/below the baseline */
    const msp_fo_node *node;
    cairo_surface_t *surface;      /* IMAGE: owned reference */
    PangoLayout *pattern;          /* LEADER use-content: its content once (owned reference), or NULL */
    const char *uri, *dest;        /* LINK */
    int footnote;                  /* FOOTNOTE: index into msp_para.footnotes */
    msp_para_box box;              /* BOX: its content (owned) */
    bool first, last;              /* DECO */
} msp_inline_obj;

typedef struct msp_line {
    int line_no;            /* index in layout */
    double x;               /* line box left edge relative to the block's content-rectangle left
                               (includes start-indent, text-indent and alignment offset) */
    double width;           /* logical width */
    double height;          /* the line's contribution to the block's height (line-height rule) */
    double ascent;          /* from line top to baseline */
    double descent;
    const char *text;       /* the line's text (the para's arena) */
    bool last;              /* last line of the paragraph */
    double natural;         /* its width before justification */
    double adjust;          /* adjustment ratio of its word spaces (0 natural, 1 = full stretch,
                               -1 = full shrink) */
    bool hyphen;            /* ends in a hyphen */
    int fit;                /* msp_lb_fit: 0 within tolerance, 1 loose, 2 overfull */
    msp_loc loc;            /* FO location of its first character */
    int start;              /* byte offset of its first character in the run's text
                               (msp_para_build_rest) */
    const msp_fo_node *change_bar; /* the fo:change-bar-begin open over some of its text, or NULL */
} msp_line;

typedef struct msp_para {
    PangoLayout *layout;            /* owned reference (NULL for an empty run) */
    const msp_fo_node *block;       /* the block whose inline children these are */
    msp_line *lines;                /* the para's arena */
    int n_lines;
    const msp_fo_node **footnotes;  /* fo:footnote nodes in source order (the para's arena) */
    int *footnote_line;             /* the line of each footnote's anchor */
    int n_footnotes;
    msp_inline_obj *objs;           /* the para's arena */
    int n_objs;
    bool keep_lines_together;       /* keep-together of the enclosing block */
    const char **ids;               /* a part of a split run with nothing to lay out
                                       (msp_para_build_part): the ids of the inlines that
                                       start in it, for the next box (the para's arena) */
    int n_ids;
    msp_check_run *check;           /* its accounting when env->check was set, else NULL */
    int from;                       /* the byte its first line starts at: 0, or where
                                       msp_para_build_rest resumed */
    double end_room;                /* its lines' measure ends this far from the column's right */
    double ra_width;                /* the width of the column (reference area) it was built for */
    msp_arena *arena;               /* owned: lines, texts, objects, footnote arrays, link
                                       targets; freed by msp_para_clear, so a para's memory
                                       goes when its lines are placed, not at the job's end */
} msp_para;

/* Builds the lines for the inline children from `first` to `last` (inclusive,
 * siblings under one block) in a column of `width` pt, where the block's
 * start-indent and end-indent (already resolved to pt) are `start` and `end`
 * from the column's left and right edges; first_line says whether text-indent
 * applies (the run starts the block) and last_run whether text-align-last
 * applies to its final line. Checks: unknown font family (MSP_E_FO error at
 * the node), a character no declared font covers (warning naming U+XXXX and
 * the node's location), unreadable or lying PNG (error).
 * Returns MSP_OK and fills *out (data in out->arena; free it and the
 * references with msp_para_clear), or an error. Nothing is allocated from
 * env->job->arena. */
msp_status msp_para_build(const msp_para_env *env, msp_para *out,
                          const msp_fo_node *block, const msp_fo_node *first,
                          const msp_fo_node *last, double width, double start,
                          double end, bool first_line, bool last_run);

/* Block-level FOs (fo:block, block-container, table, list-block) nested in
 * fo:inline, fo:wrapper or fo:basic-link split a run (XSL 1.1 §6.6.7: they
 * are allowed there when the inline is in a block context): the text before
 * such a block becomes lines, the block is laid out as a block, the text
 * after it becomes new lines. msp_para_next_block returns the first such FO
 * of the run first..last (siblings under one block) that comes after `after`
 * in document order (after NULL: from the start), or NULL. It looks into
 * inline, wrapper and basic-link only (not into footnotes). */
const msp_fo_node *msp_para_next_block(const msp_fo_node *first, const msp_fo_node *last,
                                       const msp_fo_node *after);

/* msp_para_build for a part of a split run: the content of first..last after
 * the block-level descendant `after` (NULL: from the start) and before the
 * block-level descendant `before` (NULL: to the end). The inlines around
 * them keep their properties and link rectangles in each part. A part with
 * no text and no objects (white space before a nested block) has no lines;
 * the ids of inlines that start in it are then in out->ids. */
msp_status msp_para_build_part(const msp_para_env *env, msp_para *out,
                               const msp_fo_node *block, const msp_fo_node *first,
                               const msp_fo_node *last, const msp_fo_node *after,
                               const msp_fo_node *before, double width, double start,
                               double end, bool first_line, bool last_run);

/* msp_para_build_part for the rest of a run: its lines from byte `from`
 * (msp_line.start of a line of an earlier build of the same run) broken
 * for `width`, as the continuation of the paragraph on a page of another
 * width; no text-indent, and the footnotes and inline objects that start
 * before `from` belong to the earlier lines. */
msp_status msp_para_build_rest(const msp_para_env *env, msp_para *out,
                               const msp_fo_node *block, const msp_fo_node *first,
                               const msp_fo_node *last, const msp_fo_node *after,
                               const msp_fo_node *before, double width, double start,
                               double end, bool last_run, int from);

/* Layout places lines [0, line) of this para and makes the rest again
 * (msp_para_build_rest): the accounting expects only those. */
void msp_para_forget_from(msp_para *para, int line);

/* Layout makes this para's lines again and will never place these (a page
 * of another width): the text accounting forgets the para instead of
 * reporting its lines as lost, unless one of them was placed already. */
void msp_para_forget(msp_para *para);

/* Drops the layout and surface references of a para and frees its arena
 * (lines, texts, objects); the para is empty after. Safe to call twice. */
void msp_para_clear(msp_para *para);

/* A piece of a line as drawn: a glyph item (one font, one direction) at x
 * from the line's left edge, raised by y_offset (baseline-shift). text is
 * what the item's offsets index (the para's text, or the line's own hyphen).
 * Pieces are in visual order. */
typedef struct msp_line_piece {
    PangoGlyphItem *glyphs;
    const char *text;
    double x, width, y_offset;
    double ascent, descent;    /* logical extents from the baseline, with y_offset */
    bool measured;
    /* how it is drawn, taken from the item's attributes and font when the
     * piece is measured (on the layout thread: drawing may run on another
     * and asks Pango nothing, render/glyphs.c) */
    cairo_scaled_font_t *font; /* the font's cairo scaled font (the font keeps it) */
    uint32_t color;            /* 0xRRGGBB */
    bool underline, strike;
    double underline_pos, underline_thickness;   /* pt, position above the baseline */
    double strike_pos, strike_thickness;
} msp_line_piece;

/* The pieces of line line_no of a para's layout (the LINE area's layout and
 * line_no), borrowed from the layout; returns their number (0 for an empty
 * line or no such line), or -1 for a layout with no pieces (neither made by
 * the para builder nor given them by msp_para_adopt_lines). */
int msp_para_line_pieces(PangoLayout *layout, int line_no, const msp_line_piece **out);

/* Gives a layout that Pango laid out itself (a leader's repeated pattern,
 * the draft marks) line pieces of its own lines, as the para builder's
 * layouts have: drawing then never asks Pango for lines, fonts or metrics.
 * Call it on the thread that laid the layout out, after its text and
 * attributes are final. */
void msp_para_adopt_lines(PangoLayout *layout);

/* Which FO each part of a para's text comes from: bytes [start, end) of
 * the text the line pieces index, and the text node (or inline FO: page
 * number, leader, character) that made them. Sorted, not overlapping;
 * bytes in no span belong to the para's block. */
typedef struct msp_text_span {
    guint start, end;
    const msp_fo_node *node;
} msp_text_span;

/* The spans of the text of a layout the para builder made (a LINE area's
 * layout), borrowed from it; returns their number (0 for other layouts). */
int msp_para_layout_spans(PangoLayout *layout, const msp_text_span **out);

/* Emits line i of para as areas on page: the LINE area at (x0 + line.x,
 * baseline) and its inline objects (leaders, images, links, dests).
 * footnote: value stored in the line area's u.line.footnote (-1 in the flow).
 * The page takes its own references and copies the strings (line text,
 * link targets, destination names) into its arena: the page outlives the para. */
void msp_para_emit_line(const msp_para *para, int i, msp_page *page, msp_zone zone,
                        double x0, double baseline, int footnote);

#endif
