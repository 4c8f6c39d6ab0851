/* sim_health: health endpoint replies (see sim_health.h). */
#include "sim_health.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_signal.h"

static char *body_of(const struct sim_world *w, int si, const struct sim_probe *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", p->status == 200 ? "ok" : "unavailable");
    if (p->task >= 0) {
        const struct sim_td *td = sim_world_task_td(w, p->task);
        cJSON_AddStringToObject(o, "task", w->tasks[p->task].id);
        cJSON_AddStringToObject(o, "release", td ? td->release : "");
    }
    if (p->status != 200)
        cJSON_AddStringToObject(o, "reason", p->task < 0 ? "no healthy targets"
                                : sim_world_flapping(w, si, w->now_ms) ? "dependency check failed"
                                : "upstream timeout");
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!s)
        rw_die("out of memory");
    return s;
}

void sim_health_handle(struct sim_world *w, const char *service, struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    r->content_type = SIM_HEALTH_CONTENT_TYPE;
    pthread_mutex_lock(&w->mu);
    int64_t now = sim_world_clock(w);
    sim_world_advance(w, now);
    int si = service && strchr(service, '/') == NULL && strncmp(service, "arn:", 4) != 0
                 ? sim_world_find_service(w, service) : -1;
    if (si < 0) {
        pthread_mutex_unlock(&w->mu);
        r->status = 404;
        r->body = xstrdup("{\"status\":\"not found\"}");
        return;
    }
    struct sim_probe p = sim_signal_probe(w, si, now);
    r->status = p.status;
    r->delay_ms = p.latency_ms;
    r->body = body_of(w, si, &p);
    pthread_mutex_unlock(&w->mu);
}
