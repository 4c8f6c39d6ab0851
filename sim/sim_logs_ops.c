/* sim_logs_ops: the fake CloudWatch Logs' dispatch, FilterLogEvents and
 * GetLogEvents (the Describe operations are in sim_logs_describe.c). A group's
 * visible events sit in (timestamp, ingestion order), so a read is a binary
 * search to its start position and a forward or backward scan. */
#include "sim_logs_ops_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_logs_pattern.h"

#define EVENT_OVERHEAD 80 /* bytes of JSON around a GetLogEvents message */

const struct sim_log_group *sim_logs_op_group(const struct sim_logs_ctx *c, const char *name,
                                              struct sim_reply *r)
{
    int g = c->s ? sim_logs_find_group(c->s, name) : -1;
    if (g >= 0)
        return c->s->groups[g];
    sim_route_error(r, 400, "ResourceNotFoundException", "The specified log group does not exist.");
    return NULL;
}

void sim_logs_op_ok(struct sim_reply *r, struct sim_logs_json *b)
{
    r->status = 200;
    r->body = sim_logs_json_take(b);
}

void sim_logs_event_json(struct sim_logs_json *b, const struct sim_log_group *g,
                         const struct sim_log_event *e)
{
    const char *name = g->streams[e->stream].name;
    char id[SIM_LOGS_EVENT_ID_LEN + 1];
    sim_logs_event_id(e->id, e->ts, id);
    sim_logs_json_lit(b, "{\"logStreamName\":");
    sim_logs_json_str(b, name, strlen(name));
    sim_logs_json_lit(b, ",\"timestamp\":");
    sim_logs_json_i64(b, e->ts);
    sim_logs_json_lit(b, ",\"message\":");
    sim_logs_json_str(b, e->msg, e->len);
    sim_logs_json_lit(b, ",\"ingestionTime\":");
    sim_logs_json_i64(b, e->ingest);
    sim_logs_json_lit(b, ",\"eventId\":\"");
    sim_logs_json_lit(b, id);
    sim_logs_json_lit(b, "\"}");
}

/* Which streams of g the request reads: NULL for all (caller frees). */
static unsigned char *stream_mask(const struct sim_log_group *g, const struct sim_logs_req *q)
{
    if (!q->streams && !q->prefix)
        return NULL;
    unsigned char *want = xcalloc(g->nstreams + 1, 1);
    for (size_t i = 0; i < q->nstreams; i++) {
        int st = sim_logs_find_stream(g, q->streams[i]);
        if (st >= 0)
            want[st] = 1;
    }
    size_t pl = q->prefix ? strlen(q->prefix) : 0;
    for (uint32_t i = 0; q->prefix && i < g->nstreams; i++)
        want[i] = strncmp(g->streams[i].name, q->prefix, pl) == 0;
    return want;
}

static void bad_token(struct sim_reply *r)
{
    sim_route_error(r, 400, "InvalidParameterException", "The specified nextToken is invalid.");
}

/* FilterLogEvents' first index: after the token's event, not before startTime. */
static int filter_start(const struct sim_log_group *g, const struct sim_logs_req *q, size_t *i)
{
    int64_t ts = q->has_start ? q->start : 0;
    uint64_t seq;
    *i = sim_logs_seek(g, ts, 0);
    if (!q->token)
        return 0;
    if (sim_logs_parse_token(g->name, q->token, &ts, &seq) < 0)
        return -1;
    size_t at = sim_logs_seek(g, ts, seq + 1);
    *i = at > *i ? at : *i;
    return 0;
}

static void filter_events(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                          struct sim_reply *r)
{
    const struct sim_log_group *g = sim_logs_op_group(c, q->group, r);
    struct sim_logs_pattern *pat = NULL;
    struct rw_err err;
    size_t i;
    if (!g)
        return;
    if (q->pattern && sim_logs_pattern_compile(q->pattern, strlen(q->pattern), &pat, &err) < 0) {
        sim_route_error(r, 400, "InvalidParameterException", "Invalid filter pattern");
        return;
    }
    if (filter_start(g, q, &i) < 0) {
        sim_logs_pattern_free(pat);
        bad_token(r);
        return;
    }
    unsigned char *want = stream_mask(g, q);
    struct sim_logs_json b = { 0 };
    sim_logs_json_lit(&b, "{\"events\":[");
    size_t limit = q->limit ? (size_t)q->limit : 10000, count = 0, start = b.n;
    const struct sim_log_event *last = NULL;
    for (; i < g->n; i++) {
        const struct sim_log_event *e = &g->ev[i];
        if (q->has_end && e->ts > q->end)
            break;
        if ((want && !want[e->stream]) || (pat && !sim_logs_pattern_match(pat, e->msg, e->len)))
            continue;
        if (count == limit)
            break;
        size_t mark = b.n;
        if (count)
            sim_logs_json_lit(&b, ",");
        sim_logs_event_json(&b, g, e);
        if (count && b.n - start > SIM_LOGS_PAGE_BYTES) { /* it does not fit: next page */
            b.n = mark;
            b.p[mark] = '\0';
            break;
        }
        count++;
        last = e;
    }
    sim_logs_json_lit(&b, "]");
    if (i < g->n && last && !(q->has_end && g->ev[i].ts > q->end)) {
        char tok[64];
        sim_logs_token(g->name, last->ts, last->seq, tok, sizeof tok);
        sim_logs_json_lit(&b, ",\"nextToken\":\"");
        sim_logs_json_lit(&b, tok);
        sim_logs_json_lit(&b, "\"");
    }
    sim_logs_json_lit(&b, "}");
    sim_logs_op_ok(r, &b);
    free(want);
    sim_logs_pattern_free(pat);
}

