/* Tests for clients/aws/logs: FilterLogEvents, GetLogEvents and
 * DescribeLogStreams bodies and pages, byte-exact messages, stream names. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"

#define T1 "ecs/consumer-agent/3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b"
#define T2 "ecs/consumer-agent/9b1c7e2d4a6f4c8e9d0b1a2c3e4f5a6b"

static char *slurp(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/logs/%s", name);
    FILE *fp = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    CU_ASSERT_EQUAL_FATAL(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

static int load_page(const char *name, struct logs_page *pg)
{
    size_t len;
    struct rw_err err;
    char *body = slurp(name, &len);
    int rc = strncmp(name, "get", 3) == 0 ? logs_parse_get(body, len, pg, &err)
                                          : logs_parse_filter(body, len, pg, &err);
    free(body);
    return rc;
}

static int msg_is(const struct logs_event *ev, const char *bytes, size_t len)
{
    return ev->message && ev->message_len == len && memcmp(ev->message, bytes, len) == 0 &&
           ev->message[len] == '\0';
}
#define MSG_IS(ev, lit) msg_is((ev), (lit), sizeof(lit) - 1)

static void test_logs_filter_page_reads_every_field(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_page.json", &pg), 0);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 5);
    const struct logs_event *e = pg.events;
    CU_ASSERT_STRING_EQUAL(e[0].stream, T1);
    CU_ASSERT_STRING_EQUAL(e[1].stream, T2);
    CU_ASSERT_EQUAL(e[0].timestamp_ms, 1718031790112LL);
    CU_ASSERT_EQUAL(e[0].ingestion_ms, 1718031790419LL);
    CU_ASSERT_STRING_EQUAL(e[0].event_id,
                           "38306124586925218476311462378473302405389163429361745920");
    CU_ASSERT(MSG_IS(&e[0], "{\"level\":\"info\",\"event\":\"boot\",\"boot_ms\":4120,"
                            "\"version\":\"1.42.0\"}"));
    CU_ASSERT(MSG_IS(&e[1], "{\"level\":\"error\",\"event\":\"upstream timeout\",\"upstream\":"
                            "\"http://rover-agent.internal:8080/v1/jobs\",\"elapsed_ms\":5002}"));
    CU_ASSERT_EQUAL(e[4].timestamp_ms, 1718031791003LL);
    CU_ASSERT_EQUAL_FATAL(pg.nsearched, 2);
    CU_ASSERT_STRING_EQUAL(pg.searched[0].name, T1);
    CU_ASSERT_EQUAL(pg.searched[0].searched_completely, 1);
    CU_ASSERT_STRING_EQUAL(pg.searched[1].name, T2);
    CU_ASSERT_EQUAL(pg.searched[1].searched_completely, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg.next_token);
    CU_ASSERT_NSTRING_EQUAL(pg.next_token, "Bxkq6kVGFtq2y_Moigeqsc", 22);
    CU_ASSERT_EQUAL(strlen(pg.next_token), 341);
    CU_ASSERT_PTR_NULL(pg.next_forward_token);
    CU_ASSERT_PTR_NULL(pg.next_backward_token);
    logs_page_free(&pg);
    CU_ASSERT_PTR_NULL(pg.events);
    logs_page_free(&pg); /* twice is harmless */
}

static void test_logs_keeps_escape_bytes_exact(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_page.json", &pg), 0);
    CU_ASSERT(MSG_IS(&pg.events[2], "\x1b[31mERROR\x1b[0m retrying job 8812 (attempt 2/5)"));
    CU_ASSERT(MSG_IS(&pg.events[3], "GET /health 200 3ms\tua=\"ELB-HealthChecker/2.0\"\n"));
    CU_ASSERT(MSG_IS(&pg.events[4], "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9a\x80 deploy :42 ready"));
    logs_page_free(&pg);
}

