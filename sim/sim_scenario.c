/* sim_scenario: the default world and the drill scenarios. The fleet is built
 * as it stood an hour before the sim started, then each scenario's actions
 * are replayed at their (speed-compressed) times up to now, so history
 * (metrics, events, deployments) is already there when the first request
 * arrives:
 *   steady           every service COMPLETED and healthy
 *   bad-deploy       consumer-agent rolls out revision 4 (5xx, slow) from 8 min ago
 *   flapping-health  payments-api's /health fails 30 s, passes 45 s
 *   throttling       steady; the server throttles ~30 % of ECS and Logs calls
 *   slow-boot        consumer-agent rolls out revision 4 (boot_ms ~7500), one task
 *                    in three passes the hard limit and exits 1, until the
 *                    circuit breaker fails the deployment and rolls back */
#include "sim_world.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"

#define HOUR_MS (3600 * 1000LL)
#define DAY_MS (24 * HOUR_MS)

struct seed {
    const char *name;
    int desired, revisions, max_percent, target_group, firelens;
};

static const struct seed seeds[] = {
    { "consumer-agent", 4, 3, 125, 1, 0 },
    { "rover-agent", 2, 2, 200, 0, 0 },
    { "payments-api", 3, 2, 200, 1, 1 },
};

static const char *const scenarios[] = { "steady", "bad-deploy", "flapping-health",
                                         "throttling", "slow-boot", NULL };

const char *const *sim_world_scenarios(void)
{
    return scenarios;
}

static void set_container(struct sim_container_def *c, const char *name, int port,
                          const char *driver, const char *group, const char *prefix)
{
    snprintf(c->name, sizeof c->name, "%s", name);
    c->essential = 1;
    c->port = port;
    c->log_driver = driver;
    snprintf(c->log_group, sizeof c->log_group, "%s", group);
    snprintf(c->stream_prefix, sizeof c->stream_prefix, "%s", prefix);
}

/* Register revision rev of sd's family; the new sim_td. */
static struct sim_td *add_td(struct sim_world *w, const struct seed *sd, int rev, int64_t at)
{
    if (w->ntds == SIM_MAX_TDS)
        return NULL;
    struct sim_td *td = &w->tds[w->ntds++];
    memset(td, 0, sizeof *td);
    snprintf(td->family, sizeof td->family, "%s", sd->name);
    td->revision = rev;
    snprintf(td->release, sizeof td->release, "1.%d.0", rev + 3);
    snprintf(td->image, sizeof td->image, "%s.dkr.ecr.%s.amazonaws.com/%s:1.%d.0", w->account,
             w->region, sd->name, rev + 3);
    td->boot_ms = 1100 + 150 * rev;
    td->registered_ms = at;
    char group[96];
    snprintf(group, sizeof group, "/ecs/%s", sd->name);
    if (sd->firelens) {
        set_container(&td->containers[0], sd->name, 8080, "awsfirelens", group, "firelens/");
        set_container(&td->containers[1], "log_router", 0, "awslogs", group, "ecs");
        td->containers[1].firelens_router = 1;
        td->ncontainers = 2;
    } else {
        set_container(&td->containers[0], sd->name, 8080, "awslogs", group, "ecs");
        td->ncontainers = 1;
    }
    return td;
}

static void add_history(struct sim_world *w, struct sim_service *s, int rev, int64_t at)
{
    memmove(&s->history[1], &s->history[0], (size_t)s->nhistory * sizeof s->history[0]);
    s->nhistory++;
    struct sim_deployment *h = &s->history[0];
    memset(h, 0, sizeof *h);
    snprintf(h->id, sizeof h->id, "ecs-svc/%019llu", 4200000000000000000ull + ++w->seq);
    h->status = "INACTIVE";
    h->sd_status = "SUCCESSFUL";
    h->td_revision = rev;
    h->source_revision = rev - 1;
    h->rollout_state = "COMPLETED";
    h->desired = s->desired;
    h->created_ms = at;
    h->updated_ms = h->finished_ms = at + 5 * 60000;
}

/* The service as it stood at base: its current revision deployed and steady. */
static void add_service(struct sim_world *w, const struct seed *sd, int64_t base)
{
    int si = w->nservices++;
    struct sim_service *s = &w->services[si];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", sd->name);
    snprintf(s->family, sizeof s->family, "%s", sd->name);
    s->desired = sd->desired;
    s->max_percent = sd->max_percent;
    s->target_group = sd->target_group;
    s->created_ms = base - 30 * DAY_MS;
    for (int r = 1; r <= sd->revisions; r++)
        add_td(w, sd, r, base - DAY_MS * (sd->revisions - r + 1));
    /* older releases, newest first; sim_world_deploy puts the current one on top */
    for (int r = 1; r < sd->revisions; r++)
        add_history(w, s, r, base - DAY_MS * (sd->revisions - r + 1) + 600000);
}

/* Build the steady fleet as of an hour before now (the world's clock then). */
static void build_fleet(struct sim_world *w, int64_t now)
{
    int64_t base = now - HOUR_MS;
    w->now_ms = base - 120000;
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        add_service(w, &seeds[i], base);
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        sim_world_deploy(w, (int)i, seeds[i].revisions, w->now_ms);
    sim_world_advance(w, base);
    /* the fleet was deployed long ago: make it look so */
    for (int i = 0; i < w->ntasks; i++) {
        struct sim_task *t = &w->tasks[i];
        int64_t back = base - 3 * 60000 - t->created_ms;
        t->created_ms += back, t->pending_ms += back, t->running_ms += back;
        t->healthy_ms += back;
    }
}

/* Register a new revision of consumer-agent and start rolling it out at at. */
static void roll_out(struct sim_world *w, int bad, int64_t at)
{
    int si = sim_world_find_service(w, "consumer-agent");
    sim_world_advance(w, at);
    struct sim_td *td = add_td(w, &seeds[0], seeds[0].revisions + 1, at - 300000);
    if (bad) {
        td->bad = 1;
    } else {
        td->boot_ms = 7500;
        td->boot_fail_every = 3;
    }
    sim_world_deploy(w, si, td->revision, at);
}

int sim_world_init(struct sim_world *w, const char *scenario, int64_t now_ms, uint64_t seed,
                   double speed)
{
    if (!scenario || !*scenario)
        scenario = "steady";
    int known = 0;
    for (int i = 0; scenarios[i]; i++)
        known |= strcmp(scenario, scenarios[i]) == 0;
    if (!known)
        return -1;
    memset(w, 0, sizeof *w);
    snprintf(w->region, sizeof w->region, "us-east-1");
    snprintf(w->account, sizeof w->account, "123456789012");
    snprintf(w->cluster, sizeof w->cluster, "demo-fargate");
    snprintf(w->scenario, sizeof w->scenario, "%s", scenario);
    w->speed = speed >= 1 ? speed : 1;
    w->seed = seed ? seed : 1;
    w->rng = w->seed;
    w->start_ms = now_ms;
    w->clock = rw_wall_ms;
    pthread_mutex_init(&w->mu, NULL);
    build_fleet(w, now_ms);
    if (strcmp(scenario, "bad-deploy") == 0)
        roll_out(w, 1, now_ms - sim_world_dur(w, 8 * 60000));
    else if (strcmp(scenario, "slow-boot") == 0)
        roll_out(w, 0, now_ms - sim_world_dur(w, 20000));
    sim_world_advance(w, now_ms);
    return 0;
}
