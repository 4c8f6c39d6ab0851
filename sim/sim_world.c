/* sim_world: the default world (cluster demo-fargate in us-east-1, account
 * 123456789012) and look-ups by name or ARN. Ids come from a counter, so two
 * runs build the same world apart from the timestamps. */
#include "sim_world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct seed {
    const char *name;
    int desired;
    int revisions;
};

static const struct seed seeds[] = {
    { "consumer-agent", 2, 3 },
    { "rover-agent", 1, 2 },
    { "payments-api", 3, 2 },
};

static const char *const azs[] = { "us-east-1a", "us-east-1b", "us-east-1c" };

static void add_event(struct sim_service *s, struct sim_world *w, int64_t at, const char *msg)
{
    if (s->nevents == SIM_MAX_EVENTS)
        s->nevents--;
    memmove(&s->events[1], &s->events[0], (size_t)s->nevents * sizeof s->events[0]);
    struct sim_event *e = &s->events[0];
    unsigned n = ++w->seq;
    snprintf(e->id, sizeof e->id, "%08x-5e1a-4c0d-9b7e-%012x", n, n * 7919u);
    snprintf(e->message, sizeof e->message, "(service %s) %s", s->name, msg);
    e->created_at = at;
    s->nevents++;
}

static void add_tds(struct sim_world *w, const struct seed *sd, int64_t now)
{
    for (int r = 1; r <= sd->revisions && w->ntds < SIM_MAX_TDS; r++) {
        struct sim_td *td = &w->tds[w->ntds++];
        snprintf(td->family, sizeof td->family, "%s", sd->name);
        td->revision = r;
        snprintf(td->image, sizeof td->image,
                 "123456789012.dkr.ecr.us-east-1.amazonaws.com/%s:1.%d.0", sd->name, r + 3);
        td->registered_at = now - 86400 * (sd->revisions - r + 1);
    }
}

static void add_task(struct sim_world *w, int si, const struct sim_deployment *d,
                     int64_t started)
{
    if (w->ntasks == SIM_MAX_TASKS)
        return;
    struct sim_task *t = &w->tasks[w->ntasks];
    unsigned n = ++w->seq;
    snprintf(t->id, sizeof t->id, "%08x%08x%08x%08x", 0x5a17c0deu ^ n, n * 2654435761u,
             n * 40503u, 0x0badf00du + n);
    t->service = si;
    t->td_revision = d->td_revision;
    memcpy(t->deployment_id, d->id, sizeof t->deployment_id);
    t->last_status = "RUNNING";
    t->desired_status = "RUNNING";
    t->health = "HEALTHY";
    snprintf(t->ip, sizeof t->ip, "10.0.%d.%d", 1 + w->ntasks % 3, 10 + w->ntasks);
    snprintf(t->az, sizeof t->az, "%s", azs[w->ntasks % 3]);
    t->created_at = started - 40;
    t->started_at = started;
    w->ntasks++;
}

static void add_service(struct sim_world *w, const struct seed *sd, int64_t now)
{
    int si = w->nservices++;
    struct sim_service *s = &w->services[si];
    memset(s, 0, sizeof *s);
    snprintf(s->name, sizeof s->name, "%s", sd->name);
    snprintf(s->family, sizeof s->family, "%s", sd->name);
    s->td_revision = sd->revisions;
    s->desired = sd->desired;
    s->created_at = now - 86400 * 30;
    add_tds(w, sd, now);
    struct sim_deployment *d = &s->deployments[s->ndeployments++];
    snprintf(d->id, sizeof d->id, "ecs-svc/%019u", 4200000000u + ++w->seq);
    d->status = "PRIMARY";
    d->td_revision = s->td_revision;
    d->rollout_state = "COMPLETED";
    d->desired = sd->desired;
    d->created_at = now - 3700;
    d->updated_at = now - 3500;
    for (int i = 0; i < sd->desired; i++)
        add_task(w, si, d, now - 3600);
    add_event(s, w, now - 3700, "has started 1 tasks.");
    add_event(s, w, now - 3500, "has reached a steady state.");
    add_event(s, w, now - 60, "has reached a steady state.");
}

static int running_tasks(const struct sim_world *w, int si)
{
    int n = 0;
    for (int i = 0; i < w->ntasks; i++)
        n += w->tasks[i].service == si && strcmp(w->tasks[i].desired_status, "RUNNING") == 0;
    return n;
}

int sim_world_scale(struct sim_world *w, int si, int desired, int64_t now)
{
    struct sim_service *s = &w->services[si];
    int have = running_tasks(w, si);
    if (desired > have && w->ntasks + desired - have > SIM_MAX_TASKS)
        return -1;
    char msg[160], dep[sizeof s->deployments[0].id];
    memcpy(dep, s->deployments[0].id, sizeof dep);
    snprintf(msg, sizeof msg, "has %s %d tasks.", desired > have ? "started" : "stopped",
             desired > have ? desired - have : have - desired);
    for (int i = have; i < desired; i++)
        add_task(w, si, &s->deployments[0], now);
    for (int i = w->ntasks - 1; i >= 0 && have > desired; i--) {
        struct sim_task *t = &w->tasks[i];
        if (t->service != si || strcmp(t->desired_status, "RUNNING") != 0)
            continue;
        t->last_status = t->desired_status = "STOPPED";
        t->health = "UNKNOWN";
        t->stopped_at = now;
        snprintf(t->stopped_reason, sizeof t->stopped_reason,
                 "Scaling activity initiated by (deployment %s)", dep);
        have--;
    }
    if (desired != s->desired)
        add_event(s, w, now, msg);
    s->desired = desired;
    s->deployments[0].desired = desired;
    s->deployments[0].updated_at = now;
    return 0;
}

