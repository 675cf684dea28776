/* Writing a PDF file from objects given as PDF syntax: a header, stream
 * objects in the open, every other object packed into compressed object
 * streams, and a compressed cross-reference stream carrying the trailer
 * (ISO 32000-1 §7.5.7, 7.5.8). pdf_finish.c writes the finished file this
 * way — cairo's objects copied, the structure tree added — instead of
 * through libqpdf's writer, which measured ten times slower on a 100-page
 * paper (it makes a C++ object of each of thousands of structure elements
 * and serializes them again). */
#ifndef MSP_PDF_WRITE_H
#define MSP_PDF_WRITE_H

#include <glib.h>
#include <stdbool.h>

typedef struct msp_pdf_writer msp_pdf_writer;

/* A file of version "1.7" etc.; object numbers below first_free are the
 * caller's, msp_pdf_writer_alloc gives the next ones. */
msp_pdf_writer *msp_pdf_writer_new(const char *version, int first_free);
void msp_pdf_writer_free(msp_pdf_writer *w);

int msp_pdf_writer_alloc(msp_pdf_writer *w);
/* Whether object num was written already. */
bool msp_pdf_writer_has(const msp_pdf_writer *w, int num);
/* Object num (not a stream): body in PDF syntax. Written once: a second
 * call for num is ignored. */
void msp_pdf_writer_object(msp_pdf_writer *w, int num, const char *body, gsize len);
/* Stream object num: "<< dict_keys /Length n [/Filter /FlateDecode] >>" and
 * the data, compressed first when compress (dict_keys may be ""; when the
 * data is already encoded, dict_keys names its filter and compress is false). */
void msp_pdf_writer_stream(msp_pdf_writer *w, int num, const char *dict_keys, const guint8 *data,
                           gsize len, bool compress);
/* Packs the pending objects, writes the cross-reference stream with
 * trailer_keys ("/Root 1 0 R /Info 9 0 R") and an /ID from an MD5 of the
 * file, and returns the file (g_byte_array_free). Frees w. */
GByteArray *msp_pdf_writer_finish(msp_pdf_writer *w, const char *trailer_keys);

/* PDF syntax: a text string (ASCII as a literal, else UTF-16BE hex with
 * its byte order mark), and a name ("/" and the name, #xx escapes). */
void msp_pdf_put_text(GString *o, const char *utf8);
void msp_pdf_put_name(GString *o, const char *name);

#endif
