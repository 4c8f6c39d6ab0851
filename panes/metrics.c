/* metrics: the Metrics pane: the selected service's load-balancer signals
 * over the last 30 or 60 minutes ('w' switches), a bucket a minute. Two
 * stacked charts, P95 latency and the 5xx error rate, each under a heading
 * with the newest value in its level's colour and words (ok, WARN, CRIT
 * against DESIGN.md's runbook thresholds, which the charts draw as lines),
 * and the request rate. A short pane (the compact layout) gets one line per
 * signal with a sparkline instead; a one- or two-line pane all on one line,
 * as in DESIGN.md's screen. */
#include "metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "tui/chart_draw.h"
#include "tui/color.h"
#include "tui/term.h"

struct metrics {
    struct pane base;
    struct pane_view *v;
};

/* One signal: how it is labelled, formatted and judged (crit <= 0: not judged). */
struct signal {
    const char *label, *heading;
    enum chart_unit unit;
    double warn, crit;
};

static const struct signal sig_p95 = { "p95", "P95 latency", CHART_UNIT_SECONDS,
                                       MODEL_METRICS_P95_WARN_S, MODEL_METRICS_P95_CRIT_S };
static const struct signal sig_err = { "5xx", "5xx error rate", CHART_UNIT_RATIO,
                                       MODEL_METRICS_ERR_WARN, MODEL_METRICS_ERR_CRIT };
static const struct signal sig_req = { "req", "requests", CHART_UNIT_COUNT, 0, 0 };

static int level_of(const struct signal *g, double v)
{
    if (g->crit <= 0)
        return isnan(v) ? -1 : 0;
    return model_metrics_level(v, g->warn, g->crit);
}

static enum rw_role level_role(int level)
{
    return level == 2 ? ROLE_ERROR : level == 1 ? ROLE_WARN : level == 0 ? ROLE_OK : ROLE_DIM;
}

/* "CRIT > 1s", "WARN > 500ms", "ok" or "no data": readable without colour. */
static void level_text(const struct signal *g, int level, char *buf, size_t n)
{
    char t[24];
    chart_fmt(level == 2 ? g->crit : g->warn, g->unit, t, sizeof t);
    if (level > 0)
        snprintf(buf, n, "%s > %s", level == 2 ? "CRIT" : "WARN", t);
    else
        snprintf(buf, n, "%s", level == 0 ? "ok" : "no data");
}

/* ASCII s at (y, x) in attributes a, clipped before maxx; the column after it. */
static int put(WINDOW *w, int y, int x, int maxx, attr_t a, const char *s)
{
    if (x >= maxx)
        return maxx;
    wattrset(w, a);
    pane_put(w, y, x, maxx - x, s);
    int len = (int)strlen(s);
    return x + len < maxx ? x + len : maxx;
}

/* The newest value of v, formatted in g's unit (plus suffix) into buf. */
static double newest(const struct signal *g, const double *v, size_t n, const char *suffix,
                     char *buf, size_t len)
{
    double cur = model_metrics_last(v, n, NULL);
    int k = chart_fmt(cur, g->unit, buf, len);
    if (!isnan(cur) && k >= 0 && (size_t)k < len)
        snprintf(buf + k, len - (size_t)k, "%s", suffix);
    return cur;
}

static struct chart_spec spec_of(const struct signal *g, const struct model_metrics *m)
{
    struct chart_spec sp = { .unit = g->unit, .utf8 = term_utf8(), .warn = g->warn,
                             .crit = g->crit };
    sp.buckets = m->period_s > 0 ? (size_t)m->window_min * 60 / (size_t)m->period_s : m->n;
    return sp;
}

/* A sparkline of v, sw cells, at (y, x). */
static void spark(WINDOW *w, int y, int x, int sw, const struct signal *g, const double *v,
                  const struct model_metrics *m)
{
    if (sw <= 0)
        return;
    struct chart_cell *row = xcalloc((size_t)sw, sizeof *row);
    struct chart_spec sp = spec_of(g, m);
    struct chart_series s = { v, NULL, m->n };
    chart_sparkline(&sp, &s, row, sw);
    chart_draw_grid(w, y, x, row, 1, sw);
    free(row);
}

/* A heading at row y: the signal, its newest value and level in the level's
 * role, and (right-aligned, if given) the request rate. */
