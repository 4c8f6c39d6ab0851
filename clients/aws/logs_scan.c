/* logs_scan: one pass over a FilterLogEvents page, no allocation per value
 * (see logs_scan.h). cJSON builds a node and a string per key and value, a
 * dozen allocations an event, then frees them all: most of a page's parse.
 * Here strings are decoded straight into one arena of the body's size (a
 * decoded string is never longer than its literal), stream names interned
 * against the last 8 as logs.c does. Every "no" returns -1 and sends the
 * whole page to cJSON, so the accepted language is a strict subset of what
 * cJSON accepts, decoded the same way (escapes and surrogates as cJSON's
 * parse_string; integers of at most 15 digits, which a double holds exactly). */
#include "clients/aws/logs_scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

enum key { K_STREAM, K_TS, K_MSG, K_INGEST, K_ID, K_EVENTS, K_SEARCHED, K_TOKEN, K_DONE,
           K_OTHER };

struct scan {
    const char *p, *end;
    char *w;                  /* where the arena is written next */
    struct seen { const char *s; size_t len; } seen[8]; /* recent stream names */
    unsigned nseen;
};

static void skip_ws(struct scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
        s->p++;
}

static int eat_after_ws(struct scan *s, char c)
{
    skip_ws(s);
    if (s->p < s->end && *s->p == c) {
        s->p++;
        return 1;
    }
    return 0;
}

/* Consume c, after whitespace, if it comes next. */
static inline int eat(struct scan *s, char c)
{
    if (s->p < s->end && *s->p == c) { /* AWS sends compact JSON: no space first */
        s->p++;
        return 1;
    }
    return eat_after_ws(s, c);
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
        if (d == 16)
            return -1;
        *v = *v * 16 + d;
    }
    return 0;
}

/* The escape \uXXXX (*pp just after the u), as UTF-8; a lone or reversed
 * surrogate is refused, as cJSON refuses it. */
static int unicode(struct scan *s, const char **pp)
{
    const char *p = *pp;
    unsigned long cp;
    unsigned hi, lo;
    if (s->end - p < 4 || hex4(p, &hi) < 0 || hi == 0 || (hi >= 0xDC00 && hi <= 0xDFFF))
        return -1; /* \u0000: cJSON's copy would stop there (logs.c's exact path) */
    p += 4;
    cp = hi;
    if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (s->end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, &lo) < 0 ||
            lo < 0xDC00 || lo > 0xDFFF)
            return -1;
        cp = 0x10000 + (((unsigned long)hi & 0x3FF) << 10) + (lo & 0x3FF);
        p += 6;
    }
    int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    static const unsigned char lead[] = { 0, 0, 0xC0, 0xE0, 0xF0 };
    for (int i = n - 1; i > 0; i--, cp >>= 6)
        s->w[i] = (char)(0x80 | (cp & 0x3F));
    s->w[0] = (char)(n == 1 ? cp : (lead[n] | cp));
    s->w += n;
    *pp = p;
    return 0;
}

/* One escape sequence (*pp at the backslash), decoded into the arena. */
static int escape(struct scan *s, const char **pp)
{
    const char *p = *pp;
    if (s->end - p < 2)
        return -1;
    char c = p[1];
    *pp = p + 2;
    switch (c) {
    case '"': case '\\': case '/': *s->w++ = c; return 0;
    case 'b': *s->w++ = '\b'; return 0;
    case 'f': *s->w++ = '\f'; return 0;
    case 'n': *s->w++ = '\n'; return 0;
    case 'r': *s->w++ = '\r'; return 0;
    case 't': *s->w++ = '\t'; return 0;
    case 'u': return unicode(s, pp);
    default: return -1;
    }
}

/* Whether any of the 8 bytes in v ends a plain run: '"', '\\' or a control
 * character. (The zero-byte trick: a borrow can only mark a byte after a real
 * one, so "none" is exact.) */
static int stops(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v)) & high ? 1 : 0;
}

/* A string literal decoded into the arena, NUL-terminated; NULL to give up. */
static const char *string(struct scan *s, size_t *len)
{
    if (!eat(s, '"'))
        return NULL;
    char *out = s->w, *w = s->w;
    const char *p = s->p, *end = s->end; /* locals: stores to w cannot alias them */
    for (;;) {
        uint64_t v;
        while (end - p >= 8 && (memcpy(&v, p, 8), !stops(v))) {
            memcpy(w, &v, 8); /* w trails p by at least the bytes escapes saved */
            w += 8;
            p += 8;
        }
        while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
            *w++ = *p++;
        if (p >= end || (unsigned char)*p < 0x20)
            return NULL; /* raw control characters: cJSON's call */
        if (*p == '"')
            break;
        s->w = w;
        if (escape(s, &p) < 0)
            return NULL;
        w = s->w;
    }
    *w++ = '\0';
    s->w = w;
    s->p = p + 1;
    *len = (size_t)(w - 1 - out);
    return out;
}

/* A stream name, sharing the copy of a recent one. */
static const char *stream_name(struct scan *s)
{
    char *mark = s->w;
    size_t len;
    const char *name = string(s, &len);
    if (!name)
        return NULL;
    for (unsigned i = 0; i < s->nseen && i < 8; i++)
        if (s->seen[i].len == len && memcmp(s->seen[i].s, name, len) == 0) {
            s->w = mark;
            return s->seen[i].s;
        }
    s->seen[s->nseen++ % 8] = (struct seen){ name, len };
    return name;
}

