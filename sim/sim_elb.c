/* sim_elb: the ALB, its target groups and their targets' health (see
 * sim_elb.h). Pages use sim_route's opaque tokens as Marker/NextMarker. */
#include "sim_elb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LB_ID "5e1a7a96e7a1b000"
#define DNS_ID "1572430951"
#define VPC_ID "vpc-0a1b2c3d4e5f67890"
#define MAX_PAGE 400
#define DAY_MS (24 * 3600 * 1000LL)

static const char *const azs[] = { "us-east-1a", "us-east-1b", "us-east-1c" };

void sim_elb_lb_arn(const struct sim_world *w, char *out, size_t n)
{
    snprintf(out, n, "arn:aws:elasticloadbalancing:%s:%s:loadbalancer/app/%s/%s", w->region,
             w->account, SIM_ELB_LB_NAME, LB_ID);
}

void sim_elb_dns_name(const struct sim_world *w, char *out, size_t n)
{
    snprintf(out, n, "%s-%s.%s.elb.amazonaws.com", SIM_ELB_LB_NAME, DNS_ID, w->region);
}

void sim_elb_lb_dimension(const struct sim_world *w, char *out, size_t n)
{
    (void)w;
    snprintf(out, n, "app/%s/%s", SIM_ELB_LB_NAME, LB_ID);
}

void sim_elb_tg_dimension(const struct sim_world *w, int si, char *out, size_t n)
{
    char arn[256];
    sim_world_tg_arn(w, si, arn, sizeof arn);
    const char *p = strstr(arn, ":targetgroup/");
    snprintf(out, n, "%s", p ? p + 1 : "");
}

/* Service si's target group name into out. */
static void tg_name(const struct sim_world *w, int si, char *out, size_t n)
{
    char dim[256];
    sim_elb_tg_dimension(w, si, dim, sizeof dim);
    const char *p = dim + strlen("targetgroup/");
    size_t len = strcspn(p, "/");
    snprintf(out, n, "%.*s", (int)len, p);
}

int sim_elb_find_tg(const struct sim_world *w, const char *ref)
{
    for (int si = 0; ref && si < w->nservices; si++) {
        char arn[256], dim[256], name[128];
        if (!w->services[si].target_group)
            continue;
        sim_world_tg_arn(w, si, arn, sizeof arn);
        sim_elb_tg_dimension(w, si, dim, sizeof dim);
        tg_name(w, si, name, sizeof name);
        if (strcmp(ref, arn) == 0 || strcmp(ref, dim) == 0 || strcmp(ref, name) == 0)
            return si;
    }
    return -1;
}

const char *sim_elb_target_state(const struct sim_world *w, int ti, int64_t t_ms,
                                 const char **reason, const char **desc)
{
    const struct sim_task *t = &w->tasks[ti];
    *reason = *desc = NULL;
    if (t_ms < t->running_ms || (t->stopped_ms && t_ms >= t->stopped_ms))
        return NULL;
    if (t->stopping_ms && t_ms >= t->stopping_ms) {
        if (!t->healthy_ms || t->healthy_ms > t->stopping_ms)
            return NULL;
        *reason = "Target.DeregistrationInProgress";
        *desc = "Target deregistration is in progress";
        return "draining";
    }
    int failing = sim_task_serving(t, t_ms) ? sim_world_flapping(w, t->service, t_ms) : -1;
    if (failing == 0)
        return "healthy";
    if (failing < 0 && t_ms < t->running_ms + 30000) {
        *reason = "Elb.RegistrationInProgress";
        *desc = "Target registration is in progress";
        return "initial";
    }
    const struct sim_td *td = sim_world_task_td(w, ti);
    *reason = failing < 0 && td && td->bad ? "Target.Timeout" : "Target.ResponseCodeMismatch";
    *desc = failing < 0 && td && td->bad ? "Request timed out"
                                         : "Health checks failed with these codes: [503]";
    return "unhealthy";
}

