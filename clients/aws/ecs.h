/* ecs: Amazon ECS over AWS JSON 1.1. Builds the request bodies of the
 * operations the console uses and parses their responses into plain C
 * structs. No network here: the caller POSTs the body with
 * "X-Amz-Target: ecs_op_target(op)" and "Content-Type: ECS_CONTENT_TYPE".
 *
 * Parsers are pure: (body, len, out, err) -> 0 | -1. out is zeroed first; on
 * error it is left empty (freeing it is harmless) and err holds RW_E_PARSE
 * with the operation and JSON path ("DescribeServices: services[2].deployments
 * is not an array"). Absent or null optional fields are 0 / NULL / false;
 * unknown fields are ignored. Times are epoch milliseconds, 0 when absent.
 * Strings are as received: sanitize them before they reach the terminal, and
 * treat environment values as possibly secret. Each output struct has one
 * _free, which frees what it holds (not the struct itself) and zeroes it. */
#ifndef RW_ECS_H
#define RW_ECS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define ECS_CONTENT_TYPE "application/x-amz-json-1.1"
#define ECS_TARGET_PREFIX "AmazonEC2ContainerServiceV20141113."
/* UpdateService's desired_count argument for "leave the count alone". */
#define ECS_DESIRED_COUNT_UNCHANGED (-1)

enum ecs_op {
    ECS_OP_LIST_CLUSTERS, ECS_OP_DESCRIBE_CLUSTERS, ECS_OP_LIST_SERVICES,
    ECS_OP_DESCRIBE_SERVICES, ECS_OP_LIST_TASKS, ECS_OP_DESCRIBE_TASKS,
    ECS_OP_DESCRIBE_TASK_DEFINITION, ECS_OP_LIST_TASK_DEFINITIONS,
    ECS_OP_LIST_SERVICE_DEPLOYMENTS, ECS_OP_DESCRIBE_SERVICE_DEPLOYMENTS,
    ECS_OP_DESCRIBE_SERVICE_REVISIONS, ECS_OP_UPDATE_SERVICE, ECS_OP_STOP_TASK,
    ECS_OP_COUNT
};

/* ListTasks desiredStatus filter; ANY leaves it out (ECS then means RUNNING). */
enum ecs_desired_status { ECS_DESIRED_ANY, ECS_DESIRED_RUNNING, ECS_DESIRED_PENDING,
                          ECS_DESIRED_STOPPED };

/* ListTaskDefinitions status filter; ANY leaves it out. */
enum ecs_td_status { ECS_TD_ANY, ECS_TD_ACTIVE, ECS_TD_INACTIVE, ECS_TD_DELETE_IN_PROGRESS };

/* A deployment's rolloutState (DescribeServices deployments[]). */
enum ecs_rollout { ECS_ROLLOUT_UNKNOWN, ECS_ROLLOUT_IN_PROGRESS, ECS_ROLLOUT_COMPLETED,
                   ECS_ROLLOUT_FAILED };

/* A service deployment's status (List/DescribeServiceDeployments). */
enum ecs_sd_status {
    ECS_SD_UNKNOWN, ECS_SD_PENDING, ECS_SD_IN_PROGRESS, ECS_SD_SUCCESSFUL, ECS_SD_STOPPED,
    ECS_SD_STOP_REQUESTED, ECS_SD_ROLLBACK_REQUESTED, ECS_SD_ROLLBACK_IN_PROGRESS,
    ECS_SD_ROLLBACK_SUCCESSFUL, ECS_SD_ROLLBACK_FAILED
};

/* ---- shared pieces ---- */

struct ecs_failure { char *arn, *reason, *detail; };  /* reason e.g. "MISSING" */
struct ecs_tag { char *key, *value; };
struct ecs_kv { char *name, *value; };

/* ListClusters, ListServices, ListTasks, ListTaskDefinitions: ARNs + token. */
struct ecs_arn_page {
    char **arns;
    size_t narns;
    char *next_token;  /* NULL on the last page */
};

/* ---- clusters ---- */

