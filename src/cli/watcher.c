/* Watching folders for saves (watcher.h): one GFileMonitor per folder,
 * reporting moves as renames, each event's names matched against the
 * folder's filter, the matches gathered in a set and delivered by a timer
 * that every new match restarts. */
#include "cli/watcher.h"

#include <gio/gio.h>
#include <string.h>

typedef struct group {
    msp_watcher *w;
    char *folder;          /* as given */
    GFile *dir;            /* owned */
    char *name;            /* owned, or NULL: match by suffix */
    char **suffixes;       /* owned, NULL-terminated, or NULL */
    unsigned tag;
    GFileMonitor *monitor; /* owned */
    gulong handler;
} group;

struct msp_watcher {
    int debounce_ms;
    msp_watcher_fn fn;
    void *user;
    GPtrArray *groups;     /* of group* (owned) */
    GHashTable *pending;   /* "<tag>:<path>" -> msp_watch_change* since the last delivery (owned) */
    unsigned pending_tags;
    guint timer;           /* the debounce timeout, or 0 */
};

static bool name_matches(const group *g, const char *name)
{
    if (!name || name[0] == '.')
        return false;
    if (g->name)
        return strcmp(name, g->name) == 0;
    for (char **s = g->suffixes; s && *s; s++)
        if (g_str_has_suffix(name, *s) && strlen(name) > strlen(*s))
            return true;
    return false;
}

static gint compare_changes(gconstpointer a, gconstpointer b)
{
    const msp_watch_change *x = *(msp_watch_change *const *)a, *y = *(msp_watch_change *const *)b;
    int c = strcmp(x->path, y->path);
    return c ? c : (x->tag > y->tag) - (x->tag < y->tag);
}

static void change_free(gpointer p)
{
    msp_watch_change *c = p;
    g_free(c->path);
    g_free(c);
}

static gboolean deliver(gpointer user)
{
    msp_watcher *w = user;
    w->timer = 0;
    GPtrArray *changes = g_ptr_array_new_with_free_func(change_free);
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, w->pending);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        g_ptr_array_add(changes, value);
        g_hash_table_iter_steal(&it);
        g_free(key);
    }
    g_ptr_array_sort(changes, compare_changes);
    unsigned tags = w->pending_tags;
    w->pending_tags = 0;
    w->fn(w->user, tags, changes);
    g_ptr_array_unref(changes);
    return G_SOURCE_REMOVE;
}

/* Records file when it is one of g's entries, and restarts the timer. */
static void consider(group *g, GFile *file)
{
    if (!file || !g_file_has_parent(file, g->dir))
        return;
    char *name = g_file_get_basename(file);
    if (name_matches(g, name)) {
        msp_watcher *w = g->w;
        msp_watch_change *c = g_new0(msp_watch_change, 1);
        c->tag = g->tag;
        c->path = g_build_filename(g->folder, name, NULL);
        char *key = g_strdup_printf("%u:%s", c->tag, c->path);
        if (g_hash_table_contains(w->pending, key)) {
            change_free(c);
            g_free(key);
        } else {
            g_hash_table_insert(w->pending, key, c);
        }
        w->pending_tags |= 1u << g->tag;
        if (w->timer)
            g_source_remove(w->timer);
        w->timer = g_timeout_add((guint)w->debounce_ms, deliver, w);
    }
    g_free(name);
}

static void on_event(GFileMonitor *monitor, GFile *file, GFile *other, GFileMonitorEvent event, gpointer user)
{
    if (event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
        return;
    /* a rename inside the folder names both ends: "x.tmp" -> "paper.xml" */
    consider(user, file);
    consider(user, other);
}

static void group_free(gpointer p)
{
    group *g = p;
    if (g->monitor) {
        g_signal_handler_disconnect(g->monitor, g->handler);
        g_file_monitor_cancel(g->monitor);
        g_object_unref(g->monitor);
    }
    g_object_unref(g->dir);
    g_free(g->folder);
    g_free(g->name);
    g_strfreev(g->suffixes);
    g_free(g);
}

msp_watcher *msp_watcher_new(int debounce_ms, msp_watcher_fn fn, void *user)
{
    msp_watcher *w = g_new0(msp_watcher, 1);
    w->debounce_ms = debounce_ms > 0 ? debounce_ms : 1;
    w->fn = fn;
    w->user = user;
    w->groups = g_ptr_array_new_with_free_func(group_free);
    w->pending = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, change_free);
    return w;
}

void msp_watcher_free(msp_watcher *w)
{
    if (!w)
        return;
    if (w->timer)
        g_source_remove(w->timer);
    g_ptr_array_unref(w->groups);
    g_hash_table_destroy(w->pending);
    g_free(w);
}

bool msp_watcher_add(msp_watcher *w, const char *folder, const char *name, const char *const *suffixes,
                     unsigned tag, GError **err)
{
    g_return_val_if_fail(tag < 32, false);
    if (!g_file_test(folder, G_FILE_TEST_IS_DIR)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no such folder");
        return false;
    }
    group *g = g_new0(group, 1);
    g->w = w;
    g->folder = g_strdup(folder);
    g->dir = g_file_new_for_path(folder);
    g->name = g_strdup(name);
    g->suffixes = g_strdupv((char **)suffixes);
    g->tag = tag;
    g->monitor = g_file_monitor_directory(g->dir, G_FILE_MONITOR_WATCH_MOVES, NULL, err);
    if (!g->monitor) {
        group_free(g);
        return false;
    }
    /* the debounce does the coalescing: let every write through */
    g_file_monitor_set_rate_limit(g->monitor, w->debounce_ms);
    g->handler = g_signal_connect(g->monitor, "changed", G_CALLBACK(on_event), g);
    g_ptr_array_add(w->groups, g);
    return true;
}
