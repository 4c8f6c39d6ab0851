/* Tests for core/logring and core/tail: lines stay in timestamp order (late
 * ones slotted in), the cap evicts the oldest, memory stays under twice the
 * text; and a follow that re-reads an overlapping window loses nothing and
 * doubles nothing, through bursts, shared milliseconds and late events. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tail.h"

static void test_ring_order_and_cap(void)
{
    struct log_ring r;
    log_ring_init(&r, 4);
    uint16_t s = log_ring_stream(&r, "ecs/app/1");
    CU_ASSERT_EQUAL(log_ring_stream(&r, "ecs/app/2"), 1);
    CU_ASSERT_EQUAL(log_ring_stream(&r, "ecs/app/1"), s);
    CU_ASSERT_EQUAL(log_ring_add(&r, 100, s, "a", 1), 0);
    CU_ASSERT_EQUAL(log_ring_add(&r, 300, s, "c", 1), 1);
    CU_ASSERT_EQUAL(log_ring_add(&r, 200, s, "b", 1), 1);   /* late: slotted in */
    CU_ASSERT_EQUAL(log_ring_add(&r, 200, s, "b2", 2), 2);  /* same ms: after the first */
    CU_ASSERT_STRING_EQUAL(log_ring_at(&r, 1)->text, "b");
    CU_ASSERT_STRING_EQUAL(log_ring_at(&r, 2)->text, "b2");
    CU_ASSERT_EQUAL(log_ring_add(&r, 400, s, "d", 1), 3);   /* full: "a" goes */
    CU_ASSERT_EQUAL(r.n, 4);
    CU_ASSERT_STRING_EQUAL(log_ring_at(&r, 0)->text, "b");
    CU_ASSERT_EQUAL(r.dropped, 1);
    CU_ASSERT_EQUAL(log_ring_add(&r, 50, s, "old", 3), -1);  /* older than all, full */
    CU_ASSERT_EQUAL(r.dropped, 2);
    CU_ASSERT_STRING_EQUAL(log_ring_stream_name(&r, 1), "ecs/app/2");
    CU_ASSERT_EQUAL(log_ring_add(&r, 500, s, "with\0nul", 8), 3); /* exact bytes */
    CU_ASSERT_EQUAL(log_ring_at(&r, 3)->len, 8);
    CU_ASSERT_EQUAL(memcmp(log_ring_at(&r, 3)->text, "with\0nul", 8), 0);
    log_ring_free(&r);
}

static void test_ring_memory_under_twice_the_text(void)
{
    struct log_ring r;
    log_ring_init(&r, 100000);
    char line[128];
    uint16_t s = log_ring_stream(&r, "ecs/consumer-agent/5a17c0d8b54cda260003b54a0badf013");
    for (int i = 0; i < 150000; i++) { /* more than the cap: the ring wraps */
        int n = snprintf(line, sizeof line, "{\"level\":\"info\",\"event\":\"request\",\"path\":"
                         "\"/api/orders/%d\",\"status\":200,\"duration_ms\":%d}", i, i % 97);
        log_ring_add(&r, 1000 + i, s, line, (size_t)n);
    }
    CU_ASSERT_EQUAL(r.n, 100000);
    CU_ASSERT_EQUAL(log_ring_at(&r, 0)->ts_ms, 1000 + 50000);
    CU_ASSERT_TRUE(log_ring_memory(&r) <= 2 * r.text_bytes);
    log_ring_free(&r);
}

/* A log group in miniature: events with timestamps and ingestion times. */
struct ev {
    char id[24];
    int64_t ts, ingest;
    char msg[32];
};

