/* Tests for sim/sim_metrics' interface: JSON 1.0 errors in CloudWatch's
 * shapes (and their x-amzn-query-error), ListMetrics, and GetMetricData over
 * the query protocol, whose XML must carry the JSON answer's numbers. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/awserr.h"
#include "clients/aws/cloudwatch.h"
#include "clients/aws/xml.h"
#include "sim/sim_metrics.h"
#include "support/simmetrics_fixture.h"
#include "sim/sim_query.h"

/* The error code a GetMetricData body gets, and its x-amzn-query-error. */
static void expect_error(struct sim_world *w, const char *op, const char *body, const char *code)
{
    int st;
    char *b = smf_call(w, op, body, &st), qe[96];
    struct aws_error e;
    aws_error_parse(st, NULL, b, strlen(b), &e);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_STRING_EQUAL(e.code, code);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "\"__type\":\"com.amazonaws.cloudwatch#"));
    struct sim_reply r = { st, b, NULL, 0 };
    int has = sim_metrics_query_error(&r, qe, sizeof qe) == 0;
    CU_ASSERT_EQUAL(has, strcmp(code, "SerializationException") != 0 &&
                         strcmp(code, "UnknownOperationException") != 0);
    if (has && strcmp(code, "MissingRequiredParameterException") == 0)
        CU_ASSERT_STRING_EQUAL(qe, "MissingParameter;Sender");
    if (has) { /* in query mode the header's code is the one reported */
        aws_error_parse(st, &(struct aws_error_headers){ .query_error = qe }, b, strlen(b), &e);
        CU_ASSERT_EQUAL(strncmp(qe, e.code, strlen(e.code)), 0);
        CU_ASSERT_EQUAL(qe[strlen(e.code)], ';');
    }
    free(b);
}

#define Q(x) "{\"MetricDataQueries\":[" x "],\"StartTime\":1794990000,\"EndTime\":1795000000}"
#define STAT(id, period, stat) "{\"Id\":\"" id "\",\"MetricStat\":{\"Metric\":{\"Namespace\":" \
    "\"N\",\"MetricName\":\"M\"},\"Period\":" period ",\"Stat\":\"" stat "\"}}"
#define EXPR(id, e) "{\"Id\":\"" id "\",\"Expression\":\"" e "\"}"

static void test_sim_metrics_errors(void)
{
    struct sim_world w;
    smf_open_world(&w, "steady");
    const char *ipv = "InvalidParameterValueException";
    expect_error(&w, "GetMetricData", Q(STAT("m", "30", "Sum")), ipv);
    expect_error(&w, "GetMetricData", Q(STAT("m", "60", "tm99")), ipv);
    expect_error(&w, "GetMetricData", Q(STAT("M1", "60", "Sum")), ipv);
    expect_error(&w, "GetMetricData", Q(STAT("m", "60", "Sum") "," STAT("m", "60", "Sum")), ipv);
    expect_error(&w, "GetMetricData", Q(EXPR("e", "m +")), ipv);
    expect_error(&w, "GetMetricData", Q(EXPR("e", "nope * 2")), ipv);
    expect_error(&w, "GetMetricData", Q(EXPR("e", "f") "," EXPR("f", "e")), ipv);
    expect_error(&w, "GetMetricData", Q(EXPR("e", "SUM(METRICS())")), ipv);
    expect_error(&w, "GetMetricData", Q("{\"Id\":\"m\"}"), "InvalidParameterCombinationException");
    expect_error(&w, "GetMetricData", "{\"MetricDataQueries\":[" STAT("m", "60", "Sum")
                 "],\"EndTime\":1}", "MissingRequiredParameterException");
    expect_error(&w, "GetMetricData", "{\"MetricDataQueries\":[" STAT("m", "60", "Sum")
                 "],\"StartTime\":5,\"EndTime\":5}", ipv);
    expect_error(&w, "GetMetricData", "{\"MetricDataQueries\":[" STAT("m", "60", "Sum")
                 "],\"StartTime\":1,\"EndTime\":5,\"NextToken\":\"x\"}", "InvalidNextToken");
    expect_error(&w, "GetMetricData", "{\"MetricDataQueries\":[" STAT("m", "60", "Sum") ","
                 STAT("n", "60", "Sum") "],\"StartTime\":1791400000,\"EndTime\":1795000000}",
                 ipv); /* 2 x 60000 points: more than 100800 */
    expect_error(&w, "GetMetricData", "[1,2]", "SerializationException");
    expect_error(&w, "GetMetricData", "{\"MetricDataQueries\":{}}", "SerializationException");
    expect_error(&w, "GetMetricData", "{\"StartTime\":\"yesterday\"}", "SerializationException");
    expect_error(&w, "PutMetricData", "{}", "UnknownOperationException");
    expect_error(&w, "ListMetrics", "{\"NextToken\":\"x\"}", "InvalidNextToken");
    sim_world_destroy(&w);
}

