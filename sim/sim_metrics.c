/* sim_metrics: GetMetricData and ListMetrics replies in JSON 1.0 and XML
 * (see sim_metrics.h). The numbers come from sim_metrics_data. */
#include "sim_metrics.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sim_elb.h"
#include "sim_metrics_data.h"
#include "sim_metrics_req.h"

#define TOKEN_PREFIX "rwsim-md-"

/* One returned series' slice of the page: the grid indexes of its points in
 * scan order, of which [from, to) are on this page. */
struct slice {
    int q;
    int *pos;
    int npos, from, to;
};

struct page {
    struct slice *s;
    int n;
    long long next;          /* offset of the next page, -1 for none */
};

static long long parse_token(const char *t)
{
    size_t n = strlen(TOKEN_PREFIX);
    if (!t || strncmp(t, TOKEN_PREFIX, n) != 0 || !t[n] || strlen(t + n) > 12)
        return -1;
    char *end;
    long long v = strtoll(t + n, &end, 10);
    return *end || v < 0 ? -1 : v;
}

static void page_free(struct page *pg)
{
    for (int i = 0; i < pg->n; i++)
        free(pg->s[i].pos);
    free(pg->s);
}

/* Cut the page the request asks for out of res; -1 with err for a bad token. */
static int make_page(const struct sim_md_req *r, const struct sim_md_result *res,
                     struct page *pg, struct sim_md_err *err)
{
    long long off = r->next_token ? parse_token(r->next_token) : 0, g = 0;
    long long budget = r->max_dp > 0 ? r->max_dp : SIM_MD_MAX_POINTS;
    memset(pg, 0, sizeof *pg);
    if (off < 0) {
        err->code = "InvalidNextToken";
        snprintf(err->msg, sizeof err->msg, "The NextToken is not valid.");
        return -1;
    }
    pg->s = xcalloc(r->nq ? (size_t)r->nq : 1, sizeof *pg->s);
    for (int i = 0; i < r->nq; i++) {
        const struct sim_md_series *s = &res->s[i];
        if (!r->q[i].return_data)
            continue;
        struct slice *sl = &pg->s[pg->n++];
        sl->q = i;
        sl->pos = xcalloc(s->n ? (size_t)s->n : 1, sizeof *sl->pos);
        for (int k = 0; k < s->n; k++) {
            int idx = r->ascending ? k : s->n - 1 - k;
            if (s->has[idx])
                sl->pos[sl->npos++] = idx;
        }
        long long from = off - g, to = off + budget - g;
        sl->from = (int)(from < 0 ? 0 : from > sl->npos ? sl->npos : from);
        sl->to = (int)(to < sl->from ? sl->from : to > sl->npos ? sl->npos : to);
        g += sl->npos;
    }
    pg->next = off + budget < g ? off + budget : -1;
    return 0;
}

static const char *label(const struct sim_md_query *q)
{
    return q->label ? q->label : q->has_stat ? q->metric : q->id;
}

static const char *status(const struct slice *sl)
{
    return sl->to < sl->npos ? "PartialData" : "Complete";
}

static char *render_json(const struct sim_md_req *r, const struct sim_md_result *res,
                         const struct page *pg)
{
    cJSON *o = cJSON_CreateObject(), *a = cJSON_AddArrayToObject(o, "MetricDataResults");
    for (int i = 0; i < pg->n; i++) {
        const struct slice *sl = &pg->s[i];
        const struct sim_md_series *s = &res->s[sl->q];
        cJSON *m = cJSON_CreateObject();
        cJSON_AddItemToArray(a, m);
        cJSON_AddStringToObject(m, "Id", r->q[sl->q].id);
        cJSON_AddStringToObject(m, "Label", label(&r->q[sl->q]));
        cJSON *ts = cJSON_AddArrayToObject(m, "Timestamps");
        cJSON *vs = cJSON_AddArrayToObject(m, "Values");
        for (int k = sl->from; k < sl->to; k++) {
            int64_t t = s->start_ms + (int64_t)sl->pos[k] * s->period_s * 1000;
            cJSON_AddItemToArray(ts, cJSON_CreateNumber((double)(t / 1000)));
            cJSON_AddItemToArray(vs, cJSON_CreateNumber(s->v[sl->pos[k]]));
        }
        cJSON_AddStringToObject(m, "StatusCode", status(sl));
    }
    if (pg->next >= 0) {
        char tok[40];
        snprintf(tok, sizeof tok, TOKEN_PREFIX "%lld", pg->next);
        cJSON_AddStringToObject(o, "NextToken", tok);
    }
    cJSON_AddArrayToObject(o, "Messages");
    char *out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    if (!out)
        rw_die("out of memory");
    return out;
}

