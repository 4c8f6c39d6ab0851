/* sim_delay: replies sent later without blocking the server's one polling
 * thread. The server suspends a connection and queues it here with its due
 * time; a small thread waits on a condition variable for the earliest due item
 * and hands it to the fire callback (which resumes the connection). The queue
 * itself is a min-heap ordered by (due, insertion), unit-tested on its own. */
#ifndef RW_SIM_DELAY_H
#define RW_SIM_DELAY_H

#include <stddef.h>
#include <stdint.h>

struct sim_delay_item {
    int64_t due_ms;        /* CLOCK_MONOTONIC milliseconds */
    uint64_t seq;          /* insertion order: equal due times stay in order */
    void *p;
};

struct sim_delay_heap {
    struct sim_delay_item *v;
    size_t n, cap;
    uint64_t seq;
};

/* Add p, due at due_ms. */
void sim_delay_heap_push(struct sim_delay_heap *h, int64_t due_ms, void *p);
/* The earliest item (ties: the first pushed), or NULL if empty. */
const struct sim_delay_item *sim_delay_heap_peek(const struct sim_delay_heap *h);
/* Remove the earliest item into *out; 0, or -1 if empty. */
int sim_delay_heap_pop(struct sim_delay_heap *h, struct sim_delay_item *out);
/* Free the heap's storage (not the items' p). */
void sim_delay_heap_free(struct sim_delay_heap *h);

typedef void (*sim_delay_fire_fn)(void *p, void *ud);

struct sim_delay;

/* Start the delay thread; fire(p, ud) runs on it when an item is due (never
 * with the queue's lock held). NULL if the thread cannot start. */
struct sim_delay *sim_delay_start(sim_delay_fire_fn fire, void *ud);
/* Queue p to fire delay_ms from now; thread-safe. */
void sim_delay_add(struct sim_delay *d, int delay_ms, void *p);
/* How many items wait. */
size_t sim_delay_pending(struct sim_delay *d);
/* Fire every item still waiting at once (in due order), stop the thread and
 * free d; returns how many were fired early. NULL is fine. */
size_t sim_delay_stop(struct sim_delay *d);

#endif
