/* The FO tree: XSL-FO parsed with libxml2 (no network, no entities, no DTD)
 * into arena nodes, each with its computed formatting properties (inheritance,
 * shorthands, units, percentages of font size and corresponding margins all
 * resolved). Percentages of a containing width and label-end()/body-start()
 * are kept symbolic for layout to resolve. This is the contract the layout
 * reads; the subset is docs/fo-subset.md. */
#ifndef MSP_FO_H
#define MSP_FO_H

#include "base/job.h"

#include <stdbool.h>
#include <stdint.h>

/* Namespaces of the graphics an fo:instream-foreign-object may hold:
 * mspdoc's own and SVG. */
#define MSP_GRAPHICS_NS "urn:x-mspdoc:graphics"
#define MSP_SVG_NS "http://www.w3.org/2000/svg"
/* Apache FOP's extension namespace: its attributes are kept as "fox:NAME"
 * (fox:alt-text, the alternative text of a graphic or link in tagged PDF). */
#define MSP_FOX_NS "http://xmlgraphics.apache.org/fop/extensions"

typedef enum msp_fo_kind {
    MSP_FO_TEXT = 0,           /* character data (text, text_len) */
    MSP_FO_ROOT,
    MSP_FO_LAYOUT_MASTER_SET,
    MSP_FO_DECLARATIONS,
    MSP_FO_BOOKMARK_TREE,
    MSP_FO_BOOKMARK,
    MSP_FO_BOOKMARK_TITLE,
    MSP_FO_SIMPLE_PAGE_MASTER,
    MSP_FO_REGION_BODY,
    MSP_FO_REGION_BEFORE,
    MSP_FO_REGION_AFTER,
    MSP_FO_REGION_START,
    MSP_FO_REGION_END,
    MSP_FO_PAGE_SEQUENCE_MASTER,
    MSP_FO_SINGLE_PAGE_MASTER_REFERENCE,
    MSP_FO_REPEATABLE_PAGE_MASTER_REFERENCE,
    MSP_FO_REPEATABLE_PAGE_MASTER_ALTERNATIVES,
    MSP_FO_CONDITIONAL_PAGE_MASTER_REFERENCE,
    MSP_FO_PAGE_SEQUENCE,
    MSP_FO_TITLE,
    MSP_FO_STATIC_CONTENT,
    MSP_FO_FLOW,
    MSP_FO_BLOCK,
    MSP_FO_BLOCK_CONTAINER,
    MSP_FO_LIST_BLOCK,
    MSP_FO_LIST_ITEM,
    MSP_FO_LIST_ITEM_LABEL,
    MSP_FO_LIST_ITEM_BODY,
    MSP_FO_TABLE,
    MSP_FO_TABLE_COLUMN,
    MSP_FO_TABLE_HEADER,
    MSP_FO_TABLE_FOOTER,
    MSP_FO_TABLE_BODY,
    MSP_FO_TABLE_ROW,
    MSP_FO_TABLE_CELL,
    MSP_FO_INLINE,
    MSP_FO_WRAPPER,
    MSP_FO_BASIC_LINK,
    MSP_FO_PAGE_NUMBER,
    MSP_FO_PAGE_NUMBER_CITATION,
    MSP_FO_PAGE_NUMBER_CITATION_LAST,
    MSP_FO_LEADER,
    MSP_FO_EXTERNAL_GRAPHIC,
    MSP_FO_CHARACTER,
    MSP_FO_FOOTNOTE,
    MSP_FO_FOOTNOTE_BODY,
    MSP_FO_MARKER,
    MSP_FO_RETRIEVE_MARKER,
    MSP_FO_INSTREAM_FOREIGN_OBJECT, /* an mspdoc graphic (urn:x-mspdoc:graphics, see
                                       docs/fo-extensions.md): attrs "graphic" = its local name
                                       ("qr", "code39") plus its own attributes as written; or an
                                       SVG graphic: "graphic" = "svg:svg", "svg" = its XML text */
    MSP_FO_CHANGE_BAR_BEGIN,        /* empty; opens a change bar of its change-bar-class */
    MSP_FO_CHANGE_BAR_END,          /* empty; closes the open one of the same class */
    MSP_FO_INLINE_CONTAINER,        /* block-level content set as one box in a line */
    MSP_FO_FLOAT,                   /* float="before": its blocks at the top of a page */
    MSP_FO_KIND_COUNT
} msp_fo_kind;

/* Lengths that layout resolves against a containing width. */
typedef enum msp_len_kind {
    MSP_LEN_AUTO = 0,
    MSP_LEN_ABS,      /* v in pt */
    MSP_LEN_PCT,      /* v in percent of the containing width (0..100) */
    MSP_LEN_PROP      /* proportional-column-width(v) */
} msp_len_kind;

