/* sim_logs: the log store: groups, streams (found through a small hash table),
 * the pending queue and the flush that makes events visible in
 * (timestamp, ingestion order), and the per-group cap. The generator is
 * sim_logs_gen.c. */
#include "sim_logs.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

struct sim_log_pending {
    struct sim_log_event e;
    int group;
};

struct sim_logstore *sim_logs_store_new(void)
{
    return xcalloc(1, sizeof(struct sim_logstore));
}

static void group_free(struct sim_log_group *g)
{
    for (size_t i = g->head; i < g->n; i++)
        free(g->ev[i].msg);
    for (uint32_t i = 0; i < g->nstreams; i++)
        free(g->streams[i].name);
    free(g->ev);
    free(g->streams);
    free(g->slots);
    free(g->name);
    free(g);
}

void sim_logs_store_free(struct sim_logstore *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->ngroups; i++)
        group_free(s->groups[i]);
    for (size_t i = 0; i < s->npend; i++)
        free(s->pend[i].e.msg);
    free(s->pend);
    free(s);
}

int sim_logs_find_group(const struct sim_logstore *s, const char *name)
{
    for (int i = 0; name && i < s->ngroups; i++)
        if (strcmp(s->groups[i]->name, name) == 0)
            return i;
    return -1;
}

int sim_logs_group(struct sim_logstore *s, const char *name, int64_t created_ms)
{
    int g = sim_logs_find_group(s, name);
    if (g >= 0 || s->ngroups == SIM_LOGS_MAX_GROUPS)
        return g;
    struct sim_log_group *grp = xcalloc(1, sizeof *grp);
    grp->name = xstrdup(name);
    grp->created = created_ms;
    s->groups[s->ngroups] = grp;
    return s->ngroups++;
}

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The hash slot holding name, or the empty slot where it would go. */
static uint32_t slot_of(const struct sim_log_group *g, const char *name)
{
    uint32_t mask = g->nslots - 1, k = hash(name) & mask;
    while (g->slots[k] && strcmp(g->streams[g->slots[k] - 1].name, name) != 0)
        k = (k + 1) & mask;
    return k;
}

int sim_logs_find_stream(const struct sim_log_group *g, const char *name)
{
    if (!g->nslots || !name)
        return -1;
    return (int)g->slots[slot_of(g, name)] - 1;
}

static void rehash(struct sim_log_group *g)
{
    free(g->slots);
    g->nslots = g->nslots ? g->nslots * 2 : 64;
    g->slots = xcalloc(g->nslots, sizeof *g->slots);
    for (uint32_t i = 0; i < g->nstreams; i++)
        g->slots[slot_of(g, g->streams[i].name)] = i + 1;
}

int sim_logs_stream(struct sim_logstore *s, int g, const char *name, int64_t created_ms)
{
    struct sim_log_group *grp = s->groups[g];
    int st = sim_logs_find_stream(grp, name);
    if (st >= 0 || grp->nstreams == SIM_LOGS_MAX_STREAMS)
        return st;
    if ((grp->nstreams + 1) * 2 > grp->nslots)
        rehash(grp);
    if (grp->nstreams == grp->cstreams) {
        grp->cstreams = grp->cstreams ? grp->cstreams * 2 : 16;
        grp->streams = xreallocarray(grp->streams, grp->cstreams, sizeof *grp->streams);
    }
    struct sim_log_stream *ls = &grp->streams[grp->nstreams];
    memset(ls, 0, sizeof *ls);
    ls->name = xstrdup(name);
    ls->created = created_ms;
    grp->slots[slot_of(grp, name)] = grp->nstreams + 1;
    return (int)grp->nstreams++;
}

static int cmp_pending(const void *a, const void *b);

uint64_t sim_logs_put(struct sim_logstore *s, int g, int st, int64_t ts_ms, int64_t ingest_ms,
                      uint64_t id, const char *msg, size_t len)
{
    if (s->npend == s->cpend) {
        s->cpend = s->cpend ? s->cpend * 2 : 256;
        s->pend = xreallocarray(s->pend, s->cpend, sizeof *s->pend);
    }
    if (len > SIM_LOGS_MAX_MESSAGE)
        len = SIM_LOGS_MAX_MESSAGE;
    struct sim_log_pending *p = &s->pend[s->npend++];
    memset(p, 0, sizeof *p);
    p->group = g;
    p->e.ts = ts_ms;
    p->e.ingest = ingest_ms;
    p->e.id = id ? id : (UINT64_C(1) << 63) + ++s->next_id;
    p->e.msg = xstrndup(msg, len);
    p->e.len = (uint32_t)len;
    p->e.stream = (uint32_t)st;
    s->pend_sorted = s->npend == 1 || (s->pend_sorted && cmp_pending(p - 1, p) <= 0);
    return p->e.id;
}

static int key_lt(const struct sim_log_event *a, const struct sim_log_event *b)
{
    return a->ts < b->ts || (a->ts == b->ts && a->seq < b->seq);
}

static int cmp_key(const void *a, const void *b)
{
    return key_lt(a, b) ? -1 : key_lt(b, a) ? 1 : 0;
}

