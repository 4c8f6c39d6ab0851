/* Tests for clients/aws/endpoints: endpoint and region precedence. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/endpoints.h"

static const char *const *fake_env;

static const char *env(const char *name)
{
    for (size_t i = 0; fake_env && fake_env[i]; i += 2)
        if (strcmp(fake_env[i], name) == 0)
            return fake_env[i + 1];
    return NULL;
}

static const char config_text[] =
    "[profile local]\nregion = eu-west-1\nservices = loc\nendpoint_url = http://127.0.0.1:9000/\n"
    "[services loc]\necs =\n  endpoint_url = http://127.0.0.1:4566\n"
    "[profile plain]\nregion = ap-south-1\n";

static char *resolve(enum aws_service svc, const char *region, const char *profile)
{
    struct ini ini;
    struct rw_err err;
    ini_parse(config_text, strlen(config_text), &ini, &err);
    struct aws_endpoint ep;
    int rc = aws_endpoint_resolve(svc, region, ini_profile(&ini, profile, 1), &ini, env, &ep, &err);
    ini_free(&ini);
    return rc == 0 ? ep.url : strdup(err.msg);
}

static void expect(enum aws_service svc, const char *region, const char *profile, const char *want)
{
    char *got = resolve(svc, region, profile);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void test_endpoints_standard_hosts(void)
{
    fake_env = NULL;
    expect(AWS_SVC_ECS, "us-east-1", "plain", "https://ecs.us-east-1.amazonaws.com");
    expect(AWS_SVC_LOGS, "us-east-1", "plain", "https://logs.us-east-1.amazonaws.com");
    expect(AWS_SVC_CLOUDWATCH, "eu-west-1", "plain", "https://monitoring.eu-west-1.amazonaws.com");
    expect(AWS_SVC_ELBV2, "us-east-1", "plain", "https://elasticloadbalancing.us-east-1.amazonaws.com");
    expect(AWS_SVC_SSO, "us-west-2", "plain", "https://portal.sso.us-west-2.amazonaws.com");
    expect(AWS_SVC_STS, "cn-north-1", "plain", "https://sts.cn-north-1.amazonaws.com.cn");
    CU_ASSERT_STRING_EQUAL(aws_service_signing_name(AWS_SVC_CLOUDWATCH), "monitoring");
}

static void test_endpoints_precedence(void)
{
    const char *both[] = { "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:1/",
                           "AWS_ENDPOINT_URL", "http://127.0.0.1:2", NULL };
    fake_env = both;
    expect(AWS_SVC_LOGS, "us-east-1", "local", "http://127.0.0.1:1");  /* service env first */
    expect(AWS_SVC_ECS, "us-east-1", "local", "http://127.0.0.1:2");   /* then global env */
    fake_env = NULL;
    expect(AWS_SVC_ECS, "us-east-1", "local", "http://127.0.0.1:4566"); /* [services] */
    expect(AWS_SVC_STS, "us-east-1", "local", "http://127.0.0.1:9000"); /* profile endpoint_url */
    const char *ignore[] = { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true",
                             "AWS_ENDPOINT_URL", "http://127.0.0.1:2", NULL };
    fake_env = ignore;
    expect(AWS_SVC_ECS, "us-east-1", "local", "https://ecs.us-east-1.amazonaws.com");
}

static void test_endpoints_errors(void)
{
    const char *bad[] = { "AWS_ENDPOINT_URL_ECS", "ftp://x", NULL };
    fake_env = bad;
    char *msg = resolve(AWS_SVC_ECS, "us-east-1", "plain");
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "not an http(s) URL"));
    free(msg);
    fake_env = NULL;
    msg = resolve(AWS_SVC_ECS, NULL, "plain");
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "no region"));
    free(msg);
}

static void test_endpoints_region_precedence(void)
{
    struct ini ini;
    struct rw_err err;
    ini_parse(config_text, strlen(config_text), &ini, &err);
    const struct ini_section *p = ini_profile(&ini, "local", 1);
    const char *envs[] = { "AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "us-east-2", NULL };
    fake_env = envs;
    CU_ASSERT_STRING_EQUAL(aws_region_resolve("sa-east-1", p, env), "sa-east-1");
    CU_ASSERT_STRING_EQUAL(aws_region_resolve(NULL, p, env), "us-west-2");
    const char *dflt[] = { "AWS_DEFAULT_REGION", "us-east-2", NULL };
    fake_env = dflt;
    CU_ASSERT_STRING_EQUAL(aws_region_resolve(NULL, p, env), "us-east-2");
    fake_env = NULL;
    CU_ASSERT_STRING_EQUAL(aws_region_resolve(NULL, p, env), "eu-west-1");
    CU_ASSERT_PTR_NULL(aws_region_resolve(NULL, NULL, env));
    ini_free(&ini);
}

void test_endpoints_register(void)
{
    CU_pSuite s = CU_add_suite("endpoints", NULL, NULL);
    CU_add_test(s, "standard hosts and signing names", test_endpoints_standard_hosts);
    CU_add_test(s, "service env, global env, [services], endpoint_url", test_endpoints_precedence);
    CU_add_test(s, "bad URL and missing region", test_endpoints_errors);
    CU_add_test(s, "region: flag, AWS_REGION, AWS_DEFAULT_REGION, profile", test_endpoints_region_precedence);
}
