/* Reading back the PDF cairo just wrote, as objects in PDF syntax: its
 * classic cross-reference table, its trailer, each object's text (a
 * stream's dictionary and its encoded data), and the few questions
 * pdf_finish.c asks of a dictionary's text (a key's value, a reference, the
 * items of an array). It reads cairo's output only — one classic xref
 * section, no object streams, no encryption — and says so when a file is
 * not like that. libqpdf reads any PDF, but its object model cost more than
 * all the rest of finishing a tagged 100-page paper (measured with
 * callgrind: some 150 M instructions of 350 M), which the bench target of
 * tagged output does not leave room for. */
#ifndef MSP_PDF_READ_H
#define MSP_PDF_READ_H

#include <glib.h>
#include <stdbool.h>

typedef struct msp_pdf_file msp_pdf_file;

/* Parses data[0..len) (borrowed: it must outlive the reader): the last
 * cross-reference table and the trailer. NULL and *why (g_free) when the
 * file is not one cairo writes. */
msp_pdf_file *msp_pdf_file_open(const guint8 *data, gsize len, char **why);
void msp_pdf_file_free(msp_pdf_file *f);

/* The trailer dictionary's text ("<< /Size 20 /Root 1 0 R ... >>"). */
const char *msp_pdf_file_trailer(const msp_pdf_file *f);
/* The number of object slots (the trailer's /Size). */
int msp_pdf_file_size(const msp_pdf_file *f);

/* Object num: its text (a stream's: its dictionary) as a new string in
 * *text, and for a stream its encoded data (pointing into the file). False
 * when num is not in the file. */
bool msp_pdf_file_object(const msp_pdf_file *f, int num, char **text, const guint8 **stream,
                         gsize *stream_len);

/* --- a dictionary's text --- */

/* PDF white space (NUL included) and delimiters (white space and ()<>[]{}/%). */
bool msp_pdf_is_ws(char c);
bool msp_pdf_is_delim(char c);

/* The end of the object that starts at t[i]: a dictionary, array, string,
 * name, number, reference "n g R", true, false or null. */
size_t msp_pdf_object_end(const char *t, size_t i);
/* The value of key ("/Contents") at the top level of the dictionary text
 * dict: its span [*start, *end). False when the key is not there. */
bool msp_pdf_dict_get(const char *dict, const char *key, size_t *start, size_t *end);
/* The object number of a reference "n g R" in t[start, end), else 0. */
int msp_pdf_ref(const char *t, size_t start, size_t end);
/* The object number key's value refers to in dict, else 0. */
int msp_pdf_dict_ref(const char *dict, const char *key);
/* Appends the dictionary's entries (" /Key value" each) to o, but those
 * whose keys are in skip (NULL-terminated, with their slash). */
void msp_pdf_dict_copy(const char *dict, GString *o, const char *const *skip);
/* The object numbers of the references in the array t[start, end) (or of
 * the one reference it is), appended to nums. */
void msp_pdf_array_refs(const char *t, size_t start, size_t end, GArray *nums);
/* The object numbers of every reference in the text t (strings, names and
 * hex strings skipped), appended to nums. */
void msp_pdf_text_refs(const char *t, GArray *nums);

#endif
