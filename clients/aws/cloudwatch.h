/* cloudwatch: CloudWatch metrics GetMetricData over AWS JSON 1.0. Builds the
 * request body (plus one for the ALB signals the console watches) and parses
 * success bodies into plain series. Send with Content-Type CW_CONTENT_TYPE,
 * X-Amz-Target CW_TARGET_GET_METRIC_DATA and the header CW_QUERY_MODE_HEADER;
 * error bodies are handled by the AWS JSON error layer, not here. No network. */
#ifndef RW_CLOUDWATCH_H
#define RW_CLOUDWATCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define CW_CONTENT_TYPE "application/x-amz-json-1.0"
#define CW_TARGET_GET_METRIC_DATA "GraniteServiceVersion20100801.GetMetricData"
#define CW_QUERY_MODE_HEADER "x-amzn-query-mode: true"
#define CW_MAX_QUERIES 500

/* Ids of the series cw_alb_request asks for. */
#define CW_ALB_ID_P95 "p95"
#define CW_ALB_ID_REQUESTS "requests"
#define CW_ALB_ID_ERRORS "errors5xx"
#define CW_ALB_ID_ERROR_RATE "error_rate"

struct cw_dimension {
    const char *name;
    const char *value;
};

/* One MetricDataQuery: a metric (namespace, metric, dimensions, period, stat)
 * or, when expression is set, a metric-math expression over other ids.
 * label may be NULL; ReturnData is sent as !hide. */
struct cw_query {
    const char *id;               /* [a-z][A-Za-z0-9_]*, unique in the request */
    const char *expression;
    const char *label;
    const char *namespace_;
    const char *metric;
    const struct cw_dimension *dims;
    size_t ndims;                 /* at most 30 */
    int period_s;                 /* 1, 5, 10, 30 or a multiple of 60 */
    const char *stat;             /* "Sum", "Average", "p95", "tm99", ... */
    int hide;
};

/* A GetMetricData request; always ScanBy TimestampAscending. */
struct cw_request {
    const struct cw_query *queries;
    size_t nqueries;              /* 1..500 */
    int64_t start_s, end_s;       /* epoch seconds, start < end */
    int max_datapoints;           /* 0: not sent */
    const char *next_token;       /* NULL: not sent */
};

enum cw_status {
    CW_STATUS_UNKNOWN = 0,        /* absent or a code this build does not know */
    CW_STATUS_COMPLETE,
    CW_STATUS_PARTIAL,            /* PartialData: more pages (NextToken) */
    CW_STATUS_INTERNAL_ERROR,
    CW_STATUS_FORBIDDEN
};

struct cw_message {
    char *code;
    char *value;
};

/* One MetricDataResult: n points, times in epoch ms (ascending as requested). */
struct cw_series {
    char *id;
    char *label;
    size_t n;
    int64_t *ts_ms;
    double *values;
    enum cw_status status;
    struct cw_message *messages;
    size_t nmessages;
};

struct cw_result {
    struct cw_series *series;
    size_t nseries;
    char *next_token;
    struct cw_message *messages;
    size_t nmessages;
};

/* Build a GetMetricData body into *json; caller frees *json with free(). */
int cw_request_json(const struct cw_request *req, char **json, struct rw_err *err);

/* Build the ALB request for one target group behind one load balancer:
 * TargetResponseTime p95 ("p95"), RequestCount Sum ("requests"),
 * HTTPCode_Target_5XX_Count Sum ("errors5xx") and the error rate in percent
 * ("error_rate" = 100*FILL(errors5xx,0)/requests). load_balancer is
 * "app/NAME/ID" or its ARN, target_group "targetgroup/NAME/ID" or its ARN.
 * Caller frees *json with free(). */
int cw_alb_request(const char *load_balancer, const char *target_group, int period_s,
                   int64_t start_s, int64_t end_s, const char *next_token, char **json,
                   struct rw_err *err);

/* Parse a GetMetricData success body into *out (zeroed on error); free with cw_result_free. */
int cw_parse_metric_data(const char *body, size_t len, struct cw_result *out, struct rw_err *err);

/* The series with this id, or NULL; points into res. */
const struct cw_series *cw_result_find(const struct cw_result *res, const char *id);

/* Free everything a result owns and zero it; NULL and zeroed results are fine. */
void cw_result_free(struct cw_result *res);

/* The API name of a status ("Complete", "PartialData", ...); static storage. */
const char *cw_status_name(enum cw_status status);

#endif