static void render_xml(const struct sim_md_req *r, const struct sim_md_result *res,
                       const struct page *pg, struct sim_xml *x)
{
    char iso[40];
    sim_xml_open(x, "MetricDataResults");
    for (int i = 0; i < pg->n; i++) {
        const struct slice *sl = &pg->s[i];
        const struct sim_md_series *s = &res->s[sl->q];
        sim_xml_open(x, "member");
        sim_xml_open(x, "Timestamps");
        for (int k = sl->from; k < sl->to; k++) {
            sim_query_time(s->start_ms + (int64_t)sl->pos[k] * s->period_s * 1000, 0, iso,
                           sizeof iso);
            sim_xml_elem(x, "member", iso);
        }
        sim_xml_close(x, "Timestamps");
        sim_xml_elem(x, "Label", label(&r->q[sl->q]));
        sim_xml_elem(x, "Id", r->q[sl->q].id);
        sim_xml_open(x, "Values");
        for (int k = sl->from; k < sl->to; k++)
            sim_xml_elemf(x, "member", "%.15g", s->v[sl->pos[k]]);
        sim_xml_close(x, "Values");
        sim_xml_elem(x, "StatusCode", status(sl));
        sim_xml_close(x, "member");
    }
    sim_xml_close(x, "MetricDataResults");
    if (pg->next >= 0)
        sim_xml_elemf(x, "NextToken", TOKEN_PREFIX "%lld", pg->next);
    sim_xml_open(x, "Messages");
    sim_xml_close(x, "Messages");
}

/* Check and compute r into *res and *pg as of the world's now; 0 or -1. */
static int answer(const struct sim_world *w, const struct sim_md_req *r,
                  struct sim_md_result *res, struct page *pg, struct sim_md_err *err)
{
    memset(res, 0, sizeof *res);
    memset(pg, 0, sizeof *pg);
    if (sim_md_validate(r, err) < 0 || sim_md_compute(w, r, w->now_ms, res, err) < 0)
        return -1;
    if (make_page(r, res, pg, err) < 0) {
        sim_md_result_free(res);
        return -1;
    }
    return 0;
}

/* ---- ListMetrics ---- */

/* Whether the target group dims (lb, tg) pass the request's filters. */
static int dims_match(const struct sim_lm_req *r, const char *lb, const char *tg)
{
    for (int i = 0; i < r->ndims; i++) {
        const char *v = strcmp(r->dims[i].name, "LoadBalancer") == 0 ? lb
                      : strcmp(r->dims[i].name, "TargetGroup") == 0 ? tg : NULL;
        if (!v || (r->dims[i].value && strcmp(r->dims[i].value, v) != 0))
            return 0;
    }
    return 1;
}

