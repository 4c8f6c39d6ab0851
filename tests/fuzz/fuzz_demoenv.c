/* fuzz_demoenv: libFuzzer target for the --demo env-file reader (tui/demo):
 * every line of the input through demo_env_line. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tui/demo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    char key[64], val[400];
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl + 1 : end) - p);
        demo_env_line(p, n, key, sizeof key, val, sizeof val);
        p += n;
    }
    return 0;
}
