/* logring: a circular array of line records, kept sorted by timestamp. */
#include "logring.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

#define MALLOC_OVERHEAD 16 /* glibc: one size word, rounded to 16 */

void log_ring_init(struct log_ring *r, size_t cap)
{
    memset(r, 0, sizeof *r);
    r->cap = cap ? cap : LOGRING_DEFAULT_CAP;
    r->v = xcalloc(r->cap, sizeof *r->v);
}

void log_ring_free(struct log_ring *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[(r->head + i) % r->cap].text);
    for (size_t i = 0; i < r->nstreams; i++)
        free(r->streams[i]);
    free(r->streams);
    free(r->v);
    memset(r, 0, sizeof *r);
}

uint16_t log_ring_stream(struct log_ring *r, const char *name)
{
    for (size_t i = r->nstreams; i-- > 0;) /* recent streams are looked up most */
        if (strcmp(r->streams[i], name) == 0)
            return (uint16_t)i;
    if (r->nstreams == 65535)
        return 65534;
    r->streams = xreallocarray(r->streams, r->nstreams + 1, sizeof *r->streams);
    r->streams[r->nstreams] = xstrdup(name);
    return (uint16_t)r->nstreams++;
}

const char *log_ring_stream_name(const struct log_ring *r, uint16_t s)
{
    return s < r->nstreams ? r->streams[s] : "";
}

const struct log_line *log_ring_at(const struct log_ring *r, size_t i)
{
    return &r->v[(r->head + i) % r->cap];
}

static struct log_line *slot(struct log_ring *r, size_t i)
{
    return &r->v[(r->head + i) % r->cap];
}

/* The position a line with timestamp ts goes to: after every line <= ts. Late
 * lines land near the end, so search backwards from there. */
static size_t position(const struct log_ring *r, int64_t ts)
{
    size_t i = r->n;
    while (i > 0 && log_ring_at(r, i - 1)->ts_ms > ts)
        i--;
    return i;
}

static void evict_oldest(struct log_ring *r)
{
    struct log_line *old = slot(r, 0);
    r->text_bytes -= old->len;
    free(old->text);
    old->text = NULL;
    r->head = (r->head + 1) % r->cap;
    r->n--;
    r->dropped++;
}

long log_ring_add(struct log_ring *r, int64_t ts_ms, uint16_t stream, const char *text,
                  size_t len)
{
    if (len > UINT32_MAX)
        len = UINT32_MAX;
    size_t at = position(r, ts_ms);
    if (r->n == r->cap) {
        if (at == 0) { /* older than all we keep: it would be evicted at once */
            r->dropped++;
            return -1;
        }
        evict_oldest(r);
        at--;
    }
    for (size_t i = r->n; i > at; i--) /* open a gap: late lines shift only the tail */
        *slot(r, i) = *slot(r, i - 1);
    struct log_line *l = slot(r, at);
    l->ts_ms = ts_ms;
    l->len = (uint32_t)len;
    l->stream = stream;
    l->flags = 0;
    l->text = xmalloc(len + 1);
    memcpy(l->text, text, len);
    l->text[len] = '\0';
    r->n++;
    r->text_bytes += len;
    r->added++;
    r->gen++;
    return (long)at;
}

size_t log_ring_memory(const struct log_ring *r)
{
    size_t m = r->cap * sizeof *r->v + r->text_bytes + r->n * (1 + MALLOC_OVERHEAD);
    for (size_t i = 0; i < r->nstreams; i++)
        m += strlen(r->streams[i]) + 1 + MALLOC_OVERHEAD;
    return m;
}
