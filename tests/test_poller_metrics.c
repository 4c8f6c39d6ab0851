/* Tests for core/poller's metrics reads, over a scripted provider: the
 * selected service's metrics are asked for once its target groups are known,
 * again on a new window, cancelled on a new selection; an answer that lands
 * after the service list was replaced is stored by name; a failure keeps the
 * last good series and says why; the read repeats every 60 s. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/poller.h"
#include "core/xmalloc.h"

/* Services svc0 (no load balancer) and svc1 (target group tg-1); metrics
 * answer after delay_ms with the next script entry: "ok" or an error. */
struct fake {
    struct rw_provider base;
    struct rw_loop *loop;
    const char *const *script;
    int svc_calls, metrics_calls, cancels, delay_ms;
    char service[32];
    size_t ntg;
    int window;
    rw_services_fn sfn;
    rw_metrics_fn mfn;
    void *ud;
    uint64_t stimer, mtimer;
};

static void answer_services(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct fake *f = ud;
    f->stimer = 0;
    struct model_service *s = xcalloc(2, sizeof *s);
    s[0].name = xstrdup("svc0");
    s[1].name = xstrdup("svc1");
    s[1].target_groups = xcalloc(1, sizeof *s[1].target_groups);
    s[1].target_groups[0] = xstrdup("tg-1");
    s[1].ntarget_groups = 1;
    f->sfn(f->ud, "c1", s, 2, NULL);
}

static void answer_metrics(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct fake *f = ud;
    f->mtimer = 0;
    const char *what = f->script[f->metrics_calls - 1];
    struct model_metrics m = { 0 };
    if (strcmp(what, "ok") != 0) {
        struct rw_err e;
        rw_err_set(&e, RW_E_AWS, "%s", what);
        f->mfn(f->ud, f->service, NULL, &e);
        return;
    }
    int64_t t[] = { 1795000000000LL };
    double v[] = { f->metrics_calls * 0.1 }, r[] = { 100 };
    struct model_points lat = { t, v, 1 }, req = { t, r, 1 };
    if (f->ntg)
        model_metrics_build(&m, t[0], f->window, 60, &lat, &req, NULL);
    else
        model_metrics_no_lb(&m, f->window);
    f->mfn(f->ud, f->service, &m, NULL);
    model_metrics_clear(&m); /* the callee took it */
}

static struct rw_preq *fake_services(struct rw_provider *p, rw_services_fn fn, void *ud)
{
    struct fake *f = (struct fake *)p;
    f->svc_calls++;
    f->sfn = fn;
    f->ud = ud;
    f->stimer = rw_loop_timer_add(f->loop, 0, 0, answer_services, f);
    return (struct rw_preq *)&f->stimer;
}

static struct rw_preq *fake_tasks(struct rw_provider *p, const char *svc, rw_tasks_fn fn,
                                  void *ud)
{
    (void)p, (void)svc, (void)fn, (void)ud;
    return NULL; /* never answers: not what these tests look at */
}

static struct rw_preq *fake_metrics(struct rw_provider *p, const struct rw_metrics_query *q,
                                    rw_metrics_fn fn, void *ud)
{
    struct fake *f = (struct fake *)p;
    f->metrics_calls++;
    f->mfn = fn;
    f->ud = ud;
    snprintf(f->service, sizeof f->service, "%s", q->service);
    f->ntg = q->ntarget_groups;
    f->window = q->window_min;
    CU_ASSERT(!q->ntarget_groups || strcmp(q->target_groups[0], "tg-1") == 0);
    f->mtimer = rw_loop_timer_add(f->loop, f->delay_ms, 0, answer_metrics, f);
    return (struct rw_preq *)&f->mtimer;
}

static void fake_cancel(struct rw_provider *p, struct rw_preq *r)
{
    struct fake *f = (struct fake *)p;
    uint64_t *timer = (uint64_t *)r;
    if (timer != &f->mtimer && timer != &f->stimer)
        return;
    f->cancels += timer == &f->mtimer;
    if (*timer)
        rw_loop_timer_cancel(f->loop, *timer);
    *timer = 0;
}

static void fake_free(struct rw_provider *p) { (void)p; }

static const struct rw_provider_ops fake_ops = { "fake", fake_services, fake_tasks, fake_metrics,
                                                 fake_cancel, fake_free };

static int metrics_calls_at_least(struct fake *f, int n, struct rw_loop *loop)
{
    int64_t end = rw_mono_ms() + 2000;
    while ((f->metrics_calls < n || f->mtimer) && rw_mono_ms() < end)
        rw_loop_run_once(loop, 10);
    return f->metrics_calls >= n && !f->mtimer;
}

