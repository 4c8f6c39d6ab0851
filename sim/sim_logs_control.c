/* sim_logs_control: POST /_sim/logs (inject) and GET /_sim/truth/logs (the
 * ground truth) for the fake CloudWatch Logs; see sim_logs_control.h. The
 * body and query parsers are pure and fuzzed. */
#include "sim_logs_control.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_logs.h"
#include "sim_logs_json.h"
#include "sim_logs_ops.h"

#define MAX_DELAY_MS 3600000

static int bad(struct rw_err *err, const char *what)
{
    return rw_err_set(err, RW_E_USAGE, "%s", what);
}

/* Optional integer member in [0, max]: 0, or -1 (err) if present and not one. */
static int get_int(const cJSON *o, const char *key, int64_t max, int64_t *out, int *has,
                   struct rw_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    *has = v != NULL;
    if (!v)
        return 0;
    if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > (double)max ||
        v->valuedouble != (double)(int64_t)v->valuedouble)
        return rw_err_set(err, RW_E_USAGE, "%s must be an integer from 0 to %" PRId64, key, max);
    *out = (int64_t)v->valuedouble;
    return 0;
}

static int get_flag(const cJSON *o, const char *key, int *out, struct rw_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (v && !cJSON_IsBool(v))
        return rw_err_set(err, RW_E_USAGE, "%s must be true or false", key);
    *out = cJSON_IsTrue(v);
    return 0;
}

static int get_messages(const cJSON *o, struct sim_logs_inject *in, struct rw_err *err)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "messages"), *m;
    int n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
    if (n < 1 || n > SIM_LOGS_INJECT_MAX)
        return bad(err, "messages must be a list of 1 to 300000 strings");
    in->messages = xcalloc((size_t)n, sizeof *in->messages);
    cJSON_ArrayForEach(m, a) {
        if (!cJSON_IsString(m) || !*m->valuestring ||
            strlen(m->valuestring) > SIM_LOGS_MAX_MESSAGE - 16)
            return bad(err, "each message must be a non-empty string under 256 KiB");
        in->messages[in->nmessages++] = xstrdup(m->valuestring);
    }
    return 0;
}

static int inject_fields(const cJSON *o, struct sim_logs_inject *in, struct rw_err *err)
{
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "group");
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "stream");
    if (!cJSON_IsString(g) || !sim_logs_valid_group_name(g->valuestring))
        return bad(err, "group must be a log group name ([.-_/#A-Za-z0-9], 1-512)");
    if (!cJSON_IsString(s) || !sim_logs_valid_stream_name(s->valuestring))
        return bad(err, "stream must be a log stream name (1-512, no ':' or '*')");
    in->group = xstrdup(g->valuestring);
    in->stream = xstrdup(s->valuestring);
    int64_t repeat = 1;
    int has_repeat;
    if (get_messages(o, in, err) < 0 ||
        get_int(o, "timestamp", INT64_C(9000000000000000), &in->timestamp, &in->has_timestamp,
                err) < 0 ||
        get_int(o, "delay_ms", MAX_DELAY_MS, &in->delay_ms, &in->has_delay, err) < 0 ||
        get_int(o, "repeat", SIM_LOGS_INJECT_MAX, &repeat, &has_repeat, err) < 0 ||
        get_flag(o, "number", &in->number, err) < 0 ||
        get_flag(o, "same_millisecond", &in->same_ms, err) < 0)
        return -1;
    in->repeat = (long)repeat;
    if (in->repeat < 1 || (size_t)in->repeat * in->nmessages > SIM_LOGS_INJECT_MAX)
        return bad(err, "repeat must be at least 1, and messages x repeat at most 300000");
    return 0;
}

int sim_logs_parse_inject(const char *body, size_t len, struct sim_logs_inject *in,
                          struct rw_err *err)
{
    memset(in, 0, sizeof *in);
    cJSON *o = body && len ? cJSON_ParseWithLength(body, len) : NULL;
    int rc = cJSON_IsObject(o) ? inject_fields(o, in, err)
                               : bad(err, "the body must be a JSON object");
    cJSON_Delete(o);
    return rc;
}

