/* fuzz_simcontrol: libFuzzer target for the fake cloud's control API and
 * routing parsers: the input is a POST /_sim/faults body (sim_faults_parse_json
 * through the whole dispatcher), a form body (Action=...), a query string, a
 * health path and an unsigned AWS request's body and target. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/sim_dispatch.h"
#include "sim/sim_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sim_world world;
static struct sim_state *state;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!state) {
        struct sim_faults f = { 0, 0, 0, 0, 0, 60 };
        if (sim_world_init(&world, "steady", 1795000000000LL, 1, 1) < 0)
            abort();
        state = sim_state_new(&f, 1);
    }
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    struct sim_faults f = { 0, 0, 0, 0, 0, 0 };
    char msg[200], v[128];
    sim_faults_parse_json(s, size, &f, msg, sizeof msg);
    sim_route_param(s, size, "Action", v, sizeof v);
    sim_route_param(s, size, s, v, sizeof v);
    sim_route_health_service(s, v, sizeof v);
    struct sim_reply r;
    struct sim_dispatch_req q = { "POST", "/_sim/faults", "/_sim/faults", NULL, 0, s, size, 0 };
    memset(&r, 0, sizeof r);
    sim_dispatch(&world, state, &q, &r);
    free(r.body);
    struct sigv4_header hs[] = { { "X-Amz-Target", s }, { "Authorization", s },
                                 { "X-Amz-Security-Token", s } };
    struct sim_dispatch_req a = { "POST", s, s, hs, 3, s, size, 0 };
    memset(&r, 0, sizeof r);
    sim_dispatch(&world, state, &a, &r);
    free(r.body);
    a.nheaders = 0; /* the query protocol, unsigned */
    memset(&r, 0, sizeof r);
    sim_dispatch(&world, state, &a, &r);
    free(r.body);
    /* leave the faults as they were for the next input */
    const char *reset = "{\"throttle_rate\":0,\"error_rate\":0,\"truncate_rate\":0,\"delay_ms\":0}";
    struct sim_dispatch_req z = { "POST", "/_sim/faults", "/_sim/faults", NULL, 0, reset,
                                  strlen(reset), 0 };
    memset(&r, 0, sizeof r);
    sim_dispatch(&world, state, &z, &r);
    free(r.body);
    free(s);
    return 0;
}
