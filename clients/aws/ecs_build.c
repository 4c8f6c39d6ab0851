/* ecs_build: request bodies for the ECS operations, built with cJSON so
 * names and ARNs with quotes or control characters are escaped correctly.
 * Arguments are checked against the API's limits before anything is sent. */
#include "clients/aws/ecs.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static cJSON *oom(cJSON *item)
{
    if (!item)
        rw_die("out of memory building an ECS request");
    return item;
}

/* Add key: value unless value is NULL or empty (absent). */
static void add_str(cJSON *o, const char *key, const char *value)
{
    if (value && value[0])
        oom(cJSON_AddStringToObject(o, key, value));
}

static void add_strv(cJSON *o, const char *key, const char *const *v, size_t n)
{
    cJSON *arr = oom(cJSON_AddArrayToObject(o, key));
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(arr, oom(cJSON_CreateString(v[i])));
}

static void add_max_results(cJSON *o, int max_results)
{
    if (max_results > 0)
        oom(cJSON_AddNumberToObject(o, "maxResults", max_results));
}

static void add_include_tags(cJSON *o, bool include_tags)
{
    static const char *const tags[] = {"TAGS"};
    if (include_tags)
        add_strv(o, "include", tags, 1);
}

/* The unformatted JSON as a malloc'd string; frees o. */
static char *finish(cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s)
        rw_die("out of memory printing an ECS request");
    char *out = xstrdup(s);
    cJSON_free(s);
    return out;
}

static int need(const char *op, const char *what, const char *value, struct rw_err *err)
{
    if (value && value[0])
        return 0;
    return rw_err_set(err, RW_E_USAGE, "%s: %s is required", op, what);
}

static int need_list(const char *op, const char *what, const char *const *v, size_t n,
                     size_t min, size_t max, struct rw_err *err)
{
    if (n < min || n > max || (n && !v))
        return rw_err_set(err, RW_E_USAGE, "%s: %zu %s given, want %zu to %zu", op, n, what,
                          min, max);
    for (size_t i = 0; i < n; i++)
        if (!v[i] || !v[i][0])
            return rw_err_set(err, RW_E_USAGE, "%s: %s[%zu] is empty", op, what, i);
    return 0;
}

static int need_max_results(const char *op, int max_results, struct rw_err *err)
{
    if (max_results >= 0 && max_results <= 100)
        return 0;
    return rw_err_set(err, RW_E_USAGE, "%s: maxResults %d is outside 1 to 100", op,
                      max_results);
}

