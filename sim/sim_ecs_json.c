/* sim_ecs_json: builds clusters, services, tasks and task definitions as ECS
 * returns them, so clients/aws/ecs.h's parsers read them like real replies. */
#include "sim_ecs_json.h"

#include <stdio.h>
#include <string.h>

void sim_ecs_td_arn(const struct sim_world *w, const char *family, int rev, char *out, size_t n)
{
    char rest[96];
    snprintf(rest, sizeof rest, "%s:%d", family, rev);
    sim_world_arn(w, "task-definition", rest, out, n);
}

static void add_arn(cJSON *o, const struct sim_world *w, const char *key, const char *kind,
                    const char *rest)
{
    char arn[256];
    sim_world_arn(w, kind, rest, arn, sizeof arn);
    cJSON_AddStringToObject(o, key, arn);
}

cJSON *sim_ecs_failure_json(const char *arn, const char *reason)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "arn", arn);
    cJSON_AddStringToObject(f, "reason", reason);
    return f;
}

cJSON *sim_ecs_cluster_json(const struct sim_world *w)
{
    cJSON *c = cJSON_CreateObject();
    add_arn(c, w, "clusterArn", "cluster", w->cluster);
    cJSON_AddStringToObject(c, "clusterName", w->cluster);
    cJSON_AddStringToObject(c, "status", "ACTIVE");
    cJSON_AddNumberToObject(c, "registeredContainerInstancesCount", 0);
    int running = 0;
    for (int i = 0; i < w->ntasks; i++)
        running += strcmp(w->tasks[i].last_status, "RUNNING") == 0;
    cJSON_AddNumberToObject(c, "runningTasksCount", running);
    cJSON_AddNumberToObject(c, "pendingTasksCount", 0);
    cJSON_AddNumberToObject(c, "activeServicesCount", w->nservices);
    return c;
}

