/* fleet: the console's data: the model, the ECS provider over the AWS
 * session and the poller that keeps it fresh; and the glue that turns the
 * panes' requests (follow another service, focus a pane, another metrics
 * window) into poller calls. */
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

void app_fleet_sync(struct app *a)
{
    if (a->view.select_changed) {
        a->view.select_changed = 0;
        if (a->poller)
            rw_poller_select(a->poller, a->view.selected[0] ? a->view.selected : NULL);
        a->panes[PANE_TASKS]->dirty = 1;
        a->panes[PANE_EVENTS]->dirty = 1;
        a->panes[PANE_METRICS]->dirty = 1;
    }
    if (a->view.window_changed) {
        a->view.window_changed = 0;
        if (a->poller)
            rw_poller_metrics_window(a->poller, view_metrics_window(&a->view));
        a->panes[PANE_METRICS]->dirty = 1;
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
    rw_poller_free(a->poller);
    a->poller = NULL;
    rw_provider_free(a->provider);
    a->provider = NULL;
    if (a->view.fleet)
        model_fleet_free(&a->fleet);
    a->view.fleet = NULL;
}
