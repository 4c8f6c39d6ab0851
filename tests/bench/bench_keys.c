/* bench_keys: key-to-screen latency while 20 requests are in flight. The real
 * console (app_main, `--demo --scenario steady`, its fake cloud a child as
 * usual) runs in a child on a pty this program owns, 200x60. Once the
 * service rows and both services' tasks are on screen, the sim's control API
 * delays every reply by 10 s, so the console's own polls hang; then the
 * console's own AWS client, on its own loop, is topped up to 20 transfers in
 * flight (signed ECS ListServices calls, hanging too). Each sample writes j or
 * k to the pty (in turn, moving between two services in Services) and reads
 * until the frame naming the newly selected service has arrived and the
 * terminal has been quiet for 3 ms; the latency is write to last byte, on
 * CLOCK_MONOTONIC. The goal: under 16 ms (one frame at 60 Hz).
 *
 * The seam: this program is linked with --wrap=app_key, so the console's key
 * handler passes through wrap_app_key below: F12 (never sent by the user here)
 * starts the top-up, and every j/k records how many transfers the console's
 * loop holds at that moment, so the "20 in flight" is measured, not assumed.
 * The console's `sim` child is this same binary (/proc/self/exe), so main
 * runs `sim` like tui/main.c does. */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clients/aws/ecs.h"
#include "clients/aws/session.h"
#include "core/cli.h"
#include "sim/sim.h"
#include "tui/app.h"

#define IN_FLIGHT 20
#define PRESSES 200
#define DELAY_MS 10000
#define QUIET_MS 3
#define GOAL_MS 16.0

/* ---- in the console's process: the seam ---- */

void __real_app_key(struct app *a, int key);
void __wrap_app_key(struct app *a, int key);

static struct {
    struct app *a;
    int extra;                 /* our calls in flight */
    unsigned keys, done, failed;
    int min, max, own_min, own_max;
} seam = { .min = 1 << 30, .own_min = 1 << 30 };

static void extra_done(const struct aws_reply *r, void *ud)
{
    (void)ud;
    seam.extra--;
    seam.done++;
    seam.failed += !r->ok;
}

/* Keep the console's loop at IN_FLIGHT transfers with signed ECS calls. */
static void top_up(struct rw_loop *loop, void *ud)
{
    (void)ud;
    static const char body[] = "{\"cluster\":\"demo-fargate\"}";
    struct aws_op op = { .svc = AWS_SVC_ECS, .proto = AWS_PROTO_JSON_1_1,
                         .target = ecs_op_target(ECS_OP_LIST_SERVICES),
                         .name = ecs_op_name(ECS_OP_LIST_SERVICES) };
    int need = IN_FLIGHT - rw_loop_xfers(loop);
    for (int i = 0; i < need && seam.extra < IN_FLIGHT && seam.a->aws; i++) {
        seam.extra++;
        aws_call(seam.a->aws->client, &op, body, sizeof body - 1, extra_done, NULL);
    }
}

void __wrap_app_key(struct app *a, int key)
{
    if (key == KEY_F(12)) {    /* the harness's own key: start the top-up */
        if (!seam.a) {
            seam.a = a;
            rw_loop_timer_add(a->loop, 0, 20, top_up, NULL);
        }
        return;
    }
    if (seam.a && (key == 'j' || key == 'k')) {
        int n = rw_loop_xfers(a->loop), own = n - seam.extra;
        seam.keys++;
        seam.min = n < seam.min ? n : seam.min;
        seam.max = n > seam.max ? n : seam.max;
        seam.own_min = own < seam.own_min ? own : seam.own_min;
        seam.own_max = own > seam.own_max ? own : seam.own_max;
    }
    __real_app_key(a, key);
}

