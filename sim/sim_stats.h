/* sim_stats: what the fake cloud was asked: every authenticated AWS request
 * counted by "service.Operation", the faults injected, and the last mutating
 * calls with their bodies (GET /_sim/requests). The caller locks. */
#ifndef RW_SIM_STATS_H
#define RW_SIM_STATS_H

#include <stddef.h>
#include <stdint.h>

#define SIM_STATS_MAX_OPS 256
#define SIM_STATS_MUTATIONS 200
#define SIM_STATS_BODY_MAX 16384

enum sim_stats_fault {
    SIM_STATS_THROTTLE,
    SIM_STATS_ERROR,
    SIM_STATS_TRUNCATE,
    SIM_STATS_DELAY,
    SIM_STATS_NFAULTS,
};

struct sim_stats_op {
    char name[96];           /* "ecs.DescribeServices" */
    unsigned long count;
};

struct sim_stats_mutation {
    int64_t at_ms;           /* wall clock */
    char op[96];
    char *body;              /* heap, at most SIM_STATS_BODY_MAX bytes */
    int status;
};

struct sim_stats {
    struct sim_stats_op ops[SIM_STATS_MAX_OPS];
    size_t nops;
    unsigned long other;     /* requests beyond SIM_STATS_MAX_OPS distinct names */
    unsigned long faults[SIM_STATS_NFAULTS];
    struct sim_stats_mutation mut[SIM_STATS_MUTATIONS]; /* a ring: the newest 200 */
    size_t nmut, head;       /* head: the slot the next one takes */
};

/* Count one request of service's op ("ecs", "DescribeServices"). */
void sim_stats_count(struct sim_stats *s, const char *service, const char *op);
/* Whether op changes something: Update*, Stop*, Start*, Delete*, Create*, Put*,
 * Register*, Deregister*. */
int sim_stats_is_mutating(const char *op);
/* Record a mutating call at at_ms with its request body and reply status. */
void sim_stats_mutation(struct sim_stats *s, int64_t at_ms, const char *service,
                        const char *op, const char *body, size_t len, int status);
/* {"operations":{...},"faults_injected":{...},"mutating":[...]} (oldest first);
 * caller frees. */
char *sim_stats_json(const struct sim_stats *s);
/* Free the recorded bodies. */
void sim_stats_free(struct sim_stats *s);

#endif
