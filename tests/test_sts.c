/* Tests for clients/aws/sts: request bodies (exact strings, form encoding),
 * GetCallerIdentity / AssumeRole / AssumeRoleWithWebIdentity responses from
 * $RW_TESTDATA/sts (default tests/data/sts), and hostile documents. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/sts.h"
#include "core/xmalloc.h"
#include "support/fixture.h"

static void test_sts_get_caller_identity_body_is_action_and_version(void)
{
    char *b = sts_get_caller_identity_body();
    CU_ASSERT_STRING_EQUAL(b, "Action=GetCallerIdentity&Version=2011-06-15");
    free(b);
}

static void test_sts_assume_role_body_encodes_every_value(void)
{
    struct rw_err err;
    struct sts_assume_role_params p = {
        .role_arn = "arn:aws:iam::123456789012:role/deploy-oncall",
        .session_name = "rollwatch jane",
    };
    char *b = sts_assume_role_body(&p, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=AssumeRole&Version=2011-06-15"
                              "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy-oncall"
                              "&RoleSessionName=rollwatch%20jane");
    free(b);
    p.duration_s = 3600;
    p.external_id = "a=b&c+d~e_f.g-h";
    p.serial_number = "arn:aws:iam::123456789012:mfa/jane";
    p.token_code = "123456";
    b = sts_assume_role_body(&p, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=AssumeRole&Version=2011-06-15"
                              "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdeploy-oncall"
                              "&RoleSessionName=rollwatch%20jane&DurationSeconds=3600"
                              "&ExternalId=a%3Db%26c%2Bd~e_f.g-h"
                              "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fjane"
                              "&TokenCode=123456");
    free(b);
    p.external_id = "caf\xc3\xa9";      /* UTF-8 bytes are percent-encoded one by one */
    p.serial_number = p.token_code = NULL;
    p.duration_s = 0;
    b = sts_assume_role_body(&p, &err);
    CU_ASSERT_PTR_NOT_NULL(strstr(b, "&ExternalId=caf%C3%A9"));
    free(b);
}

static void expect_assume_role_usage(struct sts_assume_role_params p, const char *needle)
{
    struct rw_err err;
    rw_err_clear(&err);
    CU_ASSERT_PTR_NULL(sts_assume_role_body(&p, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
}

static void test_sts_assume_role_body_rejects_missing_and_inconsistent_arguments(void)
{
    const char *arn = "arn:aws:iam::123456789012:role/r";
    expect_assume_role_usage((struct sts_assume_role_params){ .session_name = "s" }, "RoleArn");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "" },
                             "RoleSessionName");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "s",
                             .serial_number = "arn:aws:iam::1:mfa/x" }, "TokenCode");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "s",
                             .token_code = "123456" }, "SerialNumber");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "s",
                             .duration_s = 899 }, "DurationSeconds 899");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "s",
                             .duration_s = 43201 }, "DurationSeconds");
    expect_assume_role_usage((struct sts_assume_role_params){ .role_arn = arn, .session_name = "s",
                             .duration_s = -1 }, "DurationSeconds");
}

static void test_sts_web_identity_body_encodes_token_and_requires_it(void)
{
    struct rw_err err;
    struct sts_web_identity_params p = {
        .role_arn = "arn:aws:iam::123456789012:role/rollwatch-ci",
        .session_name = "ci-run-4711",
        .web_identity_token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln/+=",
        .duration_s = 900,
    };
    char *b = sts_assume_role_with_web_identity_body(&p, &err);
    CU_ASSERT_STRING_EQUAL(b, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                              "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Frollwatch-ci"
                              "&RoleSessionName=ci-run-4711"
                              "&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln%2F%2B%3D"
                              "&DurationSeconds=900");
    free(b);
    p.web_identity_token = NULL;
    CU_ASSERT_PTR_NULL(sts_assume_role_with_web_identity_body(&p, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "WebIdentityToken"));
    p.web_identity_token = "tok";
    p.duration_s = 50000;
    CU_ASSERT_PTR_NULL(sts_assume_role_with_web_identity_body(&p, &err));
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
}