/* Call emit for every metric r asks for; -1 with err for a bad token. */
static int list_metrics(const struct sim_world *w, const struct sim_lm_req *r,
                        void (*emit)(void *ctx, const char *metric, const char *lb,
                                     const char *tg),
                        void *ctx, struct sim_md_err *err)
{
    if (r->next_token) {
        err->code = "InvalidNextToken";
        snprintf(err->msg, sizeof err->msg, "The NextToken is not valid.");
        return -1;
    }
    char lb[128], tg[256];
    sim_elb_lb_dimension(w, lb, sizeof lb);
    const char *const *names = sim_md_metric_names();
    for (int si = 0; si < w->nservices; si++) {
        sim_elb_tg_dimension(w, si, tg, sizeof tg);
        if (!w->services[si].target_group || !dims_match(r, lb, tg) ||
            (r->ns && strcmp(r->ns, SIM_MD_NAMESPACE) != 0))
            continue;
        for (int m = 0; names[m]; m++)
            if (!r->metric || strcmp(r->metric, names[m]) == 0)
                emit(ctx, names[m], lb, tg);
    }
    return 0;
}

static void emit_json(void *ctx, const char *metric, const char *lb, const char *tg)
{
    cJSON *m = cJSON_CreateObject(), *d;
    cJSON_AddItemToArray(ctx, m);
    cJSON_AddStringToObject(m, "Namespace", SIM_MD_NAMESPACE);
    cJSON_AddStringToObject(m, "MetricName", metric);
    cJSON *dims = cJSON_AddArrayToObject(m, "Dimensions");
    cJSON_AddItemToArray(dims, d = cJSON_CreateObject());
    cJSON_AddStringToObject(d, "Name", "LoadBalancer");
    cJSON_AddStringToObject(d, "Value", lb);
    cJSON_AddItemToArray(dims, d = cJSON_CreateObject());
    cJSON_AddStringToObject(d, "Name", "TargetGroup");
    cJSON_AddStringToObject(d, "Value", tg);
}

static void emit_xml(void *ctx, const char *metric, const char *lb, const char *tg)
{
    struct sim_xml *x = ctx;
    sim_xml_open(x, "member");
    sim_xml_elem(x, "Namespace", SIM_MD_NAMESPACE);
    sim_xml_elem(x, "MetricName", metric);
    sim_xml_open(x, "Dimensions");
    const char *dims[2][2] = { { "LoadBalancer", lb }, { "TargetGroup", tg } };
    for (int i = 0; i < 2; i++) {
        sim_xml_open(x, "member");
        sim_xml_elem(x, "Name", dims[i][0]);
        sim_xml_elem(x, "Value", dims[i][1]);
        sim_xml_close(x, "member");
    }
    sim_xml_close(x, "Dimensions");
    sim_xml_close(x, "member");
}

/* ---- JSON 1.0 ---- */

/* Query-protocol codes and the JSON 1.0 error shapes they travel as. */
static const char *const shapes[][2] = {
    { "InvalidParameterValue", "InvalidParameterValueException" },
    { "MissingParameter", "MissingRequiredParameterException" },
    { "InvalidParameterCombination", "InvalidParameterCombinationException" },
    { "InvalidNextToken", "InvalidNextToken" },
};

int sim_metrics_query_error(const struct sim_reply *r, char *out, size_t n)
{
    cJSON *o = r->status >= 400 && r->body ? cJSON_Parse(r->body) : NULL;
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "__type"));
    const char *hash = type ? strrchr(type, '#') : NULL;
    int rc = -1;
    for (size_t i = 0; hash && rc < 0 && i < sizeof shapes / sizeof *shapes; i++)
        if (strcmp(hash + 1, shapes[i][1]) == 0)
            rc = snprintf(out, n, "%s;%s", shapes[i][0], r->status >= 500 ? "Receiver" : "Sender")
                     < (int)n ? 0 : -1;
    cJSON_Delete(o);
    return rc;
}

static void json_error(struct sim_reply *r, const struct sim_md_err *err)
{
    const char *shape = err->code;
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        if (strcmp(err->code, shapes[i][0]) == 0)
            shape = shapes[i][1];
    char type[128];
    snprintf(type, sizeof type, "com.amazonaws.cloudwatch#%s", shape);
    sim_route_error(r, 400, type, err->msg);
}

