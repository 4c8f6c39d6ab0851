/* creds_fixture: shared set-up for the credential-chain test suites. */
#ifndef RW_CREDS_FIXTURE_H
#define RW_CREDS_FIXTURE_H

#include "clients/aws/creds.h"

/* The temp HOME and the fake environment (name, value pairs, NULL-ended). */
extern char home[64];
extern const char *envv[32];
/* How many times the MFA callback was asked. */
extern int mfa_asked;

struct outcome { int done, ok; struct rw_err err; char origin[96]; struct aws_creds cr; };

/* The fake environment (AWS_ENDPOINT_URL defaults to a closed loopback port). */
const char *env(const char *name);
/* A fresh HOME holding ~/.aws/config and ~/.aws/credentials with these texts. */
void setup(const char *config, const char *credentials);
/* Answers MFA questions for arn:aws:iam::111111111111:mfa/jane with 123456. */
int test_mfa(void *ud, const char *serial, char *code, size_t n);
/* Run a chain for profile (NULL: none named) to its end. */
struct outcome resolve(const char *profile);
/* Assert the outcome came from origin with these keys (token NULL: none); clears them. */
void check(struct outcome *o, const char *origin, const char *ak, const char *token);

#endif
