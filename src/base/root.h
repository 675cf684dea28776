/* The resource folder: where the program finds templates/, data/, fonts/,
 * hyphen/ and color/, and why that one. In order:
 *
 *   1. $MSP_ROOT, when set and not empty (the user's choice, even if the
 *      folder turns out to be wrong: the errors then name it);
 *   2. the installed folder next to the program, <program's folder>/../share/
 *      mspdoc (GNUInstallDirs' layout; the program's path is /proc/self/exe,
 *      symbolic links resolved), when it holds templates/: an installed
 *      prefix stays usable when it is moved;
 *   3. the source tree the program was built from (MSP_SOURCE_ROOT): running
 *      from the build tree. */
#ifndef MSP_ROOT_H
#define MSP_ROOT_H

typedef enum msp_root_origin {
    MSP_ROOT_FROM_ENV,          /* $MSP_ROOT */
    MSP_ROOT_NEXT_TO_PROGRAM,   /* <program's folder>/<relative>, an installed prefix */
    MSP_ROOT_SOURCE_TREE        /* the build's source tree */
} msp_root_origin;

typedef struct msp_root_choice {
    char *path;                 /* owned; as given for $MSP_ROOT, else absolute */
    msp_root_origin origin;
    char *reason;               /* owned; why, in words, e.g. "next to the program" */
} msp_root_choice;

/* The rule on given inputs: env is $MSP_ROOT's value (NULL: unset); exe the
 * program's absolute path (NULL: unknown); relative the installed folder
 * relative to the program's folder (e.g. "../share/mspdoc"); source the
 * source tree. Fills out; release it with msp_root_choice_clear. */
void msp_root_choose(msp_root_choice *out, const char *env, const char *exe, const char *relative,
                     const char *source);
void msp_root_choice_clear(msp_root_choice *c);

/* The process's choice, made once (thread-safe) from $MSP_ROOT,
 * /proc/self/exe and the build's layout. Borrowed for the process's life. */
const msp_root_choice *msp_root_get(void);

/* msp_root_get()->path: the folder holding templates/, data/, fonts/,
 * hyphen/ and color/. Borrowed. */
const char *msp_root(void);

#endif
