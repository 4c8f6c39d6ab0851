/* Tests for clients/aws/ecs: response parsers against realistic fixtures in
 * $RW_TESTDATA/ecs (default tests/data/ecs), malformed input, request bodies
 * and the ARN helpers. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"
#include "support/fixture.h"

#define ARN "arn:aws:ecs:us-east-1:123456789012:"

#define LOAD(name, var, len)                       \
    size_t len;                                    \
    char *var = fixture_load("ecs", name, &len);                  \
    CU_ASSERT_PTR_NOT_NULL_FATAL(var)

static void test_ecs_parses_rollout_deployments(void)
{
    LOAD("describe_services_rollout.json", body, len);
    struct ecs_services out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(body, len, &out, &err), 0);
    CU_ASSERT_EQUAL_FATAL(out.nservices, 1);
    CU_ASSERT_EQUAL(out.nfailures, 0);
    const struct ecs_service *s = &out.services[0];
    CU_ASSERT_STRING_EQUAL(s->service_name, "consumer-agent");
    CU_ASSERT_STRING_EQUAL(s->cluster_arn, ARN "cluster/stage-fargate");
    CU_ASSERT_STRING_EQUAL(s->task_definition, ARN "task-definition/consumer-agent:42");
    CU_ASSERT_EQUAL(s->desired_count, 2);
    CU_ASSERT_EQUAL(s->running_count, 2);
    CU_ASSERT_EQUAL(s->pending_count, 1);
    CU_ASSERT(s->circuit_breaker_enable && s->circuit_breaker_rollback);
    CU_ASSERT_EQUAL(s->maximum_percent, 200);
    CU_ASSERT_EQUAL(s->minimum_healthy_percent, 100);
    CU_ASSERT_STRING_EQUAL(s->deployment_controller, "ECS");
    CU_ASSERT_EQUAL(s->created_at_ms, 1717550000000LL);
    CU_ASSERT_EQUAL_FATAL(s->ndeployments, 2);
    const struct ecs_deployment *p = ecs_service_primary_deployment(s), *a = &s->deployments[1];
    CU_ASSERT_PTR_EQUAL_FATAL(p, &s->deployments[0]);
    CU_ASSERT_STRING_EQUAL(p->id, "ecs-svc/4412879526719012345");
    CU_ASSERT_STRING_EQUAL(ecs_task_definition_ref(p->task_definition), "consumer-agent:42");
    CU_ASSERT_EQUAL(p->desired_count, 2);
    CU_ASSERT_EQUAL(p->running_count, 1);
    CU_ASSERT_EQUAL(p->pending_count, 1);
    CU_ASSERT_EQUAL(p->failed_tasks, 1);
    CU_ASSERT_EQUAL(p->created_at_ms, 1730296800123LL);
    CU_ASSERT_EQUAL(p->updated_at_ms, 1730297012456LL);
    CU_ASSERT_EQUAL(ecs_rollout_parse(p->rollout_state), ECS_ROLLOUT_IN_PROGRESS);
    CU_ASSERT_STRING_EQUAL(p->rollout_state_reason,
                           "ECS deployment ecs-svc/4412879526719012345 in progress.");
    CU_ASSERT_STRING_EQUAL(a->status, "ACTIVE");
    CU_ASSERT_EQUAL(ecs_task_definition_revision(a->task_definition), 41);
    CU_ASSERT_EQUAL(a->running_count, 1);
    CU_ASSERT_EQUAL(a->created_at_ms, 1729700000500LL);
    CU_ASSERT_EQUAL(a->updated_at_ms, 1730296805000LL);
    CU_ASSERT_EQUAL(ecs_rollout_parse(a->rollout_state), ECS_ROLLOUT_COMPLETED);
    ecs_services_free(&out);
    CU_ASSERT_PTR_NULL(out.services);
    free(body);
}

static void test_ecs_parses_service_events_load_balancers_and_tags(void)
{
    LOAD("describe_services_rollout.json", body, len);
    struct ecs_services out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(body, len, &out, &err), 0);
    const struct ecs_service *s = &out.services[0];
    CU_ASSERT_EQUAL_FATAL(s->nevents, 3);
    CU_ASSERT_STRING_EQUAL(s->events[0].id, "a1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    CU_ASSERT_EQUAL(s->events[0].created_at_ms, 1730297012456LL);
    CU_ASSERT_STRING_EQUAL(s->events[2].message,
                           "(service consumer-agent) has reached a steady state.");
    CU_ASSERT_EQUAL_FATAL(s->nload_balancers, 1);
    CU_ASSERT_STRING_EQUAL(s->load_balancers[0].container_name, "consumer-agent");
    CU_ASSERT_EQUAL(s->load_balancers[0].container_port, 8080);
    CU_ASSERT_PTR_NOT_NULL(strstr(s->load_balancers[0].target_group_arn,
                                  "targetgroup/consumer-agent-tg/"));
    CU_ASSERT_EQUAL_FATAL(s->ntags, 2);
    CU_ASSERT_STRING_EQUAL(s->tags[1].key, "env");
    CU_ASSERT_STRING_EQUAL(s->tags[1].value, "stage");
    CU_ASSERT_PTR_NOT_NULL(strstr(s->current_service_deployment, "service-deployment/"));
    ecs_services_free(&out);
    free(body);
}

static void test_ecs_describe_services_reports_missing_as_failure(void)
{
    LOAD("describe_services_missing.json", body, len);
    struct ecs_services out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(body, len, &out, &err), 0);
    CU_ASSERT_EQUAL_FATAL(out.nservices, 1);
    CU_ASSERT_STRING_EQUAL(out.services[0].service_name, "rover-agent");
    CU_ASSERT_FALSE(out.services[0].circuit_breaker_enable);
    CU_ASSERT_EQUAL(out.services[0].nload_balancers, 0);
    CU_ASSERT_EQUAL_FATAL(out.nfailures, 1);
    CU_ASSERT_STRING_EQUAL(out.failures[0].arn, ARN "service/stage-fargate/ghost-agent");
    CU_ASSERT_STRING_EQUAL(out.failures[0].reason, "MISSING");
    CU_ASSERT_PTR_NULL(out.failures[0].detail);
    ecs_services_free(&out);
    free(body);
}

static void test_ecs_parses_stopped_task_with_exit_code(void)
{
    LOAD("describe_tasks_stopped.json", body, len);
    struct ecs_tasks out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_tasks(body, len, &out, &err), 0);
    CU_ASSERT_EQUAL_FATAL(out.ntasks, 2);
    const struct ecs_task *run = &out.tasks[0], *t = &out.tasks[1];
    CU_ASSERT_STRING_EQUAL(ecs_task_id(run->task_arn), "3f2a9c1e5b7d4e0f8a6b2c4d1e3f5a7b");
    CU_ASSERT_STRING_EQUAL(run->private_ipv4, "10.0.2.47");
    CU_ASSERT_STRING_EQUAL(run->health_status, "HEALTHY");
    CU_ASSERT_FALSE(run->containers[0].has_exit_code);
    CU_ASSERT_STRING_EQUAL(run->started_by, "ecs-svc/4412879526719012345");
    CU_ASSERT_EQUAL(run->started_at_ms, 1730297011654LL);
    CU_ASSERT_EQUAL(run->stopped_at_ms, 0);
    CU_ASSERT_STRING_EQUAL(t->last_status, "STOPPED");
    CU_ASSERT_STRING_EQUAL(t->desired_status, "STOPPED");
    CU_ASSERT_STRING_EQUAL(t->stop_code, "EssentialContainerExited");
    CU_ASSERT_STRING_EQUAL(t->stopped_reason, "Essential container in task exited");
    CU_ASSERT_STRING_EQUAL(t->availability_zone, "us-east-1b");
    CU_ASSERT_STRING_EQUAL(t->group, "service:consumer-agent");
    CU_ASSERT_STRING_EQUAL(t->private_ipv4, "10.0.3.112");
    CU_ASSERT_EQUAL(t->stopping_at_ms, 1730296941733LL);
    CU_ASSERT_EQUAL(t->stopped_at_ms, 1730296963519LL);
    CU_ASSERT_EQUAL_FATAL(t->ncontainers, 2);
    CU_ASSERT_STRING_EQUAL(t->containers[0].name, "consumer-agent");
    CU_ASSERT(t->containers[0].has_exit_code);
    CU_ASSERT_EQUAL(t->containers[0].exit_code, 1);
    CU_ASSERT_STRING_EQUAL(t->containers[0].health_status, "UNHEALTHY");
    CU_ASSERT_STRING_EQUAL(t->containers[0].runtime_id,
                           "0f3a9b7c2d1e4f5a8b6c9d0e1f2a3b4c-1527056392");
    CU_ASSERT(t->containers[1].has_exit_code); /* 0 is an exit code too */
    CU_ASSERT_EQUAL(t->containers[1].exit_code, 0);
    CU_ASSERT_EQUAL_FATAL(out.nfailures, 1);
    CU_ASSERT_STRING_EQUAL(out.failures[0].reason, "MISSING");
    ecs_tasks_free(&out);
    free(body);
}

