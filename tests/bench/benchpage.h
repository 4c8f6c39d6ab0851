/* benchpage: synthetic FilterLogEvents pages for the log benchmarks: three
 * interleaved ECS task streams, seven kinds of message (plain, JSON, escapes,
 * an access log, a stack trace), 56-digit event ids, timestamps rising three a
 * millisecond. */
#ifndef RW_BENCHPAGE_H
#define RW_BENCHPAGE_H

#include <stddef.h>

struct benchpage {
    char *p;          /* the JSON body (not NUL-terminated) */
    size_t len, cap;
};

/* A page of events first, first + 1, ...: at most max_events, and under
 * max_bytes; *nevents is how many. The event numbered nul_at (if any) carries
 * a \u0000 in its message. Free p when done. */
struct benchpage benchpage_make(unsigned first, size_t max_bytes, unsigned max_events,
                                long nul_at, unsigned *nevents);

#endif
