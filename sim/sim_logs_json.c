/* sim_logs_json: the reply text builder (see sim_logs_json.h). */
#include "sim_logs_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

static void reserve(struct sim_logs_json *b, size_t more)
{
    if (b->n + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more + 1)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

void sim_logs_json_raw(struct sim_logs_json *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void sim_logs_json_lit(struct sim_logs_json *b, const char *s)
{
    sim_logs_json_raw(b, s, strlen(s));
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t l = s[0] < 0x80 ? 1 : s[0] >= 0xC2 && s[0] <= 0xDF ? 2
             : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (!l || l > n)
        return 0;
    for (size_t i = 1; i < l; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0; /* overlong, surrogate or beyond U+10FFFF */
    return l;
}

void sim_logs_json_str(struct sim_logs_json *b, const char *s, size_t n)
{
    reserve(b, n * 6 + 2);
    char *o = b->p + b->n;
    *o++ = '"';
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t l = utf8_len((const unsigned char *)s + i, n - i);
        if (c == '"' || c == '\\') {
            *o++ = '\\', *o++ = (char)c, i++;
        } else if (c < 0x20) {
            const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
            if (esc)
                memcpy(o, esc, 2), o += 2;
            else
                o += sprintf(o, "\\u%04x", c);
            i++;
        } else if (!l) {
            memcpy(o, "\xEF\xBF\xBD", 3), o += 3, i++;
        } else {
            memcpy(o, s + i, l), o += l, i += l;
        }
    }
    *o++ = '"';
    *o = '\0';
    b->n = (size_t)(o - b->p);
}

void sim_logs_json_key(struct sim_logs_json *b, const char *key)
{
    reserve(b, strlen(key) + 3);
    b->n += (size_t)sprintf(b->p + b->n, "\"%s\":", key);
}

void sim_logs_json_i64(struct sim_logs_json *b, int64_t v)
{
    reserve(b, 24);
    b->n += (size_t)sprintf(b->p + b->n, "%" PRId64, v);
}

char *sim_logs_json_take(struct sim_logs_json *b)
{
    char *p = b->p ? b->p : xstrdup("");
    memset(b, 0, sizeof *b);
    return p;
}
