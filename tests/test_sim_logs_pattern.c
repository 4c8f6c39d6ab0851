/* Tests for sim/sim_logs_pattern: CloudWatch filter patterns: terms, quoted
 * phrases, ?alternatives, -exclusions, %regex% and JSON conditions, and the
 * syntax that must be refused. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "sim/sim_logs_pattern.h"

#define JSON_500 "{\"level\":\"error\",\"event\":\"request\",\"path\":\"/api/orders/12\"," \
                 "\"status\":504,\"duration_ms\":1204.5,\"ok\":false,\"user\":null," \
                 "\"tags\":[\"a\",{\"k\":7}]}"
#define JSON_200 "{\"level\":\"info\",\"event\":\"request\",\"path\":\"/health\"," \
                 "\"status\":200,\"duration_ms\":12}"
#define PLAIN_ERR "ERROR upstream timeout calling payments-api after 1200ms"
#define PLAIN_OK "GET /api/orders/1234 status=200 duration_ms=87"

/* 1 match, 0 no match, -1 refused. */
static int try(const char *pattern, const char *msg)
{
    struct sim_logs_pattern *p;
    struct rw_err err;
    if (sim_logs_pattern_compile(pattern, strlen(pattern), &p, &err) < 0) {
        CU_ASSERT_PTR_NULL(p);
        CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
        CU_ASSERT_EQUAL(strncmp(err.msg, "Invalid filter pattern", 22), 0);
        return -1;
    }
    int m = sim_logs_pattern_match(p, msg, strlen(msg));
    sim_logs_pattern_free(p);
    return m;
}

