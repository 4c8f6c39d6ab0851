/* loop: the one event loop, shared by the console and the headless commands.
 * One thread. Each turn waits in curl_multi_poll() with the watched fds
 * (stdin) and a signal self-pipe as extra fds, for at most the time until the
 * next timer; then it dispatches fds, signals, finished transfers and due
 * timers, and finally calls the turn hook (where the console draws once).
 * The caller must have called curl_global_init() first. */
#ifndef RW_LOOP_H
#define RW_LOOP_H

#include <curl/curl.h>
#include <stdint.h>

struct rw_loop;

typedef void (*rw_timer_fn)(struct rw_loop *loop, void *ud);
typedef void (*rw_fd_fn)(struct rw_loop *loop, int fd, short revents, void *ud);
typedef void (*rw_signal_fn)(struct rw_loop *loop, int signo, void *ud);
/* A finished transfer: the callback owns easy (curl_easy_cleanup it). */
typedef void (*rw_xfer_fn)(struct rw_loop *loop, CURL *easy, CURLcode rc, void *ud);
typedef void (*rw_turn_fn)(struct rw_loop *loop, void *ud);

struct rw_loop_stats {
    uint64_t wakeups;       /* returns from curl_multi_poll */
    uint64_t idle_wakeups;  /* returns with nothing to do */
    uint64_t timer_fires;
    uint64_t xfers_done;
};

/* A new loop with its own curl multi handle; free with rw_loop_free. */
struct rw_loop *rw_loop_new(void);
/* Free the loop, cancelling transfers (no callbacks) and restoring signals. */
void rw_loop_free(struct rw_loop *loop);
/* The curl multi handle every request shares. */
CURLM *rw_loop_multi(struct rw_loop *loop);

/* Add a timer firing after delay_ms, then every interval_ms (0: once); returns its id (> 0). */
uint64_t rw_loop_timer_add(struct rw_loop *loop, int64_t delay_ms, int64_t interval_ms,
                           rw_timer_fn fn, void *ud);
/* Cancel a timer by id; unknown ids are ignored. Safe inside callbacks. */
void rw_loop_timer_cancel(struct rw_loop *loop, uint64_t id);
/* Milliseconds until the earliest timer, or -1 when there is none. */
int64_t rw_loop_next_timer_ms(struct rw_loop *loop);

/* Watch fd for events (POLLIN...) as an extra fd of curl_multi_poll. */
int rw_loop_watch_fd(struct rw_loop *loop, int fd, short events, rw_fd_fn fn, void *ud);
/* Stop watching fd. */
void rw_loop_unwatch_fd(struct rw_loop *loop, int fd);

/* Deliver signo through the self-pipe to fn on the loop thread. */
int rw_loop_on_signal(struct rw_loop *loop, int signo, rw_signal_fn fn, void *ud);
/* Restore signo's default disposition and stop delivering it. */
void rw_loop_signal_default(struct rw_loop *loop, int signo);

/* Start a transfer; fn is called once when it finishes (unless cancelled). */
int rw_loop_add_xfer(struct rw_loop *loop, CURL *easy, rw_xfer_fn fn, void *ud);
/* Remove a running transfer without calling its callback; caller cleans up easy. */
void rw_loop_cancel_xfer(struct rw_loop *loop, CURL *easy);
/* Number of transfers in flight. */
int rw_loop_xfers(struct rw_loop *loop);

/* Call fn at the end of every turn (the console draws there). */
void rw_loop_set_turn_hook(struct rw_loop *loop, rw_turn_fn fn, void *ud);
/* Run one turn, waiting at most max_wait_ms (-1: until the next timer). */
int rw_loop_run_once(struct rw_loop *loop, int64_t max_wait_ms);
/* Run turns until rw_loop_stop; returns 0, or -1 if polling failed. */
int rw_loop_run(struct rw_loop *loop);
/* Make rw_loop_run return after the current turn. Safe from callbacks. */
void rw_loop_stop(struct rw_loop *loop);
/* Wake a loop that is waiting (from a callback or another turn). */
void rw_loop_wakeup(struct rw_loop *loop);
/* Counters since the loop was made. */
struct rw_loop_stats rw_loop_stats(const struct rw_loop *loop);

#endif
