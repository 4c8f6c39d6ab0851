/* model: the fleet the console shows, provider-agnostic: services, each with
 * its deployments, events and (for the services looked at) tasks. Pollers fill
 * it from provider replies; panes only read it. A reply replaces what it
 * covers whole and never blanks data with nothing: a failed or empty-handed
 * refresh only marks freshness. Anything that outlives a request is found again
 * by name and generation, never by a saved pointer. Times in *_wall_ms are
 * epoch milliseconds from the provider; freshness uses the boot clock. */
#ifndef RW_MODEL_H
#define RW_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "fresh.h"
#include "model_metrics.h"

struct model_container {
    char *name, *last_status, *reason;
    int has_exit_code, exit_code;
};

struct model_task {
    char *id;                 /* the full task id (short forms are the pane's business) */
    char *deployment_id;      /* which deployment started it */
    int revision;             /* task definition revision, 0 if unknown */
    char *last_status, *desired_status, *health;
    char *az, *ip;
    char *stopped_reason, *stop_code;
    int64_t created_wall_ms, started_wall_ms, stopped_wall_ms;
    struct model_container *containers;
    size_t ncontainers;
};

struct model_deployment {
    char *id, *status;        /* PRIMARY | ACTIVE */
    char *rollout, *reason;   /* IN_PROGRESS | COMPLETED | FAILED, and why */
    int revision;
    int desired, running, pending, failed;
    int64_t created_wall_ms, updated_wall_ms;
};

struct model_event {
    char *id, *message;
    int64_t at_wall_ms;
};

struct model_service {
    char *name, *status;
    char *family;             /* task definition family */
    int revision;             /* the service's task definition revision */
    int desired, running, pending;
    char *rollout;            /* the PRIMARY deployment's rollout state */
    int circuit_breaker;
    int64_t deployed_wall_ms; /* the PRIMARY deployment's creation */
    struct model_deployment *deployments; /* [0] is PRIMARY when there is one */
    size_t ndeployments;
    struct model_event *events;           /* newest first */
    size_t nevents;
    struct model_task *tasks;             /* running first, then stopped, newest first */
    size_t ntasks;
    struct rw_fresh tasks_fresh;          /* when the tasks were last read */
    char **target_groups;                 /* load-balancer target groups (ARNs) */
    size_t ntarget_groups;
    struct model_metrics metrics;         /* its load balancer's signals, once read */
    struct rw_fresh metrics_fresh;        /* when they were last read */
    uint64_t gen;             /* bumped whenever anything of it changes */
};

struct model_fleet {
    char *provider, *scope;   /* "ecs", and e.g. the cluster name */
    struct model_service *services;
    size_t nservices;
    struct rw_fresh fresh;    /* the service list */
    uint64_t gen;             /* bumped whenever anything changes */
};

/* An empty fleet whose services are refreshed every interval_ms. */
void model_fleet_init(struct model_fleet *f, const char *provider, const char *scope,
                      int64_t interval_ms);
/* Free everything the fleet holds. */
void model_fleet_free(struct model_fleet *f);
/* The service called name, or NULL. */
struct model_service *model_service_find(struct model_fleet *f, const char *name);
/* Replace the service list with svcs[0..n) (moved in: the caller's array and its
 * contents now belong to the fleet; tasks and metrics are kept for services that
 * stay, since service replies carry none). Bumps generations of what changed. */
void model_fleet_set_services(struct model_fleet *f, struct model_service *svcs, size_t n,
                              int64_t now);
/* Replace service name's tasks with tasks[0..n) (moved in, sorted here); if the
 * service is gone they are freed. */
void model_service_set_tasks(struct model_fleet *f, const char *name, struct model_task *tasks,
                             size_t n, int64_t now);
/* Replace service name's metrics with *m (its contents moved in, *m zeroed); if
 * the service is gone they are freed. */
void model_service_set_metrics(struct model_fleet *f, const char *name, struct model_metrics *m,
                               int64_t now);
/* Free one service's contents (not the struct itself). */
void model_service_clear(struct model_service *s);
/* Free one task's contents. */
void model_task_clear(struct model_task *t);
/* How many of s's tasks are RUNNING and report HEALTHY, UNHEALTHY or neither. */
void model_service_health(const struct model_service *s, int *healthy, int *unhealthy,
                          int *unknown);
/* The PRIMARY deployment's progress: running of desired, 0..1 (1 when nothing is
 * desired). */
double model_service_progress(const struct model_service *s);

#endif