/* The page [*start, *end) of n items by Marker and PageSize; -1 with c->r filled. */
static int page(const struct sim_form *f, const struct sim_query_ctx *c, int n, int *start,
                int *end)
{
    const char *marker = sim_query_get(f, "Marker"), *ps = sim_query_get(f, "PageSize");
    char *e = NULL;
    long size = ps ? strtol(ps, &e, 10) : MAX_PAGE;
    if (ps && (!*ps || *e || size < 1 || size > MAX_PAGE)) {
        sim_query_fail(c, 400, "ValidationError", "1 validation error detected: Value '%.20s' "
                       "at 'pageSize' failed to satisfy constraint: Member must have value "
                       "between 1 and %d", ps, MAX_PAGE);
        return -1;
    }
    long off = marker ? sim_route_parse_token(marker) : 0;
    if (off < 0 || off > n) {
        sim_query_fail(c, 400, "ValidationError", "Invalid value for parameter Marker");
        return -1;
    }
    *start = (int)off;
    *end = off + size < n ? (int)(off + size) : n;
    return 0;
}

static void next_marker(struct sim_xml *x, int end, int n)
{
    char tok[32];
    if (end < n) {
        sim_route_token(end, tok, sizeof tok);
        sim_xml_elem(x, "NextMarker", tok);
    }
}

static void lb_member(const struct sim_world *w, struct sim_xml *x)
{
    char arn[256], dns[160], created[40];
    sim_elb_lb_arn(w, arn, sizeof arn);
    sim_elb_dns_name(w, dns, sizeof dns);
    sim_query_time(w->start_ms - 30 * DAY_MS, 1, created, sizeof created);
    sim_xml_open(x, "member");
    sim_xml_elem(x, "LoadBalancerArn", arn);
    sim_xml_elem(x, "DNSName", dns);
    sim_xml_elem(x, "CanonicalHostedZoneId", "Z35SXDOTRQ7X7K");
    sim_xml_elem(x, "CreatedTime", created);
    sim_xml_elem(x, "LoadBalancerName", SIM_ELB_LB_NAME);
    sim_xml_elem(x, "Scheme", "internet-facing");
    sim_xml_elem(x, "VpcId", VPC_ID);
    sim_xml_open(x, "State");
    sim_xml_elem(x, "Code", "active");
    sim_xml_close(x, "State");
    sim_xml_elem(x, "Type", "application");
    sim_xml_open(x, "AvailabilityZones");
    for (int i = 0; i < 3; i++) {
        sim_xml_open(x, "member");
        sim_xml_elem(x, "ZoneName", azs[i]);
        sim_xml_elemf(x, "SubnetId", "subnet-0a1b2c3d4e5f6070%d", i);
        sim_xml_close(x, "member");
    }
    sim_xml_close(x, "AvailabilityZones");
    sim_xml_open(x, "SecurityGroups");
    sim_xml_elem(x, "member", "sg-0c1d2e3f4a5b6c7d8");
    sim_xml_close(x, "SecurityGroups");
    sim_xml_elem(x, "IpAddressType", "ipv4");
    sim_xml_close(x, "member");
}

/* Whether the load balancer list named by key (names or ARNs) holds only ours;
 * 1 if there is no such list. */
static int only_ours(const struct sim_world *w, const struct sim_form *f, const char *key,
                     const char **missing)
{
    char arn[256];
    sim_elb_lb_arn(w, arn, sizeof arn);
    int n = sim_query_members(f, key);
    for (int i = 1; i <= n; i++) {
        const char *v = sim_query_getf(f, "%s.member.%d", key, i);
        if (!v || (strcmp(v, SIM_ELB_LB_NAME) != 0 && strcmp(v, arn) != 0)) {
            *missing = v ? v : "";
            return 0;
        }
    }
    return 1;
}

static void describe_load_balancers(struct sim_world *w, const struct sim_form *f,
                                    const struct sim_query_ctx *c)
{
    const char *missing = NULL;
    int start, end;
    if (sim_query_members(f, "Names") && sim_query_members(f, "LoadBalancerArns")) {
        sim_query_fail(c, 400, "ValidationError", "Load balancer names and load balancer ARNs "
                       "cannot be specified at the same time");
        return;
    }
    if (!only_ours(w, f, "Names", &missing) || !only_ours(w, f, "LoadBalancerArns", &missing)) {
        sim_query_fail(c, 400, "LoadBalancerNotFound", "Load balancers '[%.200s]' not found",
                       missing);
        return;
    }
    if (page(f, c, 1, &start, &end) < 0)
        return;
    struct sim_xml x;
    sim_query_begin(c, &x);
    sim_xml_open(&x, "LoadBalancers");
    if (start < end)
        lb_member(w, &x);
    sim_xml_close(&x, "LoadBalancers");
    next_marker(&x, end, 1);
    sim_query_finish(c, &x);
}

