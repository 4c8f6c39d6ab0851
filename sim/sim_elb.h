/* sim_elb: the fake cloud's Elastic Load Balancing v2 (query protocol,
 * Version 2015-12-01). One internet-facing ALB, cap-production-alb, with one
 * target group per service that has one (sim_service.target_group; ARNs from
 * sim_world_tg_arn): DescribeLoadBalancers, DescribeTargetGroups and
 * DescribeTargetHealth, whose targets are the tasks' IPs on port 8080 in the
 * states the ALB gives them (initial, healthy, unhealthy, draining). Also the
 * names CloudWatch's AWS/ApplicationELB dimensions use. Call with w->mu held. */
#ifndef RW_SIM_ELB_H
#define RW_SIM_ELB_H

#include <stddef.h>
#include <stdint.h>

#include "sim_query.h"

#define SIM_ELB_LB_NAME "cap-production-alb"
#define SIM_ELB_TARGET_PORT 8080

/* The ALB's ARN into out (size n). */
void sim_elb_lb_arn(const struct sim_world *w, char *out, size_t n);
/* The ALB's DNS name ("cap-production-alb-ID.REGION.elb.amazonaws.com"). */
void sim_elb_dns_name(const struct sim_world *w, char *out, size_t n);
/* The ALB's LoadBalancer dimension ("app/cap-production-alb/ID"). */
void sim_elb_lb_dimension(const struct sim_world *w, char *out, size_t n);
/* Service si's TargetGroup dimension ("targetgroup/NAME/ID"); "" if it has
 * no target group. */
void sim_elb_tg_dimension(const struct sim_world *w, int si, char *out, size_t n);
/* The service whose target group has this ARN, name or TargetGroup
 * dimension, or -1. */
int sim_elb_find_tg(const struct sim_world *w, const char *ref);
/* Task ti's target state at time t: "initial", "healthy", "unhealthy",
 * "draining", or NULL when it is not registered; *reason and *desc get the
 * ALB's TargetHealth Reason and Description (NULL for healthy). */
const char *sim_elb_target_state(const struct sim_world *w, int ti, int64_t t_ms,
                                 const char **reason, const char **desc);
/* Answer c->action for ELBv2 into c->r; -1 (nothing written) for an action it
 * does not know. */
int sim_elb_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c);

#endif
