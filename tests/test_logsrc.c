/* Tests for core/logsrc: the sim's task definitions (awslogs for
 * consumer-agent; FireLens for payments-api's app, awslogs for its log
 * router) map to the stream names the sim writes, and back to task ids;
 * other containers' streams are refused. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "core/logsrc.h"
#include "sim/sim_ecs.h"
#include "sim/sim_world.h"

static int td_of(struct sim_world *w, const char *family, struct ecs_task_definition *td)
{
    char body[128];
    snprintf(body, sizeof body, "{\"taskDefinition\":\"%s\"}", family);
    struct sim_reply r;
    struct rw_err err;
    sim_ecs_handle(w, "DescribeTaskDefinition", body, strlen(body), &r);
    int rc = ecs_parse_describe_task_definition(r.body, strlen(r.body), td, &err);
    free(r.body);
    return rc;
}

static void test_logsrc_sim_task_definitions(void)
{
    struct sim_world w;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(&w, "steady", 1795000000000LL, 1, 1), 0);
    struct ecs_task_definition ca, pa;
    CU_ASSERT_EQUAL_FATAL(td_of(&w, "consumer-agent", &ca), 0);
    CU_ASSERT_EQUAL_FATAL(td_of(&w, "payments-api", &pa), 0);
    struct logsrc s;
    struct rw_err err;
    char buf[600];
    CU_ASSERT_EQUAL(logsrc_for(ecs_app_container(&ca, NULL), &s, &err), 0);
    CU_ASSERT_EQUAL(s.kind, LOGSRC_AWSLOGS);
    CU_ASSERT_STRING_EQUAL(s.group, "/ecs/consumer-agent");
    logsrc_stream(&s, "5a17c0d8", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "ecs/consumer-agent/5a17c0d8");
    CU_ASSERT_EQUAL(logsrc_task(&s, "ecs/consumer-agent/abc123", buf, sizeof buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "abc123");
    CU_ASSERT_EQUAL(logsrc_task(&s, "ecs/rover-agent/abc123", buf, sizeof buf), -1);
    /* payments-api: the app container logs through FireLens, the router through awslogs */
    const struct ecs_container_def *app = ecs_app_container(&pa, NULL);
    CU_ASSERT_STRING_EQUAL(app->name, "payments-api");
    CU_ASSERT_EQUAL(logsrc_for(app, &s, &err), 0);
    CU_ASSERT_EQUAL(s.kind, LOGSRC_FIRELENS);
    CU_ASSERT_STRING_EQUAL(s.group, "/ecs/payments-api");
    CU_ASSERT_STRING_EQUAL(s.prefix, "firelens/");
    logsrc_stream(&s, "77aa", buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "firelens/payments-api-firelens-77aa");
    CU_ASSERT_EQUAL(logsrc_task(&s, "firelens/payments-api-firelens-77aa", buf, sizeof buf), 0);
    CU_ASSERT_STRING_EQUAL(buf, "77aa");
    int app_i = (int)(app - pa.containers), next = logsrc_next_container(&pa, app_i);
    CU_ASSERT_NOT_EQUAL(next, app_i);
    CU_ASSERT_EQUAL(logsrc_for(&pa.containers[next], &s, &err), 0);
    CU_ASSERT_STRING_EQUAL(s.container, "log_router");
    CU_ASSERT_EQUAL(s.kind, LOGSRC_AWSLOGS);
    CU_ASSERT_EQUAL(logsrc_task(&s, "firelens/payments-api-firelens-77aa", buf, sizeof buf), -1);
    CU_ASSERT_EQUAL(logsrc_next_container(&pa, next), app_i); /* the cycle wraps */
    ecs_task_definition_free(&ca);
    ecs_task_definition_free(&pa);
    sim_world_destroy(&w);
}

static void test_logsrc_refusals(void)
{
    struct ecs_kv opts[] = { { "Name", "datadog" } };
    struct ecs_container_def cd = { 0 };
    cd.name = "app";
    cd.log_driver = "awsfirelens";
    cd.log_options = opts;
    cd.nlog_options = 1;
    struct logsrc s;
    struct rw_err err;
    CU_ASSERT_EQUAL(logsrc_for(&cd, &s, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not to CloudWatch Logs"));
    cd.log_driver = "json-file";
    CU_ASSERT_EQUAL(logsrc_for(&cd, &s, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "json-file"));
    struct ecs_kv aw[] = { { "awslogs-group", "/ecs/x" } };
    cd.log_driver = "awslogs";
    cd.log_options = aw;
    CU_ASSERT_EQUAL(logsrc_for(&cd, &s, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "stream prefix"));
}

void test_logsrc_register(void)
{
    CU_pSuite s = CU_add_suite("logsrc", NULL, NULL);
    CU_add_test(s, "the sim's awslogs and FireLens containers", test_logsrc_sim_task_definitions);
    CU_add_test(s, "what cannot be followed says why", test_logsrc_refusals);
}