static void tg_member(const struct sim_world *w, int si, struct sim_xml *x)
{
    char arn[256], name[128], lb[256];
    sim_world_tg_arn(w, si, arn, sizeof arn);
    tg_name(w, si, name, sizeof name);
    sim_elb_lb_arn(w, lb, sizeof lb);
    sim_xml_open(x, "member");
    sim_xml_elem(x, "TargetGroupArn", arn);
    sim_xml_elem(x, "TargetGroupName", name);
    sim_xml_elem(x, "Protocol", "HTTP");
    sim_xml_elemf(x, "Port", "%d", SIM_ELB_TARGET_PORT);
    sim_xml_elem(x, "VpcId", VPC_ID);
    sim_xml_elem(x, "HealthCheckProtocol", "HTTP");
    sim_xml_elem(x, "HealthCheckPort", "traffic-port");
    sim_xml_elem(x, "HealthCheckEnabled", "true");
    sim_xml_elem(x, "HealthCheckIntervalSeconds", "15");
    sim_xml_elem(x, "HealthCheckTimeoutSeconds", "5");
    sim_xml_elem(x, "HealthyThresholdCount", "2");
    sim_xml_elem(x, "UnhealthyThresholdCount", "2");
    sim_xml_elem(x, "HealthCheckPath", "/health");
    sim_xml_open(x, "Matcher");
    sim_xml_elem(x, "HttpCode", "200");
    sim_xml_close(x, "Matcher");
    sim_xml_open(x, "LoadBalancerArns");
    sim_xml_elem(x, "member", lb);
    sim_xml_close(x, "LoadBalancerArns");
    sim_xml_elem(x, "TargetType", "ip");
    sim_xml_elem(x, "ProtocolVersion", "HTTP1");
    sim_xml_elem(x, "IpAddressType", "ipv4");
    sim_xml_close(x, "member");
}

/* The target groups a DescribeTargetGroups request names into sis; their
 * number, or -1 with c->r filled. */
static int pick_tgs(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c,
                    int *sis)
{
    const char *lb = sim_query_get(f, "LoadBalancerArn");
    int na = sim_query_members(f, "TargetGroupArns"), nn = sim_query_members(f, "Names");
    if ((lb != NULL) + (na > 0) + (nn > 0) > 1) {
        sim_query_fail(c, 400, "ValidationError", "A load balancer ARN, target group ARNs or "
                       "target group names can be specified, but not more than one");
        return -1;
    }
    char arn[256];
    sim_elb_lb_arn(w, arn, sizeof arn);
    if (lb && strcmp(lb, arn) != 0) {
        sim_query_fail(c, 400, "LoadBalancerNotFound", "Load balancer '%.200s' not found", lb);
        return -1;
    }
    int n = 0;
    const char *key = na ? "TargetGroupArns" : "Names";
    for (int i = 1; i <= (na ? na : nn); i++) {
        const char *v = sim_query_getf(f, "%s.member.%d", key, i);
        int si = sim_elb_find_tg(w, v);
        if (si < 0 || (na ? strncmp(v, "arn:", 4) != 0 : strchr(v, '/') != NULL)) {
            sim_query_fail(c, 400, "TargetGroupNotFound", "Target groups '[%.200s]' not found",
                           v ? v : "");
            return -1;
        }
        sis[n++] = si;
    }
    for (int si = 0; !na && !nn && si < w->nservices; si++)
        if (w->services[si].target_group)
            sis[n++] = si;
    return n;
}

