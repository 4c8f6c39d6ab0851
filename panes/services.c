/* services: the Services pane: one row per service with its task counts,
 * rollout state and progress, task definition revision, age of the last
 * deployment and a verdict (task health until the runbook rules land).
 * '<' and '>' pick the sort column, 'i' inverts it, '/' filters by a PCRE2
 * regex on the name, Enter drills into the service's deployments and tasks. */
#include "services.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "filter.h"
#include "list.h"
#include "tui/color.h"
#include "tui/term.h"

enum { COL_NAME, COL_TASKS, COL_ROLLOUT, COL_REV, COL_AGE, COL_VERDICT, NCOLS };

static const char *const col_names[NCOLS] = { "SERVICE", "TASKS", "ROLLOUT", "REV", "DEPLOYED",
                                              "HEALTH" };

struct services {
    struct pane base;
    struct pane_view *v;
    struct pane_list list;
    struct pane_filter filter;
    int sort, desc;
    int page;
    size_t *rows;     /* indices into fleet->services, filtered and sorted */
    size_t nrows;
};

static const struct pane_view *sort_view;
static int sort_col, sort_desc;

static int cmp_rows(const void *pa, const void *pb)
{
    const struct model_service *a = &sort_view->fleet->services[*(const size_t *)pa];
    const struct model_service *b = &sort_view->fleet->services[*(const size_t *)pb];
    long d = 0;
    switch (sort_col) {
    case COL_TASKS: d = (long)a->running - b->running; break;
    case COL_ROLLOUT: d = strcmp(a->rollout ? a->rollout : "", b->rollout ? b->rollout : ""); break;
    case COL_REV: d = (long)a->revision - b->revision; break;
    case COL_AGE: d = a->deployed_wall_ms < b->deployed_wall_ms ? 1
                      : a->deployed_wall_ms > b->deployed_wall_ms ? -1 : 0; break;
    case COL_VERDICT: {
        int h1, u1, k1, h2, u2, k2;
        model_service_health(a, &h1, &u1, &k1);
        model_service_health(b, &h2, &u2, &k2);
        d = (long)u2 - u1;
        break;
    }
    default: break;
    }
    if (!d)
        d = strcmp(a->name ? a->name : "", b->name ? b->name : "");
    int sign = (d > 0) - (d < 0);
    return sort_desc ? -sign : sign;
}

/* Rebuild the visible rows and keep the selection on the selected name. */
static void rebuild(struct services *p)
{
    struct model_fleet *f = p->v->fleet;
    p->nrows = 0;
    if (!f)
        return;
    p->rows = xreallocarray(p->rows, f->nservices + 1, sizeof *p->rows);
    for (size_t i = 0; i < f->nservices; i++) {
        const char *n = f->services[i].name ? f->services[i].name : "";
        if (filter_match(&p->filter, n, strlen(n)))
            p->rows[p->nrows++] = i;
    }
    sort_view = p->v, sort_col = p->sort, sort_desc = p->desc;
    qsort(p->rows, p->nrows, sizeof *p->rows, cmp_rows);
    p->list.sel = 0;
    for (size_t r = 0; r < p->nrows; r++)
        if (strcmp(f->services[p->rows[r]].name, p->v->selected) == 0)
            p->list.sel = (int)r;
    list_clamp(&p->list, (int)p->nrows, p->page);
    if (p->nrows)
        view_select(p->v, f->services[p->rows[p->list.sel]].name);
}

/* The progress bar of running of desired on the PRIMARY deployment. */
static void bar(double frac, int width, char *buf, size_t n)
{
    int fill = (int)(frac * width + 0.5);
    size_t o = 0;
    for (int i = 0; i < width && o + 4 < n; i++) {
        const char *c = term_utf8() ? (i < fill ? "\xe2\x96\x88" : "\xe2\x96\x91")
                                    : (i < fill ? "#" : ".");
        size_t l = strlen(c);
        memcpy(buf + o, c, l);
        o += l;
    }
    buf[o] = '\0';
}

static enum rw_role rollout_role(const char *r)
{
    if (!r)
        return ROLE_DIM;
    if (strcmp(r, "FAILED") == 0)
        return ROLE_ERROR;
    return strcmp(r, "IN_PROGRESS") == 0 ? ROLE_WARN : ROLE_OK;
}

#define NARROW_COLS 60
#define WIDE_COLS 110

/* Column x positions for this width: name, tasks, rollout, bar, rev, age, verdict.
 * Columns that start past the edge are not drawn. Below NARROW_COLS the bar
 * comes before a four-letter rollout state, so both fit beside the name. */
