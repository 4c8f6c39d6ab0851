/* Tests for sim/sim_logs_ops (FilterLogEvents, GetLogEvents, DescribeLogStreams,
 * DescribeLogGroups of the fake CloudWatch Logs) and sim/sim_logs_req (request
 * parsing, page tokens). Replies are read with rollwatch's own parsers. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "core/xmalloc.h"
#include "sim/sim_logs_ops.h"
#include "sim/sim_logs_pattern.h"
#include "support/simlogs_fixture.h"

#define T0 1794999000000LL

static void inject(struct sim_world *w, const char *body)
{
    int st;
    char *r = simlogs_inject(w, body, &st);
    CU_ASSERT_EQUAL(st, 200);
    free(r);
}

static void test_sim_logs_ops_paging_same_millisecond(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    inject(w, "{\"group\":\"/burst\",\"stream\":\"s1\",\"messages\":[\"one\"],\"repeat\":1000,"
              "\"number\":true,\"same_millisecond\":true,\"delay_ms\":0,"
              "\"timestamp\":1794999000000}");
    inject(w, "{\"group\":\"/burst\",\"stream\":\"s2\",\"messages\":[\"two\"],\"repeat\":500,"
              "\"number\":true,\"same_millisecond\":true,\"delay_ms\":0,"
              "\"timestamp\":1794999000000}");
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/burst\"", 100, &e), 0);
    CU_ASSERT_EQUAL_FATAL(e.n, 1500);
    CU_ASSERT_EQUAL(e.pages, 15);
    for (size_t i = 0; i < e.n; i++) {
        char want[32];
        snprintf(want, sizeof want, "%s #%zu", i < 1000 ? "one" : "two",
                 i < 1000 ? i + 1 : i - 999);
        CU_ASSERT_STRING_EQUAL(e.ev[i].msg, want); /* each once, in ingestion order */
        CU_ASSERT_EQUAL(e.ev[i].ts, T0);
        CU_ASSERT_STRING_EQUAL(e.ev[i].stream, i < 1000 ? "s1" : "s2");
    }
    simlogs_events_free(&e);
    /* pages that end mid-millisecond, with a pattern */
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/burst\","
                                                "\"filterPattern\":\"two\"", 7, &e), 0);
    CU_ASSERT_EQUAL(e.n, 500);
    CU_ASSERT_STRING_EQUAL(e.ev[499].msg, "two #500");
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static void test_sim_logs_ops_filter_equals_truth(void)
{
    struct sim_world *w = simlogs_world("bad-deploy", 3);
    struct simlogs_events got, truth;
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/ecs/consumer-agent\"", 333,
                                             &got), 0);
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/consumer-agent", &truth), 0);
    CU_ASSERT_EQUAL_FATAL(got.n, truth.n);
    for (size_t i = 0; i < got.n; i++)
        CU_ASSERT_STRING_EQUAL(got.ev[i].id, truth.ev[i].id);
    simlogs_events_free(&got);
    /* a JSON pattern returns exactly the events it matches */
    const char *pat = "{ $.status >= 500 || $.level = \"warning\" }";
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupIdentifier\":\"arn:aws:logs:us-east-1:"
                          "123456789012:log-group:/ecs/consumer-agent:*\",\"filterPattern\":"
                          "\"{ $.status >= 500 || $.level = \\\"warning\\\" }\"", 10000, &got), 0);
    struct sim_logs_pattern *p;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sim_logs_pattern_compile(pat, strlen(pat), &p, &err), 0);
    size_t k = 0;
    for (size_t i = 0; i < truth.n; i++)
        if (sim_logs_pattern_match(p, truth.ev[i].msg, strlen(truth.ev[i].msg))) {
            CU_ASSERT_FATAL(k < got.n);
            CU_ASSERT_STRING_EQUAL(got.ev[k].id, truth.ev[i].id);
            k++;
        }
    CU_ASSERT_EQUAL(k, got.n);
    CU_ASSERT_TRUE(k > 20);
    sim_logs_pattern_free(p);
    simlogs_events_free(&got);
    simlogs_events_free(&truth);
    simlogs_world_free(w);
}

