/* events: the Events pane: the selected service's ECS service events, newest
 * first, with their time (UTC); '/' filters them by a regex. */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "filter.h"
#include "list.h"
#include "tui/color.h"

struct events {
    struct pane base;
    struct pane_view *v;
    struct pane_list list;
    struct pane_filter filter;
    int page, nlines;
};

/* The message without ECS's "(service NAME) " prefix, which the title already says. */
static const char *short_message(const char *m)
{
    if (m && strncmp(m, "(service ", 9) == 0) {
        const char *e = strstr(m, ") ");
        if (e)
            return e + 2;
    }
    return m ? m : "";
}

static enum rw_role event_role(const char *m)
{
    if (strstr(m, "failed") || strstr(m, "unhealthy") || strstr(m, "rolling back"))
        return ROLE_ERROR;
    return strstr(m, "steady state") || strstr(m, "completed") ? ROLE_OK : ROLE_NORMAL;
}

static void draw(struct pane *pp, WINDOW *w, int h, int cols)
{
    struct events *p = (struct events *)pp;
    struct model_service *s = view_service(p->v);
    char status[200], line[400];
    filter_status(&p->filter, status, sizeof status);
    int body = h - (status[0] ? 1 : 0);
    p->page = body > 0 ? body : 1;
    werase(w);
    if (!s || !s->nevents) {
        pane_draw_empty(w, body, cols, s ? "no events" : "no service selected");
    } else {
        list_clamp(&p->list, p->nlines, p->page);
        int idx = 0;
        for (size_t i = 0; i < s->nevents; i++) {
            const char *m = short_message(s->events[i].message);
            char hms[16];
            rw_clock_hms(s->events[i].at_wall_ms, 1, hms, sizeof hms);
            snprintf(line, sizeof line, "%s %s", hms, m);
            if (!filter_match(&p->filter, line, strlen(line)))
                continue;
            if (idx >= p->list.top && idx < p->list.top + body) {
                wattrset(w, color_attr(event_role(m)));
                pane_put(w, idx - p->list.top, 1, cols - 2, line);
            }
            idx++;
        }
        p->nlines = idx;
        wattrset(w, color_attr(ROLE_NORMAL));
    }
    if (status[0]) {
        wattrset(w, color_attr(p->filter.error[0] ? ROLE_ERROR : ROLE_INFO));
        pane_put(w, h - 1, 1, cols - 2, status);
        wattrset(w, color_attr(ROLE_NORMAL));
    }
}

static int key(struct pane *pp, int k, enum rw_action act)
{
    struct events *p = (struct events *)pp;
    if (filter_key(&p->filter, k))
        return PANE_HANDLED | PANE_REDRAW;
    if (k == '/') {
        filter_begin(&p->filter);
        return PANE_HANDLED | PANE_REDRAW;
    }
    /* the list scrolls by its top line */
    if (act == ACT_UP || act == ACT_DOWN || act == ACT_PGUP || act == ACT_PGDN ||
        act == ACT_TOP || act == ACT_BOTTOM) {
        p->list.sel = act == ACT_DOWN || act == ACT_PGDN || act == ACT_BOTTOM
                          ? p->list.top + p->page - 1 : p->list.top;
        list_move(&p->list, act, p->nlines, p->page);
        return PANE_HANDLED | PANE_REDRAW;
    }
    return PANE_UNHANDLED;
}

static void title(struct pane *pp, char *buf, size_t n)
{
    struct events *p = (struct events *)pp;
    snprintf(buf, n, "Events%s%s", p->v->selected[0] ? " " : "", p->v->selected);
}

static const struct keybind binds[] = {
    { '/', "/", ACT_NONE, "filter events by a regex" },
};

static const struct keybind *help(struct pane *pp, size_t *n)
{
    (void)pp;
    *n = sizeof binds / sizeof *binds;
    return binds;
}

static void destroy(struct pane *pp)
{
    struct events *p = (struct events *)pp;
    filter_free(&p->filter);
    free(p);
}

static const struct pane_class events_class = {
    .name = "events", .draw = draw, .key = key, .title = title, .help = help, .free = destroy,
};

struct pane *pane_events_new(struct pane_view *v)
{
    struct events *p = xcalloc(1, sizeof *p);
    p->base.cls = &events_class;
    p->base.id = PANE_EVENTS;
    p->base.dirty = 1;
    p->v = v;
    p->page = 1;
    return &p->base;
}
