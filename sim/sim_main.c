/* sim_main: `rollwatch sim`: parse the flags, build the world, serve it on
 * loopback, announce the address (stdout and --env-file), then wait for
 * SIGINT/SIGTERM with sigwait. The sim is its own process, so it also asks the
 * kernel for SIGTERM when its parent dies. */
#include "sim.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#include "sim_auth.h"
#include "sim_server.h"
#include "sim_world.h"

struct sim_opts {
    int port;
    const char *scenario, *env_file;
};

/* Parse argv (argv[0] is "sim"); 0, or -1 after printing why to errout. */
static int parse_opts(int argc, char **argv, const struct rw_cli *cli, struct sim_opts *o,
                      FILE *errout)
{
    o->port = 0;
    o->scenario = cli && cli->scenario ? cli->scenario : "steady";
    o->env_file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc || (strcmp(a, "--port") && strcmp(a, "--env-file") &&
                              strcmp(a, "--scenario"))) {
            fprintf(errout, "rollwatch sim: unknown or incomplete option '%s'\n", a);
            return -1;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--port") == 0) {
            char *end;
            errno = 0;
            long p = strtol(v, &end, 10);
            if (errno || *end || !*v || p < 0 || p > 65535) {
                fprintf(errout, "rollwatch sim: bad --port '%s' (0-65535)\n", v);
                return -1;
            }
            o->port = (int)p;
        } else if (strcmp(a, "--env-file") == 0) {
            o->env_file = v;
        } else {
            o->scenario = v;
        }
    }
    return 0;
}

/* Write the env file through a temporary name, so a reader never sees half of it. */
static int write_env_file(const char *path, int port)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return -1;
    FILE *fp = fopen(tmp, "w");
    if (!fp)
        return -1;
    fprintf(fp,
            "export AWS_ENDPOINT_URL=http://127.0.0.1:%d\n"
            "export AWS_ACCESS_KEY_ID=%s\n"
            "export AWS_SECRET_ACCESS_KEY=%s\n"
            "export AWS_REGION=us-east-1\n"
            "export ROLLWATCH_SIM_CONTROL=http://127.0.0.1:%d/_sim\n",
            port, SIM_ACCESS_KEY, SIM_SECRET_KEY, port);
    if (fclose(fp) != 0 || rename(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

/* Serve until a signal; returns the exit code. */
static int serve(const struct sim_opts *o, struct sim_world *w, FILE *out, FILE *errout)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old); /* before MHD's thread, which inherits it */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    struct rw_err err;
    static const struct sim_faults none; /* the fault flags arrive next */
    struct sim_server *s = sim_server_start(w, o->port, &none, 1, &err);
    int rc = 0;
    if (!s) {
        fprintf(errout, "rollwatch sim: %s\n", err.msg);
        rc = 3;
    } else if (o->env_file && write_env_file(o->env_file, sim_server_port(s)) < 0) {
        fprintf(errout, "rollwatch sim: cannot write %s: %s\n", o->env_file, strerror(errno));
        rc = 3;
    } else {
        fprintf(out, "rollwatch sim: listening on http://127.0.0.1:%d\n", sim_server_port(s));
        fflush(out);
        int sig;
        sigwait(&set, &sig);
    }
    sim_server_stop(s);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int sim_main(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout)
{
    struct sim_opts o;
    if (parse_opts(argc, argv, cli, &o, errout) < 0)
        return 64;
    struct sim_world *w = malloc(sizeof *w);
    if (!w)
        return 3;
    if (sim_world_init(w, o.scenario, (int64_t)time(NULL)) < 0) {
        fprintf(errout, "rollwatch sim: unknown scenario '%s' (this build has: steady)\n",
                o.scenario);
        free(w);
        return 64;
    }
    int rc = serve(&o, w, out, errout);
    sim_world_destroy(w);
    free(w);
    return rc;
}