static void test_sim_logs_ops_interleaved_and_ranges(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    for (int i = 0; i < 6; i++) {
        char body[200];
        snprintf(body, sizeof body, "{\"group\":\"/mix\",\"stream\":\"s%d\",\"messages\":"
                 "[\"m%d\"],\"delay_ms\":0,\"timestamp\":%lld}", i % 2 + 1, i, T0 + i);
        inject(w, body);
    }
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/mix\"", 100, &e), 0);
    CU_ASSERT_EQUAL_FATAL(e.n, 6);
    for (size_t i = 0; i < e.n; i++) {
        char want[24];
        snprintf(want, sizeof want, "m%zu", i);
        CU_ASSERT_STRING_EQUAL(e.ev[i].msg, want);
        CU_ASSERT_STRING_EQUAL(e.ev[i].stream, i % 2 ? "s2" : "s1");
    }
    simlogs_events_free(&e);
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/mix\",\"logStreamNames\":"
                                                "[\"s2\",\"nope\"]", 100, &e), 0);
    CU_ASSERT_EQUAL(e.n, 3);
    simlogs_events_free(&e);
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/mix\",\"logStreamNamePrefix\":"
                                                "\"s\",\"startTime\":1794999000001,"
                                                "\"endTime\":1794999000003", 100, &e), 0);
    CU_ASSERT_EQUAL_FATAL(e.n, 3); /* both ends inclusive */
    CU_ASSERT_STRING_EQUAL(e.ev[0].msg, "m1");
    CU_ASSERT_STRING_EQUAL(e.ev[2].msg, "m3");
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static void test_sim_logs_ops_page_bytes(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    char *msg = xmalloc(1001), *body;
    memset(msg, 'x', 1000);
    msg[1000] = '\0';
    body = xasprintf("{\"group\":\"/big\",\"stream\":\"s\",\"messages\":[\"%s\"],\"repeat\":3000,"
                     "\"delay_ms\":0}", msg);
    inject(w, body);
    int st;
    char *r = simlogs_call(w, "FilterLogEvents", "{\"logGroupName\":\"/big\"}", &st);
    struct logs_page pg;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(logs_parse_filter(r, strlen(r), &pg, &err), 0);
    CU_ASSERT_TRUE(pg.nevents > 500 && pg.nevents < 1000); /* 1 MB, not 10 000 events */
    CU_ASSERT_TRUE(strlen(r) < 1100000);
    CU_ASSERT_PTR_NOT_NULL(pg.next_token);
    logs_page_free(&pg);
    free(r);
    struct simlogs_events e;
    CU_ASSERT_EQUAL(simlogs_filter_all(w, "\"logGroupName\":\"/big\"", 10000, &e), 0);
    CU_ASSERT_EQUAL(e.n, 3000);
    CU_ASSERT_TRUE(e.pages >= 3);
    simlogs_events_free(&e);
    free(body);
    free(msg);
    simlogs_world_free(w);
}

/* Call op with body and check the error: status 400, __type and (if given) message. */
static void expect_error(struct sim_world *w, const char *op, const char *body, const char *type,
                         const char *message)
{
    int st;
    char *r = simlogs_call(w, op, body, &st);
    cJSON *o = cJSON_Parse(r);
    const cJSON *t = cJSON_GetObjectItem(o, "__type"), *m = cJSON_GetObjectItem(o, "message");
    CU_ASSERT_EQUAL(st, 400);
    if (!cJSON_IsString(t) || strcmp(t->valuestring, type) != 0 ||
        (message && (!cJSON_IsString(m) || strcmp(m->valuestring, message) != 0))) {
        CU_FAIL("unexpected error reply");
        fprintf(stderr, "\n%s %s -> %s\n", op, body, r);
    }
    cJSON_Delete(o);
    free(r);
}