/* The child: the console on the pty; what the seam saw goes to statfd. */
static void console_child(const char *dir, int statfd)
{
    char env[300], log[300];
    snprintf(env, sizeof env, "%s/demo.env", dir);
    snprintf(log, sizeof log, "%s/rollwatch.log", dir);
    setenv("TERM", "xterm-256color", 1);
    setenv("LANG", "C.UTF-8", 1);
    setenv("XDG_CONFIG_HOME", dir, 1);
    setenv("XDG_STATE_HOME", dir, 1);
    unsetenv("NO_COLOR");
    char *argv[] = { "rollwatch", "--demo", "--scenario", "steady", "--env-file", env,
                     "--log", log, NULL };
    struct rw_cli cli;
    struct rw_err err;
    if (rw_cli_parse(8, argv, &cli, &err) < 0)
        _exit(64);
    int rc = app_main(&cli);
    dprintf(statfd, "%u %d %d %d %d %u %u\n", seam.keys, seam.min, seam.max, seam.own_min,
            seam.own_max, seam.done, seam.failed);
    _exit(rc);
}

/* ---- in the benchmark's process: the terminal side ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

struct term {
    int fd;
    char buf[1 << 16];
    size_t len;                /* bytes since the last reset */
    int eof;
};

/* Read what is there within wait_ms; the time of the last byte into *last. */
static int pump(struct term *t, int wait_ms, double *last)
{
    struct pollfd p = { t->fd, POLLIN, 0 };
    if (t->eof || poll(&p, 1, wait_ms) <= 0)
        return 0;
    char tmp[8192];
    ssize_t n = read(t->fd, tmp, sizeof tmp);
    if (n <= 0) {
        t->eof = n == 0 || errno != EINTR;
        return 0;
    }
    if (last)
        *last = now_ms();
    if (t->len + (size_t)n > sizeof t->buf) /* keep the tail: markers are short */
        t->len = 0;
    memcpy(t->buf + t->len, tmp, (size_t)n);
    t->len += (size_t)n;
    return 1;
}

static void drain(struct term *t, int ms)
{
    double end = now_ms() + ms;
    for (double left = ms; left > 0; left = end - now_ms())
        pump(t, (int)left + 1, NULL);
}

static int seen(const struct term *t, const char *s)
{
    return memmem(t->buf, t->len, s, strlen(s)) != NULL;
}

/* Wait up to ms for s on the terminal; 0 or -1. */
static int wait_for(struct term *t, const char *s, int ms)
{
    double end = now_ms() + ms;
    while (!seen(t, s) && now_ms() < end && !t->eof)
        pump(t, 20, NULL);
    return seen(t, s) ? 0 : -1;
}

/* One key: write it, read until marker arrived and QUIET_MS passed; ms or -1. */
static double press(struct term *t, char key, const char *marker)
{
    while (pump(t, 0, NULL))   /* nothing old is counted */
        ;
    t->len = 0;
    double t0 = now_ms(), last = t0;
    if (write(t->fd, &key, 1) != 1)
        return -1;
    while (!seen(t, marker)) {
        if (now_ms() - t0 > 1000 || t->eof)
            return -1;
        pump(t, 10, &last);
    }
    while (pump(t, QUIET_MS, &last))
        ;
    return last - t0;
}

static size_t discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p, (void)ud;
    return size * n;
}

