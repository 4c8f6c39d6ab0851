/* Tests for clients/aws/alb_metrics and the ECS provider's metrics operation:
 * against a scripted loopback server (the target group's load balancer
 * learnt once and cached, NextToken pages joined, no load balancer as a
 * state, errors as values, cancel), and over real HTTP against the in-process
 * sim (bad-deploy's consumer-agent: 5xx 5-9 %, P95 above 1 s; steady: P95
 * below 0.2 s; rover-agent has no load balancer; small pages add up to the
 * same series). */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/alb_metrics.h"
#include "clients/aws/ecs_provider.h"
#include "core/clock.h"
#include "core/xmalloc.h"
#include "support/loopback.h"
#include "support/simclient.h"

#define TG "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067"
#define LB "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/50dc6c49"
#define TG_XML(lbs) "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups>" \
    "<member><TargetGroupArn>" TG "</TargetGroupArn><TargetGroupName>web-tg</TargetGroupName>" \
    "<LoadBalancerArns>" lbs "</LoadBalancerArns></member></TargetGroups>" \
    "</DescribeTargetGroupsResult></DescribeTargetGroupsResponse>"
#define END 1795000200LL /* a minute boundary */
#define T(m) (END - 1800 + 60 * (m)) /* minute m of the 30 */

struct got {
    int done;
    struct model_metrics m;
    char err[600];
};

static void on_got(struct model_metrics *m, const struct rw_err *err, void *ud)
{
    struct got *g = ud;
    g->done++;
    if (m) {
        g->m = *m;
        memset(m, 0, sizeof *m);
    }
    snprintf(g->err, sizeof g->err, "%s", err ? err->msg : "");
}

static struct aws_client *client_at(struct rw_loop *loop, const char *url)
{
    return simclient_client(loop, url, 1);
}

static void wait_done(struct rw_loop *loop, const int *done)
{
    int64_t end = rw_mono_ms() + 5000;
    while (!*done && rw_mono_ms() < end)
        rw_loop_run_once(loop, 20);
}

static void test_alb_metrics_pages_and_cache(void)
{
    static char p1[600], p2[600];
    snprintf(p1, sizeof p1, "{\"MetricDataResults\":[{\"Id\":\"p95\",\"Timestamps\":[%lld,%lld],"
             "\"Values\":[0.2,0.4],\"StatusCode\":\"PartialData\"},{\"Id\":\"requests\","
             "\"Timestamps\":[%lld],\"Values\":[1000],\"StatusCode\":\"PartialData\"}],"
             "\"NextToken\":\"tok-2\",\"Messages\":[]}", T(0), T(1), T(0));
    snprintf(p2, sizeof p2, "{\"MetricDataResults\":[{\"Id\":\"requests\",\"Timestamps\":[%lld],"
             "\"Values\":[2000],\"StatusCode\":\"Complete\"},{\"Id\":\"errors5xx\","
             "\"Timestamps\":[%lld],\"Values\":[100],\"StatusCode\":\"Complete\"}],"
             "\"Messages\":[]}", T(1), T(1));
    const struct lb_response script[] = { { 200, TG_XML("<member>" LB "</member>"), NULL, 0 },
                                          { 200, p1, NULL, 0 }, { 200, p2, NULL, 0 } };
    struct lb_server *srv = lb_start(script, 3);
    struct rw_loop *loop = rw_loop_new();
    struct aws_client *c = client_at(loop, lb_url(srv));
    struct alb_cache *cache = alb_cache_new();
    struct alb_metrics_req r = { TG, 30, 60, END, 0 };
    struct got g = { 0 };
    alb_metrics_start(c, cache, &r, on_got, &g);
    CU_ASSERT_EQUAL(g.done, 0); /* never inside start */
    wait_done(loop, &g.done);
    CU_ASSERT_STRING_EQUAL(g.err, "");
    CU_ASSERT_EQUAL_FATAL(g.m.n, 2);
    CU_ASSERT_EQUAL(g.m.state, MODEL_METRICS_OK);
    CU_ASSERT_STRING_EQUAL(g.m.source, "web-alb");
    CU_ASSERT_EQUAL(g.m.ts_wall_ms[0], T(0) * 1000);
    CU_ASSERT_DOUBLE_EQUAL(g.m.p95_s[1], 0.4, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(g.m.error_rate[0], 0, 1e-12);   /* no 5xx datapoint */
    CU_ASSERT_DOUBLE_EQUAL(g.m.error_rate[1], 0.05, 1e-12); /* 100 of 2000, across pages */
    CU_ASSERT_DOUBLE_EQUAL(g.m.req_per_min[1], 2000, 1e-9);
    CU_ASSERT_STRING_EQUAL(alb_cache_lb(cache, TG), "app/web-alb/50dc6c49");
    CU_ASSERT_EQUAL_FATAL(lb_requests(srv), 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(srv, 0), "Action=DescribeTargetGroups"));
    const char *b1 = lb_body(srv, 1), *b2 = lb_body(srv, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"Stat\":\"p95\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "HTTPCode_Target_5XX_Count"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"Value\":\"app/web-alb/50dc6c49\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"Value\":\"targetgroup/web-tg/73e2d6bc24d8a067\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"StartTime\":1794998400"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"EndTime\":1795000200"));
    CU_ASSERT_PTR_NULL(strstr(b1, "NextToken"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b2, "\"NextToken\":\"tok-2\""));
    model_metrics_clear(&g.m);
    struct got g2 = { 0 };
    alb_metrics_start(c, cache, &r, on_got, &g2); /* cached: straight to GetMetricData */
    wait_done(loop, &g2.done);
    CU_ASSERT_EQUAL(lb_requests(srv), 4);
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(srv, 3), "MetricDataQueries"));
    CU_ASSERT_EQUAL(g2.m.n, 2);
    model_metrics_clear(&g2.m);
    alb_cache_free(cache);
    aws_client_free(c);
    rw_loop_free(loop);
    lb_stop(srv);
}

