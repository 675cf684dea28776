/* Output files written atomically: a temporary sibling in the same folder,
 * buffered writes with the first error remembered, fsync, rename. Knows
 * nothing of PDF or PNG; pdf.c and draw_png.c stream into it. */
#include "render/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WRITE_HINT "check that the output folder exists, is writable and has free space"

/* The process umask, read without changing it (umask() is process-wide and
 * racy between worker threads). */
static mode_t file_mode(void)
{
    static gsize once = 0;
    static mode_t mode;
    if (g_once_init_enter(&once)) {
        mode_t mask = 022;
        char *status = NULL;
        if (g_file_get_contents("/proc/self/status", &status, NULL, NULL)) {
            const char *p = strstr(status, "\nUmask:");
            if (p)
                mask = (mode_t)g_ascii_strtoull(p + 7, NULL, 8) & 0777;
            g_free(status);
        }
        mode = 0666 & ~mask;
        g_once_init_leave(&once, 1);
    }
    return mode;
}

/* "-": a memory stream now, standard output at commit. */
static msp_status open_stdout(msp_diag_list *diags, msp_outfile *out)
{
    out->fp = open_memstream(&out->mem, &out->mem_len);
    if (!out->fp)
        return msp_diag_error(diags, MSP_E_OUTPUT, MSP_LOC_NONE, NULL, "cannot buffer standard output: %s",
                              g_strerror(errno));
    out->to_stdout = true;
    out->path = g_strdup("-");
    return MSP_OK;
}

/* Writes the buffered bytes to standard output; 0 or an errno. */
static int commit_stdout(msp_outfile *out)
{
    int e = 0;
    errno = 0;
    if (fclose(out->fp) != 0)
        e = errno ? errno : EIO;
    out->fp = NULL;
    size_t done = 0;
    while (!e && done < out->mem_len) {
        size_t n = fwrite(out->mem + done, 1, out->mem_len - done, stdout);
        if (n == 0)
            e = errno ? errno : EIO;
        done += n;
    }
    if (!e && fflush(stdout) != 0)
        e = errno ? errno : EIO;
    return e;
}

msp_status msp_outfile_open(msp_diag_list *diags, msp_outfile *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!strcmp(path, "-"))
        return open_stdout(diags, out);
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    msp_loc loc = { path, 0, 0 };
    msp_status st = MSP_OK;
    struct stat sb;

    if (stat(dir, &sb) != 0) {
        st = msp_diag_error(diags, MSP_E_OUTPUT, loc, "create the output folder first",
                            "cannot write '%s': folder '%s': %s", path, dir, g_strerror(errno));
    } else if (!S_ISDIR(sb.st_mode)) {
        st = msp_diag_error(diags, MSP_E_OUTPUT, loc, "choose an output folder, not a file",
                            "cannot write '%s': '%s' is not a folder", path, dir);
    } else {
        char *tmpl = g_strdup_printf("%s%s.%s.XXXXXX.tmp", dir, G_DIR_SEPARATOR_S, base);
        int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0600);
        if (fd < 0) {
            st = msp_diag_error(diags, MSP_E_OUTPUT, loc, WRITE_HINT, "cannot write '%s': %s",
                                path, g_strerror(errno));
            g_free(tmpl);
        } else {
            (void)fchmod(fd, file_mode());
            out->fp = fdopen(fd, "wb");
            if (!out->fp) {
                int e = errno;
                close(fd);
                unlink(tmpl);
                g_free(tmpl);
                st = msp_diag_error(diags, MSP_E_OUTPUT, loc, NULL, "cannot write '%s': %s",
                                    path, g_strerror(e));
            } else {
                setvbuf(out->fp, NULL, _IOFBF, 1 << 16);
                out->tmp_path = tmpl;
                out->path = g_strdup(path);
            }
        }
    }
    g_free(dir);
    g_free(base);
    return st;
}

cairo_status_t msp_outfile_write(void *closure, const unsigned char *data, unsigned int length)
{
    msp_outfile *out = closure;
    if (out->write_errno)
        return CAIRO_STATUS_WRITE_ERROR;
    if (!out->fp) {
        out->write_errno = EBADF;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    errno = 0;
    if (length && fwrite(data, 1, length, out->fp) != length) {
        out->write_errno = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

void msp_outfile_remove(const char *path)
{
    if (path && strcmp(path, "-") != 0)
        unlink(path);
}

void msp_outfile_discard(msp_outfile *out)
{
    if (out->fp)
        fclose(out->fp);
    if (out->tmp_path)
        unlink(out->tmp_path);
    free(out->mem); /* open_memstream's buffer is malloc'd */
    g_free(out->tmp_path);
    g_free(out->path);
    memset(out, 0, sizeof *out);
}

msp_status msp_outfile_commit(msp_diag_list *diags, msp_outfile *out)
{
    int e = out->write_errno;
    if (out->to_stdout) {
        if (!e)
            e = out->fp ? commit_stdout(out) : EBADF;
        if (e) {
            msp_status st = msp_diag_error(diags, MSP_E_OUTPUT, MSP_LOC_NONE, NULL,
                                           "cannot write to standard output: %s", g_strerror(e));
            msp_outfile_discard(out);
            return st;
        }
        msp_outfile_discard(out);
        return MSP_OK;
    }
    if (!out->fp || !out->tmp_path)
        e = e ? e : EBADF;
    if (!e) {
        errno = 0;
        if (fflush(out->fp) != 0 || ferror(out->fp))
            e = errno ? errno : EIO;
    }
    if (!e && !out->no_sync && fsync(fileno(out->fp)) != 0 && errno != EINVAL && errno != EROFS)
        e = errno;
    if (out->fp) {
        if (fclose(out->fp) != 0 && !e)
            e = errno ? errno : EIO;
        out->fp = NULL;
    }
    if (!e && rename(out->tmp_path, out->path) != 0)
        e = errno;
    if (e) {
        msp_status st = msp_diag_error(diags, MSP_E_OUTPUT, ((msp_loc){ out->path, 0, 0 }),
                                       WRITE_HINT, "cannot write '%s': %s",
                                       out->path ? out->path : "(unknown)", g_strerror(e));
        msp_outfile_discard(out);
        return st;
    }
    g_free(out->tmp_path);
    out->tmp_path = NULL;
    msp_outfile_discard(out);
    return MSP_OK;
}
