/* Pagination internals shared by the layout files: the item stream (boxes,
 * glue, decorations) that block.c/list.c/table.c generate, the page builder
 * state of layout.c, footnote entries (footnote.c), page masters
 * (page_master.c) and markers (marker.c). Not part of the module's API. */
#ifndef MSP_LAYOUT_PRIVATE_H
#define MSP_LAYOUT_PRIVATE_H

#include "layout/layout.h"
#include "layout/para.h"

/* Break-point strengths before a box: free, a relaxable keep, a structural
 * keep (never chosen while a weaker one exists). */
enum { MSP_BP_FREE = 0, MSP_BP_KEEP = 1, MSP_BP_STRONG = 2 };

typedef enum msp_item_kind {
    MSP_ITEM_GLUE,    /* resolved space between blocks: h; dropped next to a page break unless retain */
    MSP_ITEM_LINE,    /* one line of a para */
    MSP_ITEM_GROUP,   /* an unbreakable box of stacked sub-runs (table row, fixed container) */
    MSP_ITEM_OPEN,    /* a decorated block starts: border+padding before (h) */
    MSP_ITEM_CLOSE    /* the matching end: padding+border after (h) */
} msp_item_kind;

typedef struct msp_para_ref {
    msp_para para;
    int refs;
} msp_para_ref;

typedef struct msp_item msp_item;
typedef struct msp_deco msp_deco;
typedef struct msp_side msp_side;             /* side_float.c */
typedef struct msp_side_plan msp_side_plan;

/* mirror.c: where the areas of a box go in its run, along x: a box [x, x+w]
 * goes to [c - x - w, c - x] when flip (mirrored: a block-container or table
 * whose writing-mode is not the one around it), else to [x + c, ...]; {0}
 * leaves it in place. c is in the run's frame (from the run's x0). */
typedef struct msp_xform {
    bool flip;
    double c;
} msp_xform;

/* A run of items placed at (x, y) relative to a group box. */
typedef struct msp_sub {
    GPtrArray *items;           /* of msp_item*, owned */
    double x, y;                /* offset of the run */
    msp_deco *cell;             /* table cell decoration drawn over h, or NULL */
    double cell_h;
    double pad_before, pad_after;  /* table cell: border+padding above/below the content */
    bool open_top, open_bottom;    /* table cell split across pages: no border on that edge */
    int col0, col1;                /* table cell: columns [col0, col1) */
    msp_border top_at_break;       /* collapsed borders: the cell's own before border, drawn
                                      only when its row starts a page (width 0: none) */
    /* a turned block-container (orientation.c): the items are laid out in a
     * content frame turn_w x turn_h, from turn_dy down in it, and drawn turned
     * turn degrees counter-clockwise in the box at (x, y) (0: not turned) */
    int turn;
    double turn_w, turn_h, turn_dy;
} msp_sub;

/* Borders, padding and background of a block, drawn from OPEN to CLOSE. */
struct msp_deco {
    int refs;
    const msp_fo_node *src;     /* the decorated block (relayout.c), or NULL */
    double x, w;                /* border rectangle, relative to the run's x0 */
    msp_xform xf;               /* OPEN/CLOSE: where it goes (mirror.c); a cell's: {0} */
    msp_border border[4];
    uint32_t background;
};

typedef struct msp_table_hdr msp_table_hdr;

