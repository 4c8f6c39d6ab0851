/* Tests for sim/sim_dispatch (and sim_control, sim_stats): whole requests
 * without HTTP: the control API, signed ECS and query-protocol requests, fault
 * injection (throttle, 500/503, truncation, delay), request statistics, the
 * routing slots' placeholders and temporary credentials. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clients/aws/client.h"
#include "core/clock.h"
#include "clients/aws/credparse.h"
#include "sim/sim_auth.h"
#include "sim/sim_dispatch.h"
#include "sim/sim_world.h"

#define ECS "AmazonEC2ContainerServiceV20141113."

static struct sim_world world;

static int setup(void) { return sim_world_init(&world, "steady", rw_wall_ms(), 1, 1); }
static int teardown(void) { sim_world_destroy(&world); return 0; }

/* A request signed as a client would sign it. */
struct sreq {
    struct sigv4_header hs[12];
    size_t n;
    struct sigv4_result res;
    struct sim_dispatch_req q;
};

/* Sign body for service: X-Amz-Target target (JSON 1.1), or a form (target NULL). */
static void sign_as(struct sreq *s, const char *service, const char *target, const char *body,
                    const char *ak, const char *sk, const char *token)
{
    char date[17];
    sigv4_amz_date(time(NULL), date);
    s->n = 0;
    s->hs[s->n++] = (struct sigv4_header){ "Host", "127.0.0.1:4566" };
    s->hs[s->n++] = (struct sigv4_header){ "Content-Type", target ? "application/x-amz-json-1.1"
                                           : "application/x-www-form-urlencoded" };
    if (target)
        s->hs[s->n++] = (struct sigv4_header){ "X-Amz-Target", target };
    struct sigv4_request r = { "POST", "/", NULL, s->hs, s->n, (const unsigned char *)body,
                               strlen(body) };
    struct sigv4_creds c = { ak, sk, token };
    struct sigv4_params p;
    struct rw_err err;
    sigv4_params_for_service(&p, "us-east-1", service, date);
    memset(&s->res, 0, sizeof s->res);
    CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &c, &p, &s->res, &err), 0);
    for (size_t i = 0; i < s->res.nadd_headers; i++)
        s->hs[s->n++] = s->res.add_headers[i];
    s->q = (struct sim_dispatch_req){ "POST", "/", "/", s->hs, s->n, body, strlen(body), 0 };
}

static void sign(struct sreq *s, const char *service, const char *target, const char *body)
{
    sign_as(s, service, target, body, SIM_ACCESS_KEY, SIM_SECRET_KEY, NULL);
}

/* Dispatch q; the reply (caller frees r->body). */
static void run(struct sim_state *st, const struct sim_dispatch_req *q, struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    sim_dispatch(&world, st, q, r);
}

/* A signed ECS call; its status, body to *body (caller frees) if wanted. */
static int ecs(struct sim_state *st, const char *op, const char *req, char **body)
{
    char target[128];
    snprintf(target, sizeof target, ECS "%s", op);
    struct sreq s;
    sign(&s, "ecs", target, req);
    struct sim_reply r;
    run(st, &s.q, &r);
    sigv4_result_free(&s.res);
    if (body)
        *body = r.body;
    else
        free(r.body);
    return r.status;
}

/* GET or POST a control path; the reply. */
static void control(struct sim_state *st, const char *method, const char *path,
                    const char *body, struct sim_reply *r)
{
    struct sim_dispatch_req q = { method, path, path, NULL, 0, body, body ? strlen(body) : 0, 0 };
    run(st, &q, r);
}

/* GET /_sim/requests, parsed (caller frees). */
static cJSON *requests(struct sim_state *st)
{
    struct sim_reply r;
    control(st, "GET", "/_sim/requests", NULL, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    cJSON *j = cJSON_Parse(r.body);
    free(r.body);
    return j;
}

static double num(const cJSON *j, const char *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, obj), key);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static struct sim_state *state(double throttle, double error, double truncate, int delay)
{
    struct sim_faults f = { throttle, 0, error, truncate, delay, 0 };
    return sim_state_new(&f, 1);
}

