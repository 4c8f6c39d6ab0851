/* poller: one timer per kind of read; each read's completion stores what came,
 * marks freshness and arms the next read, so at most one of each is in flight. */
#include "poller.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "xmalloc.h"

struct rw_poller {
    struct rw_loop *loop;
    struct rw_provider *prov;
    struct model_fleet *fleet;
    rw_poller_fn changed;
    void *ud;
    struct rw_preq *svc_req, *task_req, *metrics_req;
    uint64_t svc_timer, task_timer, metrics_timer;
    int svc_failures, task_failures, metrics_failures;
    int window_min;
    int metrics_waiting;  /* the selected service is not known yet: ask when it is */
    char *selected;
};

int rw_poller_is_throttle(const struct rw_err *err)
{
    static const char *const marks[] = { "Throttl", "TooManyRequests", "RequestLimitExceeded",
                                         "SlowDown", "Rate exceeded" };
    for (size_t i = 0; err && i < sizeof marks / sizeof *marks; i++)
        if (strstr(err->msg, marks[i]))
            return 1;
    return 0;
}

/* The wait after a read whose interval is base: base, or when throttled 5 s
 * doubled per throttled try, up to 60 s, and never less than base. */
static int64_t wait_after(int64_t base, int failures, int throttled)
{
    if (!throttled)
        return base;
    int64_t w = POLL_SERVICES_MS;
    for (int i = 1; i < failures && w < POLL_MAX_BACKOFF_MS; i++)
        w *= 2;
    w = w < POLL_MAX_BACKOFF_MS ? w : POLL_MAX_BACKOFF_MS;
    return w > base ? w : base;
}

/* The wait before the next read: faster during a rollout, doubled per throttled try. */
static int64_t next_wait(const struct rw_poller *p, int failures, int throttled)
{
    int64_t base = POLL_SERVICES_MS;
    for (size_t i = 0; i < p->fleet->nservices; i++) {
        const char *r = p->fleet->services[i].rollout;
        if (r && strcmp(r, "IN_PROGRESS") == 0)
            base = POLL_ROLLOUT_MS;
    }
    return wait_after(base, failures, throttled);
}

/* Length of the identifier at s ending in ':' (an AWS error code), else 0. */
static size_t code_len(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z') ||
           (s[n] >= '0' && s[n] <= '9'))
        n++;
    return n && s[n] == ':' ? n : 0;
}

/* The short reason for a stale marker: the error code out of "Op: Code: message",
 * else the whole message; plus the back-off when throttled. */
static void reason_of(const struct rw_err *err, int throttled, int64_t wait, char *buf, size_t n)
{
    const char *msg = err->msg, *rest = strstr(msg, ": ");
    size_t len = strlen(msg);
    if (code_len(msg) && rest && code_len(rest + 2)) {
        msg = rest + 2;
        len = code_len(msg);
    }
    char w[24] = "";
    if (throttled)
        rw_clock_dur(wait, w, sizeof w);
    snprintf(buf, n, "%.*s%s%s%s", (int)len, msg, throttled ? " (backing off " : "", w,
             throttled ? ")" : "");
}

static void notify(struct rw_poller *p)
{
    if (p->changed)
        p->changed(p->ud);
}

static void read_services(struct rw_loop *loop, void *ud);
static void read_tasks(struct rw_loop *loop, void *ud);
static void read_metrics(struct rw_loop *loop, void *ud);

/* (Re)start the selected service's metrics read at once. */
static void metrics_now(struct rw_poller *p)
{
    rw_provider_cancel(p->prov, p->metrics_req);
    p->metrics_req = NULL;
    if (p->metrics_timer)
        rw_loop_timer_cancel(p->loop, p->metrics_timer);
    p->metrics_timer = p->selected ? rw_loop_timer_add(p->loop, 0, 0, read_metrics, p) : 0;
}

static void on_services(void *ud, const char *scope, struct model_service *svcs, size_t n,
                        const struct rw_err *err)
{
    struct rw_poller *p = ud;
    p->svc_req = NULL;
    int64_t now = rw_mono_ms();
    int throttled = rw_poller_is_throttle(err);
    if (err) {
        p->svc_failures++;
        char why[120];
        reason_of(err, throttled, next_wait(p, p->svc_failures, throttled), why, sizeof why);
        rw_fresh_failed(&p->fleet->fresh, now, why);
    } else {
        p->svc_failures = 0;
        free(p->fleet->scope);
        p->fleet->scope = xstrdup(scope ? scope : "");
        model_fleet_set_services(p->fleet, svcs, n, now);
        if (p->metrics_waiting && model_service_find(p->fleet, p->selected))
            metrics_now(p);
    }
    p->svc_timer = rw_loop_timer_add(p->loop, next_wait(p, p->svc_failures, throttled), 0,
                                     read_services, p);
    notify(p);
}

static void read_services(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct rw_poller *p = ud;
    p->svc_timer = 0;
    if (p->svc_req)
        return;
    rw_fresh_asked(&p->fleet->fresh, rw_mono_ms());
    p->svc_req = rw_provider_list_services(p->prov, on_services, p);
}