struct msp_item {
    msp_item_kind kind;
    double h;                   /* height on the page */
    int bp;                     /* strength of the break before this box */
    msp_break force;            /* forced break before this box */
    bool retain;                /* GLUE: kept at a page top */
    /* LINE */
    msp_para_ref *para;
    int line;
    double x;                   /* column left for msp_para_emit_line */
    double ascent;
    double dy;                  /* attached label line: baseline offset from the host's */
    /* GROUP */
    GArray *subs;               /* of msp_sub */
    /* LINE/GROUP: label lines of a list item drawn with this box */
    GPtrArray *attached;        /* of msp_item* (LINE), baseline shared, or NULL */
    /* OPEN/CLOSE */
    msp_deco *deco;
    /* attachments */
    GPtrArray *notes;           /* fo:footnote nodes anchored here, or NULL */
    GPtrArray *ids;             /* const char* ids starting here, or NULL */
    GPtrArray *ids_end;         /* ids whose element ends here, or NULL */
    GPtrArray *markers;         /* fo:marker nodes starting here, or NULL */
    GPtrArray *markers_end;     /* fo:marker nodes whose parent's last box this is, or NULL */
    GPtrArray *floats;          /* fo:float nodes anchored here, or NULL (floats.c) */
    GPtrArray *sides;           /* msp_side* (references): side floats whose top is this box's,
                                   drawn with it; or NULL (side_float.c) */
    msp_table_hdr *hdr;         /* table header to repeat above this row on a new page */
    msp_table_hdr *ftr;         /* table body row: the table's footer, drawn below it when it
                                   ends its column (repeated there) or ends the table */
    bool ftr_final;             /* the table's last body row (its last part): the footer
                                   below it is the footer's own place, not a repeat */
    bool heading;               /* GROUP without subs in a cell's run: the header or footer
                                   (hdr) of a table in the cell (src), drawn as a block;
                                   heading_repeat: drawn again where the cell's row splits */
    bool heading_repeat, heading_top;
    bool row;                   /* GROUP: a table row that may split between cell lines */
    bool anchor;                /* GROUP of height 0 with no content: carries the ids and
                                   markers of empty elements (msp_gen_anchor) */
    msp_break force_after;      /* table row: forced break after it (row or cell's last block) */
    /* GROUP of height 0: a positioned block-container (positioned.c) */
    msp_abs_pos positioned;     /* MSP_POS_AUTO: an ordinary box */
    msp_len pos_offset[4];      /* top, bottom, left, right as given */
    double pos_w, pos_h;        /* its border box */
    double pos_static_x;        /* its start indent: x when left and right are auto */
    bool pos_nested;            /* inside a run of its own (a cell, a container): placed
                                   against that run's origin, of size pos_cw x pos_ch */
    double pos_cw, pos_ch;
    /* provenance, to find the box again when the queue is re-laid out for
     * another width (relayout.c): the FO that made it and which of its boxes
     * it is (LINE: the run's first inline, or the nested block it follows, and
     * the line index; OPEN/CLOSE/fixed GROUP: the block, MSP_SRC_*; table row:
     * the row, the part split off by forced breaks); cont: the rest of a line
     * run or of a row split at a page break, not a place to start again */
    const msp_fo_node *src;
    int src_sub;
    bool cont;
    const msp_fo_node *top;     /* the fo:flow child it comes from (queue items) */
    /* LINE/GROUP: where the areas it emits go in its run (mirror.c), given by
     * the generator when it is pushed (a table row when it is made) */
    msp_xform xf;
};

enum { MSP_SRC_OPEN = -1, MSP_SRC_CLOSE = -2, MSP_SRC_GROUP = -3 };


/* Resolution of label-end()/body-start(). */
typedef struct msp_list_ctx {
    bool set;
    double label_end, body_start;
} msp_list_ctx;

/* Where a block's content goes: the reference area (x0 within the region,
 * width) and the current list context. */
typedef struct msp_refarea {
    double x0, width;
    msp_list_ctx list;
} msp_refarea;

/* A table header or footer repeated at page and column breaks. */
struct msp_table_hdr {
    int refs;
    GPtrArray *items;           /* its GROUP rows */
    double h;
    bool drawn;                 /* header: emitted on a page already, later ones are repeats */
    bool omit;                  /* footer: table-omit-footer-at-break, drawn after the last
                                   row only (only the table's last row carries it) */
    GPtrArray *notes;           /* fo:footnote nodes anchored in it, placed with each copy
                                   (the header's with the row below it, the footer's
                                   repeats when drawn), or NULL */
    /* remake: it holds a fo:page-number, so its rows are made again for each
     * page it is drawn on (the items above give its height only) from part,
     * a child of table, in ra with the table's columns */
    bool remake;
    msp_xform xf;               /* its rows' (mirror.c) */
    const msp_fo_node *table, *part;
    msp_refarea ra;
    int ncols;
    double *colx, *colw;
};

typedef struct msp_layout msp_layout;

/* The generator: FO blocks -> items. */
typedef struct msp_gen {
    msp_layout *L;
    msp_para_env env;
    GPtrArray *out;             /* items appended here */
    GPtrArray *spaces;          /* pending msp_space* */
    int keep;                   /* strength for the next box's break point */
    msp_break force;
    int kt_depth;               /* inside keep-together */
    GPtrArray *p_ids, *p_markers, *p_floats;
    /* side floats (side_float.c): on (text runs beside them), waiting for a line
     * to start at (references, in order); side_planned: a para's lines are being
     * pushed, counted by its plan */
    GPtrArray *sides_on, *sides_wait;
    bool side_planned;
    bool in_static;             /* static content: retrieve-marker resolved */
    msp_break run_after;        /* the forced break left pending at the end of the last
                                   msp_gen_run (a break-after on its last block) */
    bool paged;                 /* its items are placed on pages one by one (the flow's
                                   generator): table headers repeat */
    double pos_ch;              /* height of the positioned container being generated (0: auto) */
    int run_depth;              /* inside msp_gen_run (a cell, a label, a fixed container) */
    msp_xform xf;               /* given to the boxes pushed (mirror.c); a run starts at {0} */
    const msp_fo_node *resume_src;   /* relayout.c: the run (msp_item src) whose lines are made
                                        from byte resume_from only; NULL once made */
    int resume_from;
    const char *resume_text;         /* the text of the line that started there */
    bool resume_failed;              /* the run's text moved (a page number of another
                                        length): it was made whole */
    msp_status st;
} msp_gen;