static void test_ecs_task_ip_falls_back_to_container_interface(void)
{
    const char *j = "{\"tasks\":[{\"taskArn\":\"" ARN "task/abc123\",\"attachments\":[],"
                    "\"containers\":[{\"name\":\"web\",\"networkInterfaces\":[{\"attachmentId\":"
                    "\"x\"},{\"privateIpv4Address\":\"172.31.9.8\"}]}]}]}";
    struct ecs_tasks out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_tasks(j, strlen(j), &out, &err), 0);
    CU_ASSERT_STRING_EQUAL(out.tasks[0].private_ipv4, "172.31.9.8");
    CU_ASSERT_STRING_EQUAL(out.tasks[0].containers[0].private_ipv4, "172.31.9.8");
    CU_ASSERT_STRING_EQUAL(ecs_task_id(out.tasks[0].task_arn), "abc123"); /* old ARN format */
    ecs_tasks_free(&out);
}

static void test_ecs_task_definition_finds_app_container_behind_firelens(void)
{
    LOAD("describe_task_definition_firelens.json", body, len);
    struct ecs_task_definition td;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_task_definition(body, len, &td, &err), 0);
    CU_ASSERT_STRING_EQUAL(td.family, "consumer-agent");
    CU_ASSERT_EQUAL(td.revision, 42);
    CU_ASSERT_STRING_EQUAL(td.cpu, "512");
    CU_ASSERT_STRING_EQUAL(td.network_mode, "awsvpc");
    CU_ASSERT_EQUAL(td.registered_at_ms, 1730296790551LL);
    CU_ASSERT_EQUAL_FATAL(td.ncontainers, 3);
    const struct ecs_container_def *lr = &td.containers[0];
    CU_ASSERT(lr->is_log_router && lr->essential);
    CU_ASSERT_STRING_EQUAL(lr->firelens_type, "fluentbit");
    CU_ASSERT_STRING_EQUAL(lr->log_driver, "awslogs");
    CU_ASSERT_EQUAL(lr->memory_reservation, 51);
    CU_ASSERT_FALSE(td.containers[1].essential); /* xray sidecar */
    const struct ecs_container_def *app = ecs_app_container(&td, NULL);
    CU_ASSERT_PTR_EQUAL_FATAL(app, &td.containers[2]);
    CU_ASSERT_STRING_EQUAL(app->image,
                           "123456789012.dkr.ecr.us-east-1.amazonaws.com/consumer-agent:v1.8.3");
    CU_ASSERT_FALSE(app->is_log_router);
    CU_ASSERT_EQUAL_FATAL(app->nport_mappings, 1);
    CU_ASSERT_EQUAL(app->port_mappings[0].container_port, 8080);
    CU_ASSERT_STRING_EQUAL(app->port_mappings[0].protocol, "tcp");
    CU_ASSERT_EQUAL_FATAL(app->nenvironment, 3);
    CU_ASSERT_STRING_EQUAL(app->environment[0].name, "LOG_LEVEL");
    CU_ASSERT_STRING_EQUAL(app->environment[0].value, "info");
    CU_ASSERT_STRING_EQUAL(app->log_driver, "awsfirelens");
    CU_ASSERT_EQUAL_FATAL(app->nlog_options, 5);
    CU_ASSERT_STRING_EQUAL(app->log_options[2].name, "log_group_name");
    CU_ASSERT_STRING_EQUAL(app->log_options[2].value, "/ecs/consumer-agent");
    CU_ASSERT_PTR_EQUAL(ecs_app_container(&td, "xray-daemon"), &td.containers[1]);
    CU_ASSERT_EQUAL_FATAL(td.ntags, 1);
    CU_ASSERT_STRING_EQUAL(td.tags[0].value, "consumer-agent");
    ecs_task_definition_free(&td);
    free(body);
}

