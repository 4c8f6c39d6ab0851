/* account: the console's AWS context. The session (credential chain, region,
 * endpoints, client) is opened and the credentials resolved before curses
 * owns the terminal, so an mfa_serial can ask for its code; then STS says who
 * we are, and the header shows that and how long the credentials last. In
 * --demo the environment points every client at the fake cloud (tui/demo.c). */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/session.h"
#include "clients/aws/sts.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/prompt.h"

#define RESOLVE_WAIT_MS 15000

struct resolved {
    int done, ok;
    struct rw_err err;
};

static void on_creds(struct creds_chain *c, int ok, const struct rw_err *err, void *ud)
{
    (void)c;
    struct resolved *r = ud;
    r->done = 1;
    r->ok = ok;
    if (err)
        r->err = *err;
}

static void on_identity(const struct aws_reply *r, void *ud)
{
    struct app *a = ud;
    struct sts_identity id;
    struct rw_err err;
    if (r->ok && sts_parse_caller_identity(r->body, r->len, &id, &err) == 0) {
        snprintf(a->identity, sizeof a->identity, "%s", id.arn);
        sts_identity_free(&id);
    } else {
        snprintf(a->account_error, sizeof a->account_error, "%s", r->ok ? err.msg : r->err.msg);
    }
    a->header_dirty = 1;
}

void app_account_open(struct app *a)
{
    struct rw_err err;
    int demo = a->cli->demo; /* the environment points at the fake cloud: no profile */
    struct aws_session_options o = { .loop = a->loop, .profile = demo ? NULL : a->cli->profile,
                                     .region = demo ? NULL : a->cli->region,
                                     .mfa = rw_prompt_mfa };
    if (aws_session_open(&o, &a->aws, &err) < 0) {
        snprintf(a->account_error, sizeof a->account_error, "%s", err.msg);
        return;
    }
    struct resolved r = { 0, 0, { RW_OK, "" } };
    creds_chain_resolve(a->aws->creds, on_creds, &r);
    int64_t start = rw_mono_ms();
    while (!r.done && rw_mono_ms() - start < RESOLVE_WAIT_MS)
        rw_loop_run_once(a->loop, 100); /* before curses: nothing else to serve yet */
    if (!r.done || !r.ok) {
        snprintf(a->account_error, sizeof a->account_error, "%s",
                 r.done ? r.err.msg : "credentials still resolving");
        return;
    }
    /* from here on curses owns the terminal: a refresh that needs an MFA code
     * fails and says so in the header instead of blocking on a prompt */
    creds_chain_set_mfa(a->aws->creds, NULL, NULL);
    char *body = sts_get_caller_identity_body();
    struct aws_op op = { AWS_SVC_STS, AWS_PROTO_QUERY, NULL, "GetCallerIdentity", 0, 0 };
    aws_call(a->aws->client, &op, body, strlen(body), on_identity, a);
    free(body);
}

void app_account_text(const struct app *a, char *buf, size_t n)
{
    if (!a->aws || !creds_chain_origin(a->aws->creds)[0]) {
        snprintf(buf, n, "%s", a->account_error[0] ? a->account_error : "no credentials");
        return;
    }
    char life[48] = "long-term keys";
    int64_t exp = creds_chain_expires(a->aws->creds);
    if (exp) {
        char d[24];
        rw_clock_dur(exp - rw_wall_ms(), d, sizeof d);
        snprintf(life, sizeof life, "creds %s left", d);
    }
    snprintf(buf, n, "%s (%s, %s)", a->identity[0] ? a->identity : a->account_error[0]
             ? a->account_error : "identity pending", creds_chain_origin(a->aws->creds), life);
}

void app_account_close(struct app *a)
{
    aws_session_free(a->aws);
    a->aws = NULL;
}
