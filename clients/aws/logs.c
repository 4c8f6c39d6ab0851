/* logs: CloudWatch Logs response parsers (see logs.h; request bodies are in logs_request.c).
 * Responses go through cJSON; each page's strings are then copied into one
 * arena (repeated stream names interned), so a 10 000-event page costs three
 * allocations. cJSON hands out NUL-terminated strings, which would cut a
 * message at a \u0000; when a body could hold one (or a raw NUL), messages are
 * decoded again from their raw literals, found by walking the tree in
 * document order alongside the text. FilterLogEvents pages of the usual
 * shape skip all this: logs_scan.c reads them in one pass. */
#include "clients/aws/logs.h"
#include "clients/aws/awsjson.h"
#include "clients/aws/logs_scan.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* ---- one arena per page: the strings' slots are visited twice, first to
 * measure, then (base set) to copy into one block and repoint them ---- */

struct arena {
    char *base, *w;
    size_t total, nring;
    struct ar_seen { const char *src, *dst; size_t len; } ring[8]; /* recent interned */
};

static void ar_put(struct arena *a, const char **slot, size_t len, int intern)
{
    const char *src = *slot;
    if (!src)
        return;
    for (size_t i = 0; intern && i < a->nring && i < 8; i++)
        if (a->ring[i].len == len && memcmp(a->ring[i].src, src, len) == 0) {
            *slot = a->base ? a->ring[i].dst : src;
            return;
        }
    if (a->base) {
        memcpy(a->w, src, len);
        a->w[len] = '\0';
        *slot = a->w;
        a->w += len + 1;
    } else {
        a->total += len + 1;
    }
    if (intern)
        a->ring[a->nring++ % 8] = (struct ar_seen){ src, *slot, len };
}

static void ar_str(struct arena *a, const char **slot, int intern)
{
    ar_put(a, slot, *slot ? strlen(*slot) : 0, intern);
}

/* Run visit to measure, allocate, run it again to copy; returns the block. */
static char *ar_build(void (*visit)(void *obj, struct arena *a), void *obj)
{
    struct arena a = { 0 };
    visit(obj, &a);
    a.base = a.w = xmalloc(a.total ? a.total : 1);
    a.nring = 0;
    visit(obj, &a);
    return a.base;
}

/* ---- typed members: absent or null is zero/NULL, a wrong type is an error ---- */

/* Parse exactly one JSON object filling body[0, len). */
static cJSON *parse_root(const char *body, size_t len, struct rw_err *err)
{
    const char *end = NULL;
    if (!body || len == 0) {
        rw_err_set(err, RW_E_PARSE, "empty response body");
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, 0);
    if (!root) {
        rw_err_set(err, RW_E_PARSE, "not valid JSON (near byte %zu of %zu)",
                   end ? (size_t)(end - body) : 0, len);
        return NULL;
    }
    while (end < body + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
        end++;
    const char *why = !cJSON_IsObject(root) ? "expected a JSON object"
                      : end != body + len   ? "unexpected bytes after the JSON object" : NULL;
    if (why) {
        cJSON_Delete(root);
        rw_err_set(err, RW_E_PARSE, "%s", why);
        return NULL;
    }
    return root;
}

/* ---- exact messages when cJSON's NUL-terminated copy could be short ---- */

static unsigned hex4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v = v * 16 + (unsigned)(c >= '0' && c <= '9'   ? c - '0'
                                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
    }
    return v;
}

static size_t utf8_put(unsigned long cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    int n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
    for (int i = n - 1; i > 0; i--, cp >>= 6)
        o[i] = (char)(0x80 | (cp & 0x3F));
    o[0] = (char)(lead[n] | cp);
    return (size_t)n;
}

/* Decode JSON string content [s, e) into out; never writes more than e - s
 * bytes. cJSON already accepted the literal; bounds are checked regardless. */
static size_t unescape(const char *s, const char *e, char *out)
{
    char *o = out;
    while (s < e) {
        if (*s != '\\' || e - s < 2) {
            *o++ = *s++;
            continue;
        }
        char c = s[1];
        s += 2;
        if (c != 'u' || e - s < 4) {
            *o++ = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n'
                 : c == 'r' ? '\r' : c == 't' ? '\t' : c;
            continue;
        }
        unsigned long cp = hex4(s);
        s += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && e - s >= 6 && s[0] == '\\' && s[1] == 'u') {
            cp = 0x10000 + ((cp & 0x3FF) << 10) + (hex4(s + 2) & 0x3FF);
            s += 6;
        }
        o += utf8_put(cp, o);
    }
    return (size_t)(o - out);
}

