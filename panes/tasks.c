/* tasks: the Deployments/Tasks pane for the selected service: each deployment
 * (status, rollout state, revision, counts, age, circuit breaker), then each
 * task (short id, revision, last/desired status, health, AZ, private IP, age;
 * stopped tasks with their stopped reason and every container's exit code,
 * seed 003). 's' shows or hides stopped tasks; '/' filters task lines. */
#include "tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "filter.h"
#include "list.h"
#include "tui/color.h"

struct tasks {
    struct pane base;
    struct pane_view *v;
    struct pane_list list;
    struct pane_filter filter;
    int show_stopped;
    int page, nlines;
};

static void age(int64_t wall_ms, char *buf, size_t n)
{
    if (wall_ms <= 0)
        snprintf(buf, n, "-");
    else
        rw_clock_dur(rw_wall_ms() - wall_ms, buf, n);
}

static void deployment_line(const struct model_service *s, const struct model_deployment *d,
                            char *buf, size_t n)
{
    char a[24];
    age(d->created_wall_ms, a, sizeof a);
    int len = snprintf(buf, n, "%-7s :%-3d %-11s %d/%d running %d pending %d failed  %s ago",
                       d->status ? d->status : "?", d->revision, d->rollout ? d->rollout : "-",
                       d->running, d->desired, d->pending, d->failed, a);
    if (len > 0 && (size_t)len < n && s->circuit_breaker)
        snprintf(buf + len, n - (size_t)len, "  breaker on%s%s",
                 d->rollout && strcmp(d->rollout, "FAILED") == 0 ? ": " : "",
                 d->rollout && strcmp(d->rollout, "FAILED") == 0 && d->reason ? d->reason : "");
}

/* "exit 1" for the app container (the first), or "-" when it has none yet. */
static void exit_text(const struct model_task *t, char *buf, size_t n)
{
    snprintf(buf, n, "-");
    if (t->ncontainers && t->containers[0].has_exit_code)
        snprintf(buf, n, "exit %d", t->containers[0].exit_code);
}

static void task_line(const struct model_task *t, char *buf, size_t n)
{
    char a[24], ex[24];
    age(t->started_wall_ms ? t->started_wall_ms : t->created_wall_ms, a, sizeof a);
    int stopped = t->last_status && strcmp(t->last_status, "STOPPED") == 0;
    exit_text(t, ex, sizeof ex);
    int len = snprintf(buf, n, "%.8s :%-3d %-12s %-9s %-11s %-15s %s", t->id ? t->id : "?",
                       t->revision, t->last_status ? t->last_status : "-",
                       stopped ? ex : t->health ? t->health : "-", t->az ? t->az : "-",
                       t->ip ? t->ip : "-", a);
    if (!stopped && t->desired_status && strcmp(t->desired_status, "STOPPED") == 0 && len > 0)
        len += snprintf(buf + len, n - (size_t)len, "  stopping");
    if (!stopped || len <= 0)
        return;
    if ((size_t)len < n && t->stopped_reason)
        len += snprintf(buf + len, n - (size_t)len, "  %s", t->stopped_reason);
    for (size_t i = 1; i < t->ncontainers && len > 0 && (size_t)len < n; i++)
        if (t->containers[i].has_exit_code)
            len += snprintf(buf + len, n - (size_t)len, "%s%s=%d", i == 1 ? "  sidecars " : " ",
                            t->containers[i].name ? t->containers[i].name : "?",
                            t->containers[i].exit_code);
}

static int task_shown(const struct tasks *p, const struct model_task *t, char *buf, size_t n)
{
    if (!p->show_stopped && t->last_status && strcmp(t->last_status, "STOPPED") == 0)
        return 0;
    task_line(t, buf, n);
    return filter_match(&p->filter, buf, strlen(buf));
}

static enum rw_role task_role(const struct model_task *t)
{
    if (t->last_status && strcmp(t->last_status, "STOPPED") == 0) {
        for (size_t i = 0; i < t->ncontainers; i++)
            if (t->containers[i].has_exit_code && t->containers[i].exit_code != 0 &&
                t->containers[i].exit_code != 143)
                return ROLE_ERROR;
        return ROLE_DIM;
    }
    if (t->health && strcmp(t->health, "UNHEALTHY") == 0)
        return ROLE_ERROR;
    return t->health && strcmp(t->health, "HEALTHY") == 0 ? ROLE_NORMAL : ROLE_WARN;
}

