/* Tests for sim/sim_metrics (with sim_metrics_req, _check and _data):
 * GetMetricData over AWS JSON 1.0 built by rollwatch's own cw_alb_request
 * and read back by cw_parse_metric_data: the numbers, the omitted zero-5xx
 * datapoint, paging, determinism, no future data, statistics and math.
 * Errors, ListMetrics and the query protocol: test_sim_metrics_api.c. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/cloudwatch.h"
#include "sim/sim_metrics.h"
#include "support/simmetrics_fixture.h"
#include "sim/sim_signal.h"

static void test_sim_metrics_alb_bad_deploy(void)
{
    struct sim_world w;
    struct cw_result res;
    smf_open_world(&w, "bad-deploy");
    CU_ASSERT_EQUAL_FATAL(smf_alb(&w, TG_CA, START - 15 * MIN, START, 60, &res), 0);
    const struct cw_series *p95 = cw_result_find(&res, CW_ALB_ID_P95);
    const struct cw_series *req = cw_result_find(&res, CW_ALB_ID_REQUESTS);
    const struct cw_series *rate = cw_result_find(&res, CW_ALB_ID_ERROR_RATE);
    CU_ASSERT_FATAL(p95 && req && rate && cw_result_find(&res, CW_ALB_ID_ERRORS));
    /* 11:51 .. 11:05: StartTime rounded down, the current minute left out */
    CU_ASSERT_EQUAL_FATAL(req->n, 15);
    CU_ASSERT_EQUAL(req->ts_ms[0], START - 15 * MIN - 40000);
    CU_ASSERT_EQUAL(req->ts_ms[14], START - MIN - 40000);
    CU_ASSERT_EQUAL(p95->n, 15);
    CU_ASSERT_EQUAL(rate->n, 15);
    CU_ASSERT_STRING_EQUAL(p95->label, "p95 latency");
    CU_ASSERT_EQUAL(p95->status, CW_STATUS_COMPLETE);
    CU_ASSERT_TRUE(p95->values[14] > 1.05 && p95->values[14] < 1.4);
    CU_ASSERT_TRUE(rate->values[14] > 5.5 && rate->values[14] < 8.5);
    CU_ASSERT_TRUE(p95->values[0] < 0.2 && rate->values[0] < 0.5);
    /* the numbers are sim_signal's */
    struct sim_signal_bucket b;
    sim_signal_bucket(&w, 0, req->ts_ms[14], MIN, &b);
    CU_ASSERT_EQUAL(req->values[14], b.requests);
    CU_ASSERT_DOUBLE_EQUAL(p95->values[14], sim_signal_percentile(&b, 95), 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(rate->values[14], 100 * b.errors_5xx / b.requests, 1e-9);
    cw_result_free(&res);
    sim_world_destroy(&w);
}

static void test_sim_metrics_zero_5xx_omitted(void)
{
    struct sim_world w;
    struct cw_result res;
    smf_open_world(&w, "steady");
    CU_ASSERT_EQUAL_FATAL(smf_alb(&w, TG_PA, START - 50 * MIN, START, 60, &res), 0);
    const struct cw_series *req = cw_result_find(&res, CW_ALB_ID_REQUESTS);
    const struct cw_series *e = cw_result_find(&res, CW_ALB_ID_ERRORS);
    const struct cw_series *rate = cw_result_find(&res, CW_ALB_ID_ERROR_RATE);
    CU_ASSERT_EQUAL_FATAL(req->n, 50);
    CU_ASSERT_EQUAL(rate->n, 50); /* FILL(errors5xx, 0) covers the gaps */
    CU_ASSERT_TRUE(e->n > 0 && e->n < 50);
    size_t j = 0, zeros = 0;
    for (size_t i = 0; i < req->n; i++) {
        struct sim_signal_bucket b;
        sim_signal_bucket(&w, 2, req->ts_ms[i], MIN, &b);
        if (j < e->n && e->ts_ms[j] == req->ts_ms[i]) {
            CU_ASSERT_EQUAL(e->values[j], b.errors_5xx);
            CU_ASSERT_TRUE(e->values[j] > 0);
            j++;
        } else {
            CU_ASSERT_EQUAL(b.errors_5xx, 0);
            CU_ASSERT_EQUAL(rate->values[i], 0);
            zeros++;
        }
    }
    CU_ASSERT_EQUAL(j, e->n);
    CU_ASSERT_EQUAL(zeros + e->n, 50);
    cw_result_free(&res);
    sim_world_destroy(&w);
}