struct ecs_cluster {
    char *cluster_arn, *cluster_name, *status;
    int registered_container_instances_count, running_tasks_count;
    int pending_tasks_count, active_services_count;
};

struct ecs_clusters {
    struct ecs_cluster *clusters;
    size_t nclusters;
    struct ecs_failure *failures;
    size_t nfailures;
};

/* ---- services ---- */

struct ecs_deployment {
    char *id;               /* "ecs-svc/…", matches a task's started_by */
    char *status;           /* PRIMARY | ACTIVE | INACTIVE */
    char *task_definition;  /* task definition ARN */
    char *launch_type;
    char *rollout_state;    /* IN_PROGRESS | COMPLETED | FAILED, or NULL */
    char *rollout_state_reason;
    int desired_count, running_count, pending_count, failed_tasks;
    int64_t created_at_ms, updated_at_ms;
};

struct ecs_event {
    char *id;
    char *message;
    int64_t created_at_ms;
};

struct ecs_load_balancer {
    char *target_group_arn, *load_balancer_name, *container_name;
    int container_port;
};

struct ecs_service {
    char *service_arn, *service_name, *cluster_arn;
    char *status;                 /* ACTIVE | DRAINING | INACTIVE */
    char *task_definition;        /* the service's current task definition ARN */
    char *launch_type;
    char *deployment_controller;  /* ECS | CODE_DEPLOY | EXTERNAL; NULL means ECS */
    char *current_service_deployment;  /* ARN, when ECS reports one */
    int desired_count, running_count, pending_count;
    int maximum_percent, minimum_healthy_percent;  /* -1 when absent */
    bool circuit_breaker_enable, circuit_breaker_rollback;
    int64_t created_at_ms;
    struct ecs_deployment *deployments;
    size_t ndeployments;
    struct ecs_event *events;  /* newest first, as ECS sends them */
    size_t nevents;
    struct ecs_load_balancer *load_balancers;
    size_t nload_balancers;
    struct ecs_tag *tags;  /* only with include TAGS */
    size_t ntags;
};

struct ecs_services {
    struct ecs_service *services;
    size_t nservices;
    struct ecs_failure *failures;
    size_t nfailures;
};

/* ---- tasks ---- */

struct ecs_container {
    char *container_arn, *name, *image, *image_digest, *runtime_id;
    char *last_status, *reason, *health_status;
    char *private_ipv4;  /* networkInterfaces[0].privateIpv4Address */
    bool has_exit_code;  /* exitCode present (0 is a real exit code) */
    int exit_code;
};

struct ecs_task {
    char *task_arn, *cluster_arn, *task_definition_arn;
    char *last_status, *desired_status, *health_status;
    char *availability_zone, *launch_type, *cpu, *memory;
    char *group;       /* "service:NAME" for service tasks */
    char *started_by;  /* the deployment id for service tasks */
    char *stopped_reason, *stop_code;
    char *private_ipv4;  /* ENI attachment's privateIPv4Address, else a container's */
    int64_t created_at_ms, started_at_ms, stopping_at_ms, stopped_at_ms;
    struct ecs_container *containers;
    size_t ncontainers;
};

struct ecs_tasks {
    struct ecs_task *tasks;
    size_t ntasks;
    struct ecs_failure *failures;
    size_t nfailures;
};

/* ---- task definitions ---- */

struct ecs_port_mapping {
    int container_port, host_port;  /* 0 when absent */
    char *protocol, *name, *app_protocol;
};

struct ecs_container_def {
    char *name, *image;
    bool essential;       /* ECS's default (true) when absent */
    bool is_log_router;   /* firelensConfiguration present */
    char *firelens_type;  /* fluentbit | fluentd */
    int cpu, memory, memory_reservation;  /* 0 when absent */
    struct ecs_port_mapping *port_mappings;
    size_t nport_mappings;
    struct ecs_kv *environment;  /* values may be secret: never log them raw */
    size_t nenvironment;
    char *log_driver;            /* awslogs | awsfirelens | … */
    struct ecs_kv *log_options;  /* e.g. awslogs-group, awslogs-stream-prefix */
    size_t nlog_options;
};

