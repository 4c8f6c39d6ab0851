/* fuzz_awserr: libFuzzer target for AWS error responses (clients/aws/awserr). */
#include <stddef.h>
#include <stdint.h>

#include "clients/aws/awserr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct aws_error e;
    struct aws_error_headers h = { "rid", "ThrottlingException:x", NULL };
    aws_error_parse(size > 0 ? 400 + data[0] : 400, &h, (const char *)data, size, &e);
    aws_error_parse(503, NULL, (const char *)data, size, &e);
    return 0;
}
