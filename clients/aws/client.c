/* client: signed AWS calls with the standard retry mode (see client.h). */
#include "client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clients/http.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "sigv4.h"

#define QUOTA_MAX 500
#define RETRY_COST 5
#define TIMEOUT_COST 10
#define LOGS_RATE 5.0

struct call {
    struct aws_client *owner;
    uint64_t id;
    struct aws_op op;
    char *body;
    size_t len;
    int attempt, throttled, refreshed, skew_fixed, last_cost, waits;
    struct rw_err early;        /* a failure before sending, delivered from a timer */
    struct http_call *http;
    uint64_t timer;
    aws_reply_fn fn;
    void *ud;
    struct call *next;
};

struct aws_client {
    struct aws_client_config cfg;
    char *region;
    char *endpoints[AWS_SVC_COUNT];
    struct call *calls;
    uint64_t next_id;
    int quota;
    int64_t skew_s;
    struct aws_bucket logs_bucket;
};

static void send_attempt(struct aws_client *c, struct call *k);
static void on_http(const struct http_response *h, void *ud);

int64_t aws_bucket_take(struct aws_bucket *b, int64_t now_ms)
{
    if (b->last_ms == 0) { /* first use: a full bucket */
        b->tokens = b->burst;
        b->last_ms = now_ms;
    }
    if (now_ms > b->last_ms) {
        b->tokens += (double)(now_ms - b->last_ms) * b->rate / 1000.0;
        if (b->tokens > b->burst)
            b->tokens = b->burst;
        b->last_ms = now_ms;
    }
    if (b->tokens >= 1.0) {
        b->tokens -= 1.0;
        return 0;
    }
    return (int64_t)((1.0 - b->tokens) * 1000.0 / b->rate) + 1;
}

void aws_creds_clear(struct aws_creds *cr)
{
    if (cr->secret_key)
        explicit_bzero(cr->secret_key, strlen(cr->secret_key));
    if (cr->session_token)
        explicit_bzero(cr->session_token, strlen(cr->session_token));
    free(cr->access_key);
    free(cr->secret_key);
    free(cr->session_token);
    memset(cr, 0, sizeof *cr);
}

static double default_rand(void)
{
    return (double)random() / ((double)RAND_MAX + 1.0);
}

struct aws_client *aws_client_new(const struct aws_client_config *cfg)
{
    struct aws_client *c = xcalloc(1, sizeof *c);
    c->cfg = *cfg;
    c->region = xstrdup(cfg->region ? cfg->region : "us-east-1");
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        c->endpoints[i] = xstrdup(cfg->endpoints[i]);
    if (!c->cfg.max_attempts)
        c->cfg.max_attempts = 3;
    if (!c->cfg.rand01) {
        static int seeded;
        if (!seeded++) /* processes must not share one jitter sequence */
            srandom((unsigned)time(NULL) ^ (unsigned)getpid());
        c->cfg.rand01 = default_rand;
    }
    c->quota = QUOTA_MAX;
    c->logs_bucket = (struct aws_bucket){ LOGS_RATE, LOGS_RATE, LOGS_RATE, 0 };
    return c;
}

static void unlink_call(struct aws_client *c, struct call *k)
{
    for (struct call **p = &c->calls; *p; p = &(*p)->next)
        if (*p == k) {
            *p = k->next;
            return;
        }
}

static void drop_call(struct aws_client *c, struct call *k)
{
    if (k->http)
        http_cancel(c->cfg.loop, k->http);
    if (k->timer)
        rw_loop_timer_cancel(c->cfg.loop, k->timer);
    unlink_call(c, k);
    free(k->body);
    free(k);
}

void aws_client_free(struct aws_client *c)
{
    if (!c)
        return;
    while (c->calls)
        drop_call(c, c->calls);
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        free(c->endpoints[i]);
    free(c->region);
    free(c);
}

void aws_cancel(struct aws_client *c, uint64_t id)
{
    for (struct call *k = c->calls; k; k = k->next)
        if (k->id == id) {
            drop_call(c, k);
            return;
        }
}

struct rw_loop *aws_client_loop(const struct aws_client *c)
{
    return c->cfg.loop;
}

int64_t aws_client_skew_s(const struct aws_client *c)
{
    return c->skew_s;
}

int aws_client_retry_quota(const struct aws_client *c)
{
    return c->quota;
}

uint64_t aws_call(struct aws_client *c, const struct aws_op *op, const char *body, size_t len,
                  aws_reply_fn fn, void *ud)
{
    struct call *k = xcalloc(1, sizeof *k);
    k->owner = c;
    k->id = ++c->next_id;
    k->op = *op;
    k->body = xmalloc(len + 1);
    memcpy(k->body, body ? body : "", len);
    k->body[len] = '\0';
    k->len = len;
    k->fn = fn;
    k->ud = ud;
    k->next = c->calls;
    c->calls = k;
    send_attempt(c, k);
    return k->id;
}