void sim_logs_inject_free(struct sim_logs_inject *in)
{
    for (size_t i = 0; i < in->nmessages; i++)
        free(in->messages[i]);
    free(in->messages);
    free(in->group);
    free(in->stream);
    memset(in, 0, sizeof *in);
}

/* Percent-decode s[0, n) ('+' is a space); a new string, or NULL if malformed. */
static char *decode(const char *s, size_t n)
{
    char *out = xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n || !isxdigit((unsigned char)s[i + 1]) ||
                !isxdigit((unsigned char)s[i + 2]))
                return free(out), NULL;
            char hex[3] = { s[i + 1], s[i + 2], 0 };
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            *o++ = s[i] == '+' ? ' ' : s[i];
        }
    }
    *o = '\0';
    if (strlen(out) != (size_t)(o - out))
        return free(out), NULL; /* %00 */
    return out;
}

static int truth_ms(const char *v, int64_t *out, int *has, struct rw_err *err)
{
    char *end;
    long long x = strtoll(v, &end, 10);
    if (!isdigit((unsigned char)*v) || *end || x < 0 || strlen(v) > 18)
        return bad(err, "start and end must be epoch milliseconds");
    *out = x;
    *has = 1;
    return 0;
}

static int truth_pair(const char *k, size_t kl, char *v, struct sim_logs_truth_q *q,
                      struct rw_err *err)
{
    if (kl == 5 && memcmp(k, "group", 5) == 0 && !q->group)
        return q->group = v, 0;
    if (kl == 13 && memcmp(k, "stream_prefix", 13) == 0 && !q->prefix)
        return q->prefix = v, 0;
    int rc = 0;
    if (kl == 5 && memcmp(k, "start", 5) == 0)
        rc = truth_ms(v, &q->start, &q->has_start, err);
    else if (kl == 3 && memcmp(k, "end", 3) == 0)
        rc = truth_ms(v, &q->end, &q->has_end, err);
    free(v);
    return rc;
}

int sim_logs_parse_truth(const char *query, struct sim_logs_truth_q *q, struct rw_err *err)
{
    memset(q, 0, sizeof *q);
    for (const char *p = query ? query : ""; *p;) {
        size_t n = strcspn(p, "&");
        const char *eq = memchr(p, '=', n);
        char *v = eq ? decode(eq + 1, n - (size_t)(eq + 1 - p)) : NULL;
        if (n && !v)
            return bad(err, "the query must be key=value pairs, percent-encoded");
        if (v && truth_pair(p, (size_t)(eq - p), v, q, err) < 0)
            return -1;
        p += n + (p[n] == '&');
    }
    if (!q->group || !sim_logs_valid_group_name(q->group))
        return bad(err, "group= must name a log group");
    return 0;
}

void sim_logs_truth_free(struct sim_logs_truth_q *q)
{
    free(q->group);
    free(q->prefix);
    memset(q, 0, sizeof *q);
}

/* ---- the endpoints ---- */

static void ok(struct sim_reply *r, struct sim_logs_json *b)
{
    r->status = 200;
    r->body = sim_logs_json_take(b);
}

struct injected {
    size_t n;
    uint64_t first, last;      /* ids */
    int64_t first_ts, last_ts;
};

/* Put in's events into stream st of group g at the world's now. */
static void inject(struct sim_world *w, int g, int st, const struct sim_logs_inject *in,
                   struct injected *out)
{
    struct sim_logstore *s = w->logs;
    int64_t now = w->now_ms;
    size_t total = in->nmessages * (size_t)in->repeat;
    int64_t ts0 = in->has_timestamp ? in->timestamp
                  : in->same_ms     ? now : now - (int64_t)(total - 1);
    ts0 = ts0 < 0 ? 0 : ts0;
    int64_t delay = in->has_delay ? in->delay_ms
                    : 1000 + (int64_t)(2000 * sim_world_noise(w, (uint64_t)now, total));
    char *buf = xmalloc(SIM_LOGS_MAX_MESSAGE + 32);
    for (size_t k = 0; k < total; k++) {
        const char *m = in->messages[k % in->nmessages];
        size_t len = in->number ? (size_t)snprintf(buf, SIM_LOGS_MAX_MESSAGE + 32, "%s #%zu", m,
                                                   k + 1)
                                : strlen(m);
        int64_t ts = in->same_ms ? ts0 : ts0 + (int64_t)k;
        out->last = sim_logs_put(s, g, st, ts, now + delay, 0, in->number ? buf : m, len);
        out->last_ts = ts;
        if (!k)
            out->first = out->last, out->first_ts = ts;
    }
    out->n = total;
    free(buf);
    sim_logs_flush(s, now);
}

