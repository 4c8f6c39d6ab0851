/* Tests for core/redact: secrets never reach logs or the screen. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "core/redact.h"

#define SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

static char *r(const char *s)
{
    return rw_redact(s, strlen(s));
}

static void expect_gone(const char *in, const char *secret)
{
    char *out = r(in);
    CU_ASSERT_PTR_NULL(strstr(out, secret));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, RW_REDACTED));
    free(out);
}

static void test_redact_aws_secret_key_shapes(void)
{
    expect_gone("aws_secret_access_key = " SECRET, SECRET);
    expect_gone("{\"SecretAccessKey\":\"" SECRET "\",\"x\":1}", SECRET);
    expect_gone("key is " SECRET " here", SECRET); /* by shape alone */
}

static void test_redact_session_and_bearer_tokens(void)
{
    const char *tok = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6"
                      "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV";
    char buf[512];
    snprintf(buf, sizeof buf, "X-Amz-Security-Token: %s\r\n", tok);
    expect_gone(buf, tok);
    snprintf(buf, sizeof buf, "{\"SessionToken\": \"%s\"}", tok);
    expect_gone(buf, tok);
    expect_gone("Authorization: Bearer abc.def.ghi", "abc.def.ghi");
    expect_gone("Authorization: FlyV1 fm2_lJPECAAAAAAAAOb", "fm2_lJPECAAAAAAAAOb");
    expect_gone("token fm1r_ZXhhbXBsZQ in text", "fm1r_ZXhhbXBsZQ");
    expect_gone("Credential=AKID/2015, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

static void test_redact_xml_elements_and_request_tokens(void)
{
    expect_gone("<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>shortsecret"
                "</SecretAccessKey><SessionToken>shorttoken</SessionToken></Credentials>",
                "shortsecret");
    expect_gone("<SessionToken>shorttoken</SessionToken>", "shorttoken");
    expect_gone("Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJhbGci.payload.sig&x=1",
                "eyJhbGci.payload.sig");
    expect_gone("x-amz-sso_bearer_token: aoa123secret", "aoa123secret");
    expect_gone("Authorization: container-agent-token-123", "container-agent-token-123");
    char *out = r("<AccessKeyId>ASIAX</AccessKeyId>"); /* a key id is not a secret */
    CU_ASSERT_STRING_EQUAL(out, "<AccessKeyId>ASIAX</AccessKeyId>");
    free(out);
}

static void test_redact_registered_secret(void)
{
    rw_redact_register("plain-secret-value");
    expect_gone("the value plain-secret-value leaked", "plain-secret-value");
    rw_redact_reset();
    char *out = r("the value plain-secret-value leaked");
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "plain-secret-value"));
    free(out);
}

static void test_redact_keeps_ordinary_text(void)
{
    const char *in = "GET /v1/apps/demo status=200 in 84ms task 3f2a9b8c "
                     "sha 9fceb02d0ae598e95dc970b74767f19372d61af8 desiredCount=2";
    char *out = r(in);
    CU_ASSERT_STRING_EQUAL(out, in);
    free(out);
}

void test_redact_register(void)
{
    CU_pSuite s = CU_add_suite("redact", NULL, NULL);
    CU_add_test(s, "AWS secret keys by key and by shape", test_redact_aws_secret_key_shapes);
    CU_add_test(s, "session, bearer, Fly tokens and signatures", test_redact_session_and_bearer_tokens);
    CU_add_test(s, "XML elements and request tokens", test_redact_xml_elements_and_request_tokens);
    CU_add_test(s, "registered secrets", test_redact_registered_secret);
    CU_add_test(s, "ordinary text is kept", test_redact_keeps_ordinary_text);
}
