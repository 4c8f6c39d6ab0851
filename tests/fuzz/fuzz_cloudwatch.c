/* fuzz_cloudwatch: libFuzzer target for clients/aws/cloudwatch. The input goes
 * to the GetMetricData parser, then becomes a metric-math expression and the
 * ALB dimensions of request bodies, which must stay valid JSON. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clients/aws/cloudwatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_requests(const char *text)
{
    struct cw_query q = { .id = "e1", .expression = text, .label = text };
    struct cw_request req = { &q, 1, 1718031600, 1718035200, 0, text };
    struct rw_err err;
    char *json;
    if (cw_request_json(&req, &json, &err) == 0) {
        cJSON *o = cJSON_Parse(json);
        const cJSON *qs = cJSON_GetObjectItemCaseSensitive(o, "MetricDataQueries");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(qs, 0), "Expression");
        if (!o || !cJSON_IsString(e) || strcmp(e->valuestring, text) != 0)
            abort();
        cJSON_Delete(o);
        free(json);
    } else if (*text) {
        abort(); /* any non-empty expression is a valid body */
    }
    const char *bar = strchr(text, '|');
    char *lb = bar ? strndup(text, (size_t)(bar - text)) : NULL;
    if (cw_alb_request(lb ? lb : text, bar ? bar + 1 : text, 60, 1718031600, 1718035200, NULL,
                       &json, &err) == 0) {
        cJSON *o = cJSON_Parse(json);
        if (!o)
            abort();
        cJSON_Delete(o);
        free(json);
    }
    free(lb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cw_result res;
    struct rw_err err;
    volatile double sink = 0;
    if (cw_parse_metric_data((const char *)data, size, &res, &err) == 0) {
        for (size_t i = 0; i < res.nseries; i++) {
            const struct cw_series *s = &res.series[i];
            for (size_t j = 0; j < s->n; j++)
                sink += s->values[j] + (double)s->ts_ms[j];
            for (size_t j = 0; j < s->nmessages; j++)
                sink += s->messages[j].code ? (double)strlen(s->messages[j].code) : 0;
            sink += (double)strlen(cw_status_name(s->status));
            if (s->id && cw_result_find(&res, s->id) == NULL)
                abort();
        }
    }
    cw_result_free(&res);
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    check_requests(text);
    free(text);
    (void)sink;
    return 0;
}
