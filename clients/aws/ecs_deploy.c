/* ecs_deploy: service deployments (ListServiceDeployments' brief items,
 * DescribeServiceDeployments' full ones) and service revisions
 * (DescribeServiceRevisions), which say which task definition a deployment
 * rolls out. */
#include "clients/aws/ecs_internal.h"

#include <stdlib.h>
#include <string.h>

static int revision_summary_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_revision_summary *r = item;
    if (ej_str(c, o, p, "arn", &r->arn) < 0 ||
        ej_int(c, o, p, "requestedTaskCount", &r->requested_task_count) < 0 ||
        ej_int(c, o, p, "runningTaskCount", &r->running_task_count) < 0 ||
        ej_int(c, o, p, "pendingTaskCount", &r->pending_task_count) < 0)
        return -1;
    return 0;
}

/* rollback {reason, startedAt, serviceRevisionArn} and deploymentCircuitBreaker
 * {status, failureCount, threshold} */
static int sd_monitors_from_json(struct ej *c, const cJSON *o, const char *path,
                                 struct ecs_service_deployment *d)
{
    const cJSON *rb, *cb;
    char p[EJ_PATH_MAX];
    if (ej_object(c, o, path, "rollback", &rb) < 0 ||
        ej_object(c, o, path, "deploymentCircuitBreaker", &cb) < 0)
        return -1;
    if (rb) {
        ej_join(p, sizeof p, path, "rollback");
        if (ej_str(c, rb, p, "reason", &d->rollback_reason) < 0 ||
            ej_str(c, rb, p, "serviceRevisionArn", &d->rollback_revision_arn) < 0 ||
            ej_time(c, rb, p, "startedAt", &d->rollback_started_at_ms) < 0)
            return -1;
    }
    if (cb) {
        ej_join(p, sizeof p, path, "deploymentCircuitBreaker");
        if (ej_str(c, cb, p, "status", &d->circuit_breaker_status) < 0 ||
            ej_int(c, cb, p, "failureCount", &d->circuit_breaker_failure_count) < 0 ||
            ej_int(c, cb, p, "threshold", &d->circuit_breaker_threshold) < 0)
            return -1;
    }
    return 0;
}

/* The fields both shapes share, and the brief shape's targetServiceRevisionArn. */
static int sd_common_from_json(struct ej *c, const cJSON *o, const char *p,
                               struct ecs_service_deployment *d)
{
    if (ej_str(c, o, p, "serviceDeploymentArn", &d->service_deployment_arn) < 0 ||
        ej_str(c, o, p, "serviceArn", &d->service_arn) < 0 ||
        ej_str(c, o, p, "clusterArn", &d->cluster_arn) < 0 ||
        ej_str(c, o, p, "status", &d->status) < 0 ||
        ej_str(c, o, p, "statusReason", &d->status_reason) < 0 ||
        ej_str(c, o, p, "targetServiceRevisionArn", &d->target.arn) < 0 ||
        ej_time(c, o, p, "createdAt", &d->created_at_ms) < 0 ||
        ej_time(c, o, p, "startedAt", &d->started_at_ms) < 0 ||
        ej_time(c, o, p, "finishedAt", &d->finished_at_ms) < 0)
        return -1;
    return 0;
}

static int sd_brief_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    return sd_common_from_json(c, o, p, item);
}

static int sd_full_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_service_deployment *d = item;
    const cJSON *target;
    void *items = NULL;
    char q[EJ_PATH_MAX];
    if (sd_common_from_json(c, o, p, d) < 0 ||
        ej_str(c, o, p, "lifecycleStage", &d->lifecycle_stage) < 0 ||
        ej_time(c, o, p, "stoppedAt", &d->stopped_at_ms) < 0 ||
        ej_time(c, o, p, "updatedAt", &d->updated_at_ms) < 0 ||
        ej_object(c, o, p, "targetServiceRevision", &target) < 0 ||
        sd_monitors_from_json(c, o, p, d) < 0)
        return -1;
    if (target && revision_summary_from_json(c, target,
                                             ej_join(q, sizeof q, p, "targetServiceRevision"),
                                             &d->target) < 0)
        return -1;
    int rc = ej_objects(c, o, p, "sourceServiceRevisions", sizeof *d->sources,
                        revision_summary_from_json, &items, &d->nsources);
    d->sources = items;
    return rc;
}

