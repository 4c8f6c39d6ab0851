/* credparse: credential documents and command lines (see credparse.h). */
#include "credparse.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xmalloc.h"

static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int64_t credparse_iso8601(const char *s)
{
    if (!s || strlen(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return -1;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), se = digits(s + 17, 2);
    static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || se < 0 || se > 60)
        return -1;
    if (mo == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)))
        return -1;
    const char *p = s + 19;
    int ms = 0;
    if (*p == '.') {
        int scale = 100;
        for (p++; isdigit((unsigned char)*p); p++, scale /= 10)
            ms += (*p - '0') * scale;
    }
    int64_t off = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh = digits(p + 1, 2), om = p[3] == ':' ? digits(p + 4, 2) : digits(p + 3, 2);
        if (oh < 0 || om < 0)
            return -1;
        off = (int64_t)(oh * 60 + om) * 60000 * (*p == '+' ? 1 : -1);
        p += p[3] == ':' ? 6 : 5;
    } else if (*p) {
        return -1;
    }
    if (*p)
        return -1;
    int64_t days = days_from_civil(y, mo, d);
    return ((days * 24 + h) * 60 + mi) * 60000 + (int64_t)se * 1000 + ms - off;
}

static const char *str(const cJSON *o, const char *k)
{
    const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, k));
    return v && *v ? v : NULL;
}

/* Fill out from an object with the given key names; returns 0 or -1. */
static int take_keys(const cJSON *o, const char *ak, const char *sk, const char *tk,
                     const char *what, struct aws_creds *out, struct rw_err *err)
{
    const char *a = str(o, ak), *s = str(o, sk), *t = str(o, tk);
    if (!a || !s)
        return rw_err_set(err, RW_E_PARSE, "%s: %s and %s are required", what, ak, sk);
    out->access_key = xstrdup(a);
    out->secret_key = xstrdup(s);
    out->session_token = t ? xstrdup(t) : NULL;
    return 0;
}

static cJSON *parse_object(const char *buf, size_t len, const char *what, struct rw_err *err)
{
    cJSON *j = cJSON_ParseWithLength(buf, len);
    if (!cJSON_IsObject(j)) {
        cJSON_Delete(j);
        rw_err_set(err, RW_E_PARSE, "%s: not a JSON object", what);
        return NULL;
    }
    return j;
}

/* Expiration (ISO-8601) into out; a present but invalid value is an error. */
static int take_expiry(const cJSON *o, const char *key, const char *what, struct aws_creds *out,
                       struct rw_err *err)
{
    const char *e = str(o, key);
    if (!e)
        return 0;
    out->expires_wall_ms = credparse_iso8601(e);
    if (out->expires_wall_ms < 0)
        return rw_err_set(err, RW_E_PARSE, "%s: %s '%.40s' is not an ISO-8601 time", what, key, e);
    return 0;
}

int credparse_process(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *what = "credential_process output";
    cJSON *j = parse_object(buf, len, what, err);
    if (!j)
        return -1;
    int rc = -1;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, "Version");
    if (!cJSON_IsNumber(v) || v->valuedouble != 1)
        rw_err_set(err, RW_E_PARSE, "%s: \"Version\": 1 is required", what);
    else if (take_keys(j, "AccessKeyId", "SecretAccessKey", "SessionToken", what, out, err) == 0)
        rc = take_expiry(j, "Expiration", what, out, err);
    cJSON_Delete(j);
    if (rc < 0)
        aws_creds_clear(out);
    return rc;
}

int credparse_container(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *what = "credentials document";
    cJSON *j = parse_object(buf, len, what, err);
    if (!j)
        return -1;
    int rc = -1;
    const char *code = str(j, "Code");
    if (code && strcmp(code, "Success") != 0)
        rw_err_set(err, RW_E_CREDS, "%s: Code %.60s: %.200s", what, code,
                   str(j, "Message") ? str(j, "Message") : "");
    else if (take_keys(j, "AccessKeyId", "SecretAccessKey", "Token", what, out, err) == 0)
        rc = take_expiry(j, "Expiration", what, out, err);
    cJSON_Delete(j);
    if (rc < 0)
        aws_creds_clear(out);
    return rc;
}

