/* Tests for sim/sim_logs (the store) and sim/sim_logs_gen (the lines the
 * world's tasks log): ordering and visibility, ingestion delay, boot and
 * request lines per scenario, stream names, determinism, the cap, the cost. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clients/aws/logs.h"
#include "sim/sim_logs.h"
#include "support/simlogs_fixture.h"

static void test_sim_logs_store_order_and_visibility(void)
{
    struct sim_logstore *s = sim_logs_store_new();
    int g = sim_logs_group(s, "/t", 1);
    CU_ASSERT_EQUAL(sim_logs_group(s, "/t", 99), g);
    CU_ASSERT_EQUAL(sim_logs_find_group(s, "/u"), -1);
    int a = sim_logs_stream(s, g, "a", 1), b = sim_logs_stream(s, g, "b", 1);
    sim_logs_put(s, g, a, 100, 1100, 0, "a100", 4);
    sim_logs_put(s, g, b, 50, 1500, 0, "b50", 3);   /* older timestamp, ingested later */
    sim_logs_put(s, g, a, 100, 1200, 0, "a100'", 5); /* same ms, ingested after a100 */
    sim_logs_put(s, g, b, 300, 2000, 0, "b300", 4);
    sim_logs_put(s, g, b, 400, 2000, 9, "b400 second", 11); /* same ms and ingestion: by id */
    sim_logs_put(s, g, a, 400, 2000, 7, "a400 first", 10);
    sim_logs_flush(s, 1000);
    const struct sim_log_group *grp = s->groups[g];
    CU_ASSERT_EQUAL(grp->n - grp->head, 0); /* nothing ingested yet */
    sim_logs_flush(s, 1500);
    CU_ASSERT_EQUAL_FATAL(grp->n - grp->head, 3);
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->head].msg, "b50");
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->head + 1].msg, "a100");
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->head + 2].msg, "a100'");
    sim_logs_flush(s, 5000);
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->n - 3].msg, "b300");
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->n - 2].msg, "a400 first");
    CU_ASSERT_STRING_EQUAL(grp->ev[grp->n - 1].msg, "b400 second");
    CU_ASSERT_EQUAL(grp->ev[grp->n - 1].id, 9);
    CU_ASSERT_TRUE(grp->ev[grp->head].id > (UINT64_C(1) << 63)); /* from the counter */
    CU_ASSERT_EQUAL(grp->streams[b].first_ts, 50);
    CU_ASSERT_EQUAL(grp->streams[b].last_ts, 400);
    CU_ASSERT_EQUAL(grp->streams[b].last_ingest, 2000);
    CU_ASSERT_EQUAL(grp->streams[b].bytes, 18);
    CU_ASSERT_EQUAL(sim_logs_seek(grp, 100, 0), grp->head + 1);
    CU_ASSERT_EQUAL(sim_logs_seek(grp, 101, 0), grp->head + 3);
    char id[SIM_LOGS_EVENT_ID_LEN + 1], id2[SIM_LOGS_EVENT_ID_LEN + 1];
    sim_logs_event_id(1, 100, id);
    sim_logs_event_id(2, 100, id2);
    CU_ASSERT_EQUAL(strlen(id), 56);
    CU_ASSERT_EQUAL(strspn(id, "0123456789"), 56);
    CU_ASSERT_STRING_NOT_EQUAL(id, id2);
    for (int i = 0; i < 2000; i++) { /* the stream table grows and still finds them */
        char name[32];
        snprintf(name, sizeof name, "s/%d", i);
        CU_ASSERT_EQUAL(sim_logs_stream(s, g, name, 1), i + 2);
    }
    CU_ASSERT_EQUAL(sim_logs_find_stream(grp, "s/1234"), 1236);
    CU_ASSERT_EQUAL(sim_logs_find_stream(grp, "b"), b);
    sim_logs_store_free(s);
}

/* The id of the stream's task: its last '/' or "-firelens-" part. */
static const struct sim_task *task_of(const struct sim_world *w, const char *stream)
{
    const char *id = strrchr(stream, '/');
    const char *fl = strstr(stream, "-firelens-");
    id = fl ? fl + 10 : id ? id + 1 : stream;
    int ti = sim_world_find_task(w, id);
    return ti >= 0 ? &w->tasks[ti] : NULL;
}

