/* Tests for clients/aws/awserr: both error shapes become one typed error. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "clients/aws/awserr.h"

static void parse(int status, const struct aws_error_headers *h, const char *body,
                  struct aws_error *e)
{
    aws_error_parse(status, h, body, body ? strlen(body) : 0, e);
}

static void test_awserr_json_throttling_is_retryable(void)
{
    struct aws_error e;
    struct aws_error_headers h = { .request_id = "req-1" };
    parse(400, &h, "{\"__type\":\"com.amazonaws.ecs#ThrottlingException\",\"message\":\"Rate exceeded\"}", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "ThrottlingException");
    CU_ASSERT_STRING_EQUAL(e.message, "Rate exceeded");
    CU_ASSERT_STRING_EQUAL(e.request_id, "req-1");
    CU_ASSERT(e.throttled && e.retryable);
    CU_ASSERT_FALSE(e.access_denied);
}

static void test_awserr_json_header_and_query_error_codes(void)
{
    struct aws_error e;
    struct aws_error_headers h = { .error_type = "AccessDeniedException:http://internal.amazon.com/" };
    parse(400, &h, "{\"Message\":\"User is not authorized\"}", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "AccessDeniedException");
    CU_ASSERT_STRING_EQUAL(e.message, "User is not authorized");
    CU_ASSERT(e.access_denied);
    CU_ASSERT_FALSE(e.retryable);
    struct aws_error_headers q = { .query_error = "Throttling;Sender" };
    parse(400, &q, "{\"__type\":\"com.amazonaws.cloudwatch#ThrottlingException\"}", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "Throttling");
    CU_ASSERT(e.throttled);
}

static void test_awserr_query_xml_error(void)
{
    struct aws_error e;
    parse(403, NULL,
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
          "  <Error><Type>Sender</Type><Code>ExpiredToken</Code>\n"
          "    <Message>The security token included in the request is expired</Message></Error>\n"
          "  <RequestId>abc-123</RequestId>\n</ErrorResponse>", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "ExpiredToken");
    CU_ASSERT_STRING_EQUAL(e.request_id, "abc-123");
    CU_ASSERT(e.expired_creds);
    CU_ASSERT_FALSE(e.access_denied);
    CU_ASSERT_FALSE(e.retryable);
}

static void test_awserr_clock_skew_and_server_errors(void)
{
    struct aws_error e;
    parse(400, NULL, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Signature expired: "
                     "20261123T100000Z is now earlier than 20261123T101500Z\"}", &e);
    CU_ASSERT(e.clock_skew);
    parse(403, NULL, "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request "
                     "signature we calculated does not match\"}", &e);
    CU_ASSERT_FALSE(e.clock_skew); /* a wrong signature is not skew */
    parse(503, NULL, "<html>Service Unavailable</html>", &e);
    CU_ASSERT(e.retryable);
    CU_ASSERT_STRING_EQUAL(e.code, "HTTP503");
    parse(429, NULL, NULL, &e);
    CU_ASSERT(e.throttled && e.retryable);
    parse(400, NULL, "{\"__type\":\"ClientException\",\"message\":\"bad\"}", &e);
    CU_ASSERT_FALSE(e.retryable);
}

static void test_awserr_garbage_and_control_characters(void)
{
    struct aws_error e;
    parse(400, NULL, "{\"__type\":\"Bad\\u001b[31mCode\",\"message\":\"line\\nbreak\"}", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "Bad");       /* stops at the escape */
    CU_ASSERT_STRING_EQUAL(e.message, "line");
    parse(400, NULL, "{\"__type\": 5", &e);
    CU_ASSERT_STRING_EQUAL(e.code, "");
    struct rw_err err;
    parse(403, NULL, "{\"__type\":\"UnrecognizedClientException\",\"message\":\"The security token is invalid\"}", &e);
    CU_ASSERT_EQUAL(aws_error_to_err(&e, "DescribeServices", &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_CREDS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "DescribeServices: UnrecognizedClientException"));
}

void test_awserr_register(void)
{
    CU_pSuite s = CU_add_suite("awserr", NULL, NULL);
    CU_add_test(s, "JSON throttling is retryable", test_awserr_json_throttling_is_retryable);
    CU_add_test(s, "codes from x-amzn-ErrorType and x-amzn-query-error", test_awserr_json_header_and_query_error_codes);
    CU_add_test(s, "query XML error", test_awserr_query_xml_error);
    CU_add_test(s, "clock skew and server errors", test_awserr_clock_skew_and_server_errors);
    CU_add_test(s, "garbage and control characters", test_awserr_garbage_and_control_characters);
}