static int cmp_pending(const void *a, const void *b)
{
    const struct sim_log_event *x = &((const struct sim_log_pending *)a)->e;
    const struct sim_log_event *y = &((const struct sim_log_pending *)b)->e;
    if (x->ingest != y->ingest)
        return x->ingest < y->ingest ? -1 : 1;
    if (x->ts != y->ts)
        return x->ts < y->ts ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static size_t seek_range(const struct sim_log_event *ev, size_t lo, size_t hi, int64_t ts,
                         uint64_t seq)
{
    struct sim_log_event key = { .ts = ts, .seq = seq };
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_lt(&ev[mid], &key))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t sim_logs_seek(const struct sim_log_group *g, int64_t ts_ms, uint64_t seq)
{
    return seek_range(g->ev, g->head, g->n, ts_ms, seq);
}

/* Sort the events appended since old_n and merge them into the sorted part. */
static void merge_tail(struct sim_log_group *g, size_t old_n)
{
    size_t add = g->n - old_n;
    qsort(g->ev + old_n, add, sizeof *g->ev, cmp_key);
    if (old_n == g->head || !key_lt(&g->ev[old_n], &g->ev[old_n - 1]))
        return;
    size_t pos = seek_range(g->ev, g->head, old_n, g->ev[old_n].ts, g->ev[old_n].seq);
    size_t na = old_n - pos, a = pos, b = old_n, o = 0;
    struct sim_log_event *tmp = xmalloc((na + add) * sizeof *tmp);
    while (a < old_n || b < g->n)
        tmp[o++] = b == g->n || (a < old_n && !key_lt(&g->ev[b], &g->ev[a])) ? g->ev[a++]
                                                                             : g->ev[b++];
    memcpy(g->ev + pos, tmp, o * sizeof *tmp);
    free(tmp);
}

static void compact(struct sim_log_group *g)
{
    memmove(g->ev, g->ev + g->head, (g->n - g->head) * sizeof *g->ev);
    g->n -= g->head;
    g->head = 0;
}

/* Drop the oldest events beyond the cap. */
static void enforce_cap(struct sim_log_group *g)
{
    while (g->n - g->head > SIM_LOGS_GROUP_CAP) {
        struct sim_log_event *e = &g->ev[g->head++];
        struct sim_log_stream *ls = &g->streams[e->stream];
        ls->nevents--;
        ls->bytes -= e->len;
        g->bytes -= e->len;
        free(e->msg);
    }
    if (g->head > 65536 && g->head > g->n - g->head)
        compact(g);
}

/* Append e to g (unsorted tail) and count it in its stream. */
static void append(struct sim_log_group *g, const struct sim_log_event *e)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 1024;
        g->ev = xreallocarray(g->ev, g->cap, sizeof *g->ev);
    }
    g->ev[g->n++] = *e;
    struct sim_log_stream *ls = &g->streams[e->stream];
    if (!ls->last_ingest || e->ts < ls->first_ts)
        ls->first_ts = e->ts;
    if (!ls->last_ingest || e->ts > ls->last_ts)
        ls->last_ts = e->ts;
    if (e->ingest > ls->last_ingest)
        ls->last_ingest = e->ingest;
    ls->nevents++;
    ls->bytes += e->len;
    g->bytes += e->len;
}

void sim_logs_flush(struct sim_logstore *s, int64_t now_ms)
{
    s->now = now_ms > s->now ? now_ms : s->now;
    if (!s->npend)
        return;
    if (!s->pend_sorted)
        qsort(s->pend, s->npend, sizeof *s->pend, cmp_pending);
    s->pend_sorted = 1;
    size_t k = 0, old_n[SIM_LOGS_MAX_GROUPS];
    for (int i = 0; i < s->ngroups; i++)
        old_n[i] = SIZE_MAX;
    for (; k < s->npend && s->pend[k].e.ingest <= s->now; k++) {
        struct sim_log_pending *p = &s->pend[k];
        struct sim_log_group *g = s->groups[p->group];
        if (old_n[p->group] == SIZE_MAX) {
            if (g->head && g->n == g->cap)
                compact(g);
            old_n[p->group] = g->n;
        }
        p->e.seq = ++s->next_seq;
        append(g, &p->e);
    }
    for (int i = 0; i < s->ngroups; i++)
        if (old_n[i] != SIZE_MAX) {
            merge_tail(s->groups[i], old_n[i]);
            enforce_cap(s->groups[i]);
        }
    memmove(s->pend, s->pend + k, (s->npend - k) * sizeof *s->pend);
    s->npend -= k;
}

int sim_logs_valid_group_name(const char *name)
{
    size_t n = strlen(name), i = 0;
    while (i < n && (isalnum((unsigned char)name[i]) || strchr(".-_/#", name[i])))
        i++;
    return n >= 1 && n <= 512 && i == n;
}

int sim_logs_valid_stream_name(const char *name)
{
    size_t n = strlen(name);
    return n >= 1 && n <= 512 && !strpbrk(name, ":*");
}

void sim_logs_event_id(uint64_t id, int64_t ts_ms, char out[SIM_LOGS_EVENT_ID_LEN + 1])
{
    uint64_t h = id * UINT64_C(0x9e3779b97f4a7c15);
    h ^= h >> 29;
    h = h % UINT64_C(900000000000000000) + UINT64_C(100000000000000000);
    snprintf(out, SIM_LOGS_EVENT_ID_LEN + 1, "%018" PRIu64 "%019" PRId64 "%019" PRIu64,
             h, ts_ms < 0 ? 0 : ts_ms, id % UINT64_C(10000000000000000000));
}
