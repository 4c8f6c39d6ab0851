/* session: credentials, region, endpoints and client in one place (see session.h). */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xmalloc.h"

static const char *real_env(const char *name)
{
    return getenv(name);
}

int aws_session_open(const struct aws_session_options *o, struct aws_session **out,
                     struct rw_err *err)
{
    aws_env_fn env = o->env ? o->env : real_env;
    struct aws_session *s = xcalloc(1, sizeof *s);
    struct creds_options co = { .loop = o->loop, .profile = o->profile, .env = env,
                                .mfa = o->mfa, .mfa_ud = o->mfa_ud };
    if (creds_chain_new(&co, &s->creds, err) < 0) {
        free(s);
        return -1;
    }
    const struct ini_section *prof = creds_chain_config_profile(s->creds);
    const char *region = aws_region_resolve(o->region, prof, env);
    if (!region) {
        rw_err_set(err, RW_E_USAGE, "no region: use --region, AWS_REGION, AWS_DEFAULT_REGION "
                   "or set region in profile %s", creds_chain_profile_name(s->creds));
        aws_session_free(s);
        return -1;
    }
    s->region = xstrdup(region);
    s->profile = xstrdup(creds_chain_profile_name(s->creds));
    struct aws_client_config cc = { .loop = o->loop, .region = s->region,
                                    .creds = creds_chain_source(s->creds) };
    for (int i = 0; i < AWS_SVC_COUNT; i++) {
        if (aws_endpoint_resolve(i, s->region, prof, creds_chain_config(s->creds), env,
                                 &s->endpoints[i], err) < 0) {
            aws_session_free(s);
            return -1;
        }
        cc.endpoints[i] = s->endpoints[i].url;
        if (s->endpoints[i].configured)
            rw_log(RW_LOG_INFO, "endpoint %s: %s", aws_service_env_id(i), s->endpoints[i].url);
    }
    s->client = aws_client_new(&cc);
    creds_chain_resolve(s->creds, NULL, NULL); /* start now: calls wait for it */
    *out = s;
    return 0;
}

void aws_session_free(struct aws_session *s)
{
    if (!s)
        return;
    aws_client_free(s->client);
    creds_chain_free(s->creds);
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        free(s->endpoints[i].url);
    free(s->region);
    free(s->profile);
    free(s);
}
