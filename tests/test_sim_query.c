/* Tests for sim/sim_query, sim/sim_xml, sim/sim_sts and sim/sim_cfn: the
 * form decoder, the escaping XML writer, the dispatcher's error replies, and
 * STS and CloudFormation replies read back by rollwatch's own parsers. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/awserr.h"
#include "clients/aws/cfn.h"
#include "clients/aws/elbv2.h"
#include "clients/aws/sts.h"
#include "clients/aws/xml.h"
#include "sim/sim_elb.h"
#include "sim/sim_query.h"
#include "sim/sim_xml.h"

#define START 1795000000000LL

static int64_t fake_now = START;
static int64_t fake_clock(void) { return fake_now; }

static void test_sim_query_form_decodes(void)
{
    struct sim_form f;
    const char *body = "Action=Get%20It&b=1+2&c&=empty&d=%2Fx%2fy&b=last&e=";
    CU_ASSERT_EQUAL_FATAL(sim_query_parse_form(body, strlen(body), &f), 0);
    CU_ASSERT_EQUAL(f.n, 7);
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "Action"), "Get It");
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "b"), "last"); /* the last one wins */
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "c"), "");
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, ""), "empty");
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "d"), "/x/y");
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "e"), "");
    CU_ASSERT_PTR_NULL(sim_query_get(&f, "missing"));
    CU_ASSERT_STRING_EQUAL(sim_query_getf(&f, "%c", 'd'), "/x/y");
    sim_query_form_free(&f);
    /* only len bytes count; && and a trailing & are harmless */
    CU_ASSERT_EQUAL_FATAL(sim_query_parse_form("a=1&&b=2&XYZ", 8, &f), 0);
    CU_ASSERT_EQUAL(f.n, 2);
    CU_ASSERT_STRING_EQUAL(sim_query_get(&f, "b"), "2");
    sim_query_form_free(&f);
    CU_ASSERT_EQUAL(sim_query_parse_form(NULL, 0, &f), 0);
    CU_ASSERT_EQUAL(f.n, 0);
    sim_query_form_free(&f);
}

static void test_sim_query_form_rejects(void)
{
    const char *bad[] = { "a=%", "a=%4", "a=%G0", "a=%0g", "%zz=1", "a=%00", "a=1&b=x%2" };
    struct sim_form f;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_EQUAL(sim_query_parse_form(bad[i], strlen(bad[i]), &f), -1);
        CU_ASSERT_EQUAL(f.n, 0);
        CU_ASSERT_PTR_NULL(f.pairs);
    }
    CU_ASSERT_EQUAL(sim_query_parse_form("a=b\0c", 5, &f), -1); /* a raw NUL */
    size_t n = (SIM_FORM_MAX_PAIRS + 1) * 2;
    char *many = malloc(n + 1);
    for (size_t i = 0; i < n; i += 2)
        many[i] = 'k', many[i + 1] = '&';
    CU_ASSERT_EQUAL(sim_query_parse_form(many, n, &f), -1);
    CU_ASSERT_EQUAL(sim_query_parse_form(many, n - 2, &f), 0);
    CU_ASSERT_EQUAL(f.n, SIM_FORM_MAX_PAIRS);
    sim_query_form_free(&f);
    free(many);
}

static void test_sim_query_members(void)
{
    struct sim_form f;
    const char *body = "L.member.1.Id=a&L.member.2=x&L.member.3.Id=c&L.member.10.Id=j"
                       "&L.member.1!=bang&M.member.2.Id=b&N.member.1=";
    CU_ASSERT_EQUAL_FATAL(sim_query_parse_form(body, strlen(body), &f), 0);
    CU_ASSERT_EQUAL(sim_query_members(&f, "L"), 3); /* 10 is not after 3 */
    CU_ASSERT_EQUAL(sim_query_members(&f, "M"), 0); /* no 1 */
    CU_ASSERT_EQUAL(sim_query_members(&f, "N"), 1);
    CU_ASSERT_EQUAL(sim_query_members(&f, "Nope"), 0);
    CU_ASSERT_STRING_EQUAL(sim_query_getf(&f, "L.member.%d.Id", 3), "c");
    sim_query_form_free(&f);
}

