/* sim: `rollwatch sim`, the fake cloud as its own process. Built into
 * librollwatch-sim.a, not the headless library: tui/main.c hands sim_main to
 * core with rw_cli_set_sim_runner. */
#ifndef RW_SIM_H
#define RW_SIM_H

#include <stdio.h>

#include "core/cli.h"

/* `rollwatch sim [--port N] [--scenario NAME] [--env-file F]`: serve until SIGINT
 * or SIGTERM (or the parent's death); returns the exit code (64 for bad usage). */
int sim_main(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);

#endif
