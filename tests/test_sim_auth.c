/* Tests for sim/sim_auth and sim/sim_route: Authorization parsing, SigV4
 * verification by signing again, X-Amz-Target routing and paging tokens. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/sigv4.h"
#include "sim/sim_auth.h"
#include "sim/sim_route.h"

#define GOOD_AUTH "AWS4-HMAC-SHA256 Credential=AKIDROLLWATCHSIM/20261123/us-east-1/ecs/" \
                  "aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=" \
                  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void test_sim_auth_parse_good(void)
{
    struct sim_auth a;
    CU_ASSERT_EQUAL_FATAL(sim_auth_parse(GOOD_AUTH, &a), 0);
    CU_ASSERT_STRING_EQUAL(a.access_key, "AKIDROLLWATCHSIM");
    CU_ASSERT_STRING_EQUAL(a.date, "20261123");
    CU_ASSERT_STRING_EQUAL(a.region, "us-east-1");
    CU_ASSERT_STRING_EQUAL(a.service, "ecs");
    CU_ASSERT_STRING_EQUAL(a.signed_headers, "content-type;host;x-amz-date");
    CU_ASSERT_EQUAL(strlen(a.signature), 64);
    /* no spaces after the commas, parts in another order */
    CU_ASSERT_EQUAL(sim_auth_parse("AWS4-HMAC-SHA256 Signature=0123456789abcdef0123456789abcdef"
                                   "0123456789abcdef0123456789abcdef,SignedHeaders=host,"
                                   "Credential=AK/20260101/eu-west-1/logs/aws4_request", &a), 0);
    CU_ASSERT_STRING_EQUAL(a.service, "logs");
}

static void test_sim_auth_parse_bad(void)
{
    const char *bad[] = {
        "",
        "AWS4-HMAC-SHA1 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host",
        "AWS4-HMAC-SHA256 Credential=AK/2026112/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_requesX, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "AWS4-HMAC-SHA256 Credential=AK/20261123/us-east-1/ecs/aws4_request, SignedHeaders=host, "
        "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, Bogus",
    };
    struct sim_auth a;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CU_ASSERT_EQUAL(sim_auth_parse(bad[i], &a), -1);
    CU_ASSERT_EQUAL(sim_auth_parse(NULL, &a), -1);
}

static void test_sim_auth_amz_date_and_equal(void)
{
    time_t t;
    CU_ASSERT_EQUAL(sim_auth_parse_amz_date("20150830T123600Z", &t), 0);
    CU_ASSERT_EQUAL(t, 1440938160);
    CU_ASSERT_EQUAL(sim_auth_parse_amz_date("20150830T123600", &t), -1);
    CU_ASSERT_EQUAL(sim_auth_parse_amz_date("2015083OT123600Z", &t), -1);
    CU_ASSERT_EQUAL(sim_auth_parse_amz_date("20151330T123600Z", &t), -1);
    CU_ASSERT_EQUAL(sim_auth_parse_amz_date(NULL, &t), -1);
    CU_ASSERT_TRUE(sim_auth_equal("abc", "abc"));
    CU_ASSERT_FALSE(sim_auth_equal("abc", "abd"));
    CU_ASSERT_FALSE(sim_auth_equal("abc", "ab"));
    CU_ASSERT_FALSE(sim_auth_equal("", "a"));
    CU_ASSERT_TRUE(sim_auth_equal("", ""));
}

/* A request signed by our client-side signer, as the AWS client sends it. */
struct signed_req {
    struct sigv4_header hs[8];
    size_t n;
    struct sigv4_result res;
    const char *body;
};

static void sign(struct signed_req *s, const char *secret, time_t when, const char *target)
{
    char date[17];
    sigv4_amz_date(when, date);
    s->body = "{\"cluster\":\"demo-fargate\"}";
    s->n = 0;
    s->hs[s->n++] = (struct sigv4_header){ "Host", "127.0.0.1:4566" };
    s->hs[s->n++] = (struct sigv4_header){ "Content-Type", "application/x-amz-json-1.1" };
    s->hs[s->n++] = (struct sigv4_header){ "X-Amz-Target", target };
    char *path = strdup("/a%20b"), *q = strchr(path, '?');
    struct sigv4_request r = { "POST", path, q, s->hs, s->n,
                               (const unsigned char *)s->body, strlen(s->body) };
    struct sigv4_creds c = { SIM_ACCESS_KEY, secret, NULL };
    struct sigv4_params p;
    struct rw_err err;
    sigv4_params_for_service(&p, "us-east-1", "ecs", date);
    memset(&s->res, 0, sizeof s->res);
    CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &c, &p, &s->res, &err), 0);
    for (size_t i = 0; i < s->res.nadd_headers; i++)
        s->hs[s->n++] = s->res.add_headers[i];
    free(path);
}

static enum sim_auth_result verify(struct signed_req *s, const char *body, time_t now)
{
    struct sim_http_req r = { "POST", "/a%20b", s->hs, s->n, (const unsigned char *)body,
                              strlen(body) };
    struct sim_auth a;
    return sim_auth_verify(&r, SIM_ACCESS_KEY, SIM_SECRET_KEY, now, &a);
}

