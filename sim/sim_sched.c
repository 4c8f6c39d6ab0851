/* sim_sched: the ECS service scheduler of the fake cloud. Tasks carry their
 * planned transition times; the scheduler decides only when something
 * happens (a task turns healthy or stops, a service is updated, a task is
 * stopped), so advancing the world is a walk over those moments in order.
 * Rolling updates follow maximumPercent (surge) and minimumHealthyPercent 100:
 * an old task drains only once a new one is healthy. Tasks that stop before
 * they are healthy count against the deployment; at the circuit breaker's
 * threshold the deployment FAILS and the last successful revision is rolled
 * out again. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "sim_launch.h"
#include "sim_world.h"

struct counts {
    int new_active, new_healthy, old_active;
};

static int task_active(const struct sim_task *t, int64_t at)
{
    return sim_launch_active(t, at);
}

static int is_primary(const struct sim_service *s, const struct sim_task *t)
{
    return strcmp(t->deployment_id, s->deployments[0].id) == 0;
}

static struct counts count(const struct sim_world *w, int si, int64_t at)
{
    const struct sim_service *s = &w->services[si];
    struct counts c = { 0, 0, 0 };
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if (t->service != si || !task_active(t, at))
            continue;
        if (is_primary(s, t)) {
            c.new_active++;
            c.new_healthy += t->healthy_ms && t->healthy_ms <= at;
        } else {
            c.old_active++;
        }
    }
    return c;
}

static struct sim_deployment *history_of(struct sim_service *s, const char *id)
{
    for (int i = 0; i < s->nhistory; i++)
        if (strcmp(s->history[i].id, id) == 0)
            return &s->history[i];
    return NULL;
}

static void stop(struct sim_world *w, int ti, int64_t at, const char *code, const char *reason)
{
    struct sim_task *t = &w->tasks[ti];
    int serving = sim_task_serving(t, at);
    t->stopping_ms = at;
    t->stopped_ms = at + (t->running_ms <= at ? sim_world_dur(w, SIM_DRAIN_MS) : 1);
    t->stop_code = code;
    t->exit_code = t->running_ms <= at ? 0 : -1;
    snprintf(t->stopped_reason, sizeof t->stopped_reason, "%s", reason);
    char msg[256], tg[200];
    sim_world_tg_arn(w, t->service, tg, sizeof tg);
    if (serving && tg[0]) {
        snprintf(msg, sizeof msg, "deregistered 1 targets in (target-group %s)", tg);
        sim_world_event(w, t->service, at, msg);
    }
    snprintf(msg, sizeof msg, "has stopped 1 running tasks: (task %s).", t->id);
    sim_world_event(w, t->service, at, msg);
}

/* The task to stop next among si's active tasks (old ones if old): not yet
 * healthy first, then those of the newest deployment, then the newest. */
static int victim(const struct sim_world *w, int si, int old, int64_t at)
{
    const struct sim_service *s = &w->services[si];
    int best = -1, best_rank = -1;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if (t->service != si || !task_active(t, at) || is_primary(s, t) == old)
            continue;
        int dep = 0;
        for (int d = 0; d < s->ndeployments; d++)
            if (strcmp(s->deployments[d].id, t->deployment_id) == 0)
                dep = s->ndeployments - d;
        int healthy = t->healthy_ms && t->healthy_ms <= at;
        int rank = (!healthy) * 1000 + dep * 10;
        if (rank > best_rank || (rank == best_rank && t->created_ms >= w->tasks[best].created_ms))
            best = i, best_rank = rank;
    }
    return best;
}

/* Old deployments want only the tasks they still have; drop those with none. */
static void drop_drained(struct sim_service *s, const struct sim_world *w, int64_t at)
{
    for (int d = s->ndeployments - 1; d >= 1; d--) {
        int active = 0;
        for (int i = 0; i < w->ntasks; i++)
            active += strcmp(w->tasks[i].deployment_id, s->deployments[d].id) == 0 &&
                      task_active(&w->tasks[i], at);
        s->deployments[d].desired = active;
        if (active)
            continue;
        memmove(&s->deployments[d], &s->deployments[d + 1],
                (size_t)(s->ndeployments - d - 1) * sizeof s->deployments[0]);
        s->ndeployments--;
    }
}

