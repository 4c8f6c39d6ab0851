/* Tests for clients/aws/httpreq: the raw-request parser behind `debug sign`. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "clients/aws/httpreq.h"

static void test_httpreq_rejects_garbage(void)
{
    static const char *const bad[] = {
        "", "\n\n", "GET\n", "GET /\n", "GET / FTP/1.1\n", " / HTTP/1.1\n",
        "GET  HTTP/1.1\n", "G(T / HTTP/1.1\n", "GET / HTTP/1.1\nNoColon\n",
        "GET / HTTP/1.1\n continued\n", "GET / HTTP/1.1\nBad Name:x\n",
        "GET / HTTP/1.1\nA:\x1b[2J\n", "GET /\r HTTP/1.1\n", "\x01\x02\x03",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct httpreq r;
        struct rw_err err = { 0 };
        CU_ASSERT_EQUAL(httpreq_parse(bad[i], strlen(bad[i]), &r, &err), -1);
        CU_ASSERT_EQUAL(err.code, RW_E_PARSE);
        CU_ASSERT_PTR_NULL(r.method);
        CU_ASSERT_PTR_NULL(r.headers);
    }
    struct httpreq r;
    CU_ASSERT_EQUAL(httpreq_parse("GET / HTTP/1.1\nA:b\0c\n", 21, &r, NULL), -1);
}

static void test_httpreq_continuation_lines(void)
{
    const char text[] = "\r\nPOST /p q/?x=1?y HTTP/1.1\r\nA: one \r\n  two\r\n\tthree\r\n"
                        "B:\r\n\r\nbo\0dy\r\n";
    struct httpreq r;
    CU_ASSERT_EQUAL_FATAL(httpreq_parse(text, sizeof text - 1, &r, NULL), 0);
    CU_ASSERT_STRING_EQUAL(r.method, "POST");
    CU_ASSERT_STRING_EQUAL(r.path, "/p q/");
    CU_ASSERT_STRING_EQUAL(r.query, "x=1?y");
    CU_ASSERT_STRING_EQUAL(r.version, "HTTP/1.1");
    CU_ASSERT_EQUAL_FATAL(r.nheaders, 2);
    CU_ASSERT_STRING_EQUAL(r.headers[0].value, "one two three");
    CU_ASSERT_STRING_EQUAL(r.headers[1].name, "B");
    CU_ASSERT_STRING_EQUAL(r.headers[1].value, "");
    CU_ASSERT_EQUAL(r.body_len, 7);
    CU_ASSERT_EQUAL(memcmp(r.body, "bo\0dy\r\n", 7), 0);
    httpreq_free(&r);
    CU_ASSERT_EQUAL_FATAL(httpreq_parse("GET / HTTP/1.1\nHost:x", 21, &r, NULL), 0);
    CU_ASSERT_STRING_EQUAL(r.headers[0].value, "x");
    CU_ASSERT_EQUAL(r.body_len, 0);
    httpreq_free(&r);
}

void test_httpreq_register(void)
{
    CU_pSuite s = CU_add_suite("httpreq", NULL, NULL);
    CU_add_test(s, "rejects garbage", test_httpreq_rejects_garbage);
    CU_add_test(s, "continuation lines, CRLF, NUL in body", test_httpreq_continuation_lines);
}
