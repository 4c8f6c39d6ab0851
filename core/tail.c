/* tail: dedupe by eventId over an overlapping re-read window (see tail.h). */
#include "tail.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

void tail_init(struct tail *t, size_t cap)
{
    memset(t, 0, sizeof *t);
    log_ring_init(&t->ring, cap);
    t->idcap = 1024;
    t->ids = xcalloc(t->idcap, sizeof *t->ids);
}

void tail_free(struct tail *t)
{
    log_ring_free(&t->ring);
    free(t->ids);
    memset(t, 0, sizeof *t);
}

/* FNV-1a, never 0 (0 marks a free slot). */
static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

/* Insert (h, ts) unless present; 1 if inserted. The table stays at most half full. */
static int id_put(struct tail_id *ids, size_t cap, uint64_t h, int64_t ts)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1)) {
        if (!ids[i].hash) {
            ids[i].hash = h;
            ids[i].ts_ms = ts;
            return 1;
        }
        if (ids[i].hash == h && ids[i].ts_ms == ts)
            return 0;
    }
}

/* Rebuild the table into newcap slots, keeping ids with ts >= keep_from. */
static void rehash(struct tail *t, size_t newcap, int64_t keep_from)
{
    struct tail_id *old = t->ids;
    size_t oldcap = t->idcap;
    t->ids = xcalloc(newcap, sizeof *t->ids);
    t->idcap = newcap;
    t->nids = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].hash && old[i].ts_ms >= keep_from)
            t->nids += (size_t)id_put(t->ids, newcap, old[i].hash, old[i].ts_ms);
    free(old);
}

int64_t tail_overlap(const struct tail *t)
{
    int64_t o = t->lateness_ms + 2000;
    return o < TAIL_MIN_OVERLAP_MS ? TAIL_MIN_OVERLAP_MS
           : o > TAIL_MAX_OVERLAP_MS ? TAIL_MAX_OVERLAP_MS : o;
}

int64_t tail_since(const struct tail *t)
{
    if (!t->newest_ms)
        return 0;
    int64_t since = t->newest_ms - tail_overlap(t);
    return since < t->id_floor_ms ? t->id_floor_ms : since;
}

int tail_offer(struct tail *t, const char *event_id, int64_t ts_ms, int64_t ingest_ms,
               const char *stream, const char *msg, size_t len)
{
    long at = tail_offer_at(t, event_id, ts_ms, ingest_ms, stream, msg, len);
    return at >= 0 ? 1 : at == -1 ? 0 : -1;
}

long tail_offer_at(struct tail *t, const char *event_id, int64_t ts_ms, int64_t ingest_ms,
                   const char *stream, const char *msg, size_t len)
{
    if (event_id && *event_id) {
        if (2 * (t->nids + 1) > t->idcap)
            rehash(t, t->idcap * 2, INT64_MIN);
        if (!id_put(t->ids, t->idcap, id_hash(event_id), ts_ms)) {
            t->duplicates++;
            return -1;
        }
        t->nids++;
    }
    if (ingest_ms > ts_ms && ingest_ms - ts_ms > t->lateness_ms)
        t->lateness_ms = ingest_ms - ts_ms;
    if (ts_ms > t->newest_ms)
        t->newest_ms = ts_ms;
    uint16_t s = log_ring_stream(&t->ring, stream ? stream : "");
    long at = log_ring_add(&t->ring, ts_ms, s, msg, len);
    return at < 0 ? -2 : at;
}

/* Drop ids older than keep_from without a new table: clear them, then walk the
 * table once from an empty slot, taking each id out and putting it back, so no
 * probe run is left with a hole in it. */
static void drop_old(struct tail *t, int64_t keep_from)
{
    size_t cap = t->idcap, start = 0, mask = cap - 1;
    if (keep_from > t->id_floor_ms)
        t->id_floor_ms = keep_from;
    for (size_t i = 0; i < cap; i++)
        if (t->ids[i].hash && t->ids[i].ts_ms < keep_from) {
            t->ids[i].hash = 0;
            t->nids--;
        }
    while (start < cap && t->ids[start].hash)
        start++;
    if (start == cap)
        return; /* cannot happen: the table is never full */
    for (size_t k = 1; k <= cap; k++) {
        struct tail_id *e = &t->ids[(start + k) & mask];
        if (!e->hash)
            continue;
        struct tail_id id = *e;
        e->hash = 0;
        id_put(t->ids, cap, id.hash, id.ts_ms);
    }
}

void tail_prune(struct tail *t)
{
    /* keep what the widest overlap may re-read, so an overlap that grows
     * later (a very late event) re-reads only ids still known; a busy tail
     * keeps just what the next poll re-reads (tail_since stays at the floor) */
    if (t->newest_ms)
        drop_old(t, t->newest_ms - TAIL_MAX_OVERLAP_MS - 1000);
    if (t->nids > TAIL_KEEP_IDS)
        drop_old(t, tail_since(t) - 1000);
    t->trim_at = 0;
    size_t cap = t->idcap;
    while (cap > 1024 && 8 * t->nids < cap)
        cap /= 2; /* shrink after a burst */
    if (cap != t->idcap)
        rehash(t, cap, INT64_MIN);
}

void tail_trim(struct tail *t, int64_t floor_ms)
{
    int64_t keep = t->newest_ms - TAIL_MAX_OVERLAP_MS - 1000;
    if (4 * t->nids < t->idcap || t->nids < t->trim_at)
        return;
    drop_old(t, keep < floor_ms ? keep : floor_ms);
    t->trim_at = 2 * t->nids; /* what is left is recent: wait till it doubles */
}
