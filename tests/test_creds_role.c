/* Tests for the chain's STS sources (clients/aws/creds_role): assume-role with
 * source_profile, role chaining, MFA, credential_source, web identity, all
 * against a loopback STS. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/creds.h"
#include "support/creds_fixture.h"
#include "support/loopback.h"

#define ROLE_XML(ak, sk, tok) "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">" \
    "<AssumeRoleResult><Credentials><AccessKeyId>" ak "</AccessKeyId><SecretAccessKey>" sk \
    "</SecretAccessKey><SessionToken>" tok "</SessionToken><Expiration>2099-01-01T00:00:00Z" \
    "</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/r/s</Arn>" \
    "<AssumedRoleId>AROA1:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>" \
    "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>"

/* Point STS at s (and nothing else anywhere). */
static void use_sts(struct lb_server *s, const char *extra_name, const char *extra_value)
{
    memset(envv, 0, sizeof envv);
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ENDPOINT_URL_STS", lb_url(s),
                        extra_name, extra_value, NULL };
    memcpy(envv, e, sizeof e);
}

static void test_creds_assume_role_with_source_profile(void)
{
    setup("[profile ops]\nrole_arn = arn:aws:iam::111111111111:role/on call\n"
          "source_profile = base\nregion = eu-west-1\n",
          "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    static const struct lb_response script[] = { { 200, ROLE_XML("ASIAROLE", "rs", "rt"), NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    use_sts(s, NULL, NULL);
    struct outcome o = resolve("ops");
    CU_ASSERT(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.origin, "assume-role arn:aws:iam::111111111111:role/on call"));
    CU_ASSERT_STRING_EQUAL(o.cr.access_key ? o.cr.access_key : "", "ASIAROLE");
    CU_ASSERT_EQUAL(o.cr.expires_wall_ms, 4070908800000LL);
    aws_creds_clear(&o.cr);
    CU_ASSERT_EQUAL_FATAL(lb_requests(s), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_header(s, 0, "Authorization"), "Credential=AKIDBASE/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_header(s, 0, "Authorization"), "/eu-west-1/sts/aws4_request"));
    const char *body = lb_body(s, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "Action=AssumeRole&"));
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "RoleArn=arn%3Aaws%3Aiam%3A%3A111111111111%3Arole%2Fon%20call"));
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "RoleSessionName=rollwatch-"));
    CU_ASSERT_PTR_NULL(strstr(body, "TokenCode"));
    lb_stop(s);
}

static void test_creds_role_chaining_signs_with_the_previous_role(void)
{
    setup("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
          "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n",
          "[c]\naws_access_key_id = AKIDC\naws_secret_access_key = s\n");
    static const struct lb_response script[] = {
        { 200, ROLE_XML("ASIAB", "sb", "tb"), NULL, 0 }, { 200, ROLE_XML("ASIAA", "sa", "ta"), NULL, 0 } };
    struct lb_server *s = lb_start(script, 2);
    use_sts(s, NULL, NULL);
    struct outcome o = resolve("a");
    CU_ASSERT(o.ok);
    CU_ASSERT_STRING_EQUAL(o.cr.access_key ? o.cr.access_key : "", "ASIAA");
    aws_creds_clear(&o.cr);
    CU_ASSERT_EQUAL_FATAL(lb_requests(s), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 0), "role%2Fb"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_header(s, 0, "Authorization"), "Credential=AKIDC/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 1), "role%2Fa"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_header(s, 1, "Authorization"), "Credential=ASIAB/"));
    CU_ASSERT_STRING_EQUAL(lb_header(s, 1, "X-Amz-Security-Token"), "tb");
    lb_stop(s);
}

static void test_creds_assume_role_asks_for_mfa(void)
{
    setup("[profile prod]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\n"
          "mfa_serial = arn:aws:iam::111111111111:mfa/jane\nduration_seconds = 3600\n",
          "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    static const struct lb_response script[] = { { 200, ROLE_XML("ASIAMFA", "s", "t"), NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    use_sts(s, NULL, NULL);
    mfa_asked = 0;
    struct outcome o = resolve("prod");
    CU_ASSERT(o.ok);
    aws_creds_clear(&o.cr);
    CU_ASSERT_EQUAL(mfa_asked, 1);
    const char *body = lb_body(s, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "SerialNumber=arn%3Aaws%3Aiam%3A%3A111111111111%3Amfa%2Fjane"));
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "TokenCode=123456"));
    CU_ASSERT_PTR_NOT_NULL(strstr(body, "DurationSeconds=3600"));
    lb_stop(s);
}

static void test_creds_credential_source_environment(void)
{
    setup("[profile ci]\nrole_arn = arn:aws:iam::1:role/deployer\ncredential_source = Environment\n",
          NULL);
    static const struct lb_response script[] = { { 200, ROLE_XML("ASIACI", "s", "t"), NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    memset(envv, 0, sizeof envv);
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ENDPOINT_URL_STS", lb_url(s),
                        "AWS_ACCESS_KEY_ID", "AKIDENVSRC", "AWS_SECRET_ACCESS_KEY", "s", NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve("ci"); /* explicit --profile: env is used only as the source */
    CU_ASSERT(o.ok);
    CU_ASSERT_STRING_EQUAL(o.cr.access_key ? o.cr.access_key : "", "ASIACI");
    aws_creds_clear(&o.cr);
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_header(s, 0, "Authorization"), "Credential=AKIDENVSRC/"));
    lb_stop(s);
}

