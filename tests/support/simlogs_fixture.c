/* simlogs_fixture: worlds with logs on a fake clock (see simlogs_fixture.h). */
#include "simlogs_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "core/xmalloc.h"
#include "sim/sim_logs.h"
#include "sim/sim_logs_control.h"
#include "sim/sim_logs_ops.h"

int64_t simlogs_clock_ms = SIMLOGS_NOW;

static int64_t fake_clock(void)
{
    return simlogs_clock_ms;
}

struct sim_world *simlogs_world(const char *scenario, uint64_t seed)
{
    struct sim_world *w = malloc(sizeof *w);
    simlogs_clock_ms = SIMLOGS_NOW;
    if (!w || sim_world_init(w, scenario, SIMLOGS_NOW, seed, 1) < 0) {
        free(w);
        return NULL;
    }
    w->clock = fake_clock;
    sim_logs_attach(w);
    return w;
}

void simlogs_world_free(struct sim_world *w)
{
    if (!w)
        return;
    sim_world_destroy(w);
    free(w);
}

char *simlogs_call(struct sim_world *w, const char *op, const char *body, int *status)
{
    struct sim_reply r;
    sim_logs_handle(w, op, body, strlen(body), &r);
    *status = r.status;
    return r.body;
}

char *simlogs_inject(struct sim_world *w, const char *body, int *status)
{
    struct sim_reply r;
    sim_logs_control_inject(w, body, strlen(body), &r);
    *status = r.status;
    return r.body;
}

char *simlogs_truth(struct sim_world *w, const char *query, int *status)
{
    struct sim_reply r;
    sim_logs_control_truth(w, query, &r);
    *status = r.status;
    return r.body;
}

static void add_page(struct simlogs_events *out, const struct logs_page *pg)
{
    out->ev = xreallocarray(out->ev, out->n + pg->nevents + 1, sizeof *out->ev);
    for (size_t i = 0; i < pg->nevents; i++) {
        const struct logs_event *e = &pg->events[i];
        struct simlogs_ev *d = &out->ev[out->n++];
        d->ts = e->timestamp_ms;
        d->ingest = e->ingestion_ms;
        d->stream = xstrdup(e->stream ? e->stream : "");
        d->id = xstrdup(e->event_id ? e->event_id : "");
        d->msg = xstrndup(e->message ? e->message : "", e->message_len);
    }
    out->pages++;
}

int simlogs_filter_all(struct sim_world *w, const char *fields, int limit,
                       struct simlogs_events *out)
{
    char *token = NULL;
    memset(out, 0, sizeof *out);
    for (;;) {
        char *body = token ? xasprintf("{%s,\"limit\":%d,\"nextToken\":\"%s\"}", fields, limit,
                                       token)
                           : xasprintf("{%s,\"limit\":%d}", fields, limit);
        int status;
        char *reply = simlogs_call(w, "FilterLogEvents", body, &status);
        free(body);
        free(token);
        token = NULL;
        struct logs_page pg;
        struct rw_err err;
        int rc = status == 200 ? logs_parse_filter(reply, strlen(reply), &pg, &err) : -1;
        free(reply);
        if (rc < 0)
            return -1;
        add_page(out, &pg);
        token = pg.next_token ? xstrdup(pg.next_token) : NULL;
        logs_page_free(&pg);
        if (!token || out->pages > 100000)
            return token ? (free(token), -1) : 0;
    }
}

int simlogs_truth_events(struct sim_world *w, const char *query, struct simlogs_events *out)
{
    int status;
    memset(out, 0, sizeof *out);
    char *reply = simlogs_truth(w, query, &status);
    struct logs_page pg;
    struct rw_err err;
    int rc = status == 200 ? logs_parse_filter(reply, strlen(reply), &pg, &err) : -1;
    free(reply);
    if (rc == 0) {
        add_page(out, &pg);
        logs_page_free(&pg);
    }
    return rc;
}

void simlogs_events_free(struct simlogs_events *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->ev[i].stream);
        free(e->ev[i].id);
        free(e->ev[i].msg);
    }
    free(e->ev);
    memset(e, 0, sizeof *e);
}

size_t simlogs_count(const struct simlogs_events *e, const char *stream, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        n += (!stream || strcmp(e->ev[i].stream, stream) == 0) && strstr(e->ev[i].msg, needle);
    return n;
}
