/* An incremental update appended to a PDF (pdf_update.h): the objects go
 * into a buffer after a copy of the original, each with its offset, then a
 * classic cross-reference section of contiguous runs and the trailer. */
#include "render/pdf_update.h"

#include <string.h>
#include <zlib.h>

typedef struct entry {
    int num;
    gsize offset;
} entry;

struct msp_pdf_update {
    GByteArray *out;
    gsize base_len;
    int size;                /* next free object number */
    gint64 prev;
    GArray *entries;         /* of entry */
};

msp_pdf_update *msp_pdf_update_new(const guint8 *base, gsize len, int size, gint64 prev)
{
    msp_pdf_update *u = g_new0(msp_pdf_update, 1);
    u->out = g_byte_array_sized_new((guint)(len + len / 2 + 4096));
    g_byte_array_append(u->out, base, (guint)len);
    if (len && base[len - 1] != '\n')
        g_byte_array_append(u->out, (const guint8 *)"\n", 1);
    u->base_len = len;
    u->size = size;
    u->prev = prev;
    u->entries = g_array_new(FALSE, FALSE, sizeof(entry));
    return u;
}

void msp_pdf_update_free(msp_pdf_update *u)
{
    if (!u)
        return;
    if (u->out)
        g_byte_array_free(u->out, TRUE);
    g_array_free(u->entries, TRUE);
    g_free(u);
}

int msp_pdf_update_alloc(msp_pdf_update *u)
{
    return u->size++;
}

static void put(msp_pdf_update *u, const char *s, gsize n)
{
    g_byte_array_append(u->out, (const guint8 *)s, (guint)n);
}

static void puts_(msp_pdf_update *u, const char *s)
{
    put(u, s, strlen(s));
}

static void begin(msp_pdf_update *u, int num)
{
    entry e = { num, u->out->len };
    g_array_append_val(u->entries, e);
    char head[32];
    int n = g_snprintf(head, sizeof head, "%d 0 obj\n", num);
    put(u, head, (gsize)n);
}

void msp_pdf_update_object(msp_pdf_update *u, int num, const char *body, gsize len)
{
    begin(u, num);
    put(u, body, len);
    puts_(u, "\nendobj\n");
}

void msp_pdf_update_stream(msp_pdf_update *u, int num, const char *dict_keys, const guint8 *data,
                           gsize len, bool compress)
{
    guint8 *z = NULL;
    uLongf zlen = 0;
    if (compress) {
        zlen = compressBound((uLong)len);
        z = g_malloc(zlen ? zlen : 1);
        if (compress2(z, &zlen, data, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK) {
            g_free(z);
            z = NULL;
        }
    }
    begin(u, num);
    char *dict = g_strdup_printf("<< %s /Length %lu%s >>\nstream\n", dict_keys ? dict_keys : "",
                                 z ? (unsigned long)zlen : (unsigned long)len,
                                 z ? " /Filter /FlateDecode" : "");
    puts_(u, dict);
    g_free(dict);
    if (z)
        put(u, (const char *)z, zlen);
    else
        put(u, (const char *)data, len);
    puts_(u, "\nendstream\nendobj\n");
    g_free(z);
}

static gint entry_cmp(gconstpointer a, gconstpointer b)
{
    const entry *x = a, *y = b;
    return (x->num > y->num) - (x->num < y->num);
}

GByteArray *msp_pdf_update_finish(msp_pdf_update *u, const char *trailer_keys)
{
    g_array_sort(u->entries, entry_cmp);
    gsize xref = u->out->len;
    puts_(u, "xref\n");
    char line[64];
    const entry *e = (const entry *)(void *)u->entries->data;
    guint n = u->entries->len;
    for (guint i = 0; i < n;) {
        guint j = i + 1;
        while (j < n && e[j].num == e[j - 1].num + 1)
            j++;
        /* a redefinition of the same number twice keeps the last (never done) */
        int k = g_snprintf(line, sizeof line, "%d %u\n", e[i].num, j - i);
        put(u, line, (gsize)k);
        for (guint m = i; m < j; m++) {
            k = g_snprintf(line, sizeof line, "%010lu 00000 n\r\n", (unsigned long)e[m].offset);
            put(u, line, (gsize)k);
        }
        i = j;
    }
    /* the file's identifier: an MD5 of everything before the trailer, so
     * that the same input gives the same bytes */
    char *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, u->out->data, u->out->len);
    char *trailer = g_strdup_printf("trailer\n<< /Size %d /Prev %" G_GINT64_FORMAT " %s /ID [<%s> <%s>] >>\n"
                                    "startxref\n%lu\n%%%%EOF\n",
                                    u->size, u->prev, trailer_keys ? trailer_keys : "", md5, md5,
                                    (unsigned long)xref);
    puts_(u, trailer);
    g_free(trailer);
    g_free(md5);
    GByteArray *out = u->out;
    u->out = NULL;
    msp_pdf_update_free(u);
    return out;
}

gint64 msp_pdf_startxref(const guint8 *data, gsize len)
{
    static const char key[] = "startxref";
    gsize kl = sizeof key - 1;
    gsize from = len > 2048 ? len - 2048 : 0;
    for (gsize i = len >= kl ? len - kl : 0; i + 1 > from; i--) {
        if (memcmp(data + i, key, kl) == 0) {
            gsize p = i + kl;
            while (p < len && (data[p] == ' ' || data[p] == '\r' || data[p] == '\n'))
                p++;
            gint64 v = 0;
            int digits = 0;
            while (p < len && data[p] >= '0' && data[p] <= '9' && digits < 15) {
                v = v * 10 + (data[p++] - '0');
                digits++;
            }
            return digits && v < (gint64)len ? v : -1;
        }
        if (i == 0)
            break;
    }
    return -1;
}
