/* client: one AWS call = sign, send over the loop, read the typed error, and
 * retry as the AWS standard retry mode says: up to 3 attempts, full-jitter
 * backoff rand(0,1) * min(2^(n-1), 20) s, a retry quota (500 tokens, 5 per
 * retry, 10 per timeout), retrying throttling codes, 500/502/503/504 and
 * timeouts. Mutating calls (UpdateService, StopTask) are retried only on
 * throttling and connection failures; after a read timeout they report
 * maybe_applied so the caller describes the service again instead of
 * re-sending. A clock-skew error corrects the clock from the Date header
 * once; an ExpiredToken error refreshes the credentials once. FilterLogEvents
 * shares one token bucket of 5 requests/s. */
#ifndef RW_AWS_CLIENT_H
#define RW_AWS_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "awserr.h"
#include "core/loop.h"
#include "endpoints.h"

struct aws_creds {
    char *access_key;
    char *secret_key;
    char *session_token;        /* NULL without one */
    int64_t expires_wall_ms;    /* 0: does not expire */
};

/* Where credentials come from (the credential chain implements this). */
struct aws_creds_source {
    /* Copy the current credentials into out (caller frees with aws_creds_clear);
     * 0, -1 with err, or 1 while they are still being resolved (ask again soon). */
    int (*get)(void *ud, struct aws_creds *out, struct rw_err *err);
    /* Drop cached credentials so the next get fetches fresh ones. */
    void (*invalidate)(void *ud);
    void *ud;
};

enum aws_protocol { AWS_PROTO_JSON_1_1, AWS_PROTO_JSON_1_0, AWS_PROTO_QUERY };

struct aws_op {
    enum aws_service svc;
    enum aws_protocol proto;
    const char *target;         /* JSON: "Logs_20140328.FilterLogEvents"; query: unused */
    const char *name;           /* "FilterLogEvents" */
    int mutating;
    int anonymous;              /* sent unsigned (AssumeRoleWithWebIdentity) */
};

struct aws_reply {
    int ok;
    int status;
    const char *body;           /* borrowed: valid during the callback */
    size_t len;
    struct aws_error error;     /* when the service answered with an error */
    struct rw_err err;          /* always set when !ok: a one-line reason */
    int attempts;
    int throttled;              /* attempts that were throttled */
    int maybe_applied;          /* mutating call timed out after sending */
};

typedef void (*aws_reply_fn)(const struct aws_reply *reply, void *ud);

struct aws_client_config {
    struct rw_loop *loop;
    const char *region;
    const char *endpoints[AWS_SVC_COUNT];  /* base URLs (aws_endpoint_resolve) */
    struct aws_creds_source creds;
    int max_attempts;           /* 0: 3 */
    double (*rand01)(void);     /* NULL: random(); tests pass a fixed one */
    long timeout_ms;            /* 0: 30000 */
};

/* A client (copies the config's strings); free with aws_client_free. */
struct aws_client *aws_client_new(const struct aws_client_config *cfg);
/* Free the client, cancelling calls in flight without callbacks. */
void aws_client_free(struct aws_client *c);
/* Start a call with body[0..len); fn runs exactly once unless cancelled. Returns an id > 0. */
uint64_t aws_call(struct aws_client *c, const struct aws_op *op, const char *body, size_t len,
                  aws_reply_fn fn, void *ud);
/* Cancel a call by id (no callback); unknown ids are ignored. */
void aws_cancel(struct aws_client *c, uint64_t id);
/* The loop the client runs on (borrowed). */
struct rw_loop *aws_client_loop(const struct aws_client *c);
/* Seconds added to the local clock when signing (learned from clock-skew errors). */
int64_t aws_client_skew_s(const struct aws_client *c);
/* Tokens left in the retry quota. */
int aws_client_retry_quota(const struct aws_client *c);
/* Free the strings of a credentials struct and zero it. */
void aws_creds_clear(struct aws_creds *cr);

/* A token bucket: rate tokens per second, burst at most; pure, for tests. */
struct aws_bucket {
    double tokens, rate, burst;
    int64_t last_ms;
};
/* Take one token at now_ms; returns 0, or the ms to wait before trying again. */
int64_t aws_bucket_take(struct aws_bucket *b, int64_t now_ms);

#endif