void sim_world_deploy(struct sim_world *w, int si, int rev, int64_t now)
{
    struct sim_service *s = &w->services[si];
    if (s->ndeployments == SIM_MAX_DEPLOYMENTS)
        s->ndeployments--; /* the oldest ACTIVE one is gone */
    memmove(&s->deployments[1], &s->deployments[0],
            (size_t)s->ndeployments * sizeof s->deployments[0]);
    s->ndeployments++;
    s->deployments[1].status = "ACTIVE";
    s->deployments[1].updated_at = now;
    struct sim_deployment *d = &s->deployments[0];
    memset(d, 0, sizeof *d);
    snprintf(d->id, sizeof d->id, "ecs-svc/%019u", 4200000000u + ++w->seq);
    d->status = "PRIMARY";
    d->td_revision = rev;
    d->rollout_state = "IN_PROGRESS";
    d->desired = s->desired;
    d->created_at = d->updated_at = now;
    s->td_revision = rev;
}

int sim_world_init(struct sim_world *w, const char *scenario, int64_t now)
{
    if (scenario && *scenario && strcmp(scenario, "steady") != 0)
        return -1;
    memset(w, 0, sizeof *w);
    snprintf(w->region, sizeof w->region, "us-east-1");
    snprintf(w->account, sizeof w->account, "123456789012");
    snprintf(w->cluster, sizeof w->cluster, "demo-fargate");
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++)
        add_service(w, &seeds[i], now);
    pthread_mutex_init(&w->mu, NULL);
    return 0;
}

void sim_world_destroy(struct sim_world *w)
{
    pthread_mutex_destroy(&w->mu);
}

void sim_world_arn(const struct sim_world *w, const char *kind, const char *rest, char *out,
                   size_t n)
{
    snprintf(out, n, "arn:aws:ecs:%s:%s:%s/%s", w->region, w->account, kind, rest);
}

/* The part after the last '/' of an ARN, or s itself. */
static const char *last_part(const char *s)
{
    const char *p = strrchr(s, '/');
    return p ? p + 1 : s;
}

int sim_world_is_cluster(const struct sim_world *w, const char *name)
{
    if (!name || !*name)
        name = "default";
    if (strncmp(name, "arn:", 4) == 0) {
        char arn[160];
        sim_world_arn(w, "cluster", w->cluster, arn, sizeof arn);
        return strcmp(name, arn) == 0;
    }
    return strcmp(name, w->cluster) == 0;
}

int sim_world_find_service(const struct sim_world *w, const char *name)
{
    if (!name)
        return -1;
    for (int i = 0; i < w->nservices; i++) {
        if (strncmp(name, "arn:", 4) == 0) {
            char rest[160], arn[256];
            snprintf(rest, sizeof rest, "%s/%s", w->cluster, w->services[i].name);
            sim_world_arn(w, "service", rest, arn, sizeof arn);
            if (strcmp(name, arn) == 0)
                return i;
        } else if (strcmp(name, w->services[i].name) == 0) {
            return i;
        }
    }
    return -1;
}

const struct sim_td *sim_world_find_td(const struct sim_world *w, const char *family, int rev)
{
    for (int i = 0; i < w->ntds; i++)
        if (strcmp(w->tds[i].family, family) == 0 && w->tds[i].revision == rev)
            return &w->tds[i];
    return NULL;
}

int sim_world_find_task(const struct sim_world *w, const char *id)
{
    if (!id)
        return -1;
    const char *want = last_part(id);
    for (int i = 0; i < w->ntasks; i++)
        if (strcmp(want, w->tasks[i].id) == 0)
            return i;
    return -1;
}

/* "family", "family:rev" or an ARN to a task definition (latest for a bare family). */
const struct sim_td *sim_world_resolve_td(const struct sim_world *w, const char *ref)
{
    const char *slash = strrchr(ref, '/');
    const char *name = strncmp(ref, "arn:", 4) == 0 && slash ? slash + 1 : ref;
    char family[64];
    const char *colon = strchr(name, ':');
    size_t fl = colon ? (size_t)(colon - name) : strlen(name);
    if (fl >= sizeof family)
        return NULL;
    memcpy(family, name, fl);
    family[fl] = '\0';
    if (colon) {
        char *end;
        long rev = strtol(colon + 1, &end, 10);
        return *end || rev < 1 || rev > 100000 ? NULL : sim_world_find_td(w, family, (int)rev);
    }
    const struct sim_td *best = NULL;
    for (int i = 0; i < w->ntds; i++)
        if (strcmp(w->tds[i].family, family) == 0 &&
            (!best || w->tds[i].revision > best->revision))
            best = &w->tds[i];
    return best;
}
