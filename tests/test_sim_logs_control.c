/* Tests for sim/sim_logs_control: the /_sim/logs inject body and the
 * /_sim/truth/logs query, parsed and served. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "sim/sim_logs_control.h"
#include "support/simlogs_fixture.h"

static void test_sim_logs_control_parse_inject(void)
{
    struct sim_logs_inject in;
    struct rw_err err;
    const char *b = "{\"group\":\"/ecs/consumer-agent\",\"stream\":\"ecs/consumer-agent/5a17\","
                    "\"messages\":[\"line1\",\"line2\"],\"timestamp\":1795000000000,"
                    "\"repeat\":3,\"number\":true,\"same_millisecond\":true,\"delay_ms\":0}";
    CU_ASSERT_EQUAL_FATAL(sim_logs_parse_inject(b, strlen(b), &in, &err), 0);
    CU_ASSERT_STRING_EQUAL(in.group, "/ecs/consumer-agent");
    CU_ASSERT_STRING_EQUAL(in.stream, "ecs/consumer-agent/5a17");
    CU_ASSERT_EQUAL(in.nmessages, 2);
    CU_ASSERT_STRING_EQUAL(in.messages[1], "line2");
    CU_ASSERT_TRUE(in.has_timestamp && in.timestamp == 1795000000000LL);
    CU_ASSERT_TRUE(in.repeat == 3 && in.number && in.same_ms && in.has_delay && !in.delay_ms);
    sim_logs_inject_free(&in);
    b = "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"]}";
    CU_ASSERT_EQUAL_FATAL(sim_logs_parse_inject(b, strlen(b), &in, &err), 0);
    CU_ASSERT_TRUE(in.repeat == 1 && !in.has_timestamp && !in.has_delay && !in.number);
    sim_logs_inject_free(&in);
    const char *bad[] = {
        "", "[]", "{\"stream\":\"s\",\"messages\":[\"m\"]}",
        "{\"group\":\"bad group\",\"stream\":\"s\",\"messages\":[\"m\"]}",
        "{\"group\":\"/g\",\"stream\":\"a:b\",\"messages\":[\"m\"]}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[]}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":\"m\"}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[7]}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"\"]}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"],\"repeat\":0}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\",\"n\"],\"repeat\":150001}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"],\"timestamp\":-1}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"],\"timestamp\":1.5}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"],\"delay_ms\":3600001}",
        "{\"group\":\"/g\",\"stream\":\"s\",\"messages\":[\"m\"],\"number\":1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (sim_logs_parse_inject(bad[i], strlen(bad[i]), &in, &err) != -1)
            CU_FAIL(bad[i]);
        CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
        sim_logs_inject_free(&in);
    }
}

static void test_sim_logs_control_parse_truth(void)
{
    struct sim_logs_truth_q q;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sim_logs_parse_truth("group=%2Fecs%2Fconsumer-agent&stream_prefix="
                                               "a+b%2Fc&start=5&end=1795000000000&x=1",
                                               &q, &err), 0);
    CU_ASSERT_STRING_EQUAL(q.group, "/ecs/consumer-agent");
    CU_ASSERT_STRING_EQUAL(q.prefix, "a b/c");
    CU_ASSERT_TRUE(q.has_start && q.start == 5 && q.has_end && q.end == 1795000000000LL);
    sim_logs_truth_free(&q);
    CU_ASSERT_EQUAL(sim_logs_parse_truth("group=/g", &q, &err), 0);
    CU_ASSERT_TRUE(!q.prefix && !q.has_start && !q.has_end);
    sim_logs_truth_free(&q);
    const char *bad[] = { NULL, "", "stream_prefix=a", "group=%2", "group=%zz", "group=/g&start=x",
                          "group=/g&end=-1", "group=a%00b", "group=bad%20name", "group" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (sim_logs_parse_truth(bad[i], &q, &err) != -1)
            CU_FAIL(bad[i] ? bad[i] : "NULL");
        sim_logs_truth_free(&q);
    }
}

/* The eventIds FilterLogEvents reports for group, in order, into ids (n at most). */
static size_t filter_ids(struct sim_world *w, const char *group, char ids[][64], size_t n)
{
    char fields[128];
    struct simlogs_events e;
    snprintf(fields, sizeof fields, "\"logGroupName\":\"%s\"", group);
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, fields, 10000, &e), 0);
    size_t k = 0;
    for (; k < e.n && k < n; k++)
        snprintf(ids[k], 64, "%s", e.ev[k].id);
    k = e.n;
    simlogs_events_free(&e);
    return k;
}

