/* Tests for panes/metrics drawn into curses windows on a terminal that writes
 * to /dev/null and read back: the two charts' headings with their newest
 * values, levels and colours, the warning and critical lines, the compact
 * one-line-per-signal layout with sparklines, the one-line layout, every
 * empty state, the window key and the stale marker in the title. */
#include <CUnit/CUnit.h>
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "panes/metrics.h"
#include "support/testterm.h"
#include "tui/color.h"

#define S0 1795000000000LL
#define MIN 60000LL

static int64_t fake_now;
static int64_t now_fn(void) { return fake_now; }

/* 30 minutes: p95 p_then and no 5xx for 22, then p_now and errs of 1400 a minute. */
static struct model_metrics series(double p_then, double p_now, double errs)
{
    int64_t t[30];
    double lat[30], req[30], err[30];
    for (int i = 0; i < 30; i++) {
        t[i] = S0 + i * MIN;
        lat[i] = i < 22 ? p_then : p_now;
        req[i] = 1400;
        err[i] = errs;
    }
    struct model_points l = { t, lat, 30 }, r = { t, req, 30 }, e = { t + 22, err + 22, 8 };
    struct model_metrics m = { 0 };
    model_metrics_build(&m, S0, 30, 60, &l, &r, &e);
    m.source = xstrdup("cap-production-alb");
    return m;
}

static struct model_service svc(const char *name)
{
    struct model_service s = { 0 };
    s.name = xstrdup(name);
    return s;
}

#define row testterm_row

/* Whether any of rows [from, to) holds s. */
static int rows_have(WINDOW *w, int from, int to, const char *s)
{
    for (int y = from; y < to; y++)
        if (strstr(row(w, y), s))
            return 1;
    return 0;
}

/* The colour pair at (y, x). */
static short pair_at(WINDOW *w, int y, int x)
{
    cchar_t cc;
    wchar_t wch[CCHARW_MAX + 1] = { 0 };
    attr_t attrs;
    short pair;
    mvwin_wch(w, y, x, &cc);
    getcchar(&cc, wch, &attrs, &pair, NULL);
    return pair;
}

static void check_charts(struct pane *p, WINDOW *w)
{
    p->cls->draw(p, w, 20, 60);
    const char *r0 = row(w, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r0, "P95 latency 1.21s  CRIT > 1s"));
    const char *at = strstr(r0, "1.21s");
    CU_ASSERT_EQUAL(pair_at(w, 0, at ? (int)(at - r0) : 0), PAIR_NUMBER(color_attr(ROLE_ERROR)));
    CU_ASSERT_TRUE(rows_have(w, 1, 10, "\xe2\x95\x8d")); /* ╍ the critical line, 1 s */
    CU_ASSERT_TRUE(rows_have(w, 1, 10, "\xe2\x95\x8c")); /* ╌ the warning line, 500 ms */
    CU_ASSERT_TRUE(rows_have(w, 1, 10, "\xe2\xa3")      /* braille: the line itself */
                   || rows_have(w, 1, 10, "\xe2\xa0") || rows_have(w, 1, 10, "\xe2\xa1")
                   || rows_have(w, 1, 10, "\xe2\xa2"));
    const char *r10 = row(w, 10);
    CU_ASSERT_PTR_NOT_NULL(strstr(r10, "5xx error rate 7.14%  CRIT > 5%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(r10, "1.4k req/min"));
    CU_ASSERT_TRUE(rows_have(w, 11, 20, "\xe2\x95\x8d"));
    CU_ASSERT_TRUE(rows_have(w, 11, 20, "\xe2\x95\x8c"));
    CU_ASSERT_TRUE(rows_have(w, 11, 20, "0%"));
}

static void check_compact(struct pane *p, WINDOW *w, struct model_service *s)
{
    p->cls->draw(p, w, 5, 60);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "p95 1.21s"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "\xe2\x96\x82\xe2\x96\x82")); /* ▂▂ then */
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "\xe2\x96\x88 CRIT > 1s"));   /* █ now */
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "5xx 7.14%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "CRIT > 5%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 2), "req 1.4k/min"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 3), "p95 500ms/1s, 5xx 1%/5%; last 30m"));
    p->cls->draw(p, w, 1, 60);
    const char *r = row(w, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "p95 1.21s "));
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "  5xx 7.14% "));
    CU_ASSERT_PTR_NOT_NULL(strstr(r, "  req 1.4k/min"));
    model_metrics_clear(&s->metrics); /* steady: a warning, then all fine */
    s->metrics = series(0.12, 0.7, 0);
    p->cls->draw(p, w, 5, 60);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "p95 700ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "WARN > 500ms"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "5xx 0%"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), " ok"));
    CU_ASSERT_EQUAL(pair_at(w, 1, 5), PAIR_NUMBER(color_attr(ROLE_OK)));
    CU_ASSERT_EQUAL(pair_at(w, 0, 5), PAIR_NUMBER(color_attr(ROLE_WARN)));
}

