/* ecs_provider: core/provider.h's table for ECS, over ecs_snapshot (and
 * alb_metrics for a service's load balancer). Requests in flight sit on a
 * list so cancel and free can find them. */
#include "ecs_provider.h"

#include <stdlib.h>
#include <string.h>

#include "alb_metrics.h"
#include "core/model_ecs.h"
#include "core/xmalloc.h"
#include "ecs_snapshot.h"

struct ecs_provider {
    struct rw_provider base;
    struct aws_client *c;
    char *cluster;              /* asked for, or NULL */
    char *found;                /* the cluster the last service read settled on */
    struct alb_cache *lbs;      /* target group -> load balancer */
    struct rw_preq *reqs;
};

struct rw_preq {
    struct ecs_provider *p;
    struct ecs_snapshot_job *job;
    struct alb_metrics_job *mjob;
    rw_services_fn sfn;
    rw_tasks_fn tfn;
    rw_metrics_fn mfn;
    void *ud;
    char *service;
    struct rw_preq *next;
};

static struct rw_preq *preq_new(struct ecs_provider *p, void *ud)
{
    struct rw_preq *r = xcalloc(1, sizeof *r);
    r->p = p;
    r->ud = ud;
    r->next = p->reqs;
    p->reqs = r;
    return r;
}

static void preq_free(struct rw_preq *r)
{
    struct rw_preq **pp = &r->p->reqs;
    while (*pp && *pp != r)
        pp = &(*pp)->next;
    if (*pp)
        *pp = r->next;
    free(r->service);
    free(r);
}

static void services_done(struct ecs_snapshot *snap, const struct rw_err *err, void *ud)
{
    struct rw_preq *r = ud;
    struct ecs_provider *p = r->p;
    struct rw_err e = { RW_OK, "" };
    const struct ecs_snap_cluster *cl = snap && snap->nclusters ? &snap->clusters[0] : NULL;
    if (err)
        e = *err;
    else if (!cl)
        rw_err_set(&e, RW_E_AWS, "no ECS cluster found in this account and region");
    struct model_service *svcs = NULL;
    size_t n = 0;
    if (cl && !err) {
        free(p->found);
        p->found = xstrdup(cl->name);
        svcs = xcalloc(cl->nservices + 1, sizeof *svcs);
        for (size_t i = 0; i < cl->nservices; i++)
            svcs[n++] = model_ecs_service(cl->services[i].svc);
    }
    rw_services_fn fn = r->sfn;
    void *fud = r->ud;
    char *scope = xstrdup(p->found ? p->found : "");
    ecs_snapshot_free(snap);
    preq_free(r);
    fn(fud, scope, svcs, n, e.code == RW_OK ? NULL : &e);
    free(scope);
}

static struct rw_preq *list_services(struct rw_provider *base, rw_services_fn fn, void *ud)
{
    struct ecs_provider *p = (struct ecs_provider *)base;
    struct rw_preq *r = preq_new(p, ud);
    r->sfn = fn;
    struct ecs_snapshot_req q = { p->cluster, NULL, 0, 0 };
    r->job = ecs_snapshot_start(p->c, &q, services_done, r);
    return r;
}

static void tasks_done(struct ecs_snapshot *snap, const struct rw_err *err, void *ud)
{
    struct rw_preq *r = ud;
    struct model_task *tasks = NULL;
    size_t n = 0;
    struct rw_err gone;
    if (!err && !(snap && snap->nclusters && snap->clusters[0].nservices)) {
        rw_err_set(&gone, RW_E_AWS, "service %s not found", r->service);
        err = &gone;
    }
    if (!err) {
        const struct ecs_snap_service *s = &snap->clusters[0].services[0];
        size_t total = 0;
        for (size_t b = 0; b < s->nbatches; b++)
            total += s->task_batches[b].ntasks;
        tasks = xcalloc(total + 1, sizeof *tasks);
        for (size_t b = 0; b < s->nbatches; b++)
            for (size_t i = 0; i < s->task_batches[b].ntasks; i++)
                tasks[n++] = model_ecs_task(&s->task_batches[b].tasks[i]);
    }
    rw_tasks_fn fn = r->tfn;
    void *fud = r->ud;
    char *service = r->service;
    r->service = NULL;
    ecs_snapshot_free(snap);
    preq_free(r);
    fn(fud, service, tasks, n, err);
    free(service);
}

static struct rw_preq *list_tasks(struct rw_provider *base, const char *service, rw_tasks_fn fn,
                                  void *ud)
{
    struct ecs_provider *p = (struct ecs_provider *)base;
    struct rw_preq *r = preq_new(p, ud);
    r->tfn = fn;
    r->service = xstrdup(service);
    const char *names[1] = { r->service };
    struct ecs_snapshot_req q = { p->found ? p->found : p->cluster, names, 1, 1 };
    r->job = ecs_snapshot_start(p->c, &q, tasks_done, r);
    return r;
}

static void metrics_done(struct model_metrics *m, const struct rw_err *err, void *ud)
{
    struct rw_preq *r = ud;
    rw_metrics_fn fn = r->mfn;
    void *fud = r->ud;
    char *service = r->service;
    r->service = NULL;
    preq_free(r);
    fn(fud, service, m, err);
    free(service);
}

/* The service's first target group (ECS allows up to five; one ALB is the
 * common case and the one the runbooks describe). */
static struct rw_preq *metrics(struct rw_provider *base, const struct rw_metrics_query *q,
                               rw_metrics_fn fn, void *ud)
{
    struct ecs_provider *p = (struct ecs_provider *)base;
    struct rw_preq *r = preq_new(p, ud);
    r->mfn = fn;
    r->service = xstrdup(q->service);
    struct alb_metrics_req mr = { q->ntarget_groups ? q->target_groups[0] : NULL,
                                  q->window_min, MODEL_METRICS_PERIOD_S, 0, 0 };
    r->mjob = alb_metrics_start(p->c, p->lbs, &mr, metrics_done, r);
    return r;
}

static void cancel(struct rw_provider *base, struct rw_preq *r)
{
    (void)base;
    if (r->mjob)
        alb_metrics_cancel(r->mjob);
    else
        ecs_snapshot_cancel(r->job);
    preq_free(r);
}

static void provider_free(struct rw_provider *base)
{
    struct ecs_provider *p = (struct ecs_provider *)base;
    while (p->reqs)
        cancel(base, p->reqs);
    alb_cache_free(p->lbs);
    free(p->cluster);
    free(p->found);
    free(p);
}

static const struct rw_provider_ops ecs_ops = { "ecs", list_services, list_tasks, metrics,
                                                cancel, provider_free };

struct rw_provider *ecs_provider_new(struct aws_client *c, const char *cluster)
{
    struct ecs_provider *p = xcalloc(1, sizeof *p);
    p->base.ops = &ecs_ops;
    p->c = c;
    p->cluster = cluster && *cluster ? xstrdup(cluster) : NULL;
    p->lbs = alb_cache_new();
    return &p->base;
}
