/* main: parse the command line, then run a headless sub-command or the console. */
#include <curl/curl.h>
#include <stdio.h>

#include "app.h"
#include "core/cli.h"
#include "sim/sim.h"

int main(int argc, char **argv)
{
    struct rw_cli cli;
    struct rw_err err;
    rw_cli_set_sim_runner(sim_main);
    if (rw_cli_parse(argc, argv, &cli, &err) < 0) {
        fprintf(stderr, "rollwatch: %s\n", err.msg);
        return rw_err_exit_code(err.code);
    }
    int rc;
    if (cli.help) {
        rw_cli_usage(stdout);
        rc = 0;
    } else if (cli.version) {
        printf("rollwatch %s\n", RW_VERSION);
        rc = 0;
    } else if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("rollwatch: cannot initialise libcurl\n", stderr);
        rc = 3;
    } else {
        rc = cli.command ? rw_cli_run_command(&cli, stdout, stderr) : app_main(&cli);
        curl_global_cleanup();
    }
    rw_cli_free(&cli);
    return rc;
}
