/* logfmt: aws-logs-tail-compatible line formats and the terminal-safe escape. */
#include "logfmt.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

int logfmt_parse(const char *s, enum logfmt *out)
{
    static const char *const names[] = { "detailed", "short", "json" };
    for (int i = 0; i < 3; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *out = (enum logfmt)i;
            return 0;
        }
    return -1;
}

/* The length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t want = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!want || s[0] > 0xF4 || want > n)
        return 0;
    for (size_t i = 1; i < want; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    unsigned cp = want == 2 ? (s[0] & 0x1Fu) << 6 | (s[1] & 0x3Fu)
                  : want == 3 ? (s[0] & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu)
                              : (s[0] & 0x07u) << 18 | (s[1] & 0x3Fu) << 12 |
                                    (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu);
    if ((want == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (want == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    if (want == 2 && cp >= 0x80 && cp < 0xA0)
        return 0; /* C1 controls: escaped by the caller */
    return want;
}

/* Write msg[0..len) escaped at o (room for len * 6 bytes); returns the end. */
static char *escape_into(char *o, const char *msg, size_t len)
{
    const unsigned char *s = (const unsigned char *)msg;
    for (size_t i = 0; i < len;) {
        if (s[i] == '\t' || (s[i] >= 32 && s[i] < 127)) {
            *o++ = (char)s[i++];
        } else if (s[i] < 32 || s[i] == 127) {
            o += sprintf(o, s[i] == '\n' ? "\\n" : s[i] == '\r' ? "\\r" : "\\x%02x", s[i]);
            i++;
        } else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] < 0xA0) {
            o += sprintf(o, "\\u%04x", s[i + 1]); /* a C1 control, e.g. CSI U+009B */
            i += 2;
        } else {
            size_t n = utf8_len(s + i, len - i);
            if (n) {
                memcpy(o, s + i, n);
                o += n;
                i += n;
            } else {
                memcpy(o, "\xef\xbf\xbd", 3); /* U+FFFD for a byte that is not UTF-8 */
                o += 3;
                i++;
            }
        }
    }
    return o;
}

char *logfmt_escape(const char *msg, size_t len)
{
    char *out = xmalloc(len * 6 + 1);
    *escape_into(out, msg, len) = '\0';
    return out;
}

/* Room for n more bytes (and a NUL) in b. */
static char *reserve(struct logfmt_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = xrealloc(b->text, b->cap);
    }
    return b->text + b->len;
}

static void put(struct logfmt_buf *b, const char *s, size_t n)
{
    memcpy(reserve(b, n), s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

/* Append s[0..n), escaped or as it is. */
static void put_msg(struct logfmt_buf *b, const char *s, size_t n, int escape)
{
    if (!escape) {
        put(b, s, n);
        return;
    }
    char *end = escape_into(reserve(b, n * 6), s, n);
    b->len = (size_t)(end - b->text);
    b->text[b->len] = '\0';
}

/* Append s escaped line by line, keeping the newlines between them. */
static void put_lines(struct logfmt_buf *b, const char *s, int escape)
{
    for (const char *p = s;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        put_msg(b, p, n, escape);
        if (!nl)
            return;
        put(b, "\n", 1);
        p = nl + 1;
    }
}

/* Append the timestamp: "2026-11-22T11:54:42", then ".002000+00:00" if micro. */
static void put_time(struct logfmt_buf *b, int64_t ms, int micro)
{
    int64_t sec = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    if (!b->date[0] || b->sec != sec) {
        time_t t = (time_t)sec;
        struct tm tm;
        if (!gmtime_r(&t, &tm) || !strftime(b->date, sizeof b->date, "%Y-%m-%dT%H:%M:%S", &tm))
            snprintf(b->date, sizeof b->date, "%lld", (long long)sec);
        b->sec = sec;
    }
    put(b, b->date, strlen(b->date));
    if (micro) {
        int frac = (int)(ms - sec * 1000);
        char tail[16] = { '.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
                          (char)('0' + frac % 10), '0', '0', '0', '+', '0', '0', ':', '0', '0' };
        put(b, tail, 13);
    }
}

size_t logfmt_append(struct logfmt_buf *b, enum logfmt f, int64_t ts_ms, const char *stream,
                     const char *msg, size_t len, int escape)
{
    size_t start = b->len;
    put_time(b, ts_ms, f != LOGFMT_SHORT);
    put(b, " ", 1);
    if (f != LOGFMT_SHORT) {
        put(b, stream ? stream : "", stream ? strlen(stream) : 0);
        put(b, " ", 1);
    }
    put_msg(b, msg, len, escape);
    put(b, "\n", 1);
    if (f == LOGFMT_JSON && len && msg[0] == '{') {
        cJSON *j = cJSON_ParseWithLength(msg, len);
        char *pretty = cJSON_IsObject(j) ? cJSON_Print(j) : NULL;
        if (pretty) {
            put_lines(b, pretty, escape);
            put(b, "\n", 1);
        }
        free(pretty);
        cJSON_Delete(j);
    }
    return b->len - start;
}

void logfmt_buf_free(struct logfmt_buf *b)
{
    free(b->text);
    memset(b, 0, sizeof *b);
}

char *logfmt_line(enum logfmt f, int64_t ts_ms, const char *stream, const char *msg, size_t len,
                  int escape)
{
    struct logfmt_buf b = { 0 };
    logfmt_append(&b, f, ts_ms, stream, msg, len, escape);
    return b.text;
}
