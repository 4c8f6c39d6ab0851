/* sim_world: look-ups by name or ARN, the seeded generators, events and the
 * task status at a given time. Building the world is sim_scenario.c; moving
 * it on is sim_sched.c. */
#include "sim_world.h"

#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sim_world_destroy(struct sim_world *w)
{
    if (w->on_advance)
        w->on_advance(w, -1, -1);
    pthread_mutex_destroy(&w->mu);
}

int64_t sim_world_clock(const struct sim_world *w)
{
    return w->clock ? w->clock() : rw_wall_ms();
}

int64_t sim_world_dur(const struct sim_world *w, int64_t ms)
{
    int64_t d = (int64_t)((double)ms / (w->speed >= 1 ? w->speed : 1));
    return d > 0 ? d : 1;
}

static uint64_t splitmix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

double sim_world_rand(struct sim_world *w)
{
    w->rng = splitmix(w->rng);
    return (double)(w->rng >> 11) / 9007199254740992.0;
}

double sim_world_noise(const struct sim_world *w, uint64_t a, uint64_t b)
{
    uint64_t x = splitmix(splitmix(w->seed ^ a) ^ (b * 0x2545f4914f6cdd1dull));
    return (double)(x >> 11) / 9007199254740992.0;
}

int sim_world_flapping(const struct sim_world *w, int si, int64_t t_ms)
{
    if (strcmp(w->scenario, "flapping-health") != 0 || si < 0 || si >= w->nservices ||
        strcmp(w->services[si].name, "payments-api") != 0)
        return 0;
    int64_t fail = sim_world_dur(w, 30000), cycle = fail + sim_world_dur(w, 45000);
    int64_t phase = (t_ms - w->start_ms) % cycle;
    if (phase < 0)
        phase += cycle;
    return phase < fail;
}

void sim_world_event(struct sim_world *w, int si, int64_t at_ms, const char *msg)
{
    struct sim_service *s = &w->services[si];
    if (s->nevents == SIM_MAX_EVENTS)
        s->nevents--;
    memmove(&s->events[1], &s->events[0], (size_t)s->nevents * sizeof s->events[0]);
    struct sim_event *e = &s->events[0];
    unsigned n = ++w->seq;
    snprintf(e->id, sizeof e->id, "%08x-5e1a-4c0d-9b7e-%012x", n, n * 7919u);
    char name[sizeof s->name];
    memcpy(name, s->name, sizeof name);
    snprintf(e->message, sizeof e->message, "(service %s) %s", name, msg);
    e->created_ms = at_ms;
    s->nevents++;
}

const char *sim_task_last_status(const struct sim_task *t, int64_t t_ms)
{
    if (t_ms < t->created_ms)
        return NULL;
    if (t->stopped_ms && t_ms >= t->stopped_ms)
        return "STOPPED";
    if (t->stopping_ms && t_ms >= t->stopping_ms)
        return t->running_ms && t->stopping_ms >= t->running_ms ? "DEACTIVATING" : "STOPPING";
    if (t_ms >= t->running_ms)
        return "RUNNING";
    return t_ms >= t->pending_ms ? "PENDING" : "PROVISIONING";
}

const char *sim_task_desired_status(const struct sim_task *t, int64_t t_ms)
{
    return t->stopping_ms && t_ms >= t->stopping_ms ? "STOPPED" : "RUNNING";
}

const char *sim_task_health(const struct sim_task *t, int64_t t_ms)
{
    if (t->healthy_ms && t_ms >= t->healthy_ms)
        return t->stopped_ms && t_ms >= t->stopped_ms ? "UNKNOWN" : "HEALTHY";
    /* a task that is up but not yet passing: its checks fail once they start */
    if (t_ms >= t->running_ms + 30000 && !(t->stopped_ms && t_ms >= t->stopped_ms))
        return "UNHEALTHY";
    return "UNKNOWN";
}

int sim_task_serving(const struct sim_task *t, int64_t t_ms)
{
    return t->healthy_ms && t_ms >= t->healthy_ms && !(t->stopping_ms && t_ms >= t->stopping_ms);
}

void sim_world_arn(const struct sim_world *w, const char *kind, const char *rest, char *out,
                   size_t n)
{
    snprintf(out, n, "arn:aws:ecs:%s:%s:%s/%s", w->region, w->account, kind, rest);
}

void sim_world_tg_arn(const struct sim_world *w, int si, char *out, size_t n)
{
    const struct sim_service *s = &w->services[si];
    if (!s->target_group) {
        snprintf(out, n, "%s", "");
        return;
    }
    snprintf(out, n, "arn:aws:elasticloadbalancing:%s:%s:targetgroup/%.20s-tg/%016llx",
             w->region, w->account, s->name, 0x5e1a7a96e7000000ull + (unsigned long long)si);
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

const struct sim_td *sim_world_task_td(const struct sim_world *w, int ti)
{
    const struct sim_task *t = &w->tasks[ti];
    return sim_world_find_td(w, w->services[t->service].family, t->td_revision);
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
