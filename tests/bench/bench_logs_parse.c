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
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchpage.h"
#include "clients/aws/logs.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int measure(const char *what, size_t max_bytes, unsigned max_events, int nul)
{
    unsigned n;
    struct benchpage page = benchpage_make(0, max_bytes, max_events, nul ? 17 : -1, &n);
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
