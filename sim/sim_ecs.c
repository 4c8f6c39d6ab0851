/* sim_ecs: request parsing and the read operations of ECS. Each handler gets
 * the parsed request and the locked world and either builds the reply object
 * or fills an error. Lists page with opaque "rwsim-N" tokens. */
#include "sim_ecs.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_ecs_json.h"
#include "sim_ecs_deploy.h"
#include "sim_ecs_update.h"

typedef cJSON *(*handler_fn)(struct sim_world *w, const cJSON *req, struct sim_reply *r);

static cJSON *invalid(struct sim_reply *r, const char *msg)
{
    return sim_ecs_fail(r, "InvalidParameterException", msg);
}

/* The cluster named in req (default "default"); 0, or -1 with r filled. */
static int need_cluster(const struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (sim_world_is_cluster(w, sim_ecs_str(req, "cluster")))
        return 0;
    sim_route_error(r, 400, "ClusterNotFoundException", "Cluster not found.");
    return -1;
}

cJSON *sim_ecs_page(char **arns, int n, const cJSON *req, const char *key, struct sim_reply *r)
{
    const cJSON *mr = cJSON_GetObjectItemCaseSensitive(req, "maxResults");
    int max = sim_route_max_results(cJSON_IsNumber(mr) ? mr->valuedouble : 0, mr != NULL, 100,
                                    100);
    const char *tok = sim_ecs_str(req, "nextToken");
    long start = tok ? sim_route_parse_token(tok) : 0;
    if (max < 0 || (mr && !cJSON_IsNumber(mr)))
        return invalid(r, "maxResults must be between 1 and 100.");
    if (start < 0 || start > n)
        return invalid(r, "Invalid token");
    cJSON *o = cJSON_CreateObject();
    cJSON *a = cJSON_AddArrayToObject(o, key);
    long end = start + max < n ? start + max : n;
    for (long i = start; i < end; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(arns[i]));
    if (end < n) {
        char t[32];
        sim_route_token(end, t, sizeof t);
        cJSON_AddStringToObject(o, "nextToken", t);
    }
    return o;
}

static void free_arns(char **arns, int n)
{
    for (int i = 0; i < n; i++)
        free(arns[i]);
}

static cJSON *list_clusters(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    char arn[256];
    sim_world_arn(w, "cluster", w->cluster, arn, sizeof arn);
    char *arns[1] = { arn };
    return sim_ecs_page(arns, 1, req, "clusterArns", r);
}

static cJSON *describe_clusters(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    const cJSON *names = cJSON_GetObjectItemCaseSensitive(req, "clusters");
    if (names && !cJSON_IsArray(names))
        return invalid(r, "clusters must be a list.");
    cJSON *o = cJSON_CreateObject();
    cJSON *cs = cJSON_AddArrayToObject(o, "clusters");
    cJSON *fs = cJSON_AddArrayToObject(o, "failures");
    if (!names || !cJSON_GetArraySize(names)) {
        if (sim_world_is_cluster(w, NULL))
            cJSON_AddItemToArray(cs, sim_ecs_cluster_json(w));
        return o;
    }
    const cJSON *n;
    cJSON_ArrayForEach(n, names) {
        const char *s = cJSON_IsString(n) ? n->valuestring : "";
        if (sim_world_is_cluster(w, s) && *s) {
            cJSON_AddItemToArray(cs, sim_ecs_cluster_json(w));
        } else {
            char arn[256];
            sim_world_arn(w, "cluster", s, arn, sizeof arn);
            cJSON_AddItemToArray(fs, sim_ecs_failure_json(arn, "MISSING"));
        }
    }
    return o;
}

static cJSON *list_services(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (need_cluster(w, req, r) < 0)
        return NULL;
    char *arns[SIM_MAX_SERVICES];
    for (int i = 0; i < w->nservices; i++) {
        char rest[160], arn[256];
        snprintf(rest, sizeof rest, "%s/%s", w->cluster, w->services[i].name);
        sim_world_arn(w, "service", rest, arn, sizeof arn);
        arns[i] = xstrdup(arn);
    }
    cJSON *o = sim_ecs_page(arns, w->nservices, req, "serviceArns", r);
    free_arns(arns, w->nservices);
    return o;
}

static cJSON *describe_services(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (need_cluster(w, req, r) < 0)
        return NULL;
    const cJSON *names = cJSON_GetObjectItemCaseSensitive(req, "services");
    int n = cJSON_IsArray(names) ? cJSON_GetArraySize(names) : -1;
    if (n < 1 || n > 10)
        return invalid(r, "services must contain between 1 and 10 items.");
    cJSON *o = cJSON_CreateObject();
    cJSON *ss = cJSON_AddArrayToObject(o, "services");
    cJSON *fs = cJSON_AddArrayToObject(o, "failures");
    const cJSON *it;
    cJSON_ArrayForEach(it, names) {
        const char *s = cJSON_IsString(it) ? it->valuestring : "";
        int si = sim_world_find_service(w, s);
        if (si >= 0) {
            cJSON_AddItemToArray(ss, sim_ecs_service_json(w, si));
        } else {
            char rest[320], arn[400];
            snprintf(rest, sizeof rest, "%s/%.200s", w->cluster, s);
            sim_world_arn(w, "service", rest, arn, sizeof arn);
            cJSON_AddItemToArray(fs, sim_ecs_failure_json(arn, "MISSING"));
        }
    }
    return o;
}

