/* Tests for sim/sim_delay: the min-heap orders by due time, then by insertion;
 * the thread fires items when due and in order; stopping fires the rest. */
#include <CUnit/CUnit.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "sim/sim_delay.h"

static void test_sim_delay_heap_order(void)
{
    struct sim_delay_heap h = { 0 };
    int tags[600];
    srand(7);
    for (int i = 0; i < 600; i++) {
        tags[i] = i;
        sim_delay_heap_push(&h, rand() % 50, &tags[i]); /* many equal due times */
    }
    CU_ASSERT_EQUAL(h.n, 600);
    struct sim_delay_item prev = { -1, 0, NULL }, it;
    int n = 0, ordered = 1;
    while (sim_delay_heap_pop(&h, &it) == 0) {
        if (prev.p && (it.due_ms < prev.due_ms ||
                       (it.due_ms == prev.due_ms && *(int *)it.p < *(int *)prev.p)))
            ordered = 0;
        prev = it;
        n++;
    }
    CU_ASSERT_TRUE(ordered);
    CU_ASSERT_EQUAL(n, 600);
    CU_ASSERT_PTR_NULL(sim_delay_heap_peek(&h));
    CU_ASSERT_EQUAL(sim_delay_heap_pop(&h, &it), -1);
    sim_delay_heap_free(&h);
}

struct fired {
    pthread_mutex_t mu;
    int order[8];
    int64_t at[8];
    int n;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_fire(void *p, void *ud)
{
    struct fired *f = ud;
    pthread_mutex_lock(&f->mu);
    if (f->n < 8) {
        f->order[f->n] = *(int *)p;
        f->at[f->n++] = now_ms();
    }
    pthread_mutex_unlock(&f->mu);
}

static void test_sim_delay_thread_fires_in_order(void)
{
    struct fired f = { PTHREAD_MUTEX_INITIALIZER, { 0 }, { 0 }, 0 };
    struct sim_delay *d = sim_delay_start(on_fire, &f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    static int a = 1, b = 2, c = 3;
    int64_t t0 = now_ms();
    sim_delay_add(d, 120, &c);
    sim_delay_add(d, 40, &a);
    sim_delay_add(d, 80, &b);
    struct timespec wait = { 0, 250 * 1000000L };
    nanosleep(&wait, NULL);
    CU_ASSERT_EQUAL(sim_delay_pending(d), 0);
    CU_ASSERT_EQUAL(sim_delay_stop(d), 0);
    CU_ASSERT_EQUAL_FATAL(f.n, 3);
    CU_ASSERT_EQUAL(f.order[0], 1);
    CU_ASSERT_EQUAL(f.order[1], 2);
    CU_ASSERT_EQUAL(f.order[2], 3);
    CU_ASSERT_TRUE(f.at[0] - t0 >= 40);   /* never early */
    CU_ASSERT_TRUE(f.at[2] - t0 >= 120);
}

static void test_sim_delay_stop_fires_the_rest(void)
{
    struct fired f = { PTHREAD_MUTEX_INITIALIZER, { 0 }, { 0 }, 0 };
    struct sim_delay *d = sim_delay_start(on_fire, &f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    static int a = 1, b = 2;
    int64_t t0 = now_ms();
    sim_delay_add(d, 60000, &b);
    sim_delay_add(d, 30000, &a);
    CU_ASSERT_EQUAL(sim_delay_pending(d), 2);
    CU_ASSERT_EQUAL(sim_delay_stop(d), 2); /* at once, in due order, not after a minute */
    CU_ASSERT_TRUE(now_ms() - t0 < 1000);
    CU_ASSERT_EQUAL_FATAL(f.n, 2);
    CU_ASSERT_EQUAL(f.order[0], 1);
    CU_ASSERT_EQUAL(f.order[1], 2);
    CU_ASSERT_EQUAL(sim_delay_stop(NULL), 0);
}

void test_sim_delay_register(void)
{
    CU_pSuite s = CU_add_suite("sim_delay", NULL, NULL);
    CU_add_test(s, "heap: due order, ties by insertion", test_sim_delay_heap_order);
    CU_add_test(s, "thread fires when due, in order", test_sim_delay_thread_fires_in_order);
    CU_add_test(s, "stop fires what still waits", test_sim_delay_stop_fires_the_rest);
}
