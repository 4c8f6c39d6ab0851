/* sim_world: the fake cloud's state: one ECS cluster with its services, task
 * definitions, deployments, tasks and service events, the scenario that drives
 * them and the log store. Every timestamp is wall-clock
 * epoch milliseconds. The world moves on lazily: each request calls
 * sim_world_advance(w, now) first, which replays every task transition and
 * scheduler decision due since the last call, in time order. Scenario phases
 * last their nominal time divided by w->speed; timestamps are never moved.
 * The server's thread and the caller share a world: hold mu while reading or
 * changing it. Scenarios, phase lengths and names: share/man/rollwatch.1. */
#ifndef RW_SIM_WORLD_H
#define RW_SIM_WORLD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define SIM_MAX_SERVICES 8
#define SIM_MAX_TDS 32
#define SIM_MAX_TASKS 256
#define SIM_MAX_DEPLOYMENTS 4
#define SIM_MAX_HISTORY 16
#define SIM_MAX_EVENTS 48
#define SIM_MAX_CONTAINERS 2

/* Nominal phase lengths (ms, before dividing by speed). Documented in the man page. */
#define SIM_PROVISION_MS 5000       /* PROVISIONING -> PENDING */
#define SIM_PULL_MS 15000           /* PENDING -> RUNNING (image pull) */
#define SIM_HEALTH_MS 30000         /* RUNNING + boot -> HEALTHY (2 checks, 15 s apart) */
#define SIM_BAD_HEALTH_MS 150000    /* the same for a bad revision: /health often times out */
#define SIM_DRAIN_MS 30000          /* STOPPING (deregistration delay) -> STOPPED */
#define SIM_BOOT_BUDGET_MS 5000     /* seed 003: BOOT_BUDGET_MS */
#define SIM_BOOT_HARD_LIMIT_MS 10000 /* seed 003: budget x BOOT_HARD_LIMIT_MULTIPLIER 2.0 */

/* One container of a task definition. */
struct sim_container_def {
    char name[32];
    int essential;
    int port;                /* containerPort, 0 for none */
    int firelens_router;     /* carries firelensConfiguration (the log router) */
    const char *log_driver;  /* "awslogs" or "awsfirelens" */
    char log_group[96];      /* awslogs-group / log_group_name */
    char stream_prefix[32];  /* awslogs-stream-prefix / log_stream_prefix */
};

/* A task definition revision and how its tasks behave. */
struct sim_td {
    char family[64];
    int revision;
    char image[160];
    char release[24];        /* the RELEASE environment variable, e.g. "1.6.0" */
    int bad;                 /* bad-deploy: 5xx and slow answers, "ERROR upstream timeout" */
    int boot_ms;             /* typical boot time the app logs */
    int boot_fail_every;     /* slow-boot: every Nth task passes the hard limit; 0 never */
    struct sim_container_def containers[SIM_MAX_CONTAINERS]; /* [0] is the app */
    int ncontainers;
    int64_t registered_ms;
};

/* A deployment of a service: live ones sit in sim_service.deployments, every one
 * (live or finished) in sim_service.history, for ListServiceDeployments. */
struct sim_deployment {
    char id[48];             /* "ecs-svc/…", also the service-deployment id */
    const char *status;      /* PRIMARY | ACTIVE | INACTIVE */
    const char *sd_status;   /* service-deployment status: IN_PROGRESS, SUCCESSFUL, … */
    int td_revision;
    int source_revision;     /* the revision it replaces (0 for the first) */
    const char *rollout_state; /* IN_PROGRESS | COMPLETED | FAILED */
    char reason[160];        /* rolloutStateReason */
    int desired;
    int failed_tasks;        /* tasks that stopped before becoming healthy */
    char rollback_of[48];    /* the circuit breaker's rollback: the failed deployment's id */
    int64_t created_ms, updated_ms, finished_ms;
};

struct sim_event {
    char id[40];
    char message[240];
    int64_t created_ms;
};

struct sim_service {
    char name[64];
    char family[64];         /* task definition family */
    int td_revision;         /* the PRIMARY deployment's revision */
    int desired;
    int max_percent;         /* deploymentConfiguration.maximumPercent */
    int target_group;        /* has an ALB target group */
    int64_t created_ms;
    struct sim_deployment deployments[SIM_MAX_DEPLOYMENTS]; /* [0] is PRIMARY */
    int ndeployments;
    struct sim_deployment history[SIM_MAX_HISTORY];          /* newest first */
    int nhistory;
    struct sim_event events[SIM_MAX_EVENTS];                 /* newest first */
    int nevents;
};

struct sim_task {
    char id[40];             /* 32 hex digits, as ECS task ids */
    int service;             /* index into services */
    int td_revision;
    char deployment_id[48];
    char ip[24], az[16];
    int boot_ms;             /* what its app logs as boot_ms */
    int boot_fails;          /* passes the hard limit and exits 1 */
    int slot;                /* which of its deployment's desired places it fills */
    /* Planned and decided transition times (0 = not (yet)): */
    int64_t created_ms;      /* PROVISIONING */
    int64_t pending_ms;      /* PENDING */
    int64_t running_ms;      /* RUNNING (startedAt) */
    int64_t healthy_ms;      /* healthStatus HEALTHY; 0 if it never gets there */
    int64_t stopping_ms;     /* desiredStatus STOPPED, draining */
    int64_t stopped_ms;      /* STOPPED */
    char stopped_reason[160];
    const char *stop_code;   /* ServiceSchedulerInitiated | EssentialContainerExited | UserInitiated */
    int exit_code;           /* of the app container once stopped; -1 unknown */
};