static void test_sim_dispatch_control_api(void)
{
    struct sim_state *st = state(0, 0, 0, 0);
    struct sim_reply r;
    control(st, "GET", "/_sim/health", NULL, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(r.body, "{\"status\":\"ok\"}");
    CU_ASSERT_STRING_EQUAL(r.content_type, "application/json");
    free(r.body);
    control(st, "POST", "/_sim/faults", "{\"throttle_rate\":0.5,\"delay_ms\":200}", &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "\"throttle_rate\":0.5"));
    free(r.body);
    control(st, "POST", "/_sim/faults", "{\"throttle_rate\":0,\"nope\":1}", &r);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "unknown key 'nope'"));
    free(r.body);
    control(st, "GET", "/_sim/faults", NULL, &r);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "\"throttle_rate\":0.5")); /* nothing changed */
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "\"delay_ms\":200"));
    CU_ASSERT_EQUAL(r.delay_ms, 0); /* faults never touch /_sim */
    free(r.body);
    const char *paths[][3] = { { "GET", "/_sim/nope", "404" }, { "GET", "/_sim/logs", "405" },
                               { "DELETE", "/_sim/health", "405" },
                               { "GET", "/_sim/credentials", "404" } };
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        control(st, paths[i][0], paths[i][1], NULL, &r);
        CU_ASSERT_EQUAL(r.status, atoi(paths[i][2]));
        free(r.body);
    }
    sim_state_free(st);
}

static void test_sim_dispatch_counts_and_mutations(void)
{
    struct sim_state *st = state(0, 0, 0, 0);
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", NULL), 200);
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", NULL), 200);
    CU_ASSERT_EQUAL(ecs(st, "UpdateService", "{\"cluster\":\"demo-fargate\",\"service\":"
                        "\"rover-agent\",\"desiredCount\":1}", NULL), 200);
    struct sreq s; /* a wrong secret is not an authentic request: not counted */
    sign_as(&s, "ecs", ECS "ListClusters", "{}", SIM_ACCESS_KEY, "wrong", NULL);
    struct sim_reply r;
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "InvalidSignatureException"));
    free(r.body);
    sigv4_result_free(&s.res);
    cJSON *j = requests(st);
    CU_ASSERT_EQUAL(num(j, "operations", "ecs.ListClusters"), 2);
    CU_ASSERT_EQUAL(num(j, "operations", "ecs.UpdateService"), 1);
    CU_ASSERT_EQUAL(num(j, "faults_injected", "throttle"), 0);
    const cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "mutating"), 0);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(cJSON_GetObjectItem(j, "mutating")), 1);
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(m, "operation")->valuestring, "ecs.UpdateService");
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "body"), "desiredCount")->valueint, 1);
    CU_ASSERT_EQUAL(strlen(cJSON_GetObjectItem(m, "at")->valuestring), 24); /* ...:25.123Z */
    cJSON_Delete(j);
    sim_state_free(st);
}