static void test_sim_metrics_list(void)
{
    struct sim_world w;
    smf_open_world(&w, "steady");
    int st;
    const char *filters[] = { "{}", "{\"MetricName\":\"RequestCount\"}",
                              "{\"Dimensions\":[{\"Name\":\"TargetGroup\",\"Value\":\""
                              TG_PA "\"}]}",
                              "{\"Namespace\":\"AWS/EC2\"}",
                              "{\"Dimensions\":[{\"Name\":\"LoadBalancer\"}]}" };
    const int want[] = { 12, 2, 6, 0, 12 };
    for (size_t i = 0; i < 5; i++) {
        char *b = smf_call(&w, "ListMetrics", filters[i], &st);
        CU_ASSERT_EQUAL(st, 200);
        int n = 0;
        for (const char *p = b; (p = strstr(p, "\"MetricName\"")); p++)
            n++;
        CU_ASSERT_EQUAL(n, want[i]);
        free(b);
    }
    sim_world_destroy(&w);
}

/* The text of every <member> under path in the XML reply, as numbers. */
static size_t xml_values(const struct xml_node *series, const char *list, double *out)
{
    const struct xml_node *l = xml_path(series, list);
    for (size_t i = 0; l && i < l->nkids; i++)
        out[i] = strtod(l->kids[i]->text, NULL);
    return l ? l->nkids : 0;
}

static void test_sim_metrics_query_protocol(void)
{
    struct sim_world w;
    smf_open_world(&w, "bad-deploy");
    struct cw_result res;
    CU_ASSERT_EQUAL_FATAL(smf_alb(&w, TG_CA, START - 10 * MIN, START, 60, &res), 0);
    const char *body =
        "Action=GetMetricData&Version=2010-08-01"
        "&MetricDataQueries.member.1.Id=p95"
        "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FApplicationELB"
        "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=TargetResponseTime"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=LoadBalancer"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value="
        "app%2Fcap-production-alb%2F5e1a7a96e7a1b000"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name=TargetGroup"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value="
        "targetgroup%2Fconsumer-agent-tg%2F5e1a7a96e7000000"
        "&MetricDataQueries.member.1.MetricStat.Period=60"
        "&MetricDataQueries.member.1.MetricStat.Stat=p95"
        "&MetricDataQueries.member.1.ReturnData=true"
        "&StartTime=2026-11-18T10%3A56%3A40Z&EndTime=2026-11-18T11%3A06%3A40Z"
        "&ScanBy=TimestampAscending";
    struct sim_reply r;
    sim_query_handle(&w, "monitoring", body, strlen(body), &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(r.content_type, "text/xml");
    struct xml_node *root;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(xml_parse(r.body, strlen(r.body), &root, &err), 0);
    free(r.body);
    const struct xml_node *m = xml_path(root, "GetMetricDataResult/MetricDataResults/member");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(xml_path_text(m, "Id"), "p95");
    CU_ASSERT_STRING_EQUAL(xml_path_text(m, "StatusCode"), "Complete");
    CU_ASSERT_STRING_EQUAL(xml_path_text(m, "Timestamps/member"), "2026-11-18T10:56:00Z");
    double v[16];
    const struct cw_series *p95 = cw_result_find(&res, CW_ALB_ID_P95);
    CU_ASSERT_EQUAL_FATAL(xml_values(m, "Values", v), p95->n);
    for (size_t i = 0; i < p95->n; i++)
        CU_ASSERT_DOUBLE_EQUAL(v[i], p95->values[i], 1e-12);
    CU_ASSERT_PTR_NOT_NULL(xml_path(root, "ResponseMetadata/RequestId"));
    xml_free(root);
    cw_result_free(&res);
    sim_world_destroy(&w);
}

void test_sim_metrics_api_register(void)
{
    CU_pSuite s = CU_add_suite("sim_metrics_api", NULL, NULL);
    CU_add_test(s, "JSON 1.0 errors in CloudWatch's shapes", test_sim_metrics_errors);
    CU_add_test(s, "ListMetrics with filters", test_sim_metrics_list);
    CU_add_test(s, "the query protocol answers the same numbers in XML",
                test_sim_metrics_query_protocol);
}
