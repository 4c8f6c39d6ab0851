/* app: the console. It owns the panes, their windows, focus, zoom, the help
 * overlay and the command line; key and signal handlers only change state
 * and set dirty flags, and app_render() draws once per loop turn. */
#ifndef RW_APP_H
#define RW_APP_H

#include <curses.h>
#include <stdint.h>

#include "cmdline.h"
#include "core/cli.h"
#include "core/loop.h"
#include "layout.h"
#include "panes/pane.h"
#include "panes/view.h"
#include "theme.h"

struct aws_session;

#define APP_SETTLE_MS 200 /* a selection this still is followed by the detail panes */

struct app {
    struct rw_loop *loop;
    const struct rw_cli *cli;
    struct pane *panes[PANE_COUNT];
    WINDOW *wins[PANE_COUNT];
    WINDOW *header, *footer, *overlay;
    struct layout lay;
    int focus, zoom;             /* zoom: pane or -1 */
    int help_open, help_scroll;
    int cmd_active, in_paste;
    struct cmdline cmd;
    char msg[256];
    int msg_error;
    int64_t msg_until;           /* boot-clock ms */
    struct theme theme;
    int full_redraw, header_dirty, footer_dirty;
    int quit, exit_code;
    uint64_t frames;
    struct aws_session *aws;     /* NULL until opened (or if it could not be) */
    char identity[200];          /* caller ARN from STS, once known */
    char account_error[520];     /* why there is no session or no credentials */
    struct pane_view view;       /* what the data panes read: the model, the selection */
    struct model_fleet fleet;    /* valid while view.fleet points at it */
    struct rw_provider *provider;
    struct rw_poller *poller;
    uint64_t settle_timer;       /* the detail panes follow the selection when it fires */
    struct app_logs *logs;       /* the Logs pane's follow (tui/logtail.c) */
    int stale_shown;             /* a stale marker is on screen (it ages every second) */
};

/* Run the console until the user quits; returns the exit code. */
int app_main(const struct rw_cli *cli);

/* Handle one key (curses code); exposed for the console's own plumbing. */
void app_key(struct app *a, int key);
/* Run a ':' command line. */
void app_command(struct app *a, const char *line);
/* Show a message in the footer for a few seconds. */
void app_message(struct app *a, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Recompute the layout and recreate windows (resize, zoom, focus). */
void app_relayout(struct app *a);
/* Draw whatever is dirty, then one doupdate(). */
void app_render(struct app *a);
/* Open the AWS session and resolve credentials before curses starts (an MFA
 * code may be asked for on the terminal); failures are kept for the header. */
void app_account_open(struct app *a);
/* The account part of the header: identity and how long the credentials last. */
void app_account_text(const struct app *a, char *buf, size_t n);
/* Close the AWS session. */
void app_account_close(struct app *a);
/* Set up the model, the ECS provider and the poller over the AWS session (or
 * say in the panes why there is none). */
void app_fleet_open(struct app *a);
/* Act on what the panes asked: follow the selected service, focus a pane. */
void app_fleet_sync(struct app *a);
/* The stale marker for the status bar ("" and 0 when everything is fresh). */
int app_fleet_stale(struct app *a, char *buf, size_t n);
/* Stop polling and free the model. */
void app_fleet_close(struct app *a);
/* Follow the selected service's logs (again: service, container, window or
 * scope changed). */
void app_logs_open(struct app *a);
/* Point the follow at the selected service's current task streams. */
void app_logs_sync(struct app *a);
/* Stop following logs. */
void app_logs_close(struct app *a);
/* The once-a-second tick: the clock, and stale markers that age. */
void app_tick(struct app *a);
/* Focus pane p (relayout if it is hidden or zoomed). */
void app_focus(struct app *a, int p);
/* Switch theme by name; 0 or -1 with a message shown. */
int app_set_theme(struct app *a, const char *name);

#endif
