/* Tests for sim/sim_sched and sim/sim_scenario: the fake cloud's scheduler
 * moves tasks through their lifecycle, rolls deployments out under
 * maximumPercent, trips the circuit breaker, and each scenario stands where it
 * should when the sim starts. Time is a fake clock moved by the tests. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"
#include "sim/sim_ecs.h"
#include "sim/sim_world.h"

#define T0 1795000000000LL

static int64_t now_ms;
static int64_t fake_clock(void) { return now_ms; }

static void start(struct sim_world *w, const char *scenario, uint64_t seed, double speed)
{
    now_ms = T0;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(w, scenario, T0, seed, speed), 0);
    w->clock = fake_clock;
}

/* Move the fake clock (and the world) to T0 + ms. */
static void at(struct sim_world *w, int64_t ms)
{
    now_ms = T0 + ms;
    sim_world_advance(w, now_ms);
}

/* How many of service name's tasks are in lastStatus st (NULL: any live) now. */
static int tasks_in(const struct sim_world *w, const char *name, const char *st)
{
    int si = sim_world_find_service(w, name), n = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const char *ls = sim_task_last_status(&w->tasks[i], w->now_ms);
        if (w->tasks[i].service == si && ls &&
            (st ? strcmp(ls, st) == 0 : strcmp(ls, "STOPPED") != 0))
            n++;
    }
    return n;
}

/* How many of name's tasks on a bad revision, and in all, get traffic now. */
static void serving(const struct sim_world *w, const char *name, int *bad, int *all)
{
    int si = sim_world_find_service(w, name);
    *bad = *all = 0;
    for (int i = 0; i < w->ntasks; i++)
        if (w->tasks[i].service == si && sim_task_serving(&w->tasks[i], w->now_ms)) {
            (*all)++;
            *bad += sim_world_task_td(w, i)->bad;
        }
}

static const struct sim_service *svc(const struct sim_world *w, const char *name)
{
    return &w->services[sim_world_find_service(w, name)];
}

static int has_event(const struct sim_service *s, const char *text)
{
    for (int i = 0; i < s->nevents; i++)
        if (strstr(s->events[i].message, text))
            return 1;
    return 0;
}

static void test_sched_steady(void)
{
    struct sim_world w;
    start(&w, "steady", 1, 1);
    const int want[] = { 4, 2, 3 };
    for (int si = 0; si < 3; si++) {
        const struct sim_service *s = &w.services[si];
        CU_ASSERT_EQUAL(s->ndeployments, 1);
        CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "COMPLETED");
        CU_ASSERT_EQUAL(tasks_in(&w, s->name, "RUNNING"), want[si]);
        int bad, all;
        serving(&w, s->name, &bad, &all);
        CU_ASSERT_EQUAL(all, want[si]);
        CU_ASSERT_EQUAL(bad, 0);
        CU_ASSERT_STRING_EQUAL(s->history[0].sd_status, "SUCCESSFUL");
        CU_ASSERT_EQUAL(s->history[0].td_revision, s->td_revision);
        CU_ASSERT_EQUAL(s->history[1].td_revision, s->td_revision - 1);
    }
    CU_ASSERT_EQUAL(svc(&w, "consumer-agent")->nhistory, 3);
    /* nothing happens in a steady hour */
    at(&w, 3600 * 1000);
    CU_ASSERT_EQUAL(tasks_in(&w, "consumer-agent", NULL), 4);
    sim_world_destroy(&w);
}

static void test_sched_scale_lifecycle(void)
{
    struct sim_world w;
    start(&w, "steady", 1, 1);
    int si = sim_world_find_service(&w, "rover-agent");
    CU_ASSERT_EQUAL(sim_world_scale(&w, si, 3, T0), 0);
    const struct sim_task *t = &w.tasks[w.ntasks - 1];
    CU_ASSERT_STRING_EQUAL(sim_task_last_status(t, T0), "PROVISIONING");
    CU_ASSERT_STRING_EQUAL(sim_task_last_status(t, T0 + 5000), "PENDING");
    CU_ASSERT_STRING_EQUAL(sim_task_last_status(t, T0 + 20000), "RUNNING");
    CU_ASSERT_STRING_EQUAL(sim_task_health(t, T0 + 20000), "UNKNOWN");
    CU_ASSERT_STRING_EQUAL(sim_task_health(t, T0 + 20000 + t->boot_ms + 30000), "HEALTHY");
    CU_ASSERT_TRUE(has_event(svc(&w, "rover-agent"), "has started 1 tasks"));
    CU_ASSERT_STRING_EQUAL(svc(&w, "rover-agent")->deployments[0].rollout_state, "COMPLETED");
    at(&w, 60000);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", "RUNNING"), 3);
    CU_ASSERT_EQUAL(sim_world_scale(&w, si, 0, now_ms), 0);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", "DEACTIVATING"), 3);
    at(&w, 60000 + 30000);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", NULL), 0);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", "STOPPED"), 3);
    for (int i = 0; i < w.ntasks; i++)
        if (w.tasks[i].service == si)
            CU_ASSERT_EQUAL(w.tasks[i].exit_code, 0);
    sim_world_destroy(&w);
}

