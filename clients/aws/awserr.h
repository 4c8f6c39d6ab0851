/* awserr: one typed error for every AWS failure shape: JSON 1.0/1.1 bodies
 * ({"__type": "...#Code", "message": ...}, x-amzn-ErrorType,
 * x-amzn-query-error) and query-protocol XML (<ErrorResponse><Error>...).
 * Also the AWS standard retry mode's classification of codes. */
#ifndef RW_AWSERR_H
#define RW_AWSERR_H

#include <stddef.h>

#include "core/err.h"

struct aws_error {
    int http_status;
    char code[96];          /* "ThrottlingException"; "" if none could be read */
    char message[512];
    char request_id[80];
    int throttled;          /* a throttling code (or 429) */
    int retryable;          /* throttled, transient code, or 500/502/503/504 */
    int expired_creds;      /* ExpiredToken...: refresh credentials once, retry */
    int clock_skew;         /* RequestTimeTooSkewed...: correct the clock, retry */
    int access_denied;      /* exit 77 */
};

/* The response headers an error may be read from (any may be NULL). */
struct aws_error_headers {
    const char *request_id;   /* x-amzn-RequestId or x-amz-request-id */
    const char *error_type;   /* x-amzn-ErrorType */
    const char *query_error;  /* x-amzn-query-error: "Code;Sender" */
};

/* Read an error response (any body, even garbage) into out; never fails. */
void aws_error_parse(int http_status, const struct aws_error_headers *h, const char *body,
                     size_t len, struct aws_error *out);
/* Whether code is one of the throttling codes of the standard retry mode. */
int aws_error_code_throttles(const char *code);
/* Fill err from e: RW_E_CREDS for access denied, else RW_E_AWS; returns -1. */
int aws_error_to_err(const struct aws_error *e, const char *op, struct rw_err *err);

#endif
