/* Tests for core/follow against the fake cloud over real HTTP: a follow of a
 * log group sees exactly the sim's ground truth (/_sim/truth/logs) through a
 * burst of injected lines that share milliseconds and arrive with the
 * ingestion delay: nothing lost, nothing doubled, in timestamp order. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/follow.h"
#include "core/xmalloc.h"
#include "sim/sim_logs_control.h"
#include "support/simclient.h"

struct seen { size_t polls, lines; int errors; };

static void on_poll(void *ud, size_t n, const struct rw_err *err, int done)
{
    struct seen *s = ud;
    (void)done;
    s->polls++;
    s->lines += n;
    s->errors += err != NULL;
}

/* The truth's messages for group, in order, as one cJSON array (caller frees). */
static cJSON *truth(struct sim_world *w, const char *query)
{
    struct sim_reply r;
    sim_logs_control_truth(w, query, &r);
    cJSON *j = cJSON_Parse(r.body);
    free(r.body);
    cJSON *ev = cJSON_DetachItemFromObject(j, "events");
    cJSON_Delete(j);
    return ev;
}

static void test_follow_matches_truth_through_a_burst(void)
{
    struct simclient sc;
    CU_ASSERT_EQUAL_FATAL(simclient_start(&sc, "steady", 1), 0);
    struct sim_world *w = sc.w;
    struct rw_loop *loop = sc.loop;
    struct aws_client *c = sc.c;
    int64_t start = rw_wall_ms() - 120000;
    struct follow_opts o = { .loop = loop, .client = c, .group = "/ecs/rover-agent",
                             .start_ms = start };
    struct seen s = { 0, 0, 0 };
    struct follow *f = follow_start(&o, on_poll, &s);
    while (s.polls < 1)
        rw_loop_run_once(loop, 100);
    /* a burst: 3 000 lines in one millisecond, onto a new stream */
    char body[300];
    int64_t burst_ms = rw_wall_ms();
    snprintf(body, sizeof body, "{\"group\":\"/ecs/rover-agent\",\"stream\":\"ecs/rover-agent/"
             "burst\",\"messages\":[\"burst line\"],\"repeat\":3000,\"number\":true,"
             "\"same_millisecond\":true,\"timestamp\":%lld}", (long long)burst_ms);
    struct sim_reply r;
    sim_logs_control_inject(w, body, strlen(body), &r);
    CU_ASSERT_EQUAL(r.status, 200);
    free(r.body);
    int64_t until = rw_mono_ms() + 8000; /* ingestion delay is 1-3 s, polls every 1 s */
    while (rw_mono_ms() < until)
        rw_loop_run_once(loop, 100);
    /* compare up to the burst: everything that old is ingested (1-3 s) and has
     * been polled since (the sim's tasks keep logging, so newer lines may not be) */
    int64_t end = burst_ms;
    char q[200];
    snprintf(q, sizeof q, "group=%%2Fecs%%2Frover-agent&start=%lld&end=%lld", (long long)start,
             (long long)end);
    cJSON *t = truth(w, q);
    struct tail *tl = follow_tail(f);
    size_t upto = 0;
    while (upto < tl->ring.n && log_ring_at(&tl->ring, upto)->ts_ms <= end)
        upto++;
    CU_ASSERT_EQUAL(s.errors, 0);
    CU_ASSERT_TRUE(cJSON_GetArraySize(t) >= 3000);
    CU_ASSERT_EQUAL((size_t)cJSON_GetArraySize(t), upto);
    size_t i = 0, same = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, t) {
        if (i < upto) {
            const struct log_line *l = log_ring_at(&tl->ring, i);
            const char *m = cJSON_GetObjectItem(e, "message")->valuestring;
            same += strcmp(l->text, m) == 0 &&
                    l->ts_ms == (int64_t)cJSON_GetObjectItem(e, "timestamp")->valuedouble;
        }
        i++;
    }
    CU_ASSERT_EQUAL(same, upto); /* the same lines in the same order */
    CU_ASSERT_TRUE(follow_interval(f) >= FOLLOW_FAST_MS);
    cJSON_Delete(t);
    follow_free(f);
    simclient_stop(&sc);
}

