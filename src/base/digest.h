/* SHA-256 of a file's bytes as lowercase hex: the one content hash of
 * incremental builds (stamps, digest cache, fonts). */
#ifndef MSP_DIGEST_H
#define MSP_DIGEST_H

/* Reads fd to its end. Owned hex, or NULL with errno set. fd stays open. */
char *msp_sha256_fd(int fd);
/* Opens path and hashes it. Owned hex, or NULL with errno set. */
char *msp_sha256_file(const char *path);

/* Gives the SHA-256 hex of the file at path (owned), or NULL when it cannot
 * be read: a caller's cache of file digests (the batch's digest cache), for
 * the digests of declared resources (fonts, hyphenation dictionaries). */
typedef char *(*msp_file_digest_fn)(void *user, const char *path);

#endif
