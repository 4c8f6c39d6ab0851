/* sim_ecs_deploy: the fake cloud's ECS StopTask and its deployment history:
 * ListServiceDeployments, DescribeServiceDeployments and
 * DescribeServiceRevisions, read from each service's deployment record. */
#ifndef RW_SIM_ECS_DEPLOY_H
#define RW_SIM_ECS_DEPLOY_H

#include <cjson/cJSON.h>

#include "sim_route.h"
#include "sim_world.h"

/* StopTask {cluster, task, reason}: {"task": …}, or NULL with r filled. w->mu held. */
cJSON *sim_ecs_stop_task(struct sim_world *w, const cJSON *req, struct sim_reply *r);
/* ListServiceDeployments {cluster, service, status[], nextToken, maxResults}. */
cJSON *sim_ecs_list_service_deployments(struct sim_world *w, const cJSON *req,
                                        struct sim_reply *r);
/* DescribeServiceDeployments {serviceDeploymentArns[]}. */
cJSON *sim_ecs_describe_service_deployments(struct sim_world *w, const cJSON *req,
                                            struct sim_reply *r);
/* DescribeServiceRevisions {serviceRevisionArns[]}. */
cJSON *sim_ecs_describe_service_revisions(struct sim_world *w, const cJSON *req,
                                          struct sim_reply *r);

#endif
