/* view: selection and freshness helpers over the model. */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"

static int64_t now_of(const struct pane_view *v)
{
    return v->now ? v->now() : rw_mono_ms();
}

void view_select(struct pane_view *v, const char *name)
{
    if (!name)
        name = "";
    if (strcmp(v->selected, name) == 0)
        return;
    snprintf(v->selected, sizeof v->selected, "%s", name);
    v->select_changed = 1;
}

struct model_service *view_service(struct pane_view *v)
{
    return v->fleet && v->selected[0] ? model_service_find(v->fleet, v->selected) : NULL;
}

void view_services_marker(struct pane_view *v, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    if (v->fleet)
        rw_fresh_marker(&v->fleet->fresh, now_of(v), buf, n);
}

void view_tasks_marker(struct pane_view *v, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    struct model_service *s = view_service(v);
    if (s)
        rw_fresh_marker(&s->tasks_fresh, now_of(v), buf, n);
}

void view_metrics_marker(struct pane_view *v, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    struct model_service *s = view_service(v);
    if (s)
        rw_fresh_marker(&s->metrics_fresh, now_of(v), buf, n);
}

int view_metrics_window(const struct pane_view *v)
{
    return v->metrics_window > 0 ? v->metrics_window : MODEL_METRICS_WINDOW_MIN;
}
