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
#include "query.h"
#include "xml.h"

#define STS_MIN_DURATION 900
#define STS_MAX_DURATION 43200

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
    return query_form_add(body, "DurationSeconds", num);
}

char *sts_get_caller_identity_body(void)
{
    return query_form_start("GetCallerIdentity", STS_VERSION);
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
    char *b = query_form_start("AssumeRole", STS_VERSION);
    b = query_form_add(b, "RoleArn", p->role_arn);
    b = query_form_add(b, "RoleSessionName", p->session_name);
    b = form_duration(b, p->duration_s);
    if (!missing(p->external_id))
        b = query_form_add(b, "ExternalId", p->external_id);
    if (!missing(p->serial_number)) {
        b = query_form_add(b, "SerialNumber", p->serial_number);
        b = query_form_add(b, "TokenCode", p->token_code);
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
    char *b = query_form_start(action, STS_VERSION);
    b = query_form_add(b, "RoleArn", p->role_arn);
    b = query_form_add(b, "RoleSessionName", p->session_name);
    b = query_form_add(b, "WebIdentityToken", p->web_identity_token);
    return form_duration(b, p->duration_s);
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
    const struct xml_node *res = query_open_result(body, len, action, &root, err);
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
    const struct xml_node *res = query_open_result(body, len, action, &root, err);
    if (!res)
        return -1;
    int rc = parse_role(res, action, out, err);
    query_free_wiped(root);
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
    const struct xml_node *res = query_open_result(body, len, action, &root, err);
    if (!res)
        return -1;
    int rc = parse_role(res, action, out, err);
    if (rc == 0) {
        out->subject = query_opt_text(res, "SubjectFromWebIdentityToken");
        out->provider = query_opt_text(res, "Provider");
        out->audience = query_opt_text(res, "Audience");
    }
    query_free_wiped(root);
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