static void test_sim_logs_pattern_terms(void)
{
    CU_ASSERT_EQUAL(try("", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("   ", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("ERROR", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("ERROR", PLAIN_OK), 0);
    CU_ASSERT_EQUAL(try("error", PLAIN_ERR), 0); /* case-sensitive */
    CU_ASSERT_EQUAL(try("ERR", PLAIN_ERR), 1);   /* a substring, as AWS's ERRORCODE example */
    CU_ASSERT_EQUAL(try("ERROR timeout", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("timeout ERROR", PLAIN_ERR), 1); /* every term, any order */
    CU_ASSERT_EQUAL(try("ERROR refused", PLAIN_ERR), 0);
    CU_ASSERT_EQUAL(try("duration_ms", PLAIN_OK), 1);
}

static void test_sim_logs_pattern_quoted(void)
{
    CU_ASSERT_EQUAL(try("\"ERROR upstream timeout\"", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("\"upstream ERROR\"", PLAIN_ERR), 0); /* an exact phrase */
    CU_ASSERT_EQUAL(try("\"/api/orders\"", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("\"status=200\" GET", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("\"say \\\"hi\\\"\"", "they say \"hi\" twice"), 1);
    CU_ASSERT_EQUAL(try("\"a\\\\b\"", "path a\\b"), 1);
    /* bare terms with other characters must be quoted, as AWS says */
    CU_ASSERT_EQUAL(try("/api/orders", PLAIN_OK), -1);
    CU_ASSERT_EQUAL(try("status=200", PLAIN_OK), -1);
    CU_ASSERT_EQUAL(try("\"unterminated", PLAIN_OK), -1);
    CU_ASSERT_EQUAL(try("\"\"", PLAIN_OK), -1);
    CU_ASSERT_EQUAL(try("\"a\"b", PLAIN_OK), -1);
}

static void test_sim_logs_pattern_any_and_not(void)
{
    CU_ASSERT_EQUAL(try("?ERROR ?WARN", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("?ERROR ?WARN", PLAIN_OK), 0);
    CU_ASSERT_EQUAL(try("?WARN ?\"status=200\"", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("ERROR -payments", PLAIN_ERR), 0);
    CU_ASSERT_EQUAL(try("ERROR -ledger", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("-ERROR", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("-\"ERROR upstream\"", PLAIN_ERR), 0);
    /* plain terms and ?terms: all of the plain, any of the ? */
    CU_ASSERT_EQUAL(try("ERROR ?ledger ?payments", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("ERROR ?ledger ?orders", PLAIN_ERR), 0);
    CU_ASSERT_EQUAL(try("-", PLAIN_OK), -1);
    CU_ASSERT_EQUAL(try("? x", PLAIN_OK), -1);
}

static void test_sim_logs_pattern_json(void)
{
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" }", JSON_200), 0);
    CU_ASSERT_EQUAL(try("{$.level=error}", JSON_500), 1); /* bare word, no blanks */
    CU_ASSERT_EQUAL(try("{ $.status >= 500 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.status >= 500 }", JSON_200), 0);
    CU_ASSERT_EQUAL(try("{ $.status != 200 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.status = 504 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.duration_ms > 1204.4 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.duration_ms < -1 }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.path = \"/api/*\" }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.path = \"/api/*\" }", JSON_200), 0);
    CU_ASSERT_EQUAL(try("{ $.path = *orders* }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.path != \"/health\" }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.tags[0] = \"a\" }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.tags[1].k = 7 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.tags[2].k = 7 }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.user IS NULL }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.ok IS FALSE }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.ok IS TRUE }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.trace NOT EXISTS }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.level NOT EXISTS }", JSON_500), 0);
    /* a missing field or the other type never compares, != included */
    CU_ASSERT_EQUAL(try("{ $.missing != 3 }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.level > 3 }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.status = \"504\" }", JSON_500), 0);
    /* not JSON at all */
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" }", PLAIN_ERR), 0);
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" }", "{\"level\":"), 0);
}

static void test_sim_logs_pattern_json_logic(void)
{
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" && $.status >= 500 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.level = \"error\" && $.status < 500 }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("{ $.level = \"info\" || $.status >= 500 }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.level = \"info\" || $.status >= 500 }", JSON_200), 1);
    CU_ASSERT_EQUAL(try("{ $.level = \"x\" || $.status = 1 }", JSON_200), 0);
    /* && binds tighter: a || (b && c) */
    CU_ASSERT_EQUAL(try("{ $.status = 200 || $.level = \"x\" && $.status = 1 }", JSON_200), 1);
    CU_ASSERT_EQUAL(try("{ ($.status = 200 || $.level = \"x\") && $.status = 1 }", JSON_200), 0);
    CU_ASSERT_EQUAL(try("{ (($.status = 200)) }", JSON_200), 1);
}

static void test_sim_logs_pattern_regex(void)
{
    CU_ASSERT_EQUAL(try("%ERROR upstream%", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("%^GET /api/orders/[0-9]+ status=2%", PLAIN_OK), 1);
    CU_ASSERT_EQUAL(try("%^GET /health%", PLAIN_OK), 0);
    CU_ASSERT_EQUAL(try("%timeout|refused%", PLAIN_ERR), 1);
    CU_ASSERT_EQUAL(try("{ $.path = %/api/orders/[0-9]+% }", JSON_500), 1);
    CU_ASSERT_EQUAL(try("{ $.path = %^/health$% }", JSON_500), 0);
    CU_ASSERT_EQUAL(try("%(ERROR)%", PLAIN_ERR), -1); /* AWS: no parentheses */
    CU_ASSERT_EQUAL(try("%ERROR", PLAIN_ERR), -1);
    CU_ASSERT_EQUAL(try("%%", PLAIN_ERR), -1);
    CU_ASSERT_EQUAL(try("%[a-%", PLAIN_ERR), -1);
    CU_ASSERT_EQUAL(try("{ $.a = %x% || $.b = %y% || $.c = %z% }", JSON_500), -1); /* 2 at most */
    /* a catastrophic expression hits the match limit instead of hanging */
    CU_ASSERT_EQUAL(try("%^(a+)+$%", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), -1);
    CU_ASSERT_EQUAL(try("%^a*a*a*a*a*a*a*b%", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
                    0);
}

static void test_sim_logs_pattern_refused(void)
{
    const char *bad[] = {
        "{", "{ }", "{ $.level = }", "{ level = 1 }", "{ $ = 1 }", "{ $. = 1 }",
        "{ $.a[x] = 1 }", "{ $.a = 1 ", "{ $.a = 1 } x", "{ $.a < \"s\" }", "{ $.a IS MAYBE }",
        "{ $.a = 1 && }", "{ ($.a = 1 }", "{ $.a == 1 }", "[w1, w2]",
        "[ip, user, status=4*]", "{ $.a NOT }",
        "{ ((((((((((((((((((($.a = 1))))))))))))))))))) }", /* nested too deep */
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (try(bad[i], JSON_500) != -1)
            CU_FAIL(bad[i]);
    char big[SIM_LOGS_PATTERN_MAX + 2];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    CU_ASSERT_EQUAL(try(big, "x"), -1);
    big[SIM_LOGS_PATTERN_MAX] = '\0';
    CU_ASSERT_EQUAL(try(big, "x"), 0);
    struct sim_logs_pattern *p;
    struct rw_err err;
    CU_ASSERT_EQUAL(sim_logs_pattern_compile("a\0b", 3, &p, &err), -1);
}

static void test_sim_logs_pattern_binary_message(void)
{
    struct sim_logs_pattern *p;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(sim_logs_pattern_compile("after", 5, &p, &err), 0);
    CU_ASSERT_TRUE(sim_logs_pattern_match(p, "x\0 after", 8)); /* past a NUL */
    CU_ASSERT_FALSE(sim_logs_pattern_match(p, "x\0 aft", 6));
    sim_logs_pattern_free(p);
    sim_logs_pattern_free(NULL);
}

void test_sim_logs_pattern_register(void)
{
    CU_pSuite s = CU_add_suite("sim_logs_pattern", NULL, NULL);
    CU_add_test(s, "terms: all of them, substrings, case-sensitive", test_sim_logs_pattern_terms);
    CU_add_test(s, "quoted phrases and characters that need quotes", test_sim_logs_pattern_quoted);
    CU_add_test(s, "?alternatives and -exclusions", test_sim_logs_pattern_any_and_not);
    CU_add_test(s, "JSON conditions", test_sim_logs_pattern_json);
    CU_add_test(s, "JSON && || and parentheses", test_sim_logs_pattern_json_logic);
    CU_add_test(s, "%regex%, alone and in JSON", test_sim_logs_pattern_regex);
    CU_add_test(s, "unknown syntax is refused", test_sim_logs_pattern_refused);
    CU_add_test(s, "messages with NULs", test_sim_logs_pattern_binary_message);
}
