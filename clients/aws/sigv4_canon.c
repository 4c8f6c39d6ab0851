/* sigv4_canon: canonical URI, query and headers for SigV4 (see sigv4_canon.h),
 * plus URI encoding. The rules are those of the AWS SigV4 test suites as run
 * by botocore and aws-c-auth. */
#include "clients/aws/sigv4_canon.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* A growable NUL-terminated string. */
struct sb {
    char *p;
    size_t len, cap;
};

static void sb_add(struct sb *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(struct sb *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Hand over the string (never NULL); b is empty afterwards. */
static char *sb_take(struct sb *b)
{
    char *p = b->p ? b->p : xstrdup("");
    memset(b, 0, sizeof *b);
    return p;
}

void sigv4_canon_wipe_free(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

static int is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

static void uri_encode_to(struct sb *b, const unsigned char *s, size_t n, int encode_slash)
{
    static const char hexu[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        if (is_unreserved(s[i]) || (s[i] == '/' && !encode_slash)) {
            sb_add(b, &s[i], 1);
        } else {
            char e[3] = { '%', hexu[s[i] >> 4], hexu[s[i] & 15] };
            sb_add(b, e, 3);
        }
    }
}

char *sigv4_uri_encode(const void *s, size_t len, int encode_slash)
{
    struct sb b = { 0 };
    uri_encode_to(&b, s, len, encode_slash);
    return sb_take(&b);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decode s[0..n) into out (room for n bytes); a malformed escape stays
 * literal, and '+' stays '+' (AWS wants spaces as %20). Returns the length. */
static size_t pct_decode(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            out[o++] = s[i];
        }
    }
    return o;
}

/* Remove "." and ".." segments and empty segments ("//"); keep a trailing '/'
 * when the path had one (botocore's and aws-c-auth's rule). Caller frees. */
static char *normalize_path(const char *path)
{
    size_t n = strlen(path), nmarks = 0;
    size_t *marks = xcalloc(n / 2 + 2, sizeof *marks); /* start of each kept segment */
    struct sb out = { 0 };
    for (const char *s = path; *s;) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (nmarks)
                out.len = marks[--nmarks];
        } else if (len && !(len == 1 && s[0] == '.')) {
            marks[nmarks++] = out.len;
            sb_add(&out, "/", 1);
            sb_add(&out, s, len);
        }
        s = e ? e + 1 : s + len;
    }
    if (out.p)
        out.p[out.len] = '\0';
    if (out.len == 0 || (n && path[n - 1] == '/'))
        sb_add(&out, "/", 1);
    free(marks);
    return sb_take(&out);
}

char *sigv4_canon_uri(const char *path, int normalize, int encode)
{
    if (!path || !*path)
        path = "/";
    char *norm = normalize ? normalize_path(path) : xstrdup(path);
    if (!encode)
        return norm;
    char *enc = sigv4_uri_encode(norm, strlen(norm), 0);
    free(norm);
    return enc;
}

/* Query parameters, URI-encoded, for sorting. */
struct qparam {
    char *k, *v;
};

struct qlist {
    struct qparam *v;
    size_t n;
};

/* Add one parameter; decode it first if it comes from the raw query. */
static void qlist_add(struct qlist *q, const char *k, size_t kn, const char *v, size_t vn,
                      int decode)
{
    char *buf = xmalloc(kn + vn + 1);
    size_t kl = decode ? pct_decode(k, kn, buf) : (memcpy(buf, k, kn), kn);
    size_t vl = decode ? pct_decode(v, vn, buf + kl) : (memcpy(buf + kl, v, vn), vn);
    q->v = xreallocarray(q->v, q->n + 1, sizeof *q->v);
    q->v[q->n].k = sigv4_uri_encode(buf, kl, 1);
    q->v[q->n].v = sigv4_uri_encode(buf + kl, vl, 1);
    q->n++;
    OPENSSL_cleanse(buf, kl + vl);
    free(buf);
}