/* A footnote laid out as items in the region-body width. */
typedef struct msp_note {
    const msp_fo_node *node;
    GPtrArray *items;
    int refs;
} msp_note;

/* A note's part on one page: items [from, to). */
typedef struct msp_note_part {
    msp_note *note;
    int from, to;
} msp_note_part;

/* One page master's geometry. */
typedef struct msp_master {
    const msp_fo_node *node;
    const char *name;
    double pw, ph;
    msp_rect body, before, after, start, end;
    const msp_fo_node *rbefore, *rafter, *rstart, *rend;   /* region nodes (display-align) */
    /* reference-orientation of the master (orientation.c): pw x ph and the
     * regions are then those of the turned page, drawn turned on a sheet
     * sheet_w x sheet_h (0: not turned, the sheet is pw x ph) */
    int turn;
    double sheet_w, sheet_h;
} msp_master;

/* The selection state within a page-sequence-master. */
typedef struct msp_master_sel {
    const msp_fo_node *psm;     /* page-sequence-master, or NULL (simple master) */
    const msp_fo_node *spm;     /* simple-page-master when psm is NULL */
    const msp_fo_node *cur;     /* current sub-sequence specifier */
    int used;                   /* pages taken from cur */
} msp_master_sel;

/* A placed box on the page being built (for look-back). */
typedef struct msp_placed {
    msp_item *it;
    int n_parts_before;         /* footnote parts before this box */
    double body_before;
    bool hdr;                   /* a repeated table header is drawn above it */
    bool full_before;
    int col;                    /* column of the body it is in (columns.c) */
    double col_top;             /* top of its column set, from the body's top */
    bool skip;                  /* glue dropped at a column top while balancing: kept
                                   only to be placed again, not drawn */
} msp_placed;

struct msp_layout {
    msp_job *job;
    const msp_fo_doc *doc;
    const msp_layout_opts *opts;
    msp_layout_result *res;
    bool emit;                  /* false in the citation pass */
    struct msp_page_queue *drawing;  /* opts->sink_thread: the pages' drawing thread, made at the
                                  * first page sent */
    GHashTable *cite_in;        /* id -> text (previous pass), or NULL */
    GHashTable *cite_first, *cite_last;   /* recorded this pass */
    int page_index;             /* physical pages emitted */
    int seq_index;
    msp_status st;

    /* current page-sequence */
    const msp_fo_node *seq;
    const msp_fo_node *flow;
    const msp_fo_node *st_sep;
    GHashTable *statics;        /* flow-name -> fo:static-content of the sequence */
    msp_master_sel sel;
    msp_master_sel sel_before;  /* state before the current page's master was chosen */
    const char *format;         /* page number format */
    int number;                 /* number of the page being built */
    bool last_page;             /* the page being started is the sequence's last (an empty one
                                   after a page the last master could not hold) */
    int seq_pages;

    /* page being built */
    msp_master m;
    GArray *placed;             /* of msp_placed */
    double body_h, glue_h;
    GArray *parts;              /* of msp_note_part: this page's footnotes */
    GPtrArray *carry;           /* of msp_note_part* carried to the next page */
    bool full;                  /* a note was split: nothing more on this page */
    const msp_table_hdr *hdr_shown;
    /* columns of the page being built (columns.c): the body is a stack of
     * column sets, each spanning (one column of the body width) or of
     * n_cols columns; the stacker fills the current column */
    int n_cols;                 /* column-count of this page's region-body */
    double col_w, col_gap;      /* a column's width and the gap between columns */
    int col;                    /* the column being filled in the current set */
    guint col_start;            /* placed index where that column starts */
    guint set_start;            /* placed index where the current set starts */
    double set_top;             /* the set's top, from the body's top */
    double set_max;             /* the lowest bottom of the set's earlier columns */
    bool set_span;              /* the current set spans the body */
    bool bal;                   /* balancing: columns end at bal_limit */
    bool bal_fail;              /* a balancing trial ran out of columns */
    double bal_limit;
    GHashTable *refilled;       /* boxes msp_cols_refill could not place on this page:
                                   not tried again */
    GPtrArray *sep_items;       /* separator run, or NULL */
    bool sep_pn;                /* it shows the page number: made again for each page */
    double sep_h;

