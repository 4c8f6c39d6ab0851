/* logs_request: CloudWatch Logs request bodies (FilterLogEvents, GetLogEvents,
 * DescribeLogStreams) and the stream-name helpers that map a stream to its
 * container and task. The response parsers are in logs.c. */
#include "clients/aws/logs.h"
#include "clients/aws/awsjson.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* ---- request bodies: unset (NULL, "", 0) fields are left out ---- */

static void put_true(cJSON *o, const char *key, int v)
{
    if (v)
        awsjson_need(cJSON_AddTrueToObject(o, key));
}

static int finish(cJSON *o, char **json)
{
    *json = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    awsjson_need(*json);
    return 0;
}

static int check_range(const char *op, int64_t start, int64_t end, int limit, int max,
                       struct rw_err *err)
{
    if (limit < 0 || limit > max)
        return rw_err_set(err, RW_E_USAGE, "%s: limit %d is outside 1..%d", op, limit, max);
    if (start < 0 || end < 0 || (start && end && end < start))
        return rw_err_set(err, RW_E_USAGE, "%s: bad time range %" PRId64 "..%" PRId64 " ms",
                          op, start, end);
    return 0;
}

int logs_filter_request(const struct logs_filter_req *req, char **json, struct rw_err *err)
{
    *json = NULL;
    if (awsjson_set(req->group_name) == awsjson_set(req->group_identifier))
        return rw_err_set(err, RW_E_USAGE,
                          "FilterLogEvents: give logGroupName or logGroupIdentifier, not both");
    if (req->nstream_names && awsjson_set(req->stream_prefix))
        return rw_err_set(err, RW_E_USAGE,
                          "FilterLogEvents: logStreamNames and logStreamNamePrefix exclude "
                          "each other");
    for (size_t i = 0; i < req->nstream_names; i++)
        if (i == 100 || !awsjson_set(req->stream_names[i]))
            return rw_err_set(err, RW_E_USAGE, "FilterLogEvents: logStreamNames[%zu] is %s", i,
                              i == 100 ? "one too many (100 at most)" : "empty");
    if (check_range("FilterLogEvents", req->start_ms, req->end_ms, req->limit, LOGS_MAX_LIMIT, err))
        return -1;
    cJSON *o = awsjson_need(cJSON_CreateObject());
    awsjson_put_str(o, "logGroupName", req->group_name);
    awsjson_put_str(o, "logGroupIdentifier", req->group_identifier);
    cJSON *names = req->nstream_names ? awsjson_need(cJSON_AddArrayToObject(o, "logStreamNames")) : NULL;
    for (size_t i = 0; i < req->nstream_names; i++)
        cJSON_AddItemToArray(names, awsjson_need(cJSON_CreateString(req->stream_names[i])));
    awsjson_put_str(o, "logStreamNamePrefix", req->stream_prefix);
    awsjson_put_i64_set(o, "startTime", req->start_ms);
    awsjson_put_i64_set(o, "endTime", req->end_ms);
    awsjson_put_str(o, "filterPattern", req->filter_pattern);
    awsjson_put_str(o, "nextToken", req->next_token);
    awsjson_put_i64_set(o, "limit", req->limit);
    put_true(o, "interleaved", 1);
    return finish(o, json);
}

int logs_get_request(const struct logs_get_req *req, char **json, struct rw_err *err)
{
    *json = NULL;
    if (!awsjson_set(req->group_name) || !awsjson_set(req->stream_name))
        return rw_err_set(err, RW_E_USAGE,
                          "GetLogEvents: logGroupName and logStreamName are required");
    if (check_range("GetLogEvents", req->start_ms, req->end_ms, req->limit, LOGS_MAX_LIMIT, err))
        return -1;
    cJSON *o = awsjson_need(cJSON_CreateObject());
    awsjson_put_str(o, "logGroupName", req->group_name);
    awsjson_put_str(o, "logStreamName", req->stream_name);
    awsjson_put_i64_set(o, "startTime", req->start_ms);
    awsjson_put_i64_set(o, "endTime", req->end_ms);
    put_true(o, "startFromHead", req->start_from_head);
    awsjson_put_str(o, "nextToken", req->next_token);
    awsjson_put_i64_set(o, "limit", req->limit);
    return finish(o, json);
}

