/* Tests for clients/aws/sigv4 and sigv4_debug: every case of botocore's
 * aws4_testsuite and of aws-c-auth's v4 suite (header and query signing), and
 * named unit tests. Data: $RW_TESTDATA/sigv4 (default tests/data/sigv4). */
#include <CUnit/CUnit.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "clients/aws/httpreq.h"
#include "clients/aws/sigv4.h"
#include "clients/aws/sigv4_debug.h"
#include "core/err.h"
#include "core/xmalloc.h"

#define AK "AKIDEXAMPLE"
#define SK "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define DATE "20150830T123600Z"
#define BOTOCORE_CASES 34 /* tests/data/sigv4/SOURCES.txt */
#define CRT_CASES 38
#define VANILLA "GET / HTTP/1.1\nHost:example.amazonaws.com\n"

/* Path under the sigv4 test data; caller frees. */
static char *data_path(const char *rel)
{
    const char *root = getenv("RW_TESTDATA");
    return xasprintf("%s/sigv4/%s", root && *root ? root : "tests/data", rel);
}

/* Whole file, NUL-terminated; NULL if it cannot be read. Caller frees. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = 0, cap = 4096, got;
    char *p = xmalloc(cap);
    while ((got = fread(p + n, 1, cap - n - 1, f)) > 0)
        if ((n += got) == cap - 1)
            p = xrealloc(p, cap *= 2);
    fclose(f);
    p[n] = '\0';
    return p;
}

/* Drop the final newlines of s. */
static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static char *slurp_in(const char *dir, const char *file)
{
    char *path = xasprintf("%s/%s", dir, file);
    char *s = slurp(path);
    free(path);
    return s;
}

/* A failure that names the case; details on stderr. */
static void check(int ok, const char *name, const char *what)
{
    char *msg = xasprintf("%s: %s", name, what); /* CUnit copies it */
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);
    free(msg);
}

/* got must equal want, less the final newline some suite files carry. */
static void check_str(const char *name, const char *what, const char *want, const char *got)
{
    char *w = want ? xstrdup(want) : NULL;
    if (w)
        chomp(w);
    int ok = w && got && strcmp(w, got) == 0;
    free(w);
    if (!ok)
        fprintf(stderr, "\n[%s] %s\n--- expected\n%s\n--- actual\n%s\n", name, what,
                want ? want : "(file missing)", got ? got : "(none)");
    check(ok, name, what);
}

/* sigv4_request over a parsed request; *h is the header array (caller frees). */
static struct sigv4_request to_sigv4(const struct httpreq *hr, struct sigv4_header **h)
{
    *h = xcalloc(hr->nheaders + 1, sizeof **h);
    for (size_t i = 0; i < hr->nheaders; i++)
        (*h)[i] = (struct sigv4_header){ hr->headers[i].name, hr->headers[i].value };
    return (struct sigv4_request){ hr->method, hr->path, hr->query, *h, hr->nheaders,
                                   hr->body, hr->body_len };
}

static int sign_text(const char *text, const struct sigv4_creds *c,
                     const struct sigv4_params *p, struct sigv4_result *res)
{
    struct httpreq hr;
    struct sigv4_header *h = NULL;
    if (httpreq_parse(text, strlen(text), &hr, NULL) != 0)
        return -1;
    struct sigv4_request req = to_sigv4(&hr, &h);
    int rc = sigv4_sign(&req, c, p, res, NULL);
    free(h);
    httpreq_free(&hr);
    return rc;
}

/* The request as sent (hr, its target or the presigned query, then the added
 * headers) must equal the suite's signed request, parsed the same way. */
static void check_sent(const char *name, const char *what, const struct httpreq *hr,
                       const struct sigv4_result *res, const char *want, int auth_value)
{
    struct httpreq w;
    if (httpreq_parse(want ? want : "", want ? strlen(want) : 0, &w, NULL) != 0) {
        check(0, name, what);
        return;
    }
    char *target = res->query ? xasprintf("%s?%s", hr->path, res->query) : xstrdup(hr->target);
    int ok = strcmp(w.method, hr->method) == 0 && strcmp(w.target, target) == 0 &&
             w.nheaders == hr->nheaders + res->nadd_headers && w.body_len == hr->body_len &&
             memcmp(w.body, hr->body, hr->body_len) == 0;
    for (size_t i = 0; ok && i < w.nheaders; i++) {
        int added = i >= hr->nheaders;
        const char *n = added ? res->add_headers[i - hr->nheaders].name : hr->headers[i].name;
        const char *v = added ? res->add_headers[i - hr->nheaders].value : hr->headers[i].value;
        ok = strcasecmp(w.headers[i].name, n) == 0 &&
             (strcmp(w.headers[i].value, v) == 0 || (!auth_value && !strcmp(n, "Authorization")));
    }
    if (!ok)
        fprintf(stderr, "\n[%s] %s differs (target %s)\n", name, what, target);
    check(ok, name, what);
    free(target);
    httpreq_free(&w);
}

