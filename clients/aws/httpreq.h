/* httpreq: parse a raw HTTP/1.x request as written in the AWS SigV4 test suites
 * (botocore's .req files, aws-c-auth's request.txt): a request line, header
 * lines (a line starting with a space or tab continues the previous value), a
 * blank line, then the body. A pure function over bytes; LF or CRLF lines. */
#ifndef RW_HTTPREQ_H
#define RW_HTTPREQ_H

#include <stddef.h>

#include "core/err.h"

struct httpreq_header {
    char *name;                  /* as written */
    char *value;                 /* without surrounding blanks; continuation lines
                                  * joined with one space */
};

struct httpreq {
    char *method;                /* "GET" */
    char *target;                /* request-target as written, e.g. "/a b/?x=1" */
    char *path;                  /* target before the first '?' */
    char *query;                 /* target after the first '?'; "" if none */
    char *version;               /* "HTTP/1.1" */
    struct httpreq_header *headers;
    size_t nheaders;
    unsigned char *body;         /* everything after the blank line; NUL-terminated */
    size_t body_len;
};

/* Parse len bytes of buf into *out (free with httpreq_free); 0, or -1 with err
 * set to RW_E_PARSE and *out left empty. Never reads outside buf[0..len). */
int httpreq_parse(const char *buf, size_t len, struct httpreq *out, struct rw_err *err);

/* Free everything req owns and zero it; NULL is fine. */
void httpreq_free(struct httpreq *req);

#endif
