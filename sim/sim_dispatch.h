/* sim_dispatch: one complete request in, one reply out, without HTTP: the
 * routing tables (X-Amz-Target prefix -> handler, query-protocol service ->
 * handler, health endpoint), the control API, SigV4 (the sim's long-term key
 * or a temporary key with its token), request statistics and fault injection.
 * Plugging a handler is a one-line change in sim_dispatch.c's tables. */
#ifndef RW_SIM_DISPATCH_H
#define RW_SIM_DISPATCH_H

#include <stddef.h>

#include "clients/aws/sigv4.h"
#include "sim_control.h"
#include "sim_route.h"

#define SIM_DISPATCH_MAX_HEADERS 48

struct sim_world;

/* A received request: path decoded (MHD's url), raw_target as sent ("/p?q"). */
struct sim_dispatch_req {
    const char *method, *path, *raw_target;
    const struct sigv4_header *headers;
    size_t nheaders;
    const char *body;
    size_t len;
    int too_large;             /* the body went over SIM_MAX_BODY (and was dropped) */
};

/* Answer q into r (zeroed by the caller; free r->body): /_sim/... is the control
 * API, GET /svc/<service>/health a health slot, anything else an AWS request. */
void sim_dispatch(struct sim_world *w, struct sim_state *st, const struct sim_dispatch_req *q,
                  struct sim_reply *r);

#endif
