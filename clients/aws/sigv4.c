/* sigv4: AWS Signature Version 4 signing (see sigv4.h). The canonical request
 * (method, URI, query, headers, signed header list, payload hash; built by
 * sigv4_canon.c) is hashed into the string to sign, which is signed with a key
 * derived from the secret, date, region and service. */
#include "clients/aws/sigv4.h"

#include <limits.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clients/aws/sigv4_canon.h"
#include "core/xmalloc.h"

#define ALGORITHM "AWS4-HMAC-SHA256"
#define TOKEN_HEADER "X-Amz-Security-Token"
#define SHA256_HEADER "x-amz-content-sha256"
#define MAX_PRESIGN_EXPIRES 604800L /* AWS refuses presigned URLs valid over a week */

/* Headers that proxies and HTTP stacks rewrite: sent, never signed. */
static const char *const unsigned_headers[] = {
    "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection",
};

static void to_hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

int sigv4_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    out[0] = '\0';
    if (EVP_Digest(len ? data : "", len, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return -1;
    to_hex(md, 32, out);
    return 0;
}

/* HMAC-SHA256 of msg under key into out; 0 or -1. */
static int hmac256(const void *key, size_t klen, const void *msg, size_t mlen,
                   unsigned char out[32])
{
    unsigned int n = 0;
    if (klen > INT_MAX)
        return -1;
    if (!HMAC(EVP_sha256(), key, (int)klen, msg, mlen, out, &n) || n != 32)
        return -1;
    return 0;
}

/* Derive the signing key and sign sts; hex signature into out; 0 or -1. */
static int compute_signature(const char *secret, const struct sigv4_params *p,
                             const char *sts, char out[65])
{
    size_t slen = strlen(secret);
    char *ksecret = xmalloc(slen + 5);
    unsigned char a[32], b[32];
    memcpy(ksecret, "AWS4", 4);
    memcpy(ksecret + 4, secret, slen + 1);
    int fail = hmac256(ksecret, slen + 4, p->amz_date, 8, a) ||
               hmac256(a, 32, p->region, strlen(p->region), b) ||
               hmac256(b, 32, p->service, strlen(p->service), a) ||
               hmac256(a, 32, "aws4_request", 12, b) ||
               hmac256(b, 32, sts, strlen(sts), a);
    if (!fail)
        to_hex(a, 32, out);
    OPENSSL_cleanse(ksecret, slen + 4);
    OPENSSL_cleanse(a, sizeof a);
    OPENSSL_cleanse(b, sizeof b);
    free(ksecret);
    return fail ? -1 : 0;
}

static const char *find_header(const struct sigv4_request *req, const char *name)
{
    for (size_t i = 0; i < req->nheaders; i++)
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    return NULL;
}

static int is_unsigned_header(const char *name, const struct sigv4_params *p)
{
    for (size_t i = 0; i < sizeof unsigned_headers / sizeof *unsigned_headers; i++)
        if (strcasecmp(name, unsigned_headers[i]) == 0)
            return 1;
    return p->token_mode == SIGV4_TOKEN_UNSIGNED && strcasecmp(name, TOKEN_HEADER) == 0;
}

/* An ASCII HTTP token (RFC 9110 tchar), minus the characters in bad. */
static int valid_token(const char *s, const char *bad)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++) {
        int alnum = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                    (*s >= '0' && *s <= '9');
        if (!(alnum || strchr("!#$%&'*+-.^_`|~", *s)) || strchr(bad, *s))
            return 0;
    }
    return 1;
}

static int valid_amz_date(const char *d)
{
    int ok = d && strlen(d) == 16 && d[8] == 'T' && d[15] == 'Z';
    for (int i = 0; ok && i < 15; i++)
        ok = i == 8 || (d[i] >= '0' && d[i] <= '9');
    return ok;
}

/* Whether value, less surrounding blanks, equals s. */
static int trimmed_equal(const char *value, const char *s)
{
    value += strspn(value, " \t");
    size_t n = strlen(value);
    while (n && (value[n - 1] == ' ' || value[n - 1] == '\t'))
        n--;
    return n == strlen(s) && strncmp(value, s, n) == 0;
}

