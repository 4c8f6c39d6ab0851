/* ecs_history: the task definition a service last rolled out successfully,
 * other than the one its PRIMARY deployment runs: what a rollback goes back
 * to. The deployment history answers first (ListServiceDeployments with
 * status SUCCESSFUL, then DescribeServiceRevisions for their task
 * definitions). An endpoint that does not know that API (an older emulator
 * answers UnknownOperationException, some fail outright) is not an error: the
 * service itself answers instead, from an ACTIVE deployment still running the
 * old revision, else from the newest ACTIVE revision of the family below the
 * PRIMARY's (ListTaskDefinitions). */
#ifndef RW_ECS_HISTORY_H
#define RW_ECS_HISTORY_H

#include "client.h"
#include "ecs.h"

struct ecs_last_good {
    char *task_definition;   /* ARN or family:revision; NULL when there is none */
    const char *source;      /* "deployment history", "active deployment", "task definition family" */
    char *history_error;     /* why the deployment history was not used, or NULL */
};

struct ecs_history_job;

/* Called once: r (borrowed for the call) or err. */
typedef void (*ecs_last_good_fn)(const struct ecs_last_good *r, const struct rw_err *err,
                                 void *ud);

/* Start looking up svc's rollback target (svc is copied as needed). */
struct ecs_history_job *ecs_last_good_start(struct aws_client *c, const struct ecs_service *svc,
                                            ecs_last_good_fn fn, void *ud);
/* Cancel a lookup in flight (fn is not called). */
void ecs_history_cancel(struct ecs_history_job *j);

#endif
