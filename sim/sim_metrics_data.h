/* sim_metrics_data: the numbers behind the fake cloud's GetMetricData. The
 * ALB publishes, in namespace AWS/ApplicationELB with the dimensions
 * LoadBalancer (app/NAME/ID) and TargetGroup (targetgroup/NAME/ID) of each
 * target group, the metrics named by sim_md_metric_names; their values per
 * bucket come from sim_signal. Each query's series lies on a grid from the
 * request's StartTime (rounded down to the minute) in steps of its Period,
 * up to EndTime and never past the last complete minute before now (at most
 * SIM_MD_MAX_POINTS grid points in all, as CloudWatch allows); a bucket
 * with nothing to publish has no datapoint (an HTTPCode_* count that is zero,
 * any count or latency without traffic). Metric math is sim_mexpr. Call with
 * w->mu held. */
#ifndef RW_SIM_METRICS_DATA_H
#define RW_SIM_METRICS_DATA_H

#include <stdint.h>

#include "sim_metrics_req.h"
#include "sim_world.h"

#define SIM_MD_NAMESPACE "AWS/ApplicationELB"
#define SIM_MD_MAX_POINTS 100800

/* One query's series: point k is the bucket starting at start_ms + k * period. */
struct sim_md_series {
    int64_t start_ms;
    int period_s;
    int n;
    double *v;
    unsigned char *has;
    int state;               /* 0 not computed, 1 being computed, 2 done */
};

/* The series of every query of a request, in the request's order. */
struct sim_md_result {
    struct sim_md_series *s;
    int n;
};

/* The metric names the ALB publishes per target group, NULL-terminated. */
const char *const *sim_md_metric_names(void);
/* Compute every query of r (validated) as of now into *out (free with
 * sim_md_result_free); 0, or -1 with *err (a bad expression, too many points). */
int sim_md_compute(const struct sim_world *w, const struct sim_md_req *r, int64_t now_ms,
                   struct sim_md_result *out, struct sim_md_err *err);
/* Free a result and zero it. */
void sim_md_result_free(struct sim_md_result *res);

#endif
