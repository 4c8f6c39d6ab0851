/* Tests for sim/sim_elb: the fake ALB, its target groups and their targets'
 * health, asked with rollwatch's own request builders and read back with its
 * parsers (clients/aws/elbv2.h). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/awserr.h"
#include "clients/aws/elbv2.h"
#include "sim/sim_elb.h"
#include "sim/sim_query.h"

#define START 1795000000000LL

static int64_t fake_now;
static int64_t fake_clock(void) { return fake_now; }

static void open_world(struct sim_world *w, const char *scenario)
{
    fake_now = START;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(w, scenario, START, 42, 1), 0);
    w->clock = fake_clock;
}

/* Send body (freed) to ELBv2; the reply body (caller frees), status in *status. */
static char *call(struct sim_world *w, char *body, int *status)
{
    struct sim_reply r;
    CU_ASSERT_PTR_NOT_NULL_FATAL(body);
    sim_query_handle(w, "elasticloadbalancing", body, strlen(body), &r);
    free(body);
    *status = r.status;
    return r.body;
}

static void expect_code(char *reply, const char *code)
{
    struct aws_error e;
    aws_error_parse(400, NULL, reply, strlen(reply), &e);
    CU_ASSERT_STRING_EQUAL(e.code, code);
    free(reply);
}

static void test_sim_elb_load_balancers(void)
{
    struct sim_world w;
    open_world(&w, "steady");
    struct rw_err err;
    int st;
    char arn[256], dns[160], dim[128];
    sim_elb_lb_arn(&w, arn, sizeof arn);
    sim_elb_dns_name(&w, dns, sizeof dns);
    sim_elb_lb_dimension(&w, dim, sizeof dim);
    const char *names[] = { "cap-production-alb" }, *arns[] = { arn }, *bad[] = { "nope" };
    struct elbv2_lbs_params ps[] = { { 0 }, { .names = names, .nnames = 1 },
                                     { .arns = arns, .narns = 1, .page_size = 5 } };
    for (size_t i = 0; i < 3; i++) {
        char *b = call(&w, elbv2_describe_load_balancers_body(&ps[i], &err), &st);
        struct elbv2_load_balancers l;
        CU_ASSERT_EQUAL(st, 200);
        CU_ASSERT_EQUAL_FATAL(elbv2_parse_load_balancers(b, strlen(b), &l, &err), 0);
        CU_ASSERT_EQUAL_FATAL(l.n, 1);
        CU_ASSERT_STRING_EQUAL(l.items[0].arn, arn);
        CU_ASSERT_STRING_EQUAL(l.items[0].name, "cap-production-alb");
        CU_ASSERT_STRING_EQUAL(l.items[0].dns_name, dns);
        CU_ASSERT_STRING_EQUAL(l.items[0].type, "application");
        CU_ASSERT_STRING_EQUAL(l.items[0].state, "active");
        CU_ASSERT_STRING_EQUAL(elbv2_lb_dimension(l.items[0].arn), dim);
        CU_ASSERT_PTR_NULL(l.next_marker);
        elbv2_load_balancers_free(&l);
        free(b);
    }
    CU_ASSERT_EQUAL(strncmp(dns, "cap-production-alb-", 19), 0);
    struct elbv2_lbs_params nope = { .names = bad, .nnames = 1 };
    expect_code(call(&w, elbv2_describe_load_balancers_body(&nope, &err), &st),
                "LoadBalancerNotFound");
    CU_ASSERT_EQUAL(st, 400);
    expect_code(call(&w, strdup("Action=DescribeLoadBalancers&Names.member.1=a"
                                "&LoadBalancerArns.member.1=b"), &st), "ValidationError");
    expect_code(call(&w, strdup("Action=DescribeLoadBalancers&PageSize=401"), &st),
                "ValidationError");
    expect_code(call(&w, strdup("Action=DescribeLoadBalancers&Marker=zzz"), &st),
                "ValidationError");
    sim_world_destroy(&w);
}

/* DescribeTargetGroups with p; the parsed page (0 on success). */
static int target_groups(struct sim_world *w, const struct elbv2_tgs_params *p,
                         struct elbv2_target_groups *out)
{
    struct rw_err err;
    int st;
    char *b = call(w, elbv2_describe_target_groups_body(p, &err), &st);
    int rc = st == 200 ? elbv2_parse_target_groups(b, strlen(b), out, &err) : -1;
    free(b);
    return rc;
}

