/* sts: STS query-protocol request bodies and response parsers (see sts.h).
 * Responses are walked as an expat tree (xml.h); the secrets in the tree are
 * wiped before it is freed. */
#include "sts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "credparse.h"
#include "core/xmalloc.h"
#include "sigv4.h"
#include "xml.h"

#define STS_MIN_DURATION 900
#define STS_MAX_DURATION 43200

/* body + "&key=value" with value form-URL-encoded (RFC 3986 unreserved kept,
 * the rest %XX); frees body, wiping it and the encoded value: a web identity
 * token is a secret. Returns the new body (caller frees). */
static char *form_add(char *body, const char *key, const char *val)
{
    char *enc = sigv4_uri_encode(val, strlen(val), 1);
    char *next = xasprintf("%s&%s=%s", body, key, enc);
    explicit_bzero(enc, strlen(enc));
    explicit_bzero(body, strlen(body));
    free(enc);
    free(body);
    return next;
}

static char *form_start(const char *action)
{
    return xasprintf("Action=%s&Version=%s", action, STS_VERSION);
}

static int missing(const char *s)
{
    return !s || !*s;
}

/* 0 if duration_s is 0 (omitted) or within STS's range, else -1 with RW_E_USAGE. */
static int check_duration(const char *action, int duration_s, struct rw_err *err)
{
    if (duration_s != 0 && (duration_s < STS_MIN_DURATION || duration_s > STS_MAX_DURATION))
        return rw_err_set(err, RW_E_USAGE, "%s: DurationSeconds %d is outside %d..%d", action,
                          duration_s, STS_MIN_DURATION, STS_MAX_DURATION);
    return 0;
}

/* body + "&DurationSeconds=N" unless duration_s is 0; frees body. */
static char *form_duration(char *body, int duration_s)
{
    if (duration_s == 0)
        return body;
    char num[16];
    snprintf(num, sizeof num, "%d", duration_s);
    return form_add(body, "DurationSeconds", num);
}

char *sts_get_caller_identity_body(void)
{
    return form_start("GetCallerIdentity");
}

char *sts_assume_role_body(const struct sts_assume_role_params *p, struct rw_err *err)
{
    if (missing(p->role_arn) || missing(p->session_name)) {
        rw_err_set(err, RW_E_USAGE, "AssumeRole: RoleArn and RoleSessionName are required");
        return NULL;
    }
    if (missing(p->serial_number) != missing(p->token_code)) {
        rw_err_set(err, RW_E_USAGE, "AssumeRole: MFA needs both SerialNumber and TokenCode");
        return NULL;
    }
    if (check_duration("AssumeRole", p->duration_s, err) < 0)
        return NULL;
    char *b = form_start("AssumeRole");
    b = form_add(b, "RoleArn", p->role_arn);
    b = form_add(b, "RoleSessionName", p->session_name);
    b = form_duration(b, p->duration_s);
    if (!missing(p->external_id))
        b = form_add(b, "ExternalId", p->external_id);
    if (!missing(p->serial_number)) {
        b = form_add(b, "SerialNumber", p->serial_number);
        b = form_add(b, "TokenCode", p->token_code);
    }
    return b;
}

char *sts_assume_role_with_web_identity_body(const struct sts_web_identity_params *p,
                                             struct rw_err *err)
{
    static const char action[] = "AssumeRoleWithWebIdentity";
    if (missing(p->role_arn) || missing(p->session_name) || missing(p->web_identity_token)) {
        rw_err_set(err, RW_E_USAGE, "%s: RoleArn, RoleSessionName and WebIdentityToken are "
                                    "required", action);
        return NULL;
    }
    if (check_duration(action, p->duration_s, err) < 0)
        return NULL;
    char *b = form_start(action);
    b = form_add(b, "RoleArn", p->role_arn);
    b = form_add(b, "RoleSessionName", p->session_name);
    b = form_add(b, "WebIdentityToken", p->web_identity_token);
    return form_duration(b, p->duration_s);
}

/* Overwrite the text of every secret-bearing element before the tree is freed. */
static void wipe_secrets(struct xml_node *n)
{
    if (strcmp(n->name, "SecretAccessKey") == 0 || strcmp(n->name, "SessionToken") == 0)
        explicit_bzero(n->text, n->text_len);
    for (size_t i = 0; i < n->nkids; i++)
        wipe_secrets(n->kids[i]);
}

/* Parse body and find <ActionResponse><ActionResult>. On success *root is the
 * caller's to free; on failure it is NULL and err says why. */
