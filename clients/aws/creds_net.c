/* creds_net: the credential sources reached over HTTP: SSO (cached token,
 * then GetRoleCredentials), the container endpoint and IMDSv2. Each runs
 * asynchronously on the loop and ends with creds_step_done(). */
#include "creds_int.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/redact.h"
#include "core/xmalloc.h"
#include "credparse.h"
#include "endpoints.h"
#include "sigv4.h"

#define IMDS_TIMEOUT_MS 1000
#define CONTAINER_TIMEOUT_MS 2000

enum { NET_SSO = 1, NET_CONTAINER, NET_IMDS_TOKEN, NET_IMDS_ROLE, NET_IMDS_CREDS };

void creds_cancel_net(struct creds_chain *c)
{
    if (c->http)
        http_cancel(c->loop, c->http);
    c->http = NULL;
    if (c->net_token)
        explicit_bzero(c->net_token, strlen(c->net_token));
    free(c->net_token);
    free(c->net_role);
    free(c->net_base);
    c->net_token = c->net_role = c->net_base = NULL;
    c->net_stage = 0;
}

static void on_net(const struct http_response *r, void *ud);

/* Start a request; 0, or -1 with c->fail when it could not even start. */
static int net_start(struct creds_chain *c, int stage, const char *method, const char *url,
                     const struct http_header *h, size_t nh, long timeout_ms)
{
    struct http_request req = { method, url, h, nh, NULL, 0, timeout_ms, timeout_ms };
    c->net_stage = stage;
    c->http = http_start(c->loop, &req, on_net, c);
    if (!c->http)
        return rw_err_set(&c->fail, RW_E_CREDS, "cannot start a request to %.200s", url);
    return 0;
}

static void net_end(struct creds_chain *c, enum step_result r)
{
    c->http = NULL;
    creds_cancel_net(c);
    creds_step_done(c, r);
}

static void found(struct creds_chain *c, int rc, struct aws_creds *cr, const char *origin,
                  const struct rw_err *err)
{
    if (rc < 0) {
        c->fail = *err;
        net_end(c, STEP_FAIL);
        return;
    }
    creds_take(c, cr, origin);
    net_end(c, STEP_FOUND);
}

/* ---- SSO ---- */

