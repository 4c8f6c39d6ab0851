/* console: app start-up and shut-down, signals, stdin and ':' commands. */
#include "app.h"

#include <ctype.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "color.h"
#include "core/clock.h"
#include "core/ini.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "demo.h"
#include "panes/events.h"
#include "panes/logs.h"
#include "panes/metrics.h"
#include "panes/services.h"
#include "panes/tasks.h"
#include "term.h"

static const struct { const char *title; const char *empty; } pane_text[PANE_COUNT] = {
    [PANE_SERVICES] = { "Services", "" },
    [PANE_TASKS] = { "Deployments / Tasks", "" },
    [PANE_LOGS] = { "Logs", "the Logs pane is not in this build yet; rollwatch logs SERVICE --follow tails from a shell" },
    [PANE_HEALTH] = { "Health", "health probes are not in this build yet" },
    [PANE_METRICS] = { "Metrics", "" },
    [PANE_EVENTS] = { "Events", "" },
};

static void on_stdin(struct rw_loop *loop, int fd, short revents, void *ud)
{
    (void)loop, (void)fd;
    struct app *a = ud;
    if (revents & (POLLHUP | POLLERR | POLLNVAL)) { /* terminal gone */
        a->quit = 1;
        return;
    }
    int ch;
    while (!a->quit && (ch = wgetch(term_input())) != ERR)
        app_key(a, ch);
}

static void on_quit_signal(struct rw_loop *loop, int signo, void *ud)
{
    (void)loop;
    struct app *a = ud;
    rw_log(RW_LOG_INFO, "signal %d: quitting", signo);
    a->quit = 1;
    a->exit_code = signo == SIGINT ? 0 : 128 + signo;
}

static void on_winch(struct rw_loop *loop, int signo, void *ud)
{
    (void)loop, (void)signo;
    struct app *a = ud;
    term_resize();
    app_relayout(a);
}

static void on_tstp(struct rw_loop *loop, int signo, void *ud)
{
    (void)loop, (void)signo;
    struct app *a = ud;
    term_suspend();
    term_resize();       /* the terminal may have changed size meanwhile */
    app_relayout(a);
}

static void on_cont(struct rw_loop *loop, int signo, void *ud)
{
    (void)loop, (void)signo;
    struct app *a = ud;
    term_resume();
    term_resize();
    app_relayout(a);
}

static void on_clock(struct rw_loop *loop, void *ud)
{
    (void)loop;
    app_tick(ud);
}

static void on_turn(struct rw_loop *loop, void *ud)
{
    struct app *a = ud;
    if (a->quit) {
        rw_loop_stop(loop);
        return;
    }
    app_render(a);
}

void app_command(struct app *a, const char *line)
{
    char buf[CMDLINE_MAX];
    snprintf(buf, sizeof buf, "%s", line);
    char *save = NULL;
    char *verb = strtok_r(buf, " \t", &save);
    char *arg = strtok_r(NULL, " \t", &save);
    if (!verb)
        return;
    if (strcmp(verb, "q") == 0 || strcmp(verb, "quit") == 0) {
        a->quit = 1;
    } else if (strcmp(verb, "theme") == 0) {
        if (!arg)
            app_message(a, 1, "usage: :theme NAME (default, light, solarized-dark, "
                        "high-contrast, mono)");
        else
            app_set_theme(a, arg);
    } else if (strcmp(verb, "svc") == 0) {
        if (!arg)
            app_message(a, 1, "usage: :svc NAME");
        else if (!a->view.fleet || !model_service_find(a->view.fleet, arg))
            app_message(a, 1, "no service named '%s'%s", arg,
                        a->view.fleet && a->view.fleet->nservices ? "" : ": none are loaded");
        else
            view_select(&a->view, arg), app_focus(a, PANE_TASKS), app_fleet_sync(a);
    } else if (strcmp(verb, "help") == 0) {
        a->help_open = 1;
        a->full_redraw = 1;
    } else {
        app_message(a, 1, "unknown command ':%s' (try :svc, :theme, :q, :help)", verb);
    }
}

/* The config's [logs] section: max_lines (the tail's cap), error and warn (extra
 * highlight rules, PCRE2). A bad value is reported in err and ignored. */
static void logs_config(struct app *a, const struct ini_section *sec, char *err, size_t n)
{
    const char *cap = ini_get(sec, "max_lines"), *e = ini_get(sec, "error");
    const char *w = ini_get(sec, "warn");
    if (cap) {
        char *end;
        long v = strtol(cap, &end, 10);
        if (*end || v < 1000 || v > 10000000)
            snprintf(err, n, "[logs] max_lines must be 1000 to 10000000, not '%.40s'", cap);
        else
            a->view.log_cap = (size_t)v;
    }
    if (e && filter_set(&a->view.hl_error, e) < 0)
        snprintf(err, n, "[logs] error: %.150s", a->view.hl_error.error);
    if (w && filter_set(&a->view.hl_warn, w) < 0)
        snprintf(err, n, "[logs] warn: %.150s", a->view.hl_warn.error);
}

/* The theme named by --theme, else the config file's [ui] theme, else default. */
static const char *pick_theme(const struct rw_cli *cli, struct ini *cfg, char **cfg_err)
{
    if (cli->theme)
        return cli->theme;
    char *path = cli->config ? xstrdup(cli->config) : NULL;
    if (!path) {
        const char *x = getenv("XDG_CONFIG_HOME"), *h = getenv("HOME");
        path = x && *x ? xasprintf("%s/rollwatch/config", x)
                       : xasprintf("%s/.config/rollwatch/config", h ? h : "");
    }
    struct rw_err err;
    if (ini_load_file(path, cfg, &err) < 0)
        *cfg_err = xstrdup(err.msg);
    free(path);
    const char *t = ini_get(ini_section(cfg, "ui"), "theme");
    return t ? t : "default";
}

