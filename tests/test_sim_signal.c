/* Tests for sim/sim_signal and sim/sim_health: the traffic numbers each
 * scenario promises (steady, bad-deploy before and after a rollback,
 * flapping-health), determinism, and the health endpoint's replies. */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_health.h"
#include "sim/sim_signal.h"
#include "sim/sim_world.h"

#define START 1795000000000LL
#define MIN 60000LL

static int64_t fake_now;
static int64_t fake_clock(void) { return fake_now; }

static void open_world(struct sim_world *w, const char *scenario)
{
    fake_now = START;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(w, scenario, START, 42, 1), 0);
    w->clock = fake_clock;
}

/* Move the fake clock (and the world) on to t. */
static void advance(struct sim_world *w, int64_t t)
{
    fake_now = t;
    sim_world_advance(w, t);
}

static double err_pct(const struct sim_signal_bucket *b)
{
    return b->requests ? 100.0 * b->errors_5xx / b->requests : 0;
}

static void test_sim_signal_steady(void)
{
    struct sim_world w;
    open_world(&w, "steady");
    struct sim_signal_bucket b;
    const char *names[] = { "consumer-agent", "payments-api" };
    const double rates[] = { 1400, 600 };
    for (int n = 0; n < 2; n++) {
        int si = sim_world_find_service(&w, names[n]);
        double req = 0, err = 0;
        for (int m = 30; m >= 1; m--) {
            sim_signal_bucket(&w, si, START - m * MIN, MIN, &b);
            CU_ASSERT_TRUE(b.has_traffic && b.has_targets);
            CU_ASSERT_TRUE(b.requests > rates[n] * 0.9 && b.requests < rates[n] * 1.1);
            CU_ASSERT_TRUE(sim_signal_percentile(&b, 95) > 0.095);
            CU_ASSERT_TRUE(sim_signal_percentile(&b, 95) < 0.145);
            CU_ASSERT_TRUE(sim_signal_average(&b) < sim_signal_percentile(&b, 95));
            CU_ASSERT_TRUE(sim_signal_percentile(&b, 99) >= sim_signal_percentile(&b, 95));
            CU_ASSERT_EQUAL(b.bad_share, 0);
            CU_ASSERT_EQUAL(b.ok_2xx + b.errors_5xx, b.requests);
            CU_ASSERT_EQUAL(b.healthy_min, w.services[si].desired);
            CU_ASSERT_EQUAL(b.unhealthy_max, 0);
            if (n == 0)
                CU_ASSERT_TRUE(err_pct(&b) < 0.3);
            CU_ASSERT_TRUE(err_pct(&b) < 0.5);
            req += b.requests, err += b.errors_5xx;
        }
        CU_ASSERT_TRUE(100 * err / req < 0.3);
        CU_ASSERT_TRUE(100 * err / req > 0.05);
    }
    sim_world_destroy(&w);
}

static void test_sim_signal_bad_deploy_at_start(void)
{
    struct sim_world w;
    open_world(&w, "bad-deploy");
    int si = sim_world_find_service(&w, "consumer-agent");
    struct sim_signal_bucket b;
    sim_signal_bucket(&w, si, START - MIN, MIN, &b);
    CU_ASSERT_TRUE(err_pct(&b) > 5.5 && err_pct(&b) < 8.5);
    CU_ASSERT_TRUE(sim_signal_percentile(&b, 95) > 1.05 && sim_signal_percentile(&b, 95) < 1.4);
    CU_ASSERT_TRUE(b.bad_share > 0.35 && b.bad_share < 0.65);
    CU_ASSERT_DOUBLE_EQUAL(sim_signal_bad_share(&w, si, START - 1), 0.5, 1e-9);
    /* the history: clean until the first bad task turned healthy ~5 min before */
    CU_ASSERT_EQUAL(sim_signal_bad_share(&w, si, START - 6 * MIN), 0);
    CU_ASSERT_TRUE(sim_signal_bad_share(&w, si, START - 4 * MIN) > 0);
    sim_signal_bucket(&w, si, START - 10 * MIN, MIN, &b);
    CU_ASSERT_TRUE(err_pct(&b) < 0.5 && sim_signal_percentile(&b, 95) < 0.2);
    /* payments-api is not part of the drill */
    sim_signal_bucket(&w, sim_world_find_service(&w, "payments-api"), START - MIN, MIN, &b);
    CU_ASSERT_TRUE(err_pct(&b) < 0.5 && sim_signal_percentile(&b, 95) < 0.2);
    sim_world_destroy(&w);
}

/* Whether every serving task of si runs revision rev and desired of them do. */
static int all_on(const struct sim_world *w, int si, int rev, int64_t t)
{
    int on = 0;
    for (int i = 0; i < w->ntasks; i++)
        if (w->tasks[i].service == si && sim_task_serving(&w->tasks[i], t)) {
            if (w->tasks[i].td_revision != rev)
                return 0;
            on++;
        }
    return on == w->services[si].desired;
}