static char *sso_cache_path(struct creds_chain *c, const char *key)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(key, strlen(key), md, &n, EVP_sha1(), NULL);
    char hex[2 * EVP_MAX_MD_SIZE + 1];
    for (unsigned i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    const char *home = c->env("HOME");
    return xasprintf("%s/.aws/sso/cache/%s.json", home ? home : "", hex);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = xmalloc(1 << 16);
    *len = fread(buf, 1, (1 << 16) - 1, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

/* Read the cached token for this profile's SSO settings; 0, or -1 with c->fail. */
static int sso_token(struct creds_chain *c, const char *key, struct sso_token *t)
{
    char *path = sso_cache_path(c, key);
    size_t len = 0;
    char *text = slurp(path, &len);
    free(path);
    struct rw_err err;
    if (!text || credparse_sso_token(text, len, t, &err) < 0) {
        free(text);
        return rw_err_set(&c->fail, RW_E_CREDS, "SSO: no usable cached token for profile %s: "
                          "run aws sso login --profile %s", c->profile, c->profile);
    }
    free(text);
    if (t->expires_wall_ms <= rw_wall_ms()) {
        credparse_sso_token_free(t);
        return rw_err_set(&c->fail, RW_E_CREDS, "SSO: the token for profile %s has expired: "
                          "run aws sso login --profile %s", c->profile, c->profile);
    }
    return 0;
}

enum step_result creds_step_sso(struct creds_chain *c)
{
    const char *session = ini_get(c->cfg, "sso_session");
    const struct ini_section *ss = NULL;
    if (session) {
        char *name = xasprintf("sso-session %s", session);
        ss = ini_section(&c->config, name);
        free(name);
    }
    const char *start = ss ? ini_get(ss, "sso_start_url") : ini_get(c->cfg, "sso_start_url");
    const char *region = ss ? ini_get(ss, "sso_region") : ini_get(c->cfg, "sso_region");
    const char *account = ini_get(c->cfg, "sso_account_id");
    const char *role = ini_get(c->cfg, "sso_role_name");
    if (!start && !session) {
        creds_tried(c, "SSO: not configured");
        return STEP_SKIP;
    }
    if (!start || !region || !account || !role)
        return rw_err_set(&c->fail, RW_E_CREDS, "SSO: profile %s needs sso_start_url, "
                          "sso_region, sso_account_id and sso_role_name", c->profile),
               STEP_FAIL;
    struct sso_token t;
    if (sso_token(c, session ? session : start, &t) < 0)
        return STEP_FAIL;
    struct aws_endpoint ep;
    if (aws_endpoint_resolve(AWS_SVC_SSO, region, c->cfg, &c->config, c->env, &ep, &c->fail) < 0) {
        credparse_sso_token_free(&t);
        return STEP_FAIL;
    }
    char *acc = sigv4_uri_encode(account, strlen(account), 1);
    char *rol = sigv4_uri_encode(role, strlen(role), 1);
    char *url = xasprintf("%s/federation/credentials?account_id=%s&role_name=%s", ep.url, acc, rol);
    rw_redact_register(t.access_token);
    struct http_header h[] = { { "x-amz-sso_bearer_token", t.access_token } };
    int rc = net_start(c, NET_SSO, "GET", url, h, 1, 5000);
    free(acc), free(rol), free(url), free(ep.url);
    credparse_sso_token_free(&t);
    return rc < 0 ? STEP_FAIL : STEP_ASYNC;
}

/* ---- container credentials ---- */

/* Whether host (exactly, not as a prefix) is loopback or a container agent. */
static int agent_host(const char *host)
{
    static const char *const ok[] = { "localhost", "[::1]", "169.254.170.2", "169.254.170.23",
                                      "[fd00:ec2::23]" };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strcasecmp(host, ok[i]) == 0)
            return 1;
    int a, b, c, d;
    char tail;
    return sscanf(host, "%d.%d.%d.%d%c", &a, &b, &c, &d, &tail) == 4 && a == 127 &&
           b >= 0 && b < 256 && c >= 0 && c < 256 && d >= 0 && d < 256;
}

/* http only to loopback or the ECS/EKS agent addresses, as the SDKs allow. */
static int container_url_allowed(const char *url)
{
    if (strncmp(url, "https://", 8) == 0)
        return 1;
    if (strncasecmp(url, "http://", 7) != 0)
        return 0;
    const char *h = url + 7;
    const char *at = strchr(h, '@');
    if (at && at < h + strcspn(h, "/?#"))
        return 0; /* no userinfo tricks: http://127.0.0.1@evil/ */
    size_t n = h[0] == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":/?#");
    if (n == 0 || n >= 64)
        return 0;
    char host[64];
    memcpy(host, h, n);
    host[n] = '\0';
    return agent_host(host);
}

/* The Authorization token: from the token file, else the variable; caller frees. */
static char *container_token(struct creds_chain *c)
{
    const char *file = c->env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (file && *file) {
        size_t len = 0;
        char *t = slurp(file, &len);
        while (t && len && (t[len - 1] == '\n' || t[len - 1] == '\r'))
            t[--len] = '\0';
        return t;
    }
    const char *v = c->env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    return v && *v ? xstrdup(v) : NULL;
}

enum step_result creds_step_container(struct creds_chain *c)
{
    const char *rel = c->env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const char *full = c->env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    char *url = rel && *rel ? xasprintf("http://169.254.170.2%s", rel)
                : full && *full ? xstrdup(full) : NULL;
    if (!url) {
        creds_tried(c, "container: no AWS_CONTAINER_CREDENTIALS_*_URI");
        return STEP_SKIP;
    }
    if (!container_url_allowed(url)) {
        rw_err_set(&c->fail, RW_E_CREDS, "container credentials: %.200s is neither https nor "
                   "a loopback or container-agent address", url);
        free(url);
        return STEP_FAIL;
    }
    char *tok = container_token(c);
    if (tok)
        rw_redact_register(tok);
    struct http_header h[] = { { "Authorization", tok ? tok : "" } };
    int rc = net_start(c, NET_CONTAINER, "GET", url, h, tok ? 1 : 0, CONTAINER_TIMEOUT_MS);
    free(url);
    if (tok)
        explicit_bzero(tok, strlen(tok)), free(tok);
    return rc < 0 ? STEP_FAIL : STEP_ASYNC;
}

