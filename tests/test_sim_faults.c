/* Tests for sim/sim_faults: the seeded PRNG, fault decisions and their rates,
 * the control API's faults JSON and the flags' value parsers. */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_faults.h"

#define ECS "AmazonEC2ContainerServiceV20141113.ListClusters"
#define LOGS "Logs_20140328.FilterLogEvents"
#define CW "GraniteServiceVersion20100801.GetMetricData"

static void test_sim_faults_rng_is_seeded(void)
{
    struct sim_rng a, b, c;
    sim_rng_seed(&a, 42);
    sim_rng_seed(&b, 42);
    sim_rng_seed(&c, 43);
    int same = 1, differs = 0;
    for (int i = 0; i < 100; i++) {
        uint64_t x = sim_rng_next(&a), y = sim_rng_next(&b), z = sim_rng_next(&c);
        same &= x == y;
        differs |= x != z;
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_TRUE(differs);
    for (int i = 0; i < 1000; i++) {
        double u = sim_rng_unit(&a);
        CU_ASSERT_TRUE(u >= 0 && u < 1);
    }
}

/* The share of n decisions of kind k for target under f, seeded. */
static double share(const struct sim_faults *f, const char *target, enum sim_fault_kind k,
                    int n, uint64_t seed)
{
    struct sim_rng rng;
    sim_rng_seed(&rng, seed);
    unsigned long nerr = 0;
    int hits = 0;
    for (int i = 0; i < n; i++) {
        struct sim_fault_decision d;
        sim_faults_decide(f, &rng, target, &nerr, &d);
        hits += d.kind == k;
    }
    return (double)hits / n;
}

static void test_sim_faults_rates_honoured(void)
{
    struct sim_faults f = { 0.3, 0, 0, 0, 0, 0 };
    double t = share(&f, ECS, SIM_FAULT_THROTTLE, 20000, 1);
    CU_ASSERT_TRUE(t > 0.28 && t < 0.32);
    CU_ASSERT_EQUAL(share(&f, ECS, SIM_FAULT_ERROR, 1000, 1), 0);
    f = (struct sim_faults){ 0, 0, 0.1, 0.5, 0, 0 };
    double e = share(&f, NULL, SIM_FAULT_ERROR, 20000, 2);
    CU_ASSERT_TRUE(e > 0.09 && e < 0.11);
    /* truncation only where no error was drawn: 0.9 * 0.5 */
    double tr = share(&f, NULL, SIM_FAULT_TRUNCATE, 20000, 3);
    CU_ASSERT_TRUE(tr > 0.43 && tr < 0.47);
    f = (struct sim_faults){ 1, 0, 1, 1, 0, 0 };
    CU_ASSERT_EQUAL(share(&f, CW, SIM_FAULT_THROTTLE, 100, 4), 1.0);
    f = (struct sim_faults){ 0, 0, 0, 0, 0, 0 };
    CU_ASSERT_EQUAL(share(&f, ECS, SIM_FAULT_NONE, 100, 5), 1.0);
}

static void test_sim_faults_throttle_ecs_logs_only(void)
{
    struct sim_faults f = { 1, 1, 0, 0, 0, 0 };
    CU_ASSERT_EQUAL(share(&f, ECS, SIM_FAULT_THROTTLE, 100, 1), 1.0);
    CU_ASSERT_EQUAL(share(&f, LOGS, SIM_FAULT_THROTTLE, 100, 1), 1.0);
    CU_ASSERT_EQUAL(share(&f, CW, SIM_FAULT_THROTTLE, 100, 1), 0.0);
    CU_ASSERT_EQUAL(share(&f, NULL, SIM_FAULT_THROTTLE, 100, 1), 0.0); /* query protocol */
    CU_ASSERT_TRUE(sim_faults_throttle_applies(&f, ECS));
    CU_ASSERT_FALSE(sim_faults_throttle_applies(&f, "AmazonEC2ContainerServiceV2014"));
}

static void test_sim_faults_decisions_replay(void)
{
    struct sim_faults f = { 0.2, 0, 0.2, 0.2, 150, 0 };
    struct sim_rng a, b;
    sim_rng_seed(&a, 9);
    sim_rng_seed(&b, 9);
    unsigned long na = 0, nb = 0;
    int errors = 0;
    for (int i = 0; i < 500; i++) {
        struct sim_fault_decision x, y;
        sim_faults_decide(&f, &a, ECS, &na, &x);
        sim_faults_decide(&f, &b, ECS, &nb, &y);
        CU_ASSERT_EQUAL(x.kind, y.kind);
        CU_ASSERT_EQUAL(x.cut, y.cut);
        CU_ASSERT_EQUAL(x.delay_ms, 150);
        if (x.kind == SIM_FAULT_ERROR) /* 500 and 503 alternate */
            CU_ASSERT_EQUAL(x.error_status, errors++ % 2 ? 503 : 500);
        if (x.kind == SIM_FAULT_TRUNCATE)
            CU_ASSERT_TRUE(x.cut >= 0 && x.cut < 1);
    }
    CU_ASSERT_TRUE(errors > 50);
    CU_ASSERT_EQUAL(sim_faults_cut(10, 0), 0);
    CU_ASSERT_EQUAL(sim_faults_cut(10, 0.55), 5);
    CU_ASSERT_EQUAL(sim_faults_cut(10, 0.9999999), 9);
    CU_ASSERT_EQUAL(sim_faults_cut(1, 0.7), 0);
}

static void test_sim_faults_json(void)
{
    struct sim_faults f = { 0, 0, 0, 0, 0, 30 };
    char msg[200];
    const char *ok = "{\"throttle_rate\":0.5,\"error_rate\":0,\"delay_ms\":200,"
                     "\"truncate_rate\":0.25,\"throttle_ecs_logs_only\":true}";
    CU_ASSERT_EQUAL_FATAL(sim_faults_parse_json(ok, strlen(ok), &f, msg, sizeof msg), 0);
    CU_ASSERT_EQUAL(f.throttle_rate, 0.5);
    CU_ASSERT_EQUAL(f.delay_ms, 200);
    CU_ASSERT_EQUAL(f.truncate_rate, 0.25);
    CU_ASSERT_EQUAL(f.throttle_ecs_logs_only, 1);
    CU_ASSERT_EQUAL(f.expire_credentials_after_s, 30);
    char *j = sim_faults_json(&f);
    CU_ASSERT_STRING_EQUAL(j, "{\"throttle_rate\":0.5,\"throttle_ecs_logs_only\":true,"
                           "\"error_rate\":0,\"truncate_rate\":0.25,\"delay_ms\":200,"
                           "\"expire_credentials_after_s\":30}");
    free(j);
    struct { const char *body, *why; } bad[] = {
        { "{\"throttle_rate\":0.1,\"bogus\":1}", "unknown key 'bogus'" },
        { "{\"error_rate\":1.5}", "error_rate must be a number from 0 to 1" },
        { "{\"error_rate\":\"0.5\"}", "error_rate must be" },
        { "{\"delay_ms\":-1}", "delay_ms must be" },
        { "{\"delay_ms\":2.5}", "delay_ms must be" },
        { "{\"delay_ms\":120001}", "delay_ms must be" },
        { "{\"throttle_ecs_logs_only\":1}", "must be true or false" },
        { "{\"expire_credentials_after_s\":5}", "start-up only" },
        { "[1]", "JSON object" },
        { "{\"throttle_rate\":", "JSON object" },
        { "", "JSON object" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct sim_faults before = f;
        msg[0] = '\0';
        CU_ASSERT_EQUAL(sim_faults_parse_json(bad[i].body, strlen(bad[i].body), &f, msg,
                                              sizeof msg), -1);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg, bad[i].why));
        CU_ASSERT_EQUAL(memcmp(&before, &f, sizeof f), 0); /* nothing changed */
    }
}

