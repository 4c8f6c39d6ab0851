/* Tests for core/model and core/model_ecs: replies move in whole, tasks survive
 * a service refresh, generations move only on change, tasks sort running
 * first, and ECS replies (from the sim's bad-deploy world) convert. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/model_ecs.h"
#include "core/xmalloc.h"
#include "sim/sim_ecs.h"
#include "sim/sim_world.h"

#define T0 1795000000000LL

static int64_t fixed(void) { return T0; }

/* DescribeServices/DescribeTasks of the bad-deploy world, converted. */
static struct model_service *services_of(struct sim_world *w, size_t *n)
{
    const char *req = "{\"cluster\":\"demo-fargate\",\"services\":[\"consumer-agent\","
                      "\"rover-agent\",\"payments-api\"]}";
    struct sim_reply r;
    struct ecs_services es;
    struct rw_err err;
    sim_ecs_handle(w, "DescribeServices", req, strlen(req), &r);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(r.body, strlen(r.body), &es, &err), 0);
    free(r.body);
    struct model_service *m = xcalloc(es.nservices, sizeof *m);
    for (size_t i = 0; i < es.nservices; i++)
        m[i] = model_ecs_service(&es.services[i]);
    *n = es.nservices;
    ecs_services_free(&es);
    return m;
}

static struct model_task *tasks_of(struct sim_world *w, const char *svc, size_t *n)
{
    struct model_task *m = xcalloc(SIM_MAX_TASKS, sizeof *m);
    *n = 0;
    int si = sim_world_find_service(w, svc);
    for (int i = 0; i < w->ntasks; i++) {
        if (w->tasks[i].service != si)
            continue;
        char req[200];
        snprintf(req, sizeof req, "{\"cluster\":\"demo-fargate\",\"tasks\":[\"%s\"]}",
                 w->tasks[i].id);
        struct sim_reply r;
        struct ecs_tasks et;
        struct rw_err err;
        sim_ecs_handle(w, "DescribeTasks", req, strlen(req), &r);
        CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_tasks(r.body, strlen(r.body), &et, &err), 0);
        free(r.body);
        m[(*n)++] = model_ecs_task(&et.tasks[0]);
        ecs_tasks_free(&et);
    }
    return m;
}

static void test_model_ecs_conversion(void)
{
    struct sim_world w;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(&w, "bad-deploy", T0, 1, 1), 0);
    w.clock = fixed;
    struct model_fleet f;
    model_fleet_init(&f, "ecs", "demo-fargate", 5000);
    size_t n;
    struct model_service *s = services_of(&w, &n);
    model_fleet_set_services(&f, s, n, 1000);
    CU_ASSERT_EQUAL(f.nservices, 3);
    struct model_service *ca = model_service_find(&f, "consumer-agent");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ca);
    CU_ASSERT_STRING_EQUAL(ca->family, "consumer-agent");
    CU_ASSERT_EQUAL(ca->revision, 4);
    CU_ASSERT_STRING_EQUAL(ca->rollout, "IN_PROGRESS");
    CU_ASSERT_EQUAL_FATAL(ca->ndeployments, 2);
    CU_ASSERT_STRING_EQUAL(ca->deployments[0].status, "PRIMARY");
    CU_ASSERT_EQUAL(ca->deployments[0].revision, 4);
    CU_ASSERT_EQUAL(ca->deployments[1].revision, 3);
    CU_ASSERT_DOUBLE_EQUAL(model_service_progress(ca), 0.75, 1e-9);
    CU_ASSERT_EQUAL(ca->deployed_wall_ms, T0 - 8 * 60000);
    CU_ASSERT_TRUE(ca->nevents > 0);
    size_t nt;
    struct model_task *t = tasks_of(&w, "consumer-agent", &nt);
    model_service_set_tasks(&f, "consumer-agent", t, nt, 1000);
    ca = model_service_find(&f, "consumer-agent");
    CU_ASSERT_EQUAL(ca->ntasks, nt);
    CU_ASSERT_STRING_NOT_EQUAL(ca->tasks[0].last_status, "STOPPED");
    CU_ASSERT_STRING_EQUAL(ca->tasks[ca->ntasks - 1].last_status, "STOPPED");
    CU_ASSERT_EQUAL(ca->tasks[ca->ntasks - 1].ncontainers, 1);
    CU_ASSERT_TRUE(ca->tasks[ca->ntasks - 1].containers[0].has_exit_code);
    int h, u, k;
    model_service_health(ca, &h, &u, &k);
    CU_ASSERT_EQUAL(h, 4);
    CU_ASSERT_EQUAL(u, 1);
    model_fleet_free(&f);
    sim_world_destroy(&w);
}

static struct model_service plain(const char *name, int running)
{
    struct model_service s = { 0 };
    s.name = xstrdup(name);
    s.desired = 2;
    s.running = running;
    return s;
}

static void test_model_refresh_keeps_tasks(void)
{
    struct model_fleet f;
    model_fleet_init(&f, "ecs", "c", 5000);
    struct model_service *s = xcalloc(2, sizeof *s);
    s[0] = plain("a", 1);
    s[1] = plain("b", 2);
    model_fleet_set_services(&f, s, 2, 100);
    struct model_task *t = xcalloc(2, sizeof *t);
    t[0].id = xstrdup("old");
    t[0].last_status = xstrdup("STOPPED");
    t[0].started_wall_ms = 5;
    t[1].id = xstrdup("new");
    t[1].last_status = xstrdup("RUNNING");
    t[1].started_wall_ms = 1;
    model_service_set_tasks(&f, "a", t, 2, 200);
    CU_ASSERT_STRING_EQUAL(model_service_find(&f, "a")->tasks[0].id, "new");
    uint64_t gen_a = model_service_find(&f, "a")->gen, gen_b = model_service_find(&f, "b")->gen;
    /* a refresh: a changed, b did not, c is new; a's tasks stay */
    s = xcalloc(3, sizeof *s);
    s[0] = plain("b", 2);
    s[1] = plain("a", 2);
    s[2] = plain("c", 0);
    model_fleet_set_services(&f, s, 3, 5100);
    struct model_service *a = model_service_find(&f, "a");
    CU_ASSERT_EQUAL(a->ntasks, 2);
    CU_ASSERT_EQUAL(a->tasks_fresh.fetched_ms, 200);
    CU_ASSERT_EQUAL(a->gen, gen_a + 1);
    CU_ASSERT_EQUAL(model_service_find(&f, "b")->gen, gen_b);
    CU_ASSERT_EQUAL(f.fresh.fetched_ms, 5100);
    /* tasks for a service that went away are dropped, not leaked */
    t = xcalloc(1, sizeof *t);
    t[0].id = xstrdup("x");
    model_service_set_tasks(&f, "gone", t, 1, 6000);
    CU_ASSERT_PTR_NULL(model_service_find(&f, "gone"));
    model_fleet_free(&f);
}

void test_model_register(void)
{
    CU_pSuite s = CU_add_suite("model", NULL, NULL);
    CU_add_test(s, "ECS replies convert (bad-deploy world)", test_model_ecs_conversion);
    CU_add_test(s, "a refresh keeps tasks and moves generations", test_model_refresh_keeps_tasks);
}
