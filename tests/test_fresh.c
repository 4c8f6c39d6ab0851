/* Tests for core/fresh: data turns stale after twice its interval, whether its
 * request failed or hangs, and says why. */
#include <CUnit/CUnit.h>
#include <string.h>

#include "core/fresh.h"

static void test_fresh_lifecycle(void)
{
    struct rw_fresh f;
    char m[160];
    rw_fresh_init(&f, 5000);
    CU_ASSERT_FALSE(rw_fresh_loaded(&f));
    CU_ASSERT_FALSE(rw_fresh_stale(&f, 100000)); /* never asked: nothing to say */
    rw_fresh_asked(&f, 1000);
    rw_fresh_ok(&f, 1200);
    CU_ASSERT_TRUE(rw_fresh_loaded(&f));
    CU_ASSERT_FALSE(rw_fresh_stale(&f, 1200 + 10000)); /* exactly twice: still fresh */
    CU_ASSERT_TRUE(rw_fresh_stale(&f, 1200 + 10001));
    rw_fresh_marker(&f, 1200 + 10000, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "");
}

static void test_fresh_failed_keeps_reason(void)
{
    struct rw_fresh f;
    char m[160];
    rw_fresh_init(&f, 5000);
    rw_fresh_asked(&f, 0 + 1);
    rw_fresh_ok(&f, 1);
    rw_fresh_asked(&f, 5001);
    rw_fresh_failed(&f, 5100, "ThrottlingException");
    CU_ASSERT_FALSE(rw_fresh_stale(&f, 6000));
    rw_fresh_marker(&f, 42001, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "stale 42s: ThrottlingException");
    CU_ASSERT_EQUAL(f.failures, 1);
    rw_fresh_asked(&f, 42001);
    rw_fresh_ok(&f, 42100); /* a good answer clears it */
    rw_fresh_marker(&f, 43000, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "");
    CU_ASSERT_EQUAL(f.failures, 0);
}

static void test_fresh_hanging_request(void)
{
    struct rw_fresh f;
    char m[160];
    rw_fresh_init(&f, 2000);
    rw_fresh_asked(&f, 1000);
    rw_fresh_ok(&f, 1000);
    rw_fresh_asked(&f, 3000); /* never answers */
    rw_fresh_marker(&f, 15000, m, sizeof m);
    CU_ASSERT_STRING_EQUAL(m, "stale 14s: no answer for 12s");
    /* never loaded and its first request hangs: stale too, by the request's age */
    rw_fresh_init(&f, 2000);
    rw_fresh_asked(&f, 1000);
    CU_ASSERT_FALSE(rw_fresh_stale(&f, 5000));
    CU_ASSERT_TRUE(rw_fresh_stale(&f, 5001));
    CU_ASSERT_FALSE(rw_fresh_loaded(&f));
}

static void test_fresh_long_reason_clipped(void)
{
    struct rw_fresh f;
    char reason[400], m[64];
    memset(reason, 'x', sizeof reason - 1);
    reason[sizeof reason - 1] = '\0';
    rw_fresh_init(&f, 1000);
    rw_fresh_asked(&f, 1);
    rw_fresh_failed(&f, 2, reason);
    CU_ASSERT_EQUAL(strlen(f.reason), sizeof f.reason - 1);
    rw_fresh_marker(&f, 10000, m, sizeof m);
    CU_ASSERT_EQUAL(strlen(m), sizeof m - 1);
    CU_ASSERT_EQUAL(strncmp(m, "stale 9s: xxx", 13), 0);
}

void test_fresh_register(void)
{
    CU_pSuite s = CU_add_suite("fresh", NULL, NULL);
    CU_add_test(s, "fresh, then stale after twice the interval", test_fresh_lifecycle);
    CU_add_test(s, "a failure keeps its reason until a good answer", test_fresh_failed_keeps_reason);
    CU_add_test(s, "a hanging request turns data stale", test_fresh_hanging_request);
    CU_add_test(s, "long reasons are clipped", test_fresh_long_reason_clipped);
}