/* Deliver the reply and forget the call. */
static void finish(struct call *k, struct aws_reply *r)
{
    struct aws_client *c = k->owner;
    r->attempts = k->attempt;
    r->throttled = k->throttled;
    if (r->ok) /* the quota refills on success: 1, or what the retry cost */
        c->quota += k->attempt > 1 ? k->last_cost : 1;
    if (c->quota > QUOTA_MAX)
        c->quota = QUOTA_MAX;
    if (!r->ok)
        rw_log(RW_LOG_WARN, "%s failed after %d attempt(s): %s", k->op.name, k->attempt,
               r->err.msg);
    aws_reply_fn fn = k->fn;
    void *ud = k->ud;
    k->http = NULL;
    k->timer = 0;
    drop_call(c, k);
    fn(r, ud);
}

static void fail(struct call *k, enum rw_err_code code, const char *msg)
{
    struct aws_reply r;
    memset(&r, 0, sizeof r);
    rw_err_set(&r.err, code, "%s: %s", k->op.name, msg);
    finish(k, &r);
}

static void on_timer(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct call *k = ud;
    k->timer = 0;
    if (k->early.code != RW_OK)
        fail(k, k->early.code, k->early.msg);
    else
        send_attempt(k->owner, k);
}

static void later(struct call *k, int64_t delay_ms)
{
    k->timer = rw_loop_timer_add(k->owner->cfg.loop, delay_ms, 0, on_timer, k);
}

/* Retry after backoff if attempts and quota allow; returns 0 if scheduled. */
static int retry(struct call *k, int cost)
{
    struct aws_client *c = k->owner;
    if (k->attempt >= c->cfg.max_attempts || c->quota < cost)
        return -1;
    c->quota -= cost;
    k->last_cost = cost;
    double cap = 1 << (k->attempt - 1 < 5 ? k->attempt - 1 : 5);
    if (cap > 20)
        cap = 20;
    later(k, (int64_t)(c->cfg.rand01() * cap * 1000.0));
    return 0;
}

static void on_transport_error(struct call *k, const struct http_response *h)
{
    char msg[300];
    snprintf(msg, sizeof msg, "%s", h->curl_error);
    if (h->connect_failed) {            /* nothing was sent: retry anything */
        if (retry(k, RETRY_COST) == 0)
            return;
    } else if (!k->op.mutating) {       /* reads may always be re-sent */
        if (retry(k, h->timed_out ? TIMEOUT_COST : RETRY_COST) == 0)
            return;
    } else {                            /* it may have been applied: never re-send */
        struct aws_reply r;
        memset(&r, 0, sizeof r);
        r.maybe_applied = 1;
        rw_err_set(&r.err, RW_E_NET, "%s: %s; it may have been applied: describe the "
                   "service to learn what happened", k->op.name, msg);
        finish(k, &r);
        return;
    }
    fail(k, RW_E_NET, msg);
}

/* A service error: handle skew, expiry and retries; returns 1 if handled. */
static int recover(struct call *k, const struct aws_error *e, const struct http_response *h)
{
    struct aws_client *c = k->owner;
    if (k->attempt >= c->cfg.max_attempts) /* re-sends count as attempts too */
        return 0;
    if (e->clock_skew && !k->skew_fixed) {
        const char *date = http_header(h, "Date");
        time_t server = date ? curl_getdate(date, NULL) : -1;
        if (server > 0) {
            c->skew_s = (int64_t)server - (int64_t)time(NULL);
            k->skew_fixed = 1;
            rw_log(RW_LOG_WARN, "clock skew: server is %+lld s from us", (long long)c->skew_s);
            later(k, 0);
            return 1;
        }
    }
    if (e->expired_creds && !k->refreshed && c->cfg.creds.invalidate) {
        c->cfg.creds.invalidate(c->cfg.creds.ud);
        k->refreshed = 1;
        later(k, 0);
        return 1;
    }
    if (e->throttled)
        k->throttled++;
    int may_retry = k->op.mutating ? e->throttled : e->retryable;
    return may_retry && retry(k, RETRY_COST) == 0;
}

static void on_http(const struct http_response *h, void *ud)
{
    struct call *k = ud;
    k->http = NULL;
    rw_log(RW_LOG_DEBUG, "<- %s: HTTP %d in %ld ms, %zu bytes%s%s: %.*s", k->op.name, h->status,
           h->total_ms, h->body_len, h->transport_error ? ", " : "", h->curl_error,
           (int)(h->body_len > 2048 ? 2048 : h->body_len), h->body);
    if (h->transport_error) {
        on_transport_error(k, h);
        return;
    }
    struct aws_reply r;
    memset(&r, 0, sizeof r);
    r.status = h->status;
    r.body = h->body;
    r.len = h->body_len;
    if (h->status >= 200 && h->status < 300) {
        r.ok = 1;
        finish(k, &r);
        return;
    }
    const char *rid = http_header(h, "x-amzn-RequestId");
    struct aws_error_headers eh = { rid ? rid : http_header(h, "x-amz-request-id"),
                                    http_header(h, "x-amzn-ErrorType"),
                                    http_header(h, "x-amzn-query-error") };
    aws_error_parse(h->status, &eh, h->body, h->body_len, &r.error);
    if (recover(k, &r.error, h))
        return;
    aws_error_to_err(&r.error, k->op.name, &r.err);
    finish(k, &r);
}