static void test_logs_events_sharing_a_millisecond_keep_their_order(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_page.json", &pg), 0);
    for (int i = 1; i <= 3; i++)
        CU_ASSERT_EQUAL(pg.events[i].timestamp_ms, 1718031790245LL);
    CU_ASSERT_STRING_EQUAL(pg.events[1].event_id + 53, "401");
    CU_ASSERT_STRING_EQUAL(pg.events[2].event_id + 53, "402");
    CU_ASSERT_STRING_EQUAL(pg.events[3].event_id + 53, "403");
    CU_ASSERT_STRING_EQUAL(pg.events[3].stream, T1); /* interleaved: streams alternate */
    logs_page_free(&pg);
}

static void test_logs_page_shares_one_arena_and_interns_stream_names(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_page.json", &pg), 0);
    CU_ASSERT_PTR_EQUAL(pg.events[0].stream, pg.events[3].stream);
    CU_ASSERT_PTR_EQUAL(pg.events[1].stream, pg.events[2].stream);
    CU_ASSERT_PTR_EQUAL(pg.searched[0].name, pg.events[0].stream);
    CU_ASSERT(pg.events[0].message >= pg.arena && pg.events[4].message > pg.events[0].message);
    CU_ASSERT(pg.next_token > pg.arena);
    logs_page_free(&pg);
}

static void test_logs_keeps_embedded_nul_with_its_length(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_nul.json", &pg), 0);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 4);
    CU_ASSERT(MSG_IS(&pg.events[0], "before\0after \\u0000 literal"));
    CU_ASSERT(MSG_IS(&pg.events[1], "plain \"quoted\" \x1b[1mbold\x1b[0m \xf0\x9f\x9a\x80"));
    CU_ASSERT_PTR_NULL(pg.events[2].message); /* no message: NULL, not "" */
    CU_ASSERT_EQUAL(pg.events[2].message_len, 0);
    CU_ASSERT(MSG_IS(&pg.events[3], "\0")); /* not the nested extra.message */
    CU_ASSERT_STRING_EQUAL(pg.events[3].event_id, "4");
    CU_ASSERT_STRING_EQUAL(pg.next_token, "AQAAAHfg2HpXz0kU");
    logs_page_free(&pg);
}

/* a \u0000 anywhere sends every message through the exact decoder: same bytes */
static void test_logs_exact_decoder_agrees_with_cjson(void)
{
    struct logs_page fast, exact;
    struct rw_err err;
    size_t len;
    char *body = slurp("filter_page.json", &len);
    const char *at = strstr(body, "\"events\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    const char inject[] = "\"note\": [\"\\u0000\", {\"k\\\"\": \"v\\\\\"}], ";
    char *mixed = malloc(len + sizeof inject);
    size_t head = (size_t)(at - body);
    memcpy(mixed, body, head);
    memcpy(mixed + head, inject, sizeof inject - 1);
    memcpy(mixed + head + sizeof inject - 1, at, len - head);
    CU_ASSERT_EQUAL_FATAL(logs_parse_filter(body, len, &fast, &err), 0);
    CU_ASSERT_EQUAL_FATAL(logs_parse_filter(mixed, len + sizeof inject - 1, &exact, &err), 0);
    CU_ASSERT_EQUAL_FATAL(exact.nevents, fast.nevents);
    for (size_t i = 0; i < fast.nevents; i++)
        CU_ASSERT(msg_is(&exact.events[i], fast.events[i].message, fast.events[i].message_len));
    logs_page_free(&fast);
    logs_page_free(&exact);
    free(mixed);
    free(body);
}

static void test_logs_last_page_has_no_token(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("filter_last_page.json", &pg), 0);
    CU_ASSERT_EQUAL(pg.nevents, 0);
    CU_ASSERT_PTR_NULL(pg.events);
    CU_ASSERT_PTR_NULL(pg.next_token);
    CU_ASSERT_EQUAL(pg.nsearched, 2);
    CU_ASSERT_EQUAL(pg.searched[1].searched_completely, 1);
    logs_page_free(&pg);
}