static void test_sim_logs_ingestion_delay(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/rover-agent", &e), 0);
    CU_ASSERT_TRUE_FATAL(e.n > 1000); /* 30 minutes of two tasks */
    size_t recent = 0;
    for (size_t i = 0; i < e.n; i++) {
        CU_ASSERT_TRUE(e.ev[i].ingest <= SIMLOGS_NOW);
        CU_ASSERT_TRUE(e.ev[i].ingest - e.ev[i].ts > 1000 && e.ev[i].ingest - e.ev[i].ts <= 3000);
        CU_ASSERT_TRUE(e.ev[i].ts >= SIMLOGS_NOW - SIM_LOGS_BACKFILL_MS);
        recent += e.ev[i].ts >= SIMLOGS_NOW - 3000;
        if (i)
            CU_ASSERT_TRUE(e.ev[i - 1].ts <= e.ev[i].ts);
    }
    simlogs_events_free(&e);
    /* the last seconds' lines are still in flight; 3 s later they are all in */
    simlogs_clock_ms += 3000;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/rover-agent&start=1794999997000"
                                                  "&end=1794999999999", &e), 0);
    CU_ASSERT_TRUE(e.n > recent);
    CU_ASSERT_TRUE(e.n >= 2); /* one request per task every 2 s */
    for (size_t i = 0; i < e.n; i++)
        CU_ASSERT_TRUE(e.ev[i].ingest <= simlogs_clock_ms);
    simlogs_events_free(&e);
    /* a stream is ingested in order, as the awslogs driver ships it */
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/consumer-agent", &e), 0);
    for (size_t i = 0; i < e.n; i++)
        for (size_t k = i + 1; k < e.n && k < i + 40; k++)
            if (strcmp(e.ev[i].stream, e.ev[k].stream) == 0)
                CU_ASSERT_TRUE(e.ev[i].ingest <= e.ev[k].ingest);
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static void test_sim_logs_request_lines(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    struct simlogs_events e;
    /* ten minutes in the middle of the backfill: one request per task per 2 s */
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=%2Fecs%2Fconsumer-agent"
                                                  "&start=1794998800000&end=1794999399999", &e), 0);
    CU_ASSERT_EQUAL(e.n, 4 * 300);
    size_t plain = simlogs_count(&e, NULL, " status=");
    size_t json = simlogs_count(&e, NULL, "\"event\":\"request\"");
    CU_ASSERT_EQUAL(plain + json, e.n);
    CU_ASSERT_TRUE(plain > e.n / 4 && json > e.n / 4);
    CU_ASSERT_EQUAL(simlogs_count(&e, NULL, "upstream timeout"), 0);
    CU_ASSERT_TRUE(simlogs_count(&e, NULL, "status=5") + simlogs_count(&e, NULL, "\"status\":5")
                   < e.n / 50); /* a healthy revision: well under 1 % 5xx */
    CU_ASSERT_TRUE(simlogs_count(&e, NULL, "/api/messages/") == e.n);
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static int is_5xx(const char *msg)
{
    return strstr(msg, "status=5") || strstr(msg, "\"status\":5");
}

