/* bench_tail_lag: how long a log line takes from the moment CloudWatch makes
 * it visible to the moment the console has it. The fake cloud runs in this
 * process (tests/support/simclient, scenario steady, wall clock, SigV4 over
 * loopback); core/follow follows group /ecs/bench-lag on the event loop, as
 * the console's Logs pane does (the pane draws on the loop turn a line is
 * stored, so delivery through follow_on_line is "on screen"). A loop timer
 * injects one line every 50 ms (20/s) for 30 s through the sim's control
 * handler, without a timestamp: the line is stamped now and ingested 1-3 s
 * later, as the sim's awslogs model does. The sim makes an event visible at
 * its ingestionTime, which its ground truth (/truth/logs) reports; lag =
 * wall clock at delivery - ingestionTime. Prints median, p95 and max over
 * every line (goal: median <= 1.5 s), lines lost, and polls made. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/follow.h"
#include "sim/sim_logs_control.h"
#include "tests/support/simclient.h"

#define GROUP "/ecs/bench-lag"
#define EVERY_MS 50
#define RUN_MS 30000
#define DRAIN_MS 6000
#define MAX_LINES (RUN_MS / EVERY_MS + 16)
#define GOAL_MS 1500

struct bench {
    struct simclient sc;
    struct follow *f;
    int64_t start_ms;
    unsigned sent, got, errors;
    int64_t delivered[MAX_LINES]; /* wall ms, 0 until delivered */
};

static void inject(struct rw_loop *loop, void *ud)
{
    struct bench *b = ud;
    if (rw_wall_ms() - b->start_ms >= RUN_MS || b->sent >= MAX_LINES)
        return;
    char body[256];
    int n = snprintf(body, sizeof body,
                     "{\"group\":\"" GROUP "\",\"stream\":\"ecs/app/%s\",\"messages\":"
                     "[\"GET /v1/jobs 200 12ms probe %u\"]}",
                     b->sent % 2 ? "5a17c0cf81af14c1000a81a70badf01e"
                                 : "0b2e4f6a8c1d3e5f7a9b0c2d4e6f8a1b", b->sent);
    struct sim_reply r = { 0 };
    sim_logs_control_inject(b->sc.w, body, (size_t)n, &r);
    if (r.status == 200)
        b->sent++;
    else
        b->errors++;
    free(r.body);
    (void)loop;
}

static void on_line(void *ud, const struct log_line *l, const char *stream)
{
    struct bench *b = ud;
    const char *p = strstr(l->text, " probe ");
    unsigned k;
    (void)stream;
    if (p && sscanf(p, " probe %u", &k) == 1 && k < MAX_LINES && !b->delivered[k]) {
        b->delivered[k] = rw_wall_ms();
        b->got++;
    }
}

static void on_poll(void *ud, size_t n, const struct rw_err *err, int done)
{
    struct bench *b = ud;
    (void)n, (void)done;
    if (err)
        b->errors++;
}

static void stop(struct rw_loop *loop, void *ud)
{
    (void)ud;
    rw_loop_stop(loop);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Each line's ingestionTime and timestamp from the sim's ground truth, by probe number. */
static int truth(struct bench *b, int64_t *ingest, int64_t *stamp)
{
    struct sim_reply r = { 0 };
    sim_logs_control_truth(b->sc.w, "group=%2Fecs%2Fbench-lag", &r);
    cJSON *root = r.status == 200 ? cJSON_Parse(r.body) : NULL, *e;
    free(r.body);
    if (!root)
        return -1;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "events")) {
        const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(e, "message"));
        const char *p = m ? strstr(m, " probe ") : NULL;
        unsigned k;
        if (p && sscanf(p, " probe %u", &k) == 1 && k < MAX_LINES) {
            ingest[k] = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(e, "ingestionTime"));
            stamp[k] = (int64_t)cJSON_GetNumberValue(cJSON_GetObjectItem(e, "timestamp"));
        }
    }
    cJSON_Delete(root);
    return 0;
}

/* Sort v[0..n) and print its median, p95 and max (ms as s). */
static int64_t spread(const char *what, int64_t *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_i64);
    printf("tail lag, %s: median %.2f s, p95 %.2f s, max %.2f s", what, v[n / 2] / 1e3,
           v[(n * 95) / 100] / 1e3, v[n - 1] / 1e3);
    return v[n / 2];
}

static int report(struct bench *b)
{
    static int64_t ingest[MAX_LINES], stamp[MAX_LINES], lag[MAX_LINES], age[MAX_LINES];
    if (truth(b, ingest, stamp) < 0) {
        fprintf(stderr, "bench_tail_lag: no ground truth from the sim\n");
        return 1;
    }
    size_t n = 0;
    for (unsigned k = 0; k < b->sent; k++)
        if (b->delivered[k] && ingest[k]) {
            lag[n] = b->delivered[k] - ingest[k];
            age[n++] = b->delivered[k] - stamp[k];
        }
    if (!n) {
        fprintf(stderr, "bench_tail_lag: no line delivered (%u sent)\n", b->sent);
        return 1;
    }
    int64_t med = spread("visible -> delivered", lag, n);
    printf("  (%zu lines at %d/s over %d s; %u of %u delivered, %u errors; %llu polls; "
           "goal median <= %.1f s: %s)\n", n, 1000 / EVERY_MS, RUN_MS / 1000, b->got, b->sent,
           b->errors, (unsigned long long)follow_calls(b->f), GOAL_MS / 1e3,
           med <= GOAL_MS && b->got == b->sent ? "met" : "MISSED");
    spread("logged -> delivered (with the 1-3 s ingestion delay)", age, n);
    printf("\n");
    return 0;
}

int main(void)
{
    static struct bench b;
    if (simclient_start(&b.sc, "steady", 1) < 0) {
        fprintf(stderr, "bench_tail_lag: the sim did not start\n");
        return 1;
    }
    b.start_ms = rw_wall_ms();
    inject(b.sc.loop, &b); /* the group exists before the first poll */
    struct follow_opts fo = { .loop = b.sc.loop, .client = b.sc.c, .group = GROUP,
                              .start_ms = b.start_ms - 60000 };
    b.f = follow_start(&fo, on_poll, &b);
    follow_on_line(b.f, on_line, &b);
    rw_loop_timer_add(b.sc.loop, EVERY_MS, EVERY_MS, inject, &b);
    rw_loop_timer_add(b.sc.loop, RUN_MS + DRAIN_MS, 0, stop, &b);
    rw_loop_run(b.sc.loop);
    int rc = report(&b);
    follow_free(b.f);
    simclient_stop(&b.sc);
    return rc;
}
