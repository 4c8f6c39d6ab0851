/* sim_control: the /_sim router (a table: one line per endpoint) and the
 * endpoints for health, faults, request statistics and credentials. */
#include "sim_control.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"
#include "sim_logs_control.h"

#define JSON "application/json"

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ok(struct sim_reply *r, char *body)
{
    r->status = 200;
    r->body = body;
    r->content_type = JSON;
}

static void fail(struct sim_reply *r, int status, const char *type, const char *msg)
{
    sim_route_error(r, status, type, msg);
    r->content_type = JSON;
}

static int method_is(const struct sim_control_req *q, const char *m, struct sim_reply *r)
{
    if (strcmp(q->method, m) == 0)
        return 1;
    fail(r, 405, "MethodNotAllowed", "this endpoint answers GET (and /_sim/faults POST)");
    return 0;
}

static void ctl_health(struct sim_world *w, struct sim_state *st,
                       const struct sim_control_req *q, struct sim_reply *r)
{
    (void)w, (void)st;
    if (method_is(q, "GET", r))
        ok(r, xstrdup("{\"status\":\"ok\"}"));
}

static void ctl_faults(struct sim_world *w, struct sim_state *st,
                      const struct sim_control_req *q, struct sim_reply *r)
{
    (void)w;
    if (strcmp(q->method, "POST") == 0) {
        char msg[200];
        pthread_mutex_lock(&st->mu);
        int rc = sim_faults_parse_json(q->body, q->len, &st->faults, msg, sizeof msg);
        pthread_mutex_unlock(&st->mu);
        if (rc < 0) {
            fail(r, 400, "InvalidParameterException", msg);
            return;
        }
    } else if (!method_is(q, "GET", r)) {
        return;
    }
    pthread_mutex_lock(&st->mu);
    ok(r, sim_faults_json(&st->faults));
    pthread_mutex_unlock(&st->mu);
}

static void ctl_requests(struct sim_world *w, struct sim_state *st,
                         const struct sim_control_req *q, struct sim_reply *r)
{
    (void)w;
    if (!method_is(q, "GET", r))
        return;
    pthread_mutex_lock(&st->mu);
    ok(r, sim_stats_json(&st->stats));
    pthread_mutex_unlock(&st->mu);
}

/* The container-credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI). */
static void ctl_credentials(struct sim_world *w, struct sim_state *st,
                            const struct sim_control_req *q, struct sim_reply *r)
{
    (void)w;
    if (!method_is(q, "GET", r))
        return;
    pthread_mutex_lock(&st->mu);
    if (st->faults.expire_credentials_after_s > 0)
        ok(r, sim_creds_json(sim_creds_issue(&st->creds, wall_ms())));
    else
        fail(r, 404, "NotFound", "no credentials endpoint: start the sim with "
             "--expire-credentials-after SECONDS");
    pthread_mutex_unlock(&st->mu);
}

/* POST /_sim/logs: inject log lines. */
static void ctl_logs(struct sim_world *w, struct sim_state *st, const struct sim_control_req *q,
                     struct sim_reply *r)
{
    (void)st;
    if (method_is(q, "POST", r))
        sim_logs_control_inject(w, q->body, q->len, r);
}

/* GET /_sim/truth/logs?group=G…: every visible event, as FilterLogEvents orders them. */
static void ctl_truth(struct sim_world *w, struct sim_state *st, const struct sim_control_req *q,
                      struct sim_reply *r)
{
    (void)st;
    if (method_is(q, "GET", r))
        sim_logs_control_truth(w, q->query ? q->query : "", r);
}

/* The control endpoints, by exact path. */
static const struct {
    const char *path;
    sim_control_fn fn;
} routes[] = {
    { "/_sim/health", ctl_health },
    { "/_sim/faults", ctl_faults },
    { "/_sim/requests", ctl_requests },
    { "/_sim/credentials", ctl_credentials },
    { "/_sim/logs", ctl_logs },
    { "/_sim/truth/logs", ctl_truth },
};

void sim_control_handle(struct sim_world *w, struct sim_state *st,
                        const struct sim_control_req *q, struct sim_reply *r)
{
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        if (strcmp(q->path, routes[i].path) != 0)
            continue;
        routes[i].fn(w, st, q, r);
        return;
    }
    fail(r, 404, "NotFound", "no such control endpoint");
}

struct sim_state *sim_state_new(const struct sim_faults *f, uint64_t seed)
{
    struct sim_state *st = xcalloc(1, sizeof *st);
    pthread_mutex_init(&st->mu, NULL);
    st->faults = *f;
    sim_rng_seed(&st->rng, seed);
    sim_creds_init(&st->creds, f->expire_credentials_after_s, seed);
    return st;
}

void sim_state_free(struct sim_state *st)
{
    if (!st)
        return;
    sim_stats_free(&st->stats);
    explicit_bzero(&st->creds, sizeof st->creds);
    pthread_mutex_destroy(&st->mu);
    free(st);
}