static void test_alb_metrics_no_lb_errors_cancel(void)
{
    const struct lb_response script[] = {
        { 200, TG_XML(""), NULL, 0 },
        { 400, "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}",
          "Content-Type: application/x-amz-json-1.0\n", 0 },
    };
    struct lb_server *srv = lb_start(script, 2);
    struct rw_loop *loop = rw_loop_new();
    struct aws_client *c = client_at(loop, lb_url(srv));
    struct alb_cache *cache = alb_cache_new();
    struct alb_metrics_req none = { NULL, 60, 0, END, 0 };
    struct got g = { 0 };
    alb_metrics_start(c, cache, &none, on_got, &g); /* no target group: no call at all */
    wait_done(loop, &g.done);
    CU_ASSERT_EQUAL(g.m.state, MODEL_METRICS_NO_LB);
    CU_ASSERT_EQUAL(g.m.window_min, 60);
    CU_ASSERT_EQUAL(lb_requests(srv), 0);
    struct alb_metrics_req r = { TG, 30, 0, END, 0 };
    memset(&g, 0, sizeof g);
    alb_metrics_start(c, cache, &r, on_got, &g); /* a target group no load balancer uses */
    wait_done(loop, &g.done);
    CU_ASSERT_EQUAL(g.m.state, MODEL_METRICS_NO_LB);
    CU_ASSERT_STRING_EQUAL(g.err, "");
    CU_ASSERT_PTR_NULL(alb_cache_lb(cache, TG));
    struct alb_cache *known = alb_cache_new();
    memset(&g, 0, sizeof g);
    alb_metrics_start(c, known, &(struct alb_metrics_req){ NULL, 30, 0, END, 0 }, on_got, &g);
    wait_done(loop, &g.done);
    CU_ASSERT_EQUAL(lb_requests(srv), 1);
    /* an error from CloudWatch comes back as a value */
    const struct lb_response tg_ok = { 200, TG_XML("<member>" LB "</member>"), NULL, 0 };
    struct lb_server *srv2 = lb_start((const struct lb_response[]){ tg_ok, script[1] }, 2);
    struct aws_client *c2 = client_at(loop, lb_url(srv2));
    memset(&g, 0, sizeof g);
    alb_metrics_start(c2, known, &r, on_got, &g);
    wait_done(loop, &g.done);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.err, "AccessDenied"));
    CU_ASSERT_PTR_NULL(g.m.p95_s);
    memset(&g, 0, sizeof g);
    struct alb_metrics_job *j = alb_metrics_start(c2, known, &r, on_got, &g);
    alb_metrics_cancel(j); /* before the first step */
    j = alb_metrics_start(c2, known, &r, on_got, &g);
    rw_loop_run_once(loop, 0); /* the call goes out ... */
    alb_metrics_cancel(j);     /* ... and is cancelled */
    for (int i = 0; i < 20; i++)
        rw_loop_run_once(loop, 10);
    CU_ASSERT_EQUAL(g.done, 0);
    alb_cache_free(known);
    alb_cache_free(cache);
    aws_client_free(c2);
    aws_client_free(c);
    rw_loop_free(loop);
    lb_stop(srv2);
    lb_stop(srv);
}

