/* sts: AWS Security Token Service over the query protocol (Version
 * 2011-06-15). Builds the form-encoded request bodies of GetCallerIdentity,
 * AssumeRole and AssumeRoleWithWebIdentity, and parses their XML responses
 * into plain structs. Pure: no network, no global state. Parsers reject an
 * <ErrorResponse> (clients/aws/awserr reads those) and any document that is
 * not the expected <ActionResponse><ActionResult> with RW_E_PARSE. */
#ifndef RW_STS_H
#define RW_STS_H

#include <stddef.h>

#include "client.h"
#include "core/err.h"

#define STS_VERSION "2011-06-15"

/* Who the credentials belong to (GetCallerIdentity); every field is set. */
struct sts_identity {
    char *arn;          /* "arn:aws:sts::123456789012:assumed-role/oncall/jane" */
    char *user_id;      /* "AROAEXAMPLE:jane" */
    char *account;      /* "123456789012" */
};

/* AssumeRole arguments. role_arn and session_name are required. */
struct sts_assume_role_params {
    const char *role_arn;
    const char *session_name;
    int duration_s;             /* 0: omitted (the role's default, 1 h) */
    const char *external_id;    /* NULL: omitted */
    const char *serial_number;  /* MFA device; needs token_code */
    const char *token_code;     /* MFA code; needs serial_number */
};

/* AssumeRoleWithWebIdentity arguments; all strings are required. */
struct sts_web_identity_params {
    const char *role_arn;
    const char *session_name;
    const char *web_identity_token;
    int duration_s;             /* 0: omitted */
};

/* What AssumeRole and AssumeRoleWithWebIdentity return. */
struct sts_assumed_role {
    struct aws_creds creds;     /* all four fields set; expires_wall_ms > 0 */
    char *arn;                  /* AssumedRoleUser/Arn */
    char *assumed_role_id;      /* AssumedRoleUser/AssumedRoleId */
    char *subject;              /* web identity: SubjectFromWebIdentityToken, NULL if absent */
    char *provider;             /* web identity: Provider, NULL if absent */
    char *audience;             /* web identity: Audience, NULL if absent */
};

/* GetCallerIdentity request body; never NULL; caller frees. */
char *sts_get_caller_identity_body(void);
/* AssumeRole request body; NULL with RW_E_USAGE on missing or inconsistent
 * arguments; caller frees. */
char *sts_assume_role_body(const struct sts_assume_role_params *p, struct rw_err *err);
/* AssumeRoleWithWebIdentity request body (the token is a secret: never log
 * it); NULL with RW_E_USAGE on missing arguments; caller frees. */
char *sts_assume_role_with_web_identity_body(const struct sts_web_identity_params *p,
                                             struct rw_err *err);

/* Parse a GetCallerIdentityResponse into out (caller frees with
 * sts_identity_free); on error out is zeroed and err is RW_E_PARSE. */
int sts_parse_caller_identity(const char *body, size_t len, struct sts_identity *out,
                              struct rw_err *err);
/* Free an identity's strings and zero it. */
void sts_identity_free(struct sts_identity *id);

/* Parse an AssumeRoleResponse into out (caller frees with
 * sts_assumed_role_free); on error out is zeroed and err is RW_E_PARSE. */
int sts_parse_assume_role(const char *body, size_t len, struct sts_assumed_role *out,
                          struct rw_err *err);
/* Parse an AssumeRoleWithWebIdentityResponse into out (caller frees with
 * sts_assumed_role_free); on error out is zeroed and err is RW_E_PARSE. */
int sts_parse_assume_role_with_web_identity(const char *body, size_t len,
                                            struct sts_assumed_role *out, struct rw_err *err);
/* Free an assumed role's strings (wiping the secrets) and zero it. */
void sts_assumed_role_free(struct sts_assumed_role *r);

#endif