static char *json_get_metric_data(struct sim_world *w, const char *body, size_t len,
                                  struct sim_md_err *err)
{
    struct sim_md_req req;
    struct sim_md_result res;
    struct page pg;
    if (sim_md_parse_json(body, len, &req, err) < 0)
        return NULL;
    char *out = NULL;
    if (answer(w, &req, &res, &pg, err) == 0) {
        out = render_json(&req, &res, &pg);
        page_free(&pg);
        sim_md_result_free(&res);
    }
    sim_md_req_free(&req);
    return out;
}

static char *json_list_metrics(struct sim_world *w, const char *body, size_t len,
                               struct sim_md_err *err)
{
    struct sim_lm_req req;
    if (sim_lm_parse_json(body, len, &req, err) < 0)
        return NULL;
    cJSON *o = cJSON_CreateObject();
    char *out = NULL;
    if (list_metrics(w, &req, emit_json, cJSON_AddArrayToObject(o, "Metrics"), err) == 0)
        out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    sim_lm_req_free(&req);
    return out;
}

void sim_metrics_handle(struct sim_world *w, const char *op, const char *body, size_t len,
                        struct sim_reply *r)
{
    memset(r, 0, sizeof *r);
    int gmd = op && strcmp(op, "GetMetricData") == 0, lm = op && strcmp(op, "ListMetrics") == 0;
    struct sim_md_err err = { "InternalFailure", "" };
    char *out = NULL;
    if (gmd || lm) {
        pthread_mutex_lock(&w->mu);
        sim_world_advance(w, sim_world_clock(w));
        out = gmd ? json_get_metric_data(w, body ? body : "", body ? len : 0, &err)
                  : json_list_metrics(w, body ? body : "", body ? len : 0, &err);
        pthread_mutex_unlock(&w->mu);
    }
    if (out) {
        r->status = 200;
        r->body = out;
    } else if (gmd || lm) {
        json_error(r, &err);
    } else {
        sim_route_error(r, 400, "com.amazonaws.cloudwatch#UnknownOperationException", NULL);
    }
    r->content_type = SIM_METRICS_CONTENT_TYPE;
}

/* ---- query protocol ---- */

static void query_get_metric_data(struct sim_world *w, const struct sim_form *f,
                                  const struct sim_query_ctx *c)
{
    struct sim_md_req req;
    struct sim_md_result res;
    struct page pg;
    struct sim_md_err err = { "InternalFailure", "" };
    if (sim_md_parse_form(f, &req, &err) < 0) {
        sim_query_fail(c, 400, err.code, "%s", err.msg);
        return;
    }
    if (answer(w, &req, &res, &pg, &err) == 0) {
        struct sim_xml x;
        sim_query_begin(c, &x);
        render_xml(&req, &res, &pg, &x);
        sim_query_finish(c, &x);
        page_free(&pg);
        sim_md_result_free(&res);
    } else {
        sim_query_fail(c, 400, err.code, "%s", err.msg);
    }
    sim_md_req_free(&req);
}

static void query_list_metrics(struct sim_world *w, const struct sim_form *f,
                               const struct sim_query_ctx *c)
{
    struct sim_lm_req req;
    struct sim_md_err err = { "InternalFailure", "" };
    struct sim_xml x;
    if (sim_lm_parse_form(f, &req, &err) < 0) {
        sim_query_fail(c, 400, err.code, "%s", err.msg);
        return;
    }
    sim_query_begin(c, &x);
    sim_xml_open(&x, "Metrics");
    if (list_metrics(w, &req, emit_xml, &x, &err) == 0) {
        sim_xml_close(&x, "Metrics");
        sim_query_finish(c, &x);
    } else {
        sim_xml_free(&x);
        sim_query_fail(c, 400, err.code, "%s", err.msg);
    }
    sim_lm_req_free(&req);
}

int sim_metrics_query(struct sim_world *w, const struct sim_form *f,
                      const struct sim_query_ctx *c)
{
    if (strcmp(c->action, "GetMetricData") == 0)
        query_get_metric_data(w, f, c);
    else if (strcmp(c->action, "ListMetrics") == 0)
        query_list_metrics(w, f, c);
    else
        return -1;
    return 0;
}