static void test_ecs_app_container_never_picks_log_router(void)
{
    const char *j = "{\"taskDefinition\":{\"containerDefinitions\":["
                    "{\"name\":\"router\",\"portMappings\":[{\"containerPort\":2020}],"
                    "\"firelensConfiguration\":{\"type\":\"fluentd\"}},"
                    "{\"name\":\"worker\",\"essential\":false},{\"name\":\"main\","
                    "\"logConfiguration\":{\"options\":{\"mode\":null}}}]}}";
    struct ecs_task_definition td;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_task_definition(j, strlen(j), &td, &err), 0);
    CU_ASSERT(td.containers[2].essential); /* absent means essential */
    CU_ASSERT_EQUAL_FATAL(td.containers[2].nlog_options, 1);
    CU_ASSERT_STRING_EQUAL(td.containers[2].log_options[0].name, "mode");
    CU_ASSERT_PTR_NULL(td.containers[2].log_options[0].value); /* null: absent */
    /* no essential container with ports but the router: the essential one */
    CU_ASSERT_PTR_EQUAL(ecs_app_container(&td, NULL), &td.containers[2]);
    CU_ASSERT_PTR_EQUAL(ecs_app_container(&td, "nope"), &td.containers[2]);
    ecs_task_definition_free(&td);
    CU_ASSERT_PTR_NULL(ecs_app_container(&td, NULL));
}

