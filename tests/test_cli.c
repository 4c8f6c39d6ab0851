/* Tests for core/cli: global flags anywhere, usage errors, exit codes. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "core/cli.h"
#include "sim/sim.h"

static void test_cli_global_flags_before_and_after_command(void)
{
    char *argv[] = { "rollwatch", "--profile", "stage", "status", "--json",
                     "--region=us-west-2", "--service", "a", "--service", "b",
                     "--read-only", NULL };
    struct rw_cli cli;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(rw_cli_parse(11, argv, &cli, &err), 0);
    CU_ASSERT_STRING_EQUAL(cli.profile, "stage");
    CU_ASSERT_STRING_EQUAL(cli.region, "us-west-2");
    CU_ASSERT_STRING_EQUAL(cli.command, "status");
    CU_ASSERT_EQUAL(cli.nservices, 2);
    CU_ASSERT_STRING_EQUAL(cli.services[1], "b");
    CU_ASSERT_EQUAL(cli.read_only, 1);
    CU_ASSERT_EQUAL(cli.argc, 2); /* status --json */
    CU_ASSERT_STRING_EQUAL(cli.argv[1], "--json");
    rw_cli_free(&cli);
}

static void test_cli_unknown_flag_is_usage_error(void)
{
    char *argv[] = { "rollwatch", "--bogus", NULL };
    struct rw_cli cli;
    struct rw_err err;
    CU_ASSERT_EQUAL(rw_cli_parse(2, argv, &cli, &err), -1);
    CU_ASSERT_EQUAL(rw_err_exit_code(err.code), 64);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--bogus"));
    char *argv2[] = { "rollwatch", "deploy", NULL };
    CU_ASSERT_EQUAL(rw_cli_parse(2, argv2, &cli, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown command"));
    char *argv3[] = { "rollwatch", "--profile", NULL };
    CU_ASSERT_EQUAL(rw_cli_parse(2, argv3, &cli, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "needs a value"));
}

static void test_cli_console_without_command(void)
{
    char *argv[] = { "rollwatch", "--demo", "--theme", "mono", NULL };
    struct rw_cli cli;
    struct rw_err err;
    CU_ASSERT_EQUAL_FATAL(rw_cli_parse(4, argv, &cli, &err), 0);
    CU_ASSERT_PTR_NULL(cli.command);
    CU_ASSERT_EQUAL(cli.demo, 1);
    CU_ASSERT_STRING_EQUAL(cli.theme, "mono");
    rw_cli_free(&cli);
}

static int run(int argc, char **argv, char *errbuf, size_t n)
{
    struct rw_cli cli;
    struct rw_err err;
    if (rw_cli_parse(argc, argv, &cli, &err) < 0)
        return rw_err_exit_code(err.code);
    FILE *out = fopen("/dev/null", "w");
    FILE *errout = fmemopen(errbuf, n, "w");
    int rc = rw_cli_run_command(&cli, out, errout);
    fclose(out);
    fclose(errout);
    rw_cli_free(&cli);
    return rc;
}

static void test_cli_unlanded_commands_exit_69(void)
{
    const char *cmds[] = { "check", "rollback", "scale", "redeploy", "restart" };
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        char buf[256] = { 0 };
        char *argv[] = { "rollwatch", (char *)cmds[i], NULL };
        CU_ASSERT_EQUAL(run(2, argv, buf, sizeof buf), 69);
        CU_ASSERT_PTR_NOT_NULL(strstr(buf, "not available in this build yet"));
    }
}

/* sim runs when the program installs its runner; the headless library alone exits 69 */
static void test_cli_sim_runner_hook(void)
{
    char buf[256] = { 0 };
    char *bogus[] = { "rollwatch", "sim", "--bogus", NULL };
    char *port[] = { "rollwatch", "sim", "--port", "70000", NULL };
    char *scen[] = { "rollwatch", "sim", "--scenario", "no-such", NULL };
    rw_cli_set_sim_runner(NULL);
    CU_ASSERT_EQUAL(run(3, bogus, buf, sizeof buf), 69);
    rw_cli_set_sim_runner(sim_main);
    CU_ASSERT_EQUAL(run(3, bogus, buf, sizeof buf), 64);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "--bogus"));
    CU_ASSERT_EQUAL(run(4, port, buf, sizeof buf), 64);
    CU_ASSERT_EQUAL(run(4, scen, buf, sizeof buf), 64);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "no-such"));
    rw_cli_set_sim_runner(NULL);
}