static struct model_service *svc(struct model_fleet *fl, const char *name)
{
    struct model_service *s = model_service_find(fl, name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    return s;
}

static void test_poller_metrics_follow_selection_and_window(void)
{
    static const char *const script[] = { "ok", "ok", "ok", "ok", "ok" };
    struct rw_loop *loop = rw_loop_new();
    struct fake f = { .base = { &fake_ops }, .loop = loop, .script = script };
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    struct rw_poller *p = rw_poller_new(loop, &f.base, &fleet, NULL, NULL);
    rw_poller_select(p, "svc1"); /* before the services (and its target groups) are known */
    rw_loop_run_once(loop, 0);
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 1, loop)); /* asked once they arrived */
    CU_ASSERT_EQUAL(f.metrics_calls, 1);
    CU_ASSERT_EQUAL(f.ntg, 1);
    CU_ASSERT_EQUAL(f.window, MODEL_METRICS_WINDOW_MIN);
    struct model_service *s = svc(&fleet, "svc1");
    CU_ASSERT_EQUAL_FATAL(s->metrics.n, 1);
    CU_ASSERT_TRUE(rw_fresh_loaded(&s->metrics_fresh));
    CU_ASSERT_EQUAL(s->metrics_fresh.interval_ms, POLL_METRICS_MS);
    for (int i = 0; i < 20; i++) /* the next read is a minute away */
        rw_loop_run_once(loop, 10);
    CU_ASSERT_EQUAL(f.metrics_calls, 1);
    rw_poller_metrics_window(p, 60);
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 2, loop));
    CU_ASSERT_EQUAL(f.window, 60);
    CU_ASSERT_EQUAL(svc(&fleet, "svc1")->metrics.window_min, 60);
    rw_poller_metrics_window(p, 60); /* the same window: nothing new */
    f.delay_ms = 200;
    rw_poller_select(p, "svc0");
    rw_loop_run_once(loop, 0);
    CU_ASSERT_EQUAL(f.metrics_calls, 3);
    rw_poller_select(p, "svc1"); /* svc0's read is cancelled */
    CU_ASSERT_EQUAL(f.cancels, 1);
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 4, loop));
    CU_ASSERT_EQUAL(svc(&fleet, "svc0")->metrics.state, MODEL_METRICS_NONE);
    CU_ASSERT_DOUBLE_EQUAL(svc(&fleet, "svc1")->metrics.p95_s[0], 0.4, 1e-9);
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_loop_free(loop);
}

static void test_poller_metrics_stored_by_name_and_failures(void)
{
    static const char *const script[] = {
        "ok", "GetMetricData: ThrottlingException: Rate exceeded", "ok"
    };
    struct rw_loop *loop = rw_loop_new();
    struct fake f = { .base = { &fake_ops }, .loop = loop, .script = script, .delay_ms = 150 };
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    struct rw_poller *p = rw_poller_new(loop, &f.base, &fleet, NULL, NULL);
    while (f.svc_calls < 1 || f.stimer)
        rw_loop_run_once(loop, 10);
    rw_poller_select(p, "svc1");
    while (f.metrics_calls < 1)
        rw_loop_run_once(loop, 10);
    rw_poller_refresh(p); /* the service list is replaced while the answer is out */
    while (f.svc_calls < 2 || f.stimer)
        rw_loop_run_once(loop, 10);
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 1, loop));
    struct model_service *s = svc(&fleet, "svc1");
    CU_ASSERT_EQUAL_FATAL(s->metrics.n, 1); /* found again by name */
    rw_poller_refresh(p); /* the user asks: the read is throttled */
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 2, loop));
    s = svc(&fleet, "svc1");
    CU_ASSERT_EQUAL(s->metrics.n, 1); /* the last good series stays */
    CU_ASSERT_EQUAL(s->metrics_fresh.failures, 1);
    CU_ASSERT_STRING_EQUAL(s->metrics_fresh.reason, "ThrottlingException (backing off 1m00s)");
    char m[160];
    rw_fresh_marker(&s->metrics_fresh, s->metrics_fresh.fetched_ms + 130000, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "stale 2m10s: ThrottlingException (backing off 1m00s)");
    rw_poller_refresh(p);
    CU_ASSERT_TRUE(metrics_calls_at_least(&f, 3, loop));
    s = svc(&fleet, "svc1");
    CU_ASSERT_EQUAL(s->metrics_fresh.failures, 0);
    CU_ASSERT_DOUBLE_EQUAL(s->metrics.p95_s[0], 0.3, 1e-9);
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_loop_free(loop);
}

void test_poller_metrics_register(void)
{
    CU_pSuite s = CU_add_suite("poller_metrics", NULL, NULL);
    CU_add_test(s, "metrics follow the selection and the window",
                test_poller_metrics_follow_selection_and_window);
    CU_add_test(s, "late answers stored by name; failures keep data and say why",
                test_poller_metrics_stored_by_name_and_failures);
}
