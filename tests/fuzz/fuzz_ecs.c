/* fuzz_ecs: libFuzzer target for the ECS response parsers and request
 * builders (clients/aws/ecs). Every parser reads the input; what parses is
 * walked with the UI helpers; the input as a name must survive a request
 * body's JSON round trip byte for byte. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk_services(const struct ecs_services *s)
{
    for (size_t i = 0; i < s->nservices; i++) {
        (void)ecs_service_primary_deployment(&s->services[i]);
        for (size_t k = 0; k < s->services[i].ndeployments; k++) {
            (void)ecs_rollout_parse(s->services[i].deployments[k].rollout_state);
            (void)ecs_task_definition_revision(s->services[i].deployments[k].task_definition);
        }
    }
}

static void walk_tasks(const struct ecs_tasks *t)
{
    for (size_t i = 0; i < t->ntasks; i++) {
        (void)ecs_task_id(t->tasks[i].task_arn);
        free(ecs_task_definition_family(t->tasks[i].task_definition_arn));
    }
}

static void parse_lists(const char *b, size_t n)
{
    struct rw_err err;
    struct ecs_arn_page page;
    int (*const lists[])(const char *, size_t, struct ecs_arn_page *, struct rw_err *) = {
        ecs_parse_list_clusters, ecs_parse_list_services, ecs_parse_list_tasks,
        ecs_parse_list_task_definitions,
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if (lists[i](b, n, &page, &err) == 0)
            for (size_t k = 0; k < page.narns; k++)
                (void)ecs_arn_name(page.arns[k]);
        ecs_arn_page_free(&page);
    }
    struct ecs_clusters cl;
    (void)ecs_parse_describe_clusters(b, n, &cl, &err);
    ecs_clusters_free(&cl);
}

static void parse_services_and_tasks(const char *b, size_t n)
{
    struct rw_err err;
    struct ecs_services svcs;
    struct ecs_service svc;
    struct ecs_tasks tasks;
    struct ecs_task task;
    struct ecs_task_definition td;
    if (ecs_parse_describe_services(b, n, &svcs, &err) == 0)
        walk_services(&svcs);
    ecs_services_free(&svcs);
    (void)ecs_parse_update_service(b, n, &svc, &err);
    ecs_service_free(&svc);
    if (ecs_parse_describe_tasks(b, n, &tasks, &err) == 0)
        walk_tasks(&tasks);
    ecs_tasks_free(&tasks);
    (void)ecs_parse_stop_task(b, n, &task, &err);
    ecs_task_free(&task);
    if (ecs_parse_describe_task_definition(b, n, &td, &err) == 0)
        (void)ecs_app_container(&td, td.ncontainers ? td.containers[0].name : NULL);
    ecs_task_definition_free(&td);
}

static void parse_deployments(const char *b, size_t n)
{
    struct rw_err err;
    struct ecs_service_deployments list, full;
    struct ecs_service_revisions revs;
    (void)ecs_parse_list_service_deployments(b, n, &list, &err);
    (void)ecs_parse_describe_service_deployments(b, n, &full, &err);
    (void)ecs_parse_describe_service_revisions(b, n, &revs, &err);
    for (size_t i = 0; i < full.ndeployments; i++) {
        (void)ecs_sd_status_is_final(ecs_sd_status_parse(full.deployments[i].status));
        (void)ecs_service_deployment_task_revision(&full.deployments[i], &revs);
    }
    ecs_service_deployments_free(&list);
    ecs_service_deployments_free(&full);
    ecs_service_revisions_free(&revs);
}

/* The input as a service name: the DescribeServices body must give it back. */
static void round_trip(const uint8_t *data, size_t size)
{
    char *name = malloc(size + 1);
    if (!name)
        return;
    memcpy(name, data, size);
    name[size] = '\0';
    struct rw_err err;
    const char *names[] = {name};
    char *body = ecs_build_describe_services(name, names, 1, true, &err);
    if (body) {
        cJSON *j = cJSON_Parse(body);
        cJSON *svc = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "services"), 0);
        if (!cJSON_IsString(svc) || strcmp(svc->valuestring, name) != 0)
            abort(); /* the body lost or mangled the name */
        cJSON_Delete(j);
        free(body);
    } else if (name[0]) {
        abort(); /* a non-empty name must always build */
    }
    free(ecs_build_update_service(name, name, name, ECS_DESIRED_COUNT_UNCHANGED, true, &err));
    free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *b = (const char *)data;
    parse_lists(b, size);
    parse_services_and_tasks(b, size);
    parse_deployments(b, size);
    if (size <= 4096)
        round_trip(data, size);
    return 0;
}
