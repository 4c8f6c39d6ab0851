/* logs_target: snapshot of the service and its tasks, then its task
 * definition, then the stream names (see logs_target.h). */
#include "logs_target.h"

#include <stdlib.h>
#include <string.h>

#include "clients/aws/ecs_snapshot.h"
#include "xmalloc.h"

struct logs_target {
    struct aws_client *c;
    struct ecs_snapshot_job *job;
    uint64_t call;
    char *service, *container;
    struct ecs_snapshot *snap;
    size_t ci;                /* the cluster that has the service */
    logs_target_fn fn;
    void *ud;
};

static void target_free(struct logs_target *t)
{
    ecs_snapshot_free(t->snap);
    free(t->service);
    free(t->container);
    free(t);
}

static void fail(struct logs_target *t, const struct rw_err *err)
{
    logs_target_fn fn = t->fn;
    void *ud = t->ud;
    target_free(t);
    fn(ud, NULL, err);
}

/* The streams of every task the snapshot holds for the service. */
static void answer(struct logs_target *t, const struct logsrc *src,
                   const struct ecs_task_definition *td)
{
    const struct ecs_snap_service *ss = &t->snap->clusters[t->ci].services[0];
    size_t total = 0;
    for (size_t b = 0; b < ss->nbatches; b++)
        total += ss->task_batches[b].ntasks;
    char **names = xcalloc(total + 1, sizeof *names);
    size_t n = 0;
    for (size_t b = 0; b < ss->nbatches; b++)
        for (size_t i = 0; i < ss->task_batches[b].ntasks; i++) {
            char buf[1024];
            logsrc_stream(src, ecs_task_id(ss->task_batches[b].tasks[i].task_arn), buf,
                          sizeof buf);
            names[n++] = xstrdup(buf);
        }
    const char **cs = xcalloc(td->ncontainers + 1, sizeof *cs);
    size_t nc = 0;
    int first = logsrc_next_container(td, -1); /* the followable ones, in order */
    for (int i = first; i >= 0 && nc < td->ncontainers;) {
        cs[nc++] = td->containers[i].name;
        i = logsrc_next_container(td, i);
        if (i <= first)
            break; /* wrapped */
    }
    struct logs_target_result res = { src, (const char *const *)names, n, cs, nc };
    logs_target_fn fn = t->fn;
    void *ud = t->ud;
    fn(ud, &res, NULL);
    free(cs);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    target_free(t);
}

static void on_td(const struct aws_reply *r, void *ud)
{
    struct logs_target *t = ud;
    t->call = 0;
    struct ecs_task_definition td;
    struct rw_err err;
    if (!r->ok) {
        fail(t, &r->err);
        return;
    }
    if (ecs_parse_describe_task_definition(r->body, r->len, &td, &err) < 0) {
        fail(t, &err);
        return;
    }
    const struct ecs_container_def *cd = ecs_app_container(&td, t->container);
    struct logsrc src;
    if (!cd)
        rw_err_set(&err, RW_E_AWS, "task definition %s has no containers", td.family);
    else if (t->container && strcmp(cd->name, t->container) != 0)
        rw_err_set(&err, RW_E_USAGE, "no container '%s' in %s", t->container, td.family);
    if (!cd || (t->container && strcmp(cd->name, t->container) != 0) ||
        logsrc_for(cd, &src, &err) < 0) {
        ecs_task_definition_free(&td);
        fail(t, &err);
        return;
    }
    answer(t, &src, &td);
    ecs_task_definition_free(&td);
}

static void on_snapshot(struct ecs_snapshot *snap, const struct rw_err *err, void *ud)
{
    struct logs_target *t = ud;
    t->job = NULL;
    t->snap = snap;
    struct rw_err e;
    if (err) {
        fail(t, err);
        return;
    }
    while (t->ci < snap->nclusters && !snap->clusters[t->ci].nservices)
        t->ci++;
    if (t->ci == snap->nclusters) {
        rw_err_set(&e, RW_E_USAGE, "no ECS service named '%s'", t->service);
        fail(t, &e);
        return;
    }
    const char *td = snap->clusters[t->ci].services[0].svc->task_definition;
    char *body = ecs_build_describe_task_definition(td ? td : "", false, &e);
    if (!body) {
        fail(t, &e);
        return;
    }
    struct aws_op op = { AWS_SVC_ECS, AWS_PROTO_JSON_1_1,
                         ecs_op_target(ECS_OP_DESCRIBE_TASK_DEFINITION),
                         ecs_op_name(ECS_OP_DESCRIBE_TASK_DEFINITION), 0, 0 };
    t->call = aws_call(t->c, &op, body, strlen(body), on_td, t);
    free(body);
}

struct logs_target *logs_target_start(struct aws_client *c, const char *cluster,
                                      const char *service, const char *container,
                                      logs_target_fn fn, void *ud)
{
    struct logs_target *t = xcalloc(1, sizeof *t);
    t->c = c;
    t->service = xstrdup(service);
    t->container = container ? xstrdup(container) : NULL;
    t->fn = fn;
    t->ud = ud;
    const char *names[1] = { t->service };
    struct ecs_snapshot_req q = { cluster, names, 1, 1 };
    t->job = ecs_snapshot_start(c, &q, on_snapshot, t);
    return t;
}

void logs_target_cancel(struct logs_target *t)
{
    if (!t)
        return;
    if (t->job)
        ecs_snapshot_cancel(t->job);
    if (t->call)
        aws_cancel(t->c, t->call);
    target_free(t);
}