static void test_sim_logs_bad_deploy(void)
{
    struct sim_world *w = simlogs_world("bad-deploy", 3);
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/ecs/consumer-agent\","
                                             "\"filterPattern\":"
                                             "\"\\\"ERROR upstream timeout\\\"\"", 1000, &e), 0);
    CU_ASSERT_TRUE(e.n >= 10);
    for (size_t i = 0; i < e.n; i++) {
        const struct sim_task *t = task_of(w, e.ev[i].stream);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        CU_ASSERT_EQUAL(t->td_revision, 4);
        CU_ASSERT_PTR_NOT_NULL(strstr(e.ev[i].msg, "calling payments-api after "));
    }
    simlogs_events_free(&e);
    /* revision 3 logs requests but no timeouts; revision 4 about 14 % 5xx */
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/consumer-agent", &e), 0);
    size_t req[5] = { 0 }, bad[5] = { 0 }, timeouts[5] = { 0 };
    for (size_t i = 0; i < e.n; i++) {
        const struct sim_task *t = task_of(w, e.ev[i].stream);
        int rev = t && t->td_revision >= 3 && t->td_revision <= 4 ? t->td_revision : 0;
        int r = strstr(e.ev[i].msg, "status") != NULL;
        req[rev] += r;
        bad[rev] += r && is_5xx(e.ev[i].msg);
        timeouts[rev] += strstr(e.ev[i].msg, "upstream timeout") != NULL;
    }
    CU_ASSERT_TRUE(req[3] > 500 && req[4] > 100);
    CU_ASSERT_EQUAL(timeouts[3], 0);
    CU_ASSERT_EQUAL(timeouts[4], bad[4]);
    CU_ASSERT_TRUE(bad[4] * 100 > req[4] * 8 && bad[4] * 100 < req[4] * 22);
    CU_ASSERT_TRUE(bad[3] * 100 < req[3]);
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static void test_sim_logs_boot_events(void)
{
    struct sim_world *w = simlogs_world("bad-deploy", 3);
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/consumer-agent", &e), 0);
    int checked = 0;
    for (int ti = 0; ti < w->ntasks; ti++) {
        const struct sim_task *t = &w->tasks[ti];
        if (t->td_revision != 4 || t->running_ms + 20000 > SIMLOGS_NOW)
            continue;
        char stream[96], load[160], ready[96];
        snprintf(stream, sizeof stream, "ecs/consumer-agent/%s", t->id);
        snprintf(load, sizeof load, "{\"level\":\"info\",\"event\":\"load\",\"package\":"
                 "\"consumer-agent\",\"release\":\"1.7.0\"}");
        snprintf(ready, sizeof ready, "{\"level\":\"info\",\"event\":\"runtime_ready\","
                 "\"boot_ms\":%d}", t->boot_ms);
        CU_ASSERT_EQUAL(simlogs_count(&e, stream, load), 1);
        CU_ASSERT_EQUAL(simlogs_count(&e, stream, ready), 1);
        CU_ASSERT_EQUAL(simlogs_count(&e, stream, "Boot time exceeded"), 0);
        for (size_t i = 0; i < e.n; i++) { /* at RUNNING, and once booted */
            if (strcmp(e.ev[i].stream, stream) != 0)
                continue;
            if (strstr(e.ev[i].msg, "\"event\":\"load\""))
                CU_ASSERT_EQUAL(e.ev[i].ts, t->running_ms);
            if (strstr(e.ev[i].msg, "runtime_ready"))
                CU_ASSERT_EQUAL(e.ev[i].ts, t->running_ms + t->boot_ms);
        }
        checked++;
    }
    CU_ASSERT_TRUE(checked >= 1);
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static void test_sim_logs_slow_boot(void)
{
    struct sim_world *w = simlogs_world("slow-boot", 3);
    simlogs_clock_ms += 10 * 60000;
    struct simlogs_events warn, hard;
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/ecs/consumer-agent\","
                          "\"filterPattern\":\"{ $.event = \\\"Boot time exceeded budget\\\" }\"",
                          100, &warn), 0);
    CU_ASSERT_EQUAL_FATAL(simlogs_filter_all(w, "\"logGroupName\":\"/ecs/consumer-agent\","
                          "\"filterPattern\":\"{ $.level = error && $.boot_ms > 10000 }\"",
                          100, &hard), 0);
    CU_ASSERT_TRUE(warn.n >= 1);
    CU_ASSERT_TRUE(hard.n >= 1);
    for (size_t i = 0; i < warn.n; i++) {
        const struct sim_task *t = task_of(w, warn.ev[i].stream);
        CU_ASSERT_FATAL(t && t->boot_ms > SIM_BOOT_BUDGET_MS && !t->boot_fails);
        CU_ASSERT_PTR_NOT_NULL(strstr(warn.ev[i].msg, "\"budget_ms\":5000"));
    }
    for (size_t i = 0; i < hard.n; i++) {
        const struct sim_task *t = task_of(w, hard.ev[i].stream);
        CU_ASSERT_FATAL(t && t->boot_fails);
        CU_ASSERT_EQUAL(hard.ev[i].ts, t->stopped_ms - 1); /* just before it exits 1 */
        CU_ASSERT_PTR_NOT_NULL(strstr(hard.ev[i].msg, "\"hard_limit_ms\":10000"));
    }
    simlogs_events_free(&warn);
    simlogs_events_free(&hard);
    simlogs_world_free(w);
}

