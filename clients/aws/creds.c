/* creds: the chain's order, its state and the sources read from the
 * environment and files (see creds.h; network sources are in creds_net.c,
 * credential_process in creds_proc.c). */
#include "creds_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/log.h"
#include "core/redact.h"
#include "core/xmalloc.h"

#define REFRESH_EARLY_MS (5 * 60 * 1000)

static void run_steps(struct creds_chain *c);

void creds_tried(struct creds_chain *c, const char *fmt, ...)
{
    if (c->ntried == CREDS_MAX_TRIED)
        return;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&c->tried[c->ntried], fmt, ap) >= 0)
        c->ntried++;
    va_end(ap);
}

void creds_take(struct creds_chain *c, struct aws_creds *creds, const char *origin)
{
    aws_creds_clear(&c->cur);
    c->cur = *creds;
    memset(creds, 0, sizeof *creds);
    c->have = 1;
    snprintf(c->origin, sizeof c->origin, "%s", origin);
    rw_redact_register(c->cur.secret_key); /* never in a log, whatever happens */
    rw_redact_register(c->cur.session_token);
}

static char *path_from(struct creds_chain *c, const char *var, const char *dflt)
{
    const char *v = c->env(var);
    if (v && *v)
        return xstrdup(v);
    const char *home = c->env("HOME");
    return xasprintf("%s/%s", home ? home : "", dflt);
}

