/* fuzz_logfmt: libFuzzer target for core/logfmt: any message bytes, escaped
 * and formatted in every format, never come out with a raw control byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/logfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *e = logfmt_escape((const char *)data, size);
    for (const unsigned char *p = (const unsigned char *)e; *p; p++)
        if ((*p < 32 && *p != '\t') || *p == 127)
            abort();
    free(e);
    for (int f = LOGFMT_DETAILED; f <= LOGFMT_JSON; f++) {
        char *l = logfmt_line((enum logfmt)f, 1795089282002LL, "s", (const char *)data, size, 1);
        for (const unsigned char *p = (const unsigned char *)l; *p; p++)
            if ((*p < 32 && *p != '\t' && *p != '\n') || *p == 127)
                abort();
        free(l);
    }
    return 0;
}