/* the fake cloud's flags are global, but mean something to sim and --demo only */
static void test_cli_sim_flags(void)
{
    struct rw_cli cli;
    struct rw_err err;
    char *sim[] = { "rollwatch", "--throttle-rate", "0.5", "sim", "--seed=7", "--port", "0",
                    "--env-file", "/tmp/e", NULL };
    CU_ASSERT_EQUAL_FATAL(rw_cli_parse(9, sim, &cli, &err), 0);
    CU_ASSERT_STRING_EQUAL(cli.throttle_rate, "0.5");
    CU_ASSERT_STRING_EQUAL(cli.seed, "7");
    CU_ASSERT_STRING_EQUAL(cli.env_file, "/tmp/e");
    CU_ASSERT_EQUAL(cli.argc, 3); /* sim --port 0 */
    rw_cli_free(&cli);
    char *demo[] = { "rollwatch", "--demo", "--delay-ms", "200", "--expire-credentials-after",
                     "30", "--speed", "4", "--error-rate", "0.1", "--truncate-rate", "0", NULL };
    CU_ASSERT_EQUAL_FATAL(rw_cli_parse(12, demo, &cli, &err), 0);
    CU_ASSERT_STRING_EQUAL(cli.delay_ms, "200");
    CU_ASSERT_STRING_EQUAL(cli.expire_credentials_after, "30");
    CU_ASSERT_STRING_EQUAL(cli.speed, "4");
    rw_cli_free(&cli);
    char *status[] = { "rollwatch", "status", "--error-rate", "0.1", NULL };
    CU_ASSERT_EQUAL(rw_cli_parse(4, status, &cli, &err), -1);
    CU_ASSERT_EQUAL(rw_err_exit_code(err.code), 64);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "--error-rate is for rollwatch sim"));
    char *console[] = { "rollwatch", "--env-file", "/tmp/e", NULL };
    CU_ASSERT_EQUAL(rw_cli_parse(3, console, &cli, &err), -1);
    char buf[256] = { 0 };
    char *bad[] = { "rollwatch", "sim", "--delay-ms", "soon", NULL };
    rw_cli_set_sim_runner(sim_main);
    CU_ASSERT_EQUAL(run(4, bad, buf, sizeof buf), 64);
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "bad --delay-ms 'soon'"));
    rw_cli_set_sim_runner(NULL);
}

static void test_cli_usage_lists_every_command(void)
{
    char buf[4096] = { 0 };
    FILE *fp = fmemopen(buf, sizeof buf, "w");
    rw_cli_usage(fp);
    fclose(fp);
    const char *cmds[] = { "status", "logs", "check", "rollback", "scale", "redeploy",
                           "restart", "sim", "debug", "--profile", "--read-only",
                           "--throttle-rate", "--expire-credentials-after", "--seed" };
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
        CU_ASSERT_PTR_NOT_NULL(strstr(buf, cmds[i]));
}

void test_cli_register(void)
{
    CU_pSuite s = CU_add_suite("cli", NULL, NULL);
    CU_add_test(s, "global flags before and after the command", test_cli_global_flags_before_and_after_command);
    CU_add_test(s, "unknown flag or command: exit 64", test_cli_unknown_flag_is_usage_error);
    CU_add_test(s, "no command: the console", test_cli_console_without_command);
    CU_add_test(s, "commands not landed yet exit 69", test_cli_unlanded_commands_exit_69);
    CU_add_test(s, "sim runs through the runner hook", test_cli_sim_runner_hook);
    CU_add_test(s, "the fake cloud's flags: sim and --demo only", test_cli_sim_flags);
    CU_add_test(s, "usage lists every command", test_cli_usage_lists_every_command);
}
