/* Tests for sim/sim_mexpr (the metric math subset) and the request decoders
 * of sim/sim_metrics_req: precedence, presence, FILL, errors, and the same
 * request read from JSON 1.0 and from a query-protocol form. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_metrics_req.h"
#include "sim/sim_mexpr.h"
#include "sim/sim_query.h"

#define NP 4

/* m1 = 1 2 _ 4, m2 = 10 0 30 _ (_ = no datapoint) */
static int resolve(void *ctx, const char *id, struct sim_mexpr_series *out, char *err,
                   size_t errlen)
{
    static const double v1[NP] = { 1, 2, 0, 4 }, v2[NP] = { 10, 0, 30, 0 };
    static const unsigned char h1[NP] = { 1, 1, 0, 1 }, h2[NP] = { 1, 1, 1, 0 };
    (*(int *)ctx)++;
    int one = strcmp(id, "m1") == 0;
    if (!one && strcmp(id, "m2") != 0) {
        snprintf(err, errlen, "unknown id %s", id);
        return -1;
    }
    memcpy(out->v, one ? v1 : v2, sizeof v1);
    memcpy(out->has, one ? h1 : h2, sizeof h1);
    return 0;
}

/* Evaluate s; 0 with v/has filled, or -1. */
static int eval(const char *s, double *v, unsigned char *has)
{
    struct sim_mexpr e;
    char err[200];
    int calls = 0;
    struct sim_mexpr_series out = { v, has };
    if (sim_mexpr_parse(s, &e, err, sizeof err) < 0)
        return -1;
    return sim_mexpr_eval(&e, NP, resolve, &calls, &out, err, sizeof err);
}

static void test_sim_mexpr_arithmetic(void)
{
    double v[NP];
    unsigned char h[NP];
    CU_ASSERT_EQUAL_FATAL(eval("1 + 2 * 3 - 4 / 2", v, h), 0);
    CU_ASSERT_TRUE(v[0] == 5 && h[0] && h[3]);
    CU_ASSERT_EQUAL_FATAL(eval("-(1+2)*-2 - -1", v, h), 0);
    CU_ASSERT_EQUAL(v[2], 7);
    CU_ASSERT_EQUAL_FATAL(eval("m1/m2*100", v, h), 0);
    CU_ASSERT_TRUE(h[0] && v[0] == 10);
    CU_ASSERT_FALSE(h[1]);          /* 2/0 */
    CU_ASSERT_FALSE(h[2] || h[3]);  /* a side has no datapoint */
    CU_ASSERT_EQUAL_FATAL(eval("100*FILL(m1, 0)/m2", v, h), 0);
    CU_ASSERT_TRUE(h[2] && v[2] == 0);
    CU_ASSERT_EQUAL_FATAL(eval("FILL(m2,m1) + .5e1", v, h), 0);
    CU_ASSERT_TRUE(h[3] && v[3] == 9 && v[0] == 15);
    CU_ASSERT_EQUAL_FATAL(eval("m1 * 1e308 * 10", v, h), 0);
    CU_ASSERT_FALSE(h[0]);          /* overflow is no value, never inf */
}

static void test_sim_mexpr_errors(void)
{
    const char *bad[] = { "", "m1 +", "(m1", "m1)", "2 ** 3", "M1", "SUM(m1)", "FILL(m1)",
                          "FILL(m1, 0", "m1 m2", "1e999", "$", "m1 + @",
                          "----------------------------------------m1" };
    struct sim_mexpr e;
    char err[200];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = '\0';
        CU_ASSERT_EQUAL(sim_mexpr_parse(bad[i], &e, err, sizeof err), -1);
        CU_ASSERT_TRUE(strlen(err) > 0);
    }
    char deep[200];
    memset(deep, '(', 100);
    strcpy(deep + 100, "1");
    CU_ASSERT_EQUAL(sim_mexpr_parse(deep, &e, err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "deeply"));
    char long_sum[600] = "1";
    for (int i = 0; i < 150; i++)
        strcat(long_sum, "+1");
    CU_ASSERT_EQUAL(sim_mexpr_parse(long_sum, &e, err, sizeof err), -1);
    double v[NP];
    unsigned char h[NP];
    CU_ASSERT_EQUAL(eval("m3 + 1", v, h), -1);
}

#define DIMS "\"Dimensions\":[{\"Name\":\"LoadBalancer\",\"Value\":\"app/x/1\"}]"