static void test_logs_get_events_reads_both_tokens(void)
{
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(load_page("get_events.json", &pg), 0);
    CU_ASSERT_EQUAL_FATAL(pg.nevents, 3);
    CU_ASSERT(MSG_IS(&pg.events[0], "Starting consumer-agent 1.42.0 (git 9f3c2ab)"));
    CU_ASSERT_EQUAL(pg.events[0].timestamp_ms, 1718031600000LL);
    CU_ASSERT_EQUAL(pg.events[0].ingestion_ms, 1718031600312LL);
    CU_ASSERT(MSG_IS(&pg.events[2], "boot_ms=4120"));
    CU_ASSERT_PTR_NULL(pg.events[1].stream);
    CU_ASSERT_PTR_NULL(pg.events[1].event_id);
    CU_ASSERT_STRING_EQUAL(pg.next_forward_token,
                           "f/38306120567339887632174880826237442006231004163883499522/s");
    CU_ASSERT_STRING_EQUAL(pg.next_backward_token,
                           "b/38306120522696094325127034574154659458406493127041220608/s");
    CU_ASSERT_PTR_NULL(pg.next_token);
    CU_ASSERT_EQUAL(pg.nsearched, 0);
    logs_page_free(&pg);
}

static void test_logs_describe_streams_paginates(void)
{
    struct logs_stream_list l1, l2;
    struct rw_err err;
    size_t len;
    char *b1 = slurp("describe_streams_page1.json", &len);
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(b1, len, &l1, &err), 0);
    char *b2 = slurp("describe_streams_page2.json", &len);
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(b2, len, &l2, &err), 0);
    CU_ASSERT_EQUAL_FATAL(l1.nstreams, 2);
    CU_ASSERT_STRING_EQUAL(l1.streams[0].name, T2);
    CU_ASSERT_EQUAL(l1.streams[0].creation_ms, 1718031512004LL);
    CU_ASSERT_EQUAL(l1.streams[0].first_event_ms, 1718031513120LL);
    CU_ASSERT_EQUAL(l1.streams[0].last_event_ms, 1718031790245LL);
    CU_ASSERT_EQUAL(l1.streams[0].last_ingestion_ms, 1718031790510LL);
    CU_ASSERT_STRING_EQUAL(l1.streams[1].arn, "arn:aws:logs:us-east-1:123456789012:log-group:"
                           "/ecs/consumer-agent:log-stream:" T1);
    CU_ASSERT_PTR_NOT_NULL(l1.next_token);
    CU_ASSERT_EQUAL_FATAL(l2.nstreams, 1);
    CU_ASSERT_EQUAL(l2.streams[0].creation_ms, 1717945100221LL);
    CU_ASSERT_EQUAL(l2.streams[0].first_event_ms, 0); /* never logged: absent */
    CU_ASSERT_EQUAL(l2.streams[0].last_event_ms, 0);
    CU_ASSERT_PTR_NULL(l2.next_token); /* the last page */
    logs_stream_list_free(&l1);
    logs_stream_list_free(&l2);
    free(b1);
    free(b2);
}

static void expect_bad(const char *body, const char *needle)
{
    struct logs_page pg;
    struct rw_err err = { 0 };
    CU_ASSERT_EQUAL(logs_parse_filter(body, strlen(body), &pg, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    if (!strstr(err.msg, needle))
        fprintf(stderr, "\n  message \"%s\" lacks \"%s\"\n", err.msg, needle);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, needle));
    CU_ASSERT_PTR_NULL(pg.events);
    CU_ASSERT_PTR_NULL(pg.arena);
}

static void test_logs_rejects_malformed_pages(void)
{
    expect_bad("", "FilterLogEvents response: empty");
    expect_bad("   ", "not valid JSON");
    expect_bad("{\"events\":[{\"message\":\"x\"}", "not valid JSON");
    expect_bad("[]", "expected a JSON object");
    expect_bad("{} {}", "unexpected bytes");
    expect_bad("{\"events\":{}}", "events: expected an array");
    expect_bad("{\"events\":[{},7]}", "events[1]: expected an object");
    expect_bad("{\"events\":[{\"timestamp\":\"1718031790112\"}]}", "events[0]: timestamp");
    expect_bad("{\"events\":[{\"timestamp\":1e300}]}", "timestamp: expected an integer");
    expect_bad("{\"events\":[{\"message\":5}]}", "message: expected a string");
    expect_bad("{\"events\":[{\"message\":\"a\\u0000\"}],\"nextToken\":7}", "nextToken");
    expect_bad("{\"searchedLogStreams\":[3]}", "searchedLogStreams[0]");
    expect_bad("{\"events\":[{\"message\":\"\\ud800\"}]}", "not valid JSON");

    struct logs_stream_list l;
    struct rw_err err;
    const char *d = "{\"logStreams\":[{\"logStreamName\":\"a\"},{\"creationTime\":true}]}";
    CU_ASSERT_EQUAL(logs_parse_describe(d, strlen(d), &l, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg,
                                  "DescribeLogStreams response: logStreams[1]: creationTime"));
    CU_ASSERT_PTR_NULL(l.streams);
}

