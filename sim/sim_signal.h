/* sim_signal: the traffic the fake cloud's load balancer sees, derived from
 * the world's task intervals. A request at time t goes to one of the tasks
 * the ALB sends traffic to then (sim_task_serving); a task of a good revision
 * answers 5xx 0.15 % of the time in ~75 ms (P95 ~120 ms), a task of a bad
 * revision 14 % of the time in ~1.05 s (P95 of its own ~1.25 s); while
 * sim_world_flapping says a service's health endpoint fails, its requests
 * fail 0.4 % more. Buckets are computed by deterministic sampling
 * (sim_world_noise), so the same bucket always gives the same numbers; live
 * health probes draw from sim_world_rand. Call with w->mu held. */
#ifndef RW_SIM_SIGNAL_H
#define RW_SIM_SIGNAL_H

#include <stdint.h>

#include "sim_world.h"

#define SIM_SIGNAL_SAMPLES 300       /* requests drawn per bucket */
#define SIM_SIGNAL_GOOD_5XX 0.0015   /* 5xx share of a good task */
#define SIM_SIGNAL_BAD_5XX 0.14      /* 5xx share of a bad task */
#define SIM_SIGNAL_FLAP_5XX 0.004    /* extra 5xx share while health flaps */

/* What the ALB publishes for one target group over a bucket [t, t + period). */
struct sim_signal_bucket {
    int has_traffic;                 /* some request was served: counts are published */
    int has_targets;                 /* some target was registered: host counts are */
    double requests;                 /* RequestCount */
    double errors_5xx;               /* HTTPCode_Target_5XX_Count */
    double ok_2xx;                   /* HTTPCode_Target_2XX_Count */
    double bad_share;                /* share of requests that went to bad tasks */
    double lat_s[SIM_SIGNAL_SAMPLES]; /* sampled TargetResponseTime, ascending */
    int nlat;
    double healthy_avg, healthy_min, healthy_max;       /* HealthyHostCount */
    double unhealthy_avg, unhealthy_min, unhealthy_max; /* UnHealthyHostCount */
    int host_samples;                /* instants the host counts were taken at */
};

/* One live request (a health probe): the task that answered (-1 for none),
 * the HTTP status (200, or 503) and the latency in ms. */
struct sim_probe {
    int task;
    int status;
    int latency_ms;
};

/* Service si's requests per minute (noise aside): consumer-agent 1400,
 * payments-api 600, any other 300. */
double sim_signal_rate(const struct sim_world *w, int si);
/* The share of si's traffic served by tasks of a bad revision at time t
 * (0 when no task serves). */
double sim_signal_bad_share(const struct sim_world *w, int si, int64_t t_ms);
/* Compute service si's ALB signals for [t, t + period) into *out. */
void sim_signal_bucket(const struct sim_world *w, int si, int64_t t_ms, int64_t period_ms,
                       struct sim_signal_bucket *out);
/* The p-th percentile (0..100, nearest rank) of a bucket's sampled latency in
 * seconds; 0 for a bucket without traffic. */
double sim_signal_percentile(const struct sim_signal_bucket *b, double p);
/* The mean of a bucket's sampled latency in seconds. */
double sim_signal_average(const struct sim_signal_bucket *b);
/* One live request to service si at time t (uses and advances w's generator). */
struct sim_probe sim_signal_probe(struct sim_world *w, int si, int64_t t_ms);

#endif
