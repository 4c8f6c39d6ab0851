/* follow: poll → pages → tail, then arm the next poll (see follow.h). */
#include "follow.h"

#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "poller.h"
#include "xmalloc.h"

struct follow {
    struct follow_opts o;
    char *group, *prefix, *pattern;
    char **streams;
    size_t nstreams;
    char **fresh;             /* streams new since the last poll: read from the start */
    size_t nfresh;
    char **known;             /* every stream ever followed (never "fresh" again) */
    size_t nknown;
    int catching_up;          /* this poll reads the fresh streams first */
    int rereads;              /* ... and then reads them again from poll_since */
    int no_streams;           /* told to follow an empty list of streams */
    follow_fn fn;
    void *ud;
    struct tail tail;
    uint64_t call, timer;
    char *token;              /* the page being followed */
    int64_t poll_since;       /* this poll's startTime */
    size_t new_lines;
    int64_t wait_ms;
    int throttled, idle_polls;
    uint64_t calls;
    follow_line_fn line_fn;
    void *line_ud;
};

static void poll_now(struct rw_loop *loop, void *ud);

static void schedule(struct follow *f)
{
    f->timer = rw_loop_timer_add(f->o.loop, f->wait_ms, 0, poll_now, f);
}

/* The next wait: fast while lines flow, up to idle after a few empty polls,
 * doubled on throttling. */
static void next_wait(struct follow *f, int throttled)
{
    if (throttled) {
        f->wait_ms = f->wait_ms * 2 > FOLLOW_MAX_BACKOFF_MS ? FOLLOW_MAX_BACKOFF_MS
                                                            : f->wait_ms * 2;
        return;
    }
    f->idle_polls = f->new_lines ? 0 : f->idle_polls + 1;
    f->wait_ms = f->idle_polls < 2 ? FOLLOW_FAST_MS
                 : f->idle_polls < 4 ? 2 * FOLLOW_FAST_MS : FOLLOW_IDLE_MS;
}

static void send_page(struct follow *f);
static void free_list(char **v, size_t n);

static void finish_poll(struct follow *f, const struct rw_err *err)
{
    free(f->token);
    f->token = NULL;
    int done = f->o.end_ms && !err;
    if (!err) /* a failed catch-up reads its streams again: their ids must stay */
        tail_prune(&f->tail);
    next_wait(f, err && rw_poller_is_throttle(err));
    size_t n = f->new_lines;
    f->new_lines = 0;
    if (!done)
        schedule(f);
    f->fn(f->ud, n, err, done);
}

/* Offer a page's events to the tail; each one stored goes to the line callback. */
static void store(struct follow *f, const struct logs_page *pg)
{
    for (size_t i = 0; i < pg->nevents; i++) {
        const struct logs_event *e = &pg->events[i];
        long at = tail_offer_at(&f->tail, e->event_id, e->timestamp_ms, e->ingestion_ms,
                                e->stream, e->message ? e->message : "", e->message_len);
        if (at < 0)
            continue;
        f->new_lines++;
        if (f->line_fn)
            f->line_fn(f->line_ud, log_ring_at(&f->tail.ring, (size_t)at),
                       e->stream ? e->stream : "");
    }
}

/* A one-shot read's page, straight to the line callback. */
static void pass_through(struct follow *f, const struct logs_page *pg)
{
    for (size_t i = 0; i < pg->nevents; i++) {
        const struct logs_event *e = &pg->events[i];
        struct log_line l = { e->timestamp_ms, (uint32_t)e->message_len, 0, 0,
                              (char *)(e->message ? e->message : "") };
        f->new_lines++;
        f->line_fn(f->line_ud, &l, e->stream ? e->stream : "");
    }
}

static void on_page(const struct aws_reply *r, void *ud)
{
    struct follow *f = ud;
    f->call = 0;
    struct logs_page pg;
    struct rw_err err;
    if (!r->ok) {
        finish_poll(f, &r->err);
        return;
    }
    if (logs_parse_filter(r->body, r->len, &pg, &err) < 0) {
        finish_poll(f, &err);
        return;
    }
    if (f->o.pass_through && f->o.end_ms && f->line_fn)
        pass_through(f, &pg);
    else
        store(f, &pg);
    free(f->token);
    f->token = pg.next_token && *pg.next_token ? xstrdup(pg.next_token) : NULL;
    logs_page_free(&pg);
    if (f->token) {
        if (!f->catching_up) /* a new stream's read may be retried whole */
            tail_trim(&f->tail, f->rereads ? f->poll_since : INT64_MAX);
        send_page(f);
    } else if (f->catching_up) { /* the fresh streams are read: now the usual window */
        f->catching_up = 0;
        free_list(f->fresh, f->nfresh);
        f->fresh = NULL;
        f->nfresh = 0;
        send_page(f);
    } else {
        finish_poll(f, NULL);
    }
}