    /* fo:footnote -> msp_note* built for boxes not yet on an emitted page;
     * entries go when their page is emitted (memory stays per page) */
    GHashTable *notes;

    /* the item stream */
    GQueue queue;               /* msp_item* waiting to be placed */
    double q_width;             /* the body width the queued items were made for */
    bool q_span;                /* they were made for the body width of a span="all" child */
    int q_number;               /* the page number they were made on */
    bool q_pn;                  /* an fo:page-number of the flow printed that page's number in
                                   them: made again on a page of another number (relayout.c) */
    msp_gen *gen;               /* the flow's generator (run_sequence), or NULL */
    const msp_fo_node *next_child;   /* the fo:flow child to generate next */
    GPtrArray *open;            /* msp_deco* open across the page break */

    /* markers: class -> node; page firsts/lasts and the carried last */
    GHashTable *mk_first, *mk_last, *mk_carry, *mk_seq_first;
    /* markers whose parent's end is marked on a box (markers_end); of them,
     * those whose parent has started and not ended (in start order), those
     * open when the page started (their parents carry over onto it), the
     * page's last-ending one per class, and the pre-order rank on the page
     * of each marker's parent area (carried ones first, negative) */
    GHashTable *mk_closing;
    GPtrArray *mk_open, *mk_carried;
    GHashTable *mk_end, *mk_rank;
    int mk_count;

    /* before-floats (floats.c): those on the page being built (msp_flt), those
     * waiting for a page with room (msp_note*), and the body's top and height
     * before the page's floats took their part */
    GArray *flt_page;
    GPtrArray *flt_carry;
    double flt_y0, flt_h0;

    /* keys (FO nodes) already warned about in this pass (msp_layout_first_time) */
    GHashTable *warned;
};

/* layout.c */
/* True the first time it is called for key in a pass: for warnings about an
 * element that layout meets more than once (static content on each page). */
bool msp_layout_first_time(msp_layout *L, const void *key);

/* layout.c: the page being built */
/* Height of the note parts on the page, and whether there are any. */
double msp_notes_height(const msp_layout *L);
bool msp_notes_any(const msp_layout *L);

/* layout.c: placing a box on the page being built (it may end the page,
 * or the column); putting boxes placed from index b (and it) back at the
 * queue's head */
msp_status msp_place(msp_layout *L, msp_item *it, GHashTable *cache, const msp_master_sel *sel_before);
void msp_requeue_from(msp_layout *L, guint b, msp_item *it);
/* True when placed boxes [from, to) hold a box (not only glue). */
bool msp_placed_boxes(const msp_layout *L, guint from, guint to);

/* columns.c */
/* The column-count and column-gap of the current master's region-body:
 * sets up the page's first column set (spanning when the queued boxes
 * were made for a span="all" child). */
void msp_cols_page_start(msp_layout *L);
/* The width boxes are made for: the body's when span or one column. */
double msp_cols_width(const msp_layout *L, bool span);
/* x of column col from the body's left edge. */
double msp_cols_x(const msp_layout *L, int col);
/* Moves on to the next column of the set when there is one on this page
 * (not after a split footnote); false at the last one. */
bool msp_cols_next(msp_layout *L);
/* The set's lowest bottom so far (from the body's top). */
double msp_cols_bottom(const msp_layout *L);
/* it (a line with footnotes, in a column after the first) fits with its
 * notes but the set's earlier columns reach below the notes' top: the set
 * is placed again with its columns ending at limit, it included; when that
 * does not hold it, as before (it goes on in the next column or page). */
msp_status msp_cols_refill(msp_layout *L, msp_item *it, double limit, GHashTable *cache,
                           const msp_master_sel *sel_before);
/* Before the flow child `child` is made: a span="all" child after columns
 * balances them and starts a spanning set below; a child without span
 * after a spanning set starts columns below it. Returns MSP_OK or an error. */
msp_status msp_cols_before_child(msp_layout *L, const msp_fo_node *child, GHashTable *cache,
                                 const msp_master_sel *sel_before);
/* Balances the columns of the current set (the flow placed so far, queue
 * empty): the lowest column limit that still holds every box of the set. */
msp_status msp_cols_balance(msp_layout *L, GHashTable *cache, const msp_master_sel *sel_before);

/* last_page.c */
/* The page being finished is the sequence's last: gives it the master
 * page-position="last" selects when that master holds its boxes (made again
 * for its width when it differs). Returns true when that master cannot: the
 * page keeps its own, and an empty last page must follow. */
bool msp_last_master(msp_layout *L, const msp_master_sel *before);

