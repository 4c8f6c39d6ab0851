/* simmetrics_fixture: a fake-cloud world on a fake clock for the CloudWatch
 * metrics tests, and GetMetricData calls made with rollwatch's own request
 * builder and read back with its parser. */
#ifndef RW_TEST_SIMMETRICS_FIXTURE_H
#define RW_TEST_SIMMETRICS_FIXTURE_H

#include <stdint.h>

#include "clients/aws/cloudwatch.h"
#include "sim/sim_world.h"

#define START 1795000000000LL /* 2026-11-18T11:06:40Z */
#define MIN 60000LL
#define LB "app/cap-production-alb/5e1a7a96e7a1b000"
#define TG_CA "targetgroup/consumer-agent-tg/5e1a7a96e7000000"
#define TG_PA "targetgroup/payments-api-tg/5e1a7a96e7000002"

/* The fake clock the worlds read (ms); tests move it. */
extern int64_t smf_now;

/* Build scenario's world at START (seed 42) on the fake clock. */
void smf_open_world(struct sim_world *w, const char *scenario);
/* Call op with body (JSON 1.0); the reply body (caller frees), status in *status. */
char *smf_call(struct sim_world *w, const char *op, const char *body, int *status);
/* rollwatch's ALB request for tg over [from, to) ms, answered and parsed into res. */
int smf_alb(struct sim_world *w, const char *tg, int64_t from, int64_t to, int period,
        struct cw_result *res);

#endif
