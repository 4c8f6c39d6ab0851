/* sim_signal: request outcomes and ALB bucket figures from the world's task
 * intervals (see sim_signal.h). Every number of a bucket comes from
 * sim_world_noise keyed by the service, the bucket and a sample index. */
#include "sim_signal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MINUTE_MS 60000
#define GOOD_MEDIAN_S 0.068     /* + up to 0.014 s, drifting per minute */
#define GOOD_DRIFT_S 0.014
#define GOOD_SIGMA 0.2857       /* P95 = median * 1.6 */
#define BAD_MEDIAN_S 1.05
#define BAD_SIGMA 0.11          /* P90 = 1.21 s */
#define HOST_STEP_MS 10000      /* host counts every 10 s */
#define MAX_HOST_SAMPLES 360

/* Noise streams, so that no two uses share a key. */
enum { NS_TIME, NS_PICK, NS_Z1, NS_Z2, NS_RATE, NS_DRIFT, NS_ERR1, NS_ERR2 };

static uint64_t key(int si, int64_t t_ms)
{
    return (uint64_t)t_ms * 0x9e3779b97f4a7c15ull ^ ((uint64_t)(si + 1) << 52) ^ 0x5167a1ull;
}

static double noise(const struct sim_world *w, int si, int64_t t_ms, int stream, int i)
{
    return sim_world_noise(w, key(si, t_ms), ((uint64_t)stream << 32) | (uint32_t)i);
}

double sim_signal_rate(const struct sim_world *w, int si)
{
    const char *n = w->services[si].name;
    return strcmp(n, "consumer-agent") == 0 ? 1400 : strcmp(n, "payments-api") == 0 ? 600 : 300;
}

/* A standard normal draw from two uniforms (Box-Muller), clamped to +-4. */
static double normal(double u1, double u2)
{
    double z = sqrt(-2.0 * log(1.0 - u1)) * cos(2.0 * M_PI * u2);
    return z > 4 ? 4 : z < -4 ? -4 : z;
}

/* The median latency of a good task in the minute holding t (seconds). */
static double good_median(const struct sim_world *w, int si, int64_t t_ms)
{
    int64_t minute = t_ms - ((t_ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
    return GOOD_MEDIAN_S + GOOD_DRIFT_S * noise(w, si, minute, NS_DRIFT, 0);
}

/* The latency in seconds of a request to a task (bad or not) given a normal z. */
static double latency(const struct sim_world *w, int si, int64_t t_ms, int bad, double z)
{
    return bad ? BAD_MEDIAN_S * exp(BAD_SIGMA * z)
               : good_median(w, si, t_ms) * exp(GOOD_SIGMA * z);
}

/* The chance that a request to a task (bad or not) of si at t answers 5xx. */
static double err_chance(const struct sim_world *w, int si, int64_t t_ms, int bad)
{
    return (bad ? SIM_SIGNAL_BAD_5XX : SIM_SIGNAL_GOOD_5XX) +
           (sim_world_flapping(w, si, t_ms) ? SIM_SIGNAL_FLAP_5XX : 0);
}

/* Tasks of si that serve at some time in [from, to) into idx; their number. */
static int candidates(const struct sim_world *w, int si, int64_t from, int64_t to, int *idx)
{
    int n = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if (t->service == si && t->healthy_ms && t->healthy_ms < to &&
            !(t->stopping_ms && t->stopping_ms <= from))
            idx[n++] = i;
    }
    return n;
}

/* Of the candidates, those serving at t into out; their number. */
static int serving_at(const struct sim_world *w, const int *cand, int n, int64_t t, int *out)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        if (sim_task_serving(&w->tasks[cand[i]], t))
            out[k++] = cand[i];
    return k;
}

static int task_bad(const struct sim_world *w, int ti)
{
    const struct sim_td *td = sim_world_task_td(w, ti);
    return td && td->bad;
}

