/* ecs_snapshot: a paging, batching read of clusters, services and tasks as a
 * small state machine on the AWS client (see ecs_snapshot.h). */
#include "ecs_snapshot.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

enum stage { LIST_CLUSTERS, LIST_SERVICES, DESCRIBE_SERVICES, LIST_TASKS, DESCRIBE_TASKS };

struct ecs_snapshot_job {
    struct aws_client *c;
    ecs_snapshot_fn fn;
    void *ud;
    struct ecs_snapshot *snap;
    char **want;                 /* services named by the caller */
    size_t nwant;
    int with_tasks;
    uint64_t call;
    enum stage stage;
    size_t ci, si, off;          /* cluster, service, batch offset */
    char **arns;                 /* the listing being gathered */
    size_t narns;
    char *token;
    enum ecs_desired_status tstatus;
};

static void step(struct ecs_snapshot_job *j);

static void clear_list(struct ecs_snapshot_job *j)
{
    for (size_t i = 0; i < j->narns; i++)
        free(j->arns[i]);
    free(j->arns);
    j->arns = NULL;
    j->narns = 0;
    free(j->token);
    j->token = NULL;
    j->off = 0;
}

static void job_free(struct ecs_snapshot_job *j)
{
    clear_list(j);
    for (size_t i = 0; i < j->nwant; i++)
        free(j->want[i]);
    free(j->want);
    ecs_snapshot_free(j->snap);
    free(j);
}

static void done(struct ecs_snapshot_job *j, const struct rw_err *err)
{
    struct ecs_snapshot *s = err ? NULL : j->snap;
    if (!err)
        j->snap = NULL;
    ecs_snapshot_fn fn = j->fn;
    void *ud = j->ud;
    job_free(j);
    fn(s, err, ud);
}

static void add_cluster(struct ecs_snapshot *s, const char *arn_or_name)
{
    s->clusters = xreallocarray(s->clusters, s->nclusters + 1, sizeof *s->clusters);
    struct ecs_snap_cluster *c = &s->clusters[s->nclusters++];
    memset(c, 0, sizeof *c);
    c->arn = xstrdup(arn_or_name);
    c->name = xstrdup(ecs_arn_name(arn_or_name));
}

static void begin_service(struct ecs_snapshot_job *j);

/* Start reading cluster ci (or finish when there is none left). */
static void begin_cluster(struct ecs_snapshot_job *j)
{
    clear_list(j);
    j->si = 0;
    if (j->ci >= j->snap->nclusters) {
        done(j, NULL);
        return;
    }
    j->stage = j->nwant ? DESCRIBE_SERVICES : LIST_SERVICES;
    for (size_t i = 0; i < j->nwant; i++) {
        j->arns = xreallocarray(j->arns, j->narns + 1, sizeof *j->arns);
        j->arns[j->narns++] = xstrdup(j->want[i]);
    }
    step(j);
}

/* Start reading service si's tasks (or move to the next cluster). */
static void begin_service(struct ecs_snapshot_job *j)
{
    clear_list(j);
    struct ecs_snap_cluster *c = &j->snap->clusters[j->ci];
    if (!j->with_tasks || j->si >= c->nservices) {
        j->ci++;
        begin_cluster(j);
        return;
    }
    j->stage = LIST_TASKS;
    j->tstatus = ECS_DESIRED_RUNNING;
    step(j);
}

static void take_page(struct ecs_snapshot_job *j, struct ecs_arn_page *p)
{
    for (size_t i = 0; i < p->narns; i++) {
        j->arns = xreallocarray(j->arns, j->narns + 1, sizeof *j->arns);
        j->arns[j->narns++] = p->arns[i];
        p->arns[i] = NULL;
    }
    free(j->token);
    j->token = p->next_token;
    p->next_token = NULL;
    ecs_arn_page_free(p);
}

static int on_services(struct ecs_snapshot_job *j, const struct aws_reply *r, struct rw_err *err)
{
    struct ecs_snap_cluster *c = &j->snap->clusters[j->ci];
    struct ecs_services svcs;
    if (ecs_parse_describe_services(r->body, r->len, &svcs, err) < 0)
        return -1;
    c->svc_batches = xreallocarray(c->svc_batches, c->nsvc_batches + 1, sizeof *c->svc_batches);
    c->svc_batches[c->nsvc_batches++] = svcs;
    for (size_t i = 0; i < svcs.nservices; i++) {
        c->services = xreallocarray(c->services, c->nservices + 1, sizeof *c->services);
        c->services[c->nservices++] = (struct ecs_snap_service){ &svcs.services[i], NULL, 0 };
    }
    for (size_t i = 0; i < svcs.nfailures; i++) {
        c->missing = xreallocarray(c->missing, c->nmissing + 1, sizeof *c->missing);
        c->missing[c->nmissing++] = xstrdup(ecs_arn_name(svcs.failures[i].arn));
    }
    j->off += 10;
    if (j->off < j->narns) {
        step(j);
    } else {
        j->si = 0;
        begin_service(j);
    }
    return 0;
}

static int on_tasks(struct ecs_snapshot_job *j, const struct aws_reply *r, struct rw_err *err)
{
    struct ecs_snap_service *s = &j->snap->clusters[j->ci].services[j->si];
    struct ecs_tasks t;
    if (ecs_parse_describe_tasks(r->body, r->len, &t, err) < 0)
        return -1;
    s->task_batches = xreallocarray(s->task_batches, s->nbatches + 1, sizeof *s->task_batches);
    s->task_batches[s->nbatches++] = t;
    j->off += 100;
    if (j->off < j->narns) {
        step(j);
    } else {
        j->si++;
        begin_service(j);
    }
    return 0;
}

