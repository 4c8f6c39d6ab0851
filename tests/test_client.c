/* Tests for clients/aws/client against a loopback server that throttles,
 * fails and stalls: the AWS standard retry rules, mutating-call safety,
 * clock-skew correction, expired-token refresh and request shape. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clients/aws/client.h"
#include "core/clock.h"
#include "core/log.h"
#include "support/loopback.h"

static int invalidations;
static const char *token;

static int get_creds(void *ud, struct aws_creds *out, struct rw_err *err)
{
    (void)ud, (void)err;
    out->access_key = strdup("AKIDEXAMPLE");
    out->secret_key = strdup("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    out->session_token = token ? strdup(token) : NULL;
    return 0;
}

static int no_creds(void *ud, struct aws_creds *out, struct rw_err *err)
{
    (void)ud, (void)out;
    return rw_err_set(err, RW_E_CREDS, "no credentials found");
}

static void invalidate(void *ud)
{
    (void)ud;
    invalidations++;
}

static double zero(void) { return 0.0; }

struct got { int done; struct aws_reply r; char body[256]; };

static void on_reply(const struct aws_reply *r, void *ud)
{
    struct got *g = ud;
    g->done++;
    g->r = *r;
    snprintf(g->body, sizeof g->body, "%.*s", (int)(r->len < 255 ? r->len : 255), r->body ? r->body : "");
    g->r.body = NULL;
}

static const struct aws_op describe = { AWS_SVC_ECS, AWS_PROTO_JSON_1_1,
    "AmazonEC2ContainerServiceV20141113.DescribeServices", "DescribeServices", 0, 0 };
static const struct aws_op update = { AWS_SVC_ECS, AWS_PROTO_JSON_1_1,
    "AmazonEC2ContainerServiceV20141113.UpdateService", "UpdateService", 1, 0 };

/* Run one call against url; returns the reply. */
static struct got run(const char *url, const struct aws_op *op, long timeout_ms,
                      int (*get)(void *, struct aws_creds *, struct rw_err *), int *quota)
{
    struct rw_loop *loop = rw_loop_new();
    struct aws_client_config cfg = { .loop = loop, .region = "us-east-1", .rand01 = zero,
                                     .timeout_ms = timeout_ms,
                                     .creds = { get, invalidate, NULL } };
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        cfg.endpoints[i] = url;
    struct aws_client *c = aws_client_new(&cfg);
    struct got g;
    memset(&g, 0, sizeof g);
    aws_call(c, op, "{\"cluster\":\"demo\"}", 18, on_reply, &g);
    CU_ASSERT_EQUAL(g.done, 0); /* never called back inside aws_call */
    int64_t start = rw_mono_ms();
    while (!g.done && rw_mono_ms() - start < 10000)
        rw_loop_run_once(loop, 100);
    if (quota)
        *quota = aws_client_retry_quota(c);
    aws_client_free(c);
    rw_loop_free(loop);
    return g;
}

#define THROTTLE { 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", NULL, 0 }
#define OK { 200, "{\"services\":[]}", "x-amzn-RequestId: r1\n", 0 }
#define FAIL500 { 500, "{\"__type\":\"ServerException\",\"message\":\"boom\"}", NULL, 0 }

static void test_client_retries_throttling_then_succeeds(void)
{
    static const struct lb_response script[] = { THROTTLE, THROTTLE, OK };
    struct lb_server *s = lb_start(script, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    int quota;
    struct got g = run(lb_url(s), &describe, 0, get_creds, &quota);
    CU_ASSERT_EQUAL(g.done, 1);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_EQUAL(g.r.attempts, 3);
    CU_ASSERT_EQUAL(g.r.throttled, 2);
    CU_ASSERT_STRING_EQUAL(g.body, "{\"services\":[]}");
    CU_ASSERT_EQUAL(lb_requests(s), 3);
    CU_ASSERT_EQUAL(quota, 500 - 5 - 5 + 5); /* two retries cost 5 each; success refunds one */
    lb_stop(s);
}

static void test_client_gives_up_after_three_attempts(void)
{
    static const struct lb_response script[] = { FAIL500 };
    struct lb_server *s = lb_start(script, 1);
    struct got g = run(lb_url(s), &describe, 0, get_creds, NULL);
    CU_ASSERT_FALSE(g.r.ok);
    CU_ASSERT_EQUAL(g.r.attempts, 3);
    CU_ASSERT_EQUAL(lb_requests(s), 3);
    CU_ASSERT_EQUAL(g.r.err.code, RW_E_AWS);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.r.err.msg, "DescribeServices: ServerException: boom (HTTP 500"));
    lb_stop(s);
}

