/* Tests for clients/aws/cloudwatch: GetMetricData bodies (generic and the
 * ALB signals) and result parsing, over AWS JSON 1.0. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/cloudwatch.h"

#define LB_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/" \
               "consumer-alb/50dc6c495c0c9188"
#define TG_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/" \
               "consumer-tg/73e2d6bc24d8a067"

static int load(const char *name, struct cw_result *res, struct rw_err *err)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/cloudwatch/%s", name);
    FILE *fp = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    CU_ASSERT_FATAL(n > 0 && n < sizeof buf);
    return cw_parse_metric_data(buf, n, res, err);
}

static void test_cloudwatch_reads_alb_series(void)
{
    struct cw_result r;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(load("alb_metrics.json", &r, &err), 0);
    CU_ASSERT_EQUAL_FATAL(r.nseries, 4);
    const struct cw_series *p95 = cw_result_find(&r, CW_ALB_ID_P95);
    CU_ASSERT_PTR_EQUAL_FATAL(p95, &r.series[0]);
    CU_ASSERT_STRING_EQUAL(p95->label, "p95 latency");
    CU_ASSERT_EQUAL(p95->status, CW_STATUS_COMPLETE);
    CU_ASSERT_EQUAL_FATAL(p95->n, 4);
    CU_ASSERT_EQUAL(p95->ts_ms[0], 1718031600000LL);
    CU_ASSERT_EQUAL(p95->ts_ms[3], 1718031780000LL);
    CU_ASSERT_DOUBLE_EQUAL(p95->values[2], 1.21, 1e-12);
    const struct cw_series *req = cw_result_find(&r, CW_ALB_ID_REQUESTS);
    CU_ASSERT_PTR_NOT_NULL_FATAL(req);
    CU_ASSERT_DOUBLE_EQUAL(req->values[1], 1422.0, 1e-12);
    const struct cw_series *e5 = cw_result_find(&r, CW_ALB_ID_ERRORS);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e5);
    CU_ASSERT_EQUAL_FATAL(e5->n, 2); /* quiet minutes publish no 5xx datapoint */
    CU_ASSERT_EQUAL(e5->ts_ms[0], 1718031720000LL);
    CU_ASSERT_DOUBLE_EQUAL(e5->values[0], 101.0, 1e-12);
    const struct cw_series *rate = cw_result_find(&r, CW_ALB_ID_ERROR_RATE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rate);
    CU_ASSERT_EQUAL(rate->n, 4);
    CU_ASSERT_DOUBLE_EQUAL(rate->values[2], 100.0 * 101 / 1405, 1e-9);
    CU_ASSERT_EQUAL(rate->nmessages, 0);
    CU_ASSERT_PTR_NULL(r.next_token);
    CU_ASSERT_EQUAL(r.nmessages, 0);
    CU_ASSERT_PTR_NULL(cw_result_find(&r, "nope"));
    cw_result_free(&r);
    CU_ASSERT_EQUAL(r.nseries, 0);
    cw_result_free(&r);
}

static void test_cloudwatch_partial_data_keeps_token_and_messages(void)
{
    struct cw_result r;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(load("partial.json", &r, &err), 0);
    CU_ASSERT_EQUAL_FATAL(r.nseries, 4);
    const struct cw_series *s = &r.series[0];
    CU_ASSERT_EQUAL(s->status, CW_STATUS_PARTIAL);
    CU_ASSERT_STRING_EQUAL(cw_status_name(s->status), "PartialData");
    CU_ASSERT_EQUAL_FATAL(s->n, 3);
    CU_ASSERT_EQUAL(s->ts_ms[0], 1718031600000LL);
    CU_ASSERT_EQUAL(s->ts_ms[1], 1718031660500LL); /* fractional seconds */
    CU_ASSERT_EQUAL(s->ts_ms[2], 1718031720999LL);
    CU_ASSERT_EQUAL_FATAL(s->nmessages, 1);
    CU_ASSERT_STRING_EQUAL(s->messages[0].code, "ArithmeticError");
    CU_ASSERT_PTR_NOT_NULL(strstr(s->messages[0].value, "dropped"));
    CU_ASSERT_EQUAL(r.series[1].status, CW_STATUS_INTERNAL_ERROR);
    CU_ASSERT_EQUAL(r.series[1].n, 0);
    CU_ASSERT_PTR_NULL(r.series[1].ts_ms);
    CU_ASSERT_EQUAL(r.series[2].status, CW_STATUS_FORBIDDEN);
    CU_ASSERT_PTR_NULL(r.series[2].label);
    CU_ASSERT_EQUAL(r.series[3].status, CW_STATUS_UNKNOWN); /* a newer code is not an error */
    CU_ASSERT_STRING_EQUAL(r.next_token,
                           "AQICAHhzS1e0aQ3XbXfy6tFWhpQhexiZQL0HoKGuFtL2TDy9zwG8l5nE3p");
    CU_ASSERT_EQUAL_FATAL(r.nmessages, 1);
    CU_ASSERT_STRING_EQUAL(r.messages[0].code, "MaxMetricsExceeded");
    cw_result_free(&r);
}

