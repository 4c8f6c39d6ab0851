/* bench_loop: how often the event loop wakes when nothing happens. The console
 * keeps one repeating timer while idle (the header clock, 1 s); every other
 * wake-up is waste. Prints wake-ups per minute, measured over real time. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/clock.h"
#include "core/loop.h"

static void tick(struct rw_loop *loop, void *ud)
{
    (void)loop, (void)ud;
}

static void stop(struct rw_loop *loop, void *ud)
{
    (void)ud;
    rw_loop_stop(loop);
}

static void measure(const char *what, int with_clock, int64_t ms)
{
    struct rw_loop *loop = rw_loop_new();
    if (with_clock)
        rw_loop_timer_add(loop, 1000 - rw_wall_ms() % 1000, 1000, tick, NULL);
    rw_loop_timer_add(loop, ms, 0, stop, NULL);
    int64_t start = rw_mono_ms();
    rw_loop_run(loop);
    int64_t took = rw_mono_ms() - start;
    struct rw_loop_stats st = rw_loop_stats(loop);
    /* the stop timer's own wake-up is the measurement's, not the loop's */
    double wakes = (double)st.wakeups - 1, fires = (double)st.timer_fires - 1;
    double per_min = 60000.0 / (double)took;
    printf("loop idle, %-28s %6.1f wake-ups/min (%5.1f timer fires/min, %4.1f spurious/min)"
           " over %lld ms\n", what, wakes * per_min, fires * per_min,
           (double)st.idle_wakeups * per_min, (long long)took);
    rw_loop_free(loop);
}

int main(int argc, char **argv)
{
    int64_t ms = argc > 1 ? atoll(argv[1]) : 10000;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    measure("console timers (1 s clock):", 1, ms);
    measure("no timers:", 0, ms / 2);
    curl_global_cleanup();
    return 0;
}