static void test_sim_signal_bad_deploy_rolled_back(void)
{
    struct sim_world w;
    open_world(&w, "bad-deploy");
    int si = sim_world_find_service(&w, "consumer-agent");
    advance(&w, START + 20000);
    sim_world_deploy(&w, si, 3, fake_now);
    int64_t t = fake_now;
    while (!all_on(&w, si, 3, t) && t < START + 30 * MIN)
        advance(&w, t += 5000);
    CU_ASSERT_FATAL(all_on(&w, si, 3, t));
    CU_ASSERT_TRUE(t - START < 10 * MIN);
    CU_ASSERT_EQUAL(sim_signal_bad_share(&w, si, t), 0);
    /* the next whole minute is clean */
    int64_t from = (t / MIN + 1) * MIN;
    advance(&w, from + MIN);
    struct sim_signal_bucket b;
    sim_signal_bucket(&w, si, from, MIN, &b);
    CU_ASSERT_TRUE(b.has_traffic);
    CU_ASSERT_TRUE(err_pct(&b) < 0.5);
    CU_ASSERT_TRUE(sim_signal_percentile(&b, 95) < 0.2);
    CU_ASSERT_EQUAL(b.bad_share, 0);
    sim_world_destroy(&w);
}

static void test_sim_signal_flapping(void)
{
    struct sim_world w;
    open_world(&w, "flapping-health");
    int si = sim_world_find_service(&w, "payments-api");
    int fail_windows = 0, pass_windows = 0;
    for (int64_t t = START; t < START + 150000; t += 2500) {
        advance(&w, t);
        int ok = 0;
        for (int k = 0; k < 5; k++)
            ok += sim_signal_probe(&w, si, t).status == 200;
        if (sim_world_flapping(&w, si, t)) {
            CU_ASSERT_EQUAL(ok, 0);
            fail_windows++;
        } else {
            CU_ASSERT_TRUE(ok >= 4);
            pass_windows++;
        }
    }
    /* 30 s failing, 45 s passing */
    CU_ASSERT_EQUAL(fail_windows, 24);
    CU_ASSERT_EQUAL(pass_windows, 36);
    CU_ASSERT_TRUE(sim_world_flapping(&w, si, START + 1000));
    CU_ASSERT_FALSE(sim_world_flapping(&w, si, START + 31000));
    CU_ASSERT_TRUE(sim_world_flapping(&w, si, START + 76000));
    struct sim_signal_bucket b;
    for (int m = 20; m >= 1; m--) {
        sim_signal_bucket(&w, si, START - m * MIN, MIN, &b);
        CU_ASSERT_TRUE(err_pct(&b) < 1.0);
        CU_ASSERT_EQUAL(b.healthy_min, 0); /* every minute holds part of a fail window */
        CU_ASSERT_TRUE(b.unhealthy_max >= 3);
    }
    /* consumer-agent's health does not flap */
    CU_ASSERT_FALSE(sim_world_flapping(&w, sim_world_find_service(&w, "consumer-agent"), START));
    sim_world_destroy(&w);
}

static void test_sim_signal_deterministic(void)
{
    struct sim_world a, b;
    open_world(&a, "bad-deploy");
    open_world(&b, "bad-deploy");
    struct sim_signal_bucket *x = malloc(sizeof *x), *y = malloc(sizeof *y);
    for (int m = 1; m < 8; m++) {
        sim_signal_bucket(&a, 0, START - m * MIN, MIN, x);
        sim_signal_bucket(&b, 0, START - m * MIN, MIN, y);
        CU_ASSERT_EQUAL(memcmp(x, y, sizeof *x), 0);
        sim_signal_bucket(&a, 0, START - m * MIN, MIN, y);
        CU_ASSERT_EQUAL(memcmp(x, y, sizeof *x), 0);
    }
    /* another seed draws other requests */
    struct sim_world c;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(&c, "bad-deploy", START, 43, 1), 0);
    sim_signal_bucket(&c, 0, START - 2 * MIN, MIN, y);
    sim_signal_bucket(&a, 0, START - 2 * MIN, MIN, x);
    CU_ASSERT_NOT_EQUAL(memcmp(x->lat_s, y->lat_s, sizeof x->lat_s), 0);
    free(x);
    free(y);
    sim_world_destroy(&a);
    sim_world_destroy(&b);
    sim_world_destroy(&c);
}