struct ecs_task_definition {
    char *task_definition_arn, *family, *status, *network_mode;
    char *cpu, *memory;  /* strings in the API, e.g. "512" */
    char *task_role_arn, *execution_role_arn;
    int revision;
    int64_t registered_at_ms;
    struct ecs_container_def *containers;
    size_t ncontainers;
    struct ecs_tag *tags;  /* only with include TAGS */
    size_t ntags;
};

/* ---- service deployments and revisions ---- */

struct ecs_revision_summary {
    char *arn;  /* service revision ARN */
    int requested_task_count, running_task_count, pending_task_count;
};

/* One struct for ListServiceDeployments' brief items (which fill a subset:
 * ARNs, status, status_reason, created/started/finished and target.arn) and
 * DescribeServiceDeployments' full ones. */
struct ecs_service_deployment {
    char *service_deployment_arn, *service_arn, *cluster_arn;
    char *status;  /* see ecs_sd_status_parse */
    char *status_reason, *lifecycle_stage;
    struct ecs_revision_summary target;
    struct ecs_revision_summary *sources;
    size_t nsources;
    int64_t created_at_ms, started_at_ms, finished_at_ms, stopped_at_ms, updated_at_ms;
    char *rollback_reason, *rollback_revision_arn;
    int64_t rollback_started_at_ms;
    char *circuit_breaker_status;  /* TRIGGERED | MONITORING | … */
    int circuit_breaker_failure_count, circuit_breaker_threshold;
};

struct ecs_service_deployments {
    struct ecs_service_deployment *deployments;
    size_t ndeployments;
    struct ecs_failure *failures;  /* Describe only */
    size_t nfailures;
    char *next_token;              /* List only */
};

struct ecs_container_image { char *container_name, *image, *image_digest; };

struct ecs_service_revision {
    char *service_revision_arn, *service_arn, *cluster_arn;
    char *task_definition, *launch_type;
    int64_t created_at_ms;
    struct ecs_container_image *container_images;
    size_t ncontainer_images;
};

struct ecs_service_revisions {
    struct ecs_service_revision *revisions;
    size_t nrevisions;
    struct ecs_failure *failures;
    size_t nfailures;
};

/* ---- operations ---- */

/* The operation's name, e.g. "ListClusters"; a static string, NULL if op is unknown. */
const char *ecs_op_name(enum ecs_op op);
/* The X-Amz-Target header value; a static string, NULL if op is unknown. */
const char *ecs_op_target(enum ecs_op op);
/* True for UpdateService and StopTask: retry only on throttling and connect failures. */
bool ecs_op_is_mutating(enum ecs_op op);

/* ---- request bodies: heap JSON strings (caller frees), NULL + RW_E_USAGE on bad
 * arguments. NULL or empty optional strings, max_results 0 and ANY filters are left out. */

/* ListClusters {nextToken, maxResults (1-100)}. */
char *ecs_build_list_clusters(const char *next_token, int max_results, struct rw_err *err);
/* DescribeClusters {clusters: 0-100 names or ARNs (0: the default cluster)}. */
char *ecs_build_describe_clusters(const char *const *clusters, size_t n, struct rw_err *err);
/* ListServices {cluster, nextToken, maxResults (1-100)}. */
char *ecs_build_list_services(const char *cluster, const char *next_token, int max_results,
                              struct rw_err *err);
/* DescribeServices {cluster, services: 1-10, include: ["TAGS"] if include_tags}. */
char *ecs_build_describe_services(const char *cluster, const char *const *services, size_t n,
                                  bool include_tags, struct rw_err *err);
/* ListTasks {cluster, serviceName, desiredStatus, nextToken, maxResults (1-100)}. */
char *ecs_build_list_tasks(const char *cluster, const char *service_name,
                           enum ecs_desired_status desired, const char *next_token,
                           int max_results, struct rw_err *err);
/* DescribeTasks {cluster, tasks: 1-100 ids or ARNs}. */
char *ecs_build_describe_tasks(const char *cluster, const char *const *tasks, size_t n,
                               struct rw_err *err);
