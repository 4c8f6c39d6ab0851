/* Tests for core/logfmt: aws logs tail's formats byte for byte, and log text
 * made safe for a terminal: OSC 52, title sets, cursor moves, C1 controls and
 * invalid UTF-8 never come out raw; valid UTF-8 does. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "core/logfmt.h"

#define TS 1795089282002LL /* 2026-11-19T... */

static void test_logfmt_formats(void)
{
    enum logfmt f;
    CU_ASSERT_EQUAL(logfmt_parse("short", &f), 0);
    CU_ASSERT_EQUAL(f, LOGFMT_SHORT);
    CU_ASSERT_EQUAL(logfmt_parse("xml", &f), -1);
    char *l = logfmt_line(LOGFMT_DETAILED, 1795089282002LL, "ecs/app/0f3a", "GET /api/1 status=503",
                          21, 0);
    CU_ASSERT_STRING_EQUAL(l, "2026-11-19T11:54:42.002000+00:00 ecs/app/0f3a GET /api/1 status=503\n");
    free(l);
    l = logfmt_line(LOGFMT_SHORT, 1795089282002LL, "ecs/app/0f3a", "GET /api/1 status=503", 21, 0);
    CU_ASSERT_STRING_EQUAL(l, "2026-11-19T11:54:42 GET /api/1 status=503\n");
    free(l);
    const char *j = "{\"level\":\"error\",\"event\":\"upstream timeout\"}";
    l = logfmt_line(LOGFMT_JSON, 1795089282002LL, "s", j, strlen(j), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(l, "+00:00 s {\"level\":\"error\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(l, "\n{\n\t\"level\":\t\"error\",\n\t\"event\":\t\"upstream timeout\"\n}\n"));
    free(l);
    l = logfmt_line(LOGFMT_JSON, 1795089282002LL, "s", "plain", 5, 1); /* not JSON: one line */
    CU_ASSERT_STRING_EQUAL(l, "2026-11-19T11:54:42.002000+00:00 s plain\n");
    free(l);
}

static void test_logfmt_escape_injection(void)
{
    const char evil[] = "a\x1b]52;c;ZXZpbA==\x07" "b\x1b]0;pwned\x07" "c\x1b[2J\x1b[H" "d\xc2\x9b" "31m"
                        "e\xff\xfe" "f\r\n" "é✓";
    char *e = logfmt_escape(evil, sizeof evil - 1);
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        CU_ASSERT_FALSE(*p < 32 || *p == 127);
    CU_ASSERT_PTR_NULL(strstr(e, "\xc2\x9b"));
    CU_ASSERT_STRING_EQUAL(e, "a\\x1b]52;c;ZXZpbA==\\x07b\\x1b]0;pwned\\x07c\\x1b[2J\\x1b[Hd\\u009b31m"
                              "e\xef\xbf\xbd\xef\xbf\xbd" "f\\r\\né✓");
    free(e);
    char *l = logfmt_line(LOGFMT_SHORT, TS, NULL, "x\x1b[31my", 7, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(l, "x\\x1b[31my\n"));
    free(l);
    l = logfmt_line(LOGFMT_SHORT, TS, NULL, "x\x1b[31my", 7, 0); /* a pipe gets the bytes */
    CU_ASSERT_PTR_NOT_NULL(strstr(l, "x\x1b[31my\n"));
    free(l);
    /* overlong and surrogate encodings are not UTF-8 either */
    e = logfmt_escape("\xc0\xaf\xed\xa0\x80", 5);
    CU_ASSERT_PTR_NULL(strstr(e, "\xc0"));
    CU_ASSERT_PTR_NULL(strstr(e, "\xed\xa0"));
    free(e);
}

/* one buffer for many lines: each second's date is right however the lines
 * go (the cached date follows the timestamp), before 1970 too */
static void test_logfmt_buffer_reuse(void)
{
    static const struct { int64_t ms; const char *want; } c[] = {
        { TS, "2026-11-19T11:54:42.002000+00:00 s m\n" },
        { TS + 998, "2026-11-19T11:54:43.000000+00:00 s m\n" },
        { TS - 3, "2026-11-19T11:54:41.999000+00:00 s m\n" },
        { TS, "2026-11-19T11:54:42.002000+00:00 s m\n" },
        { 0, "1970-01-01T00:00:00.000000+00:00 s m\n" },
        { -1, "1969-12-31T23:59:59.999000+00:00 s m\n" },
        { 999, "1970-01-01T00:00:00.999000+00:00 s m\n" },
    };
    struct logfmt_buf b = { 0 };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        b.len = 0;
        size_t n = logfmt_append(&b, LOGFMT_DETAILED, c[i].ms, "s", "m", 1, 1);
        CU_ASSERT_EQUAL(n, strlen(c[i].want));
        CU_ASSERT_STRING_EQUAL(b.text, c[i].want);
    }
    /* appending keeps what is there; a long message grows the buffer */
    char big[5000];
    memset(big, 'x', sizeof big);
    big[10] = '\x1b';
    b.len = 0;
    logfmt_append(&b, LOGFMT_SHORT, TS, NULL, "a", 1, 1);
    size_t n = logfmt_append(&b, LOGFMT_SHORT, TS, NULL, big, sizeof big, 1);
    CU_ASSERT_EQUAL(n, 20 + sizeof big + 3 + 1);
    const char *head = "2026-11-19T11:54:42 a\n2026-11-19T11:54:42 xxxxxxxxxx\\x1bx";
    CU_ASSERT_EQUAL(strncmp(b.text, head, strlen(head)), 0);
    CU_ASSERT_EQUAL(b.text[b.len - 1], '\n');
    logfmt_buf_free(&b);
    CU_ASSERT_PTR_NULL(b.text);
}

void test_logfmt_register(void)
{
    CU_pSuite s = CU_add_suite("logfmt", NULL, NULL);
    CU_add_test(s, "aws logs tail's formats", test_logfmt_formats);
    CU_add_test(s, "escape injection never reaches the terminal", test_logfmt_escape_injection);
    CU_add_test(s, "one buffer, many lines, each one's own date", test_logfmt_buffer_reuse);
}