/* page_emit.c */
/* Builds the page from the placed boxes and note parts (blank: none of the
 * body), sends it to the sink (emitting pass) and frees it. Returns L->st. */
msp_status msp_page_emit(msp_layout *L, bool blank);

/* block.c */
void msp_gen_init(msp_gen *g, msp_layout *L, const char *page_number_text);
void msp_gen_clear(msp_gen *g);
msp_status msp_gen_children(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra);
/* The children of parent as a run of their own (a list label, a table cell):
 * without the surrounding flow's pending spaces, keeps and forced breaks.
 * Returns the new items (caller owns them: msp_items_free). */
GPtrArray *msp_gen_run(msp_gen *g, const msp_fo_node *parent, const msp_refarea *ra);
msp_status msp_gen_block_level(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra);
/* Pushes an anchor box for the ids and markers still pending (elements with
 * nothing to lay out, at the end of a run or of the flow); nothing when none
 * are. It takes no pending space or forced break. */
void msp_gen_anchor(msp_gen *g);
/* An absolute or fixed block-container (positioned.c): its content as a run
 * of its own, carried by a GROUP of height 0 that is drawn where its offsets
 * say; msp_positioned_origin moves (x0, top), the flow's place for it, there. */
msp_status msp_gen_positioned(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra);
void msp_positioned_origin(const msp_layout *L, const msp_item *it, double *x0, double *top);
void msp_gen_push_box(msp_gen *g, msp_item *it);
msp_item *msp_item_new(msp_item_kind kind, double h);
void msp_item_free(msp_item *it);
void msp_items_free(GPtrArray *items);
double msp_items_height(const GPtrArray *items);
double msp_indent_resolve(const msp_indent *ind, const msp_refarea *ra);
bool msp_deco_needed(const msp_fo_style *s);
msp_deco *msp_deco_new(const msp_fo_style *s, double x, double w);
void msp_deco_unref(msp_deco *d);
void msp_para_ref_unref(msp_para_ref *p);
/* Emits a run of items stacked from y0 (no page breaks); returns the height. */
double msp_run_emit(msp_layout *L, msp_page *page, const GPtrArray *items, int from, int to,
                    msp_zone zone, double x0, double y0, int footnote);
void msp_item_emit(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone,
                   double x0, double top, int footnote);
/* Records the ids starting at a box placed at top (with their destinations)
 * and, in the body, notes its markers for the page. */
void msp_item_mark(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone, double x0,
                   double top);
void msp_deco_draw(msp_page *page, const msp_deco *d, msp_zone zone, double x0, double y0, double y1,
                   bool open_top, bool open_bottom, int insert_at);

/* mirror.c */
/* outer applied after mirroring within [x0, x0 + w] (the run's frame). */
msp_xform msp_xform_mirror(msp_xform outer, double x0, double w);
/* The transform for the content of node laid out in inner: g->xf, mirrored
 * within inner when node is a block-container or table whose writing-mode
 * differs from its parent's (XSL 1.1 7.29.7). */
msp_xform msp_gen_content_xform(const msp_gen *g, const msp_fo_node *node, const msp_refarea *inner);
/* Moves the areas [from, to) of page by xf, for a run whose x0 is x0 (lines
 * move whole: their glyphs and in-line objects are not mirrored). */
void msp_areas_xform(msp_page *page, int from, int to, msp_xform xf, double x0);
/* Where xf puts the box [x, x + w] of a run at x0: its new x. */
double msp_xform_x(msp_xform xf, double x0, double x, double w);
/* writing-mode rl-tb page: every area mirrored within its region. */
void msp_page_mirror(msp_page *page);

/* orientation.c: reference-orientation on block-containers and page masters */
/* The content frame of a block-container turned by its reference-orientation
 * (XSL 1.1 7.21.3): width and height are the content's own (its inline and
 * block dimensions); left at auto, the inline one is avail_h when the turn is
 * 90 or 270 (avail_w else), the block one avail_w for 90 or 270 (*h < 0: the
 * content's height, for 180). */
void msp_turn_frame(const msp_fo_style *s, double avail_w, double avail_h, double *w, double *h);
/* The in-flow block-container node turned (s->reference_orientation != 0):
 * its content laid out in the frame w x h (h < 0: auto) as one unbreakable
 * box drawn turned, its page box's left x from the run's x0. */
msp_status msp_gen_turned(msp_gen *g, const msp_fo_node *node, double w, double h, double x);
/* The box a turned sub takes on the page (its frame's size, swapped for 90 and 270). */
double msp_turn_box_w(const msp_sub *s);
double msp_turn_box_h(const msp_sub *s);
/* Draws a turned sub's items in a group area whose box is at (x, y). */
void msp_turn_emit(msp_layout *L, msp_page *page, const msp_sub *s, msp_zone zone, double x, double y,
                   int footnote);
