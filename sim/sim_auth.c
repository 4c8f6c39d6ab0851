/* sim_auth: Authorization header parsing and SigV4 verification by signing the
 * received request again. The header grammar accepted is AWS's: the algorithm,
 * one space, then Credential=, SignedHeaders= and Signature= separated by
 * commas and optional spaces, in any order. */
#include "sim_auth.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xmalloc.h"

#define ALGORITHM "AWS4-HMAC-SHA256 "
#define MAX_SIGNED 24

/* Copy [s, s+n) into out (size cap); -1 if empty or too long. */
static int take(const char *s, size_t n, char *out, size_t cap)
{
    if (n == 0 || n >= cap)
        return -1;
    memcpy(out, s, n);
    out[n] = '\0';
    return 0;
}

/* "AK/YYYYMMDD/region/service/aws4_request" into out. */
static int parse_credential(const char *s, size_t n, struct sim_auth *out)
{
    char *fields[5] = { out->access_key, out->date, out->region, out->service, NULL };
    size_t caps[4] = { sizeof out->access_key, sizeof out->date, sizeof out->region,
                       sizeof out->service };
    const char *end = s + n;
    for (int i = 0; i < 4; i++) {
        const char *slash = memchr(s, '/', (size_t)(end - s));
        if (!slash || take(s, (size_t)(slash - s), fields[i], caps[i]) < 0)
            return -1;
        s = slash + 1;
    }
    if ((size_t)(end - s) != strlen("aws4_request") || strncmp(s, "aws4_request", 12) != 0)
        return -1;
    if (strlen(out->date) != 8)
        return -1;
    for (int i = 0; i < 8; i++)
        if (!isdigit((unsigned char)out->date[i]))
            return -1;
    return 0;
}

static int parse_hex_signature(const char *s, size_t n, struct sim_auth *out)
{
    if (n != 64 || take(s, n, out->signature, sizeof out->signature) < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
            return -1;
    return 0;
}

int sim_auth_parse(const char *value, struct sim_auth *out)
{
    memset(out, 0, sizeof *out);
    if (!value || strncmp(value, ALGORITHM, strlen(ALGORITHM)) != 0)
        return -1;
    const char *p = value + strlen(ALGORITHM);
    int seen = 0;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, ",");
        while (n && p[n - 1] == ' ')
            n--;
        const char *eq = memchr(p, '=', n);
        if (!eq)
            return -1;
        size_t kn = (size_t)(eq - p), vn = n - kn - 1;
        int rc = -1;
        if (kn == 10 && strncmp(p, "Credential", 10) == 0 && !(seen & 1))
            rc = parse_credential(eq + 1, vn, out), seen |= 1;
        else if (kn == 13 && strncmp(p, "SignedHeaders", 13) == 0 && !(seen & 2))
            rc = take(eq + 1, vn, out->signed_headers, sizeof out->signed_headers), seen |= 2;
        else if (kn == 9 && strncmp(p, "Signature", 9) == 0 && !(seen & 4))
            rc = parse_hex_signature(eq + 1, vn, out), seen |= 4;
        if (rc < 0)
            return -1;
        p += strcspn(p, ",");
    }
    return seen == 7 ? 0 : -1;
}

int sim_auth_parse_amz_date(const char *s, time_t *out)
{
    if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
        return -1;
    for (int i = 0; i < 15; i++)
        if (i != 8 && !isdigit((unsigned char)s[i]))
            return -1;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    int y, mo, d, h, mi, se;
    if (sscanf(s, "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &se) != 6)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
        return -1;
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
    tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
    *out = timegm(&tm);
    return 0;
}

const char *sim_auth_header(const struct sim_http_req *r, const char *name)
{
    for (size_t i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, name) == 0)
            return r->headers[i].value;
    return NULL;
}

int sim_auth_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = na != nb;
    for (size_t i = 0; i < na; i++)
        diff |= (unsigned char)(a[i] ^ b[i % (nb ? nb : 1)]);
    return diff == 0;
}

/* The signed headers named in auth, with r's values; count, or -1 if one is absent. */
static int signed_headers(const struct sim_http_req *r, const struct sim_auth *auth,
                          char names[MAX_SIGNED][64], struct sigv4_header *out)
{
    int n = 0;
    const char *p = auth->signed_headers;
    while (*p) {
        size_t len = strcspn(p, ";");
        if (n == MAX_SIGNED || take(p, len, names[n], 64) < 0)
            return -1;
        const char *v = sim_auth_header(r, names[n]);
        if (!v)
            return -1;
        out[n] = (struct sigv4_header){ names[n], v };
        n++;
        p += len;
        if (*p == ';')
            p++;
    }
    return n;
}

/* Sign r again as the client should have; 1 if signature and signed headers match. */
static int signature_matches(const struct sim_http_req *r, const struct sim_auth *auth,
                             const char *secret, const char *amz_date)
{
    char names[MAX_SIGNED][64];
    struct sigv4_header hs[MAX_SIGNED];
    int n = signed_headers(r, auth, names, hs);
    if (n < 0)
        return 0;
    char *path = xstrdup(r->target ? r->target : "/");
    char *q = strchr(path, '?');
    if (q)
        *q++ = '\0';
    struct sigv4_request sr = { r->method, path, q, hs, (size_t)n, r->body, r->body_len };
    struct sigv4_creds sc = { auth->access_key, secret, NULL };
    struct sigv4_params sp;
    sigv4_params_for_service(&sp, auth->region, auth->service, amz_date);
    struct sigv4_result res;
    struct rw_err err;
    memset(&res, 0, sizeof res);
    int ok = sigv4_sign(&sr, &sc, &sp, &res, &err) == 0 &&
             strcmp(res.signed_headers, auth->signed_headers) == 0 &&
             sim_auth_equal(res.signature, auth->signature);
    sigv4_result_free(&res);
    free(path);
    return ok;
}

enum sim_auth_result sim_auth_verify(const struct sim_http_req *r, const char *access_key,
                                     const char *secret, time_t now, struct sim_auth *auth)
{
    memset(auth, 0, sizeof *auth);
    const char *hdr = sim_auth_header(r, "Authorization");
    if (!hdr)
        return SIM_AUTH_MISSING;
    if (sim_auth_parse(hdr, auth) < 0)
        return SIM_AUTH_MALFORMED;
    if (strcmp(auth->access_key, access_key) != 0)
        return SIM_AUTH_UNKNOWN_KEY;
    const char *amz_date = sim_auth_header(r, "X-Amz-Date");
    time_t t;
    if (sim_auth_parse_amz_date(amz_date, &t) < 0)
        return SIM_AUTH_MALFORMED;
    if (t > now + SIM_AUTH_MAX_SKEW_S || t < now - SIM_AUTH_MAX_SKEW_S)
        return SIM_AUTH_EXPIRED;
    if (strncmp(amz_date, auth->date, 8) != 0)
        return SIM_AUTH_BAD_SIGNATURE;
    return signature_matches(r, auth, secret, amz_date) ? SIM_AUTH_OK : SIM_AUTH_BAD_SIGNATURE;
}
