/* moto_ops: reads what moto.sh put into moto_server back through rollwatch's
 * own session, client and parsers: STS GetCallerIdentity (query/XML), Logs
 * FilterLogEvents and DescribeLogStreams (JSON 1.1), CloudWatch GetMetricData
 * (JSON 1.0 with x-amzn-query-mode), CloudFormation DescribeStacks, ELBv2
 * (load balancer, target group, target health) and the rollback target.
 * Environment as for `rollwatch status`. Prints "moto_ops: N passed, N failed". */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clients/aws/cfn.h"
#include "clients/aws/cloudwatch.h"
#include "clients/aws/ecs_history.h"
#include "clients/aws/elbv2.h"
#include "clients/aws/logs.h"
#include "clients/aws/session.h"
#include "clients/aws/sts.h"
#include "core/xmalloc.h"

static int pass, fail;

#define CHECK(cond, ...) do { if (cond) pass++; else { fail++; printf("  FAIL " __VA_ARGS__); printf("\n"); } } while (0)

struct sync { int done; int ok; char *body; size_t len; char err[512]; };

static void on_reply(const struct aws_reply *r, void *ud)
{
    struct sync *s = ud;
    s->done = 1;
    s->ok = r->ok;
    s->body = xstrndup(r->body ? r->body : "", r->len);
    s->len = r->len;
    snprintf(s->err, sizeof s->err, "%s", r->ok ? "" : r->err.msg);
}

/* One call, waited for on the loop (a test may wait; the console never does). */
static struct sync call(struct rw_loop *loop, struct aws_session *ss, enum aws_service svc,
                        enum aws_protocol proto, const char *target, const char *name, char *body)
{
    struct sync s = { 0 };
    struct aws_op op = { svc, proto, target, name, 0, 0 };
    aws_call(ss->client, &op, body, strlen(body), on_reply, &s);
    free(body);
    while (!s.done)
        rw_loop_run_once(loop, 1000);
    if (!s.ok)
        printf("  %s: %s\n", name, s.err);
    return s;
}

static void check_sts(struct rw_loop *loop, struct aws_session *ss)
{
    struct sync s = call(loop, ss, AWS_SVC_STS, AWS_PROTO_QUERY, NULL, "GetCallerIdentity",
                         sts_get_caller_identity_body());
    struct sts_identity id;
    struct rw_err err;
    int ok = s.ok && sts_parse_caller_identity(s.body, s.len, &id, &err) == 0;
    CHECK(ok && strcmp(id.account, "123456789012") == 0, "GetCallerIdentity: %s", s.body);
    if (ok)
        sts_identity_free(&id);
    free(s.body);
}

static void check_logs(struct rw_loop *loop, struct aws_session *ss)
{
    struct logs_filter_req fr = { .group_name = "/ecs/consumer-agent", .stream_prefix = "ecs/app/" };
    char *json;
    struct rw_err err;
    logs_filter_request(&fr, &json, &err);
    struct sync s = call(loop, ss, AWS_SVC_LOGS, AWS_PROTO_JSON_1_1, LOGS_TARGET_FILTER,
                         "FilterLogEvents", json);
    struct logs_page pg;
    int ok = s.ok && logs_parse_filter(s.body, s.len, &pg, &err) == 0;
    CHECK(ok && pg.nevents == 3, "FilterLogEvents: %s", s.body);
    if (ok) {
        CHECK(pg.nevents == 3 && strcmp(pg.events[0].message, "boot") == 0 &&
              strcmp(pg.events[2].message, "{\"level\":\"error\",\"event\":\"upstream timeout\"}") == 0,
              "FilterLogEvents order or bytes");
        struct logs_stream_id sid;
        CHECK(logs_split_awslogs(pg.events[0].stream, "ecs", &sid, &err) == 0 &&
              strncmp(sid.container, "app", sid.container_len) == 0, "stream name split");
        logs_page_free(&pg);
    }
    free(s.body);
    struct logs_describe_req dr = { .group_name = "/ecs/consumer-agent" };
    logs_describe_request(&dr, &json, &err);
    s = call(loop, ss, AWS_SVC_LOGS, AWS_PROTO_JSON_1_1, LOGS_TARGET_DESCRIBE_STREAMS,
             "DescribeLogStreams", json);
    struct logs_stream_list ls;
    ok = s.ok && logs_parse_describe(s.body, s.len, &ls, &err) == 0;
    CHECK(ok && ls.nstreams == 2, "DescribeLogStreams: %s", s.body);
    if (ok)
        logs_stream_list_free(&ls);
    free(s.body);
}