struct walk {
    int leaf_dirs, ran, ran_query;
};

typedef void (*case_fn)(const char *dir, const char *name, struct walk *w);

/* Run fn on every leaf directory under dir (a case), counting them. */
static void walk(const char *dir, const char *name, struct walk *w, case_fn fn)
{
    DIR *d = opendir(dir);
    int subdirs = 0;
    struct dirent *e;
    check(d != NULL, dir, "test data directory opens (set RW_TESTDATA?)");
    while (d && (e = readdir(d)) != NULL) {
        struct stat st;
        char *sub = xasprintf("%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.' && stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
            char *subname = *name ? xasprintf("%s/%s", name, e->d_name) : xstrdup(e->d_name);
            walk(sub, subname, w, fn);
            free(subname);
            subdirs++;
        }
        free(sub);
    }
    if (d)
        closedir(d);
    if (d && !subdirs && *name) {
        w->leaf_dirs++;
        fn(dir, name, w);
    }
}

/* botocore: <case>/<case>.req|.creq|.sts|.authz|.sreq. The token is the one the
 * signed request carries; it is signed when the canonical request shows it. */
static void botocore_case(const char *dir, const char *name, struct walk *w)
{
    const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    const char *ext[] = { "req", "creq", "sts", "authz", "sreq" };
    char *f[5];
    for (int i = 0; i < 5; i++) {
        char *file = xasprintf("%s.%s", base, ext[i]);
        f[i] = slurp_in(dir, file);
        free(file);
    }
    struct httpreq hr, sreq;
    int parsed = f[0] && httpreq_parse(f[0], strlen(f[0]), &hr, NULL) == 0;
    check(parsed, name, ".req present and parses");
    if (parsed) {
        char *token = NULL;
        if (f[4] && httpreq_parse(f[4], strlen(f[4]), &sreq, NULL) == 0) {
            for (size_t i = 0; i < sreq.nheaders; i++)
                if (strcasecmp(sreq.headers[i].name, "X-Amz-Security-Token") == 0)
                    token = xstrdup(sreq.headers[i].value);
            httpreq_free(&sreq);
        }
        struct sigv4_creds c = { AK, SK, token };
        struct sigv4_params p;
        sigv4_params_for_service(&p, "us-east-1", "service", DATE);
        p.token_mode = f[1] && strstr(f[1], "\nx-amz-security-token:") ? SIGV4_TOKEN_SIGNED
                                                                       : SIGV4_TOKEN_UNSIGNED;
        struct sigv4_header *h;
        struct sigv4_request req = to_sigv4(&hr, &h);
        struct sigv4_result res;
        check(sigv4_sign(&req, &c, &p, &res, NULL) == 0, name, "signs");
        check_str(name, "canonical request (.creq)", f[1], res.canonical_request);
        check_str(name, "string to sign (.sts)", f[2], res.string_to_sign);
        check_str(name, "authorization (.authz)", f[3], res.authorization);
        /* Upstream's get-vanilla-with-session-token.sreq carries a stale
         * signature, so Authorization is checked against .authz only. */
        check_sent(name, "signed request (.sreq)", &hr, &res, f[4], 0);
        sigv4_result_free(&res);
        free(h);
        free(token);
        httpreq_free(&hr);
        w->ran++;
    }
    for (int i = 0; i < 5; i++)
        free(f[i]);
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Compare one mode ("header" or "query") of an aws-c-auth case. */
static void crt_mode(const char *dir, const char *name, const char *mode,
                     const struct httpreq *hr, const struct sigv4_creds *c,
                     const struct sigv4_params *p)
{
    const char *parts[] = { "canonical-request", "string-to-sign", "signature",
                            "signed-request" };
    char *want[4], label[300];
    for (int i = 0; i < 4; i++) {
        char *file = xasprintf("%s-%s.txt", mode, parts[i]);
        want[i] = slurp_in(dir, file);
        free(file);
    }
    struct sigv4_header *h;
    struct sigv4_request req = to_sigv4(hr, &h);
    struct sigv4_result res;
    snprintf(label, sizeof label, "%s signing", mode);
    check(sigv4_sign(&req, c, p, &res, NULL) == 0, name, label);
    const char *got[] = { res.canonical_request, res.string_to_sign, res.signature };
    for (int i = 0; i < 3; i++) {
        snprintf(label, sizeof label, "%s-%s.txt", mode, parts[i]);
        check_str(name, label, want[i], got[i]);
    }
    if (want[3]) {
        snprintf(label, sizeof label, "%s-signed-request.txt", mode);
        check_sent(name, label, hr, &res, want[3], 1);
    }
    sigv4_result_free(&res);
    free(h);
    for (int i = 0; i < 4; i++)
        free(want[i]);
}

/* aws-c-auth: context.json, request.txt, header-*.txt and query-*.txt. */
static void crt_case(const char *dir, const char *name, struct walk *w)
{
    char *ctx_text = slurp_in(dir, "context.json"), *req_text = slurp_in(dir, "request.txt");
    cJSON *ctx = ctx_text ? cJSON_Parse(ctx_text) : NULL;
    const cJSON *cr = cJSON_GetObjectItemCaseSensitive(ctx, "credentials");
    const char *ts = json_str(ctx, "timestamp");
    struct httpreq hr;
    int ok = ctx && cr && ts && strlen(ts) == 20 && req_text &&
             httpreq_parse(req_text, strlen(req_text), &hr, NULL) == 0;
    check(ok, name, "context.json and request.txt present and parse");
    if (ok) {
        char date[17];
        size_t n = 0;
        for (const char *s = ts; *s && n < 16; s++)
            if (*s != '-' && *s != ':')
                date[n++] = *s;
        date[n] = '\0';
        struct sigv4_creds c = { json_str(cr, "access_key_id"),
                                 json_str(cr, "secret_access_key"), json_str(cr, "token") };
        struct sigv4_params p;
        sigv4_params_for_service(&p, json_str(ctx, "region"), json_str(ctx, "service"), date);
        p.normalize_path = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ctx, "normalize"));
        p.sign_body_header = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ctx, "sign_body"));
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ctx, "omit_session_token")))
            p.token_mode = SIGV4_TOKEN_UNSIGNED;
        crt_mode(dir, name, "header", &hr, &c, &p);
        w->ran++;
        char *qfile = xasprintf("%s/query-canonical-request.txt", dir);
        struct stat st;
        if (stat(qfile, &st) == 0) {
            const cJSON *exp = cJSON_GetObjectItemCaseSensitive(ctx, "expiration_in_seconds");
            p.presign_expires = cJSON_IsNumber(exp) ? (long)exp->valuedouble : 0;
            crt_mode(dir, name, "query", &hr, &c, &p);
            w->ran_query++;
        }
        free(qfile);
        httpreq_free(&hr);
    }
    cJSON_Delete(ctx);
    free(ctx_text);
    free(req_text);
}