static void columns(int cols, int x[7])
{
    int name = cols >= 100 ? 24 : cols >= 80 ? 20 : 14;
    x[0] = 1;
    x[1] = x[0] + name + 1;          /* tasks "10/10 +2" */
    if (cols < NARROW_COLS) {
        x[3] = x[1] + 6;             /* bar (10) */
        x[2] = x[3] + 11;            /* rollout, short */
        x[4] = x[5] = x[6] = cols;
        return;
    }
    x[2] = x[1] + 9;                 /* rollout */
    x[3] = x[2] + 12;                /* bar (10) */
    x[4] = x[3] + 11;                /* rev: ":4", or "family:4" when wide */
    x[5] = x[4] + (cols >= WIDE_COLS ? 24 : 6); /* age */
    x[6] = x[5] + 9;                 /* verdict */
}

/* The rollout state as shown: in full, or in four letters when narrow. */
static const char *rollout_text(const char *r, int narrow)
{
    if (!r)
        return "-";
    if (!narrow)
        return r;
    return strcmp(r, "IN_PROGRESS") == 0 ? "PROG" : strcmp(r, "COMPLETED") == 0 ? "DONE"
           : strcmp(r, "FAILED") == 0 ? "FAIL" : r;
}

static void put_col(WINDOW *w, int y, int x, int cols, int width, const char *s)
{
    if (x < cols - 1)
        pane_put(w, y, x, x + width > cols - 1 ? cols - 1 - x : width, s);
}

static void draw_row(WINDOW *w, int y, int cols, const struct model_service *s,
                     int selected)
{
    int x[7];
    columns(cols, x);
    char buf[96];
    attr_t base = selected ? color_attr(ROLE_SELECTED) : color_attr(ROLE_NORMAL);
    wattrset(w, base);
    mvwhline(w, y, 0, ' ', cols);
    put_col(w, y, x[0], cols, x[1] - x[0] - 1, s->name ? s->name : "?");
    if (s->pending)
        snprintf(buf, sizeof buf, "%d/%d +%d", s->running, s->desired, s->pending);
    else
        snprintf(buf, sizeof buf, "%d/%d", s->running, s->desired);
    put_col(w, y, x[1], cols, 8, buf);
    if (!selected)
        wattrset(w, color_attr(rollout_role(s->rollout)));
    put_col(w, y, x[2], cols, 11, rollout_text(s->rollout, cols < NARROW_COLS));
    bar(model_service_progress(s), 10, buf, sizeof buf);
    put_col(w, y, x[3], cols, 10, buf);
    wattrset(w, base);
    if (cols >= WIDE_COLS)
        snprintf(buf, sizeof buf, "%.20s:%d", s->family ? s->family : "", s->revision);
    else
        snprintf(buf, sizeof buf, ":%d", s->revision);
    put_col(w, y, x[4], cols, x[5] - x[4] - 1, buf);
    char age[24] = "-";
    if (s->deployed_wall_ms)
        rw_clock_dur(rw_wall_ms() - s->deployed_wall_ms, age, sizeof age);
    put_col(w, y, x[5], cols, 8, age);
    int h, u, k;
    model_service_health(s, &h, &u, &k);
    if (h + u + k == 0)
        snprintf(buf, sizeof buf, "%s", "-");
    else
        snprintf(buf, sizeof buf, "%d ok", h);
    if (u)
        snprintf(buf, sizeof buf, "%d ok %d bad", h, u);
    if (!selected && u)
        wattrset(w, color_attr(ROLE_ERROR));
    put_col(w, y, x[6], cols, cols - x[6], buf);
    wattrset(w, color_attr(ROLE_NORMAL));
}

static void draw_header(struct services *p, WINDOW *w, int cols)
{
    int x[7];
    columns(cols, x);
    const int at[NCOLS] = { x[0], x[1], x[2], x[4], x[5], x[6] };
    wattrset(w, color_attr(ROLE_DIM));
    for (int c = 0; c < NCOLS; c++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s%s", col_names[c],
                 c == p->sort ? (p->desc ? (term_utf8() ? "\xe2\x96\xbc" : "v")
                                         : (term_utf8() ? "\xe2\x96\xb2" : "^")) : "");
        put_col(w, 0, at[c], cols, (c + 1 < NCOLS ? at[c + 1] : cols) - at[c] - 1, buf);
    }
    wattrset(w, color_attr(ROLE_NORMAL));
}

static const char *empty_text(struct services *p, char *buf, size_t n)
{
    struct model_fleet *f = p->v->fleet;
    if (!f)
        return p->v->no_data[0] ? p->v->no_data : "no provider";
    if (!rw_fresh_loaded(&f->fresh))
        return f->fresh.reason[0] ? f->fresh.reason : "loading services…";
    if (!f->nservices)
        snprintf(buf, n, "no services in %s", f->scope);
    else
        snprintf(buf, n, "no service matches /%s/", p->filter.text);
    return buf;
}