static void test_sim_auth_verify(void)
{
    time_t now = 1795000000;
    struct signed_req s;
    sign(&s, SIM_SECRET_KEY, now, "AmazonEC2ContainerServiceV20141113.ListClusters");
    CU_ASSERT_EQUAL(verify(&s, s.body, now), SIM_AUTH_OK);
    CU_ASSERT_EQUAL(verify(&s, s.body, now + 14 * 60), SIM_AUTH_OK);
    CU_ASSERT_EQUAL(verify(&s, s.body, now + 16 * 60), SIM_AUTH_EXPIRED);
    CU_ASSERT_EQUAL(verify(&s, s.body, now - 16 * 60), SIM_AUTH_EXPIRED);
    CU_ASSERT_EQUAL(verify(&s, "{\"cluster\":\"other\"}", now), SIM_AUTH_BAD_SIGNATURE);
    s.hs[2].value = "AmazonEC2ContainerServiceV20141113.ListServices"; /* tampered */
    CU_ASSERT_EQUAL(verify(&s, s.body, now), SIM_AUTH_BAD_SIGNATURE);
    sigv4_result_free(&s.res);
    sign(&s, "wrong", now, "AmazonEC2ContainerServiceV20141113.ListClusters");
    CU_ASSERT_EQUAL(verify(&s, s.body, now), SIM_AUTH_BAD_SIGNATURE);
    s.n--; /* drop the Authorization header */
    CU_ASSERT_EQUAL(verify(&s, s.body, now), SIM_AUTH_MISSING);
    sigv4_result_free(&s.res);
}

static void test_sim_auth_unknown_key(void)
{
    struct sigv4_header hs[] = { { "Authorization", GOOD_AUTH } };
    struct sigv4_header bad[] = {
        { "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20261123/us-east-1/ecs/"
                           "aws4_request, SignedHeaders=host, Signature=0123456789abcdef"
                           "0123456789abcdef0123456789abcdef0123456789abcdef" } };
    struct sim_http_req r = { "POST", "/", bad, 1, NULL, 0 };
    struct sim_auth a;
    CU_ASSERT_EQUAL(sim_auth_verify(&r, SIM_ACCESS_KEY, SIM_SECRET_KEY, 0, &a),
                    SIM_AUTH_UNKNOWN_KEY);
    r.headers = hs; /* right key, no X-Amz-Date */
    CU_ASSERT_EQUAL(sim_auth_verify(&r, SIM_ACCESS_KEY, SIM_SECRET_KEY, 0, &a),
                    SIM_AUTH_MALFORMED);
}

static void test_sim_route(void)
{
    const char *pre = "AmazonEC2ContainerServiceV20141113.";
    CU_ASSERT_STRING_EQUAL(sim_route_op("AmazonEC2ContainerServiceV20141113.ListTasks", pre),
                           "ListTasks");
    CU_ASSERT_PTR_NULL(sim_route_op("AmazonEC2ContainerServiceV20141113.", pre));
    CU_ASSERT_PTR_NULL(sim_route_op("AmazonEC2ContainerServiceV20141113.List Tasks", pre));
    CU_ASSERT_PTR_NULL(sim_route_op("Logs_20140328.FilterLogEvents", pre));
    CU_ASSERT_PTR_NULL(sim_route_op(NULL, pre));
    char tok[32];
    sim_route_token(42, tok, sizeof tok);
    CU_ASSERT_EQUAL(sim_route_parse_token(tok), 42);
    CU_ASSERT_EQUAL(sim_route_parse_token("rwsim-"), -1);
    CU_ASSERT_EQUAL(sim_route_parse_token("rwsim-4x"), -1);
    CU_ASSERT_EQUAL(sim_route_parse_token("rwsim--4"), -1);
    CU_ASSERT_EQUAL(sim_route_parse_token("rwsim-99999999999999999999"), -1);
    CU_ASSERT_EQUAL(sim_route_parse_token("garbage"), -1);
    CU_ASSERT_EQUAL(sim_route_max_results(0, 0, 100, 100), 100);
    CU_ASSERT_EQUAL(sim_route_max_results(2, 1, 100, 100), 2);
    CU_ASSERT_EQUAL(sim_route_max_results(0, 1, 100, 100), -1);
    CU_ASSERT_EQUAL(sim_route_max_results(101, 1, 100, 100), -1);
    struct sim_reply r;
    sim_route_error(&r, 400, "UnknownOperationException", NULL);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_STRING_EQUAL(r.body, "{\"__type\":\"UnknownOperationException\"}");
    free(r.body);
}

void test_sim_auth_register(void)
{
    CU_pSuite s = CU_add_suite("sim_auth", NULL, NULL);
    CU_add_test(s, "Authorization header: the good shapes", test_sim_auth_parse_good);
    CU_add_test(s, "Authorization header: malformed ones", test_sim_auth_parse_bad);
    CU_add_test(s, "X-Amz-Date and constant-time compare", test_sim_auth_amz_date_and_equal);
    CU_add_test(s, "verify by signing again", test_sim_auth_verify);
    CU_add_test(s, "unknown access key, missing date", test_sim_auth_unknown_key);
    CU_add_test(s, "routing, tokens, error bodies", test_sim_route);
}
