/* headless_main: the headless sub-commands linked against librollwatch.a
 * alone, without ncursesw. That this links at all is the proof; check.sh then
 * runs it. */
#include <curl/curl.h>
#include <stdio.h>

#include "core/cli.h"

int main(int argc, char **argv)
{
    struct rw_cli cli;
    struct rw_err err;
    if (rw_cli_parse(argc, argv, &cli, &err) < 0) {
        fprintf(stderr, "headless: %s\n", err.msg);
        return rw_err_exit_code(err.code);
    }
    if (!cli.command) {
        rw_cli_usage(stdout);
        rw_cli_free(&cli);
        return 0;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    int rc = rw_cli_run_command(&cli, stdout, stderr);
    curl_global_cleanup();
    rw_cli_free(&cli);
    return rc;
}
