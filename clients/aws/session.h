/* session: everything an AWS command needs, set up once: the credential
 * chain for the profile, the region, every service's endpoint and the client
 * that signs and retries calls. Shared by the console and the headless
 * commands. */
#ifndef RW_SESSION_H
#define RW_SESSION_H

#include "client.h"
#include "creds.h"
#include "endpoints.h"

struct aws_session {
    struct creds_chain *creds;
    struct aws_client *client;
    char *region;
    char *profile;
    struct aws_endpoint endpoints[AWS_SVC_COUNT];
};

struct aws_session_options {
    struct rw_loop *loop;
    const char *profile;        /* --profile or NULL */
    const char *region;         /* --region or NULL */
    aws_env_fn env;             /* NULL: getenv */
    creds_mfa_fn mfa;           /* asks for an MFA code; NULL: none can be asked */
    void *mfa_ud;
};

/* Open a session; *out is freed with aws_session_free. Errors: no region,
 * unreadable config, bad endpoint (RW_E_USAGE / RW_E_CREDS). */
int aws_session_open(const struct aws_session_options *o, struct aws_session **out,
                     struct rw_err *err);
/* Free the session, cancelling calls in flight. */
void aws_session_free(struct aws_session *s);

#endif