static void test_cloudwatch_rejects_unequal_arrays(void)
{
    struct cw_result r;
    struct rw_err err;
    CU_ASSERT_EQUAL(load("unequal.json", &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "GetMetricData response: MetricDataResults[0]: "
                                  "3 Timestamps but 2 Values"));
    CU_ASSERT_PTR_NULL(r.series);
}

static void expect_bad(const char *body, const char *needle)
{
    struct cw_result r;
    struct rw_err err = { 0 };
    CU_ASSERT_EQUAL(cw_parse_metric_data(body, strlen(body), &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    if (!strstr(err.msg, needle))
        fprintf(stderr, "\n  message \"%s\" lacks \"%s\"\n", err.msg, needle);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_PTR_NULL(r.series);
}

static void test_cloudwatch_rejects_malformed_bodies(void)
{
    expect_bad("", "empty");
    expect_bad("{\"MetricDataResults\":[", "not valid JSON");
    expect_bad("\"MetricDataResults\"", "expected a JSON object");
    expect_bad("{}x", "unexpected bytes");
    expect_bad("{\"MetricDataResults\":{}}", "MetricDataResults: expected an array");
    expect_bad("{\"MetricDataResults\":[[]]}", "MetricDataResults[0]: expected an object");
    expect_bad("{\"MetricDataResults\":[{\"Id\":1}]}", "Id: expected a string");
    expect_bad("{\"MetricDataResults\":[{\"Timestamps\":[\"2024-06-10T14:00:00Z\"],"
               "\"Values\":[1]}]}", "Timestamps[0]: expected epoch seconds");
    expect_bad("{\"MetricDataResults\":[{\"Timestamps\":[1e300],\"Values\":[1]}]}",
               "Timestamps[0]");
    expect_bad("{\"MetricDataResults\":[{\"Timestamps\":[1718031600],\"Values\":[null]}]}",
               "Values[0]: expected a number");
    expect_bad("{\"MetricDataResults\":[{\"Timestamps\":[1],\"Values\":[1e999]}]}", "Values[0]");
    expect_bad("{\"MetricDataResults\":[{\"Messages\":[{\"Code\":[]}]}]}", "Messages[0]: Code");
    expect_bad("{\"MetricDataResults\":[{\"StatusCode\":1}]}", "StatusCode: expected a string");
    expect_bad("{\"Messages\":[1]}", "Messages[0]: expected an object");
    expect_bad("{\"NextToken\":false}", "NextToken");
}

/* ---- request bodies, read back with cJSON ---- */

static const cJSON *at(const cJSON *o, const char *path)
{
    char key[64];
    while (o && *path) {
        size_t n = strcspn(path, ".");
        snprintf(key, sizeof key, "%.*s", (int)n, path);
        o = key[0] >= '0' && key[0] <= '9' ? cJSON_GetArrayItem(o, atoi(key))
                                           : cJSON_GetObjectItemCaseSensitive(o, key);
        path += n + (path[n] == '.');
    }
    return o;
}

static const char *str_at(const cJSON *o, const char *path)
{
    const cJSON *v = at(o, path);
    return cJSON_IsString(v) ? v->valuestring : "(missing)";
}

static cJSON *body_of(int rc, char **json)
{
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(*json);
    cJSON *o = cJSON_Parse(*json);
    free(*json);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

static void test_cloudwatch_request_round_trips(void)
{
    const struct cw_dimension dims[] = { { "ServiceName", "consumer-agent" },
                                         { "ClusterName", "stage-fargate" } };
    const struct cw_query q[] = {
        { .id = "cpu", .namespace_ = "AWS/ECS", .metric = "CPUUtilization", .dims = dims,
          .ndims = 2, .period_s = 60, .stat = "p95", .hide = 1 },
        { .id = "cpu_pct", .expression = "cpu/100", .label = "CPU" },
    };
    struct cw_request req = { q, 2, 1718031600, 1718035200, 0, NULL };
    char *json;
    struct rw_err err;
    cJSON *o = body_of(cw_request_json(&req, &json, &err), &json);
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.Id"), "cpu");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.MetricStat.Metric.Namespace"), "AWS/ECS");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.MetricStat.Metric.MetricName"),
                           "CPUUtilization");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.MetricStat.Metric.Dimensions.1.Name"),
                           "ClusterName");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.MetricStat.Metric.Dimensions.1.Value"),
                           "stage-fargate");
    CU_ASSERT_EQUAL(at(o, "MetricDataQueries.0.MetricStat.Period")->valueint, 60);
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.0.MetricStat.Stat"), "p95");
    CU_ASSERT(cJSON_IsFalse(at(o, "MetricDataQueries.0.ReturnData")));
    CU_ASSERT_PTR_NULL(at(o, "MetricDataQueries.0.Label"));
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.1.Expression"), "cpu/100");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.1.Label"), "CPU");
    CU_ASSERT(cJSON_IsTrue(at(o, "MetricDataQueries.1.ReturnData")));
    CU_ASSERT_PTR_NULL(at(o, "MetricDataQueries.1.MetricStat"));
    CU_ASSERT_PTR_NULL(at(o, "MetricDataQueries.1.Period"));
    CU_ASSERT_EQUAL(at(o, "StartTime")->valuedouble, 1718031600.0);
    CU_ASSERT_EQUAL(at(o, "EndTime")->valuedouble, 1718035200.0);
    CU_ASSERT_STRING_EQUAL(str_at(o, "ScanBy"), "TimestampAscending");
    CU_ASSERT_PTR_NULL(at(o, "MaxDatapoints"));
    CU_ASSERT_PTR_NULL(at(o, "NextToken"));
    cJSON_Delete(o);
    req.max_datapoints = 1440, req.next_token = "AQICAHhz";
    o = body_of(cw_request_json(&req, &json, &err), &json);
    CU_ASSERT_EQUAL(at(o, "MaxDatapoints")->valueint, 1440);
    CU_ASSERT_STRING_EQUAL(str_at(o, "NextToken"), "AQICAHhz");
    cJSON_Delete(o);
}

