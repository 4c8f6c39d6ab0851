/* fuzz_simlogs_pattern: libFuzzer target for sim/sim_logs_pattern. The input
 * is a filter pattern; when it compiles it is matched against a few typical
 * messages and against its own bytes. A refused pattern must say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_logs_pattern.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const messages[] = {
    "ERROR upstream timeout calling payments-api after 1200ms",
    "GET /api/orders/1234 status=200 duration_ms=87",
    ("{\"level\":\"error\",\"event\":\"request\",\"path\":\"/api/x\",\"status\":504,"
     "\"duration_ms\":1204.5,\"ok\":false,\"user\":null,\"tags\":[\"a\",{\"k\":7}]}"),
    "{\"level\":\"info\",\"boot_ms\":7500}",
    "",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sim_logs_pattern *p;
    struct rw_err err;
    const char *text = (const char *)data;
    if (sim_logs_pattern_compile(text, size, &p, &err) < 0) {
        if (p || strncmp(err.msg, "Invalid filter pattern", 22) != 0)
            abort();
        return 0;
    }
    volatile int sink = 0;
    for (size_t i = 0; i < sizeof messages / sizeof *messages; i++)
        sink += sim_logs_pattern_match(p, messages[i], strlen(messages[i]));
    sink += sim_logs_pattern_match(p, text, size);
    sim_logs_pattern_free(p);
    (void)sink;
    return 0;
}