static void test_sim_dispatch_throttle(void)
{
    struct sim_state *st = state(1, 0, 0, 0);
    char *body;
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", &body), 400);
    CU_ASSERT_STRING_EQUAL(body, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    free(body);
    struct sreq s; /* the query protocol: an XML error, code Throttling */
    sign(&s, "sts", NULL, "Action=GetCallerIdentity&Version=2011-06-15");
    struct sim_reply r;
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_STRING_EQUAL(r.content_type, "text/xml");
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Code>Throttling</Code>"));
    free(r.body);
    st->faults.throttle_ecs_logs_only = 1; /* the throttling scenario: STS goes through */
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Arn>arn:aws:iam::123456789012:"));
    free(r.body);
    sigv4_result_free(&s.res);
    cJSON *j = requests(st);
    CU_ASSERT_EQUAL(num(j, "faults_injected", "throttle"), 2);
    CU_ASSERT_EQUAL(num(j, "operations", "sts.GetCallerIdentity"), 2);
    cJSON_Delete(j);
    sim_state_free(st);
}

static void test_sim_dispatch_errors_alternate(void)
{
    struct sim_state *st = state(0, 1, 0, 0);
    char *b1, *b2, *b3;
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", &b1), 500);
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", &b2), 503);
    CU_ASSERT_EQUAL(ecs(st, "ListClusters", "{}", &b3), 500);
    CU_ASSERT_PTR_NOT_NULL(strstr(b1, "\"__type\":\"InternalFailure\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(b2, "\"__type\":\"ServiceUnavailable\""));
    free(b1), free(b2), free(b3);
    cJSON *j = requests(st);
    CU_ASSERT_EQUAL(num(j, "faults_injected", "error"), 3);
    cJSON_Delete(j);
    sim_state_free(st);
}

static void test_sim_dispatch_truncate(void)
{
    struct sim_state *clean = state(0, 0, 0, 0), *st = state(0, 0, 1, 0);
    char *full, *cut;
    CU_ASSERT_EQUAL(ecs(clean, "DescribeClusters", "{\"clusters\":[\"demo-fargate\"]}", &full), 200);
    for (int i = 0; i < 20; i++) {
        CU_ASSERT_EQUAL(ecs(st, "DescribeClusters", "{\"clusters\":[\"demo-fargate\"]}", &cut), 200);
        CU_ASSERT_TRUE(strlen(cut) < strlen(full));
        CU_ASSERT_EQUAL(strncmp(cut, full, strlen(cut)), 0); /* a prefix: cut, not garbled */
        cJSON *j = cJSON_Parse(cut);
        CU_ASSERT_PTR_NULL(j);
        cJSON_Delete(j);
        free(cut);
    }
    CU_ASSERT_EQUAL(ecs(st, "LaunchRockets", "{}", &cut), 400); /* errors are never cut */
    CU_ASSERT_STRING_EQUAL(cut, "{\"__type\":\"UnknownOperationException\"}");
    free(cut);
    free(full);
    cJSON *j = requests(st);
    CU_ASSERT_EQUAL(num(j, "faults_injected", "truncate"), 20);
    cJSON_Delete(j);
    sim_state_free(clean);
    sim_state_free(st);
}

static void test_sim_dispatch_delay(void)
{
    struct sim_state *st = state(0, 0, 0, 250);
    struct sreq s;
    sign(&s, "ecs", ECS "ListClusters", "{}");
    struct sim_reply r;
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_EQUAL(r.delay_ms, 250);
    free(r.body);
    sigv4_result_free(&s.res);
    struct sim_dispatch_req h = { "GET", "/svc/consumer-agent/health", "/svc/consumer-agent/health",
                                  NULL, 0, NULL, 0, 0 };
    run(st, &h, &r); /* unsigned; its own latency, plus the delay like the rest */
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_TRUE(r.delay_ms > 250);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "\"status\":\"ok\""));
    free(r.body);
    cJSON *j = requests(st);
    CU_ASSERT_EQUAL(num(j, "faults_injected", "delay"), 2);
    cJSON_Delete(j);
    sim_state_free(st);
}

static void test_sim_dispatch_query_protocol(void)
{
    struct sim_state *st = state(0, 0, 0, 0);
    struct sreq s;
    struct sim_reply r;
    sign(&s, "cloudformation", NULL, "Action=DescribeStacks&Version=2010-05-15");
    sim_route_set_request_id("rid-42");
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "cloudformation.amazonaws.com/doc/2010-05-15/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<StackName>cap-production</StackName>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<RequestId>rid-42</RequestId>"));
    free(r.body);
    sigv4_result_free(&s.res);
    sign(&s, "sts", NULL, "Version=2011-06-15");
    run(st, &s.q, &r);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Code>MissingAction</Code>"));
    free(r.body);
    sigv4_result_free(&s.res);
    sim_route_set_request_id(NULL);
    sim_state_free(st);
}

static void test_sim_dispatch_malformed(void)
{
    struct sim_state *st = state(0, 0, 0, 0);
    struct sim_reply r;
    struct sigv4_header t[] = { { "X-Amz-Target", ECS "ListClusters" } };
    struct sim_dispatch_req q = { "POST", "/", "/", t, 1, "{}", 2, 0 };
    run(st, &q, &r);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "MissingAuthenticationTokenException"));
    free(r.body);
    q.too_large = 1;
    run(st, &q, &r);
    CU_ASSERT_EQUAL(r.status, 413);
    free(r.body);
    struct sreq s;
    sign(&s, "ecs", ECS "List Clusters", "{}");
    run(st, &s.q, &r);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "UnknownOperationException"));
    free(r.body);
    sigv4_result_free(&s.res);
    sim_state_free(st);
}