/* A simple-page-master's reference-orientation: the turned page's size and
 * the margins on its sides, from the sheet's (out->pw, ph and margins
 * in ml, mt, mr, mb, physical) */
void msp_turn_page(msp_master *out, int turn, double *ml, double *mt, double *mr, double *mb);
/* Opens the page's group when its master is turned (the sheet's size set),
 * and closes it: call right after making the page, before sending it. */
void msp_turn_page_begin(const msp_layout *L, msp_page *page);
void msp_turn_page_end(const msp_layout *L, msp_page *page);
/* An outer region turned by its reference-orientation: the frame its static
 * content is laid out in (fw x fh: the region's r, swapped for 90 and 270),
 * and the group the content is drawn in, opened on the region's box r
 * (returns the group's index for msp_turn_region_end). */
void msp_turn_region_frame(int turn, msp_rect r, double *fw, double *fh);
int msp_turn_region_begin(msp_page *page, msp_zone zone, int turn, msp_rect r);
void msp_turn_region_end(msp_page *page, msp_zone zone, int begin);

/* block.c: a block-container's content as a run of its own; the ids and
 * markers pending for the container go on the box it is drawn in */
GPtrArray *msp_gen_container_run(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra);

/* floats.c: before-floats */
void msp_floats_init(msp_layout *L);
void msp_floats_free(msp_layout *L);
/* The box it was placed on the page at placed index `index`: the floats
 * anchored in it (and in the boxes inside it) go on this page when they fit
 * above what it holds, else they wait for the next page with room. */
void msp_floats_placed(msp_layout *L, const msp_item *it, int index);
/* The placed boxes from index `from` go back to the queue: their floats leave the page. */
void msp_floats_requeue(msp_layout *L, guint from);
/* A page was started (L->m is its master's): the waiting floats that fit go on it. */
void msp_floats_page_start(msp_layout *L);
/* L->m was set again for the page (another master): its floats keep their part of the body. */
void msp_floats_reapply(msp_layout *L);
/* Floats still wait for a page. */
bool msp_floats_waiting(const msp_layout *L);
/* Draws the page's floats at the top of its body (the region's full rectangle restored). */
void msp_floats_emit(msp_layout *L, msp_page *page);
/* The page was emitted: its floats are done. */
void msp_floats_page_clear(msp_layout *L);

/* side_float.c: side floats */
bool msp_side_is(const msp_fo_node *fl);
void msp_side_unref(msp_side *s);
void msp_side_forget(msp_side *s);
/* A side float met between blocks (or in a run with nothing else): it waits
 * for the next para's first line. */
void msp_side_met(msp_gen *g, const msp_fo_node *fl, const msp_refarea *ra);
/* Before a table, list or block-container and at a run's end: a space down to
 * the floats' bottom, and the waiting ones as blocks of their own. */
void msp_side_clear(msp_gen *g);
bool msp_side_any(const msp_gen *g);
/* clear on block (XSL 1.1 7.19.1): it starts below the floats on the sides it names. */
void msp_side_clear_for(msp_gen *g, const msp_fo_node *block);
/* A box or space h tall was pushed beside the floats on. */
void msp_side_consume(msp_gen *g, double h);
/* The footnotes anchored in the float go with it. */
void msp_side_notes(const msp_side *s, msp_item *it);
void msp_side_emit(msp_layout *L, msp_page *page, const msp_side *s, msp_zone zone, double x0, double top,
                   int footnote);
/* A para p (broken as it would be without floats) beside the floats on and
 * waiting and those anchored in it: plan_lines says which lines go beside
 * which (true when p must be broken again with plan_use's measures, then
 * plan_anchors with the new p), attach gives the line items their floats,
 * done carries the rest to the next para and frees the plan. */
msp_side_plan *msp_side_plan_new(msp_gen *g, const msp_para *p, const msp_refarea *ra);
bool msp_side_plan_lines(msp_side_plan *pl, const msp_para *p, double space_before, double col_w);
void msp_side_plan_anchors(msp_side_plan *pl, const msp_para *p);
void msp_side_plan_use(const msp_side_plan *pl, msp_gen *g);
bool msp_side_plan_beside(const msp_side_plan *pl, int line);
bool msp_side_plan_starts(const msp_side_plan *pl, int line);
void msp_side_plan_attach(const msp_side_plan *pl, int line, msp_item *it);
void msp_side_plan_done(msp_side_plan *pl, msp_gen *g);
/* The para just built (with the arguments given) beside the floats: broken
 * again for the measures beside them until they hold; *out the plan for its
 * lines (NULL: no float near it). */
