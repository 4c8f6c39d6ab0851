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

#include "core/clock.h"
#include "sim_auth.h"
#include "sim_logs.h"
#include "sim_server.h"
#include "sim_world.h"

#define MAX_SPEED 1e6

static int usage(FILE *errout, const char *flag, const char *v, const char *want)
{
    fprintf(errout, "rollwatch sim: bad %s '%s' (%s)\n", flag, v, want);
    return -1;
}

static int parse_u64(const char *s, uint64_t *out)
{
    if (!s || *s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

/* The fault rates, the delay and the credentials' lifetime from the global flags. */
static int parse_faults(const struct rw_cli *cli, struct sim_faults *f, FILE *errout)
{
    const struct { const char *flag, *val; double *out; } rates[] = {
        { "--throttle-rate", cli->throttle_rate, &f->throttle_rate },
        { "--error-rate", cli->error_rate, &f->error_rate },
        { "--truncate-rate", cli->truncate_rate, &f->truncate_rate },
    };
    for (size_t i = 0; i < sizeof rates / sizeof *rates; i++)
        if (rates[i].val && sim_faults_parse_rate(rates[i].val, rates[i].out) < 0)
            return usage(errout, rates[i].flag, rates[i].val, "a number from 0 to 1");
    long v;
    if (cli->delay_ms) {
        if (sim_faults_parse_int(cli->delay_ms, 0, SIM_FAULTS_MAX_DELAY_MS, &v) < 0)
            return usage(errout, "--delay-ms", cli->delay_ms, "milliseconds, 0 to 120000");
        f->delay_ms = (int)v;
    }
    if (cli->expire_credentials_after) {
        if (sim_faults_parse_int(cli->expire_credentials_after, 1, SIM_FAULTS_MAX_EXPIRE_S, &v) < 0)
            return usage(errout, "--expire-credentials-after", cli->expire_credentials_after,
                         "seconds, 1 to 86400");
        f->expire_credentials_after_s = (int)v;
    }
    return 0;
}

/* The global flags that concern the sim. */
static int parse_globals(const struct rw_cli *cli, struct sim_config *c, FILE *errout)
{
    if (!cli)
        return 0;
    if (cli->scenario)
        c->scenario = cli->scenario;
    c->env_file = cli->env_file;
    if (cli->seed && parse_u64(cli->seed, &c->seed) < 0)
        return usage(errout, "--seed", cli->seed, "a whole number from 0 to 2^64-1");
    if (cli->speed) {
        char *end;
        errno = 0;
        c->speed = strtod(cli->speed, &end);
        if (errno || *end || !*cli->speed || !(c->speed >= 1 && c->speed <= MAX_SPEED))
            return usage(errout, "--speed", cli->speed, "a number from 1 to 1000000");
    }
    if (parse_faults(cli, &c->faults, errout) < 0)
        return -1;
    if (strcmp(c->scenario, "throttling") == 0) { /* ECS and Logs throttled, 30% by default */
        c->faults.throttle_ecs_logs_only = 1;
        if (!cli->throttle_rate)
            c->faults.throttle_rate = SIM_FAULTS_THROTTLING_RATE;
    }
    return 0;
}

int sim_config_parse(int argc, char **argv, const struct rw_cli *cli, struct sim_config *c,
                     FILE *errout)
{
    memset(c, 0, sizeof *c);
    c->scenario = "steady";
    c->seed = 1;
    c->speed = 1;
    if (parse_globals(cli, c, errout) < 0)
        return -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc || (strcmp(a, "--port") && strcmp(a, "--env-file") &&
                              strcmp(a, "--scenario"))) {
            fprintf(errout, "rollwatch sim: unknown or incomplete option '%s'\n", a);
            return -1;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--port") == 0) {
            long p;
            if (sim_faults_parse_int(v, 0, 65535, &p) < 0)
                return usage(errout, "--port", v, "0-65535");
            c->port = (int)p;
        } else if (strcmp(a, "--env-file") == 0) {
            c->env_file = v;
        } else {
            c->scenario = v;
        }
    }
    return 0;
}

/* Write the env file through a temporary name, so a reader never sees half of it. */
static int write_env_file(const struct sim_config *c, int port)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", c->env_file) >= (int)sizeof tmp)
        return -1;
    FILE *fp = fopen(tmp, "w");
    if (!fp)
        return -1;
    fprintf(fp, "export AWS_ENDPOINT_URL=http://127.0.0.1:%d\n", port);
    if (c->faults.expire_credentials_after_s > 0)
        fprintf(fp, "export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:%d"
                "/_sim/credentials\n", port);
    else
        fprintf(fp, "export AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=%s\n",
                SIM_ACCESS_KEY, SIM_SECRET_KEY);
    fprintf(fp, "export AWS_REGION=us-east-1\n"
            "export ROLLWATCH_SIM_CONTROL=http://127.0.0.1:%d/_sim\n", port);
    if (fclose(fp) != 0 || rename(tmp, c->env_file) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

/* Serve until a signal; returns the exit code. */
static int serve(const struct sim_config *c, struct sim_world *w, FILE *out, FILE *errout)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old); /* before MHD's thread, which inherits it */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    struct rw_err err;
    struct sim_server *s = sim_server_start(w, c->port, &c->faults, c->seed, &err);
    int rc = 0;
    if (!s) {
        fprintf(errout, "rollwatch sim: %s\n", err.msg);
        rc = 3;
    } else if (c->env_file && write_env_file(c, sim_server_port(s)) < 0) {
        fprintf(errout, "rollwatch sim: cannot write %s: %s\n", c->env_file, strerror(errno));
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
    struct sim_config c;
    if (sim_config_parse(argc, argv, cli, &c, errout) < 0)
        return 64;
    struct sim_world *w = malloc(sizeof *w);
    if (!w)
        return 3;
    if (sim_world_init(w, c.scenario, rw_wall_ms(), c.seed, c.speed) < 0) {
        fprintf(errout, "rollwatch sim: unknown scenario '%s' (try steady, bad-deploy, "
                "flapping-health, throttling or slow-boot)\n", c.scenario);
        free(w);
        return 64;
    }
    sim_logs_attach(w);
    int rc = serve(&c, w, out, errout);
    sim_world_destroy(w);
    free(w);
    return rc;
}
