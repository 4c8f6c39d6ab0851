/* logfmt: log lines as `aws logs tail` prints them, so scripts can switch
 * between the two: detailed "2026-11-22T11:54:42.002000+00:00 STREAM MESSAGE",
 * short "2026-11-22T11:54:42 MESSAGE", json: the detailed line and, for a JSON
 * message, the message pretty-printed under it. Messages are untrusted: with
 * escape set (a terminal), control characters and escape sequences come out
 * as visible escapes (\x1b, \r, \u009b) and invalid UTF-8 as U+FFFD. Pure. */
#ifndef RW_LOGFMT_H
#define RW_LOGFMT_H

#include <stddef.h>
#include <stdint.h>

enum logfmt { LOGFMT_DETAILED, LOGFMT_SHORT, LOGFMT_JSON };

/* A reusable output buffer for logfmt_append: zero it to start, then
 * logfmt_buf_free. It caches the last second's date, so a run of lines costs
 * no date formatting. */
struct logfmt_buf {
    char *text;             /* NUL-terminated */
    size_t len, cap;
    int64_t sec;            /* the second date holds, when date[0] is set */
    char date[24];          /* "2026-11-22T11:54:42" */
};

/* The format named s ("short", "detailed", "json"); 0, or -1 if unknown. */
int logfmt_parse(const char *s, enum logfmt *out);
/* Format one line (a trailing newline included; json may add more lines) into a
 * heap string the caller frees. */
char *logfmt_line(enum logfmt f, int64_t ts_ms, const char *stream, const char *msg, size_t len,
                  int escape);
/* Append one formatted line (as logfmt_line) to b; returns the bytes added. */
size_t logfmt_append(struct logfmt_buf *b, enum logfmt f, int64_t ts_ms, const char *stream,
                     const char *msg, size_t len, int escape);
/* Free what b holds (it may be used again). */
void logfmt_buf_free(struct logfmt_buf *b);
/* Copy msg[0..len) with controls, escape sequences and invalid UTF-8 made
 * visible, into a heap string the caller frees. */
char *logfmt_escape(const char *msg, size_t len);

#endif