/* Whether <r>s</r> parses and its text is want. */
static int round_trips(const char *s, const char *want)
{
    struct sim_xml x;
    sim_xml_init(&x);
    sim_xml_open(&x, "r");
    sim_xml_escaped(&x, s);
    sim_xml_close(&x, "r");
    char *doc = sim_xml_take(&x);
    struct xml_node *root;
    struct rw_err err;
    int ok = xml_parse(doc, strlen(doc), &root, &err) == 0;
    ok = ok && strcmp(root->text, want) == 0;
    if (ok)
        xml_free(root);
    free(doc);
    return ok;
}

static void test_sim_xml_escapes(void)
{
    char *e = sim_xml_escape("a<b>&\"c'\r");
    CU_ASSERT_STRING_EQUAL(e, "a&lt;b&gt;&amp;&quot;c&apos;&#13;");
    free(e);
    e = sim_xml_escape("\x01ok\x1f\xc3\xa9\xff\xc3(\xed\xa0\x80\xef\xbf\xbf");
    CU_ASSERT_STRING_EQUAL(e, "\xef\xbf\xbdok\xef\xbf\xbd\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd("
                              "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                              "\xef\xbf\xbd");
    free(e);
    CU_ASSERT_TRUE(round_trips("x < y && y > z \"quoted\" 'single' ]]>",
                               "x < y && y > z \"quoted\" 'single' ]]>"));
    CU_ASSERT_TRUE(round_trips("\xf0\x9f\x9a\x80 tab\there", "\xf0\x9f\x9a\x80 tab\there"));
    CU_ASSERT_TRUE(round_trips("bell\a esc\x1b[31m", "bell\xef\xbf\xbd esc\xef\xbf\xbd[31m"));
    struct sim_xml x;
    sim_xml_init(&x);
    sim_xml_open_ns(&x, "R", "urn:\"q\"");
    sim_xml_elem(&x, "A", NULL);
    sim_xml_elemf(&x, "B", "%d<%s", 1, "2");
    sim_xml_close(&x, "R");
    char *doc = sim_xml_take(&x);
    CU_ASSERT_STRING_EQUAL(doc, "<R xmlns=\"urn:&quot;q&quot;\"><B>1&lt;2</B></R>");
    free(doc);
}

static struct sim_world world;

static int setup(void)
{
    if (sim_world_init(&world, "steady", START, 42, 1) < 0)
        return -1;
    world.clock = fake_clock;
    return 0;
}

static int teardown(void)
{
    sim_world_destroy(&world);
    return 0;
}

/* Send body to service; the reply (free r->body). */
static void call(const char *service, const char *body, struct sim_reply *r)
{
    sim_query_handle(&world, service, body, body ? strlen(body) : 0, r);
    CU_ASSERT_STRING_EQUAL(r->content_type, "text/xml");
}

/* The error code of an ErrorResponse reply, checked to be status. */
static void expect_error(const char *service, const char *body, int status, const char *code)
{
    struct sim_reply r;
    struct aws_error e;
    call(service, body, &r);
    aws_error_parse(r.status, NULL, r.body, strlen(r.body), &e);
    CU_ASSERT_EQUAL(r.status, status);
    CU_ASSERT_STRING_EQUAL(e.code, code);
    CU_ASSERT_EQUAL(strlen(e.request_id), 36);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Type>Sender</Type>"));
    free(r.body);
}

static void test_sim_query_errors(void)
{
    expect_error("sts", "Action=AssumeRoot&Version=2011-06-15", 400, "InvalidAction");
    expect_error("sts", "Version=2011-06-15", 400, "MissingAction");
    expect_error("sts", "Action=GetCallerIdentity&Version=2010-01-01", 400, "InvalidAction");
    expect_error("sts", "Action=GetCallerIdentity&Version=%zz", 400, "MalformedQueryString");
    expect_error("s3", "Action=ListBuckets", 400, "InvalidAction");
    expect_error(NULL, "Action=ListBuckets", 400, "InvalidAction");
    expect_error("elasticloadbalancing", "Action=GetCallerIdentity", 400, "InvalidAction");
    expect_error("monitoring", "Action=PutMetricData&Version=2010-08-01", 400, "InvalidAction");
    expect_error("cloudformation", NULL, 400, "MissingAction");
}

static void test_sim_query_sts_identity(void)
{
    struct sim_reply r;
    char *body = sts_get_caller_identity_body();
    call("sts", body, &r);
    free(body);
    CU_ASSERT_EQUAL(r.status, 200);
    struct sts_identity id;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sts_parse_caller_identity(r.body, strlen(r.body), &id, &err), 0);
    CU_ASSERT_STRING_EQUAL(id.account, "123456789012");
    CU_ASSERT_STRING_EQUAL(id.arn, "arn:aws:iam::123456789012:user/rollwatch-sim");
    CU_ASSERT_EQUAL(strncmp(id.user_id, "AIDA", 4), 0);
    CU_ASSERT_EQUAL(strlen(id.user_id), 21);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<ResponseMetadata><RequestId>"));
    sts_identity_free(&id);
    free(r.body);
}

