/* bench_logs_parse: how fast a FilterLogEvents page parses. Builds realistic
 * pages in memory (interleaved ECS task streams, JSON and plain messages,
 * escapes, 56-digit event ids) and prints events/s and MB/s for a full 1 MB
 * page, a 10 000-event page, and a 1 MB page holding a \u0000 (which takes
 * the exact-decoding path). Each round parses and frees one page, as the log
 * poller does, so the figures include malloc: cJSON builds a node per value,
 * and glibc hands the freed tree back to the kernel between rounds unless its
 * trim threshold has grown. Each case runs in its own process so that no case
 * inherits another's heap; the last one turns trimming off to show the cost
 * of parsing alone. */
#include <inttypes.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clients/aws/logs.h"

struct buf {
    char *p;
    size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static const char *message(unsigned i, int nul)
{
    static const char *const msgs[] = {
        "GET /health 200 2ms",
        "{\\\"level\\\":\\\"info\\\",\\\"event\\\":\\\"job done\\\",\\\"job\\\":%u,"
        "\\\"elapsed_ms\\\":%u,\\\"queue\\\":\\\"consumer-high\\\"}",
        "{\\\"level\\\":\\\"error\\\",\\\"event\\\":\\\"upstream timeout\\\",\\\"upstream\\\":"
        "\\\"http://rover-agent.internal:8080/v1/jobs/%u\\\",\\\"elapsed_ms\\\":%u}",
        "\\u001b[31mERROR\\u001b[0m retrying job %u (attempt %u/5)",
        "10.0.2.47 - - [10/Jun/2024:14:03:10 +0000] \\\"POST /v1/jobs HTTP/1.1\\\" 202 %u "
        "\\\"-\\\" \\\"rover/1.42 (+job %u)\\\"",
        "at com.example.consumer.Worker.run(Worker.java:%u)\\n\\tat java.lang.Thread.run"
        "(Thread.java:%u)",
    };
    static char out[512];
    snprintf(out, sizeof out, msgs[i % 6], i * 7919u % 100000u, i % 5000u);
    if (nul && i == 17)
        strcat(out, " \\u0000 after NUL");
    return out;
}

/* A page of max_events events, or fewer so that it stays under max_bytes. */
static struct buf make_page(size_t max_bytes, unsigned max_events, int nul, unsigned *nevents)
{
    static const char *const tasks[] = { "3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b",
                                         "9b1c7e2d4a6f4c8e9d0b1a2c3e4f5a6b",
                                         "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };
    struct buf b = { 0 };
    char ev[1024];
    put(&b, "{\"events\":[", 11);
    unsigned i;
    for (i = 0; i < max_events; i++) {
        int64_t ts = 1718031790112LL + i / 3;
        int n = snprintf(ev, sizeof ev,
                         "%s{\"logStreamName\":\"ecs/consumer-agent/%s\",\"timestamp\":%" PRId64
                         ",\"message\":\"%s\",\"ingestionTime\":%" PRId64
                         ",\"eventId\":\"383061245869252184763114623784733024053891634293%08u\"}",
                         i ? "," : "", tasks[i % 3], ts, message(i, nul), ts + 311, i);
        if (b.len + (size_t)n + 600 > max_bytes)
            break;
        put(&b, ev, (size_t)n);
    }
    const char *tail = "],\"searchedLogStreams\":[{\"logStreamName\":\"ecs/consumer-agent/"
                       "3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b\",\"searchedCompletely\":true}],"
                       "\"nextToken\":\"Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7BC6c\"}";
    put(&b, tail, strlen(tail));
    *nevents = i;
    return b;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int measure(const char *what, size_t max_bytes, unsigned max_events, int nul)
{
    unsigned n;
    struct buf page = make_page(max_bytes, max_events, nul, &n);
    struct logs_page pg;
    struct rw_err err;
    unsigned rounds = 0;
    double start = now_s(), took;
    do {
        if (logs_parse_filter(page.p, page.len, &pg, &err) != 0 || pg.nevents != n) {
            fprintf(stderr, "bench_logs_parse: %s: %s\n", what, err.msg);
            return 1;
        }
        logs_page_free(&pg);
        rounds++;
    } while ((took = now_s() - start) < 0.6);
    double per = took / rounds;
    printf("logs: FilterLogEvents parse: %.0f events/s, %.1f MB/s  (%s: %u events, %.2f MB, "
           "%.2f ms/page)\n", n / per, (double)page.len / 1e6 / per, what, n,
           (double)page.len / 1e6, per * 1e3);
    free(page.p);
    return 0;
}

/* Run one case in a child process, with a heap of its own. */
static int run(const char *what, size_t max_bytes, unsigned max_events, int nul, int no_trim)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (no_trim)
            mallopt(M_TRIM_THRESHOLD, 256 << 20);
        int rc = measure(what, max_bytes, max_events, nul);
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
    return run("1 MB page", 1048576, 10000, 0, 0) ||
           run("10 000-event page", 4u << 20, 10000, 0, 0) ||
           run("1 MB page holding a \\u0000", 1048576, 10000, 1, 0) ||
           run("1 MB page, heap never trimmed", 1048576, 10000, 0, 1);
}