double sim_signal_bad_share(const struct sim_world *w, int si, int64_t t_ms)
{
    int bad = 0, n = 0;
    for (int i = 0; i < w->ntasks; i++)
        if (w->tasks[i].service == si && sim_task_serving(&w->tasks[i], t_ms)) {
            n++;
            bad += task_bad(w, i);
        }
    return n ? (double)bad / n : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Draw the bucket's requests: latencies, bad share and the mean 5xx chance;
 * the share of sample instants at which some task served. */
static double draw_requests(const struct sim_world *w, int si, int64_t t_ms, int64_t period_ms,
                            struct sim_signal_bucket *b, double *p_err)
{
    int cand[SIM_MAX_TASKS], serving[SIM_MAX_TASKS];
    int nc = candidates(w, si, t_ms, t_ms + period_ms, cand), bad = 0;
    double err = 0;
    for (int i = 0; nc && i < SIM_SIGNAL_SAMPLES; i++) {
        double u = noise(w, si, t_ms, NS_TIME, i);
        int64_t at = t_ms + (int64_t)((i + u) * (double)period_ms / SIM_SIGNAL_SAMPLES);
        int ns = serving_at(w, cand, nc, at, serving);
        if (!ns)
            continue;
        int pick = (int)(noise(w, si, t_ms, NS_PICK, i) * ns);
        int is_bad = task_bad(w, serving[pick < ns ? pick : ns - 1]);
        double z = normal(noise(w, si, t_ms, NS_Z1, i), noise(w, si, t_ms, NS_Z2, i));
        b->lat_s[b->nlat++] = latency(w, si, at, is_bad, z);
        bad += is_bad;
        err += err_chance(w, si, at, is_bad);
    }
    qsort(b->lat_s, (size_t)b->nlat, sizeof *b->lat_s, cmp_double);
    b->bad_share = b->nlat ? (double)bad / b->nlat : 0;
    *p_err = b->nlat ? err / b->nlat : 0;
    return (double)b->nlat / SIM_SIGNAL_SAMPLES;
}

/* The request and 5xx counts from the traffic share and the mean 5xx chance. */
static void counts(const struct sim_world *w, int si, int64_t t_ms, int64_t period_ms,
                   double share, double p_err, struct sim_signal_bucket *b)
{
    double per_min = 0;
    int minutes = 0;
    for (int64_t m = t_ms; m < t_ms + period_ms; m += MINUTE_MS, minutes++)
        per_min += sim_signal_rate(w, si) * (0.94 + 0.12 * noise(w, si, m, NS_RATE, 0));
    double span = (double)period_ms / MINUTE_MS;
    b->requests = floor(per_min / (minutes ? minutes : 1) * span * share + 0.5);
    if (b->requests < 1)
        b->requests = b->nlat ? 1 : 0;
    /* spread like a count, but never more than +-35 % of what is expected */
    double expect = b->requests * p_err;
    double spread = sqrt(expect) < 0.35 * expect ? sqrt(expect) : 0.35 * expect;
    double x = expect + spread * (2 * noise(w, si, t_ms, NS_ERR1, 0) - 1);
    double n = floor(x) + (noise(w, si, t_ms, NS_ERR2, 0) < x - floor(x));
    double cap = floor(1.5 * expect + 0.5);
    n = n > cap && cap >= 1 ? cap : n;
    b->errors_5xx = n < 0 ? 0 : n > b->requests ? b->requests : n;
    b->ok_2xx = b->requests - b->errors_5xx;
}

/* Healthy and unhealthy registered targets of si at t (flapping counts as failing). */
static void hosts_at(const struct sim_world *w, int si, int64_t t, int *healthy, int *unhealthy,
                     int *registered)
{
    *healthy = *unhealthy = *registered = 0;
    int flap = sim_world_flapping(w, si, t);
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *k = &w->tasks[i];
        if (k->service != si || t < k->running_ms || (k->stopping_ms && t >= k->stopping_ms))
            continue;
        (*registered)++;
        if (sim_task_serving(k, t))
            flap ? (*unhealthy)++ : (*healthy)++;
        else if (t >= k->running_ms + 30000)
            (*unhealthy)++;
    }
}