static void test_sim_logs_control_inject_delay_and_ids(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int st;
    char *r = simlogs_inject(w, "{\"group\":\"/new/group\",\"stream\":\"s\",\"messages\":"
                             "[\"hello\",\"world\"],\"repeat\":2,\"number\":true}", &st);
    CU_ASSERT_EQUAL(st, 200);
    cJSON *o = cJSON_Parse(r);
    CU_ASSERT_EQUAL(cJSON_GetObjectItem(o, "injected")->valueint, 4);
    char first[64], last[64], ids[8][64];
    snprintf(first, sizeof first, "%s", cJSON_GetObjectItem(o, "first_event_id")->valuestring);
    snprintf(last, sizeof last, "%s", cJSON_GetObjectItem(o, "last_event_id")->valuestring);
    CU_ASSERT_EQUAL(strlen(first), 56);
    cJSON_Delete(o);
    free(r);
    CU_ASSERT_EQUAL(filter_ids(w, "/new/group", ids, 8), 0); /* not ingested yet */
    simlogs_clock_ms += 999;
    CU_ASSERT_EQUAL(filter_ids(w, "/new/group", ids, 8), 0);
    simlogs_clock_ms += 2001;
    CU_ASSERT_EQUAL_FATAL(filter_ids(w, "/new/group", ids, 8), 4);
    CU_ASSERT_STRING_EQUAL(ids[0], first);
    CU_ASSERT_STRING_EQUAL(ids[3], last);
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/new/group", &e), 0);
    CU_ASSERT_EQUAL_FATAL(e.n, 4);
    CU_ASSERT_STRING_EQUAL(e.ev[0].msg, "hello #1");
    CU_ASSERT_STRING_EQUAL(e.ev[1].msg, "world #2");
    CU_ASSERT_STRING_EQUAL(e.ev[3].msg, "world #4");
    CU_ASSERT_EQUAL(e.ev[3].ts, SIMLOGS_NOW); /* the burst ends at the time of the call */
    CU_ASSERT_EQUAL(e.ev[0].ts, SIMLOGS_NOW - 3);
    CU_ASSERT_TRUE(e.ev[0].ingest > SIMLOGS_NOW + 1000 && e.ev[0].ingest <= SIMLOGS_NOW + 3000);
    simlogs_events_free(&e);
    /* the new group and stream are listed */
    r = simlogs_call(w, "DescribeLogStreams", "{\"logGroupName\":\"/new/group\"}", &st);
    struct logs_stream_list l;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(logs_parse_describe(r, strlen(r), &l, &err), 0);
    CU_ASSERT_EQUAL(l.nstreams, 1);
    CU_ASSERT_EQUAL(l.streams[0].creation_ms, SIMLOGS_NOW);
    CU_ASSERT_EQUAL(l.streams[0].first_event_ms, SIMLOGS_NOW - 3);
    logs_stream_list_free(&l);
    free(r);
    r = simlogs_call(w, "DescribeLogGroups", "{\"logGroupNamePrefix\":\"/new\"}", &st);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "\"logGroupName\":\"/new/group\""));
    free(r);
    simlogs_world_free(w);
}

static void test_sim_logs_control_truth(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int st;
    free(simlogs_inject(w, "{\"group\":\"/t\",\"stream\":\"a/1\",\"messages\":[\"x\"],"
                           "\"repeat\":10,\"delay_ms\":0,\"timestamp\":1000}", &st));
    free(simlogs_inject(w, "{\"group\":\"/t\",\"stream\":\"b/1\",\"messages\":[\"y\"],"
                           "\"repeat\":10,\"delay_ms\":0,\"timestamp\":1000}", &st));
    free(simlogs_inject(w, "{\"group\":\"/t\",\"stream\":\"b/2\",\"messages\":[\"late\"],"
                           "\"timestamp\":1005}", &st)); /* not ingested yet */
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/t", &e), 0);
    CU_ASSERT_EQUAL(e.n, 20);
    CU_ASSERT_STRING_EQUAL(e.ev[0].stream, "a/1");
    CU_ASSERT_STRING_EQUAL(e.ev[1].stream, "b/1"); /* interleaved by timestamp */
    simlogs_events_free(&e);
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/t&stream_prefix=b%2F&start=1002&end=1004",
                                               &e), 0);
    CU_ASSERT_EQUAL(e.n, 3);
    simlogs_events_free(&e);
    simlogs_clock_ms += 3000;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/t&stream_prefix=b", &e), 0);
    CU_ASSERT_EQUAL(e.n, 11);
    simlogs_events_free(&e);
    char *r = simlogs_truth(w, "group=/missing", &st);
    CU_ASSERT_EQUAL(st, 404);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "ResourceNotFoundException"));
    free(r);
    r = simlogs_truth(w, "start=1", &st);
    CU_ASSERT_EQUAL(st, 400);
    free(r);
    r = simlogs_inject(w, "{\"group\":\"/t\"}", &st);
    CU_ASSERT_EQUAL(st, 400);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "BadRequest"));
    free(r);
    simlogs_world_free(w);
}

void test_sim_logs_control_register(void)
{
    CU_pSuite s = CU_add_suite("sim_logs_control", NULL, NULL);
    CU_add_test(s, "inject bodies", test_sim_logs_control_parse_inject);
    CU_add_test(s, "truth queries", test_sim_logs_control_parse_truth);
    CU_add_test(s, "injected lines: ingestion delay, event ids, timestamps, new streams",
                test_sim_logs_control_inject_delay_and_ids);
    CU_add_test(s, "the ground truth: visible events, prefix and time range",
                test_sim_logs_control_truth);
}
