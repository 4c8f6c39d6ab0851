/* sim_delay: a min-heap of due times and the thread that waits on it. */
#include "sim_delay.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"

static int before(const struct sim_delay_item *a, const struct sim_delay_item *b)
{
    return a->due_ms < b->due_ms || (a->due_ms == b->due_ms && a->seq < b->seq);
}

static void swap(struct sim_delay_item *a, struct sim_delay_item *b)
{
    struct sim_delay_item t = *a;
    *a = *b;
    *b = t;
}

void sim_delay_heap_push(struct sim_delay_heap *h, int64_t due_ms, void *p)
{
    if (h->n == h->cap) {
        h->cap = h->cap ? 2 * h->cap : 16;
        h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
    }
    size_t i = h->n++;
    h->v[i] = (struct sim_delay_item){ due_ms, h->seq++, p };
    while (i > 0 && before(&h->v[i], &h->v[(i - 1) / 2])) {
        swap(&h->v[i], &h->v[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
}

const struct sim_delay_item *sim_delay_heap_peek(const struct sim_delay_heap *h)
{
    return h->n ? &h->v[0] : NULL;
}

int sim_delay_heap_pop(struct sim_delay_heap *h, struct sim_delay_item *out)
{
    if (!h->n)
        return -1;
    *out = h->v[0];
    h->v[0] = h->v[--h->n];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && before(&h->v[l], &h->v[m]))
            m = l;
        if (r < h->n && before(&h->v[r], &h->v[m]))
            m = r;
        if (m == i)
            break;
        swap(&h->v[i], &h->v[m]);
        i = m;
    }
    return 0;
}

void sim_delay_heap_free(struct sim_delay_heap *h)
{
    free(h->v);
    memset(h, 0, sizeof *h);
}

struct sim_delay {
    pthread_mutex_t mu;
    pthread_cond_t cv;       /* on CLOCK_MONOTONIC */
    pthread_t thread;
    struct sim_delay_heap heap;
    int stopping;
    sim_delay_fire_fn fire;
    void *ud;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *run(void *arg)
{
    struct sim_delay *d = arg;
    pthread_mutex_lock(&d->mu);
    while (!d->stopping) {
        const struct sim_delay_item *top = sim_delay_heap_peek(&d->heap);
        if (!top) {
            pthread_cond_wait(&d->cv, &d->mu);
            continue;
        }
        int64_t due = top->due_ms;
        if (due > mono_ms()) {
            struct timespec ts = { (time_t)(due / 1000), (long)(due % 1000) * 1000000L };
            pthread_cond_timedwait(&d->cv, &d->mu, &ts);
            continue;
        }
        struct sim_delay_item it;
        sim_delay_heap_pop(&d->heap, &it);
        pthread_mutex_unlock(&d->mu);
        d->fire(it.p, d->ud);
        pthread_mutex_lock(&d->mu);
    }
    pthread_mutex_unlock(&d->mu);
    return NULL;
}

struct sim_delay *sim_delay_start(sim_delay_fire_fn fire, void *ud)
{
    struct sim_delay *d = xcalloc(1, sizeof *d);
    d->fire = fire;
    d->ud = ud;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&d->mu, NULL);
    pthread_cond_init(&d->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&d->thread, NULL, run, d) != 0) {
        pthread_cond_destroy(&d->cv);
        pthread_mutex_destroy(&d->mu);
        free(d);
        return NULL;
    }
    return d;
}

void sim_delay_add(struct sim_delay *d, int delay_ms, void *p)
{
    pthread_mutex_lock(&d->mu);
    sim_delay_heap_push(&d->heap, mono_ms() + (delay_ms > 0 ? delay_ms : 0), p);
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
}

size_t sim_delay_pending(struct sim_delay *d)
{
    pthread_mutex_lock(&d->mu);
    size_t n = d->heap.n;
    pthread_mutex_unlock(&d->mu);
    return n;
}

size_t sim_delay_stop(struct sim_delay *d)
{
    if (!d)
        return 0;
    pthread_mutex_lock(&d->mu);
    d->stopping = 1;
    pthread_cond_signal(&d->cv);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->thread, NULL);
    size_t n = 0;
    struct sim_delay_item it;
    while (sim_delay_heap_pop(&d->heap, &it) == 0) { /* the thread is gone: no lock needed */
        d->fire(it.p, d->ud);
        n++;
    }
    sim_delay_heap_free(&d->heap);
    pthread_cond_destroy(&d->cv);
    pthread_mutex_destroy(&d->mu);
    free(d);
    return n;
}
