/* creds_int: what the credential chain's source files share. Internal to
 * clients/aws/creds*.c; nothing else includes it. */
#ifndef RW_CREDS_INT_H
#define RW_CREDS_INT_H

#include <sys/types.h>

#include "clients/http.h"
#include "creds.h"

#define CREDS_MAX_TRIED 12
#define CREDS_MAX_WAITERS 8

/* What a step of the chain says. */
enum step_result { STEP_FOUND, STEP_SKIP, STEP_ASYNC, STEP_FAIL };

struct creds_chain {
    struct rw_loop *loop;
    aws_env_fn env;
    creds_mfa_fn mfa;
    void *mfa_ud;
    enum creds_only only;
    int depth;
    struct creds_chain *source;             /* assume-role: where the source creds come from */
    struct aws_client *sts;
    uint64_t sts_call;
    int sts_web;                            /* the STS call is AssumeRoleWithWebIdentity */
    char *profile;
    int profile_explicit;
    struct ini config, credentials;
    const struct ini_section *cfg, *cred;  /* the profile's sections */
    struct aws_creds cur;
    int have;
    char origin[96];
    int step, resolving;
    struct rw_err fail;                     /* why a configured source failed */
    char *tried[CREDS_MAX_TRIED];
    int ntried;
    struct { creds_done_fn fn; void *ud; } waiters[CREDS_MAX_WAITERS];
    int nwaiters;
    uint64_t refresh_timer, next_timer;
    /* work in flight */
    struct http_call *http;
    int net_stage;
    char *net_token, *net_role, *net_base;
    pid_t pid;
    int pipe_fd;
    uint64_t proc_timer, reap_timer;
    char *out;
    size_t out_len;
};

/* Note a source that was tried and had nothing ("env: AWS_ACCESS_KEY_ID not set"). */
void creds_tried(struct creds_chain *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An asynchronous step has finished with r (cur filled when FOUND, fail set when FAIL). */
void creds_step_done(struct creds_chain *c, enum step_result r);
/* Take creds as the chain's current credentials from origin. */
void creds_take(struct creds_chain *c, struct aws_creds *creds, const char *origin);

/* Steps in creds_net.c and creds_proc.c. */
enum step_result creds_step_assume_role(struct creds_chain *c);
enum step_result creds_step_web_identity(struct creds_chain *c);
enum step_result creds_step_sso(struct creds_chain *c);
enum step_result creds_step_container(struct creds_chain *c);
enum step_result creds_step_imds(struct creds_chain *c);
enum step_result creds_step_process(struct creds_chain *c);
/* Cancel whatever network or process work is in flight. */
void creds_cancel_net(struct creds_chain *c);
void creds_cancel_proc(struct creds_chain *c);
void creds_cancel_role(struct creds_chain *c);

#endif
