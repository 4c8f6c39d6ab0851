/* demo: start, wait for, use and stop the fake cloud child of --demo. */
#include "demo.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/log.h"
#include "sim/sim.h"

#define MAX_ARGS 32
#define STOP_WAIT_MS 2000

extern char **environ;

static void nap_ms(int ms)
{
    struct timespec ts = { 0, (long)ms * 1000000L };
    nanosleep(&ts, NULL);
}

int demo_env_line(const char *line, size_t len, char *key, size_t kn, char *val, size_t vn)
{
    static const char pre[] = "export ";
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    if (len < sizeof pre || memcmp(line, pre, sizeof pre - 1) != 0)
        return -1;
    const char *k = line + sizeof pre - 1, *end = line + len;
    const char *eq = memchr(k, '=', (size_t)(end - k));
    if (!eq || eq == k || (size_t)(eq - k) >= kn || (size_t)(end - eq - 1) >= vn)
        return -1;
    for (const char *p = k; p < eq; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return -1;
    for (const char *p = eq + 1; p < end; p++)
        if ((unsigned char)*p <= ' ' || *p == '"' || *p == '\'' || *p == '\\' || *p == 127)
            return -1;
    memcpy(key, k, (size_t)(eq - k));
    key[eq - k] = '\0';
    memcpy(val, eq + 1, (size_t)(end - eq - 1));
    val[end - eq - 1] = '\0';
    return 0;
}

/* The sim's command line: the global flags that concern it, passed through. */
static int sim_argv(const struct rw_cli *cli, const char *env_path, char **argv)
{
    int n = 0;
    argv[n++] = "rollwatch";
    argv[n++] = "sim";
    argv[n++] = "--port";
    argv[n++] = "0";
    argv[n++] = "--env-file";
    argv[n++] = (char *)env_path;
    const struct { const char *flag, *val; } pass[] = {
        { "--scenario", cli->scenario }, { "--throttle-rate", cli->throttle_rate },
        { "--error-rate", cli->error_rate }, { "--truncate-rate", cli->truncate_rate },
        { "--delay-ms", cli->delay_ms },
        { "--expire-credentials-after", cli->expire_credentials_after },
        { "--seed", cli->seed }, { "--speed", cli->speed },
    };
    for (size_t i = 0; i < sizeof pass / sizeof *pass; i++) {
        if (pass[i].val) {
            argv[n++] = (char *)pass[i].flag;
            argv[n++] = (char *)pass[i].val;
        }
    }
    argv[n] = NULL;
    return n;
}

/* In the child: detach from the terminal, die with the console, exec the sim. */
static void child(char **argv, int errfd, pid_t parent)
{
    setsid(); /* no terminal: ^C, ^Z and SIGHUP of the shell are the console's */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) /* the console died before prctl */
        _exit(1);
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(errfd, 2) < 0)
        _exit(126);
    long max = sysconf(_SC_OPEN_MAX);
    for (int fd = 3; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
        close(fd);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int sig = 1; sig < NSIG; sig++) /* handlers reset on exec; SIG_IGN would not */
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    execv("/proc/self/exe", argv);
    dprintf(2, "rollwatch: cannot run the fake cloud: %s\n", strerror(errno));
    _exit(127);
}

/* What the sim said on stderr, for an error message. */
static void sim_said(struct demo *d, char *out, size_t n)
{
    ssize_t got = d->errfd >= 0 ? pread(d->errfd, out, n - 1, 0) : -1;
    size_t len = got > 0 ? (size_t)got : 0;
    while (len && (out[len - 1] == '\n' || out[len - 1] == ' '))
        len--;
    out[len] = '\0';
    for (size_t i = 0; i < len; i++)
        if (out[i] == '\n')
            out[i] = ' ';
}

/* Wait for the env file; 0, or -1 with err if the sim exited or is too slow. */
static int wait_ready(struct demo *d, struct rw_err *err)
{
    int64_t start = rw_mono_ms();
    char said[400];
    for (;;) {
        if (access(d->env_path, R_OK) == 0)
            return 0;
        int st;
        if (waitpid(d->pid, &st, WNOHANG) == d->pid) {
            d->pid = 0;
            sim_said(d, said, sizeof said);
            return rw_err_set(err, RW_E_IO, "the fake cloud did not start (exit %d): %s",
                              WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st),
                              said[0] ? said : "no message");
        }
        if (rw_mono_ms() - start > DEMO_WAIT_MS) {
            sim_said(d, said, sizeof said);
            return rw_err_set(err, RW_E_IO, "the fake cloud was not ready within %d ms%s%s",
                              DEMO_WAIT_MS, said[0] ? ": " : "", said);
        }
        nap_ms(10);
    }
}

/* Leave no AWS setting of the user's in force: the demo talks to the sim only. */
static void clear_aws_env(void)
{
    char names[64][64];
    int n = 0;
    for (char **e = environ; *e && n < 64; e++) {
        size_t len = strcspn(*e, "=");
        if (strncmp(*e, "AWS_", 4) == 0 && len < sizeof names[0]) {
            memcpy(names[n], *e, len);
            names[n++][len] = '\0';
        }
    }
    for (int i = 0; i < n; i++)
        unsetenv(names[i]);
    setenv("AWS_CONFIG_FILE", "/dev/null", 1);
    setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null", 1);
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
}