static void test_sim_query_cfn_stack(void)
{
    struct sim_reply r;
    struct cfn_stacks st;
    struct rw_err err;
    const char *names[] = { NULL, "cap-production",
                            "arn:aws:cloudformation:us-east-1:123456789012:stack/cap-production/"
                            "8a1f3c20-0b4e-11f0-9d2a-5e1a7a96e700" };
    for (size_t i = 0; i < 3; i++) {
        char *body = cfn_describe_stacks_body(names[i], NULL);
        call("cloudformation", body, &r);
        free(body);
        CU_ASSERT_EQUAL(r.status, 200);
        CU_ASSERT_EQUAL_FATAL(cfn_parse_describe_stacks(r.body, strlen(r.body), &st, &err), 0);
        free(r.body);
        CU_ASSERT_EQUAL_FATAL(st.n, 1);
        const struct cfn_stack *s = &st.items[0];
        CU_ASSERT_STRING_EQUAL(s->name, "cap-production");
        CU_ASSERT_STRING_EQUAL(s->status, "UPDATE_COMPLETE");
        CU_ASSERT_TRUE(s->created_ms < s->updated_ms && s->updated_ms < START);
        CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "ECSClusterName"), "demo-fargate");
        CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "ECSServiceName"), "consumer-agent");
        CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "LogGroupName"), "/ecs/consumer-agent");
        char dns[160], url[200];
        sim_elb_dns_name(&world, dns, sizeof dns);
        snprintf(url, sizeof url, "http://%s", dns);
        CU_ASSERT_STRING_EQUAL(cfn_stack_output_value(s, "AgentWebURL"), url);
        CU_ASSERT_STRING_EQUAL(cfn_stack_parameter(s, "DBPassword")->value, "****");
        cfn_stacks_free(&st);
    }
    char *body = cfn_describe_stacks_body("cap-prod", NULL);
    call("cloudformation", body, &r);
    free(body);
    struct aws_error e;
    aws_error_parse(r.status, NULL, r.body, strlen(r.body), &e);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_STRING_EQUAL(e.code, "ValidationError");
    CU_ASSERT_STRING_EQUAL(e.message, "Stack with id cap-prod does not exist");
    CU_ASSERT_EQUAL(cfn_parse_describe_stacks(r.body, strlen(r.body), &st, &err), -1);
    free(r.body);
}

static void test_sim_query_time(void)
{
    char s[40];
    sim_query_time(START, 0, s, sizeof s);
    CU_ASSERT_STRING_EQUAL(s, "2026-11-18T11:06:40Z");
    sim_query_time(START + 7, 1, s, sizeof s);
    CU_ASSERT_STRING_EQUAL(s, "2026-11-18T11:06:40.007Z");
    sim_query_time(0, 1, s, sizeof s);
    CU_ASSERT_STRING_EQUAL(s, "1970-01-01T00:00:00.000Z");
}

void test_sim_query_register(void)
{
    CU_pSuite s = CU_add_suite("sim_query", NULL, NULL);
    CU_add_test(s, "form bodies decode (+, %XX, repeats, empty parts)",
                test_sim_query_form_decodes);
    CU_add_test(s, "bad escapes, NULs and too many pairs are refused",
                test_sim_query_form_rejects);
    CU_add_test(s, "list members are counted from 1 without gaps", test_sim_query_members);
    CU_add_test(s, "the XML writer escapes text and drops what XML cannot hold",
                test_sim_xml_escapes);
    CU_add_test(s, "ISO-8601 times", test_sim_query_time);
    CU_pSuite w = CU_add_suite("sim_query_world", setup, teardown);
    CU_add_test(w, "unknown action, version, service; missing action; bad form",
                test_sim_query_errors);
    CU_add_test(w, "GetCallerIdentity parses with sts_parse_caller_identity",
                test_sim_query_sts_identity);
    CU_add_test(w, "DescribeStacks parses with cfn_parse_describe_stacks; unknown stack",
                test_sim_query_cfn_stack);
}
