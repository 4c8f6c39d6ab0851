/* sim_query: the fake cloud's side of the AWS query protocol (STS,
 * CloudFormation, ELBv2 and CloudWatch as the AWS CLI speaks it): a pure
 * decoder of application/x-www-form-urlencoded bodies with look-ups by key
 * ("MetricDataQueries.member.1.Id"), the dispatcher from the SigV4 service
 * name and Action to a handler, and the reply shapes: <ActionResponse
 * xmlns=…><ActionResult>…</ActionResult><ResponseMetadata><RequestId>… and
 * <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>, both
 * text/xml. */
#ifndef RW_SIM_QUERY_H
#define RW_SIM_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "sim_route.h"
#include "sim_world.h"
#include "sim_xml.h"

#define SIM_FORM_MAX_PAIRS 20000
#define SIM_QUERY_CONTENT_TYPE "text/xml"

struct sim_form_pair {
    char *key;
    char *value;
    size_t order;             /* position in the body: a repeated key's last wins */
};

/* A decoded form, its pairs sorted by key. */
struct sim_form {
    struct sim_form_pair *pairs;
    size_t n;
};

/* What a handler needs to answer: the action, the service's XML namespace,
 * the request id and the reply to fill. */
struct sim_query_ctx {
    const char *action;
    const char *xmlns;
    char request_id[40];
    struct sim_reply *r;
};

/* Decode body[0..len) (pairs split on '&', key and value at the first '=',
 * '+' a space, %XX a byte) into *out (free with sim_query_form_free); 0, or
 * -1 for a bad %-escape, an encoded NUL or more than SIM_FORM_MAX_PAIRS
 * pairs, out zeroed. Pure. */
int sim_query_parse_form(const char *body, size_t len, struct sim_form *out);
/* Free a decoded form and zero it. */
void sim_query_form_free(struct sim_form *f);
/* The value of key (the last if repeated), or NULL; borrowed from f. */
const char *sim_query_get(const struct sim_form *f, const char *key);
/* sim_query_get with the key built by printf. */
const char *sim_query_getf(const struct sim_form *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Whether some key is prefix itself or starts with prefix and a '.'. */
int sim_query_has(const struct sim_form *f, const char *prefix);
/* How many members the list prefix has: the largest N (at most 1000) such
 * that "prefix.member.K" or "prefix.member.K.*" is set for each K in 1..N. */
int sim_query_members(const struct sim_form *f, const char *prefix);

/* Start a success document: <ActionResponse xmlns><ActionResult>. */
void sim_query_begin(const struct sim_query_ctx *c, struct sim_xml *x);
/* Close it with the ResponseMetadata and fill c->r (200, text/xml); takes x. */
void sim_query_finish(const struct sim_query_ctx *c, struct sim_xml *x);
/* Fill c->r with an ErrorResponse (Type Sender, or Receiver for 5xx). */
void sim_query_fail(const struct sim_query_ctx *c, int status, const char *code,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Write epoch ms as ISO-8601 UTC, "2026-11-23T12:00:00Z" or, with_ms,
 * "2026-11-23T12:00:00.000Z", into out (size n). */
void sim_query_time(int64_t ms, int with_ms, char *out, size_t n);

/* Answer a query-protocol request for service (the SigV4 credential scope's:
 * sts, cloudformation, elasticloadbalancing, monitoring) with body; locks
 * w->mu and advances the world first. Fills r (content type text/xml). */
void sim_query_handle(struct sim_world *w, const char *service, const char *body, size_t len,
                      struct sim_reply *r);

#endif