struct got { cJSON *lines; int done, errors; };

static void on_line(void *ud, const struct log_line *l, const char *stream)
{
    struct got *g = ud;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddNumberToObject(e, "timestamp", (double)l->ts_ms);
    cJSON_AddStringToObject(e, "stream", stream);
    cJSON_AddStringToObject(e, "message", l->text);
    CU_ASSERT_EQUAL(strlen(l->text), l->len);
    cJSON_AddItemToArray(g->lines, e);
}

static void on_once(void *ud, size_t n, const struct rw_err *err, int done)
{
    struct got *g = ud;
    (void)n;
    g->errors += err != NULL;
    g->done |= done;
}

/* A one-shot read with pass_through: every line of the window, over several
 * pages, goes to the line callback in the truth's order, and none into the tail. */
static void test_follow_pass_through_reads_the_window_once(void)
{
    struct simclient sc;
    CU_ASSERT_EQUAL_FATAL(simclient_start(&sc, "steady", 1), 0);
    int64_t now = rw_wall_ms(), start = now - 60000;
    char body[300];
    snprintf(body, sizeof body, "{\"group\":\"/ecs/pass\",\"stream\":\"ecs/app/t1\","
             "\"messages\":[\"one\",\"two \\\"q\\\"\"],\"repeat\":12000,\"number\":true,"
             "\"timestamp\":%lld}", (long long)(now - 30000));
    struct sim_reply r;
    sim_logs_control_inject(sc.w, body, strlen(body), &r);
    CU_ASSERT_EQUAL_FATAL(r.status, 200);
    free(r.body);
    int64_t until = rw_mono_ms() + 3500; /* past the ingestion delay */
    while (rw_mono_ms() < until)
        rw_loop_run_once(sc.loop, 100);
    struct follow_opts o = { .loop = sc.loop, .client = sc.c, .group = "/ecs/pass",
                             .start_ms = start, .end_ms = now, .pass_through = 1 };
    struct got g = { cJSON_CreateArray(), 0, 0 };
    struct follow *f = follow_start(&o, on_once, &g);
    follow_on_line(f, on_line, &g);
    until = rw_mono_ms() + 30000;
    while (!g.done && !g.errors && rw_mono_ms() < until)
        rw_loop_run_once(sc.loop, 100);
    CU_ASSERT_TRUE(g.done);
    CU_ASSERT_EQUAL(g.errors, 0);
    CU_ASSERT_TRUE(follow_calls(f) > 1); /* more than one page */
    CU_ASSERT_EQUAL(follow_tail(f)->ring.n, 0);
    char q[200];
    snprintf(q, sizeof q, "group=%%2Fecs%%2Fpass&start=%lld&end=%lld", (long long)start,
             (long long)now);
    cJSON *t = truth(sc.w, q);
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(t), 24000);
    CU_ASSERT_EQUAL_FATAL(cJSON_GetArraySize(g.lines), 24000);
    size_t same = 0;
    for (const cJSON *a = t->child, *b = g.lines->child; a && b; a = a->next, b = b->next) {
        same += strcmp(cJSON_GetObjectItem(a, "message")->valuestring,
                       cJSON_GetObjectItem(b, "message")->valuestring) == 0 &&
                cJSON_GetObjectItem(a, "timestamp")->valuedouble ==
                    cJSON_GetObjectItem(b, "timestamp")->valuedouble;
    }
    CU_ASSERT_EQUAL(same, 24000);
    cJSON_Delete(t);
    cJSON_Delete(g.lines);
    follow_free(f);
    simclient_stop(&sc);
}

void test_follow_register(void)
{
    CU_pSuite s = CU_add_suite("follow", NULL, NULL);
    CU_add_test(s, "a follow equals the sim's ground truth through a burst",
                test_follow_matches_truth_through_a_burst);
    CU_add_test(s, "a one-shot pass-through read: the window once, in order, no tail",
                test_follow_pass_through_reads_the_window_once);
}
