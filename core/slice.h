/* slice: hand a large batch on in bounded slices across loop turns, so one
 * big response (a 1 MB FilterLogEvents page holds thousands of events) never
 * freezes the UI: each turn processes at most max items, then the loop polls
 * stdin and sockets before the next slice. */
#ifndef RW_SLICE_H
#define RW_SLICE_H

#include <stddef.h>

#include "loop.h"

struct rw_slicer;

/* Process items [first, first + n) of the batch. */
typedef void (*rw_slice_fn)(size_t first, size_t n, void *ud);
/* Every item has been processed. */
typedef void (*rw_slice_done_fn)(void *ud);

/* Start handing count items on, at most max per loop turn (the first slice
 * runs on the next turn). done may be NULL. Returns a handle for cancel;
 * the slicer frees itself after done. */
struct rw_slicer *rw_slice_start(struct rw_loop *loop, size_t count, size_t max,
                                 rw_slice_fn fn, rw_slice_done_fn done, void *ud);
/* Stop a slicer that has not finished (neither fn nor done is called again). */
void rw_slice_cancel(struct rw_slicer *s);

#endif