static void test_sim_logs_firelens_and_router(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int si = sim_world_find_service(w, "payments-api"), ti = -1;
    for (int i = 0; i < w->ntasks && ti < 0; i++)
        if (w->tasks[i].service == si && !w->tasks[i].stopping_ms)
            ti = i;
    CU_ASSERT_FATAL(ti >= 0);
    pthread_mutex_lock(&w->mu);
    sim_world_stop_task(w, ti, NULL, SIMLOGS_NOW);
    pthread_mutex_unlock(&w->mu);
    simlogs_clock_ms += 60000;
    const struct sim_task *t = &w->tasks[ti];
    char app[128], router[128];
    snprintf(app, sizeof app, "firelens/payments-api-firelens-%s", t->id);
    snprintf(router, sizeof router, "ecs/log_router/%s", t->id);
    struct simlogs_events e;
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/payments-api", &e), 0);
    CU_ASSERT_TRUE(simlogs_count(&e, app, "status") > 100);
    CU_ASSERT_EQUAL(simlogs_count(&e, app, "\"event\":\"shutdown\",\"signal\":\"SIGTERM\""), 1);
    CU_ASSERT_EQUAL(simlogs_count(&e, router, "] [engine] caught signal (SIGTERM)"), 1);
    struct logs_stream_id id;
    struct rw_err err;
    CU_ASSERT_EQUAL(logs_split_firelens(app, "firelens/", &id, &err), 0);
    CU_ASSERT_EQUAL(id.container_len, strlen("payments-api"));
    CU_ASSERT_EQUAL(logs_split_awslogs(router, "ecs", &id, &err), 0);
    CU_ASSERT_EQUAL(strncmp(id.container, "log_router", id.container_len), 0);
    simlogs_events_free(&e);
    /* a new task's router announces the stream it ships to */
    CU_ASSERT_EQUAL_FATAL(simlogs_truth_events(w, "group=/ecs/payments-api&stream_prefix=ecs/log_"
                                                  "router/", &e), 0);
    CU_ASSERT_EQUAL(simlogs_count(&e, NULL, "Created log stream firelens/payments-api-firelens-"),
                    1);
    CU_ASSERT_TRUE(simlogs_count(&e, NULL, "[ info] [fluent bit] version=") == 1);
    for (size_t i = 0; i < e.n; i++)
        CU_ASSERT_TRUE(e.ev[i].msg[0] == '[' && e.ev[i].msg[5] == '/' && e.ev[i].msg[20] == ']');
    simlogs_events_free(&e);
    simlogs_world_free(w);
}

static char *truth_text(struct sim_world *w, const char *group)
{
    char q[96];
    int st;
    snprintf(q, sizeof q, "group=%s", group);
    return simlogs_truth(w, q, &st);
}

static void test_sim_logs_deterministic(void)
{
    static const char *const groups[] = { "/ecs/consumer-agent", "/ecs/payments-api" };
    struct sim_world *a = simlogs_world("bad-deploy", 11);
    simlogs_clock_ms += 60000; /* a: one minute in one step */
    char *ta[2] = { truth_text(a, groups[0]), truth_text(a, groups[1]) };
    struct sim_world *b = simlogs_world("bad-deploy", 11);
    for (int i = 0; i < 60; i++) { /* b: the same minute in 60 steps */
        simlogs_clock_ms += 1000;
        free(truth_text(b, groups[i % 2]));
    }
    struct sim_world *c = simlogs_world("bad-deploy", 12);
    simlogs_clock_ms += 60000;
    for (int k = 0; k < 2; k++) {
        char *tb = truth_text(b, groups[k]), *tc = truth_text(c, groups[k]);
        CU_ASSERT_TRUE(strlen(ta[k]) > 100000);
        CU_ASSERT_STRING_EQUAL(ta[k], tb);
        CU_ASSERT_STRING_NOT_EQUAL(ta[k], tc);
        free(tb);
        free(tc);
        free(ta[k]);
    }
    simlogs_world_free(a);
    simlogs_world_free(b);
    simlogs_world_free(c);
}

