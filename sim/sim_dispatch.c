/* sim_dispatch: routing tables, authentication, statistics and faults. */
#include "sim_dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/xmalloc.h"
#include "sim_auth.h"
#include "sim_ecs.h"
#include "sim_health.h"
#include "sim_logs_ops.h"
#include "sim_metrics.h"
#include "sim_query.h"

/* ---- the routing tables: plugging a handler in is a one-line change ---- */

/* AWS JSON protocols, by X-Amz-Target prefix (which includes the '.'). */
static const struct {
    const char *prefix;
    sim_target_fn fn;
} target_routes[] = {
    { SIM_ECS_TARGET_PREFIX, sim_ecs_handle },
    { SIM_LOGS_TARGET_PREFIX, sim_logs_handle },
    { SIM_METRICS_TARGET_PREFIX, sim_metrics_handle },
};

/* AWS query protocol (form body, Action=...), by the credential scope's service. */
static const struct {
    const char *service;
    sim_query_fn fn;
} query_routes[] = {
    { "sts", sim_query_handle },
    { "cloudformation", sim_query_handle },
    { "elasticloadbalancing", sim_query_handle },
    { "monitoring", sim_query_handle },
};

/* GET /svc/<service>/health (unsigned). */
static const sim_health_fn health_route = sim_health_handle;

/* An Action no route knows (the query protocol's InvalidAction). */
static void query_unknown(struct sim_world *w, const char *service, const char *body,
                          size_t len, struct sim_reply *r)
{
    (void)w;
    char action[128] = "";
    sim_route_param(body, len, "Action", action, sizeof action);
    char msg[300];
    snprintf(msg, sizeof msg, "%s is not valid for this web service.", action);
    sim_route_xml_error(r, 400, service, "InvalidAction", msg);
}

/* ---- helpers ---- */

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *header(const struct sim_dispatch_req *q, const char *name)
{
    for (size_t i = 0; i < q->nheaders; i++)
        if (strcasecmp(q->headers[i].name, name) == 0)
            return q->headers[i].value;
    return NULL;
}

/* What one AWS request is: protocol, service, operation. */
struct aws_req {
    const char *target;        /* X-Amz-Target, or NULL: the query protocol */
    int xml;                   /* errors as query-protocol XML */
    const char *json_type;     /* reply content type of JSON errors */
    char service[32];          /* the credential scope's */
    char op[128];              /* from the target or Action=; "" if none */
};

/* Fill r with an error in a's protocol. */
static void fail(const struct aws_req *a, struct sim_reply *r, int status, const char *type,
                 const char *msg)
{
    sim_route_fail(r, a->xml, a->service, status, type, msg);
    if (!a->xml)
        r->content_type = a->json_type;
}

/* The secret for access key `key` into secret (size n): the sim's own, or a
 * temporary key's (issued by /_sim/credentials, with its token, unexpired:
 * *temp set); 0, or -1 with r filled. An unknown key is left to SigV4. */
static int pick_secret(struct sim_state *st, const struct sim_dispatch_req *q,
                       const struct aws_req *a, const char *key, char *secret, size_t n,
                       int *temp, struct sim_reply *r)
{
    *temp = 0;
    snprintf(secret, n, "%s", SIM_SECRET_KEY);
    if (strcmp(key, SIM_ACCESS_KEY) == 0)
        return 0;
    pthread_mutex_lock(&st->mu);
    enum sim_creds_result cr = sim_creds_check(&st->creds, key, header(q, "X-Amz-Security-Token"),
                                               wall_ms(), secret, n);
    pthread_mutex_unlock(&st->mu);
    if (cr == SIM_CREDS_EXPIRED) {
        fail(a, r, 400, "ExpiredTokenException",
             "The security token included in the request is expired");
        return -1;
    }
    if (cr == SIM_CREDS_BAD_TOKEN) {
        fail(a, r, 403, "UnrecognizedClientException",
             "The security token included in the request is invalid.");
        return -1;
    }
    *temp = cr == SIM_CREDS_OK;
    return 0;
}

