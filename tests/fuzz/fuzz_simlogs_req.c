/* fuzz_simlogs_req: libFuzzer target for the fake CloudWatch Logs' parsers of
 * outside bytes: the input is a request body for each operation
 * (sim/sim_logs_req), a /_sim/logs inject body and a /_sim/truth/logs query
 * (sim/sim_logs_control), and a page token of each kind. It is also written
 * as a JSON string (sim/sim_logs_json), which must parse back. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_logs_control.h"
#include "sim/sim_logs_json.h"
#include "sim/sim_logs_ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const ops[] = { "FilterLogEvents", "GetLogEvents", "DescribeLogStreams",
                                   "DescribeLogGroups" };

static void requests(const char *body, size_t size)
{
    struct rw_err err;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        struct sim_logs_req q;
        int rc = sim_logs_parse_req(ops[i], body, size, &q, &err);
        if (rc == 0 && q.op != SIM_LOGS_DESCRIBE_GROUPS && !q.group)
            abort(); /* every operation but DescribeLogGroups names a group */
        if (rc == 0 && q.limit < 0)
            abort();
        sim_logs_req_free(&q);
    }
    struct sim_logs_inject in;
    if (sim_logs_parse_inject(body, size, &in, &err) == 0 &&
        (!in.nmessages || in.repeat < 1 || in.nmessages * (size_t)in.repeat > SIM_LOGS_INJECT_MAX))
        abort();
    sim_logs_inject_free(&in);
}

static void escaped_roundtrip(const char *s, size_t size)
{
    struct sim_logs_json b = { 0 };
    sim_logs_json_str(&b, s, size);
    char *text = sim_logs_json_take(&b);
    cJSON *v = cJSON_Parse(text);
    if (!cJSON_IsString(v))
        abort(); /* any bytes make a valid JSON string */
    int ascii = 1;
    for (size_t i = 0; i < size; i++)
        ascii &= s[i] > 0 && (unsigned char)s[i] < 0x80;
    if (ascii && (strlen(v->valuestring) != size || memcmp(v->valuestring, s, size) != 0))
        abort(); /* plain text comes back byte for byte */
    cJSON_Delete(v);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    requests(s, size);
    struct sim_logs_truth_q q;
    struct rw_err err;
    sim_logs_parse_truth(s, &q, &err);
    sim_logs_truth_free(&q);
    int64_t ts;
    uint64_t seq;
    if (sim_logs_parse_token("/g", s, &ts, &seq) == 0) {
        char again[64];
        sim_logs_token("/g", ts, seq, again, sizeof again);
        if (strcmp(again, s) != 0)
            abort(); /* a token that parses is the one we would write */
    }
    sim_logs_parse_get_token(s, &ts, &seq);
    escaped_roundtrip(s, size);
    free(s);
    return 0;
}
