/* Tests for core/poller and clients/aws/ecs_provider: the poller keeps the
 * model fresh, keeps good data through failures and says why, backs off on
 * throttling, and follows the selected service's tasks; the ECS provider reads
 * the sim's bad-deploy world (services, tasks, metrics) over real HTTP into the
 * model. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs_provider.h"
#include "core/clock.h"
#include "core/poller.h"
#include "core/xmalloc.h"
#include "support/simclient.h"

/* A scripted provider: each list_services answers with the next outcome from
 * the loop (0 delay timer), so answers arrive asynchronously as real ones do. */
struct fake {
    struct rw_provider base;
    struct rw_loop *loop;
    const char *const *script;   /* "ok:N" services, or an error message */
    int calls, task_calls, cancels;
    rw_services_fn sfn;
    rw_tasks_fn tfn;
    void *ud;
    char service[32];
    uint64_t timer;
};

static void fake_answer(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct fake *f = ud;
    f->timer = 0;
    if (f->tfn) {
        rw_tasks_fn fn = f->tfn;
        f->tfn = NULL;
        struct model_task *t = xcalloc(1, sizeof *t);
        t->id = xstrdup(f->service);
        t->last_status = xstrdup("RUNNING");
        fn(f->ud, f->service, t, 1, NULL);
        return;
    }
    const char *s = f->script[f->calls - 1];
    rw_services_fn fn = f->sfn;
    if (strncmp(s, "ok:", 3) == 0) {
        int n = atoi(s + 3);
        struct model_service *svcs = xcalloc((size_t)n + 1, sizeof *svcs);
        for (int i = 0; i < n; i++) {
            char name[16];
            snprintf(name, sizeof name, "svc%d", i);
            svcs[i].name = xstrdup(name);
            svcs[i].rollout = xstrdup(i == 0 && strstr(s, "rolling") ? "IN_PROGRESS" : "COMPLETED");
        }
        fn(f->ud, "c1", svcs, (size_t)n, NULL);
    } else {
        struct rw_err e;
        rw_err_set(&e, RW_E_AWS, "%s", s);
        fn(f->ud, NULL, NULL, 0, &e);
    }
}

static struct rw_preq *fake_services(struct rw_provider *p, rw_services_fn fn, void *ud)
{
    struct fake *f = (struct fake *)p;
    f->calls++;
    f->sfn = fn;
    f->ud = ud;
    f->timer = rw_loop_timer_add(f->loop, 0, 0, fake_answer, f);
    return (struct rw_preq *)f;
}

static struct rw_preq *fake_tasks(struct rw_provider *p, const char *svc, rw_tasks_fn fn, void *ud)
{
    struct fake *f = (struct fake *)p;
    f->task_calls++;
    f->tfn = fn;
    f->ud = ud;
    snprintf(f->service, sizeof f->service, "%s", svc);
    f->timer = rw_loop_timer_add(f->loop, 0, 0, fake_answer, f);
    return (struct rw_preq *)f;
}

static void fake_cancel(struct rw_provider *p, struct rw_preq *r)
{
    (void)r;
    struct fake *f = (struct fake *)p;
    f->cancels++;
    f->tfn = NULL;
    if (f->timer)
        rw_loop_timer_cancel(f->loop, f->timer);
    f->timer = 0;
}

static void fake_free(struct rw_provider *p) { (void)p; }

static const struct rw_provider_ops fake_ops = { "fake", fake_services, fake_tasks, NULL,
                                                 fake_cancel, fake_free };

static int changes;
static void on_change(void *ud) { (void)ud; changes++; }

/* Run the loop until pred holds or ms pass. */
static void spin(struct rw_loop *loop, int (*pred)(void *), void *arg, int64_t ms)
{
    int64_t end = rw_mono_ms() + ms;
    while (!pred(arg) && rw_mono_ms() < end)
        rw_loop_run_once(loop, 20);
}

/* Run the loop until the fake has answered its nth service read. */
static void answered(struct rw_loop *loop, struct fake *f, int n)
{
    int64_t end = rw_mono_ms() + 2000;
    while (!(f->calls >= n && !f->timer) && rw_mono_ms() < end)
        rw_loop_run_once(loop, 20);
}

static void test_poller_keeps_data_and_says_why(void)
{
    static const char *const script[] = { "ok:2 rolling",
                                          "DescribeServices: ThrottlingException: Rate exceeded",
                                          "ok:3" };
    struct rw_loop *loop = rw_loop_new();
    struct fake f = { { &fake_ops }, loop, script, 0, 0, 0, NULL, NULL, NULL, "", 0 };
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    changes = 0;
    struct rw_poller *p = rw_poller_new(loop, &f.base, &fleet, on_change, NULL);
    answered(loop, &f, 1);
    CU_ASSERT_EQUAL_FATAL(fleet.nservices, 2);
    CU_ASSERT_STRING_EQUAL(fleet.scope, "c1");
    CU_ASSERT_EQUAL(rw_poller_interval(p), POLL_ROLLOUT_MS); /* a rollout is in progress */
    CU_ASSERT_EQUAL(changes, 1);
    rw_poller_refresh(p);
    answered(loop, &f, 2); /* throttled */
    CU_ASSERT_EQUAL(fleet.nservices, 2); /* the last good data stays */
    CU_ASSERT_EQUAL(fleet.fresh.failures, 1);
    CU_ASSERT_STRING_EQUAL(fleet.fresh.reason, "ThrottlingException (backing off 5s)");
    char m[160];
    rw_fresh_marker(&fleet.fresh, fleet.fresh.fetched_ms + 42000, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "stale 42s: ThrottlingException (backing off 5s)");
    rw_poller_refresh(p);
    answered(loop, &f, 3);
    CU_ASSERT_EQUAL(fleet.nservices, 3);
    CU_ASSERT_EQUAL(fleet.fresh.reason[0], '\0');
    CU_ASSERT_EQUAL(rw_poller_interval(p), POLL_SERVICES_MS);
    CU_ASSERT_EQUAL(changes, 3);
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_loop_free(loop);
}

