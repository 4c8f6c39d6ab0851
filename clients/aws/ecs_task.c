/* ecs_task: DescribeTasks and StopTask responses: tasks, their containers
 * (exit codes, health) and the task's private IP (awsvpc ENI attachment, else
 * a container's network interface). */
#include "clients/aws/ecs_internal.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static int container_ip_from_json(struct ej *c, const cJSON *o, const char *p,
                                  struct ecs_container *ct)
{
    const cJSON *nis, *ni;
    size_t n, i = 0;
    if (ej_array(c, o, p, "networkInterfaces", &nis, &n) < 0)
        return -1;
    cJSON_ArrayForEach(ni, nis) {
        char q[EJ_PATH_MAX];
        ej_item(q, sizeof q, p, "networkInterfaces", i++);
        if (ej_need_object(c, ni, q) < 0 ||
            ej_str(c, ni, q, "privateIpv4Address", &ct->private_ipv4) < 0)
            return -1;
        if (ct->private_ipv4)
            break;
    }
    return 0;
}

static int container_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_container *ct = item;
    const cJSON *code = cJSON_GetObjectItemCaseSensitive(o, "exitCode");
    if (ej_str(c, o, p, "containerArn", &ct->container_arn) < 0 ||
        ej_str(c, o, p, "name", &ct->name) < 0 || ej_str(c, o, p, "image", &ct->image) < 0 ||
        ej_str(c, o, p, "imageDigest", &ct->image_digest) < 0 ||
        ej_str(c, o, p, "runtimeId", &ct->runtime_id) < 0 ||
        ej_str(c, o, p, "lastStatus", &ct->last_status) < 0 ||
        ej_str(c, o, p, "reason", &ct->reason) < 0 ||
        ej_str(c, o, p, "healthStatus", &ct->health_status) < 0 ||
        ej_int(c, o, p, "exitCode", &ct->exit_code) < 0)
        return -1;
    ct->has_exit_code = code && !cJSON_IsNull(code);
    return container_ip_from_json(c, o, p, ct);
}

/* attachments[] {type, details[] {name, value}}: the ENI's privateIPv4Address */
static int attachment_ip_from_json(struct ej *c, const cJSON *o, const char *p,
                                   struct ecs_task *t)
{
    const cJSON *atts, *att;
    size_t n, i = 0;
    if (ej_array(c, o, p, "attachments", &atts, &n) < 0)
        return -1;
    cJSON_ArrayForEach(att, atts) {
        char q[EJ_PATH_MAX];
        struct ecs_kv *details = NULL;
        size_t nd = 0;
        ej_item(q, sizeof q, p, "attachments", i++);
        if (ej_need_object(c, att, q) < 0 || ej_kvs(c, att, q, "details", &details, &nd) < 0) {
            ej_kvs_free(details, nd);
            return -1;
        }
        for (size_t k = 0; k < nd && !t->private_ipv4; k++)
            if (details[k].name && details[k].value &&
                strcmp(details[k].name, "privateIPv4Address") == 0)
                t->private_ipv4 = xstrdup(details[k].value);
        ej_kvs_free(details, nd);
    }
    return 0;
}