struct nulfix {
    const char *p, *end;         /* raw text not yet walked */
    char *out;                   /* decoded messages, len bytes of room */
    const cJSON **want;          /* message node of each event, or NULL */
    struct logs_event *ev;
    size_t k, n;
};

/* Step over the next string literal; [*s, *e) is its raw content. */
static void next_literal(struct nulfix *f, const char **s, const char **e)
{
    const char *p = memchr(f->p, '"', (size_t)(f->end - f->p));
    for (*s = p = p ? p + 1 : f->end; p < f->end && *p != '"'; p++)
        if (*p == '\\' && p + 1 < f->end)
            p++;
    *e = p;
    f->p = p < f->end ? p + 1 : p;
}

/* Visit every literal under node in document order (keys, then values). */
static void fix_walk(const cJSON *node, struct nulfix *f)
{
    const char *s, *e;
    for (const cJSON *c = node->child; c; c = c->next) {
        if (cJSON_IsObject(node))
            next_literal(f, &s, &e);
        if (cJSON_IsString(c)) {
            next_literal(f, &s, &e);
            while (f->k < f->n && !f->want[f->k])
                f->k++;
            if (f->k < f->n && c == f->want[f->k]) {
                struct logs_event *ev = &f->ev[f->k++];
                ev->message = f->out;
                ev->message_len = unescape(s, e, f->out);
                f->out += ev->message_len;
            }
        } else if (c->child) {
            fix_walk(c, f);
        }
    }
}

/* ---- FilterLogEvents and GetLogEvents pages ---- */

static int parse_event(const cJSON *e, struct logs_event *ev, struct rw_err *err)
{
    if (!cJSON_IsObject(e))
        return rw_err_set(err, RW_E_PARSE, "expected an object");
    if (awsjson_opt_i64(e, "timestamp", &ev->timestamp_ms, err) ||
        awsjson_opt_i64(e, "ingestionTime", &ev->ingestion_ms, err) ||
        awsjson_opt_str(e, "logStreamName", &ev->stream, err) ||
        awsjson_opt_str(e, "eventId", &ev->event_id, err) || awsjson_opt_str(e, "message", &ev->message, err))
        return -1;
    ev->message_len = ev->message ? strlen(ev->message) : 0;
    return 0;
}

static int parse_searched(const cJSON *root, struct logs_page *pg, struct rw_err *err)
{
    const cJSON *a, *s;
    if (awsjson_opt_arr(root, "searchedLogStreams", &a, &pg->nsearched, err))
        return -1;
    pg->searched = pg->nsearched ? xcalloc(pg->nsearched, sizeof *pg->searched) : NULL;
    struct logs_searched_stream *ss = pg->searched;
    cJSON_ArrayForEach(s, a) {
        if (!cJSON_IsObject(s))
            rw_err_set(err, RW_E_PARSE, "expected an object");
        if (!cJSON_IsObject(s) || awsjson_opt_str(s, "logStreamName", &ss->name, err))
            return rw_err_wrap(err, "searchedLogStreams[%td]", ss - pg->searched);
        ss->searched_completely = cJSON_IsTrue(awsjson_member(s, "searchedCompletely"));
        ss++;
    }
    return 0;
}

/* Decode every message again from the raw text (see the top of the file). */
static char *exact_messages(const cJSON *root, const cJSON *events, const char *body,
                            size_t len, struct logs_page *pg)
{
    const cJSON **want = xcalloc(pg->nevents, sizeof *want), *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, events)
        want[i++] = awsjson_member(e, "message");
    char *exact = xmalloc(len);
    struct nulfix f = { body, body + len, exact, want, pg->events, 0, pg->nevents };
    fix_walk(root, &f);
    free(want);
    return exact;
}

static void page_strings(void *obj, struct arena *a)
{
    struct logs_page *pg = obj;
    for (size_t i = 0; i < pg->nevents; i++) {
        ar_str(a, &pg->events[i].stream, 1);
        ar_str(a, &pg->events[i].event_id, 0);
        ar_put(a, &pg->events[i].message, pg->events[i].message_len, 0);
    }
    for (size_t i = 0; i < pg->nsearched; i++)
        ar_str(a, &pg->searched[i].name, 1);
    ar_str(a, &pg->next_token, 0);
    ar_str(a, &pg->next_forward_token, 0);
    ar_str(a, &pg->next_backward_token, 0);
}