/* Draw line number idx (deployments, then tasks) at row y if it is visible. */
static void draw_lines(struct tasks *p, WINDOW *w, int body, int cols, const struct model_service *s)
{
    char buf[512];
    int idx = 0;
    for (size_t i = 0; i < s->ndeployments; i++, idx++) {
        if (idx < p->list.top || idx >= p->list.top + body)
            continue;
        deployment_line(s, &s->deployments[i], buf, sizeof buf);
        const char *r = s->deployments[i].rollout;
        wattrset(w, color_attr(r && strcmp(r, "FAILED") == 0 ? ROLE_ERROR
                               : r && strcmp(r, "IN_PROGRESS") == 0 ? ROLE_WARN : ROLE_TITLE));
        pane_put(w, idx - p->list.top, 1, cols - 2, buf);
    }
    for (size_t i = 0; i < s->ntasks; i++) {
        if (!task_shown(p, &s->tasks[i], buf, sizeof buf))
            continue;
        if (idx == p->list.sel && s->tasks[i].id &&
            strcmp(p->v->log_task, s->tasks[i].id) != 0) { /* the Logs pane may follow it */
            snprintf(p->v->log_task, sizeof p->v->log_task, "%s", s->tasks[i].id);
            p->v->log_streams_changed = p->v->log_task_only;
        }
        if (idx >= p->list.top && idx < p->list.top + body) {
            int y = idx - p->list.top;
            wattrset(w, idx == p->list.sel ? color_attr(ROLE_SELECTED)
                                           : color_attr(task_role(&s->tasks[i])));
            mvwhline(w, y, 0, ' ', cols);
            pane_put(w, y, 1, cols - 2, buf);
        }
        idx++;
    }
    p->nlines = idx;
    wattrset(w, color_attr(ROLE_NORMAL));
}

static void draw(struct pane *pp, WINDOW *w, int h, int cols)
{
    struct tasks *p = (struct tasks *)pp;
    struct model_service *s = view_service(p->v);
    char status[200];
    filter_status(&p->filter, status, sizeof status);
    int body = h - (status[0] ? 1 : 0);
    p->page = body > 0 ? body : 1;
    werase(w);
    if (!s) {
        pane_draw_empty(w, body, cols, p->v->fleet && p->v->fleet->nservices
                                           ? "select a service (Enter in Services)"
                                           : "no service selected");
    } else if (!s->ndeployments && !rw_fresh_loaded(&s->tasks_fresh)) {
        pane_draw_empty(w, body, cols, "loading tasks…");
    } else {
        list_clamp(&p->list, p->nlines, p->page);
        draw_lines(p, w, body, cols, s);
        if (!rw_fresh_loaded(&s->tasks_fresh) && body > (int)s->ndeployments)
            pane_put(w, (int)s->ndeployments, 1, cols - 2, "loading tasks…");
    }
    if (status[0]) {
        wattrset(w, color_attr(p->filter.error[0] ? ROLE_ERROR : ROLE_INFO));
        pane_put(w, h - 1, 1, cols - 2, status);
        wattrset(w, color_attr(ROLE_NORMAL));
    }
}

static int key(struct pane *pp, int k, enum rw_action act)
{
    struct tasks *p = (struct tasks *)pp;
    if (filter_key(&p->filter, k))
        return PANE_HANDLED | PANE_REDRAW;
    if (k == '/') {
        filter_begin(&p->filter);
        return PANE_HANDLED | PANE_REDRAW;
    }
    if (k == 's') {
        p->show_stopped = !p->show_stopped;
        return PANE_HANDLED | PANE_REDRAW;
    }
    if (act == ACT_BACK) {
        p->v->focus_request = PANE_SERVICES;
        return PANE_HANDLED;
    }
    if (list_move(&p->list, act, p->nlines, p->page))
        return PANE_HANDLED | PANE_REDRAW;
    return PANE_UNHANDLED;
}

static int click(struct pane *pp, int y, int x)
{
    (void)x;
    struct tasks *p = (struct tasks *)pp;
    if (y < 0 || p->list.top + y >= p->nlines)
        return PANE_HANDLED;
    p->list.sel = p->list.top + y;
    return PANE_HANDLED | PANE_REDRAW;
}

static void title(struct pane *pp, char *buf, size_t n)
{
    struct tasks *p = (struct tasks *)pp;
    char marker[160];
    view_tasks_marker(p->v, marker, sizeof marker);
    snprintf(buf, n, "Deployments / Tasks%s%s%s%s%s", p->v->selected[0] ? " " : "",
             p->v->selected, p->show_stopped ? " (+stopped)" : "", marker[0] ? " · " : "",
             marker);
}

static const struct keybind binds[] = {
    { 's', "s", ACT_NONE, "show or hide stopped tasks (exit codes, stopped reasons)" },
    { '/', "/", ACT_NONE, "filter task lines by a regex" },
    { 27, "Esc", ACT_NONE, "back to Services" },
};

static const struct keybind *help(struct pane *pp, size_t *n)
{
    (void)pp;
    *n = sizeof binds / sizeof *binds;
    return binds;
}

static void destroy(struct pane *pp)
{
    struct tasks *p = (struct tasks *)pp;
    filter_free(&p->filter);
    free(p);
}

static const struct pane_class tasks_class = {
    .name = "tasks", .draw = draw, .key = key, .title = title, .help = help, .free = destroy,
    .click = click,
};

struct pane *pane_tasks_new(struct pane_view *v)
{
    struct tasks *p = xcalloc(1, sizeof *p);
    p->base.cls = &tasks_class;
    p->base.id = PANE_TASKS;
    p->base.dirty = 1;
    p->v = v;
    p->page = 1;
    return &p->base;
}