static int task_fields_from_json(struct ej *c, const cJSON *o, const char *p,
                                 struct ecs_task *t)
{
    if (ej_str(c, o, p, "taskArn", &t->task_arn) < 0 ||
        ej_str(c, o, p, "clusterArn", &t->cluster_arn) < 0 ||
        ej_str(c, o, p, "taskDefinitionArn", &t->task_definition_arn) < 0 ||
        ej_str(c, o, p, "lastStatus", &t->last_status) < 0 ||
        ej_str(c, o, p, "desiredStatus", &t->desired_status) < 0 ||
        ej_str(c, o, p, "healthStatus", &t->health_status) < 0 ||
        ej_str(c, o, p, "availabilityZone", &t->availability_zone) < 0 ||
        ej_str(c, o, p, "launchType", &t->launch_type) < 0 ||
        ej_str(c, o, p, "cpu", &t->cpu) < 0 || ej_str(c, o, p, "memory", &t->memory) < 0 ||
        ej_str(c, o, p, "group", &t->group) < 0 ||
        ej_str(c, o, p, "startedBy", &t->started_by) < 0 ||
        ej_str(c, o, p, "stoppedReason", &t->stopped_reason) < 0 ||
        ej_str(c, o, p, "stopCode", &t->stop_code) < 0 ||
        ej_time(c, o, p, "createdAt", &t->created_at_ms) < 0 ||
        ej_time(c, o, p, "startedAt", &t->started_at_ms) < 0 ||
        ej_time(c, o, p, "stoppingAt", &t->stopping_at_ms) < 0 ||
        ej_time(c, o, p, "stoppedAt", &t->stopped_at_ms) < 0)
        return -1;
    return 0;
}

int ecs_task_from_json(struct ej *c, const cJSON *o, const char *p, struct ecs_task *t)
{
    void *items = NULL;
    if (task_fields_from_json(c, o, p, t) < 0)
        return -1;
    int rc = ej_objects(c, o, p, "containers", sizeof *t->containers, container_from_json,
                        &items, &t->ncontainers);
    t->containers = items;
    if (rc < 0 || attachment_ip_from_json(c, o, p, t) < 0)
        return -1;
    for (size_t i = 0; !t->private_ipv4 && i < t->ncontainers; i++)
        t->private_ipv4 = xstrdup(t->containers[i].private_ipv4);
    return 0;
}

static int task_item(struct ej *c, const cJSON *o, const char *p, void *item)
{
    return ecs_task_from_json(c, o, p, item);
}

int ecs_parse_describe_tasks(const char *body, size_t len, struct ecs_tasks *out,
                             struct rw_err *err)
{
    struct ej c = {"DescribeTasks", err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    void *items = NULL;
    int rc = ej_objects(&c, root, "", "tasks", sizeof *out->tasks, task_item, &items,
                        &out->ntasks);
    out->tasks = items;
    if (rc == 0)
        rc = ej_failures(&c, root, &out->failures, &out->nfailures);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_tasks_free(out);
    return rc;
}

int ecs_parse_stop_task(const char *body, size_t len, struct ecs_task *out, struct rw_err *err)
{
    struct ej c = {"StopTask", err};
    const cJSON *task;
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    int rc = ej_object(&c, root, "", "task", &task);
    if (rc == 0 && task)
        rc = ecs_task_from_json(&c, task, "task", out);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_task_free(out);
    return rc;
}

static void containers_free(struct ecs_container *ct, size_t n)
{
    for (size_t i = 0; ct && i < n; i++) {
        free(ct[i].container_arn);
        free(ct[i].name);
        free(ct[i].image);
        free(ct[i].image_digest);
        free(ct[i].runtime_id);
        free(ct[i].last_status);
        free(ct[i].reason);
        free(ct[i].health_status);
        free(ct[i].private_ipv4);
    }
    free(ct);
}

void ecs_task_free(struct ecs_task *t)
{
    if (!t)
        return;
    char **strs[] = {
        &t->task_arn, &t->cluster_arn, &t->task_definition_arn, &t->last_status,
        &t->desired_status, &t->health_status, &t->availability_zone, &t->launch_type,
        &t->cpu, &t->memory, &t->group, &t->started_by, &t->stopped_reason, &t->stop_code,
        &t->private_ipv4,
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(*strs[i]);
    containers_free(t->containers, t->ncontainers);
    memset(t, 0, sizeof *t);
}

void ecs_tasks_free(struct ecs_tasks *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->tasks && i < t->ntasks; i++)
        ecs_task_free(&t->tasks[i]);
    free(t->tasks);
    ej_failures_free(t->failures, t->nfailures);
    memset(t, 0, sizeof *t);
}
