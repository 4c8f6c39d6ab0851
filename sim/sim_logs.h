/* sim_logs: the fake cloud's CloudWatch Logs store and the lines the world's
 * tasks write into it.
 *
 * Store: log groups -> streams -> events {timestamp, ingestion time, message,
 * eventId}. A new event waits in a pending queue until the store is flushed
 * to a time at or after its ingestion time; only then can reads see it. Each
 * group keeps its visible events in one array sorted by (timestamp, ingestion
 * order), so a read is a binary search and a scan. Bounded: a group keeps at
 * most SIM_LOGS_GROUP_CAP events, dropping the oldest timestamps first.
 *
 * Generator: sim_logs_attach hooks w->on_advance, so every advance of the
 * world over [from, to) writes what each task logged in that window, from the
 * task's planned transition times (all content depends only on the seed, the
 * task and the time, so it is the same however the windows are cut):
 *   - awslogs streams "<prefix>/<container>/<task-id>", FireLens streams
 *     "<log_stream_prefix><container>-firelens-<task-id>";
 *   - at RUNNING: {"event":"load",...}; once booted (boot_ms, compressed by the
 *     world's speed) {"event":"runtime_ready","boot_ms":N}, and over the seed-003
 *     budget a "Boot time exceeded budget" warning; a task that passes the hard
 *     limit logs "Boot time exceeded hard limit" 1 ms before it stops;
 *   - from then until it starts draining, one request line per task every
 *     SIM_LOGS_REQUEST_EVERY_MS of wall time (traffic: not compressed), plain
 *     text or JSON; a `bad` revision answers ~14 % 5xx after 0.9-1.5 s and logs
 *     "ERROR upstream timeout calling ..." (plain or JSON) with each;
 *   - at draining: {"event":"shutdown","signal":"SIGTERM"};
 *   - a FireLens log router writes Fluent Bit's start and stop lines to its
 *     own awslogs stream (and, rarely, a DNS warning).
 * A backfill starts mid-life for tasks older than the window: their boot
 * lines are not in it.
 * Ingestion: each stream ships in batches, like the awslogs driver: an event
 * is ingested 1-3 s after its timestamp (the next 2 s batch boundary of its
 * stream, seeded phase, plus 1 s), so ingestion is in order per stream.
 * Cost: an hour of a dozen tasks' lines (~21 600 events) is generated and
 * made visible in 6-15 ms (-O2). */
#ifndef RW_SIM_LOGS_H
#define RW_SIM_LOGS_H

#include <stddef.h>
#include <stdint.h>

#include "sim_world.h"

#define SIM_LOGS_GROUP_CAP 300000     /* events kept per group; oldest dropped first */
#define SIM_LOGS_MAX_GROUPS 256
#define SIM_LOGS_MAX_STREAMS 20000    /* per group */
#define SIM_LOGS_MAX_MESSAGE 262118   /* bytes: AWS's 256 KiB event less 26 */
#define SIM_LOGS_BACKFILL_MS (30 * 60 * 1000LL)
#define SIM_LOGS_REQUEST_EVERY_MS 2000 /* per task, wall time */
#define SIM_LOGS_EVENT_ID_LEN 56       /* decimal digits, as CloudWatch's */

struct sim_log_event {
    int64_t ts, ingest;
    uint64_t seq;            /* ingestion order (0 while pending): sort key after ts */
    uint64_t id;             /* unique in the store: the eventId's source */
    char *msg;               /* len bytes and a NUL */
    uint32_t len, stream;    /* stream: index into its group's streams */
};

struct sim_log_stream {
    char *name;
    int64_t created, first_ts, last_ts, last_ingest, bytes;
    size_t nevents;          /* visible events held */
};

struct sim_log_group {
    char *name;
    int64_t created, bytes;
    struct sim_log_stream *streams;
    uint32_t nstreams, cstreams;
    uint32_t *slots, nslots; /* stream-name hash table: index + 1, 0 = empty */
    struct sim_log_event *ev; /* visible events ev[head, n), sorted by (ts, seq) */
    size_t head, n, cap;
};

struct sim_log_pending;

struct sim_logstore {
    struct sim_log_group *groups[SIM_LOGS_MAX_GROUPS];
    int ngroups;
    struct sim_log_pending *pend;
    size_t npend, cpend;
    int pend_sorted;
    uint64_t next_id, next_seq;
    int64_t now;             /* flushed up to here */
};

/* A new empty store; free with sim_logs_store_free. */
struct sim_logstore *sim_logs_store_new(void);
/* Free a store and every event in it; NULL is fine. */
void sim_logs_store_free(struct sim_logstore *s);
/* The group named name, created at created_ms if new: its index, or -1 if the
 * store holds SIM_LOGS_MAX_GROUPS already. */
int sim_logs_group(struct sim_logstore *s, const char *name, int64_t created_ms);
/* The group named name, or -1. */
int sim_logs_find_group(const struct sim_logstore *s, const char *name);
/* The stream named name in group g, created at created_ms if new: its index,
 * or -1 if g holds SIM_LOGS_MAX_STREAMS already. */
int sim_logs_stream(struct sim_logstore *s, int g, const char *name, int64_t created_ms);
/* The stream named name in g, or -1. */
int sim_logs_find_stream(const struct sim_log_group *g, const char *name);
/* Queue an event (message copied, cut at SIM_LOGS_MAX_MESSAGE) for stream st
 * of group g; it becomes visible at the first flush at or after ingest_ms.
 * id must be unique in the store and below 2^63 (the generator hashes the
 * stream, the timestamp and the kind of line, so ids do not depend on how the
 * timeline was cut), or 0 for the store's next counter value (2^63 + n). Events ingested
 * at the same time with the same timestamp are ordered by id. Returns the id
 * (for sim_logs_event_id). */
uint64_t sim_logs_put(struct sim_logstore *s, int g, int st, int64_t ts_ms, int64_t ingest_ms,
                      uint64_t id, const char *msg, size_t len);
/* Make every queued event with ingestion time <= now_ms visible. */
void sim_logs_flush(struct sim_logstore *s, int64_t now_ms);
/* The first index in g's [head, n) whose (ts, seq) is >= (ts_ms, seq). */
size_t sim_logs_seek(const struct sim_log_group *g, int64_t ts_ms, uint64_t seq);
/* Whether name is a valid log group name: 1-512 of [.-_/#A-Za-z0-9]. */
int sim_logs_valid_group_name(const char *name);
/* Whether name is a valid log stream name: 1-512 bytes, no ':' or '*'. */
int sim_logs_valid_stream_name(const char *name);
/* Write event id's 56-digit eventId (and a NUL) into out. */
void sim_logs_event_id(uint64_t id, int64_t ts_ms, char out[SIM_LOGS_EVENT_ID_LEN + 1]);

/* Create w's store (w->logs), a group for every log group its task
 * definitions name, hook w->on_advance (which generates lines, and frees the
 * store when called with -1, -1), and backfill the lines of the last
 * SIM_LOGS_BACKFILL_MS up to w->now_ms. Call once, after sim_world_init,
 * before the world is shared. */
void sim_logs_attach(struct sim_world *w);
/* Write the lines the world's tasks logged in [from_ms, to_ms) and flush the
 * store to to_ms (what on_advance does). Call with w->mu held. */
void sim_logs_generate(struct sim_world *w, int64_t from_ms, int64_t to_ms);

#endif