/* DescribeTaskDefinition {taskDefinition ("family", "family:rev" or ARN), include TAGS}. */
char *ecs_build_describe_task_definition(const char *task_definition, bool include_tags,
                                         struct rw_err *err);
/* ListTaskDefinitions {familyPrefix, status, sort: "DESC" if newest_first, nextToken,
 * maxResults (1-100)}. */
char *ecs_build_list_task_definitions(const char *family_prefix, enum ecs_td_status status,
                                      bool newest_first, const char *next_token,
                                      int max_results, struct rw_err *err);
/* ListServiceDeployments {service (required), cluster, status: the given filters,
 * nextToken, maxResults (1-100)}. */
char *ecs_build_list_service_deployments(const char *cluster, const char *service,
                                         const enum ecs_sd_status *statuses, size_t nstatuses,
                                         const char *next_token, int max_results,
                                         struct rw_err *err);
/* DescribeServiceDeployments {serviceDeploymentArns: 1-20}. */
char *ecs_build_describe_service_deployments(const char *const *arns, size_t n,
                                             struct rw_err *err);
/* DescribeServiceRevisions {serviceRevisionArns: 1-20}. */
char *ecs_build_describe_service_revisions(const char *const *arns, size_t n,
                                           struct rw_err *err);
/* UpdateService {cluster, service (required), taskDefinition, desiredCount (left out when
 * ECS_DESIRED_COUNT_UNCHANGED), forceNewDeployment}. */
char *ecs_build_update_service(const char *cluster, const char *service,
                               const char *task_definition, int desired_count,
                               bool force_new_deployment, struct rw_err *err);
/* StopTask {cluster, task (required), reason}. */
char *ecs_build_stop_task(const char *cluster, const char *task, const char *reason,
                          struct rw_err *err);

/* ---- response parsers (see the top of this file for the contract) ---- */

/* ListClusters: clusterArns + nextToken into out; free with ecs_arn_page_free. */
int ecs_parse_list_clusters(const char *body, size_t len, struct ecs_arn_page *out,
                            struct rw_err *err);
/* ListServices: serviceArns + nextToken into out; free with ecs_arn_page_free. */
int ecs_parse_list_services(const char *body, size_t len, struct ecs_arn_page *out,
                            struct rw_err *err);
/* ListTasks: taskArns + nextToken into out; free with ecs_arn_page_free. */
int ecs_parse_list_tasks(const char *body, size_t len, struct ecs_arn_page *out,
                         struct rw_err *err);
/* ListTaskDefinitions: taskDefinitionArns + nextToken; free with ecs_arn_page_free. */
int ecs_parse_list_task_definitions(const char *body, size_t len, struct ecs_arn_page *out,
                                    struct rw_err *err);
/* DescribeClusters: clusters + failures into out; free with ecs_clusters_free. */
int ecs_parse_describe_clusters(const char *body, size_t len, struct ecs_clusters *out,
                                struct rw_err *err);
/* DescribeServices: services + failures into out; free with ecs_services_free. */
int ecs_parse_describe_services(const char *body, size_t len, struct ecs_services *out,
                                struct rw_err *err);
/* UpdateService: the returned service into out; free with ecs_service_free. */
int ecs_parse_update_service(const char *body, size_t len, struct ecs_service *out,
                             struct rw_err *err);
/* DescribeTasks: tasks + failures into out; free with ecs_tasks_free. */
int ecs_parse_describe_tasks(const char *body, size_t len, struct ecs_tasks *out,
                             struct rw_err *err);
/* StopTask: the returned task into out; free with ecs_task_free. */
int ecs_parse_stop_task(const char *body, size_t len, struct ecs_task *out,
                        struct rw_err *err);
/* DescribeTaskDefinition: the task definition (and tags) into out; free with
 * ecs_task_definition_free. */
int ecs_parse_describe_task_definition(const char *body, size_t len,
                                       struct ecs_task_definition *out, struct rw_err *err);
/* ListServiceDeployments: brief deployments + nextToken; free with
 * ecs_service_deployments_free. */
int ecs_parse_list_service_deployments(const char *body, size_t len,
                                       struct ecs_service_deployments *out,
                                       struct rw_err *err);
