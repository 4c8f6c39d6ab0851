/* sim_ecs: the fake cloud's Amazon ECS (AWS JSON 1.1): ListClusters,
 * DescribeClusters, ListServices, DescribeServices, ListTasks, DescribeTasks,
 * DescribeTaskDefinition, ListTaskDefinitions and UpdateService over a sim_world. */
#ifndef RW_SIM_ECS_H
#define RW_SIM_ECS_H

#include <stddef.h>

#include "sim_route.h"
#include "sim_world.h"

#define SIM_ECS_TARGET_PREFIX "AmazonEC2ContainerServiceV20141113."

/* Answer operation op (e.g. "ListClusters") with request body (len bytes) from w,
 * locking w->mu; fills r (free r->body). Unknown operations get 400
 * UnknownOperationException, bad bodies 400 SerializationException or
 * InvalidParameterException, as ECS does. */
void sim_ecs_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                    struct sim_reply *r);

#endif
