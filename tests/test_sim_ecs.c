/* Tests for sim/sim_ecs and sim/sim_world: every reply of the fake ECS parses
 * with clients/aws/ecs.h and says what the default world holds. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"
#include "sim/sim_ecs.h"
#include "sim/sim_world.h"

#define NOW_MS 1795000000000LL
#define BASE_MS (NOW_MS - 3600 * 1000LL) /* the fleet as it stood an hour earlier */

static struct sim_world world;

static int64_t fixed_clock(void) { return NOW_MS; }

static int setup(void)
{
    int rc = sim_world_init(&world, "steady", NOW_MS, 7, 1);
    world.clock = fixed_clock;
    return rc;
}
static int teardown(void) { sim_world_destroy(&world); return 0; }

/* Call op with body; the reply body (caller frees) and its status in *status. */
static char *call(const char *op, const char *body, int *status)
{
    struct sim_reply r;
    sim_ecs_handle(&world, op, body, strlen(body), &r);
    *status = r.status;
    return r.body;
}

static void test_sim_ecs_world(void)
{
    struct sim_world w;
    CU_ASSERT_EQUAL(sim_world_init(&w, "no-such", NOW_MS, 1, 1), -1);
    CU_ASSERT_EQUAL(world.nservices, 3);
    CU_ASSERT_EQUAL(sim_world_find_service(&world, "payments-api"), 2);
    CU_ASSERT_EQUAL(sim_world_find_service(&world, "arn:aws:ecs:us-east-1:123456789012:"
                                                   "service/demo-fargate/rover-agent"), 1);
    CU_ASSERT_EQUAL(sim_world_find_service(&world, "nope"), -1);
    CU_ASSERT_TRUE(sim_world_is_cluster(&world, "demo-fargate"));
    CU_ASSERT_FALSE(sim_world_is_cluster(&world, NULL));
    CU_ASSERT_PTR_NOT_NULL(sim_world_find_td(&world, "consumer-agent", 1));
    CU_ASSERT_STRING_NOT_EQUAL(sim_world_find_td(&world, "consumer-agent", 1)->image,
                               sim_world_find_td(&world, "consumer-agent", 2)->image);
}

static void test_sim_ecs_clusters(void)
{
    int st;
    struct rw_err err;
    char *b = call("ListClusters", "{}", &st);
    struct ecs_arn_page p;
    CU_ASSERT_EQUAL(st, 200);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_clusters(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL(p.narns, 1);
    CU_ASSERT_STRING_EQUAL(p.arns[0], "arn:aws:ecs:us-east-1:123456789012:cluster/demo-fargate");
    ecs_arn_page_free(&p);
    free(b);
    b = call("DescribeClusters", "{\"clusters\":[\"demo-fargate\",\"gone\"]}", &st);
    struct ecs_clusters c;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_clusters(b, strlen(b), &c, &err), 0);
    CU_ASSERT_EQUAL(c.nclusters, 1);
    CU_ASSERT_EQUAL(c.clusters[0].active_services_count, 3);
    CU_ASSERT_EQUAL(c.clusters[0].running_tasks_count, 9);
    CU_ASSERT_EQUAL(c.nfailures, 1);
    ecs_clusters_free(&c);
    free(b);
}

static void test_sim_ecs_services_paged(void)
{
    int st;
    struct rw_err err;
    struct ecs_arn_page p;
    char *b = call("ListServices", "{\"cluster\":\"demo-fargate\",\"maxResults\":2}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_services(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL(p.narns, 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p.next_token);
    char req[256];
    snprintf(req, sizeof req, "{\"cluster\":\"demo-fargate\",\"maxResults\":2,\"nextToken\":\"%s\"}",
             p.next_token);
    ecs_arn_page_free(&p);
    free(b);
    b = call("ListServices", req, &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_services(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL(p.narns, 1);
    CU_ASSERT_PTR_NULL(p.next_token);
    CU_ASSERT_STRING_EQUAL(ecs_arn_name(p.arns[0]), "payments-api");
    ecs_arn_page_free(&p);
    free(b);
    b = call("ListServices", "{\"cluster\":\"demo-fargate\",\"nextToken\":\"bogus\"}", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "InvalidParameterException"));
    free(b);
    b = call("ListServices", "{\"cluster\":\"elsewhere\"}", &st);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "ClusterNotFoundException"));
    free(b);
}

static void test_sim_ecs_describe_services(void)
{
    int st;
    struct rw_err err;
    struct ecs_services s;
    char *b = call("DescribeServices", "{\"cluster\":\"demo-fargate\","
                   "\"services\":[\"consumer-agent\",\"ghost\"]}", &st);
    CU_ASSERT_EQUAL(st, 200);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(b, strlen(b), &s, &err), 0);
    CU_ASSERT_EQUAL_FATAL(s.nservices, 1);
    const struct ecs_service *svc = &s.services[0];
    CU_ASSERT_EQUAL(svc->desired_count, 4);
    CU_ASSERT_EQUAL(svc->running_count, 4);
    CU_ASSERT_TRUE(svc->circuit_breaker_enable);
    const struct ecs_deployment *d = ecs_service_primary_deployment(svc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_STRING_EQUAL(d->rollout_state, "COMPLETED");
    CU_ASSERT_EQUAL(d->created_at_ms, BASE_MS - 120000);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(d->task_definition), 3);
    CU_ASSERT_TRUE(svc->nevents >= 1);
    CU_ASSERT_STRING_EQUAL(svc->events[0].message,
                           "(service consumer-agent) has reached a steady state.");
    CU_ASSERT_EQUAL_FATAL(s.nfailures, 1);
    CU_ASSERT_STRING_EQUAL(s.failures[0].reason, "MISSING");
    ecs_services_free(&s);
    free(b);
    b = call("DescribeServices", "{\"cluster\":\"demo-fargate\",\"services\":[]}", &st);
    CU_ASSERT_EQUAL(st, 400);
    free(b);
}