static void test_poller_backoff_doubles(void)
{
    static const char *const script[] = { "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down",
                                          "Op: ThrottlingException: slow down" };
    struct rw_loop *loop = rw_loop_new();
    struct fake f = { { &fake_ops }, loop, script, 0, 0, 0, NULL, NULL, NULL, "", 0 };
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    struct rw_poller *p = rw_poller_new(loop, &f.base, &fleet, NULL, NULL);
    const int64_t want[] = { 5000, 10000, 20000, 40000, 60000, 60000 };
    for (int i = 0; i < 6; i++) {
        if (i)
            rw_poller_refresh(p);
        answered(loop, &f, i + 1);
        CU_ASSERT_EQUAL(rw_poller_interval(p), want[i]);
    }
    CU_ASSERT_FALSE(rw_fresh_loaded(&fleet.fresh));
    CU_ASSERT_TRUE(rw_poller_is_throttle(&(struct rw_err){ RW_E_AWS, "Op: TooManyRequestsException: x" }));
    CU_ASSERT_FALSE(rw_poller_is_throttle(&(struct rw_err){ RW_E_AWS, "Op: AccessDenied: x" }));
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_loop_free(loop);
}

static int tasks_loaded(void *arg)
{
    struct model_fleet *fl = arg;
    struct model_service *s = model_service_find(fl, "svc1");
    return s && s->ntasks == 1;
}

static void test_poller_follows_selection(void)
{
    static const char *const script[] = { "ok:2", "ok:2", "ok:2", "ok:2" };
    struct rw_loop *loop = rw_loop_new();
    struct fake f = { { &fake_ops }, loop, script, 0, 0, 0, NULL, NULL, NULL, "", 0 };
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    struct rw_poller *p = rw_poller_new(loop, &f.base, &fleet, NULL, NULL);
    answered(loop, &f, 1);
    rw_poller_select(p, "svc0");
    rw_loop_run_once(loop, 0); /* the read goes out ... */
    CU_ASSERT_EQUAL(f.task_calls, 1);
    rw_poller_select(p, "svc1"); /* ... and is cancelled by switching */
    CU_ASSERT_EQUAL(f.cancels, 1);
    spin(loop, tasks_loaded, &fleet, 2000);
    CU_ASSERT_STRING_EQUAL(model_service_find(&fleet, "svc1")->tasks[0].id, "svc1");
    CU_ASSERT_EQUAL(model_service_find(&fleet, "svc0")->ntasks, 0);
    CU_ASSERT_TRUE(rw_fresh_loaded(&model_service_find(&fleet, "svc1")->tasks_fresh));
    CU_ASSERT_FALSE(model_service_find(&fleet, "svc1")->metrics_fresh.in_flight); /* none here */
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_loop_free(loop);
}

static int sim_loaded(void *arg)
{
    struct model_fleet *fl = arg;
    struct model_service *s = model_service_find(fl, "consumer-agent");
    return s && rw_fresh_loaded(&s->tasks_fresh) && rw_fresh_loaded(&s->metrics_fresh);
}

/* The ECS provider over real HTTP against the sim's bad-deploy world. */
static void test_poller_ecs_provider_against_sim(void)
{
    struct simclient sc;
    CU_ASSERT_EQUAL_FATAL(simclient_start(&sc, "bad-deploy", 0), 0);
    struct rw_loop *loop = sc.loop;
    struct rw_provider *prov = ecs_provider_new(sc.c, NULL);
    struct model_fleet fleet;
    model_fleet_init(&fleet, "ecs", "", POLL_SERVICES_MS);
    struct rw_poller *p = rw_poller_new(loop, prov, &fleet, NULL, NULL);
    rw_poller_select(p, "consumer-agent"); /* before the services are known: still fine */
    spin(loop, sim_loaded, &fleet, 5000);
    CU_ASSERT_STRING_EQUAL(fleet.scope, "demo-fargate");
    CU_ASSERT_EQUAL(fleet.nservices, 3);
    struct model_service *s = model_service_find(&fleet, "consumer-agent");
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s->rollout, "IN_PROGRESS");
    CU_ASSERT_EQUAL(s->deployments[0].revision, 4);
    CU_ASSERT_TRUE(s->ntasks >= 5);
    int h, u, k;
    model_service_health(s, &h, &u, &k);
    CU_ASSERT_EQUAL(h, 4);
    CU_ASSERT_EQUAL(rw_poller_interval(p), POLL_ROLLOUT_MS);
    CU_ASSERT_EQUAL(s->ntarget_groups, 1); /* and its ALB's metrics came with them */
    CU_ASSERT(model_metrics_last(s->metrics.error_rate, s->metrics.n, NULL) > 0.05);
    rw_poller_free(p);
    model_fleet_free(&fleet);
    rw_provider_free(prov);
    simclient_stop(&sc);
}

void test_poller_register(void)
{
    CU_pSuite s = CU_add_suite("poller", NULL, NULL);
    CU_add_test(s, "keeps good data through failures, says why", test_poller_keeps_data_and_says_why);
    CU_add_test(s, "throttling doubles the wait up to 60 s", test_poller_backoff_doubles);
    CU_add_test(s, "follows the selected service's tasks", test_poller_follows_selection);
    CU_add_test(s, "ECS provider against the sim", test_poller_ecs_provider_against_sim);
}
