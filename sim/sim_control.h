/* sim_control: the fake cloud's own state beside the world (faults, the PRNG,
 * request statistics, temporary credentials) and its control API under /_sim
 * on the same port, unsigned and never subject to faults:
 *   GET  /_sim/health       {"status":"ok"}
 *   GET  /_sim/faults       the faults now;  POST: change any subset
 *   GET  /_sim/requests     counts by service.Operation, faults, mutating calls
 *   GET  /_sim/credentials  fresh temporary keys (--expire-credentials-after) */
#ifndef RW_SIM_CONTROL_H
#define RW_SIM_CONTROL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_creds.h"
#include "sim_faults.h"
#include "sim_route.h"
#include "sim_stats.h"

struct sim_world;

/* Shared by the server's thread and the control API: hold mu. */
struct sim_state {
    pthread_mutex_t mu;
    struct sim_faults faults;
    struct sim_rng rng;        /* fault decisions */
    unsigned long nerrors;     /* injected errors so far: 500 and 503 alternate */
    struct sim_stats stats;
    struct sim_creds creds;    /* in use when faults.expire_credentials_after_s > 0 */
};

/* A control request: path without the query, query raw ("" if none). */
struct sim_control_req {
    const char *method, *path, *query;
    const char *body;
    size_t len;
};

/* A control endpoint; it locks what it touches (st->mu, w->mu). */
typedef void (*sim_control_fn)(struct sim_world *w, struct sim_state *st,
                               const struct sim_control_req *q, struct sim_reply *r);

/* Heap-allocate the state with these faults and seed; caller frees with
 * sim_state_free. */
struct sim_state *sim_state_new(const struct sim_faults *f, uint64_t seed);
/* Free st; NULL is fine. */
void sim_state_free(struct sim_state *st);
/* Answer a request under /_sim (JSON, content type application/json). */
void sim_control_handle(struct sim_world *w, struct sim_state *st,
                        const struct sim_control_req *q, struct sim_reply *r);

#endif
