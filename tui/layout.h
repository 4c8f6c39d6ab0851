/* layout: where each pane goes for a terminal size. Pure arithmetic, no curses.
 * 100 columns and wider: DESIGN.md's layout (Services | Deployments/Tasks,
 * Logs, Health | Metrics, and Events beside them from 150 columns). Narrower:
 * Services, Deployments/Tasks and Logs stacked; the other panes are shown
 * zoomed when focused. Below 60x15 the terminal is too small. */
#ifndef RW_LAYOUT_H
#define RW_LAYOUT_H

enum pane_id {
    PANE_SERVICES, PANE_TASKS, PANE_LOGS, PANE_HEALTH, PANE_METRICS, PANE_EVENTS,
    PANE_COUNT
};

#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 15
#define LAYOUT_WIDE_COLS 100
#define LAYOUT_EVENTS_COLS 150

struct rect {
    int y, x, h, w;    /* h == 0: not shown */
};

struct layout {
    int cols, rows;
    int too_small;
    int stacked;           /* below LAYOUT_WIDE_COLS */
    int zoomed;            /* pane filling the body, or -1 */
    struct rect header;    /* top line: context and clock */
    struct rect banner;    /* alert line under the header (h 0 when none) */
    struct rect footer;    /* bottom line: keys, messages, command line */
    struct rect panes[PANE_COUNT];
};

/* Compute the layout; zoom is the zoomed pane or -1; a focused pane that has
 * no place in the layout is shown zoomed. */
void layout_compute(int cols, int rows, int zoom, int focus, int banner, struct layout *out);
/* Whether pane p has a place in the un-zoomed layout for this width. */
int layout_pane_visible(int cols, enum pane_id p);
/* The pane under screen cell (y, x), or -1. */
int layout_pane_at(const struct layout *l, int y, int x);

#endif