static void check_metrics(struct rw_loop *loop, struct aws_session *ss)
{
    struct cw_dimension dim = { "LoadBalancer", "app/stage-alb/50dc6c495c0c9188" };
    struct cw_query q = { .id = "requests", .namespace_ = "AWS/ApplicationELB", .metric = "RequestCount",
                          .dims = &dim, .ndims = 1, .period_s = 60, .stat = "Sum" };
    int64_t now = time(NULL);
    struct cw_request req = { &q, 1, now - 900, now + 60, 0, NULL };
    char *json;
    struct rw_err err;
    if (cw_request_json(&req, &json, &err) < 0) {
        CHECK(0, "cw_request_json: %s", err.msg);
        return;
    }
    struct sync s = call(loop, ss, AWS_SVC_CLOUDWATCH, AWS_PROTO_JSON_1_0,
                         CW_TARGET_GET_METRIC_DATA, "GetMetricData", json);
    struct cw_result res;
    int ok = s.ok && cw_parse_metric_data(s.body, s.len, &res, &err) == 0;
    const struct cw_series *sr = ok ? cw_result_find(&res, "requests") : NULL;
    double sum = 0;
    for (size_t i = 0; sr && i < sr->n; i++)
        sum += sr->values[i];
    CHECK(sr && sum == 42.0, "GetMetricData RequestCount sum %g: %s", sum, s.body);
    if (ok)
        cw_result_free(&res);
    free(s.body);
}

static void check_stacks(struct rw_loop *loop, struct aws_session *ss)
{
    struct sync s = call(loop, ss, AWS_SVC_CLOUDFORMATION, AWS_PROTO_QUERY, NULL,
                         "DescribeStacks", cfn_describe_stacks_body("cap-production", NULL));
    struct cfn_stacks st;
    struct rw_err err;
    int ok = s.ok && cfn_parse_describe_stacks(s.body, s.len, &st, &err) == 0;
    CHECK(ok && st.n == 1 && strcmp(cfn_stack_output_value(&st.items[0], "ECSClusterName")
                                    ? cfn_stack_output_value(&st.items[0], "ECSClusterName") : "",
                                    "stage-fargate") == 0, "DescribeStacks outputs: %s", s.body);
    if (ok)
        cfn_stacks_free(&st);
    free(s.body);
}

