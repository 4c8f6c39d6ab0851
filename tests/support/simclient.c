/* simclient: an in-process fake cloud and a client for it (see simclient.h). */
#include "simclient.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xmalloc.h"
#include "sim/sim_auth.h"
#include "sim/sim_logs.h"

static int sim_keys(void *ud, struct aws_creds *out, struct rw_err *err)
{
    (void)ud, (void)err;
    out->access_key = xstrdup(SIM_ACCESS_KEY);
    out->secret_key = xstrdup(SIM_SECRET_KEY);
    return 0;
}

static void no_invalidate(void *ud)
{
    (void)ud;
}

struct aws_client *simclient_client(struct rw_loop *loop, const char *url, int max_attempts)
{
    struct aws_client_config cfg = { .loop = loop, .region = "us-east-1",
                                     .creds = { sim_keys, no_invalidate, NULL },
                                     .max_attempts = max_attempts };
    for (int i = 0; i < AWS_SVC_COUNT; i++)
        cfg.endpoints[i] = url;
    return aws_client_new(&cfg);
}

int simclient_start(struct simclient *s, const char *scenario, int logs)
{
    memset(s, 0, sizeof *s);
    s->w = xcalloc(1, sizeof *s->w);
    if (sim_world_init(s->w, scenario, rw_wall_ms(), 1, 1) < 0) {
        free(s->w);
        return -1;
    }
    if (logs)
        sim_logs_attach(s->w);
    struct sim_faults none = { 0 };
    struct rw_err err;
    s->srv = sim_server_start(s->w, 0, &none, 1, &err);
    if (!s->srv) {
        sim_world_destroy(s->w);
        free(s->w);
        return -1;
    }
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d", sim_server_port(s->srv));
    s->loop = rw_loop_new();
    s->c = simclient_client(s->loop, s->url, 0);
    return 0;
}

void simclient_stop(struct simclient *s)
{
    aws_client_free(s->c);
    rw_loop_free(s->loop);
    sim_server_stop(s->srv);
    sim_world_destroy(s->w);
    free(s->w);
    memset(s, 0, sizeof *s);
}
