/* commands: the headless sub-commands' table, usage text and dispatch.
 * Built into the headless library: nothing here may need curses. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "clients/aws/sigv4_debug.h"
#include "core/log.h"
#include "core/xmalloc.h"

struct command {
    const char *name;
    const char *args;
    const char *summary;
    int (*run)(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);
    const char *arrives_with; /* non-NULL: not in this build yet */
};

static int run_debug(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);
static int run_sim(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout);

static rw_cli_runner sim_runner; /* set by the program that links sim/ */

static const struct command table[] = {
    { "status", "[--json]", "clusters, services, deployments and tasks", rw_cmd_status, NULL },
    { "logs", "SERVICE|--group G [--since 10m] [--follow] [--filter RE] [--format F]",
      "print or follow a service's CloudWatch logs", rw_cmd_logs, NULL },
    { "check", "[--budget-ms 500] [--url URL]...", "synthetic check; exit code = verdict",
      NULL, "health checks and runbook rules" },
    { "rollback", "SERVICE [--to REVISION] [--dry-run] [--yes]",
      "roll a service back to its previous release", NULL, "actions" },
    { "scale", "SERVICE COUNT [--yes]", "set a service's desired count", NULL, "actions" },
    { "redeploy", "SERVICE [--yes]", "force a new deployment", NULL, "actions" },
    { "restart", "SERVICE TASK [--yes]", "stop a task so ECS replaces it", NULL, "actions" },
    { "sim", "[--port N] [--scenario NAME] [--env-file F] [faults]", "run the fake cloud alone",
      run_sim, NULL },
    { "debug", "sign [options] < request", "show how a request is signed (SigV4)", run_debug,
      NULL },
};

void rw_cli_usage(FILE *fp)
{
    fputs("usage: rollwatch [global options]                the console\n"
          "       rollwatch --demo [--scenario NAME] [faults] [--env-file F]\n"
          "                                                 the console on the built-in fake cloud\n"
          "       rollwatch [global options] COMMAND [args]\n\ncommands:\n", fp);
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        fprintf(fp, "  %-9s %-52s %s%s\n", table[i].name, table[i].args, table[i].summary,
                table[i].arrives_with ? " (not in this build yet)" : "");
    fputs("\nglobal options (before or after the command):\n"
          "  --profile P  --region R  --cluster C  --service S (repeatable)  --target NAME\n"
          "  --config FILE  --theme NAME  --read-only  --audit FILE  --log FILE  --debug\n"
          "  --help  --version\n"
          "\nthe fake cloud's (sim and --demo): --scenario NAME  --env-file F  --seed N  --speed X\n"
          "  faults: --throttle-rate R  --error-rate R  --truncate-rate R  (R from 0 to 1)\n"
          "          --delay-ms N  --expire-credentials-after SECONDS\n"
          "\nexit codes: 0 ok, 1 warning, 2 critical, 3 failed, 4 refused, 64 usage,\n"
          "            69 not available in this build, 77 no credentials or access denied\n", fp);
}

/* `debug sign`: --region and --service are global flags (the ECS service), so
 * they are handed back to the signer as its region and signing name. */
static int run_debug(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout)
{
    if (argc < 2 || strcmp(argv[1], "sign") != 0) {
        fputs("rollwatch debug: expected a topic: sign\n", errout);
        return 64;
    }
    char **args = xcalloc((size_t)argc + 5, sizeof *args);
    int n = 0;
    for (int i = 1; i < argc; i++)
        args[n++] = argv[i];
    if (cli->region) {
        args[n++] = "--region";
        args[n++] = (char *)cli->region;
    }
    if (cli->nservices) {
        args[n++] = "--service";
        args[n++] = (char *)cli->services[cli->nservices - 1];
    }
    int rc = sigv4_debug_sign_main(n, args, stdin, out, errout);
    free(args);
    return rc;
}

void rw_cli_set_sim_runner(rw_cli_runner fn)
{
    sim_runner = fn;
}

/* `sim`: the fake cloud, when the program linked it (the headless library alone does not). */
static int run_sim(int argc, char **argv, const struct rw_cli *cli, FILE *out, FILE *errout)
{
    if (!sim_runner) {
        fputs("rollwatch sim: not available in this build yet (arrives with the fake cloud)\n",
              errout);
        return 69;
    }
    return sim_runner(argc, argv, cli, out, errout);
}

int rw_cli_run_command(const struct rw_cli *cli, FILE *out, FILE *errout)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        const struct command *c = &table[i];
        if (strcmp(c->name, cli->command) != 0)
            continue;
        if (c->arrives_with) {
            fprintf(errout, "rollwatch %s: not available in this build yet (arrives with %s)\n",
                    c->name, c->arrives_with);
            return 69;
        }
        struct rw_err err;
        if ((cli->log || cli->debug) &&
            rw_log_open(cli->log, cli->debug ? RW_LOG_DEBUG : RW_LOG_INFO, &err) < 0)
            fprintf(errout, "rollwatch: %s (continuing without a log)\n", err.msg);
        int rc = c->run(cli->argc, cli->argv, cli, out, errout);
        rw_log_close();
        return rc;
    }
    fprintf(errout, "rollwatch: unknown command '%s'\n", cli->command);
    return 64;
}
