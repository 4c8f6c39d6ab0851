/* ecs_list: the paginated List* responses (ARNs + nextToken) and
 * DescribeClusters. */
#include "clients/aws/ecs_internal.h"

#include <stdlib.h>
#include <string.h>

static int parse_page(const char *op, const char *key, const char *body, size_t len,
                      struct ecs_arn_page *out, struct rw_err *err)
{
    struct ej c = {op, err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    int rc = ej_strings(&c, root, "", key, &out->arns, &out->narns) < 0 ||
                     ej_str(&c, root, "", "nextToken", &out->next_token) < 0
                 ? -1 : 0;
    cJSON_Delete(root);
    if (rc < 0)
        ecs_arn_page_free(out);
    return rc;
}

int ecs_parse_list_clusters(const char *body, size_t len, struct ecs_arn_page *out,
                            struct rw_err *err)
{
    return parse_page("ListClusters", "clusterArns", body, len, out, err);
}

int ecs_parse_list_services(const char *body, size_t len, struct ecs_arn_page *out,
                            struct rw_err *err)
{
    return parse_page("ListServices", "serviceArns", body, len, out, err);
}

int ecs_parse_list_tasks(const char *body, size_t len, struct ecs_arn_page *out,
                         struct rw_err *err)
{
    return parse_page("ListTasks", "taskArns", body, len, out, err);
}

int ecs_parse_list_task_definitions(const char *body, size_t len, struct ecs_arn_page *out,
                                    struct rw_err *err)
{
    return parse_page("ListTaskDefinitions", "taskDefinitionArns", body, len, out, err);
}

void ecs_arn_page_free(struct ecs_arn_page *p)
{
    if (!p)
        return;
    ej_strv_free(p->arns, p->narns);
    free(p->next_token);
    memset(p, 0, sizeof *p);
}

static int cluster_from_json(struct ej *c, const cJSON *o, const char *p, void *item)
{
    struct ecs_cluster *cl = item;
    if (ej_str(c, o, p, "clusterArn", &cl->cluster_arn) < 0 ||
        ej_str(c, o, p, "clusterName", &cl->cluster_name) < 0 ||
        ej_str(c, o, p, "status", &cl->status) < 0 ||
        ej_int(c, o, p, "registeredContainerInstancesCount",
               &cl->registered_container_instances_count) < 0 ||
        ej_int(c, o, p, "runningTasksCount", &cl->running_tasks_count) < 0 ||
        ej_int(c, o, p, "pendingTasksCount", &cl->pending_tasks_count) < 0 ||
        ej_int(c, o, p, "activeServicesCount", &cl->active_services_count) < 0)
        return -1;
    return 0;
}

int ecs_parse_describe_clusters(const char *body, size_t len, struct ecs_clusters *out,
                                struct rw_err *err)
{
    struct ej c = {"DescribeClusters", err};
    memset(out, 0, sizeof *out);
    cJSON *root = ej_parse(&c, body, len);
    if (!root)
        return -1;
    void *items = NULL;
    int rc = ej_objects(&c, root, "", "clusters", sizeof *out->clusters, cluster_from_json,
                        &items, &out->nclusters);
    out->clusters = items;
    if (rc == 0)
        rc = ej_failures(&c, root, &out->failures, &out->nfailures);
    cJSON_Delete(root);
    if (rc < 0)
        ecs_clusters_free(out);
    return rc;
}

void ecs_clusters_free(struct ecs_clusters *c)
{
    if (!c)
        return;
    for (size_t i = 0; c->clusters && i < c->nclusters; i++) {
        free(c->clusters[i].cluster_arn);
        free(c->clusters[i].cluster_name);
        free(c->clusters[i].status);
    }
    free(c->clusters);
    ej_failures_free(c->failures, c->nfailures);
    memset(c, 0, sizeof *c);
}
