/* creds_proc: the credential_process source. The command is split as sh
 * would split it and run without a shell; its stdout is read through a pipe
 * watched by the loop, so the UI never waits on it; its stderr goes to the log
 * file (never the terminal). Output is capped at 64 KiB and the process at 60 s. */
#include "creds_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "credparse.h"

#define PROC_MAX_OUT (64 * 1024)
#define PROC_TIMEOUT_MS 60000

static void reap(struct rw_loop *loop, void *ud);

void creds_cancel_proc(struct creds_chain *c)
{
    if (c->proc_timer)
        rw_loop_timer_cancel(c->loop, c->proc_timer);
    if (c->reap_timer)
        rw_loop_timer_cancel(c->loop, c->reap_timer);
    c->proc_timer = c->reap_timer = 0;
    if (c->pipe_fd >= 0) {
        rw_loop_unwatch_fd(c->loop, c->pipe_fd);
        close(c->pipe_fd);
        c->pipe_fd = -1;
    }
    if (c->pid > 0) {
        kill(c->pid, SIGKILL);
        waitpid(c->pid, NULL, 0); /* killed: returns at once */
        c->pid = 0;
    }
    free(c->out);
    c->out = NULL;
    c->out_len = 0;
}

static void proc_failed(struct creds_chain *c, const char *fmt, const char *what)
{
    rw_err_set(&c->fail, RW_E_CREDS, fmt, what);
    creds_cancel_proc(c);
    creds_step_done(c, STEP_FAIL);
}

/* The child has exited with status: parse what it printed. */
static void proc_exited(struct creds_chain *c, int status)
{
    c->pid = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char why[64];
        snprintf(why, sizeof why, WIFEXITED(status) ? "exited %d" : "was killed by signal %d",
                 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        proc_failed(c, "credential_process %s (its stderr is in the log)", why);
        return;
    }
    struct aws_creds cr;
    struct rw_err err;
    if (credparse_process(c->out ? c->out : "", c->out_len, &cr, &err) < 0) {
        proc_failed(c, "%s", err.msg);
        return;
    }
    creds_cancel_proc(c);
    creds_take(c, &cr, "credential_process");
    creds_step_done(c, STEP_FOUND);
}

static void reap(struct rw_loop *loop, void *ud)
{
    struct creds_chain *c = ud;
    c->reap_timer = 0;
    int status;
    pid_t r = waitpid(c->pid, &status, WNOHANG);
    if (r == c->pid)
        proc_exited(c, status);
    else if (r < 0)
        proc_failed(c, "credential_process: %s", strerror(errno));
    else /* output closed but not exited yet: look again shortly */
        c->reap_timer = rw_loop_timer_add(loop, 10, 0, reap, c);
}

static void on_output(struct rw_loop *loop, int fd, short revents, void *ud)
{
    (void)revents;
    struct creds_chain *c = ud;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        if (c->out_len + (size_t)n > PROC_MAX_OUT) {
            proc_failed(c, "credential_process printed more than %s", "64 KiB");
            return;
        }
        c->out = xrealloc(c->out, c->out_len + (size_t)n + 1);
        memcpy(c->out + c->out_len, buf, (size_t)n);
        c->out_len += (size_t)n;
        c->out[c->out_len] = '\0';
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    rw_loop_unwatch_fd(loop, fd); /* EOF (or error): wait for the exit status */
    close(fd);
    c->pipe_fd = -1;
    reap(loop, c);
}

static void on_timeout(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct creds_chain *c = ud;
    c->proc_timer = 0;
    proc_failed(c, "credential_process took longer than %s", "60 s");
}

/* In the child: stdin from /dev/null, stdout to the pipe, stderr to the log. */
static void child(char **argv, int out_fd)
{
    int null = open("/dev/null", O_RDONLY);
    const char *log = rw_log_path();
    int err = log ? open(log, O_WRONLY | O_APPEND) : open("/dev/null", O_WRONLY);
    if (null >= 0)
        dup2(null, 0);
    dup2(out_fd, 1);
    if (err >= 0)
        dup2(err, 2);
    signal(SIGPIPE, SIG_DFL);
    execvp(argv[0], argv);
    _exit(127);
}

enum step_result creds_step_process(struct creds_chain *c)
{
    const char *cmd = ini_get(c->cfg, "credential_process");
    if (!cmd || !*cmd) {
        creds_tried(c, "credential_process: not set");
        return STEP_SKIP;
    }
    char **argv = credparse_split_command(cmd, &c->fail);
    if (!argv)
        return STEP_FAIL;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        credparse_argv_free(argv);
        rw_err_set(&c->fail, RW_E_CREDS, "credential_process: pipe: %s", strerror(errno));
        return STEP_FAIL;
    }
    pid_t pid = fork();
    if (pid == 0)
        child(argv, p[1]);
    credparse_argv_free(argv);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        rw_err_set(&c->fail, RW_E_CREDS, "credential_process: fork: %s", strerror(errno));
        return STEP_FAIL;
    }
    c->pid = pid;
    c->pipe_fd = p[0];
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    rw_loop_watch_fd(c->loop, p[0], POLLIN, on_output, c);
    c->proc_timer = rw_loop_timer_add(c->loop, PROC_TIMEOUT_MS, 0, on_timeout, c);
    return STEP_ASYNC;
}