static cJSON *deployment_json(const struct sim_world *w, const struct sim_service *s,
                              const struct sim_deployment *d)
{
    char arn[256];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", d->id);
    cJSON_AddStringToObject(o, "status", d->status);
    sim_ecs_td_arn(w, s->family, d->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinition", arn);
    cJSON_AddNumberToObject(o, "desiredCount", d->desired);
    cJSON_AddNumberToObject(o, "pendingCount", 0);
    int running = 0;
    for (int i = 0; i < w->ntasks; i++)
        running += strcmp(w->tasks[i].deployment_id, d->id) == 0 &&
                   strcmp(w->tasks[i].last_status, "RUNNING") == 0;
    cJSON_AddNumberToObject(o, "runningCount", running);
    cJSON_AddNumberToObject(o, "failedTasks", 0);
    cJSON_AddNumberToObject(o, "createdAt", (double)d->created_at);
    cJSON_AddNumberToObject(o, "updatedAt", (double)d->updated_at);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    cJSON_AddStringToObject(o, "platformVersion", "1.4.0");
    cJSON_AddStringToObject(o, "rolloutState", d->rollout_state);
    cJSON_AddStringToObject(o, "rolloutStateReason",
                            strcmp(d->rollout_state, "COMPLETED") == 0
                                ? "ECS deployment ecs-svc completed."
                                : "ECS deployment ecs-svc in progress.");
    return o;
}

static void add_service_config(cJSON *o, const struct sim_service *s)
{
    cJSON *dc = cJSON_AddObjectToObject(o, "deploymentConfiguration");
    cJSON *cb = cJSON_AddObjectToObject(dc, "deploymentCircuitBreaker");
    cJSON_AddBoolToObject(cb, "enable", 1);
    cJSON_AddBoolToObject(cb, "rollback", 1);
    cJSON_AddNumberToObject(dc, "maximumPercent", 200);
    cJSON_AddNumberToObject(dc, "minimumHealthyPercent", 100);
    cJSON *ctl = cJSON_AddObjectToObject(o, "deploymentController");
    cJSON_AddStringToObject(ctl, "type", "ECS");
    cJSON_AddNumberToObject(o, "createdAt", (double)s->created_at);
    cJSON_AddStringToObject(o, "schedulingStrategy", "REPLICA");
}

cJSON *sim_ecs_service_json(const struct sim_world *w, int si)
{
    const struct sim_service *s = &w->services[si];
    char rest[160], arn[256];
    cJSON *o = cJSON_CreateObject();
    snprintf(rest, sizeof rest, "%s/%s", w->cluster, s->name);
    add_arn(o, w, "serviceArn", "service", rest);
    cJSON_AddStringToObject(o, "serviceName", s->name);
    add_arn(o, w, "clusterArn", "cluster", w->cluster);
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddNumberToObject(o, "desiredCount", s->desired);
    int running = 0;
    for (int i = 0; i < w->ntasks; i++)
        running += w->tasks[i].service == si && strcmp(w->tasks[i].last_status, "RUNNING") == 0;
    cJSON_AddNumberToObject(o, "runningCount", running);
    cJSON_AddNumberToObject(o, "pendingCount", 0);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    sim_ecs_td_arn(w, s->family, s->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinition", arn);
    add_service_config(o, s);
    cJSON *ds = cJSON_AddArrayToObject(o, "deployments");
    for (int i = 0; i < s->ndeployments; i++)
        cJSON_AddItemToArray(ds, deployment_json(w, s, &s->deployments[i]));
    cJSON *es = cJSON_AddArrayToObject(o, "events");
    for (int i = 0; i < s->nevents; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", s->events[i].id);
        cJSON_AddNumberToObject(e, "createdAt", (double)s->events[i].created_at);
        cJSON_AddStringToObject(e, "message", s->events[i].message);
        cJSON_AddItemToArray(es, e);
    }
    cJSON_AddArrayToObject(o, "loadBalancers");
    return o;
}

static cJSON *eni_attachment(const struct sim_task *t)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "id", "7d3e4c1a-2b5f-4e60-9a8b-0c1d2e3f4a5b");
    cJSON_AddStringToObject(a, "type", "ElasticNetworkInterface");
    cJSON_AddStringToObject(a, "status", "ATTACHED");
    cJSON *ds = cJSON_AddArrayToObject(a, "details");
    const char *kv[][2] = { { "subnetId", "subnet-0a1b2c3d4e5f60718" },
                            { "networkInterfaceId", "eni-0123456789abcdef0" },
                            { "privateIPv4Address", t->ip } };
    for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) {
        cJSON *d = cJSON_CreateObject();
        cJSON_AddStringToObject(d, "name", kv[i][0]);
        cJSON_AddStringToObject(d, "value", kv[i][1]);
        cJSON_AddItemToArray(ds, d);
    }
    return a;
}

static cJSON *container_json(const struct sim_world *w, const struct sim_task *t)
{
    const struct sim_service *s = &w->services[t->service];
    const struct sim_td *td = sim_world_find_td(w, s->family, t->td_revision);
    char rest[96];
    cJSON *c = cJSON_CreateObject();
    snprintf(rest, sizeof rest, "%s/%s/app", w->cluster, t->id);
    add_arn(c, w, "containerArn", "container", rest);
    cJSON_AddStringToObject(c, "name", "app");
    cJSON_AddStringToObject(c, "image", td ? td->image : "unknown");
    cJSON_AddStringToObject(c, "lastStatus", t->last_status);
    cJSON_AddStringToObject(c, "healthStatus", t->health);
    cJSON *nis = cJSON_AddArrayToObject(c, "networkInterfaces");
    cJSON *ni = cJSON_CreateObject();
    cJSON_AddStringToObject(ni, "privateIpv4Address", t->ip);
    cJSON_AddItemToArray(nis, ni);
    return c;
}

