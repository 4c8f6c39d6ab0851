/* alb_metrics: target group -> load balancer -> GetMetricData pages ->
 * model_metrics (see alb_metrics.h). One AWS call is in flight at a time. */
#include "alb_metrics.h"

#include <stdlib.h>
#include <string.h>

#include "cloudwatch.h"
#include "core/clock.h"
#include "core/xmalloc.h"
#include "elbv2.h"

struct alb_entry {
    char *tg_arn, *lb_dim;
    struct alb_entry *next;
};

struct alb_cache {
    struct alb_entry *head;
};

/* Raw datapoints of one series, gathered over the pages. */
struct acc {
    int64_t *ts;
    double *v;
    size_t n, cap;
};

enum { ACC_P95, ACC_REQUESTS, ACC_ERRORS, ACC_COUNT };
static const char *const acc_ids[ACC_COUNT] = { CW_ALB_ID_P95, CW_ALB_ID_REQUESTS,
                                               CW_ALB_ID_ERRORS };

struct alb_metrics_job {
    struct aws_client *c;
    struct alb_cache *cache;
    alb_metrics_fn fn;
    void *ud;
    char *tg_arn;
    int window_min, period_s, max_dp, pages;
    int64_t start_s, end_s;
    uint64_t call, timer;
    struct acc acc[ACC_COUNT];
};

struct alb_cache *alb_cache_new(void)
{
    return xcalloc(1, sizeof(struct alb_cache));
}

void alb_cache_free(struct alb_cache *c)
{
    while (c && c->head) {
        struct alb_entry *e = c->head;
        c->head = e->next;
        free(e->tg_arn);
        free(e->lb_dim);
        free(e);
    }
    free(c);
}

const char *alb_cache_lb(const struct alb_cache *c, const char *tg_arn)
{
    for (const struct alb_entry *e = c->head; tg_arn && e; e = e->next)
        if (strcmp(e->tg_arn, tg_arn) == 0)
            return e->lb_dim;
    return NULL;
}

static void cache_put(struct alb_cache *c, const char *tg_arn, const char *lb_dim)
{
    struct alb_entry *e = xcalloc(1, sizeof *e);
    e->tg_arn = xstrdup(tg_arn);
    e->lb_dim = xstrdup(lb_dim);
    e->next = c->head;
    c->head = e;
}

static void job_free(struct alb_metrics_job *j)
{
    for (int i = 0; i < ACC_COUNT; i++) {
        free(j->acc[i].ts);
        free(j->acc[i].v);
    }
    free(j->tg_arn);
    free(j);
}

/* Deliver m (or err) and free the job. */
static void finish(struct alb_metrics_job *j, struct model_metrics *m, const struct rw_err *err)
{
    alb_metrics_fn fn = j->fn;
    void *ud = j->ud;
    job_free(j);
    fn(err ? NULL : m, err, ud);
    if (m)
        model_metrics_clear(m); /* whatever the callee left */
}

static void finish_no_lb(struct alb_metrics_job *j)
{
    struct model_metrics m = { 0 };
    model_metrics_no_lb(&m, j->window_min);
    finish(j, &m, NULL);
}

static void fail(struct alb_metrics_job *j, const struct rw_err *err)
{
    finish(j, NULL, err);
}

/* The load balancer's name out of its dimension ("app/NAME/ID" -> NAME). */
static char *lb_name(const char *dim)
{
    const char *a = strchr(dim, '/'), *b = a ? strchr(a + 1, '/') : NULL;
    return a && b ? xstrndup(a + 1, (size_t)(b - a - 1)) : xstrdup(dim);
}

static void on_metrics(const struct aws_reply *r, void *ud);

