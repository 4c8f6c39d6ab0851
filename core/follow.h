/* follow: a live CloudWatch Logs tail on the event loop. Each poll asks
 * FilterLogEvents for the group (exactly the streams named, or a prefix)
 * from tail_since() — or the start of the window the first time — follows
 * nextToken to the last page, and offers every event to the tail (dedupe,
 * order, cap). It polls every second while lines flow and backs off to 5 s
 * when idle; throttling doubles the wait (up to 30 s) and is reported. All
 * FilterLogEvents calls share the client's 5-a-second budget. With an end
 * time it reads the window once and stops. */
#ifndef RW_FOLLOW_H
#define RW_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

#include "clients/aws/client.h"
#include "loop.h"
#include "tail.h"

#define FOLLOW_FAST_MS 1000
#define FOLLOW_IDLE_MS 5000
#define FOLLOW_MAX_BACKOFF_MS 30000

struct follow_opts {
    struct rw_loop *loop;
    struct aws_client *client;
    const char *group;
    const char *stream_prefix;    /* logStreamNamePrefix, or NULL */
    const char *filter_pattern;   /* CloudWatch's own syntax, or NULL */
    int64_t start_ms;             /* the window's start (epoch ms) */
    int64_t end_ms;               /* 0: follow; else read up to it once, then stop */
    size_t cap;                   /* the ring's cap (0: the default) */
    int pass_through;             /* with end_ms: lines go only to the line callback,
                                     never into the tail (one paginated read holds no
                                     duplicate and comes in timestamp order) */
};

struct follow;

/* After each poll: how many new lines went into the tail, the error if the poll
 * failed (the tail keeps what it had), and done once a one-shot read is over. */
typedef void (*follow_fn)(void *ud, size_t new_lines, const struct rw_err *err, int done);

/* Start following (the first poll goes out at once); fn runs on the loop. */
struct follow *follow_start(const struct follow_opts *o, follow_fn fn, void *ud);
/* Each line as it is stored (in the order pages give them), for printing. */
typedef void (*follow_line_fn)(void *ud, const struct log_line *l, const char *stream);

/* Call fn for every line stored from now on (NULL: stop). */
void follow_on_line(struct follow *f, follow_line_fn fn, void *ud);
/* Follow exactly these streams from the next poll on (copied; at most 100, as
 * FilterLogEvents allows); names with n = 0 means none (polls read nothing);
 * NULL goes back to the prefix or the whole group. */
void follow_set_streams(struct follow *f, const char *const *names, size_t n);
/* The lines so far. */
struct tail *follow_tail(struct follow *f);
/* The wait before the next poll (ms), and the polls and calls made so far. */
int64_t follow_interval(const struct follow *f);
/* Calls (pages) made so far. */
uint64_t follow_calls(const struct follow *f);
/* Stop, cancelling a call in flight; frees f (and its tail). NULL is fine. */
void follow_free(struct follow *f);

#endif