static void test_sim_signal_no_serving_task(void)
{
    struct sim_world w;
    open_world(&w, "steady");
    int si = sim_world_find_service(&w, "payments-api");
    CU_ASSERT_EQUAL(sim_world_scale(&w, si, 0, START), 0);
    advance(&w, START + 2 * MIN);
    struct sim_probe p = sim_signal_probe(&w, si, fake_now);
    CU_ASSERT_EQUAL(p.status, 503);
    CU_ASSERT_EQUAL(p.task, -1);
    struct sim_signal_bucket b;
    sim_signal_bucket(&w, si, START + MIN, MIN, &b);
    CU_ASSERT_FALSE(b.has_traffic);
    CU_ASSERT_EQUAL(b.requests, 0);
    CU_ASSERT_EQUAL(sim_signal_percentile(&b, 95), 0);
    /* the minute the tasks stopped still had traffic, less of it */
    sim_signal_bucket(&w, si, START - 30000, MIN, &b);
    CU_ASSERT_TRUE(b.has_traffic && b.requests < 400);
    sim_world_destroy(&w);
}

/* The health reply for service, parsed; status and delay in *status, *delay. */
static cJSON *health(struct sim_world *w, const char *service, int *status, int *delay)
{
    struct sim_reply r;
    sim_health_handle(w, service, &r);
    *status = r.status;
    *delay = r.delay_ms;
    CU_ASSERT_STRING_EQUAL(r.content_type, "application/json");
    cJSON *o = cJSON_Parse(r.body);
    free(r.body);
    CU_ASSERT_PTR_NOT_NULL(o);
    return o;
}

static void test_sim_health_replies(void)
{
    struct sim_world w;
    open_world(&w, "flapping-health");
    int st, delay, ok = 0;
    for (int i = 0; i < 20; i++) {
        cJSON *o = health(&w, "consumer-agent", &st, &delay);
        const char *task = cJSON_GetStringValue(cJSON_GetObjectItem(o, "task"));
        int ti = sim_world_find_task(&w, task);
        CU_ASSERT_TRUE_FATAL(ti >= 0);
        CU_ASSERT_TRUE(sim_task_serving(&w.tasks[ti], fake_now));
        CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItem(o, "release")), "1.6.0");
        CU_ASSERT_TRUE(delay >= 20 && delay <= 400);
        if (st == 200) {
            ok++;
            CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItem(o, "status")), "ok");
        }
        cJSON_Delete(o);
    }
    CU_ASSERT_TRUE(ok >= 19);
    /* payments-api flaps: failing at the start of each 75 s cycle */
    cJSON *o = health(&w, "payments-api", &st, &delay);
    CU_ASSERT_EQUAL(st, 503);
    CU_ASSERT_STRING_EQUAL(cJSON_GetStringValue(cJSON_GetObjectItem(o, "status")), "unavailable");
    cJSON_Delete(o);
    fake_now = START + 40000;
    o = health(&w, "payments-api", &st, &delay);
    CU_ASSERT_EQUAL(st, 200);
    cJSON_Delete(o);
    o = health(&w, "no-such-service", &st, &delay);
    CU_ASSERT_EQUAL(st, 404);
    cJSON_Delete(o);
    o = health(&w, "", &st, &delay);
    CU_ASSERT_EQUAL(st, 404);
    cJSON_Delete(o);
    sim_world_destroy(&w);
}

static void test_sim_health_bad_tasks_fail_some(void)
{
    struct sim_world w;
    open_world(&w, "bad-deploy");
    int st, delay, fails = 0, slow = 0;
    for (int i = 0; i < 400; i++) {
        cJSON *o = health(&w, "consumer-agent", &st, &delay);
        const char *rel = cJSON_GetStringValue(cJSON_GetObjectItem(o, "release"));
        fails += st == 503;
        if (rel && strcmp(rel, "1.7.0") == 0) /* revision 4, the bad one */
            slow += delay > 700;
        cJSON_Delete(o);
    }
    CU_ASSERT_TRUE(fails > 10 && fails < 60); /* ~7 % of 400 */
    CU_ASSERT_TRUE(slow > 150);
    sim_world_destroy(&w);
}

void test_sim_signal_register(void)
{
    CU_pSuite s = CU_add_suite("sim_signal", NULL, NULL);
    CU_add_test(s, "steady: P95 ~120 ms, 5xx below 0.3 %", test_sim_signal_steady);
    CU_add_test(s, "bad-deploy at start: 5xx ~7 %, P95 ~1.2 s, rising from ~5 min before",
                test_sim_signal_bad_deploy_at_start);
    CU_add_test(s, "bad-deploy rolled back to :3: the next minute is clean",
                test_sim_signal_bad_deploy_rolled_back);
    CU_add_test(s, "flapping-health: /health fails 30 s, passes 45 s, 5xx under 1 %",
                test_sim_signal_flapping);
    CU_add_test(s, "the same bucket always gives the same numbers", test_sim_signal_deterministic);
    CU_add_test(s, "no serving task: 503 and no traffic", test_sim_signal_no_serving_task);
    CU_add_test(s, "health endpoint: 200/503 JSON, delay, 404", test_sim_health_replies);
    CU_add_test(s, "health endpoint of a bad revision fails ~14 %, slowly",
                test_sim_health_bad_tasks_fail_some);
}
