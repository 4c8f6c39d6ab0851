/* ecs_snapshot: one consistent read of the fleet for `status` and the
 * console's first paint: clusters (all, or the one named), their services
 * (all pages, described in batches of 10) and each service's tasks (RUNNING
 * and STOPPED, all pages, described in batches of 100). Calls run one after
 * another on the loop through the AWS client (so retries and throttling
 * apply); the callback gets the snapshot or the first error. */
#ifndef RW_ECS_SNAPSHOT_H
#define RW_ECS_SNAPSHOT_H

#include "client.h"
#include "ecs.h"

struct ecs_snap_service {
    const struct ecs_service *svc;  /* points into the cluster's batches */
    struct ecs_tasks *task_batches; /* DescribeTasks replies for this service */
    size_t nbatches;
};

struct ecs_snap_cluster {
    char *arn, *name;
    struct ecs_services *svc_batches; /* DescribeServices replies */
    size_t nsvc_batches;
    struct ecs_snap_service *services;
    size_t nservices;
    char **missing;                   /* services named but not found */
    size_t nmissing;
};

struct ecs_snapshot {
    struct ecs_snap_cluster *clusters;
    size_t nclusters;
    int calls;                        /* AWS calls it took */
};

struct ecs_snapshot_req {
    const char *cluster;              /* NULL: every cluster */
    const char *const *services;      /* NULL: every service */
    size_t nservices;
    int with_tasks;
};

struct ecs_snapshot_job;

typedef void (*ecs_snapshot_fn)(struct ecs_snapshot *snap, const struct rw_err *err, void *ud);

/* Start reading; fn gets the snapshot (owned by the caller: ecs_snapshot_free)
 * or NULL and the error. Returns a handle for ecs_snapshot_cancel. */
struct ecs_snapshot_job *ecs_snapshot_start(struct aws_client *c, const struct ecs_snapshot_req *r,
                                            ecs_snapshot_fn fn, void *ud);
/* Cancel a read in flight (fn is not called). */
void ecs_snapshot_cancel(struct ecs_snapshot_job *j);
/* Free a snapshot. */
void ecs_snapshot_free(struct ecs_snapshot *s);

#endif