/* Verify the signature (fills a->service); 0, or -1 with r filled. */
static int check_auth(struct sim_state *st, const struct sim_dispatch_req *q, struct aws_req *a,
                      struct sim_reply *r)
{
    struct sim_http_req hr = { q->method, q->raw_target, q->headers, q->nheaders,
                               (const unsigned char *)q->body, q->len };
    struct sim_auth auth;
    char secret[64], key[sizeof auth.access_key];
    snprintf(secret, sizeof secret, "%s", SIM_SECRET_KEY);
    snprintf(key, sizeof key, "%s", SIM_ACCESS_KEY);
    const char *hdr = sim_auth_header(&hr, "Authorization");
    if (hdr && sim_auth_parse(hdr, &auth) == 0) {
        snprintf(a->service, sizeof a->service, "%s", auth.service);
        int temp;
        if (pick_secret(st, q, a, auth.access_key, secret, sizeof secret, &temp, r) < 0)
            return -1;
        if (temp)
            snprintf(key, sizeof key, "%s", auth.access_key);
    }
    switch (sim_auth_verify(&hr, key, secret, time(NULL), &auth)) {
    case SIM_AUTH_OK:
        return 0;
    case SIM_AUTH_MISSING:
        fail(a, r, 400, "MissingAuthenticationTokenException", "Missing Authentication Token");
        return -1;
    case SIM_AUTH_MALFORMED:
        fail(a, r, 400, "IncompleteSignatureException",
             "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' "
             "parameters, and an X-Amz-Date header.");
        return -1;
    case SIM_AUTH_UNKNOWN_KEY:
        fail(a, r, 403, "UnrecognizedClientException",
             "The security token included in the request is invalid.");
        return -1;
    case SIM_AUTH_EXPIRED:
        fail(a, r, 400, "InvalidSignatureException",
             "Signature expired: the X-Amz-Date is more than 15 minutes from the server's time.");
        return -1;
    default:
        fail(a, r, 400, "InvalidSignatureException",
             "The request signature we calculated does not match the signature you provided. "
             "Check your AWS Secret Access Key and signing method. Consult the service "
             "documentation for details.");
        return -1;
    }
}

/* Hand an authentic request to its handler. */
static void route(struct sim_world *w, const struct sim_dispatch_req *q, const struct aws_req *a,
                  struct sim_reply *r)
{
    if (strcmp(q->method, "POST") != 0) {
        fail(a, r, 400, a->xml ? "InvalidAction" : "UnknownOperationException",
             a->xml ? "AWS requests are POSTs to /" : NULL);
        return;
    }
    if (a->target) {
        for (size_t i = 0; i < sizeof target_routes / sizeof *target_routes; i++) {
            const char *op = sim_route_op(a->target, target_routes[i].prefix);
            if (op) {
                target_routes[i].fn(w, op, q->body, q->len, r);
                return;
            }
        }
        fail(a, r, 400, "UnknownOperationException", NULL);
        return;
    }
    if (!a->op[0]) {
        fail(a, r, 400, "MissingAction", "Could not find operation: no Action parameter");
        return;
    }
    for (size_t i = 0; i < sizeof query_routes / sizeof *query_routes; i++) {
        if (strcmp(a->service, query_routes[i].service) == 0) {
            query_routes[i].fn(w, a->service, q->body, q->len, r);
            return;
        }
    }
    query_unknown(w, a->service, q->body, q->len, r);
}

/* Count the request and decide its faults, under the state's lock. */
static void decide(struct sim_state *st, const struct aws_req *a, struct sim_fault_decision *d)
{
    pthread_mutex_lock(&st->mu);
    sim_stats_count(&st->stats, a->service, a->op[0] ? a->op : "(none)");
    sim_faults_decide(&st->faults, &st->rng, a->target, &st->nerrors, d);
    pthread_mutex_unlock(&st->mu);
}

