/* creds: the AWS credential chain, in botocore's order:
 *   1 environment (skipped when --profile names a profile explicitly)
 *   2 assume-role (role_arn with source_profile or credential_source)
 *   3 web identity (AWS_WEB_IDENTITY_TOKEN_FILE / web_identity_token_file)
 *   4 SSO (sso_session or legacy keys: cached token, then GetRoleCredentials)
 *   5 the shared credentials file
 *   6 credential_process (split like sh, run without a shell, read through a
 *     pipe in the poll set so the UI never freezes)
 *   7 keys in the config file
 *   8 container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI)
 *   9 IMDSv2 (1 s timeout, one attempt; AWS_EC2_METADATA_DISABLED and
 *     AWS_EC2_METADATA_SERVICE_ENDPOINT honoured)
 * Resolution is asynchronous on the loop. Credentials that expire are
 * refreshed five minutes before they do. When nothing is found the error
 * names every source tried (exit 77). */
#ifndef RW_CREDS_H
#define RW_CREDS_H

#include <stdint.h>

#include "client.h"
#include "core/ini.h"

/* Asks the person at the terminal for an MFA code (before curses owns it);
 * writes it into code and returns 0, or -1 when nobody can answer. */
typedef int (*creds_mfa_fn)(void *ud, const char *mfa_serial, char *code, size_t n);

/* Which sources a chain may use: all, or only what a credential_source names. */
enum creds_only { CREDS_ALL, CREDS_ONLY_PROFILE, CREDS_ONLY_KEYS, CREDS_ONLY_ENV,
                  CREDS_ONLY_CONTAINER, CREDS_ONLY_IMDS };

struct creds_options {
    struct rw_loop *loop;
    const char *profile;        /* --profile, or NULL */
    aws_env_fn env;             /* getenv, or a test's */
    creds_mfa_fn mfa;           /* NULL: a profile with mfa_serial fails clearly */
    void *mfa_ud;
    enum creds_only only;       /* CREDS_ALL for the top of the chain */
    int depth;                  /* role-chaining depth (0 at the top) */
};

struct creds_chain;

/* Called when a resolution ends: ok, or err says why. */
typedef void (*creds_done_fn)(struct creds_chain *c, int ok, const struct rw_err *err, void *ud);

/* Load the config and credentials files; *out is freed with creds_chain_free. */
int creds_chain_new(const struct creds_options *o, struct creds_chain **out, struct rw_err *err);
/* Free the chain, cancelling work in flight (a credential_process child is killed). */
void creds_chain_free(struct creds_chain *c);
/* Resolve asynchronously; fn (may be NULL) is called once when done. */
void creds_chain_resolve(struct creds_chain *c, creds_done_fn fn, void *ud);
/* The chain as the AWS client's credentials source. */
struct aws_creds_source creds_chain_source(struct creds_chain *c);
/* Change who is asked for MFA codes (NULL: nobody; the console sets this once
 * curses owns the terminal, so a refresh never blocks on a prompt). */
void creds_chain_set_mfa(struct creds_chain *c, creds_mfa_fn mfa, void *ud);
/* Where the current credentials came from ("shared credentials file"), or "". */
const char *creds_chain_origin(const struct creds_chain *c);
/* Wall-clock ms when the current credentials expire; 0 if they do not. */
int64_t creds_chain_expires(const struct creds_chain *c);
/* The profile's section of the config file (for region and endpoints), or NULL. */
const struct ini_section *creds_chain_config_profile(const struct creds_chain *c);
/* The parsed config file. */
const struct ini *creds_chain_config(const struct creds_chain *c);
/* The profile name in use. */
const char *creds_chain_profile_name(const struct creds_chain *c);

#endif
