/* The PDF writer (pdf_write.h): streams go to the file as they come; other
 * objects wait in a batch that becomes an object stream of at most
 * BATCH objects; the cross-reference stream lists every number below the
 * highest (unused ones as free) in fields of 1, 4 and 2 bytes. */
#include "render/pdf_write.h"

#include <libdeflate.h>
#include <string.h>

#define BATCH 200
/* libdeflate's level 4: the content streams (most of a paper's bytes, all
 * compressed again after their marks are rewritten) come out as small as
 * cairo's own; level 6 saves 5 % more bytes for 4 % more time on a
 * 100-page paper, which the bench target does not leave room for */
#define LEVEL 4

typedef struct xref_entry {
    guint8 type;      /* 0 free, 1 in the file at field, 2 in object stream field at index */
    guint32 field;
    guint16 index;
} xref_entry;

struct msp_pdf_writer {
    GByteArray *out;
    int next;                 /* next free number */
    GArray *xref;             /* of xref_entry, by object number */
    GString *batch_head;      /* "num offset ..." of the pending objects */
    GString *batch_body;
    int batch_nums[BATCH];
    int batch_n;
    struct libdeflate_compressor *z;
};

static void put(msp_pdf_writer *w, const void *s, gsize n)
{
    g_byte_array_append(w->out, s, (guint)n);
}

static void puts_(msp_pdf_writer *w, const char *s)
{
    put(w, s, strlen(s));
}

msp_pdf_writer *msp_pdf_writer_new(const char *version, int first_free)
{
    msp_pdf_writer *w = g_new0(msp_pdf_writer, 1);
    w->out = g_byte_array_sized_new(1 << 20);
    w->next = first_free > 1 ? first_free : 1;
    w->xref = g_array_new(FALSE, TRUE, sizeof(xref_entry));
    w->batch_head = g_string_new(NULL);
    w->batch_body = g_string_new(NULL);
    w->z = libdeflate_alloc_compressor(LEVEL);
    char *head = g_strdup_printf("%%PDF-%s\n%%\xE2\xE3\xCF\xD3\n", version);
    puts_(w, head);
    g_free(head);
    return w;
}

void msp_pdf_writer_free(msp_pdf_writer *w)
{
    if (!w)
        return;
    if (w->out)
        g_byte_array_free(w->out, TRUE);
    g_array_free(w->xref, TRUE);
    g_string_free(w->batch_head, TRUE);
    g_string_free(w->batch_body, TRUE);
    if (w->z)
        libdeflate_free_compressor(w->z);
    g_free(w);
}

int msp_pdf_writer_alloc(msp_pdf_writer *w)
{
    return w->next++;
}

static xref_entry *slot(msp_pdf_writer *w, int num)
{
    if ((guint)num >= w->xref->len)
        g_array_set_size(w->xref, (guint)num + 1);
    return &g_array_index(w->xref, xref_entry, num);
}

bool msp_pdf_writer_has(const msp_pdf_writer *w, int num)
{
    return num > 0 && (guint)num < w->xref->len && g_array_index(w->xref, xref_entry, num).type != 0;
}

/* Deflates data (zlib format, as FlateDecode reads it) into a new buffer;
 * NULL when that fails. */
static guint8 *deflate_data(msp_pdf_writer *w, const guint8 *data, gsize len, gsize *out_len)
{
    if (!w->z)
        return NULL;
    size_t bound = libdeflate_zlib_compress_bound(w->z, len);
    guint8 *z = g_malloc(bound ? bound : 1);
    size_t n = libdeflate_zlib_compress(w->z, data, len, z, bound);
    if (n == 0) {
        g_free(z);
        return NULL;
    }
    *out_len = n;
    return z;
}

static void write_stream(msp_pdf_writer *w, int num, const char *dict_keys, const guint8 *data,
                         gsize len, bool compress)
{
    gsize zlen = 0;
    guint8 *z = compress ? deflate_data(w, data, len, &zlen) : NULL;
    xref_entry *e = slot(w, num);
    e->type = 1;
    e->field = (guint32)w->out->len;
    e->index = 0;
    char *head = g_strdup_printf("%d 0 obj\n<< %s /Length %lu%s >>\nstream\n", num,
                                 dict_keys ? dict_keys : "", (unsigned long)(z ? zlen : len),
                                 z ? " /Filter /FlateDecode" : "");
    puts_(w, head);
    g_free(head);
    put(w, z ? z : data, z ? zlen : len);
    puts_(w, "\nendstream\nendobj\n");
    g_free(z);
}

void msp_pdf_writer_stream(msp_pdf_writer *w, int num, const char *dict_keys, const guint8 *data,
                           gsize len, bool compress)
{
    if (msp_pdf_writer_has(w, num))
        return;
    write_stream(w, num, dict_keys, data, len, compress);
}

