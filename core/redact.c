/* redact: secret scrubbing for logs, the screen and crash output.
 * Three layers: exact registered secrets; values after secret-bearing key
 * names (aws_secret_access_key=, "SessionToken":, <SecretAccessKey>,
 * X-Amz-Security-Token:, Authorization: Bearer/FlyV1, Signature=); and shape heuristics (40-char
 * mixed-case base64 runs like AWS secret keys, very long base64 runs like
 * session tokens, Fly macaroons fm1r_/fm2_). */
#include "redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xmalloc.h"

#define MAX_SECRETS 32

static char *secrets[MAX_SECRETS];
static size_t nsecrets;

static const char *const secret_keys[] = {
    "aws_secret_access_key", "aws_session_token", "aws_security_token",
    "secretaccesskey", "secret_access_key", "secretkey", "secret-key",
    "sessiontoken", "session_token", "x-amz-security-token", "token",
    "accesstoken", "refreshtoken", "clientsecret", "fly_api_token",
    "signature", "password", "webidentitytoken", "authorization", "sso_bearer_token",
};

void rw_redact_register(const char *secret)
{
    if (!secret || strlen(secret) < 8)
        return;
    for (size_t i = 0; i < nsecrets; i++)
        if (strcmp(secrets[i], secret) == 0)
            return;
    if (nsecrets == MAX_SECRETS) { /* drop the oldest */
        explicit_bzero(secrets[0], strlen(secrets[0]));
        free(secrets[0]);
        memmove(secrets, secrets + 1, (MAX_SECRETS - 1) * sizeof *secrets);
        nsecrets--;
    }
    secrets[nsecrets++] = xstrdup(secret);
}

void rw_redact_reset(void)
{
    for (size_t i = 0; i < nsecrets; i++) {
        explicit_bzero(secrets[i], strlen(secrets[i]));
        free(secrets[i]);
    }
    nsecrets = 0;
}

static int is_b64(int c)
{
    return isalnum(c) || c == '/' || c == '+' || c == '=';
}

static int is_value_end(int c)
{
    return c == '\0' || isspace(c) || c == '"' || c == '\'' || c == ',' ||
           c == '&' || c == ';' || c == '}' || c == ']' || c == '<';
}

/* Length of a registered secret starting at s, or 0. */
static size_t match_secret(const char *s, size_t left)
{
    for (size_t i = 0; i < nsecrets; i++) {
        size_t n = strlen(secrets[i]);
        if (n <= left && memcmp(s, secrets[i], n) == 0)
            return n;
    }
    return 0;
}

/* If a secret key name ends at s[klen-1], return where its value starts. */
static size_t key_value_start(const char *s, size_t left, size_t *klen)
{
    for (size_t k = 0; k < sizeof secret_keys / sizeof *secret_keys; k++) {
        size_t n = strlen(secret_keys[k]);
        if (n > left || strncasecmp(s, secret_keys[k], n) != 0)
            continue;
        size_t j = n;
        while (j < left && (s[j] == '"' || s[j] == '\'' || s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j >= left || (s[j] != '=' && s[j] != ':' && s[j] != '>')) /* '>': <Key>value</Key> */
            continue;
        j++;
        while (j < left && (s[j] == ' ' || s[j] == '\t' || s[j] == '"' || s[j] == '\''))
            j++;
        if (strcmp(secret_keys[k], "authorization") == 0) { /* a bare token, not "Bearer X" */
            size_t e = j;
            while (e < left && !is_value_end((unsigned char)s[e]))
                e++;
            if (e < left && s[e] == ' ')
                continue; /* schemes and AWS4 signatures are handled on their own */
        }
        if (j < left && !is_value_end((unsigned char)s[j])) {
            *klen = n;
            return j;
        }
    }
    return 0;
}

/* Length of a token after "Bearer " / "FlyV1 " at s, or 0. */
static size_t scheme_token(const char *s, size_t left, size_t *skip)
{
    static const char *const schemes[] = { "bearer ", "flyv1 " };
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(schemes[k]);
        if (n < left && strncasecmp(s, schemes[k], n) == 0) {
            size_t j = n;
            while (j < left && !is_value_end((unsigned char)s[j]))
                j++;
            *skip = n;
            return j - n;
        }
    }
    return 0;
}

/* Length of a run at s that looks like a secret by shape, or 0. */
static size_t shape_secret(const char *s, size_t left, int at_boundary)
{
    if (!at_boundary)
        return 0;
    if (left > 5 && (strncmp(s, "fm1r_", 5) == 0 || strncmp(s, "fm2_", 4) == 0 ||
                     strncmp(s, "fm1a_", 5) == 0)) {
        size_t j = 0;
        while (j < left && !is_value_end((unsigned char)s[j]))
            j++;
        return j;
    }
    size_t j = 0;
    int upper = 0, lower = 0;
    while (j < left && is_b64((unsigned char)s[j])) {
        upper |= isupper((unsigned char)s[j]) != 0;
        lower |= islower((unsigned char)s[j]) != 0;
        j++;
    }
    if (!(upper && lower))
        return 0;
    if (j == 40 || j >= 100)
        return j;
    return 0;
}

static void put(char **out, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *out = xrealloc(*out, *cap);
    }
    memcpy(*out + *len, s, n);
    *len += n;
}

char *rw_redact(const char *text, size_t len)
{
    size_t cap = len + 32, olen = 0;
    char *out = xmalloc(cap);
    size_t i = 0;
    while (i < len) {
        const char *s = text + i;
        size_t left = len - i, n, klen = 0, skip = 0;
        int boundary = i == 0 || !is_b64((unsigned char)text[i - 1]);
        if ((n = match_secret(s, left)) > 0) {
            put(&out, &olen, &cap, RW_REDACTED, strlen(RW_REDACTED));
            i += n;
        } else if (boundary && (n = key_value_start(s, left, &klen)) > 0) {
            put(&out, &olen, &cap, s, n);
            size_t v = n;
            while (v < left && !is_value_end((unsigned char)s[v]))
                v++;
            put(&out, &olen, &cap, RW_REDACTED, strlen(RW_REDACTED));
            i += v;
        } else if (boundary && (n = scheme_token(s, left, &skip)) > 0) {
            put(&out, &olen, &cap, s, skip);
            put(&out, &olen, &cap, RW_REDACTED, strlen(RW_REDACTED));
            i += skip + n;
        } else if ((n = shape_secret(s, left, boundary)) > 0) {
            put(&out, &olen, &cap, RW_REDACTED, strlen(RW_REDACTED));
            i += n;
        } else {
            put(&out, &olen, &cap, s, 1);
            i++;
        }
    }
    out[olen] = '\0';
    return out;
}