struct get_scan {
    const struct sim_log_group *g;
    int st;
    int64_t lo, hi;           /* [startTime, endTime) */
    size_t limit, n, *idx;
};

/* Collect the page's indices, forward from index i or backward before it. */
static void get_collect(struct get_scan *s, size_t i, int forward)
{
    size_t bytes = 0;
    for (; s->n < s->limit && (forward ? i < s->g->n : i > s->g->head); forward ? i++ : i--) {
        size_t k = forward ? i : i - 1;
        const struct sim_log_event *e = &s->g->ev[k];
        if (forward ? e->ts >= s->hi : e->ts < s->lo)
            break;
        if ((int)e->stream != s->st || e->ts < s->lo || e->ts >= s->hi)
            continue;
        if (s->n && bytes + e->len + EVENT_OVERHEAD > SIM_LOGS_PAGE_BYTES)
            break;
        bytes += e->len + EVENT_OVERHEAD;
        s->idx[s->n++] = k;
    }
    for (size_t a = 0, z = s->n; !forward && a + 1 < z; a++, z--) {
        size_t t = s->idx[a];
        s->idx[a] = s->idx[z - 1], s->idx[z - 1] = t;
    }
}

static void get_tokens(struct sim_logs_json *b, const struct get_scan *s, int64_t ts,
                       uint64_t seq)
{
    char f[64], bk[64];
    const struct sim_log_event *first = s->n ? &s->g->ev[s->idx[0]] : NULL;
    const struct sim_log_event *last = s->n ? &s->g->ev[s->idx[s->n - 1]] : NULL;
    sim_logs_get_token('f', last ? last->ts : ts, last ? last->seq + 1 : seq, f, sizeof f);
    sim_logs_get_token('b', first ? first->ts : ts, first ? first->seq : seq, bk, sizeof bk);
    sim_logs_json_lit(b, "],\"nextForwardToken\":\"");
    sim_logs_json_lit(b, f);
    sim_logs_json_lit(b, "\",\"nextBackwardToken\":\"");
    sim_logs_json_lit(b, bk);
    sim_logs_json_lit(b, "\"}");
}

static void get_events(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                       struct sim_reply *r)
{
    const struct sim_log_group *g = sim_logs_op_group(c, q->group, r);
    if (!g)
        return;
    struct get_scan s = { g, sim_logs_find_stream(g, q->stream), q->has_start ? q->start : 0,
                          q->has_end ? q->end : INT64_MAX, q->limit ? (size_t)q->limit : 10000,
                          0, NULL };
    if (s.st < 0) {
        sim_route_error(r, 400, "ResourceNotFoundException",
                        "The specified log stream does not exist.");
        return;
    }
    int64_t ts = s.lo;
    uint64_t seq = 0;
    int dir = q->token ? sim_logs_parse_get_token(q->token, &ts, &seq) : q->from_head ? 'f' : 't';
    if (dir < 0) {
        bad_token(r);
        return;
    }
    s.idx = xmalloc(s.limit * sizeof *s.idx);
    if (dir == 't')
        get_collect(&s, sim_logs_seek(g, s.hi, 0), 0);
    else
        get_collect(&s, sim_logs_seek(g, ts, seq), dir == 'f');
    struct sim_logs_json b = { 0 };
    sim_logs_json_lit(&b, "{\"events\":[");
    for (size_t k = 0; k < s.n; k++) {
        const struct sim_log_event *e = &g->ev[s.idx[k]];
        sim_logs_json_lit(&b, k ? ",{\"timestamp\":" : "{\"timestamp\":");
        sim_logs_json_i64(&b, e->ts);
        sim_logs_json_lit(&b, ",\"message\":");
        sim_logs_json_str(&b, e->msg, e->len);
        sim_logs_json_lit(&b, ",\"ingestionTime\":");
        sim_logs_json_i64(&b, e->ingest);
        sim_logs_json_lit(&b, "}");
    }
    get_tokens(&b, &s, ts, seq);
    sim_logs_op_ok(r, &b);
    free(s.idx);
}

static const char *error_type(enum rw_err_code code)
{
    return code == RW_E_UNAVAILABLE ? "UnknownOperationException"
           : code == RW_E_PARSE     ? "SerializationException" : "InvalidParameterException";
}

void sim_logs_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                     struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    struct sim_logs_req q;
    struct rw_err err;
    if (sim_logs_parse_req(op, body, len, &q, &err) < 0) {
        sim_route_error(r, 400, error_type(err.code),
                        err.code == RW_E_UNAVAILABLE ? NULL : err.msg);
        sim_logs_req_free(&q);
        return;
    }
    pthread_mutex_lock(&w->mu);
    sim_world_advance(w, sim_world_clock(w));
    struct sim_logs_ctx c = { w->logs, w->region, w->account, w->now_ms };
    switch (q.op) {
    case SIM_LOGS_FILTER: filter_events(&c, &q, r); break;
    case SIM_LOGS_GET: get_events(&c, &q, r); break;
    case SIM_LOGS_DESCRIBE_STREAMS: sim_logs_op_describe_streams(&c, &q, r); break;
    default: sim_logs_op_describe_groups(&c, &q, r); break;
    }
    pthread_mutex_unlock(&w->mu);
    sim_logs_req_free(&q);
}
