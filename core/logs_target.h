/* logs_target: which CloudWatch Logs streams are exactly one ECS service's:
 * read the service and its tasks (running and recently stopped), its task
 * definition, pick the container (the app container by default: essential,
 * with port mappings, not a log router), and name each task's stream from the
 * container's log configuration (core/logsrc). Asynchronous on the AWS client. */
#ifndef RW_LOGS_TARGET_H
#define RW_LOGS_TARGET_H

#include <stddef.h>

#include "clients/aws/client.h"
#include "logsrc.h"

/* The answer (valid only during the call): the source, the streams, and the names
 * of every container of the task definition whose logs can be followed (for
 * cycling); or err. */
struct logs_target_result {
    const struct logsrc *src;
    const char *const *streams;
    size_t nstreams;
    const char *const *containers;
    size_t ncontainers;
};
typedef void (*logs_target_fn)(void *ud, const struct logs_target_result *res,
                               const struct rw_err *err);

struct logs_target;

/* Resolve service (in cluster, or the first cluster that has it); container NULL
 * means the app container. fn runs once, later, from the loop. */
struct logs_target *logs_target_start(struct aws_client *c, const char *cluster,
                                      const char *service, const char *container,
                                      logs_target_fn fn, void *ud);
/* Cancel (fn never runs). NULL is fine. */
void logs_target_cancel(struct logs_target *t);

#endif