static void test_sim_elb_target_groups(void)
{
    struct sim_world w;
    open_world(&w, "steady");
    char lb[256], ca[256], pa[256];
    sim_elb_lb_arn(&w, lb, sizeof lb);
    sim_world_tg_arn(&w, sim_world_find_service(&w, "consumer-agent"), ca, sizeof ca);
    sim_world_tg_arn(&w, sim_world_find_service(&w, "payments-api"), pa, sizeof pa);
    struct elbv2_target_groups l;
    CU_ASSERT_EQUAL_FATAL(target_groups(&w, &(struct elbv2_tgs_params){ .lb_arn = lb }, &l), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 2);
    CU_ASSERT_STRING_EQUAL(l.items[0].arn, ca);
    CU_ASSERT_STRING_EQUAL(l.items[0].name, "consumer-agent-tg");
    CU_ASSERT_STRING_EQUAL(l.items[1].arn, pa);
    CU_ASSERT_EQUAL(l.items[0].port, 8080);
    CU_ASSERT_STRING_EQUAL(l.items[0].health_check_path, "/health");
    CU_ASSERT_STRING_EQUAL(l.items[0].target_type, "ip");
    CU_ASSERT_EQUAL_FATAL(l.items[1].nlb_arns, 1);
    CU_ASSERT_STRING_EQUAL(l.items[1].lb_arns[0], lb);
    char dim[256];
    sim_elb_tg_dimension(&w, 2, dim, sizeof dim);
    CU_ASSERT_STRING_EQUAL(elbv2_tg_dimension(pa), dim);
    elbv2_target_groups_free(&l);
    /* by name and by ARN; one page at a time */
    const char *names[] = { "payments-api-tg" }, *arns[] = { ca, pa };
    CU_ASSERT_EQUAL_FATAL(target_groups(&w, &(struct elbv2_tgs_params){ .names = names,
                                        .nnames = 1 }, &l), 0);
    CU_ASSERT_TRUE(l.n == 1 && strcmp(l.items[0].arn, pa) == 0);
    elbv2_target_groups_free(&l);
    CU_ASSERT_EQUAL_FATAL(target_groups(&w, &(struct elbv2_tgs_params){ .arns = arns,
                                        .narns = 2, .page_size = 1 }, &l), 0);
    CU_ASSERT_TRUE(l.n == 1 && strcmp(l.items[0].arn, ca) == 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(l.next_marker);
    char *marker = strdup(l.next_marker);
    elbv2_target_groups_free(&l);
    CU_ASSERT_EQUAL_FATAL(target_groups(&w, &(struct elbv2_tgs_params){ .arns = arns,
                                        .narns = 2, .page_size = 1, .marker = marker }, &l), 0);
    CU_ASSERT_TRUE(l.n == 1 && strcmp(l.items[0].arn, pa) == 0);
    CU_ASSERT_PTR_NULL(l.next_marker);
    elbv2_target_groups_free(&l);
    free(marker);
    int st;
    expect_code(call(&w, strdup("Action=DescribeTargetGroups&Names.member.1=gone-tg"), &st),
                "TargetGroupNotFound");
    expect_code(call(&w, strdup("Action=DescribeTargetGroups&TargetGroupArns.member.1="
                                "consumer-agent-tg"), &st), "TargetGroupNotFound");
    expect_code(call(&w, strdup("Action=DescribeTargetGroups&LoadBalancerArn=arn%3Ax"), &st),
                "LoadBalancerNotFound");
    expect_code(call(&w, strdup("Action=DescribeTargetGroups&LoadBalancerArn=a"
                                "&Names.member.1=b"), &st), "ValidationError");
    sim_world_destroy(&w);
}

/* The targets of service name's target group as the sim describes them now. */
static int target_health(struct sim_world *w, const char *name, struct elbv2_target_healths *out)
{
    char arn[256];
    struct rw_err err;
    int st;
    sim_world_tg_arn(w, sim_world_find_service(w, name), arn, sizeof arn);
    char *b = call(w, elbv2_describe_target_health_body(arn, &err), &st);
    int rc = st == 200 ? elbv2_parse_target_health(b, strlen(b), out, &err) : -1;
    free(b);
    return rc;
}

/* How many targets of l are in state (and, if reason, with that reason). */
static int count(const struct elbv2_target_healths *l, const char *state, const char *reason)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strcmp(l->items[i].state, state) == 0 &&
             (!reason || (l->items[i].reason && strcmp(l->items[i].reason, reason) == 0));
    return n;
}

