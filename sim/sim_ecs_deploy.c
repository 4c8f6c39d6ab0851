/* sim_ecs_deploy: StopTask and the service-deployment history. A service
 * deployment and its target service revision share the deployment's number
 * ("ecs-svc/4200000007" → …/service-deployment/demo-fargate/svc/4200000007 and
 * …/service-revision/demo-fargate/svc/4200000007). */
#include "sim_ecs_deploy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_ecs_json.h"

cJSON *sim_ecs_stop_task(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (!sim_world_is_cluster(w, sim_ecs_str(req, "cluster")))
        return sim_ecs_fail(r, "ClusterNotFoundException", "Cluster not found.");
    const char *id = sim_ecs_str(req, "task");
    if (!id)
        return sim_ecs_fail(r, "InvalidParameterException", "task is required.");
    int ti = sim_world_find_task(w, id);
    if (ti < 0)
        return sim_ecs_fail(r, "InvalidParameterException", "The referenced task was not found.");
    const char *reason = sim_ecs_str(req, "reason");
    char copy[40];
    snprintf(copy, sizeof copy, "%s", w->tasks[ti].id);
    sim_world_stop_task(w, ti, reason, w->now_ms);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "task", sim_ecs_task_json(w, sim_world_find_task(w, copy)));
    return o;
}

static void arn_of(const struct sim_world *w, int si, const char *kind, const char *dep_id,
                   char *out, size_t n)
{
    const char *num = strchr(dep_id, '/');
    char rest[200];
    snprintf(rest, sizeof rest, "%s/%s/%s", w->cluster, w->services[si].name,
             num ? num + 1 : dep_id);
    sim_world_arn(w, kind, rest, out, n);
}

/* The deployment record (history, else live) whose ARN of this kind is arn. */
static const struct sim_deployment *find_by_arn(const struct sim_world *w, const char *kind,
                                                const char *arn, int *si_out)
{
    char mine[256];
    for (int si = 0; si < w->nservices; si++) {
        const struct sim_service *s = &w->services[si];
        for (int k = 0; k < s->nhistory + s->ndeployments; k++) {
            const struct sim_deployment *d =
                k < s->nhistory ? &s->history[k] : &s->deployments[k - s->nhistory];
            arn_of(w, si, kind, d->id, mine, sizeof mine);
            if (strcmp(mine, arn) == 0) {
                *si_out = si;
                return d;
            }
        }
    }
    return NULL;
}

/* The service revision a deployment replaced: the newest older record of its
 * source revision. */
static const struct sim_deployment *source_of(const struct sim_service *s,
                                              const struct sim_deployment *d)
{
    for (int i = 0; i < s->nhistory; i++)
        if (s->history[i].created_ms < d->created_ms &&
            s->history[i].td_revision == d->source_revision)
            return &s->history[i];
    return NULL;
}

static cJSON *brief_json(const struct sim_world *w, int si, const struct sim_deployment *d)
{
    char arn[256];
    cJSON *o = cJSON_CreateObject();
    arn_of(w, si, "service-deployment", d->id, arn, sizeof arn);
    cJSON_AddStringToObject(o, "serviceDeploymentArn", arn);
    char rest[160];
    snprintf(rest, sizeof rest, "%s/%s", w->cluster, w->services[si].name);
    sim_world_arn(w, "service", rest, arn, sizeof arn);
    cJSON_AddStringToObject(o, "serviceArn", arn);
    sim_world_arn(w, "cluster", w->cluster, arn, sizeof arn);
    cJSON_AddStringToObject(o, "clusterArn", arn);
    cJSON_AddNumberToObject(o, "createdAt", sim_ecs_secs(d->created_ms));
    cJSON_AddNumberToObject(o, "startedAt", sim_ecs_secs(d->created_ms));
    if (d->finished_ms)
        cJSON_AddNumberToObject(o, "finishedAt", sim_ecs_secs(d->finished_ms));
    arn_of(w, si, "service-revision", d->id, arn, sizeof arn);
    cJSON_AddStringToObject(o, "targetServiceRevisionArn", arn);
    cJSON_AddStringToObject(o, "status", d->sd_status);
    cJSON_AddStringToObject(o, "statusReason", d->reason);
    return o;
}