static void complete(struct sim_world *w, int si, int64_t at)
{
    struct sim_service *s = &w->services[si];
    struct sim_deployment *p = &s->deployments[0];
    p->rollout_state = "COMPLETED";
    p->updated_ms = p->finished_ms = at;
    char id[48];
    memcpy(id, p->id, sizeof id);
    snprintf(p->reason, sizeof p->reason, "ECS deployment %s completed.", id);
    struct sim_deployment *h = history_of(s, p->rollback_of[0] ? p->rollback_of : p->id);
    if (h) {
        h->sd_status = p->rollback_of[0] ? "ROLLBACK_SUCCESSFUL" : "SUCCESSFUL";
        h->rollout_state = p->rollback_of[0] ? "FAILED" : "COMPLETED";
        h->updated_ms = h->finished_ms = at;
    }
    char msg[160];
    snprintf(msg, sizeof msg, "(deployment %s) deployment completed.", id);
    sim_world_event(w, si, at, msg);
    sim_world_event(w, si, at, "has reached a steady state.");
}

/* Decide for service si at time at: drain, scale in, launch, complete. */
static void schedule(struct sim_world *w, int si, int64_t at)
{
    struct sim_service *s = &w->services[si];
    if (!s->ndeployments)
        return;
    struct sim_deployment *p = &s->deployments[0];
    char reason[120];
    snprintf(reason, sizeof reason, "Scaling activity initiated by (deployment %s)", p->id);
    struct counts c = count(w, si, at);
    int allowed_old = p->desired - c.new_healthy > 0 ? p->desired - c.new_healthy : 0;
    for (; c.old_active > allowed_old; c.old_active--)
        stop(w, victim(w, si, 1, at), at, "ServiceSchedulerInitiated", reason);
    for (; c.new_active > p->desired; c.new_active--)
        stop(w, victim(w, si, 0, at), at, "ServiceSchedulerInitiated", reason);
    int surge = p->desired * (s->max_percent - 100) / 100;
    if (surge < 1)
        surge = 1;
    for (; c.new_active < p->desired && c.new_active + c.old_active < p->desired + surge;
         c.new_active++)
        sim_launch_task(w, si, at);
    c = count(w, si, at);
    if (strcmp(p->rollout_state, "IN_PROGRESS") == 0 && c.old_active == 0 &&
        c.new_healthy >= p->desired && c.new_active == p->desired)
        complete(w, si, at);
    drop_drained(s, w, at);
}

static void push_history(struct sim_service *s, const struct sim_deployment *d)
{
    if (s->nhistory == SIM_MAX_HISTORY)
        s->nhistory--;
    memmove(&s->history[1], &s->history[0], (size_t)s->nhistory * sizeof s->history[0]);
    s->history[0] = *d;
    s->history[0].status = "INACTIVE";
    s->nhistory++;
}

/* Start a deployment of rev at at; rollback_of names the failed one it undoes. */
static void start_deployment(struct sim_world *w, int si, int rev, int64_t at,
                             const char *rollback_of)
{
    struct sim_service *s = &w->services[si];
    if (s->ndeployments == SIM_MAX_DEPLOYMENTS)
        s->ndeployments--; /* the oldest ACTIVE one is forgotten */
    if (s->ndeployments) {
        struct sim_deployment *old = &s->deployments[0];
        struct sim_deployment *h = history_of(s, old->id);
        if (h && strcmp(h->sd_status, "IN_PROGRESS") == 0) {
            h->sd_status = "STOPPED";
            h->updated_ms = h->finished_ms = at;
        }
        old->status = "ACTIVE";
        old->updated_ms = at;
    }
    memmove(&s->deployments[1], &s->deployments[0],
            (size_t)s->ndeployments * sizeof s->deployments[0]);
    s->ndeployments++;
    struct sim_deployment *d = &s->deployments[0];
    memset(d, 0, sizeof *d);
    snprintf(d->id, sizeof d->id, "ecs-svc/%019llu", 4200000000000000000ull + ++w->seq);
    d->status = "PRIMARY";
    d->sd_status = "IN_PROGRESS";
    d->td_revision = rev;
    d->source_revision = s->td_revision;
    d->rollout_state = "IN_PROGRESS";
    char id[48];
    memcpy(id, d->id, sizeof id);
    snprintf(d->reason, sizeof d->reason, "ECS deployment %s in progress.", id);
    d->desired = s->desired;
    d->created_ms = d->updated_ms = at;
    s->td_revision = rev;
    if (rollback_of)
        snprintf(d->rollback_of, sizeof d->rollback_of, "%s", rollback_of);
    else
        push_history(s, d);
    schedule(w, si, at);
}

void sim_world_deploy(struct sim_world *w, int si, int rev, int64_t now_ms)
{
    sim_world_advance(w, now_ms);
    start_deployment(w, si, rev, now_ms, NULL);
}

/* A task of si stopped at at without ever being healthy: count it against its
 * deployment and trip the circuit breaker at its threshold. */
