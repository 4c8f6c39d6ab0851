/* elbv2: ELBv2 query-protocol request bodies, response parsers and ARN
 * dimension helpers (see elbv2.h). Responses are walked as an expat tree. */
#include "elbv2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "sigv4.h"
#include "query.h"
#include "xml.h"

#define ELBV2_MAX_PAGE 400

/* Whether each of vals[0..n) is a non-empty string. */
static int all_given(const char *const *vals, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!vals[i] || !*vals[i])
            return 0;
    return 1;
}

/* body + "&Key.member.1=v1&Key.member.2=v2..."; frees body. */
static char *form_list(char *body, const char *key, const char *const *vals, size_t n)
{
    char k[96];
    for (size_t i = 0; i < n; i++) {
        snprintf(k, sizeof k, "%s.member.%zu", key, i + 1);
        body = query_form_add(body, k, vals[i]);
    }
    return body;
}

/* 0 if the member lists hold no empty value and the page size is 0 or
 * 1..400; else -1 with RW_E_USAGE. */
static int check_lists(const char *action, const char *const *a, size_t na,
                       const char *const *b, size_t nb, int page_size, struct rw_err *err)
{
    if (!all_given(a, na) || !all_given(b, nb))
        return rw_err_set(err, RW_E_USAGE, "%s: an empty name or ARN", action);
    if (page_size < 0 || page_size > ELBV2_MAX_PAGE)
        return rw_err_set(err, RW_E_USAGE, "%s: PageSize %d is outside 1..%d", action,
                          page_size, ELBV2_MAX_PAGE);
    return 0;
}

/* body + Marker and PageSize when given; frees body. */
static char *form_page(char *body, const char *marker, int page_size)
{
    if (marker && *marker)
        body = query_form_add(body, "Marker", marker);
    if (page_size > 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", page_size);
        body = query_form_add(body, "PageSize", num);
    }
    return body;
}

char *elbv2_describe_load_balancers_body(const struct elbv2_lbs_params *p, struct rw_err *err)
{
    static const char action[] = "DescribeLoadBalancers";
    if (p->nnames && p->narns) {
        rw_err_set(err, RW_E_USAGE, "%s: give Names or LoadBalancerArns, not both", action);
        return NULL;
    }
    if (check_lists(action, p->names, p->nnames, p->arns, p->narns, p->page_size, err) < 0)
        return NULL;
    char *b = form_list(query_form_start(action, ELBV2_VERSION), "Names", p->names, p->nnames);
    b = form_list(b, "LoadBalancerArns", p->arns, p->narns);
    return form_page(b, p->marker, p->page_size);
}

char *elbv2_describe_target_groups_body(const struct elbv2_tgs_params *p, struct rw_err *err)
{
    static const char action[] = "DescribeTargetGroups";
    int given = (p->lb_arn != NULL) + (p->narns > 0) + (p->nnames > 0);
    if (given > 1 || (p->lb_arn && !*p->lb_arn)) {
        rw_err_set(err, RW_E_USAGE, "%s: give one of LoadBalancerArn, TargetGroupArns, Names",
                   action);
        return NULL;
    }
    if (check_lists(action, p->arns, p->narns, p->names, p->nnames, p->page_size, err) < 0)
        return NULL;
    char *b = query_form_start(action, ELBV2_VERSION);
    if (p->lb_arn)
        b = query_form_add(b, "LoadBalancerArn", p->lb_arn);
    b = form_list(b, "TargetGroupArns", p->arns, p->narns);
    b = form_list(b, "Names", p->names, p->nnames);
    return form_page(b, p->marker, p->page_size);
}

char *elbv2_describe_target_health_body(const char *tg_arn, struct rw_err *err)
{
    if (!tg_arn || !*tg_arn) {
        rw_err_set(err, RW_E_USAGE, "DescribeTargetHealth: TargetGroupArn is required");
        return NULL;
    }
    return query_form_add(query_form_start("DescribeTargetHealth", ELBV2_VERSION), "TargetGroupArn", tg_arn);
}

