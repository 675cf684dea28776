/* What a file is, from its bytes: the one check the source loader
 * (src/source/source_load.c) and the FO loader (src/fo/fo_load.c) make
 * before handing a file to libxml2, so that a Word document, a PDF or a
 * Latin-1 file given where XML is expected gets one error naming what it
 * is and what to do, instead of libxml2's first complaint about its bytes.
 *
 * Recognised: ZIP archives (a Word .docx: word/document.xml inside; an
 * OpenDocument text; any other ZIP), OLE2 compound files (old Word .doc),
 * PDF, RTF, UTF-32 and UTF-16 (with a byte order mark, or without one by
 * the pattern of NUL bytes XML markup makes), UTF-8 with a NUL byte, and
 * invalid UTF-8 that reads as Latin-1 / Windows-1252 text. */
#ifndef MSP_SNIFF_H
#define MSP_SNIFF_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum msp_sniff_kind {
    MSP_SNIFF_UTF8,        /* valid UTF-8 without NUL (maybe XML): nothing to say */
    MSP_SNIFF_DOCX,        /* ZIP holding word/document.xml */
    MSP_SNIFF_ODT,         /* ZIP whose mimetype is an OpenDocument one */
    MSP_SNIFF_ZIP,         /* another ZIP archive */
    MSP_SNIFF_OLE2,        /* D0 CF 11 E0 A1 B1 1A E1: Word .doc, Excel .xls ... */
    MSP_SNIFF_PDF,         /* %PDF- */
    MSP_SNIFF_RTF,         /* {\rtf */
    MSP_SNIFF_UTF32LE,
    MSP_SNIFF_UTF32BE,
    MSP_SNIFF_UTF16LE,
    MSP_SNIFF_UTF16BE,
    MSP_SNIFF_NUL,         /* UTF-8 up to a NUL byte */
    MSP_SNIFF_LATIN1,      /* invalid UTF-8, no valid multi-byte sequence, text-like bytes */
    MSP_SNIFF_BAD_UTF8     /* other invalid UTF-8 (mixed encodings, truncated, binary) */
} msp_sniff_kind;

typedef struct msp_sniff_result {
    msp_sniff_kind kind;
    bool bom;              /* UTF-16/32: a byte order mark starts the file */
    bool cp1252;           /* LATIN1: bytes 0x80-0x9F occur (Windows-1252 letters and quotes) */
    size_t offset;         /* NUL, LATIN1, BAD_UTF8: the first offending byte */
    int line, column;      /* its 1-based place, the column in characters */
    unsigned char byte;    /* that byte */
} msp_sniff_result;

/* Classifies buf[0..len). Never reads past len. */
void msp_sniff(const char *buf, size_t len, msp_sniff_result *out);

/* The line and 1-based column, in characters (UTF-8 sequences count one,
 * other bytes one each), of byte offset off of buf. */
void msp_sniff_position(const char *buf, size_t len, size_t off, int *line, int *column);

/* What the loaders read. */
typedef enum msp_sniff_input {
    MSP_SNIFF_SOURCE,      /* paper source: UTF-8 only */
    MSP_SNIFF_FO           /* XSL-FO: any encoding libxml2 reads (UTF-8, UTF-16, declared ones) */
} msp_sniff_input;

/* The loaders' check: MSP_OK when buf may be parsed as XML; otherwise
 * records one error (MSP_E_XML) at path -- with the line:column of the first
 * bad byte for byte-level problems, the file alone for files of another
 * kind -- whose hint says what to do, and returns MSP_E_XML. path must
 * outlive diags (interned or the job's). */
msp_status msp_sniff_check(msp_diag_list *diags, const char *path, const char *buf, size_t len,
                           msp_sniff_input input);

#endif
