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
    int running = 0, pending = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const char *st = sim_task_last_status(&w->tasks[i], w->now_ms);
        running += st && strcmp(st, "RUNNING") == 0;
        pending += st && (strcmp(st, "PENDING") == 0 || strcmp(st, "PROVISIONING") == 0);
    }
    cJSON_AddNumberToObject(c, "runningTasksCount", running);
    cJSON_AddNumberToObject(c, "pendingTasksCount", pending);
    cJSON_AddNumberToObject(c, "activeServicesCount", w->nservices);
    return c;
}

/* How many of si's tasks (of deployment id, if not NULL) are RUNNING and pending now. */
static void task_counts(const struct sim_world *w, int si, const char *id, int *running,
                        int *pending)
{
    *running = *pending = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if (t->service != si || (id && strcmp(t->deployment_id, id) != 0))
            continue;
        const char *st = sim_task_last_status(t, w->now_ms);
        *running += st && strcmp(st, "RUNNING") == 0;
        *pending += st && (strcmp(st, "PENDING") == 0 || strcmp(st, "PROVISIONING") == 0);
    }
}

double sim_ecs_secs(int64_t ms)
{
    return (double)ms / 1000.0;
}

const char *sim_ecs_str(const cJSON *req, const char *key)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(req, key);
    return cJSON_IsString(f) ? f->valuestring : NULL;
}

cJSON *sim_ecs_fail(struct sim_reply *r, const char *type, const char *msg)
{
    sim_route_error(r, 400, type, msg);
    return NULL;
}

