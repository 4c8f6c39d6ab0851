/* cli: argument parsing and sub-command dispatch (see cli.h). */
#include "cli.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

struct opt {
    const char *name;
    int takes_value;
    size_t offset;          /* into struct rw_cli */
};

#define VAL(field) { "--" #field, 1, offsetof(struct rw_cli, field) }
#define FLAG(name, field) { name, 0, offsetof(struct rw_cli, field) }
#define SIMVAL(name, field) { name, 1, offsetof(struct rw_cli, field) }

static const struct opt global_opts[] = {
    VAL(profile), VAL(region), VAL(cluster), VAL(target), VAL(config),
    VAL(theme), VAL(audit), VAL(log), VAL(scenario),
    { "--service", 1, 0 },
    SIMVAL("--env-file", env_file), SIMVAL("--throttle-rate", throttle_rate),
    SIMVAL("--error-rate", error_rate), SIMVAL("--truncate-rate", truncate_rate),
    SIMVAL("--delay-ms", delay_ms),
    SIMVAL("--expire-credentials-after", expire_credentials_after),
    SIMVAL("--seed", seed), SIMVAL("--speed", speed),
    FLAG("--read-only", read_only), FLAG("--debug", debug), FLAG("--demo", demo),
    FLAG("--help", help), FLAG("-h", help), FLAG("--version", version),
};

static const char *const commands[] = {
    "status", "logs", "check", "rollback", "scale", "redeploy", "restart", "sim", "debug",
};

static const struct opt *find_opt(const char *arg, const char **inline_val)
{
    *inline_val = NULL;
    for (size_t i = 0; i < sizeof global_opts / sizeof *global_opts; i++) {
        const struct opt *o = &global_opts[i];
        size_t n = strlen(o->name);
        if (strncmp(arg, o->name, n) != 0)
            continue;
        if (arg[n] == '\0')
            return o;
        if (arg[n] == '=' && o->takes_value) {
            *inline_val = arg + n + 1;
            return o;
        }
    }
    return NULL;
}

static int is_command(const char *s)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(s, commands[i]) == 0)
            return 1;
    return 0;
}

static int apply_opt(struct rw_cli *out, const struct opt *o, const char *val)
{
    if (!o->takes_value) {
        *(int *)((char *)out + o->offset) = 1;
    } else if (strcmp(o->name, "--service") == 0) {
        out->services = xreallocarray(out->services, out->nservices + 1, sizeof *out->services);
        out->services[out->nservices++] = val;
    } else {
        *(const char **)((char *)out + o->offset) = val;
    }
    return 0;
}

/* Handle one global option at argv[*i]; 1 if consumed, 0 if not global, -1 on error. */
static int take_global(int argc, char **argv, int *i, struct rw_cli *out, struct rw_err *err)
{
    const char *inl;
    const struct opt *o = find_opt(argv[*i], &inl);
    if (!o)
        return 0;
    const char *val = inl;
    if (o->takes_value && !val) {
        if (*i + 1 >= argc)
            return rw_err_set(err, RW_E_USAGE, "%s needs a value", o->name);
        val = argv[++*i];
    }
    if (o->takes_value && !*val)
        return rw_err_set(err, RW_E_USAGE, "%s needs a non-empty value", o->name);
    return apply_opt(out, o, val) == 0 ? 1 : -1;
}

/* The fake cloud's flags mean something to `sim` and `--demo` only. */
static int check_sim_flags(const struct rw_cli *c, struct rw_err *err)
{
    if (c->demo || (c->command && strcmp(c->command, "sim") == 0))
        return 0;
    const struct { const char *name, *val; } f[] = {
        { "--env-file", c->env_file }, { "--throttle-rate", c->throttle_rate },
        { "--error-rate", c->error_rate }, { "--truncate-rate", c->truncate_rate },
        { "--delay-ms", c->delay_ms }, { "--expire-credentials-after", c->expire_credentials_after },
        { "--seed", c->seed }, { "--speed", c->speed },
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (f[i].val)
            return rw_err_set(err, RW_E_USAGE, "%s is for rollwatch sim and rollwatch --demo",
                              f[i].name);
    return 0;
}

int rw_cli_parse(int argc, char **argv, struct rw_cli *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    out->argv = xcalloc((size_t)argc + 1, sizeof *out->argv);
    int rest = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int rc = rest ? 0 : take_global(argc, argv, &i, out, err);
        if (rc < 0)
            goto fail;
        if (rc > 0)
            continue;
        if (!rest && strcmp(a, "--") == 0 && out->command) {
            rest = 1;
        } else if (!out->command) {
            if (a[0] == '-') {
                rw_err_set(err, RW_E_USAGE, "unknown option '%s' (see rollwatch --help)", a);
                goto fail;
            }
            if (!is_command(a)) {
                rw_err_set(err, RW_E_USAGE, "unknown command '%s' (see rollwatch --help)", a);
                goto fail;
            }
            out->command = a;
            out->argv[out->argc++] = argv[i];
        } else {
            out->argv[out->argc++] = argv[i];
        }
    }
    if (check_sim_flags(out, err) < 0)
        goto fail;
    return 0;
fail:
    rw_cli_free(out);
    return -1;
}

void rw_cli_free(struct rw_cli *cli)
{
    free(cli->services);
    free(cli->argv);
    memset(cli, 0, sizeof *cli);
}