typedef struct msp_len {
    msp_len_kind kind;
    double v;
} msp_len;

/* space-before/after with components; conditionality discard is the default. */
typedef struct msp_space {
    double min, opt, max;   /* pt */
    bool retain;            /* .conditionality="retain" */
    int precedence;         /* 0 normal; INT32_MAX for "force" */
} msp_space;

typedef enum msp_border_style {
    MSP_BORDER_NONE = 0, MSP_BORDER_SOLID, MSP_BORDER_DOTTED, MSP_BORDER_DASHED, MSP_BORDER_DOUBLE
} msp_border_style;

#define MSP_COLOR_NONE 0xFF000000u   /* transparent (background-color default) */

typedef struct msp_border {
    double width;            /* pt; 0 when style is none */
    msp_border_style style;
    uint32_t color;          /* 0xRRGGBB */
} msp_border;

/* Sides, in the writing-mode-relative order used throughout. */
enum { MSP_BEFORE = 0, MSP_AFTER = 1, MSP_START = 2, MSP_END = 3 };

typedef enum msp_text_align {
    MSP_ALIGN_START = 0, MSP_ALIGN_END, MSP_ALIGN_LEFT, MSP_ALIGN_RIGHT,
    MSP_ALIGN_CENTER, MSP_ALIGN_JUSTIFY, MSP_ALIGN_RELATIVE /* text-align-last only */
} msp_text_align;

/* An indent that may be a list function: value = fn + offset. */
typedef enum msp_indent_fn {
    MSP_INDENT_PLAIN = 0, MSP_INDENT_LABEL_END, MSP_INDENT_BODY_START
} msp_indent_fn;

typedef struct msp_indent {
    msp_indent_fn fn;
    double offset;           /* pt; the whole value when fn is PLAIN */
    /* added by fo: */
    double pct;              /* plus pct % of the containing reference-area width (margin-left="5%") */
    const struct msp_fo_node *list; /* fn != PLAIN: the fo:list-block whose label-end()/body-start()
                                       this is (the nearest one where the property was written) */
} msp_indent;

typedef enum msp_break { MSP_BREAK_AUTO = 0, MSP_BREAK_PAGE, MSP_BREAK_ODD_PAGE, MSP_BREAK_EVEN_PAGE,
                         MSP_BREAK_COLUMN } msp_break;
typedef enum msp_linefeed { MSP_LF_TREAT_AS_SPACE = 0, MSP_LF_PRESERVE, MSP_LF_IGNORE } msp_linefeed;
typedef enum msp_ws_treatment { MSP_WST_IGNORE_IF_SURROUNDING_LF = 0, MSP_WST_PRESERVE, MSP_WST_IGNORE,
                                MSP_WST_IGNORE_BEFORE_LF, MSP_WST_IGNORE_AFTER_LF } msp_ws_treatment;
typedef enum msp_transform { MSP_TT_NONE = 0, MSP_TT_UPPER, MSP_TT_LOWER, MSP_TT_CAPITALIZE } msp_transform;
typedef enum msp_display_align { MSP_DA_AUTO = 0, MSP_DA_BEFORE, MSP_DA_CENTER, MSP_DA_AFTER } msp_display_align;
typedef enum msp_leader_pattern { MSP_LEADER_SPACE = 0, MSP_LEADER_RULE, MSP_LEADER_DOTS,
                                   MSP_LEADER_USE_CONTENT } msp_leader_pattern;
typedef enum msp_scaling { MSP_SCALING_UNIFORM = 0, MSP_SCALING_NON_UNIFORM } msp_scaling;
/* change-bar-placement (XSL 1.1 7.30.3) */
enum { MSP_CB_START = 0, MSP_CB_END, MSP_CB_LEFT, MSP_CB_RIGHT, MSP_CB_INSIDE, MSP_CB_OUTSIDE, MSP_CB_ALTERNATE };
/* absolute-position (XSL 1.1 7.6.1); relative is outside the subset */
typedef enum msp_abs_pos { MSP_POS_AUTO = 0, MSP_POS_ABSOLUTE, MSP_POS_FIXED } msp_abs_pos;
/* top, bottom, left, right (XSL 1.1 7.6.4-7): offsets of a positioned block-container */
enum { MSP_OFFSET_TOP, MSP_OFFSET_BOTTOM, MSP_OFFSET_LEFT, MSP_OFFSET_RIGHT };

#define MSP_KEEP_AUTO 0
#define MSP_KEEP_ALWAYS INT32_MAX

