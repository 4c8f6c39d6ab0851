/* sim_stats: request counters, injected faults and the mutating-call ring. */
#include "sim_stats.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_creds.h"

void sim_stats_count(struct sim_stats *s, const char *service, const char *op)
{
    char name[96];
    snprintf(name, sizeof name, "%s.%s", service, op);
    for (size_t i = 0; i < s->nops; i++) {
        if (strcmp(s->ops[i].name, name) == 0) {
            s->ops[i].count++;
            return;
        }
    }
    if (s->nops == SIM_STATS_MAX_OPS) {
        s->other++;
        return;
    }
    snprintf(s->ops[s->nops].name, sizeof s->ops[s->nops].name, "%s", name);
    s->ops[s->nops++].count = 1;
}

int sim_stats_is_mutating(const char *op)
{
    static const char *const verbs[] = { "Update", "Stop", "Start", "Delete", "Create", "Put",
                                         "Register", "Deregister" };
    for (size_t i = 0; op && i < sizeof verbs / sizeof *verbs; i++)
        if (strncmp(op, verbs[i], strlen(verbs[i])) == 0)
            return 1;
    return 0;
}

void sim_stats_mutation(struct sim_stats *s, int64_t at_ms, const char *service,
                        const char *op, const char *body, size_t len, int status)
{
    struct sim_stats_mutation *m = &s->mut[s->head];
    free(m->body);
    m->at_ms = at_ms;
    snprintf(m->op, sizeof m->op, "%s.%s", service, op);
    m->body = xstrndup(body ? body : "", len < SIM_STATS_BODY_MAX ? len : SIM_STATS_BODY_MAX);
    m->status = status;
    s->head = (s->head + 1) % SIM_STATS_MUTATIONS;
    if (s->nmut < SIM_STATS_MUTATIONS)
        s->nmut++;
}

/* One mutation: its body as JSON if it is JSON, else as a string. */
static cJSON *mutation_json(const struct sim_stats_mutation *m)
{
    char at[40];
    sim_creds_iso8601(m->at_ms, 1, at, sizeof at);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "at", at);
    cJSON_AddStringToObject(o, "operation", m->op);
    cJSON *b = cJSON_Parse(m->body);
    if (b)
        cJSON_AddItemToObject(o, "body", b);
    else
        cJSON_AddStringToObject(o, "body", m->body);
    cJSON_AddNumberToObject(o, "status", m->status);
    return o;
}

char *sim_stats_json(const struct sim_stats *s)
{
    static const char *const fault_names[SIM_STATS_NFAULTS] = { "throttle", "error",
                                                                "truncate", "delay" };
    cJSON *o = cJSON_CreateObject();
    cJSON *ops = cJSON_AddObjectToObject(o, "operations");
    for (size_t i = 0; i < s->nops; i++)
        cJSON_AddNumberToObject(ops, s->ops[i].name, (double)s->ops[i].count);
    if (s->other)
        cJSON_AddNumberToObject(ops, "other", (double)s->other);
    cJSON *f = cJSON_AddObjectToObject(o, "faults_injected");
    for (int i = 0; i < SIM_STATS_NFAULTS; i++)
        cJSON_AddNumberToObject(f, fault_names[i], (double)s->faults[i]);
    cJSON *mut = cJSON_AddArrayToObject(o, "mutating");
    size_t first = (s->head + SIM_STATS_MUTATIONS - s->nmut) % SIM_STATS_MUTATIONS;
    for (size_t i = 0; i < s->nmut; i++)
        cJSON_AddItemToArray(mut, mutation_json(&s->mut[(first + i) % SIM_STATS_MUTATIONS]));
    char *out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return out;
}

void sim_stats_free(struct sim_stats *s)
{
    for (size_t i = 0; i < SIM_STATS_MUTATIONS; i++) {
        free(s->mut[i].body);
        s->mut[i].body = NULL;
    }
    s->nmut = s->head = 0;
}
