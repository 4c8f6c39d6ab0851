/* sigv4: AWS Signature Version 4 (AWS4-HMAC-SHA256) request signing, both as an
 * Authorization header and as a presigned URL (query signing). Pure functions
 * over the request as it will be sent: nothing here touches the network. */
#ifndef RW_SIGV4_H
#define RW_SIGV4_H

#include <stddef.h>
#include <time.h>

#include "core/err.h"

/* Most headers sigv4_sign tells the caller to add (token, date, sha256, auth). */
#define SIGV4_MAX_ADD_HEADERS 4

struct sigv4_header {
    const char *name;
    const char *value;
};

/* The request to sign; borrowed, never modified or kept. */
struct sigv4_request {
    const char *method;                 /* "GET" */
    const char *path;                   /* raw path as sent, e.g. "/a/b%20c"; "" means "/" */
    const char *query;                  /* raw query without '?'; NULL or "" if none */
    const struct sigv4_header *headers; /* as they will be sent, incl. Host */
    size_t nheaders;
    const unsigned char *body;          /* may be NULL when body_len is 0 */
    size_t body_len;
};

struct sigv4_creds {
    const char *access_key;
    const char *secret_key;
    const char *session_token;          /* NULL without a session token */
};

/* How a session token is sent. */
enum sigv4_token_mode {
    /* Covered by the signature: X-Amz-Security-Token is a signed header (or a
     * signed query parameter when presigning); added if the request lacks it. */
    SIGV4_TOKEN_SIGNED = 0,
    /* Sent but not signed (added after signing, as some services such as IoT
     * require); an X-Amz-Security-Token header already in the request is then
     * left out of the canonical request too. */
    SIGV4_TOKEN_UNSIGNED,
};

struct sigv4_params {
    const char *region;                 /* "us-east-1" */
    const char *service;                /* "ecs", "logs", "s3" */
    const char *amz_date;               /* "20150830T123600Z" (UTC); an X-Amz-Date
                                         * header in the request must match it */
    int normalize_path;                 /* remove dot segments, collapse '//' (all but S3) */
    int encode_path;                    /* URI-encode the path again (double-encoding; all but S3) */
    int sign_body_header;               /* add and sign x-amz-content-sha256 (S3;
                                         * header signing only) */
    enum sigv4_token_mode token_mode;
    const char *payload_hash;           /* NULL: the x-amz-content-sha256 header if the
                                         * request has one, else SHA-256 of the body;
                                         * else used as is, e.g. "UNSIGNED-PAYLOAD" */
    long presign_expires;               /* > 0: presign (query signing) valid this many
                                         * seconds; 0: sign with an Authorization header */
};

/* What signing produced; every pointer is owned by the result. */
struct sigv4_result {
    char *canonical_request;
    char *string_to_sign;
    char *signature;                    /* 64 lowercase hex digits */
    char *signed_headers;               /* "host;x-amz-date" */
    char *payload_hash;                 /* the hash used in the canonical request */
    char *authorization;                /* Authorization header value; NULL when presigning */
    char *query;                        /* presigning: the full query to send (no '?');
                                         * NULL for header signing */
    char *amz_date;                     /* copy of params->amz_date */
    char *security_token;               /* copy of the token when add_headers carry it */
    /* Headers the caller must add to the request, in this order, for header
     * signing (X-Amz-Security-Token, X-Amz-Date, x-amz-content-sha256 when the
     * request lacks them, then Authorization). Names are static strings,
     * values point into this result. Empty when presigning. */
    struct sigv4_header add_headers[SIGV4_MAX_ADD_HEADERS];
    size_t nadd_headers;
};

/* Sign req; fills *out (free with sigv4_result_free) and returns 0, or returns -1
 * with err set (RW_E_USAGE for bad input, RW_E_INTERNAL for a crypto failure),
 * leaving *out empty. Headers named Authorization, User-Agent, Expect,
 * X-Amzn-Trace-Id and Connection are sent but never signed. */
int sigv4_sign(const struct sigv4_request *req, const struct sigv4_creds *creds,
               const struct sigv4_params *params, struct sigv4_result *out,
               struct rw_err *err);

/* Free everything a result owns (wiping the token copy) and zero it; NULL is fine. */
void sigv4_result_free(struct sigv4_result *res);

/* Fill params with the rules of a service: S3 ("s3") signs the path as is and adds
 * x-amz-content-sha256; every other service normalizes and double-encodes the path.
 * The strings are borrowed. */
void sigv4_params_for_service(struct sigv4_params *params, const char *region,
                              const char *service, const char *amz_date);

/* Write the lowercase hex SHA-256 of data into out (NUL-terminated); 0 or -1. */
int sigv4_sha256_hex(const void *data, size_t len, char out[65]);

/* URI-encode len bytes of s: everything but A-Z a-z 0-9 - . _ ~ becomes %XX
 * (uppercase hex); '/' is kept unless encode_slash. Caller frees the result. */
char *sigv4_uri_encode(const void *s, size_t len, int encode_slash);

/* Format t (UTC) as an X-Amz-Date "YYYYMMDDTHHMMSSZ" into out; 0 or -1. */
int sigv4_amz_date(time_t t, char out[17]);

#endif