static void send_metrics(struct alb_metrics_job *j, const char *next_token)
{
    const char *lb = alb_cache_lb(j->cache, j->tg_arn), *tg = elbv2_tg_dimension(j->tg_arn);
    struct rw_err err;
    if (!tg) {
        rw_err_set(&err, RW_E_USAGE, "not a target group ARN: %.200s", j->tg_arn);
        fail(j, &err);
        return;
    }
    const struct cw_dimension dims[] = { { "LoadBalancer", lb }, { "TargetGroup", tg } };
    struct cw_query q[ACC_COUNT] = { 0 };
    static const char *const metric[ACC_COUNT] = { "TargetResponseTime", "RequestCount",
                                                   "HTTPCode_Target_5XX_Count" };
    static const char *const stat[ACC_COUNT] = { "p95", "Sum", "Sum" };
    for (int i = 0; i < ACC_COUNT; i++)
        q[i] = (struct cw_query){ .id = acc_ids[i], .namespace_ = "AWS/ApplicationELB",
                                  .metric = metric[i], .dims = dims, .ndims = 2,
                                  .period_s = j->period_s, .stat = stat[i] };
    struct cw_request req = { q, ACC_COUNT, j->start_s, j->end_s, j->max_dp, next_token };
    char *json;
    if (cw_request_json(&req, &json, &err) < 0) {
        fail(j, &err);
        return;
    }
    static const struct aws_op op = { AWS_SVC_CLOUDWATCH, AWS_PROTO_JSON_1_0,
                                      CW_TARGET_GET_METRIC_DATA, "GetMetricData", 0, 0 };
    j->pages++;
    j->call = aws_call(j->c, &op, json, strlen(json), on_metrics, j);
    free(json);
}

static void append(struct acc *a, const struct cw_series *s)
{
    if (!s->n) /* a series with no datapoints on this page */
        return;
    if (a->n + s->n > a->cap) {
        a->cap = (a->n + s->n) * 2;
        a->ts = xrealloc(a->ts, a->cap * sizeof *a->ts);
        a->v = xrealloc(a->v, a->cap * sizeof *a->v);
    }
    memcpy(a->ts + a->n, s->ts_ms, s->n * sizeof *a->ts);
    memcpy(a->v + a->n, s->values, s->n * sizeof *a->v);
    a->n += s->n;
}

/* Take one page's series; -1 with err if CloudWatch said a series failed. */
static int take_page(struct alb_metrics_job *j, const struct cw_result *res, struct rw_err *err)
{
    for (int i = 0; i < ACC_COUNT; i++) {
        const struct cw_series *s = cw_result_find(res, acc_ids[i]);
        if (!s)
            continue;
        if (s->status == CW_STATUS_FORBIDDEN || s->status == CW_STATUS_INTERNAL_ERROR)
            return rw_err_set(err, RW_E_AWS, "GetMetricData: %s: %s", cw_status_name(s->status),
                              s->nmessages && s->messages[0].value ? s->messages[0].value
                                                                   : acc_ids[i]);
        append(&j->acc[i], s);
    }
    return 0;
}

static void assemble(struct alb_metrics_job *j)
{
    struct model_points pts[ACC_COUNT];
    for (int i = 0; i < ACC_COUNT; i++)
        pts[i] = (struct model_points){ j->acc[i].ts, j->acc[i].v, j->acc[i].n };
    struct model_metrics m = { 0 };
    model_metrics_build(&m, j->start_s * 1000, j->window_min, j->period_s, &pts[ACC_P95],
                        &pts[ACC_REQUESTS], &pts[ACC_ERRORS]);
    m.source = lb_name(alb_cache_lb(j->cache, j->tg_arn));
    finish(j, &m, NULL);
}

static void on_metrics(const struct aws_reply *r, void *ud)
{
    struct alb_metrics_job *j = ud;
    j->call = 0;
    struct cw_result res;
    struct rw_err err;
    if (!r->ok) {
        fail(j, &r->err);
        return;
    }
    if (cw_parse_metric_data(r->body, r->len, &res, &err) < 0 || take_page(j, &res, &err) < 0) {
        cw_result_free(&res);
        fail(j, &err);
        return;
    }
    if (res.next_token && j->pages >= ALB_METRICS_MAX_PAGES) {
        rw_err_set(&err, RW_E_AWS, "GetMetricData: more than %d pages", ALB_METRICS_MAX_PAGES);
        cw_result_free(&res);
        fail(j, &err);
        return;
    }
    if (res.next_token)
        send_metrics(j, res.next_token);
    else
        assemble(j);
    cw_result_free(&res);
}

