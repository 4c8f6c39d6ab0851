/* Tests for clients/aws/creds: each source of the chain, with files in a temp
 * HOME, a fake credential_process script, and loopback servers standing in for
 * the container endpoint, IMDS and the SSO portal. Nothing leaves loopback. */
#include <CUnit/CUnit.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/creds_fixture.h"
#include "support/loopback.h"

static void test_creds_environment_first(void)
{
    setup(NULL, "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ACCESS_KEY_ID", "AKIDENV",
                        "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "tok", NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve(NULL);
    check(&o, "environment", "AKIDENV", "tok");
}

static void test_creds_explicit_profile_skips_environment(void)
{
    setup("[profile stage]\nregion = eu-west-1\n",
          "[stage]\naws_access_key_id = AKIDSTAGE\naws_secret_access_key = s\n");
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ACCESS_KEY_ID", "AKIDENV",
                        "AWS_SECRET_ACCESS_KEY", "stale", NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve("stage"); /* a stale key in the env never wins */
    check(&o, "shared credentials file", "AKIDSTAGE", NULL);
    o = resolve("nosuch");
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "profile 'nosuch' is in neither"));
}

static void test_creds_aws_profile_and_config_keys(void)
{
    setup("[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = s\n", NULL);
    envv[2] = "AWS_PROFILE";
    envv[3] = "cfg";
    struct outcome o = resolve(NULL);
    check(&o, "config file", "AKIDCFG", NULL);
}

static void write_script(const char *name, const char *body, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", home, name);
    FILE *fp = fopen(path, "w");
    fprintf(fp, "#!/bin/sh\n%s\n", body);
    fclose(fp);
    chmod(path, 0700);
}

/* Point the default profile's credential_process at a script with this body. */
static void use_process(const char *body, const char *args)
{
    char script[256], cfg[512];
    write_script("creds helper", body, script, sizeof script);
    snprintf(cfg, sizeof cfg, "%s/.aws/config", home);
    FILE *fp = fopen(cfg, "w");
    fprintf(fp, "[default]\ncredential_process = \"%s\" %s\n", script, args);
    fclose(fp);
}

static void test_creds_credential_process(void)
{
    setup(NULL, NULL);
    /* the script checks it got its arguments split like sh, not a shell line */
    use_process("[ \"$2\" = 'two words' ] || exit 9\n"
                "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROC\", \"SecretAccessKey\": \"s\", "
                "\"SessionToken\": \"ptok\", \"Expiration\": \"2099-01-01T00:00:00Z\"}'",
                "--arg 'two words'");
    struct outcome o = resolve(NULL);
    check(&o, "credential_process", "ASIAPROC", "ptok");
}

static void test_creds_credential_process_failures(void)
{
    setup(NULL, NULL);
    const char *bodies[] = { "echo oops >&2; exit 3", "echo 'not json'" };
    const char *want[] = { "credential_process exited 3", "not a JSON object" };
    for (int i = 0; i < 2; i++) {
        use_process(bodies[i], "");
        struct outcome o = resolve(NULL);
        CU_ASSERT_FALSE(o.ok);
        CU_ASSERT(o.err.code == RW_E_CREDS || o.err.code == RW_E_PARSE);
        CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, want[i]));
    }
}

#define DOC "{\"Code\":\"Success\",\"AccessKeyId\":\"ASIANET\",\"SecretAccessKey\":\"s\"," \
            "\"Token\":\"ntok\",\"Expiration\":\"2099-01-01T00:00:00Z\"}"

static void test_creds_container_endpoint_with_token_file(void)
{
    setup(NULL, NULL);
    static const struct lb_response script[] = { { 200, DOC, NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    char url[96], tokfile[256];
    snprintf(url, sizeof url, "%s/v2/credentials/abc", lb_url(s));
    snprintf(tokfile, sizeof tokfile, "%s/token", home);
    FILE *fp = fopen(tokfile, "w");
    fputs("Bearer-from-file\n", fp);
    fclose(fp);
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        url, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokfile,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable", NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve(NULL);
    check(&o, "container credentials endpoint", "ASIANET", "ntok");
    CU_ASSERT_STRING_EQUAL(lb_path(s, 0), "/v2/credentials/abc");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "Authorization"), "Bearer-from-file");
    lb_stop(s);
    const char *hosts[] = { "http://192.0.2.10/creds", "http://127.evil.example/creds",
                            "http://localhost.attacker.example/", "http://169.254.170.2.evil.example/",
                            "http://127.0.0.1@evil.example/creds", "ftp://127.0.0.1/" };
    for (size_t i = 0; i < sizeof hosts / sizeof *hosts; i++) {
        const char *bad[] = { "AWS_EC2_METADATA_DISABLED", "true",
                              "AWS_CONTAINER_CREDENTIALS_FULL_URI", hosts[i], NULL };
        memset(envv, 0, sizeof envv);
        memcpy(envv, bad, sizeof bad);
        o = resolve(NULL); /* plain http to a foreign host is refused, never requested */
        CU_ASSERT_FALSE(o.ok);
        CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "neither https nor"));
    }
}