static cJSON *deployment_json(const struct sim_world *w, int si, const struct sim_deployment *d)
{
    const struct sim_service *s = &w->services[si];
    char arn[256];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", d->id);
    cJSON_AddStringToObject(o, "status", d->status);
    sim_ecs_td_arn(w, s->family, d->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinition", arn);
    cJSON_AddNumberToObject(o, "desiredCount", d->desired);
    int running, pending;
    task_counts(w, si, d->id, &running, &pending);
    cJSON_AddNumberToObject(o, "pendingCount", pending);
    cJSON_AddNumberToObject(o, "runningCount", running);
    cJSON_AddNumberToObject(o, "failedTasks", d->failed_tasks);
    cJSON_AddNumberToObject(o, "createdAt", sim_ecs_secs(d->created_ms));
    cJSON_AddNumberToObject(o, "updatedAt", sim_ecs_secs(d->updated_ms));
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    cJSON_AddStringToObject(o, "platformVersion", "1.4.0");
    cJSON_AddStringToObject(o, "rolloutState", d->rollout_state);
    cJSON_AddStringToObject(o, "rolloutStateReason", d->reason);
    return o;
}

static void add_service_config(cJSON *o, const struct sim_service *s)
{
    cJSON *dc = cJSON_AddObjectToObject(o, "deploymentConfiguration");
    cJSON *cb = cJSON_AddObjectToObject(dc, "deploymentCircuitBreaker");
    cJSON_AddBoolToObject(cb, "enable", 1);
    cJSON_AddBoolToObject(cb, "rollback", 1);
    cJSON_AddNumberToObject(dc, "maximumPercent", s->max_percent);
    cJSON_AddNumberToObject(dc, "minimumHealthyPercent", 100);
    cJSON *ctl = cJSON_AddObjectToObject(o, "deploymentController");
    cJSON_AddStringToObject(ctl, "type", "ECS");
    cJSON_AddNumberToObject(o, "createdAt", sim_ecs_secs(s->created_ms));
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
    int running, pending;
    task_counts(w, si, NULL, &running, &pending);
    cJSON_AddNumberToObject(o, "runningCount", running);
    cJSON_AddNumberToObject(o, "pendingCount", pending);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    sim_ecs_td_arn(w, s->family, s->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinition", arn);
    add_service_config(o, s);
    cJSON *ds = cJSON_AddArrayToObject(o, "deployments");
    for (int i = 0; i < s->ndeployments; i++)
        cJSON_AddItemToArray(ds, deployment_json(w, si, &s->deployments[i]));
    cJSON *es = cJSON_AddArrayToObject(o, "events");
    for (int i = 0; i < s->nevents; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", s->events[i].id);
        cJSON_AddNumberToObject(e, "createdAt", sim_ecs_secs(s->events[i].created_ms));
        cJSON_AddStringToObject(e, "message", s->events[i].message);
        cJSON_AddItemToArray(es, e);
    }
    cJSON *lbs = cJSON_AddArrayToObject(o, "loadBalancers");
    char tg[200];
    sim_world_tg_arn(w, si, tg, sizeof tg);
    if (tg[0]) {
        cJSON *lb = cJSON_CreateObject();
        cJSON_AddStringToObject(lb, "targetGroupArn", tg);
        cJSON_AddStringToObject(lb, "containerName", s->name);
        cJSON_AddNumberToObject(lb, "containerPort", 8080);
        cJSON_AddItemToArray(lbs, lb);
    }
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

static cJSON *container_json(const struct sim_world *w, const struct sim_task *t,
                            const struct sim_td *td, int ci)
{
    const struct sim_container_def *cd = &td->containers[ci];
    char rest[128];
    int64_t now = w->now_ms;
    cJSON *c = cJSON_CreateObject();
    snprintf(rest, sizeof rest, "%s/%s/%s", w->cluster, t->id, cd->name);
    add_arn(c, w, "containerArn", "container", rest);
    cJSON_AddStringToObject(c, "name", cd->name);
    cJSON_AddStringToObject(c, "image", cd->firelens_router
                                            ? "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
                                            : td->image);
    const char *st = sim_task_last_status(t, now);
    int stopped = st && strcmp(st, "STOPPED") == 0;
    cJSON_AddStringToObject(c, "lastStatus",
                            stopped ? "STOPPED" : t->running_ms <= now ? "RUNNING" : "PENDING");
    if (stopped && t->exit_code >= 0) {
        /* the app exits with the task's code; a sidecar is stopped with it (SIGTERM) */
        cJSON_AddNumberToObject(c, "exitCode", ci == 0 ? t->exit_code
                                               : t->exit_code == 0 ? 0 : 143);
        if (ci == 0 && t->exit_code > 0)
            cJSON_AddStringToObject(c, "reason", "Essential container in task exited");
    }
    cJSON_AddStringToObject(c, "healthStatus", ci == 0 ? sim_task_health(t, now) : "UNKNOWN");
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
    const struct sim_td *td = sim_world_task_td(w, ti);
    char rest[160], arn[256];
    int64_t now = w->now_ms;
    cJSON *o = cJSON_CreateObject();
    snprintf(rest, sizeof rest, "%s/%s", w->cluster, t->id);
    add_arn(o, w, "taskArn", "task", rest);
    add_arn(o, w, "clusterArn", "cluster", w->cluster);
    sim_ecs_td_arn(w, s->family, t->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinitionArn", arn);
    const char *st = sim_task_last_status(t, now);
    cJSON_AddStringToObject(o, "lastStatus", st ? st : "PROVISIONING");
    cJSON_AddStringToObject(o, "desiredStatus", sim_task_desired_status(t, now));
    cJSON_AddStringToObject(o, "healthStatus", sim_task_health(t, now));
    cJSON_AddStringToObject(o, "availabilityZone", t->az);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    cJSON_AddStringToObject(o, "platformVersion", "1.4.0");
    cJSON_AddStringToObject(o, "cpu", "256");
    cJSON_AddStringToObject(o, "memory", "512");
    snprintf(rest, sizeof rest, "service:%s", s->name);
    cJSON_AddStringToObject(o, "group", rest);
    cJSON_AddStringToObject(o, "startedBy", t->deployment_id);
    cJSON_AddNumberToObject(o, "createdAt", (double)t->created_ms / 1000.0);
    if (t->pending_ms <= now)
        cJSON_AddNumberToObject(o, "pullStartedAt", (double)t->pending_ms / 1000.0);
    if (t->running_ms <= now) {
        cJSON_AddNumberToObject(o, "pullStoppedAt", (double)t->running_ms / 1000.0);
        cJSON_AddNumberToObject(o, "startedAt", (double)t->running_ms / 1000.0);
    }
    if (t->stopping_ms && t->stopping_ms <= now) {
        cJSON_AddNumberToObject(o, "stoppingAt", (double)t->stopping_ms / 1000.0);
        cJSON_AddStringToObject(o, "stoppedReason", t->stopped_reason);
        cJSON_AddStringToObject(o, "stopCode", t->stop_code);
    }
    if (t->stopped_ms && t->stopped_ms <= now)
        cJSON_AddNumberToObject(o, "stoppedAt", (double)t->stopped_ms / 1000.0);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "attachments"), eni_attachment(t));
    cJSON *cs = cJSON_AddArrayToObject(o, "containers");
    for (int i = 0; td && i < td->ncontainers; i++)
        cJSON_AddItemToArray(cs, container_json(w, t, td, i));
    return o;
}

static cJSON *log_config_json(const struct sim_world *w, const struct sim_container_def *cd)
{
    cJSON *lc = cJSON_CreateObject();
    cJSON_AddStringToObject(lc, "logDriver", cd->log_driver);
    cJSON *opt = cJSON_AddObjectToObject(lc, "options");
    if (strcmp(cd->log_driver, "awsfirelens") == 0) {
        cJSON_AddStringToObject(opt, "Name", "cloudwatch_logs");
        cJSON_AddStringToObject(opt, "region", w->region);
        cJSON_AddStringToObject(opt, "log_group_name", cd->log_group);
        cJSON_AddStringToObject(opt, "log_stream_prefix", cd->stream_prefix);
        cJSON_AddStringToObject(opt, "auto_create_group", "true");
    } else {
        cJSON_AddStringToObject(opt, "awslogs-group", cd->log_group);
        cJSON_AddStringToObject(opt, "awslogs-region", w->region);
        cJSON_AddStringToObject(opt, "awslogs-stream-prefix", cd->stream_prefix);
    }
    return lc;
}

static cJSON *container_def_json(const struct sim_world *w, const struct sim_td *td, int ci)
{
    const struct sim_container_def *cd = &td->containers[ci];
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "name", cd->name);
    cJSON_AddStringToObject(c, "image", cd->firelens_router
                                            ? "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"
                                            : td->image);
    cJSON_AddBoolToObject(c, "essential", cd->essential);
    cJSON_AddNumberToObject(c, "cpu", 0);
    cJSON *pms = cJSON_AddArrayToObject(c, "portMappings");
    if (cd->port) {
        cJSON *pm = cJSON_CreateObject();
        cJSON_AddNumberToObject(pm, "containerPort", cd->port);
        cJSON_AddNumberToObject(pm, "hostPort", cd->port);
        cJSON_AddStringToObject(pm, "protocol", "tcp");
        cJSON_AddItemToArray(pms, pm);
        cJSON *env = cJSON_AddArrayToObject(c, "environment");
        const char *kv[][2] = { { "RELEASE", td->release }, { "BOOT_BUDGET_MS", "5000" },
                                { "BOOT_HARD_LIMIT_MULTIPLIER", "2.0" } };
        for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) {
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "name", kv[i][0]);
            cJSON_AddStringToObject(e, "value", kv[i][1]);
            cJSON_AddItemToArray(env, e);
        }
    }
    if (cd->firelens_router) {
        cJSON *fc = cJSON_AddObjectToObject(c, "firelensConfiguration");
        cJSON_AddStringToObject(fc, "type", "fluentbit");
    }
    cJSON_AddItemToObject(c, "logConfiguration", log_config_json(w, cd));
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
    cJSON_AddNumberToObject(o, "registeredAt", (double)td->registered_ms / 1000.0);
    cJSON *cds = cJSON_AddArrayToObject(o, "containerDefinitions");
    for (int i = 0; i < td->ncontainers; i++)
        cJSON_AddItemToArray(cds, container_def_json(w, td, i));
    cJSON *rc = cJSON_AddArrayToObject(o, "requiresCompatibilities");
    cJSON_AddItemToArray(rc, cJSON_CreateString("FARGATE"));
    return o;
}
