/* Tests for core/clock. */
#include <CUnit/CUnit.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"

static void test_clock_mono_advances(void)
{
    int64_t a = rw_mono_ms();
    struct timespec ts = { 0, 20 * 1000000 };
    nanosleep(&ts, NULL);
    int64_t b = rw_mono_ms();
    CU_ASSERT(b - a >= 19);
    CU_ASSERT(rw_wall_ms() > 1700000000000LL);
}

static void test_clock_formats_durations(void)
{
    char b[32];
    rw_clock_dur(850, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "850ms");
    rw_clock_dur(42000, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "42s");
    rw_clock_dur(312000, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "5m12s");
    rw_clock_dur(3 * 3600000 + 4 * 60000, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "3h04m");
    rw_clock_dur(2 * 86400000LL + 3 * 3600000, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "2d03h");
    rw_clock_dur(-5, b, sizeof b); CU_ASSERT_STRING_EQUAL(b, "0ms");
}

static void test_clock_hms_utc(void)
{
    char b[16];
    rw_clock_hms(1795693392000LL, 1, b, sizeof b); /* 2026-11-26T11:43:12Z */
    CU_ASSERT_STRING_EQUAL(b, "11:43:12");
}

void test_clock_register(void)
{
    CU_pSuite s = CU_add_suite("clock", NULL, NULL);
    CU_add_test(s, "boot clock advances", test_clock_mono_advances);
    CU_add_test(s, "formats durations", test_clock_formats_durations);
    CU_add_test(s, "formats UTC time", test_clock_hms_utc);
}
