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

char *logfmt_escape(const char *msg, size_t len)
{
    char *out = xmalloc(len * 6 + 1), *o = out;
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
    *o = '\0';
    return out;
}

/* Escape each line of s, keeping the newlines between them. */
static char *escape_lines(const char *s)
{
    char *out = xstrdup("");
    for (const char *p = s;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *seg = logfmt_escape(p, n);
        char *joined = xasprintf("%s%s%s", out, seg, nl ? "\n" : "");
        free(out);
        free(seg);
        out = joined;
        if (!nl)
            return out;
        p = nl + 1;
    }
}

static void iso(int64_t ms, int micro, char *buf, size_t n)
{
    time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t k = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
    if (micro && k < n)
        snprintf(buf + k, n - k, ".%03d000+00:00", (int)(ms - (int64_t)t * 1000));
}

char *logfmt_line(enum logfmt f, int64_t ts_ms, const char *stream, const char *msg, size_t len,
                  int escape)
{
    char when[48];
    iso(ts_ms, f != LOGFMT_SHORT, when, sizeof when);
    char *m = escape ? logfmt_escape(msg, len) : xstrndup(msg, len);
    char *line = f == LOGFMT_SHORT ? xasprintf("%s %s\n", when, m)
                                   : xasprintf("%s %s %s\n", when, stream ? stream : "", m);
    if (f == LOGFMT_JSON) {
        cJSON *j = len && msg[0] == '{' ? cJSON_ParseWithLength(msg, len) : NULL;
        char *pretty = cJSON_IsObject(j) ? cJSON_Print(j) : NULL;
        if (pretty) {
            char *safe = escape ? escape_lines(pretty) : xstrdup(pretty);
            char *both = xasprintf("%s%s\n", line, safe);
            free(line);
            free(safe);
            line = both;
        }
        free(pretty);
        cJSON_Delete(j);
    }
    free(m);
    return line;
}