static int wanted_status(const cJSON *filter, const char *status)
{
    if (!cJSON_IsArray(filter) || !cJSON_GetArraySize(filter))
        return 1;
    const cJSON *it;
    cJSON_ArrayForEach(it, filter)
        if (cJSON_IsString(it) && strcmp(it->valuestring, status) == 0)
            return 1;
    return 0;
}

cJSON *sim_ecs_list_service_deployments(struct sim_world *w, const cJSON *req,
                                        struct sim_reply *r)
{
    if (!sim_world_is_cluster(w, sim_ecs_str(req, "cluster")))
        return sim_ecs_fail(r, "ClusterNotFoundException", "Cluster not found.");
    const char *svc = sim_ecs_str(req, "service");
    if (!svc)
        return sim_ecs_fail(r, "InvalidParameterException", "service is required.");
    int si = sim_world_find_service(w, svc);
    if (si < 0)
        return sim_ecs_fail(r, "ServiceNotFoundException", "Service not found.");
    const struct sim_service *s = &w->services[si];
    const cJSON *mr = cJSON_GetObjectItemCaseSensitive(req, "maxResults");
    int max = sim_route_max_results(cJSON_IsNumber(mr) ? mr->valuedouble : 0, mr != NULL, 20,
                                    100);
    const char *tok = sim_ecs_str(req, "nextToken");
    long start = tok ? sim_route_parse_token(tok) : 0;
    if (max < 0 || start < 0 || start > s->nhistory)
        return sim_ecs_fail(r, "InvalidParameterException", "Invalid maxResults or nextToken.");
    const cJSON *filter = cJSON_GetObjectItemCaseSensitive(req, "status");
    cJSON *o = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(o, "serviceDeployments");
    int k = (int)start, n = 0;
    for (; k < s->nhistory && n < max; k++)
        if (wanted_status(filter, s->history[k].sd_status))
            cJSON_AddItemToArray(a, brief_json(w, si, &s->history[k])), n++;
    if (k < s->nhistory) {
        char t[32];
        sim_route_token(k, t, sizeof t);
        cJSON_AddStringToObject(o, "nextToken", t);
    }
    return o;
}

static cJSON *revision_summary(const struct sim_world *w, int si, const struct sim_deployment *d,
                               int requested)
{
    char arn[256];
    cJSON *o = cJSON_CreateObject();
    arn_of(w, si, "service-revision", d->id, arn, sizeof arn);
    cJSON_AddStringToObject(o, "arn", arn);
    int running = 0, pending = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const char *st = sim_task_last_status(&w->tasks[i], w->now_ms);
        if (!st || w->tasks[i].service != si || w->tasks[i].td_revision != d->td_revision)
            continue;
        running += strcmp(st, "RUNNING") == 0;
        pending += strcmp(st, "PENDING") == 0 || strcmp(st, "PROVISIONING") == 0;
    }
    cJSON_AddNumberToObject(o, "requestedTaskCount", requested);
    cJSON_AddNumberToObject(o, "runningTaskCount", running);
    cJSON_AddNumberToObject(o, "pendingTaskCount", pending);
    return o;
}

static cJSON *full_json(const struct sim_world *w, int si, const struct sim_deployment *d)
{
    const struct sim_service *s = &w->services[si];
    cJSON *o = brief_json(w, si, d);
    cJSON_AddNumberToObject(o, "updatedAt", sim_ecs_secs(d->updated_ms));
    int done = d->finished_ms != 0;
    cJSON_AddItemToObject(o, "targetServiceRevision",
                          revision_summary(w, si, d, done && d->sd_status[0] != 'S' ? 0
                                                                                   : d->desired));
    cJSON *srcs = cJSON_AddArrayToObject(o, "sourceServiceRevisions");
    const struct sim_deployment *src = source_of(s, d);
    if (src)
        cJSON_AddItemToArray(srcs, revision_summary(w, si, src, 0));
    cJSON *cb = cJSON_AddObjectToObject(o, "deploymentCircuitBreaker");
    int threshold = (d->desired + 1) / 2 < 3 ? 3 : (d->desired + 1) / 2;
    int failed = d->failed_tasks;
    for (int i = 0; i < s->ndeployments; i++)
        if (strcmp(s->deployments[i].id, d->id) == 0)
            failed = s->deployments[i].failed_tasks;
    cJSON_AddStringToObject(cb, "status", strncmp(d->sd_status, "ROLLBACK", 8) == 0
                                              ? "TRIGGERED"
                                              : "MONITORING");
    cJSON_AddNumberToObject(cb, "failureCount", failed);
    cJSON_AddNumberToObject(cb, "threshold", threshold);
    if (strncmp(d->sd_status, "ROLLBACK", 8) == 0 && src) {
        cJSON *rb = cJSON_AddObjectToObject(o, "rollback");
        char arn[256];
        cJSON_AddStringToObject(rb, "reason", "ECS deployment circuit breaker: tasks failed to start.");
        cJSON_AddNumberToObject(rb, "startedAt", sim_ecs_secs(d->updated_ms));
        arn_of(w, si, "service-revision", src->id, arn, sizeof arn);
        cJSON_AddStringToObject(rb, "serviceRevisionArn", arn);
    }
    return o;
}

