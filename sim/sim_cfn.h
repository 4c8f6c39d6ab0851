/* sim_cfn: the fake cloud's CloudFormation (query protocol, Version
 * 2010-05-15): DescribeStacks knows one stack, cap-production (seed 002),
 * whose outputs name the world's cluster, consumer-agent, its log group and
 * the ALB's URL (sim_elb's DNS name). */
#ifndef RW_SIM_CFN_H
#define RW_SIM_CFN_H

#include "sim_query.h"

#define SIM_CFN_STACK "cap-production"

/* Write the stack's id (an ARN) into out (size n). */
void sim_cfn_stack_id(const struct sim_world *w, char *out, size_t n);
/* Answer c->action for CloudFormation into c->r; -1 (nothing written) for an
 * action it does not know. Call with w->mu held. */
int sim_cfn_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c);

#endif
