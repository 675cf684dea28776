/* The area tree of one page: positioned lines, rules, rectangles, images,
 * links and destinations, in pt, origin at the page's top-left, y down.
 * Layout builds it; drawing (render/) and the XML dump only replay it.
 * A page owns a small arena and references to the Pango layouts and cairo
 * image surfaces its areas use; msp_page_free drops them. */
#ifndef MSP_AREA_H
#define MSP_AREA_H

#include "base/arena.h"
#include "base/diag.h"

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef enum msp_area_kind {
    MSP_AREA_LINE,    /* one PangoLayoutLine: x = left of the line box, y = baseline */
    MSP_AREA_RULE,    /* a straight line from (x,y) to (x2,y2) */
    MSP_AREA_RECT,    /* a filled rectangle x,y,w,h */
    MSP_AREA_IMAGE,   /* a PNG scaled into x,y,w,h */
    MSP_AREA_LINK,    /* a clickable rectangle x,y,w,h */
    MSP_AREA_DEST,    /* a named destination at (x,y) */
    /* the areas up to the matching GROUP_END are drawn turned: their
     * coordinates are in a frame of w x h (a reference area's content,
     * reference-orientation) whose origin (its top-left corner) is at (x,y)
     * on the page, its axes turned u.group.rotate degrees counter-clockwise.
     * Groups nest; links and destinations are never inside one (layout puts
     * them after its end, at the bounding box of their turned rectangle). */
    MSP_AREA_GROUP,
    MSP_AREA_GROUP_END
} msp_area_kind;

typedef enum msp_zone {
    MSP_ZONE_BODY,        /* region-body flow */
    MSP_ZONE_FOOTNOTES,   /* footnote area (bodies) */
    MSP_ZONE_SEPARATOR,   /* xsl-footnote-separator content */
    MSP_ZONE_BEFORE,      /* region-before static content */
    MSP_ZONE_AFTER,       /* region-after static content */
    MSP_ZONE_START,
    MSP_ZONE_END,
    MSP_ZONE_COUNT
} msp_zone;

/* A LINE area's u.line.fit; the same values as linebreak.h's msp_lb_fit. */
typedef enum msp_line_fit {
    MSP_LINE_FIT_OK,         /* within the tolerance */
    MSP_LINE_FIT_LOOSE,      /* stretched beyond it, or justified with no space to stretch */
    MSP_LINE_FIT_OVERFULL    /* wider than its measure */
} msp_line_fit;

struct msp_fo_node;

typedef struct msp_area {
    msp_area_kind kind;
    msp_zone zone;
    /* the FO it draws, for the PDF's logical structure (render/pdf_struct.c):
     * LINE the block of its paragraph (its pieces say more: msp_para_layout_spans),
     * IMAGE the graphic, LINK the basic-link, RECT/RULE the graphic or leader;
     * NULL for decorations (borders, backgrounds, separators) */
    const struct msp_fo_node *src;
    /* drawn again, not new content: a table header repeated on a later page
     * (an artifact in tagged PDF: its text is read once, where it first is) */
    bool repeated;
    /* an object inside the line area added just before it (a leader, an inline
     * image, a link rectangle, a destination): it moves with that line */
    bool in_line;
    double x, y, w, h;   /* LINE: x, baseline y, logical width, line height */
    union {
        struct {
            PangoLayout *layout;   /* reference held by the page */
            int line_no;           /* index of the line in the layout */
            const char *text;      /* the line's text, for the dump and tests */
            double ascent, descent;
            int footnote;          /* >= 0: this line belongs to footnote n of the page (0-based) */
            double adjust;         /* adjustment ratio of its word spaces (para.h msp_line) */
            bool hyphen;           /* ends in a hyphen */
            int fit;               /* msp_line_fit: 0 within tolerance, 1 loose, 2 overfull */
            msp_loc loc;           /* FO location of its first character */
        } line;
        struct { double x2, y2, thickness; int style; uint32_t color; } rule; /* style: msp_border_style */
        struct { uint32_t color; } rect;
        struct { cairo_surface_t *surface; } image;  /* reference held by the page */
        struct { const char *uri; const char *dest; } link;  /* one of them */
        struct { const char *name; } dest;
        struct { int rotate; } group;   /* 90, 180 or 270 */
    } u;
} msp_area;

/* "body", "footnotes", "separator", "before", "after", "start", "end" (static
 * strings; anything out of range reads "body"), as in the dump's zone="..". */
const char *msp_zone_name(msp_zone zone);

typedef struct msp_rect { double x, y, w, h; } msp_rect;

typedef struct msp_page {
    int index;                 /* 0-based physical page in the document */
    int number;                /* page-number value */
    bool rtl;                  /* writing-mode rl-tb: mirrored within each region when emitted */
    const char *number_text;   /* formatted page number */
    const char *master;        /* simple-page-master name */
    double width, height;
    msp_rect region[MSP_ZONE_COUNT];  /* BODY, FOOTNOTES (h = 0: none), BEFORE, AFTER ... */
    int n_footnotes;           /* footnote bodies (or parts) on this page */
    msp_area *areas;           /* n_areas items, in drawing order */
    int n_areas, cap_areas;
    msp_arena *arena;          /* owned: strings and areas */
    GPtrArray *refs;           /* owned: GObject/cairo references to drop */
} msp_page;

/* A new empty page with its own arena. Never NULL. */
msp_page *msp_page_new(double width, double height);
/* Drops the references and frees the arena. NULL allowed. */
void msp_page_free(msp_page *page);

/* Appends an area (copied) and returns the stored one (valid until the next add).
 * An IMAGE area's surface gets its own reference, dropped by msp_page_free. */
msp_area *msp_page_add(msp_page *page, const msp_area *area);
/* Keeps a reference to a PangoLayout (g_object_ref) for the page's lifetime. */
void msp_page_hold_layout(msp_page *page, PangoLayout *layout);

/* Receives each page as soon as it is complete, in order. The callee borrows
 * the page (layout frees it after the call) and reports into diags (the
 * job's, or the drawing thread's own list: layout_opts.sink_thread). A
 * non-OK return stops layout. */
typedef msp_status (*msp_page_sink_fn)(void *user, const msp_page *page, msp_diag_list *diags);

/* Writes the area tree as XML (see docs/area-tree.md): one <page> per call
 * to msp_area_dump_page between _begin and _end; numbers in pt, 2 decimals. */
void msp_area_dump_begin(FILE *out);
void msp_area_dump_page(FILE *out, const msp_page *page);
void msp_area_dump_end(FILE *out);

#endif