/* Record what was injected and, for a mutating call, the call itself. */
static void record(struct sim_state *st, const struct sim_dispatch_req *q,
                   const struct aws_req *a, const struct sim_fault_decision *d, int truncated,
                   int status)
{
    pthread_mutex_lock(&st->mu);
    unsigned long *f = st->stats.faults;
    f[SIM_STATS_THROTTLE] += d->kind == SIM_FAULT_THROTTLE;
    f[SIM_STATS_ERROR] += d->kind == SIM_FAULT_ERROR;
    f[SIM_STATS_TRUNCATE] += truncated;
    f[SIM_STATS_DELAY] += d->delay_ms > 0;
    if (sim_stats_is_mutating(a->op))
        sim_stats_mutation(&st->stats, wall_ms(), a->service, a->op, q->body, q->len, status);
    pthread_mutex_unlock(&st->mu);
}

/* An AWS request: authenticate, count, fault or route, maybe truncate and delay. */
static void aws_request(struct sim_world *w, struct sim_state *st,
                        const struct sim_dispatch_req *q, struct sim_reply *r)
{
    struct aws_req a;
    memset(&a, 0, sizeof a);
    a.target = header(q, "X-Amz-Target");
    a.xml = !a.target;
    const char *ct = header(q, "Content-Type");
    a.json_type = ct && strncmp(ct, "application/x-amz-json-1.0", 26) == 0
                  ? "application/x-amz-json-1.0" : NULL;
    snprintf(a.service, sizeof a.service, "sts");
    if (q->too_large) {
        fail(&a, r, 413, "SerializationException", "Request body too large.");
        return;
    }
    if (check_auth(st, q, &a, r) < 0)
        return;
    const char *dot = a.target ? strrchr(a.target, '.') : NULL;
    if (a.target)
        snprintf(a.op, sizeof a.op, "%s", dot ? dot + 1 : a.target);
    else if (sim_route_param(q->body, q->len, "Action", a.op, sizeof a.op) < 0)
        a.op[0] = '\0';
    struct sim_fault_decision d;
    decide(st, &a, &d);
    int truncated = 0;
    if (d.kind == SIM_FAULT_THROTTLE) {
        fail(&a, r, 400, "ThrottlingException", "Rate exceeded");
    } else if (d.kind == SIM_FAULT_ERROR) {
        int unavailable = d.error_status == 503;
        fail(&a, r, d.error_status, unavailable ? "ServiceUnavailable" : "InternalFailure",
             unavailable ? "Service Unavailable" : "An internal error occurred.");
    } else {
        route(w, q, &a, r);
        size_t len = r->body ? strlen(r->body) : 0;
        if (d.kind == SIM_FAULT_TRUNCATE && r->status == 200 && len > 0) {
            r->body[sim_faults_cut(len, d.cut)] = '\0';
            truncated = 1;
        }
    }
    record(st, q, &a, &d, truncated, r->status);
    r->delay_ms += d.delay_ms;
}

static void health(struct sim_world *w, struct sim_state *st, const struct sim_dispatch_req *q,
                   const char *service, struct sim_reply *r)
{
    if (strcmp(q->method, "GET") != 0 && strcmp(q->method, "HEAD") != 0) {
        sim_route_error(r, 405, "MethodNotAllowed", "health endpoints answer GET");
        r->content_type = "application/json";
        return;
    }
    health_route(w, service, r);
    pthread_mutex_lock(&st->mu); /* of the faults, only the delay applies here */
    int delay = st->faults.delay_ms;
    st->stats.faults[SIM_STATS_DELAY] += delay > 0;
    pthread_mutex_unlock(&st->mu);
    r->delay_ms += delay;
}

void sim_dispatch(struct sim_world *w, struct sim_state *st, const struct sim_dispatch_req *q,
                  struct sim_reply *r)
{
    const char *p = q->path ? q->path : "/";
    if (strncmp(p, "/_sim", 5) == 0 && (p[5] == '\0' || p[5] == '/')) {
        const char *qm = strchr(q->raw_target ? q->raw_target : "", '?');
        struct sim_control_req c = { q->method, p, qm ? qm + 1 : "", q->body, q->len };
        if (q->too_large) {
            sim_route_error(r, 413, "SerializationException", "Request body too large.");
            r->content_type = "application/json";
        } else {
            sim_control_handle(w, st, &c, r);
        }
        return;
    }
    char service[64];
    if (sim_route_health_service(p, service, sizeof service) == 0) {
        health(w, st, q, service, r);
        return;
    }
    aws_request(w, st, q, r);
}
