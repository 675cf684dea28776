/* Watching folders for saves, for `mspdoc watch`: GIO file monitors on
 * folders (never on a file's inode, so a save that writes a temporary and
 * renames it over the file is seen like any other), events filtered by
 * name, coalesced, and delivered once the folders have been quiet for a
 * while (editors write a file in several steps). Runs on the thread-default
 * GMainContext of the caller. */
#ifndef MSP_CLI_WATCHER_H
#define MSP_CLI_WATCHER_H

#include <glib.h>
#include <stdbool.h>

typedef struct msp_watcher msp_watcher;

/* One changed entry: the group's folder as given + '/' + name
 * (g_build_filename), changed, created, removed or renamed to or from. */
typedef struct msp_watch_change {
    unsigned tag;      /* the tag of its group (msp_watcher_add) */
    char *path;
} msp_watch_change;

/* Called once per quiet period after events. tags: the bitwise OR of
 * (1u << tag) of every group that saw an event; changes: of
 * msp_watch_change*, distinct, sorted by path. Both borrowed for the call.
 * Events that arrive during the call are delivered by a later call. */
typedef void (*msp_watcher_fn)(void *user, unsigned tags, GPtrArray *changes);

/* A watcher that calls fn debounce_ms after the last matching event. */
msp_watcher *msp_watcher_new(int debounce_ms, msp_watcher_fn fn, void *user);
void msp_watcher_free(msp_watcher *w);

/* Watches the entries directly inside folder (not its subfolders) whose
 * name is exactly name (name non-NULL), or else ends in one of suffixes
 * (NULL-terminated). Hidden names (".x") never match. tag: 0..31. On
 * failure returns false and sets *err (folder missing, no monitor). */
bool msp_watcher_add(msp_watcher *w, const char *folder, const char *name, const char *const *suffixes,
                     unsigned tag, GError **err);

#endif