/* A listing page arrived: page on, or move to what follows the listing. */
static int on_list(struct ecs_snapshot_job *j, const struct aws_reply *r, struct rw_err *err)
{
    struct ecs_arn_page p;
    int rc = j->stage == LIST_CLUSTERS ? ecs_parse_list_clusters(r->body, r->len, &p, err)
             : j->stage == LIST_SERVICES ? ecs_parse_list_services(r->body, r->len, &p, err)
             : ecs_parse_list_tasks(r->body, r->len, &p, err);
    if (rc < 0)
        return -1;
    take_page(j, &p);
    if (j->token) {
        step(j);
    } else if (j->stage == LIST_CLUSTERS) {
        for (size_t i = 0; i < j->narns; i++)
            add_cluster(j->snap, j->arns[i]);
        j->ci = 0;
        begin_cluster(j);
    } else if (j->stage == LIST_TASKS && j->tstatus == ECS_DESIRED_RUNNING) {
        j->tstatus = ECS_DESIRED_STOPPED;
        step(j);
    } else if (j->narns == 0) { /* nothing to describe */
        if (j->stage == LIST_SERVICES) {
            j->si = 0;
            begin_service(j);
        } else {
            j->si++;
            begin_service(j);
        }
    } else {
        j->stage = j->stage == LIST_SERVICES ? DESCRIBE_SERVICES : DESCRIBE_TASKS;
        j->off = 0;
        step(j);
    }
    return 0;
}

static void on_reply(const struct aws_reply *r, void *ud)
{
    struct ecs_snapshot_job *j = ud;
    j->call = 0;
    struct rw_err err;
    if (!r->ok) {
        done(j, &r->err);
        return;
    }
    int rc = j->stage == DESCRIBE_SERVICES ? on_services(j, r, &err)
             : j->stage == DESCRIBE_TASKS ? on_tasks(j, r, &err) : on_list(j, r, &err);
    if (rc < 0)
        done(j, &err);
}

static char *build(struct ecs_snapshot_job *j, enum ecs_op *op, struct rw_err *err)
{
    const char *cluster = j->snap->nclusters ? j->snap->clusters[j->ci].arn : NULL;
    size_t n = j->narns - j->off;
    const char *const *batch = (const char *const *)j->arns + j->off;
    switch (j->stage) {
    case LIST_CLUSTERS:
        *op = ECS_OP_LIST_CLUSTERS;
        return ecs_build_list_clusters(j->token, 100, err);
    case LIST_SERVICES:
        *op = ECS_OP_LIST_SERVICES;
        return ecs_build_list_services(cluster, j->token, 100, err);
    case DESCRIBE_SERVICES:
        *op = ECS_OP_DESCRIBE_SERVICES;
        return ecs_build_describe_services(cluster, batch, n > 10 ? 10 : n, false, err);
    case LIST_TASKS:
        *op = ECS_OP_LIST_TASKS;
        return ecs_build_list_tasks(cluster, j->snap->clusters[j->ci].services[j->si].svc->service_name,
                                    j->tstatus, j->token, 100, err);
    default:
        *op = ECS_OP_DESCRIBE_TASKS;
        return ecs_build_describe_tasks(cluster, batch, n > 100 ? 100 : n, err);
    }
}

static void step(struct ecs_snapshot_job *j)
{
    struct rw_err err;
    enum ecs_op op;
    char *body = build(j, &op, &err);
    if (!body) {
        done(j, &err);
        return;
    }
    struct aws_op aop = { AWS_SVC_ECS, AWS_PROTO_JSON_1_1, ecs_op_target(op), ecs_op_name(op), 0, 0 };
    j->snap->calls++;
    j->call = aws_call(j->c, &aop, body, strlen(body), on_reply, j);
    free(body);
}

struct ecs_snapshot_job *ecs_snapshot_start(struct aws_client *c, const struct ecs_snapshot_req *r,
                                            ecs_snapshot_fn fn, void *ud)
{
    struct ecs_snapshot_job *j = xcalloc(1, sizeof *j);
    j->c = c;
    j->fn = fn;
    j->ud = ud;
    j->with_tasks = r->with_tasks;
    j->snap = xcalloc(1, sizeof *j->snap);
    for (size_t i = 0; i < r->nservices; i++) {
        j->want = xreallocarray(j->want, j->nwant + 1, sizeof *j->want);
        j->want[j->nwant++] = xstrdup(r->services[i]);
    }
    if (r->cluster) {
        add_cluster(j->snap, r->cluster);
        j->ci = 0;
        begin_cluster(j);
    } else {
        j->stage = LIST_CLUSTERS;
        step(j);
    }
    return j;
}

void ecs_snapshot_cancel(struct ecs_snapshot_job *j)
{
    if (!j)
        return;
    if (j->call)
        aws_cancel(j->c, j->call);
    job_free(j);
}

void ecs_snapshot_free(struct ecs_snapshot *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nclusters; i++) {
        struct ecs_snap_cluster *c = &s->clusters[i];
        for (size_t k = 0; k < c->nservices; k++) {
            for (size_t b = 0; b < c->services[k].nbatches; b++)
                ecs_tasks_free(&c->services[k].task_batches[b]);
            free(c->services[k].task_batches);
        }
        for (size_t b = 0; b < c->nsvc_batches; b++)
            ecs_services_free(&c->svc_batches[b]);
        for (size_t m = 0; m < c->nmissing; m++)
            free(c->missing[m]);
        free(c->missing);
        free(c->svc_batches);
        free(c->services);
        free(c->arn);
        free(c->name);
    }
    free(s->clusters);
    free(s);
}