static void check_empty_states(struct pane *p, WINDOW *w, struct pane_view *v,
                               struct model_fleet *f)
{
    view_select(v, "rover-agent");
    p->cls->draw(p, w, 10, 60);
    CU_ASSERT_TRUE(rows_have(w, 0, 10, "no load balancer for rover-agent"));
    view_select(v, "payments-api");
    p->cls->draw(p, w, 10, 60);
    CU_ASSERT_TRUE(rows_have(w, 0, 10, "loading metrics"));
    struct model_service *s = model_service_find(f, "payments-api");
    rw_fresh_failed(&s->metrics_fresh, 1000, "AccessDenied");
    p->cls->draw(p, w, 10, 60);
    CU_ASSERT_TRUE(rows_have(w, 0, 10, "no metrics yet: AccessDenied"));
    model_metrics_build(&s->metrics, S0, 30, 60, NULL, NULL, NULL);
    p->cls->draw(p, w, 10, 60);
    CU_ASSERT_TRUE(rows_have(w, 0, 10, "no requests to payments-api in the last 30m"));
    view_select(v, "");
    p->cls->draw(p, w, 10, 60);
    CU_ASSERT_TRUE(rows_have(w, 0, 10, "select a service"));
}

static void check_title_and_keys(struct pane *p, struct pane_view *v, struct model_fleet *f)
{
    char t[200];
    view_select(v, "consumer-agent");
    fake_now = 2000;
    p->cls->title(p, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "Metrics consumer-agent (ALB, 30m)");
    CU_ASSERT_EQUAL(p->cls->key(p, 'w', ACT_NONE), PANE_HANDLED | PANE_REDRAW);
    CU_ASSERT_EQUAL(v->metrics_window, 60);
    CU_ASSERT_TRUE(v->window_changed);
    fake_now = model_service_find(f, "consumer-agent")->metrics_fresh.fetched_ms + 130000;
    p->cls->title(p, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "Metrics consumer-agent (ALB, 60m) · stale 2m10s");
    p->cls->key(p, 'w', ACT_NONE);
    CU_ASSERT_EQUAL(view_metrics_window(v), 30);
    CU_ASSERT_EQUAL(p->cls->key(p, 'x', ACT_NONE), PANE_UNHANDLED);
    size_t n;
    const struct keybind *b = p->cls->help(p, &n);
    CU_ASSERT_TRUE(n == 1 && b[0].key == 'w' && strstr(b[0].what, "30 or 60"));
}

static void test_pane_metrics_draws(void)
{
    struct model_fleet f;
    model_fleet_init(&f, "ecs", "demo", 5000);
    struct model_service *s = xcalloc(3, sizeof *s);
    s[0] = svc("consumer-agent");
    s[1] = svc("rover-agent");
    s[2] = svc("payments-api");
    model_fleet_set_services(&f, s, 3, 1000);
    struct model_metrics m = series(0.12, 1.21, 100); /* 100 of 1400: 7.14 % */
    model_service_set_metrics(&f, "consumer-agent", &m, 1000);
    model_metrics_no_lb(&m, 30);
    model_service_set_metrics(&f, "rover-agent", &m, 1000);
    struct pane_view v = { .fleet = &f, .focus_request = -1, .now = now_fn };
    view_select(&v, "consumer-agent");
    struct testterm tt;
    CU_ASSERT_EQUAL(testterm_open(&tt, "ok = green\nwarn = yellow bold\nerror = red bold\n"), 0);
    if (tt.scr) {
        CU_ASSERT_NOT_EQUAL(PAIR_NUMBER(color_attr(ROLE_ERROR)), PAIR_NUMBER(color_attr(ROLE_OK)));
        WINDOW *w = newwin(20, 60, 0, 0);
        struct pane *p = pane_metrics_new(&v);
        check_charts(p, w);
        check_compact(p, w, model_service_find(&f, "consumer-agent"));
        check_empty_states(p, w, &v, &f);
        check_title_and_keys(p, &v, &f);
        p->cls->free(p);
        delwin(w);
    }
    testterm_close(&tt);
    model_fleet_free(&f);
}

void test_pane_metrics_register(void)
{
    CU_pSuite s = CU_add_suite("pane_metrics", NULL, NULL);
    CU_add_test(s, "charts, levels, thresholds, compact, empty states, window key",
                test_pane_metrics_draws);
}
