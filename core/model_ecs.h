/* model_ecs: ECS replies (clients/aws/ecs.h) turned into the provider-agnostic
 * model. Pure conversions: strings are copied, the ECS structs stay the
 * caller's. */
#ifndef RW_MODEL_ECS_H
#define RW_MODEL_ECS_H

#include "clients/aws/ecs.h"
#include "model.h"

/* The model service for an ECS service (deployments with PRIMARY first, events). */
struct model_service model_ecs_service(const struct ecs_service *s);
/* The model task for an ECS task. */
struct model_task model_ecs_task(const struct ecs_task *t);

#endif