static void test_logs_ignores_unknown_and_null_fields(void)
{
    const char *b = "{\"events\":[{\"message\":\"m\",\"timestamp\":null,\"future\":{\"a\":[1]}}],"
                    "\"nextToken\":null,\"searchedLogStreams\":null,\"x\":1}";
    struct logs_page pg;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(logs_parse_filter(b, strlen(b), &pg, &err), 0);
    CU_ASSERT_EQUAL(pg.nevents, 1);
    CU_ASSERT(MSG_IS(&pg.events[0], "m"));
    CU_ASSERT_EQUAL(pg.events[0].timestamp_ms, 0);
    CU_ASSERT_PTR_NULL(pg.next_token);
    logs_page_free(&pg);
}

/* ---- request bodies, read back with cJSON ---- */

static cJSON *body_of(int rc, char **json)
{
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(*json);
    cJSON *o = cJSON_Parse(*json);
    free(*json);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o);
    return o;
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

static void test_logs_filter_request_round_trips(void)
{
    const char *names[] = { T1, T2 };
    struct logs_filter_req r = { .group_name = "/ecs/consumer-agent", .stream_names = names,
                                 .nstream_names = 2, .start_ms = 1718031600000LL,
                                 .end_ms = 1718031900000LL, .filter_pattern = "?ERROR ?boot_ms",
                                 .next_token = "Bxkq6k", .limit = 10000 };
    char *json;
    struct rw_err err;
    cJSON *o = body_of(logs_filter_request(&r, &json, &err), &json);
    CU_ASSERT_STRING_EQUAL(str_of(o, "logGroupName"), "/ecs/consumer-agent");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "logStreamNames");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(a), 2);
    CU_ASSERT_STRING_EQUAL(cJSON_GetArrayItem(a, 1)->valuestring, T2);
    CU_ASSERT_EQUAL(num_of(o, "startTime"), 1718031600000.0);
    CU_ASSERT_EQUAL(num_of(o, "endTime"), 1718031900000.0);
    CU_ASSERT_STRING_EQUAL(str_of(o, "filterPattern"), "?ERROR ?boot_ms");
    CU_ASSERT_STRING_EQUAL(str_of(o, "nextToken"), "Bxkq6k");
    CU_ASSERT_EQUAL(num_of(o, "limit"), 10000);
    CU_ASSERT(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "interleaved")));
    cJSON_Delete(o);

    struct logs_filter_req min = { .group_identifier = "arn:aws:logs:us-east-1:123456789012:"
                                   "log-group:/ecs/consumer-agent", .stream_prefix = "ecs/" };
    o = body_of(logs_filter_request(&min, &json, &err), &json);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(o), 3); /* identifier, prefix, interleaved: no more */
    CU_ASSERT_PTR_NOT_NULL(str_of(o, "logGroupIdentifier"));
    CU_ASSERT_STRING_EQUAL(str_of(o, "logStreamNamePrefix"), "ecs/");
    cJSON_Delete(o);
}

static void expect_usage(int rc, char **json, const struct rw_err *err, const char *needle)
{
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT_PTR_NULL(*json);
    CU_ASSERT_EQUAL(err->code, RW_E_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err->msg, needle));
}

