/* fleet: the console's data: the model, the ECS provider over the AWS
 * session and the poller that keeps it fresh; and the glue that turns the
 * panes' requests (follow another service, focus a pane, another metrics
 * window) into poller calls. The detail panes follow a new selection once it
 * has settled for APP_SETTLE_MS, so moving through the list repaints only
 * its rows and holding a key does not send a read for every service passed. */
#include "app.h"

#include <stdio.h>
#include <string.h>

#include "clients/aws/ecs_provider.h"
#include "clients/aws/session.h"
#include "core/poller.h"
#include "core/provider.h"

static void on_model(void *ud)
{
    struct app *a = ud;
    a->panes[PANE_SERVICES]->dirty = 1;
    a->panes[PANE_TASKS]->dirty = 1;
    a->panes[PANE_EVENTS]->dirty = 1;
    a->panes[PANE_METRICS]->dirty = 1;
    a->header_dirty = 1;
    app_logs_sync(a); /* tasks that started (or stopped) change the streams */
    app_fleet_sync(a);
}

void app_fleet_open(struct app *a)
{
    a->view.focus_request = -1;
    if (!a->aws) {
        snprintf(a->view.no_data, sizeof a->view.no_data, "%s",
                 a->account_error[0] ? a->account_error : "no AWS session");
        return;
    }
    model_fleet_init(&a->fleet, "ecs", a->cli->cluster, POLL_SERVICES_MS);
    a->provider = ecs_provider_new(a->aws->client, a->cli->cluster);
    a->poller = rw_poller_new(a->loop, a->provider, &a->fleet, on_model, a);
    a->view.fleet = &a->fleet;
    if (a->cli->nservices)
        view_select(&a->view, a->cli->services[0]);
}

/* The selection has settled: the detail panes and the poller follow it. */
static void on_settled(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct app *a = ud;
    a->settle_timer = 0;
    if (a->poller)
        rw_poller_select(a->poller, a->view.selected[0] ? a->view.selected : NULL);
    a->panes[PANE_TASKS]->dirty = 1;
    a->panes[PANE_EVENTS]->dirty = 1;
    a->panes[PANE_METRICS]->dirty = 1;
    a->panes[PANE_LOGS]->dirty = 1;
    app_logs_open(a);
}

void app_fleet_sync(struct app *a)
{
    if (a->view.select_changed) { /* a held j does not fetch every service it passes */
        a->view.select_changed = 0;
        if (a->settle_timer)
            rw_loop_timer_cancel(a->loop, a->settle_timer);
        a->settle_timer = rw_loop_timer_add(a->loop, APP_SETTLE_MS, 0, on_settled, a);
    }
    if (a->view.window_changed) {
        a->view.window_changed = 0;
        if (a->poller)
            rw_poller_metrics_window(a->poller, view_metrics_window(&a->view));
        a->panes[PANE_METRICS]->dirty = 1;
    }
    if (a->view.log_streams_changed) {
        a->view.log_streams_changed = 0;
        app_logs_sync(a);
        a->panes[PANE_LOGS]->dirty = 1;
    }
    if (a->view.log_restart) {
        a->view.log_restart = 0;
        app_logs_open(a);
        a->panes[PANE_LOGS]->dirty = 1;
    }
    if (a->view.focus_request >= 0) {
        int p = a->view.focus_request;
        a->view.focus_request = -1;
        app_focus(a, p);
    }
}

int app_fleet_stale(struct app *a, char *buf, size_t n)
{
    view_services_marker(&a->view, buf, n);
    if (!buf[0])
        view_tasks_marker(&a->view, buf, n);
    return buf[0] != '\0';
}

void app_fleet_close(struct app *a)
{
    if (a->settle_timer)
        rw_loop_timer_cancel(a->loop, a->settle_timer);
    a->settle_timer = 0;
    rw_poller_free(a->poller);
    a->poller = NULL;
    rw_provider_free(a->provider);
    a->provider = NULL;
    if (a->view.fleet)
        model_fleet_free(&a->fleet);
    a->view.fleet = NULL;
}