static void test_sim_logs_ops_errors(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    const char *ip = "InvalidParameterException";
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/nope\"}", "ResourceNotFoundException",
                 "The specified log group does not exist.");
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":", "SerializationException", NULL);
    expect_error(w, "FilterLogEvents", "[]", "SerializationException", NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":5}", "SerializationException", NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\",\"limit\":\"5\"}",
                 "SerializationException", NULL);
    expect_error(w, "FilterLogEvents", "{}", ip, NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\",\"limit\":0}", ip,
                 NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\",\"limit\":10001}",
                 ip, NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"logGroupIdentifier\":\"/ecs/rover-agent\"}", ip, NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"filterPattern\":\"status=500\"}", ip, "Invalid filter pattern");
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"nextToken\":\"000001a1ee3afe04000000000000001c01b41b78\"}", ip,
                 "The specified nextToken is invalid.");
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"logStreamNames\":[\"a\"],\"logStreamNamePrefix\":\"a\"}", ip, NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"startTime\":5,\"endTime\":4}", ip, NULL);
    expect_error(w, "FilterLogEvents", "{\"logGroupName\":\"bad name!\"}", ip, NULL);
    expect_error(w, "GetLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\"}", ip, NULL);
    expect_error(w, "GetLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"logStreamName\":\"ecs/x\"}", "ResourceNotFoundException",
                 "The specified log stream does not exist.");
    expect_error(w, "GetLogEvents", "{\"logGroupName\":\"/ecs/rover-agent\",\"logStreamName\":"
                 "\"ecs/x\",\"nextToken\":\"f/1/s\"}", "ResourceNotFoundException", NULL);
    expect_error(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"orderBy\":\"LastEventTime\",\"logStreamNamePrefix\":\"ecs\"}", ip,
                 "Cannot order by LastEventTime with a logStreamNamePrefix.");
    expect_error(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/rover-agent\",\"limit\":51}",
                 ip, NULL);
    expect_error(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"orderBy\":\"Size\"}", ip, NULL);
    expect_error(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/rover-agent\","
                 "\"nextToken\":\"zz\"}", ip, NULL);
    expect_error(w, "DescribeLogGroups", "{\"limit\":0}", ip, NULL);
    expect_error(w, "PutRetentionPolicy", "{}", "UnknownOperationException", NULL);
    simlogs_world_free(w);
}

/* GetLogEvents with body; the page (caller frees) and the messages' numbers in nums. */
static void get_page(struct sim_world *w, const char *body, struct logs_page *pg, int *nums)
{
    int st;
    char *r = simlogs_call(w, "GetLogEvents", body, &st);
    struct rw_err err;
    CU_ASSERT_EQUAL(st, 200);
    CU_ASSERT_EQUAL_FATAL(logs_parse_get(r, strlen(r), pg, &err), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg->next_forward_token);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg->next_backward_token);
    CU_ASSERT_EQUAL(strlen(pg->next_forward_token), 60);
    CU_ASSERT_EQUAL(strncmp(pg->next_forward_token, "f/", 2), 0);
    CU_ASSERT_EQUAL(strncmp(pg->next_backward_token, "b/", 2), 0);
    for (size_t i = 0; i < pg->nevents; i++) {
        const char *hash = strchr(pg->events[i].message, '#');
        nums[i] = hash ? atoi(hash + 1) : -1;
        CU_ASSERT_EQUAL(pg->events[i].timestamp_ms, T0 + nums[i] - 1);
    }
    free(r);
}

/* Follow tok (a "f/…" or "b/…" token) with limit 10; first..last expected (0, 0: none). */
static char *follow(struct sim_world *w, const char *tok, int first, int last, int forward)
{
    char body[256];
    int nums[32];
    struct logs_page pg;
    snprintf(body, sizeof body, "{\"logGroupName\":\"/get\",\"logStreamName\":\"g\",\"limit\":10,"
             "\"nextToken\":\"%s\"}", tok);
    get_page(w, body, &pg, nums);
    CU_ASSERT_EQUAL(pg.nevents, (size_t)(first ? last - first + 1 : 0));
    for (size_t i = 0; i < pg.nevents; i++)
        CU_ASSERT_EQUAL(nums[i], first + (int)i);
    if (!first) /* nothing left: the token comes back */
        CU_ASSERT_STRING_EQUAL(forward ? pg.next_forward_token : pg.next_backward_token, tok);
    char *next = xstrdup(forward ? pg.next_forward_token : pg.next_backward_token);
    logs_page_free(&pg);
    return next;
}