static void draw(struct pane *pp, WINDOW *w, int h, int cols)
{
    struct services *p = (struct services *)pp;
    char status[200], buf[200];
    filter_status(&p->filter, status, sizeof status);
    int body = h - 1 - (status[0] ? 1 : 0);
    p->page = body > 0 ? body : 1;
    rebuild(p);
    werase(w);
    if (!p->nrows) {
        pane_draw_empty(w, h - (status[0] ? 1 : 0), cols, empty_text(p, buf, sizeof buf));
    } else {
        draw_header(p, w, cols);
        for (int r = 0; r < body && p->list.top + r < (int)p->nrows; r++) {
            size_t i = p->rows[p->list.top + r];
            draw_row(w, 1 + r, cols, &p->v->fleet->services[i], p->list.top + r == p->list.sel);
        }
    }
    if (status[0]) {
        wattrset(w, color_attr(p->filter.error[0] ? ROLE_ERROR : ROLE_INFO));
        pane_put(w, h - 1, 1, cols - 2, status);
        wattrset(w, color_attr(ROLE_NORMAL));
    }
}

static int key(struct pane *pp, int k, enum rw_action act)
{
    struct services *p = (struct services *)pp;
    if (filter_key(&p->filter, k)) {
        if (!p->filter.editing)
            rebuild(p);
        return PANE_HANDLED | PANE_REDRAW;
    }
    if (k == '/') {
        filter_begin(&p->filter);
        return PANE_HANDLED | PANE_REDRAW;
    }
    if (k == '<' || k == '>' || k == 'i') {
        if (k == 'i')
            p->desc = !p->desc;
        else
            p->sort = (p->sort + (k == '>' ? 1 : NCOLS - 1)) % NCOLS;
        rebuild(p); /* the next key moves through the new order */
        return PANE_HANDLED | PANE_REDRAW;
    }
    if (act == ACT_SELECT && p->nrows) {
        p->v->focus_request = PANE_TASKS;
        return PANE_HANDLED;
    }
    if (list_move(&p->list, act, (int)p->nrows, p->page)) {
        if (p->nrows)
            view_select(p->v, p->v->fleet->services[p->rows[p->list.sel]].name);
        return PANE_HANDLED | PANE_REDRAW;
    }
    return PANE_UNHANDLED;
}

static int click(struct pane *pp, int y, int x)
{
    (void)x;
    struct services *p = (struct services *)pp;
    int row = p->list.top + y - 1; /* row 0 is the heading */
    if (y < 1 || row >= (int)p->nrows)
        return PANE_HANDLED;
    p->list.sel = row;
    view_select(p->v, p->v->fleet->services[p->rows[row]].name);
    return PANE_HANDLED | PANE_REDRAW;
}

static void title(struct pane *pp, char *buf, size_t n)
{
    struct services *p = (struct services *)pp;
    char marker[160];
    view_services_marker(p->v, marker, sizeof marker);
    const char *scope = p->v->fleet && p->v->fleet->scope[0] ? p->v->fleet->scope : "";
    snprintf(buf, n, "Services%s%s%s%s", scope[0] ? " " : "", scope, marker[0] ? " · " : "",
             marker);
}

static const struct keybind binds[] = {
    { '/', "/", ACT_NONE, "filter services by a regex (Enter applies, Esc cancels)" },
    { '<', "< >", ACT_NONE, "sort by the previous / next column" },
    { 'i', "i", ACT_NONE, "invert the sort order" },
    { '\n', "Enter", ACT_NONE, "show the service's deployments and tasks" },
};

static const struct keybind *help(struct pane *pp, size_t *n)
{
    (void)pp;
    *n = sizeof binds / sizeof *binds;
    return binds;
}

static void destroy(struct pane *pp)
{
    struct services *p = (struct services *)pp;
    filter_free(&p->filter);
    free(p->rows);
    free(p);
}

static const struct pane_class services_class = {
    .name = "services", .draw = draw, .key = key, .title = title, .help = help, .free = destroy,
    .click = click,
};

struct pane *pane_services_new(struct pane_view *v)
{
    struct services *p = xcalloc(1, sizeof *p);
    p->base.cls = &services_class;
    p->base.id = PANE_SERVICES;
    p->base.dirty = 1;
    p->v = v;
    p->page = 1;
    return &p->base;
}

int pane_services_filter(struct pane *pp, const char *expr, char *err, size_t n)
{
    struct services *p = (struct services *)pp;
    int rc = filter_set(&p->filter, expr);
    snprintf(err, n, "%s", p->filter.error);
    return rc;
}