static void test_client_mutating_call_not_retried_on_5xx(void)
{
    static const struct lb_response script[] = { FAIL500, OK };
    struct lb_server *s = lb_start(script, 2);
    struct got g = run(lb_url(s), &update, 0, get_creds, NULL);
    CU_ASSERT_FALSE(g.r.ok);
    CU_ASSERT_EQUAL(g.r.attempts, 1);
    CU_ASSERT_EQUAL(lb_requests(s), 1);
    lb_stop(s);
}

static void test_client_mutating_call_retried_on_throttling(void)
{
    static const struct lb_response script[] = { THROTTLE, OK };
    struct lb_server *s = lb_start(script, 2);
    struct got g = run(lb_url(s), &update, 0, get_creds, NULL);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_EQUAL(g.r.attempts, 2);
    lb_stop(s);
}

static void test_client_mutating_timeout_is_never_resent(void)
{
    static const struct lb_response script[] = { { 200, "{}", NULL, 1500 }, OK };
    struct lb_server *s = lb_start(script, 2);
    struct got g = run(lb_url(s), &update, 300, get_creds, NULL);
    CU_ASSERT_FALSE(g.r.ok);
    CU_ASSERT(g.r.maybe_applied);
    CU_ASSERT_EQUAL(g.r.attempts, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(g.r.err.msg, "describe the service"));
    lb_stop(s);
}

static void test_client_read_timeout_is_retried(void)
{
    static const struct lb_response script[] = { { 200, "{}", NULL, 1500 }, OK };
    struct lb_server *s = lb_start(script, 2);
    struct got g = run(lb_url(s), &describe, 300, get_creds, NULL);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_EQUAL(g.r.attempts, 2);
    lb_stop(s);
}

static void test_client_connection_refused_retries_even_mutating(void)
{
    struct lb_server *s = lb_start((const struct lb_response[]){ OK }, 1);
    char url[64];
    snprintf(url, sizeof url, "%s", lb_url(s));
    lb_stop(s); /* nothing listens there any more */
    struct got g = run(url, &update, 0, get_creds, NULL);
    CU_ASSERT_FALSE(g.r.ok);
    CU_ASSERT_FALSE(g.r.maybe_applied);
    CU_ASSERT_EQUAL(g.r.attempts, 3);
    CU_ASSERT_EQUAL(g.r.err.code, RW_E_NET);
}

static void test_client_expired_token_refreshes_once(void)
{
    static const struct lb_response script[] = {
        { 400, "{\"__type\":\"ExpiredTokenException\",\"message\":\"expired\"}", NULL, 0 }, OK };
    struct lb_server *s = lb_start(script, 2);
    invalidations = 0;
    struct got g = run(lb_url(s), &describe, 0, get_creds, NULL);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_EQUAL(invalidations, 1);
    CU_ASSERT_EQUAL(lb_requests(s), 2);
    lb_stop(s);
}

static void test_client_corrects_clock_skew_from_date(void)
{
    char date[64], hdr[96];
    time_t ahead = time(NULL) + 3600;
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", gmtime(&ahead));
    snprintf(hdr, sizeof hdr, "Date: %s\n", date);
    struct lb_response script[] = {
        { 400, "{\"__type\":\"InvalidSignatureException\",\"message\":\"Signature expired: x\"}", hdr, 0 },
        OK };
    struct lb_server *s = lb_start(script, 2);
    struct got g = run(lb_url(s), &describe, 0, get_creds, NULL);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_EQUAL_FATAL(lb_requests(s), 2);
    char want[17];
    strftime(want, sizeof want, "%Y%m%dT%H", gmtime(&ahead)); /* signed an hour ahead */
    CU_ASSERT_EQUAL(strncmp(lb_header(s, 1, "X-Amz-Date"), want, 11), 0);
    lb_stop(s);
}

