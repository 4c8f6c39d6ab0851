/* sim_metrics: the fake cloud's CloudWatch metrics, GetMetricData and
 * ListMetrics, over both protocols CloudWatch speaks: AWS JSON 1.0 (the
 * X-Amz-Target GraniteServiceVersion20100801.<Op>, as rollwatch and newer
 * SDKs send it; timestamps in epoch seconds) and the query protocol (as the
 * AWS CLI v2.9 sends it; ISO-8601, XML replies). Pages hold at most
 * MaxDatapoints points (default 100800) in all; StatusCode is PartialData for
 * a series cut short, with a NextToken to go on. */
#ifndef RW_SIM_METRICS_H
#define RW_SIM_METRICS_H

#include <stddef.h>

#include "sim_query.h"
#include "sim_route.h"
#include "sim_world.h"

#define SIM_METRICS_TARGET_PREFIX "GraniteServiceVersion20100801."
#define SIM_METRICS_CONTENT_TYPE "application/x-amz-json-1.0"

/* Answer the JSON 1.0 operation op (the part of X-Amz-Target after
 * SIM_METRICS_TARGET_PREFIX) with body; locks w->mu and advances the world.
 * Fills r (content type SIM_METRICS_CONTENT_TYPE); errors are
 * {"__type":"com.amazonaws.cloudwatch#<Shape>","message":…}. */
void sim_metrics_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                        struct sim_reply *r);
/* For a JSON 1.0 error reply of sim_metrics_handle, the value of the
 * x-amzn-query-error header CloudWatch sends with it ("Code;Sender", the
 * query-protocol code SDKs in query-compatible mode report) into out (size
 * n); 0, or -1 when r is no such error. */
int sim_metrics_query_error(const struct sim_reply *r, char *out, size_t n);
/* Answer c->action for the query protocol (service "monitoring") into c->r;
 * -1 (nothing written) for an action it does not know. Call with w->mu held
 * (sim_query_handle does). */
int sim_metrics_query(struct sim_world *w, const struct sim_form *f,
                      const struct sim_query_ctx *c);

#endif