static int qparam_cmp(const void *a, const void *b)
{
    const struct qparam *x = a, *y = b;
    int c = strcmp(x->k, y->k);
    return c ? c : strcmp(x->v, y->v);
}

char *sigv4_canon_query(const char *query, const struct sigv4_header *extra, size_t nextra)
{
    struct qlist q = { 0 };
    for (const char *s = query; s && *s;) {
        const char *amp = strchr(s, '&');
        size_t n = amp ? (size_t)(amp - s) : strlen(s);
        const char *eq = memchr(s, '=', n);
        size_t kn = eq ? (size_t)(eq - s) : n;
        if (n)
            qlist_add(&q, s, kn, eq ? eq + 1 : "", eq ? n - kn - 1 : 0, 1);
        s = amp ? amp + 1 : s + n;
    }
    for (size_t i = 0; i < nextra; i++)
        qlist_add(&q, extra[i].name, strlen(extra[i].name), extra[i].value,
                  strlen(extra[i].value), 0);
    if (q.n)
        qsort(q.v, q.n, sizeof *q.v, qparam_cmp);
    struct sb b = { 0 };
    for (size_t i = 0; i < q.n; i++) {
        if (i)
            sb_add(&b, "&", 1);
        sb_puts(&b, q.v[i].k);
        sb_add(&b, "=", 1);
        sb_puts(&b, q.v[i].v);
        free(q.v[i].k);
        sigv4_canon_wipe_free(q.v[i].v);
    }
    free(q.v);
    return sb_take(&b);
}

char *sigv4_canon_query_append(const char *query, const struct sigv4_header *extra,
                               size_t nextra)
{
    struct sb b = { 0 };
    sb_puts(&b, query ? query : "");
    for (size_t i = 0; i < nextra; i++) {
        if (b.len)
            sb_add(&b, "&", 1);
        sb_puts(&b, extra[i].name);
        sb_add(&b, "=", 1);
        uri_encode_to(&b, (const unsigned char *)extra[i].value, strlen(extra[i].value), 1);
    }
    return sb_take(&b);
}

/* One header for the canonical list. */
struct chdr {
    char *name, *value;
    size_t order;
};

static int chdr_cmp(const void *a, const void *b)
{
    const struct chdr *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Lowercase (ASCII) the name; trim the value and squeeze white space runs to one SP. */
static void chdr_set(struct chdr *c, const char *name, const char *value, size_t order)
{
    struct sb val = { 0 };
    int gap = 0;
    for (const char *s = value; *s; s++) {
        if (is_ws(*s)) {
            gap = val.len > 0;
            continue;
        }
        if (gap)
            sb_add(&val, " ", 1);
        gap = 0;
        sb_add(&val, s, 1);
    }
    c->name = xstrdup(name);
    for (char *p = c->name; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    c->value = sb_take(&val);
    c->order = order;
}

char *sigv4_canon_headers(const struct sigv4_header *h, size_t n, char **signed_out)
{
    struct chdr *v = xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        chdr_set(&v[i], h[i].name, h[i].value, i);
    if (n)
        qsort(v, n, sizeof *v, chdr_cmp);
    struct sb canon = { 0 }, list = { 0 };
    for (size_t i = 0; i < n; i++) {
        int same = i > 0 && strcmp(v[i].name, v[i - 1].name) == 0;
        if (!same) {
            if (i)
                sb_add(&canon, "\n", 1);
            if (list.len)
                sb_add(&list, ";", 1);
            sb_puts(&list, v[i].name);
            sb_puts(&canon, v[i].name);
        }
        sb_add(&canon, same ? "," : ":", 1);
        sb_puts(&canon, v[i].value);
    }
    if (n)
        sb_add(&canon, "\n", 1);
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        sigv4_canon_wipe_free(v[i].value);
    }
    free(v);
    *signed_out = sb_take(&list);
    return sb_take(&canon);
}