static int check_input(const struct sigv4_request *req, const struct sigv4_creds *c,
                       const struct sigv4_params *p, struct rw_err *err)
{
    if (!req || !c || !p)
        return rw_err_set(err, RW_E_USAGE, "sigv4: missing request, credentials or params");
    if (!valid_token(req->method, ""))
        return rw_err_set(err, RW_E_USAGE, "sigv4: bad HTTP method");
    if ((req->nheaders && !req->headers) || (req->body_len && !req->body))
        return rw_err_set(err, RW_E_USAGE, "sigv4: headers or body missing");
    for (size_t i = 0; i < req->nheaders; i++)
        if (!valid_token(req->headers[i].name, "") || !req->headers[i].value)
            return rw_err_set(err, RW_E_USAGE, "sigv4: bad header #%zu", i + 1);
    if (!valid_token(c->access_key, "/") || !c->secret_key || !*c->secret_key)
        return rw_err_set(err, RW_E_CREDS, "sigv4: missing access key or secret key");
    if (!valid_token(p->region, "/") || !valid_token(p->service, "/"))
        return rw_err_set(err, RW_E_USAGE, "sigv4: bad region or service");
    if (!valid_amz_date(p->amz_date))
        return rw_err_set(err, RW_E_USAGE, "sigv4: date must look like 20150830T123600Z");
    const char *hd = find_header(req, "X-Amz-Date");
    if (hd && !trimmed_equal(hd, p->amz_date))
        return rw_err_set(err, RW_E_USAGE, "sigv4: the X-Amz-Date header is not the date signed");
    if (p->presign_expires < 0 || p->presign_expires > MAX_PRESIGN_EXPIRES)
        return rw_err_set(err, RW_E_USAGE, "sigv4: presign expiry must be 1..%ld seconds",
                          MAX_PRESIGN_EXPIRES);
    return 0;
}

static int payload_hash(const struct sigv4_request *req, const struct sigv4_params *p,
                        struct sigv4_result *out, struct rw_err *err)
{
    const char *given = p->payload_hash ? p->payload_hash : find_header(req, SHA256_HEADER);
    char hex[65];
    if (!given && sigv4_sha256_hex(req->body, req->body_len, hex) != 0)
        return rw_err_set(err, RW_E_INTERNAL, "sigv4: SHA-256 failed");
    out->payload_hash = xstrdup(given ? given : hex);
    return 0;
}

/* The headers to sign: the request's (less the unsigned ones) and, for header
 * signing, the token, date and body hash headers it lacks. The array borrows
 * its strings; caller frees the array. */
static struct sigv4_header *headers_to_sign(const struct sigv4_request *req,
                                            const struct sigv4_creds *c,
                                            const struct sigv4_params *p,
                                            const struct sigv4_result *out, size_t *n)
{
    struct sigv4_header *v = xcalloc(req->nheaders + 3, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < req->nheaders; i++)
        if (!is_unsigned_header(req->headers[i].name, p))
            v[k++] = req->headers[i];
    if (p->presign_expires == 0) {
        if (c->session_token && p->token_mode == SIGV4_TOKEN_SIGNED &&
            !find_header(req, TOKEN_HEADER))
            v[k++] = (struct sigv4_header){ TOKEN_HEADER, c->session_token };
        if (!find_header(req, "X-Amz-Date"))
            v[k++] = (struct sigv4_header){ "X-Amz-Date", p->amz_date };
        if (p->sign_body_header && !find_header(req, SHA256_HEADER))
            v[k++] = (struct sigv4_header){ SHA256_HEADER, out->payload_hash };
    }
    *n = k;
    return v;
}

/* Header signing: the Authorization value and the headers the caller adds. */
static void finish_header_mode(const struct sigv4_request *req, const struct sigv4_creds *c,
                               const struct sigv4_params *p, const char *scope,
                               struct sigv4_result *out)
{
    out->authorization = xasprintf(ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                                   c->access_key, scope, out->signed_headers, out->signature);
    struct sigv4_header *h = out->add_headers;
    if (c->session_token && !find_header(req, TOKEN_HEADER)) {
        out->security_token = xstrdup(c->session_token);
        h[out->nadd_headers++] = (struct sigv4_header){ TOKEN_HEADER, out->security_token };
    }
    if (!find_header(req, "X-Amz-Date"))
        h[out->nadd_headers++] = (struct sigv4_header){ "X-Amz-Date", out->amz_date };
    if (p->sign_body_header && !find_header(req, SHA256_HEADER))
        h[out->nadd_headers++] = (struct sigv4_header){ SHA256_HEADER, out->payload_hash };
    h[out->nadd_headers++] = (struct sigv4_header){ "Authorization", out->authorization };
}