/* ---- IMDSv2 ---- */

enum step_result creds_step_imds(struct creds_chain *c)
{
    const char *off = c->env("AWS_EC2_METADATA_DISABLED");
    if (off && strcasecmp(off, "true") == 0) {
        creds_tried(c, "IMDS: disabled by AWS_EC2_METADATA_DISABLED");
        return STEP_SKIP;
    }
    const char *base = c->env("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    if (!base || !*base)
        base = ini_get(c->cfg, "ec2_metadata_service_endpoint");
    if (!base || !*base)
        base = "http://169.254.169.254";
    size_t n = strlen(base);
    while (n && base[n - 1] == '/')
        n--;
    c->net_base = xstrndup(base, n);
    char *url = xasprintf("%s/latest/api/token", c->net_base);
    struct http_header h[] = { { "X-aws-ec2-metadata-token-ttl-seconds", "21600" } };
    int rc = net_start(c, NET_IMDS_TOKEN, "PUT", url, h, 1, IMDS_TIMEOUT_MS);
    free(url);
    return rc < 0 ? STEP_FAIL : STEP_ASYNC;
}

static void imds_next(struct creds_chain *c, const struct http_response *r)
{
    if (c->net_stage == NET_IMDS_TOKEN) {
        c->net_token = xstrdup(r->body);
        rw_redact_register(c->net_token);
    } else if (c->net_stage == NET_IMDS_ROLE) {
        size_t len = strcspn(r->body, "\r\n");
        if (!len) {
            creds_tried(c, "IMDS: no instance role attached");
            net_end(c, STEP_SKIP);
            return;
        }
        c->net_role = xstrndup(r->body, len);
    } else {
        struct aws_creds cr;
        struct rw_err err;
        int rc = credparse_container(r->body, r->body_len, &cr, &err);
        found(c, rc, &cr, "instance metadata (IMDSv2)", &err);
        return;
    }
    char *role = c->net_role ? sigv4_uri_encode(c->net_role, strlen(c->net_role), 1) : NULL;
    char *url = xasprintf("%s/latest/meta-data/iam/security-credentials/%s", c->net_base,
                          role ? role : "");
    struct http_header h[] = { { "X-aws-ec2-metadata-token", c->net_token } };
    int rc = net_start(c, c->net_role ? NET_IMDS_CREDS : NET_IMDS_ROLE, "GET", url, h, 1,
                       IMDS_TIMEOUT_MS);
    free(role);
    free(url);
    if (rc < 0)
        net_end(c, STEP_FAIL);
}

static void on_net(const struct http_response *r, void *ud)
{
    struct creds_chain *c = ud;
    c->http = NULL; /* the http layer frees the call after this returns */
    int imds = c->net_stage >= NET_IMDS_TOKEN;
    if (r->transport_error || r->status != 200) {
        char why[160];
        snprintf(why, sizeof why, "%s", r->transport_error ? r->curl_error : "");
        if (!r->transport_error)
            snprintf(why, sizeof why, "HTTP %d", r->status);
        if (imds) { /* not on EC2, or no role: nothing found here */
            creds_tried(c, "IMDS: %s", why);
            net_end(c, STEP_SKIP);
            return;
        }
        int denied = r->status == 401 || r->status == 403;
        rw_err_set(&c->fail, RW_E_CREDS, "%s: %s%s", c->net_stage == NET_SSO ? "SSO GetRoleCredentials"
                   : "container credentials", why, denied && c->net_stage == NET_SSO
                   ? ": run aws sso login" : "");
        net_end(c, STEP_FAIL);
        return;
    }
    if (imds) {
        imds_next(c, r);
        return;
    }
    struct aws_creds cr;
    struct rw_err err;
    int sso = c->net_stage == NET_SSO;
    int rc = sso ? credparse_sso_role(r->body, r->body_len, &cr, &err)
                 : credparse_container(r->body, r->body_len, &cr, &err);
    found(c, rc, &cr, sso ? "SSO" : "container credentials endpoint", &err);
}