/* ---- against the sim, through the ECS provider ---- */

struct sim_env {
    struct simclient sc;
    struct rw_loop *loop;
    struct aws_client *c;
    struct rw_provider *prov;
    struct model_service *svcs;
    size_t n;
    int done;
};

static void on_services(void *ud, const char *scope, struct model_service *svcs, size_t n,
                        const struct rw_err *err)
{
    (void)scope;
    struct sim_env *e = ud;
    e->done = 1;
    CU_ASSERT_PTR_NULL(err);
    e->svcs = svcs;
    e->n = n;
}

static void sim_open(struct sim_env *e, const char *scenario)
{
    memset(e, 0, sizeof *e);
    CU_ASSERT_EQUAL_FATAL(simclient_start(&e->sc, scenario, 0), 0);
    e->loop = e->sc.loop;
    e->c = e->sc.c;
    e->prov = ecs_provider_new(e->c, NULL);
    rw_provider_list_services(e->prov, on_services, e);
    wait_done(e->loop, &e->done);
}

static void sim_close(struct sim_env *e)
{
    for (size_t i = 0; i < e->n; i++)
        model_service_clear(&e->svcs[i]);
    free(e->svcs);
    rw_provider_free(e->prov);
    simclient_stop(&e->sc);
}

struct named {
    int done;
    char service[64], err[600];
    struct model_metrics m;
};

static void on_named(void *ud, const char *service, struct model_metrics *m,
                     const struct rw_err *err)
{
    struct named *g = ud;
    g->done++;
    snprintf(g->service, sizeof g->service, "%s", service);
    snprintf(g->err, sizeof g->err, "%s", err ? err->msg : "");
    if (m) {
        g->m = *m;
        memset(m, 0, sizeof *m);
    }
}

/* The provider's metrics for service name of e, into g. */
static void read_metrics(struct sim_env *e, const char *name, struct named *g)
{
    memset(g, 0, sizeof *g);
    const struct model_service *s = NULL;
    for (size_t i = 0; i < e->n; i++)
        if (strcmp(e->svcs[i].name, name) == 0)
            s = &e->svcs[i];
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    struct rw_metrics_query q = { name, (const char *const *)s->target_groups,
                                  s->ntarget_groups, 30 };
    rw_provider_metrics(e->prov, &q, on_named, g);
    wait_done(e->loop, &g->done);
    CU_ASSERT_STRING_EQUAL(g->service, name);
    CU_ASSERT_STRING_EQUAL(g->err, "");
}