int credparse_sso_role(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *what = "SSO GetRoleCredentials";
    cJSON *j = parse_object(buf, len, what, err);
    if (!j)
        return -1;
    const cJSON *rc_obj = cJSON_GetObjectItemCaseSensitive(j, "roleCredentials");
    int rc = -1;
    if (!cJSON_IsObject(rc_obj)) {
        rw_err_set(err, RW_E_PARSE, "%s: roleCredentials missing", what);
    } else if (take_keys(rc_obj, "accessKeyId", "secretAccessKey", "sessionToken", what, out,
                         err) == 0) {
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(rc_obj, "expiration");
        out->expires_wall_ms = cJSON_IsNumber(e) ? (int64_t)e->valuedouble : 0;
        rc = 0;
    }
    cJSON_Delete(j);
    if (rc < 0)
        aws_creds_clear(out);
    return rc;
}

int credparse_sso_token(const char *buf, size_t len, struct sso_token *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    const char *what = "SSO token cache";
    cJSON *j = parse_object(buf, len, what, err);
    if (!j)
        return -1;
    const char *tok = str(j, "accessToken"), *exp = str(j, "expiresAt");
    int rc = -1;
    if (!tok || !exp)
        rw_err_set(err, RW_E_PARSE, "%s: accessToken and expiresAt are required", what);
    else if ((out->expires_wall_ms = credparse_iso8601(exp)) < 0)
        rw_err_set(err, RW_E_PARSE, "%s: expiresAt is not an ISO-8601 time", what);
    else {
        out->access_token = xstrdup(tok);
        out->region = xstrdup(str(j, "region"));
        out->start_url = xstrdup(str(j, "startUrl"));
        rc = 0;
    }
    cJSON_Delete(j);
    return rc;
}

void credparse_sso_token_free(struct sso_token *t)
{
    if (t->access_token)
        explicit_bzero(t->access_token, strlen(t->access_token));
    free(t->access_token);
    free(t->region);
    free(t->start_url);
    memset(t, 0, sizeof *t);
}

struct words {
    char **v;
    size_t n;
    char *cur;
    size_t len, cap;
    int in_word;
};

static void wput(struct words *w, char c)
{
    if (w->len + 2 > w->cap) {
        w->cap = w->cap ? w->cap * 2 : 32;
        w->cur = xrealloc(w->cur, w->cap);
    }
    w->cur[w->len++] = c;
    w->in_word = 1;
}

static void wend(struct words *w)
{
    if (!w->in_word)
        return;
    w->v = xreallocarray(w->v, w->n + 2, sizeof *w->v);
    w->v[w->n++] = xstrndup(w->cur ? w->cur : "", w->len);
    w->v[w->n] = NULL;
    w->len = 0;
    w->in_word = 0;
}

/* Consume a quoted run starting after the opening quote; returns the new
 * position, or NULL when the quote is never closed. */
static const char *quoted(struct words *w, const char *p, char q)
{
    w->in_word = 1; /* '' is an empty word */
    for (; *p && *p != q; p++) {
        if (q == '"' && *p == '\\' && p[1] && strchr("\"\\$`\n", p[1])) {
            p++;
            if (*p == '\n')
                continue; /* line continuation */
        }
        wput(w, *p);
    }
    return *p == q ? p + 1 : NULL;
}

char **credparse_split_command(const char *cmd, struct rw_err *err)
{
    struct words w;
    memset(&w, 0, sizeof w);
    const char *p = cmd;
    while (p && *p) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            wend(&w);
            p++;
        } else if (*p == '\'' || *p == '"') {
            p = quoted(&w, p + 1, *p);
        } else if (*p == '\\') {
            if (!p[1])
                break;
            if (p[1] != '\n')
                wput(&w, p[1]);
            p += 2;
        } else {
            wput(&w, *p++);
        }
    }
    if (!p) {
        rw_err_set(err, RW_E_USAGE, "credential_process: unterminated quote in '%.80s'", cmd);
        free(w.cur);
        credparse_argv_free(w.v);
        return NULL;
    }
    wend(&w);
    free(w.cur);
    if (!w.n) {
        rw_err_set(err, RW_E_USAGE, "credential_process: empty command");
        return NULL;
    }
    return w.v;
}

void credparse_argv_free(char **argv)
{
    for (size_t i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}