static int parse_deployments(const char *op, ej_item_fn fn, const char *body, size_t len,
                             struct ecs_service_deployments *out, struct rw_err *err)
{
    struct ej c = {op, err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    void *items = NULL;
    int rc = ej_objects(&c, root, "", "serviceDeployments", sizeof *out->deployments, fn,
                        &items, &out->ndeployments);
    out->deployments = items;
    if (rc == 0)
        rc = ej_failures(&c, root, &out->failures, &out->nfailures);
    if (rc == 0)
        rc = ej_str(&c, root, "", "nextToken", &out->next_token);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_service_deployments_free(out);
    return rc;
}

int ecs_parse_list_service_deployments(const char *body, size_t len,
                                       struct ecs_service_deployments *out,
                                       struct rw_err *err)
{
    return parse_deployments("ListServiceDeployments", sd_brief_from_json, body, len, out,
                             err);
}

int ecs_parse_describe_service_deployments(const char *body, size_t len,
                                           struct ecs_service_deployments *out,
                                           struct rw_err *err)
{
    return parse_deployments("DescribeServiceDeployments", sd_full_from_json, body, len, out,
                             err);
}

void ecs_service_deployments_free(struct ecs_service_deployments *d)
{
    if (!d)
        return;
    for (size_t i = 0; d->deployments && i < d->ndeployments; i++) {
        struct ecs_service_deployment *s = &d->deployments[i];
        char *strs[] = {
            s->service_deployment_arn, s->service_arn, s->cluster_arn, s->status,
            s->status_reason, s->lifecycle_stage, s->target.arn, s->rollback_reason,
            s->rollback_revision_arn, s->circuit_breaker_status,
        };
        for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++)
            free(strs[k]);
        for (size_t k = 0; s->sources && k < s->nsources; k++)
            free(s->sources[k].arn);
        free(s->sources);
    }
    free(d->deployments);
    ej_failures_free(d->failures, d->nfailures);
    free(d->next_token);
    memset(d, 0, sizeof *d);
}

static int image_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_container_image *im = item;
    if (ej_str(c, o, p, "containerName", &im->container_name) < 0 ||
        ej_str(c, o, p, "image", &im->image) < 0 ||
        ej_str(c, o, p, "imageDigest", &im->image_digest) < 0)
        return -1;
    return 0;
}

static int revision_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_service_revision *r = item;
    void *items = NULL;
    if (ej_str(c, o, p, "serviceRevisionArn", &r->service_revision_arn) < 0 ||
        ej_str(c, o, p, "serviceArn", &r->service_arn) < 0 ||
        ej_str(c, o, p, "clusterArn", &r->cluster_arn) < 0 ||
        ej_str(c, o, p, "taskDefinition", &r->task_definition) < 0 ||
        ej_str(c, o, p, "launchType", &r->launch_type) < 0 ||
        ej_time(c, o, p, "createdAt", &r->created_at_ms) < 0)
        return -1;
    int rc = ej_objects(c, o, p, "containerImages", sizeof *r->container_images,
                        image_from_json, &items, &r->ncontainer_images);
    r->container_images = items;
    return rc;
}

int ecs_parse_describe_service_revisions(const char *body, size_t len,
                                         struct ecs_service_revisions *out,
                                         struct rw_err *err)
{
    struct ej c = {"DescribeServiceRevisions", err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    void *items = NULL;
    int rc = ej_objects(&c, root, "", "serviceRevisions", sizeof *out->revisions,
                        revision_from_json, &items, &out->nrevisions);
    out->revisions = items;
    if (rc == 0)
        rc = ej_failures(&c, root, &out->failures, &out->nfailures);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_service_revisions_free(out);
    return rc;
}

void ecs_service_revisions_free(struct ecs_service_revisions *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->revisions && i < r->nrevisions; i++) {
        struct ecs_service_revision *v = &r->revisions[i];
        free(v->service_revision_arn);
        free(v->service_arn);
        free(v->cluster_arn);
        free(v->task_definition);
        free(v->launch_type);
        for (size_t k = 0; v->container_images && k < v->ncontainer_images; k++) {
            free(v->container_images[k].container_name);
            free(v->container_images[k].image);
            free(v->container_images[k].image_digest);
        }
        free(v->container_images);
    }
    free(r->revisions);
    ej_failures_free(r->failures, r->nfailures);
    memset(r, 0, sizeof *r);
}

const struct ecs_service_revision *
ecs_service_revision_find(const struct ecs_service_revisions *revs, const char *arn)
{
    for (size_t i = 0; revs && arn && revs->revisions && i < revs->nrevisions; i++)
        if (revs->revisions[i].service_revision_arn &&
            strcmp(revs->revisions[i].service_revision_arn, arn) == 0)
            return &revs->revisions[i];
    return NULL;
}

int ecs_service_deployment_task_revision(const struct ecs_service_deployment *sd,
                                         const struct ecs_service_revisions *revs)
{
    if (!sd)
        return -1;
    const struct ecs_service_revision *r = ecs_service_revision_find(revs, sd->target.arn);
    return r ? ecs_task_definition_revision(r->task_definition) : -1;
}