static void test_sigv4_botocore_suite(void)
{
    struct walk w = { 0 };
    char *root = data_path("aws4_testsuite");
    walk(root, "", &w, botocore_case);
    printf("\n  botocore aws4_testsuite: %d of %d cases run\n", w.ran, w.leaf_dirs);
    CU_ASSERT_EQUAL(w.ran, w.leaf_dirs);
    CU_ASSERT_EQUAL(w.leaf_dirs, BOTOCORE_CASES);
    free(root);
}

static void test_sigv4_aws_c_auth_suite(void)
{
    struct walk w = { 0 };
    char *root = data_path("aws-c-auth/v4");
    walk(root, "", &w, crt_case);
    printf("\n  aws-c-auth v4: %d of %d header cases, %d query cases run\n", w.ran,
           w.leaf_dirs, w.ran_query);
    CU_ASSERT_EQUAL(w.ran, w.leaf_dirs);
    CU_ASSERT_EQUAL(w.ran_query, w.leaf_dirs);
    CU_ASSERT_EQUAL(w.leaf_dirs, CRT_CASES);
    free(root);
}

static void test_sigv4_signs_session_token(void)
{
    struct sigv4_creds c = { AK, SK, "session-token-value" };
    struct sigv4_params p;
    struct sigv4_result r;
    sigv4_params_for_service(&p, "us-east-1", "service", DATE);
    CU_ASSERT_EQUAL_FATAL(sign_text(VANILLA, &c, &p, &r), 0);
    CU_ASSERT_STRING_EQUAL(r.signed_headers, "host;x-amz-date;x-amz-security-token");
    const char *line = "\nx-amz-security-token:session-token-value\n";
    CU_ASSERT_PTR_NOT_NULL(strstr(r.canonical_request, line));
    CU_ASSERT_EQUAL(r.nadd_headers, 3);
    CU_ASSERT_STRING_EQUAL(r.add_headers[0].name, "X-Amz-Security-Token");
    CU_ASSERT_STRING_EQUAL(r.add_headers[0].value, "session-token-value");
    CU_ASSERT_STRING_EQUAL(r.add_headers[1].name, "X-Amz-Date");
    CU_ASSERT_STRING_EQUAL(r.add_headers[2].name, "Authorization");
    sigv4_result_free(&r);
    p.token_mode = SIGV4_TOKEN_UNSIGNED; /* sent, not signed: get-vanilla's signature */
    CU_ASSERT_EQUAL_FATAL(sign_text(VANILLA, &c, &p, &r), 0);
    CU_ASSERT_STRING_EQUAL(r.signature,
                           "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    CU_ASSERT_STRING_EQUAL(r.add_headers[0].value, "session-token-value");
    sigv4_result_free(&r);
}

static void test_sigv4_uri_encode_reserved(void)
{
    static const char raw[] = "a b/c%~-._!*'()=&+\xe1\x88\xb4";
    char *s = sigv4_uri_encode(raw, sizeof raw - 1, 0);
    CU_ASSERT_STRING_EQUAL(s, "a%20b/c%25~-._%21%2A%27%28%29%3D%26%2B%E1%88%B4");
    free(s);
    s = sigv4_uri_encode("a/b", 3, 1);
    CU_ASSERT_STRING_EQUAL(s, "a%2Fb");
    free(s);
    struct sigv4_creds c = { AK, SK, NULL };
    struct sigv4_params p;
    struct sigv4_result r;
    sigv4_params_for_service(&p, "us-east-1", "service", DATE); /* double-encodes */
    CU_ASSERT_EQUAL_FATAL(sign_text("GET /a/./b/../c//d%20e/?b=2&a=&c&a=%2f+x HTTP/1.1\nHost:h\n",
                                    &c, &p, &r), 0);
    const char *want = "GET\n/a/c/d%2520e/\na=&a=%2F%2Bx&b=2&c=\n";
    CU_ASSERT_EQUAL(strncmp(r.canonical_request, want, strlen(want)), 0);
    sigv4_result_free(&r);
    sigv4_params_for_service(&p, "us-east-1", "s3", DATE); /* path as is, body hash header */
    CU_ASSERT_EQUAL_FATAL(sign_text("PUT /a//b%20c HTTP/1.1\nHost:h\n\nhi", &c, &p, &r), 0);
    want = "PUT\n/a//b%20c\n\n";
    CU_ASSERT_EQUAL(strncmp(r.canonical_request, want, strlen(want)), 0);
    CU_ASSERT_STRING_EQUAL(r.signed_headers, "host;x-amz-content-sha256;x-amz-date");
    CU_ASSERT_STRING_EQUAL(r.add_headers[1].name, "x-amz-content-sha256");
    sigv4_result_free(&r);
}

static void test_sigv4_rejects_bad_input(void)
{
    struct sigv4_creds c = { AK, SK, NULL };
    struct sigv4_params p;
    struct sigv4_result r;
    struct rw_err err = { 0 };
    struct sigv4_request req = { "GET", "/", "", NULL, 0, NULL, 0 };
    sigv4_params_for_service(&p, "us-east-1", "service", "2015-08-30");
    CU_ASSERT_EQUAL(sigv4_sign(&req, &c, &p, &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    CU_ASSERT_PTR_NULL(r.canonical_request);
    p.amz_date = DATE;
    struct sigv4_header h[] = { { "Host", "h" }, { "X-Amz-Date", "20000101T000000Z" } };
    struct sigv4_request dated = { "GET", "/", "", h, 2, NULL, 0 };
    CU_ASSERT_EQUAL(sigv4_sign(&dated, &c, &p, &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_USAGE);
    c.secret_key = "";
    CU_ASSERT_EQUAL(sigv4_sign(&req, &c, &p, &r, &err), -1);
    CU_ASSERT_EQUAL(err.code, RW_E_CREDS);
    char d[17];
    CU_ASSERT_EQUAL(sigv4_amz_date(1440938160, d), 0);
    CU_ASSERT_STRING_EQUAL(d, DATE);
}

/* Run `debug sign` on input: check the exit code, the whole output, that the
 * error output holds want_err ("" for none) and that no secret key shows. */
static void expect_debug(char **argv, int argc, const char *input, int want_rc,
                         const char *want_out, const char *want_err)
{
    char *out = NULL, *errs = NULL;
    size_t on = 0, en = 0;
    FILE *in = fmemopen((void *)input, strlen(input), "r");
    FILE *o = open_memstream(&out, &on), *e = open_memstream(&errs, &en);
    CU_ASSERT_EQUAL(sigv4_debug_sign_main(argc, argv, in, o, e), want_rc);
    fclose(in);
    fclose(o);
    fclose(e);
    if (strcmp(out, want_out) != 0)
        fprintf(stderr, "\n[debug sign] output\n--- expected\n%s--- actual\n%s", want_out, out);
    CU_ASSERT_STRING_EQUAL(out, want_out);
    CU_ASSERT(*want_err ? strstr(errs, want_err) != NULL : *errs == '\0');
    CU_ASSERT(!strstr(out, SK) && !strstr(errs, SK));
    free(out);
    free(errs);
}

static void test_sigv4_debug_sign_prints_sections(void)
{
    char *dir = data_path("aws4_testsuite/post-sts-token/post-sts-header-before");
    char *req = slurp_in(dir, "post-sts-header-before.req");
    char *creq = slurp_in(dir, "post-sts-header-before.creq");
    char *sts = slurp_in(dir, "post-sts-header-before.sts");
    char *authz = slurp_in(dir, "post-sts-header-before.authz");
    CU_ASSERT_FATAL(req && creq && sts && authz && strstr(req, "Security-Token:"));
    chomp(creq);
    chomp(sts);
    chomp(authz);
    char *tok = strstr(req, "Security-Token:") + 15;
    tok = xstrndup(tok, strcspn(tok, "\r\n"));
    char *at = strstr(creq, tok);
    CU_ASSERT_PTR_NOT_NULL_FATAL(at);
    char *want = xasprintf("Canonical request:\n%.*s[REDACTED]%s\n\nString to sign:\n%s\n\n"
                           "Authorization: %s\n", (int)(at - creq), creq, at + strlen(tok),
                           sts, authz);
    char *argv[] = { "sign", "--access-key", AK, "--secret-key", SK, "--token", tok,
                     "--date", DATE, "--region=us-east-1", "--service", "service" };
    expect_debug(argv, 12, req, 0, want, "");
    char *missing[] = { "sign", "--access-key", AK, "--secret-key", SK, "--date", DATE,
                        "--service", "service" };
    expect_debug(missing, 9, req, 64, "", "rollwatch debug sign: missing --region (see --help)\n");
    char *typo[] = { "sign", "--secretkey=" SK };
    expect_debug(typo, 2, req, 64, "", "unknown option '--secretkey' (see --help)\n");
    expect_debug(argv, 12, "GET\n", 64, "", "rollwatch debug sign: bad request: ");
    free(want);
    free(tok);
    free(req);
    free(creq);
    free(sts);
    free(authz);
    free(dir);
}

void test_sigv4_register(void)
{
    CU_pSuite s = CU_add_suite("sigv4", NULL, NULL);
    CU_add_test(s, "botocore aws4_testsuite, every case", test_sigv4_botocore_suite);
    CU_add_test(s, "aws-c-auth v4 suite, every case", test_sigv4_aws_c_auth_suite);
    CU_add_test(s, "signs session token", test_sigv4_signs_session_token);
    CU_add_test(s, "uri encode reserved", test_sigv4_uri_encode_reserved);
    CU_add_test(s, "rejects bad input", test_sigv4_rejects_bad_input);
    CU_add_test(s, "debug sign prints sections", test_sigv4_debug_sign_prints_sections);
}
