/* loop: one thread, one curl_multi_poll (see loop.h). */
#include "loop.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "xmalloc.h"

#define MAX_FDS 8
#define MAX_SIGNALS 16
#define NO_TIMER_WAIT_MS (24 * 3600 * 1000)

struct timer {
    uint64_t id;
    int64_t deadline;
    int64_t interval;
    rw_timer_fn fn;
    void *ud;
};

struct watch {
    int fd;
    short events;
    rw_fd_fn fn;
    void *ud;
};

struct sig {
    int signo;
    rw_signal_fn fn;
    void *ud;
    struct sigaction old;
};

struct xfer {
    rw_xfer_fn fn;
    void *ud;
};

struct rw_loop {
    CURLM *multi;
    struct timer *timers;
    size_t ntimers, cap_timers;
    uint64_t next_id;
    struct watch watches[MAX_FDS];
    size_t nwatches;
    struct sig sigs[MAX_SIGNALS];
    size_t nsigs;
    rw_turn_fn turn_fn;
    void *turn_ud;
    int running;
    CURL **active;       /* transfers in flight */
    size_t nactive, cap_active;
    struct rw_loop_stats stats;
};

/* The self-pipe is process-wide: signal handlers cannot find a loop. */
static int sig_pipe[2] = { -1, -1 };

static void on_signal(int signo)
{
    int saved = errno;
    unsigned char b = (unsigned char)signo;
    if (sig_pipe[1] >= 0 && write(sig_pipe[1], &b, 1) < 0) {
        /* pipe full: the signal is already pending in it */
    }
    errno = saved;
}

static void open_sig_pipe(void)
{
    if (sig_pipe[0] >= 0)
        return;
    if (pipe(sig_pipe) != 0)
        rw_die("cannot create the signal pipe: %s", strerror(errno));
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
}

struct rw_loop *rw_loop_new(void)
{
    struct rw_loop *loop = xcalloc(1, sizeof *loop);
    loop->multi = curl_multi_init();
    if (!loop->multi)
        rw_die("curl_multi_init failed");
    open_sig_pipe();
    return loop;
}

void rw_loop_free(struct rw_loop *loop)
{
    if (!loop)
        return;
    while (loop->nsigs)
        rw_loop_signal_default(loop, loop->sigs[0].signo);
    while (loop->nactive) {
        CURL *easy = loop->active[loop->nactive - 1];
        rw_loop_cancel_xfer(loop, easy);
        curl_easy_cleanup(easy);
    }
    free(loop->active);
    curl_multi_cleanup(loop->multi);
    free(loop->timers);
    free(loop);
}

CURLM *rw_loop_multi(struct rw_loop *loop)
{
    return loop->multi;
}

/* ---- timers ---- */

uint64_t rw_loop_timer_add(struct rw_loop *loop, int64_t delay_ms, int64_t interval_ms,
                           rw_timer_fn fn, void *ud)
{
    if (loop->ntimers == loop->cap_timers) {
        loop->cap_timers = loop->cap_timers ? loop->cap_timers * 2 : 16;
        loop->timers = xreallocarray(loop->timers, loop->cap_timers, sizeof *loop->timers);
    }
    struct timer *t = &loop->timers[loop->ntimers++];
    t->id = ++loop->next_id;
    t->deadline = rw_mono_ms() + (delay_ms > 0 ? delay_ms : 0);
    t->interval = interval_ms > 0 ? interval_ms : 0;
    t->fn = fn;
    t->ud = ud;
    return t->id;
}

void rw_loop_timer_cancel(struct rw_loop *loop, uint64_t id)
{
    for (size_t i = 0; i < loop->ntimers; i++) {
        if (loop->timers[i].id == id) {
            loop->timers[i] = loop->timers[--loop->ntimers];
            return;
        }
    }
}

static struct timer *earliest(struct rw_loop *loop)
{
    struct timer *best = NULL;
    for (size_t i = 0; i < loop->ntimers; i++)
        if (!best || loop->timers[i].deadline < best->deadline)
            best = &loop->timers[i];
    return best;
}

int64_t rw_loop_next_timer_ms(struct rw_loop *loop)
{
    struct timer *t = earliest(loop);
    if (!t)
        return -1;
    int64_t d = t->deadline - rw_mono_ms();
    return d > 0 ? d : 0;
}

