/* Tests for core/loop: timers, fds, signals and transfers in one poll. */
#include <CUnit/CUnit.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/loop.h"

struct rec {
    char order[32];
    int n;
    uint64_t cancel_id;
    int repeats;
};

static void mark(struct rw_loop *loop, void *ud, char c)
{
    (void)loop;
    struct rec *r = ud;
    if (r->n < 31)
        r->order[r->n++] = c;
}

static void t_a(struct rw_loop *l, void *ud) { mark(l, ud, 'a'); }
static void t_b(struct rw_loop *l, void *ud) { mark(l, ud, 'b'); }
static void t_c(struct rw_loop *l, void *ud) { mark(l, ud, 'c'); }

static void t_repeat(struct rw_loop *l, void *ud)
{
    struct rec *r = ud;
    if (++r->repeats == 3)
        rw_loop_stop(l);
}

static void t_cancel_other(struct rw_loop *l, void *ud)
{
    struct rec *r = ud;
    mark(l, ud, 'x');
    rw_loop_timer_cancel(l, r->cancel_id);
}

static void test_loop_timers_fire_in_deadline_order(void)
{
    struct rw_loop *loop = rw_loop_new();
    struct rec r = { 0 };
    rw_loop_timer_add(loop, 30, 0, t_c, &r);
    rw_loop_timer_add(loop, 10, 0, t_a, &r);
    rw_loop_timer_add(loop, 20, 0, t_b, &r);
    int64_t start = rw_mono_ms();
    while (r.n < 3 && rw_mono_ms() - start < 2000)
        rw_loop_run_once(loop, -1);
    CU_ASSERT_STRING_EQUAL(r.order, "abc");
    CU_ASSERT_EQUAL(rw_loop_next_timer_ms(loop), -1); /* one-shots are gone */
    rw_loop_free(loop);
}

static void test_loop_repeating_timer_and_stop(void)
{
    struct rw_loop *loop = rw_loop_new();
    struct rec r = { 0 };
    rw_loop_timer_add(loop, 5, 5, t_repeat, &r);
    CU_ASSERT_EQUAL(rw_loop_run(loop), 0);
    CU_ASSERT_EQUAL(r.repeats, 3);
    struct rw_loop_stats st = rw_loop_stats(loop);
    CU_ASSERT_EQUAL(st.timer_fires, 3);
    CU_ASSERT(st.wakeups >= 3 && st.wakeups <= 6); /* no busy loop between fires */
    rw_loop_free(loop);
}

static void test_loop_cancel_inside_callback(void)
{
    struct rw_loop *loop = rw_loop_new();
    struct rec r = { 0 };
    rw_loop_timer_add(loop, 0, 0, t_cancel_other, &r);
    r.cancel_id = rw_loop_timer_add(loop, 5, 0, t_a, &r);
    for (int i = 0; i < 5; i++)
        rw_loop_run_once(loop, 10);
    CU_ASSERT_STRING_EQUAL(r.order, "x");
    rw_loop_free(loop);
}

static void on_fd(struct rw_loop *loop, int fd, short revents, void *ud)
{
    (void)loop;
    char buf[16];
    if (revents & POLLIN) {
        ssize_t n = read(fd, buf, sizeof buf);
        *(int *)ud += (int)n;
    }
}

static void test_loop_watched_fd_wakes_the_poll(void)
{
    struct rw_loop *loop = rw_loop_new();
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    int got = 0;
    rw_loop_watch_fd(loop, p[0], POLLIN, on_fd, &got);
    CU_ASSERT_EQUAL(write(p[1], "abc", 3), 3);
    int64_t start = rw_mono_ms();
    rw_loop_run_once(loop, 5000);
    CU_ASSERT_EQUAL(got, 3);
    CU_ASSERT(rw_mono_ms() - start < 1000); /* woke for the fd, not the timeout */
    rw_loop_unwatch_fd(loop, p[0]);
    close(p[0]);
    close(p[1]);
    rw_loop_free(loop);
}

static void on_sig(struct rw_loop *loop, int signo, void *ud)
{
    (void)loop;
    *(int *)ud = signo;
}

static void test_loop_signal_arrives_through_self_pipe(void)
{
    struct rw_loop *loop = rw_loop_new();
    int got = 0;
    rw_loop_on_signal(loop, SIGUSR1, on_sig, &got);
    raise(SIGUSR1);
    rw_loop_run_once(loop, 2000);
    CU_ASSERT_EQUAL(got, SIGUSR1);
    rw_loop_signal_default(loop, SIGUSR1);
    rw_loop_free(loop);
}

static size_t sink(char *p, size_t s, size_t n, void *ud)
{
    (void)p;
    *(size_t *)ud += s * n;
    return s * n;
}

struct done { int calls; CURLcode rc; };

static void on_xfer(struct rw_loop *loop, CURL *easy, CURLcode rc, void *ud)
{
    (void)loop;
    struct done *d = ud;
    d->calls++;
    d->rc = rc;
    curl_easy_cleanup(easy);
}

static void test_loop_transfer_completes_once(void)
{
    char path[] = "/tmp/rwloopXXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(write(fd, "hello world", 11), 11);
    close(fd);
    char url[64];
    snprintf(url, sizeof url, "file://%s", path);
    struct rw_loop *loop = rw_loop_new();
    CURL *easy = curl_easy_init();
    size_t bytes = 0;
    struct done d = { 0, CURLE_OK };
    curl_easy_setopt(easy, CURLOPT_URL, url);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bytes);
    CU_ASSERT_EQUAL(rw_loop_add_xfer(loop, easy, on_xfer, &d), 0);
    CU_ASSERT_EQUAL(rw_loop_xfers(loop), 1);
    for (int i = 0; i < 50 && d.calls == 0; i++)
        rw_loop_run_once(loop, 50);
    CU_ASSERT_EQUAL(d.calls, 1);
    CU_ASSERT_EQUAL(d.rc, CURLE_OK);
    CU_ASSERT_EQUAL(bytes, 11);
    CU_ASSERT_EQUAL(rw_loop_xfers(loop), 0);
    rw_loop_free(loop);
    unlink(path);
}

static void test_loop_cancelled_transfer_never_calls_back(void)
{
    struct rw_loop *loop = rw_loop_new();
    CURL *easy = curl_easy_init();
    struct done d = { 0, CURLE_OK };
    curl_easy_setopt(easy, CURLOPT_URL, "file:///dev/null");
    rw_loop_add_xfer(loop, easy, on_xfer, &d);
    rw_loop_cancel_xfer(loop, easy);
    curl_easy_cleanup(easy);
    for (int i = 0; i < 3; i++)
        rw_loop_run_once(loop, 10);
    CU_ASSERT_EQUAL(d.calls, 0);
    rw_loop_free(loop);
}

void test_loop_register(void)
{
    CU_pSuite s = CU_add_suite("loop", NULL, NULL);
    CU_add_test(s, "timers fire in deadline order", test_loop_timers_fire_in_deadline_order);
    CU_add_test(s, "repeating timer, stop", test_loop_repeating_timer_and_stop);
    CU_add_test(s, "cancel inside a callback", test_loop_cancel_inside_callback);
    CU_add_test(s, "watched fd wakes the poll", test_loop_watched_fd_wakes_the_poll);
    CU_add_test(s, "signal arrives through the self-pipe", test_loop_signal_arrives_through_self_pipe);
    CU_add_test(s, "transfer completes once", test_loop_transfer_completes_once);
    CU_add_test(s, "cancelled transfer never calls back", test_loop_cancelled_transfer_never_calls_back);
}
