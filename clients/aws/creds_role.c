/* creds_role: the chain's STS sources. Assume-role gets its source
 * credentials from a nested chain (source_profile, which may itself assume a
 * role, or credential_source: Environment, EcsContainer, Ec2InstanceMetadata),
 * asks for an MFA code when the profile has mfa_serial, and calls STS
 * AssumeRole. Web identity reads the token file and calls the unsigned
 * AssumeRoleWithWebIdentity. */
#include "creds_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "endpoints.h"
#include "sts.h"

#define MAX_ROLE_DEPTH 5

void creds_cancel_role(struct creds_chain *c)
{
    if (c->sts && c->sts_call)
        aws_cancel(c->sts, c->sts_call);
    c->sts_call = 0;
    aws_client_free(c->sts);
    c->sts = NULL;
    creds_chain_free(c->source);
    c->source = NULL;
}

/* A client for STS in the profile's region (us-east-1 when it has none). */
static int make_sts(struct creds_chain *c, struct aws_creds_source src)
{
    const char *region = aws_region_resolve(NULL, c->cfg, c->env);
    struct aws_endpoint ep;
    if (aws_endpoint_resolve(AWS_SVC_STS, region ? region : "us-east-1", c->cfg, &c->config,
                             c->env, &ep, &c->fail) < 0)
        return -1;
    struct aws_client_config cc = { .loop = c->loop, .region = region ? region : "us-east-1",
                                    .creds = src };
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        cc.endpoints[i] = ep.url;
    c->sts = aws_client_new(&cc);
    free(ep.url);
    return 0;
}

static void on_sts(const struct aws_reply *r, void *ud)
{
    struct creds_chain *c = ud;
    c->sts_call = 0;
    int web = c->sts_web;
    struct sts_assumed_role role;
    struct rw_err err;
    if (!r->ok) {
        rw_err_set(&c->fail, r->err.code == RW_E_CREDS ? RW_E_CREDS : r->err.code,
                   "%s (profile %s): %s", web ? "web identity" : "assume-role", c->profile,
                   r->err.msg);
        creds_step_done(c, STEP_FAIL);
        return;
    }
    int rc = web ? sts_parse_assume_role_with_web_identity(r->body, r->len, &role, &err)
                 : sts_parse_assume_role(r->body, r->len, &role, &err);
    if (rc < 0) {
        c->fail = err;
        creds_step_done(c, STEP_FAIL);
        return;
    }
    char origin[96];
    snprintf(origin, sizeof origin, "%s %.60s", web ? "web identity" : "assume-role",
             ini_get(c->cfg, "role_arn") ? ini_get(c->cfg, "role_arn") : c->env("AWS_ROLE_ARN"));
    creds_take(c, &role.creds, origin);
    sts_assumed_role_free(&role);
    creds_step_done(c, STEP_FOUND);
}

static void call_sts(struct creds_chain *c, const char *action, char *body, int anonymous)
{
    struct aws_op op = { AWS_SVC_STS, AWS_PROTO_QUERY, NULL, action, 0, anonymous };
    c->sts_web = anonymous;
    c->sts_call = aws_call(c->sts, &op, body, strlen(body), on_sts, c);
    explicit_bzero(body, strlen(body)); /* may hold a web identity token */
    free(body);
}

static char *session_name(struct creds_chain *c)
{
    const char *n = ini_get(c->cfg, "role_session_name");
    return n ? xstrdup(n) : xasprintf("rollwatch-%lld", (long long)(rw_wall_ms() / 1000));
}

/* The source chain has answered: ask for MFA if needed, then AssumeRole. */
static void on_source(struct creds_chain *src, int ok, const struct rw_err *err, void *ud)
{
    (void)src;
    struct creds_chain *c = ud;
    if (!ok) {
        rw_err_set(&c->fail, RW_E_CREDS, "assume-role (profile %s): source: %s", c->profile,
                   err->msg);
        creds_step_done(c, STEP_FAIL);
        return;
    }
    char code[32] = "";
    const char *serial = ini_get(c->cfg, "mfa_serial");
    if (serial && (!c->mfa || c->mfa(c->mfa_ud, serial, code, sizeof code) < 0 || !*code)) {
        rw_err_set(&c->fail, RW_E_CREDS, "profile %s needs an MFA code for %s and no terminal "
                   "can be asked", c->profile, serial);
        creds_step_done(c, STEP_FAIL);
        return;
    }
    const char *dur = ini_get(c->cfg, "duration_seconds");
    char *name = session_name(c);
    struct sts_assume_role_params p = { ini_get(c->cfg, "role_arn"), name, dur ? atoi(dur) : 0,
                                        ini_get(c->cfg, "external_id"), serial,
                                        serial ? code : NULL };
    char *body = sts_assume_role_body(&p, &c->fail);
    free(name);
    explicit_bzero(code, sizeof code);
    if (!body || make_sts(c, creds_chain_source(c->source)) < 0) {
        free(body);
        creds_step_done(c, STEP_FAIL);
        return;
    }
    call_sts(c, "AssumeRole", body, 0);
}