int logs_describe_request(const struct logs_describe_req *req, char **json, struct rw_err *err)
{
    *json = NULL;
    if (!awsjson_set(req->group_name))
        return rw_err_set(err, RW_E_USAGE, "DescribeLogStreams: logGroupName is required");
    if (req->order_by == LOGS_ORDER_LAST_EVENT_TIME && awsjson_set(req->stream_prefix))
        return rw_err_set(err, RW_E_USAGE,
                          "DescribeLogStreams: a logStreamNamePrefix needs orderBy LogStreamName");
    if (check_range("DescribeLogStreams", 0, 0, req->limit, 50, err))
        return -1;
    cJSON *o = awsjson_need(cJSON_CreateObject());
    awsjson_put_str(o, "logGroupName", req->group_name);
    awsjson_put_str(o, "logStreamNamePrefix", req->stream_prefix);
    awsjson_put_str(o, "orderBy", req->order_by == LOGS_ORDER_LAST_EVENT_TIME ? "LastEventTime"
                          : req->order_by == LOGS_ORDER_STREAM_NAME ? "LogStreamName" : NULL);
    put_true(o, "descending", req->descending);
    awsjson_put_str(o, "nextToken", req->next_token);
    awsjson_put_i64_set(o, "limit", req->limit);
    return finish(o, json);
}

/* ---- stream names ---- */

int logs_split_awslogs(const char *stream, const char *prefix, struct logs_stream_id *out,
                       struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *rest = stream ? stream : "";
    size_t pl = awsjson_set(prefix) ? strlen(prefix) : 0;
    if (pl && (strncmp(rest, prefix, pl) != 0 || rest[pl] != '/'))
        return rw_err_set(err, RW_E_PARSE, "log stream \"%.200s\" does not start with \"%.100s/\"",
                          rest, prefix);
    rest += pl ? pl + 1 : 0;
    const char *slash = strrchr(rest, '/'), *c = slash;
    while (c && c > rest && c[-1] != '/')
        c--;
    /* with a known prefix the rest is exactly CONTAINER/TASK; without one,
     * at least one non-empty prefix segment must precede them */
    if (!slash || !slash[1] || c == slash || (pl ? c != rest : c - rest < 2))
        return rw_err_set(err, RW_E_PARSE,
                          "log stream \"%.200s\" is not PREFIX/CONTAINER/TASK_ID",
                          stream ? stream : "");
    *out = (struct logs_stream_id){ c, (size_t)(slash - c), slash + 1, strlen(slash + 1) };
    return 0;
}

int logs_split_firelens(const char *stream, const char *prefix, struct logs_stream_id *out,
                        struct rw_err *err)
{
    static const char mark[] = "-firelens-";
    memset(out, 0, sizeof *out);
    const char *rest = stream ? stream : "", *m = NULL;
    size_t pl = awsjson_set(prefix) ? strlen(prefix) : 0;
    if (pl && strncmp(rest, prefix, pl) != 0)
        return rw_err_set(err, RW_E_PARSE, "log stream \"%.200s\" does not start with \"%.100s\"",
                          rest, prefix);
    rest += pl;
    for (const char *p = rest; (p = strstr(p, mark)) != NULL; p++)
        m = p; /* the last one: container names may hold "-firelens-", task ids do not */
    const char *task = m ? m + sizeof mark - 1 : NULL;
    if (!m || m == rest || !*task || strchr(task, '/'))
        return rw_err_set(err, RW_E_PARSE,
                          "log stream \"%.200s\" is not PREFIX + CONTAINER-firelens-TASK_ID",
                          stream ? stream : "");
    *out = (struct logs_stream_id){ rest, (size_t)(m - rest), task, strlen(task) };
    return 0;
}
