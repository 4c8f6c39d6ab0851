/* fuzz_logs: libFuzzer target for clients/aws/logs. The input goes to every
 * response parser (FilterLogEvents, GetLogEvents, DescribeLogStreams) and to
 * the stream-name splitters; it also becomes a filter pattern, which must
 * survive the request body byte for byte. Whatever the one-pass reader
 * (logs_scan) accepts, cJSON must read the same (GetLogEvents' parser, which
 * shares FilterLogEvents' fields, is the cJSON reference). */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/logs.h"
#include "clients/aws/logs_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch_page(const struct logs_page *pg)
{
    size_t sum = 0;
    for (size_t i = 0; i < pg->nevents; i++) {
        const struct logs_event *ev = &pg->events[i];
        sum += ev->message_len + (size_t)(ev->timestamp_ms & 1);
        if (ev->message && ev->message[ev->message_len] != '\0')
            abort(); /* messages are NUL-terminated after their length */
        sum += ev->stream ? strlen(ev->stream) : 0;
        sum += ev->event_id ? strlen(ev->event_id) : 0;
    }
    for (size_t i = 0; i < pg->nsearched; i++)
        sum += pg->searched[i].name ? strlen(pg->searched[i].name) : 0;
    sum += pg->next_token ? strlen(pg->next_token) : 0;
    sum += pg->next_forward_token ? strlen(pg->next_forward_token) : 0;
    return sum + (pg->next_backward_token ? strlen(pg->next_backward_token) : 0);
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void check_scan(const char *body, size_t size)
{
    struct logs_page a, b;
    struct rw_err err;
    if (!logs_scan_filter(body, size, &a))
        return;
    if (logs_parse_get(body, size, &b, &err) != 0 || a.nevents != b.nevents ||
        a.nsearched != b.nsearched || !same_str(a.next_token, b.next_token) ||
        b.next_forward_token || b.next_backward_token)
        abort();
    for (size_t i = 0; i < a.nevents; i++) {
        const struct logs_event *x = &a.events[i], *y = &b.events[i];
        if (x->timestamp_ms != y->timestamp_ms || x->ingestion_ms != y->ingestion_ms ||
            !same_str(x->stream, y->stream) || !same_str(x->event_id, y->event_id) ||
            !same_str(x->message, y->message) || x->message_len != y->message_len)
            abort();
    }
    for (size_t i = 0; i < a.nsearched; i++)
        if (!same_str(a.searched[i].name, b.searched[i].name) ||
            a.searched[i].searched_completely != b.searched[i].searched_completely)
            abort();
    logs_page_free(&a);
    logs_page_free(&b);
}

static void check_request(const char *text)
{
    struct logs_filter_req req = { .group_name = "/ecs/app", .filter_pattern = text,
                                   .next_token = text, .limit = 100 };
    struct rw_err err;
    char *json;
    if (logs_filter_request(&req, &json, &err) != 0)
        abort();
    cJSON *o = cJSON_Parse(json);
    const cJSON *fp = cJSON_GetObjectItemCaseSensitive(o, "filterPattern");
    if (!o || (*text && (!cJSON_IsString(fp) || strcmp(fp->valuestring, text) != 0)))
        abort();
    cJSON_Delete(o);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    struct rw_err err;
    struct logs_page pg;
    volatile size_t sink = 0;
    if (logs_parse_filter(body, size, &pg, &err) == 0)
        sink += touch_page(&pg);
    logs_page_free(&pg);
    check_scan(body, size);
    if (logs_parse_get(body, size, &pg, &err) == 0)
        sink += touch_page(&pg);
    logs_page_free(&pg);
    struct logs_stream_list sl;
    if (logs_parse_describe(body, size, &sl, &err) == 0)
        for (size_t i = 0; i < sl.nstreams; i++)
            sink += sl.streams[i].name ? strlen(sl.streams[i].name) : 0;
    logs_stream_list_free(&sl);

    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *slash = strchr(text, '|'); /* "prefix|stream" picks a prefix */
    const char *prefix = slash ? text : NULL, *stream = slash ? slash + 1 : text;
    if (slash)
        *slash = '\0';
    struct logs_stream_id id;
    if (logs_split_awslogs(stream, prefix, &id, &err) == 0)
        sink += id.container_len + id.task_id_len + (size_t)(id.task_id[id.task_id_len] == 0);
    if (logs_split_firelens(stream, prefix, &id, &err) == 0)
        sink += id.container_len + id.task_id_len;
    check_request(stream);
    free(text);
    (void)sink;
    return 0;
}