/* Computed values. Every element node has its own (from the arena); a text
 * node borrows its parent's. Inherited properties are already inherited. */
typedef struct msp_fo_style {
    /* fonts and text (inherited) */
    const char *font_family;     /* the list as written: "Liberation Serif, serif" */
    double font_size;            /* pt */
    int font_weight;             /* 100..900; normal 400, bold 700 */
    bool italic;
    bool small_caps;
    bool rtl;                        /* writing-mode rl-tb (or rl): start is the right side */
    double line_height;          /* pt, computed for this element (normal = 1.2 em) */
    uint32_t color;              /* 0xRRGGBB */
    bool underline, line_through;        /* text-decoration (not inherited in XSL, propagated to inline content) */
    double letter_spacing, word_spacing; /* pt added (normal = 0) */
    msp_transform text_transform;
    double baseline_shift;       /* pt, positive = raised; super/sub resolved against the parent font size (+0.33 em / -0.2 em) */
    bool hyphenate;
    uint32_t hyphenation_character;  /* the character shown at a hyphenated line end (U+2010) */
    int hyphenation_push, hyphenation_remain;  /* least characters before / after it */
    int hyphenation_ladder;          /* most hyphenated lines in a row; 0 = no limit */
    const char *language;        /* "en", or NULL */
    const char *country;
    bool white_space_collapse;   /* default true */
    msp_linefeed linefeed_treatment;
    msp_ws_treatment white_space_treatment;
    bool wrap;                   /* wrap-option: true = wrap (default), false = no-wrap */

    /* paragraphs */
    msp_text_align text_align;       /* inherited; default start */
    msp_text_align text_align_last;  /* inherited; default relative */
    double text_indent;              /* inherited, pt */
    msp_indent start_indent;         /* inherited; absolute from the reference area's start edge */
    msp_indent end_indent;
    msp_space space_before, space_after;
    double padding[4];               /* MSP_BEFORE.. */
    msp_border border[4];
    uint32_t background_color;       /* MSP_COLOR_NONE = transparent */
    int widows, orphans;             /* inherited, default 2 */
    int keep_with_next, keep_with_previous, keep_together; /* MSP_KEEP_*; strengths become ALWAYS */
    msp_break break_before, break_after;

    /* lists (inherited) */
    double provisional_distance_between_starts;   /* default 24 pt */
    double provisional_label_separation;          /* default 6 pt */

    /* tables, block-containers, graphics */
    msp_len width, height;
    msp_len column_width;            /* fo:table-column */
    int number_columns_repeated, number_columns_spanned, number_rows_spanned, column_number;
    bool border_collapse;            /* true = collapse */
    bool omit_header, omit_footer;   /* fo:table: table-omit-header/footer-at-break */
    bool starts_row, ends_row;       /* fo:table-cell directly in a table part */
    msp_display_align display_align;
    int column_count;                /* fo:region-body: columns (>= 1) */
    double column_gap;               /* fo:region-body: space between columns, pt */
    bool span_all;                   /* span="all": across every column of the region-body */
    msp_len content_width, content_height; /* external-graphic; AUTO = intrinsic */
    msp_scaling scaling;
    msp_abs_pos absolute_position;   /* block-container taken out of the flow */
    int reference_orientation;       /* block-container, simple-page-master: 0, 90, 180 or 270
                                        (degrees counter-clockwise; -90 is stored as 270) */
    /* change bars (XSL 1.1 7.30), inherited, read on fo:change-bar-begin */
    uint32_t change_bar_color;
    double change_bar_offset, change_bar_width;
    int change_bar_placement;        /* MSP_CB_* */
    int change_bar_style;            /* msp_border_style; NONE draws no bar */
    msp_len offset[4];               /* top, bottom, left, right (MSP_OFFSET_*); AUTO = not given */

    /* leaders */
    msp_leader_pattern leader_pattern;
    msp_space leader_length;         /* min/opt/max in pt (defaults 0 / 12 / 100 % of line = -1 for "fill") */
    double rule_thickness;
    msp_border_style rule_style;

    /* page masters and regions (not inherited) */
    double page_width, page_height;
    double margin[4];                /* the margin-* as written (page masters, regions) */
    double margin_pct[4];            /* plus these % (page masters, regions): of the page's height for
                                      * top and bottom, of its width for left and right, as Apache FOP */
    double extent;                   /* region-before/after/start/end */
    double extent_pct;               /* plus this % of the page's height (before, after) or width (start,
                                      * end): XSL 1.1 7.27.5 */
    bool precedence_over_sides;      /* region-before/after precedence="true": spans the start/end regions */

    /* added by fo: */
    double line_height_factor;       /* > 0 when line-height was "normal" (1.2) or a number: each
                                        descendant's line_height = factor x its own font_size */
    bool keep_within_line;           /* keep-together.within-line="always" (no line break inside) */
    double padding_pct[4];           /* plus this % of the containing block's width (padding="5%",
                                        XSL 7.8.31-7.8.36; not inherited); for blocks it is already
                                        in start_indent/end_indent.pct, like margins */
    double provisional_distance_pct; /* provisional-distance-between-starts and -label-separation are
                                        the pt field plus this % of the list-block's containing */
    double provisional_separation_pct; /* width (XSL 7.30.12, 7.30.13; inherited with the pt) */
    double width_pt, height_pt;      /* width, height of kind PCT: plus this many pt (width="100% -
                                        (2 * 5pt)" is PCT 100 and width_pt -10); 0 otherwise */
    double column_width_pt;          /* column-width of kind PCT or PROP: plus this fixed part, in pt
                                        ("2pt + proportional-column-width(1)" is PROP 1 and 2 pt) */
} msp_fo_style;

