/* sim_creds: issue and check the fake cloud's temporary credentials. */
#include "sim_creds.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sim_auth.h"

void sim_creds_init(struct sim_creds *s, int lifetime_s, uint64_t seed)
{
    memset(s, 0, sizeof *s);
    s->lifetime_s = lifetime_s;
    sim_rng_seed(&s->rng, seed ^ 0x5eedc0ffee5eedULL);
}

static void fill(struct sim_rng *rng, char *out, size_t len, const char *alphabet)
{
    size_t k = strlen(alphabet);
    for (size_t i = 0; i < len; i++)
        out[i] = alphabet[sim_rng_next(rng) % k];
    out[len] = '\0';
}

const struct sim_cred *sim_creds_issue(struct sim_creds *s, int64_t now_ms)
{
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    struct sim_cred *c = &s->keys[s->next];
    memcpy(c->access_key, "ASIA", 4);
    fill(&s->rng, c->access_key + 4, 16, upper);
    fill(&s->rng, c->secret, 40, b64);
    fill(&s->rng, c->token, 128, b64);
    c->expires_ms = now_ms + (int64_t)s->lifetime_s * 1000;
    s->next = (s->next + 1) % SIM_CREDS_KEEP;
    if (s->n < SIM_CREDS_KEEP)
        s->n++;
    return c;
}

void sim_creds_iso8601(int64_t wall_ms, int ms, char *out, size_t n)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char base[24];
    size_t len = strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    base[len < sizeof base ? len : 0] = '\0';
    if (ms)
        snprintf(out, n, "%.19s.%03dZ", base, (int)(wall_ms % 1000));
    else
        snprintf(out, n, "%.19sZ", base);
}

char *sim_creds_json(const struct sim_cred *c)
{
    char exp[32];
    sim_creds_iso8601(c->expires_ms, 0, exp, sizeof exp);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "RoleArn", "arn:aws:iam::123456789012:role/rollwatch-sim");
    cJSON_AddStringToObject(o, "AccessKeyId", c->access_key);
    cJSON_AddStringToObject(o, "SecretAccessKey", c->secret);
    cJSON_AddStringToObject(o, "Token", c->token);
    cJSON_AddStringToObject(o, "Expiration", exp);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

enum sim_creds_result sim_creds_check(const struct sim_creds *s, const char *access_key,
                                      const char *token, int64_t now_ms, char *secret,
                                      size_t n)
{
    for (size_t i = 0; access_key && i < s->n; i++) {
        const struct sim_cred *c = &s->keys[i];
        if (strcmp(c->access_key, access_key) != 0)
            continue;
        if (!token || !sim_auth_equal(token, c->token))
            return SIM_CREDS_BAD_TOKEN;
        if (now_ms >= c->expires_ms)
            return SIM_CREDS_EXPIRED;
        snprintf(secret, n, "%s", c->secret);
        return SIM_CREDS_OK;
    }
    return SIM_CREDS_UNKNOWN;
}
