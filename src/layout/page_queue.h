/* Pages drawn on a thread of their own (page_queue.c): layout hands each
 * finished page over and goes on with the next while the sink draws it. */
#ifndef MSP_PAGE_QUEUE_H
#define MSP_PAGE_QUEUE_H

#include "layout/area.h"

typedef struct msp_page_queue msp_page_queue;

/* A queue whose thread calls sink(user, page, diags) on each page pushed, in
 * order; diags is the queue's own list. Never NULL. */
msp_page_queue *msp_page_queue_new(msp_page_sink_fn sink, void *user);

/* Takes page (the queue frees it, on this thread, once it is drawn); waits
 * while the drawing thread is MSP_PAGE_QUEUE_DEPTH pages behind. Returns
 * MSP_OK, or the first failure the sink returned so far (the pages after a
 * failure are not drawn). */
msp_status msp_page_queue_push(msp_page_queue *q, msp_page *page);

/* Waits until every page is drawn, frees them and the queue, moves what the
 * sink reported into diags, and returns MSP_OK or the sink's first failure. */
msp_status msp_page_queue_finish(msp_page_queue *q, msp_diag_list *diags);

#define MSP_PAGE_QUEUE_DEPTH 3

#endif