/* The pending objects as one object stream. */
static void flush_batch(msp_pdf_writer *w)
{
    if (w->batch_n == 0)
        return;
    int num = msp_pdf_writer_alloc(w);
    for (int i = 0; i < w->batch_n; i++) {
        xref_entry *e = slot(w, w->batch_nums[i]);
        e->type = 2;
        e->field = (guint32)num;
        e->index = (guint16)i;
    }
    GString *data = g_string_sized_new(w->batch_head->len + w->batch_body->len + 1);
    g_string_append(data, w->batch_head->str);
    g_string_append_c(data, '\n');
    gsize first = data->len;
    g_string_append_len(data, w->batch_body->str, (gssize)w->batch_body->len);
    char *keys = g_strdup_printf("/Type /ObjStm /N %d /First %lu", w->batch_n, (unsigned long)first);
    write_stream(w, num, keys, (const guint8 *)data->str, data->len, true);
    g_free(keys);
    g_string_free(data, TRUE);
    g_string_truncate(w->batch_head, 0);
    g_string_truncate(w->batch_body, 0);
    w->batch_n = 0;
}

void msp_pdf_writer_object(msp_pdf_writer *w, int num, const char *body, gsize len)
{
    if (msp_pdf_writer_has(w, num))
        return;
    xref_entry *e = slot(w, num);
    e->type = 2;   /* reserved until the batch is written */
    e->field = 0;
    char nums[48];
    int k = g_snprintf(nums, sizeof nums, "%s%d %lu", w->batch_n ? " " : "", num,
                       (unsigned long)w->batch_body->len);
    g_string_append_len(w->batch_head, nums, k);
    g_string_append_len(w->batch_body, body, (gssize)len);
    g_string_append_c(w->batch_body, '\n');
    w->batch_nums[w->batch_n++] = num;
    if (w->batch_n == BATCH)
        flush_batch(w);
}

static void be(guint8 *p, guint32 v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (guint8)(v & 0xFF);
}

GByteArray *msp_pdf_writer_finish(msp_pdf_writer *w, const char *trailer_keys)
{
    flush_batch(w);
    int num = msp_pdf_writer_alloc(w);
    slot(w, num);
    int size = (int)w->xref->len;
    gsize at = w->out->len;
    xref_entry *self = slot(w, num);
    self->type = 1;
    self->field = (guint32)at;
    guint8 *rows = g_malloc0((gsize)size * 7);
    for (int i = 0; i < size; i++) {
        const xref_entry *e = &g_array_index(w->xref, xref_entry, i);
        guint8 *r = rows + (gsize)i * 7;
        r[0] = e->type;
        be(r + 1, e->type ? e->field : 0, 4);
        be(r + 5, i == 0 ? 0xFFFF : e->index, 2);   /* object 0: the head of the free list */
    }
    /* the identifier: an MD5 of the file so far, so that the same input
     * gives the same bytes */
    char *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, w->out->data, w->out->len);
    char *keys = g_strdup_printf("/Type /XRef /Size %d /W [ 1 4 2 ] %s /ID [ <%s> <%s> ]", size,
                                 trailer_keys ? trailer_keys : "", md5, md5);
    write_stream(w, num, keys, rows, (gsize)size * 7, true);
    char *tail = g_strdup_printf("startxref\n%lu\n%%%%EOF\n", (unsigned long)at);
    puts_(w, tail);
    g_free(tail);
    g_free(keys);
    g_free(md5);
    g_free(rows);
    GByteArray *out = w->out;
    w->out = NULL;
    msp_pdf_writer_free(w);
    return out;
}

/* --- PDF syntax --- */

/* A text string: PDFDocEncoding-safe ASCII as a literal, else UTF-16BE hex. */
void msp_pdf_put_text(GString *o, const char *utf8)
{
    bool ascii = true;
    for (const char *p = utf8; *p; p++)
        if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
            ascii = false;
    if (ascii) {
        g_string_append_c(o, '(');
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                g_string_append_c(o, '\\');
            g_string_append_c(o, *p);
        }
        g_string_append_c(o, ')');
        return;
    }
    g_string_append(o, "<FEFF");
    glong n = 0;
    gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
    for (glong i = 0; u && i < n; i++)
        g_string_append_printf(o, "%04X", u[i]);
    g_free(u);
    g_string_append_c(o, '>');
}

/* A name: regular characters as they are, the rest as #xx. */
void msp_pdf_put_name(GString *o, const char *name)
{
    g_string_append_c(o, '/');
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p > 0x20 && *p < 0x7F && !strchr("#()<>[]{}/%", *p))
            g_string_append_c(o, (char)*p);
        else
            g_string_append_printf(o, "#%02X", *p);
    }
}
