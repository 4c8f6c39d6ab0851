/* Tests for clients/aws/ecs request bodies, API limits and ARN helpers (the
 * parsers are in test_ecs.c). */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"

#define ARN "arn:aws:ecs:us-east-1:123456789012:"

static cJSON *as_json(char *body)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(body);
    cJSON *j = cJSON_Parse(body);
    free(body);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    return j;
}

/* body equals want exactly (frees body). */
static void expect_body(char *body, const char *want)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(body);
    if (strcmp(body, want) != 0)
        fprintf(stderr, "\ngot  %s\nwant %s\n", body, want);
    CU_ASSERT_STRING_EQUAL(body, want);
    free(body);
}

static void test_ecs_update_service_body_leaves_out_absent_desired_count(void)
{
    struct rw_err err;
    cJSON *j = as_json(ecs_build_update_service("stage-fargate", "consumer-agent", NULL,
                                                ECS_DESIRED_COUNT_UNCHANGED, true, &err));
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "cluster")->valuestring, "stage-fargate");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "service")->valuestring, "consumer-agent");
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(j, "desiredCount"));
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(j, "taskDefinition"));
    CU_ASSERT(cJSON_IsTrue(cJSON_GetObjectItem(j, "forceNewDeployment")));
    cJSON_Delete(j);
    /* zero is a count like any other: scale to zero */
    expect_body(ecs_build_update_service(NULL, "consumer-agent", "consumer-agent:41", 0, false,
                                         &err),
                "{\"service\":\"consumer-agent\",\"taskDefinition\":\"consumer-agent:41\","
                "\"desiredCount\":0,\"forceNewDeployment\":false}");
    CU_ASSERT_PTR_NULL(ecs_build_update_service("c", "s", NULL, -2, false, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NULL(ecs_build_update_service("c", "", NULL, 1, false, &err));
}

static void test_ecs_builders_escape_quotes_and_control_characters(void)
{
    const char *nasty = "svc\"with\\quote\n\x01\x1b[31m";
    struct rw_err err;
    char *body = ecs_build_stop_task("clu\"ster", ARN "task/c/0f3a", nasty, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(body);
    CU_ASSERT_PTR_NULL(strchr(body, '\n'));
    CU_ASSERT_PTR_NULL(strchr(body, '\x1b'));
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "\\u001b"));
    cJSON *j = as_json(body);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "reason")->valuestring, nasty);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "cluster")->valuestring, "clu\"ster");
    cJSON_Delete(j);
}

static void test_ecs_builders_check_api_limits(void)
{
    const char *many[101], *holes[] = {"a", NULL};
    enum ecs_sd_status bad = ECS_SD_UNKNOWN;
    struct rw_err err;
    for (int i = 0; i < 101; i++)
        many[i] = "consumer-agent";
    CU_ASSERT_PTR_NULL(ecs_build_describe_services("c", many, 11, false, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "DescribeServices: 11 services given"));
    CU_ASSERT_PTR_NULL(ecs_build_describe_services("c", many, 0, false, &err));
    CU_ASSERT_PTR_NULL(ecs_build_describe_tasks("c", many, 101, &err));
    CU_ASSERT_PTR_NULL(ecs_build_describe_service_deployments(many, 21, &err));
    CU_ASSERT_PTR_NULL(ecs_build_list_services("c", NULL, 101, &err));
    CU_ASSERT_PTR_NULL(ecs_build_list_service_deployments("c", NULL, NULL, 0, NULL, 0, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "service is required"));
    CU_ASSERT_PTR_NULL(ecs_build_describe_tasks("c", holes, 2, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "tasks[1] is empty"));
    CU_ASSERT_PTR_NULL(ecs_build_describe_task_definition(NULL, false, &err));
    CU_ASSERT_PTR_NULL(ecs_build_stop_task("c", "", "r", &err));
    CU_ASSERT_PTR_NULL(ecs_build_list_service_deployments("c", "s", &bad, 1, NULL, 0, &err));
    free(ecs_build_describe_tasks("c", many, 100, &err)); /* the limit itself is fine */
}

