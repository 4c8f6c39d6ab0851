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

#include "clients/aws/creds.h"
#include "core/clock.h"
#include "support/loopback.h"

static char home[64];
static const char *envv[32];

static const char *env(const char *name)
{
    if (strcmp(name, "HOME") == 0)
        return home;
    for (size_t i = 0; envv[i]; i += 2)
        if (strcmp(envv[i], name) == 0)
            return envv[i + 1];
    if (strcmp(name, "AWS_ENDPOINT_URL") == 0)
        return "http://127.0.0.1:9"; /* safety net: nothing here may leave loopback */
    return NULL;
}

/* Fresh HOME with ~/.aws/config and ~/.aws/credentials holding these texts. */
static void setup(const char *config, const char *credentials)
{
    snprintf(home, sizeof home, "/tmp/rwcredsXXXXXX");
    CU_ASSERT_FATAL(mkdtemp(home) != NULL);
    char p[256];
    snprintf(p, sizeof p, "%s/.aws", home);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/.aws/sso", home);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/.aws/sso/cache", home);
    mkdir(p, 0700);
    const char *texts[2] = { config, credentials }, *names[2] = { "config", "credentials" };
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%s/.aws/%s", home, names[i]);
        FILE *fp = fopen(p, "w");
        fputs(texts[i] ? texts[i] : "", fp);
        fclose(fp);
    }
    memset(envv, 0, sizeof envv);
    envv[0] = "AWS_EC2_METADATA_DISABLED";
    envv[1] = "true";
}

static int mfa_asked;

static int test_mfa(void *ud, const char *serial, char *code, size_t n)
{
    (void)ud;
    mfa_asked++;
    if (strcmp(serial, "arn:aws:iam::111111111111:mfa/jane") != 0)
        return -1;
    snprintf(code, n, "123456");
    return 0;
}

struct outcome { int done, ok; struct rw_err err; char origin[96]; struct aws_creds cr; };

static void on_done(struct creds_chain *c, int ok, const struct rw_err *err, void *ud)
{
    struct outcome *o = ud;
    o->done = 1;
    o->ok = ok;
    if (err)
        o->err = *err;
    snprintf(o->origin, sizeof o->origin, "%s", creds_chain_origin(c));
    if (ok) {
        struct aws_creds_source s = creds_chain_source(c);
        struct rw_err e;
        CU_ASSERT_EQUAL(s.get(s.ud, &o->cr, &e), 0);
    }
}

static struct outcome resolve(const char *profile)
{
    struct rw_loop *loop = rw_loop_new();
    struct creds_options opt = { .loop = loop, .profile = profile, .env = env, .mfa = test_mfa };
    struct creds_chain *c;
    struct outcome o;
    memset(&o, 0, sizeof o);
    if (creds_chain_new(&opt, &c, &o.err) < 0) {
        o.done = 1;
        rw_loop_free(loop);
        return o;
    }
    creds_chain_resolve(c, on_done, &o);
    int64_t start = rw_mono_ms();
    while (!o.done && rw_mono_ms() - start < 10000)
        rw_loop_run_once(loop, 100);
    creds_chain_free(c);
    rw_loop_free(loop);
    return o;
}

static void check(struct outcome *o, const char *origin, const char *ak, const char *token)
{
    CU_ASSERT(o->ok);
    if (!o->ok)
        fprintf(stderr, "\n  creds: %s\n", o->err.msg);
    CU_ASSERT_STRING_EQUAL(o->origin, origin);
    if (o->cr.access_key) {
        CU_ASSERT_STRING_EQUAL(o->cr.access_key, ak);
    }
    if (token && o->cr.session_token) {
        CU_ASSERT_STRING_EQUAL(o->cr.session_token, token);
    } else {
        CU_ASSERT_EQUAL(!token, !o->cr.session_token);
    }
    aws_creds_clear(&o->cr);
}

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
    const char *bad[] = { "AWS_EC2_METADATA_DISABLED", "true", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                          "http://192.0.2.10/creds", NULL };
    memcpy(envv, bad, sizeof bad);
    o = resolve(NULL); /* plain http to a foreign host is refused, never requested */
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "neither https nor"));
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

static void test_creds_role_arn_without_source_is_an_error(void)
{
    setup("[profile ops]\nrole_arn = arn:aws:iam::1:role/x\n",
          "[ops]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    struct outcome o = resolve("ops"); /* never the plain keys in the role's place */
    CU_ASSERT_FALSE(o.ok);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.err.msg, "neither source_profile nor credential_source"));
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
    CU_add_test(s, "assume-role with source_profile", test_creds_assume_role_with_source_profile);
    CU_add_test(s, "role chaining signs with the previous role", test_creds_role_chaining_signs_with_the_previous_role);
    CU_add_test(s, "assume-role asks for MFA", test_creds_assume_role_asks_for_mfa);
    CU_add_test(s, "credential_source = Environment", test_creds_credential_source_environment);
    CU_add_test(s, "web identity is unsigned", test_creds_web_identity_is_unsigned);
    CU_add_test(s, "role_arn without a source is an error", test_creds_role_arn_without_source_is_an_error);
}
