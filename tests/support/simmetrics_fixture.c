/* simmetrics_fixture: see simmetrics_fixture.h. */
#include "simmetrics_fixture.h"

#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim_metrics.h"

int64_t smf_now;

static int64_t fake_clock(void)
{
    return smf_now;
}

void smf_open_world(struct sim_world *w, const char *scenario)
{
    smf_now = START;
    CU_ASSERT_EQUAL_FATAL(sim_world_init(w, scenario, START, 42, 1), 0);
    w->clock = fake_clock;
}

char *smf_call(struct sim_world *w, const char *op, const char *body, int *status)
{
    struct sim_reply r;
    sim_metrics_handle(w, op, body, strlen(body), &r);
    *status = r.status;
    CU_ASSERT_STRING_EQUAL(r.content_type, "application/x-amz-json-1.0");
    return r.body;
}

int smf_alb(struct sim_world *w, const char *tg, int64_t from, int64_t to, int period,
        struct cw_result *res)
{
    char *req;
    struct rw_err err;
    int st;
    CU_ASSERT_EQUAL_FATAL(cw_alb_request(LB, tg, period, from / 1000, to / 1000, NULL, &req,
                                         &err), 0);
    char *b = smf_call(w, "GetMetricData", req, &st);
    free(req);
    CU_ASSERT_EQUAL(st, 200);
    int rc = cw_parse_metric_data(b, strlen(b), res, &err);
    free(b);
    return rc;
}
