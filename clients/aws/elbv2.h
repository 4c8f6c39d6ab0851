/* elbv2: Elastic Load Balancing v2 (ALB/NLB) over the query protocol
 * (Version 2015-12-01): request bodies and response parsers for
 * DescribeLoadBalancers, DescribeTargetGroups and DescribeTargetHealth, and
 * the CloudWatch dimension values (LoadBalancer, TargetGroup) of their ARNs.
 * Pure: no network, no global state. Parsers reject an <ErrorResponse>
 * (clients/aws/awserr reads those) and any document that is not the expected
 * <ActionResponse><ActionResult> with RW_E_PARSE. In parsed structs the
 * fields marked "required" are never NULL; the others are NULL when the
 * response leaves them out. */
#ifndef RW_ELBV2_H
#define RW_ELBV2_H

#include <stddef.h>

#include "core/err.h"

#define ELBV2_VERSION "2015-12-01"

/* DescribeLoadBalancers arguments: names or ARNs (not both), or neither for all. */
struct elbv2_lbs_params {
    const char *const *names;
    size_t nnames;
    const char *const *arns;
    size_t narns;
    const char *marker;         /* NextMarker of the previous page, or NULL */
    int page_size;              /* 0: omitted; else 1..400 */
};

struct elbv2_load_balancer {
    char *arn;                  /* required */
    char *name;                 /* required */
    char *dns_name;
    char *type;                 /* "application", "network", "gateway" */
    char *scheme;               /* "internet-facing", "internal" */
    char *state;                /* State/Code: "active", "provisioning", "failed", ... */
};

struct elbv2_load_balancers {
    struct elbv2_load_balancer *items;
    size_t n;
    char *next_marker;          /* NULL on the last page */
};

/* DescribeTargetGroups arguments: at most one of lb_arn, arns, names. */
struct elbv2_tgs_params {
    const char *lb_arn;
    const char *const *arns;
    size_t narns;
    const char *const *names;
    size_t nnames;
    const char *marker;
    int page_size;              /* 0: omitted; else 1..400 */
};

struct elbv2_target_group {
    char *arn;                  /* required */
    char *name;                 /* required */
    char *protocol;             /* "HTTP", "HTTPS", "TCP", ...; NULL for Lambda */
    int port;                   /* 0 if absent (Lambda) */
    char *health_check_path;
    char *target_type;          /* "ip", "instance", "lambda", "alb" */
    char **lb_arns;             /* LoadBalancerArns/member, each required */
    size_t nlb_arns;
};

struct elbv2_target_groups {
    struct elbv2_target_group *items;
    size_t n;
    char *next_marker;          /* NULL on the last page */
};

struct elbv2_target_health {
    char *id;                   /* Target/Id: required (IP, instance id, ...) */
    int port;                   /* Target/Port, 0 if absent */
    char *az;                   /* Target/AvailabilityZone */
    char *health_check_port;    /* a port number or "traffic-port" */
    char *state;                /* TargetHealth/State: required ("healthy", "draining", ...) */
    char *reason;               /* TargetHealth/Reason: "Target.ResponseCodeMismatch", ... */
    char *description;          /* TargetHealth/Description */
};

struct elbv2_target_healths {
    struct elbv2_target_health *items;
    size_t n;
};

/* DescribeLoadBalancers request body; NULL with RW_E_USAGE on bad arguments; caller frees. */
char *elbv2_describe_load_balancers_body(const struct elbv2_lbs_params *p, struct rw_err *err);
/* DescribeTargetGroups request body; NULL with RW_E_USAGE on bad arguments; caller frees. */
char *elbv2_describe_target_groups_body(const struct elbv2_tgs_params *p, struct rw_err *err);
/* DescribeTargetHealth request body for one target group; NULL with
 * RW_E_USAGE if tg_arn is missing; caller frees. */
char *elbv2_describe_target_health_body(const char *tg_arn, struct rw_err *err);

/* Parse a DescribeLoadBalancersResponse into out (caller frees with
 * elbv2_load_balancers_free); on error out is zeroed and err is RW_E_PARSE. */
int elbv2_parse_load_balancers(const char *body, size_t len, struct elbv2_load_balancers *out,
                               struct rw_err *err);
/* Free a page of load balancers and zero it. */
void elbv2_load_balancers_free(struct elbv2_load_balancers *l);

/* Parse a DescribeTargetGroupsResponse into out (caller frees with
 * elbv2_target_groups_free); on error out is zeroed and err is RW_E_PARSE. */
int elbv2_parse_target_groups(const char *body, size_t len, struct elbv2_target_groups *out,
                              struct rw_err *err);
/* Free a page of target groups and zero it. */
void elbv2_target_groups_free(struct elbv2_target_groups *l);

/* Parse a DescribeTargetHealthResponse into out (caller frees with
 * elbv2_target_healths_free); on error out is zeroed and err is RW_E_PARSE. */
int elbv2_parse_target_health(const char *body, size_t len, struct elbv2_target_healths *out,
                              struct rw_err *err);
/* Free a list of target health descriptions and zero it. */
void elbv2_target_healths_free(struct elbv2_target_healths *l);

/* The CloudWatch LoadBalancer dimension of a load balancer ARN
 * ("arn:aws:elasticloadbalancing:R:A:loadbalancer/app/n/id" -> "app/n/id"):
 * borrowed, it points into arn; NULL if arn is not a load balancer ARN. */
const char *elbv2_lb_dimension(const char *arn);
/* The CloudWatch TargetGroup dimension of a target group ARN
 * ("...:targetgroup/n/id" -> "targetgroup/n/id"): borrowed, it points into
 * arn; NULL if arn is not a target group ARN. */
const char *elbv2_tg_dimension(const char *arn);

#endif