/* A GetMetricData body for two metrics of consumer-agent plus extra JSON. */
static char *two_metrics(int64_t from_ms, int64_t to_ms, const char *extra)
{
    char *s = NULL;
    int n = asprintf(&s, "{\"MetricDataQueries\":[{\"Id\":\"r\",\"MetricStat\":{\"Metric\":{"
                     "\"Namespace\":\"AWS/ApplicationELB\",\"MetricName\":\"RequestCount\","
                     "\"Dimensions\":[{\"Name\":\"TargetGroup\",\"Value\":\"" TG_CA "\"},{\"Name\":"
                     "\"LoadBalancer\",\"Value\":\"" LB "\"}]},\"Period\":60,\"Stat\":\"Sum\"}},"
                     "{\"Id\":\"h\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/Application"
                     "ELB\",\"MetricName\":\"HealthyHostCount\",\"Dimensions\":[{\"Name\":"
                     "\"LoadBalancer\",\"Value\":\"" LB "\"},{\"Name\":\"TargetGroup\",\"Value\":"
                     "\"" TG_CA "\"}]},\"Period\":60,\"Stat\":\"Minimum\"},\"Label\":\"hosts\"}],"
                     "\"StartTime\":%lld,\"EndTime\":%lld%s}", (long long)(from_ms / 1000),
                     (long long)(to_ms / 1000), extra);
    CU_ASSERT_TRUE_FATAL(n > 0);
    return s;
}

static void test_sim_metrics_paging(void)
{
    struct sim_world w;
    smf_open_world(&w, "steady");
    struct rw_err err;
    struct cw_result all, page;
    int st, pages = 0;
    char *req = two_metrics(START - 20 * MIN, START, "");
    char *b = smf_call(&w, "GetMetricData", req, &st);
    free(req);
    CU_ASSERT_EQUAL_FATAL(cw_parse_metric_data(b, strlen(b), &all, &err), 0);
    free(b);
    CU_ASSERT_EQUAL_FATAL(all.nseries, 2);
    CU_ASSERT_EQUAL(all.series[0].n, 20);
    CU_ASSERT_STRING_EQUAL(all.series[1].label, "hosts");
    CU_ASSERT_EQUAL(all.series[1].values[0], 4);
    /* descending by default */
    CU_ASSERT_TRUE(all.series[0].ts_ms[0] > all.series[0].ts_ms[19]);
    CU_ASSERT_PTR_NULL(all.next_token);
    char *token = NULL;
    size_t got[2] = { 0, 0 };
    do {
        char extra[128];
        snprintf(extra, sizeof extra, ",\"MaxDatapoints\":7%s%s%s",
                 token ? ",\"NextToken\":\"" : "", token ? token : "", token ? "\"" : "");
        req = two_metrics(START - 20 * MIN, START, extra);
        b = smf_call(&w, "GetMetricData", req, &st);
        free(req);
        CU_ASSERT_EQUAL_FATAL(cw_parse_metric_data(b, strlen(b), &page, &err), 0);
        free(b);
        CU_ASSERT_EQUAL_FATAL(page.nseries, 2);
        CU_ASSERT_TRUE(page.series[0].n + page.series[1].n <= 7);
        for (int s = 0; s < 2; s++)
            for (size_t i = 0; i < page.series[s].n; i++, got[s]++) {
                CU_ASSERT_EQUAL(page.series[s].ts_ms[i], all.series[s].ts_ms[got[s]]);
                CU_ASSERT_EQUAL(page.series[s].values[i], all.series[s].values[got[s]]);
            }
        CU_ASSERT_EQUAL(page.series[1].status,
                        got[1] < 20 ? CW_STATUS_PARTIAL : CW_STATUS_COMPLETE);
        free(token);
        token = page.next_token ? strdup(page.next_token) : NULL;
        cw_result_free(&page);
        pages++;
    } while (token && pages < 10);
    CU_ASSERT_EQUAL(pages, 6); /* 40 points, 7 a page */
    CU_ASSERT_TRUE(got[0] == 20 && got[1] == 20);
    cw_result_free(&all);
    sim_world_destroy(&w);
}

static void test_sim_metrics_deterministic_and_no_future(void)
{
    struct sim_world w;
    smf_open_world(&w, "bad-deploy");
    int st;
    char *req = two_metrics(START - 10 * MIN, START + 60 * MIN,
                            ",\"ScanBy\":\"TimestampAscending\"");
    char *a = smf_call(&w, "GetMetricData", req, &st), *b = smf_call(&w, "GetMetricData", req, &st);
    CU_ASSERT_STRING_EQUAL(a, b);
    struct cw_result r1, r2;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(cw_parse_metric_data(a, strlen(a), &r1, &err), 0);
    CU_ASSERT_EQUAL(r1.series[0].n, 10);
    CU_ASSERT_TRUE(r1.series[0].ts_ms[9] + MIN <= START);
    /* three minutes on: three more points, the old ones unchanged */
    smf_now = START + 3 * MIN;
    free(b);
    b = smf_call(&w, "GetMetricData", req, &st);
    CU_ASSERT_EQUAL_FATAL(cw_parse_metric_data(b, strlen(b), &r2, &err), 0);
    CU_ASSERT_EQUAL_FATAL(r2.series[0].n, 13);
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < 10; i++)
            CU_ASSERT_EQUAL(r2.series[s].values[i], r1.series[s].values[i]);
    cw_result_free(&r1);
    cw_result_free(&r2);
    free(a);
    free(b);
    free(req);
    sim_world_destroy(&w);
}

