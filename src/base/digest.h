/* Content hashes of files as lowercase hex: SHA-256, the hash of record
 * (sources, PDFs, stamps), and XXH3-128, the quick one for the large inputs
 * every paper depends on (fonts, dictionaries, the program: the batch's
 * digest cache), which only needs to see a change, at ten times the speed
 * (93 MB of CJK fonts took most of a small batch's time). */
#ifndef MSP_DIGEST_H
#define MSP_DIGEST_H

/* Reads fd to its end. Owned hex, or NULL with errno set. fd stays open. */
char *msp_sha256_fd(int fd);
/* Opens path and hashes it. Owned hex, or NULL with errno set. */
char *msp_sha256_file(const char *path);

/* XXH3-128 of fd's bytes read to the end: 32 hex digits (owned), or NULL
 * with errno set. fd stays open. */
char *msp_quick_digest_fd(int fd);

/* Gives the SHA-256 hex of the file at path (owned), or NULL when it cannot
 * be read: a caller's cache of file digests (the batch's digest cache), for
 * the digests of declared resources (fonts, hyphenation dictionaries). */
typedef char *(*msp_file_digest_fn)(void *user, const char *path);

#endif
