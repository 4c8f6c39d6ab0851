/* sim_metrics_data: series per query from sim_signal buckets, and metric
 * math over them (see sim_metrics_data.h). */
#include "sim_metrics_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_elb.h"
#include "sim_mexpr.h"
#include "sim_signal.h"

#define MINUTE_MS 60000

enum metric { M_RT, M_REQ, M_5XX, M_2XX, M_HEALTHY, M_UNHEALTHY, M_NONE };

static const char *const names[] = { "TargetResponseTime", "RequestCount",
                                     "HTTPCode_Target_5XX_Count", "HTTPCode_Target_2XX_Count",
                                     "HealthyHostCount", "UnHealthyHostCount", NULL };

const char *const *sim_md_metric_names(void)
{
    return names;
}

struct ctx {
    const struct sim_world *w;
    const struct sim_md_req *r;
    int64_t now_ms;
    struct sim_md_result *res;
    struct sim_md_err *err;
    int64_t points;          /* grid points so far, over all queries */
};

/* The service a MetricStat's metric belongs to, or -1 when the sim publishes
 * no such metric (then the series is simply empty, as in CloudWatch). */
static int target_of(const struct sim_world *w, const struct sim_md_query *q, enum metric *m)
{
    *m = M_NONE;
    for (int i = 0; names[i]; i++)
        if (strcmp(q->metric, names[i]) == 0)
            *m = (enum metric)i;
    if (*m == M_NONE || strcmp(q->ns, SIM_MD_NAMESPACE) != 0 || q->ndims != 2)
        return -1;
    char lb[128];
    sim_elb_lb_dimension(w, lb, sizeof lb);
    const char *lbv = NULL, *tgv = NULL;
    for (int i = 0; i < 2; i++) {
        if (strcmp(q->dims[i].name, "LoadBalancer") == 0)
            lbv = q->dims[i].value;
        else if (strcmp(q->dims[i].name, "TargetGroup") == 0)
            tgv = q->dims[i].value;
    }
    if (!lbv || !tgv || strcmp(lbv, lb) != 0 || strncmp(tgv, "targetgroup/", 12) != 0)
        return -1;
    return sim_elb_find_tg(w, tgv);
}

/* A count's statistic: each request (or response) is one sample of 1. */
static int count_value(double c, const char *stat, double *v)
{
    if (c <= 0)
        return 0;
    *v = strcmp(stat, "Sum") == 0 || strcmp(stat, "SampleCount") == 0 ? c : 1;
    return 1;
}

static int latency_value(const struct sim_signal_bucket *b, const char *stat, double pct,
                         double *v)
{
    if (!b->has_traffic)
        return 0;
    double avg = sim_signal_average(b);
    *v = pct >= 0                             ? sim_signal_percentile(b, pct)
       : strcmp(stat, "Minimum") == 0         ? b->lat_s[0]
       : strcmp(stat, "Maximum") == 0         ? b->lat_s[b->nlat - 1]
       : strcmp(stat, "SampleCount") == 0     ? b->requests
       : strcmp(stat, "Sum") == 0             ? avg * b->requests
                                              : avg;
    return 1;
}

static int hosts_value(double avg, double min, double max, int samples, const char *stat,
                       double *v)
{
    *v = strcmp(stat, "Minimum") == 0 ? min : strcmp(stat, "Maximum") == 0 ? max
       : strcmp(stat, "SampleCount") == 0 ? samples : strcmp(stat, "Sum") == 0 ? avg * samples
       : avg;
    return samples > 0;
}

/* The value of metric m with stat in bucket b; 0 if there is no datapoint. */
static int value(const struct sim_signal_bucket *b, enum metric m, const char *stat,
                 double pct, double *v)
{
    switch (m) {
    case M_RT: return latency_value(b, stat, pct, v);
    case M_REQ: return b->has_traffic && count_value(b->requests, stat, v);
    case M_5XX: return b->has_traffic && count_value(b->errors_5xx, stat, v);
    case M_2XX: return b->has_traffic && count_value(b->ok_2xx, stat, v);
    case M_HEALTHY:
        return b->has_targets && hosts_value(b->healthy_avg, b->healthy_min, b->healthy_max,
                                             b->host_samples, stat, v);
    case M_UNHEALTHY:
        return b->has_targets && hosts_value(b->unhealthy_avg, b->unhealthy_min,
                                             b->unhealthy_max, b->host_samples, stat, v);
    default: return 0;
    }
}