static void test_sim_metrics_stats_and_math(void)
{
    struct sim_world w;
    smf_open_world(&w, "steady");
    struct rw_err err;
    struct cw_result res;
    int st;
    const char *dims = "\"Dimensions\":[{\"Name\":\"LoadBalancer\",\"Value\":\"" LB "\"},"
                       "{\"Name\":\"TargetGroup\",\"Value\":\"" TG_CA "\"}]";
    char req[2048];
    snprintf(req, sizeof req, "{\"MetricDataQueries\":["
             "{\"Id\":\"a\",\"ReturnData\":false,\"MetricStat\":{\"Metric\":{\"Namespace\":"
             "\"AWS/ApplicationELB\",\"MetricName\":\"TargetResponseTime\",%s},\"Period\":300,"
             "\"Stat\":\"Average\"}},"
             "{\"Id\":\"mx\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/ApplicationELB\","
             "\"MetricName\":\"TargetResponseTime\",%s},\"Period\":300,\"Stat\":\"p99.9\"}},"
             "{\"Id\":\"ms\",\"Expression\":\"-(a*1000) + 2*3 / (1+1)\"},"
             "{\"Id\":\"z\",\"Expression\":\"a/0\"},"
             "{\"Id\":\"u\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/ApplicationELB\","
             "\"MetricName\":\"UnHealthyHostCount\",%s},\"Period\":300,\"Stat\":\"Maximum\"}},"
             "{\"Id\":\"o\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/EC2\","
             "\"MetricName\":\"CPUUtilization\"},\"Period\":300,\"Stat\":\"Average\"}}],"
             "\"StartTime\":%lld,\"EndTime\":%lld}", dims, dims, dims,
             (START - 30 * MIN) / 1000, START / 1000);
    char *b = smf_call(&w, "GetMetricData", req, &st);
    CU_ASSERT_EQUAL_FATAL(cw_parse_metric_data(b, strlen(b), &res, &err), 0);
    free(b);
    CU_ASSERT_EQUAL_FATAL(res.nseries, 5); /* a is not returned */
    CU_ASSERT_PTR_NULL(cw_result_find(&res, "a"));
    const struct cw_series *mx = cw_result_find(&res, "mx"), *ms = cw_result_find(&res, "ms");
    CU_ASSERT_EQUAL_FATAL(mx->n, 6); /* 5-minute buckets from 10:36 */
    CU_ASSERT_EQUAL_FATAL(ms->n, 6);
    CU_ASSERT_STRING_EQUAL(ms->label, "ms");
    for (size_t i = 0; i < 6; i++) {
        CU_ASSERT_TRUE(mx->values[i] > 0.1 && mx->values[i] < 0.4);
        CU_ASSERT_TRUE(ms->values[i] > -100 && ms->values[i] < -60); /* 3 - avg ms */
    }
    CU_ASSERT_EQUAL(cw_result_find(&res, "z")->n, 0);     /* x/0 has no value */
    CU_ASSERT_EQUAL(cw_result_find(&res, "u")->n, 6);     /* zero hosts is published */
    CU_ASSERT_EQUAL(cw_result_find(&res, "u")->values[0], 0);
    CU_ASSERT_EQUAL(cw_result_find(&res, "o")->n, 0);     /* not a metric of the sim */
    CU_ASSERT_EQUAL(cw_result_find(&res, "o")->status, CW_STATUS_COMPLETE);
    cw_result_free(&res);
    sim_world_destroy(&w);
}

void test_sim_metrics_register(void)
{
    CU_pSuite s = CU_add_suite("sim_metrics", NULL, NULL);
    CU_add_test(s, "rollwatch's ALB request: bad-deploy's climb, sim_signal's numbers",
                test_sim_metrics_alb_bad_deploy);
    CU_add_test(s, "a minute without 5xx has no datapoint; FILL makes it 0",
                test_sim_metrics_zero_5xx_omitted);
    CU_add_test(s, "MaxDatapoints pages with NextToken, PartialData until the last",
                test_sim_metrics_paging);
    CU_add_test(s, "the same query gives the same bytes; no future data",
                test_sim_metrics_deterministic_and_no_future);
    CU_add_test(s, "statistics, 5-minute periods, metric math, unknown metrics",
                test_sim_metrics_stats_and_math);
}