static cJSON *list_tasks(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (need_cluster(w, req, r) < 0)
        return NULL;
    const char *svc = sim_ecs_str(req, "serviceName");
    const char *want = sim_ecs_str(req, "desiredStatus");
    want = want ? want : "RUNNING";
    int si = svc ? sim_world_find_service(w, svc) : -1;
    if (svc && si < 0)
        return invalid(r, "Service not found.");
    char *arns[SIM_MAX_TASKS];
    int n = 0;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if ((svc && t->service != si) ||
            strcmp(sim_task_desired_status(t, w->now_ms), want) != 0 ||
            (t->stopped_ms && t->stopped_ms + 3600000 < w->now_ms))
            continue; /* ECS forgets stopped tasks after about an hour */
        char rest[160], arn[256];
        snprintf(rest, sizeof rest, "%s/%s", w->cluster, t->id);
        sim_world_arn(w, "task", rest, arn, sizeof arn);
        arns[n++] = xstrdup(arn);
    }
    cJSON *o = sim_ecs_page(arns, n, req, "taskArns", r);
    free_arns(arns, n);
    return o;
}

static cJSON *describe_tasks(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    if (need_cluster(w, req, r) < 0)
        return NULL;
    const cJSON *ids = cJSON_GetObjectItemCaseSensitive(req, "tasks");
    int n = cJSON_IsArray(ids) ? cJSON_GetArraySize(ids) : -1;
    if (n < 1 || n > 100)
        return invalid(r, "Tasks cannot be empty.");
    cJSON *o = cJSON_CreateObject();
    cJSON *ts = cJSON_AddArrayToObject(o, "tasks");
    cJSON *fs = cJSON_AddArrayToObject(o, "failures");
    const cJSON *it;
    cJSON_ArrayForEach(it, ids) {
        const char *s = cJSON_IsString(it) ? it->valuestring : "";
        int ti = sim_world_find_task(w, s);
        if (ti >= 0) {
            cJSON_AddItemToArray(ts, sim_ecs_task_json(w, ti));
        } else {
            char rest[320], arn[400];
            snprintf(rest, sizeof rest, "%s/%.200s", w->cluster, s);
            sim_world_arn(w, "task", rest, arn, sizeof arn);
            cJSON_AddItemToArray(fs, sim_ecs_failure_json(arn, "MISSING"));
        }
    }
    return o;
}

static cJSON *describe_task_definition(struct sim_world *w, const cJSON *req,
                                       struct sim_reply *r)
{
    const char *ref = sim_ecs_str(req, "taskDefinition");
    if (!ref)
        return invalid(r, "taskDefinition is required.");
    const struct sim_td *td = sim_world_resolve_td(w, ref);
    if (!td) {
        sim_route_error(r, 400, "ClientException", "Unable to describe task definition.");
        return NULL;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "taskDefinition", sim_ecs_td_json(w, td));
    cJSON_AddArrayToObject(o, "tags");
    return o;
}

static cJSON *list_task_definitions(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    const char *prefix = sim_ecs_str(req, "familyPrefix");
    const char *status = sim_ecs_str(req, "status");
    const char *sort = sim_ecs_str(req, "sort");
    int desc = sort && strcmp(sort, "DESC") == 0;
    char *arns[SIM_MAX_TDS];
    int n = 0;
    for (int k = 0; k < w->ntds; k++) {
        const struct sim_td *td = &w->tds[desc ? w->ntds - 1 - k : k];
        if ((prefix && strncmp(td->family, prefix, strlen(prefix)) != 0) ||
            (status && strcmp(status, "ACTIVE") != 0))
            continue;
        char arn[256];
        sim_ecs_td_arn(w, td->family, td->revision, arn, sizeof arn);
        arns[n++] = xstrdup(arn);
    }
    cJSON *o = sim_ecs_page(arns, n, req, "taskDefinitionArns", r);
    free_arns(arns, n);
    return o;
}

static const struct {
    const char *op;
    handler_fn fn;
} ops[] = {
    { "ListClusters", list_clusters },
    { "DescribeClusters", describe_clusters },
    { "ListServices", list_services },
    { "DescribeServices", describe_services },
    { "ListTasks", list_tasks },
    { "DescribeTasks", describe_tasks },
    { "DescribeTaskDefinition", describe_task_definition },
    { "ListTaskDefinitions", list_task_definitions },
    { "UpdateService", sim_ecs_update_service },
    { "StopTask", sim_ecs_stop_task },
    { "ListServiceDeployments", sim_ecs_list_service_deployments },
    { "DescribeServiceDeployments", sim_ecs_describe_service_deployments },
    { "DescribeServiceRevisions", sim_ecs_describe_service_revisions },
};

void sim_ecs_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                    struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    handler_fn fn = NULL;
    for (size_t i = 0; op && i < sizeof ops / sizeof *ops; i++)
        if (strcmp(op, ops[i].op) == 0)
            fn = ops[i].fn;
    if (!fn) {
        sim_route_error(r, 400, "UnknownOperationException", NULL);
        return;
    }
    cJSON *req = len ? cJSON_ParseWithLength(body, len) : cJSON_CreateObject();
    if (!cJSON_IsObject(req)) {
        cJSON_Delete(req);
        sim_route_error(r, 400, "SerializationException",
                        "Start of structure or map found where not expected.");
        return;
    }
    pthread_mutex_lock(&w->mu);
    sim_world_advance(w, sim_world_clock(w));
    cJSON *out = fn(w, req, r);
    pthread_mutex_unlock(&w->mu);
    cJSON_Delete(req);
    if (out) {
        r->status = 200;
        r->body = cJSON_PrintUnformatted(out);
        cJSON_Delete(out);
    }
}
