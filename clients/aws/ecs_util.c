/* ecs_util: operation names and targets, status enums, and the small ARN
 * helpers the UI uses (short task id, family:revision). */
#include "clients/aws/ecs.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

#define OP(e, name, mut) [e] = {name, ECS_TARGET_PREFIX name, mut}

static const struct {
    const char *name, *target;
    bool mutating;
} ops[ECS_OP_COUNT] = {
    OP(ECS_OP_LIST_CLUSTERS, "ListClusters", false),
    OP(ECS_OP_DESCRIBE_CLUSTERS, "DescribeClusters", false),
    OP(ECS_OP_LIST_SERVICES, "ListServices", false),
    OP(ECS_OP_DESCRIBE_SERVICES, "DescribeServices", false),
    OP(ECS_OP_LIST_TASKS, "ListTasks", false),
    OP(ECS_OP_DESCRIBE_TASKS, "DescribeTasks", false),
    OP(ECS_OP_DESCRIBE_TASK_DEFINITION, "DescribeTaskDefinition", false),
    OP(ECS_OP_LIST_TASK_DEFINITIONS, "ListTaskDefinitions", false),
    OP(ECS_OP_LIST_SERVICE_DEPLOYMENTS, "ListServiceDeployments", false),
    OP(ECS_OP_DESCRIBE_SERVICE_DEPLOYMENTS, "DescribeServiceDeployments", false),
    OP(ECS_OP_DESCRIBE_SERVICE_REVISIONS, "DescribeServiceRevisions", false),
    OP(ECS_OP_UPDATE_SERVICE, "UpdateService", true),
    OP(ECS_OP_STOP_TASK, "StopTask", true),
};

const char *ecs_op_name(enum ecs_op op)
{
    return (unsigned)op < ECS_OP_COUNT ? ops[op].name : NULL;
}

const char *ecs_op_target(enum ecs_op op)
{
    return (unsigned)op < ECS_OP_COUNT ? ops[op].target : NULL;
}

bool ecs_op_is_mutating(enum ecs_op op)
{
    return (unsigned)op < ECS_OP_COUNT && ops[op].mutating;
}

static const char *const sd_names[] = {
    [ECS_SD_PENDING] = "PENDING",
    [ECS_SD_IN_PROGRESS] = "IN_PROGRESS",
    [ECS_SD_SUCCESSFUL] = "SUCCESSFUL",
    [ECS_SD_STOPPED] = "STOPPED",
    [ECS_SD_STOP_REQUESTED] = "STOP_REQUESTED",
    [ECS_SD_ROLLBACK_REQUESTED] = "ROLLBACK_REQUESTED",
    [ECS_SD_ROLLBACK_IN_PROGRESS] = "ROLLBACK_IN_PROGRESS",
    [ECS_SD_ROLLBACK_SUCCESSFUL] = "ROLLBACK_SUCCESSFUL",
    [ECS_SD_ROLLBACK_FAILED] = "ROLLBACK_FAILED",
};

enum ecs_sd_status ecs_sd_status_parse(const char *s)
{
    for (size_t i = 1; s && i < sizeof sd_names / sizeof sd_names[0]; i++)
        if (sd_names[i] && strcmp(s, sd_names[i]) == 0)
            return (enum ecs_sd_status)i;
    return ECS_SD_UNKNOWN;
}

const char *ecs_sd_status_name(enum ecs_sd_status st)
{
    if ((unsigned)st >= sizeof sd_names / sizeof sd_names[0])
        return NULL;
    return sd_names[st];
}

bool ecs_sd_status_is_final(enum ecs_sd_status st)
{
    return st == ECS_SD_SUCCESSFUL || st == ECS_SD_STOPPED ||
           st == ECS_SD_ROLLBACK_SUCCESSFUL || st == ECS_SD_ROLLBACK_FAILED;
}

enum ecs_rollout ecs_rollout_parse(const char *s)
{
    if (!s)
        return ECS_ROLLOUT_UNKNOWN;
    if (strcmp(s, "IN_PROGRESS") == 0)
        return ECS_ROLLOUT_IN_PROGRESS;
    if (strcmp(s, "COMPLETED") == 0)
        return ECS_ROLLOUT_COMPLETED;
    if (strcmp(s, "FAILED") == 0)
        return ECS_ROLLOUT_FAILED;
    return ECS_ROLLOUT_UNKNOWN;
}

const char *ecs_arn_name(const char *arn)
{
    if (!arn)
        return NULL;
    const char *slash = strrchr(arn, '/');
    return slash ? slash + 1 : arn;
}

const char *ecs_task_id(const char *task_arn)
{
    return ecs_arn_name(task_arn);
}

const char *ecs_task_definition_ref(const char *td)
{
    return ecs_arn_name(td); /* family names cannot contain '/' */
}

/* Where ":REVISION" starts in a "family:revision" ref, or NULL if it has none. */
static const char *revision_colon(const char *ref)
{
    const char *colon = strrchr(ref, ':');
    if (!colon || !colon[1])
        return NULL;
    for (const char *p = colon + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return NULL;
    return colon;
}

int ecs_task_definition_revision(const char *td)
{
    const char *ref = ecs_task_definition_ref(td);
    const char *colon = ref ? revision_colon(ref) : NULL;
    if (!colon)
        return -1;
    long v = 0;
    for (const char *p = colon + 1; *p; p++) {
        v = v * 10 + (*p - '0');
        if (v > INT_MAX)
            return -1;
    }
    return (int)v;
}

char *ecs_task_definition_family(const char *td)
{
    const char *ref = ecs_task_definition_ref(td);
    if (!ref)
        return NULL;
    const char *colon = revision_colon(ref);
    return colon ? xstrndup(ref, (size_t)(colon - ref)) : xstrdup(ref);
}