static void test_sim_faults_flag_values(void)
{
    double d;
    long v;
    CU_ASSERT_EQUAL(sim_faults_parse_rate("0.3", &d), 0);
    CU_ASSERT_EQUAL(d, 0.3);
    CU_ASSERT_EQUAL(sim_faults_parse_rate("1", &d), 0);
    const char *bad_rates[] = { "", "1.01", "-0.1", "nan", "0.5x", "inf" };
    for (size_t i = 0; i < sizeof bad_rates / sizeof *bad_rates; i++)
        CU_ASSERT_EQUAL(sim_faults_parse_rate(bad_rates[i], &d), -1);
    CU_ASSERT_EQUAL(sim_faults_parse_int("250", 0, 1000, &v), 0);
    CU_ASSERT_EQUAL(v, 250);
    CU_ASSERT_EQUAL(sim_faults_parse_int(" 1", 0, 1000, &v), -1);
    CU_ASSERT_EQUAL(sim_faults_parse_int("1001", 0, 1000, &v), -1);
    CU_ASSERT_EQUAL(sim_faults_parse_int("-1", 0, 1000, &v), -1);
    CU_ASSERT_EQUAL(sim_faults_parse_int("1e3", 0, 1000, &v), -1);
}

void test_sim_faults_register(void)
{
    CU_pSuite s = CU_add_suite("sim_faults", NULL, NULL);
    CU_add_test(s, "the PRNG replays a seed", test_sim_faults_rng_is_seeded);
    CU_add_test(s, "fault rates are honoured over many draws", test_sim_faults_rates_honoured);
    CU_add_test(s, "throttling scenario: ECS and Logs only", test_sim_faults_throttle_ecs_logs_only);
    CU_add_test(s, "decisions replay; 500 and 503 alternate", test_sim_faults_decisions_replay);
    CU_add_test(s, "control JSON: parse any subset, refuse the rest", test_sim_faults_json);
    CU_add_test(s, "flag values", test_sim_faults_flag_values);
}