/* A port at path under n into *port: 0 when absent, else 1..65535. */
static int opt_port(const struct xml_node *n, const char *path, int *port, const char *what,
                    struct rw_err *err)
{
    const char *t = xml_path_text(n, path);
    long v = 0;
    for (size_t i = 0; t && t[i] && v <= 65535; i++)
        v = t[i] >= '0' && t[i] <= '9' ? v * 10 + (t[i] - '0') : 65536;
    if (t && (v < 1 || v > 65535))
        return rw_err_set(err, RW_E_PARSE, "%s: %s \"%.16s\" is not a port", what, path, t);
    *port = (int)v;
    return 0;
}

static int parse_lb(const struct xml_node *m, struct elbv2_load_balancer *lb, struct rw_err *err)
{
    static const char what[] = "DescribeLoadBalancers response: LoadBalancers/member";
    if (query_req_text(m, "LoadBalancerArn", &lb->arn, what, err) < 0 ||
        query_req_text(m, "LoadBalancerName", &lb->name, what, err) < 0)
        return -1;
    lb->dns_name = query_opt_text(m, "DNSName");
    lb->type = query_opt_text(m, "Type");
    lb->scheme = query_opt_text(m, "Scheme");
    lb->state = query_opt_text(m, "State/Code");
    return 0;
}

int elbv2_parse_load_balancers(const char *body, size_t len, struct elbv2_load_balancers *out,
                               struct rw_err *err)
{
    static const char action[] = "DescribeLoadBalancers";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = query_open_result(body, len, action, &root, err), *list;
    if (!res)
        return -1;
    int rc = query_list_at(res, "LoadBalancers", &list, "DescribeLoadBalancers response", err);
    if (rc == 0 && list && list->nkids) {
        out->items = xcalloc(list->nkids, sizeof *out->items);
        for (; rc == 0 && out->n < list->nkids; out->n++)
            rc = parse_lb(list->kids[out->n], &out->items[out->n], err);
    }
    if (rc == 0)
        out->next_marker = query_opt_text(res, "NextMarker");
    xml_free(root);
    if (rc < 0)
        elbv2_load_balancers_free(out);
    return rc;
}

void elbv2_load_balancers_free(struct elbv2_load_balancers *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct elbv2_load_balancer *lb = &l->items[i];
        free(lb->arn);
        free(lb->name);
        free(lb->dns_name);
        free(lb->type);
        free(lb->scheme);
        free(lb->state);
    }
    free(l->items);
    free(l->next_marker);
    memset(l, 0, sizeof *l);
}

static int parse_tg(const struct xml_node *m, struct elbv2_target_group *tg, struct rw_err *err)
{
    static const char what[] = "DescribeTargetGroups response: TargetGroups/member";
    const struct xml_node *lbs;
    if (query_req_text(m, "TargetGroupArn", &tg->arn, what, err) < 0 ||
        query_req_text(m, "TargetGroupName", &tg->name, what, err) < 0 ||
        opt_port(m, "Port", &tg->port, what, err) < 0 ||
        query_list_at(m, "LoadBalancerArns", &lbs, what, err) < 0)
        return -1;
    tg->protocol = query_opt_text(m, "Protocol");
    tg->health_check_path = query_opt_text(m, "HealthCheckPath");
    tg->target_type = query_opt_text(m, "TargetType");
    if (lbs && lbs->nkids)
        tg->lb_arns = xcalloc(lbs->nkids, sizeof *tg->lb_arns);
    for (; lbs && tg->nlb_arns < lbs->nkids; tg->nlb_arns++) {
        const struct xml_node *arn = lbs->kids[tg->nlb_arns];
        if (!*arn->text)
            return rw_err_set(err, RW_E_PARSE, "%s: an empty LoadBalancerArns/member", what);
        tg->lb_arns[tg->nlb_arns] = xstrdup(arn->text);
    }
    return 0;
}

int elbv2_parse_target_groups(const char *body, size_t len, struct elbv2_target_groups *out,
                              struct rw_err *err)
{
    static const char action[] = "DescribeTargetGroups";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = query_open_result(body, len, action, &root, err), *list;
    if (!res)
        return -1;
    int rc = query_list_at(res, "TargetGroups", &list, "DescribeTargetGroups response", err);
    if (rc == 0 && list && list->nkids) {
        out->items = xcalloc(list->nkids, sizeof *out->items);
        for (; rc == 0 && out->n < list->nkids; out->n++)
            rc = parse_tg(list->kids[out->n], &out->items[out->n], err);
    }
    if (rc == 0)
        out->next_marker = query_opt_text(res, "NextMarker");
    xml_free(root);
    if (rc < 0)
        elbv2_target_groups_free(out);
    return rc;
}

