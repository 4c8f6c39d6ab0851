/* fuzz_logline: libFuzzer target for panes/logline: any log line renders to
 * text with no raw control byte. */
#include <stdint.h>
#include <stdlib.h>

#include "panes/logline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    enum logline_role role;
    char *s = logline_render((const char *)data, size, &role);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 32 && *p != '\t') || *p == 127)
            abort();
    free(s);
    return 0;
}