static void test_logs_requests_refuse_what_aws_would(void)
{
    const char *one[] = { T1 };
    char *json;
    struct rw_err err;
    struct logs_filter_req f = { .group_name = "g", .group_identifier = "g" };
    expect_usage(logs_filter_request(&f, &json, &err), &json, &err, "not both");
    f.group_identifier = NULL;
    f.stream_names = one, f.nstream_names = 1, f.stream_prefix = "ecs/";
    expect_usage(logs_filter_request(&f, &json, &err), &json, &err, "exclude each other");
    const char *blank[] = { T1, "" };
    f.stream_prefix = NULL, f.stream_names = blank, f.nstream_names = 2;
    expect_usage(logs_filter_request(&f, &json, &err), &json, &err, "logStreamNames[1] is empty");
    f.nstream_names = 1, f.limit = 10001;
    expect_usage(logs_filter_request(&f, &json, &err), &json, &err, "limit 10001");
    f.limit = 0, f.start_ms = 2000, f.end_ms = 1000;
    expect_usage(logs_filter_request(&f, &json, &err), &json, &err, "time range");
    struct logs_get_req g = { .group_name = "g" };
    expect_usage(logs_get_request(&g, &json, &err), &json, &err, "logStreamName");
    struct logs_describe_req d = { .group_name = "g", .stream_prefix = "ecs/",
                                   .order_by = LOGS_ORDER_LAST_EVENT_TIME };
    expect_usage(logs_describe_request(&d, &json, &err), &json, &err, "orderBy LogStreamName");
    d.order_by = LOGS_ORDER_STREAM_NAME, d.limit = 51;
    expect_usage(logs_describe_request(&d, &json, &err), &json, &err, "1..50");
}

static void test_logs_get_and_describe_requests_round_trip(void)
{
    char *json;
    struct rw_err err;
    struct logs_get_req g = { .group_name = "/ecs/consumer-agent", .stream_name = T1,
                              .start_ms = 1718031600000LL, .start_from_head = 1,
                              .next_token = "f/3830/s" };
    cJSON *o = body_of(logs_get_request(&g, &json, &err), &json);
    CU_ASSERT_STRING_EQUAL(str_of(o, "logStreamName"), T1);
    CU_ASSERT_EQUAL(num_of(o, "startTime"), 1718031600000.0);
    CU_ASSERT(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "startFromHead")));
    CU_ASSERT_STRING_EQUAL(str_of(o, "nextToken"), "f/3830/s");
    CU_ASSERT_EQUAL(cJSON_GetArraySize(o), 5); /* no endTime, no limit */
    cJSON_Delete(o);
    struct logs_describe_req d = { .group_name = "/ecs/consumer-agent",
                                   .order_by = LOGS_ORDER_LAST_EVENT_TIME, .descending = 1,
                                   .limit = 50, .next_token = "CiB0" };
    o = body_of(logs_describe_request(&d, &json, &err), &json);
    CU_ASSERT_STRING_EQUAL(str_of(o, "orderBy"), "LastEventTime");
    CU_ASSERT(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "descending")));
    CU_ASSERT_EQUAL(num_of(o, "limit"), 50);
    CU_ASSERT_STRING_EQUAL(str_of(o, "nextToken"), "CiB0");
    cJSON_Delete(o);
    struct logs_describe_req dmin = { .group_name = "/ecs/consumer-agent" };
    o = body_of(logs_describe_request(&dmin, &json, &err), &json);
    CU_ASSERT_EQUAL(cJSON_GetArraySize(o), 1); /* only logGroupName */
    cJSON_Delete(o);
}

/* ---- stream names ---- */

static int split_is(int rc, const struct logs_stream_id *id, const char *container,
                    const char *task)
{
    return rc == 0 && id->container_len == strlen(container) &&
           memcmp(id->container, container, id->container_len) == 0 &&
           id->task_id_len == strlen(task) && strcmp(id->task_id, task) == 0;
}

