/* SHA-256 of a file's bytes (GLib's checksum), read in 64 KiB blocks. */
#include "base/digest.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

char *msp_sha256_fd(int fd)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    guchar buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            g_checksum_update(sum, buf, n);
    char *hex = n == 0 ? g_strdup(g_checksum_get_string(sum)) : NULL;
    int e = errno;
    g_checksum_free(sum);
    if (!hex)
        errno = e ? e : EIO;
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