static void test_client_request_shape(void)
{
    static const struct lb_response script[] = { OK };
    struct lb_server *s = lb_start(script, 1);
    token = "FQoGZXIvYXdzEXAMPLETOKEN";
    char logpath[] = "/tmp/rwclientlogXXXXXX";
    int lfd = mkstemp(logpath);
    close(lfd);
    struct rw_err lerr;
    rw_log_open(logpath, RW_LOG_DEBUG, &lerr); /* --debug */
    struct aws_op metrics = { AWS_SVC_CLOUDWATCH, AWS_PROTO_JSON_1_0,
                              "GraniteServiceVersion20100801.GetMetricData", "GetMetricData", 0, 0 };
    struct got g = run(lb_url(s), &metrics, 0, get_creds, NULL);
    token = NULL;
    CU_ASSERT(g.r.ok);
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "X-Amz-Target"), "GraniteServiceVersion20100801.GetMetricData");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "Content-Type"), "application/x-amz-json-1.0");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "x-amzn-query-mode"), "true");
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "X-Amz-Security-Token"), "FQoGZXIvYXdzEXAMPLETOKEN");
    const char *auth = lb_header(s, 0, "Authorization");
    CU_ASSERT_PTR_NOT_NULL_FATAL(auth);
    CU_ASSERT_PTR_NOT_NULL(strstr(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    CU_ASSERT_PTR_NOT_NULL(strstr(auth, "/us-east-1/monitoring/aws4_request"));
    CU_ASSERT_PTR_NOT_NULL(strstr(auth, "x-amz-security-token"));
    CU_ASSERT_STRING_EQUAL(lb_body(s, 0), "{\"cluster\":\"demo\"}");
    rw_log_close();
    char text[8192] = "";
    FILE *fp = fopen(logpath, "r");
    size_t n = fp ? fread(text, 1, sizeof text - 1, fp) : 0;
    text[n] = '\0';
    if (fp)
        fclose(fp);
    unlink(logpath);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "-> GetMetricData attempt 1: POST http://127.0.0.1:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "<- GetMetricData: HTTP 200"));
    CU_ASSERT_PTR_NULL(strstr(text, "wJalrXUtnFEMI")); /* the secret key never */
    lb_stop(s);
}

static void test_client_anonymous_call_is_unsigned_and_needs_no_credentials(void)
{
    static const struct lb_response script[] = { OK };
    struct lb_server *s = lb_start(script, 1);
    struct aws_op web = { AWS_SVC_STS, AWS_PROTO_QUERY, NULL, "AssumeRoleWithWebIdentity", 0, 1 };
    struct got g = run(lb_url(s), &web, 0, no_creds, NULL);
    CU_ASSERT(g.r.ok);
    CU_ASSERT_PTR_NULL(lb_header(s, 0, "Authorization"));
    CU_ASSERT_STRING_EQUAL(lb_header(s, 0, "Content-Type"),
                           "application/x-www-form-urlencoded; charset=utf-8");
    lb_stop(s);
}

static void test_client_missing_credentials_fail_without_sending(void)
{
    static const struct lb_response script[] = { OK };
    struct lb_server *s = lb_start(script, 1);
    struct got g = run(lb_url(s), &describe, 0, no_creds, NULL);
    CU_ASSERT_EQUAL(g.done, 1);
    CU_ASSERT_FALSE(g.r.ok);
    CU_ASSERT_EQUAL(g.r.err.code, RW_E_CREDS);
    CU_ASSERT_EQUAL(lb_requests(s), 0);
    lb_stop(s);
}

static void test_client_bucket_limits_to_five_per_second(void)
{
    struct aws_bucket b = { 0, 5.0, 5.0, 0 };
    int64_t t = 1000;
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(aws_bucket_take(&b, t), 0); /* a burst of five */
    int64_t wait = aws_bucket_take(&b, t);
    CU_ASSERT(wait > 150 && wait <= 201);
    CU_ASSERT(aws_bucket_take(&b, t + 100) > 0);
    CU_ASSERT_EQUAL(aws_bucket_take(&b, t + 201), 0);
    int granted = 0; /* over ten seconds, at most 5/s (plus the first burst) */
    for (int64_t now = t + 202; now < t + 10202; now += 10)
        granted += aws_bucket_take(&b, now) == 0;
    CU_ASSERT(granted >= 49 && granted <= 51);
}

void test_client_register(void)
{
    CU_pSuite s = CU_add_suite("client", NULL, NULL);
    CU_add_test(s, "retries throttling, then succeeds", test_client_retries_throttling_then_succeeds);
    CU_add_test(s, "gives up after three attempts", test_client_gives_up_after_three_attempts);
    CU_add_test(s, "mutating call not retried on 5xx", test_client_mutating_call_not_retried_on_5xx);
    CU_add_test(s, "mutating call retried on throttling", test_client_mutating_call_retried_on_throttling);
    CU_add_test(s, "mutating timeout is never re-sent", test_client_mutating_timeout_is_never_resent);
    CU_add_test(s, "read timeout is retried", test_client_read_timeout_is_retried);
    CU_add_test(s, "connection refused retries even mutating", test_client_connection_refused_retries_even_mutating);
    CU_add_test(s, "expired token refreshes once", test_client_expired_token_refreshes_once);
    CU_add_test(s, "corrects clock skew from Date", test_client_corrects_clock_skew_from_date);
    CU_add_test(s, "request shape: target, JSON 1.0, token, signature", test_client_request_shape);
    CU_add_test(s, "anonymous call: unsigned, no credentials", test_client_anonymous_call_is_unsigned_and_needs_no_credentials);
    CU_add_test(s, "missing credentials fail without sending", test_client_missing_credentials_fail_without_sending);
    CU_add_test(s, "FilterLogEvents bucket: 5 per second", test_client_bucket_limits_to_five_per_second);
}