static void heading(WINDOW *w, int y, int cols, const struct signal *g, const double *v,
                    const struct model_metrics *m, int with_rate)
{
    char val[32], lv[48], rate[48];
    double cur = newest(g, v, m->n, "", val, sizeof val);
    int level = level_of(g, cur);
    level_text(g, level, lv, sizeof lv);
    attr_t a = color_attr(level_role(level));
    int x = put(w, y, 1, cols - 1, color_attr(ROLE_TITLE), g->heading);
    x = put(w, y, x + 1, cols - 1, a | A_BOLD, val);
    x = put(w, y, x + 2, cols - 1, a, lv);
    if (!with_rate)
        return;
    newest(&sig_req, m->req_per_min, m->n, " req/min", rate, sizeof rate);
    int rx = cols - 1 - (int)strlen(rate);
    put(w, y, rx > x + 2 ? rx : x + 2, cols - 1, color_attr(ROLE_NORMAL), rate);
}

/* A chart of v with g's threshold lines in rows [y, y + rows). */
static void chart(WINDOW *w, int y, int rows, int cols, const struct signal *g, const double *v,
                  const struct model_metrics *m)
{
    int cw = cols - 2;
    if (rows <= 0 || cw <= 0)
        return;
    struct chart_cell *grid = xcalloc((size_t)rows * (size_t)cw, sizeof *grid);
    struct chart_spec sp = spec_of(g, m);
    struct chart_series s = { v, NULL, m->n };
    chart_render(&sp, &s, 1, grid, rows, cw);
    chart_draw_grid(w, y, 1, grid, rows, cw);
    free(grid);
}

static void draw_charts(WINDOW *w, int h, int cols, const struct model_metrics *m)
{
    int top = h / 2;
    heading(w, 0, cols, &sig_p95, m->p95_s, m, 0);
    chart(w, 1, top - 1, cols, &sig_p95, m->p95_s, m);
    heading(w, top, cols, &sig_err, m->error_rate, m, 1);
    chart(w, top + 1, h - top - 1, cols, &sig_err, m->error_rate, m);
}

/* "p95 1.21s ▁▂▅█" from column x: the label, the newest value (padded to pad)
 * in its level's role, a sparkline of sw cells; returns the column after it. */
static int item(WINDOW *w, int y, int x, int maxx, const struct signal *g, const double *v,
                const struct model_metrics *m, int pad, int sw)
{
    char val[40];
    double cur = newest(g, v, m->n, g == &sig_req ? "/min" : "", val, sizeof val);
    x = put(w, y, x, maxx, color_attr(ROLE_NORMAL), g->label);
    int vx = x + 1;
    x = put(w, y, vx, maxx, color_attr(level_role(level_of(g, cur))) | A_BOLD, val);
    x = x > vx + pad ? x : vx + pad;
    sw = sw < maxx - x - 1 ? sw : maxx - x - 1;
    spark(w, y, x + 1, sw, g, v, m);
    return sw > 0 ? x + 1 + sw : x;
}

/* One line per signal, each with a sparkline and its level; a legend below. */
static void draw_lines(WINDOW *w, int h, int cols, const struct model_metrics *m)
{
    static const struct signal *const sigs[3] = { &sig_p95, &sig_err, &sig_req };
    const double *vals[3] = { m->p95_s, m->error_rate, m->req_per_min };
    int buckets = (int)spec_of(&sig_req, m).buckets;
    int sw = cols - 1 - 15 - 14; /* label and value before, a level after */
    sw = sw < buckets ? sw : buckets;
    for (int i = 0; i < 3; i++) {
        int x = item(w, i, 1, cols - 1, sigs[i], vals[i], m, 9, sw);
        if (sigs[i]->crit <= 0)
            continue;
        char lv[48];
        int level = level_of(sigs[i], model_metrics_last(vals[i], m->n, NULL));
        level_text(sigs[i], level, lv, sizeof lv);
        put(w, i, x + 1, cols - 1, color_attr(level_role(level)), lv);
    }
    if (h < 4)
        return;
    char legend[160], a[16], b[16], c[16], d[16];
    chart_fmt(sig_p95.warn, sig_p95.unit, a, sizeof a);
    chart_fmt(sig_p95.crit, sig_p95.unit, b, sizeof b);
    chart_fmt(sig_err.warn, sig_err.unit, c, sizeof c);
    chart_fmt(sig_err.crit, sig_err.unit, d, sizeof d);
    snprintf(legend, sizeof legend, "warn/crit: p95 %s/%s, 5xx %s/%s; last %dm (w)", a, b, c, d,
             m->window_min);
    put(w, 3, 1, cols - 1, color_attr(ROLE_DIM), legend);
}