static void test_sim_dispatch_temporary_credentials(void)
{
    struct sim_faults f = { 0, 0, 0, 0, 0, 60 };
    struct sim_state *st = sim_state_new(&f, 5);
    struct sim_reply r;
    control(st, "GET", "/_sim/credentials", NULL, &r);
    CU_ASSERT_EQUAL_FATAL(r.status, 200);
    struct aws_creds cr;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(credparse_container(r.body, strlen(r.body), &cr, &err), 0);
    free(r.body);
    struct sreq s;
    sign_as(&s, "ecs", ECS "ListClusters", "{}", cr.access_key, cr.secret_key, cr.session_token);
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 200);
    free(r.body);
    sigv4_result_free(&s.res);
    sign_as(&s, "ecs", ECS "ListClusters", "{}", cr.access_key, cr.secret_key, NULL);
    run(st, &s.q, &r); /* no token */
    CU_ASSERT_EQUAL(r.status, 403);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "UnrecognizedClientException"));
    free(r.body);
    sigv4_result_free(&s.res);
    st->creds.keys[0].expires_ms = 1000; /* long gone */
    sign_as(&s, "ecs", ECS "ListClusters", "{}", cr.access_key, cr.secret_key, cr.session_token);
    run(st, &s.q, &r);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT_STRING_EQUAL(r.body, "{\"__type\":\"ExpiredTokenException\",\"message\":"
                           "\"The security token included in the request is expired\"}");
    free(r.body);
    sigv4_result_free(&s.res);
    sign_as(&s, "sts", NULL, "Action=GetCallerIdentity", cr.access_key, cr.secret_key,
            cr.session_token);
    run(st, &s.q, &r);
    CU_ASSERT_PTR_NOT_NULL(strstr(r.body, "<Code>ExpiredToken</Code>"));
    free(r.body);
    sigv4_result_free(&s.res);
    aws_creds_clear(&cr);
    sim_state_free(st);
}

/* The same seed and request order give the same faults. */
static void test_sim_dispatch_replays_with_a_seed(void)
{
    struct sim_faults f = { 0.5, 0, 0, 0, 0, 0 };
    struct sim_state *a = sim_state_new(&f, 11), *b = sim_state_new(&f, 11);
    struct sim_state *c = sim_state_new(&f, 12);
    int same = 1, differs = 0;
    for (int i = 0; i < 40; i++) {
        int x = ecs(a, "ListClusters", "{}", NULL), y = ecs(b, "ListClusters", "{}", NULL);
        int z = ecs(c, "ListClusters", "{}", NULL);
        same &= x == y;
        differs |= x != z;
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_TRUE(differs);
    sim_state_free(a), sim_state_free(b), sim_state_free(c);
}

void test_sim_dispatch_register(void)
{
    CU_pSuite s = CU_add_suite("sim_dispatch", setup, teardown);
    CU_add_test(s, "control API: health, faults, 404s", test_sim_dispatch_control_api);
    CU_add_test(s, "requests counted, mutations recorded", test_sim_dispatch_counts_and_mutations);
    CU_add_test(s, "throttle: JSON and query protocol", test_sim_dispatch_throttle);
    CU_add_test(s, "errors: 500 and 503 alternate", test_sim_dispatch_errors_alternate);
    CU_add_test(s, "truncate: a cut 200, errors untouched", test_sim_dispatch_truncate);
    CU_add_test(s, "delay: AWS and health replies", test_sim_dispatch_delay);
    CU_add_test(s, "query protocol: routed by the credential scope", test_sim_dispatch_query_protocol);
    CU_add_test(s, "malformed requests", test_sim_dispatch_malformed);
    CU_add_test(s, "temporary credentials: token and expiry", test_sim_dispatch_temporary_credentials);
    CU_add_test(s, "faults replay with a seed", test_sim_dispatch_replays_with_a_seed);
}
