/* fuzz_sts: libFuzzer target for the STS response parsers (clients/aws/sts):
 * every parser sees every input, and the request builders get it as a value. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/sts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    struct rw_err err;
    struct sts_identity id;
    if (sts_parse_caller_identity(body, size, &id, &err) == 0)
        sts_identity_free(&id);
    struct sts_assumed_role r;
    if (sts_parse_assume_role(body, size, &r, &err) == 0)
        sts_assumed_role_free(&r);
    if (sts_parse_assume_role_with_web_identity(body, size, &r, &err) == 0)
        sts_assumed_role_free(&r);
    if (size > 4096)
        return 0;
    char *s = malloc(size + 1);       /* the input as a string value */
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    struct sts_assume_role_params p = { .role_arn = s, .session_name = s, .external_id = s };
    free(sts_assume_role_body(&p, &err));
    struct sts_web_identity_params w = { .role_arn = s, .session_name = s, .web_identity_token = s };
    free(sts_assume_role_with_web_identity_body(&w, &err));
    free(s);
    return 0;
}
