/* ecs_service: DescribeServices and UpdateService responses: the service,
 * its deployments (PRIMARY / ACTIVE), events, load balancers, circuit
 * breaker and tags. */
#include "clients/aws/ecs_internal.h"

#include <stdlib.h>
#include <string.h>

static int deployment_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_deployment *d = item;
    if (ej_str(c, o, p, "id", &d->id) < 0 || ej_str(c, o, p, "status", &d->status) < 0 ||
        ej_str(c, o, p, "taskDefinition", &d->task_definition) < 0 ||
        ej_str(c, o, p, "launchType", &d->launch_type) < 0 ||
        ej_str(c, o, p, "rolloutState", &d->rollout_state) < 0 ||
        ej_str(c, o, p, "rolloutStateReason", &d->rollout_state_reason) < 0 ||
        ej_int(c, o, p, "desiredCount", &d->desired_count) < 0 ||
        ej_int(c, o, p, "runningCount", &d->running_count) < 0 ||
        ej_int(c, o, p, "pendingCount", &d->pending_count) < 0 ||
        ej_int(c, o, p, "failedTasks", &d->failed_tasks) < 0 ||
        ej_time(c, o, p, "createdAt", &d->created_at_ms) < 0 ||
        ej_time(c, o, p, "updatedAt", &d->updated_at_ms) < 0)
        return -1;
    return 0;
}

static int event_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_event *e = item;
    if (ej_str(c, o, p, "id", &e->id) < 0 || ej_str(c, o, p, "message", &e->message) < 0 ||
        ej_time(c, o, p, "createdAt", &e->created_at_ms) < 0)
        return -1;
    return 0;
}

static int load_balancer_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_load_balancer *lb = item;
    if (ej_str(c, o, p, "targetGroupArn", &lb->target_group_arn) < 0 ||
        ej_str(c, o, p, "loadBalancerName", &lb->load_balancer_name) < 0 ||
        ej_str(c, o, p, "containerName", &lb->container_name) < 0 ||
        ej_int(c, o, p, "containerPort", &lb->container_port) < 0)
        return -1;
    return 0;
}

/* deploymentConfiguration {maximumPercent, minimumHealthyPercent,
 * deploymentCircuitBreaker {enable, rollback}} and deploymentController.type */
static int deploy_config_from_json(struct ej *c, const cJSON *o, const char *path,
                                   struct ecs_service *s)
{
    const cJSON *dc, *cb, *ctl;
    char p[EJ_PATH_MAX], q[EJ_PATH_MAX];
    s->maximum_percent = s->minimum_healthy_percent = -1;
    if (ej_object(c, o, path, "deploymentConfiguration", &dc) < 0 ||
        ej_object(c, o, path, "deploymentController", &ctl) < 0)
        return -1;
    if (ctl && ej_str(c, ctl, ej_join(p, sizeof p, path, "deploymentController"), "type",
                      &s->deployment_controller) < 0)
        return -1;
    if (!dc)
        return 0;
    ej_join(p, sizeof p, path, "deploymentConfiguration");
    if (ej_int(c, dc, p, "maximumPercent", &s->maximum_percent) < 0 ||
        ej_int(c, dc, p, "minimumHealthyPercent", &s->minimum_healthy_percent) < 0 ||
        ej_object(c, dc, p, "deploymentCircuitBreaker", &cb) < 0)
        return -1;
    if (!cb)
        return 0;
    ej_join(q, sizeof q, p, "deploymentCircuitBreaker");
    if (ej_bool(c, cb, q, "enable", &s->circuit_breaker_enable) < 0 ||
        ej_bool(c, cb, q, "rollback", &s->circuit_breaker_rollback) < 0)
        return -1;
    return 0;
}

static int service_lists_from_json(struct ej *c, const cJSON *o, const char *p,
                                   struct ecs_service *s)
{
    void *items = NULL;
    int rc = ej_objects(c, o, p, "deployments", sizeof *s->deployments, deployment_from_json,
                        &items, &s->ndeployments);
    s->deployments = items;
    if (rc < 0)
        return -1;
    items = NULL;
    rc = ej_objects(c, o, p, "events", sizeof *s->events, event_from_json, &items,
                    &s->nevents);
    s->events = items;
    if (rc < 0)
        return -1;
    items = NULL;
    rc = ej_objects(c, o, p, "loadBalancers", sizeof *s->load_balancers,
                    load_balancer_from_json, &items, &s->nload_balancers);
    s->load_balancers = items;
    if (rc < 0)
        return -1;
    return ej_tags(c, o, p, &s->tags, &s->ntags);
}

