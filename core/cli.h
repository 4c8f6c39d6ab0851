/* cli: the command line. Global flags work before or after the sub-command;
 * whatever follows the sub-command and is not a global flag is handed to the
 * sub-command in its own argv. */
#ifndef RW_CLI_H
#define RW_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

#define RW_VERSION "0.1.0"

struct rw_cli {
    const char *profile, *region, *cluster, *target;
    const char *config, *theme, *audit, *log, *scenario;
    /* the fake cloud's (`sim` and `--demo` only): strings, checked by the sim */
    const char *env_file, *throttle_rate, *error_rate, *truncate_rate, *delay_ms;
    const char *expire_credentials_after, *seed, *speed;
    const char **services;  /* --service, repeatable */
    size_t nservices;
    int read_only, debug, demo, help, version;
    const char *command;    /* sub-command, or NULL for the console */
    int argc;               /* sub-command argv: argv[0] is the command */
    char **argv;
};

/* Parse argv into out (which borrows argv's strings); 0 or -1 with RW_E_USAGE. */
int rw_cli_parse(int argc, char **argv, struct rw_cli *out, struct rw_err *err);
/* Free what rw_cli_parse allocated. */
void rw_cli_free(struct rw_cli *cli);
/* Print the usage text to fp. */
void rw_cli_usage(FILE *fp);
/* `rollwatch status [--json]`: the fleet as it is now; returns the exit code. */
int rw_cmd_status(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);
/* `rollwatch logs SERVICE|--group G [options]`: print or follow CloudWatch logs. */
int rw_cmd_logs(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);
/* A sub-command's runner: (argc, argv, cli, out, errout) -> exit code. */
typedef int (*rw_cli_runner)(int argc, char **argv, const struct rw_cli *cli, FILE *out,
                             FILE *errout);
/* Install the runner of `rollwatch sim` (sim/ is not in the headless library, so
 * the program that links it hands it over); NULL: sim exits 69. */
void rw_cli_set_sim_runner(rw_cli_runner fn);
/* Run a headless sub-command; returns the process exit code (DESIGN.md). */
int rw_cli_run_command(const struct rw_cli *cli, FILE *out, FILE *errout);

#endif
