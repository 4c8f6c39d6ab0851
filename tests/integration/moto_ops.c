/* moto_ops [moto|sim]: the AWS client core's integration checks. It reads
 * what moto.sh put into moto_server (or, with "sim", the fake cloud's
 * bad-deploy world) back through rollwatch's own session, client and parsers:
 * STS GetCallerIdentity (query/XML), Logs FilterLogEvents and
 * DescribeLogStreams (JSON 1.1), CloudWatch GetMetricData (JSON 1.0 with
 * x-amzn-query-mode), CloudFormation DescribeStacks, ELBv2 (load balancer,
 * target group, target health) and the rollback target. Environment as for
 * `rollwatch status`. Prints "moto_ops: N passed, N failed" (or sim_ops). */
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

/* What each emulator holds. */
struct expect {
    const char *name, *cluster, *stream_prefix, *lb, *lb_dim_prefix;
    int streams_min;              /* DescribeLogStreams */
    const char *rollback_td, *rollback_source;
};

static const struct expect moto = { "moto_ops", "stage-fargate", "ecs/app/", "stage-alb",
                                    "app/stage-alb/", 2, "task-definition/consumer-agent:1",
                                    "task definition family" };
static const struct expect sim = { "sim_ops", "demo-fargate", "ecs/consumer-agent/",
                                   "cap-production-alb", "app/cap-production-alb/", 4,
                                   "task-definition/consumer-agent:3", "deployment history" };
static const struct expect *want = &moto;
static char lb_dim[200], tg_dim[200]; /* CloudWatch dimensions, learnt through ELBv2 */

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
    struct logs_filter_req fr = { .group_name = "/ecs/consumer-agent",
                                  .stream_prefix = want->stream_prefix };
    char *json;
    struct rw_err err;
    logs_filter_request(&fr, &json, &err);
    struct sync s = call(loop, ss, AWS_SVC_LOGS, AWS_PROTO_JSON_1_1, LOGS_TARGET_FILTER,
                         "FilterLogEvents", json);
    struct logs_page pg;
    int ok = s.ok && logs_parse_filter(s.body, s.len, &pg, &err) == 0;
    CHECK(ok && (want == &sim ? pg.nevents > 0 : pg.nevents == 3), "FilterLogEvents: %.300s",
          s.body);
    if (ok && want == &sim) {
        int timeouts = 0;
        for (size_t i = 0; i < pg.nevents; i++)
            timeouts += strstr(pg.events[i].message, "upstream timeout") != NULL;
        CHECK(timeouts > 0, "FilterLogEvents: no 'upstream timeout' in bad-deploy's lines");
    } else if (ok) {
        CHECK(pg.nevents == 3 && strcmp(pg.events[0].message, "boot") == 0 &&
              strcmp(pg.events[2].message, "{\"level\":\"error\",\"event\":\"upstream timeout\"}") == 0,
              "FilterLogEvents order or bytes");
    }
    if (ok) {
        struct logs_stream_id sid;
        const char *container = want == &sim ? "consumer-agent" : "app";
        CHECK(pg.nevents && logs_split_awslogs(pg.events[0].stream, "ecs", &sid, &err) == 0 &&
              sid.container_len == strlen(container) &&
              strncmp(sid.container, container, sid.container_len) == 0, "stream name split");
        logs_page_free(&pg);
    }
    free(s.body);
    struct logs_describe_req dr = { .group_name = "/ecs/consumer-agent" };
    logs_describe_request(&dr, &json, &err);
    s = call(loop, ss, AWS_SVC_LOGS, AWS_PROTO_JSON_1_1, LOGS_TARGET_DESCRIBE_STREAMS,
             "DescribeLogStreams", json);
    struct logs_stream_list ls;
    ok = s.ok && logs_parse_describe(s.body, s.len, &ls, &err) == 0;
    CHECK(ok && (int)ls.nstreams >= want->streams_min &&
          (want == &sim || (int)ls.nstreams == want->streams_min), "DescribeLogStreams: %.300s",
          s.body);
    if (ok)
        logs_stream_list_free(&ls);
    free(s.body);
}

static void check_metrics(struct rw_loop *loop, struct aws_session *ss)
{
    /* moto holds one datapoint on the ALB; the sim publishes per target group (both
     * dimensions, as real ALBs do): consumer-agent's ~1 400 requests a minute */
    struct cw_dimension dims[2] = { { "LoadBalancer", "app/stage-alb/50dc6c495c0c9188" },
                                    { "TargetGroup", tg_dim } };
    if (want == &sim)
        dims[0].value = lb_dim;
    struct cw_query q = { .id = "requests", .namespace_ = "AWS/ApplicationELB", .metric = "RequestCount",
                          .dims = dims, .ndims = want == &sim ? 2 : 1, .period_s = 60, .stat = "Sum" };
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
    CHECK(sr && (want == &sim ? sum > 10000 : sum == 42.0), "GetMetricData RequestCount sum %g: %.300s",
          sum, s.body);
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
                                    want->cluster) == 0, "DescribeStacks outputs: %.300s", s.body);
    if (ok)
        cfn_stacks_free(&st);
    free(s.body);
}

/* The ALB, its target group and the registered target, through the ELBv2 parsers. */
static void check_elbv2(struct rw_loop *loop, struct aws_session *ss)
{
    const char *names[] = { want->lb };
    struct elbv2_lbs_params lp = { .names = names, .nnames = 1 };
    struct rw_err err;
    struct sync s = call(loop, ss, AWS_SVC_ELBV2, AWS_PROTO_QUERY, NULL, "DescribeLoadBalancers",
                         elbv2_describe_load_balancers_body(&lp, &err));
    struct elbv2_load_balancers lbs;
    int ok = s.ok && elbv2_parse_load_balancers(s.body, s.len, &lbs, &err) == 0;
    const char *dim = ok && lbs.n == 1 ? elbv2_lb_dimension(lbs.items[0].arn) : NULL;
    CHECK(dim && strncmp(dim, want->lb_dim_prefix, strlen(want->lb_dim_prefix)) == 0,
          "DescribeLoadBalancers: %.300s", s.body);
    snprintf(lb_dim, sizeof lb_dim, "%s", dim ? dim : "");
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
        CHECK(hok && (want == &sim ? th.n >= 4 : th.n == 1 && strcmp(th.items[0].id, "10.0.1.10") == 0),
              "DescribeTargetHealth: %.300s", s.body);
        const char *tgd = strrchr(tgs.items[0].arn, ':');
        snprintf(tg_dim, sizeof tg_dim, "%s", tgd ? tgd + 1 : "");
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
                         ecs_build_describe_services(want->cluster, names, 1, false, &err));
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
    CHECK(strstr(l.td, want->rollback_td) != NULL && strcmp(l.source, want->rollback_source) == 0,
          "rollback target: %s (%s)", l.td, l.source);
    ecs_services_free(&svcs);
    free(s.body);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "sim") == 0)
        want = &sim;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct rw_loop *loop = rw_loop_new();
    struct aws_session *ss;
    struct rw_err err;
    struct aws_session_options o = { .loop = loop };
    if (aws_session_open(&o, &ss, &err) < 0) {
        printf("%s: %s\n", want->name, err.msg);
        return 1;
    }
    check_sts(loop, ss);
    check_logs(loop, ss);
    check_elbv2(loop, ss);
    check_metrics(loop, ss);
    check_stacks(loop, ss);
    check_rollback_target(loop, ss);
    aws_session_free(ss);
    rw_loop_free(loop);
    curl_global_cleanup();
    printf("%s: %d passed, %d failed\n", want->name, pass, fail);
    return fail ? 1 : 0;
}