/* Remember the first load balancer of the target group DescribeTargetGroups
 * gave: 0, 1 when no load balancer uses it, -1 with err. */
static int learn_lb(struct alb_metrics_job *j, const struct elbv2_target_groups *tgs,
                    struct rw_err *err)
{
    if (!tgs->n)
        return rw_err_set(err, RW_E_AWS, "DescribeTargetGroups: %.200s not found", j->tg_arn);
    const struct elbv2_target_group *tg = &tgs->items[0];
    if (!tg->nlb_arns)
        return 1;
    const char *dim = elbv2_lb_dimension(tg->lb_arns[0]);
    if (!dim || strncmp(dim, "app/", 4) != 0)
        return rw_err_set(err, RW_E_AWS, "target group %.100s is not behind an Application "
                          "Load Balancer (%.200s)", tg->name, tg->lb_arns[0]);
    cache_put(j->cache, j->tg_arn, dim);
    return 0;
}

static void on_target_groups(const struct aws_reply *r, void *ud)
{
    struct alb_metrics_job *j = ud;
    j->call = 0;
    struct elbv2_target_groups tgs;
    struct rw_err err;
    if (!r->ok) {
        fail(j, &r->err);
        return;
    }
    if (elbv2_parse_target_groups(r->body, r->len, &tgs, &err) < 0) {
        fail(j, &err);
        return;
    }
    int rc = learn_lb(j, &tgs, &err);
    elbv2_target_groups_free(&tgs);
    if (rc < 0)
        fail(j, &err);
    else if (rc > 0)
        finish_no_lb(j);
    else
        send_metrics(j, NULL);
}

static void send_describe(struct alb_metrics_job *j)
{
    const char *arns[] = { j->tg_arn };
    struct elbv2_tgs_params p = { .arns = arns, .narns = 1 };
    struct rw_err err;
    char *body = elbv2_describe_target_groups_body(&p, &err);
    if (!body) {
        fail(j, &err);
        return;
    }
    static const struct aws_op op = { AWS_SVC_ELBV2, AWS_PROTO_QUERY, NULL,
                                      "DescribeTargetGroups", 0, 0 };
    j->call = aws_call(j->c, &op, body, strlen(body), on_target_groups, j);
    free(body);
}

static void kick(struct rw_loop *loop, void *ud)
{
    (void)loop;
    struct alb_metrics_job *j = ud;
    j->timer = 0;
    if (!j->tg_arn)
        finish_no_lb(j);
    else if (alb_cache_lb(j->cache, j->tg_arn))
        send_metrics(j, NULL);
    else
        send_describe(j);
}

struct alb_metrics_job *alb_metrics_start(struct aws_client *c, struct alb_cache *cache,
                                          const struct alb_metrics_req *r, alb_metrics_fn fn,
                                          void *ud)
{
    struct alb_metrics_job *j = xcalloc(1, sizeof *j);
    j->c = c;
    j->cache = cache;
    j->fn = fn;
    j->ud = ud;
    j->window_min = r->window_min > 0 ? r->window_min : MODEL_METRICS_WINDOW_MIN;
    j->period_s = r->period_s > 0 ? r->period_s : MODEL_METRICS_PERIOD_S;
    j->max_dp = r->max_datapoints;
    j->end_s = r->end_s;
    if (!j->end_s) {
        int64_t now = rw_wall_ms() / 1000;
        j->end_s = (now + j->period_s - 1) / j->period_s * j->period_s;
    }
    j->start_s = j->end_s - (int64_t)j->window_min * 60;
    j->tg_arn = r->target_group ? xstrdup(r->target_group) : NULL;
    /* the first step runs from the loop, so fn never runs inside start */
    j->timer = rw_loop_timer_add(aws_client_loop(c), 0, 0, kick, j);
    return j;
}

void alb_metrics_cancel(struct alb_metrics_job *j)
{
    if (!j)
        return;
    if (j->call)
        aws_cancel(j->c, j->call);
    if (j->timer)
        rw_loop_timer_cancel(aws_client_loop(j->c), j->timer);
    job_free(j);
}
