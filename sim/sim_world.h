/* sim_world: the fake cloud's state: one ECS cluster with its services, task
 * definitions, deployments, tasks and service events. Every timestamp is
 * wall-clock epoch seconds. The server's thread and the caller share a world:
 * hold mu while reading or changing it. */
#ifndef RW_SIM_WORLD_H
#define RW_SIM_WORLD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_MAX_SERVICES 8
#define SIM_MAX_TDS 16
#define SIM_MAX_TASKS 64
#define SIM_MAX_DEPLOYMENTS 4
#define SIM_MAX_EVENTS 16

struct sim_td {
    char family[64];
    int revision;
    char image[160];
    int64_t registered_at;
};

struct sim_deployment {
    char id[48];             /* "ecs-svc/…" */
    const char *status;      /* PRIMARY | ACTIVE */
    int td_revision;
    const char *rollout_state;
    int desired;
    int64_t created_at, updated_at;
};

struct sim_event {
    char id[40];
    char message[200];
    int64_t created_at;
};

struct sim_service {
    char name[64];
    char family[64];         /* task definition family */
    int td_revision;         /* current revision */
    int desired;
    int64_t created_at;
    struct sim_deployment deployments[SIM_MAX_DEPLOYMENTS]; /* [0] is PRIMARY */
    int ndeployments;
    struct sim_event events[SIM_MAX_EVENTS];                /* newest first */
    int nevents;
};

struct sim_task {
    char id[40];             /* 32 hex digits, as ECS task ids */
    int service;             /* index into services */
    int td_revision;
    char deployment_id[48];
    const char *last_status, *desired_status, *health;
    char ip[24], az[16];
    int64_t created_at, started_at, stopped_at;
    char stopped_reason[96];
};

struct sim_world {
    pthread_mutex_t mu;
    char region[32], account[16], cluster[64];
    struct sim_service services[SIM_MAX_SERVICES];
    int nservices;
    struct sim_td tds[SIM_MAX_TDS];
    int ntds;
    struct sim_task tasks[SIM_MAX_TASKS];
    int ntasks;
    unsigned seq;            /* ids: a counter, so runs are reproducible */
};

/* Fill w with the named scenario's world at wall-clock time now; 0, or -1 for an
 * unknown scenario (only "steady" so far). Initialises w->mu. */
int sim_world_init(struct sim_world *w, const char *scenario, int64_t now);
/* Destroy what sim_world_init set up. */
void sim_world_destroy(struct sim_world *w);
/* The service named name (or its ARN), or -1. */
int sim_world_find_service(const struct sim_world *w, const char *name);
/* The task definition family:revision, or NULL. */
const struct sim_td *sim_world_find_td(const struct sim_world *w, const char *family, int rev);
/* The task definition "family" (its latest revision), "family:rev" or ARN, or NULL. */
const struct sim_td *sim_world_resolve_td(const struct sim_world *w, const char *ref);
/* Set service si's desired count at time now: tasks of its PRIMARY deployment start
 * (RUNNING, HEALTHY) or the newest running ones stop at once; 0, or -1 if there is
 * no room for that many tasks. */
int sim_world_scale(struct sim_world *w, int si, int desired, int64_t now);
/* Start a new PRIMARY deployment of revision rev of si's family (IN_PROGRESS, no tasks
 * yet); the old PRIMARY becomes ACTIVE. */
void sim_world_deploy(struct sim_world *w, int si, int rev, int64_t now);
/* The task with this id (or ARN), or -1. */
int sim_world_find_task(const struct sim_world *w, const char *id);
/* Whether name is this world's cluster, by name or ARN (NULL or "" mean "default"). */
int sim_world_is_cluster(const struct sim_world *w, const char *name);
/* Write an ARN "arn:aws:ecs:REGION:ACCOUNT:KIND/REST" into out (size n). */
void sim_world_arn(const struct sim_world *w, const char *kind, const char *rest, char *out,
                   size_t n);

#endif