static int by_ts_then_id(const void *a, const void *b)
{
    const struct ev *x = a, *y = b;
    if (x->ts != y->ts)
        return x->ts < y->ts ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Poll at time now the way FilterLogEvents answers: visible events (ingested by
 * now) with ts >= since, in timestamp order, pages of page_size, all offered. */
static void poll(struct tail *t, const struct ev *evs, size_t n, int64_t now, size_t page_size)
{
    int64_t since = tail_since(t);
    size_t in_page = 0;
    for (size_t i = 0; i < n; i++) {
        if (evs[i].ingest > now || evs[i].ts < since)
            continue;
        tail_offer(t, evs[i].id, evs[i].ts, evs[i].ingest, "s", evs[i].msg, strlen(evs[i].msg));
        if (++in_page == page_size)
            in_page = 0; /* a page boundary: nothing is lost or repeated across it */
    }
    tail_prune(t);
}

static void test_tail_burst_late_and_shared_ms(void)
{
    enum { N = 20000 };
    struct ev *evs = calloc(N, sizeof *evs);
    unsigned seed = 7;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        /* bursts: 20 events share each millisecond; ingestion 1-3 s later */
        evs[i].ts = 1000000 + (i / 20);
        evs[i].ingest = evs[i].ts + 1000 + (int64_t)(seed >> 16) % 2001;
        snprintf(evs[i].id, sizeof evs[i].id, "%020d", i);
        snprintf(evs[i].msg, sizeof evs[i].msg, "line %d", i);
    }
    qsort(evs, N, sizeof *evs, by_ts_then_id);
    struct tail t;
    tail_init(&t, 0);
    for (int64_t now = 1000000; now <= 1000000 + N / 20 + 4000; now += 250)
        poll(&t, evs, N, now, 100);
    CU_ASSERT_EQUAL(t.ring.n, N);                 /* nothing lost ... */
    CU_ASSERT_TRUE(t.duplicates > 0);             /* ... though re-reads offered repeats */
    int sorted = 1;
    for (size_t i = 1; i < t.ring.n; i++)
        sorted &= log_ring_at(&t.ring, i - 1)->ts_ms <= log_ring_at(&t.ring, i)->ts_ms;
    CU_ASSERT_TRUE(sorted);
    char *seen = calloc(N, 1);
    int doubled = 0;
    for (size_t i = 0; i < t.ring.n; i++) {
        int k = atoi(log_ring_at(&t.ring, i)->text + 5);
        doubled += seen[k]++;
    }
    CU_ASSERT_EQUAL(doubled, 0);                  /* ... and nothing doubled */
    CU_ASSERT_TRUE(tail_overlap(&t) >= 3000 && tail_overlap(&t) <= 5000);
    CU_ASSERT_EQUAL(t.nids, N);                   /* all inside the re-read window */
    tail_offer(&t, "later", t.newest_ms + TAIL_MAX_OVERLAP_MS + 1001, 0, "s", "later", 5);
    tail_prune(&t);
    CU_ASSERT_EQUAL(t.nids, 1);                   /* ids older than the widest window forgotten */
    CU_ASSERT_EQUAL(t.idcap, 1024);               /* and the table shrank back */
    free(seen);
    free(evs);
    tail_free(&t);
}

static void test_tail_since_and_overlap(void)
{
    struct tail t;
    tail_init(&t, 10);
    CU_ASSERT_EQUAL(tail_since(&t), 0);
    CU_ASSERT_EQUAL(tail_offer(&t, "1", 50000, 50500, "s", "x", 1), 1);
    CU_ASSERT_EQUAL(tail_since(&t), 50000 - TAIL_MIN_OVERLAP_MS);
    CU_ASSERT_EQUAL(tail_offer(&t, "2", 51000, 58000, "s", "y", 1), 1); /* 7 s late */
    CU_ASSERT_EQUAL(tail_overlap(&t), 9000);
    CU_ASSERT_EQUAL(tail_offer(&t, "2", 51000, 58000, "s", "y", 1), 0);
    CU_ASSERT_EQUAL(tail_offer(&t, "3", 40000, 0, "s", "z", 1), 1);     /* late, slotted */
    CU_ASSERT_STRING_EQUAL(log_ring_at(&t.ring, 0)->text, "z");
    CU_ASSERT_EQUAL(tail_offer(&t, NULL, 52000, 0, "s", "no id", 5), 1); /* kept, not deduped */
    tail_free(&t);
}

/* pruning in place leaves every kept id findable: re-offered, each is a duplicate */
static void test_tail_prune_keeps_the_window(void)
{
    enum { N = 3000, STEP = 30 }; /* 90 s of events */
    struct tail t;
    char id[24];
    tail_init(&t, N);
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "%020d", i);
        tail_offer(&t, id, STEP * i, 0, "s", "x", 1);
    }
    size_t cap = t.idcap;
    tail_prune(&t); /* ids from 89970 - 60000 - 1000 = 28970 ms (i >= 966) are kept */
    const int first = 966;
    CU_ASSERT_EQUAL(t.idcap, cap); /* not rebuilt by a shrink */
    CU_ASSERT_EQUAL(t.nids, N - first);
    CU_ASSERT_EQUAL(t.id_floor_ms, 28970);
    int dup = 0, fresh = 0;
    for (int i = N; i-- > 0;) { /* kept ids first: new ones would fill holes */
        snprintf(id, sizeof id, "%020d", i);
        int rc = tail_offer(&t, id, STEP * i, 0, "s", "x", 1);
        dup += i >= first && rc == 0;
        fresh += i < first && rc != 0;
    }
    CU_ASSERT_EQUAL(dup, N - first);
    CU_ASSERT_EQUAL(fresh, first); /* forgotten ids are new again (the ring drops them) */
    tail_free(&t);
    /* a busy tail (more than TAIL_KEEP_IDS ids in 60 s) keeps only the next
     * poll's window, and no poll starts before what it keeps */
    enum { B = 3 * TAIL_KEEP_IDS };
    tail_init(&t, 10);
    for (int i = 0; i < B; i++) { /* one a millisecond */
        snprintf(id, sizeof id, "b%019d", i);
        tail_offer(&t, id, i, 0, "s", "x", 1);
    }
    tail_prune(&t);
    CU_ASSERT_EQUAL(t.nids, 3000 + 1000 + 1); /* from since - 1000 = B - 1 - 4000 */
    CU_ASSERT_EQUAL(tail_since(&t), B - 1 - 3000);
    CU_ASSERT_TRUE(t.id_floor_ms <= tail_since(&t));
    tail_offer(&t, "very late", B - 2, B - 2 + 50000, "s", "x", 1); /* overlap grows */
    CU_ASSERT_EQUAL(tail_since(&t), t.id_floor_ms); /* held at what it still knows */
    tail_free(&t);
}

