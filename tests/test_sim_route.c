/* Tests for sim/sim_route's newer helpers: form and query parameters, health
 * paths, query-protocol XML errors and the JSON-to-XML error names. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/awserr.h"
#include "sim/sim_route.h"

static void test_sim_route_param(void)
{
    const char *f = "Action=GetCallerIdentity&Version=2011-06-15&Name=a%20b+c&Empty=&Flag"
                    "&XAction=no";
    char v[64];
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Action", v, sizeof v), 0);
    CU_ASSERT_STRING_EQUAL(v, "GetCallerIdentity");
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Name", v, sizeof v), 0);
    CU_ASSERT_STRING_EQUAL(v, "a b c");
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Empty", v, sizeof v), 0);
    CU_ASSERT_STRING_EQUAL(v, "");
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Flag", v, sizeof v), 0);
    CU_ASSERT_STRING_EQUAL(v, "");
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Missing", v, sizeof v), -1);
    CU_ASSERT_EQUAL(sim_route_param(f, strlen(f), "Act", v, sizeof v), -1);
    /* only len bytes count: "Action=Get" */
    CU_ASSERT_EQUAL(sim_route_param(f, 10, "Action", v, sizeof v), 0);
    CU_ASSERT_STRING_EQUAL(v, "Get");
    CU_ASSERT_EQUAL(sim_route_param("a=%zz", 5, "a", v, sizeof v), -1);   /* bad escape */
    CU_ASSERT_EQUAL(sim_route_param("a=%4", 4, "a", v, sizeof v), -1);    /* cut escape */
    CU_ASSERT_EQUAL(sim_route_param("a=%00", 5, "a", v, sizeof v), -1);   /* NUL */
    CU_ASSERT_EQUAL(sim_route_param("a=12345", 7, "a", v, 4), -1);        /* too long */
    CU_ASSERT_EQUAL(sim_route_param(NULL, 0, "a", v, sizeof v), -1);
}

static void test_sim_route_health_path(void)
{
    char s[64];
    CU_ASSERT_EQUAL(sim_route_health_service("/svc/consumer-agent/health", s, sizeof s), 0);
    CU_ASSERT_STRING_EQUAL(s, "consumer-agent");
    const char *bad[] = { "/svc//health", "/svc/a/b/health", "/svc/a/healthz", "/svc/a",
                          "/svc/../health", "/svcx/a/health", "/svc/a b/health", "" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(sim_route_health_service(bad[i], s, sizeof s), -1);
    CU_ASSERT_EQUAL(sim_route_health_service(NULL, s, sizeof s), -1);
    CU_ASSERT_EQUAL(sim_route_health_service("/svc/abcdef/health", s, 4), -1);
}

static void test_sim_route_xml_error(void)
{
    struct sim_reply r = { 0, NULL, NULL, 0 };
    sim_route_set_request_id("rid-1");
    sim_route_xml_error(&r, 400, "sts", "InvalidAction", "a <b> & \"c\"");
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_STRING_EQUAL(r.content_type, "text/xml");
    CU_ASSERT_STRING_EQUAL(r.body, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/"
                           "2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                           "<Message>a &lt;b&gt; &amp; &quot;c&quot;</Message></Error>"
                           "<RequestId>rid-1</RequestId></ErrorResponse>");
    /* the client's own error parser reads it back */
    struct aws_error e;
    aws_error_parse(r.status, NULL, r.body, strlen(r.body), &e);
    CU_ASSERT_STRING_EQUAL(e.code, "InvalidAction");
    free(r.body);
    memset(&r, 0, sizeof r);
    sim_route_fail(&r, 1, "cloudformation", 503, "ServiceUnavailable", "later");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "cloudformation.amazonaws.com/doc/2010-05-15/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Type>Receiver</Type>"));
    free(r.body);
    memset(&r, 0, sizeof r);
    sim_route_fail(&r, 0, "ecs", 400, "ThrottlingException", "Rate exceeded");
    CU_ASSERT_PTR_NULL(r.content_type);
    CU_ASSERT_STRING_EQUAL(r.body, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    free(r.body);
    sim_route_set_request_id(NULL);
    CU_ASSERT_STRING_EQUAL(sim_route_request_id(), "");
}

static void test_sim_route_xml_codes(void)
{
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("ThrottlingException"), "Throttling");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("ExpiredTokenException"), "ExpiredToken");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("UnrecognizedClientException"),
                           "InvalidClientTokenId");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("InvalidSignatureException"),
                           "SignatureDoesNotMatch");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("InternalFailure"), "InternalFailure");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("Exception"), "Exception");
    CU_ASSERT_STRING_EQUAL(sim_route_xml_code("MissingAction"), "MissingAction");
}

void test_sim_route_register(void)
{
    CU_pSuite s = CU_add_suite("sim_route", NULL, NULL);
    CU_add_test(s, "form and query parameters", test_sim_route_param);
    CU_add_test(s, "health endpoint paths", test_sim_route_health_path);
    CU_add_test(s, "query-protocol XML errors", test_sim_route_xml_error);
    CU_add_test(s, "JSON error types to query codes", test_sim_route_xml_codes);
}
