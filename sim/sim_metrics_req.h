/* sim_metrics_req: CloudWatch GetMetricData and ListMetrics requests as the
 * fake cloud receives them, decoded from AWS JSON 1.0 (times in epoch
 * seconds) or from a query-protocol form (times in ISO-8601) into one shape,
 * and checked as CloudWatch checks them. Pure functions; errors carry the
 * query-protocol code (InvalidParameterValue, MissingParameter,
 * InvalidParameterCombination, InvalidNextToken). Decoding is
 * sim_metrics_req.c, checking sim_metrics_check.c. */
#ifndef RW_SIM_METRICS_REQ_H
#define RW_SIM_METRICS_REQ_H

#include <stddef.h>
#include <stdint.h>

#include "sim_query.h"

#define SIM_MD_MAX_QUERIES 500
#define SIM_MD_MAX_DIMS 30

struct sim_md_dim {
    char *name;
    char *value;                /* NULL: any value (a ListMetrics filter) */
};

struct sim_md_query {
    char *id, *label, *expression;
    char *ns, *metric, *stat;   /* MetricStat (NULL when absent) */
    struct sim_md_dim *dims;
    int ndims;
    int has_stat;               /* a MetricStat was given */
    int period;                 /* 0 when absent */
    int return_data;            /* ReturnData, default true */
};

struct sim_md_req {
    struct sim_md_query *q;
    int nq;
    int64_t start_ms, end_ms;
    int has_start, has_end;
    int ascending;              /* ScanBy TimestampAscending (default descending) */
    long max_dp;                /* MaxDatapoints, 0 when absent */
    char *next_token;
};

struct sim_lm_req {
    char *ns, *metric;
    struct sim_md_dim *dims;
    int ndims;
    char *next_token;
};

/* A request error: the query-protocol code (static) and a message. */
struct sim_md_err {
    const char *code;
    char msg[300];
};

/* Decode a JSON 1.0 GetMetricData body into *out (free with
 * sim_md_req_free); 0, or -1 with *err (out freed). */
int sim_md_parse_json(const char *body, size_t len, struct sim_md_req *out,
                      struct sim_md_err *err);
/* Decode a query-protocol GetMetricData form into *out; 0, or -1 with *err. */
int sim_md_parse_form(const struct sim_form *f, struct sim_md_req *out, struct sim_md_err *err);
/* Check a decoded request as CloudWatch does (ids, one of MetricStat and
 * Expression, periods multiples of 60, statistics, the time range); 0 or -1. */
int sim_md_validate(const struct sim_md_req *r, struct sim_md_err *err);
/* Whether stat is a statistic the sim computes (Sum, Average, Minimum,
 * Maximum, SampleCount, pNN or pNN.N); its percentile in *pct (-1 if none). */
int sim_md_stat_ok(const char *stat, double *pct);
/* Free a request and zero it. */
void sim_md_req_free(struct sim_md_req *r);

/* Decode a JSON 1.0 ListMetrics body into *out (free with sim_lm_req_free). */
int sim_lm_parse_json(const char *body, size_t len, struct sim_lm_req *out,
                      struct sim_md_err *err);
/* Decode a query-protocol ListMetrics form into *out. */
int sim_lm_parse_form(const struct sim_form *f, struct sim_lm_req *out, struct sim_md_err *err);
/* Free a ListMetrics request and zero it. */
void sim_lm_req_free(struct sim_lm_req *r);

#endif