struct sim_logstore;         /* sim_logs.h */

struct sim_world {
    pthread_mutex_t mu;
    char region[32], account[16], cluster[64], scenario[32];
    double speed;            /* phase compression, >= 1 */
    uint64_t seed, rng;
    int64_t start_ms;        /* when the sim started (wall) */
    int64_t now_ms;          /* how far the world has been advanced */
    struct sim_service services[SIM_MAX_SERVICES];
    int nservices;
    struct sim_td tds[SIM_MAX_TDS];
    int ntds;
    struct sim_task tasks[SIM_MAX_TASKS];
    int ntasks;
    unsigned seq;            /* ids: a counter, so runs are reproducible */
    int64_t (*clock)(void);  /* the wall clock in ms (rw_wall_ms); tests may replace it */
    struct sim_logstore *logs; /* owned by whoever attached it; see on_advance */
    /* Called at the end of each advance with the wall-clock window it covered
     * (log generation), and once from sim_world_destroy with from = to = -1 so
     * the attached store can free itself. NULL for none. */
    void (*on_advance)(struct sim_world *w, int64_t from_ms, int64_t to_ms);
};

/* Fill w with the named scenario's world as of wall-clock ms now, backfilling its
 * history (seed 0 picks 1). Speed < 1 is taken as 1. 0, or -1 for an unknown
 * scenario. Initialises w->mu. */
int sim_world_init(struct sim_world *w, const char *scenario, int64_t now_ms, uint64_t seed,
                   double speed);
/* The scenario names, NULL-terminated. */
const char *const *sim_world_scenarios(void);
/* Destroy what sim_world_init set up (and the log store). */
void sim_world_destroy(struct sim_world *w);
/* The world's wall clock now, in ms (w->clock). */
int64_t sim_world_clock(const struct sim_world *w);
/* Move the world on to now_ms (never backwards): task transitions, scheduler
 * decisions, circuit breaker, events, then log lines. Call with mu held. */
void sim_world_advance(struct sim_world *w, int64_t now_ms);
/* The nominal duration ms compressed by the world's speed. */
int64_t sim_world_dur(const struct sim_world *w, int64_t ms);

/* The service named name (or its ARN), or -1. */
int sim_world_find_service(const struct sim_world *w, const char *name);
/* The task definition family:revision, or NULL. */
const struct sim_td *sim_world_find_td(const struct sim_world *w, const char *family, int rev);
/* The task definition "family" (its latest revision), "family:rev" or ARN, or NULL. */
const struct sim_td *sim_world_resolve_td(const struct sim_world *w, const char *ref);
/* The task definition task ti runs (never NULL for a task of this world). */
const struct sim_td *sim_world_task_td(const struct sim_world *w, int ti);
/* The task with this id (or ARN), or -1. */
int sim_world_find_task(const struct sim_world *w, const char *id);
/* Whether name is this world's cluster, by name or ARN (NULL or "" mean "default"). */
int sim_world_is_cluster(const struct sim_world *w, const char *name);
/* Write service si's ALB target group ARN into out (size n); "" if it has none. */
void sim_world_tg_arn(const struct sim_world *w, int si, char *out, size_t n);
/* Write an ARN "arn:aws:ecs:REGION:ACCOUNT:KIND/REST" into out (size n). */
void sim_world_arn(const struct sim_world *w, const char *kind, const char *rest, char *out,
                   size_t n);

/* Task ti's lastStatus at time t (PROVISIONING … STOPPED), or NULL if it did not
 * exist yet. */
const char *sim_task_last_status(const struct sim_task *t, int64_t t_ms);
/* Task ti's desiredStatus at time t (RUNNING or STOPPED). */
const char *sim_task_desired_status(const struct sim_task *t, int64_t t_ms);
/* Task ti's healthStatus at time t (UNKNOWN, HEALTHY or UNHEALTHY). */
const char *sim_task_health(const struct sim_task *t, int64_t t_ms);
/* Whether the load balancer sends the task traffic at time t (healthy, not draining). */
int sim_task_serving(const struct sim_task *t, int64_t t_ms);

/* Set service si's desired count at time now; the scheduler starts or stops tasks
 * as the world advances. 0, or -1 if there is no room for that many tasks. */
int sim_world_scale(struct sim_world *w, int si, int desired, int64_t now_ms);
/* Start a new PRIMARY deployment of revision rev of si's family (IN_PROGRESS);
 * the old PRIMARY becomes ACTIVE and drains as the new one gets healthy. */
void sim_world_deploy(struct sim_world *w, int si, int rev, int64_t now_ms);
/* Stop task ti on the user's request (StopTask); the scheduler replaces it. */
void sim_world_stop_task(struct sim_world *w, int ti, const char *reason, int64_t now_ms);
/* Add a service event "(service NAME) msg" at time at. */
void sim_world_event(struct sim_world *w, int si, int64_t at_ms, const char *msg);

/* Whether service si's health endpoint fails at time t (flapping-health: 30 s
 * failing, 45 s passing, both divided by speed). */
int sim_world_flapping(const struct sim_world *w, int si, int64_t t_ms);

/* The next pseudo-random number in [0, 1) from the world's seeded generator. */
double sim_world_rand(struct sim_world *w);
/* A stateless pseudo-random number in [0, 1) for (seed, a, b): the same inputs
 * always give the same number (metric noise, log content). */
double sim_world_noise(const struct sim_world *w, uint64_t a, uint64_t b);

#endif
