/* sim_logs_ops_int: private to the sim_logs_ops module (sim/sim_logs_ops.c,
 * sim/sim_logs_describe.c); others include sim_logs_ops.h. */
#ifndef RW_SIM_LOGS_OPS_INT_H
#define RW_SIM_LOGS_OPS_INT_H

#include "sim_logs_ops.h"

/* What an operation reads: the store (may be NULL: no logs attached), the
 * world's region and account (for ARNs) and the time of the request. */
struct sim_logs_ctx {
    const struct sim_logstore *s;
    const char *region, *account;
    int64_t now;
};

/* The group named name, or NULL with r filled (ResourceNotFoundException). */
const struct sim_log_group *sim_logs_op_group(const struct sim_logs_ctx *c, const char *name,
                                              struct sim_reply *r);
/* Fill r with 200 and the text of b. */
void sim_logs_op_ok(struct sim_reply *r, struct sim_logs_json *b);
/* DescribeLogStreams. */
void sim_logs_op_describe_streams(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                                  struct sim_reply *r);
/* DescribeLogGroups. */
void sim_logs_op_describe_groups(const struct sim_logs_ctx *c, const struct sim_logs_req *q,
                                 struct sim_reply *r);

#endif
