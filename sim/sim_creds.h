/* sim_creds: the fake cloud's temporary credentials (--expire-credentials-after):
 * each issue makes a fresh key set (ASIA… key, secret, session token) that lives
 * a fixed number of seconds; the last SIM_CREDS_KEEP issued are remembered, so a
 * key still valid keeps working and an expired one is told apart from an unknown
 * one. Pure: times are arguments; the caller locks. */
#ifndef RW_SIM_CREDS_H
#define RW_SIM_CREDS_H

#include <stddef.h>
#include <stdint.h>

#include "sim_faults.h"

#define SIM_CREDS_KEEP 32

struct sim_cred {
    char access_key[24];   /* "ASIA" + 16 */
    char secret[44];       /* 40 characters */
    char token[132];       /* 128 characters */
    int64_t expires_ms;    /* wall clock */
};

struct sim_creds {
    struct sim_cred keys[SIM_CREDS_KEEP];
    size_t n, next;        /* how many are kept; the slot the next issue takes */
    int lifetime_s;
    struct sim_rng rng;
};

enum sim_creds_result {
    SIM_CREDS_OK,
    SIM_CREDS_UNKNOWN,     /* not a key this store issued (or long forgotten) */
    SIM_CREDS_BAD_TOKEN,   /* no X-Amz-Security-Token, or not this key's */
    SIM_CREDS_EXPIRED,
};

/* Set up s for keys living lifetime_s seconds, their bytes drawn from seed. */
void sim_creds_init(struct sim_creds *s, int lifetime_s, uint64_t seed);
/* Issue a new key set at now_ms (the oldest kept one is forgotten if full). */
const struct sim_cred *sim_creds_issue(struct sim_creds *s, int64_t now_ms);
/* The container-credentials document for c: {"AccessKeyId", "SecretAccessKey",
 * "Token", "Expiration" (ISO-8601 UTC), ...}; caller frees. */
char *sim_creds_json(const struct sim_cred *c);
/* Check access_key with its token (NULL if absent) at now_ms; on SIM_CREDS_OK
 * the key's secret is copied to secret (size n). */
enum sim_creds_result sim_creds_check(const struct sim_creds *s, const char *access_key,
                                      const char *token, int64_t now_ms, char *secret,
                                      size_t n);
/* Write a wall-clock time as ISO-8601 UTC ("2026-11-23T13:44:25Z", or with
 * ".123" milliseconds when ms is set) into out (size n). */
void sim_creds_iso8601(int64_t wall_ms, int ms, char *out, size_t n);

#endif
