/* endpoints: service endpoints and region (see endpoints.h). */
#include "endpoints.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xmalloc.h"

static const struct {
    const char *env_id;     /* AWS_ENDPOINT_URL_<env_id> */
    const char *config_key; /* key in a [services x] section */
    const char *host;       /* standard host prefix */
    const char *signing;
} services[AWS_SVC_COUNT] = {
    [AWS_SVC_ECS] = { "ECS", "ecs", "ecs", "ecs" },
    [AWS_SVC_LOGS] = { "CLOUDWATCH_LOGS", "cloudwatch_logs", "logs", "logs" },
    [AWS_SVC_CLOUDWATCH] = { "CLOUDWATCH", "cloudwatch", "monitoring", "monitoring" },
    [AWS_SVC_STS] = { "STS", "sts", "sts", "sts" },
    [AWS_SVC_ELBV2] = { "ELASTIC_LOAD_BALANCING_V2", "elastic_load_balancing_v2",
                        "elasticloadbalancing", "elasticloadbalancing" },
    [AWS_SVC_CLOUDFORMATION] = { "CLOUDFORMATION", "cloudformation", "cloudformation",
                                 "cloudformation" },
    [AWS_SVC_SSO] = { "SSO", "sso", "portal.sso", "awsssoportal" },
};

const char *aws_service_signing_name(enum aws_service svc)
{
    return services[svc].signing;
}

const char *aws_service_env_id(enum aws_service svc)
{
    return services[svc].env_id;
}

static int is_true(const char *v)
{
    return v && strcasecmp(v, "true") == 0;
}

/* Copy url without trailing slashes; reject what is not http(s). */
static int take_url(const char *url, const char *from, struct aws_endpoint *out,
                    struct rw_err *err)
{
    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
        return rw_err_set(err, RW_E_USAGE, "%s: endpoint '%s' is not an http(s) URL", from, url);
    size_t n = strlen(url);
    while (n > 8 && url[n - 1] == '/')
        n--;
    out->url = xstrndup(url, n);
    out->configured = 1;
    return 0;
}

static const char *services_section_url(enum aws_service svc, const struct ini_section *profile,
                                        const struct ini *config)
{
    const char *name = ini_get(profile, "services");
    if (!name || !config)
        return NULL;
    char *sec = xasprintf("services %s", name);
    char *key = xasprintf("%s.endpoint_url", services[svc].config_key);
    const char *url = ini_get(ini_section(config, sec), key);
    free(sec);
    free(key);
    return url;
}

int aws_endpoint_resolve(enum aws_service svc, const char *region,
                         const struct ini_section *profile, const struct ini *config,
                         aws_env_fn env, struct aws_endpoint *out, struct rw_err *err)
{
    memset(out, 0, sizeof *out);
    out->signing = services[svc].signing;
    int ignore = is_true(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) ||
                 is_true(ini_get(profile, "ignore_configured_endpoint_urls"));
    if (!ignore) {
        char var[64];
        snprintf(var, sizeof var, "AWS_ENDPOINT_URL_%s", services[svc].env_id);
        const char *url;
        if ((url = env(var)) && *url)
            return take_url(url, var, out, err);
        if ((url = env("AWS_ENDPOINT_URL")) && *url)
            return take_url(url, "AWS_ENDPOINT_URL", out, err);
        if ((url = services_section_url(svc, profile, config)) && *url)
            return take_url(url, "config [services]", out, err);
        if ((url = ini_get(profile, "endpoint_url")) && *url)
            return take_url(url, "config endpoint_url", out, err);
    }
    if (!region || !*region)
        return rw_err_set(err, RW_E_USAGE, "no region: use --region, AWS_REGION or the "
                          "profile's region");
    const char *suffix = strncmp(region, "cn-", 3) == 0 ? "amazonaws.com.cn" : "amazonaws.com";
    out->url = xasprintf("https://%s.%s.%s", services[svc].host, region, suffix);
    return 0;
}

const char *aws_region_resolve(const char *flag, const struct ini_section *profile, aws_env_fn env)
{
    const char *r;
    if (flag && *flag)
        return flag;
    if ((r = env("AWS_REGION")) && *r)
        return r;
    if ((r = env("AWS_DEFAULT_REGION")) && *r)
        return r;
    r = ini_get(profile, "region");
    return r && *r ? r : NULL;
}
