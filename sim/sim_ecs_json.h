/* sim_ecs_json: ECS response objects built from the world, in the shapes real
 * ECS sends (AWS JSON 1.1, timestamps as epoch seconds). Call with w->mu held. */
#ifndef RW_SIM_ECS_JSON_H
#define RW_SIM_ECS_JSON_H

#include <cjson/cJSON.h>

#include "sim_route.h"
#include "sim_world.h"

/* The cluster object of DescribeClusters. */
cJSON *sim_ecs_cluster_json(const struct sim_world *w);
/* A service object of DescribeServices (deployments, events, config). */
cJSON *sim_ecs_service_json(const struct sim_world *w, int si);
/* A task object of DescribeTasks (containers, ENI attachment). */
cJSON *sim_ecs_task_json(const struct sim_world *w, int ti);
/* The taskDefinition object of DescribeTaskDefinition. */
cJSON *sim_ecs_td_json(const struct sim_world *w, const struct sim_td *td);
/* A failures[] item {arn, reason}. */
cJSON *sim_ecs_failure_json(const char *arn, const char *reason);
/* The ARN of a task definition family:revision into out (size n). */
void sim_ecs_td_arn(const struct sim_world *w, const char *family, int rev, char *out,
                    size_t n);

/* The string member key of request req, or NULL if absent or not a string. */
const char *sim_ecs_str(const cJSON *req, const char *key);
/* Fill r with a 400 ECS error of type and message; returns NULL for the handler. */
cJSON *sim_ecs_fail(struct sim_reply *r, const char *type, const char *msg);
/* Epoch ms as ECS's timestamps: epoch seconds with a fraction. */
double sim_ecs_secs(int64_t ms);
/* Page arns[0..n) into {key: [...], nextToken} by req's nextToken/maxResults (at
 * most 100); NULL with r filled with InvalidParameterException for a bad token
 * or maxResults. */
cJSON *sim_ecs_page(char **arns, int n, const cJSON *req, const char *key, struct sim_reply *r);

#endif
