/* Tests for clients/aws/logs_scan: the one-pass FilterLogEvents reader takes
 * the usual pages and reads them exactly as cJSON does (GetLogEvents' parser,
 * which reads the same event fields through cJSON, is the reference); any
 * other page is left to cJSON and still parses as before. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "clients/aws/logs_scan.h"

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* body takes the fast path and agrees with cJSON field by field */
static void expect_scanned(const char *body, size_t len)
{
    struct logs_page a, b;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(logs_scan_filter(body, len, &a), 1);
    CU_ASSERT_EQUAL_FATAL(logs_parse_get(body, len, &b, &err), 0);
    CU_ASSERT_EQUAL_FATAL(a.nevents, b.nevents);
    CU_ASSERT_EQUAL_FATAL(a.nsearched, b.nsearched);
    CU_ASSERT(same(a.next_token, b.next_token));
    for (size_t i = 0; i < a.nevents; i++) {
        const struct logs_event *x = &a.events[i], *y = &b.events[i];
        CU_ASSERT_EQUAL(x->timestamp_ms, y->timestamp_ms);
        CU_ASSERT_EQUAL(x->ingestion_ms, y->ingestion_ms);
        CU_ASSERT(same(x->stream, y->stream) && same(x->event_id, y->event_id));
        CU_ASSERT_EQUAL(x->message_len, y->message_len);
        CU_ASSERT(x->message == y->message ||
                  (x->message && memcmp(x->message, y->message, x->message_len + 1) == 0));
    }
    for (size_t i = 0; i < a.nsearched; i++) {
        CU_ASSERT(same(a.searched[i].name, b.searched[i].name));
        CU_ASSERT_EQUAL(a.searched[i].searched_completely, b.searched[i].searched_completely);
    }
    logs_page_free(&a);
    logs_page_free(&b);
}

static void test_scan_reads_a_real_page_like_cjson(void)
{
    FILE *fp = fopen("tests/data/logs/filter_page.json", "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    char buf[16384];
    size_t len = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    expect_scanned(buf, len);
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(logs_scan_filter(buf, len, &pg), 1);
    CU_ASSERT_PTR_EQUAL(pg.events[0].stream, pg.events[3].stream); /* interned */
    CU_ASSERT_PTR_EQUAL(pg.searched[0].name, pg.events[0].stream);
    logs_page_free(&pg);
}

static void test_scan_decodes_escapes_like_cjson(void)
{
    static const char b[] =
        "{\"events\":[{\"message\":\"a\\/b \\u00e9 \\u2713 \\ud83d\\ude80 \\\"q\\\" \\\\ "
        "\\b\\f\\n\\r\\t \\u001b[0m \xff\",\"timestamp\":-0,\"ingestionTime\":999999999999999,"
        "\"eventId\":\"\"},\n {}],\r\n\t\"searchedLogStreams\":[{\"searchedCompletely\":false}],"
        "\"nextToken\":\"\"}  ";
    expect_scanned(b, sizeof b - 1);
    struct logs_page pg;
    CU_ASSERT_EQUAL_FATAL(logs_scan_filter(b, sizeof b - 1, &pg), 1);
    static const char want[] = "a/b \xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x9a\x80 \"q\" \\ "
                               "\b\f\n\r\t \x1b[0m \xff";
    CU_ASSERT_EQUAL(pg.events[0].message_len, sizeof want - 1);
    CU_ASSERT_EQUAL(memcmp(pg.events[0].message, want, sizeof want), 0);
    CU_ASSERT_PTR_NULL(pg.events[1].message); /* absent: NULL, as in cJSON's path */
    logs_page_free(&pg);
    static const char empty[] = "{\"events\":[]}";
    CU_ASSERT_EQUAL_FATAL(logs_scan_filter(empty, sizeof empty - 1, &pg), 1);
    CU_ASSERT_PTR_NULL(pg.events);
    logs_page_free(&pg);
}

/* a quote, a backslash escape or a raw control character at every offset of
 * an 8-byte word, in messages of every length up to 40: the same as cJSON */
static void test_scan_stops_at_every_offset(void)
{
    static const char *const marks[] = { "\\\"", "\\\\", "\\u00e9", "\\n", "\x01", "\x1f" };
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++)
        for (size_t len = 0; len <= 40; len++)
            for (size_t at = 0; at <= len; at++) {
                char msg[64], body[200];
                memset(msg, 'a' + (int)(at % 26), len);
                msg[len] = '\0';
                int n = snprintf(body, sizeof body,
                                 "{\"events\":[{\"message\":\"%.*s%s%s\",\"eventId\":\"1\"}]}",
                                 (int)at, msg, marks[m], msg + at);
                struct logs_page pg;
                int raw = (unsigned char)marks[m][0] < 0x20;
                int fast = logs_scan_filter(body, (size_t)n, &pg);
                CU_ASSERT_EQUAL(fast, raw ? 0 : 1); /* a raw control: cJSON's call */
                if (fast)
                    CU_ASSERT_EQUAL(pg.events[0].message_len, len + (m == 2 ? 2 : 1));
                logs_page_free(&pg);
                if (!raw)
                    expect_scanned(body, (size_t)n);
            }
}

