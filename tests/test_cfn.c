/* Tests for clients/aws/cfn: the DescribeStacks body, an ECS deployment
 * stack and a paginated listing from $RW_TESTDATA/cfn (default
 * tests/data/cfn), output and parameter lookups, and hostile documents. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/cfn.h"
#include "core/xmalloc.h"
#include "support/fixture.h"

static void test_cfn_describe_stacks_body_encodes_name_and_token(void)
{
    char *b = cfn_describe_stacks_body(NULL, NULL);
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeStacks&Version=2010-05-15");
    free(b);
    b = cfn_describe_stacks_body("cap-production", "");
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeStacks&Version=2010-05-15&StackName=cap-production");
    free(b);
    b = cfn_describe_stacks_body("arn:aws:cloudformation:eu-west-1:123456789012:stack/cap-production/"
                                 "8a1f3c20-0b4e-11f0", "eyJOZXh0 VG9r=");
    CU_ASSERT_STRING_EQUAL(b, "Action=DescribeStacks&Version=2010-05-15"
                              "&StackName=arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012"
                              "%3Astack%2Fcap-production%2F8a1f3c20-0b4e-11f0"
                              "&NextToken=eyJOZXh0%20VG9r%3D");
    free(b);
}

static void test_cfn_parses_ecs_deployment_stack(void)
{
    size_t len;
    char *doc = fixture_load("cfn", "describe_stacks_ecs.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct cfn_stacks l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(cfn_parse_describe_stacks(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 1);
    CU_ASSERT_PTR_NULL(l.next_token);
    const struct cfn_stack *s = &l.items[0];
    CU_ASSERT_STRING_EQUAL(s->name, "cap-production");
    CU_ASSERT_STRING_EQUAL(s->id, "arn:aws:cloudformation:eu-west-1:123456789012:stack/"
                                  "cap-production/8a1f3c20-0b4e-11f0-9d2a-06b1c4e5f7a9");
    CU_ASSERT_STRING_EQUAL(s->status, "UPDATE_COMPLETE");
    CU_ASSERT_PTR_NULL(s->status_reason);
    CU_ASSERT_EQUAL(s->created_ms, 1772442867511LL);  /* 2026-03-02T09:14:27.511Z */
    CU_ASSERT_EQUAL(s->updated_ms, 1795192923084LL);  /* 2026-11-20T16:42:03.084Z */
    CU_ASSERT_EQUAL(s->noutputs, 7);
    CU_ASSERT_STRING_EQUAL(s->outputs[0].key, "AgentWebURL");
    CU_ASSERT_STRING_EQUAL(s->outputs[0].value,
                           "http://cap-production-alb-1234567890.eu-west-1.elb.amazonaws.com");
    CU_ASSERT_STRING_EQUAL(s->outputs[0].description, "Public-facing solution URL (ALB)");
    CU_ASSERT_PTR_NULL(s->outputs[0].export_name);
    CU_ASSERT_EQUAL(s->nparams, 5);
    CU_ASSERT_STRING_EQUAL(s->params[0].key, "VpcId");
    CU_ASSERT_STRING_EQUAL(s->params[0].value, "vpc-0a1b2c3d4e5f67890");
    CU_ASSERT_STRING_EQUAL(s->params[1].value, "subnet-0123456789abcdef0,subnet-0fedcba9876543210");
    cfn_stacks_free(&l);
    CU_ASSERT_EQUAL(l.n, 0);
    free(doc);
}

static void test_cfn_looks_outputs_and_parameters_up_by_key(void)
{
    size_t len;
    char *doc = fixture_load("cfn", "describe_stacks_ecs.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct cfn_stacks l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(cfn_parse_describe_stacks(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 1);
    const struct cfn_stack *s = &l.items[0];
    CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "ECSClusterName"), "cap-production-cluster");
    CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "ECSServiceName"), "cap-production-svc");
    CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "LogGroupName"), "/ecs/cap-production");
    CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "AgentWebURL"),
                           "http://cap-production-alb-1234567890.eu-west-1.elb.amazonaws.com");
    const struct cfn_output *o = cfn_stack_output(s, "ECSClusterName");
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(o->export_name, "cap-production-ClusterName");
    CU_ASSERT_STRING_EQUAL(o->description, "ECS cluster name");
    o = cfn_stack_output(s, "DeployUserCredentialsCommand");
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    CU_ASSERT_STRING_EQUAL(o->description, "CLI command to retrieve the deploy user access key & secret");
    CU_ASSERT_PTR_NULL(cfn_stack_output(s, "ecsclustername"));     /* keys are case-sensitive */
    CU_ASSERT_PTR_NULL(cfn_stack_output_value(s, "Missing"));
    CU_ASSERT_PTR_NULL(cfn_stack_output(NULL, "AgentWebURL"));
    CU_ASSERT_PTR_NULL(cfn_stack_output(s, NULL));
    const struct cfn_parameter *p = cfn_stack_parameter(s, "DBPassword");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p->value, "****");                      /* NoEcho stays masked */
    CU_ASSERT_STRING_EQUAL(cfn_stack_parameter(s, "AgentName")->value, "Agent");
    CU_ASSERT_PTR_NULL(cfn_stack_parameter(s, "DBName"));
    cfn_stacks_free(&l);
    free(doc);
}