static void test_sim_logs_ops_get_tokens(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    inject(w, "{\"group\":\"/get\",\"stream\":\"g\",\"messages\":[\"e\"],\"repeat\":25,"
              "\"number\":true,\"delay_ms\":0,\"timestamp\":1794999000000}");
    inject(w, "{\"group\":\"/get\",\"stream\":\"other\",\"messages\":[\"x\"],\"repeat\":50,"
              "\"delay_ms\":0,\"timestamp\":1794999000000}");
    struct logs_page pg;
    int nums[32];
    get_page(w, "{\"logGroupName\":\"/get\",\"logStreamName\":\"g\",\"startFromHead\":true,"
                "\"limit\":10}", &pg, nums);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 10);
    CU_ASSERT_EQUAL(nums[0], 1);
    char *t = xstrdup(pg.next_forward_token), *n;
    logs_page_free(&pg);
    n = follow(w, t, 11, 20, 1), free(t), t = n;
    n = follow(w, t, 21, 25, 1), free(t), t = n;
    n = follow(w, t, 0, 0, 1), free(t), t = n;
    free(t);
    /* from the tail (the default), then backwards */
    get_page(w, "{\"logGroupName\":\"/get\",\"logStreamName\":\"g\",\"limit\":10}", &pg, nums);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 10);
    CU_ASSERT_EQUAL(nums[0], 16);
    CU_ASSERT_EQUAL(nums[9], 25);
    t = xstrdup(pg.next_backward_token);
    char *fwd = xstrdup(pg.next_forward_token);
    logs_page_free(&pg);
    n = follow(w, t, 6, 15, 0), free(t), t = n;
    n = follow(w, t, 1, 5, 0), free(t), t = n;
    n = follow(w, t, 0, 0, 0), free(t), t = n;
    free(t);
    /* following the tail: new lines show up behind the forward token */
    inject(w, "{\"group\":\"/get\",\"stream\":\"g\",\"messages\":[\"later #26\",\"later #27\"],"
              "\"delay_ms\":0,\"timestamp\":1794999000025}");
    free(follow(w, fwd, 26, 27, 1));
    free(fwd);
    /* startTime inclusive, endTime exclusive */
    get_page(w, "{\"logGroupName\":\"/get\",\"logStreamName\":\"g\",\"startFromHead\":true,"
                "\"startTime\":1794999000005,\"endTime\":1794999000008}", &pg, nums);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 3);
    CU_ASSERT_EQUAL(nums[0], 6);
    CU_ASSERT_EQUAL(nums[2], 8);
    logs_page_free(&pg);
    simlogs_world_free(w);
}

static void test_sim_logs_ops_describe_streams(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int st;
    struct rw_err err;
    struct logs_stream_list l;
    char *r = simlogs_call(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/payments-api\"}",
                           &st);
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(r, strlen(r), &l, &err), 0);
    free(r);
    CU_ASSERT_EQUAL_FATAL(l.nstreams, 6); /* 3 tasks: the app (FireLens) and the log router */
    for (size_t i = 1; i < l.nstreams; i++)
        CU_ASSERT_TRUE(strcmp(l.streams[i - 1].name, l.streams[i].name) < 0);
    CU_ASSERT_EQUAL(strncmp(l.streams[0].name, "ecs/log_router/", 15), 0);
    CU_ASSERT_EQUAL(strncmp(l.streams[5].name, "firelens/payments-api-firelens-", 31), 0);
    CU_ASSERT_TRUE(l.streams[5].last_ingestion_ms <= SIMLOGS_NOW &&
                   l.streams[5].last_event_ms > SIMLOGS_NOW - 5000);
    CU_ASSERT_PTR_NOT_NULL(strstr(l.streams[5].arn, ":log-group:/ecs/payments-api:log-stream:"));
    /* paging one at a time gives the same list */
    char *tok = NULL;
    for (size_t i = 0; i < l.nstreams; i++) {
        char body[256];
        snprintf(body, sizeof body, "{\"logGroupName\":\"/ecs/payments-api\",\"limit\":1%s%s%s}",
                 tok ? ",\"nextToken\":\"" : "", tok ? tok : "", tok ? "\"" : "");
        struct logs_stream_list one;
        r = simlogs_call(w, "DescribeLogStreams", body, &st);
        CU_ASSERT_EQUAL_FATAL(logs_parse_describe(r, strlen(r), &one, &err), 0);
        free(r);
        free(tok);
        CU_ASSERT_EQUAL_FATAL(one.nstreams, 1);
        CU_ASSERT_STRING_EQUAL(one.streams[0].name, l.streams[i].name);
        CU_ASSERT_EQUAL(one.next_token == NULL, i + 1 == l.nstreams);
        tok = one.next_token ? xstrdup(one.next_token) : NULL;
        logs_stream_list_free(&one);
    }
    free(tok);
    logs_stream_list_free(&l);
    r = simlogs_call(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/payments-api\","
                     "\"orderBy\":\"LastEventTime\",\"descending\":true}", &st);
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(r, strlen(r), &l, &err), 0);
    free(r);
    for (size_t i = 1; i < l.nstreams; i++)
        CU_ASSERT_TRUE(l.streams[i - 1].last_event_ms >= l.streams[i].last_event_ms);
    CU_ASSERT_EQUAL(strncmp(l.streams[0].name, "firelens/", 9), 0); /* the busiest */
    logs_stream_list_free(&l);
    r = simlogs_call(w, "DescribeLogStreams", "{\"logGroupName\":\"/ecs/payments-api\","
                     "\"logStreamNamePrefix\":\"ecs/log_router/\",\"descending\":true}", &st);
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(r, strlen(r), &l, &err), 0);
    free(r);
    CU_ASSERT_EQUAL(l.nstreams, 3);
    CU_ASSERT_TRUE(strcmp(l.streams[0].name, l.streams[1].name) > 0);
    logs_stream_list_free(&l);
    simlogs_world_free(w);
}