msp_status msp_side_fit(msp_gen *g, msp_para *para, const msp_fo_node *block, const msp_fo_node *first,
                        const msp_fo_node *last, const msp_fo_node *after, const msp_fo_node *before,
                        const msp_refarea *ra, double start, double end, bool first_line, bool last_run,
                        double space_before, msp_side_plan **out);

/* inline_box.c: fo:inline-container */
/* Lets g's para builder lay out inline-containers (msp_para_env.container). */
void msp_gen_boxes_init(msp_gen *g);
/* Adds the footnotes anchored in the inline-containers on line `line` of p to it. */
void msp_box_notes(const msp_para *p, int line, msp_item *it);
/* Draws the content of the inline-containers on line `line` of p, whose
 * baseline is at `baseline` and whose para's left is x0. */
void msp_box_emit(msp_layout *L, msp_page *page, const msp_para *p, int line, msp_zone zone, double x0,
                  double baseline, int footnote);

/* relayout.c */
/* Re-lays out the queued boxes for the body width of the page just started
 * (its master differs from the one they were made for): the flow children
 * they come from are generated again at the new width and the queue resumes
 * at the first box not yet placed; decorations open across the break take
 * the new geometry. A paragraph (or a table row) already split by the page
 * break keeps its remaining lines (the para builder cannot break a text
 * again from the middle); when they are wider than the new body, a warning
 * says where. Returns MSP_OK or the generator's error. */
msp_status msp_relayout_queue(msp_layout *L);
/* Tells the text accounting that the lines of it (and of the boxes inside
 * it) will never be placed: they are made again, or clipped as asked. */
void msp_item_forget(msp_item *it);
/* Where an item comes from, for messages: its line's place, its FO's, or dflt. */
msp_loc msp_item_loc(const msp_item *it, msp_loc dflt);

/* overflow.c */
/* A fixed-height block-container whose content (items, stacked from its top)
 * is taller than height: overflow="hidden" or "scroll" drops the boxes that
 * end below it (a warning), "error-if-overflow" is an error (MSP_E_LAYOUT),
 * "visible" and "auto" draw it past the bottom edge (a warning). Notes
 * anchored in dropped lines are kept. Returns MSP_OK or MSP_E_LAYOUT. */
msp_status msp_container_overflow(msp_gen *g, const msp_fo_node *node, GPtrArray *content, double height);

/* list.c, table.c */
msp_status msp_gen_list_item(msp_gen *g, const msp_fo_node *item, const msp_refarea *ra);
msp_status msp_gen_table(msp_gen *g, const msp_fo_node *node, const msp_refarea *ra);
/* Splits a table row (it->row) so that its first part is at most `room` pt
 * tall, at line boundaries of its cells: `row` keeps the first part (cell
 * borders open at the bottom) and the rest is returned as a new row item
 * (open at the top, same header; taller than a page, it splits again).
 * Returns NULL and leaves the row alone when no cell line fits in room, or
 * when every cell fits whole (a fixed height makes the row tall). The notes
 * anchored in the first part (built through cache) and sep, the separator
 * they would bring, must fit in room too when a shorter part allows it. */
msp_item *msp_table_row_split(msp_layout *L, GHashTable *cache, msp_item *row, double room, double sep);
/* table_heading.c: a header or footer of the given rows (taken); dropping a
 * reference frees it with the last one. */
msp_table_hdr *msp_table_heading_new(GPtrArray *rows);
void msp_table_heading_unref(msp_table_hdr *h);
/* Moves the notes anchored in rows onto dst (before its own when front). */
void msp_table_notes_move(msp_item *dst, GPtrArray *rows, bool front);
/* Moves the notes anchored in h's rows to h->notes (placed with each copy). */
void msp_table_heading_keep_notes(msp_table_hdr *h);
/* Gives each row the header (hdr) and footer (ftr) repeated at breaks, either
 * NULL; the last row is the table's final one (ftr_final). */
void msp_table_headings_attach(GPtrArray *rows, msp_table_hdr *hdr, msp_table_hdr *ftr);
/* The rows to draw for h on page: h->items, or made again for the page's
 * number (remake; *made is then true and the caller frees them). */
GPtrArray *msp_table_heading_rows(msp_layout *L, const msp_page *page, const msp_table_hdr *h, bool *made);
/* Height of the notes of a repeated footer f (built through cache), 0 when none. */
double msp_table_footer_notes_h(msp_layout *L, const msp_table_hdr *f, GHashTable *cache);
/* Draws the header repeated above a placed row (it->hdr) at y; returns its height. */
double msp_table_header_emit(msp_layout *L, msp_page *page, const msp_item *it, double x0, double y);
/* A header (top) or footer of a table inside a cell, as an item of the cell's
 * run: a reference to h taken. repeat: its repetition at a split of the row. */
