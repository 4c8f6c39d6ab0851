/* Tests for core/model_metrics and the metrics in core/model: sparse raw
 * series laid on a grid (a missing 5xx datapoint is 0 errors, a bucket
 * without requests has no error rate, unpublished trailing minutes are
 * dropped), the levels against DESIGN.md's thresholds, and metrics stored by
 * service name, kept across a service refresh, and target groups copied out of
 * ECS services. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/model_ecs.h"
#include "core/xmalloc.h"

#define S0 1795000000000LL /* a minute boundary */
#define MIN 60000LL

static void test_model_metrics_builds_buckets(void)
{
    /* minute 3 had no traffic; 5xx only in minutes 1 and 5; minutes 10.. not published */
    int64_t lt[] = { S0 + 9 * MIN, S0, S0 + MIN, S0 + 2 * MIN, S0 + 4 * MIN, S0 + 5 * MIN,
                     S0 + 6 * MIN, S0 + 7 * MIN, S0 + 8 * MIN, S0 - MIN, S0 + 40 * MIN };
    double lv[] = { 1.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 9, 9 };
    double rv[] = { 900, 1000, 1200, 1400, 1000, 2000, 1000, 1000, 1000, 5, 5 };
    int64_t et[] = { S0 + MIN, S0 + 5 * MIN, S0 + 3 * MIN };
    double ev[] = { 12, 150, 7 };
    struct model_points lat = { lt, lv, 11 }, req = { lt, rv, 11 }, err = { et, ev, 3 };
    struct model_metrics m = { 0 };
    model_metrics_build(&m, S0, 30, 60, &lat, &req, &err);
    CU_ASSERT_EQUAL(m.state, MODEL_METRICS_OK);
    CU_ASSERT_EQUAL(m.window_min, 30);
    CU_ASSERT_EQUAL_FATAL(m.n, 10);
    CU_ASSERT_EQUAL(m.ts_wall_ms[0], S0);
    CU_ASSERT_EQUAL(m.ts_wall_ms[9], S0 + 9 * MIN);
    CU_ASSERT_DOUBLE_EQUAL(m.p95_s[9], 1.5, 1e-9);  /* out of order is fine */
    CU_ASSERT_DOUBLE_EQUAL(m.error_rate[0], 0, 1e-12); /* no 5xx datapoint: no errors */
    CU_ASSERT_DOUBLE_EQUAL(m.error_rate[1], 0.01, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.error_rate[5], 0.075, 1e-12);
    CU_ASSERT_TRUE(isnan(m.p95_s[3]));               /* no traffic: a gap in each */
    CU_ASSERT_TRUE(isnan(m.req_per_min[3]));
    CU_ASSERT_TRUE(isnan(m.error_rate[3]));          /* even with a stray 5xx point */
    CU_ASSERT_DOUBLE_EQUAL(m.req_per_min[2], 1400, 1e-9);
    size_t at = 99;
    CU_ASSERT_DOUBLE_EQUAL(model_metrics_last(m.p95_s, m.n, &at), 1.5, 1e-9);
    CU_ASSERT_EQUAL(at, 9);
    model_metrics_clear(&m);
    CU_ASSERT_PTR_NULL(m.p95_s);
    CU_ASSERT_EQUAL(m.state, MODEL_METRICS_NONE);
}

static void test_model_metrics_periods_and_empty(void)
{
    int64_t t[] = { S0, S0 + 5 * MIN };
    double r[] = { 500, 1000 };
    struct model_points req = { t, r, 2 }, none = { NULL, NULL, 0 };
    struct model_metrics m = { 0 };
    model_metrics_build(&m, S0, 60, 300, &none, &req, NULL);
    CU_ASSERT_EQUAL_FATAL(m.n, 2);
    CU_ASSERT_DOUBLE_EQUAL(m.req_per_min[1], 200, 1e-9); /* 1000 in 5 minutes */
    CU_ASSERT_DOUBLE_EQUAL(m.error_rate[1], 0, 1e-12);
    CU_ASSERT_TRUE(isnan(m.p95_s[0]));
    CU_ASSERT_TRUE(isnan(model_metrics_last(m.p95_s, m.n, NULL)));
    int64_t et[] = { S0 + 2 * MIN };
    double ev[] = { 3 };
    struct model_points err = { et, ev, 1 };
    model_metrics_build(&m, S0, 30, 60, &none, &none, &err); /* 5xx alone: no traffic seen */
    CU_ASSERT_EQUAL(m.n, 0);
    CU_ASSERT_EQUAL(m.state, MODEL_METRICS_OK);
    model_metrics_no_lb(&m, 60);
    CU_ASSERT_EQUAL(m.state, MODEL_METRICS_NO_LB);
    CU_ASSERT_EQUAL(m.window_min, 60);
    CU_ASSERT_EQUAL(m.n, 0);
    model_metrics_clear(&m);
}

