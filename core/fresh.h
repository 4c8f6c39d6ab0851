/* fresh: how fresh one datum of the model is. Every datum carries when it was
 * last fetched (boot clock, so a suspended laptop does not under-report age)
 * and its refresh interval. It is stale once older than twice that interval,
 * whether its last request failed or is still hanging; stale data stays on
 * screen, marked with its age and the reason. */
#ifndef RW_FRESH_H
#define RW_FRESH_H

#include <stddef.h>
#include <stdint.h>

struct rw_fresh {
    int64_t fetched_ms;   /* boot clock of the last good load; 0 = never loaded */
    int64_t asked_ms;     /* boot clock the newest request was sent; 0 = none */
    int64_t interval_ms;  /* how often it is refreshed */
    int in_flight;        /* a request is out */
    int failures;         /* failed requests since the last good one */
    char reason[120];     /* why the newest request failed; "" if it did not */
};

/* Start tracking a datum refreshed every interval_ms. */
void rw_fresh_init(struct rw_fresh *f, int64_t interval_ms);
/* A request for it was sent at now. */
void rw_fresh_asked(struct rw_fresh *f, int64_t now);
/* Its request came back good at now. */
void rw_fresh_ok(struct rw_fresh *f, int64_t now);
/* Its request failed at now with reason (kept, clipped, for the stale marker). */
void rw_fresh_failed(struct rw_fresh *f, int64_t now, const char *reason);
/* Whether it has ever loaded. */
int rw_fresh_loaded(const struct rw_fresh *f);
/* Whether it is stale at now: loaded and older than twice its interval, or never
 * loaded with a request out (or failed) for longer than twice its interval. */
int rw_fresh_stale(const struct rw_fresh *f, int64_t now);
/* The marker for a stale datum, e.g. "stale 42s: ThrottlingException" or
 * "stale 42s: no answer for 12s"; "" when fresh. Writes into buf (size n). */
void rw_fresh_marker(const struct rw_fresh *f, int64_t now, char *buf, size_t n);

#endif