static void test_sim_elb_target_health_steady(void)
{
    struct sim_world w;
    open_world(&w, "steady");
    struct elbv2_target_healths l;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "consumer-agent", &l), 0);
    CU_ASSERT_EQUAL(l.n, 4);
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 4);
    for (size_t i = 0; i < l.n; i++) {
        int ti = -1;
        for (int k = 0; k < w.ntasks; k++)
            if (strcmp(w.tasks[k].ip, l.items[i].id) == 0 && sim_task_serving(&w.tasks[k], START))
                ti = k;
        CU_ASSERT_TRUE(ti >= 0);
        CU_ASSERT_EQUAL(l.items[i].port, 8080);
        CU_ASSERT_PTR_NULL(l.items[i].reason);
        CU_ASSERT_PTR_NOT_NULL(l.items[i].az);
    }
    elbv2_target_healths_free(&l);
    int st;
    expect_code(call(&w, strdup("Action=DescribeTargetHealth"), &st), "ValidationError");
    expect_code(call(&w, strdup("Action=DescribeTargetHealth&TargetGroupArn=arn%3Aaws%3Ax"),
                     &st), "TargetGroupNotFound");
    /* one named target that is not registered */
    char arn[256], body[600], *b;
    sim_world_tg_arn(&w, 0, arn, sizeof arn);
    b = elbv2_describe_target_health_body(arn, NULL);
    snprintf(body, sizeof body, "%s&Targets.member.1.Id=10.9.9.9&Targets.member.1.Port=8080", b);
    free(b);
    b = call(&w, strdup(body), &st);
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(elbv2_parse_target_health(b, strlen(b), &l, &err), 0);
    CU_ASSERT_TRUE(l.n == 1 && count(&l, "unused", "Target.NotRegistered") == 1);
    elbv2_target_healths_free(&l);
    free(b);
    sim_world_destroy(&w);
}

static void test_sim_elb_target_health_rollout(void)
{
    struct sim_world w;
    open_world(&w, "bad-deploy");
    struct elbv2_target_healths l;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "consumer-agent", &l), 0);
    /* two old, two bad in service; the third bad one fails its checks (timeouts) */
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 4);
    CU_ASSERT_EQUAL(count(&l, "unhealthy", "Target.Timeout") +
                    count(&l, "initial", "Elb.RegistrationInProgress"), 1);
    elbv2_target_healths_free(&l);
    /* roll back: the new task registers, then the old ones drain */
    sim_world_deploy(&w, 0, 3, START);
    fake_now = START + 25000;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "consumer-agent", &l), 0);
    CU_ASSERT_EQUAL(count(&l, "initial", "Elb.RegistrationInProgress"), 1);
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 4);
    elbv2_target_healths_free(&l);
    fake_now = START + 65000;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "consumer-agent", &l), 0);
    CU_ASSERT_EQUAL(count(&l, "draining", "Target.DeregistrationInProgress"), 1);
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 4);
    elbv2_target_healths_free(&l);
    sim_world_destroy(&w);
}

static void test_sim_elb_target_health_flapping(void)
{
    struct sim_world w;
    open_world(&w, "flapping-health");
    struct elbv2_target_healths l;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "payments-api", &l), 0);
    CU_ASSERT_EQUAL(l.n, 3);
    CU_ASSERT_EQUAL(count(&l, "unhealthy", "Target.ResponseCodeMismatch"), 3);
    CU_ASSERT_STRING_EQUAL(l.items[0].description, "Health checks failed with these codes: [503]");
    elbv2_target_healths_free(&l);
    fake_now = START + 40000;
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "payments-api", &l), 0);
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 3);
    elbv2_target_healths_free(&l);
    CU_ASSERT_EQUAL_FATAL(target_health(&w, "consumer-agent", &l), 0);
    CU_ASSERT_EQUAL(count(&l, "healthy", NULL), 4);
    elbv2_target_healths_free(&l);
    sim_world_destroy(&w);
}

void test_sim_elb_register(void)
{
    CU_pSuite s = CU_add_suite("sim_elb", NULL, NULL);
    CU_add_test(s, "DescribeLoadBalancers: the one ALB, by name or ARN; errors",
                test_sim_elb_load_balancers);
    CU_add_test(s, "DescribeTargetGroups: one per service with an ALB, paged; errors",
                test_sim_elb_target_groups);
    CU_add_test(s, "DescribeTargetHealth: the serving tasks' IPs on 8080",
                test_sim_elb_target_health_steady);
    CU_add_test(s, "DescribeTargetHealth through a rollout: timeouts, initial, draining",
                test_sim_elb_target_health_rollout);
    CU_add_test(s, "DescribeTargetHealth: flapping targets are unhealthy 30 s of 75",
                test_sim_elb_target_health_flapping);
}