static void test_sim_logs_group_cap(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    int st;
    char *r = simlogs_inject(w, "{\"group\":\"/cap\",\"stream\":\"s\",\"messages\":[\"a\"],"
                             "\"repeat\":250000,\"number\":true,\"delay_ms\":0,"
                             "\"timestamp\":1794990000000}", &st);
    CU_ASSERT_EQUAL(st, 200);
    free(r);
    r = simlogs_inject(w, "{\"group\":\"/cap\",\"stream\":\"t\",\"messages\":[\"b\"],"
                       "\"repeat\":100000,\"number\":true,\"delay_ms\":0}", &st);
    CU_ASSERT_EQUAL(st, 200);
    free(r);
    const struct sim_log_group *g = w->logs->groups[sim_logs_find_group(w->logs, "/cap")];
    CU_ASSERT_EQUAL(g->n - g->head, SIM_LOGS_GROUP_CAP);
    CU_ASSERT_STRING_EQUAL(g->ev[g->head].msg, "a #50001"); /* the oldest went first */
    CU_ASSERT_STRING_EQUAL(g->ev[g->n - 1].msg, "b #100000");
    CU_ASSERT_EQUAL(g->streams[0].nevents + g->streams[1].nevents, SIM_LOGS_GROUP_CAP);
    CU_ASSERT_TRUE(g->cap <= 4 * SIM_LOGS_GROUP_CAP);
    simlogs_world_free(w);
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_sim_logs_generation_cost(void)
{
    struct sim_world *w = simlogs_world("steady", 3);
    pthread_mutex_lock(&w->mu);
    sim_world_scale(w, sim_world_find_service(w, "consumer-agent"), 7, SIMLOGS_NOW);
    int live = 0;
    for (int i = 0; i < w->ntasks; i++)
        live += !w->tasks[i].stopping_ms;
    CU_ASSERT_EQUAL(live, 12);
    double t0 = mono_ms();
    sim_world_advance(w, SIMLOGS_NOW + 3600000); /* one hour of lines in one window */
    double took = mono_ms() - t0;
    pthread_mutex_unlock(&w->mu);
    size_t n = 0;
    for (int i = 0; i < w->logs->ngroups; i++)
        n += w->logs->groups[i]->n - w->logs->groups[i]->head;
    CU_ASSERT_TRUE(n > 12 * 1700 + 8000); /* the backfill and an hour of 12 tasks */
    CU_ASSERT_TRUE(took < 1000); /* ~30 ms in an optimised build; generous for sanitizers */
    simlogs_world_free(w);
}

void test_sim_logs_register(void)
{
    CU_pSuite s = CU_add_suite("sim_logs", NULL, NULL);
    CU_add_test(s, "store: (timestamp, ingestion) order, visibility, stream stats",
                test_sim_logs_store_order_and_visibility);
    CU_add_test(s, "ingestion 1-3 s after the timestamp hides fresh lines",
                test_sim_logs_ingestion_delay);
    CU_add_test(s, "one request line per task every 2 s", test_sim_logs_request_lines);
    CU_add_test(s, "bad-deploy: revision 4 logs upstream timeouts, 3 does not",
                test_sim_logs_bad_deploy);
    CU_add_test(s, "boot events of new tasks", test_sim_logs_boot_events);
    CU_add_test(s, "slow-boot: budget warnings and hard-limit errors", test_sim_logs_slow_boot);
    CU_add_test(s, "FireLens stream names, the log router, shutdown lines",
                test_sim_logs_firelens_and_router);
    CU_add_test(s, "same seed, same lines, however the time is cut", test_sim_logs_deterministic);
    CU_add_test(s, "a group keeps at most SIM_LOGS_GROUP_CAP events", test_sim_logs_group_cap);
    CU_add_test(s, "an hour of 12 tasks' lines is cheap", test_sim_logs_generation_cost);
}
