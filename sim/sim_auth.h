/* sim_auth: the fake cloud's side of SigV4. Parses the Authorization header
 * and verifies a received request by signing it again (clients/aws/sigv4.h)
 * with the sim's own credentials, then comparing in constant time. Pure:
 * the request and the time are arguments. */
#ifndef RW_SIM_AUTH_H
#define RW_SIM_AUTH_H

#include <stddef.h>
#include <time.h>

#include "clients/aws/sigv4.h"

#define SIM_ACCESS_KEY "AKIDROLLWATCHSIM"
#define SIM_SECRET_KEY "rollwatch-sim-secret-key-0000000000000000"
/* How far X-Amz-Date may be from the sim's clock, as AWS allows. */
#define SIM_AUTH_MAX_SKEW_S (15 * 60)

/* The parts of "AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=a;b, Signature=hex". */
struct sim_auth {
    char access_key[128];
    char date[9];             /* YYYYMMDD */
    char region[32];
    char service[32];
    char signed_headers[512]; /* "content-type;host;x-amz-date" */
    char signature[65];
};

enum sim_auth_result {
    SIM_AUTH_OK,
    SIM_AUTH_MISSING,         /* no Authorization header */
    SIM_AUTH_MALFORMED,       /* an unreadable Authorization or X-Amz-Date */
    SIM_AUTH_UNKNOWN_KEY,     /* not the sim's access key */
    SIM_AUTH_EXPIRED,         /* X-Amz-Date more than 15 minutes from now */
    SIM_AUTH_BAD_SIGNATURE,
};

/* A received request, raw: target is the request-target as sent ("/p?q"). */
struct sim_http_req {
    const char *method;
    const char *target;
    const struct sigv4_header *headers;
    size_t nheaders;
    const unsigned char *body;
    size_t body_len;
};

/* Parse an Authorization header value into out; 0, or -1 if malformed. */
int sim_auth_parse(const char *value, struct sim_auth *out);
/* Parse an X-Amz-Date "YYYYMMDDTHHMMSSZ" (UTC) into *out; 0 or -1. */
int sim_auth_parse_amz_date(const char *s, time_t *out);
/* The value of header name (case-insensitive) in r, or NULL. */
const char *sim_auth_header(const struct sim_http_req *r, const char *name);
/* Compare two NUL-terminated strings in time independent of where they differ;
 * 1 if equal. */
int sim_auth_equal(const char *a, const char *b);
/* Verify r's signature for access_key/secret at time now; the parsed header goes
 * to *auth (zeroed when there is none). */
enum sim_auth_result sim_auth_verify(const struct sim_http_req *r, const char *access_key,
                                     const char *secret, time_t now, struct sim_auth *auth);

#endif
