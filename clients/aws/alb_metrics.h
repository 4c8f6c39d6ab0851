/* alb_metrics: an ECS service's Application Load Balancer signals, read as a
 * small state machine on the AWS client (so credentials, retries and
 * throttling apply): the target group's load balancer (ELBv2
 * DescribeTargetGroups, remembered per target group in an alb_cache), then
 * one GetMetricData for p95 TargetResponseTime, Sum RequestCount and Sum
 * HTTPCode_Target_5XX_Count with both ALB dimensions over the window, every
 * page (NextToken), assembled into a model_metrics (core/model_metrics.h).
 * A service without a target group, or a target group no load balancer
 * uses, gives MODEL_METRICS_NO_LB rather than an error. */
#ifndef RW_ALB_METRICS_H
#define RW_ALB_METRICS_H

#include <stdint.h>

#include "client.h"
#include "core/model_metrics.h"

#define ALB_METRICS_MAX_PAGES 50   /* a NextToken chain longer than this is an error */

struct alb_cache;

/* An empty cache of target group -> load balancer; free with alb_cache_free. */
struct alb_cache *alb_cache_new(void);
/* Free the cache. NULL is fine. */
void alb_cache_free(struct alb_cache *c);
/* The LoadBalancer dimension ("app/NAME/ID") remembered for the target group
 * tg_arn, or NULL (borrowed: valid until the cache changes). */
const char *alb_cache_lb(const struct alb_cache *c, const char *tg_arn);

struct alb_metrics_req {
    const char *target_group;  /* its ARN; NULL: the service has none */
    int window_min;            /* how far back from end_s */
    int period_s;              /* 0: MODEL_METRICS_PERIOD_S */
    int64_t end_s;             /* epoch s; 0: now, rounded up to the period */
    int max_datapoints;        /* per page; 0: not sent (tests page with small values) */
};

struct alb_metrics_job;

/* The metrics (*m's contents are the callee's: model_metrics_clear or move
 * them), or m NULL and err. */
typedef void (*alb_metrics_fn)(struct model_metrics *m, const struct rw_err *err, void *ud);

/* Start reading r (copied) through c, learning and using cache (both
 * borrowed; they must outlive the job). fn runs later from the loop, exactly
 * once unless the job is cancelled. */
struct alb_metrics_job *alb_metrics_start(struct aws_client *c, struct alb_cache *cache,
                                          const struct alb_metrics_req *r, alb_metrics_fn fn,
                                          void *ud);
/* Cancel a job in flight (fn is not called). NULL is fine. */
void alb_metrics_cancel(struct alb_metrics_job *j);

#endif