cJSON *sim_ecs_task_json(const struct sim_world *w, int ti)
{
    const struct sim_task *t = &w->tasks[ti];
    const struct sim_service *s = &w->services[t->service];
    char rest[160], arn[256];
    cJSON *o = cJSON_CreateObject();
    snprintf(rest, sizeof rest, "%s/%s", w->cluster, t->id);
    add_arn(o, w, "taskArn", "task", rest);
    add_arn(o, w, "clusterArn", "cluster", w->cluster);
    sim_ecs_td_arn(w, s->family, t->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinitionArn", arn);
    cJSON_AddStringToObject(o, "lastStatus", t->last_status);
    cJSON_AddStringToObject(o, "desiredStatus", t->desired_status);
    cJSON_AddStringToObject(o, "healthStatus", t->health);
    cJSON_AddStringToObject(o, "availabilityZone", t->az);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    cJSON_AddStringToObject(o, "cpu", "256");
    cJSON_AddStringToObject(o, "memory", "512");
    snprintf(rest, sizeof rest, "service:%s", s->name);
    cJSON_AddStringToObject(o, "group", rest);
    cJSON_AddStringToObject(o, "startedBy", t->deployment_id);
    cJSON_AddNumberToObject(o, "createdAt", (double)t->created_at);
    cJSON_AddNumberToObject(o, "startedAt", (double)t->started_at);
    if (t->stopped_at) {
        cJSON_AddNumberToObject(o, "stoppedAt", (double)t->stopped_at);
        cJSON_AddStringToObject(o, "stoppedReason", t->stopped_reason);
        cJSON_AddStringToObject(o, "stopCode", "ServiceSchedulerInitiated");
    }
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "attachments"), eni_attachment(t));
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "containers"), container_json(w, t));
    return o;
}

static cJSON *container_def_json(const struct sim_td *td)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "name", "app");
    cJSON_AddStringToObject(c, "image", td->image);
    cJSON_AddBoolToObject(c, "essential", 1);
    cJSON_AddNumberToObject(c, "cpu", 0);
    cJSON *pm = cJSON_CreateObject();
    cJSON_AddNumberToObject(pm, "containerPort", 8080);
    cJSON_AddNumberToObject(pm, "hostPort", 8080);
    cJSON_AddStringToObject(pm, "protocol", "tcp");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(c, "portMappings"), pm);
    cJSON *lc = cJSON_AddObjectToObject(c, "logConfiguration");
    cJSON_AddStringToObject(lc, "logDriver", "awslogs");
    cJSON *opt = cJSON_AddObjectToObject(lc, "options");
    char group[96];
    snprintf(group, sizeof group, "/ecs/%s", td->family);
    cJSON_AddStringToObject(opt, "awslogs-group", group);
    cJSON_AddStringToObject(opt, "awslogs-region", "us-east-1");
    cJSON_AddStringToObject(opt, "awslogs-stream-prefix", "ecs");
    return c;
}

cJSON *sim_ecs_td_json(const struct sim_world *w, const struct sim_td *td)
{
    char arn[256];
    cJSON *o = cJSON_CreateObject();
    sim_ecs_td_arn(w, td->family, td->revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinitionArn", arn);
    cJSON_AddStringToObject(o, "family", td->family);
    cJSON_AddNumberToObject(o, "revision", td->revision);
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddStringToObject(o, "networkMode", "awsvpc");
    cJSON_AddStringToObject(o, "cpu", "256");
    cJSON_AddStringToObject(o, "memory", "512");
    snprintf(arn, sizeof arn, "arn:aws:iam::%s:role/ecsTaskExecutionRole", w->account);
    cJSON_AddStringToObject(o, "executionRoleArn", arn);
    cJSON_AddNumberToObject(o, "registeredAt", (double)td->registered_at);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "containerDefinitions"),
                         container_def_json(td));
    cJSON *rc = cJSON_AddArrayToObject(o, "requiresCompatibilities");
    cJSON_AddItemToArray(rc, cJSON_CreateString("FARGATE"));
    return o;
}