typedef struct msp_fo_attr {
    const char *name;
    const char *value;
} msp_fo_attr;

typedef struct msp_fo_node msp_fo_node;
struct msp_fo_node {
    msp_fo_kind kind;
    msp_fo_node *parent, *first, *last, *next, *prev;
    msp_loc loc;                     /* where the element (or text) starts */
    const msp_fo_style *style;       /* never NULL */
    const char *text;                /* MSP_FO_TEXT: raw character data, UTF-8, not NUL-terminated */
    size_t text_len;
    const char *id;                  /* id property, or NULL */
    /* text and other leaf inlines: the innermost fo:change-bar-begin open
     * around it in document order (fo_tree.c), or NULL */
    const msp_fo_node *change_bar;
    msp_fo_attr *attrs;              /* the non-formatting attributes as written (master-name,
                                        master-reference, flow-name, region-name, ref-id,
                                        internal-destination, external-destination, src,
                                        marker-class-name, retrieve-class-name, retrieve-position,
                                        retrieve-boundary, page-position, odd-or-even,
                                        blank-or-not-blank, maximum-repeats, initial-page-number,
                                        force-page-count, character, format, ...) */
    int n_attrs;
};

/* A parsed document. Everything is in the job's arena. */
typedef struct msp_fo_doc {
    msp_fo_node *root;
    const char *path;                /* as given, for messages */
    const char *base_dir;            /* directory of the file: relative image paths resolve here */
    GHashTable *ids;                 /* id -> msp_fo_node*, owned (free with msp_fo_doc_free) */
} msp_fo_doc;

/* Parses FO from a file (or from memory when buf != NULL; path then only
 * names it in messages). Safe parsing: XML_PARSE_NONET, no entity
 * substitution, no DTD loading; the job's nesting-depth and size limits apply.
 * Diagnostics go to job->diags: malformed XML (MSP_E_XML with line:column),
 * unknown element or misplaced one (MSP_E_FO error), unknown property
 * (warning), invalid value (MSP_E_FO error), duplicate id (error).
 * Returns MSP_OK and *out (arena-owned, free with msp_fo_doc_free), or an
 * error status and *out = NULL. Warnings alone do not fail. */
msp_status msp_fo_parse(msp_job *job, msp_fo_doc **out, const char *path,
                        const char *buf, size_t len);

/* Builds the tree from an already parsed libxml2 document (the XSLT result);
 * doc is borrowed. Same checks as msp_fo_parse. */
struct _xmlDoc;
msp_status msp_fo_from_xml(msp_job *job, msp_fo_doc **out, struct _xmlDoc *doc, const char *path);

/* Frees what the arena does not own (the id table). NULL allowed. */
void msp_fo_doc_free(msp_fo_doc *doc);

/* The value of a non-formatting attribute, or NULL. Borrowed. */
const char *msp_fo_attr_value(const msp_fo_node *node, const char *name);

/* "fo:block" etc. for messages. */
const char *msp_fo_kind_name(msp_fo_kind kind);

/* True for inline-level kinds (text, inline, wrapper, basic-link,
 * page-number*, leader, external-graphic, instream-foreign-object,
 * character, footnote). */
bool msp_fo_is_inline(const msp_fo_node *node);

/* Parses an XSL length expression ("10pt", "2mm + 3pt", "1.2em" with
 * font_size) into pt. For tests and for layout's own use. */
bool msp_fo_length_parse(const char *s, double font_size, double *out);

#endif