/* Canonical request, string to sign and signature; qp are the presign query
 * parameters (X-Amz-SignedHeaders at [3] is filled in here), the first nsigned
 * of them signed. 0 or -1 (crypto failure). */
static int sign_core(const struct sigv4_request *req, const struct sigv4_creds *creds,
                     const struct sigv4_params *p, const char *scope,
                     struct sigv4_header *qp, size_t nsigned, struct sigv4_result *out)
{
    size_t nh;
    struct sigv4_header *h = headers_to_sign(req, creds, p, out, &nh);
    char *headers = sigv4_canon_headers(h, nh, &out->signed_headers);
    free(h);
    if (nsigned > 3)
        qp[3].value = out->signed_headers;
    char *uri = sigv4_canon_uri(req->path, p->normalize_path, p->encode_path);
    char *query = sigv4_canon_query(req->query, qp, nsigned);
    out->canonical_request = xasprintf("%s\n%s\n%s\n%s\n%s\n%s", req->method, uri, query,
                                       headers, out->signed_headers, out->payload_hash);
    free(uri);
    sigv4_canon_wipe_free(query);
    sigv4_canon_wipe_free(headers);
    char hash[65], sig[65];
    int rc = sigv4_sha256_hex(out->canonical_request, strlen(out->canonical_request), hash);
    out->string_to_sign = xasprintf(ALGORITHM "\n%s\n%s\n%s", p->amz_date, scope, hash);
    if (rc == 0)
        rc = compute_signature(creds->secret_key, p, out->string_to_sign, sig);
    if (rc == 0)
        out->signature = xstrdup(sig);
    return rc;
}

int sigv4_sign(const struct sigv4_request *req, const struct sigv4_creds *creds,
               const struct sigv4_params *p, struct sigv4_result *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    if (check_input(req, creds, p, err) != 0 || payload_hash(req, p, out, err) != 0)
        return -1;
    out->amz_date = xstrdup(p->amz_date);
    char *scope = xasprintf("%.8s/%s/%s/aws4_request", p->amz_date, p->region, p->service);
    char *cred = xasprintf("%s/%s", creds->access_key, scope);
    char expires[24];
    snprintf(expires, sizeof expires, "%ld", p->presign_expires);
    /* Presigning: sent in this order (aws-c-auth's), then the signature. */
    struct sigv4_header qp[] = {
        { "X-Amz-Algorithm", ALGORITHM }, { "X-Amz-Credential", cred },
        { "X-Amz-Date", p->amz_date },    { "X-Amz-SignedHeaders", NULL },
        { "X-Amz-Expires", expires },     { TOKEN_HEADER, creds->session_token },
    };
    size_t nqp = p->presign_expires == 0 ? 0 : creds->session_token ? 6 : 5;
    size_t nsigned = nqp == 6 && p->token_mode == SIGV4_TOKEN_UNSIGNED ? 5 : nqp;
    int rc = sign_core(req, creds, p, scope, qp, nsigned, out);
    if (rc == 0 && nqp) {
        char *q = sigv4_canon_query_append(req->query, qp, nqp);
        out->query = xasprintf("%s&X-Amz-Signature=%s", q, out->signature);
        sigv4_canon_wipe_free(q);
    } else if (rc == 0) {
        finish_header_mode(req, creds, p, scope, out);
    }
    free(scope);
    free(cred);
    if (rc != 0) {
        sigv4_result_free(out);
        return rw_err_set(err, RW_E_INTERNAL, "sigv4: SHA-256 or HMAC failed");
    }
    return 0;
}

void sigv4_result_free(struct sigv4_result *res)
{
    if (!res)
        return;
    char *owned[] = { res->canonical_request, res->string_to_sign, res->signature,
                      res->signed_headers, res->payload_hash, res->authorization,
                      res->query, res->amz_date, res->security_token };
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
        sigv4_canon_wipe_free(owned[i]);
    memset(res, 0, sizeof *res);
}

void sigv4_params_for_service(struct sigv4_params *params, const char *region,
                              const char *service, const char *amz_date)
{
    int s3 = service && strcmp(service, "s3") == 0;
    memset(params, 0, sizeof *params);
    params->region = region;
    params->service = service;
    params->amz_date = amz_date;
    params->normalize_path = !s3;
    params->encode_path = !s3;
    params->sign_body_header = s3;
}

int sigv4_amz_date(time_t t, char out[17])
{
    struct tm tm;
    out[0] = '\0';
    if (!gmtime_r(&t, &tm) || strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm) != 16) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}