static void test_sim_ecs_tasks(void)
{
    int st;
    struct rw_err err;
    struct ecs_arn_page p;
    char *b = call("ListTasks", "{\"cluster\":\"demo-fargate\",\"serviceName\":\"payments-api\","
                   "\"desiredStatus\":\"RUNNING\"}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_tasks(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL_FATAL(p.narns, 3);
    char req[512];
    snprintf(req, sizeof req, "{\"cluster\":\"demo-fargate\",\"tasks\":[\"%s\",\"%s\"]}",
             p.arns[0], "ffff");
    ecs_arn_page_free(&p);
    free(b);
    b = call("DescribeTasks", req, &st);
    struct ecs_tasks t;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_tasks(b, strlen(b), &t, &err), 0);
    CU_ASSERT_EQUAL_FATAL(t.ntasks, 1);
    CU_ASSERT_STRING_EQUAL(t.tasks[0].last_status, "RUNNING");
    CU_ASSERT_STRING_EQUAL(t.tasks[0].health_status, "HEALTHY");
    CU_ASSERT_STRING_EQUAL(t.tasks[0].group, "service:payments-api");
    CU_ASSERT_PTR_NOT_NULL(t.tasks[0].private_ipv4);
    CU_ASSERT_PTR_NOT_NULL(t.tasks[0].availability_zone);
    /* launched 3 min before the base, RUNNING after 5 s provisioning + 15 s pull */
    CU_ASSERT_EQUAL(t.tasks[0].started_at_ms, BASE_MS - 180000 + 20000);
    CU_ASSERT_EQUAL(t.nfailures, 1);
    ecs_tasks_free(&t);
    free(b);
    b = call("ListTasks", "{\"cluster\":\"demo-fargate\",\"desiredStatus\":\"STOPPED\"}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_tasks(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL(p.narns, 0);
    ecs_arn_page_free(&p);
    free(b);
}

static void test_sim_ecs_task_definitions(void)
{
    int st;
    struct rw_err err;
    struct ecs_task_definition td;
    char *b = call("DescribeTaskDefinition", "{\"taskDefinition\":\"rover-agent\"}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_task_definition(b, strlen(b), &td, &err), 0);
    CU_ASSERT_EQUAL(td.revision, 2);
    CU_ASSERT_STRING_EQUAL(td.family, "rover-agent");
    const struct ecs_container_def *app = ecs_app_container(&td, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(app);
    CU_ASSERT_PTR_NOT_NULL(strstr(app->image, "rover-agent:1.5.0"));
    ecs_task_definition_free(&td);
    free(b);
    b = call("DescribeTaskDefinition", "{\"taskDefinition\":\"arn:aws:ecs:us-east-1:"
             "123456789012:task-definition/rover-agent:1\"}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_task_definition(b, strlen(b), &td, &err), 0);
    CU_ASSERT_EQUAL(td.revision, 1);
    ecs_task_definition_free(&td);
    free(b);
    b = call("DescribeTaskDefinition", "{\"taskDefinition\":\"rover-agent:9\"}", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "ClientException"));
    free(b);
    struct ecs_arn_page p;
    b = call("ListTaskDefinitions", "{\"familyPrefix\":\"consumer\",\"sort\":\"DESC\"}", &st);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_task_definitions(b, strlen(b), &p, &err), 0);
    CU_ASSERT_EQUAL_FATAL(p.narns, 3);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(p.arns[0]), 3);
    ecs_arn_page_free(&p);
    free(b);
}

static void test_sim_ecs_errors(void)
{
    int st;
    char *b = call("LaunchRockets", "{}", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_STRING_EQUAL(b, "{\"__type\":\"UnknownOperationException\"}");
    free(b);
    b = call("ListClusters", "{\"maxResults\":", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "SerializationException"));
    free(b);
    b = call("ListClusters", "[]", &st);
    CU_ASSERT_EQUAL(st, 400);
    free(b);
    b = call("ListClusters", "{\"maxResults\":\"2\"}", &st);
    CU_ASSERT_EQUAL(st, 400);
    free(b);
}

void test_sim_ecs_register(void)
{
    CU_pSuite s = CU_add_suite("sim_ecs", setup, teardown);
    CU_add_test(s, "the default world", test_sim_ecs_world);
    CU_add_test(s, "ListClusters, DescribeClusters", test_sim_ecs_clusters);
    CU_add_test(s, "ListServices pages", test_sim_ecs_services_paged);
    CU_add_test(s, "DescribeServices with a MISSING failure", test_sim_ecs_describe_services);
    CU_add_test(s, "ListTasks, DescribeTasks", test_sim_ecs_tasks);
    CU_add_test(s, "task definitions", test_sim_ecs_task_definitions);
    CU_add_test(s, "unknown operations and bad bodies", test_sim_ecs_errors);
}
