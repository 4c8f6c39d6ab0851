/* endpoints: which URL and signing name each AWS service is reached at, and
 * which region, following the SDKs' documented precedence:
 *   AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's [services x]
 *   section (<service>.endpoint_url), the profile's endpoint_url, then the
 *   standard host. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true skips the
 *   configured ones. Pure: the environment comes in as a lookup function. */
#ifndef RW_ENDPOINTS_H
#define RW_ENDPOINTS_H

#include "core/err.h"
#include "core/ini.h"

enum aws_service {
    AWS_SVC_ECS, AWS_SVC_LOGS, AWS_SVC_CLOUDWATCH, AWS_SVC_STS, AWS_SVC_ELBV2,
    AWS_SVC_CLOUDFORMATION, AWS_SVC_SSO,
    AWS_SVC_COUNT
};

/* Looks up an environment variable (getenv, or a test's table). */
typedef const char *(*aws_env_fn)(const char *name);

struct aws_endpoint {
    char *url;             /* "https://ecs.us-east-1.amazonaws.com" (no trailing '/') */
    const char *signing;   /* SigV4 service name: "ecs", "logs", "monitoring", ... */
    int configured;        /* came from an override, not the standard host */
};

/* The SigV4 signing name of svc. */
const char *aws_service_signing_name(enum aws_service svc);
/* The AWS_ENDPOINT_URL_<X> suffix of svc ("CLOUDWATCH_LOGS"). */
const char *aws_service_env_id(enum aws_service svc);
/* Resolve svc's endpoint; profile and config may be NULL; out->url is the caller's to free. */
int aws_endpoint_resolve(enum aws_service svc, const char *region,
                         const struct ini_section *profile, const struct ini *config,
                         aws_env_fn env, struct aws_endpoint *out, struct rw_err *err);
/* The region: flag, AWS_REGION, AWS_DEFAULT_REGION, then the profile; NULL if none (borrowed). */
const char *aws_region_resolve(const char *flag, const struct ini_section *profile, aws_env_fn env);

#endif
