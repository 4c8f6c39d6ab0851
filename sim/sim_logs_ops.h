/* sim_logs_ops: the fake cloud's CloudWatch Logs operations (AWS JSON 1.1,
 * X-Amz-Target "Logs_20140328.<Op>") over the world's log store:
 *   FilterLogEvents   logGroupName | logGroupIdentifier (name or ARN),
 *                     logStreamNames (unknown names match nothing) |
 *                     logStreamNamePrefix, startTime and
 *                     endTime (both inclusive, as the API reference says:
 *                     "events with a timestamp later than this time are not
 *                     returned"), filterPattern (sim_logs_pattern.h), limit
 *                     (1-10000, default 10000), nextToken; interleaved is
 *                     ignored (always interleaved, as AWS since 2019). Events
 *                     of all streams in (timestamp, ingestion order); a page
 *                     ends at the limit or at 1 MB of event data, with an
 *                     opaque nextToken naming the exact position (many events
 *                     may share a millisecond). searchedLogStreams is omitted.
 *   GetLogEvents      logGroupName | logGroupIdentifier, logStreamName,
 *                     startTime (inclusive), endTime (exclusive, as the
 *                     reference says), startFromHead, limit, nextToken: the
 *                     newest events by default; nextForwardToken "f/…/s" and
 *                     nextBackwardToken "b/…/s", repeated when nothing is left.
 *   DescribeLogStreams orderBy LogStreamName | LastEventTime (no prefix with
 *                     the latter), descending, limit (1-50), nextToken.
 *   DescribeLogGroups logGroupNamePrefix, limit (1-50), nextToken.
 * Reads see only ingested events. Errors as AWS: ResourceNotFoundException,
 * InvalidParameterException, SerializationException for a body that is not a
 * JSON object or has members of the wrong type. */
#ifndef RW_SIM_LOGS_OPS_H
#define RW_SIM_LOGS_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "sim_logs.h"
#include "sim_logs_json.h"
#include "sim_route.h"

#define SIM_LOGS_TARGET_PREFIX "Logs_20140328."
#define SIM_LOGS_PAGE_BYTES 1048576 /* a page's event data, as AWS's 1 MB */

enum sim_logs_op {
    SIM_LOGS_FILTER = 1, SIM_LOGS_GET, SIM_LOGS_DESCRIBE_STREAMS, SIM_LOGS_DESCRIBE_GROUPS
};

/* A parsed request (strings owned; free with sim_logs_req_free). */
struct sim_logs_req {
    int op;
    char *group;             /* logGroupName, or the name in logGroupIdentifier */
    char *stream;            /* GetLogEvents: logStreamName */
    char **streams;          /* FilterLogEvents: logStreamNames */
    size_t nstreams;
    char *prefix;            /* logStreamNamePrefix or logGroupNamePrefix */
    char *pattern;           /* filterPattern */
    char *token;             /* nextToken */
    int64_t start, end;
    int has_start, has_end;
    int limit;               /* 0: the operation's default */
    int from_head, descending, by_time;
};

/* Parse op's request body (len bytes) into *q. 0, or -1 with err: RW_E_PARSE
 * (SerializationException), RW_E_USAGE (InvalidParameterException) or
 * RW_E_UNAVAILABLE (an operation this sim does not serve). *q is always
 * safe to free. */
int sim_logs_parse_req(const char *op, const char *body, size_t len, struct sim_logs_req *q,
                       struct rw_err *err);
/* Free what a request owns and zero it. */
void sim_logs_req_free(struct sim_logs_req *q);

/* A position in a group's (ts, seq) order as an opaque FilterLogEvents token
 * bound to group (out: at least 48 bytes). */
void sim_logs_token(const char *group, int64_t ts, uint64_t seq, char *out, size_t n);
/* Parse such a token; 0, or -1 if it is malformed or not group's. */
int sim_logs_parse_token(const char *group, const char *tok, int64_t *ts, uint64_t *seq);
/* A GetLogEvents token "f/<56 digits>/s" (dir 'f') or "b/…/s" (out: 64 bytes). */
void sim_logs_get_token(char dir, int64_t ts, uint64_t seq, char *out, size_t n);
/* Parse a GetLogEvents token; its direction ('f' or 'b'), or -1 if malformed. */
int sim_logs_parse_get_token(const char *tok, int64_t *ts, uint64_t *seq);

/* Append event e of g as FilterLogEvents writes it: {logStreamName,
 * timestamp, message, ingestionTime, eventId}. */
void sim_logs_event_json(struct sim_logs_json *b, const struct sim_log_group *g,
                         const struct sim_log_event *e);

/* Answer operation op (e.g. "FilterLogEvents") with body (len bytes) from w's
 * log store, locking w->mu and advancing the world to its clock first; fills
 * r (free r->body). Unknown operations get 400 UnknownOperationException. */
void sim_logs_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                     struct sim_reply *r);

#endif