static void test_ecs_builds_list_and_describe_bodies(void)
{
    const char *svcs[] = {"consumer-agent", "rover-agent"};
    const enum ecs_sd_status st[] = {ECS_SD_IN_PROGRESS, ECS_SD_ROLLBACK_IN_PROGRESS};
    struct rw_err err;
    expect_body(ecs_build_describe_services("stage-fargate", svcs, 2, true, &err),
                "{\"cluster\":\"stage-fargate\",\"services\":[\"consumer-agent\","
                "\"rover-agent\"],\"include\":[\"TAGS\"]}");
    expect_body(ecs_build_list_task_definitions("consumer-agent", ECS_TD_ACTIVE, true, NULL, 5,
                                                &err),
                "{\"familyPrefix\":\"consumer-agent\",\"status\":\"ACTIVE\",\"sort\":\"DESC\","
                "\"maxResults\":5}");
    expect_body(ecs_build_list_service_deployments("stage-fargate", "consumer-agent", st, 2,
                                                   "tok", 0, &err),
                "{\"service\":\"consumer-agent\",\"cluster\":\"stage-fargate\",\"status\":"
                "[\"IN_PROGRESS\",\"ROLLBACK_IN_PROGRESS\"],\"nextToken\":\"tok\"}");
    expect_body(ecs_build_list_tasks("c", NULL, ECS_DESIRED_STOPPED, NULL, 100, &err),
                "{\"cluster\":\"c\",\"desiredStatus\":\"STOPPED\",\"maxResults\":100}");
    expect_body(ecs_build_list_clusters(NULL, 0, &err), "{}");
    expect_body(ecs_build_describe_clusters(svcs, 1, &err), "{\"clusters\":[\"consumer-agent\"]}");
    expect_body(ecs_build_list_services("c", "t", 10, &err),
                "{\"cluster\":\"c\",\"nextToken\":\"t\",\"maxResults\":10}");
    expect_body(ecs_build_describe_tasks(NULL, svcs, 1, &err), "{\"tasks\":[\"consumer-agent\"]}");
    expect_body(ecs_build_describe_task_definition("consumer-agent:41", false, &err),
                "{\"taskDefinition\":\"consumer-agent:41\"}");
    expect_body(ecs_build_describe_service_deployments(svcs, 1, &err),
                "{\"serviceDeploymentArns\":[\"consumer-agent\"]}");
    expect_body(ecs_build_describe_service_revisions(svcs, 1, &err),
                "{\"serviceRevisionArns\":[\"consumer-agent\"]}");
}

static void test_ecs_arn_helpers_and_operation_names(void)
{
    const char *td = ARN "task-definition/consumer-agent:42";
    CU_ASSERT_STRING_EQUAL(ecs_task_id(ARN "task/stage-fargate/0f3a9b7c2d1e"), "0f3a9b7c2d1e");
    CU_ASSERT_STRING_EQUAL(ecs_task_id("0f3a9b7c2d1e"), "0f3a9b7c2d1e");
    CU_ASSERT_PTR_NULL(ecs_task_id(NULL));
    CU_ASSERT_STRING_EQUAL(ecs_task_definition_ref(td), "consumer-agent:42");
    CU_ASSERT_EQUAL(ecs_task_definition_revision(td), 42);
    CU_ASSERT_EQUAL(ecs_task_definition_revision("consumer-agent"), -1);
    CU_ASSERT_EQUAL(ecs_task_definition_revision("consumer-agent:"), -1);
    CU_ASSERT_EQUAL(ecs_task_definition_revision("a:99999999999"), -1);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(NULL), -1);
    char *fam = ecs_task_definition_family(td);
    CU_ASSERT_STRING_EQUAL(fam, "consumer-agent");
    free(fam);
    fam = ecs_task_definition_family("web");
    CU_ASSERT_STRING_EQUAL(fam, "web");
    free(fam);
    CU_ASSERT_STRING_EQUAL(ecs_arn_name(ARN "service/stage-fargate/consumer-agent"),
                           "consumer-agent");
    CU_ASSERT_STRING_EQUAL(ecs_op_target(ECS_OP_DESCRIBE_SERVICES),
                           "AmazonEC2ContainerServiceV20141113.DescribeServices");
    CU_ASSERT_STRING_EQUAL(ecs_op_name(ECS_OP_LIST_SERVICE_DEPLOYMENTS), "ListServiceDeployments");
    CU_ASSERT_PTR_NULL(ecs_op_name(ECS_OP_COUNT));
    CU_ASSERT(ecs_op_is_mutating(ECS_OP_UPDATE_SERVICE) && ecs_op_is_mutating(ECS_OP_STOP_TASK));
    CU_ASSERT_FALSE(ecs_op_is_mutating(ECS_OP_DESCRIBE_TASKS));
    for (enum ecs_sd_status s = ECS_SD_PENDING; s <= ECS_SD_ROLLBACK_FAILED; s++)
        CU_ASSERT_EQUAL(ecs_sd_status_parse(ecs_sd_status_name(s)), s);
    CU_ASSERT_PTR_NULL(ecs_sd_status_name(ECS_SD_UNKNOWN));
    CU_ASSERT_EQUAL(ecs_sd_status_parse("BOGUS"), ECS_SD_UNKNOWN);
    CU_ASSERT_EQUAL(ecs_rollout_parse("FAILED"), ECS_ROLLOUT_FAILED);
}

void test_ecs_build_register(void)
{
    CU_pSuite s = CU_add_suite("ecs_build", NULL, NULL);
#define T(fn) CU_add_test(s, #fn, fn)
    T(test_ecs_update_service_body_leaves_out_absent_desired_count);
    T(test_ecs_builders_escape_quotes_and_control_characters);
    T(test_ecs_builders_check_api_limits);
    T(test_ecs_builds_list_and_describe_bodies);
    T(test_ecs_arn_helpers_and_operation_names);
#undef T
}