static void test_model_metrics_levels(void)
{
    double w = MODEL_METRICS_P95_WARN_S, c = MODEL_METRICS_P95_CRIT_S;
    CU_ASSERT_EQUAL(model_metrics_level(0.12, w, c), 0);
    CU_ASSERT_EQUAL(model_metrics_level(0.5, w, c), 0);   /* "above 500 ms" */
    CU_ASSERT_EQUAL(model_metrics_level(0.501, w, c), 1);
    CU_ASSERT_EQUAL(model_metrics_level(1.0, w, c), 1);
    CU_ASSERT_EQUAL(model_metrics_level(1.21, w, c), 2);
    CU_ASSERT_EQUAL(model_metrics_level(0.072, MODEL_METRICS_ERR_WARN, MODEL_METRICS_ERR_CRIT), 2);
    CU_ASSERT_EQUAL(model_metrics_level(0.02, MODEL_METRICS_ERR_WARN, MODEL_METRICS_ERR_CRIT), 1);
    CU_ASSERT_EQUAL(model_metrics_level(NAN, w, c), -1);
    double v[] = { 1, NAN, INFINITY };
    CU_ASSERT_DOUBLE_EQUAL(model_metrics_last(v, 3, NULL), 1, 0);
    CU_ASSERT_TRUE(isnan(model_metrics_last(NULL, 0, NULL)));
}

static struct model_service *two(void)
{
    struct model_service *s = xcalloc(2, sizeof *s);
    s[0].name = xstrdup("a");
    s[1].name = xstrdup("b");
    return s;
}

static struct model_metrics one_minute(double p95)
{
    int64_t t[] = { S0 };
    double v[] = { p95 }, r[] = { 100 };
    struct model_points lat = { t, v, 1 }, req = { t, r, 1 };
    struct model_metrics m = { 0 };
    model_metrics_build(&m, S0, 30, 60, &lat, &req, NULL);
    return m;
}

static void test_model_metrics_stored_by_name(void)
{
    struct model_fleet f;
    model_fleet_init(&f, "ecs", "c", 5000);
    model_fleet_set_services(&f, two(), 2, 1000);
    CU_ASSERT_EQUAL(f.services[1].metrics_fresh.interval_ms, MODEL_METRICS_INTERVAL_MS);
    CU_ASSERT_FALSE(rw_fresh_loaded(&f.services[1].metrics_fresh));
    uint64_t gen = f.services[1].gen;
    struct model_metrics m = one_minute(0.3);
    model_service_set_metrics(&f, "b", &m, 2000);
    CU_ASSERT_PTR_NULL(m.p95_s); /* moved */
    struct model_service *b = model_service_find(&f, "b");
    CU_ASSERT_EQUAL_FATAL(b->metrics.n, 1);
    CU_ASSERT_DOUBLE_EQUAL(b->metrics.p95_s[0], 0.3, 1e-9);
    CU_ASSERT_EQUAL(b->metrics_fresh.fetched_ms, 2000);
    CU_ASSERT_TRUE(b->gen > gen);
    model_fleet_set_services(&f, two(), 2, 3000); /* a refresh keeps them */
    b = model_service_find(&f, "b");
    CU_ASSERT_EQUAL_FATAL(b->metrics.n, 1);
    CU_ASSERT_EQUAL(b->metrics_fresh.fetched_ms, 2000);
    m = one_minute(0.4);
    model_service_set_metrics(&f, "gone", &m, 4000); /* freed, nothing changes */
    CU_ASSERT_PTR_NULL(m.p95_s);
    CU_ASSERT_DOUBLE_EQUAL(model_service_find(&f, "b")->metrics.p95_s[0], 0.3, 1e-9);
    model_fleet_free(&f);
}

static void test_model_metrics_ecs_target_groups(void)
{
    struct ecs_load_balancer lbs[] = {
        { "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/abc", NULL, "app", 8080 },
        { NULL, "classic-elb", "app", 80 },
    };
    struct ecs_service es = { 0 };
    es.service_name = "web";
    es.load_balancers = lbs;
    es.nload_balancers = 2;
    struct model_service m = model_ecs_service(&es);
    CU_ASSERT_EQUAL_FATAL(m.ntarget_groups, 1);
    CU_ASSERT_STRING_EQUAL(m.target_groups[0], lbs[0].target_group_arn);
    model_service_clear(&m);
    es.nload_balancers = 0;
    m = model_ecs_service(&es);
    CU_ASSERT_EQUAL(m.ntarget_groups, 0);
    model_service_clear(&m);
}

void test_model_metrics_register(void)
{
    CU_pSuite s = CU_add_suite("model_metrics", NULL, NULL);
    CU_add_test(s, "sparse series laid on buckets, 5xx missing = 0",
                test_model_metrics_builds_buckets);
    CU_add_test(s, "longer periods, no traffic, no load balancer",
                test_model_metrics_periods_and_empty);
    CU_add_test(s, "levels against the runbook thresholds", test_model_metrics_levels);
    CU_add_test(s, "stored by service name, kept across refreshes",
                test_model_metrics_stored_by_name);
    CU_add_test(s, "ECS target groups copied", test_model_metrics_ecs_target_groups);
}
