/* cloudwatch: GetMetricData request bodies and response parsing over AWS
 * JSON 1.0 (see cloudwatch.h). Timestamps travel as epoch seconds (numbers,
 * possibly fractional) and are kept as epoch milliseconds. */
#include "clients/aws/cloudwatch.h"
#include "clients/aws/awsjson.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* ---- request ---- */

static int valid_id(const char *id)
{
    if (!id || *id < 'a' || *id > 'z' || strlen(id) > 255)
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

static int check_query(const struct cw_query *q, const struct cw_query *all, size_t i,
                       struct rw_err *err)
{
    if (!valid_id(q->id))
        return rw_err_set(err, RW_E_USAGE, "metric query %zu: id \"%.64s\" must match "
                          "[a-z][A-Za-z0-9_]*", i, q->id ? q->id : "");
    for (size_t j = 0; j < i; j++)
        if (strcmp(all[j].id, q->id) == 0)
            return rw_err_set(err, RW_E_USAGE, "metric query id \"%s\" is used twice", q->id);
    int p = q->period_s;
    if (awsjson_set(q->expression))
        return p < 0 || (p && p != 1 && p != 5 && p != 10 && p != 30 && p % 60)
                   ? rw_err_set(err, RW_E_USAGE, "metric query %s: bad period %d", q->id, p) : 0;
    if (!awsjson_set(q->namespace_) || !awsjson_set(q->metric) || !awsjson_set(q->stat))
        return rw_err_set(err, RW_E_USAGE, "metric query %s: needs namespace, metric and "
                          "stat, or an expression", q->id);
    if (p <= 0 || (p != 1 && p != 5 && p != 10 && p != 30 && p % 60))
        return rw_err_set(err, RW_E_USAGE, "metric query %s: period %d is not 1, 5, 10, 30 "
                          "or a multiple of 60", q->id, p);
    if (q->ndims > 30)
        return rw_err_set(err, RW_E_USAGE, "metric query %s: more than 30 dimensions", q->id);
    for (size_t d = 0; d < q->ndims; d++)
        if (!awsjson_set(q->dims[d].name) || !q->dims[d].value)
            return rw_err_set(err, RW_E_USAGE, "metric query %s: dimension %zu has no name "
                              "or value", q->id, d);
    return 0;
}

static cJSON *query_json(const struct cw_query *q)
{
    cJSON *o = awsjson_need(cJSON_CreateObject());
    awsjson_put_str(o, "Id", q->id);
    if (awsjson_set(q->expression)) {
        awsjson_put_str(o, "Expression", q->expression);
        if (q->period_s)
            awsjson_put_i64(o, "Period", q->period_s);
    } else {
        cJSON *ms = awsjson_need(cJSON_AddObjectToObject(o, "MetricStat"));
        cJSON *m = awsjson_need(cJSON_AddObjectToObject(ms, "Metric"));
        awsjson_put_str(m, "Namespace", q->namespace_);
        awsjson_put_str(m, "MetricName", q->metric);
        cJSON *dims = awsjson_need(cJSON_AddArrayToObject(m, "Dimensions"));
        for (size_t d = 0; d < q->ndims; d++) {
            cJSON *dim = awsjson_need(cJSON_CreateObject());
            cJSON_AddItemToArray(dims, dim);
            awsjson_put_str(dim, "Name", q->dims[d].name);
            awsjson_need(cJSON_AddStringToObject(dim, "Value", q->dims[d].value));
        }
        awsjson_put_i64(ms, "Period", q->period_s);
        awsjson_put_str(ms, "Stat", q->stat);
    }
    awsjson_put_str(o, "Label", q->label);
    awsjson_need(cJSON_AddBoolToObject(o, "ReturnData", !q->hide));
    return o;
}

int cw_request_json(const struct cw_request *req, char **json, struct rw_err *err)
{
    *json = NULL;
    if (req->nqueries == 0 || req->nqueries > CW_MAX_QUERIES)
        return rw_err_set(err, RW_E_USAGE, "GetMetricData: %zu queries (1..%d allowed)",
                          req->nqueries, CW_MAX_QUERIES);
    if (req->start_s <= 0 || req->end_s <= req->start_s)
        return rw_err_set(err, RW_E_USAGE, "GetMetricData: bad time range %" PRId64 "..%"
                          PRId64, req->start_s, req->end_s);
    if (req->max_datapoints < 0)
        return rw_err_set(err, RW_E_USAGE, "GetMetricData: negative MaxDatapoints");
    for (size_t i = 0; i < req->nqueries; i++)
        if (check_query(&req->queries[i], req->queries, i, err))
            return -1;
    cJSON *o = awsjson_need(cJSON_CreateObject());
    cJSON *qs = awsjson_need(cJSON_AddArrayToObject(o, "MetricDataQueries"));
    for (size_t i = 0; i < req->nqueries; i++)
        cJSON_AddItemToArray(qs, query_json(&req->queries[i]));
    awsjson_put_i64(o, "StartTime", req->start_s);
    awsjson_put_i64(o, "EndTime", req->end_s);
    awsjson_put_str(o, "ScanBy", "TimestampAscending");
    if (req->max_datapoints)
        awsjson_put_i64(o, "MaxDatapoints", req->max_datapoints);
    awsjson_put_str(o, "NextToken", req->next_token);
    *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    awsjson_need(*json);
    return 0;
}

/* The dimension value itself ("app/NAME/ID"), or cut out of an ARN
 * (".../loadbalancer/app/NAME/ID", "...:targetgroup/NAME/ID"); NULL if neither. */
static const char *alb_dim(const char *s, const char *marker, size_t skip, const char *want)
{
    const char *m = s && strncmp(s, "arn:", 4) == 0 ? strstr(s, marker) : NULL;
    s = m ? m + skip : s;
    size_t wl = strlen(want);
    return s && strncmp(s, want, wl) == 0 && s[wl] && s[wl] != '/' && strchr(s + wl, '/') ? s
                                                                                           : NULL;
}

static struct cw_query alb_metric(const char *id, const char *label, const char *metric,
                                  const char *stat, const struct cw_dimension *dims, int period_s)
{
    return (struct cw_query){ .id = id, .label = label, .namespace_ = "AWS/ApplicationELB",
                              .metric = metric, .dims = dims, .ndims = 2, .period_s = period_s,
                              .stat = stat };
}

int cw_alb_request(const char *load_balancer, const char *target_group, int period_s,
                   int64_t start_s, int64_t end_s, const char *next_token, char **json,
                   struct rw_err *err)
{
    *json = NULL;
    const char *lb = alb_dim(load_balancer, ":loadbalancer/", 14, "app/");
    const char *tg = alb_dim(target_group, ":targetgroup/", 1, "targetgroup/");
    if (!lb || !tg)
        return rw_err_set(err, RW_E_USAGE, "ALB metrics need LoadBalancer app/NAME/ID and "
                          "TargetGroup targetgroup/NAME/ID (or their ARNs), not \"%.200s\"",
                          !lb ? (load_balancer ? load_balancer : "")
                              : (target_group ? target_group : ""));
    const struct cw_dimension dims[] = { { "LoadBalancer", lb }, { "TargetGroup", tg } };
    /* ALBs publish HTTPCode_* counts only for periods that had some, so a quiet
     * minute has no errors datapoint: FILL makes it 0 rather than a gap */
    const struct cw_query q[] = {
        alb_metric(CW_ALB_ID_P95, "p95 latency", "TargetResponseTime", "p95", dims, period_s),
        alb_metric(CW_ALB_ID_REQUESTS, "requests", "RequestCount", "Sum", dims, period_s),
        alb_metric(CW_ALB_ID_ERRORS, "target 5xx", "HTTPCode_Target_5XX_Count", "Sum", dims,
                   period_s),
        { .id = CW_ALB_ID_ERROR_RATE, .label = "error rate %",
          .expression = "100*FILL(" CW_ALB_ID_ERRORS ",0)/" CW_ALB_ID_REQUESTS },
    };
    struct cw_request req = { .queries = q, .nqueries = 4, .start_s = start_s, .end_s = end_s,
                              .next_token = next_token };
    return cw_request_json(&req, json, err);
}

/* ---- response ---- */

static int parse_messages(const cJSON *o, struct cw_message **out, size_t *n,
                          struct rw_err *err)
{
    const cJSON *a, *m;
    if (awsjson_opt_arr(o, "Messages", &a, n, err))
        return -1;
    *out = *n ? xcalloc(*n, sizeof **out) : NULL;
    struct cw_message *cm = *out;
    cJSON_ArrayForEach(m, a) {
        if (!cJSON_IsObject(m))
            return rw_err_set(err, RW_E_PARSE, "Messages[%td]: expected an object", cm - *out);
        if (awsjson_opt_dup(m, "Code", &cm->code, err) || awsjson_opt_dup(m, "Value", &cm->value, err))
            return rw_err_wrap(err, "Messages[%td]", cm - *out);
        cm++;
    }
    return 0;
}

static void free_messages(struct cw_message *m, size_t n)
{
    for (size_t i = 0; m && i < n; i++) {
        free(m[i].code);
        free(m[i].value);
    }
    free(m);
}

static enum cw_status status_of(const char *s)
{
    for (int st = CW_STATUS_COMPLETE; s && st <= CW_STATUS_FORBIDDEN; st++)
        if (strcmp(s, cw_status_name((enum cw_status)st)) == 0)
            return (enum cw_status)st;
    return CW_STATUS_UNKNOWN;
}

static int parse_points(const cJSON *r, struct cw_series *s, struct rw_err *err)
{
    const cJSON *ta, *va, *t, *v;
    size_t nv;
    if (awsjson_opt_arr(r, "Timestamps", &ta, &s->n, err) || awsjson_opt_arr(r, "Values", &va, &nv, err))
        return -1;
    if (s->n != nv)
        return rw_err_set(err, RW_E_PARSE, "%zu Timestamps but %zu Values", s->n, nv);
    s->ts_ms = s->n ? xcalloc(s->n, sizeof *s->ts_ms) : NULL;
    s->values = s->n ? xcalloc(s->n, sizeof *s->values) : NULL;
    size_t i = 0;
    for (t = ta ? ta->child : NULL, v = va ? va->child : NULL; t && v; t = t->next, v = v->next) {
        double sec = t->valuedouble;
        /* epoch seconds; 9.2e15 s keeps the milliseconds inside int64 */
        if (!cJSON_IsNumber(t) || !(sec > -9.2e15 && sec < 9.2e15))
            return rw_err_set(err, RW_E_PARSE, "Timestamps[%zu]: expected epoch seconds", i);
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
            return rw_err_set(err, RW_E_PARSE, "Values[%zu]: expected a number", i);
        s->ts_ms[i] = (int64_t)(sec * 1000.0 + (sec < 0 ? -0.5 : 0.5));
        s->values[i++] = v->valuedouble;
    }
    return 0;
}

static int parse_series(const cJSON *r, struct cw_series *s, struct rw_err *err)
{
    if (!cJSON_IsObject(r))
        return rw_err_set(err, RW_E_PARSE, "expected an object");
    const cJSON *st = awsjson_member(r, "StatusCode");
    if (st && !cJSON_IsString(st))
        return rw_err_set(err, RW_E_PARSE, "StatusCode: expected a string");
    s->status = status_of(st ? st->valuestring : NULL);
    return awsjson_opt_dup(r, "Id", &s->id, err) || awsjson_opt_dup(r, "Label", &s->label, err) ||
                   parse_points(r, s, err) || parse_messages(r, &s->messages, &s->nmessages, err)
               ? -1 : 0;
}

static int parse_result(const cJSON *root, struct cw_result *out, struct rw_err *err)
{
    const cJSON *a, *r;
    if (awsjson_opt_arr(root, "MetricDataResults", &a, &out->nseries, err))
        return -1;
    out->series = out->nseries ? xcalloc(out->nseries, sizeof *out->series) : NULL;
    size_t i = 0;
    cJSON_ArrayForEach(r, a) {
        if (parse_series(r, &out->series[i], err))
            return rw_err_wrap(err, "MetricDataResults[%zu]", i);
        i++;
    }
    if (awsjson_opt_dup(root, "NextToken", &out->next_token, err))
        return -1;
    return parse_messages(root, &out->messages, &out->nmessages, err);
}

int cw_parse_metric_data(const char *body, size_t len, struct cw_result *out, struct rw_err *err)
{
    const char *end = NULL;
    memset(out, 0, sizeof *out);
    cJSON *root = body && len ? cJSON_ParseWithLengthOpts(body, len, &end, 0) : NULL;
    while (root && end < body + len && strchr(" \t\n\r", *end) && *end)
        end++;
    int rc;
    if (!body || !len)
        rc = rw_err_set(err, RW_E_PARSE, "empty response body");
    else if (!root)
        rc = rw_err_set(err, RW_E_PARSE, "not valid JSON (near byte %zu of %zu)",
                        end ? (size_t)(end - body) : 0, len);
    else if (!cJSON_IsObject(root))
        rc = rw_err_set(err, RW_E_PARSE, "expected a JSON object");
    else if (end != body + len)
        rc = rw_err_set(err, RW_E_PARSE, "unexpected bytes after the JSON object");
    else
        rc = parse_result(root, out, err);
    cJSON_Delete(root);
    if (rc) {
        cw_result_free(out);
        return rw_err_wrap(err, "GetMetricData response");
    }
    return 0;
}

const struct cw_series *cw_result_find(const struct cw_result *res, const char *id)
{
    for (size_t i = 0; res && id && i < res->nseries; i++)
        if (res->series[i].id && strcmp(res->series[i].id, id) == 0)
            return &res->series[i];
    return NULL;
}

void cw_result_free(struct cw_result *res)
{
    if (!res)
        return;
    for (size_t i = 0; i < res->nseries; i++) {
        struct cw_series *s = &res->series[i];
        free(s->id);
        free(s->label);
        free(s->ts_ms);
        free(s->values);
        free_messages(s->messages, s->nmessages);
    }
    free(res->series);
    free(res->next_token);
    free_messages(res->messages, res->nmessages);
    memset(res, 0, sizeof *res);
}

const char *cw_status_name(enum cw_status status)
{
    switch (status) {
    case CW_STATUS_COMPLETE: return "Complete";
    case CW_STATUS_PARTIAL: return "PartialData";
    case CW_STATUS_INTERNAL_ERROR: return "InternalError";
    case CW_STATUS_FORBIDDEN: return "Forbidden";
    default: return "Unknown";
    }
}
