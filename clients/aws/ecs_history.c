/* ecs_history: the rollback target from history, or from the service (see ecs_history.h). */
#include "ecs_history.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xmalloc.h"

enum stage { LIST_DEPLOYMENTS, DESCRIBE_REVISIONS, LIST_FAMILY };

struct ecs_history_job {
    struct aws_client *c;
    ecs_last_good_fn fn;
    void *ud;
    char *cluster, *service, *primary_td, *active_td;
    enum stage stage;
    uint64_t call;
    struct ecs_service_deployments deps;   /* newest first, as listed */
    struct ecs_last_good result;
};

static void job_free(struct ecs_history_job *j)
{
    ecs_service_deployments_free(&j->deps);
    free(j->cluster);
    free(j->service);
    free(j->primary_td);
    free(j->active_td);
    free(j->result.task_definition);
    free(j->result.history_error);
    free(j);
}

static void finish(struct ecs_history_job *j, const struct rw_err *err)
{
    ecs_last_good_fn fn = j->fn;
    void *ud = j->ud;
    struct ecs_last_good r = j->result;
    j->result.task_definition = j->result.history_error = NULL;
    job_free(j);
    fn(err ? NULL : &r, err, ud);
    free(r.task_definition);
    free(r.history_error);
}

static void on_reply(const struct aws_reply *r, void *ud);

static void send_op(struct ecs_history_job *j, enum ecs_op op, char *body)
{
    struct aws_op aop = { AWS_SVC_ECS, AWS_PROTO_JSON_1_1, ecs_op_target(op), ecs_op_name(op), 0, 0 };
    j->call = aws_call(j->c, &aop, body, strlen(body), on_reply, j);
    free(body);
}

/* The history could not answer: ask the service and its family instead. */
static void fall_back(struct ecs_history_job *j, const char *why)
{
    free(j->result.history_error);
    j->result.history_error = why ? xstrdup(why) : NULL;
    if (why)
        rw_log(RW_LOG_INFO, "%s: deployment history unavailable (%s); using the service",
               j->service, why);
    if (j->active_td) {
        j->result.task_definition = xstrdup(j->active_td);
        j->result.source = "active deployment";
        finish(j, NULL);
        return;
    }
    struct rw_err err;
    char *family = j->primary_td ? ecs_task_definition_family(j->primary_td) : NULL;
    char *body = family ? ecs_build_list_task_definitions(family, ECS_TD_ACTIVE, true, NULL, 100,
                                                          &err) : NULL;
    free(family);
    if (!body) {
        finish(j, NULL); /* no family to look in: there is no earlier revision */
        return;
    }
    j->stage = LIST_FAMILY;
    send_op(j, ECS_OP_LIST_TASK_DEFINITIONS, body);
}

static void on_deployments(struct ecs_history_job *j, const struct aws_reply *r)
{
    struct rw_err err;
    if (ecs_parse_list_service_deployments(r->body, r->len, &j->deps, &err) < 0) {
        fall_back(j, err.msg);
        return;
    }
    const char *arns[20];
    size_t n = 0;
    for (size_t i = 0; i < j->deps.ndeployments && n < 20; i++)
        if (j->deps.deployments[i].target.arn &&
            ecs_sd_status_parse(j->deps.deployments[i].status) == ECS_SD_SUCCESSFUL)
            arns[n++] = j->deps.deployments[i].target.arn;
    char *body = n ? ecs_build_describe_service_revisions(arns, n, &err) : NULL;
    if (!body) {
        fall_back(j, n ? err.msg : "no successful deployment in the history");
        return;
    }
    j->stage = DESCRIBE_REVISIONS;
    send_op(j, ECS_OP_DESCRIBE_SERVICE_REVISIONS, body);
}

