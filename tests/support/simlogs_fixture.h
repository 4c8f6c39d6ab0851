/* simlogs_fixture: a fake-cloud world with its log store attached, on a fake
 * clock the test moves, and one-line calls into the Logs operations and the
 * control endpoints (tests of sim/sim_logs*). */
#ifndef RW_SIMLOGS_FIXTURE_H
#define RW_SIMLOGS_FIXTURE_H

#include <stdint.h>

#include "sim/sim_world.h"

#define SIMLOGS_NOW INT64_C(1795000000000) /* 2026-11-18T11:06:40Z, in ms */

/* The fake clock every fixture world reads (ms); tests move it. */
extern int64_t simlogs_clock_ms;

/* A new world of scenario (seed, speed 1) at SIMLOGS_NOW with logs attached,
 * its clock the fake clock (reset to SIMLOGS_NOW). NULL on a bad scenario.
 * Free with simlogs_world_free. */
struct sim_world *simlogs_world(const char *scenario, uint64_t seed);
/* Destroy and free a fixture world; NULL is fine. */
void simlogs_world_free(struct sim_world *w);
/* Call Logs operation op with body; the reply body (caller frees), status in *status. */
char *simlogs_call(struct sim_world *w, const char *op, const char *body, int *status);
/* POST /_sim/logs with body; the reply body (caller frees), status in *status. */
char *simlogs_inject(struct sim_world *w, const char *body, int *status);
/* GET /_sim/truth/logs?query; the reply body (caller frees), status in *status. */
char *simlogs_truth(struct sim_world *w, const char *query, int *status);

/* Events read back through rollwatch's own parsers (clients/aws/logs.h). */
struct simlogs_ev {
    int64_t ts, ingest;
    char *stream, *id, *msg;
};

struct simlogs_events {
    struct simlogs_ev *ev;
    size_t n;
    int pages;
};

/* Page through FilterLogEvents with body "{FIELDS,"limit":limit,...}" (fields
 * without braces, e.g. "\"logGroupName\":\"/ecs/x\"") until no nextToken,
 * collecting every event into *out (zeroed here). 0, or -1 on an error reply. */
int simlogs_filter_all(struct sim_world *w, const char *fields, int limit,
                       struct simlogs_events *out);
/* The events of the truth endpoint for query, into *out (zeroed here). 0 or -1. */
int simlogs_truth_events(struct sim_world *w, const char *query, struct simlogs_events *out);
/* Free what *e holds and zero it. */
void simlogs_events_free(struct simlogs_events *e);
/* The number of events in e whose message contains needle (and, when stream
 * is not NULL, whose stream is stream). */
size_t simlogs_count(const struct simlogs_events *e, const char *stream, const char *needle);

#endif
