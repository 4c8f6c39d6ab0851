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

/* The format named s ("short", "detailed", "json"); 0, or -1 if unknown. */
int logfmt_parse(const char *s, enum logfmt *out);
/* Format one line (a trailing newline included; json may add more lines) into a
 * heap string the caller frees. */
char *logfmt_line(enum logfmt f, int64_t ts_ms, const char *stream, const char *msg, size_t len,
                  int escape);
/* Copy msg[0..len) with controls, escape sequences and invalid UTF-8 made
 * visible, into a heap string the caller frees. */
char *logfmt_escape(const char *msg, size_t len);

#endif