static void test_cloudwatch_alb_request_asks_for_the_four_signals(void)
{
    char *json;
    struct rw_err err;
    cJSON *o = body_of(cw_alb_request(LB_ARN, TG_ARN, 60, 1718031600, 1718033400, NULL, &json,
                                      &err), &json);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(at(o, "MetricDataQueries")), 4);
    const char *ids[] = { "p95", "requests", "errors5xx" };
    const char *metrics[] = { "TargetResponseTime", "RequestCount", "HTTPCode_Target_5XX_Count" };
    const char *stats[] = { "p95", "Sum", "Sum" };
    for (int i = 0; i < 3; i++) {
        const cJSON *q = cJSON_GetArrayItem(at(o, "MetricDataQueries"), i);
        CU_ASSERT_STRING_EQUAL(str_at(q, "Id"), ids[i]);
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.Namespace"), "AWS/ApplicationELB");
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.MetricName"), metrics[i]);
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Stat"), stats[i]);
        CU_ASSERT_EQUAL(at(q, "MetricStat.Period")->valueint, 60);
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.Dimensions.0.Value"),
                               "app/consumer-alb/50dc6c495c0c9188");
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.Dimensions.0.Name"), "LoadBalancer");
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.Dimensions.1.Name"), "TargetGroup");
        CU_ASSERT_STRING_EQUAL(str_at(q, "MetricStat.Metric.Dimensions.1.Value"),
                               "targetgroup/consumer-tg/73e2d6bc24d8a067");
    }
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.3.Id"), "error_rate");
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.3.Expression"),
                           "100*FILL(errors5xx,0)/requests");
    cJSON_Delete(o);
    /* the bare dimension values work the same */
    o = body_of(cw_alb_request("app/consumer-alb/50dc6c495c0c9188",
                               "targetgroup/consumer-tg/73e2d6bc24d8a067", 300, 1718031600,
                               1718033400, "tok", &json, &err), &json);
    CU_ASSERT_STRING_EQUAL(str_at(o, "MetricDataQueries.1.MetricStat.Metric.Dimensions.0.Value"),
                           "app/consumer-alb/50dc6c495c0c9188");
    CU_ASSERT_STRING_EQUAL(str_at(o, "NextToken"), "tok");
    cJSON_Delete(o);
}

