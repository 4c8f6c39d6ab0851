/* fuzz_simmetrics: libFuzzer target for the fake cloud's CloudWatch JSON 1.0
 * input (sim/sim_metrics_req, sim/sim_mexpr, sim/sim_metrics): the
 * GetMetricData and ListMetrics decoders, the metric math parser and
 * evaluator on the input as an expression, and both operations end to end
 * against one fixed world. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_metrics.h"
#include "sim/sim_metrics_req.h"
#include "sim/sim_mexpr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int64_t fixed_clock(void)
{
    return 1795000000000LL;
}

static struct sim_world *world(void)
{
    static struct sim_world w;
    static int ready;
    if (!ready) {
        if (sim_world_init(&w, "bad-deploy", fixed_clock(), 7, 1) < 0)
            abort();
        w.clock = fixed_clock;
        ready = 1;
    }
    return &w;
}

static int resolve(void *ctx, const char *id, struct sim_mexpr_series *out, char *err,
                   size_t errlen)
{
    (void)ctx;
    (void)err;
    (void)errlen;
    for (int i = 0; i < 3; i++) {
        out->v[i] = (double)(strlen(id) * (size_t)(i + 1));
        out->has[i] = (unsigned char)(i != 1);
    }
    return 0;
}

static void expression(const char *s)
{
    struct sim_mexpr *e = malloc(sizeof *e);
    char err[200];
    double v[3];
    unsigned char has[3];
    struct sim_mexpr_series out = { v, has };
    if (e && sim_mexpr_parse(s, e, err, sizeof err) == 0)
        sim_mexpr_eval(e, 3, resolve, NULL, &out, err, sizeof err);
    free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    struct sim_md_req r;
    struct sim_md_err err;
    if (sim_md_parse_json(body, size, &r, &err) == 0) {
        sim_md_validate(&r, &err);
        sim_md_req_free(&r);
    }
    struct sim_lm_req l;
    if (sim_lm_parse_json(body, size, &l, &err) == 0)
        sim_lm_req_free(&l);
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    expression(s);
    for (int i = 0; i < 2; i++) {
        struct sim_reply rep;
        sim_metrics_handle(world(), i ? "ListMetrics" : "GetMetricData", body, size, &rep);
        if (!rep.body || (rep.status != 200 && rep.status != 400))
            abort();
        free(rep.body);
    }
    free(s);
    return 0;
}
