/* sim: `rollwatch sim`, the fake cloud as its own process. Built into
 * librollwatch-sim.a, not the headless library: tui/main.c hands sim_main to
 * core with rw_cli_set_sim_runner. */
#ifndef RW_SIM_H
#define RW_SIM_H

#include <stdint.h>
#include <stdio.h>

#include "core/cli.h"
#include "sim_faults.h"

/* Everything `rollwatch sim` (and `rollwatch --demo`, which runs it) is told. */
struct sim_config {
    int port;                  /* 0: any free port */
    const char *scenario;      /* as given: "steady" unless --scenario */
    const char *env_file;      /* NULL: none */
    uint64_t seed;             /* --seed, default 1: faults (and the world) replay */
    double speed;              /* --speed, >= 1, default 1: how fast world time runs */
    struct sim_faults faults;  /* the flags; --scenario throttling defaults throttling */
};

/* Fill cfg from the global flags in cli (--scenario, --env-file, the fault
 * flags, --seed, --speed) and the sim's own argv (argv[0] is "sim"; --port);
 * 0, or -1 after printing why to errout (the caller exits 64). */
int sim_config_parse(int argc, char **argv, const struct rw_cli *cli, struct sim_config *cfg,
                     FILE *errout);
/* `rollwatch sim [--port N] [--scenario NAME] [--env-file F] [faults]`: serve
 * until SIGINT or SIGTERM (or the parent's death); returns the exit code (64
 * for bad usage). */
int sim_main(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);

#endif