msp_item *msp_table_heading_item(msp_table_hdr *h, const msp_fo_node *table, bool top, bool repeat);
/* msp_item_emit of a heading item: its rows stacked from top. */
void msp_table_heading_draw(msp_layout *L, msp_page *page, const msp_item *it, msp_zone zone,
                            double x0, double top, int footnote);
/* Draws the footer below the placed row L->placed[placed] (its bottom at y)
 * when the row carries one (it->ftr) and ends the table or its column part
 * of the table (a repeat then). Returns the height drawn (0: none). */
double msp_table_footer_emit(msp_layout *L, msp_page *page, guint placed, double x0, double y);
/* table.c: adds the notes anchored in items (and in their attached labels) to dst's. */
void msp_table_collect_notes(msp_item *dst, const GPtrArray *items);
/* table_break.c: a repeated header or footer row, no forced breaks of its own or inside. */
void msp_table_no_breaks(msp_item *row);
/* table_break.c: appends row to out, split into parts at the forced breaks on
 * blocks inside its cells (each part after the first with that break before). */
void msp_table_split_forced(msp_gen *g, const msp_fo_node *table, msp_item *row, GPtrArray *out);
/* table_collapse.c: border-collapse="collapse" over the rows in reading order
 * (header, body, footer): each shared edge drawn once, the wider border wins;
 * the lower cell keeps its own before border for a page top (top_at_break). */
void msp_table_collapse_rows(GPtrArray *rows);
/* Draws the before borders that collapsing left to the row above (top_at_break)
 * for a row placed at the top of a page, at `top`. */
void msp_table_row_draw_tops(msp_page *page, const msp_item *row, msp_zone zone, double x0,
                             double top);

/* footnote.c */
msp_note *msp_note_build(msp_layout *L, const msp_fo_node *footnote);
void msp_note_unref(msp_note *n);
double msp_note_height(const msp_note *n, int from, int to);
int msp_note_lines(const msp_note *n, int from, int to);
/* Largest to in (from, len] with height <= room, honouring orphans/widows
 * (min lines each side) unless relax; returns from when none. */
int msp_note_fit(const msp_note *n, int from, double room, int min_lines, bool relax);

/* page_master.c */
msp_status msp_master_select(msp_layout *L, bool first, bool last, bool blank, msp_master *out);
/* True when some simple-page-master has a region named region_name. */
bool msp_masters_have_region(const msp_layout *L, const char *region_name);
msp_status msp_master_geometry(msp_layout *L, const msp_fo_node *spm, msp_master *out);
/* An error when m's region-body has no room: called for a page that is to
 * hold some of the flow. */
msp_status msp_master_check_room(msp_layout *L, const msp_master *m);
const msp_fo_node *msp_master_find(const msp_layout *L, const char *name);
char *msp_page_number_format(msp_arena *arena, int n, const char *format);

/* cite.c */
/* Records that id's element is on page (the first page stays, the last is
 * updated); dest adds a PDF destination named id at (x, y) in the body. */
void msp_cite_record(msp_layout *L, msp_page *page, const char *id, double x, double y, bool dest);
/* Records the ids of fo:root, the page-sequence, its fo:title and fo:flow for
 * a page being emitted (they start on their first page, end on their last). */
void msp_cite_page(msp_layout *L, msp_page *page);
/* msp_para_env.cite: the page text of ref_id from the previous pass, or NULL. */
const char *msp_cite_lookup(void *user, const char *ref_id, bool last);
/* Checks the citations' ref-ids (MSP_E_FO when one names no element), runs
 * run_pass silently while the document has citations and their numbers
 * change (at most 3 times), then once emitting (L->emit). Returns the status
 * of the last pass. */
msp_status msp_cite_passes(msp_layout *L, msp_status (*run_pass)(msp_layout *L));

/* marker.c */
void msp_markers_page_start(msp_layout *L);
void msp_markers_note(msp_layout *L, const msp_fo_node *marker);
void msp_markers_page_end(msp_layout *L);
/* The box it was placed: its markers_end parents end on this page. */
void msp_markers_item_end(msp_layout *L, const msp_item *it, msp_zone zone);
/* A new page-sequence: no marker parent is open. */
void msp_markers_seq_start(msp_layout *L);
const msp_fo_node *msp_markers_retrieve(msp_layout *L, const msp_fo_node *retrieve);

#endif
