/* slice: bounded slices across loop turns (see slice.h). */
#include "slice.h"

#include <stdlib.h>

#include "xmalloc.h"

struct rw_slicer {
    struct rw_loop *loop;
    size_t count, next, max;
    rw_slice_fn fn;
    rw_slice_done_fn done;
    void *ud;
    uint64_t timer;
};

static void on_turn(struct rw_loop *loop, void *ud)
{
    struct rw_slicer *s = ud;
    s->timer = 0;
    size_t n = s->count - s->next < s->max ? s->count - s->next : s->max;
    if (n) {
        size_t first = s->next;
        s->next += n;
        s->fn(first, n, s->ud);
    }
    if (s->next < s->count) { /* a timer armed here fires next turn, after a poll */
        s->timer = rw_loop_timer_add(loop, 0, 0, on_turn, s);
        return;
    }
    rw_slice_done_fn done = s->done;
    void *dud = s->ud;
    free(s);
    if (done)
        done(dud);
}

struct rw_slicer *rw_slice_start(struct rw_loop *loop, size_t count, size_t max,
                                 rw_slice_fn fn, rw_slice_done_fn done, void *ud)
{
    struct rw_slicer *s = xcalloc(1, sizeof *s);
    s->loop = loop;
    s->count = count;
    s->max = max ? max : 1;
    s->fn = fn;
    s->done = done;
    s->ud = ud;
    s->timer = rw_loop_timer_add(loop, 0, 0, on_turn, s);
    return s;
}

void rw_slice_cancel(struct rw_slicer *s)
{
    if (!s)
        return;
    if (s->timer)
        rw_loop_timer_cancel(s->loop, s->timer);
    free(s);
}