static void test_creds_imds_v2(void)
{
    setup(NULL, NULL);
    static const struct lb_response script[] = {
        { 200, "imds-session-token", NULL, 0 }, { 200, "oncall-role\n", NULL, 0 },
        { 200, DOC, NULL, 0 } };
    struct lb_server *s = lb_start(script, 3);
    const char *e[] = { "AWS_EC2_METADATA_SERVICE_ENDPOINT", lb_url(s), NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve(NULL);
    check(&o, "instance metadata (IMDSv2)", "ASIANET", "ntok");
    CU_ASSERT_EQUAL_FATAL(lb_requests(s), 3);
    CU_ASSERT_STRING_EQUAL(lb_path(s, 0), "/latest/api/token");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "X-aws-ec2-metadata-token-ttl-seconds"), "21600");
    CU_ASSERT_STRING_EQUAL(lb_path(s, 2), "/latest/meta-data/iam/security-credentials/oncall-role");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 2, "X-aws-ec2-metadata-token"), "imds-session-token");
    lb_stop(s);
}

static void sso_cache(const char *key, const char *expires)
{
    unsigned char md[20];
    unsigned int n;
    EVP_Digest(key, strlen(key), md, &n, EVP_sha1(), NULL);
    char path[256];
    int off = snprintf(path, sizeof path, "%s/.aws/sso/cache/", home);
    for (int i = 0; i < 20; i++)
        off += snprintf(path + off, sizeof path - (size_t)off, "%02x", md[i]);
    snprintf(path + off, sizeof path - (size_t)off, ".json");
    FILE *fp = fopen(path, "w");
    fprintf(fp, "{\"accessToken\":\"sso-bearer\",\"expiresAt\":\"%s\",\"region\":\"us-east-1\"}", expires);
    fclose(fp);
}

#define SSO_CONFIG "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n" \
                   "sso_role_name = On Call\n[sso-session corp]\n" \
                   "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"

static void test_creds_sso_session(void)
{
    setup(SSO_CONFIG, NULL);
    sso_cache("corp", "2099-01-01T00:00:00Z");
    static const struct lb_response script[] = { { 200,
        "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\"s\","
        "\"sessionToken\":\"stok\",\"expiration\":4070908800000}}", NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ENDPOINT_URL_SSO", lb_url(s), NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve("dev");
    check(&o, "SSO", "ASIASSO", "stok");
    CU_ASSERT_STRING_EQUAL(lb_path(s, 0), "/federation/credentials");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "x-amz-sso_bearer_token"), "sso-bearer");
    lb_stop(s);
}

static void test_creds_sso_expired_token_says_login(void)
{
    setup(SSO_CONFIG, NULL);
    sso_cache("corp", "2020-01-01T00:00:00Z");
    struct outcome o = resolve("dev");
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "aws sso login --profile dev"));
}

static void test_creds_nothing_found_names_every_source(void)
{
    setup(NULL, NULL);
    struct outcome o = resolve(NULL);
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_EQUAL(rw_err_exit_code(o.err.code), 77);
    const char *sources[] = { "environment", "assume-role", "web identity", "SSO",
                              "shared credentials file", "credential_process", "config file",
                              "container", "IMDS: disabled" };
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, sources[i]));
}

void test_creds_register(void)
{
    CU_pSuite s = CU_add_suite("creds", NULL, NULL);
    CU_add_test(s, "environment first", test_creds_environment_first);
    CU_add_test(s, "explicit --profile skips the environment", test_creds_explicit_profile_skips_environment);
    CU_add_test(s, "AWS_PROFILE and config-file keys", test_creds_aws_profile_and_config_keys);
    CU_add_test(s, "credential_process without a shell", test_creds_credential_process);
    CU_add_test(s, "credential_process failures", test_creds_credential_process_failures);
    CU_add_test(s, "container endpoint with token file", test_creds_container_endpoint_with_token_file);
    CU_add_test(s, "IMDSv2 token, role, credentials", test_creds_imds_v2);
    CU_add_test(s, "SSO session: cached token, GetRoleCredentials", test_creds_sso_session);
    CU_add_test(s, "SSO expired token says aws sso login", test_creds_sso_expired_token_says_login);
    CU_add_test(s, "nothing found names every source (exit 77)", test_creds_nothing_found_names_every_source);
}
