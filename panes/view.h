/* view: what the data panes share with the app: the model they draw, the
 * selected service (by name: completions and redraws find it again), and the
 * requests panes make of the app (follow another service, focus a pane, read
 * another metrics window).
 * Panes never touch the network; the app turns requests into poller calls. */
#ifndef RW_VIEW_H
#define RW_VIEW_H

#include <stdint.h>

#include "core/model.h"
#include "core/tail.h"
#include "filter.h"

struct pane_view {
    struct model_fleet *fleet;   /* NULL until a provider is set up */
    char selected[128];          /* the selected service's name, "" for none */
    int select_changed;          /* set by a pane: the app re-points the poller */
    int focus_request;           /* a pane to focus (Enter drills in), or -1 */
    char no_data[600];           /* why there is no fleet (no credentials, …) */
    int64_t (*now)(void);        /* boot clock for freshness; tests replace it */
    int metrics_window;          /* minutes the Metrics pane shows; 0: the default */
    int window_changed;          /* set by the Metrics pane: the app tells the poller */
    /* the Logs pane's tail of the selected service, kept by the app */
    struct tail *log_tail;       /* NULL while there is none */
    char log_source[300];        /* e.g. "/ecs/consumer-agent · consumer-agent" */
    char log_error[300];         /* why there is no tail, or the last poll's failure */
    int log_since_min;           /* the window it reads back: 1, 5, 15 or 60 minutes */
    int log_task_only;           /* follow only the task selected in Tasks */
    char log_task[48];           /* that task's id */
    int log_restart;             /* set by the Logs pane: container, window or scope changed */
    int log_next_container;      /* set by the Logs pane: follow the next container */
    int log_streams_changed;     /* set by a pane: the followed tasks changed (scope, task) */
    struct pane_filter hl_error, hl_warn; /* the config's extra highlight rules ([logs]) */
    size_t log_cap;              /* lines a tail keeps (config [logs] max_lines; 0: default) */
    char *clipboard;             /* set by a pane: the app sends it with OSC 52, then frees it */
};

/* Select service name (marks select_changed when it differs). */
void view_select(struct pane_view *v, const char *name);
/* The selected service, or NULL. */
struct model_service *view_service(struct pane_view *v);
/* The stale marker for the service list ("" when fresh). */
void view_services_marker(struct pane_view *v, char *buf, size_t n);
/* The stale marker for the selected service's tasks ("" when fresh). */
void view_tasks_marker(struct pane_view *v, char *buf, size_t n);
/* The stale marker for the selected service's metrics ("" when fresh). */
void view_metrics_marker(struct pane_view *v, char *buf, size_t n);
/* The metrics window in minutes (MODEL_METRICS_WINDOW_MIN until changed). */
int view_metrics_window(const struct pane_view *v);

#endif