/* POST {"delay_ms":N} to the sim's control API named in the env file. */
static int delay_replies(const char *dir, int ms)
{
    char path[300], line[512], url[600] = "", body[64];
    snprintf(path, sizeof path, "%s/demo.env", dir);
    FILE *fp = fopen(path, "r");
    const char *key = "export ROLLWATCH_SIM_CONTROL=";
    while (fp && fgets(line, sizeof line, fp))
        if (strncmp(line, key, strlen(key)) == 0)
            snprintf(url, sizeof url, "%.*s/faults", (int)strcspn(line + strlen(key), "\n"),
                     line + strlen(key));
    if (fp)
        fclose(fp);
    CURL *c = url[0] ? curl_easy_init() : NULL;
    if (!c)
        return -1;
    snprintf(body, sizeof body, "{\"delay_ms\":%d}", ms);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 2000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    long status = 0;
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    return rc == CURLE_OK && status == 200 ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Warm up, delay the sim, start the top-up, then time PRESSES keys into ms[]. */
static int run_presses(struct term *t, const char *dir, double *ms)
{
    if (wait_for(t, "payments-api", 15000) < 0)
        return fprintf(stderr, "bench_keys: no service rows on screen\n"), -1;
    drain(t, 500);
    for (int i = 0; i < 2; i++) /* both services' tasks loaded before replies hang */
        if (write(t->fd, i ? "k" : "j", 1) == 1)
            drain(t, 800);
    if (delay_replies(dir, DELAY_MS) < 0)
        return fprintf(stderr, "bench_keys: the sim's control API did not answer\n"), -1;
    if (write(t->fd, "\033[24~", 5) != 5) /* F12: the seam starts the top-up */
        return -1;
    drain(t, 600);
    for (int i = 0; i < PRESSES; i++) {
        ms[i] = press(t, i % 2 ? 'k' : 'j', i % 2 ? "consumer-agent" : "payments-api");
        if (ms[i] < 0)
            return fprintf(stderr, "bench_keys: key %d did not reach the screen\n", i), -1;
        drain(t, 5 + rand() % 15);
    }
    return 0;
}

static void report(double *ms, const char *stats)
{
    unsigned keys = 0, done = 0, failed = 0;
    int min = 0, max = 0, own_min = 0, own_max = 0;
    sscanf(stats, "%u %d %d %d %d %u %u", &keys, &min, &max, &own_min, &own_max, &done,
           &failed);
    qsort(ms, PRESSES, sizeof *ms, cmp_double);
    double med = ms[PRESSES / 2], p95 = ms[PRESSES * 95 / 100], top = ms[PRESSES - 1];
    printf("keys: key-to-screen, 200x60, %d j/k moves in Services: median %.2f ms, p95 %.2f ms,"
           " max %.2f ms\n", PRESSES, med, p95, top);
    printf("keys: in flight in the console's loop at each key: %d..%d (its own polls %d..%d,"
           " replies delayed %d ms; %u keys seen, %u calls returned early)\n",
           min, max, own_min, own_max, DELAY_MS, keys, done);
    printf("keys: goal p95 and max under %.0f ms: %s\n", GOAL_MS,
           p95 < GOAL_MS && top < GOAL_MS ? "met" : "NOT met");
}

static int bench(void)
{
    char dir[] = "/tmp/rw-bench-keys.XXXXXX";
    int sp[2];
    if (!mkdtemp(dir) || pipe(sp) < 0)
        return 1;
    struct winsize ws = { .ws_row = 60, .ws_col = 200 };
    struct term *t = calloc(1, sizeof *t);
    pid_t pid = forkpty(&t->fd, NULL, NULL, &ws);
    if (pid < 0)
        return perror("bench_keys: forkpty"), 1;
    if (pid == 0) {
        close(sp[0]);
        console_child(dir, sp[1]);
    }
    close(sp[1]);
    static double ms[PRESSES];
    int rc = run_presses(t, dir, ms);
    double end = now_ms() + 5000;
    if (write(t->fd, "q", 1) == 1)
        while (!t->eof && now_ms() < end) /* the terminal restored, then EOF */
            pump(t, 50, NULL);
    int st = 0;
    waitpid(pid, &st, 0);
    char stats[200] = "";
    ssize_t n = read(sp[0], stats, sizeof stats - 1);
    stats[n > 0 ? n : 0] = '\0';
    if (rc == 0 && (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || !stats[0])) {
        fprintf(stderr, "bench_keys: the console exited badly (status %#x)\n", st);
        rc = -1;
    }
    if (rc == 0)
        report(ms, stats);
    char path[400];
    const char *files[] = { "demo.env", "rollwatch.log", "rollwatch" };
    for (size_t i = 0; i < 3; i++)
        snprintf(path, sizeof path, "%s/%s", dir, files[i]), remove(path);
    rmdir(dir);
    free(t);
    return rc != 0;
}

int main(int argc, char **argv)
{
    rw_cli_set_sim_runner(sim_main);
    if (argc > 1 && strcmp(argv[1], "sim") == 0) { /* the console's --demo child */
        struct rw_cli cli;
        struct rw_err err;
        if (rw_cli_parse(argc, argv, &cli, &err) < 0)
            return fprintf(stderr, "bench_keys sim: %s\n", err.msg), 64;
        int rc = rw_cli_run_command(&cli, stdout, stderr);
        rw_cli_free(&cli);
        return rc;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    srand(1);
    int rc = bench();
    curl_global_cleanup();
    return rc;
}
