/* sim_logs_gen: the lines the world's tasks log, generated window by window
 * from each task's transition times (see sim_logs.h), and sim_logs_attach,
 * which hooks the generator into the world. Every random choice is
 * sim_world_noise keyed by the task and the time slot, so the lines of a
 * window do not depend on how the timeline was cut into windows. */
#include "sim_logs.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define BATCH_MS 2000         /* the awslogs driver ships a stream every 2 s ... */
#define LATENCY_MS 1000       /* ... and CloudWatch ingests it 1 s later */
#define ROUTER_SLOT_MS 300000 /* the log router's rare warnings: one chance per 5 min */

/* Kinds of line: with the stream and the timestamp, an event's id. */
enum kind {
    K_LOAD, K_READY, K_BUDGET, K_HARD_LIMIT, K_UPSTREAM, K_REQUEST, K_SHUTDOWN,
    K_FLUENT /* + the line's number */
};

struct gen {
    struct sim_world *w;
    int64_t from, to, end;    /* the window; end: the task stopped (no more lines) */
    const struct sim_task *t;
    const struct sim_td *td;
    uint64_t th;              /* the task's noise key */
    int g, st;
    uint64_t sh;              /* the stream's name hash */
    int64_t phase;            /* the stream's batch phase */
};

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static double noise(const struct gen *c, uint64_t slot, unsigned field)
{
    return sim_world_noise(c->w, c->th, slot * 16 + field);
}

static uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = (a ^ (b * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull;
    return x ^ (x >> 31);
}

static void emit(struct gen *c, int64_t ts, unsigned kind, const char *msg)
{
    if (ts < c->from || ts >= c->to || ts >= c->end || c->st < 0)
        return;
    int64_t batch = c->phase + ((ts - c->phase) / BATCH_MS + 1) * BATCH_MS;
    uint64_t id = (mix(c->sh, (uint64_t)ts) & (UINT64_MAX >> 1) & ~UINT64_C(31)) | kind;
    sim_logs_put(c->w->logs, c->g, c->st, ts, batch + LATENCY_MS, id ? id : 32, msg, strlen(msg));
}

/* Point c at the stream name of group; -1 if the store is full. */
static int open_stream(struct gen *c, const char *group, const char *name)
{
    struct sim_logstore *s = c->w->logs;
    c->g = sim_logs_group(s, group, c->t->running_ms);
    c->st = c->g < 0 ? -1 : sim_logs_stream(s, c->g, name, c->t->running_ms);
    c->sh = str_hash(name);
    c->phase = (int64_t)(BATCH_MS * sim_world_noise(c->w, c->sh, 7));
    return c->st;
}

static const char *path_base(const char *family)
{
    return strcmp(family, "consumer-agent") == 0 ? "/api/messages"
           : strcmp(family, "rover-agent") == 0  ? "/api/rovers"
           : strcmp(family, "payments-api") == 0 ? "/api/payments" : "/api/orders";
}

/* The request of slot k at ts: one line (two for a bad revision's timeout). */
static void request(struct gen *c, int64_t ts, uint64_t k)
{
    double u_st = noise(c, k, 1), u_dur = noise(c, k, 2);
    int plain = noise(c, k, 3) < 0.5, post = noise(c, k, 4) < 0.25;
    int id = 1000 + (int)(9000 * noise(c, k, 5)), status, dur;
    char path[64], line[320];
    snprintf(path, sizeof path, "%s/%d", path_base(c->td->family), id);
    if (c->td->bad && u_st < 0.14) {
        status = u_st < 0.07 ? 504 : 502;
        dur = 900 + (int)(600 * u_dur);
        const char *up = strcmp(c->td->family, "payments-api") ? "payments-api" : "ledger-db";
        if (plain)
            snprintf(line, sizeof line, "ERROR upstream timeout calling %s after %dms", up, dur);
        else
            snprintf(line, sizeof line, "{\"level\":\"error\",\"event\":\"upstream timeout\","
                     "\"upstream\":\"%s\",\"after_ms\":%d,\"path\":\"%s\"}", up, dur, path);
        emit(c, ts, K_UPSTREAM, line);
    } else {
        status = u_st > 0.998 ? 500 : u_st > 0.97 ? 404 : post ? 201 : 200;
        dur = c->td->bad && u_dur < 0.4 ? 900 + (int)(1500 * u_dur)
                                        : 25 + (int)(175 * u_dur * u_dur * u_dur);
    }
    const char *m = post ? "POST" : "GET";
    if (plain)
        snprintf(line, sizeof line, "%s %s status=%d duration_ms=%d", m, path, status, dur);
    else
        snprintf(line, sizeof line, "{\"level\":\"%s\",\"event\":\"request\",\"method\":\"%s\","
                 "\"path\":\"%s\",\"status\":%d,\"duration_ms\":%d}",
                 status >= 500 ? "error" : "info", m, path, status, dur);
    emit(c, ts, K_REQUEST, line);
}

/* One request per slot of SIM_LOGS_REQUEST_EVERY_MS while in [lo, hi). */
static void requests(struct gen *c, int64_t lo, int64_t hi)
{
    lo = lo > c->from ? lo : c->from;
    hi = hi < c->to ? hi : c->to;
    const int64_t every = SIM_LOGS_REQUEST_EVERY_MS;
    for (int64_t k = lo / every; lo < hi && k * every < hi; k++) {
        int64_t ts = k * every + (int64_t)((double)every * noise(c, (uint64_t)k, 0));
        if (ts >= lo && ts < hi)
            request(c, ts, (uint64_t)k);
    }
}

static void app_lines(struct gen *c)
{
    const struct sim_task *t = c->t;
    char line[256];
    snprintf(line, sizeof line, "{\"level\":\"info\",\"event\":\"load\",\"package\":\"%s\","
             "\"release\":\"%s\"}", c->td->family, c->td->release);
    emit(c, t->running_ms, K_LOAD, line);
    if (t->boot_fails) {
        snprintf(line, sizeof line, "{\"level\":\"error\",\"boot_ms\":%d,\"hard_limit_ms\":%d,"
                 "\"event\":\"Boot time exceeded hard limit\"}", t->boot_ms,
                 SIM_BOOT_HARD_LIMIT_MS);
        emit(c, t->stopped_ms - 1, K_HARD_LIMIT, line);
        return;
    }
    int64_t ready = t->running_ms + sim_world_dur(c->w, t->boot_ms);
    int64_t stop = t->stopping_ms ? t->stopping_ms : INT64_MAX;
    if (ready < stop) {
        snprintf(line, sizeof line, "{\"level\":\"info\",\"event\":\"runtime_ready\","
                 "\"boot_ms\":%d}", t->boot_ms);
        emit(c, ready, K_READY, line);
        snprintf(line, sizeof line, "{\"level\":\"warning\",\"boot_ms\":%d,\"budget_ms\":%d,"
                 "\"event\":\"Boot time exceeded budget\"}", t->boot_ms, SIM_BOOT_BUDGET_MS);
        if (t->boot_ms > SIM_BOOT_BUDGET_MS)
            emit(c, ready, K_BUDGET, line);
        requests(c, ready + 1, stop);
    }
    if (t->stopping_ms)
        emit(c, t->stopping_ms, K_SHUTDOWN,
             "{\"level\":\"info\",\"event\":\"shutdown\",\"signal\":\"SIGTERM\"}");
}

/* A Fluent Bit line "[YYYY/MM/DD HH:MM:SS] text" at ts. */
static void fluent(struct gen *c, int64_t ts, unsigned n, const char *text)
{
    if (ts < c->from || ts >= c->to)
        return;
    time_t secs = (time_t)(ts / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char stamp[32], line[400];
    strftime(stamp, sizeof stamp, "%Y/%m/%d %H:%M:%S", &tm);
    snprintf(line, sizeof line, "[%s] %s", stamp, text);
    emit(c, ts, K_FLUENT + n, line);
}

static void router_lines(struct gen *c, const struct sim_container_def *app)
{
    static const char *const start[] = {
        "[ info] [fluent bit] version=1.9.10, commit=6345fd1e40, pid=1",
        ("[ info] [storage] version=1.4.0, type=memory-only, sync=normal, checksum=disabled, "
         "max_chunks_up=128"),
        "[ info] [cmetrics] version=0.3.7",
        "[ info] [input:forward:forward.0] listening on unix:///var/run/fluent.sock",
        "[ info] [output:cloudwatch_logs:cloudwatch_logs.0] worker #0 started",
        "[ info] [sp] stream processor started",
    };
    int64_t run = c->t->running_ms;
    for (size_t i = 0; i < sizeof start / sizeof *start; i++)
        fluent(c, run + (int64_t)i, (unsigned)i, start[i]);
    char text[320];
    const char *out = "[ info] [output:cloudwatch_logs:cloudwatch_logs.0]";
    snprintf(text, sizeof text, "%s Creating log stream %s%s-firelens-%s in log group %s", out,
             app->stream_prefix, app->name, c->t->id, app->log_group);
    fluent(c, run + 40, 6, text);
    snprintf(text, sizeof text, "%s Created log stream %s%s-firelens-%s", out,
             app->stream_prefix, app->name, c->t->id);
    fluent(c, run + 41, 7, text);
    int64_t stop = c->t->stopping_ms ? c->t->stopping_ms : INT64_MAX;
    int64_t lo = c->from > run ? c->from : run, hi = c->to < stop ? c->to : stop;
    for (int64_t k = lo / ROUTER_SLOT_MS; lo < hi && k * ROUTER_SLOT_MS < hi; k++) {
        int64_t at = k * ROUTER_SLOT_MS + (int64_t)(ROUTER_SLOT_MS * noise(c, (uint64_t)k, 10));
        if (noise(c, (uint64_t)k, 9) < 0.2 && at >= lo && at < hi)
            fluent(c, at, 8, "[ warn] [net] getaddrinfo(host='logs.us-east-1.amazonaws.com', "
                   "err=12): Timeout while contacting DNS servers");
    }
    if (!c->t->stopping_ms)
        return;
    fluent(c, stop, 9, "[engine] caught signal (SIGTERM)");
    fluent(c, stop + 1, 10, "[ info] [input] pausing forward.0");
    fluent(c, stop + 2, 11, "[ warn] [engine] service will shutdown in max 5 seconds");
    fluent(c, stop + 900, 12, "[ info] [engine] service has stopped (0 pending tasks)");
}

static void task_lines(struct sim_world *w, int ti, int64_t from, int64_t to)
{
    const struct sim_task *t = &w->tasks[ti];
    if (!t->running_ms || t->running_ms >= to)
        return;
    if (t->stopped_ms && (t->stopped_ms <= from || t->stopped_ms <= t->running_ms))
        return;
    struct gen c = { w, from, to, t->stopped_ms ? t->stopped_ms : INT64_MAX, t,
                     sim_world_task_td(w, ti), str_hash(t->id), -1, -1, 0, 0 };
    if (!c.td)
        return;
    const struct sim_container_def *app = &c.td->containers[0];
    for (int i = 0; i < c.td->ncontainers; i++) {
        const struct sim_container_def *cd = &c.td->containers[i];
        char name[160];
        if (strcmp(cd->log_driver, "awsfirelens") == 0)
            snprintf(name, sizeof name, "%s%s-firelens-%s", cd->stream_prefix, cd->name, t->id);
        else
            snprintf(name, sizeof name, "%s/%s/%s", cd->stream_prefix, cd->name, t->id);
        if (open_stream(&c, cd->log_group, name) < 0)
            continue;
        if (cd->firelens_router)
            router_lines(&c, app);
        else
            app_lines(&c);
    }
}

void sim_logs_generate(struct sim_world *w, int64_t from_ms, int64_t to_ms)
{
    if (!w->logs)
        return;
    for (int i = 0; from_ms < to_ms && i < w->ntasks; i++)
        task_lines(w, i, from_ms, to_ms);
    sim_logs_flush(w->logs, to_ms);
}

static void on_advance(struct sim_world *w, int64_t from_ms, int64_t to_ms)
{
    if (from_ms == -1 && to_ms == -1) {
        sim_logs_store_free(w->logs);
        w->logs = NULL;
        return;
    }
    sim_logs_generate(w, from_ms, to_ms);
}

void sim_logs_attach(struct sim_world *w)
{
    w->logs = sim_logs_store_new();
    w->on_advance = on_advance;
    for (int i = 0; i < w->ntds; i++) {
        const struct sim_td *td = &w->tds[i];
        int si = sim_world_find_service(w, td->family);
        int64_t created = si >= 0 ? w->services[si].created_ms : td->registered_ms;
        for (int k = 0; k < td->ncontainers; k++)
            sim_logs_group(w->logs, td->containers[k].log_group, created);
    }
    sim_logs_generate(w, w->now_ms - SIM_LOGS_BACKFILL_MS, w->now_ms);
}