/* Lay out s's grid for period p; -1 with err if it holds too many points. */
static int grid(struct ctx *c, struct sim_md_series *s, int period_s)
{
    int64_t start = c->r->start_ms - ((c->r->start_ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    /* the last complete minute ends at last: every bucket starts before it */
    int64_t last = c->now_ms - ((c->now_ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    int64_t step = (int64_t)period_s * 1000, until = c->r->end_ms < last ? c->r->end_ms : last;
    int64_t n = until > start ? (until - start + step - 1) / step : 0;
    c->points += n;
    if (c->points > SIM_MD_MAX_POINTS) {
        snprintf(c->err->msg, sizeof c->err->msg, "You have requested up to %lld datapoints, "
                 "which exceeds the limit of %d.", (long long)c->points, SIM_MD_MAX_POINTS);
        c->err->code = "InvalidParameterValue";
        return -1;
    }
    s->start_ms = start;
    s->period_s = period_s;
    s->n = (int)n;
    s->v = xcalloc(n ? (size_t)n : 1, sizeof *s->v);
    s->has = xcalloc(n ? (size_t)n : 1, 1);
    return 0;
}

static int compute_stat(struct ctx *c, const struct sim_md_query *q, struct sim_md_series *s)
{
    enum metric m;
    double pct;
    if (grid(c, s, q->period) < 0)
        return -1;
    int si = target_of(c->w, q, &m);
    sim_md_stat_ok(q->stat, &pct);
    int64_t last = c->now_ms - ((c->now_ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    struct sim_signal_bucket *b = xmalloc(sizeof *b);
    for (int k = 0; si >= 0 && k < s->n; k++) {
        int64_t t = s->start_ms + (int64_t)k * q->period * 1000;
        int64_t span = t + q->period * 1000LL <= last ? q->period * 1000LL : last - t;
        sim_signal_bucket(c->w, si, t, span, b);
        s->has[k] = (unsigned char)value(b, m, q->stat, pct, &s->v[k]);
    }
    free(b);
    return 0;
}

static int compute(struct ctx *c, int i);

/* The grid period of an expression: its own, else the first MetricStat's, else 60. */
static int expr_period(const struct sim_md_req *r, const struct sim_md_query *q)
{
    for (int i = 0; !q->period && i < r->nq; i++)
        if (r->q[i].has_stat)
            return r->q[i].period;
    return q->period ? q->period : 60;
}

struct resolve_ctx {
    struct ctx *c;
    const struct sim_md_series *into;
};

static int resolve(void *vctx, const char *id, struct sim_mexpr_series *out, char *err,
                   size_t errlen)
{
    struct resolve_ctx *rc = vctx;
    struct ctx *c = rc->c;
    int j = 0;
    while (j < c->r->nq && strcmp(c->r->q[j].id, id) != 0)
        j++;
    if (j == c->r->nq) {
        snprintf(err, errlen, "unknown id %.64s", id);
        return -1;
    }
    if (c->res->s[j].state == 1) {
        snprintf(err, errlen, "%.64s refers back to itself", id);
        return -1;
    }
    if (compute(c, j) < 0) {
        snprintf(err, errlen, "%.64s: %s", id, c->err->msg);
        return -1;
    }
    const struct sim_md_series *s = &c->res->s[j];
    if (s->period_s != rc->into->period_s || s->n != rc->into->n) {
        snprintf(err, errlen, "%.64s has another period (rollwatch sim needs one)", id);
        return -1;
    }
    memcpy(out->v, s->v, (size_t)s->n * sizeof *s->v);
    memcpy(out->has, s->has, (size_t)s->n);
    return 0;
}

static int compute_expr(struct ctx *c, const struct sim_md_query *q, struct sim_md_series *s)
{
    struct sim_mexpr *e = xmalloc(sizeof *e);
    char msg[200];
    struct resolve_ctx rc = { c, s };
    int rcode = grid(c, s, expr_period(c->r, q));
    if (rcode == 0 && sim_mexpr_parse(q->expression, e, msg, sizeof msg) < 0)
        rcode = -1;
    if (rcode == 0) {
        struct sim_mexpr_series out = { s->v, s->has };
        rcode = sim_mexpr_eval(e, s->n, resolve, &rc, &out, msg, sizeof msg);
    }
    free(e);
    if (rcode < 0 && s->v) { /* grid() filled err itself */
        snprintf(c->err->msg, sizeof c->err->msg, "Error in expression %.64s: %s", q->id, msg);
        c->err->code = "InvalidParameterValue";
    }
    return rcode;
}

static int compute(struct ctx *c, int i)
{
    struct sim_md_series *s = &c->res->s[i];
    if (s->state == 2)
        return 0;
    s->state = 1;
    const struct sim_md_query *q = &c->r->q[i];
    int rc = q->has_stat ? compute_stat(c, q, s) : compute_expr(c, q, s);
    s->state = rc == 0 ? 2 : 1;
    return rc;
}

int sim_md_compute(const struct sim_world *w, const struct sim_md_req *r, int64_t now_ms,
                   struct sim_md_result *out, struct sim_md_err *err)
{
    struct ctx c = { w, r, now_ms, out, err, 0 };
    out->n = r->nq;
    out->s = xcalloc(r->nq ? (size_t)r->nq : 1, sizeof *out->s);
    for (int i = 0; i < r->nq; i++)
        if (compute(&c, i) < 0) {
            sim_md_result_free(out);
            return -1;
        }
    return 0;
}

void sim_md_result_free(struct sim_md_result *res)
{
    for (int i = 0; i < res->n; i++) {
        free(res->s[i].v);
        free(res->s[i].has);
    }
    free(res->s);
    memset(res, 0, sizeof *res);
}
