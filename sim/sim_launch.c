/* sim_launch: a new task's plan. Every transition time is fixed when the task
 * starts (compressed by the world's speed); the scheduler only adds stops. */
#include "sim_launch.h"

#include <stdio.h>
#include <string.h>

int sim_launch_active(const struct sim_task *t, int64_t at)
{
    return !(t->stopping_ms && t->stopping_ms <= at);
}

/* Make room for one more task: drop the task that stopped longest ago. */
static int room(struct sim_world *w, int64_t at)
{
    if (w->ntasks < SIM_MAX_TASKS)
        return 1;
    int victim = -1;
    for (int i = 0; i < w->ntasks; i++) {
        const struct sim_task *t = &w->tasks[i];
        if (t->stopped_ms && t->stopped_ms <= at &&
            (victim < 0 || t->stopped_ms < w->tasks[victim].stopped_ms))
            victim = i;
    }
    if (victim < 0)
        return 0;
    memmove(&w->tasks[victim], &w->tasks[victim + 1],
            (size_t)(w->ntasks - victim - 1) * sizeof w->tasks[0]);
    w->ntasks--;
    return 1;
}

static int free_slot(const struct sim_world *w, const struct sim_deployment *d, int64_t at)
{
    for (int slot = 0;; slot++) {
        int used = 0;
        for (int i = 0; i < w->ntasks && !used; i++)
            used = w->tasks[i].slot == slot && sim_launch_active(&w->tasks[i], at) &&
                   strcmp(w->tasks[i].deployment_id, d->id) == 0;
        if (!used)
            return slot;
    }
}

static void plan_task(struct sim_world *w, struct sim_task *t, const struct sim_td *td, int64_t at)
{
    unsigned n = w->seq;
    t->boot_ms = (int)(td->boot_ms * (0.85 + 0.3 * sim_world_noise(w, n, 1)));
    t->boot_fails = td->boot_fail_every && t->slot % td->boot_fail_every == td->boot_fail_every - 1;
    t->created_ms = at;
    t->pending_ms = at + sim_world_dur(w, SIM_PROVISION_MS);
    t->running_ms = t->pending_ms + sim_world_dur(w, SIM_PULL_MS);
    t->exit_code = -1;
    if (t->boot_fails) {
        t->boot_ms = SIM_BOOT_HARD_LIMIT_MS + 500 + (int)(4500 * sim_world_noise(w, n, 2));
        t->stopping_ms = t->stopped_ms = t->running_ms + sim_world_dur(w, t->boot_ms);
        t->exit_code = 1;
        t->stop_code = "EssentialContainerExited";
        snprintf(t->stopped_reason, sizeof t->stopped_reason,
                 "Essential container in task exited");
        return;
    }
    int64_t checks = td->bad ? SIM_BAD_HEALTH_MS : SIM_HEALTH_MS;
    t->healthy_ms = t->running_ms + sim_world_dur(w, t->boot_ms + checks);
}

static const char *const azs[] = { "us-east-1a", "us-east-1b", "us-east-1c" };

void sim_launch_task(struct sim_world *w, int si, int64_t at)
{
    struct sim_service *s = &w->services[si];
    const struct sim_deployment *d = &s->deployments[0];
    const struct sim_td *td = sim_world_find_td(w, s->family, d->td_revision);
    if (!td || !room(w, at))
        return;
    int slot = free_slot(w, d, at);
    struct sim_task *t = &w->tasks[w->ntasks];
    memset(t, 0, sizeof *t);
    unsigned n = ++w->seq;
    snprintf(t->id, sizeof t->id, "%08x%08x%08x%08x", 0x5a17c0deu ^ n, n * 2654435761u,
             n * 40503u, 0x0badf00du + n);
    t->service = si;
    t->td_revision = d->td_revision;
    t->slot = slot;
    memcpy(t->deployment_id, d->id, sizeof t->deployment_id);
    snprintf(t->ip, sizeof t->ip, "10.0.%u.%u", 1 + n % 3, 10 + n % 240);
    snprintf(t->az, sizeof t->az, "%s", azs[n % 3]);
    plan_task(w, t, td, at);
    w->ntasks++;
    char msg[120];
    snprintf(msg, sizeof msg, "has started 1 tasks: (task %s).", t->id);
    sim_world_event(w, si, at, msg);
}