void elbv2_target_groups_free(struct elbv2_target_groups *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct elbv2_target_group *tg = &l->items[i];
        free(tg->arn);
        free(tg->name);
        free(tg->protocol);
        free(tg->health_check_path);
        free(tg->target_type);
        for (size_t j = 0; j < tg->nlb_arns; j++)
            free(tg->lb_arns[j]);
        free(tg->lb_arns);
    }
    free(l->items);
    free(l->next_marker);
    memset(l, 0, sizeof *l);
}

static int parse_th(const struct xml_node *m, struct elbv2_target_health *th, struct rw_err *err)
{
    static const char what[] = "DescribeTargetHealth response: TargetHealthDescriptions/member";
    if (query_req_text(m, "Target/Id", &th->id, what, err) < 0 ||
        query_req_text(m, "TargetHealth/State", &th->state, what, err) < 0 ||
        opt_port(m, "Target/Port", &th->port, what, err) < 0)
        return -1;
    th->az = query_opt_text(m, "Target/AvailabilityZone");
    th->health_check_port = query_opt_text(m, "HealthCheckPort");
    th->reason = query_opt_text(m, "TargetHealth/Reason");
    th->description = query_opt_text(m, "TargetHealth/Description");
    return 0;
}

int elbv2_parse_target_health(const char *body, size_t len, struct elbv2_target_healths *out,
                              struct rw_err *err)
{
    static const char action[] = "DescribeTargetHealth";
    memset(out, 0, sizeof *out);
    struct xml_node *root;
    const struct xml_node *res = query_open_result(body, len, action, &root, err), *list;
    if (!res)
        return -1;
    int rc = query_list_at(res, "TargetHealthDescriptions", &list, "DescribeTargetHealth response", err);
    if (rc == 0 && list && list->nkids) {
        out->items = xcalloc(list->nkids, sizeof *out->items);
        for (; rc == 0 && out->n < list->nkids; out->n++)
            rc = parse_th(list->kids[out->n], &out->items[out->n], err);
    }
    xml_free(root);
    if (rc < 0)
        elbv2_target_healths_free(out);
    return rc;
}

void elbv2_target_healths_free(struct elbv2_target_healths *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct elbv2_target_health *th = &l->items[i];
        free(th->id);
        free(th->az);
        free(th->health_check_port);
        free(th->state);
        free(th->reason);
        free(th->description);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The resource part of an ELBv2 ARN ("arn:P:elasticloadbalancing:R:A:RESOURCE")
 * if it is "<kind>/" followed by nseg non-empty '/'-separated segments. */
static const char *elb_resource(const char *arn, const char *kind, int nseg)
{
    static const char svc[] = "elasticloadbalancing";
    if (!arn || strncmp(arn, "arn:", 4) != 0)
        return NULL;
    const char *p = strchr(arn + 4, ':');   /* after the partition */
    if (!p || p == arn + 4 || strncmp(p + 1, svc, sizeof svc - 1) != 0 || p[sizeof svc] != ':')
        return NULL;
    p += sizeof svc + 1;                     /* region */
    for (int i = 0; p && i < 2; i++)         /* skip region and account */
        p = (p = strchr(p, ':')) ? p + 1 : NULL;
    size_t klen = strlen(kind);
    if (!p || strncmp(p, kind, klen) != 0 || p[klen] != '/')
        return NULL;
    const char *seg = p + klen + 1;
    for (int i = 0; i < nseg; i++) {
        size_t n = strcspn(seg, "/");
        if (n == 0 || (i < nseg - 1 ? seg[n] != '/' : seg[n] != '\0'))
            return NULL;
        seg += n + (i < nseg - 1);
    }
    return p;
}

const char *elbv2_lb_dimension(const char *arn)
{
    const char *r = elb_resource(arn, "loadbalancer", 3);
    return r ? r + strlen("loadbalancer/") : NULL;
}

const char *elbv2_tg_dimension(const char *arn)
{
    return elb_resource(arn, "targetgroup", 2);
}
