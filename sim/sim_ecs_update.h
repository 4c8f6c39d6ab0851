/* sim_ecs_update: ECS UpdateService on the fake cloud: desiredCount scales the
 * service at once; taskDefinition or forceNewDeployment start a new PRIMARY
 * deployment (IN_PROGRESS) and the old PRIMARY becomes ACTIVE. */
#ifndef RW_SIM_ECS_UPDATE_H
#define RW_SIM_ECS_UPDATE_H

#include <cjson/cJSON.h>

#include "sim_route.h"
#include "sim_world.h"

/* UpdateService for request req on w (w->mu held): {"service": …}, or NULL with r
 * filled with ECS's error. */
cJSON *sim_ecs_update_service(struct sim_world *w, const cJSON *req, struct sim_reply *r);

#endif
