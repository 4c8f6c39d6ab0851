/* fuzz_simauth: libFuzzer target for the fake cloud's request parsing
 * (sim/sim_auth, sim/sim_route): the input is an Authorization header value,
 * then the same bytes as a raw request-target, body, token and target. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_auth.h"
#include "sim/sim_route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    struct sim_auth a;
    sim_auth_parse(s, &a);
    time_t t;
    sim_auth_parse_amz_date(s, &t);
    sim_route_parse_token(s);
    sim_route_op(s, "AmazonEC2ContainerServiceV20141113.");
    struct sigv4_header hs[] = {
        { "Authorization", s },
        { "Host", "127.0.0.1:1" },
        { "X-Amz-Date", "20261123T120000Z" },
        { "X-Amz-Target", s },
        { "Content-Type", "application/x-amz-json-1.1" },
    };
    struct sim_http_req r = { "POST", s, hs, sizeof hs / sizeof *hs, data, size };
    sim_auth_verify(&r, SIM_ACCESS_KEY, SIM_SECRET_KEY, 1795435200, &a);
    /* a well-formed header for our key, so verification reaches the signer */
    hs[0].value = "AWS4-HMAC-SHA256 Credential=AKIDROLLWATCHSIM/20261123/us-east-1/ecs/"
                  "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                  "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    sim_auth_verify(&r, SIM_ACCESS_KEY, SIM_SECRET_KEY, 1795435200, &a);
    free(s);
    return 0;
}
