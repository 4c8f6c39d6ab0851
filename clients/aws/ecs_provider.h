/* ecs_provider: Amazon ECS behind core/provider.h: services of one cluster
 * (the one named, else the first there is) and a service's tasks, read with
 * ecs_snapshot, and a service's ALB metrics, read with alb_metrics, through
 * the AWS client (so credentials, retries and throttling apply) and turned
 * into model structs. */
#ifndef RW_ECS_PROVIDER_H
#define RW_ECS_PROVIDER_H

#include "client.h"
#include "core/provider.h"

/* A provider over client c (borrowed; it must outlive the provider) for cluster
 * (NULL: the first cluster ListClusters gives). Free with rw_provider_free. */
struct rw_provider *ecs_provider_new(struct aws_client *c, const char *cluster);

#endif