static void expect_usage(int rc, char **json, const struct rw_err *err, const char *needle)
{
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT_PTR_NULL(*json);
    CU_ASSERT_EQUAL(err->code, RW_E_USAGE);
    if (!strstr(err->msg, needle))
        fprintf(stderr, "\n  message \"%s\" lacks \"%s\"\n", err->msg, needle);
    CU_ASSERT_PTR_NOT_NULL(strstr(err->msg, needle));
}

static void test_cloudwatch_requests_refuse_bad_queries(void)
{
    char *json;
    struct rw_err err;
    struct cw_query q[2] = {
        { .id = "P95", .namespace_ = "AWS/ApplicationELB", .metric = "RequestCount",
          .period_s = 60, .stat = "Sum" },
        { .id = "b", .expression = "a*2" },
    };
    struct cw_request req = { q, 2, 1718031600, 1718033400, 0, NULL };
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "[a-z][A-Za-z0-9_]*");
    q[0].id = "b";
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "used twice");
    q[0].id = "a", q[0].period_s = 45;
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "period 45");
    q[0].period_s = 60, q[0].stat = NULL;
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "needs namespace");
    q[0].stat = "Sum", req.end_s = req.start_s;
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "time range");
    req.end_s = 1718033400, req.nqueries = 0;
    expect_usage(cw_request_json(&req, &json, &err), &json, &err, "0 queries");
    expect_usage(cw_alb_request("consumer-alb", TG_ARN, 60, 1718031600, 1718033400, NULL, &json,
                                &err), &json, &err, "app/NAME/ID");
    expect_usage(cw_alb_request(LB_ARN, "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/"
                                "app/x/y", 60, 1718031600, 1718033400, NULL, &json, &err),
                 &json, &err, "targetgroup/NAME/ID");
    expect_usage(cw_alb_request(LB_ARN, TG_ARN, 0, 1718031600, 1718033400, NULL, &json, &err),
                 &json, &err, "period 0");
}

void test_cloudwatch_register(void)
{
    CU_pSuite s = CU_add_suite("cloudwatch", NULL, NULL);
    CU_add_test(s, "ALB series: p95, requests, 5xx, error rate", test_cloudwatch_reads_alb_series);
    CU_add_test(s, "PartialData keeps token and messages",
                test_cloudwatch_partial_data_keeps_token_and_messages);
    CU_add_test(s, "unequal Timestamps and Values rejected",
                test_cloudwatch_rejects_unequal_arrays);
    CU_add_test(s, "malformed bodies are parse errors", test_cloudwatch_rejects_malformed_bodies);
    CU_add_test(s, "GetMetricData body round-trips", test_cloudwatch_request_round_trips);
    CU_add_test(s, "ALB request asks for the four signals",
                test_cloudwatch_alb_request_asks_for_the_four_signals);
    CU_add_test(s, "requests refuse bad queries", test_cloudwatch_requests_refuse_bad_queries);
}
