/* poller: keeps the model fresh through a provider, on loop timers: the
 * service list every 5 s (2 s while a rollout is in progress), the tasks of
 * the selected service at the same pace, and its load-balancer metrics every
 * 60 s (at once on selection or a new window). A failed read keeps the last
 * good data and marks it with the reason; throttling doubles the wait (up to
 * 60 s) and says so. Switching service cancels the old reads; a late answer
 * for a service no longer selected is still stored by name, never through a
 * saved pointer. */
#ifndef RW_POLLER_H
#define RW_POLLER_H

#include "loop.h"
#include "model.h"
#include "provider.h"

#define POLL_SERVICES_MS 5000
#define POLL_ROLLOUT_MS 2000
#define POLL_MAX_BACKOFF_MS 60000
#define POLL_METRICS_MS MODEL_METRICS_INTERVAL_MS

struct rw_poller;

/* Called after the model changed (or its freshness did). */
typedef void (*rw_poller_fn)(void *ud);

/* Start polling prov (borrowed) into fleet (borrowed) on loop; the first reads
 * go out at once. changed may be NULL. */
struct rw_poller *rw_poller_new(struct rw_loop *loop, struct rw_provider *prov,
                                struct model_fleet *fleet, rw_poller_fn changed, void *ud);
/* Follow service name's tasks (NULL: none); a new name is read at once. */
void rw_poller_select(struct rw_poller *p, const char *name);
/* Read the selected service's metrics over the last minutes (30 or 60) from
 * now on; a new window is read at once. */
void rw_poller_metrics_window(struct rw_poller *p, int minutes);
/* Read everything again now (the user asked). */
void rw_poller_refresh(struct rw_poller *p);
/* How long until the next service read, for tests and the status bar. */
int64_t rw_poller_interval(const struct rw_poller *p);
/* Stop polling, cancel what is in flight, free p. NULL is fine. */
void rw_poller_free(struct rw_poller *p);
/* Whether an error reads as throttling (ThrottlingException, TooManyRequests…). */
int rw_poller_is_throttle(const struct rw_err *err);

#endif