/* pages outside the fast path go to cJSON, which reads (or refuses) them as before */
static void test_scan_leaves_the_rest_to_cjson(void)
{
    static const char *const other[] = {
        "{\"events\":[{\"timestamp\":null}]}",
        "{\"events\":[{\"future\":1}]}",
        "{\"x\":1}",
        "{\"events\":[{\"timestamp\":1e3}]}",
        "{\"events\":[{\"timestamp\":01}]}",
        "{\"events\":[{\"timestamp\":1234567890123456}]}",
        "{\"events\":[{\"timestamp\":1,\"timestamp\":2}]}",
        "{\"events\":[{\"message\":\"raw\ttab\"}]}",
        "{\"events\":[{\"message\":\"\\u0000\"}]}",
        "{\"events\":[{\"mess\\u0061ge\":\"m\"}]}",
        "{\"searchedLogStreams\":[{\"searchedCompletely\":1}]}",
        "\xef\xbb\xbf{}",
    };
    for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
        struct logs_page pg;
        struct rw_err err;
        CU_ASSERT_EQUAL(logs_scan_filter(other[i], strlen(other[i]), &pg), 0);
        CU_ASSERT_PTR_NULL(pg.events);
        CU_ASSERT_PTR_NULL(pg.arena);
        CU_ASSERT_EQUAL(logs_parse_filter(other[i], strlen(other[i]), &pg, &err), 0);
        logs_page_free(&pg);
    }
    static const char *const bad[] = { "{\"events\":[{}", "{\"events\":[{},]}",
                                       "{\"events\":[{\"message\":\"\\ud800\"}]}",
                                       "{\"events\":[{\"message\":\"\\x\"}]}", "{} x" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct logs_page pg;
        struct rw_err err;
        CU_ASSERT_EQUAL(logs_scan_filter(bad[i], strlen(bad[i]), &pg), 0);
        CU_ASSERT_EQUAL(logs_parse_filter(bad[i], strlen(bad[i]), &pg, &err), -1);
    }
}

void test_logs_scan_register(void)
{
    CU_pSuite s = CU_add_suite("logs_scan", NULL, NULL);
    CU_add_test(s, "a real page, read as cJSON reads it", test_scan_reads_a_real_page_like_cjson);
    CU_add_test(s, "escapes, surrogates, integers", test_scan_decodes_escapes_like_cjson);
    CU_add_test(s, "anything else is cJSON's", test_scan_leaves_the_rest_to_cjson);
    CU_add_test(s, "stops at every offset of a word", test_scan_stops_at_every_offset);
}