/* a long read trims ids no later page or poll can offer again, and keeps the rest */
static void test_tail_trim_during_a_long_read(void)
{
    enum { N = 60000 };
    struct tail t;
    char id[24];
    tail_init(&t, N);
    for (int i = 0; i < N; i++) { /* 300 s of events, one every 5 ms */
        snprintf(id, sizeof id, "%020d", i);
        tail_offer(&t, id, 5 * i, 0, "s", "x", 1);
        if (i % 1000 == 999)
            tail_trim(&t, INT64_MAX); /* between pages */
    }
    int64_t keep = t.newest_ms - TAIL_MAX_OVERLAP_MS - 1000;
    CU_ASSERT_TRUE(t.nids < N / 2); /* about 2 x the 61 s kept (12 200), not the whole read */
    int dup = 0, want = 0;
    for (int i = N; i-- > 0 && 5 * i >= keep;) {  /* every id a later poll may re-read */
        snprintf(id, sizeof id, "%020d", i);
        dup += tail_offer(&t, id, 5 * i, 0, "s", "x", 1) == 0;
        want++;
    }
    CU_ASSERT_EQUAL(dup, want);
    tail_free(&t);
    tail_init(&t, 100);                           /* a floor keeps what this poll re-reads */
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "%020d", i);
        tail_offer(&t, id, 100 * i, 0, "s", "x", 1);
        tail_trim(&t, 1000);
    }
    CU_ASSERT_EQUAL(tail_offer(&t, "00000000000000000010", 1000, 0, "s", "x", 1), 0);
    CU_ASSERT_NOT_EQUAL(tail_offer(&t, "00000000000000000009", 900, 0, "s", "x", 1), 0);
    tail_free(&t);
}

/* an overlap that grows after a prune (a later event ingested very late)
 * re-reads further back: events there that came late are found, and those
 * seen before are not doubled (their ids are kept for the widest overlap) */
static void test_tail_overlap_growth_never_doubles(void)
{
    struct tail t;
    char id[24];
    tail_init(&t, 1000);
    for (int i = 0; i < 100; i += 2) { /* 100 s, every other second, ingested 1 s late */
        snprintf(id, sizeof id, "%020d", i);
        tail_offer(&t, id, 1000 * i, 1000 * i + 1000, "s", "x", 1);
    }
    tail_prune(&t);
    CU_ASSERT_EQUAL(tail_since(&t), 98000 - 3000);
    CU_ASSERT_EQUAL(tail_offer(&t, "late", 99500, 129500, "s", "y", 1), 1); /* 30 s late */
    CU_ASSERT_EQUAL(tail_overlap(&t), 32000);
    CU_ASSERT_EQUAL(tail_since(&t), 99500 - 32000); /* not held at the old window */
    int doubled = 0, found = 0; /* the next poll: the odd seconds came late too */
    for (int i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "%020d", i);
        if (1000 * i < tail_since(&t))
            continue;
        int rc = tail_offer(&t, id, 1000 * i, 1000 * i + 30000, "s", "x", 1);
        doubled += i % 2 == 0 && rc != 0;
        found += i % 2 == 1 && rc == 1;
    }
    CU_ASSERT_EQUAL(doubled, 0);
    CU_ASSERT_EQUAL(found, 16); /* 69, 71, ..., 99 */
    CU_ASSERT_EQUAL(t.ring.n, 50 + 1 + 16);
    tail_free(&t);
}

void test_tail_register(void)
{
    CU_pSuite s = CU_add_suite("tail", NULL, NULL);
    CU_add_test(s, "ring: timestamp order, late lines, cap", test_ring_order_and_cap);
    CU_add_test(s, "ring: memory under twice the text", test_ring_memory_under_twice_the_text);
    CU_add_test(s, "follow: burst, shared ms, late events", test_tail_burst_late_and_shared_ms);
    CU_add_test(s, "follow: since, overlap, duplicates", test_tail_since_and_overlap);
    CU_add_test(s, "follow: pruning keeps the re-read window", test_tail_prune_keeps_the_window);
    CU_add_test(s, "follow: a grown overlap finds late events and doubles none",
                test_tail_overlap_growth_never_doubles);
    CU_add_test(s, "follow: a long read trims the ids it no longer needs",
                test_tail_trim_during_a_long_read);
}
