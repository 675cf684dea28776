/* Hashes of a file's bytes, read in 256 KiB blocks: SHA-256 by OpenSSL's
 * libcrypto (EVP), which uses the CPU's SHA instructions where there are
 * some (about six times GLib's GChecksum; the hex is sha256sum's), and
 * XXH3-128 by libxxhash, memory-speed, for the batch's dependency digests. */
#include "base/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <openssl/evp.h>
#include <xxhash.h>
#include <stdbool.h>
#include <unistd.h>

/* Reads fd to its end in 256 KiB blocks, giving each to update (which
 * returns false on failure). True at the end of the file; else errno is set. */
static bool read_to_end(int fd, bool (*update)(void *ctx, const void *buf, size_t n), void *ctx)
{
    enum { BLOCK = 1 << 18 };
    unsigned char *buf = g_malloc(BLOCK);
    ssize_t n;
    bool ok = true;
    while ((n = read(fd, buf, BLOCK)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0 && ok)
            ok = update(ctx, buf, (size_t)n);
    int e = errno;
    g_free(buf);
    if (n == 0 && ok)
        return true;
    errno = n < 0 && e ? e : EIO;
    return false;
}

static bool sha256_update(void *ctx, const void *buf, size_t n)
{
    return EVP_DigestUpdate(ctx, buf, n) == 1;
}

char *msp_sha256_fd(int fd)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        errno = ENOMEM;
        return NULL;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    char *hex = NULL;
    if (read_to_end(fd, sha256_update, ctx) && EVP_DigestFinal_ex(ctx, md, &len) == 1) {
        hex = g_malloc(2 * len + 1);
        for (unsigned int i = 0; i < len; i++)
            g_snprintf(hex + 2 * i, 3, "%02x", md[i]);
    }
    int e = errno;
    EVP_MD_CTX_free(ctx);
    errno = hex ? 0 : (e ? e : EIO);
    return hex;
}

char *msp_sha256_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    char *hex = msp_sha256_fd(fd);
    int e = errno;
    close(fd);
    errno = e;
    return hex;
}

static bool xxh3_update(void *ctx, const void *buf, size_t n)
{
    return XXH3_128bits_update(ctx, buf, n) == XXH_OK;
}

char *msp_quick_digest_fd(int fd)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st || XXH3_128bits_reset(st) != XXH_OK) {
        XXH3_freeState(st);
        errno = ENOMEM;
        return NULL;
    }
    char *hex = NULL;
    if (read_to_end(fd, xxh3_update, st)) {
        XXH128_hash_t h = XXH3_128bits_digest(st);
        hex = g_strdup_printf("%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    }
    int e = errno;
    XXH3_freeState(st);
    errno = hex ? 0 : (e ? e : EIO);
    return hex;
}