static void app_init(struct app *a, const struct rw_cli *cli)
{
    memset(a, 0, sizeof *a);
    a->cli = cli;
    a->zoom = -1;
    a->full_redraw = 1;
    a->loop = rw_loop_new();
    a->view.focus_request = -1;
    for (int p = 0; p < PANE_COUNT; p++)
        a->panes[p] = pane_placeholder_new(p, pane_text[p].title, pane_text[p].empty);
    /* the data panes over the model; Logs and Health keep their frames */
    a->panes[PANE_SERVICES]->cls->free(a->panes[PANE_SERVICES]);
    a->panes[PANE_SERVICES] = pane_services_new(&a->view);
    a->panes[PANE_TASKS]->cls->free(a->panes[PANE_TASKS]);
    a->panes[PANE_TASKS] = pane_tasks_new(&a->view);
    a->panes[PANE_LOGS]->cls->free(a->panes[PANE_LOGS]);
    a->panes[PANE_LOGS] = pane_logs_new(&a->view);
    a->panes[PANE_EVENTS]->cls->free(a->panes[PANE_EVENTS]);
    a->panes[PANE_EVENTS] = pane_events_new(&a->view);
    a->panes[PANE_METRICS]->cls->free(a->panes[PANE_METRICS]);
    a->panes[PANE_METRICS] = pane_metrics_new(&a->view);
    rw_loop_watch_fd(a->loop, STDIN_FILENO, POLLIN, on_stdin, a);
    rw_loop_on_signal(a->loop, SIGINT, on_quit_signal, a);
    rw_loop_on_signal(a->loop, SIGTERM, on_quit_signal, a);
    rw_loop_on_signal(a->loop, SIGHUP, on_quit_signal, a);
    rw_loop_on_signal(a->loop, SIGWINCH, on_winch, a);
    rw_loop_on_signal(a->loop, SIGTSTP, on_tstp, a);
    rw_loop_on_signal(a->loop, SIGCONT, on_cont, a);
    rw_loop_set_turn_hook(a->loop, on_turn, a);
    /* the header clock ticks on the wall-clock second */
    rw_loop_timer_add(a->loop, 1000 - rw_wall_ms() % 1000, 1000, on_clock, a);
}

static void app_fini(struct app *a)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        if (a->wins[p])
            delwin(a->wins[p]);
        a->panes[p]->cls->free(a->panes[p]);
    }
    if (a->header) delwin(a->header);
    if (a->footer) delwin(a->footer);
    if (a->overlay) delwin(a->overlay);
    cmdline_free(&a->cmd);
    app_logs_close(a);
    filter_free(&a->view.hl_error);
    filter_free(&a->view.hl_warn);
    app_fleet_close(a);
    app_account_close(a);
    rw_loop_free(a->loop);
}

int app_main(const struct rw_cli *cli)
{
    struct app a;
    struct rw_err err;
    struct ini cfg = { 0 };
    char *cfg_err = NULL;
    if (rw_log_open(cli->log, cli->debug ? RW_LOG_DEBUG : RW_LOG_INFO, &err) < 0)
        fprintf(stderr, "rollwatch: %s (continuing without a log)\n", err.msg);
    const char *theme = pick_theme(cli, &cfg, &cfg_err);
    struct demo demo = { .errfd = -1 };
    if (cli->demo && demo_start(cli, &demo, &err) < 0) { /* before the loop: it may wait */
        fprintf(stderr, "rollwatch: %s\n", err.msg);
        rw_log(RW_LOG_ERROR, "demo: %s", err.msg);
        ini_free(&cfg);
        free(cfg_err);
        rw_log_close();
        return rw_err_exit_code(err.code);
    }
    app_init(&a, cli); /* signal handlers go in before curses, so curses keeps out */
    char logs_err[200] = "";
    logs_config(&a, ini_section(&cfg, "logs"), logs_err, sizeof logs_err);
    app_account_open(&a); /* may ask for an MFA code: before curses owns the terminal */
    app_fleet_open(&a);
    if (term_start(&err) < 0) {
        fprintf(stderr, "rollwatch: %s\n", err.msg);
        app_fini(&a);
        demo_stop(&demo);
        ini_free(&cfg);
        free(cfg_err);
        return rw_err_exit_code(err.code);
    }
    rw_log(RW_LOG_INFO, "console started (%dx%d)", COLS, LINES);
    if (app_set_theme(&a, theme) < 0 && strcmp(theme, "default") != 0)
        app_set_theme(&a, "default"), app_message(&a, 1, "theme '%s' not loaded", theme);
    if (cfg_err || logs_err[0])
        app_message(&a, 1, "config: %s", cfg_err ? cfg_err : logs_err);
    else if (cli->demo)
        app_message(&a, 0, "demo: the fake cloud serves %s (scenario %s); press ? for help",
                    demo.endpoint, cli->scenario ? cli->scenario : "steady");
    app_relayout(&a);
    app_render(&a);
    rw_loop_run(a.loop);
    term_stop();
    rw_log(RW_LOG_INFO, "console stopped after %llu frames", (unsigned long long)a.frames);
    int rc = a.exit_code;
    app_fini(&a);
    demo_stop(&demo); /* after the session closed: nothing in flight to it */
    ini_free(&cfg);
    free(cfg_err);
    rw_log_close();
    return rc;
}
