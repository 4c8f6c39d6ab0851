/* logtail: the Logs pane's follow. When the selection settles (or the pane
 * asks for another container, window or scope) the service's log source is
 * resolved once (task definition → container → group and stream names); after
 * that the streams come from the model's task list, which the poller keeps
 * fresh, so a task started during a rollout joins within one task poll. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/session.h"
#include "core/clock.h"
#include "core/follow.h"
#include "core/logs_target.h"
#include "core/xmalloc.h"

#define LOGS_MAX_CONTAINERS 8

struct app_logs {
    struct follow *f;
    struct logs_target *target;
    struct logsrc src;
    char service[128];
    char containers[LOGS_MAX_CONTAINERS][64];
    int ncontainers, container;   /* the one followed; -1: the app container */
};

static void on_poll(void *ud, size_t n, const struct rw_err *err, int done)
{
    struct app *a = ud;
    (void)done;
    if (err)
        snprintf(a->view.log_error, sizeof a->view.log_error, "%.290s", err->msg);
    else
        a->view.log_error[0] = '\0';
    if (n || err)
        a->panes[PANE_LOGS]->dirty = 1;
}

static void on_target(void *ud, const struct logs_target_result *res, const struct rw_err *err)
{
    struct app *a = ud;
    struct app_logs *l = a->logs;
    l->target = NULL;
    a->panes[PANE_LOGS]->dirty = 1;
    if (err) {
        snprintf(a->view.log_error, sizeof a->view.log_error, "%.290s", err->msg);
        return;
    }
    l->src = *res->src;
    l->ncontainers = 0;
    for (size_t i = 0; i < res->ncontainers && l->ncontainers < LOGS_MAX_CONTAINERS; i++)
        snprintf(l->containers[l->ncontainers++], sizeof l->containers[0], "%s",
                 res->containers[i]);
    int since = a->view.log_since_min ? a->view.log_since_min : 5;
    struct follow_opts o = { .loop = a->loop, .client = a->aws->client, .group = l->src.group,
                             .start_ms = rw_wall_ms() - since * 60000LL, .cap = a->view.log_cap };
    l->f = follow_start(&o, on_poll, a);
    a->view.log_tail = follow_tail(l->f);
    snprintf(a->view.log_source, sizeof a->view.log_source, "%.200s · %.80s", l->src.group,
             l->src.container);
    a->view.log_error[0] = '\0';
    app_logs_sync(a);
}

/* Stop the follow and the resolution in flight (the source and containers stay). */
static void stop(struct app *a)
{
    struct app_logs *l = a->logs;
    logs_target_cancel(l->target);
    l->target = NULL;
    follow_free(l->f);
    l->f = NULL;
    a->view.log_tail = NULL;
}

void app_logs_open(struct app *a)
{
    if (!a->aws || !a->view.selected[0])
        return;
    if (!a->logs)
        a->logs = xcalloc(1, sizeof *a->logs), a->logs->container = -1;
    struct app_logs *l = a->logs;
    stop(a);
    if (strcmp(l->service, a->view.selected) != 0) { /* another service: its app container */
        snprintf(l->service, sizeof l->service, "%s", a->view.selected);
        l->container = -1;
        l->ncontainers = 0;
    }
    if (a->view.log_next_container && l->ncontainers) {
        int cur = 0;
        for (int i = 0; i < l->ncontainers; i++)
            if (strcmp(l->containers[i], l->src.container) == 0)
                cur = i;
        l->container = (cur + 1) % l->ncontainers;
    }
    a->view.log_next_container = 0;
    snprintf(a->view.log_source, sizeof a->view.log_source, "%s", "resolving…");
    l->target = logs_target_start(a->aws->client, a->fleet.scope[0] ? a->fleet.scope : NULL,
                                  l->service, l->container >= 0 ? l->containers[l->container]
                                                                 : NULL, on_target, a);
}

void app_logs_sync(struct app *a)
{
    struct app_logs *l = a->logs;
    struct model_service *s = view_service(&a->view);
    if (!l || !l->f || !s || strcmp(s->name, l->service) != 0)
        return;
    const char **names = xcalloc(s->ntasks + 1, sizeof *names);
    char (*bufs)[512] = xcalloc(s->ntasks + 1, sizeof *bufs);
    size_t n = 0;
    for (size_t i = 0; i < s->ntasks && n < 100; i++) {
        if (!s->tasks[i].id ||
            (a->view.log_task_only && strcmp(s->tasks[i].id, a->view.log_task) != 0))
            continue;
        logsrc_stream(&l->src, s->tasks[i].id, bufs[n], sizeof bufs[0]);
        names[n] = bufs[n];
        n++;
    }
    if (s->ntasks || rw_fresh_loaded(&s->tasks_fresh))
        follow_set_streams(l->f, names, n);
    free(names);
    free(bufs);
}

void app_logs_close(struct app *a)
{
    if (!a->logs)
        return;
    stop(a);
    free(a->logs);
    a->logs = NULL;
}
