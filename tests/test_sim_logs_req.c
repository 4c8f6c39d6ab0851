/* Tests for sim/sim_logs_req: the fake CloudWatch Logs' request parsing
 * (types are SerializationException, constraints InvalidParameterException)
 * and its page tokens. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "sim/sim_logs_ops.h"

static void test_sim_logs_req_parse(void)
{
    struct sim_logs_req q;
    struct rw_err err;
    const char *b = "{\"logGroupIdentifier\":\"arn:aws:logs:us-east-1:1:log-group:/a/b:*\","
                    "\"logStreamNames\":[\"x\",\"y\"],\"startTime\":5,\"endTime\":9,"
                    "\"filterPattern\":\"ERROR\",\"limit\":50,\"interleaved\":true,\"extra\":{}}";
    CU_ASSERT_EQUAL_FATAL(sim_logs_parse_req("FilterLogEvents", b, strlen(b), &q, &err), 0);
    CU_ASSERT_EQUAL(q.op, SIM_LOGS_FILTER);
    CU_ASSERT_STRING_EQUAL(q.group, "/a/b");
    CU_ASSERT_EQUAL(q.nstreams, 2);
    CU_ASSERT_STRING_EQUAL(q.streams[1], "y");
    CU_ASSERT_TRUE(q.has_start && q.start == 5 && q.has_end && q.end == 9 && q.limit == 50);
    CU_ASSERT_STRING_EQUAL(q.pattern, "ERROR");
    sim_logs_req_free(&q);
    b = "{\"logGroupName\":\"/a\",\"orderBy\":\"LastEventTime\",\"descending\":true}";
    CU_ASSERT_EQUAL(sim_logs_parse_req("DescribeLogStreams", b, strlen(b), &q, &err), 0);
    CU_ASSERT_TRUE(q.by_time && q.descending && q.limit == 0);
    sim_logs_req_free(&q);
    CU_ASSERT_EQUAL(sim_logs_parse_req("DescribeLogGroups", "", 0, &q, &err), 0);
    sim_logs_req_free(&q);
    CU_ASSERT_EQUAL(sim_logs_parse_req("Nope", "{}", 2, &q, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_UNAVAILABLE);
    b = "{\"logGroupName\":\"/a\",\"startTime\":-1}";
    CU_ASSERT_EQUAL(sim_logs_parse_req("FilterLogEvents", b, strlen(b), &q, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    sim_logs_req_free(&q);
    b = "{\"logGroupName\":\"/a\",\"startTime\":1.5}";
    CU_ASSERT_EQUAL(sim_logs_parse_req("FilterLogEvents", b, strlen(b), &q, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    sim_logs_req_free(&q);
    b = "{\"logGroupName\":\"/a\",\"logStreamNames\":[]}";
    CU_ASSERT_EQUAL(sim_logs_parse_req("FilterLogEvents", b, strlen(b), &q, &err), -1);
    sim_logs_req_free(&q);
    b = "{\"logGroupName\":\"/a\",\"logStreamNames\":[1]}";
    CU_ASSERT_EQUAL(sim_logs_parse_req("FilterLogEvents", b, strlen(b), &q, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
    sim_logs_req_free(&q);
}

static void test_sim_logs_req_tokens(void)
{
    char tok[64];
    int64_t ts;
    uint64_t seq;
    sim_logs_token("/a", 1794999000123, 42, tok, sizeof tok);
    CU_ASSERT_EQUAL(sim_logs_parse_token("/a", tok, &ts, &seq), 0);
    CU_ASSERT_TRUE(ts == 1794999000123 && seq == 42);
    CU_ASSERT_EQUAL(sim_logs_parse_token("/b", tok, &ts, &seq), -1); /* another group's */
    tok[20] = tok[20] == '0' ? '1' : '0';
    CU_ASSERT_EQUAL(sim_logs_parse_token("/a", tok, &ts, &seq), -1);
    CU_ASSERT_EQUAL(sim_logs_parse_token("/a", "", &ts, &seq), -1);
    sim_logs_get_token('b', 1794999000123, 7, tok, sizeof tok);
    CU_ASSERT_EQUAL(strlen(tok), 60);
    CU_ASSERT_EQUAL(sim_logs_parse_get_token(tok, &ts, &seq), 'b');
    CU_ASSERT_TRUE(ts == 1794999000123 && seq == 7);
    tok[0] = 'f';
    CU_ASSERT_EQUAL(sim_logs_parse_get_token(tok, &ts, &seq), 'f');
    tok[30] = tok[30] == '9' ? '8' : '9';
    CU_ASSERT_EQUAL(sim_logs_parse_get_token(tok, &ts, &seq), -1);
    CU_ASSERT_EQUAL(sim_logs_parse_get_token("f/9999999999999999999999999999999999999999"
                                             "9999999999999999/s", &ts, &seq), -1);
}

void test_sim_logs_req_register(void)
{
    CU_pSuite s = CU_add_suite("sim_logs_req", NULL, NULL);
    CU_add_test(s, "request bodies of each operation", test_sim_logs_req_parse);
    CU_add_test(s, "page tokens: round trips, other groups, tampering", test_sim_logs_req_tokens);
}
