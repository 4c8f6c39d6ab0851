/* tail: what makes a log follow lose nothing and double nothing. Each poll
 * asks FilterLogEvents for everything since tail_since() — the newest
 * timestamp seen, minus an overlap that covers CloudWatch's ingestion delay
 * (learnt from the events' own ingestion times) — and offers every event
 * here: an event already seen (by eventId) is dropped, a new one goes into the
 * ring at its timestamp, so late events still land in order. Ids older than
 * the widest overlap (60 s) are forgotten, and a busy tail keeps only those of
 * the next poll's window, so the set stays small. Pure: no I/O, no clock. */
#ifndef RW_TAIL_H
#define RW_TAIL_H

#include <stddef.h>
#include <stdint.h>

#include "logring.h"

#define TAIL_MIN_OVERLAP_MS 3000
#define TAIL_MAX_OVERLAP_MS 60000
#define TAIL_KEEP_IDS 20000     /* ids kept past the next poll's window, at most */

struct tail_id {
    uint64_t hash;   /* of the eventId; 0 marks a free slot */
    int64_t ts_ms;
};

struct tail {
    struct log_ring ring;
    struct tail_id *ids;     /* open addressing */
    size_t idcap, nids;
    int64_t newest_ms;       /* the newest timestamp seen; 0 before any */
    int64_t lateness_ms;     /* the largest ingestion delay seen */
    uint64_t duplicates;     /* events offered twice */
    size_t trim_at;          /* tail_trim waits until nids reaches this */
    int64_t id_floor_ms;     /* ids older than this are forgotten: no poll starts before it */
};

/* An empty tail whose ring holds at most cap lines (0: the default). */
void tail_init(struct tail *t, size_t cap);
/* Free what the tail holds. */
void tail_free(struct tail *t);
/* Offer one event: 1 if stored, 0 if it was a duplicate, -1 if it was too old
 * for the ring. ingest_ms may be 0 when unknown. */
int tail_offer(struct tail *t, const char *event_id, int64_t ts_ms, int64_t ingest_ms,
               const char *stream, const char *msg, size_t len);
/* tail_offer, but returns where the line went in the ring (0 = oldest), -1 for
 * a duplicate, -2 if it was too old for the ring. */
long tail_offer_at(struct tail *t, const char *event_id, int64_t ts_ms, int64_t ingest_ms,
                   const char *stream, const char *msg, size_t len);
/* The startTime for the next poll: 0 before any event (the caller's window), else
 * the newest timestamp minus the overlap, but never before the oldest id still
 * remembered (an overlap that grew after a prune re-reads nothing it forgot). */
int64_t tail_since(const struct tail *t);
/* The overlap in force (ms). */
int64_t tail_overlap(const struct tail *t);
/* Forget ids of events older than any later poll can return: the widest
 * overlap behind the newest timestamp, or, past TAIL_KEEP_IDS ids, the next
 * poll's window (call after a poll). */
void tail_prune(struct tail *t);
/* Between the pages of one long read: once the id table is a quarter full,
 * forget ids older than floor_ms (the oldest this poll may still offer again)
 * and than any later poll can re-read (the widest overlap behind the newest
 * timestamp), so a read of a busy window does not grow the table. */
void tail_trim(struct tail *t, int64_t floor_ms);

#endif
