/* model_ecs: copy what the console shows out of ECS's replies. */
#include "model_ecs.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static char *dup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static struct model_deployment deployment(const struct ecs_deployment *d)
{
    struct model_deployment m = { 0 };
    m.id = dup(d->id);
    m.status = dup(d->status);
    m.rollout = dup(d->rollout_state);
    m.reason = dup(d->rollout_state_reason);
    m.revision = ecs_task_definition_revision(d->task_definition);
    m.desired = d->desired_count;
    m.running = d->running_count;
    m.pending = d->pending_count;
    m.failed = d->failed_tasks;
    m.created_wall_ms = d->created_at_ms;
    m.updated_wall_ms = d->updated_at_ms;
    return m;
}

struct model_service model_ecs_service(const struct ecs_service *s)
{
    struct model_service m = { 0 };
    m.name = dup(s->service_name);
    m.status = dup(s->status);
    m.family = s->task_definition ? ecs_task_definition_family(s->task_definition) : NULL;
    m.revision = s->task_definition ? ecs_task_definition_revision(s->task_definition) : 0;
    m.desired = s->desired_count;
    m.running = s->running_count;
    m.pending = s->pending_count;
    m.circuit_breaker = s->circuit_breaker_enable;
    const struct ecs_deployment *p = ecs_service_primary_deployment(s);
    m.deployments = xcalloc(s->ndeployments + 1, sizeof *m.deployments);
    if (p) {
        m.deployments[m.ndeployments++] = deployment(p);
        m.rollout = dup(p->rollout_state);
        m.deployed_wall_ms = p->created_at_ms;
    }
    for (size_t i = 0; i < s->ndeployments; i++)
        if (&s->deployments[i] != p)
            m.deployments[m.ndeployments++] = deployment(&s->deployments[i]);
    m.events = xcalloc(s->nevents + 1, sizeof *m.events);
    for (size_t i = 0; i < s->nevents; i++) {
        m.events[i].id = dup(s->events[i].id);
        m.events[i].message = dup(s->events[i].message);
        m.events[i].at_wall_ms = s->events[i].created_at_ms;
    }
    m.nevents = s->nevents;
    m.target_groups = xcalloc(s->nload_balancers + 1, sizeof *m.target_groups);
    for (size_t i = 0; i < s->nload_balancers; i++)
        if (s->load_balancers[i].target_group_arn) /* classic ELBs have none */
            m.target_groups[m.ntarget_groups++] = dup(s->load_balancers[i].target_group_arn);
    return m;
}

struct model_task model_ecs_task(const struct ecs_task *t)
{
    struct model_task m = { 0 };
    m.id = dup(ecs_task_id(t->task_arn));
    m.deployment_id = dup(t->started_by);
    m.revision = t->task_definition_arn ? ecs_task_definition_revision(t->task_definition_arn) : 0;
    m.last_status = dup(t->last_status);
    m.desired_status = dup(t->desired_status);
    m.health = dup(t->health_status);
    m.az = dup(t->availability_zone);
    m.ip = dup(t->private_ipv4);
    m.stopped_reason = dup(t->stopped_reason);
    m.stop_code = dup(t->stop_code);
    m.created_wall_ms = t->created_at_ms;
    m.started_wall_ms = t->started_at_ms;
    m.stopped_wall_ms = t->stopped_at_ms;
    m.containers = xcalloc(t->ncontainers + 1, sizeof *m.containers);
    for (size_t i = 0; i < t->ncontainers; i++) {
        const struct ecs_container *c = &t->containers[i];
        m.containers[i].name = dup(c->name);
        m.containers[i].last_status = dup(c->last_status);
        m.containers[i].reason = dup(c->reason);
        m.containers[i].has_exit_code = c->has_exit_code;
        m.containers[i].exit_code = c->exit_code;
    }
    m.ncontainers = t->ncontainers;
    return m;
}