void sim_logs_control_inject(struct sim_world *w, const char *body, size_t len,
                             struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    struct sim_logs_inject in;
    struct rw_err err;
    if (sim_logs_parse_inject(body, len, &in, &err) < 0) {
        sim_route_error(r, 400, "BadRequest", err.msg);
        sim_logs_inject_free(&in);
        return;
    }
    pthread_mutex_lock(&w->mu);
    sim_world_advance(w, sim_world_clock(w));
    struct sim_logstore *s = w->logs;
    int g = s ? sim_logs_group(s, in.group, w->now_ms) : -1;
    int st = g >= 0 ? sim_logs_stream(s, g, in.stream, w->now_ms) : -1;
    if (st < 0) {
        sim_route_error(r, 409, "LimitExceeded", s ? "the log store is full" : "no log store");
    } else {
        struct injected done = { 0, 0, 0, 0, 0 };
        inject(w, g, st, &in, &done);
        char a[SIM_LOGS_EVENT_ID_LEN + 1], z[SIM_LOGS_EVENT_ID_LEN + 1];
        struct sim_logs_json b = { 0 };
        sim_logs_json_lit(&b, "{\"injected\":");
        sim_logs_json_i64(&b, (int64_t)done.n);
        sim_logs_event_id(done.first, done.first_ts, a);
        sim_logs_event_id(done.last, done.last_ts, z);
        sim_logs_json_lit(&b, ",\"first_event_id\":\"");
        sim_logs_json_lit(&b, a);
        sim_logs_json_lit(&b, "\",\"last_event_id\":\"");
        sim_logs_json_lit(&b, z);
        sim_logs_json_lit(&b, "\"}");
        ok(r, &b);
    }
    pthread_mutex_unlock(&w->mu);
    sim_logs_inject_free(&in);
}

void sim_logs_control_truth(struct sim_world *w, const char *query, struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    struct sim_logs_truth_q q;
    struct rw_err err;
    if (sim_logs_parse_truth(query, &q, &err) < 0) {
        sim_route_error(r, 400, "BadRequest", err.msg);
        sim_logs_truth_free(&q);
        return;
    }
    pthread_mutex_lock(&w->mu);
    sim_world_advance(w, sim_world_clock(w));
    int gi = w->logs ? sim_logs_find_group(w->logs, q.group) : -1;
    if (gi < 0) {
        sim_route_error(r, 404, "ResourceNotFoundException",
                        "The specified log group does not exist.");
    } else {
        const struct sim_log_group *g = w->logs->groups[gi];
        size_t pl = q.prefix ? strlen(q.prefix) : 0, count = 0;
        struct sim_logs_json b = { 0 };
        sim_logs_json_lit(&b, "{\"events\":[");
        for (size_t i = sim_logs_seek(g, q.has_start ? q.start : 0, 0); i < g->n; i++) {
            const struct sim_log_event *e = &g->ev[i];
            if (q.has_end && e->ts > q.end)
                break;
            if (pl && strncmp(g->streams[e->stream].name, q.prefix, pl) != 0)
                continue;
            if (count++)
                sim_logs_json_lit(&b, ",");
            sim_logs_event_json(&b, g, e);
        }
        sim_logs_json_lit(&b, "]}");
        ok(r, &b);
    }
    pthread_mutex_unlock(&w->mu);
    sim_logs_truth_free(&q);
}