/* Where a role's source credentials come from; -1 with c->fail if unusable. */
static int source_options(struct creds_chain *c, struct creds_options *o)
{
    const char *sp = ini_get(c->cfg, "source_profile");
    const char *cs = ini_get(c->cfg, "credential_source");
    *o = (struct creds_options){ c->loop, sp ? sp : c->profile, c->env, c->mfa, c->mfa_ud,
                                 CREDS_ONLY_PROFILE, c->depth + 1 };
    if (sp && cs)
        return rw_err_set(&c->fail, RW_E_CREDS, "profile %s has both source_profile and "
                          "credential_source", c->profile);
    if (cs) {
        o->only = strcmp(cs, "Environment") == 0 ? CREDS_ONLY_ENV
                  : strcmp(cs, "EcsContainer") == 0 ? CREDS_ONLY_CONTAINER
                  : strcmp(cs, "Ec2InstanceMetadata") == 0 ? CREDS_ONLY_IMDS : CREDS_ALL;
        if (o->only == CREDS_ALL)
            return rw_err_set(&c->fail, RW_E_CREDS, "profile %s: credential_source '%.40s' is "
                              "not Environment, EcsContainer or Ec2InstanceMetadata", c->profile, cs);
    }
    if (c->depth + 1 > MAX_ROLE_DEPTH)
        return rw_err_set(&c->fail, RW_E_CREDS, "profile %s: source_profile chain deeper than %d "
                          "(a loop?)", c->profile, MAX_ROLE_DEPTH);
    return 0;
}

enum step_result creds_step_assume_role(struct creds_chain *c)
{
    creds_cancel_role(c); /* a refresh starts from scratch */
    if (!ini_get(c->cfg, "role_arn")) {
        creds_tried(c, "assume-role: no role_arn");
        return STEP_SKIP;
    }
    if (!ini_get(c->cfg, "source_profile") && !ini_get(c->cfg, "credential_source")) {
        if (ini_get(c->cfg, "web_identity_token_file"))
            return STEP_SKIP; /* role_arn with a token file: the web identity step */
        rw_err_set(&c->fail, RW_E_CREDS, "profile %s has role_arn but neither source_profile "
                   "nor credential_source", c->profile);
        return STEP_FAIL;
    }
    struct creds_options o;
    if (source_options(c, &o) < 0)
        return STEP_FAIL;
    const char *sp = ini_get(c->cfg, "source_profile");
    if (sp && strcmp(sp, c->profile) == 0)
        o.only = CREDS_ONLY_KEYS; /* names itself: its own keys, not its role again */
    if (creds_chain_new(&o, &c->source, &c->fail) < 0) {
        rw_err_wrap(&c->fail, "assume-role (profile %s): source", c->profile);
        return STEP_FAIL;
    }
    creds_chain_resolve(c->source, on_source, c);
    return STEP_ASYNC;
}

enum step_result creds_step_web_identity(struct creds_chain *c)
{
    creds_cancel_role(c);
    const char *file = c->env("AWS_WEB_IDENTITY_TOKEN_FILE");
    const char *role = c->env("AWS_ROLE_ARN");
    if (!file || !*file || !role || !*role) {
        file = ini_get(c->cfg, "web_identity_token_file");
        role = ini_get(c->cfg, "role_arn");
    }
    if (!file || !*file || !role) {
        creds_tried(c, "web identity: no token file");
        return STEP_SKIP;
    }
    FILE *fp = fopen(file, "r");
    char token[16384];
    size_t n = fp ? fread(token, 1, sizeof token - 1, fp) : 0;
    if (fp)
        fclose(fp);
    while (n && (token[n - 1] == '\n' || token[n - 1] == '\r'))
        n--;
    token[n] = '\0';
    if (!n) {
        rw_err_set(&c->fail, RW_E_CREDS, "web identity: cannot read a token from %.200s", file);
        return STEP_FAIL;
    }
    const char *sn = c->env("AWS_ROLE_SESSION_NAME");
    char *name = sn && *sn ? xstrdup(sn) : session_name(c);
    struct sts_web_identity_params p = { role, name, token, 0 };
    char *body = sts_assume_role_with_web_identity_body(&p, &c->fail);
    explicit_bzero(token, sizeof token);
    free(name);
    if (!body)
        return STEP_FAIL;
    if (make_sts(c, (struct aws_creds_source){ NULL, NULL, NULL }) < 0) {
        free(body);
        return STEP_FAIL;
    }
    call_sts(c, "AssumeRoleWithWebIdentity", body, 1);
    return STEP_ASYNC;
}