static void test_sched_rolling_update(void)
{
    struct sim_world w;
    start(&w, "steady", 1, 1);
    int si = sim_world_find_service(&w, "payments-api");
    sim_world_deploy(&w, si, 2, T0); /* forceNewDeployment: maximumPercent 200 */
    const struct sim_service *s = &w.services[si];
    CU_ASSERT_EQUAL(s->ndeployments, 2);
    CU_ASSERT_EQUAL(tasks_in(&w, "payments-api", "PROVISIONING"), 3);
    CU_ASSERT_STRING_EQUAL(s->history[0].sd_status, "IN_PROGRESS");
    at(&w, 40000); /* new ones RUNNING, not yet healthy: old ones keep serving */
    int bad, all;
    serving(&w, "payments-api", &bad, &all);
    CU_ASSERT_EQUAL(all, 3);
    CU_ASSERT_EQUAL(tasks_in(&w, "payments-api", "RUNNING"), 6);
    at(&w, 120000);
    CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "COMPLETED");
    CU_ASSERT_EQUAL(s->ndeployments, 1);
    CU_ASSERT_STRING_EQUAL(s->history[0].sd_status, "SUCCESSFUL");
    CU_ASSERT_TRUE(has_event(s, "has reached a steady state."));
    CU_ASSERT_TRUE(has_event(s, "registered 1 targets in (target-group arn:aws:elasticloadbalancing"));
    CU_ASSERT_TRUE(has_event(s, "deregistered 1 targets"));
    at(&w, 200000);
    CU_ASSERT_EQUAL(tasks_in(&w, "payments-api", NULL), 3);
    sim_world_destroy(&w);
}

static void test_sched_bad_deploy(void)
{
    struct sim_world w;
    start(&w, "bad-deploy", 1, 1);
    const struct sim_service *s = svc(&w, "consumer-agent");
    CU_ASSERT_EQUAL_FATAL(s->ndeployments, 2);
    CU_ASSERT_EQUAL(s->deployments[0].td_revision, 4);
    CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "IN_PROGRESS");
    CU_ASSERT_EQUAL(s->deployments[1].td_revision, 3);
    CU_ASSERT_EQUAL(s->deployments[0].created_ms, T0 - 8 * 60000);
    int bad, all;
    serving(&w, "consumer-agent", &bad, &all);
    CU_ASSERT_EQUAL(bad, 2); /* half the traffic on the bad revision when the sim starts */
    CU_ASSERT_EQUAL(all, 4);
    at(&w, 60000); /* the rollout moves on by itself */
    CU_ASSERT_EQUAL(s->deployments[0].td_revision, 4);
    serving(&w, "consumer-agent", &bad, &all);
    CU_ASSERT_EQUAL(bad, 3);
    /* the on-call engineer rolls back to :3 */
    sim_world_deploy(&w, sim_world_find_service(&w, "consumer-agent"), 3, now_ms);
    int64_t t = 60000;
    while (strcmp(s->deployments[0].rollout_state, "COMPLETED") != 0 && t < 15 * 60000)
        at(&w, t += 1000);
    CU_ASSERT_TRUE(t < 60000 + 5 * 60000);
    serving(&w, "consumer-agent", &bad, &all);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(all, 4);
    CU_ASSERT_EQUAL(s->deployments[0].td_revision, 3);
    sim_world_destroy(&w);
}

static void test_sched_bad_deploy_completes_alone(void)
{
    struct sim_world w;
    start(&w, "bad-deploy", 1, 1);
    const struct sim_service *s = svc(&w, "consumer-agent");
    at(&w, 2 * 60000);
    CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "IN_PROGRESS");
    at(&w, 6 * 60000);
    CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "COMPLETED");
    int bad, all;
    serving(&w, "consumer-agent", &bad, &all);
    CU_ASSERT_EQUAL(bad, 4);
    sim_world_destroy(&w);
}

