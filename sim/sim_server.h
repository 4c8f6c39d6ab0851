/* sim_server: the fake cloud's HTTP front: libmicrohttpd with one internal
 * polling thread on 127.0.0.1. Every AWS request is checked (SigV4, body size),
 * counted, maybe faulted, and routed through small tables (X-Amz-Target prefix,
 * query-protocol service, health endpoint); /_sim/ is the control API. Replies
 * asked to wait are parked (suspended) and sent later by a delay thread. */
#ifndef RW_SIM_SERVER_H
#define RW_SIM_SERVER_H

#include <stdint.h>

#include "core/err.h"
#include "sim_faults.h"
#include "sim_world.h"

/* Largest request body accepted; beyond it the reply is 413. */
#define SIM_MAX_BODY (1024 * 1024)

struct sim_server;

/* Serve w (borrowed: it must outlive the server) on 127.0.0.1:port (0 picks a
 * free port) with these faults (copied) and PRNG seed; NULL with err set if the
 * port cannot be bound. */
struct sim_server *sim_server_start(struct sim_world *w, int port, const struct sim_faults *f,
                                    uint64_t seed, struct rw_err *err);
/* The port the server listens on. */
int sim_server_port(const struct sim_server *s);
/* Stop serving and free s: replies still waiting are sent at once first, so
 * nothing hangs or leaks; NULL is fine. */
void sim_server_stop(struct sim_server *s);

#endif