/* The common shape of the List* calls: optional string key, token, max. */
static char *build_page(const char *op, const char *key, const char *value,
                        const char *next_token, int max_results, struct rw_err *err)
{
    if (need_max_results(op, max_results, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    if (key)
        add_str(o, key, value);
    add_str(o, "nextToken", next_token);
    add_max_results(o, max_results);
    return finish(o);
}

char *ecs_build_list_clusters(const char *next_token, int max_results, struct rw_err *err)
{
    return build_page("ListClusters", NULL, NULL, next_token, max_results, err);
}

char *ecs_build_describe_clusters(const char *const *clusters, size_t n, struct rw_err *err)
{
    if (need_list("DescribeClusters", "clusters", clusters, n, 0, 100, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    if (n)
        add_strv(o, "clusters", clusters, n);
    return finish(o);
}

char *ecs_build_list_services(const char *cluster, const char *next_token, int max_results,
                              struct rw_err *err)
{
    return build_page("ListServices", "cluster", cluster, next_token, max_results, err);
}

char *ecs_build_describe_services(const char *cluster, const char *const *services, size_t n,
                                  bool include_tags, struct rw_err *err)
{
    if (need_list("DescribeServices", "services", services, n, 1, 10, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "cluster", cluster);
    add_strv(o, "services", services, n);
    add_include_tags(o, include_tags);
    return finish(o);
}

char *ecs_build_list_tasks(const char *cluster, const char *service_name,
                           enum ecs_desired_status desired, const char *next_token,
                           int max_results, struct rw_err *err)
{
    static const char *const names[] = {
        [ECS_DESIRED_ANY] = NULL, [ECS_DESIRED_RUNNING] = "RUNNING",
        [ECS_DESIRED_PENDING] = "PENDING", [ECS_DESIRED_STOPPED] = "STOPPED",
    };
    if ((unsigned)desired >= sizeof names / sizeof names[0]) {
        rw_err_set(err, RW_E_USAGE, "ListTasks: unknown desiredStatus %d", (int)desired);
        return NULL;
    }
    if (need_max_results("ListTasks", max_results, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "cluster", cluster);
    add_str(o, "serviceName", service_name);
    add_str(o, "desiredStatus", names[desired]);
    add_str(o, "nextToken", next_token);
    add_max_results(o, max_results);
    return finish(o);
}

char *ecs_build_describe_tasks(const char *cluster, const char *const *tasks, size_t n,
                               struct rw_err *err)
{
    if (need_list("DescribeTasks", "tasks", tasks, n, 1, 100, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "cluster", cluster);
    add_strv(o, "tasks", tasks, n);
    return finish(o);
}

char *ecs_build_describe_task_definition(const char *task_definition, bool include_tags,
                                         struct rw_err *err)
{
    if (need("DescribeTaskDefinition", "taskDefinition", task_definition, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "taskDefinition", task_definition);
    add_include_tags(o, include_tags);
    return finish(o);
}

char *ecs_build_list_task_definitions(const char *family_prefix, enum ecs_td_status status,
                                      bool newest_first, const char *next_token,
                                      int max_results, struct rw_err *err)
{
    static const char *const names[] = {
        [ECS_TD_ANY] = NULL, [ECS_TD_ACTIVE] = "ACTIVE", [ECS_TD_INACTIVE] = "INACTIVE",
        [ECS_TD_DELETE_IN_PROGRESS] = "DELETE_IN_PROGRESS",
    };
    if ((unsigned)status >= sizeof names / sizeof names[0]) {
        rw_err_set(err, RW_E_USAGE, "ListTaskDefinitions: unknown status %d", (int)status);
        return NULL;
    }
    if (need_max_results("ListTaskDefinitions", max_results, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "familyPrefix", family_prefix);
    add_str(o, "status", names[status]);
    add_str(o, "sort", newest_first ? "DESC" : NULL);
    add_str(o, "nextToken", next_token);
    add_max_results(o, max_results);
    return finish(o);
}

char *ecs_build_list_service_deployments(const char *cluster, const char *service,
                                         const enum ecs_sd_status *statuses, size_t nstatuses,
                                         const char *next_token, int max_results,
                                         struct rw_err *err)
{
    const char *op = "ListServiceDeployments";
    if (need(op, "service", service, err) < 0 || need_max_results(op, max_results, err) < 0)
        return NULL;
    for (size_t i = 0; i < nstatuses; i++)
        if (!statuses || !ecs_sd_status_name(statuses[i])) {
            rw_err_set(err, RW_E_USAGE, "%s: status[%zu] is not a deployment status", op, i);
            return NULL;
        }
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "service", service);
    add_str(o, "cluster", cluster);
    if (nstatuses) {
        cJSON *arr = oom(cJSON_AddArrayToObject(o, "status"));
        for (size_t i = 0; i < nstatuses; i++)
            cJSON_AddItemToArray(arr, oom(cJSON_CreateString(ecs_sd_status_name(statuses[i]))));
    }
    add_str(o, "nextToken", next_token);
    add_max_results(o, max_results);
    return finish(o);
}

static char *build_arns(const char *op, const char *key, const char *const *arns, size_t n,
                        struct rw_err *err)
{
    if (need_list(op, key, arns, n, 1, 20, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_strv(o, key, arns, n);
    return finish(o);
}

char *ecs_build_describe_service_deployments(const char *const *arns, size_t n,
                                             struct rw_err *err)
{
    return build_arns("DescribeServiceDeployments", "serviceDeploymentArns", arns, n, err);
}

char *ecs_build_describe_service_revisions(const char *const *arns, size_t n,
                                           struct rw_err *err)
{
    return build_arns("DescribeServiceRevisions", "serviceRevisionArns", arns, n, err);
}

char *ecs_build_update_service(const char *cluster, const char *service,
                               const char *task_definition, int desired_count,
                               bool force_new_deployment, struct rw_err *err)
{
    if (need("UpdateService", "service", service, err) < 0)
        return NULL;
    if (desired_count < 0 && desired_count != ECS_DESIRED_COUNT_UNCHANGED) {
        rw_err_set(err, RW_E_USAGE, "UpdateService: desiredCount %d is negative",
                   desired_count);
        return NULL;
    }
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "cluster", cluster);
    add_str(o, "service", service);
    add_str(o, "taskDefinition", task_definition);
    if (desired_count != ECS_DESIRED_COUNT_UNCHANGED)
        oom(cJSON_AddNumberToObject(o, "desiredCount", desired_count));
    oom(cJSON_AddBoolToObject(o, "forceNewDeployment", force_new_deployment));
    return finish(o);
}

char *ecs_build_stop_task(const char *cluster, const char *task, const char *reason,
                          struct rw_err *err)
{
    if (need("StopTask", "task", task, err) < 0)
        return NULL;
    cJSON *o = oom(cJSON_CreateObject());
    add_str(o, "cluster", cluster);
    add_str(o, "task", task);
    add_str(o, "reason", reason);
    return finish(o);
}
