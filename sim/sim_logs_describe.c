/* sim_logs_describe: DescribeLogStreams and DescribeLogGroups of the fake
 * CloudWatch Logs. Both sort what they list and page it with the sim's
 * offset tokens (sim_route_token). Part of the sim_logs_ops module. */
#include "sim_logs_ops_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static int by_name(const void *a, const void *b)
{
    const struct sim_log_stream *x = *(const struct sim_log_stream *const *)a;
    const struct sim_log_stream *y = *(const struct sim_log_stream *const *)b;
    return strcmp(x->name, y->name);
}

static int by_time(const void *a, const void *b)
{
    const struct sim_log_stream *x = *(const struct sim_log_stream *const *)a;
    const struct sim_log_stream *y = *(const struct sim_log_stream *const *)b;
    if (x->last_ts != y->last_ts)
        return x->last_ts < y->last_ts ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int by_group_name(const void *a, const void *b)
{
    return strcmp((*(const struct sim_log_group *const *)a)->name,
                  (*(const struct sim_log_group *const *)b)->name);
}

/* The page [*start, *end) of n items for q's token and limit; -1 (r filled)
 * for a bad token. */
static int page(const struct sim_logs_req *q, size_t n, size_t *start, size_t *end,
                struct sim_reply *r)
{
    long off = q->token ? sim_route_parse_token(q->token) : 0;
    if (off < 0 || (size_t)off > n) {
        sim_route_error(r, 400, "InvalidParameterException", "The specified nextToken is invalid.");
        return -1;
    }
    size_t limit = q->limit ? (size_t)q->limit : 50;
    *start = (size_t)off;
    *end = n - *start > limit ? *start + limit : n;
    return 0;
}

static void next_token(struct sim_logs_json *b, size_t end, size_t n)
{
    if (end < n) {
        char t[32];
        sim_route_token((long)end, t, sizeof t);
        sim_logs_json_lit(b, ",\"nextToken\":\"");
        sim_logs_json_lit(b, t);
        sim_logs_json_lit(b, "\"");
    }
}

static void put_i64(struct sim_logs_json *b, const char *key, int64_t v)
{
    sim_logs_json_lit(b, ",");
    sim_logs_json_key(b, key);
    sim_logs_json_i64(b, v);
}

static void put_str(struct sim_logs_json *b, const char *key, const char *v)
{
    sim_logs_json_lit(b, ",");
    sim_logs_json_key(b, key);
    sim_logs_json_str(b, v, strlen(v));
}

static void stream_json(struct sim_logs_json *b, const struct sim_logs_ctx *c,
                        const struct sim_log_group *g, const struct sim_log_stream *ls)
{
    sim_logs_json_lit(b, "{\"logStreamName\":");
    sim_logs_json_str(b, ls->name, strlen(ls->name));
    put_i64(b, "creationTime", ls->created);
    if (ls->last_ingest) {
        put_i64(b, "firstEventTimestamp", ls->first_ts);
        put_i64(b, "lastEventTimestamp", ls->last_ts);
        put_i64(b, "lastIngestionTime", ls->last_ingest);
    }
    char *arn = xasprintf("arn:aws:logs:%s:%s:log-group:%s:log-stream:%s", c->region,
                          c->account, g->name, ls->name);
    put_str(b, "arn", arn);
    free(arn);
    put_i64(b, "storedBytes", ls->bytes);
    sim_logs_json_lit(b, "}");
}

void sim_logs_op_describe_streams(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                                  struct sim_reply *r)
{
    const struct sim_log_group *g = sim_logs_op_group(c, q->group, r);
    if (!g)
        return;
    const struct sim_log_stream **list = xcalloc(g->nstreams + 1, sizeof *list);
    size_t n = 0, pl = q->prefix ? strlen(q->prefix) : 0, start, end;
    for (uint32_t i = 0; i < g->nstreams; i++)
        if ((!pl || strncmp(g->streams[i].name, q->prefix, pl) == 0) &&
            g->streams[i].created <= c->now)
            list[n++] = &g->streams[i];
    qsort(list, n, sizeof *list, q->by_time ? by_time : by_name);
    for (size_t a = 0, z = n; q->descending && a + 1 < z; a++, z--) {
        const struct sim_log_stream *t = list[a];
        list[a] = list[z - 1], list[z - 1] = t;
    }
    if (page(q, n, &start, &end, r) == 0) {
        struct sim_logs_json b = { 0 };
        sim_logs_json_lit(&b, "{\"logStreams\":[");
        for (size_t i = start; i < end; i++) {
            if (i > start)
                sim_logs_json_lit(&b, ",");
            stream_json(&b, c, g, list[i]);
        }
        sim_logs_json_lit(&b, "]");
        next_token(&b, end, n);
        sim_logs_json_lit(&b, "}");
        sim_logs_op_ok(r, &b);
    }
    free(list);
}

static void group_json(struct sim_logs_json *b, const struct sim_logs_ctx *c,
                       const struct sim_log_group *g)
{
    sim_logs_json_lit(b, "{\"logGroupName\":");
    sim_logs_json_str(b, g->name, strlen(g->name));
    put_i64(b, "creationTime", g->created);
    put_i64(b, "metricFilterCount", 0);
    char *arn = xasprintf("arn:aws:logs:%s:%s:log-group:%s", c->region, c->account, g->name);
    char *star = xasprintf("%s:*", arn);
    put_str(b, "arn", star);
    put_i64(b, "storedBytes", g->bytes);
    put_str(b, "logGroupClass", "STANDARD");
    put_str(b, "logGroupArn", arn);
    free(arn);
    free(star);
    sim_logs_json_lit(b, "}");
}

void sim_logs_op_describe_groups(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                                 struct sim_reply *r)
{
    const struct sim_log_group *list[SIM_LOGS_MAX_GROUPS];
    size_t n = 0, pl = q->prefix ? strlen(q->prefix) : 0, start, end;
    for (int i = 0; c->s && i < c->s->ngroups; i++)
        if (!pl || strncmp(c->s->groups[i]->name, q->prefix, pl) == 0)
            list[n++] = c->s->groups[i];
    qsort(list, n, sizeof *list, by_group_name);
    if (page(q, n, &start, &end, r) < 0)
        return;
    struct sim_logs_json b = { 0 };
    sim_logs_json_lit(&b, "{\"logGroups\":[");
    for (size_t i = start; i < end; i++) {
        if (i > start)
            sim_logs_json_lit(&b, ",");
        group_json(&b, c, list[i]);
    }
    sim_logs_json_lit(&b, "]");
    next_token(&b, end, n);
    sim_logs_json_lit(&b, "}");
    sim_logs_op_ok(r, &b);
}