/* A plain integer: -?(0|[1-9][0-9]*), at most 15 digits, no fraction or exponent. */
static int integer(struct scan *s, int64_t *v)
{
    skip_ws(s);
    const char *p = s->p, *digits;
    int neg = p < s->end && *p == '-';
    int64_t x = 0;
    for (p = digits = p + neg; p < s->end && *p >= '0' && *p <= '9' && p - digits < 16; p++)
        x = x * 10 + (*p - '0');
    size_t n = (size_t)(p - digits);
    if (n == 0 || n > 15 || (n > 1 && *digits == '0') ||
        (p < s->end && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9'))))
        return -1;
    *v = neg ? -x : x;
    s->p = p;
    return 0;
}

static int boolean(struct scan *s, int *v)
{
    skip_ws(s);
    size_t left = (size_t)(s->end - s->p);
    if (left >= 4 && memcmp(s->p, "true", 4) == 0)
        return *v = 1, s->p += 4, 0;
    if (left >= 5 && memcmp(s->p, "false", 5) == 0)
        return *v = 0, s->p += 5, 0;
    return -1;
}

#define IS(lit) (n == sizeof lit - 1 && memcmp(k, lit, sizeof lit - 1) == 0)

/* The next member's key (one without escapes) and its colon. */
static int key(struct scan *s)
{
    if (!eat(s, '"'))
        return -1;
    const char *k = s->p, *q = k;
    while (q < s->end && *q != '"' && *q != '\\') /* keys are short: no memchr call */
        q++;
    if (q >= s->end || *q != '"')
        return -1;
    s->p = q + 1;
    if (!eat(s, ':'))
        return -1;
    size_t n = (size_t)(q - k);
    return IS("message") ? K_MSG : IS("timestamp") ? K_TS : IS("logStreamName") ? K_STREAM
           : IS("eventId") ? K_ID : IS("ingestionTime") ? K_INGEST : IS("events") ? K_EVENTS
           : IS("nextToken") ? K_TOKEN : IS("searchedLogStreams") ? K_SEARCHED
           : IS("searchedCompletely") ? K_DONE : K_OTHER;
}

#undef IS

typedef int (*member_fn)(struct scan *s, int key, void *obj);

/* An object whose members each go to fn once (a repeated key gives up). */
static int object(struct scan *s, member_fn fn, void *obj)
{
    unsigned seen = 0;
    if (!eat(s, '{'))
        return -1;
    if (eat(s, '}'))
        return 0;
    do {
        int k = key(s);
        if (k < 0 || k == K_OTHER || (seen & (1u << k)) || fn(s, k, obj) < 0)
            return -1;
        seen |= 1u << k;
    } while (eat(s, ','));
    return eat(s, '}') ? 0 : -1;
}

static int event_member(struct scan *s, int k, void *obj)
{
    struct logs_event *ev = obj;
    size_t len;
    switch (k) {
    case K_STREAM: return (ev->stream = stream_name(s)) ? 0 : -1;
    case K_TS: return integer(s, &ev->timestamp_ms);
    case K_INGEST: return integer(s, &ev->ingestion_ms);
    case K_ID: return (ev->event_id = string(s, &len)) ? 0 : -1;
    case K_MSG: return (ev->message = string(s, &ev->message_len)) ? 0 : -1;
    default: return -1;
    }
}

static int searched_member(struct scan *s, int k, void *obj)
{
    struct logs_searched_stream *ss = obj;
    if (k == K_STREAM)
        return (ss->name = stream_name(s)) ? 0 : -1;
    return k == K_DONE ? boolean(s, &ss->searched_completely) : -1;
}

/* An array of objects into *v (grown as needed; *n of them, each zeroed first). */
static int array(struct scan *s, void **v, size_t *n, size_t size, member_fn fn)
{
    size_t cap = 0;
    if (!eat(s, '['))
        return -1;
    if (eat(s, ']'))
        return 0;
    do {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *v = xreallocarray(*v, cap, size);
        }
        void *obj = (char *)*v + *n * size;
        memset(obj, 0, size);
        ++*n;
        if (object(s, fn, obj) < 0)
            return -1;
    } while (eat(s, ','));
    return eat(s, ']') ? 0 : -1;
}

static int page_member(struct scan *s, int k, void *obj)
{
    struct logs_page *pg = obj;
    size_t len;
    switch (k) {
    case K_EVENTS:
        return array(s, (void **)&pg->events, &pg->nevents, sizeof *pg->events, event_member);
    case K_SEARCHED:
        return array(s, (void **)&pg->searched, &pg->nsearched, sizeof *pg->searched,
                     searched_member);
    case K_TOKEN: return (pg->next_token = string(s, &len)) ? 0 : -1;
    default: return -1;
    }
}

int logs_scan_filter(const char *body, size_t len, struct logs_page *out)
{
    memset(out, 0, sizeof *out);
    if (!body || !len)
        return 0; /* a raw NUL is a control character: string() and eat() refuse it */
    struct scan s = { .p = body, .end = body + len };
    out->arena = s.w = xmalloc(len + 1);
    if (object(&s, page_member, out) == 0) {
        skip_ws(&s);
        if (s.p == s.end)
            return 1;
    }
    logs_page_free(out);
    return 0;
}
