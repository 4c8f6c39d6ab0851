/* fresh: freshness bookkeeping for one datum; pure, the clock is passed in. */
#include "fresh.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"

void rw_fresh_init(struct rw_fresh *f, int64_t interval_ms)
{
    memset(f, 0, sizeof *f);
    f->interval_ms = interval_ms > 0 ? interval_ms : 1000;
}

void rw_fresh_asked(struct rw_fresh *f, int64_t now)
{
    f->asked_ms = now;
    f->in_flight = 1;
}

void rw_fresh_ok(struct rw_fresh *f, int64_t now)
{
    f->fetched_ms = now > 0 ? now : 1;
    f->in_flight = 0;
    f->failures = 0;
    f->reason[0] = '\0';
}

void rw_fresh_failed(struct rw_fresh *f, int64_t now, const char *reason)
{
    (void)now;
    f->in_flight = 0;
    f->failures++;
    snprintf(f->reason, sizeof f->reason, "%s", reason && *reason ? reason : "request failed");
}

int rw_fresh_loaded(const struct rw_fresh *f)
{
    return f->fetched_ms != 0;
}

/* The time its age counts from: the last good load, else the first request. */
static int64_t since(const struct rw_fresh *f)
{
    return f->fetched_ms ? f->fetched_ms : f->asked_ms;
}

int rw_fresh_stale(const struct rw_fresh *f, int64_t now)
{
    if (!since(f))
        return 0;
    return now - since(f) > 2 * f->interval_ms;
}

void rw_fresh_marker(const struct rw_fresh *f, int64_t now, char *buf, size_t n)
{
    if (!n)
        return;
    buf[0] = '\0';
    if (!rw_fresh_stale(f, now))
        return;
    char age[24], wait[24];
    rw_clock_dur(now - since(f), age, sizeof age);
    if (f->reason[0]) {
        snprintf(buf, n, "stale %s: %s", age, f->reason);
    } else if (f->in_flight) {
        rw_clock_dur(now - f->asked_ms, wait, sizeof wait);
        snprintf(buf, n, "stale %s: no answer for %s", age, wait);
    } else {
        snprintf(buf, n, "stale %s", age);
    }
}