static void host_counts(const struct sim_world *w, int si, int64_t t_ms, int64_t period_ms,
                        struct sim_signal_bucket *b)
{
    int64_t step = period_ms / HOST_STEP_MS > MAX_HOST_SAMPLES ? period_ms / MAX_HOST_SAMPLES
                                                                 : HOST_STEP_MS;
    double hsum = 0, usum = 0;
    b->healthy_min = b->unhealthy_min = 1e9;
    for (int64_t at = t_ms; at < t_ms + period_ms; at += step) {
        int h, u, reg;
        hosts_at(w, si, at, &h, &u, &reg);
        b->has_targets |= reg > 0;
        hsum += h, usum += u;
        b->healthy_min = h < b->healthy_min ? h : b->healthy_min;
        b->healthy_max = h > b->healthy_max ? h : b->healthy_max;
        b->unhealthy_min = u < b->unhealthy_min ? u : b->unhealthy_min;
        b->unhealthy_max = u > b->unhealthy_max ? u : b->unhealthy_max;
        b->host_samples++;
    }
    b->healthy_avg = b->host_samples ? hsum / b->host_samples : 0;
    b->unhealthy_avg = b->host_samples ? usum / b->host_samples : 0;
    if (!b->host_samples)
        b->healthy_min = b->unhealthy_min = 0;
}

void sim_signal_bucket(const struct sim_world *w, int si, int64_t t_ms, int64_t period_ms,
                       struct sim_signal_bucket *out)
{
    memset(out, 0, sizeof *out);
    if (si < 0 || si >= w->nservices || period_ms <= 0)
        return;
    double p_err = 0;
    double share = draw_requests(w, si, t_ms, period_ms, out, &p_err);
    out->has_traffic = out->nlat > 0;
    if (out->has_traffic)
        counts(w, si, t_ms, period_ms, share, p_err, out);
    host_counts(w, si, t_ms, period_ms, out);
}

double sim_signal_percentile(const struct sim_signal_bucket *b, double p)
{
    if (b->nlat <= 0)
        return 0;
    double rank = ceil(p / 100.0 * b->nlat);
    int i = rank < 1 ? 0 : rank > b->nlat ? b->nlat - 1 : (int)rank - 1;
    return b->lat_s[i];
}

double sim_signal_average(const struct sim_signal_bucket *b)
{
    double s = 0;
    for (int i = 0; i < b->nlat; i++)
        s += b->lat_s[i];
    return b->nlat ? s / b->nlat : 0;
}

struct sim_probe sim_signal_probe(struct sim_world *w, int si, int64_t t_ms)
{
    struct sim_probe p = { -1, 503, 1 + (int)(3 * sim_world_rand(w)) };
    int serving[SIM_MAX_TASKS], n = 0;
    for (int i = 0; si >= 0 && si < w->nservices && i < w->ntasks; i++)
        if (w->tasks[i].service == si && sim_task_serving(&w->tasks[i], t_ms))
            serving[n++] = i;
    if (!n)
        return p; /* the load balancer itself: no healthy target */
    int pick = (int)(sim_world_rand(w) * n);
    p.task = serving[pick < n ? pick : n - 1];
    int bad = task_bad(w, p.task);
    double z = normal(sim_world_rand(w), sim_world_rand(w));
    p.latency_ms = (int)(latency(w, si, t_ms, bad, z) * 1000 + 0.5);
    int fails = sim_world_flapping(w, si, t_ms) ||
                sim_world_rand(w) < (bad ? SIM_SIGNAL_BAD_5XX : SIM_SIGNAL_GOOD_5XX);
    p.status = fails ? 503 : 200;
    return p;
}
