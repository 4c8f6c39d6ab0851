/* benchpage: synthetic FilterLogEvents pages (see benchpage.h). */
#include "benchpage.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(struct benchpage *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* The i-th message, as a JSON string literal's content. */
static const char *message(unsigned i, int nul)
{
    static const char *const msgs[] = {
        "GET /health 200 2ms",
        "{\\\"level\\\":\\\"info\\\",\\\"event\\\":\\\"job done\\\",\\\"job\\\":%u,"
        "\\\"elapsed_ms\\\":%u,\\\"queue\\\":\\\"consumer-high\\\"}",
        "{\\\"level\\\":\\\"error\\\",\\\"event\\\":\\\"upstream timeout\\\",\\\"upstream\\\":"
        "\\\"http://rover-agent.internal:8080/v1/jobs/%u\\\",\\\"elapsed_ms\\\":%u}",
        "\\u001b[31mERROR\\u001b[0m retrying job %u (attempt %u/5)",
        "10.0.2.47 - - [10/Jun/2024:14:03:10 +0000] \\\"POST /v1/jobs HTTP/1.1\\\" 202 %u "
        "\\\"-\\\" \\\"rover/1.42 (+job %u)\\\"",
        "at com.example.consumer.Worker.run(Worker.java:%u)\\n\\tat java.lang.Thread.run"
        "(Thread.java:%u)",
        "INFO  [main] c.e.consumer.Poller - polled 10 messages from consumer-high in %u ms "
        "(batch %u)",
    };
    static char out[512];
    snprintf(out, sizeof out, msgs[i % 7], i * 7919u % 100000u, i % 5000u);
    if (nul)
        strcat(out, " \\u0000 after NUL");
    return out;
}

struct benchpage benchpage_make(unsigned first, size_t max_bytes, unsigned max_events,
                                long nul_at, unsigned *nevents)
{
    static const char *const tasks[] = { "3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b",
                                         "9b1c7e2d4a6f4c8e9d0b1a2c3e4f5a6b",
                                         "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };
    struct benchpage b = { 0 };
    char ev[1024];
    put(&b, "{\"events\":[", 11);
    unsigned n;
    for (n = 0; n < max_events; n++) {
        unsigned i = first + n;
        int64_t ts = 1718031790112LL + i / 3;
        int len = snprintf(ev, sizeof ev,
                           "%s{\"logStreamName\":\"ecs/consumer-agent/%s\",\"timestamp\":%" PRId64
                           ",\"message\":\"%s\",\"ingestionTime\":%" PRId64
                           ",\"eventId\":\"38306124586925218476311462378473302405389163%012u\"}",
                           n ? "," : "", tasks[i % 3], ts, message(i, (long)i == nul_at),
                           ts + 1311, i);
        if (b.len + (size_t)len + 600 > max_bytes)
            break;
        put(&b, ev, (size_t)len);
    }
    const char *end = "],\"searchedLogStreams\":[{\"logStreamName\":\"ecs/consumer-agent/"
                      "3f2a9c1e5b7d4e0f8a6b2c4d9e1f0a3b\",\"searchedCompletely\":true}],"
                      "\"nextToken\":\"Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7BC6c\"}";
    put(&b, end, strlen(end));
    *nevents = n;
    return b;
}
