/* logs: CloudWatch Logs over AWS JSON 1.1 (X-Amz-Target: Logs_20140328.<Op>).
 * Request-body builders and pure response parsers for FilterLogEvents,
 * GetLogEvents and DescribeLogStreams, plus helpers that recover the container
 * name and task id from awslogs and FireLens stream names. No network here.
 * Messages are untrusted bytes kept exactly as the JSON decoded them (control
 * characters, escape sequences, embedded NULs): escaping for display is the
 * caller's job. Times are epoch milliseconds. */
#ifndef RW_LOGS_H
#define RW_LOGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define LOGS_CONTENT_TYPE "application/x-amz-json-1.1"
#define LOGS_TARGET_FILTER "Logs_20140328.FilterLogEvents"
#define LOGS_TARGET_GET "Logs_20140328.GetLogEvents"
#define LOGS_TARGET_DESCRIBE_STREAMS "Logs_20140328.DescribeLogStreams"
#define LOGS_MAX_LIMIT 10000 /* FilterLogEvents and GetLogEvents page limit */

/* FilterLogEvents request. NULL strings, 0 times and 0 limit are not sent;
 * interleaved:true is always sent. */
struct logs_filter_req {
    const char *group_name;       /* logGroupName, or ... */
    const char *group_identifier; /* ... logGroupIdentifier (name or ARN); not both */
    const char *const *stream_names; /* logStreamNames, or ... */
    size_t nstream_names;
    const char *stream_prefix;    /* ... logStreamNamePrefix; not both */
    int64_t start_ms, end_ms;
    const char *filter_pattern;
    const char *next_token;
    int limit;                    /* 1..10000 */
};

/* GetLogEvents request; the same conventions (start_from_head sent only if set). */
struct logs_get_req {
    const char *group_name;
    const char *stream_name;
    int64_t start_ms, end_ms;
    int start_from_head;
    const char *next_token;
    int limit;
};

enum logs_order { LOGS_ORDER_DEFAULT = 0, LOGS_ORDER_LAST_EVENT_TIME, LOGS_ORDER_STREAM_NAME };

/* DescribeLogStreams request (AWS refuses a prefix with LastEventTime order). */
struct logs_describe_req {
    const char *group_name;
    const char *stream_prefix;
    enum logs_order order_by;
    int descending;
    const char *next_token;
    int limit;                    /* 1..50 */
};

/* One log event. Strings point into the owning page's arena; NULL if absent. */
struct logs_event {
    int64_t timestamp_ms;
    int64_t ingestion_ms;
    const char *stream;           /* FilterLogEvents only */
    const char *event_id;         /* FilterLogEvents only */
    const char *message;          /* exact bytes, message_len long, NUL after */
    size_t message_len;
};

struct logs_searched_stream {
    const char *name;
    int searched_completely;
};

/* A page of FilterLogEvents or GetLogEvents. One events array, one arena. */
struct logs_page {
    struct logs_event *events;
    size_t nevents;
    struct logs_searched_stream *searched;  /* FilterLogEvents searchedLogStreams */
    size_t nsearched;
    const char *next_token;           /* FilterLogEvents */
    const char *next_forward_token;   /* GetLogEvents */
    const char *next_backward_token;  /* GetLogEvents */
    char *arena;
};

struct logs_stream {
    const char *name;
    const char *arn;
    int64_t creation_ms, first_event_ms, last_event_ms, last_ingestion_ms;
};

/* A page of DescribeLogStreams. */
struct logs_stream_list {
    struct logs_stream *streams;
    size_t nstreams;
    const char *next_token;
    char *arena;
};

/* Build a FilterLogEvents body into *json; caller frees *json with free(). */
int logs_filter_request(const struct logs_filter_req *req, char **json, struct rw_err *err);
/* Build a GetLogEvents body into *json; caller frees *json with free(). */
int logs_get_request(const struct logs_get_req *req, char **json, struct rw_err *err);
/* Build a DescribeLogStreams body into *json; caller frees *json with free(). */
int logs_describe_request(const struct logs_describe_req *req, char **json, struct rw_err *err);

/* Parse a FilterLogEvents response into *out (zeroed on error); free with logs_page_free. */
int logs_parse_filter(const char *body, size_t len, struct logs_page *out, struct rw_err *err);
/* Parse a GetLogEvents response into *out (zeroed on error); free with logs_page_free. */
int logs_parse_get(const char *body, size_t len, struct logs_page *out, struct rw_err *err);
/* Free everything a page owns and zero it; NULL and zeroed pages are fine. */
void logs_page_free(struct logs_page *page);

/* Parse a DescribeLogStreams response into *out; free with logs_stream_list_free. */
int logs_parse_describe(const char *body, size_t len, struct logs_stream_list *out,
                        struct rw_err *err);
/* Free everything a stream list owns and zero it. */
void logs_stream_list_free(struct logs_stream_list *list);

/* Container name and task id found in a stream name: views into that name. */
struct logs_stream_id {
    const char *container;
    size_t container_len;
    const char *task_id;
    size_t task_id_len;
};

/* Split an awslogs stream name "PREFIX/CONTAINER/TASKID" (PREFIX may hold '/');
 * prefix NULL means "any": the last two segments are taken. Returns 0, or -1
 * (RW_E_PARSE) if the name does not have that shape. Nothing is allocated. */
int logs_split_awslogs(const char *stream, const char *prefix, struct logs_stream_id *out,
                       struct rw_err *err);

/* Split a FireLens stream name: fluent-bit's cloudwatch outputs name the stream
 * log_stream_prefix + tag, and FireLens tags are "CONTAINER-firelens-TASKID",
 * so "ecs-app-firelens-<id>" with prefix "ecs-" is container "app". prefix may
 * be NULL or "". Returns 0, or -1 (RW_E_PARSE). Nothing is allocated. */
int logs_split_firelens(const char *stream, const char *prefix, struct logs_stream_id *out,
                        struct rw_err *err);

#endif
