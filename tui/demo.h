/* demo: `rollwatch --demo`: the fake cloud as a child process. Before curses
 * starts, the console forks and execs itself as `rollwatch sim --port 0
 * --env-file <private tmp> …` (the scenario and fault flags passed through;
 * the child in its own session, stdout to /dev/null, stderr to a private file,
 * SIGTERM when the console dies), waits a bounded time for the env file, then
 * points this process's AWS settings at the sim, so every client talks to it. */
#ifndef RW_DEMO_H
#define RW_DEMO_H

#include <stddef.h>
#include <sys/types.h>

#include "core/cli.h"
#include "core/err.h"

/* How long the console waits for the sim to be ready. */
#define DEMO_WAIT_MS 2000

struct demo {
    pid_t pid;             /* the sim; 0 when none runs */
    int errfd;             /* the sim's stderr (an unlinked file), or -1 */
    char dir[256];         /* private temporary directory */
    char env_path[300];    /* dir/sim.env (both removed once read) */
    char endpoint[64];     /* AWS_ENDPOINT_URL of the sim */
};

/* Start the fake cloud for cli (its --scenario, fault flags, --seed, --speed),
 * wait for it, set AWS_ENDPOINT_URL and the sim's credentials and region in this
 * process's environment (clearing profiles, tokens and config files), and copy
 * the env file to cli->env_file if set. 0, or -1 with err: RW_E_USAGE for a bad
 * flag value, else why the sim did not start (its own message). */
int demo_start(const struct rw_cli *cli, struct demo *d, struct rw_err *err);
/* Stop the sim (SIGTERM, then SIGKILL after 2 s), reap it, remove the private
 * files; safe on a demo that never started. */
void demo_stop(struct demo *d);
/* Parse one env-file line "export KEY=VALUE" into key (size kn) and val (size
 * vn); 0, or -1 if it is not one (KEY: [A-Z0-9_]+, VALUE: no quotes or spaces). */
int demo_env_line(const char *line, size_t len, char *key, size_t kn, char *val, size_t vn);

#endif
