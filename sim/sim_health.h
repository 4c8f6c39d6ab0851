/* sim_health: the services' own health endpoints, GET /svc/<service>/health
 * (unsigned), as the load balancer would pass a request on: a live request to
 * one serving task (sim_signal_probe), answered after the sampled latency
 * (the reply's delay_ms), 200 {"status":"ok","task":ID,"release":R} or 503
 * {"status":"unavailable",…} when the task fails the request, the service's
 * health flaps (flapping-health) or no task serves at all. JSON bodies. */
#ifndef RW_SIM_HEALTH_H
#define RW_SIM_HEALTH_H

#include "sim_route.h"
#include "sim_world.h"

#define SIM_HEALTH_CONTENT_TYPE "application/json"

/* Answer a health probe of service (its name) into r; 404 for a service the
 * world does not have. Locks w->mu and advances the world first. */
void sim_health_handle(struct sim_world *w, const char *service, struct sim_reply *r);

#endif