/* Split "https://host:port/path" into host and path (path "/" when absent). */
static void split_url(const char *url, char *host, size_t hn, const char **path)
{
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    const char *slash = strchr(h, '/');
    size_t n = slash ? (size_t)(slash - h) : strlen(h);
    snprintf(host, hn, "%.*s", (int)n, h);
    *path = slash ? slash : "/";
}

static const char *content_type(enum aws_protocol p)
{
    switch (p) {
    case AWS_PROTO_JSON_1_1: return "application/x-amz-json-1.1";
    case AWS_PROTO_JSON_1_0: return "application/x-amz-json-1.0";
    default: return "application/x-www-form-urlencoded; charset=utf-8";
    }
}

/* Sign and start the HTTP request for creds; returns 0 or -1 with err. */
static int sign_and_send(struct aws_client *c, struct call *k, const struct aws_creds *cr,
                         struct rw_err *err)
{
    char host[256], date[17];
    const char *path, *url = c->endpoints[k->op.svc];
    split_url(url, host, sizeof host, &path);
    sigv4_amz_date(time(NULL) + (time_t)c->skew_s, date);
    struct sigv4_header hs[8];
    size_t n = 0;
    hs[n++] = (struct sigv4_header){ "Host", host };
    hs[n++] = (struct sigv4_header){ "Content-Type", content_type(k->op.proto) };
    if (k->op.proto != AWS_PROTO_QUERY)
        hs[n++] = (struct sigv4_header){ "X-Amz-Target", k->op.target };
    if (k->op.proto == AWS_PROTO_JSON_1_0)
        hs[n++] = (struct sigv4_header){ "x-amzn-query-mode", "true" };
    struct sigv4_request sr = { "POST", path, "", hs, n, (const unsigned char *)k->body, k->len };
    struct sigv4_creds sc = { cr->access_key, cr->secret_key, cr->session_token };
    struct sigv4_params sp;
    sigv4_params_for_service(&sp, c->region, aws_service_signing_name(k->op.svc), date);
    struct sigv4_result res;
    memset(&res, 0, sizeof res);
    if (!k->op.anonymous && sigv4_sign(&sr, &sc, &sp, &res, err) < 0)
        return -1;
    struct http_header all[16];
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        all[m++] = (struct http_header){ hs[i].name, hs[i].value };
    for (size_t i = 0; i < res.nadd_headers; i++)
        all[m++] = (struct http_header){ res.add_headers[i].name, res.add_headers[i].value };
    all[m++] = (struct http_header){ "User-Agent", "rollwatch/0.1.0" };
    /* --debug: every request (the log redacts tokens and signatures) */
    rw_log(RW_LOG_DEBUG, "-> %s attempt %d: POST %s %zu bytes: %.*s", k->op.name, k->attempt,
           url, k->len, (int)(k->len > 2048 ? 2048 : k->len), k->body);
    struct http_request hr = { "POST", url, all, m, k->body, k->len, 0, c->cfg.timeout_ms };
    k->http = http_start(c->cfg.loop, &hr, on_http, k);
    sigv4_result_free(&res);
    if (!k->http)
        return rw_err_set(err, RW_E_INTERNAL, "cannot start an HTTP request");
    return 0;
}

static void send_attempt(struct aws_client *c, struct call *k)
{
    if (strcmp(k->op.name, "FilterLogEvents") == 0) {
        int64_t wait = aws_bucket_take(&c->logs_bucket, rw_mono_ms());
        if (wait > 0) { /* the shared 5/s budget: wait for a token, not an attempt */
            later(k, wait);
            return;
        }
    }
    struct aws_creds cr;
    memset(&cr, 0, sizeof cr);
    struct rw_err err;
    rw_err_clear(&err);
    int got = k->op.anonymous ? 0
              : c->cfg.creds.get ? c->cfg.creds.get(c->cfg.creds.ud, &cr, &err) : -1;
    if (got == 1 && ++k->waits < 600) { /* still resolving: ask again in 50 ms */
        later(k, 50);
        return;
    }
    if (got != 0) {
        if (err.code == RW_OK)
            rw_err_set(&err, RW_E_CREDS, "no credentials");
        k->early = err; /* delivered from the loop, never inside aws_call */
        later(k, 0);
        return;
    }
    k->attempt++;
    if (sign_and_send(c, k, &cr, &err) < 0) {
        k->early = err;
        later(k, 0);
    }
    aws_creds_clear(&cr);
}
