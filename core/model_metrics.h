/* model_metrics: a service's load-balancer signals over a time window, one
 * bucket per period (60 s): P95 latency, error rate and requests per minute,
 * assembled from a provider's raw series. Pure: no I/O, no clock. The raw
 * series are sparse, as CloudWatch gives them: a bucket without traffic has
 * no datapoint, and an ALB publishes no HTTPCode_* count for a period that
 * had none, so a missing 5xx datapoint beside a request count means 0 errors.
 * The warning and critical levels are DESIGN.md's runbook defaults. */
#ifndef RW_MODEL_METRICS_H
#define RW_MODEL_METRICS_H

#include <stddef.h>
#include <stdint.h>

#define MODEL_METRICS_INTERVAL_MS 60000  /* how often the selected service's are read */
#define MODEL_METRICS_PERIOD_S 60
#define MODEL_METRICS_WINDOW_MIN 30      /* the default window; 60 is the other */
#define MODEL_METRICS_P95_WARN_S 0.5     /* P95 latency: warning above 500 ms */
#define MODEL_METRICS_P95_CRIT_S 1.0     /* critical above 1000 ms */
#define MODEL_METRICS_ERR_WARN 0.01      /* error rate: warning above 1 % */
#define MODEL_METRICS_ERR_CRIT 0.05      /* critical above 5 % */

enum model_metrics_state {
    MODEL_METRICS_NONE = 0,   /* never loaded */
    MODEL_METRICS_OK,         /* series below (n may be 0: no traffic in the window) */
    MODEL_METRICS_NO_LB,      /* the service is behind no load balancer: nothing to read */
};

struct model_metrics {
    int state;                /* enum model_metrics_state */
    char *source;             /* where they come from ("cap-production-alb"), or NULL */
    int window_min, period_s;
    size_t n;                 /* buckets, oldest first, up to the newest with traffic */
    int64_t *ts_wall_ms;      /* each bucket's start, epoch ms */
    double *p95_s;            /* P95 latency in seconds; NaN: no datapoint */
    double *error_rate;       /* 5xx / requests, 0..1; NaN: no requests */
    double *req_per_min;      /* requests per minute; NaN: no datapoint */
};

/* One raw series: n datapoints (epoch ms, value) in any order. */
struct model_points {
    const int64_t *ts_ms;
    const double *v;
    size_t n;
};

/* Assemble out (cleared first; free with model_metrics_clear) over the window
 * of window_min minutes starting at start_wall_ms, in buckets of period_s,
 * from the raw P95 latency (seconds), request count and 5xx count series;
 * datapoints outside the window are ignored. Trailing buckets without any
 * datapoint (not published yet) are dropped. state becomes MODEL_METRICS_OK. */
void model_metrics_build(struct model_metrics *out, int64_t start_wall_ms, int window_min,
                         int period_s, const struct model_points *p95,
                         const struct model_points *requests, const struct model_points *errors);
/* Set out (cleared first) to the "no load balancer" state for window_min. */
void model_metrics_no_lb(struct model_metrics *out, int window_min);
/* Free what m holds and zero it. */
void model_metrics_clear(struct model_metrics *m);
/* The newest finite value of v[0..n) (its index into *at if at is not NULL),
 * or NaN when there is none. */
double model_metrics_last(const double *v, size_t n, size_t *at);
/* How v stands against the levels: 0 fine, 1 above warn, 2 above crit; -1 for
 * NaN (nothing to judge). */
int model_metrics_level(double v, double warn, double crit);

#endif