int creds_chain_new(const struct creds_options *o, struct creds_chain **out, struct rw_err *err)
{
    struct creds_chain *c = xcalloc(1, sizeof *c);
    c->loop = o->loop;
    c->env = o->env;
    c->mfa = o->mfa;
    c->mfa_ud = o->mfa_ud;
    c->only = o->only;
    c->depth = o->depth;
    c->pipe_fd = -1;
    const char *p = o->profile;
    c->profile_explicit = p && *p;
    if (!c->profile_explicit && (p = o->env("AWS_PROFILE")) && !*p)
        p = NULL;
    if (!c->profile_explicit && !p && (p = o->env("AWS_DEFAULT_PROFILE")) && !*p)
        p = NULL;
    c->profile = xstrdup(p ? p : "default");
    char *cfg = path_from(c, "AWS_CONFIG_FILE", ".aws/config");
    char *cred = path_from(c, "AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials");
    int rc = ini_load_file(cfg, &c->config, err);
    if (rc == 0)
        rc = ini_load_file(cred, &c->credentials, err);
    free(cfg);
    free(cred);
    if (rc < 0) {
        creds_chain_free(c);
        return -1;
    }
    c->cfg = ini_profile(&c->config, c->profile, 1);
    c->cred = ini_profile(&c->credentials, c->profile, 0);
    if (c->profile_explicit && !c->cfg && !c->cred) {
        rw_err_set(err, RW_E_CREDS, "profile '%s' is in neither the config nor the "
                   "credentials file", c->profile);
        creds_chain_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void creds_chain_free(struct creds_chain *c)
{
    if (!c)
        return;
    creds_cancel_net(c);
    creds_cancel_proc(c);
    creds_cancel_role(c);
    if (c->refresh_timer)
        rw_loop_timer_cancel(c->loop, c->refresh_timer);
    if (c->next_timer)
        rw_loop_timer_cancel(c->loop, c->next_timer);
    aws_creds_clear(&c->cur);
    for (int i = 0; i < c->ntried; i++)
        free(c->tried[i]);
    ini_free(&c->config);
    ini_free(&c->credentials);
    free(c->profile);
    free(c);
}

/* ---- sources read from the environment and files ---- */

static enum step_result keys_from(struct creds_chain *c, const char *ak, const char *sk,
                                  const char *tok, const char *origin)
{
    struct aws_creds cr = { xstrdup(ak), xstrdup(sk), tok && *tok ? xstrdup(tok) : NULL, 0 };
    creds_take(c, &cr, origin);
    return STEP_FOUND;
}

static enum step_result step_env(struct creds_chain *c)
{
    if (c->profile_explicit && c->only != CREDS_ONLY_ENV) {
        creds_tried(c, "environment: skipped (--profile given)");
        return STEP_SKIP;
    }
    const char *ak = c->env("AWS_ACCESS_KEY_ID"), *sk = c->env("AWS_SECRET_ACCESS_KEY");
    if (!ak || !*ak || !sk || !*sk) {
        creds_tried(c, "environment: no AWS_ACCESS_KEY_ID");
        return STEP_SKIP;
    }
    const char *tok = c->env("AWS_SESSION_TOKEN");
    if (!tok || !*tok)
        tok = c->env("AWS_SECURITY_TOKEN");
    return keys_from(c, ak, sk, tok, "environment");
}

static enum step_result step_shared_file(struct creds_chain *c)
{
    const char *ak = ini_get(c->cred, "aws_access_key_id");
    const char *sk = ini_get(c->cred, "aws_secret_access_key");
    if (!ak || !sk) {
        creds_tried(c, "shared credentials file: no keys");
        return STEP_SKIP;
    }
    return keys_from(c, ak, sk, ini_get(c->cred, "aws_session_token"),
                     "shared credentials file");
}

static enum step_result step_config_keys(struct creds_chain *c)
{
    const char *ak = ini_get(c->cfg, "aws_access_key_id");
    const char *sk = ini_get(c->cfg, "aws_secret_access_key");
    if (!ak || !sk) {
        creds_tried(c, "config file: no keys");
        return STEP_SKIP;
    }
    return keys_from(c, ak, sk, ini_get(c->cfg, "aws_session_token"), "config file");
}

/* ---- the chain ---- */

typedef enum step_result (*step_fn)(struct creds_chain *c);

static const step_fn steps[] = {
    step_env, creds_step_assume_role, creds_step_web_identity, creds_step_sso, step_shared_file,
    creds_step_process, step_config_keys, creds_step_container, creds_step_imds,
};
#define NSTEPS ((int)(sizeof steps / sizeof *steps))

static void on_refresh(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct creds_chain *c = ud;
    c->refresh_timer = 0;
    rw_log(RW_LOG_INFO, "credentials from %s expire soon: refreshing", c->origin);
    creds_chain_resolve(c, NULL, NULL);
}

static void finish(struct creds_chain *c, int ok)
{
    c->resolving = 0;
    if (!ok && c->fail.code == RW_OK) { /* nothing anywhere: name every source */
        char msg[sizeof c->fail.msg];
        size_t n = (size_t)snprintf(msg, sizeof msg, "no AWS credentials found (profile %s); tried",
                                    c->profile);
        for (int i = 0; i < c->ntried && n < sizeof msg; i++)
            n += (size_t)snprintf(msg + n, sizeof msg - n, "%s %s", i ? ";" : "", c->tried[i]);
        rw_err_set(&c->fail, RW_E_CREDS, "%s", msg);
    }
    if (c->refresh_timer) { /* one refresh pending at a time */
        rw_loop_timer_cancel(c->loop, c->refresh_timer);
        c->refresh_timer = 0;
    }
    if (ok && c->cur.expires_wall_ms) {
        int64_t in = c->cur.expires_wall_ms - REFRESH_EARLY_MS - rw_wall_ms();
        c->refresh_timer = rw_loop_timer_add(c->loop, in > 10000 ? in : 10000, 0, on_refresh, c);
    }
    rw_log(ok ? RW_LOG_INFO : RW_LOG_WARN, "credentials: %s", ok ? c->origin : c->fail.msg);
    struct { creds_done_fn fn; void *ud; } w[CREDS_MAX_WAITERS];
    int n = c->nwaiters;
    memcpy(w, c->waiters, sizeof w);
    c->nwaiters = 0;
    for (int i = 0; i < n; i++) /* each caller is told once */
        w[i].fn(c, ok, ok ? NULL : &c->fail, w[i].ud);
}

/* Whether step i may run: a credential_source or source profile narrows the chain. */
static int allowed(const struct creds_chain *c, int i)
{
    switch (c->only) {
    case CREDS_ONLY_ENV: return steps[i] == step_env;
    case CREDS_ONLY_CONTAINER: return steps[i] == creds_step_container;
    case CREDS_ONLY_IMDS: return steps[i] == creds_step_imds;
    case CREDS_ONLY_KEYS: /* a source_profile naming itself: its keys, not its role again */
        return steps[i] == step_shared_file || steps[i] == step_config_keys ||
               steps[i] == creds_step_process || steps[i] == creds_step_sso;
    case CREDS_ONLY_PROFILE: /* a source_profile: its own settings, not the machine's */
        return steps[i] != step_env && steps[i] != creds_step_container &&
               steps[i] != creds_step_imds;
    default: return 1;
    }
}

static void run_steps(struct creds_chain *c)
{
    while (c->step < NSTEPS) {
        if (!allowed(c, c->step)) {
            c->step++;
            continue;
        }
        enum step_result r = steps[c->step](c);
        if (r == STEP_ASYNC)
            return;
        if (r == STEP_FOUND || r == STEP_FAIL) {
            finish(c, r == STEP_FOUND);
            return;
        }
        c->step++;
    }
    finish(c, 0);
}

void creds_step_done(struct creds_chain *c, enum step_result r)
{
    if (r == STEP_SKIP) {
        c->step++;
        run_steps(c);
    } else {
        finish(c, r == STEP_FOUND);
    }
}

static void on_start(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct creds_chain *c = ud;
    c->next_timer = 0;
    run_steps(c);
}

void creds_chain_resolve(struct creds_chain *c, creds_done_fn fn, void *ud)
{
    if (fn && c->nwaiters < CREDS_MAX_WAITERS) {
        c->waiters[c->nwaiters].fn = fn;
        c->waiters[c->nwaiters++].ud = ud;
    }
    if (c->resolving) /* one resolution at a time; every waiter is told */
        return;
    c->resolving = 1;
    c->step = 0;
    rw_err_clear(&c->fail);
    for (int i = 0; i < c->ntried; i++)
        free(c->tried[i]);
    c->ntried = 0;
    c->next_timer = rw_loop_timer_add(c->loop, 0, 0, on_start, c); /* never inside the caller */
}

static int source_get(void *ud, struct aws_creds *out, struct rw_err *err)
{
    struct creds_chain *c = ud;
    memset(out, 0, sizeof *out);
    int64_t now = rw_wall_ms();
    if (c->have && (!c->cur.expires_wall_ms || c->cur.expires_wall_ms > now + 10000)) {
        out->access_key = xstrdup(c->cur.access_key);
        out->secret_key = xstrdup(c->cur.secret_key);
        out->session_token = xstrdup(c->cur.session_token);
        out->expires_wall_ms = c->cur.expires_wall_ms;
        return 0;
    }
    if (c->resolving)
        return 1;
    if (c->fail.code != RW_OK && !c->have) {
        *err = c->fail;
        return -1;
    }
    creds_chain_resolve(c, NULL, NULL);
    return 1;
}

static void source_invalidate(void *ud)
{
    struct creds_chain *c = ud;
    c->have = 0;
    creds_chain_resolve(c, NULL, NULL);
}

struct aws_creds_source creds_chain_source(struct creds_chain *c)
{
    return (struct aws_creds_source){ source_get, source_invalidate, c };
}

void creds_chain_set_mfa(struct creds_chain *c, creds_mfa_fn mfa, void *ud)
{
    c->mfa = mfa;
    c->mfa_ud = ud;
}

const char *creds_chain_origin(const struct creds_chain *c) { return c->have ? c->origin : ""; }
int64_t creds_chain_expires(const struct creds_chain *c) { return c->have ? c->cur.expires_wall_ms : 0; }
const struct ini_section *creds_chain_config_profile(const struct creds_chain *c) { return c->cfg; }
const struct ini *creds_chain_config(const struct creds_chain *c) { return &c->config; }
const char *creds_chain_profile_name(const struct creds_chain *c) { return c->profile; }