static void task_failed(struct sim_world *w, int si, const struct sim_task *t, int64_t at)
{
    struct sim_service *s = &w->services[si];
    struct sim_deployment *p = &s->deployments[0];
    if (!s->ndeployments || strcmp(t->deployment_id, p->id) != 0 ||
        strcmp(p->rollout_state, "IN_PROGRESS") != 0)
        return;
    p->failed_tasks++;
    int threshold = (p->desired + 1) / 2;
    threshold = threshold < 3 ? 3 : threshold > 200 ? 200 : threshold;
    if (p->failed_tasks < threshold || p->rollback_of[0])
        return;
    p->rollout_state = "FAILED";
    p->updated_ms = at;
    snprintf(p->reason, sizeof p->reason,
             "ECS deployment circuit breaker: tasks failed to start.");
    char msg[200], failed[48];
    snprintf(failed, sizeof failed, "%s", p->id);
    snprintf(msg, sizeof msg, "(deployment %s) deployment failed: tasks failed to start.",
             failed);
    sim_world_event(w, si, at, msg);
    struct sim_deployment *h = history_of(s, failed);
    if (h)
        h->sd_status = "ROLLBACK_IN_PROGRESS", h->updated_ms = at;
    const struct sim_deployment *good = NULL;
    for (int i = 0; i < s->nhistory && !good; i++)
        if (strcmp(s->history[i].sd_status, "SUCCESSFUL") == 0)
            good = &s->history[i];
    if (!good)
        return;
    snprintf(msg, sizeof msg, "rolling back to deployment %s.", good->id);
    sim_world_event(w, si, at, msg);
    start_deployment(w, si, good->td_revision, at, failed);
}

/* Things that happen to task ti exactly at time at. */
static void task_moment(struct sim_world *w, int ti, int64_t at)
{
    struct sim_task *t = &w->tasks[ti];
    char msg[256], tg[200];
    if (t->healthy_ms == at) {
        sim_world_tg_arn(w, t->service, tg, sizeof tg);
        if (tg[0]) {
            snprintf(msg, sizeof msg, "registered 1 targets in (target-group %s)", tg);
            sim_world_event(w, t->service, at, msg);
        }
    }
    if (t->stopped_ms == at && !t->healthy_ms) {
        struct sim_task copy = *t;
        task_failed(w, copy.service, &copy, at);
    }
}

/* The earliest task transition after after and at or before until, or INT64_MAX. */
static int64_t next_moment(const struct sim_world *w, int64_t after, int64_t until)
{
    int64_t next = INT64_MAX;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        int64_t c[2] = { t->healthy_ms, t->stopped_ms };
        for (int k = 0; k < 2; k++)
            if (c[k] > after && c[k] <= until && c[k] < next)
                next = c[k];
    }
    return next;
}

void sim_world_advance(struct sim_world *w, int64_t now_ms)
{
    if (now_ms <= w->now_ms)
        return;
    int64_t from = w->now_ms;
    for (int64_t at; (at = next_moment(w, w->now_ms, now_ms)) != INT64_MAX;) {
        w->now_ms = at;
        for (int i = 0; i < w->ntasks; i++)
            if (w->tasks[i].healthy_ms == at || w->tasks[i].stopped_ms == at)
                task_moment(w, i, at);
        for (int si = 0; si < w->nservices; si++)
            schedule(w, si, at);
    }
    w->now_ms = now_ms;
    if (w->on_advance)
        w->on_advance(w, from, now_ms);
}

int sim_world_scale(struct sim_world *w, int si, int desired, int64_t now_ms)
{
    sim_world_advance(w, now_ms);
    struct sim_service *s = &w->services[si];
    struct counts c = count(w, si, now_ms);
    int stopped = 0;
    for (int i = 0; i < w->ntasks; i++)
        stopped += w->tasks[i].stopped_ms && w->tasks[i].stopped_ms <= now_ms;
    if (desired > c.new_active + c.old_active &&
        w->ntasks - stopped + desired - c.new_active > SIM_MAX_TASKS)
        return -1;
    s->desired = desired;
    for (int d = 0; d < s->ndeployments; d++)
        if (strcmp(s->deployments[d].status, "PRIMARY") == 0)
            s->deployments[d].desired = desired;
    schedule(w, si, now_ms);
    return 0;
}

void sim_world_stop_task(struct sim_world *w, int ti, const char *reason, int64_t now_ms)
{
    sim_world_advance(w, now_ms);
    struct sim_task *t = &w->tasks[ti];
    if (!task_active(t, now_ms))
        return;
    int si = t->service;
    stop(w, ti, now_ms, "UserInitiated", reason && *reason ? reason : "Task stopped by user");
    schedule(w, si, now_ms);
}
