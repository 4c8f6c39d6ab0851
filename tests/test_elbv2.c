/* Tests for clients/aws/elbv2: request bodies (exact strings, member lists,
 * markers), DescribeLoadBalancers / DescribeTargetGroups / DescribeTargetHealth
 * responses from $RW_TESTDATA/elbv2 (default tests/data/elbv2), hostile
 * documents, and the CloudWatch dimensions of ARNs. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/elbv2.h"
#include "core/xmalloc.h"
#include "support/fixture.h"

#define LB_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188"
#define TG_ARN "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/my-tg/73e2d6bc24d8a067"
#define LB_ARN_ENC "arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Aloadbalancer" \
                   "%2Fapp%2Fmy-alb%2F50dc6c495c0c9188"
#define TG_ARN_ENC "arn%3Aaws%3Aelasticloadbalancing%3Aus-east-1%3A123456789012%3Atargetgroup" \
                   "%2Fmy-tg%2F73e2d6bc24d8a067"

static void test_elbv2_describe_load_balancers_body_lists_names_and_marker(void)
{
    struct rw_err err;
    char *b = elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){ 0 }, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeLoadBalancers&Version=2015-12-01");
    free(b);
    const char *names[] = { "stage-consumer-alb", "stage rover" };
    b = elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .names = names, .nnames = 2, .marker = "a/b+c==", .page_size = 20 }, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeLoadBalancers&Version=2015-12-01"
                              "&Names.member.1=stage-consumer-alb&Names.member.2=stage%20rover"
                              "&Marker=a%2Fb%2Bc%3D%3D&PageSize=20");
    free(b);
    const char *arns[] = { LB_ARN };
    b = elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .arns = arns, .narns = 1 }, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeLoadBalancers&Version=2015-12-01"
                              "&LoadBalancerArns.member.1=" LB_ARN_ENC);
    free(b);
}

static void test_elbv2_describe_load_balancers_body_rejects_bad_arguments(void)
{
    struct rw_err err;
    const char *names[] = { "a" }, *arns[] = { LB_ARN }, *empty[] = { "" };
    CU_ASSERT_PTR_NULL(elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .names = names, .nnames = 1, .arns = arns, .narns = 1 }, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not both"));
    CU_ASSERT_PTR_NULL(elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .names = empty, .nnames = 1 }, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NULL(elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .page_size = 401 }, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "PageSize 401"));
    CU_ASSERT_PTR_NULL(elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .page_size = -1 }, &err));
}

static void test_elbv2_describe_target_groups_body_by_each_selector(void)
{
    struct rw_err err;
    char *b = elbv2_describe_target_groups_body(&(struct elbv2_tgs_params){
        .lb_arn = LB_ARN, .marker = "next page" }, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeTargetGroups&Version=2015-12-01"
                              "&LoadBalancerArn=" LB_ARN_ENC "&Marker=next%20page");
    free(b);
    const char *arns[] = { TG_ARN, TG_ARN };
    b = elbv2_describe_target_groups_body(&(struct elbv2_tgs_params){ .arns = arns, .narns = 2 },
                                          &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeTargetGroups&Version=2015-12-01"
                              "&TargetGroupArns.member.1=" TG_ARN_ENC
                              "&TargetGroupArns.member.2=" TG_ARN_ENC);
    free(b);
    const char *names[] = { "consumer-agent-tg" };
    b = elbv2_describe_target_groups_body(&(struct elbv2_tgs_params){
        .names = names, .nnames = 1, .page_size = 400 }, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeTargetGroups&Version=2015-12-01"
                              "&Names.member.1=consumer-agent-tg&PageSize=400");
    free(b);
    CU_ASSERT_PTR_NULL(elbv2_describe_target_groups_body(&(struct elbv2_tgs_params){
        .lb_arn = LB_ARN, .names = names, .nnames = 1 }, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NULL(elbv2_describe_target_groups_body(&(struct elbv2_tgs_params){
        .lb_arn = "" }, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
}

static void test_elbv2_describe_target_health_body_encodes_arn(void)
{
    struct rw_err err;
    char *b = elbv2_describe_target_health_body(TG_ARN, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeTargetHealth&Version=2015-12-01"
                              "&TargetGroupArn=" TG_ARN_ENC);
    free(b);
    CU_ASSERT_PTR_NULL(elbv2_describe_target_health_body(NULL, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NULL(elbv2_describe_target_health_body("", &err));
}

static void test_elbv2_parses_load_balancers_and_follows_the_marker(void)
{
    size_t len;
    char *doc = fixture_load("elbv2", "describe_load_balancers_page1.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct elbv2_load_balancers l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(elbv2_parse_load_balancers(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 2);
    CU_ASSERT_STRING_EQUAL(l.items[0].arn, "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                                           "loadbalancer/app/stage-consumer-alb/50dc6c495c0c9188");
    CU_ASSERT_STRING_EQUAL(l.items[0].name, "stage-consumer-alb");
    CU_ASSERT_STRING_EQUAL(l.items[0].dns_name, "stage-consumer-alb-424835706.us-east-1.elb.amazonaws.com");
    CU_ASSERT_STRING_EQUAL(l.items[0].type, "application");
    CU_ASSERT_STRING_EQUAL(l.items[0].scheme, "internet-facing");
    CU_ASSERT_STRING_EQUAL(l.items[0].state, "active");
    CU_ASSERT_STRING_EQUAL(l.items[1].name, "stage-internal-nlb");
    CU_ASSERT_STRING_EQUAL(l.items[1].type, "network");
    CU_ASSERT_STRING_EQUAL(l.items[1].scheme, "internal");
    CU_ASSERT_STRING_EQUAL(l.items[1].state, "provisioning");
    CU_ASSERT_STRING_EQUAL(l.next_marker, "eyJtYXJrZXIiOiAiYXJuOmF3czplbGFzdGljbG9hZGJhbGFuY2luZyJ9");
    char *next = elbv2_describe_load_balancers_body(&(struct elbv2_lbs_params){
        .marker = l.next_marker }, &err);
    CU_ASSERT_STRING_EQUAL(next, "Action=DescribeLoadBalancers&Version=2015-12-01&Marker="
                                 "eyJtYXJrZXIiOiAiYXJuOmF3czplbGFzdGljbG9hZGJhbGFuY2luZyJ9");
    free(next);
    elbv2_load_balancers_free(&l);
    free(doc);
    doc = fixture_load("elbv2", "describe_load_balancers_last.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(elbv2_parse_load_balancers(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL(l.n, 1);
    CU_ASSERT_STRING_EQUAL(l.items[0].name, "stage-rover-alb");
    CU_ASSERT_PTR_NULL(l.next_marker); /* the last page */
    elbv2_load_balancers_free(&l);
    free(doc);
}