static void test_sched_slow_boot_circuit_breaker(void)
{
    struct sim_world w;
    start(&w, "slow-boot", 3, 1);
    const struct sim_service *s = svc(&w, "consumer-agent");
    CU_ASSERT_EQUAL(s->deployments[0].td_revision, 4);
    int64_t t = 0;
    while (strcmp(s->deployments[0].rollout_state, "IN_PROGRESS") == 0 &&
           s->deployments[0].td_revision == 4 && t < 20 * 60000)
        at(&w, t += 1000);
    /* the breaker fired: a rollback deployment of :3 is PRIMARY, the failed one drains */
    CU_ASSERT_EQUAL_FATAL(s->deployments[0].td_revision, 3);
    CU_ASSERT_STRING_EQUAL(s->deployments[1].rollout_state, "FAILED");
    CU_ASSERT_EQUAL(s->deployments[1].failed_tasks, 3);
    CU_ASSERT_TRUE(has_event(s, "deployment failed: tasks failed to start."));
    CU_ASSERT_TRUE(has_event(s, "rolling back to deployment"));
    CU_ASSERT_STRING_EQUAL(s->history[0].sd_status, "ROLLBACK_IN_PROGRESS");
    CU_ASSERT_EQUAL(s->history[0].td_revision, 4);
    int failed = 0, warned = 0;
    for (int i = 0; i < w.ntasks; i++) {
        const struct sim_task *k = &w.tasks[i];
        if (k->td_revision != 4 || k->service != 0)
            continue;
        if (k->boot_fails) {
            failed++;
            CU_ASSERT_EQUAL(k->exit_code, 1);
            CU_ASSERT_STRING_EQUAL(k->stop_code, "EssentialContainerExited");
            CU_ASSERT_TRUE(k->boot_ms > SIM_BOOT_HARD_LIMIT_MS);
        } else {
            warned += k->boot_ms > SIM_BOOT_BUDGET_MS;
        }
    }
    CU_ASSERT_EQUAL(failed, 3);
    CU_ASSERT_TRUE(warned >= 1);
    at(&w, t + 6 * 60000);
    CU_ASSERT_STRING_EQUAL(s->deployments[0].rollout_state, "COMPLETED");
    CU_ASSERT_STRING_EQUAL(s->history[0].sd_status, "ROLLBACK_SUCCESSFUL");
    CU_ASSERT_EQUAL(s->ndeployments, 1);
    sim_world_destroy(&w);
}

static void test_sched_speed_and_seed(void)
{
    struct sim_world a, b;
    start(&a, "bad-deploy", 5, 1);
    start(&b, "bad-deploy", 5, 10);
    int bad_a, all_a, bad_b, all_b;
    serving(&a, "consumer-agent", &bad_a, &all_a);
    serving(&b, "consumer-agent", &bad_b, &all_b);
    CU_ASSERT_EQUAL(bad_a, bad_b); /* the same state at start, whatever the speed */
    CU_ASSERT_EQUAL(all_a, all_b);
    CU_ASSERT_EQUAL(b.services[0].deployments[0].created_ms, T0 - 48000);
    at(&b, 30000); /* ten times faster: done in a tenth of the time */
    CU_ASSERT_STRING_EQUAL(b.services[0].deployments[0].rollout_state, "COMPLETED");
    sim_world_destroy(&b);
    start(&b, "bad-deploy", 5, 1);
    CU_ASSERT_EQUAL_FATAL(a.ntasks, b.ntasks);
    for (int i = 0; i < a.ntasks; i++)
        CU_ASSERT_EQUAL(a.tasks[i].boot_ms, b.tasks[i].boot_ms);
    sim_world_destroy(&b);
    start(&b, "bad-deploy", 6, 1);
    int differ = 0;
    for (int i = 0; i < a.ntasks && i < b.ntasks; i++)
        differ += a.tasks[i].boot_ms != b.tasks[i].boot_ms;
    CU_ASSERT_TRUE(differ > 0);
    sim_world_destroy(&a);
    sim_world_destroy(&b);
}

/* Call op with body on w; the reply body (caller frees), status in *st. */
static char *call(struct sim_world *w, const char *op, const char *body, int *st)
{
    struct sim_reply r;
    sim_ecs_handle(w, op, body, strlen(body), &r);
    *st = r.status;
    return r.body;
}