static int parse_page(const cJSON *root, const char *body, size_t len, struct logs_page *pg,
                      struct rw_err *err)
{
    const cJSON *a, *e;
    if (awsjson_opt_arr(root, "events", &a, &pg->nevents, err))
        return -1;
    pg->events = pg->nevents ? xcalloc(pg->nevents, sizeof *pg->events) : NULL;
    size_t i = 0;
    cJSON_ArrayForEach(e, a) {
        if (parse_event(e, &pg->events[i], err))
            return rw_err_wrap(err, "events[%zu]", i);
        i++;
    }
    if (parse_searched(root, pg, err) || awsjson_opt_str(root, "nextToken", &pg->next_token, err) ||
        awsjson_opt_str(root, "nextForwardToken", &pg->next_forward_token, err) ||
        awsjson_opt_str(root, "nextBackwardToken", &pg->next_backward_token, err))
        return -1;
    char *exact = NULL;
    if (pg->nevents && (memchr(body, 0, len) || memmem(body, len, "\\u0000", 6)))
        exact = exact_messages(root, a, body, len, pg);
    pg->arena = ar_build(page_strings, pg);
    free(exact);
    return 0;
}

static int parse_events_body(const char *op, const char *body, size_t len,
                             struct logs_page *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = parse_root(body, len, err);
    int rc = root ? parse_page(root, body, len, out, err) : -1;
    cJSON_Delete(root);
    if (rc) {
        logs_page_free(out);
        return rw_err_wrap(err, "%s response", op);
    }
    return 0;
}

int logs_parse_filter(const char *body, size_t len, struct logs_page *out, struct rw_err *err)
{
    if (logs_scan_filter(body, len, out))
        return 0; /* the usual page, read in one pass (logs_scan.c) */
    return parse_events_body("FilterLogEvents", body, len, out, err);
}

int logs_parse_get(const char *body, size_t len, struct logs_page *out, struct rw_err *err)
{
    return parse_events_body("GetLogEvents", body, len, out, err);
}

void logs_page_free(struct logs_page *page)
{
    if (!page)
        return;
    free(page->events);
    free(page->searched);
    free(page->arena);
    memset(page, 0, sizeof *page);
}

/* ---- DescribeLogStreams ---- */

static int parse_stream(const cJSON *s, struct logs_stream *ls, struct rw_err *err)
{
    if (!cJSON_IsObject(s))
        return rw_err_set(err, RW_E_PARSE, "expected an object");
    return awsjson_opt_str(s, "logStreamName", &ls->name, err) || awsjson_opt_str(s, "arn", &ls->arn, err) ||
                   awsjson_opt_i64(s, "creationTime", &ls->creation_ms, err) ||
                   awsjson_opt_i64(s, "firstEventTimestamp", &ls->first_event_ms, err) ||
                   awsjson_opt_i64(s, "lastEventTimestamp", &ls->last_event_ms, err) ||
                   awsjson_opt_i64(s, "lastIngestionTime", &ls->last_ingestion_ms, err)
               ? -1 : 0;
}

static void list_strings(void *obj, struct arena *a)
{
    struct logs_stream_list *l = obj;
    for (size_t i = 0; i < l->nstreams; i++) {
        ar_str(a, &l->streams[i].name, 0);
        ar_str(a, &l->streams[i].arn, 0);
    }
    ar_str(a, &l->next_token, 0);
}

static int parse_list(const cJSON *root, struct logs_stream_list *out, struct rw_err *err)
{
    const cJSON *a, *s;
    if (awsjson_opt_arr(root, "logStreams", &a, &out->nstreams, err))
        return -1;
    out->streams = out->nstreams ? xcalloc(out->nstreams, sizeof *out->streams) : NULL;
    size_t i = 0;
    cJSON_ArrayForEach(s, a) {
        if (parse_stream(s, &out->streams[i], err))
            return rw_err_wrap(err, "logStreams[%zu]", i);
        i++;
    }
    if (awsjson_opt_str(root, "nextToken", &out->next_token, err))
        return -1;
    out->arena = ar_build(list_strings, out);
    return 0;
}

int logs_parse_describe(const char *body, size_t len, struct logs_stream_list *out,
                        struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    cJSON *root = parse_root(body, len, err);
    int rc = root ? parse_list(root, out, err) : -1;
    cJSON_Delete(root);
    if (rc) {
        logs_stream_list_free(out);
        return rw_err_wrap(err, "DescribeLogStreams response");
    }
    return 0;
}

void logs_stream_list_free(struct logs_stream_list *list)
{
    if (!list)
        return;
    free(list->streams);
    free(list->arena);
    memset(list, 0, sizeof *list);
}

