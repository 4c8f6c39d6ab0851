/* Tests for clients/aws/credparse: credential documents and command lines. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "clients/aws/credparse.h"

static void test_credparse_iso8601(void)
{
    CU_ASSERT_EQUAL(credparse_iso8601("1970-01-01T00:00:00Z"), 0);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-11-23T10:00:00Z"), 1795428000000LL);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-11-23T12:00:00+02:00"), 1795428000000LL);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-11-23T10:00:00.250Z"), 1795428000250LL);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-11-23T10:00:00UTC"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-13-23T10:00:00Z"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-02-30T10:00:00Z"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-02-29T10:00:00Z"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601("2028-02-29T00:00:00Z"), 1835395200000LL);
    CU_ASSERT_EQUAL(credparse_iso8601("2026-04-31T10:00:00Z"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601("yesterday"), -1);
    CU_ASSERT_EQUAL(credparse_iso8601(""), -1);
}

static void test_credparse_process_version_1(void)
{
    const char *ok = "{\"Version\": 1, \"AccessKeyId\": \"ASIAEXAMPLE\", \"SecretAccessKey\": "
                     "\"secret\", \"SessionToken\": \"tok\", \"Expiration\": \"2026-11-23T10:00:00Z\"}";
    struct aws_creds c;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(credparse_process(ok, strlen(ok), &c, &err), 0);
    CU_ASSERT_STRING_EQUAL(c.access_key, "ASIAEXAMPLE");
    CU_ASSERT_STRING_EQUAL(c.secret_key, "secret");
    CU_ASSERT_STRING_EQUAL(c.session_token, "tok");
    CU_ASSERT_EQUAL(c.expires_wall_ms, 1795428000000LL);
    aws_creds_clear(&c);
    const char *noexp = "{\"Version\":1,\"AccessKeyId\":\"AKID\",\"SecretAccessKey\":\"s\"}";
    CU_ASSERT_EQUAL(credparse_process(noexp, strlen(noexp), &c, &err), 0);
    CU_ASSERT_PTR_NULL(c.session_token);
    CU_ASSERT_EQUAL(c.expires_wall_ms, 0); /* long-term keys do not expire */
    aws_creds_clear(&c);
}

static void expect_process_error(const char *doc, const char *needle)
{
    struct aws_creds c;
    struct rw_err err;
    CU_ASSERT_EQUAL(credparse_process(doc, strlen(doc), &c, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_PTR_NULL(c.access_key); /* nothing half-filled survives */
}

static void test_credparse_process_errors(void)
{
    expect_process_error("{\"Version\":2,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"s\"}", "Version");
    expect_process_error("{\"Version\":1,\"AccessKeyId\":\"a\"}", "SecretAccessKey are required");
    expect_process_error("{\"Version\":1,\"AccessKeyId\":\"a\",\"SecretAccessKey\":\"s\","
                         "\"Expiration\":\"soon\"}", "not an ISO-8601");
    expect_process_error("Traceback (most recent call last):", "not a JSON object");
}

static void test_credparse_container_and_imds(void)
{
    const char *doc = "{\"Code\":\"Success\",\"Type\":\"AWS-HMAC\",\"AccessKeyId\":\"ASIA1\","
                      "\"SecretAccessKey\":\"s1\",\"Token\":\"t1\",\"Expiration\":\"2026-11-23T10:00:00Z\"}";
    struct aws_creds c;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(credparse_container(doc, strlen(doc), &c, &err), 0);
    CU_ASSERT_STRING_EQUAL(c.session_token, "t1");
    aws_creds_clear(&c);
    const char *bad = "{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"no role\"}";
    CU_ASSERT_EQUAL(credparse_container(bad, strlen(bad), &c, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_CREDS);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "AssumeRoleUnauthorizedAccess"));
}

static void test_credparse_sso(void)
{
    const char *role = "{\"roleCredentials\":{\"accessKeyId\":\"ASIA2\",\"secretAccessKey\":\"s2\","
                       "\"sessionToken\":\"t2\",\"expiration\":1795428000000}}";
    struct aws_creds c;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(credparse_sso_role(role, strlen(role), &c, &err), 0);
    CU_ASSERT_STRING_EQUAL(c.access_key, "ASIA2");
    CU_ASSERT_EQUAL(c.expires_wall_ms, 1795428000000LL);
    aws_creds_clear(&c);
    const char *tok = "{\"startUrl\":\"https://corp.awsapps.com/start\",\"region\":\"us-east-1\","
                      "\"accessToken\":\"aoa123\",\"expiresAt\":\"2026-11-23T10:00:00Z\"}";
    struct sso_token t;
    CU_ASSERT_EQUAL_FATAL(credparse_sso_token(tok, strlen(tok), &t, &err), 0);
    CU_ASSERT_STRING_EQUAL(t.access_token, "aoa123");
    CU_ASSERT_STRING_EQUAL(t.region, "us-east-1");
    CU_ASSERT_EQUAL(t.expires_wall_ms, 1795428000000LL);
    credparse_sso_token_free(&t);
    CU_ASSERT_EQUAL(credparse_sso_token("{\"accessToken\":\"x\"}", 19, &t, &err), -1);
}

static void expect_argv(const char *cmd, const char *const *want)
{
    struct rw_err err;
    char **argv = credparse_split_command(cmd, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(argv);
    size_t i = 0;
    for (; want[i]; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(argv[i]);
        CU_ASSERT_STRING_EQUAL(argv[i], want[i]);
    }
    CU_ASSERT_PTR_NULL(argv[i]);
    credparse_argv_free(argv);
}

static void test_credparse_split_command_like_sh(void)
{
    expect_argv("/usr/bin/aws-vault exec  prod --json",
                (const char *[]){ "/usr/bin/aws-vault", "exec", "prod", "--json", NULL });
    expect_argv("sh -c 'echo \"$HOME\"; exit 0'",
                (const char *[]){ "sh", "-c", "echo \"$HOME\"; exit 0", NULL });
    expect_argv("\"/opt/my tools/creds\" --profile=a\\ b ''",
                (const char *[]){ "/opt/my tools/creds", "--profile=a b", "", NULL });
    expect_argv("x \"a\\\"b\\\\c\\d\"", (const char *[]){ "x", "a\"b\\c\\d", NULL });
    struct rw_err err;
    CU_ASSERT_PTR_NULL(credparse_split_command("broken 'quote", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unterminated quote"));
    CU_ASSERT_PTR_NULL(credparse_split_command("   ", &err));
}

void test_credparse_register(void)
{
    CU_pSuite s = CU_add_suite("credparse", NULL, NULL);
    CU_add_test(s, "ISO-8601 times", test_credparse_iso8601);
    CU_add_test(s, "credential_process Version 1", test_credparse_process_version_1);
    CU_add_test(s, "credential_process errors", test_credparse_process_errors);
    CU_add_test(s, "container and IMDS documents", test_credparse_container_and_imds);
    CU_add_test(s, "SSO role credentials and token cache", test_credparse_sso);
    CU_add_test(s, "command lines split like sh", test_credparse_split_command_like_sh);
}