static void test_cfn_parses_a_page_with_next_token_and_rollback_reason(void)
{
    size_t len;
    char *doc = fixture_load("cfn", "describe_stacks_page1.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct cfn_stacks l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(cfn_parse_describe_stacks(doc, len, &l, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l.n, 2);
    CU_ASSERT_STRING_EQUAL(l.next_token, "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ==");
    const struct cfn_stack *s = &l.items[0];
    CU_ASSERT_STRING_EQUAL(s->name, "cap-staging");
    CU_ASSERT_STRING_EQUAL(s->status, "UPDATE_ROLLBACK_COMPLETE");
    CU_ASSERT_PTR_NOT_NULL(strstr(s->status_reason, "ECS Deployment Circuit Breaker was triggered"));
    CU_ASSERT_EQUAL(s->created_ms, 1770811200000LL);
    CU_ASSERT_EQUAL(s->updated_ms, 1795427921207LL);
    CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "ECSClusterName"), "cap-staging-cluster");
    s = &l.items[1];
    CU_ASSERT_STRING_EQUAL(s->name, "shared-network");
    CU_ASSERT_STRING_EQUAL(s->status, "CREATE_COMPLETE");
    CU_ASSERT_EQUAL(s->created_ms, 1751358612004LL);
    CU_ASSERT_EQUAL(s->updated_ms, 0);                   /* never updated */
    CU_ASSERT_EQUAL(s->noutputs, 0);
    CU_ASSERT_EQUAL(s->nparams, 0);
    CU_ASSERT_PTR_NULL(cfn_stack_output(s, "ECSClusterName"));
    char *next = cfn_describe_stacks_body(NULL, l.next_token);
    CU_ASSERT_STRING_EQUAL(next, "Action=DescribeStacks&Version=2010-05-15&NextToken="
                                 "eyJOZXh0VG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ%3D%3D");
    free(next);
    cfn_stacks_free(&l);
    free(doc);
}

static void test_cfn_rejects_error_response_document(void)
{
    size_t len;
    char *doc = fixture_load("cfn", "error_stack_does_not_exist.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct cfn_stacks l;
    struct rw_err err;
    CU_ASSERT_EQUAL(cfn_parse_describe_stacks(doc, len, &l, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "DescribeStacks response: an AWS error document"));
    CU_ASSERT_EQUAL(l.n, 0);
    free(doc);
}

#define DS(stacks) "<DescribeStacksResponse><DescribeStacksResult><Stacks>" stacks \
                   "</Stacks></DescribeStacksResult></DescribeStacksResponse>"
#define STACK_HEAD "<StackName>s</StackName><StackId>arn:aws:cloudformation:r:1:stack/s/1</StackId>" \
                   "<StackStatus>CREATE_COMPLETE</StackStatus>"

/* DescribeStacks must fail on doc with a message containing needle. */
static void expect_error(const char *doc, const char *needle)
{
    struct cfn_stacks l;
    struct rw_err err;
    rw_err_clear(&err);
    CU_ASSERT_EQUAL(cfn_parse_describe_stacks(doc, strlen(doc), &l, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_EQUAL(l.n, 0);
    CU_ASSERT_PTR_NULL(l.items);
}

static void test_cfn_rejects_malformed_and_unexpected_documents(void)
{
    expect_error("", "DescribeStacks response: XML");
    expect_error(DS("<member>" STACK_HEAD), "XML");
    expect_error("<DescribeStackEventsResponse/>", "root element is <DescribeStackEventsResponse>");
    expect_error("<DescribeStacksResponse><ResponseMetadata/></DescribeStacksResponse>",
                 "no <DescribeStacksResult>");
    expect_error(DS("<stack/>"), "<stack> in Stacks, expected <member>");
    expect_error(DS("<member><StackName>s</StackName></member>"), "StackId is missing");
    expect_error(DS("<member>" STACK_HEAD "</member>"), "CreationTime is missing");
    expect_error(DS("<member>" STACK_HEAD "<CreationTime>last week</CreationTime></member>"),
                 "CreationTime \"last week\" is not an ISO-8601 time");
    expect_error(DS("<member>" STACK_HEAD "<CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                    "<LastUpdatedTime>2026-02-10T00:00:00 UTC</LastUpdatedTime></member>"),
                 "LastUpdatedTime");
    expect_error(DS("<member>" STACK_HEAD "<CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                    "<Outputs><member><OutputKey>A</OutputKey></member><member><OutputValue>v"
                    "</OutputValue></member></Outputs></member>"), "Outputs/member: OutputKey");
    expect_error(DS("<member>" STACK_HEAD "<CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                    "<Parameters><Parameter/></Parameters></member>"), "<Parameter> in Parameters");
    expect_error(DS("<member>" STACK_HEAD "<CreationTime>2026-01-01T00:00:00Z</CreationTime>"
                    "<Parameters><member><ParameterValue>v</ParameterValue></member></Parameters>"
                    "</member>"), "ParameterKey is missing");
}

void test_cfn_register(void)
{
    CU_pSuite s = CU_add_suite("cfn", NULL, NULL);
    CU_add_test(s, "DescribeStacks body encodes the name and the token",
                test_cfn_describe_stacks_body_encodes_name_and_token);
    CU_add_test(s, "parses an ECS deployment stack", test_cfn_parses_ecs_deployment_stack);
    CU_add_test(s, "looks outputs and parameters up by key",
                test_cfn_looks_outputs_and_parameters_up_by_key);
    CU_add_test(s, "parses a page with NextToken and a rollback reason",
                test_cfn_parses_a_page_with_next_token_and_rollback_reason);
    CU_add_test(s, "rejects an ErrorResponse document", test_cfn_rejects_error_response_document);
    CU_add_test(s, "rejects malformed and unexpected documents",
                test_cfn_rejects_malformed_and_unexpected_documents);
}