static void test_alb_metrics_sim_bad_deploy(void)
{
    struct sim_env e;
    sim_open(&e, "bad-deploy");
    CU_ASSERT_EQUAL_FATAL(e.n, 3);
    struct named g;
    read_metrics(&e, "consumer-agent", &g);
    CU_ASSERT_EQUAL(g.m.state, MODEL_METRICS_OK);
    CU_ASSERT_STRING_EQUAL(g.m.source, "cap-production-alb");
    CU_ASSERT_TRUE(g.m.n >= 20);
    size_t at;
    double er = model_metrics_last(g.m.error_rate, g.m.n, &at);
    double p95 = model_metrics_last(g.m.p95_s, g.m.n, NULL);
    double rpm = model_metrics_last(g.m.req_per_min, g.m.n, NULL);
    CU_ASSERT(er > 0.05 && er < 0.09);
    CU_ASSERT(p95 > 1.0);
    CU_ASSERT(rpm > 500);
    if (!(er > 0.05 && er < 0.09) || !(p95 > 1.0))
        printf("\n  consumer-agent: error rate %g, p95 %g, %g req/min\n", er, p95, rpm);
    CU_ASSERT_EQUAL(at, g.m.n - 1);
    model_metrics_clear(&g.m);
    read_metrics(&e, "rover-agent", &g);
    CU_ASSERT_EQUAL(g.m.state, MODEL_METRICS_NO_LB);
    model_metrics_clear(&g.m);
    sim_close(&e);
}

static void test_alb_metrics_sim_steady_and_paged(void)
{
    struct sim_env e;
    sim_open(&e, "steady");
    struct named g;
    read_metrics(&e, "consumer-agent", &g);
    double p95 = model_metrics_last(g.m.p95_s, g.m.n, NULL);
    double er = model_metrics_last(g.m.error_rate, g.m.n, NULL);
    CU_ASSERT(p95 > 0 && p95 < 0.2);
    CU_ASSERT(er >= 0 && er < 0.01);
    /* pages of 7 datapoints add up to the same series */
    const struct model_service *s = &e.svcs[0];
    for (size_t i = 0; i < e.n; i++)
        if (strcmp(e.svcs[i].name, "consumer-agent") == 0)
            s = &e.svcs[i];
    struct alb_cache *cache = alb_cache_new();
    int64_t end = rw_wall_ms() / 60000 * 60;
    struct alb_metrics_req whole = { s->target_groups[0], 30, 60, end, 0 };
    struct alb_metrics_req paged = { s->target_groups[0], 30, 60, end, 7 };
    struct got a = { 0 }, b = { 0 };
    alb_metrics_start(e.c, cache, &whole, on_got, &a);
    wait_done(e.loop, &a.done);
    alb_metrics_start(e.c, cache, &paged, on_got, &b);
    wait_done(e.loop, &b.done);
    CU_ASSERT_STRING_EQUAL(b.err, "");
    CU_ASSERT_TRUE(a.m.n >= 20);
    CU_ASSERT_EQUAL_FATAL(a.m.n, b.m.n);
    for (size_t k = 0; k < a.m.n; k++) {
        CU_ASSERT(a.m.req_per_min[k] == b.m.req_per_min[k] ||
                  (isnan(a.m.req_per_min[k]) && isnan(b.m.req_per_min[k])));
        CU_ASSERT(a.m.p95_s[k] == b.m.p95_s[k] || (isnan(a.m.p95_s[k]) && isnan(b.m.p95_s[k])));
    }
    model_metrics_clear(&a.m);
    model_metrics_clear(&b.m);
    alb_cache_free(cache);
    model_metrics_clear(&g.m);
    sim_close(&e);
}

void test_alb_metrics_register(void)
{
    CU_pSuite s = CU_add_suite("alb_metrics", NULL, NULL);
    CU_add_test(s, "load balancer learnt once, NextToken pages joined",
                test_alb_metrics_pages_and_cache);
    CU_add_test(s, "no load balancer is a state; errors are values; cancel",
                test_alb_metrics_no_lb_errors_cancel);
    CU_add_test(s, "sim bad-deploy: consumer-agent 5xx 5-9 %, P95 > 1 s; rover has no ALB",
                test_alb_metrics_sim_bad_deploy);
    CU_add_test(s, "sim steady: P95 < 0.2 s; small pages give the same series",
                test_alb_metrics_sim_steady_and_paged);
}