static void test_ecs_list_tasks_follows_next_token(void)
{
    LOAD("list_tasks_page1.json", p1, len1);
    LOAD("list_tasks_page2.json", p2, len2);
    struct ecs_arn_page page;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_tasks(p1, len1, &page, &err), 0);
    CU_ASSERT_EQUAL_FATAL(page.narns, 2);
    CU_ASSERT_STRING_EQUAL(ecs_task_id(page.arns[1]), "7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e");
    CU_ASSERT_PTR_NOT_NULL_FATAL(page.next_token);
    char *req = ecs_build_list_tasks("stage-fargate", "consumer-agent", ECS_DESIRED_RUNNING,
                                     page.next_token, 0, &err);
    cJSON *j = cJSON_Parse(req);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "nextToken")->valuestring, page.next_token);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "desiredStatus")->valuestring, "RUNNING");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(j, "serviceName")->valuestring, "consumer-agent");
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(j, "maxResults"));
    cJSON_Delete(j);
    free(req);
    ecs_arn_page_free(&page);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_tasks(p2, len2, &page, &err), 0);
    CU_ASSERT_EQUAL(page.narns, 1);
    CU_ASSERT_PTR_NULL(page.next_token); /* last page */
    ecs_arn_page_free(&page);
    free(p1);
    free(p2);
}

static void test_ecs_parses_clusters_services_and_task_definition_lists(void)
{
    struct ecs_arn_page page;
    struct ecs_clusters cl;
    struct rw_err err;
    LOAD("list_clusters.json", b1, l1);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_clusters(b1, l1, &page, &err), 0);
    CU_ASSERT_EQUAL(page.narns, 3);
    CU_ASSERT_STRING_EQUAL(ecs_arn_name(page.arns[1]), "prod-fargate");
    ecs_arn_page_free(&page);
    LOAD("list_services.json", b2, l2);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_services(b2, l2, &page, &err), 0);
    CU_ASSERT_STRING_EQUAL(ecs_arn_name(page.arns[1]), "rover-agent");
    ecs_arn_page_free(&page);
    LOAD("list_task_definitions.json", b3, l3);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_task_definitions(b3, l3, &page, &err), 0);
    CU_ASSERT_EQUAL(ecs_task_definition_revision(page.arns[2]), 40);
    CU_ASSERT_STRING_EQUAL(page.next_token, "eyJ2ZXJzaW9uIjoxLCJvZmZzZXQiOjN9");
    ecs_arn_page_free(&page);
    LOAD("describe_clusters.json", b4, l4);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_clusters(b4, l4, &cl, &err), 0);
    CU_ASSERT_EQUAL_FATAL(cl.nclusters, 1);
    CU_ASSERT_STRING_EQUAL(cl.clusters[0].cluster_name, "stage-fargate");
    CU_ASSERT_EQUAL(cl.clusters[0].running_tasks_count, 5);
    CU_ASSERT_EQUAL(cl.clusters[0].pending_tasks_count, 1);
    CU_ASSERT_EQUAL(cl.clusters[0].active_services_count, 2);
    CU_ASSERT_EQUAL_FATAL(cl.nfailures, 1);
    CU_ASSERT_STRING_EQUAL(cl.failures[0].arn, ARN "cluster/legacy-ec2");
    ecs_clusters_free(&cl);
    free(b1);
    free(b2);
    free(b3);
    free(b4);
}

