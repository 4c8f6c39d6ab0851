/* http: asynchronous HTTP over the loop's one curl multi handle. Each call
 * carries its own context and a completion callback; connections are reused
 * through the multi handle's cache; connect and total timeouts are set;
 * AWS_CA_BUNDLE is honoured and proxies come from libcurl's environment
 * handling (https_proxy, no_proxy). Nothing here blocks. */
#ifndef RW_HTTP_H
#define RW_HTTP_H

#include <stddef.h>

#include "core/loop.h"

#define HTTP_MAX_BODY (16u << 20)   /* responses larger than this fail */

struct http_header {
    const char *name;
    const char *value;
};

struct http_request {
    const char *method;             /* "GET", "POST" */
    const char *url;
    const struct http_header *headers;
    size_t nheaders;
    const char *body;               /* copied at start */
    size_t body_len;
    long connect_timeout_ms;        /* 0: 3000 */
    long timeout_ms;                /* 0: 30000 */
};

/* What came back; owned by the http layer, valid only during the callback. */
struct http_response {
    int status;                     /* 0 when no response arrived */
    const char *body;               /* NUL-terminated copy of the body */
    size_t body_len;
    const char *curl_error;         /* "" on success */
    int transport_error;            /* no complete response (see flags) */
    int connect_failed;             /* never reached the server: safe to retry anything */
    int timed_out;                  /* the request may have been processed */
    long total_ms;
    /* response headers: "name: value" lines, names as received */
    char **header_lines;
    size_t nheader_lines;
};

struct http_call;

typedef void (*http_done_fn)(const struct http_response *resp, void *ud);

/* Start a request; fn runs exactly once unless cancelled. Returns a handle
 * (owned by the http layer until completion or http_cancel), or NULL on setup failure. */
struct http_call *http_start(struct rw_loop *loop, const struct http_request *req,
                             http_done_fn fn, void *ud);
/* Cancel a call in flight: fn is never called. */
void http_cancel(struct rw_loop *loop, struct http_call *call);
/* A response header's value (case-insensitive name, trimmed, borrowed), or NULL. */
const char *http_header(const struct http_response *resp, const char *name);

#endif