static void on_tasks(void *ud, const char *service, struct model_task *tasks, size_t n,
                     const struct rw_err *err)
{
    struct rw_poller *p = ud;
    p->task_req = NULL;
    int64_t now = rw_mono_ms();
    int throttled = rw_poller_is_throttle(err);
    struct model_service *s = model_service_find(p->fleet, service);
    if (err) {
        p->task_failures++;
        if (s) {
            char why[120];
            reason_of(err, throttled, next_wait(p, p->task_failures, throttled), why, sizeof why);
            rw_fresh_failed(&s->tasks_fresh, now, why);
        }
    } else {
        p->task_failures = 0;
        model_service_set_tasks(p->fleet, service, tasks, n, now);
    }
    if (p->selected && !p->task_timer)
        p->task_timer = rw_loop_timer_add(p->loop, next_wait(p, p->task_failures, throttled), 0,
                                          read_tasks, p);
    notify(p);
}

static void read_tasks(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct rw_poller *p = ud;
    p->task_timer = 0;
    if (p->task_req || !p->selected)
        return;
    struct model_service *s = model_service_find(p->fleet, p->selected);
    if (s)
        rw_fresh_asked(&s->tasks_fresh, rw_mono_ms());
    p->task_req = rw_provider_list_tasks(p->prov, p->selected, on_tasks, p);
}

static void on_metrics(void *ud, const char *service, struct model_metrics *m,
                       const struct rw_err *err)
{
    struct rw_poller *p = ud;
    p->metrics_req = NULL;
    int64_t now = rw_mono_ms();
    int throttled = rw_poller_is_throttle(err);
    struct model_service *s = model_service_find(p->fleet, service);
    if (err) {
        p->metrics_failures++;
        if (s) {
            char why[120];
            reason_of(err, throttled, wait_after(POLL_METRICS_MS, p->metrics_failures, throttled),
                      why, sizeof why);
            rw_fresh_failed(&s->metrics_fresh, now, why);
        }
    } else {
        p->metrics_failures = 0;
        model_service_set_metrics(p->fleet, service, m, now);
    }
    if (p->selected && !p->metrics_timer)
        p->metrics_timer = rw_loop_timer_add(
            p->loop, wait_after(POLL_METRICS_MS, p->metrics_failures, throttled), 0,
            read_metrics, p);
    notify(p);
}

static void read_metrics(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct rw_poller *p = ud;
    p->metrics_timer = 0;
    if (p->metrics_req || !p->selected)
        return;
    struct model_service *s = model_service_find(p->fleet, p->selected);
    p->metrics_waiting = !s; /* its target groups come with the service list */
    if (!s)
        return;
    struct rw_metrics_query q = { p->selected, (const char *const *)s->target_groups,
                                  s->ntarget_groups, p->window_min };
    p->metrics_req = rw_provider_metrics(p->prov, &q, on_metrics, p);
    if (p->metrics_req) /* NULL: this provider has no metrics */
        rw_fresh_asked(&s->metrics_fresh, rw_mono_ms());
}

struct rw_poller *rw_poller_new(struct rw_loop *loop, struct rw_provider *prov,
                                struct model_fleet *fleet, rw_poller_fn changed, void *ud)
{
    struct rw_poller *p = xcalloc(1, sizeof *p);
    p->loop = loop;
    p->prov = prov;
    p->fleet = fleet;
    p->changed = changed;
    p->ud = ud;
    p->window_min = MODEL_METRICS_WINDOW_MIN;
    p->svc_timer = rw_loop_timer_add(loop, 0, 0, read_services, p);
    return p;
}

void rw_poller_select(struct rw_poller *p, const char *name)
{
    if ((!name && !p->selected) || (name && p->selected && strcmp(name, p->selected) == 0))
        return;
    free(p->selected);
    p->selected = name ? xstrdup(name) : NULL;
    rw_provider_cancel(p->prov, p->task_req);
    p->task_req = NULL;
    if (p->task_timer)
        rw_loop_timer_cancel(p->loop, p->task_timer);
    p->task_timer = name ? rw_loop_timer_add(p->loop, 0, 0, read_tasks, p) : 0;
    p->metrics_failures = 0;
    p->metrics_waiting = 0;
    metrics_now(p);
}

void rw_poller_metrics_window(struct rw_poller *p, int minutes)
{
    if (minutes <= 0 || minutes == p->window_min)
        return;
    p->window_min = minutes;
    metrics_now(p);
}

void rw_poller_refresh(struct rw_poller *p)
{
    if (!p->svc_req) {
        if (p->svc_timer)
            rw_loop_timer_cancel(p->loop, p->svc_timer);
        p->svc_timer = rw_loop_timer_add(p->loop, 0, 0, read_services, p);
    }
    if (p->selected && !p->task_req) {
        if (p->task_timer)
            rw_loop_timer_cancel(p->loop, p->task_timer);
        p->task_timer = rw_loop_timer_add(p->loop, 0, 0, read_tasks, p);
    }
    if (p->selected && !p->metrics_req)
        metrics_now(p);
}

int64_t rw_poller_interval(const struct rw_poller *p)
{
    return next_wait(p, p->svc_failures, p->svc_failures > 0);
}

void rw_poller_free(struct rw_poller *p)
{
    if (!p)
        return;
    rw_provider_cancel(p->prov, p->svc_req);
    rw_provider_cancel(p->prov, p->task_req);
    rw_provider_cancel(p->prov, p->metrics_req);
    if (p->svc_timer)
        rw_loop_timer_cancel(p->loop, p->svc_timer);
    if (p->task_timer)
        rw_loop_timer_cancel(p->loop, p->task_timer);
    if (p->metrics_timer)
        rw_loop_timer_cancel(p->loop, p->metrics_timer);
    free(p->selected);
    free(p);
}
