/* creds_fixture: a temp HOME with AWS files, a fake environment and a way to
 * run the credential chain to its end, shared by the credential-chain suites. */
#include "creds_fixture.h"

#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"

char home[64];
const char *envv[32];

const char *env(const char *name)
{
    if (strcmp(name, "HOME") == 0)
        return home;
    for (size_t i = 0; envv[i]; i += 2)
        if (strcmp(envv[i], name) == 0)
            return envv[i + 1];
    if (strcmp(name, "AWS_ENDPOINT_URL") == 0)
        return "http://127.0.0.1:9"; /* safety net: nothing here may leave loopback */
    return NULL;
}

/* Fresh HOME with ~/.aws/config and ~/.aws/credentials holding these texts. */
void setup(const char *config, const char *credentials)
{
    snprintf(home, sizeof home, "/tmp/rwcredsXXXXXX");
    CU_ASSERT_FATAL(mkdtemp(home) != NULL);
    char p[256];
    snprintf(p, sizeof p, "%s/.aws", home);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/.aws/sso", home);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/.aws/sso/cache", home);
    mkdir(p, 0700);
    const char *texts[2] = { config, credentials }, *names[2] = { "config", "credentials" };
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%s/.aws/%s", home, names[i]);
        FILE *fp = fopen(p, "w");
        fputs(texts[i] ? texts[i] : "", fp);
        fclose(fp);
    }
    memset(envv, 0, sizeof envv);
    envv[0] = "AWS_EC2_METADATA_DISABLED";
    envv[1] = "true";
}

int mfa_asked;

int test_mfa(void *ud, const char *serial, char *code, size_t n)
{
    (void)ud;
    mfa_asked++;
    if (strcmp(serial, "arn:aws:iam::111111111111:mfa/jane") != 0)
        return -1;
    snprintf(code, n, "123456");
    return 0;
}


static void on_done(struct creds_chain *c, int ok, const struct rw_err *err, void *ud)
{
    struct outcome *o = ud;
    o->done = 1;
    o->ok = ok;
    if (err)
        o->err = *err;
    snprintf(o->origin, sizeof o->origin, "%s", creds_chain_origin(c));
    if (ok) {
        struct aws_creds_source s = creds_chain_source(c);
        struct rw_err e;
        CU_ASSERT_EQUAL(s.get(s.ud, &o->cr, &e), 0);
    }
}

struct outcome resolve(const char *profile)
{
    struct rw_loop *loop = rw_loop_new();
    struct creds_options opt = { .loop = loop, .profile = profile, .env = env, .mfa = test_mfa };
    struct creds_chain *c;
    struct outcome o;
    memset(&o, 0, sizeof o);
    if (creds_chain_new(&opt, &c, &o.err) < 0) {
        o.done = 1;
        rw_loop_free(loop);
        return o;
    }
    creds_chain_resolve(c, on_done, &o);
    int64_t start = rw_mono_ms();
    while (!o.done && rw_mono_ms() - start < 10000)
        rw_loop_run_once(loop, 100);
    creds_chain_free(c);
    rw_loop_free(loop);
    return o;
}

void check(struct outcome *o, const char *origin, const char *ak, const char *token)
{
    CU_ASSERT(o->ok);
    if (!o->ok)
        fprintf(stderr, "\n  creds: %s\n", o->err.msg);
    CU_ASSERT_STRING_EQUAL(o->origin, origin);
    if (o->cr.access_key) {
        CU_ASSERT_STRING_EQUAL(o->cr.access_key, ak);
    }
    if (token && o->cr.session_token) {
        CU_ASSERT_STRING_EQUAL(o->cr.session_token, token);
    } else {
        CU_ASSERT_EQUAL(!token, !o->cr.session_token);
    }
    aws_creds_clear(&o->cr);
}

