/* Shared by the files that finish a PDF (pdf_finish.c: pages, catalog,
 * copying; pdf_tree.c: the structure tree; pdf_content.c: the content
 * streams' marks; pdf_meta.c: XMP, Info, page labels). Not an API. */
#ifndef MSP_PDF_FINISH_PRIVATE_H
#define MSP_PDF_FINISH_PRIVATE_H

#include "render/pdf_finish.h"
#include "render/pdf_read.h"
#include "render/pdf_write.h"

typedef struct finish {
    msp_job *job;
    msp_pdf_file *in;            /* cairo's file */
    msp_pdf_standard std;
    msp_struct *tags;
    bool tagged;
    msp_pdf_writer *w;
    int n_pages;
    int *page_obj;               /* object number of each page */
    int **renum;                 /* per page: cairo MCID -> ours (-1: none) */
    GArray **annots;             /* per page: object numbers of its annotations */
    GString *o;                  /* scratch */
    GHashTable *written;         /* object of cairo's -> the text it was rewritten with */
    struct libdeflate_decompressor *inflater;
    char *error;                 /* first failure */
    bool user_error;             /* the failure is the machine's (a missing profile), not a bug */
} finish;

/* pdf_finish.c */
void msp_finish_fail(finish *f, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Writes an object of ours. */
void msp_finish_object(finish *f, int num, const GString *body);
/* Writes an object of cairo's rewritten, kept to follow its references. */
void msp_finish_rewrite(finish *f, int num, const GString *body);

/* pdf_content.c: copies the content d[0..n) into o with cairo's openings
 * "/Span << /MCID k >> BDC" rewritten: the sequence with cairo's MCID k is
 * pg->mcs[k]; renum[k] gets its new MCID (-1 for an artifact). strip (an
 * untagged file): every opening and EMC is left out instead. Returns the
 * number of openings seen, or -1 when one names an MCID the page lacks. */
int msp_pdf_rewrite_content(GString *o, const char *d, size_t n, const msp_struct_page *pg,
                            int *renum, bool strip);

/* pdf_tree.c: the structure tree (with the annotations rewritten for it);
 * returns the tree root's object number, or 0 with f->error set. */
int msp_pdf_write_tree(finish *f);
/* The annotations rewritten: printable, /Contents, and with elem_obj (the
 * objects of the elements; NULL for an untagged file, nums then NULL too)
 * their parent-tree keys from first, appended to nums. Returns the next key. */
int msp_pdf_write_annots(finish *f, const int *elem_obj, int first, GString *nums);

/* pdf_meta.c */
/* The XMP packet (g_free) matching the Info dictionary msp_pdf_info_dict writes. */
char *msp_pdf_xmp(const msp_pdf_info *info, const char *producer, msp_pdf_standard std);
/* The Info dictionary's text. */
void msp_pdf_info_dict(GString *o, const msp_pdf_info *info, const char *producer);
/* Appends " /PageLabels ..." when the printed numbers are not 1, 2, 3... */
void msp_pdf_page_labels(GString *o, const msp_pdf_label *labels, int n, int n_pages);

#endif
