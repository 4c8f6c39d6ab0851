/* credparse: pure parsers for what credential sources return:
 * credential_process output (JSON Version 1), the container endpoint and
 * IMDS documents, SSO GetRoleCredentials, the SSO token cache file; plus
 * ISO-8601 times and splitting a credential_process command line as a shell
 * would, without running a shell. */
#ifndef RW_CREDPARSE_H
#define RW_CREDPARSE_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"

struct sso_token {
    char *access_token;
    int64_t expires_wall_ms;
    char *region;
    char *start_url;
};

/* Parse credential_process output (Version 1) into out (caller clears it). */
int credparse_process(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err);
/* Parse a container-credentials or IMDS document (AccessKeyId, Token, ...). */
int credparse_container(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err);
/* Parse SSO GetRoleCredentials ({"roleCredentials": {...}}). */
int credparse_sso_role(const char *buf, size_t len, struct aws_creds *out, struct rw_err *err);
/* Parse an SSO token cache file (~/.aws/sso/cache/HASH.json). */
int credparse_sso_token(const char *buf, size_t len, struct sso_token *out, struct rw_err *err);
/* Free an SSO token's strings (wiping the token). */
void credparse_sso_token_free(struct sso_token *t);
/* Parse "2026-11-23T10:00:00Z" / "...+02:00" / fractional seconds to epoch ms; -1 if invalid. */
int64_t credparse_iso8601(const char *s);
/* Split a command line as sh would (quotes, backslashes; no expansion) into a
 * NULL-terminated argv (caller frees with credparse_argv_free); NULL on error. */
char **credparse_split_command(const char *cmd, struct rw_err *err);
/* Free what credparse_split_command returned. */
void credparse_argv_free(char **argv);

#endif
