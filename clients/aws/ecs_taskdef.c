/* ecs_taskdef: DescribeTaskDefinition: family, revision, container
 * definitions (image, essential, ports, environment, log configuration,
 * FireLens log routers) and which container is the app. */
#include "clients/aws/ecs_internal.h"

#include <stdlib.h>
#include <string.h>

static int port_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_port_mapping *pm = item;
    if (ej_int(c, o, p, "containerPort", &pm->container_port) < 0 ||
        ej_int(c, o, p, "hostPort", &pm->host_port) < 0 ||
        ej_str(c, o, p, "protocol", &pm->protocol) < 0 ||
        ej_str(c, o, p, "name", &pm->name) < 0 ||
        ej_str(c, o, p, "appProtocol", &pm->app_protocol) < 0)
        return -1;
    return 0;
}

/* logConfiguration {logDriver, options {}} and firelensConfiguration {type} */
static int container_logs_from_json(struct ej *c, const cJSON *o, const char *path,
                                    struct ecs_container_def *cd)
{
    const cJSON *lc, *fl;
    char p[EJ_PATH_MAX];
    if (ej_object(c, o, path, "logConfiguration", &lc) < 0 ||
        ej_object(c, o, path, "firelensConfiguration", &fl) < 0)
        return -1;
    if (lc) {
        ej_join(p, sizeof p, path, "logConfiguration");
        if (ej_str(c, lc, p, "logDriver", &cd->log_driver) < 0 ||
            ej_map(c, lc, p, "options", &cd->log_options, &cd->nlog_options) < 0)
            return -1;
    }
    if (fl) {
        cd->is_log_router = true;
        ej_join(p, sizeof p, path, "firelensConfiguration");
        if (ej_str(c, fl, p, "type", &cd->firelens_type) < 0)
            return -1;
    }
    return 0;
}

static int container_def_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_container_def *cd = item;
    void *items = NULL;
    cd->essential = true; /* ECS's default when the field is absent */
    if (ej_str(c, o, p, "name", &cd->name) < 0 || ej_str(c, o, p, "image", &cd->image) < 0 ||
        ej_bool(c, o, p, "essential", &cd->essential) < 0 ||
        ej_int(c, o, p, "cpu", &cd->cpu) < 0 || ej_int(c, o, p, "memory", &cd->memory) < 0 ||
        ej_int(c, o, p, "memoryReservation", &cd->memory_reservation) < 0)
        return -1;
    int rc = ej_objects(c, o, p, "portMappings", sizeof *cd->port_mappings, port_from_json,
                        &items, &cd->nport_mappings);
    cd->port_mappings = items;
    if (rc < 0 || ej_kvs(c, o, p, "environment", &cd->environment, &cd->nenvironment) < 0)
        return -1;
    return container_logs_from_json(c, o, p, cd);
}

static int task_definition_from_json(struct ej *c, const cJSON *o, const char *p,
                                     struct ecs_task_definition *td)
{
    void *items = NULL;
    if (ej_str(c, o, p, "taskDefinitionArn", &td->task_definition_arn) < 0 ||
        ej_str(c, o, p, "family", &td->family) < 0 ||
        ej_str(c, o, p, "status", &td->status) < 0 ||
        ej_str(c, o, p, "networkMode", &td->network_mode) < 0 ||
        ej_str(c, o, p, "cpu", &td->cpu) < 0 || ej_str(c, o, p, "memory", &td->memory) < 0 ||
        ej_str(c, o, p, "taskRoleArn", &td->task_role_arn) < 0 ||
        ej_str(c, o, p, "executionRoleArn", &td->execution_role_arn) < 0 ||
        ej_int(c, o, p, "revision", &td->revision) < 0 ||
        ej_time(c, o, p, "registeredAt", &td->registered_at_ms) < 0)
        return -1;
    int rc = ej_objects(c, o, p, "containerDefinitions", sizeof *td->containers,
                        container_def_from_json, &items, &td->ncontainers);
    td->containers = items;
    return rc;
}

int ecs_parse_describe_task_definition(const char *body, size_t len,
                                       struct ecs_task_definition *out, struct rw_err *err)
{
    struct ej c = {"DescribeTaskDefinition", err};
    const cJSON *td;
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    int rc = ej_object(&c, root, "", "taskDefinition", &td);
    if (rc == 0 && td)
        rc = task_definition_from_json(&c, td, "taskDefinition", out);
    if (rc == 0)
        rc = ej_tags(&c, root, "", &out->tags, &out->ntags);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_task_definition_free(out);
    return rc;
}

static void container_def_free(struct ecs_container_def *cd)
{
    free(cd->name);
    free(cd->image);
    free(cd->firelens_type);
    free(cd->log_driver);
    for (size_t i = 0; cd->port_mappings && i < cd->nport_mappings; i++) {
        free(cd->port_mappings[i].protocol);
        free(cd->port_mappings[i].name);
        free(cd->port_mappings[i].app_protocol);
    }
    free(cd->port_mappings);
    ej_kvs_free(cd->environment, cd->nenvironment);
    ej_kvs_free(cd->log_options, cd->nlog_options);
}

void ecs_task_definition_free(struct ecs_task_definition *td)
{
    if (!td)
        return;
    free(td->task_definition_arn);
    free(td->family);
    free(td->status);
    free(td->network_mode);
    free(td->cpu);
    free(td->memory);
    free(td->task_role_arn);
    free(td->execution_role_arn);
    for (size_t i = 0; td->containers && i < td->ncontainers; i++)
        container_def_free(&td->containers[i]);
    free(td->containers);
    ej_tags_free(td->tags, td->ntags);
    memset(td, 0, sizeof *td);
}

/* The first container passing every test in want (bits: 1 essential, 2 has
 * ports), never a log router. */
static const struct ecs_container_def *first_app(const struct ecs_task_definition *td,
                                                 unsigned want)
{
    for (size_t i = 0; i < td->ncontainers; i++) {
        const struct ecs_container_def *cd = &td->containers[i];
        if (cd->is_log_router)
            continue;
        if ((want & 1) && !cd->essential)
            continue;
        if ((want & 2) && cd->nport_mappings == 0)
            continue;
        return cd;
    }
    return NULL;
}

const struct ecs_container_def *ecs_app_container(const struct ecs_task_definition *td,
                                                  const char *preferred_name)
{
    if (!td || !td->containers)
        return NULL;
    for (size_t i = 0; preferred_name && i < td->ncontainers; i++)
        if (td->containers[i].name && strcmp(td->containers[i].name, preferred_name) == 0)
            return &td->containers[i];
    const struct ecs_container_def *cd = first_app(td, 1 | 2);
    if (!cd)
        cd = first_app(td, 1);
    if (!cd)
        cd = first_app(td, 0);
    return cd;
}
