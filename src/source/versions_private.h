/* Inside src/source/ only: the parts of a language version's structural
 * summary (versions.c builds it, versions_compare.c compares two). Every
 * string is owned by the summary's string chunk; every msp_loc's file is the
 * summary's own path. */
#ifndef MSP_VERSIONS_PRIVATE_H
#define MSP_VERSIONS_PRIVATE_H

#include "source/versions.h"

/* One meta datum that is the same in every language (fixed order, always
 * present: value "none" when the source has no such element). */
typedef enum msp_vs_field_id {
    MSP_VS_KIND,
    MSP_VS_MEETING,
    MSP_VS_DATE,
    MSP_VS_ORIGINAL,
    MSP_VS_AGENDA,
    MSP_VS_REISSUE,
    MSP_VS_LATE,
    MSP_VS_UNEDITED,
    MSP_VS_TITLE_NOTES,
    MSP_VS_COMMITTEE,
    MSP_VS_CHAIRS,
    MSP_VS_SUBMITTED_BY,
    MSP_VS_N_FIELDS
} msp_vs_field_id;

typedef struct msp_vs_field {
    const char *value;
    msp_loc loc;              /* the element, else meta (or the root) */
} msp_vs_field;

/* A run of blocks: the body before its first chapter, a chapter, an annex
 * before its first chapter, or a chapter of an annex. */
typedef struct msp_vs_container {
    int annex;                /* 0 = the body, n = the n-th annex */
    int chapter;              /* 0 = before the first chapter, n = the n-th chapter (numbered or not) */
    int number;               /* printed chapter number (I = 1), 0 when unnumbered or chapter 0 */
    msp_loc loc;              /* the chapter, annex or body element */
    guint first_block, n_blocks;
} msp_vs_container;

typedef enum msp_vs_block_kind { MSP_VS_P, MSP_VS_ITEMS, MSP_VS_BULLETS } msp_vs_block_kind;

/* A block of a container (sections are flattened into their chapter). */
typedef struct msp_vs_block {
    msp_vs_block_kind kind;
    guint container;
    int number;               /* a numbered paragraph's printed number, else 0 */
    int after;                /* else: the number of the numbered paragraph before it in the container, or 0 */
    int unnumbered;           /* an unnumbered paragraph: its rank among those after `after` (1, 2 ...) */
    msp_loc loc;
    const char *shape;        /* sub-item nesting: "(ii(ii)i)" for items, "[...]" for bullets; "" for p */
    const char *articles;     /* the Article numbers inside, sorted: "5 7 7", or "" */
    const char *actions;      /* likewise for Actions */
    int notes;                /* numbered notes inside */
    const xmlNode *node;      /* the element (borrowed: valid while the source lives) */
} msp_vs_block;

typedef struct msp_vs_note {
    guint block;              /* index into blocks, or G_MAXUINT: outside every block */
    msp_loc loc;
    const xmlNode *node;      /* the note element (borrowed, as msp_vs_block's) */
} msp_vs_note;

struct msp_versions_summary {
    GStringChunk *strings;
    const char *path;
    const char *symbol;       /* without reissue stars, or NULL */
    const char *language;     /* or NULL */
    const char *originals;    /* " en fr " (spaces around each), or "" */
    bool draft;               /* <draft/> in meta */
    msp_loc root_loc, body_loc;
    msp_vs_field fields[MSP_VS_N_FIELDS];
    GArray *containers;       /* of msp_vs_container */
    GArray *blocks;           /* of msp_vs_block */
    GArray *notes;            /* of msp_vs_note, in document order (note n = index n - 1) */
};

#endif
