/* sim_logs_control: the fake CloudWatch Logs' control endpoints, for tests and
 * drills (the server's /_sim router calls them):
 *   POST /_sim/logs  {"group":G,"stream":S,"messages":["line",...],
 *                     "timestamp":ms, "repeat":N, "number":true,
 *                     "same_millisecond":true, "delay_ms":ms}
 *     puts messages x repeat events into S of G (both created if missing).
 *     Event k (from 0) has timestamp "timestamp" + k, or "timestamp" for all
 *     with same_millisecond; without "timestamp" the burst ends now (the
 *     first is now - (count - 1)). "number" appends " #k" (k from 1) to each
 *     message. All are ingested together, 1-3 s after now (seeded), or
 *     delay_ms after now ("delay_ms":0: visible at once). At most
 *     SIM_LOGS_INJECT_MAX events per call. Answers
 *     {"injected":N,"first_event_id":"…","last_event_id":"…"}.
 *   GET /_sim/truth/logs?group=G[&stream_prefix=P][&start=ms][&end=ms]
 *     every event of G visible now (ingested), in FilterLogEvents' order,
 *     start and end inclusive as there: {"events":[{logStreamName,
 *     timestamp, message, ingestionTime, eventId}]}. Values are
 *     percent-decoded ('+' is a space; write a '+' as %2B).
 * Bad requests get 400 {"__type":"BadRequest","message":…}; an unknown group
 * in truth 404 ResourceNotFoundException; a full store 409 LimitExceeded. */
#ifndef RW_SIM_LOGS_CONTROL_H
#define RW_SIM_LOGS_CONTROL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "sim_route.h"
#include "sim_world.h"

#define SIM_LOGS_INJECT_MAX 300000 /* events per injection (messages x repeat) */

/* A parsed POST /_sim/logs body; strings owned (free with sim_logs_inject_free). */
struct sim_logs_inject {
    char *group, *stream;
    char **messages;
    size_t nmessages;
    long repeat;                 /* >= 1 */
    int64_t timestamp, delay_ms;
    int has_timestamp, has_delay, number, same_ms;
};

/* A parsed truth query; strings owned (free with sim_logs_truth_free). */
struct sim_logs_truth_q {
    char *group, *prefix;
    int64_t start, end;
    int has_start, has_end;
};

/* Parse an inject body (len bytes) into *in; 0, or -1 with err (RW_E_USAGE).
 * *in is always safe to free. */
int sim_logs_parse_inject(const char *body, size_t len, struct sim_logs_inject *in,
                          struct rw_err *err);
/* Free what an inject request owns and zero it. */
void sim_logs_inject_free(struct sim_logs_inject *in);
/* Parse a truth query string (after '?', NULL or "" allowed) into *q; 0, or
 * -1 with err (RW_E_USAGE). *q is always safe to free. */
int sim_logs_parse_truth(const char *query, struct sim_logs_truth_q *q, struct rw_err *err);
/* Free what a truth query owns and zero it. */
void sim_logs_truth_free(struct sim_logs_truth_q *q);

/* POST /_sim/logs: inject events into w's log store (locks w->mu, advances
 * the world first); fills r (free r->body). */
void sim_logs_control_inject(struct sim_world *w, const char *body, size_t len,
                             struct sim_reply *r);
/* GET /_sim/truth/logs?query: the ground truth of a group (locks w->mu,
 * advances the world first); fills r (free r->body). */
void sim_logs_control_truth(struct sim_world *w, const char *query, struct sim_reply *r);

#endif