static void on_revisions(struct ecs_history_job *j, const struct aws_reply *r)
{
    struct ecs_service_revisions revs;
    struct rw_err err;
    if (ecs_parse_describe_service_revisions(r->body, r->len, &revs, &err) < 0) {
        fall_back(j, err.msg);
        return;
    }
    const struct ecs_service_deployment *best = NULL;
    const char *best_td = NULL;
    for (size_t i = 0; i < j->deps.ndeployments; i++) {
        const struct ecs_service_deployment *d = &j->deps.deployments[i];
        const struct ecs_service_revision *rev = ecs_service_revision_find(&revs, d->target.arn);
        if (!rev || !rev->task_definition ||
            (j->primary_td && strcmp(rev->task_definition, j->primary_td) == 0))
            continue;
        if (!best || d->created_at_ms > best->created_at_ms) {
            best = d;
            best_td = rev->task_definition;
        }
    }
    if (best_td) {
        j->result.task_definition = xstrdup(best_td);
        j->result.source = "deployment history";
        ecs_service_revisions_free(&revs);
        finish(j, NULL);
        return;
    }
    ecs_service_revisions_free(&revs);
    fall_back(j, "the history holds no other successful revision");
}

static void on_family(struct ecs_history_job *j, const struct aws_reply *r)
{
    struct ecs_arn_page page;
    struct rw_err err;
    if (ecs_parse_list_task_definitions(r->body, r->len, &page, &err) < 0) {
        finish(j, &err);
        return;
    }
    int primary = ecs_task_definition_revision(j->primary_td);
    int best = -1;
    for (size_t i = 0; i < page.narns; i++) {
        int rev = ecs_task_definition_revision(page.arns[i]);
        if (rev >= 0 && rev < primary && rev > best) {
            best = rev;
            free(j->result.task_definition);
            j->result.task_definition = xstrdup(page.arns[i]);
        }
    }
    if (best >= 0)
        j->result.source = "task definition family";
    ecs_arn_page_free(&page);
    finish(j, NULL);
}

static void on_reply(const struct aws_reply *r, void *ud)
{
    struct ecs_history_job *j = ud;
    j->call = 0;
    if (!r->ok && j->stage != LIST_FAMILY) {
        fall_back(j, r->err.msg); /* the history API is optional; the service is not */
        return;
    }
    if (!r->ok) {
        finish(j, &r->err);
        return;
    }
    if (j->stage == LIST_DEPLOYMENTS)
        on_deployments(j, r);
    else if (j->stage == DESCRIBE_REVISIONS)
        on_revisions(j, r);
    else
        on_family(j, r);
}

struct ecs_history_job *ecs_last_good_start(struct aws_client *c, const struct ecs_service *svc,
                                            ecs_last_good_fn fn, void *ud)
{
    struct ecs_history_job *j = xcalloc(1, sizeof *j);
    j->c = c;
    j->fn = fn;
    j->ud = ud;
    j->cluster = xstrdup(svc->cluster_arn);
    j->service = xstrdup(svc->service_name);
    const struct ecs_deployment *p = ecs_service_primary_deployment(svc);
    j->primary_td = xstrdup(p && p->task_definition ? p->task_definition : svc->task_definition);
    /* a rollout in progress still runs the old revision in an ACTIVE deployment */
    for (size_t i = 0; i < svc->ndeployments && j->primary_td; i++) {
        const struct ecs_deployment *d = &svc->deployments[i];
        if (d->status && strcmp(d->status, "ACTIVE") == 0 && d->task_definition &&
            strcmp(d->task_definition, j->primary_td) != 0 && !j->active_td)
            j->active_td = xstrdup(d->task_definition);
    }
    enum ecs_sd_status ok = ECS_SD_SUCCESSFUL;
    struct rw_err err;
    char *body = ecs_build_list_service_deployments(j->cluster, j->service, &ok, 1, NULL, 20, &err);
    j->stage = LIST_DEPLOYMENTS;
    /* a service without a name cannot be listed: the endpoint's refusal then
     * leads to the fallback, so every answer still arrives from the loop */
    send_op(j, ECS_OP_LIST_SERVICE_DEPLOYMENTS, body ? body : xstrdup("{}"));
    return j;
}

void ecs_history_cancel(struct ecs_history_job *j)
{
    if (!j)
        return;
    if (j->call)
        aws_cancel(j->c, j->call);
    job_free(j);
}