static void test_ecs_lists_service_deployments(void)
{
    LOAD("list_service_deployments.json", body, len);
    struct ecs_service_deployments d;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_list_service_deployments(body, len, &d, &err), 0);
    CU_ASSERT_EQUAL_FATAL(d.ndeployments, 3);
    CU_ASSERT_EQUAL(ecs_sd_status_parse(d.deployments[0].status), ECS_SD_IN_PROGRESS);
    CU_ASSERT_FALSE(ecs_sd_status_is_final(ECS_SD_IN_PROGRESS));
    CU_ASSERT_EQUAL(d.deployments[0].started_at_ms, 1730296800981LL);
    CU_ASSERT_EQUAL(d.deployments[0].finished_at_ms, 0);
    CU_ASSERT_STRING_EQUAL(ecs_arn_name(d.deployments[0].target.arn), "4980306466373577095");
    CU_ASSERT_EQUAL(ecs_sd_status_parse(d.deployments[2].status), ECS_SD_ROLLBACK_SUCCESSFUL);
    CU_ASSERT(ecs_sd_status_is_final(ECS_SD_ROLLBACK_SUCCESSFUL));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.deployments[2].status_reason, "circuit breaker"));
    CU_ASSERT_EQUAL(d.deployments[2].finished_at_ms, 1729600938000LL);
    CU_ASSERT_STRING_EQUAL(d.next_token, "AQICAHhJc2ZpcnN0cGFnZW9mZGVwbG95bWVudHM=");
    ecs_service_deployments_free(&d);
    free(body);
}

static void test_ecs_describes_service_deployments_and_their_revision(void)
{
    LOAD("describe_service_deployments.json", body, len);
    LOAD("describe_service_revisions.json", rbody, rlen);
    struct ecs_service_deployments d;
    struct ecs_service_revisions revs;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_service_deployments(body, len, &d, &err), 0);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_service_revisions(rbody, rlen, &revs, &err), 0);
    CU_ASSERT_EQUAL_FATAL(d.ndeployments, 2);
    const struct ecs_service_deployment *cur = &d.deployments[0], *old = &d.deployments[1];
    CU_ASSERT_STRING_EQUAL(cur->lifecycle_stage, "SCALE_UP_TARGET");
    CU_ASSERT_EQUAL(cur->target.requested_task_count, 2);
    CU_ASSERT_EQUAL(cur->target.pending_task_count, 1);
    CU_ASSERT_EQUAL_FATAL(cur->nsources, 1);
    CU_ASSERT_EQUAL(cur->sources[0].running_task_count, 1);
    CU_ASSERT_STRING_EQUAL(cur->circuit_breaker_status, "MONITORING");
    CU_ASSERT_EQUAL(cur->circuit_breaker_failure_count, 1);
    CU_ASSERT_EQUAL(cur->circuit_breaker_threshold, 3);
    CU_ASSERT_EQUAL(cur->updated_at_ms, 1730297012456LL);
    CU_ASSERT_EQUAL(ecs_service_deployment_task_revision(cur, &revs), 42);
    CU_ASSERT_EQUAL(ecs_service_deployment_task_revision(cur, NULL), -1);
    CU_ASSERT_EQUAL(ecs_service_deployment_task_revision(old, &revs), -1); /* not described */
    CU_ASSERT_STRING_EQUAL(old->rollback_reason,
                           "Circuit breaker threshold exceeded: 3 tasks failed to start.");
    CU_ASSERT_EQUAL(old->rollback_started_at_ms, 1729600511000LL);
    const struct ecs_service_revision *rb = ecs_service_revision_find(&revs,
                                                                      old->rollback_revision_arn);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rb);
    CU_ASSERT_STRING_EQUAL(ecs_task_definition_ref(rb->task_definition), "consumer-agent:41");
    CU_ASSERT_STRING_EQUAL(rb->container_images[0].image,
                           "123456789012.dkr.ecr.us-east-1.amazonaws.com/consumer-agent:v1.8.2");
    CU_ASSERT_EQUAL(revs.revisions[0].ncontainer_images, 2);
    ecs_service_deployments_free(&d);
    ecs_service_revisions_free(&revs);
    free(body);
    free(rbody);
}