static const struct xml_node *open_result(const char *body, size_t len, const char *action,
                                          struct xml_node **root, struct rw_err *err)
{
    if (xml_parse(body, len, root, err) < 0) {
        rw_err_wrap(err, "%s response", action);
        return NULL;
    }
    char want[80], result[80];
    snprintf(want, sizeof want, "%sResponse", action);
    snprintf(result, sizeof result, "%sResult", action);
    const struct xml_node *res = NULL;
    if (strcmp((*root)->name, "ErrorResponse") == 0)
        rw_err_set(err, RW_E_PARSE, "%s response: an AWS error document, not <%s>", action, want);
    else if (strcmp((*root)->name, want) != 0)
        rw_err_set(err, RW_E_PARSE, "%s response: root element is <%.64s>, expected <%s>",
                   action, (*root)->name, want);
    else if (!(res = xml_child(*root, result)))
        rw_err_set(err, RW_E_PARSE, "%s response: no <%s> element", action, result);
    if (!res) {
        wipe_secrets(*root);
        xml_free(*root);
        *root = NULL;
    }
    return res;
}

/* Copy of the text at path under n, or NULL if there is no such element. */
static char *opt_text(const struct xml_node *n, const char *path)
{
    return xstrdup(xml_path_text(n, path));
}

/* Copy the non-empty text at path under n into *dst, or fail with RW_E_PARSE. */
static int req_text(const struct xml_node *n, const char *path, char **dst, const char *action,
                    struct rw_err *err)
{
    const char *t = xml_path_text(n, path);
    if (!t || !*t)
        return rw_err_set(err, RW_E_PARSE, "%s response: %s is missing or empty", action, path);
    *dst = xstrdup(t);
    return 0;
}

int sts_parse_caller_identity(const char *body, size_t len, struct sts_identity *out,
                              struct rw_err *err)
{
    static const char action[] = "GetCallerIdentity";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = open_result(body, len, action, &root, err);
    if (!res)
        return -1;
    int rc = req_text(res, "Arn", &out->arn, action, err) < 0 ||
             req_text(res, "UserId", &out->user_id, action, err) < 0 ||
             req_text(res, "Account", &out->account, action, err) < 0 ? -1 : 0;
    xml_free(root);
    if (rc < 0)
        sts_identity_free(out);
    return rc;
}

void sts_identity_free(struct sts_identity *id)
{
    free(id->arn);
    free(id->user_id);
    free(id->account);
    memset(id, 0, sizeof *id);
}

/* Credentials and AssumedRoleUser, shared by both AssumeRole flavours. */
static int parse_role(const struct xml_node *res, const char *action, struct sts_assumed_role *out,
                      struct rw_err *err)
{
    const struct xml_node *c = xml_child(res, "Credentials");
    if (!c)
        return rw_err_set(err, RW_E_PARSE, "%s response: no Credentials element", action);
    char *expiration = NULL;
    int rc = req_text(c, "AccessKeyId", &out->creds.access_key, action, err) < 0 ||
             req_text(c, "SecretAccessKey", &out->creds.secret_key, action, err) < 0 ||
             req_text(c, "SessionToken", &out->creds.session_token, action, err) < 0 ||
             req_text(c, "Expiration", &expiration, action, err) < 0 ? -1 : 0;
    if (rc == 0) {
        out->creds.expires_wall_ms = credparse_iso8601(expiration);
        if (out->creds.expires_wall_ms <= 0)
            rc = rw_err_set(err, RW_E_PARSE, "%s response: Expiration \"%.40s\" is not an "
                            "ISO-8601 time", action, expiration);
    }
    free(expiration);
    if (rc == 0)
        rc = req_text(res, "AssumedRoleUser/Arn", &out->arn, action, err) < 0 ||
             req_text(res, "AssumedRoleUser/AssumedRoleId", &out->assumed_role_id, action,
                      err) < 0 ? -1 : 0;
    return rc;
}

int sts_parse_assume_role(const char *body, size_t len, struct sts_assumed_role *out,
                          struct rw_err *err)
{
    static const char action[] = "AssumeRole";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = open_result(body, len, action, &root, err);
    if (!res)
        return -1;
    int rc = parse_role(res, action, out, err);
    wipe_secrets(root);
    xml_free(root);
    if (rc < 0)
        sts_assumed_role_free(out);
    return rc;
}

int sts_parse_assume_role_with_web_identity(const char *body, size_t len,
                                            struct sts_assumed_role *out, struct rw_err *err)
{
    static const char action[] = "AssumeRoleWithWebIdentity";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = open_result(body, len, action, &root, err);
    if (!res)
        return -1;
    int rc = parse_role(res, action, out, err);
    if (rc == 0) {
        out->subject = opt_text(res, "SubjectFromWebIdentityToken");
        out->provider = opt_text(res, "Provider");
        out->audience = opt_text(res, "Audience");
    }
    wipe_secrets(root);
    xml_free(root);
    if (rc < 0)
        sts_assumed_role_free(out);
    return rc;
}

void sts_assumed_role_free(struct sts_assumed_role *r)
{
    aws_creds_clear(&r->creds);
    free(r->arn);
    free(r->assumed_role_id);
    free(r->subject);
    free(r->provider);
    free(r->audience);
    memset(r, 0, sizeof *r);
}
