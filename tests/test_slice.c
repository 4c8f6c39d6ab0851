/* Tests for core/slice: big batches go out in bounded slices, one per loop
 * turn, with input handled between them. */
#include <CUnit/CUnit.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "core/slice.h"

struct rec {
    size_t firsts[16], sizes[16];
    uint64_t turns[16];
    int nslices, done, key_at;   /* key_at: slices seen when the key arrived */
    struct rw_loop *loop;
    int wfd;
};

static void on_slice(size_t first, size_t n, void *ud)
{
    struct rec *r = ud;
    if (r->nslices < 16) {
        r->firsts[r->nslices] = first;
        r->sizes[r->nslices] = n;
        r->turns[r->nslices] = rw_loop_stats(r->loop).wakeups;
    }
    r->nslices++;
    if (r->nslices == 1 && r->wfd >= 0) /* a key is pressed during the first slice */
        (void)!write(r->wfd, "k", 1);
}

static void on_done(void *ud)
{
    ((struct rec *)ud)->done++;
}

static void on_key(struct rw_loop *loop, int fd, short ev, void *ud)
{
    (void)loop, (void)ev;
    struct rec *r = ud;
    char c;
    (void)!read(fd, &c, 1);
    r->key_at = r->nslices;
}

static void test_slice_bounded_slices_one_per_turn(void)
{
    struct rec r;
    memset(&r, 0, sizeof r);
    r.wfd = -1;
    r.loop = rw_loop_new();
    rw_slice_start(r.loop, 10, 3, on_slice, on_done, &r);
    CU_ASSERT_EQUAL(r.nslices, 0); /* never inside the caller */
    for (int i = 0; i < 20 && !r.done; i++)
        rw_loop_run_once(r.loop, 100);
    CU_ASSERT_EQUAL(r.done, 1);
    CU_ASSERT_EQUAL_FATAL(r.nslices, 4);
    size_t want_first[] = { 0, 3, 6, 9 }, want_n[] = { 3, 3, 3, 1 };
    for (int i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(r.firsts[i], want_first[i]);
        CU_ASSERT_EQUAL(r.sizes[i], want_n[i]);
        if (i)
            CU_ASSERT(r.turns[i] > r.turns[i - 1]); /* each slice in its own turn */
    }
    rw_loop_free(r.loop);
}

static void test_slice_input_is_handled_between_slices(void)
{
    struct rec r;
    memset(&r, 0, sizeof r);
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    r.wfd = p[1];
    r.key_at = -1;
    r.loop = rw_loop_new();
    rw_loop_watch_fd(r.loop, p[0], POLLIN, on_key, &r);
    rw_slice_start(r.loop, 1000, 100, on_slice, on_done, &r);
    for (int i = 0; i < 50 && !r.done; i++)
        rw_loop_run_once(r.loop, 100);
    CU_ASSERT_EQUAL(r.nslices, 10);
    CU_ASSERT_EQUAL(r.key_at, 1); /* read right after the first slice, not after the tenth */
    rw_loop_unwatch_fd(r.loop, p[0]);
    close(p[0]);
    close(p[1]);
    rw_loop_free(r.loop);
}

static void test_slice_cancel_stops_it(void)
{
    struct rec r;
    memset(&r, 0, sizeof r);
    r.wfd = -1;
    r.loop = rw_loop_new();
    struct rw_slicer *s = rw_slice_start(r.loop, 10, 3, on_slice, on_done, &r);
    rw_loop_run_once(r.loop, 100);
    rw_slice_cancel(s);
    for (int i = 0; i < 5; i++)
        rw_loop_run_once(r.loop, 10);
    CU_ASSERT_EQUAL(r.nslices, 1);
    CU_ASSERT_EQUAL(r.done, 0);
    rw_loop_free(r.loop);
}

void test_slice_register(void)
{
    CU_pSuite s = CU_add_suite("slice", NULL, NULL);
    CU_add_test(s, "bounded slices, one per turn", test_slice_bounded_slices_one_per_turn);
    CU_add_test(s, "input is handled between slices", test_slice_input_is_handled_between_slices);
    CU_add_test(s, "cancel stops it", test_slice_cancel_stops_it);
}
