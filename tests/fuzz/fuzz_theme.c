/* fuzz_theme: libFuzzer target for the theme-file parser (tui/theme). */
#include <stddef.h>
#include <stdint.h>

#include "tui/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct theme t;
    struct rw_err err;
    theme_init_base(&t);
    if (theme_parse((const char *)data, size, &t, &err) == 0)
        for (int r = 0; r < ROLE_COUNT; r++)
            (void)theme_color_index(t.roles[r].fg, 8);
    return 0;
}
