/* Tests for sim/sim_ecs_update: UpdateService scales at once and starts new
 * deployments; replies parse with ecs_parse_update_service. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"
#include "sim/sim_ecs.h"
#include "sim/sim_world.h"

#define T0 1795000000000LL

static struct sim_world world;

static int64_t fixed_clock(void) { return T0; }

static int setup(void)
{
    int rc = sim_world_init(&world, "steady", T0, 1, 1);
    world.clock = fixed_clock;
    return rc;
}
static int teardown(void) { sim_world_destroy(&world); return 0; }

/* UpdateService with body; 0 and the parsed service in *out, or the HTTP status. */
static int update(const char *body, struct ecs_service *out, char **err_body)
{
    struct sim_reply r;
    struct rw_err err;
    sim_ecs_handle(&world, "UpdateService", body, strlen(body), &r);
    int rc = r.status;
    if (r.status == 200 && ecs_parse_update_service(r.body, strlen(r.body), out, &err) == 0)
        rc = 0;
    if (err_body)
        *err_body = r.body;
    else
        free(r.body);
    return rc;
}

static int count_tasks(const char *desired_status, const char *service)
{
    char body[256];
    snprintf(body, sizeof body, "{\"cluster\":\"demo-fargate\",\"serviceName\":\"%s\","
             "\"desiredStatus\":\"%s\"}", service, desired_status);
    struct sim_reply r;
    struct ecs_arn_page p;
    struct rw_err err;
    sim_ecs_handle(&world, "ListTasks", body, strlen(body), &r);
    int n = ecs_parse_list_tasks(r.body, strlen(r.body), &p, &err) == 0 ? (int)p.narns : -1;
    ecs_arn_page_free(&p);
    free(r.body);
    return n;
}

static void test_sim_update_scale(void)
{
    struct ecs_service s;
    CU_ASSERT_EQUAL_FATAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                                 "\"desiredCount\":3}", &s, NULL), 0);
    CU_ASSERT_EQUAL(s.desired_count, 3);
    CU_ASSERT_EQUAL(s.running_count, 2); /* the new one is still PROVISIONING */
    CU_ASSERT_EQUAL(s.pending_count, 1);
    CU_ASSERT_EQUAL(s.ndeployments, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(s.events[0].message, "(service rover-agent) has started 1 tasks"));
    ecs_service_free(&s);
    CU_ASSERT_EQUAL(count_tasks("RUNNING", "rover-agent"), 3);
    CU_ASSERT_EQUAL_FATAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                                 "\"desiredCount\":0}", &s, NULL), 0);
    CU_ASSERT_EQUAL(s.running_count, 0);
    ecs_service_free(&s);
    CU_ASSERT_EQUAL(count_tasks("RUNNING", "rover-agent"), 0);
    CU_ASSERT_EQUAL(count_tasks("STOPPED", "rover-agent"), 3);
}

static void test_sim_update_force_new_deployment(void)
{
    struct ecs_service s;
    CU_ASSERT_EQUAL_FATAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"payments-api\","
                                 "\"forceNewDeployment\":true}", &s, NULL), 0);
    CU_ASSERT_EQUAL_FATAL(s.ndeployments, 2);
    const struct ecs_deployment *p = ecs_service_primary_deployment(&s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->rollout_state, "IN_PROGRESS");
    CU_ASSERT_EQUAL(p->desired_count, 3);
    CU_ASSERT_EQUAL(p->running_count, 0);
    CU_ASSERT_STRING_EQUAL(s.deployments[1].status, "ACTIVE");
    CU_ASSERT_EQUAL(s.deployments[1].running_count, 3);
    CU_ASSERT_STRING_NOT_EQUAL(p->id, s.deployments[1].id);
    ecs_service_free(&s);
    /* back to revision 1: another deployment, on that revision */
    CU_ASSERT_EQUAL_FATAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"payments-api\","
                                 "\"taskDefinition\":\"payments-api:1\"}", &s, NULL), 0);
    /* the forced deployment's tasks, never healthy, are stopped first and it goes */
    CU_ASSERT_EQUAL_FATAL(s.ndeployments, 2);
    CU_ASSERT_EQUAL(s.deployments[1].running_count, 3);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(s.task_definition), 1);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(ecs_service_primary_deployment(&s)
                                                     ->task_definition), 1);
    ecs_service_free(&s);
}

static void test_sim_update_errors(void)
{
    struct ecs_service s;
    char *b;
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"ghost\"}", &s, &b), 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "ServiceNotFoundException"));
    free(b);
    CU_ASSERT_EQUAL(update("{\"service\":\"rover-agent\"}", &s, &b), 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "ClusterNotFoundException"));
    free(b);
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                           "\"desiredCount\":-1}", &s, NULL), 400);
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                           "\"desiredCount\":1.5}", &s, NULL), 400);
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                           "\"taskDefinition\":\"payments-api:1\"}", &s, NULL), 400);
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"rover-agent\","
                           "\"taskDefinition\":\"rover-agent:7\"}", &s, NULL), 400);
    CU_ASSERT_EQUAL(update("{\"cluster\":\"demo-fargate\",\"service\":\"consumer-agent\","
                           "\"forceNewDeployment\":\"yes\",\"desiredCount\":5}", &s, NULL), 400);
    /* a rejected update changed nothing */
    CU_ASSERT_EQUAL(count_tasks("RUNNING", "consumer-agent"), 4);
}

void test_sim_update_register(void)
{
    CU_pSuite s = CU_add_suite("sim_update", setup, teardown);
    CU_add_test(s, "desiredCount starts and stops tasks", test_sim_update_scale);
    CU_add_test(s, "forceNewDeployment and a new revision", test_sim_update_force_new_deployment);
    CU_add_test(s, "bad updates change nothing", test_sim_update_errors);
}
