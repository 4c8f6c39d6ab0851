/* sim_launch: starting a task for a service's PRIMARY deployment: its id,
 * address, slot and planned lifecycle (provisioning, pull, boot, health
 * checks, or a boot that passes the hard limit and exits 1). */
#ifndef RW_SIM_LAUNCH_H
#define RW_SIM_LAUNCH_H

#include "sim_world.h"

/* Whether task t still wants to run at time at (not yet told to stop). */
int sim_launch_active(const struct sim_task *t, int64_t at);
/* Start one task of service si's PRIMARY deployment at time at, dropping the task
 * that stopped longest ago if the world is full (nothing if none can go). */
void sim_launch_task(struct sim_world *w, int si, int64_t at);

#endif