static void test_sts_parses_caller_identity_fixture(void)
{
    size_t len;
    char *doc = fixture_load("sts", "get_caller_identity.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct sts_identity id;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sts_parse_caller_identity(doc, len, &id, &err), 0);
    CU_ASSERT_STRING_EQUAL(id.arn, "arn:aws:sts::123456789012:assumed-role/oncall/jane.doe@example.com");
    CU_ASSERT_STRING_EQUAL(id.user_id, "AROA3XFRBF535PLBIFPI4:jane.doe@example.com");
    CU_ASSERT_STRING_EQUAL(id.account, "123456789012");
    sts_identity_free(&id);
    CU_ASSERT_PTR_NULL(id.arn);
    free(doc);
}

static void test_sts_parses_assume_role_credentials_and_user(void)
{
    size_t len;
    char *doc = fixture_load("sts", "assume_role.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct sts_assumed_role r;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sts_parse_assume_role(doc, len, &r, &err), 0);
    CU_ASSERT_STRING_EQUAL(r.creds.access_key, "ASIAIOSFODNN7EXAMPLE");
    CU_ASSERT_STRING_EQUAL(r.creds.secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
    CU_ASSERT_EQUAL(strncmp(r.creds.session_token, "AQoDYXdzEPT//////////wEXAMPLEtc764", 34), 0);
    CU_ASSERT_EQUAL(strlen(r.creds.session_token), 336);
    CU_ASSERT_EQUAL(r.creds.expires_wall_ms, 1795431600000LL); /* 2026-11-23T11:00:00Z */
    CU_ASSERT_STRING_EQUAL(r.arn, "arn:aws:sts::210987654321:assumed-role/deploy-oncall/rollwatch-jane");
    CU_ASSERT_STRING_EQUAL(r.assumed_role_id, "AROA4EXAMPLEROLEID123:rollwatch-jane");
    CU_ASSERT_PTR_NULL(r.subject);
    sts_assumed_role_free(&r);
    CU_ASSERT_PTR_NULL(r.creds.secret_key);
    free(doc);
}

static void test_sts_parses_web_identity_subject_provider_audience(void)
{
    size_t len;
    char *doc = fixture_load("sts", "assume_role_with_web_identity.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct sts_assumed_role r;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sts_parse_assume_role_with_web_identity(doc, len, &r, &err), 0);
    CU_ASSERT_STRING_EQUAL(r.creds.access_key, "ASgeIAIOSFODNN7EXAMPLE");
    CU_ASSERT_STRING_EQUAL(r.creds.secret_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY2");
    CU_ASSERT_STRING_EQUAL(r.creds.session_token, "AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE");
    CU_ASSERT_EQUAL(r.creds.expires_wall_ms, 1795429800000LL); /* 2026-11-23T10:30:00.000Z */
    CU_ASSERT_STRING_EQUAL(r.subject, "system:serviceaccount:deploy:rollwatch");
    CU_ASSERT_STRING_EQUAL(r.audience, "sts.amazonaws.com");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.provider, ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/"));
    CU_ASSERT_STRING_EQUAL(r.arn, "arn:aws:sts::123456789012:assumed-role/rollwatch-ci/ci-run-4711");
    CU_ASSERT_STRING_EQUAL(r.assumed_role_id, "AROACLKWSDQRAOEXAMPLE:ci-run-4711");
    sts_assumed_role_free(&r);
    /* the same document is not an AssumeRoleResponse */
    CU_ASSERT_EQUAL(sts_parse_assume_role(doc, len, &r, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "expected <AssumeRoleResponse>"));
    free(doc);
}

static void test_sts_web_identity_without_subject_leaves_it_null(void)
{
    const char *doc =
        "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>"
        "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
        "<SessionToken>t</SessionToken><Expiration>2026-11-23T10:00:00Z</Expiration></Credentials>"
        "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>"
        "<AssumedRoleId>AROA1:s</AssumedRoleId></AssumedRoleUser>"
        "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>";
    struct sts_assumed_role r;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sts_parse_assume_role_with_web_identity(doc, strlen(doc), &r, &err), 0);
    CU_ASSERT_PTR_NULL(r.subject);
    CU_ASSERT_PTR_NULL(r.provider);
    CU_ASSERT_EQUAL(r.creds.expires_wall_ms, 1795428000000LL);
    sts_assumed_role_free(&r);
}

static void test_sts_rejects_error_response_document(void)
{
    size_t len;
    char *doc = fixture_load("sts", "error_expired_token.xml", &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    struct sts_identity id;
    struct sts_assumed_role r;
    struct rw_err err;
    CU_ASSERT_EQUAL(sts_parse_caller_identity(doc, len, &id, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "AWS error document"));
    CU_ASSERT_PTR_NULL(id.arn);
    CU_ASSERT_EQUAL(sts_parse_assume_role(doc, len, &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NULL(r.creds.access_key);
    CU_ASSERT_EQUAL(sts_parse_assume_role_with_web_identity(doc, len, &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    free(doc);
}

/* AssumeRole must fail on doc with a message containing needle, leaving nothing behind. */
static void expect_assume_role_error(const char *doc, const char *needle)
{
    struct sts_assumed_role r;
    struct rw_err err;
    rw_err_clear(&err);
    CU_ASSERT_EQUAL(sts_parse_assume_role(doc, strlen(doc), &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_PTR_NULL(strstr(err.msg, "SECRETVALUE")); /* secrets never reach a message */
    CU_ASSERT_PTR_NULL(r.creds.access_key);
    CU_ASSERT_PTR_NULL(r.creds.secret_key);
    CU_ASSERT_PTR_NULL(r.arn);
}

#define AR_OPEN "<AssumeRoleResponse><AssumeRoleResult>"
#define AR_CLOSE "</AssumeRoleResult></AssumeRoleResponse>"
#define AR_USER "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>" \
                "<AssumedRoleId>AROA1:s</AssumedRoleId></AssumedRoleUser>"
#define AR_CREDS(exp) "<Credentials><AccessKeyId>ASIA1</AccessKeyId>" \
                      "<SecretAccessKey>SECRETVALUE</SecretAccessKey>" \
                      "<SessionToken>SECRETVALUE</SessionToken><Expiration>" exp \
                      "</Expiration></Credentials>"

static void test_sts_rejects_incomplete_and_malformed_documents(void)
{
    expect_assume_role_error("", "AssumeRole response: XML");
    expect_assume_role_error("<AssumeRoleResponse><AssumeRoleResult>", "AssumeRole response: XML");
    expect_assume_role_error("{\"Credentials\": {}}", "XML");
    expect_assume_role_error("<AssumeRoleResponse/>", "no <AssumeRoleResult>");
    expect_assume_role_error("<GetCallerIdentityResponse/>", "root element is <GetCallerIdentityResponse>");
    expect_assume_role_error(AR_OPEN AR_USER AR_CLOSE, "no Credentials");
    expect_assume_role_error(AR_OPEN AR_USER AR_CREDS("tomorrow") AR_CLOSE,
                             "Expiration \"tomorrow\" is not an ISO-8601 time");
    expect_assume_role_error(AR_OPEN AR_USER AR_CREDS("") AR_CLOSE, "Expiration is missing");
    expect_assume_role_error(AR_OPEN AR_CREDS("2026-11-23T10:00:00Z") AR_CLOSE,
                             "AssumedRoleUser/Arn is missing");
    expect_assume_role_error(AR_OPEN "<Credentials><AccessKeyId>ASIA1</AccessKeyId>"
                             "<SecretAccessKey>SECRETVALUE</SecretAccessKey></Credentials>"
                             AR_USER AR_CLOSE, "SessionToken is missing");
    expect_assume_role_error(AR_OPEN "<Credentials><AccessKeyId></AccessKeyId></Credentials>"
                             AR_USER AR_CLOSE, "AccessKeyId is missing or empty");
    struct sts_identity id;
    struct rw_err err;
    const char *partial = "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>a</Arn>"
                          "<UserId>u</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>";
    CU_ASSERT_EQUAL(sts_parse_caller_identity(partial, strlen(partial), &id, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Account is missing"));
    CU_ASSERT_PTR_NULL(id.arn); /* nothing half-filled survives */
}

void test_sts_register(void)
{
    CU_pSuite s = CU_add_suite("sts", NULL, NULL);
    CU_add_test(s, "GetCallerIdentity body is action and version",
                test_sts_get_caller_identity_body_is_action_and_version);
    CU_add_test(s, "AssumeRole body form-encodes every value",
                test_sts_assume_role_body_encodes_every_value);
    CU_add_test(s, "AssumeRole body rejects missing and inconsistent arguments",
                test_sts_assume_role_body_rejects_missing_and_inconsistent_arguments);
    CU_add_test(s, "web identity body encodes the token and requires it",
                test_sts_web_identity_body_encodes_token_and_requires_it);
    CU_add_test(s, "parses the GetCallerIdentity fixture", test_sts_parses_caller_identity_fixture);
    CU_add_test(s, "parses AssumeRole credentials and assumed-role user",
                test_sts_parses_assume_role_credentials_and_user);
    CU_add_test(s, "parses web identity subject, provider, audience",
                test_sts_parses_web_identity_subject_provider_audience);
    CU_add_test(s, "web identity without a subject leaves it NULL",
                test_sts_web_identity_without_subject_leaves_it_null);
    CU_add_test(s, "rejects an ErrorResponse document", test_sts_rejects_error_response_document);
    CU_add_test(s, "rejects incomplete and malformed documents",
                test_sts_rejects_incomplete_and_malformed_documents);
}