static const char *group_name(const cJSON *groups, int i)
{
    const cJSON *n = cJSON_GetObjectItem(cJSON_GetArrayItem(groups, i), "logGroupName");
    return cJSON_IsString(n) ? n->valuestring : "";
}

static void test_sim_logs_ops_describe_groups(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int st;
    char *r = simlogs_call(w, "DescribeLogGroups", "{\"limit\":2}", &st);
    cJSON *o = cJSON_Parse(r);
    const cJSON *gs = cJSON_GetObjectItem(o, "logGroups");
    const cJSON *tok = cJSON_GetObjectItem(o, "nextToken");
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(gs), 2);
    CU_ASSERT_STRING_EQUAL(group_name(gs, 0), "/ecs/consumer-agent");
    CU_ASSERT_STRING_EQUAL(cJSON_GetObjectItem(cJSON_GetArrayItem(gs, 0), "arn")->valuestring,
                           "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/consumer-agent:*");
    CU_ASSERT_TRUE(cJSON_GetObjectItem(cJSON_GetArrayItem(gs, 0), "storedBytes")->valuedouble > 0);
    CU_ASSERT_FATAL(cJSON_IsString(tok));
    char body[128];
    snprintf(body, sizeof body, "{\"limit\":2,\"nextToken\":\"%s\"}", tok->valuestring);
    cJSON_Delete(o);
    free(r);
    r = simlogs_call(w, "DescribeLogGroups", body, &st);
    o = cJSON_Parse(r);
    gs = cJSON_GetObjectItem(o, "logGroups");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(gs), 1);
    CU_ASSERT_STRING_EQUAL(group_name(gs, 0), "/ecs/rover-agent");
    CU_ASSERT_PTR_NULL(cJSON_GetObjectItem(o, "nextToken"));
    cJSON_Delete(o);
    free(r);
    r = simlogs_call(w, "DescribeLogGroups", "{\"logGroupNamePrefix\":\"/ecs/p\"}", &st);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "\"/ecs/payments-api\""));
    CU_ASSERT_PTR_NULL(strstr(r, "rover"));
    free(r);
    simlogs_world_free(w);
}

void test_sim_logs_ops_register(void)
{
    CU_pSuite s = CU_add_suite("sim_logs_ops", NULL, NULL);
    CU_add_test(s, "FilterLogEvents pages 1 500 events of one millisecond",
                test_sim_logs_ops_paging_same_millisecond);
    CU_add_test(s, "FilterLogEvents pages equal the ground truth, with and without a pattern",
                test_sim_logs_ops_filter_equals_truth);
    CU_add_test(s, "FilterLogEvents interleaves streams; names, prefix, inclusive times",
                test_sim_logs_ops_interleaved_and_ranges);
    CU_add_test(s, "FilterLogEvents pages end at 1 MB", test_sim_logs_ops_page_bytes);
    CU_add_test(s, "errors as AWS answers them", test_sim_logs_ops_errors);
    CU_add_test(s, "GetLogEvents: head, tail, forward and backward tokens",
                test_sim_logs_ops_get_tokens);
    CU_add_test(s, "DescribeLogStreams: order, paging, prefix", test_sim_logs_ops_describe_streams);
    CU_add_test(s, "DescribeLogGroups: order, paging, prefix", test_sim_logs_ops_describe_groups);
}
