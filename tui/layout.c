/* layout: pane rectangles for a terminal size (see layout.h). */
#include "layout.h"

#include <string.h>

static struct rect rect(int y, int x, int h, int w)
{
    struct rect r = { y, x, h > 0 ? h : 0, w > 0 ? w : 0 };
    if (!r.h || !r.w)
        r.h = r.w = 0;
    return r;
}

int layout_pane_visible(int cols, enum pane_id p)
{
    if (p == PANE_SERVICES || p == PANE_TASKS || p == PANE_LOGS)
        return 1;
    if (cols < LAYOUT_WIDE_COLS)
        return 0;
    return p != PANE_EVENTS || cols >= LAYOUT_EVENTS_COLS;
}

static void wide(struct layout *l, int top, int body)
{
    int h_top = body * 35 / 100, h_logs = body * 40 / 100;
    int h_bot = body - h_top - h_logs;
    int w_left = l->cols * 40 / 100;
    l->panes[PANE_SERVICES] = rect(top, 0, h_top, w_left);
    l->panes[PANE_TASKS] = rect(top, w_left, h_top, l->cols - w_left);
    l->panes[PANE_LOGS] = rect(top + h_top, 0, h_logs, l->cols);
    int y = top + h_top + h_logs;
    if (l->cols >= LAYOUT_EVENTS_COLS) {
        int w = l->cols / 3;
        l->panes[PANE_HEALTH] = rect(y, 0, h_bot, w);
        l->panes[PANE_METRICS] = rect(y, w, h_bot, w);
        l->panes[PANE_EVENTS] = rect(y, 2 * w, h_bot, l->cols - 2 * w);
    } else {
        l->panes[PANE_HEALTH] = rect(y, 0, h_bot, w_left);
        l->panes[PANE_METRICS] = rect(y, w_left, h_bot, l->cols - w_left);
    }
}

static void stacked(struct layout *l, int top, int body)
{
    int h1 = body * 30 / 100, h2 = body * 30 / 100;
    l->panes[PANE_SERVICES] = rect(top, 0, h1, l->cols);
    l->panes[PANE_TASKS] = rect(top + h1, 0, h2, l->cols);
    l->panes[PANE_LOGS] = rect(top + h1 + h2, 0, body - h1 - h2, l->cols);
}

void layout_compute(int cols, int rows, int zoom, int focus, int banner, struct layout *out)
{
    memset(out, 0, sizeof *out);
    out->cols = cols;
    out->rows = rows;
    out->zoomed = -1;
    if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
        out->too_small = 1;
        return;
    }
    out->stacked = cols < LAYOUT_WIDE_COLS;
    out->header = rect(0, 0, 1, cols);
    out->banner = banner ? rect(1, 0, 1, cols) : rect(0, 0, 0, 0);
    out->footer = rect(rows - 1, 0, 1, cols);
    int top = banner ? 2 : 1;
    int body = rows - 1 - top;
    if (zoom < 0 && focus >= 0 && focus < PANE_COUNT && !layout_pane_visible(cols, focus))
        zoom = focus;
    if (zoom >= 0 && zoom < PANE_COUNT) {
        out->zoomed = zoom;
        out->panes[zoom] = rect(top, 0, body, cols);
    } else if (out->stacked) {
        stacked(out, top, body);
    } else {
        wide(out, top, body);
    }
}

int layout_pane_at(const struct layout *l, int y, int x)
{
    for (int p = 0; p < PANE_COUNT; p++) {
        const struct rect *r = &l->panes[p];
        if (r->h && y >= r->y && y < r->y + r->h && x >= r->x && x < r->x + r->w)
            return p;
    }
    return -1;
}
