/* fuzz_ini: libFuzzer target for the INI reader (core/ini). */
#include <stddef.h>
#include <stdint.h>

#include "core/ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ini ini;
    struct rw_err err;
    if (ini_parse((const char *)data, size, &ini, &err) == 0) {
        for (size_t i = 0; i < ini.nsections; i++)
            (void)ini_get(&ini.sections[i], "region");
        (void)ini_profile(&ini, "default", 1);
        ini_free(&ini);
    }
    return 0;
}