static void send_page(struct follow *f)
{
    struct logs_filter_req q = { .group_name = f->group, .start_ms = f->poll_since,
                                 .end_ms = f->o.end_ms, .filter_pattern = f->pattern,
                                 .next_token = f->token, .limit = LOGS_MAX_LIMIT };
    if (f->catching_up) {
        q.start_ms = f->o.start_ms;
        q.stream_names = (const char *const *)f->fresh;
        q.nstream_names = f->nfresh;
    } else if (f->nstreams) {
        q.stream_names = (const char *const *)f->streams;
        q.nstream_names = f->nstreams;
    } else {
        q.stream_prefix = f->prefix;
    }
    char *json;
    struct rw_err err;
    if (logs_filter_request(&q, &json, &err) < 0) {
        finish_poll(f, &err);
        return;
    }
    struct aws_op op = { AWS_SVC_LOGS, AWS_PROTO_JSON_1_1, LOGS_TARGET_FILTER,
                         "FilterLogEvents", 0, 0 };
    f->calls++;
    f->call = aws_call(f->o.client, &op, json, strlen(json), on_page, f);
    free(json);
}

static void poll_now(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct follow *f = ud;
    f->timer = 0;
    int64_t since = tail_since(&f->tail);
    f->poll_since = since > f->o.start_ms ? since : f->o.start_ms;
    if (!f->tail.newest_ms) { /* nothing seen yet: this poll reads the whole window anyway */
        free_list(f->fresh, f->nfresh);
        f->fresh = NULL;
        f->nfresh = 0;
    }
    f->catching_up = f->rereads = f->nfresh > 0;
    if (f->no_streams)
        finish_poll(f, NULL); /* nothing to read, but a one-shot read still ends */
    else
        send_page(f);
}

struct follow *follow_start(const struct follow_opts *o, follow_fn fn, void *ud)
{
    struct follow *f = xcalloc(1, sizeof *f);
    f->o = *o;
    f->group = xstrdup(o->group);
    f->prefix = o->stream_prefix ? xstrdup(o->stream_prefix) : NULL;
    f->pattern = o->filter_pattern && *o->filter_pattern ? xstrdup(o->filter_pattern) : NULL;
    f->fn = fn;
    f->ud = ud;
    f->wait_ms = 0;
    tail_init(&f->tail, o->cap);
    schedule(f);
    f->wait_ms = FOLLOW_FAST_MS;
    return f;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_streams(struct follow *f)
{
    free_list(f->streams, f->nstreams);
    f->streams = NULL;
    f->nstreams = 0;
}

static int has(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return 1;
    return 0;
}

/* Remember which of names[0..n) were not followed before: the next poll reads
 * them from the window's start, since their first lines may predate the
 * watermark (a task that started a few seconds ago, say). */
static void note_fresh(struct follow *f, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (has(f->known, f->nknown, names[i]))
            continue;
        f->known = xreallocarray(f->known, f->nknown + 1, sizeof *f->known);
        f->known[f->nknown++] = xstrdup(names[i]);
        if (f->nfresh < 100) {
            f->fresh = xreallocarray(f->fresh, f->nfresh + 1, sizeof *f->fresh);
            f->fresh[f->nfresh++] = xstrdup(names[i]);
        }
    }
}

void follow_set_streams(struct follow *f, const char *const *names, size_t n)
{
    if (n > 100)
        n = 100;
    note_fresh(f, names, n);
    free_streams(f);
    f->no_streams = names && !n;
    if (n > 100)
        n = 100;
    f->streams = n ? xcalloc(n, sizeof *f->streams) : NULL;
    for (size_t i = 0; i < n; i++)
        f->streams[i] = xstrdup(names[i]);
    f->nstreams = n;
}

void follow_on_line(struct follow *f, follow_line_fn fn, void *ud)
{
    f->line_fn = fn;
    f->line_ud = ud;
}

struct tail *follow_tail(struct follow *f)
{
    return &f->tail;
}

int64_t follow_interval(const struct follow *f)
{
    return f->wait_ms;
}

uint64_t follow_calls(const struct follow *f)
{
    return f->calls;
}

void follow_free(struct follow *f)
{
    if (!f)
        return;
    if (f->call)
        aws_cancel(f->o.client, f->call);
    if (f->timer)
        rw_loop_timer_cancel(f->o.loop, f->timer);
    free_streams(f);
    free_list(f->fresh, f->nfresh);
    free_list(f->known, f->nknown);
    free(f->token);
    free(f->group);
    free(f->prefix);
    free(f->pattern);
    tail_free(&f->tail);
    free(f);
}
