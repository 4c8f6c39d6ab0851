/* sim_faults: the fake cloud's fault injection: which faults are on, a seeded
 * PRNG, and the per-request decision (throttle, 5xx, truncated body, delay).
 * Pure: the caller holds the server's mutex around anything shared. Also the
 * control API's JSON for faults (parse and print) and the flags' value parsers. */
#ifndef RW_SIM_FAULTS_H
#define RW_SIM_FAULTS_H

#include <stddef.h>
#include <stdint.h>

#define SIM_FAULTS_MAX_DELAY_MS 120000
#define SIM_FAULTS_MAX_EXPIRE_S 86400
#define SIM_FAULTS_THROTTLING_RATE 0.3  /* the throttling scenario's default */

struct sim_faults {
    double throttle_rate;        /* 0..1: share of requests answered ThrottlingException */
    int throttle_ecs_logs_only;  /* only ECS and CloudWatch Logs targets are throttled */
    double error_rate;           /* 0..1: 500 InternalFailure / 503 ServiceUnavailable */
    double truncate_rate;        /* 0..1: a 200 whose body is cut short */
    int delay_ms;                /* every AWS reply (and health) this much later */
    int expire_credentials_after_s; /* > 0: serve temporary keys living this long */
};

/* splitmix64: small, fast, and the same sequence for the same seed everywhere. */
struct sim_rng {
    uint64_t s;
};

enum sim_fault_kind { SIM_FAULT_NONE, SIM_FAULT_THROTTLE, SIM_FAULT_ERROR, SIM_FAULT_TRUNCATE };

struct sim_fault_decision {
    enum sim_fault_kind kind;
    int error_status;            /* SIM_FAULT_ERROR: 500 or 503 */
    double cut;                  /* SIM_FAULT_TRUNCATE: share of the body kept, [0, 1) */
    int delay_ms;
};

/* Seed r. */
void sim_rng_seed(struct sim_rng *r, uint64_t seed);
/* The next 64 random bits. */
uint64_t sim_rng_next(struct sim_rng *r);
/* A uniform double in [0, 1). */
double sim_rng_unit(struct sim_rng *r);

/* Whether throttling may apply to a request with this X-Amz-Target (NULL for
 * the query protocol). */
int sim_faults_throttle_applies(const struct sim_faults *f, const char *target);
/* Decide the faults of one AWS request: always four draws from rng, so the
 * sequence depends only on the seed and the request order; *nerrors counts the
 * injected errors (500 and 503 alternate). */
void sim_faults_decide(const struct sim_faults *f, struct sim_rng *rng, const char *target,
                       unsigned long *nerrors, struct sim_fault_decision *out);
/* Where to cut a body of len bytes (len > 0) keeping share cut: 0..len-1. */
size_t sim_faults_cut(size_t len, double cut);
/* Apply a control-API JSON object ({"throttle_rate":0.5,...}, any subset) to *f;
 * 0, or -1 with msg (size n) and *f unchanged for bad JSON, unknown keys or
 * values out of range. */
int sim_faults_parse_json(const char *body, size_t len, struct sim_faults *f, char *msg,
                          size_t n);
/* f as a JSON object; caller frees. */
char *sim_faults_json(const struct sim_faults *f);
/* A rate "0".."1" into *out; 0 or -1. */
int sim_faults_parse_rate(const char *s, double *out);
/* A decimal integer in [min, max] into *out; 0 or -1. */
int sim_faults_parse_int(const char *s, long min, long max, long *out);

#endif