/* Read the env file: set what it says, copy it to copy_to (if set). */
static int apply_env(struct demo *d, const char *copy_to, struct rw_err *err)
{
    FILE *fp = fopen(d->env_path, "r");
    if (!fp)
        return rw_err_set(err, RW_E_IO, "%s: %s", d->env_path, strerror(errno));
    char tmp[4200];
    FILE *out = NULL;
    if (copy_to && snprintf(tmp, sizeof tmp, "%s.tmp", copy_to) < (int)sizeof tmp)
        out = fopen(tmp, "w");
    if (copy_to && !out) {
        fclose(fp);
        return rw_err_set(err, RW_E_IO, "--env-file %s: %s", copy_to, strerror(errno));
    }
    clear_aws_env();
    char line[512], key[64], val[400];
    while (fgets(line, sizeof line, fp)) {
        if (out)
            fputs(line, out);
        if (demo_env_line(line, strlen(line), key, sizeof key, val, sizeof val) == 0 &&
            (strncmp(key, "AWS_", 4) == 0 || strncmp(key, "ROLLWATCH_", 10) == 0))
            setenv(key, val, 1);
    }
    fclose(fp);
    const char *ep = getenv("AWS_ENDPOINT_URL");
    snprintf(d->endpoint, sizeof d->endpoint, "%s", ep ? ep : "");
    if (out && (fclose(out) != 0 || rename(tmp, copy_to) != 0)) {
        remove(tmp);
        return rw_err_set(err, RW_E_IO, "--env-file %s: %s", copy_to, strerror(errno));
    }
    return ep ? 0 : rw_err_set(err, RW_E_IO, "the fake cloud's env file names no endpoint");
}

/* Check the flags the sim would check, so a bad value is a usage error here. */
static int check_flags(const struct rw_cli *cli, struct rw_err *err)
{
    char msg[300] = "";
    FILE *fp = fmemopen(msg, sizeof msg - 1, "w");
    if (!fp)
        return rw_err_set(err, RW_E_INTERNAL, "fmemopen: %s", strerror(errno));
    struct sim_config cfg;
    char *argv[] = { "sim", NULL };
    int rc = sim_config_parse(1, argv, cli, &cfg, fp);
    fclose(fp);
    msg[strcspn(msg, "\n")] = '\0';
    const char *m = strncmp(msg, "rollwatch sim: ", 15) == 0 ? msg + 15 : msg;
    return rc < 0 ? rw_err_set(err, RW_E_USAGE, "%s", m) : 0;
}

/* The private directory, the stderr file and the child; 0 or -1 with err. */
static int spawn(const struct rw_cli *cli, struct demo *d, struct rw_err *err)
{
    const char *tmpdir = getenv("TMPDIR");
    snprintf(d->dir, sizeof d->dir, "%s/rollwatch-demo.XXXXXX",
             tmpdir && *tmpdir && strlen(tmpdir) < 200 ? tmpdir : "/tmp");
    if (!mkdtemp(d->dir)) {
        d->dir[0] = '\0';
        return rw_err_set(err, RW_E_IO, "cannot make a temporary directory: %s", strerror(errno));
    }
    snprintf(d->env_path, sizeof d->env_path, "%s/sim.env", d->dir);
    char errpath[300];
    snprintf(errpath, sizeof errpath, "%s/sim.err", d->dir);
    d->errfd = open(errpath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (d->errfd < 0)
        return rw_err_set(err, RW_E_IO, "%s: %s", errpath, strerror(errno));
    unlink(errpath);
    char *argv[MAX_ARGS];
    sim_argv(cli, d->env_path, argv);
    pid_t parent = getpid();
    fflush(NULL);
    d->pid = fork();
    if (d->pid < 0) {
        d->pid = 0;
        return rw_err_set(err, RW_E_IO, "cannot start the fake cloud: fork: %s", strerror(errno));
    }
    if (d->pid == 0)
        child(argv, d->errfd, parent);
    return 0;
}

/* Remove the private directory and the env file in it. */
static void remove_files(struct demo *d)
{
    if (!d->dir[0])
        return;
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s.tmp", d->env_path);
    unlink(tmp);
    unlink(d->env_path);
    rmdir(d->dir);
    d->dir[0] = '\0';
}

int demo_start(const struct rw_cli *cli, struct demo *d, struct rw_err *err)
{
    memset(d, 0, sizeof *d);
    d->errfd = -1;
    if (check_flags(cli, err) < 0)
        return -1;
    if (spawn(cli, d, err) < 0 || wait_ready(d, err) < 0 || apply_env(d, cli->env_file, err) < 0) {
        demo_stop(d);
        return -1;
    }
    remove_files(d); /* read: nothing is left behind even if the console crashes */
    rw_log(RW_LOG_INFO, "demo: the fake cloud (pid %d) serves %s", (int)d->pid, d->endpoint);
    return 0;
}

void demo_stop(struct demo *d)
{
    if (d->pid > 0) {
        kill(d->pid, SIGTERM);
        int64_t start = rw_mono_ms();
        int st;
        while (waitpid(d->pid, &st, WNOHANG) == 0) {
            if (rw_mono_ms() - start > STOP_WAIT_MS) {
                rw_log(RW_LOG_WARN, "demo: the fake cloud ignored SIGTERM: killing it");
                kill(d->pid, SIGKILL);
                waitpid(d->pid, &st, 0);
                break;
            }
            nap_ms(5);
        }
        d->pid = 0;
    }
    if (d->errfd >= 0)
        close(d->errfd);
    d->errfd = -1;
    remove_files(d);
}