static void test_sim_metrics_req_json_and_form_agree(void)
{
    const char *json =
        "{\"MetricDataQueries\":[{\"Id\":\"m1\",\"Label\":\"L\",\"ReturnData\":false,"
        "\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/ApplicationELB\",\"MetricName\":"
        "\"RequestCount\"," DIMS "},\"Period\":120,\"Stat\":\"p99.5\"}},"
        "{\"Id\":\"e1\",\"Expression\":\"m1*2\",\"Period\":60}],"
        "\"StartTime\":1795000000,\"EndTime\":1795003600.5,\"ScanBy\":\"TimestampAscending\","
        "\"MaxDatapoints\":9,\"NextToken\":\"t\"}";
    const char *form =
        "Action=GetMetricData&MetricDataQueries.member.1.Id=m1&MetricDataQueries.member.1.Label=L"
        "&MetricDataQueries.member.1.ReturnData=false"
        "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FApplicationELB"
        "&MetricDataQueries.member.1.MetricStat.Metric.MetricName=RequestCount"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=LoadBalancer"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=app%2Fx%2F1"
        "&MetricDataQueries.member.1.MetricStat.Period=120"
        "&MetricDataQueries.member.1.MetricStat.Stat=p99.5"
        "&MetricDataQueries.member.2.Id=e1&MetricDataQueries.member.2.Expression=m1*2"
        "&MetricDataQueries.member.2.Period=60"
        "&StartTime=2026-11-18T11%3A06%3A40Z&EndTime=2026-11-18T12%3A06%3A40.500Z"
        "&ScanBy=TimestampAscending&MaxDatapoints=9&NextToken=t";
    struct sim_md_req a, b;
    struct sim_md_err err;
    struct sim_form f;
    CU_ASSERT_EQUAL_FATAL(sim_md_parse_json(json, strlen(json), &a, &err), 0);
    CU_ASSERT_EQUAL_FATAL(sim_query_parse_form(form, strlen(form), &f), 0);
    CU_ASSERT_EQUAL_FATAL(sim_md_parse_form(&f, &b, &err), 0);
    const struct sim_md_req *rs[2] = { &a, &b };
    for (int i = 0; i < 2; i++) {
        const struct sim_md_req *r = rs[i];
        CU_ASSERT_EQUAL_FATAL(r->nq, 2);
        CU_ASSERT_EQUAL(sim_md_validate(r, &err), 0);
        CU_ASSERT_TRUE(r->q[0].has_stat && !r->q[1].has_stat);
        CU_ASSERT_STRING_EQUAL(r->q[0].label, "L");
        CU_ASSERT_FALSE(r->q[0].return_data);
        CU_ASSERT_TRUE(r->q[1].return_data);
        CU_ASSERT_EQUAL(r->q[0].period, 120);
        CU_ASSERT_EQUAL(r->q[1].period, 60);
        CU_ASSERT_STRING_EQUAL(r->q[0].stat, "p99.5");
        CU_ASSERT_EQUAL_FATAL(r->q[0].ndims, 1);
        CU_ASSERT_STRING_EQUAL(r->q[0].dims[0].value, "app/x/1");
        CU_ASSERT_STRING_EQUAL(r->q[1].expression, "m1*2");
        CU_ASSERT_EQUAL(r->start_ms, 1795000000000LL);
        CU_ASSERT_EQUAL(r->end_ms, 1795003600500LL);
        CU_ASSERT_TRUE(r->ascending);
        CU_ASSERT_EQUAL(r->max_dp, 9);
        CU_ASSERT_STRING_EQUAL(r->next_token, "t");
    }
    sim_md_req_free(&a);
    sim_md_req_free(&b);
    sim_query_form_free(&f);
}

static void test_sim_metrics_req_form_rejects(void)
{
    const char *bad[] = {
        "StartTime=yesterday",
        "StartTime=2026-11-18T11%3A06%3A40Z&EndTime=2026-13-18T11%3A06%3A40Z",
        "MetricDataQueries.member.1.Id=a&MetricDataQueries.member.1.Period=1.5",
        "MetricDataQueries.member.1.Id=a&MetricDataQueries.member.1.ReturnData=yes",
        "MaxDatapoints=lots",
        "ScanBy=Sideways",
        "MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=x",
    };
    struct sim_md_req r;
    struct sim_md_err err;
    struct sim_form f;
    double pct;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_EQUAL_FATAL(sim_query_parse_form(bad[i], strlen(bad[i]), &f), 0);
        CU_ASSERT_EQUAL(sim_md_parse_form(&f, &r, &err), -1);
        CU_ASSERT_PTR_NOT_NULL(err.code);
        CU_ASSERT_EQUAL(r.nq, 0);
        sim_query_form_free(&f);
    }
    CU_ASSERT_TRUE(sim_md_stat_ok("p50", &pct) && pct == 50);
    CU_ASSERT_TRUE(sim_md_stat_ok("SampleCount", &pct) && pct < 0);
    CU_ASSERT_FALSE(sim_md_stat_ok("p101", &pct) || sim_md_stat_ok("p", &pct) ||
                    sim_md_stat_ok("sum", &pct) || sim_md_stat_ok("p9x", &pct));
}

void test_sim_mexpr_register(void)
{
    CU_pSuite s = CU_add_suite("sim_mexpr", NULL, NULL);
    CU_add_test(s, "arithmetic, precedence, presence and FILL", test_sim_mexpr_arithmetic);
    CU_add_test(s, "malformed, unsupported and too deep expressions", test_sim_mexpr_errors);
    CU_add_test(s, "GetMetricData from JSON 1.0 and from a form decode alike",
                test_sim_metrics_req_json_and_form_agree);
    CU_add_test(s, "bad form values are refused", test_sim_metrics_req_form_rejects);
}