/* DescribeServiceDeployments: full deployments + failures; free with
 * ecs_service_deployments_free. */
int ecs_parse_describe_service_deployments(const char *body, size_t len,
                                           struct ecs_service_deployments *out,
                                           struct rw_err *err);
/* DescribeServiceRevisions: revisions + failures; free with ecs_service_revisions_free. */
int ecs_parse_describe_service_revisions(const char *body, size_t len,
                                         struct ecs_service_revisions *out,
                                         struct rw_err *err);

/* Free what a page holds and zero it. */
void ecs_arn_page_free(struct ecs_arn_page *p);
/* Free what the clusters result holds and zero it. */
void ecs_clusters_free(struct ecs_clusters *c);
/* Free what one service holds and zero it. */
void ecs_service_free(struct ecs_service *s);
/* Free what the services result holds (every service, failures) and zero it. */
void ecs_services_free(struct ecs_services *s);
/* Free what one task holds and zero it. */
void ecs_task_free(struct ecs_task *t);
/* Free what the tasks result holds (every task, failures) and zero it. */
void ecs_tasks_free(struct ecs_tasks *t);
/* Free what a task definition holds and zero it. */
void ecs_task_definition_free(struct ecs_task_definition *td);
/* Free what the service deployments result holds and zero it. */
void ecs_service_deployments_free(struct ecs_service_deployments *d);
/* Free what the service revisions result holds and zero it. */
void ecs_service_revisions_free(struct ecs_service_revisions *r);

/* ---- helpers for the UI (pure; pointers returned point into the arguments) ---- */

/* The short task id: the part after the last '/' of a task ARN ("0f3a9b…");
 * an id without '/' is returned as is; NULL for NULL. Points into task_arn. */
const char *ecs_task_id(const char *task_arn);
/* The resource name of an ECS ARN, i.e. the part after its last '/': a service or
 * cluster name. NULL for NULL. Points into arn. */
const char *ecs_arn_name(const char *arn);
/* "family:revision" from a task definition ARN (or the argument itself when it is
 * not an ARN); NULL for NULL. Points into td. */
const char *ecs_task_definition_ref(const char *td);
/* The revision number of a task definition ARN or "family:rev"; -1 if none. */
int ecs_task_definition_revision(const char *td);
/* The family of a task definition ARN or "family:rev"; heap string (caller frees),
 * NULL for NULL. */
char *ecs_task_definition_family(const char *td);
/* The service's PRIMARY deployment, or NULL. Points into s. */
const struct ecs_deployment *ecs_service_primary_deployment(const struct ecs_service *s);
/* The app container: preferred_name if a container has that name (e.g. the
 * service's load balancer containerName; NULL to skip), else the first essential
 * container with port mappings that is not a log router, else the first essential
 * non-log-router, else the first non-log-router. NULL if none. Points into td. */
const struct ecs_container_def *ecs_app_container(const struct ecs_task_definition *td,
                                                  const char *preferred_name);
/* Parse a rolloutState string; unknown or NULL gives ECS_ROLLOUT_UNKNOWN. */
enum ecs_rollout ecs_rollout_parse(const char *s);
/* Parse a service deployment status string; unknown or NULL gives ECS_SD_UNKNOWN. */
enum ecs_sd_status ecs_sd_status_parse(const char *s);
/* The wire name of a service deployment status ("IN_PROGRESS"); static, NULL if UNKNOWN. */
const char *ecs_sd_status_name(enum ecs_sd_status st);
/* True when a service deployment in this status will not change any more. */
bool ecs_sd_status_is_final(enum ecs_sd_status st);
/* The service revision with this ARN in revs, or NULL. Points into revs. */
const struct ecs_service_revision *
ecs_service_revision_find(const struct ecs_service_revisions *revs, const char *arn);
/* The task definition revision a service deployment deploys: its target revision's
 * task definition, looked up in revs (from DescribeServiceRevisions; NULL allowed).
 * -1 when that is not available. */
int ecs_service_deployment_task_revision(const struct ecs_service_deployment *sd,
                                         const struct ecs_service_revisions *revs);

#endif
