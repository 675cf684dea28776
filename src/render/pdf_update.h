/* An incremental update (ISO 32000-1 §7.5.6) appended to a complete PDF:
 * new and redefined objects, their cross-reference section and a trailer
 * pointing back at the original's. pdf_finish.c writes the structure tree,
 * the rewritten pages and the catalog this way instead of rewriting the
 * whole file through libqpdf, which measured ten times slower on a
 * 100-page paper (libqpdf makes a C++ object of each of thousands of
 * structure elements, then serializes every object of the file again). */
#ifndef MSP_PDF_UPDATE_H
#define MSP_PDF_UPDATE_H

#include <glib.h>
#include <stdbool.h>

typedef struct msp_pdf_update msp_pdf_update;

/* Starts an update of base[0..len) (not copied: it must outlive the
 * update), whose objects are numbered below size and whose last
 * cross-reference section is at prev. */
msp_pdf_update *msp_pdf_update_new(const guint8 *base, gsize len, int size, gint64 prev);
void msp_pdf_update_free(msp_pdf_update *u);

/* A new object number. */
int msp_pdf_update_alloc(msp_pdf_update *u);
/* Writes object num (new or redefined) with the given body (PDF syntax). */
void msp_pdf_update_object(msp_pdf_update *u, int num, const char *body, gsize len);
/* Writes stream object num: "<< dict_keys /Length n [/Filter /FlateDecode] >>"
 * and the data, compressed when compress (zlib) — dict_keys may be "". */
void msp_pdf_update_stream(msp_pdf_update *u, int num, const char *dict_keys, const guint8 *data,
                           gsize len, bool compress);
/* The cross-reference section and the trailer (/Size, /Prev, /ID from an
 * MD5 of the whole file, plus trailer_keys, e.g. "/Root 1 0 R /Info 9 0 R");
 * returns the complete file (base and update; g_byte_array_free). Frees u. */
GByteArray *msp_pdf_update_finish(msp_pdf_update *u, const char *trailer_keys);

/* The offset the last "startxref" of a file names, or -1. */
gint64 msp_pdf_startxref(const guint8 *data, gsize len);

#endif
