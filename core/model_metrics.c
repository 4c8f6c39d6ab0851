/* model_metrics: sparse raw series laid on a regular grid of buckets (see
 * model_metrics.h). */
#include "model_metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void model_metrics_clear(struct model_metrics *m)
{
    free(m->source);
    free(m->ts_wall_ms);
    free(m->p95_s);
    free(m->error_rate);
    free(m->req_per_min);
    memset(m, 0, sizeof *m);
}

/* Spread pts over grid[0..nb) (NaN where no datapoint falls); *seen[k] is set
 * for every bucket that got one. */
static void lay(double *grid, unsigned char *seen, size_t nb, int64_t start_ms, int64_t step_ms,
                const struct model_points *pts)
{
    for (size_t k = 0; k < nb; k++)
        grid[k] = NAN;
    for (size_t i = 0; pts && i < pts->n; i++) {
        int64_t d = pts->ts_ms[i] - start_ms;
        if (d < 0 || d / step_ms >= (int64_t)nb || !isfinite(pts->v[i]))
            continue;
        grid[d / step_ms] = pts->v[i];
        seen[d / step_ms] = 1;
    }
}

void model_metrics_build(struct model_metrics *out, int64_t start_wall_ms, int window_min,
                         int period_s, const struct model_points *p95,
                         const struct model_points *requests, const struct model_points *errors)
{
    model_metrics_clear(out);
    out->state = MODEL_METRICS_OK;
    out->window_min = window_min;
    out->period_s = period_s > 0 ? period_s : MODEL_METRICS_PERIOD_S;
    int64_t step = (int64_t)out->period_s * 1000;
    size_t nb = window_min > 0 ? (size_t)((int64_t)window_min * 60000 / step) : 0;
    double *lat = xcalloc(nb + 1, sizeof *lat), *req = xcalloc(nb + 1, sizeof *req);
    double *err = xcalloc(nb + 1, sizeof *err);
    unsigned char *seen = xcalloc(nb + 1, 1), *unused = xcalloc(nb + 1, 1);
    lay(lat, seen, nb, start_wall_ms, step, p95);
    lay(req, seen, nb, start_wall_ms, step, requests);
    lay(err, unused, nb, start_wall_ms, step, errors); /* 5xx alone says nothing of traffic */
    size_t n = nb;
    while (n > 0 && !seen[n - 1])
        n--;
    out->n = n;
    out->ts_wall_ms = xcalloc(n + 1, sizeof *out->ts_wall_ms);
    out->p95_s = lat;
    out->error_rate = err;
    out->req_per_min = req;
    double per_min = 60.0 / out->period_s;
    for (size_t k = 0; k < n; k++) {
        out->ts_wall_ms[k] = start_wall_ms + (int64_t)k * step;
        double e = isnan(err[k]) ? 0 : err[k]; /* no 5xx datapoint: no errors */
        err[k] = req[k] > 0 ? e / req[k] : NAN;
        req[k] = isnan(req[k]) ? NAN : req[k] * per_min;
    }
    free(seen);
    free(unused);
}

void model_metrics_no_lb(struct model_metrics *out, int window_min)
{
    model_metrics_clear(out);
    out->state = MODEL_METRICS_NO_LB;
    out->window_min = window_min;
    out->period_s = MODEL_METRICS_PERIOD_S;
}

double model_metrics_last(const double *v, size_t n, size_t *at)
{
    for (size_t k = n; v && k > 0; k--)
        if (isfinite(v[k - 1])) {
            if (at)
                *at = k - 1;
            return v[k - 1];
        }
    return NAN;
}

int model_metrics_level(double v, double warn, double crit)
{
    if (isnan(v))
        return -1;
    return v > crit ? 2 : v > warn ? 1 : 0;
}
