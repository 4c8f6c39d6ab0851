/* httpreq: the SigV4 test-suite request parser (see httpreq.h). Every read is
 * bounded by the input length; control bytes (NUL, bare CR, escapes) in the
 * request line or headers are refused, so every string handed out is clean. */
#include "clients/aws/httpreq.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* A cursor over the input, line by line. */
struct lines {
    const char *buf;
    size_t len, pos;
    int lineno;
};

/* The next line without its LF or CRLF into *s, *n; 0 at the end of input. */
static int next_line(struct lines *l, const char **s, size_t *n)
{
    if (l->pos >= l->len)
        return 0;
    const char *start = l->buf + l->pos;
    const char *nl = memchr(start, '\n', l->len - l->pos);
    size_t len = nl ? (size_t)(nl - start) : l->len - l->pos;
    l->pos += len + (nl ? 1 : 0);
    if (len && start[len - 1] == '\r')
        len--;
    l->lineno++;
    *s = start;
    *n = len;
    return 1;
}

/* Whether the next line starts with a space or tab (continues a header). */
static int next_is_continuation(const struct lines *l)
{
    return l->pos < l->len && (l->buf[l->pos] == ' ' || l->buf[l->pos] == '\t');
}

static int is_tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int all_tchar(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_tchar((unsigned char)s[i]))
            return 0;
    return n > 0;
}

/* Whether s[0..n) holds a control byte (a tab is fine when tab_ok). */
static int has_ctl(const char *s, size_t n, int tab_ok)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && !(tab_ok && c == '\t')) || c == 0x7f)
            return 1;
    }
    return 0;
}

/* Strip spaces and tabs from both ends of s[0..*n). */
static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*n)--;
    }
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
        (*n)--;
}

/* "METHOD SP target SP HTTP/x.y"; the target may hold spaces (the suites'
 * get-space case), so it runs from the first space to the last. */
static int parse_request_line(const char *s, size_t n, struct httpreq *out,
                              struct rw_err *err)
{
    if (has_ctl(s, n, 0))
        return rw_err_set(err, RW_E_PARSE, "request line: control character");
    const char *sp1 = memchr(s, ' ', n), *sp2 = NULL;
    for (size_t i = n; sp1 && i > 0 && !sp2; i--)
        if (s[i - 1] == ' ')
            sp2 = s + i - 1;
    if (!sp1 || sp1 == sp2)
        return rw_err_set(err, RW_E_PARSE, "request line: expected METHOD TARGET HTTP/1.1");
    const char *t = sp1 + 1, *v = sp2 + 1;
    size_t mlen = (size_t)(sp1 - s), tlen = (size_t)(sp2 - t), vlen = n - (size_t)(v - s);
    if (!all_tchar(s, mlen))
        return rw_err_set(err, RW_E_PARSE, "request line: bad method");
    if (!tlen || t[0] == ' ' || t[tlen - 1] == ' ')
        return rw_err_set(err, RW_E_PARSE, "request line: bad request target");
    int ok = vlen > 5 && memcmp(v, "HTTP/", 5) == 0;
    for (size_t i = 5; ok && i < vlen; i++)
        ok = (v[i] >= '0' && v[i] <= '9') || v[i] == '.';
    if (!ok)
        return rw_err_set(err, RW_E_PARSE, "request line: bad HTTP version");
    const char *q = memchr(t, '?', tlen);
    size_t plen = q ? (size_t)(q - t) : tlen;
    out->method = xstrndup(s, mlen);
    out->target = xstrndup(t, tlen);
    out->path = xstrndup(t, plen);
    out->query = q ? xstrndup(q + 1, tlen - plen - 1) : xstrdup("");
    out->version = xstrndup(v, vlen);
    return 0;
}

/* Append s[0..n) to the growing value, after one space if it is not empty. */
static void value_append(char **val, size_t *len, size_t *cap, const char *s, size_t n)
{
    size_t need = *len + n + 2;
    if (need > *cap) {
        while (*cap < need)
            *cap = *cap ? *cap * 2 : 64;
        *val = xrealloc(*val, *cap);
    }
    if (*len && n)
        (*val)[(*len)++] = ' ';
    memcpy(*val + *len, s, n);
    *len += n;
    (*val)[*len] = '\0';
}

/* "Name: value" in s[0..n), plus any continuation lines that follow it. */
static int parse_header(struct lines *l, const char *s, size_t n, struct httpreq *out,
                        struct rw_err *err)
{
    int lineno = l->lineno;
    const char *colon = memchr(s, ':', n);
    if (has_ctl(s, n, 1))
        return rw_err_set(err, RW_E_PARSE, "line %d: control character in header", lineno);
    if (!colon)
        return rw_err_set(err, RW_E_PARSE, "line %d: header without ':'", lineno);
    size_t nlen = (size_t)(colon - s), vn = n - nlen - 1, vlen = 0, vcap = 0;
    if (!all_tchar(s, nlen))
        return rw_err_set(err, RW_E_PARSE, "line %d: bad header name", lineno);
    const char *v = colon + 1;
    char *val = NULL;
    trim(&v, &vn);
    value_append(&val, &vlen, &vcap, v, vn);
    while (next_is_continuation(l)) {
        next_line(l, &v, &vn);
        if (has_ctl(v, vn, 1)) {
            free(val);
            return rw_err_set(err, RW_E_PARSE, "line %d: control character in header",
                              l->lineno);
        }
        trim(&v, &vn);
        value_append(&val, &vlen, &vcap, v, vn);
    }
    out->headers = xreallocarray(out->headers, out->nheaders + 1, sizeof *out->headers);
    out->headers[out->nheaders].name = xstrndup(s, nlen);
    out->headers[out->nheaders].value = val;
    out->nheaders++;
    return 0;
}

int httpreq_parse(const char *buf, size_t len, struct httpreq *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    struct lines l = { buf, buf ? len : 0, 0, 0 };
    const char *s;
    size_t n;
    int got;
    while ((got = next_line(&l, &s, &n)) && n == 0)
        ; /* blank lines before the request line are ignored (RFC 9112) */
    if (!got)
        return rw_err_set(err, RW_E_PARSE, "empty request");
    if (parse_request_line(s, n, out, err) != 0)
        goto fail;
    int blank = 0;
    while (!blank && next_line(&l, &s, &n)) {
        if (n == 0) {
            blank = 1;
        } else if (s[0] == ' ' || s[0] == '\t') {
            rw_err_set(err, RW_E_PARSE, "line %d: continuation line without a header",
                       l.lineno);
            goto fail;
        } else if (parse_header(&l, s, n, out, err) != 0) {
            goto fail;
        }
    }
    out->body_len = blank ? l.len - l.pos : 0;
    out->body = xmalloc(out->body_len + 1);
    if (out->body_len)
        memcpy(out->body, l.buf + l.pos, out->body_len);
    out->body[out->body_len] = '\0';
    return 0;
fail:
    httpreq_free(out);
    return -1;
}

void httpreq_free(struct httpreq *req)
{
    if (!req)
        return;
    free(req->method);
    free(req->target);
    free(req->path);
    free(req->query);
    free(req->version);
    for (size_t i = 0; i < req->nheaders; i++) {
        free(req->headers[i].name);
        free(req->headers[i].value);
    }
    free(req->headers);
    free(req->body);
    memset(req, 0, sizeof *req);
}