/* The earliest timer due by now that existed when the turn began, or NULL. */
static struct timer *due(struct rw_loop *loop, int64_t now, uint64_t max_id)
{
    struct timer *best = NULL;
    for (size_t i = 0; i < loop->ntimers; i++) {
        struct timer *t = &loop->timers[i];
        if (t->id <= max_id && t->deadline <= now && (!best || t->deadline < best->deadline))
            best = t;
    }
    return best;
}

/* Fire due timers. A timer added by a callback waits for the next turn, so
 * work that re-arms itself at 0 ms lets keys and sockets in between. */
static int fire_timers(struct rw_loop *loop)
{
    int fired = 0;
    int64_t now = rw_mono_ms();
    uint64_t max_id = loop->next_id;
    size_t budget = loop->ntimers * 2 + 4;
    struct timer *t;
    while (budget-- && (t = due(loop, now, max_id))) {
        struct timer copy = *t;
        if (copy.interval) {
            t->deadline += copy.interval;
            if (t->deadline <= now) /* fell behind (suspend): skip, no burst */
                t->deadline = now + copy.interval;
        } else {
            rw_loop_timer_cancel(loop, copy.id);
        }
        loop->stats.timer_fires++;
        fired++;
        copy.fn(loop, copy.ud);
    }
    return fired;
}

/* ---- fds and signals ---- */

int rw_loop_watch_fd(struct rw_loop *loop, int fd, short events, rw_fd_fn fn, void *ud)
{
    rw_loop_unwatch_fd(loop, fd);
    if (loop->nwatches == MAX_FDS)
        return -1;
    loop->watches[loop->nwatches++] = (struct watch){ fd, events, fn, ud };
    return 0;
}

void rw_loop_unwatch_fd(struct rw_loop *loop, int fd)
{
    for (size_t i = 0; i < loop->nwatches; i++) {
        if (loop->watches[i].fd == fd) {
            loop->watches[i] = loop->watches[--loop->nwatches];
            return;
        }
    }
}

int rw_loop_on_signal(struct rw_loop *loop, int signo, rw_signal_fn fn, void *ud)
{
    for (size_t i = 0; i < loop->nsigs; i++) {
        if (loop->sigs[i].signo == signo) {
            loop->sigs[i].fn = fn;
            loop->sigs[i].ud = ud;
            return 0;
        }
    }
    if (loop->nsigs == MAX_SIGNALS)
        return -1;
    struct sig *s = &loop->sigs[loop->nsigs];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(signo, &sa, &s->old) != 0)
        return -1;
    s->signo = signo;
    s->fn = fn;
    s->ud = ud;
    loop->nsigs++;
    return 0;
}

void rw_loop_signal_default(struct rw_loop *loop, int signo)
{
    for (size_t i = 0; i < loop->nsigs; i++) {
        if (loop->sigs[i].signo == signo) {
            sigaction(signo, &loop->sigs[i].old, NULL);
            loop->sigs[i] = loop->sigs[--loop->nsigs];
            return;
        }
    }
}

static int drain_signals(struct rw_loop *loop)
{
    unsigned char buf[64];
    ssize_t n;
    int handled = 0;
    while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            for (size_t j = 0; j < loop->nsigs; j++) {
                if (loop->sigs[j].signo == buf[i]) {
                    loop->sigs[j].fn(loop, buf[i], loop->sigs[j].ud);
                    handled++;
                    break;
                }
            }
        }
    }
    return handled;
}

/* ---- transfers ---- */

int rw_loop_add_xfer(struct rw_loop *loop, CURL *easy, rw_xfer_fn fn, void *ud)
{
    struct xfer *x = xmalloc(sizeof *x);
    x->fn = fn;
    x->ud = ud;
    curl_easy_setopt(easy, CURLOPT_PRIVATE, x);
    if (curl_multi_add_handle(loop->multi, easy) != CURLM_OK) {
        free(x);
        return -1;
    }
    if (loop->nactive == loop->cap_active) {
        loop->cap_active = loop->cap_active ? loop->cap_active * 2 : 16;
        loop->active = xreallocarray(loop->active, loop->cap_active, sizeof *loop->active);
    }
    loop->active[loop->nactive++] = easy;
    return 0;
}