int ecs_service_from_json(struct ej *c, const cJSON *o, const char *p, struct ecs_service *s)
{
    if (deploy_config_from_json(c, o, p, s) < 0 ||
        ej_str(c, o, p, "serviceArn", &s->service_arn) < 0 ||
        ej_str(c, o, p, "serviceName", &s->service_name) < 0 ||
        ej_str(c, o, p, "clusterArn", &s->cluster_arn) < 0 ||
        ej_str(c, o, p, "status", &s->status) < 0 ||
        ej_str(c, o, p, "taskDefinition", &s->task_definition) < 0 ||
        ej_str(c, o, p, "launchType", &s->launch_type) < 0 ||
        ej_str(c, o, p, "currentServiceDeployment", &s->current_service_deployment) < 0 ||
        ej_int(c, o, p, "desiredCount", &s->desired_count) < 0 ||
        ej_int(c, o, p, "runningCount", &s->running_count) < 0 ||
        ej_int(c, o, p, "pendingCount", &s->pending_count) < 0 ||
        ej_time(c, o, p, "createdAt", &s->created_at_ms) < 0)
        return -1;
    return service_lists_from_json(c, o, p, s);
}

static int service_item(struct ej *c, const cJSON *o, const char *p, void *item)
{
    return ecs_service_from_json(c, o, p, item);
}

int ecs_parse_describe_services(const char *body, size_t len, struct ecs_services *out,
                                struct rw_err *err)
{
    struct ej c = {"DescribeServices", err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    void *items = NULL;
    int rc = ej_objects(&c, root, "", "services", sizeof *out->services, service_item, &items,
                        &out->nservices);
    out->services = items;
    if (rc == 0)
        rc = ej_failures(&c, root, &out->failures, &out->nfailures);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_services_free(out);
    return rc;
}

int ecs_parse_update_service(const char *body, size_t len, struct ecs_service *out,
                             struct rw_err *err)
{
    struct ej c = {"UpdateService", err};
    const cJSON *svc;
    memset(out, 0, sizeof *out);
    out->maximum_percent = out->minimum_healthy_percent = -1;
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    int rc = ej_object(&c, root, "", "service", &svc);
    if (rc == 0 && svc)
        rc = ecs_service_from_json(&c, svc, "service", out);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_service_free(out);
    return rc;
}

static void deployments_free(struct ecs_deployment *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++) {
        free(d[i].id);
        free(d[i].status);
        free(d[i].task_definition);
        free(d[i].launch_type);
        free(d[i].rollout_state);
        free(d[i].rollout_state_reason);
    }
    free(d);
}

void ecs_service_free(struct ecs_service *s)
{
    if (!s)
        return;
    free(s->service_arn);
    free(s->service_name);
    free(s->cluster_arn);
    free(s->status);
    free(s->task_definition);
    free(s->launch_type);
    free(s->deployment_controller);
    free(s->current_service_deployment);
    deployments_free(s->deployments, s->ndeployments);
    for (size_t i = 0; s->events && i < s->nevents; i++) {
        free(s->events[i].id);
        free(s->events[i].message);
    }
    free(s->events);
    for (size_t i = 0; s->load_balancers && i < s->nload_balancers; i++) {
        free(s->load_balancers[i].target_group_arn);
        free(s->load_balancers[i].load_balancer_name);
        free(s->load_balancers[i].container_name);
    }
    free(s->load_balancers);
    ej_tags_free(s->tags, s->ntags);
    memset(s, 0, sizeof *s);
}

void ecs_services_free(struct ecs_services *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->services && i < s->nservices; i++)
        ecs_service_free(&s->services[i]);
    free(s->services);
    ej_failures_free(s->failures, s->nfailures);
    memset(s, 0, sizeof *s);
}

const struct ecs_deployment *ecs_service_primary_deployment(const struct ecs_service *s)
{
    for (size_t i = 0; s && s->deployments && i < s->ndeployments; i++)
        if (s->deployments[i].status && strcmp(s->deployments[i].status, "PRIMARY") == 0)
            return &s->deployments[i];
    return NULL;
}
