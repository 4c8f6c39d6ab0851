/* Tests for sim/sim_main's flags (sim_config_parse): the fault flags, --seed,
 * --speed, --scenario throttling's default, and clear messages for bad values. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "core/cli.h"
#include "sim/sim.h"

/* Parse a command line and the sim's config from it; the sim_config_parse result. */
static int config(char **argv, int argc, struct sim_config *c, char *msg, size_t n)
{
    struct rw_cli cli;
    struct rw_err err;
    if (rw_cli_parse(argc, argv, &cli, &err) < 0) {
        snprintf(msg, n, "%.200s", err.msg);
        return -2;
    }
    FILE *fp = fmemopen(msg, n, "w");
    int rc = sim_config_parse(cli.argc, cli.argv, &cli, c, fp);
    fclose(fp);
    rw_cli_free(&cli);
    return rc;
}

static void test_sim_config_flags(void)
{
    char msg[256] = "";
    struct sim_config c;
    char *dflt[] = { "rollwatch", "sim", NULL };
    CU_ASSERT_EQUAL_FATAL(config(dflt, 2, &c, msg, sizeof msg), 0);
    CU_ASSERT_EQUAL(c.seed, 1);
    CU_ASSERT_EQUAL(c.speed, 1);
    CU_ASSERT_STRING_EQUAL(c.scenario, "steady");
    CU_ASSERT_EQUAL(c.faults.throttle_rate, 0);
    char *all[] = { "rollwatch", "sim", "--port", "0", "--throttle-rate", "0.5", "--error-rate",
                    "0.1", "--truncate-rate=0.2", "--delay-ms", "300",
                    "--expire-credentials-after", "60", "--seed", "18446744073709551615",
                    "--speed", "10", "--env-file", "/tmp/x.env", NULL };
    CU_ASSERT_EQUAL_FATAL(config(all, 19, &c, msg, sizeof msg), 0);
    CU_ASSERT_EQUAL(c.faults.throttle_rate, 0.5);
    CU_ASSERT_EQUAL(c.faults.error_rate, 0.1);
    CU_ASSERT_EQUAL(c.faults.truncate_rate, 0.2);
    CU_ASSERT_EQUAL(c.faults.delay_ms, 300);
    CU_ASSERT_EQUAL(c.faults.expire_credentials_after_s, 60);
    CU_ASSERT_EQUAL(c.seed, UINT64_MAX);
    CU_ASSERT_EQUAL(c.speed, 10);
    CU_ASSERT_STRING_EQUAL(c.env_file, "/tmp/x.env");
    char *thr[] = { "rollwatch", "sim", "--scenario", "throttling", NULL };
    CU_ASSERT_EQUAL_FATAL(config(thr, 4, &c, msg, sizeof msg), 0);
    CU_ASSERT_EQUAL(c.faults.throttle_rate, SIM_FAULTS_THROTTLING_RATE);
    CU_ASSERT_EQUAL(c.faults.throttle_ecs_logs_only, 1);
    char *thr2[] = { "rollwatch", "--scenario", "throttling", "sim", "--throttle-rate", "0.9", NULL };
    CU_ASSERT_EQUAL_FATAL(config(thr2, 6, &c, msg, sizeof msg), 0);
    CU_ASSERT_EQUAL(c.faults.throttle_rate, 0.9);
    const char *bad[][3] = {
        { "--throttle-rate", "1.5", "bad --throttle-rate '1.5'" },
        { "--error-rate", "x", "bad --error-rate 'x'" },
        { "--delay-ms", "-5", "bad --delay-ms '-5'" },
        { "--expire-credentials-after", "0", "bad --expire-credentials-after '0'" },
        { "--seed", "-1", "bad --seed '-1'" },
        { "--seed", "18446744073709551616", "bad --seed" },
        { "--speed", "0.5", "bad --speed '0.5'" },
        { "--port", "65536", "bad --port '65536'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *argv[] = { "rollwatch", "sim", (char *)bad[i][0], (char *)bad[i][1], NULL };
        memset(msg, 0, sizeof msg);
        CU_ASSERT_EQUAL(config(argv, 4, &c, msg, sizeof msg), -1);
        CU_ASSERT_PTR_NOT_NULL(strstr(msg, bad[i][2]));
    }
}

void test_sim_config_register(void)
{
    CU_pSuite s = CU_add_suite("sim_config", NULL, NULL);
    CU_add_test(s, "sim flags: faults, seed, speed, scenario", test_sim_config_flags);
}