static void describe_target_groups(struct sim_world *w, const struct sim_form *f,
                                   const struct sim_query_ctx *c)
{
    int sis[1000 + SIM_MAX_SERVICES], start, end;
    int n = pick_tgs(w, f, c, sis);
    if (n < 0 || page(f, c, n, &start, &end) < 0)
        return;
    struct sim_xml x;
    sim_query_begin(c, &x);
    sim_xml_open(&x, "TargetGroups");
    for (int i = start; i < end; i++)
        tg_member(w, sis[i], &x);
    sim_xml_close(&x, "TargetGroups");
    next_marker(&x, end, n);
    sim_query_finish(c, &x);
}

static void th_member(struct sim_xml *x, const char *id, const char *az, const char *state,
                      const char *reason, const char *desc)
{
    sim_xml_open(x, "member");
    sim_xml_elemf(x, "HealthCheckPort", "%d", SIM_ELB_TARGET_PORT);
    sim_xml_open(x, "TargetHealth");
    sim_xml_elem(x, "State", state);
    sim_xml_elem(x, "Reason", reason);
    sim_xml_elem(x, "Description", desc);
    sim_xml_close(x, "TargetHealth");
    sim_xml_open(x, "Target");
    sim_xml_elemf(x, "Port", "%d", SIM_ELB_TARGET_PORT);
    sim_xml_elem(x, "Id", id);
    sim_xml_elem(x, "AvailabilityZone", az);
    sim_xml_close(x, "Target");
    sim_xml_close(x, "member");
}

/* The registered target of si with IP id, or -1. */
static int find_target(const struct sim_world *w, int si, const char *id, int64_t now)
{
    const char *reason, *desc;
    for (int i = 0; id && i < w->ntasks; i++)
        if (w->tasks[i].service == si && strcmp(w->tasks[i].ip, id) == 0 &&
            sim_elb_target_state(w, i, now, &reason, &desc))
            return i;
    return -1;
}

static void describe_target_health(struct sim_world *w, const struct sim_form *f,
                                   const struct sim_query_ctx *c)
{
    const char *arn = sim_query_get(f, "TargetGroupArn"), *reason, *desc, *st;
    int si = arn ? sim_elb_find_tg(w, arn) : -1;
    if (!arn || !*arn) {
        sim_query_fail(c, 400, "ValidationError", "1 validation error detected: Value null at "
                       "'targetGroupArn' failed to satisfy constraint: Member must not be null");
        return;
    }
    if (si < 0 || strncmp(arn, "arn:", 4) != 0) {
        sim_query_fail(c, 400, "TargetGroupNotFound", "Target groups '%.200s' not found", arn);
        return;
    }
    struct sim_xml x;
    sim_query_begin(c, &x);
    sim_xml_open(&x, "TargetHealthDescriptions");
    int nt = sim_query_members(f, "Targets");
    for (int k = 1; k <= nt; k++) {
        const char *id = sim_query_getf(f, "Targets.member.%d.Id", k);
        int ti = find_target(w, si, id, w->now_ms);
        if (ti < 0)
            th_member(&x, id ? id : "", NULL, "unused", "Target.NotRegistered",
                      "Target is not registered to the target group");
        else if ((st = sim_elb_target_state(w, ti, w->now_ms, &reason, &desc)))
            th_member(&x, w->tasks[ti].ip, w->tasks[ti].az, st, reason, desc);
    }
    for (int i = 0; !nt && i < w->ntasks; i++)
        if (w->tasks[i].service == si &&
            (st = sim_elb_target_state(w, i, w->now_ms, &reason, &desc)))
            th_member(&x, w->tasks[i].ip, w->tasks[i].az, st, reason, desc);
    sim_xml_close(&x, "TargetHealthDescriptions");
    sim_query_finish(c, &x);
}

int sim_elb_handle(struct sim_world *w, const struct sim_form *f, const struct sim_query_ctx *c)
{
    if (strcmp(c->action, "DescribeLoadBalancers") == 0)
        describe_load_balancers(w, f, c);
    else if (strcmp(c->action, "DescribeTargetGroups") == 0)
        describe_target_groups(w, f, c);
    else if (strcmp(c->action, "DescribeTargetHealth") == 0)
        describe_target_health(w, f, c);
    else
        return -1;
    return 0;
}