static void test_logs_splits_awslogs_stream_names(void)
{
    struct logs_stream_id id;
    struct rw_err err;
    CU_ASSERT(split_is(logs_split_awslogs(T1, "ecs", &id, &err), &id, "consumer-agent",
                       "3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b"));
    CU_ASSERT(split_is(logs_split_awslogs("team/payments/ecs/web/abc123", "team/payments/ecs",
                                          &id, &err), &id, "web", "abc123"));
    CU_ASSERT(split_is(logs_split_awslogs("team/payments/ecs/web/abc123", NULL, &id, &err), &id,
                       "web", "abc123"));
    CU_ASSERT(split_is(logs_split_awslogs("ecs/web/abc123", "", &id, &err), &id, "web", "abc123"));
    CU_ASSERT_EQUAL(logs_split_awslogs("ecs/web/abc", "team", &id, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_PTR_NULL(id.container);
    CU_ASSERT_EQUAL(logs_split_awslogs("ecsx/web/abc", "ecs", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_awslogs("ecs/a/b/abc", "ecs", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_awslogs("ecs/web/", "ecs", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_awslogs("ecs//abc", "ecs", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_awslogs("web/abc", NULL, &id, &err), -1); /* no prefix part */
    CU_ASSERT_EQUAL(logs_split_awslogs("/web/abc", NULL, &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_awslogs(NULL, "ecs", &id, &err), -1);
}

static void test_logs_splits_firelens_stream_names(void)
{
    struct logs_stream_id id;
    struct rw_err err;
    const char *tid = "0123456789abcdef0123456789abcdef";
    CU_ASSERT(split_is(logs_split_firelens("ecs-app-firelens-0123456789abcdef0123456789abcdef",
                                           "ecs-", &id, &err), &id, "app", tid));
    CU_ASSERT(split_is(logs_split_firelens("from-fluent-bit-consumer-agent-firelens-"
                                           "dcef9dee-d960-4af8-a206-46c31a7f1e67",
                                           "from-fluent-bit-", &id, &err), &id,
                       "consumer-agent", "dcef9dee-d960-4af8-a206-46c31a7f1e67"));
    CU_ASSERT(split_is(logs_split_firelens("app-firelens-abc", NULL, &id, &err), &id, "app",
                       "abc"));
    CU_ASSERT(split_is(logs_split_firelens("log-firelens-router-firelens-abc", "", &id, &err),
                       &id, "log-firelens-router", "abc"));
    CU_ASSERT_EQUAL(logs_split_firelens("ecs-app-abc", "ecs-", &id, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    CU_ASSERT_EQUAL(logs_split_firelens("prod-app-firelens-abc", "ecs-", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_firelens("ecs--firelens-abc", "ecs-", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_firelens("ecs-app-firelens-", "ecs-", &id, &err), -1);
    CU_ASSERT_EQUAL(logs_split_firelens(T1, NULL, &id, &err), -1); /* awslogs form */
}

void test_logs_register(void)
{
    CU_pSuite s = CU_add_suite("logs", NULL, NULL);
    CU_add_test(s, "FilterLogEvents page: every field", test_logs_filter_page_reads_every_field);
    CU_add_test(s, "escape sequences stay byte-exact", test_logs_keeps_escape_bytes_exact);
    CU_add_test(s, "events sharing a millisecond keep their order",
                test_logs_events_sharing_a_millisecond_keep_their_order);
    CU_add_test(s, "one arena per page, stream names interned",
                test_logs_page_shares_one_arena_and_interns_stream_names);
    CU_add_test(s, "embedded NUL kept with its length",
                test_logs_keeps_embedded_nul_with_its_length);
    CU_add_test(s, "exact decoder agrees with cJSON", test_logs_exact_decoder_agrees_with_cjson);
    CU_add_test(s, "last page has no token", test_logs_last_page_has_no_token);
    CU_add_test(s, "GetLogEvents: both tokens", test_logs_get_events_reads_both_tokens);
    CU_add_test(s, "DescribeLogStreams paginates", test_logs_describe_streams_paginates);
    CU_add_test(s, "malformed pages are parse errors", test_logs_rejects_malformed_pages);
    CU_add_test(s, "unknown and null fields ignored", test_logs_ignores_unknown_and_null_fields);
    CU_add_test(s, "FilterLogEvents body round-trips", test_logs_filter_request_round_trips);
    CU_add_test(s, "requests refuse what AWS would", test_logs_requests_refuse_what_aws_would);
    CU_add_test(s, "GetLogEvents and DescribeLogStreams bodies",
                test_logs_get_and_describe_requests_round_trip);
    CU_add_test(s, "awslogs stream names split", test_logs_splits_awslogs_stream_names);
    CU_add_test(s, "FireLens stream names split", test_logs_splits_firelens_stream_names);
}
