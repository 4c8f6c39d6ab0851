/* provider: the one asynchronous interface the console and the headless
 * commands use for a fleet, whatever hosts it (ECS now; Fly.io fits the same
 * shape). Each request takes a completion callback that runs on the loop and
 * gets model structs it then owns, or an error; a request can be cancelled,
 * after which its callback never runs. Actions (rollback, scale, redeploy,
 * restart) and logs join this table as they are built; a provider may leave
 * metrics NULL (it has none to give). */
#ifndef RW_PROVIDER_H
#define RW_PROVIDER_H

#include <stddef.h>

#include "err.h"
#include "model.h"

struct rw_provider;
struct rw_preq; /* a request in flight */

/* Services arrive (svcs[0..n) moved to the callee, scope names what was read,
 * e.g. the cluster), or err is set and svcs is NULL. */
typedef void (*rw_services_fn)(void *ud, const char *scope, struct model_service *svcs,
                               size_t n, const struct rw_err *err);
/* Service's tasks arrive (moved to the callee), or err is set. */
typedef void (*rw_tasks_fn)(void *ud, const char *service, struct model_task *tasks, size_t n,
                            const struct rw_err *err);

/* What a metrics read asks for: a service's load-balancer signals over the
 * last window_min minutes (period MODEL_METRICS_PERIOD_S). */
struct rw_metrics_query {
    const char *service;
    const char *const *target_groups; /* the service's (model_service.target_groups) */
    size_t ntarget_groups;            /* 0: it has no load balancer */
    int window_min;                   /* 30 or 60 */
};

/* Service's metrics arrive: *m's contents are moved to the callee (who
 * clears them or moves them on); state MODEL_METRICS_NO_LB when the service is
 * behind no load balancer. Or err is set and m is NULL. */
typedef void (*rw_metrics_fn)(void *ud, const char *service, struct model_metrics *m,
                              const struct rw_err *err);

struct rw_provider_ops {
    const char *name; /* "ecs" */
    struct rw_preq *(*list_services)(struct rw_provider *p, rw_services_fn fn, void *ud);
    struct rw_preq *(*list_tasks)(struct rw_provider *p, const char *service, rw_tasks_fn fn,
                                  void *ud);
    struct rw_preq *(*metrics)(struct rw_provider *p, const struct rw_metrics_query *q,
                               rw_metrics_fn fn, void *ud);
    void (*cancel)(struct rw_provider *p, struct rw_preq *r);
    void (*free)(struct rw_provider *p);
};

struct rw_provider {
    const struct rw_provider_ops *ops;
};

/* Read the services; the callback runs later, from the loop. */
struct rw_preq *rw_provider_list_services(struct rw_provider *p, rw_services_fn fn, void *ud);
/* Read one service's tasks (running and recently stopped). */
struct rw_preq *rw_provider_list_tasks(struct rw_provider *p, const char *service,
                                       rw_tasks_fn fn, void *ud);
/* Read one service's load-balancer metrics (q is copied); NULL, and no
 * callback, when the provider has no metrics. */
struct rw_preq *rw_provider_metrics(struct rw_provider *p, const struct rw_metrics_query *q,
                                    rw_metrics_fn fn, void *ud);
/* Cancel a request in flight; its callback never runs. NULL is fine. */
void rw_provider_cancel(struct rw_provider *p, struct rw_preq *r);
/* Free the provider (cancelling what is in flight). NULL is fine. */
void rw_provider_free(struct rw_provider *p);

#endif