static void test_creds_web_identity_is_unsigned(void)
{
    setup(NULL, NULL);
    char tok[256];
    snprintf(tok, sizeof tok, "%s/token", home);
    FILE *fp = fopen(tok, "w");
    fputs("eyJhbGciOiJSUzI1NiJ9.payload.sig\n", fp);
    fclose(fp);
    static const struct lb_response script[] = { { 200,
        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        "<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>system:sa</SubjectFromWebIdentityToken>"
        "<Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
        "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
        "<AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/w/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>"
        "</AssumedRoleUser></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>", NULL, 0 } };
    struct lb_server *s = lb_start(script, 1);
    memset(envv, 0, sizeof envv);
    const char *e[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_ENDPOINT_URL_STS", lb_url(s),
                        "AWS_WEB_IDENTITY_TOKEN_FILE", tok, "AWS_ROLE_ARN", "arn:aws:iam::1:role/web",
                        "AWS_ROLE_SESSION_NAME", "pod-1", NULL };
    memcpy(envv, e, sizeof e);
    struct outcome o = resolve(NULL);
    CU_ASSERT(o.ok);
    CU_ASSERT_STRING_EQUAL(o.cr.access_key ? o.cr.access_key : "", "ASIAWEB");
    aws_creds_clear(&o.cr);
    CU_ASSERT_PTR_NULL(lb_header(s, 0, "Authorization"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 0), "Action=AssumeRoleWithWebIdentity&"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 0), "WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.payload.sig"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lb_body(s, 0), "RoleSessionName=pod-1"));
    lb_stop(s);
}

static void count_done(struct creds_chain *c, int ok, const struct rw_err *err, void *ud)
{
    (void)c, (void)err;
    *(int *)ud += ok ? 1 : 100;
}

/* Two callers waiting on one resolution are both told; a second resolution of
 * an assume-role chain starts from scratch (the first source and STS client
 * are freed: LeakSanitizer in make sanitize holds us to it). */
static void test_creds_waiters_and_re_resolution(void)
{
    setup("[profile ops]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = base\n",
          "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    static const struct lb_response script[] = {
        { 200, ROLE_XML("ASIAONE", "s1", "t1"), NULL, 0 }, { 200, ROLE_XML("ASIATWO", "s2", "t2"), NULL, 0 } };
    struct lb_server *s = lb_start(script, 2);
    use_sts(s, NULL, NULL);
    struct rw_loop *loop = rw_loop_new();
    struct creds_options opt = { .loop = loop, .profile = "ops", .env = env };
    struct creds_chain *c;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(creds_chain_new(&opt, &c, &err), 0);
    int a = 0, b = 0;
    creds_chain_resolve(c, count_done, &a);
    creds_chain_resolve(c, count_done, &b);
    for (int i = 0; i < 100 && (!a || !b); i++)
        rw_loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(a, 1);
    CU_ASSERT_EQUAL(b, 1);
    int again = 0;
    creds_chain_resolve(c, count_done, &again);
    for (int i = 0; i < 100 && !again; i++)
        rw_loop_run_once(loop, 100);
    CU_ASSERT_EQUAL(again, 1);
    struct aws_creds_source src = creds_chain_source(c);
    struct aws_creds cr;
    CU_ASSERT_EQUAL(src.get(src.ud, &cr, &err), 0);
    CU_ASSERT_STRING_EQUAL(cr.access_key, "ASIATWO");
    aws_creds_clear(&cr);
    CU_ASSERT_EQUAL(lb_requests(s), 2);
    creds_chain_free(c);
    rw_loop_free(loop);
    lb_stop(s);
}

static void test_creds_role_arn_without_source_is_an_error(void)
{
    setup("[profile ops]\nrole_arn = arn:aws:iam::1:role/x\n",
          "[ops]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    struct outcome o = resolve("ops"); /* never the plain keys in the role's place */
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "neither source_profile nor credential_source"));
}

void test_creds_role_register(void)
{
    CU_pSuite s = CU_add_suite("creds_role", NULL, NULL);
    CU_add_test(s, "assume-role with source_profile", test_creds_assume_role_with_source_profile);
    CU_add_test(s, "role chaining signs with the previous role", test_creds_role_chaining_signs_with_the_previous_role);
    CU_add_test(s, "assume-role asks for MFA", test_creds_assume_role_asks_for_mfa);
    CU_add_test(s, "credential_source = Environment", test_creds_credential_source_environment);
    CU_add_test(s, "web identity is unsigned", test_creds_web_identity_is_unsigned);
    CU_add_test(s, "waiters all told; re-resolution starts afresh", test_creds_waiters_and_re_resolution);
    CU_add_test(s, "role_arn without a source is an error", test_creds_role_arn_without_source_is_an_error);
}