static void test_elbv2_parses_target_groups_with_their_load_balancers(void)
{
    size_t len;
    char *doc = fixture_load("elbv2", "describe_target_groups.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct elbv2_target_groups l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(elbv2_parse_target_groups(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 3);
    const struct elbv2_target_group *tg = &l.items[0];
    CU_ASSERT_STRING_EQUAL(tg->arn, "arn:aws:elasticloadbalancing:us-east-1:123456789012:"
                                    "targetgroup/consumer-agent-tg/73e2d6bc24d8a067");
    CU_ASSERT_STRING_EQUAL(tg->name, "consumer-agent-tg");
    CU_ASSERT_STRING_EQUAL(tg->protocol, "HTTP");
    CU_ASSERT_EQUAL(tg->port, 8080);
    CU_ASSERT_STRING_EQUAL(tg->health_check_path, "/health");
    CU_ASSERT_STRING_EQUAL(tg->target_type, "ip");
    CU_ASSERT_EQUAL_FATAL(tg->nlb_arns, 1);
    CU_ASSERT_STRING_EQUAL(elbv2_lb_dimension(tg->lb_arns[0]), "app/stage-consumer-alb/50dc6c495c0c9188");
    tg = &l.items[1];
    CU_ASSERT_STRING_EQUAL(tg->protocol, "TCP");
    CU_ASSERT_EQUAL(tg->port, 20001);
    CU_ASSERT_PTR_NULL(tg->health_check_path); /* TCP health checks have no path */
    CU_ASSERT_EQUAL_FATAL(tg->nlb_arns, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(tg->lb_arns[1], "loadbalancer/net/stage-internal-nlb-b/"));
    tg = &l.items[2];
    CU_ASSERT_STRING_EQUAL(tg->name, "thumbnailer-fn");
    CU_ASSERT_STRING_EQUAL(tg->target_type, "lambda");
    CU_ASSERT_PTR_NULL(tg->protocol);
    CU_ASSERT_EQUAL(tg->port, 0);
    CU_ASSERT_EQUAL(tg->nlb_arns, 0);
    CU_ASSERT_STRING_EQUAL(l.next_marker, "AAEAAQAAAAEAAAAAXg8XJHjyw4oXRmlq5EXAMPLE");
    elbv2_target_groups_free(&l);
    free(doc);
}

static void test_elbv2_parses_healthy_unhealthy_and_draining_targets(void)
{
    size_t len;
    char *doc = fixture_load("elbv2", "describe_target_health.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct elbv2_target_healths l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(elbv2_parse_target_health(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 3);
    const struct elbv2_target_health *t = &l.items[0];
    CU_ASSERT_STRING_EQUAL(t->id, "10.0.2.47");
    CU_ASSERT_EQUAL(t->port, 8080);
    CU_ASSERT_STRING_EQUAL(t->az, "us-east-1a");
    CU_ASSERT_STRING_EQUAL(t->health_check_port, "8080");
    CU_ASSERT_STRING_EQUAL(t->state, "healthy");
    CU_ASSERT_PTR_NULL(t->reason);
    CU_ASSERT_PTR_NULL(t->description);
    t = &l.items[1];
    CU_ASSERT_STRING_EQUAL(t->id, "10.0.3.112");
    CU_ASSERT_STRING_EQUAL(t->az, "us-east-1b");
    CU_ASSERT_STRING_EQUAL(t->state, "unhealthy");
    CU_ASSERT_STRING_EQUAL(t->reason, "Target.ResponseCodeMismatch");
    CU_ASSERT_STRING_EQUAL(t->description, "Health checks failed with these codes: [502]");
    t = &l.items[2];
    CU_ASSERT_STRING_EQUAL(t->id, "10.0.2.18");
    CU_ASSERT_STRING_EQUAL(t->state, "draining");
    CU_ASSERT_STRING_EQUAL(t->reason, "Target.DeregistrationInProgress");
    CU_ASSERT_STRING_EQUAL(t->description, "Target deregistration is in progress");
    elbv2_target_healths_free(&l);
    CU_ASSERT_EQUAL(l.n, 0);
    free(doc);
}

static void test_elbv2_empty_lists_parse_to_no_items(void)
{
    const char *doc = "<DescribeTargetHealthResponse><DescribeTargetHealthResult>"
                      "<TargetHealthDescriptions/></DescribeTargetHealthResult>"
                      "</DescribeTargetHealthResponse>";
    struct elbv2_target_healths l;
    struct rw_err err;
    CU_ASSERT_EQUAL(elbv2_parse_target_health(doc, strlen(doc), &l, &err), 0);
    CU_ASSERT_EQUAL(l.n, 0);
    CU_ASSERT_PTR_NULL(l.items);
    elbv2_target_healths_free(&l);
    const char *lbs = "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult>"
                      "<LoadBalancers/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>";
    struct elbv2_load_balancers lb;
    CU_ASSERT_EQUAL(elbv2_parse_load_balancers(lbs, strlen(lbs), &lb, &err), 0);
    CU_ASSERT_EQUAL(lb.n, 0);
    CU_ASSERT_PTR_NULL(lb.next_marker);
    elbv2_load_balancers_free(&lb);
}

static void test_elbv2_rejects_error_response_document(void)
{
    size_t len;
    char *doc = fixture_load("elbv2", "error_target_group_not_found.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct elbv2_load_balancers lb;
    struct elbv2_target_groups tg;
    struct elbv2_target_healths th;
    struct rw_err err;
    CU_ASSERT_EQUAL(elbv2_parse_load_balancers(doc, len, &lb, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_EQUAL(elbv2_parse_target_groups(doc, len, &tg, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_EQUAL(elbv2_parse_target_health(doc, len, &th, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "DescribeTargetHealth response: an AWS error document"));
    CU_ASSERT_EQUAL(th.n, 0);
    free(doc);
}

#define TH_DOC(members) "<DescribeTargetHealthResponse><DescribeTargetHealthResult>" \
    "<TargetHealthDescriptions>" members "</TargetHealthDescriptions>" \
    "</DescribeTargetHealthResult></DescribeTargetHealthResponse>"
#define TH_OK "<member><Target><Id>10.0.0.1</Id><Port>80</Port></Target>" \
              "<TargetHealth><State>healthy</State></TargetHealth></member>"

/* DescribeTargetHealth must fail on doc with a message containing needle. */
static void expect_th_error(const char *doc, const char *needle)
{
    struct elbv2_target_healths l;
    struct rw_err err;
    rw_err_clear(&err);
    CU_ASSERT_EQUAL(elbv2_parse_target_health(doc, strlen(doc), &l, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_EQUAL(l.n, 0);
    CU_ASSERT_PTR_NULL(l.items);
}

static void test_elbv2_rejects_malformed_and_unexpected_documents(void)
{
    expect_th_error("", "DescribeTargetHealth response: XML");
    expect_th_error(TH_DOC(TH_OK "<member><Target><Id>x</Id>"), "XML");
    expect_th_error("<DescribeTargetHealthResponse/>", "no <DescribeTargetHealthResult>");
    expect_th_error("<DescribeTargetGroupsResponse><DescribeTargetGroupsResult/>"
                    "</DescribeTargetGroupsResponse>", "root element is <DescribeTargetGroupsResponse>");
    expect_th_error(TH_DOC(TH_OK "<item/>"), "<item> in TargetHealthDescriptions, expected <member>");
    expect_th_error(TH_DOC(TH_OK "<member><TargetHealth><State>healthy</State></TargetHealth>"
                           "</member>"), "Target/Id is missing");
    expect_th_error(TH_DOC("<member><Target><Id>i-1</Id></Target></member>"),
                    "TargetHealth/State is missing");
    const char *ports[] = { "80x", "0", "70000", "", "-80", "99999999999999999999" };
    for (size_t i = 0; i < sizeof ports / sizeof *ports; i++) {
        char *doc = xasprintf(TH_DOC("<member><Target><Id>i-1</Id><Port>%s</Port></Target>"
                                     "<TargetHealth><State>healthy</State></TargetHealth></member>"),
                              ports[i]);
        expect_th_error(doc, "is not a port");
        free(doc);
    }
    struct elbv2_target_groups tg;
    struct rw_err err;
    const char *no_arn = "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups>"
                         "<member><TargetGroupName>x</TargetGroupName></member></TargetGroups>"
                         "</DescribeTargetGroupsResult></DescribeTargetGroupsResponse>";
    CU_ASSERT_EQUAL(elbv2_parse_target_groups(no_arn, strlen(no_arn), &tg, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "TargetGroupArn is missing"));
    const char *empty_lb = "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult><TargetGroups>"
                           "<member><TargetGroupArn>a</TargetGroupArn><TargetGroupName>x"
                           "</TargetGroupName><LoadBalancerArns><member>lb</member><member/>"
                           "</LoadBalancerArns></member></TargetGroups>"
                           "</DescribeTargetGroupsResult></DescribeTargetGroupsResponse>";
    CU_ASSERT_EQUAL(elbv2_parse_target_groups(empty_lb, strlen(empty_lb), &tg, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "an empty LoadBalancerArns/member"));
    CU_ASSERT_PTR_NULL(tg.items);
}

static void test_elbv2_dimensions_come_from_arns(void)
{
    CU_ASSERT_STRING_EQUAL(elbv2_lb_dimension(LB_ARN), "app/my-alb/50dc6c495c0c9188");
    CU_ASSERT_STRING_EQUAL(elbv2_tg_dimension(TG_ARN), "targetgroup/my-tg/73e2d6bc24d8a067");
    CU_ASSERT_STRING_EQUAL(elbv2_lb_dimension("arn:aws-cn:elasticloadbalancing:cn-north-1:1:"
                                              "loadbalancer/net/my-nlb/1f5a4b3c2d1e0f9a"),
                           "net/my-nlb/1f5a4b3c2d1e0f9a");
    const char *arn = LB_ARN;
    CU_ASSERT_PTR_EQUAL(elbv2_lb_dimension(arn), arn + strlen(arn) - strlen("app/my-alb/50dc6c495c0c9188"));
    CU_ASSERT_PTR_NULL(elbv2_lb_dimension(TG_ARN));
    CU_ASSERT_PTR_NULL(elbv2_tg_dimension(LB_ARN));
    const char *bad[] = {
        NULL, "", "app/my-alb/50dc6c495c0c9188", "arn:aws:elasticloadbalancing:us-east-1:1:",
        "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
        "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/my-classic-elb",
        "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app//50dc6c495c0c9188",
        "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/my-alb/",
        "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/my-alb/5/extra",
        "arn:aws:ecs:us-east-1:1:loadbalancer/app/my-alb/50dc6c495c0c9188",
        "arn::elasticloadbalancing:us-east-1:1:loadbalancer/app/my-alb/50dc6c495c0c9188",
        "arn:aws:elasticloadbalancingx:us-east-1:1:loadbalancer/app/my-alb/50dc6c495c0c9188",
        "arn:aws:elasticloadbalancing:us-east-1:loadbalancer/app/my-alb/50dc6c495c0c9188",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_PTR_NULL(elbv2_lb_dimension(bad[i]));
    CU_ASSERT_PTR_NULL(elbv2_tg_dimension("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/my-tg"));
    CU_ASSERT_PTR_NULL(elbv2_tg_dimension("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/a/b/c"));
}

void test_elbv2_register(void)
{
    CU_pSuite s = CU_add_suite("elbv2", NULL, NULL);
    CU_add_test(s, "DescribeLoadBalancers body lists names, ARNs and the marker",
                test_elbv2_describe_load_balancers_body_lists_names_and_marker);
    CU_add_test(s, "DescribeLoadBalancers body rejects bad arguments",
                test_elbv2_describe_load_balancers_body_rejects_bad_arguments);
    CU_add_test(s, "DescribeTargetGroups body by each selector",
                test_elbv2_describe_target_groups_body_by_each_selector);
    CU_add_test(s, "DescribeTargetHealth body encodes the ARN",
                test_elbv2_describe_target_health_body_encodes_arn);
    CU_add_test(s, "parses load balancers and follows the marker",
                test_elbv2_parses_load_balancers_and_follows_the_marker);
    CU_add_test(s, "parses target groups with their load balancers",
                test_elbv2_parses_target_groups_with_their_load_balancers);
    CU_add_test(s, "parses healthy, unhealthy and draining targets",
                test_elbv2_parses_healthy_unhealthy_and_draining_targets);
    CU_add_test(s, "empty lists parse to no items", test_elbv2_empty_lists_parse_to_no_items);
    CU_add_test(s, "rejects an ErrorResponse document", test_elbv2_rejects_error_response_document);
    CU_add_test(s, "rejects malformed and unexpected documents",
                test_elbv2_rejects_malformed_and_unexpected_documents);
    CU_add_test(s, "CloudWatch dimensions come from ARNs", test_elbv2_dimensions_come_from_arns);
}
