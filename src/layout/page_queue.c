/* Pages drawn on a thread of their own. Drawing a page (the sink: the PDF's
 * drawing calls, cairo's page output with its compression, PNG thumbnails)
 * takes about a third of the time layout takes, so a second thread drawing
 * page n while layout makes page n + 1 shortens a long document's build by
 * that much on a machine with a core to spare.
 *
 * What makes it safe: an emitted page is never changed again, and drawing
 * reads only it, the FO tree (read-only after loading) and cairo (whose
 * fonts are thread-safe): render/draw.c asks Pango nothing (render/glyphs.c).
 * Drawn pages come back to the layout thread to be freed, since freeing
 * drops references to the Pango layouts and fonts that thread owns. The sink
 * reports into the queue's own list, which only the drawing thread touches
 * until finish merges it into the job's. At most MSP_PAGE_QUEUE_DEPTH pages
 * wait to be drawn, so memory stays flat whatever the document's length. */
#include "layout/page_queue.h"

struct msp_page_queue {
    msp_page_sink_fn sink;
    void *user;
    GThread *thread;
    GMutex lock;
    GCond cond;            /* signalled when todo or done changes, or on closing */
    GQueue todo;           /* pages waiting to be drawn */
    GQueue done;           /* drawn pages, for the layout thread to free */
    bool closing;
    msp_status st;         /* the sink's first failure */
    msp_diag_list diags;   /* the drawing thread's until finish */
};

static gpointer draw_thread(gpointer data)
{
    msp_page_queue *q = data;
    msp_status st = MSP_OK;
    g_mutex_lock(&q->lock);
    for (;;) {
        while (g_queue_is_empty(&q->todo) && !q->closing)
            g_cond_wait(&q->cond, &q->lock);
        msp_page *page = g_queue_pop_head(&q->todo);
        if (!page)
            break;
        g_mutex_unlock(&q->lock);
        if (st == MSP_OK)
            st = q->sink(q->user, page, &q->diags);
        g_mutex_lock(&q->lock);
        if (q->st == MSP_OK)
            q->st = st;
        g_queue_push_tail(&q->done, page);
        g_cond_broadcast(&q->cond);
    }
    g_mutex_unlock(&q->lock);
    return NULL;
}

msp_page_queue *msp_page_queue_new(msp_page_sink_fn sink, void *user)
{
    msp_page_queue *q = g_new0(msp_page_queue, 1);
    q->sink = sink;
    q->user = user;
    g_mutex_init(&q->lock);
    g_cond_init(&q->cond);
    g_queue_init(&q->todo);
    g_queue_init(&q->done);
    msp_diag_list_init(&q->diags);
    q->thread = g_thread_new("mspdoc-draw", draw_thread, q);
    return q;
}

/* Frees the pages of a list taken from q->done (outside the lock). */
static void free_pages(GQueue *pages)
{
    msp_page *p;
    while ((p = g_queue_pop_head(pages)))
        msp_page_free(p);
}

msp_status msp_page_queue_push(msp_page_queue *q, msp_page *page)
{
    GQueue drawn = G_QUEUE_INIT;
    g_mutex_lock(&q->lock);
    while (q->todo.length >= MSP_PAGE_QUEUE_DEPTH)
        g_cond_wait(&q->cond, &q->lock);
    g_queue_push_tail(&q->todo, page);
    g_cond_broadcast(&q->cond);
    drawn = q->done;
    g_queue_init(&q->done);
    msp_status st = q->st;
    g_mutex_unlock(&q->lock);
    free_pages(&drawn);
    return st;
}

msp_status msp_page_queue_finish(msp_page_queue *q, msp_diag_list *diags)
{
    g_mutex_lock(&q->lock);
    q->closing = true;
    g_cond_broadcast(&q->cond);
    g_mutex_unlock(&q->lock);
    g_thread_join(q->thread);
    free_pages(&q->done);
    msp_status st = q->st;
    msp_diag_list_merge(diags, &q->diags);
    msp_diag_list_clear(&q->diags);
    g_mutex_clear(&q->lock);
    g_cond_clear(&q->cond);
    g_free(q);
    return st;
}
