/* The logical structure of a tagged PDF (PDF/UA-1, ISO 14289-1): which
 * structure element each drawn thing belongs to, in reading order.
 *
 * Drawing (draw.c) opens a marked-content sequence before it draws: for real
 * content it names the FO that made it (an area's src, the text node of a
 * piece of a line), for the rest an artifact kind. This module maps an FO to
 * its structure element — the FO `role` where it is a standard PDF structure
 * type (else a RoleMap entry), else by element kind: fo:root Document, a block
 * with text P, list L/LI/Lbl/LBody, table Table/THead/TBody/TFoot/TR/TH/TD,
 * basic-link Link, a footnote's inline Reference and its body Note (placed
 * after the paragraph of its anchor), graphics Figure with their alternative
 * text; an inline or block in another language is a Span or Div with /Lang —
 * and opens the sequence with a cairo tag. Cairo numbers each page's tags
 * (its MCIDs) in the order they are opened; this module records the same
 * numbers, the artifacts and the link annotations, so that pdf_finish.c can
 * write the structure tree, the parent tree and the artifacts' marks.
 * Consecutive content of one element shares one sequence. */
#ifndef MSP_PDF_STRUCT_H
#define MSP_PDF_STRUCT_H

#include "base/job.h"
#include "fo/fo.h"

#include <cairo.h>
#include <stdbool.h>

typedef enum msp_artifact {
    MSP_ART_NONE = 0,    /* real content */
    MSP_ART_LAYOUT,      /* borders, backgrounds, leaders, the footnote separator */
    MSP_ART_HEADER,      /* pagination: region-before */
    MSP_ART_FOOTER,      /* pagination: region-after, the draft stamp */
    MSP_ART_WATERMARK,   /* pagination: the DRAFT watermark */
    MSP_ART_PAGINATION   /* pagination: the side regions */
} msp_artifact;

typedef struct msp_struct msp_struct;
typedef struct msp_struct_elem msp_struct_elem;

/* A kid of an element: another element, a marked-content sequence (page,
 * mcid) or a link annotation (page, annot: its index among the page's links). */
typedef enum msp_kid_kind { MSP_KID_ELEM, MSP_KID_MCID, MSP_KID_ANNOT } msp_kid_kind;

typedef struct msp_struct_kid {
    msp_kid_kind kind;
    msp_struct_elem *elem;
    int page, index;
    guint64 key[3];          /* reading order among the parent's kids */
} msp_struct_kid;

struct msp_struct_elem {
    const char *type;        /* standard structure type (/S, or the RoleMap target) */
    const char *role;        /* the FO role when it is not a standard type, else NULL */
    char *lang;              /* /Lang when it differs from the parent's, else NULL */
    char *eff_lang;          /* the language in effect (owned), or NULL */
    char *alt;               /* /Alt of a Figure; the fox:alt-text of a Link */
    GString *text;           /* Link: the text drawn in it (its annotations' /Contents) */
    msp_struct_elem *parent; /* NULL for the Document */
    GArray *kids;            /* of msp_struct_kid, sorted by key by msp_struct_sort */
    int id;                  /* creation order; pdf_finish.c's object index */
};

/* One page's marked-content sequences, indexed by MCID, and its links. */
typedef struct msp_struct_mc {
    msp_struct_elem *elem;   /* NULL for an artifact */
    msp_artifact art;
} msp_struct_mc;

typedef struct msp_struct_page {
    GArray *mcs;             /* of msp_struct_mc */
    GPtrArray *links;        /* of msp_struct_elem*: the Link of each annotation, in order */
} msp_struct_page;

/* require_alt: a graphic without alternative text is an error (PDF/UA).
 * lang: the document's language (catalog /Lang), or NULL. */
msp_struct *msp_struct_new(msp_job *job, bool require_alt, const char *lang);
void msp_struct_free(msp_struct *s);

/* A new page starts (before anything is drawn on it). */
void msp_struct_page_begin(msp_struct *s);
/* The structure element whose content node is (itself or its nearest
 * structural ancestor); creates it and its ancestors on first use. */
msp_struct_elem *msp_struct_elem_of(msp_struct *s, const msp_fo_node *node);
/* Opens a sequence for content of elem, unless one for elem is open: the
 * content starts at byte ord of order_node's text (its reading order). */
void msp_struct_content(msp_struct *s, cairo_t *cr, msp_struct_elem *elem,
                        const msp_fo_node *order_node, guint ord);
/* Opens a sequence for an artifact of this kind, unless one is open. */
void msp_struct_artifact(msp_struct *s, cairo_t *cr, msp_artifact kind);
/* Ends the open sequence, if any. */
void msp_struct_close(msp_struct *s, cairo_t *cr);
/* A link annotation of node (a basic-link) is about to be drawn with a
 * cairo LINK tag: closes the open sequence and records the tag's MCID and
 * the annotation for the Link element. */
void msp_struct_link(msp_struct *s, const msp_fo_node *node);
/* What a graphic node's element says: it is decorative (role="artifact"). */
bool msp_struct_is_artifact(const msp_fo_node *node);

/* Where the problems met while drawing are reported from now on (the
 * drawing thread's list: layout/page_queue.c); the job's at first. */
void msp_struct_set_diags(msp_struct *s, msp_diag_list *diags);
/* The first error met (a graphic without alternative text), or MSP_OK. */
msp_status msp_struct_status(const msp_struct *s);

/* After the last page: sorts every element's kids into reading order. */
void msp_struct_sort(msp_struct *s);
/* For pdf_tree.c: the Document element, all elements by id, the pages. */
msp_struct_elem *msp_struct_root(const msp_struct *s);
const GPtrArray *msp_struct_elems(const msp_struct *s);
const GArray *msp_struct_pages(const msp_struct *s);   /* of msp_struct_page */

#endif
