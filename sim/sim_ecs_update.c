/* sim_ecs_update: UpdateService. The request is checked whole before anything
 * changes, so a rejected update leaves the world as it was. The clock is the
 * wall clock, like every timestamp of the world. */
#include "sim_ecs_update.h"

#include <string.h>

#include "sim_ecs_json.h"

cJSON *sim_ecs_update_service(struct sim_world *w, const cJSON *req, struct sim_reply *r)
{
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(req, "cluster");
    if (!sim_world_is_cluster(w, cJSON_IsString(cl) ? cl->valuestring : NULL))
        return sim_ecs_fail(r, "ClusterNotFoundException", "Cluster not found.");
    const cJSON *svc = cJSON_GetObjectItemCaseSensitive(req, "service");
    if (!cJSON_IsString(svc))
        return sim_ecs_fail(r, "InvalidParameterException", "service is required.");
    int si = sim_world_find_service(w, svc->valuestring);
    if (si < 0)
        return sim_ecs_fail(r, "ServiceNotFoundException", "Service not found.");
    const struct sim_service *s = &w->services[si];
    const cJSON *dc = cJSON_GetObjectItemCaseSensitive(req, "desiredCount");
    if (dc && (!cJSON_IsNumber(dc) || !(dc->valuedouble >= 0 && dc->valuedouble <= 16) ||
               dc->valuedouble != (int)dc->valuedouble))
        return sim_ecs_fail(r, "InvalidParameterException",
                    "desiredCount must be a whole number from 0 to 16 in the sim.");
    const cJSON *tdj = cJSON_GetObjectItemCaseSensitive(req, "taskDefinition");
    const struct sim_td *td = NULL;
    if (tdj) {
        td = cJSON_IsString(tdj) ? sim_world_resolve_td(w, tdj->valuestring) : NULL;
        if (!td)
            return sim_ecs_fail(r, "ClientException", "TaskDefinition not found.");
        if (strcmp(td->family, s->family) != 0)
            return sim_ecs_fail(r, "InvalidParameterException",
                        "The sim keeps each service on its own task definition family.");
    }
    const cJSON *force = cJSON_GetObjectItemCaseSensitive(req, "forceNewDeployment");
    if (force && !cJSON_IsBool(force))
        return sim_ecs_fail(r, "SerializationException", "forceNewDeployment must be a boolean.");
    int64_t now = w->now_ms;
    if (dc && sim_world_scale(w, si, (int)dc->valuedouble, now) < 0)
        return sim_ecs_fail(r, "InvalidParameterException", "No room for that many tasks in the sim.");
    if (cJSON_IsTrue(force) || (td && td->revision != s->td_revision))
        sim_world_deploy(w, si, td ? td->revision : s->td_revision, now);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "service", sim_ecs_service_json(w, si));
    return o;
}