/* The ALB, its target group and the registered target, through the ELBv2 parsers. */
static void check_elbv2(struct rw_loop *loop, struct aws_session *ss)
{
    const char *names[] = { "stage-alb" };
    struct elbv2_lbs_params lp = { .names = names, .nnames = 1 };
    struct rw_err err;
    struct sync s = call(loop, ss, AWS_SVC_ELBV2, AWS_PROTO_QUERY, NULL, "DescribeLoadBalancers",
                         elbv2_describe_load_balancers_body(&lp, &err));
    struct elbv2_load_balancers lbs;
    int ok = s.ok && elbv2_parse_load_balancers(s.body, s.len, &lbs, &err) == 0;
    const char *dim = ok && lbs.n == 1 ? elbv2_lb_dimension(lbs.items[0].arn) : NULL;
    CHECK(dim && strncmp(dim, "app/stage-alb/", 14) == 0, "DescribeLoadBalancers: %s", s.body);
    const char *tg_names[] = { "consumer-agent-tg" }; /* no listener: not tied to the ALB yet */
    struct elbv2_tgs_params tp = { .names = tg_names, .nnames = 1 };
    free(s.body);
    s = call(loop, ss, AWS_SVC_ELBV2, AWS_PROTO_QUERY, NULL, "DescribeTargetGroups",
             elbv2_describe_target_groups_body(&tp, &err));
    struct elbv2_target_groups tgs;
    int tok = s.ok && elbv2_parse_target_groups(s.body, s.len, &tgs, &err) == 0;
    CHECK(tok && tgs.n == 1 && strcmp(tgs.items[0].name, "consumer-agent-tg") == 0 &&
          tgs.items[0].health_check_path && strcmp(tgs.items[0].health_check_path, "/health") == 0,
          "DescribeTargetGroups: %s", s.body);
    free(s.body);
    if (tok && tgs.n) {
        s = call(loop, ss, AWS_SVC_ELBV2, AWS_PROTO_QUERY, NULL, "DescribeTargetHealth",
                 elbv2_describe_target_health_body(tgs.items[0].arn, &err));
        struct elbv2_target_healths th;
        int hok = s.ok && elbv2_parse_target_health(s.body, s.len, &th, &err) == 0;
        CHECK(hok && th.n == 1 && strcmp(th.items[0].id, "10.0.1.10") == 0,
              "DescribeTargetHealth: %s", s.body);
        if (hok)
            elbv2_target_healths_free(&th);
        free(s.body);
        elbv2_target_groups_free(&tgs);
    }
    if (ok)
        elbv2_load_balancers_free(&lbs);
}

struct last { int done; char td[600]; char source[64]; };

static void on_last(const struct ecs_last_good *r, const struct rw_err *err, void *ud)
{
    struct last *l = ud;
    l->done = 1;
    snprintf(l->td, sizeof l->td, "%s", r && r->task_definition ? r->task_definition
                                        : err ? err->msg : "");
    snprintf(l->source, sizeof l->source, "%s", r && r->source ? r->source : "");
}

/* moto does not know the deployment history: the family must answer. */
static void check_rollback_target(struct rw_loop *loop, struct aws_session *ss)
{
    const char *names[] = { "consumer-agent" };
    struct rw_err err;
    struct sync s = call(loop, ss, AWS_SVC_ECS, AWS_PROTO_JSON_1_1,
                         ecs_op_target(ECS_OP_DESCRIBE_SERVICES), "DescribeServices",
                         ecs_build_describe_services("stage-fargate", names, 1, false, &err));
    struct ecs_services svcs;
    if (!s.ok || ecs_parse_describe_services(s.body, s.len, &svcs, &err) < 0 || !svcs.nservices) {
        CHECK(0, "DescribeServices consumer-agent: %s", s.body);
        free(s.body);
        return;
    }
    struct last l = { 0 };
    ecs_last_good_start(ss->client, &svcs.services[0], on_last, &l);
    while (!l.done)
        rw_loop_run_once(loop, 1000);
    CHECK(strstr(l.td, "task-definition/consumer-agent:1") != NULL &&
          strcmp(l.source, "task definition family") == 0, "rollback target: %s (%s)", l.td, l.source);
    ecs_services_free(&svcs);
    free(s.body);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct rw_loop *loop = rw_loop_new();
    struct aws_session *ss;
    struct rw_err err;
    struct aws_session_options o = { .loop = loop };
    if (aws_session_open(&o, &ss, &err) < 0) {
        printf("moto_ops: %s\n", err.msg);
        return 1;
    }
    check_sts(loop, ss);
    check_logs(loop, ss);
    check_metrics(loop, ss);
    check_stacks(loop, ss);
    check_elbv2(loop, ss);
    check_rollback_target(loop, ss);
    aws_session_free(ss);
    rw_loop_free(loop);
    curl_global_cleanup();
    printf("moto_ops: %d passed, %d failed\n", pass, fail);
    return fail ? 1 : 0;
}
