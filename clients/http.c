/* http: curl easy handles driven by the loop's multi handle (see http.h). */
#include "http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xmalloc.h"

struct http_call {
    CURL *easy;
    struct curl_slist *headers;
    char *req_body;
    char *body;
    size_t body_len, body_cap;
    int too_big;
    char **hlines;
    size_t nhlines;
    char errbuf[CURL_ERROR_SIZE];
    http_done_fn fn;
    void *ud;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct http_call *c = ud;
    size_t len = size * n;
    if (c->body_len + len > HTTP_MAX_BODY) {
        c->too_big = 1;
        return 0; /* abort the transfer */
    }
    if (c->body_len + len + 1 > c->body_cap) {
        curl_off_t want = -1; /* the whole body at once when its length is known */
        curl_easy_getinfo(c->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &want);
        c->body_cap = (c->body_len + len + 1) * 2;
        if (want > 0 && want < HTTP_MAX_BODY && (size_t)want >= c->body_len + len)
            c->body_cap = (size_t)want + 1;
        c->body = xrealloc(c->body, c->body_cap);
    }
    memcpy(c->body + c->body_len, p, len);
    c->body_len += len;
    c->body[c->body_len] = '\0';
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    struct http_call *c = ud;
    size_t len = size * n;
    if (len >= 7 && strncmp(p, "HTTP/", 5) == 0) { /* a new response (redirect, 100): restart */
        for (size_t i = 0; i < c->nhlines; i++)
            free(c->hlines[i]);
        c->nhlines = 0;
        return len;
    }
    while (len && (p[len - 1] == '\r' || p[len - 1] == '\n'))
        len--;
    if (len && c->nhlines < 200) {
        c->hlines = xreallocarray(c->hlines, c->nhlines + 1, sizeof *c->hlines);
        c->hlines[c->nhlines++] = xstrndup(p, len);
    }
    return size * n;
}

static void call_free(struct http_call *c)
{
    curl_easy_cleanup(c->easy);
    curl_slist_free_all(c->headers);
    free(c->req_body);
    free(c->body);
    for (size_t i = 0; i < c->nhlines; i++)
        free(c->hlines[i]);
    free(c->hlines);
    free(c);
}

static void on_done(struct rw_loop *loop, CURL *easy, CURLcode rc, void *ud)
{
    (void)loop, (void)easy;
    struct http_call *c = ud;
    struct http_response r;
    memset(&r, 0, sizeof r);
    long status = 0;
    curl_off_t total_us = 0;
    curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(c->easy, CURLINFO_TOTAL_TIME_T, &total_us);
    r.status = rc == CURLE_OK ? (int)status : 0;
    r.body = c->body ? c->body : "";
    r.body_len = c->body_len;
    r.total_ms = (long)(total_us / 1000);
    r.header_lines = c->hlines;
    r.nheader_lines = c->nhlines;
    r.transport_error = rc != CURLE_OK;
    curl_off_t connect_us = 0;
    curl_easy_getinfo(c->easy, CURLINFO_CONNECT_TIME_T, &connect_us);
    /* never connected: nothing was sent, so any call may be retried */
    r.connect_failed = rc != CURLE_OK && connect_us == 0;
    r.timed_out = rc == CURLE_OPERATION_TIMEDOUT && !r.connect_failed;
    r.curl_error = rc == CURLE_OK ? "" : c->too_big ? "response larger than 16 MiB"
                   : c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc);
    c->fn(&r, c->ud);
    call_free(c);
}

static void set_headers(struct http_call *c, const struct http_request *req)
{
    for (size_t i = 0; i < req->nheaders; i++) {
        char *line = xasprintf("%s: %s", req->headers[i].name, req->headers[i].value);
        c->headers = curl_slist_append(c->headers, line);
        free(line);
    }
    c->headers = curl_slist_append(c->headers, "Expect:"); /* no 100-continue round trip */
    curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, c->headers);
}

struct http_call *http_start(struct rw_loop *loop, const struct http_request *req,
                             http_done_fn fn, void *ud)
{
    struct http_call *c = xcalloc(1, sizeof *c);
    c->easy = curl_easy_init();
    if (!c->easy) {
        free(c);
        return NULL;
    }
    c->fn = fn;
    c->ud = ud;
    CURL *e = c->easy;
    curl_easy_setopt(e, CURLOPT_URL, req->url);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, c);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, c);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms ? req->connect_timeout_ms : 3000L);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, req->timeout_ms ? req->timeout_ms : 30000L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    /* up to 256 KB a read: a 1 MB log page in a few wakeups, not 64 */
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 256L * 1024);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    const char *ca = getenv("AWS_CA_BUNDLE");
    if (ca && *ca)
        curl_easy_setopt(e, CURLOPT_CAINFO, ca);
    if (strcmp(req->method, "GET") != 0 || req->body_len) {
        c->req_body = xmalloc(req->body_len + 1);
        memcpy(c->req_body, req->body ? req->body : "", req->body_len);
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, c->req_body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
        if (strcmp(req->method, "POST") != 0)
            curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, req->method);
    }
    set_headers(c, req);
    if (rw_loop_add_xfer(loop, e, on_done, c) < 0) {
        call_free(c);
        return NULL;
    }
    return c;
}

void http_cancel(struct rw_loop *loop, struct http_call *call)
{
    if (!call)
        return;
    rw_loop_cancel_xfer(loop, call->easy);
    call_free(call);
}

const char *http_header(const struct http_response *resp, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < resp->nheader_lines; i++) {
        const char *l = resp->header_lines[i];
        if (strncasecmp(l, name, n) == 0 && l[n] == ':') {
            l += n + 1;
            while (*l == ' ' || *l == '\t')
                l++;
            return l;
        }
    }
    return NULL;
}