/* Forget easy; returns its context (caller frees) or NULL if unknown. */
static struct xfer *detach(struct rw_loop *loop, CURL *easy)
{
    for (size_t i = 0; i < loop->nactive; i++) {
        if (loop->active[i] == easy) {
            loop->active[i] = loop->active[--loop->nactive];
            struct xfer *x = NULL;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, (char **)&x);
            curl_multi_remove_handle(loop->multi, easy);
            curl_easy_setopt(easy, CURLOPT_PRIVATE, NULL);
            return x;
        }
    }
    return NULL;
}

void rw_loop_cancel_xfer(struct rw_loop *loop, CURL *easy)
{
    free(detach(loop, easy));
}

int rw_loop_xfers(struct rw_loop *loop)
{
    return (int)loop->nactive;
}

static int reap_xfers(struct rw_loop *loop)
{
    int still, done = 0;
    curl_multi_perform(loop->multi, &still);
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(loop->multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        CURLcode rc = msg->data.result;
        struct xfer *x = detach(loop, easy);
        if (!x)
            continue;
        loop->stats.xfers_done++;
        done++;
        x->fn(loop, easy, rc, x->ud);
        free(x);
    }
    return done;
}

/* ---- turns ---- */

void rw_loop_set_turn_hook(struct rw_loop *loop, rw_turn_fn fn, void *ud)
{
    loop->turn_fn = fn;
    loop->turn_ud = ud;
}

static int wait_ms(struct rw_loop *loop, int64_t max_wait_ms)
{
    int64_t t = rw_loop_next_timer_ms(loop);
    int64_t w = t < 0 ? NO_TIMER_WAIT_MS : t;
    if (max_wait_ms >= 0 && max_wait_ms < w)
        w = max_wait_ms;
    return w > INT_MAX ? INT_MAX : (int)w;
}

/* Dispatch ready watched fds; returns how many had events. */
static int dispatch_fds(struct rw_loop *loop, struct curl_waitfd *extra, size_t n)
{
    int active = 0;
    for (size_t i = 1; i < n; i++) {
        if (!extra[i].revents)
            continue;
        active++;
        for (size_t j = 0; j < loop->nwatches; j++) {
            if (loop->watches[j].fd == extra[i].fd) {
                struct watch w = loop->watches[j];
                w.fn(loop, w.fd, extra[i].revents, w.ud);
                break;
            }
        }
    }
    return active;
}

int rw_loop_run_once(struct rw_loop *loop, int64_t max_wait_ms)
{
    struct curl_waitfd extra[MAX_FDS + 1];
    size_t n = 0;
    extra[n++] = (struct curl_waitfd){ .fd = sig_pipe[0], .events = CURL_WAIT_POLLIN };
    for (size_t i = 0; i < loop->nwatches; i++)
        extra[n++] = (struct curl_waitfd){ .fd = loop->watches[i].fd,
                                           .events = (short)loop->watches[i].events };
    int numfds = 0;
    CURLMcode mc = curl_multi_poll(loop->multi, extra, (unsigned)n, wait_ms(loop, max_wait_ms),
                                   &numfds);
    if (mc != CURLM_OK) /* UNRECOVERABLE_POLL would return at once forever: stop */
        return -1;
    loop->stats.wakeups++;
    int work = 0;
    if (extra[0].revents)
        work += drain_signals(loop);
    work += dispatch_fds(loop, extra, n);
    work += reap_xfers(loop);
    work += fire_timers(loop);
    if (numfds > 0 && !work)
        work = 1; /* curl socket activity for a transfer still running */
    if (!work)
        loop->stats.idle_wakeups++;
    if (loop->turn_fn)
        loop->turn_fn(loop, loop->turn_ud);
    return 0;
}

int rw_loop_run(struct rw_loop *loop)
{
    loop->running = 1;
    while (loop->running)
        if (rw_loop_run_once(loop, -1) < 0)
            return -1;
    return 0;
}

void rw_loop_stop(struct rw_loop *loop)
{
    loop->running = 0;
    curl_multi_wakeup(loop->multi);
}

void rw_loop_wakeup(struct rw_loop *loop)
{
    curl_multi_wakeup(loop->multi);
}

struct rw_loop_stats rw_loop_stats(const struct rw_loop *loop)
{
    return loop->stats;
}