/* Everything on one line: "p95 1.21s ▁▂▅█  5xx 7.2% ▁▁▃█  req 1.4k/min". */
static void draw_one_line(WINDOW *w, int cols, const struct model_metrics *m)
{
    int x = item(w, 0, 1, cols - 1, &sig_p95, m->p95_s, m, 0, 8);
    x = item(w, 0, x + 2, cols - 1, &sig_err, m->error_rate, m, 0, 8);
    item(w, 0, x + 2, cols - 1, &sig_req, m->req_per_min, m, 0, 0);
}

/* What to say instead of charts, or NULL when there is something to draw. */
static const char *empty_text(const struct metrics *p, const struct model_service *s,
                              char *buf, size_t n)
{
    if (!s)
        return p->v->fleet && p->v->fleet->nservices ? "select a service (Enter in Services)"
                                                     : "no service selected";
    const struct model_metrics *m = &s->metrics;
    if (m->state == MODEL_METRICS_NONE && s->metrics_fresh.failures)
        snprintf(buf, n, "no metrics yet: %s", s->metrics_fresh.reason);
    else if (m->state == MODEL_METRICS_NONE)
        snprintf(buf, n, "loading metrics…");
    else if (m->state == MODEL_METRICS_NO_LB)
        snprintf(buf, n, "no load balancer for %s", s->name);
    else if (!m->n)
        snprintf(buf, n, "no requests to %s in the last %dm", s->name, m->window_min);
    else
        return NULL;
    return buf;
}

static void draw(struct pane *pp, WINDOW *w, int h, int cols)
{
    struct metrics *p = (struct metrics *)pp;
    struct model_service *s = view_service(p->v);
    char msg[200];
    werase(w);
    const char *empty = empty_text(p, s, msg, sizeof msg);
    if (empty)
        pane_draw_empty(w, h, cols, empty);
    else if (h > PANE_METRICS_COMPACT_ROWS)
        draw_charts(w, h, cols, &s->metrics);
    else if (h >= 3)
        draw_lines(w, h, cols, &s->metrics);
    else
        draw_one_line(w, cols, &s->metrics);
    wattrset(w, color_attr(ROLE_NORMAL));
}

static int key(struct pane *pp, int k, enum rw_action act)
{
    (void)act;
    struct metrics *p = (struct metrics *)pp;
    if (k != 'w')
        return PANE_UNHANDLED;
    p->v->metrics_window = view_metrics_window(p->v) == 30 ? 60 : 30;
    p->v->window_changed = 1;
    return PANE_HANDLED | PANE_REDRAW;
}

static void title(struct pane *pp, char *buf, size_t n)
{
    struct metrics *p = (struct metrics *)pp;
    char marker[160];
    view_metrics_marker(p->v, marker, sizeof marker);
    snprintf(buf, n, "Metrics%s%s (ALB, %dm)%s%s", p->v->selected[0] ? " " : "",
             p->v->selected, view_metrics_window(p->v), marker[0] ? " · " : "", marker);
}

static const struct keybind binds[] = {
    { 'w', "w", ACT_NONE, "metrics window: the last 30 or 60 minutes" },
};

static const struct keybind *help(struct pane *pp, size_t *n)
{
    (void)pp;
    *n = sizeof binds / sizeof *binds;
    return binds;
}

static void destroy(struct pane *pp)
{
    free(pp);
}

static const struct pane_class metrics_class = {
    .name = "metrics", .draw = draw, .key = key, .title = title, .help = help, .free = destroy,
};

struct pane *pane_metrics_new(struct pane_view *v)
{
    struct metrics *p = xcalloc(1, sizeof *p);
    p->base.cls = &metrics_class;
    p->base.id = PANE_METRICS;
    p->base.dirty = 1;
    p->v = v;
    return &p->base;
}