static void test_sched_stop_task(void)
{
    struct sim_world w;
    start(&w, "steady", 1, 1);
    int si = sim_world_find_service(&w, "rover-agent"), ti = -1;
    for (int i = 0; i < w.ntasks && ti < 0; i++)
        if (w.tasks[i].service == si)
            ti = i;
    char body[256], id[40];
    snprintf(id, sizeof id, "%s", w.tasks[ti].id);
    snprintf(body, sizeof body, "{\"cluster\":\"demo-fargate\",\"task\":\"%s\","
             "\"reason\":\"rollwatch: stuck\"}", id);
    int st;
    char *b = call(&w, "StopTask", body, &st);
    struct ecs_task t;
    struct rw_err err;
    CU_ASSERT_EQUAL(st, 200);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_stop_task(b, strlen(b), &t, &err), 0);
    CU_ASSERT_STRING_EQUAL(t.desired_status, "STOPPED");
    CU_ASSERT_STRING_EQUAL(t.stopped_reason, "rollwatch: stuck");
    CU_ASSERT_STRING_EQUAL(t.stop_code, "UserInitiated");
    ecs_task_free(&t);
    free(b);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", "PROVISIONING"), 1); /* replaced at once */
    at(&w, 40000);
    CU_ASSERT_EQUAL(tasks_in(&w, "rover-agent", "RUNNING"), 2);
    CU_ASSERT_STRING_EQUAL(sim_task_last_status(&w.tasks[sim_world_find_task(&w, id)],
                                                now_ms), "STOPPED");
    b = call(&w, "StopTask", "{\"cluster\":\"demo-fargate\",\"task\":\"0000\"}", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "InvalidParameterException"));
    free(b);
    sim_world_destroy(&w);
}

static void test_sched_deployment_history(void)
{
    struct sim_world w;
    start(&w, "bad-deploy", 1, 1);
    int st;
    struct rw_err err;
    char *b = call(&w, "ListServiceDeployments",
                   "{\"cluster\":\"demo-fargate\",\"service\":\"consumer-agent\"}", &st);
    struct ecs_service_deployments d;
    CU_ASSERT_EQUAL(st, 200);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_service_deployments(b, strlen(b), &d, &err), 0);
    free(b);
    CU_ASSERT_EQUAL_FATAL(d.ndeployments, 4);
    CU_ASSERT_STRING_EQUAL(d.deployments[0].status, "IN_PROGRESS");
    CU_ASSERT_STRING_EQUAL(d.deployments[1].status, "SUCCESSFUL");
    char req[700];
    snprintf(req, sizeof req, "{\"serviceDeploymentArns\":[\"%s\",\"arn:nope\"]}",
             d.deployments[0].service_deployment_arn);
    b = call(&w, "DescribeServiceDeployments", req, &st);
    struct ecs_service_deployments full;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_service_deployments(b, strlen(b), &full, &err), 0);
    free(b);
    CU_ASSERT_EQUAL_FATAL(full.ndeployments, 1);
    CU_ASSERT_EQUAL(full.nfailures, 1);
    CU_ASSERT_EQUAL(full.deployments[0].nsources, 1);
    snprintf(req, sizeof req, "{\"serviceRevisionArns\":[\"%s\",\"%s\"]}",
             full.deployments[0].target.arn, full.deployments[0].sources[0].arn);
    b = call(&w, "DescribeServiceRevisions", req, &st);
    struct ecs_service_revisions revs;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_service_revisions(b, strlen(b), &revs, &err), 0);
    free(b);
    CU_ASSERT_EQUAL_FATAL(revs.nrevisions, 2);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(revs.revisions[0].task_definition), 4);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(revs.revisions[1].task_definition), 3);
    ecs_service_revisions_free(&revs);
    ecs_service_deployments_free(&full);
    ecs_service_deployments_free(&d);
    b = call(&w, "ListServiceDeployments", "{\"cluster\":\"demo-fargate\",\"service\":"
             "\"consumer-agent\",\"status\":[\"SUCCESSFUL\"],\"maxResults\":2}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_service_deployments(b, strlen(b), &d, &err), 0);
    free(b);
    CU_ASSERT_EQUAL(d.ndeployments, 2);
    CU_ASSERT_PTR_NOT_NULL(d.next_token);
    ecs_service_deployments_free(&d);
    sim_world_destroy(&w);
}

void test_sim_sched_register(void)
{
    CU_pSuite s = CU_add_suite("sim_sched", NULL, NULL);
    CU_add_test(s, "steady: all COMPLETED and quiet", test_sched_steady);
    CU_add_test(s, "scale: task lifecycle and draining", test_sched_scale_lifecycle);
    CU_add_test(s, "rolling update under maximumPercent", test_sched_rolling_update);
    CU_add_test(s, "bad-deploy mid-rollout, then rolled back", test_sched_bad_deploy);
    CU_add_test(s, "bad-deploy completes if left alone", test_sched_bad_deploy_completes_alone);
    CU_add_test(s, "slow-boot trips the circuit breaker", test_sched_slow_boot_circuit_breaker);
    CU_add_test(s, "speed compresses phases, seed fixes them", test_sched_speed_and_seed);
    CU_add_test(s, "StopTask stops and replaces", test_sched_stop_task);
    CU_add_test(s, "deployment history", test_sched_deployment_history);
}