/* Answer a Describe* over an ARN list: found ones through fn, the rest as failures. */
static cJSON *describe(struct sim_world *w, const cJSON *req, struct sim_reply *r,
                       const char *key, const char *kind, const char *out_key,
                       cJSON *(*fn)(const struct sim_world *, int, const struct sim_deployment *))
{
    const cJSON *arns = cJSON_GetObjectItemCaseSensitive(req, key);
    int n = cJSON_IsArray(arns) ? cJSON_GetArraySize(arns) : -1;
    if (n < 1 || n > 20)
        return sim_ecs_fail(r, "InvalidParameterException", "Between 1 and 20 ARNs are required.");
    cJSON *o = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(o, out_key);
    cJSON *fs = cJSON_AddArrayToObject(o, "failures");
    const cJSON *it;
    cJSON_ArrayForEach(it, arns) {
        const char *arn = cJSON_IsString(it) ? it->valuestring : "";
        int si;
        const struct sim_deployment *d = find_by_arn(w, kind, arn, &si);
        if (d)
            cJSON_AddItemToArray(items, fn(w, si, d));
        else
            cJSON_AddItemToArray(fs, sim_ecs_failure_json(arn, "MISSING"));
    }
    return o;
}

cJSON *sim_ecs_describe_service_deployments(struct sim_world *w, const cJSON *req,
                                            struct sim_reply *r)
{
    return describe(w, req, r, "serviceDeploymentArns", "service-deployment",
                    "serviceDeployments", full_json);
}

static cJSON *revision_json(const struct sim_world *w, int si, const struct sim_deployment *d)
{
    const struct sim_service *s = &w->services[si];
    char arn[256], rest[160];
    cJSON *o = cJSON_CreateObject();
    arn_of(w, si, "service-revision", d->id, arn, sizeof arn);
    cJSON_AddStringToObject(o, "serviceRevisionArn", arn);
    snprintf(rest, sizeof rest, "%s/%s", w->cluster, s->name);
    sim_world_arn(w, "service", rest, arn, sizeof arn);
    cJSON_AddStringToObject(o, "serviceArn", arn);
    sim_world_arn(w, "cluster", w->cluster, arn, sizeof arn);
    cJSON_AddStringToObject(o, "clusterArn", arn);
    sim_ecs_td_arn(w, s->family, d->td_revision, arn, sizeof arn);
    cJSON_AddStringToObject(o, "taskDefinition", arn);
    cJSON_AddStringToObject(o, "launchType", "FARGATE");
    cJSON_AddStringToObject(o, "platformVersion", "1.4.0");
    cJSON_AddNumberToObject(o, "createdAt", sim_ecs_secs(d->created_ms));
    cJSON *imgs = cJSON_AddArrayToObject(o, "containerImages");
    const struct sim_td *td = sim_world_find_td(w, s->family, d->td_revision);
    if (td) {
        cJSON *im = cJSON_CreateObject();
        cJSON_AddStringToObject(im, "containerName", td->containers[0].name);
        cJSON_AddStringToObject(im, "image", td->image);
        snprintf(rest, sizeof rest, "sha256:%016llx%048d",
                 0x5e1a000000000000ull + (unsigned long long)td->revision * 7919u, 0);
        cJSON_AddStringToObject(im, "imageDigest", rest);
        cJSON_AddItemToArray(imgs, im);
    }
    return o;
}

cJSON *sim_ecs_describe_service_revisions(struct sim_world *w, const cJSON *req,
                                          struct sim_reply *r)
{
    return describe(w, req, r, "serviceRevisionArns", "service-revision", "serviceRevisions",
                    revision_json);
}
