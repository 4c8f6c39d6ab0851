/* bench_logtail: the log tail engine end to end in memory, as core/follow runs
 * it for each page: a FilterLogEvents body (realistic 1 MB pages: three ECS
 * task streams interleaved, JSON, access-log, plain and escaped messages,
 * 56-digit event ids) is parsed (logs_parse_filter), every event is offered
 * to the tail (eventId dedupe, then a 100 000-line ring, which evicts once
 * full), and every stored message is matched against a PCRE2-JIT regex the
 * way `rollwatch logs --filter` does (error|timeout|5\d\d). Pages are built
 * outside the timed part; bytes arriving over HTTP are not included (the
 * comparison with `aws logs tail` measures the whole path). Prints lines/s
 * per stage (goal with the filter: >= 500 000) and the memory of 100 000
 * lines: log_ring_memory and the process's RSS growth (/proc/self/statm),
 * each against the text held. Each case runs in a child with its own heap. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <limits.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchpage.h"
#include "clients/aws/logs.h"
#include "core/tail.h"

#define RING 100000
#define PAGE_BYTES 1048576
#define REGEX "error|timeout|5\\d\\d"
#define GOAL 500000.0

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum stage { PARSE, STORE, FILTER };

struct regex {
    pcre2_code *re;
    pcre2_match_data *md;
};

static int regex_compile(struct regex *rx)
{
    int code;
    PCRE2_SIZE off;
    rx->re = pcre2_compile((PCRE2_SPTR)REGEX, PCRE2_ZERO_TERMINATED,
                           PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &code, &off, NULL);
    if (!rx->re || pcre2_jit_compile(rx->re, PCRE2_JIT_COMPLETE) != 0)
        return -1;
    rx->md = pcre2_match_data_create_from_pattern(rx->re, NULL);
    return 0;
}

/* One page through the stages up to `upto`; the lines that matched into *matched. */
static int one_page(const struct benchpage *page, enum stage upto, struct tail *t, struct regex *rx,
                    uint64_t *matched)
{
    struct logs_page pg;
    struct rw_err err;
    if (logs_parse_filter(page->p, page->len, &pg, &err) != 0) {
        fprintf(stderr, "bench_logtail: %s\n", err.msg);
        return -1;
    }
    for (size_t i = 0; upto >= STORE && i < pg.nevents; i++) {
        const struct logs_event *e = &pg.events[i];
        long at = tail_offer_at(t, e->event_id, e->timestamp_ms, e->ingestion_ms, e->stream,
                                e->message, e->message_len);
        if (at < 0 || upto < FILTER)
            continue;
        struct log_line *l = &t->ring.v[(t->ring.head + (size_t)at) % t->ring.cap];
        if (pcre2_match(rx->re, (PCRE2_SPTR)l->text, l->len, 0, 0, rx->md, NULL) >= 0) {
            l->flags = 1; /* a match mark, as the pane keeps */
            (*matched)++;
        }
    }
    tail_prune(t);
    logs_page_free(&pg);
    return 0;
}

/* Run `lines` events through the stages up to `upto`; print the rate. */
static int rate(const char *what, enum stage upto, unsigned lines)
{
    struct regex rx;
    if (regex_compile(&rx) < 0)
        return 1;
    struct tail t;
    tail_init(&t, RING);
    unsigned next = 0, n;
    uint64_t matched = 0;
    double wall = 0, cpu = 0, bytes = 0;
    while (next < lines) {
        struct benchpage page = benchpage_make(next, PAGE_BYTES, UINT_MAX, -1, &n);
        next += n;
        double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
        int rc = one_page(&page, upto, &t, &rx, &matched);
        wall += now_s(CLOCK_MONOTONIC) - w0;
        cpu += now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
        bytes += (double)page.len;
        free(page.p);
        if (rc)
            return 1;
    }
    printf("logtail: %-20s %9.0f lines/s  (%u lines, %.1f MB of pages, %.2f s wall, "
           "%.2f s CPU", what, next / wall, next, bytes / 1e6, wall, cpu);
    if (upto == FILTER)
        printf(", /" REGEX "/ matched %.1f%%; goal >= %.0f: %s", 100.0 * (double)matched / next, GOAL,
               next / wall >= GOAL ? "met" : "MISSED");
    printf(")\n");
    tail_free(&t);
    pcre2_match_data_free(rx.md);
    pcre2_code_free(rx.re);
    return 0;
}

static long rss_bytes(void)
{
    long size = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &size, &res) != 2)
        res = 0;
    fclose(f);
    return res * sysconf(_SC_PAGESIZE);
}

/* Fill a ring with RING lines (then churn it with `lines` in all); print memory. */
static int memory(unsigned lines)
{
    struct regex rx;
    if (regex_compile(&rx) < 0)
        return 1;
    long before = rss_bytes();
    struct tail t;
    tail_init(&t, RING);
    unsigned next = 0, n;
    uint64_t matched = 0;
    while (next < lines) {
        struct benchpage page = benchpage_make(next, PAGE_BYTES, UINT_MAX, -1, &n);
        next += n;
        int rc = one_page(&page, FILTER, &t, &rx, &matched);
        free(page.p);
        if (rc)
            return 1;
    }
    double text = (double)t.ring.text_bytes, ring = (double)log_ring_memory(&t.ring);
    double rss = (double)(rss_bytes() - before);
    printf("logtail: memory of %u lines (%u stored): ring %.1f MB (%.2fx the %.1f MB of "
           "text, %.0f B/line), process RSS growth %.1f MB (%.2fx)\n", (unsigned)t.ring.n, next,
           ring / 1e6, ring / text, text / 1e6, ring / (double)t.ring.n, rss / 1e6, rss / text);
    tail_free(&t);
    pcre2_match_data_free(rx.md);
    pcre2_code_free(rx.re);
    return 0;
}

static int run_rate(const char *what, enum stage upto, unsigned lines, int mem)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int rc = mem ? memory(lines) : rate(what, upto, lines);
        fflush(stdout);
        _exit(rc);
    }
    int status = 1;
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 1;
    return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

int main(void)
{
    return run_rate("parse", PARSE, 1000000, 0) ||
           run_rate("parse+store", STORE, 1000000, 0) ||
           run_rate("parse+store+filter", FILTER, 1000000, 0) ||
           run_rate(NULL, FILTER, RING, 1) || run_rate(NULL, FILTER, 1000000, 1);
}
