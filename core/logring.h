/* logring: the lines a log tail holds, in timestamp order, with a cap (the
 * oldest go first). Most lines arrive at the end; a late one (inside
 * CloudWatch's ingestion delay) is slotted in by its timestamp, after lines
 * with the same timestamp, so the order is the one FilterLogEvents gives.
 * Stream names are interned (a tail follows a handful). Each line's text is
 * its own allocation: the overhead is a fixed ~40 bytes a line, so for the
 * usual log line the ring stays under twice the text it holds. */
#ifndef RW_LOGRING_H
#define RW_LOGRING_H

#include <stddef.h>
#include <stdint.h>

#define LOGRING_DEFAULT_CAP 100000

struct log_line {
    int64_t ts_ms;          /* the event's timestamp */
    uint32_t len;           /* bytes of text (not counting the NUL after it) */
    uint16_t stream;        /* index into the ring's interned stream names */
    uint16_t flags;         /* for the pane (match marks); 0 when stored */
    char *text;             /* exact bytes, NUL-terminated */
};

struct log_ring {
    struct log_line *v;     /* circular: v[(head + i) % cap] is the i-th oldest */
    size_t cap, head, n;
    char **streams;
    size_t nstreams;
    size_t text_bytes;      /* sum of len */
    uint64_t added, dropped; /* lines ever stored, and evicted by the cap */
    uint64_t gen;           /* bumped on every change */
};

/* An empty ring holding at most cap lines (0: LOGRING_DEFAULT_CAP). */
void log_ring_init(struct log_ring *r, size_t cap);
/* Free everything the ring holds. */
void log_ring_free(struct log_ring *r);
/* The index of stream name (added if new; at most 65535, then the last index). */
uint16_t log_ring_stream(struct log_ring *r, const char *name);
/* The name of interned stream index s, or "" if there is none. */
const char *log_ring_stream_name(const struct log_ring *r, uint16_t s);
/* Store a copy of text[0..len) at its timestamp; evicts the oldest line when full
 * (a line older than everything in a full ring is dropped instead). Returns the
 * position it went to (0 = oldest), or -1 if it was dropped. */
long log_ring_add(struct log_ring *r, int64_t ts_ms, uint16_t stream, const char *text,
                  size_t len);
/* The i-th oldest line (i < r->n). */
const struct log_line *log_ring_at(const struct log_ring *r, size_t i);
/* Bytes the ring uses: lines' text, their records and allocation overhead. */
size_t log_ring_memory(const struct log_ring *r);

#endif
