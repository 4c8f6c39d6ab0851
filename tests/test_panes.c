/* Tests for the data panes (panes/services, tasks, events) drawn into curses
 * windows on a terminal that writes to /dev/null and read back as text: rows,
 * sort, filter, selection, drill-in, stopped tasks with exit codes, and the
 * stale marker in titles. */
#include <CUnit/CUnit.h>
#include <curses.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/xmalloc.h"
#include "panes/events.h"
#include "panes/services.h"
#include "panes/tasks.h"
#include "support/testterm.h"

static int64_t fake_now;
static int64_t now_fn(void) { return fake_now; }

static struct model_service svc(const char *name, int desired, int running, const char *rollout,
                                int rev)
{
    struct model_service s = { 0 };
    s.name = xstrdup(name);
    s.status = xstrdup("ACTIVE");
    s.family = xstrdup(name);
    s.revision = rev;
    s.desired = desired;
    s.running = running;
    s.rollout = xstrdup(rollout);
    s.circuit_breaker = 1;
    s.deployments = xcalloc(2, sizeof *s.deployments);
    s.deployments[0] = (struct model_deployment){ xstrdup("ecs-svc/1"), xstrdup("PRIMARY"),
                                                  xstrdup(rollout), xstrdup("in progress"),
                                                  rev, desired, running, 0, 0, 0, 0 };
    s.ndeployments = 1;
    s.events = xcalloc(1, sizeof *s.events);
    s.events[0] = (struct model_event){ xstrdup("e1"),
                                        xstrdup("(service x) has reached a steady state."),
                                        1795000000000LL };
    s.nevents = 1;
    return s;
}

static struct model_task task(const char *id, const char *st, const char *health, int exit_code)
{
    struct model_task t = { 0 };
    t.id = xstrdup(id);
    t.revision = 4;
    t.last_status = xstrdup(st);
    t.desired_status = xstrdup(strcmp(st, "STOPPED") == 0 ? "STOPPED" : "RUNNING");
    t.health = xstrdup(health);
    t.az = xstrdup("us-east-1a");
    t.ip = xstrdup("10.0.2.47");
    t.started_wall_ms = 1795000000000LL;
    if (exit_code >= 0) {
        t.containers = xcalloc(1, sizeof *t.containers);
        t.containers[0] = (struct model_container){ xstrdup("app"), xstrdup("STOPPED"), NULL, 1,
                                                    exit_code };
        t.ncontainers = 1;
        t.stopped_reason = xstrdup("Essential container in task exited");
    }
    return t;
}

#define row testterm_row

static void check_panes(WINDOW *w, struct pane_view *v, struct model_fleet *f)
{
    struct pane *sp = pane_services_new(v);
    sp->cls->draw(sp, w, 10, 100);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "SERVICE\xe2\x96\xb2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "consumer-agent"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "3/4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "IN_PROGRESS \xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x91\xe2\x96\x91"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 2), "rover-agent"));
    CU_ASSERT_STRING_EQUAL(v->selected, "consumer-agent"); /* the first row is selected */
    CU_ASSERT_TRUE(v->select_changed);
    sp->cls->key(sp, 'j', ACT_DOWN);
    CU_ASSERT_STRING_EQUAL(v->selected, "rover-agent");
    sp->cls->key(sp, '>', ACT_NONE); /* sort by tasks: rover (1) before consumer (3) */
    sp->cls->draw(sp, w, 10, 100);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "TASKS\xe2\x96\xb2"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "rover-agent"));
    sp->cls->key(sp, 'i', ACT_NONE);
    sp->cls->draw(sp, w, 10, 100);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "consumer-agent"));
    char err[200];
    CU_ASSERT_EQUAL(pane_services_filter(sp, "^rov", err, sizeof err), 0);
    CU_ASSERT_EQUAL(pane_services_filter(sp, "(", err, sizeof err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "bad regex"));
    sp->cls->draw(sp, w, 10, 100);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "rover-agent"));
    CU_ASSERT_PTR_NULL(strstr(row(w, 2), "consumer-agent")); /* the old filter stays */
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 9), "(kept: ^rov)"));
    sp->cls->key(sp, '\n', ACT_SELECT);
    CU_ASSERT_EQUAL(v->focus_request, PANE_TASKS);
    char t[256];
    fake_now = f->fresh.fetched_ms + 42000;
    sp->cls->title(sp, t, sizeof t);
    CU_ASSERT_STRING_EQUAL(t, "Services demo · stale 42s");
    sp->cls->free(sp);

    view_select(v, "consumer-agent");
    struct pane *tp = pane_tasks_new(v);
    tp->cls->draw(tp, w, 10, 120);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "PRIMARY :4   IN_PROGRESS 3/4 running 0 pending"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 1), "aaaaaaaa :4   RUNNING      HEALTHY"));
    CU_ASSERT_PTR_NULL(strstr(row(w, 3), "STOPPED")); /* stopped tasks hidden */
    tp->cls->key(tp, 's', ACT_NONE);
    tp->cls->draw(tp, w, 10, 120);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 3), "cccccccc :4   STOPPED      exit 1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 3), "  Essential container in task exited"));
    tp->cls->key(tp, 27, ACT_BACK);
    CU_ASSERT_EQUAL(v->focus_request, PANE_SERVICES);
    tp->cls->free(tp);

    struct pane *ep = pane_events_new(v);
    ep->cls->draw(ep, w, 10, 100);
    CU_ASSERT_PTR_NOT_NULL(strstr(row(w, 0), "has reached a steady state."));
    CU_ASSERT_PTR_NULL(strstr(row(w, 0), "(service x)"));
    ep->cls->free(ep);
}

static void test_panes_draw_the_model(void)
{
    struct model_fleet f;
    model_fleet_init(&f, "ecs", "demo", 5000);
    struct model_service *s = xcalloc(2, sizeof *s);
    s[0] = svc("rover-agent", 2, 1, "COMPLETED", 2);
    s[1] = svc("consumer-agent", 4, 3, "IN_PROGRESS", 4);
    model_fleet_set_services(&f, s, 2, 1000);
    struct model_task *t = xcalloc(3, sizeof *t);
    t[0] = task("aaaaaaaa1111", "RUNNING", "HEALTHY", -1);
    t[1] = task("bbbbbbbb2222", "RUNNING", "UNHEALTHY", -1);
    t[2] = task("cccccccc3333", "STOPPED", "UNKNOWN", 1);
    model_service_set_tasks(&f, "consumer-agent", t, 3, 1000);
    struct pane_view v = { .fleet = &f, .focus_request = -1, .now = now_fn };
    fake_now = 2000;
    struct testterm tt;
    CU_ASSERT_EQUAL(testterm_open(&tt, NULL), 0);
    if (tt.scr) {
        WINDOW *w = newwin(10, 120, 0, 0);
        check_panes(w, &v, &f);
        delwin(w);
    }
    testterm_close(&tt);
    model_fleet_free(&f);
}

void test_panes_register(void)
{
    CU_pSuite s = CU_add_suite("panes", NULL, NULL);
    CU_add_test(s, "services, tasks and events draw the model", test_panes_draw_the_model);
}
