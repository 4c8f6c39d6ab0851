/* placeholder: a pane whose data source is not in this build yet. It keeps
 * the pane's place in the layout, its frame and its empty state honest. */
#include "pane.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/xmalloc.h"

struct placeholder {
    struct pane base;
    char *title;
    char *msg;
};

static void draw(struct pane *p, WINDOW *w, int h, int cols)
{
    pane_draw_empty(w, h, cols, ((struct placeholder *)p)->msg);
}

static int key(struct pane *p, int k, enum rw_action act)
{
    (void)p, (void)k, (void)act;
    return PANE_UNHANDLED;
}

static void title(struct pane *p, char *buf, size_t n)
{
    snprintf(buf, n, "%s", ((struct placeholder *)p)->title);
}

static void destroy(struct pane *p)
{
    struct placeholder *ph = (struct placeholder *)p;
    free(ph->title);
    free(ph->msg);
    free(ph);
}

static const struct pane_class placeholder_class = {
    .name = "placeholder", .draw = draw, .key = key, .title = title, .help = NULL,
    .free = destroy,
};

struct pane *pane_placeholder_new(enum pane_id id, const char *t, const char *msg)
{
    struct placeholder *ph = xcalloc(1, sizeof *ph);
    ph->base.cls = &placeholder_class;
    ph->base.id = id;
    ph->base.dirty = 1;
    ph->title = xstrdup(t);
    ph->msg = xstrdup(msg);
    return &ph->base;
}
