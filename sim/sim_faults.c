/* sim_faults: fault decisions with a seeded splitmix64, and the faults' JSON. */
#include "sim_faults.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sim_rng_seed(struct sim_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t sim_rng_next(struct sim_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double sim_rng_unit(struct sim_rng *r)
{
    return (double)(sim_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

int sim_faults_throttle_applies(const struct sim_faults *f, const char *target)
{
    if (!f->throttle_ecs_logs_only)
        return 1;
    static const char *const only[] = { "AmazonEC2ContainerServiceV20141113.",
                                        "Logs_20140328." };
    for (size_t i = 0; target && i < sizeof only / sizeof *only; i++)
        if (strncmp(target, only[i], strlen(only[i])) == 0)
            return 1;
    return 0;
}

void sim_faults_decide(const struct sim_faults *f, struct sim_rng *rng, const char *target,
                       unsigned long *nerrors, struct sim_fault_decision *out)
{
    double u_throttle = sim_rng_unit(rng), u_error = sim_rng_unit(rng);
    double u_truncate = sim_rng_unit(rng), u_cut = sim_rng_unit(rng);
    memset(out, 0, sizeof *out);
    out->delay_ms = f->delay_ms;
    if (u_throttle < f->throttle_rate && sim_faults_throttle_applies(f, target)) {
        out->kind = SIM_FAULT_THROTTLE;
    } else if (u_error < f->error_rate) {
        out->kind = SIM_FAULT_ERROR;
        out->error_status = (*nerrors)++ % 2 ? 503 : 500;
    } else if (u_truncate < f->truncate_rate) {
        out->kind = SIM_FAULT_TRUNCATE;
        out->cut = u_cut;
    }
}

size_t sim_faults_cut(size_t len, double cut)
{
    size_t at = (size_t)(cut * (double)len);
    return at >= len ? len - 1 : at;
}

static int bad(char *msg, size_t n, const char *fmt, const char *key)
{
    snprintf(msg, n, fmt, key);
    return -1;
}

/* One key of the control JSON into f; 0 or -1 with msg. */
static int apply_key(const cJSON *it, struct sim_faults *f, char *msg, size_t n)
{
    const char *k = it->string;
    double *rate = strcmp(k, "throttle_rate") == 0 ? &f->throttle_rate
                   : strcmp(k, "error_rate") == 0 ? &f->error_rate
                   : strcmp(k, "truncate_rate") == 0 ? &f->truncate_rate : NULL;
    if (rate) {
        if (!cJSON_IsNumber(it) || !(it->valuedouble >= 0 && it->valuedouble <= 1))
            return bad(msg, n, "%s must be a number from 0 to 1", k);
        *rate = it->valuedouble;
    } else if (strcmp(k, "delay_ms") == 0) {
        double v = cJSON_IsNumber(it) ? it->valuedouble : -1;
        if (!(v >= 0 && v <= SIM_FAULTS_MAX_DELAY_MS) || v != (double)(long)v)
            return bad(msg, n, "%s must be a whole number of milliseconds from 0 to 120000", k);
        f->delay_ms = (int)v;
    } else if (strcmp(k, "throttle_ecs_logs_only") == 0) {
        if (!cJSON_IsBool(it))
            return bad(msg, n, "%s must be true or false", k);
        f->throttle_ecs_logs_only = cJSON_IsTrue(it);
    } else if (strcmp(k, "expire_credentials_after_s") == 0) {
        return bad(msg, n, "%s is set at start-up only (--expire-credentials-after)", k);
    } else {
        return bad(msg, n, "unknown key '%.80s' (throttle_rate, throttle_ecs_logs_only, "
                   "error_rate, truncate_rate, delay_ms)", k);
    }
    return 0;
}

int sim_faults_parse_json(const char *body, size_t len, struct sim_faults *f, char *msg,
                          size_t n)
{
    cJSON *j = body ? cJSON_ParseWithLength(body, len) : NULL;
    if (!cJSON_IsObject(j)) {
        cJSON_Delete(j);
        return bad(msg, n, "%s", "the body must be a JSON object such as {\"throttle_rate\":0.5}");
    }
    struct sim_faults next = *f;
    int rc = 0;
    for (const cJSON *it = j->child; it && rc == 0; it = it->next)
        rc = apply_key(it, &next, msg, n);
    cJSON_Delete(j);
    if (rc == 0)
        *f = next;
    return rc;
}

char *sim_faults_json(const struct sim_faults *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "throttle_rate", f->throttle_rate);
    cJSON_AddBoolToObject(o, "throttle_ecs_logs_only", f->throttle_ecs_logs_only);
    cJSON_AddNumberToObject(o, "error_rate", f->error_rate);
    cJSON_AddNumberToObject(o, "truncate_rate", f->truncate_rate);
    cJSON_AddNumberToObject(o, "delay_ms", f->delay_ms);
    cJSON_AddNumberToObject(o, "expire_credentials_after_s", f->expire_credentials_after_s);
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

int sim_faults_parse_rate(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : -1;
    if (!s || !*s || errno || *end || !(v >= 0 && v <= 1))
        return -1;
    *out = v;
    return 0;
}

int sim_faults_parse_int(const char *s, long min, long max, long *out)
{
    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}