static void test_ecs_parses_update_service_and_stop_task_responses(void)
{
    LOAD("update_service.json", ub, ul);
    LOAD("stop_task.json", sb, sl);
    struct ecs_service s;
    struct ecs_task t;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_update_service(ub, ul, &s, &err), 0);
    CU_ASSERT_STRING_EQUAL(ecs_task_definition_ref(s.task_definition), "consumer-agent:41");
    const struct ecs_deployment *p = ecs_service_primary_deployment(&s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->id, "ecs-svc/8835172039462610952");
    CU_ASSERT_EQUAL(p->desired_count, 0);
    ecs_service_free(&s);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_stop_task(sb, sl, &t, &err), 0);
    CU_ASSERT_STRING_EQUAL(t.desired_status, "STOPPED");
    CU_ASSERT_STRING_EQUAL(t.stop_code, "UserInitiated");
    CU_ASSERT_STRING_EQUAL(t.private_ipv4, "10.0.2.47");
    CU_ASSERT_EQUAL(t.stopping_at_ms, 1730297533207LL);
    ecs_task_free(&t);
    free(ub);
    free(sb);
}

static void test_ecs_missing_optional_fields_are_zero(void)
{
    const char *j = "{\"services\":[{\"unknownField\":{\"x\":[1,2]},\"deployments\":[{}],"
                    "\"events\":null}]}";
    struct ecs_services out;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(j, strlen(j), &out, &err), 0);
    const struct ecs_service *s = &out.services[0];
    CU_ASSERT_PTR_NULL(s->service_name);
    CU_ASSERT_EQUAL(s->desired_count, 0);
    CU_ASSERT_EQUAL(s->maximum_percent, -1);
    CU_ASSERT_FALSE(s->circuit_breaker_enable);
    CU_ASSERT_EQUAL(s->nevents, 0);
    CU_ASSERT_EQUAL_FATAL(s->ndeployments, 1);
    CU_ASSERT_PTR_NULL(s->deployments[0].rollout_state);
    CU_ASSERT_EQUAL(ecs_rollout_parse(s->deployments[0].rollout_state), ECS_ROLLOUT_UNKNOWN);
    CU_ASSERT_EQUAL(out.nfailures, 0);
    ecs_services_free(&out);
    struct ecs_service svc;
    CU_ASSERT_EQUAL(ecs_parse_update_service("{}", 2, &svc, &err), 0);
    CU_ASSERT_PTR_NULL(svc.service_arn);
    ecs_service_free(&svc);
}

static void test_ecs_converts_fractional_epoch_seconds_to_ms(void)
{
    const char *j = "{\"events\":[{\"createdAt\":1.700000123456E9},{\"createdAt\":1700000000},"
                    "{\"createdAt\":1700000000.0005},{\"createdAt\":0.001},{\"createdAt\":-1.5}]}";
    char buf[256];
    struct ecs_services out;
    struct rw_err err;
    snprintf(buf, sizeof buf, "{\"services\":[%s]}", j);
    CU_ASSERT_EQUAL_FATAL(ecs_parse_describe_services(buf, strlen(buf), &out, &err), 0);
    const struct ecs_event *e = out.services[0].events;
    CU_ASSERT_EQUAL(e[0].created_at_ms, 1700000123456LL);
    CU_ASSERT_EQUAL(e[1].created_at_ms, 1700000000000LL);
    CU_ASSERT_EQUAL(e[2].created_at_ms, 1700000000001LL); /* rounded, not truncated */
    CU_ASSERT_EQUAL(e[3].created_at_ms, 1);
    CU_ASSERT_EQUAL(e[4].created_at_ms, -1500);
    ecs_services_free(&out);
}

/* Each parser as (body, len, err) -> rc, freeing what it produced. */
void test_ecs_register(void)
{
    CU_pSuite s = CU_add_suite("ecs", NULL, NULL);
#define T(fn) CU_add_test(s, #fn, fn)
    T(test_ecs_parses_rollout_deployments);
    T(test_ecs_parses_service_events_load_balancers_and_tags);
    T(test_ecs_describe_services_reports_missing_as_failure);
    T(test_ecs_parses_stopped_task_with_exit_code);
    T(test_ecs_task_ip_falls_back_to_container_interface);
    T(test_ecs_task_definition_finds_app_container_behind_firelens);
    T(test_ecs_app_container_never_picks_log_router);
    T(test_ecs_list_tasks_follows_next_token);
    T(test_ecs_parses_clusters_services_and_task_definition_lists);
    T(test_ecs_lists_service_deployments);
    T(test_ecs_describes_service_deployments_and_their_revision);
    T(test_ecs_parses_update_service_and_stop_task_responses);
    T(test_ecs_missing_optional_fields_are_zero);
    T(test_ecs_converts_fractional_epoch_seconds_to_ms);
#undef T
}
