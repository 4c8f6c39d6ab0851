/* sim_metrics_check: the checks CloudWatch makes of a decoded GetMetricData
 * request (see sim_metrics_req.h, which declares them). */
#include "sim_metrics_req.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(struct sim_md_err *err, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct sim_md_err *err, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    return -1;
}

int sim_md_stat_ok(const char *stat, double *pct)
{
    static const char *const plain[] = { "Sum", "Average", "Minimum", "Maximum", "SampleCount" };
    *pct = -1;
    for (size_t i = 0; stat && i < sizeof plain / sizeof *plain; i++)
        if (strcmp(stat, plain[i]) == 0)
            return 1;
    char *end;
    if (!stat || stat[0] != 'p' || !isdigit((unsigned char)stat[1]))
        return 0;
    double v = strtod(stat + 1, &end);
    if (*end || v < 0 || v > 100 || strlen(stat) > 8)
        return 0;
    *pct = v;
    return 1;
}

static int valid_id(const char *id)
{
    if (!id || !islower((unsigned char)*id) || strlen(id) > 255)
        return 0;
    for (; *id; id++)
        if (!isalnum((unsigned char)*id) && *id != '_')
            return 0;
    return 1;
}

static int check_query(const struct sim_md_req *r, int i, struct sim_md_err *err)
{
    const struct sim_md_query *q = &r->q[i];
    const char *p = "MetricDataQueries.member";
    double pct;
    if (!valid_id(q->id))
        return fail(err, "InvalidParameterValue", "The value %.64s for parameter %s.%d.Id is "
                    "invalid: it must start with a lowercase letter and hold only letters, "
                    "digits and underscores.", q->id ? q->id : "(none)", p, i + 1);
    for (int j = 0; j < i; j++)
        if (strcmp(r->q[j].id, q->id) == 0)
            return fail(err, "InvalidParameterValue", "The value %.64s for parameter %s.%d.Id "
                        "is used more than once.", q->id, p, i + 1);
    if (q->has_stat == (q->expression != NULL))
        return fail(err, "InvalidParameterCombination", "Exactly one of MetricStat and "
                    "Expression must be given in %s.%d.", p, i + 1);
    if (q->period < 0 || q->period % 60)
        return fail(err, "InvalidParameterValue", "The parameter %s.%d%s.Period must be a "
                    "positive multiple of 60.", p, i + 1, q->has_stat ? ".MetricStat" : "");
    if (!q->has_stat)
        return 0;
    const char *missing = !q->ns ? "Metric.Namespace" : !q->metric ? "Metric.MetricName"
                        : !q->stat ? "Stat" : !q->period ? "Period" : NULL;
    if (missing)
        return fail(err, "MissingParameter", "The parameter %s.%d.MetricStat.%s is required.",
                    p, i + 1, missing);
    if (!sim_md_stat_ok(q->stat, &pct))
        return fail(err, "InvalidParameterValue", "The value %.40s for parameter %s.%d."
                    "MetricStat.Stat is not a statistic rollwatch sim computes.", q->stat, p,
                    i + 1);
    return 0;
}

int sim_md_validate(const struct sim_md_req *r, struct sim_md_err *err)
{
    if (r->nq == 0)
        return fail(err, "MissingParameter", "The parameter MetricDataQueries is required.");
    if (!r->has_start || !r->has_end)
        return fail(err, "MissingParameter", "The parameter %s is required.",
                    r->has_start ? "EndTime" : "StartTime");
    if (r->start_ms >= r->end_ms)
        return fail(err, "InvalidParameterValue", "The parameter StartTime must be less than "
                    "the parameter EndTime.");
    if (r->max_dp < 0)
        return fail(err, "InvalidParameterValue", "MaxDatapoints must be positive.");
    for (int i = 0; i < r->nq; i++)
        if (check_query(r, i, err) < 0)
            return -1;
    return 0;
}
