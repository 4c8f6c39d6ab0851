/* sim_sts: the fake cloud's STS (query protocol, Version 2011-06-15):
 * GetCallerIdentity names the sim's own IAM user in the world's account. */
#ifndef RW_SIM_STS_H
#define RW_SIM_STS_H

#include "sim_query.h"

#define SIM_STS_USER_ID "AIDA5ROLLWATCHSIM0001"

/* Answer c->action for STS into c->r; -1 (nothing written) for an action it
 * does not know. Call with w->mu held. */
int sim_sts_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c);

#endif
