/* model: the fleet, its services and their tasks; replies are moved in whole,
 * so no half-updated service is ever drawn. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void model_fleet_init(struct model_fleet *f, const char *provider, const char *scope,
                      int64_t interval_ms)
{
    memset(f, 0, sizeof *f);
    f->provider = xstrdup(provider ? provider : "");
    f->scope = xstrdup(scope ? scope : "");
    rw_fresh_init(&f->fresh, interval_ms);
}

void model_task_clear(struct model_task *t)
{
    free(t->id);
    free(t->deployment_id);
    free(t->last_status);
    free(t->desired_status);
    free(t->health);
    free(t->az);
    free(t->ip);
    free(t->stopped_reason);
    free(t->stop_code);
    for (size_t i = 0; i < t->ncontainers; i++) {
        free(t->containers[i].name);
        free(t->containers[i].last_status);
        free(t->containers[i].reason);
    }
    free(t->containers);
    memset(t, 0, sizeof *t);
}

static void free_tasks(struct model_task *tasks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        model_task_clear(&tasks[i]);
    free(tasks);
}

void model_service_clear(struct model_service *s)
{
    free(s->name);
    free(s->status);
    free(s->family);
    free(s->rollout);
    for (size_t i = 0; i < s->ndeployments; i++) {
        struct model_deployment *d = &s->deployments[i];
        free(d->id);
        free(d->status);
        free(d->rollout);
        free(d->reason);
    }
    free(s->deployments);
    for (size_t i = 0; i < s->nevents; i++) {
        free(s->events[i].id);
        free(s->events[i].message);
    }
    free(s->events);
    free_tasks(s->tasks, s->ntasks);
    for (size_t i = 0; i < s->ntarget_groups; i++)
        free(s->target_groups[i]);
    free(s->target_groups);
    model_metrics_clear(&s->metrics);
    memset(s, 0, sizeof *s);
}

void model_fleet_free(struct model_fleet *f)
{
    for (size_t i = 0; i < f->nservices; i++)
        model_service_clear(&f->services[i]);
    free(f->services);
    free(f->provider);
    free(f->scope);
    memset(f, 0, sizeof *f);
}

struct model_service *model_service_find(struct model_fleet *f, const char *name)
{
    for (size_t i = 0; name && i < f->nservices; i++)
        if (f->services[i].name && strcmp(f->services[i].name, name) == 0)
            return &f->services[i];
    return NULL;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether what a service reply says differs between old and new. */
static int service_changed(const struct model_service *a, const struct model_service *b)
{
    if (a->desired != b->desired || a->running != b->running || a->pending != b->pending ||
        a->revision != b->revision || a->ndeployments != b->ndeployments ||
        a->nevents != b->nevents || a->ntarget_groups != b->ntarget_groups ||
        !same_str(a->rollout, b->rollout) ||
        !same_str(a->status, b->status))
        return 1;
    for (size_t i = 0; i < a->ndeployments; i++) {
        const struct model_deployment *x = &a->deployments[i], *y = &b->deployments[i];
        if (x->running != y->running || x->pending != y->pending || x->desired != y->desired ||
            x->failed != y->failed || !same_str(x->rollout, y->rollout) ||
            !same_str(x->id, y->id))
            return 1;
    }
    return a->nevents && !same_str(a->events[0].id, b->events[0].id);
}

void model_fleet_set_services(struct model_fleet *f, struct model_service *svcs, size_t n,
                              int64_t now)
{
    for (size_t i = 0; i < n; i++) {
        struct model_service *old = model_service_find(f, svcs[i].name);
        if (!old) {
            rw_fresh_init(&svcs[i].tasks_fresh, f->fresh.interval_ms);
            rw_fresh_init(&svcs[i].metrics_fresh, MODEL_METRICS_INTERVAL_MS);
            svcs[i].gen = 1;
            continue;
        }
        svcs[i].gen = old->gen + (uint64_t)service_changed(old, &svcs[i]);
        svcs[i].tasks = old->tasks;
        svcs[i].ntasks = old->ntasks;
        svcs[i].tasks_fresh = old->tasks_fresh;
        svcs[i].metrics = old->metrics;
        svcs[i].metrics_fresh = old->metrics_fresh;
        old->tasks = NULL;
        old->ntasks = 0;
        memset(&old->metrics, 0, sizeof old->metrics);
    }
    for (size_t i = 0; i < f->nservices; i++)
        model_service_clear(&f->services[i]);
    free(f->services);
    f->services = svcs;
    f->nservices = n;
    rw_fresh_ok(&f->fresh, now);
    f->gen++;
}

/* Running (not STOPPED) first, then by start time, newest first. */
static int task_order(const void *pa, const void *pb)
{
    const struct model_task *a = pa, *b = pb;
    int sa = a->last_status && strcmp(a->last_status, "STOPPED") == 0;
    int sb = b->last_status && strcmp(b->last_status, "STOPPED") == 0;
    if (sa != sb)
        return sa - sb;
    int64_t ta = a->started_wall_ms ? a->started_wall_ms : a->created_wall_ms;
    int64_t tb = b->started_wall_ms ? b->started_wall_ms : b->created_wall_ms;
    if (ta != tb)
        return ta > tb ? -1 : 1;
    return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

void model_service_set_tasks(struct model_fleet *f, const char *name, struct model_task *tasks,
                             size_t n, int64_t now)
{
    struct model_service *s = model_service_find(f, name);
    if (!s) {
        free_tasks(tasks, n);
        return;
    }
    if (n > 1)
        qsort(tasks, n, sizeof *tasks, task_order);
    free_tasks(s->tasks, s->ntasks);
    s->tasks = tasks;
    s->ntasks = n;
    rw_fresh_ok(&s->tasks_fresh, now);
    s->gen++;
    f->gen++;
}

void model_service_set_metrics(struct model_fleet *f, const char *name, struct model_metrics *m,
                               int64_t now)
{
    struct model_service *s = model_service_find(f, name);
    if (!s) {
        model_metrics_clear(m);
        return;
    }
    model_metrics_clear(&s->metrics);
    s->metrics = *m;
    memset(m, 0, sizeof *m);
    rw_fresh_ok(&s->metrics_fresh, now);
    s->gen++;
    f->gen++;
}

void model_service_health(const struct model_service *s, int *healthy, int *unhealthy,
                          int *unknown)
{
    *healthy = *unhealthy = *unknown = 0;
    for (size_t i = 0; i < s->ntasks; i++) {
        const struct model_task *t = &s->tasks[i];
        if (!t->last_status || strcmp(t->last_status, "RUNNING") != 0)
            continue;
        if (t->health && strcmp(t->health, "HEALTHY") == 0)
            (*healthy)++;
        else if (t->health && strcmp(t->health, "UNHEALTHY") == 0)
            (*unhealthy)++;
        else
            (*unknown)++;
    }
}

double model_service_progress(const struct model_service *s)
{
    if (!s->ndeployments)
        return s->desired ? (double)s->running / s->desired : 1.0;
    const struct model_deployment *p = &s->deployments[0];
    if (p->desired <= 0)
        return 1.0;
    double v = (double)p->running / p->desired;
    return v > 1 ? 1 : v;
}
